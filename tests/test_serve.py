"""`newspage serve` without a browser: the engine's incremental rebuilds, errors,
the HTTP API and its refusals (Starlette's TestClient, real layouts)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import stable
from photo_helpers import make_edition, story
from stable import own_copy
from starlette.testclient import TestClient

from layout.serve.app import create_app
from layout.serve.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content" / "demo"
SAMPLE = ROOT / "content" / "sample"

pytestmark = pytest.mark.slow


def save(path: Path, text: str) -> None:
    """As an editor saves: a new file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# Each test edits a copy of its own at a path that is the same in every run
# (stable.own_copy), so that the preview's make-ups, kept on disk by the
# files' paths and bytes (layout.serve.memo), are found again on the next run.


@pytest.fixture
def demo(request) -> Iterator[Path]:
    with own_copy(f"serve-{request.node.name}", DEMO) as root:
        yield root


@pytest.fixture
def sample(request) -> Iterator[Path]:
    """A one-page edition, for what does not depend on the pages (a quarter of the demo's work)."""
    with own_copy(f"serve-{request.node.name}", SAMPLE) as root:
        yield root


def test_a_broken_edition_keeps_the_last_good_pages_and_names_file_and_line(sample):
    """(On the one-page sample: what is kept and named does not depend on the pages.)"""
    engine = Engine(sample)
    good = engine.rebuild()
    yaml = sample / "edition.yaml"
    text = yaml.read_text(encoding="utf-8")
    save(yaml, text.replace("    name: 街镇新闻", "    name: [街镇新闻"))
    bad = engine.rebuild()
    assert bad.error is not None
    assert bad.error.file.endswith("edition.yaml") and bad.error.line is not None
    assert "edition.yaml" in bad.error.message
    assert [p.svg for p in bad.pages] == [p.svg for p in good.pages]  # last good pages stay
    art = sample / "articles" / "03-dongzhou-zuofeng.md"
    save(yaml, text)
    save(art, art.read_text(encoding="utf-8").replace("priority: 3", "priority: three"))
    field = engine.rebuild().error
    assert field is not None and field.field == "priority" and field.file.endswith(art.name)
    save(art, art.read_text(encoding="utf-8").replace("priority: three", "priority: 3"))
    fixed = engine.rebuild()
    assert fixed.error is None


