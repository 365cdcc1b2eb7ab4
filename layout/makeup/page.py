"""One page: its articles → modules → the best arrangement → display list + report."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path

from ..copy import TitleSetter, set_brief_block, set_story_body
from ..errors import ContentError
from ..fonts import FontSet
from ..model import Article, Edition, PageSpec, Pin
from ..style import Style
from .briefs import BriefBlock
from .check import bumping, lead_on_top_widest, report_page, rules_broken
from .feet import level_full, worst_short
from .filler import fill_holes, filler_fits
from .hole import Hole, HoleFits
from .index import index_module
from .jump import jump_to_text, mark_item, seams, set_marks
from .module import Module, Placed, covered, head_span
from .overfull import MORE_AIR, SIDE_BUDGET, cut_to_fill, drop_to_fit, has_bumps
from .paint import Painter
from .photo import dominant_lead, photo_module
from .reserve import furnish, make_up
from .result import Diagnostic, Grid, PageLayout, PageReport
from .search import Budget, Search, Solution
from .settle import settle_feet
from .short import (
    FootHoleSearch,
    apart,
    more_hole_air,
    reshaped,
    split_briefs,
)
from .steps import in_order, steps_taken
from .story import Story
from .weights import FILL_SLACK, W_RAGGED

# Regions a page's search may explore before it narrows (about 1–1.5 s here).
REGION_BUDGET = 40_000
WHOLE_BUDGET = 4_000  # regions for a full page without a cut once one with a cut is found
FULL_DEMAND = 0.9  # share of the page the copy takes at its least, from which it is not short
HOLE_AIR = 3  # air lines beyond the style's a title block may take on a page with a hole


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
    short = _short_copy(mods, style)
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
    importance = _importance(mods)
    pins = _pins(mods, style)
    everything = tuple(range(len(mods)))
    search = _search(mods, style, importance, pins, budget)
    capacity = style.columns * style.lines
    demand = sum(search._min_area(i) for i in everything)
    cut_sol: Solution | None = None
    cut_notes: list[str] = []
    if demand >= FULL_DEMAND * capacity:
        # copy for a full page or more: the search that may cut one story keeps
        # every story whole where they fit; its page is taken when it did
        cut_sol = cut_to_fill(mods, style, importance, pins, budget, cut_notes)
        if cut_sol is not None and not cut_notes and _whole(cut_sol):
            return _sizes_follow_rank(cut_sol, mods), mods, notes
        # with a page in hand, the page without a cut gets a smaller search
        search = _search(mods, style, importance, pins, Budget(WHOLE_BUDGET))
    sol = search.solve(0, 0, style.columns, style.lines, everything)
    # a page whose copy at its least takes most of the page is not short: it
    # has too much copy for a full arrangement (cut first, no step-up)
    short = demand < FULL_DEMAND * capacity
    ragged: Solution | None = None  # a short page stretched full but not level (short.py)
    if sol is not None and _short_lines(sol, style) <= style.columns:
        if has_bumps(sol, mods):  # headlines side by side: try side columns, more air
            sol = _more_air(mods, style, importance, pins, budget, sol, notes)
        if short and not level_full(sol.placed, mods, style):
            sol = _elastic(mods, style, importance, pins, sol, notes)
        if not short or level_full(sol.placed, mods, style):
            return _sizes_follow_rank(sol, mods), mods, notes
        ragged = sol
    if short and ragged is None:  # taken only without 撞题: else the page with a hole is
        other = _elastic(mods, style, importance, pins, None, notes, level=True)
        if other is not None and level_full(other.placed, mods, style):
            return _sizes_follow_rank(other, mods), mods, notes
        ragged = other  # columns short: the page with a hole may be level
    full = sol
    if short:
        # short-page step 1: headlines step up a size (two-line main titles)
        for md in mods:
            if isinstance(md, Story):
                md.step_up(1)
        search = _search(mods, style, importance, pins, budget)
        sol = search.solve(0, 0, style.columns, style.lines, everything)
        if sol is not None and _short_lines(sol, style) <= style.columns:
            if ragged is None or level_full(sol.placed, mods, style):
                return _sizes_follow_rank(sol, mods), mods, notes
        if sol is not None and (full is None or sol.cost < full.cost):
            full = sol
    split = split_briefs(mods, style, page) if short else None
    if split is not None:  # short-page step 4: the brief block in two
        other = _search(
            split, style, _importance(split), _pins(split, style), Budget(ELASTIC_BUDGET)
        ).solve(0, 0, style.columns, style.lines, tuple(range(len(split))))
        if other is not None and _short_lines(other, style) <= style.columns:
            level = ragged is None or level_full(other.placed, split, style)
            if level and not has_bumps(other, split) and apart(split, other.placed, style):
                notes.append(_split_note(split))
                return _sizes_follow_rank(other, split), split, notes
    if short:  # the title blocks may take the air a short page's stretch gives them
        for md in mods:
            if isinstance(md, (Story, BriefBlock)) and md.more_air < HOLE_AIR:
                md.more_air = HOLE_AIR
                md.reset()
    with_hole = [*mods, Hole(style, _hole_article(page), fits)]
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
                area = _hole_area(sol, with_hole)  # more air may only shrink the hole
                deeper = more_hole_air(  # short.py: more air before a white gap
                    mods,
                    lambda: holed(FILL_SLACK, Budget(ELASTIC_BUDGET)),
                    lambda s, area=area: (
                        level_full(s.placed, with_hole, style) and _hole_area(s, with_hole) <= area
                    ),
                )
                if deeper is not None:
                    sol = deeper[0]
                    notes.append(f"title-block air: up to {deeper[1]} more lines, one hole left")
            if ragged is not None and (sol is None or not level_full(sol.placed, with_hole, style)):
                return _sizes_follow_rank(ragged, mods), mods, notes
            if ragged is None and full is not None and (sol is None or full.cost <= sol.cost):
                return _sizes_follow_rank(full, mods), mods, notes
            cut = _cut_not_holed(sol, with_hole, style, importance, pins) if sol else None
            if cut is not None:
                notes.append(cut[1])
                return cut[0], mods, notes
            if sol is not None:
                notes.append("short page: the copy cannot fill it; the space left is one hole")
                alt = _split_holed(split, style, page, fits) if split else None
                if alt is not None and _fewer_holes(alt, (sol, with_hole), style):
                    notes.append(_split_note(split))
                    return _sizes_follow_rank(alt[0], alt[1]), alt[1], notes
                return _sizes_follow_rank(sol, with_hole), with_hole, notes
        else:
            if cut_sol is None:
                cut_sol = cut_to_fill(mods, style, importance, pins, budget, cut_notes)
            sol = cut_sol
            notes.extend(cut_notes)
            if sol is not None:
                return _sizes_follow_rank(sol, mods), mods, notes
    sol = holed(None)
    if sol is not None:
        notes.append("short page: one hole, and modules that end short (too few modules to fill)")
        return _sizes_follow_rank(sol, with_hole), with_hole, notes
    search = Search(mods, style, importance, pins, fill_slack=None, budget=budget)
    sol = search.solve(0, 0, style.columns, style.lines, everything)
    if sol is not None:
        notes.append("short page: no arrangement with one hole; modules end short")
        return _sizes_follow_rank(sol, mods), mods, notes
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
    sol = drop_to_fit(with_hole, style, hole_imp, budget)
    return _sizes_follow_rank(sol, with_hole), with_hole, notes


def _cut_not_holed(
    sol: Solution,
    with_hole: list[Module],
    style: Style,
    importance: list[float],
    pins: dict[int, Pin],
) -> tuple[Solution, str] | None:
    """A short page whose best arrangement leaves a small hole (at most 1 −
    FULL_DEMAND of the page): the page made up again with one story cut, as a
    full page is, taken when it meets every rule but overset (the lead whole,
    every column at the foot, no 撞题). An editor trims a story sooner than
    leave a few lines blank. Returns the page and its note, or None."""
    capacity = style.columns * style.lines
    area = _hole_area(sol, with_hole)
    if area > (1 - FULL_DEMAND) * capacity:
        return None
    mods = with_hole[:-1]
    cut_notes: list[str] = []
    cut = cut_to_fill(mods, style, importance, pins, Budget(ELASTIC_BUDGET), cut_notes)
    if cut is None:
        return None
    cut = _sizes_follow_rank(cut, mods)
    if rules_broken(mods, cut.placed, style) != (0, 0):
        return None
    note = f"short page: one story cut to fill it, rather than leave a hole of {area} column-lines"
    return cut, "; ".join([*cut_notes, note])


def _short_copy(mods: list[Module], style: Style) -> bool:
    """The page's copy at its least takes less than FULL_DEMAND of the page."""
    probe = Search(mods, style, _importance(mods))
    demand = sum(probe._min_area(i) for i in range(len(mods)))
    return demand < FULL_DEMAND * style.columns * style.lines


