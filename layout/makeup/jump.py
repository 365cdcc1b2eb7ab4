"""Jumps (转版): a story cut on its page and continued on a later page.

At the break the story ends with a line `（下转第N版）`, set like the body and
flush right (`mark_item`, `cut_with_mark`: the cut at a sentence end leaves
room for it). Where it resumes it is a module of its own kind,
`Continuation`: a continuation head (续题: the headline, shortened when it is
long, in the subhead face) with `（上接第M版）` under it, flush right, and
the rest of the story's body in balanced columns. `remainder` is the article
the continuation sets: the text after the seam (`Seam`: block and characters
printed), the seam's paragraph resumed where it stopped.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from ..copy import BodyItem, Copy, TitleBlock, TitleLine
from ..fonts import FontSet
from ..model import Article, Block
from ..style import Style
from ..typeset import set_paragraph, set_title
from .module import CLOSERS, SENTENCE_END, Module, Option, Part, Placed, cut_at_sentence_end
from .result import Seam

if TYPE_CHECKING:
    from .paint import Painter

MARK_PARA = -1  # a jump mark's paragraph index: not the story's text
HEAD_SCALE = 4 / 3  # the continuation head's size over the subhead size
CONTINUATION_PRIORITY = 10**5  # after every story of the target page


def jump_to_text(page: int) -> str:
    return f"（下转第{page}版）"


def jump_from_text(page: int) -> str:
    return f"（上接第{page}版）"


def mark_item(text: str, fonts: FontSet, style: Style) -> BodyItem:
    """A body line holding only `text`, flush right, in the body face."""
    metrics = fonts.face(*style.body_font).metrics
    para = set_paragraph(
        text, metrics, float(style.chars), indent=0.0, style=style.typeset, align="right"
    )
    return BodyItem("line", (para.lines[0],), 1, MARK_PARA)


def cut_with_mark(md: Module, p: Placed) -> list[BodyItem]:
    """The module's body cut at a sentence end so that its jump mark fits after
    it in the placed columns; the mark is the last item."""
    mark = md.jump_mark
    assert mark is not None
    items = [it for it in md.items(p.option.tight) if it.para != MARK_PARA]
    fits = md.fits(p)
    lo, hi = 0, len(items)  # the longest prefix that fits with the mark
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits([*items[:mid], mark]):
            lo = mid
        else:
            hi = mid - 1
    kept = (
        cut_at_sentence_end(items, lo, 1, lambda o: fits([*o, mark])) if lo < len(items) else None
    )
    if kept is None:
        kept = items[:lo]
    return [*kept, mark]


def remainder(article: Article, block: int, printed: int, budget: int | None = None) -> Article:
    """The article after its seam: block `block` from after its first `printed`
    characters (spaces aside: the typesetter sets none), then the blocks after
    it; with `budget`, only as many characters as that, cut at a sentence end."""
    blocks = article.blocks
    text = blocks[block].text
    k = seen = 0
    while k < len(text) and seen < printed:
        if not text[k].isspace():
            seen += 1
        k += 1
    rest = text[k:].strip()
    tail = list(blocks[block + 1 :])
    if rest:
        tail.insert(0, Block(blocks[block].kind, rest, blocks[block].line))
    if budget is not None:
        tail = _within(tail, budget)
    return Article(
        id=article.id,
        path=article.path,
        section=article.section,
        priority=CONTINUATION_PRIORITY,
        kind="story",
        headline=article.headline,
        blocks=tuple(tail),
        order=article.order,
        jump=False,  # a story jumps at most once
    )


def capped(article: Article, cap: int) -> tuple[Article, int]:
    """The article cut at a sentence end to at most `cap` body characters (a
    story cut deeper so that a third of it jumps), and the characters dropped.
    Its blocks keep their indices, so a seam on it is a seam on the article."""
    blocks = _within(list(article.blocks), cap)
    cut = replace(article, blocks=tuple(blocks))
    return cut, article.text_chars - cut.text_chars


def _within(blocks: list[Block], budget: int) -> list[Block]:
    """The blocks cut to at most `budget` characters at a sentence end."""
    out: list[Block] = []
    left = budget
    for b in blocks:
        n = len("".join(b.text.split()))
        if n <= left:
            out.append(b)
            left -= n
            continue
        if b.kind == "para":
            seen, end = 0, 0
            for k, ch in enumerate(b.text):
                if not ch.isspace():
                    seen += 1
                if seen > left:
                    break
                if ch in SENTENCE_END:
                    end = k + 1
                    while end < len(b.text) and b.text[end] in CLOSERS:
                        end += 1
            if end:
                out.append(Block(b.kind, b.text[:end], b.line))
        break
    while out and out[-1].kind == "subhead":
        out.pop()  # never end on a subhead
    return out


def short_head(headline: str, fits) -> str:
    """The continuation head: the headline when it fits one line, else its
    longest phrase (the author's spaces) that does, else its first phrase cut
    to fit."""
    whole = headline.strip()
    if fits(whole):
        return whole
    phrases = [w for w in whole.split() if w]
    fitting = [w for w in phrases if fits(w)]
    if fitting:
        return max(fitting, key=len)
    first = phrases[0] if phrases else whole
    while len(first) > 2 and not fits(first + "…"):
        first = first[:-1]
    return first + "…"


class Continuation(Module):
    """The rest of a story on a later page: 续题 and 上接第M版, then its body."""

    kind = "continuation"
    has_head = True
    # any depth: the rest of a story fills the room a later page has, in as many
    # columns as the page's own stories leave (too shallow or deep costs as for
    # any module, `shape_cost`); a full-width strip under them is fine
    shape_rule = False

    def __init__(self, copy: Copy, style: Style, fonts: FontSet, from_page: int, printed: int):
        super().__init__(copy, style)
        self.fonts = fonts
        self.from_page = from_page
        self.printed_before = printed  # characters printed on the page it jumps from
        self._heads: dict[int, TitleBlock] = {}

    def sort_key(self) -> tuple:
        return (CONTINUATION_PRIORITY, 1, self.article.order)

    def parts(self) -> list[Part]:
        return [Part(self.id, "continuation", None)]

    def head_block(self, span: int) -> TitleBlock:
        if span in self._heads:
            return self._heads[span]
        st = self.style
        size = st.subhead_size * HEAD_SCALE
        width_pt = st.span_width(span) - st.body_size
        head_m = self.fonts.face(*st.subhead_font).metrics
        body_m = self.fonts.face(*st.body_font).metrics

        def one_line(text: str) -> bool:
            return len(set_title(text, head_m, width_pt / size, style=st.typeset).lines) == 1

        head = set_title(
            short_head(self.article.headline, one_line), head_m, width_pt / size, style=st.typeset
        )
        mark = set_title(
            jump_from_text(self.from_page),
            body_m,
            width_pt / st.body_size,
            style=st.typeset,
            align="right",
        )
        lines: list[TitleLine] = []
        y = 0.0
        for ln in head.lines:
            gap = 0.2 * size
            lines.append(
                TitleLine(ln, st.subhead_font, size, y + gap / 2 + 0.88 * size, "continued-head")
            )
            y += size + gap
        y += 0.2 * st.body_size
        for ln in mark.lines:
            base = y + 0.1 * st.body_size + 0.88 * st.body_size
            lines.append(TitleLine(ln, st.body_font, st.body_size, base, "jump-mark"))
            y += 1.2 * st.body_size
        y += 0.5 * st.body_size
        grid = max(1, math.ceil(y / st.pitch - 1e-6))
        block = TitleBlock(tuple(lines), grid, size, 0.0)
        self._heads[span] = block
        return block

    def heads(self, span: int):
        tb = self.head_block(span)
        return [(tb, tb.grid_lines, 0.0, 0)]

    def air_above(self, opt: Option) -> int:
        return opt.pad // 2  # draw_frame centres the 续题 in its air

    def draw_frame(self, p: Placed, paint: Painter) -> None:
        tb = p.option.title
        if tb is None:
            return
        st = self.style
        x0 = st.column_x(p.col) + st.body_size / 2
        top = st.area_top + (p.top + p.option.pad // 2) * st.pitch
        used = max((tl.y + 0.3 * tl.size for tl in tb.lines), default=0.0)
        offset = (tb.grid_lines * st.pitch - used) / 2
        for tl in tb.lines:
            paint.text(tl.font, tl.size, x0, top + offset + tl.y, tl.line.glyphs, tl.role, self.id)


def min_area(md: Module, style: Style) -> int:
    """Fewest column-lines the module takes uncut at any span."""
    areas = []
    for s in range(1, style.columns + 1):
        opts = md.options(s)
        if opts:
            areas.append(opts[0].depth * s - (s - 1))
    return min(areas, default=style.columns * style.lines)


def set_marks(
    mods: list[Module], placed: tuple[Placed, ...], marks: dict[str, int], fonts, style: Style
) -> None:
    """Give each cut story that jumps its `（下转第N版）` line (`marks`: id → page)."""
    for p in placed:
        md = mods[p.m]
        to = marks.get(md.id)
        if to is not None and not isinstance(md, Continuation) and p.fit_body < p.option.body:
            md.jump_mark = mark_item(jump_to_text(to), fonts, style)


def seams(mods: list[Module], placed: tuple[Placed, ...], style: Style) -> tuple[list[Seam], int]:
    """The stories cut on the page (where each stops) and the page's room: the
    column-lines left when every module takes its least area."""
    from .story import Story

    out: list[Seam] = []
    stories = [p.m for p in placed if isinstance(mods[p.m], Story)]
    lead = min(stories, default=None)
    for p in placed:
        md = mods[p.m]
        at = md.cut_point(p)
        if at is None or not isinstance(md, Story | Continuation):
            continue
        kept = md.placed_items(p)
        out.append(
            Seam(
                md.id,
                at[0],
                at[1],
                md.chars(kept),
                md.chars(md.copy.body) + md.dropped,
                p.fit_body,
                p.option.span,
                p.m == lead,
            )
        )
    used = sum(min_area(md, style) for md in mods if md.kind != "hole")
    return out, max(0, style.columns * style.lines - used)
