"""Printer's marks outside the bleed: crop marks at the trim corners and
registration targets mid-side, as geometry both PDF writers draw."""

from __future__ import annotations

from .style import MM

MARK_LEN = 8 * MM
MARK_OFFSET = 2 * MM  # beyond the bleed, so marks never print inside it
MARK_WIDTH = 0.25
TARGET_R = 2.5 * MM  # a registration target's cross arm; its circle is 0.6 of it


def crop_marks(
    st, off: float
) -> tuple[list[tuple[float, float, float, float]], list[tuple[float, float]]]:
    """(line segments x0, y0, x1, y1; target centres) for a sheet whose trim
    starts `off` pt from the media's corner (PDF coordinates, y up)."""
    gap = st.bleed + MARK_OFFSET
    x_left, x_right = off, off + st.trim_w
    y_bottom, y_top = off, off + st.trim_h
    lines = []
    for x in (x_left, x_right):
        for y in (y_bottom, y_top):
            sx = -1 if x == x_left else 1
            sy = -1 if y == y_bottom else 1
            lines.append((x + sx * gap, y, x + sx * (gap + MARK_LEN), y))
            lines.append((x, y + sy * gap, x, y + sy * (gap + MARK_LEN)))
    centre = gap + MARK_LEN / 2
    targets = [
        (off + st.trim_w / 2, y_top + centre),
        (off + st.trim_w / 2, y_bottom - centre),
        (x_left - centre, off + st.trim_h / 2),
        (x_right + centre, off + st.trim_h / 2),
    ]
    return lines, targets
