"""Ads: whole-column rectangles reserved before the make-up, never overlapped;
a placeholder labelled 广告 with its size, or the ad's file (a PDF as a form
XObject); a file that is not CMYK/grey or lacks its fonts is a finding."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from front_helpers import chars, cmyk_pdf, page_text, small_edition, trim_offset
from pdfcheck import open_pdf
from stable import settle

from layout.cli import main
from layout.content import load_edition
from layout.errors import ContentError
from layout.makeup import make_page
from layout.pipeline import load
from layout.preflight import preflight

AD = "ads:\n  - page: 2\n    columns: 6\n    lines: 24\n"


def _ad_rect(style, columns: int, lines: int) -> tuple[float, float, float, float]:
    """x0, top, x1, bottom (pt from the trim's top-left) of an ad flush right at the foot."""
    x0 = style.column_x(style.columns - columns)
    top = style.area_top + (style.lines - lines) * style.pitch
    return x0, top, x0 + style.span_width(columns), style.area_top + style.lines * style.pitch


def _inside(c: dict, rect, dx: float, dy: float) -> bool:
    x0, top, x1, bottom = rect
    cx = (c["x0"] + c["x1"]) / 2 - dx
    cy = (c["top"] + c["bottom"]) / 2 - dy
    return x0 < cx < x1 and top < cy < bottom


@pytest.fixture(scope="module")
def placeholder(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("ads")
    ed = small_edition(tmp, ads=AD)
    main(["build", str(settle(ed)), "-o", str(tmp / "out"), "--force"])
    return ed, next((tmp / "out").glob("*-02.pdf"))


@pytest.mark.slow  # a two-page build
def test_placeholder_is_framed_at_its_columns_and_lines_and_labelled(placeholder):
    ed, p2 = placeholder
    edition, style, _ = load(ed)
    x0, top, x1, bottom = _ad_rect(style, 6, 24)
    dx, dy = trim_offset(p2)
    with open_pdf(p2) as doc:
        rects = [
            (r["x0"] - dx, r["top"] - dy, r["x1"] - dx, r["bottom"] - dy)
            for r in doc.pages[0].rects
        ]
    frame = (x0, top, x1, bottom)
    assert any(all(abs(a - b) < 1.0 for a, b in zip(r, frame, strict=True)) for r in rects), rects
    inside = "".join(c["text"] for c in chars(p2) if _inside(c, frame, dx, dy))
    assert inside.replace(" ", "") == "广告6栏×24行"  # the label, nothing of the stories


@pytest.mark.slow
def test_stories_keep_out_of_the_ad_and_its_gap_line(placeholder):
    ed, p2 = placeholder
    _, style, _ = load(ed)
    x0, top, x1, bottom = _ad_rect(style, 6, 24)
    gap = (x0, top - style.pitch * style.gap_lines, x1, bottom)
    dx, dy = trim_offset(p2)
    story = [c for c in chars(p2) if _inside(c, gap, dx, dy) and c["text"] not in "广告6栏×24行 "]
    assert story == []
    assert "老街夜市重新开张" in page_text(p2)  # the stories are there, above the ad


def test_an_ad_narrower_than_the_page_leaves_an_l_both_sides_made_up(tmp_path):
    """A 4 × 30 ad flush right at the foot: the columns beside it and the space
    above it both take stories; no glyph inside the ad."""
    ed = small_edition(tmp_path, ads="ads:\n  - page: 2\n    columns: 4\n    lines: 30\n")
    edition, style, fonts = load(ed)
    lay = make_page(edition, edition.pages[1], fonts, style)
    x0, top, x1, bottom = _ad_rect(style, 4, 30)
    for run in lay.display.runs:
        if run.role == "ad":
            continue
        for g in run.glyphs:
            x = run.x + g.x * run.size
            assert not (x0 - 1 < x < x1 and top - style.pitch < run.baseline < bottom), run.text()
    ad = [p for p in lay.placements if p.kind == "ad"]
    assert [(p.col, p.span, p.top, p.depth) for p in ad] == [(2, 4, style.lines - 30, 30)]
    stories = [p for p in lay.placements if p.kind not in ("ad", "hole")]
    assert stories
    for p in stories:  # no module overlaps the ad's rectangle (and its gap line)
        overlap_cols = p.col < 6 and p.col + p.span > 2
        assert not (overlap_cols and p.top + p.depth > style.lines - 30 - style.gap_lines), p


@pytest.mark.slow  # builds the edition twice (a good and a bad file)
def test_ad_file_is_placed_as_a_form_xobject_and_checked(tmp_path):
    good = small_edition(tmp_path / "good", ads=AD + "    file: ads/bank.pdf\n")
    cmyk_pdf(good / "ads" / "bank.pdf")
    out = tmp_path / "out-good"
    main(["build", str(settle(good)), "-o", str(out), "--force"])
    p2 = next(out.glob("*-02.pdf"))
    with pikepdf.open(p2) as pdf:
        xobjects = pdf.pages[0].resources.get("/XObject", {})
        forms = [k for k, v in xobjects.items() if v.get("/Subtype") == "/Form"]
    assert forms, "the ad is not a form XObject"
    problems = [f for f in preflight(p2) if f.check in ("colour", "text-colour", "fonts")]
    assert problems == []
    _, style, _ = load(good)
    dx, dy = trim_offset(p2)
    frame = _ad_rect(style, 6, 24)
    inside = "".join(c["text"] for c in chars(p2) if _inside(c, frame, dx, dy))
    assert inside == "银行广告"  # the ad's own text, where the ad was reserved

    bad = small_edition(tmp_path / "bad", ads=AD + "    file: ads/rgb.pdf\n")
    cmyk_pdf(bad / "ads" / "rgb.pdf", rgb=True)
    out = tmp_path / "out-bad"
    assert main(["build", str(settle(bad)), "-o", str(out), "--force"]) == 1
    p2 = next(out.glob("*-02.pdf"))
    checks = {f.check for f in preflight(p2) if f.severity == "error"}
    assert {"colour", "fonts"} <= checks  # RGB, Helvetica not embedded
    report = (out / "report.json").read_text(encoding="utf-8")
    assert "ad file ads/rgb.pdf" in report and "DeviceRGB" in report


@pytest.mark.parametrize(
    ("yaml", "field", "words"),
    [
        ("ads:\n  - page: 2\n    columns: six\n    lines: 24\n", "ads[1].columns", "whole number"),
        ("ads:\n  - page: 9\n    columns: 6\n    lines: 24\n", "ads[1].page", "no page 9"),
        ("ads:\n  - page: 2\n    columns: 6\n", "ads[1].lines", "missing 'lines'"),
        (AD + "    position: middle\n", "ads[1].position", "bottom or top"),
        (AD + "    file: ads/none.pdf\n", "ads[1].file", "does not exist"),
        (AD + "    file: ../secret.pdf\n", "ads[1].file", "outside the edition"),
        (AD + "    colour: red\n", "ads[1].colour", "unknown key"),
        ("ads: 2\n", "ads", "list of ads"),
    ],
)
def test_bad_ad_fields_name_file_field_and_line(tmp_path, yaml, field, words):
    ed = small_edition(tmp_path, ads=yaml)
    with pytest.raises(ContentError) as err:
        load_edition(ed)
    msg = str(err.value)
    assert "edition.yaml" in msg and field in msg and words in msg, msg
    assert err.value.line is not None


@pytest.mark.parametrize(
    ("yaml", "field"),
    [
        ("ads:\n  - page: 2\n    columns: 7\n    lines: 24\n", "ads[1].columns"),
        ("ads:\n  - page: 2\n    columns: 6\n    lines: 90\n", "ads[1].lines"),
    ],
)
def test_an_ad_the_grid_cannot_hold_is_an_error_naming_it(tmp_path, yaml, field):
    ed = small_edition(tmp_path, ads=yaml)
    edition, style, fonts = load(ed)
    with pytest.raises(ContentError) as err:
        make_page(edition, edition.pages[1], fonts, style)
    lines = (ed / "edition.yaml").read_text(encoding="utf-8").splitlines()
    entry = lines.index("  - page: 2") + 1
    assert field in str(err.value) and err.value.line == entry


def test_a_top_ad_takes_the_head_of_the_type_area_and_stories_go_below(tmp_path):
    ed = small_edition(tmp_path, ads=AD.replace("lines: 24\n", "lines: 20\n    position: top\n"))
    edition, style, fonts = load(ed)
    lay = make_page(edition, edition.pages[1], fonts, style)
    ad = next(p for p in lay.placements if p.kind == "ad")
    assert (ad.col, ad.span, ad.top, ad.depth) == (0, 6, 0, 20)
    others = [p for p in lay.placements if p.kind != "ad"]
    assert others and min(p.top for p in others) == 20 + style.gap_lines


def test_an_image_ad_is_placed_whole_inside_its_rectangle(tmp_path):
    from PIL import Image

    ed = small_edition(tmp_path, ads=AD + "    file: ads/shop.png\n")
    (ed / "ads").mkdir()
    Image.new("L", (800, 300), 90).save(ed / "ads" / "shop.png")
    edition, style, fonts = load(ed)
    lay = make_page(edition, edition.pages[1], fonts, style)
    (im,) = lay.display.images
    x0, top, x1, bottom = _ad_rect(style, 6, 24)
    assert x0 - 0.01 <= im.x and im.x + im.w <= x1 + 0.01
    assert top - 0.01 <= im.y and im.y + im.h <= bottom + 0.01
    assert abs(im.w / im.h - 800 / 300) < 1e-6  # not distorted
    assert abs(im.w - (x1 - x0)) < 0.01 or abs(im.h - (bottom - top)) < 0.01  # fills one way
    assert not [d for d in lay.diagnostics if d.article == "ad-1"]  # grey: fine


def test_an_rgb_image_ad_is_reported(tmp_path):
    from PIL import Image

    ed = small_edition(tmp_path, ads=AD + "    file: ads/shop.jpg\n")
    (ed / "ads").mkdir()
    Image.new("RGB", (400, 150), (200, 30, 30)).save(ed / "ads" / "shop.jpg")
    edition, style, fonts = load(ed)
    lay = make_page(edition, edition.pages[1], fonts, style)
    msgs = [d.message for d in lay.diagnostics if d.article == "ad-1" and d.severity == "error"]
    assert msgs == ["ad file ads/shop.jpg: the image is RGB, not CMYK or grey"]


def test_a_page_of_one_story_beside_a_narrow_ad_declares_the_other_area_a_hole(tmp_path):
    ed = small_edition(tmp_path, ads="ads:\n  - page: 2\n    columns: 3\n    lines: 30\n")
    (ed / "articles" / "13-yeshi-jingji.md").unlink()  # page 2 keeps one story
    edition, style, fonts = load(ed)
    lay = make_page(edition, edition.pages[1], fonts, style)
    kinds = sorted(p.kind for p in lay.placements)
    assert kinds.count("ad") == 1 and kinds.count("story") == 1
    assert lay.report.holes and lay.rules_met["no_hole"] is False


def test_ads_that_leave_the_stories_no_room_are_an_error(tmp_path):
    ads = AD.replace("lines: 24", "lines: 40") + "  - page: 2\n    columns: 6\n    lines: 40\n"
    ed = small_edition(tmp_path, ads=ads + "    position: top\n")
    edition, style, fonts = load(ed)
    with pytest.raises(ContentError) as err:
        make_page(edition, edition.pages[1], fonts, style)
    assert "ads[2].lines" in str(err.value) and "leave" in str(err.value)


def test_a_bad_ad_field_through_the_command_line_is_one_line_exit_2(tmp_path, capsys):
    ed = small_edition(tmp_path, ads="ads:\n  - page: 2\n    columns: 6\n    lines: -3\n")
    assert main(["check", str(ed)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) <= 2 and "edition.yaml" in err[0] and "ads[1].lines" in err[0]
