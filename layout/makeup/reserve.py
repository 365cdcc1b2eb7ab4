"""Furniture first: the regions a page reserves before its articles are placed.

Page 1 of an edition with a masthead reserves a band at the top of its type
area; an ad reserves its whole columns × grid lines (and a gap line towards
the stories) at the foot or the head of its page. What is left is made up as
before, in one or more rectangular areas:

- reservations as wide as the page leave one rectangle, the type area made
  shorter: the make-up runs on a `Style` whose type area is that rectangle
  (`area_style`), so the search, its fill rules and the report all see the
  space left as the page;
- an ad narrower than the page leaves an L: it is split into two rectangles,
  by the vertical cut beside the ad (the columns beside it full height, the
  ad's columns above it) and by the horizontal one (full width above the ad,
  the columns beside it as deep as the ad); the page's modules are shared
  between them (the lead in the larger), each area made up alone, and the
  better page kept.

Placements and the report are then moved back to the page's grid.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import combinations

from ..errors import ContentError
from ..fonts import FontSet
from ..furniture import check_ads
from ..model import Ad, Edition, PageSpec
from ..style import Style
from .ads import ad_problems, draw_ad
from .check import cross_bumps, lead_of, rules_broken
from .header import draw_header
from .masthead import draw_masthead, masthead_lines
from .module import Module
from .paint import Painter
from .result import Diagnostic, PageReport, Placement
from .result import Hole as HoleReport
from .search import Solution

# Candidate ways to share the modules between the areas of a split page that
# are made up in full (the best by estimated fill first).
SPLIT_TRIES = 3


@dataclass(frozen=True)
class Area:
    """A rectangle of the page's grid: 0-based column and line, columns × lines."""

    col: int
    top: int
    span: int
    depth: int

    @property
    def size(self) -> int:
        return self.span * self.depth


@dataclass(frozen=True)
class Reserved:
    """A reserved rectangle, as the report and the proof list it."""

    id: str
    kind: str  # masthead | ad
    area: Area


@dataclass
class Space:
    """The page's grid with its furniture reserved: the rectangles left for the make-up."""

    style: Style  # the whole page
    label: str = ""  # "page 2", as diagnostics name the page
    reserved: list[Reserved] = field(default_factory=list)
    # ways to cut the space left into rectangles; one way of one area when
    # every reservation is as wide as the page
    splits: list[list[Area]] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)  # the ads' files

    @property
    def main(self) -> Area:
        return self.splits[0][0]


def area_style(style: Style, area: Area) -> Style:
    """The style whose type area is `area` of `style`'s grid."""
    return replace(
        style,
        columns=area.span,
        lines=area.depth,
        area_left=style.column_x(area.col),
        area_top=style.area_top + area.top * style.pitch,
    )


