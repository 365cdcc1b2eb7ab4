"""`flow` fills a column by bisection over its items' height sums: the same
columns as filling it item by item (the rule as written: a column's first
item needs only the depth, every other one keeps the column within its
balanced target; a subhead opening a column drops its space above; then the
孤行 adjustments)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from hypothesis import given, settings
from hypothesis import strategies as st

from layout.copy import BodyItem
from layout.makeup.flow import _keep_together, flow, level_flow


@dataclass(frozen=True)
class _Line:
    first: bool
    last: bool


def _by_item(items, span, depth, cap=None, lines=True):
    """The column rule applied one item at a time (the reference)."""
    total = sum(it.height for it in items)
    cols, i, n = [], 0, len(items)
    for c in range(span):
        remaining = total - sum(it.height for it in items[:i])
        target = min(depth, math.ceil(remaining / (span - c)))
        if cap is not None:
            target = min(depth, cap)
        col, used = [], 0
        while i < n:
            item = items[i]
            if not col and item.kind == "subhead" and item.height > len(item.lines):
                item = replace(item, height=len(item.lines))
            if used + item.height > depth or (used + item.height > target and col):
                break
            col.append(item)
            used += item.height
            i += 1
        if c < span - 1:
            i = _keep_together(items, col, i, lines)
        cols.append(col)
    return cols, i


_line = st.builds(
    lambda f, la, h: BodyItem("line", (_Line(f, la),), h, 0),
    st.booleans(),
    st.booleans(),
    st.sampled_from([1, 1, 1, 2, 0]),
)
_subhead = st.builds(
    lambda k, air: BodyItem("subhead", tuple(_Line(False, False) for _ in range(k)), k + air, 0),
    st.integers(1, 3),
    st.integers(0, 2),
)
_items = st.lists(st.one_of(_line, _line, _line, _subhead), max_size=40)


@settings(max_examples=400, deadline=None)
@given(
    _items,
    st.integers(1, 5),
    st.integers(1, 20),
    st.one_of(st.none(), st.integers(1, 20)),
    st.booleans(),
)
def test_flow_fills_columns_as_item_by_item(items, span, depth, cap, lines):
    assert flow(items, span, depth, cap, lines) == _by_item(items, span, depth, cap, lines)


@settings(max_examples=200, deadline=None)
@given(_items, st.integers(2, 5), st.integers(1, 20))
def test_level_flow_holds_every_item_it_held_before(items, span, depth):
    cols = level_flow(items, span, depth)
    _, held = _by_item(items, span, depth)
    assert sum(len(c) for c in cols) >= held
