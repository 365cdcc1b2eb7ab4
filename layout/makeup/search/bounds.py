"""Lower bounds the search prunes with: each module's least area, depth and
cost at a width, and its options (cut ones for a module that may be cut),
all memoised per search."""

from __future__ import annotations

from ..module import Option
from ..story import Story
from ..weights import (
    W_WIDER,
)


class Bounds:
    """Cheap figures of the modules that let the search skip regions and orders."""

    def _min_area(self, m: int) -> int:
        """Fewest column-lines module m can take at any span (a lower bound)."""
        if m not in self._area:
            areas = []
            for s in range(1, self.style.columns + 1):
                if self._choices(m, s):
                    opt, fit, _ = self._choices(m, s)[0]
                    areas.append((opt.depth - opt.body + fit) * s - (s - 1))
            self._area[m] = min(areas, default=self.style.columns * self.style.lines + 1)
        return self._area[m]

    def _lower(self, mods: tuple[int, ...], w: int) -> float:
        """A lower bound of the cost of `mods` in a region w columns wide: each at
        its cheapest option, at most w wide."""
        key = (mods, w)
        hit = self._lower_memo.get(key)
        if hit is None:
            hit = self._lower_memo[key] = sum(self._cheapest(i, w) for i in mods)
        return hit

    def _areas(self, mods: tuple[int, ...]) -> int:
        """Σ of the modules' least areas (memoised per set)."""
        hit = self._area_memo.get(mods)
        if hit is None:
            hit = self._area_memo[mods] = sum(self._min_area(i) for i in mods)
        return hit

    def _figures(self, mods: tuple[int, ...], w: int) -> tuple[int, int, float]:
        """Of `mods` in a region w wide (memoised): the most lines one of them
        needs at the least, the most column-lines they can fill (a gap line
        under each but the last counted) and their importance."""
        key = (mods, w)
        hit = self._figure_memo.get(key)
        if hit is None:
            gaps = (len(mods) - 1) * self.style.gap_lines * w
            hit = self._figure_memo[key] = (
                max(self._min_depth(i, w) for i in mods),
                sum(self._largest(i, w) for i in mods) + gaps,
                sum(self.imp[i] for i in mods),
            )
        return hit

    def _cheapest(self, m: int, w: int) -> float:
        key = (m, w)
        hit = self._cost_lb.get(key)
        if hit is None:
            st = self.style
            costs = [min(c[2] for c in ch) for s in range(1, w + 1) if (ch := self._choices(m, s))]
            hit = min(costs, default=0.0) + W_WIDER * self.imp[m] * (st.columns - w) / st.columns
            self._cost_lb[key] = hit
        return hit

    def _min_depth(self, m: int, w: int) -> int:
        """Fewest grid lines module m takes at a span of at most w (a lower bound)."""
        key = (m, w)
        hit = self._depth_lb.get(key)
        if hit is None:
            depths = [
                c[0][0].depth - c[0][0].body + c[0][1]
                for s in range(1, w + 1)
                if (c := self._choices(m, s))
            ]
            hit = min(depths, default=10**6)
            self._depth_lb[key] = hit
        return hit

    def _largest(self, m: int, w: int) -> int:
        """Most column-lines module m can fill in a region w columns wide."""
        key = (m, w)
        if key not in self._max_area:
            self._max_area[key] = max(
                (c[-1][0].depth * s for s in range(1, w + 1) if (c := self._choices(m, s))),
                default=0,
            )
        return self._max_area[key]

    def _choices(self, m: int, span: int) -> list[tuple[Option, int, float]]:
        """(option, body lines kept, cost) of m at `span`, smallest depth first."""
        key = (m, span)
        hit = self._choice.get(key)
        if hit is None:
            if self._capped_out(m, span):
                hit = []
            elif self.base.get(m, m) in self.cut:
                # printed whole, a story other than the lead keeps the shape range
                md = self.mods[m]
                ranged = isinstance(md, Story) and self.base.get(m, m) != self.lead
                hit = md.cut_options(span, True) if ranged else md.cut_options(span)
            else:
                hit = [(o, o.body, o.cost) for o in self.mods[m].options(span)]
            self._choice[key] = hit
        return hit
