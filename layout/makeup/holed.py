"""A short page's one declared hole: its module, its area, the page with its
brief block split around it, and the full page with one story cut that
may stand instead of a small hole."""

from __future__ import annotations

from pathlib import Path

from ..model import Article, PageSpec, Pin
from ..style import Style
from .briefs import BriefBlock
from .check import report_page, rules_broken
from .elastic import ELASTIC_BUDGET
from .hole import Hole, HoleFits
from .module import Module, air_at_least
from .overfull import cut_to_fill, has_bumps
from .pagesearch import FULL_DEMAND, importance_of, pins_of
from .result import Grid, PageReport
from .search import Budget, Solution
from .short import (
    FootHoleSearch,
    apart,
)
from .sizes import sizes_follow_rank
from .weights import FILL_SLACK, W_RAGGED

HOLE_AIR = 3  # air lines beyond the style's a title block may take on a page with a hole


def cut_not_holed(
    sol: Solution,
    with_hole: list[Module],
    style: Style,
    importance: list[float],
    pins: dict[int, Pin],
) -> tuple[Solution, str] | None:
    """A short page whose best arrangement leaves a small hole (at most 1 −
    FULL_DEMAND of the page): the page made up again with one story cut, as a
    full page is, taken when it meets every rule but overset (the lead whole,
    every column at the foot, no 撞题) and cuts fewer characters than the
    hole would need written: an editor trims a few lines sooner than leave a
    hole. Returns the page and its note, or None."""
    capacity = style.columns * style.lines
    area = hole_area(sol, with_hole)
    if area > (1 - FULL_DEMAND) * capacity:
        return None
    mods = with_hole[:-1]
    if any(md.end_mark is not None or md.kind == "continuation" for md in mods):
        return None  # a page of a jump: the edition pass has measured its cut and room
    cut_notes: list[str] = []
    cut = cut_to_fill(mods, style, importance, pins, Budget(ELASTIC_BUDGET), cut_notes)
    if cut is None:
        return None
    cut = sizes_follow_rank(cut, mods)
    if rules_broken(mods, cut.placed, style) != (0, 0):
        return None
    over = overset_chars(cut, mods)
    if over > area * style.chars:
        return None  # the editor would cut more than the hole asks them to write
    note = (
        f"short page: {over} characters cut at a sentence end, "
        f"rather than leave a hole of {area} column-lines (待补 {area * style.chars} 字)"
    )
    return cut, "; ".join([*cut_notes, note])


def split_note(split: list[Module]) -> str:
    a, b = (len(md.copy.briefs) for md in split if type(md) is BriefBlock)
    return f"brief block split: two blocks of {a} and {b} briefs"


def split_holed(
    split: list[Module], style: Style, page: PageSpec, fits: HoleFits = None
) -> tuple[Solution, list[Module]] | None:
    """The short page with its brief block in two and one hole, without 撞题 (or None)."""
    mods = [*split, Hole(style, hole_article(page), fits)]
    imp = [*importance_of(split), 0.01]
    # the halves deepen as the whole block would
    air_at_least([md for md in split if isinstance(md, BriefBlock)], HOLE_AIR)
    budget = Budget(ELASTIC_BUDGET)  # its own, as each stretch of a short page
    pins = pins_of(split, style)
    s = FootHoleSearch(
        mods, style, imp, pins, fill_slack=FILL_SLACK, budget=budget, ragged_cost=W_RAGGED
    )
    sol = s.solve(0, 0, style.columns, style.lines, tuple(range(len(mods))))
    if sol is None or has_bumps(sol, mods) or not apart(mods, sol.placed, style):
        return None
    return sol, mods


def fewer_holes(
    a: tuple[Solution, list[Module]], b: tuple[Solution, list[Module]], style: Style
) -> bool:
    """Page a breaks no more of the page's rules (as the report checks them)
    and leaves less to fill: a smaller hole, or as large with fewer rules broken."""
    ra, rb = count_broken(*a, style), count_broken(*b, style)
    if ra > rb:
        return False
    return hole_area(*a) < hole_area(*b) or (ra < rb and hole_area(*a) <= hole_area(*b))


def count_broken(sol: Solution, mods: list[Module], style: Style) -> int:
    rep = PageReport(Grid(style.columns, style.lines, style.chars))
    report_page(rep, mods, sizes_follow_rank(sol, mods).placed, style, "probe")
    return sum(not ok for ok in rep.rules_met.values())


def hole_area(sol: Solution, mods: list[Module]) -> int:
    """Column-lines of the arrangement's hole."""
    return sum(p.option.span * p.depth for p in sol.placed if isinstance(mods[p.m], Hole))


def hole_article(page: PageSpec) -> Article:
    return Article(
        id=f"page-{page.number}-hole",
        path=Path("."),
        section=page.section,
        priority=10**6,
        kind="story",
        headline="",
        blocks=(),
    )


def overset_chars(sol: Solution, mods: list[Module]) -> int:
    """Body characters the arrangement leaves out (cut, or not placed)."""
    placed = {p.m: p for p in sol.placed}
    out = 0
    for m, md in enumerate(mods):
        whole = md.chars(md.copy.body)
        p = placed.get(m)
        if p is None:
            out += whole
        elif p.fit_body < p.option.body:
            out += whole - md.chars(md.placed_items(p))
    return out
