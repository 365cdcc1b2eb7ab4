"""Paragraph + measure → justified lines of positioned glyphs (CJK rules).

A pure function of (text, metrics, style, width): no page, no PDF. Units are em
of the text's size, so make-up can measure an article at several widths and
the renderer multiplies by the size.

Steps (after Typst's inline layout): `prepare` turns the text into atoms with
their advance, compressible blanks, glue and stretch; `_breaks` marks where a
line may end (禁则, unbreakable Latin words, numbers, URLs, ——/……); `_fit`
chooses the lines (push-in before push-out, clreq 3.1.7); `_fix_runt` keeps a
single character off a paragraph's last line (clreq 3.4.3 孤字); `_justify`
places the glyphs (clreq 3.8 line adjustment). When a line still cannot be
justified within the style's limits, or a 孤字 is left, `_refit` resets the
lines from a few above it together (a Knuth–Plass search over the same legal
breaks, costed by `_line_cost`), as a composer goes back to earlier lines.
Headlines (`set_title`) are broken by `_balanced`, the same kind of search
for even lines.

Rules and their sources are in shared/reference/cjk-typesetting.md; section
numbers there are quoted as "ref §n".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from . import cjk
from .fonts import Metrics

EPS = 1e-6

# Latin words, numbers (with their prefix/postfix signs and joiners such as
# 15.6, 1—5, 20%, ¥300), e-mail addresses and URLs: no break inside (clreq
# "Handling Western text", JLREQ "unbreakable character sequences", ref §1.5).
# URL and e-mail use ASCII classes only: `\w` would also match Han and glue the
# Chinese text around an address into one unbreakable token.
_WORD = r"[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]"
_TOKEN_RE = re.compile(
    r"(?P<url>(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%]*[A-Za-z0-9/_~#=&%\-])"
    r"|(?P<mail>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"
    # A word may begin with a hyphen or a dot (`-verify`, `.zip`, `-5`): the
    # mark belongs to it and no break falls between them.
    rf"|(?:[$¥￥＄£￡€#＃]|[\-.‐](?={_WORD}))?{_WORD}+(?:[.,:'’\-_/&+·]{_WORD}+|[—–~～]\d+)*"
    r"[%％‰℃°′″]?"
)
# Where a URL or e-mail address longer than a line may break: after these
# (clreq has no rule; breaking after a slash, dot, hyphen or @ is the Chicago
# Manual habit, and the next line then starts with a letter).
_URL_BREAK_AFTER = frozenset("/.-@")

# Atom classes (per character, cached per font and style).
CLS_OTHER, CLS_HAN, CLS_WEST, CLS_WSYM, CLS_PUNCT = 0, 1, 2, 3, 4
_LETTER = (CLS_HAN, CLS_WEST)  # what counts as a character for 孤字
_SPACED = (CLS_WEST, CLS_WSYM)  # takes the CJK–Western gap next to Han

GLUE_NONE, GLUE_CJK_LATIN, GLUE_SPACE = 0, 1, 2


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
            left = (width - ln.natural) / 2 if align == "center" else 0.0
            shift = left - ln.left
            glyphs = tuple(Glyph(g.ch, g.x + shift, g.alt) for g in ln.glyphs)
            lines.append(Line(glyphs, width, ln.natural, ln.first, ln.last, ln.loose, left))
        return Paragraph(tuple(lines), self.missing, self.problems)


# ---------------------------------------------------------------------------
# prepare
# ---------------------------------------------------------------------------


@dataclass
class _Atoms:
    ch: list[str]
    cls: list[int]
    adv: list[float]  # advance mid-line, after fixed compression
    lshift: list[float]  # blank removed on the left: origin = cursor - lshift
    lblank: list[float]  # left blank still removable (line start, push-in)
    rblank: list[float]  # right blank still removable (line end, push-in)
    give: list[float]  # compression between this atom and the previous one that
    #                    expansion may give back (clreq 2 em → 1.5 em pairs)
    glue: list[float]  # space before the atom (dropped at line start)
    gkind: list[int]
    brk: list[bool]  # a line may start at this atom
    emerg: list[bool]  # … only inside a token longer than a line
    just: list[bool]  # inter-character expansion allowed before this atom
    intok: list[bool]  # the atom continues the token of the one before
    tokens: list[tuple[int, int, bool]]  # multi-atom tokens: first, last, is a URL
    cum: list[float]  # cum[i] = sum of glue+adv of atoms < i
    shr: list[float]  # prefix sums of push-in room per atom
    stp: list[float]  # prefix sums of push-out room per atom (within limits)
    missing: list[str]
    alt: list[bool]


# (advance, left blank, right blank, left shift, class, missing) per character,
# one table per (metrics, style): the per-character work of `prepare` is then a
# dictionary look-up.
_CharInfo = tuple[float, float, float, float, int, bool]
_TABLES: dict[tuple[int, TypesetStyle], tuple[Metrics, dict[str, _CharInfo]]] = {}


def _char_table(metrics: Metrics, style: TypesetStyle) -> dict[str, _CharInfo]:
    key = (id(metrics), style)
    hit = _TABLES.get(key)
    if hit is not None and hit[0] is metrics:
        return hit[1]
    if len(_TABLES) > 64:
        _TABLES.clear()
    table: dict[str, _CharInfo] = {}
    _TABLES[key] = (metrics, table)
    return table


def _char_info(c: str, metrics: Metrics, style: TypesetStyle) -> _CharInfo:
    o = ord(c)
    a = metrics.advances.get(o)
    missing = a is None
    if a is None:
        a = 1.0
    lb = rb = ls = 0.0
    if c in cjk.COMPRESSIBLE and abs(a - 1.0) < 0.02:
        # Which half is blank comes from the ink box (SC: ，。” left, “（ right;
        # ref §2.3). A mark without ink data stays full width.
        box = metrics.ink.get(o)
        if box is not None:
            if box[2] <= 0.55:
                rb = 0.5
            elif box[0] >= 0.45:
                lb = 0.5
        # Fixed widths of the punctuation style (ref §2.1): 半角式 sets every
        # mark half an em, 开明式 all but the sentence ends 。．？！.
        if style.punct_style == "banjiao" or (
            style.punct_style == "kaiming" and c not in cjk.KAIMING_FULL
        ):
            a -= rb + lb
            ls = lb
            rb = lb = 0.0
    elif c in cjk.INTERPUNCT:
        # GB style: an interpunct takes half an em, centred (clreq 3.1.6.1;
        # Noto's · is 0.327 em, ・ a full em, so both are re-centred).
        ls = (a - 0.5) / 2
        a = 0.5
    if cjk.is_han(c):
        cls = CLS_HAN
    elif cjk.is_western(c):
        cls = CLS_WEST
    elif c in cjk.WESTERN_SYMBOLS:
        cls = CLS_WSYM
    elif cjk.is_cjk_punct(c):
        cls = CLS_PUNCT
    else:
        cls = CLS_OTHER
    return (a, lb, rb, ls, cls, missing)


def prepare(
    text: str, metrics: Metrics, style: TypesetStyle = TypesetStyle(), emph: int = 0
) -> _Atoms:
    """Atoms of one paragraph: widths, blanks, glue and break opportunities."""
    # Token id per character: characters of one Latin word/number/URL share it.
    tok = [0] * len(text)
    spans: list[tuple[int, int, bool]] = []
    for n_tok, m in enumerate(_TOKEN_RE.finditer(text), 1):
        a0, a1 = m.span()
        if a1 - a0 > 1:
            tok[a0:a1] = [n_tok] * (a1 - a0)
            spans.append((a0, a1, m.lastgroup is not None))
    table = _char_table(metrics, style)
    space_w = metrics.advances.get(32, 0.25)
    ch: list[str] = []
    cls: list[int] = []
    adv: list[float] = []
    lshift: list[float] = []
    lblank: list[float] = []
    rblank: list[float] = []
    give: list[float] = []
    glue: list[float] = []
    gkind: list[int] = []
    tokid: list[int] = []
    nobreak: list[bool] = []
    missing: list[str] = []
    atom_of = [0] * (len(text) + 1)  # text index → atom index (for token spans)
    pending = ""  # the white space since the last atom ("" none)
    paired = False  # the previous atom is the second of a ？！ pair
    for i, c in enumerate(text):
        atom_of[i] = len(ch)
        if c.isspace():
            # An ideographic space outranks a word space; a no-break space
            # forbids the break (pending holds the one that wins).
            if not pending or c == "\u3000" or (c == "\u00a0" and pending != "\u3000"):
                pending = c
            continue
        info = table.get(c)
        if info is None:
            info = table[c] = _char_info(c, metrics, style)
        a, lb, rb, ls, cl, miss = info
        if miss:
            missing.append(c)
        g = 0.0
        kind = GLUE_NONE
        gv = 0.0
        pair_now = False
        if ch:
            pcl = cls[-1]
            if pending == "\u3000":
                # A full-width space (a headline's phrase break): one em of
                # white, counting the blank halves of marks beside it.
                g, kind = max(0.0, 1.0 - rblank[-1] - lb), GLUE_SPACE
            elif (pcl == CLS_HAN and cl in _SPACED) or (pcl in _SPACED and cl == CLS_HAN):
                # clreq 3.2.2: a quarter em between Han and Western letters or
                # digits; the author's space there becomes this gap.
                g, kind = style.cjk_latin_gap, GLUE_CJK_LATIN
            elif pending and pcl != CLS_PUNCT and cl != CLS_PUNCT:
                g, kind = space_w, GLUE_SPACE
            # (A space beside a full-width mark is dropped: the mark's own
            # blank half is the space, clreq 3.2.2.)
            elif c in cjk.COMPRESSIBLE and ch[-1] in cjk.COMPRESSIBLE:
                pa = adv[-1]
                if (
                    c in cjk.QUESTION_EXCLAIM
                    and ch[-1] in cjk.QUESTION_EXCLAIM
                    and not paired
                    and pa + a >= 1.5 - EPS
                ):
                    # GB/T 15834 5.1.2: ？！ ！？ ？？ ！！ together take one em
                    # (of three, the third pairs with nobody: two em).
                    adv[-1] = 0.5
                    rblank[-1] = 0.0
                    a -= rb
                    rb = 0.0
                    pair_now = True
                elif pa + a >= 2.0 - EPS and rblank[-1] + lb >= 0.5 - EPS:
                    # clreq 3.1.6.2: two adjacent full-width marks (2 em) are
                    # set in 1.5 em where blank meets blank: ”， 。” ）。 》、
                    # (also runs of three: each pair loses half an em).
                    take = min(rblank[-1], 0.5)
                    rblank[-1] -= take
                    adv[-1] -= take
                    rest = 0.5 - take
                    if rest > EPS:
                        lb -= rest
                        ls += rest
                        a -= rest
                    gv = 0.5
        paired = pair_now
        ch.append(c)
        cls.append(cl)
        adv.append(a)
        lshift.append(ls)
        lblank.append(lb)
        rblank.append(rb)
        give.append(gv)
        glue.append(g)
        gkind.append(kind)
        tokid.append(tok[i])
        nobreak.append(pending == "\u00a0")
        pending = ""
    atom_of[len(text)] = len(ch)
    n = len(ch)
    tokens = [(atom_of[a0], atom_of[a1] - 1, url) for a0, a1, url in spans]
    brk, emerg, just, intok = _breaks(ch, gkind, tokid, nobreak, tokens)
    cum = [0.0] * (n + 1)
    shr = [0.0] * (n + 1)
    stp = [0.0] * (n + 1)
    latin_shrink = style.cjk_latin_gap - style.cjk_latin_gap_min
    latin_stretch = style.cjk_latin_gap_max - style.cjk_latin_gap
    char_stretch = style.max_char_stretch
    c_sum = s_sum = t_sum = 0.0
    for i in range(n):
        gi = glue[i]
        c_sum += gi + adv[i]
        cum[i + 1] = c_sum
        kind = gkind[i]
        s = lblank[i] + rblank[i]
        t = give[i] + (char_stretch if just[i] else 0.0)
        if kind == GLUE_CJK_LATIN:
            s += latin_shrink
            t += latin_stretch
        elif kind == GLUE_SPACE:
            # clreq 3.8.2/3.8.3: word spaces shrink a quarter, stretch to 1/2 em.
            s += gi * 0.25
            t += max(0.0, 0.5 - gi)
        s_sum += s
        t_sum += t
        shr[i + 1] = s_sum
        stp[i + 1] = t_sum
    alt = [i < emph for i in range(n)]
    return _Atoms(
        ch,
        cls,
        adv,
        lshift,
        lblank,
        rblank,
        give,
        glue,
        gkind,
        brk,
        emerg,
        just,
        intok,
        tokens,
        cum,
        shr,
        stp,
        missing,
        alt,
    )


def _breaks(
    ch: list[str],
    gkind: list[int],
    tokid: list[int],
    nobreak: list[bool],
    tokens: list[tuple[int, int, bool]],
) -> tuple[list[bool], list[bool], list[bool], list[bool]]:
    """Where a line may start (禁则), where only in an over-long token, where
    justification may add space, and which atoms continue a token."""
    n = len(ch)
    brk = [False] * n
    emerg = [False] * n
    just = [False] * n
    intok = [False] * n  # the atom continues the Latin word/number/URL of the one before
    no_start = cjk.NO_BREAK_BEFORE
    no_end = cjk.NO_LINE_END
    long_marks = cjk.LONG_MARKS
    no_spread = cjk.CONNECTOR + cjk.SOLIDUS
    run = 1  # length of the run of one long mark ending at i
    for i in range(1, n):
        a, b = ch[i - 1], ch[i]
        same_tok = tokid[i] != 0 and tokid[i] == tokid[i - 1] and gkind[i] == GLUE_NONE
        intok[i] = same_tok
        # (no_start holds the long marks: —— and …… are one 2-em unit, GB/T
        # 15834 5.1.4-5, never split and, at clreq's strict level, never at a
        # line start; a single — is the 一字线 connector, clreq 3.1.4.)
        brk[i] = not same_tok and not nobreak[i] and b not in no_start and a not in no_end
        # No spacing inside a ……/—— unit (between two units there may be);
        # a CJK–Latin gap or a word space grows only to its own limit (1/2 em,
        # clreq 3.8.2), not by the even share of the characters.
        run = run + 1 if a == b and a in long_marks else 1
        just[i] = (
            not same_tok
            and gkind[i] == GLUE_NONE
            and not (run % 2 == 0)
            and b not in no_spread
            and a not in no_spread
        )
    for t0, t1, url in tokens:
        for i in range(t0 + 1, t1 + 1):
            a, b = ch[i - 1], ch[i]
            if b in no_start or a in no_end:
                continue
            # A URL breaks only after / . - @ (not inside "//"); any other
            # token (a long word or number) wherever 禁则 allow.
            if not url or (a in _URL_BREAK_AFTER and not (a == "/" and b == "/")):
                emerg[i] = True
    if n:
        brk[0] = True
    return brk, emerg, just, intok


# ---------------------------------------------------------------------------
# line fitting
# ---------------------------------------------------------------------------


@dataclass
class _Measure:
    """One paragraph being broken: its atoms, the measure and the break table."""

    at: _Atoms
    width: float
    indent: float
    style: TypesetStyle
    brk: list[bool]

    def line_width(self, s: int) -> float:
        return self.width - (self.indent if s == 0 else 0.0)

    def trims_start(self, s: int) -> bool:
        # clreq 3.1.6.3: an opening bracket at line start may lose its blank
        # half — but a paragraph's first line keeps it after the indent (the
        # indent then reads as two full ems before the mark's ink).
        return self.style.trim_line_start_open and not (s == 0 and self.indent > 0)

    def natural(self, s: int, e: int) -> float:
        """Width of atoms s..e set as one line, line-edge blanks removed."""
        at = self.at
        w = at.cum[e + 1] - at.cum[s] - at.glue[s] - at.rblank[e]
        if self.trims_start(s):
            w -= at.lblank[s]
        return w

    def hang(self, s: int, e: int, nat: float) -> float:
        """How much of the last mark hangs past the measure (行末悬挂), or 0.

        Only when the style allows it, only when the line does not fit
        otherwise, and only a single pause/stop mark (clreq 3.8.4: not after
        other punctuation)."""
        if not self.style.hanging or e <= s:
            return 0.0
        at = self.at
        if at.ch[e] not in cjk.PAUSE_STOP or at.cls[e - 1] == CLS_PUNCT:
            return 0.0
        w = self.line_width(s)
        part = at.adv[e] - at.rblank[e]
        if nat > w + EPS and nat - part <= w + EPS:
            return part
        return 0.0

    def set_width(self, s: int, e: int) -> float:
        """Natural width minus a hanging mark: what must fit the measure."""
        nat = self.natural(s, e)
        return nat - self.hang(s, e, nat)

    def shrink(self, s: int, e: int) -> float:
        """Push-in room inside a line: blanks of marks not at its edges, gaps."""
        if e <= s:
            return 0.0
        at = self.at
        # The edges' blanks are already gone (line start/end compression),
        # except an opening mark's after a first-line indent, which push-in may
        # still take (clreq 3.1.6.3 allows it there too).
        room = at.shr[e + 1] - at.shr[s + 1] + at.rblank[s] - at.rblank[e]
        if not self.trims_start(s):
            room += at.lblank[s]
        return max(room, 0.0)

    def stretch(self, s: int, e: int) -> float:
        """Push-out room inside a line within the style's limits."""
        if e <= s:
            return 0.0
        room = self.at.stp[e + 1] - self.at.stp[s + 1]
        if self.at.intok[s] or (e + 1 < len(self.at.ch) and self.at.intok[e + 1]):
            room += len(self.letter_slots(s, e)) * self.style.max_letter_stretch
        return room

    def letter_slots(self, s: int, e: int) -> list[int]:
        """Gaps between the letters of a token broken at this line's start or
        end (a fragment of a long URL): letter-spacing, the last resort of
        justification, may go there and nowhere else inside a word."""
        intok = self.at.intok
        out: list[int] = []
        k = s + 1  # first atom not taken from the front
        if intok[s]:
            while k <= e and intok[k]:
                out.append(k)
                k += 1
        if e + 1 < len(intok) and intok[e + 1]:
            j = e
            while j >= k and intok[j]:
                out.append(j)
                j -= 1
        return out

    def fits(self, s: int, e: int, last: bool) -> bool:
        """Atoms s..e can be set on one line without breaking the limits."""
        room = self.line_width(s) - self.set_width(s, e)
        if room < -EPS:
            return -room <= self.shrink(s, e) + EPS
        return last or room <= self.stretch(s, e) + EPS


