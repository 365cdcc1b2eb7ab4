"""Glyph-level font fallback: each role's chain of faces (fonts.yaml `fallback:`).

A role's face may lack a character (LXGW WenKai, the kicker/byline face, lacks
most of CJK Extension A). Such a character is set in the first face of the
role's chain that has it: Noto CJK, then Hanazono A/B (Extension B). Only a
character that no face of the chain has is an error, naming the article, the
field, the character and its code point.

`FallbackFonts` wraps a `FontSet` with the same interface. Its `face()` returns
the role's face with *merged* metrics (the primary face's advances, then each
fallback face's for the code points the ones before lack), so the typesetter
measures a fallen-back glyph with its real advance and reports as missing only
what the whole chain lacks. `assign()` then splits each glyph run's segments
of the display list where a glyph is drawn in a fallback face
(`Segment.face`, a FaceRef; None = the run's face or alternate face), and
`render` draws each segment in its face.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import FontError
from .fonts import PROJECT_FONTS, Face, FontSet, Metrics, load_fontset

FontRef = tuple[str, str]

__all__ = ["FallbackFonts", "assign", "check_fields", "finish_fonts", "load_fonts"]


def load_fonts(config: Path | str | None = None) -> FallbackFonts:
    """fonts.yaml's roles with their fallback chains."""
    import yaml

    path = Path(config) if config else PROJECT_FONTS / "fonts.yaml"
    base = load_fontset(path)
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise FontError(f"{path}: cannot read font configuration: {exc}") from None
    raw = data.get("fallback") or {}
    if not isinstance(raw, dict):
        raise FontError(f"{path}: field 'fallback' must map role names to lists of roles")
    chains: dict[str, tuple[str, ...]] = {}
    for role, entries in raw.items():
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise FontError(f"{path}: fallback of role '{role}' must be a list of role names")
        chains[str(role)] = tuple(entries)
    return FallbackFonts(base, chains)


class FallbackFonts:
    """A FontSet whose faces fall back, glyph by glyph, through their role's chain."""

    def __init__(self, base: FontSet, chains: dict[str, tuple[str, ...]]):
        self.base = base
        self._chains = chains
        self._merged: dict[FontRef, Face] = {}
        self._chain: dict[FontRef, tuple[FontRef, ...]] = {}
        self.unavailable: dict[FontRef, str] = {}  # fallback face → why it is not used
        self._chars: frozenset[str] | None = None  # what will be set (None: anything)

    def cover(self, chars: Iterable[str]) -> None:
        """Say which characters will be set: merged metrics then take from the
        chains only what the primary faces lack of them, and a fallback face is
        opened only when one of them needs it (a warm build stays fast)."""
        self._chars = frozenset(chars)
        self._merged.clear()

    # --- the FontSet interface --------------------------------------------

    @property
    def roles(self) -> list[FontRef]:
        return self.base.roles

    def has(self, role: str, weight: str = "regular") -> bool:
        return self.base.has(role, weight)

    def prepare(self, keys: Iterable[FontRef]) -> None:
        keys = list(dict.fromkeys(keys))
        self.base.prepare(keys)
        for k in keys:
            self.face(*k)

    def face(self, role: str, weight: str = "regular") -> Face:
        """The role's face, its metrics merged with its chain's (for measuring)."""
        ref = (role, weight)
        hit = self._merged.get(ref)
        if hit is None:
            primary = self.base.face(role, weight)
            if self._chars is None:
                extra = [self._base_face(r) for r in self.chain(ref)[1:]]
                hit = _merged(primary, [f for f in extra if f is not None])
            else:
                lacking = [c for c in self._chars if not primary.metrics.covers(c)]
                hit = _merged_chars(primary, lacking, self, ref)
            self._merged[ref] = hit
        return hit

    def __getattr__(self, name: str):  # anything else a FontSet offers
        return getattr(self.base, name)

    # --- fallback ---------------------------------------------------------

    def base_face(self, ref: FontRef) -> Face:
        """The face itself, its own metrics only (what its file can draw)."""
        return self.base.face(*ref)

    def chain(self, ref: FontRef) -> tuple[FontRef, ...]:
        """`ref` and the fallback faces that are installed, in order."""
        hit = self._chain.get(ref)
        if hit is None:
            hit = (ref,) + tuple(r for r in self._declared_chain(ref) if self._base_face(r))
            self._chain[ref] = hit
        return hit

    def face_for(self, ref: FontRef, ch: str) -> FontRef | None:
        """The first face of `ref`'s chain that has `ch`; None when none has it.
        Fallback faces are opened only as far as the chain must be walked."""
        for r in (ref, *self._declared_chain(ref)):
            face = self._base_face(r)
            if face is not None and face.metrics.covers(ch):
                return r
        return None

    def _declared_chain(self, ref: FontRef) -> list[FontRef]:
        out: list[FontRef] = []
        for entry in self._chains.get(ref[0], ()):
            role, _, weight = entry.partition("/")
            if not weight:
                weight = ref[1] if self.base.has(role, ref[1]) else "regular"
            r = (role, weight)
            if r != ref and r not in out:
                out.append(r)
        return out

    def _base_face(self, ref: FontRef) -> Face | None:
        if ref in self.unavailable:
            return None
        try:
            return self.base.face(*ref)
        except FontError as exc:  # a fallback face that is not installed is skipped
            self.unavailable[ref] = str(exc)
            return None


