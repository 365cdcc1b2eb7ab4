"""fillers/: the house items an edition keeps for the hole a short page's copy
leaves (a notice inviting readers' letters, a hotline, a public-service
picture).

- `*.md`: a boxed notice, a front matter with its `headline:` and the text
  as paragraphs (no subheads);
- `*.pdf`, `*.png`, `*.jpg`, `*.jpeg`, `*.tif`, `*.tiff`: a picture, placed
  whole (a PDF's first page as a form, as an ad's file).

Hidden files are skipped; anything else in the folder is an error naming it,
as is a bad front matter or a file that cannot be read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import ContentError
from ..model import Filler
from .article import FRONT_MATTER_FIRST_LINE, front_matter_end
from .body import parse_body
from .fields import as_map, compose, text_field
from .files import read_text

FILLERS_DIR = "fillers"
TEXT_KEYS = ("headline",)
PICTURES = {
    ".pdf": "pdf",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}


def read_fillers(root: Path) -> tuple[Filler, ...]:
    """The edition's fillers in file-name order; none without a fillers/ folder."""
    folder = root / FILLERS_DIR
    if not folder.is_dir():
        return ()
    out = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith("."):
            continue
        suffix = path.suffix.lower()
        if suffix in (".md", ".markdown") and path.is_file():
            out.append(_text(path))
        elif suffix in PICTURES and path.is_file():
            out.append(_picture(root, path, PICTURES[suffix]))
        else:
            known = ", ".join(["*.md", *(f"*{s}" for s in PICTURES)])
            raise ContentError(path, f"not a filler: {FILLERS_DIR}/ holds {known}")
    return tuple(out)


def _text(path: Path) -> Filler:
    text = read_text(path)
    lines = text.split("\n")
    end = front_matter_end(path, lines)
    node = compose(path, "\n".join(lines[1:end]), FRONT_MATTER_FIRST_LINE)
    m = as_map(path, node, FRONT_MATTER_FIRST_LINE, TEXT_KEYS, "the front matter")
    headline = text_field(m, "headline", required=True, hint="a filler's box has a title")
    blocks = parse_body(path, lines, end + 1)
    other = next((b for b in blocks if b.kind != "para"), None)
    if other is not None:
        raise ContentError(
            path, "a filler's text is paragraphs only", field="body", line=other.line
        )
    if not blocks:
        raise ContentError(path, "the filler has no text after its front matter", field="body")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Filler(path.stem, path, "text", digest, headline, blocks)


def _picture(root: Path, path: Path, kind: str) -> Filler:
    from ..photo.source import ImageFileError, open_image, resolve_inside

    name = f"{FILLERS_DIR}/{path.name}"
    try:
        real = resolve_inside(root, name)
    except ImageFileError as exc:
        raise ContentError(path, str(exc).replace("image file", "filler")) from None
    data = real.read_bytes()
    if kind == "pdf":
        size = _pdf_size(real, data)
    else:
        try:
            with open_image(data, name) as im:
                size = (float(im.width), float(im.height))
        except ImageFileError as exc:
            raise ContentError(path, str(exc)) from None
    digest = hashlib.sha256(data).hexdigest()
    return Filler(path.stem, real, kind, digest, size=size)  # type: ignore[arg-type]


def _pdf_size(path: Path, data: bytes) -> tuple[float, float]:
    """The first page's size (its MediaBox), for the picture's aspect."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            if not pdf.pages:
                raise ContentError(path, "the PDF has no page")
            box = [float(v) for v in pdf.pages[0].mediabox]
    except pikepdf.PdfError as exc:
        raise ContentError(path, f"not a PDF that can be read ({exc})") from None
    return (abs(box[2] - box[0]), abs(box[3] - box[1]))
