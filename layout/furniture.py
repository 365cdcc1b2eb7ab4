"""edition.yaml's page furniture: the front page's `masthead:` and the `ads:`.

Read by `layout.content` (one call from `_read_edition_file`) with its typed
field readers, so a bad field is a ContentError naming the file, the field
(`masthead.cn`, `ads[2].lines`) and its line. The make-up reserves the ads'
rectangles and the masthead's band before it places a page's articles
(layout/makeup/reserve.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ContentError
from .model import Ad, Edition, Masthead, PageSpec

MASTHEAD_KEYS = ("name", "cn", "postal_code", "total_issue", "publisher", "website")
MASTHEAD_KEYS += ("weather", "lunar")
AD_KEYS = ("page", "columns", "lines", "position", "file")
POSITIONS = ("bottom", "top")
AD_SUFFIXES = {".pdf": "pdf", ".jpg": "image", ".jpeg": "image", ".png": "image"}
AD_SUFFIXES |= {".tif": "image", ".tiff": "image"}
MAX_TOTAL_ISSUE = 999_999
MAX_AD_LINES = 500  # more than any style's grid; the make-up checks the page's own


def read_masthead(m, paper: str) -> Masthead | None:
    """`masthead:` of edition.yaml (`m` is its top-level `Map`), or None."""
    from .content.fields import as_map, flag_field, int_field, text_field

    if not m.has("masthead"):
        return None
    node = m.values["masthead"]
    if isinstance(node, ScalarNode) and m.value("masthead") is None:
        raise m.error("masthead", "'masthead' is empty", "give at least its name: name: 样张时报")
    mm = as_map(m.path, node, 1, MASTHEAD_KEYS, "masthead", prefix="masthead.")
    return Masthead(
        name=text_field(mm, "name") or paper,
        cn=_cn(mm),
        postal_code=text_field(mm, "postal_code"),
        total_issue=int_field(mm, "total_issue", most=MAX_TOTAL_ISSUE),
        publisher=text_field(mm, "publisher"),
        website=text_field(mm, "website"),
        weather=text_field(mm, "weather"),
        lunar=flag_field(mm, "lunar", default=False),
    )


def _cn(mm) -> str | None:
    """国内统一连续出版物号: CN 33-0001 (two digits, a hyphen, four digits, an optional
    classification /X); written without 'CN ' it is added."""
    import re

    from .content.fields import text_field

    text = text_field(mm, "cn")
    if text is None:
        return None
    bare = re.sub(r"^CN\s*", "", text, flags=re.IGNORECASE)
    if not re.fullmatch(r"\d{2}-\d{4}(/[A-Z0-9.]+)?", bare):
        raise mm.error(
            "cn",
            f"is not a CN number: {text!r}",
            "CN, two digits, a hyphen, four digits: CN 33-0001",
        )
    return f"CN {bare}"


def read_ads(m, root: Path, pages: tuple[PageSpec, ...]) -> tuple[Ad, ...]:
    """`ads:` of edition.yaml: each entry checked, its file resolved and hashed."""
    from .content.fields import node_kind

    if not m.has("ads") or (isinstance(m.values["ads"], ScalarNode) and m.value("ads") is None):
        return ()
    node = m.values["ads"]
    if not isinstance(node, SequenceNode):
        raise m.error(
            "ads", f"must be a list of ads, not {node_kind(node)}", "ads: - page: 2 / columns: 6 …"
        )
    return tuple(_ad(m.path, item, i, root, pages) for i, item in enumerate(node.value, 1))


def _ad(path: Path, node: Node, index: int, root: Path, pages: tuple[PageSpec, ...]) -> Ad:
    from .content.fields import as_map, int_field, line_of, text_field

    a = as_map(path, node, 1, AD_KEYS, f"ad {index}", prefix=f"ads[{index}].")
    line = line_of(node, 1) if isinstance(node, MappingNode) else None
    number = int_field(a, "page", required=True) or 0
    numbers = [p.number for p in pages]
    if number not in numbers:
        listed = ", ".join(str(n) for n in numbers)
        raise a.error("page", f"the edition has no page {number} (its pages: {listed})")
    columns = int_field(a, "columns", required=True, most=99) or 0
    lines = int_field(a, "lines", required=True, most=MAX_AD_LINES) or 0
    position = text_field(a, "position") or "bottom"
    if position not in POSITIONS:
        raise a.error("position", f"must be bottom or top, not {position!r}")
    name = text_field(a, "file")
    file, digest, kind = None, None, None
    if name is not None:
        file, digest, kind = _ad_file(a, root, name)
    return Ad(
        page=number,
        columns=columns,
        lines=lines,
        position=position,  # type: ignore[arg-type]
        file=file,
        name=name,
        sha256=digest,
        kind=kind,  # type: ignore[arg-type]
        index=index,
        line=line,
    )


def _ad_file(a, root: Path, name: str) -> tuple[Path, str, str]:
    """The ad's file: inside the edition folder, a PDF of one page or more, or an
    image Pillow reads; its SHA-256 keys the page cache."""
    from .photo.source import ImageFileError, open_image, resolve_inside

    try:
        path = resolve_inside(root, name)
    except ImageFileError as exc:
        raise a.error("file", str(exc).replace("image file", "ad file")) from None
    kind = AD_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(AD_SUFFIXES))
        raise a.error("file", f"{name}: an ad is a PDF or an image ({known})")
    data = path.read_bytes()
    if kind == "pdf":
        import pikepdf

        try:
            with pikepdf.open(path) as pdf:
                if not pdf.pages:
                    raise a.error("file", f"{name}: the PDF has no page")
        except pikepdf.PdfError as exc:
            raise a.error("file", f"{name}: not a PDF that can be read ({exc})") from None
    else:
        try:
            open_image(data, name)
        except ImageFileError as exc:
            raise a.error("file", str(exc)) from None
    return path, hashlib.sha256(data).hexdigest(), kind


def check_ads(ads: tuple[Ad, ...], path: Path, columns: int, most: int) -> None:
    """Ads that the page's grid cannot hold: wider than its columns, or deeper than
    `most` lines (what leaves the stories a column of the style's least depth).
    A ContentError naming the entry (the make-up calls it: it knows the grid)."""
    for ad in ads:
        field = f"ads[{ad.index}]"
        if ad.columns > columns:
            raise ContentError(
                path,
                f"the ad is {ad.columns} columns wide; page {ad.page} has {columns}",
                field=f"{field}.columns",
                line=ad.line,
            )
        if ad.lines > most:
            raise ContentError(
                path,
                f"the ad is {ad.lines} lines deep; page {ad.page} leaves its stories too "
                "little room beside it",
                field=f"{field}.lines",
                line=ad.line,
                hint=f"at most {most} lines on this page",
            )


def cache_key(edition, page: PageSpec) -> str:
    """What of the furniture a page is made of (layout.buildcache): the masthead,
    the page's ads (their files by hash) and, for a page with a 导读 box, the
    other pages' leads it lists, and the edition's fillers (a page with a hole
    may take one)."""
    index = index_entries(edition, page) if page.index else []
    pages = len(edition.pages) if edition.masthead is not None else 0  # 版数 on page 1
    return repr((edition.masthead, pages, edition.ads_on(page), index, edition.fillers))


def index_entries(edition: Edition, page: PageSpec) -> list[tuple[str, str]]:
    """(第N版 page name, lead headline) of every other page that has a lead story.

    The lead is the section's most important story; a section made up over
    several pages (the edition pass shares it out after this page is made) is
    listed once, at its first page."""
    out = []
    seen = {page.section}  # a section on several pages: its lead, on its first page
    for other in sorted(edition.pages, key=lambda p: p.number):
        if other.number == page.number or other.section in seen:
            continue
        seen.add(other.section)
        leads = [a for a in edition.articles_for(other) if a.kind in ("story", "photo")]
        if leads:
            out.append((f"第{other.number}版 {other.name}", leads[0].headline))
    return out
