"""The whole run: edition folder → pages laid out → PDFs + report.json.

`build` is what `newspage build` runs. Pages are independent: each is laid
out, rendered and preflighted in one go, by one pool of worker processes per
edition (forked after the fonts are loaded, so no worker reads a font again),
and a worker hands back only what the report needs (the page's articles,
placements and diagnostics, its file and the preflight findings), never its
display list.

Finished pages are cached by content hash (`layout.buildcache`): a page
whose articles, style, fonts and code are unchanged is copied from the cache
byte for byte, without loading a font; so an edition where one article
changed lays out and renders only that article's page.

`lay_out` (full layouts, for `check`, `fonts`, proofs and the tests) and
`write_pdfs` keep their behaviour.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .fonts import FontSet
from .model import Edition
from .style import Style, load_style

if TYPE_CHECKING:  # annotations only: a cache hit never imports the make-up
    from .makeup import PageLayout


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


def _chain_job(chain: list[int]):
    """Worker: a section's pages made up in turn (make-up only)."""
    from .edition import make_chain

    return _flushed(make_chain(_JOB["edition"], _JOB["style"], _JOB["fonts"], chain))


def _flushed(result):
    """`result`, once the paragraphs this process set are kept (layout.typesetmemo)."""
    from . import typesetmemo

    typesetmemo.flush()
    return result


def _jump_job(group: list[int]):
    """Worker: the pages a jump ties, made up in page order (make-up only)."""
    from .edition.whole import make_group

    return _flushed(make_group(_JOB["edition"], _JOB["style"], _JOB["fonts"], group, _JOB["jumps"]))


def load(edition_dir: Path | str, *, memo: bool = False) -> tuple[Edition, Style, FontSet]:
    """Edition, style and fonts; with `memo`, unchanged articles come from the
    article memo (layout.content.memo)."""
    from .content import load_edition

    edition = load_edition(Path(edition_dir), memo=memo)
    style = load_style(edition.style, edition.style_base)
    return edition, style, _fonts_for(edition, style)


def _fonts_for(edition: Edition, style: Style, keys: list | None = None) -> FontSet:
    """The fonts, covering every character of the edition (each page's
    characters kept with its cache entry when `keys` are given)."""
    from .fallback import edition_chars, load_fonts

    fonts = load_fonts()
    if keys and None not in keys:
        from . import buildcache
        from .fallback import page_chars

        chars: set[str] = set()
        for page, key in zip(edition.pages, keys, strict=True):
            chars |= buildcache.page_chars(key, lambda p=page: page_chars(edition, p, style))
    else:
        chars = edition_chars(edition, style)
    fonts.cover(chars)
    fonts.prepare(style.fonts())
    return fonts


def lay_out(edition_dir: Path | str, progress=None, *, memo: bool = False) -> Run:
    """Every page made up by the edition pass (`layout.edition`): sections'
    pages in turn, then the pages tied by jumps; independent ones in parallel.
    With `memo` (the check command), articles as read and paragraphs as set
    are reused from the build's memos (layout.typesetmemo), when they are on."""
    from . import typesetmemo
    from .edition.whole import make_edition

    memo = memo and typesetmemo.enabled()
    edition, style, fonts = load(edition_dir, memo=memo)
    if _workers(len(edition.pages)) > 1 and hasattr(fonts, "load"):
        fonts.load()  # once, shared by the forked workers
    _JOB.update(edition=edition, style=style, fonts=fonts)

    def run_groups(group_list, work):
        _JOB["jumps"] = work  # read by the forked workers
        return _map(_jump_job, group_list, progress, "jumps")

    with contextlib.ExitStack() as stack:
        if memo:
            stack.enter_context(typesetmemo.typesetting(fonts, style.fonts()))
        pages = make_edition(
            edition, style, lambda cs: _map(_chain_job, cs, progress, "make-up"), run_groups
        )
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