def _importance(mods: list[Module]) -> list[float]:
    return [1.0 / (1 + r) for r in range(len(mods))]


def _split_note(split: list[Module]) -> str:
    a, b = (len(md.copy.briefs) for md in split if type(md) is BriefBlock)
    return f"brief block split: two blocks of {a} and {b} briefs"


def _split_holed(
    split: list[Module], style: Style, page: PageSpec, fits: HoleFits = None
) -> tuple[Solution, list[Module]] | None:
    """The short page with its brief block in two and one hole, without 撞题 (or None)."""
    mods = [*split, Hole(style, _hole_article(page), fits)]
    imp = [*_importance(split), 0.01]
    for md in split:  # the halves deepen as the whole block would
        if isinstance(md, BriefBlock) and md.more_air < HOLE_AIR:
            md.more_air = HOLE_AIR
            md.reset()
    budget = Budget(ELASTIC_BUDGET)  # its own, as each stretch of a short page
    pins = _pins(split, style)
    s = FootHoleSearch(
        mods, style, imp, pins, fill_slack=FILL_SLACK, budget=budget, ragged_cost=W_RAGGED
    )
    sol = s.solve(0, 0, style.columns, style.lines, tuple(range(len(mods))))
    if sol is None or has_bumps(sol, mods) or not apart(mods, sol.placed, style):
        return None
    return sol, mods


