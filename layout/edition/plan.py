"""Which cut stories jump (转版), and where: weighed against cutting.

From each page's first make-up (its own articles only) the planner takes the
stories cut on it (`Seam`) and the room of every page (column-lines free when
every module takes its least area), and decides, in page order and by
priority, for each cut story:

- `jump: false` on the article: cut (超 N 字);
- the page's lead jumps only from page 1;
- a jump leaves at least 1/3 of the story and at least 8 lines per column on
  each side; a story jumps at most once (a continuation never jumps again);
- it goes to the first later page that accepts jumps (`accepts_jumps`) and
  has room for a third of the story at least (continuation head included);
  the continuation carries what that room holds (`budget`), the rest is
  overset; the room is then taken, so two stories compete for it in order;
- when less than a third is left over but the story is long enough (a third
  on each side), it is cut deeper: the source prints at most `keep` body
  characters (the story less a third, back to a sentence end), and the rest
  jumps.

Every story that stays cut gets a note saying why it did not jump.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Edition
from ..style import Style

if TYPE_CHECKING:  # annotations only: a cache hit never imports the make-up
    from ..makeup.result import PageReport, Seam

MIN_SHARE = 1 / 3  # of the story, on each side of a jump
MIN_LINES = 8  # body lines per column, on each side of a jump
HEAD_LINES = 4  # grid lines of a continuation head and its 上接 line (per column)
SPAN_GUESS = 2  # columns a continuation is guessed to take, for its head's area
FILL = 0.9  # share of a line's characters a line holds on average (indents, ends)


@dataclass(frozen=True)
class PlannedJump:
    article: str
    source: int  # page index
    target: int  # page index
    seam: Seam
    budget: int | None  # characters the continuation may carry (None: all the rest)
    keep: int | None = None  # body characters the source may print (a deeper cut), or None


def chars_in(lines: int, style: Style) -> int:
    """About how many characters `lines` column-lines of body hold."""
    return int(lines * style.chars * FILL)


def lines_for(chars: int, style: Style) -> int:
    return math.ceil(chars / (style.chars * FILL))


def plan(
    edition: Edition, reports: list[PageReport], style: Style
) -> tuple[list[PlannedJump], dict[int, list[str]]]:
    """The jumps to make, and per page index the notes on stories that stay cut."""
    by_id = {a.id: a for a in edition.articles}
    room = [r.room for r in reports]
    jumps: list[PlannedJump] = []
    notes: dict[int, list[str]] = {}
    for i, rep in enumerate(reports):
        for seam in sorted(rep.seams, key=lambda s: _rank(by_id.get(s.article))):
            art = by_id.get(seam.article)
            if art is None:
                continue
            why, found = _decide(edition, i, seam, art.jump, room, style)
            if found is None:
                notes.setdefault(i, []).append(f"{seam.article}: no jump (转版): {why}; cut")
                continue
            target, budget, used, keep = found
            room[target] -= used
            jumps.append(PlannedJump(seam.article, i, target, seam, budget, keep))
    return jumps, notes


def _rank(article) -> tuple:
    return (article.priority, article.order) if article is not None else (10**9, 0)


def _decide(
    edition: Edition, i: int, seam: Seam, allowed: bool, room: list[int], style: Style
) -> tuple[str, tuple[int, int | None, int, int | None] | None]:
    page = edition.pages[i]
    if seam.printed >= seam.total:
        return "nothing left over", None
    if not allowed:
        return "the article has jump: false", None
    if seam.lead and page.number != 1:
        return f"the lead may jump only from page 1 (this is page {page.number})", None
    least = math.ceil(MIN_SHARE * seam.total)
    if seam.printed < least or seam.fit < MIN_LINES:
        return (
            f"page {page.number} would keep {seam.printed} of {seam.total} characters "
            f"in {seam.fit} lines a column (a jump leaves 1/3 and {MIN_LINES} lines "
            "on each side)",
            None,
        )
    rest = seam.total - seam.printed
    keep = None
    if rest < least:  # cut deeper: the source keeps 2/3 at most, a third jumps
        keep = seam.total - least
        if keep < least or seam.fit * keep < MIN_LINES * seam.printed:
            return (
                f"only {rest} of {seam.total} characters are left over (less than 1/3), "
                f"and a cut leaving a third would keep fewer than {MIN_LINES} lines a column",
                None,
            )
        rest = seam.total - keep
    head = HEAD_LINES * SPAN_GUESS
    need = head + lines_for(rest, style)
    least_lines = head + max(lines_for(least, style), MIN_LINES * SPAN_GUESS)
    later = [
        j
        for j in range(i + 1, len(edition.pages))
        if edition.pages[j].number > page.number and edition.pages[j].accepts_jumps
    ]
    if not later:
        return f"no later page takes jumps after page {page.number}", None
    for j in later:
        if room[j] >= need:
            return "", (j, None, need, keep)
        if room[j] >= least_lines:
            return "", (j, chars_in(room[j] - head, style), room[j], keep)
    rooms = ", ".join(f"page {edition.pages[j].number} {room[j]}" for j in later)
    return (
        f"no later page has room for a third of it ({least_lines} column-lines; free: {rooms})",
        None,
    )
