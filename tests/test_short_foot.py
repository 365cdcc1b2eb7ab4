"""Short pages (issue 10, point 3): the space the copy cannot fill goes to one
hole across the page's foot, not into air above the headlines."""

from __future__ import annotations

import pytest
import stable
from editiongen import EditionSpec, generate


def _pages(tmp_path, seed, fills, style="tabloid"):
    generate(EditionSpec(seed=seed, fills=fills, style=style), tmp_path / "ed")
    _, st, _, pages = stable.made_up(stable.settle(tmp_path / "ed"))
    return st, pages


def test_a_short_pages_space_goes_to_the_hole_not_above_its_headlines(tmp_path):
    """Generated tabloid s5 at 55 %: its headlines, the lead's included, stood
    under 6 lines of air (the style's 3 and 3 more) over a 6 × 11 hole. The
    page is now made up level over its top lines with the style's air at
    most, and what is left is one hole across the foot (a larger one, 6 × 17),
    with every other rule met and the hole logged as a step."""
    st, (lay, _) = _pages(tmp_path, 5, (0.55, 0.65))
    airs = [p.title_air for p in lay.placements if p.kind == "story"]
    assert max(airs) <= st.max_pad, airs
    (hole,) = lay.report.holes
    assert (hole.col, hole.span, hole.top + hole.depth) == (0, st.columns, st.lines), hole
    assert [k for k, ok in lay.rules_met.items() if not ok] == ["no_hole"]
    assert any(s.startswith(f"hole: {st.columns} columns") for s in lay.report.steps)


@pytest.mark.parametrize("seed", [2, 7])
def test_a_hole_across_the_foot_leaves_no_extra_air_above_headlines(tmp_path, seed):
    """Generated tabloid short pages (50-70 %) whose hole runs across the
    page's foot: the copy above it ends level with no title block taking
    more than the style's air (seed 7 at 50 % had 6 × 17 under headlines with
    6 lines of air; seed 2 at 50 % a 3 × 43 hole beside copy with 6), and no
    rule but the hole is broken."""
    st, pages = _pages(tmp_path, seed, (0.5, 0.6, 0.7))
    across = 0
    for lay in pages:
        for hole in lay.report.holes:
            assert hole.top + hole.depth == st.lines, (lay.page.number, hole)
            if hole.span < st.columns:
                continue
            across += 1
            airs = [p.title_air for p in lay.placements if p.kind == "story"]
            assert max(airs) <= st.max_pad, (lay.page.number, airs)
            broken = [k for k, ok in lay.rules_met.items() if not ok]
            assert broken == ["no_hole"], (lay.page.number, broken)
    assert across >= 2


def test_a_tall_hole_beside_the_copy_goes_across_the_foot(tmp_path):
    """Generated broadsheet s2 at 50 %: the hole ran 3 × 100 down columns 6-8
    from line 28 (a white column beside the copy). When the page's hole
    reaches above the lower half, the page is made up level over its top
    lines with the air the short page allows, and the hole goes across the
    foot; the lead keeps its headline's size; no rule but the hole is broken."""
    st, pages = _pages(tmp_path, 2, (0.5, 0.6, 0.7), style="broadsheet")
    for lay in pages[:1]:
        (hole,) = lay.report.holes
        assert hole.top + hole.depth == st.lines, (lay.page.number, hole)
        assert hole.depth <= st.lines // 2, (lay.page.number, hole)
        assert hole.span == st.columns, (lay.page.number, hole)
        broken = [k for k, ok in lay.rules_met.items() if not ok]
        assert broken == ["no_hole"], (lay.page.number, broken)


def test_more_title_air_before_a_white_gap_is_still_a_step_taken(tmp_path):
    """The step 'more title air, one hole left' (short.more_hole_air) on a
    page that needs it: generated broadsheet s1 at 60 % has no level page
    with a foot strip (footstrip.py) and its page with a hole leaves columns
    short; with the title blocks' air a step further every column reaches
    the foot or the hole (without the step: rule `full` not met, a 2 × 112
    hole from line 16)."""
    st, pages = _pages(tmp_path, 1, (0.5, 0.6, 0.7), style="broadsheet")
    lay = pages[1]
    assert any(s.endswith("more lines, one hole left") for s in lay.report.steps)
    assert [k for k, ok in lay.rules_met.items() if not ok] == ["no_hole"]
    (hole,) = lay.report.holes
    assert hole.top + hole.depth == st.lines
