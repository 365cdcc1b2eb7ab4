"""`newspage proof`: per page a proof PDF (print page + proof layer) and a PNG.

The print PDFs are written by the same function `build` uses, into a
temporary folder, and only read from there: the proof layer is laid over
a copy, so it never reaches print. PNGs are rendered in this process with
pypdfium2 (no subprocess per page).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .adapter import ProofPage, Rect, proof_page
from .diff import changed_regions, draw_boxes
from .overlay import overlay_pdf, register_font, stamp

Progress = Callable[[str, int, int], None]


@dataclass
class PageProof:
    page: ProofPage
    pdf: Path
    png: Path
    changed: list[Rect] | None = None  # with --diff: regions that changed
    diff_png: Path | None = None


@dataclass
class ProofResult:
    pages: list[PageProof] = field(default_factory=list)
    run: object = None  # the pipeline's Run (layouts, for the report)


def render_png(pdf: Path, png: Path, dpi: float) -> None:
    """The first page of `pdf` as a PNG at `dpi`, whole MediaBox."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        image = page.render(scale=dpi / 72.0).to_pil()
        page.close()
    finally:
        doc.close()
    image.save(png, optimize=False, compress_level=3)


def proof(
    edition_dir: Path | str,
    out_dir: Path,
    *,
    dpi: float = 100.0,
    diff: Path | None = None,
    progress: Progress | None = None,
) -> ProofResult:
    from ..pipeline import lay_out, write_pdfs

    run = lay_out(edition_dir, progress=progress)
    out_dir.mkdir(parents=True, exist_ok=True)
    st = run.style
    font = register_font(run.fonts, st.header_info_font)
    result = ProofResult(run=run)
    total = len(run.pages)
    with tempfile.TemporaryDirectory(prefix="newspage-proof-") as tmp:
        prints = write_pdfs(run, Path(tmp), progress=progress)
        for n, (lay, print_pdf) in enumerate(zip(run.pages, prints, strict=True), 1):
            if progress:
                progress("proof", n, total)
            pp = proof_page(lay, run.edition)
            stem = f"page-{lay.page.number:02d}"
            pdf = out_dir / f"{stem}.proof.pdf"
            png = out_dir / f"{stem}.png"
            stamp(print_pdf, overlay_pdf(pp, font), pdf)
            render_png(pdf, png, dpi)
            item = PageProof(pp, pdf, png)
            if diff is not None:
                _diff(item, Path(diff) / png.name, print_pdf, font, dpi, st.pitch)
            result.pages.append(item)
    (out_dir / "proof.json").write_text(
        json.dumps(_json(result), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return result


def _diff(item: PageProof, old_png: Path, print_pdf: Path, font: str, dpi: float, pitch: float):
    """Box what changed against the earlier proof's PNG of the same page number."""
    pp = item.page
    off = pp.bleed + pp.slug
    scale = dpi / 72.0
    if old_png.exists():
        boxes = changed_regions(item.png, old_png, px_per_pt=scale, offset_pt=off, tile_pt=pitch)
    else:  # a page the earlier proof did not have: all of it is new
        boxes = [Rect(0.0, 0.0, pp.trim_w, pp.trim_h)]
    item.changed = boxes
    if boxes:
        stamp(print_pdf, overlay_pdf(pp, font, changed=boxes), item.pdf)
    item.diff_png = item.png.with_name(item.png.stem + ".diff.png")
    draw_boxes(item.png, item.diff_png, boxes, px_per_pt=scale, offset_pt=off)


def _json(result: ProofResult) -> dict:
    def rect(r: Rect) -> list[float]:
        return [round(r.x, 2), round(r.y, 2), round(r.w, 2), round(r.h, 2)]

    pages = []
    for item in result.pages:
        pp = item.page
        pages.append(
            {
                "page": pp.number,
                "name": pp.name,
                "pdf": item.pdf.name,
                "png": item.png.name,
                "modules": [
                    {**{k: v for k, v in asdict(m).items() if k != "rect"}, "rect": rect(m.rect)}
                    for m in pp.modules
                ],
                "problems": [
                    {
                        "id": p.id,
                        "kind": p.kind,
                        "article": p.article,
                        "label": p.label,
                        "message": p.message,
                        "rect": rect(p.rect),
                    }
                    for p in pp.problems
                ],
                "notes": pp.notes,
                "changed": None if item.changed is None else [rect(r) for r in item.changed],
            }
        )
    return {"pages": pages}
