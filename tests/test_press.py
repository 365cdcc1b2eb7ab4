"""Issue 14 items 11–17: what a plant's prepress finds after PDF/X-1a passes.

Each test builds real pages and reads them back with pikepdf, pdfplumber,
pdffonts, pdftoppm or Ghostscript separations.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pdfcheck import PAGE3, open_pdf
from stable import settle

from layout.cli import main

# end-to-end: `pytest -m "not slow"` leaves these out of the quick loop
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"
DEMO = ROOT / "content" / "demo"
SWOP = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")  # Debian libgs-common


def edition(tmp_path: Path, style: str | None = None, name: str = "ed") -> Path:
    """A copy of the sample; `style` is YAML for a style that extends tabloid."""
    ed = tmp_path / name
    shutil.copytree(SAMPLE, ed)
    if style is not None:
        (ed / "ours.yaml").write_text("extends: tabloid\n" + style, encoding="utf-8")
        y = ed / "edition.yaml"
        y.write_text(y.read_text(encoding="utf-8").replace("style: tabloid", "style: ours.yaml"))
    return ed


def build(ed: Path, out: Path, *extra: str) -> int:
    return main(["build", str(settle(ed)), "-o", str(out), *extra])


def font_programs(pdf_path: Path) -> list[tuple[str, str]]:
    """(BaseFont, SHA-256 of its embedded program) for every font object."""
    import pikepdf

    out = []
    with pikepdf.open(pdf_path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
                desc = obj.get("/FontDescriptor")
                if desc is None or "/FontFile2" not in desc:
                    continue
                data = desc.FontFile2.read_bytes()
                out.append((str(obj.BaseFont), hashlib.sha256(data).hexdigest()))
    return out


# --- 11: subset tags ---------------------------------------------------------


def test_subset_tags_unique_and_derived_from_glyphs(built, tmp_path):
    fonts = font_programs(built / PAGE3)
    tags = [name[1:7] for name, _ in fonts]
    assert len(fonts) >= 5
    assert len(set(tags)) == len(tags), tags  # reportlab gave AAAAAA+ to four subsets
    assert all(re.fullmatch(r"/[A-Z]{6}\+\S+", name) for name, _ in fonts)
    # a name always means one glyph program, across pages of a combined file
    ed = edition(tmp_path)
    y = ed / "edition.yaml"
    y.write_text(
        y.read_text(encoding="utf-8") + "  - number: 4\n    section: 要闻\n    name: 要闻\n",
        encoding="utf-8",
    )
    for src in ("01-hengshan.md", "02-xiaoge-yizhan.md"):  # the same faces, other glyphs
        text = (ed / "articles" / src).read_text(encoding="utf-8")
        (ed / "articles" / ("p4-" + src)).write_text(
            text.replace("section: 街镇", "section: 要闻"), encoding="utf-8"
        )
    out = tmp_path / "out"
    build(ed, out, "--combined", "--no-preflight", "--force")
    by_name: dict[str, set[str]] = {}
    for name, prog in font_programs(out / "edition.pdf"):
        by_name.setdefault(name, set()).add(prog)
    assert all(len(p) == 1 for p in by_name.values()), by_name
    listing = subprocess.run(["pdffonts", str(out / "edition.pdf")], capture_output=True, text=True)
    names = [ln.split()[0] for ln in listing.stdout.splitlines()[2:]]
    assert not any(n.startswith("AAAAAA+") for n in names), names


# --- 12: a corrected page differs from the first one -------------------------


def _ids(pdf_path: Path) -> tuple[str, bytes, str]:
    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        meta = pdf.open_metadata()
        return meta.get("xmpMM:InstanceID"), bytes(pdf.trailer.ID[0]), meta.get("xmpMM:DocumentID")


def _slug_pixels(pdf_path: Path, tmp: Path) -> bytes:
    """The strip below the BleedBox (crop marks and the slug line), rendered."""
    with open_pdf(pdf_path) as pdf:
        page = pdf.pages[0]
        below = page.bleedbox[3]  # top of the strip, pt from the top
        width, height = page.width, page.height
    dpi = 100
    png = tmp / f"slug-{hashlib.sha1(str(pdf_path).encode()).hexdigest()[:6]}"
    y = int(below * dpi / 72) + 1
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-x", "0", "-y", str(y),
         "-W", str(int(width * dpi / 72)), "-H", str(int((height - below) * dpi / 72) - 2),
         str(pdf_path), str(png)],
        check=True,
    )  # fmt: skip
    return next(tmp.glob(png.name + "*")).read_bytes()


def test_corrected_page_has_new_ids_and_slug(built, tmp_path):
    ed = edition(tmp_path)
    art = ed / "articles" / "01-hengshan.md"
    art.write_text(art.read_text(encoding="utf-8").replace("王阿姨", "李阿姨", 1), "utf-8")
    out = tmp_path / "out"
    assert build(ed, out, "--no-preflight") == 0
    first, fixed = built / PAGE3, out / PAGE3
    inst0, id0, doc0 = _ids(first)
    inst1, id1, doc1 = _ids(fixed)
    assert inst0 != inst1 and id0 != id1
    assert doc0 == doc1  # the same document, another instance
    assert inst1.startswith("uuid:")
    assert _slug_pixels(first, tmp_path) != _slug_pixels(fixed, tmp_path)
    # identical input: byte-identical
    again = tmp_path / "again"
    assert build(ed, again, "--no-preflight") == 0
    assert (again / PAGE3).read_bytes() == fixed.read_bytes()


# --- 13: overset or a hole is not ready for print ----------------------------


@pytest.fixture(scope="module")
def demo_out(demo_built):
    """`newspage build content/demo --combined` (conftest: exit 1, page 3 overset)."""
    return demo_built


def _meta(pdf_path: Path) -> dict:
    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        m = pdf.open_metadata()
        return {
            "class": m.get("xmpMM:RenditionClass"),
            "label": m.get("xmp:Label", ""),
            "status": str(pdf.docinfo.get("/NewspageStatus", "")),
        }


def test_overset_page_is_written_as_a_proof(demo_out, capsys):
    names = sorted(p.name for p in demo_out.glob("江城晚报-*.pdf"))  # not edition.pdf
    # pages 2 and 4 fit (page 4's photos fill it); page 3 has overset: a proof
    assert names == [
        "江城晚报-2025-09-18-02.pdf",
        "江城晚报-2025-09-18-03.proof.pdf",
        "江城晚报-2025-09-18-04.pdf",
    ], names
    proof = demo_out / "江城晚报-2025-09-18-03.proof.pdf"
    meta = _meta(proof)
    assert meta["class"] == "proof" and "overset" in meta["label"] and "overset" in meta["status"]
    assert _meta(demo_out / names[0])["class"] == "default"
    capsys.readouterr()
    assert main(["preflight", str(proof)]) == 1
    assert "not ready for print" in capsys.readouterr().out
    assert main(["preflight", str(demo_out / names[0]), "--format", "text"]) == 0


def test_forced_overset_page_is_print_file_marked_not_final(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(DEMO), "-o", str(out), "--force"]) == 1
    pdf = out / "江城晚报-2025-09-18-03.pdf"
    assert pdf.is_file() and not list(out.glob("*.proof.pdf"))
    meta = _meta(pdf)
    assert meta["class"] == "draft" and meta["label"].startswith("not final")
    assert "not ready for print" in capsys.readouterr().out
    # the slug says so too: the note above the bleed is ink a final page lacks
    final = out / "江城晚报-2025-09-18-02.pdf"
    assert _top_slug_ink(pdf, tmp_path) > _top_slug_ink(final, tmp_path) + 200


def _top_slug_ink(pdf_path: Path, tmp: Path) -> int:
    """Dark pixels in the strip above the BleedBox (marks and the not-final note)."""
    from PIL import Image

    with open_pdf(pdf_path) as pdf:
        page = pdf.pages[0]
        top, width = page.bleedbox[1], page.width
    dpi = 100
    png = tmp / f"top-{pdf_path.stem[-8:]}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", "-png", "-x", "0", "-y", "0",
         "-W", str(int(width * dpi / 72)), "-H", str(int(top * dpi / 72) - 1),
         str(pdf_path), str(png)],
        check=True,
    )  # fmt: skip
    img = Image.open(str(png) + ".png").convert("L")
    return sum(img.histogram()[:128])


# --- 14: file names ----------------------------------------------------------


def test_file_names_carry_paper_date_page_and_follow_a_pattern(tmp_path, capsys):
    one = edition(tmp_path, name="one")
    two = edition(tmp_path, name="two")
    y = two / "edition.yaml"
    y.write_text(y.read_text(encoding="utf-8").replace("2025-06-12", "2025-06-13"), "utf-8")
    out = tmp_path / "out"
    assert build(one, out, "--no-preflight") == 0
    assert build(two, out, "--no-preflight") == 0
    assert {p.name for p in out.glob("*.pdf")} == {
        "富阳日报-2025-06-12-03.pdf",
        "富阳日报-2025-06-13-03.pdf",
    }
    assert build(one, out, "--no-preflight", "--name", "{edition}_{date}_p{page:03d}.pdf") == 0
    assert (out / "one_2025-06-12_p003.pdf").is_file()
    assert build(one, out, "--name", "{date}.pdf") == 2  # no {page}: pages would collide
    assert "{page}" in capsys.readouterr().err
    styled = edition(tmp_path, 'print:\n  file_name: "fy{date}-{page}"\n', name="styled")
    assert build(styled, tmp_path / "s", "--no-preflight") == 0
    assert (tmp_path / "s" / "fy2025-06-12-3.pdf").is_file()


# --- 15: black overprints ------------------------------------------------------


def test_black_text_and_rules_overprint(built, tmp_path):
    import pikepdf

    with pikepdf.open(built / PAGE3) as pdf:
        page = pdf.pages[0]
        states = {str(k): dict(v.items()) for k, v in page.Resources.ExtGState.items()}
        ops = pikepdf.parse_content_stream(page)
        first_bt = next(i for i, (_, op) in enumerate(ops) if str(op) == "BT")
        first_line = next(i for i, (_, op) in enumerate(ops) if str(op) == "S")
        active: dict = {}  # the graphics state in force before the first text and rule
        for args, op in ops[: min(first_bt, first_line)]:
            if str(op) == "gs":
                active.update(states[str(args[0])])
    assert bool(active.get("/op")) and bool(active.get("/OP")) and int(active["/OPM"]) == 1
    # off: no overprint state at all
    ed = edition(tmp_path, "print:\n  overprint: false\n")
    out = tmp_path / "out"
    assert build(ed, out, "--no-preflight") == 0
    with pikepdf.open(out / PAGE3) as pdf:
        res = pdf.pages[0].Resources
        assert not any(bool(s.get("/op")) for s in (res.get("/ExtGState") or {}).values())


# --- 16: the plant's ICC profile ---------------------------------------------


@pytest.mark.skipif(not SWOP.is_file(), reason="Ghostscript's ICC profiles not installed")
def test_output_profile_embedded(tmp_path, capsys):
    import pikepdf

    ed = edition(tmp_path, f"print:\n  output_profile: {SWOP}\n  output_condition: SWOP test\n")
    out = tmp_path / "out"
    assert build(ed, out) == 0  # and our preflight accepts it
    with pikepdf.open(out / PAGE3) as pdf:
        (oi,) = list(pdf.Root.OutputIntents)
        prof = oi.DestOutputProfile
        assert prof.read_bytes() == SWOP.read_bytes() and int(prof.N) == 4
        assert str(oi.OutputConditionIdentifier) == "Custom"
        assert str(oi.OutputCondition) == "SWOP test"
        assert "/RegistryName" not in oi
    # not an ICC output profile: a clear error, exit 2
    (ed / "plant.icc").write_bytes(b"not a profile" * 20)
    bad = edition(tmp_path, "print:\n  output_profile: plant.icc\n", name="bad")
    (bad / "plant.icc").write_bytes(b"not a profile" * 20)
    capsys.readouterr()
    assert build(bad, tmp_path / "o2") == 2
    err = capsys.readouterr().err
    assert "print.output_profile" in err and "not an ICC profile" in err


# --- 17: marks -----------------------------------------------------------------


def _marks(pdf_path: Path) -> list[tuple]:
    """Stroke colours of the lines outside the BleedBox (the marks)."""
    with open_pdf(pdf_path) as pdf:
        page = pdf.pages[0]
        x0, top, x1, bottom = page.bleedbox
        out = []
        for obj in page.lines + page.curves:
            outside = obj["x1"] < x0 or obj["x0"] > x1 or obj["bottom"] < top or obj["top"] > bottom
            if outside and obj.get("stroke"):  # the slug line is filled outlines
                col = obj.get("stroking_color")
                # a Separation (/All) colour reads back as its tint alone
                out.append(tuple(col) if isinstance(col, (tuple, list)) else ("tint", col))
        return out


def _plates(pdf_path: Path, tmp: Path) -> dict[str, float]:
    """Ink of each plate over the whole MediaBox (Ghostscript ink_cov, percent)."""
    res = subprocess.run(
        ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=ink_cov", "-r20",
         "-o", "-", str(pdf_path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    c, m, y, k = (float(v) for v in res.stdout.split()[:4])
    return {"C": c, "M": m, "Y": y, "K": k}


def test_marks_registration_k_or_none(built, tmp_path):
    reg = _marks(built / PAGE3)
    assert len(reg) >= 8  # crop marks and registration targets
    assert set(reg) == {("tint", 1)} or set(reg) == {("tint", 1.0)}, set(reg)
    k_ed = edition(tmp_path, "print:\n  marks: k\n", name="k")
    none_ed = edition(tmp_path, "print:\n  marks: none\n", name="none")
    assert build(k_ed, tmp_path / "k-out", "--no-preflight") == 0
    assert build(none_ed, tmp_path / "n-out", "--no-preflight") == 0
    k_marks = _marks(tmp_path / "k-out" / PAGE3)
    assert len(k_marks) == len(reg)
    assert all(col == (0.0, 0.0, 0.0, 1.0) for col in k_marks), set(k_marks)
    assert _marks(tmp_path / "n-out" / PAGE3) == []
    # on the plates: registration marks ink C, M, Y on a black-only page; K marks do not
    assert _plates(built / PAGE3, tmp_path)["C"] > 0
    k_plates = _plates(tmp_path / "k-out" / PAGE3, tmp_path)
    assert k_plates["C"] == k_plates["M"] == k_plates["Y"] == 0.0
    bad = edition(tmp_path, "print:\n  marks: blue\n", name="bad")
    assert build(bad, tmp_path / "b-out") == 2
