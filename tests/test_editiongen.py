"""The edition generator (tests/editiongen.py): deterministic, valid, the copy it was asked for.

Editions are read back with the real loader (layout.content.load_edition) and
their copy counted with the model's own Article.text_chars, not the generator's.
"""

from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path

import pytest

from layout.content import load_edition
from layout.punctuation import normalize
from tests.editiongen import (
    FILLS,
    EditionSpec,
    generate,
    page_capacity,
)
from tests.editiongen_corpus import (
    has_date,
    has_digit,
    has_quote,
    is_sentence,
    load_corpus,
    split_sentences,
    title_phrases,
)

STYLES = ("tabloid", "broadsheet")


def _files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


@pytest.mark.slow  # runs `layout check`
@pytest.mark.parametrize("style", STYLES)
def test_capacity_is_the_grid_the_layout_reports(tmp_path: Path, style: str, capsys) -> None:
    from layout.cli import main

    made = generate(EditionSpec(seed=2, fills=(0.5,), style=style, articles=3), tmp_path / "ed")
    code = main(["check", str(made.root), "--format", "json"])  # in process: not a CLI test
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    grid = json.loads(out)["pages"][0]["grid"]
    cap = page_capacity(style)
    assert (cap.columns, cap.lines, cap.chars_per_column) == (
        grid["columns"],
        grid["lines"],
        grid["chars_per_column"],
    )
    assert cap.copy_chars == round(0.78 * cap.columns * cap.lines * cap.chars_per_column)


def test_same_seed_same_files(tmp_path: Path) -> None:
    spec = EditionSpec(seed=11, fills=(0.5, 1.3), style="broadsheet", long_story=True)
    a = generate(spec, tmp_path / "a").root
    b = generate(spec, tmp_path / "b").root
    assert _files(a) == _files(b)
    match, mismatch, errors = filecmp.cmpfiles(a, b, [str(p) for p in _files(a)], shallow=False)
    assert not mismatch and not errors and len(match) == len(_files(a))
    c = generate(EditionSpec(seed=12, fills=(0.5, 1.3), style="broadsheet"), tmp_path / "c").root
    texts = {p.read_text(encoding="utf-8") for p in (c / "articles").glob("*.md")}
    assert not texts & {p.read_text(encoding="utf-8") for p in (a / "articles").glob("*.md")}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_loader_accepts_and_copy_is_on_target(tmp_path: Path, style: str, seed: int) -> None:
    made = generate(EditionSpec(seed=seed, fills=FILLS, style=style), tmp_path / "ed")
    edition = load_edition(made.root)
    assert edition.style == style
    assert len(edition.pages) == len(FILLS)
    cap = page_capacity(style).copy_chars
    for page, fill in zip(edition.pages, FILLS, strict=True):
        arts = edition.articles_for(page)
        assert 3 <= len(arts) <= 18
        copy = sum(a.text_chars for a in arts)
        assert abs(copy - fill * cap) <= 0.1 * fill * cap, (page.number, copy, fill * cap)
        stories = [a for a in arts if a.kind == "story"]
        assert stories and stories[0].priority == 1
        for a in arts:
            assert 4 <= len("".join(a.headline.split())) <= 30, a.headline


@pytest.mark.parametrize("count", [3, 9, 18])
def test_article_count_asked_for(tmp_path: Path, count: int) -> None:
    made = generate(EditionSpec(seed=5, fills=(1.0, 0.5), articles=count), tmp_path / "ed")
    edition = load_edition(made.root)
    for page in edition.pages:
        arts = edition.articles_for(page)
        assert len(arts) == count
        if count >= 4:
            assert any(a.kind == "brief" for a in arts)


def test_titles_in_plausible_proportions(tmp_path: Path) -> None:
    spec = EditionSpec(seed=9, fills=FILLS * 2, style="broadsheet", articles=(12, 18, 8))
    edition = load_edition(generate(spec, tmp_path / "ed").root)
    stories = [a for a in edition.articles if a.kind == "story"]
    briefs = [a for a in edition.articles if a.kind == "brief"]
    assert len(stories) >= 60 and len(briefs) >= 12
    share = {
        key: sum(getattr(a, key) is not None for a in stories) / len(stories)
        for key in ("kicker", "subtitle", "byline")
    }
    assert 0.2 <= share["kicker"] <= 0.6
    assert 0.03 <= share["subtitle"] <= 0.35
    assert 0.7 <= share["byline"] <= 0.97
    with_subheads = [a for a in stories if any(b.kind == "subhead" for b in a.blocks)]
    assert 0.1 <= len(with_subheads) / len(stories) <= 0.6
    assert all(a.place and a.blocks[0].text.startswith("本报讯") for a in briefs)
    lengths = {len("".join(a.headline.split())) for a in edition.articles}
    assert min(lengths) <= 8 and max(lengths) >= 18


def test_copy_is_the_corpus_recombined(tmp_path: Path) -> None:
    corpus = set(load_corpus().sentences()) | {s for r in load_corpus().brief_runs for s in r}
    # (the edition loads with its half-width marks made full width, GB/T 15834)
    corpus |= {normalize(s)[0] for s in corpus}
    made = generate(EditionSpec(seed=4, fills=(1.15,)), tmp_path / "ed")
    edition = load_edition(made.root)
    paras = [b.text for a in edition.articles for b in a.blocks if b.kind == "para"]
    sentences = [s for p in paras for s in split_sentences(p)]
    assert all(is_sentence(s) for s in sentences)
    assert all(s in corpus for s in sentences)
    text = "".join(paras)
    assert re.search(r"[A-Za-z]", text) and re.search(r"\d", text)
    assert has_date(text) and "“" in text
    stories = [a for a in edition.articles if a.kind == "story" and a.text_chars >= 500]
    for a in stories:  # each story of some length has figures, a date and a quotation
        body = "".join(b.text for b in a.blocks)
        assert has_digit(body) and has_date(body) and has_quote(body), a.id


def test_traditional(tmp_path: Path) -> None:
    made = generate(EditionSpec(seed=6, fills=(0.85,), traditional=True), tmp_path / "ed")
    edition = load_edition(made.root)
    text = "".join(b.text for a in edition.articles for b in a.blocks)
    assert "「" in text and "“" not in text
    simplified = set("这们说发时国会对过还进个样来长为")
    assert not simplified & set(text)
    assert set("這們說發時國會對過還進個樣來長為") & set(text)


def test_long_story_is_not_the_lead(tmp_path: Path) -> None:
    made = generate(EditionSpec(seed=8, fills=(1.0, 1.3), long_story=True), tmp_path / "ed")
    edition = load_edition(made.root)
    for page in edition.pages:
        stories = [a for a in edition.articles_for(page) if a.kind == "story"]
        total = sum(a.text_chars for a in edition.articles_for(page))
        longest = max(stories, key=lambda a: a.text_chars)
        assert longest.priority != 1
        assert longest.text_chars >= 0.45 * total


def test_titles_do_not_repeat_on_a_page(tmp_path: Path) -> None:
    spec = EditionSpec(seed=10, fills=FILLS, style="broadsheet", articles=18)
    edition = load_edition(generate(spec, tmp_path / "ed").root)
    for page in edition.pages:
        titles = [
            t.lstrip("—")
            for a in edition.articles_for(page)
            for t in (a.headline, a.kicker, a.subtitle)
            if t
        ]
        phrases = [p for t in titles for p in title_phrases(t)]
        assert len(phrases) == len(set(phrases)), page.number
