"""Our own PDF writer (layout/pdfout) and the preflight of a page as written.

The writer must give what reportlab and pikepdf gave: the same font subsets,
the same numbers in the content, a file qpdf and our full preflight accept;
and the preflight of the written objects must find what a preflight of the
file finds, and catch what is wrong in them.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from layout.pdfout.objects import Name, fmt

WENKAI = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
CREATED = dt.datetime(2025, 6, 12, tzinfo=dt.UTC)


def test_numbers_as_reportlab_writes_them():
    from reportlab.lib.rl_accel import fp_str

    rng = random.Random(16)
    values = [0, 1, -1, 0.5, -0.25, 1000, 1000.0, 100.5, 1e-8, 8.28, 108.6957, 12345678.9]
    values += [rng.uniform(-2000, 2000) for _ in range(20000)]
    values += [rng.uniform(-2, 2) for _ in range(5000)]
    for v in values:
        assert fmt(v) == fp_str(v), v


def test_subset_is_reportlabs(tmp_path):
    if not WENKAI.exists():
        pytest.skip("LXGW WenKai not installed")
    from reportlab.pdfbase.ttfonts import TTFont

    from layout import rlface
    from layout.pdfout import truetype

    face = TTFont("ref", str(WENKAI)).face
    store = tmp_path / "wenkai.face"
    rlface.write(face, store)
    light = truetype.load(store, WENKAI)
    text = "新闻出版，印刷就绪。“引号”——破折号 Page 3 ＡＢＣ"
    subset = [0] + [ord(c) for c in dict.fromkeys(text)]
    assert truetype.make_subset(light, subset) == face.makeSubset(subset)
    for c in map(ord, text + "\ufffe"):
        assert light.width(c) == face.getCharWidth(c)
        assert light.glyph(c) == face.charToGlyph.get(c)


def _written(sample_run, tmp_path):
    """The sample page rendered by render_page: (the Written doc, its file)."""
    from layout.pipeline import render_run_page

    run = sample_run
    out = tmp_path / "page.pdf"
    doc = render_run_page(run, run.pages[0], out)
    assert doc is not None, "a text page is written by layout.pdfout"
    return doc, out


def _key(findings):
    return sorted((f.severity, f.page, f.check, f.message) for f in findings)


def test_written_page_passes_and_reads_as_the_file(sample_run, tmp_path):
    from layout.pipeline import preflight_settings
    from layout.preflight import preflight
    from layout.preflight.api import preflight_written

    doc, out = _written(sample_run, tmp_path)
    assert out.read_bytes() == doc.data
    settings = preflight_settings(sample_run.style)
    as_written = preflight_written(doc, out, settings, info=True)
    from_file = preflight(out, settings, info=True)
    assert not [f for f in as_written if f.severity != "info"], as_written
    assert _key(as_written) == _key(from_file)
    if shutil.which("qpdf"):
        r = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
    # the same input gives the same bytes
    again, out2 = _written(sample_run, tmp_path / "again")
    assert out2.read_bytes() == out.read_bytes()


def test_written_page_keys(sample_run, tmp_path):
    import pikepdf

    doc, out = _written(sample_run, tmp_path)
    with pikepdf.open(out) as pdf:
        assert pdf.pdf_version == "1.4"
        info = pdf.docinfo
        assert str(info.GTS_PDFXVersion) == "PDF/X-1a:2003" and info.Trapped == Name("/False")
        (oi,) = list(pdf.Root.OutputIntents)
        assert str(oi.S) == "/GTS_PDFX" and str(oi.OutputConditionIdentifier) == "IFRA26"
        meta = pdf.open_metadata()
        assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-1a:2003"
        assert meta["dc:title"] == str(info.Title)
        tags = [str(f.BaseFont)[1:7] for f in pdf.pages[0].Resources.Font.values()]
        assert len(set(tags)) == len(tags) and "AAAAAA" not in tags
        page = pdf.pages[0]
        assert [float(v) for v in page.TrimBox] == [float(v) for v in doc.pages[0].obj["/TrimBox"]]


def test_preflight_of_written_objects_finds_faults(sample_run, tmp_path):
    from layout.pipeline import preflight_settings
    from layout.preflight.api import preflight_written

    settings = preflight_settings(sample_run.style)
    doc, out = _written(sample_run, tmp_path)
    page = doc.pages[0]
    # an RGB colour before the text
    page.instructions.insert(1, ([1, 0, 0], "rg"))
    errors = [f.message for f in preflight_written(doc, out, settings) if f.severity == "error"]
    assert any("RGB" in m for m in errors), errors
    # no output intent
    doc, out = _written(sample_run, tmp_path / "b")
    del doc.Root["/OutputIntents"]
    errors = [f.message for f in preflight_written(doc, out, settings) if f.severity == "error"]
    assert any("OutputIntents" in m for m in errors), errors
    # a cross-reference entry that misses its object
    doc, out = _written(sample_run, tmp_path / "c")
    doc.offsets[3] += 1
    errors = [f.check for f in preflight_written(doc, out, settings) if f.severity == "error"]
    assert "qpdf" in errors


def test_advances_read_as_a_dict():
    from layout.advances import Advances, Overlay, pack

    rng = random.Random(3)
    plain = {rng.randrange(0x30000): rng.random() for _ in range(3000)}
    adv = Advances(*pack(plain))
    assert dict(adv.items()) == plain and len(adv) == len(plain)
    for c in [*list(plain)[:500], 0, 5, 0x2FFFF, 0x10FFFF]:
        assert (c in adv) == (c in plain)
        assert adv.get(c) == plain.get(c)
    assert dict(pickle.loads(pickle.dumps(adv)).items()) == plain
    over = Overlay(adv, {7: 0.5})
    assert over.get(7) == 0.5 and 7 in over and over.get(next(iter(plain))) is not None


def test_face_files_without_renderer_part_give_the_same_page(tmp_path):
    """A face first embedded (its face file has no renderer part yet) is parsed
    once and the page still comes from our writer: the same bytes as with a
    warm cache, not reportlab's."""
    from layout import facefile
    from layout.fonts import cache_dir

    shared = cache_dir()
    mine = tmp_path / "cache"
    (mine / "fonts").mkdir(parents=True)
    for f in (shared / "fonts").iterdir():
        meta = facefile.read_meta(f) if f.suffix == ".face" else None
        if meta is not None:
            facefile.write(mine / "fonts" / f.name, meta)  # measured, never embedded
        elif not f.name.startswith("."):
            (mine / "fonts" / f.name).symlink_to(f)
    for name in ("faces", "reportlab", "words"):
        (shared / name).mkdir(parents=True, exist_ok=True)
        (mine / name).symlink_to(shared / name, target_is_directory=True)
    if (shared / "hashes.json").is_file():
        (mine / "hashes.json").symlink_to(shared / "hashes.json")
    env = {**os.environ, "NEWSPAGE_CACHE": str(mine), "NEWSPAGE_BUILD_CACHE": "0"}
    root = Path(__file__).resolve().parent.parent
    pages = []
    for run in ("cold", "warm"):
        out = tmp_path / run
        cmd = [sys.executable, "-m", "layout", "build", "content/sample", "-o", str(out)]
        r = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        (pdf,) = out.glob("*.pdf")
        pages.append(pdf.read_bytes())
    assert pages[0] == pages[1]
    assert b"reportlab" not in pages[0]
