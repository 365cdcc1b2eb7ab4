"""Articles read before come from the memo (layout.content.memo) only while
their file is unchanged: an edited article is read again, and a memo that
does not read is ignored (never a traceback)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from layout import content
from layout.content import load_edition
from layout.content.memo import memo_file
from layout.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"


@pytest.fixture
def edition(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("NEWSPAGE_CACHE", str(tmp_path / "cache"))
    ed = tmp_path / "sample"
    shutil.copytree(SAMPLE, ed)
    return ed


def _story(ed: Path) -> Path:
    return next(
        p
        for p in sorted((ed / "articles").glob("*.md"))
        if "kind: brief" not in p.read_text("utf-8")
    )


def test_memo_gives_the_edition_a_fresh_reading_gives(edition, monkeypatch):
    fresh = load_edition(edition)
    first = load_edition(edition, memo=True)  # fills the memo
    assert memo_file(edition).is_file()

    def unread(path, *args):
        raise AssertionError(f"{path.name} read again")

    monkeypatch.setattr(content, "read_article", unread)
    second = load_edition(edition, memo=True)  # from it, not one file read
    assert first == fresh and second == fresh
    assert repr(second.articles) == repr(fresh.articles)


def test_an_edited_article_is_read_again(edition):
    load_edition(edition, memo=True)
    story = _story(edition)
    text = story.read_text("utf-8")
    head = next(ln for ln in text.split("\n") if ln.startswith("headline:"))
    story.write_text(text.replace(head, "headline: 改过的标题", 1), "utf-8")
    again = load_edition(edition, memo=True)
    changed = next(a for a in again.articles if a.path.name == story.name)
    assert changed.headline == "改过的标题"
    assert again == load_edition(edition)
    story.write_text(text.replace(head, "headline: [unclosed", 1), "utf-8")
    with pytest.raises(ContentError):  # a broken file is an error every time
        load_edition(edition, memo=True)


def test_an_article_added_before_others_renumbers_them(edition):
    load_edition(edition, memo=True)
    story = _story(edition)
    shutil.copy(story, edition / "articles" / "000-first.md")
    assert load_edition(edition, memo=True) == load_edition(edition)


@pytest.mark.parametrize("junk", [b"", b"not a pickle", b"\x80\x05K\x01.", b"\x80\x05]\x94."])
def test_a_damaged_memo_is_ignored_and_rewritten(edition, junk):
    load_edition(edition, memo=True)
    memo = memo_file(edition)
    memo.write_bytes(junk)
    assert load_edition(edition, memo=True) == load_edition(edition)
    assert memo.read_bytes() != junk


def test_settled_files_are_not_read_and_a_changed_one_is(edition, monkeypatch):
    from layout.content import memo as memo_module

    # every file counts as settled (else only files older than the memo by 2 s)
    monkeypatch.setattr(memo_module, "_SETTLED_NS", -(10**15))
    fresh = load_edition(edition)
    load_edition(edition, memo=True)
    load_edition(edition, memo=True)  # the stats recorded
    real_read = Path.read_bytes

    def read_bytes(self):
        assert self.suffix != ".md", f"{self.name} read again"
        return real_read(self)

    with monkeypatch.context() as m:
        m.setattr(Path, "read_bytes", read_bytes)
        assert load_edition(edition, memo=True) == fresh
    story = _story(edition)
    story.write_text(story.read_text("utf-8").replace("。", "。又一句。", 1), "utf-8")
    again = load_edition(edition, memo=True)
    assert again == load_edition(edition) != fresh
