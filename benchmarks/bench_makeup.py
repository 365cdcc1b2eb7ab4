"""Make-up (placement search) timings on pages of many articles.

    python3 benchmarks/bench_makeup.py [--runs N]

Pages are made of the bundled editions' own articles (content/*), re-sectioned
onto one page: a 12-article tabloid page, 30 stories on tabloid, 12- and
18-article broadsheet pages, each at about one page's worth of copy (articles
are taken in turn and cut to a share of the page's capacity). Prints, per
page, the median time of `make_page` (typesetting the copy included, fonts
loaded), the fill, holes, and whether the time budget was reached. Targets
(issue 10 / 16): 12-article tabloid < 0.5 s, 18-article broadsheet < 2 s,
30 stories < 2 s, 12-article broadsheet < 1 s. Not a test: machines are
shared, so numbers are read by people, not asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layout.content import load_edition  # noqa: E402
from layout.fonts import load_fontset  # noqa: E402
from layout.makeup import make_page  # noqa: E402
from layout.model import Block, Edition, PageSpec  # noqa: E402
from layout.style import load_style  # noqa: E402

CASES = (  # (style, stories, briefs)
    ("tabloid", 9, 3),
    ("tabloid", 30, 0),
    ("broadsheet", 9, 3),
    ("broadsheet", 14, 4),
)


def corpus():
    arts = []
    for name in ("sample", "demo", "mixed"):
        arts.extend(load_edition(ROOT / "content" / name).articles)
    return [a for a in arts if a.kind == "story"], [a for a in arts if a.kind == "brief"]


def trimmed(article, chars: int):
    """The article's blocks up to about `chars` characters of body."""
    blocks, n = [], 0
    for b in article.blocks:
        if n >= chars:
            break
        blocks.append(b)
        n += len(b.text)
    if not any(b.kind == "para" for b in blocks):
        blocks = [Block("para", article.blocks[-1].text, 1)]
    return tuple(blocks)


def page_of(style, stories: int, briefs: int) -> Edition:
    pool_s, pool_b = corpus()
    capacity = style.columns * style.lines * style.chars * 0.78
    share = capacity * 0.75 / max(stories, 1)
    arts = []
    for i in range(stories):
        a = pool_s[i % len(pool_s)]
        chars = share * (2.0 if i == 0 else 1.0)
        arts.append(
            replace(a, id=f"s{i:02d}", section="X", priority=i + 1, order=i,
                    blocks=trimmed(a, chars), pin=None)
        )  # fmt: skip
    for i in range(briefs):
        b = pool_b[i % len(pool_b)]
        arts.append(replace(b, id=f"b{i:02d}", section="X", priority=50 + i, order=100 + i))
    page = PageSpec(1, "X", "基准")
    return Edition(ROOT, "基准报", dt.date(2025, 1, 1), (page,), tuple(arts), style.name)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    fonts = load_fontset()
    for style_name, stories, briefs in CASES:
        style = load_style(style_name)
        fonts.prepare(style.fonts())
        ed = page_of(style, stories, briefs)
        times, lay = [], None
        for _ in range(args.runs):
            t = time.perf_counter()
            lay = make_page(ed, ed.pages[0], fonts, style)
            times.append(time.perf_counter() - t)
        assert lay is not None
        rep = lay.report
        hurried = any("budget reached" in s for s in rep.steps)
        print(
            f"{style_name:10s} {stories + briefs:2d} articles: "
            f"median {statistics.median(times):.2f} s"
            f"  fill {rep.fill_ratio:.3f}  holes {len(rep.holes)}"
            f"  overset {sum(1 for a in rep.articles if a.overset_chars)}"
            f"{'  (search budget reached)' if hurried else ''}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
