"""`set_title`: headlines, kickers, subtitles, subheads — balanced lines."""

from __future__ import annotations

from itertools import combinations

from .. import cjk
from ..fonts import Metrics
from . import segment
from .fit import _is_runt
from .justify import _build_lines
from .measure import _long_token_breaks, _Measure
from .paragraph import natural_width, set_paragraph
from .prepare import _text, by_metrics, prepare
from .types import DEFAULT_STYLE, EPS, GLUE_HAN_SPACE, GLUE_SPACE, Line, Paragraph, TypesetStyle


@by_metrics  # a headline is set again for each layout tried (230 calls, 164 distinct)
def set_title(
    text: str,
    metrics: Metrics,
    width: float,
    *,
    style: TypesetStyle = DEFAULT_STYLE,
    align: str = "center",
) -> Paragraph:
    """Set a headline (or kicker, subtitle, byline): balanced lines at natural width.

    The author's spaces between phrases are the preferred breaks
    (typesetting.md "Headlines"): the phrases are grouped into as few lines as
    fit, the grouping with the most even line lengths winning; such a space
    inside a line is an em of white. A phrase wider than the measure is broken
    at legal points (禁则 hold) into lines of about equal length, preferably
    not inside quotation marks or brackets, and never leaving a single
    character on a line. Spaces between Western words (`iPhone 16 Pro`) stay
    word spaces.
    """
    parts = _phrases(text)
    if not parts:
        return Paragraph(lines=())
    m = len(parts)
    widths: dict[tuple[int, int], float] = {}

    def group_width(i: int, j: int) -> float:  # parts i..j-1 on one line
        if (i, j) not in widths:
            widths[i, j] = natural_width("\u3000".join(parts[i:j]), metrics, style)
        return widths[i, j]

    balanced: dict[int, Paragraph] = {}

    def part_lines(i: int) -> Paragraph:
        if i not in balanced:
            balanced[i] = _balanced(parts[i], metrics, width, style)
        return balanced[i]

    def plan(cuts: tuple[int, ...]) -> tuple[int, float]:
        """(lines, unevenness) of one grouping of the parts."""
        bounds = (0, *cuts, m)
        count = 0
        lengths: list[float] = []
        for i, j in zip(bounds, bounds[1:], strict=False):
            gw = group_width(i, j)
            if gw <= width + EPS:
                count += 1
                lengths.append(gw)
            elif j - i == 1:
                para = part_lines(i)
                count += len(para.lines)
                lengths.extend(ln.natural for ln in para.lines)
            else:
                return (10**6, 0.0)  # a group wider than the line: not a choice
        return (count, max(lengths) - min(lengths))

    if m <= 10:
        options = (c for r in range(m) for c in combinations(range(1, m), r))
        best = min(options, key=plan)
    else:  # greedy: as many parts per line as fit
        cuts_list: list[int] = []
        i = 0
        for j in range(1, m + 1):
            if j > i + 1 and group_width(i, j) > width + EPS:
                cuts_list.append(j - 1)
                i = j - 1
        best = tuple(cuts_list)
    lines: list[Line] = []
    missing: list[str] = []
    problems: list[str] = []
    bounds = (0, *best, m)
    for i, j in zip(bounds, bounds[1:], strict=False):
        if group_width(i, j) <= width + EPS or j - i > 1:
            para = _one_line("\u3000".join(parts[i:j]), metrics, width, style)
        else:
            para = part_lines(i)
        lines.extend(para.lines)
        missing.extend(para.missing)
        problems.extend(para.problems)
    n = len(lines)
    lines = [
        Line(ln.glyphs, ln.width, ln.natural, k == 0, k == n - 1, ln.loose, ln.left)
        for k, ln in enumerate(lines)
    ]
    return Paragraph(tuple(lines), tuple(dict.fromkeys(missing)), tuple(problems)).rewidth(
        width, align
    )


