"""Heading cuts are kept on disk, so a rebuild never loads the segmenter's
dictionary again (layout/typeset/segment.py). Each case runs in a fresh
process, since the memo and the import are per process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAD = "十四届全国人大二次会议在京开幕"

PROBE = """
import json, sys
from layout.typeset.segment import words, _memo_file
w = words(sys.argv[1])
print(json.dumps({"words": list(w), "loaded": "rjieba" in sys.modules or "jieba" in sys.modules,
                  "memo": str(_memo_file(sys.argv[1]))}))
"""


def _probe(cache: Path, text: str = HEAD) -> dict:
    env = dict(os.environ, NEWSPAGE_CACHE=str(cache))
    out = subprocess.run(
        [sys.executable, "-c", PROBE, text],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_second_process_reuses_the_cut_without_the_segmenter(tmp_path):
    first = _probe(tmp_path)
    assert first["loaded"]
    assert "".join(first["words"]) == HEAD
    assert "全国人大" in first["words"] and "二次" in first["words"]
    assert Path(first["memo"]).is_file()
    second = _probe(tmp_path)
    assert second["words"] == first["words"]
    assert not second["loaded"]


def test_a_damaged_memo_is_ignored_and_rewritten(tmp_path):
    first = _probe(tmp_path)
    memo = Path(first["memo"])
    memo.write_text("垃圾", "utf-8")  # not the heading's characters
    again = _probe(tmp_path)
    assert again["words"] == first["words"]
    assert again["loaded"]
    assert "".join(memo.read_text("utf-8").split("\x1f")) == HEAD
