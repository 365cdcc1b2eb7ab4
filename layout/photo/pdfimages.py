"""The images placed in any PDF: pixels, colour space, size on the page, effective ppi.

`placed_images(pdf)` walks every page's content stream (and the Form XObjects it
draws, with their matrices) keeping the current transformation matrix, and lists
each image drawn (`Do` of an image XObject, or an inline image) with the size it is
printed at. The effective resolution is the image's pixels over that size, along its
lower axis. Pure pikepdf, no rendering: milliseconds per page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..preflight.geometry import _IDENTITY, Matrix, _mul  # one CTM arithmetic for both readers
from .quality import ERROR_PPI, WARN_PPI

MM = 72.0 / 25.4
_MAX_DEPTH = 16


@dataclass(frozen=True)
class PlacedImage:
    page: int  # 1-based
    name: str  # XObject name (/Im0) or "inline"
    width_px: int
    height_px: int
    colour: str  # DeviceGray, DeviceCMYK, DeviceRGB, ICCBased (3), Indexed (DeviceRGB), …
    bits: int
    mask: bool  # a stencil mask (ImageMask): its pixels take the fill colour
    width_mm: float  # printed size
    height_mm: float
    x_mm: float  # top-left corner of its bounding box, from the trim's top-left
    y_mm: float
    ppi: float  # effective: pixels per inch along the lower axis
    inks: str = ""  # for DeviceCMYK images: "K only" or the plates that carry ink

    def describe(self) -> str:
        kind = "stencil mask" if self.mask else f"{self.colour} {self.bits} bit"
        inks = f" ({self.inks})" if self.inks else ""
        return (
            f"image {self.name}: {self.width_px} × {self.height_px} px, {kind}{inks}, "
            f"{self.width_mm:.1f} × {self.height_mm:.1f} mm, {self.ppi:.0f} ppi"
        )

    @property
    def where(self) -> str:
        return f"x {self.x_mm:.1f} mm, y {self.y_mm:.1f} mm from the trim's top-left"


def _name(obj: Any) -> str:
    return str(obj) if obj is not None else ""


def colour_name(cs: Any) -> str:
    """A colour space object as text: /DeviceGray → DeviceGray, [/ICCBased s] → ICCBased (3)."""
    import pikepdf

    if cs is None:
        return "none"
    if isinstance(cs, pikepdf.Name):
        return str(cs)[1:]
    if isinstance(cs, pikepdf.Array) and len(cs) > 0:
        family = str(cs[0])[1:]
        if family == "ICCBased":
            try:
                return f"ICCBased ({int(cs[1].get('/N', 0))})"
            except Exception:
                return "ICCBased"
        if family == "Indexed" and len(cs) > 1:
            return f"Indexed ({colour_name(cs[1])})"
        if family == "Separation" and len(cs) > 1:
            return f"Separation ({str(cs[1])[1:]})"
        return family
    return str(cs)


def _cmyk_inks(xobj) -> str:
    """Which plates a DeviceCMYK image inks: 'K only' or e.g. 'C M Y K'."""
    try:
        from pikepdf import PdfImage

        im = PdfImage(xobj).as_pil_image()
        if im.mode != "CMYK":
            return ""
        plates = [name for name, (lo, hi) in zip("CMYK", im.getextrema(), strict=True) if hi > 0]
        return "K only" if plates == ["K"] else (" ".join(plates) or "no ink")
    except Exception:  # a filter pikepdf cannot decode: leave it unsaid
        return ""


def placed_images(pdf) -> list[PlacedImage]:
    """Every image drawn on every page of an open pikepdf.Pdf, in drawing order."""
    out: list[PlacedImage] = []
    for n, page in enumerate(pdf.pages, start=1):
        trim = _trim(page)
        res = _resources(page.obj)
        _walk(page.obj, res, _IDENTITY, n, trim, out, 0)
    return out


def _trim(page) -> tuple[float, float]:
    """(left, top) of the TrimBox (ArtBox, CropBox, MediaBox as fall-backs)."""
    for key in ("/TrimBox", "/ArtBox", "/CropBox", "/MediaBox"):
        box = _inherited(page.obj, key)
        if box is not None:
            x0, y0, x1, y1 = (float(v) for v in box)
            return min(x0, x1), max(y0, y1)
    return 0.0, 0.0


def _inherited(obj, key: str):
    seen = 0
    while obj is not None and seen < 32:
        if key in obj:
            return obj[key]
        obj = obj.get("/Parent")
        seen += 1
    return None


def _resources(obj):
    return _inherited(obj, "/Resources")


def _walk(stream_owner, resources, ctm: Matrix, n: int, trim, out, depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    xobjects = resources.get("/XObject") if resources is not None else None
    if not xobjects and not _may_hold_inline_image(stream_owner):
        return  # nothing to draw an image with: skip parsing the whole stream
    import pikepdf

    try:
        ops = pikepdf.parse_content_stream(stream_owner)
    except Exception:  # damaged stream: the structural checks report it
        return
    stack: list[Matrix] = []
    for item in ops:
        if isinstance(item, pikepdf.ContentStreamInlineImage):
            _inline(item, ctm, n, trim, out)
            continue
        operands, op = item
        op = str(op)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop() if stack else ctm
        elif op == "cm" and len(operands) == 6:
            ctm = _mul(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif op == "Do" and operands and xobjects is not None:
            xo = xobjects.get(operands[0])
            if xo is None:
                continue
            sub = _name(xo.get("/Subtype"))
            if sub == "/Image":
                out.append(_placed(xo, str(operands[0]), ctm, n, trim))
            elif sub == "/Form":
                m = xo.get("/Matrix")
                form_ctm = _mul(tuple(float(v) for v in m), ctm) if m is not None else ctm
                inner = xo.get("/Resources")
                _walk(
                    xo, inner if inner is not None else resources, form_ctm, n, trim, out, depth + 1
                )


def _may_hold_inline_image(stream_owner) -> bool:
    """False only when no content stream of `stream_owner` holds the inline-image
    operator BI; a text page has none, and parsing its thousands of glyph
    operators only to find no image took as long as the rest of preflight."""
    import re

    try:
        contents = stream_owner.get("/Contents") if "/Contents" in stream_owner else stream_owner
        streams = (
            contents
            if hasattr(contents, "__len__") and not hasattr(contents, "read_bytes")
            else [contents]
        )
        data = b"".join(st.read_bytes() for st in streams)
    except Exception:  # unreadable: let the parse decide (and fail) as before
        return True
    return re.search(rb"(?:^|\s)BI(?:\s|$)", data) is not None


def _geometry(ctm: Matrix, w_px: int, h_px: int, trim):
    a, b, c, d, e, f = ctm
    w_pt = math.hypot(a, b)
    h_pt = math.hypot(c, d)
    xs = [e, e + a, e + c, e + a + c]
    ys = [f, f + b, f + d, f + b + d]
    x_mm = (min(xs) - trim[0]) / MM
    y_mm = (trim[1] - max(ys)) / MM
    ppi_x = w_px / (w_pt / 72.0) if w_pt > 0 else math.inf
    ppi_y = h_px / (h_pt / 72.0) if h_pt > 0 else math.inf
    return w_pt / MM, h_pt / MM, x_mm, y_mm, min(ppi_x, ppi_y)


def _placed(xo, name: str, ctm: Matrix, n: int, trim) -> PlacedImage:
    w_px, h_px = int(xo.get("/Width", 0)), int(xo.get("/Height", 0))
    mask = bool(xo.get("/ImageMask", False))
    cs = xo.get("/ColorSpace")
    colour = "mask" if mask else colour_name(cs)
    bits = int(xo.get("/BitsPerComponent", 1 if mask else 8))
    inks = _cmyk_inks(xo) if colour == "DeviceCMYK" else ""
    w_mm, h_mm, x_mm, y_mm, ppi = _geometry(ctm, w_px, h_px, trim)
    return PlacedImage(n, name, w_px, h_px, colour, bits, mask, w_mm, h_mm, x_mm, y_mm, ppi, inks)


_INLINE_CS = {"/G": "DeviceGray", "/RGB": "DeviceRGB", "/CMYK": "DeviceCMYK", "/I": "Indexed"}


def _inline(item, ctm: Matrix, n: int, trim, out) -> None:
    try:
        img = item.iimage
        w_px, h_px = int(img.width), int(img.height)
        mask = bool(img.image_mask)
        cs = img.obj.get("/CS", img.obj.get("/ColorSpace"))
        colour = "mask" if mask else _INLINE_CS.get(str(cs), colour_name(cs))
        bits = int(img.bits_per_component)
    except Exception:
        return
    w_mm, h_mm, x_mm, y_mm, ppi = _geometry(ctm, w_px, h_px, trim)
    out.append(
        PlacedImage(n, "inline", w_px, h_px, colour, bits, mask, w_mm, h_mm, x_mm, y_mm, ppi)
    )


def resolution_problem(img: PlacedImage) -> tuple[str, str] | None:
    """(severity, message) for a photo below 200 / 120 ppi; masks and 1-bit art exempt."""
    if img.mask or img.bits == 1 or not math.isfinite(img.ppi):
        return None
    if img.ppi < ERROR_PPI:
        return "error", f"image {img.name} has {img.ppi:.0f} ppi, below {ERROR_PPI:.0f} ppi"
    if img.ppi < WARN_PPI:
        return "warning", f"image {img.name} has {img.ppi:.0f} ppi, below {WARN_PPI:.0f} ppi"
    return None


def check_images(pdf, out) -> None:
    """Preflight hook: each placed image as an "info" finding (pixels, colour space,
    printed size, ppi), and a photo under 200 / 120 ppi as a warning / an error."""
    for img in placed_images(pdf):
        out.info(img.page, "images", img.describe(), img.where)
        problem = resolution_problem(img)
        if problem:
            out.add(problem[0], img.page, "images", problem[1], img.where, merge=False)
