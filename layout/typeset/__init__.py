"""Paragraph + measure → justified lines of positioned glyphs (CJK rules).

A pure function of (text, metrics, style, width): no page, no PDF. Units are em
of the text's size, so make-up can measure an article at several widths and
the renderer multiplies by the size.

Steps (after Typst's inline layout): `prepare` turns the text into atoms with
their advance, compressible blanks, glue and stretch; `_breaks` marks where a
line may end (禁则, unbreakable Latin words, numbers, URLs, ——/……); `_fit`
chooses the lines (push-in before push-out, clreq 3.1.7); `_fix_runt` keeps a
single character off a paragraph's last line (clreq 3.4.3 孤字); `_justify`
places the glyphs (clreq 3.8 line adjustment: a short line first gives
back its punctuation's compression, the half-width mark at its end or start
whole, then grows word spaces, CJK–Latin gaps and last the character gaps,
`_Measure.edges`). When a line still cannot be
justified within the style's limits, is letter-spaced (characters more than
0.10 em apart, what ../shared/audit/spacing.py counts) or a 孤字 is left,
`_refit` resets the lines from a few above it together (a Knuth–Plass search
over the same legal breaks and a few soft ones inside tokens, costed by
`_line_cost`), as a composer goes back to earlier lines; so it does above
a line the greedy fit had to break inside a word (a long address on a
narrow measure). If a letter-spaced
line is left, `_refit_total` breaks the whole paragraph again, never in more
lines, where a line may also be set slightly closer than solid (挤排,
`TypesetStyle.max_char_shrink`: a 10-em first line whose tenth character
brings its comma is squeezed by 0.05 em a gap rather than spread by 0.125).
Headlines (`set_title`) are broken by `_balanced`, the same kind of search
for even lines.

Rules and their sources are in shared/reference/cjk-typesetting.md; section
numbers there are quoted as "ref §n".
"""

from __future__ import annotations

from ..lazy import lazy_exports
from .prepare import prepare  # eager: a lazy name equal to its module's is shadowed by it
from .types import Glyph, Line, Paragraph, TypesetStyle

# The setters load on first use: the style (which holds a TypesetStyle) and a
# cached build read types only.
__getattr__ = lazy_exports(
    __name__,
    {
        "natural_width": "paragraph",
        "set_paragraph": "paragraph",
        "set_title": "title",
        "split_name": "title",
    },
)

__all__ = [
    "Glyph",
    "Line",
    "Paragraph",
    "TypesetStyle",
    "natural_width",
    "prepare",
    "set_paragraph",
    "set_title",
    "split_name",
]
