"""Columns brought to the foot by air: a module that ends two or more lines
above the page's foot, with nothing under it, takes those lines as air, as an
editor opens up headlines to bring a column down (栏底齐).

The air goes into the title blocks of the stack of modules standing in the
same columns above it (each moves down by the air of those above it), spread
so that no block takes much more than another. A story whose headline runs
over a neighbour's column (压题) heads the stack: its title block cannot grow
there, so its air goes between its title block and its body, in its body's
columns only; so may the lowest story's, when air above its headline would
bring it beside another. No headline may come to stand beside another (撞题)
that did not before."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations_with_replacement

from ..style import Style
from .check import bumping
from .module import Module, Option, Placed, head_span
from .weights import pad_cost

MOST_MEMBERS = 5  # modules of a stack that may take air (the lowest ones)


def settle_feet(
    placed: tuple[Placed, ...], mods: list[Module], style: Style, most: int
) -> tuple[tuple[Placed, ...], int]:
    """The arrangement with every module that ends 2 or more lines above the
    foot, nothing under it, brought down by air in its stack (up to `most`
    lines beyond the style's air in each title block). Returns the
    arrangement and the air lines added."""
    out = list(placed)
    added = 0
    for p in sorted(placed, key=lambda q: q.col):
        k = next(i for i, q in enumerate(out) if q.m == p.m)
        p = out[k]
        gap = style.lines - (p.top + p.depth)
        if gap < 2 or _below(p, out):
            continue
        stack = _stack(p, out, mods)
        if stack is None:
            continue
        new = _spread(stack, gap, out, mods, style, most)
        if new is None and not p.option.over and _drops(mods[p.m], p.option):
            # its headline cannot come lower (it would stand beside another):
            # the lowest story may also take lines between its title block
            # and its body, as a headline over does
            new = _spread([*stack, (k, "drop")], gap, out, mods, style, most)
        if new is not None:
            out = new
            added += gap
    return tuple(out), added


def _below(p: Placed, placed: list[Placed]) -> bool:
    """Something stands under the module in its columns."""
    bottom = p.top + p.depth
    cols = range(p.col, p.col + head_span(p.option))
    return any(
        q is not p
        and q.top >= bottom
        and q.col < cols.stop
        and cols.start < q.col + head_span(q.option)
        for q in placed
    )


def _stack(p: Placed, placed: list[Placed], mods: list[Module]) -> list[tuple[int, str]] | None:
    """The modules (indices into `placed`, top first) that may move down with
    p, each with how it takes air: "pad" (its title block's air, above its
    headline), "drop" (between a headline over and its body: it heads the
    stack) or "" (none: it only moves). None: p itself can take nothing."""
    first = placed.index(p)
    cols = (p.col, p.option.span)
    if p.option.over:
        return [(first, "drop")] if _drops(mods[p.m], p.option) else None
    chain = [(first, "pad" if _pads(mods[p.m], p.option) else "")]
    x = p
    while True:
        above = [
            q
            for q in placed
            if q.top < x.top and q.col < cols[0] + cols[1] and cols[0] < q.col + head_span(q.option)
        ]
        if not above:
            break
        q = max(above, key=lambda r: _foot(r, cols))
        if (q.col, q.option.span) != cols:
            break  # a module across other columns too: it cannot move alone
        k = placed.index(q)
        if q.option.over:
            if _drops(mods[q.m], q.option):
                chain.insert(0, (k, "drop"))
            break
        chain.insert(0, (k, "pad" if _pads(mods[q.m], q.option) else ""))
        x = q
    return chain if any(how for _, how in chain) else None


def _foot(q: Placed, cols: tuple[int, int]) -> int:
    """The grid line where q ends in the columns `cols` (first, count): its
    foot under its body, its title block's under a headline over."""
    body = q.col < cols[0] + cols[1] and cols[0] < q.col + q.option.span
    return q.top + (q.depth if body else q.option.head + q.option.pad)


def _pads(md: Module, opt: Option) -> bool:
    """Air added to the option's pad goes above its headline (a story's title block)."""
    if opt.title is None or opt.over:
        return False
    more = replace(opt, pad=opt.pad + 1, depth=opt.depth + 1)
    return md.air_above(more) == md.air_above(opt) + 1 and md.body_top(more) == md.body_top(opt) + 1


def _drops(md: Module, opt: Option) -> bool:
    """Air between the option's title block and its body moves only its body down."""
    if opt.title is None or type(opt) is not Option:
        return False
    more = replace(opt, drop=opt.drop + 1, depth=opt.depth + 1)
    return md.body_top(more) == md.body_top(opt) + 1 and md.air_above(more) == md.air_above(opt)


def _spread(
    stack: list[tuple[int, str]],
    gap: int,
    placed: list[Placed],
    mods: list[Module],
    style: Style,
    most: int,
) -> list[Placed] | None:
    """`gap` lines shared among the stack's modules that take air, the most
    even share first (title-block air costed as the search costs it), the
    first that brings no headline beside another (None: none does)."""
    takers = [(k, how) for k, how in stack if how][-MOST_MEMBERS:]

    def air(k: int, how: str) -> int:
        opt = placed[k].option
        return opt.pad if how == "pad" else opt.drop

    def cap(k: int, how: str) -> int:
        # a title block's air up to `most` lines beyond the style's; between a
        # headline over and its body, up to `most` lines
        return style.max_pad + most if how == "pad" else most

    if gap > sum(max(0, cap(*t) - air(*t)) for t in takers):
        return None  # more than they can all take: every share below breaks a cap
    bumps = len(bumping(tuple(placed), mods))
    shares = []
    for picks in combinations_with_replacement(range(len(takers)), gap):
        share = [picks.count(i) for i in range(len(takers))]
        if any(n and air(*t) + n > cap(*t) for t, n in zip(takers, share, strict=True)):
            continue
        cost = sum(pad_cost(air(*t) + n) for t, n in zip(takers, share, strict=True))
        shares.append((cost, share))
    for _, share in sorted(shares, key=lambda s: s[0]):
        more: dict[int, dict[str, int]] = {}
        for (k, how), n in zip(takers, share, strict=True):
            more.setdefault(k, {})[how] = n
        out = list(placed)
        shift = 0
        for k in dict.fromkeys(k for k, _ in stack):  # each module once, top first
            q = placed[k]
            add = more.get(k, {})
            pad, drop = add.get("pad", 0), add.get("drop", 0)
            opt = q.option
            if pad or drop:
                opt = replace(
                    opt, pad=opt.pad + pad, drop=opt.drop + drop, depth=opt.depth + pad + drop
                )
            out[k] = Placed(q.m, q.col, q.top + shift, opt, q.fit_body)
            shift += pad + drop
        if len(bumping(tuple(out), mods)) <= bumps:
            return out
    return None
