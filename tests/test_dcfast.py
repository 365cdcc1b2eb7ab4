"""The command's memo of compiled dataclass methods and regular expressions
(layout/dcfast.py) changes nothing but the time: the same classes and patterns
behave the same, from a cold memo and from a warm one. Each run is its own
process (the memo patches the interpreter)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
if sys.argv[2] == "memo":
    from layout import dcfast
    dcfast.install()
import dataclasses, re
from dataclasses import dataclass, field

@dataclass(frozen=True, order=True)
class P:
    x: int
    y: float = 1.5
    tags: tuple = ()

@dataclass
class Q:
    name: str
    items: list = field(default_factory=list)

a, b = P(1), P(1, 2.0, ("k",))
q = Q("n")
q.items.append(3)
try:
    a.x = 5
    frozen = False
except dataclasses.FrozenInstanceError:
    frozen = True
pats = [r"(?P<num>\d+)-(?P<word>\w+)", r"(?i)[\u4e00-\u9fff]+|abc", r"^[A-Z]{6}\+"]
found = []
for p in pats:
    rx = re.compile(p)
    m = rx.search("前 12-ab 新闻 ABC XYZABC+")
    found.append([rx.pattern, rx.flags, rx.groups, dict(rx.groupindex), m and m.group(0)])
out = {
    "repr": [repr(a), repr(b), repr(q)],
    "eq": [a == P(1), a < b, hash(a) == hash(P(1))],
    "frozen": frozen,
    "fields": [f.name for f in dataclasses.fields(P)],
    "re": found,
    "bytes": bool(re.compile(rb"<([0-9A-F]{2})>").match(b"<0A>")),
}
if sys.argv[2] == "memo":
    dcfast.save()
print(json.dumps(out, ensure_ascii=False))
"""


def _probe(mode: str, cache: Path) -> dict:
    env = {**os.environ, "NEWSPAGE_CACHE": str(cache)}
    r = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT), mode],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return json.loads(r.stdout)


def test_memo_changes_nothing_but_time(tmp_path):
    plain = _probe("plain", tmp_path)
    cold = _probe("memo", tmp_path)
    if sys.version_info[:2] == (3, 11):  # the memo is installed only there
        assert sorted(p.name.split("-")[0] for p in tmp_path.glob("*.marshal")) == [
            "dataclasses",
            "re",
        ]
    warm = _probe("memo", tmp_path)
    assert plain == cold == warm
    assert plain["frozen"] and plain["re"][0][3] == {"num": 1, "word": 2}


def test_damaged_memo_is_ignored(tmp_path):
    if sys.version_info[:2] != (3, 11):
        return
    _probe("memo", tmp_path)
    for p in tmp_path.glob("*.marshal"):
        p.write_bytes(b"not marshal data")
    assert _probe("memo", tmp_path) == _probe("plain", tmp_path)
