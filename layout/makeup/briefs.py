"""The brief block: a framed box with a tinted title bar, the page's briefs run in."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from ..copy import BodyItem, Copy, TitleBlock
from ..fonts import FontSet
from ..model import PageSpec
from ..style import Style
from ..typeset import set_title
from .flow import level_flow
from .module import Module, Option, Part, Placed
from .weights import pad_cost

if TYPE_CHECKING:
    from .paint import Painter


def spread_air(items: list[BodyItem], lines: int) -> list[BodyItem]:
    """`lines` blank grid lines spread evenly over the gaps between briefs."""
    gaps = [k for k in range(1, len(items)) if items[k].para != items[k - 1].para]
    if not gaps:
        return items
    per = [lines // len(gaps) + (1 if g < lines % len(gaps) else 0) for g in range(len(gaps))]
    out: list[BodyItem] = []
    at = dict(zip(gaps, per, strict=True))
    for k, it in enumerate(items):
        out.extend(BodyItem("space", (), 1, it.para) for _ in range(at.get(k, 0)))
        out.append(it)
    return out


AIR_PER_GAP = 2  # blank lines a deepened brief block may set between two briefs
TITLE_LEADING = 1.2  # baseline to baseline of a title that takes more than one line


class BriefBlock(Module):
    kind = "briefs"
    pad_weight = 3.0  # title blocks take a page's air first (its last line stays under the text)
    # on a page whose copy is short (page.py): no air in a block wider than a
    # column, where it stays under the last brief and reads as columns short
    short_page = False

    def __init__(self, copy: Copy, style: Style, fonts: FontSet, page: PageSpec):
        super().__init__(copy, style)
        self.fonts = fonts
        self.title = page.briefs_title

    def sort_key(self) -> tuple:
        # the block takes its best brief's priority, after a story of the same
        return (self.article.priority, 1, self.article.order)

    def heads(self, span: int) -> list[tuple[TitleBlock | None, int, float, int]]:
        # the title bar, deeper when the title needs more lines at this span;
        # one line at the foot for the frame's air
        st = self.style
        n = len(self._title_lines(st.span_width(span)))
        extra = (n - 1) * TITLE_LEADING * st.brief_title_size
        lines = max(st.brief_title_lines, math.ceil(st.brief_title_lines + extra / st.pitch))
        return [(None, lines, 0.0, 1)]

    def _title_lines(self, width: float) -> tuple:
        """The title's lines: letter-spaced when that fits one line, else solid on
        as many lines as it needs (never cut)."""
        st = self.style
        metrics = self.fonts.face(*st.brief_title_font).metrics
        measure = width / st.brief_title_size
        spaced = set_title("\u3000".join(self.title), metrics, measure, style=st.typeset)
        if len(spaced.lines) <= 1:
            return spaced.lines
        return set_title(self.title, metrics, measure, style=st.typeset).lines

    def body_top(self, opt: Option) -> int:
        return opt.head  # the block's air goes between its briefs (see flow_placed)

    def pads(self) -> range:
        # on a short page (more_air set) the block deepens by air between its
        # briefs: up to AIR_PER_GAP lines in each gap, and the line that may
        # stay under the last
        if not self.more_air:
            return super().pads()
        gaps = max(len(self.copy.briefs) - 1, 0)
        return range(max(self.style.max_pad, AIR_PER_GAP * gaps + 1) + 1)

    def _build_options(self, span: int, shaped: bool) -> list[Option]:
        """As a module's; on a short page (the block may deepen, `more_air`)
        with the air costed per gap between briefs (a line in each of two gaps
        is cheaper than two in one) and none in a block of more than one
        column: there it would stay under the last brief (see flow_placed) and
        read as columns ending short, not as a deeper block (such a block
        deepens by taking fewer columns)."""
        gaps = max(len(self.copy.briefs) - 1, 1)
        out = []
        for o in super()._build_options(span, shaped):
            if span > 1 and o.pad and self.short_page:
                continue  # its air would stay under its last brief: columns short
            if not self.more_air:
                out.append(o)
                continue
            if span > 1 and (o.pad or not self.level_at(span, o.tight)):
                continue  # nor a width whose columns end more than a line apart
            spread = o.pad - 1 if span == 1 else 0  # the lines between briefs
            per, rest = divmod(max(spread, 0), gaps)
            air = (gaps - rest) * pad_cost(per) + rest * pad_cost(per + 1) + pad_cost(min(o.pad, 1))
            cost = o.cost - self.pad_weight * pad_cost(o.pad) + self.pad_weight * air
            out.append(replace(o, cost=cost))
        return out

    def flow_placed(self, p: Placed) -> tuple[list[list[BodyItem]], int]:
        """The briefs in their columns, the block's air (its option's pad, in
        whole lines per column) spread evenly between the briefs but one line
        (which may stay under the last), so the text still reaches the foot of
        the frame within a line (the brief block deepens)."""
        items = self.placed_items(p)
        # one line of air may stay under the last brief; a block of more than one
        # column keeps its air there too (blank lines level across its columns
        # read as the end of the text to a reader, and to the auditor)
        pad = p.option.pad - 1 if p.option.span == 1 else 0
        if pad <= 0:
            return level_flow(items, p.option.span, p.fit_body), len(items)
        spaced = spread_air(items, pad * p.option.span)
        return level_flow(spaced, p.option.span, p.fit_body + pad), len(items)

    def body_inset(self) -> float:
        return self.style.body_size / 2

    def item_article(self, item: BodyItem) -> str:
        return self.copy.briefs[item.para].id

    def part_of(self, para: int) -> str:
        return self.copy.briefs[para].id

    def parts(self) -> list[Part]:
        return [Part(b.id, "brief", n) for n, b in enumerate(self.copy.briefs)]

    def draw_frame(self, p: Placed, paint: Painter) -> None:
        st = self.style
        x0, top, width, h = p.frame(st)
        # the box sits inside the module's grid lines; half a line of air at the foot
        paint.box(x0, top, width, h - st.pitch / 2, st.brief_rule)
        bar_h = p.option.head * st.pitch - st.pitch / 2
        paint.box(x0, top, width, bar_h, 0.0, st.brief_tint)
        size = st.brief_title_size
        # the title centred in the bar, every line of it
        lines = self._title_lines(width)
        block = size + (len(lines) - 1) * TITLE_LEADING * size
        base = top + (bar_h - block) / 2 + 0.88 * size
        for ln in lines:
            paint.text(st.brief_title_font, size, x0, base, ln.glyphs, "brief-title", self.id)
            base += TITLE_LEADING * size
