"""Font subsets kept between builds.

A subset's program (`truetype.make_subset`) and its deflated bytes depend
only on the face's file and the subset's code points; cutting and deflating
the seven subsets of a page takes some 15 ms, and a rebuild of the same page,
or a page after an edit that brings no new character, asks for the same
ones. So they are kept in `$NEWSPAGE_CACHE/subsets/`, one file per subset,
named by the SHA-256 of the code that cuts them (`CODE`), the face (file,
size, mtime, face file) and the code points. A file whose length or checksum is wrong is ignored and
written anew. NEWSPAGE_MEMO=0 turns this off, with the other memos of a
build's parts (`layout.typesetmemo`).
"""

from __future__ import annotations

import hashlib
import os
import zlib
from pathlib import Path

from .truetype import Face, make_subset

# the code a subset depends on: the cutter, this memo, the face files' parts
CODE = ("pdfout/truetype.py", "pdfout/subsets.py", "facefile.py", "rlface.py")
LEVEL = 3  # zlib level of every stream (objects.Stream.encoded)
_HEAD = 24  # program length (4 bytes, big-endian) + SHA-1 of the rest (20)


def _file(face: Face, subset: list[int]) -> Path | None:
    identity = getattr(face, "identity", None)
    if identity is None or os.environ.get("NEWSPAGE_MEMO", "1") == "0":
        return None
    from ..buildcache import sources_hash
    from ..fonts import cache_dir

    code = sources_hash(*CODE)
    key = hashlib.sha256(f"{code}\0{identity}\0{subset}".encode()).hexdigest()
    return cache_dir() / "subsets" / key[:2] / key[2:]


def subset_program(face: Face, subset: list[int]) -> tuple[bytes, bytes]:
    """(the subset's TrueType program, the program deflated), from the memo."""
    where = _file(face, subset)
    if where is not None:
        try:
            data = where.read_bytes()
            n = int.from_bytes(data[:4], "big")
            body = data[_HEAD:]
            if n <= len(body) and hashlib.sha1(body).digest() == data[4:_HEAD]:
                return body[:n], body[n:]
        except OSError:
            pass
    program = make_subset(face, subset)
    packed = zlib.compress(program, LEVEL)
    if where is not None:
        from ..outdir import write_bytes_atomic

        body = program + packed
        head = len(program).to_bytes(4, "big") + hashlib.sha1(body).digest()
        try:
            write_bytes_atomic(where, head + body, make_parent=True)
        except OSError:
            pass  # a read-only or full cache only costs speed
    return program, packed
