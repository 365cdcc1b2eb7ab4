"""Punctuation normalization (GB/T 15834): full-width marks in Chinese copy,
nothing touched in Latin text, numbers, URLs or e-mail addresses; the
per-edition switch; the changes listed by `check -v`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from layout.cli import main
from layout.content import load_edition
from layout.punctuation import normalize

ROOT = Path(__file__).resolve().parent.parent

CONVERTED = [
    # (copy, expected): from the sample and the issue
    ("“双过半” ,项目", "“双过半”，项目"),
    ('志愿者"双节"期间', "志愿者“双节”期间"),
    ("各行政村(社区)党组织书记", "各行政村（社区）党组织书记"),
    ("本报讯(通讯员 陈东)日前,富春街道", "本报讯（通讯员 陈东）日前，富春街道"),
    ("2.电子邮箱反馈:请发送至", "2.电子邮箱反馈：请发送至"),
    ("加强火源管理;严禁烟火", "加强火源管理；严禁烟火"),
    ("人工智能(AI)技术", "人工智能（AI）技术"),
    ("问题在哪里?答案是这样!", "问题在哪里？答案是这样！"),
    ('他说:"好的."然后走了', "他说：“好的。”然后走了"),
    ("共计3.5万元.", "共计3.5万元。"),
    ("中文, English", "中文，English"),
    ("所谓'秋老虎'天气", "所谓‘秋老虎’天气"),
    # a mark between a word or number and a Han character is the Chinese
    # sentence's (our own test copy, issue 15.3)
    ("这是Python 3.11,不是3.10", "这是Python 3.11，不是3.10"),
    ("比分为3:2,主队获胜", "比分为3:2，主队获胜"),
    ("OK,我们开始吧", "OK，我们开始吧"),
    ("数据来源于IDC;统计口径有调整", "数据来源于IDC；统计口径有调整"),
    ("数据来自IDC:全球出货量", "数据来自IDC：全球出货量"),
]

UNTOUCHED = [
    "f(x) = 1,000",
    "时间10:30开始",
    "访问https://a.example.cn/x?a=1,b=2(3)查询",
    "邮箱ask-digital@library.example.org咨询",
    "主域名是example.org",
    "I'm fine, thanks (really).",
    "AI, ML 和 DL",
    "增长15.6%",
    "iPhone 16 Pro",
    "全馆Wi-Fi升级",
    "“已经是全角”，没有改动。",
]


@pytest.mark.parametrize("text,expected", CONVERTED, ids=[c[0] for c in CONVERTED])
def test_converted_in_chinese_context(text, expected):
    new, changes = normalize(text)
    assert new == expected
    assert changes and all(c.new in expected for c in changes)
    assert all(text[c.index] == c.old.strip() for c in changes)


@pytest.mark.parametrize("text", UNTOUCHED)
def test_untouched_in_latin_numbers_urls(text):
    assert normalize(text) == (text, [])


def test_idempotent():
    for _text, expected in CONVERTED:
        assert normalize(expected) == (expected, [])


def _copy(tmp_path: Path, flag: str | None) -> Path:
    dst = tmp_path / "sample"
    shutil.copytree(ROOT / "content" / "sample", dst)
    if flag is not None:
        ed = dst / "edition.yaml"
        ed.write_text(ed.read_text(encoding="utf-8") + f"normalize_punctuation: {flag}\n")
    return dst


def test_edition_normalizes_by_default():
    ed = load_edition(ROOT / "content" / "sample")
    text = "".join(b.text for a in ed.articles for b in a.blocks)
    assert "," not in text and "(" not in text and ";" not in text
    assert sum(len(a.punctuation) for a in ed.articles) >= 100


def test_edition_switch_off(tmp_path):
    ed = load_edition(_copy(tmp_path, "false"))
    text = "".join(b.text for a in ed.articles for b in a.blocks)
    assert text.count(",") >= 80 and "(" in text
    assert not any(a.punctuation for a in ed.articles)


def test_edition_switch_must_be_boolean(tmp_path):
    assert main(["check", str(_copy(tmp_path, "sometimes"))]) == 2


def test_check_verbose_lists_changes(capsys, tmp_path):
    main(["check", str(ROOT / "content" / "sample"), "-v"])
    out = capsys.readouterr().out
    notes = [ln for ln in out.splitlines() if "punctuation" in ln]
    assert len(notes) >= 100
    assert any("( → （" in ln and "通讯员" in ln for ln in notes)
    main(["check", str(ROOT / "content" / "sample")])
    assert "punctuation" not in capsys.readouterr().out
