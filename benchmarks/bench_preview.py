"""Edit-to-update latency of `newspage serve`, as an editor sees it.

    python3 benchmarks/bench_preview.py [EDITION] [-n RUNS]

Starts the preview server (127.0.0.1, a free port) over a copy of the
edition (default content/sample) and opens it in Debian's chromium
(Playwright). Then, N times: save a one-article change (a new file renamed
over the article, as editors save), and wait until the browser has applied
the new page (the page script stamps `window.__applied` with the version
and Date.now() after the new SVG is in the DOM). The latency is that stamp
minus the wall-clock time just before the save. Prints the median, min and
max, and the server's own rebuild time (laid out again + SVG) for the same
edits. Warm: one edit before measuring. Not a test; read by people.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def save(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def pick_article(edition: Path) -> Path:
    """The last story file (by name) that is not a brief."""
    arts = sorted(p for p in (edition / "articles").glob("*.md") if "brief" not in p.name)
    return arts[-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("edition", nargs="?", default=str(ROOT / "content" / "sample"))
    ap.add_argument("-n", "--runs", type=int, default=15)
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    from layout.serve.app import PreviewServer

    with tempfile.TemporaryDirectory(prefix="bench-preview-") as tmp:
        edition = Path(tmp) / Path(args.edition).name
        shutil.copytree(args.edition, edition)
        article = pick_article(edition)
        original = article.read_text(encoding="utf-8")
        server = PreviewServer(edition, 0).start(timeout=120)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                try:
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    page.set_default_timeout(30_000)
                    page.goto(server.url)
                    page.wait_for_function("window.__applied && window.__applied.version >= 1")
                    page.wait_for_selector("#page svg.page")
                    latencies, rebuilds = [], []
                    for i in range(args.runs + 1):
                        version = page.evaluate("window.__applied.version")
                        # one character added to the article's last paragraph, then taken away
                        text = original.rstrip("\n") + "等\n" if i % 2 == 0 else original
                        time.sleep(0.25)  # let the page settle between edits
                        t0 = time.time() * 1000.0
                        save(article, text)
                        page.wait_for_function(
                            f"window.__applied && window.__applied.version > {version}"
                        )
                        applied = page.evaluate("window.__applied.at")
                        seconds = server.app.state.engine.last.seconds
                        if i == 0:
                            continue  # warm-up
                        latencies.append(applied - t0)
                        rebuilds.append(seconds * 1000.0)
                finally:
                    browser.close()
        finally:
            server.stop()
    med = statistics.median(latencies)
    print(f"edition: {Path(args.edition).name}, article edited: {article.name}, runs: {args.runs}")
    print(
        f"edit → page updated in the browser: median {med:.0f} ms "
        f"(min {min(latencies):.0f}, max {max(latencies):.0f})"
    )
    print(
        f"server rebuild (make-up + proof data + SVG): median {statistics.median(rebuilds):.0f} ms"
    )
    print(f"target < 300 ms warm: {'met' if med < 300 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
