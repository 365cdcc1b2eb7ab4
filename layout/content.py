"""Reads an edition folder into `layout.model.Edition`.

An edition is `edition.yaml` plus `articles/*.md` (Markdown with a YAML front
matter), as described in the content format spec. The newsroom writes these
files by hand, so every mistake must come back as one `ContentError` that
names the file, the field and the line: an editor fixes it without reading a
traceback. Nothing else may escape `load_edition` for bad input.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .cjk import is_western
from .errors import ContentError, StyleError
from .model import Ad, Article, Block, Edition, Masthead, PageSpec, Pin
from .punctuation import normalize_article

EDITION_FILE = "edition.yaml"
ARTICLES_DIR = "articles"
DEFAULT_STYLE = "tabloid"
DEFAULT_BRIEFS_TITLE = "新闻集束"
# An article without `priority` goes after every ranked one (ties keep file order).
DEFAULT_PRIORITY = 1000
KINDS = ("story", "brief", "photo")  # photo: 图片新闻 (layout.photo)
# Article files: Markdown under any case of these suffixes; anything else is named in a warning.
ARTICLE_SUFFIXES = (".md", ".markdown")
# A newspaper page number, an issue number and a date a PDF can carry.
MAX_PAGE_NUMBER = 999
MAX_ISSUE = 999_999
YEARS = (1900, 9999)

EDITION_KEYS = ("paper", "date", "issue", "style", "pages", "normalize_punctuation")
PAGE_KEYS = ("number", "section", "name", "editor", "briefs_title")
EDITION_KEYS += ("masthead", "ads")  # page furniture, read by layout.furniture
PAGE_KEYS += ("index",)  # 导读 box on the page (layout.makeup.index)
ARTICLE_KEYS = ("section", "priority", "kind", "kicker", "headline", "subtitle", "byline", "place")
ARTICLE_KEYS += ("images",)  # photos, read by layout.photo.content
ARTICLE_KEYS += ("jump",)  # jump: false: the story is cut, never continued on a later page
PAGE_KEYS += ("accepts_jumps",)  # accepts_jumps: false: no continuation (转版) on this page
PIN_KEYS = ("column", "span", "top")
# Briefs print only ■ place + headline and the text; anything else would be lost silently.
STORY_ONLY_KEYS = ("kicker", "subtitle", "byline", "images", "jump")

FRONT_MATTER_FENCE = "---"
# Front matter YAML starts on line 2 of an article (line 1 is the fence).
FRONT_MATTER_FIRST_LINE = 2

# C0/C1 control characters (tab and newlines aside) are never text: a binary
# file that happens to decode as UTF-8 must not reach the typesetter.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HEADING = re.compile(r"(#+)(?:[ \t]+(.*))?$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Whitespace runs and lone tabs/NBSPs become one space; a single space or a
# single ideographic space (U+3000) is the author's and is kept as written.
_WHITESPACE = re.compile(r"\s{2,}|[^\S \u3000]")
# ASCII marks that may end or start an English word across a wrapped line.
_WORD_TRAIL = ",.;:!?)]}'\"%"
_WORD_LEAD = "([{'\""


# ---------------------------------------------------------------------------
# public entry point
# ---------------------------------------------------------------------------


def load_edition(root: Path | str, warn: Callable[[str], None] | None = None) -> Edition:
    """The edition in folder `root`; raises ContentError for any bad input.

    Files in articles/ that are not read (other types, subfolders) are named
    through `warn` (default: one line each on stderr).
    """
    root = Path(root)
    _check_folder(root)
    head = _read_edition_file(root / EDITION_FILE)
    _check_style_name(root, head.style)
    paths = _article_paths(root, warn or _warn)
    articles = tuple(_read_article(p, i, head.pages, root) for i, p in enumerate(paths))
    if head.normalize_punctuation:  # GB/T 15834: full-width marks in Chinese copy
        articles = tuple(normalize_article(a) for a in articles)
    return Edition(
        root=root,
        paper=head.paper,
        date=head.date,
        pages=head.pages,
        articles=articles,
        style=head.style,
        issue=head.issue,
        style_base=root,
        masthead=head.masthead,
        ads=head.ads,
    )


# ---------------------------------------------------------------------------
# files and folders
# ---------------------------------------------------------------------------


def _check_folder(root: Path) -> None:
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


def _warn(message: str) -> None:
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


def _article_paths(root: Path, warn: Callable[[str], None]) -> list[Path]:
    """The article files (*.md, *.markdown in any case), sorted by name.

    Hidden files (editor locks, macOS ._ files) are skipped silently; other
    files and subfolders are named through `warn`; links out of the edition
    and dangling links are errors.
    """
    folder = root / ARTICLES_DIR
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise ContentError(folder, f"cannot list the articles: {exc.strerror or exc}") from None
    found: list[Path] = []
    for path in entries:
        if path.name.startswith("."):
            continue
        _inside(root, path)
        if path.is_dir():
            for name in _files_below(path):
                warn(
                    f"{name}: skipped: articles are read from {ARTICLES_DIR}/ only, not subfolders"
                )
        elif path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
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


def _read_text(path: Path) -> str:
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


# ---------------------------------------------------------------------------
# YAML with line numbers
# ---------------------------------------------------------------------------


# libyaml's composer when PyYAML has it: ten times faster on a many-page
# edition's front matters, with the same nodes and marks. On an error the
# pure-Python composer runs again for its message, which names the character
# ("found character '@' that cannot start any token").
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose_yaml(text: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        if _FAST_LOADER is yaml.SafeLoader:
            raise
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _compose(path: Path, text: str, first_line: int) -> Node | None:
    """The YAML node tree of `text`, whose first line is line `first_line` of `path`."""
    try:
        return _compose_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = _error_mark(exc, text)
        line = first_line + mark.line if mark else None
        # "while scanning a quoted scalar: found unexpected end of stream"
        what = ": ".join(t for t in (exc.context, exc.problem) if t) or "cannot be read"
        where = f" (column {mark.column + 1})" if mark else ""
        raise ContentError(path, f"YAML syntax error: {what}{where}", line=line) from None
    except yaml.YAMLError as exc:
        raise ContentError(path, f"YAML error: {exc}") from None
    except RecursionError:
        raise ContentError(path, "YAML nested too deeply") from None


def _error_mark(exc: yaml.MarkedYAMLError, text: str) -> Any:
    """Where a syntax error is: the problem, unless the parser only noticed it at
    the end of the text or inside an unclosed quote or bracket: then where that opened."""
    problem, context = exc.problem_mark, exc.context_mark
    if problem is None:
        return context
    at_end = problem.index >= len(text.rstrip())
    opened = any(w in (exc.context or "") for w in ("flow", "quoted"))
    if context is not None and (opened or at_end or "end of stream" in (exc.problem or "")):
        return context
    if context is not None and "could not find expected ':'" in (exc.problem or ""):
        return context  # a key line without its ':' (or a broken indentation)
    return problem


def _line(node: Node, first_line: int) -> int:
    return first_line + node.start_mark.line


def _construct(node: Node) -> Any:
    """The Python value of one node, as yaml.safe_load would build it."""
    return yaml.SafeLoader("").construct_document(node)


@dataclass
class _Map:
    """One YAML mapping of a file, with the line of every key."""

    path: Path
    first_line: int
    keys: dict[str, Node]  # key → key node (for its line)
    values: dict[str, Node]
    line: int | None = None  # where the mapping starts (for "missing key" errors)
    prefix: str = ""  # field name prefix: "pages[2]." or "place."

    def has(self, key: str) -> bool:
        return key in self.values

    def key_line(self, key: str) -> int | None:
        node = self.keys.get(key)
        return _line(node, self.first_line) if node is not None else self.line

    def error(self, key: str, message: str, hint: str | None = None) -> ContentError:
        return ContentError(
            self.path, message, field=self.prefix + key, line=self.key_line(key), hint=hint
        )

    def value(self, key: str) -> Any:
        node = self.values.get(key)
        if node is None:
            return None
        try:
            return _construct(node)
        except yaml.MarkedYAMLError as exc:
            raise self.error(key, f"cannot be read: {exc.problem or exc}") from None
        # The safe constructor raises plain ValueError for e.g. a date 2025-02-30.
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
            raise self.error(key, f"cannot be read: {exc}") from None


def _as_map(
    path: Path,
    node: Node | None,
    first_line: int,
    allowed: tuple[str, ...],
    what: str,
    prefix: str = "",
) -> _Map:
    """Checks `node` is a mapping with only `allowed` keys, each once."""
    if node is None:
        return _Map(path, first_line, {}, {}, line=first_line, prefix=prefix)
    if not isinstance(node, MappingNode):
        raise ContentError(
            path,
            f"{what} must be a mapping of keys ({', '.join(allowed)}), not {_node_kind(node)}",
            field=prefix.rstrip(".") or None,
            line=_line(node, first_line),
        )
    out = _Map(path, first_line, {}, {}, line=_line(node, first_line), prefix=prefix)
    for knode, vnode in node.value:
        key = _key_name(knode)
        line = _line(knode, first_line)
        if key not in allowed:
            raise _unknown_key(path, key, line, allowed, what, prefix)
        if key in out.keys:
            first = _line(out.keys[key], first_line)
            raise ContentError(
                path,
                f"'{key}' is given twice (first on line {first})",
                field=prefix + key,
                line=line,
            )
        out.keys[key] = knode
        out.values[key] = vnode
    return out


def _key_name(node: Node) -> str:
    if isinstance(node, ScalarNode):
        return str(node.value)
    return f"<{_node_kind(node)}>"


def _node_kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    return f"the value {node.value!r}"


def _unknown_key(
    path: Path, key: str, line: int, allowed: tuple[str, ...], what: str, prefix: str
) -> ContentError:
    close = difflib.get_close_matches(key, allowed, n=1)
    return ContentError(
        path,
        f"unknown key '{key}' in {what}; allowed keys: {', '.join(allowed)}",
        field=prefix + key,
        line=line,
        hint=f"did you mean '{close[0]}'?" if close else None,
    )


# ---------------------------------------------------------------------------
# typed field readers
# ---------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _WHITESPACE.sub(" ", text.strip())


def _text(m: _Map, key: str, *, required: bool = False, hint: str | None = None) -> str | None:
    """A text field, stripped; empty → None (or an error when required)."""
    value = m.value(key)
    if value is None:
        if required:
            message = f"'{key}' is empty" if m.has(key) else f"missing '{key}'"
            raise m.error(key, message, hint)
        return None
    if not isinstance(value, str):
        raise m.error(
            key,
            f"must be text, not {_describe(value)}",
            hint=f'put it in quotes: {key}: "{value}"' if _is_scalar(value) else None,
        )
    text = _clean(value)
    if not text and required:
        raise m.error(key, f"'{key}' is empty", hint)
    return text or None


def _positive_int(
    m: _Map, key: str, *, required: bool = False, most: int | None = None
) -> int | None:
    """A whole number >= 1 (and <= `most`); bools and quoted numbers are refused (typos)."""
    value = m.value(key)
    if value is None:
        if required:
            raise m.error(key, f"missing '{key}'" if not m.has(key) else f"'{key}' is empty")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        hint = f"write {key}: {value.strip()} without quotes" if _is_digits(value) else None
        raise m.error(key, f"must be a whole number of 1 or more, not {_describe(value)}", hint)
    if value < 1:
        raise m.error(key, f"must be 1 or more, not {value}")
    if most is not None and value > most:
        shown = str(value) if len(str(value)) <= 12 else f"a number of {len(str(value))} digits"
        raise m.error(key, f"must be at most {most}, not {shown}")
    return value


def _is_digits(value: Any) -> bool:
    return isinstance(value, str) and value.strip().isdigit()


def _is_scalar(value: Any) -> bool:
    return isinstance(value, int | float | bool | dt.date)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{value!r}" if not isinstance(value, dt.date) else f"the date {value}"


# ---------------------------------------------------------------------------
# edition.yaml
# ---------------------------------------------------------------------------


@dataclass
class _Head:
    paper: str
    date: dt.date
    issue: int | None
    style: str
    pages: tuple[PageSpec, ...]
    normalize_punctuation: bool = True
    masthead: Masthead | None = None
    ads: tuple[Ad, ...] = ()


def _read_edition_file(path: Path) -> _Head:
    text = _read_text(path)
    node = _compose(path, text, 1)
    m = _as_map(path, node, 1, EDITION_KEYS, EDITION_FILE)
    paper = _text(m, "paper", required=True, hint="the masthead name, e.g. paper: 富阳日报")
    from .furniture import read_ads, read_masthead

    pages = _pages(m)
    return _Head(
        paper=paper or "",
        date=_date(m, "date"),
        issue=_positive_int(m, "issue", most=MAX_ISSUE),
        style=_text(m, "style") or DEFAULT_STYLE,
        pages=pages,
        normalize_punctuation=_flag(m, "normalize_punctuation"),
        masthead=read_masthead(m, paper or ""),
        ads=read_ads(m, path.parent, pages),
    )


def _flag(m: _Map, key: str, default: bool = True) -> bool:
    if not m.has(key):
        return default
    value = m.value(key)
    if not isinstance(value, bool):
        raise m.error(key, f"must be true or false, not {_describe(value)}")
    return value


def _date(m: _Map, key: str) -> dt.date:
    value = m.value(key)
    hint = "an ISO date: date: 2025-06-12"
    if value is None:
        raise m.error(key, f"missing '{key}'" if not m.has(key) else f"'{key}' is empty", hint)
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise m.error(key, f"is not a valid date: {exc}", hint) from None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise m.error(key, f"must be an ISO date (YYYY-MM-DD), not {_describe(value)}", hint)
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise m.error(key, f"the year {value.year} is outside {YEARS[0]}–{YEARS[1]}", hint)
    return value


def _pages(m: _Map) -> tuple[PageSpec, ...]:
    node = m.values.get("pages")
    hint = "pages: a list of '- number: 3' / 'section: 街镇' entries"
    if node is None or (isinstance(node, ScalarNode) and m.value("pages") is None):
        raise m.error(
            "pages", "missing 'pages'" if not m.has("pages") else "'pages' is empty", hint
        )
    if not isinstance(node, SequenceNode):
        raise m.error("pages", f"must be a list of pages, not {_node_kind(node)}", hint)
    if not node.value:
        raise m.error("pages", "the edition has no pages", hint)
    pages = [_page(m.path, item, i) for i, item in enumerate(node.value, 1)]
    _check_unique_pages(m.path, node, pages)
    return tuple(pages)


def _page(path: Path, node: Node, index: int) -> PageSpec:
    p = _as_map(path, node, 1, PAGE_KEYS, f"page {index}", prefix=f"pages[{index}].")
    number = _positive_int(p, "number", required=True, most=MAX_PAGE_NUMBER)
    section = _text(p, "section", required=True, hint="the section whose articles go here")
    return PageSpec(
        number=number or 0,
        section=section or "",
        name=_text(p, "name") or section or "",
        editor=_text(p, "editor"),
        briefs_title=_text(p, "briefs_title") or DEFAULT_BRIEFS_TITLE,
        index=_flag(p, "index", default=False),
        accepts_jumps=_flag(p, "accepts_jumps"),
    )


def _check_unique_pages(path: Path, seq: SequenceNode, pages: list[PageSpec]) -> None:
    seen_numbers: dict[int, int] = {}
    for i, (page, node) in enumerate(zip(pages, seq.value, strict=True), 1):
        line = _line(node, 1)
        if page.number in seen_numbers:
            raise ContentError(
                path,
                f"page number {page.number} is used twice (first on line "
                f"{seen_numbers[page.number]})",
                field=f"pages[{i}].number",
                line=line,
            )
        seen_numbers[page.number] = line


def _check_style_name(root: Path, name: str) -> None:
    """`style:` is a built-in name or a file inside the edition (symlinks resolved)."""
    from .style import resolve_style

    try:
        resolve_style(name, root, exists=False)  # a missing file is load_style's error
    except StyleError as exc:
        path = root / EDITION_FILE
        m = _as_map(path, _compose(path, _read_text(path), 1), 1, EDITION_KEYS, EDITION_FILE)
        raise m.error("style", str(exc)) from None


# ---------------------------------------------------------------------------
# articles
# ---------------------------------------------------------------------------


def _read_article(path: Path, order: int, pages: tuple[PageSpec, ...], root: Path) -> Article:
    from .photo.content import read_images

    lines = _read_text(path).split("\n")
    end = _front_matter_end(path, lines)
    yaml_text = "\n".join(lines[1:end])
    node = _compose(path, yaml_text, FRONT_MATTER_FIRST_LINE)
    m = _as_map(path, node, FRONT_MATTER_FIRST_LINE, ARTICLE_KEYS, "the front matter")
    if node is None:
        m.line = 1
    kind = _kind(m)
    headline = _text(m, "headline", required=True, hint="every story and brief needs a headline")
    blocks = _parse_body(path, lines, end + 1)
    _check_body(path, kind, blocks, fence_line=end + 1)
    if kind == "brief":
        _check_brief_keys(m)
    images = read_images(m, root, picture_story=kind == "photo")
    return Article(
        id=path.stem,
        path=path,
        section=_section(m, pages),
        priority=_positive_int(m, "priority") or DEFAULT_PRIORITY,
        kind=kind,
        headline=headline or "",
        blocks=blocks,
        kicker=_text(m, "kicker"),
        subtitle=_text(m, "subtitle"),
        byline=_text(m, "byline"),
        place=_text(m, "place") if kind == "brief" else None,
        pin=_pin(m) if kind != "brief" else None,
        order=order,
        images=images,
        jump=_flag(m, "jump") if kind != "brief" else True,
    )


def _front_matter_end(path: Path, lines: list[str]) -> int:
    """Index of the closing '---' line of the front matter."""
    hint = "an article starts with a front matter: a line ---, the YAML keys, a line ---"
    if lines[0].rstrip() != FRONT_MATTER_FENCE:
        raise ContentError(
            path, "the file does not start with a front matter (---)", line=1, hint=hint
        )
    for i in range(1, len(lines)):
        if lines[i].rstrip() == FRONT_MATTER_FENCE:
            return i
    raise ContentError(
        path, "the front matter opened on line 1 is never closed with a line ---", line=1, hint=hint
    )


def _kind(m: _Map) -> str:
    value = m.value("kind")
    if value is None:
        return "story"
    if not isinstance(value, str) or value.strip() not in KINDS:
        raise m.error(
            "kind", f"must be story or brief, or photo for a picture story, not {_describe(value)}"
        )
    return value.strip()


def _section(m: _Map, pages: tuple[PageSpec, ...]) -> str:
    sections = [p.section for p in pages]
    listed = ", ".join(sections)
    if not m.has("section") and len(pages) == 1:
        return sections[0]  # one page: nothing to choose
    section = _text(m, "section", required=True, hint=f"the edition's sections: {listed}")
    if section not in sections:
        raise m.error(
            "section",
            f"no page of {EDITION_FILE} has the section '{section}'; the pages' sections: {listed}",
        )
    return section or ""


def _check_brief_keys(m: _Map) -> None:
    for key in STORY_ONLY_KEYS:
        if m.has(key) and m.value(key) is not None:
            raise m.error(
                key,
                f"a brief has no {key}: it prints only ■ place, headline and text",
                hint="drop the key, or make the article a story",
            )
    value = m.value("place")
    if value is not None and not isinstance(value, str):
        raise m.error("place", f"a brief's place is text (printed bold), not {_describe(value)}")


def _pin(m: _Map) -> Pin | None:
    """A story's `place:` mapping {column, span, top}; absent → None."""
    node = m.values.get("place")
    if node is None or (isinstance(node, ScalarNode) and m.value("place") is None):
        return None
    if not isinstance(node, MappingNode):
        raise m.error(
            "place",
            f"a story's place is a mapping of {', '.join(PIN_KEYS)}, not {_node_kind(node)}",
            hint="place: {column: 1, span: 4, top: true}; a place name is for briefs",
        )
    p = _as_map(m.path, node, m.first_line, PIN_KEYS, "place", prefix="place.")
    top = p.value("top")
    if top is not None and not isinstance(top, bool):
        raise p.error("top", f"must be true or false, not {_describe(top)}")
    return Pin(
        column=_positive_int(p, "column"),
        span=_positive_int(p, "span"),
        top=bool(top),
    )