def _long_token_breaks(at: _Atoms, width: float) -> list[bool]:
    """The break table with the emergency points of tokens wider than a line."""
    brk = at.brk
    for t0, t1, _url in at.tokens:
        if at.cum[t1 + 1] - at.cum[t0] - at.glue[t0] > width + EPS:
            if brk is at.brk:
                brk = list(brk)
            for i in range(t0 + 1, t1 + 1):
                if at.emerg[i]:
                    brk[i] = True
    return brk


def _fit(
    ms: _Measure, start: int = 0, tight: bool = False, problems: list[str] | None = None
) -> list[tuple[int, int]]:
    """Greedy line breaking with push-in/push-out; returns (start, end) pairs.

    For each line the last break that fits at natural width (push-out: the
    line is then spread) and the first that fits by compressing punctuation
    and gaps (push-in) are found; push-in wins when it needs less adjustment
    than push-out, or when push-out would exceed the stretch limits
    (clreq 3.1.7: 先挤进，后推出). `tight` always takes push-in when possible
    (used to pull a 孤字 up)."""
    at = ms.at
    n = len(at.ch)
    brk = ms.brk
    cum, shr, glue, rblank = at.cum, at.shr, at.glue, at.rblank
    lines: list[tuple[int, int]] = []
    s = start
    while s < n:
        w = ms.line_width(s)
        base = cum[s] + glue[s] + (at.lblank[s] if ms.trims_start(s) else 0.0)
        natural_end = -1
        pushin_end = -1
        k = s
        while k < n:
            if k + 1 == n or brk[k + 1]:
                nat = cum[k + 1] - base - rblank[k]
                if nat <= w + EPS or (ms.style.hanging and ms.hang(s, k, nat)):
                    natural_end = k
                else:
                    if nat - ms.shrink(s, k) <= w + EPS:
                        pushin_end = k
                    break
            elif cum[k + 1] - base - shr[k + 1] + shr[s + 1] > w + 4:
                break  # an unbreakable run far wider than the line
            k += 1
        if natural_end == n - 1:
            lines.append((s, n - 1))
            break
        if natural_end < 0 and pushin_end < 0:
            end = _emergency_end(ms, s, w, len(lines), problems)
        elif pushin_end < 0:
            end = natural_end
        elif natural_end < 0 or tight:
            end = pushin_end
        else:
            spread = w - ms.set_width(s, natural_end)
            squeeze = ms.natural(s, pushin_end) - w
            if spread <= EPS:
                end = natural_end
            elif squeeze <= spread + EPS or spread > ms.stretch(s, natural_end) + EPS:
                end = pushin_end
            else:
                end = natural_end
        lines.append((s, end))
        s = end + 1
    return lines


