"""Headline over (压题): a story's title block across a region wider than its body.

The guillotine search puts the first modules of a left and a right region at
the same top, so their headlines stand side by side (撞题) unless one of them
has none. A story may instead set its headline across the whole region and run
its body in the region's left columns; the modules beside its body start under
its headline (one gap line lower), so no headline stands beside another. A
hairline under the headline's over-hanging part separates it from them.

In the search the story is two parts: its title block (options from
`Story.heads` at the region's width) and `BodyOf` the story, a headless module
whose options are the story's body alone; `merge` joins them back into one
placement whose option has `over` columns of title block beyond its body.
"""

from __future__ import annotations

from dataclasses import replace

from ..copy import TitleBlock
from .module import Module, Option, Placed
from .story import Story
from .weights import pad_cost


class BodyOf(Module):
    """The body of a story whose title block the search sets over a wider region."""

    has_head = False

    def __init__(self, story: Story):
        super().__init__(story.copy, story.style)
        self.story = story
        self.kind = story.kind
        self.shape_rule = story.shape_rule
        # share the story's measurements (depths, cuts, overset)
        self._depth = story._depth
        self._cuts = story._cuts
        self._over = story._over

    def heads(self, span: int) -> list[tuple[TitleBlock | None, int, float, int]]:
        return [(None, 0, 0.0, 0)]

    def pads(self) -> range:
        return range(1)

    def sort_key(self) -> tuple:
        return self.story.sort_key()


def eligible(md: Module) -> bool:
    """Stories set plainly (no photos, no pin) may have their headline over."""
    return type(md) is Story and md.pin is None


# Columns a headline over may reach beyond its story's body, per body column:
# a headline at most three times as wide as its body (a 5-column headline over
# a 1-column body is not a newspaper shape).
OVER_PER_COLUMN = 2


def most_over(body_span: int) -> int:
    """Most columns a headline may run beyond its story's body `body_span` wide."""
    return body_span * OVER_PER_COLUMN


def head_options(story: Story, width: int, most: int = 99) -> list[tuple[Option, float]]:
    """The story's title blocks at `width` columns, with air: (option, cost), shallow
    first; the `most` cheapest."""
    out: dict[int, tuple[Option, float]] = {}
    for tb, head, cost, _ in story.heads(width):
        for pad in story.pads():
            total = cost + pad_cost(pad)
            d = head + pad
            if d not in out or total < out[d][1]:
                out[d] = (Option(width, d, tb, head, pad, 0, total), total)
    cheapest = sorted(out.values(), key=lambda o: (o[1], o[0].depth))[:most]
    return sorted(cheapest, key=lambda o: o[0].depth)


def merge(head: Option, body: Placed, m: int, col: int, top: int) -> Placed:
    """One placement of story m: its title block `head` at (col, top), its body as
    placed by the search under it."""
    b = body.option
    opt = replace(
        b,
        depth=head.depth + b.depth,
        title=head.title,
        head=head.head,
        pad=head.pad,
        cost=head.cost + b.cost,
        over=head.span - b.span,
    )
    return Placed(m, col, top, opt, body.fit_body)
