"""Reads an edition folder into `layout.model.Edition`.

An edition is `edition.yaml` plus `articles/*.md` (Markdown with a YAML front
matter), as described in the content format spec. The newsroom writes these
files by hand, so every mistake must come back as one `ContentError` that
names the file, the field and the line: an editor fixes it without reading a
traceback. Nothing else may escape `load_edition` for bad input.

    files.py         the folder, its article files and their text
    fields.py        YAML with line numbers; typed fields (text, numbers, dates, flags)
    edition_file.py  edition.yaml
    article.py       an article's front matter
    body.py          an article's body
    fillers.py       fillers/: house items for a short page's hole
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..model import Article, Edition
from ..punctuation import normalize_article
from .article import DEFAULT_PRIORITY, KINDS, read_article
from .edition_file import DEFAULT_BRIEFS_TITLE, DEFAULT_STYLE, check_style_name, read_edition_file
from .files import ARTICLES_DIR, EDITION_FILE, article_paths, check_folder, warn_on_stderr
from .fillers import read_fillers

__all__ = [
    "ARTICLES_DIR",
    "DEFAULT_BRIEFS_TITLE",
    "DEFAULT_PRIORITY",
    "DEFAULT_STYLE",
    "EDITION_FILE",
    "KINDS",
    "load_edition",
]


def load_edition(
    root: Path | str, warn: Callable[[str], None] | None = None, *, memo: bool = False
) -> Edition:
    """The edition in folder `root`; raises ContentError for any bad input.

    Files in articles/ that are not read (other types, subfolders) are named
    through `warn` (default: one line each on stderr). With `memo`, articles
    whose file is unchanged since the last reading come from the cache
    (`layout.content.memo`) instead of being read again.
    """
    root = Path(root)
    check_folder(root)
    head = read_edition_file(root / EDITION_FILE)
    check_style_name(root, head.style)
    paths = article_paths(root, warn or warn_on_stderr)
    if memo:
        articles = _read_with_memo(root, paths, head.pages, head.normalize_punctuation)
    else:
        articles = tuple(
            _read(p, i, head.pages, root, head.normalize_punctuation) for i, p in enumerate(paths)
        )
    return Edition(
        root=root,
        paper=head.paper,
        date=head.date,
        pages=head.pages,
        articles=articles,
        style=head.style,
        issue=head.issue,
        style_base=root,
        masthead=head.masthead,
        ads=head.ads,
        fillers=read_fillers(root),
    )


def _read(path: Path, order: int, pages: tuple, root: Path, normalize: bool) -> Article:
    article = read_article(path, order, pages, root)
    # GB/T 15834: full-width marks in Chinese copy
    return normalize_article(article) if normalize else article


def _read_with_memo(root: Path, paths: list[Path], pages: tuple, normalize: bool):
    from .memo import ArticleMemo

    memo = ArticleMemo(root, (pages, normalize))
    articles = []
    for i, path in enumerate(paths):
        key = memo.settled_key(path)
        if key is None:
            try:
                data = path.read_bytes()
            except OSError:  # read_article says why
                articles.append(_read(path, i, pages, root, normalize))
                continue
            key = memo.key(path, data)
        memo.seen(path, key)
        article = memo.get(key, i)
        if article is None:
            article = _read(path, i, pages, root, normalize)
            memo.put(key, article)
        articles.append(article)
    memo.save()
    return tuple(articles)
