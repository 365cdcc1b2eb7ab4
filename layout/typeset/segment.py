"""Word boundaries of a heading (rjieba), for breaking headlines between words.

rjieba is the Rust binding of jieba (jieba-rs, jieba's own dictionary): with
the HMM off its words are jieba's (979 of 979 sentences of the bundled copy
agree with `jieba.cut(HMM=False)`, which ../shared/audit/headings.py uses).
Words are cut with the HMM on: it only joins runs of one-character words
that the dictionary does not know (天|舟 → 天舟, 号|线 → 号线, 原|副 → 原副),
so its boundaries are a subset of the HMM-off ones, and names stay whole.
rjieba loads in about 0.4 s where jieba needs about 3 s to build its prefix
dictionary, and it cuts a headline in microseconds. It is imported on the
first multi-line heading only: body text never needs it. Without it (or
jieba) every position counts as a word boundary, as before.

Loading the dictionary is most of a page's typesetting time (0.1–0.2 s of a
0.7 s build), so each heading's words are also kept on disk, in
`$NEWSPAGE_CACHE/words/<segmenter>/`, one small file per text: a rebuild, or
an edit of one article's body, cuts no heading again and never loads it.
The folder is named after the segmenter's files (path, size, mtime), so a new
rjieba or dictionary never reuses old cuts.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

_CUT: list[Callable[[str], list[str]] | None] = []


def _cutter() -> Callable[[str], list[str]] | None:
    if not _CUT:
        try:
            import rjieba

            _CUT.append(lambda s: rjieba.cut(s, hmm=True))
        except ImportError:  # pragma: no cover - rjieba is a dependency
            try:
                import jieba

                jieba.setLogLevel(60)
                _CUT.append(lambda s: list(jieba.cut(s, HMM=True)))
            except ImportError:
                _CUT.append(None)
    return _CUT[0]


_SEP = "\x1f"  # unit separator: never in a heading (content.py refuses controls)


@cache
def _store() -> Path | None:
    """The on-disk memo of cuts for the installed segmenter, None without one."""
    from importlib.util import find_spec

    from ..fonts import cache_dir

    for name in ("rjieba", "jieba"):
        spec = find_spec(name)
        if spec is None or spec.origin is None:
            continue
        folder = Path(spec.origin).parent
        h = hashlib.sha256(name.encode())
        for f in sorted(folder.iterdir()):
            if f.is_file():
                st = f.stat()
                h.update(f"{f.name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        return cache_dir() / "words" / h.hexdigest()[:16]
    return None


def _memo_file(text: str) -> Path | None:
    store = _store()
    if store is None:
        return None
    return store / hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """`text` cut into words (one word per character without a segmenter)."""
    memo = _memo_file(text)
    if memo is not None:
        try:
            cut_words = tuple(memo.read_text("utf-8").split(_SEP))
            if "".join(cut_words) == text:  # a damaged or colliding file is ignored
                return cut_words
        except OSError:
            pass
    cut = _cutter()
    if not cut:
        return tuple(text)
    cut_words = tuple(cut(text))
    if memo is not None:
        _remember(memo, cut_words)
    return cut_words


def _remember(memo: Path, cut_words: tuple[str, ...]) -> None:
    """Write atomically; a cache that cannot be written only costs time."""
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo.with_name(f".{memo.name}.{os.getpid()}")
        tmp.write_text(_SEP.join(cut_words), "utf-8")
        os.replace(tmp, memo)
    except OSError:
        pass


def boundaries(text: str) -> frozenset[int]:
    """Indices k of `text` where a word begins (0 < k < len(text))."""
    out = set()
    k = 0
    for w in words(text):
        k += len(w)
        out.add(k)
    out.discard(len(text))
    return frozenset(out)
