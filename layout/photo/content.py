"""`images:` in an article's front matter → `model.ImageRef`, every file checked.

    images:
      - file: images/tide.jpg   # relative to the edition folder: JPEG, PNG or TIFF
        caption: 9月18日，游客在江边观潮。
        credit: 记者 某某 摄
        focus: [0.5, 0.35]      # optional: x, y in 0–1 of the image
        min_columns: 2          # optional

A missing, unreadable or outside-the-edition file is a ContentError naming the
article file, the field (`images[2].file`), its line and the image file (exit 2).
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..content.fields import Map, as_map, describe, int_field, line_of, node_kind, text_field
from ..errors import ContentError
from ..model import ImageRef
from .source import ImageFileError, read_source, resolve_inside

IMAGE_KEYS = ("file", "caption", "credit", "focus", "min_columns")
_HINT = "images: a list of '- file: images/x.jpg' entries with caption, credit, focus"


def read_images(m: Map, root: Path, *, picture_story: bool = False) -> tuple[ImageRef, ...]:
    """The article's images; a picture story (kind: photo) must have at least one."""
    node = m.values.get("images")
    if node is None or (isinstance(node, ScalarNode) and m.value("images") is None):
        if picture_story:
            raise m.error(
                "images",
                "a picture story (kind: photo) needs its photos"
                + ("" if m.has("images") else ": missing 'images'"),
                hint=_HINT,
            )
        return ()
    if not isinstance(node, SequenceNode):
        raise m.error("images", f"must be a list of images, not {node_kind(node)}", _HINT)
    if not node.value and picture_story:
        raise m.error("images", "a picture story (kind: photo) needs its photos", _HINT)
    return tuple(_image(m, item, i, root) for i, item in enumerate(node.value, 1))


def _image(m: Map, node, index: int, root: Path) -> ImageRef:
    if isinstance(node, ScalarNode) and isinstance(node.value, str) and node.value.strip():
        # "- images/x.jpg": a bare file name is allowed
        node = MappingNode(
            "tag:yaml.org,2002:map",
            [(ScalarNode("tag:yaml.org,2002:str", "file", node.start_mark, node.end_mark), node)],
            node.start_mark,
            node.end_mark,
        )
    what = f"image {index}"
    im = as_map(m.path, node, m.first_line, IMAGE_KEYS, what, prefix=f"images[{index}].")
    name = text_field(im, "file", required=True, hint="the image's path, relative to the edition")
    name = name or ""
    try:
        path = resolve_inside(root, name)
        info = read_source(path, name)
    except ImageFileError as exc:
        raise ContentError(
            m.path,
            f"article '{m.path.stem}': {exc}",
            field=f"images[{index}].file",
            line=im.key_line("file"),
        ) from None
    return ImageRef(
        file=info.path,
        name=name,
        width_px=info.width_px,
        height_px=info.height_px,
        sha256=info.sha256,
        caption=text_field(im, "caption"),
        credit=text_field(im, "credit"),
        focus=_focus(im),
        min_columns=int_field(im, "min_columns") or 1,
        line=line_of(node, m.first_line),
    )


def _focus(im: Map) -> tuple[float, float]:
    value = im.value("focus")
    if value is None:
        return (0.5, 0.5)
    hint = "focus: [x, y], each from 0 (left/top) to 1 (right/bottom), e.g. [0.5, 0.35]"
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        raise im.error("focus", f"must be two numbers [x, y], not {describe(value)}", hint)
    x, y = float(value[0]), float(value[1])
    if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
        raise im.error("focus", f"must lie in 0–1, not [{x:g}, {y:g}]", hint)
    return (x, y)
