"""Compiled dataclass methods kept across runs of the command.

Python 3.11 makes each dataclass's __init__, __repr__, __eq__ … by compiling
their source text with `exec`: about 390 functions for newspage's 75
dataclasses, 35 ms of every build, more than Python's own start. The code
object depends only on that text, so here `dataclasses._create_fn` compiles
through a memo kept in the cache folder (marshal, keyed by the interpreter's
bytecode tag): the functions are the same, built from the same code.

Installed by `python3 -m layout` only (not when layout is imported), and only
on the interpreter whose `_create_fn` this mirrors; anything unexpected
leaves dataclasses as they are.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_CODES: dict[str, object] = {}
_STATE = {"dirty": False, "path": None}
_EXPECTED = (
    "name",
    "args",
    "body",
    "globals",
    "locals",
    "return_type",
    "return_annotation",
    "txt",
    "local_vars",
    "ns",
)


def _memo_path() -> Path:
    env = os.environ.get("NEWSPAGE_CACHE")
    if env:
        base = Path(env)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "newspage"
    from importlib.util import MAGIC_NUMBER

    return base / f"dataclasses-{sys.implementation.cache_tag}-{MAGIC_NUMBER.hex()}.marshal"


def install() -> None:
    import dataclasses

    fn = getattr(dataclasses, "_create_fn", None)
    if (
        sys.version_info[:2] != (3, 11)
        or fn is None
        or getattr(fn, "_newspage", False)
        or fn.__code__.co_varnames != _EXPECTED
    ):
        return
    import marshal

    path = _memo_path()
    _STATE["path"] = path
    try:
        loaded = marshal.loads(path.read_bytes())
        if isinstance(loaded, dict):
            _CODES.update(loaded)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    missing = dataclasses.MISSING

    def _create_fn(name, args, body, *, globals=None, locals=None, return_type=missing):
        # dataclasses._create_fn of Python 3.11, compiling through the memo
        if locals is None:
            locals = {}
        return_annotation = ""
        if return_type is not missing:
            locals["_return_type"] = return_type
            return_annotation = "->_return_type"
        args = ",".join(args)
        body = "\n".join(f"  {b}" for b in body)
        txt = f" def {name}({args}){return_annotation}:\n{body}"
        local_vars = ", ".join(locals.keys())
        txt = f"def __create_fn__({local_vars}):\n{txt}\n return {name}"
        code = _CODES.get(txt)
        if code is None:
            code = _CODES[txt] = compile(txt, "<string>", "exec")
            _STATE["dirty"] = True
        ns: dict = {}
        exec(code, globals, ns)
        return ns["__create_fn__"](**locals)

    _create_fn._newspage = True  # type: ignore[attr-defined]
    dataclasses._create_fn = _create_fn


def save() -> None:
    """Write the memo if this run compiled something new (atomically)."""
    path = _STATE["path"]
    if not _STATE["dirty"] or path is None:
        return
    import marshal

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(_CODES))
        os.replace(tmp, path)
        _STATE["dirty"] = False
    except OSError:  # a cache that cannot be written only costs time
        pass
