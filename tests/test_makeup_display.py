"""The make-up's output: a display list render reads alone, module kinds as types.

The display list of the sample page is pickled and read back in a fresh
object graph with no style and no font set; render draws it, and the PDF's
text (read with pdfplumber) is the page's text, glyph for glyph, at the
positions the display list gives.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections import Counter
from pathlib import Path

import pytest
from pdfcheck import page_chars

from layout.makeup import DisplayList, FaceRef, GlyphRun, PageLayout
from layout.makeup.briefs import BriefBlock
from layout.makeup.module import Module
from layout.makeup.page import build_modules
from layout.makeup.story import Story
from layout.pipeline import lay_out
from layout.style import Style

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample():
    return lay_out(ROOT / "content" / "sample")


def _objects(obj, seen=None):
    """Every object reachable from a dataclass graph (fields, tuples, lists)."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    yield obj
    children = []
    if hasattr(obj, "__dataclass_fields__"):
        children = [getattr(obj, f) for f in obj.__dataclass_fields__]
    elif isinstance(obj, (list, tuple)):
        children = list(obj)
    for c in children:
        yield from _objects(c, seen)


def test_display_list_holds_no_style_and_no_font_set(sample):
    layout: PageLayout = sample.pages[0]
    kinds = {type(o).__name__ for o in _objects(layout.display)}
    assert not any(isinstance(o, Style) for o in _objects(layout.display))
    assert "FontSet" not in kinds and "Face" not in kinds and "Metrics" not in kinds
    faces = layout.display.faces()
    assert all(isinstance(f, FaceRef) and f.pdf_file.exists() for f in faces)
    # the report's data is another object: nothing of it in the display list
    assert "ArticleReport" not in kinds and "Placement" not in kinds


def test_render_draws_the_display_list_alone(sample, tmp_path):
    from layout.render import render_page

    display: DisplayList = pickle.loads(pickle.dumps(sample.pages[0].display))
    out = tmp_path / "page.pdf"
    created = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    render_page(display, None, out, title="t", created=created, slug_text="slug")
    chars = page_chars(out)
    want = Counter(g.ch for r in display.runs for g in r.glyphs if not g.ch.isspace())
    got = Counter(c["text"] for c in chars if not c["text"].isspace())
    assert got == want
    # a body run's first glyph is where the display list puts it
    run: GlyphRun = next(r for r in display.runs if r.role == "body")
    off = display.sheet.bleed + display.sheet.slug
    x = off + run.x + run.glyphs[0].x * run.size
    near = [c for c in chars if c["text"] == run.glyphs[0].ch and abs(c["x0"] - x) < 0.05]
    assert near, (run.glyphs[0].ch, x)


def test_segments_cover_every_glyph_once(sample):
    for run in sample.pages[0].display.runs:
        covered = [i for s in run.segments for i in range(s.start, s.end)]
        assert covered == list(range(len(run.glyphs)))


def test_module_kinds_are_types(sample):
    run = sample
    page = run.edition.pages[0]
    mods = build_modules(run.edition, page, run.fonts, run.style)
    assert all(isinstance(m, Module) for m in mods)
    assert [type(m) for m in mods].count(BriefBlock) == 1
    stories = [m for m in mods if isinstance(m, Story)]
    assert stories and all(m.has_head for m in stories)
    # each kind measures itself: options at a span, shallow first
    for m in mods:
        spans = [s for s in range(1, run.style.columns + 1) if m.options(s)]
        assert spans
        opts = m.options(spans[0])
        assert [o.depth for o in opts] == sorted(o.depth for o in opts)
    # the report names every article of the page once
    ids = [a.id for a in sample.pages[0].articles]
    assert sorted(ids) == sorted(a.id for a in run.edition.articles_for(page))
