"""A page whose copy cannot all fit: the longest story that is not the lead is
cut at a sentence end, and articles that still do not fit are left out whole,
least important first (reported "not placed", never dropped silently)."""

from __future__ import annotations

from ..model import Pin
from ..style import Style
from .briefs import BriefBlock
from .check import bumping
from .feet import level_full, worst_short
from .module import Module, air_at_least, restore_air
from .search import Budget, Search, Solution
from .search.headline_over import ALL_HEADS
from .story import Story
from .weights import FILL_SLACK, W_RAGGED_CUT

MORE_AIR = 2  # air lines a title block may take beyond the style's, to avoid 撞题 or fill
AIR_BUDGET = 20_000  # regions for a cut page searched again with that air
BUMP_DROPS = 3  # articles an overfull page may leave out besides to avoid bumping heads
SIDE_BUDGET = 10_000  # regions for a page searched again with side columns (撞题)
WHOLE_LEAD_BUDGET = 40_000  # regions for an overfull page searched again with the lead whole


def has_bumps(sol: Solution, mods: list[Module]) -> bool:
    """Headlines side by side (撞题) in the arrangement, as the rule check sees them."""
    return bool(bumping(sol.placed, mods))


def _too_long(md: Module, style: Style) -> bool:
    """The module cannot print whole on the page at any span."""
    return not md.prints_whole_within(style.lines)


def _free_lead(md: Module, style: Style) -> bool:
    """Let the lead take any shape when it prints whole only outside the shape
    range (a lead with a photo too deep above its text at every span in range):
    it is never cut while some shape holds it. Whether it was let."""
    if md.free_shape or _too_long(md, style):
        return False
    spans = range(1, style.columns + 1)
    if any(o.depth <= style.lines for s in spans for o in md.options(s)):
        return False
    md.free_shape = True
    md.reset()
    return True


def _overset_lines(mods: list[Module], sol: Solution) -> int:
    return sum(
        mods[p.m].overset_lines(p.option.span, p.fit_body, p.option.tight)
        for p in sol.placed
        if p.fit_body < p.option.body
    )


def _wide(
    mods: list[Module],
    style: Style,
    importance: list[float],
    pins: dict[int, Pin],
    cut: frozenset[int],
    mirror: bool,
) -> Search:
    """A cut page's search again on a budget of its own, with every title
    block a headline over may take (`mirror`: and side columns)."""
    return Search(
        mods,
        style,
        importance,
        pins,
        cut,
        budget=Budget(SIDE_BUDGET),
        ragged_cost=W_RAGGED_CUT,
        mirror=mirror,
        heads=ALL_HEADS,
    )


def _broken(sol: Solution, mods: list[Module], style: Style) -> tuple[int, int]:
    """(headline pairs side by side, lines the shortest column ends over a line short)."""
    return len(bumping(sol.placed, mods)), max(worst_short(sol.placed, mods, style) - 1, 0)


def cut_to_fit(
    mods: list[Module],
    style: Style,
    importance: list[float],
    pins: dict[int, Pin],
    budget: Budget,
    notes: list[str] | None = None,
) -> Solution | None:
    """The page when its text cannot all fit: one story cut, the rest whole.

    An editor cuts one story, the longest that is not the lead (the lead is
    never cut), at the end of a sentence; articles that still cannot be
    placed are left out whole, the least important first, and reported as
    not placed. The lead is cut only when it alone is longer than the page.
    """
    n = len(mods)
    capacity = style.columns * style.lines
    lead = next((i for i, md in enumerate(mods) if isinstance(md, Story)), None)
    stories = [i for i, md in enumerate(mods) if isinstance(md, Story) and i != lead]
    longest = sorted(stories, key=lambda i: (-mods[i].body_depth(1), i))[:1]
    # the brief block gives up its last briefs (at a sentence end) before a story goes
    blocks = [i for i, md in enumerate(mods) if isinstance(md, BriefBlock)]
    cuts = [frozenset({*longest, *blocks})]
    if lead is not None:
        _free_lead(mods[lead], style)
    if lead is not None and mods[lead].free_shape and notes is not None:
        notes.append(
            f"overfull page: the lead {mods[lead].id} prints whole outside the shape"
            " range (no shape in range fits the page)"
        )
    if lead is not None and _too_long(mods[lead], style):
        # a lead longer than the page: it alone is cut, then with the others
        cuts += [frozenset({lead}), frozenset({lead, *longest, *blocks})]
    for cut in cuts:
        search = Search(mods, style, importance, pins, cut, budget=budget, ragged_cost=W_RAGGED_CUT)
        keep = list(range(n))
        # left out first: the least important, never the lead, the cut one or a pinned one
        # nor a continuation of an earlier page's story (the edition pass placed it)
        droppable = [
            i
            for i in reversed(range(n))
            if i != lead and i not in cut and i not in pins and mods[i].kind != "continuation"
        ]
        while droppable and sum(search._min_area(i) for i in keep) > capacity:
            keep.remove(droppable.pop(0))
        while True:
            sol = None
            if sum(search._min_area(i) for i in keep) <= capacity:
                sol = search.solve(0, 0, style.columns, style.lines, tuple(keep))
            if sol is not None and not level_full(sol.placed, mods, style):
                # headlines side by side or columns short of the foot: the page
                # with side columns and every title block over, then without up
                # to BUMP_DROPS more articles, if that breaks fewer rules
                # (articles the rules cannot place)
                wide = _wide(mods, style, importance, pins, cut, mirror=True)
                other = wide.solve(0, 0, style.columns, style.lines, tuple(keep))
                if other is not None and other.cost < sol.cost:
                    sol = other
            if sol is not None and not level_full(sol.placed, mods, style):
                fewer = list(keep)
                wide = _wide(mods, style, importance, pins, cut, mirror=False)
                for d in droppable[:BUMP_DROPS]:
                    fewer.remove(d)
                    other = wide.solve(0, 0, style.columns, style.lines, tuple(fewer))
                    if other is None or other.cost >= sol.cost:
                        continue
                    if _broken(other, mods, style) < _broken(sol, mods, style):
                        sol, keep = other, fewer
                        break
            if sol is not None:
                left = [mods[i].id for i in range(n) if i not in keep]
                if left and notes is not None:
                    notes.append(f"overfull page: not placed, whole: {', '.join(left)}")
                return sol
            if not droppable:
                break
            keep.remove(droppable.pop(0))
    return None


