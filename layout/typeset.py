"""Paragraph + measure → justified lines of positioned glyphs (CJK rules).

A pure function of (text, metrics, style, width): no page, no PDF. Units are em
of the text's size, so make-up can measure an article at several widths and
the renderer multiplies by the size.

Steps (after Typst's inline layout): `prepare` turns the text into atoms with
their advance, compressible blanks and glue; `_breaks` marks where a line may
end (禁则, unbreakable Latin words, numbers, URLs, ——/……); `_fit` chooses
the lines (push-in before push-out, clreq 3.1.7); `_fix_runt` keeps a single
character off a paragraph's last line; `_justify` places the glyphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import cjk
from .fonts import Metrics

EPS = 1e-6

# Latin words, numbers (with their prefix/postfix signs and joiners such as
# 15.6, 1—5, 20%, ¥300), e-mail addresses and URLs: no break inside (clreq,
# JLREQ "unbreakable character sequences").
_WORD = r"[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]"
_TOKEN_RE = re.compile(
    r"(?:https?://|www\.)[^\s\u3000-\u303F\uFF00-\uFFEF\u201C\u201D\u2018\u2019]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|[$¥￥＄£￡€#＃]?{_WORD}+(?:[.,:'’\-_/&+·]{_WORD}+|[—–~～]\d+)*[%％‰℃°′″]?"
)
# Where a URL longer than a line may break: after these (clreq has no rule; the
# Chicago/CMS habit of breaking after a slash or dot is the common one).
_URL_BREAK_AFTER = frozenset("/.-@?&=_")


@dataclass(frozen=True)
class TypesetStyle:
    """Composition settings (from the style file)."""

    punct_style: str = "quanjiao"  # 全角式; or kaiming 开明式, banjiao 半角式
    hanging: bool = False  # 行末悬挂: a pause/stop mark may hang past the measure
    cjk_latin_gap: float = 0.25  # em between Han and Latin/digits
    cjk_latin_gap_min: float = 0.125
    cjk_latin_gap_max: float = 0.5
    max_char_stretch: float = 0.25  # em added between two characters, at most
    trim_line_start_open: bool = True  # opening bracket at line start loses its blank half
    fix_runts: bool = True  # no single character on a paragraph's last line


@dataclass(frozen=True, slots=True)
class Glyph:
    ch: str
    x: float  # origin of the glyph, em from the line's left edge
    alt: bool = False  # set in the block's alternate face (a run-in heading)


@dataclass(frozen=True)
class Line:
    glyphs: tuple[Glyph, ...]
    width: float  # the measure this line was set to, em
    natural: float  # width of the ink run as set, em (= width for justified lines)
    first: bool  # first line of its paragraph
    last: bool  # last line of its paragraph
    loose: bool = False  # spacing outside the style's limits

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
            x0 = ln.glyphs[0].x if ln.glyphs else 0.0
            shift = (width - ln.natural) / 2 if align == "center" else 0.0
            glyphs = tuple(Glyph(g.ch, g.x - x0 + shift, g.alt) for g in ln.glyphs)
            lines.append(Line(glyphs, width, ln.natural, ln.first, ln.last, ln.loose))
        return Paragraph(tuple(lines), self.missing, self.problems)


# ---------------------------------------------------------------------------
# prepare
# ---------------------------------------------------------------------------

GLUE_NONE, GLUE_CJK_LATIN, GLUE_SPACE = 0, 1, 2


@dataclass
class _Atoms:
    ch: list[str]
    adv: list[float]  # advance mid-line, after fixed compression
    lshift: list[float]  # blank removed on the left: origin = cursor - lshift
    lblank: list[float]  # left blank still removable (line start, push-in)
    rblank: list[float]  # right blank still removable (line end, push-in)
    glue: list[float]  # space before the atom (dropped at line start)
    gkind: list[int]
    brk: list[bool]  # a line may start at this atom
    emerg: list[bool]  # … only when nothing else fits (inside a long token)
    just: list[bool]  # inter-character expansion allowed before this atom
    cum: list[float]  # cum[i] = sum of glue+adv of atoms < i
    shr: list[float]  # prefix sums of push-in shrink per atom
    missing: list[str]
    alt: list[bool]


def prepare(
    text: str, metrics: Metrics, style: TypesetStyle = TypesetStyle(), emph: int = 0
) -> _Atoms:
    """Atoms of one paragraph: widths, blanks, glue and break opportunities."""
    # Token id per character: characters of one Latin word/number/URL share it.
    tok = [0] * len(text)
    url = [False] * len(text)
    for n, m in enumerate(_TOKEN_RE.finditer(text), 1):
        for i in range(m.start(), m.end()):
            tok[i] = n
            url[i] = m.group().startswith(("http", "www")) or "@" in m.group()
    ch: list[str] = []
    adv: list[float] = []
    lshift: list[float] = []
    lblank: list[float] = []
    rblank: list[float] = []
    glue: list[float] = []
    gkind: list[int] = []
    tokid: list[int] = []
    isurl: list[bool] = []
    missing: list[str] = []
    advances = metrics.advances
    ink = metrics.ink
    pending_space = False
    for i, c in enumerate(text):
        if cjk.is_space(c):
            pending_space = True
            continue
        o = ord(c)
        a = advances.get(o)
        if a is None:
            missing.append(c)
            a = 1.0
        lb = rb = ls = 0.0
        if c in cjk.COMPRESSIBLE and abs(a - 1.0) < 0.02:
            box = ink.get(o)
            if box is not None:
                if box[2] <= 0.55:
                    rb = 0.5
                elif box[0] >= 0.45:
                    lb = 0.5
        elif c in cjk.INTERPUNCT:
            # GB style: interpunct takes half an em, centred (clreq 3.1.6).
            ls = (a - 0.5) / 2
            a = 0.5
        # Fixed compression of the punctuation style.
        if style.punct_style == "banjiao" or (
            style.punct_style == "kaiming" and c not in cjk.KAIMING_FULL
        ):
            a -= rb + lb
            ls += lb
            rb = lb = 0.0
        g = 0.0
        kind = GLUE_NONE
        if ch:
            prev = ch[-1]
            if _cjk_latin_pair(prev, c):
                g, kind = style.cjk_latin_gap, GLUE_CJK_LATIN
            elif pending_space:
                g, kind = advances.get(32, 0.25), GLUE_SPACE
            # Adjacent marks: two blanks that meet lose half an em (clreq
            # "adjustment of adjacent punctuation marks": 2 em → 1.5 em).
            if (
                kind == GLUE_NONE
                and c in cjk.COMPRESSIBLE
                and prev in cjk.COMPRESSIBLE
                and rblank[-1] + lb >= 0.5 - EPS
            ):
                take = min(rblank[-1], 0.5)
                rblank[-1] -= take
                adv[-1] -= take
                rest = 0.5 - take
                if rest > EPS:
                    lb -= rest
                    ls += rest
                    a -= rest
        pending_space = False
        ch.append(c)
        adv.append(a)
        lshift.append(ls)
        lblank.append(lb)
        rblank.append(rb)
        glue.append(g)
        gkind.append(kind)
        tokid.append(tok[i])
        isurl.append(url[i])
    n = len(ch)
    brk = [False] * n
    emerg = [False] * n
    just = [False] * n
    for i in range(1, n):
        a, b = ch[i - 1], ch[i]
        same_tok = tokid[i] and tokid[i] == tokid[i - 1] and gkind[i] == GLUE_NONE
        pair = a == b and a in cjk.LONG_MARKS
        ok = not same_tok and not pair
        if b in cjk.NO_LINE_START or a in cjk.NO_LINE_END:
            ok = False
        # A single — is the 一字线 connector: it may not start a line.
        if b == "—" and not (i + 1 < n and ch[i + 1] == "—") and a != "—":
            ok = False
        brk[i] = ok
        if same_tok:
            emerg[i] = a in _URL_BREAK_AFTER if isurl[i] else True
        just[i] = not same_tok and not pair and b not in cjk.CONNECTOR and a not in cjk.CONNECTOR
    if n:
        brk[0] = True
    cum = [0.0] * (n + 1)
    shr = [0.0] * (n + 1)
    for i in range(n):
        cum[i + 1] = cum[i] + glue[i] + adv[i]
        s = lblank[i] + rblank[i]
        if gkind[i] == GLUE_CJK_LATIN:
            s += style.cjk_latin_gap - style.cjk_latin_gap_min
        elif gkind[i] == GLUE_SPACE:
            s += glue[i] * 0.25
        shr[i + 1] = shr[i] + s
    alt = [i < emph for i in range(n)]
    return _Atoms(
        ch, adv, lshift, lblank, rblank, glue, gkind, brk, emerg, just, cum, shr, missing, alt
    )


def _cjk_latin_pair(a: str, b: str) -> bool:
    return (cjk.is_han(a) and cjk.is_western(b)) or (cjk.is_western(a) and cjk.is_han(b))


# ---------------------------------------------------------------------------
# line fitting
# ---------------------------------------------------------------------------


def _natural(at: _Atoms, s: int, e: int, style: TypesetStyle, first: bool) -> float:
    """Width of atoms s..e (inclusive) set as one line, line-edge blanks removed."""
    w = at.cum[e + 1] - at.cum[s] - at.glue[s]
    if style.trim_line_start_open and not first:
        w -= at.lblank[s]
    w -= at.rblank[e]
    if style.hanging and at.ch[e] in cjk.PAUSE_STOP:
        w -= at.adv[e] - at.rblank[e]
    return w


def _shrink(at: _Atoms, s: int, e: int) -> float:
    """Push-in room inside a line: blanks of marks not at its edges, gaps."""
    if e <= s:
        return 0.0
    total = at.shr[e + 1] - at.shr[s + 1]
    # The edges' blanks are already gone (line start/end compression).
    total -= at.rblank[e]
    total += at.rblank[s]
    return max(total, 0.0)


def _stretch_room(at: _Atoms, s: int, e: int, style: TypesetStyle) -> float:
    gaps = sum(1 for k in range(s + 1, e + 1) if at.just[k])
    return gaps * style.max_char_stretch


def _fit(at: _Atoms, width: float, indent: float, style: TypesetStyle) -> list[tuple[int, int]]:
    """Greedy line breaking with push-in/push-out; returns (start, end) pairs."""
    n = len(at.ch)
    lines: list[tuple[int, int]] = []
    s = 0
    brk = at.brk
    while s < n:
        first = s == 0
        w = width - (indent if first else 0.0)
        natural_end = -1
        pushin_end = -1
        k = s
        base = at.cum[s] + at.glue[s]
        while k < n:
            if k + 1 == n or brk[k + 1]:
                nat = _natural(at, s, k, style, first)
                if nat <= w + EPS:
                    natural_end = k
                else:
                    if nat - _shrink(at, s, k) <= w + EPS:
                        pushin_end = k
                    break
            elif at.cum[k + 1] - base - at.shr[k + 1] + at.shr[s] > w + 4:
                break  # an unbreakable run far wider than the line
            k += 1
        if natural_end == n - 1:
            lines.append((s, n - 1))
            break
        if natural_end < 0 and pushin_end < 0:
            end = _emergency_end(at, s, w, style, first)
        elif pushin_end >= 0 and natural_end >= 0:
            stretch = w - _natural(at, s, natural_end, style, first)
            squeeze = _natural(at, s, pushin_end, style, first) - w
            end = pushin_end if squeeze <= stretch + EPS else natural_end
            if stretch <= EPS:
                end = natural_end
        else:
            end = pushin_end if pushin_end >= 0 else natural_end
        lines.append((s, end))
        s = end + 1
    return lines


def _emergency_end(at: _Atoms, s: int, w: float, style: TypesetStyle, first: bool) -> int:
    """A token wider than the line: break inside it where it may, else anywhere."""
    n = len(at.ch)
    best = -1
    fallback = s
    for k in range(s, n):
        nat = _natural(at, s, k, style, first)
        if nat > w + EPS:
            break
        fallback = k
        if k + 1 < n and (at.emerg[k + 1] or at.brk[k + 1]):
            best = k
    return best if best >= 0 else fallback


def _is_runt(at: _Atoms, s: int, e: int) -> bool:
    """A last line holding one Han character, punctuation after it aside (孤字)."""
    return cjk.is_han(at.ch[s]) and all(
        cjk.is_cjk_punct(c) or c in cjk.NO_LINE_START for c in at.ch[s + 1 : e + 1]
    )


def _fix_runt(
    at: _Atoms, lines: list[tuple[int, int]], width: float, indent: float, style: TypesetStyle
) -> bool:
    """Pull the runt up by push-in, or bring a character down. True if fixed."""
    s, e = lines[-1]
    ps, pe = lines[-2]
    first = ps == 0
    w = width - (indent if first else 0.0)
    nat = _natural(at, ps, e, style, first)
    if nat - _shrink(at, ps, e) <= w + EPS:
        lines[-2:] = [(ps, e)]
        return True
    for k in range(pe, ps, -1):  # new end of the previous line: k - 1
        if not at.brk[k]:
            continue
        if _is_runt(at, k, e):
            continue
        nat = _natural(at, ps, k - 1, style, first)
        if w - nat <= _stretch_room(at, ps, k - 1, style) + EPS:
            lines[-2:] = [(ps, k - 1), (k, e)]
            return True
        break
    return False


# ---------------------------------------------------------------------------
# justification
# ---------------------------------------------------------------------------


def _justify(
    at: _Atoms, s: int, e: int, w: float, x0: float, first: bool, last: bool, style: TypesetStyle
) -> tuple[list[Glyph], float, bool]:
    """Glyph origins for atoms s..e on a line of width w starting at x0."""
    trim_start = at.lblank[s] if (style.trim_line_start_open and not first) else 0.0
    trim_end = at.rblank[e]
    hang = style.hanging and at.ch[e] in cjk.PAUSE_STOP and not last
    nat = _natural(at, s, e, style, first)
    slack = w - nat
    loose = False
    # Per-atom adjustments: extra space before atom k, and blank removed.
    extra = [0.0] * (e - s + 1)
    cut_l = [0.0] * (e - s + 1)
    cut_r = [0.0] * (e - s + 1)
    if not last or slack < -EPS:
        if slack < -EPS:
            need = -slack
            # 1. compressible punctuation inside the line
            pool = sum(at.rblank[k] for k in range(s, e)) + sum(
                at.lblank[k] for k in range(s + 1, e + 1)
            )
            if pool > EPS:
                f = min(1.0, need / pool)
                for k in range(s, e + 1):
                    if k < e:
                        cut_r[k - s] = at.rblank[k] * f
                    if k > s:
                        cut_l[k - s] = at.lblank[k] * f
                need -= pool * f
            # 2. CJK–Latin gaps and word spaces
            if need > EPS:
                gaps = [
                    (
                        k,
                        style.cjk_latin_gap - style.cjk_latin_gap_min
                        if at.gkind[k] == GLUE_CJK_LATIN
                        else at.glue[k] * 0.25,
                    )
                    for k in range(s + 1, e + 1)
                    if at.gkind[k] != GLUE_NONE
                ]
                room = sum(r for _, r in gaps)
                if room > EPS:
                    f = min(1.0, need / room)
                    for k, r in gaps:
                        extra[k - s] -= r * f
                    need -= room * f
            # 3. overfull: squeeze evenly (reported as loose)
            if need > EPS:
                loose = True
                slots = [k for k in range(s + 1, e + 1) if at.just[k]] or list(range(s + 1, e + 1))
                for k in slots:
                    extra[k - s] -= need / max(len(slots), 1)
        elif slack > EPS and not last:
            need = slack
            gaps = [k for k in range(s + 1, e + 1) if at.gkind[k] != GLUE_NONE]
            if gaps:
                room_each = style.cjk_latin_gap_max - style.cjk_latin_gap
                f = min(room_each, need / len(gaps))
                for k in gaps:
                    extra[k - s] += f
                need -= f * len(gaps)
            if need > EPS:
                slots = [k for k in range(s + 1, e + 1) if at.just[k]]
                if not slots:
                    loose = True  # nothing to spread into: leave the line short
                else:
                    each = need / len(slots)
                    if each > style.max_char_stretch + EPS:
                        loose = True
                    for k in slots:
                        extra[k - s] += each
    glyphs: list[Glyph] = []
    x = x0
    for k in range(s, e + 1):
        i = k - s
        if k > s:
            x += at.glue[k] + extra[i]
        lt = at.lshift[k] + cut_l[i] + (trim_start if k == s else 0.0)
        glyphs.append(Glyph(at.ch[k], x - lt, at.alt[k]))
        x += at.adv[k] - cut_l[i] - cut_r[i] - (trim_start if k == s else 0.0)
    if not last:
        x -= trim_end
        if hang:
            x -= at.adv[e] - at.rblank[e]
    return glyphs, x - x0, loose


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------


def set_paragraph(
    text: str,
    metrics: Metrics,
    width: float,
    *,
    indent: float = 2.0,
    style: TypesetStyle = TypesetStyle(),
    align: str = "justify",
    emph: int = 0,
) -> Paragraph:
    """Set one paragraph into lines `width` em wide (first line indented).

    align: "justify" (body), "left", "center" (every line at natural width,
    e.g. headlines set with `set_title`). The first `emph` characters (spaces
    not counted) are marked `alt`: a run-in heading in another face.
    """
    at = prepare(text, metrics, style, emph)
    if not at.ch:
        return Paragraph(lines=(), missing=tuple(at.missing))
    spans = _fit(at, width, indent, style)
    problems: list[str] = []
    if style.fix_runts and len(spans) > 1 and _is_runt(at, *spans[-1]):
        if not _fix_runt(at, spans, width, indent, style):
            problems.append(f"single character on the last line: '{_text(at, *spans[-1])}'")
    return Paragraph(
        lines=tuple(_build_lines(at, spans, width, indent, style, align, problems)),
        missing=tuple(dict.fromkeys(at.missing)),
        problems=tuple(problems),
    )


def _build_lines(at, spans, width, indent, style, align, problems) -> list[Line]:
    out = []
    for idx, (s, e) in enumerate(spans):
        first = idx == 0
        last = idx == len(spans) - 1
        x0 = indent if first else 0.0
        w = width - x0
        if align == "justify":
            glyphs, nat, loose = _justify(at, s, e, w, x0, first, last, style)
        else:
            glyphs, nat, loose = _justify(at, s, e, w, 0.0, True, True, style)
            shift = (width - nat) / 2 if align == "center" else 0.0
            if shift:
                glyphs = [Glyph(g.ch, g.x + shift, g.alt) for g in glyphs]
        if loose:
            problems.append(
                f"line {idx + 1} could not be justified within limits: '{_text(at, s, e)}'"
            )
        out.append(Line(tuple(glyphs), width, nat, first, last, loose))
    return out


def _text(at: _Atoms, s: int, e: int) -> str:
    return "".join(at.ch[s : e + 1])


def natural_width(text: str, metrics: Metrics, style: TypesetStyle = TypesetStyle()) -> float:
    """Width in em of `text` set on one line (line-end blanks removed)."""
    at = prepare(text, metrics, style)
    if not at.ch:
        return 0.0
    return _natural(at, 0, len(at.ch) - 1, style, True)


def set_title(
    text: str,
    metrics: Metrics,
    width: float,
    *,
    style: TypesetStyle = TypesetStyle(),
    align: str = "center",
) -> Paragraph:
    """Set a headline (or kicker, subtitle): balanced lines at natural width.

    The author's spaces are the preferred breaks; each part that still does
    not fit is broken at legal points into lines of about equal length, so no
    line is left with a single character. Within a line a space is a 1-em gap.
    """
    parts = [p for p in text.split() if p]
    if not parts:
        return Paragraph(lines=())
    whole = "\u3000".join(parts)
    if natural_width(whole, metrics, style) <= width + EPS:
        return set_paragraph(whole, metrics, width + 1, indent=0, style=style, align=align).rewidth(
            width, align
        )
    lines: list[Line] = []
    missing: list[str] = []
    problems: list[str] = []
    for part in parts:
        para = _balanced(part, metrics, width, style, align)
        lines.extend(para.lines)
        missing.extend(para.missing)
        problems.extend(para.problems)
    return Paragraph(tuple(lines), tuple(dict.fromkeys(missing)), tuple(problems))


def _balanced(text: str, metrics: Metrics, width: float, style: TypesetStyle, align: str):
    total = natural_width(text, metrics, style)
    if total <= width + EPS:
        return set_paragraph(text, metrics, width + 1, indent=0, style=style, align=align).rewidth(
            width, align
        )
    nlines = int(total // width) + 1
    # Narrow the measure until the line count would grow: lines come out even.
    best = set_paragraph(text, metrics, width, indent=0, style=style, align="left")
    target = max(total / nlines, 1.0)
    trial_w = width
    while trial_w - 0.5 >= target:
        trial = set_paragraph(text, metrics, trial_w - 0.5, indent=0, style=style, align="left")
        if len(trial.lines) > len(best.lines) or trial.problems:
            break
        best = trial
        trial_w -= 0.5
    return best.rewidth(width, align)
