"""Kill test (issue 14): a build SIGKILLed at any stage over an older build leaves,
for every page, for edition.pdf and for report.json, either the old file or the
complete new one; the next build finishes the job and leaves no temporary files.

The edition is content/mixed (two pages, laid out and rendered in forked
workers, combined into edition.pdf), first built as it is, then a copy with one
character changed in every article, so that every new file differs from the
old one (report.json too). Each kill lands at a chosen stage, not at a random time: at the first
file event of that stage, in whichever process of the build (killbuild.py
watches the build's own audit events); the whole process group is killed,
workers too. The kills run without the page cache (every page laid out and
rendered), and one more kills a build that copies its pages from the cache.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import stable

# end-to-end: `pytest -m "not slow"` leaves these out of the quick loop
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
MIXED = ROOT / "content" / "mixed"
KILLER = Path(__file__).resolve().parent / "killbuild.py"
PAGE = r"/[^/.][^/]*-\d\d\.pdf"  # a page's final name (not a temporary)

# (stage, audit event, path pattern, delay in seconds after the event)
STAGES = [
    ("laying out the pages", "os.fork", "", 0.05),
    # a page is written whole to a temporary (layout.pdfout), then renamed into place
    ("writing a page", "open", r"-\d\d\.pdf\.\d+\.tmp$|w", 0),
    ("a page renamed into place (the other maybe before)", "os.rename", r"-\d\d\.pdf$", 0),
    ("combining edition.pdf", "open", r"/\.edition\.pdf\.\d+\.raw$|w", 0),
    ("everything but report.json", "os.rename", r"/report\.json$", 0),
]


def _args(edition: Path, out: Path) -> list[str]:
    return ["build", str(edition), "-o", str(out), "--no-preflight", "--combined"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSPAGE_BUILD_CACHE"}
    return {**env, **extra}


def _finish(edition: Path, out: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "layout", *_args(edition, out)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    assert (out / "report.json").is_file() and (out / "edition.pdf").is_file(), r.stdout


def _killed(edition: Path, out: Path, event: str, pattern: str, delay: float, **env) -> None:
    proc = subprocess.Popen(
        [sys.executable, str(KILLER), event, pattern, str(delay), *_args(edition, out)],
        cwd=ROOT,
        env=_env(**env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )
    try:
        _, err = proc.communicate(timeout=900)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        _wait_for_group(proc.pid)
    assert proc.returncode == -signal.SIGKILL, (
        f"the build was not killed at {event} {pattern}: exit {proc.returncode}",
        err.decode(errors="replace")[-2000:],
    )


def _wait_for_group(pgid: int, timeout: float = 30.0) -> None:
    """SIGKILL is delivered at once but a worker takes a moment to die: the next
    build would see it running and rightly leave its temporaries alone."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(_running_in_group(stat, pgid) for stat in Path("/proc").glob("[0-9]*/stat")):
            return
        time.sleep(0.02)


def _running_in_group(stat: Path, pgid: int) -> bool:
    try:
        text = stat.read_text()
    except OSError:
        return False
    fields = text[text.rfind(")") + 2 :].split()
    return fields[2] == str(pgid) and fields[0] not in ("Z", "X")


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}


def _temporaries(out: Path) -> list[str]:
    return sorted(
        p.name for p in out.iterdir() if p.name.startswith(".") and ".newspage" not in p.name
    )


def _change_every_article(edition: Path) -> None:
    for path in (edition / "articles").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        head, sep, body = text.partition("\n---\n")
        # one more character: report.json's counts change too
        path.write_text(head + sep + body.replace("。", "，又。", 1), encoding="utf-8")


def _old_or_new(now: dict, old: dict, new: dict, stage: str) -> None:
    assert set(now) == set(old), (stage, sorted(now))
    for name, data in now.items():
        assert data in (old[name], new[name]), f"killed {stage}: {name} is neither old nor new"


def test_sigkill_leaves_the_old_or_the_new_file(tmp_path):
    edition, out = tmp_path / "mixed", tmp_path / "out"
    shutil.copytree(MIXED, edition)
    _change_every_article(edition)
    edition = stable.settle(edition)  # read only; its finished builds hit the page cache
    _finish(MIXED, out)  # the old build: the same paper, date and file names
    old = _files(out)

    after: dict[str, dict[str, bytes]] = {}
    for stage, event, pattern, delay in STAGES:
        _killed(edition, out, event, pattern, delay, NEWSPAGE_BUILD_CACHE="0")
        after[stage] = _files(out)

    _finish(edition, out)  # fills the page cache with the new pages
    new = _files(out)
    assert set(old) == set(new) and all(old[n] != new[n] for n in old), "a file is unchanged"
    assert _temporaries(out) == [], _temporaries(out)
    for stage, now in after.items():
        _old_or_new(now, old, new, stage)
    # a single kill may leave the new file already: the stages must not all have
    assert any(now[n] == old[n] for now in after.values() for n in now if n.endswith(".pdf"))

    # a build that copies its pages from the cache, killed as it renames one into place
    cached = tmp_path / "cached"
    _finish(MIXED, cached)
    _killed(edition, cached, "os.rename", PAGE + "$", 0)
    _old_or_new(_files(cached), old, new, "copying a cached page")
    _finish(edition, cached)
    assert _files(cached) == new and _temporaries(cached) == []
