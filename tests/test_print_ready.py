"""The sample page as a printing plant's prepress would check it, with their tools.

qpdf for syntax, pdfinfo for the boxes, pikepdf for the PDF/X keys, Ghostscript
separations for the plates and total ink; and byte-identical rebuilds.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from pdfcheck import PAGE3

from layout.cli import main
from layout.style import MM, load_style

# end-to-end: `pytest -m "not slow"` leaves these out of the quick loop
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"


def test_qpdf_check_clean(built):
    res = subprocess.run(["qpdf", "--check", str(built / PAGE3)], capture_output=True)
    assert res.returncode == 0, res.stdout.decode() + res.stderr.decode()


def test_boxes(built):
    out = subprocess.run(
        ["pdfinfo", "-box", str(built / PAGE3)], capture_output=True, text=True, check=True
    ).stdout
    boxes = {}
    for line in out.splitlines():
        name, _, rest = line.partition(":")
        if name.endswith("Box"):
            boxes[name] = [float(v) for v in rest.split()]
    style = load_style("tabloid")
    trim, bleed, media = boxes["TrimBox"], boxes["BleedBox"], boxes["MediaBox"]
    assert trim[2] - trim[0] == pytest.approx(270 * MM, abs=0.05)
    assert trim[3] - trim[1] == pytest.approx(390 * MM, abs=0.05)
    for i in (0, 1):
        assert trim[i] - bleed[i] == pytest.approx(3 * MM, abs=0.05)
        assert bleed[i] - media[i] == pytest.approx(style.slug, abs=0.05)
    for i in (2, 3):
        assert bleed[i] - trim[i] == pytest.approx(3 * MM, abs=0.05)


def test_pdfx_keys(built):
    import pikepdf

    with pikepdf.open(built / PAGE3) as pdf:
        assert pdf.pdf_version == "1.4"
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-1a:2003"
        assert pdf.docinfo["/Trapped"] == pikepdf.Name("/False")
        intents = [oi for oi in pdf.Root.OutputIntents if oi.S == pikepdf.Name.GTS_PDFX]
        assert len(intents) == 1
        assert str(intents[0].OutputConditionIdentifier) == "IFRA26"
        assert len(pdf.trailer.ID) == 2
        page = pdf.pages[0].obj
        assert "/TrimBox" in page and "/BleedBox" in page and "/ArtBox" not in page


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript not installed")
def test_separations_text_on_black_only(built, tmp_path):
    """Only the Black plate carries ink inside the trim; TAC stays at 100 %."""
    import numpy as np
    from PIL import Image

    subprocess.run(
        [
            "gs",
            "-q",
            "-dSAFER",
            "-dBATCH",
            "-dNOPAUSE",
            "-sDEVICE=tiffsep",
            "-r50",
            f"-sOutputFile={tmp_path}/p.tif",
            str(built / PAGE3),
        ],
        check=True,
    )
    style = load_style("tabloid")
    off = (style.bleed + style.slug) / 72 * 50  # trim offset in pixels at 50 dpi
    plates = {}
    for name in ("Cyan", "Magenta", "Yellow", "Black"):
        img = np.asarray(Image.open(tmp_path / f"p({name}).tif"), dtype=np.float32)
        h, w = img.shape
        inside = img[int(off) + 2 : h - int(off) - 2, int(off) + 2 : w - int(off) - 2]
        plates[name] = (255 - inside) / 255  # ink share 0..1
    for name in ("Cyan", "Magenta", "Yellow"):
        assert plates[name].max() == 0, f"{name} plate has ink inside the trim"
    assert plates["Black"].mean() > 0.02
    tac = sum(plates.values())
    assert tac.max() <= 2.4


def test_preflight_passes(built, capsys):
    assert main(["preflight", str(built / PAGE3)]) == 0
    assert "PASS" in capsys.readouterr().out


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_reproducible_builds(built, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPAGE_BUILD_CACHE", "0")  # really build twice
    again = tmp_path / "again"
    assert main(["build", str(SAMPLE), "-o", str(again), "--no-preflight"]) == 0
    assert _sha(again / PAGE3) == _sha(built / PAGE3)
    # SOURCE_DATE_EPOCH sets the dates, and the result is again stable
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["build", str(SAMPLE), "-o", str(one), "--no-preflight"]) == 0
    assert main(["build", str(SAMPLE), "-o", str(two), "--no-preflight"]) == 0
    assert _sha(one / PAGE3) == _sha(two / PAGE3)
    assert _sha(one / PAGE3) != _sha(built / PAGE3)
    assert b"20250615" in (one / PAGE3).read_bytes()