def _emergency_end(ms: _Measure, s: int, w: float, idx: int, problems: list[str] | None) -> int:
    """No legal break fits: break where it hurts least, and say so.

    In order: a point where 禁则 hold (inside a word — only reported when the
    word would fit a whole line, or inside a URL away from / . - @); else the
    last atom that fits (reported as a broken rule)."""
    at = ms.at
    n = len(at.ch)
    cum, base = at.cum, at.cum[s] + at.glue[s]
    fit = s
    for k in range(s, n):
        if cum[k + 1] - base - at.rblank[k] - ms.shrink(s, k) > w + EPS:
            break
        fit = k
    if fit == n - 1:
        return fit
    ch = at.ch
    for k in range(fit, s - 1, -1):
        a, b = ch[k], ch[k + 1]
        if b in cjk.NO_BREAK_BEFORE or a in cjk.NO_LINE_END:
            continue
        if problems is not None and not ms.brk[k + 1]:
            problems.append(f"line {idx + 1} broken inside a word: '{_text(at, s, k)}'")
        return k
    # A run of ……/—— longer than the line: break between two of its units.
    for k in range(fit, s - 1, -1):
        if ch[k + 1] in cjk.LONG_MARKS and _unit_start(ch, k + 1):
            if problems is not None:
                problems.append(
                    f"line {idx + 1} broken against the line-break rules: '{_text(at, s, k)}'"
                )
            return k
    if problems is not None:
        problems.append(
            f"line {idx + 1} broken against the line-break rules: '{_text(at, s, fit)}'"
        )
    return fit


