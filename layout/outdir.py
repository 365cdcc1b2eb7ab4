"""The output folder of a build: checked before any work, swept of what killed
builds left behind, and of the pages a previous build wrote that this edition
no longer has.

Every file newspage writes goes through a temporary name `.NAME.PID.raw` or
`.NAME.PID.tmp` beside its target and is renamed into place, so a killed build
leaves the old file or the complete new one, plus such temporaries. Those of
processes that no longer run are removed by the next build; those of a build
still running (into the same folder) are left alone.

Which pages a build wrote is kept in `.newspage-files` (one name a line), so
that stale pages are removed whatever the file name pattern, and nothing the
user put in the folder is ever touched.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from .errors import NewspageError

MANIFEST = ".newspage-files"
_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.(?:raw|tmp)")


class OutputError(NewspageError):
    """The output cannot be written: a bad -o, a read-only or full file system."""


def describe(exc: OSError, fallback: Path) -> str:
    """One line for an OSError while writing output: the file and the reason."""
    where = exc.filename if exc.filename is not None else fallback
    reason = exc.strerror or type(exc).__name__
    return f"{where}: cannot write the output: {reason}"


def prepare(out: Path) -> None:
    """Creates `out` (a folder) or raises OutputError naming what is in the way."""
    for part in [out, *out.parents]:
        if part.exists() and not part.is_dir():
            what = "-o" if part == out else f"-o {out}: a part of the path,"
            raise OutputError(f"{what} {part} is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(describe(exc, out)) from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"{out}: cannot write the output: Permission denied")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process: not ours to judge
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed worker whose parent died stays a zombie until PID 1 reaps it, and
    a container's PID 1 may take its time: it still answers kill(pid, 0)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False  # no /proc (not Linux) or gone just now: kill() said alive
    return stat[stat.rfind(")") + 2 :].startswith(("Z", "X"))


def remove_leftovers(folder: Path) -> list[Path]:
    """Removes the temporaries of builds whose process is gone; returns them."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for path in entries:
        m = _TEMP.fullmatch(path.name)
        if m is None or _alive(int(m.group("pid"))):
            continue
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            pass  # another build got there first
        except OSError as exc:
            raise OutputError(describe(exc, path)) from None
    return removed


def remove_stale(folder: Path, written: Iterable[Path], edition: str = "") -> list[Path]:
    """Removes the files the last build of `edition` listed and this one did not
    write, then lists this build's files for the next.

    The manifest holds one `EDITION<TAB>NAME` a line, so that editions built into
    one folder (their file names carry paper and date) never remove each
    other's pages; a line without a tab (an older manifest) counts as `edition`'s.
    """
    names = [Path(p).name for p in written]
    manifest = folder / MANIFEST
    try:
        before = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        before = []
    others: list[str] = []
    removed: list[Path] = []
    for line in before:
        key, tab, name = line.rpartition("\t")
        if tab and key != edition:
            if name not in names:
                others.append(line)
            continue
        if not name or name in names or "/" in name or name.startswith("."):
            continue
        path = folder / name
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise OutputError(describe(exc, path)) from None
    lines = others + [f"{edition}\t{n}" for n in names]
    write_atomic(manifest, "".join(f"{ln}\n" for ln in lines))
    return removed


def write_atomic(path: Path, text: str) -> None:
    """`text` into `path` through a temporary name; OSError → OutputError."""
    try:
        write_bytes_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise OutputError(describe(exc, path)) from None


def write_bytes_atomic(path: Path, data: bytes, *, make_parent: bool = False) -> None:
    """`data` into `path` through `.NAME.PID.tmp` beside it, renamed into place:
    a reader sees the old file or the whole new one, and a failed write (a full
    disk) leaves no half file under the hidden name. OSError as it comes."""
    if make_parent:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
