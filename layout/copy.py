"""An article's copy set once: its title block variants and its body items.

Body text is set once per article at the column measure (columns are all the
same width), so make-up can try every span and depth on numbers alone. Title
blocks depend on the span and on the headline size, so they are set per
(span, size) and cached.

Vertical sizes are in grid lines: everything that is not a body line takes a
whole number of them, so body text below returns to the baseline grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from .fonts import FontSet
from .model import Article
from .style import SIZE_STEPS, FontRef, Style
from .typeset import Line, Paragraph, set_paragraph, set_title, split_name

BULLET = "■"


@dataclass(frozen=True)
class TitleLine:
    """One line of a title block; `y` is its baseline below the block's top, pt."""

    line: Line
    font: FontRef
    size: float
    y: float
    role: str  # kicker | headline | subtitle | byline | brief-title


@dataclass(frozen=True)
class TitleBlock:
    lines: tuple[TitleLine, ...]
    grid_lines: int  # whole grid lines the block takes (without padding)
    headline_size: float
    cost: float  # how far from the preferred size (copy-fitting)


@dataclass(frozen=True)
class BodyItem:
    """A unit of the body flow: a body line, or a subhead taking whole lines."""

    kind: str  # "line" | "subhead"
    lines: tuple[Line, ...]  # one body line, or the subhead's lines
    height: int  # grid lines
    para: int  # paragraph index in the article (for reports)
    alt_font: FontRef | None = None


@dataclass
class Copy:
    """Everything make-up needs to know about one article, set once."""

    article: Article
    rank: int  # 0 = lead
    body: list[BodyItem]
    body_font: FontRef
    measure: float  # body column measure in em
    missing: list[tuple[str, int]] = field(default_factory=list)  # (char, para)
    problems: list[str] = field(default_factory=list)
    briefs: tuple[Article, ...] = ()  # a brief block's briefs, in flow order
    # copy-fitting: the body with each subhead in only the lines its text
    # takes (None when that saves nothing)
    tight: list[BodyItem] | None = None

    def items(self, tight: bool) -> list[BodyItem]:
        return self.tight if tight and self.tight is not None else self.body

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def total_chars(self) -> int:
        return sum(len(ln.glyphs) for it in self.body if it.kind == "line" for ln in it.lines)


def _check_missing(copy: Copy, para: Paragraph, index: int) -> None:
    for ch in para.missing:
        copy.missing.append((ch, index))


def set_story_body(article: Article, rank: int, fonts: FontSet, style: Style) -> Copy:
    body_m = fonts.face(*style.body_font).metrics
    sub_m = fonts.face(*style.subhead_font).metrics
    measure = float(style.chars)
    copy = Copy(article, rank, [], style.body_font, measure)
    sub_scale = style.subhead_size / style.body_size
    for i, block in enumerate(article.blocks):
        if block.kind == "subhead":
            para = set_title(block.text, sub_m, measure / sub_scale, style=style.typeset)
            height = max(style.subhead_lines, len(para.lines))
            copy.body.append(BodyItem("subhead", para.lines, height, i))
        else:
            right = block.kind == "signoff"  # flush right, no indent
            para = set_paragraph(
                block.text,
                body_m,
                measure,
                indent=0.0 if right else style.indent,
                style=style.typeset,
                align="right" if right else "justify",
            )
            copy.problems.extend(f"paragraph {i + 1}: {p}" for p in para.problems)
            for ln in para.lines:
                copy.body.append(BodyItem("line", (ln,), 1, i))
        _check_missing(copy, para, i)
    if any(it.kind == "subhead" and it.height > len(it.lines) for it in copy.body):
        copy.tight = [
            BodyItem(it.kind, it.lines, len(it.lines), it.para, it.alt_font)
            if it.kind == "subhead"
            else it
            for it in copy.body
        ]
    return copy


def set_brief_block(briefs: tuple[Article, ...], fonts: FontSet, style: Style) -> Copy:
    """The page's briefs as one flow: a ■ run-in heading, then the text."""
    body_m = fonts.face(*style.body_font).metrics
    head_m = fonts.face(*style.brief_item_font).metrics
    measure = float(style.chars - 1)  # half an em of air inside the box rule each side
    lead = briefs[0]
    copy = Copy(lead, 99, [], style.body_font, measure, briefs=briefs)
    for n, brief in enumerate(briefs):
        heading = BULLET + (brief.place or "") + " " + brief.headline
        para = set_title(heading, head_m, measure, style=style.typeset, align="left")
        copy.body.append(BodyItem("subhead", para.lines, len(para.lines), n, style.brief_item_font))
        _check_missing(copy, para, n)
        for block in brief.blocks:
            para = set_paragraph(
                block.text, body_m, measure, indent=style.indent, style=style.typeset
            )
            copy.problems.extend(f"{brief.id}: {p}" for p in para.problems)
            for ln in para.lines:
                copy.body.append(BodyItem("line", (ln,), 1, n))
            _check_missing(copy, para, n)
    return copy


