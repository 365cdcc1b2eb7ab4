"""The best arrangement of a page's modules on its grid: a full page first,
then, as the copy asks, the short page's steps and one declared hole, or
one story cut (issue 10)."""

from __future__ import annotations

import gc
import os

from ..errors import ContentError
from ..model import PageSpec
from ..style import Style
from .briefs import BriefBlock
from .elastic import ELASTIC_BUDGET, elastic, keep_heads_apart
from .feet import level_full
from .footstrip import foot_strip, tall_hole
from .hole import Hole, HoleFits
from .holed import (
    HOLE_AIR,
    cut_not_holed,
    fewer_holes,
    hole_area,
    hole_article,
    split_holed,
    split_note,
)
from .module import Module, air_at_least
from .overfull import cut_to_fill, drop_to_fit, has_bumps
from .pagesearch import (
    FULL_DEMAND,
    full_search,
    importance_of,
    pins_of,
    short_copy,
    short_lines,
    whole,
)
from .search import Budget, Search, Solution
from .settle import settle_feet
from .short import (
    FootHoleSearch,
    apart,
    more_hole_air,
    reshaped,
    split_briefs,
)
from .sizes import sizes_follow_rank
from .story import Story
from .weights import FILL_SLACK, W_RAGGED

# Regions a page's search may explore before it narrows (about 1–1.5 s here).
REGION_BUDGET = 40_000
WHOLE_BUDGET = 4_000  # regions for a full page without a cut once one with a cut is found


def arrange(
    mods: list[Module], style: Style, page: PageSpec, fits: HoleFits = None
) -> tuple[Solution, list[Module], list[str]]:
    """The best arrangement of the modules on the page's grid.

    A full page first. A page whose copy cannot fill it gets one declared
    hole; a page whose copy cannot all fit has its longest story other than
    the lead cut at a sentence end. Returns the arrangement, the modules
    (with the hole, when there is one) and notes on what was done.
    """
    notes: list[str] = []
    budget = Budget(REGION_BUDGET, budget_seconds())
    short = short_copy(mods, style)
    for md in mods if short else ():
        if isinstance(md, BriefBlock):  # its columns end level (briefs.py)
            md.short_page = True
            md.reset()
    # the search allocates millions of small immutable objects (solutions,
    # placements, runners-up) and makes no reference cycles: the cyclic
    # collector, run over them again and again, took a fifth of the time
    collecting = gc.isenabled()
    gc.disable()
    try:
        sol, mods, notes = _arrange(mods, style, page, budget, notes, fits)
    finally:
        if collecting:
            gc.enable()
    if short:
        notes.extend(reshaped(mods, sol.placed))
    settled, air = settle_feet(sol.placed, mods, style, HOLE_AIR)
    if air:
        sol = Solution(sol.cost, settled, sol.weight)
        notes.append(f"title-block air: {air} line(s) over stories that ended above the foot")
    if budget.spent:
        notes.append(f"search budget reached ({budget.used} regions): the best page found so far")
    return sol, mods, notes


def budget_seconds() -> float | None:
    """Seconds of search a page may take besides the region budget
    (NEWSPAGE_MAKEUP_BUDGET; unset: none, so that output is deterministic)."""
    env = os.environ.get("NEWSPAGE_MAKEUP_BUDGET", "")
    try:
        return max(0.05, float(env)) if env else None
    except ValueError:
        return None


