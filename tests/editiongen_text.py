"""Articles of the edition generator: copy and titles drawn from the corpus.

`Writer` holds the one seeded RNG of an edition; `story` and `brief` make one
article of a given number of characters of copy (paragraphs and subheads).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from tests.editiongen_corpus import (
    Corpus,
    has_date,
    has_digit,
    has_latin,
    has_quote,
    title_phrases,
)


@dataclass
class GenArticle:
    id: str
    kind: str  # story | brief | photo (a picture story, editiongen_photo)
    priority: int
    headline: str
    body: list[tuple[str, str]]  # (para|subhead, text)
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    place: str | None = None
    images: list = field(default_factory=list)  # editiongen_photo.GenImage

    @property
    def chars(self) -> int:
        return sum(len("".join(t.split())) for _, t in self.body)


class Writer:
    """Draws copy and titles from the corpus with one seeded RNG."""

    def __init__(self, corpus: Corpus, rng: random.Random) -> None:
        self.c = corpus
        self.rng = rng
        self.used: set[str] = set()  # title phrases on the current page
        self.all = tuple(s for s in corpus.sentences() if not s.startswith("本报讯"))
        runs = corpus.brief_runs + corpus.runs
        self.openers = [r[i:] for r in runs for i, s in enumerate(r) if s.startswith("本报讯")]
        self.tagged = {
            "digit": [s for s in self.all if has_digit(s)],
            "date": [s for s in self.all if has_date(s)],
            "quote": [s for s in self.all if has_quote(s)],
            "latin": [s for s in self.all if has_latin(s)],
        }

    def _stream(self, runs: tuple[tuple[str, ...], ...]):
        """Consecutive sentences of one source, moving to another when it runs out."""
        rng = self.rng
        run = rng.choice(runs)
        i = rng.randrange(len(run))
        new = True
        while True:
            yield run[i], new
            i, new = i + 1, False
            if i >= len(run):
                run, i, new = rng.choice(runs), 0, True

    def _follow(self, first: tuple[str, ...], runs: tuple[tuple[str, ...], ...]):
        """The sentences `first`, then a stream of `runs`."""
        for s in first:
            yield s, False
        yield from self._stream(runs)

    def body(self, chars: int, brief: bool) -> list[tuple[str, str]]:
        rng = self.rng
        stream = self._stream(self.c.brief_runs if brief else self.c.runs)
        sentences: list[str] = []
        breaks: set[int] = set()  # indexes of sentences from another source: a new paragraph
        if brief:  # 本报讯（通讯员 …）… opens a brief, its own sentences follow
            run = rng.choice(self.openers)
            sentences.extend(run[:1])
            stream = self._follow(run[1:], self.c.brief_runs)
        subheads = not brief and chars >= 900 and rng.random() < 0.6
        sub_every = rng.randint(380, 650)
        wanted = [] if brief or chars < 400 else ["digit", "date", "quote"]
        if wanted and rng.random() < 0.6:
            wanted.append("latin")
        total = sum(len(s) for s in sentences)
        while total < chars:
            remaining = chars - total
            s, new = next(stream)
            if wanted and (rng.random() < 0.25 or total > 0.5 * chars):
                s, new = rng.choice(self.tagged[wanted.pop()]), True
            if len(s) > remaining + 15:
                fits = [x for x in self.all if len(x) <= remaining + 10]
                if not fits or remaining < 12:
                    break
                s = min(rng.sample(fits, min(12, len(fits))), key=lambda x: abs(len(x) - remaining))
                new = True
            if s in sentences or s.startswith("本报讯"):
                continue
            if new:
                breaks.add(len(sentences))
            sentences.append(s)
            total += len(s)
        return self._paragraphs(sentences, breaks, sub_every if subheads else 0)

    def _paragraphs(
        self, sentences: list[str], breaks: set[int], sub_every: int
    ) -> list[tuple[str, str]]:
        rng = self.rng
        out: list[tuple[str, str]] = []
        since_sub = 0
        used_subs: set[str] = set()
        i = 0
        while i < len(sentences):
            k = rng.choices((1, 2, 3, 4), weights=(2, 4, 3, 1))[0]
            k = next((j - i for j in range(i + 1, i + k) if j in breaks), k)
            para = "".join(sentences[i : i + k])
            i += k
            if sub_every and out and since_sub >= sub_every and i < len(sentences):
                sub = self.subhead(used_subs)
                out.append(("subhead", sub))
                since_sub = 0
            out.append(("para", para))
            since_sub += len(para)
        return out

    def subhead(self, used: set[str]) -> str:
        pool = [s for s in self.c.subheads if s not in used] or list(self.c.subheads)
        s = self.rng.choice(pool)
        used.add(s)
        return s

    def new_page(self) -> None:
        """Titles on one page do not repeat a phrase."""
        self.used.clear()

    def _fresh(self, title: str) -> bool:
        return not any(p in self.used for p in title_phrases(title))

    def headline(self, lo: int, hi: int) -> str:
        """A headline of lo–hi characters (spaces not counted), 4–30, fresh on its page."""
        rng = self.rng
        lo, hi = max(4, lo), min(30, hi)
        whole = [h for h in self.c.headlines if lo <= _nchars(h) <= hi]
        fresh = [h for h in whole if self._fresh(h)]
        if fresh and rng.random() < 0.3:
            return self._use(rng.choice(fresh))
        target = rng.randint(lo, hi)
        parts: list[str] = []
        for _ in range(40):
            room = target - sum(len(p) for p in parts)
            fit = [p for p in self.c.phrases if len(p) <= room and p not in self.used]
            fit = [p for p in fit if p not in parts]
            if not fit or room < 4:
                break
            parts.append(rng.choice(fit))
            if sum(len(p) for p in parts) >= lo and rng.random() < 0.5:
                break
        text = " ".join(parts)
        if _nchars(text) < lo:
            text = rng.choice(fresh or whole or list(self.c.headlines))
        return self._use(text)

    def _use(self, title: str) -> str:
        self.used.update(title_phrases(title))
        return title

    def byline(self) -> str:
        rng = self.rng
        names = rng.sample(self.c.names, 2)
        form = rng.choices((0, 1, 2), weights=(4, 5, 1))[0]
        if form == 0:
            return f"记者 {names[0]}"
        if form == 1:
            return f"记者 {names[0]} 通讯员 {names[1]}"
        return f"本报记者 {names[0]} 实习生 {names[1]}"


def _nchars(s: str) -> int:
    return len("".join(s.split()))


def story(w: Writer, aid: str, rank: int, chars: int) -> GenArticle:
    rng = w.rng
    lead = rank == 1
    kicker = subtitle = None
    if rng.random() < (0.7 if lead else 0.3):
        kickers = [k for k in w.c.kickers if w._fresh(k)]
        if kickers and rng.random() < 0.5:
            kicker = w._use(rng.choice(kickers))
        else:
            kicker = w.headline(6, 18)
        kicker = kicker.lstrip("—")
    if rng.random() < (0.35 if lead else 0.12):
        subtitle = w.headline(8, 24)
        if rng.random() < 0.3:
            subtitle = "——" + subtitle.replace(" ", "")
    lo, hi = (12, 30) if lead else (6, 24)
    return GenArticle(
        id=aid,
        kind="story",
        priority=rank,
        headline=w.headline(lo, hi),
        body=w.body(chars, brief=False),
        kicker=kicker,
        subtitle=subtitle,
        byline=w.byline() if rng.random() < 0.85 else None,
    )


def brief(w: Writer, aid: str, rank: int, chars: int) -> GenArticle:
    return GenArticle(
        id=aid,
        kind="brief",
        priority=20 + rank,
        headline=w.headline(4, 14),
        body=w.body(chars, brief=True),
        place=w.rng.choice(w.c.places),
    )
