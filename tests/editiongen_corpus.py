"""The text corpus of the edition generator: the project's own newspaper copy.

Sources: the articles of content/sample, content/demo and content/mixed, and
the seed texts in ../shared/seeds/*.txt when they are there. Bodies are cut
into whole sentences (a sentence ends at 。！？ or …… outside any quotation
or bracket, with its closing marks), kept in their running order per source so
that generated paragraphs read like copy; titles (headlines, kickers,
subtitles, subheads) are cut at their spaces into phrases that generated
headlines recombine. Nothing here depends on the layout package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
EDITIONS = ("sample", "demo", "mixed")
SEED_DIR = REPO.parent / "shared" / "seeds"  # beside the checkout, as the auditor

OPENERS = "“‘「『（(《〈【"
CLOSERS = "”’」』）)》〉】"
PAIRS = dict(zip(OPENERS, CLOSERS, strict=True))
ENDERS = "。！？!?"
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9０-９]")
_DATE = re.compile(r"\d+月\d+日|\d{4}年")
_BYLINE_ROLES = ("记者", "通讯员", "实习生", "文", "摄", "/")


@dataclass(frozen=True)
class Corpus:
    """Sentences in running order per source, and the pools titles are drawn from."""

    runs: tuple[tuple[str, ...], ...]  # story sentences, one tuple per source article
    brief_runs: tuple[tuple[str, ...], ...]  # sentences of briefs
    phrases: tuple[str, ...]  # headline phrases (title text cut at its spaces)
    headlines: tuple[str, ...]  # whole headlines as written
    kickers: tuple[str, ...]
    subheads: tuple[str, ...]
    names: tuple[str, ...]  # reporters' names from bylines
    places: tuple[str, ...]  # brief places

    def sentences(self) -> tuple[str, ...]:
        return tuple(s for run in self.runs for s in run)


def split_sentences(text: str) -> list[str]:
    """Whole sentences of a paragraph; a quotation or bracket is never split."""
    out: list[str] = []
    stack: list[str] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in PAIRS:
            stack.append(PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
            if not stack and i > 0 and text[i - 1] in ENDERS + "…":  # “……。” ends one
                j = i + 1
                while j < n and text[j] in CLOSERS:
                    j += 1
                out.append(text[start:j].strip())
                start = i = j
                continue
        ending = ch in ENDERS or (ch == "…" and text[i : i + 2] == "……")
        if ending and not stack:
            j = i + (2 if ch == "…" else 1)
            while j < n and text[j] in ENDERS:
                j += 1
            out.append(text[start:j].strip())
            start = i = j
            continue
        i += 1
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def balanced(s: str) -> bool:
    stack: list[str] = []
    for ch in s:
        if ch in PAIRS:
            stack.append(PAIRS[ch])
        elif ch in CLOSERS:
            if not stack or stack.pop() != ch:
                return False
    return not stack


def is_sentence(s: str) -> bool:
    """A usable body sentence: balanced, long enough, ending like a sentence."""
    return 8 <= len(s) <= 220 and balanced(s) and s.rstrip(CLOSERS)[-1:] in ENDERS + "…"


def title_phrases(title: str) -> list[str]:
    """A title cut at its spaces, except a space inside Latin/digits ("Wi-Fi 7")."""
    parts = re.split(r"(?<![A-Za-z0-9.%-]) +| +(?![A-Za-z0-9])", title.strip())
    return [p.strip() for p in parts if p.strip() and balanced(p.strip())]


def has_latin(s: str) -> bool:
    return bool(_LATIN.search(s))


def has_digit(s: str) -> bool:
    return bool(_DIGIT.search(s))


def has_date(s: str) -> bool:
    return bool(_DATE.search(s))


def has_quote(s: str) -> bool:
    return "“" in s or "「" in s


@dataclass
class _Pools:
    runs: list[tuple[str, ...]]
    brief_runs: list[tuple[str, ...]]
    titles: list[str]
    headlines: list[str]
    kickers: list[str]
    subheads: list[str]
    names: list[str]
    places: list[str]


def _add_paragraphs(pools: _Pools, paragraphs: list[str], brief: bool) -> None:
    run = tuple(s for p in paragraphs for s in split_sentences(p) if is_sentence(s))
    if run:
        (pools.brief_runs if brief else pools.runs).append(run)


def _add_byline(pools: _Pools, byline: str) -> None:
    for token in byline.split():
        if token not in _BYLINE_ROLES and 2 <= len(token) <= 4:
            pools.names.append(token)


def _read_article(pools: _Pools, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front) or {}
    brief = meta.get("kind") == "brief"
    headline = str(meta.get("headline", "")).strip()
    if headline:
        pools.headlines.append(headline)
        pools.titles.append(headline)
    for key in ("kicker", "subtitle"):
        if meta.get(key):
            pools.kickers.append(str(meta[key]).strip())
            pools.titles.append(str(meta[key]).strip())
    if meta.get("byline"):
        _add_byline(pools, str(meta["byline"]))
    if brief and isinstance(meta.get("place"), str):
        pools.places.append(meta["place"].strip())
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", body):
        line = " ".join(block.split("\n")).strip()
        if line.startswith("## "):
            pools.subheads.append(line[3:].strip())
            pools.titles.append(line[3:].strip())
        elif line:
            paragraphs.append(line)
    _add_paragraphs(pools, paragraphs, brief)


def _ends_sentence(line: str) -> bool:
    return line.rstrip(CLOSERS)[-1:] in ENDERS


def _read_seed(pools: _Pools, path: Path) -> None:
    """A seed: plain text extracted from a printed page, titles and bylines on short lines.

    Its paragraphs may be hard-wrapped: a line that does not follow a sentence
    end continues the paragraph, and a short line is a title only after one.
    """
    paragraphs: list[str] = []
    after_end = True  # the previous line ended a sentence, or was a title
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        title = after_end and len(line) < 30 and not _ends_sentence(line) and "，" not in line
        if not title:
            if after_end or not paragraphs:
                paragraphs.append(line)
            else:  # a hard-wrapped paragraph goes on
                paragraphs[-1] += line
            after_end = _ends_sentence(line)
            continue
        if paragraphs:
            _add_paragraphs(pools, paragraphs, brief=False)
            paragraphs = []
        if "记者" in line or "通讯员" in line:
            _add_byline(pools, line)
        elif line.startswith("■"):
            place, _, head = line[1:].partition(" ")
            if head:
                pools.places.append(place)
                pools.titles.append(head)
        elif line != "新闻集束":
            pools.titles.append(line)
            pools.subheads.append(line) if len(line) <= 14 else pools.headlines.append(line)
    _add_paragraphs(pools, paragraphs, brief=False)


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _dedupe_runs(runs: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """Runs without sentences already seen (the seed repeats the sample page)."""
    seen: set[str] = set()
    out: list[tuple[str, ...]] = []
    for run in runs:
        fresh = tuple(s for s in run if s not in seen)
        seen.update(fresh)
        if fresh:
            out.append(fresh)
    return tuple(out)


@lru_cache(maxsize=4)
def load_corpus(root: Path = REPO) -> Corpus:
    """The corpus of `root`'s bundled editions and the shared seed texts."""
    pools = _Pools([], [], [], [], [], [], [], [])
    for name in EDITIONS:
        for path in sorted((root / "content" / name / "articles").glob("*.md")):
            _read_article(pools, path)
    for path in sorted(SEED_DIR.glob("*.txt")):  # none when ../shared is not there
        _read_seed(pools, path)
    phrases = [
        p
        for t in pools.titles
        for p in title_phrases(t)
        if 2 <= len(p) <= 20 and not p.startswith("—") and not re.match(r"问[一二三四五]", p)
    ]
    return Corpus(
        runs=_dedupe_runs(pools.runs),
        brief_runs=_dedupe_runs(pools.brief_runs),
        phrases=_unique(phrases),
        headlines=_unique(pools.headlines),
        kickers=_unique(pools.kickers),
        subheads=_unique([s for s in pools.subheads if 4 <= len(s) <= 16]),
        names=_unique(pools.names),
        places=_unique(pools.places),
    )
