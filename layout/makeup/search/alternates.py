"""A region's runners-up against 撞题: besides its best arrangement, the
cheapest one for each way its headlines stand at its left and right edges.

Two regions side by side whose best arrangements put headlines beside each
other across their edge are otherwise repaired (a staggered start, a risen
headline: stagger.py, rise.py), which can leave columns short; with the
runners-up kept, a pair of arrangements without 撞题 can be chosen instead,
when it costs less."""

from __future__ import annotations

from ..module import Placed
from .solution import Solution

ALTERNATES = 4  # runners-up a region keeps (each with its headlines elsewhere at its edges)


class Alternates:
    """The runners-up of each region, and the cheapest pair of them without 撞题."""

    def _edges(self, placed: tuple[Placed, ...], w: int) -> tuple:
        """Where the arrangement's headlines stand at its left and right edges."""
        return tuple(
            (p.col == 0, *self._title(p))
            for p in placed
            if self.has_head[p.m] and (p.col == 0 or p.col + p.option.span == w)
        )

    def _keep(self, kept: dict, sol: Solution, w: int) -> None:
        """Note `sol` as a runner-up of its region (the cheapest for its edges)."""
        edges = self._edges(sol.placed, w)
        old = kept.get(edges)
        if old is None or sol.cost < old.cost:
            kept[edges] = sol

    def _runners_up(self, key: tuple, kept: dict) -> None:
        if len(kept) > 1:
            self._alt_memo[key] = sorted(kept.values(), key=lambda s: s.cost)[:ALTERNATES]

    def _alternates(self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...]):
        """The region's runners-up (solved already), best first."""
        key = ((c0, top) if self.pins else None, w, h, mods)
        return self._alt_memo.get(key, ())

    def _paired(
        self,
        c0: int,
        top: int,
        left_w: int,
        right_w: int,
        h: int,
        left: tuple[int, ...],
        right: tuple[int, ...],
        rs=None,
    ) -> tuple[Solution, Solution] | None:
        """The cheapest pair of the two regions' runners-up without headlines
        side by side across their edge (None: no such pair)."""
        best = None
        rights = (rs or self)._alternates(c0 + left_w, top, right_w, h, right)
        if not rights:
            return None
        for a in self._alternates(c0, top, left_w, h, left) or ():
            for b in rights:
                if best is not None and a.cost + b.cost >= best[0].cost + best[1].cost:
                    break
                if not self._bumps(a.placed, b.placed, left_w):
                    best = (a, b)
        return best