def _merged_chars(primary: Face, lacking: list[str], fonts: FallbackFonts, ref: FontRef) -> Face:
    """`primary` with the advances (and ink) of `lacking` from their fallback faces."""
    adv: dict[int, float] = {}
    ink: dict[int, tuple[float, float, float, float]] = {}
    for ch in sorted(lacking):
        r = fonts.face_for(ref, ch)
        if r is None:
            continue
        m = fonts.base_face(r).metrics
        cp = ord(ch)
        adv[cp] = m.advances[cp]
        if cp in m.ink:
            ink[cp] = m.ink[cp]
    if not adv:
        return primary
    m = primary.metrics
    from .advances import Overlay

    metrics = Metrics(m.ascent, m.descent, Overlay(m.advances, adv), {**m.ink, **ink})
    return dataclasses.replace(primary, metrics=metrics)


def edition_chars(edition, style) -> set[str]:
    """Every character the edition's pages print (fields, header, date)."""
    out: set[str] = set()
    for page in edition.pages:
        out |= page_chars(edition, page, style)
    return out


def page_chars(edition, page, style) -> set[str]:
    """Every character one page prints (its fields, header, date)."""
    out: set[str] = set()
    for _, _, text, _ in _fields(edition, page, style):
        out.update(text)
    return out


def _merged(primary: Face, extra: list[Face]) -> Face:
    if not extra:
        return primary
    adv = dict(primary.metrics.advances)
    ink = dict(primary.metrics.ink)
    for f in extra:
        for cp, a in f.metrics.advances.items():
            if cp not in adv:
                adv[cp] = a
                box = f.metrics.ink.get(cp)
                if box is not None:
                    ink[cp] = box
    m = primary.metrics
    return dataclasses.replace(primary, metrics=Metrics(m.ascent, m.descent, adv, ink))


# --- the page --------------------------------------------------------------


def _face_ref(fonts: FallbackFonts, ref: FontRef):
    from .makeup.paint import face_ref

    return face_ref(fonts.base_face(ref))


_CHAR = operator.itemgetter(0)  # a Glyph's character (a named tuple's first field)


def assign(display, fonts) -> None:
    """Split each glyph run's segments where a glyph its face lacks is drawn in a
    fallback face (`Segment.face`); a segment starts at its own glyph's x, so
    splitting moves nothing."""
    if not isinstance(fonts, FallbackFonts):
        return
    from .makeup.display import Segment

    by_key: dict[str, FontRef] = {}
    for r in fonts.roles:
        try:
            by_key[fonts.base_face(r).key] = r
        except FontError:
            continue
    refs: dict[FontRef | None, object] = {None: None}
    known: dict[FontRef, set[str]] = {}  # characters each face was found to have
    coverers: dict[FontRef, Callable[[str], bool]] = {}
    for k, run in enumerate(display.runs):
        segs = []
        changed = False
        for seg in run.segments:
            face = run.alt_face if seg.alt and run.alt_face is not None else run.face
            own = by_key.get(face.key) if seg.face is None else None
            if own is None:
                segs.append(seg)
                continue
            has = known.setdefault(own, set())
            glyphs = run.glyphs
            if seg.start or seg.end != len(glyphs):
                glyphs = glyphs[seg.start : seg.end]
            fresh = set(map(_CHAR, glyphs)) - has
            covers = coverers.get(own)
            if covers is None:
                covers = coverers[own] = fonts.base_face(own).metrics.covers
            if not fresh or all(covers(ch) for ch in fresh):  # the face has them all
                has |= fresh
                segs.append(seg)
                continue
            start, cur = seg.start, None
            for i in range(seg.start, seg.end):
                ch = run.glyphs[i].ch
                f = None if covers(ch) else fonts.face_for(own, ch)
                if f is not None and f not in refs:
                    refs[f] = _face_ref(fonts, f)
                if i > seg.start and f != cur:
                    segs.append(Segment(start, i, seg.alt, refs[cur]))
                    start = i
                    changed = True
                cur = f
            changed |= cur is not None
            segs.append(Segment(start, seg.end, seg.alt, refs[cur]))
        if changed:
            display.runs[k] = dataclasses.replace(run, segments=tuple(segs))


