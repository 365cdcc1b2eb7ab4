"""`newspage proof`: proof PDFs and PNGs with the proof layer; print PDFs untouched."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
import stable
from pdfcheck import open_pdf
from PIL import Image

from layout.cli import main
from layout.pipeline import lay_out
from layout.progress import Progress
from layout.proof.adapter import proof_page
from layout.proof.run import proof

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"
DEMO = ROOT / "content" / "demo"

pytestmark = pytest.mark.slow


def _proof_72dpi(edition: Path) -> tuple[Path, int]:
    """`newspage proof EDITION --dpi 72` made once for the code, fonts, copy and
    renderer (stable.output; READ ONLY): the folder and the exit code."""
    import pypdfium2

    parts = [*stable.code_and_fonts(), str(edition), stable.tree_hash(edition)]
    parts += ["proof --dpi 72", stable.versions(pypdfium2)]
    return stable.output(
        parts, lambda out: main(["proof", str(edition), "-o", str(out), "--dpi", "72"])
    )


@pytest.fixture(scope="module")
def sample_proof() -> Path:
    out, code = _proof_72dpi(SAMPLE)
    assert code == 0
    return out


@pytest.fixture(scope="module")
def demo_proof() -> Path:
    out, code = _proof_72dpi(DEMO)
    assert code == 1  # page 3 is overset
    return out


def _words(pdf: Path) -> list[dict]:
    with open_pdf(pdf) as doc:
        return doc.pages[0].extract_words(keep_blank_chars=True, x_tolerance=1.5)


def _text(pdf: Path) -> str:
    with open_pdf(pdf) as doc:
        return doc.pages[0].extract_text() or ""


def test_a_png_and_a_proof_pdf_per_page(sample_proof, demo_proof):
    for folder, pages in ((sample_proof, [3]), (demo_proof, [2, 3, 4])):
        data = json.loads((folder / "proof.json").read_text(encoding="utf-8"))
        assert [p["page"] for p in data["pages"]] == pages
        for n in pages:
            png = folder / f"page-{n:02d}.png"
            pdf = folder / f"page-{n:02d}.proof.pdf"
            with open_pdf(pdf) as doc:
                w, h = doc.pages[0].width, doc.pages[0].height
            with Image.open(png) as im:  # 72 dpi: one pixel per point of the MediaBox
                assert im.format == "PNG"
                assert abs(im.width - w) <= 1 and abs(im.height - h) <= 1


def test_proof_layer_names_every_module_with_its_priority(sample_proof, sample_run):
    run = sample_run
    lay = run.pages[0]
    # the labels' own small type: a label on a module's corner may touch the
    # first characters of a centred kicker, which text extraction interleaves
    with pdfplumber.open(sample_proof / "page-03.proof.pdf") as doc:
        small = doc.pages[0].filter(lambda o: o.get("object_type") != "char" or o["size"] < 7)
        text = small.extract_text() or ""
    prio = {a.id: a.priority for a in run.edition.articles}
    for p in lay.placements:
        if p.kind == "story":
            assert f"{p.article} · P{prio[p.article]}" in text
    assert "briefs (7) · P20" in text


def test_print_pdf_never_gets_the_proof_layer(built, sample_proof, tmp_path):
    """The build's page is byte-identical before and after a proof, and carries no mark;
    the proof page holds the print page's content streams unchanged."""
    (printed_page,) = built.glob("*.pdf")  # the build's one page, named by the style's pattern
    before = printed_page.read_bytes()
    again = tmp_path / "rebuilt"
    assert main(["build", str(SAMPLE), "-o", str(again), "--no-preflight"]) == 0
    assert (again / printed_page.name).read_bytes() == before
    text = _text(printed_page)
    assert "缺" not in text.replace("缺 ", "") or "01-hengshan" not in text
    assert "· P1" not in text and "超 " not in text

    def streams(page) -> list[bytes]:
        contents = page.obj.Contents
        items = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        return [s.read_bytes() for s in items]

    with (
        pikepdf.open(io.BytesIO(before)) as pr,
        pikepdf.open(sample_proof / "page-03.proof.pdf") as pf,
    ):
        printed = streams(pr.pages[0])
        proofed = streams(pf.pages[0])
        assert pr.pages[0].mediabox == pf.pages[0].mediabox
    assert len(proofed) > len(printed)
    pos = [proofed.index(s) for s in printed]  # each print stream, unchanged, in order
    assert pos == sorted(pos)


