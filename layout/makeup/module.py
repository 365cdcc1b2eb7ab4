"""Module kinds: one interface for everything make-up places on the grid.

A module kind measures itself at a span (→ `Option`s: the depths it can
take, with a cost each), is placed by the search (→ `Placed`: its corner
on the grid and the option chosen), draws itself into the display list, and
says what the report should tell about it. `Story` and `BriefBlock` are the
kinds today; photos, ads, masthead, fillers and jump continuations plug in
as further subclasses. A kind that carries a picture takes it as an image
of whole columns × whole grid lines, counted in its option's `head` (above
the body) or `extra` (below it), and draws it with `Painter.image`.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..copy import BULLET, BodyItem, Copy, TitleBlock
from ..model import Article, Pin
from ..style import Style
from .flow import HEIGHT, flow, level_flow
from .result import Diagnostic
from .weights import W_CUT, W_DEEP_CUT, W_OVERSET, W_SHAPE, W_TIGHT, pad_cost

if TYPE_CHECKING:
    from .paint import Painter


@dataclass(frozen=True)
class Option:
    """One way a module can be set at a span."""

    span: int
    depth: int  # grid lines of the whole module
    title: TitleBlock | None
    head: int  # grid lines above the body (title block, title bar, picture)
    pad: int  # extra air lines in the title block
    body: int  # body lines per column
    cost: float
    tight: bool = False  # subheads in one grid line (copy-fitting)
    extra: int = 0  # grid lines below the body inside the module (a frame's foot)
    over: int = 0  # columns right of the body the title block also spans (headline over)
    # grid lines between the title block and the body, in the body's columns
    # only: a headline over whose body is brought down to the foot (settle.py)
    drop: int = 0


def head_span(opt: Option) -> int:
    """Columns the option's title block spans (its body's, or more: headline over)."""
    return opt.span + opt.over


def covered(p: Placed) -> int:
    """Column-lines of the grid a placed module takes (its body columns to its
    foot, and the title block over the columns beside it)."""
    return p.depth * p.option.span + p.option.over * (p.option.head + p.option.pad)


def title_lines(opt: Option) -> int:
    """Grid lines of an option's title block (a photo under the headline is not
    part of it): what stands beside a neighbour's headline (撞题)."""
    return opt.title.grid_lines if opt.title is not None else opt.head


@dataclass(frozen=True)
class Placed:
    """A module placed: grid column and line (relative to its region in the search)."""

    m: int
    col: int
    top: int
    option: Option
    fit_body: int  # body lines per column actually available (< option.body: overset)

    @property
    def depth(self) -> int:
        return self.option.depth - (self.option.body - self.fit_body)

    def moved(self, dcol: int, dtop: int) -> Placed:
        return Placed(self.m, self.col + dcol, self.top + dtop, self.option, self.fit_body)

    def frame(self, st: Style) -> tuple[float, float, float, float]:
        """The module's rectangle on the page (x, y, width, height in pt)."""
        x = st.column_x(self.col)
        return (
            x,
            st.area_top + self.top * st.pitch,
            st.span_width(self.option.span),
            self.depth * st.pitch,
        )


@dataclass(frozen=True)
class Part:
    """What the report lists for a module: one article (a brief block: one per brief)."""

    id: str
    kind: str
    para: int | None  # the brief's index in the block's flow; None: the whole body


SENTENCE_END = set("。！？!?；…")
CLOSERS = set("”’」』）》)]】")


def cut_at_sentence_end(
    items: list[BodyItem], i: int, floor: int, fits: Callable[[list[BodyItem]], bool]
) -> list[BodyItem] | None:
    """The items cut at the last sentence end before item `i` that keeps at least
    `floor` column-lines and `fits`; None when no sentence ends there. A cut that
    would leave one character on its line (a 孤字) is passed over."""
    used = sum(map(HEIGHT, items[:i]))
    while i > 0 and used >= floor:
        it = items[i - 1]
        k = sentence_end(it.lines[0]) if it.kind == "line" else None
        if k is not None and sum(g.ch.isalnum() for g in it.lines[0].glyphs[:k]) > 1:
            out = items[: i - 1] + [cut_line(it, k)]
            if fits(out):
                return out
        used -= it.height
        i -= 1
    return None


