"""Photos on real pages: content/demo (stories with photos, two picture stories) and
the low-resolution test edition, laid out, rendered and read back from the PDF."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import stable
from pdfcheck import open_pdf
from photo_helpers import make_edition, story, write_image
from stable import lay_out as kept_lay_out
from stable import own_cache, settle

from layout.cli import main
from layout.content import load_edition
from layout.makeup.page import arrange, build_modules
from layout.makeup.photo import IllustratedStory, dominant_lead
from layout.photo.crop import MAX_CROP

# end-to-end: `pytest -m "not slow"` leaves these out of the quick loop
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content" / "demo"
LOWRES = ROOT / "tests" / "editions" / "lowres"
AUDIT = ROOT.parent / "shared" / "audit" / "audit.py"
# every page as its print file under a fixed name (page 3's overset would make it a proof)
FILES = ("--no-preflight", "--force", "--name", "page-{page:02d}.pdf")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    # page 3 is the demo's page with far too much copy: exit 1 for its overset
    assert main(["build", str(DEMO), "-o", str(out), *FILES]) == 1
    return out


@pytest.fixture(scope="module")
def run(demo_run):
    return demo_run


def _photo_pages(run):
    return [lay for lay in run.pages if lay.display.images]


def _images_in_pdf(path: Path):
    with open_pdf(path) as pdf:
        page = pdf.pages[0]
        return page.images, page.chars


def test_every_photo_is_printed_sharp_in_black(demo, run):
    """Each photo of the demo is placed, at >= 200 ppi, as DeviceGray, and embedded once."""
    import pikepdf

    from layout.photo.pdfimages import placed_images

    expected = {
        lay.page.number: sum(
            len(a.images) for a in run.edition.articles_for(lay.page) if a.kind != "brief"
        )
        for lay in run.pages
    }
    assert sum(expected.values()) == 6
    for number, count in expected.items():
        with pikepdf.open(demo / f"page-{number:02d}.pdf") as pdf:
            placed = placed_images(pdf)
        assert len(placed) == count
        for img in placed:
            assert img.colour == "DeviceGray" and img.bits == 8
            assert img.ppi >= 200, img.describe()
            assert img.ppi <= 300 * 1.01, img.describe()  # down-sampled above 300


def test_caption_under_each_photo_and_no_text_over_it(demo, run):
    for lay in _photo_pages(run):
        images, chars = _images_in_pdf(demo / f"page-{lay.page.number:02d}.pdf")
        captions = [
            i.caption
            for a in run.edition.articles_for(lay.page)
            for i in a.images
            if a.kind != "brief"
        ]
        for img in images:
            x0, x1, top, bottom = img["x0"], img["x1"], img["top"], img["bottom"]
            # no character's box over the photo
            over = [
                c
                for c in chars
                if c["x0"] < x1 and c["x1"] > x0 and c["top"] < bottom and c["bottom"] > top
            ]
            assert not over, "".join(c["text"] for c in over)
            # the caption: the text in the lines right under the photo, as wide as it
            under = sorted(
                (
                    c
                    for c in chars
                    if x0 - 0.5 <= c["x0"]
                    and c["x1"] <= x1 + 0.5
                    and bottom <= c["top"] <= bottom + 14
                ),
                key=lambda c: c["x0"],
            )
            text = "".join(c["text"] for c in under)
            assert text and any(cap.startswith(text[:8]) for cap in captions), text


def test_crop_keeps_the_focus_and_never_distorts(run):
    """Every photo's crop, in the frames the make-up chose on each page (the
    pages' arrangements made again, kept for the code, fonts and copy like the
    session's lay-out: stable.memo)."""
    parts = ["photo frames", *stable.code_and_fonts(), stable.tree_hash(DEMO)]
    placed = stable.memo(parts, lambda: _placed_frames(run))
    assert len(placed) == 6  # every photo of the demo
    for ref, fr in placed:
        fx, fy = ref.focus
        assert fr.crop.contains(fx * ref.width_px, fy * ref.height_px)
        assert abs(fr.crop.aspect - fr.w_pt / fr.h_pt) / (fr.w_pt / fr.h_pt) < 0.01
        assert fr.crop.width >= (1 - MAX_CROP) * ref.width_px - 1
        assert fr.crop.height >= (1 - MAX_CROP) * ref.height_px - 1


