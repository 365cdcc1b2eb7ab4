"""A short page made up as a full page on less than its depth, with the
space left as one hole across the page's foot (issue 10, point 3, step 5).

An editor with too little copy makes up the page as usual, every column
ending level, and leaves what is over at the foot, across the page, where a
house ad or a filler goes. So this step makes up the page's modules with the
full page's search (columns level, headlines apart, the lead top left and
widest) over the page's top `h` lines, trying `h` from the deepest the copy
can fill upwards of the foot, and takes the first page that breaks no rule
but the hole: its title blocks keep the style's air (no more), so the space
the copy cannot fill goes to the hole and not above the headlines."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Pin
from ..style import Style
from .briefs import BriefBlock
from .check import rules_broken
from .feet import worst_short
from .hole import MIN_HOLE_LINES, Hole, most_hole_lines
from .module import Module, Placed, restore_air
from .search import Budget, Search, Solution
from .story import Story
from .weights import FILL_SLACK, W_RAGGED

# regions the whole scan of depths may explore (the searches share their memo)
STRIP_BUDGET = 20_000
MISSES = 3  # depths in a row without a page, above one found, that end the scan upwards


def foot_strip(
    mods: list[Module],
    hole: Hole,
    style: Style,
    importance: list[float],
    pins: dict[int, Pin],
    follow_rank: Callable[[Solution, list[Module]], Solution],
    more_air: int = 0,
) -> tuple[Solution, list[Module]] | None:
    """The page's modules level over its top lines and `hole` across the page
    under them: the deepest such page found (the smallest hole) that breaks
    no make-up rule but the hole and whose title blocks take at most
    `more_air` lines beyond the style's air, with the modules and the hole
    (last), or None. `follow_rank`: the sizes set as the page sets them after
    its search (page.py)."""
    if pins or hole.fits is not None:
        # a pinned module keeps its place, and an edition with fillers shapes
        # the hole to one of them (hole.py, filler.py): the page's own search
        return None
    saved = [(md, md.allow_air(more_air)) for md in mods if isinstance(md, Story)]
    try:
        return _scan(mods, hole, style, importance, follow_rank, style.max_pad + more_air)
    finally:
        restore_air(saved)


def _scan(
    mods: list[Module],
    hole: Hole,
    style: Style,
    importance: list[float],
    follow_rank: Callable[[Solution, list[Module]], Solution],
    air: int,
) -> tuple[Solution, list[Module]] | None:
    """Depths tried from the one the copy takes at its cheapest upwards (the
    deepest found wins; a few in a row that fail end it), then downwards
    (the first found wins), while the budget lasts."""
    st = style
    everything = tuple(range(len(mods)))
    search = Search(
        mods,
        st,
        importance,
        fill_slack=FILL_SLACK,
        budget=Budget(STRIP_BUDGET),
        ragged_cost=W_RAGGED,
    )
    w = st.columns
    most = search._figures(everything, w)[1]  # column-lines the copy can fill at the most
    least = sum(search._min_area(i) for i in everything)
    deepest = min(st.lines - st.gap_lines - MIN_HOLE_LINES, most // w)
    shallowest = max(-(-least // w), st.min_lines)
    start = min(max(_typical(search, everything, w), shallowest), deepest)
    with_hole = [*mods, hole]

    def page_at(h: int) -> Solution | None:
        sol = search.solve(0, 0, w, h, everything)
        if sol is None:
            return None
        d = st.lines - h - st.gap_lines
        opt = next(o for o in hole.options(w) if o.depth == d)
        foot = Placed(len(mods), 0, h + st.gap_lines, opt, opt.body)
        page = follow_rank(Solution(sol.cost, (*sol.placed, foot), sol.weight), with_hole)
        return page if _clean(page, with_hole, st, h, air) else None

    best, misses = None, 0
    for h in range(start, deepest + 1):
        if search.budget.spent or (best is not None and misses >= MISSES):
            break  # (in a hurry the search narrows to its first choices: not level)
        page = page_at(h)
        best, misses = (page, 0) if page is not None else (best, misses + 1)
    if best is not None:
        return best, with_hole
    for h in range(start - 1, shallowest - 1, -1):
        if search.budget.spent:
            break
        page = page_at(h)
        if page is not None:
            return page, with_hole
    return None


def tall_hole(placed: tuple[Placed, ...], mods: list[Module], style: Style) -> bool:
    """The arrangement's hole reaches above the lower half of the page, or
    stops short of its foot: a white column, not the space at the foot a
    filler or an ad takes (most_hole_lines)."""
    return any(
        p.top + p.depth < style.lines or p.depth > most_hole_lines(style)
        for p in placed
        if isinstance(mods[p.m], Hole)
    )


def _smaller(md: Module, p: Placed) -> bool:
    """The story's headline set below its rank's size (a short page steps
    headlines up, not down; broadsheet s2 at 60 %: a foot strip under a lead
    whose headline had stepped down to the size of the stories beside it)."""
    tb = p.option.title
    return isinstance(md, Story) and tb is not None and tb.headline_size < md.nominal_size() - 1e-6


def _typical(search: Search, mods: tuple[int, ...], w: int) -> int:
    """Lines across the page the modules take, each at its cheapest option."""
    area = 0
    for m in mods:
        opts = [c for s in range(1, w + 1) for c in search._choices(m, s)]
        if opts:
            opt = min(opts, key=lambda c: c[2])[0]
            area += opt.depth * opt.span
    return -(-(area + (len(mods) - 1) * search.style.gap_lines * w) // w)


def _clean(sol: Solution, mods: list[Module], style: Style, h: int, air: int) -> bool:
    """Every column of the modules ends within a line of `h` (the hole's
    head), no title block takes more than `air` lines of air, the lead's
    headline stands at its rank's size or larger, and no make-up rule is
    broken but the hole."""
    above = tuple(p for p in sol.placed if not isinstance(mods[p.m], Hole))
    lead = next((i for i, md in enumerate(mods) if isinstance(md, Story)), None)
    if worst_short(above, mods, style) - (style.lines - h) > 1:
        return False
    for p in above:
        md = mods[p.m]
        if isinstance(md, Story) and p.option.pad > air:
            return False
        if p.m == lead and _smaller(md, p):
            return False
        if isinstance(md, BriefBlock) and p.fit_body < p.option.body:
            return False
    lead_rules, other_rules = rules_broken(mods, sol.placed, style)
    return lead_rules == 0 and other_rules == 1  # no_hole alone
