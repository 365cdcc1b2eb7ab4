"""Building the display list: font references resolved, runs split into segments.

The only place make-up turns the style's font roles into faces; what it
hands on names each face by a `FaceRef`.
"""

from __future__ import annotations

from ..fonts import Face, FontSet
from ..style import FontRef, Style
from ..typeset import Glyph
from .display import Box, DisplayList, FaceRef, GlyphRun, Image, Rule, Segment, Sheet


def face_ref(face: Face) -> FaceRef:
    return FaceRef(face.key, face.pdf_file, face.pdf_index, face.source, face.family)


class Painter:
    """Appends to one page's display list."""

    def __init__(self, fonts: FontSet, style: Style):
        self.fonts = fonts
        self.style = style
        self._refs: dict[FontRef, FaceRef] = {}
        st = style
        sheet = Sheet(st.trim_w, st.trim_h, st.bleed, st.slug, st.crop_marks)
        self.display = DisplayList(sheet, self.ref(st.body_font), self.ref(st.header_info_font))

    def ref(self, font: FontRef) -> FaceRef:
        if font not in self._refs:
            self._refs[font] = face_ref(self.fonts.face(*font))
        return self._refs[font]

    def text(
        self,
        font: FontRef,
        size: float,
        x: float,
        baseline: float,
        glyphs: tuple[Glyph, ...],
        role: str,
        article: str = "",
        alt_font: FontRef | None = None,
        condense: float = 1.0,
    ) -> None:
        """A line of glyphs; consecutive glyphs set solid share one segment."""
        main = self.fonts.face(*font).metrics
        alt_ref = alt_font or font
        alt = self.fonts.face(*alt_ref).metrics
        segs: list[Segment] = []
        i, n = 0, len(glyphs)
        while i < n:
            g = glyphs[i]
            m = alt if g.alt else main
            j = i + 1
            while j < n and glyphs[j].alt == g.alt:
                prev = glyphs[j - 1]
                if abs(glyphs[j].x - prev.x - m.advance(prev.ch)) > 1e-4:
                    break
                j += 1
            segs.append(Segment(i, j, g.alt))
            i = j
        self.display.runs.append(
            GlyphRun(
                self.ref(font),
                size,
                x,
                baseline,
                glyphs,
                tuple(segs),
                role,
                article,
                self.ref(alt_ref) if alt_font else None,
                condense,
            )
        )

    def centred(
        self, font: FontRef, size: float, cx: float, baseline: float, text: str, role: str
    ) -> None:
        """A short text centred on `cx`, set solid."""
        from ..typeset import set_title

        metrics = self.fonts.face(*font).metrics
        para = set_title(text, metrics, 200, style=self.style.typeset, align="left")
        if not para.lines:
            return
        ln = para.lines[0]
        self.text(font, size, cx - ln.natural * size / 2, baseline, ln.glyphs, role)

    def rule(self, x0: float, y0: float, x1: float, y1: float, width: float) -> None:
        self.display.rules.append(Rule(x0, y0, x1, y1, width))

    def box(self, x: float, y: float, w: float, h: float, stroke: float, tint: float = 0.0) -> None:
        self.display.boxes.append(Box(x, y, w, h, stroke, tint))

    def image(self, image: Image) -> None:
        self.display.images.append(image)
