"""Preflight: the public API."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from .document import _check_document
from .findings import Finding, PreflightSettings, _Findings, format_findings
from .page import _check_page, _PageBoxes
from .tools import _check_ink, _check_qpdf, _check_syntax


def check_images(pdf, out: _Findings) -> None:
    if getattr(pdf, "images", None) == 0:
        return  # a page we wrote without drawing an image (layout.pdfout)
    from ..photo.pdfimages import check_images as check

    check(pdf, out)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def preflight(
    path: Path,
    settings: PreflightSettings = PreflightSettings(),  # noqa: B008
    *,
    info: bool = False,
) -> list[Finding]:
    """All findings for one PDF. Never raises for a bad file: an unreadable or non-PDF
    file gives one error finding. `info` adds the figures (each image's pixels, colour
    space and effective ppi; each page's highest total ink) as severity "info"."""
    import pikepdf

    path = Path(path)
    out = _Findings()
    if not path.is_file():
        out.error(None, "read", "no such file")
        return out.result()
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        out.error(None, "read", "the file is encrypted with a password (PDF/X forbids encryption)")
        return out.result()
    except Exception as exc:
        out.error(None, "read", f"not a readable PDF: {exc}")
        return out.result()
    with pdf:
        _checks(pdf, path, settings, out)
    return [f for f in out.result() if info or f.severity != "info"]


def preflight_written(
    doc,
    path: Path,
    settings: PreflightSettings = PreflightSettings(),  # noqa: B008
    *,
    info: bool = False,
) -> list[Finding]:
    """All findings for a page we have just written (`layout.pdfout`), from the
    objects and instructions it was written from, without reading the file back:
    the same checks as `preflight`; the syntax check compares the file's
    cross-reference table with its bytes (`doc.data`). The Ghostscript render
    runs from `path` when the ink cannot be proven from the content."""
    out = _Findings()
    _checks(doc, Path(path), settings, out)
    return [f for f in out.result() if info or f.severity != "info"]


def _checks(pdf, path: Path, settings: PreflightSettings, out: _Findings) -> None:
    pages: list[_PageBoxes] = []
    try:
        x1a = _check_document(pdf, settings, out)
        if len(pdf.pages) == 0:
            out.error(None, "read", "the PDF has no pages")
        for n, page in enumerate(pdf.pages, start=1):
            pages.append(_check_page(pdf, page, n, x1a, settings, out))
        check_images(pdf, out)  # layout.photo.pdfimages: resolution, colour space
        if settings.qpdf_in_process:
            _check_syntax(pdf, out)
        else:
            _check_qpdf(path, out)
        if settings.check_ink and pages and _needs_render(pages, settings):
            _check_ink(path, pages, settings, out)
        for n, boxes in enumerate(pages, start=1):
            if boxes.ink_bound is not None and n not in out.tac_seen:
                out.info(n, "tac", f"max total ink {boxes.ink_bound:.0f} % (from the content)")
    except Exception as exc:  # a damaged file can break any step: report, don't crash
        out.error(None, "read", f"preflight could not finish: {type(exc).__name__}: {exc}")


def _needs_render(pages: list[_PageBoxes], settings: PreflightSettings) -> bool:
    """Whether the Ghostscript render is needed: always for ink="render"; for "prove"
    only when a page's inks cannot be bounded from its content, or the bound is over
    the TAC target (the render then finds the areas)."""
    if settings.ink == "render":
        return True
    return any(p.ink_bound is None or p.ink_bound > settings.tac_warn for p in pages)


def run(
    paths: Iterable[str],
    fmt: str = "text",
    settings: PreflightSettings = PreflightSettings(),  # noqa: B008
) -> int:
    """Preflight the files, print the findings; 0 pass, 1 any error, 2 a missing path."""
    results: dict[Path, list[Finding]] = {}
    missing = False
    for p in paths:
        path = Path(p)
        if not path.exists():
            missing = True
            print(f"newspage preflight: {p}: no such file", file=sys.stderr)
        results[path] = preflight(path, settings, info=True)
    print(format_findings(results, fmt))
    if missing:
        return 2
    bad = any(f.severity == "error" for fs in results.values() for f in fs)
    return 1 if bad else 0
