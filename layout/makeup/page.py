"""One page: its articles → modules → the best arrangement → display list + report."""

from __future__ import annotations

from collections.abc import Callable

from ..copy import TitleSetter, set_brief_block, set_story_body
from ..fonts import FontSet
from ..model import Article, Edition, PageSpec
from ..style import Style
from .arrange import arrange
from .briefs import BriefBlock
from .check import report_page
from .filler import fill_holes, filler_fits
from .index import index_module
from .jump import jump_to_text, mark_item, seams, set_marks
from .module import Module
from .paint import Painter
from .photo import dominant_lead, photo_module
from .reserve import furnish, make_up
from .result import Diagnostic, Grid, PageLayout, PageReport
from .steps import in_order, steps_taken
from .story import Story


def build_modules(
    edition: Edition,
    page: PageSpec,
    fonts: FontSet,
    style: Style,
    articles: tuple[Article, ...] | None = None,
) -> list[Module]:
    """The page's modules in priority order: its stories, then its brief block
    (`articles`: the page's share of its section, when the edition pass chose it)."""
    if articles is None:
        articles = edition.articles_for(page)
    titles = TitleSetter(fonts, style)
    mods: list[Module] = [
        photo_module(set_story_body(a, rank, fonts, style), style, titles, fonts)
        for rank, a in enumerate(a for a in articles if a.kind in ("story", "photo"))
    ]
    briefs = tuple(a for a in articles if a.kind == "brief")
    if briefs:
        mods.append(BriefBlock(set_brief_block(briefs, fonts, style), style, fonts, page))
    mods.sort(key=lambda md: md.sort_key())
    for rank, md in enumerate(mods):
        if isinstance(md, Story):
            md.rank = min(rank, md.rank)
    return mods


def make_page(
    edition: Edition,
    page: PageSpec,
    fonts: FontSet,
    style: Style,
    articles: tuple[Article, ...] | None = None,
    extra: Callable[[Style], list[Module]] | None = None,
    marks: dict[str, int] | None = None,
    dropped: dict[str, int] | None = None,
) -> PageLayout:
    """The page made up. From the edition pass (`layout.edition`): `articles`
    its share of its section, `extra` the continuations of earlier pages'
    stories (built for a style), `marks` the stories that jump from it (id →
    the page they continue on), `dropped` the stories among `articles` cut
    deeper to jump (id → body characters cut off: they continue later)."""
    paint = Painter(fonts, style)
    report = PageReport(Grid(style.columns, style.lines, style.chars))
    layout = PageLayout(page, style, paint.display, report)
    # furniture first: the header or page 1's masthead, the ads; the space left
    space = furnish(paint, edition, page, fonts)
    if not (edition.articles_for(page) if articles is None else articles) and not (
        extra(style) if extra else []
    ):
        msg = f"no article has section '{page.section}': the page is empty"
        report.diagnostics.append(Diagnostic("warning", f"page {page.number}", msg))
        report.rules_met = {"full": False}
        return layout

    def build(st: Style) -> list[Module]:
        mods = build_modules(edition, page, fonts, st, articles)
        for md in mods:  # a story cut deeper to jump: its 下转 line in its own area
            to = (marks or {}).get(md.id)
            if to is not None and md.id in (dropped or {}):
                md.end_mark, md.dropped = mark_item(jump_to_text(to), fonts, st), dropped[md.id]
        index = index_module(edition, page, fonts, st)  # 导读, in rank after the lead
        if index is not None:
            mods = sorted([*mods, index], key=lambda md: md.sort_key())
        return mods + (extra(st) if extra else [])  # continuations last

    def arrange_in(mods: list[Module], st: Style):
        fits = filler_fits(edition.fillers, st, fonts, page)  # a hole a filler fills
        return dominant_lead(mods, lambda: arrange(mods, st, page, fits))

    def finish(mods, sol, notes, st: Style, rep: PageReport) -> None:
        mods, placed, filled = fill_holes(mods, sol.placed, edition.fillers, st, fonts, page)
        set_marks(mods, placed, marks or {}, fonts, st)
        for p in placed:
            mods[p.m].draw(p, paint)
        report_page(rep, mods, placed, st, f"page {page.number}")
        rep.seams, rep.room = seams(mods, placed, st)
        rep.steps.extend(in_order([*notes, *steps_taken(mods, placed), *filled]))

    make_up(space, build, arrange_in, finish, report)
    return layout
