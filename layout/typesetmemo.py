"""Typeset paragraphs and title lines kept between builds and between the
preview's rebuilds.

`set_paragraph` and `set_title` are pure functions of the text, the face's
metrics, the measure and the composition settings. A build spends some
40 ms of a page's make-up in them (a story's body once, its title block at
every span and size the search tries); after a one-article edit, every
other article of the page is set exactly as before. So while `build` makes
pages up, the make-up's references to the two functions point at memoised
versions, whose results are also kept in
`$NEWSPAGE_CACHE/typeset/<generation>/`: one pickle per text, holding that
text's settings (function, measure, options, face) and their results.

The preview (`layout.serve`, one long-lived process) sets its pages through
the same memo with the same keys (`typesetting(..., keep=True)`): the texts
stay in memory from one rebuild to the next (those neither it nor the
rebuild before set are dropped, so edited paragraphs' old texts do not pile
up),
backed by the same files, so that a build after the preview's edits, or a
preview started after a build, finds its paragraphs set.

The generation is the typesetter's code (`CODE`: an edit elsewhere keeps
the memo), the font files (`buildcache`) and the heading segmenter's files,
so a new typesetter, font or dictionary never reuses old lines. A face's
metrics are named by their role and weight and the advances its fallback
faces lend it for the edition's characters; metrics the memo does not know
are set, not kept. A file that does not read is ignored and rewritten.
NEWSPAGE_MEMO=0 turns the files off: `build` then sets every paragraph, the
preview keeps its paragraphs in memory only.
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
# character classes, the fallback faces' merged metrics, the face files the
# metrics are read from, this memo)
CODE = (
    "typeset",
    "cjk.py",
    "fonts.py",
    "facefile.py",
    "advances.py",
    "fallback.py",
    "lazy.py",
    "typesetmemo.py",
)

_STATE: dict[str, Any] = {
    "active": False,  # within `typesetting`
    "folder": None,  # the generation's folder; None: memory only
    "metrics": {},  # id(Metrics) → (its name, the Metrics kept alive)
    "texts": {},  # (name, text) → {settings: result}, as read or set
    "before": {},  # the last session's texts (a kept memo), taken over when used
    "older": {},  # the texts of the session before it that the last one did not use
    "dirty": set(),  # (name, text) whose entries grew since read
}
_KEPT: dict[str, Any] = {"generation": None, "texts": {}, "older": {}}  # the preview's
_LABELS: dict[int, tuple] = {}  # id(Metrics) → (Metrics, ref, name): named once per object


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


def _named(ref, metrics) -> str | None:
    hit = _LABELS.get(id(metrics))
    if hit is not None and hit[0] is metrics and hit[1] == ref:
        return hit[2]
    label = _metrics_name(ref, metrics)
    if len(_LABELS) >= 256:  # the preview's faces, merged anew for new characters
        _LABELS.clear()
    _LABELS[id(metrics)] = (metrics, ref, label)  # kept alive: the id stays its own
    return label


def _load(name: str, text: str) -> dict:
    key = (name, text)
    entries = _STATE["texts"].get(key)
    if entries is None:
        entries = _STATE["before"].pop(key, None)
        if entries is None:
            entries = _STATE["older"].pop(key, None)
        if entries is None:
            entries = _read(name, text)
        _STATE["texts"][key] = entries
    return entries


def _read(name: str, text: str) -> dict:
    if _STATE["folder"] is None:
        return {}
    try:
        stored = pickle.loads(_file(name, text).read_bytes())
        if isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == (name, text):
            if isinstance(stored[2], dict):
                return stored[2]
    except Exception:  # noqa: BLE001 - missing or damaged: set the text again
        pass
    return {}


def _file(name: str, text: str) -> Path:
    h = hashlib.sha1(f"{name}\0{text}".encode(), usedforsecurity=False).hexdigest()
    return _STATE["folder"] / h[:2] / f"{h[2:]}.pickle"


def _memoised(name: str, original):
    state = _STATE

    def wrapper(text, metrics, *args, **kw):
        known = state["metrics"].get(id(metrics))
        if known is None or known[1] is not metrics or not state["active"]:
            return original(text, metrics, *args, **kw)
        entries = state["texts"].get((name, text))
        if entries is None:
            entries = _load(name, text)
        settings = (known[0], args, tuple(sorted(kw.items())) if kw else ())
        hit = entries.get(settings)
        if hit is None:
            hit = entries[settings] = original(text, metrics, *args, **kw)
            state["dirty"].add((name, text))
        return hit

    wrapper.__wrapped__ = original
    wrapper.__name__ = name
    wrapper._newspage_memo = True  # type: ignore[attr-defined]
    return wrapper


def flush() -> None:
    """Write the texts whose settings grew (each file whole, atomically)."""
    from .outdir import write_bytes_atomic

    dirty, _STATE["dirty"] = _STATE["dirty"], set()
    if _STATE["folder"] is None:
        return
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
    for modname, mod in list(sys.modules.items()):
        if not modname.startswith("layout.") or modname.startswith("layout.typeset"):
            continue
        space = getattr(mod, "__dict__", None) or {}
        for name, fn in table.items():
            current = space.get(name)
            if current is None or getattr(current, "__name__", None) != name:
                continue
            if getattr(current, "__module__", "").startswith("layout.typeset") or getattr(
                current, "_newspage_memo", False
            ):
                setattr(mod, name, fn)


def _generation() -> str:
    from .buildcache import _fonts_identity, sources_hash
    from .typeset.segment import _store  # the heading segmenter (rjieba), by its files

    words = getattr(_store(), "name", "none")
    generation = f"{sources_hash(*CODE)}\0{_fonts_identity()}\0{words}"
    return hashlib.sha256(generation.encode()).hexdigest()[:32]


@contextmanager
def typesetting(fonts, refs, *, keep: bool = False) -> Iterator[None]:
    """Within: make-up sets paragraphs and titles through the memo, for the
    faces `refs` of `fonts` (the style's). Without `keep` (a build) nothing
    happens when the memo is off. With `keep` (the preview) the texts set
    stay in memory for the next session, and the files are read and written
    only when the memo is on."""
    disk = enabled()
    if (not disk and not keep) or _STATE["active"]:
        yield
        return
    from . import typeset
    from .fonts import cache_dir

    originals = {name: getattr(typeset, name) for name in NAMES}
    generation = _generation()
    known = {}
    for ref in dict.fromkeys(refs):
        metrics = fonts.face(*ref).metrics
        label = _named(ref, metrics)
        if label is not None:
            known[id(metrics)] = (label, metrics)
    before, older = {}, {}
    if keep and _KEPT["generation"] == (generation, disk):
        before, older = _KEPT["texts"], _KEPT["older"]
    _KEPT.update(generation=None, texts={}, older={})
    folder = cache_dir() / "typeset" / generation if disk else None
    _STATE.update(active=True, folder=folder, metrics=known, texts={}, before=before, older=older)
    _STATE["dirty"] = set()
    _swap({name: _memoised(name, fn) for name, fn in originals.items()})
    try:
        yield
        flush()
        if keep:  # the texts of this session and the last (an edit undone is
            # found in memory); older ones are dropped
            _KEPT.update(
                generation=(generation, disk), texts=_STATE["texts"], older=_STATE["before"]
            )
    finally:
        _swap(originals)
        _STATE.update(active=False, folder=None, metrics={}, texts={}, before={}, older={})
        _STATE["dirty"] = set()