def test_source_files_are_served_only_from_inside_the_edition(sample, tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_text("not for the browser", encoding="utf-8")
    (sample / "articles" / "link.txt").symlink_to(outside)
    with TestClient(create_app(sample, watch=False)) as client:
        ok = client.get("/api/source", params={"path": "edition.yaml"})
        assert ok.status_code == 200 and "富阳日报" in ok.text
        for path in (
            "../secret.md",
            str(outside),
            "articles/../../secret.md",
            "articles/link.txt",
            "/etc/passwd",
            "",
            "articles",
        ):
            r = client.get("/api/source", params={"path": path})
            assert r.status_code == 403, path
            assert "not for the browser" not in r.text


def test_only_loopback_names_are_answered(sample):
    app = create_app(sample, watch=False)  # one app: its engine lays the page out once
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/state").status_code == 403  # TestClient is not on loopback
    with TestClient(app) as client:
        assert client.get("/api/state").status_code == 200
        r = client.get("/api/state", headers={"host": "evil.example:8000"})
        assert r.status_code == 403


def test_the_api_serves_state_pages_and_fonts_and_only_the_changed_page_is_laid_out_again(
    demo, demo_run
):
    """The API over the demo: state, pages as SVG with the overset mark, fonts,
    the index; 404s. Then its engine (one engine: each full rebuild of the demo
    lays out 3 pages): an edit lays out again only its page; kept paragraphs
    change nothing (the edited page, and after the undo the page read back from
    the preview's memo, are drawn exactly as a fresh `lay_out` of the same
    files draws them: of the edited files, and the session's lay-out of
    content/demo, whose copy the engine edits); a header change, every page."""
    from layout.proof.adapter import drawing, proof_page
    from layout.serve.svg import page_svg

    app = create_app(demo, watch=False)
    engine = app.state.engine
    with TestClient(app) as client:  # its start lays the pages out
        first = engine.last
        assert first.error is None and first.rebuilt == [2, 3, 4]
        state = client.get("/api/state").json()
        assert [p["number"] for p in state["pages"]] == [2, 3, 4]
        page3 = next(p for p in state["pages"] if p["number"] == 3)
        over = [p for p in page3["problems"] if p["kind"] == "overset"]
        assert over and over[0]["label"].startswith("超 ")
        svg = client.get("/api/page/3.svg")
        assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
        assert f'id="{over[0]["id"]}"' in svg.text and "超 " in svg.text
        assert client.get("/api/page/9.svg").status_code == 404
        key = state["faces"][0]
        font = client.get(f"/fonts/{key}.ttf")
        assert font.status_code == 200 and font.content[:4] in (b"\x00\x01\x00\x00", b"true")
        assert client.get("/fonts/not-a-face.ttf").status_code == 404
        page = client.get("/")
        assert page.status_code == 200 and "/static/app.js" in page.text

    same = engine.rebuild()
    assert same.rebuilt == [] and same.version == first.version
    # an article of page 3 (section 城事), a paragraph added: only page 3
    art = demo / "articles" / "06-zhineng-jinggai.md"
    original = art.read_text(encoding="utf-8")
    save(art, original.replace("\n\n", "\n\n新增一段文字，用于检验缓存。\n\n", 1))
    edit = engine.rebuild()
    assert edit.rebuilt == [3] and edit.version == first.version + 1
    versions = {p.number: p.version for p in edit.pages}
    assert versions == {2: first.version, 3: edit.version, 4: first.version}
    # made up with the paragraphs kept from the first: drawn as a cold lay-out
    # of the edited files draws it (kept by content, stable.lay_out)
    edited = stable.lay_out(stable.settle(demo))
    lay = next(lay for lay in edited.pages if lay.page.number == 3)
    cold = page_svg(drawing(lay, edited.fonts), proof_page(lay, edited.edition))
    assert engine.page(3).svg == cold
    # its undo: page 3 again, drawn as a cold lay-out draws it
    save(art, original)
    warm = engine.rebuild()
    assert warm.rebuilt == [3]
    run = demo_run
    for lay in run.pages:
        cold = page_svg(drawing(lay, run.fonts), proof_page(lay, run.edition))
        assert engine.page(lay.page.number).svg == cold
    # the paper's name is in every page header: every page
    yaml = demo / "edition.yaml"
    save(yaml, yaml.read_text(encoding="utf-8").replace("江城晚报", "江城日报"))
    assert engine.rebuild().rebuilt == [2, 3, 4]


def test_the_preview_runs_the_edition_pass(request):
    """The preview makes the pages the build makes: on content/front the lead
    jumps from page 1 to page 2 (下转 / 上接), and page 2 carries its rest, not a
    second copy of page 1's stories; an edit on page 2 makes both pages again
    (the jump ties them)."""
    with own_copy(f"serve-{request.node.name}", ROOT / "content" / "front") as front:
        _edition_pass(front)


def _edition_pass(front: Path) -> None:
    engine = Engine(front)
    first = engine.rebuild()
    assert first.error is None and first.rebuilt == [1, 2]
    one, two = ("\n".join(engine.page(n).report) for n in (1, 2))
    assert "01-qiantang-zhili" in one and "下转第2版" in one, one
    assert "(上接第1版)" in two, two
    assert "03-zhongkao-anpai" not in two  # page 1's own stories stay on page 1
    art = front / "articles" / "13-yeshi-jingji.md"  # a story of page 2
    save(art, art.read_text(encoding="utf-8").replace("夜市", "夜集", 1))
    assert engine.rebuild().rebuilt == [1, 2]


def test_the_preview_keeps_its_make_ups_on_disk(private_cache, tmp_path, monkeypatch):
    """A preview started again on the same files makes nothing up: its page is
    read from the file the first one wrote (layout.serve.memo), the same page.
    An edit makes the page up again, as a preview without the files
    (NEWSPAGE_MEMO=0) makes it; a file cut short or with a byte changed is made
    again and written anew. (A two-story page: the make-ups are real.)"""
    from layout.serve import memo

    body = "钱塘江畔的社区今年新建了三处口袋公园，居民休闲有了好去处。" * 6
    root = make_edition(
        tmp_path,
        {
            "01-gongyuan.md": story("", body=f"{body}\n\n{body}\n"),
            "02-xiaoxi.md": story("", body=f"{body[:60]}\n").replace("priority: 1", "priority: 2"),
        },
    )

    def stamps() -> dict[Path, int]:
        return {f: f.stat().st_mtime_ns for f in (private_cache / "preview").rglob("*.pickle")}

    def svgs(engine: Engine) -> list[str]:
        return [p.svg for p in engine.last.pages]

    first = Engine(root)
    assert first.rebuild().error is None
    kept = stamps()
    assert len(kept) == 1  # one section, no jumps: one chain
    again = Engine(root)
    assert again.rebuild().rebuilt == [3]
    assert svgs(again) == svgs(first) and stamps() == kept  # read, not made: nothing written

    art = root / "articles" / "01-gongyuan.md"
    save(art, art.read_text(encoding="utf-8") + "\n新增一段文字，用于检验缓存。\n")
    assert again.rebuild().rebuilt == [3]
    edited = stamps()
    assert edited.keys() > kept.keys()  # made up again, and kept beside the first
    assert svgs(again) != svgs(first)
    monkeypatch.setenv("NEWSPAGE_MEMO", "0")
    off = Engine(root)
    assert off.rebuild().error is None
    assert svgs(off) == svgs(again) and stamps() == edited  # the same page; no file
    monkeypatch.setenv("NEWSPAGE_MEMO", "1")
    (new,) = edited.keys() - kept.keys()
    data = new.read_bytes()
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x01
    for damaged in (data[:-10], bytes(flipped)):
        new.write_bytes(damaged)
        fresh = Engine(root)
        assert fresh.rebuild().error is None
        assert svgs(fresh) == svgs(again)
        assert new.read_bytes() != damaged and memo.load(new.stem) is not None  # written anew