def sentence_end(line) -> int | None:
    """Index of the glyph that ends the line's last complete sentence, or None.

    A paragraph's last line ends one wherever it stops; closing quotes and
    brackets after the stop stay with it.
    """
    glyphs = line.glyphs
    if not glyphs:
        return None
    if line.last:
        return len(glyphs) - 1
    for k in range(len(glyphs) - 1, -1, -1):
        if glyphs[k].ch in SENTENCE_END:
            while k + 1 < len(glyphs) and glyphs[k + 1].ch in CLOSERS | SENTENCE_END:
                k += 1
            return k
    return None


def cut_line(item: BodyItem, k: int) -> BodyItem:
    """A body line ending at glyph k: the end of the paragraph as printed."""
    from dataclasses import replace

    ln = item.lines[0]
    if k == len(ln.glyphs) - 1 and ln.last:
        return item
    glyphs = ln.glyphs[: k + 1]
    last = replace(ln, glyphs=glyphs, last=True)
    return BodyItem(item.kind, (last,), item.height, item.para, item.alt_font)


def flow_prefix(items: list[BodyItem], span: int, fit: int) -> list[BodyItem]:
    """The items that fit `span` columns of `fit` lines (a cut anywhere)."""
    return items[: flow(items, span, fit)[1]]


def _level(cols: list[list[BodyItem]], span: int) -> bool:
    heights = [sum(map(HEIGHT, c)) for c in cols] + [0] * (span - len(cols))
    return max(heights) - min(heights) <= 1


def _heights(cols: list[list[BodyItem]]) -> list[int]:
    return [sum(map(HEIGHT, c)) for c in cols]


def _levelled_depth(items: list[BodyItem], span: int, d: int) -> int:
    """The least body depth of `items` in `span` columns, given `d`, the least
    at which the greedy flow holds them: the balanced columns drawn at d
    (`level_flow`) may all end higher (a subhead that opens a column drops its
    space above), and then that is the module's depth, when the columns drawn
    at it still hold every item. Else the module's text would end above its
    foot in every column."""
    n = len(items)
    while d > 1:
        top = max(_heights(level_flow(items, span, d)), default=0)
        if top >= d:
            return d
        cols = level_flow(items, span, top)
        if sum(len(c) for c in cols) != n or max(_heights(cols), default=0) > top:
            return d
        d = top
    return d


def body_baseline(style: Style, line: int, size: float) -> float:
    """Baseline of grid line `line` (0-based) for text `size` tall: em box centred."""
    top = style.area_top + line * style.pitch
    return top + (style.pitch - size) / 2 + 0.88 * size


