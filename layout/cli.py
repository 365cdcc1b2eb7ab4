"""Command line: newspage build | check | preflight | fonts.

Exit codes: 0 all good; 1 laid out but something needs an editor (overset,
missing glyph, preflight failure); 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_EDITION = "content/sample"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newspage", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="lay out an edition and write PDFs + report.json")
    b.add_argument("edition", nargs="?", default=DEFAULT_EDITION)
    b.add_argument("-o", "--out", help="output folder (default output/<edition name>)")
    b.add_argument("--no-preflight", action="store_true", help="skip the preflight of the PDFs")
    b.add_argument("--combined", action="store_true", help="also write edition.pdf, all pages")
    b.add_argument(
        "--force",
        action="store_true",
        help="write a page with overset or a hole as a print PDF marked not final"
        " (default: as NAME.proof.pdf)",
    )
    b.add_argument(
        "--name",
        metavar="PATTERN",
        help="output file names, e.g. '{paper}-{date}-{page:02d}.pdf' (the default;"
        " fields: paper, date, page, issue, section, name, edition)",
    )
    b.add_argument(
        "--ink-render",
        action="store_true",
        help="render every page's separations with Ghostscript for the ink check"
        " (default: prove K-only and TAC from the page's content, render only when it cannot)",
    )
    c = sub.add_parser("check", help="lay out without writing PDFs; exit 1 on overset")
    c.add_argument("edition", nargs="?", default=DEFAULT_EDITION)
    c.add_argument("--format", choices=("text", "json", "junit"), default="text")
    c.add_argument(
        "-v", "--verbose", action="store_true", help="also list copy-fitting changes (info)"
    )
    f = sub.add_parser("preflight", help="check any PDF for print-readiness")
    f.add_argument("pdfs", nargs="+")
    f.add_argument("--format", choices=("text", "json"), default="text")
    g = sub.add_parser("fonts", help="font roles, their files and glyph coverage of an edition")
    g.add_argument("edition", nargs="?", default=DEFAULT_EDITION)
    from .proof.cli import add_parsers  # proof, serve

    add_parsers(sub, DEFAULT_EDITION)
    return p


def entry() -> None:
    """The `newspage` command as a process: dataclass methods compile through the
    memo in the cache (layout.dcfast); no cyclic garbage collection but in the
    preview server; once the command has returned and its
    files are closed, the output is flushed and the process leaves with
    os._exit, without freeing every object one by one (large font tables)."""
    if sys.argv[1:2] != ["serve"]:
        # A command that ends (not the preview server) frees everything at exit:
        # the cyclic collector found some 1 400 objects in a page's build and
        # its 127 passes over the heap cost 30 ms, a tenth of the build.
        import gc

        gc.disable()
    from . import cli_bundle, dcfast

    dcfast.install()
    cli_bundle.install()
    code = main()
    dcfast.save()
    cli_bundle.save()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 1)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from .errors import NewspageError

    try:
        return _run(args)
    except NewspageError as exc:
        _say(f"newspage: error: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


# The latest time a PDF date can carry (9999-12-31T23:59:59Z).
MAX_EPOCH = 253402300799


def _check_source_date_epoch() -> None:
    """SOURCE_DATE_EPOCH, when set, is whole seconds since 1970 up to the year 9999."""
    from .errors import NewspageError

    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return
    if not value.isdigit() or int(value) > MAX_EPOCH:
        shown = value if len(value) <= 24 else value[:24] + "…"
        raise NewspageError(
            f"environment variable SOURCE_DATE_EPOCH: must be whole seconds since "
            f"1970-01-01 (0 to {MAX_EPOCH}), not '{shown}'"
        )


def _pdf_args(pdfs: list[str]) -> list[str]:
    """Existing files only, and a name that starts with '-' is never an option."""
    from .errors import NewspageError

    out = []
    for name in pdfs:
        if not Path(name).is_file():
            raise NewspageError(f"{name}: no such file")
        out.append(str(Path(name).absolute()) if name.startswith("-") else name)
    return out


def _say(line: str) -> None:
    """One line on stderr, whatever the file names in it (undecodable bytes escaped)."""
    text = " ".join(line.split("\n")).encode("utf-8", "backslashreplace").decode("utf-8")
    print(text, file=sys.stderr)


def _status(layouts) -> int:
    bad = any(a.overset_chars for lay in layouts for a in lay.articles)
    bad |= any(d.severity == "error" for lay in layouts for d in lay.diagnostics)
    return 1 if bad else 0


def _run(args) -> int:
    if args.cmd in ("proof", "serve"):
        from .proof.cli import run as run_proof_tools

        return run_proof_tools(args)
    if args.cmd == "preflight":
        from .preflight import run as run_preflight

        return run_preflight(_pdf_args(args.pdfs), args.format)
    from .progress import Progress

    if args.cmd == "build":
        _check_source_date_epoch()
    edition = Path(args.edition)
    bar = Progress.for_terminal() if args.cmd == "build" else None
    name = edition.resolve().name
    if args.cmd == "build":
        return _build(args, edition, name, bar)
    from .pipeline import lay_out

    run = lay_out(edition, progress=bar, memo=args.cmd == "check")
    if args.cmd == "check":
        from . import report

        if args.format == "json":
            print(report.format_json(run.pages, name))
        elif args.format == "junit":
            print(report.format_junit(run.pages, name))
        else:
            print(report.format_text(run.pages, verbose=args.verbose, edition=run.edition))
        return _status(run.pages)
    return _fonts(run)


def _build(args, edition: Path, name: str, bar) -> int:
    from . import outdir, report
    from .pipeline import build

    out = Path(args.out) if args.out else Path("output") / name
    if args.name:
        from .errors import NewspageError
        from .press import check_pattern

        try:
            check_pattern(args.name, "--name")
        except ValueError as exc:
            raise NewspageError(str(exc)) from None
    outdir.prepare(out)
    outdir.remove_leftovers(out)
    from .fonts import cache_dir

    for folder in ("reportlab", "fonts", "faces"):  # a build killed while filling the cache
        outdir.remove_leftovers(cache_dir() / folder)
    try:
        with bar:
            built = build(
                edition,
                out,
                combined=args.combined,
                force=args.force,
                pattern=args.name,
                progress=bar,
                preflight=not args.no_preflight,
                ink="render" if args.ink_render else "prove",
            )
    except OSError as exc:
        raise outdir.OutputError(outdir.describe(exc, out)) from None
    pages = built.run.pages
    outdir.write_atomic(out / "report.json", report.format_json(pages, name) + "\n")
    outdir.remove_stale(out, built.paths, str(edition.resolve()))
    print(report.format_text(pages))
    for path in built.paths:
        print(f"wrote {path}")
    status = _status(pages)
    if built.findings:
        from .preflight import format_findings

        print(format_findings(built.findings))
        if any(f.severity == "error" for fs in built.findings.values() for f in fs):
            status = 1
    return status


def _fonts(run) -> int:
    from .fallback import fallbacks_used

    fonts = run.fonts
    for ref in run.style.fonts():
        face = fonts.face(*ref)
        print(f"{ref[0]}/{ref[1]}: {face.family}  {face.source}  (embeds {face.pdf_file.name})")
        chain = getattr(fonts, "chain", lambda r: (r,))(ref)[1:]
        if chain:
            print("    falls back to: " + ", ".join(f"{r}/{w}" for r, w in chain))
    for ref, why in getattr(fonts, "unavailable", {}).items():
        print(f"fallback {ref[0]}/{ref[1]} not installed: {why}")
    missing = 0
    for lay in run.pages:
        for art, role, ch, key in fallbacks_used(lay.display):
            print(
                f"page {lay.page.number}: {art}: {role}: '{ch}' (U+{ord(ch):04X})"
                f" set in fallback {key}"
            )
        for d in lay.diagnostics:
            if "missing from the font" in d.message:
                missing += 1
                print(f"page {lay.page.number}: {d.article}: {d.message}")
    print("all characters covered" if not missing else f"{missing} missing character(s)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
