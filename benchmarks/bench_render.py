"""In-process time of the last stages of a page: draw + write (layout.render,
layout.pdfout) and the preflight of the page as written.

    python3 benchmarks/bench_render.py [--runs N] [EDITION]

The edition (default content/sample) is laid out once; then its first page
is rendered and preflighted N times (default 9): the minimum and the median
CPU seconds of each stage are printed, warm (modules imported, faces mapped).
A whole build's first page also pays the imports and the first mapping of
each face; `bench_speed.py` measures whole processes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("edition", nargs="?", default=str(ROOT / "content" / "sample"))
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()

    from layout.pipeline import lay_out, preflight_settings, render_run_page
    from layout.preflight import preflight
    from layout.preflight.api import preflight_written

    run = lay_out(args.edition)
    lay = run.pages[0]
    settings = preflight_settings(run.style)
    render, checked, read_back = [], [], []
    with tempfile.TemporaryDirectory(prefix="newspage-bench-") as tmp:
        out = Path(tmp) / "page.pdf"
        for _ in range(args.runs + 1):  # the first one warms up
            t0 = time.process_time()
            doc = render_run_page(run, lay, out)  # as build writes a page
            t1 = time.process_time()
            if doc is not None:
                preflight_written(doc, out, settings)
            t2 = time.process_time()
            preflight(out, settings)
            t3 = time.process_time()
            render.append(t1 - t0)
            checked.append(t2 - t1)
            read_back.append(t3 - t2)
    kind = "our writer" if doc is not None else "reportlab + pikepdf"
    for name, xs in (
        (f"render ({kind})", render),
        ("preflight as written", checked),
        ("preflight read back (pikepdf)", read_back),
    ):
        xs = xs[1:]
        print(f"{name:34s} min {min(xs):.4f} s   median {statistics.median(xs):.4f} s CPU")


if __name__ == "__main__":
    main()
