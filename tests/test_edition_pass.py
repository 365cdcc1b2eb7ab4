"""The edition pass's decisions on numbers: which cut story jumps where (the
planner, layout/edition/plan.py), sections' pages in turn, pages tied by jumps.

The planner reads what the first make-up of each page reports (the stories cut
on it, with how much each keeps, and each page's room); these tests give it
such reports directly, so every rule is checked on its own. End-to-end builds
of the same rules are in test_jumps.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from layout.edition import chains, groups, plan
from layout.makeup.result import Grid, PageReport, Seam
from layout.model import Article, Edition, PageSpec
from layout.style import load_style

STYLE = load_style("tabloid")
FREE = STYLE.columns * STYLE.lines  # an empty page's room


def edition(pages: list[PageSpec], articles: list[Article]) -> Edition:
    return Edition(Path("."), "日报", dt.date(2025, 9, 18), tuple(pages), tuple(articles))


def art(aid: str, section: str, priority: int, jump: bool = True) -> Article:
    return Article(aid, Path(f"{aid}.md"), section, priority, "story", "标题", (), jump=jump)


def seam(aid: str, printed: int, total: int, fit: int = 40, lead: bool = False) -> Seam:
    return Seam(aid, 3, 10, printed, total, fit, 4, lead)


def report(room: int, *seams: Seam) -> PageReport:
    return PageReport(Grid(STYLE.columns, STYLE.lines, STYLE.chars), seams=list(seams), room=room)


PAGES = [PageSpec(1, "要闻", "要闻"), PageSpec(2, "城事", "城事"), PageSpec(3, "文体", "文体")]


def test_a_story_jumps_to_the_first_later_page_with_room():
    ed = edition(PAGES, [art("a", "要闻", 2)])
    jumps, notes = plan(ed, [report(0, seam("a", 3000, 6000)), report(0), report(FREE)], STYLE)
    assert [(j.article, j.source, j.target, j.budget) for j in jumps] == [("a", 0, 2, None)]
    assert notes == {}


@pytest.mark.parametrize(
    ("page", "allowed"), [(1, True), (2, False)], ids=["from page 1", "from page 2"]
)
def test_the_lead_jumps_only_from_page_1(page, allowed):
    pages = [PageSpec(page, "要闻", "要闻"), PageSpec(page + 1, "城事", "城事")]
    ed = edition(pages, [art("a", "要闻", 1)])
    jumps, notes = plan(ed, [report(0, seam("a", 3000, 6000, lead=True)), report(FREE)], STYLE)
    assert bool(jumps) is allowed
    if not allowed:
        assert "the lead may jump only from page 1" in notes[0][0]


@pytest.mark.parametrize(
    ("printed", "fit", "why"),
    [
        (1900, 40, "a jump leaves 1/3"),  # less than a third stays on the first page
        (3000, 7, "8 lines"),  # fewer than 8 lines a column stay
        # less than a third is left, and a cut leaving a third keeps < 8 lines a column
        (4100, 8, "less than 1/3"),
    ],
)
def test_a_third_and_8_lines_on_each_side(printed, fit, why):
    ed = edition(PAGES, [art("a", "要闻", 2)])
    jumps, notes = plan(ed, [report(0, seam("a", printed, 6000, fit)), report(FREE)], STYLE)
    assert jumps == [] and why in notes[0][0]


def test_less_than_a_third_left_over_jumps_with_a_deeper_cut():
    """4,100 of 6,000 characters fit: the source keeps 4,000 at most (the story
    less a third), the other third jumps."""
    ed = edition(PAGES, [art("a", "要闻", 2)])
    jumps, notes = plan(ed, [report(0, seam("a", 4100, 6000, 40)), report(FREE)], STYLE)
    assert [(j.article, j.target, j.keep, j.budget) for j in jumps] == [("a", 1, 4000, None)]
    assert notes == {}


def test_jump_false():
    ed = edition(PAGES, [art("a", "要闻", 2, jump=False)])
    jumps, notes = plan(ed, [report(0, seam("a", 3000, 6000)), report(FREE)], STYLE)
    assert jumps == [] and "jump: false" in notes[0][0]


def test_accepts_jumps_false_is_passed_over():
    pages = [PAGES[0], PageSpec(2, "城事", "城事", accepts_jumps=False), PAGES[2]]
    ed = edition(pages, [art("a", "要闻", 2)])
    jumps, _ = plan(ed, [report(0, seam("a", 3000, 6000)), report(FREE), report(FREE)], STYLE)
    assert [j.target for j in jumps] == [2]


def test_two_stories_share_one_room_in_page_order():
    """The first takes the room it needs; the second gets what is left, or none."""
    ed = edition(PAGES, [art("a", "要闻", 2), art("b", "城事", 2)])
    need = 300  # column-lines: about 3,000 characters and a continuation head
    reports = [report(0, seam("a", 3000, 6000)), report(0, seam("b", 3000, 6000)), report(need)]
    jumps, notes = plan(ed, reports, STYLE)
    assert [(j.article, j.target) for j in jumps] == [("a", 2)]
    assert "no later page has room" in notes[1][0] and "page 3" in notes[1][0]


def test_a_room_too_small_for_all_carries_what_it_holds():
    ed = edition(PAGES, [art("a", "要闻", 2)])
    jumps, _ = plan(ed, [report(0, seam("a", 3000, 9000)), report(400)], STYLE)
    (j,) = jumps
    assert j.budget is not None and 3000 <= j.budget < 6000


def test_no_later_page():
    ed = edition(PAGES[:1], [art("a", "要闻", 2)])
    jumps, notes = plan(ed, [report(0, seam("a", 3000, 6000))], STYLE)
    assert jumps == [] and "no later page" in notes[0][0]


def test_sections_on_several_pages_are_chains():
    pages = [
        PageSpec(1, "要闻", "要闻"),
        PageSpec(2, "城事", "城事"),
        PageSpec(3, "要闻", "要闻二"),
    ]
    assert chains(edition(pages, [])) == [[0, 2], [1]]


def test_pages_tied_by_jumps_are_grouped():
    from layout.edition import PlannedJump

    s = seam("a", 1, 2)
    jumps = [PlannedJump("a", 0, 2, s, None), PlannedJump("b", 2, 3, s, None)]
    assert groups(5, jumps) == [[0, 2, 3]]


def _planned(a: Article, printed: int, total: int, keep: int | None = None):
    from layout.edition import PlannedJump

    return PlannedJump(a.id, 0, 1, seam(a.id, printed, total), None, keep)


def test_a_jump_whose_page_took_more_than_two_thirds_is_cut_deeper_next_round():
    """Other stories cut deeper to jump leave its page room: it prints more than
    2/3 there and all the rest on the continuation. It is not dropped (which
    would leave it cut by far more): the next round cuts it at 2/3."""
    from layout.edition.run import DEEPER, _next_try

    lead = art("lead", "要闻", 1)
    ed = edition(PAGES[:2], [lead])
    dropped: dict = {}
    (again,) = _next_try(ed, [_planned(lead, 974, 2556)], {"lead": DEEPER}, {}, dropped)
    assert again.keep == 2556 - 852 and dropped == {}


def test_deeper_cuts_that_leave_a_hole_go_one_at_a_time_least_important_first():
    """The hole on the page they jump from comes of all its deeper cuts
    together: only the least important one is given up each round."""
    from layout.edition.run import HOLE, _next_try

    b, c = art("b", "要闻", 2), art("c", "要闻", 3)
    ed = edition(PAGES[:2], [b, c])
    why = (
        f"only 100 of 900 characters are left over (less than 1/3), and cutting it deeper {HOLE} 1"
    )
    jumps = [_planned(b, 800, 900, keep=600), _planned(c, 700, 800, keep=533)]
    dropped: dict = {}
    again = _next_try(ed, jumps, {"b": why, "c": why}, {}, dropped)
    assert [j.article for j in again] == ["b"]
    assert dropped == {0: [f"c: no jump (转版) to page 2: {why}; cut"]}
