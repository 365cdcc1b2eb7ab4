"""The edition pass, page by page: a section's pages in turn (`make_chain`),
then the pages a jump ties together (`make_jumps`: the page it jumps from,
then the page it continues on), and the reports of both sides (`record`).

Pages of different sections, and pages no jump ties, do not depend on each
other: `layout.pipeline` runs chains and jump groups in parallel.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..fonts import FontSet
from ..makeup import PageLayout
from ..makeup.result import ArticleReport, Diagnostic, Jump, PageReport, Placement, Seam
from ..model import Article, Edition
from ..style import Style
from .plan import MIN_LINES, MIN_SHARE, PlannedJump
from .share import Carried, PageInput, select

SHRINK = 0.7  # a continuation that crowds its page's own stories carries this share next try
ROUNDS = 4
CARRY_ROUNDS = 3  # articles a section's page may pass on to fit the rest uncut


def lay_out_page(edition: Edition, style: Style, fonts: FontSet, inp: PageInput) -> PageLayout:
    """One page made up from what the edition pass gives it."""
    from ..copy import set_story_body
    from ..fallback import finish_fonts
    from ..makeup.jump import Continuation, capped, remainder

    by_id = {a.id: a for a in edition.articles}
    rests = [(c, remainder(by_id[c.article], c.block, c.chars, c.budget)) for c in inp.carried]

    def continuations(st: Style) -> list:
        return [
            Continuation(set_story_body(rest, 9, fonts, st), st, fonts, c.from_page, c.printed)
            for c, rest in rests
        ]

    page = edition.pages[inp.index]
    caps = dict(inp.caps)
    cut = {i: capped(by_id[i], caps[i]) for i in inp.articles if i in caps}
    arts = tuple(cut[i][0] if i in cut else by_id[i] for i in inp.articles)
    from ..makeup import make_page

    dropped = {i: n for i, (_, n) in cut.items()}
    lay = make_page(edition, page, fonts, style, arts, continuations, dict(inp.marks), dropped)
    return finish_fonts(lay, edition, fonts)


def make_chain(
    edition: Edition, style: Style, fonts: FontSet, chain: list[int]
) -> list[tuple[PageInput, PageLayout]]:
    """A section's pages in page order, each taking what the one before left."""
    from ..makeup.page import build_modules

    first = edition.pages[chain[0]]
    remaining: list[Article] = list(edition.articles_for(first))
    capacity = style.columns * style.lines
    out = []
    for k, idx in enumerate(chain):
        page = edition.pages[idx]
        take = remaining
        last = k == len(chain) - 1
        if not last and remaining:
            mods = build_modules(edition, page, fonts, style, tuple(remaining))
            take = select(mods, style, capacity) or remaining[:1]
        take = sorted(take, key=lambda a: (a.priority, a.order))
        inp = PageInput(idx, tuple(a.id for a in take))
        lay = lay_out_page(edition, style, fonts, inp)
        for _ in range(CARRY_ROUNDS):  # a story cut here moves on whole instead
            if last or len(take) < 2 or not lay.report.seams:
                break
            take = take[:-1]
            inp = PageInput(idx, tuple(a.id for a in take))
            lay = lay_out_page(edition, style, fonts, inp)
        placed = {a.id for a in lay.articles if a.span}
        taken = {a.id for a in take}
        remaining = [a for a in remaining if a.id not in taken or a.id not in placed]
        out.append((inp, lay))
    return out


@dataclass
class Outcome:
    """A jump group laid out: the pages (index → input, layout) and the jumps made."""

    pages: dict[int, tuple[PageInput, PageLayout]]
    jumps: list[PlannedJump]
    dropped: dict[int, list[str]]  # page index → notes on jumps planned but not made


def make_jumps(
    edition: Edition,
    style: Style,
    fonts: FontSet,
    group: list[int],
    inputs: dict[int, PageInput],
    planned: list[PlannedJump],
    before: dict[int, PageReport],
    lay_out: Callable[[PageInput], PageLayout] | None = None,
) -> Outcome:
    """The pages of one jump group in page order: each source with its 下转
    marks, each target with the continuations of the seams just made. A jump
    that breaks a rule is tried again next round as it may still work (a
    continuation that crowds the target's own stories carries less; one left
    with less than a third because its source now prints more is cut deeper
    there; of the deeper cuts that cost their page a hole, all but the least
    important stay), or is dropped (the story is cut)."""
    lay_out = lay_out or (lambda inp: lay_out_page(edition, style, fonts, inp))
    jumps = list(planned)
    dropped: dict[int, list[str]] = {}
    pages: dict[int, tuple[PageInput, PageLayout]] = {}
    for _ in range(ROUNDS):
        pages, seams = _round(edition, group, inputs, jumps, lay_out)
        bad = _check(edition, jumps, pages, seams, before)
        if not bad:
            return Outcome(pages, jumps, dropped)
        jumps = _next_try(edition, jumps, bad, pages, dropped)
    pages, seams = _round(edition, group, inputs, jumps, lay_out)
    return Outcome(pages, jumps, dropped)


