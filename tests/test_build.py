"""End to end: build the sample edition, read the PDF back, check it as a printer would.

The PDF is read with pdfplumber (not with our own model): every character of
the content is on the page, no line breaks against the 禁则, no two glyphs
overlap, every font is embedded.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pdfcheck import PAGE3, article_chars, collisions, page_chars, rule_breaks, run_auditor

from layout.content import load_edition

# end-to-end: `pytest -m "not slow"` leaves these out of the quick loop
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"
AUDIT = ROOT.parent / "shared" / "audit" / "audit.py"


@pytest.fixture(scope="session")
def chars(built):
    return page_chars(built / PAGE3)


def content_chars() -> Counter:
    return article_chars(load_edition(SAMPLE).articles)


def test_outputs_written(built):
    assert (built / PAGE3).stat().st_size > 10_000
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    assert report["ok"] is True
    ids = {a["id"] for p in report["pages"] for a in p["articles"]}
    assert {"01-hengshan", "02-xiaoge-yizhan", "03-dongzhou-zuofeng", "04-yinhu"} <= ids
    assert not list(built.glob(".*tmp")), "temporary files left behind"


def test_every_character_on_the_page(chars):
    on_page = Counter(c["text"] for c in chars)
    missing = content_chars() - on_page
    assert not missing, f"characters missing from the page: {dict(missing)}"


def test_no_line_breaks_against_the_rules(chars):
    bad = rule_breaks(chars)
    assert not bad, bad[:10]


def test_no_two_glyphs_overlap(chars):
    hits = collisions(chars)
    assert not hits, hits[:10]


def test_all_fonts_embedded(built):
    out = subprocess.run(
        ["pdffonts", str(built / PAGE3)], capture_output=True, text=True, check=True
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
    res = run_auditor(AUDIT, built / PAGE3, "--no-colour", "--json", content=SAMPLE)
    assert res.returncode in (0, 1), res.stderr
    data = json.loads(res.stdout)
    text = json.dumps(data, ensure_ascii=False)
    assert res.returncode == 0, text[:3000]
