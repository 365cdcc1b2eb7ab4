"""The page's content stream, drawn from its display list.

Each operator is kept twice: as text for the file and as an instruction
(operands, operator) for preflight, which walks the page as drawn. Text is
set as render did with reportlab: a Tm per segment, glyphs set solid, 扁体 by
Tz; characters go into TrueType subsets of 255 in order of first use (code 0
is .notdef); marks in the Separation /All or K; the slug line as outlines.
"""

from __future__ import annotations

from typing import Any

from ..marks import MARK_LEN, MARK_OFFSET, MARK_WIDTH, TARGET_R, crop_marks
from .objects import Name, String, fmt
from .truetype import Face

_KAPPA = 0.5522847498


class Fonts:
    """Each face's characters in subsets of 255 (code 0 is .notdef), in order of use."""

    def __init__(self, faces: dict[Any, Face]):
        self.faces = faces
        self.order: list[str] = []  # face keys in order of first use
        self.by_key: dict[str, Face] = {}
        self.codes: dict[str, dict[str, tuple[int, int]]] = {}
        self.subsets: dict[str, list[list[int]]] = {}
        self.index: dict[str, int] = {}

    def number(self, ref: Any) -> int:
        """The face's number in the resource names (faces numbered as first drawn);
        faces go by their key (a FaceRef hashes its paths, slowly)."""
        n = self.index.get(ref.key)
        if n is None:
            key = ref.key
            n = self.index[key] = len(self.order)
            self.codes[key] = {}
            self.subsets[key] = []
            self.order.append(key)
            self.by_key[key] = self.faces[ref]
        return n

    def encode(self, key: str, text: str) -> list[tuple[int, bytes]]:
        """(subset, codes) pieces of `text` in face `key` (numbered first)."""
        codes = self.codes[key]
        face = self.by_key[key]
        subsets = self.subsets[key]
        out: list[tuple[int, bytes]] = []
        cur = -1
        buf = bytearray()
        for ch in text:
            hit = codes.get(ch)
            if hit is None:
                cp = ord(ch)
                if face.glyph(cp) is None:
                    hit = (0, 0)  # .notdef (the typesetter reported it missing)
                    if not subsets:
                        subsets.append([0])
                else:
                    if not subsets or len(subsets[-1]) == 256:
                        subsets.append([0])
                    hit = (len(subsets) - 1, len(subsets[-1]))
                    subsets[-1].append(cp)
                codes[ch] = hit
            s, c = hit
            if s != cur:
                if buf:
                    out.append((cur, bytes(buf)))
                cur, buf = s, bytearray()
            buf.append(c)
        if buf:
            out.append((cur, bytes(buf)))
        return out


def resource(face_index: int, subset: int) -> str:
    return f"/F{face_index + 1}+{subset}"


