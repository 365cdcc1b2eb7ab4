"""An image file of an edition: resolved inside the edition folder, opened with Pillow.

Only JPEG, PNG and TIFF are accepted. The path is resolved (symlinks followed) and must
stay inside the edition folder, so an article cannot pull in any file of the machine.
Every problem is an `ImageFileError` with a sentence an editor can act on; the content
loader turns it into a ContentError naming the article and the file (exit 2).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "TIFF": "TIFF"}
# Larger than any press photo (a 100-megapixel back is 11 656 × 8 742); past this
# Pillow's decompression-bomb guard would refuse the file anyway.
MAX_PIXELS = 150_000_000


class ImageFileError(Exception):
    """An image file that cannot be used; the message says why."""


@dataclass(frozen=True)
class SourceInfo:
    path: Path  # resolved
    format: str  # JPEG, PNG or TIFF
    width_px: int  # after the EXIF orientation
    height_px: int
    sha256: str


def resolve_inside(root: Path, name: str) -> Path:
    """`name` (relative to the edition folder) resolved; outside the folder → error."""
    base = root.resolve()
    target = (base / name).resolve()
    if not target.is_relative_to(base):
        raise ImageFileError(
            f"the image file {name} is outside the edition folder {base} "
            f"(it resolves to {target}); images must be inside the edition"
        )
    if not target.exists():
        raise ImageFileError(f"the image file {name} does not exist (looked for {target})")
    if not target.is_file():
        raise ImageFileError(f"the image file {name} is not a file ({target})")
    return target


def read_source(path: Path, name: str) -> SourceInfo:
    """Opens and fully decodes `path` once (a truncated or damaged file fails here)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImageFileError(f"cannot read the image file {name}: {exc.strerror or exc}") from None
    digest = hashlib.sha256(data).hexdigest()
    im = open_image(data, name)
    w, h = oriented_size(im)
    return SourceInfo(path, FORMATS[im.format or ""], w, h, digest)


def open_image(data: bytes, name: str):
    """The decoded Pillow image of `data` (first frame of a multi-page TIFF)."""
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
            fmt = im.format
            if fmt not in FORMATS:
                what = f"a {fmt} image" if fmt else "not an image Pillow can read"
                raise ImageFileError(f"the image file {name} is {what}; use JPEG, PNG or TIFF")
            if im.width * im.height > MAX_PIXELS:
                raise ImageFileError(
                    f"the image file {name} has {im.width} × {im.height} pixels, "
                    f"more than {MAX_PIXELS:,}; reduce it first"
                )
            im.load()
    except ImageFileError:
        raise
    except Image.UnidentifiedImageError:
        raise ImageFileError(
            f"the image file {name} is not a JPEG, PNG or TIFF image Pillow can read"
        ) from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as exc:
        raise ImageFileError(f"the image file {name} cannot be decoded: {exc}") from None
    if im.width < 1 or im.height < 1:
        raise ImageFileError(f"the image file {name} has no pixels")
    return im


def oriented_size(im) -> tuple[int, int]:
    """Width and height as the picture is meant to be seen (EXIF orientation 5–8 swap)."""
    try:
        orientation = im.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block: Pillow raises many kinds; take it as unrotated
        orientation = 1
    if orientation in (5, 6, 7, 8):
        return im.height, im.width
    return im.width, im.height