def _unit_start(ch: list[str], i: int) -> bool:
    """Atom i begins a ……/—— unit (an even number of equal marks before it)."""
    run = 0
    while i - run - 1 >= 0 and ch[i - run - 1] == ch[i]:
        run += 1
    return run % 2 == 0


def _is_runt(at: _Atoms, s: int, e: int) -> bool:
    """A last line holding one character, punctuation after it aside (孤字,
    clreq 3.4.3: the last line should hold at least two characters)."""
    letters = 0
    cls = at.cls
    for k in range(s, e + 1):
        if cls[k] in _LETTER:
            letters += 1
            if letters > 1:
                return False
    return True


def _fix_runt(ms: _Measure, lines: list[tuple[int, int]]) -> bool:
    """Keep a single character off the last line. True if fixed.

    Remedies in order (clreq 3.4.3, and 先挤进，后推出 of 3.1.7): pull it up
    into the line above by push-in; bring characters down from the line above
    (which is then spread); pull it up by pushing in the lines further above
    (each gives room to the next)."""
    at = ms.at
    n = len(lines)
    s_last, e = lines[-1]

    def try_tight(j: int) -> bool:
        new = _fit(ms, lines[j][0], tight=True)
        if new == lines[j:] or _is_runt(at, *new[-1]):
            return False
        if not all(ms.fits(s, t, False) for s, t in new[:-1]):
            return False
        lines[j:] = new
        return True

    if try_tight(n - 2):
        return True
    ps, pe = lines[-2]
    for k in range(pe, ps, -1):  # the last line would start at k
        if not ms.brk[k] or _is_runt(at, k, e):
            continue
        if ms.fits(ps, k - 1, False) and ms.fits(k, e, True):
            lines[-2:] = [(ps, k - 1), (k, e)]
            return True
    return any(try_tight(j) for j in range(n - 3, max(-1, n - 5), -1))