def render_run_page(
    run: Run,
    lay: PageLayout,
    path: Path,
    *,
    status: str = "",
    proof: bool = False,
    settings=None,
):
    """Page `lay` of `run` written to `path` as its print file: title, slug
    (with the faces for characters the slug face lacks), creation date, PDF/X
    settings (`settings`, else `pdfx_settings(run)`) and the style's press
    settings. What `render_page` returns (the written document, or None)."""
    from .fallback import slug_fallback
    from .render import render_page

    title, slug = _titles(run.edition, lay)
    return render_page(
        lay,
        run.fonts,
        Path(path),
        title=title,
        created=created_at(run.edition),
        slug_text=slug,
        status=status,
        proof=proof,
        settings=pdfx_settings(run) if settings is None else settings,
        press=run.style.press,
        slug_fallback=slug_fallback(run.fonts, run.style.header_info_font, slug),
    )


def _render_job(args: tuple[int, str, str, bool]) -> str:
    index, path, status, proof = args
    run: Run = _JOB["run"]
    render_run_page(run, run.pages[index], Path(path), status=status, proof=proof)
    return path


def pdfx_settings(run: Run):
    """The output intent of the style's `print:`: IFRA26 by name, or the plant's
    ICC profile embedded (a relative path is read from the edition folder)."""
    from .pdfx import PdfxSettings, read_profile

    press = run.style.press
    if not press.output_profile:
        return PdfxSettings()
    path = Path(press.output_profile).expanduser()
    if not path.is_absolute():
        path = run.edition.root / path
    read_profile(path)  # checked before any page is drawn: a clear error, exit 2
    condition = press.output_condition or path.stem
    return PdfxSettings(
        output_condition_identifier="Custom",
        registry_name="",
        output_condition=condition,
        output_profile=path,
    )


def page_files(run: Run, pattern: str | None = None) -> list[str]:
    """Each page's print file name (the style's `print.file_name` or `pattern`)."""
    from .press import file_name

    pat = pattern or run.style.press.file_name
    names = [
        file_name(pat, run.edition, lay.page, edition_name=run.edition.root.name)
        for lay in run.pages
    ]
    if len(set(names)) != len(names):
        from .errors import NewspageError

        raise NewspageError(f"file name pattern '{pat}' gives two pages the same name")
    return names


def write_pdfs(
    run: Run,
    out_dir: Path,
    *,
    combined: bool = False,
    force: bool = False,
    pattern: str | None = None,
    progress=None,
) -> list[Path]:
    """One PDF per page, named by the style's pattern (paper-date-page); with
    `combined`, also the edition as one file.

    A page with overset or a hole is not ready for print: it is written as a
    proof (`NAME.proof.pdf`, marked so in slug and XMP) unless `force`, which
    writes the print file marked not final.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = []
    for i, (lay, name) in enumerate(zip(run.pages, page_files(run, pattern), strict=True)):
        target, why, proof = _page_target(lay, name, out_dir, force)
        jobs.append((i, str(target), why, proof))
    _JOB["run"] = run
    paths = [Path(p) for p in _map(_render_job, jobs, progress, "render")]
    if combined and paths:
        paths.append(_combine(run, paths, out_dir / "edition.pdf"))
    return paths


def _status(lay: PageLayout) -> str:
    from .press import status

    return status(lay)


def _combine(run: Run, pages: list[Path], target: Path) -> Path:
    """The edition's pages in page order as one PDF/X file (atomic write)."""
    import pikepdf

    from .pdfx import finish_pdfx
    from .photo.dedupe import share_images

    raw = target.with_name(f".{target.name}.{os.getpid()}.raw")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with pikepdf.open(pages[0]) as first:
            for extra in pages[1:]:
                with pikepdf.open(extra) as other:
                    first.pages.extend(other.pages)
            share_images(first)  # a photo on two pages is embedded once
            buf = io.BytesIO()  # qpdf aborts on a write error; Python raises OSError
            first.save(buf, deterministic_id=True)
        raw.write_bytes(buf.getvalue())
        title = f"{run.edition.paper} {run.edition.date.isoformat()}"
        why = "; ".join(f"page {lay.page.number}: {w}" for lay in run.pages if (w := _status(lay)))
        finish_pdfx(
            raw,
            tmp,
            title=title,
            created=created_at(run.edition),
            settings=pdfx_settings(run),
            status=why,
        )
        os.replace(tmp, target)
    finally:
        for p in (raw, tmp):
            if p.exists():
                p.unlink()
    return target


