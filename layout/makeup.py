"""Page make-up: articles → modules on the grid → positioned lines and rules.

A page is a grid of `columns` × `lines` (grid lines of one pitch). Every
story, and the page's brief block, is one rectangular module: a span of whole
columns and a depth of whole grid lines, its title block across the span and
its body flowing down the columns, balanced.

Placement is a search over guillotine arrangements (a region is either one
module across its width with the rest below it, or split into a left and a
right region), scored by: overset, fill to the foot (栏底齐), importance
(the lead on top and widest, more important higher and wider), bumping heads
(撞题), module shape and copy-fitting changes. Measurements are made once per
article; the search works on numbers only and is deterministic.

Geometry is in points from the trim's top-left corner, y downwards; glyph x
inside a line is in em of the line's size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from itertools import combinations

from .copy import BULLET, BodyItem, Copy, TitleBlock, TitleSetter, set_brief_block, set_story_body
from .errors import ContentError
from .fonts import FontSet
from .model import Edition, PageSpec, Pin
from .style import HAO, SIZE_STEPS, FontRef, Style
from .typeset import Glyph, set_title

# Scoring weights (lower total is better). Overset dominates everything; a
# short column costs per empty column-line; the rest are preferences.
W_OVERSET = 10_000.0
W_SHORT = 40.0
W_BUMP = 1000.0
W_HIGHER = 3.0  # per grid line a module sits below the top, × its importance
W_WIDER = 40.0  # per column narrower than the page, × importance
W_SHAPE = 30.0
W_PAD = 4.0
W_SIZE = 25.0  # per headline size step below the rank's size
W_TIGHT = 15.0  # subheads set in one grid line instead of the style's two
MIN_REGION_LINES = 8
OVERSET_SLACK = 0.15  # how far over its area a region may be and still be tried
# Up to this many modules below the first, every split into left/right is
# tried; beyond it only priority-ordered prefixes and suffixes (speed).
PARTITION_ALL = 4
FILL_SLACK = 3  # lines per column a region may stay empty in the first pass


@dataclass(frozen=True)
class TextLine:
    """A line of text to draw. `x`, `baseline` in pt; glyph x in em of `size`."""

    font: FontRef
    size: float
    x: float
    baseline: float
    glyphs: tuple[Glyph, ...]
    role: str  # body | subhead | headline | kicker | subtitle | byline | brief-title | header
    article: str = ""
    alt_font: FontRef | None = None
    condense: float = 1.0  # 扁体: drawn at size × condense tall, full width


@dataclass(frozen=True)
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    bleed: bool = False  # touches the trim: extend into the bleed


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    stroke: float  # 0: none
    tint: float = 0.0  # K fill, 0..1


@dataclass(frozen=True)
class Placement:
    """A module on the grid: 0-based column and grid line."""

    article: str
    kind: str  # story | briefs
    col: int
    span: int
    top: int
    depth: int
    overset_chars: int = 0
    short_lines: int = 0  # lines of copy (one column wide) that would fill it to its foot


@dataclass(frozen=True)
class ArticleReport:
    id: str
    kind: str
    module: str  # e.g. "cols 1–6 × lines 1–30"
    col: int
    span: int
    top: int
    depth: int
    chars: int
    overset_chars: int
    short_lines: int
    short_chars: int  # about how many characters would fill the short lines


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # error | warning
    article: str
    message: str


@dataclass
class PageLayout:
    page: PageSpec
    style: Style
    texts: list[TextLine] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    articles: list[ArticleReport] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fill_ratio: float = 0.0
    rules_met: dict[str, bool] = field(default_factory=dict)  # make-up rule → met

    @property
    def overset(self) -> bool:
        return any(a.overset_chars for a in self.articles)


# ---------------------------------------------------------------------------
# flow
# ---------------------------------------------------------------------------


def flow(items: list[BodyItem], span: int, depth: int) -> tuple[list[list[BodyItem]], int]:
    """Items into `span` columns of `depth` grid lines, balanced.

    Returns the columns and the index of the first item that did not fit
    (len(items) when all fit). A subhead never ends a column; column lengths
    differ by at most one line where the items allow it.
    """
    total = sum(it.height for it in items)
    cols: list[list[BodyItem]] = []
    i = 0
    n = len(items)
    for c in range(span):
        remaining = total - sum(it.height for it in items[:i])
        left = span - c
        target = min(depth, math.ceil(remaining / left)) if left else depth
        col: list[BodyItem] = []
        used = 0
        while i < n:
            h = items[i].height
            if used + h > depth:
                break
            if used + h > target and col:
                break
            col.append(items[i])
            used += h
            i += 1
        if c < span - 1:
            i = _keep_together(items, col, i)
        cols.append(col)
    return cols, i


def _line_role(item: BodyItem) -> tuple[bool, bool]:
    """(first, last) of the paragraph for a body line; subheads count as neither."""
    if item.kind != "line":
        return (False, False)
    ln = item.lines[0]
    return (ln.first, ln.last)


def _keep_together(items: list[BodyItem], col: list[BodyItem], i: int) -> int:
    """Move lines from the column's foot to the next column (one-line adjustments).

    A subhead never ends a column; a paragraph's first line is not left alone
    at the foot (orphan) and its last line not alone at the next head (widow),
    when a line or two can be moved without emptying the column (clreq 孤行).
    """
    budget = 2
    while col and i < len(items):
        first, last = _line_role(col[-1])
        nxt_first, nxt_last = _line_role(items[i])
        orphan = first and not last
        widow = nxt_last and not nxt_first
        if col[-1].kind == "subhead":
            pass
        elif (orphan or widow) and budget and len(col) > 3:
            budget -= 1
        else:
            break
        col.pop()
        i -= 1
    return i


class Measurer:
    """Module options of each copy at each span, computed once."""

    def __init__(self, copies: list[Copy], titles: TitleSetter, style: Style):
        self.copies = copies
        self.titles = titles
        self.style = style
        self._depth: dict[tuple[int, int, bool], int] = {}
        self._options: dict[tuple[int, int], list[Option]] = {}
        self._cut: dict[tuple[int, int], list[tuple[Option, int, float]]] = {}
        self._over: dict[tuple[int, int, int, bool], int] = {}

    def body_depth(self, m: int, span: int, tight: bool = False) -> int:
        key = (m, span, tight)
        if key not in self._depth:
            items = self.copies[m].items(tight)
            total = sum(it.height for it in items)
            d = max(1, math.ceil(total / span))
            while flow(items, span, d)[1] < len(items):
                d += 1
            self._depth[key] = d
        return self._depth[key]

    def options(self, m: int, span: int) -> list[Option]:
        key = (m, span)
        if key in self._options:
            return self._options[key]
        st = self.style
        copy = self.copies[m]
        opts: list[Option] = []
        for tight in (False, True) if copy.tight is not None else (False,):
            body = self.body_depth(m, span, tight)
            shape = (W_TIGHT if tight else 0.0) + self.shape_cost(body)
            if copy.is_brief_block:
                head = st.brief_title_lines
                for pad in range(st.max_pad + 1):
                    depth = head + body + 1 + pad
                    opts.append(Option(span, depth, None, head, pad, body, W_PAD * pad + shape))
                continue
            for tb in self.titles.variants(copy.article, copy.rank, span):
                for pad in range(st.max_pad + 1):
                    cost = W_SIZE * tb.cost + W_PAD * pad + shape
                    depth = tb.grid_lines + pad + body
                    opts.append(Option(span, depth, tb, tb.grid_lines, pad, body, cost, tight))
        best: dict[int, Option] = {}
        for o in opts:
            if o.depth not in best or o.cost < best[o.depth].cost:
                best[o.depth] = o
        self._options[key] = sorted(best.values(), key=lambda o: o.depth)
        return self._options[key]

    def shape_cost(self, body: int) -> float:
        """A module's body too shallow or too deep for the style's range."""
        st = self.style
        return W_SHAPE * (max(st.min_lines - body, 0) + max(body - st.max_lines, 0))

    def min_fit(self, m: int, span: int) -> int:
        """Fewest body lines per column a story cut to fit may keep."""
        return min(self.body_depth(m, span), max(self.style.min_lines // 2, 3))

    def overset_lines(self, m: int, span: int, fit: int, tight: bool = False) -> int:
        """Column-lines of body left over when m gets `fit` lines per column."""
        key = (m, span, fit, tight)
        if key not in self._over:
            items = self.copies[m].items(tight)
            _, i = flow(items, span, fit)
            self._over[key] = sum(it.height for it in items[i:])
        return self._over[key]

    def cut_options(self, m: int, span: int) -> list[tuple[Option, int, float]]:
        """(option, body lines kept, cost) for every depth a story may be cut to.

        Used only when the page cannot hold all its text: the story then
        fills whatever depth the search gives it and the rest is overset,
        costed per line so the search still keeps as much as it can.
        """
        key = (m, span)
        if key in self._cut:
            return self._cut[key]
        best: dict[int, tuple[Option, int, float]] = {}
        for opt in self.options(m, span):
            for fit in range(self.min_fit(m, span), opt.body + 1):
                depth = opt.depth - opt.body + fit
                over = self.overset_lines(m, span, fit, opt.tight) if fit < opt.body else 0
                shape = self.shape_cost(fit) - self.shape_cost(opt.body)
                cost = opt.cost + shape + W_OVERSET * over
                if depth not in best or cost < best[depth][2]:
                    best[depth] = (opt, fit, cost)
        self._cut[key] = [best[d] for d in sorted(best)]
        return self._cut[key]


@dataclass(frozen=True)
class Option:
    span: int
    depth: int  # grid lines of the whole module
    title: TitleBlock | None
    head: int  # grid lines of the title block (or title bar)
    pad: int  # extra air lines in the title block
    body: int  # body lines per column
    cost: float
    tight: bool = False  # subheads in one grid line (copy-fitting)


@dataclass(frozen=True)
class _Placed:
    m: int
    col: int  # relative to the region
    top: int  # relative to the region
    option: Option
    fit_body: int  # body lines per column actually available (< option.body: overset)

    @property
    def depth(self) -> int:
        return self.option.depth - (self.option.body - self.fit_body)


@dataclass(frozen=True)
class _Solution:
    cost: float
    placed: tuple[_Placed, ...]
    weight: float  # Σ importance of the modules (for shifting costs)


# ---------------------------------------------------------------------------
# search
# ---------------------------------------------------------------------------


class Search:
    """Best guillotine arrangement of modules in a region (memoised).

    Placements inside a solution are relative to its region; the memo key
    holds the region's absolute corner only when some module is pinned,
    since only pins make the answer depend on where the region is.
    """

    def __init__(
        self,
        meas: Measurer,
        style: Style,
        importance: list[float],
        has_head: list[bool],
        pins: dict[int, Pin] | None = None,
        cut: frozenset[int] = frozenset(),
        fill_slack: int | None = FILL_SLACK,
    ):
        self.cut = cut  # modules that may be cut to fit (overset by choice)
        # Regions whose modules, at their largest, leave more than this many
        # lines per column empty are not explored (None: explore everything,
        # for pages that have too little text to be full anyway).
        self.fill_slack = fill_slack
        self._max_area: dict[tuple[int, int], int] = {}
        self.meas = meas
        self.style = style
        self.imp = importance
        self.has_head = has_head
        self.pins = pins or {}
        self._memo: dict[tuple, _Solution | None] = {}
        self._area: dict[int, int] = {}
        self._choice: dict[tuple[int, int], list[tuple[Option, int, float]]] = {}

    def solve(self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...]) -> _Solution | None:
        where = (c0, top) if self.pins else None
        key = (where, w, h, mods)
        if key in self._memo:
            return self._memo[key]
        best: _Solution | None = None
        for order in self._pinned_first(c0, top, mods):
            for sol in self._candidates(c0, top, w, h, order):
                if best is None or sol.cost < best.cost - 1e-9:
                    best = sol
        self._memo[key] = best
        return best

    def _pinned_first(self, c0: int, top: int, mods: tuple[int, ...]):
        """Orders of the modules to try: priority order, and a module pinned
        to this region's corner first (a pin may put a lesser story where the
        lead would go)."""
        yield mods
        if not self.pins:  # the usual case, on every solve: nothing to reorder
            return
        for i, m in enumerate(mods[1:], 1):
            pin = self.pins.get(m)
            if pin is None or pin.column is None or pin.column - 1 != c0:
                continue
            if pin.top and top != 0:
                continue
            yield (m, *mods[:i], *mods[i + 1 :])

    def _pin_ok(self, m: int, col: int, top: int, span: int) -> bool:
        pin = self.pins.get(m)
        if pin is None:
            return True
        if pin.span is not None and span != pin.span:
            return False
        if pin.column is not None and col != pin.column - 1:
            return False
        return not (pin.top and top != 0)

    def _pinned_inside(self, mods: tuple[int, ...], c0: int, w: int) -> bool:
        """Every pinned module of `mods` could still sit in columns c0..c0+w."""
        for i in mods:
            pin = self.pins.get(i)
            if pin is None:
                continue
            first = pin.column - 1 if pin.column is not None else None
            span = pin.span or 1
            if first is not None and not (c0 <= first and first + span <= c0 + w):
                return False
            if span > w:
                return False
        return True

    def _min_area(self, m: int) -> int:
        """Fewest column-lines module m can take at any span (a lower bound)."""
        if m not in self._area:
            areas = []
            for s in range(1, self.style.columns + 1):
                if self.meas.options(m, s):
                    opt, fit, _ = self._choices(m, s)[0]
                    areas.append((opt.depth - opt.body + fit) * s - (s - 1))
            self._area[m] = min(areas)
        return self._area[m]

    def _largest(self, m: int, w: int) -> int:
        """Most column-lines module m can fill in a region w columns wide."""
        key = (m, w)
        if key not in self._max_area:
            self._max_area[key] = max(
                (c[-1][0].depth * s for s in range(1, w + 1) if (c := self._choices(m, s))),
                default=0,
            )
        return self._max_area[key]

    def _candidates(self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...]):
        st = self.style
        m, rest = mods[0], mods[1:]
        if self.pins and not self._pinned_inside(mods, c0, w):
            return
        # Regions that cannot hold their modules even at their smallest are
        # only worth trying when overset is unavoidable anyway (the slack).
        if rest and sum(self._min_area(i) for i in mods) > w * h * (1 + OVERSET_SLACK):
            return
        # Nor regions their modules cannot fill (a gap line under each counts).
        if self.fill_slack is not None:
            most = sum(self._largest(i, w) for i in mods) + len(rest) * st.gap_lines * w
            if most < w * (h - self.fill_slack):
                return
        weight = sum(self.imp[i] for i in mods)
        width_cost = W_WIDER * self.imp[m] * (st.columns - w) / st.columns
        here = self._pin_ok(m, c0, top, w)
        # A: m across the whole region, the rest below it.
        for opt, fit, opt_cost in self._choices(m, w) if here else ():
            depth = opt.depth - opt.body + fit
            if not rest:
                if depth <= h:
                    short = h - depth
                    cost = opt_cost + width_cost + W_SHORT * short * w
                    yield _Solution(cost, (_Placed(m, 0, 0, opt, fit),), weight)
                continue
            below = h - depth - st.gap_lines
            if below < MIN_REGION_LINES:
                continue
            shift = depth + st.gap_lines
            sub = self.solve(c0, top + shift, w, below, rest)
            if sub is None:
                continue
            placed = (_Placed(m, 0, 0, opt, fit),) + tuple(
                _Placed(p.m, p.col, p.top + shift, p.option, p.fit_body) for p in sub.placed
            )
            cost = opt_cost + width_cost + sub.cost + W_HIGHER * shift * (sub.weight)
            yield _Solution(cost, placed, weight)
        if not rest and not self.cut:
            # (when cutting, only the modules chosen for it may run over)
            # Overset: the smallest option truncated to the region.
            opts = self.meas.options(m, w) if here else []
            if opts and opts[0].depth > h:
                opt = opts[0]
                fit = h - (opt.depth - opt.body)
                if fit >= 1:
                    over = self.meas.overset_lines(m, w, fit, opt.tight)
                    cost = W_OVERSET * over + width_cost
                    yield _Solution(cost, (_Placed(m, 0, 0, opt, fit),), weight)
            return
        # B: split into a left region (m on top) and a right region.
        for left_w in range(1, w):
            right_w = w - left_w
            for left_extra in self._partitions(rest):
                others = tuple(i for i in rest if i not in left_extra)
                if not others:
                    continue
                left = (m, *left_extra)
                a = self.solve(c0, top, left_w, h, left)
                if a is None:
                    continue
                for right in self._heads(others):
                    b = self.solve(c0 + left_w, top, right_w, h, right)
                    if b is None:
                        continue
                    bump = W_BUMP if (self.has_head[m] and self.has_head[right[0]]) else 0.0
                    placed = a.placed + tuple(
                        _Placed(p.m, p.col + left_w, p.top, p.option, p.fit_body) for p in b.placed
                    )
                    yield _Solution(a.cost + b.cost + bump, placed, weight)

    def _heads(self, mods: tuple[int, ...]):
        """Orders of a region's modules: which one sits on top (the rest by priority).

        Besides the most important, a module without a headline (the brief
        box) may head a region: that is how bumping heads are avoided.
        """
        yield mods
        for i, m in enumerate(mods[1:], 1):
            if not self.has_head[m] or i == 1:
                yield (m, *mods[:i], *mods[i + 1 :])

    def _partitions(self, rest: tuple[int, ...]):
        """Which of `rest` go below m in the left region (priority order kept)."""
        if len(rest) <= PARTITION_ALL:
            for k in range(len(rest)):
                yield from combinations(rest, k)
        else:
            for k in range(len(rest)):
                yield rest[:k]
                if k:
                    yield rest[-k:]

    def _choices(self, m: int, span: int) -> list[tuple[Option, int, float]]:
        """(option, body lines kept, cost) of m at `span`, smallest depth first."""
        key = (m, span)
        hit = self._choice.get(key)
        if hit is None:
            if m in self.cut:
                hit = self.meas.cut_options(m, span)
            else:
                hit = [(o, o.body, o.cost) for o in self.meas.options(m, span)]
            self._choice[key] = hit
        return hit


# ---------------------------------------------------------------------------
# the page
# ---------------------------------------------------------------------------


def make_page(edition: Edition, page: PageSpec, fonts: FontSet, style: Style) -> PageLayout:
    articles = edition.articles_for(page)
    stories = [a for a in articles if a.kind == "story"]
    briefs = tuple(a for a in articles if a.kind == "brief")
    titles = TitleSetter(fonts, style)
    copies = [set_story_body(a, rank, fonts, style) for rank, a in enumerate(stories)]
    if briefs:
        copies.append(set_brief_block(briefs, fonts, style))
    # Modules in priority order; the brief block takes its best brief's priority.
    order = sorted(
        range(len(copies)),
        key=lambda i: (
            copies[i].article.priority,
            copies[i].is_brief_block,
            copies[i].article.order,
        ),
    )
    copies = [copies[i] for i in order]
    for rank, c in enumerate(copies):
        if not c.is_brief_block:
            c.rank = min(rank, c.rank)
    layout = PageLayout(page, style)
    if not copies:
        _draw_header(layout, edition, fonts)
        msg = f"no article has section '{page.section}': the page is empty"
        layout.diagnostics.append(Diagnostic("warning", f"page {page.number}", msg))
        layout.rules_met = {"full": False}
        return layout
    meas = Measurer(copies, titles, style)
    importance = [1.0 / (1 + r) for r in range(len(copies))]
    has_head = [not c.is_brief_block for c in copies]
    pins = _pins(copies, style)
    everything = tuple(range(len(copies)))
    sol = None
    for slack in (FILL_SLACK, None):  # a full page first; short only if it must be
        search = Search(meas, style, importance, has_head, pins, fill_slack=slack)
        sol = search.solve(0, 0, style.columns, style.lines, everything)
        if sol is not None:
            break
    if sol is None or _overset_lines(meas, sol):
        cut = _cut_to_fit(meas, style, importance, has_head, pins)
        if cut is not None and (sol is None or cut.cost < sol.cost):
            sol = cut
    if sol is None and pins:
        names = ", ".join(copies[i].id for i in sorted(pins))
        a = copies[min(pins)].article
        raise ContentError(
            a.path,
            f"the pinned place of {names} leaves no arrangement of page {page.number}",
            field="place",
            hint="loosen a pin (drop column or top), or pin fewer articles",
        )
    if sol is None:  # not even a few lines of each article fit
        sol = _drop_to_fit(meas, style, importance, has_head)
    sol = _sizes_follow_rank(sol, meas)
    _draw_header(layout, edition, fonts)
    for p in sol.placed:
        _draw_module(layout, copies[p.m], p, fonts, style)
    _report(layout, copies, sol, style)
    return layout


def _pins(copies: list[Copy], style: Style) -> dict[int, Pin]:
    """Editors' pins by module index; a pin that cannot fit the grid is an error."""
    pins: dict[int, Pin] = {}
    for i, c in enumerate(copies):
        pin = None if c.is_brief_block else c.article.pin
        if pin is None:
            continue
        span = pin.span or 1
        first = (pin.column or 1) - 1
        if span > style.columns or first + span > style.columns:
            raise ContentError(
                c.article.path,
                f"column {first + 1} span {span} runs past the page's {style.columns} columns",
                field="place",
            )
        pins[i] = pin
    return pins