def _next_try(edition, jumps, bad, pages, dropped) -> list[PlannedJump]:
    """The jumps to try next round: those that worked, those that may work with
    a smaller continuation or a deeper cut, and those that cost a hole on the
    page they jump from but one (a hole comes of all the deeper cuts of a page
    together: the least important of them goes first)."""
    holes = [j for j in jumps if HOLE in bad.get(j.article, "")]
    first_out = max(holes, key=lambda j: _rank(edition, j.article), default=None)
    keep = []
    for j in jumps:
        why = bad.get(j.article)
        if why is None or (HOLE in why and j is not first_out):
            keep.append(j)
            continue
        if why == WHOLE and _prints_whole(pages[j.source][1], j.article):
            continue  # the re-made page prints it whole: nothing to jump, nothing cut
        rest = j.seam.total - (j.keep or j.seam.printed)
        budget = int(SHRINK * (j.budget or rest))
        if why == "crowds" and budget >= MIN_SHARE * j.seam.total:
            keep.append(replace(j, budget=budget))
            continue
        if why == DEEPER and j.keep is None:  # a third on this side: cut deeper here
            keep.append(replace(j, keep=j.seam.total - math.ceil(MIN_SHARE * j.seam.total)))
            continue
        msg = f"{j.article}: no jump (转版) to page {edition.pages[j.target].number}: "
        msg += "it would crowd that page's own stories" if why == "crowds" else why
        dropped.setdefault(j.source, []).append(msg + "; cut")
    return keep


def _rank(edition: Edition, article: str) -> tuple:
    a = next((a for a in edition.articles if a.id == article), None)
    return (a.priority, a.order) if a is not None else (10**9, 0)


def _round(edition, group, inputs, jumps, lay_out):
    seams: dict[str, Seam] = {}
    pages = {}
    for idx in group:
        marks = tuple((j.article, edition.pages[j.target].number) for j in jumps if j.source == idx)
        caps = tuple((j.article, j.keep) for j in jumps if j.source == idx and j.keep)
        carried = tuple(
            Carried(
                j.article,
                edition.pages[j.source].number,
                s.block,
                s.chars,
                s.printed,
                j.budget,
            )
            for j in jumps
            if j.target == idx and (s := seams.get(j.article)) is not None
        )
        inp = replace(inputs[idx], carried=carried, marks=marks, caps=caps)
        lay = lay_out(inp)
        marked = {a for a, _ in marks}
        for s in lay.report.seams:
            if s.article in marked:
                seams[s.article] = s
        pages[idx] = (inp, lay)
    return pages, seams


def _continued(lay: PageLayout, article: str) -> ArticleReport | None:
    return next((a for a in lay.articles if a.id == article and a.kind == "continuation"), None)


def _own_overset(rep: PageReport) -> int:
    return sum(a.overset_chars for a in rep.articles if a.kind != "continuation")


WHOLE = "it is no longer cut where it jumps from"
DEEPER = "less than a third is left for the continuation: the source prints more than 2/3"
HOLE = "would leave a hole on page"  # in the reason of a deeper cut that cost a hole


def _prints_whole(lay: PageLayout, article: str) -> bool:
    """The page prints the article, none of it overset (a story left off the
    page has no seam either, but is not whole)."""
    rep = next((a for a in lay.report.articles if a.id == article), None)
    return rep is not None and rep.module != "not placed" and not rep.overset_chars


KEPT_RULES = ("lead_on_top_widest", "lead_not_cut")  # rules of a page a continuation keeps


def _crowded(now: PageReport, before: PageReport) -> bool:
    """The page's own stories worse off with the continuation than without it:
    more of their text overset, or its lead no longer on top and widest."""
    if _own_overset(now) > _own_overset(before):
        return True
    lost = [r for r in KEPT_RULES if before.rules_met.get(r) and not now.rules_met.get(r)]
    return bool(lost)


