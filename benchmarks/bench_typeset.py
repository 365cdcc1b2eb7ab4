"""Speed of the typesetter on realistic mixed Chinese/Latin text.

    python3 benchmarks/bench_typeset.py [CHARS]

Sets about 100,000 characters (default) of body paragraphs taken from the
bundled editions (Han text with numbers, percentages, Latin words, a URL and
an e-mail address) into 12-character columns, as make-up does for a page, and
prints the best of three runs (wall and CPU time). Budget: under 0.5 s on a
developer machine, segmentation included (body text never loads the segmenter;
headlines do, once). Not
a test: shared machines are noisy, so the figure is read by people.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layout.fonts import load_fontset  # noqa: E402
from layout.typeset import TypesetStyle, set_paragraph, set_title  # noqa: E402

# Added so that long tokens (URL, e-mail, a long word) are exercised too.
EXTRA = [
    "详情可登录市政府网站https://www.jiangcheng.gov.cn/zwgk/tzgg/2025/0612/notice-1234.html查询，"
    "或发送邮件至service-center@jiangcheng.gov.cn咨询。",
    "该项目采用LoRaWAN物联网协议，单个网关可覆盖半径约3.5公里的范围，"
    "电池寿命达到5—8年，数据每15分钟上传一次。",
    "“我们把它叫作Supercalifragilisticexpialidocious计划。”项目负责人笑着说。",
]


def paragraphs() -> list[str]:
    """Body paragraphs of every bundled edition (front matter and subheads skipped)."""
    out: list[str] = []
    for md in sorted((ROOT / "content").glob("*/articles/*.md")):
        text = md.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[2]
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out + EXTRA


def headlines() -> list[str]:
    """Headlines, kickers and subtitles of every bundled edition."""
    out: list[str] = []
    for md in sorted((ROOT / "content").glob("*/articles/*.md")):
        for line in md.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition(":")
            if key in ("headline", "kicker", "subtitle") and value.strip():
                out.append(value.strip().strip("\"'"))
    return out


def bench_headings(metrics, style) -> str:
    """Every heading at 8 em (most need two lines), first call included: the
    segmenter is imported by the first multi-line heading."""
    heads = headlines()
    t0 = time.perf_counter()
    lines = sum(len(set_title(h, metrics, 8.0, style=style).lines) for h in heads)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    for h in heads:
        set_title(h, metrics, 8.0, style=style)
    again = time.perf_counter() - t0
    return (
        f"headings: {len(heads)} set in {lines} lines at 8 em: {first:.3f} s the first time"
        f" (segmenter import included), {again:.3f} s again"
    )


def main() -> None:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    metrics = load_fontset().face("song").metrics
    style = TypesetStyle()
    pool = paragraphs()
    corpus: list[str] = []
    total = 0
    while total < target:
        for p in pool:
            corpus.append(p)
            total += len(p)
            if total >= target:
                break
    set_paragraph(corpus[0], metrics, 12.0, style=style)  # warm caches
    best = cpu = float("inf")
    lines = problems = 0
    for _ in range(3):
        t0 = time.perf_counter()
        c0 = time.process_time()
        lines = problems = 0
        for p in corpus:
            para = set_paragraph(p, metrics, 12.0, style=style)
            lines += len(para.lines)
            problems += len(para.problems)
        best = min(best, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    print(
        f"typeset {total:,} characters in {len(corpus):,} paragraphs into 12-character lines:"
        f" {best:.3f} s wall, {cpu:.3f} s CPU (best of 3; {lines:,} lines,"
        f" {problems} problems reported; segmenter loaded: {'rjieba' in sys.modules})"
    )
    print(bench_headings(metrics, style))


if __name__ == "__main__":
    main()
