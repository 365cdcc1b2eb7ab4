"""Where a module's text ends, and where an arrangement's columns end, as the
report measures them (to each column's last line of text): a module set at
the foot of its region, whose columns end level within a line, can still
leave a column two lines short of the page's foot when it stops a line above
it. The search counts this per column (`Module.foot_lags`, search/feet.py),
and so do the checks here that a full page's columns all reach the foot
within a line (栏底齐) before an arrangement is taken."""

from __future__ import annotations

from ..style import Style
from .check import bumping, lead_on_top_widest
from .hole import Hole
from .module import Module, Option, Placed, head_span


def foot_gap(md: Module, opt: Option) -> int:
    """Grid lines between the foot of the option's shortest body column and its
    body's last line (0: every column full; a hole or a filler is full)."""
    if isinstance(md, Hole) or md.fills_frame or opt.span < 2:
        return 0
    return max(max(md.foot_lags(opt, opt.body)), 0)


def worst_short(placed: tuple[Placed, ...], mods: list[Module], style: Style) -> int:
    """Most grid lines a column of the type area ends short of the foot."""
    feet = [0] * style.columns
    for p in placed:
        opt = p.option
        lags = mods[p.m].foot_lags(opt, p.fit_body)
        for c in range(p.col, min(p.col + head_span(opt), style.columns)):
            j = c - p.col
            foot = p.top + (p.depth - lags[j] if j < opt.span else opt.head + opt.pad)
            feet[c] = max(feet[c], foot)
    return max(style.lines - f for f in feet)


def level_full(placed: tuple[Placed, ...], mods: list[Module], style: Style) -> bool:
    """Full to the foot within a line in every column, no headlines side by
    side, the lead on top and widest: a page the search need not look past."""
    if worst_short(placed, mods, style) > 1 or bumping(placed, mods):
        return False
    return lead_on_top_widest(mods, placed)
