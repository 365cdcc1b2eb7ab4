"""Glyph origins of a line: push-in and push-out within the style's limits."""

from __future__ import annotations

from .measure import _Measure
from .prepare import _Atoms, _text
from .types import (
    EPS,
    GLUE_CJK_LATIN,
    GLUE_HAN_SPACE,
    GLUE_NONE,
    GLUE_SPACE,
    Glyph,
    Line,
    TypesetStyle,
)


def _justify(
    ms: _Measure, s: int, e: int, x0: float, last: bool, spread: bool
) -> tuple[list[Glyph], float, bool]:
    """Glyph origins for atoms s..e on a line starting at x0.

    Returns the glyphs, the width the run occupies (line-edge blanks and a
    hanging mark excluded) and whether the spacing left the style's limits.
    A line wider than the measure is pushed in: first the blank halves of
    marks inside it, then CJK–Western gaps and word spaces down to their
    minimum (clreq 3.8.1 order, ref §4.2); a narrower one (not the last of its
    paragraph, and only if `spread`) is pushed out: first the punctuation
    gives back its compression (the edge marks' blank halves, whole,
    `_Measure.edges`; then the half ems taken from adjacent marks and the
    quarter ems lent beside Latin), then word spaces grow to 1/2 em, then
    CJK–Western gaps, then all character gaps evenly up to
    `max_char_stretch` (clreq 3.8.2, ref §4.3)."""
    at = ms.at
    style = ms.style
    w = ms.line_width(s)
    trim_start = at.lblank[s] if ms.trims_start(s) else 0.0
    nat = ms.natural(s, e)
    hang = ms.hang(s, e, nat)
    slack = w - (nat - hang)
    loose = False
    m = e - s + 1
    end_back = 0.0  # the end mark's blank half given back (push-out)
    extra: list[float] | None = None  # space added before atom k (k - s)
    cut_l: list[float] | None = None  # blank removed from atom k's left
    cut_r: list[float] | None = None  # … and right
    if slack < -EPS and e > s and at.lblank[s] > EPS and not ms.trims_start(s):
        # An opening mark after the first-line indent gives its blank half
        # (see _Measure.shrink) only when the blanks inside the line are not
        # enough, and then all of it: a part would leave its ink off the grid.
        if -slack > sum(at.rblank[s:e]) + sum(at.lblank[s + 1 : e + 1]) + EPS:
            trim_start = at.lblank[s]
            slack += trim_start
    if slack < -EPS:
        need = -slack
        extra = [0.0] * m
        cut_l = [0.0] * m
        cut_r = [0.0] * m
        pool = sum(at.rblank[s:e]) + sum(at.lblank[s + 1 : e + 1])
        if pool > EPS:
            f = min(1.0, need / pool)
            for k in range(s, e + 1):
                if k < e:
                    cut_r[k - s] = at.rblank[k] * f
                if k > s:
                    cut_l[k - s] = at.lblank[k] * f
            need -= pool * f
        if need > EPS:
            gaps = [(k, _gap_shrink(at, k, style)) for k in range(s + 1, e + 1)]
            room = sum(r for _, r in gaps)
            if room > EPS:
                f = min(1.0, need / room)
                for k, r in gaps:
                    extra[k - s] -= r * f
                need -= room * f
        if need > EPS:  # overfull: squeeze evenly (reported beyond the limit)
            slots = [k for k in range(s + 1, e + 1) if at.just[k]] or list(range(s + 1, e + 1))
            loose = need > len(slots) * style.max_char_shrink + EPS
            for k in slots:
                extra[k - s] -= need / len(slots)
    elif slack > EPS and not last and spread:
        need = slack
        extra = [0.0] * m
        # The edge marks' blank halves first, each whole (`_Measure.edges`):
        # the glyphs stand where they are, the line's run is that much wider.
        end_back, start_back = ms.edges(s, e, need)
        if start_back:
            trim_start = 0.0
        need -= end_back + start_back
        pool = sum(at.give[s + 1 : e + 1])
        if pool > EPS:
            f = min(1.0, need / pool)
            for k in range(s + 1, e + 1):
                extra[k - s] += at.give[k] * f
            need -= pool * f
        if need > EPS and any(at.gkind[s + 1 : e + 1]):
            # word spaces first, then the CJK–Western gaps (clreq 3.8.2,
            # JLREQ 3.8.2: each kind equally, up to its limit)
            gkind = at.gkind
            for kinds in ((GLUE_SPACE, GLUE_HAN_SPACE), (GLUE_CJK_LATIN,)):
                gaps = [
                    (k, _gap_stretch(at, k, style))
                    for k in range(s + 1, e + 1)
                    if gkind[k] in kinds
                ]
                room = sum(r for _, r in gaps)
                if room > EPS and need > EPS:
                    f = min(1.0, need / room)
                    for k, r in gaps:
                        extra[k - s] += r * f
                    need -= room * f
        if need > EPS:
            # Evenly between characters up to max_char_stretch, then between
            # the letters of a broken URL up to max_letter_stretch; beyond
            # both, evenly over all of them (reported).
            slots = [k for k in range(s + 1, e + 1) if at.just[k]]
            cap_c, cap_l = style.max_char_stretch, style.max_letter_stretch
            letters = [] if need <= len(slots) * cap_c + EPS else ms.letter_slots(s, e)
            if not slots and not letters:
                # Nothing may be spread (a 2-em unit, words between spaces, a
                # word alone; the word spaces are at their limit already):
                # the rest goes evenly to the word spaces and the gaps between
                # the letters (reported). Word spaces alone took it all: a
                # 12-em line `Innovation Challenge` had a 3-em hole, which
                # reads as a line ending short (audit.py: ragged).
                slots = [k for k in range(s + 1, e + 1) if at.gkind[k] != GLUE_NONE]
                letters = [k for k in range(s + 1, e + 1) if at.intok[k]]
                cap_c = cap_l = 0.0
            if slots or letters:
                room_c = len(slots) * cap_c
                if need <= room_c + EPS:
                    add_c, add_l = need / len(slots), 0.0
                else:
                    over = need - room_c - len(letters) * cap_l
                    if letters and over <= EPS:
                        add_c, add_l = cap_c, (need - room_c) / len(letters)
                    else:
                        loose = True
                        each = over / (len(slots) + len(letters))
                        add_c, add_l = cap_c + each, cap_l + each
                for k in slots:
                    extra[k - s] += add_c
                for k in letters:
                    extra[k - s] += add_l
                need = 0.0
            else:
                loose = True  # left short: a single glyph
    glyphs: list[Glyph] = []
    ch, adv, lshift, glue, alt = at.ch, at.adv, at.lshift, at.glue, at.alt
    x = x0
    if extra is None:
        # Fast path: nothing to adjust (the common all-Han full line).
        glyphs.append(Glyph(ch[s], x - (lshift[s] + trim_start), alt[s]))
        x += adv[s] - trim_start
        for k in range(s + 1, e + 1):
            x += glue[k]
            glyphs.append(Glyph(ch[k], x - lshift[k], alt[k]))
            x += adv[k]
    else:
        if cut_l is None or cut_r is None:
            cut_l = cut_r = [0.0] * m
        for k in range(s, e + 1):
            i = k - s
            if k > s:
                x += glue[k] + extra[i]
            lt = lshift[k] + cut_l[i] + (trim_start if k == s else 0.0)
            glyphs.append(Glyph(ch[k], x - lt, alt[k]))
            x += adv[k] - cut_l[i] - cut_r[i] - (trim_start if k == s else 0.0)
    # The run ends before the last mark's blank half (and before a hanging
    # mark): that is the edge that is flush with the measure.
    x -= at.rblank[e] - end_back + hang
    return glyphs, x - x0, loose