def _sizes_follow_rank(sol: _Solution, meas: Measurer) -> _Solution:
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
        tb = p.option.title
        if tb is None:
            continue
        if tb.headline_size > ceiling:
            room = p.option.head + p.option.pad
            article = meas.copies[p.m].article
            for step, size in enumerate(s for s in SIZE_STEPS if s <= ceiling):
                smaller = meas.titles.block(article, p.option.span, size, step)
                if smaller is not None and smaller.grid_lines <= room:
                    o = p.option
                    opt = replace(
                        o, title=smaller, head=smaller.grid_lines, pad=room - smaller.grid_lines
                    )
                    placed[k] = _Placed(p.m, p.col, p.top, opt, p.fit_body)
                    tb = smaller
                    break
        ceiling = min(ceiling, tb.headline_size)
    return _Solution(sol.cost, tuple(placed), sol.weight)


def _overset_lines(meas: Measurer, sol: _Solution) -> int:
    return sum(
        meas.overset_lines(p.m, p.option.span, p.fit_body, p.option.tight)
        for p in sol.placed
        if p.fit_body < p.option.body
    )


def _cut_to_fit(
    meas: Measurer,
    style: Style,
    importance: list[float],
    has_head: list[bool],
    pins: dict[int, Pin],
) -> _Solution | None:
    """The page when its text cannot all fit: cut the longest stories first.

    An editor cuts the story that is longest for its place, so that is the one
    whose module the search may end wherever the page needs it; the next
    longest joins only when cutting the first still leaves too much.
    """
    n = len(meas.copies)
    capacity = style.columns * style.lines
    longest = sorted(range(n), key=lambda i: (-meas.body_depth(i, 1), i))
    cut: set[int] = set()
    for m in longest:
        cut.add(m)
        search = Search(meas, style, importance, has_head, pins, frozenset(cut))
        if sum(search._min_area(i) for i in range(n)) > capacity:
            continue
        sol = search.solve(0, 0, style.columns, style.lines, tuple(range(n)))
        if sol is not None:
            return sol
    return None


