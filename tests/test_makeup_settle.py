"""Columns brought to the foot by air in the stack above them (settle.py),
on generated pages with 85–130 % of a page's copy: each case is one page of a
generated edition (the page alone, as the quality sweep's edition makes it),
made up by the real pipeline and read back from its report."""

from __future__ import annotations

import shutil
from pathlib import Path

import stable
import yaml
from editiongen import FILLS, EditionSpec, generate


def one_page(tmp_path: Path, seed: int, style: str, number: int) -> Path:
    """Page `number` of the generated edition (seed, style, every fill) alone."""
    full = tmp_path / "full"
    generate(EditionSpec(seed=seed, fills=FILLS, style=style), full)
    out = tmp_path / "page"
    (out / "articles").mkdir(parents=True)
    ed = yaml.safe_load((full / "edition.yaml").read_text(encoding="utf-8"))
    ed["pages"] = [p for p in ed["pages"] if p["number"] == number]
    assert ed["pages"], number
    (out / "edition.yaml").write_text(yaml.safe_dump(ed, allow_unicode=True), encoding="utf-8")
    for f in (full / "articles").glob(f"p{number}-*"):
        shutil.copy(f, out / "articles" / f.name)
    return out


def broken(lay) -> list[str]:
    return [k for k, ok in lay.rules_met.items() if not ok and k != "no_overset"]


def test_a_headline_over_brings_its_body_down_to_the_foot(tmp_path):
    """Tabloid s3, 85 % (page 7): a one-column story whose headline runs over
    the next column, with nothing under it, ended 2 lines above the foot
    (rule `full` not met). Its title block cannot grow (the next column's
    stories stand under it), so its body starts 2 lines lower, in its own
    column only: every column reaches the foot, every rule is met."""
    _, style, _, (lay,) = stable.made_up(stable.settle(one_page(tmp_path, 3, "tabloid", 7)))
    assert not broken(lay), lay.report.diagnostics
    assert not lay.report.holes
    assert any("stories that ended above the foot" in s for s in lay.report.steps)
    over = [p for p in lay.report.placements if p.over]
    assert any(p.top + p.depth == style.lines for p in over), over


def test_a_small_hole_is_traded_for_a_smaller_cut(tmp_path):
    """Tabloid s8, 85 % (page 9): the copy's least area is under 90 % of the
    page, so it was made up as a short page and left a hole of 16
    column-lines (待补 192 字). Made up as a full page, one story cut at a
    sentence end fills it with 32 characters overset: no hole, every rule
    but overset met, the lead whole, the trade reported as a step."""
    _, style, _, (lay,) = stable.made_up(stable.settle(one_page(tmp_path, 8, "tabloid", 9)))
    assert not lay.report.holes
    assert not broken(lay), lay.report.diagnostics
    over = sum(a.overset_chars for a in lay.report.articles)
    assert 0 < over < 192
    assert any("rather than leave a hole" in s for s in lay.report.steps)


def test_a_cut_larger_than_the_hole_is_not_taken(tmp_path):
    """Broadsheet s4, 100 % (page 5) keeps its hole of 1 column × 8 lines
    (待补 104 字): the page with a cut instead would leave 242 characters out."""
    _, style, _, (lay,) = stable.made_up(stable.settle(one_page(tmp_path, 4, "broadsheet", 5)))
    assert [(h.span, h.depth) for h in lay.report.holes] == [(1, 8)]
    assert not lay.report.overset


def test_the_lowest_story_takes_air_under_its_title_when_its_headline_may_not_move(tmp_path):
    """Broadsheet s3, 85 % (page 7): column 7 ended 3 lines above the foot
    under a one-column story whose headline, brought lower by air above it,
    would come beside its neighbour's (撞题). The lines go between its title
    block and its body (and the headline over above it): every column
    reaches the foot, no 撞题, every rule is met."""
    _, style, _, (lay,) = stable.made_up(stable.settle(one_page(tmp_path, 3, "broadsheet", 7)))
    assert not broken(lay), lay.report.diagnostics
    assert not lay.report.holes
    assert any("stories that ended above the foot" in s for s in lay.report.steps)
