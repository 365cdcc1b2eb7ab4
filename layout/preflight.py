"""`newspage preflight`: print-readiness checks for ANY PDF (ours or another tool's).

Checks (print-ready.md section 8; severities: error = exit 1, warning = report only):

* ``qpdf``          ``qpdf --check`` (exit 2 → error, 3 → warning); skipped without qpdf.
* ``pdfx``          header version (≤ 1.4 for X-1a, ≤ 1.6 for X-4), no object/xref streams
                    in a 1.4 file, no encryption, trailer ``/ID``, Info Title/CreationDate/
                    ModDate/Trapped, ``GTS_PDFXVersion`` (X-4: XMP ``pdfxid``), exactly one
                    ``/GTS_PDFX`` OutputIntent with its keys (and the profile if embedded),
                    XMP present and agreeing with Info.
* ``boxes``         exactly one of TrimBox/ArtBox, BleedBox present, Trim ⊆ Bleed ⊆ Media,
                    CropBox ⊇ Bleed, optional expected trim size and bleed.
* ``fonts``         every font in page / Form XObject / pattern / appearance resources
                    embedded (Type0 via its descendant, Type 3 exempt) — unused ones too;
                    fonts that show text have a ToUnicode map (warning).
* ``colour``        no RGB anywhere (``rg``/``RG``, ``cs``/``CS`` to RGB spaces, images,
                    shadings, annotation ``/C``); X-1a: no ICCBased/Cal/Lab either
                    (Separation/DeviceN alternates included); no spot plates in the render.
* ``text-colour``   text is shown (Tj/TJ/'/") only while the fill (and, for stroked text
                    render modes, the stroke) colour is K only: DeviceGray, CMYK with
                    C = M = Y = 0, Separation /Black. The colour state is tracked through
                    the content stream (k, g, cs/sc/scn, q/Q, Form XObjects).
* ``transparency``  X-1a: ExtGState ca/CA < 1, SMask, blend modes, page/form ``/Group``,
                    image ``/SMask``.
* ``content``       forbidden constructs: annotations inside the BleedBox, JavaScript,
                    additional actions, embedded files, form fields, PostScript XObjects,
                    OPI, transfer functions, LZW/JBIG2/JPX filters.
* ``rules``         strokes (and hairline-thin filled rectangles) touching the BleedBox
                    thinner than ``min_rule_error`` (error) / ``min_rule_warn`` (warning);
                    rules ≤ 4 pt in more than one ink (warning).
* ``tac``           total area coverage inside the BleedBox from one Ghostscript
                    ``tiffsep`` render: > ``tac_error`` error, > ``tac_warn`` warning, one
                    finding per over-limit area with its box in mm from the trim's top-left.

Positions in ``where`` are millimetres from the trim's top-left corner (x right, y down),
plus the content-stream operator index. The structural pass is pure Python over pikepdf
objects (milliseconds per page); only the ink check renders. pikepdf, numpy and Pillow
are imported inside the functions so importing this module is cheap.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = ["Finding", "PreflightSettings", "format_findings", "preflight", "run"]

MM = 72.0 / 25.4
_BOX_TOL = 0.01  # pt, box nesting
_SIZE_TOL = 0.1  # pt, trim size and bleed width
_MAX_FORM_DEPTH = 16
_MAX_TAC_AREAS = 10


@dataclass(frozen=True)
class Finding:
    severity: Literal["error", "warning"]
    page: int | None
    check: str
    message: str
    where: str = ""


@dataclass(frozen=True)
class PreflightSettings:
    tac_error: float = 240.0
    tac_warn: float = 220.0
    min_rule_error: float = 0.25
    min_rule_warn: float = 0.5
    trim_size_pt: tuple[float, float] | None = None
    bleed_pt: float | None = None
    # None: apply PDF/X-1a:2003 or PDF/X-4 rules by what the file claims; a file that
    # claims nothing fails the PDF/X checks (and is held to the X-1a colour rules).
    pdfx_version: str | None = None
    dpi: int = 100
    check_ink: bool = True
    # None: any non-empty OutputConditionIdentifier; else it must equal this.
    output_condition_identifier: str | None = None
    # rules up to this weight (pt) should be printed in one ink
    single_ink_rule_max: float = 4.0


# ---------------------------------------------------------------------------
# Collecting findings
# ---------------------------------------------------------------------------


@dataclass
class _Raw:
    severity: str
    page: int | None
    check: str
    message: str
    where: str
    merge: bool
    count: int = 1


class _Findings:
    """Findings in order; identical (severity, page, check, message) merge into one
    finding with a count, keeping the first position."""

    def __init__(self) -> None:
        self.items: list[_Raw] = []
        self.index: dict[tuple, _Raw] = {}

    def add(self, severity, page, check, message, where="", merge=True) -> None:
        key = (severity, page, check, message)
        if merge and key in self.index:
            self.index[key].count += 1
            return
        raw = _Raw(severity, page, check, message, where, merge)
        self.items.append(raw)
        if merge:
            self.index[key] = raw

    def error(self, page, check, message, where="", merge=True) -> None:
        self.add("error", page, check, message, where, merge)

    def warning(self, page, check, message, where="", merge=True) -> None:
        self.add("warning", page, check, message, where, merge)

    def result(self) -> list[Finding]:
        out = []
        for r in self.items:
            message = r.message
            where = r.where
            if r.count > 1:
                message = f"{message} ({r.count} times)"
                where = f"first: {where}" if where else ""
            out.append(Finding(r.severity, r.page, r.check, message, where))  # type: ignore[arg-type]
        out.sort(key=lambda f: 0 if f.page is None else f.page)
        return out


# ---------------------------------------------------------------------------
# Small helpers: numbers, boxes, matrices, positions
# ---------------------------------------------------------------------------


def _num(x: Any, default: float = 0.0) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return default


def _box(obj: Any) -> tuple[float, float, float, float] | None:
    try:
        v = [float(x) for x in obj]
    except (TypeError, ValueError):
        return None
    if len(v) != 4:
        return None
    return (min(v[0], v[2]), min(v[1], v[3]), max(v[0], v[2]), max(v[1], v[3]))


def _inside(inner, outer, tol=_BOX_TOL) -> bool:
    return (
        inner[0] >= outer[0] - tol
        and inner[1] >= outer[1] - tol
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
    )


def _intersects(a, b) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _fmt_box(b) -> str:
    return "[" + " ".join(f"{v:.2f}" for v in b) + "]"


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m × n (apply m first, then n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _matrix(ops) -> Matrix | None:
    try:
        v = tuple(float(x) for x in ops)
    except (TypeError, ValueError):
        return None
    return v if len(v) == 6 else None  # type: ignore[return-value]


class _Pos:
    """Converts PDF user-space points to 'mm from the trim's top-left'."""

    def __init__(self, ref_box):
        self.x0 = ref_box[0]
        self.y1 = ref_box[3]

    def point(self, x: float, y: float) -> str:
        return f"x {(x - self.x0) / MM:.1f} y {(self.y1 - y) / MM:.1f} mm"

    def box(self, b) -> str:
        x0, x1 = (b[0] - self.x0) / MM, (b[2] - self.x0) / MM
        y0, y1 = (self.y1 - b[3]) / MM, (self.y1 - b[1]) / MM

        def rng(a, z):
            return f"{a:.1f}" if abs(z - a) < 0.05 else f"{a:.1f}–{z:.1f}"

        return f"x {rng(x0, x1)} y {rng(y0, y1)} mm"


def _name(obj: Any) -> str:
    """'/Name' for a pikepdf Name, else ''."""
    import pikepdf

    if isinstance(obj, pikepdf.Name):
        return str(obj)
    return ""


def _get(d: Any, key: str, default: Any = None) -> Any:
    try:
        v = d.get(key)
    except Exception:  # not a dictionary
        return default
    return default if v is None else v


def _inherited(page_obj: Any, key: str) -> Any:
    node = page_obj
    for _ in range(64):
        v = _get(node, key)
        if v is not None:
            return v
        node = _get(node, "/Parent")
        if node is None:
            return None
    return None