def _drop_to_fit(
    meas: Measurer, style: Style, importance: list[float], has_head: list[bool]
) -> _Solution:
    """Leave out the least important modules until the rest fit, cut to size.

    Only for pages with far more articles than room: what is left out is
    reported as wholly overset, never silently dropped.
    """
    n = len(meas.copies)
    everything = frozenset(range(n))
    for keep in range(n - 1, 0, -1):
        search = Search(meas, style, importance, has_head, None, everything)
        sol = search.solve(0, 0, style.columns, style.lines, tuple(range(keep)))
        if sol is not None:
            return sol
    return _Solution(0.0, (), 0.0)


def _body_baseline(style: Style, line: int, size: float) -> float:
    """Baseline of grid line `line` (0-based) for text `size` tall: em box centred."""
    top = style.area_top + line * style.pitch
    return top + (style.pitch - size) / 2 + 0.88 * size


def _draw_module(layout: PageLayout, copy: Copy, p: _Placed, fonts: FontSet, style: Style) -> None:
    opt = p.option
    x0 = style.column_x(p.col)
    width = style.span_width(opt.span)
    pad_top = opt.pad // 2
    if copy.is_brief_block:
        _draw_brief_frame(layout, copy, p, fonts, style, x0, width)
        inset = style.body_size / 2
        pad_top = 0
    else:
        inset = 0.0
        _draw_title(layout, copy, opt.title, p, style, x0, pad_top)
    body_top = p.top + opt.head + opt.pad
    if copy.is_brief_block:
        body_top = p.top + opt.head
    cols, _ = flow(copy.items(opt.tight), opt.span, p.fit_body)
    for j, col in enumerate(cols):
        cx = style.column_x(p.col + j) + inset
        g = body_top
        for it in col:
            if it.kind == "line":
                ln = it.lines[0]
                layout.texts.append(
                    TextLine(
                        copy.body_font,
                        style.body_size,
                        cx,
                        _body_baseline(style, g, style.body_size * style.condense),
                        ln.glyphs,
                        "body",
                        copy.id if not copy.is_brief_block else copy.briefs[it.para].id,
                        condense=style.condense,
                    )
                )
            else:
                font = it.alt_font or style.subhead_font
                size = style.subhead_size
                n = len(it.lines)
                first = g + (it.height - n) / 2 if not it.alt_font else g
                for k, ln in enumerate(it.lines):
                    base = _body_baseline(style, 0, size) + (first + k) * style.pitch
                    art = copy.briefs[it.para].id if copy.is_brief_block else copy.id
                    # set_title has centred subhead lines in the column already
                    layout.texts.append(TextLine(font, size, cx, base, ln.glyphs, "subhead", art))
            g += it.height
    # a hairline under a module that does not reach the foot
    bottom = p.top + opt.head + opt.pad + p.fit_body
    if copy.is_brief_block:
        bottom = p.top + p.depth
    if bottom + style.gap_lines <= style.lines - 1 and style.gap_lines:
        y = style.area_top + (bottom + style.gap_lines / 2) * style.pitch
        layout.rules.append(Rule(x0, y, x0 + width, y, 0.5))


