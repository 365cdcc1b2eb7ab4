"""The page's search and what it is given: the modules' importance, the
editors' pins, the full-page search, and what an arrangement leaves."""

from __future__ import annotations

from ..errors import ContentError
from ..model import Pin
from ..style import Style
from .module import Module, covered, head_span
from .search import Budget, Search, Solution
from .weights import FILL_SLACK, W_RAGGED

FULL_DEMAND = 0.9  # share of the page the copy takes at its least, from which it is not short


def importance_of(mods: list[Module]) -> list[float]:
    return [1.0 / (1 + r) for r in range(len(mods))]


def full_search(
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


def whole(sol: Solution) -> bool:
    """Every module of the arrangement prints whole (nothing cut)."""
    return all(p.fit_body >= p.option.body for p in sol.placed)


def short_lines(sol: Solution, style: Style) -> int:
    """Column-lines of the type area no module covers."""
    return (
        style.columns * style.lines
        - sum(covered(p) + style.gap_lines * head_span(p.option) for p in sol.placed)
        + style.gap_lines * style.columns
    )


def pins_of(mods: list[Module], style: Style) -> dict[int, Pin]:
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


def short_copy(mods: list[Module], style: Style) -> bool:
    """The page's copy at its least takes less than FULL_DEMAND of the page."""
    probe = Search(mods, style, importance_of(mods))
    demand = sum(probe._min_area(i) for i in range(len(mods)))
    return demand < FULL_DEMAND * style.columns * style.lines
