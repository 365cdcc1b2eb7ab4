"""Make-up (placement search) timings on pages of many articles.

    python3 benchmarks/bench_makeup.py [--runs N]

Pages of 12 articles (tabloid, broadsheet) and 18 articles (broadsheet) at
one page's worth of copy come from the edition generator (tests/editiongen.py,
seeds 1–3); the 30-story tabloid page (more than the generator makes) is made
of the bundled editions' own stories, re-sectioned onto one page at about a
page's worth. Prints, per page, the median time of `make_page` (typesetting
the copy included, fonts loaded), the fill, holes, overset articles and
whether the search budget was reached, and the machine's load average. Targets
(issue 10 / 16): 12-article tabloid < 0.5 s, 18-article broadsheet < 2 s,
30 stories < 2 s, 12-article broadsheet < 1 s. Not a test: machines are
shared, so numbers are read by people, not asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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

GENERATED = (("tabloid", 12), ("broadsheet", 12), ("broadsheet", 18))  # (style, articles)
SEEDS = (1, 2, 3)


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
    share = capacity * 0.95 / max(stories + 1, 1)
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


def generated(style_name: str, articles: int, seed: int, root: Path) -> Edition:
    from editiongen import EditionSpec, generate

    out = root / f"{style_name}-{articles}-{seed}"
    generate(EditionSpec(seed=seed, fills=(1.0,), style=style_name, articles=articles), out)
    return load_edition(out)


def timed(ed: Edition, fonts, style, runs: int):
    """Wall-clock and CPU seconds of each run (CPU time is what a shared,
    loaded machine distorts least)."""
    times, lay = [], None
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        lay = make_page(ed, ed.pages[0], fonts, style)
        times.append((time.perf_counter() - t, time.process_time() - c))
    return times, lay


def line(label: str, times: list[float], lays: list) -> str:
    reps = [lay.report for lay in lays]
    hurried = sum(any("budget reached" in s for s in r.steps) for r in reps)
    fills = ", ".join(f"{r.fill_ratio:.3f}" for r in reps)
    wall = [t[0] for t in times]
    cpu = [t[1] for t in times]
    return (
        f"{label}: wall median {statistics.median(wall):.2f} s (max {max(wall):.2f}),"
        f" CPU median {statistics.median(cpu):.2f} s (max {max(cpu):.2f})"
        f"  fill {fills}  holes {sum(len(r.holes) for r in reps)}"
        f"  overset articles {sum(1 for r in reps for a in r.articles if a.overset_chars)}"
        f"  budget reached {hurried} of {len(reps)}"
    )


def main() -> int:
    import tempfile

    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    fonts = load_fontset()
    with tempfile.TemporaryDirectory() as tmp:
        for style_name, n in GENERATED:
            style = load_style(style_name)
            fonts.prepare(style.fonts())
            times, lays = [], []
            for seed in SEEDS:
                ed = generated(style_name, n, seed, Path(tmp))
                t, lay = timed(ed, fonts, style, args.runs)
                times += t
                lays.append(lay)
            print(line(f"{style_name:10s} {n:2d} articles (seeds 1-3)", times, lays), flush=True)
    style = load_style("tabloid")
    fonts.prepare(style.fonts())
    times, lay = timed(page_of(style, 30, 0), fonts, style, args.runs)
    print(line("tabloid    30 stories (bundled copy)", times, [lay]), flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
