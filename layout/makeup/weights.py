"""Scoring weights of the placement search (lower total is better).

Overset dominates everything; a short column costs per empty column-line;
the rest are preferences.
"""

W_OVERSET = 10_000.0
W_CUT = 10 * W_OVERSET  # per story cut (an editor cuts as few stories as the page allows)
# per column-line a cut story runs deeper than the style's most: dearer than
# the overset it saves, far cheaper than a column that ends short of the foot
W_DEEP_CUT = 2 * W_OVERSET
W_RAGGED_CUT = 2e8  # per column-line a cut page's column ends over a line short of the foot
W_SHORT = 40.0
W_BUMP = 1e6  # per pair of headlines side by side: a hard rule in practice
W_HIGHER = 3.0  # per grid line a module sits below the top, × its importance
W_WIDER = 40.0  # per column narrower than the page, × importance
W_SHAPE = 30.0
W_PAD = 4.0
W_SIZE = 25.0  # per headline size step below the rank's size
W_TIGHT = 15.0  # subheads set in one grid line instead of the style's two
MIN_REGION_LINES = 8
OVERSET_SLACK = 0.15  # how far over its area a region may be and still be tried
# Up to this many modules below the first, every split into left/right is
# tried; beyond it only priority-ordered prefixes and suffixes (speed).
PARTITION_ALL = 4
FILL_SLACK = 3  # lines per column a region may stay empty in the first pass
W_HOLE = 30.0  # per column-line of a declared hole (less than a blank line under a module)
# per column of a short page's hole that reaches above the lower half of the
# page, and again from its first line (short.FootHoleSearch): dearer than
# stretching title blocks or headline sizes, as dear as a column ending a line
# short of the foot
W_HOLE_DEEP = 5000.0
# per hole no filler fits, on a page whose edition has fillers (hole.py)
W_UNFILLED = 5000.0
W_RAGGED = 5000.0  # per column-line a full page's column ends over a line short of the foot


def pad_cost(pad: int) -> float:
    """Air lines in one title block: growing with the square, so that a page's
    air is spread evenly over its title blocks (a second line in one block
    costs more than a line in each of two; issue 15: head-to-body distances
    on one page stay close)."""
    return W_PAD * pad * pad