# --- build: one pool, one job per page, cached by content ----------------------


@dataclass
class Built:
    """What `build` hands back: the run (pages without their display lists), the
    files written, and the preflight findings per file (empty without a preflight)."""

    run: Run
    paths: list[Path]
    findings: dict = field(default_factory=dict)  # Path → list[Finding]
    cached: int = 0  # pages copied from the cache


def slim(lay: PageLayout) -> PageLayout:
    """The page without what only the renderer needs (its glyph runs, rules, boxes)."""
    return replace(lay, display=replace(lay.display, boxes=[], images=[], rules=[], runs=[]))


def preflight_settings(style: Style, ink: str = "prove"):
    """Our own pages: structure in memory, ink proven from the content (see preflight)."""
    from .preflight import PreflightSettings

    return PreflightSettings(
        trim_size_pt=(style.trim_w, style.trim_h),
        bleed_pt=style.bleed,
        ink=ink,  # type: ignore[arg-type]
        qpdf_in_process=True,
    )


def _page_target(lay: PageLayout, name: str, out_dir: Path, force: bool) -> tuple[Path, str, bool]:
    """(file to write, status, proof?) as write_pdfs names it; removes the other kind."""
    from .press import proof_name, status

    why = status(lay)
    proof = bool(why) and not force
    target = out_dir / (proof_name(name) if proof else name)
    stale = out_dir / (name if proof else proof_name(name))
    if stale.exists():  # the other kind of file from an earlier build
        stale.unlink()
    return target, why, proof


def _finish_page(index: int, lay: PageLayout, key: str | None, extra: tuple = ()):
    """Worker: render and preflight a made-up page; store it in the cache (with
    `extra`: what the edition pass needs of it on a hit)."""
    job = _JOB["build"]
    run: Run = job["run"]
    target, why, proof = _page_target(lay, job["names"][index], job["out"], job["force"])
    written = render_run_page(run, lay, target, status=why, proof=proof, settings=job["pdfx"])
    findings = None
    if job["preflight"] is not None:
        if written is not None:  # checked as written, not read back
            from .preflight.api import preflight_written

            findings = preflight_written(written, target, job["preflight"])
        else:
            from .preflight import preflight

            findings = preflight(target, job["preflight"])
    result = (slim(lay), target.name, findings)
    if key is not None:
        from . import buildcache

        buildcache.store(key, target.read_bytes(), (*result, *extra))
    return result


def _finish_one(index: int):
    """Worker: a page the edition pass made (or makes now, from its input)
    rendered, preflighted and cached with its input."""
    from .edition import lay_out_page

    job = _JOB["build"]
    inp = job["inputs"][index]
    lay = job["made"].get(index)
    if lay is None:
        lay = _flushed(lay_out_page(_JOB["edition"], _JOB["style"], _JOB["fonts"], inp))
    return _finish_page(index, lay, job["keys"][index], (inp,))


def _build_group(group: list[int]):
    """Worker: the pages a jump ties, made up, recorded, rendered; the group is
    cached as one entry (its pages under sub-keys)."""
    from . import buildcache

    job = _JOB["build"]
    outcome = _flushed(_jump_job(group))
    key = job["group_keys"].get(tuple(group))
    results = {}
    for i, (inp, lay) in outcome.pages.items():
        results[i] = (inp, _finish_page(i, lay, _sub_key(key, i)))
        outcome.pages[i] = (inp, results[i][1][0])
    if key is not None:
        buildcache.store(key, b"", (outcome, results))
    return outcome, results


