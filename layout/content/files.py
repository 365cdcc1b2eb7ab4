"""The files of an edition folder: the folder itself, its article files, and
their text (UTF-8, no control characters), each problem a ContentError naming
the file and, where there is one, the line."""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

from ..errors import ContentError

EDITION_FILE = "edition.yaml"
ARTICLES_DIR = "articles"
ARTICLE_SUFFIXES = (".md", ".markdown")

# C0/C1 control characters (tab and newlines aside) are never text: a binary
# file that happens to decode as UTF-8 must not reach the typesetter.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def check_folder(root: Path) -> None:
    if not root.exists():
        raise ContentError(root, "the edition folder does not exist")
    if not root.is_dir():
        raise ContentError(root, "is not a folder; an edition is a folder with edition.yaml")
    if not (root / EDITION_FILE).is_file():
        raise ContentError(
            root / EDITION_FILE,
            f"the edition folder {root} has no {EDITION_FILE}",
            hint="an edition folder holds edition.yaml and an articles/ folder",
        )
    if not (root / ARTICLES_DIR).is_dir():
        raise ContentError(
            root / ARTICLES_DIR,
            f"the edition folder {root} has no {ARTICLES_DIR}/ folder",
            hint="put one Markdown file per article in articles/",
        )
    _inside(root, root / EDITION_FILE)
    _inside(root, root / ARTICLES_DIR)


def warn_on_stderr(message: str) -> None:
    print(f"newspage: warning: {message}", file=sys.stderr)


def _inside(root: Path, path: Path) -> Path:
    """`path` with symlinks resolved; anything that leads out of the edition is refused."""
    if path.is_symlink() and not path.exists():
        raise ContentError(path, "is a symbolic link to nothing (a dangling link)")
    try:
        real = path.resolve(strict=True)
        top = root.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python < 3.13)
        why = getattr(exc, "strerror", None) or "a symbolic link loop"
        raise ContentError(path, f"cannot be resolved: {why}") from None
    if real != top and top not in real.parents:
        raise ContentError(
            path,
            "is a symbolic link that leads outside the edition folder; refused",
            hint="copy the file into the edition",
        )
    return real


def article_paths(root: Path, warn: Callable[[str], None]) -> list[Path]:
    """The article files (*.md, *.markdown in any case), sorted by name.

    Hidden files (editor locks, macOS ._ files) are skipped silently; other
    files and subfolders are named through `warn`; links out of the edition
    and dangling links are errors.
    """
    folder = root / ARTICLES_DIR
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        raise ContentError(folder, f"cannot list the articles: {exc.strerror or exc}") from None
    found: list[Path] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        # articles/ itself was checked (check_folder): only a link can lead out
        if entry.is_symlink():
            _inside(root, path)
        if entry.is_dir():
            for name in _files_below(path):
                warn(
                    f"{name}: skipped: articles are read from {ARTICLES_DIR}/ only, not subfolders"
                )
        elif path.suffix.lower() in ARTICLE_SUFFIXES and entry.is_file():
            found.append(path)
        else:
            warn(f"{path}: skipped: not an article (articles are *.md or *.markdown files)")
    if not found:
        raise ContentError(folder, "has no articles (*.md files)")
    _check_unique_ids(found)
    return found


def _files_below(folder: Path) -> list[Path]:
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out += [Path(dirpath) / f for f in sorted(filenames) if not f.startswith(".")]
    return out or [folder]


def _check_unique_ids(paths: list[Path]) -> None:
    """Ids are file names without suffix; two that are, or look, the same are an error."""
    seen: dict[str, Path] = {}
    for path in paths:
        key = unicodedata.normalize("NFC", path.stem)
        first = seen.get(key)
        if first is not None:
            same = "the same" if first.stem == path.stem else "a look-alike (NFC/NFD)"
            raise ContentError(
                path,
                f"has {same} article id as {first.name} ('{path.stem}')",
                hint="rename one of the two files",
            )
        seen[key] = path


def read_text(path: Path) -> str:
    """The file as text with '\\n' line ends; not UTF-8 or unreadable → ContentError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError(path, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ContentError(
            path,
            f"is not UTF-8 text: byte 0x{data[exc.start]:02X} at byte offset {exc.start} "
            f"(line {line}) cannot be decoded",
            line=line,
            hint="save the file as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff")  # a BOM some Windows editors write
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_controls(path, text)
    return text


def _check_controls(path: Path, text: str) -> None:
    m = _CONTROL.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise ContentError(
            path,
            f"contains the control character U+{ord(m.group()):04X}; is this a text file?",
            line=line,
        )
