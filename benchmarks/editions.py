"""Synthetic editions for the benchmarks (written to a folder, never to content/).

    python3 benchmarks/editions.py pages 24 ed24     # 24 pages of sample density
    python3 benchmarks/editions.py articles 20 a20   # one page of 20 articles
    python3 benchmarks/editions.py broadsheet bs     # one 12-article broadsheet page

A page of the N-page edition holds the sample page's eleven articles, each
paragraph prefixed with the page number so that no two pages set the same
lines (a cache must not make page 2 free because page 1 was set).
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"

PARA = (
    "街道昨日召开专题会议，部署近期重点工作。会议要求各社区压实责任、细化举措，"
    "确保各项任务按期完成，让居民群众在家门口感受到实实在在的变化。"
)


def _fresh(root: Path) -> Path:
    if root.exists():
        shutil.rmtree(root)
    (root / "articles").mkdir(parents=True)
    return root


def _mark(body: str, tag: str) -> str:
    """Prefix every text paragraph (not headings, not front matter) with `tag`."""
    out = []
    for para in body.split("\n\n"):
        p = para.strip()
        if p and not p.startswith("#"):
            para = tag + para
        out.append(para)
    return "\n\n".join(out)


def sample_pages(n: int, root: Path) -> Path:
    """n pages, each the sample page's articles (paragraphs marked per page)."""
    _fresh(root)
    pages = []
    for p in range(1, n + 1):
        sec = f"第{p}版"
        pages.append(
            f"  - number: {p}\n    section: {sec}\n    name: 新闻{p}\n"
            f"    editor: 李敏\n    briefs_title: 新闻集束\n"
        )
        for art in sorted((SAMPLE / "articles").glob("*.md")):
            text = art.read_text(encoding="utf-8")
            _, front, body = text.split("---\n", 2)
            front = re.sub(r"^section: .*$", f"section: {sec}", front, flags=re.M)
            (root / "articles" / f"p{p:02d}-{art.name}").write_text(
                f"---\n{front}---\n{_mark(body, f'（{p}版）')}", encoding="utf-8"
            )
    (root / "edition.yaml").write_text(
        "paper: 基准日报\ndate: 2025-06-12\nstyle: tabloid\npages:\n" + "".join(pages),
        encoding="utf-8",
    )
    return root


def many_articles(n: int, root: Path, *, style: str = "tabloid") -> Path:
    """One page of n articles: stories of falling length, the last quarter briefs."""
    _fresh(root)
    (root / "edition.yaml").write_text(
        f"paper: 基准日报\ndate: 2025-06-12\nstyle: {style}\n"
        "pages:\n  - number: 1\n    section: 要闻\n    name: 要闻\n",
        encoding="utf-8",
    )
    briefs = n // 4
    for i in range(1, n + 1):
        kind = "brief" if i > n - briefs else "story"
        paras = 1 if kind == "brief" else max(1, 12 - i // 2)
        extra = "kind: brief\nplace: 某镇\n" if kind == "brief" else ""
        body = "\n\n".join(f"{i}号稿件。" + PARA for _ in range(paras))
        (root / "articles" / f"{i:02d}-a.md").write_text(
            f"---\nsection: 要闻\npriority: {i}\n{extra}headline: 第{i}条新闻的标题\n---\n{body}\n",
            encoding="utf-8",
        )
    return root


def broadsheet(root: Path) -> Path:
    """A 对开 broadsheet page of 12 articles."""
    return many_articles(12, root, style="broadsheet")


def main(argv: list[str]) -> None:
    kind = argv[0]
    if kind == "pages":
        print(sample_pages(int(argv[1]), Path(argv[2])))
    elif kind == "articles":
        print(many_articles(int(argv[1]), Path(argv[2])))
    elif kind == "broadsheet":
        print(broadsheet(Path(argv[1])))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
