"""report.json written fast: the text `json.dumps(obj, ensure_ascii=False,
indent=2)` gives, without its generator-per-level encoder.

A 24-page edition's report is 160 kB of JSON: `dataclasses.asdict` (a deep
copy of every leaf) and json's pure-Python indenting encoder took 10 ms of
the build that rebuilds one page. `plain` is `asdict` for the report's
values (dataclasses, lists, tuples, dicts of immutable leaves) without the
copies, and `dumps` writes the same characters as json.dumps with
indent=2 (tests/test_report_json.py compares them).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

_STR = json.encoder.encode_basestring  # ensure_ascii=False: the C encoder
_FLOAT = float.__repr__
_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(obj: Any) -> Any:
    """`dataclasses.asdict(obj)`, leaves shared instead of deep-copied."""
    cls = type(obj)
    names = _FIELDS.get(cls)
    if names is None and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(obj))
    if names is not None:
        return {n: plain(getattr(obj, n)) for n in names}
    if cls is list or cls is tuple:
        return cls(plain(v) for v in obj)
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):  # a named tuple, as asdict
        return cls(*[plain(v) for v in obj])
    if isinstance(obj, (list, tuple)):
        return cls(plain(v) for v in obj)
    if isinstance(obj, dict):
        return cls((plain(k), plain(v)) for k, v in obj.items())
    if isinstance(obj, (str, int, float, bool)) or obj is None:
        return obj
    return dataclasses.asdict(obj) if dataclasses.is_dataclass(obj) else _copy(obj)


def _copy(obj: Any) -> Any:
    import copy

    return copy.deepcopy(obj)


def dumps(obj: Any) -> str:
    """json.dumps(obj, ensure_ascii=False, indent=2), for str keys and JSON values."""
    out: list[str] = []
    _write(obj, out, "\n")
    return "".join(out)


def _write(obj: Any, out: list[str], nl: str) -> None:
    if isinstance(obj, str):
        out.append(_STR(obj))
    elif obj is None:
        out.append("null")
    elif obj is True:
        out.append("true")
    elif obj is False:
        out.append("false")
    elif isinstance(obj, int):
        out.append(int.__repr__(obj))
    elif isinstance(obj, float):
        out.append(_float(obj))
    elif isinstance(obj, (list, tuple)):
        if not obj:
            out.append("[]")
            return
        inner = nl + "  "
        out.append("[")
        first = True
        for v in obj:
            out.append(inner if first else "," + inner)
            first = False
            _write(v, out, inner)
        out.append(nl + "]")
    elif isinstance(obj, dict):
        if not obj:
            out.append("{}")
            return
        inner = nl + "  "
        out.append("{")
        first = True
        for k, v in obj.items():
            out.append(inner if first else "," + inner)
            first = False
            out.append(_key(k))
            out.append(": ")
            _write(v, out, inner)
        out.append(nl + "}")
    else:  # anything else: as json would do it, or its error
        out.append(json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", nl))


def _float(v: float) -> str:
    if v != v:
        return "NaN"
    if v == float("inf"):
        return "Infinity"
    if v == -float("inf"):
        return "-Infinity"
    return _FLOAT(v)


def _key(k: Any) -> str:
    if isinstance(k, str):
        return _STR(k)
    return json.dumps({k: 0}, ensure_ascii=False)[1:-4]  # json's own key text
