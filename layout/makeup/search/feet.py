"""Where a region's last module leaves its columns: the feet the search costs
as the report checks them (栏底齐, every column within a line of the foot)."""

from __future__ import annotations

from ..module import Option

# A module this many lines or more above its region's foot is costed by its
# depth alone: its columns' text ends short anyway.
NEAR_FOOT = 2


def ragged_units(short: int, lags: tuple[int, ...], cut: bool) -> int:
    """Column-lines by which a module's columns end more than a line above
    the foot of its region (`short`: lines between the module's foot and
    the region's; `lags`: lines each column's text ends above the module's
    foot). On a page being cut (`cut`) every line short of the foot counts,
    since the cut story can be cut to any depth."""
    units = sum(max(short + lag - 1, 0) for lag in lags)
    return units + (min(short, 1) * len(lags) if cut else 0)


class Feet:
    """The ragged foot of a region's last module (memoised per option)."""

    def _ragged(self, m: int, opt: Option, fit: int, short: int) -> int:
        """Ragged column-lines of module m at the foot of its region, `short`
        lines above it (its columns measured only near the foot)."""
        if short >= NEAR_FOOT:
            lags: tuple[int, ...] = (0,) * opt.span
        else:
            lags = self.mods[m].foot_lags(opt, fit)
        return ragged_units(short, lags, bool(self.cut))
