"""A crop of a given aspect around the focus point: never distorted, at most 40 % cut.

The frame on the page has an aspect (width / height) chosen by the make-up; the crop
is the largest rectangle of that aspect inside the image, cut only along one axis,
and placed so the focus point is as near its centre as the image edges allow (so the
focus is always inside it). When that rectangle would cut more than `MAX_CROP` of the
image's width or height, the aspect is not possible for this image: `CropError`.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_CROP = 0.40  # of either dimension


class CropError(ValueError):
    """The aspect asked for needs more than MAX_CROP of the image cut away."""


@dataclass(frozen=True)
class Crop:
    """A pixel rectangle of the (oriented) image: x0 ≤ x < x1, y0 ≤ y < y1."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    @property
    def aspect(self) -> float:
        return self.width / self.height

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


def aspect_range(width_px: int, height_px: int, max_crop: float = MAX_CROP) -> tuple[float, float]:
    """The narrowest and widest aspect (w / h) a crop of this image may have."""
    a = width_px / height_px
    return a * (1.0 - max_crop), a / (1.0 - max_crop)


def crop_for(
    width_px: int,
    height_px: int,
    aspect: float,
    focus: tuple[float, float] = (0.5, 0.5),
    max_crop: float = MAX_CROP,
) -> Crop:
    """The crop of aspect `aspect` (w / h) around `focus` (x, y in 0–1)."""
    if aspect <= 0:
        raise CropError(f"aspect must be positive, not {aspect}")
    lo, hi = aspect_range(width_px, height_px, max_crop)
    # a whisker of tolerance: the make-up computes aspects from points, not pixels
    if not lo * (1 - 1e-9) <= aspect <= hi * (1 + 1e-9):
        raise CropError(
            f"an aspect of {aspect:.3f} would cut more than {max_crop:.0%} of the "
            f"{width_px} × {height_px} image (possible: {lo:.3f}–{hi:.3f})"
        )
    if aspect <= width_px / height_px:  # narrower than the image: cut the sides
        h = height_px
        w = min(width_px, max(1, round(h * aspect)))
    else:  # wider: cut top and bottom
        w = width_px
        h = min(height_px, max(1, round(w / aspect)))
    x0 = _place(focus[0] * width_px, w, width_px)
    y0 = _place(focus[1] * height_px, h, height_px)
    return Crop(x0, y0, x0 + w, y0 + h)


def _place(centre: float, size: int, total: int) -> int:
    """Start of a window of `size` centred on `centre`, kept inside 0..total."""
    return max(0, min(total - size, round(centre - size / 2)))
