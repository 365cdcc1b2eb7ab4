"""A page's display list → print-ready PDF (reportlab), written atomically.

Only this module knows reportlab. It reads the display list alone: faces are
named in it (`FaceRef`), positions are final, nothing is looked up in the
style or the font set. Geometry: the MediaBox is the trim plus
bleed plus a slug for marks on every side:

    +-------------------------------- MediaBox ---+
    |  slug: crop marks, registration, slug line  |
    |   +------------------------ BleedBox ---+   |
    |   |   +-------------------- TrimBox -+  |   |
    |   |   |  header, type area (grid)     |  |   |
    |   |   +-------------------------------+  |   |
    |   +-------------------------------------+   |
    +---------------------------------------------+

All text and rules are DeviceCMYK, black is K only (C=M=Y=0); tints are K
percentages; marks are in the Separation /All colour. The file is written
to a temporary name, finished as PDF/X (layout.pdfx) and renamed, so a failed
build never leaves a half-written PDF.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .fonts import outlines
from .makeup import DisplayList, FaceRef, GlyphRun, Image, PageLayout
from .marks import MARK_LEN, MARK_OFFSET, MARK_WIDTH, TARGET_R, crop_marks
from .outdir import write_bytes_atomic

K_BLACK = (0.0, 0.0, 0.0, 1.0)


def render_page(
    layout: PageLayout | DisplayList,
    fonts: object,  # unused: the display list names its faces (kept for callers)
    out_path: Path,
    *,
    title: str,
    created: dt.datetime,
    slug_text: str = "",
    status: str = "",
    proof: bool = False,
    settings=None,
    press=None,
    slug_fallback: dict | None = None,
) -> object | None:
    """Draw the page, finish it as PDF/X and put it at `out_path` atomically.

    `status` non-empty (overset, a hole) marks the page not final in its slug
    and XMP; `proof` marks it a proof. `settings` are the PdfxSettings (output
    intent and profile), `press` the style's PrintSettings (marks, overprint).
    `slug_fallback` maps a character of the slug the slug face lacks to the
    face to draw it in. The slug ends with the build time and a short hash of the page's content,
    which also gives the XMP InstanceID and the /ID.
    """
    from .pdfx import PdfxSettings, content_digest, pdf_date, xmp_date
    from .press import PrintSettings

    dl = layout.display if isinstance(layout, PageLayout) else layout
    press = press or PrintSettings()
    settings = settings or PdfxSettings()
    note = ""  # a page that is not final says so in the top slug, in full in XMP
    if proof:
        note = f"校样 PROOF, NOT FOR PRESS: {status or 'proof'}"
    elif status:
        note = f"NOT FINAL: {status}"
    if len(note) > 70:  # left of the registration target mid-side
        note = note[:69] + "…"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if not dl.images and not dl.forms:
        from .pdfout.page import build, faces_for, profile_bytes

        faces = faces_for(dl)
        if faces is not None:  # every face's file is cached: write the page directly
            doc = build(
                dl,
                faces,
                title=title,
                created=created,
                status=status,
                proof=proof,
                settings=settings,
                press=press,
                slug_text=slug_text,
                note=note,
                slug_fallback=slug_fallback or {},
                outlines=outlines,
                profile=profile_bytes(settings),
            )
            write_bytes_atomic(out_path, doc.write())
            return doc
    forms = [tuple(dl.forms)] if dl.forms else []  # ads placed from PDF files
    digest = content_digest(dl, title, pdf_date(created), status, proof, settings, press, *forms)
    if slug_text:
        stamp = xmp_date(created)[:16].replace("T", " ")  # UTC
        slug_text += f"  {stamp}Z  #{digest[:8]}" + ("  NOT FINAL" if note else "")
    _render_reportlab(
        dl,
        out_path,
        title,
        created,
        digest,
        status,
        proof,
        settings,
        press,
        slug_text,
        note,
        slug_fallback,
    )
    return None


def _render_reportlab(
    dl,
    out_path,
    title,
    created,
    digest,
    status,
    proof,
    settings,
    press,
    slug_text,
    note,
    slug_fallback,
) -> None:
    """A page with photos or placed PDFs: drawn by reportlab, finished by pikepdf."""
    from reportlab.lib.colors import CMYKColor, CMYKColorSep
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    from .pdfx import finish_pdfx

    st = dl.sheet
    off = st.bleed + st.slug  # trim's offset inside the MediaBox
    media_w = st.trim_w + 2 * off
    media_h = st.trim_h + 2 * off

    names: dict[FaceRef, str] = {}
    for face in dl.faces():
        name = f"np-{face.key}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(_reportlab_font(name, face))
        names[face] = name
    raw = out_path.with_name(f".{out_path.name}.{os.getpid()}.raw")
    done = out_path.with_name(f".{out_path.name}.{os.getpid()}.tmp")
    try:
        c = Canvas(
            str(raw),
            pagesize=(media_w, media_h),
            invariant=1,
            pdfVersion=(1, 4),
            enforceColorSpace="sep_cmyk",
            initialFontName=names[dl.default_face],
            pageCompression=1,
        )
        c.setTitle(title)
        c.setAuthor("newspage")
        c.setCreator("newspage")
        c.setProducer("newspage (reportlab)")
        c.setSubject(title)
        trim = (off, off, off + st.trim_w, off + st.trim_h)
        bleed = (
            off - st.bleed,
            off - st.bleed,
            off + st.trim_w + st.bleed,
            off + st.trim_h + st.bleed,
        )
        c.setTrimBox(trim)
        c.setBleedBox(bleed)

        black = CMYKColor(*K_BLACK)
        # Coldset practice: black text and rules overprint (ExtGState /op /OP
        # true, /OPM 1), so a misregistered plate never shows a white halo.
        # Every ink on the page is black (K), so all of it may overprint.
        if press.overprint:
            c.setFillOverprint(True)
            c.setStrokeOverprint(True)
            c.setOverprintMask(True)

        def y_pdf(y: float) -> float:
            return off + st.trim_h - y

        # boxes: tints first, then frames
        for box in dl.boxes:
            x, y = off + box.x, y_pdf(box.y + box.h)
            if box.tint:
                c.setFillColor(CMYKColor(0, 0, 0, box.tint))
                c.rect(x, y, box.w, box.h, stroke=0, fill=1)
            if box.stroke:
                c.setStrokeColor(black)
                c.setLineWidth(box.stroke)
                c.rect(x, y, box.w, box.h, stroke=1, fill=0)
        for im in dl.images:
            _draw_image(c, im, off, y_pdf)
        c.setStrokeColor(black)
        for r in dl.rules:
            c.setLineWidth(r.width)
            c.line(off + r.x0, y_pdf(r.y0), off + r.x1, y_pdf(r.y1))

        c.setFillColor(black)
        for run in dl.runs:
            _draw_run(c, run, names, off, y_pdf)

        if st.crop_marks:
            if press.marks == "registration":  # on all four plates
                _draw_marks(c, st, off, CMYKColorSep(1, 1, 1, 1, spotName="All"))
            elif press.marks == "k":  # black plate only
                _draw_marks(c, st, off, black)
            if slug_text:
                c.setFillColor(black)
                y = off - st.bleed - MARK_OFFSET - 6
                _draw_slug(c, dl.slug_face, slug_fallback or {}, slug_text, off + MARK_LEN, y)
            if note:
                c.setFillColor(black)
                y = off + st.trim_h + st.bleed + MARK_OFFSET + 1
                _draw_slug(c, dl.slug_face, slug_fallback or {}, note, off + MARK_LEN, y)
        c.showPage()
        c.save()
        if dl.forms:  # ads: pages of PDFs placed as form XObjects
            _place_forms(raw, dl.forms, off, st.trim_h)
        finish_pdfx(
            raw,
            done,
            title=title,
            created=created,
            settings=settings,
            digest=digest,
            status=status,
            proof=proof,
        )
        os.replace(done, out_path)
    finally:
        for tmp in (raw, done):
            if tmp.exists():
                tmp.unlink()


def _reportlab_font(name: str, face):
    """A reportlab TTFont read from the compact, memory-mapped face cache (layout.rlface).

    reportlab parses the whole cmap, hmtx and loca of a font on load (0.2 s for
    a 65 535-glyph CJK face); that parse is added once to the face's metrics
    file (layout.fonts.face_file), and a build maps it.
    """
    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

    from . import rlface
    from .fonts import face_file

    store = face_file(face.pdf_file, face.pdf_index)
    parsed = rlface.read(store, face.pdf_file)
    if parsed is None:
        fresh = TTFont(name, str(face.pdf_file), subfontIndex=face.pdf_index)
        try:
            rlface.write(fresh.face, store)
        except OSError:  # a cache that cannot be written (disk full) only costs time
            return fresh
        parsed = rlface.read(store, face.pdf_file)
        if parsed is None:
            return fresh
    # what TTFont.__init__ sets besides the face, which comes from the cache
    from weakref import WeakKeyDictionary

    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = parsed
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = False
    return font


def _draw_run(c, run: GlyphRun, names: dict[FaceRef, str], off: float, y_pdf) -> None:
    """One line as segments of glyphs set solid; each placed by its own Tm.

    Spacing is never expressed with Tc: PDF readers built on pdfminer drop
    the Tc after the last glyph of each string (and reportlab splits strings
    at every font-subset change), so they would see uneven gaps that print
    correctly. Explicit origins read back the same everywhere.
    """
    glyphs = run.glyphs
    if not glyphs:
        return
    size = run.size
    x0 = off + run.x
    base = y_pdf(run.baseline)
    t = c.beginText()
    # 扁体: a smaller size stretched back to full width (Tz), so advances stay
    # on the character grid.
    t.setHorizScale(100.0 / run.condense)
    current = None
    for seg in run.segments:
        face = getattr(seg, "face", None)  # a fallback face (layout/fallback.py)
        if face is None:
            face = run.alt_face if seg.alt and run.alt_face is not None else run.face
        font = names[face]
        if font != current:
            t.setFont(font, size * run.condense)
            current = font
        t.setTextOrigin(x0 + glyphs[seg.start].x * size, base)
        t.textOut("".join(g.ch for g in glyphs[seg.start : seg.end]))
    c.drawText(t)


def _draw_image(c, im: Image, off: float, y_pdf) -> None:
    """A picture filling its frame; `crop` selects the part of the source shown."""
    from reportlab.lib.utils import ImageReader

    reader = ImageReader(str(im.path))
    iw, ih = reader.getSize()
    cx0, cy0, cx1, cy1 = im.crop
    # scale so that the crop fills the frame, then clip to the frame
    sx = im.w / ((cx1 - cx0) * iw)
    sy = im.h / ((cy1 - cy0) * ih)
    x, y = off + im.x, y_pdf(im.y + im.h)
    c.saveState()
    path = c.beginPath()
    path.rect(x, y, im.w, im.h)
    c.clipPath(path, stroke=0, fill=0)
    c.drawImage(
        reader,
        x - cx0 * iw * sx,
        y - (1 - cy1) * ih * sy,
        width=iw * sx,
        height=ih * sy,
    )
    c.restoreState()


def _place_forms(raw: Path, forms, off: float, trim_h: float) -> None:
    """Each form's PDF page (its TrimBox) as a form XObject scaled into its frame,
    aspect kept and centred (pikepdf's overlay), over what reportlab drew."""
    from contextlib import ExitStack

    import pikepdf

    with ExitStack() as stack:
        pdf = stack.enter_context(pikepdf.open(raw, allow_overwriting_input=True))
        page = pdf.pages[0]
        for f in forms:
            src = stack.enter_context(pikepdf.open(f.path))
            y = off + trim_h - (f.y + f.h)
            rect = pikepdf.Rectangle(off + f.x, y, off + f.x + f.w, y + f.h)
            page.add_overlay(src.pages[0], rect)
        pdf.save(raw)


def _draw_slug(c, slug_face, fallback: dict, text: str, x: float, y: float) -> None:
    """The slug line as 6 pt outlines; a character the slug face lacks is drawn
    in its fallback face (`fallback`: character → FaceRef)."""
    from .pdfout.content import slug_runs

    size = 6
    for face, run in slug_runs(text, slug_face, fallback):
        x = _draw_outlined(c, face, run, x, y, size)


def _draw_outlined(c, face, text: str, x: float, y: float, size: float) -> float:
    """Text as filled outlines: slug information is artwork, not page text."""
    from fontTools.pens.basePen import BasePen
    from fontTools.pens.transformPen import TransformPen

    class CanvasPathPen(BasePen):  # fontTools pen → reportlab PDF path
        def _moveTo(self, p):
            path.moveTo(*p)

        def _lineTo(self, p):
            path.lineTo(*p)

        def _curveToOne(self, p1, p2, p3):
            path.curveTo(*p1, *p2, *p3)

        def _closePath(self):
            path.close()

    path = c.beginPath()
    pen = CanvasPathPen(None)
    for calls, advance in outlines(face, text):
        tp = TransformPen(pen, (size, 0, 0, size, x, y))
        for op, args in calls:
            getattr(tp, op)(*args)
        x += advance * size
    c.drawPath(path, stroke=0, fill=1)
    return x


def _draw_marks(c, st, off: float, colour) -> None:
    """Crop marks at the trim corners, registration targets mid-side."""
    c.setStrokeColor(colour)
    c.setLineWidth(MARK_WIDTH)
    lines, targets = crop_marks(st, off)
    for x0, y0, x1, y1 in lines:
        c.line(x0, y0, x1, y1)
    for cx, cy in targets:
        c.circle(cx, cy, TARGET_R * 0.6, stroke=1, fill=0)
        c.line(cx - TARGET_R, cy, cx + TARGET_R, cy)
        c.line(cx, cy - TARGET_R, cx, cy + TARGET_R)
