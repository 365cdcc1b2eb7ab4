"""PDF objects in memory, written as PDF 1.4 bytes, and read back by preflight.

The classes behave like pikepdf's where preflight reads them (`str(Name)` is
"/Name", `Dict.get("/Key")`, `d.Key`, `Stream.read_bytes()`, `objgen`), so the
same checks run on a page we are writing as on any PDF a user hands in,
without parsing our own bytes again. An object added to the `Document` is
indirect (`objgen` its number); any other is written in place.
"""

from __future__ import annotations

import math
import zlib
from typing import Any

_REGULAR = frozenset(range(0x21, 0x7F)) - frozenset(b"()<>[]{}/%#")


class Name(str):
    """A PDF name, with its slash: Name("/Font")."""

    __slots__ = ()

    def pdf(self) -> bytes:
        raw = self[1:].encode("utf-8")
        if all(b in _REGULAR for b in raw):
            return b"/" + raw
        return b"/" + b"".join(bytes([b]) if b in _REGULAR else b"#%02X" % b for b in raw)


class String(bytes):
    """A PDF string: bytes; `str()` decodes it as pikepdf does (UTF-16 with its BOM,
    else PDFDocEncoding, which is Latin-1 for what we write)."""

    @classmethod
    def text(cls, s: str) -> String:
        try:
            return cls(s.encode("ascii"))
        except UnicodeEncodeError:
            return cls(b"\xfe\xff" + s.encode("utf-16-be"))

    def __str__(self) -> str:
        if self[:2] == b"\xfe\xff":
            return self[2:].decode("utf-16-be", "replace")
        return self.decode("latin-1")

    def pdf(self) -> bytes:
        if self[:2] == b"\xfe\xff" or any(b < 32 or b > 126 for b in self):
            return b"<" + self.hex().encode() + b">"
        return b"(" + _escape(self) + b")"


def _escape(data: bytes) -> bytes:
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


class Array(list):
    objgen = (0, 0)


class Dict(dict):
    """A dictionary keyed by names with their slash."""

    objgen = (0, 0)

    def __getattr__(self, key: str) -> Any:
        try:
            return self["/" + key]
        except KeyError:
            raise AttributeError(key) from None


class Stream(Dict):
    """A stream: its dictionary and its decoded data, deflated when written if
    `compress`."""

    def __init__(self, data: bytes = b"", compress: bool = True, **entries: Any):
        super().__init__(entries)
        self.data = data
        if compress:
            self["/Filter"] = Name("/FlateDecode")

    def read_bytes(self) -> bytes:
        return self.data

    packed: bytes | None = None  # the deflated data, when known already

    def encoded(self) -> bytes:
        if self.packed is not None:
            return self.packed
        if self.get("/Filter") == "/FlateDecode":
            return zlib.compress(self.data, 3)  # level 3: 4 % larger than 6, half the time
        return self.data


_FMTS = ("%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.6f")
_LN10 = math.log(10.0)


_FMT_MEMO: dict[float, str] = {}


def fmt(v: float) -> str:
    """A number as reportlab writes one (6 significant digits, at most 6
    decimals, no trailing zeros, no leading zero), so positions read back alike."""
    s = _FMT_MEMO.get(v)
    if s is None:
        s = _FMT_MEMO[v] = _fmt(v)
    return s


def _fmt(v: float) -> str:
    if type(v) is int:
        return str(v)
    a = abs(v)
    if a <= 1e-7:
        return "0"
    places = 6 if a <= 1 else min(max(0, 6 - int(math.log(a) / _LN10)), 6)
    n = _FMTS[places] % v
    if places:
        n = n.rstrip("0")
        if n[-1] == ".":
            n = n[:-1]
    if n[0] == "0" and len(n) > 1:
        return n[1:]
    return n


def number(v: float) -> bytes:
    return fmt(v).encode()


def serialize(obj: Any, out: list[bytes]) -> None:
    """`obj` appended to `out` as PDF tokens (indirect objects by reference)."""
    num = getattr(obj, "objgen", (0, 0))[0]
    if num:
        out.append(b"%d 0 R" % num)
    elif isinstance(obj, Name):
        out.append(obj.pdf())
    elif isinstance(obj, String):
        out.append(obj.pdf())
    elif isinstance(obj, bool):
        out.append(b"true" if obj else b"false")
    elif isinstance(obj, (int, float)):
        out.append(number(obj))
    elif isinstance(obj, Dict):
        out.append(b"<<")
        for k, v in obj.items():
            out.append(Name(k).pdf())
            out.append(b" ")
            serialize(v, out)
        out.append(b">>")
    elif isinstance(obj, (list, tuple)):
        out.append(b"[")
        for i, v in enumerate(obj):
            if i:
                out.append(b" ")
            serialize(v, out)
        out.append(b"]")
    elif obj is None:
        out.append(b"null")
    else:
        raise TypeError(f"cannot write {type(obj).__name__} into a PDF")


class Document:
    """Indirect objects in order, then the file: header, objects, xref, trailer."""

    HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"

    def __init__(self) -> None:
        self.objects: list[Any] = []
        self.trailer = Dict()
        self.offsets: list[int] = []
        self.data = b""

    def add(self, obj: Any) -> Any:
        """`obj` made indirect (numbered in order of adding); returned."""
        self.objects.append(obj)
        obj.objgen = (len(self.objects), 0)
        return obj

    def write(self) -> bytes:
        parts = [self.HEADER]
        pos = len(self.HEADER)
        offsets = []
        for obj in self.objects:
            offsets.append(pos)
            out = [b"%d 0 obj\n" % obj.objgen[0]]
            if isinstance(obj, Stream):
                data = obj.encoded()
                obj["/Length"] = len(data)
                _body(obj, out)
                out += [b"\nstream\n", data, b"\nendstream\nendobj\n"]
            else:
                _body(obj, out)
                out.append(b"\nendobj\n")
            chunk = b"".join(out)
            parts.append(chunk)
            pos += len(chunk)
        n = len(self.objects) + 1
        xref = [b"xref\n0 %d\n0000000000 65535 f \n" % n]
        xref += [b"%010d 00000 n \n" % off for off in offsets]
        self.trailer["/Size"] = n
        tail: list[bytes] = [b"trailer\n"]
        _body(self.trailer, tail)
        tail.append(b"\nstartxref\n%d\n%%%%EOF\n" % pos)
        parts += xref + tail
        self.offsets = offsets
        self.data = b"".join(parts)
        return self.data


def _body(obj: Any, out: list[bytes]) -> None:
    """An indirect object's own value (not a reference to itself)."""
    gen = obj.objgen
    obj.objgen = (0, 0)
    try:
        serialize(obj, out)
    finally:
        obj.objgen = gen
