"""Timings of the whole pipeline, as a person would measure them.

    python3 benchmarks/bench_pipeline.py [EDITION]

Prints the median of several runs of: `newspage check` and `newspage build`
as whole processes (what an editor waits for), and in-process the make-up of
the sample page and of a synthetic 12-article page. Not a test: these
machines are shared, so numbers are read by people, not asserted.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARA = (
    "街道昨日召开专题会议，部署近期重点工作。会议要求各社区压实责任、细化举措，"
    "确保各项任务按期完成，让居民群众在家门口感受到实实在在的变化。"
)


def median_time(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def process(*args: str) -> float:
    return median_time(
        lambda: subprocess.run(
            [sys.executable, "-m", "layout", *args], cwd=ROOT, capture_output=True, check=False
        )
    )


def twelve_article_edition(root: Path) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "edition.yaml").write_text(
        "paper: 基准日报\ndate: 2025-06-12\n"
        "pages:\n  - number: 1\n    section: 要闻\n    name: 要闻\n",
        encoding="utf-8",
    )
    sizes = [12, 9, 7, 6, 5, 4, 4, 3, 2, 2, 1, 1]  # paragraphs per article
    for i, n in enumerate(sizes, 1):
        kind = "brief" if i > 9 else "story"
        extra = "kind: brief\nplace: 某镇\n" if kind == "brief" else ""
        body = "\n\n".join(PARA for _ in range(n))
        (root / "articles" / f"{i:02d}-a.md").write_text(
            f"---\nsection: 要闻\npriority: {i}\n{extra}headline: 第{i}条新闻的标题\n---\n{body}\n",
            encoding="utf-8",
        )
    return root


def main() -> None:
    from layout.makeup import make_page
    from layout.pipeline import load

    edition_dir = sys.argv[1] if len(sys.argv) > 1 else "content/sample"
    print(f"check  (whole process, {edition_dir}): {process('check', edition_dir):.3f} s")
    plain = process("build", edition_dir, "--no-preflight")
    print(f"build  (whole process, no preflight):   {plain:.3f} s")
    print(f"build  (whole process, with preflight): {process('build', edition_dir):.3f} s")
    ed, style, fonts = load(ROOT / edition_dir)
    t = median_time(lambda: make_page(ed, ed.pages[0], fonts, style))
    print(f"make-up of {edition_dir} page {ed.pages[0].number} (in process): {t:.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        ed12, style, fonts = load(twelve_article_edition(Path(tmp) / "e12"))
        t = median_time(lambda: make_page(ed12, ed12.pages[0], fonts, style), runs=3)
        print(f"make-up of a 12-article page (in process): {t:.3f} s")


if __name__ == "__main__":
    main()