# Costs of the repair pass (`_refit`), in em of adjustment: a line set within
# the style's limits costs the space it adds or removes; a line beyond them,
# a 孤字 and a line that cannot be made flush at all cost far more.
_LOOSE = 1000.0
_RUNT = 1500.0
_SHORT = 5000.0
# A URL or e-mail address that would fit a line is broken (after / . - @) only
# by the repair pass, and only where that saves a line beyond the limits.
_URL_BREAK = 300.0
# How many lines above the first bad one the repair pass may reset.
_REFIT_LINES = 5
_INF = float("inf")


def _line_cost(
    ms: _Measure, s: int, e: int, last: bool, runts: bool, jpre: list[int] | None = None
) -> float:
    """What setting atoms s..e as one line costs (see `_LOOSE`); `jpre`, if
    given, holds prefix counts of `at.just`."""
    room = ms.line_width(s) - ms.set_width(s, e)
    if room < -EPS:
        return -room if -room <= ms.shrink(s, e) + EPS else _INF
    if last:
        return _RUNT if runts and s > 0 and _is_runt(ms.at, s, e) else 0.0
    if room <= EPS:
        return 0.0
    within = ms.stretch(s, e)
    if room <= within + EPS:
        return room
    at = ms.at
    if jpre is None:
        slots = sum(1 for k in range(s + 1, e + 1) if at.just[k])
    else:
        slots = jpre[e + 1] - jpre[s + 1]
    slots += len(ms.letter_slots(s, e))
    if not slots:
        return _SHORT + room
    return _LOOSE + room + 100.0 * (room - within) / slots