def _objkey(obj: Any) -> Any:
    """(object number, generation) of an indirect object; None for a direct one."""
    try:
        og = obj.objgen
    except Exception:
        return None
    return og if og != (0, 0) else None


# ---------------------------------------------------------------------------
# Colour spaces
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _CS:
    kind: str  # gray cmyk rgb calgray calrgb lab icc sep devicen indexed pattern unknown
    n: int
    label: str
    names: tuple[str, ...] = ()
    base: _CS | None = None


_GRAY = _CS("gray", 1, "DeviceGray")
_CMYK = _CS("cmyk", 4, "DeviceCMYK")
_RGB = _CS("rgb", 3, "DeviceRGB")
_PATTERN = _CS("pattern", 0, "Pattern")
_DEVICE = {
    "/DeviceGray": _GRAY,
    "/G": _GRAY,
    "/DeviceCMYK": _CMYK,
    "/CMYK": _CMYK,
    "/DeviceRGB": _RGB,
    "/RGB": _RGB,
    "/Pattern": _PATTERN,
}


def _resolve_cs(obj: Any, resources: Any, depth: int = 0) -> _CS:
    """Describe a colour space given as a name (device or resource) or an array."""
    import pikepdf

    if depth > 8:
        return _CS("unknown", 0, "too deeply nested colour space")
    if isinstance(obj, pikepdf.Name):
        s = str(obj)
        if s in _DEVICE:
            return _DEVICE[s]
        if s in ("/I", "/Indexed"):
            return _CS("indexed", 1, "Indexed")
        named = _get(_get(resources, "/ColorSpace"), s)
        if named is None:
            return _CS("unknown", 0, f"undefined colour space {s}")
        return _resolve_cs(named, resources, depth + 1)
    if isinstance(obj, pikepdf.Array) and len(obj) >= 1:
        fam = str(obj[0])
        if fam in _DEVICE and len(obj) == 1:
            return _DEVICE[fam]
        if fam == "/ICCBased" and len(obj) >= 2:
            n = int(_num(_get(obj[1], "/N"), 0))
            return _CS("icc", n, f"ICCBased (N={n})")
        if fam == "/CalRGB":
            return _CS("calrgb", 3, "CalRGB")
        if fam == "/CalGray":
            return _CS("calgray", 1, "CalGray")
        if fam == "/Lab":
            return _CS("lab", 3, "Lab")
        if fam == "/Separation" and len(obj) >= 3:
            colorant = str(obj[1])
            alt = _resolve_cs(obj[2], resources, depth + 1)
            return _CS("sep", 1, f"Separation {colorant}", (colorant,), alt)
        if fam == "/DeviceN" and len(obj) >= 3:
            names = tuple(str(x) for x in obj[1])
            alt = _resolve_cs(obj[2], resources, depth + 1)
            label = "DeviceN [" + " ".join(names) + "]"
            return _CS("devicen", len(names), label, names, alt)
        if fam in ("/Indexed", "/I") and len(obj) >= 2:
            base = _resolve_cs(obj[1], resources, depth + 1)
            return _CS("indexed", 1, f"Indexed over {base.label}", (), base)
        if fam == "/Pattern":
            base = _resolve_cs(obj[1], resources, depth + 1) if len(obj) >= 2 else None
            return _CS("pattern", 0, "Pattern", (), base)
        return _CS("unknown", 0, f"colour space {fam}")
    return _CS("unknown", 0, "malformed colour space")


def _is_rgb(cs: _CS) -> bool:
    return cs.kind in ("rgb", "calrgb") or (cs.kind == "icc" and cs.n == 3)


def _cs_problems(cs: _CS, x1a: bool, via: str = "") -> list[tuple[str, str]]:
    """(severity, message) for a colour space a PDF/X newspaper page may not use."""
    label = via + cs.label
    if _is_rgb(cs):
        return [("error", f"RGB colour space {label}")]
    if cs.kind == "lab":
        return [("error" if x1a else "warning", f"Lab colour space {label}")]
    if cs.kind in ("icc", "calgray") and x1a:
        return [("error", f"colour space {label} not allowed in PDF/X-1a (CMYK, Gray, spot only)")]
    if cs.kind in ("sep", "devicen", "indexed", "pattern") and cs.base is not None:
        what = {"sep": "alternate", "devicen": "alternate", "indexed": "base", "pattern": "base"}
        return _cs_problems(cs.base, x1a, f"{cs.label} {what[cs.kind]} ")
    if cs.kind == "unknown":
        return [("warning", f"cannot interpret {cs.label}")]
    return []


def _initial_colour(cs: _CS) -> tuple[float, ...]:
    if cs.kind == "cmyk":
        return (0.0, 0.0, 0.0, 1.0)
    if cs.kind in ("sep", "devicen"):
        return (1.0,) * max(cs.n, 1)
    return (0.0,) * max(cs.n, 1)


def _k_only(cs: _CS, values: tuple[float, ...] | None) -> bool:
    """Would this colour print on the black plate only?"""
    if values is None:
        return False
    if cs.kind == "gray":
        return True
    if cs.kind in ("cmyk",) or (cs.kind == "icc" and cs.n == 4):
        return len(values) >= 4 and all(abs(v) < 1e-6 for v in values[:3])
    if cs.kind == "sep":
        return cs.names[0] in ("/Black", "/None")
    if cs.kind == "devicen":
        return all(
            n in ("/Black", "/None") or abs(v) < 1e-6
            for n, v in zip(cs.names, values, strict=False)
        )
    return False


def _pct(v: float) -> str:
    return f"{v * 100:.0f}"


def _colour_text(cs: _CS, values: tuple[float, ...] | None) -> str:
    if values is None:
        return f"a {cs.label} pattern"
    if cs.kind == "cmyk" and len(values) >= 4:
        c, m, y, k = values[:4]
        text = f"C{_pct(c)} M{_pct(m)} Y{_pct(y)} K{_pct(k)}"
        if k > 0.99 and max(c, m, y) > 0:
            text += " (rich black)"
        return text
    if cs.kind == "gray" and values:
        return f"gray {values[0]:g}"
    vals = " ".join(f"{v:g}" for v in values)
    return f"{cs.label} {vals}"


def _inks(cs: _CS, values: tuple[float, ...] | None) -> int:
    """Number of process/spot inks a colour uses (for the single-ink rule check)."""
    if values is None:
        return 1
    if cs.kind == "gray":
        return 1
    if cs.kind == "cmyk" or (cs.kind == "icc" and cs.n == 4):
        return sum(1 for v in values[:4] if v > 1e-6)
    if cs.kind == "sep":
        return 4 if cs.names[0] == "/All" else 1
    if cs.kind == "devicen":
        return sum(1 for v in values if v > 1e-6)
    return 1


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


# ---------------------------------------------------------------------------
# The content-stream walk (colour state, text, rules, resources)
# ---------------------------------------------------------------------------


@dataclass
class _GState:
    ctm: Matrix = _IDENTITY
    fill_cs: _CS = _GRAY
    fill: tuple[float, ...] | None = (0.0,)
    stroke_cs: _CS = _GRAY
    stroke: tuple[float, ...] | None = (0.0,)
    lw: float = 1.0
    tr: int = 0
    font: _FontInfo | None = None
    font_key: Any = None
    font_res: str = ""
    tl: float = 0.0

    def copy(self) -> _GState:
        return _GState(**{k: getattr(self, k) for k in self.__dataclass_fields__})


@dataclass
class _PageCtx:
    number: int
    pos: _Pos
    measure: tuple[float, float, float, float]  # rules are checked where they touch this
    x1a: bool
    settings: PreflightSettings
    out: _Findings
    fonts: dict[Any, tuple[_FontInfo, str]] = field(default_factory=dict)  # key → (info, res)
    used_fonts: set[Any] = field(default_factory=set)
    walked: set[Any] = field(default_factory=set)
    res_seen: set[Any] = field(default_factory=set)
    parsed: dict[Any, list] = field(default_factory=dict)


