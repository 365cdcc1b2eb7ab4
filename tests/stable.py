"""What the tests keep between runs and share between xdist workers, named by content.

Most of a warm run's time went to work whose result depends only on bytes:

- `settle(root)`: a test edition made in `tmp_path` is copied to a folder
  named by the hash of its files, `$NEWSPAGE_TEST_CACHE/editions/<hash>/<name>`
  (default ~/.cache/newspage-tests). Its path is then the same in every run
  and in both workers, so the project's page cache (`layout.buildcache`,
  keyed by the articles and their paths, the style, the fonts and newspage's
  code) copies its pages when nothing changed and lays them out again when
  anything did. A settled edition is READ ONLY: a test that edits its
  edition after building keeps it in tmp_path.
- `memo(parts, fn)`: a value computed from files (pdfplumber's reading of a
  page in `pdfcheck.open_pdf`, the auditor's count over an edition) kept
  under the hash of `parts`: those files' bytes and the versions or code of
  what computes it, never paths or times.
- `lay_out(root)`, `made_up(root)` and `output(parts, make)`: a lay-out
  (the session's `sample_run`, `demo_run`; content/front, content/mixed),
  every page of an edition made up alone (`make_page`, the generated pages
  of test_makeup_rules) or a command's output folder (test_proof's proofs)
  kept for newspage's code, its fonts (`code_and_fonts`, the page cache's
  own key parts) and the input's files and path. A test of lay_out,
  make_page's determinism or a command's behaviour calls it itself.
- `own_cache(name)`: a NEWSPAGE_CACHE of one test's own that lasts between
  runs, locked while the test runs (a test that deletes from its cache).
- `own_copy(name, src)`: a fresh copy of an edition that a test edits, at a
  path of the test's own that lasts between runs (locked while the test
  runs), so that the preview's make-ups, kept by path and bytes, are found
  again.

Entries are written to a temporary name and renamed, so two workers may make
the same entry at once; nothing is evicted (delete the folder to reclaim the
space, as with ~/.cache/newspage/pages).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def _base() -> Path:
    env = os.environ.get("NEWSPAGE_TEST_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "newspage-tests"


BASE = _base()  # fixed at import: a test's private NEWSPAGE_CACHE does not move it


def tree_hash(root: Path) -> str:
    """SHA-256 of a folder: every file's relative path and bytes (symlinks as links)."""
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_symlink():
            h.update(f"L{rel}\0{os.readlink(p)}\0".encode())
        elif p.is_file():
            h.update(f"F{rel}\0".encode() + p.read_bytes() + b"\0")
        else:
            h.update(f"D{rel}\0".encode())
    return h.hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def settle(root: Path) -> Path:
    """`root` (an edition folder) at a path named by its content: see the module."""
    root = Path(root)
    digest = tree_hash(root)[:20]
    home = BASE / "editions" / digest
    dest = home / root.name
    if dest.is_dir():
        return dest
    tmp = BASE / "editions" / f".{digest}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(root, tmp / root.name, symlinks=True)
    try:
        os.rename(tmp, home)  # atomic; fails when another worker was first
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not dest.is_dir():
            raise
    return dest


_MISS = object()


def _entry(parts: Iterable[str]) -> Path:
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    return BASE / "memo" / key[:2] / f"{key}.pickle.z"


def load(parts: Iterable[str]) -> Any:
    """The value kept under `parts`, or `MISS`."""
    try:
        return pickle.loads(zlib.decompress(_entry(parts).read_bytes()))
    except (OSError, zlib.error, pickle.PickleError, EOFError, AttributeError, ImportError):
        return MISS


def store(parts: Iterable[str], value: Any) -> None:
    entry = _entry(parts)
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(zlib.compress(pickle.dumps(value, protocol=5), 1))
        os.replace(tmp, entry)
    except OSError:
        pass  # a full or read-only cache only costs time
    finally:
        if tmp.exists():
            tmp.unlink()


MISS = _MISS


def memo(parts: Iterable[str], fn: Callable[[], T]) -> T:
    """fn(), kept under the hash of `parts` (content hashes and versions, never
    paths or times): computed once for given inputs, by whichever worker asks first."""
    parts = list(parts)
    value = load(parts)
    if value is MISS:
        value = fn()
        store(parts, value)
    return value


def code_hash(*files: Path) -> str:
    """Hash of source files whose code computes a memo'd value."""
    return hashlib.sha256(b"".join(Path(f).read_bytes() for f in files)).hexdigest()


def versions(*modules: Any) -> str:
    """The installed versions of these modules' distributions."""
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for m in modules:
        try:
            out.append(f"{m.__name__}={version(m.__name__)}")
        except PackageNotFoundError:
            out.append(f"{m.__name__}={getattr(m, '__version__', '?')}")
    return " ".join(out)


