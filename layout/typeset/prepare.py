"""`prepare`: a paragraph's text → atoms with advances, compressible blanks,
glue, stretch and break opportunities (禁则, unbreakable tokens)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from operator import add

from .. import cjk
from ..fonts import Metrics
from . import uax14
from .types import (
    CLS_HAN,
    CLS_OTHER,
    CLS_PUNCT,
    CLS_WEST,
    CLS_WSYM,
    DEFAULT_STYLE,
    EPS,
    GLUE_CJK_LATIN,
    GLUE_HAN_SPACE,
    GLUE_NONE,
    GLUE_SPACE,
    SPACED,
    TypesetStyle,
)

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
# Where a URL or e-mail address may break: The Chicago Manual of Style 6.17
# (clreq sets a Latin run by the rules of its own script): after a colon or a
# double slash; before a single slash, a tilde, a hyphen, an underline or a
# number sign; before or after = and &. Its breaks before a period, a comma, a
# question mark or a percent sign would start a line with one (禁则, the
# spec's line-start list), so the break goes after those two marks that may
# end a line, the dot and the question mark. Never after a hyphen: a hyphen at
# a line end reads as a hyphenation, and whoever copies the address drops it.
# An e-mail address breaks after @, before a hyphen and, as a last resort
# (`_long_token_breaks`), after a dot.
_URL_BEFORE = frozenset("/~-_#=&")
_URL_AFTER = frozenset(":.?=&@")
_MAIL_BEFORE = frozenset("-")
_MAIL_AFTER = frozenset(".@")
# Marks that may start a line inside an address, though not in Chinese text
# (the solidus, 分隔号, and the tilde, a connector).
_URL_MAY_START = frozenset("/~")
_BLANK_RE = re.compile(r"\s")


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
    # the blank a mark at a line end gives back when the line is spread: the
    # mark full width again (`_Measure.edges`); 0 where it is not a mark
    # with its blank on the right, or its left was cut
    endgive: list[float]


# (advance, left blank, right blank, left shift, class, missing) per character,
# one table per (metrics, style): the per-character work of `prepare` is then a
# dictionary look-up.
_CharInfo = tuple[float, float, float, float, int, bool, int, int]
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
    return (a, lb, rb, ls, cls, missing, uax14.lb_class(c), uax14.lb_flags(c))


def by_metrics(fn):
    """`fn(text, metrics, ...)` memoised as `prepare` is: a pure function of its
    arguments (metrics by identity: a face's metrics are one object), whose
    result is immutable or never changed by its users, so it is shared."""
    memo: dict[tuple, tuple[Metrics, object]] = {}

    def memoised(text, metrics, *args, **kw):
        key = (text, id(metrics), args, tuple(kw.items()))
        hit = memo.get(key)
        if hit is not None and hit[0] is metrics:
            return hit[1]
        if len(memo) > 4096:
            memo.clear()
        out = fn(text, metrics, *args, **kw)
        memo[key] = (metrics, out)
        return out

    memoised.__name__, memoised.__doc__, memoised.__wrapped__ = fn.__name__, fn.__doc__, fn
    return memoised


# prepare's results by (text, metrics, style, emph): make-up and headlines set
# the same text many times over (1 537 calls, 125 texts on the sample page).
_PREPARED: dict[tuple, tuple[Metrics, _Atoms]] = {}


def prepare(
    text: str, metrics: Metrics, style: TypesetStyle = DEFAULT_STYLE, emph: int = 0
) -> _Atoms:
    """Atoms of one paragraph: widths, blanks, glue and break opportunities.

    Memoised: the atoms are shared, and no user changes them (they copy a
    list before changing it, as `_long_token_breaks` does)."""
    key = (text, id(metrics), style, emph)
    hit = _PREPARED.get(key)
    if hit is not None and hit[0] is metrics:
        return hit[1]
    if len(_PREPARED) > 4096:
        _PREPARED.clear()
    at = _prepare(text, metrics, style, emph)
    _PREPARED[key] = (metrics, at)
    return at


def _prepare(text: str, metrics: Metrics, style: TypesetStyle, emph: int) -> _Atoms:
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
    size = len(text)
    # Per atom (at most one per character; cut to the atom count below). The
    # lists whose value is the common one (a Han character after Han) are
    # filled with it beforehand, so the common case writes five values.
    ch: list[str] = []
    cls: list[int] = []
    adv: list[float] = []
    lbcls: list[int] = []
    lbflags: list[int] = []
    lshift = [0.0] * size
    lblank = [0.0] * size
    rblank = [0.0] * size
    give = [0.0] * size
    glue = [0.0] * size
    gkind = [GLUE_NONE] * size
    tokid = [0] * size
    nobreak = [False] * size
    spaced = [False] * size
    missing: list[str] = []
    pending = ""  # the white space since the last atom ("" none)
    paired = False  # the previous atom is the second of a ？！ pair
    j = 0  # atoms so far
    pcl = -1  # class of the previous atom
    for i, c in enumerate(text):
        info = table.get(c)
        if info is None:  # (white space is never in the table)
            if c.isspace():
                # An ideographic space outranks a word space; a no-break space
                # forbids the break (pending holds the one that wins).
                if not pending or c == "\u3000" or (c == "\u00a0" and pending != "\u3000"):
                    pending = c
                continue
            info = table[c] = _char_info(c, metrics, style)
        a, lb, rb, ls, cl, miss, lbc, lbf = info
        if cl == CLS_HAN and not pending and not miss and pcl not in SPACED and not ls:
            # The common case, a Han character after Han or a mark: no glue,
            # no compression (what the general path below would find; a Han
            # character has no blank halves and belongs to no token; ・ is
            # re-centred, so takes the general path).
            paired = False
            ch.append(c)
            cls.append(cl)
            adv.append(a)
            lbcls.append(lbc)
            lbflags.append(lbf)
            pcl = cl
            j += 1
            continue
        if miss:
            missing.append(c)
        g = 0.0
        kind = GLUE_NONE
        gv = 0.0
        pair_now = False
        if j:
            if pending == "\u3000":
                # A full-width space (a headline's phrase break): one em of
                # white, counting the blank halves of marks beside it.
                g, kind = max(0.0, 1.0 - rblank[j - 1] - lb), GLUE_SPACE
            elif (pcl == CLS_HAN and cl in SPACED) or (pcl in SPACED and cl == CLS_HAN):
                # clreq 3.2.2: a quarter em between Han and Western letters or
                # digits; the author's space there becomes this gap.
                g, kind = style.cjk_latin_gap, GLUE_CJK_LATIN
            elif pending and pcl != CLS_PUNCT and cl != CLS_PUNCT:
                g = space_w
                kind = GLUE_HAN_SPACE if pcl == CLS_HAN and cl == CLS_HAN else GLUE_SPACE
            elif pending and (
                (pcl == CLS_HAN and c in cjk.OPENING and lb >= 0.5 - EPS)
                or (cl == CLS_HAN and ch[-1] in cjk.CLOSING and rblank[j - 1] >= 0.5 - EPS)
            ):
                # A word space of the copy between a Han character and a
                # bracket or quote (本报讯 “旧手机…): the mark's blank half is
                # the space (clreq 3.2.2), which may still grow to a full em
                # where the line is spread, as a separator does, before the
                # characters are letter-spaced.
                kind = GLUE_HAN_SPACE
            # (Any other space beside a full-width mark is dropped: the
            # mark's own blank half is the space, clreq 3.2.2.)
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
                    rblank[j - 1] = 0.0
                    a -= rb
                    rb = 0.0
                    pair_now = True
                elif pa + a >= 2.0 - EPS and rblank[j - 1] + lb >= 0.5 - EPS:
                    # clreq 3.1.6.2: two adjacent full-width marks (2 em) are
                    # set in 1.5 em where blank meets blank: ”， 。” ）。 》、
                    # (also runs of three: each pair loses half an em).
                    take = min(rblank[j - 1], 0.5)
                    rblank[j - 1] -= take
                    adv[-1] -= take
                    rest = 0.5 - take
                    if rest > EPS:
                        lb -= rest
                        ls += rest
                        a -= rest
                    gv = 0.5
        if j and not pending and kind == GLUE_NONE:
            # A full-width mark beside Western letters or digits keeps a
            # quarter em of its blank half, the width of the CJK–Western gap
            # (clreq 3.2.2): `，170`, `AI（`; half an em there reads as a hole.
            # A spread line gives it back first, as it does a pair's half em.
            if cl in SPACED and pcl == CLS_PUNCT and rblank[j - 1] >= 0.5 - EPS:
                rblank[j - 1] -= 0.25
                adv[-1] -= 0.25
                gv = 0.25
            elif pcl in SPACED and cl == CLS_PUNCT and lb >= 0.5 - EPS:
                lb -= 0.25
                ls += 0.25
                a -= 0.25
                gv = 0.25
        paired = pair_now
        ch.append(c)
        cls.append(cl)
        adv.append(a)
        lbcls.append(lbc)
        lbflags.append(lbf)
        lshift[j] = ls
        lblank[j] = lb
        rblank[j] = rb
        give[j] = gv
        glue[j] = g
        gkind[j] = kind
        tokid[j] = tok[i]
        nobreak[j] = pending == "\u00a0"
        spaced[j] = pending != ""
        pending = ""
        pcl = cl
        j += 1
    for lst in (lshift, lblank, rblank, give, glue, gkind, tokid, nobreak, spaced):
        del lst[j:]
    n = len(ch)
    tokens = []
    if spans:
        # text index → atom index: the white space before it does not count
        blanks = [m.start() for m in _BLANK_RE.finditer(text)]
        for a0, a1, url in spans:
            tokens.append((a0 - bisect_left(blanks, a0), a1 - 1 - bisect_left(blanks, a1), url))
    uax = uax14.allowed(lbcls, lbflags, spaced)
    brk, emerg, just, intok = _breaks(ch, cls, gkind, tokid, nobreak, tokens, uax)
    latin_shrink = style.cjk_latin_gap - style.cjk_latin_gap_min
    latin_stretch = style.cjk_latin_gap_max - style.cjk_latin_gap
    char_stretch = style.max_char_stretch
    # Per atom: push-in room (blank halves) and push-out room (half ems given
    # back, spacing between characters), then the gaps before it; as prefix
    # sums (C loops: the common atom has no gap).
    sh = list(map(add, lblank, rblank))
    st = [char_stretch if j else 0.0 for j in just]
    if any(give):
        st = list(map(add, st, give))
    for i, kind in enumerate(gkind):
        if kind == GLUE_NONE:
            continue
        gi = glue[i]
        if kind == GLUE_CJK_LATIN:
            sh[i] += latin_shrink
            st[i] += latin_stretch
        elif kind == GLUE_HAN_SPACE:
            sh[i] += gi
            st[i] += max(0.0, 0.5 - gi)
        elif kind == GLUE_SPACE:
            # clreq 3.8.2/3.8.3: word spaces shrink a quarter, stretch to 1/2 em.
            sh[i] += gi * 0.25
            st[i] += max(0.0, 0.5 - gi)
    cum = list(accumulate(map(add, glue, adv), initial=0.0))
    shr = list(accumulate(sh, initial=0.0))
    stp = list(accumulate(st, initial=0.0))
    alt = [i < emph for i in range(n)]
    endgive = [0.0] * n
    if CLS_PUNCT in cls:
        for i in [i for i, c in enumerate(cls) if c == CLS_PUNCT]:
            full, _lb, rb0 = table[ch[i]][:3]
            if rb0 > EPS and lshift[i] <= EPS:
                endgive[i] = full - adv[i] + rblank[i]
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
        endgive,
    )


def _breaks(
    ch: list[str],
    cls: list[int],
    gkind: list[int],
    tokid: list[int],
    nobreak: list[bool],
    tokens: list[tuple[int, int, bool]],
    uax: list[bool],
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
    measure = cjk.MEASURE_WORDS
    run = 1  # length of the run of one long mark ending at i
    for i in range(1, n):
        if (
            cls[i] == CLS_HAN
            and cls[i - 1] == CLS_HAN
            and gkind[i] == GLUE_NONE
            and ch[i] not in no_start
        ):
            # The common case, two Han characters set solid (no token, no
            # space, no mark; 々 and small kana are in no_start): what the
            # rules below find.
            brk[i] = uax[i]
            just[i] = True
            run = 1
            continue
        a, b = ch[i - 1], ch[i]
        same_tok = tokid[i] != 0 and tokid[i] == tokid[i - 1] and gkind[i] == GLUE_NONE
        intok[i] = same_tok
        # (no_start holds the long marks: —— and …… are one 2-em unit, GB/T
        # 15834 5.1.4-5, never split and, at clreq's strict level, never at a
        # line start; a single — is the 一字线 connector, clreq 3.1.4.)
        brk[i] = (
            uax[i]
            and not same_tok
            and not nobreak[i]
            and b not in no_start
            and a not in no_end
            and not (b in measure and "0" <= a <= "9")
            and not (a in _PAIRED and _odd_run(ch, i - 1))
        )
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
        web = url and "@" not in ch[t0 : t1 + 1]
        for i in range(t0 + 1, t1 + 1):
            if url:
                emerg[i] = _address_point(ch, i, t0, t1, web)
            elif ch[i] not in no_start and ch[i - 1] not in no_end:
                # a long word or number: wherever 禁则 allow
                emerg[i] = True
    if n:
        brk[0] = True
    return brk, emerg, just, intok


# A single — (the 一字线 connector: 6月3日—10月24日) or … never ends a line: a line
# ending in one reads as a split —— or …… (GB/T 15834 5.1.4-5; the auditor counts
# it so); it already never starts one (cjk.NO_BREAK_BEFORE).
_PAIRED = frozenset("—…")


def _odd_run(ch: list[str], j: int) -> bool:
    """The run of the mark ch[j] that ends at atom j is of odd length."""
    c, k = ch[j], j
    while k > 0 and ch[k - 1] == c:
        k -= 1
    return (j - k + 1) % 2 == 1


def _address_point(ch: list[str], i: int, t0: int, t1: int, web: bool) -> bool:
    """A URL (`web`) or e-mail address in atoms t0..t1 may break before atom
    i (see `_URL_BEFORE`)."""
    a, b = ch[i - 1], ch[i]
    if a in cjk.NO_LINE_END or (b in cjk.NO_BREAK_BEFORE and b not in _URL_MAY_START):
        return False
    if a == "/":  # after a double slash, not inside one
        return i - 2 >= t0 and ch[i - 2] == "/" and b != "/"
    if b == "/":  # before a single slash (not https: | //)
        return a != ":" and not (i + 1 <= t1 and ch[i + 1] == "/")
    if a == "-":
        return False
    before, after = (_URL_BEFORE, _URL_AFTER) if web else (_MAIL_BEFORE, _MAIL_AFTER)
    return b in before or a in after


def _text(at: _Atoms, s: int, e: int) -> str:
    return "".join(at.ch[s : e + 1])
