"""Photos of the edition generator (`EditionSpec(photos=0.5)`, `gen_edition.py --photos`).

`add_photos` gives a share of a page's stories an `images:` entry (the lead more
often, now and then two photos) and some pages a picture story (`kind: photo`,
图片新闻); `write_images` draws every image file, deterministically, with Pillow
(a sky, a skyline and a street of coloured blocks, some grain): what a press
photo is to the make-up, a raster of a given size and aspect.

The files vary as a newsroom's do (content-format.md: JPEG, PNG or TIFF):
landscape 3:2 and 4:3 most of the time, portraits, squares and panoramas; RGB
JPEG mostly, some greyscale and CMYK JPEGs, PNGs with an alpha channel and a
TIFF; most 1,400–2,400 px on the long side, one in ten 700–900 px (printable
only small: the make-up must keep it to the width its 120 ppi allows).
Captions are 1–3 sentences of the article's own copy, a date in front now and
then; credits 记者 X 摄 / 通讯员 X 供图 / 新华社发; some set `focus` or `min_columns`.

Its own RNG (seeded by the edition seed) so that an edition without photos is
byte-identical to what the generator wrote before photos existed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from tests.editiongen_corpus import split_sentences
from tests.editiongen_text import GenArticle

ASPECTS = ((1.5, 45), (4 / 3, 20), (2 / 3, 12), (3 / 4, 5), (1.0, 8), (16 / 9, 6), (2.4, 4))
FORMATS = (("jpeg-rgb", 68), ("jpeg-grey", 14), ("jpeg-cmyk", 6), ("png-rgba", 8), ("tiff", 4))
SUFFIX = {
    "jpeg-rgb": "jpg",
    "jpeg-grey": "jpg",
    "jpeg-cmyk": "jpg",
    "png-rgba": "png",
    "tiff": "tif",
}


@dataclass(frozen=True)
class GenImage:
    """One image an article points to; `write_images` draws it."""

    file: str  # relative to the edition folder
    width: int
    height: int
    form: str  # a key of SUFFIX
    key: str  # seeds the drawing
    caption: str
    credit: str
    focus: tuple[float, float] | None = None
    min_columns: int | None = None

    def entry(self) -> dict:
        """The `images:` item of the front matter."""
        out: dict = {"file": self.file, "caption": self.caption, "credit": self.credit}
        if self.focus:
            out["focus"] = list(self.focus)
        if self.min_columns:
            out["min_columns"] = self.min_columns
        return out


def _pick(rng: random.Random, table: tuple) -> object:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def _caption(rng: random.Random, a: GenArticle, date: str) -> str:
    """1–3 sentences of the article's copy (short ones first), a date in front now and then."""
    sentences = [s for kind, t in a.body if kind == "para" for s in split_sentences(t)]
    sentences = [s for s in sentences if 8 <= len(s) <= 90 and not s.startswith("本报讯")]
    if not sentences:
        return f"{date}，{a.headline.replace(' ', '')}现场。"
    k = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
    i = rng.randrange(len(sentences))
    text = "".join(sentences[i : i + k])
    if rng.random() < 0.4:
        text = f"{date}，{text}"
    if rng.random() < 0.3:
        text = "图为" + text
    return text


def _credit(rng: random.Random, names: tuple[str, ...]) -> str:
    name = rng.choice(names)
    return rng.choice((f"记者 {name} 摄", f"通讯员 {name} 供图", "新华社发", f"{name} 摄"))


def _image(rng: random.Random, a: GenArticle, n: int, names: tuple[str, ...]) -> GenImage:
    aspect = float(_pick(rng, ASPECTS))
    form = str(_pick(rng, FORMATS))
    long_side = rng.randint(700, 900) if rng.random() < 0.1 else rng.randint(1400, 2400)
    if aspect >= 1:
        w, h = long_side, max(1, round(long_side / aspect))
    else:
        w, h = max(1, round(long_side * aspect)), long_side
    date = f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    focus = (round(rng.uniform(0.2, 0.8), 2), round(rng.uniform(0.2, 0.7), 2))
    return GenImage(
        file=f"images/{a.id}-{n}.{SUFFIX[form]}",
        width=w,
        height=h,
        form=form,
        key=f"{a.id}-{n}",
        caption=_caption(rng, a, date),
        credit=_credit(rng, names),
        focus=focus if rng.random() < 0.4 else None,
        min_columns=2 if rng.random() < 0.1 else None,
    )


