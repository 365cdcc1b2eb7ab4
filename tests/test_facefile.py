"""One metrics file per face (layout.facefile): the typesetter's part and the
renderer's part live in one file, each read without the other."""

from __future__ import annotations

from array import array

from layout import facefile
from layout.fonts import face_file, load_fontset


def test_parts_are_kept_and_read_apart(tmp_path):
    f = tmp_path / "x.face"
    facefile.write(f, {"family": "Test", "advances": {0x4E00: 1.0}})
    assert facefile.read_meta(f) == {"family": "Test", "advances": {0x4E00: 1.0}}
    assert facefile.map_renderer(f) is None  # no renderer part yet
    facefile.write(
        f, None, {"format": "t"}, [("a", array("I", [1, 2, 3])), ("b", array("d", [0.5]))]
    )
    assert facefile.read_meta(f) == {"family": "Test", "advances": {0x4E00: 1.0}}
    fields, arrays = facefile.map_renderer(f)
    assert fields == {"format": "t"}
    assert list(arrays["a"]) == [1, 2, 3] and list(arrays["b"]) == [0.5]


def test_not_a_face_file(tmp_path):
    bad = tmp_path / "bad.face"
    bad.write_bytes(b"something else entirely")
    assert facefile.read_meta(bad) is None
    assert facefile.map_renderer(bad) is None
    assert facefile.read_meta(tmp_path / "missing.face") is None


def test_render_finds_the_face_file_the_typesetter_read():
    fonts = load_fontset()
    face = fonts.face("song", "regular")
    path = face_file(face.pdf_file, face.pdf_index)
    assert path.suffix == ".face" and path.is_file()
    assert facefile.read_meta(path)["family"] == face.family
