"""What the search places: one way a module can be set at a span (`Option`)
and where it stands on the grid (`Placed`), with the measures the make-up
takes of them; and what the report lists for a module (`Part`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..copy import TitleBlock
from ..style import Style


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
