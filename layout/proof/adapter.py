"""The one place that reads make-up's result for proofs and the preview.

A laid-out page (`PageLayout`: placements, per-article report, diagnostics,
text lines) becomes a `ProofPage` (module outlines, problem marks, grid) and
a `Drawing` (glyph runs, rules, boxes with faces resolved to font files).
Everything below this module (the proof overlay, the diff, the preview's
SVG) reads only these plain values, so a change in make-up's structure is
adapted here and nowhere else.

Geometry is in points from the trim's top-left corner, y downwards (the
make-up convention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Edition


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    def union(self, other: Rect) -> Rect:
        x0, y0 = min(self.x, other.x), min(self.y, other.y)
        x1 = max(self.x + self.w, other.x + other.w)
        y1 = max(self.y + self.h, other.y + other.h)
        return Rect(x0, y0, x1 - x0, y1 - y0)


@dataclass(frozen=True)
class Module:
    """A module's outline: which article, its priority, where on the grid."""

    article: str
    kind: str  # story | briefs
    priority: int
    label: str  # "01-hengshan · P1"
    rect: Rect
    col: int  # 0-based
    span: int
    top: int  # 0-based grid line
    depth: int


@dataclass(frozen=True)
class Problem:
    """One thing an editor must look at, with the place it is drawn."""

    id: str  # stable anchor: "p3-overset-01-hengshan"
    kind: str  # overset | short | hole | loose | error | warning
    article: str
    label: str  # the mark's text: 超 N 字 / 缺 N 字 / 松
    message: str  # the report's sentence
    rect: Rect  # where it is on the page (the area to highlight)
    areas: tuple[Rect, ...] = ()  # the whole area of a short module or hole


@dataclass
class ProofPage:
    number: int
    name: str
    trim_w: float
    trim_h: float
    bleed: float
    slug: float
    area: Rect  # the type area
    columns: list[Rect]
    pitch: float
    lines: int
    chars: int  # characters per column line
    modules: list[Module] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # report lines with no place


@dataclass(frozen=True)
class Run:
    """One line of text: glyphs at explicit x (pt from the line's origin)."""

    face: str  # key of the face (font file) it is set in
    size: float
    x: float
    baseline: float
    condense: float
    chars: str
    xs: tuple[float, ...]  # each glyph's x in pt from `x`
    alt: tuple[bool, ...]  # glyph in the alternate face
    alt_face: str | None
    role: str
    article: str


@dataclass
class Drawing:
    """What the page looks like, with every face named by a key → file."""

    trim_w: float
    trim_h: float
    runs: list[Run] = field(default_factory=list)
    rules: list[tuple[float, float, float, float, float]] = field(default_factory=list)
    boxes: list[tuple[float, float, float, float, float, float]] = field(default_factory=list)
    faces: dict[str, Path] = field(default_factory=dict)  # key → TrueType file


# ---------------------------------------------------------------------------
# make-up result → proof data
# ---------------------------------------------------------------------------

# the typesetter's words for a loose line (story: "paragraph N: line …",
# brief block: "<brief id>: line …")
_LOOSE = re.compile(
    r"^(?:(?P<brief>[\w.-]+): )?(?:paragraph \d+: )?"
    r"line \d+ could not be justified[^']*'(?P<text>.*)'$"
)


