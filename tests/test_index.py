"""The 导读 box (`index: true`): every other page's lead with its 第N版, placed
by the make-up as a module, never cut; `index` a flag of the page entry."""

from __future__ import annotations

import pytest
from front_helpers import page_text, small_edition
from stable import settle

from layout.cli import main
from layout.content import load_edition
from layout.errors import ContentError
from layout.furniture import index_entries
from layout.makeup import make_page
from layout.pipeline import load


def _leads(edition, page):
    """(page number, page name, lead headline) of every other page, from the articles."""
    out = []
    for other in edition.pages:
        if other.number == page.number:
            continue
        arts = [a for a in edition.articles if a.section == other.section and a.kind == "story"]
        lead = min(arts, key=lambda a: (a.priority, a.order))
        out.append((other.number, other.name, lead.headline))
    return out


def test_entries_are_the_other_pages_leads(tmp_path):
    ed = small_edition(tmp_path)
    edition = load_edition(ed)
    page = edition.pages[0]
    entries = index_entries(edition, page)
    assert entries == [(f"第{n}版 {name}", head) for n, name, head in _leads(edition, page)]


def test_the_box_is_a_module_on_its_page_only(tmp_path):
    ed = small_edition(tmp_path)
    edition, style, fonts = load(ed)
    p1 = make_page(edition, edition.pages[0], fonts, style)
    p2 = make_page(edition, edition.pages[1], fonts, style)
    assert [p.kind for p in p1.placements].count("index") == 1
    assert "index" not in [p.kind for p in p2.placements]
    box = next(p for p in p1.placements if p.kind == "index")
    assert box.overset_chars == 0  # never cut
    text = "".join(r.text() for r in p1.display.runs if r.article == box.article)
    for n, name, head in _leads(edition, edition.pages[0]):
        assert f"第{n}版{name}" in text.replace(" ", "")
        assert head.replace(" ", "") in text.replace(" ", "")


def test_index_entries_are_printed_with_the_page_numbers(tmp_path):
    ed = small_edition(tmp_path)
    edition = load_edition(ed)
    out = tmp_path / "out"
    main(["build", str(settle(ed)), "-o", str(out), "--force"])
    text = page_text(next(out.glob("*-01.pdf")))
    assert "导读" in text
    for n, name, head in _leads(edition, edition.pages[0]):
        assert f"■第{n}版{name}{head.replace(' ', '')}" in text


def test_index_must_be_true_or_false(tmp_path):
    ed = small_edition(tmp_path)
    yaml = ed / "edition.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("index: true", "index: 是"))
    with pytest.raises(ContentError) as err:
        load_edition(ed)
    assert "pages[1].index" in str(err.value) and "true or false" in str(err.value)


def test_a_section_over_two_pages_is_listed_once_at_its_first_page(tmp_path):
    ed = small_edition(tmp_path)
    yaml = ed / "edition.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8") + "  - number: 3\n    section: 综合\n    name: 综合新闻\n",
        encoding="utf-8",
    )
    edition = load_edition(ed)
    entries = index_entries(edition, edition.pages[0])
    assert [where for where, _ in entries] == ["第2版 综合新闻"]


def test_the_box_ranks_after_the_lead_whatever_the_file_order(tmp_path):
    """The box ranks right after the page's lead, also when the lead is not the
    edition's first article in file order (it once took the lead's place: top
    left, with the lead squeezed into one column under it)."""
    ed = small_edition(tmp_path)
    arts = ed / "articles"
    for path in sorted(arts.glob("*.md")):  # page 2's articles first in file order
        if "section: 综合" in path.read_text(encoding="utf-8"):
            path.rename(arts / f"00-{path.name}")
    edition, style, fonts = load(ed)
    page = edition.pages[0]
    lead = edition.articles_for(page)[0]
    assert lead.order > 0
    lay = make_page(edition, page, fonts, style)
    assert lay.report.rules_met["lead_on_top_widest"]
    top_left = min(
        (p for p in lay.placements if p.kind != "masthead"), key=lambda p: (p.top, p.col)
    )
    assert top_left.article == lead.id


@pytest.mark.parametrize("entries,lines", [(9, 3), (9, 8), (9, 11), (4, 2), (2, 5)])
def test_the_box_air_falls_between_entries_at_even_intervals(entries, lines):
    from layout.copy import BodyItem
    from layout.makeup.index import even_air

    items = [BodyItem("line", (), 1, n) for n in range(entries) for _ in range(3)]
    out = even_air(items, lines)
    gaps, run = [], 0
    for a, b in zip(out, out[1:], strict=False):
        if b.kind == "space":
            run += 1
        elif a.para != b.para or a.kind == "space":
            gaps.append(run)
            run = 0
    assert len(gaps) == entries - 1 and sum(gaps) == lines
    assert max(gaps) - min(gaps) <= 1
    # the wider gaps are spread out, not the first ones (3 lines over 8 gaps
    # given to entries 1–3 read as two lists)
    wide = [g for g, n in enumerate(gaps) if n > min(gaps)]
    if wide and len(wide) < len(gaps):
        assert all(b - a > 1 for a, b in zip(wide, wide[1:], strict=False)) or len(wide) * 2 > len(
            gaps
        )
        assert wide[-1] == len(gaps) - 1
