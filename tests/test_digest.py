"""A page's content digest (its /ID, XMP InstanceID and slug hash) does not
depend on where the cache folder is: the converted faces and processed photos
in it are named by their content, the folder is not."""

from __future__ import annotations

from pathlib import Path

from layout.makeup.display import Image
from layout.pdfx import content_digest


def _digest_with_cache(monkeypatch, folder: Path, name: str) -> str:
    monkeypatch.setenv("NEWSPAGE_CACHE", str(folder))
    photo = Image(10.0, 20.0, 100.0, 80.0, folder / "photos" / name)
    return content_digest([photo], "富阳日报 第3版")


def test_the_cache_folder_is_not_part_of_the_digest(monkeypatch, tmp_path):
    a = _digest_with_cache(monkeypatch, tmp_path / "a", "0f0a93.png")
    b = _digest_with_cache(monkeypatch, tmp_path / "elsewhere" / "b", "0f0a93.png")
    assert a == b
    # the photo's own (content) name still counts
    assert _digest_with_cache(monkeypatch, tmp_path / "a", "144edf.png") != a
