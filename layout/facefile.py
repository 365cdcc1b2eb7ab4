"""One metrics file per font face: what the typesetter measures with, and what
the renderer embeds with, in one cache file (`.face`).

    magic | meta length | meta (pickle: family, ascent, advances, ink boxes ...)
          | renderer length | renderer fields (pickle, small) | flat arrays

`layout.fonts` writes the meta part when it measures a face; `layout.rlface`
adds reportlab's parse of the face (as flat arrays, memory-mapped when read)
the first time a page embeds it. Each part is read only by the stage that
needs it: the typesetter never maps the arrays, the renderer never unpickles
the advances. Writes are atomic (a new file renamed over the old one).
"""

from __future__ import annotations

import mmap
import pickle
import struct
from array import array
from pathlib import Path
from typing import Any

from .outdir import write_bytes_atomic

MAGIC = b"NPFACE1\0"
_LEN = struct.Struct("<Q")


def _atomic_write(target: Path, data: bytes) -> None:
    write_bytes_atomic(target, data, make_parent=True)


def _meta_bytes(target: Path) -> bytes | None:
    try:
        with target.open("rb") as f:
            head = f.read(len(MAGIC) + _LEN.size)
            if len(head) < len(MAGIC) + _LEN.size or head[: len(MAGIC)] != MAGIC:
                return None
            (n,) = _LEN.unpack(head[len(MAGIC) :])
            data = f.read(n)
    except OSError:
        return None
    return data if len(data) == n else None


def read_meta(target: Path) -> dict | None:
    """The typesetter's part, or None when the file is missing or not ours."""
    data = _meta_bytes(target)
    if data is None:
        return None
    try:
        return pickle.loads(data)
    except (pickle.PickleError, EOFError, AttributeError, ValueError):
        return None


def write(
    target: Path,
    meta: dict | None = None,
    renderer: dict | None = None,
    arrays: list[tuple[str, array]] = (),  # type: ignore[assignment]
) -> None:
    """Write a face file; meta=None keeps the meta part already in the file."""
    meta_data = pickle.dumps(meta, protocol=5) if meta is not None else _meta_bytes(target)
    if meta_data is None:
        meta_data = pickle.dumps({}, protocol=5)
    parts = [MAGIC, _LEN.pack(len(meta_data)), meta_data]
    if renderer is None:
        parts.append(_LEN.pack(0))
    else:
        head = pickle.dumps(
            {"fields": renderer, "arrays": [(n, a.typecode, len(a)) for n, a in arrays]},
            protocol=5,
        )
        parts += [_LEN.pack(len(head)), head]
        offset = sum(len(p) for p in parts)
        for _, a in arrays:
            pad = -offset % 8
            data = a.tobytes()
            parts += [b"\0" * pad, data]
            offset += pad + len(data)
    _atomic_write(target, b"".join(parts))


def map_renderer(target: Path, loads=pickle.loads) -> tuple[dict, dict[str, Any]] | None:
    """The renderer's fields and its arrays (memoryviews over a read-only map of the
    file), or None when the file has no renderer part yet. `loads` unpickles the
    fields (layout.pdfout reads them without importing reportlab)."""
    try:
        with target.open("rb") as f:
            mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    if mm[: len(MAGIC)] != MAGIC:
        return None
    pos = len(MAGIC)
    (n,) = _LEN.unpack(mm[pos : pos + _LEN.size])
    pos += _LEN.size + n
    (r,) = _LEN.unpack(mm[pos : pos + _LEN.size])
    if not r:
        return None
    pos += _LEN.size
    try:
        head = loads(mm[pos : pos + r])
    except (pickle.PickleError, EOFError, AttributeError, ValueError):
        return None
    pos += r
    view = memoryview(mm)
    arrays = {}
    for name, code, count in head["arrays"]:
        pos += -pos % 8
        size = array(code).itemsize * count
        arrays[name] = view[pos : pos + size].cast(code)
        pos += size
    return head["fields"], arrays
