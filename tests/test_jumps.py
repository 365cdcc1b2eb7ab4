"""Jumps (转版), end to end: small editions built, the PDFs read back with pdfplumber.

A story that does not fit continues on a later page with room: `（下转第N版）`
where it breaks, a continuation head (续题) and `（上接第M版）` where it resumes;
`check` and report.json name the jump with both pages and the characters on
each side; what is not printed anywhere is the only overset. The rules: a
third of the story and 8 lines a column on each side, the lead only from
page 1, `jump: false`, `accepts_jumps: false`, one room shared in page order.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jumpeditions as je
import pytest
import stable
from pdfcheck import lines, page_chars

from layout.cli import main
from layout.content import load_edition

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
AUDIT = ROOT.parent / "shared" / "audit" / "audit.py"


def build(root: Path, out: Path) -> dict:
    """`newspage build --combined --force` of `root` settled (stable.settle: the
    page cache knows it from an earlier run); report.json."""
    main(["build", str(stable.settle(root)), "-o", str(out), "--combined", "--force"])
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def page_file(out: Path, number: int) -> Path:
    return out / f"江城晚报-2025-09-18-{number:02d}.pdf"


def text(out: Path, number: int) -> str:
    return "".join(c["text"] for c in page_chars(page_file(out, number)) if not c["text"].isspace())


def article(report: dict, page: int, aid: str, kind: str | None = None) -> dict:
    (p,) = [p for p in report["pages"] if p["page"] == page]
    return next(a for a in p["articles"] if a["id"] == aid and (kind is None or a["kind"] == kind))


def notes(report: dict, page: int) -> list[str]:
    (p,) = [p for p in report["pages"] if p["page"] == page]
    return [f"{d['article']}: {d['message']}" for d in p["diagnostics"]]


def edition_missing(out: Path, root: Path) -> int:
    """The auditor's multiset over the whole edition (scripts/audit_edition.py)."""
    if not AUDIT.exists():
        pytest.skip("the auditor (../shared/audit) is not here")
    import sys

    import pdfminer
    import pdfplumber
    import pikepdf

    sys.path.insert(0, str(ROOT / "scripts"))
    from audit_edition import edition_text

    pdf = out / "edition.pdf"
    code = stable.code_hash(
        ROOT / "scripts" / "audit_edition.py", *sorted(AUDIT.parent.glob("*.py"))
    )
    parts = ["audit_edition", code, stable.versions(pdfplumber, pdfminer, pikepdf)]
    parts += [stable.file_hash(pdf), stable.tree_hash(root)]
    return stable.memo(parts, lambda: edition_text(pdf, root, AUDIT))["missing"]


@pytest.fixture(scope="module")
def one(tmp_path_factory):
    root = je.one_jump(tmp_path_factory.mktemp("one") / "ed")
    out = root.parent / "out"
    return root, out, build(root, out)


def test_one_story_jumps(one):
    root, out, report = one
    (jump,) = report["jumps"]
    assert (jump["article"], jump["from_page"], jump["to_page"]) == ("50-long", 1, 2)
    story = next(a for a in load_edition(root).articles if a.id == "50-long")
    # the characters on both sides and what neither prints add up to the story
    assert jump["total"] == story.text_chars
    assert jump["chars_from"] + jump["chars_to"] + jump["overset"] == jump["total"]
    assert 3 * jump["chars_from"] >= jump["total"] and 3 * jump["chars_to"] >= jump["total"]
    # the page it leaves reports no overset for it; the page it resumes on the rest
    assert article(report, 1, "50-long")["overset_chars"] == 0
    cont = article(report, 2, "50-long", "continuation")
    assert cont["overset_chars"] == jump["overset"]
    assert cont["chars"] - cont["overset_chars"] == jump["chars_to"]


def test_marks_on_both_pages(one):
    _, out, _ = one
    assert "（下转第2版）" in text(out, 1)
    assert "（上接第1版）" in text(out, 2)
    assert "上接" not in text(out, 1) and "下转" not in text(out, 2)


def test_continuation_head(one):
    """The 续题: the headline or its longest phrase, larger than the body, on page 2."""
    _, out, _ = one
    headline = je.long_story("要闻")["headline"]
    body_size = 9.0
    rows = [r for r in lines(page_chars(page_file(out, 2))) if r[0]["size"] > body_size * 1.2]
    heads = ["".join(c["text"] for c in r).replace(" ", "") for r in rows]
    phrases = headline.split()
    assert any(h in headline.replace(" ", "") and any(p in h for p in phrases) for h in heads), (
        heads
    )


def test_the_text_is_all_there(one):
    """The auditor's multiset over the edition: nothing lost but what is overset."""
    root, out, report = one
    assert edition_missing(out, root) <= report["jumps"][0]["overset"]


def test_check_names_the_jump(one):
    """`check`'s text report names the jump (of the edition's lay-out, kept for
    the code, fonts and files by stable.lay_out; the command's own wiring is
    test_cli's)."""
    from layout.report import format_text

    root, _, report = one
    run = stable.lay_out(stable.settle(root))
    said = format_text(run.pages, verbose=False, edition=run.edition)
    j = report["jumps"][0]
    assert f"jump: 50-long 第1版 → 第2版: {j['chars_from']} + {j['chars_to']}" in said


def test_jump_false_cuts(tmp_path):
    root = je.one_jump(tmp_path / "ed", jump=False)
    report = build(root, tmp_path / "out")
    assert report["jumps"] == []
    assert article(report, 1, "50-long")["overset_chars"] > 0
    assert any("jump: false" in n for n in notes(report, 1))
    assert "下转" not in text(tmp_path / "out", 1)


