"""Preflight: external tools: qpdf --check, Ghostscript separations."""

from __future__ import annotations

import math
from pathlib import Path

from .findings import _MAX_TAC_AREAS, PreflightSettings, _Findings
from .geometry import _Pos
from .page import _PageBoxes

# ---------------------------------------------------------------------------
# External tools: qpdf --check, Ghostscript separations
# ---------------------------------------------------------------------------


def _check_qpdf(path: Path, out: _Findings) -> None:
    import shutil
    import subprocess

    qpdf = shutil.which("qpdf")
    if not qpdf:
        return
    try:
        r = subprocess.run(
            [qpdf, "--check", str(path)], capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        out.warning(None, "qpdf", f"qpdf --check could not run: {exc}")
        return
    if r.returncode in (0,):
        return
    lines = [
        ln.strip()
        for ln in (r.stdout + "\n" + r.stderr).splitlines()
        if ln.strip()
        and not ln.startswith(("checking ", "PDF Version", "File is", "No syntax", "errors that"))
    ]
    detail = "; ".join(lines[:3]) + (f"; … {len(lines) - 3} more" if len(lines) > 3 else "")
    if r.returncode == 3:
        out.warning(None, "qpdf", "qpdf --check reports warnings", detail)
    else:
        out.error(None, "qpdf", f"qpdf --check failed (exit {r.returncode})", detail)


def _check_syntax(pdf, out: _Findings) -> None:
    """qpdf's --check on an open file (pikepdf is libqpdf): its syntax and stream
    encoding problems as errors."""
    try:
        problems = pdf.check_pdf_syntax()
    except Exception as exc:
        out.error(None, "qpdf", f"qpdf check failed: {exc}")
        return
    if problems:
        detail = "; ".join(problems[:3]) + (
            f"; … {len(problems) - 3} more" if len(problems) > 3 else ""
        )
        out.error(None, "qpdf", "qpdf check reports problems", detail)


_PLATES = ("Cyan", "Magenta", "Yellow", "Black")


def _check_ink(path: Path, pages: list[_PageBoxes], settings: PreflightSettings, out: _Findings):
    import shutil
    import subprocess
    import tempfile

    gs = shutil.which("gs")
    if not gs:
        out.warning(None, "tac", "Ghostscript (gs) is not installed: ink coverage not checked")
        return
    import numpy as np
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="newspage-preflight-") as tmp:
        cmd = [
            gs,
            "-q",
            "-dSAFER",
            "-dBATCH",
            "-dNOPAUSE",
            "-sDEVICE=tiffsep",
            f"-r{int(settings.dpi)}",
            f"-sOutputFile={tmp}/p%03d.tif",
            str(path),
        ]
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as exc:
            out.warning(None, "tac", f"Ghostscript could not render the file: {exc}")
            return
        if r.returncode != 0:
            msg = (r.stderr or r.stdout).strip().splitlines()
            out.error(
                None,
                "tac",
                f"Ghostscript failed to render the file (exit {r.returncode})",
                msg[0] if msg else "",
            )
            return
        files = sorted(Path(tmp).iterdir())
        for n, boxes in enumerate(pages, start=1):
            composite = Path(tmp) / f"p{n:03d}.tif"
            if not composite.exists():
                out.warning(n, "tac", "Ghostscript rendered no image for this page")
                continue
            prefix = f"p{n:03d}("
            for f in files:
                if f.name.startswith(prefix) and f.name.endswith(").tif"):
                    plate = f.name[len(prefix) : -5]
                    if plate not in _PLATES:
                        out.error(n, "colour", f"spot colour plate '{plate}'", "separations")
            with Image.open(composite) as im:
                im.load()
                if im.mode != "CMYK":
                    out.warning(n, "tac", f"unexpected separation image mode {im.mode}")
                    continue
                arr = np.asarray(im)
            _tac_page(arr, n, boxes, settings, out)


def _tac_page(arr, n: int, boxes: _PageBoxes, settings: PreflightSettings, out: _Findings):
    import numpy as np

    if boxes.media is None:
        return
    # undo /Rotate: Ghostscript renders the page as displayed
    k = {90: 1, 180: 2, 270: 3}.get(boxes.rotate, 0)
    if k:
        arr = np.rot90(arr, k)
    h_px, w_px = arr.shape[:2]
    mx0, my0, mx1, my1 = boxes.media
    sx, sy = w_px / (mx1 - mx0), h_px / (my1 - my0)
    region = boxes.bleed or boxes.trim or boxes.media
    # pixels wholly inside the region, one more pixel in: marks may touch its edge
    c0 = max(0, math.ceil((region[0] - mx0) * sx) + 1)
    c1 = min(w_px, math.floor((region[2] - mx0) * sx) - 1)
    r0 = max(0, math.ceil((my1 - region[3]) * sy) + 1)
    r1 = min(h_px, math.floor((my1 - region[1]) * sy) - 1)
    if c1 <= c0 or r1 <= r0:
        return
    sub = arr[r0:r1, c0:c1]
    tac = sub.astype(np.uint16).sum(axis=2) * (100.0 / 255.0)
    out.info(n, "tac", f"max total ink {float(tac.max()):.0f} % (rendered)")
    out.tac_seen.add(n)
    over = tac > settings.tac_warn + 0.5  # 8-bit quantisation: 1/255 ≈ 0.4 %
    if not over.any():
        return
    pos = _Pos(boxes.trim or region)
    areas = _regions(over)
    areas.sort(key=lambda a: -float(tac[a[0] : a[2], a[1] : a[3]].max()))
    for i, (ra, ca, rb, cb) in enumerate(areas):
        if i == _MAX_TAC_AREAS:
            out.warning(n, "tac", f"{len(areas) - i} more areas over {settings.tac_warn:g} %")
            break
        peak = float(tac[ra:rb, ca:cb].max())
        count = int(over[ra:rb, ca:cb].sum())
        # pixel box → PDF points
        x0 = mx0 + (c0 + ca) / sx
        x1 = mx0 + (c0 + cb) / sx
        y1 = my1 - (r0 + ra) / sy
        y0 = my1 - (r0 + rb) / sy
        where = f"{pos.box((x0, y0, x1, y1))}, {count} px at {settings.dpi} dpi"
        if peak > settings.tac_error + 0.5:
            msg = f"total ink {peak:.0f} % over the {settings.tac_error:g} % limit"
            out.error(n, "tac", msg, where, merge=False)
        else:
            msg = f"total ink {peak:.0f} % over the {settings.tac_warn:g} % target"
            out.warning(n, "tac", msg, where, merge=False)


def _regions(mask) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (row0, col0, row1, col1) of the areas of a boolean mask, found on a
    coarse grid of 8 × 8 pixel cells (8-connected), so nearby specks form one area."""
    import numpy as np

    from ..regions import cells, components

    cell = 8
    boxes = []
    for rmin, cmin, rmax, cmax in components(cells(mask, cell)):
        block = mask[rmin * cell : (rmax + 1) * cell, cmin * cell : (cmax + 1) * cell]
        rows = np.nonzero(block.any(axis=1))[0]
        cols = np.nonzero(block.any(axis=0))[0]
        boxes.append(
            (
                rmin * cell + int(rows[0]),
                cmin * cell + int(cols[0]),
                rmin * cell + int(rows[-1]) + 1,
                cmin * cell + int(cols[-1]) + 1,
            )
        )
    return boxes
