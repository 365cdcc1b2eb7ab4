"""Headline over (压题) in the search: a story's title block across the
region, its body in the left columns under it, the others at the right."""

from __future__ import annotations

from ..module import Placed
from ..over import head_options, most_over
from ..weights import (
    MIN_REGION_LINES,
    W_BUMP,
    W_HIGHER,
)
from .solution import Solution

CUT_HEADS = 2  # title blocks a headline over tries in a search that cuts (the two cheapest)
ALL_HEADS = 99  # every title block (one per depth)


class HeadlineOver:
    """C: a headline over its body and the modules beside it."""

    def _over(
        self,
        c0: int,
        top: int,
        w: int,
        h: int,
        m: int,
        rest: tuple[int, ...],
        weight: float,
        width_cost: float,
        bound: list[float],
    ):
        """C: m's headline across the region, its body in the left columns under
        it, the other modules at the right one gap line lower (no 撞题 there)."""
        st = self.style
        gap = st.gap_lines
        body, head = self.body_of[m], self.head_of[m]
        if self._capped_out(head, w):
            return
        key = (m, w)
        if key not in self._head_opts:
            self._head_opts[key] = head_options(self.mods[m], w, self.heads)
        for hopt, hcost in self._head_opts[key]:
            t = hopt.depth
            hl, hr = h - t, h - t - gap
            if hr < MIN_REGION_LINES:
                continue
            base = hcost + width_cost
            for left_w, right_w, left, others, lower_l, lower_r in self._splits(body, w, rest):
                if right_w > most_over(left_w):
                    continue  # a headline far wider than its body
                if base + lower_l + lower_r >= bound[0]:
                    continue
                a = self._solve(c0, top + t, left_w, hl, left)
                if a is None:
                    continue
                shift_a = W_HIGHER * t * (a.weight - self.imp[body])
                if base + a.cost + shift_a + lower_r >= bound[0]:
                    continue
                lp = tuple(p.moved(0, t) for p in a.placed)
                for right in self._heads(others):
                    b = self._solve(c0 + left_w, top + t + gap, right_w, hr, right)
                    if b is None:
                        continue
                    rp = tuple(p.moved(0, t + gap) for p in b.placed)
                    bump = W_BUMP * self._bumps(lp, rp, left_w)
                    if bump and not self.hurried:
                        edge = [self._title(p) for p in lp if self._left_edge(p, left_w)]
                        edge = [(x - t - gap, y - t - gap) for x, y in edge]
                        for k in self._stagger(b, right_w, edge):
                            b2 = self._lowered(c0 + left_w, top + t + gap, right_w, hr, right, k)
                            if b2 is None:
                                continue
                            rp2 = tuple(p.moved(0, t + gap) for p in b2.placed)
                            if not self._bumps(lp, rp2, left_w):
                                b, rp, bump = b2, rp2, 0.0
                                break
                    if bump and not self.hurried:
                        edge = [self._title(p) for p in lp if self._left_edge(p, left_w)]
                        d = self._deflated(rp, right_w, edge, True)
                        if d is not None and not self._bumps(lp, d[0], left_w):
                            b = Solution(b.cost + d[1], b.placed, b.weight)
                            rp, bump = d[0], 0.0
                    rp = tuple(p.moved(left_w, 0) for p in rp)
                    shift_b = W_HIGHER * (t + gap) * b.weight
                    cost = base + a.cost + shift_a + b.cost + shift_b + bump
                    placed = (Placed(head, 0, 0, hopt, 0), *lp, *rp)
                    yield Solution(cost, placed, weight)
