"""The repository itself: nothing in it depends on one machine's layout."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Home folders, this workplace's checkout roots and temp folders: a path under
# one of these works on one machine only. System paths (/usr/share/fonts) are
# Debian's and the same everywhere.
MACHINE_PATH = re.compile(r"(?<![\w.~])/(?:work|root|home|Users|tmp)/[\w.-]+")


def _tracked_files() -> list[Path]:
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / p for p in out.decode().split("\0") if p]


def test_no_absolute_machine_paths():
    hits = []
    for path in _tracked_files():
        if path.suffix.lower() in {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".ttf"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if path.name == Path(__file__).name and "MACHINE_PATH" in line:
                continue
            for m in MACHINE_PATH.finditer(line):
                hits.append(f"{path.relative_to(ROOT)}:{n}: {m.group(0)}")
    assert not hits, "machine-specific paths:\n" + "\n".join(hits)


def test_the_pattern_finds_what_it_should():
    assert MACHINE_PATH.search('AUDIT = Path("/work/shared/audit/audit.py")')
    assert MACHINE_PATH.search("cache in /root/.cache/newspage")
    assert not MACHINE_PATH.search("/usr/share/fonts/opentype/noto")
    assert not MACHINE_PATH.search("~/.cache/newspage")


pytest_plugins = ["pytester"]

SKIPPING = """
import pytest

def test_needs_something():
    pytest.skip("Ghostscript not installed")

@pytest.mark.xfail(reason="known")
def test_known_failure():
    assert False
"""


def _conftest() -> str:
    return (ROOT / "tests" / "conftest.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("ci, failed, skipped", [("true", 1, 0), ("", 0, 1)])
def test_a_skip_fails_under_ci_only(pytester, monkeypatch, ci, failed, skipped):
    monkeypatch.setenv("CI", ci)
    pytester.makeconftest(_conftest())
    pytester.makepyfile(SKIPPING)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=failed, skipped=skipped, xfailed=1)
    if failed:
        result.stdout.fnmatch_lines(["*missing prerequisite under CI*Ghostscript not installed*"])


def test_every_subpackage_is_in_the_wheel():
    """pyproject lists packages by hand (fonts/ is mapped in as layout.fontdata),
    so a new subpackage must be listed or `pip install .` ships without it."""
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(conf["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "layout").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert found <= listed, f"not in pyproject's packages: {sorted(found - listed)}"