def _refit(ms: _Measure, spans: list[tuple[int, int]], first: int) -> list[tuple[int, int]]:
    """The lines from `first` on again, chosen together, when the greedy ones
    leave a line beyond the spacing limits or a 孤字.

    A composer who meets such a line goes back and resets the lines above
    (clreq 3.4.3: push in, or bring characters down); here the rest of the
    paragraph from a few lines above is broken anew at its legal points (禁则
    as before) with the least total cost (`_line_cost`, Knuth–Plass style),
    and the new breaks are kept only if they cost less."""
    at = ms.at
    n = len(at.ch)
    runts = ms.style.fix_runts
    last_i = len(spans) - 1
    current = sum(
        _line_cost(ms, s, e, i == last_i, runts) for i, (s, e) in enumerate(spans) if i >= first
    )
    start = spans[first][0]
    brk = ms.brk
    soft = [False] * n  # URL break points of addresses shorter than a line
    for t0, t1, url in at.tokens:
        if url:
            for i in range(t0 + 1, t1 + 1):
                soft[i] = at.emerg[i] and not brk[i]
    cum, shr, lblank, glue = at.cum, at.shr, at.lblank, at.glue
    jpre = [0] * (n + 1)
    for k, j in enumerate(at.just):
        jpre[k + 1] = jpre[k] + j
    best = [_INF] * (n + 1)
    prev = [0] * (n + 1)
    best[start] = 0.0
    for s in range(start, n):
        base = best[s]
        if base == _INF:
            continue
        w = ms.line_width(s)
        lo = cum[s] + glue[s] - shr[s + 1] + lblank[s]
        for e in range(s, n):
            pen = 0.0
            if e + 1 < n and not brk[e + 1]:
                if not soft[e + 1]:
                    continue
                pen = _URL_BREAK
            c = _line_cost(ms, s, e, e == n - 1, runts, jpre) + pen
            if c < _INF and base + c < best[e + 1] - EPS:
                best[e + 1] = base + c
                prev[e + 1] = s
            if cum[e + 1] - lo - shr[e + 1] > w + EPS:
                break  # wider than the line even pushed in to the full
    if best[n] >= current - EPS:
        return spans
    out: list[tuple[int, int]] = []
    e = n
    while e > start:
        s = prev[e]
        out.append((s, e - 1))
        e = s
    return spans[:first] + out[::-1]


# ---------------------------------------------------------------------------
# justification
# ---------------------------------------------------------------------------


