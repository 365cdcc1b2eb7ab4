"""Preflight: colour spaces."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .geometry import _get, _num

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
    from .kinds import is_array, is_name

    if depth > 8:
        return _CS("unknown", 0, "too deeply nested colour space")
    if is_name(obj):
        s = str(obj)
        if s in _DEVICE:
            return _DEVICE[s]
        if s in ("/I", "/Indexed"):
            return _CS("indexed", 1, "Indexed")
        named = _get(_get(resources, "/ColorSpace"), s)
        if named is None:
            return _CS("unknown", 0, f"undefined colour space {s}")
        return _resolve_cs(named, resources, depth + 1)
    if is_array(obj) and len(obj) >= 1:
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


_PROCESS = {"/Cyan": "Cyan", "/Magenta": "Magenta", "/Yellow": "Yellow", "/Black": "Black"}


def _plates(cs: _CS, values: tuple[float, ...] | None) -> dict[str, float] | None:
    """Ink (0–1) this colour puts on each process plate, as a separation render would;
    None when only a render can tell (patterns, spot colours, CIE-based spaces)."""
    if values is None:
        return None

    def clamp(v: float) -> float:
        return min(1.0, max(0.0, v))

    if cs.kind == "gray" and values:
        return {"Black": clamp(1.0 - values[0])}
    if cs.kind == "cmyk" and len(values) >= 4:
        return dict(
            zip(("Cyan", "Magenta", "Yellow", "Black"), map(clamp, values[:4]), strict=True)
        )
    if cs.kind in ("sep", "devicen"):
        out: dict[str, float] = {}
        for name, v in zip(cs.names, values, strict=False):
            v = clamp(v)
            if name == "/None" or v == 0.0:
                continue
            if name == "/All":
                for plate in _PROCESS.values():
                    out[plate] = max(out.get(plate, 0.0), v)
            elif name in _PROCESS:
                out[_PROCESS[name]] = max(out.get(_PROCESS[name], 0.0), v)
            else:
                return None  # a spot plate: the render reports it
        return out
    return None
