"""newspage's own compiled modules read from one file by the command.

A build imports about a hundred of newspage's modules; finding each one,
checking its bytecode file against the source and reading it costs some
10 ms of a 0.25 s build, more than unmarshalling the code. So the command
(`python3 -m layout`, not `import layout`) keeps the code objects of the
modules it imported in one file in the cache folder, with every source
file's name, size and mtime; while none of the sources changed, a finder
first in `sys.meta_path` hands their code out of that file (each module's
code unmarshalled when it is imported). A module not in the file, or any
change to a source, goes through Python's own import, and the file is
written anew at the end of that run. A file that does not read is ignored.
Like `layout.dcfast`, it depends on newspage's code only, never on the
content, so NEWSPAGE_MEMO=0 (the content memos) leaves it on.

What it trusts: a source edited to new bytes of the same size whose mtime
is then set back to the nanosecond (`touch -d`, `cp -p` of another version)
is not seen, and neither is it by `buildcache.code_hash`, which keys the page
cache by the same stats. This is accepted: CPython's own bytecode files
trust a weaker test (the mtime in whole seconds, and the size), so such an
edit runs the old code with or without this file; only removing the
`__pycache__` folders (and this file) makes it seen. Every ordinary edit,
`git checkout` or copy without kept times sets a new mtime.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import marshal
import os
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
_STATE: dict = {"stats": None, "codes": {}, "file": None, "finder": None}


def source_stats() -> tuple:
    """(relative path, size, mtime) of every source file of the package, sorted
    (as `install` found them, when it ran in this process)."""
    if _STATE["stats"] is not None:
        return _STATE["stats"]
    return _walk()


def _walk() -> tuple:
    out = []
    for folder, dirs, files in os.walk(PACKAGE):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = os.path.relpath(folder, PACKAGE)
        for name in files:
            if name.endswith((".py", ".yaml")):
                st = os.stat(os.path.join(folder, name))
                out.append((os.path.join(rel, name), st.st_size, st.st_mtime_ns))
    return tuple(sorted(out))


def _file() -> Path:
    import hashlib
    from importlib.util import MAGIC_NUMBER

    from .dcfast import _memo_path

    where = hashlib.sha256(str(PACKAGE).encode()).hexdigest()[:16]
    base = _memo_path("x").parent
    return base / f"modules-{where}-{sys.implementation.cache_tag}-{MAGIC_NUMBER.hex()}.marshal"


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self, codes: dict) -> None:
        self.codes = codes  # name → (is a package, file, marshalled code)

    def find_spec(self, name, path=None, target=None):
        hit = self.codes.get(name)
        if hit is None:
            return None
        is_pkg, filename = hit[0], hit[1]
        spec = importlib.machinery.ModuleSpec(name, self, origin=filename, is_package=is_pkg)
        spec.has_location = True
        if is_pkg:
            spec.submodule_search_locations = [os.path.dirname(filename)]
        return spec

    def create_module(self, spec):
        return None

    def exec_module(self, module) -> None:
        _, filename, data = self.codes[module.__name__]
        module.__file__ = filename
        exec(marshal.loads(data), module.__dict__)


def install() -> None:
    """The finder first in sys.meta_path, when the file matches the sources."""
    stats = _walk()
    _STATE["stats"] = stats
    try:
        _STATE["file"] = _file()
        stored = marshal.loads(_STATE["file"].read_bytes())
    except Exception:  # noqa: BLE001 - no file, or one that does not read
        return
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == stats):
        return
    codes = stored[1]
    if not isinstance(codes, dict):
        return
    _STATE["codes"] = codes
    finder = _Finder(codes)
    _STATE["finder"] = finder
    sys.meta_path.insert(0, finder)


def save() -> None:
    """Write the file anew when this run imported modules it lacks (and no
    source changed while it ran)."""
    stats, codes, target = _STATE["stats"], _STATE["codes"], _STATE["file"]
    if stats is None or target is None:
        return
    new = {}
    for name, module in list(sys.modules.items()):
        if not (name == "layout" or name.startswith("layout.")) or name in codes:
            continue
        spec = getattr(module, "__spec__", None)
        filename = getattr(module, "__file__", None)
        if spec is None or filename is None or not filename.endswith(".py"):
            continue
        if not Path(filename).resolve().is_relative_to(PACKAGE):
            continue
        try:
            code = spec.loader.get_code(name)  # the bytecode file Python just wrote
        except Exception:  # noqa: BLE001 - a module we cannot bundle is imported as usual
            continue
        if code is None:
            continue
        new[name] = (spec.submodule_search_locations is not None, filename, marshal.dumps(code))
    if not new or _walk() != stats:
        return
    from .outdir import write_bytes_atomic

    try:
        write_bytes_atomic(target, marshal.dumps((stats, {**codes, **new})), make_parent=True)
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs time
