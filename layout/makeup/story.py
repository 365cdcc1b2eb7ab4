"""A story: title block across its span, body in balanced columns below it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..copy import Copy, TitleBlock, TitleSetter
from ..model import Pin
from ..style import SIZE_STEPS, Style
from .module import Module, Option, Placed
from .weights import W_SIZE

if TYPE_CHECKING:
    from .paint import Painter


HEAD_FOOT = 0.5  # ems of body type between a title block's last line and what follows


class Story(Module):
    kind = "story"
    has_head = True
    shape_rule = True

    def __init__(self, copy: Copy, style: Style, titles: TitleSetter):
        super().__init__(copy, style)
        self.titles = titles
        self.up = 0  # headline size steps above the rank's a short page may take

    def step_up(self, steps: int) -> None:
        """Let the headline grow up to `steps` sizes (short pages); options anew."""
        self.up = steps
        self.reset()

    @property
    def rank(self) -> int:
        return self.copy.rank

    @rank.setter
    def rank(self, value: int) -> None:
        self.copy.rank = value

    @property
    def pin(self) -> Pin | None:
        return self.article.pin

    def nominal_size(self) -> float:
        st = self.style
        return st.headline_sizes[min(self.rank, len(st.headline_sizes) - 1)]

    def heads(self, span: int) -> list[tuple[TitleBlock | None, int, float, int]]:
        return [
            (tb, tb.grid_lines, W_SIZE * tb.cost, 0)
            for tb in self.titles.variants(self.article, self.rank, span, self.up)
        ]

    def air_above(self, opt: Option) -> int:
        return opt.pad  # draw_frame sets the air above the headline

    def title_at_most(self, opt: Option, ceiling: float) -> Option | None:
        """The option with the headline set no larger than `ceiling`, in the same lines."""
        room = opt.head + opt.pad
        for step, size in enumerate(s for s in SIZE_STEPS if s <= ceiling):
            smaller = self.titles.block(self.article, opt.span + opt.over, size, step)
            if smaller is not None and smaller.grid_lines <= room:
                return replace(
                    opt, title=smaller, head=smaller.grid_lines, pad=room - smaller.grid_lines
                )
        return None

    def draw_frame(self, p: Placed, paint: Painter) -> None:
        tb = p.option.title
        if tb is None:
            return
        st = self.style
        x0 = st.column_x(p.col)
        top = st.area_top + p.top * st.pitch
        inset = st.body_size / 2
        # The block stands on what follows it (its body, or its photos) at the
        # same distance in every module of the page: the air (the grid's
        # rounding and the option's pad) goes above the headline.
        used = max((tl.y + 0.3 * tl.size for tl in tb.lines), default=0.0)
        room = (p.option.pad + tb.grid_lines) * st.pitch
        offset = max(0.0, room - used - HEAD_FOOT * st.body_size)
        for tl in tb.lines:
            paint.text(
                tl.font, tl.size, x0 + inset, top + offset + tl.y, tl.line.glyphs, tl.role, self.id
            )
        if p.option.over and st.gap_lines:
            # headline over: a hairline between its over-hanging part and what is under it
            x1 = st.column_x(p.col + p.option.span)
            x2 = x0 + st.span_width(p.option.span + p.option.over)
            y = st.area_top + (p.top + p.option.head + p.option.pad + st.gap_lines / 2) * st.pitch
            paint.rule(x1, y, x2, y, 0.5)
