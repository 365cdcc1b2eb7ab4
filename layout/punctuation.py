"""Half-width punctuation in Chinese copy → full width (GB/T 15834).

GB/T 15834-2011 4.1 and 5: in Chinese text the marks are the full-width
ones (，。：；？！（）“”‘’). Copy pasted from other tools often carries ASCII
marks beside Chinese (`“双过半” ,项目`, `志愿者"双节"`). `normalize` converts
them by context and says what it changed; it never touches a mark inside
Latin text, a number (1,000 3.5 10:30), a URL or an e-mail address.

Rules (a "Chinese" neighbour is a Han character or a full-width mark; spaces
next to the mark are looked through and dropped with it):
- , ; ? ! → ，；？！ when the character before is Chinese, or the one after
  is a Han character (这是Python 3.11,不是 → 3.11，不是; OK,我们 → OK，我们),
  or another Chinese mark and the one before is not a letter or digit;
- : → ： likewise, except between two digits (10:30);
- . → 。 only right after a Chinese character or closing mark and before the
  end, a space or a Chinese character (never 3.5, example.org, etc.);
- ( ) → （ ） as a pair, when the text inside or a character outside is
  Chinese (人工智能(AI) → 人工智能（AI）; f(x) stays); a half-width bracket
  paired with a full-width one is made full width ((1号）, → （1号），);
- " and ' → “ ” and ‘ ’ as pairs, alternating, when the text inside or a
  character outside is Chinese (an apostrophe inside a word is not a quote).
A pure function: the same text gives the same result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import cjk
from .model import Article

_PROTECT = re.compile(
    r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%()]*[A-Za-z0-9/_~#=&%\-]"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
    r"|[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+\.(?:com|cn|org|net|gov|edu|io|info)\b(?:/[^\s]*)?"
)
_SIMPLE = {",": "，", ";": "；", "?": "？", "!": "！", ":": "："}
# Every rule starts from one of these: a text without any has nothing to change
# (most paragraphs; checking first keeps the per-character walk off them).
_HALF_WIDTH = re.compile(r"[,;?!:.()\"']")
_BRACKETS = re.compile(r"[()（）]")


@dataclass(frozen=True)
class Change:
    """One mark changed: where (index in the original text), what, and a
    few characters around it to find it by."""

    index: int
    old: str
    new: str
    context: str

    def note(self) -> str:
        return f"{self.old.strip()} → {self.new}  …{self.context}…"


def _chinese(c: str) -> bool:
    return cjk.is_han(c) or cjk.is_cjk_punct(c)


def _ends_chinese(c: str | None) -> bool:
    """A sentence's full stop may follow this (a Han character or a closing mark)."""
    return bool(c) and (cjk.is_han(c) or c in cjk.CLOSING)


def _latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def normalize(text: str) -> tuple[str, list[Change]]:
    """`text` with half-width marks in Chinese context made full width, and
    the list of changes."""
    if not text or text.isascii() or not _HALF_WIDTH.search(text):
        return text, []
    protected = [False] * len(text)
    for m in _PROTECT.finditer(text):
        for k in range(m.start(), m.end()):
            protected[k] = True
    out: list[str | None] = list(text)  # None: dropped (a space beside a mark)
    changes: list[Change] = []

    def prev_char(i: int) -> tuple[str, int]:
        k = i - 1
        while k >= 0 and text[k] == " ":
            k -= 1
        return (text[k], k) if k >= 0 else ("", -1)

    def next_char(i: int) -> tuple[str, int]:
        k = i + 1
        while k < len(text) and text[k] == " ":
            k += 1
        return (text[k], k) if k < len(text) else ("", len(text))

    def change(i: int, new: str) -> None:
        # A full-width mark carries its own blank half: spaces beside it go
        # (the typesetter would drop them too, clreq 3.2.2).
        _, ka = prev_char(i)
        _, kb = next_char(i)
        for k in (*range(ka + 1, i), *range(i + 1, kb)):
            out[k] = None
        out[i] = new
        ctx = text[max(0, ka - 3) : min(len(text), kb + 4)]
        changes.append(Change(i, text[ka + 1 : kb], new, ctx.strip()))

    # pairs first: brackets and quotes
    _pairs(text, protected, change)
    for m in _HALF_WIDTH.finditer(text):  # only the marks, not every character
        i, c = m.start(), m.group()
        if protected[i] or out[i] != c:
            continue
        a, _ = prev_char(i)
        b, _ = next_char(i)
        if c in _SIMPLE:
            if c == ":" and a.isdigit() and b.isdigit():
                continue
            if c == "," and a.isdigit() and b.isdigit() and text[i + 1 : i + 2].isdigit():
                continue
            if (a and _chinese(a)) or (
                b and _chinese(b) and (not (a and _latin(a)) or cjk.is_han(b))
            ):
                change(i, _SIMPLE[c])
        elif c == "." and i and _ends_chinese(out[i - 1]):
            if not b or _chinese(b) or b in "\"'":
                change(i, "。")
    return "".join(c for c in out if c is not None), sorted(changes, key=lambda ch: ch.index)


def _pairs(text: str, protected: list[bool], change) -> None:
    """( ) and straight quotes, matched as pairs."""
    stack: list[int] = []
    for m in _BRACKETS.finditer(text):
        i, c = m.start(), m.group()
        if protected[i]:
            continue
        if c in "(（":
            stack.append(i)
        elif c in ")）" and stack:
            j = stack.pop()
            if text[j] == "（" and c == ")":  # （…) : the full-width one decides
                change(i, "）")
            elif text[j] == "(" and c == "）":
                change(j, "（")
            elif text[j] == "(" and c == ")" and _pair_is_chinese(text, j, i):
                change(j, "（")
                change(i, "）")
    for q, (open_q, close_q) in (('"', ("“", "”")), ("'", ("‘", "’"))):
        idx = [
            i
            for i in (m.start() for m in re.finditer(q, text))
            if not protected[i]
            and not (0 < i < len(text) - 1 and _latin(text[i - 1]) and _latin(text[i + 1]))
        ]
        for j, i in zip(idx[::2], idx[1::2], strict=False):
            if _pair_is_chinese(text, j, i):
                change(j, open_q)
                change(i, close_q)


def _pair_is_chinese(text: str, j: int, i: int) -> bool:
    inside = text[j + 1 : i]
    before = text[:j].rstrip()[-1:]
    after = text[i + 1 :].lstrip()[:1]
    return (
        any(cjk.is_han(c) for c in inside)
        or bool(before and cjk.is_han(before))
        or bool(after and cjk.is_han(after))
    )


def normalize_article(article: Article) -> Article:
    """The article with its headings and body normalized; the changes are
    kept on it (`Article.punctuation`) as editor's notes for `check -v`."""
    notes: list[str] = []

    def fix(text: str | None, where: str) -> str | None:
        if text is None:
            return None
        new, changes = normalize(text)
        notes.extend(f"{where}: {c.note()}" for c in changes)
        return new

    headline = fix(article.headline, "headline") or ""
    kicker = fix(article.kicker, "kicker")
    subtitle = fix(article.subtitle, "subtitle")
    blocks = tuple(replace(b, text=fix(b.text, f"line {b.line}") or "") for b in article.blocks)
    if not notes:
        return article
    return replace(
        article,
        headline=headline,
        kicker=kicker,
        subtitle=subtitle,
        blocks=blocks,
        punctuation=tuple(notes),
    )
