"""Images found by preflight's walk, inline ones included: the walk skips a
content stream that has no XObjects and no BI operator, so that a text page is
not parsed twice; these tests pin that the skip never hides an image."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from layout.photo.pdfimages import placed_images


def _pdf(tmp_path: Path, draw) -> Path:
    out = tmp_path / "page.pdf"
    c = canvas.Canvas(str(out), pagesize=(200, 200))
    draw(c, tmp_path)
    c.showPage()
    c.save()
    return out


def _image(tmp_path: Path) -> str:
    path = tmp_path / "px.png"
    Image.new("RGB", (8, 8), (200, 10, 10)).save(path)
    return str(path)


@pytest.mark.parametrize("inline", [True, False])
def test_an_image_is_found_inline_or_as_xobject(tmp_path, inline):
    def draw(c, d):
        c.drawString(10, 10, "BI text that only looks like the operator")
        if inline:
            c.drawInlineImage(_image(d), 20, 20, 50, 50)
        else:
            c.drawImage(_image(d), 20, 20, 50, 50)

    with pikepdf.open(_pdf(tmp_path, draw)) as pdf:
        found = placed_images(pdf)
    assert len(found) == 1
    assert found[0].colour == "DeviceRGB"
    assert found[0].width_px == 8


def test_a_text_page_has_no_image(tmp_path):
    def draw(c, d):
        c.drawString(10, 10, "BI")  # the letters B I inside a string are not the operator

    with pikepdf.open(_pdf(tmp_path, draw)) as pdf:
        assert placed_images(pdf) == []
