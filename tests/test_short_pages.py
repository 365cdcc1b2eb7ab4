"""Short pages (issue 10, point 3): the brief block deepens by air between its
briefs, and a module counts the column that ends shortest."""

from __future__ import annotations

from pathlib import Path

import pytest
import stable
from editiongen import EditionSpec, generate

from layout.makeup.briefs import AIR_PER_GAP, BriefBlock
from layout.makeup.feet import foot_gap
from layout.makeup.module import Placed
from layout.makeup.page import build_modules
from layout.makeup.short import apart, split_briefs
from layout.makeup.story import Story
from layout.pipeline import load

ROOT = Path(__file__).resolve().parent.parent


def sample_modules():
    edition, style, fonts = load(ROOT / "content" / "sample")
    page = edition.pages[0]
    return build_modules(edition, page, fonts, style), style


def test_a_short_pages_brief_block_deepens_by_air_between_its_briefs():
    mods, style = sample_modules()
    block = next(md for md in mods if isinstance(md, BriefBlock))
    gaps = len(block.copy.briefs) - 1
    assert max(o.pad for o in block.options(1)) == style.max_pad  # a full page: the style's
    block.more_air = 3  # a short page with a hole (page.py)
    block.reset()
    deepest = max(block.options(1), key=lambda o: o.pad)
    assert deepest.pad == max(style.max_pad, AIR_PER_GAP * gaps + 1)
    # the air goes between the briefs, the text still reaches the frame's foot
    p = Placed(0, 0, 0, deepest, deepest.body)
    cols, _ = block.flow_placed(p)
    lines = sum(it.height for it in cols[0])
    assert lines >= deepest.body + deepest.pad - 1
    blanks = [k for k, it in enumerate(cols[0]) if it.kind == "space"]
    assert blanks and 0 < min(blanks) and max(blanks) < len(cols[0]) - 1
    # a wider block takes no air: under its last brief it reads as short columns
    assert all(o.pad == 0 for o in block.options(2))


def test_foot_gap_counts_the_column_that_ends_shortest():
    mods, _ = sample_modules()
    story = next(md for md in mods if isinstance(md, Story))
    assert all(foot_gap(story, o) == 0 for o in story.options(1))
    gaps = set()
    for span in (2, 3, 4):
        for o in story.options(span):
            cols, _ = story.flow_placed(Placed(0, 0, 0, o, o.body))
            heights = [sum(it.height for it in c) for c in cols] + [0] * (span - len(cols))
            assert foot_gap(story, o) == o.body - min(heights)
            gaps.add(foot_gap(story, o))
    assert 1 in gaps  # some setting leaves its last column a line short


def _tabloid_s2_short(tmp_path):
    """Generated tabloid seed 2 at 50, 60 and 70 %, its pages made up once for
    the code, fonts and files (stable.made_up: a warm run reads them)."""
    generate(EditionSpec(seed=2, fills=(0.5, 0.6, 0.7), style="tabloid"), tmp_path / "ed")
    return stable.made_up(stable.settle(tmp_path / "ed"))


def test_a_short_pages_hole_stands_at_the_foot(tmp_path):
    """The hole never heads a region: it stands at the foot of the page, after
    the copy, where a filler or an ad goes (generated tabloid s2, its 50 % page: a
    4 × 29 hole under the lead's headline, modules below it), and the page
    keeps every other rule."""
    _, style, _, (lay, *_) = _tabloid_s2_short(tmp_path)
    (hole,) = lay.report.holes
    assert hole.top + hole.depth == style.lines, hole
    assert [k for k, ok in lay.rules_met.items() if not ok] == ["no_hole"]


def test_a_short_page_stretched_full_but_not_level_gets_one_hole_instead(tmp_path):
    """A short page whose stretched arrangement still leaves columns 2-3
    lines short of the foot is not taken as it is: its space goes to one hole
    at the foot, every other column full (generated tabloid s2 60 % and 70 %:
    columns 3-6 ended 3 lines short, columns 3 and 6 2 lines short, no hole)."""
    _, style, _, (_, *pages) = _tabloid_s2_short(tmp_path)
    for lay in pages:
        page = lay.page
        assert lay.rules_met["full"], (page.number, lay.report.diagnostics)
        assert lay.rules_met["no_bumping_heads"] and lay.rules_met["modules_level"]
        assert len(lay.report.holes) <= 1
        for hole in lay.report.holes:
            assert hole.top + hole.depth == style.lines, hole


def test_a_short_pages_brief_block_wider_than_a_column_takes_no_air():
    """Its air would stay under its last brief (flow_placed), columns short:
    on a short page it is not offered (demo p4 had a 3-column block with 2
    blank lines under its text); a full page's block keeps the style's."""
    mods, style = sample_modules()
    block = next(md for md in mods if isinstance(md, BriefBlock))
    assert any(o.pad for o in block.options(2))
    block.short_page = True
    block.reset()
    assert block.options(2) and all(o.pad == 0 for o in block.options(2))