# ---------------------------------------------------------------------------
# the body
# ---------------------------------------------------------------------------


def _parse_body(path: Path, lines: list[str], start: int) -> tuple[Block, ...]:
    """Paragraphs and `## ` subheads of lines[start:]; Block.line is 1-based."""
    blocks: list[Block] = []
    para: list[str] = []
    para_line = 0

    def flush() -> None:
        if para:
            blocks.append(Block("para", _join(para), para_line))
            para.clear()

    for i in range(start, len(lines)):
        text = lines[i].strip()
        if not text:
            flush()
            continue
        if text.startswith(">"):  # a sign-off line (date, signer): flush right
            flush()
            blocks.append(Block("signoff", _clean(text[1:].strip()), i + 1))
            continue
        heading = _HEADING.match(text)
        if heading:
            flush()
            blocks.append(_subhead(path, heading, i + 1))
            continue
        if not para:
            para_line = i + 1
        para.append(text)
    flush()
    return tuple(blocks)


def _subhead(path: Path, heading: re.Match[str], line: int) -> Block:
    level = len(heading.group(1))
    # "## 标题 ##" is Markdown too: the closing hashes are not text.
    text = re.sub(r"[ \t]+#+$", "", heading.group(2) or "").strip()
    if level != 2:
        raise ContentError(
            path,
            f"a level-{level} heading; only '## ' subheads are used in an article body",
            field="body",
            line=line,
            hint="write subheads as '## text'",
        )
    if not text or set(text) == {"#"}:
        raise ContentError(path, "empty subhead", field="body", line=line)
    return Block("subhead", _clean(text), line)