# A quoted or bracketed span this long at most is a name or a term (“青少年
# 科普书单”, 《江城志》), not a quoted sentence, which may break as any text.
_NAME_MAX = 12


def split_name(para: Paragraph) -> bool:
    """A line of `para` ends inside a quoted or bracketed name (“青少年 |
    科普书单”, 《…》, at most `_NAME_MAX` characters between the marks): an
    editor sets the heading a size smaller rather (`copy.TitleSetter`)."""
    if len(para.lines) < 2:
        return False
    chars: list[str] = []
    ends: set[int] = set()  # index of the last character of each line but the last
    for ln in para.lines[:-1]:
        chars.extend(g.ch for g in ln.glyphs)
        ends.add(len(chars) - 1)
    chars.extend(g.ch for g in para.lines[-1].glyphs)
    opened: list[int] = []
    for k, c in enumerate(chars):
        if c in cjk.OPENING:
            opened.append(k)
        elif c in cjk.CLOSING and opened:
            o = opened.pop()
            if k - o - 1 <= _NAME_MAX and any(o <= e < k for e in ends):
                return True
    return False


def _phrases(text: str) -> list[str]:
    """A title split at the author's phrase spaces.

    A space is a phrase break when CJK text is on at least one side of it and
    no Western punctuation (`文 / 柯南枝`); between Western words and numbers
    it is an ordinary word space and stays in the phrase."""
    chunks = text.split()
    if not chunks:
        return []
    parts = [chunks[0]]
    for chunk in chunks[1:]:
        a, b = parts[-1][-1], chunk[0]
        cjk_side = _is_cjk_char(a) or _is_cjk_char(b)
        western_punct = _is_ascii_punct(a) or _is_ascii_punct(b)
        if cjk_side and not western_punct:
            parts.append(chunk)
        else:
            parts[-1] += " " + chunk
    return parts


def _is_cjk_char(c: str) -> bool:
    return cjk.is_han(c) or cjk.is_cjk_punct(c)


def _latin_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _is_ascii_punct(c: str) -> bool:
    return c.isascii() and not c.isalnum()


def _one_line(text: str, metrics: Metrics, width: float, style: TypesetStyle) -> Paragraph:
    """`text` on a single left-aligned line (pushed in if a little too wide)."""
    at = prepare(text, metrics, style)
    ms = _Measure(at, width, 0.0, style, at.brk)
    problems: list[str] = []
    lines = _build_lines(ms, [(0, len(at.ch) - 1)], width, "left", problems)
    return Paragraph(tuple(lines), tuple(dict.fromkeys(at.missing)), tuple(problems))


# Costs of a headline break, in em² like the unevenness they are weighed
# against (`_balanced`). After a pause or closing mark a break costs nothing;
# between two words (rjieba) or at a word space of a Western phrase
# (`iPhone 16 | Pro`) a little; next to a word that leans on its neighbour
# (原 | 副主任, 生态 | 的, 2024 | 年) more; inside a word, or inside quotation
# marks or brackets (“秋老虎”, 《江城志》), so much that one more line is
# taken rather (`_EXTRA_LINE_COST`).
_WORD_BREAK_COST = 1.0
_LEAN_BREAK_COST = 8.0
_IN_WORD_COST = 60.0
_QUOTE_BREAK_COST = 40.0
_EXTRA_LINE_COST = 30.0
# A later line longer than the first costs this per em (上长下短: in a
# multi-line headline the longer line goes first).
_LONGER_LATER_COST = 0.5
# One-character words that belong to the next word (原副主任, 前局长, 首批)
# or to the one before (…的, …了, 年 after a number: measure words).
_LEAN_FORWARD = frozenset("原前副总新老首各每该本第某")
_LEAN_BACK = frozenset("的地得了着过们吗呢吧")
# A one-character word after a noun that makes it the name of a day, a
# festival or a week (文化和自然遗产|日, 读书|节, 宣传|周: the dictionary cuts
# them off): it leans on the word before (not worth one more line, which a
# full page may not have).
_NAME_SUFFIX = frozenset("日节周")
_MARKS_AFTER = frozenset(cjk.PAUSE_STOP + cjk.CLOSING)
_NUMERALS = frozenset("一二三四五六七八九十0123456789")
_MEASURE = frozenset("年月日时分秒号个元万亿千百岁名人次件项条台辆座所家户元吨米里克倍%％℃")