def test_two_halves_of_the_brief_block_with_a_headline_between_are_not_apart():
    """Two blocks of the same title in the same columns read as one block cut
    in two unless a module's least body column stands between them (broadsheet
    s2 70 %: one under the other with a headline alone between them)."""
    mods, style = sample_modules()
    split = split_briefs(mods, style, load(ROOT / "content" / "sample")[0].pages[0])
    assert split is not None
    a, b = (m for m, md in enumerate(split) if isinstance(md, BriefBlock))
    oa, ob = split[a].options(1)[0], split[b].options(1)[0]

    def placed(between: int) -> tuple[Placed, ...]:
        return (Placed(a, 0, 0, oa, oa.body), Placed(b, 0, oa.depth + between, ob, ob.body))

    assert not apart(split, placed(style.gap_lines), style)  # stacked
    assert not apart(split, placed(style.gap_lines + 10), style)  # a headline between
    assert apart(split, placed(style.gap_lines + style.min_lines), style)


def test_a_short_page_takes_more_air_before_it_leaves_a_white_gap():
    """A traditional-character page at 60 %: its page with a hole left columns
    2-3 nine lines short under a module, beside a 2 × 52 hole; with the title
    blocks' air a step further every column reaches the foot or the one hole,
    which stands at the foot and is smaller."""
    _, style, _, (lay,) = stable.made_up(ROOT / "tests" / "editions" / "trad-short")
    assert [k for k, ok in lay.rules_met.items() if not ok] == ["no_hole"]
    (hole,) = lay.report.holes
    assert hole.top + hole.depth == style.lines
    assert hole.span * hole.depth < 2 * 52
    # (it took the title blocks' air a step further until the hole could be a
    # strip across the page's foot, FootHoleSearch: it now needs no more air)


def test_a_short_pages_hole_stands_in_the_lower_half_at_the_foot():
    """The traditional-character page at 60 %: its hole ran 1 × 78 down the
    whole of column 6 (a white column, no place for a filler). A hole reaching
    above the lower half of the page now costs a column ending short, so the
    page takes one at its foot, in the lower half, with every other rule met."""
    _, style, _, (lay,) = stable.made_up(ROOT / "tests" / "editions" / "trad-short")
    (hole,) = lay.report.holes
    assert hole.top + hole.depth == style.lines
    assert hole.depth <= style.lines // 2, hole
    assert [k for k, ok in lay.rules_met.items() if not ok] == ["no_hole"]


@pytest.mark.parametrize(
    "args",
    [["--fill", "130", "--articles", "6"], ["--fill", "130", "100"]],
    ids=["6-articles", "with-index"],
)
def test_copy_fills_the_area_beside_an_ad_before_it_is_overset(tmp_path, args):
    """A generated broadsheet front page at 130 % with a 4 × 20 ad: the area
    beside the ad was left empty (6 articles: every story there left out), or
    held only the 导读 and a hole (14 articles, a second page to index),
    while copy was reported overset. It now holds copy (the brief block: no
    story keeps the style's least column depth under a headline in 20 lines),
    and an empty area is reported as the hole it is."""
    import subprocess
    import sys

    ed = tmp_path / "ed"
    args = ["--seed", "2", "--style", "broadsheet", *args, "--front", "--ad", "4", "20"]
    gen = [sys.executable, str(ROOT / "scripts" / "gen_edition.py"), str(ed), *args]
    subprocess.run(gen, check=True, capture_output=True)
    _, style, _, (lay, *_) = stable.made_up(stable.settle(ed))
    ad = next(p for p in lay.placements if p.kind == "ad")
    beside = [
        p
        for p in lay.placements
        if p.kind not in ("ad", "masthead") and p.top >= ad.top and p.col + p.span <= ad.col
    ]
    assert any(p.kind not in ("hole", "index") for p in beside), lay.placements
    assert all(h.top + h.depth == style.lines for h in lay.report.holes)
    rules = lay.report.rules_met
    assert rules["lead_on_top_widest"] and rules["lead_not_cut"], lay.report.diagnostics


@pytest.mark.parametrize("seed", [4, 5])
def test_a_short_pages_hole_is_no_white_column(tmp_path, seed):
    """Tabloid seeds 4 and 5 at 50-70 %: a hole ran down a column from the
    page's upper half (1 × 67 from line 25, 1 × 53 from line 39), as the
    guillotine search puts the last module at the foot of a right-hand
    region. The page is now also tried with every module above and the hole
    across the page at its foot; every hole stands in the lower half, at the
    foot, and no rule but no_hole is broken."""
    spec = EditionSpec(seed=seed, fills=(0.5, 0.6, 0.7), style="tabloid")
    generate(spec, tmp_path / "ed")
    _, style, _, pages = stable.made_up(stable.settle(tmp_path / "ed"))
    for lay in pages:
        for hole in lay.report.holes:
            assert hole.top + hole.depth == style.lines, hole
            assert hole.top >= style.lines - style.lines // 2, hole
        broken = [k for k, ok in lay.rules_met.items() if not ok and k != "no_hole"]
        assert not broken, (lay.page.number, broken)


def test_a_story_that_ends_above_the_foot_takes_the_gap_as_title_air(tmp_path):
    """Generated broadsheet s1 at 85 % alone: its best arrangement left
    column 1 three lines and column 7 two lines short of the foot, each under
    a one-column story with nothing below it (rule `full` not met). The story
    takes the gap as air in its title block (settle.settle_feet): every column
    reaches the foot within a line, no hole, the air is listed as a step."""
    generate(EditionSpec(seed=1, fills=(0.85,), style="broadsheet"), tmp_path / "ed")
    _, style, _, (lay,) = stable.made_up(stable.settle(tmp_path / "ed"))
    assert lay.rules_met["full"], lay.report.diagnostics
    assert not lay.report.holes
    assert any("stories that ended above the foot" in s for s in lay.report.steps)
