"""What make-up returns: the page's display list and, separately, its report data."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import PageSpec
from ..style import Style
from .display import DisplayList, GlyphRun


@dataclass(frozen=True)
class Placement:
    """A module on the grid: 0-based column and grid line."""

    article: str
    kind: str  # story | briefs | …
    col: int
    span: int
    top: int
    depth: int
    overset_chars: int = 0
    short_lines: int = 0  # lines of copy (one column wide) that would fill it to its foot
    over: int = 0  # headline over (压题): columns right of `span` its title block also spans
    over_lines: int = 0  # grid lines of that title block (with its air)
    title_lines: int = 0  # grid lines of its title block (without air): what may bump (撞题)
    title_air: int = 0  # grid lines of air above its headline (a staggered start)


@dataclass(frozen=True)
class ArticleReport:
    id: str
    kind: str
    module: str  # e.g. "cols 1–6 × lines 1–30"
    col: int
    span: int
    top: int
    depth: int
    chars: int
    overset_chars: int
    short_lines: int
    short_chars: int  # about how many characters would fill the short lines


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # error | warning | info
    article: str
    message: str


@dataclass(frozen=True)
class Hole:
    """Space no copy fills: a rectangle of whole columns × grid lines (0-based)."""

    col: int
    span: int
    top: int
    depth: int
    chars: int  # about how many characters would fill it


@dataclass(frozen=True)
class Seam:
    """A story cut on its page: where its printed text stops (the seam a jump
    continues from) and how much of it the page prints."""

    article: str
    block: int  # index of the article block the printed text stops in
    chars: int  # characters of that block printed
    printed: int  # body characters printed on the page
    total: int  # body characters of the story
    fit: int  # body lines per column on the page
    span: int
    lead: bool  # the page's lead story


@dataclass(frozen=True)
class Jump:
    """A story continued on a later page (转版): its characters on each side and
    what neither page prints (overset)."""

    article: str
    from_page: int
    to_page: int
    chars_from: int
    chars_to: int
    overset: int
    total: int


@dataclass(frozen=True)
class Grid:
    columns: int
    lines: int
    chars: int  # per column line


@dataclass
class PageReport:
    """The page as the editor's report sees it (report.json, check)."""

    grid: Grid
    placements: list[Placement] = field(default_factory=list)
    articles: list[ArticleReport] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fill_ratio: float = 0.0
    rules_met: dict[str, bool] = field(default_factory=dict)  # make-up rule → met
    steps: list[str] = field(default_factory=list)  # make-up steps taken, in order
    holes: list[Hole] = field(default_factory=list)
    seams: list[Seam] = field(default_factory=list)  # stories cut on the page
    room: int = 0  # column-lines left when every module takes its least area
    jumps: list[Jump] = field(default_factory=list)  # continued from or to this page

    @property
    def overset(self) -> bool:
        return any(a.overset_chars for a in self.articles)


@dataclass
class PageLayout:
    """One laid-out page: its display list (for render) and report (for people).

    `style` is kept for tests and tools that map positions to the grid;
    render does not read it.
    """

    page: PageSpec
    style: Style
    display: DisplayList
    report: PageReport

    # shortcuts to the report, for callers that read one page's results
    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.report.diagnostics

    @property
    def articles(self) -> list[ArticleReport]:
        return self.report.articles

    @property
    def placements(self) -> list[Placement]:
        return self.report.placements

    @property
    def fill_ratio(self) -> float:
        return self.report.fill_ratio

    @property
    def rules_met(self) -> dict[str, bool]:
        return self.report.rules_met

    @property
    def overset(self) -> bool:
        return self.report.overset

    @property
    def texts(self) -> list[GlyphRun]:
        return self.display.runs
