"""An article file: its front matter (kind, section, priority, title block,
a story's pin or a brief's place, photos, jump) and its body."""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode

from ..errors import ContentError
from ..model import Article, PageSpec, Pin
from .body import check_body, parse_body
from .fields import Map, as_map, compose, describe, flag_field, int_field, node_kind, text_field
from .files import EDITION_FILE, read_text

DEFAULT_PRIORITY = 1000
KINDS = ("story", "brief", "photo")  # photo: 图片新闻 (layout.photo)
ARTICLE_KEYS = ("section", "priority", "kind", "kicker", "headline", "subtitle", "byline", "place")
ARTICLE_KEYS += ("images",)  # photos, read by layout.photo.content
ARTICLE_KEYS += ("jump",)  # jump: false: the story is cut, never continued on a later page
PIN_KEYS = ("column", "span", "top")
# Briefs print only ■ place + headline and the text; anything else would be lost silently.
STORY_ONLY_KEYS = ("kicker", "subtitle", "byline", "images", "jump")

FRONT_MATTER_FENCE = "---"
# Front matter YAML starts on line 2 of an article (line 1 is the fence).
FRONT_MATTER_FIRST_LINE = 2


def read_article(path: Path, order: int, pages: tuple[PageSpec, ...], root: Path) -> Article:
    from ..photo.content import read_images

    lines = read_text(path).split("\n")
    end = front_matter_end(path, lines)
    yaml_text = "\n".join(lines[1:end])
    node = compose(path, yaml_text, FRONT_MATTER_FIRST_LINE)
    m = as_map(path, node, FRONT_MATTER_FIRST_LINE, ARTICLE_KEYS, "the front matter")
    if node is None:
        m.line = 1
    kind = _kind(m)
    headline = text_field(
        m, "headline", required=True, hint="every story and brief needs a headline"
    )
    blocks = parse_body(path, lines, end + 1)
    check_body(path, kind, blocks, fence_line=end + 1)
    if kind == "brief":
        _check_brief_keys(m)
    images = read_images(m, root, picture_story=kind == "photo")
    return Article(
        id=path.stem,
        path=path,
        section=_section(m, pages),
        priority=int_field(m, "priority") or DEFAULT_PRIORITY,
        kind=kind,
        headline=headline or "",
        blocks=blocks,
        kicker=text_field(m, "kicker"),
        subtitle=text_field(m, "subtitle"),
        byline=text_field(m, "byline"),
        place=text_field(m, "place") if kind == "brief" else None,
        pin=_pin(m) if kind != "brief" else None,
        order=order,
        images=images,
        jump=flag_field(m, "jump") if kind != "brief" else True,
    )


def front_matter_end(path: Path, lines: list[str]) -> int:
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


def _kind(m: Map) -> str:
    value = m.value("kind")
    if value is None:
        return "story"
    if not isinstance(value, str) or value.strip() not in KINDS:
        raise m.error(
            "kind", f"must be story or brief, or photo for a picture story, not {describe(value)}"
        )
    return value.strip()


def _section(m: Map, pages: tuple[PageSpec, ...]) -> str:
    sections = [p.section for p in pages]
    listed = ", ".join(sections)
    if not m.has("section") and len(pages) == 1:
        return sections[0]  # one page: nothing to choose
    section = text_field(m, "section", required=True, hint=f"the edition's sections: {listed}")
    if section not in sections:
        raise m.error(
            "section",
            f"no page of {EDITION_FILE} has the section '{section}'; the pages' sections: {listed}",
        )
    return section or ""


def _check_brief_keys(m: Map) -> None:
    for key in STORY_ONLY_KEYS:
        if m.has(key) and m.value(key) is not None:
            raise m.error(
                key,
                f"a brief has no {key}: it prints only ■ place, headline and text",
                hint="drop the key, or make the article a story",
            )
    value = m.value("place")
    if value is not None and not isinstance(value, str):
        raise m.error("place", f"a brief's place is text (printed bold), not {describe(value)}")


def _pin(m: Map) -> Pin | None:
    """A story's `place:` mapping {column, span, top}; absent → None."""
    node = m.values.get("place")
    if node is None or (isinstance(node, ScalarNode) and m.value("place") is None):
        return None
    if not isinstance(node, MappingNode):
        raise m.error(
            "place",
            f"a story's place is a mapping of {', '.join(PIN_KEYS)}, not {node_kind(node)}",
            hint="place: {column: 1, span: 4, top: true}; a place name is for briefs",
        )
    p = as_map(m.path, node, m.first_line, PIN_KEYS, "place", prefix="place.")
    top = p.value("top")
    if top is not None and not isinstance(top, bool):
        raise p.error("top", f"must be true or false, not {describe(top)}")
    return Pin(
        column=int_field(p, "column"),
        span=int_field(p, "span"),
        top=bool(top),
    )
