"""The make-up's rules on generated pages of every amount of copy (issue 10).

Editions come from the generator (tests/editiongen.py): one page each at 50,
70, 85, 100, 115 and 130 % of a page's copy capacity, tabloid and
broadsheet. On every page: the shape rule holds (a story's columns within
the style's depth range), headline sizes never rise against rank, the lead
is never cut, and a cut story ends at the end of a sentence. From 85 % up
there is no hole; below, at most one, a rectangle of whole columns × lines
that overlaps no module. Every step taken is listed in the report.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import stable
from editiongen import EditionSpec, generate

from layout.makeup import make_page
from layout.makeup.module import CLOSERS, SENTENCE_END
from layout.makeup.page import build_modules
from layout.makeup.story import Story
from layout.pipeline import load

pytestmark = pytest.mark.slow

PAGE_FONTS: dict = {}  # the fonts each generated edition was made up with

CASES = (
    ("tabloid", 1, (0.5, 0.7, 0.85, 1.0, 1.15, 1.3)),
    ("tabloid", 3, (0.5, 0.85, 1.3)),
    ("broadsheet", 1, (0.5, 1.0, 1.3)),
)


@pytest.fixture(scope="module", params=CASES, ids=lambda c: f"{c[0]}-s{c[1]}")
def pages(request, tmp_path_factory):
    """Each page made up alone (make_page), kept for the code, fonts and the
    generated files (stable.made_up): read only."""
    style, seed, fills = request.param
    out = tmp_path_factory.mktemp("gen") / f"{style}-{seed}"  # settled under this name
    gen = generate(EditionSpec(seed=seed, fills=fills, style=style), out)
    edition, _, fonts, lays = stable.made_up(stable.settle(out))
    PAGE_FONTS[edition.root] = fonts
    return [
        (gp.fill, edition, page, lay)
        for gp, page, lay in zip(gen.pages, edition.pages, lays, strict=True)
    ]


def test_lead_never_cut_and_cuts_end_sentences(pages):
    for fill, edition, page, lay in pages:
        lead = next(a for a in edition.articles_for(page) if a.kind == "story")
        over = {a.id for a in lay.articles if a.overset_chars}
        assert lead.id not in over, (fill, lead.id)
        assert lay.rules_met.get("lead_not_cut", True)
        for aid in over:
            runs = [r for r in lay.texts if r.article == aid and r.role == "body"]
            if not runs:
                continue  # not placed at all: reported whole
            last = max(runs, key=lambda r: (r.x, r.baseline))  # last column, lowest line
            tail = last.text().rstrip("".join(CLOSERS))
            assert tail and tail[-1] in SENTENCE_END, (fill, aid, last.text())
        if over:
            assert any("cut at a sentence end" in s for s in lay.report.steps)


def test_holes_only_on_short_pages_one_rectangle(pages):
    for fill, _, _, lay in pages:
        holes = lay.report.holes
        st = lay.style
        if fill >= 0.85:
            assert not holes, (fill, holes)
            continue
        assert len(holes) <= 1, (fill, holes)
        for h in holes:
            assert 0 <= h.col and h.col + h.span <= st.columns
            assert 0 <= h.top and h.top + h.depth <= st.lines
            assert h.chars == h.span * h.depth * st.chars
            for p in lay.placements:  # the hole overlaps no module
                apart_x = p.col + p.span <= h.col or h.col + h.span <= p.col
                apart_y = p.top + p.depth <= h.top or h.top + h.depth <= p.top
                assert apart_x or apart_y, (fill, p, h)
            assert any(d.severity == "error" and "待补" in d.message for d in lay.diagnostics)
            assert any(s.startswith("hole:") for s in lay.report.steps)


def test_shapes_in_range_and_sizes_follow_rank(pages):
    for fill, edition, page, lay in pages:
        assert lay.rules_met["shapes_in_range"], (fill, lay.diagnostics)
        assert lay.rules_met["sizes_follow_rank"], fill
        sizes: dict[str, float] = {}
        for r in lay.texts:
            if r.role == "headline":
                sizes.setdefault(r.article, r.size)
        ranked = [sizes[a.id] for a in edition.articles_for(page) if a.id in sizes]
        assert ranked == sorted(ranked, reverse=True), (fill, ranked)


def test_pages_of_enough_copy_fill_the_page(pages):
    """From 85 % of capacity up, titles and body cover at least 88 % of the type area."""
    for fill, _, _, lay in pages:
        if fill >= 0.85:
            assert lay.fill_ratio >= 0.88, (fill, lay.fill_ratio)


def column_feet(report, style) -> list[int]:
    """Grid lines each column of the type area ends short of the foot (its
    lowest module, a headline over counted in the columns it spans, or hole)."""
    feet = [0] * style.columns
    for p in report.placements:
        for c in range(p.col, p.col + p.span + p.over):
            foot = p.top + (p.depth if c < p.col + p.span else p.over_lines)
            feet[c] = max(feet[c], foot)
    for h in report.holes:
        for c in range(h.col, h.col + h.span):
            feet[c] = max(feet[c], h.top + h.depth)
    return [style.lines - f for f in feet]


def test_columns_end_within_a_line_of_the_foot_from_85_percent(pages):
    """Done-when of issue 10: from 85 % of capacity up, no column of the type
    area ends more than one line short of the foot."""
    for fill, _, _, lay in pages:
        if fill >= 0.85:
            assert max(column_feet(lay.report, lay.style)) <= 1, (
                fill,
                column_feet(lay.report, lay.style),
            )


def test_columns_of_a_module_end_level(pages):
    """The columns of every module end within one line of each other."""
    for fill, _, _, lay in pages:
        assert lay.rules_met["modules_level"], (fill, [d.message for d in lay.diagnostics])


def test_headlines_over_at_most_three_times_their_body(pages):
    """A headline over (压题) runs at most twice its body's width beyond it: a
    5-column headline over a 1-column body is not a newspaper shape (on the
    broadsheet 50 % page four stories had one, issue 10)."""
    for fill, _, _, lay in pages:
        for p in lay.placements:
            assert p.over <= 2 * p.span, (fill, p.article, p.span, p.over)


def test_short_tabloid_pages_with_a_hole_are_full_to_it(pages):
    """On a short tabloid page every column reaches the foot or the hole
    (the hole's columns count as full down to its foot): the page with a
    hole is searched as a full page is, each module's shortest column
    counted (tabloid s3 50 % ended 6–7 lines short)."""
    for fill, _, _, lay in pages:
        if fill < 0.85 and lay.style.columns == 6:
            assert lay.rules_met["full"], (fill, [d.message for d in lay.diagnostics])
            assert max(column_feet(lay.report, lay.style)) <= 1, fill


def test_short_pages_split_the_brief_block_for_a_smaller_hole(request, pages):
    """Short-page step 4: the brief block in two, where that leaves a smaller
    hole and breaks no more rules (broadsheet s1 at 50 %: it was never
    taken); the two blocks stand apart and every rule but no_hole holds."""
    style, seed, _ = request.node.callspec.params["pages"]
    steps = [(lay, lay.report.steps) for _, _, _, lay in pages]
    split = [lay for lay, st in steps if any("brief block split" in s for s in st)]
    assert split or (style, seed) != ("broadsheet", 1)
    for lay in split:
        assert [k for k, ok in lay.rules_met.items() if not ok] == ["no_hole"]
        blocks = [p for p in lay.placements if p.kind == "briefs"]
        assert len(blocks) == 2
        a, b = blocks
        assert (
            a.col + a.span < b.col
            or b.col + b.span < a.col
            or (a.top + a.depth < b.top or b.top + b.depth < a.top)
        )


def test_no_story_goes_full_width_unless_its_body_needs_it(pages):
    for fill, _, _, lay in pages:
        assert lay.rules_met["no_full_width_strips"], fill
        assert not [d for d in lay.diagnostics if "full width" in d.message], fill


def test_one_story_cut_the_longest_the_rest_whole_or_not_placed(pages):
    """A page too long for its copy cuts one story, the longest that is not the
    lead (and its brief block may give up its last briefs); every other article
    prints whole or, when it still cannot be placed, is reported as not placed,
    whole. The lead is cut only when it alone is longer than the page."""
    fonts = next(iter(PAGE_FONTS.values()))
    for fill, edition, page, lay in pages:
        cut = {p.article for p in lay.report.placements if p.overset_chars}
        left_out = {a.id for a in lay.report.articles if a.module == "not placed"}
        if not cut and not left_out:
            continue
        st = lay.style
        mods = build_modules(edition, page, fonts, st)
        lead = next(i for i, md in enumerate(mods) if isinstance(md, Story))
        stories = [i for i, md in enumerate(mods) if isinstance(md, Story) and i != lead]
        longest = min(stories, key=lambda i: (-mods[i].body_depth(1), i))
        cut_stories = {md.id for md in mods if isinstance(md, Story) and md.id in cut}
        assert mods[lead].id not in cut_stories, (fill, cut)
        assert cut_stories <= {mods[longest].id}, (fill, cut_stories, mods[longest].id)
        assert mods[lead].id not in left_out, fill
        by_id = {a.id: a for a in edition.articles}
        for a in lay.report.articles:  # not placed: its whole text is reported overset
            if a.id in left_out:
                assert a.overset_chars == a.chars, (fill, a)
                art = by_id[a.id]
                if art.kind != "brief":  # a story's title block is lost with it
                    assert a.chars == art.text_chars + art.title_chars, (fill, a)
        if left_out:
            assert any(s.startswith("overfull page: not placed") for s in lay.report.steps)


# Pages of the generated set on which the search finds no arrangement without
# bumping heads yet (known, reported as `no_bumping_heads: false` with a warning).
KNOWN_BUMPS: set[tuple[str, int, float]] = set()


def side_by_side(report) -> list[tuple[str, str]]:
    """Stories whose title blocks stand side by side in the report's placements."""
    cells = {}
    for p in report.placements:
        if p.kind != "story":
            continue
        top = p.top + p.title_air
        cells[p.article] = (p.col, p.col + p.span + p.over, top, top + p.title_lines)
    return [
        (a, b)
        for a, (c0, c1, t0, t1) in cells.items()
        for b, (d0, d1, u0, u1) in cells.items()
        if a < b and (c1 == d0 or d1 == c0) and t0 < u1 and u0 < t1
    ]


def test_no_bumping_heads_from_85_percent(pages, request):
    """No two headlines side by side at the same height (撞题): title blocks of
    adjacent modules (a headline over its neighbours counted over all its
    columns) never overlap in height."""
    style, seed, _ = request.node.callspec.params["pages"]
    for fill, _, _, lay in pages:
        bumps = side_by_side(lay.report)
        assert lay.rules_met["no_bumping_heads"] == (not bumps), (fill, bumps)
        if fill >= 0.85 and (style, seed, fill) not in KNOWN_BUMPS:
            assert not bumps, (fill, bumps)


STEP_ORDER = (
    "short page: headlines stepped up",
    "headlines stepped down",
    "title-block air",
    "photos",
    "stories in fewer, deeper columns",
    "subheads set tight",
    "brief block",
    "cut at a sentence end",
    "overfull page",
    "short page: the copy cannot fill it",
    "hole:",
)


def test_steps_are_logged_in_the_fixed_order(pages):
    """Every step the make-up took is in the report, in the fixed order of the
    short-page and long-page steps."""
    for fill, _, _, lay in pages:
        ranks = []
        for step in lay.report.steps:
            rank = [k for k, prefix in enumerate(STEP_ORDER) if step.startswith(prefix)]
            if rank:
                ranks.append(rank[0])
        assert ranks == sorted(ranks), (fill, lay.report.steps)
        if lay.report.holes:
            assert any(s.startswith("hole:") for s in lay.report.steps), fill
        if any(p.overset_chars for p in lay.report.placements):
            assert any(s.startswith("cut at a sentence end") for s in lay.report.steps), fill


def test_short_pages_log_stories_in_fewer_deeper_columns(pages):
    """Short-page step 3 is in the report when it is taken: every story of a
    short page set narrower than the widest span its shape allows is named,
    with its columns, and no other."""
    for fill, edition, page, lay in pages:
        if fill >= 0.85:
            continue
        fonts = PAGE_FONTS[edition.root]
        mods = {md.id: md for md in build_modules(edition, page, fonts, lay.style)}
        expect = []
        for p in lay.report.placements:
            md = mods.get(p.article)
            if not isinstance(md, Story) or p.over:
                continue
            widest = max(s for s in range(1, lay.style.columns + 1) if md.options(s))
            if p.span < widest:
                expect.append(f"{p.article} {p.span} of {widest}")
        step = [s for s in lay.report.steps if s.startswith("stories in fewer, deeper")]
        if expect:
            assert step, (fill, expect, lay.report.steps)
            assert sorted(step[0].split(": ", 1)[1].split(", ")) == sorted(expect), fill
        else:
            assert not step, (fill, step)


def test_brief_block_splits_into_two_blocks_of_its_briefs(pages):
    """Short-page step 4: the brief block in two, the first half of its briefs
    and the rest, each a block of its own; a short page takes it when that
    fills the page or leaves a smaller hole, and says so."""
    from layout.makeup.briefs import BriefBlock
    from layout.makeup.short import split_briefs

    for fill, edition, page, lay in pages:
        fonts = PAGE_FONTS[edition.root]
        mods = build_modules(edition, page, fonts, lay.style)
        blocks = [md for md in mods if type(md) is BriefBlock]
        split = split_briefs(mods, lay.style, page)
        if not blocks or len(blocks[0].copy.briefs) < 2:
            assert split is None
            continue
        assert split is not None
        halves = [md for md in split if type(md) is BriefBlock]
        assert len(halves) == 2 and len(split) == len(mods) + 1
        ids = [b.id for md in halves for b in md.copy.briefs]
        assert ids == [b.id for b in blocks[0].copy.briefs]
        assert all(h.copy.briefs for h in halves)
        taken = [s for s in lay.report.steps if s.startswith("brief block split")]
        blocks_placed = {p.article for p in lay.report.placements if p.kind == "briefs"}
        assert len(blocks_placed) == (2 if taken else 1), (fill, blocks_placed, taken)
        if taken:
            assert fill < 0.85, (fill, lay.report.steps)
            a, b = [p for p in lay.report.placements if p.kind == "briefs"]
            cols = a.col < b.col + b.span and b.col < a.col + a.span
            lines = a.top < b.top + b.depth and b.top < a.top + a.depth
            assert not (cols and lines), "the two blocks overlap"
            gap = lay.style.gap_lines
            assert not cols or a.top + a.depth + gap < b.top or b.top + b.depth + gap < a.top
            assert not lines or (a.col + a.span != b.col and b.col + b.span != a.col)


def test_fifty_articles_on_one_page(tmp_path):
    """Far more copy than a page holds (about fifty articles): one story cut at
    most, the lead whole, no hole beside articles left out, every article
    reported (placed, cut or not placed whole)."""
    gen = generate(
        EditionSpec(seed=5, fills=(1.3, 1.3, 1.3), articles=(18, 18, 18)), tmp_path / "e"
    )
    root = stable.settle(tmp_path / "e")
    edition, st, fonts = load(root)
    first = edition.pages[0]
    arts = tuple(
        replace(a, section=first.section, priority=a.priority + 100 * k, order=i)
        for i, (k, a) in enumerate(
            (k, a) for k, p in enumerate(edition.pages) for a in edition.articles_for(p)
        )
    )
    one = replace(edition, pages=(first,), articles=arts)
    assert len(one.articles_for(first)) >= 50, len(gen.pages)
    parts = ["fifty on one page", *stable.code_and_fonts(), str(root), stable.tree_hash(root)]
    lay = stable.memo(parts, lambda: make_page(one, first, fonts, st))
    reported = {a.id for a in lay.report.articles}
    assert reported == {a.id for a in arts}
    left_out = {a.id for a in lay.report.articles if a.module == "not placed"}
    assert left_out and not lay.report.holes
    cut = [p for p in lay.report.placements if p.overset_chars and p.kind == "story"]
    assert len(cut) <= 1, cut
    lead = next(a for a in one.articles_for(first) if a.kind == "story")
    assert lead.id not in {p.article for p in cut} | left_out
    assert lay.rules_met["shapes_in_range"] and lay.rules_met["sizes_follow_rank"]
    assert any(s.startswith("overfull page: not placed") for s in lay.report.steps)


def test_front_page_one_has_no_bumping_heads():
    """content/front, page 1 as the edition pass makes it (the lead capped to
    jump): below the lead, four stories of nearly the region's depth stand in
    a row. No two of their headlines stand side by side (the make-up's own
    rule check, and the placements in the report), the lead still jumps,
    every story prints and no page has a hole."""
    from pathlib import Path

    # lay_out kept for the code, fonts and copy (stable.lay_out)
    run = stable.lay_out(Path(__file__).resolve().parents[1] / "content" / "front")
    for lay in run.pages:
        rep = lay.report
        assert rep.rules_met["no_bumping_heads"], (lay.page.number, rep.diagnostics)
        assert not [d for d in rep.diagnostics if "撞题" in d.message], lay.page.number
        assert not side_by_side(rep), lay.page.number
        assert not rep.holes, lay.page.number
        for a in rep.articles:
            assert a.module != "not placed" and not a.overset_chars, (lay.page.number, a)
    one = run.pages[0].report
    assert [(j.from_page, j.to_page) for j in one.jumps] == [(1, 2)], one.jumps
    assert len([p for p in one.placements if p.kind == "story"]) >= 6