def _fewer_holes(
    a: tuple[Solution, list[Module]], b: tuple[Solution, list[Module]], style: Style
) -> bool:
    """Page a breaks no more of the page's rules (as the report checks them)
    and leaves less to fill: a smaller hole, or as large with fewer rules broken."""
    ra, rb = _rules_broken(*a, style), _rules_broken(*b, style)
    if ra > rb:
        return False
    return _hole_area(*a) < _hole_area(*b) or (ra < rb and _hole_area(*a) <= _hole_area(*b))


def _rules_broken(sol: Solution, mods: list[Module], style: Style) -> int:
    rep = PageReport(Grid(style.columns, style.lines, style.chars))
    report_page(rep, mods, _sizes_follow_rank(sol, mods).placed, style, "probe")
    return sum(not ok for ok in rep.rules_met.values())


def _hole_area(sol: Solution, mods: list[Module]) -> int:
    """Column-lines of the arrangement's hole."""
    return sum(p.option.span * p.depth for p in sol.placed if isinstance(mods[p.m], Hole))


def _search(
    mods: list[Module],
    style: Style,
    importance: list[float],
    pins: dict[int, Pin],
    budget: Budget,
    mirror: bool = False,
) -> Search:
    """The page's search for a full page: modules fill to within FILL_SLACK of
    the foot, and feet that end apart are costed (`mirror`: with side columns,
    for a page whose best arrangement has headlines side by side)."""
    return Search(
        mods,
        style,
        importance,
        pins,
        fill_slack=FILL_SLACK,
        budget=budget,
        ragged_cost=W_RAGGED,
        mirror=mirror,
    )