def test_short_modules_are_marked_with_the_characters_they_lack(sample_proof, sample_run):
    run = sample_run
    words = " ".join(w["text"] for w in _words(sample_proof / "page-03.proof.pdf"))
    for a in run.pages[0].articles:
        if a.short_lines and a.kind == "story":
            assert f"缺 {a.short_lines * run.style.chars} 字" in words


def test_overset_is_red_at_the_cut(demo_proof, demo_run):
    run = demo_run
    lay = next(lay for lay in run.pages if lay.page.number == 3)
    over = next(p for p in lay.placements if p.overset_chars)
    st = lay.style
    pdf = demo_proof / "page-03.proof.pdf"
    words = _words(pdf)
    label = next(w for w in words if w["text"].startswith("超"))
    assert label["text"].replace(" ", "") == f"超{over.overset_chars}字"
    off = st.bleed + st.slug
    last_col = over.col + over.span - 1
    col_x0 = off + st.column_x(last_col)
    foot = off + st.area_top + (over.top + over.depth) * st.pitch
    # the label sits in the module's last column, just under the cut
    assert col_x0 - 1 <= label["x0"] and label["x1"] <= col_x0 + st.column_width + 1
    assert foot - 3 * st.pitch <= label["top"] <= foot + 2 * st.pitch
    # and the cut is red in the picture (72 dpi: pixels are points)
    data = json.loads((demo_proof / "proof.json").read_text(encoding="utf-8"))
    page = next(p for p in data["pages"] if p["page"] == 3)
    cut = next(p for p in page["problems"] if p["kind"] == "overset")
    x, y, w, h = cut["rect"]
    with Image.open(demo_proof / "page-03.png") as im:
        r, g, b = im.convert("RGB").getpixel((int(off + x + w / 2), int(off + y + h / 2)))
    assert r > 180 and g < 80 and b < 80


def test_loose_lines_are_marked_in_the_margin(tmp_path):
    # (every bundled page sets its lines within limits since issue 15: a copy
    # of content/mixed is given a line no break can save, 他说 before a quoted
    # word of a whole line). The proof and the lay-out are kept for the code,
    # fonts and copy (stable.output, stable.lay_out)
    mixed = tmp_path / "mixed"
    shutil.copytree(ROOT / "content" / "mixed", mixed)
    brief = mixed / "articles" / "33-brief-tushuguan-wifi.md"
    brief.write_text(brief.read_text(encoding="utf-8") + "\n他说“Antidisestablishment”是一个词。\n")
    folder, _ = _proof_72dpi(mixed)
    run = stable.lay_out(mixed)
    lay = next(p for p in run.pages if any("justified" in d.message for d in p.diagnostics))
    st = lay.style
    loose = [d for d in lay.diagnostics if "could not be justified" in d.message]
    assert loose, "content/mixed has a loose line (typesetter diagnostic)"
    proof_pdf = folder / f"page-{lay.page.number:02d}.proof.pdf"
    marks = [w for w in _words(proof_pdf) if w["text"] == "松"]
    assert len(marks) == len(loose)
    off = st.bleed + st.slug
    for m in marks:
        in_left = m["x1"] <= off + st.area_left
        in_right = m["x0"] >= off + st.area_left + st.area_w
        assert in_left or in_right