class _Walker:
    """Interprets one content stream (page, form, pattern, appearance) for the checks."""

    def __init__(self, ctx: _PageCtx, resources: Any, where: str, gs: _GState, depth: int):
        self.ctx = ctx
        self.res = resources
        self.where = where
        self.gs = gs
        self.depth = depth
        self.stack: list[_GState] = []
        self.tm: Matrix = _IDENTITY
        self.tlm: Matrix = _IDENTITY
        self.path_pts: list[tuple[float, float]] = []
        self.path_rects: list[tuple[float, float, float, float]] = []
        self.path_other = False
        self.op_index = 0
        self.suffix = ""  # where this stream was called from
        self._register_fonts(resources)

    # -- helpers ----------------------------------------------------------
    def _at(self) -> str:
        return f"{self.where} op {self.op_index}{self.suffix}"

    def _err(self, check, message, where=None, merge=True):
        self.ctx.out.error(self.ctx.number, check, message, where or self._at(), merge)

    def _warn(self, check, message, where=None, merge=True):
        self.ctx.out.warning(self.ctx.number, check, message, where or self._at(), merge)

    def _report(self, problems, where=None, check="colour"):
        for sev, msg in problems:
            self.ctx.out.add(sev, self.ctx.number, check, msg, where or self._at())

    def _register_fonts(self, resources, depth: int = 0) -> None:
        """Every font in these resources and, recursively, in the resources of their
        form XObjects, tiling patterns and Type 3 fonts (shown or not)."""
        if resources is None or depth > _MAX_FORM_DEPTH:
            return
        rkey = _objkey(resources)
        if rkey is not None:
            if rkey in self.ctx.res_seen:
                return
            self.ctx.res_seen.add(rkey)
        try:
            fonts = list(_get(resources, "/Font", {}).items())
            subs = list(_get(resources, "/XObject", {}).values())
            subs += list(_get(resources, "/Pattern", {}).values())
        except Exception:
            return
        for res_name, font in fonts:
            key = _objkey(font) or ("direct", res_name, str(_get(font, "/BaseFont", "")))
            if key not in self.ctx.fonts:
                info = _FontInfo(font)
                self.ctx.fonts[key] = (info, res_name)
                if info.type3:
                    self._register_fonts(_get(font, "/Resources"), depth + 1)
        for sub in subs:
            if str(_get(sub, "/Subtype", "")) == "/Form" or _get(sub, "/PatternType") is not None:
                self._register_fonts(_get(sub, "/Resources"), depth + 1)

    # -- the walk ---------------------------------------------------------
    def run(self, instructions) -> None:
        import pikepdf

        ops = self.OPS
        for i, ins in enumerate(instructions):
            self.op_index = i
            if isinstance(ins, pikepdf.ContentStreamInlineImage):
                self._inline_image(ins)
                continue
            handler = ops.get(str(ins.operator))
            if handler is not None:
                try:
                    handler(self, list(ins.operands))
                except (IndexError, TypeError, ValueError, AttributeError):
                    self._warn("content", f"malformed operands for operator {ins.operator}")

    # graphics state
    def op_q(self, ops):
        self.stack.append(self.gs.copy())

    def op_Q(self, ops):
        if self.stack:
            self.gs = self.stack.pop()

    def op_cm(self, ops):
        m = _matrix(ops)
        if m is not None:
            self.gs.ctm = _mul(m, self.gs.ctm)

    def op_w(self, ops):
        self.gs.lw = abs(_num(ops[0], 1.0))

    def op_gs(self, ops):
        name = str(ops[0])
        egs = _get(_get(self.res, "/ExtGState"), name)
        if egs is None:
            self._err("content", f"ExtGState {name} is not defined in the resources")
            return
        if _get(egs, "/LW") is not None:
            self.gs.lw = abs(_num(egs.LW, self.gs.lw))
        fnt = _get(egs, "/Font")
        if fnt is not None:
            try:
                self._set_font(fnt[0], _num(fnt[1], 0), f"ExtGState {name}")
            except Exception:
                pass
        where = f"ExtGState {name}, {self._at()}"
        if self.ctx.x1a:
            for key in ("/ca", "/CA"):
                v = _get(egs, key)
                if v is not None and _num(v, 1.0) < 1.0:
                    self._err("transparency", f"constant alpha {key[1:]} {_num(v):g}", where)
            sm = _get(egs, "/SMask")
            if sm is not None and _name(sm) != "/None":
                self._err("transparency", "soft mask (SMask)", where)
            bm = _get(egs, "/BM")
            if bm is not None:
                modes = [str(x) for x in bm] if not _name(bm) else [str(bm)]
                if modes and modes[0] not in ("/Normal", "/Compatible"):
                    self._err("transparency", f"blend mode {modes[0]}", where)
        for key in ("/TR", "/TR2"):
            v = _get(egs, key)
            if v is not None and _name(v) not in ("/Identity", "/Default"):
                self._err("content", f"transfer function {key[1:]}", where)
        if _get(egs, "/HT") is not None and _name(egs.HT) != "/Default":
            self._warn("content", "halftone (HT) in the file overrides the RIP's screening", where)

    # colour
    def _set_cs(self, ops, stroke: bool):
        cs = _resolve_cs(ops[0], self.res)
        self._report(_cs_problems(cs, self.ctx.x1a))
        values = None if cs.kind == "pattern" else _initial_colour(cs)
        if stroke:
            self.gs.stroke_cs, self.gs.stroke = cs, values
        else:
            self.gs.fill_cs, self.gs.fill = cs, values

    def op_cs(self, ops):
        self._set_cs(ops, False)

    def op_CS(self, ops):
        self._set_cs(ops, True)

    def _set_sc(self, ops, stroke: bool):
        import pikepdf

        if ops and isinstance(ops[-1], pikepdf.Name):
            self._pattern(str(ops[-1]))
            values = None
        else:
            values = tuple(_num(x) for x in ops)
        if stroke:
            self.gs.stroke = values
        else:
            self.gs.fill = values

    def op_sc(self, ops):
        self._set_sc(ops, False)

    def op_scn(self, ops):
        self._set_sc(ops, False)

    def op_SC(self, ops):
        self._set_sc(ops, True)

    def op_SCN(self, ops):
        self._set_sc(ops, True)

    def op_g(self, ops):
        self.gs.fill_cs, self.gs.fill = _GRAY, (_num(ops[0]),)

    def op_G(self, ops):
        self.gs.stroke_cs, self.gs.stroke = _GRAY, (_num(ops[0]),)

    def op_k(self, ops):
        self.gs.fill_cs, self.gs.fill = _CMYK, tuple(_num(x) for x in ops[:4])

    def op_K(self, ops):
        self.gs.stroke_cs, self.gs.stroke = _CMYK, tuple(_num(x) for x in ops[:4])

    def _rgb(self, ops, op: str):
        values = tuple(_num(x) for x in ops[:3])
        self._err("colour", f"DeviceRGB colour operator {op}")
        return values

    def op_rg(self, ops):
        self.gs.fill_cs, self.gs.fill = _RGB, self._rgb(ops, "rg")

    def op_RG(self, ops):
        self.gs.stroke_cs, self.gs.stroke = _RGB, self._rgb(ops, "RG")

    def _pattern(self, name: str):
        pat = _get(_get(self.res, "/Pattern"), name)
        if pat is None:
            self._err("content", f"pattern {name} is not defined in the resources")
            return
        where = f"pattern {name}, {self._at()}"
        ptype = int(_num(_get(pat, "/PatternType"), 0))
        if ptype == 2:
            self._shading(_get(pat, "/Shading"), where)
        elif ptype == 1:
            key = _objkey(pat)
            if key in self.ctx.walked or self.depth >= _MAX_FORM_DEPTH:
                return
            if key is not None:
                self.ctx.walked.add(key)
            self._sub_stream(pat, _get(pat, "/Resources"), f"tiling pattern {name}", _GState())

    def _shading(self, sh, where):
        if sh is None:
            return
        cs = _resolve_cs(_get(sh, "/ColorSpace"), self.res)
        self._report([(s, f"shading in {m}") for s, m in _cs_problems(cs, self.ctx.x1a)], where)

    def op_sh(self, ops):
        name = str(ops[0])
        sh = _get(_get(self.res, "/Shading"), name)
        if sh is None:
            self._err("content", f"shading {name} is not defined in the resources")
            return
        self._shading(sh, f"shading {name}, {self._at()}")

    # text
    def op_BT(self, ops):
        self.tm = self.tlm = _IDENTITY

    def op_ET(self, ops):
        pass

    def _set_font(self, font, size, res_name):
        key = _objkey(font) or ("direct", res_name, str(_get(font, "/BaseFont", "")))
        if key not in self.ctx.fonts:
            self.ctx.fonts[key] = (_FontInfo(font), res_name)
        self.gs.font = self.ctx.fonts[key][0]
        self.gs.font_key = key
        self.gs.font_res = res_name

    def op_Tf(self, ops):
        name = str(ops[0])
        font = _get(_get(self.res, "/Font"), name)
        if font is None:
            self._err("fonts", f"font resource {name} is not defined")
            self.gs.font = self.gs.font_key = None
            return
        self._set_font(font, _num(ops[1]), name)

    def op_Tr(self, ops):
        self.gs.tr = int(_num(ops[0]))

    def op_TL(self, ops):
        self.gs.tl = _num(ops[0])

    def op_Tm(self, ops):
        m = _matrix(ops)
        if m is not None:
            self.tm = self.tlm = m

    def op_Td(self, ops):
        self.tlm = _mul((1.0, 0.0, 0.0, 1.0, _num(ops[0]), _num(ops[1])), self.tlm)
        self.tm = self.tlm

    def op_TD(self, ops):
        self.gs.tl = -_num(ops[1])
        self.op_Td(ops)

    def op_Tstar(self, ops):
        self.op_Td([0.0, -self.gs.tl])

    def op_Tj(self, ops):
        self._show([ops[0]])

    def op_TJ(self, ops):
        import pikepdf

        arr = ops[0]
        self._show([x for x in arr if isinstance(x, pikepdf.String)])

    def op_quote(self, ops):
        self.op_Tstar([])
        self._show([ops[-1]])

    def _show(self, strings):
        gs = self.gs
        if gs.tr in (3, 7):  # invisible (7: clip only)
            return
        data = b"".join(bytes(s) for s in strings)
        if not data:
            return
        if gs.font_key is not None:
            self.ctx.used_fonts.add(gs.font_key)
        fills = gs.tr in (0, 2, 4, 6)
        strokes = gs.tr in (1, 2, 5, 6)
        bad = []
        if fills and not _k_only(gs.fill_cs, gs.fill):
            bad.append(("fill", gs.fill_cs, gs.fill))
        if strokes and not _k_only(gs.stroke_cs, gs.stroke):
            bad.append(("stroke", gs.stroke_cs, gs.stroke))
        if not bad:
            return
        x, y = _apply(_mul(self.tm, gs.ctm), 0.0, 0.0)
        sample = gs.font.decode(data) if gs.font is not None else ""
        where = f"'{sample}' at {self.ctx.pos.point(x, y)}, {self._at()}"
        for what, cs, values in bad:
            self._err(
                "text-colour",
                f"text {what} {_colour_text(cs, values)} is not K only",
                where,
            )

    # paths and rules
    def op_m(self, ops):
        self.path_pts.append(_apply(self.gs.ctm, _num(ops[0]), _num(ops[1])))
        self.path_other = True

    op_l = op_m

    def op_c(self, ops):
        for i in range(0, len(ops) - 1, 2):
            self.path_pts.append(_apply(self.gs.ctm, _num(ops[i]), _num(ops[i + 1])))
        self.path_other = True

    op_v = op_c
    op_y = op_c

    def op_re(self, ops):
        x, y, w, h = (_num(v) for v in ops[:4])
        pts = [
            _apply(self.gs.ctm, px, py)
            for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))
        ]
        self.path_pts.extend(pts)
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        self.path_rects.append((min(xs), min(ys), max(xs), max(ys)))

    def op_h(self, ops):
        pass

    def _end_path(self):
        self.path_pts = []
        self.path_rects = []
        self.path_other = False

    def _stroke(self):
        if not self.path_pts:
            return
        xs = [p[0] for p in self.path_pts]
        ys = [p[1] for p in self.path_pts]
        bbox = (min(xs), min(ys), max(xs), max(ys))
        if not _intersects(bbox, self.ctx.measure):
            return  # printer's marks and slug between the BleedBox and the MediaBox
        a, b, c, d = self.gs.ctm[:4]
        width = self.gs.lw * math.sqrt(abs(a * d - b * c))
        self._rule(width, bbox, "stroke", self.gs.stroke_cs, self.gs.stroke)

    def _rule(self, width, bbox, kind, cs, values):
        s = self.ctx.settings
        where = f"{self.ctx.pos.box(bbox)}, {self._at()}"
        if width < s.min_rule_error:
            what = "hairline (zero width)" if width == 0 else f"{width:.2f} pt"
            self._err("rules", f"{kind} {what} is thinner than {s.min_rule_error:g} pt", where)
        elif width < s.min_rule_warn:
            self._warn(
                "rules", f"{kind} {width:.2f} pt is thinner than {s.min_rule_warn:g} pt", where
            )
        if width <= s.single_ink_rule_max and _inks(cs, values) > 1:
            self._warn(
                "rules",
                f"{kind} {width:.2f} pt in {_colour_text(cs, values)}: "
                f"rules up to {s.single_ink_rule_max:g} pt should use one ink",
                where,
            )

    def _fill(self):
        if self.path_other or not self.path_rects:
            return
        s = self.ctx.settings
        for r in self.path_rects:
            short = min(r[2] - r[0], r[3] - r[1])
            long_ = max(r[2] - r[0], r[3] - r[1])
            if 0 < short < s.min_rule_warn and long_ >= MM and _intersects(r, self.ctx.measure):
                self._rule(short, r, "filled rule", self.gs.fill_cs, self.gs.fill)

    def op_S(self, ops):
        self._stroke()
        self._end_path()

    op_s = op_S

    def op_f(self, ops):
        self._fill()
        self._end_path()

    op_F = op_f
    op_fstar = op_f

    def op_B(self, ops):
        self._stroke()
        self._end_path()

    op_Bstar = op_B
    op_b = op_B
    op_bstar = op_B

    def op_n(self, ops):
        self._end_path()

    # XObjects
    def op_Do(self, ops):
        name = str(ops[0])
        xo = _get(_get(self.res, "/XObject"), name)
        if xo is None:
            self._err("content", f"XObject {name} is not defined in the resources")
            return
        sub = str(_get(xo, "/Subtype", ""))
        where = f"XObject {name}, {self._at()}"
        if _get(xo, "/OPI") is not None:
            self._err("content", "OPI reference", where)
        if sub == "/Image":
            self._image(xo, where)
        elif sub == "/Form":
            if str(_get(xo, "/Subtype2", "")) == "/PS":
                self._err("content", "PostScript form XObject", where)
            grp = _get(xo, "/Group")
            if self.ctx.x1a and grp is not None and str(_get(grp, "/S", "")) == "/Transparency":
                self._err("transparency", "transparency group on a form XObject", where)
            if self.depth >= _MAX_FORM_DEPTH:
                self._warn("content", "form XObjects nested too deeply to check", where)
                return
            gs = self.gs.copy()
            m = _matrix(_get(xo, "/Matrix", [])) or _IDENTITY
            gs.ctm = _mul(m, gs.ctm)
            res = _get(xo, "/Resources", self.res)
            self._sub_stream(xo, res, f"form {name}", gs)
        elif sub == "/PS":
            self._err("content", "PostScript XObject", where)

    def _sub_stream(self, stream, resources, where, gs):
        import pikepdf

        key = _objkey(stream)
        instr = self.ctx.parsed.get(key) if key is not None else None
        if instr is None:
            try:
                instr = pikepdf.parse_content_stream(stream)
            except Exception as exc:
                self._err("content", f"cannot parse content stream: {exc}", where)
                instr = []
            if key is not None:
                self.ctx.parsed[key] = instr
        sub = _Walker(self.ctx, resources, where, gs, self.depth + 1)
        sub.suffix = f" (from {self._at()})"
        sub.run(instr)

    def _image(self, xo, where):
        if self.ctx.x1a and _get(xo, "/SMask") is not None:
            self._err("transparency", "image with a soft mask (SMask)", where)
        if _get(xo, "/ImageMask") is not None and bool(xo.ImageMask):
            return  # stencil mask: painted in the current fill colour
        cs_obj = _get(xo, "/ColorSpace")
        if cs_obj is None:
            if "/JPXDecode" not in _filters(xo):
                self._warn("colour", "image without a colour space", where)
            return
        cs = _resolve_cs(cs_obj, self.res)
        self._report([(s, f"image in {m}") for s, m in _cs_problems(cs, self.ctx.x1a)], where)

    def _inline_image(self, ins):
        import pikepdf

        where = f"inline image, {self._at()}"
        try:
            img = ins.iimage
            if img.image_mask:
                return
            cs_name = img.colorspace
        except Exception:
            return
        if cs_name is None:
            return
        cs = _resolve_cs(pikepdf.Name(cs_name), self.res)
        self._report([(s, f"image in {m}") for s, m in _cs_problems(cs, self.ctx.x1a)], where)


