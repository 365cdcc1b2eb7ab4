"""A page's characters (for the fallback fonts) kept beside its cache entry
(buildcache.page_chars): read back as computed, computed again when the file
is damaged, never a traceback."""

from __future__ import annotations

import pytest

from layout import buildcache

KEY = "ab" + "0" * 62


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(buildcache, "_folder", lambda: tmp_path)
    return tmp_path


def _never():
    raise AssertionError("computed again")


def test_characters_come_back_as_computed(folder):
    chars = {"版", "面", "A", "1", "😀", "\u3000"}
    assert buildcache.page_chars(KEY, lambda: set(chars)) == chars
    assert buildcache.page_chars(KEY, _never) == chars
    assert buildcache.page_chars("cd" + KEY[2:], lambda: {"x"}) == {"x"}  # another page


@pytest.mark.parametrize("junk", [b"", b"short", b"\x00" * 20 + "版面".encode(), b"\xff" * 40])
def test_a_damaged_file_is_computed_again(folder, junk):
    buildcache.page_chars(KEY, lambda: {"版"})
    (file,) = folder.rglob("*.chars")
    file.write_bytes(junk)
    assert buildcache.page_chars(KEY, lambda: {"面"}) == {"面"}
    assert buildcache.page_chars(KEY, _never) == {"面"}