def test_two_stories_compete_for_the_room(tmp_path):
    """Page 1's lead takes page 3's room; page 2's long story then finds none and
    is cut, with a note naming the room left."""
    root = je.competing(tmp_path / "ed")
    out = tmp_path / "out"
    report = build(root, out)
    assert [(j["article"], j["from_page"], j["to_page"]) for j in report["jumps"]] == [
        ("50-long", 1, 3)
    ]
    second = article(report, 2, "51-second")
    assert second["overset_chars"] > 0
    assert any("51-second: no jump" in n and "room" in n for n in notes(report, 2))
    # page 3's own stories keep all their text
    assert all(
        a["overset_chars"] == 0 for a in report["pages"][2]["articles"] if a["kind"] == "story"
    )
    assert "（下转第3版）" in text(out, 1) and "（上接第1版）" in text(out, 3)
    assert "下转" not in text(out, 2)


def test_no_later_page(tmp_path):
    report = build(je.last_page(tmp_path / "ed"), tmp_path / "out")
    assert report["jumps"] == []
    assert article(report, 1, "50-long")["overset_chars"] > 0
    assert any("no later page" in n for n in notes(report, 1))


def test_less_than_a_third_left_over_jumps_with_a_deeper_cut(tmp_path):
    """Less than a third of the lead is left over: it is cut deeper so that a
    third of it jumps, both sides keep a third, the room given back on page 1
    takes its other stories, and nothing is lost."""
    root = je.cut_deeper(tmp_path / "ed")
    out = tmp_path / "out"
    report = build(root, out)
    (jump,) = report["jumps"]
    assert (jump["article"], jump["from_page"], jump["to_page"]) == ("50-long", 1, 2)
    story = next(a for a in load_edition(root).articles if a.id == "50-long")
    assert jump["total"] == story.text_chars
    assert jump["overset"] == 0
    assert jump["chars_from"] + jump["chars_to"] == jump["total"]
    assert 3 * jump["chars_from"] >= jump["total"] and 3 * jump["chars_to"] >= jump["total"]
    assert article(report, 1, "50-long")["overset_chars"] == 0
    page1 = [a for a in report["pages"][0]["articles"] if a["kind"] != "continuation"]
    assert all(a["span"] and not a["overset_chars"] for a in page1)
    assert text(out, 1).count("（下转第2版）") == 1 and "（上接第1版）" in text(out, 2)
    assert edition_missing(out, root) == 0


def test_accepts_jumps_false(tmp_path):
    """Page 2 refuses continuations: the story continues on page 3."""
    out = tmp_path / "out"
    report = build(je.refusing(tmp_path / "ed"), out)
    assert [(j["from_page"], j["to_page"]) for j in report["jumps"]] == [(1, 3)]
    assert "（下转第3版）" in text(out, 1) and "（上接第1版）" in text(out, 3)
    assert "上接" not in text(out, 2)


def test_section_spanning_two_pages(tmp_path):
    """One section on pages 1 and 2: the most important stories on page 1, the
    rest on page 2, each printed once (the edition's text all there)."""
    root = je.spanning(tmp_path / "ed")
    out = tmp_path / "out"
    report = build(root, out)
    prio = {a.id: a.priority for a in load_edition(root).articles}
    on = [
        {a["id"] for a in p["articles"] if a["kind"] != "continuation" and a["span"]}
        for p in report["pages"]
    ]
    assert on[0] and on[1] and not on[0] & on[1]
    assert on[0] | on[1] == set(prio)
    assert max(prio[a] for a in on[0]) < min(prio[a] for a in on[1])
    over = sum(a["overset_chars"] for p in report["pages"] for a in p["articles"])
    assert edition_missing(out, root) <= over
    # each page's PDF holds its own stories' headlines
    for k, ids in enumerate(on, 1):
        got = Counter(text(out, k))
        for aid in ids:
            head = je.headline(aid[:2]).replace(" ", "")
            assert not Counter(head) - got, (aid, k)


def test_rebuild_from_the_cache(one, tmp_path):
    """A second build copies every page (both phases cached): the same files and report."""
    root, out, report = one
    again = tmp_path / "again"
    assert build(root, again) == {**report}
    for n in (1, 2):
        assert page_file(again, n).read_bytes() == page_file(out, n).read_bytes()


def test_front_edition_lead_jumps_and_every_story_prints(tmp_path):
    """content/front, the issue's own case: page 1 (masthead, 导读) holds two
    thirds of its over-long lead, which continues on page 2 beside its ad.
    Every other story prints whole, no page has a hole, nothing is lost, and
    no note calls a story cut that prints whole."""
    root = ROOT / "content" / "front"
    out = tmp_path / "out"
    report = build(root, out)
    (jump,) = report["jumps"]
    assert (jump["from_page"], jump["to_page"]) == (1, 2), jump
    for p in report["pages"]:
        assert not p["holes"], p["page"]
        for a in p["articles"]:
            if a["kind"] not in ("masthead", "ad", "index"):
                assert a["module"] != "not placed" and not a["overset_chars"], a
        whole = {a["id"] for a in p["articles"] if not a["overset_chars"]}
        assert not [
            n for n in notes(report, p["page"]) if n.split(":")[0] in whole and "; cut" in n
        ]
    assert edition_missing(out, root) == 0
