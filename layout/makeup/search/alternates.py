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
        """Where the arrangement's headlines stand at its left and right edges:
        (at the left edge, at the right edge, top line, foot line) of each."""
        out = []
        for p in placed:
            if self.has_head[p.m]:
                right = p.col + p.option.span == w
                if p.col == 0 or right:
                    out.append((p.col == 0, right, *self._title(p)))
        return tuple(out)

    def _keep(self, kept: list[Solution], sol: Solution) -> None:
        """Note `sol` among the region's cheapest (a few times ALTERNATES of
        them; where their headlines stand is looked at once the region is solved)."""
        kept.append(sol)
        if len(kept) > KEEP:
            kept.sort(key=_cost)
            del kept[KEEP // 2 :]

    def _alternates(self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...]):
        """The region's runners-up (solved already), best first: of its cheapest
        arrangements, the cheapest for each way its headlines stand at its
        edges (ALTERNATES at most; worked out the first time they are asked
        for), each with the lines of the headlines at its left and right edges."""
        key = ((c0, top) if self.pins else None, w, h, mods)
        done = self._alt_done.get(key)
        if done is not None:
            return done
        kept = self._alt_memo.get(key)
        if not kept:
            return ()
        kept.sort(key=_cost)
        seen: dict[tuple, tuple] = {}
        for sol in kept:
            edges = self._edges(sol.placed, w)
            # told apart by the left edge and the lines (as they always were)
            way = tuple((e[0], e[2], e[3]) for e in edges)
            if way not in seen:
                left = [(t, f) for at_left, _, t, f in edges if at_left]
                right = [(t, f) for _, at_right, t, f in edges if at_right]
                seen[way] = (sol, left, right)
                if len(seen) == ALTERNATES:
                    break
        done = self._alt_done[key] = list(seen.values())
        del self._alt_memo[key]
        return done

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
        least = rights[0][0].cost
        for a, _, edge in self._alternates(c0, top, left_w, h, left):
            if a.cost + least >= limit:
                break  # both lists run cheapest first
            for b, facing, _ in rights:
                if a.cost + b.cost >= limit:
                    break
                if not any(t < f2 and t2 < f for t, f in edge for t2, f2 in facing):
                    best, limit = (a, b), a.cost + b.cost
        return best


def _cost(sol: Solution) -> float:
    return sol.cost
