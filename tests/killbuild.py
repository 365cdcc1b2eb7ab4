"""`python tests/killbuild.py EVENT PATTERN DELAY ARGS...`: runs `newspage ARGS`
and SIGKILLs its whole process group at a chosen moment of the build.

The moment is the first audit event (PEP 578) named EVENT whose path matches
the regular expression PATTERN, in any process of the build (the page workers
are forked and keep the hook), plus DELAY seconds. Events: `open` (path, mode:
a pattern may end in `|w` to match writes only), `os.rename` (the target),
`os.remove`, `os.fork` (no path: PATTERN is ignored). Nothing of the build is
replaced: it runs as `python -m layout` does, and is killed for real, workers
included; the group is its own (start it with start_new_session=True).
"""

from __future__ import annotations

import os
import re
import runpy
import signal
import sys
import threading


def _kill() -> None:
    os.killpg(os.getpgrp(), signal.SIGKILL)


def _hook(event: str, pattern: str, delay: float):
    want_write = pattern.endswith("|w")
    regex = re.compile(pattern[:-2] if want_write else pattern)
    fired = False

    def hook(name: str, args: tuple) -> None:
        nonlocal fired
        if fired or name != event:
            return
        if name == "open":
            path, mode = args[0], args[1]
            if want_write and not (isinstance(mode, str) and ("w" in mode or "x" in mode)):
                return
        elif name == "os.rename":
            path = args[1]
        elif name == "os.fork":
            path = ""
        else:
            path = args[0] if args else ""
        if not isinstance(path, (str, bytes, os.PathLike)):
            return
        if name != "os.fork" and not regex.search(os.fsdecode(path)):
            return
        fired = True
        if delay <= 0:
            _kill()
        else:
            threading.Timer(delay, _kill).start()

    return hook


if __name__ == "__main__":
    event, pattern, delay = sys.argv[1], sys.argv[2], float(sys.argv[3])
    sys.path.insert(0, os.getcwd())  # the checkout's package (cwd), as `python -m layout`
    sys.addaudithook(_hook(event, pattern, delay))
    sys.argv = ["newspage", *sys.argv[4:]]
    runpy.run_module("layout", run_name="__main__", alter_sys=True)