def _placed_frames(run) -> list:
    """(image, frame) of each photo the arrangement of each page places."""
    ed = run.edition
    out = []
    for lay in _photo_pages(run):
        mods = build_modules(ed, lay.page, run.fonts, run.style)
        sol, mods, _ = dominant_lead(
            mods, lambda mods=mods, page=lay.page: arrange(mods, run.style, page)
        )
        for p in sol.placed:
            md = mods[p.m]
            if isinstance(md, IllustratedStory):
                out.extend((ref, fr) for ref, fr, _cap, _x, _line in md.placed_frames(p))
    return out


def test_lead_photo_largest_on_the_page_with_most_photos(demo, run):
    lay = max(run.pages, key=lambda lay: len(lay.display.images))
    assert len(lay.display.images) >= 3
    lead = min(
        (p for p in lay.placements if p.kind in ("story", "photo")),
        key=lambda p: [a.id for a in run.edition.articles_for(lay.page)].index(p.article),
    )
    st = run.style
    x0, x1 = st.column_x(lead.col), st.column_x(lead.col) + st.span_width(lead.span)
    y0, y1 = st.area_top + lead.top * st.pitch, st.area_top + (lead.top + lead.depth) * st.pitch
    inside = [
        i
        for i in lay.display.images
        if x0 <= i.x and i.x + i.w <= x1 + 0.01 and y0 <= i.y and i.y + i.h <= y1 + 0.01
    ]
    assert len(inside) == 1
    others = [i for i in lay.display.images if i not in inside]
    assert all(o.w * o.h <= inside[0].w * inside[0].h + 1e-6 for o in others)


def test_picture_story_is_placed_with_its_headline(run):
    heads = {a.id: a.headline for a in run.edition.articles if a.kind == "photo"}
    assert len(heads) == 3
    for lay in run.pages:
        text = "".join(r.text() for r in lay.display.runs if r.role == "headline")
        for aid, head in heads.items():
            if any(p.article == aid for p in lay.placements):
                assert head in text


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript not installed")
def test_photos_only_on_the_black_plate(demo, tmp_path, run):
    """tiffsep: C, M and Y carry nothing inside the trim; the photos are on K, TAC <= 240 %."""
    import numpy as np
    from PIL import Image

    lay = _photo_pages(run)[-1]
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
            str(demo / f"page-{lay.page.number:02d}.pdf"),
        ],
        check=True,
    )
    st = run.style
    px = 50 / 72
    off = (st.bleed + st.slug) * px
    plates = {}
    for name in ("Cyan", "Magenta", "Yellow", "Black"):
        img = np.asarray(Image.open(tmp_path / f"p({name}).tif"), dtype=np.float32)
        h, w = img.shape
        plates[name] = (
            255 - img[int(off) + 2 : h - int(off) - 2, int(off) + 2 : w - int(off) - 2]
        ) / 255
    for name in ("Cyan", "Magenta", "Yellow"):
        assert plates[name].max() == 0, f"{name} plate has ink inside the trim"
    k = plates["Black"]
    for im in lay.display.images:  # inside each photo: grey ink, within the newsprint range
        r0, r1 = int(im.y * px) + 3, int((im.y + im.h) * px) - 3
        c0, c1 = int(im.x * px) + 3, int((im.x + im.w) * px) - 3
        ink = k[r0 - 2 : r1 - 2, c0 - 2 : c1 - 2]
        assert 0.05 <= ink.min() and ink.max() <= 0.92
        assert ink.max() - ink.min() > 0.3  # a picture, not a flat tint
    assert sum(plates.values()).max() <= 2.4


def _photo_pages_only(root: Path) -> Path:
    """A copy of the demo without page 2 (no photos there) and its articles."""
    shutil.copytree(DEMO, root)
    yaml = root / "edition.yaml"
    head, pages = yaml.read_text(encoding="utf-8").split("pages:\n", 1)
    blocks = ["  - " + b for b in pages.split("  - ")[1:]]
    kept = [b for b in blocks if "number: 2\n" not in b]
    yaml.write_text(head + "pages:\n" + "".join(kept), encoding="utf-8")
    for art in (root / "articles").glob("*.md"):
        if "\nsection: 要闻\n" in art.read_text(encoding="utf-8"):
            art.unlink()
    return root