def _draw_title(
    layout: PageLayout,
    copy: Copy,
    tb: TitleBlock | None,
    p: _Placed,
    style: Style,
    x0: float,
    pad_top: int,
) -> None:
    if tb is None:
        return
    top = style.area_top + (p.top + pad_top) * style.pitch
    inset = style.body_size / 2
    # centre the block's ink in its grid lines
    used = max((tl.y + 0.3 * tl.size for tl in tb.lines), default=0.0)
    offset = (tb.grid_lines * style.pitch - used) / 2
    for tl in tb.lines:
        layout.texts.append(
            TextLine(
                tl.font, tl.size, x0 + inset, top + offset + tl.y, tl.line.glyphs, tl.role, copy.id
            )
        )


def _draw_brief_frame(
    layout: PageLayout,
    copy: Copy,
    p: _Placed,
    fonts: FontSet,
    style: Style,
    x0: float,
    width: float,
) -> None:
    top = style.area_top + p.top * style.pitch
    h = p.depth * style.pitch
    # the box sits inside the module's grid lines; half a line of air at the foot
    layout.boxes.append(Box(x0, top, width, h - style.pitch / 2, style.brief_rule))
    bar_h = p.option.head * style.pitch - style.pitch / 2
    layout.boxes.append(Box(x0, top, width, bar_h, 0.0, style.brief_tint))
    size = style.brief_title_size
    # title letter-spaced, centred in the bar
    text = "\u3000".join(layout.page.briefs_title)
    para = set_title(
        text, fonts.face(*style.brief_title_font).metrics, width / size, style=style.typeset
    )
    base = top + (bar_h - size) / 2 + 0.88 * size
    for ln in para.lines[:1]:
        layout.texts.append(
            TextLine(style.brief_title_font, size, x0, base, ln.glyphs, "brief-title", copy.id)
        )


