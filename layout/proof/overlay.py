"""The proof layer: a ProofPage drawn as a PDF page the size of the print page.

It is drawn on its own canvas and laid over a copy of the print PDF
(`stamp`), so the print file is never opened for writing and the print
page's content streams reach the proof unchanged. Proof colours are RGB:
the proof is for the screen and the office printer, never for plates.
"""

from __future__ import annotations

import io
from pathlib import Path

from .adapter import ProofPage, Rect

GRID = (0.0, 0.62, 0.85)
MODULE = (0.1, 0.25, 0.75)
RED = (0.86, 0.0, 0.0)
SHORT = (0.95, 0.55, 0.0)
HOLE = (0.75, 0.0, 0.75)
LOOSE = (0.9, 0.1, 0.45)
DIFF = (0.0, 0.7, 0.2)
LABEL_SIZE = 6.5


def overlay_pdf(page: ProofPage, font_name: str, changed: list[Rect] | None = None) -> bytes:
    """One PDF page (same MediaBox as the print page) with the proof marks."""
    from reportlab.pdfgen.canvas import Canvas

    off = page.bleed + page.slug
    media = (page.trim_w + 2 * off, page.trim_h + 2 * off)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=media, invariant=1, pageCompression=1)
    d = _Draw(c, off, page.trim_h, font_name)
    d.grid(page)
    for m in page.modules:
        d.outline(m.rect, MODULE, 0.9)
        d.tag(m.rect.x + 1, m.rect.y + 1, m.label, MODULE)
    for p in page.problems:
        if p.kind == "overset":
            d.fill(p.rect, RED, 1.0)
            d.tag(p.rect.x + p.rect.w, p.rect.y + p.rect.h + 1, p.label, RED, size=9, right=True)
        elif p.kind in ("short", "hole"):
            colour = SHORT if p.kind == "short" else HOLE
            for a in p.areas or (p.rect,):
                d.fill(a, colour, 0.22)
                d.outline(a, colour, 0.6, dash=True)
            big = max(p.areas or (p.rect,), key=lambda r: r.w * r.h)
            d.tag(big.x + big.w - 1, big.y + 1, p.label, colour, size=8, right=True)
        elif p.kind == "loose":
            d.margin_mark(page, p.rect, p.label)
        else:
            d.outline(p.rect, RED, 1.5)
            d.tag(p.rect.x + 1, p.rect.y + p.rect.h - 10, p.label, RED, size=8)
    for r in changed or []:
        d.outline(r, DIFF, 2.0)
    c.showPage()
    c.save()
    return buf.getvalue()