def test_holes_are_found_where_no_module_stands(sample_run):
    """A page whose modules leave grid space nobody claims gets 缺 N 字 over it."""
    run = sample_run
    whole = run.pages[0]
    # the same page with its lead module gone: its grid space is a hole
    lead = whole.placements[0]
    report = dataclasses.replace(whole.report, placements=whole.placements[1:])
    lay = dataclasses.replace(whole, report=report)
    page = proof_page(lay, run.edition)
    holes = [p for p in page.problems if p.kind == "hole"]
    assert holes
    st = lay.style
    hole_lines = sum(
        round(a.h / st.pitch) * round((a.w + st.gutter) / (st.column_width + st.gutter))
        for h in holes
        for a in h.areas
    )
    assert hole_lines >= lead.span * (lead.depth - st.gap_lines)
    for h in holes:
        assert h.label == f"缺 {int(h.label.split()[1])} 字"


def test_diff_boxes_only_what_changed(tmp_path):
    import pypdfium2

    edition = tmp_path / "sample"
    shutil.copytree(SAMPLE, edition)
    # the sample's own proof, kept for the code, fonts, copy and renderer (stable.output)
    parts = [*stable.code_and_fonts(), str(SAMPLE), stable.tree_hash(SAMPLE)]
    parts += ["proof() dpi 50", stable.versions(pypdfium2)]
    old, _ = stable.output(parts, lambda out: proof(SAMPLE, out, dpi=50) and None)
    same = proof(edition, tmp_path / "same", dpi=50, diff=old)
    assert same.pages[0].changed == []
    # cut the last paragraph of 04-yinhu: its module and what reflows change
    art = edition / "articles" / "04-yinhu.md"
    text = art.read_text(encoding="utf-8").rstrip("\n")
    art.write_text(text.rsplit("\n\n", 1)[0] + "\n", encoding="utf-8")
    new = proof(edition, tmp_path / "new", dpi=50, diff=old)
    item = new.pages[0]
    assert item.changed
    yinhu = next(m for m in item.page.modules if m.article == "04-yinhu")
    assert any(
        r.x < yinhu.rect.x + yinhu.rect.w
        and yinhu.rect.x < r.x + r.w
        and r.y < yinhu.rect.y + yinhu.rect.h
        and yinhu.rect.y < r.y + r.h
        for r in item.changed
    )
    header_band = item.page.area.y - 3 * item.page.pitch
    assert all(r.y + r.h > header_band for r in item.changed), "the page header did not change"
    assert item.diff_png is not None and item.diff_png.exists()
    assert (
        "changed"
        in json.loads((tmp_path / "new" / "proof.json").read_text(encoding="utf-8"))["pages"][0]
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_only(monkeypatch):
    """One two-page run reports to three bars: a terminal's, a pipe's, a terminal's in CI."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    tty, piped, ci_tty = _Terminal(), io.StringIO(), _Terminal()
    shown_bar, piped_bar = Progress.for_terminal(tty), Progress.for_terminal(piped)
    monkeypatch.setenv("CI", "true")
    ci_bar = Progress.for_terminal(ci_tty)
    bars = (shown_bar, piped_bar, ci_bar)

    def every_bar(stage: str, done: int, total: int) -> None:
        for bar in bars:
            bar(stage, done, total)

    with shown_bar, piped_bar, ci_bar:
        lay_out(ROOT / "content" / "mixed", progress=every_bar)
    shown = tty.getvalue()
    assert "page 2 of 2 · make-up" in shown
    assert shown.endswith("\r\x1b[2K")  # the line is cleared at the end
    assert piped.getvalue() == ""
    assert ci_tty.getvalue() == ""


def test_proof_rejects_a_silly_dpi_and_a_missing_diff_folder(tmp_path, capsys):
    assert main(["proof", str(SAMPLE), "-o", str(tmp_path), "--dpi", "5"]) == 2
    assert "--dpi" in capsys.readouterr().err
    assert main(["proof", str(SAMPLE), "-o", str(tmp_path), "--diff", str(tmp_path / "no")]) == 2
    assert "no such proof folder" in capsys.readouterr().err


def test_build_piped_shows_no_progress(tmp_path, capfd):
    assert main(["build", str(DEMO), "-o", str(tmp_path), "--no-preflight"]) == 1
    err = capfd.readouterr().err
    assert "page 1 of" not in err and "\r" not in err
