"""The typesetter on random mixed text: nothing lost, 禁则 kept, lines flush.

Random paragraphs from an alphabet mixing Han characters, full-width
punctuation (paired quotes and brackets, ……, ——), Latin words, digits,
percentages, spaces and URLs are set at random measures of 6–30 em with the
real Song face. Whatever the breaks chosen, these hold:

* every character comes out once, in order (the author's spaces become
  glue, not glyphs);
* no line starts with a line-start-prohibited mark and none ends with a
  line-end-prohibited one, and ……/—— are never split — unless no legal break
  exists within a whole line (a run of prohibited marks longer than the
  measure), in which case the paragraph names the broken rule in `.problems`;
* Latin words, numbers and addresses are not split between two letters or
  digits (a URL longer than the line breaks after // . ? @, before a single
  / or a hyphen, Chicago 6.17; never after a hyphen), unless the
  paragraph reports a word broken (one wider than the first line after the
  indent, say);
* a last line holding a single character (孤字) is named in the problems;
* glyphs do not overlap (the blank halves of compressed marks aside) and run
  left to right;
* every line but the last starts at its left edge and ends at the measure
  within 0.001 em (0.01 pt at 10 pt) — a line whose spacing leaves the
  style's limits to get there is marked `.loose` and named in the
  paragraph's problems; only a line that cannot be spread at all (one glyph,
  one ……/—— unit, forced by the rules around it) may end short, and it is
  loose;
* no line but the last spreads characters beyond the style's limit unless it
  is marked loose.
"""

from __future__ import annotations

from glyphbox import ink_end, ink_start
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout import cjk
from layout.fonts import load_fontset
from layout.typeset import TypesetStyle, set_paragraph

TOL = 0.001  # em: 0.01 pt at 10 pt

HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
)
MARKS = "，。、；：？！"
PAIRS = ("“”", "‘’", "（）", "《》", "「」", "【】")
LATIN = ("iPhone", "Wi-Fi", "ETC", "GHz", "LoRaWAN", "Demo", "App", "AI", "Pro")
URLS = (
    "https://www.example.org/news/2025/09/article-index.html",
    "www.example.org",
    "ask-digital@library.example.org",
    "https://s.example.com/a8Kx2",
    "http://a.cn/x",
)
SIZE = 10.0  # pt, for the tolerance in the docstring


METRICS = load_fontset().face("song").metrics


def _piece() -> st.SearchStrategy[str]:
    han_run = st.text(alphabet=HAN, min_size=1, max_size=8)
    number = st.builds(
        lambda a, b, pct: a + b + pct,
        st.sampled_from(["3", "15", "2025", "1,800", "0"]),
        st.sampled_from(["", ".6", ".5"]),
        st.sampled_from(["", "%", "万", "年"]),
    )
    quoted = st.builds(
        lambda p, inner: p[0] + inner + p[1],
        st.sampled_from(PAIRS),
        st.text(alphabet=HAN[:60], min_size=1, max_size=5),
    )
    # Western pieces get a space on either side, or two of them would run
    # together into one long word (which may then break anywhere).
    western = st.one_of(st.sampled_from(LATIN), number, st.sampled_from(URLS))
    return st.one_of(
        han_run,
        han_run,
        han_run,
        st.sampled_from(MARKS),
        st.sampled_from(MARKS),
        quoted,
        st.sampled_from(["……", "——", "。”", "”，", "）。", "》、", "？！"]),
        st.builds(lambda a, w, b: a + w + b, st.sampled_from(["", " "]), western, st.just(" ")),
        st.sampled_from([" ", " ", "·"]),
    )


PARAGRAPH = st.lists(_piece(), min_size=1, max_size=40).map("".join)
STYLES = st.sampled_from(
    [
        TypesetStyle(),
        TypesetStyle(),
        TypesetStyle(punct_style="kaiming"),
        TypesetStyle(punct_style="banjiao"),
    ]
)


def _odd_run_end(text: str) -> bool:
    """`text` ends inside a ……/—— unit (an odd run of one long mark)."""
    c = text[-1]
    if c not in "…—":
        return False
    run = len(text) - len(text.rstrip(c))
    return run % 2 == 1


def _alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _address_inside(line: str, nxt: str) -> bool:
    """A break between two letters of an address (typesetting.md: only one
    wider than the line, `refit._anywhere`): two letters or digits at least
    either side, not between two digits, and the run across the break an
    address's (its marks . / : @ on these lines, or a line of it alone)."""
    a, b = line[-2:], nxt[:2]
    if len(a) < 2 or len(b) < 2 or not all(_alnum(c) for c in a + b):
        return False
    if a[-1].isdigit() and b[0].isdigit():
        return False
    tail = line[len(line.rstrip("".join(map(chr, range(0x21, 0x7F))))) :]
    head = nxt[: len(nxt) - len(nxt.lstrip("".join(map(chr, range(0x21, 0x7F)))))]
    run = tail + head
    return tail == line or any(m in run for m in "./:@")


def _ascii(c: str) -> bool:
    return c.isascii() and not c.isspace()


