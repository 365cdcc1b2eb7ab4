"""The placement search: the best guillotine arrangement of a page's modules.

A region is either one module across its width with the rest below it, or
split into a left and a right region. Arrangements are scored by overset,
fill to the foot (栏底齐), importance (the lead on top and widest, more
important higher and wider), bumping heads (撞题), module shape and
copy-fitting changes. Modules are measured once; the search works on numbers
only and is deterministic.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from itertools import combinations

from ..model import Pin
from ..style import Style
from .module import Module, Option, Placed, head_span, title_lines
from .over import BodyOf, eligible, head_options, merge
from .weights import (
    FILL_SLACK,
    MIN_REGION_LINES,
    OVERSET_SLACK,
    PARTITION_ALL,
    W_BUMP,
    W_HIGHER,
    W_SHORT,
    W_WIDER,
    pad_cost,
)

STAGGER = 4  # lines a region may start lower, as air above its top headline, against 撞题
MORE_STAGGER = 2  # air lines beyond the style's most a title block may take for that
CUT_HEADS = 2  # title blocks a headline over tries in a search that cuts (the two cheapest)


class Budget:
    """What the make-up of one page may spend before its search narrows.

    Counted in regions explored (deterministic: the same page comes out the
    same on a busy machine), and optionally in seconds of wall-clock time.
    Once spent, every search narrows to its first choices and the page
    reports that the best arrangement found so far was taken.
    """

    def __init__(self, regions: int | None, seconds: float | None = None):
        self.regions = regions if regions is not None else 10**12
        self.seconds = seconds
        self.deadline = time.perf_counter() + (seconds if seconds is not None else 1e9)
        self.used = 0
        self.spent = False

    def tick(self) -> bool:
        """One region explored; True once the budget is spent."""
        self.used += 1
        if self.used > self.regions:
            self.spent = True
        elif self.seconds is not None and self.used % 256 == 0:
            self.spent = time.perf_counter() > self.deadline
        return self.spent


@dataclass(frozen=True)
class Solution:
    cost: float
    placed: tuple[Placed, ...]
    weight: float  # Σ importance of the modules (for shifting costs)


class Search:
    """Best guillotine arrangement of modules in a region (memoised).

    Placements inside a solution are relative to its region; the memo key
    holds the region's absolute corner only when some module is pinned,
    since only pins make the answer depend on where the region is.
    """

    def __init__(
        self,
        mods: list[Module],
        style: Style,
        importance: list[float],
        pins: dict[int, Pin] | None = None,
        cut: frozenset[int] = frozenset(),
        fill_slack: int | None = FILL_SLACK,
        budget: Budget | None = None,
        ragged_cost: float = 0.0,
        mirror: bool = False,
    ):
        self.cut = cut  # modules that may be cut to fit (overset by choice)
        # splits may also put a region's first module on the right, the others
        # at its left (a side column): how a page gets around headlines side by
        # side whose order forces them together; the page's first module (the
        # lead) stays top left
        self.mirror = mirror
        # per column-line a region's last module ends more than a line short
        self.ragged_cost = ragged_cost
        # Regions whose modules, at their largest, leave more than this many
        # lines per column empty are not explored (None: explore everything,
        # for pages that have too little text to be full anyway).
        self.fill_slack = fill_slack
        self._max_area: dict[tuple[int, int], int] = {}
        # Headline over (压题): story m's body as a headless module of its own
        # (index body_of[m]) and its title block as a placement of its own
        # (index head_of[m]); `solve` merges them back into one placement of m.
        n0 = len(mods)
        over = [m for m, md in enumerate(mods) if eligible(md)]
        self.body_of = {m: n0 + k for k, m in enumerate(over)}
        self.head_of = {m: n0 + len(over) + k for k, m in enumerate(over)}
        self.base = {v: m for m, v in (*self.body_of.items(), *self.head_of.items())}
        self._head_opts: dict[tuple[int, int], list[tuple[Option, float]]] = {}
        mods = [*mods, *(BodyOf(mods[m]) for m in over), *(mods[m] for m in over)]
        importance = [*importance, *(importance[m] for m in over), *(0.0 for m in over)]
        self.mods = mods
        # limits that grow gently with the number of modules: every split of
        # a few, priority-ordered prefixes and suffixes beyond
        n = n0
        self.partition_all = PARTITION_ALL if n <= 6 else (3 if n <= 9 else 2)
        self.suffixes = n <= 9
        self.budget = budget or Budget(None)
        self.hurried = self.budget.spent  # the time budget ran out: narrowed to first choices
        self.style = style
        self.imp = importance
        self.has_head = [md.has_head for md in mods]
        self.pins = pins or {}
        self._memo: dict[tuple, Solution | None] = {}
        self._area: dict[int, int] = {}
        self._depth_lb: dict[tuple[int, int], int] = {}
        self._cost_lb: dict[tuple[int, int], float] = {}
        self._lower_memo: dict[tuple[tuple[int, ...], int], float] = {}
        self._area_memo: dict[tuple[int, ...], int] = {}
        self._choice: dict[tuple[int, int], list[tuple[Option, int, float]]] = {}
        self._split_memo: dict[tuple, list[tuple]] = {}
        self._figure_memo: dict[tuple[tuple[int, ...], int], tuple[int, int, float]] = {}

    def solve(self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...]) -> Solution | None:
        """The best arrangement of `mods` in the region, a headline over its
        story's body joined back into one placement of the story."""
        sol = self._solve(c0, top, w, h, mods)
        return None if sol is None else self._merged(sol)

    def _merged(self, sol: Solution) -> Solution:
        body = self.body
        bodies = {self.base[p.m]: p for p in sol.placed if p.m in body}
        out = []
        for p in sol.placed:
            if p.m in body:
                continue
            if p.m in self.base:
                m = self.base[p.m]
                out.append(merge(p.option, bodies[m], m, p.col, p.top))
            else:
                out.append(p)
        return Solution(sol.cost, tuple(out), sol.weight)

    @property
    def body(self) -> set[int]:
        return set(self.body_of.values())

    def _solve(self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...]) -> Solution | None:
        key = ((c0, top) if self.pins else None, w, h, mods)
        hit = self._memo.get(key, self)  # self: not yet solved (None is an answer)
        if hit is not self:
            return hit
        best: Solution | None = None
        bound = [float("inf")]  # branch and bound: the best cost found so far here
        for order in self._pinned_first(c0, top, mods):
            for sol in self._candidates(c0, top, w, h, order, bound):
                if best is None or sol.cost < best.cost - 1e-9:
                    best = sol
                    bound[0] = sol.cost
        self._memo[key] = best
        return best

    def _pinned_first(self, c0: int, top: int, mods: tuple[int, ...]):
        """Orders of the modules to try: priority order, and a module pinned
        to this region's corner first (a pin may put a lesser story where the
        lead would go)."""
        yield mods
        if not self.pins:  # the usual case, on every solve: nothing to reorder
            return
        for i, m in enumerate(mods[1:], 1):
            pin = self.pins.get(m)
            if pin is None or pin.column is None or pin.column - 1 != c0:
                continue
            if pin.top and top != 0:
                continue
            yield (m, *mods[:i], *mods[i + 1 :])

    def _pin_ok(self, m: int, col: int, top: int, span: int) -> bool:
        pin = self.pins.get(m)
        if pin is None:
            return True
        if pin.span is not None and span != pin.span:
            return False
        if pin.column is not None and col != pin.column - 1:
            return False
        return not (pin.top and top != 0)

    def _pinned_inside(self, mods: tuple[int, ...], c0: int, w: int) -> bool:
        """Every pinned module of `mods` could still sit in columns c0..c0+w."""
        for i in mods:
            pin = self.pins.get(i)
            if pin is None:
                continue
            first = pin.column - 1 if pin.column is not None else None
            span = pin.span or 1
            if first is not None and not (c0 <= first and first + span <= c0 + w):
                return False
            if span > w:
                return False
        return True

    def _min_area(self, m: int) -> int:
        """Fewest column-lines module m can take at any span (a lower bound)."""
        if m not in self._area:
            areas = []
            for s in range(1, self.style.columns + 1):
                if self._choices(m, s):
                    opt, fit, _ = self._choices(m, s)[0]
                    areas.append((opt.depth - opt.body + fit) * s - (s - 1))
            self._area[m] = min(areas, default=self.style.columns * self.style.lines + 1)
        return self._area[m]

    def _bumps(self, left: tuple[Placed, ...], right: tuple[Placed, ...], left_w: int) -> float:
        """Headlines side by side across a split (撞题): title blocks of modules
        on either side of the split's edge that overlap in height, each pair
        counted once (the rule check counts partial overlaps as well)."""
        edge = [
            self._title(p) for p in left if self.has_head[p.m] and p.col + p.option.span == left_w
        ]
        if not edge:
            return 0
        n = 0.0
        for p in right:
            if p.col == 0 and self.has_head[p.m]:
                a, b = self._title(p)
                n += sum(1.0 for t, f in edge if t < b and a < f)
        return n

    def _title(self, p: Placed) -> tuple[int, int]:
        """Grid lines of a placed module's headline (below the air set above it)."""
        top = p.top + self.mods[p.m].air_above(p.option)
        return top, top + title_lines(p.option)

    def _lower(self, mods: tuple[int, ...], w: int) -> float:
        """A lower bound of the cost of `mods` in a region w columns wide: each at
        its cheapest option, at most w wide."""
        key = (mods, w)
        hit = self._lower_memo.get(key)
        if hit is None:
            hit = self._lower_memo[key] = sum(self._cheapest(i, w) for i in mods)
        return hit

    def _areas(self, mods: tuple[int, ...]) -> int:
        """Σ of the modules' least areas (memoised per set)."""
        hit = self._area_memo.get(mods)
        if hit is None:
            hit = self._area_memo[mods] = sum(self._min_area(i) for i in mods)
        return hit

    def _figures(self, mods: tuple[int, ...], w: int) -> tuple[int, int, float]:
        """Of `mods` in a region w wide (memoised): the most lines one of them
        needs at the least, the most column-lines they can fill (a gap line
        under each but the last counted) and their importance."""
        key = (mods, w)
        hit = self._figure_memo.get(key)
        if hit is None:
            gaps = (len(mods) - 1) * self.style.gap_lines * w
            hit = self._figure_memo[key] = (
                max(self._min_depth(i, w) for i in mods),
                sum(self._largest(i, w) for i in mods) + gaps,
                sum(self.imp[i] for i in mods),
            )
        return hit

    def _cheapest(self, m: int, w: int) -> float:
        key = (m, w)
        hit = self._cost_lb.get(key)
        if hit is None:
            st = self.style
            costs = [min(c[2] for c in ch) for s in range(1, w + 1) if (ch := self._choices(m, s))]
            hit = min(costs, default=0.0) + W_WIDER * self.imp[m] * (st.columns - w) / st.columns
            self._cost_lb[key] = hit
        return hit

    def _min_depth(self, m: int, w: int) -> int:
        """Fewest grid lines module m takes at a span of at most w (a lower bound)."""
        key = (m, w)
        hit = self._depth_lb.get(key)
        if hit is None:
            depths = [
                c[0][0].depth - c[0][0].body + c[0][1]
                for s in range(1, w + 1)
                if (c := self._choices(m, s))
            ]
            hit = min(depths, default=10**6)
            self._depth_lb[key] = hit
        return hit

    def _largest(self, m: int, w: int) -> int:
        """Most column-lines module m can fill in a region w columns wide."""
        key = (m, w)
        if key not in self._max_area:
            self._max_area[key] = max(
                (c[-1][0].depth * s for s in range(1, w + 1) if (c := self._choices(m, s))),
                default=0,
            )
        return self._max_area[key]

    def _candidates(
        self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...], bound: list[float]
    ):
        """Arrangements of `mods` in the region; none that cannot beat `bound[0]`
        (every cost is ≥ 0, so a part already as dear as the best is dropped)."""
        st = self.style
        if self._late():
            self.hurried = True
        m, rest = mods[0], mods[1:]
        if self.pins and not self._pinned_inside(mods, c0, w):
            return
        # Regions that cannot hold their modules even at their smallest are
        # only worth trying when overset is unavoidable anyway (the slack).
        slack = OVERSET_SLACK if self.cut else 0.0
        if rest and self._areas(mods) > w * h * (1 + slack):
            return
        deepest, most, weight = self._figures(mods, w)
        # Every module lies within the region: none may need more lines than it has.
        if deepest > h:
            return
        # Nor regions their modules cannot fill (a gap line under each counts).
        if self.fill_slack is not None and most < w * (h - self.fill_slack):
            return
        rest_weight = weight - self.imp[m]
        width_cost = W_WIDER * self.imp[m] * (st.columns - w) / st.columns
        here = self._pin_ok(m, c0, top, w)
        # A: m across the whole region, the rest below it.
        choices = self._choices(m, w) if here else []
        if self.hurried and len(choices) > 6 and rest:  # a spread of depths only
            step = len(choices) // 6 + 1
            choices = choices[::step] + choices[-1:]
        # choices come shallow first: once one is too deep, or pushes the rest
        # so low that even its cheapest cannot beat the bound, so are the others
        rest_lower = self._lower(rest, w) if rest else 0.0
        for opt, fit, opt_cost in choices:
            depth = opt.depth - opt.body + fit
            if not rest:
                if depth > h:
                    break
                short = h - depth
                cost = opt_cost + width_cost + W_SHORT * short * w
                cost += self.ragged_cost * max(short - (0 if self.cut else 1), 0) * w
                yield Solution(cost, (Placed(m, 0, 0, opt, fit),), weight)
                continue
            below = h - depth - st.gap_lines
            if below < MIN_REGION_LINES:
                break
            shift = depth + st.gap_lines
            least = width_cost + W_HIGHER * shift * rest_weight + rest_lower
            if least >= bound[0]:
                break
            if opt_cost + least >= bound[0]:
                continue
            sub = self._solve(c0, top + shift, w, below, rest)
            if sub is None:
                continue
            placed = (Placed(m, 0, 0, opt, fit),) + tuple(
                Placed(p.m, p.col, p.top + shift, p.option, p.fit_body) for p in sub.placed
            )
            cost = opt_cost + width_cost + sub.cost + W_HIGHER * shift * (sub.weight)
            yield Solution(cost, placed, weight)
        if not rest or m in self.base:  # a body under its headline: across its region
            return
        if m in self.body_of and here and w > 1:
            yield from self._over(c0, top, w, h, m, rest, weight, width_cost, bound)
        # B: split into a left region (m on top) and a right region.
        for left_w, right_w, left, others, lower_l, lower_r in self._splits(m, w, rest):
            if lower_l + lower_r >= bound[0]:
                continue
            a = self._solve(c0, top, left_w, h, left)
            if a is None or a.cost + lower_r >= bound[0]:
                continue
            for right in self._heads(others):
                b = self._solve(c0 + left_w, top, right_w, h, right)
                if b is None:
                    continue
                yield self._side_by_side(c0, top, left_w, right_w, h, a, b, left, right, weight)
        if self.mirror and m != 0 and not self.hurried:
            yield from self._mirrored(c0, top, w, h, m, rest, weight, bound)

    def _mirrored(
        self,
        c0: int,
        top: int,
        w: int,
        h: int,
        m: int,
        rest: tuple[int, ...],
        weight: float,
        bound: list[float],
    ):
        """B mirrored: m on top of the right region, the others at its left: one
        of them alone (a side column), or a split's usual sets."""
        sides = dict.fromkeys([*((i,) for i in rest), *self._partitions(rest)])
        for left_w in self._widths(w):
            right_w = w - left_w
            for others in sides:
                if not others:
                    continue
                right = (m, *(i for i in rest if i not in others))
                if self._lower(others, left_w) + self._lower(right, right_w) >= bound[0]:
                    continue
                b = self._solve(c0 + left_w, top, right_w, h, right)
                if b is None or b.cost + self._lower(others, left_w) >= bound[0]:
                    continue
                for left in self._heads(others):
                    a = self._solve(c0, top, left_w, h, left)
                    if a is None:
                        continue
                    yield self._side_by_side(c0, top, left_w, right_w, h, a, b, left, right, weight)

    def _side_by_side(
        self,
        c0: int,
        top: int,
        left_w: int,
        right_w: int,
        h: int,
        a: Solution,
        b: Solution,
        left: tuple[int, ...],
        right: tuple[int, ...],
        weight: float,
    ) -> Solution:
        """Regions a (left) and b (right) side by side. Headlines across their
        edge at the same height (撞题) cost W_BUMP a pair, unless one region,
        made up a few lines lower with those lines as air above its top
        headline, staggers them (STAGGER lines at most)."""
        bump = self._bumps(a.placed, b.placed, left_w)
        if bump and not self.hurried:
            best = None
            edge = [self._title(p) for p in a.placed if self._left_edge(p, left_w)]
            for k in self._stagger(b, right_w, edge):
                b2 = self._lowered(c0 + left_w, top, right_w, h, right, k)
                if b2 is not None and not self._bumps(a.placed, b2.placed, left_w):
                    best = (a, b2)
                    break
            edge = [self._title(p) for p in b.placed if p.col == 0 and self.has_head[p.m]]
            for k in () if best is not None else self._stagger(a, left_w, edge):
                a2 = self._lowered(c0, top, left_w, h, left, k)
                if a2 is not None and not self._bumps(a2.placed, b.placed, left_w):
                    best = (a2, b)
                    break
            if best is None:
                best = self._unbumped(a, b, left_w, right_w)
            if best is not None:
                a, b, bump = *best, 0.0
        rp = tuple(p.moved(left_w, 0) for p in b.placed)
        return Solution(a.cost + b.cost + W_BUMP * bump, a.placed + rp, weight)

    def _unbumped(
        self, a: Solution, b: Solution, left_w: int, right_w: int
    ) -> tuple[Solution, Solution] | None:
        """Regions a and b (placements in one frame of lines) with the headlines
        that stand side by side risen out of their neighbours' way by taking
        out the air above them (`_deflated`), or None."""
        left = [self._title(p) for p in a.placed if self._left_edge(p, left_w)]
        d = self._deflated(b.placed, right_w, left, True)
        if d is not None and not self._bumps(a.placed, d[0], left_w):
            return a, Solution(b.cost + d[1], d[0], b.weight)
        right = [self._title(p) for p in b.placed if p.col == 0 and self.has_head[p.m]]
        d = self._deflated(a.placed, left_w, right, False)
        if d is not None and not self._bumps(d[0], b.placed, left_w):
            return Solution(a.cost + d[1], d[0], a.weight), b
        return None

    def _beside(self, p: Placed, placed: tuple[Placed, ...]) -> list[tuple[int, int]]:
        """Lines of the headlines of the modules of `placed` next to p (either side)."""
        return [
            self._title(q)
            for q in placed
            if q.m != p.m
            and self.has_head[q.m]
            and (q.col + head_span(q.option) == p.col or p.col + head_span(p.option) == q.col)
        ]

    def _left_edge(self, p: Placed, left_w: int) -> bool:
        return self.has_head[p.m] and p.col + p.option.span == left_w

    def _deflated(
        self, placed: tuple[Placed, ...], w: int, edge: list[tuple[int, int]], right: bool
    ) -> tuple[tuple[Placed, ...], float] | None:
        """The region's modules on the shared edge whose headline stands beside
        one of `edge` (lines of the neighbours' headlines) with the air above
        it taken out, so that it rises clear of them; only for a module with
        nothing under it in its region (its columns end that much short,
        costed as such). None when one cannot rise clear."""
        out = list(placed)
        extra = 0.0
        for i, p in enumerate(placed):
            at_edge = p.col == 0 and self.has_head[p.m] if right else self._left_edge(p, w)
            if not at_edge or p.m in self.base:
                continue
            t0, t1 = self._title(p)
            if not any(a < t1 and t0 < b for a, b in edge):
                continue
            opt = p.option
            cols = range(p.col, p.col + opt.span)
            if any(
                q.top > p.top and (q.col in cols or p.col in range(q.col, q.col + q.option.span))
                for q in placed
            ):
                return None
            for pad in range(opt.pad - 1, -1, -1):
                d = opt.pad - pad
                cost = opt.cost - pad_cost(opt.pad) + pad_cost(pad)
                new = replace(opt, pad=pad, depth=opt.depth - d, cost=cost)
                q = Placed(p.m, p.col, p.top, new, p.fit_body)
                a0, a1 = self._title(q)
                if self.mods[p.m].air_above(new) == self.mods[p.m].air_above(opt):
                    return None
                if not any(a < a1 and a0 < b for a, b in [*edge, *self._beside(q, placed)]):
                    short = W_SHORT * d * opt.span + self.ragged_cost * max(d - 1, 0) * opt.span
                    extra += cost - opt.cost + short
                    out[i] = q
                    break
            else:
                return None
        return tuple(out), extra

    def _stagger(self, sol: Solution, w: int, edge: list[tuple[int, int]]) -> range:
        """Drops worth trying for the region's top headline against `edge` (the
        lines of its neighbours' headlines): from the least that clears them
        as it stands to STAGGER, if its top module spans the region (else
        none: a region made up lower would not help)."""
        first = [p for p in sol.placed if p.top == 0 and p.col == 0]
        if len(first) != 1 or head_span(first[0].option) != w or not self.has_head[first[0].m]:
            return range(0)
        t0, t1 = self._title(first[0])
        for k in range(1, STAGGER + 1):
            if not any(a < t1 + k and t0 + k < b for a, b in edge):
                return range(k, STAGGER + 1)
        return range(0)

    def _lowered(
        self, c0: int, top: int, w: int, h: int, mods: tuple[int, ...], k: int
    ) -> Solution | None:
        """The region's modules made up k lines lower, the k lines added to the
        air above the headline of its top module (one across the region), so
        that its headline starts k lines lower (None: no such arrangement)."""
        if h - k < MIN_REGION_LINES:
            return None
        sub = self._solve(c0, top + k, w, h - k, mods)
        if sub is None:
            return None
        first = [p for p in sub.placed if p.top == 0 and p.col == 0]
        if len(first) != 1 or head_span(first[0].option) != w:
            return None
        p = first[0]
        md = self.mods[p.m]
        opt = p.option
        pad = opt.pad + k
        if pad > self.style.max_pad + MORE_STAGGER:
            return None
        new = replace(
            opt, pad=pad, depth=opt.depth + k, cost=opt.cost + pad_cost(pad) - pad_cost(opt.pad)
        )
        if md.air_above(new) - md.air_above(opt) != k:
            return None  # its air does not go above its headline
        placed = tuple(
            Placed(q.m, q.col, 0, new, q.fit_body) if q is p else q.moved(0, k) for q in sub.placed
        )
        return Solution(sub.cost + new.cost - opt.cost, placed, sub.weight)

    def _over(
        self,
        c0: int,
        top: int,
        w: int,
        h: int,
        m: int,
        rest: tuple[int, ...],
        weight: float,
        width_cost: float,
        bound: list[float],
    ):
        """C: m's headline across the region, its body in the left columns under
        it, the other modules at the right one gap line lower (no 撞题 there)."""
        st = self.style
        gap = st.gap_lines
        body, head = self.body_of[m], self.head_of[m]
        key = (m, w)
        if key not in self._head_opts:
            # a page being cut has many more options to try: fewer headlines over
            self._head_opts[key] = head_options(self.mods[m], w, CUT_HEADS if self.cut else 99)
        for hopt, hcost in self._head_opts[key]:
            t = hopt.depth
            hl, hr = h - t, h - t - gap
            if hr < MIN_REGION_LINES:
                continue
            base = hcost + width_cost
            for left_w, right_w, left, others, lower_l, lower_r in self._splits(body, w, rest):
                if base + lower_l + lower_r >= bound[0]:
                    continue
                a = self._solve(c0, top + t, left_w, hl, left)
                if a is None:
                    continue
                shift_a = W_HIGHER * t * (a.weight - self.imp[body])
                if base + a.cost + shift_a + lower_r >= bound[0]:
                    continue
                lp = tuple(p.moved(0, t) for p in a.placed)
                for right in self._heads(others):
                    b = self._solve(c0 + left_w, top + t + gap, right_w, hr, right)
                    if b is None:
                        continue
                    rp = tuple(p.moved(0, t + gap) for p in b.placed)
                    bump = W_BUMP * self._bumps(lp, rp, left_w)
                    if bump and not self.hurried:
                        edge = [self._title(p) for p in lp if self._left_edge(p, left_w)]
                        edge = [(x - t - gap, y - t - gap) for x, y in edge]
                        for k in self._stagger(b, right_w, edge):
                            b2 = self._lowered(c0 + left_w, top + t + gap, right_w, hr, right, k)
                            if b2 is None:
                                continue
                            rp2 = tuple(p.moved(0, t + gap) for p in b2.placed)
                            if not self._bumps(lp, rp2, left_w):
                                b, rp, bump = b2, rp2, 0.0
                                break
                    if bump and not self.hurried:
                        edge = [self._title(p) for p in lp if self._left_edge(p, left_w)]
                        d = self._deflated(rp, right_w, edge, True)
                        if d is not None and not self._bumps(lp, d[0], left_w):
                            b = Solution(b.cost + d[1], b.placed, b.weight)
                            rp, bump = d[0], 0.0
                    rp = tuple(p.moved(left_w, 0) for p in rp)
                    shift_b = W_HIGHER * (t + gap) * b.weight
                    cost = base + a.cost + shift_a + b.cost + shift_b + bump
                    placed = (Placed(head, 0, 0, hopt, 0), *lp, *rp)
                    yield Solution(cost, placed, weight)

    def _splits(self, m: int, w: int, rest: tuple[int, ...]) -> list[tuple]:
        """The splits of a region w wide with m on top at the left: (left width,
        right width, left modules, right modules, and the lower bounds of their
        costs), memoised (the same for every depth of region and every headline
        over tried)."""
        key = (m, w, rest, self.hurried)
        hit = self._split_memo.get(key)
        if hit is None:
            hit = []
            for left_w in self._widths(w):
                right_w = w - left_w
                for left_extra in self._partitions(rest):
                    others = tuple(i for i in rest if i not in left_extra)
                    if not others:
                        continue
                    left = (m, *left_extra)
                    lower_l, lower_r = self._lower(left, left_w), self._lower(others, right_w)
                    hit.append((left_w, right_w, left, others, lower_l, lower_r))
            self._split_memo[key] = hit
        return hit

    def _late(self) -> bool:
        """Past the budget: from now on the search narrows to its first choices."""
        return self.hurried or self.budget.tick()

    def _widths(self, w: int):
        """Widths of the left region of a split (all of them, or in a hurry the
        halves and thirds)."""
        if not self.hurried or w <= 3:
            yield from range(1, w)
            return
        yield from sorted({w // 3, w // 2, w - w // 3} - {0, w})

    def _heads(self, mods: tuple[int, ...]):
        """Orders of a region's modules: which one sits on top (the rest by priority).

        Besides the most important, a module without a headline (the brief
        box) may head a region: that is how bumping heads are avoided.
        """
        yield mods
        if self.hurried:
            return
        for i, m in enumerate(mods[1:], 1):
            if not self.has_head[m] or i == 1:
                yield (m, *mods[:i], *mods[i + 1 :])

    def _partitions(self, rest: tuple[int, ...]):
        """Which of `rest` go below m in the left region (priority order kept)."""
        if self.hurried:  # a few prefixes: one, two, half the modules
            yield from (rest[:k] for k in sorted({0, 1, 2, len(rest) // 2}) if k < len(rest))
            return
        if len(rest) <= self.partition_all:
            for k in range(len(rest)):
                yield from combinations(rest, k)
        else:
            for k in range(len(rest)):
                yield rest[:k]
                if k and self.suffixes and not self.hurried:
                    yield rest[-k:]

    def _choices(self, m: int, span: int) -> list[tuple[Option, int, float]]:
        """(option, body lines kept, cost) of m at `span`, smallest depth first."""
        key = (m, span)
        hit = self._choice.get(key)
        if hit is None:
            if self.base.get(m, m) in self.cut:
                hit = self.mods[m].cut_options(span)
            else:
                hit = [(o, o.body, o.cost) for o in self.mods[m].options(span)]
            self._choice[key] = hit
        return hit
