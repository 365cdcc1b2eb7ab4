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

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

from ..copy import BULLET, BodyItem, Copy, TitleBlock
from ..model import Article, Pin
from ..style import Style

# the grid's vocabulary and the sentence cuts, imported from here by the kinds
from .cuts import CLOSERS as CLOSERS
from .cuts import SENTENCE_END as SENTENCE_END
from .cuts import Cuts
from .cuts import cut_at_sentence_end as cut_at_sentence_end
from .flow import level_flow
from .measure import Measure
from .option import Option as Option
from .option import Part as Part
from .option import Placed as Placed
from .option import covered as covered
from .option import head_span as head_span
from .option import title_lines as title_lines
from .result import Diagnostic

if TYPE_CHECKING:
    from .paint import Painter


def body_baseline(style: Style, line: int, size: float) -> float:
    """Baseline of grid line `line` (0-based) for text `size` tall: em box centred."""
    top = style.area_top + line * style.pitch
    return top + (style.pitch - size) / 2 + 0.88 * size


class Module(Measure, Cuts, ABC):
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

    def allow_air(self, air: int) -> int:
        """Let the title block take `air` lines beyond the style's; returns the
        figure it had, for restore_air. The options are measured again only
        when the figure changes."""
        old = self.more_air
        if air != old:
            self.more_air = air
            self.reset()
        return old

    def pads(self) -> range:
        return range(self.style.max_pad + self.more_air + 1)

    def air_above(self, opt: Option) -> int:
        """Grid lines of the option's air drawn above its headline (none here):
        a headline that stands lower than its neighbour's by that air does not
        stand beside it (a staggered start)."""
        return 0

    def flow_placed(self, p: Placed) -> tuple[list[list[BodyItem]], int]:
        """The printed body in the module's columns as placed (and the first item left)."""
        items = self.placed_items(p)
        return level_flow(items, p.option.span, p.fit_body), len(items)

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


def air_at_least(mods: list[Module], air: int) -> list[tuple[Module, int]]:
    """Each module's title block may take at least `air` lines beyond the
    style's; the figures they had, for restore_air."""
    return [(md, md.allow_air(max(md.more_air, air))) for md in mods]


def restore_air(saved: list[tuple[Module, int]]) -> None:
    """The air figures as air_at_least (or allow_air) found them."""
    for md, air in saved:
        md.allow_air(air)
