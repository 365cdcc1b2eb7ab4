"""The edition pass from start to end, for the build and the preview alike:
every section's pages in turn (`make_chain`), the jumps planned from their
reports (`plan`), the pages the jumps tie made up again (`make_group`), and a
note on each cut story that did not jump.

The caller says how chains and jump groups are run: the build in forked
workers, the preview one by one from its memo of unchanged ones. Both get the
same pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ..fonts import FontSet
from ..makeup import PageLayout
from ..makeup.result import Diagnostic, PageReport
from ..model import Edition
from ..style import Style
from .plan import PlannedJump, plan
from .run import Outcome, groups, make_jumps, record
from .share import PageInput, chains

Chain = list[tuple[PageInput, PageLayout]]


@dataclass(frozen=True)
class JumpWork:
    """What the pages tied by jumps are made up again from: the first make-up's
    inputs and reports, and the jumps planned over the whole edition."""

    inputs: dict[int, PageInput]
    planned: list[PlannedJump]
    before: dict[int, PageReport]

    def of(self, group: list[int]) -> tuple[PlannedJump, ...]:
        return tuple(j for j in self.planned if j.source in group)


RunChains = Callable[[list[list[int]]], Iterable[Chain]]
RunGroups = Callable[[list[list[int]], JumpWork], Iterable[Outcome]]


def make_group(
    edition: Edition, style: Style, fonts: FontSet, group: list[int], work: JumpWork
) -> Outcome:
    """The pages one jump group ties, made up in page order, their reports
    saying what jumped (before rendering: a page whose story jumps is not overset)."""
    out = make_jumps(edition, style, fonts, group, work.inputs, list(work.of(group)), work.before)
    record(edition, out)
    return out


def make_edition(
    edition: Edition, style: Style, run_chains: RunChains, run_groups: RunGroups
) -> list[PageLayout]:
    """Every page of the edition, in edition order."""
    n = len(edition.pages)
    pages: list = [None] * n
    inputs: dict[int, PageInput] = {}
    for done in run_chains(chains(edition)):
        for inp, lay in done:
            pages[inp.index], inputs[inp.index] = lay, inp
    planned, notes = plan(edition, [lay.report for lay in pages], style)
    if planned:
        work = JumpWork(inputs, planned, {i: lay.report for i, lay in enumerate(pages)})
        for out in run_groups(groups(n, planned), work):
            for i, (_, lay) in out.pages.items():
                pages[i] = lay
            for i, msgs in out.dropped.items():
                notes.setdefault(i, []).extend(msgs)
    return with_notes(pages, notes)


def with_notes(pages: list[PageLayout], notes: dict[int, list[str]]) -> list[PageLayout]:
    """Each page with its notes ("article: why it did not jump") as information."""
    return [_noted(lay, notes.get(i, [])) for i, lay in enumerate(pages)]


def _noted(lay: PageLayout, notes: list[str]) -> PageLayout:
    """The page with a note on each cut story that did not jump, and why. A copy:
    the preview keeps the pages it made and hands them out again."""
    if not notes:
        return lay
    extra = []
    for msg in notes:
        aid, _, text = msg.partition(": ")
        extra.append(Diagnostic("info", aid, text))
    report = replace(lay.report, diagnostics=[*lay.report.diagnostics, *extra])
    return replace(lay, report=report)
