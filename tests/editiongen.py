"""Edition generator: valid edition folders of any amount of copy, from the project's own texts.

`generate(EditionSpec(seed=7, fills=(0.5, 1.3), style="broadsheet"), out)` writes
out/edition.yaml and out/articles/*.md (../shared/spec/content-format.md): one
page per fill, each holding that share of one page's copy capacity, with 3–18
articles (stories with kicker / headline / subtitle / byline / subheads in
plausible proportions, and briefs). The same spec always writes the same files.

Copy capacity of a page (`page_capacity`), read from layout/styles/<style>.yaml
(following `extends:`), with lines = floor(type_area_height / pitch):

    grid_chars = columns × lines × chars_per_column
    copy_chars = round(grid_chars × (1 − TITLE_SHARE)),  TITLE_SHARE = 0.22

TITLE_SHARE is what titles, bylines, subhead lines, module gaps, the brief
block's title bar and paragraph-end white take on a made-up page. It is
calibrated on content/sample, the real page the project started from: its
4,837 characters of copy are 95 % of a tabloid page's copy_chars (6 × 91 × 12 ×
0.78 = 5,110) and its make-up reports a fill of 0.95.

The copy volume of a page counts what `Article.text_chars` counts: the
non-space characters of body paragraphs and subheads of its stories and
briefs (not headlines, kickers, subtitles, bylines or places).

Text is real copy recombined (tests/editiongen_corpus.py, editiongen_text.py): runs of consecutive
sentences of one source article, paragraphs of 1–4 sentences, every story of
some length carrying numbers, a date, a quotation and (mostly) Latin; headlines
recombine the phrases of the corpus' titles, 4–30 characters. `traditional`
converts everything to 繁體 (OpenCC s2t, quotes as 「」); `long_story` makes one
story, not the lead, take 55 % of its page's copy; `latin` puts Latin words,
figures, units, dates, URLs and percentages through the copy and some headlines
(tests/editiongen_latin.py); `photos` (a share, e.g. 0.5) gives that share of the
stories a photo and some pages a picture story, the image files drawn with Pillow
(tests/editiongen_photo.py). Both have their own RNG: with them off an edition is
byte-identical to one written before they existed.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.editiongen_corpus import REPO, Corpus, load_corpus
from tests.editiongen_latin import latinize
from tests.editiongen_photo import add_photos, write_images
from tests.editiongen_text import GenArticle, Writer, brief, story

# the masthead of a generated front page (scripts/gen_edition.py --front, front tests)
MASTHEAD = """\
masthead:
  name: 江南时报
  cn: CN 33-0099
  postal_code: 31-88
  total_issue: 12345
  publisher: 江南时报社主管主办出版
  website: www.jnsb.example.cn
  weather: 晴 20～28℃
  lunar: true
"""


FILLS = (0.5, 0.7, 0.85, 1.0, 1.15, 1.3)
TITLE_SHARE = 0.22
MIN_ARTICLES, MAX_ARTICLES = 3, 18
STYLES_DIR = REPO / "layout" / "styles"

_HAO_PT = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
    "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5,
    "七号": 5.5, "八号": 5,
}  # fmt: skip
_UNIT_PT = {"pt": 1.0, "mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0, "Q": 18 / 25.4}

SECTIONS = (
    ("要闻", "要闻", "新闻集束"),
    ("城事", "城市新闻", "城事速递"),
    ("街镇", "街镇新闻", "新闻集束"),
    ("文体", "文化体育", "文体快讯"),
    ("科技", "科技生活", "科技速览"),
    ("民生", "民生新闻", "民生快讯"),
    ("经济", "经济观察", "财经速递"),
    ("社会", "社会新闻", "社会速递"),
)
PAPERS = ("江城晚报", "富阳日报", "江城日报", "钱江都市报", "江南商报")


# ---------------------------------------------------------------------------
# capacity
# ---------------------------------------------------------------------------


def read_style(style: str, styles_dir: Path = STYLES_DIR) -> dict:
    """The style file's mapping with its `extends:` chain merged in (deepest last)."""
    data = yaml.safe_load((styles_dir / f"{style}.yaml").read_text(encoding="utf-8")) or {}
    base = data.pop("extends", None)
    if not base:
        return data
    merged = read_style(str(base), styles_dir)
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def to_pt(value: object, em: float = 9.0) -> float:
    """A style length or size in points: 354mm, 11pt, 1em, 12Q, 小五."""
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if text in _HAO_PT:
        return float(_HAO_PT[text])
    m = re.fullmatch(r"([0-9.]+)\s*(pt|mm|cm|in|Q|em)", text)
    if not m:
        raise ValueError(f"not a length: {value!r}")
    number, unit = float(m.group(1)), m.group(2)
    return number * (em if unit == "em" else _UNIT_PT[unit])