def _break_costs(at, brk: list[bool]) -> list[float]:
    """pen[k]: cost of a line starting at atom k."""
    ch = at.ch
    n = len(ch)
    text = "".join(ch)
    bounds = segment.boundaries(text)
    # one-character words on both sides of a boundary: a name or term the
    # dictionary does not know (天|舟七号, 出|圈), so not a good break either
    single: set[int] = set()  # k: the word ending at k and the one starting at k have 1 char
    suffix: set[int] = set()  # k: a named day, festival or week (遗产|日, 艺术|节)
    k0 = 0
    prev_len = 0
    for w in segment.words(text):
        if k0 and w in _NAME_SUFFIX and prev_len >= 2 and cjk.is_han(text[k0 - 1]):
            suffix.add(k0)
        if k0 and w[0] in _NUMERALS and w[-1] == "号" and cjk.is_han(text[k0 - 1]):
            single.add(k0)  # a craft and its number: 天舟|七号, 长征|二号
        nxt = text[k0 + len(w) : k0 + len(w) + 1]
        if k0 and len(w) == 1 and cjk.is_han(w) and nxt and nxt in _MARKS_AFTER:
            single.add(k0)  # 折叠|屏、: a one-character word alone before its mark
        if k0 and prev_len == 1 and len(w) == 1 and cjk.is_han(w) and cjk.is_han(text[k0 - 1]):
            single.add(k0)
        prev_len = len(w)
        k0 += len(w)
    pen = [0.0] * (n + 1)
    depth = 0
    for k in range(1, n):
        c = ch[k - 1]
        if c in cjk.OPENING:
            depth += 1
        elif c in cjk.CLOSING and depth:
            depth -= 1
        if not brk[k]:
            continue
        b = ch[k]
        if c in cjk.PAUSE_STOP or c in cjk.CLOSING:
            p = 0.0
        elif at.gkind[k] in (GLUE_SPACE, GLUE_HAN_SPACE):
            # between two Western words or numbers a name may run on
            # (iPhone 16 | Pro, a product; headings.py reads it as one word):
            # a break there costs as much as one inside a word
            western = _latin_alnum(ch[k - 1]) and _latin_alnum(b)
            p = _IN_WORD_COST if western else _WORD_BREAK_COST
        elif k not in bounds:
            p = _IN_WORD_COST
        elif (
            (c in _LEAN_FORWARD and (k < 2 or (k - 1) in bounds))
            or b in _LEAN_BACK
            or k in single
            or k in suffix
        ):
            p = _LEAN_BREAK_COST
        elif c.isdigit() and b in _MEASURE:
            p = _IN_WORD_COST
        else:
            p = _WORD_BREAK_COST
        pen[k] = p + _QUOTE_BREAK_COST * depth  # (《…“…”…》: deeper, worse)
    return pen