def _one_unit(text: str) -> bool:
    """A line that cannot be spread: one glyph, or one ……/—— unit."""
    return len(text) == 1 or (len(text) == 2 and text[0] == text[1] and text[0] in "…—")


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=PARAGRAPH, width=st.integers(6, 30), style=STYLES)
def test_random_paragraphs(text, width, style):
    metrics = METRICS
    para = set_paragraph(text, metrics, float(width), style=style)
    lines = para.lines
    # Nothing lost, nothing reordered: the glyphs are the text without its spaces.
    assert "".join(ln.text for ln in lines) == "".join(text.split())
    broken_rule = any("against the line-break rules" in p for p in para.problems)
    # (a word wider than a first line but not than the measure, say)
    broken_word = any("broken inside a word" in p for p in para.problems)
    source = [k for k, c in enumerate(text) if not c.isspace()]  # glyph → text index
    done = 0  # glyphs on the lines before
    for i, ln in enumerate(lines):
        assert ln.glyphs, "empty line"
        first, last = ln.glyphs[0].ch, ln.glyphs[-1].ch
        if i > 0 and not broken_rule:
            # (inside an address a line may start with a single slash or a
            # tilde, Chicago 6.17: never with a dot, a colon or a comma)
            in_address = first in "/~" and _ascii(lines[i - 1].glyphs[-1].ch)
            assert in_address or first not in cjk.NO_LINE_START, (ln.text, para.problems)
            if in_address and ln.text[1:2] == "/":  # a double slash: after the colon only
                assert lines[i - 1].text.endswith(":"), (lines[i - 1].text, ln.text)
            assert not (first == "—" and ln.text[1:2] != "—"), ln.text
        if not ln.last and not broken_rule:
            assert last not in cjk.NO_LINE_END, (ln.text, para.problems)
            assert not _odd_run_end(ln.text), ("split ……/——", ln.text)
            # Words, numbers and addresses are not broken between two letters
            # or digits (a URL longer than the line breaks at the points of
            # Chicago 6.17, `prepare._address_point`, or, where those leave a
            # loose line, between two letters of its names).
            nxt = lines[i + 1].glyphs[0].ch
            at_space = text[source[done + len(ln.glyphs) - 1] + 1].isspace()
            assert (
                broken_word
                or at_space
                or not (_alnum(last) and _alnum(nxt))
                or _address_inside(ln.text, lines[i + 1].text)
            ), (ln.text, lines[i + 1].text)
        done += len(ln.glyphs)
        # Glyph boxes run left to right without overlapping (but by the
        # style's 挤排 at most, `max_char_shrink`).
        squeeze = style.max_char_shrink
        for a, b in zip(ln.glyphs, ln.glyphs[1:], strict=False):
            assert ink_start(b.ch, b.x, metrics) >= ink_end(a.ch, a.x, metrics) - squeeze - 1e-6, (
                ln.text,
                a,
                b,
            )
        left = ink_start(first, ln.glyphs[0].x, metrics)
        assert abs(left - ln.left) < TOL or (
            # the indent is kept whole before an opening mark on a first
            # line, and a spread line gives an opening mark its blank back
            first in cjk.OPENING and abs(ln.glyphs[0].x - ln.left) < TOL and (i == 0 or not ln.last)
        ), (ln.text, left, ln.left)
        right = ink_end(last, ln.glyphs[-1].x, metrics)
        if not ln.last:
            if ln.loose:
                assert any(ln.text in p for p in para.problems), (ln.text, para.problems)
            # flush: the ink at the measure, or a mark's full em box (a
            # spread line gives its line-end compression back first)
            full = ln.glyphs[-1].x + metrics.advances.get(ord(last), 1.0)
            flush = abs(right - width) < TOL or (
                last in cjk.COMPRESSIBLE and abs(full - width) < TOL
            )
            if not (ln.loose and _one_unit(ln.text)):
                assert flush, (ln.text, right, width)
        else:
            assert right <= width + TOL, (ln.text, right, width)
    # 孤字: a last line with a single character is named in the problems.
    if len(lines) > 1:
        letters = [g.ch for g in lines[-1].glyphs if cjk.is_han(g.ch) or g.ch.isalnum()]
        if len(letters) < 2:
            assert any("single character" in p for p in para.problems), lines[-1].text


@settings(max_examples=60, deadline=None)
@given(text=PARAGRAPH, width=st.integers(6, 30))
def test_spacing_limits(text, width):
    """Between two Han characters of a justified line the gap stays within
    [-max_char_shrink, max_char_stretch] unless the line is reported loose
    (the author's spaces, which stay word spaces between Han characters, are
    left out); a line set closer than solid is never also spread."""
    text = text.replace(" ", "")
    metrics = METRICS
    style = TypesetStyle()
    para = set_paragraph(text, metrics, float(width), style=style)
    for ln in para.lines:
        gaps = []
        for a, b in zip(ln.glyphs, ln.glyphs[1:], strict=False):
            if cjk.is_han(a.ch) and cjk.is_han(b.ch):
                gap = b.x - a.x - 1.0
                gaps.append(gap)
                if not ln.loose:
                    assert gap > -style.max_char_shrink - 1e-6, (ln.text, a, b)
                    assert gap <= style.max_char_stretch + 1e-6, (ln.text, a, b, gap)
        assert not (min(gaps, default=0) < -1e-6 and max(gaps, default=0) > 1e-6), ln.text
