"""Make-up on real editions: the sample page and the three-page demo edition.

Golden layouts (tests/golden/layouts.json) catch any change of placement; when
a change is intended, regenerate them with NEWSPAGE_UPDATE_GOLDEN=1 and look
at the pages before committing. The other tests state what an editor wants
from the pages whatever the exact placement: the sample full with no overset
and no bumping heads, the lead on top and widest; on the demo edition the long
story reported 超 N 字 and nothing else, the thin page reported 缺 N 行.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest
import stable
from pdfcheck import article_chars, collisions, open_pdf, page_chars, rule_breaks

from layout.errors import ContentError
from layout.makeup import make_page
from layout.pipeline import lay_out, load

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).with_name("golden") / "layouts.json"
EDITIONS = ("sample", "demo")


def _layouts(name: str):
    run = lay_out(ROOT / "content" / name)
    return run.edition, run.style, run.pages


@pytest.fixture(scope="module")
def sample(sample_run):
    """The session's lay-out of content/sample (conftest): read only."""
    return sample_run.edition, sample_run.style, sample_run.pages


@pytest.fixture(scope="module")
def demo(demo_run):
    """The session's lay-out of content/demo (conftest): read only."""
    return demo_run.edition, demo_run.style, demo_run.pages


def _modules(layout) -> list[list]:
    return [[p.article, p.col + 1, p.span, p.top + 1, p.depth] for p in layout.placements]


# ---------------------------------------------------------------------------
# golden placements


def _golden_text(got: dict) -> str:
    """One module per line, so a changed placement reads as a one-line diff."""
    out = ["{"]
    for i, (name, pages) in enumerate(got.items()):
        out.append(f'  "{name}": {{')
        for j, (number, modules) in enumerate(pages.items()):
            out.append(f'    "{number}": [')
            rows = [json.dumps(m, ensure_ascii=False) for m in modules]
            out.append(",\n".join(f"      {r}" for r in rows))
            out.append("    ]" + ("," if j < len(pages) - 1 else ""))
        out.append("  }" + ("," if i < len(got) - 1 else ""))
    out.append("}")
    return "\n".join(out) + "\n"


