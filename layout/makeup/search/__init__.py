"""The placement search: the best guillotine arrangement of a page's modules.

A region is either one module across its width with the rest below it, or
split into a left and a right region. Arrangements are scored by overset,
fill to the foot (栏底齐), importance (the lead on top and widest, more
important higher and wider), bumping heads (撞题), module shape and
copy-fitting changes. Modules are measured once; the search works on numbers
only and is deterministic.

The search is a package, one idea a module: `core` (the memoised search),
`candidates` (the arrangements of a region: A across, B split, mirrored),
`headline_over` (C: 压题), `splits` (which splits are tried), `bumps`,
`stagger` and `rise` (headlines side by side, 撞题, and the ways around
them), `pins`, `bounds` (the lower bounds it prunes with), `budget`.
"""

from .budget import Budget
from .core import Search
from .solution import Solution

__all__ = ["Budget", "Search", "Solution"]
