"""An advertisement in its reserved rectangle: the ad's file, or a placeholder.

The rectangle is whole columns × whole grid lines (layout/makeup/reserve.py
reserves it before the make-up; nothing is placed over it). A PDF is placed
as a form XObject (its first page, by render), an image as an image; either
is scaled to fit the rectangle whole, never cropped or distorted, and
centred. Without a file the rectangle is a framed placeholder labelled 广告
with its size (广告 6栏×24行), for the ad department to fill.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..fonts import FontSet
from ..model import Ad
from ..style import Style
from .display import Form, Image
from .paint import Painter

if TYPE_CHECKING:
    from .reserve import Area

FRAME = 0.75  # pt, the placeholder's frame


def ad_label(ad: Ad) -> str:
    return f"广告 {ad.columns}栏×{ad.lines}行"


def ad_rect(area: Area, st: Style) -> tuple[float, float, float, float]:
    """The ad's rectangle on the page: x, y (top), width, height in pt."""
    return (
        st.column_x(area.col),
        st.area_top + area.top * st.pitch,
        st.span_width(area.span),
        area.depth * st.pitch,
    )


def draw_ad(paint: Painter, ad: Ad, area: Area, st: Style, fonts: FontSet) -> None:
    x, y, w, h = ad_rect(area, st)
    if ad.file is not None and ad.kind == "pdf":
        assert ad.sha256 is not None
        paint.display.forms.append(Form(x, y, w, h, ad.file, ad.sha256))
        return
    if ad.file is not None:
        iw, ih = _image_size(ad)
        scale = min(w / iw, h / ih)
        fw, fh = iw * scale, ih * scale
        paint.image(Image(x + (w - fw) / 2, y + (h - fh) / 2, fw, fh, ad.file))
        return
    # the placeholder: a frame, 广告 large in its middle, the size under it
    paint.box(x, y, w, h, FRAME)
    big = min(st.header_paper_size * 1.5, h / 3, w / 4)
    small = st.header_info_size * 1.2
    cx = x + w / 2
    base = y + h / 2 - 0.12 * big
    paint.centred(st.header_paper_font, big, cx, base, "广\u3000告", "ad")
    size = ad_label(ad).split(" ", 1)[1]
    paint.centred(st.header_info_font, small, cx, base + 0.5 * big + 1.2 * small, size, "ad")


def _image_size(ad: Ad) -> tuple[int, int]:
    from PIL import Image as PILImage

    assert ad.file is not None
    with PILImage.open(ad.file) as im:
        return im.size


# what of a placed file the press cares about (the page's own preflight finds the
# same inside the page; these name the ad and its file)
AD_CHECKS = ("colour", "fonts", "transparency", "images")


def ad_problems(ad: Ad) -> list[str]:
    """Why the ad's file is not ready for a K-only/CMYK newsprint page: colour that
    is not CMYK or grey, fonts not embedded (a PDF), an RGB image."""
    if ad.file is None:
        return []
    if ad.kind == "image":
        from PIL import Image as PILImage

        with PILImage.open(ad.file) as im:
            if im.mode not in ("1", "L", "LA", "CMYK", "I;16"):
                return [f"the image is {im.mode}, not CMYK or grey"]
        return []
    from ..preflight import PreflightSettings, preflight

    settings = PreflightSettings(check_ink=False, qpdf_in_process=True)
    seen: list[str] = []
    for f in preflight(ad.file, settings):
        if f.severity == "error" and f.check in AD_CHECKS and f.message not in seen:
            seen.append(f.message)
    return seen
