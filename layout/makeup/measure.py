"""Measure: the options a module has at a span (the depths it can take,
with a cost each, within the shape range and with its columns level), and
the heights of its columns as set."""

from __future__ import annotations

import math

from ..copy import BodyItem
from .flow import HEIGHT, flow, level_flow
from .option import Option, Placed
from .weights import W_SHAPE, W_TIGHT, pad_cost


def _level(cols: list[list[BodyItem]], span: int) -> bool:
    heights = [sum(map(HEIGHT, c)) for c in cols] + [0] * (span - len(cols))
    return max(heights) - min(heights) <= 1


def _heights(cols: list[list[BodyItem]]) -> list[int]:
    return [sum(map(HEIGHT, c)) for c in cols]


def _levelled_depth(items: list[BodyItem], span: int, d: int) -> int:
    """The least body depth of `items` in `span` columns, given `d`, the least
    at which the greedy flow holds them: the balanced columns drawn at d
    (`level_flow`) may all end higher (a subhead that opens a column drops its
    space above), and then that is the module's depth, when the columns drawn
    at it still hold every item. Else the module's text would end above its
    foot in every column."""
    n = len(items)
    while d > 1:
        top = max(_heights(level_flow(items, span, d)), default=0)
        if top >= d:
            return d
        cols = level_flow(items, span, top)
        if sum(len(c) for c in cols) != n or max(_heights(cols), default=0) > top:
            return d
        d = top
    return d