@dataclass(frozen=True)
class Capacity:
    style: str
    columns: int
    lines: int
    chars_per_column: int

    @property
    def grid_chars(self) -> int:
        return self.columns * self.lines * self.chars_per_column

    @property
    def copy_chars(self) -> int:
        return round(self.grid_chars * (1 - TITLE_SHARE))


def page_capacity(style: str = "tabloid", styles_dir: Path = STYLES_DIR) -> Capacity:
    d = read_style(style, styles_dir)
    grid = d["grid"]
    body = to_pt(grid["body_size"])
    pitch = to_pt(grid["pitch"], body)
    lines = math.floor(to_pt(d["page"]["type_area_height"], body) / pitch + 1e-9)
    return Capacity(style, int(grid["columns"]), lines, int(grid["chars_per_column"]))


# ---------------------------------------------------------------------------
# the plan
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EditionSpec:
    seed: int
    fills: tuple[float, ...] = (1.0,)  # one page per fill, share of a page's copy_chars
    style: str = "tabloid"
    articles: int | tuple[int, ...] | None = None  # per page; None: a seeded plausible count
    traditional: bool = False
    long_story: bool = False
    photos: float = 0.0  # share of stories with a photo (0: none, no picture stories)
    latin: bool = False  # Latin, figures, units, URLs through the copy


@dataclass
class GenPage:
    number: int
    section: str
    name: str
    briefs_title: str
    editor: str
    fill: float
    target_chars: int
    articles: list[GenArticle] = field(default_factory=list)

    @property
    def copy_chars(self) -> int:
        return sum(a.chars for a in self.articles)


@dataclass
class Generated:
    root: Path
    spec: EditionSpec
    capacity: Capacity
    pages: list[GenPage]

    def summary(self) -> dict:
        out = self._summary()
        if self.spec.photos:
            for row, p in zip(out["pages"], self.pages, strict=True):
                row["photo_stories"] = sum(a.kind == "photo" for a in p.articles)
                row["images"] = sum(len(a.images) for a in p.articles)
        return out

    def _summary(self) -> dict:
        return {
            "root": str(self.root),
            "seed": self.spec.seed,
            "style": self.spec.style,
            "copy_capacity": self.capacity.copy_chars,
            "pages": [
                {
                    "number": p.number,
                    "fill": p.fill,
                    "target_chars": p.target_chars,
                    "copy_chars": p.copy_chars,
                    "articles": len(p.articles),
                    "stories": sum(a.kind == "story" for a in p.articles),
                    "briefs": sum(a.kind == "brief" for a in p.articles),
                }
                for p in self.pages
            ],
        }


