"""A declared hole: the space a short page's copy cannot fill, as one rectangle.

It takes whole columns × whole grid lines wherever the search puts it (at
the foot of a region, after the copy), costs per column-line a little less
than leaving lines blank under modules, so a short page gets one hole rather
than gaps scattered under its modules. On the proof it is a framed box
saying how many characters would fill it (待补 N 字); the report lists it
and the page is not ready for print.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..copy import Copy, TitleBlock
from ..model import Article
from ..style import Style
from .module import Module, Option, Part, Placed
from .weights import W_HOLE, W_UNFILLED

if TYPE_CHECKING:
    from .paint import Painter

MIN_HOLE_LINES = 3

# whether one of the edition's fillers fits a hole of span × depth (None: no fillers)
HoleFits = Callable[[int, int], bool] | None


def most_hole_lines(style: Style) -> int:
    """The deepest a hole should be: it stands at the page foot, in the lower
    half of the type area (a hole down most of a column reads as a white
    column, not as the space a filler or an ad takes)."""
    return max(MIN_HOLE_LINES, style.lines // 2)


class Hole(Module):
    kind = "hole"

    def __init__(self, style: Style, article: Article, fits: HoleFits = None):
        super().__init__(Copy(article, 999, [], style.body_font, float(style.chars)), style)
        # whether one of the edition's fillers fits a hole span × depth (filler.py)
        self.fits = fits

    def sort_key(self) -> tuple:
        return (float("inf"), 2, 0)

    def heads(self, span: int) -> list[tuple[TitleBlock | None, int, float, int]]:
        return []

    def options(self, span: int) -> list[Option]:
        if span not in self._options:
            self._options[span] = [
                Option(span, d, None, 0, 0, d, self._cost(span, d))
                for d in range(MIN_HOLE_LINES, self.style.lines + 1)
            ]
        return self._options[span]

    def _cost(self, span: int, depth: int) -> float:
        """W_HOLE per column-line, and where the edition has fillers,
        W_UNFILLED more for a hole none of them fits: a page a filler makes
        ready for print is preferred to one with a smaller hole left to fill.
        (Where a short page's hole stands: short.FootHoleSearch.)"""
        cost = W_HOLE * span * depth
        if self.fits is not None and not self.fits(span, depth):
            cost += W_UNFILLED
        return cost

    def body_depth(self, span: int, tight: bool = False) -> int:
        return MIN_HOLE_LINES

    def cut_options(self, span: int) -> list[tuple[Option, int, float]]:
        return [(o, o.body, o.cost) for o in self.options(span)]

    def parts(self) -> list[Part]:
        return []

    def fill_chars(self, p: Placed) -> int:
        """About how many characters of body copy would fill the hole."""
        return p.option.span * p.depth * self.style.chars

    def draw(self, p: Placed, paint: Painter) -> None:
        st = self.style
        x0, top, w, h = p.frame(st)
        paint.box(x0, top, w, h, 0.5)
        size = st.subhead_size * 1.5
        text = f"待补 {self.fill_chars(p)} 字"
        paint.centred(st.subhead_font, size, x0 + w / 2, top + h / 2 + 0.35 * size, text, "hole")
