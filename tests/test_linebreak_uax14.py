"""Line breaking held against Unicode's own test cases (UAX #14, issue 18).

`LineBreakTest.txt` (Debian `unicode-data`, installed by scripts/setup.sh)
lists strings with every position marked ÷ (break allowed) or × (no break).
The cases kept are those made only of the classes Chinese copy uses (ID CL
CP OP NS EX IS QU NU AL PR PO HY BA B2 IN SP; OP30/CP30 count as OP/CP).
Each is run three times: with Unicode's own sample characters, and twice
with Chinese characters of the same class (，。（《：〜！？“”￥％℃—…‥; classes
with no Chinese member keep their sample). newspage's break opportunities
(`prepare(...).brk`: a line may start at this atom) are compared with the
expected marks, position by position.

Every difference must match a row of `ALLOWED`, which gives its reason:
clreq is stricter, quotes by direction (UAX #14 15.1 and later), or a style
choice. Anything else fails, and so does a row that no case uses.
With LineBreakTest 15.0.0: 794 cases kept (2,382 strings), 11 table rows;
0 positions where newspage breaks and UAX #14 forbids it outside the rows.

Below that, each defect of issue 18 has a test from the copy it came from.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from layout import cjk
from layout.fonts import load_fontset
from layout.typeset import prepare, set_paragraph

M = load_fontset().face("song").metrics
TEST_FILE = Path("/usr/share/unicode/auxiliary/LineBreakTest.txt")
KEEP = set("ID CL CP OP NS EX IS QU NU AL PR PO HY BA B2 IN SP".split())
ALIAS = {"OP_OP30": "OP", "CP_CP30": "CP"}
# Chinese characters of each class (raw class names: OP30/CP30 keep their
# ASCII brackets, whose rules (LB30) differ from those of 《（).
CHINESE = [
    {
        "ID": "中",
        "CL": "）",
        "OP": "（",
        "NS": "：",
        "EX": "！",
        "QU": "“",
        "PR": "￥",
        "PO": "％",
        "B2": "—",
        "IN": "…",
    },
    {
        "ID": "国",
        "CL": "。",
        "OP": "《",
        "NS": "〜",
        "EX": "？",
        "QU": "”",
        "PO": "℃",
        "BA": "‐",
        "IN": "‥",
    },
]


@dataclass(frozen=True)
class Diff:
    left: str  # class of the last non-space character before the position
    left_ch: str
    spaced: bool  # white space between it and the next character
    right: str  # class of the character after the position
    right_ch: str
    uax: str  # ÷ or ×
    ours: str


# (name, test, reason). A difference must satisfy one test.
NO_START_MARKS = {"NS", "IN", "BA", "QU", "CL", "CP", "EX", "IS"}
ALLOWED: list[tuple[str, object, str]] = [
    (
        "—— never starts a line",
        lambda d: d.right == "B2" and d.ours == "×",
        "clreq is stricter: —— is one 2-em unit that never starts a line "
        "(clreq strict level, GB/T 15834 5.1.4); a single — is the 一字线 connector",
    ),
    (
        "a single — or … never ends a line",
        lambda d: d.left in ("B2", "IN") and d.ours == "×",
        "clreq is stricter: a line ending in one — or … reads as a split —— or …… "
        "(GB/T 15834 5.1.4-5; the auditor counts it so): 6月3日—10月 is kept whole",
    ),
    (
        "postfix sign never starts a line",
        lambda d: d.right == "PO" and d.ours == "×",
        "clreq is stricter: % ％ ℃ ‰ ° never start a line (clreq prohibition rules)",
    ),
    (
        "prefix sign never ends a line",
        lambda d: d.left == "PR" and d.ours == "×",
        "clreq is stricter: $ ¥ ￥ £ € never end a line, a space after them aside",
    ),
    (
        "# is a prefix sign",
        lambda d: d.left_ch == "#" and d.ours == "×",
        "a style choice: # (as in #3, C#) is kept with what follows like a prefix sign",
    ),
    (
        "a mark after a space still does not start a line",
        lambda d: d.spaced and d.right in NO_START_MARKS and d.ours == "×",
        "clreq is stricter: a closing mark, pause, leader or hyphen never starts a "
        "line; a space before it is dropped, not a break (UAX #14 LB18 allows one)",
    ),
    (
        "an opening quote never ends a line",
        lambda d: d.left == "QU" and d.left_ch in '“‘"' and d.spaced and d.ours == "×",
        "clreq is stricter: an opening quotation mark never ends a line, even before a space",
    ),
    (
        "a hyphen stays with its word or number",
        lambda d: d.left in ("HY", "BA") and d.right in ("AL", "NU") and d.ours == "×",
        "a style choice: a hyphen inside a Latin word or before a digit (-verify, "
        "‐5) belongs to the token and breaks only in a token longer than the line",
    ),
    (
        "a leading decimal point stays with its number",
        lambda d: d.left == "IS" and d.right == "NU" and d.ours == "×",
        "a style choice: .35 is one number; a token breaks only when longer than the line",
    ),
    (
        "a number keeps its measure word",
        lambda d: (
            d.right_ch in cjk.MEASURE_WORDS
            and d.ours == "×"
            and (d.left == "NU" or d.left_ch.isspace())
        ),
        "a style choice: a number stays with its unit or measure word (2024年, 23本; "
        "issue 15.5), also across a space of the copy",
    ),
    (
        "quotes by direction",
        lambda d: d.ours == "÷" and (d.left == "QU" or d.right == "QU"),
        "quotes by direction, as in UAX #14 15.1 and later (LB19): a break before “ "
        "after a Chinese character, after ” before one (15.0 forbids both)",
    ),
]


def _cases() -> list[tuple[list[str], list[str], list[str]]]:
    """(characters, classes, marks between them) of the kept cases."""
    out = []
    for line in TEST_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        data, _, comment = line.partition("#")
        toks = data.split()
        raw = re.findall(r"\(([A-Za-z0-9_]+)\)", comment)
        classes = [ALIAS.get(c, c) for c in raw]
        if not all(c in KEEP for c in classes):
            continue
        chars = [chr(int(t, 16)) for t in toks[1::2]]
        # U+0009 is the file's BA sample; a tab is white space to the
        # typesetter, so | (also BA) stands for it.
        chars = ["|" if c == "\t" else c for c in chars]
        out.append((chars, classes, raw, toks[2:-1:2]))
    return out


def _ours(text: str) -> list[str]:
    """÷/× before each character of `text` after the first (a space is never
    a break before it: the break falls after the spaces)."""
    at = prepare(text, M)
    marks = []
    atom = -1
    idx = []
    for c in text:
        if c.isspace():
            idx.append(None)
        else:
            atom += 1
            idx.append(atom)
    for j in range(1, len(text)):
        a = idx[j]
        marks.append("÷" if a and at.brk[a] else "×")
    return marks


def _diffs() -> tuple[int, list[tuple[Diff, str]]]:
    out = []
    strings = 0
    for chars, classes, raw, marks in _cases():
        for sub in [{}, *CHINESE]:
            text = "".join(sub.get(r, c) for c, r in zip(chars, raw, strict=True))
            strings += 1
            for j, (uax, ours) in enumerate(zip(marks, _ours(text), strict=True), 1):
                if uax == ours or all(c == "SP" for c in classes[:j]):
                    continue  # (nothing before the position: not a line break)
                k = j - 1
                while k > 0 and classes[k] == "SP":
                    k -= 1
                d = Diff(classes[k], text[k], k < j - 1, classes[j], text[j], uax, ours)
                out.append((d, text))
    return strings, out


@pytest.fixture(scope="module")
def diffs():
    if not TEST_FILE.exists():
        pytest.fail(f"{TEST_FILE} missing: install Debian unicode-data (scripts/setup.sh)")
    return _diffs()


def test_case_count(diffs):
    strings, _ = diffs
    assert strings == 3 * len(_cases()) and strings > 2000


def test_every_difference_is_in_the_table(diffs):
    _, found = diffs
    unexplained = [(d, text) for d, text in found if not any(test(d) for _, test, _ in ALLOWED)]
    assert not unexplained, unexplained[:20]


def test_no_break_where_uax14_forbids_except_quotes(diffs):
    _, found = diffs
    loose = [(d, text) for d, text in found if d.ours == "÷"]
    assert all(d.left == "QU" or d.right == "QU" for d, _ in loose), loose[:10]


def test_every_table_row_is_used(diffs):
    _, found = diffs
    used = Counter(name for d, _ in found for name, test, _ in ALLOWED if test(d))
    unused = [name for name, _, _ in ALLOWED if not used[name]]
    assert not unused, used


# ---------------------------------------------------------------------------
# The defects of issue 18, each with the copy it came from. ÷ marks every
# place a line may break (between atoms; spaces are not atoms).
# ---------------------------------------------------------------------------


def marked(text: str) -> str:
    at = prepare(text, M)
    return "".join(("÷" if i and at.brk[i] else "") + c for i, c in enumerate(at.ch))


ISSUE_CASES = [
    # 1. + − ± stay with their number
    ("营收同比增长+5.2%", "营÷收÷同÷比÷增÷长÷+5.2%"),
    ("夜间最低气温−3℃", "夜÷间÷最÷低÷气÷温÷−3℃"),
    ("误差±0.05毫米", "误÷差÷±0.05÷毫÷米"),
    # 2. a currency or sign after a Latin word or number does not start a line
    ("票价HK$120起", "票÷价÷HK$120÷起"),
    ("适合18+级玩家", "适÷合÷18+级÷玩÷家"),
    ("支持5G+网络", "支÷持÷5G+网÷络"),
    # 3. a postfix sign is not split from what follows
    ("气温35°C左右", "气÷温÷35°C÷左÷右"),
    ("位于东经120°30′", "位÷于÷东÷经÷120°30′"),
    # 4. straight quotes: no break on either side
    ('志愿者"双节"期间', '志÷愿÷者"双÷节"期÷间'),
    ("他说'好'然后", "他÷说'好'然÷后"),
    # 5. - | ‒ ⁄ do not start a line; C# and x=5 stay whole
    ("选项A|B", "选÷项÷A|÷B"),
    ("电话‒号码", "电÷话‒÷号÷码"),
    ("加1⁄2杯", "加÷1⁄2÷杯"),
    ("温差-5度", "温÷差-5度"),  # LB21: none before a hyphen-minus; 5度 kept
    ("学习C#语言", "学÷习÷C#语÷言"),
    ("令x=5时", "令÷x=5时"),  # (5时: a number keeps its measure word)
    # ℉ ‱ ‴ are postfix signs
    ("华氏98℉高温", "华÷氏÷98℉÷高÷温"),
    ("万分之一‱左右", "万÷分÷之÷一‱÷左÷右"),
    ("角度3‴记", "角÷度÷3‴÷记"),
    # 〝〞 and 〚〛 are brackets
    ("引〝好〞字", "引÷〝好〞÷字"),
    ("〚注〛释文", "〚注〛÷释÷文"),
    # the small form variants
    ("甲﹐乙﹒丙﹔丁﹕戊﹖己﹗庚﹙辛﹚壬", "甲﹐÷乙﹒÷丙﹔÷丁﹕÷戊﹖÷己﹗÷庚÷﹙辛﹚÷壬"),
    # quotes by direction: a break before “ after a Chinese character or a
    # mark, after ” before one; none between a Latin word and a quote
    ("他说：“我们”“你们”", "他÷说：÷“我÷们”÷“你÷们”"),
    ("是AI“学习”的", "是÷AI“学÷习”÷的"),
    ("一“-verify”二", "一÷“-verify”÷二"),
]


@pytest.mark.parametrize("text,expected", ISSUE_CASES, ids=[c[0] for c in ISSUE_CASES])
def test_issue_18_breaks(text, expected):
    assert marked(text) == expected


@pytest.mark.parametrize(
    "text,width",
    [("营收同比增长+5.2%，", 7), ("票价HK$120起", 4.5), ("气温35°C左右", 4), ("是C#语言", 2.5)],
)
def test_issue_18_set_lines_keep_the_pair(text, width):
    """Set at a measure that ends exactly at the forbidden break: the line
    breaks elsewhere (the pair moves down together)."""
    para = set_paragraph(text, M, float(width), indent=0.0)
    lines = [ln.text for ln in para.lines]
    assert "".join(lines) == text
    for a, b in zip(lines, lines[1:], strict=False):
        pair = a[-1] + b[0]
        assert pair not in ("+5", "K$", "°C", "C#"), lines