def drop_to_fit(
    mods: list[Module],
    style: Style,
    importance: list[float],
    budget: Budget,
    notes: list[str] | None = None,
    lead_jumps: bool = False,
) -> Solution:
    """Leave out the least important modules until the rest fit, cut to size.

    Only for pages with far more articles than room: what is left out is
    reported as wholly overset, never silently dropped. The lead is kept
    whole (it is cut only when it alone is longer than the page, when that
    leaves out more articles, or on page 1, where it may jump). `mods` ends with the
    page's hole, which takes what the kept modules leave.
    """
    n = len(mods) - 1
    hole = n
    everything = frozenset(range(n))
    lead = next((i for i in range(n) if isinstance(mods[i], Story)), None)
    # the lead prints whole unless it alone is longer than the page
    # `lead_jumps`: page 1, whose lead cut may continue on a later page (a
    # jump, edition/plan.py) unless the article says `jump: false`
    jumps = lead is not None and lead_jumps and mods[lead].article.jump
    keep_lead = lead is not None and not jumps and not _too_long(mods[lead], style)
    cut = _drop_cut(mods, style, importance, budget, everything, hole)
    if not keep_lead:
        return cut or Solution(0.0, (), 0.0)
    # the lead whole (a search on a budget of its own), unless that leaves out
    # more articles than the lead cut (a front page's lead cut there continues
    # on a later page: a jump)
    whole = _drop_cut(mods, style, importance, Budget(WHOLE_LEAD_BUDGET), everything - {lead}, hole)
    if whole is not None and cut is not None and not _lead_cut(cut, lead):
        # the lead prints whole on both: the page that places more and fills more
        return whole if _filled(whole, hole) > _filled(cut, hole) else cut
    if whole is not None and (cut is None or _placed(whole, hole) >= _placed(cut, hole)):
        return whole
    if cut is not None and notes is not None:
        notes.append(
            f"overfull page: the lead {mods[lead].id} may be cut: with it whole"
            " more articles are left out"
        )
    return cut or Solution(0.0, (), 0.0)


def _lead_cut(sol: Solution, lead: int) -> bool:
    return any(p.m == lead and p.fit_body < p.option.body for p in sol.placed)


def _filled(sol: Solution, hole: int) -> tuple[int, int]:
    """(modules placed, grid cells they take): the hole and white under
    modules that end short do not count."""
    cells = sum(p.option.span * p.depth for p in sol.placed if p.m != hole)
    return _placed(sol, hole), cells


def _placed(sol: Solution, hole: int) -> int:
    return sum(1 for p in sol.placed if p.m != hole)


def _drop_cut(
    mods: list[Module],
    style: Style,
    importance: list[float],
    budget: Budget,
    cut: frozenset[int],
    hole: int,
) -> Solution | None:
    """`drop_to_fit` with the modules of `cut` free to be cut."""
    n = hole
    capacity = style.columns * style.lines
    probe = Search(mods, style, importance, None, cut, budget=budget)
    keep, used = 0, 0  # the most important modules whose least areas fit the page
    while keep < n and used + probe._min_area(keep) <= capacity:
        used += probe._min_area(keep)
        keep += 1
    top = min(keep, n - 1)
    tries = sorted(
        {k for k in (top, top - 1, top - 2, top // 2, top // 4, 1) if k >= 1}, reverse=True
    )
    for k in tries:  # the kept modules cut to fill the page, else with a hole
        for slack, holed in ((FILL_SLACK, ()), (FILL_SLACK, (hole,)), (None, (hole,))):
            search = Search(mods, style, importance, None, cut, slack, budget=budget)
            sol = search.solve(0, 0, style.columns, style.lines, (*range(k), *holed))
            if sol is not None:
                return sol
    return None


def cut_to_fill(
    mods: list[Module],
    style: Style,
    importance: list[float],
    pins: dict[int, Pin],
    budget: Budget,
    notes: list[str],
) -> Solution | None:
    """`cut_to_fit`, and when its page has columns short of the foot, the
    same again with up to MORE_AIR more air lines per title block: the cut
    story reaches the foot of its columns, but the columns of stories that
    print whole may not (their depths are fixed), and air, as on a short
    page, is what fills them. The page with the air is kept when it breaks
    fewer rules."""
    first: list[str] = []
    sol = cut_to_fit(mods, style, importance, pins, budget, first)
    if sol is None or worst_short(sol.placed, mods, style) <= 1:
        notes.extend(first)
        return sol
    airs = air_at_least([md for md in mods if isinstance(md, Story)], MORE_AIR)
    more: list[str] = []
    other = cut_to_fit(mods, style, importance, pins, Budget(AIR_BUDGET), more)
    if other is not None and _broken(other, mods, style) < _broken(sol, mods, style):
        notes.extend(more)
        notes.append(f"title-block air: up to {MORE_AIR} more lines, to fill the page")
        return other
    restore_air(airs)
    notes.extend(first)
    return sol
