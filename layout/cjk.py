"""Character classes of Chinese text layout, as data (clreq, GB/T 15834, JLREQ).

Sets are those of shared/reference/cjk-typesetting.md §1.4 (derived from clreq
"Prohibition Rules for Line Start and Line End", basic level, plus the GB-style
rule for solidi) and the line-start list of shared/spec/typesetting.md.
Functions here answer questions about single characters; the typesetter
combines them.
"""

from __future__ import annotations

PAUSE_STOP = "、，。．：；！？‼⁇⁈⁉﹐﹑﹒﹔﹕﹖﹗"
CLOSING = "”’）〉》」』】〗〕］｝〙〛〞〟｠﹚﹜﹞"
OPENING = "“‘（〈《「『【〖〔［｛〘〚〝｟﹙﹛﹝"
CONNECTOR = "–～〜~‐‒"
INTERPUNCT = "·‧・･"
SOLIDUS = "/／⁄"
LONG_MARKS = "—⸺…⋯"
# One-dot and two-dot leaders (UAX #14 IN, like …): never at a line start.
LEADERS = "․‥"  # dash and ellipsis: doubled into one 2-em unit
ASCII_NO_START = ",.:;!?)]}"
ASCII_NO_END = "([{"
PREFIX_ABBR = "$¥￥＄£￡€№#＃"
POSTFIX_ABBR = "%％‰‱℃℉°′″‴¢￠"
# Japanese marks and Western guillemets of the spec's line-start list
# (typesetting.md, from JLREQ cl-02/cl-03/cl-10/cl-11): small kana, the
# prolonged sound mark, iteration marks.
OTHER_NO_START = "»ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ々〻゠"

# clreq basic + GB: a line must not start with these …
NO_LINE_START = frozenset(
    PAUSE_STOP
    + CLOSING
    + CONNECTOR
    + INTERPUNCT
    + SOLIDUS
    + ASCII_NO_START
    + POSTFIX_ABBR
    + OTHER_NO_START
    + LEADERS
)
# … nor end with these.
NO_LINE_END = frozenset(OPENING + ASCII_NO_END + PREFIX_ABBR + "«")
# clreq's strict level (严格处理) adds the dash and the ellipsis to the marks
# that do not start a line; the typesetter keeps it: —— and …… are one 2-em
# unit that is never split and never starts a line (a single — is the 一字线
# connector, which basic already keeps off a line start).
NO_BREAK_BEFORE = NO_LINE_START | frozenset(LONG_MARKS)

# Full-width marks whose ink sits in one half of the em box: the other half is
# blank and may be compressed (clreq 3.1.6). Which half is read from the font's
# ink box; these sets only say which marks are candidates.
COMPRESSIBLE = frozenset(PAUSE_STOP + CLOSING + OPENING)
# Marks set half-width in 开明式 when not at a sentence end.
KAIMING_FULL = frozenset("。．？！")
# GB/T 15834 5.1.2: two of these together take one em.
QUESTION_EXCLAIM = frozenset("？！")
# Units and measure words kept with the number before them (2024年, 10月,
# 12万户, 3.5公里: no break between the last digit and the word, as a
# proofreader asks; a style choice stricter than clreq and UAX #14).
MEASURE_WORDS = frozenset(
    "年月日时分秒号个元角万亿千百岁名人位次件项条台辆座所家户吨米里克斤倍层楼期届度批天周"
    "场支片只套张本册份株棵头匹架艘栋间公平立"
)
# Western symbols that take the CJK–Western gap like letters do (Typst's
# `add_cjk_latin_spacing` counts # $ % & with letters and numbers).
WESTERN_SYMBOLS = frozenset("#$%&")


def is_han(ch: str) -> bool:
    """Ideographs, kana, hangul and full-width letters: set solid on the grid."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x3FFFF
        or 0xF900 <= o <= 0xFAFF
        or 0x3040 <= o <= 0x30FF
        or 0xAC00 <= o <= 0xD7AF
        or 0x3005 <= o <= 0x3007
        or 0xFF10 <= o <= 0xFF19
        or 0xFF21 <= o <= 0xFF3A
        or 0xFF41 <= o <= 0xFF5A
        or 0x2460 <= o <= 0x24FF  # circled numbers ①
        or 0x25A0 <= o <= 0x25FF  # ■ □ ●
    )


def is_western(ch: str) -> bool:
    """Latin, Greek, Cyrillic letters and European digits (proportional, 西文)."""
    o = ord(ch)
    return (
        ch.isascii()
        and ch.isalnum()
        or 0x00C0 <= o <= 0x024F
        or 0x0370 <= o <= 0x03FF
        or 0x0400 <= o <= 0x04FF
    )


def is_cjk_punct(ch: str) -> bool:
    return ch in COMPRESSIBLE or ch in INTERPUNCT or ch in LONG_MARKS or ch in "～〜"


def is_space(ch: str) -> bool:
    """Any white space, ideographic and no-break spaces included."""
    return ch.isspace()
