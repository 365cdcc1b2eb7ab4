"""Short pages (issue 10, point 3): the brief block deepens by air between its
briefs, and a module counts the column that ends shortest."""

from __future__ import annotations

from pathlib import Path

from editiongen import EditionSpec, generate

from layout.makeup import make_page
from layout.makeup.briefs import AIR_PER_GAP, BriefBlock
from layout.makeup.feet import foot_gap
from layout.makeup.module import Placed
from layout.makeup.page import build_modules
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


def test_a_short_pages_hole_stands_at_the_foot(tmp_path):
    """The hole never heads a region: it stands at the foot of the page, after
    the copy, where a filler or an ad goes (generated tabloid s2, its 50 % page: a
    4 × 29 hole under the lead's headline, modules below it), and the page
    keeps every other rule."""
    generate(EditionSpec(seed=2, fills=(0.5, 0.6, 0.7), style="tabloid"), tmp_path)
    edition, style, fonts = load(tmp_path)
    lay = make_page(edition, edition.pages[0], fonts, style)
    (hole,) = lay.report.holes
    assert hole.top + hole.depth == style.lines, hole
    assert [k for k, ok in lay.rules_met.items() if not ok] == ["no_hole"]
