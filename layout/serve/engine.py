"""The preview's long-lived state: fonts, style and laid-out pages, kept warm.

`Engine.rebuild()` re-reads the edition (milliseconds), then lays out again
only the pages whose inputs changed: the page's spec, its articles (their
text, front matter and order), the style or the edition's header fields.
The fonts are loaded once; paragraphs and titles are set through the
build's typeset memo (`layout.typesetmemo`, the same keys), kept in memory
between rebuilds and backed by its files. A section's pages and a jump group
made up once are kept in memory and on disk (`memo`): a preview started
again on unchanged files makes nothing up.

A broken edition (bad YAML, an unknown field) does not replace what is
shown: the last good pages stay and the error is kept beside them, with
its file, field and line.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..edition import make_chain
from ..edition.whole import make_edition, make_group
from ..fallback import edition_chars
from ..proof.adapter import Drawing, ProofPage, drawing, proof_page
from . import memo
from .svg import page_svg


@dataclass
class PageView:
    number: int
    name: str
    version: int  # the engine version at which this page last changed
    proof: ProofPage
    drawing: Drawing
    svg: str
    report: list[str]  # the report's lines for this page (text)
    key: tuple = ()


@dataclass
class BuildError:
    message: str
    file: str | None = None
    field: str | None = None
    line: int | None = None

    def as_dict(self) -> dict:
        return {"message": self.message, "file": self.file, "field": self.field, "line": self.line}


@dataclass
class Snapshot:
    version: int
    pages: list[PageView]
    error: BuildError | None
    rebuilt: list[int] = field(default_factory=list)  # page numbers laid out again
    seconds: float = 0.0


class Engine:
    def __init__(self, edition_dir: Path | str):
        self.root = Path(edition_dir).resolve()
        self._lock = threading.Lock()
        self._fonts = None
        self._style = None
        self._style_key = None
        self._pages: dict[int, PageView] = {}
        self._order: list[int] = []
        self._memo: dict[tuple, object] = {}  # the edition pass's chains and jump groups
        self._covered: frozenset[str] = frozenset()
        self.version = 0
        self.error: BuildError | None = None
        self.last = Snapshot(0, [], None)

    # -- state ---------------------------------------------------------------

    @property
    def fonts(self):
        if self._fonts is None:
            from ..fallback import load_fonts

            self._fonts = load_fonts()  # with fallback faces, as the build
        return self._fonts

    def faces(self) -> dict[str, Path]:
        """Every face key the shown pages use → its TrueType file."""
        out: dict[str, Path] = {}
        for n in self._order:
            out.update(self._pages[n].drawing.faces)
        return out

    def page(self, number: int) -> PageView | None:
        return self._pages.get(number)

    # -- building ------------------------------------------------------------

    def rebuild(self) -> Snapshot:
        """Lay out again what changed; on bad input keep the last good pages."""
        with self._lock:
            t0 = time.perf_counter()
            try:
                rebuilt = self._rebuild()
                self.error = None
            except Exception as exc:  # shown in the browser; the server stays up
                rebuilt = []
                self.error = _error(exc)
            if rebuilt or self.error != self.last.error:
                self.version += 1
                for n in rebuilt:
                    self._pages[n].version = self.version
            pages = [self._pages[n] for n in self._order]
            self.last = Snapshot(self.version, pages, self.error, rebuilt, time.perf_counter() - t0)
            return self.last

    def _rebuild(self) -> list[int]:
        from ..content import load_edition
        from ..style import load_style

        edition = load_edition(self.root)
        style_key = (edition.style, str(edition.style_base), _style_stamp(edition))
        new_style = style_key != self._style_key
        if new_style:
            style = load_style(edition.style, edition.style_base)
            if style != self._style:
                self._style = style
                self._memo = {}
            self._style_key = style_key
        style = self._style
        chars = frozenset(edition_chars(edition, style))
        if chars != self._covered:  # fallback faces for new characters only: a new
            self.fonts.cover(chars)  # new merged metrics: a face they change is set anew
            self._covered = chars
        if new_style:  # after `cover`, as the build: merged for the edition's characters
            self.fonts.prepare(style.fonts())  # (before it, for every character of every face)
        header = (edition.paper, edition.date, edition.issue)
        from ..furniture import cache_key  # masthead, ads, 导读 entries

        page_keys = [
            (spec, edition.articles_for(spec), header, style_key, cache_key(edition, spec))
            for spec in edition.pages
        ]
        made = _Memo(self._memo, edition, style, self.fonts, page_keys)
        from .. import typesetmemo

        with typesetmemo.typesetting(self.fonts, style.fonts(), keep=True):
            pages = make_edition(edition, style, made.chains, made.groups)
        self._memo = made.kept
        rebuilt = []
        fresh: dict[int, PageView] = {}
        for i, (spec, lay) in enumerate(zip(edition.pages, pages, strict=True)):
            key = (made.page_key(i), tuple((d.article, d.message) for d in lay.diagnostics))
            old = self._pages.get(spec.number)
            if old is not None and old.key == key:
                fresh[spec.number] = old
                continue
            fresh[spec.number] = _view(lay, edition, self.fonts, key)
            rebuilt.append(spec.number)
        self._pages = fresh
        self._order = [spec.number for spec in edition.pages]
        return rebuilt


class _Memo:
    """The edition pass's chains and jump groups kept between rebuilds, by the
    keys of the pages they read: after an edit only the edited page's section,
    and the jump group it is in, are made up again. What is not kept in
    memory is looked for on disk (`memo`, under the pages' complete keys)
    before it is made up, and kept there once made."""

    def __init__(self, old: dict, edition, style, fonts, page_keys: list[tuple]):
        self.old, self.kept = old, {}
        self.edition, self.style, self.fonts = edition, style, fonts
        self.page_keys = page_keys
        self.made_by: dict[int, tuple] = {}  # page index → key of what made it last
        self._complete: list[str] | None = None

    def page_key(self, index: int) -> tuple:
        return self.made_by[index]

    def complete_keys(self) -> list[str]:
        """Each page's key as `build` computes it (`buildcache.page_key`), with the
        make-up's time budget: computed once a rebuild, when something is not kept."""
        if self._complete is None:
            from .. import buildcache

            budget = os.environ.get("NEWSPAGE_MAKEUP_BUDGET", "")
            extra = repr(("preview make-up", budget))
            n = len(self.edition.pages)
            self._complete = [
                buildcache.page_key(self.edition, i, self.style, extra) for i in range(n)
            ]
        return self._complete

    def _get(self, key: tuple, make, stored: Callable[[], str]):
        hit = self.old.get(key)
        if hit is None and memo.enabled():
            digest = stored()
            hit = memo.load(digest)
            if hit is None:
                hit = make()
                memo.store(digest, hit)
        elif hit is None:
            hit = make()
        self.kept[key] = hit
        return hit

    def chains(self, chain_list: list[list[int]]):
        for chain in chain_list:
            key = ("chain", tuple(self.page_keys[i] for i in chain))
            for i in chain:
                self.made_by[i] = key
            yield self._get(
                key,
                lambda c=chain: make_chain(self.edition, self.style, self.fonts, c),
                lambda c=chain: memo.key("chain", [self.complete_keys()[i] for i in c]),
            )

    def groups(self, group_list: list[list[int]], work):
        for group in group_list:
            key = ("jumps", tuple(self.page_keys[i] for i in group), work.of(group))
            for i in group:
                self.made_by[i] = key
            yield self._get(
                key,
                lambda g=group: make_group(self.edition, self.style, self.fonts, g, work),
                lambda g=group: memo.key(
                    "jumps", [*self.complete_keys(), repr(g), repr(work.of(g))]
                ),
            )


def _style_stamp(edition) -> float:
    """mtime of an edition's own style file (a built-in name has none)."""
    name = edition.style
    if name.endswith((".yaml", ".yml")):
        path = Path(edition.style_base) / name
        try:
            return path.stat().st_mtime_ns
        except OSError:
            return 0
    return 0


def _view(lay, edition, fonts, key) -> PageView:
    from .. import report

    proof = proof_page(lay, edition)
    draw = drawing(lay, fonts)
    text = report.format_text([lay], verbose=False).splitlines()[:-1]
    return PageView(
        lay.page.number, lay.page.name, 0, proof, draw, page_svg(draw, proof), text, key
    )


def _error(exc: Exception) -> BuildError:
    from ..errors import ContentError, NewspageError

    if isinstance(exc, ContentError):
        return BuildError(exc.format(), str(exc.path), exc.field, exc.line)
    if isinstance(exc, NewspageError):
        return BuildError(str(exc))
    return BuildError(f"{type(exc).__name__}: {exc}")
