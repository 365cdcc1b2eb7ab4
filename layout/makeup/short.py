"""Short pages (issue 10, point 3): the steps that reshape a page's modules
to fill it, after its headlines and air (page.py) and before its hole:
stories in fewer, deeper columns (reported from the arrangement) and the
brief block in two."""

from __future__ import annotations

from collections.abc import Callable

from ..copy import set_brief_block
from ..model import PageSpec
from ..style import Style
from .briefs import BriefBlock
from .hole import Hole, most_hole_lines
from .module import Module, Placed, air_at_least, restore_air
from .search import Search, Solution
from .story import Story
from .weights import W_HOLE_DEEP


def split_briefs(mods: list[Module], style: Style, page: PageSpec) -> list[Module] | None:
    """The page's modules with its brief block as two, the first half of its
    briefs and the rest (a short page's step 4), or None when it has no brief
    block of two briefs or more."""
    blocks = [md for md in mods if type(md) is BriefBlock]
    if len(blocks) != 1 or len(blocks[0].copy.briefs) < 2:
        return None
    block = blocks[0]
    briefs = block.copy.briefs
    k = (len(briefs) + 1) // 2
    halves = [
        BriefBlock(set_brief_block(part, block.fonts, style), style, block.fonts, page)
        for part in (briefs[:k], briefs[k:])
    ]
    out = [md for md in mods if md is not block] + halves
    out.sort(key=lambda md: md.sort_key())
    return out


def reshaped(mods: list[Module], placed: tuple[Placed, ...]) -> list[str]:
    """Short-page step 3: stories set in fewer, deeper columns than the widest
    their shape allows (id: columns of at most)."""
    out = []
    for p in sorted(placed, key=lambda p: p.m):
        md = mods[p.m]
        if not isinstance(md, Story) or p.option.over:
            continue
        widest = max((s for s in range(1, md.style.columns + 1) if md.options(s)), default=0)
        if p.option.span < widest:
            out.append(f"{md.id} {p.option.span} of {widest}")
    return [f"stories in fewer, deeper columns: {', '.join(out)}"] if out else []


def apart(mods: list[Module], placed: tuple[Placed, ...], style: Style) -> bool:
    """The page's brief blocks do not touch: two title bars of the same name
    stacked one on the other, or side by side, read as one block cut in two;
    so do two in the same columns with less than a module's least body
    column between them (a headline alone between them: one block cut by it)."""
    blocks = [p for p in placed if type(mods[p.m]) is BriefBlock]
    for i, a in enumerate(blocks):
        for b in blocks[i + 1 :]:
            cols = a.col < b.col + b.option.span and b.col < a.col + a.option.span
            lines = a.top < b.top + b.depth and b.top < a.top + a.depth
            gap = style.gap_lines + style.min_lines
            stacked = cols and (a.top + a.depth + gap > b.top and b.top + b.depth + gap > a.top)
            beside = lines and (a.col + a.option.span == b.col or b.col + b.option.span == a.col)
            if stacked or beside:
                return False
    return True


# Air lines beyond the style's a title block may take, a step at a time, on a
# short page whose page with a hole still leaves columns short of the foot or
# the hole (short-page step 1 taken further before a white gap is left).
MORE_HOLE_AIR = (4, 5, 6)


def more_hole_air(
    mods: list[Module],
    search: Callable[[], Solution | None],
    level: Callable[[Solution], bool],
) -> tuple[Solution, int] | None:
    """The page with a hole searched again with its title blocks' air stretched
    a step at a time (MORE_HOLE_AIR): the first arrangement that is `level`
    and the air it took, or None (the modules' air as it was)."""
    titled = [md for md in mods if isinstance(md, (Story, BriefBlock))]
    state = [(md, md.more_air) for md in titled]
    for air in MORE_HOLE_AIR:
        air_at_least(titled, air)
        sol = search()
        if sol is not None and level(sol):
            return sol, air
    restore_air(state)
    return None


class FootHoleSearch(Search):
    """The search of a short page with a declared hole: the hole never heads
    a region (a module without a headline may, against 撞题), so that it
    stands at the foot of its region, after the copy (hole.py), where a
    filler or an ad goes, not at the head of the page beside the lead.

    The guillotine's cuts put a region's first module on top and the rest
    below, so a hole comes out as the foot of a right-hand column region;
    the page is also tried with every module above and the hole across the
    whole width at its foot (a strip where a house ad or a filler goes)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hole = next((i for i, md in enumerate(self.mods) if isinstance(md, Hole)), None)

    def _heads(self, mods: tuple[int, ...]):
        for order in super()._heads(mods):
            if order is mods or not isinstance(self.mods[order[0]], Hole):
                yield order

    def _candidates(
        self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...], bound: list[float]
    ):
        alone = mods == (self.hole,)
        # a hole stands at the page foot, under copy: one that reaches above
        # the lower half (most_hole_lines), and again one from the page's first
        # line (a region as deep as the page), costs W_HOLE_DEEP a column, as
        # dear as a column ending short: taken only where nothing else is
        # level. Per hole, not per line: it still reaches its region's foot.
        # (Not in the search that lets columns end short, ragged_cost 0: there
        # it would trade a taller hole for white under modules.)
        st = self.style
        dear = 0.0
        if alone and self.ragged_cost:
            dear = W_HOLE_DEEP * w * ((h > most_hole_lines(st)) + (h >= st.lines))
        for sol in super()._candidates(c0, top, w, h, mods, bound):
            if not alone or sol.placed[0].depth == h:  # a hole reaches its region's foot
                yield Solution(sol.cost + dear, sol.placed, sol.weight) if dear else sol
        whole = (c0, top, w, h) == (0, 0, st.columns, st.lines)
        if whole and self.hole in mods and len(mods) > 1 and not self.hurried:
            yield from self._foot_strip(w, h, mods, bound)

    def _foot_strip(self, w: int, h: int, mods: tuple[int, ...], bound: list[float]):
        """The page's modules above, the hole across the page at its foot,
        at each depth in the lower half the rest can stand above."""
        st = self.style
        rest = tuple(i for i in mods if i != self.hole)
        least = -(-self._areas(rest) // w)  # lines the rest needs across the page at least
        most = self._figures(rest, w)[1]  # column-lines the rest can fill at the most
        weight = self._figures(mods, w)[2]
        for opt in self.mods[self.hole].options(w):
            d = opt.depth
            if d > most_hole_lines(st):
                break
            above = h - d - st.gap_lines
            if above < least:
                break
            if most < w * above:  # the rest cannot fill above the strip: white under copy
                continue
            if opt.cost + self._lower(rest, w) >= bound[0]:
                continue
            sub = self._solve(0, 0, w, above, rest)
            if sub is None or sub.cost + opt.cost >= bound[0]:
                continue
            foot = Placed(self.hole, 0, above + st.gap_lines, opt, opt.body)
            yield Solution(sub.cost + opt.cost, (*sub.placed, foot), weight)