def _more_air(
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
        return other if ok and _short_lines(other, style) <= style.columns else None

    other = unbumped(_search(mods, style, importance, pins, Budget(SIDE_BUDGET), mirror=True))
    if other is not None:
        return other
    for md in mods:
        if isinstance(md, Story):
            md.more_air = MORE_AIR
            md.reset()
    other = unbumped(_search(mods, style, importance, pins, budget)) or unbumped(
        _search(mods, style, importance, pins, Budget(SIDE_BUDGET), mirror=True)
    )
    if other is not None:
        notes.append(f"title-block air: up to {MORE_AIR} more lines, to keep headlines apart")
        return other
    for md in mods:
        if isinstance(md, Story):
            md.more_air = 0
            md.reset()
    return sol


# Short-page steps 1 (issue 10): title-block air beyond the style's most, and
# headlines a size up (two-line main titles), in this order, until the page
# is full, its columns end within a line of the foot and no headlines bump.
ELASTIC = ((3, 0), (3, 1), (4, 0), (4, 1))  # (more air lines, sizes up)
ELASTIC_BUDGET = 15_000  # regions for each of them
BUMP_BUDGET = 2 * ELASTIC_BUDGET  # for one whose search ran out with headlines side by side


def _elastic(
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

    most = style.max_pad + max(air for air, _ in ELASTIC)

    def airy(s: Solution) -> int:
        # air lines beyond the most a step gives, once headlines larger than a
        # more important story's are set down to its size in the same lines
        # (`_sizes_follow_rank`: the difference becomes air above them)
        return sum(
            max(p.option.pad - most, 0)
            for p in _sizes_follow_rank(s, mods).placed
            if isinstance(mods[p.m], Story)
        )

    def rank(s: Solution) -> tuple:
        short = max(worst_short(s.placed, mods, style) - 1, 0)
        over = airy(s)  # a white band over a headline reads as badly as 撞题
        broken = len(bumping(s.placed, mods)) + (not lead_on_top_widest(mods, s.placed))
        return (broken + (over > 0), short, over, s.cost)

    best, best_step = None, None
    for air, up in ELASTIC:
        budget = Budget(ELASTIC_BUDGET)
        for md in mods:
            if isinstance(md, Story):
                md.more_air, md.up = max(md.more_air, air), up
                md.reset()
        other = _search(mods, style, importance, pins, budget).solve(
            0, 0, style.columns, style.lines, everything
        )
        if other is not None and budget.spent and has_bumps(other, mods):
            # a search past its budget no longer staggers headlines apart: the
            # step again on a larger one, as 撞题 is a rule and not a cost
            other = _search(mods, style, importance, pins, Budget(BUMP_BUDGET)).solve(
                0, 0, style.columns, style.lines, everything
            )
        if other is None or _short_lines(other, style) > style.columns:
            continue
        if best is None or rank(other) < rank(best):
            best, best_step = other, (air, up)
        if level_full(other.placed, mods, style) and not airy(other):
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


def _whole(sol: Solution) -> bool:
    """Every module of the arrangement prints whole (nothing cut)."""
    return all(p.fit_body >= p.option.body for p in sol.placed)


def _short_lines(sol: Solution, style: Style) -> int:
    """Column-lines of the type area no module covers."""
    return (
        style.columns * style.lines
        - sum(covered(p) + style.gap_lines * head_span(p.option) for p in sol.placed)
        + style.gap_lines * style.columns
    )


def _hole_article(page: PageSpec) -> Article:
    return Article(
        id=f"page-{page.number}-hole",
        path=Path("."),
        section=page.section,
        priority=10**6,
        kind="story",
        headline="",
        blocks=(),
    )


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
