"""edition.yaml: the paper, the date, the pages and their sections, the style,
and the furniture (masthead, ads) read by `layout.furniture`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import Node, ScalarNode, SequenceNode

from ..errors import ContentError, StyleError
from ..model import Ad, Masthead, PageSpec
from .fields import (
    Map,
    as_map,
    compose,
    date_field,
    flag_field,
    int_field,
    line_of,
    node_kind,
    text_field,
)
from .files import EDITION_FILE, read_text

DEFAULT_STYLE = "tabloid"
DEFAULT_BRIEFS_TITLE = "新闻集束"
MAX_PAGE_NUMBER = 999
MAX_ISSUE = 999_999
EDITION_KEYS = ("paper", "date", "issue", "style", "pages", "normalize_punctuation")
PAGE_KEYS = ("number", "section", "name", "editor", "briefs_title")
EDITION_KEYS += ("masthead", "ads")  # page furniture, read by layout.furniture
PAGE_KEYS += ("index",)  # 导读 box on the page (layout.makeup.index)
PAGE_KEYS += ("accepts_jumps",)  # accepts_jumps: false: no continuation (转版) on this page


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


def read_edition_file(path: Path) -> _Head:
    text = read_text(path)
    node = compose(path, text, 1)
    m = as_map(path, node, 1, EDITION_KEYS, EDITION_FILE)
    paper = text_field(m, "paper", required=True, hint="the masthead name, e.g. paper: 富阳日报")
    from ..furniture import read_ads, read_masthead

    pages = _pages(m)
    return _Head(
        paper=paper or "",
        date=date_field(m, "date"),
        issue=int_field(m, "issue", most=MAX_ISSUE),
        style=text_field(m, "style") or DEFAULT_STYLE,
        pages=pages,
        normalize_punctuation=flag_field(m, "normalize_punctuation"),
        masthead=read_masthead(m, paper or ""),
        ads=read_ads(m, path.parent, pages),
    )


def _pages(m: Map) -> tuple[PageSpec, ...]:
    node = m.values.get("pages")
    hint = "pages: a list of '- number: 3' / 'section: 街镇' entries"
    if node is None or (isinstance(node, ScalarNode) and m.value("pages") is None):
        raise m.error(
            "pages", "missing 'pages'" if not m.has("pages") else "'pages' is empty", hint
        )
    if not isinstance(node, SequenceNode):
        raise m.error("pages", f"must be a list of pages, not {node_kind(node)}", hint)
    if not node.value:
        raise m.error("pages", "the edition has no pages", hint)
    pages = [_page(m.path, item, i) for i, item in enumerate(node.value, 1)]
    _check_unique_pages(m.path, node, pages)
    return tuple(pages)


def _page(path: Path, node: Node, index: int) -> PageSpec:
    p = as_map(path, node, 1, PAGE_KEYS, f"page {index}", prefix=f"pages[{index}].")
    number = int_field(p, "number", required=True, most=MAX_PAGE_NUMBER)
    section = text_field(p, "section", required=True, hint="the section whose articles go here")
    return PageSpec(
        number=number or 0,
        section=section or "",
        name=text_field(p, "name") or section or "",
        editor=text_field(p, "editor"),
        briefs_title=text_field(p, "briefs_title") or DEFAULT_BRIEFS_TITLE,
        index=flag_field(p, "index", default=False),
        accepts_jumps=flag_field(p, "accepts_jumps"),
    )


def _check_unique_pages(path: Path, seq: SequenceNode, pages: list[PageSpec]) -> None:
    seen_numbers: dict[int, int] = {}
    for i, (page, node) in enumerate(zip(pages, seq.value, strict=True), 1):
        line = line_of(node, 1)
        if page.number in seen_numbers:
            raise ContentError(
                path,
                f"page number {page.number} is used twice (first on line "
                f"{seen_numbers[page.number]})",
                field=f"pages[{i}].number",
                line=line,
            )
        seen_numbers[page.number] = line


def check_style_name(root: Path, name: str) -> None:
    """`style:` is a built-in name or a file inside the edition (symlinks resolved)."""
    from ..style import resolve_style

    try:
        resolve_style(name, root, exists=False)  # a missing file is load_style's error
    except StyleError as exc:
        path = root / EDITION_FILE
        m = as_map(path, compose(path, read_text(path), 1), 1, EDITION_KEYS, EDITION_FILE)
        raise m.error("style", str(exc)) from None
