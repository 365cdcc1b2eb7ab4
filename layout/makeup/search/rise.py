"""Headlines risen out of their neighbours' way (撞题) by taking out the air
above them, for a module with nothing under it in its region."""

from __future__ import annotations

from dataclasses import replace

from ..module import Placed
from ..weights import (
    W_SHORT,
    pad_cost,
)
from .solution import Solution


class Rise:
    """Risen headlines against 撞题."""

    def _unbumped(
        self, a: Solution, b: Solution, left_w: int, right_w: int
    ) -> tuple[Solution, Solution] | None:
        """Regions a and b (placements in one frame of lines) with the headlines
        that stand side by side risen out of their neighbours' way by taking
        out the air above them (`_deflated`), or None."""
        left = [self._title(p) for p in a.placed if self._left_edge(p, left_w)]
        d = self._deflated(b.placed, right_w, left, True)
        if d is not None and not self._bumps(a.placed, d[0], left_w):
            return a, Solution(b.cost + d[1], d[0], b.weight)
        right = [self._title(p) for p in b.placed if p.col == 0 and self.has_head[p.m]]
        d = self._deflated(a.placed, left_w, right, False)
        if d is not None and not self._bumps(d[0], b.placed, left_w):
            return Solution(a.cost + d[1], d[0], a.weight), b
        return None

    def _deflated(
        self, placed: tuple[Placed, ...], w: int, edge: list[tuple[int, int]], right: bool
    ) -> tuple[tuple[Placed, ...], float] | None:
        """The region's modules on the shared edge whose headline stands beside
        one of `edge` (lines of the neighbours' headlines) with the air above
        it taken out, so that it rises clear of them; only for a module with
        nothing under it in its region (its columns end that much short,
        costed as such). None when one cannot rise clear."""
        out = list(placed)
        extra = 0.0
        for i, p in enumerate(placed):
            at_edge = p.col == 0 and self.has_head[p.m] if right else self._left_edge(p, w)
            if not at_edge or p.m in self.base:
                continue
            t0, t1 = self._title(p)
            if not any(a < t1 and t0 < b for a, b in edge):
                continue
            opt = p.option
            cols = range(p.col, p.col + opt.span)
            if any(
                q.top > p.top and (q.col in cols or p.col in range(q.col, q.col + q.option.span))
                for q in placed
            ):
                return None
            for pad in range(opt.pad - 1, -1, -1):
                d = opt.pad - pad
                cost = opt.cost - pad_cost(opt.pad) + pad_cost(pad)
                new = replace(opt, pad=pad, depth=opt.depth - d, cost=cost)
                q = Placed(p.m, p.col, p.top, new, p.fit_body)
                a0, a1 = self._title(q)
                if self.mods[p.m].air_above(new) == self.mods[p.m].air_above(opt):
                    return None
                if not any(a < a1 and a0 < b for a, b in [*edge, *self._beside(q, placed)]):
                    short = W_SHORT * d * opt.span + self.ragged_cost * max(d - 1, 0) * opt.span
                    extra += cost - opt.cost + short
                    out[i] = q
                    break
            else:
                return None
        return tuple(out), extra