WEEKDAYS = "一二三四五六日"


def _draw_header(layout: PageLayout, edition: Edition, fonts: FontSet) -> None:
    style = layout.style
    page = layout.page
    x0 = style.area_left
    x1 = style.area_left + style.area_w
    rule_y = style.area_top - style.pitch * 0.75
    layout.rules.append(Rule(x0, rule_y, x1, rule_y, style.header_rule))
    info = style.header_info_size
    d = edition.date
    date = f"{d.year}年{d.month}月{d.day}日 星期{WEEKDAYS[d.weekday()]}"
    big = style.header_paper_size
    base = rule_y - 0.35 * style.body_size - 0.12 * big
    # left: page number and page name, large; right: paper, date, editor
    left = f"第{page.number}版 {page.name}"
    m_big = fonts.face(*style.header_paper_font).metrics
    m_info = fonts.face(*style.header_info_font).metrics
    para = set_title(left, m_big, 60, style=style.typeset, align="left")
    layout.texts.append(
        TextLine(style.header_paper_font, big, x0, base, para.lines[0].glyphs, "header")
    )
    right_parts = [edition.paper, date]
    if edition.issue:
        right_parts.append(f"第{edition.issue}期")
    if page.editor:
        right_parts.append(f"责任编辑：{page.editor}")
    right = "\u3000".join(right_parts)
    para = set_title(right, m_info, 200, style=style.typeset, align="left")
    ln = para.lines[0]
    layout.texts.append(
        TextLine(style.header_info_font, info, x1 - ln.natural * info, base, ln.glyphs, "header")
    )


