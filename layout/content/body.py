"""An article's body: paragraphs, `## ` subheads and sign-off lines, with the
line each starts on; the lines of a paragraph joined as Chinese and English
each want."""

from __future__ import annotations

import re
from pathlib import Path

from ..cjk import is_western
from ..errors import ContentError
from ..model import Block
from .fields import clean

_HEADING = re.compile(r"(#+)(?:[ \t]+(.*))?$")
# ASCII marks that may end or start an English word across a wrapped line.
_WORD_TRAIL = ",.;:!?)]}'\"%"
_WORD_LEAD = "([{'\""


def parse_body(path: Path, lines: list[str], start: int) -> tuple[Block, ...]:
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
            blocks.append(Block("signoff", clean(text[1:].strip()), i + 1))
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
    return Block("subhead", clean(text), line)


def _join(parts: list[str]) -> str:
    """The lines of one paragraph as one: no space between CJK, a word space in Latin."""
    out = parts[0]
    for part in parts[1:]:
        out += (" " if _word_gap(out, part) else "") + part
    return clean(out)


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


def check_body(path: Path, kind: str, blocks: tuple[Block, ...], fence_line: int) -> None:
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
