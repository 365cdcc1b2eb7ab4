"""A photo's frames on the grid: whole columns wide, whole grid lines deep, captioned.

A photo element of a module is its image, `lines` grid lines deep (the image stops a
little above the last of them), then its caption (图片说明 + credit) set in the byline
face across the photo's width on the following grid lines, like body lines. Every
frame a photo may take at a width is listed with its crop (around the focus, at most
40 % of either dimension cut away, never distorted) and its effective resolution:
frames under ERROR_PPI are left out, frames under WARN_PPI cost W_SOFT, and cropping
costs a little per step away from the picture's own shape. So the make-up search can
treat photo width and depth as options of the module, growing the photo first when a
page is short (its cost per line is far below a short column's).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model import ImageRef
from .crop import Crop, CropError, aspect_range, crop_for
from .quality import ERROR_PPI, WARN_PPI

IMAGE_FOOT_AIR = 0.3  # of a grid line: white between the image's foot and its caption
W_CROP = 8.0  # per unit of |ln(frame aspect / picture aspect)|
W_SOFT = 400.0  # a frame under WARN_PPI
CREDIT_GAP = "\u3000"  # between caption and credit


@dataclass(frozen=True)
class Caption:
    lines: tuple  # typeset.Line, set at the photo's width
    grid_lines: int
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Frame:
    """One way to set a photo: `cols` wide, `lines` + caption grid lines deep."""

    cols: int
    lines: int  # grid lines of the image (its foot a little above the last)
    caption_lines: int
    w_pt: float  # the image as drawn
    h_pt: float
    crop: Crop
    ppi: float
    cost: float

    @property
    def depth(self) -> int:
        return self.lines + self.caption_lines

    @property
    def area(self) -> float:
        return self.w_pt * self.h_pt


def caption_text(ref: ImageRef) -> str:
    return CREDIT_GAP.join(t for t in (ref.caption, ref.credit) if t)


def image_height(lines: int, pitch: float) -> float:
    return lines * pitch - IMAGE_FOOT_AIR * pitch


def frames(
    ref: ImageRef,
    cols: int,
    width_pt: float,
    pitch: float,
    caption_lines: int,
    *,
    max_lines: int,
    min_lines: int = 1,
    min_ppi: float = ERROR_PPI,
) -> list[Frame]:
    """Every frame `cols` wide (width_pt) from min_lines to max_lines image lines deep
    whose crop stays within 40 % and whose resolution is at least `min_ppi`."""
    if cols < ref.min_columns:
        return []
    lo, hi = aspect_range(ref.width_px, ref.height_px)
    # image height h = lines·pitch − air must give an aspect width/h within [lo, hi]
    first = max(min_lines, math.ceil((width_pt / hi + IMAGE_FOOT_AIR * pitch) / pitch - 1e-9))
    last = min(max_lines, math.floor((width_pt / lo + IMAGE_FOOT_AIR * pitch) / pitch + 1e-9))
    natural = ref.width_px / ref.height_px
    out = []
    for n in range(first, last + 1):
        h = image_height(n, pitch)
        aspect = width_pt / h
        try:
            crop = crop_for(ref.width_px, ref.height_px, aspect, ref.focus)
        except CropError:
            continue
        ppi = min(crop.width / (width_pt / 72.0), crop.height / (h / 72.0))
        if ppi < min_ppi:
            continue
        cost = W_CROP * abs(math.log(aspect / natural)) + (W_SOFT if ppi < WARN_PPI else 0.0)
        out.append(Frame(cols, n, caption_lines, width_pt, h, crop, ppi, cost))
    return out


def widest_pt(ref: ImageRef, ppi: float = WARN_PPI) -> float:
    """The widest the photo can be printed at `ppi` (its full width, uncropped)."""
    return ref.width_px / ppi * 72.0


def set_caption(ref: ImageRef, width_pt: float, fonts, style) -> Caption:
    """The caption + credit justified across `width_pt` in the byline face, on the grid."""
    from ..typeset import set_paragraph

    text = caption_text(ref)
    if not text:
        return Caption((), 0)
    size = style.byline_size
    metrics = fonts.face(*style.byline_font).metrics
    para = set_paragraph(text, metrics, width_pt / size, indent=0.0, style=style.typeset)
    return Caption(para.lines, len(para.lines), tuple(para.missing))
