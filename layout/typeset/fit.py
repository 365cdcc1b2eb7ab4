"""Greedy line fitting (push-in before push-out), emergency breaks and the
孤字 remedies."""

from __future__ import annotations

from .. import cjk
from .measure import _Measure
from .prepare import _Atoms, _text
from .types import EPS, LETTER


def _fit(
    ms: _Measure, start: int = 0, tight: bool = False, problems: list[str] | None = None
) -> list[tuple[int, int]]:
    """Greedy line breaking with push-in/push-out; returns (start, end) pairs.

    For each line the last break that fits at natural width (push-out: the
    line is then spread) and the first that fits by compressing punctuation
    and gaps (push-in) are found; push-in wins when it needs less adjustment
    than push-out, or when push-out would exceed the stretch limits
    (clreq 3.1.7: 先挤进，后推出). `tight` always takes push-in when possible
    (used to pull a 孤字 up)."""
    at = ms.at
    n = len(at.ch)
    brk = ms.brk
    cum, shr, glue, rblank = at.cum, at.shr, at.glue, at.rblank
    lines: list[tuple[int, int]] = []
    s = start
    while s < n:
        w = ms.line_width(s)
        base = cum[s] + glue[s] + (at.lblank[s] if ms.trims_start(s) else 0.0)
        natural_end = -1
        pushin_end = -1
        k = s
        while k < n:
            if k + 1 == n or brk[k + 1]:
                nat = cum[k + 1] - base - rblank[k]
                if nat <= w + EPS or (ms.style.hanging and ms.hang(s, k, nat)):
                    natural_end = k
                else:
                    if nat - ms.shrink(s, k) <= w + EPS:
                        pushin_end = k
                    break
            elif cum[k + 1] - base - shr[k + 1] + shr[s + 1] > w + 4:
                break  # an unbreakable run far wider than the line
            k += 1
        if natural_end == n - 1:
            lines.append((s, n - 1))
            break
        if natural_end < 0 and pushin_end < 0:
            end = _emergency_end(ms, s, w, len(lines), problems)
        elif pushin_end < 0:
            end = natural_end
        elif natural_end < 0 or tight:
            end = pushin_end
        else:
            spread = w - ms.set_width(s, natural_end)
            squeeze = ms.natural(s, pushin_end) - w
            if spread <= EPS:
                end = natural_end
            elif squeeze <= spread + EPS or spread > ms.stretch(s, natural_end) + EPS:
                end = pushin_end
            else:
                end = natural_end
        lines.append((s, end))
        s = end + 1
    return lines


def _emergency_end(ms: _Measure, s: int, w: float, idx: int, problems: list[str] | None) -> int:
    """No legal break fits: break where it hurts least, and say so.

    In order: a point where 禁则 hold (inside a word — only reported when the
    word would fit a whole line, or inside a URL away from its break points,
    `prepare._address_point`); else the
    last atom that fits (reported as a broken rule)."""
    at = ms.at
    n = len(at.ch)
    cum, base = at.cum, at.cum[s] + at.glue[s]
    fit = s
    for k in range(s, n):
        if cum[k + 1] - base - at.rblank[k] - ms.shrink(s, k) > w + EPS:
            break
        fit = k
    if fit == n - 1:
        return fit
    ch = at.ch
    for k in range(fit, s - 1, -1):
        a, b = ch[k], ch[k + 1]
        if b in cjk.NO_BREAK_BEFORE or a in cjk.NO_LINE_END:
            continue
        if problems is not None and not ms.brk[k + 1]:
            problems.append(f"line {idx + 1} broken inside a word: '{_text(at, s, k)}'")
        return k
    # A run of ……/—— longer than the line: break between two of its units.
    for k in range(fit, s - 1, -1):
        if ch[k + 1] in cjk.LONG_MARKS and _unit_start(ch, k + 1):
            if problems is not None:
                problems.append(
                    f"line {idx + 1} broken against the line-break rules: '{_text(at, s, k)}'"
                )
            return k
    if problems is not None:
        problems.append(
            f"line {idx + 1} broken against the line-break rules: '{_text(at, s, fit)}'"
        )
    return fit


def _unit_start(ch: list[str], i: int) -> bool:
    """Atom i begins a ……/—— unit (an even number of equal marks before it)."""
    run = 0
    while i - run - 1 >= 0 and ch[i - run - 1] == ch[i]:
        run += 1
    return run % 2 == 0


def _is_runt(at: _Atoms, s: int, e: int) -> bool:
    """A last line holding one character, punctuation after it aside (孤字,
    clreq 3.4.3: the last line should hold at least two characters)."""
    letters = 0
    cls = at.cls
    for k in range(s, e + 1):
        if cls[k] in LETTER:
            letters += 1
            if letters > 1:
                return False
    return True


def _fix_runt(ms: _Measure, lines: list[tuple[int, int]]) -> bool:
    """Keep a single character off the last line. True if fixed.

    Remedies in order (clreq 3.4.3, and 先挤进，后推出 of 3.1.7): pull it up
    into the line above by push-in; bring characters down from the line above
    (which is then spread); pull it up by pushing in the lines further above
    (each gives room to the next)."""
    at = ms.at
    n = len(lines)
    s_last, e = lines[-1]

    def try_tight(j: int) -> bool:
        new = _fit(ms, lines[j][0], tight=True)
        if new == lines[j:] or _is_runt(at, *new[-1]):
            return False
        if not all(ms.fits(s, t, False) for s, t in new[:-1]):
            return False
        lines[j:] = new
        return True

    if try_tight(n - 2):
        return True
    ps, pe = lines[-2]
    for k in range(pe, ps, -1):  # the last line would start at k
        if not ms.brk[k] or _is_runt(at, k, e):
            continue
        if ms.fits(ps, k - 1, False) and ms.fits(k, e, True):
            lines[-2:] = [(ps, k - 1), (k, e)]
            return True
    return any(try_tight(j) for j in range(n - 3, max(-1, n - 5), -1))


# Costs of the repair pass (`_refit`), in em of adjustment: a line set within
# the style's limits costs the space it adds or removes; a line beyond them,