def _report(layout: PageLayout, copies: list[Copy], sol: _Solution, style: Style) -> None:
    used = 0
    feet = [0] * style.columns  # per page column: grid lines down to its last text
    heights: dict[int, list[int]] = {}  # per module: lines in each of its columns
    for p in sol.placed:
        copy = copies[p.m]
        opt = p.option
        cols, i = flow(copy.items(opt.tight), opt.span, p.fit_body)
        left_items = copy.items(opt.tight)[i:]
        over_chars = _chars(left_items)
        col_lines = [sum(it.height for it in c) for c in cols] + [0] * (opt.span - len(cols))
        heights[p.m] = col_lines
        body_top = p.top + opt.head + (0 if copy.is_brief_block else opt.pad)
        for j, n in enumerate(col_lines):
            feet[p.col + j] = max(feet[p.col + j], body_top + n + (1 if copy.is_brief_block else 0))
        # short: lines of copy (one column wide) that would fill the module's
        # columns to its foot and the blank grid lines under it
        short = sum(max(p.fit_body - n, 0) for n in col_lines)
        short += _free_below(p, sol.placed, style) * opt.span
        used += sum(col_lines) + opt.span * opt.head
        layout.placements.append(
            Placement(
                copy.id,
                "briefs" if copy.is_brief_block else "story",
                p.col,
                opt.span,
                p.top,
                p.depth,
                over_chars,
                short,
            )
        )
        ids = [b.id for b in copy.briefs] if copy.is_brief_block else [copy.id]
        for aid in ids:
            if copy.is_brief_block:
                n = ids.index(aid)
                chars = _chars(copy.body, n)
                over = _chars(left_items, n)
            else:
                chars, over = _chars(copy.body), over_chars
            # the block's short lines are the last brief's to fill
            mod_short = short if (not copy.is_brief_block or aid == ids[-1]) else 0
            layout.articles.append(
                ArticleReport(
                    aid,
                    "brief" if copy.is_brief_block else "story",
                    f"cols {p.col + 1}–{p.col + opt.span} × lines {p.top + 1}–{p.top + p.depth}",
                    p.col + 1,
                    opt.span,
                    p.top + 1,
                    p.depth,
                    chars,
                    over,
                    0 if over else mod_short,
                    0 if over else mod_short * style.chars,
                )
            )
        for ch, para in copy.missing:
            aid = copy.briefs[para].id if copy.is_brief_block else copy.id
            layout.diagnostics.append(
                Diagnostic(
                    "error", aid, f"character '{ch}' (U+{ord(ch):04X}) is missing from the font"
                )
            )
        for prob in copy.problems:
            layout.diagnostics.append(Diagnostic("warning", copy.id, prob))
    placed = {p.m for p in sol.placed}
    for m, copy in enumerate(copies):
        if m in placed:
            continue
        # no room even for a cut module: reported whole, never dropped silently
        parts = (
            [(b.id, n) for n, b in enumerate(copy.briefs)]
            if copy.is_brief_block
            else [(copy.id, None)]
        )
        for aid, n in parts:
            chars = _chars(copy.body, n)
            layout.articles.append(
                ArticleReport(
                    aid,
                    "brief" if n is not None else "story",
                    "not placed",
                    0,
                    0,
                    0,
                    0,
                    chars,
                    chars,
                    0,
                    0,
                )
            )
        layout.diagnostics.append(
            Diagnostic(
                "warning", copy.id, "no room on the page: not placed, its whole text is overset"
            )
        )
    layout.fill_ratio = used / (style.columns * style.lines)
    _rules(layout, copies, sol, style, feet, heights)


