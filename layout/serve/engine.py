"""The preview's long-lived state: fonts, style and laid-out pages, kept warm.

`Engine.rebuild()` re-reads the edition (milliseconds), then lays out again
only the pages whose inputs changed: the page's spec, its articles (their
text, front matter and order), the style or the edition's header fields.
The fonts are loaded once; typeset articles are kept by the make-up's own
caches where it has them (`layout.serve.warm`).

A broken edition (bad YAML, an unknown field) does not replace what is
shown: the last good pages stay and the error is kept beside them, with
its file, field and line.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..proof.adapter import Drawing, ProofPage, drawing, proof_page
from . import warm
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
        self.version = 0
        self.error: BuildError | None = None
        self.last = Snapshot(0, [], None)

    # -- state ---------------------------------------------------------------

    @property
    def fonts(self):
        if self._fonts is None:
            from ..fonts import load_fontset

            self._fonts = load_fontset()
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
        from ..makeup import make_page
        from ..style import load_style

        edition = load_edition(self.root)
        style_key = (edition.style, str(edition.style_base), _style_stamp(edition))
        if style_key != self._style_key:
            style = load_style(edition.style, edition.style_base)
            self.fonts.prepare(style.fonts())
            if style != self._style:
                self._style = style
                warm.forget()
            self._style_key = style_key
        style = self._style
        header = (edition.paper, edition.date, edition.issue)
        from ..furniture import cache_key  # masthead, ads, 导读 entries

        rebuilt = []
        order = []
        fresh: dict[int, PageView] = {}
        for spec in edition.pages:
            key = (spec, edition.articles_for(spec), header, style_key, cache_key(edition, spec))
            old = self._pages.get(spec.number)
            order.append(spec.number)
            if old is not None and old.key == key:
                fresh[spec.number] = old
                continue
            with warm.typesetting():
                lay = make_page(edition, spec, self.fonts, style)
            view = _view(lay, edition, self.fonts, key)
            fresh[spec.number] = view
            rebuilt.append(spec.number)
        self._pages = fresh
        self._order = order
        return rebuilt


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