_Walker.OPS = {
    "q": _Walker.op_q,
    "Q": _Walker.op_Q,
    "cm": _Walker.op_cm,
    "w": _Walker.op_w,
    "gs": _Walker.op_gs,
    "cs": _Walker.op_cs,
    "CS": _Walker.op_CS,
    "sc": _Walker.op_sc,
    "scn": _Walker.op_scn,
    "SC": _Walker.op_SC,
    "SCN": _Walker.op_SCN,
    "g": _Walker.op_g,
    "G": _Walker.op_G,
    "k": _Walker.op_k,
    "K": _Walker.op_K,
    "rg": _Walker.op_rg,
    "RG": _Walker.op_RG,
    "sh": _Walker.op_sh,
    "BT": _Walker.op_BT,
    "ET": _Walker.op_ET,
    "Tf": _Walker.op_Tf,
    "Tr": _Walker.op_Tr,
    "TL": _Walker.op_TL,
    "Tm": _Walker.op_Tm,
    "Td": _Walker.op_Td,
    "TD": _Walker.op_TD,
    "T*": _Walker.op_Tstar,
    "Tj": _Walker.op_Tj,
    "TJ": _Walker.op_TJ,
    "'": _Walker.op_quote,
    '"': _Walker.op_quote,
    "m": _Walker.op_m,
    "l": _Walker.op_l,
    "c": _Walker.op_c,
    "v": _Walker.op_v,
    "y": _Walker.op_y,
    "re": _Walker.op_re,
    "h": _Walker.op_h,
    "S": _Walker.op_S,
    "s": _Walker.op_s,
    "f": _Walker.op_f,
    "F": _Walker.op_F,
    "f*": _Walker.op_fstar,
    "B": _Walker.op_B,
    "B*": _Walker.op_Bstar,
    "b": _Walker.op_b,
    "b*": _Walker.op_bstar,
    "n": _Walker.op_n,
    "Do": _Walker.op_Do,
}


