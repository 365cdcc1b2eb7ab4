"""Body items into columns: balanced, subheads kept with their text, 孤行 avoided."""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import replace
from itertools import accumulate
from operator import attrgetter

from ..copy import BodyItem

HEIGHT = attrgetter("height")  # a body item's grid lines


def flow(
    items: list[BodyItem], span: int, depth: int, cap: int | None = None, lines: bool = True
) -> tuple[list[list[BodyItem]], int]:
    """Items into `span` columns of `depth` grid lines, balanced.

    Returns the columns and the index of the first item that did not fit
    (len(items) when all fit). A subhead never ends a column; column lengths
    differ by at most one line where the items allow it.
    """
    before = [0, *accumulate(map(HEIGHT, items))]  # heights of items[:i]
    total = before[-1]
    cols: list[list[BodyItem]] = []
    i = 0
    n = len(items)
    for c in range(span):
        remaining = total - before[i]
        left = span - c
        target = min(depth, math.ceil(remaining / left)) if left else depth
        if cap is not None:
            target = min(depth, cap)
        col: list[BodyItem] = []
        if i < n:
            item = items[i]
            if item.kind == "subhead" and item.height > len(item.lines):
                # a subhead that opens a column drops its space above
                item = replace(item, height=len(item.lines))
            used = item.height
            if used <= depth:  # a column's first item needs only the depth
                # then every item while the column stays within the target
                # (heights are whole grid lines, never negative: the sums rise)
                k = bisect_right(before, target - used + before[i + 1], i + 1, n + 1) - 1
                col = [item, *items[i + 1 : k]] if k > i + 1 else [item]
                i = max(k, i + 1)
        if c < span - 1:
            i = _keep_together(items, col, i, lines)
        cols.append(col)
    return cols, i


def _line_role(item: BodyItem) -> tuple[bool, bool]:
    """(first, last) of the paragraph for a body line; subheads count as neither."""
    if item.kind != "line":
        return (False, False)
    ln = item.lines[0]
    return (ln.first, ln.last)


def _keep_together(items: list[BodyItem], col: list[BodyItem], i: int, lines: bool = True) -> int:
    """Move lines from the column's foot to the next column (one-line adjustments).

    A subhead never ends a column; a paragraph's first line is not left alone
    at the foot (orphan) and its last line not alone at the next head (widow),
    when a line or two can be moved without emptying the column (clreq 孤行).
    """
    budget = 2 if lines else 0
    while col and i < len(items):
        first, last = _line_role(col[-1])
        nxt_first, nxt_last = _line_role(items[i])
        orphan = first and not last
        widow = nxt_last and not nxt_first
        if col[-1].kind == "subhead":
            pass
        elif (orphan or widow) and budget and len(col) > 3:
            budget -= 1
        else:
            break
        col.pop()
        i -= 1
    return i


def level_flow(items: list[BodyItem], span: int, depth: int) -> list[list[BodyItem]]:
    """The columns of `flow`, or, when they end more than a line apart, the
    most level filling that still holds every item (columns filled to a
    common cap): what is drawn and reported."""
    cols, i = flow(items, span, depth)

    def spread(cs: list[list[BodyItem]]) -> int:
        hs = [sum(map(HEIGHT, c)) for c in cs]
        return max(hs) - min(hs) if hs else 0

    best, best_spread = cols, spread(cols)
    if span < 2 or best_spread <= 1:
        return best
    total = sum(map(HEIGHT, items))
    # level ends come before 孤行 rules: try those last
    for lines in (True, False):
        # a subhead that opens a column drops its space above, so the columns
        # may hold a line less than total / span: start the caps below it
        for cap in (None, *range(max(1, total // span - 1), depth + 1)):
            alt, j = flow(items, span, depth, cap, lines)
            if j >= i and len(alt) == span and spread(alt) < best_spread:
                best, best_spread = alt, spread(alt)
            if best_spread <= 1:
                return best
    return best
