"""Whole-process speed of `newspage build`, as an editor waits for it.

    python3 benchmarks/bench_speed.py [--runs N] [--quick]

Every figure is a whole process (`python3 -m layout build ...`) timed from
outside: CPU seconds (user + system, from the kernel's accounting of the
finished child) and wall seconds, the median of N runs after one warm-up.
Fonts are warm (converted and cached once before). "miss" builds with the
page cache off (NEWSPAGE_BUILD_CACHE=0): every page laid out, rendered and
preflighted, while the memos of a build's parts (articles as read, paragraphs
as set, font subsets) are warm; "miss, no memos" also sets NEWSPAGE_MEMO=0,
so nothing derived from the content is reused (only the converted fonts and
metrics, the heading-word cuts of layout.typeset.segment, and the memos of
compiled code, layout.dcfast and layout.cli_bundle); "hit" is the same build
again with the page cache on.

Cases: the sample page A/B against Typst on the same content
(benchmarks/sample.typ, set by hand; `pip install typst`), taken in turn so
that drift hits both; a 24-page edition of sample-density pages; pages of
12, 20 and 30 articles; a 12-article broadsheet page; one article of the
24-page edition edited and the edition rebuilt; the peak memory of a
24-page build summed over its processes (benchmarks/peakmem.py).

Not a test: the machines are shared, so the figures are read by people.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import editions  # noqa: E402
import peakmem  # noqa: E402

PY = sys.executable
TYPST = [
    PY,
    "-c",
    "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])",
    str(HERE / "sample.typ"),
]


def _once(cmd: list[str], env: dict | None = None, timeout: float = 600) -> tuple[float, float]:
    """(cpu, wall) seconds of one run of cmd as a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        timeout=timeout, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def _env(cache: bool, memo: bool = True) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # Python's default: bytecode cached
    env["NEWSPAGE_BUILD_CACHE"] = "1" if cache else "0"
    env["NEWSPAGE_MEMO"] = "1" if memo else "0"
    return env


def measure(cmd, runs: int, env=None, before=None, warmup: bool = True) -> tuple[float, float]:
    """Medians (cpu, wall) of `runs` runs after one warm-up; `before` runs untimed
    before each run (e.g. an edit)."""
    if before:
        before()
    if warmup:
        _once(cmd, env)
    cpus, walls = [], []
    for _ in range(runs):
        if before:
            before()
        c, w = _once(cmd, env)
        cpus.append(c)
        walls.append(w)
    return statistics.median(cpus), statistics.median(walls)


def versus(a, b, runs: int, env=None) -> tuple[tuple[float, float], tuple[float, float], float]:
    """A and B in turn (A B A B ...): their medians and the median of the A/B cpu ratios."""
    _once(a, env)
    _once(b, env)
    ra, rb, ratios = [], [], []
    for _ in range(runs):
        x, y = _once(a, env), _once(b, env)
        ra.append(x)
        rb.append(y)
        ratios.append(x[0] / y[0])

    def med(rs):
        return statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs)

    return med(ra), med(rb), statistics.median(ratios)


def build_cmd(edition: Path, out: Path) -> list[str]:
    return [PY, "-m", "layout", "build", str(edition), "-o", str(out)]


def row(name: str, cpu_wall: tuple[float, float], extra: str = "") -> None:
    print(f"{name:44s} cpu {cpu_wall[0]:6.3f} s   wall {cpu_wall[1]:6.3f} s  {extra}")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {load:.1f} at start"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="skip the 20/30-article pages")
    args = ap.parse_args()
    n = args.runs
    print(machine())
    miss, hit, bare = _env(False), _env(True), _env(False, memo=False)
    with tempfile.TemporaryDirectory(prefix="newspage-bench-") as tmp:
        tmp = Path(tmp)
        sample = ROOT / "content" / "sample"
        out = tmp / "out"
        subprocess.run(build_cmd(sample, out), cwd=ROOT, env=hit, capture_output=True)  # fonts
        for label, env in (("hit", hit), ("miss, fonts warm", miss), ("miss, no memos", bare)):
            a, b, ratio = versus(build_cmd(sample, out), [*TYPST, str(tmp / "t.pdf")], n, env)
            row(f"sample page, build ({label})", a)
            row("sample page, Typst", b, f"A/B cpu ratio {ratio:.2f}")

        ed24 = editions.sample_pages(24, tmp / "ed24")
        row(
            "24-page edition (miss, fonts warm)",
            measure(build_cmd(ed24, out), max(1, n // 2), miss),
        )
        row(
            "24-page edition (miss, no memos)",
            measure(build_cmd(ed24, out), max(1, n // 2), bare, warmup=False),
        )
        row("24-page edition (hit)", measure(build_cmd(ed24, out), n, hit))

        art = sorted((ed24 / "articles").glob("p07-03-*.md"))[0]
        original = art.read_text(encoding="utf-8")
        count = [0]

        def edit() -> None:  # a different edit each time: always a miss for page 7
            count[0] += 1
            art.write_text(original.replace("会议", f"会议{count[0]}", 1), encoding="utf-8")

        row("24-page edition, one article edited", measure(build_cmd(ed24, out), n, hit, edit))
        art.write_text(original, encoding="utf-8")

        rss, pss, procs, _ = peakmem.peak(build_cmd(ed24, tmp / "mem"), env=bare)
        print(
            f"{'24-page build, peak memory (no memos)':44s} RSS summed {rss / 1024:.0f} MB, "
            f"PSS summed {pss / 1024:.0f} MB, {procs} processes"
        )

        sizes = [12] if args.quick else [12, 20, 30]
        for k in sizes:
            ed = editions.many_articles(k, tmp / f"a{k}")
            row(
                f"page of {k} articles (miss)",
                measure(build_cmd(ed, out), 1 if k > 12 else n, miss),
            )
        bs = editions.broadsheet(tmp / "bs")
        row("broadsheet page, 12 articles (miss)", measure(build_cmd(bs, out), n, miss))


if __name__ == "__main__":
    main()
