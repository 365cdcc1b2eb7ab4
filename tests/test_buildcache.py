"""The build cache (layout.buildcache): a cached page is the page a build writes,
byte for byte, and an edit rebuilds only the page of the article that changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from layout import buildcache
from layout.pipeline import build

# end-to-end: `pytest -m "not slow"` leaves these out of the quick loop
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
MIXED = ROOT / "content" / "mixed"


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    """A copy of content/mixed (two pages) built once, preflight included, into an
    empty page cache of the module's own (the font cache stays where it is: fonts
    are slow to make): (edition, cache folder, the build, how many files the
    cache held after it)."""
    base = tmp_path_factory.mktemp("buildcache")
    folder = base / "pages"
    edition = base / "mixed"
    shutil.copytree(MIXED, edition)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(buildcache, "_folder", lambda: folder)
        built = build(edition, base / "one")
        yield edition, folder, built, len(list(folder.rglob("*.pdf")))


def _bytes(built) -> list[bytes]:
    return [p.read_bytes() for p in built.paths]


def test_hit_is_byte_identical_to_a_fresh_build(first, tmp_path, monkeypatch):
    edition, folder, one, stored = first
    assert one.cached == 0 and stored == len(one.paths)
    again = build(edition, tmp_path / "two")
    assert again.cached == len(again.paths)
    assert _bytes(again) == _bytes(one)
    assert [p.articles for p in again.run.pages] == [p.articles for p in one.run.pages]
    assert again.findings.keys() != one.findings.keys()  # other folder
    assert list(again.findings.values()) == list(one.findings.values())
    monkeypatch.setenv("NEWSPAGE_BUILD_CACHE", "0")
    before = sorted(folder.rglob("*"))
    fresh = build(edition, tmp_path / "three", preflight=False)  # the bytes do not need it
    assert fresh.cached == 0 and _bytes(fresh) == _bytes(one)
    assert sorted(folder.rglob("*")) == before  # nothing read, nothing stored


def test_one_article_edit_rebuilds_only_its_page(first, tmp_path):
    edition, _, before, _ = first
    art = sorted((edition / "articles").glob("*.md"))[0]
    text = art.read_text(encoding="utf-8")
    head, body = text.rsplit("---\n", 1)
    try:
        art.write_text(head + "---\n" + body.replace("，", "、", 1), encoding="utf-8")
        after = build(edition, tmp_path / "out2")
    finally:
        art.write_text(text, encoding="utf-8")  # the module's edition, as it was
    assert after.cached == len(after.paths) - 1
    changed = [
        a.name
        for a, b in zip(before.paths, after.paths, strict=True)
        if a.read_bytes() != b.read_bytes()
    ]
    assert len(changed) == 1


def test_a_damaged_cached_pdf_is_never_served(tmp_path, monkeypatch):
    """A page file cut short or altered on disk (a crash before the data reached
    it, a bad sector) is a miss, not a page."""
    monkeypatch.setattr(buildcache, "_folder", lambda: tmp_path)
    pdf = MIXED.joinpath("edition.yaml").read_bytes() * 50  # any bytes stand for a PDF
    buildcache.store("ab" * 32, pdf, {"page": 1})
    assert buildcache.fetch("ab" * 32) == ({"page": 1}, pdf)
    pdf_file = next(tmp_path.rglob("*.pdf"))
    for damaged in (pdf[: len(pdf) // 2], b"", pdf[:-1] + bytes([pdf[-1] ^ 1])):
        pdf_file.write_bytes(damaged)
        assert buildcache.fetch("ab" * 32) is None


def test_a_page_made_under_a_time_budget_is_not_served_without_it(first, tmp_path, monkeypatch):
    """NEWSPAGE_MAKEUP_BUDGET may end the make-up search early: its pages are
    kept apart from the pages of a build without it."""
    edition, _, one, _ = first
    monkeypatch.setenv("NEWSPAGE_MAKEUP_BUDGET", "30")
    budgeted = build(edition, tmp_path / "budget")
    assert budgeted.cached == 0
    monkeypatch.delenv("NEWSPAGE_MAKEUP_BUDGET")
    again = build(edition, tmp_path / "plain")
    assert again.cached == len(again.paths) and _bytes(again) == _bytes(one)
