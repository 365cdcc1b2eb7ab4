"""PDF/X-1a finishing (layout.pdfx) and `newspage preflight` (layout.preflight).

Pages are built with reportlab in tmp_path: one good page (UKai text in K only,
TrimBox/BleedBox, finished as PDF/X-1a) and one page per defect.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import stable
from pdfcheck import run_auditor

from layout.pdfx import PdfxSettings, finish_pdfx, pdf_date
from layout.preflight import Finding, PreflightSettings, format_findings, preflight, run

UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
AUDIT = Path(__file__).resolve().parent.parent.parent / "shared" / "audit" / "audit.py"
MM = 72 / 25.4
TRIM_W, TRIM_H = 120 * MM, 160 * MM
BLEED = 3 * MM
SLUG = 10 * MM
OFF = BLEED + SLUG
DATE = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
SETTINGS = PreflightSettings(trim_size_pt=(TRIM_W, TRIM_H), bleed_pt=BLEED)

pytestmark = pytest.mark.skipif(not UKAI.exists(), reason="fonts-arphic-ukai not installed")

needs_gs = pytest.mark.skipif(not shutil.which("gs"), reason="Ghostscript not installed")
needs_qpdf = pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf not installed")


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "UKai" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("UKai", str(UKAI), subfontIndex=0))
    return "UKai"


def _canvas(path: Path, *, plain: bool = False, trim: bool = True, bleed: bool = True):
    from reportlab.pdfgen.canvas import Canvas

    size = (TRIM_W + 2 * OFF, TRIM_H + 2 * OFF)
    if plain:
        c = Canvas(str(path), pagesize=size, invariant=1)
    else:
        c = Canvas(
            str(path),
            pagesize=size,
            invariant=1,
            pdfVersion=(1, 4),
            enforceColorSpace="cmyk",
            initialFontName=_font(),
        )
    c.setTitle(path.stem)
    if trim:
        c.setTrimBox((OFF, OFF, OFF + TRIM_W, OFF + TRIM_H))
    if bleed:
        c.setBleedBox((OFF - BLEED, OFF - BLEED, OFF + TRIM_W + BLEED, OFF + TRIM_H + BLEED))
    return c


def _good_content(c) -> None:
    from reportlab.lib.colors import CMYKColor

    black = CMYKColor(0, 0, 0, 1)
    c.setFillColor(CMYKColor(0.4, 0, 0.2, 0))  # a tint box, 60 % total
    c.rect(OFF + 10 * MM, OFF + 10 * MM, 40 * MM, 20 * MM, stroke=0, fill=1)
    c.setFillColor(black)
    c.setFont(_font(), 9.5)
    for i in range(8):
        c.drawString(OFF + 10 * MM, OFF + TRIM_H - (20 + 5 * i) * MM, "新闻出版，印刷就绪。Page 3")
    c.setStrokeColor(black)
    c.setLineWidth(0.5)
    c.line(OFF + 10 * MM, OFF + 60 * MM, OFF + 110 * MM, OFF + 60 * MM)
    c.setFillColor(CMYKColor(0.4, 0.3, 0.3, 1))  # rich black solid, 200 %: allowed
    c.rect(OFF + 60 * MM, OFF + 10 * MM, 30 * MM, 20 * MM, stroke=0, fill=1)


def _finish(raw: Path, dst: Path, created: dt.datetime = DATE) -> Path:
    # the title comes from the raw file's name, so one raw file always gets one title
    finish_pdfx(raw, dst, title=f"newspage test {raw.name.split('.')[0]}", created=created)
    return dst


def make_good(tmp_path: Path, name: str = "good") -> Path:
    raw = tmp_path / f"{name}.raw.pdf"
    c = _canvas(raw)
    _good_content(c)
    c.showPage()
    c.save()
    return _finish(raw, tmp_path / f"{name}.pdf")


def make_page(tmp_path: Path, name: str, draw, *, finish: bool = True, **canvas_kw) -> Path:
    raw = tmp_path / f"{name}.raw.pdf"
    c = _canvas(raw, **canvas_kw)
    draw(c)
    c.showPage()
    c.save()
    if not finish:
        return raw
    return _finish(raw, tmp_path / f"{name}.pdf")


def checked(pdf: Path, settings: PreflightSettings) -> list[Finding]:
    """`preflight(pdf, settings)` of a page that Ghostscript renders (0.15 s each),
    kept for the file's bytes, the settings, newspage's code and fonts and the
    tools preflight runs (stable.memo): several tests ask it of the same page,
    and a run after one that changed none of these asks none. The command's own
    runs (`run`, test_run_good_returns_0, test_run_json, the ink proofs) render
    every time."""
    parts = ["preflight", stable.file_hash(pdf), repr(settings), *stable.code_and_fonts()]
    return list(stable.memo([*parts, _tools()], lambda: preflight(pdf, settings)))


@functools.cache
def _tools() -> str:
    """Ghostscript's and qpdf's versions, and the libraries preflight reads with."""
    import numpy
    import pikepdf
    import PIL

    out = []
    for cmd in (["gs", "--version"], ["qpdf", "--version"]):
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
            out.append(r.stdout.strip())
        except OSError:
            out.append(f"{cmd[0]}: none")
    return " ".join([*out, stable.versions(numpy, PIL, pikepdf)])


def errors(findings: list[Finding], check: str | None = None) -> list[Finding]:
    return [f for f in findings if f.severity == "error" and (check is None or f.check == check)]


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    return make_good(tmp_path_factory.mktemp("good"))


# ---------------------------------------------------------------------------
# finish_pdfx
# ---------------------------------------------------------------------------


def test_pdf_date_is_utc():
    cst = dt.timezone(dt.timedelta(hours=8))
    assert pdf_date(dt.datetime(2024, 6, 1, 8, 0, tzinfo=cst)) == "D:20240601000000+00'00'"
    assert pdf_date(dt.datetime(2024, 6, 1)) == "D:20240601000000+00'00'"


def test_finished_keys(good):
    import pikepdf

    with pikepdf.open(good) as pdf:
        assert pdf.pdf_version == "1.4"
        info = pdf.docinfo
        assert str(info["/GTS_PDFXVersion"]) == "PDF/X-1a:2003"
        assert info["/Trapped"] == pikepdf.Name("/False")
        assert str(info["/CreationDate"]) == "D:20240601000000+00'00'"
        assert str(info["/ModDate"]) == str(info["/CreationDate"])
        assert str(info["/Title"]) == "newspage test good"
        (oi,) = list(pdf.Root.OutputIntents)
        assert oi.S == pikepdf.Name("/GTS_PDFX")
        assert str(oi.OutputConditionIdentifier) == "IFRA26"
        assert str(oi.RegistryName) == "http://www.color.org"
        assert "/DestOutputProfile" not in oi
        assert len(pdf.trailer.ID) == 2
        meta = pdf.open_metadata()
        assert meta.pdfx_status == "PDF/X-1a:2003"
        assert meta["xmp:CreateDate"].startswith("2024-06-01T00:00:00")
        assert meta["dc:title"] == "newspage test good"
    data = good.read_bytes()
    assert data.startswith(b"%PDF-1.4")
    assert b"/ObjStm" not in data and b"/XRef" not in data


def test_finish_is_deterministic(tmp_path):
    a = make_good(tmp_path, "a")
    b_dir = tmp_path / "b"
    b_dir.mkdir()
    b = make_good(b_dir, "a")
    assert a.read_bytes() == b.read_bytes()
    # finishing the same raw file twice
    raw = tmp_path / "a.raw.pdf"
    one = finish_pdfx(raw, tmp_path / "x1.pdf", title="p3", created=DATE)
    two = finish_pdfx(raw, tmp_path / "x2.pdf", title="p3", created=DATE)
    assert one is None and two is None
    assert (tmp_path / "x1.pdf").read_bytes() == (tmp_path / "x2.pdf").read_bytes()


def test_finish_deterministic_with_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717200000")
    created = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=dt.UTC)
    raw = tmp_path / "raw.pdf"
    c = _canvas(raw)
    _good_content(c)
    c.showPage()
    c.save()
    one = _finish(raw, tmp_path / "one.pdf", created)
    two = _finish(raw, tmp_path / "two.pdf", created)
    assert one.read_bytes() == two.read_bytes()
    assert b"D:20240601000000+00'00'" in one.read_bytes()
    # a different date gives a different file
    other = _finish(raw, tmp_path / "other.pdf", created + dt.timedelta(days=1))
    assert other.read_bytes() != one.read_bytes()


def test_finish_settings(tmp_path):
    raw = make_page(tmp_path, "s", _good_content, finish=False)
    dst = tmp_path / "s.pdf"
    finish_pdfx(
        raw,
        dst,
        title="t",
        created=DATE,
        settings=PdfxSettings(output_condition_identifier="IFRA30"),
    )
    assert errors(checked(dst, PreflightSettings(output_condition_identifier="IFRA30"))) == []
    found = errors(checked(dst, PreflightSettings(output_condition_identifier="IFRA26")))
    assert [f.check for f in found] == ["pdfx"]
    with pytest.raises(ValueError):
        finish_pdfx(dst, dst, title="t", created=DATE)


@needs_qpdf
def test_qpdf_check_passes(good):
    r = subprocess.run(["qpdf", "--check", str(good)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_pdffonts_all_embedded(good):
    r = subprocess.run(["pdffonts", str(good)], capture_output=True, text=True, check=True)
    rows = r.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        # columns from the right: object ID (2 fields), uni, sub, emb
        assert row.split()[-5] == "yes", row


# ---------------------------------------------------------------------------
# preflight: the good page
# ---------------------------------------------------------------------------


def test_good_page_passes(good):
    findings = checked(good, SETTINGS)
    assert errors(findings) == [], findings
    assert findings == [], findings  # not even a warning


def test_good_page_structure_only(good):
    # speed is measured in benchmarks/, not here
    assert preflight(good, PreflightSettings(check_ink=False)) == []


def test_run_good_returns_0(good, capsys):
    assert run([str(good)], "text", SETTINGS) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == f"{good}: PASS (0 errors, 0 warnings)"
    # the rest are figures (max TAC, images), never problems
    assert out[:-1] and all(line.startswith(f"{good} p1 info ") for line in out[:-1])


@needs_gs
@needs_qpdf
@pytest.mark.skipif(not AUDIT.exists(), reason="shared auditor not available")
def test_shared_auditor_structure_passes(good):
    r = run_auditor(AUDIT, good, "--json")
    if r.returncode == 2 and "No module named" in r.stderr:
        pytest.skip(r.stderr.strip().splitlines()[-1])
    report = json.loads(r.stdout)
    assert report["document"]["pass"], report["document"]
    for page in report["pages"]:
        assert page["checks"]["structure"]["pass"], page["checks"]["structure"]
        assert page["checks"]["colour"]["pass"], page["checks"]["colour"]


# ---------------------------------------------------------------------------
# preflight: one defect per page
# ---------------------------------------------------------------------------


def _rgb_text(c):
    from reportlab.lib.colors import CMYKColor

    c.setFillColorRGB(1, 0, 0)
    c.drawString(OFF + 20 * MM, OFF + 100 * MM, "Red headline")
    c.setFillColor(CMYKColor(0, 0, 0, 1))


def _helvetica_text(c):
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setFont("Helvetica", 10)
    c.drawString(OFF + 20 * MM, OFF + 100 * MM, "Latin text")


def _rich_black_text(c):
    from reportlab.lib.colors import CMYKColor

    c.setFillColor(CMYKColor(0.3, 0.3, 0.3, 1))
    c.setFont(_font(), 9)
    c.drawString(OFF + 20 * MM, OFF + 100 * MM, "四色黑文字")


def _tac_box(c):
    from reportlab.lib.colors import CMYKColor

    c.setFillColor(CMYKColor(0.8, 0.8, 0.8, 1))
    c.rect(OFF + 20 * MM, OFF + 100 * MM, 40 * MM, 20 * MM, stroke=0, fill=1)


def _thin_rule(c):
    from reportlab.lib.colors import CMYKColor

    c.setStrokeColor(CMYKColor(0, 0, 0, 1))
    c.setLineWidth(0.1)
    c.line(OFF + 20 * MM, OFF + 50 * MM, OFF + 100 * MM, OFF + 50 * MM)


def _k_text(c):
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setFont(_font(), 9)
    c.drawString(OFF + 20 * MM, OFF + 100 * MM, "正文")


def test_rgb_text(tmp_path):
    pdf = make_page(tmp_path, "rgb", _rgb_text, plain=True)
    found = preflight(pdf, PreflightSettings(check_ink=False))
    text = errors(found, "text-colour")
    assert len(text) == 1
    assert "DeviceRGB" in text[0].message
    assert "Red headline" in text[0].where
    assert any("rg" in f.message for f in errors(found, "colour"))


def test_unembedded_font(tmp_path):
    pdf = make_page(tmp_path, "helv", _helvetica_text, plain=True)
    found = errors(preflight(pdf, PreflightSettings(check_ink=False)), "fonts")
    assert len(found) == 1
    assert found[0].message == "font /Helvetica is not embedded"
    assert found[0].where.startswith("resource /F1")


def test_unused_unembedded_font_in_resources(tmp_path):
    # reportlab's preamble selects Helvetica on a plain canvas even without Latin text
    pdf = make_page(tmp_path, "preamble", _k_text, plain=True)
    found = errors(preflight(pdf, PreflightSettings(check_ink=False)), "fonts")
    assert [f.message for f in found] == ["font /Helvetica is not embedded"]
    assert "not used by any text" in found[0].where


def test_missing_trimbox(tmp_path):
    pdf = make_page(tmp_path, "notrim", _k_text, trim=False)
    found = errors(checked(pdf, SETTINGS))
    assert [f.check for f in found] == ["boxes"]
    assert "TrimBox" in found[0].message and found[0].page == 1


def test_missing_bleedbox_and_wrong_size(tmp_path):
    pdf = make_page(tmp_path, "nobleed", _k_text, bleed=False)
    found = errors(checked(pdf, PreflightSettings(trim_size_pt=(100 * MM, 100 * MM))))
    messages = [f.message for f in found]
    assert "no BleedBox" in messages
    assert any(m.startswith("trim size 120.0 × 160.0 mm") for m in messages)


def test_rich_black_text(tmp_path):
    pdf = make_page(tmp_path, "rich", _rich_black_text)
    found = errors(checked(pdf, SETTINGS))
    assert [f.check for f in found] == ["text-colour"]
    assert "C30 M30 Y30 K100 (rich black)" in found[0].message
    assert "四色黑文字" in found[0].where
    assert "at x 20.0 y 60.0 mm" in found[0].where  # from the trim's top-left


@needs_gs
def test_tac_over_limit(tmp_path):
    pdf = make_page(tmp_path, "tac", _tac_box)
    found = errors(checked(pdf, SETTINGS))
    assert [f.check for f in found] == ["tac"]
    assert "340 %" in found[0].message
    # 40 × 20 mm box at 20 mm from the trim's left, its top 40 mm below the trim's top;
    # at 100 dpi a pixel is 0.25 mm
    m = re.match(r"x ([\d.]+)–([\d.]+) y ([\d.]+)–([\d.]+) mm", found[0].where)
    assert m, found[0].where
    box = [float(v) for v in m.groups()]
    assert box == pytest.approx([20, 60, 40, 60], abs=0.5)


@needs_gs
def test_tac_warning_between_limits(tmp_path):
    from reportlab.lib.colors import CMYKColor

    def draw(c):
        c.setFillColor(CMYKColor(0.5, 0.5, 0.4, 0.9))  # 230 %
        c.rect(OFF + 20 * MM, OFF + 100 * MM, 40 * MM, 20 * MM, stroke=0, fill=1)

    found = checked(make_page(tmp_path, "tac230", draw), SETTINGS)
    assert [(f.severity, f.check) for f in found] == [("warning", "tac")]


PROVE = PreflightSettings(trim_size_pt=(TRIM_W, TRIM_H), bleed_pt=BLEED, ink="prove")


def _page_ink_bound(pdf: Path) -> float | None:
    import pikepdf

    from layout.preflight.findings import _Findings
    from layout.preflight.page import _check_page

    with pikepdf.open(pdf) as doc:
        return _check_page(doc, doc.pages[0], 1, True, PROVE, _Findings()).ink_bound


def test_ink_proof_of_the_good_page(good, tmp_path):
    # K text, a 60 % tint and a 200 % rich black solid: the largest value per plate
    # (C 40, M 30, Y 30, K 100) bounds the page at 200 %, under the 220 % target
    assert _page_ink_bound(good) == pytest.approx(200.0)
    assert preflight(good, PROVE) == []


@needs_gs
@pytest.mark.parametrize(
    ("name", "cmyk", "expected"),
    [
        ("tac", (0.8, 0.8, 0.8, 1), [("error", "tac")]),
        ("tac230", (0.5, 0.5, 0.4, 0.9), [("warning", "tac")]),
    ],
)
def test_ink_proof_over_the_target_still_renders(tmp_path, name, cmyk, expected):
    from reportlab.lib.colors import CMYKColor

    def draw(c):
        c.setFillColor(CMYKColor(*cmyk))
        c.rect(OFF + 20 * MM, OFF + 100 * MM, 40 * MM, 20 * MM, stroke=0, fill=1)

    pdf = make_page(tmp_path, name, draw)
    assert _page_ink_bound(pdf) == pytest.approx(100 * sum(cmyk))
    found = preflight(pdf, PROVE)
    assert [(f.severity, f.check) for f in found] == expected
    assert found == checked(pdf, SETTINGS)  # the same findings as the render alone


def test_ink_proof_two_k_fills_overprinting_stay_under_100(tmp_path):
    from reportlab.lib.colors import CMYKColor

    def draw(c):
        for k in (0.6, 1.0):  # K over K: one plate, at most its largest value
            c.setFillColor(CMYKColor(0, 0, 0, k))
            c.rect(OFF + 20 * MM, OFF + 100 * MM, 40 * MM, 20 * MM, stroke=0, fill=1)

    assert _page_ink_bound(make_page(tmp_path, "kk", draw)) == pytest.approx(100.0)


def test_ink_proof_needs_a_render_for_a_spot_colour_or_an_image(tmp_path):
    from reportlab.lib.colors import CMYKColorSep

    def spot(c):
        c.setFillColor(CMYKColorSep(0, 0.5, 1, 0, spotName="PANTONE 151 C"))
        c.rect(OFF + 20 * MM, OFF + 100 * MM, 40 * MM, 20 * MM, stroke=0, fill=1)

    def image(c):
        from PIL import Image
        from reportlab.lib.utils import ImageReader

        img = Image.new("CMYK", (8, 8), (0, 0, 0, 255))
        c.drawImage(ImageReader(img), OFF + 20 * MM, OFF + 100 * MM, 10 * MM, 10 * MM)

    assert _page_ink_bound(make_page(tmp_path, "spot", spot, plain=True)) is None
    assert _page_ink_bound(make_page(tmp_path, "image", image, plain=True)) is None


def test_syntax_check_in_process_agrees_with_qpdf(good, tmp_path):
    inline = PreflightSettings(trim_size_pt=(TRIM_W, TRIM_H), bleed_pt=BLEED, qpdf_in_process=True)
    assert preflight(good, inline) == checked(good, SETTINGS) == []
    broken = tmp_path / "broken.pdf"
    data = good.read_bytes()
    at = data.index(b"stream\n", len(data) // 2) + 7
    broken.write_bytes(data[:at] + b"\x00garbage\x00" + data[at + 11 :])
    checks = {f.check for f in errors(preflight(broken, inline))}
    assert checks & {"qpdf", "read", "content"}, checks


def test_thin_rule(tmp_path):
    pdf = make_page(tmp_path, "thin", _thin_rule)
    found = errors(checked(pdf, SETTINGS))
    assert [f.check for f in found] == ["rules"]
    assert "0.10 pt" in found[0].message
    assert found[0].where.startswith("x 20.0–100.0 y 110.0 mm")


def test_rule_warning_and_marks_outside_bleed(tmp_path):
    from reportlab.lib.colors import CMYKColor

    def draw(c):
        c.setStrokeColor(CMYKColor(0, 0, 0, 1))
        c.setLineWidth(0.3)
        c.line(OFF + 20 * MM, OFF + 50 * MM, OFF + 100 * MM, OFF + 50 * MM)
        c.setLineWidth(0.1)  # a crop mark in the slug: not a rule of the page
        c.line(OFF - 5 * MM, OFF, OFF - 12 * MM, OFF)

    found = checked(make_page(tmp_path, "warnrule", draw), SETTINGS)
    assert [(f.severity, f.check) for f in found] == [("warning", "rules")]


def test_no_output_intent(tmp_path):
    pdf = make_page(tmp_path, "nooi", _k_text, finish=False)
    found = errors(checked(pdf, SETTINGS))
    assert {f.check for f in found} == {"pdfx"}
    assert any("OutputIntent" in f.message for f in found)
    assert all(f.page is None for f in found)


def test_intent_removed_after_finishing(tmp_path):
    import pikepdf

    pdf = make_good(tmp_path, "g")
    with pikepdf.open(pdf) as p:
        del p.Root["/OutputIntents"]
        p.save(tmp_path / "cut.pdf", force_version="1.4")
    found = errors(checked(tmp_path / "cut.pdf", SETTINGS))
    assert [f.message for f in found] == ["0 /GTS_PDFX OutputIntents (exactly one required)"]


def test_transparency(tmp_path):
    def draw(c):
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFillAlpha(0.5)
        c.rect(OFF + 20 * MM, OFF + 20 * MM, 20 * MM, 20 * MM, stroke=0, fill=1)

    found = errors(checked(make_page(tmp_path, "alpha", draw), SETTINGS))
    assert [f.check for f in found] == ["transparency"]
    assert "ca 0.5" in found[0].message


def test_not_a_pdf(tmp_path, capsys):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"this is not a PDF\n")
    found = preflight(bad)
    assert len(found) == 1 and found[0].severity == "error" and found[0].check == "read"
    assert run([str(bad)]) == 1
    assert run([str(tmp_path / "missing.pdf")]) == 2


@pytest.mark.parametrize(
    "name,draw,kw",
    [
        ("rgb", _rgb_text, {"plain": True}),
        ("helv", _helvetica_text, {"plain": True}),
        ("notrim", _k_text, {"trim": False}),
        ("rich", _rich_black_text, {}),
        ("thin", _thin_rule, {}),
    ],
)
def test_run_broken_returns_1(tmp_path, capsys, name, draw, kw):
    pdf = make_page(tmp_path, name, draw, **kw)
    assert run([str(pdf)], "text", PreflightSettings(check_ink=False)) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith(f"{pdf}: FAIL (")
    assert all(line.startswith(str(pdf)) for line in out)


def test_run_json(tmp_path, good, capsys):
    bad = make_page(tmp_path, "rich", _rich_black_text)
    assert run([str(good), str(bad)], "json", SETTINGS) == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["status"] for d in data] == ["PASS", "FAIL"]
    assert data[1]["errors"] == 1
    f = data[1]["findings"][0]
    assert set(f) == {"severity", "page", "check", "message", "where"}
    assert f["page"] == 1 and f["check"] == "text-colour"


def test_format_text_line():
    text = format_findings(
        {
            Path("page-03.pdf"): [
                Finding("error", 1, "fonts", "font /Helvetica is not embedded", "resource /F1"),
                Finding("warning", None, "pdfx", "no XMP metadata"),
            ]
        },
        "text",
    )
    assert text.splitlines() == [
        "page-03.pdf p1 error fonts: font /Helvetica is not embedded (resource /F1)",
        "page-03.pdf doc warning pdfx: no XMP metadata",
        "page-03.pdf: FAIL (1 error, 1 warning)",
    ]
