"""Finished pages cached by content hash, so a rebuild redoes only what changed.

A page's key is the SHA-256 of everything its PDF is made from: the page's
articles (text, front matter, file), the edition's header fields and page
list, the style, the font files (path, size, mtime) and fonts.yaml, the
creation date (SOURCE_DATE_EPOCH), the preflight settings, the make-up's
time budget (NEWSPAGE_MAKEUP_BUDGET) and newspage's own code (every module
and style file of the package). Same key → same bytes,
since a build is deterministic; so a hit copies the cached PDF and the
page's report (its layout without glyphs, and its preflight findings)
without loading a font or importing the typesetter.

A page's PDF is served only when its length and CRC-32, kept with its
report, match: a file cut short or damaged on disk is a miss.

Entries live in `$NEWSPAGE_CACHE/pages/` (see `layout.fonts.cache_dir`) and
are never evicted: delete the folder to reclaim the space. Set
NEWSPAGE_BUILD_CACHE=0 to build without it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from .outdir import write_bytes_atomic

PACKAGE = Path(__file__).resolve().parent


def enabled() -> bool:
    return os.environ.get("NEWSPAGE_BUILD_CACHE", "1") != "0"


def _folder() -> Path:
    from .fonts import cache_dir

    return cache_dir() / "pages"


@cache
def code_hash() -> str:
    """Hash of newspage's own sources: a new version never reuses an old page.

    Reading and hashing every source takes 4 ms, so the digest is kept with
    the sources' names, sizes and mtimes (`code-<where>.marshal` in the cache
    folder) and read from there while none of them changed."""
    import marshal

    stats = _code_stats()
    where = hashlib.sha256(str(PACKAGE).encode()).hexdigest()[:16]
    try:
        from .fonts import cache_dir

        memo = cache_dir() / f"code-{where}.marshal"
    except Exception:  # noqa: BLE001 - no cache folder: hash every time
        memo = None
    if memo is not None:
        try:
            stored = marshal.loads(memo.read_bytes())
            if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == stats:
                if isinstance(stored[1], str):
                    return stored[1]
        except (OSError, EOFError, ValueError, TypeError):
            pass
    h = hashlib.sha256()
    for p in sorted(PACKAGE.rglob("*")):
        if p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(PACKAGE)).encode() + b"\0" + p.read_bytes() + b"\0")
    digest = h.hexdigest()
    if memo is not None and stats == _walk_stats():  # not changed while read
        try:
            write_bytes_atomic(memo, marshal.dumps((stats, digest)), make_parent=True)
        except OSError:
            pass
    return digest


@cache
def sources_hash(*names: str) -> str:
    """Hash of some of newspage's sources (files or folders under the package):
    for a memo whose entries depend on that code only, so that an edit
    elsewhere does not void it."""
    h = hashlib.sha256()
    for name in names:
        path = PACKAGE / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for p in files:
            if "__pycache__" not in p.parts:
                rel = str(p.relative_to(PACKAGE)).encode()
                h.update(rel + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _walk_stats() -> tuple:
    from .cli_bundle import _walk

    return _walk()


def _code_stats() -> tuple:
    """(relative path, size, mtime) of every source file of the package, sorted."""
    from .cli_bundle import source_stats

    return source_stats()


@cache
def _fonts_identity() -> str:
    """fonts.yaml and every font file it names (fallbacks too): path, size, mtime."""
    from .errors import FontError
    from .fonts import PROJECT_FONTS, load_fontset

    fs = load_fontset()
    parts = [(PROJECT_FONTS / "fonts.yaml").read_bytes().hex()]
    for ref in fs.roles:
        spec = fs._specs[ref]
        try:
            path = fs._locate(spec)
        except FontError:
            parts.append(f"{ref}: not installed")
            continue
        st = path.stat()
        parts.append(f"{ref}|{spec}|{path}|{st.st_size}|{st.st_mtime_ns}")
    return "\n".join(parts)


def page_key(edition, index: int, style, settings: Any) -> str:
    """The content hash of page `index` of `edition` as `build` would write it."""
    from . import furniture

    page = edition.pages[index]
    h = _edition_hash(edition, style, settings).copy()
    for part in (
        repr(page),
        repr(edition.articles_for(page)),
        furniture.cache_key(edition, page),  # masthead, ads, 导读 entries
    ):
        h.update(part.encode() + b"\0\0")
    return h.hexdigest()


_EDITION_HASH: dict[tuple, Any] = {}


def _edition_hash(edition, style, settings: Any):
    """What every page's key starts with, hashed once per build: code, fonts,
    style, settings, creation date, the edition's header and page list."""
    from .pipeline import created_at

    memo_key = (id(edition), id(style), settings)
    hit = _EDITION_HASH.get(memo_key)
    if hit is not None and hit[0] is edition and hit[1] is style:
        return hit[2]
    h = hashlib.sha256()
    for part in (
        code_hash(),
        _fonts_identity(),
        repr(style),
        repr(settings),
        created_at(edition).isoformat(),
        repr((edition.paper, edition.date, edition.issue, edition.style, edition.pages)),
    ):
        h.update(part.encode() + b"\0\0")
    _EDITION_HASH.clear()
    _EDITION_HASH[memo_key] = (edition, style, h)
    return h


def _entry(key: str) -> tuple[Path, Path]:
    folder = _folder() / key[:2]
    return folder / f"{key}.pdf", folder / f"{key}.pickle"


def _atomic_write(target: Path, data: bytes) -> None:
    write_bytes_atomic(target, data, make_parent=True)


def store(key: str, pdf: bytes, report: Any) -> None:
    """Keep a finished page (its PDF bytes, and its report object with the
    PDF's length and CRC-32)."""
    pdf_file, meta = _entry(key)
    try:
        _atomic_write(pdf_file, pdf)
        _atomic_write(meta, pickle.dumps((len(pdf), zlib.crc32(pdf), report), protocol=5))
    except OSError:
        pass  # a read-only or full cache only costs speed


def fetch(key: str) -> tuple[Any, bytes] | None:
    """The cached page's report object and PDF bytes, or None (also for a PDF
    that is not the one stored: truncated or damaged on disk, 0.07 ms a page)."""
    pdf_file, meta = _entry(key)
    try:
        stored = pickle.loads(meta.read_bytes())
        data = pdf_file.read_bytes()
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 3):
        return None
    if stored[0] != len(data) or stored[1] != zlib.crc32(data):
        return None
    return stored[2], data


def page_chars(key: str, compute) -> set[str]:
    """The characters page `key` prints (`compute()` once, then kept beside the
    page's entry with a checksum: a file that does not check is computed again)."""
    path = _folder() / key[:2] / f"{key}.chars"
    try:
        data = path.read_bytes()
        if hashlib.sha1(data[20:]).digest() == data[:20]:
            return set(data[20:].decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        pass
    chars = compute()
    text = "".join(sorted(chars)).encode("utf-8", "surrogatepass")
    try:
        _atomic_write(path, hashlib.sha1(text).digest() + text)
    except OSError:
        pass
    return chars


def write_atomic(target: Path, data: bytes) -> None:
    """Write a page file as a build does: a temporary name, then renamed. A file
    that already holds exactly these bytes (the last build's) is left as it is."""
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return
    except OSError:
        pass
    _atomic_write(target, data)