def proof_page(layout, edition: Edition) -> ProofPage:
    """The proof layer's data for one laid-out page."""
    st = layout.style
    priority = {a.id: a.priority for a in edition.articles}
    area = Rect(st.area_left, st.area_top, st.area_w, st.area_h)
    columns = [
        Rect(st.column_x(c), st.area_top, st.column_width, st.area_h) for c in range(st.columns)
    ]
    page = ProofPage(
        layout.page.number,
        layout.page.name,
        st.trim_w,
        st.trim_h,
        st.bleed,
        st.slug,
        area,
        columns,
        st.pitch,
        st.lines,
        st.chars,
    )
    pn = layout.page.number
    texts = _text_lines(layout)
    placements = list(layout.placements)
    declared = list(getattr(getattr(layout, "report", None), "holes", None) or [])
    # what stands under a module: other modules and the make-up's declared holes
    obstacles = placements + [_Cell(h.col, h.span, h.top, h.depth) for h in declared]
    reports = {a.id: a for a in layout.articles}
    for p in placements:
        rect = _grid_rect(st, p.col, p.span, p.top, p.depth)
        members = _members(p, layout)
        prio = min((priority.get(a, 99) for a in members), default=99)
        name = p.article if p.kind != "briefs" else f"briefs ({len(members)})"
        page.modules.append(
            Module(
                p.article, p.kind, prio, f"{name} · P{prio}", rect, p.col, p.span, p.top, p.depth
            )
        )
        if p.overset_chars:
            page.problems.append(_overset(pn, p, rect, st, texts, members))
        elif p.short_lines:
            short = _short(pn, p, st, texts, members, obstacles)
            if short is not None:
                page.problems.append(short)
    shorts = [a for p in page.problems if p.kind == "short" for a in p.areas]
    page.problems.extend(
        h for h in _holes(pn, declared, placements, st) if not _covered(h.rect, shorts)
    )
    for a in layout.articles:  # not placed at all: the whole text is overset
        if not a.span and a.overset_chars:
            page.problems.append(
                Problem(
                    f"p{pn}-overset-{a.id}",
                    "overset",
                    a.id,
                    f"超 {a.overset_chars} 字",
                    f"{a.id}: no room on the page, 超 {a.overset_chars} 字 (not placed)",
                    Rect(area.x, area.y + area.h - st.pitch, area.w, st.pitch),
                )
            )
    page.problems.extend(_loose(pn, layout, texts, st))
    for d in layout.diagnostics:
        if d.severity == "error" and declared and _HOLE.search(d.message):
            continue  # the make-up's declared hole: marked as a hole above
        if d.severity == "error":
            page.problems.append(
                Problem(
                    f"p{pn}-error-{len(page.problems)}",
                    "error",
                    d.article,
                    "错",
                    f"{d.article}: {d.message}",
                    _article_rect(page, d.article, reports) or area,
                )
            )
        elif d.severity == "warning" and not _LOOSE.search(d.message):
            page.notes.append(f"{d.article}: {d.message}")
    return page


def _grid_rect(st, col: int, span: int, top: int, depth: int) -> Rect:
    return Rect(
        st.column_x(col), st.area_top + top * st.pitch, st.span_width(span), depth * st.pitch
    )


def _members(p, layout) -> list[str]:
    """Article ids in a module: the story, or every brief of the brief block."""
    if p.kind != "briefs":
        return [p.article]
    return [a.id for a in layout.articles if a.kind == "brief" and a.col == p.col + 1 and a.span]


@dataclass(frozen=True)
class _Text:
    article: str
    role: str
    x: float
    baseline: float
    size: float
    width: float
    text: str


def _text_lines(layout) -> list[_Text]:
    out = []
    for t in layout.texts:
        glyphs = t.glyphs
        if not glyphs:
            continue
        width = (glyphs[-1].x + 1.0) * t.size
        text = "".join(g.ch for g in glyphs)
        out.append(_Text(t.article, t.role, t.x, t.baseline, t.size, width, text))
    return out


