"""report.json's fast writer (layout.cli_json) gives the text json.dumps(indent=2)
gives, and `plain` the values dataclasses.asdict gives."""

from __future__ import annotations

import dataclasses
import json
from collections import namedtuple

import pytest

from layout import cli_json, report


def test_a_laid_out_edition_reports_as_json_and_asdict_would(demo_run, monkeypatch):
    fast = report.edition_dict(demo_run.pages, "demo")
    assert cli_json.dumps(fast) == json.dumps(fast, ensure_ascii=False, indent=2)
    assert report.format_json(demo_run.pages, "demo") == json.dumps(
        fast, ensure_ascii=False, indent=2
    )
    monkeypatch.setattr(report, "asdict", dataclasses.asdict)
    assert report.edition_dict(demo_run.pages, "demo") == fast


Point = namedtuple("Point", "x y")


@dataclasses.dataclass
class Inner:
    name: str
    at: Point
    tags: tuple = ()


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [[]], "d": [{}]},
        {"超": '版面\n"引号"\t\\ \u2028 \x01', 1: 2.5, 2.5: True, None: False, False: None},
        [float("nan"), float("inf"), -float("inf"), 1e-7, 123456789012345678901, -0.0],
        {"nested": [{"x": [1, [2, [3, {"y": "z"}]]]}]},
    ],
)
def test_dumps_is_json_dumps_indent_2(value):
    assert cli_json.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_plain_is_asdict():
    obj = Inner("甲", Point(1.5, [2, 3]), ({"k": [Inner("乙", Point(0, 0))]},))
    assert cli_json.plain(obj) == dataclasses.asdict(obj)
    assert type(cli_json.plain(obj)["at"]) is Point