# ---------------------------------------------------------------------------
# title blocks
# ---------------------------------------------------------------------------

KICKER_MAX_TABLOID = 16.0  # pt: a kicker never larger on a tabloid page (scaled up with it)
CONTRAST = 1.5  # a headline at least this many times its kicker or subtitle


def kicker_size(headline: float, st: Style) -> float:
    """The kicker's size: its scale of the headline, at most half of it (so the
    headline is at least 2 × its kicker, above the 1.5 × asked) and never above
    16 pt on a tabloid page (proportionally more on a taller one)."""
    ceiling = KICKER_MAX_TABLOID * max(1.0, st.trim_h / (390 * 72 / 25.4))
    return min(max(headline * st.kicker_scale, st.kicker_min), headline / 2, ceiling)


def subtitle_size(headline: float, st: Style) -> float:
    """The subtitle's size: its scale of the headline, within the 1.5 × contrast."""
    size = max(headline * st.subtitle_scale, st.subtitle_min)
    return min(size, headline / CONTRAST)


class TitleSetter:
    """Sets title blocks for (article, span, size), cached."""

    def __init__(self, fonts: FontSet, style: Style):
        self.fonts = fonts
        self.style = style
        self._cache: dict[tuple, TitleBlock] = {}

    def variants(self, article: Article, rank: int, span: int, up: int = 0) -> list[TitleBlock]:
        """Title blocks from the rank's size down by copy-fitting steps (and, on a
        short page, up to `up` steps above it, within the lead's size)."""
        st = self.style
        nominal = st.headline_sizes[min(rank, len(st.headline_sizes) - 1)]
        sizes = [s for s in SIZE_STEPS if st.headline_min <= s <= nominal]
        out: dict[int, TitleBlock] = {}
        larger = [s for s in SIZE_STEPS if nominal < s <= st.headline_sizes[0]]
        for k, size in enumerate(reversed(larger[-up:] if up else []), 1):
            block = self.block(article, span, size, 0)
            if block is not None and block.grid_lines not in out:
                out[block.grid_lines] = replace(block, cost=0.5 * k)
        found = 0
        for step, size in enumerate(sizes):
            block = self.block(article, span, size, step)
            if block is None:
                continue  # too long for two lines at this size: a step down
            found += 1
            if block.grid_lines not in out:
                out[block.grid_lines] = block
            if found == 4:
                break
        return sorted(out.values(), key=lambda b: b.grid_lines)

    def block(self, article: Article, span: int, size: float, step: int) -> TitleBlock | None:
        key = (article.id, span, size)
        if key in self._cache:
            return self._cache[key]
        st = self.style
        width_pt = st.span_width(span) - st.body_size  # half an em of air each side
        parts: list[tuple[str, FontRef, float, str]] = []
        if article.kicker:
            parts.append(
                (
                    article.kicker,
                    st.kicker_font,
                    kicker_size(size, st),
                    "kicker",
                )
            )
        parts.append((article.headline, st.headline_font, size, "headline"))
        if article.subtitle:
            sub = article.subtitle
            parts.append((sub, st.subtitle_font, subtitle_size(size, st), "subtitle"))
        if article.byline:
            parts.append((article.byline, st.byline_font, st.byline_size, "byline"))
        lines: list[TitleLine] = []
        y = 0.0
        ok = True
        floor = {"kicker": st.kicker_min, "subtitle": st.subtitle_min}
        for text, font, fsize, role in parts:
            m = self.fonts.face(*font).metrics
            para = set_title(text, m, width_pt / fsize, style=st.typeset)
            # a quoted or bracketed name broken (“青少年 | 科普书单”): a kicker
            # or subtitle a size smaller, step by step to its kind's least,
            # before the name is broken; a headline, as for a word broken
            while role in floor and split_name(para):
                smaller = [s for s in SIZE_STEPS if floor[role] <= s < fsize - 1e-6]
                if not smaller:
                    break
                fsize = smaller[0]  # (SIZE_STEPS run largest first)
                para = set_title(text, m, width_pt / fsize, style=st.typeset)
            if role == "headline" and (len(para.lines) > 2 or para.problems or split_name(para)):
                ok = False  # (or a word or name broken: a step down, as for 3 lines)
            gap = st.headline_gap * fsize if role == "headline" else 0.2 * fsize
            if lines:
                y += 0.35 * st.body_size  # air between the parts of the block
            for ln in para.lines:
                top = y
                y += fsize + gap
                base = top + gap / 2 + 0.88 * fsize
                lines.append(TitleLine(ln, font, fsize, base, role))
        if not ok and size > st.headline_min:
            self._cache[key] = None  # type: ignore[assignment]
            return None
        y += 0.5 * st.body_size  # air above the text
        grid_lines = max(1, math.ceil(y / st.pitch - 1e-6))
        block = TitleBlock(tuple(lines), grid_lines, size, cost=float(step))
        self._cache[key] = block
        return block
