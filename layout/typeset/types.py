"""Values of the typesetter: composition settings, glyphs, lines, paragraphs,
and the atom classes shared by its steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

EPS = 1e-6

# Atom classes (per character, cached per font and style).
CLS_OTHER, CLS_HAN, CLS_WEST, CLS_WSYM, CLS_PUNCT = 0, 1, 2, 3, 4
LETTER = (CLS_HAN, CLS_WEST)  # what counts as a character for 孤字
SPACED = (CLS_WEST, CLS_WSYM)  # takes the CJK–Western gap next to Han

GLUE_NONE, GLUE_CJK_LATIN, GLUE_SPACE = 0, 1, 2
# A word space of the copy between two Han characters (本报讯 记者…, 通讯员 龚静):
# a separator, not a Western word space; it may shrink to nothing.
GLUE_HAN_SPACE = 3


@dataclass(frozen=True)
class TypesetStyle:
    """Composition settings (from the style file)."""

    punct_style: str = "quanjiao"  # 全角式; or kaiming 开明式, banjiao 半角式
    hanging: bool = False  # 行末悬挂: a pause/stop mark may hang past the measure
    cjk_latin_gap: float = 0.25  # em between Han and Latin/digits
    cjk_latin_gap_min: float = 0.125
    cjk_latin_gap_max: float = 0.5
    max_char_stretch: float = 0.25  # em added between two characters, at most
    # em added between two letters of a URL, e-mail address or word that is
    # broken across lines (the last resort of justification), at most
    max_letter_stretch: float = 0.1
    # em taken from between two characters of a line that cannot be set
    # otherwise without letter-spacing (挤排, the last push-in step, chosen by
    # the total fit only: up to 0.05 em where that saves a letter-spaced line,
    # up to 1/16 em where it saves one beyond the limits; 0: Han characters
    # are always set solid or wider, clreq's own rule)
    max_char_shrink: float = 0.0625
    trim_line_start_open: bool = True  # opening bracket at line start loses its blank half
    fix_runts: bool = True  # no single character on a paragraph's last line


DEFAULT_STYLE = TypesetStyle()


class Glyph(NamedTuple):
    """One set character (a named tuple: a page has tens of thousands, and a
    frozen dataclass takes twice as long to make)."""

    ch: str
    x: float  # origin of the glyph, em from the line's left edge
    alt: bool = False  # set in the block's alternate face (a run-in heading)


@dataclass(frozen=True)
class Line:
    glyphs: tuple[Glyph, ...]
    width: float  # the measure this line was set to, em
    natural: float  # width of the run as set, line-edge blanks excluded, em
    first: bool  # first line of its paragraph
    last: bool  # last line of its paragraph
    loose: bool = False  # spacing outside the style's limits
    left: float = 0.0  # x where the run begins (the indent, or a centred line's offset)

    @property
    def text(self) -> str:
        return "".join(g.ch for g in self.glyphs)


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[Line, ...]
    missing: tuple[str, ...] = ()  # characters the font lacks
    problems: tuple[str, ...] = field(default=())  # rule that could not be kept

    @property
    def chars(self) -> int:
        return sum(len(ln.glyphs) for ln in self.lines)

    def rewidth(self, width: float, align: str) -> Paragraph:
        """The same lines placed on a measure of `width` em (left or centred)."""
        lines = []
        for ln in self.lines:
            left = {"center": (width - ln.natural) / 2, "right": width - ln.natural}.get(align, 0.0)
            shift = left - ln.left
            glyphs = tuple(Glyph(g.ch, g.x + shift, g.alt) for g in ln.glyphs)
            lines.append(Line(glyphs, width, ln.natural, ln.first, ln.last, ln.loose, left))
        return Paragraph(tuple(lines), self.missing, self.problems)
