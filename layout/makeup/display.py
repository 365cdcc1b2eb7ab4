"""The display list: what a page looks like, and nothing else.

Make-up produces it; render reads it alone (no Style, no font look-ups).
Geometry is in points from the trim's top-left corner, y downwards. A glyph
run names its face by a small frozen value that carries what a renderer
needs to load the face; its glyphs are already split into segments set
solid, each drawn from its own origin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..typeset import Glyph


@dataclass(frozen=True)
class FaceRef:
    """A font face as render loads it: cache key, the TrueType file, its index.

    `source` and `family` name the face the user configured (the outline
    cache of the slug line is keyed by them).
    """

    key: str
    pdf_file: Path
    pdf_index: int
    source: Path
    family: str | None = None

    @property
    def metrics(self) -> _NoMetrics:
        """For fonts.outlines: a character the face lacks advances one em."""
        return _NO_METRICS


class _NoMetrics:
    @staticmethod
    def advance(ch: str) -> float:
        return 1.0


_NO_METRICS = _NoMetrics()


@dataclass(frozen=True)
class Segment:
    """Glyphs [start, end) of a run set solid in one face from glyph start's x."""

    start: int
    end: int
    alt: bool  # in the run's alternate face
    # a fallback face for glyphs the run's face lacks (layout/fallback.py); it
    # wins over `alt`
    face: FaceRef | None = None


@dataclass(frozen=True)
class GlyphRun:
    """One line of text. `x`, `baseline` in pt; glyph x in em of `size`."""

    face: FaceRef
    size: float
    x: float
    baseline: float
    glyphs: tuple[Glyph, ...]
    segments: tuple[Segment, ...]
    role: str  # body | subhead | headline | kicker | subtitle | byline | brief-title | header
    article: str = ""
    alt_face: FaceRef | None = None
    condense: float = 1.0  # 扁体: drawn at size × condense tall, full width

    def text(self) -> str:
        return "".join(g.ch for g in self.glyphs)


@dataclass(frozen=True)
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    bleed: bool = False  # touches the trim: extend into the bleed


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    stroke: float  # 0: none
    tint: float = 0.0  # K fill, 0..1


@dataclass(frozen=True)
class Image:
    """A picture placed in a frame (whole columns × whole grid lines on the page).

    `crop` is the part of the source shown, as fractions (x0, y0, x1, y1)
    of its width and height; the frame is filled, the aspect kept by the crop.
    """

    x: float
    y: float
    w: float
    h: float
    path: Path
    crop: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)


@dataclass(frozen=True)
class Form:
    """A page of a PDF (an ad) placed as a form XObject, scaled to fit the frame
    (aspect kept, centred); `sha256` of the file keeps the page's digest honest."""

    x: float
    y: float
    w: float
    h: float
    path: Path
    sha256: str


@dataclass(frozen=True)
class Sheet:
    """The sheet around the page: trim, bleed, slug (pt), and whether marks print."""

    trim_w: float
    trim_h: float
    bleed: float
    slug: float
    crop_marks: bool


@dataclass
class DisplayList:
    """Everything render draws, in paint order: boxes, images, rules, text."""

    sheet: Sheet
    default_face: FaceRef  # the PDF's initial font
    slug_face: FaceRef  # the slug line is drawn as outlines of this face
    boxes: list[Box] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    runs: list[GlyphRun] = field(default_factory=list)
    # placed PDF pages (ads), drawn last; out of the repr so that a page without
    # one hashes as before (render adds them to the page's digest)
    forms: list[Form] = field(default_factory=list, repr=False)

    def faces(self) -> list[FaceRef]:
        """Every face the page's text uses, the default first, once each."""
        out = [self.default_face]
        for r in self.runs:
            out.append(r.face)
            if r.alt_face is not None and any(s.alt for s in r.segments):
                out.append(r.alt_face)
            out.extend(s.face for s in r.segments if s.face is not None)
        return list(dict.fromkeys(out))
