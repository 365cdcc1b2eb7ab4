"""One page: its articles → modules → the best arrangement → display list + report."""

from __future__ import annotations

from ..copy import TitleSetter, set_brief_block, set_story_body
from ..errors import ContentError
from ..fonts import FontSet
from ..model import Edition, PageSpec, Pin
from ..style import Style
from .briefs import BriefBlock
from .check import report_page
from .header import draw_header
from .module import Module, Placed
from .paint import Painter
from .result import Diagnostic, Grid, PageLayout, PageReport
from .search import Search, Solution
from .story import Story
from .weights import FILL_SLACK


def build_modules(edition: Edition, page: PageSpec, fonts: FontSet, style: Style) -> list[Module]:
    """The page's modules in priority order: its stories, then its brief block."""
    articles = edition.articles_for(page)
    titles = TitleSetter(fonts, style)
    mods: list[Module] = [
        Story(set_story_body(a, rank, fonts, style), style, titles)
        for rank, a in enumerate(a for a in articles if a.kind == "story")
    ]
    briefs = tuple(a for a in articles if a.kind == "brief")
    if briefs:
        mods.append(BriefBlock(set_brief_block(briefs, fonts, style), style, fonts, page))
    mods.sort(key=lambda md: md.sort_key())
    for rank, md in enumerate(mods):
        if isinstance(md, Story):
            md.rank = min(rank, md.rank)
    return mods


def make_page(edition: Edition, page: PageSpec, fonts: FontSet, style: Style) -> PageLayout:
    mods = build_modules(edition, page, fonts, style)
    paint = Painter(fonts, style)
    report = PageReport(Grid(style.columns, style.lines, style.chars))
    layout = PageLayout(page, style, paint.display, report)
    draw_header(paint, edition, page, fonts)
    if not mods:
        msg = f"no article has section '{page.section}': the page is empty"
        report.diagnostics.append(Diagnostic("warning", f"page {page.number}", msg))
        report.rules_met = {"full": False}
        return layout
    sol = arrange(mods, style, page)
    for p in sol.placed:
        mods[p.m].draw(p, paint)
    report_page(report, mods, sol.placed, style, f"page {page.number}")
    return layout


def arrange(mods: list[Module], style: Style, page: PageSpec) -> Solution:
    """The best arrangement of the modules on the page's grid."""
    importance = [1.0 / (1 + r) for r in range(len(mods))]
    pins = _pins(mods, style)
    everything = tuple(range(len(mods)))
    sol = None
    for slack in (FILL_SLACK, None):  # a full page first; short only if it must be
        search = Search(mods, style, importance, pins, fill_slack=slack)
        sol = search.solve(0, 0, style.columns, style.lines, everything)
        if sol is not None:
            break
    if sol is None or _overset_lines(mods, sol):
        cut = _cut_to_fit(mods, style, importance, pins)
        if cut is not None and (sol is None or cut.cost < sol.cost):
            sol = cut
    if sol is None and pins:
        names = ", ".join(mods[i].id for i in sorted(pins))
        a = mods[min(pins)].article
        raise ContentError(
            a.path,
            f"the pinned place of {names} leaves no arrangement of page {page.number}",
            field="place",
            hint="loosen a pin (drop column or top), or pin fewer articles",
        )
    if sol is None:  # not even a few lines of each article fit
        sol = _drop_to_fit(mods, style, importance)
    return _sizes_follow_rank(sol, mods)


def _pins(mods: list[Module], style: Style) -> dict[int, Pin]:
    """Editors' pins by module index; a pin that cannot fit the grid is an error."""
    pins: dict[int, Pin] = {}
    for i, md in enumerate(mods):
        pin = md.pin
        if pin is None:
            continue
        span = pin.span or 1
        first = (pin.column or 1) - 1
        if span > style.columns or first + span > style.columns:
            raise ContentError(
                md.article.path,
                f"column {first + 1} span {span} runs past the page's {style.columns} columns",
                field="place",
            )
        pins[i] = pin
    return pins


def _sizes_follow_rank(sol: Solution, mods: list[Module]) -> Solution:
    """No headline larger than that of a more important story.

    Copy-fitting steps headline sizes down module by module, so a lesser story
    can end up with the larger headline; it is then set at the size of the
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
        if tb.headline_size > ceiling:
            opt = md.title_at_most(p.option, ceiling)
            if opt is not None:
                placed[k] = Placed(p.m, p.col, p.top, opt, p.fit_body)
                tb = opt.title
                assert tb is not None
        ceiling = min(ceiling, tb.headline_size)
    return Solution(sol.cost, tuple(placed), sol.weight)


def _overset_lines(mods: list[Module], sol: Solution) -> int:
    return sum(
        mods[p.m].overset_lines(p.option.span, p.fit_body, p.option.tight)
        for p in sol.placed
        if p.fit_body < p.option.body
    )


def _cut_to_fit(
    mods: list[Module], style: Style, importance: list[float], pins: dict[int, Pin]
) -> Solution | None:
    """The page when its text cannot all fit: cut the longest stories first.

    An editor cuts the story that is longest for its place, so that is the one
    whose module the search may end wherever the page needs it; the next
    longest joins only when cutting the first still leaves too much.
    """
    n = len(mods)
    capacity = style.columns * style.lines
    longest = sorted(range(n), key=lambda i: (-mods[i].body_depth(1), i))
    cut: set[int] = set()
    for m in longest:
        cut.add(m)
        search = Search(mods, style, importance, pins, frozenset(cut))
        if sum(search._min_area(i) for i in range(n)) > capacity:
            continue
        sol = search.solve(0, 0, style.columns, style.lines, tuple(range(n)))
        if sol is not None:
            return sol
    return None


def _drop_to_fit(mods: list[Module], style: Style, importance: list[float]) -> Solution:
    """Leave out the least important modules until the rest fit, cut to size.

    Only for pages with far more articles than room: what is left out is
    reported as wholly overset, never silently dropped.
    """
    n = len(mods)
    everything = frozenset(range(n))
    for keep in range(n - 1, 0, -1):
        search = Search(mods, style, importance, None, everything)
        sol = search.solve(0, 0, style.columns, style.lines, tuple(range(keep)))
        if sol is not None:
            return sol
    return Solution(0.0, (), 0.0)