def slug_fallback(fonts, ref: FontRef, text: str) -> dict:
    """Character → FaceRef for the characters of `text` the slug face lacks."""
    if not isinstance(fonts, FallbackFonts):
        return {}
    out = {}
    covers = fonts.base_face(ref).metrics.covers
    for ch in dict.fromkeys(text):
        if not covers(ch):
            f = fonts.face_for(ref, ch)
            if f is not None:
                out[ch] = _face_ref(fonts, f)
    return out


def missing_message(field: str, ch: str, fonts, ref: FontRef) -> str:
    if isinstance(fonts, FallbackFonts):
        names = ", ".join(fonts.base_face(r).family for r in fonts.chain(ref))
    else:
        names = fonts.face(*ref).family
    return (
        f"{field}: character '{ch}' (U+{ord(ch):04X}) is missing from the font"
        f" {ref[0]}/{ref[1]} and its fallbacks ({names})"
    )


def _fields(edition, page, style) -> Iterator[tuple[str, str, str, FontRef]]:
    """(article id, field, text, font role) of everything printed for the page."""
    d = edition.date
    head = f"page {page.number} header"
    yield head, "pages[].name", f"第{page.number}版 {page.name}", style.header_paper_font
    yield head, "paper", edition.paper, style.header_info_font
    yield head, "date", f"{d.year}年{d.month}月{d.day}日 星期一二三四五六日", style.header_info_font
    if edition.issue:
        yield head, "issue", f"第{edition.issue}期", style.header_info_font
    if page.editor:
        yield head, "pages[].editor", f"责任编辑：{page.editor}", style.header_info_font
    articles = edition.articles_for(page)
    if any(a.kind == "brief" for a in articles):
        yield head, "pages[].briefs_title", page.briefs_title, style.brief_title_font
    for a in articles:
        if a.kind == "brief":
            yield a.id, "place", a.place or "", style.brief_item_font
            yield a.id, "headline", "■" + a.headline, style.brief_item_font
        else:
            yield a.id, "kicker", a.kicker or "", style.kicker_font
            yield a.id, "headline", a.headline, style.headline_font
            yield a.id, "subtitle", a.subtitle or "", style.subtitle_font
            yield a.id, "byline", a.byline or "", style.byline_font
        for n, b in enumerate(a.blocks, 1):
            font = style.subhead_font if b.kind == "subhead" else style.body_font
            name = "subhead" if b.kind == "subhead" else "paragraph"
            yield a.id, f"{name} {n} (line {b.line})", b.text, font


def check_fields(edition, page, style, fonts) -> list[tuple[str, str, str, FontRef]]:
    """(article, field, character, role) for each character no face of its chain has."""
    out = []
    seen = set()
    for aid, field, text, ref in _fields(edition, page, style):
        metrics = fonts.face(*ref).metrics  # merged: the whole chain
        for ch in dict.fromkeys(text):
            if ch.isspace() or metrics.covers(ch):
                continue
            key = (aid, field, ch)
            if key not in seen:
                seen.add(key)
                out.append((aid, field, ch, ref))
    return out


def fallbacks_used(display) -> list[tuple[str, str, str, str]]:
    """(article, role of the run, character, face key) for glyphs set in a fallback face."""
    out = []
    seen = set()
    for run in display.runs:
        for seg in run.segments:
            if seg.face is None:
                continue
            for g in run.glyphs[seg.start : seg.end]:
                key = (run.article, run.role, g.ch)
                if key not in seen:
                    seen.add(key)
                    out.append((run.article or "page header", run.role, g.ch, seg.face.key))
    return out


def finish_fonts(layout, edition, fonts):
    """Fallback faces on the page's glyph runs, and one error per character that
    no face has (replacing make-up's field-less ones), naming article and field."""
    from .makeup import Diagnostic

    assign(layout.display, fonts)
    diags = layout.report.diagnostics
    kept = [d for d in diags if "missing from the font" not in d.message]
    found = [
        Diagnostic("error", aid, missing_message(field, ch, fonts, ref))
        for aid, field, ch, ref in check_fields(edition, layout.page, layout.style, fonts)
    ]
    diags[:] = found + kept
    return layout