class Measure:
    """A module measured at a span (mixed into `Module`: uses its items,
    heads, pads and style)."""

    # a lead that prints whole only outside the shape range: it takes any shape
    # rather than be cut (overfull.py)
    free_shape: bool = False

    def options(self, span: int) -> list[Option]:
        """The module's options at `span`, one per depth (the cheapest), shallow first."""
        if span not in self._options:
            opts = self._uncut(span)
            if self._levelled():
                opts = [o for o in opts if self.is_level(o, o.body)]
            self._options[span] = opts
        return self._options[span]

    def _uncut(self, span: int) -> list[Option]:
        """The options at `span` within the shape rule, level or not."""
        if span not in self._all:
            self._all[span] = self._build_options(span, shaped=self._shaped())
        return self._all[span]

    def _levelled(self) -> bool:
        """Whether the module keeps its columns level (within a line) as a
        constraint: unless none of its options at any span does."""
        if self._level_ok is None:
            spans = range(1, self.style.columns + 1)
            self._level_ok = any(self.is_level(o, o.body) for s in spans for o in self._uncut(s))
        return self._level_ok

    def _shaped(self) -> bool:
        """Whether the shape rule holds as a constraint: unless no span keeps it
        (or the module is `free_shape`)."""
        if self.free_shape:
            return False
        if self._shape_ok is None:
            spans = range(1, self.style.columns + 1)
            self._shape_ok = any(self._build_options(s, shaped=True) for s in spans)
        return self._shape_ok

    def options_uncut(self, span: int) -> list[Option]:
        """Options a module to be cut may start from: those of its span or, at
        a span where its body is too long for the range, those (it is cut to
        the range)."""
        opts = self._uncut(span)
        if opts or not self.shape_rule:
            return opts
        return [o for o in self._build_options(span, shaped=False) if o.body > self.style.max_lines]

    def prints_whole_within(self, lines: int) -> bool:
        """Whether the module prints whole in `lines` grid lines at some span,
        in any shape (photos above or beside its text; outside the shape range)."""
        spans = range(1, self.style.columns + 1)
        return any(o.depth <= lines for s in spans for o in self._build_options(s, shaped=False))

    def _build_options(self, span: int, shaped: bool) -> list[Option]:
        opts: list[Option] = []
        tights = (False, True) if self.copy.tight is not None else (False,)
        level = {t: self.level_at(span, t) for t in tights}
        for tight in tights:
            body = self.body_depth(span, tight)
            if shaped and not self.shape_allowed(span, body, tight):
                continue
            if not level[tight] and any(level.values()):
                continue  # columns two lines apart where the other setting ends them level
            shape = (W_TIGHT if tight else 0.0) + self.shape_cost(body)
            for title, head, cost, extra in self.heads(span):
                for pad in self.pads():
                    depth = head + pad + body + extra
                    # air in whole lines, spread: a second line in one block
                    # costs more than a line in each of two
                    total = cost + self.pad_weight * pad_cost(pad) + shape
                    opts.append(Option(span, depth, title, head, pad, body, total, tight, extra))
        best: dict[int, Option] = {}
        for o in opts:
            if o.depth not in best or o.cost < best[o.depth].cost:
                best[o.depth] = o
        return sorted(best.values(), key=lambda o: o.depth)

    def body_depth(self, span: int, tight: bool = False) -> int:
        key = (span, tight)
        if key not in self._depth:
            items = self.items(tight)
            total = sum(map(HEIGHT, items))
            d = max(1, math.ceil(total / span))
            while flow(items, span, d)[1] < len(items):
                d += 1
            self._depth[key] = _levelled_depth(items, span, d)
        return self._depth[key]

    def level_at(self, span: int, tight: bool) -> bool:
        """The body's balanced columns at its least depth end within a line of each other."""
        if span == 1:
            return True
        items = self.items(tight)
        return _level(level_flow(items, span, self.body_depth(span, tight)), span)

    def shape_allowed(self, span: int, body: int, tight: bool = False) -> bool:
        """The shape rule as a constraint: body columns within the style's range.

        A body too short for the range even in one column may take one column;
        one too long for it even across the page may go across the page (and
        is cut to size there when the page is full). Across the page only
        when one column fewer would be too deep.
        """
        if not self.shape_rule:
            return True
        st = self.style
        if span == st.columns > 1 and self.body_depth(span - 1, tight) <= st.max_lines:
            return False  # full width only when the body needs it (no full-width strips)
        if st.min_lines <= body <= st.max_lines:
            return True
        if span == 1 and body < st.min_lines:
            return True
        return span == st.columns and self.body_depth(st.columns, tight) > st.max_lines

    def shape_cost(self, body: int) -> float:
        """A module's body too shallow or too deep for the style's range."""
        st = self.style
        return W_SHAPE * (max(st.min_lines - body, 0) + max(body - st.max_lines, 0))

    def column_heights(self, opt: Option, fit: int) -> tuple[int, ...]:
        """Grid lines of text (and pictures) in each of the module's columns,
        set with `fit` body lines per column: its columns as drawn and
        reported (memoised by what they depend on)."""
        # air in the body (a brief block's) shapes its columns; a kind's own
        # option (photos) by identity, kept alive with the answer
        pad = opt.pad if self.body_top(opt) < opt.head + opt.pad else -1
        own = None if type(opt) is Option else id(opt)
        key = (opt.span, opt.tight, fit, pad, own)
        hit = self._heights.get(key)
        if hit is None:
            cols, _ = self.flow_placed(Placed(-1, 0, 0, opt, fit))
            hs = _heights(cols) + [0] * (opt.span - len(cols))
            hit = self._heights[key] = (opt, tuple(hs))
        return hit[1]

    def foot_lags(self, opt: Option, fit: int) -> tuple[int, ...]:
        """Grid lines each of the module's columns ends above its foot, set
        with `fit` body lines per column (as the report measures a column's
        foot: to its last line of text, and the frame's foot below it). A
        module without text (a hole) or one that takes its frame ends there."""
        if self.fills_frame or not self.copy.body:
            return (0,) * opt.span
        foot = opt.depth - (opt.body - fit) - self.body_top(opt) - opt.extra
        return tuple(foot - h for h in self.column_heights(opt, fit))

    def is_level(self, opt: Option, fit: int) -> bool:
        """The module's columns, set with `fit` lines, end within a line of each other."""
        if opt.span < 2 or self.fills_frame or not self.copy.body:
            return True
        hs = self.column_heights(opt, fit)
        return max(hs) - min(hs) <= 1
