"""Preflight: fonts: embedding, ToUnicode, text decoding for messages."""

from __future__ import annotations

import re
from typing import Any

from .geometry import _get

# ---------------------------------------------------------------------------
# Fonts: embedding, ToUnicode, text decoding for messages
# ---------------------------------------------------------------------------

_HEX_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[|\]")


def _hex(tok: bytes) -> bytes:
    return bytes.fromhex(re.sub(rb"\s+", b"", tok).decode("ascii") or "")


def _parse_tounicode(data: bytes) -> tuple[dict[bytes, str], list[int]]:
    """Code → text map and code lengths of a ToUnicode CMap (bfchar and bfrange)."""
    codes: dict[bytes, str] = {}
    lengths: set[int] = set()

    def utf16(b: bytes) -> str:
        try:
            return b.decode("utf-16-be")
        except UnicodeDecodeError:
            return "\ufffd"

    for m in re.finditer(rb"begincodespacerange(.*?)endcodespacerange", data, re.S):
        for t in re.findall(rb"<([0-9A-Fa-f\s]*)>", m.group(1)):
            lengths.add(len(_hex(t)))
    for m in re.finditer(rb"beginbfchar(.*?)endbfchar", data, re.S):
        toks = [_hex(t) for t in re.findall(rb"<([0-9A-Fa-f\s]*)>", m.group(1))]
        for src, dst in zip(toks[0::2], toks[1::2], strict=False):
            codes[src] = utf16(dst)
            lengths.add(len(src))
    for m in re.finditer(rb"beginbfrange(.*?)endbfrange", data, re.S):
        toks = list(_HEX_TOKEN.finditer(m.group(1)))
        i = 0
        while i + 2 < len(toks):
            lo_t, hi_t = toks[i].group(1), toks[i + 1].group(1)
            if lo_t is None or hi_t is None:
                i += 1
                continue
            lo_b, hi_b = _hex(lo_t), _hex(hi_t)
            lo, hi = int.from_bytes(lo_b, "big"), int.from_bytes(hi_b, "big")
            width = len(lo_b)
            lengths.add(width)
            if hi - lo > 0xFFFF or hi < lo:
                i += 3
                continue
            if toks[i + 2].group(0) == b"[":
                j = i + 3
                k = 0
                while j < len(toks) and toks[j].group(0) != b"]":
                    if toks[j].group(1) is not None and lo + k <= hi:
                        codes[(lo + k).to_bytes(width, "big")] = utf16(_hex(toks[j].group(1)))
                        k += 1
                    j += 1
                i = j + 1
            else:
                dst = _hex(toks[i + 2].group(1) or b"")
                if dst:
                    base = int.from_bytes(dst, "big")
                    for k in range(hi - lo + 1):
                        d = (base + k).to_bytes(len(dst), "big")
                        codes[(lo + k).to_bytes(width, "big")] = utf16(d)
                i += 3
    return codes, sorted(lengths) or [1]


class _FontInfo:
    """What the preflight needs to know about one font dictionary."""

    def __init__(self, font: Any):
        self.font = font
        self.subtype = str(_get(font, "/Subtype", ""))
        self.base = str(_get(font, "/BaseFont", "")) or "(no name)"
        self.type3 = self.subtype == "/Type3"
        self.type0 = self.subtype == "/Type0"
        desc = _get(font, "/FontDescriptor")
        if self.type0:
            desc_fonts = _get(font, "/DescendantFonts")
            try:
                desc = _get(desc_fonts[0], "/FontDescriptor")
            except Exception:
                desc = None
        self.embedded = self.type3 or any(
            _get(desc, k) is not None for k in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        self.tounicode = _get(font, "/ToUnicode")
        enc = _get(font, "/Encoding")
        self.encoding = str(enc) if enc is not None and not hasattr(enc, "keys") else ""
        self.has_differences = enc is not None and hasattr(enc, "keys")
        self._decoder: tuple[dict[bytes, str], list[int]] | None = None

    def needs_tounicode(self) -> bool:
        """Text of this font cannot be mapped to Unicode without a ToUnicode CMap."""
        if self.tounicode is not None or self.type3:
            return False
        if self.type0:
            # predefined Unicode CMaps (UniGB-UCS2-H, UniGB-UTF16-H, …) map by themselves
            return not self.encoding.startswith("/Uni")
        return not (
            self.encoding in ("/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding")
            or self.has_differences
        )

    def decode(self, data: bytes, limit: int = 16) -> str:
        if self._decoder is None:
            codes: dict[bytes, str] = {}
            lengths = [2] if self.type0 else [1]
            try:
                if self.tounicode is not None:
                    codes, lengths = _parse_tounicode(self.tounicode.read_bytes())
            except Exception:
                codes = {}
            self._decoder = (codes, lengths)
        codes, lengths = self._decoder
        out: list[str] = []
        i = 0
        while i < len(data) and len(out) < limit:
            for n in lengths:
                chunk = data[i : i + n]
                if chunk in codes:
                    out.append(codes[chunk])
                    i += n
                    break
            else:
                n = lengths[0]
                chunk = data[i : i + n]
                if n == 1 and not self.type0 and 32 <= chunk[0] < 127:
                    out.append(chr(chunk[0]))
                else:
                    out.append("\ufffd")
                i += n
        text = "".join(out).replace("\n", " ")
        return text + ("…" if i < len(data) else "")
