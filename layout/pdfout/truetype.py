"""TrueType faces from the memory-mapped face files, and the subsets a page embeds.

A face is what `layout.rlface` stored of reportlab's parse (scalar fields and
flat arrays in the face file), read without importing reportlab: the mapped
arrays give code point → glyph, widths, glyph offsets and metrics, and the
font file itself is mapped, so a subset slices out only its glyphs.
`make_subset` is reportlab's `TTFontFile.makeSubset` (a TrueType file of the
subset's glyphs, a format 6 cmap from codes 0…n-1) on those arrays.
"""

from __future__ import annotations

import mmap
import os
import pickle
from pathlib import Path
from struct import pack, unpack_from

GF_ARG_1_AND_2_ARE_WORDS = 1 << 0
GF_WE_HAVE_A_SCALE = 1 << 3
GF_MORE_COMPONENTS = 1 << 5
GF_WE_HAVE_AN_X_AND_Y_SCALE = 1 << 6
GF_WE_HAVE_A_TWO_BY_TWO = 1 << 7
FF_SYMBOLIC = 1 << 2
FF_NONSYMBOLIC = 1 << 5


class _NameBytes(bytes):
    """reportlab's TTFNameBytes as unpickled here (bytes, and its text in `ustr`)."""

    def __new__(cls, b=b"", enc="utf8"):
        return bytes.__new__(cls, b)


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if module == "reportlab.pdfbase.ttfonts" and name == "TTFNameBytes":
            return _NameBytes
        return super().find_class(module, name)


def loads(data) -> object:
    import io

    return _Unpickler(io.BytesIO(data)).load()


class Face:
    """One face: its fields (name, ascent, flags, table directory …) and arrays."""

    def __init__(self, fields: dict, arrays: dict, data: mmap.mmap):
        self.__dict__.update(fields)
        self.codes = arrays["codes"]  # code point → glyph + 1 (0: none)
        self.widths = arrays["widths"]  # code point → width in 1/1000 em (NaN: none)
        self.pos = arrays["pos"]  # glyph → offset in glyf
        self.aw = arrays["aw"]
        self.lsb = arrays["lsb"]
        self.data = data

    def glyph(self, code: int) -> int | None:
        if 0 <= code < len(self.codes):
            g = self.codes[code]
            return g - 1 if g else None
        return None

    def width(self, code: int) -> float:
        if 0 <= code < len(self.widths):
            w = self.widths[code]
            if w == w:
                return w
        return self.defaultWidth

    def read_table(self, tag: str) -> bytes:
        t = self.__dict__["table"][tag]
        return self.data[t["offset"] : t["offset"] + t["length"]]

    def has_table(self, tag: str) -> bool:
        return tag in self.__dict__["table"]

    def glyf_offset(self) -> int:
        return self.__dict__["table"]["glyf"]["offset"]


_LOADED: dict[tuple[Path, Path], Face] = {}


def load(store: Path, font_file: Path) -> Face | None:
    """The face of `store` (its face file) over the mapped `font_file`; None when the
    face file has no renderer part yet (`layout.rlface.ensure` adds it)."""
    hit = _LOADED.get((store, font_file))
    if hit is None:
        hit = _load(store, font_file)
        if hit is not None:
            _LOADED[(store, font_file)] = hit
    return hit


