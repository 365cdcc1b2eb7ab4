"""Cuts: a module's body cut to a depth at the end of a sentence (never
mid-sentence), what such a cut leaves over, and the depths a module to be
cut may take (only when the page cannot hold all its text)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..copy import BodyItem
from .flow import HEIGHT, flow
from .option import Option, Placed
from .weights import W_CUT, W_DEEP_CUT, W_OVERSET

SENTENCE_END = set("。！？!?；…")
CLOSERS = set("”’」』）》)]】")


def cut_at_sentence_end(
    items: list[BodyItem], i: int, floor: int, fits: Callable[[list[BodyItem]], bool]
) -> list[BodyItem] | None:
    """The items cut at the last sentence end before item `i` that keeps at least
    `floor` column-lines and `fits`; None when no sentence ends there. A cut that
    would leave one character on its line (a 孤字) is passed over."""
    used = sum(map(HEIGHT, items[:i]))
    while i > 0 and used >= floor:
        it = items[i - 1]
        k = sentence_end(it.lines[0]) if it.kind == "line" else None
        if k is not None and sum(g.ch.isalnum() for g in it.lines[0].glyphs[:k]) > 1:
            out = items[: i - 1] + [cut_line(it, k)]
            if fits(out):
                return out
        used -= it.height
        i -= 1
    return None


def sentence_end(line) -> int | None:
    """Index of the glyph that ends the line's last complete sentence, or None.

    A paragraph's last line ends one wherever it stops; closing quotes and
    brackets after the stop stay with it.
    """
    glyphs = line.glyphs
    if not glyphs:
        return None
    if line.last:
        return len(glyphs) - 1
    for k in range(len(glyphs) - 1, -1, -1):
        if glyphs[k].ch in SENTENCE_END:
            while k + 1 < len(glyphs) and glyphs[k + 1].ch in CLOSERS | SENTENCE_END:
                k += 1
            return k
    return None


def cut_line(item: BodyItem, k: int) -> BodyItem:
    """A body line ending at glyph k: the end of the paragraph as printed."""
    ln = item.lines[0]
    if k == len(ln.glyphs) - 1 and ln.last:
        return item
    glyphs = ln.glyphs[: k + 1]
    last = replace(ln, glyphs=glyphs, last=True)
    return BodyItem(item.kind, (last,), item.height, item.para, item.alt_font)


def flow_prefix(items: list[BodyItem], span: int, fit: int) -> list[BodyItem]:
    """The items that fit `span` columns of `fit` lines (a cut anywhere)."""
    return items[: flow(items, span, fit)[1]]


class Cuts:
    """A module's body cut to fit (mixed into `Module`: uses its items,
    options, shape range and memos)."""

    def min_fit(self, span: int) -> int:
        """Fewest body lines per column a module cut to fit may keep."""
        return min(self.body_depth(span), max(self.style.min_lines, 3))

    def overset_lines(self, span: int, fit: int, tight: bool = False) -> int:
        """Column-lines of body left over with `fit` lines per column (cut at a
        sentence end: a depth with no sentence end near its foot counts all)."""
        key = (span, fit, tight)
        if key not in self._over:
            items = self.items(tight)
            kept = self.cut_items(span, fit, tight)
            total = sum(map(HEIGHT, items))
            self._over[key] = total - sum(map(HEIGHT, kept)) if kept else total
        return self._over[key]

    def cut_items(self, span: int, fit: int, tight: bool = False) -> list[BodyItem] | None:
        """The body cut to `fit` lines per column at the end of a sentence.

        The kept text ends at a sentence's end (or a paragraph's) within the
        last `span` lines of the room, so the balanced columns stay within a
        line of the foot; None when no sentence ends there.
        """
        key = (span, fit, tight)
        if key in self._cuts:
            return self._cuts[key]
        items = self.items(tight)
        _, i = flow(items, span, fit)
        out: list[BodyItem] | None = None
        if i >= len(items):
            out = items
        else:
            floor = span * (fit - 1) + 1  # fewest column-lines kept
            out = cut_at_sentence_end(items, i, floor, lambda o: flow(o, span, fit)[1] == len(o))
        self._cuts[key] = out
        return out

    def cut_point(self, p: Placed) -> tuple[int, int] | None:
        """Where a cut module's printed text stops: (block index, characters of
        that block printed), or None when it prints whole. The seam for a
        jump: a continuation on another page starts there."""
        if p.fit_body >= p.option.body and not self.dropped:
            return None  # prints whole (a story cut deeper to jump stops where it was cut)
        kept = [it for it in self.placed_items(p) if it.para >= 0]  # not the 下转 mark
        if not kept:
            return (0, 0)
        last = kept[-1].para
        printed = sum(
            len(ln.glyphs)
            for it in kept
            if it.para == last and it.kind == "line"
            for ln in it.lines
        )
        return (last, printed)

    def placed_items(self, p: Placed) -> list[BodyItem]:
        """The body items a placed module prints (cut when it is short of room;
        cut for a jump, ending with its `jump_mark` line)."""
        opt = p.option
        if p.fit_body >= opt.body:
            return self.items(opt.tight)
        if self.jump_mark is not None:
            from .jump import cut_with_mark

            return cut_with_mark(self, p)
        cut = self.cut_items(opt.span, p.fit_body, opt.tight)
        if cut is not None:
            return cut
        return flow_prefix(self.items(opt.tight), opt.span, p.fit_body)

    def fits(self, p: Placed) -> Callable[[list[BodyItem]], bool]:
        """Whether a run of body items fits the placed module's columns."""
        return lambda o: flow(o, p.option.span, p.fit_body)[1] == len(o)

    def cut_options(self, span: int, ranged: bool = False) -> list[tuple[Option, int, float]]:
        """(option, body lines kept, cost) for every depth the module may be cut to.

        Used only when the page cannot hold all its text: the module then
        fills whatever depth the search gives it and the rest is overset,
        costed per line so the search still keeps as much as it can.
        `ranged`: printed whole, it keeps the shape range (a story other
        than the lead in the search; the lead and the fit of an area beside
        an ad, reserve.py, may print whole from an option outside it).
        """
        key = (span, ranged)
        if key in self._cut:
            return self._cut[key]
        best: dict[int, tuple[Option, int, float]] = {}
        level = self._levelled()
        shaped = {id(o) for o in self._uncut(span)} if ranged else None
        for opt in self.options_uncut(span):
            # an option outside the shape range only to be cut into it: a
            # story that prints whole keeps the range (shapes_in_range)
            outside = shaped is not None and id(opt) not in shaped
            # a cut story takes the depth it is given to reach the foot: the
            # range's most is for the shape of a story that prints whole (beyond
            # it, a line costs more than the overset it saves: W_DEEP_CUT)
            for fit in range(self.min_fit(span), opt.body + 1):
                if fit < opt.body and self.cut_items(span, fit, opt.tight) is None:
                    continue  # no sentence ends near this depth's foot
                if outside and fit == opt.body:
                    continue
                if level and not self.is_level(opt, fit):
                    continue  # its columns would end more than a line apart
                depth = opt.depth - opt.body + fit
                over = self.overset_lines(span, fit, opt.tight) if fit < opt.body else 0
                shape = self.shape_cost(fit) - self.shape_cost(opt.body)
                if fit < opt.body and self.shape_rule:
                    shape += W_DEEP_CUT * max(fit - self.style.max_lines, 0) * span
                cost = opt.cost + shape + W_OVERSET * over + (W_CUT if fit < opt.body else 0.0)
                if depth not in best or cost < best[depth][2]:
                    best[depth] = (opt, fit, cost)
        self._cut[key] = [best[d] for d in sorted(best)]
        return self._cut[key]