def _hole_area(rep: PageReport) -> int:
    return sum(h.span * h.depth for h in rep.holes)


def _check(edition, jumps, pages, seams, before) -> dict[str, str]:
    """Jumps that did not work out: article → "crowds" or why not."""
    bad: dict[str, str] = {}
    for j in jumps:
        seam = seams.get(j.article)
        if seam is None:
            bad[j.article] = WHOLE
            continue
        if j.keep and _hole_area(pages[j.source][1].report) > _hole_area(before[j.source]):
            rest = j.seam.total - j.seam.printed
            bad[j.article] = (
                f"only {rest} of {j.seam.total} characters are left over (less than 1/3), "
                f"and cutting it deeper {HOLE} {edition.pages[j.source].number}"
            )
            continue
        lay = pages[j.target][1]
        cont = _continued(lay, j.article)
        if _crowded(lay.report, before[j.target]):
            bad[j.article] = "crowds"
            continue
        if cont is None or not cont.span:
            bad[j.article] = "no room for the continuation"
            continue
        printed = cont.chars - cont.overset_chars
        fit = cont.depth - 4  # body lines under the continuation head, about
        least = math.ceil(MIN_SHARE * seam.total)
        if printed < least and not cont.overset_chars and seam.printed >= least and not j.keep:
            bad[j.article] = DEEPER  # it all prints, but the source took more than 2/3
            continue
        if printed < least or fit < MIN_LINES or seam.printed < least:
            bad[j.article] = (
                f"{seam.printed} + {printed} of {seam.total} characters on the two pages "
                f"(a jump leaves 1/3 and {MIN_LINES} lines a column on each side)"
            )
    return bad


def record(edition: Edition, outcome: Outcome) -> None:
    """Both pages' reports say what jumped: `jumps`, overset only what neither
    page prints (on the continuation), a note on each side."""
    for j in outcome.jumps:
        src = outcome.pages[j.source][1].report
        dst = outcome.pages[j.target][1].report
        cont = _continued(outcome.pages[j.target][1], j.article)
        seam = next(s for s in src.seams if s.article == j.article)
        to_chars = (cont.chars - cont.overset_chars) if cont else 0
        over = seam.total - seam.printed - to_chars
        n_from, n_to = edition.pages[j.source].number, edition.pages[j.target].number
        jump = Jump(j.article, n_from, n_to, seam.printed, to_chars, over, seam.total)
        _settle(src, j.article, "story", 0)
        _settle(dst, j.article, "continuation", over)
        src.jumps.append(jump)
        dst.jumps.append(jump)
        tail = f", 超 {over} 字 not printed" if over else ""
        src.diagnostics.append(
            Diagnostic(
                "info",
                j.article,
                f"jumps to page {n_to} (下转第{n_to}版): {seam.printed} characters here, "
                f"{to_chars} there{tail}",
            )
        )
        dst.diagnostics.append(
            Diagnostic(
                "info",
                j.article,
                f"continued from page {n_from} (上接第{n_from}版): {to_chars} characters here, "
                f"{seam.printed} there{tail}",
            )
        )
        if seam.lead:  # the lead jumped (from page 1): cut, but continued
            src.rules_met["lead_not_cut"] = True
            src.diagnostics[:] = [
                d
                for d in src.diagnostics
                if not (d.article == j.article and d.message.startswith("the lead is cut"))
            ]
    for _, lay in outcome.pages.values():
        lay.report.rules_met["no_overset"] = not lay.report.overset


def _settle(rep: PageReport, article: str, kind: str, over: int) -> None:
    """The article's entry (and its module's) with `over` characters overset."""
    rep.articles[:] = [
        replace(a, overset_chars=over)
        if a.id == article and (a.kind == kind or kind == "story" and a.kind != "continuation")
        else a
        for a in rep.articles
    ]
    rep.placements[:] = [_placement(p, article, kind, over) for p in rep.placements]


def _placement(p: Placement, article: str, kind: str, over: int) -> Placement:
    if p.article != article or (p.kind == "continuation") != (kind == "continuation"):
        return p
    return replace(p, overset_chars=over)


def groups(n: int, jumps: list[PlannedJump]) -> list[list[int]]:
    """Page indices tied by jumps (source and target), each group in page order."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for j in jumps:
        parent[root(j.source)] = root(j.target)
    members: dict[int, list[int]] = {}
    for j in jumps:
        for i in (j.source, j.target):
            members.setdefault(root(i), [])
            if i not in members[root(i)]:
                members[root(i)].append(i)
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])
