"""Two regions side by side, with a region made up lower (a staggered start,
the lines as air above its top headline) when their headlines would stand
side by side (撞题)."""

from __future__ import annotations

from dataclasses import replace

from ..module import Placed, head_span
from ..weights import (
    MIN_REGION_LINES,
    W_BUMP,
    pad_cost,
)
from .solution import Solution

STAGGER = 4  # lines a region may start lower, as air above its top headline, against 撞题
MORE_STAGGER = 2  # air lines beyond the style's most a title block may take for that


class Stagger:
    """Side-by-side regions and staggered starts against 撞题."""

    def _side_by_side(
        self,
        c0: int,
        top: int,
        left_w: int,
        right_w: int,
        h: int,
        a: Solution,
        b: Solution,
        left: tuple[int, ...],
        right: tuple[int, ...],
        weight: float,
        rs=None,
    ) -> Solution:
        """Regions a (left) and b (right) side by side. Headlines across their
        edge at the same height (撞题) cost W_BUMP a pair, unless one region,
        made up a few lines lower with those lines as air above its top
        headline, staggers them (STAGGER lines at most). `rs`: the search
        that made up b (one with the stories capped beside the lead, lead.py)."""
        bump = self._bumps(a.placed, b.placed, left_w)
        if bump and not self.hurried:
            best = None
            edge = [self._title(p) for p in a.placed if self._left_edge(p, left_w)]
            for k in self._stagger(b, right_w, edge):
                b2 = (rs or self)._lowered(c0 + left_w, top, right_w, h, right, k)
                if b2 is not None and not self._bumps(a.placed, b2.placed, left_w):
                    best = (a, b2)
                    break
            edge = [self._title(p) for p in b.placed if p.col == 0 and self.has_head[p.m]]
            for k in () if best is not None else self._stagger(a, left_w, edge, True):
                a2 = self._lowered(c0, top, left_w, h, left, k)
                if a2 is not None and not self._bumps(a2.placed, b.placed, left_w):
                    best = (a2, b)
                    break
            if best is None:
                # a headline risen (its air taken out: its columns end short)
                # or runners-up of the two regions that stand clear of each
                # other (alternates.py), whichever costs less
                best = self._unbumped(a, b, left_w, right_w)
                limit = float("inf") if best is None else _sum(best)
                other = self._paired(c0, top, left_w, right_w, h, left, right, rs, limit)
                if other is not None:
                    best = other
            if best is not None:
                a, b, bump = *best, 0.0
        rp = tuple(p.moved(left_w, 0) for p in b.placed)
        return Solution(a.cost + b.cost + W_BUMP * bump, a.placed + rp, weight)

    def _stagger(
        self, sol: Solution, w: int, edge: list[tuple[int, int]], left: bool = False
    ) -> range:
        """Drops worth trying for the region's top headlines against `edge` (the
        lines of its neighbours' headlines): from the least that clears them
        as they stand to STAGGER, if the modules at its top are all headed and
        together span the region (else none: a region made up lower would
        leave blank lines over a module). `left`: the region is on the left
        of the split (its headlines at its right edge face `edge`, else
        those at its left edge)."""
        first = [p for p in sol.placed if p.top == 0]
        if not first or sum(head_span(p.option) for p in first) != w:
            return range(0)
        if not all(self.has_head[p.m] for p in first):
            return range(0)
        titles = [
            self._title(p)
            for p in first
            if (p.col + head_span(p.option) == w if left else p.col == 0)
        ]
        for k in range(1, STAGGER + 1):
            if not any(a < t1 + k and t0 + k < b for a, b in edge for t0, t1 in titles):
                return range(k, STAGGER + 1)
        return range(0)

    def _lowered(
        self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...], k: int
    ) -> Solution | None:
        """The region's modules made up k lines lower, the k lines added to the
        air above the headline of its top module (one across the region), so
        that its headline starts k lines lower (None: no such arrangement)."""
        if h - k < MIN_REGION_LINES:
            return None
        sub = self._solve(c0, top + k, w, h - k, mods)
        if sub is None:
            return None
        first = [p for p in sub.placed if p.top == 0]
        if not first or sum(head_span(p.option) for p in first) != w:
            return None
        cost = sub.cost
        new: dict[int, Placed] = {}
        for p in first:
            md = self.mods[p.m]
            opt = p.option
            pad = opt.pad + k
            if pad > self.style.max_pad + MORE_STAGGER:
                return None
            lower = replace(
                opt,
                pad=pad,
                depth=opt.depth + k,
                cost=opt.cost + pad_cost(pad) - pad_cost(opt.pad),
            )
            if md.air_above(lower) - md.air_above(opt) != k:
                return None  # its air does not go above its headline
            new[p.m] = Placed(p.m, p.col, 0, lower, p.fit_body)
            cost += lower.cost - opt.cost
        placed = tuple(new.get(q.m) if q.top == 0 else q.moved(0, k) for q in sub.placed)
        return Solution(cost, placed, sub.weight)


def _sum(pair: tuple[Solution, Solution]) -> float:
    return pair[0].cost + pair[1].cost
