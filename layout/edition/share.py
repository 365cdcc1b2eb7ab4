"""A section's pages: which articles each page of a section gets.

A section may span several pages (several page entries with the same
section). Its articles go on its first page by priority while they fit
(their least areas within the page); when the page's make-up still has to
cut a story, its least important article moves on too (a few rounds); the
rest continue on the next page of the section, and so on; the last page
takes whatever is left (cut there, or jumping on, as any page's stories).
Modules the make-up of a page could not place at all are carried on too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article, Edition
from ..style import Style


@dataclass(frozen=True)
class Carried:
    """What a page gets from an earlier one: the start of a continued story."""

    article: str  # id of the story that jumps
    from_page: int  # page number it jumps from
    block: int  # the seam: block index and characters of it printed there
    chars: int
    printed: int  # characters printed on the page it jumps from
    budget: int | None = None  # characters the continuation may carry (None: the rest)


@dataclass(frozen=True)
class PageInput:
    """What the make-up of one page is given by the edition pass."""

    index: int  # into edition.pages
    articles: tuple[str, ...]  # ids of its share of its section, priority order
    carried: tuple[Carried, ...] = ()  # continuations it takes
    marks: tuple[tuple[str, int], ...] = ()  # stories that jump from it → page number
    caps: tuple[tuple[str, int], ...] = ()  # stories cut deeper to jump → body chars kept at most


def chains(edition: Edition) -> list[list[int]]:
    """Page indices by section, in page order: each list is made up in turn
    (a page's share depends on the pages of its section before it)."""
    order: dict[str, list[int]] = {}
    for i, page in enumerate(edition.pages):
        order.setdefault(page.section, []).append(i)
    return sorted(order.values(), key=lambda c: c[0])


def select(modules: list, style: Style, capacity: int) -> list[Article]:
    """The articles of the modules (priority order) a page takes while their
    least areas fit."""
    from ..makeup.jump import min_area

    taken: list[Article] = []
    used = 0
    for md in modules:
        area = min_area(md, style)
        if used + area > capacity:
            break
        taken.extend(md.copy.briefs or (md.article,))
        used += area
    return taken
