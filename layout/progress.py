"""Progress of a multi-page run on a terminal: `page N of M · stage`.

Shown on stderr only when it is a terminal and not under CI (`CI` set), and
only for runs of more than one page; piped or in CI it prints nothing.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


class Progress:
    """Callable as progress(stage, done, total); a context manager that clears its line."""

    def __init__(self, stream: TextIO | None):
        self.stream = stream
        self._shown = False
        self._last = 0.0

    @classmethod
    def for_terminal(cls, stream: TextIO | None = None) -> Progress:
        stream = stream or sys.stderr
        ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
        tty = hasattr(stream, "isatty") and stream.isatty()
        return cls(stream if tty and not ci and os.environ.get("TERM") != "dumb" else None)

    @property
    def active(self) -> bool:
        return self.stream is not None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.stream is None or total <= 1:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.05:  # no more than 20 redraws a second
            return
        self._last = now
        self.stream.write(f"\r\x1b[2Kpage {done} of {total} · {stage}")
        self.stream.flush()
        self._shown = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        if self._shown and self.stream is not None:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False
