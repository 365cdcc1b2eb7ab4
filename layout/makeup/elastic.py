"""The elastic steps of a page that is not yet full and level: title-block
air and headline sizes stretched a step at a time, side columns and more
air against headlines side by side (撞题)."""

from __future__ import annotations

from ..model import Pin
from ..style import Style
from .check import bumping, lead_on_top_widest
from .feet import level_full, worst_short
from .module import Module
from .overfull import MORE_AIR, SIDE_BUDGET, has_bumps
from .pagesearch import full_search, short_lines
from .search import Budget, Search, Solution
from .story import Story


def keep_heads_apart(
    mods: list[Module],
    style: Style,
    importance: list[float],
    pins: dict[int, Pin],
    budget: Budget,
    sol: Solution,
    notes: list[str],
) -> Solution:
    """The page again with side columns (a split's first module on its right),
    then also with up to MORE_AIR more air lines per title block, kept when
    that lets it do without headlines side by side (撞题)."""
    everything = tuple(range(len(mods)))

    def unbumped(search: Search) -> Solution | None:
        other = search.solve(0, 0, style.columns, style.lines, everything)
        ok = other is not None and not has_bumps(other, mods)
        return other if ok and short_lines(other, style) <= style.columns else None

    other = unbumped(full_search(mods, style, importance, pins, Budget(SIDE_BUDGET), mirror=True))
    if other is not None:
        return other
    stories = [md for md in mods if isinstance(md, Story)]
    for md in stories:
        md.allow_air(MORE_AIR)
    other = unbumped(full_search(mods, style, importance, pins, budget)) or unbumped(
        full_search(mods, style, importance, pins, Budget(SIDE_BUDGET), mirror=True)
    )
    if other is not None:
        notes.append(f"title-block air: up to {MORE_AIR} more lines, to keep headlines apart")
        return other
    for md in stories:
        md.allow_air(0)
    return sol


# Short-page steps 1 (issue 10): title-block air beyond the style's most, and
# headlines a size up (two-line main titles), in this order, until the page
# is full, its columns end within a line of the foot and no headlines bump.
ELASTIC = ((3, 0), (3, 1), (4, 0), (4, 1))  # (more air lines, sizes up)
ELASTIC_BUDGET = 15_000  # regions for each of them


def elastic(
    mods: list[Module],
    style: Style,
    importance: list[float],
    pins: dict[int, Pin],
    sol: Solution | None,
    notes: list[str],
    level: bool = False,
) -> Solution | None:
    """A short page not yet full and level (or with headlines side by side)
    searched again with its title blocks' air and headline sizes stretched a
    step at a time (ELASTIC), each on a budget of its own; the first page full and
    level is taken, else the best found if it beats `sol`, else `sol` with the
    modules as they were (`level`: a page with headlines side by side is not taken)."""
    everything = tuple(range(len(mods)))
    state = [(md.more_air, md.up) for md in mods if isinstance(md, Story)]

    def rank(s: Solution) -> tuple:
        short = max(worst_short(s.placed, mods, style) - 1, 0)
        broken = len(bumping(s.placed, mods)) + (not lead_on_top_widest(mods, s.placed))
        return (broken, short, s.cost)

    best, best_step = None, None
    for air, up in ELASTIC:
        budget = Budget(ELASTIC_BUDGET)
        for md in mods:
            if isinstance(md, Story):
                md.more_air, md.up = max(md.more_air, air), up
                md.reset()
        other = full_search(mods, style, importance, pins, budget).solve(
            0, 0, style.columns, style.lines, everything
        )
        if other is None or short_lines(other, style) > style.columns:
            continue
        if best is None or rank(other) < rank(best):
            best, best_step = other, (air, up)
        if level_full(other.placed, mods, style):
            break
    if level and best is not None and has_bumps(best, mods):
        best = None
    if best is not None and (sol is None or rank(best) < rank(sol)):
        air, up = best_step
        for md in mods:
            if isinstance(md, Story):
                md.more_air, md.up = max(md.more_air, air), up
                md.reset()
        notes.append(f"title-block air: up to {air} more lines, to fill the page")
        return best
    for md, (air, up) in zip([md for md in mods if isinstance(md, Story)], state, strict=True):
        md.more_air, md.up = air, up
        md.reset()
    return sol
