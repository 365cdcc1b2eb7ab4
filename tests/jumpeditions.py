"""Small editions for the edition pass and jump tests, written from the demo's copy.

`write(root, pages, stories)` writes edition.yaml and one article per story;
bodies are the demo's (LONG: the 6,941-character 柳巷 story followed by the
metro story's body, about 8,400 characters, more than a tabloid page holds
with anything beside it).
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "content" / "demo" / "articles"


def body(stem: str) -> str:
    text = next(DEMO.glob(f"{stem}*.md")).read_text(encoding="utf-8")
    return text.split("---\n", 2)[2].strip() + "\n"


def headline(stem: str) -> str:
    text = next(DEMO.glob(f"{stem}*.md")).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])["headline"]


LONG = body("05") + "\n" + body("01")


def write(root: Path, pages: list[dict], stories: list[dict]) -> Path:
    """An edition folder: `pages` as edition.yaml entries; each story a dict of
    front matter plus `id` (file stem) and `body`."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    edition = {"paper": "江城晚报", "date": "2025-09-18", "style": "tabloid", "pages": pages}
    (root / "edition.yaml").write_text(
        yaml.safe_dump(edition, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for st in stories:
        front = {k: v for k, v in st.items() if k not in ("id", "body")}
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n"
        (root / "articles" / f"{st['id']}.md").write_text(text + st["body"], encoding="utf-8")
    return root


def story(stem: str, section: str, priority: int, **extra) -> dict:
    """A demo story (no photos) moved to `section` at `priority`."""
    return {
        "id": next(DEMO.glob(f"{stem}*.md")).stem,
        "section": section,
        "priority": priority,
        "headline": headline(stem),
        "body": body(stem),
        **extra,
    }


def long_story(section: str, priority: int = 1, **extra) -> dict:
    return {
        "id": "50-long",
        "section": section,
        "priority": priority,
        "headline": "留住老邻居 守住烟火气 百年柳巷“慢慢改”出新模样",
        "body": LONG,
        **extra,
    }


def one_jump(root: Path, **long_extra) -> Path:
    """Page 1: a long lead and two short stories; page 2: two short stories."""
    return write(
        root,
        [{"number": 1, "section": "要闻"}, {"number": 2, "section": "城事"}],
        [
            long_story("要闻", **long_extra),
            story("06", "要闻", 2),
            story("08", "要闻", 3),
            story("03", "城事", 1),
            story("04", "城事", 2),
        ],
    )
