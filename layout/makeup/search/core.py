"""The search itself: memoised regions, each solved by its best candidate."""

from __future__ import annotations

from ...model import Pin
from ...style import Style
from ..hole import Hole
from ..module import Module, Option
from ..over import BodyOf, eligible, merge
from ..story import Story
from ..weights import FILL_SLACK, PARTITION_ALL, W_BUMP
from .alternates import Alternates
from .bounds import Bounds
from .budget import Budget
from .bumps import Bumps
from .candidates import Candidates
from .feet import Feet
from .headline_over import ALL_HEADS, CUT_HEADS, HeadlineOver
from .lead import Lead
from .pins import Pins
from .rise import Rise
from .solution import Solution
from .splits import Splits
from .stagger import Stagger


class Search(
    Candidates, HeadlineOver, Stagger, Rise, Alternates, Bumps, Feet, Lead, Splits, Pins, Bounds
):
    """Best guillotine arrangement of modules in a region (memoised).

    Placements inside a solution are relative to its region; the memo key
    holds the region's absolute corner only when some module is pinned,
    since only pins make the answer depend on where the region is.
    """

    def __init__(
        self,
        mods: list[Module],
        style: Style,
        importance: list[float],
        pins: dict[int, Pin] | None = None,
        cut: frozenset[int] = frozenset(),
        fill_slack: int | None = FILL_SLACK,
        budget: Budget | None = None,
        ragged_cost: float = 0.0,
        mirror: bool = False,
        heads: int | None = None,
        cap: int | None = None,
        lead_min: int | None = None,
        thorough: bool = False,
    ):
        self._args = (mods, style, importance, pins, cut, fill_slack, budget, ragged_cost, mirror)
        self._heads_arg = heads
        # the widest a story other than the lead may stand, and the narrowest
        # the lead's title block may (lead.py)
        self.cap = cap
        self.lead_min = lead_min
        # the second pass, on a page whose first broke a rule about the lead
        # (lead.py `_again`): stories capped beside the lead inside the search
        # and the brief block on the other side of a split beside it
        self.thorough = thorough
        self._children: dict[int, Search] = {}  # the same search capped, by cap (lead.py)
        self.lead = next((i for i, md in enumerate(mods) if isinstance(md, Story)), None)
        self.cut = cut  # modules that may be cut to fit (overset by choice)
        # title blocks a headline over tries (None: the two cheapest in a
        # search that cuts, which has many more options to try; else all)
        self.heads = heads if heads is not None else (CUT_HEADS if cut else ALL_HEADS)
        # splits may also put a region's first module on the right, the others
        # at its left (a side column): how a page gets around headlines side by
        # side whose order forces them together; the page's first module (the
        # lead) stays top left
        self.mirror = mirror
        # per column-line a region's last module ends more than a line short
        self.ragged_cost = ragged_cost
        # Regions whose modules, at their largest, leave more than this many
        # lines per column empty are not explored (None: explore everything,
        # for pages that have too little text to be full anyway).
        self.fill_slack = fill_slack
        self._max_area: dict[tuple[int, int], int] = {}
        # Headline over (压题): story m's body as a headless module of its own
        # (index body_of[m]) and its title block as a placement of its own
        # (index head_of[m]); `solve` merges them back into one placement of m.
        n0 = len(mods)
        over = [m for m, md in enumerate(mods) if eligible(md)]
        self.body_of = {m: n0 + k for k, m in enumerate(over)}
        self.head_of = {m: n0 + len(over) + k for k, m in enumerate(over)}
        self.base = {v: m for m, v in (*self.body_of.items(), *self.head_of.items())}
        self._head_opts: dict[tuple[int, int], list[tuple[Option, float]]] = {}
        mods = [*mods, *(BodyOf(mods[m]) for m in over), *(mods[m] for m in over)]
        importance = [*importance, *(importance[m] for m in over), *(0.0 for m in over)]
        self.mods = mods
        # limits that grow gently with the number of modules: every split of
        # a few, priority-ordered prefixes and suffixes beyond
        n = n0
        self.partition_all = PARTITION_ALL if n <= 6 else (3 if n <= 9 else 2)
        self.suffixes = n <= 9
        self.budget = budget or Budget(None)
        self.hurried = self.budget.spent  # the time budget ran out: narrowed to first choices
        self.style = style
        self.imp = importance
        self.has_head = [md.has_head for md in mods]
        self.pins = pins or {}
        self._memo: dict[tuple, Solution | None] = {}
        self._alt_memo: dict[tuple, list[Solution]] = {}  # runners-up (alternates.py)
        # runners-up (alternates.py) and stories capped beside the lead inside
        # the search (lead.py) only on a page without a hole: a short page's
        # arrangements are judged after the search by checks it does not cost
        # (brief blocks apart, columns level: short.py, page.py), which both
        # broke (broadsheet s1 and s3 at 50 %); its lead is kept widest after
        # the search (`_widest_lead`)
        self.holeless = not any(isinstance(md, Hole) for md in mods)
        self._alt_done: dict[tuple, list] = {}  # regions' runners-up, sorted out
        self._area: dict[int, int] = {}
        self._depth_lb: dict[tuple[int, int], int] = {}
        self._cost_lb: dict[tuple[int, int], float] = {}
        self._lower_memo: dict[tuple[tuple[int, ...], int], float] = {}
        self._area_memo: dict[tuple[int, ...], int] = {}
        self._choice: dict[tuple[int, int], list[tuple[Option, int, float]]] = {}
        self._split_memo: dict[tuple, list[tuple]] = {}
        self._figure_memo: dict[tuple[tuple[int, ...], int], tuple[int, int, float]] = {}

    def solve(self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...]) -> Solution | None:
        """The best arrangement of `mods` in the region, a headline over its
        story's body joined back into one placement of the story."""
        sol = self._solve(c0, top, w, h, mods)
        sol = None if sol is None else self._merged(sol)
        if self._again(sol):
            return self.capped(None, budget=self.budget.fresh(), thorough=True).solve(
                c0, top, w, h, mods
            )
        return self._widest_lead(c0, top, w, h, mods, sol)

    def capped(
        self,
        cap: int | None,
        lead_min: int | None = None,
        budget: Budget | None = None,
        thorough: bool | None = None,
    ) -> Search:
        """The same search (of the same kind) with every story but the lead at
        most `cap` columns wide (`lead_min`: and the lead's title block at
        least that wide; `budget`: a budget of its own; `thorough`: the
        second pass, lead.py)."""
        args = list(self._args)
        if budget is not None:
            args[6] = budget
        thorough = self.thorough if thorough is None else thorough
        return type(self)(
            *args, heads=self._heads_arg, cap=cap, lead_min=lead_min, thorough=thorough
        )

    def _merged(self, sol: Solution) -> Solution:
        body = self.body
        bodies = {self.base[p.m]: p for p in sol.placed if p.m in body}
        out = []
        for p in sol.placed:
            if p.m in body:
                continue
            if p.m in self.base:
                m = self.base[p.m]
                out.append(merge(p.option, bodies[m], m, p.col, p.top))
            else:
                out.append(p)
        return Solution(sol.cost, tuple(out), sol.weight)

    @property
    def body(self) -> set[int]:
        return set(self.body_of.values())

    def _solve(self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...]) -> Solution | None:
        key = ((c0, top) if self.pins else None, w, h, mods)
        hit = self._memo.get(key, self)  # self: not yet solved (None is an answer)
        if hit is not self:
            return hit
        best: Solution | None = None
        bound = [float("inf")]  # branch and bound: the best cost found so far here
        kept: list[Solution] = []  # the cheapest arrangements found (runners-up)
        keep = self.holeless
        for order in self._pinned_first(c0, top, mods):
            for sol in self._candidates(c0, top, w, h, order, bound):
                if best is None or sol.cost < best.cost - 1e-9:
                    best = sol
                    bound[0] = sol.cost
                if keep and sol.cost < bound[0] + W_BUMP:
                    self._keep(kept, sol)
        self._memo[key] = best
        if len(kept) > 1:
            self._alt_memo[key] = kept  # runners-up (alternates.py)
        return best

    def _late(self) -> bool:
        """Past the budget: from now on the search narrows to its first choices."""
        return self.hurried or self.budget.tick()
