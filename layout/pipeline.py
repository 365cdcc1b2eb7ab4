"""The whole run: edition folder → pages laid out → PDFs + report.json.

Pages are independent: with more than one page and more than one core they
are laid out (and rendered) in parallel worker processes, forked after the
fonts are loaded so that no worker reads a font again.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from .fonts import FontSet, load_fontset
from .makeup import PageLayout, make_page
from .model import Edition
from .style import Style, load_style


@dataclass
class Run:
    edition: Edition
    style: Style
    fonts: FontSet
    pages: list[PageLayout]


# Shared with forked workers (set before the pool starts).
_JOB: dict = {}


def _workers(n_pages: int) -> int:
    return min(n_pages, os.cpu_count() or 1) if n_pages > 1 else 1


def _map(fn, items: list, progress=None, stage: str = ""):
    """fn over items, in forked processes when that can help; order kept.

    progress(stage, done, total) is called as results come in (layout.progress).
    """
    n = _workers(len(items))
    if n <= 1:
        return [_tick(fn(i), progress, stage, k, len(items)) for k, i in enumerate(items, 1)]
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=n, mp_context=mp.get_context("fork")) as pool:
        done = enumerate(pool.map(fn, items), 1)
        return [_tick(r, progress, stage, k, len(items)) for k, r in done]


def _tick(result, progress, stage: str, done: int, total: int):
    if progress:
        progress(stage, done, total)
    return result


def _lay_out_page(index: int) -> PageLayout:
    ed, fonts, style = _JOB["edition"], _JOB["fonts"], _JOB["style"]
    return make_page(ed, ed.pages[index], fonts, style)


def load(edition_dir: Path | str) -> tuple[Edition, Style, FontSet]:
    from .content import load_edition

    edition = load_edition(Path(edition_dir))
    style = load_style(edition.style, edition.style_base)
    fonts = load_fontset()
    fonts.prepare(style.fonts())
    return edition, style, fonts


def lay_out(edition_dir: Path | str, progress=None) -> Run:
    edition, style, fonts = load(edition_dir)
    _JOB.update(edition=edition, style=style, fonts=fonts)
    pages = _map(_lay_out_page, list(range(len(edition.pages))), progress, "make-up")
    return Run(edition, style, fonts, pages)


def created_at(edition: Edition) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the edition's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    d = edition.date
    return dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC)


def _titles(edition: Edition, layout: PageLayout) -> tuple[str, str]:
    where = f"第{layout.page.number}版 {layout.page.name}"
    title = f"{edition.paper} {edition.date.isoformat()} {where}"
    slug = f"{edition.paper}  {edition.date.isoformat()}  {where}  K"
    return title, slug


def _render_job(args: tuple[int, str]) -> str:
    from .render import render_page

    index, path = args
    run: Run = _JOB["run"]
    lay = run.pages[index]
    title, slug = _titles(run.edition, lay)
    render_page(
        lay, run.fonts, Path(path), title=title, created=created_at(run.edition), slug_text=slug
    )
    return path


def write_pdfs(run: Run, out_dir: Path, *, combined: bool = False, progress=None) -> list[Path]:
    """One PDF per page (page-NN.pdf); with `combined`, also edition.pdf."""
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = [
        (i, str(out_dir / f"page-{lay.page.number:02d}.pdf")) for i, lay in enumerate(run.pages)
    ]
    _JOB["run"] = run
    paths = [Path(p) for p in _map(_render_job, jobs, progress, "render")]
    if combined and paths:
        paths.append(_combine(run, paths, out_dir / "edition.pdf"))
    return paths


def _combine(run: Run, pages: list[Path], target: Path) -> Path:
    """The edition's pages in page order as one PDF/X file (atomic write)."""
    import pikepdf

    from .pdfx import finish_pdfx

    raw = target.with_name(f".{target.name}.{os.getpid()}.raw")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with pikepdf.open(pages[0]) as first:
            for extra in pages[1:]:
                with pikepdf.open(extra) as other:
                    first.pages.extend(other.pages)
            first.save(raw, deterministic_id=True)
        title = f"{run.edition.paper} {run.edition.date.isoformat()}"
        finish_pdfx(raw, tmp, title=title, created=created_at(run.edition))
        os.replace(tmp, target)
    finally:
        for p in (raw, tmp):
            if p.exists():
                p.unlink()
    return target