def _gap_shrink(at: _Atoms, k: int, style: TypesetStyle) -> float:
    kind = at.gkind[k]
    if kind == GLUE_CJK_LATIN:
        return style.cjk_latin_gap - style.cjk_latin_gap_min
    if kind == GLUE_HAN_SPACE:
        return at.glue[k]
    if kind == GLUE_SPACE:
        return at.glue[k] * 0.25
    return 0.0


def _gap_stretch(at: _Atoms, k: int, style: TypesetStyle) -> float:
    kind = at.gkind[k]
    if kind == GLUE_CJK_LATIN:
        return style.cjk_latin_gap_max - style.cjk_latin_gap
    if kind == GLUE_SPACE or kind == GLUE_HAN_SPACE:
        return max(0.0, 0.5 - at.glue[k])
    return 0.0


def _build_lines(
    ms: _Measure, spans: list[tuple[int, int]], width: float, align: str, problems: list[str]
) -> list[Line]:
    out = []
    for idx, (s, e) in enumerate(spans):
        first = idx == 0
        last = idx == len(spans) - 1
        x0 = ms.indent if s == 0 else 0.0
        glyphs, nat, loose = _justify(ms, s, e, x0, last, align == "justify")
        left = x0
        if align in ("center", "right"):
            left = (width - nat) / 2 if align == "center" else width - nat
            glyphs = [Glyph(g.ch, g.x + left - x0, g.alt) for g in glyphs]
        if loose:
            problems.append(
                f"line {idx + 1} could not be justified within limits: '{_text(ms.at, s, e)}'"
            )
        out.append(Line(tuple(glyphs), width, nat, first, last, loose, left))
    return out
