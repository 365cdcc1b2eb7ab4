"""Small real images and edition folders for the photo tests (made with Pillow)."""

from __future__ import annotations

from pathlib import Path

EDITION = """\
paper: 测试日报
date: 2025-06-12
pages:
  - number: 3
    section: 街镇
    name: 街镇新闻
"""


def gradient(w: int, h: int, mode: str = "RGB"):
    """A test picture: a horizontal grey ramp with a dark disc (every tone present)."""
    from PIL import Image, ImageDraw

    im = Image.linear_gradient("L").resize((w, h)).rotate(90, expand=False)
    im = im.resize((w, h))
    d = ImageDraw.Draw(im)
    r = max(2, min(w, h) // 6)
    d.ellipse((w // 3 - r, h // 3 - r, w // 3 + r, h // 3 + r), fill=20)
    return im.convert(mode)


def write_image(path: Path, w: int, h: int, fmt: str = "JPEG", mode: str = "RGB") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    gradient(w, h, mode).save(path, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return path


def story(images: str, kind: str = "story", body: str = "正文一段。\n") -> str:
    return f"---\nsection: 街镇\npriority: 1\nkind: {kind}\nheadline: 标题\n{images}---\n{body}"


def make_edition(tmp_path: Path, articles: dict[str, str], images: dict[str, tuple] = ()) -> Path:
    """An edition folder: articles {name: text}, images {relative path: (w, h[, fmt])}."""
    root = tmp_path / "ed"
    (root / "articles").mkdir(parents=True)
    (root / "edition.yaml").write_text(EDITION, encoding="utf-8")
    for name, text in articles.items():
        (root / "articles" / name).write_text(text, encoding="utf-8")
    for rel, spec in dict(images).items():
        write_image(root / rel, *spec)
    return root
