"""Typeset paragraphs kept across rebuilds of the preview.

A paragraph's lines depend only on its text, the face's metrics, the
measure and the composition settings, so the preview (one long-lived
process, one rebuild at a time) keeps `set_paragraph` and `set_title`
results between rebuilds: after an edit only the edited paragraphs are set
again. While `typesetting()` is active, the make-up modules' references to
the two functions point at memoised versions; outside it they are the
originals, so `build`, `check` and `proof` never see the memo.

This is the preview's own memo until the pipeline keeps typeset articles
itself (the speed issue's incremental cache); then this module goes.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .. import typeset

_ORIGINAL = {"set_paragraph": typeset.set_paragraph, "set_title": typeset.set_title}
_MEMO: dict[tuple, object] = {}
_LIMIT = 200_000  # entries; an edition's paragraphs × measures stay far below
_LOCK = threading.Lock()


def forget() -> None:
    """Drop every kept paragraph (the style changed)."""
    _MEMO.clear()


def _memoised(name: str):
    original = _ORIGINAL[name]

    def wrapper(text, metrics, width, **kw):
        key = (name, text, id(metrics), width, tuple(sorted(kw.items())))
        hit = _MEMO.get(key)
        if hit is None:
            hit = original(text, metrics, width, **kw)
            if len(_MEMO) >= _LIMIT:
                _MEMO.clear()
            _MEMO[key] = (hit, metrics)  # metrics kept alive: its id stays unique
            return hit
        return hit[0]

    wrapper.__wrapped__ = original
    wrapper.__name__ = name
    return wrapper


_WRAPPED = {name: _memoised(name) for name in _ORIGINAL}


@contextmanager
def typesetting() -> Iterator[None]:
    """Within: layout modules call the memoised set_paragraph / set_title."""
    with _LOCK:
        swapped = []
        for mod in list(sys.modules.values()):
            modname = getattr(mod, "__name__", "") or ""
            if not modname.startswith("layout.") or modname == "layout.typeset":
                continue
            for name, original in _ORIGINAL.items():
                if getattr(mod, name, None) is original:
                    setattr(mod, name, _WRAPPED[name])
                    swapped.append((mod, name))
        try:
            yield
        finally:
            for mod, name in swapped:
                setattr(mod, name, _ORIGINAL[name])
