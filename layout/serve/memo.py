"""The preview's make-ups kept on disk, so that a preview started again (or a
second one on the same files) makes up nothing it made before.

A section's chain of pages and a jump group are pure functions of the
pages' complete keys (`layout.buildcache.page_key`: the articles with their
files and photos' SHA-256, the edition's header and page list, the style,
the font files, newspage's code, the make-up's time budget), so each is kept
in `$NEWSPAGE_CACHE/preview/` under the SHA-256 of the keys it was made
from: a chain under its own pages' keys, a jump group under every page's key
of the edition, its pages and the jumps planned for it.

A file holds a header line, the length and CRC-32 of the compressed pickle
that follows, and that pickle (zlib): a file cut short or damaged is a miss, and is made
again and written anew (through a temporary name, renamed). A page whose
photos' processed files are gone is a miss too. Entries are never evicted
(delete the folder to reclaim the space). NEWSPAGE_MEMO=0 turns the files
off, with the other content memos: the preview then keeps its make-ups in
memory only.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MAGIC = b"newspage preview make-up 1\n"
_HEAD = struct.Struct("<QI")  # pickle length, CRC-32


def enabled() -> bool:
    return os.environ.get("NEWSPAGE_MEMO", "1") != "0"


def folder() -> Path:
    from ..fonts import cache_dir

    return cache_dir() / "preview"


def key(kind: str, parts: Iterable[str]) -> str:
    h = hashlib.sha256(kind.encode() + b"\0")
    for part in parts:
        h.update(part.encode() + b"\0\0")
    return h.hexdigest()


def _file(digest: str) -> Path:
    return folder() / digest[:2] / f"{digest}.pickle"


def load(digest: str) -> Any | None:
    """The value kept under `digest`, or None (missing, damaged or stale)."""
    try:
        data = _file(digest).read_bytes()
    except OSError:
        return None
    start = len(MAGIC) + _HEAD.size
    if not data.startswith(MAGIC) or len(data) < start:
        return None
    length, crc = _HEAD.unpack_from(data, len(MAGIC))
    body = data[start:]
    if length != len(body) or crc != zlib.crc32(body):
        return None
    try:
        value = pickle.loads(zlib.decompress(body))
    except Exception:  # noqa: BLE001 - damaged, or classes since changed: make it again
        return None
    return value if _images_present(value) else None


def store(digest: str, value: Any) -> None:
    from ..outdir import write_bytes_atomic

    try:
        body = zlib.compress(pickle.dumps(value, protocol=5), 1)
        data = MAGIC + _HEAD.pack(len(body), zlib.crc32(body)) + body
        write_bytes_atomic(_file(digest), data, make_parent=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # a read-only or full cache only costs time


def _layouts(value: Any) -> Iterable:
    """The PageLayouts of a chain (a list of (input, layout)) or a jump group's Outcome."""
    pairs = value.pages.values() if hasattr(value, "pages") else value
    for _inp, lay in pairs:
        yield lay


def _images_present(value: Any) -> bool:
    """Every processed photo a kept page draws is still in the photo cache."""
    try:
        return all(
            Path(img.path).is_file() for lay in _layouts(value) for img in lay.display.images
        )
    except (AttributeError, TypeError, ValueError):
        return False