def _sub_key(key: str | None, index: int) -> str | None:
    import hashlib

    return None if key is None else hashlib.sha256(f"{key}/{index}".encode()).hexdigest()


def _from_cache(key: str | None, name: str, out_dir: Path, force: bool):
    """A cached page written to its file: its result, or None on a miss."""
    from . import buildcache

    hit = buildcache.fetch(key) if key is not None else None
    if hit is None:
        return None
    stored, data = hit
    lay, cached_name = stored[0], stored[1]
    if cached_name is None:  # the make-up's report only (a page a jump made again)
        return stored
    target, _, _ = _page_target(lay, name, out_dir, force)
    if target.name != cached_name:  # cannot happen for one key; never trust a stale entry
        return None
    buildcache.write_atomic(target, data)
    return stored


def _group_from_cache(key: str | None, names: list[str], out_dir: Path, force: bool):
    from . import buildcache

    hit = buildcache.fetch(key) if key is not None else None
    if hit is None:
        return None
    (outcome, results), _ = hit
    for i in results:
        if _from_cache(_sub_key(key, i), names[i], out_dir, force) is None:
            return None
    return outcome, results


def build(
    edition_dir: Path | str,
    out_dir: Path,
    *,
    combined: bool = False,
    force: bool = False,
    pattern: str | None = None,
    progress=None,
    preflight: bool = True,
    ink: str = "prove",
    cache: bool = True,
) -> Built:
    """Lay out, write and preflight every page of an edition (`newspage build`).

    The edition pass as in `lay_out`: sections' pages in turn (cached per
    section), then the pages tied by jumps made up again with their marks and
    continuations (cached per group). Files are named and marked as
    `write_pdfs` does (proofs for pages with overset or a hole unless
    `force`); pages found in the cache are copied."""
    with contextlib.ExitStack() as stack:  # the typeset memo, while pages are made
        return _build(
            stack,
            edition_dir,
            out_dir,
            combined=combined,
            force=force,
            pattern=pattern,
            progress=progress,
            preflight=preflight,
            ink=ink,
            cache=cache,
        )


