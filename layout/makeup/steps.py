"""The make-up's steps, as `check -v` and report.json list them: what the make-up
did to fit the page's copy, in the fixed order of issue 10."""

from __future__ import annotations

from .briefs import BriefBlock
from .hole import Hole
from .module import Module, Placed
from .photo import photo_steps
from .story import Story

# The make-up's steps in their fixed order (issue 10): a short page's
# headlines, air, photos, columns, brief block, then its hole; a long page's
# headlines and air, then the one story cut, then what is left out.
STEP_ORDER = (
    "short page: headlines stepped up",
    "headlines stepped down",
    "title-block air",
    "photos",
    "stories in fewer, deeper columns",
    "subheads set tight",
    "brief block",
    "cut at a sentence end",
    "overfull page",
    "short page",
    "hole:",
    "filler:",
)


def in_order(steps: list[str]) -> list[str]:
    """The steps sorted into the fixed order (others, such as the search budget, last)."""

    def rank(step: str) -> int:
        return next((k for k, p in enumerate(STEP_ORDER) if step.startswith(p)), len(STEP_ORDER))

    return sorted(steps, key=rank)


def steps_taken(mods: list[Module], placed: tuple[Placed, ...]) -> list[str]:
    """The make-up steps the chosen arrangement took, in the fixed order."""
    steps: list[str] = []

    def size(p: Placed) -> float:
        md, tb = mods[p.m], p.option.title
        return tb.headline_size - md.nominal_size() if tb and isinstance(md, Story) else 0.0

    up = [mods[p.m].id for p in placed if size(p) > 0]
    if up:
        steps.append(f"short page: headlines stepped up a size: {', '.join(up)}")
    down = [mods[p.m].id for p in placed if size(p) < 0]
    if down:
        steps.append(f"headlines stepped down: {', '.join(down)}")
    air = sum(p.option.pad for p in placed if isinstance(mods[p.m], Story))
    if air:
        steps.append(f"title-block air: {air} grid line(s) added")
    steps.extend(photo_steps(mods, placed))
    tight = [mods[p.m].id for p in placed if p.option.tight]
    if tight:
        steps.append(f"subheads set tight: {', '.join(tight)}")
    blocks = sum(type(mods[p.m]) is BriefBlock for p in placed)
    for p in placed:
        if isinstance(mods[p.m], BriefBlock) and p.option.pad:
            steps.append(
                f"brief block deepened: {p.option.pad} grid line(s) of air in its frame"
                + (f" ({mods[p.m].id})" if blocks > 1 else "")
            )
    for p in placed:
        at = mods[p.m].cut_point(p)
        if at is not None:  # the seam a jump to another page will continue from
            steps.append(
                f"cut at a sentence end: {mods[p.m].id} "
                f"(block {at[0] + 1}, after {at[1]} characters)"
            )
    for p in placed:
        md = mods[p.m]
        if isinstance(md, Hole):
            steps.append(
                f"hole: {p.option.span} columns × {p.depth} lines "
                f"at column {p.col + 1}, line {p.top + 1}"
            )
    return steps
