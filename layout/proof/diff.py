"""What changed between two proofs of a page: boxes around the changed pixels.

Both proofs are compared as pictures (an earlier proof folder may come from
another build, with no layout data to compare), in tiles about one grid line
tall; neighbouring changed tiles merge into one box, so an edit that reflows
a column is one box, not a hundred.
"""

from __future__ import annotations

from pathlib import Path

from ..regions import cells, components
from .adapter import Rect

THRESHOLD = 48  # 0..255: anti-aliasing noise stays below it


def changed_regions(
    new_png: Path, old_png: Path, *, px_per_pt: float, offset_pt: float, tile_pt: float
) -> list[Rect]:
    """Boxes (pt, trim coordinates) around what differs between two page pictures.

    `offset_pt` is the trim's offset inside the picture; `tile_pt` the size of
    the tiles compared (about a grid line).
    """
    import numpy as np
    from PIL import Image

    with Image.open(new_png) as im:
        new = np.asarray(im.convert("L"), dtype=np.int16)
    with Image.open(old_png) as im:
        old_im = im.convert("L")
        if old_im.size != (new.shape[1], new.shape[0]):
            old_im = old_im.resize((new.shape[1], new.shape[0]), Image.Resampling.BILINEAR)
        old = np.asarray(old_im, dtype=np.int16)
    mask = np.abs(new - old) > THRESHOLD
    tile = max(2, int(round(tile_pt * px_per_pt)))
    h, w = mask.shape
    boxes = _merged(components(cells(mask, tile)))
    out = []
    for r0, c0, r1, c1 in boxes:
        x0 = c0 * tile / px_per_pt - offset_pt
        y0 = r0 * tile / px_per_pt - offset_pt
        x1 = min(w, (c1 + 1) * tile) / px_per_pt - offset_pt
        y1 = min(h, (r1 + 1) * tile) / px_per_pt - offset_pt
        out.append(Rect(x0, y0, x1 - x0, y1 - y0))
    return out


def _merged(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Boxes of changed tiles merged while any two touch or overlap."""
    merged = True
    while merged:
        merged = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, b = boxes[i], boxes[j]
                if a[0] <= b[2] + 1 and b[0] <= a[2] + 1 and a[1] <= b[3] + 1 and b[1] <= a[3] + 1:
                    boxes[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del boxes[j]
                    merged = True
                    break
            if merged:
                break
    return sorted(boxes)


def draw_boxes(png: Path, out: Path, boxes: list[Rect], *, px_per_pt: float, offset_pt: float):
    """A copy of the proof picture with the changed regions boxed in green."""
    from PIL import Image, ImageDraw

    with Image.open(png) as im:
        img = im.convert("RGB")
    d = ImageDraw.Draw(img)
    width = max(2, int(round(1.5 * px_per_pt)))
    for r in boxes:
        x0 = (r.x + offset_pt) * px_per_pt
        y0 = (r.y + offset_pt) * px_per_pt
        d.rectangle(
            (x0, y0, x0 + r.w * px_per_pt, y0 + r.h * px_per_pt), outline=(0, 170, 50), width=width
        )
    img.save(out, optimize=False, compress_level=3)