def default_article_count(rng: random.Random, target: int) -> int:
    """A plausible number of articles for `target` characters of copy (3–18)."""
    hi = max(MIN_ARTICLES, min(MAX_ARTICLES, target // 320))
    lo = max(MIN_ARTICLES, min(hi, target // 1100))
    return rng.randint(lo, hi)


def _volumes(rng: random.Random, target: int, n: int, long_story: bool) -> tuple[int, list[int]]:
    """(number of briefs, characters per article: stories by rank, then briefs)."""
    if n <= 3:
        briefs = rng.choice((0, 1))
    else:
        briefs = min(8, max(1, round(n * rng.uniform(0.15, 0.45))))
    stories = n - briefs
    brief_sizes = [rng.randint(110, 320) for _ in range(briefs)]
    cap = 0.3 * target
    if sum(brief_sizes) > cap:
        brief_sizes = [max(60, round(s * cap / sum(brief_sizes))) for s in brief_sizes]
    left = target - sum(brief_sizes)
    weights = [rng.uniform(1.8, 2.6)] + [rng.uniform(0.5, 1.5) for _ in range(stories - 1)]
    sizes = [left * w / sum(weights) for w in weights]
    if long_story and stories >= 2:
        k = rng.randrange(1, stories)
        rest = left * 0.45 / (sum(weights) - weights[k])
        sizes = [left * 0.55 if i == k else w * rest for i, w in enumerate(weights)]
    return briefs, [max(120, round(s)) for s in sizes] + brief_sizes


# ---------------------------------------------------------------------------
# the edition
# ---------------------------------------------------------------------------


def plan(spec: EditionSpec, corpus: Corpus | None = None) -> tuple[Capacity, list[GenPage]]:
    """The pages and articles `spec` describes, nothing written."""
    if not spec.fills:
        raise ValueError("an edition needs at least one page (one fill)")
    corpus = corpus or load_corpus()
    rng = random.Random(f"editiongen:{spec.seed}")
    cap = page_capacity(spec.style)
    w = Writer(corpus, rng)
    first = rng.randint(1, 8)
    sections = rng.sample(SECTIONS, min(len(SECTIONS), len(spec.fills)))
    pages: list[GenPage] = []
    for i, fill in enumerate(spec.fills):
        section, name, briefs_title = sections[i % len(sections)]
        if i >= len(SECTIONS):
            section, name = f"{section}{i}", f"{name}{i}"
        target = round(fill * cap.copy_chars)
        count = spec.articles
        if isinstance(count, tuple):
            count = count[i % len(count)]
        n = count if count is not None else default_article_count(rng, target)
        n = max(MIN_ARTICLES, min(MAX_ARTICLES, n))
        page = GenPage(first + i, section, name, briefs_title, rng.choice(w.c.names), fill, target)
        w.new_page()
        briefs, sizes = _volumes(rng, target, n, spec.long_story)
        stories = n - briefs
        for k in range(stories):
            page.articles.append(story(w, f"p{page.number}-{k + 1:02d}-story", k + 1, sizes[k]))
        for k in range(briefs):
            aid = f"p{page.number}-{20 + k:02d}-brief"
            page.articles.append(brief(w, aid, k + 1, sizes[stories + k]))
        pages.append(page)
    if spec.latin:
        latinize(spec.seed, pages)
    if spec.photos:
        add_photos(spec.seed, pages, spec.photos, corpus.names, corpus.headlines)
    return cap, pages


def _to_traditional(text: str) -> str:
    from opencc_purepy import OpenCC  # test extra; only the 繁體 option needs it

    out = OpenCC("s2t").convert(text)
    return out.translate(str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"}))


def _front_matter(a: GenArticle, section: str) -> dict:
    meta: dict = {"section": section, "priority": a.priority}
    if a.kind == "photo":
        meta["kind"] = "photo"
    if a.kind == "brief":
        meta["kind"] = "brief"
        meta["place"] = a.place
    else:
        if a.kicker:
            meta["kicker"] = a.kicker
    meta["headline"] = a.headline
    if a.kind == "story":
        if a.subtitle:
            meta["subtitle"] = a.subtitle
        if a.byline:
            meta["byline"] = a.byline
    if a.images:
        meta["images"] = [img.entry() for img in a.images]
    return meta


def article_text(a: GenArticle, section: str, traditional: bool = False) -> str:
    meta = _front_matter(a, section)
    body = "\n\n".join(f"## {t}" if kind == "subhead" else t for kind, t in a.body)
    fm = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    text = f"---\n{fm}---\n{body}\n"
    return _to_traditional(text) if traditional else text


def edition_yaml(spec: EditionSpec, pages: list[GenPage]) -> str:
    rng = random.Random(f"editiongen-head:{spec.seed}")
    date = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(700))
    head = {
        "paper": rng.choice(PAPERS),
        "date": date.isoformat(),
        "issue": rng.randint(1000, 20000),
        "style": spec.style,
        "pages": [
            {
                "number": p.number,
                "section": p.section,
                "name": p.name,
                "editor": p.editor,
                "briefs_title": p.briefs_title,
            }
            for p in pages
        ],
    }
    text = yaml.safe_dump(head, allow_unicode=True, sort_keys=False, width=1000)
    # ISO date unquoted, as the spec writes it
    text = text.replace(f"'{head['date']}'", str(head["date"]))
    return _to_traditional(text) if spec.traditional else text


def generate(spec: EditionSpec, out: Path | str, corpus: Corpus | None = None) -> Generated:
    """Write the edition `spec` describes into folder `out` (created; old articles removed)."""
    out = Path(out)
    cap, pages = plan(spec, corpus)
    articles = out / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for old in articles.glob("*.md"):
        old.unlink()
    (out / "edition.yaml").write_text(edition_yaml(spec, pages), encoding="utf-8")
    for page in pages:
        section = page.section
        for a in page.articles:
            text = article_text(a, section, spec.traditional)
            (articles / f"{a.id}.md").write_text(text, encoding="utf-8")
    images = out / "images"
    for old in images.glob("*.*") if images.is_dir() else ():
        old.unlink()
    write_images(pages, out)
    return Generated(out, spec, cap, pages)