# what a cache of a test's own shares with the real one: converted fonts and
# their metrics, reportlab's font pickles, heading cuts (all keyed by content)
SHARED = ("fonts", "faces", "reportlab", "words")


def link_shared(mine: Path) -> Path:
    """A NEWSPAGE_CACHE folder `mine` with the shared fonts linked in (converting
    them takes ~70 s), and no page or photo cache of its own yet."""
    from layout.fonts import cache_dir

    shared = cache_dir()
    mine.mkdir(parents=True, exist_ok=True)
    for name in SHARED:
        (shared / name).mkdir(parents=True, exist_ok=True)
        if not (mine / name).is_symlink():
            (mine / name).symlink_to(shared / name, target_is_directory=True)
    hashes = shared / "hashes.json"  # font file hashes (rewritten by rename: no harm)
    if hashes.is_file() and not (mine / "hashes.json").is_symlink():
        (mine / "hashes.json").symlink_to(hashes)
    return mine


@contextmanager
def own_cache(name: str) -> Iterator[Path]:
    """A NEWSPAGE_CACHE of one test's own that lasts between runs (its page cache
    hits when the code is unchanged), held under a lock while the test runs:
    for a test that deletes from its cache, which no other test may share."""
    import fcntl

    BASE.mkdir(parents=True, exist_ok=True)
    with open(BASE / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield link_shared(BASE / name)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def own_copy(name: str, src: Path) -> Iterator[Path]:
    """A fresh copy of the folder `src` that a test may edit, at a path of that
    test's own that is the same in every run
    (`$NEWSPAGE_TEST_CACHE/work/<name>/<src's name>`), held under a lock while
    the test runs: what newspage keys by the files' paths as well as their
    bytes (the preview's make-ups, `layout.serve.memo`) is then found again on
    the next run. Copied with new times (no stat of an older run matches)."""
    import fcntl

    work = BASE / "work"
    work.mkdir(parents=True, exist_ok=True)
    with open(work / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            dest = work / name / Path(src).name
            shutil.rmtree(work / name, ignore_errors=True)
            shutil.copytree(src, dest, symlinks=True, copy_function=shutil.copyfile)
            yield dest
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@functools.cache
def _code() -> str:
    from layout import buildcache

    return buildcache.code_hash()  # once a process: the code does not change during a run


def code_and_fonts() -> list[str]:
    """What newspage's output depends on besides its input: its own code and the
    font files (the page cache's own key parts, `layout.buildcache`), and the
    creation date when SOURCE_DATE_EPOCH sets it."""
    from layout import buildcache

    return [_code(), buildcache._fonts_identity(), os.environ.get("SOURCE_DATE_EPOCH", "")]


def output(parts: Iterable[str], make: Callable[[Path], Any]) -> tuple[Path, Any]:
    """A folder `make(folder)` fills (its return value kept beside it), made once
    for `parts` (code_and_fonts(), the input's tree_hash and path, the arguments):
    the folder and the value. READ ONLY, like a settled edition."""
    key = hashlib.sha256("\0".join(["output", *parts]).encode()).hexdigest()[:32]
    home = BASE / "out" / key
    if (home / "value.pickle").is_file():
        return home / "out", pickle.loads((home / "value.pickle").read_bytes())
    tmp = BASE / "out" / f".{key}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "out").mkdir(parents=True)
    value = make(tmp / "out")
    (tmp / "value.pickle").write_bytes(pickle.dumps(value))
    try:
        os.rename(tmp, home)
    except OSError:  # another worker was first: its folder is the same
        shutil.rmtree(tmp, ignore_errors=True)
    return home / "out", value


def lay_out(edition_dir: Path):
    """`layout.pipeline.lay_out(edition_dir)`, its pages kept for the code, fonts
    and input (`output`'s parts): a Run of the kept edition, style and pages,
    with the fonts loaded for it as `lay_out` loads them."""
    from layout.pipeline import Run
    from layout.pipeline import lay_out as fresh
    from layout.pipeline import load as load_edition

    root = Path(edition_dir).resolve()
    parts = ["lay_out", *code_and_fonts(), str(root), tree_hash(root)]
    kept = load(parts)
    if kept is MISS:
        run = fresh(root)
        store(parts, (run.edition, run.style, run.pages))
        return run
    edition, style, pages = kept
    _, _, fonts = load_edition(root)
    return Run(edition, style, fonts, pages)


def made_up(edition_dir: Path):
    """`make_page` of each page of an edition alone (not the edition pass), the
    pages kept like `lay_out`'s: (edition, style, fonts, [PageLayout a page])."""
    from layout.makeup import make_page
    from layout.pipeline import load as load_edition

    root = Path(edition_dir).resolve()
    edition, style, fonts = load_edition(root)
    parts = ["make_page", *code_and_fonts(), str(root), tree_hash(root)]
    pages = memo(parts, lambda: [make_page(edition, p, fonts, style) for p in edition.pages])
    return edition, style, fonts, pages
