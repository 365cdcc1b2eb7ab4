"""Headlines side by side (撞题) across a split, counted as the search sees them."""

from __future__ import annotations

from ..module import Placed, head_span, title_lines


class Bumps:
    """Which headlines stand beside each other across a split."""

    def _bumps(self, left: tuple[Placed, ...], right: tuple[Placed, ...], left_w: int) -> float:
        """Headlines side by side across a split (撞题): title blocks of modules
        on either side of the split's edge that overlap in height, each pair
        counted once (the rule check counts partial overlaps as well)."""
        edge = [
            self._title(p) for p in left if self.has_head[p.m] and p.col + p.option.span == left_w
        ]
        if not edge:
            return 0
        n = 0.0
        for p in right:
            if p.col == 0 and self.has_head[p.m]:
                a, b = self._title(p)
                n += sum(1.0 for t, f in edge if t < b and a < f)
        return n

    def _title(self, p: Placed) -> tuple[int, int]:
        """Grid lines of a placed module's headline (below the air set above it)."""
        top = p.top + self.mods[p.m].air_above(p.option)
        return top, top + title_lines(p.option)

    def _beside(self, p: Placed, placed: tuple[Placed, ...]) -> list[tuple[int, int]]:
        """Lines of the headlines of the modules of `placed` next to p (either side)."""
        return [
            self._title(q)
            for q in placed
            if q.m != p.m
            and self.has_head[q.m]
            and (q.col + head_span(q.option) == p.col or p.col + head_span(p.option) == q.col)
        ]

    def _left_edge(self, p: Placed, left_w: int) -> bool:
        return self.has_head[p.m] and p.col + p.option.span == left_w
