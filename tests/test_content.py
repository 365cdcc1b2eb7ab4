"""The edition loader: the sample edition, the body parser, and one test per
kind of bad input (each must be one ContentError naming file, field and line)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from layout.content import DEFAULT_PRIORITY, load_edition
from layout.errors import ContentError
from layout.model import Pin

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "sample"

EDITION = """\
paper: 测试日报
date: 2025-06-12
pages:
  - number: 3
    section: 街镇
    name: 街镇新闻
"""

TWO_PAGES = """\
paper: 测试日报
date: 2025-06-12
pages:
  - number: 1
    section: 要闻
  - number: 3
    section: 街镇
"""

STORY = """\
---
section: 街镇
priority: 1
headline: 标题
---
正文。
"""


def make(tmp_path: Path, articles: dict[str, str | bytes] | None = None, edition=EDITION) -> Path:
    """An edition folder in tmp_path; `edition=None` leaves edition.yaml out."""
    root = tmp_path / "ed"
    (root / "articles").mkdir(parents=True)
    if edition is not None:
        _write(root / "edition.yaml", edition)
    for name, text in (articles if articles is not None else {"01-a.md": STORY}).items():
        _write(root / "articles" / name, text)
    return root


def _write(path: Path, text: str | bytes) -> None:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def article(front: str, body: str = "正文。\n") -> dict[str, str]:
    return {"01-a.md": f"---\n{front}---\n{body}"}


def error(root: Path) -> ContentError:
    with pytest.raises(ContentError) as info:
        load_edition(root)
    return info.value


def check(err: ContentError, file: str, field: str | None = None, line: int | None = None):
    """The error names the file, the field and the line, in the message too."""
    text = str(err)
    assert err.path.name == file and file in text, text
    if field is not None:
        assert err.field == field and f"'{field}'" in text, text
    if line is not None:
        assert err.line == line and f"{file}:{line}:" in text, text
    return text


# ---------------------------------------------------------------------------
# the sample edition
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample():
    return load_edition(SAMPLE)


def test_sample_loads(sample):
    assert sample.paper == "富阳日报"
    assert sample.date == dt.date(2025, 6, 12)
    assert sample.style == "tabloid"
    assert sample.style_base == SAMPLE
    assert [p.number for p in sample.pages] == [3]
    page = sample.pages[0]
    assert (page.section, page.name, page.briefs_title) == ("街镇", "街镇新闻", "新闻集束")
    stories = [a for a in sample.articles if a.kind == "story"]
    briefs = [a for a in sample.articles if a.kind == "brief"]
    assert len(stories) == 4 and len(briefs) == 7
    assert [a.priority for a in stories] == [1, 2, 3, 4]
    assert [a.priority for a in briefs] == list(range(20, 27))
    assert [a.order for a in sample.articles] == list(range(11))
    assert len(sample.articles_for(page)) == 11


def test_sample_stories(sample):
    s1, s2 = sample.articles[0], sample.articles[1]
    assert s1.id == "01-hengshan"
    assert s1.kicker == "东洲街道横山社区"
    assert s1.headline == "党建引领三方协同 架起小区治理“幸福桥”"
    assert s1.byline == "记者 张思文 通讯员 孙哲洋"
    assert [b.text for b in s1.blocks if b.kind == "subhead"] == [
        "党建引领穿透治理困局",
        "三维发力构建治理矩阵",
        "业主体激活治理动能",
    ]
    assert s2.kicker == "新登镇登云社区、共建单位、物管会共同携手"
    assert sum(b.kind == "subhead" for b in s2.blocks) == 3


def test_sample_briefs(sample):
    briefs = [a for a in sample.articles if a.kind == "brief"]
    places = ["富春街道", "春江街道", "鹿山街道", "春建乡", "常绿镇", "场口镇", "常安镇"]
    assert [b.place for b in briefs] == places
    assert briefs[0].headline == "持续深化科普工作"
    assert all(len(b.blocks) == 1 and b.pin is None for b in briefs)


def test_sample_text_is_clean(sample):
    for a in sample.articles:
        for b in a.blocks:
            assert "\n" not in b.text and b.text == b.text.strip()
    body = "".join(b.text for a in sample.articles for b in a.blocks)
    # the column-break artefacts of the printed page are joined
    for joined in (
        "严峻复杂",
        "外卖骑手维权",
        "全面、细致",
        "快马加鞭",
        "中央及地方",
        "更好地为辖区",
    ):
        assert joined in body
    assert "报修 15 分钟" in body and "1—5 月份" in body


# ---------------------------------------------------------------------------
# the body
# ---------------------------------------------------------------------------


def test_body_blocks_and_lines(tmp_path):
    body = (
        "第一段第一行\n第一段第二行。\n"  # lines 6-7
        "\n"
        "## 小标题\n"  # line 9
        "English text that\nwraps here, and 中文\n与 Latin 混排。\n"  # lines 10-12
        "\n\n"
        "多个   空格\t和制表符。\n"  # line 15
    )
    root = make(tmp_path, {"01-a.md": STORY.replace("正文。\n", body)})
    blocks = load_edition(root).articles[0].blocks
    assert [(b.kind, b.line) for b in blocks] == [
        ("para", 6),
        ("subhead", 9),
        ("para", 10),
        ("para", 15),
    ]
    assert blocks[0].text == "第一段第一行第一段第二行。"
    assert blocks[1].text == "小标题"
    assert blocks[2].text == "English text that wraps here, and 中文与 Latin 混排。"
    assert blocks[3].text == "多个 空格 和制表符。"


def test_join_keeps_word_space_after_punctuation(tmp_path):
    body = "Hello,\nworld 和 2024\n年,\nCPR。\n"
    root = make(tmp_path, {"01-a.md": STORY.replace("正文。\n", body)})
    # (the comma after 年 is made full width: GB/T 15834 normalization, issue 15.3)
    assert load_edition(root).articles[0].blocks[0].text == "Hello, world 和 2024年，CPR。"


def test_crlf_bom_and_order(tmp_path):
    crlf = "\ufeff" + STORY.replace("\n", "\r\n")
    root = make(tmp_path, {"b.md": STORY, "a.md": crlf, ".#lock.md": b"\xff", "notes.txt": "x"})
    ed = load_edition(root)
    assert [(a.id, a.order) for a in ed.articles] == [("a", 0), ("b", 1)]
    assert ed.articles[0].blocks[0].line == 6


def test_defaults(tmp_path):
    front = "headline: 标题\nsubtitle:\nbyline: '  '\nkicker: ' 引 题 '\n"
    root = make(tmp_path, article(front))
    a = load_edition(root).articles[0]
    # one page: the section is not needed
    assert (a.section, a.kind, a.priority) == ("街镇", "story", DEFAULT_PRIORITY)
    assert (a.subtitle, a.byline, a.kicker, a.pin, a.place) == (None, None, "引 题", None, None)


# ---------------------------------------------------------------------------
# the folder
# ---------------------------------------------------------------------------


def test_missing_folder(tmp_path):
    err = error(tmp_path / "nope")
    assert "does not exist" in check(err, "nope")


def test_missing_edition_yaml(tmp_path):
    err = error(make(tmp_path, edition=None))
    assert "has no edition.yaml" in check(err, "edition.yaml")


def test_no_articles_folder(tmp_path):
    root = tmp_path / "ed"
    root.mkdir()
    (root / "edition.yaml").write_text(EDITION, encoding="utf-8")
    assert "has no articles/ folder" in check(error(root), "articles")


def test_no_articles(tmp_path):
    assert "no articles" in check(error(make(tmp_path, {})), "articles")


def test_unreadable_file(tmp_path, monkeypatch):
    root = make(tmp_path)

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert "cannot read" in check(error(root), "edition.yaml")


# ---------------------------------------------------------------------------
# YAML and encoding
# ---------------------------------------------------------------------------


def test_yaml_error_in_edition(tmp_path):
    bad = EDITION.replace("name: 街镇新闻", "name: [街镇新闻")
    text = check(error(make(tmp_path, edition=bad)), "edition.yaml")
    assert "YAML syntax error" in text


def test_yaml_error_line_in_edition(tmp_path):
    bad = "paper: 测试日报\ndate: 2025-06-12: x\n"
    check(error(make(tmp_path, edition=bad)), "edition.yaml", line=2)


def test_yaml_error_in_front_matter(tmp_path):
    # file line 1 is ---, so the bad third front matter line is file line 4
    root = make(tmp_path, article("section: 街镇\npriority: 1\nheadline: a: b\n"))
    text = check(error(root), "01-a.md", line=4)
    assert "YAML syntax error" in text


def test_not_utf8(tmp_path):
    data = STORY.encode("gbk")
    root = make(tmp_path, {"01-a.md": data})
    err = error(root)
    text = check(err, "01-a.md", line=2)
    offset = data.index("街".encode("gbk"))
    assert "not UTF-8" in text and f"byte offset {offset}" in text


def test_control_character(tmp_path):
    root = make(tmp_path, {"01-a.md": STORY.replace("正文", "正\x00文")})
    assert "control character U+0000" in check(error(root), "01-a.md", line=6)


# ---------------------------------------------------------------------------
# front matter
# ---------------------------------------------------------------------------


def test_front_matter_missing(tmp_path):
    root = make(tmp_path, {"01-a.md": "标题\n\n正文。\n"})
    assert "front matter" in check(error(root), "01-a.md", line=1)


def test_front_matter_not_closed(tmp_path):
    root = make(tmp_path, {"01-a.md": "---\nheadline: 标题\n\n正文。\n"})
    assert "never closed" in check(error(root), "01-a.md", line=1)


@pytest.mark.parametrize("kind", ["story", "brief"])
def test_missing_headline(tmp_path, kind):
    root = make(tmp_path, article(f"section: 街镇\nkind: {kind}\npriority: 2\n"))
    assert "missing 'headline'" in check(error(root), "01-a.md", field="headline")


def test_empty_headline(tmp_path):
    root = make(tmp_path, article("headline: '  '\n"))
    assert "empty" in check(error(root), "01-a.md", field="headline", line=2)


def test_unknown_key_in_front_matter(tmp_path):
    root = make(tmp_path, article("section: 街镇\nheadlin: 标题\n"))
    text = check(error(root), "01-a.md", field="headlin", line=3)
    assert "allowed keys: section, priority, kind, kicker, headline" in text
    assert "did you mean 'headline'" in text


def test_unknown_key_in_edition(tmp_path):
    root = make(tmp_path, edition=EDITION + "editor: 李敏\n")
    text = check(error(root), "edition.yaml", field="editor", line=7)
    assert "paper, date, issue, style, pages" in text


def test_unknown_key_in_page(tmp_path):
    root = make(tmp_path, edition=EDITION + "    columns: 6\n")
    text = check(error(root), "edition.yaml", field="pages[1].columns", line=7)
    assert "number, section, name, editor, briefs_title" in text


def test_duplicate_key(tmp_path):
    root = make(tmp_path, article("headline: 一\nheadline: 二\n"))
    assert "twice" in check(error(root), "01-a.md", field="headline", line=3)


@pytest.mark.parametrize("value", ["0", "-1", "true", "'1'", "1.5", "[1]", "一"])
def test_bad_priority(tmp_path, value):
    root = make(tmp_path, article(f"section: 街镇\nheadline: 标题\npriority: {value}\n"))
    text = check(error(root), "01-a.md", field="priority", line=4)
    if value == "'1'":
        assert "without quotes" in text


def test_bad_kind(tmp_path):
    root = make(tmp_path, article("headline: 标题\nkind: column\n"))
    assert "story or brief" in check(error(root), "01-a.md", field="kind", line=3)


def test_unknown_section(tmp_path):
    root = make(tmp_path, article("section: 体育\nheadline: 标题\n"), edition=TWO_PAGES)
    text = check(error(root), "01-a.md", field="section", line=2)
    assert "要闻, 街镇" in text


def test_missing_section_with_two_pages(tmp_path):
    root = make(tmp_path, article("headline: 标题\n"), edition=TWO_PAGES)
    assert "要闻, 街镇" in check(error(root), "01-a.md", field="section")


@pytest.mark.parametrize("field", ["headline", "kicker", "byline", "subtitle", "section"])
@pytest.mark.parametrize("value", ["123", "true", "[a, b]", "{a: 1}", "2025-06-12"])
def test_text_field_not_text(tmp_path, field, value):
    front = "headline: 标题\n" if field != "headline" else ""
    root = make(tmp_path, article(f"{front}{field}: {value}\n"))
    line = 3 if front else 2
    assert "must be text" in check(error(root), "01-a.md", field=field, line=line)


@pytest.mark.parametrize("body", ["", "\n\n  \n", "## 只有小标题\n"])
def test_empty_article(tmp_path, body):
    root = make(tmp_path, article("headline: 标题\n", body))
    assert "no body text" in check(error(root), "01-a.md", field="body", line=3)


def test_other_heading_levels(tmp_path):
    root = make(tmp_path, article("headline: 标题\n", "正文。\n\n### 三级\n"))
    assert "'## '" in check(error(root), "01-a.md", field="body", line=6)


def test_front_matter_not_a_mapping(tmp_path):
    root = make(tmp_path, article("- headline\n- 标题\n"))
    assert "must be a mapping" in check(error(root), "01-a.md", line=2)


# ---------------------------------------------------------------------------
# place: a brief's place name, a story's pin
# ---------------------------------------------------------------------------


def test_story_pin(tmp_path):
    root = make(tmp_path, article("headline: 标题\nplace: {column: 2, span: 4, top: true}\n"))
    assert load_edition(root).articles[0].pin == Pin(column=2, span=4, top=True)


def test_story_pin_block_style(tmp_path):
    root = make(tmp_path, article("headline: 标题\nplace:\n  span: 3\n"))
    a = load_edition(root).articles[0]
    assert (a.pin, a.place) == (Pin(span=3), None)


def test_brief_place(tmp_path):
    root = make(tmp_path, article("kind: brief\nplace: 富春街道\nheadline: 标题\n"))
    a = load_edition(root).articles[0]
    assert (a.kind, a.place, a.pin) == ("brief", "富春街道", None)


def test_brief_place_not_text(tmp_path):
    root = make(tmp_path, article("kind: brief\nplace: {column: 1}\nheadline: 标题\n"))
    assert "is text" in check(error(root), "01-a.md", field="place", line=3)


def test_story_place_not_a_mapping(tmp_path):
    root = make(tmp_path, article("headline: 标题\nplace: 富春街道\n"))
    assert "mapping of column, span, top" in check(error(root), "01-a.md", field="place", line=3)


@pytest.mark.parametrize(
    ("pin", "field", "line"),
    [
        ("{column: '1'}", "place.column", 3),
        ("{column: 0}", "place.column", 3),
        ("\n  span: true", "place.span", 4),
        ("\n  column: 1\n  top: 1", "place.top", 5),
        ("\n  row: 1", "place.row", 4),
    ],
)
def test_bad_pin(tmp_path, pin, field, line):
    root = make(tmp_path, article(f"headline: 标题\nplace: {pin}\n"))
    check(error(root), "01-a.md", field=field, line=line)


@pytest.mark.parametrize("key", ["kicker", "subtitle", "byline"])
def test_brief_with_story_fields(tmp_path, key):
    root = make(tmp_path, article(f"kind: brief\nheadline: 标题\n{key}: 文字\n"))
    assert "a brief has no" in check(error(root), "01-a.md", field=key, line=4)


def test_brief_with_subhead(tmp_path):
    root = make(tmp_path, article("kind: brief\nheadline: 标题\n", "正文。\n\n## 小标题\n正文。\n"))
    assert "subheads" in check(error(root), "01-a.md", field="body", line=7)


# ---------------------------------------------------------------------------
# edition.yaml
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["paper", "date", "pages"])
def test_edition_missing_key(tmp_path, key):
    lines = EDITION.splitlines(keepends=True)
    if key == "pages":
        lines = lines[:2]
    else:
        lines = [ln for ln in lines if not ln.startswith(key)]
    root = make(tmp_path, edition="".join(lines))
    assert f"missing '{key}'" in check(error(root), "edition.yaml", field=key)


@pytest.mark.parametrize(
    "value", ["June 12", "2025-02-30", "'2025/06/12'", "20250612", "2025-06-12 10:00"]
)
def test_edition_bad_date(tmp_path, value):
    root = make(tmp_path, edition=EDITION.replace("2025-06-12", value))
    check(error(root), "edition.yaml", field="date", line=2)


def test_edition_quoted_iso_date(tmp_path):
    root = make(tmp_path, edition=EDITION.replace("2025-06-12", "'2025-06-12'"))
    assert load_edition(root).date == dt.date(2025, 6, 12)


@pytest.mark.parametrize("value", ["0", "'3'", "three", "true", "2.5"])
def test_edition_bad_page_number(tmp_path, value):
    root = make(tmp_path, edition=EDITION.replace("number: 3", f"number: {value}"))
    check(error(root), "edition.yaml", field="pages[1].number", line=4)


def test_edition_duplicate_page_number(tmp_path):
    root = make(tmp_path, edition=TWO_PAGES.replace("number: 1", "number: 3"))
    text = check(error(root), "edition.yaml", field="pages[2].number", line=6)
    assert "used twice" in text and "line 4" in text


def test_edition_section_on_two_pages(tmp_path):
    """A section may span several pages (issue 12): its overflow continues on the next."""
    root = make(tmp_path, edition=TWO_PAGES.replace("section: 要闻", "section: 街镇"))
    assert [p.section for p in load_edition(root).pages] == ["街镇", "街镇"]


@pytest.mark.parametrize("value", ["'no'", "0", "[]", "maybe"])
def test_edition_bad_accepts_jumps(tmp_path, value):
    root = make(tmp_path, edition=EDITION + f"    accepts_jumps: {value}\n")
    text = check(error(root), "edition.yaml", field="pages[1].accepts_jumps", line=7)
    assert "true or false" in text


@pytest.mark.parametrize("value", ["'no'", "1", "sometimes"])
def test_article_bad_jump(tmp_path, value):
    root = make(tmp_path, article(f"section: 街镇\nheadline: 标题\njump: {value}\n"))
    assert "true or false" in check(error(root), "01-a.md", field="jump", line=4)


def test_jump_flags_read(tmp_path):
    root = make(
        tmp_path,
        article("section: 街镇\nheadline: 标题\njump: false\n"),
        edition=EDITION + "    accepts_jumps: false\n",
    )
    ed = load_edition(root)
    assert ed.articles[0].jump is False and ed.pages[0].accepts_jumps is False
    assert load_edition(make(tmp_path / "b")).articles[0].jump is True


@pytest.mark.parametrize("pages", ["[]", "三版", "{number: 3}", "\n  - 三版"])
def test_edition_bad_pages(tmp_path, pages):
    root = make(tmp_path, edition="paper: 日报\ndate: 2025-06-12\npages: " + pages + "\n")
    assert "pages" in check(error(root), "edition.yaml")


def test_edition_page_defaults(tmp_path):
    root = make(tmp_path, edition=TWO_PAGES + "issue: 12345\nstyle: ./my.yaml\n")
    ed = load_edition(root)
    assert (ed.issue, ed.style, ed.style_base) == (12345, "./my.yaml", root)
    assert ed.pages[0].name == "要闻" and ed.pages[0].editor is None
    assert ed.pages[0].briefs_title == "新闻集束"


# ---------------------------------------------------------------------------
# garbage: nothing but ContentError ever leaves the loader
# ---------------------------------------------------------------------------

GARBAGE: list[str | bytes] = [
    bytes(range(256)),
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"",
    b"\xef\xbb\xbf",
    "---",
    "---\n---\n",
    "---\n---\n正文。\n",
    "---\n- a\n- b\n---\n正文。\n",
    "---\n就一句话\n---\n正文。\n",
    "---\n? [a, b]\n: c\n---\n正文。\n",
    "---\n!!python/object/apply:os.system [echo hi]\n---\n正文。\n",
    "---\nheadline: !!python/name:os.system\n---\n正文。\n",
    "---\nheadline: !!binary '%%%'\n---\n正文。\n",
    "---\nheadline: !!timestamp 2025-99-99\n---\n正文。\n",
    "---\nheadline: &a [*a]\n---\n正文。\n",
    # deeper than Python's recursion allows (the parser takes more than one frame
    # a level): 0.1 s, where 5,000 levels took 0.9 s for the same RecursionError
    "---\nheadline: " + "[" * sys.getrecursionlimit() + "\n---\n正文。\n",
    "---\n<<: {headline: x}\n---\n正文。\n",
    "---\nheadline: x\n---\n#\n",
    "---\nheadline: x\n---\n## \n",
    "---\nheadline: 'x\n---\n正文。\n",
    "---\nheadline: x\nplace: [1, 2]\n---\n正文。\n",
    "---\nheadline: x\nplace: {column: .inf}\n---\n正文。\n",
    "---\nheadline: x\npriority: 99999999999999999999999\n---\n正文。\n",
    "---\nheadline: x\n---\n\u2028\u2029\x85正文\n",
]


@pytest.mark.parametrize("data", GARBAGE)
def test_garbage_article(tmp_path, data):
    root = make(tmp_path, {"01-a.md": data})
    try:
        load_edition(root)
    except ContentError as err:
        assert err.path.name == "01-a.md"


@pytest.mark.parametrize("data", GARBAGE + ["- 1\n- 2\n", "pages: [[[]]]\n", "date: 2025-01-01\n"])
def test_garbage_edition(tmp_path, data):
    root = make(tmp_path, edition=data)
    with pytest.raises(ContentError) as info:
        load_edition(root)
    assert info.value.path.name == "edition.yaml"


def test_edition_is_a_file(tmp_path):
    path = tmp_path / "edition.yaml"
    path.write_text(EDITION, encoding="utf-8")
    assert "not a folder" in check(error(path), "edition.yaml")
