"""Shared fixtures: the sample edition built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """output folder of `newspage build content/sample` (preflight included)."""
    out = tmp_path_factory.mktemp("sample")
    assert main(["build", str(SAMPLE), "-o", str(out)]) == 0
    return out