class Module(ABC):
    """A module kind over a body of copy that flows in balanced columns."""

    kind: str = "module"  # as the report names the placement
    # the 下转第N版 line a story cut for a jump ends with (set by the edition pass)
    jump_mark: BodyItem | None = None
    # a story cut deeper to jump (its copy truncated by the edition pass): its
    # 下转第N版 line, kept as the last body line so its area holds it, and the
    # body characters the truncation dropped (they continue on the later page)
    end_mark: BodyItem | None = None
    dropped: int = 0
    has_head: bool = False  # carries a headline (counts for bumping heads, 撞题)
    shape_rule: bool = False  # its columns must stay within the style's depth range
    fills_frame: bool = False  # takes its whole rectangle, whatever its text (a filler)
    pad_weight: float = 1.0  # how dear a line of air in it is against one in a title block
    # the widest its title block may stand (a story beside an ad, made up after
    # the page's lead: no wider than the lead); None: the page's width
    max_span: int | None = None
    max_size: float | None = None  # and the largest its headline may be set

    def __init__(self, copy: Copy, style: Style):
        self.copy = copy
        self.style = style
        self._depth: dict[tuple[int, bool], int] = {}
        self._options: dict[int, list[Option]] = {}
        self._all: dict[int, list[Option]] = {}
        self._cut: dict[tuple[int, bool], list[tuple[Option, int, float]]] = {}
        self._over: dict[tuple[int, int, bool], int] = {}
        self._shape_ok: bool | None = None
        self._cuts: dict[tuple[int, int, bool], list[BodyItem] | None] = {}
        self._heights: dict[tuple, tuple[Option, tuple[int, ...]]] = {}
        self._level_ok: bool | None = None

    def reset(self) -> None:
        """Forget the measured options (after a change of what the kind may do)."""
        self._options.clear()
        self._all.clear()
        self._cut.clear()
        self._heights.clear()
        self._level_ok = None
        self._shape_ok = None

    # -- identity ---------------------------------------------------------

    @property
    def id(self) -> str:
        return self.copy.id

    @property
    def article(self) -> Article:
        return self.copy.article

    @property
    def pin(self) -> Pin | None:
        return None

    def sort_key(self) -> tuple:
        """Priority order of the page's modules."""
        return (self.article.priority, 0, self.article.order)

    def items(self, tight: bool = False) -> list[BodyItem]:
        items = self.copy.items(tight)
        return items if self.end_mark is None else [*items, self.end_mark]

    # -- measure ----------------------------------------------------------

    @abstractmethod
    def heads(self, span: int) -> list[tuple[TitleBlock | None, int, float, int]]:
        """(title block, grid lines above the body, cost, lines below it) at `span`."""

    more_air = 0  # air lines a title block may take beyond the style's (to avoid 撞题)

    def pads(self) -> range:
        return range(self.style.max_pad + self.more_air + 1)

    def air_above(self, opt: Option) -> int:
        """Grid lines of the option's air drawn above its headline (none here):
        a headline that stands lower than its neighbour's by that air does not
        stand beside it (a staggered start)."""
        return 0

    def options(self, span: int) -> list[Option]:
        """The module's options at `span`, one per depth (the cheapest), shallow first."""
        if span not in self._options:
            opts = self._uncut(span)
            if self._levelled():
                opts = [o for o in opts if self.is_level(o, o.body)]
            self._options[span] = opts
        return self._options[span]

    def _uncut(self, span: int) -> list[Option]:
        """The options at `span` within the shape rule, level or not."""
        if span not in self._all:
            self._all[span] = self._build_options(span, shaped=self._shaped())
        return self._all[span]

    def _levelled(self) -> bool:
        """Whether the module keeps its columns level (within a line) as a
        constraint: unless none of its options at any span does."""
        if self._level_ok is None:
            spans = range(1, self.style.columns + 1)
            self._level_ok = any(self.is_level(o, o.body) for s in spans for o in self._uncut(s))
        return self._level_ok

    def _shaped(self) -> bool:
        """Whether the shape rule holds as a constraint: unless no span keeps it."""
        if self._shape_ok is None:
            spans = range(1, self.style.columns + 1)
            self._shape_ok = any(self._build_options(s, shaped=True) for s in spans)
        return self._shape_ok

    def options_uncut(self, span: int) -> list[Option]:
        """Options a module to be cut may start from: those of its span or, at
        a span where its body is too long for the range, those (it is cut to
        the range)."""
        opts = self._uncut(span)
        if opts or not self.shape_rule:
            return opts
        return [o for o in self._build_options(span, shaped=False) if o.body > self.style.max_lines]

    def _build_options(self, span: int, shaped: bool) -> list[Option]:
        opts: list[Option] = []
        tights = (False, True) if self.copy.tight is not None else (False,)
        level = {t: self.level_at(span, t) for t in tights}
        for tight in tights:
            body = self.body_depth(span, tight)
            if shaped and not self.shape_allowed(span, body, tight):
                continue
            if not level[tight] and any(level.values()):
                continue  # columns two lines apart where the other setting ends them level
            shape = (W_TIGHT if tight else 0.0) + self.shape_cost(body)
            for title, head, cost, extra in self.heads(span):
                for pad in self.pads():
                    depth = head + pad + body + extra
                    # air in whole lines, spread: a second line in one block
                    # costs more than a line in each of two
                    total = cost + self.pad_weight * pad_cost(pad) + shape
                    opts.append(Option(span, depth, title, head, pad, body, total, tight, extra))
        best: dict[int, Option] = {}
        for o in opts:
            if o.depth not in best or o.cost < best[o.depth].cost:
                best[o.depth] = o
        return sorted(best.values(), key=lambda o: o.depth)

    def body_depth(self, span: int, tight: bool = False) -> int:
        key = (span, tight)
        if key not in self._depth:
            items = self.items(tight)
            total = sum(map(HEIGHT, items))
            d = max(1, math.ceil(total / span))
            while flow(items, span, d)[1] < len(items):
                d += 1
            self._depth[key] = _levelled_depth(items, span, d)
        return self._depth[key]

    def level_at(self, span: int, tight: bool) -> bool:
        """The body's balanced columns at its least depth end within a line of each other."""
        if span == 1:
            return True
        items = self.items(tight)
        return _level(level_flow(items, span, self.body_depth(span, tight)), span)

    def shape_allowed(self, span: int, body: int, tight: bool = False) -> bool:
        """The shape rule as a constraint: body columns within the style's range.

        A body too short for the range even in one column may take one column;
        one too long for it even across the page may go across the page (and
        is cut to size there when the page is full). Across the page only
        when one column fewer would be too deep.
        """
        if not self.shape_rule:
            return True
        st = self.style
        if span == st.columns > 1 and self.body_depth(span - 1, tight) <= st.max_lines:
            return False  # full width only when the body needs it (no full-width strips)
        if st.min_lines <= body <= st.max_lines:
            return True
        if span == 1 and body < st.min_lines:
            return True
        return span == st.columns and self.body_depth(st.columns, tight) > st.max_lines

    def shape_cost(self, body: int) -> float:
        """A module's body too shallow or too deep for the style's range."""
        st = self.style
        return W_SHAPE * (max(st.min_lines - body, 0) + max(body - st.max_lines, 0))

    def min_fit(self, span: int) -> int:
        """Fewest body lines per column a module cut to fit may keep."""
        return min(self.body_depth(span), max(self.style.min_lines, 3))

    def overset_lines(self, span: int, fit: int, tight: bool = False) -> int:
        """Column-lines of body left over with `fit` lines per column (cut at a
        sentence end: a depth with no sentence end near its foot counts all)."""
        key = (span, fit, tight)
        if key not in self._over:
            items = self.items(tight)
            kept = self.cut_items(span, fit, tight)
            total = sum(map(HEIGHT, items))
            self._over[key] = total - sum(map(HEIGHT, kept)) if kept else total
        return self._over[key]

    def cut_items(self, span: int, fit: int, tight: bool = False) -> list[BodyItem] | None:
        """The body cut to `fit` lines per column at the end of a sentence.

        The kept text ends at a sentence's end (or a paragraph's) within the
        last `span` lines of the room, so the balanced columns stay within a
        line of the foot; None when no sentence ends there.
        """
        key = (span, fit, tight)
        if key in self._cuts:
            return self._cuts[key]
        items = self.items(tight)
        _, i = flow(items, span, fit)
        out: list[BodyItem] | None = None
        if i >= len(items):
            out = items
        else:
            floor = span * (fit - 1) + 1  # fewest column-lines kept
            out = cut_at_sentence_end(items, i, floor, lambda o: flow(o, span, fit)[1] == len(o))
        self._cuts[key] = out
        return out

    def cut_point(self, p: Placed) -> tuple[int, int] | None:
        """Where a cut module's printed text stops: (block index, characters of
        that block printed), or None when it prints whole. The seam for a
        jump: a continuation on another page starts there."""
        if p.fit_body >= p.option.body and not self.dropped:
            return None  # prints whole (a story cut deeper to jump stops where it was cut)
        kept = [it for it in self.placed_items(p) if it.para >= 0]  # not the 下转 mark
        if not kept:
            return (0, 0)
        last = kept[-1].para
        printed = sum(
            len(ln.glyphs)
            for it in kept
            if it.para == last and it.kind == "line"
            for ln in it.lines
        )
        return (last, printed)

    def placed_items(self, p: Placed) -> list[BodyItem]:
        """The body items a placed module prints (cut when it is short of room;
        cut for a jump, ending with its `jump_mark` line)."""
        opt = p.option
        if p.fit_body >= opt.body:
            return self.items(opt.tight)
        if self.jump_mark is not None:
            from .jump import cut_with_mark

            return cut_with_mark(self, p)
        cut = self.cut_items(opt.span, p.fit_body, opt.tight)
        if cut is not None:
            return cut
        return flow_prefix(self.items(opt.tight), opt.span, p.fit_body)

    def column_heights(self, opt: Option, fit: int) -> tuple[int, ...]:
        """Grid lines of text (and pictures) in each of the module's columns,
        set with `fit` body lines per column: its columns as drawn and
        reported (memoised by what they depend on)."""
        # air in the body (a brief block's) shapes its columns; a kind's own
        # option (photos) by identity, kept alive with the answer
        pad = opt.pad if self.body_top(opt) < opt.head + opt.pad else -1
        own = None if type(opt) is Option else id(opt)
        key = (opt.span, opt.tight, fit, pad, own)
        hit = self._heights.get(key)
        if hit is None:
            cols, _ = self.flow_placed(Placed(-1, 0, 0, opt, fit))
            hs = _heights(cols) + [0] * (opt.span - len(cols))
            hit = self._heights[key] = (opt, tuple(hs))
        return hit[1]

    def foot_lags(self, opt: Option, fit: int) -> tuple[int, ...]:
        """Grid lines each of the module's columns ends above its foot, set
        with `fit` body lines per column (as the report measures a column's
        foot: to its last line of text, and the frame's foot below it). A
        module without text (a hole) or one that takes its frame ends there."""
        if self.fills_frame or not self.copy.body:
            return (0,) * opt.span
        foot = opt.depth - (opt.body - fit) - self.body_top(opt) - opt.extra
        return tuple(foot - h for h in self.column_heights(opt, fit))

    def is_level(self, opt: Option, fit: int) -> bool:
        """The module's columns, set with `fit` lines, end within a line of each other."""
        if opt.span < 2 or self.fills_frame or not self.copy.body:
            return True
        hs = self.column_heights(opt, fit)
        return max(hs) - min(hs) <= 1

    def fits(self, p: Placed) -> Callable[[list[BodyItem]], bool]:
        """Whether a run of body items fits the placed module's columns."""
        return lambda o: flow(o, p.option.span, p.fit_body)[1] == len(o)

    def flow_placed(self, p: Placed) -> tuple[list[list[BodyItem]], int]:
        """The printed body in the module's columns as placed (and the first item left)."""
        items = self.placed_items(p)
        return level_flow(items, p.option.span, p.fit_body), len(items)

    def cut_options(self, span: int, ranged: bool = False) -> list[tuple[Option, int, float]]:
        """(option, body lines kept, cost) for every depth the module may be cut to.

        Used only when the page cannot hold all its text: the module then
        fills whatever depth the search gives it and the rest is overset,
        costed per line so the search still keeps as much as it can.
        `ranged`: printed whole, it keeps the shape range (a story other
        than the lead in the search; the lead and the fit of an area beside
        an ad, reserve.py, may print whole from an option outside it).
        """
        key = (span, ranged)
        if key in self._cut:
            return self._cut[key]
        best: dict[int, tuple[Option, int, float]] = {}
        level = self._levelled()
        shaped = {id(o) for o in self._uncut(span)} if ranged else None
        for opt in self.options_uncut(span):
            # an option outside the shape range only to be cut into it: a
            # story that prints whole keeps the range (shapes_in_range)
            outside = shaped is not None and id(opt) not in shaped
            # a cut story takes the depth it is given to reach the foot: the
            # range's most is for the shape of a story that prints whole (beyond
            # it, a line costs more than the overset it saves: W_DEEP_CUT)
            for fit in range(self.min_fit(span), opt.body + 1):
                if fit < opt.body and self.cut_items(span, fit, opt.tight) is None:
                    continue  # no sentence ends near this depth's foot
                if outside and fit == opt.body:
                    continue
                if level and not self.is_level(opt, fit):
                    continue  # its columns would end more than a line apart
                depth = opt.depth - opt.body + fit
                over = self.overset_lines(span, fit, opt.tight) if fit < opt.body else 0
                shape = self.shape_cost(fit) - self.shape_cost(opt.body)
                if fit < opt.body and self.shape_rule:
                    shape += W_DEEP_CUT * max(fit - self.style.max_lines, 0) * span
                cost = opt.cost + shape + W_OVERSET * over + (W_CUT if fit < opt.body else 0.0)
                if depth not in best or cost < best[depth][2]:
                    best[depth] = (opt, fit, cost)
        self._cut[key] = [best[d] for d in sorted(best)]
        return self._cut[key]

    # -- place ------------------------------------------------------------

    def body_top(self, opt: Option) -> int:
        """Grid lines from the module's top to its body."""
        return opt.head + opt.pad + opt.drop

    def body_inset(self) -> float:
        """Points between a column's left edge and the body text."""
        return 0.0

    def text_foot(self, p: Placed) -> int:
        """Grid lines from the module's top to the end of its columns' area."""
        return p.depth

    # -- draw -------------------------------------------------------------

    def draw(self, p: Placed, paint: Painter) -> None:
        self.draw_frame(p, paint)
        self.draw_body(p, paint)
        self.draw_foot_rule(p, paint)

    def draw_frame(self, p: Placed, paint: Painter) -> None:
        """Title block, frame, pictures: everything but the body flow (none here)."""
        return None

    def item_article(self, item: BodyItem) -> str:
        return self.id

    def draw_body(self, p: Placed, paint: Painter) -> None:
        st = self.style
        opt = p.option
        body_top = p.top + self.body_top(opt)
        cols, _ = self.flow_placed(p)
        for j, col in enumerate(cols):
            cx = st.column_x(p.col + j) + self.body_inset()
            g = body_top
            for it in col:
                art = self.item_article(it)
                if it.kind == "line":
                    base = body_baseline(st, g, st.body_size * st.condense)
                    glyphs = it.lines[0].glyphs
                    paint.text(
                        self.copy.body_font,
                        st.body_size,
                        cx,
                        base,
                        glyphs,
                        "body",
                        art,
                        condense=st.condense,
                    )
                else:
                    font = it.alt_font or st.subhead_font
                    size = st.subhead_size
                    n = len(it.lines)
                    first = g + (it.height - n) / 2 if not it.alt_font else g
                    for k, ln in enumerate(it.lines):
                        base = body_baseline(st, 0, size) + (first + k) * st.pitch
                        # set_title has centred subhead lines in the column already
                        paint.text(font, size, cx, base, ln.glyphs, "subhead", art)
                g += it.height

    def draw_foot_rule(self, p: Placed, paint: Painter) -> None:
        """A hairline under a module that does not reach the foot."""
        st = self.style
        bottom = p.top + self.text_foot(p)
        if bottom + st.gap_lines <= st.lines - 1 and st.gap_lines:
            x0 = st.column_x(p.col)
            y = st.area_top + (bottom + st.gap_lines / 2) * st.pitch
            paint.rule(x0, y, x0 + st.span_width(p.option.span), y, 0.5)

    # -- report -----------------------------------------------------------

    def notes(self, p: Placed) -> list[Diagnostic]:
        """What the report should say about the module as placed (a photo's ppi, …)."""
        return []

    def parts(self) -> list[Part]:
        return [Part(self.id, "story", None)]

    def chars(self, items: list[BodyItem], para: int | None = None) -> int:
        """Characters of body lines and subheads (of one part: `para`), bullets aside."""
        return sum(
            sum(1 for g in ln.glyphs if g.ch != BULLET)
            for it in items
            if (para is None and it.para >= 0) or it.para == para
            for ln in it.lines
        )

    def part_of(self, para: int) -> str:
        """The article a paragraph of the flow belongs to."""
        return self.id
