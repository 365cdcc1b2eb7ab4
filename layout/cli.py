"""Command line: newspage build | check | preflight | fonts.

Exit codes: 0 all good; 1 laid out but something needs an editor (overset,
missing glyph, preflight failure); 2 bad input or usage.
"""

from __future__ import annotations

import argparse
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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from .errors import NewspageError

    try:
        return _run(args)
    except NewspageError as exc:
        print(f"newspage: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


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

        return run_preflight(args.pdfs, args.format)
    from .pipeline import lay_out
    from .progress import Progress

    edition = Path(args.edition)
    bar = Progress.for_terminal() if args.cmd == "build" else None
    run = lay_out(edition, progress=bar)
    name = edition.resolve().name
    if args.cmd == "check":
        from . import report

        if args.format == "json":
            print(report.format_json(run.pages, name))
        elif args.format == "junit":
            print(report.format_junit(run.pages, name))
        else:
            print(report.format_text(run.pages, verbose=args.verbose))
        return _status(run.pages)
    if args.cmd == "fonts":
        return _fonts(run)
    # build
    from . import report
    from .pipeline import write_pdfs

    out = Path(args.out) if args.out else Path("output") / name
    with bar:
        paths = write_pdfs(run, out, combined=args.combined, progress=bar)
    (out / "report.json").write_text(report.format_json(run.pages, name) + "\n", encoding="utf-8")
    print(report.format_text(run.pages))
    for path in paths:
        print(f"wrote {path}")
    status = _status(run.pages)
    if not args.no_preflight:
        from .preflight import PreflightSettings
        from .preflight import run as run_preflight

        st = run.style
        settings = PreflightSettings(trim_size_pt=(st.trim_w, st.trim_h), bleed_pt=st.bleed)
        status = max(status, run_preflight([str(p) for p in paths], "text", settings))
    return status


def _fonts(run) -> int:
    missing = 0
    for ref in run.style.fonts():
        face = run.fonts.face(*ref)
        print(f"{ref[0]}/{ref[1]}: {face.family}  {face.source}  (embeds {face.pdf_file.name})")
    for lay in run.pages:
        for d in lay.diagnostics:
            if "missing from the font" in d.message:
                missing += 1
                print(f"page {lay.page.number}: {d.article}: {d.message}")
    print("all characters covered" if not missing else f"{missing} missing character(s)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
