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
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

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


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """`text` cut into words (one word per character without a segmenter)."""
    cut = _cutter()
    return tuple(cut(text)) if cut else tuple(text)


def boundaries(text: str) -> frozenset[int]:
    """Indices k of `text` where a word begins (0 < k < len(text))."""
    out = set()
    k = 0
    for w in words(text):
        k += len(w)
        out.add(k)
    out.discard(len(text))
    return frozenset(out)
