"""The memory-mapped reportlab face (layout.rlface) behaves as reportlab's own parse:
same lookups, same widths, byte-identical font subsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout import rlface

WENKAI = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")


@pytest.mark.parametrize(("path", "index"), [(WENKAI, 0), (UKAI, 0)])
def test_mapped_face_matches_reportlab(tmp_path, path, index):
    if not path.exists():
        pytest.skip(f"{path.name} not installed")
    from reportlab.pdfbase.ttfonts import TTFont

    face = TTFont("ref", str(path), subfontIndex=index).face
    store = tmp_path / "face.rlface"
    rlface.write(face, store)
    mapped = rlface.read(store, path)
    text = "新闻出版，印刷就绪。“引号”——破折号 Page 3 ＡＢＣ\u00a0\u3000𠀀"
    for code in map(ord, text + "\ufffe\U0010fffe"):
        assert (code in mapped.charToGlyph) == (code in face.charToGlyph), hex(code)
        assert mapped.charToGlyph.get(code) == face.charToGlyph.get(code), hex(code)
        assert mapped.getCharWidth(code) == face.getCharWidth(code), hex(code)
    glyphs = sorted({face.charToGlyph[c] for c in map(ord, text) if c in face.charToGlyph})
    for g in [*glyphs, len(face.hmetrics) - 1]:
        assert mapped.hmetrics[g] == face.hmetrics[g]
        assert type(mapped.hmetrics[g][0]) is type(face.hmetrics[g][0])
        assert mapped.glyphPos[g] == face.glyphPos[g]
    subset = [0] + [ord(c) for c in dict.fromkeys(text) if ord(c) in face.charToGlyph]
    assert mapped.makeSubset(subset) == face.makeSubset(subset)
    for attr in ("name", "ascent", "descent", "capHeight", "bbox", "flags", "defaultWidth"):
        assert getattr(mapped, attr) == getattr(face, attr)


def test_unreadable_file_is_a_miss(tmp_path):
    bad = tmp_path / "bad.rlface"
    bad.write_bytes(b"not a face")
    assert rlface.read(bad, WENKAI) is None
    assert rlface.read(tmp_path / "missing.rlface", WENKAI) is None