def _join(parts: list[str]) -> str:
    """The lines of one paragraph as one: no space between CJK, a word space in Latin."""
    out = parts[0]
    for part in parts[1:]:
        out += (" " if _word_gap(out, part) else "") + part
    return _clean(out)


def _word_gap(left: str, right: str) -> bool:
    """True when a wrapped line split two Latin words (English keeps its space)."""
    if is_western(left[-1]) and is_western(right[0]):
        return True
    # "Hello," + "world": the mark ends a Latin word and a Latin word follows.
    word_end = left.rstrip(_WORD_TRAIL)
    word_start = right.lstrip(_WORD_LEAD)
    return (
        word_end != left
        and bool(word_end)
        and bool(word_start)
        and is_western(word_end[-1])
        and word_start[0].isalpha()
        and is_western(word_start[0])
    )


def _check_body(path: Path, kind: str, blocks: tuple[Block, ...], fence_line: int) -> None:
    if kind != "photo" and not any(b.kind == "para" for b in blocks):  # a picture story needs none
        raise ContentError(
            path,
            "the article has no body text after the front matter",
            field="body",
            line=fence_line,
            hint="write the text below the closing ---",
        )
    if kind == "brief":
        sub = next((b for b in blocks if b.kind == "subhead"), None)
        if sub is not None:
            raise ContentError(
                path, "a brief has no subheads", field="body", line=sub.line, hint="use a story"
            )
