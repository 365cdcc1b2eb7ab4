"""The build cache (layout.buildcache): a cached page is the page a build writes,
byte for byte, and an edit rebuilds only the page of the article that changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from layout.pipeline import build

# end-to-end: `pytest -m "not slow"` leaves these out of the quick loop
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content" / "demo"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A private page cache (the font cache stays where it is: fonts are slow to make)."""
    from layout import buildcache

    folder = tmp_path / "pages"
    monkeypatch.setattr(buildcache, "_folder", lambda: folder)
    return folder


def _bytes(built) -> list[bytes]:
    return [p.read_bytes() for p in built.paths]


def test_hit_is_byte_identical_to_a_fresh_build(tmp_path, cache, monkeypatch):
    first = build(DEMO, tmp_path / "one")
    assert first.cached == 0 and len(list(cache.rglob("*.pdf"))) == len(first.paths)
    again = build(DEMO, tmp_path / "two")
    assert again.cached == len(again.paths)
    assert _bytes(again) == _bytes(first)
    assert [p.articles for p in again.run.pages] == [p.articles for p in first.run.pages]
    assert again.findings.keys() != first.findings.keys()  # other folder
    assert list(again.findings.values()) == list(first.findings.values())
    monkeypatch.setenv("NEWSPAGE_BUILD_CACHE", "0")
    fresh = build(DEMO, tmp_path / "three")
    assert fresh.cached == 0 and _bytes(fresh) == _bytes(first)


def test_one_article_edit_rebuilds_only_its_page(tmp_path, cache):
    ed = tmp_path / "demo"
    shutil.copytree(DEMO, ed)
    before = build(ed, tmp_path / "out1")
    art = sorted((ed / "articles").glob("*.md"))[0]
    text = art.read_text(encoding="utf-8")
    head, body = text.rsplit("---\n", 1)
    art.write_text(head + "---\n" + body.replace("，", "、", 1), encoding="utf-8")
    after = build(ed, tmp_path / "out2")
    assert after.cached == len(after.paths) - 1
    changed = [
        a.name
        for a, b in zip(before.paths, after.paths, strict=True)
        if a.read_bytes() != b.read_bytes()
    ]
    assert len(changed) == 1