def add_photos(
    seed: int, pages: list, share: float, names: tuple[str, ...], headlines: tuple[str, ...]
) -> None:  # pages: list[GenPage]
    """Photos on a `share` of each page's stories (its lead at least as often), now and
    then a second one, and on about a third of the pages a picture story."""
    rng = random.Random(f"editiongen-photo:{seed}")
    for page in pages:
        stories = [a for a in page.articles if a.kind == "story"]
        for a in stories:
            chance = min(1.0, share * 1.6) if a.priority == 1 else share
            if rng.random() >= chance:
                continue
            count = 2 if rng.random() < (0.2 if a.priority == 1 else 0.07) else 1
            a.images = [_image(rng, a, n + 1, names) for n in range(count)]
        if share > 0 and rng.random() < 0.35:
            aid = f"p{page.number}-{40 + len(stories):02d}-photo"
            pic = GenArticle(
                id=aid,
                kind="photo",
                priority=rng.randint(2, max(2, len(stories) + 1)),
                headline=rng.choice(stories).headline if stories else "图片新闻",
                body=[],
            )
            source = rng.choice(stories) if stories else pic
            donor = GenArticle(aid, "photo", 0, source.headline, source.body)
            pic.images = [_image(rng, donor, 1, names)]
            pic.headline = _picture_headline(rng, headlines, page.articles)
            page.articles.append(pic)


def _picture_headline(rng: random.Random, headlines: tuple[str, ...], taken: list) -> str:
    """A picture story's short headline: one of the corpus' (4–14 characters, not on
    the page yet) or a label."""
    used = {a.headline for a in taken}
    pool = [h for h in headlines if 4 <= len(h) <= 14 and h not in used]
    if pool and rng.random() < 0.7:
        return rng.choice(pool)
    return rng.choice(("城市掠影", "图片新闻", "镜头里的江城", "一线直击"))


# ---------------------------------------------------------------------------
# drawing
# ---------------------------------------------------------------------------


def draw(img: GenImage):
    """The picture of `img` as a Pillow RGB image: drawn small, scaled up, grain added."""
    from PIL import Image, ImageDraw

    rng = random.Random(f"editiongen-pixels:{img.key}")
    sw, sh = max(8, img.width // 8), max(8, img.height // 8)
    small = Image.new("RGB", (sw, sh))
    d = ImageDraw.Draw(small)
    top = [rng.randint(60, 200) for _ in range(3)]
    low = [rng.randint(150, 255) for _ in range(3)]
    horizon = int(sh * rng.uniform(0.35, 0.7))
    for y in range(horizon):  # sky
        t = y / max(1, horizon)
        d.line(
            [(0, y), (sw, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, low, strict=True)),
        )
    ground = tuple(rng.randint(40, 140) for _ in range(3))
    d.rectangle([0, horizon, sw, sh], fill=ground)
    if rng.random() < 0.6:  # sun or moon
        r = rng.randint(2, max(3, sh // 8))
        cx, cy = rng.randint(0, sw), rng.randint(0, max(1, horizon // 2))
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(250, 240, 200))
    x = 0
    while x < sw:  # a skyline
        bw = rng.randint(max(2, sw // 30), max(3, sw // 8))
        bh = rng.randint(max(2, sh // 10), max(3, int(horizon * 0.9)))
        shade = tuple(rng.randint(20, 160) for _ in range(3))
        d.rectangle([x, horizon - bh, x + bw, horizon], fill=shade)
        for wy in range(horizon - bh + 2, horizon - 2, 4):  # lit windows
            if rng.random() < 0.5:
                d.line([(x + 1, wy), (x + bw - 1, wy)], fill=(230, 220, 150))
        x += bw + rng.randint(0, max(1, sw // 40))
    for _ in range(rng.randint(2, 8)):  # people, cars, trees in the street
        cx, cy = rng.randint(0, sw), rng.randint(horizon, sh)
        r = rng.randint(1, max(2, sh // 12))
        d.ellipse([cx - r, cy - 2 * r, cx + r, cy], fill=tuple(rng.randint(0, 255) for _ in "rgb"))
    big = small.resize((img.width, img.height), Image.Resampling.BICUBIC)
    grain = Image.frombytes("L", (64, 64), rng.randbytes(64 * 64)).resize(
        (img.width, img.height), Image.Resampling.NEAREST
    )
    return Image.blend(big, Image.merge("RGB", (grain, grain, grain)), 0.08)


def write_image(img: GenImage, root: Path) -> Path:
    path = root / img.file
    path.parent.mkdir(parents=True, exist_ok=True)
    im = draw(img)
    if img.form == "jpeg-rgb":
        im.save(path, "JPEG", quality=82)
    elif img.form == "jpeg-grey":
        im.convert("L").save(path, "JPEG", quality=82)
    elif img.form == "jpeg-cmyk":
        im.convert("CMYK").save(path, "JPEG", quality=82)
    elif img.form == "png-rgba":
        rgba = im.convert("RGBA")
        alpha = _alpha(img.width, img.height)
        rgba.putalpha(alpha)
        rgba.save(path, "PNG", compress_level=3)
    else:
        im.save(path, "TIFF", compression="tiff_lzw")
    return path


def _alpha(width: int, height: int):
    """An alpha channel: opaque, with a transparent band at the top (a cut-out's edge)."""
    from PIL import Image, ImageDraw

    alpha = Image.new("L", (width, height), 255)
    ImageDraw.Draw(alpha).rectangle([0, 0, width, height // 12], fill=0)
    return alpha


def write_images(pages: list, root: Path) -> int:
    """Draws every image the pages' articles point to; the number written."""
    n = 0
    for page in pages:
        for a in page.articles:
            for img in a.images:
                write_image(img, root)
                n += 1
    return n
