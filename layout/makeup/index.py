"""The 导读 box (`index: true` on a page): the lead of every other page with its
page number, as a module kind placed by the make-up like any other.

It is a boxed block with a tinted title bar (the brief block's frame), one
entry a page: `■第2版 要闻` in the run-in face, then the page's lead headline.
It is one column wide (an entry is read down its column, never flowed across
columns). It is furniture: it is never cut (an index with an entry missing would
mislead), and its text belongs to no article.
"""

from __future__ import annotations

from ..copy import BULLET, BodyItem, Copy
from ..fonts import FontSet
from ..furniture import index_entries
from ..model import Article, Edition, PageSpec
from ..style import Style
from ..typeset import set_paragraph, set_title
from .briefs import BriefBlock
from .flow import level_flow
from .module import Option, Part, Placed

TITLE = "导读"


def index_module(edition: Edition, page: PageSpec, fonts: FontSet, style: Style) -> IndexBox | None:
    """The page's 导读 box, or None when the page has none (or no other page a lead)."""
    if not page.index:
        return None
    entries = index_entries(edition, page)
    if not entries:
        return None
    # ranked right after the page's lead: high on the page (where a reader looks
    # for it), and never among the least important modules an overfull page
    # leaves out
    lead = min((a.priority for a in edition.articles_for(page)), default=1)
    article = Article(
        id=f"page-{page.number}-index",
        path=edition.root / "edition.yaml",
        section=page.section,
        priority=lead,
        kind="brief",
        headline=TITLE,
        blocks=(),
    )
    return IndexBox(_set_entries(article, entries, fonts, style), style, fonts, page)


def _set_entries(
    article: Article, entries: list[tuple[str, str]], fonts: FontSet, style: Style
) -> Copy:
    body_m = fonts.face(*style.body_font).metrics
    head_m = fonts.face(*style.brief_item_font).metrics
    measure = float(style.chars - 1)  # half an em of air inside the box rule each side
    copy = Copy(article, 99, [], style.body_font, measure)
    for n, (where, headline) in enumerate(entries):
        para = set_title(BULLET + where, head_m, measure, style=style.typeset, align="left")
        copy.body.append(BodyItem("subhead", para.lines, len(para.lines), n, style.brief_item_font))
        copy.missing.extend((ch, n) for ch in para.missing)
        text = " ".join(headline.split())
        para = set_paragraph(text, body_m, measure, indent=0.0, style=style.typeset)
        copy.body.extend(BodyItem("line", (ln,), 1, n) for ln in para.lines)
        copy.missing.extend((ch, n) for ch in para.missing)
    return copy


class IndexBox(BriefBlock):
    """The 导读 box: a brief block's frame around the other pages' leads."""

    kind = "index"

    def __init__(self, copy: Copy, style: Style, fonts: FontSet, page: PageSpec):
        super().__init__(copy, style, fonts, page)
        self.title = TITLE

    def sort_key(self) -> tuple:
        return (self.article.priority, 2, 0)  # after the lead, before the next story

    def options(self, span: int) -> list[Option]:
        # one column: an entry read down, never flowed across columns
        return super().options(span) if span == 1 else []

    def flow_placed(self, p: Placed) -> tuple[list[list[BodyItem]], int]:
        """The entries down the column, the box's air (but one line, which may
        stay under the last entry) spread between them at even intervals: a
        reader compares the gaps of a list, and 3 lines over 8 gaps given to
        the first three entries read as two lists."""
        items = self.placed_items(p)
        pad = p.option.pad - 1
        if pad <= 0:
            return level_flow(items, 1, p.fit_body), len(items)
        return level_flow(even_air(items, pad), 1, p.fit_body + pad), len(items)

    def cut_options(self, span: int) -> list[tuple[Option, int, float]]:
        # never cut: every entry or none
        return [(o, o.body, o.cost) for o in self.options(span)]

    def item_article(self, item: BodyItem) -> str:
        return self.id

    def part_of(self, para: int) -> str:
        return self.id

    def parts(self) -> list[Part]:
        return [Part(self.id, "index", None)]


def even_air(items: list[BodyItem], lines: int) -> list[BodyItem]:
    """`lines` blank grid lines between the entries, at even intervals: gap g
    of G takes ⌊(g+1)·lines/G⌋ − ⌊g·lines/G⌋ (every gap alike when lines is a
    multiple of G; else the odd lines fall every G/lines gaps, not first)."""
    gaps = [k for k in range(1, len(items)) if items[k].para != items[k - 1].para]
    if not gaps:
        return items
    n = len(gaps)
    at = {k: (g + 1) * lines // n - g * lines // n for g, k in enumerate(gaps)}
    out: list[BodyItem] = []
    for k, it in enumerate(items):
        out.extend(BodyItem("space", (), 1, it.para) for _ in range(at.get(k, 0)))
        out.append(it)
    return out
