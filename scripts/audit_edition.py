"""The auditor's multiset text check over a whole edition (jumps, sections on several pages).

`../shared/audit/audit.py` compares each PDF page with one edition page's
articles; a story that jumps (转版) is then "missing" on the page it leaves and
"extra" where it continues, and a section on two pages is counted twice. This
compares the edition's articles, each once, with every character inside the
TrimBoxes of a combined PDF, using the auditor's own reading (its content
loader, page model and NFKC normalisation):

    python3 scripts/audit_edition.py OUT/edition.pdf --content content/demo

prints `missing N, extra M` (furniture and the 下转/上接 marks and 续题 are
extra) and exits 1 when something is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path

AUDIT = Path(__file__).resolve().parents[2] / "shared" / "audit" / "audit.py"


def auditor(path: Path = AUDIT):
    spec = importlib.util.spec_from_file_location("newspage_audit", path)
    assert spec and spec.loader, f"cannot load the auditor at {path}"
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def edition_text(pdf: Path, content: Path, audit_path: Path = AUDIT) -> dict:
    """missing / extra characters of the edition as a whole."""
    import pdfplumber
    import pikepdf

    au = auditor(audit_path)
    s = au.default_settings()
    want: Counter = Counter()
    seen: set[str] = set()
    for page in au.load_content(str(content)):
        key = "|".join(page["section"])
        if key in seen:  # a section on several pages: its articles once
            continue
        seen.add(key)
        want.update(page["chars"])
    got: Counter = Counter()
    with pikepdf.open(pdf) as pk, pdfplumber.open(pdf) as pl:
        for pk_page, pl_page in zip(pk.pages, pl.pages, strict=True):
            _, trim = au.check_page_boxes(pk_page.obj)
            got.update(au.page_text(au.analyse_page(pl_page, trim, s)))
    missing = want - got
    return {
        "content_chars": sum(want.values()),
        "pdf_chars": sum(got.values()),
        "missing": sum(missing.values()),
        "extra": sum((got - want).values()),
        "missing_chars": "".join(ch * n for ch, n in missing.most_common()),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pdf", type=Path)
    ap.add_argument("--content", type=Path, required=True)
    args = ap.parse_args(argv)
    r = edition_text(args.pdf, args.content)
    print(
        f"edition text: content_chars {r['content_chars']}, pdf_chars {r['pdf_chars']}, "
        f"missing {r['missing']}, extra {r['extra']}"
    )
    if r["missing"]:
        print(f"missing: {r['missing_chars'][:200]}")
    return 1 if r["missing"] else 0


if __name__ == "__main__":
    sys.exit(main())
