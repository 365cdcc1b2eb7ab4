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
KEEP = 4 * ALTERNATES  # arrangements a region's search holds on to, to choose them from


class Alternates:
    """The runners-up of each region, and the cheapest pair of them without 撞题."""

    def _edges(self, placed: tuple[Placed, ...], w: int) -> tuple:
        """Where the arrangement's headlines stand at its left and right edges."""
        return tuple(
            (p.col == 0, *self._title(p))
            for p in placed
            if self.has_head[p.m] and (p.col == 0 or p.col + p.option.span == w)
        )

    def _keep(self, kept: list[Solution], sol: Solution) -> None:
        """Note `sol` among the region's cheapest (a few times ALTERNATES of
        them; where their headlines stand is looked at once the region is solved)."""
        kept.append(sol)
        if len(kept) > KEEP:
            kept.sort(key=_cost)
            del kept[KEEP // 2 :]

    def _runners_up(self, key: tuple, kept: list[Solution]) -> None:
        """Hold on to the region's cheapest arrangements (sorted when asked for)."""
        if len(kept) > 1:
            self._alt_memo[key] = kept

    def _alternates(self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...]):
        """The region's runners-up (solved already), best first: of its cheapest
        arrangements, the cheapest for each way its headlines stand at its
        edges (ALTERNATES at most; worked out the first time they are asked for)."""
        key = ((c0, top) if self.pins else None, w, h, mods)
        kept = self._alt_memo.get(key)
        if not kept or key in self._alt_done:
            return kept or ()
        kept.sort(key=_cost)
        seen: dict[tuple, Solution] = {}
        for sol in kept:
            seen.setdefault(self._edges(sol.placed, w), sol)
            if len(seen) == ALTERNATES:
                break
        kept[:] = seen.values()
        self._alt_done.add(key)
        return kept

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
        limit: float = float("inf"),
    ) -> tuple[Solution, Solution] | None:
        """The cheapest pair of the two regions' runners-up without headlines
        side by side across their edge, if it costs less than `limit` (None:
        no such pair)."""
        best = None
        rights = (rs or self)._alternates(c0 + left_w, top, right_w, h, right)
        if not rights:
            return None
        least = rights[0].cost
        for a in self._alternates(c0, top, left_w, h, left) or ():
            if a.cost + least >= limit:
                break  # both lists run cheapest first
            for b in rights:
                if a.cost + b.cost >= limit:
                    break
                if not self._bumps(a.placed, b.placed, left_w):
                    best, limit = (a, b), a.cost + b.cost
        return best


def _cost(sol: Solution) -> float:
    return sol.cost