def furnish(paint: Painter, edition: Edition, page: PageSpec, fonts: FontSet) -> Space:
    """Draws the page header (or page 1's masthead) and the page's ads; returns
    the space left for the articles."""
    st = paint.style
    space = Space(st, f"page {page.number}")
    top, bottom = 0, st.lines
    if edition.masthead is not None and page is front_page(edition):
        band = masthead_lines(edition, st, fonts)
        draw_masthead(paint, edition, page, fonts, band)
        space.reserved.append(Reserved("masthead", "masthead", Area(0, 0, st.columns, band)))
        top = band + st.gap_lines
    else:
        draw_header(paint, edition, page, fonts)
    ads = edition.ads_on(page)
    yaml = edition.root / "edition.yaml"
    check_ads(ads, yaml, st.columns, st.lines - top - st.min_lines - st.gap_lines)
    narrow: list[tuple[Ad, Area]] = []
    for position in ("top", "bottom"):
        here = [a for a in ads if a.position == position]
        if len(here) > 1:
            raise ContentError(
                yaml,
                f"page {page.number} has {len(here)} ads at its {position}; one ad a position",
                field=f"ads[{here[1].index}].position",
                line=here[1].line,
                hint="put them in one file, or one at the top and one at the bottom",
            )
        for ad in here:
            col = st.columns - ad.columns  # flush right (the outer edge)
            if position == "top":
                area = Area(col, top, ad.columns, ad.lines)
                full_top = top + ad.lines + st.gap_lines
            else:
                area = Area(col, bottom - ad.lines, ad.columns, ad.lines)
                full_top = top
            draw_ad(paint, ad, area, st, fonts)
            space.notes.extend(
                Diagnostic("error", f"ad-{ad.index}", f"ad file {ad.name}: {msg}")
                for msg in ad_problems(ad)
            )
            space.reserved.append(Reserved(f"ad-{ad.index}", "ad", area))
            if ad.columns == st.columns:
                if position == "top":
                    top = full_top
                else:
                    bottom = area.top - st.gap_lines
            else:
                narrow.append((ad, area))
    if len(narrow) > 1:
        ad = narrow[1][0]
        raise ContentError(
            yaml,
            "two ads narrower than the page on one page: one of them must span "
            f"all {st.columns} columns",
            field=f"ads[{ad.index}].columns",
            line=ad.line,
        )
    whole = Area(0, top, st.columns, bottom - top)
    if whole.depth < st.min_lines + st.gap_lines:
        ad = ads[-1]
        raise ContentError(
            yaml,
            f"the ads of page {page.number} leave {max(whole.depth, 0)} lines for its stories",
            field=f"ads[{ad.index}].lines",
            line=ad.line,
            hint=f"the stories need at least {st.min_lines + st.gap_lines} lines",
        )
    if not narrow:
        space.splits = [[whole]]
        return space
    ad, area = narrow[0]
    space.splits = _l_splits(whole, area, ad.position, st.gap_lines)
    return space


def front_page(edition: Edition) -> PageSpec:
    """The page that carries the masthead: page 1, or the edition's first page."""
    return min(edition.pages, key=lambda p: p.number)


def _l_splits(whole: Area, ad: Area, position: str, gap: int) -> list[list[Area]]:
    """The L left by an ad flush right in `whole`, cut into two rectangles both
    ways: the larger area first in each."""
    beside = whole.span - ad.span
    if position == "bottom":
        above = ad.top - gap - whole.top
        vertical = [
            Area(0, whole.top, beside, whole.depth),
            Area(beside, whole.top, ad.span, above),
        ]
        horizontal = [
            Area(0, whole.top, whole.span, above),
            Area(0, ad.top, beside, whole.top + whole.depth - ad.top),
        ]
    else:
        below = ad.top + ad.depth + gap
        rest = whole.top + whole.depth - below
        vertical = [Area(0, whole.top, beside, whole.depth), Area(beside, below, ad.span, rest)]
        horizontal = [
            Area(0, below, whole.span, rest),
            Area(0, whole.top, beside, ad.depth),
        ]
    out = []
    for split in (vertical, horizontal):
        split = sorted(split, key=lambda a: -a.size)
        if all(a.span > 0 and a.depth > 0 for a in split):
            out.append(split)
    return out


# ---------------------------------------------------------------------------
# making up the space left
# ---------------------------------------------------------------------------

Arrange = Callable[[list[Module], Style], tuple[Solution, list[Module], list[str]]]
Finish = Callable[[list[Module], Solution, list[str], Style, PageReport], None]


