"""The whole run: edition folder → pages laid out → PDFs + report.json."""

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


def lay_out(edition_dir: Path | str) -> Run:
    from .content import load_edition

    edition = load_edition(Path(edition_dir))
    style = load_style(edition.style, edition.style_base)
    fonts = load_fontset()
    fonts.prepare(style.fonts())
    pages = [make_page(edition, page, fonts, style) for page in edition.pages]
    return Run(edition, style, fonts, pages)


def created_at(edition: Edition) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the edition's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    d = edition.date
    return dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC)


def write_pdfs(run: Run, out_dir: Path) -> list[Path]:
    from .render import render_page

    out_dir.mkdir(parents=True, exist_ok=True)
    created = created_at(run.edition)
    paths = []
    for lay in run.pages:
        path = out_dir / f"page-{lay.page.number:02d}.pdf"
        ed = run.edition
        where = f"第{lay.page.number}版 {lay.page.name}"
        title = f"{ed.paper} {ed.date.isoformat()} {where}"
        slug = f"{ed.paper}  {ed.date.isoformat()}  {where}  K"
        render_page(lay, run.fonts, path, title=title, created=created, slug_text=slug)
        paths.append(path)
    return paths
