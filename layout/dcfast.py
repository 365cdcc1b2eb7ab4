"""Compiled dataclass methods and regular expressions kept across runs of the command.

Python 3.11 makes each dataclass's __init__, __repr__, __eq__ … by compiling
their source text with `exec`: about 390 functions for newspage's 75
dataclasses, 35 ms of every build, more than Python's own start. The code
object depends only on that text, so here `dataclasses._create_fn` compiles
through a memo kept in the cache folder (marshal, keyed by the interpreter's
bytecode tag): the functions are the same, built from the same code.

Regular expressions likewise: `re` parses each pattern and generates its
matching program at every start (280 patterns, 13 ms; PyYAML's reader alone
compiles one for 4 ms); the program depends only on the pattern and flags, so
`re._compiler.compile` takes it from a second memo and hands it to `_sre`.

Installed by `python3 -m layout` only (not when layout is imported), and only
on the interpreter whose `_create_fn` and `re._compiler.compile` this
mirrors; anything unexpected leaves them as they are.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_CODES: dict[str, object] = {}
_STATE = {"dirty": False, "path": None}
_RES: dict[tuple, tuple] = {}  # (pattern, flags) → what _sre.compile takes besides the pattern
_RE_STATE = {"dirty": False, "path": None}
_RE_EXPECTED = ("p", "flags", "pattern", "code", "groupindex", "indexgroup", "k", "i")
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


def _memo_path(kind: str = "dataclasses") -> Path:
    env = os.environ.get("NEWSPAGE_CACHE")
    if env:
        base = Path(env)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "newspage"
    from importlib.util import MAGIC_NUMBER

    return base / f"{kind}-{sys.implementation.cache_tag}-{MAGIC_NUMBER.hex()}.marshal"


def install() -> None:
    _install_dataclasses()
    _install_re()


def _load(path: Path, into: dict) -> None:
    import marshal

    try:
        loaded = marshal.loads(path.read_bytes())
        if isinstance(loaded, dict):
            into.update(loaded)
    except (OSError, EOFError, ValueError, TypeError):
        pass


def _install_re() -> None:
    import re._compiler as rc

    if (
        sys.version_info[:2] != (3, 11)
        or getattr(rc.compile, "_newspage", False)
        or rc.compile.__code__.co_varnames != _RE_EXPECTED
    ):
        return
    import _sre

    path = _memo_path("re")
    _RE_STATE["path"] = path
    _load(path, _RES)
    original = rc.compile
    debug = rc.SRE_FLAG_DEBUG

    def compile(p, flags=0):
        # re._compiler.compile of Python 3.11, its program taken from the memo
        if not isinstance(p, (str, bytes)) or flags & debug:
            return original(p, flags)
        key = (p, flags)
        hit = _RES.get(key)
        if hit is None:
            parsed = rc._parser.parse(p, flags)
            code = [int(c) for c in rc._code(parsed, flags)]  # plain ints: marshal takes them
            groupindex = dict(parsed.state.groupdict)
            indexgroup = [None] * parsed.state.groups
            for k, i in groupindex.items():
                indexgroup[i] = k
            hit = (flags | parsed.state.flags, code, parsed.state.groups - 1)
            hit += (groupindex, tuple(indexgroup))
            _RES[key] = hit
            _RE_STATE["dirty"] = True
        f, code, groups, groupindex, indexgroup = hit
        return _sre.compile(p, f, code, groups, groupindex, indexgroup)

    compile._newspage = True  # type: ignore[attr-defined]
    rc.compile = compile


def _install_dataclasses() -> None:
    import dataclasses

    fn = getattr(dataclasses, "_create_fn", None)
    if (
        sys.version_info[:2] != (3, 11)
        or fn is None
        or getattr(fn, "_newspage", False)
        or fn.__code__.co_varnames != _EXPECTED
    ):
        return
    path = _memo_path()
    _STATE["path"] = path
    _load(path, _CODES)
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
    """Write the memos this run added to (atomically)."""
    for state, memo in ((_STATE, _CODES), (_RE_STATE, _RES)):
        _save(state, memo)


def _save(state: dict, memo: dict) -> None:
    path = state["path"]
    if not state["dirty"] or path is None:
        return
    import marshal

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(memo))
        os.replace(tmp, path)
        state["dirty"] = False
    except (OSError, ValueError):  # a cache that cannot be written only costs time
        pass