def _filters(stream) -> list[str]:
    f = _get(stream, "/Filter")
    if f is None:
        return []
    if _name(f):
        return [str(f)]
    try:
        return [str(x) for x in f]
    except TypeError:
        return []


# ---------------------------------------------------------------------------
# Document-level checks
# ---------------------------------------------------------------------------

_PDF_DATE = re.compile(r"^(D:)?\d{4}(\d{2}){0,5}([Zz]|[+-]\d{2}('?\d{2}'?)?)?$")


def _version_tuple(v: str) -> tuple[int, int]:
    try:
        a, b = v.strip().lstrip("/").split(".")[:2]
        return int(a), int(b)
    except ValueError:
        return (9, 9)


def _flavour(pdf, settings: PreflightSettings, out: _Findings) -> tuple[str, str]:
    """Returns (flavour, claimed version): flavour '1a', '4' or '' (unsupported/none)."""
    claimed_info = str(_get(pdf.docinfo, "/GTS_PDFXVersion", "")) if pdf.docinfo else ""
    claimed_xmp = ""
    try:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        claimed_xmp = str(meta.get("pdfxid:GTS_PDFXVersion") or "")
    except Exception:
        pass
    claimed = claimed_info or claimed_xmp
    if claimed_info and claimed_xmp and claimed_info != claimed_xmp:
        out.error(
            None,
            "pdfx",
            f"Info GTS_PDFXVersion {claimed_info!r} differs from XMP {claimed_xmp!r}",
        )
    if settings.pdfx_version:
        if claimed != settings.pdfx_version:
            got = repr(claimed) if claimed else "nothing"
            out.error(None, "pdfx", f"file claims {got}, expected {settings.pdfx_version}")
        target = settings.pdfx_version
    else:
        target = claimed
        if not claimed:
            out.error(None, "pdfx", "no GTS_PDFXVersion: the file does not claim PDF/X")
        elif claimed not in ("PDF/X-1a:2003", "PDF/X-4"):
            out.error(
                None,
                "pdfx",
                f"PDF/X version {claimed!r} is not one this plant accepts "
                "(PDF/X-1a:2003 or PDF/X-4)",
            )
    if target.startswith("PDF/X-4"):
        return "4", claimed
    if target.startswith("PDF/X-1a") or not target:
        return "1a", claimed
    return "", claimed


def _check_document(pdf, settings: PreflightSettings, out: _Findings) -> bool:
    """PDF/X document keys; returns True when the X-1a content rules apply."""
    import pikepdf

    flavour, _ = _flavour(pdf, settings, out)
    x4 = flavour == "4"
    x1a = not x4

    # version and file structure
    version = pdf.pdf_version
    cat_version = _name(_get(pdf.Root, "/Version"))
    eff = max(_version_tuple(version), _version_tuple(cat_version) if cat_version else (0, 0))
    limit = (1, 6) if x4 else (1, 4)
    if eff > limit:
        out.error(
            None,
            "pdfx",
            f"PDF version {eff[0]}.{eff[1]} is above {limit[0]}.{limit[1]}",
            "catalog /Version" if cat_version else "file header",
        )
    uses_objstm = str(_get(pdf.trailer, "/Type", "")) == "/XRef"
    if not uses_objstm:
        uses_objstm = any(
            isinstance(o, pikepdf.Stream) and str(_get(o, "/Type", "")) == "/ObjStm"
            for o in pdf.objects
        )
    if uses_objstm and limit <= (1, 4):
        out.error(None, "pdfx", "object or cross-reference streams (PDF 1.5) in a PDF 1.4 file")
    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        out.error(None, "pdfx", "the file is encrypted")

    # trailer ID
    file_id = _get(pdf.trailer, "/ID")
    ok_id = False
    try:
        ok_id = len(file_id) == 2 and all(len(bytes(x)) > 0 for x in file_id)
    except Exception:
        ok_id = False
    if not ok_id:
        out.error(None, "pdfx", "trailer /ID missing or not two non-empty strings")

    # Info dictionary
    info = pdf.docinfo if "/Info" in pdf.trailer else None
    if info is None:
        out.error(None, "pdfx", "no Info dictionary")
    info_dates: dict[str, str] = {}
    title = ""
    if info is not None:
        title = str(_get(info, "/Title", ""))
        if not title.strip():
            out.error(None, "pdfx", "Info /Title missing or empty")
        for key in ("/CreationDate", "/ModDate"):
            v = str(_get(info, key, ""))
            if not v:
                out.error(None, "pdfx", f"Info {key} missing")
            elif not _PDF_DATE.match(v.replace(" ", "")):
                out.error(None, "pdfx", f"Info {key} {v!r} is not a PDF date")
            else:
                info_dates[key] = v
        trapped = _get(info, "/Trapped")
        if trapped is None:
            out.error(None, "pdfx", "Info /Trapped missing (must be /True or /False)")
        elif _name(trapped) not in ("/True", "/False"):
            out.error(None, "pdfx", f"Info /Trapped is {trapped!r}, must be /True or /False")
        # newspage marks a page with overset or a hole, or a proof (issue 14 item 13)
        status = str(_get(info, "/NewspageStatus", "")).strip()
        if status:
            out.error(None, "final", f"not ready for print: {status}", "Info /NewspageStatus")
    _check_output_intent(pdf, settings, x4, out)
    _check_xmp(pdf, x4, title, info_dates, out)
    _check_catalog(pdf, x1a, out)
    return x1a


