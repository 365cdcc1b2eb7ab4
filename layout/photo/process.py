"""An image as it is printed: cropped, one black channel, at most 300 ppi, cached.

`prepare(ref, crop, w_pt, h_pt)` gives the 8-bit DeviceGray pixels of the photo at
its printed size: the crop of the (EXIF-oriented) source, flattened on white if it
has transparency, converted to luminance, down-sampled (Lanczos) when the source has
more than `MAX_PPI` at that size (never up-sampled), then mapped through the newsprint
curve (`tone.gray_lut`). The bytes are a pure function of the source bytes, the crop
and the output size, so a rebuild embeds byte-identical images; they are cached on
disk under that key as a greyscale PNG (`$NEWSPAGE_CACHE/photos/<key>.png`), so a warm
build decodes no source; render embeds the PNG's pixels (DeviceGray, Flate).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..model import ImageRef
from .crop import Crop
from .source import ImageFileError, open_image
from .tone import DOT_AT, DOT_MAX, DOT_MIN, GAIN_AT, gray_lut

MAX_PPI = 300.0  # down-sample above this
# Bump when the code that makes the pixels changes (resampling, conversion); the
# curve's and the resolution's numbers are part of the key by themselves.
PIPELINE_VERSION = "2"


@dataclass(frozen=True)
class PrintedImage:
    """8-bit grey pixels (DeviceGray: 255 = no ink) in a greyscale PNG of the cache."""

    path: Path
    width_px: int
    height_px: int
    key: str  # sha256 of what the pixels are made from
    source_ppi: float  # effective resolution of the source at the printed size

    def data(self) -> bytes:
        """The pixels, top row first."""
        from PIL import Image

        with Image.open(self.path) as im:
            return im.tobytes()


def effective_ppi(crop: Crop, w_pt: float, h_pt: float) -> float:
    """Source pixels per inch of the crop printed at w_pt × h_pt (the lower axis)."""
    return min(crop.width / (w_pt / 72.0), crop.height / (h_pt / 72.0))


def output_size(crop: Crop, w_pt: float, h_pt: float) -> tuple[int, int]:
    """Pixels written: the crop's own, or fewer when it has more than MAX_PPI."""
    if effective_ppi(crop, w_pt, h_pt) <= MAX_PPI:
        return crop.width, crop.height
    return max(1, round(w_pt / 72.0 * MAX_PPI)), max(1, round(h_pt / 72.0 * MAX_PPI))


def cache_key(ref: ImageRef, crop: Crop, size: tuple[int, int]) -> str:
    recipe = f"{PIPELINE_VERSION}|{MAX_PPI}|{DOT_AT},{GAIN_AT},{DOT_MIN},{DOT_MAX}"
    ident = f"{recipe}|{ref.sha256}|{crop.x0},{crop.y0},{crop.x1},{crop.y1}|{size}"
    return hashlib.sha256(ident.encode()).hexdigest()


def photo_cache() -> Path:
    from ..fonts import cache_dir

    return cache_dir() / "photos"


def prepare(ref: ImageRef, crop: Crop, w_pt: float, h_pt: float) -> PrintedImage:
    """The photo's printed pixels for `crop` set at w_pt × h_pt (points)."""
    size = output_size(crop, w_pt, h_pt)
    key = cache_key(ref, crop, size)
    path = photo_cache() / f"{key}.png"
    ppi = effective_ppi(crop, w_pt, h_pt)
    if not path.is_file():
        from PIL import Image

        data = render_pixels(ref, crop, size)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        Image.frombytes("L", size, data).save(tmp, "PNG", compress_level=6)
        os.replace(tmp, path)  # atomic: a reader never sees half a file
    return PrintedImage(path, size[0], size[1], key, ppi)


def render_pixels(ref: ImageRef, crop: Crop, size: tuple[int, int]) -> bytes:
    """Crop → luminance → Lanczos to `size` (if smaller) → newsprint curve, as bytes."""
    from PIL import Image, ImageOps

    try:
        data = ref.file.read_bytes()
    except OSError as exc:
        raise ImageFileError(f"cannot read the image file {ref.name}: {exc}") from None
    im = ImageOps.exif_transpose(open_image(data, ref.name))
    if im.size != (ref.width_px, ref.height_px):
        raise ImageFileError(f"the image file {ref.name} changed while the edition was read")
    im = to_luminance(im.crop((crop.x0, crop.y0, crop.x1, crop.y1)))
    if im.size != size:
        im = im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    return im.point(list(gray_lut())).tobytes()


def to_luminance(im):
    """Any Pillow mode → 'L' (transparent parts on white paper, 16-bit scaled down)."""
    from PIL import Image

    if im.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        peak = 65535 if im.mode.startswith("I;16") else max(1, im.getextrema()[1])
        return im.convert("I").point(lambda v: v * (255.0 / peak)).convert("L")
    if im.mode == "F":
        lo, hi = im.getextrema()
        span = (hi - lo) or 1.0
        return im.point(lambda v: (v - lo) * (255.0 / span)).convert("L")
    if im.mode == "P":
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("L")
    if im.mode == "CMYK":
        im = im.convert("RGB")
    return im.convert("L")