def _check_golden(got: dict, path: Path) -> None:
    """Compare with the golden file; write it only when asked to."""
    if os.environ.get("NEWSPAGE_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(_golden_text(got), encoding="utf-8")
    assert path.exists(), f"{path} is missing: write it with NEWSPAGE_UPDATE_GOLDEN=1"
    want = json.loads(path.read_text(encoding="utf-8"))
    assert got == want


def test_golden_layouts(sample, demo):
    got = {
        name: {str(lay.page.number): _modules(lay) for lay in layouts}
        for name, (_, _, layouts) in (("sample", sample), ("demo", demo))
    }
    _check_golden(got, GOLDEN)


def test_missing_golden_file_fails(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSPAGE_UPDATE_GOLDEN", raising=False)
    missing = tmp_path / "layouts.json"
    with pytest.raises(AssertionError, match="is missing"):
        _check_golden({"sample": {"3": [["01", 1, 3, 1, 44]]}}, missing)
    assert not missing.exists()


def test_same_input_same_page(sample):
    edition, style, layouts = sample
    _, _, again = _layouts("sample")
    assert [_modules(a) for a in again] == [_modules(a) for a in layouts]


# ---------------------------------------------------------------------------
# the sample page, as an editor wants it


def _column_feet(layout) -> list[int]:
    """Last grid line (1-based) with body or subhead text, per column of the page."""
    st = layout.style
    feet = [0] * st.columns
    for t in layout.texts:
        if t.role not in ("body", "subhead"):
            continue
        col = max(c for c in range(st.columns) if st.column_x(c) <= t.x + 1.0)
        line = int((t.baseline - st.area_top) // st.pitch) + 1
        feet[col] = max(feet[col], line)
    return feet


def test_sample_has_no_pins_and_fills_the_page(sample):
    edition, style, (layout,) = sample
    assert all(a.pin is None for a in edition.articles)
    assert not layout.overset
    feet = _column_feet(layout)
    assert all(f >= style.lines - 1 for f in feet), f"column feet {feet} of {style.lines}"
    assert layout.fill_ratio > 0.9


def test_sample_lead_on_top_widest_largest(sample):
    _, _, (layout,) = sample
    mods = {p.article: p for p in layout.placements}
    lead = mods["01-hengshan"]
    assert lead.top == 0
    stories = [p for p in layout.placements if p.kind == "story"]
    assert lead.span == max(p.span for p in stories)
    sizes = {t.article: t.size for t in layout.texts if t.role == "headline"}
    assert sizes["01-hengshan"] == max(sizes.values())


def test_sample_no_bumping_heads(sample):
    _, _, (layout,) = sample
    assert not [d for d in layout.diagnostics if "撞题" in d.message]
    stories = [p for p in layout.placements if p.kind == "story"]
    for a in stories:
        for b in stories:
            side = a.col + a.span == b.col
            assert not (side and a.top == b.top), (a.article, b.article)


def test_sample_meets_every_rule(sample):
    _, _, (layout,) = sample
    assert layout.rules_met and all(layout.rules_met.values()), layout.rules_met
    assert not [d for d in layout.diagnostics if d.severity == "error"]


def test_demo_rules_not_met_are_reported(demo):
    _, _, (page2, page3, page4) = demo
    assert page3.rules_met["no_overset"] is False
    # page 4's thin copy is filled by its photos (issue 11): full, no hole
    assert page4.rules_met["full"] is True and page4.rules_met["no_hole"] is True
    for lay in (page2, page3, page4):
        for name, met in lay.rules_met.items():
            if not met and name != "no_overset":
                assert any(d.severity == "warning" for d in lay.diagnostics), name


def test_sample_modules_end_level(sample):
    """Each module's columns end on the same line, within one."""
    _, _, (layout,) = sample
    for p in layout.placements:
        assert p.short_lines <= p.span, (p.article, p.short_lines)


# ---------------------------------------------------------------------------
# the three-page demo edition


def test_demo_articles_go_to_their_pages(demo):
    edition, _, layouts = demo
    assert [lay.page.number for lay in layouts] == [2, 3, 4]
    for lay in layouts:
        want = {a.id for a in edition.articles if a.section == lay.page.section}
        assert {a.id for a in lay.articles} == want


def test_demo_page2_full_without_overset(demo):
    _, style, layouts = demo
    page2 = layouts[0]
    assert not page2.overset
    feet = _column_feet(page2)
    assert all(f >= style.lines - 1 for f in feet), feet


def test_demo_page3_long_story_is_the_one_overset(demo):
    _, style, layouts = demo
    page3 = layouts[1]
    over = {a.id: a.overset_chars for a in page3.articles if a.overset_chars}
    assert list(over) == ["05-liuxiang-laojie"]
    lead = next(a for a in page3.articles if a.id == "05-liuxiang-laojie")
    # what is printed plus what is overset is the whole story
    printed = sum(
        len(t.glyphs) for t in page3.texts if t.role in ("body", "subhead") and t.article == lead.id
    )
    assert printed + lead.overset_chars == lead.chars
    # the page is still full: the cut story takes what the others leave
    feet = _column_feet(page3)
    assert all(f >= style.lines - 1 for f in feet), feet


def test_demo_page4_thin_copy_filled_by_photos(demo):
    """Page 4 has too little text for the page; its photos grow and fill it (the
    short page's step 2), so there is no hole. Holes on short pages: test_cli."""
    _, style, layouts = demo
    page4 = layouts[2]
    assert not page4.overset and not page4.report.holes
    assert page4.rules_met["full"], page4.diagnostics  # every column to the foot, within 1
    photos = sum(i.w * i.h for i in page4.display.images)
    assert photos > 0.2 * style.area_w * style.area_h


def test_demo_check_names_the_overset_article(demo_run):
    """`check`'s text report of the demo (the session's lay-out; the command's
    own wiring and exit codes are test_cli's)."""
    from layout import report

    out = report.format_text(demo_run.pages, verbose=False, edition=demo_run.edition)
    line = next(ln for ln in out.splitlines() if "05-liuxiang-laojie" in ln)
    assert "超" in line and "字" in line
    assert sum("超" in ln for ln in out.splitlines()) == 1
    assert "缺" in out


@pytest.mark.slow
def test_demo_pdfs_read_back(demo_built, demo):
    """The session's build of content/demo (conftest), read back."""
    edition, _, layouts = demo
    with open_pdf(demo_built / "edition.pdf") as pdf:
        assert len(pdf.pages) == 3
    for lay in layouts:
        pdf = next(demo_built.glob(f"*-{lay.page.number:02d}*.pdf"))
        chars = page_chars(pdf)
        assert not collisions(chars), collisions(chars)[:5]
        assert not rule_breaks(chars), rule_breaks(chars)[:5]
        arts = [a for a in edition.articles if a.section == lay.page.section]
        want = article_chars(a for a in arts if a.id != "05-liuxiang-laojie")
        missing = want - Counter(c["text"] for c in chars)
        assert not missing, (lay.page.number, dict(missing))


# ---------------------------------------------------------------------------
# editors' pins


def _with_pin(tmp_path: Path, article: str, pin: str) -> Path:
    import shutil

    root = tmp_path / "pinned"
    shutil.copytree(ROOT / "content" / "sample", root)
    path = root / "articles" / article
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n---", f"\nplace: {pin}\n---", 1), encoding="utf-8")
    return root


def test_pin_is_honoured(tmp_path):
    root = _with_pin(tmp_path, "02-xiaoge-yizhan.md", "{column: 1, span: 3, top: true}")
    # made up once for the code, fonts and files (stable.made_up)
    edition, style, fonts, (layout,) = stable.made_up(stable.settle(root))
    p = next(p for p in layout.placements if p.article == "02-xiaoge-yizhan")
    assert (p.col, p.span, p.top) == (0, 3, 0)
    assert len(layout.articles) == len(edition.articles)


def test_impossible_pin_is_a_clear_error(tmp_path):
    root = _with_pin(tmp_path, "02-xiaoge-yizhan.md", "{column: 5, span: 4}")
    edition, style, fonts = load(root)
    with pytest.raises(ContentError) as err:
        make_page(edition, edition.pages[0], fonts, style)
    assert "02-xiaoge-yizhan.md" in str(err.value) and "place" in str(err.value)
