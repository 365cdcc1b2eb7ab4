"""Articles already read, kept by the bytes of their file.

Reading an article (YAML front matter, body, GB/T 15834 punctuation) is a
pure function of its file's bytes, its name and the edition's page list; a
24-page edition of 264 articles takes some 70 ms to read, most of which a
rebuild after a one-article edit would repeat for nothing. So `build` keeps
the articles it read in one pickle per edition folder,
`$NEWSPAGE_CACHE/articles/<digest>.pickle`, each under the SHA-1 of its
file's bytes and its name; the whole memo is void when newspage's code, the
edition's pages or the punctuation switch change.

A file whose size, inode, mtime and ctime are those it had when the memo
was written, and whose times are more than two seconds older than the start
of the reading that wrote it, is not read again at all: its digest is taken
from the memo. Any change to a file sets its ctime to the time of the change
(no tool can set it back), and a change after that reading's start is more
than two seconds younger than the times recorded, so it shows in the ctime
even on a file system that keeps times to 2 s (FAT). This trusts the clocks:
a file server whose clock lags the build machine's by more than two seconds,
or a clock set back, defeats it (NEWSPAGE_MEMO=0 reads every file).

An article with photos is never kept (its images are files of their own);
nor is a file that does not read (its ContentError comes every time). A
memo that cannot be read, or holds anything unexpected, is ignored: the
articles are read again and the memo written anew.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path

from ..model import Article

_VERSION = 2
_SETTLED_NS = 2_000_000_000  # a file this much older than the memo is trusted by its stat


def memo_file(root: Path) -> Path:
    from ..fonts import cache_dir

    where = hashlib.sha256(repr((os.getcwd(), str(root))).encode()).hexdigest()[:32]
    return cache_dir() / "articles" / f"{where}.pickle"


class ArticleMemo:
    """The articles of one edition folder read before, by (file name, bytes)."""

    def __init__(self, root: Path, head: tuple) -> None:
        from ..buildcache import code_hash

        self.file = memo_file(root)
        self.header = (_VERSION, code_hash(), str(root), repr(head))
        self.old: dict[tuple[str, bytes], Article] = {}
        self.new: dict[tuple[str, bytes], Article] = {}
        self.stats: dict[str, tuple] = {}  # name → (size, inode, mtime, ctime, key)
        self.new_stats: dict[str, tuple] = {}
        self.written = 0  # when the reading that wrote the memo began (ns since the epoch)
        self.started = time.time_ns()  # this reading's start: before any stat it takes
        try:
            stored = pickle.loads(self.file.read_bytes())
            if isinstance(stored, tuple) and len(stored) == 4 and stored[0] == self.header:
                if isinstance(stored[1], dict) and isinstance(stored[2], dict):
                    self.old, self.stats, self.written = stored[1], stored[2], int(stored[3])
        except Exception:  # noqa: BLE001 - a memo that does not read is no memo
            self.old, self.stats, self.written = {}, {}, 0

    def settled_key(self, path: Path) -> tuple[str, bytes] | None:
        """The file's key from the memo when its stat is unchanged and settled."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        sig = (st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)
        old = self.stats.get(path.name)
        self._sig = (path.name, sig)
        settled = max(st.st_mtime_ns, st.st_ctime_ns) < self.written - _SETTLED_NS
        if old is not None and old[:4] == sig and settled:
            return old[4]
        return None

    def seen(self, path: Path, key: tuple[str, bytes]) -> None:
        """Record the stat `settled_key` took of `path` with its key."""
        name, sig = getattr(self, "_sig", (None, None))
        if name == path.name and sig is not None:
            self.new_stats[name] = (*sig, key)

    @staticmethod
    def key(path: Path, data: bytes) -> tuple[str, bytes]:
        return path.name, hashlib.sha1(data, usedforsecurity=False).digest()

    def get(self, key: tuple[str, bytes], order: int) -> Article | None:
        art = self.old.get(key)
        if not isinstance(art, Article):
            return None
        if art.order != order:  # an article added or removed before it
            from dataclasses import replace

            art = replace(art, order=order)
        self.new[key] = art
        return art

    def put(self, key: tuple[str, bytes], article: Article) -> None:
        if not article.images:
            self.new[key] = article

    def save(self) -> None:
        """Write the memo when it changed: the articles of this reading only."""
        if self.new.keys() == self.old.keys() and self.new_stats == self.stats:
            return
        from ..outdir import write_bytes_atomic

        try:
            stored = (self.header, self.new, self.new_stats, self.started)
            write_bytes_atomic(self.file, pickle.dumps(stored, protocol=5), make_parent=True)
        except OSError:
            pass  # a read-only or full cache only costs speed
