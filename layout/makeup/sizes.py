"""Headline sizes that follow rank: no lesser story's headline larger than a
more important one's."""

from __future__ import annotations

from .module import Module, Placed
from .search import Solution
from .story import Story


def sizes_follow_rank(sol: Solution, mods: list[Module]) -> Solution:
    """No headline larger than that of a more important story.

    Copy-fitting steps headline sizes down module by module, so a lesser story
    can end up with the larger headline (or, beside an ad, than the page's
    lead made up in the other area: `max_size`); it is then set at the size of the
    story above it in rank, in the same grid lines (the difference becomes
    air), so the page's geometry does not change.
    """
    placed = list(sol.placed)
    ceiling = float("inf")
    for k in sorted(range(len(placed)), key=lambda k: placed[k].m):
        p = placed[k]
        md = mods[p.m]
        tb = p.option.title
        if tb is None or not isinstance(md, Story):
            continue
        if md.max_size is not None:  # beside an ad: no larger than the page's lead
            ceiling = min(ceiling, md.max_size)
        if tb.headline_size > ceiling:
            opt = md.title_at_most(p.option, ceiling)
            if opt is not None:
                placed[k] = Placed(p.m, p.col, p.top, opt, p.fit_body)
                tb = opt.title
                assert tb is not None
        ceiling = min(ceiling, tb.headline_size)
    return Solution(sol.cost, tuple(placed), sol.weight)
