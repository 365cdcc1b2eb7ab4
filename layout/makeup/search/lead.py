"""The lead on top and widest, as a constraint: no other story stands wider.

The search costs a narrower lead (W_WIDER) but the cost can lose against
fill; a page whose best arrangement has a story wider than its lead is
searched again with every other story at most as wide as that lead (a cap),
and again, narrower, until the rule holds or no arrangement is left."""

from __future__ import annotations

from ..module import head_span
from ..story import Story
from .solution import Solution


class Lead:
    """Stories capped at the lead's width."""

    def _capped_out(self, m: int, span: int) -> bool:
        """Module m may not take `span`: a story other than the lead wider than
        the cap, or a module wider than its own `max_span`."""
        base = self.base.get(m, m)
        most = self.mods[base].max_span
        if most is not None and span > most:
            return True
        if self.cap is None or span <= self.cap:
            return False
        return base != self.lead and isinstance(self.mods[base], Story)

    def _lead_span(self, sol: Solution | None) -> int | None:
        """The lead's width in a merged arrangement where another story is
        wider (None: the rule holds, or the lead is not in it)."""
        if sol is None or self.lead is None:
            return None
        spans = {p.m: head_span(p.option) for p in sol.placed if isinstance(self.mods[p.m], Story)}
        lead = spans.get(self.lead)
        if lead is None or all(s <= lead for s in spans.values()):
            return None
        return lead

    def _widest_lead(self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...], sol):
        """`sol` (merged), or when a story stands wider than its lead the page
        again with the stories capped at the lead's width."""
        span = self._lead_span(sol)
        while span is not None and (self.cap is None or span < self.cap):
            capped = self.capped(span)
            other = capped.solve(c0, top, w, h, mods)
            if other is None:
                break
            sol, span = other, capped._lead_span(other)
        return sol
