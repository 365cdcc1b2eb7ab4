"""A spread line gives back the compression of its punctuation first (issue
15.2): 全角式 is the default (every mark one em); a mark is set half width at
a line end or start only "so the line ends flush" (typesetting.md), and a
mark beside Latin lends a quarter em of its blank to the CJK–Latin gap. A
line that is short must be spread, so it takes those blanks back, whole,
before its characters are letter-spaced (typesetting.md, Justification:
"first at punctuation that can be compressed, then at CJK/Latin gaps, then
evenly between all characters"; clreq 3.8.2).

Real Noto Serif CJK SC metrics; the last test reads back the demo edition's
PDF pages."""

from __future__ import annotations

import statistics
from collections import defaultdict

import pytest
from pdfcheck import page_chars

from layout import cjk
from layout.fonts import load_fontset
from layout.typeset import TypesetStyle, natural_width, set_paragraph

M = load_fontset().face("song").metrics
TOL = 1e-3


def _x(line) -> list[tuple[str, float]]:
    return [(g.ch, g.x) for g in line.glyphs]


def test_a_line_end_mark_is_one_em_again_before_characters_spread():
    """九 + 。 fill the 10-em line to 9.5 em with the 。 half width; 2019
    may not join it. The 。 is one em again (its blank half back, although
    2019 on the next line had taken a quarter of it), the characters stay
    solid. (Before: 。 at 9.5, every gap 0.056 em.)"""
    para = set_paragraph("一二三四五六七八九。2019年以来二三四五", M, 10.0, indent=0.0)
    first = para.lines[0]
    assert first.text == "一二三四五六七八九。"
    assert [x for _, x in _x(first)] == pytest.approx(list(range(10)), abs=TOL)
    assert not para.problems


def test_an_opening_mark_at_a_line_start_takes_its_blank_back():
    """The second line “甲…壬 is 9.5 em with the “ trimmed at the line start;
    12345678 is too long to join it. The “ takes its blank half back (its
    box at the line start), the characters stay solid. (Before: “ at -0.5,
    every gap 0.056 em.)"""
    para = set_paragraph("一二三四五六七八九十“甲乙丙丁戊己庚辛壬12345678”", M, 10.0, indent=0.0)
    second = para.lines[1]
    assert second.text == "“甲乙丙丁戊己庚辛壬"
    assert [x for _, x in _x(second)] == pytest.approx(list(range(10)), abs=TOL)


def test_a_mark_beside_a_number_gives_back_its_quarter_em():
    """、 before 90 lends a quarter em of its blank to the gap beside the
    digits (、90, 0.75 em); on a line 0.88 em short it is one em again
    before the characters are spread: 0.064 em a gap, not 0.127."""
    style = TypesetStyle(max_char_shrink=0.0)
    para = set_paragraph("甲乙丙丁、90后戊己。庚辛壬癸子丑", M, 9.0, indent=0.0, style=style)
    first = dict(_x(para.lines[0]))
    assert para.lines[0].text == "甲乙丙丁、90后戊"
    gap = first["乙"] - first["甲"] - 1
    assert first["9"] - first["、"] == pytest.approx(1.0 + gap, abs=TOL)
    assert gap < 0.07


def test_a_short_line_keeps_its_end_mark_half_width():
    """Less room than the mark's half em: the mark stays compressed (a part
    of its blank would leave its ink off the grid) and the characters take
    the little there is."""
    para = set_paragraph("一二三四五六七八九，甲乙丙", M, 9.8, indent=0.0)
    first = para.lines[0]
    assert first.text == "一二三四五六七八九，"
    comma = first.glyphs[-1].x
    assert comma + 0.5 == pytest.approx(9.8, abs=TOL)


def test_word_spaces_grow_before_the_cjk_latin_gaps():
    """clreq 3.8.2 (and JLREQ 3.8.2): first the Western word spaces, up to
    1/2 em, then the CJK–Western gaps. 0.2 em to spread: the space of Mate
    70 takes it all (0.256 + 0.2 em), the gaps 乙|Mate and 70|丙 stay at
    1/4 em (before: the three shared it)."""
    head = "甲乙Mate 70丙丁，"
    width = natural_width(head, M) + 0.2
    line = set_paragraph(head + "戊己庚辛壬癸子丑", M, width, indent=0.0).lines[0]
    assert line.text == "甲乙Mate70丙丁，"
    x = dict(_x(line))
    adv = M.advances
    assert x["M"] - x["乙"] - 1 == pytest.approx(0.25, abs=TOL)
    assert x["丙"] - x["0"] - adv[ord("0")] == pytest.approx(0.25, abs=TOL)
    assert x["7"] - x["e"] - adv[ord("e")] == pytest.approx(adv[32] + 0.2, abs=TOL)


# -- the demo edition as printed --------------------------------------------

_LEFT_INK = frozenset("，。、；：！？”’）》」』】")


def _pieces(chars: list[dict], em: float) -> list[list[dict]]:
    """Body characters in rows by baseline, each row cut at gaps wider than
    0.4 em (a gutter: inside a line no gap is wider than 1/2 em)."""
    rows: dict[float, list[dict]] = defaultdict(list)
    for c in chars:
        rows[round(c["bottom"], 0)].append(c)
    out = []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        cur = [row[0]]
        for a, b in zip(row, row[1:], strict=False):
            if b["x0"] - a["x1"] > 0.4 * em:
                out.append(cur)
                cur = []
            cur.append(b)
        out.append(cur)
    return out


@pytest.mark.slow
def test_no_spread_line_of_the_demo_ends_in_a_compressed_mark(demo_built):
    """On every page of the demo edition, a body line whose characters are
    spread does not end in a mark set half width: the mark's box ends at
    the column's right edge (the right edge: where the lines of that column
    ending in a Han character end). Read back from the PDF."""
    pdf = demo_built / "edition.pdf"
    bad = []
    for page in range(3):
        chars = [c for c in page_chars(pdf, page) if c["text"].strip()]
        size = statistics.mode(round(c["size"], 1) for c in chars)
        body = [c for c in chars if abs(c["size"] - size) < 0.2]
        em = statistics.median(c["x1"] - c["x0"] for c in body if cjk.is_han(c["text"]))
        pieces = _pieces(body, em)
        # the column's right edge, by the lines' left edges (13-em pitch)
        left = min(p[0]["x0"] for p in pieces)
        rights: dict[int, list[float]] = defaultdict(list)
        for p in pieces:
            if cjk.is_han(p[-1]["text"]) and len(p) > 6:
                rights[int((p[0]["x0"] - left + 3 * em) // (13 * em))].append(p[-1]["x1"])
        for p in pieces:
            col = int((p[0]["x0"] - left + 3 * em) // (13 * em))
            if p[-1]["text"] not in _LEFT_INK or not rights[col] or len(p) < 6:
                continue
            right = statistics.mode(round(x, 1) for x in rights[col])
            compressed = abs(p[-1]["x0"] + 0.5 * em - right) < 0.05 * em
            gaps = [
                b["x0"] - a["x1"]
                for a, b in zip(p, p[1:], strict=False)
                if cjk.is_han(a["text"]) and cjk.is_han(b["text"])
            ]
            spread = sum(g for g in gaps if g > 0.005 * em)
            if compressed and spread >= 0.5 * em - 0.05 * em:
                bad.append((page + 2, "".join(c["text"] for c in p), round(spread / em, 3)))
    assert not bad, bad
