"""Typeset paragraphs and title lines kept on disk between builds.

`set_paragraph` and `set_title` are pure functions of the text, the face's
metrics, the measure and the composition settings. A build spends some
40 ms of a page's make-up in them (a story's body once, its title block at
every span and size the search tries); after a one-article edit, every
other article of the page is set exactly as before. So while `build` makes
pages up, the make-up's references to the two functions point at memoised
versions (as the preview's `layout.serve.warm` does in memory), whose
results are also kept in `$NEWSPAGE_CACHE/typeset/<generation>/`: one
pickle per text, holding that text's settings (function, measure, options,
face) and their results.

The generation is the typesetter's code (`CODE`: an edit elsewhere keeps
the memo), the font files (`buildcache`) and the heading segmenter's files,
so a new typesetter, font or dictionary never reuses old lines. A face's metrics are named by
their role and weight and the advances its fallback faces lend it for the
edition's characters; metrics the memo does not know are set, not kept. A
file that does not read is ignored and rewritten. NEWSPAGE_MEMO=0
turns the memo off (`build` then sets every paragraph).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

NAMES = ("set_paragraph", "set_title")
# the code a paragraph's lines depend on (the typesetter, its metrics and
# character classes, the fallback faces' merged metrics, this memo)
CODE = ("typeset", "cjk.py", "fonts.py", "advances.py", "fallback.py", "lazy.py", "typesetmemo.py")

_STATE: dict[str, Any] = {
    "folder": None,  # the generation's folder; None: not active
    "metrics": {},  # id(Metrics) → (its name, the Metrics kept alive)
    "texts": {},  # (name, text) → {settings: result}, as read or set
    "dirty": set(),  # (name, text) whose entries grew since read
}


def enabled() -> bool:
    return os.environ.get("NEWSPAGE_MEMO", "1") != "0"


def _metrics_name(ref, metrics) -> str | None:
    """A stable name for a face's metrics: its role and weight, and what its
    fallback faces add (`fallback.Overlay`); None for metrics of another kind."""
    from .advances import Advances, Overlay

    adv = metrics.advances
    if isinstance(adv, Overlay):
        extra = sorted(adv._extra.items())
    elif isinstance(adv, Advances):
        extra = []
    else:
        return None
    ink = sorted(metrics.ink.items())
    digest = hashlib.sha1(repr((metrics.ascent, metrics.descent, extra, ink)).encode())
    return f"{ref[0]}/{ref[1]}/{digest.hexdigest()}"


def _load(name: str, text: str) -> dict:
    key = (name, text)
    entries = _STATE["texts"].get(key)
    if entries is None:
        entries = {}
        try:
            stored = pickle.loads(_file(name, text).read_bytes())
            if isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == key:
                if isinstance(stored[2], dict):
                    entries = stored[2]
        except Exception:  # noqa: BLE001 - missing or damaged: set the text again
            entries = {}
        _STATE["texts"][key] = entries
    return entries


def _file(name: str, text: str) -> Path:
    h = hashlib.sha1(f"{name}\0{text}".encode(), usedforsecurity=False).hexdigest()
    return _STATE["folder"] / h[:2] / f"{h[2:]}.pickle"


def _memoised(name: str, original):
    def wrapper(text, metrics, *args, **kw):
        known = _STATE["metrics"].get(id(metrics))
        if _STATE["folder"] is None or known is None or known[1] is not metrics:
            return original(text, metrics, *args, **kw)
        entries = _load(name, text)
        settings = (known[0], args, tuple(sorted(kw.items())))
        hit = entries.get(settings)
        if hit is None:
            hit = entries[settings] = original(text, metrics, *args, **kw)
            _STATE["dirty"].add((name, text))
        return hit

    wrapper.__wrapped__ = original
    wrapper.__name__ = name
    wrapper._newspage_memo = True  # type: ignore[attr-defined]
    return wrapper


def flush() -> None:
    """Write the texts whose settings grew (each file whole, atomically)."""
    from .outdir import write_bytes_atomic

    dirty, _STATE["dirty"] = _STATE["dirty"], set()
    for name, text in dirty:
        entries = _STATE["texts"].get((name, text))
        if entries is None:
            continue
        try:
            data = pickle.dumps((name, text, entries), protocol=5)
            write_bytes_atomic(_file(name, text), data, make_parent=True)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass  # a read-only or full cache only costs speed


def _swap(table: dict) -> None:
    """Point layout's references to the two setters at `table`'s functions."""
    from . import typeset

    for name, fn in table.items():
        setattr(typeset, name, fn)  # a later `from ..typeset import` gets it too
        for mod in list(sys.modules.values()):
            modname = getattr(mod, "__name__", "") or ""
            if not modname.startswith("layout.") or modname.startswith("layout.typeset"):
                continue
            current = getattr(mod, name, None)
            if current is not None and getattr(current, "__name__", None) == name:
                if getattr(current, "__module__", "").startswith("layout.typeset") or getattr(
                    current, "_newspage_memo", False
                ):
                    setattr(mod, name, fn)


@contextmanager
def typesetting(fonts, refs) -> Iterator[None]:
    """Within: make-up sets paragraphs and titles through the memo, for the
    faces `refs` of `fonts` (the style's). Nothing happens when the memo is off."""
    if not enabled() or _STATE["folder"] is not None:
        yield
        return
    from . import typeset
    from .buildcache import _fonts_identity, sources_hash
    from .fonts import cache_dir

    originals = {name: getattr(typeset, name) for name in NAMES}
    from .typeset.segment import _store  # the heading segmenter (rjieba), by its files

    words = getattr(_store(), "name", "none")
    generation = f"{sources_hash(*CODE)}\0{_fonts_identity()}\0{words}"
    generation = hashlib.sha256(generation.encode()).hexdigest()
    known = {}
    for ref in dict.fromkeys(refs):
        metrics = fonts.face(*ref).metrics
        label = _metrics_name(ref, metrics)
        if label is not None:
            known[id(metrics)] = (label, metrics)
    _STATE.update(folder=cache_dir() / "typeset" / generation[:32], metrics=known, texts={})
    _STATE["dirty"] = set()
    _swap({name: _memoised(name, fn) for name, fn in originals.items()})
    try:
        yield
        flush()
    finally:
        _swap(originals)
        _STATE.update(folder=None, metrics={}, texts={})
        _STATE["dirty"] = set()