def _rules(
    layout: PageLayout,
    copies: list[Copy],
    sol: _Solution,
    style: Style,
    feet: list[int],
    heights: dict[int, list[int]],
) -> None:
    """Which of the make-up rules the page meets; a warning for each it does not."""
    warn = layout.diagnostics.append
    page = f"page {layout.page.number}"
    ok: dict[str, bool] = {}

    ok["no_overset"] = not layout.overset
    # 栏底齐: every column ends on the last grid line, within one
    short_cols = [(c + 1, style.lines - f) for c, f in enumerate(feet) if style.lines - f > 1]
    ok["full"] = not short_cols
    if short_cols:
        cols = ", ".join(f"column {c} {n} lines" for c, n in short_cols)
        warn(Diagnostic("warning", page, f"columns end short of the foot (栏底不齐): {cols}"))

    ok["modules_level"] = True
    ok["shapes_in_range"] = True
    for p in sol.placed:
        copy = copies[p.m]
        col_lines = heights[p.m]
        if p.option.span > 1:
            spread = max(col_lines) - min(col_lines)
            if spread > 1:
                ok["modules_level"] = False
                msg = f"its columns end {spread} lines apart (keep rules for subheads, lines)"
                warn(Diagnostic("warning", copy.id, msg))
        if not copy.is_brief_block and not (style.min_lines <= p.fit_body <= style.max_lines):
            ok["shapes_in_range"] = False
            msg = (
                f"{p.fit_body} lines per column, outside the style's "
                f"{style.min_lines}–{style.max_lines} for a module"
            )
            warn(Diagnostic("warning", copy.id, msg))

    stories = [p for p in sol.placed if not copies[p.m].is_brief_block]
    lead = min(stories, key=lambda p: p.m, default=None)
    ok["lead_on_top_widest"] = lead is None or (
        lead.top == 0 and all(q.option.span <= lead.option.span for q in stories)
    )
    if not ok["lead_on_top_widest"] and lead is not None:
        msg = "the lead is not on top and widest (a pin or the page's copy put it elsewhere)"
        warn(Diagnostic("warning", copies[lead.m].id, msg))

    bumps = _bumping(layout.placements, copies)
    ok["no_bumping_heads"] = not bumps
    for a, b in bumps:
        msg = f"bumping heads (撞题) with {b}: every arrangement without it fits worse"
        warn(Diagnostic("warning", a, msg))

    # copy-fitting that changed a headline from its rank's size (information)
    sizes = [(p.m, p.option.title.headline_size) for p in stories if p.option.title]
    ok["sizes_follow_rank"] = all(
        a[1] >= b[1] for a, b in zip(sorted(sizes), sorted(sizes)[1:], strict=False)
    )
    for p in stories:
        copy, tb = copies[p.m], p.option.title
        nominal = style.headline_sizes[min(copy.rank, len(style.headline_sizes) - 1)]
        if tb is not None and tb.headline_size < nominal:
            msg = f"copy-fit: headline at {_hao(tb.headline_size)} (rank's size {_hao(nominal)})"
            layout.diagnostics.append(Diagnostic("info", copy.id, msg))
        if p.option.tight:
            msg = "copy-fit: subheads in one grid line each"
            layout.diagnostics.append(Diagnostic("info", copy.id, msg))
    layout.rules_met = ok