def make_up(
    space: Space,
    build: Callable[[Style], list[Module]],
    arrange: Arrange,
    finish: Finish,
    report: PageReport,
) -> None:
    """Makes up the space left: `build` the page's modules for an area's style,
    `arrange` them, `finish` (draw, report) the chosen arrangement; the
    area's report is moved onto the page's grid into `report`."""
    st = space.style
    if len(space.splits) == 1 and len(space.splits[0]) == 1:
        area = space.main
        sub = area_style(st, area)
        mods = build(sub)
        sol, mods, notes = arrange(mods, sub)
        _finish_area(area, sub, mods, sol, notes, finish, report)
    else:
        best = None
        for split in space.splits:
            for share in _shares(build(st), split, st):
                tried = []
                for area, ids in zip(split, share, strict=True):
                    sub = area_style(st, area)
                    mods = [md for md in build(sub) if md.id in ids]
                    if not mods:
                        tried = None
                        break
                    lead = lead_of(tried[0][3], tried[0][2].placed) if tried else None
                    for md in mods:  # beside the ad: no story wider or louder than the lead
                        if lead is not None and md.has_head:
                            md.max_span, md.max_size = lead
                    tried.append((area, sub, *arrange(mods, sub)))
                if tried is None:
                    continue
                score = _score(tried)
                if best is None or score < best[0]:
                    best = (score, tried)
        if best is None:  # too few modules to share: the larger area takes them all
            split = space.splits[0]
            sub = area_style(st, split[0])
            best = (None, [(split[0], sub, *arrange(build(sub), sub))])
            for area in split[1:]:
                _empty_area(area, st, report, space.label)
        for k, (area, sub, sol, mods, notes) in enumerate(best[1]):
            if k:  # in the area's own grid, as its notes are (moved onto the page with them)
                here = _where(replace(area, col=0, top=0))
                notes = [f"beside the ad ({here}): {n}" for n in notes]
            _finish_area(area, sub, mods, sol, notes, finish, report, main=k == 0)
            if not sol.placed:  # nothing fits it (every module it got left out): a hole
                _empty_area(area, st, report, space.label)
    _add_reserved(space, report)


def _empty_area(area: Area, st: Style, report: PageReport, page: str) -> None:
    """An area of a split page no module went to: a declared hole."""
    chars = area.size * st.chars
    report.holes.append(HoleReport(area.col, area.span, area.top, area.depth, chars))
    msg = (
        f"hole of {area.span} columns × {area.depth} lines at column {area.col + 1}, "
        f"line {area.top + 1}: 待补 {chars} 字 (add copy or a filler)"
    )
    report.diagnostics.append(Diagnostic("error", page, msg))
    report.rules_met["no_hole"] = False


def _where(a: Area) -> str:
    return f"columns {a.col + 1}–{a.col + a.span}, lines {a.top + 1}–{a.top + a.depth}"


def _shares(mods: list[Module], split: list[Area], st: Style) -> list[tuple[set[str], ...]]:
    """Ways to share the modules between two areas: the lead in the first (the
    larger), the second's modules chosen so their copy is nearest its size."""
    first, second = split
    ids = [md.id for md in mods]
    # the second area takes only modules that fit it (a story whose columns
    # cannot keep the style's least depth under its headline in a shallow area
    # beside an ad would be left out whole there, while copy that fits it, the
    # brief block or the 导读, goes to the other area)
    fit = [md.id for md in mods[1:] if _fits(md, second)]
    rest = fit or ids[1:]
    need = {md.id: _need(md, second.span) for md in mods}
    options = []
    for k in range(1, len(rest) + 1):
        for pick in combinations(rest, k):
            amount = sum(need[i] for i in pick) + st.gap_lines * second.span * (k - 1)
            options.append((abs(amount - second.size), pick))
    options.sort()
    out = []
    for _, pick in options[:SPLIT_TRIES]:
        out.append((set(ids) - set(pick), set(pick)))
    return out


def _fits(md: Module, area: Area) -> bool:
    """Some setting of the module, whole or cut to fit, stands within the area."""
    for span in range(1, area.span + 1):
        if any(o.depth <= area.depth for o in md.options(span)[:1]):
            return True
        if any(o.depth - o.body + fit <= area.depth for o, fit, _ in md.cut_options(span)):
            return True
    return False


def _need(md: Module, most: int) -> int:
    """Column-lines a module takes at the widest span it has up to `most`."""
    for span in range(most, 0, -1):
        opts = md.options(span)
        if opts:
            return opts[0].depth * span
    return md.body_depth(1)