class _Content:
    """The content stream as text and as instructions (operands, operator)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.ins: list[tuple[list, str]] = []
        self.tz = 100.0  # the horizontal scaling in force

    def op(self, op: str, *operands: Any) -> None:
        self.ins.append((list(operands), op))
        if operands:
            self.parts.append(" ".join(map(_token, operands)) + " " + op)
        else:
            self.parts.append(op)

    def nums(self, op: str, *operands: float) -> None:
        """An operator of numbers only."""
        self.ins.append((list(operands), op))
        self.parts.append(" ".join(map(fmt, operands)) + " " + op)


def _token(o: Any) -> str:
    if isinstance(o, Name):
        return o
    if isinstance(o, String):
        return "<" + o.hex() + ">"
    return fmt(o)


def draw(
    dl,
    faces: dict[Any, Face],
    *,
    overprint: bool,
    marks: str,
    slug_text,
    note: str,
    slug_fallback: dict,
    outlines,
) -> tuple[_Content, Fonts, bool]:
    """The page's content; returns (content, fonts used, whether /All is used).
    `slug_text(content, fonts)` gives the slug line once the rest is drawn (it
    ends with the hash of what was drawn)."""
    st = dl.sheet
    off = st.bleed + st.slug
    top = off + st.trim_h
    c = _Content()
    op = c.op
    if overprint:
        op("gs", Name("/GS0"))
    for box in dl.boxes:
        x, y = off + box.x, top - (box.y + box.h)
        if box.tint:
            op("k", 0, 0, 0, box.tint)
            op("re", x, y, box.w, box.h)
            op("f")
        if box.stroke:
            op("K", 0, 0, 0, 1)
            op("w", box.stroke)
            op("re", x, y, box.w, box.h)
            op("S")
    op("K", 0, 0, 0, 1)
    for r in dl.rules:
        op("w", r.width)
        op("m", off + r.x0, top - r.y0)
        op("l", off + r.x1, top - r.y1)
        op("S")
    op("k", 0, 0, 0, 1)
    fonts = Fonts(faces)
    for run in dl.runs:
        _draw_run(c, fonts, run, off, top)
    uses_all = False
    if st.crop_marks:
        if marks == "registration":
            op("CS", Name("/All"))
            op("SCN", 1)
            _draw_marks(c, st, off)
            uses_all = True
        elif marks == "k":
            op("K", 0, 0, 0, 1)
            _draw_marks(c, st, off)
        slug = slug_text(c, fonts)
        if slug:
            y = off - st.bleed - MARK_OFFSET - 6
            _draw_slug(c, outlines, dl.slug_face, slug_fallback, slug, off + MARK_LEN, y)
        if note:
            y = off + st.trim_h + st.bleed + MARK_OFFSET + 1
            _draw_slug(c, outlines, dl.slug_face, slug_fallback, note, off + MARK_LEN, y)
    return c, fonts, uses_all


def _draw_run(c: _Content, fonts: Fonts, run, off: float, top: float) -> None:
    """One line: each segment placed by its own Tm, set solid (see render._draw_run)."""
    glyphs = run.glyphs
    if not glyphs:
        return
    size = run.size
    x0 = off + run.x
    base = top - run.baseline
    ins, parts = c.ins, c.parts
    ins.append(([], "BT"))
    parts.append("BT")
    scale = 100.0 / run.condense  # Tz is text state: it outlives ET
    if scale != c.tz:
        c.op("Tz", scale)
        c.tz = scale
    fsize = size * run.condense
    y = fmt(base)
    current = None
    for seg in run.segments:
        face = seg.face
        if face is None:
            face = run.alt_face if seg.alt and run.alt_face is not None else run.face
        n = fonts.number(face)
        key = face.key
        x = x0 + glyphs[seg.start].x * size
        ins.append(([1, 0, 0, 1, x, base], "Tm"))
        parts.append(f"1 0 0 1 {fmt(x)} {y} Tm")
        text = "".join(g.ch for g in glyphs[seg.start : seg.end])
        for subset, codes in fonts.encode(key, text):
            name = resource(n, subset)
            if name != current:
                ins.append(([Name(name), fsize], "Tf"))
                parts.append(f"{name} {fmt(fsize)} Tf")
                current = name
            ins.append(([String(codes)], "Tj"))
            parts.append(f"<{codes.hex()}> Tj")
    ins.append(([], "ET"))
    parts.append("ET")


def _draw_marks(c: _Content, st, off: float) -> None:
    """Crop marks at the trim corners, registration targets mid-side."""
    c.op("w", MARK_WIDTH)
    lines, targets = crop_marks(st, off)
    for x0, y0, x1, y1 in lines:
        _line(c, x0, y0, x1, y1)
    for cx, cy in targets:
        _circle(c, cx, cy, TARGET_R * 0.6)
        _line(c, cx - TARGET_R, cy, cx + TARGET_R, cy)
        _line(c, cx, cy - TARGET_R, cx, cy + TARGET_R)


def _line(c: _Content, x0: float, y0: float, x1: float, y1: float) -> None:
    c.op("m", x0, y0)
    c.op("l", x1, y1)
    c.op("S")


def _circle(c: _Content, cx: float, cy: float, r: float) -> None:
    k = r * _KAPPA
    op = c.op
    op("m", cx + r, cy)
    op("c", cx + r, cy + k, cx + k, cy + r, cx, cy + r)
    op("c", cx - k, cy + r, cx - r, cy + k, cx - r, cy)
    op("c", cx - r, cy - k, cx - k, cy - r, cx, cy - r)
    op("c", cx + k, cy - r, cx + r, cy - k, cx + r, cy)
    op("h")
    op("S")


def slug_runs(text: str, slug_face: Any, fallback: dict) -> list[tuple[Any, str]]:
    """The slug's text in runs of one face: the slug face, or for a character it
    lacks the face `fallback` names (character → face)."""
    runs: list[tuple[Any, str]] = []
    for ch in text:
        face = fallback.get(ch, slug_face)
        if runs and runs[-1][0] == face:
            runs[-1] = (face, runs[-1][1] + ch)
        else:
            runs.append((face, ch))
    return runs


def _draw_slug(c: _Content, outlines, slug_face, fallback: dict, text, x: float, y: float):
    """The slug line as 6 pt filled outlines (artwork, not page text); a character
    the slug face lacks in its fallback face."""
    size = 6.0
    c.op("k", 0, 0, 0, 1)
    for face, run in slug_runs(text, slug_face, fallback):
        paths = _glyph_paths(face, run, outlines)
        for ch in run:
            text, ins, advance = paths[ch]
            if ins:  # the glyph's path in em, scaled and placed by its own cm
                c.ins.append(([], "q"))
                c.nums("cm", size, 0, 0, size, x, y)
                c.parts.append(text)
                c.ins.extend(ins)
                c.ins.append(([], "f"))
                c.ins.append(([], "Q"))
                c.parts.append("f Q")
                c.parts[-3] = "q " + c.parts[-3]
            x += advance * size


_PATHS: dict[tuple, dict] = {}  # (face source, family) → {char: (path, instructions, advance)}


def _glyph_paths(face, text: str, outlines) -> dict:
    """Each character's outline as path operators in em (text and instructions)
    and its advance. Kept beside the face's outline cache, one small file a
    character, so a build formats no glyph it formatted before and reads only
    the slug's own characters (one file of every character any build ever put
    in a slug grew to 480 kB and 26 ms to read)."""
    import pickle

    from ..fonts import _atomic_write, _cache_stem

    known = _PATHS.setdefault((str(face.source), face.family), {})
    folder = _cache_stem(face.source, face.family).with_suffix(".slugglyphs")
    todo = []
    for ch in dict.fromkeys(text):
        if ch in known:
            continue
        try:
            known[ch] = pickle.loads((folder / f"{ord(ch):x}").read_bytes())
        except (OSError, pickle.PickleError, EOFError, ValueError):
            todo.append(ch)
    if todo:
        for ch, (calls, advance) in zip(todo, outlines(face, "".join(todo)), strict=True):
            g = _Content()
            _outline(g, calls, 1.0, 0.0, 0.0)
            known[ch] = ("\n".join(g.parts), g.ins, advance)
            try:  # a cache that cannot be written only costs time
                folder.mkdir(parents=True, exist_ok=True)
                _atomic_write(folder / f"{ord(ch):x}", pickle.dumps(known[ch], protocol=5))
            except OSError:
                pass
    return known


def _outline(c: _Content, calls, size: float, x: float, y: float) -> bool:
    """Recorded pen calls (em units) as path operators at (x, y), `size` pt."""

    def pt(p):
        return x + p[0] * size, y + p[1] * size

    op, nums = c.op, c.nums
    cur = None
    start = None
    drew = False
    for name, args in calls:
        if name == "moveTo":
            cur = start = args[0]
            nums("m", *pt(cur))
            drew = True
        elif name == "lineTo":
            cur = args[0]
            nums("l", *pt(cur))
        elif name == "curveTo":
            for i in range(0, len(args) - 2, 3):
                nums("c", *pt(args[i]), *pt(args[i + 1]), *pt(args[i + 2]))
            cur = args[-1]
        elif name == "qCurveTo":
            pts = list(args)
            if pts[-1] is None:  # a contour of off-curve points only
                pts[-1] = ((pts[0][0] + pts[-2][0]) / 2, (pts[0][1] + pts[-2][1]) / 2)
                if cur is None or start is None:
                    nums("m", *pt(pts[-1]))
                    cur = start = pts[-1]
                    drew = True
            for p0, p1, p2 in _quads(cur, pts):
                c1 = (p0[0] + 2 / 3 * (p1[0] - p0[0]), p0[1] + 2 / 3 * (p1[1] - p0[1]))
                c2 = (p2[0] + 2 / 3 * (p1[0] - p2[0]), p2[1] + 2 / 3 * (p1[1] - p2[1]))
                nums("c", *pt(c1), *pt(c2), *pt(p2))
            cur = pts[-1]
        elif name == "closePath":
            op("h")
            cur = start
        elif name == "endPath":
            cur = None
    return drew


def _quads(cur, pts):
    """A TrueType quadratic segment (off-curve points, implied on-curve midpoints)
    as (start, control, end) triples."""
    offs, end = pts[:-1], pts[-1]
    p0 = cur
    for i, ctl in enumerate(offs):
        if i + 1 < len(offs):
            nxt = offs[i + 1]
            mid = ((ctl[0] + nxt[0]) / 2, (ctl[1] + nxt[1]) / 2)
        else:
            mid = end
        yield p0, ctl, mid
        p0 = mid
