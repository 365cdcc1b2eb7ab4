"""The repair pass: a Knuth–Plass search over the tail of a paragraph."""

from __future__ import annotations

from .fit import _is_runt
from .measure import _Measure
from .types import EPS

# a 孤字 and a line that cannot be made flush at all cost far more.
_LOOSE = 1000.0
_RUNT = 1500.0
_SHORT = 5000.0
# A URL or e-mail address that would fit a line is broken (after / . - @) only
# by the repair pass, and only where that saves a line beyond the limits.
_URL_BREAK = 300.0
# How many lines above the first bad one the repair pass may reset.
_REFIT_LINES = 5
_INF = float("inf")


def _line_cost(
    ms: _Measure, s: int, e: int, last: bool, runts: bool, jpre: list[int] | None = None
) -> float:
    """What setting atoms s..e as one line costs (see `_LOOSE`); `jpre`, if
    given, holds prefix counts of `at.just`."""
    room = ms.line_width(s) - ms.set_width(s, e)
    if room < -EPS:
        return -room if -room <= ms.shrink(s, e) + EPS else _INF
    if last:
        return _RUNT if runts and s > 0 and _is_runt(ms.at, s, e) else 0.0
    if room <= EPS:
        return 0.0
    within = ms.stretch(s, e)
    if room <= within + EPS:
        return room
    at = ms.at
    if jpre is None:
        slots = sum(1 for k in range(s + 1, e + 1) if at.just[k])
    else:
        slots = jpre[e + 1] - jpre[s + 1]
    slots += len(ms.letter_slots(s, e))
    if not slots:
        return _SHORT + room
    return _LOOSE + room + 100.0 * (room - within) / slots


def _refit(ms: _Measure, spans: list[tuple[int, int]], first: int) -> list[tuple[int, int]]:
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
    current = sum(
        _line_cost(ms, s, e, i == last_i, runts) for i, (s, e) in enumerate(spans) if i >= first
    )
    start = spans[first][0]
    brk = ms.brk
    soft = [False] * n  # URL break points of addresses shorter than a line
    for t0, t1, url in at.tokens:
        if url:
            for i in range(t0 + 1, t1 + 1):
                soft[i] = at.emerg[i] and not brk[i]
    cum, shr, lblank, glue = at.cum, at.shr, at.lblank, at.glue
    jpre = [0] * (n + 1)
    for k, j in enumerate(at.just):
        jpre[k + 1] = jpre[k] + j
    best = [_INF] * (n + 1)
    prev = [0] * (n + 1)
    best[start] = 0.0
    for s in range(start, n):
        base = best[s]
        if base == _INF:
            continue
        w = ms.line_width(s)
        lo = cum[s] + glue[s] - shr[s + 1] + lblank[s]
        for e in range(s, n):
            pen = 0.0
            if e + 1 < n and not brk[e + 1]:
                if not soft[e + 1]:
                    continue
                pen = _URL_BREAK
            c = _line_cost(ms, s, e, e == n - 1, runts, jpre) + pen
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