def _check_output_intent(pdf, settings: PreflightSettings, x4: bool, out: _Findings) -> None:
    intents = _get(pdf.Root, "/OutputIntents")
    gts = []
    if intents is not None:
        try:
            gts = [oi for oi in intents if str(_get(oi, "/S", "")) == "/GTS_PDFX"]
        except TypeError:
            gts = []
    if len(gts) != 1:
        out.error(None, "pdfx", f"{len(gts)} /GTS_PDFX OutputIntents (exactly one required)")
        return
    oi = gts[0]
    ident = str(_get(oi, "/OutputConditionIdentifier", "")).strip()
    where = "catalog /OutputIntents"
    if not ident:
        out.error(None, "pdfx", "OutputIntent has no OutputConditionIdentifier", where)
    elif settings.output_condition_identifier and ident != settings.output_condition_identifier:
        out.error(
            None,
            "pdfx",
            f"OutputConditionIdentifier {ident!r}, expected "
            f"{settings.output_condition_identifier!r}",
            where,
        )
    registry = str(_get(oi, "/RegistryName", "")).strip()
    profile = _get(oi, "/DestOutputProfile")
    if profile is None:
        if x4:
            out.error(None, "pdfx", "PDF/X-4 needs an embedded DestOutputProfile", where)
        elif registry.rstrip("/") != "http://www.color.org" or ident in ("", "Custom"):
            out.error(
                None,
                "pdfx",
                "OutputIntent without DestOutputProfile must name a registered condition "
                "with RegistryName http://www.color.org",
                where,
            )
    else:
        _check_profile(profile, x4, out)
    if ident == "Custom" and not str(_get(oi, "/Info", "")).strip():
        out.error(None, "pdfx", "a Custom OutputIntent needs an /Info text", where)


def _check_profile(profile, x4: bool, out: _Findings) -> None:
    where = "OutputIntent DestOutputProfile"
    try:
        head = profile.read_bytes()[:20]
    except Exception as exc:
        out.error(None, "pdfx", f"cannot read the output profile: {exc}", where)
        return
    if len(head) < 20:
        out.error(None, "pdfx", "output profile is too short to be ICC", where)
        return
    cls, space, major = head[12:16], head[16:20], head[8]
    n = int(_num(_get(profile, "/N"), 0))
    if cls != b"prtr":
        out.error(None, "pdfx", f"output profile class {cls!r}, must be 'prtr'", where)
    if (space, n) not in ((b"CMYK", 4), (b"GRAY", 1)):
        out.error(None, "pdfx", f"output profile space {space!r} with /N {n}", where)
    if major > (4 if x4 else 2):
        out.error(None, "pdfx", f"ICC version {major} profile is too new for this PDF", where)


def _parse_pdf_date(v: str):
    from pikepdf.models.metadata import decode_pdf_date

    try:
        return decode_pdf_date(v)
    except Exception:
        return None


def _check_xmp(pdf, x4: bool, title: str, info_dates: dict[str, str], out: _Findings) -> None:
    import datetime as dt

    if _get(pdf.Root, "/Metadata") is None:
        if x4:
            out.error(None, "pdfx", "no XMP metadata (required for PDF/X-4)")
        else:
            out.warning(None, "pdfx", "no XMP metadata (recommended for PDF/X-1a)")
        return
    try:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        values = {
            k: meta.get(k)
            for k in (
                "dc:title",
                "xmp:CreateDate",
                "xmp:ModifyDate",
                "pdf:Trapped",
                "xmpMM:DocumentID",
                "xmpMM:VersionID",
                "xmpMM:RenditionClass",
                "pdfxid:GTS_PDFXVersion",
            )
        }
    except Exception as exc:
        out.error(None, "pdfx", f"XMP metadata cannot be read: {exc}")
        return
    sev = "error" if x4 else "warning"
    if x4:
        for k, v in values.items():
            if not v:
                out.error(None, "pdfx", f"XMP {k} missing (required for PDF/X-4)")
    xmp_title = values.get("dc:title")
    if xmp_title and title and str(xmp_title) != title:
        out.add(sev, None, "pdfx", "XMP dc:title differs from Info /Title")
    for xkey, ikey in (("xmp:CreateDate", "/CreationDate"), ("xmp:ModifyDate", "/ModDate")):
        xv, iv = values.get(xkey), info_dates.get(ikey)
        if not xv or not iv:
            continue
        try:
            xd = dt.datetime.fromisoformat(str(xv).replace("Z", "+00:00"))
        except ValueError:
            out.add(sev, None, "pdfx", f"XMP {xkey} {xv!r} is not a date")
            continue
        idate = _parse_pdf_date(iv)
        if idate is None:
            continue
        if xd.tzinfo is None or idate.tzinfo is None:
            same = xd.replace(tzinfo=None) == idate.replace(tzinfo=None)
        else:
            same = xd == idate
        if not same:
            out.add(sev, None, "pdfx", f"XMP {xkey} differs from Info {ikey}", f"{xv} vs {iv}")


def _check_catalog(pdf, x1a: bool, out: _Findings) -> None:
    import pikepdf

    root = pdf.Root
    if _get(root, "/AA") is not None:
        out.error(None, "content", "document additional actions (/AA)", "catalog")
    oa = _get(root, "/OpenAction")
    if oa is not None and isinstance(oa, pikepdf.Dictionary):
        out.error(None, "content", f"open action {_get(oa, '/S', '')}", "catalog /OpenAction")
    names = _get(root, "/Names")
    if _get(names, "/JavaScript") is not None:
        out.error(None, "content", "document JavaScript", "catalog /Names")
    if _get(names, "/EmbeddedFiles") is not None:
        out.error(None, "content", "embedded files", "catalog /Names")
    form = _get(root, "/AcroForm")
    if form is not None and len(_get(form, "/Fields", [])) > 0:
        out.error(None, "content", "interactive form fields (AcroForm)", "catalog")
    bad = {"/LZWDecode", "/JBIG2Decode"} | ({"/JPXDecode"} if x1a else set())
    seen: set[str] = set()
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            for f in _filters(obj):
                if f in bad and f not in seen:
                    seen.add(f)
                    out.error(None, "content", f"stream filter {f[1:]} is not allowed", "")


# ---------------------------------------------------------------------------
# Page-level checks
# ---------------------------------------------------------------------------


@dataclass
class _PageBoxes:
    media: tuple | None
    trim: tuple | None  # TrimBox, else ArtBox
    bleed: tuple | None
    rotate: int