def _justify(
    ms: _Measure, s: int, e: int, x0: float, last: bool, spread: bool
) -> tuple[list[Glyph], float, bool]:
    """Glyph origins for atoms s..e on a line starting at x0.

    Returns the glyphs, the width the run occupies (line-edge blanks and a
    hanging mark excluded) and whether the spacing left the style's limits.
    A line wider than the measure is pushed in: first the blank halves of
    marks inside it, then CJK–Western gaps and word spaces down to their
    minimum (clreq 3.8.1 order, ref §4.2); a narrower one (not the last of its
    paragraph, and only if `spread`) is pushed out: first the half ems taken
    from adjacent marks are given back, then CJK–Western gaps and word
    spaces grow to 1/2 em, then all character gaps evenly up to
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
        if need > EPS:  # overfull: squeeze evenly (reported)
            loose = True
            slots = [k for k in range(s + 1, e + 1) if at.just[k]] or list(range(s + 1, e + 1))
            for k in slots:
                extra[k - s] -= need / len(slots)
    elif slack > EPS and not last and spread:
        need = slack
        extra = [0.0] * m
        pool = sum(at.give[s + 1 : e + 1])
        if pool > EPS:
            f = min(1.0, need / pool)
            for k in range(s + 1, e + 1):
                extra[k - s] += at.give[k] * f
            need -= pool * f
        if need > EPS and any(at.gkind[s + 1 : e + 1]):
            gaps = [(k, _gap_stretch(at, k, style)) for k in range(s + 1, e + 1)]
            room = sum(r for _, r in gaps)
            if room > EPS:
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
                # word alone): the word spaces take it all, else the gaps
                # between letters (reported)
                slots = [k for k in range(s + 1, e + 1) if at.gkind[k] != GLUE_NONE] or [
                    k for k in range(s + 1, e + 1) if at.intok[k]
                ]
                cap_c = 0.0
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
        for k in range(s, e + 1):
            if k > s:
                x += glue[k]
            lt = lshift[k] + (trim_start if k == s else 0.0)
            glyphs.append(Glyph(ch[k], x - lt, alt[k]))
            x += adv[k] - (trim_start if k == s else 0.0)
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
    x -= at.rblank[e] + hang
    return glyphs, x - x0, loose


def _gap_shrink(at: _Atoms, k: int, style: TypesetStyle) -> float:
    kind = at.gkind[k]
    if kind == GLUE_CJK_LATIN:
        return style.cjk_latin_gap - style.cjk_latin_gap_min
    if kind == GLUE_SPACE:
        return at.glue[k] * 0.25
    return 0.0


def _gap_stretch(at: _Atoms, k: int, style: TypesetStyle) -> float:
    kind = at.gkind[k]
    if kind == GLUE_CJK_LATIN:
        return style.cjk_latin_gap_max - style.cjk_latin_gap
    if kind == GLUE_SPACE:
        return max(0.0, 0.5 - at.glue[k])
    return 0.0


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
        return Paragraph(lines=(), missing=tuple(dict.fromkeys(at.missing)))
    ms = _Measure(at, width, indent, style, _long_token_breaks(at, width))
    problems: list[str] = []
    spans = _fit(ms, problems=problems)
    runt = style.fix_runts and len(spans) > 1 and _is_runt(at, *spans[-1])
    if runt:
        runt = not _fix_runt(ms, spans)
    found: list[str] = []
    lines = _build_lines(ms, spans, width, align, found)
    if align == "justify" and not problems and (found or runt):
        # A line beyond the limits or a 孤字 left: reset the lines above.
        bad = next((i for i, ln in enumerate(lines) if ln.loose), len(lines) - 1)
        new = _refit(ms, spans, max(0, bad - _REFIT_LINES))
        if new != spans:
            spans = new
            found = []
            lines = _build_lines(ms, spans, width, align, found)
            runt = style.fix_runts and len(spans) > 1 and _is_runt(at, *spans[-1])
    if runt:
        problems.append(f"single character on the last line: '{_text(at, *spans[-1])}'")
    problems.extend(found)
    return Paragraph(
        lines=tuple(lines),
        missing=tuple(dict.fromkeys(at.missing)),
        problems=tuple(problems),
    )


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
        if align == "center":
            left = (width - nat) / 2
            glyphs = [Glyph(g.ch, g.x + left - x0, g.alt) for g in glyphs]
        if loose:
            problems.append(
                f"line {idx + 1} could not be justified within limits: '{_text(ms.at, s, e)}'"
            )
        out.append(Line(tuple(glyphs), width, nat, first, last, loose, left))
    return out


def _text(at: _Atoms, s: int, e: int) -> str:
    return "".join(at.ch[s : e + 1])


def natural_width(text: str, metrics: Metrics, style: TypesetStyle = TypesetStyle()) -> float:
    """Width in em of `text` set on one line (line-edge blanks removed)."""
    at = prepare(text, metrics, style)
    if not at.ch:
        return 0.0
    return _Measure(at, 0.0, 0.0, style, at.brk).natural(0, len(at.ch) - 1)


def set_title(
    text: str,
    metrics: Metrics,
    width: float,
    *,
    style: TypesetStyle = TypesetStyle(),
    align: str = "center",
) -> Paragraph:
    """Set a headline (or kicker, subtitle, byline): balanced lines at natural width.

    The author's spaces between phrases are the preferred breaks
    (typesetting.md "Headlines"): the phrases are grouped into as few lines as
    fit, the grouping with the most even line lengths winning; such a space
    inside a line is an em of white. A phrase wider than the measure is broken
    at legal points (禁则 hold) into lines of about equal length, preferably
    not inside quotation marks or brackets, and never leaving a single
    character on a line. Spaces between Western words (`iPhone 16 Pro`) stay
    word spaces.
    """
    parts = _phrases(text)
    if not parts:
        return Paragraph(lines=())
    m = len(parts)
    widths: dict[tuple[int, int], float] = {}

    def group_width(i: int, j: int) -> float:  # parts i..j-1 on one line
        if (i, j) not in widths:
            widths[i, j] = natural_width("\u3000".join(parts[i:j]), metrics, style)
        return widths[i, j]

    balanced: dict[int, Paragraph] = {}

    def part_lines(i: int) -> Paragraph:
        if i not in balanced:
            balanced[i] = _balanced(parts[i], metrics, width, style)
        return balanced[i]

    def plan(cuts: tuple[int, ...]) -> tuple[int, float]:
        """(lines, unevenness) of one grouping of the parts."""
        bounds = (0, *cuts, m)
        count = 0
        lengths: list[float] = []
        for i, j in zip(bounds, bounds[1:], strict=False):
            gw = group_width(i, j)
            if gw <= width + EPS:
                count += 1
                lengths.append(gw)
            elif j - i == 1:
                para = part_lines(i)
                count += len(para.lines)
                lengths.extend(ln.natural for ln in para.lines)
            else:
                return (10**6, 0.0)  # a group wider than the line: not a choice
        return (count, max(lengths) - min(lengths))

    if m <= 10:
        options = (c for r in range(m) for c in combinations(range(1, m), r))
        best = min(options, key=plan)
    else:  # greedy: as many parts per line as fit
        cuts_list: list[int] = []
        i = 0
        for j in range(1, m + 1):
            if j > i + 1 and group_width(i, j) > width + EPS:
                cuts_list.append(j - 1)
                i = j - 1
        best = tuple(cuts_list)
    lines: list[Line] = []
    missing: list[str] = []
    problems: list[str] = []
    bounds = (0, *best, m)
    for i, j in zip(bounds, bounds[1:], strict=False):
        if group_width(i, j) <= width + EPS or j - i > 1:
            para = _one_line("\u3000".join(parts[i:j]), metrics, width, style)
        else:
            para = part_lines(i)
        lines.extend(para.lines)
        missing.extend(para.missing)
        problems.extend(para.problems)
    n = len(lines)
    lines = [
        Line(ln.glyphs, ln.width, ln.natural, k == 0, k == n - 1, ln.loose, ln.left)
        for k, ln in enumerate(lines)
    ]
    return Paragraph(tuple(lines), tuple(dict.fromkeys(missing)), tuple(problems)).rewidth(
        width, align
    )


def _phrases(text: str) -> list[str]:
    """A title split at the author's phrase spaces.

    A space is a phrase break when CJK text is on at least one side of it and
    no Western punctuation (`文 / 柯南枝`); between Western words and numbers
    it is an ordinary word space and stays in the phrase."""
    chunks = text.split()
    if not chunks:
        return []
    parts = [chunks[0]]
    for chunk in chunks[1:]:
        a, b = parts[-1][-1], chunk[0]
        cjk_side = _is_cjk_char(a) or _is_cjk_char(b)
        western_punct = _is_ascii_punct(a) or _is_ascii_punct(b)
        if cjk_side and not western_punct:
            parts.append(chunk)
        else:
            parts[-1] += " " + chunk
    return parts


def _is_cjk_char(c: str) -> bool:
    return cjk.is_han(c) or cjk.is_cjk_punct(c)


def _is_ascii_punct(c: str) -> bool:
    return c.isascii() and not c.isalnum()


def _one_line(text: str, metrics: Metrics, width: float, style: TypesetStyle) -> Paragraph:
    """`text` on a single left-aligned line (pushed in if a little too wide)."""
    at = prepare(text, metrics, style)
    ms = _Measure(at, width, 0.0, style, at.brk)
    problems: list[str] = []
    lines = _build_lines(ms, [(0, len(at.ch) - 1)], width, "left", problems)
    return Paragraph(tuple(lines), tuple(dict.fromkeys(at.missing)), tuple(problems))


# Cost, in em of unevenness, of breaking a headline inside quotation marks or
# brackets: a quoted phrase (“慢慢改”) reads as one unit.
_QUOTE_BREAK_COST = 5.0


# Costs of a headline break, in em² like the unevenness they are weighed
# against (`_balanced`): between two characters of a run, at a word space
# inside a Western phrase (`iPhone 16 | Pro`). After a pause or closing mark
# a break costs nothing.
_MID_BREAK_COST = 2.0
_WORD_BREAK_COST = 2.0


def _balanced(text: str, metrics: Metrics, width: float, style: TypesetStyle) -> Paragraph:
    """`text` broken into lines of even length, left-aligned on `width`.

    As few lines as fit, at legal points (禁则 hold, words whole while they
    fit a line), each holding at least two characters; among those the
    breaks with the least cost: the squared differences of the line lengths
    from their mean, plus `_QUOTE_BREAK_COST` for a break inside quotation
    marks or brackets and `_MID_BREAK_COST` / `_WORD_BREAK_COST` for one not
    after a mark (a tie goes to the longer first line)."""
    at = prepare(text, metrics, style)
    n = len(at.ch)
    if not n:
        return Paragraph(lines=())
    ms = _Measure(at, width, 0.0, style, _long_token_breaks(at, width))
    if ms.fits(0, n - 1, True):
        return _one_line(text, metrics, width, style)
    ch, brk = at.ch, ms.brk
    # Break penalties: pen[k] for a line starting at atom k.
    pen = [0.0] * (n + 1)
    depth = 0
    for k in range(1, n):
        c = ch[k - 1]
        if c in cjk.OPENING:
            depth += 1
        elif c in cjk.CLOSING and depth:
            depth -= 1
        if c in cjk.PAUSE_STOP or c in cjk.CLOSING:
            p = 0.0
        elif at.gkind[k] == GLUE_SPACE:
            p = _WORD_BREAK_COST
        else:
            p = _MID_BREAK_COST
        pen[k] = p + (_QUOTE_BREAK_COST if depth else 0.0)
    ok: dict[tuple[int, int], float] = {}  # (s, e) → natural width, for lines that may be

    def line(s: int, e: int) -> float | None:
        if (s, e) not in ok:
            fine = (e + 1 == n or brk[e + 1]) and ms.fits(s, e, True) and not _is_runt(at, s, e)
            ok[s, e] = ms.natural(s, e) if fine else -1.0
        w = ok[s, e]
        return None if w < 0 else w

    starts = [k for k in range(n) if k == 0 or brk[k]]
    # ends[k]: the last atom a line starting at k can reach, pushed in to the full
    ends = {}
    for k in starts:
        e = k
        while e + 1 < n and ms.natural(k, e + 1) - ms.shrink(k, e + 1) <= width + EPS:
            e += 1
        ends[k] = e
    # Fewest lines: count[k] = lines for atoms before k.
    count = {0: 0}
    for k in starts:
        if k not in count:
            continue
        for e in range(k, ends[k] + 1):
            if line(k, e) is not None and count.get(e + 1, 10**6) > count[k] + 1:
                count[e + 1] = count[k] + 1
    if n not in count:
        # No way within the rules: the plain paragraph breaker and its report.
        return set_paragraph(text, metrics, width, indent=0, style=style, align="left")
    lines_n = count[n]
    mean = ms.natural(0, n - 1) / lines_n
    # best[(c, k)]: least cost of atoms before k in c lines.
    best: dict[tuple[int, int], tuple[float, int]] = {(0, 0): (0.0, -1)}
    for c in range(lines_n):
        for k in starts:
            here = best.get((c, k))
            if here is None:
                continue
            for e in range(k, ends[k] + 1):
                w = line(k, e)
                if w is None or (e + 1 < n and c + 1 == lines_n):
                    continue
                cost = here[0] + (w - mean) ** 2 + pen[k] - (0.01 * w if k == 0 else 0.0)
                key = (c + 1, e + 1)
                if key not in best or cost < best[key][0] - EPS:
                    best[key] = (cost, k)
    spans: list[tuple[int, int]] = []
    c, e = lines_n, n
    while c:
        k = best[c, e][1]
        spans.append((k, e - 1))
        c, e = c - 1, k
    problems: list[str] = []
    lines = _build_lines(ms, spans[::-1], width, "left", problems)
    return Paragraph(tuple(lines), tuple(dict.fromkeys(at.missing)), tuple(problems))