class _Draw:
    def __init__(self, c, off: float, trim_h: float, font: str):
        self.c = c
        self.off = off
        self.trim_h = trim_h
        self.font = font

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return self.off + x, self.off + self.trim_h - y

    def _rgb(self, colour, stroke: bool = True, fill: bool = True) -> None:
        if stroke:
            self.c.setStrokeColorRGB(*colour)
        if fill:
            self.c.setFillColorRGB(*colour)

    def fill(self, r: Rect, colour, alpha: float) -> None:
        c = self.c
        c.saveState()
        self._rgb(colour, stroke=False)
        c.setFillAlpha(alpha)
        x, y = self._xy(r.x, r.y + r.h)
        c.rect(x, y, r.w, r.h, stroke=0, fill=1)
        c.restoreState()

    def outline(self, r: Rect, colour, width: float, dash: bool = False) -> None:
        c = self.c
        c.saveState()
        self._rgb(colour, fill=False)
        c.setLineWidth(width)
        if dash:
            c.setDash(3, 2)
        x, y = self._xy(r.x, r.y + r.h)
        c.rect(x, y, r.w, r.h, stroke=1, fill=0)
        c.restoreState()

    def tag(
        self,
        x: float,
        y: float,
        text: str,
        colour,
        size: float = LABEL_SIZE,
        right: bool = False,
    ) -> None:
        """A label in white on a coloured ground, top-left (or top-right) at x, y."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        c = self.c
        w = stringWidth(text, self.font, size) + size * 0.6
        h = size * 1.3
        if right:
            x -= w
        px, py = self._xy(x, y + h)
        c.saveState()
        self._rgb(colour, stroke=False)
        c.rect(px, py, w, h, stroke=0, fill=1)
        c.setFillColorRGB(1, 1, 1)
        c.setFont(self.font, size)
        c.drawString(px + size * 0.3, py + size * 0.33, text)
        c.restoreState()

    def grid(self, page: ProofPage) -> None:
        """Column edges (dashed), column numbers above, line numbers every 5 lines."""
        c = self.c
        c.saveState()
        self._rgb(GRID)
        c.setLineWidth(0.3)
        c.setDash(2, 2)
        area = page.area
        for n, col in enumerate(page.columns):
            for x in (col.x, col.x + col.w):
                c.line(*self._xy(x, area.y), *self._xy(x, area.y + area.h))
            c.setFont(self.font, 6)
            cx, cy = self._xy(col.x + col.w / 2, area.y + area.h + 8)
            c.drawCentredString(cx, cy, str(n + 1))
        c.setDash()
        c.setFont(self.font, 5)
        for ln in range(0, page.lines + 1, 5):
            y = area.y + ln * page.pitch
            c.line(*self._xy(area.x - 6, y), *self._xy(area.x - 2, y))
            c.line(*self._xy(area.x + area.w + 2, y), *self._xy(area.x + area.w + 6, y))
            if ln % 10 == 0 and ln < page.lines:
                tx, ty = self._xy(area.x - 8, y + page.pitch * 0.8)
                c.drawRightString(tx, ty, str(ln + 1))
        c.restoreState()

    def margin_mark(self, page: ProofPage, r: Rect, label: str) -> None:
        """A loose line: a wedge in the page margin beside it, the line underlined."""
        c = self.c
        c.saveState()
        self._rgb(LOOSE)
        mid = r.y + r.h / 2
        x_tip = (
            page.area.x - 2
            if r.x < page.area.x + page.area.w / 2
            else page.area.x + page.area.w + 2
        )
        toward = 1 if x_tip < page.area.x else -1
        p = c.beginPath()
        p.moveTo(*self._xy(x_tip, mid))
        p.lineTo(*self._xy(x_tip - toward * 7, mid - 3.5))
        p.lineTo(*self._xy(x_tip - toward * 7, mid + 3.5))
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        c.setFont(self.font, 7)
        tx, ty = self._xy(x_tip - toward * 9, mid + 2.5)
        if toward > 0:
            c.drawRightString(tx, ty, label)
        else:
            c.drawString(tx, ty, label)
        c.setLineWidth(0.8)
        c.line(*self._xy(r.x, r.y + r.h), *self._xy(r.x + r.w, r.y + r.h))
        c.restoreState()


def stamp(print_pdf: Path, overlay: bytes, out: Path) -> None:
    """The proof PDF: the print page with the overlay drawn on top.

    The print page's content streams are kept as they are, bracketed by
    q … Q; the overlay is a form XObject in an optional content group
    "Proof" (a PDF viewer can hide it).
    """
    import os

    import pikepdf
    from pikepdf import Array, Dictionary, Name

    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with pikepdf.open(print_pdf) as pdf, pikepdf.open(io.BytesIO(overlay)) as over:
            page = pdf.pages[0]
            form = pdf.copy_foreign(over.pages[0].as_form_xobject())
            ocg = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=pikepdf.String("Proof")))
            form.OC = ocg
            pdf.Root.OCProperties = Dictionary(
                OCGs=Array([ocg]), D=Dictionary(Order=Array([ocg]), ON=Array([ocg]))
            )
            resources = page.obj.get("/Resources")
            if resources is None:
                resources = page.obj.Resources = Dictionary()
            if "/XObject" not in resources:
                resources.XObject = Dictionary()
            resources.XObject.NpProof = form
            contents = page.obj.Contents
            streams = list(contents) if isinstance(contents, Array) else [contents]
            before = pdf.make_stream(b"q\n")
            after = pdf.make_stream(b"Q\nq /NpProof Do Q\n")
            page.obj.Contents = Array([before, *streams, after])
            title = str(pdf.docinfo.get("/Title", ""))
            pdf.docinfo["/Title"] = pikepdf.String(f"{title} (proof)".strip())
            saved = io.BytesIO()  # qpdf aborts the process on a write error (disk full)
            pdf.save(saved, deterministic_id=True)
        tmp.write_bytes(saved.getvalue())
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()


def register_font(fonts, ref) -> str:
    """A reportlab name for the proof labels' CJK face (the style's info face)."""
    from reportlab.pdfbase import pdfmetrics

    from ..render import _reportlab_font

    face = fonts.face(*ref)
    name = f"np-proof-{face.key}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(_reportlab_font(name, face))
    return name