def _check_boxes(page_obj, n: int, settings: PreflightSettings, out: _Findings) -> _PageBoxes:
    media = _box(_inherited(page_obj, "/MediaBox"))
    crop = _box(_inherited(page_obj, "/CropBox"))
    trim_obj, art_obj = _get(page_obj, "/TrimBox"), _get(page_obj, "/ArtBox")
    trim, art = _box(trim_obj), _box(art_obj)
    bleed = _box(_get(page_obj, "/BleedBox"))
    rotate = int(_num(_inherited(page_obj, "/Rotate"), 0)) % 360
    if media is None:
        out.error(n, "boxes", "no valid MediaBox")
    if trim_obj is not None and art_obj is not None:
        out.error(n, "boxes", "both TrimBox and ArtBox (exactly one of them allowed)")
    elif trim is None and art is None:
        out.error(n, "boxes", "no TrimBox (or ArtBox)")
    the_trim = trim or art
    trim_label = "TrimBox" if trim else "ArtBox"
    if bleed is None:
        out.error(n, "boxes", "no BleedBox")
    if the_trim and bleed and not _inside(the_trim, bleed):
        out.error(
            n,
            "boxes",
            f"{trim_label} is not inside the BleedBox",
            f"{trim_label} {_fmt_box(the_trim)}, BleedBox {_fmt_box(bleed)}",
        )
    if media:
        for label, b in (("BleedBox", bleed), (trim_label, the_trim), ("CropBox", crop)):
            if b and not _inside(b, media):
                out.error(
                    n,
                    "boxes",
                    f"{label} is not inside the MediaBox",
                    f"{label} {_fmt_box(b)}, MediaBox {_fmt_box(media)}",
                )
    if crop and bleed and not _inside(bleed, crop):
        out.error(
            n,
            "boxes",
            "CropBox does not contain the BleedBox",
            f"CropBox {_fmt_box(crop)}, BleedBox {_fmt_box(bleed)}",
        )
    if the_trim and settings.trim_size_pt:
        w, h = the_trim[2] - the_trim[0], the_trim[3] - the_trim[1]
        ew, eh = settings.trim_size_pt
        if abs(w - ew) > _SIZE_TOL or abs(h - eh) > _SIZE_TOL:
            out.error(
                n,
                "boxes",
                f"trim size {w / MM:.1f} × {h / MM:.1f} mm, "
                f"expected {ew / MM:.1f} × {eh / MM:.1f} mm",
                f"{trim_label} {_fmt_box(the_trim)}",
            )
    if the_trim and bleed and settings.bleed_pt is not None:
        sides = (
            the_trim[0] - bleed[0],
            the_trim[1] - bleed[1],
            bleed[2] - the_trim[2],
            bleed[3] - the_trim[3],
        )
        if any(abs(s - settings.bleed_pt) > _SIZE_TOL for s in sides):
            got = "/".join(f"{s / MM:.1f}" for s in sides)
            out.error(
                n,
                "boxes",
                f"bleed {got} mm (left/bottom/right/top), expected {settings.bleed_pt / MM:.1f} mm",
                f"BleedBox {_fmt_box(bleed)}",
            )
    return _PageBoxes(media, the_trim, bleed, rotate)


def _walk_stream(ctx: _PageCtx, stream, resources, where: str) -> None:
    import pikepdf

    try:
        instructions = pikepdf.parse_content_stream(stream)
    except Exception as exc:
        ctx.out.error(ctx.number, "content", f"cannot parse content stream: {exc}", where)
        return
    _Walker(ctx, resources, where, _GState(), 1).run(instructions)


def _check_annotations(page_obj, ctx: _PageCtx, boxes: _PageBoxes) -> None:
    annots = _get(page_obj, "/Annots")
    if annots is None:
        return
    area = boxes.bleed or boxes.trim or boxes.media
    try:
        items = list(annots)
    except TypeError:
        return
    for i, a in enumerate(items):
        sub = str(_get(a, "/Subtype", ""))
        rect = _box(_get(a, "/Rect", []))
        where = f"annotation {i} {sub}" + (f" at {ctx.pos.box(rect)}" if rect else "")
        if sub not in ("/TrapNet", "/PrinterMark", "/Popup") and rect and area:
            if _intersects(rect, area):
                ctx.out.error(ctx.number, "content", f"annotation {sub} inside the BleedBox", where)
        for key in ("/C", "/IC"):
            col = _get(a, key)
            try:
                if col is not None and len(col) == 3:
                    ctx.out.error(ctx.number, "colour", f"annotation colour {key} is RGB", where)
            except TypeError:
                pass
        flags = int(_num(_get(a, "/F"), 0))
        ap = _get(_get(a, "/AP"), "/N")
        if ap is not None and flags & 4:
            streams = [ap] if hasattr(ap, "read_bytes") else [v for _, v in ap.items()]
            for st in streams:
                if hasattr(st, "read_bytes"):
                    _walk_stream(ctx, st, _get(st, "/Resources"), f"{where} appearance")


def _check_page(pdf, page, n: int, x1a: bool, settings: PreflightSettings, out: _Findings):
    import pikepdf

    obj = page.obj
    boxes = _check_boxes(obj, n, settings, out)
    ref = boxes.trim or boxes.bleed or boxes.media or (0.0, 0.0, 0.0, 0.0)
    measure = boxes.bleed or boxes.trim or boxes.media or ref
    ctx = _PageCtx(n, _Pos(ref), measure, x1a, settings, out)
    if x1a:
        grp = _get(obj, "/Group")
        if grp is not None and str(_get(grp, "/S", "")) == "/Transparency":
            out.error(n, "transparency", "page transparency group (/Group)", "page dictionary")
    resources = _inherited(obj, "/Resources")
    try:
        instructions = pikepdf.parse_content_stream(page)
    except Exception as exc:
        out.error(n, "content", f"cannot parse the page content: {exc}")
        instructions = []
    _Walker(ctx, resources, "content", _GState(), 0).run(instructions)
    _check_annotations(obj, ctx, boxes)

    # fonts: every one in the resources we walked, used or not
    for key, (info, res_name) in ctx.fonts.items():
        used = key in ctx.used_fonts
        if not info.embedded:
            detail = f"resource {res_name}" + ("" if used else ", not used by any text")
            out.error(n, "fonts", f"font {info.base} is not embedded", detail)
        if used and info.needs_tounicode():
            out.warning(
                n,
                "fonts",
                f"font {info.base} has no ToUnicode map (its text cannot be searched or copied)",
                f"resource {res_name}",
            )
    return boxes


# ---------------------------------------------------------------------------
# External tools: qpdf --check, Ghostscript separations
# ---------------------------------------------------------------------------


def _check_qpdf(path: Path, out: _Findings) -> None:
    qpdf = shutil.which("qpdf")
    if not qpdf:
        return
    try:
        r = subprocess.run(
            [qpdf, "--check", str(path)], capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        out.warning(None, "qpdf", f"qpdf --check could not run: {exc}")
        return
    if r.returncode in (0,):
        return
    lines = [
        ln.strip()
        for ln in (r.stdout + "\n" + r.stderr).splitlines()
        if ln.strip()
        and not ln.startswith(("checking ", "PDF Version", "File is", "No syntax", "errors that"))
    ]
    detail = "; ".join(lines[:3]) + (f"; … {len(lines) - 3} more" if len(lines) > 3 else "")
    if r.returncode == 3:
        out.warning(None, "qpdf", "qpdf --check reports warnings", detail)
    else:
        out.error(None, "qpdf", f"qpdf --check failed (exit {r.returncode})", detail)


_PLATES = ("Cyan", "Magenta", "Yellow", "Black")


def _check_ink(path: Path, pages: list[_PageBoxes], settings: PreflightSettings, out: _Findings):
    gs = shutil.which("gs")
    if not gs:
        out.warning(None, "tac", "Ghostscript (gs) is not installed: ink coverage not checked")
        return
    import numpy as np
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="newspage-preflight-") as tmp:
        cmd = [
            gs,
            "-q",
            "-dSAFER",
            "-dBATCH",
            "-dNOPAUSE",
            "-sDEVICE=tiffsep",
            f"-r{int(settings.dpi)}",
            f"-sOutputFile={tmp}/p%03d.tif",
            str(path),
        ]
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as exc:
            out.warning(None, "tac", f"Ghostscript could not render the file: {exc}")
            return
        if r.returncode != 0:
            msg = (r.stderr or r.stdout).strip().splitlines()
            out.error(
                None,
                "tac",
                f"Ghostscript failed to render the file (exit {r.returncode})",
                msg[0] if msg else "",
            )
            return
        files = sorted(Path(tmp).iterdir())
        for n, boxes in enumerate(pages, start=1):
            composite = Path(tmp) / f"p{n:03d}.tif"
            if not composite.exists():
                out.warning(n, "tac", "Ghostscript rendered no image for this page")
                continue
            prefix = f"p{n:03d}("
            for f in files:
                if f.name.startswith(prefix) and f.name.endswith(").tif"):
                    plate = f.name[len(prefix) : -5]
                    if plate not in _PLATES:
                        out.error(n, "colour", f"spot colour plate '{plate}'", "separations")
            with Image.open(composite) as im:
                im.load()
                if im.mode != "CMYK":
                    out.warning(n, "tac", f"unexpected separation image mode {im.mode}")
                    continue
                arr = np.asarray(im)
            _tac_page(arr, n, boxes, settings, out)


