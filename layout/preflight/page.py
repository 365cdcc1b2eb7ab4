"""Preflight: page-level checks."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import _SIZE_TOL, MM, PreflightSettings, _Findings
from .geometry import _box, _fmt_box, _get, _inherited, _inside, _intersects, _num, _Pos
from .walker import _GState, _PageCtx, _Walker

# ---------------------------------------------------------------------------
# Page-level checks
# ---------------------------------------------------------------------------


@dataclass
class _PageBoxes:
    media: tuple | None
    trim: tuple | None  # TrimBox, else ArtBox
    bleed: tuple | None
    rotate: int
    # from the content walk: most total ink (%) the page can put down inside its
    # BleedBox, None when only a render can tell (see PreflightSettings.ink)
    ink_bound: float | None = None


def _check_boxes(page_obj, n: int, settings: PreflightSettings, out: _Findings) -> _PageBoxes:
    media = _box(_inherited(page_obj, "/MediaBox"))
    crop = _box(_inherited(page_obj, "/CropBox"))
    trim_obj, art_obj = _get(page_obj, "/TrimBox"), _get(page_obj, "/ArtBox")
    trim, art = _box(trim_obj), _box(art_obj)
    bleed = _box(_get(page_obj, "/BleedBox"))
    rotate = int(_num(_inherited(page_obj, "/Rotate"), 0)) % 360
    if media is None:
        out.error(n, "boxes", "no valid MediaBox")
    if trim_obj is not None and art_obj is not None:
        out.error(n, "boxes", "both TrimBox and ArtBox (exactly one of them allowed)")
    elif trim is None and art is None:
        out.error(n, "boxes", "no TrimBox (or ArtBox)")
    the_trim = trim or art
    trim_label = "TrimBox" if trim else "ArtBox"
    if bleed is None:
        out.error(n, "boxes", "no BleedBox")
    if the_trim and bleed and not _inside(the_trim, bleed):
        out.error(
            n,
            "boxes",
            f"{trim_label} is not inside the BleedBox",
            f"{trim_label} {_fmt_box(the_trim)}, BleedBox {_fmt_box(bleed)}",
        )
    if media:
        for label, b in (("BleedBox", bleed), (trim_label, the_trim), ("CropBox", crop)):
            if b and not _inside(b, media):
                out.error(
                    n,
                    "boxes",
                    f"{label} is not inside the MediaBox",
                    f"{label} {_fmt_box(b)}, MediaBox {_fmt_box(media)}",
                )
    if crop and bleed and not _inside(bleed, crop):
        out.error(
            n,
            "boxes",
            "CropBox does not contain the BleedBox",
            f"CropBox {_fmt_box(crop)}, BleedBox {_fmt_box(bleed)}",
        )
    if the_trim and settings.trim_size_pt:
        w, h = the_trim[2] - the_trim[0], the_trim[3] - the_trim[1]
        ew, eh = settings.trim_size_pt
        if abs(w - ew) > _SIZE_TOL or abs(h - eh) > _SIZE_TOL:
            out.error(
                n,
                "boxes",
                f"trim size {w / MM:.1f} × {h / MM:.1f} mm, "
                f"expected {ew / MM:.1f} × {eh / MM:.1f} mm",
                f"{trim_label} {_fmt_box(the_trim)}",
            )
    if the_trim and bleed and settings.bleed_pt is not None:
        sides = (
            the_trim[0] - bleed[0],
            the_trim[1] - bleed[1],
            bleed[2] - the_trim[2],
            bleed[3] - the_trim[3],
        )
        if any(abs(s - settings.bleed_pt) > _SIZE_TOL for s in sides):
            got = "/".join(f"{s / MM:.1f}" for s in sides)
            out.error(
                n,
                "boxes",
                f"bleed {got} mm (left/bottom/right/top), expected {settings.bleed_pt / MM:.1f} mm",
                f"BleedBox {_fmt_box(bleed)}",
            )
    return _PageBoxes(media, the_trim, bleed, rotate)


def _walk_stream(ctx: _PageCtx, stream, resources, where: str) -> None:
    from .kinds import instructions as parse

    try:
        instructions = parse(stream)
    except Exception as exc:
        ctx.out.error(ctx.number, "content", f"cannot parse content stream: {exc}", where)
        return
    _Walker(ctx, resources, where, _GState(), 1).run(instructions)


def _check_annotations(page_obj, ctx: _PageCtx, boxes: _PageBoxes) -> None:
    annots = _get(page_obj, "/Annots")
    if annots is None:
        return
    area = boxes.bleed or boxes.trim or boxes.media
    try:
        items = list(annots)
    except TypeError:
        return
    for i, a in enumerate(items):
        sub = str(_get(a, "/Subtype", ""))
        rect = _box(_get(a, "/Rect", []))
        where = f"annotation {i} {sub}" + (f" at {ctx.pos.box(rect)}" if rect else "")
        if sub not in ("/TrapNet", "/PrinterMark", "/Popup") and rect and area:
            if _intersects(rect, area):
                ctx.out.error(ctx.number, "content", f"annotation {sub} inside the BleedBox", where)
        for key in ("/C", "/IC"):
            col = _get(a, key)
            try:
                if col is not None and len(col) == 3:
                    ctx.out.error(ctx.number, "colour", f"annotation colour {key} is RGB", where)
            except TypeError:
                pass
        flags = int(_num(_get(a, "/F"), 0))
        ap = _get(_get(a, "/AP"), "/N")
        if ap is not None and flags & 4:
            streams = [ap] if hasattr(ap, "read_bytes") else [v for _, v in ap.items()]
            for st in streams:
                if hasattr(st, "read_bytes"):
                    _walk_stream(ctx, st, _get(st, "/Resources"), f"{where} appearance")


def _check_page(pdf, page, n: int, x1a: bool, settings: PreflightSettings, out: _Findings):
    from .kinds import instructions as parse

    obj = page.obj
    boxes = _check_boxes(obj, n, settings, out)
    ref = boxes.trim or boxes.bleed or boxes.media or (0.0, 0.0, 0.0, 0.0)
    measure = boxes.bleed or boxes.trim or boxes.media or ref
    ctx = _PageCtx(n, _Pos(ref), measure, x1a, settings, out)
    if x1a:
        grp = _get(obj, "/Group")
        if grp is not None and str(_get(grp, "/S", "")) == "/Transparency":
            out.error(n, "transparency", "page transparency group (/Group)", "page dictionary")
    resources = _inherited(obj, "/Resources")
    try:
        instructions = parse(page)
    except Exception as exc:
        out.error(n, "content", f"cannot parse the page content: {exc}")
        instructions = []
    _Walker(ctx, resources, "content", _GState(), 0).run(instructions)
    _check_annotations(obj, ctx, boxes)
    boxes.ink_bound = ctx.ink_bound()

    # fonts: every one in the resources we walked, used or not
    for key, (info, res_name) in ctx.fonts.items():
        used = key in ctx.used_fonts
        if not info.embedded:
            detail = f"resource {res_name}" + ("" if used else ", not used by any text")
            out.error(n, "fonts", f"font {info.base} is not embedded", detail)
        if used and info.needs_tounicode():
            out.warning(
                n,
                "fonts",
                f"font {info.base} has no ToUnicode map (its text cannot be searched or copied)",
                f"resource {res_name}",
            )
    return boxes