def _column_of(st, x: float) -> int:
    step = st.column_width + st.gutter
    return max(0, min(st.columns - 1, int((x - st.area_left + st.gutter / 2) // step)))


def _overset(pn: int, p, rect: Rect, st, texts: list[_Text], members: list[str]) -> Problem:
    """Red at the cut: the foot of the module's last column, where the text stops."""
    last_col = p.col + p.span - 1
    body = [t for t in texts if t.article in members and t.role in ("body", "subhead")]
    in_last = [t for t in body if _column_of(st, t.x) == last_col]
    foot = rect.y + rect.h
    if in_last:
        foot = max(t.baseline for t in in_last) + 0.25 * st.body_size
    x = st.column_x(last_col)
    cut = Rect(x, foot - 1.0, st.column_width, 2.0)
    name = p.article if p.kind != "briefs" else "the brief block"
    return Problem(
        f"p{pn}-overset-{p.article}",
        "overset",
        p.article,
        f"超 {p.overset_chars} 字",
        f"{name}: 超 {p.overset_chars} 字 (cut at the foot of column {last_col + 1})",
        cut,
    )


def _free_below(p, placements, st) -> int:
    bottom = p.top + p.depth
    below = [
        q.top - st.gap_lines
        for q in placements
        if q.top >= bottom and q.col < p.col + p.span and p.col < q.col + q.span
    ]
    return max(0, min(below, default=st.lines) - bottom)


def _short(pn: int, p, st, texts: list[_Text], members: list[str], placements) -> Problem | None:
    """The blank lines of a short module: under its text, to its foot and below it."""
    free = _free_below(p, placements, st)
    bottom = st.area_top + (p.top + p.depth + free) * st.pitch
    body = [t for t in texts if t.article in members and t.role in ("body", "subhead")]
    areas: list[Rect] = []
    for c in range(p.col, p.col + p.span):
        in_col = [t for t in body if _column_of(st, t.x) == c]
        if in_col:
            last = max(t.baseline for t in in_col)
            line = int((last - st.area_top) // st.pitch) + 1
            y = st.area_top + line * st.pitch
        else:
            y = st.area_top + p.top * st.pitch
        if bottom - y >= st.pitch - 1e-6:
            areas.append(Rect(st.column_x(c), y, st.column_width, bottom - y))
    if not areas:
        return None
    n = p.short_lines * st.chars
    box = areas[0]
    for a in areas[1:]:
        box = box.union(a)
    name = p.article if p.kind != "briefs" else "the brief block"
    return Problem(
        f"p{pn}-short-{p.article}",
        "short",
        p.article,
        f"缺 {n} 字",
        f"{name}: 缺 {p.short_lines} 行 ≈ {n} 字",
        box,
        tuple(areas),
    )


@dataclass(frozen=True)
class _Cell:
    """A rectangle of the grid (what a declared hole occupies), shaped like a placement."""

    col: int
    span: int
    top: int
    depth: int


_HOLE = re.compile(r"^hole of \d+ columns")


def _holes(pn: int, declared, placements, st) -> list[Problem]:
    """The make-up's declared holes; without any, grid space no module covers and
    no module's short count includes."""
    if declared:
        cells = [(h.col, h.span, h.top, h.depth, h.chars) for h in declared]
    else:
        cells = [(*c, c[1] * c[3] * st.chars) for c in _free_cells(placements, st)]
    out = []
    for i, (col, span, top, depth, n) in enumerate(cells):
        rect = _grid_rect(st, col, span, top, depth)
        out.append(
            Problem(
                f"p{pn}-hole-{i + 1}",
                "hole",
                "",
                f"缺 {n} 字",
                f"hole: columns {col + 1}–{col + span}, lines {top + 1}–{top + depth}, 缺 {n} 字",
                rect,
                (rect,),
            )
        )
    return out


def _covered(r: Rect, areas: list[Rect]) -> bool:
    """Half or more of r lies in the areas (a hole already counted as a module's 缺)."""
    inside = 0.0
    for a in areas:
        w = min(r.x + r.w, a.x + a.w) - max(r.x, a.x)
        h = min(r.y + r.h, a.y + a.h) - max(r.y, a.y)
        if w > 0 and h > 0:
            inside += w * h
    return inside >= 0.5 * r.w * r.h


def _free_cells(placements, st) -> list[tuple[int, int, int, int]]:
    """Runs of uncovered grid lines per column that no module stands over, merged
    across neighbouring columns with the same run (col, span, top, depth)."""
    runs: list[tuple[int, int, int]] = []  # (col, top, depth)
    for c in range(st.columns):
        covered = [False] * st.lines
        ends = set()
        for p in placements:
            if p.col <= c < p.col + p.span:
                for ln in range(p.top, min(st.lines, p.top + p.depth)):
                    covered[ln] = True
                ends.add(p.top + p.depth)
        ln = 0
        while ln < st.lines:
            if covered[ln]:
                ln += 1
                continue
            start = ln
            while ln < st.lines and not covered[ln]:
                ln += 1
            under_module = any(start - g in ends for g in range(0, st.gap_lines + 1))
            gap_only = ln - start <= st.gap_lines and start > 0 and ln < st.lines
            if not under_module and not gap_only:
                runs.append((c, start, ln - start))
    merged: list[tuple[int, int, int, int]] = []
    for c, top, depth in runs:
        for k, (mc, ms, mt, md) in enumerate(merged):
            if mt == top and md == depth and mc + ms == c:
                merged[k] = (mc, ms + 1, mt, md)
                break
        else:
            merged.append((c, 1, top, depth))
    return merged


def _loose(pn: int, layout, texts: list[_Text], st) -> list[Problem]:
    """Lines the typesetter could not justify within limits, found by their text."""
    out = []
    for d in layout.diagnostics:
        m = _LOOSE.search(d.message)
        if not m:
            continue
        article = m.group("brief") or d.article
        want = "".join(m.group("text").split())
        hit = next(
            (
                t
                for t in texts
                if t.article == article and t.role == "body" and "".join(t.text.split()) == want
            ),
            None,
        )
        if hit is None:
            continue
        y = hit.baseline - 0.9 * hit.size
        rect = Rect(hit.x, y, st.column_width, hit.size * 1.1)
        out.append(
            Problem(
                f"p{pn}-loose-{len(out) + 1}",
                "loose",
                article,
                "松",
                f"{article}: loose line (spacing beyond the limit): '{m.group('text')}'",
                rect,
            )
        )
    return out


def _article_rect(page: ProofPage, article: str, reports) -> Rect | None:
    for m in page.modules:
        if m.article == article:
            return m.rect
    a = reports.get(article)
    if a is not None and a.span:
        for m in page.modules:
            if m.col == a.col - 1 and m.kind == "briefs":
                return m.rect
    return None


# ---------------------------------------------------------------------------
# make-up result → drawing (for the preview)
# ---------------------------------------------------------------------------


def drawing(layout, fonts) -> Drawing:
    """The page's text, rules and boxes, each face named by a key and file."""
    st = layout.style
    out = Drawing(st.trim_w, st.trim_h)
    display = getattr(layout, "display", None)
    rules = display.rules if display is not None else layout.rules
    boxes = display.boxes if display is not None else layout.boxes
    for r in rules:
        out.rules.append((r.x0, r.y0, r.x1, r.y1, r.width))
    for b in boxes:
        out.boxes.append((b.x, b.y, b.w, b.h, b.stroke, b.tint))
    for f in getattr(display, "forms", ()):  # a placed PDF (an ad): its frame, lightly tinted
        out.boxes.append((f.x, f.y, f.w, f.h, 0.5, 0.1))
    for t in layout.texts:
        if not t.glyphs:
            continue
        face = _face(getattr(t, "face", None) or t.font, fonts)
        alt_ref = getattr(t, "alt_face", None) or getattr(t, "alt_font", None)
        alt = _face(alt_ref, fonts) if alt_ref is not None else None
        out.faces[face.key] = face.pdf_file
        if alt is not None and any(g.alt for g in t.glyphs):
            out.faces[alt.key] = alt.pdf_file
        out.runs.append(
            Run(
                face.key,
                t.size,
                t.x,
                t.baseline,
                t.condense,
                "".join(g.ch for g in t.glyphs),
                tuple(g.x * t.size for g in t.glyphs),
                tuple(bool(g.alt) for g in t.glyphs),
                alt.key if alt is not None else None,
                t.role,
                t.article,
            )
        )
    return out


def _face(ref, fonts):
    """A face with `key` and `pdf_file`: a FaceRef as it is, a FontRef looked up."""
    if hasattr(ref, "pdf_file"):
        return ref
    return fonts.face(*ref)