def _balanced(text: str, metrics: Metrics, width: float, style: TypesetStyle) -> Paragraph:
    """`text` broken into lines of even length, left-aligned on `width`.

    At legal points (禁则 hold, words whole while they fit a line), each line
    holding at least two characters; as few lines as fit, or one more when
    that avoids a break inside a word or a quotation. Among those the breaks
    with the least cost: the squared differences of the line lengths from
    their mean, `_break_costs` (after punctuation, then between words, never
    inside a word or inside 《》“”（）) and `_LONGER_LATER_COST` for a line
    longer than the first."""
    at = prepare(text, metrics, style)
    n = len(at.ch)
    if not n:
        return Paragraph(lines=())
    ms = _Measure(at, width, 0.0, style, _long_token_breaks(at, width))
    if ms.fits(0, n - 1, True):
        return _one_line(text, metrics, width, style)
    brk = ms.brk
    pen = _break_costs(at, brk)
    ok: dict[tuple[int, int], float] = {}  # (s, e) → natural width, for lines that may be

    def line(s: int, e: int) -> float | None:
        if (s, e) not in ok:
            fine = (e + 1 == n or brk[e + 1]) and ms.fits(s, e, True) and not _is_runt(at, s, e)
            ok[s, e] = ms.natural(s, e) if fine else -1.0
        w = ok[s, e]
        return None if w < 0 else w

    starts = [k for k in range(n) if k == 0 or brk[k]]
    # ends[k]: the last atom a line starting at k can reach, pushed in to the full
    ends = {}
    for k in starts:
        e = k
        while e + 1 < n and ms.natural(k, e + 1) - ms.shrink(k, e + 1) <= width + EPS:
            e += 1
        ends[k] = e
    # Fewest lines: count[k] = lines for atoms before k.
    count = {0: 0}
    for k in starts:
        if k not in count:
            continue
        for e in range(k, ends[k] + 1):
            if line(k, e) is not None and count.get(e + 1, 10**6) > count[k] + 1:
                count[e + 1] = count[k] + 1
    if n not in count:
        # No way within the rules: the plain paragraph breaker and its report.
        return set_paragraph(text, metrics, width, indent=0, style=style, align="left")
    total = ms.natural(0, n - 1)
    best_spans: list[tuple[int, int]] = []
    best_cost = float("inf")
    for lines_n in (count[n], count[n] + 1):
        got = _best_breaks(n, lines_n, starts, ends, line, pen, total / lines_n)
        if got is None:
            continue
        cost, spans = got
        cost += _EXTRA_LINE_COST * (lines_n - count[n])
        if cost < best_cost - EPS:
            best_cost, best_spans = cost, spans
        if cost < _WORD_BREAK_COST * lines_n + 4.0:
            break  # good enough: one more line would not pay
    problems: list[str] = []
    lines = _build_lines(ms, best_spans, width, "left", problems)
    # a word, number or address longer than the line, broken where it has no
    # break (halftransp|arent.png): said, so that copy-fitting takes a size
    # at which it is whole
    for (s0, e0), (s1, e1) in zip(best_spans, best_spans[1:], strict=False):
        if at.intok[s1]:
            problems.append(f"broken inside a word: '{_text(at, s0, e0)}|{_text(at, s1, e1)}'")
    return Paragraph(tuple(lines), tuple(dict.fromkeys(at.missing)), tuple(problems))


def _best_breaks(n, lines_n, starts, ends, line, pen, mean):
    """(cost, spans) of the best way to set atoms 0..n-1 in `lines_n` lines."""
    # best[(c, k)]: least cost of atoms before k in c lines, the previous
    # start, and the first line's width.
    best: dict[tuple[int, int], tuple[float, int, float]] = {(0, 0): (0.0, -1, 0.0)}
    for c in range(lines_n):
        for k in starts:
            here = best.get((c, k))
            if here is None:
                continue
            for e in range(k, ends[k] + 1):
                w = line(k, e)
                if w is None or (e + 1 < n and c + 1 == lines_n):
                    continue
                first = w if c == 0 else here[2]
                cost = here[0] + (w - mean) ** 2 + pen[k]
                if c:
                    cost += _LONGER_LATER_COST * max(0.0, w - first)
                else:
                    cost -= 0.01 * w  # a tie goes to the longer first line
                key = (c + 1, e + 1)
                if key not in best or cost < best[key][0] - EPS:
                    best[key] = (cost, k, first)
    if (lines_n, n) not in best:
        return None
    spans: list[tuple[int, int]] = []
    c, e = lines_n, n
    while c:
        k = best[c, e][1]
        spans.append((k, e - 1))
        c, e = c - 1, k
    return best[lines_n, n][0], spans[::-1]
