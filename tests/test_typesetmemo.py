"""Paragraphs set by one build are kept for the next (layout.typesetmemo), and so
are font subsets (layout.pdfout.subsets): a page made from the memos is the
page made without them, byte for byte; an edited article is set again; a
damaged memo file is ignored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import stable

from layout import copy as copy_module
from layout import typeset, typesetmemo
from layout.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"


@pytest.fixture
def edition(tmp_path, private_cache, monkeypatch) -> Path:
    monkeypatch.setenv("NEWSPAGE_BUILD_CACHE", "0")  # every build makes its page up
    ed = tmp_path / "sample"
    shutil.copytree(SAMPLE, ed)
    return ed


def _pdf(ed: Path, out: Path, monkeypatch, memo: bool) -> bytes:
    monkeypatch.setenv("NEWSPAGE_MEMO", "1" if memo else "0")
    built = build(ed, out, preflight=False)
    (page,) = built.paths
    return page.read_bytes()


def _memo_files(cache: Path) -> list[Path]:
    return sorted((cache / "typeset").rglob("*.pickle"))


def _subset_files(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "subsets").rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> tuple[bytes, Path]:
    """content/sample built without the memos (NEWSPAGE_MEMO=0) and without the
    page cache, into a cache folder of its own: (its page's bytes, that folder).
    The page every build with the memos must make."""
    base = tmp_path_factory.mktemp("plain")
    cache = stable.link_shared(base / "newspage-cache")
    shutil.copytree(SAMPLE, base / "sample")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSPAGE_CACHE", str(cache))
        mp.setenv("NEWSPAGE_BUILD_CACHE", "0")
        return _pdf(base / "sample", base / "out", mp, memo=False), cache


def test_memo_sets_the_page_a_build_without_it_sets(
    edition, plain, private_cache, tmp_path, monkeypatch
):
    """Filled and read, the memo gives the page a build without it makes (which
    writes no memo file); a damaged memo file is ignored and written anew; an
    edited article is set again. (One cache through the three: each step starts
    from the memo files the one before left.)"""
    plain_pdf, plain_cache = plain
    assert not _memo_files(plain_cache) and not _subset_files(plain_cache)
    filled = _pdf(edition, tmp_path / "a", monkeypatch, memo=True)
    files = _memo_files(private_cache)
    assert files and _subset_files(private_cache)  # the texts the page set, its subsets
    files += _subset_files(private_cache)
    stamps = {f: f.stat().st_mtime_ns for f in files}
    reused = _pdf(edition, tmp_path / "b", monkeypatch, memo=True)
    assert plain_pdf == filled == reused
    now = _memo_files(private_cache) + _subset_files(private_cache)
    assert {f: f.stat().st_mtime_ns for f in now} == stamps  # nothing new
    # outside a build, make-up calls the setters themselves
    assert copy_module.set_paragraph is typeset.set_paragraph
    assert not getattr(copy_module.set_paragraph, "_newspage_memo", False)

    # damaged memo files are ignored
    junk = [b"", b"junk", b"\x80\x05K\x01.", b"\x80\x05\x95"]
    for i, f in enumerate(files):
        f.write_bytes(junk[i % len(junk)])
    assert _pdf(edition, tmp_path / "c", monkeypatch, memo=True) == plain_pdf
    assert all(f.read_bytes() not in junk for f in files)  # written anew

    # an edited article is set again
    before = set(_memo_files(private_cache))
    story = next(
        p
        for p in sorted((edition / "articles").glob("*.md"))
        if "kind: brief" not in p.read_text("utf-8")
    )
    text = story.read_text("utf-8")
    story.write_text(text.replace("。", "，又一句。", 1), "utf-8")
    edited = _pdf(edition, tmp_path / "d", monkeypatch, memo=True)
    assert set(_memo_files(private_cache)) > before  # the edited paragraph, kept
    assert edited != plain_pdf
    assert edited == _pdf(edition, tmp_path / "e", monkeypatch, memo=False)


def test_metrics_it_does_not_know_are_set_not_kept(tmp_path, monkeypatch):
    """A face the memo was not told of (another font set) bypasses it."""
    monkeypatch.setenv("NEWSPAGE_CACHE", str(tmp_path))
    from layout.fonts import Metrics

    metrics = Metrics(0.88, -0.12, {ord("字"): 1.0}, {})

    class Fonts:
        def face(self, role, weight):
            raise AssertionError("no face asked for")

    with typesetmemo.typesetting(Fonts(), []):
        para = copy_module.set_paragraph("字字", metrics, 4.0)
    assert para == typeset.set_paragraph("字字", metrics, 4.0)
    assert not list(tmp_path.rglob("*.pickle"))


def test_the_preview_sets_through_the_build_memo(
    edition, plain, private_cache, tmp_path, monkeypatch
):
    """`newspage serve` keeps its paragraphs under the build's keys: what the
    preview set is on disk for the build, which sets nothing more; with the
    files off (NEWSPAGE_MEMO=0) it keeps them in memory only."""
    from layout.serve.engine import Engine

    monkeypatch.setenv("NEWSPAGE_MEMO", "0")
    assert Engine(edition).rebuild().error is None
    assert not _memo_files(private_cache)
    monkeypatch.setenv("NEWSPAGE_MEMO", "1")
    assert Engine(edition).rebuild().error is None
    files = _memo_files(private_cache)
    assert files
    stamps = {f: f.stat().st_mtime_ns for f in files}
    built = _pdf(edition, tmp_path / "a", monkeypatch, memo=True)
    assert {f: f.stat().st_mtime_ns for f in _memo_files(private_cache)} == stamps
    assert built == plain[0]  # the page a build without the memo makes
    assert copy_module.set_paragraph is typeset.set_paragraph  # outside a rebuild


def test_check_reads_and_fills_the_build_memo_and_reports_the_same(
    edition, private_cache, monkeypatch, capsys
):
    """`check` (CI's command on every content change) sets through the build's
    memo: its report is the same without the memo, filling it and reading it,
    and a build after it sets nothing new."""
    from layout.cli import main

    def check(memo: bool) -> str:
        monkeypatch.setenv("NEWSPAGE_MEMO", "1" if memo else "0")
        assert main(["check", str(edition), "--format", "json", "-v"]) == 0
        return capsys.readouterr().out

    plain = check(memo=False)
    assert not _memo_files(private_cache)
    filled = check(memo=True)
    files = _memo_files(private_cache)
    assert files  # the texts the check set
    assert plain == filled == check(memo=True)
    stamps = {f: f.stat().st_mtime_ns for f in files}
    _pdf(edition, edition.parent / "out", monkeypatch, memo=True)
    assert {f: f.stat().st_mtime_ns for f in _memo_files(private_cache)} == stamps
    assert copy_module.set_paragraph is typeset.set_paragraph  # restored after the check
