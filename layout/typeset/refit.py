"""The repair pass: a Knuth–Plass search over the tail of a paragraph."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from itertools import accumulate, chain

from .. import cjk
from .fit import _is_runt
from .measure import _Measure
from .types import EPS

# a 孤字 and a line that cannot be made flush at all cost far more.
_LOOSE = 1000.0
# … and up to this much more, the further beyond the limits it is
_LOOSE_MORE = 1500.0
# Characters set closer than solid (`TypesetStyle.max_char_shrink`): less
# than a letter-spaced line, more than any spacing within 0.10 em.
_SQUEEZE = 12.0
# Closer than this (em, up to `max_char_shrink`) only to save a line beyond
# the limits (spacing.py counts lines tighter than -0.05 em).
_SQUEEZE_OK = 0.05
# A line fewer than the greedy lines, in the total fit (`_refit_total`): a
# small cost, so that no line is taken away for a trifle of spacing.
_FEWER = 25.0
_RUNT = 3000.0
_SHORT = 5000.0
# Every line costs this: the repair pass never adds a line to the paragraph
# for spacing (an extra line is overset on a full page), only to keep a 孤字
# off the last line or a line beyond the limits.
_LINE = 1100.0
# A URL or e-mail address that would fit a line is broken only by the repair
# pass (`prepare._address_point`): after a dot (no Chicago point: a dot does
# not start a line) only where that saves a line beyond the limits; at the
# Chicago Manual's points (after //, before a single slash or a hyphen, …)
# where that saves a letter-spaced line.
_URL_BREAK = 300.0
_URL_POINT = 40.0
# … but a dot of an e-mail address's domain, after the @ (tax-refund@gov-
# service. | example.com), costs little more than a Chicago point: the
# domain has no other points but its hyphens, and a whole name between dots
# fills a line where breaking only at @ and - leaves a piece letter-spaced or
# the Chinese text before it spread (mixed p6: 此外，骗子还会伪造 +0.125 with
# three lines at +0.100 above 址显示为tax-refund@gov; the piece tax-refund@
# gov-service. fills its line at 0.004 em a letter and every line is within
# 0.10 em). Not as little as 40: on an 11-em measure that took
# jiangcheng-police. | example.org with three lines at +0.111 over a
# paragraph whose only fault was a last line set 0.06 em closer than solid.
_MAIL_DOT = 80.0
# A web address wider than the line must break somewhere, and where its own
# points leave a piece that fills no line (mixed p6: `-check.example.net`
# 2.4 em short of a 12-em line), it may break between any two of its letters
# or digits (typesetting.md: "not broken inside unless the whole does not fit
# on a line"; no hyphen added, as CSS overflow-wrap: anywhere) — dearer than
# its points, so only where that saves a loose line (`_SPREAD`, a letter-spaced
# piece beyond `_LETTER_OK`); two letters at least either side (no or | g.),
# never inside its scheme or a number (`_anywhere`).
_URL_ANYWHERE = 45.0
# Not an e-mail address: it always has its @ and, as a last resort, the dots
# of its domain (`_MAIL_DOT`); a name of it broken (jiangcheng-pol | ice)
# is worse for whoever copies it, and took a loose line only by setting
# another one short (a generated tabloid page: 收到可疑邮件， ragged to the
# auditor).
_ANYWHERE = (_URL_ANYWHERE,)
# Characters spread further apart than this (em) make a loose line to a
# proofreader (../shared/audit/spacing.py counts lines over 0.10 em).
_SPREAD_OK = 0.1
_SPREAD = 50.0
# Letters of a broken URL or e-mail address set apart (the last resort of
# justification): any costs `_LETTER`, more than `_LETTER_OK` em a gap as
# much as a letter-spaced line and more (spacing.py flags such runs).
_LETTER = 5.0
_LETTER_OK = 0.05
# … and beyond the style's `max_letter_stretch`, where fewer than this many
# character gaps share the line (../shared/audit/spacing.py measures a Han
# line from 3 pairs): a surcharge, the letters' cost continuing as before.
_HAN_SEEN = 3
_LETTER_BEYOND = 100.0
# Breaks inside a token that fits a line, by kind (what a proofreader minds
# more or less than a letter-spaced line, `_SPREAD` and up):
# - after the hyphen of a compound of two words (Wi- | Fi, account- |
#   security): the break an English compositor takes before spacing a line;
_HYPHEN_BREAK = 15.0
# - inside a number range (1– | 8月), after + / or a dot (1+3+N, 3/4,
#   example. | org): typesetting.md keeps these whole, so only to save a
#   line beyond the limits. Never after a single — (2025— | 2026): a line
#   ending in one — reads as a split —— (GB/T 15834 5.1.4).
_TOKEN_BREAK = 300.0
# - a number parted from its unit or measure word (2023 | 年; kept together
#   by the normal breaks, issue 15.5) only where that saves a letter-spaced
#   line.
_MEASURE_BREAK = 25.0
# - before a 破折号 —— or an ellipsis ……: a line may start with one
#   (clreq's basic and GB levels, ref §1.4; the auditor agrees), but not at
#   the strict level the normal breaks keep; so only where that saves a line
#   spread wider than about 0.17 em (a 10-em first line of 距离最近的胸痛中心
#   ——江城… was 距离最近的胸痛中 at +0.29 em, 破折号——和省略号……， was
#   破折号——和省略 at +0.33).
_DASH_START = 150.0
_PAIRED = frozenset("—…⋯")
# How many lines above the first bad one the repair pass may reset.
_REFIT_LINES = 8
_HYPHENS = frozenset("-‐")
_TOKEN_BREAK_AFTER = frozenset("+/.–~～-‐")
_INF = float("inf")


def _line_cost(
    ms: _Measure,
    s: int,
    e: int,
    last: bool,
    runts: bool,
    jpre: list[int] | None = None,
    squeeze: bool = False,
) -> float:
    """What setting atoms s..e as one line costs (see `_coster`); `jpre`, if
    given, holds prefix counts of `at.just`."""
    return _coster(ms, runts, jpre, squeeze)(s, e, last)


def _just_prefix(ms: _Measure) -> list[int]:
    """jpre[k]: how many atoms before k allow spacing before them (`at.just`)."""
    return list(accumulate(ms.at.just, initial=0))


def _coster(
    ms: _Measure, runts: bool, jpre: list[int] | None = None, squeeze: bool = False
) -> Callable[[int, int, bool], float]:
    """cost(s, e, last): what setting atoms s..e as one line costs (`_LOOSE`
    and the constants above); the searches call it for every candidate line,
    so the paragraph's arrays are bound once here.

    Push-in costs little (clreq 3.1.7: 先挤进，后推出). Push-out first goes
    into the gaps that may grow (half ems given back, CJK–Latin gaps, word
    spaces) at a small cost; what is left is spread between characters, and
    a line whose characters stand more than `_SPREAD_OK` em apart costs
    `_SPREAD` and more with every hundredth of an em (a proofreader's
    letter-spaced line), beyond the style's limit `_LOOSE`. With `squeeze`,
    a line too wide even pushed in may set its characters closer than solid
    (`_SQUEEZE`, up to `max_char_shrink`). The letters of a broken address
    take what the characters cannot (`_justify`'s order): `_LETTER`, and
    beyond `_LETTER_OK` em a gap as much as a letter-spaced line and more; a
    line of an address alone is costed so too, not as a full line."""
    at = ms.at
    style = ms.style
    if jpre is None:
        jpre = _just_prefix(ms)
    cum, glue, rblank, lblank, stp, intok = at.cum, at.glue, at.rblank, at.lblank, at.stp, at.intok
    n = len(at.ch)
    width, indent = ms.width, ms.indent
    hanging = style.hanging
    trim = style.trim_line_start_open
    cap = style.max_char_shrink if squeeze else 0.0
    c_stretch, l_stretch = style.max_char_stretch, style.max_letter_stretch
    endgive, lshift = at.endgive, at.lshift

    def cost(s: int, e: int, last: bool) -> float:
        if hanging:
            room = ms.line_width(s) - ms.set_width(s, e)
        else:  # (set_width and line_width inlined)
            room = width - cum[e + 1] + cum[s] + glue[s] + rblank[e]
            if s == 0 and indent > 0:
                room -= indent
            elif trim:
                room += lblank[s]
        if room < -EPS:
            over = -room - ms.shrink(s, e)
            if over <= EPS:
                return -room * 0.05
            if cap <= 0.0:
                return _INF
            slots = jpre[e + 1] - jpre[s + 1]
            if over > slots * cap + EPS:
                return _INF
            per = over / slots
            if per <= _SQUEEZE_OK + EPS:
                return _SQUEEZE + 100.0 * per
            return _SQUEEZE + _LOOSE / 2 + 100.0 * per
        if last:
            return _RUNT if runts and s > 0 and _is_runt(at, s, e) else 0.0
        if room <= EPS:
            return 0.0
        # the edge marks' blank halves first (`_Measure.edges`, inlined),
        # then the rest as below
        free = room
        back = endgive[e]
        if back > EPS and back <= room + EPS:
            free -= back
        if trim and lblank[s] > EPS and lshift[s] <= EPS and not (s == 0 and indent > 0):
            if lblank[s] <= free + EPS:
                free -= lblank[s]
        slots = jpre[e + 1] - jpre[s + 1]
        if e > s:
            within = stp[e + 1] - stp[s + 1]
            if intok[s] or (e + 1 < n and intok[e + 1]):
                letters = len(ms.letter_slots(s, e))
            else:
                letters = 0
        else:
            within = 0.0
            letters = 0
        if free <= within + letters * l_stretch + EPS:
            # as `_justify` spreads it: the gaps that may grow, then the
            # characters up to `max_char_stretch`, then the letters of a
            # broken address (`max_letter_stretch`)
            gaps = within - c_stretch * slots
            rest = free - (gaps if gaps > 0.0 else 0.0)
            if rest <= EPS:
                return 0.1 * room
            if slots and rest <= slots * c_stretch + EPS:
                spread = rest / slots
                if spread <= _SPREAD_OK + EPS:
                    return 0.1 * room
                return _SPREAD + 0.1 * room + 2000.0 * (spread - _SPREAD_OK) ** 2 * slots
            c = 0.1 * room
            if slots:
                c += _SPREAD + 2000.0 * (c_stretch - _SPREAD_OK) ** 2 * slots
                rest -= slots * c_stretch
            # letters set apart: a proofreader sees it sooner than spaced
            # characters (spacing.py flags a run over `_LETTER_OK` em)
            per = rest / letters
            if per <= _LETTER_OK + EPS:
                return c + _LETTER + 200.0 * per
            return c + _SPREAD + _LETTER + 4000.0 * (per - _LETTER_OK) ** 2 * letters
        if letters and slots < _HAN_SEEN:
            # A piece of a broken address beyond the letters' limit, with
            # too few characters beside it for their spread to show: what
            # shows is its letter-spacing, costed as within the limits (and
            # on), never as a Han line beyond them (a 12-em paragraph set
            # 亿部；其中5G机型占 at +0.28 em so that //www.idc.example.
            # need not take 0.13 em a letter)
            rest = free - within - slots * c_stretch
            if rest > EPS:
                per = rest / letters
                c = (
                    0.1 * room
                    + _SPREAD
                    + _LETTER
                    + _LETTER_BEYOND
                    + 4000.0 * (per - _LETTER_OK) ** 2 * letters
                )
                if slots:  # (and the characters spread to the full, as above)
                    c += _SPREAD + 2000.0 * (c_stretch - _SPREAD_OK) ** 2 * slots
                return c
        within += letters * l_stretch
        slots += letters
        if not slots:
            return _SHORT + room
        # beyond the limits: the further, the worse (a line of an address
        # alone set 0.5 em a letter apart reads as a row of letters), but
        # never as bad as a 孤字 (`_RUNT`), which the auditor counts
        per = (free - within) / slots
        return _LOOSE + room + 100.0 * per + min(4000.0 * per * per * slots, _LOOSE_MORE)

    return cost


def _refit(
    ms: _Measure,
    spans: list[tuple[int, int]],
    first: int,
    memo: dict[tuple[int, int], float] | None = None,
) -> list[tuple[int, int]]:
    """The lines from `first` on again, chosen together, when the greedy ones
    leave a line beyond the spacing limits or a 孤字.

    A composer who meets such a line goes back and resets the lines above
    (clreq 3.4.3: push in, or bring characters down); here the rest of the
    paragraph from a few lines above is broken anew at its legal points (禁则
    as before) with the least total cost (`_line_cost`, Knuth–Plass style),
    and the new breaks are kept only if they cost less."""
    at = ms.at
    n = len(at.ch)
    runts = ms.style.fix_runts
    last_i = len(spans) - 1
    jpre = _just_prefix(ms)
    cost = _coster(ms, runts, jpre)
    start = spans[first][0]
    brk = ms.brk
    soft_pen = _soft_breaks(ms)
    current = sum(
        cost(s, e, i == last_i) + _LINE + (soft_pen[s] if s and not brk[s] else 0.0)
        for i, (s, e) in enumerate(spans)
        if i >= first
    )
    ends = _line_ends(ms, soft_pen)
    cum, shr, lblank, glue = at.cum, at.shr, at.lblank, at.glue
    best = [_INF] * (n + 1)
    prev = [0] * (n + 1)
    best[start] = 0.0
    for s in range(start, n):
        base = best[s]
        if base == _INF:
            continue
        w = ms.line_width(s)
        lo = cum[s] + glue[s] - shr[s + 1] + lblank[s]
        for e in ends(s, bisect_left(cum, cum[s] + w - 2.5) - 2):
            pen = 0.0
            if e + 1 < n and not brk[e + 1]:
                pen = soft_pen[e + 1]
                if pen == _INF:
                    continue
            c = cost(s, e, e == n - 1)
            if memo is not None:
                memo[s, e] = c
            c += pen + _LINE
            if c < _INF and base + c < best[e + 1] - EPS:
                best[e + 1] = base + c
                prev[e + 1] = s
            if cum[e + 1] - lo - shr[e + 1] > w + EPS:
                break  # wider than the line even pushed in to the full
    if best[n] >= current - EPS:
        return spans
    out: list[tuple[int, int]] = []
    e = n
    while e > start:
        s = prev[e]
        out.append((s, e - 1))
        e = s
    return spans[:first] + out[::-1]


def _refit_total(
    ms: _Measure, spans: list[tuple[int, int]], memo: dict[tuple[int, int], float] | None = None
) -> list[tuple[int, int]]:
    """The whole paragraph broken anew, all lines chosen together (a total
    fit), when `_refit` still leaves a letter-spaced line.

    The same legal and soft breaks and costs as `_refit`, over the whole
    paragraph, and a line may also be set up to `max_char_shrink` closer than
    solid (挤排, `_SQUEEZE`). The search runs over (position, lines so far):
    never more lines than before, and fewer only where that keeps the spacing
    even (a line less is not a gain here, `_FEWER`): a squeezed line serves
    the spacing, never to save a line (make-up has counted them). Kept only
    if cheaper."""
    at = ms.at
    n = len(at.ch)
    runts = ms.style.fix_runts
    total = len(spans)
    jpre = _just_prefix(ms)
    plain = _coster(ms, runts, jpre)
    brk = ms.brk
    soft_pen = _soft_breaks(ms)
    # (the spans may hold soft breaks of `_refit`: they cost here too)
    current = sum(
        plain(s, e, i == total - 1) + (soft_pen[s] if s and not brk[s] else 0.0)
        for i, (s, e) in enumerate(spans)
    )
    ends = _line_ends(ms, soft_pen)
    cum, shr, lblank, glue = at.cum, at.shr, at.lblank, at.glue
    cap = ms.style.max_char_shrink
    squeeze = cap > 0.0
    cost = _coster(ms, runts, jpre, squeeze)
    # best[pos][lines so far] = (cost, start of the last line)
    best: list[dict[int, tuple[float, int]]] = [{} for _ in range(n + 1)]
    best[0][0] = (0.0, -1)
    for s in range(n):
        states = best[s]
        if not states:
            continue
        w = ms.line_width(s)
        lo = cum[s] + glue[s] - shr[s + 1] + lblank[s]
        for e in ends(s, bisect_left(cum, cum[s] + w - 2.5) - 2):
            if cum[e + 1] - lo - shr[e + 1] - cap * (jpre[e + 1] - jpre[s + 1]) > w + EPS:
                break  # wider than the line even pushed in to the full
            pen = 0.0
            if e + 1 < n and not brk[e + 1]:
                pen = soft_pen[e + 1]
                if pen == _INF:
                    continue
            last = e == n - 1
            c = memo.get((s, e), _INF) if memo is not None else _INF
            if c == _INF:  # (not costed by `_refit`, or too wide unsqueezed)
                c = cost(s, e, last)
            c += pen
            if c == _INF:
                continue
            nxt = best[e + 1]
            for k, (base, _p) in states.items():
                if k + 1 > total:
                    continue
                old = nxt.get(k + 1)
                if old is None or base + c < old[0] - EPS:
                    nxt[k + 1] = (base + c, s)
    ends = [(cost + _FEWER * (total - k), k) for k, (cost, _p) in best[n].items()]
    if not ends:
        return spans
    cost, k = min(ends)
    if cost >= current - EPS:
        return spans
    out: list[tuple[int, int]] = []
    e = n
    while e > 0:
        s = best[e][k][1]
        out.append((s, e - 1))
        e, k = s, k - 1
    return out[::-1]


def _line_ends(ms: _Measure, soft_pen: list[float]) -> Callable[[int, int], Iterable[int]]:
    """ends(s, e0): the last atoms a line from atom s may end at, in order,
    where e0 is the first that leaves the line less than 2.5 em short.

    A shorter line is never the best choice, but where an address breaks:
    a line that starts inside one, or ends at one of its break points (a
    piece of a long URL standing alone, `org.`), may be the only way to set
    the pieces around it within the limits."""
    at = ms.at
    n = len(at.ch)
    intok, brk = at.intok, ms.brk
    points = [i - 1 for i in range(1, n) if intok[i] and (brk[i] or soft_pen[i] < _INF)]

    def ends(s: int, e0: int) -> Iterable[int]:
        e0 = min(max(s, e0), n - 1)
        if intok[s]:
            return range(s, n)
        if not points or points[-1] < s or points[0] >= e0:
            return range(e0, n)
        lo = bisect_left(points, s)
        hi = bisect_left(points, e0, lo)
        return chain(points[lo:hi], range(e0, n))

    return ends


def _soft_breaks(ms: _Measure) -> list[float]:
    """Per atom, the penalty of a line starting there where the normal breaks
    allow none (`_INF`: never): points inside a Latin word, number or address
    that fits a line (`_HYPHEN_BREAK`, `_TOKEN_BREAK`, URL points), between
    two letters or digits of an address that does not (`_URL_ANYWHERE`), and
    a number parted from its measure word (`_MEASURE_BREAK`)."""
    at = ms.at
    n = len(at.ch)
    ch, brk = at.ch, ms.brk
    pen = [_INF] * n
    for t0, t1, url in at.tokens:
        anywhere, lo = _anywhere(at, t0, t1, url, ms.width)
        for i in range(t0 + 1, t1 + 1):
            if brk[i]:
                continue
            if url:
                if (
                    i >= lo
                    and i < t1
                    and _alnum(ch[i - 2])
                    and _alnum(ch[i - 1])
                    and _alnum(ch[i])
                    and not (ch[i - 1].isdigit() and ch[i].isdigit())
                    and _alnum(ch[i + 1])
                ):
                    pen[i] = anywhere
                elif at.emerg[i]:
                    if ch[i - 1] != ".":
                        pen[i] = _URL_POINT
                    else:
                        pen[i] = _MAIL_DOT if "@" in ch[t0:i] else _URL_BREAK
                elif ch[i - 1] == ":" and ch[i] == "/":
                    # after the scheme's colon (https: | //…, Chicago 6.17),
                    # however long the address: a line starting with // reads
                    # oddly, so only where that saves a line beyond the limits
                    pen[i] = _URL_BREAK
                continue
            a, b = ch[i - 1], ch[i]
            if i - 2 < t0 or not b.isalnum() or not ch[i - 2].isalnum():
                continue
            if a in _HYPHENS and b.isalpha() and ch[i - 2].isalpha():
                pen[i] = _HYPHEN_BREAK
            elif a in _TOKEN_BREAK_AFTER and not (a == "." and b.isdigit()):
                pen[i] = _TOKEN_BREAK
    no_end = cjk.NO_LINE_END
    for i in range(1, n):
        if brk[i]:
            continue
        b = ch[i]
        if b in cjk.MEASURE_WORDS and "0" <= ch[i - 1] <= "9":
            pen[i] = _MEASURE_BREAK
        elif _dash_start(ch, i) and ch[i - 1] not in no_end:
            pen[i] = _DASH_START
    return pen


def _anywhere(at, t0: int, t1: int, url: bool, width: float) -> tuple[float, int]:
    """What a break between two letters or digits of the token in atoms
    t0..t1 costs, and the first atom it may come before: a web address wider
    than the line `width` (`_URL_ANYWHERE`), never inside its scheme (ht |
    tps:// hides that it is an address); a word or number, an e-mail
    address, or an address that fits, never (`_INF`).
    (`_soft_breaks` keeps two letters either side, as hyphenation does, and
    the digits of a number together: 2025 in a path.)"""
    ch = at.ch
    if not url or at.cum[t1 + 1] - at.cum[t0] - at.glue[t0] <= width + EPS:
        return _INF, t1 + 1
    if "@" in ch[t0 : t1 + 1]:
        return _INF, t1 + 1
    head = "".join(ch[t0 : min(t1, t0 + 8) + 1])
    lo = t0 + 2
    if "://" in head:
        lo = t0 + head.index("://") + 5
    return _URL_ANYWHERE, lo


def _alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _dash_start(ch: list[str], i: int) -> bool:
    """Atom i opens a 破折号 or an ellipsis: ⸺, or the first of a pair of —,
    … or ⋯ (an odd run of the mark before it would split one)."""
    c = ch[i]
    if c == "⸺":
        return ch[i - 1] != "⸺" if i else True
    if c not in _PAIRED or i + 1 >= len(ch) or ch[i + 1] != c:
        return False
    run = 0
    while i - run - 1 >= 0 and ch[i - run - 1] == c:
        run += 1
    return run % 2 == 0