def _arrange(
    mods: list[Module],
    style: Style,
    page: PageSpec,
    budget: Budget,
    notes: list[str],
    fits: HoleFits = None,
) -> tuple[Solution, list[Module], list[str]]:
    importance = importance_of(mods)
    pins = pins_of(mods, style)
    everything = tuple(range(len(mods)))
    search = full_search(mods, style, importance, pins, budget)
    capacity = style.columns * style.lines
    demand = sum(search._min_area(i) for i in everything)
    cut_sol: Solution | None = None
    cut_notes: list[str] = []
    if demand >= FULL_DEMAND * capacity:
        # copy for a full page or more: the search that may cut one story keeps
        # every story whole where they fit; its page is taken when it did
        cut_sol = cut_to_fill(mods, style, importance, pins, budget, cut_notes)
        if cut_sol is not None and not cut_notes and whole(cut_sol):
            return sizes_follow_rank(cut_sol, mods), mods, notes
        # with a page in hand, the page without a cut gets a smaller search
        search = full_search(mods, style, importance, pins, Budget(WHOLE_BUDGET))
    sol = search.solve(0, 0, style.columns, style.lines, everything)
    # a page whose copy at its least takes most of the page is not short: it
    # has too much copy for a full arrangement (cut first, no step-up)
    short = demand < FULL_DEMAND * capacity
    ragged: Solution | None = None  # a short page stretched full but not level (short.py)
    if sol is not None and short_lines(sol, style) <= style.columns:
        if has_bumps(sol, mods):  # headlines side by side: try side columns, more air
            sol = keep_heads_apart(mods, style, importance, pins, budget, sol, notes)
        if short and not level_full(sol.placed, mods, style):
            sol = elastic(mods, style, importance, pins, sol, notes)
        if not short or level_full(sol.placed, mods, style):
            return sizes_follow_rank(sol, mods), mods, notes
        ragged = sol
    if short and ragged is None:  # taken only without 撞题: else the page with a hole is
        other = elastic(mods, style, importance, pins, None, notes, level=True)
        if other is not None and level_full(other.placed, mods, style):
            return sizes_follow_rank(other, mods), mods, notes
        ragged = other  # columns short: the page with a hole may be level
    full = sol
    if short:
        # short-page step 1: headlines step up a size (two-line main titles)
        for md in mods:
            if isinstance(md, Story):
                md.step_up(1)
        # on a budget of its own: the first search may have spent most of the
        # page's, and a spent budget narrows a search to its first choices
        # (broadsheet s2 85 %: 撞题 there; with its own, a page full, level
        # and without); what it spends still counts against the page's
        own = budget.fresh()
        search = full_search(mods, style, importance, pins, own)
        sol = search.solve(0, 0, style.columns, style.lines, everything)
        budget.charge(own)
        if sol is not None and short_lines(sol, style) <= style.columns:
            if ragged is None or level_full(sol.placed, mods, style):
                return sizes_follow_rank(sol, mods), mods, notes
        if sol is not None and (full is None or sol.cost < full.cost):
            full = sol
    split = split_briefs(mods, style, page) if short else None
    if split is not None:  # short-page step 4: the brief block in two
        other = full_search(
            split, style, importance_of(split), pins_of(split, style), Budget(ELASTIC_BUDGET)
        ).solve(0, 0, style.columns, style.lines, tuple(range(len(split))))
        if other is not None and short_lines(other, style) <= style.columns:
            level = ragged is None or level_full(other.placed, split, style)
            if level and not has_bumps(other, split) and apart(split, other.placed, style):
                notes.append(split_note(split))
                return sizes_follow_rank(other, split), split, notes
    if short:  # the page level over its top lines, one hole across its foot (footstrip.py)
        # short-page step 4: the brief block deepens
        air_at_least([md for md in mods if isinstance(md, BriefBlock)], HOLE_AIR)
        hole = Hole(style, hole_article(page), fits)
        strip = foot_strip(mods, hole, style, importance, pins, sizes_follow_rank)
        if strip is not None:
            notes.append("short page: the copy cannot fill it; the space left is one hole")
            return (*strip, notes)
    if short:  # the title blocks may take the air a short page's stretch gives them
        air_at_least([md for md in mods if isinstance(md, (Story, BriefBlock))], HOLE_AIR)
    with_hole = [*mods, Hole(style, hole_article(page), fits)]
    hole_imp = [*importance, 0.01]

    def holed(slack: int | None, spend: Budget = budget) -> Solution | None:
        ragged = W_RAGGED if slack is not None else 0.0  # columns end at the foot or the hole
        kind = FootHoleSearch if short else Search  # a short page's hole at a foot
        s = kind(
            with_hole, style, hole_imp, pins, fill_slack=slack, budget=spend, ragged_cost=ragged
        )
        return s.solve(0, 0, style.columns, style.lines, (*everything, len(mods)))

    tries = ("hole", "cut") if short else ("cut", "hole")
    for how in tries:
        if how == "hole":
            sol = holed(FILL_SLACK)
            if short and sol is not None and not level_full(sol.placed, with_hole, style):
                area = hole_area(sol, with_hole)  # more air may only shrink the hole
                deeper = more_hole_air(  # short.py: more air before a white gap
                    mods,
                    lambda: holed(FILL_SLACK, Budget(ELASTIC_BUDGET)),
                    lambda s, area=area: (
                        level_full(s.placed, with_hole, style) and hole_area(s, with_hole) <= area
                    ),
                )
                if deeper is not None:
                    sol = deeper[0]
                    notes.append(f"title-block air: up to {deeper[1]} more lines, one hole left")
            if ragged is not None and (sol is None or not level_full(sol.placed, with_hole, style)):
                return sizes_follow_rank(ragged, mods), mods, notes
            if ragged is None and full is not None and (sol is None or full.cost <= sol.cost):
                return sizes_follow_rank(full, mods), mods, notes
            cut = cut_not_holed(sol, with_hole, style, importance, pins) if sol else None
            if cut is not None:
                notes.append(cut[1])
                return cut[0], mods, notes
            if sol is not None:
                notes.append("short page: the copy cannot fill it; the space left is one hole")
                if short and tall_hole(sol.placed, with_hole, style):  # across the foot instead
                    again = Hole(style, hole_article(page), fits)
                    strip = foot_strip(
                        mods, again, style, importance, pins, sizes_follow_rank, HOLE_AIR
                    )
                    if strip is not None:
                        return (*strip, notes)
                alt = split_holed(split, style, page, fits) if split else None
                if alt is not None and fewer_holes(alt, (sol, with_hole), style):
                    notes.append(split_note(split))
                    return sizes_follow_rank(alt[0], alt[1]), alt[1], notes
                return sizes_follow_rank(sol, with_hole), with_hole, notes
        else:
            if cut_sol is None:
                cut_sol = cut_to_fill(mods, style, importance, pins, budget, cut_notes)
            sol = cut_sol
            notes.extend(cut_notes)
            if sol is not None:
                return sizes_follow_rank(sol, mods), mods, notes
    sol = holed(None)
    if sol is not None:
        notes.append("short page: one hole, and modules that end short (too few modules to fill)")
        return sizes_follow_rank(sol, with_hole), with_hole, notes
    search = Search(mods, style, importance, pins, fill_slack=None, budget=budget)
    sol = search.solve(0, 0, style.columns, style.lines, everything)
    if sol is not None:
        notes.append("short page: no arrangement with one hole; modules end short")
        return sizes_follow_rank(sol, mods), mods, notes
    if pins:
        names = ", ".join(mods[i].id for i in sorted(pins))
        a = mods[min(pins)].article
        raise ContentError(
            a.path,
            f"the pinned place of {names} leaves no arrangement of page {page.number}",
            field="place",
            hint="loosen a pin (drop column or top), or pin fewer articles",
        )
    # not even the copy cut to fit: leave out the least important modules
    notes.append("overfull page: every story may be cut, the least important left out")
    sol = drop_to_fit(with_hole, style, hole_imp, budget, notes, page.number == 1)
    return sizes_follow_rank(sol, with_hole), with_hole, notes
