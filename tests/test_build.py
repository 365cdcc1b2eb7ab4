"""End to end: build the sample edition, read the PDF back, check it as a printer would.

The PDF is read with pdfplumber (not with our own model): every character of
the content is on the page, no line breaks against the 禁则, no two glyphs
overlap, every font is embedded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from layout import cjk
from layout.content import load_edition

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"
AUDIT = ROOT.parent / "shared" / "audit" / "audit.py"


@pytest.fixture(scope="session")
def chars(built):
    import pdfplumber

    with pdfplumber.open(built / "page-03.pdf") as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        trim = page.trimbox
        inside = [
            c
            for c in page.chars
            if trim[0] <= c["x0"] and c["x1"] <= trim[2] and trim[1] <= c["top"] <= trim[3]
        ]
        return inside


def content_chars() -> Counter:
    edition = load_edition(SAMPLE)
    text = []
    for a in edition.articles:
        for field in (a.kicker, a.headline, a.subtitle, a.byline, a.place):
            if field:
                text.append(field)
        text.extend(b.text for b in a.blocks)
    return Counter(ch for ch in "".join(text) if not ch.isspace())


def test_outputs_written(built):
    assert (built / "page-03.pdf").stat().st_size > 10_000
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    assert report["ok"] is True
    ids = {a["id"] for p in report["pages"] for a in p["articles"]}
    assert {"01-hengshan", "02-xiaoge-yizhan", "03-dongzhou-zuofeng", "04-yinhu"} <= ids
    assert not list(built.glob(".*tmp")), "temporary files left behind"


def test_every_character_on_the_page(chars):
    on_page = Counter(c["text"] for c in chars)
    missing = content_chars() - on_page
    assert not missing, f"characters missing from the page: {dict(missing)}"


def _lines(chars):
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


def test_no_line_breaks_against_the_rules(chars):
    bad = []
    for line in _lines(chars):
        text = "".join(c["text"] for c in line)
        if text[0] in cjk.NO_LINE_START:
            bad.append(("starts", text))
        if text[-1] in cjk.NO_LINE_END:
            bad.append(("ends", text))
        for pair in ("——", "……"):
            if text.startswith(pair[0]) and not text.startswith(pair):
                bad.append(("split pair", text))
    assert not bad, bad[:10]


def _ink_box(c):
    """The half of a full-width mark that holds its ink; other glyphs whole."""
    x0, x1 = c["x0"], c["x1"]
    w = x1 - x0
    if c["text"] in cjk.PAUSE_STOP + cjk.CLOSING and w > 0.8 * c["size"]:
        x1 = x0 + w / 2
    elif c["text"] in cjk.OPENING and w > 0.8 * c["size"]:
        x0 = x1 - w / 2
    return x0, c["top"], x1, c["bottom"]


def test_no_two_glyphs_overlap(chars):
    boxes = [_ink_box(c) for c in chars if not c["text"].isspace()]
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
    examples = [(chars[i]["text"], chars[j]["text"], round(chars[i]["top"])) for i, j in hits]
    assert not hits, examples[:10]


def test_all_fonts_embedded(built):
    out = subprocess.run(
        ["pdffonts", str(built / "page-03.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    for row in out:
        cols = row.split()
        emb, sub, uni = cols[-5], cols[-4], cols[-3]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_text_is_k_only(chars):
    for c in chars:
        assert tuple(c["non_stroking_color"]) == (0.0, 0.0, 0.0, 1.0), c["text"]


@pytest.mark.skipif(not AUDIT.is_file(), reason="shared auditor not beside the repo")
def test_independent_auditor(built):
    res = subprocess.run(
        [
            sys.executable,
            str(AUDIT),
            str(built / "page-03.pdf"),
            "--content",
            str(SAMPLE),
            "--no-colour",
            "--json",
        ],
        capture_output=True,
        text=True,
    )
    assert res.returncode in (0, 1), res.stderr
    data = json.loads(res.stdout)
    text = json.dumps(data, ensure_ascii=False)
    assert res.returncode == 0, text[:3000]
