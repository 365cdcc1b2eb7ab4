"""Small typesetting points a proofreader marks (issue 15.5): numbers kept with
their units and measure words, e-mail addresses broken at @ rather than at a
dot, `）。` and `号），` compressed, sign-off lines flush right."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from glyphbox import ink_end

from layout.copy import set_story_body
from layout.fonts import load_fontset
from layout.pipeline import load
from layout.punctuation import normalize
from layout.typeset import prepare, set_paragraph

M = load_fontset().face("song").metrics
ROOT = Path(__file__).resolve().parent.parent


def marked(text: str) -> str:
    at = prepare(text, M)
    return "".join(("÷" if i and at.brk[i] else "") + c for i, c in enumerate(at.ch))


@pytest.mark.parametrize(
    "text,kept",
    [
        ("会议于2024年10月召开", ["2024年", "10月"]),
        ("惠及12万户居民", ["12万"]),
        ("覆盖3.5公里范围", ["3.5公"]),
        ("第5号线全长28.6公里", ["5号", "28.6公"]),
        ("共有32个项目", ["32个"]),
    ],
)
def test_numbers_stay_with_measure_words(text, kept):
    m = marked(text)
    for pair in kept:
        assert pair in m, m


@pytest.mark.parametrize("width", [7.0, 9.0, 10.0])
def test_numbers_and_measure_words_across_lines(width):
    # the break moves before the number (2024 | 年 would fit the line); only
    # the repair pass may part them, where that saves a letter-spaced line
    # (at 6 or 8 em here: refit._MEASURE_BREAK)
    text = "会议于2024年10月召开，共有12万户居民参加了本次活动。"
    para = set_paragraph(text, M, width, indent=0)
    lines = [ln.text for ln in para.lines]
    assert "".join(lines) == "会议于2024年10月召开，共有12万户居民参加了本次活动。"
    for a, b in zip(lines, lines[1:], strict=False):
        assert not (a[-1].isdigit() and b[0] in "年月万户"), lines


def test_email_breaks_at_at_sign_not_at_a_dot():
    text = "开通了数字资源咨询邮箱ask-digital@library.example.org，读者在使用电子书时遇到问题"
    para = set_paragraph(text, M, 11.0)
    lines = [ln.text for ln in para.lines]
    assert any(ln.endswith("@") for ln in lines), lines
    assert not any(ln.endswith(".") for ln in lines), lines


def test_email_breaks_at_a_dot_when_nothing_else_fits():
    # no @ or - piece fits 8 em: the dots are the only way
    text = "邮箱averyveryverylongname@subdomain.example.org咨询"
    para = set_paragraph(text, M, 8.0, indent=0)
    lines = [ln.text for ln in para.lines]
    assert "".join(lines) == text
    assert any(ln.endswith(".") for ln in lines), lines


@pytest.mark.parametrize(
    "text", ["（见附件）。下文", "（1号），下文", "(1号）,下文", "（见附件).下文"]
)
def test_closing_bracket_and_mark_share_one_and_a_half_em(text):
    text, _ = normalize(text)
    at = prepare(text, M)
    k = at.ch.index("）")
    # ） and the mark after it: 2 em of boxes set in 1.5 (clreq 3.1.6.2)
    assert at.adv[k] + at.adv[k + 1] == pytest.approx(1.5)
    assert at.ch[k + 1] in "。，"


def _edition_with_signoff(tmp_path: Path) -> Path:
    dst = tmp_path / "sample"
    shutil.copytree(ROOT / "content" / "sample", dst)
    art = sorted((dst / "articles").glob("*.md"))[0]
    art.write_text(
        art.read_text(encoding="utf-8").rstrip("\n") + "\n\n> 江城市图书馆\n> 2025年9月20日\n",
        encoding="utf-8",
    )
    return dst


def test_signoff_lines_flush_right(tmp_path):
    edition, style, fonts = load(_edition_with_signoff(tmp_path))
    article = next(a for a in edition.articles if any(b.kind == "signoff" for b in a.blocks))
    signs = [b.text for b in article.blocks if b.kind == "signoff"]
    assert signs == ["江城市图书馆", "2025年9月20日"]
    copy = set_story_body(article, 0, fonts, style)
    measure = float(style.chars)
    body_m = fonts.face(*style.body_font).metrics
    lines = [it.lines[0] for it in copy.body if it.kind == "line"][-2:]
    assert [ln.text for ln in lines] == signs
    for ln in lines:
        last = ln.glyphs[-1]
        assert ink_end(last.ch, last.x, body_m) == pytest.approx(measure, abs=1e-3)
        assert ln.glyphs[0].x > 2.0  # not at the indent: flush right
