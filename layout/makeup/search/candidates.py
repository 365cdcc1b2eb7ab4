"""The arrangements of a region the search compares: A, a module across the
region with the rest below it; B, a left and a right region (mirrored: the
first module on the right); C, a headline over (headline_over.py)."""

from __future__ import annotations

from ..module import Placed
from ..weights import (
    MIN_REGION_LINES,
    OVERSET_SLACK,
    W_HIGHER,
    W_SHORT,
    W_WIDER,
)
from .solution import Solution


class Candidates:
    """The arrangements of a region, pruned by the bound."""

    def _candidates(
        self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...], bound: list[float]
    ):
        """Arrangements of `mods` in the region; none that cannot beat `bound[0]`
        (every cost is ≥ 0, so a part already as dear as the best is dropped)."""
        st = self.style
        if self._late():
            self.hurried = True
        m, rest = mods[0], mods[1:]
        if self.pins and not self._pinned_inside(mods, c0, w):
            return
        # Regions that cannot hold their modules even at their smallest are
        # only worth trying when overset is unavoidable anyway (the slack).
        slack = OVERSET_SLACK if self.cut else 0.0
        if rest and self._areas(mods) > w * h * (1 + slack):
            return
        deepest, most, weight = self._figures(mods, w)
        # Every module lies within the region: none may need more lines than it has.
        if deepest > h:
            return
        # Nor regions their modules cannot fill (a gap line under each counts).
        if self.fill_slack is not None and most < w * (h - self.fill_slack):
            return
        rest_weight = weight - self.imp[m]
        width_cost = W_WIDER * self.imp[m] * (st.columns - w) / st.columns
        here = self._pin_ok(m, c0, top, w)
        # A: m across the whole region, the rest below it.
        choices = self._choices(m, w) if here else []
        if self.hurried and len(choices) > 6 and rest:  # a spread of depths only
            step = len(choices) // 6 + 1
            choices = choices[::step] + choices[-1:]
        # choices come shallow first: once one is too deep, or pushes the rest
        # so low that even its cheapest cannot beat the bound, so are the others
        rest_lower = self._lower(rest, w) if rest else 0.0
        for opt, fit, opt_cost in choices:
            depth = opt.depth - opt.body + fit
            if not rest:
                if depth > h:
                    break
                short = h - depth
                cost = opt_cost + width_cost + W_SHORT * short * w
                if self.ragged_cost:
                    cost += self.ragged_cost * self._ragged(m, opt, fit, short)
                yield Solution(cost, (Placed(m, 0, 0, opt, fit),), weight)
                continue
            below = h - depth - st.gap_lines
            if below < MIN_REGION_LINES:
                break
            shift = depth + st.gap_lines
            least = width_cost + W_HIGHER * shift * rest_weight + rest_lower
            if least >= bound[0]:
                break
            if opt_cost + least >= bound[0]:
                continue
            sub = self._solve(c0, top + shift, w, below, rest)
            if sub is None:
                continue
            placed = (Placed(m, 0, 0, opt, fit),) + tuple(
                Placed(p.m, p.col, p.top + shift, p.option, p.fit_body) for p in sub.placed
            )
            cost = opt_cost + width_cost + sub.cost + W_HIGHER * shift * (sub.weight)
            yield Solution(cost, placed, weight)
        if not rest or m in self.base:  # a body under its headline: across its region
            return
        if m in self.body_of and here and w > 1:
            yield from self._over(c0, top, w, h, m, rest, weight, width_cost, bound)
        # B: split into a left region (m on top) and a right region.
        for left_w, right_w, left, others, lower_l, lower_r in self._splits(m, w, rest):
            if lower_l + lower_r >= bound[0]:
                continue
            a = self._solve(c0, top, left_w, h, left)
            if a is None or a.cost + lower_r >= bound[0]:
                continue
            for right in self._heads(others):
                b = self._solve(c0 + left_w, top, right_w, h, right)
                rs = self._beside_lead(a, m, b) if m == self.lead and self.thorough else self
                if rs is not self:
                    b = rs._solve(c0 + left_w, top, right_w, h, right)
                if b is None:
                    continue
                yield self._side_by_side(c0, top, left_w, right_w, h, a, b, left, right, weight, rs)
        if self.mirror and m != 0 and not self.hurried:
            yield from self._mirrored(c0, top, w, h, m, rest, weight, bound)

    def _mirrored(
        self,
        c0: int,
        top: int,
        w: int,
        h: int,
        m: int,
        rest: tuple[int, ...],
        weight: float,
        bound: list[float],
    ):
        """B mirrored: m on top of the right region, the others at its left: one
        of them alone (a side column), or a split's usual sets."""
        sides = dict.fromkeys([*((i,) for i in rest), *self._partitions(rest)])
        for left_w in self._widths(w):
            right_w = w - left_w
            for others in sides:
                if not others:
                    continue
                right = (m, *(i for i in rest if i not in others))
                if self._lower(others, left_w) + self._lower(right, right_w) >= bound[0]:
                    continue
                b = self._solve(c0 + left_w, top, right_w, h, right)
                if b is None or b.cost + self._lower(others, left_w) >= bound[0]:
                    continue
                for left in self._heads(others):
                    a = self._solve(c0, top, left_w, h, left)
                    if a is None:
                        continue
                    yield self._side_by_side(c0, top, left_w, right_w, h, a, b, left, right, weight)
