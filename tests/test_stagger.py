"""A staggered start against 撞题 (layout/makeup/search/stagger.py): a region
whose top is a row of headed modules side by side, none across the region,
may start lower too, each of them taking the lines as air above its headline.
Real modules of a generated page, the search's own region solving."""

from __future__ import annotations

import pytest
from editiongen import EditionSpec, generate

from layout.makeup import make_page
from layout.makeup.module import head_span
from layout.makeup.page import build_modules
from layout.makeup.pagesearch import importance_of
from layout.makeup.search import Search
from layout.makeup.story import Story
from layout.pipeline import load

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    """A 2-column region of two lesser stories of a generated tabloid page,
    solved with each story in one column, side by side from the top."""
    out = tmp_path_factory.mktemp("gen") / "tabloid-8"
    generate(EditionSpec(seed=8, fills=(1.0,), style="tabloid", articles=12), out)
    edition, style, fonts = load(out)
    mods = build_modules(edition, edition.pages[0], fonts, style)
    search = Search(mods, style, importance_of(mods), fill_slack=None)
    stories = [i for i, md in enumerate(mods) if isinstance(md, Story)][1:]
    for a in stories:
        for b in stories:
            if a >= b:
                continue
            for h in range(style.lines // 3, style.lines):
                sol = search._solve(0, 0, 2, h, (a, b))
                low = search._solve(0, 1, 2, h - 1, (a, b))  # and a line lower
                if all(s is not None and _row(s) for s in (sol, low)):
                    return search, h, (a, b), sol
    pytest.skip("no two stories side by side in one region")


def _row(sol) -> bool:
    first = [p for p in sol.placed if p.top == 0]
    return len(first) == 2 and all(head_span(p.option) == 1 for p in first)


def test_a_row_of_headlines_may_start_lower(region):
    search, h, mods, sol = region
    # a neighbour's one-line headline beside the first line of the region's
    edge = min(search._title(p)[0] for p in sol.placed if p.top == 0)
    drops = search._stagger(sol, 2, [(edge, edge + 1)])
    assert len(drops) > 0
    k = drops[0]
    assert k == 1
    low = search._lowered(0, 0, 2, h, mods, k)
    assert low is not None
    tops = [p for p in low.placed if p.top == 0]
    assert len(tops) == 2
    sub = search._solve(0, k, 2, h - k, mods)
    before = {p.m: p for p in sub.placed}
    for p in tops:
        q = before[p.m]
        assert p.option.pad == q.option.pad + k  # the k lines are air above its headline
        assert search._title(p) == (search._title(q)[0] + k, search._title(q)[1] + k)
        assert p.top + p.depth == q.top + k + q.depth  # its foot where it was, k lower
    for p in low.placed:
        if p.top:
            assert p.top == before[p.m].top + k


def test_short_page_stepped_up_searched_on_a_budget_of_its_own(tmp_path):
    """Broadsheet seed 2, the 85 % page: its first search spends the page's
    region budget; the page searched again with headlines a size up
    (short-page step 1) gets a budget of its own, not the spent one (which
    narrowed it to its first choices), and finds the page full and level
    without headlines side by side (撞题)."""
    fills = (0.5, 0.7, 0.85, 1.0, 1.15, 1.3)
    out = tmp_path / "broadsheet-2"
    gen = generate(EditionSpec(seed=2, fills=fills, style="broadsheet"), out)
    edition, style, fonts = load(out)
    page = next(p for gp, p in zip(gen.pages, edition.pages, strict=True) if gp.fill == 0.85)
    lay = make_page(edition, page, fonts, style)
    rules = lay.report.rules_met
    assert rules["no_bumping_heads"], [d.message for d in lay.report.diagnostics]
    broken = [rule for rule, ok in rules.items() if not ok]
    assert not broken, broken
    assert not lay.report.holes
