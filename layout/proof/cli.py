"""The `proof` and `serve` subcommands (wired into layout.cli)."""

from __future__ import annotations

import sys
from pathlib import Path


def add_parsers(sub, default_edition: str) -> None:
    p = sub.add_parser("proof", help="editors' proofs: per page a PNG and a proof PDF")
    p.add_argument("edition", nargs="?", default=default_edition)
    p.add_argument("-o", "--out", help="output folder (default output/<edition name>/proof)")
    p.add_argument("--dpi", type=float, default=100.0, help="PNG resolution (default 100)")
    p.add_argument("--diff", metavar="OLD_DIR", help="box what changed against an earlier proof")
    s = sub.add_parser("serve", help="live preview in the browser (loopback only)")
    s.add_argument("edition", nargs="?", default=default_edition)
    s.add_argument("--port", type=int, default=8000)


def run(args) -> int:
    if args.cmd == "serve":
        from ..serve.app import serve

        return serve(Path(args.edition), port=args.port)
    from ..progress import Progress
    from .run import proof

    if not 20 <= args.dpi <= 1200:
        print("newspage: error: --dpi must be between 20 and 1200", file=sys.stderr)
        return 2
    if args.diff and not Path(args.diff).is_dir():
        print(f"newspage: error: --diff {args.diff}: no such proof folder", file=sys.stderr)
        return 2
    edition = Path(args.edition)
    out = Path(args.out) if args.out else Path("output") / edition.resolve().name / "proof"
    with Progress.for_terminal() as bar:
        result = proof(
            edition, out, dpi=args.dpi, diff=Path(args.diff) if args.diff else None, progress=bar
        )
    bad = 0
    for item in result.pages:
        pp = item.page
        marks = [p.label for p in pp.problems if p.kind in ("overset", "short", "hole", "loose")]
        shown = " ".join(marks) or "-"
        print(f"page {pp.number} {pp.name}: {len(pp.modules)} modules, marks: {shown}")
        bad += sum(1 for p in pp.problems if p.kind in ("overset", "error"))
        if item.changed is not None:
            print(f"  changed: {len(item.changed)} region(s) → {item.diff_png}")
        print(f"  wrote {item.pdf}\n  wrote {item.png}")
    return 1 if bad else 0
