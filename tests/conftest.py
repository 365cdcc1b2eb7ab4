"""Shared fixtures: the sample edition built once per test session.

Under CI (`CI=true`) a skipped test is a failure: a skip there means the clean
machine lacks something (a font, Ghostscript, ../shared) and the run did not
check what it claims. On a developer's machine skips stay skips.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from layout.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not (report.skipped and in_ci()) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"missing prerequisite under CI (a skip is a failure here): {reason}"


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """output folder of `newspage build content/sample` (preflight included)."""
    out = tmp_path_factory.mktemp("sample")
    assert main(["build", str(SAMPLE), "-o", str(out)]) == 0
    return out
