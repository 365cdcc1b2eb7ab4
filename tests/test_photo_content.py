"""`images:` and `kind: photo` in articles: the files are checked when the edition is read.

Every bad image is one ContentError (exit 2 from the command line) naming the article
file, the field, and the image file as written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from photo_helpers import make_edition, story, write_image

from layout.cli import main
from layout.content import load_edition
from layout.errors import ContentError

ONE = "images:\n  - file: images/a.jpg\n    caption: 图说。\n    credit: 记者 某 摄\n"


def test_images_are_read_with_their_fields(tmp_path):
    text = story(
        "images:\n  - file: images/a.jpg\n    caption: 九月十八日，游客在江边观潮。\n"
        "    credit: 记者 某某 摄\n    focus: [0.25, 0.75]\n    min_columns: 2\n"
        "  - images/b.png\n"
    )
    root = make_edition(
        tmp_path, {"01-a.md": text}, {"images/a.jpg": (300, 200), "images/b.png": (40, 30, "PNG")}
    )
    art = load_edition(root).articles[0]
    a, b = art.images
    assert (a.width_px, a.height_px) == (300, 200)
    assert a.caption == "九月十八日，游客在江边观潮。" and a.credit == "记者 某某 摄"
    assert a.focus == (0.25, 0.75) and a.min_columns == 2
    assert a.file == (root / "images" / "a.jpg").resolve()
    assert a.name == "images/a.jpg" and a.line == 7  # the line of its "- file:"
    assert (b.width_px, b.height_px, b.focus, b.caption) == (40, 30, (0.5, 0.5), None)
    assert len(a.sha256) == 64 and a.sha256 != b.sha256


def test_tiff_is_accepted(tmp_path):
    root = make_edition(
        tmp_path, {"01-a.md": story("images:\n  - file: p.tif\n")}, {"p.tif": (50, 40, "TIFF")}
    )
    assert load_edition(root).articles[0].images[0].width_px == 50


def test_exif_orientation_swaps_width_and_height(tmp_path):
    from PIL import Image

    root = make_edition(tmp_path, {"01-a.md": story("images:\n  - file: r.jpg\n")})
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    Image.new("RGB", (60, 20), "grey").save(root / "r.jpg", exif=exif.tobytes())
    img = load_edition(root).articles[0].images[0]
    assert (img.width_px, img.height_px) == (20, 60)


def test_picture_story_needs_no_body_but_needs_photos(tmp_path):
    ok = make_edition(
        tmp_path / "1", {"01-p.md": story(ONE, kind="photo", body="")}, {"images/a.jpg": (30, 20)}
    )
    art = load_edition(ok).articles[0]
    assert art.kind == "photo" and art.blocks == () and len(art.images) == 1
    bad = make_edition(tmp_path / "2", {"01-p.md": story("", kind="photo", body="")})
    with pytest.raises(ContentError) as exc:
        load_edition(bad)
    assert "picture story" in str(exc.value) and "01-p.md" in str(exc.value)


def test_brief_with_images_is_refused(tmp_path):
    text = "---\nkind: brief\nheadline: 短讯\n" + ONE + "---\n正文。\n"
    root = make_edition(tmp_path, {"20-b.md": text}, {"images/a.jpg": (30, 20)})
    with pytest.raises(ContentError) as exc:
        load_edition(root)
    assert exc.value.field == "images"


def _error(root: Path) -> ContentError:
    with pytest.raises(ContentError) as exc:
        load_edition(root)
    return exc.value


@pytest.mark.parametrize(
    ("file", "needle"),
    [
        ("images/none.jpg", "does not exist"),
        ("../outside.jpg", "outside the edition folder"),
        ("/etc/passwd", "outside the edition folder"),
        ("images", "is not a file"),
    ],
)
def test_bad_image_path_names_article_and_file(tmp_path, file, needle):
    write_image(tmp_path / "outside.jpg", 20, 20)
    root = make_edition(
        tmp_path, {"07-x.md": story(f"images:\n  - file: {file}\n")}, {"images/a.jpg": (20, 20)}
    )
    err = _error(root)
    text = str(err)
    assert needle in text
    assert "07-x.md" in text and file in text
    assert err.field == "images[1].file" and err.line == 7


def test_symlink_out_of_the_edition_is_refused(tmp_path):
    outside = write_image(tmp_path / "secret" / "x.jpg", 20, 20)
    root = make_edition(tmp_path, {"01-a.md": story("images:\n  - file: images/link.jpg\n")})
    (root / "images").mkdir()
    os.symlink(outside, root / "images" / "link.jpg")
    assert "outside the edition folder" in str(_error(root))


def test_symlink_inside_the_edition_is_fine(tmp_path):
    root = make_edition(
        tmp_path, {"01-a.md": story("images:\n  - file: images/link.jpg\n")}, {"pics/a.jpg": (9, 9)}
    )
    (root / "images").mkdir()
    os.symlink(root / "pics" / "a.jpg", root / "images" / "link.jpg")
    assert load_edition(root).articles[0].images[0].width_px == 9


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"not an image at all", "not a JPEG, PNG or TIFF"),
        ("gif", "a GIF image; use JPEG, PNG or TIFF"),
        ("truncated", "cannot be decoded"),
    ],
)
def test_unreadable_image_is_a_content_error(tmp_path, content, needle):
    root = make_edition(tmp_path, {"01-a.md": story("images:\n  - file: images/a.jpg\n")})
    path = root / "images" / "a.jpg"
    if content == "gif":
        write_image(path, 20, 20, "GIF", "L")
    elif content == "truncated":
        write_image(path, 200, 200)
        path.write_bytes(path.read_bytes()[:600])
    else:
        path.parent.mkdir()
        path.write_bytes(content)
    err = _error(root)
    assert needle in str(err) and "images/a.jpg" in str(err) and "01-a.md" in str(err)


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ("  - file: a.jpg\n    focus: [0.5]\n", "images[1].focus"),
        ("  - file: a.jpg\n    focus: [1.5, 0.2]\n", "images[1].focus"),
        ("  - file: a.jpg\n    focus: centre\n", "images[1].focus"),
        ("  - file: a.jpg\n    min_columns: 0\n", "images[1].min_columns"),
        ("  - file: a.jpg\n    colour: true\n", "images[1].colour"),
        ("  - caption: 没有文件\n", "images[1].file"),
    ],
)
def test_bad_image_fields(tmp_path, entry, field):
    root = make_edition(tmp_path, {"01-a.md": story("images:\n" + entry)}, {"a.jpg": (9, 9)})
    assert _error(root).field == field


def test_command_line_exit_2_names_the_file(tmp_path, capsys):
    root = make_edition(tmp_path, {"03-c.md": story("images:\n  - file: ../x.jpg\n")})
    assert main(["check", str(root)]) == 2
    err = capsys.readouterr().err
    assert "03-c.md" in err and "../x.jpg" in err and "outside the edition folder" in err


def test_a_changed_photo_changes_the_page_cache_key(tmp_path):
    """The build cache keys a page by its articles; an article's image is in it by the
    file's hash, so replacing the picture under the same name lays the page out again."""
    from layout.buildcache import page_key
    from layout.style import load_style

    root = make_edition(tmp_path, {"01-a.md": story(ONE)}, {"images/a.jpg": (60, 40)})
    style = load_style("tabloid")
    before = page_key(load_edition(root), 0, style, None)
    write_image(root / "images" / "a.jpg", 60, 41)
    assert page_key(load_edition(root), 0, style, None) != before
