"""The edition model: plain, frozen data read from an edition folder.

`layout.content` builds it; every later stage only reads it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

BlockKind = Literal["para", "subhead", "signoff"]
ArticleKind = Literal["story", "brief", "photo"]  # photo: 图片新闻, a picture story


@dataclass(frozen=True)
class Block:
    """One paragraph, subhead (`## text`) or sign-off line (`> text`, set flush
    right) of an article body."""

    kind: BlockKind
    text: str
    line: int  # 1-based line in the article file where the block starts


@dataclass(frozen=True)
class Pin:
    """An editor's placement of a story (front matter `place:`), all optional.

    column: 1-based first column of the module; span: columns it covers;
    top: the module starts on the first line of the type area.
    """

    column: int | None = None
    span: int | None = None
    top: bool = False


@dataclass(frozen=True)
class ImageRef:
    """One photo of an article (front matter `images:`), its file checked and measured.

    `file` is resolved and inside the edition folder; width/height are pixels after
    the EXIF orientation; `sha256` keys the processed-image cache.
    """

    file: Path
    name: str  # as written in the article, for messages
    width_px: int
    height_px: int
    sha256: str
    caption: str | None = None
    credit: str | None = None
    focus: tuple[float, float] = (0.5, 0.5)  # x, y in 0–1 of the image: what a crop keeps
    min_columns: int = 1
    line: int | None = None  # line of the entry in the article file


@dataclass(frozen=True)
class Article:
    id: str  # file stem, used in every report
    path: Path
    section: str
    priority: int
    kind: ArticleKind
    headline: str
    blocks: tuple[Block, ...]
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    place: str | None = None  # briefs: the place printed bold after ■
    pin: Pin | None = None  # stories: editor's placement
    order: int = 0  # position in file order, breaks priority ties
    # half-width marks made full width (GB/T 15834), as editor's notes
    punctuation: tuple[str, ...] = ()
    images: tuple[ImageRef, ...] = ()  # photos (front matter `images:`), see layout.photo
    jump: bool = True  # may continue on a later page (转版); `jump: false` forbids it

    @property
    def text_chars(self) -> int:
        """Non-space characters of the body (what 超 N 字 counts against)."""
        return sum(len("".join(b.text.split())) for b in self.blocks)

    @property
    def title_chars(self) -> int:
        """Non-space characters printed outside the body: the title block (kicker,
        headline, subtitle, byline) and the photos' captions and credits. A story
        left off its page loses these too, so they count in its 超 N 字."""
        fields = [self.kicker, self.headline, self.subtitle, self.byline]
        for im in self.images:
            fields += [getattr(im, "caption", None), getattr(im, "credit", None)]
        return sum(len("".join(f.split())) for f in fields if f)


@dataclass(frozen=True)
class PageSpec:
    number: int
    section: str
    name: str
    editor: str | None = None
    briefs_title: str = "新闻集束"
    index: bool = False  # 导读: a box listing the other pages' leads (layout.makeup.index)
    accepts_jumps: bool = True  # takes continuations (转版) of earlier pages' stories


@dataclass(frozen=True)
class Masthead:
    """The front page's masthead (`masthead:` in edition.yaml, layout.furniture)."""

    name: str  # 报名: the largest text on page 1
    cn: str | None = None  # 国内统一连续出版物号
    postal_code: str | None = None  # 邮发代号
    total_issue: int | None = None  # 总期号
    publisher: str | None = None
    website: str | None = None
    weather: str | None = None
    lunar: bool = False  # print the 农历 date beside the Gregorian one


@dataclass(frozen=True)
class Filler:
    """A house item in the edition's `fillers/` folder, for the hole a short
    page's copy leaves: a boxed notice (a Markdown file: headline and text) or
    a picture (a PDF or an image, placed whole). Chosen by the hole's size."""

    id: str  # file name without suffix
    path: Path
    kind: Literal["text", "pdf", "image"]
    sha256: str  # of the file (page cache key)
    headline: str | None = None  # text: the box's title
    blocks: tuple[Block, ...] = ()  # text: its paragraphs
    size: tuple[float, float] = (0.0, 0.0)  # picture: width, height (its aspect)


@dataclass(frozen=True)
class Ad:
    """An advertisement (`ads:` in edition.yaml): whole columns × grid lines,
    reserved on its page before the make-up (layout.furniture)."""

    page: int
    columns: int
    lines: int
    position: Literal["bottom", "top"] = "bottom"
    file: Path | None = None  # resolved, inside the edition folder; None: a placeholder
    name: str | None = None  # the file as written, for messages
    sha256: str | None = None  # of the file (page cache key)
    kind: Literal["pdf", "image"] | None = None
    index: int = 0  # 1-based entry in `ads:`, for messages
    line: int | None = None  # line of the entry in edition.yaml


@dataclass(frozen=True)
class Edition:
    root: Path
    paper: str
    date: dt.date
    pages: tuple[PageSpec, ...]
    articles: tuple[Article, ...]
    style: str = "tabloid"
    issue: int | None = None
    style_base: Path = field(default=Path("."))  # folder a relative style path is read from
    masthead: Masthead | None = None  # page 1's masthead instead of its header
    ads: tuple[Ad, ...] = ()
    fillers: tuple[Filler, ...] = ()  # fillers/: house items for a short page's hole

    def ads_on(self, page: PageSpec) -> tuple[Ad, ...]:
        return tuple(a for a in self.ads if a.page == page.number)

    def articles_for(self, page: PageSpec) -> tuple[Article, ...]:
        """The page's articles, most important first (ties keep file order)."""
        arts = [a for a in self.articles if a.section == page.section]
        return tuple(sorted(arts, key=lambda a: (a.priority, a.order)))
