"""Where a module's text ends: the grid lines its shortest column stops above
the module's foot. A module set at the foot of its region, whose columns end
level within a line, can still leave a column two lines short of the page's
foot when it stops a line above it; the search counts this (with the report's
rule `full`, which measures the text) so that the columns it calls full are."""

from __future__ import annotations

from .hole import Hole
from .module import Module, Option, Placed


def foot_gap(md: Module, opt: Option) -> int:
    """Grid lines between the foot of the option's shortest body column and its
    body's last line (0: every column full; a hole or a filler is full)."""
    if isinstance(md, Hole) or md.fills_frame or opt.span < 2:
        return 0
    memo: dict = md.__dict__.setdefault("_foot_gaps", {})
    key = (opt.span, opt.body, opt.tight, opt.pad, opt.head, opt.extra)
    hit = memo.get(key)
    if hit is None:
        cols, _ = md.flow_placed(Placed(0, 0, 0, opt, opt.body))
        heights = [sum(it.height for it in c) for c in cols]
        heights += [0] * (opt.span - len(heights))
        hit = memo[key] = max(opt.body - min(heights), 0)
    return hit