def test_rebuild_is_byte_identical_even_with_a_cold_photo_cache(tmp_path, monkeypatch):
    """The processed photos are a pure function of source, crop and size: with their
    cache files gone, a rebuild makes them again and the PDFs come out the same bytes.
    Both builds use a cache folder of this test's own (the page's content digest
    names cached files, so the folder stays; and no other test loses its photos),
    of the demo's two pages with photos. The folder lasts between runs (locked
    while the test runs), so the first build is copied from its page cache when
    the code has not changed; the second lays the pages out again."""
    edition = settle(_photo_pages_only(tmp_path / "demo"))
    one, again = tmp_path / "one", tmp_path / "again"
    with own_cache("photo-rebuild-cache") as cache:
        monkeypatch.setenv("NEWSPAGE_CACHE", str(cache))
        assert main(["build", str(edition), "-o", str(one), *FILES]) == 1
        # every processed photo gone (also those of lay-outs of older code,
        # which the folder keeps between runs)
        for path in (cache / "photos").glob("*.png"):
            path.unlink()
        monkeypatch.setenv("NEWSPAGE_BUILD_CACHE", "0")  # lay the pages out again
        assert main(["build", str(edition), "-o", str(again), *FILES]) == 1
        # every photo of the two pages processed again
        assert len(list((cache / "photos").glob("*.png"))) == 6
    assert sorted(p.name for p in one.glob("*.pdf")) == ["page-03.pdf", "page-04.pdf"]
    for name in ("page-03.pdf", "page-04.pdf"):
        a = hashlib.sha256((one / name).read_bytes()).hexdigest()
        b = hashlib.sha256((again / name).read_bytes()).hexdigest()
        assert a == b, name


# ---------------------------------------------------------------------------
# resolution warnings and errors, named with the article


def test_low_resolution_warning_and_error(capsys):
    assert main(["check", str(LOWRES), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    diags = [d for page in report["pages"] for d in page["diagnostics"]]
    soft = [
        d
        for d in diags
        if d["article"] == "02-qiuliang-shougou"
        and "ppi" in d["message"]
        and d["severity"] == "warning"
    ]
    blocky = [
        d
        for d in diags
        if d["article"] == "03-shuangjie-tielu"
        and "ppi" in d["message"]
        and d["severity"] == "error"
    ]
    assert soft and "images/soft.jpg" in soft[0]["message"]
    assert blocky and "images/tiny.png" in blocky[0]["message"]
    assert "below 120 ppi" in blocky[0]["message"]


def test_error_alone_makes_exit_1(tmp_path, capsys):
    """The same page with the tiny photo replaced by a sharp one passes the ppi checks."""
    root = tmp_path / "ed"
    shutil.copytree(LOWRES, root)
    write_image(root / "images" / "tiny.png", 900, 600, "PNG")
    write_image(root / "images" / "soft.jpg", 900, 600)
    main(["check", str(root), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    diags = [d for page in report["pages"] for d in page["diagnostics"]]
    assert not [d for d in diags if "ppi" in d["message"] and d["severity"] != "info"]


# ---------------------------------------------------------------------------
# a short page: the photo grows


def test_photo_grows_on_a_short_page(tmp_path):
    text = "本报讯 " + "江城的秋天来得很慢，街巷里的桂花开了又谢。" * 30 + "\n"
    images = "images:\n  - file: images/big.jpg\n    caption: 一张大照片。\n    focus: [0.5, 0.5]\n"
    root = make_edition(
        tmp_path, {"01-a.md": story(images, body=text)}, {"images/big.jpg": (4500, 3000)}
    )
    run = kept_lay_out(settle(root))  # kept for the code, fonts and files (stable.lay_out)
    lay = run.pages[0]
    (img,) = lay.display.images
    mods = build_modules(run.edition, lay.page, run.fonts, run.style)
    (md,) = mods
    assert isinstance(md, IllustratedStory)
    shallowest = min(
        fr.lines for s in range(1, 7) for st in md.photos.stacks(s).values() for fr in st.frames
    )
    assert img.h > (shallowest + 5) * run.style.pitch
    # the page is full, or else the photo is as large as it can be at its width
    cols = round((img.w + run.style.gutter) / (run.style.column_width + run.style.gutter))
    deepest = max(fr.lines for st in md.photos.stacks(cols).values() for fr in st.frames)
    grown = img.h >= deepest * run.style.pitch - run.style.pitch
    assert lay.report.rules_met.get("full") or grown, lay.diagnostics


def test_edition_with_photos_loads_from_anywhere(tmp_path):
    ed = load_edition(DEMO)
    assert {i.name for a in ed.articles for i in a.images} == {
        "images/liuxiang-huahui.jpg",
        "images/shitang-kafei.jpg",
        "images/wangjiangge.jpg",
        "images/shenkong.jpg",
        "images/huojian.jpg",
        "images/yandi.jpg",
    }


def test_photo_steps_are_logged(run):
    """check -v / report.json list how the photos were set (step 2 of the short page)."""
    steps = [s for lay in run.pages for s in lay.report.steps if s.startswith("photos")]
    assert any("12-photo-shenkong +" in s for s in steps), steps