def _score(tried) -> tuple:
    """Fewer of the make-up's rules broken first (the lead's first: on top,
    widest and whole in the first area), then less copy left out (overset, and modules
    no area placed), then less hole, then the searches' cost."""
    broken = [
        rules_broken(mods, sol.placed, sub, main=k == 0)
        for k, (_, sub, sol, mods, _) in enumerate(tried)
    ]
    lead, others = sum(b[0] for b in broken), sum(b[1] for b in broken)
    others += cross_bumps([(a.col, a.top, mods, sol.placed) for a, _, sol, mods, _ in tried])
    over = hole = 0
    for area, _, sol, mods, _ in tried:
        if not any(mods[p.m].kind != "hole" for p in sol.placed):
            # an area that holds no copy is a hole as a whole (the page made
            # up reports it so), whatever its arrangement found room for
            others += not any(mods[p.m].kind == "hole" for p in sol.placed)
            hole += area.size
        placed = {p.m for p in sol.placed}
        for p in sol.placed:
            md = mods[p.m]
            if md.kind == "hole":
                hole += p.option.span * p.depth
            elif p.fit_body < p.option.body:
                over += md.overset_lines(p.option.span, p.fit_body, p.option.tight)
        over += sum(
            sum(it.height for it in md.items())
            for m, md in enumerate(mods)
            if m not in placed and md.kind != "hole"
        )
    return (lead, others, over, hole, sum(sol.cost for _, _, sol, _, _ in tried))


def _finish_area(
    area: Area,
    sub: Style,
    mods: list[Module],
    sol: Solution,
    notes: list[str],
    finish: Finish,
    report: PageReport,
    main: bool = True,
) -> None:
    part = PageReport(report.grid)
    finish(mods, sol, notes, sub, part)
    dc, dt = area.col, area.top
    report.placements.extend(replace(p, col=p.col + dc, top=p.top + dt) for p in part.placements)
    for a in part.articles:
        if a.span:
            a = replace(
                a,
                col=a.col + dc,
                top=a.top + dt,
                module=f"cols {a.col + dc}–{a.col + dc + a.span - 1} × "
                f"lines {a.top + dt}–{a.top + dt + a.depth - 1}",
            )
        report.articles.append(a)
    report.holes.extend(replace(h, col=h.col + dc, top=h.top + dt) for h in part.holes)
    report.diagnostics.extend(
        replace(d, message=shift_text(d.message, dc, dt)) for d in part.diagnostics
    )
    report.steps.extend(shift_text(s, dc, dt) for s in part.steps)
    # the page's fill: the areas' fills weighted by their size
    total = report.grid.columns * report.grid.lines
    report.fill_ratio += part.fill_ratio * area.size / total
    if hasattr(part, "seams"):  # the edition pass's: stories cut, room for continuations
        report.seams.extend(part.seams)
        report.room += part.room
    for rule, ok in part.rules_met.items():
        if not main and rule in ("lead_on_top_widest", "lead_not_cut"):
            continue  # the area beside an ad has no lead of its own
        report.rules_met[rule] = report.rules_met.get(rule, True) and ok


_COLUMN = re.compile(r"\b(column|columns) (\d+)(?:–(\d+))?")
_LINE = re.compile(r"\b(line|lines) (\d+)(?:–(\d+))?")


def shift_text(text: str, dcol: int, dtop: int) -> str:
    """A make-up message about an area in the page's columns and lines."""
    if not dcol and not dtop:
        return text

    def shifted(by: int):
        def sub(m: re.Match[str]) -> str:
            end = f"–{int(m[3]) + by}" if m[3] else ""
            return f"{m[1]} {int(m[2]) + by}{end}"

        return sub

    if dcol:
        text = _COLUMN.sub(shifted(dcol), text)
    if dtop:
        text = _LINE.sub(shifted(dtop), text)
    return text


def _add_reserved(space: Space, report: PageReport) -> None:
    """The masthead and the ads as placements (the proof outlines them, and the
    space they take is no hole); the fill counts them as used."""
    total = report.grid.columns * report.grid.lines
    for r in space.reserved:
        a = r.area
        report.placements.append(Placement(r.id, r.kind, a.col, a.span, a.top, a.depth))
        report.fill_ratio += a.size / total
    report.diagnostics.extend(space.notes)
