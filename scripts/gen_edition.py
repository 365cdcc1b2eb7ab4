"""Write a generated edition folder: `python3 scripts/gen_edition.py OUT --seed 7 --fill 50 130`.

One page per --fill (percent of one page's copy capacity, see tests/editiongen.py
for the formula), 3–18 articles a page (--articles, default a seeded plausible
count), tabloid or broadsheet; --traditional sets it in 繁體, --long-story makes
one story (not the lead) take 55 % of its page's copy; --front makes the first
page a front page (masthead, 导读) and --ad COLUMNS LINES puts an ad at its foot;
--photos [SHARE] gives that share of the stories (default 0.5) a photo and some
pages a picture story (image files drawn under OUT/images/); --latin puts Latin
words, figures, units, dates, URLs and percentages through the copy.
Prints a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.editiongen import FILLS, MASTHEAD, EditionSpec, generate  # noqa: E402


def furnish(yaml: Path, first: int, front: bool, ad: list[int] | None) -> None:
    """The edition's first page made a front page (masthead and 导读) and/or
    given an ad of `ad` columns × lines at its foot."""
    text = yaml.read_text(encoding="utf-8")
    head = MASTHEAD if front else ""
    if ad:
        head += f"ads:\n  - page: {first}\n    columns: {ad[0]}\n    lines: {ad[1]}\n"
        head += "    position: bottom\n"
    text = text.replace("pages:\n", head + "pages:\n", 1)
    if front:
        text = text.replace(f"- number: {first}\n", f"- number: {first}\n  index: true\n", 1)
    yaml.write_text(text, encoding="utf-8")


def copy_args(ap: argparse.ArgumentParser) -> None:
    """The options of the copy itself (here and in quality.py)."""
    ap.add_argument("--traditional", action="store_true", help="繁體")
    ap.add_argument("--long-story", action="store_true", help="one very long story per page")
    ap.add_argument(
        "--photos",
        type=float,
        nargs="?",
        const=0.5,
        default=0.0,
        metavar="SHARE",
        help="share of stories with a photo (default 0.5), some pages a picture story",
    )
    ap.add_argument("--latin", action="store_true", help="Latin, figures, units, URLs in the copy")


def copy_spec(args: argparse.Namespace) -> dict:
    """EditionSpec fields of the options `copy_args` adds."""
    if not 0 <= args.photos <= 1:
        raise SystemExit(f"--photos takes a share between 0 and 1, not {args.photos}")
    return {
        "traditional": args.traditional,
        "long_story": args.long_story,
        "photos": args.photos,
        "latin": args.latin,
    }


def furniture_args(ap: argparse.ArgumentParser) -> None:
    """--front and --ad, the options `furnish` takes (here and in quality.py)."""
    ap.add_argument("--front", action="store_true", help="first page: masthead and 导读")
    ap.add_argument(
        "--ad",
        type=int,
        nargs=2,
        metavar=("COLUMNS", "LINES"),
        help="an ad at the first page's foot",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path, help="edition folder to write (created)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--fill",
        type=float,
        nargs="+",
        default=[f * 100 for f in FILLS],
        help="percent of one page's copy capacity, one page each (default: 50 70 85 100 115 130)",
    )
    ap.add_argument("--style", default="tabloid", help="tabloid or broadsheet")
    ap.add_argument("--articles", type=int, nargs="+", help="articles per page (3–18)")
    copy_args(ap)
    furniture_args(ap)
    args = ap.parse_args(argv)
    spec = EditionSpec(
        seed=args.seed,
        fills=tuple(f / 100 for f in args.fill),
        style=args.style,
        articles=tuple(args.articles) if args.articles else None,
        **copy_spec(args),
    )
    made = generate(spec, args.out)
    if args.front or args.ad:
        furnish(args.out / "edition.yaml", made.pages[0].number, args.front, args.ad)
    print(json.dumps(made.summary(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
