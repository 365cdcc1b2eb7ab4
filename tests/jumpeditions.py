"""Small editions for the edition pass and jump tests, written from the demo's copy.

`write(root, pages, stories)` writes edition.yaml and one article per story;
bodies are the demo's (LONG: the 6,941-character 柳巷 story followed by the
metro story's first paragraphs, about 7,500 characters, more than a tabloid page holds
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


LONG = body("05") + "\n" + "\n\n".join(body("01").split("\n\n")[:3]) + "\n"


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


def competing(root: Path) -> Path:
    """A long lead on page 1 and a long story on page 2 both cut; page 3 has room
    for about one continuation."""
    second = long_story("城事", 2)
    second.update(id="51-second", headline="井盖“会说话” 出了问题自动报警", body=body("05"))
    return write(
        root,
        [
            {"number": 1, "section": "要闻"},
            {"number": 2, "section": "城事"},
            {"number": 3, "section": "文体"},
        ],
        [
            long_story("要闻"),
            story("06", "要闻", 2),
            story("08", "要闻", 3),
            story("07", "城事", 1),
            second,
            story("10", "城事", 3),
            story("03", "文体", 1),
            story("04", "文体", 2),
        ],
    )


def last_page(root: Path) -> Path:
    """One page: a long lead with nowhere to jump to."""
    return write(
        root,
        [{"number": 1, "section": "要闻"}],
        [long_story("要闻"), story("06", "要闻", 2)],
    )


def cut_deeper(root: Path) -> Path:
    """Page 1: a lead a little too long (less than a third left over) and two
    short stories that want the room a deeper cut gives back; page 2 has room."""
    lead = long_story("要闻")
    paras = body("05").split("\n\n")
    lead["body"] = "\n\n".join(paras[: len(paras) * 5 // 6]) + "\n"
    return write(
        root,
        [{"number": 1, "section": "要闻"}, {"number": 2, "section": "城事"}],
        [lead, story("06", "要闻", 2), story("08", "要闻", 3), story("03", "城事", 1)],
    )


def refusing(root: Path) -> Path:
    """Page 2 refuses jumps (accepts_jumps: false); page 3 has room."""
    return write(
        root,
        [
            {"number": 1, "section": "要闻"},
            {"number": 2, "section": "城事", "accepts_jumps": False},
            {"number": 3, "section": "文体"},
        ],
        [
            long_story("要闻"),
            story("06", "要闻", 2),
            story("08", "要闻", 3),
            story("03", "城事", 1),
            story("04", "文体", 1),
        ],
    )


def spanning(root: Path) -> Path:
    """One section on pages 1 and 2: eight stories by priority."""
    stems = ["01", "02", "03", "04", "06", "08", "10", "11"]
    return write(
        root,
        [{"number": 1, "section": "要闻"}, {"number": 2, "section": "要闻", "name": "要闻二"}],
        [story(s, "要闻", k) for k, s in enumerate(stems, 1)],
    )