def _build(
    stack: contextlib.ExitStack,
    edition_dir: Path | str,
    out_dir: Path,
    *,
    combined: bool,
    force: bool,
    pattern: str | None,
    progress,
    preflight: bool,
    ink: str,
    cache: bool,
) -> Built:
    import hashlib

    from . import buildcache, typesetmemo
    from .content import load_edition
    from .edition import chains, groups, plan
    from .edition.whole import JumpWork, with_notes
    from .press import file_name

    memo = cache and buildcache.enabled()  # finished pages
    copy_memo = cache and typesetmemo.enabled()  # articles as read, paragraphs as set
    edition = load_edition(Path(edition_dir), memo=copy_memo)
    style = load_style(edition.style, edition.style_base)
    pat = pattern or style.press.file_name
    names = [file_name(pat, edition, p, edition_name=edition.root.name) for p in edition.pages]
    if len(set(names)) != len(names):
        from .errors import NewspageError

        raise NewspageError(f"file name pattern '{pat}' gives two pages the same name")
    out_dir.mkdir(parents=True, exist_ok=True)
    settings = preflight_settings(style, ink) if preflight else None
    n = len(edition.pages)
    keys: list[str | None] = [None] * n
    if memo:
        profile = style.press.output_profile  # the plant's ICC profile, when named
        if profile:
            prof = Path(profile).expanduser()
            prof = prof if prof.is_absolute() else edition.root / prof
            profile = f"{prof}|{prof.stat().st_mtime_ns if prof.is_file() else 'missing'}"
        # a time budget for the make-up search (NEWSPAGE_MAKEUP_BUDGET) may end it
        # early: such a page is never served to a build without that budget
        budget = os.environ.get("NEWSPAGE_MAKEUP_BUDGET", "")
        extra = repr((settings, force, names, profile, budget))
        keys = [buildcache.page_key(edition, i, style, extra) for i in range(n)]
    results: list = [None] * n
    inputs: dict = {}
    todo = []
    for chain in chains(edition):
        hits = [_from_cache(keys[i], names[i], out_dir, force) for i in chain]
        if any(h is None for h in hits):
            todo.append(chain)
            continue
        for i, h in zip(chain, hits, strict=True):
            if len(h) < 4:  # an entry without the edition pass's input: make it again
                todo.append(chain)
                break
            results[i], inputs[i] = h[:3], h[3]
    job: dict = {}

    def start() -> None:  # fonts and the shared job, once, when a page must be made
        if job:
            return
        fonts = _fonts_for(edition, style, keys)
        if copy_memo:
            stack.enter_context(typesetmemo.typesetting(fonts, style.fonts()))
        if _workers(n) > 1 and hasattr(fonts, "load"):
            fonts.load()  # once, shared by the forked workers
        run = Run(edition, style, fonts, [])
        job.update(
            run=run,
            names=names,
            out=out_dir,
            force=force,
            pdfx=pdfx_settings(run),
            preflight=settings,
            keys=keys,
            group_keys={},
        )
        _JOB["build"] = job
        _JOB.update(edition=edition, style=style, fonts=fonts)

    made: dict[int, PageLayout] = {}  # made up here, not rendered yet
    if todo:
        start()
        for done in _map(_chain_job, todo, progress, "make-up"):
            for inp, lay in done:
                made[inp.index], inputs[inp.index] = lay, inp
                results[inp.index] = (lay, None, None)
    pages = [r[0] for r in results]
    planned, notes = plan(edition, [lay.report for lay in pages], style)
    tied = {i for g in groups(n, planned) for i in g}  # made again with their jumps
    for i in sorted(tied & made.keys()):
        if keys[i] is not None:  # the report the planner reads, for the next build
            buildcache.store(keys[i], b"", (slim(made[i]), None, None, inputs[i]))
    finish = [i for i in range(n) if i not in tied and results[i][1] is None]
    if finish:
        start()
        job.update(made=made, inputs=inputs)
        for i, res in zip(finish, _map(_finish_one, finish, progress, "render"), strict=True):
            results[i] = res
    count = len(made) + sum(1 for i in finish if i not in made)
    if planned:
        gkeys = {}
        for g in groups(n, planned):
            parts = [keys[i] for i in g]
            mine = [j for j in planned if j.source in g]
            gkeys[tuple(g)] = (
                None if None in parts else hashlib.sha256(repr((parts, mine)).encode()).hexdigest()
            )
        outs, later = [], []
        for g, key in gkeys.items():
            hit = _group_from_cache(key, names, out_dir, force)
            (outs.append(hit) if hit is not None else later.append(list(g)))
        if later:
            start()
            job["group_keys"] = gkeys
            before = {i: lay.report for i, lay in enumerate(pages)}
            _JOB["jumps"] = JumpWork(inputs, planned, before)
            outs.extend(_map(_build_group, later, progress, "jumps"))
            count += sum(len(g) for g in later)
        for outcome, res in outs:
            for i, (inp, r) in res.items():
                results[i], inputs[i] = (outcome.pages[i][1], r[1], r[2]), inp
            for i, msgs in outcome.dropped.items():
                notes.setdefault(i, []).extend(msgs)
    pages = with_notes([r[0] for r in results], notes)
    paths = [out_dir / r[1] for r in results]
    findings = {p: r[2] or [] for p, r in zip(paths, results, strict=True)} if preflight else {}
    run = Run(edition, style, None, pages)  # type: ignore[arg-type]
    out_paths = list(paths)
    if combined and paths:
        out_paths.append(_combine(run, paths, out_dir / "edition.pdf"))
    return Built(run, out_paths, findings, max(0, n - count))
