"""Reading our PDFs back with pdfplumber, independently of the layout model.

`open_pdf` is `pdfplumber.open` whose pages keep what pdfplumber read from
them (`page.objects`: chars, rects, lines, curves, images) under the hash of
the file's bytes and pdfplumber's version (`stable.memo`): the same bytes
read again, in this run or a later one, cost no parse. Everything else is
pdfplumber's own code on those objects (chars, extract_text, crop, ...).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import stable

from layout import cjk

PAGE3 = "富阳日报-2025-06-12-03.pdf"  # the sample page's file: paper-date-page (issue 14 item 14)


@contextmanager
def open_pdf(pdf_path: Path) -> Iterator:
    """`pdfplumber.open(pdf_path)`, its pages' objects read once per content."""
    import pdfminer
    import pdfplumber

    data = Path(pdf_path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    version = stable.versions(pdfplumber, pdfminer)

    def parts(i: int) -> list[str]:
        return ["pdfplumber page objects", version, digest, str(i)]

    with pdfplumber.open(pdf_path) as pdf:
        fresh = []
        for i, page in enumerate(pdf.pages):
            kept = stable.load(parts(i))
            if kept is stable.MISS:
                fresh.append((i, page))
            else:
                page._objects = kept
        yield pdf
        for i, page in fresh:
            if "_objects" in vars(page):  # read by the caller: keep it
                objects = {k: [_plain(o) for o in v] for k, v in page._objects.items()}
                stable.store(parts(i), objects)


def _plain(obj: dict) -> dict:
    """An object without its link into the open file (an image's stream)."""
    return {k: v for k, v in obj.items() if k != "stream"}


def page_chars(pdf_path: Path, page_no: int = 0) -> list[dict]:
    """Characters inside the TrimBox of one page."""
    with open_pdf(pdf_path) as pdf:
        page = pdf.pages[page_no]
        trim = page.trimbox
        return [
            c
            for c in page.chars
            if trim[0] <= c["x0"] and c["x1"] <= trim[2] and trim[1] <= c["top"] <= trim[3]
        ]


def article_chars(articles) -> Counter:
    """Non-space characters of the articles' printed fields, as a multiset."""
    text = []
    for a in articles:
        for field in (a.kicker, a.headline, a.subtitle, a.byline, a.place):
            if field:
                text.append(field)
        text.extend(b.text for b in a.blocks)
    return Counter(ch for ch in "".join(text) if not ch.isspace())


def lines(chars):
    """Rows of characters: same baseline and size, split at gaps of 1.5 em."""
    rows: dict[tuple, list] = {}
    for c in chars:
        rows.setdefault((round(c["bottom"], 1), round(c["size"], 1)), []).append(c)
    for (_, size), row in rows.items():
        row.sort(key=lambda c: c["x0"])
        piece = [row[0]]
        for prev, cur in zip(row, row[1:], strict=False):
            if cur["x0"] - prev["x1"] > 1.5 * size:
                yield piece
                piece = []
            piece.append(cur)
        yield piece


def rule_breaks(chars) -> list[tuple[str, str]]:
    """Lines that start or end against the 禁则, or split ——/……."""
    bad = []
    for line in lines(chars):
        text = "".join(c["text"] for c in line)
        if text[0] in cjk.NO_LINE_START:
            bad.append(("starts", text))
        if text[-1] in cjk.NO_LINE_END:
            bad.append(("ends", text))
        for pair in ("——", "……"):
            if text.startswith(pair[0]) and not text.startswith(pair):
                bad.append(("split pair", text))
    return bad


def _ink_box(c):
    """The half of a full-width mark that holds its ink; other glyphs whole."""
    x0, x1 = c["x0"], c["x1"]
    w = x1 - x0
    if c["text"] in cjk.PAUSE_STOP + cjk.CLOSING and w > 0.8 * c["size"]:
        x1 = x0 + w / 2
    elif c["text"] in cjk.OPENING and w > 0.8 * c["size"]:
        x0 = x1 - w / 2
    return x0, c["top"], x1, c["bottom"]


def collisions(chars) -> list[tuple[str, str, int]]:
    """Pairs of glyphs whose ink boxes overlap by more than 15 % of the smaller."""
    chars = [c for c in chars if not c["text"].isspace()]
    boxes = [_ink_box(c) for c in chars]
    cells: dict[tuple[int, int], list[int]] = {}
    for i, (x0, t, x1, b) in enumerate(boxes):
        for gx in range(int(x0 // 20), int(x1 // 20) + 1):
            for gy in range(int(t // 20), int(b // 20) + 1):
                cells.setdefault((gx, gy), []).append(i)
    hits = set()
    for members in cells.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                i, j = members[a], members[b]
                p, q = boxes[i], boxes[j]
                w = min(p[2], q[2]) - max(p[0], q[0])
                h = min(p[3], q[3]) - max(p[1], q[1])
                if w <= 0 or h <= 0:
                    continue
                smaller = min((p[2] - p[0]) * (p[3] - p[1]), (q[2] - q[0]) * (q[3] - q[1]))
                if w * h > 0.15 * smaller:
                    hits.add((i, j))
    return [(chars[i]["text"], chars[j]["text"], round(chars[i]["top"])) for i, j in sorted(hits)]


def run_auditor(audit: Path, pdf: Path, *flags: str, content: Path | None = None):
    """`python3 audit.py PDF [--content DIR] FLAGS` (the shared, independent auditor)
    as a finished process (returncode, stdout, stderr), kept for the auditor's code,
    the PDF's bytes, the copy, the flags and the readers' and Ghostscript's
    versions (`stable.memo`)."""
    import subprocess
    import sys

    import pdfminer
    import pdfplumber
    import pikepdf

    args = [str(pdf), *(["--content", str(content)] if content else []), *flags]
    gs = subprocess.run(["gs", "--version"], capture_output=True, text=True).stdout.strip()
    parts = ["audit.py", stable.code_hash(*sorted(audit.parent.glob("*.py"))), sys.version]
    parts += [stable.versions(pdfplumber, pdfminer, pikepdf), f"gs={gs}", *flags]
    parts += [stable.file_hash(pdf), stable.tree_hash(content) if content else ""]

    def run() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(audit), *args], capture_output=True, text=True, timeout=900
        )

    return stable.memo(parts, run)