def _hao(size: float) -> str:
    """A size as the trade names it (二号), with its points."""
    names = {v: k for k, v in reversed(HAO.items())}
    return f"{names[size]} {size:g} pt" if size in names else f"{size:g} pt"


def _chars(items: list[BodyItem], para: int | None = None) -> int:
    """Characters of body lines and subheads (of one brief: `para`), bullets aside."""
    return sum(
        sum(1 for g in ln.glyphs if g.ch != BULLET)
        for it in items
        if para is None or it.para == para
        for ln in it.lines
    )


def _free_below(p: _Placed, placed: tuple[_Placed, ...], style: Style) -> int:
    """Blank grid lines between a module's foot and what is under it."""
    bottom = p.top + p.depth
    below = [
        q.top - style.gap_lines
        for q in placed
        if q.top >= bottom and q.col < p.col + p.option.span and p.col < q.col + q.option.span
    ]
    return max(0, min(below, default=style.lines) - bottom)


def _bumping(placements: list[Placement], copies: list[Copy]) -> list[tuple[str, str]]:
    heads = {c.id for c in copies if not c.is_brief_block}
    out = []
    for i, a in enumerate(placements):
        for b in placements[i + 1 :]:
            if a.article in heads and b.article in heads and a.top == b.top:
                if a.col + a.span == b.col or b.col + b.span == a.col:
                    out.append((a.article, b.article))
    return out