def _tac_page(arr, n: int, boxes: _PageBoxes, settings: PreflightSettings, out: _Findings):
    import numpy as np

    if boxes.media is None:
        return
    # undo /Rotate: Ghostscript renders the page as displayed
    k = {90: 1, 180: 2, 270: 3}.get(boxes.rotate, 0)
    if k:
        arr = np.rot90(arr, k)
    h_px, w_px = arr.shape[:2]
    mx0, my0, mx1, my1 = boxes.media
    sx, sy = w_px / (mx1 - mx0), h_px / (my1 - my0)
    region = boxes.bleed or boxes.trim or boxes.media
    # pixels wholly inside the region, one more pixel in: marks may touch its edge
    c0 = max(0, math.ceil((region[0] - mx0) * sx) + 1)
    c1 = min(w_px, math.floor((region[2] - mx0) * sx) - 1)
    r0 = max(0, math.ceil((my1 - region[3]) * sy) + 1)
    r1 = min(h_px, math.floor((my1 - region[1]) * sy) - 1)
    if c1 <= c0 or r1 <= r0:
        return
    sub = arr[r0:r1, c0:c1]
    tac = sub.astype(np.uint16).sum(axis=2) * (100.0 / 255.0)
    over = tac > settings.tac_warn + 0.5  # 8-bit quantisation: 1/255 ≈ 0.4 %
    if not over.any():
        return
    pos = _Pos(boxes.trim or region)
    areas = _regions(over)
    areas.sort(key=lambda a: -float(tac[a[0] : a[2], a[1] : a[3]].max()))
    for i, (ra, ca, rb, cb) in enumerate(areas):
        if i == _MAX_TAC_AREAS:
            out.warning(n, "tac", f"{len(areas) - i} more areas over {settings.tac_warn:g} %")
            break
        peak = float(tac[ra:rb, ca:cb].max())
        count = int(over[ra:rb, ca:cb].sum())
        # pixel box → PDF points
        x0 = mx0 + (c0 + ca) / sx
        x1 = mx0 + (c0 + cb) / sx
        y1 = my1 - (r0 + ra) / sy
        y0 = my1 - (r0 + rb) / sy
        where = f"{pos.box((x0, y0, x1, y1))}, {count} px at {settings.dpi} dpi"
        if peak > settings.tac_error + 0.5:
            msg = f"total ink {peak:.0f} % over the {settings.tac_error:g} % limit"
            out.error(n, "tac", msg, where, merge=False)
        else:
            msg = f"total ink {peak:.0f} % over the {settings.tac_warn:g} % target"
            out.warning(n, "tac", msg, where, merge=False)


def _regions(mask) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (row0, col0, row1, col1) of the areas of a boolean mask, found on a
    coarse grid of 8 × 8 pixel cells (8-connected), so nearby specks form one area."""
    import numpy as np

    cell = 8
    h, w = mask.shape
    hc, wc = -(-h // cell), -(-w // cell)
    padded = np.zeros((hc * cell, wc * cell), dtype=bool)
    padded[:h, :w] = mask
    cells = padded.reshape(hc, cell, wc, cell).any(axis=(1, 3))
    seen = np.zeros_like(cells)
    boxes = []
    for r, c in zip(*np.nonzero(cells), strict=True):
        if seen[r, c]:
            continue
        stack = [(int(r), int(c))]
        seen[r, c] = True
        rmin = rmax = int(r)
        cmin = cmax = int(c)
        while stack:
            y, x = stack.pop()
            rmin, rmax, cmin, cmax = min(rmin, y), max(rmax, y), min(cmin, x), max(cmax, x)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    yy, xx = y + dy, x + dx
                    if 0 <= yy < hc and 0 <= xx < wc and cells[yy, xx] and not seen[yy, xx]:
                        seen[yy, xx] = True
                        stack.append((yy, xx))
        block = mask[rmin * cell : (rmax + 1) * cell, cmin * cell : (cmax + 1) * cell]
        rows = np.nonzero(block.any(axis=1))[0]
        cols = np.nonzero(block.any(axis=0))[0]
        boxes.append(
            (
                rmin * cell + int(rows[0]),
                cmin * cell + int(cols[0]),
                rmin * cell + int(rows[-1]) + 1,
                cmin * cell + int(cols[-1]) + 1,
            )
        )
    return boxes


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def preflight(path: Path, settings: PreflightSettings = PreflightSettings()) -> list[Finding]:  # noqa: B008
    """All findings for one PDF. Never raises for a bad file: an unreadable or non-PDF
    file gives one error finding."""
    import pikepdf

    path = Path(path)
    out = _Findings()
    if not path.is_file():
        out.error(None, "read", "no such file")
        return out.result()
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        out.error(None, "read", "the file is encrypted with a password (PDF/X forbids encryption)")
        return out.result()
    except Exception as exc:
        out.error(None, "read", f"not a readable PDF: {exc}")
        return out.result()
    pages: list[_PageBoxes] = []
    try:
        with pdf:
            x1a = _check_document(pdf, settings, out)
            if len(pdf.pages) == 0:
                out.error(None, "read", "the PDF has no pages")
            for n, page in enumerate(pdf.pages, start=1):
                pages.append(_check_page(pdf, page, n, x1a, settings, out))
        _check_qpdf(path, out)
        if settings.check_ink and pages:
            _check_ink(path, pages, settings, out)
    except Exception as exc:  # a damaged file can break any step: report, don't crash
        out.error(None, "read", f"preflight could not finish: {type(exc).__name__}: {exc}")
    return out.result()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def format_findings(results: dict[Path, list[Finding]], fmt: str = "text") -> str:
    """Text: one line per finding plus a summary line per file. JSON: a list with one
    object per file: {file, status, errors, warnings, findings: [{severity, page,
    check, message, where}]}."""
    if fmt == "json":
        items = []
        for path, findings in results.items():
            errors = sum(1 for f in findings if f.severity == "error")
            items.append(
                {
                    "file": str(path),
                    "status": "FAIL" if errors else "PASS",
                    "errors": errors,
                    "warnings": len(findings) - errors,
                    "findings": [asdict(f) for f in findings],
                }
            )
        return json.dumps(items, ensure_ascii=False, indent=1)
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r} (text or json)")
    lines = []
    for path, findings in results.items():
        name = str(path)
        for f in findings:
            page = f"p{f.page}" if f.page is not None else "doc"
            where = f" ({f.where})" if f.where else ""
            lines.append(f"{name} {page} {f.severity} {f.check}: {f.message}{where}")
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = len(findings) - errors
        verdict = "FAIL" if errors else "PASS"
        lines.append(
            f"{name}: {verdict} ({_plural(errors, 'error')}, {_plural(warnings, 'warning')})"
        )
    return "\n".join(lines)


def run(
    paths: Iterable[str],
    fmt: str = "text",
    settings: PreflightSettings = PreflightSettings(),  # noqa: B008
) -> int:
    """Preflight the files, print the findings; 0 pass, 1 any error, 2 a missing path."""
    results: dict[Path, list[Finding]] = {}
    missing = False
    for p in paths:
        path = Path(p)
        if not path.exists():
            missing = True
            print(f"newspage preflight: {p}: no such file", file=sys.stderr)
        results[path] = preflight(path, settings)
    print(format_findings(results, fmt))
    if missing:
        return 2
    bad = any(f.severity == "error" for fs in results.values() for f in fs)
    return 1 if bad else 0