def _load(store: Path, font_file: Path) -> Face | None:
    from .. import facefile

    found = facefile.map_renderer(store, loads=loads)
    if found is None or found[0].get("format") != "reportlab-arrays-1":
        return None
    fields, arrays = found
    try:
        with font_file.open("rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            st = os.fstat(f.fileno())
    except (OSError, ValueError):
        return None
    face = Face(fields["small"], arrays, data)
    face.identity = f"{font_file}|{st.st_size}|{st.st_mtime_ns}|{store}"  # subsets' memo
    return face


def make_subset(face: Face, subset: list[int]) -> bytes:
    """A TrueType font of the glyphs of `subset` (code points; code i of the
    subset font shows subset[i])."""
    glyph_map = [0]  # new glyph → old glyph
    glyph_set = {0: 0}  # old glyph → new glyph
    code_to_glyph = {}
    for code in subset:
        old = face.glyph(code) or 0
        if old not in glyph_set:
            glyph_set[old] = len(glyph_map)
            glyph_map.append(old)
        code_to_glyph[code] = glyph_set[old]
    data = face.data
    start = face.glyf_offset()
    pos = face.pos
    n = 0
    while n < len(glyph_map):  # parts of composite glyphs too
        old = glyph_map[n]
        n += 1
        gpos = pos[old]
        if pos[old + 1] == gpos:
            continue
        at = start + gpos
        (contours,) = unpack_from(">h", data, at)
        if contours >= 0:
            continue
        at += 10
        flags = GF_MORE_COMPONENTS
        while flags & GF_MORE_COMPONENTS:
            flags, idx = unpack_from(">HH", data, at)
            at += 4
            if idx not in glyph_set:
                glyph_set[idx] = len(glyph_map)
                glyph_map.append(idx)
            at += _component_args(flags)

    tables: dict[str, bytes] = {}
    for tag in ("name", "OS/2", "cvt ", "fpgm", "prep"):
        if face.has_table(tag):
            tables[tag] = face.read_table(tag)
    tables["post"] = b"\x00\x03\x00\x00" + face.read_table("post")[4:16] + b"\x00" * 16
    count = len(glyph_map)
    hmtx = []
    for g in glyph_map:
        hmtx.append(int(face.aw[g]))
        hmtx.append(int(face.lsb[g]))
    n = len(hmtx) - 2
    while n and hmtx[n] == hmtx[n - 2]:
        n -= 2
    n += 2
    n_hmetrics = n >> 1
    hmtx = hmtx[:n] + hmtx[n + 1 :: 2]
    tables["hmtx"] = pack(f">{len(hmtx)}H", *hmtx)
    tables["hhea"] = _set_ushort(face.read_table("hhea"), 34, n_hmetrics)
    tables["maxp"] = _set_ushort(face.read_table("maxp"), 4, count)
    entries = len(subset)
    cmap = [0, 1, 1, 0, 0, 12, 6, 10 + entries * 2, 0, 0, entries]
    cmap += [code_to_glyph[c] for c in subset]
    tables["cmap"] = pack(f">{len(cmap)}H", *cmap)

    glyf = []
    offsets = []
    at = 0
    for old in glyph_map:
        offsets.append(at)
        gpos = pos[old]
        length = pos[old + 1] - gpos
        chunk = data[start + gpos : start + gpos + length]
        if length > 2 and unpack_from(">h", chunk)[0] < 0:
            chunk = bytearray(chunk)
            p = 10
            flags = GF_MORE_COMPONENTS
            while flags & GF_MORE_COMPONENTS:
                flags, idx = unpack_from(">HH", chunk, p)
                chunk[p + 2 : p + 4] = pack(">H", glyph_set[idx])
                p += 4 + _component_args(flags)
            chunk = bytes(chunk)
        glyf.append(chunk)
        at += length
        if at % 4:
            pad = 4 - at % 4
            glyf.append(b"\0" * pad)
            at += pad
    offsets.append(at)
    tables["glyf"] = b"".join(glyf)
    if (at + 1) >> 1 > 0xFFFF:
        loc_format = 1
        tables["loca"] = pack(f">{len(offsets)}L", *offsets)
    else:
        loc_format = 0
        tables["loca"] = pack(f">{len(offsets)}H", *(o >> 1 for o in offsets))
    tables["head"] = _set_ushort(face.read_table("head"), 50, loc_format)
    return _sfnt(tables)


def _component_args(flags: int) -> int:
    n = 4 if flags & GF_ARG_1_AND_2_ARE_WORDS else 2
    if flags & GF_WE_HAVE_A_SCALE:
        n += 2
    elif flags & GF_WE_HAVE_AN_X_AND_Y_SCALE:
        n += 4
    elif flags & GF_WE_HAVE_A_TWO_BY_TWO:
        n += 8
    return n


def _set_ushort(data: bytes, offset: int, value: int) -> bytes:
    return data[:offset] + pack(">H", value) + data[offset + 2 :]


def _checksum(data: bytes) -> int:
    from array import array

    pad = -len(data) % 4
    a = array("I", data + b"\0" * pad)
    a.byteswap()
    return sum(a) & 0xFFFFFFFF


def _sfnt(tables: dict[str, bytes]) -> bytes:
    """The tables as one TrueType file (checksums, head's checkSumAdjustment)."""
    tables = dict(tables)
    head = tables["head"]
    tables["head"] = head[:8] + b"\0\0\0\0" + head[12:]
    count = len(tables)
    search = 1
    selector = 0
    while search * 2 <= count:
        search *= 2
        selector += 1
    search *= 16
    out = [pack(">lHHHH", 0x00010000, count, search, selector, count * 16 - search)]
    offset = 12 + count * 16
    items = sorted(tables.items())
    head_at = 0
    for tag, data in items:
        if tag == "head":
            head_at = offset
        out.append(tag.encode("latin-1") + pack(">LLL", _checksum(data), offset, len(data)))
        offset += (len(data) + 3) & ~3
    for _, data in items:
        out.append(data + b"\0" * (-len(data) % 4))
    font = b"".join(out)
    adjust = (0xB1B0AFBA - _checksum(font)) & 0xFFFFFFFF
    return font[: head_at + 8] + pack(">L", adjust) + font[head_at + 12 :]
