"""Kill test (issue 14): SIGKILL at 20 random moments of a build over an older
build leaves, for every page and for report.json, either the old file or the
complete new one; the next build leaves no temporary files behind.

The edition is content/demo (three pages, laid out and rendered in forked
workers), with one character changed in every article so that every new page
differs from the old one. The whole process group is killed, workers too.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# end-to-end: `pytest -m "not slow"` leaves these out of the quick loop
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content" / "demo"
KILLS = 20


def _build(edition: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "layout", "build", str(edition), "-o", str(out), "--no-preflight"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )


def _finish(edition: Path, out: Path) -> float:
    start = time.monotonic()
    proc = _build(edition, out)
    _, err = proc.communicate(timeout=900)
    assert proc.returncode in (0, 1), err.decode(errors="replace")[-2000:]
    return time.monotonic() - start


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
        path.write_text(head + sep + body.replace("。", "，", 1), encoding="utf-8")


def test_sigkill_leaves_the_old_or_the_new_file(tmp_path):
    edition, out, ref = tmp_path / "demo", tmp_path / "out", tmp_path / "ref"
    shutil.copytree(DEMO, edition)
    _finish(edition, out)
    old = _files(out)
    _change_every_article(edition)
    duration = _finish(edition, ref)
    new = _files(ref)
    assert set(old) == set(new) and all(old[n] != new[n] for n in old if n.endswith(".pdf"))

    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    for i in range(KILLS):
        moment = rng.uniform(0, duration * 1.1)
        proc = _build(edition, out)
        time.sleep(moment)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # it had finished
        proc.wait(timeout=60)
        now = _files(out)
        assert set(now) == set(old), (seed, i, moment, sorted(now))
        for name, data in now.items():
            assert data in (old[name], new[name]), (
                f"seed {seed}, kill {i} at {moment:.2f} s: {name} is neither old nor new"
            )

    _finish(edition, out)
    assert _files(out) == new
    assert _temporaries(out) == [], (seed, _temporaries(out))
