"""The lead on top and widest, as a constraint: no other story stands wider.

The search costs a narrower lead (W_WIDER) but the cost can lose against
fill; a page whose best arrangement has a story wider than its lead is
searched again with the lead's title block at least as wide as a cap and
every other story at most that wide: the cap the widest other story took
(the lead widens) and the lead's own width (the others narrow), each on a
budget of its own; the cheaper page that holds the rule is taken."""

from __future__ import annotations

from ..module import head_span
from ..story import Story
from .budget import Budget
from .solution import Solution

LEAD_BUDGET = 8_000  # regions for each search again with the lead widest


class Lead:
    """Stories capped at the lead's width."""

    def _beside_lead(self, a: Solution, m: int, b: Solution | None):
        """The search to make up the region right of a split's left region `a`
        whose first module m is the lead, on the second pass (candidates.py
        asks only then): when the best right region (b) has a story wider
        than the lead stands in a, the search with the stories capped at the
        lead's width (memoised per width, on the same budget), else this one."""
        if b is None:
            return self
        s = next((head_span(p.option) for p in a.placed if p.m in (m, self.head_of.get(m))), None)
        widest = max(
            (head_span(p.option) for p in b.placed if isinstance(self.mods[p.m], Story)),
            default=0,
        )
        if s is None or widest <= s or (self.cap is not None and self.cap <= s):
            return self
        child = self._children.get(s)
        if child is None:
            child = self._children[s] = self.capped(s)
        return child

    def _capped_out(self, m: int, span: int) -> bool:
        """Module m may not take `span`: a story other than the lead wider than
        the cap, the lead's title block narrower than `lead_min`, or a module
        wider than its own `max_span`."""
        base = self.base.get(m, m)
        most = self.mods[base].max_span
        if most is not None and span > most:
            return True
        if base == self.lead:
            # the lead's body under a headline over may be narrower than its head
            narrow = self.lead_min is not None and span < self.lead_min
            return narrow and m != self.body_of.get(base)
        if self.cap is None or span <= self.cap:
            return False
        return isinstance(self.mods[base], Story)

    def _spans(self, sol: Solution | None) -> tuple[int, int] | None:
        """(the lead's width, the widest other story's) in a merged arrangement
        where another story is wider (None: the rule holds, or the lead is not in it)."""
        if sol is None or self.lead is None:
            return None
        spans = {p.m: head_span(p.option) for p in sol.placed if isinstance(self.mods[p.m], Story)}
        lead = spans.pop(self.lead, None)
        widest = max(spans.values(), default=0)
        if lead is None or widest <= lead:
            return None
        return lead, widest

    def _again(self, sol: Solution | None) -> bool:
        """The page (a first pass) broke a rule about its lead that the second
        pass (`thorough`) may keep: a story wider than the lead, or a headline
        beside the lead's. Only on a page without a hole (`holeless`, core.py,
        says why)."""
        if sol is None or self.thorough or not self.holeless:
            return False
        if self.cap is not None or self.lead_min is not None:
            return False
        if self._spans(sol) is not None:
            return True
        # a headline beside the lead's: the second pass may put the brief
        # block (a module without a headline) beside it (splits.py), on a page
        # not being cut of few enough modules that suffixes are tried
        if self.cut or not self.suffixes or all(self.has_head[: len(self._args[0])]):
            return False
        lead = next((p for p in sol.placed if p.m == self.lead), None)
        if lead is None:
            return False
        t0, t1 = self._title(lead)
        return any(t < t1 and t0 < f for t, f in self._beside(lead, sol.placed))

    def _widest_lead(self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...], sol):
        """`sol` (merged), or when a story stands wider than its lead the
        cheapest page again with the lead at least as wide as a cap and the
        others at most that wide."""
        spans = self._spans(sol)
        if spans is None or self.cap is not None or self.lead_min is not None:
            return sol
        lead, widest = spans
        best = None
        for cap in sorted({widest, lead, (lead + widest) // 2}, reverse=True):
            other = self.capped(cap, cap, Budget(LEAD_BUDGET)).solve(c0, top, w, h, mods)
            if other is not None and (best is None or other.cost < best.cost):
                best = other
        return sol if best is None else best
