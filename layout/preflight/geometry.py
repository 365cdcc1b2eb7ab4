"""Preflight: small helpers: numbers, boxes, matrices, positions."""

from __future__ import annotations

from typing import Any

from .findings import _BOX_TOL, MM

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
    """'/Name' for a PDF name, else ''."""
    from .kinds import is_name

    if is_name(obj):
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
