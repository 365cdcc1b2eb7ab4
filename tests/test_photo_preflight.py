"""`newspage preflight` on PDFs with images: pixels, colour space, effective ppi, max TAC."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from photo_helpers import gradient

from layout.pdfx import finish_pdfx
from layout.preflight import PreflightSettings, preflight, run

INCH = 72.0
UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
NO_INK = PreflightSettings(check_ink=False)


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "UKai" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("UKai", str(UKAI), subfontIndex=0))
    return "UKai"


def _pdf(tmp_path: Path, draws) -> Path:
    """A 4 × 4 in PDF/X page; `draws` = [(PIL image, x, y, w, h)] in points."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    raw = tmp_path / "raw.pdf"
    c = Canvas(
        str(raw),
        pagesize=(4 * INCH, 4 * INCH),
        invariant=1,
        pdfVersion=(1, 4),
        initialFontName=_font(),  # an embedded font, not reportlab's Helvetica
    )
    c.setTrimBox((0, 0, 4 * INCH, 4 * INCH))
    c.setBleedBox((0, 0, 4 * INCH, 4 * INCH))
    for im, x, y, w, h in draws:
        c.drawImage(ImageReader(im), x, y, w, h)
    c.showPage()
    c.save()
    out = tmp_path / "page.pdf"
    finish_pdfx(raw, out, title="t", created=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    return out


def _images(findings):
    return [f for f in findings if f.check == "images"]


def test_grey_image_reported_with_size_and_ppi(tmp_path):
    grey = gradient(600, 400, "L")
    pdf = _pdf(tmp_path, [(grey, 36, 36, 2 * INCH, 4 / 3 * INCH)])  # 300 ppi
    found = _images(preflight(pdf, NO_INK, info=True))
    assert [f.severity for f in found] == ["info"]
    msg = found[0].message
    assert "600 × 400 px" in msg and "DeviceGray 8 bit" in msg and "300 ppi" in msg
    assert "50.8 × 33.9 mm" in msg
    assert "x 12.7 mm" in found[0].where
    # info findings are figures, not problems: without info=True they are left out
    assert _images(preflight(pdf, NO_INK)) == []


def test_image_drawn_twice_is_embedded_once(tmp_path):
    import pikepdf

    grey = gradient(300, 200, "L")
    pdf = _pdf(tmp_path, [(grey, 10, 10, 72, 48), (grey, 100, 100, 144, 96)])
    with pikepdf.open(pdf) as doc:
        xobjects = doc.pages[0].Resources.XObject
        assert len([k for k in xobjects.keys() if xobjects[k].Subtype == "/Image"]) == 1
    found = _images(preflight(pdf, NO_INK, info=True))
    # two placements, one at 300 ppi, one at 150 ppi (a warning)
    assert [f.severity for f in found] == ["info", "info", "warning"]


@pytest.mark.parametrize(("width_in", "severity"), [(1.0, None), (2.0, "warning"), (3.0, "error")])
def test_low_resolution_thresholds(tmp_path, width_in, severity):
    grey = gradient(300, 300, "L")  # 300, 150 and 100 ppi
    pdf = _pdf(tmp_path, [(grey, 0, 0, width_in * INCH, width_in * INCH)])
    problems = [f for f in _images(preflight(pdf, NO_INK)) if f.severity != "info"]
    assert [f.severity for f in problems] == ([severity] if severity else [])


def test_rgb_image_is_reported_and_fails(tmp_path):
    pdf = _pdf(tmp_path, [(gradient(200, 200, "RGB"), 0, 0, 48, 48)])
    findings = preflight(pdf, NO_INK, info=True)
    assert any("DeviceRGB" in f.message for f in _images(findings))
    assert any(f.severity == "error" and f.check == "colour" for f in findings)


def test_cmyk_image_inks_are_named(tmp_path):
    from PIL import Image

    k_only = Image.merge("CMYK", [Image.new("L", (100, 100), 0)] * 3 + [gradient(100, 100, "L")])
    pdf = _pdf(tmp_path, [(k_only, 0, 0, 24, 24)])
    found = _images(preflight(pdf, NO_INK, info=True))
    assert "DeviceCMYK 8 bit (K only)" in found[0].message


def test_run_prints_images_and_max_tac(tmp_path, capsys):
    pdf = _pdf(tmp_path, [(gradient(600, 600, "L"), 0, 0, 144, 144)])
    assert run([str(pdf)], "text", PreflightSettings()) == 0
    out = capsys.readouterr().out
    assert "info images: image" in out and "600 × 600 px" in out
    assert "info tac: max total ink" in out
    assert out.strip().splitlines()[-1] == f"{pdf}: PASS (0 errors, 0 warnings)"


def test_same_image_on_two_pages_is_embedded_once_when_combined(tmp_path):
    import pikepdf

    from layout.photo.dedupe import share_images

    grey = gradient(300, 200, "L")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = _pdf(tmp_path / "a", [(grey, 10, 10, 72, 48)])
    b = _pdf(tmp_path / "b", [(grey, 50, 50, 144, 96)])
    out = tmp_path / "both.pdf"

    def images(path: Path) -> int:
        with pikepdf.open(path) as doc:
            return sum(
                1
                for o in doc.objects
                if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
            )

    with pikepdf.open(a) as first, pikepdf.open(b) as other:
        first.pages.extend(other.pages)
        assert share_images(first) == 1
        first.save(out)
    assert images(out) == 1
    found = _images(preflight(out, NO_INK, info=True))
    # still drawn on both pages
    assert [f.page for f in found if f.severity == "info"] == [1, 2]
