"""The preview in a real browser: Debian's chromium driven by Playwright.

The server runs on 127.0.0.1 on a free port over a copy of the sample
edition (stable.own_copy); every wait is bounded, and the server and the browser are shut
down whatever happens. `NEWSPAGE_UPDATE_SCREENSHOT=1` also writes the
screenshot to docs/preview.png (the README's picture).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from stable import own_copy

from layout.serve.app import PreviewServer

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"
CHROMIUM = Path("/usr/bin/chromium")
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
WAIT_MS = 30_000

pytestmark = pytest.mark.slow

EXTRA = (
    "\n\n会议强调，各村社要压实责任，加强巡查，做好物资储备和人员转移准备，"
    "确保汛期安全。街道将组织专项督查，发现问题立即整改，切实保障群众生命财产安全。"
)


def save(path: Path, text: str) -> None:
    """As an editor saves: a new file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh installs it)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, timeout=WAIT_MS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def edition() -> Iterator[Path]:
    """One copy of the sample for the module: each test puts back what it edits.
    At a path that is the same in every run (stable.own_copy), so that the
    preview's make-ups, kept by path and content, are found again."""
    with own_copy("browser-sample", SAMPLE) as root:
        yield root


@pytest.fixture(scope="module")
def server(edition):
    # the first layout on a clean machine converts the fonts first (about 70 s)
    srv = PreviewServer(edition, 0).start(timeout=300)
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def page(browser, server):
    """One page for the module: the browser loads the faces (about 100 MB) once."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    try:
        pg.goto(server.url)
        pg.wait_for_function("window.__applied && window.__applied.version >= 1")
        pg.wait_for_selector("#page svg.page .mark")
        yield pg
    finally:
        context.close()


def _version(pg) -> int:
    return pg.evaluate("window.__applied.version")


def test_page_report_and_thumbnails(page, tmp_path):
    page.wait_for_selector("#error", state="hidden")
    assert page.locator("#thumbs button").count() == 1
    assert page.locator("#thumbs img").first.get_attribute("src").startswith("/api/page/3.svg")
    assert page.locator("#page svg.page .module").count() == 5
    problems = page.locator("#report li.problem")
    assert problems.count() >= 3  # (short modules; no loose line since issue 15.2)
    assert page.locator("#report li.problem.short").first.inner_text().startswith("缺 ")
    assert page.locator("#page .mark.overset").count() == 0
    assert page.locator("#error").is_hidden()
    # a problem in the report leads to its mark on the page
    first = page.locator("#report li.problem[data-target]").first
    target = first.get_attribute("data-target")
    first.click()
    page.wait_for_selector(f"#page [id='{target}'].flash")
    shot = tmp_path / "preview.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 50_000
    if os.environ.get("NEWSPAGE_UPDATE_SCREENSHOT"):
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "preview.png")


def test_overset_appears_and_goes_as_the_article_is_edited(page, edition):
    art = edition / "articles" / "04-yinhu.md"
    original = art.read_text(encoding="utf-8")
    v0 = _version(page)
    page.evaluate("window.__notReloaded = true")
    save(art, original.rstrip("\n") + EXTRA * 12 + "\n")
    label = page.wait_for_selector("#page .mark.overset .label")
    assert label.text_content().startswith("超 ") and label.text_content().endswith(" 字")
    assert page.locator("#report li.problem.overset").count() >= 1
    assert _version(page) > v0
    # the red of the mark is drawn: its cut bar is filled red
    fill = page.evaluate(
        "getComputedStyle(document.querySelector('#page .mark.overset .cut')).fill"
    )
    assert fill in ("rgb(221, 0, 0)", "#d00")
    save(art, original)
    page.wait_for_selector("#page .mark.overset", state="detached")
    assert page.locator("#report li.problem.overset").count() == 0
    assert page.evaluate("window.__notReloaded === true")  # updated in place, no reload


def test_a_broken_edition_shows_the_error_and_keeps_the_page(page, edition):
    yaml = edition / "edition.yaml"
    original = yaml.read_text(encoding="utf-8")
    shown = page.locator("#page svg.page").inner_html()
    save(yaml, original.replace("    name: 街镇新闻", "    name: [街镇新闻"))
    page.wait_for_selector("#error", state="visible")
    where = page.locator("#error-where").inner_text()
    assert "edition.yaml" in where and "line " in where
    assert "edition.yaml" in page.locator("#error-message").inner_text()
    assert page.locator("#page svg.page").inner_html() == shown  # the last good page stays
    save(yaml, original)
    page.wait_for_selector("#error", state="hidden")


def test_the_server_refuses_a_path_outside_the_edition(page, server, edition):
    inside = page.request.get(f"{server.url}/api/source?path=articles/04-yinhu.md")
    assert inside.status == 200 and "银湖" in inside.text()
    for path in ("../../../../etc/passwd", "/etc/passwd", "articles/../../sample-outside.md"):
        r = page.request.get(f"{server.url}/api/source", params={"path": path})
        assert r.status == 403, path
    status = page.evaluate(
        "fetch('/api/source?path=' + encodeURIComponent('../../../../etc/hostname'))"
        ".then(r => r.status)"
    )
    assert status == 403
