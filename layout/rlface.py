"""reportlab faces from a compact, memory-mapped cache: what `render` embeds with.

reportlab parses a TrueType file into Python dicts and lists (cmap, widths,
glyph offsets, metrics: 65 535 glyphs for a CJK face) and keeps the whole
file in memory; `makeSubset` then copies the whole glyf table (20–30 MB) for
every subset of 256 characters. Pickling the parsed face made a warm load
fast but still unpickled 16–33 MB per face.

Here a face is parsed once and its tables of numbers are added to the face's
one metrics file (`layout.facefile`: the face's scalar fields, then flat
arrays: code point → glyph, code point → width, glyph → offset, glyph →
advance and side bearing). A build maps that file and the font file into
memory and reads only the entries it touches: no unpickling of tables, no
copy of the file, and a subset slices the glyphs it needs out of the mapped
glyf table. The output is byte-identical to reportlab's own parse.
"""

from __future__ import annotations

import functools
import mmap
import operator
from array import array
from pathlib import Path

FORMAT = "reportlab-arrays-1"
_BIG = ("_ttf_data", "charToGlyph", "glyphToChar", "charWidths", "hmetrics", "glyphPos")
_NAN = float("nan")


class _CodeToGlyph:
    """`charToGlyph` over a mapped array (glyph + 1 per code point; 0 = none)."""

    __slots__ = ("_a", "_n")

    def __init__(self, a):
        self._a, self._n = a, len(a)

    def __contains__(self, code) -> bool:
        return 0 <= code < self._n and self._a[code] != 0

    def __getitem__(self, code) -> int:
        v = self._a[code] if 0 <= code < self._n else 0
        if not v:
            raise KeyError(code)
        return v - 1

    def get(self, code, default=None):
        v = self._a[code] if 0 <= code < self._n else 0
        return v - 1 if v else default


class _Widths:
    """`charWidths` over a mapped array of doubles (NaN = no width)."""

    __slots__ = ("_a", "_n")

    def __init__(self, a):
        self._a, self._n = a, len(a)

    def get(self, code, default=None):
        if 0 <= code < self._n:
            v = self._a[code]
            if v == v:
                return v
        return default

    def __getitem__(self, code):
        v = self.get(code)
        if v is None:
            raise KeyError(code)
        return v

    def __contains__(self, code) -> bool:
        return self.get(code) is not None


class _Window:
    """A table of the mapped file, sliced without copying the rest of it."""

    __slots__ = ("_mm", "_pos", "_len")

    def __init__(self, mm, pos: int, length: int):
        self._mm, self._pos, self._len = mm, pos, length

    def __getitem__(self, s: slice) -> bytes:
        start = self._pos + (s.start or 0)
        stop = self._pos + (self._len if s.stop is None else min(s.stop, self._len))
        return self._mm[start:stop]

    def __len__(self) -> int:
        return self._len


@functools.cache
def _face_class():
    from reportlab.pdfbase.ttfonts import TTFontFace

    class MappedFace(TTFontFace):
        """A TTFontFace whose tables are read from memory maps."""

        def get_table(self, tag):
            if tag == "glyf":
                pos, length = self.get_table_pos(tag)
                return _Window(self._ttf_data, pos, length)
            return super().get_table(tag)

    return MappedFace


def _map(path: Path):
    with path.open("rb") as f:
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


def write(face, target: Path) -> None:
    """Add a parsed reportlab face to its face file (keeping the typesetter's part)."""
    from . import facefile

    small = {k: v for k, v in face.__dict__.items() if k not in _BIG}
    small.pop("_pdfScale", None)
    c2g = face.charToGlyph
    top = max(max(c2g, default=0), max(face.charWidths, default=0)) + 1
    codes = array("I", bytes(4 * top))
    for code, g in c2g.items():
        codes[code] = g + 1
    widths = array("d", [_NAN]) * top
    for code, w in face.charWidths.items():
        widths[code] = w
    pos = array("I", face.glyphPos)
    aw = array("d", (float(a) for a, _ in face.hmetrics))
    aw_int = array("B", (1 if isinstance(a, int) else 0 for a, _ in face.hmetrics))
    lsb = array("i", (int(b) for _, b in face.hmetrics))
    arrays = [("codes", codes), ("widths", widths), ("pos", pos), ("aw", aw)]
    arrays += [("aw_int", aw_int), ("lsb", lsb)]
    facefile.write(target, None, {"format": FORMAT, "small": small}, arrays)


def ensure(store: Path, font_file: Path, index: int) -> bool:
    """The face's renderer part in its face file, from reportlab's parse of the
    font (once per face: a CJK face takes 0.2–1 s); False if it cannot be written."""
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        write(TTFont("np-face", str(font_file), subfontIndex=index).face, store)
    except OSError:
        return False
    return True


def read(store: Path, font_file: Path):
    """A face from its face file and the mapped font file; None if not there yet."""
    from . import facefile

    found = facefile.map_renderer(store)
    if found is None or found[0].get("format") != FORMAT:
        return None
    fields, arrays = found
    cls = _face_class()
    face = cls.__new__(cls)
    face.__dict__.update(fields["small"])
    face._pdfScale = functools.partial(operator.mul, 1000 / face.unitsPerEm)
    try:
        face._ttf_data = _map(font_file)
    except (OSError, ValueError):
        return None
    face.charToGlyph = _CodeToGlyph(arrays["codes"])
    face.charWidths = _Widths(arrays["widths"])
    face.glyphPos = arrays["pos"]
    face.hmetrics = _HMetricsMixed(arrays["aw"], arrays["aw_int"], arrays["lsb"])
    return face


class _HMetricsMixed:
    """`hmetrics` as reportlab builds it: (advance, lsb) per glyph, where the advance
    is an int for the glyphs with their own metrics and a float after them."""

    __slots__ = ("_aw", "_int", "_lsb")

    def __init__(self, aw, is_int, lsb):
        self._aw, self._int, self._lsb = aw, is_int, lsb

    def __getitem__(self, glyph: int):
        aw = self._aw[glyph]
        return (int(aw) if self._int[glyph] else aw, self._lsb[glyph])

    def __len__(self) -> int:
        return len(self._aw)
