"""UAX #14 pair rules (Unicode line breaking), tailored for Chinese copy.

The typesetter's own rules (clreq 禁则, unbreakable tokens, ——/……) decide
where a line may break; these rules can only take a break away. A break is
allowed when both agree, so newspage never breaks where UAX #14 forbids it,
with one tailoring after UAX #14 15.1 and later (LB19): a curly opening
quote “ ‘ may take a break before it when an East Asian character precedes
it, and a closing one ” ’ after it when one follows (UAX #14 15.0, whose test file Debian ships,
forbids every break beside a quotation mark). Straight quotes " ' have no
direction and keep no break on either side (LB19).

Rules implemented (numbers as in UAX #14): LB7–LB8 spaces, LB11 WJ, LB12/12a
GL, LB13 × CL CP EX IS SY, LB14 OP SP* ×, LB15 QU SP* × OP, LB16 (CL|CP)
SP* × NS, LB17 B2 SP* × B2, LB18 SP ÷, LB19/19a quotes (tailored as above),
LB21 × BA HY NS, BB ×, LB22 × IN, LB23 AL/NU, LB23a PR × ID, ID × PO, LB24
PR/PO with AL, LB25 numbers (the regular-expression form of example 7), LB28
AL × AL, LB29 IS × AL, LB30 AL/NU × OP30, CP30 × AL/NU. Classes come from
`lbdata` (generated from LineBreak.txt); a code point not listed there is ID
when it is wide East Asian (or one of the typesetter's Han-like symbols) and
AL otherwise (LB1: AI, XX, SA → AL or ID by context). CJ is NS (clreq
strict: small kana do not start a line).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right

from .. import cjk
from .lbdata import RANGES

NAMES = "AL ID CL CP OP NS EX IS QU NU PR PO HY BA B2 IN GL SY ZW WJ BB".split()
AL, ID, CL, CP, OP, NS, EX, IS, QU, NU, PR, PO, HY, BA, B2, IN, GL, SY, ZW, WJ, BB = range(
    len(NAMES)
)
_BY_NAME = {name: i for i, name in enumerate(NAMES)} | {"CJ": NS}

_STARTS: list[int] = []
_ENDS: list[int] = []
_CLASSES: list[int] = []
for _entry in RANGES.split():
    _rng, _cls = _entry.split(":")
    _a, _b = _rng.split("-")
    _STARTS.append(int(_a, 16))
    _ENDS.append(int(_b, 16))
    _CLASSES.append(_BY_NAME[_cls])

# Flags of a character beside its class (bit field, cached by the caller).
EA = 1  # East Asian wide, full-width, half-width or ambiguous (UAX #11 W, F, H, A)
PI = 2  # an initial quotation mark (general category Pi)
PF = 4  # a final quotation mark (Pf)


def lb_class(c: str) -> int:
    """The UAX #14 class of `c` as resolved for Chinese copy."""
    o = ord(c)
    k = bisect_right(_STARTS, o) - 1
    if k >= 0 and o <= _ENDS[k]:
        return _CLASSES[k]
    if cjk.is_han(c) or unicodedata.east_asian_width(c) in ("W", "F", "H"):
        return ID
    return AL


def lb_flags(c: str) -> int:
    # Ambiguous width (“ ” ‘ ’ · …) resolves to wide in Chinese copy (UAX #11).
    f = EA if unicodedata.east_asian_width(c) in ("W", "F", "H", "A") else 0
    cat = unicodedata.category(c)
    if cat == "Pi":
        f |= PI
    elif cat == "Pf":
        f |= PF
    return f


_AFTER_SPACE_NO = frozenset((CL, CP, EX, IS, SY, WJ, ZW))
_NO_BEFORE = frozenset((CL, CP, EX, IS, SY, WJ, ZW, BA, HY, NS, IN))
_NUM_TAIL = frozenset((NU, SY, IS, CL, CP))
_NUM_MID = frozenset((NU, SY, IS))
_PRPO = frozenset((PR, PO))
_OPHY = frozenset((OP, HY))


def allowed(cls: list[int], flags: list[int], spaced: list[bool]) -> list[bool]:
    """ok[i]: UAX #14 (tailored) allows a break before atom i.

    `cls` and `flags` per atom (spaces are not atoms); `spaced[i]` is true
    when white space stands between atoms i-1 and i."""
    n = len(cls)
    ok = [True] * n
    if not n:
        return ok
    ok[0] = False
    num = cls[0] == NU  # atom i-1 ends a run NU (NU|SY|IS)*
    num_close = False  # … followed by one CL or CP
    for i in range(1, n):
        a, b = cls[i - 1], cls[i]
        if a == ID and b == ID:  # the common case: LB31
            num = num_close = False
            continue
        if spaced[i]:
            ok[i] = not (
                b in _AFTER_SPACE_NO
                or a == OP
                or (a == QU and b == OP)
                or ((a == CL or a == CP) and b == NS)
                or (a == B2 and b == B2)
                or a == WJ
            )
            num = b == NU
            num_close = False
            continue
        ok[i] = _pair(a, b, i, cls, flags, num, num_close)
        # the numeric context of atom i (LB25)
        if b == NU:
            num, num_close = True, False
        elif b in _NUM_MID and num:
            num_close = False
        elif (b == CL or b == CP) and num:
            num, num_close = False, True
        else:
            num = num_close = False
    return ok


def _pair(a: int, b: int, i: int, cls: list[int], flags: list[int], num: bool, nc: bool) -> bool:
    """LB11–LB31 for two adjacent atoms (no space between)."""
    if a == WJ or a == GL or a == BB or a == OP:
        return False
    if b == GL and a not in (BA, HY):
        return False
    if b in _NO_BEFORE:
        return False
    if (a == CL or a == CP) and b == NS:
        return False
    if a == B2 and b == B2:
        return False
    if b == QU or a == QU:
        return _quote_break(i, cls, flags)
    # LB23–LB25: letters, numbers and their signs
    if b == NU and (a in _PRPO or a in _OPHY or a == AL or num):
        return False
    if a == NU and b == AL:
        return False
    if a in _PRPO and b in _OPHY and i + 1 < len(cls) and cls[i + 1] == NU:
        return False
    if num and b in _NUM_TAIL:
        return False
    if (num or nc) and b in _PRPO:
        return False
    if a == PR and b == ID or a == ID and b == PO:
        return False
    if a in _PRPO and b == AL or a == AL and b in _PRPO:
        return False
    if a == AL and b == AL or a == IS and b == AL:
        return False
    # LB30: Latin and numbers against non-wide brackets
    if (a == AL or a == NU) and b == OP and not flags[i] & EA:
        return False
    if a == CP and (b == AL or b == NU) and not flags[i - 1] & EA:
        return False
    return True


def _quote_break(i: int, cls: list[int], flags: list[int]) -> bool:
    """Quotation marks by direction (UAX #14 15.1 LB19, tailored): a break
    before an opening curly quote that follows an East Asian character, after
    a closing one that an East Asian character follows; none beside a
    straight quote. (15.1's LB19a also looks at the far side of the mark;
    Chinese copy breaks before “ whatever it quotes: `，“AI”`.)"""
    a, b = cls[i - 1], cls[i]
    if b == QU and (not flags[i] & PI or not flags[i - 1] & EA):
        return False
    if a == QU and (not flags[i - 1] & PF or not flags[i] & EA):
        return False
    return True
