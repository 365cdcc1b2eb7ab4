"""What kind of PDF object a value is: pikepdf's (a file read from disk) or
ours (`layout.pdfout.objects`: a page checked as it was written).

pikepdf is never imported here: a value can only be one of its objects when
it is already loaded.
"""

from __future__ import annotations

import sys
from typing import Any

from ..pdfout import objects as _ours


def _pk():
    return sys.modules.get("pikepdf")


def is_name(o: Any) -> bool:
    if isinstance(o, _ours.Name):
        return True
    pk = _pk()
    return pk is not None and isinstance(o, pk.Name)


def is_array(o: Any) -> bool:
    if isinstance(o, _ours.Array):
        return True
    pk = _pk()
    return pk is not None and isinstance(o, pk.Array)


def is_string(o: Any) -> bool:
    if isinstance(o, _ours.String):
        return True
    pk = _pk()
    return pk is not None and isinstance(o, pk.String)


def is_stream(o: Any) -> bool:
    if isinstance(o, _ours.Stream):
        return True
    pk = _pk()
    return pk is not None and isinstance(o, pk.Stream)


def is_dict(o: Any) -> bool:
    if isinstance(o, _ours.Dict):
        return not isinstance(o, _ours.Stream)
    pk = _pk()
    return pk is not None and isinstance(o, pk.Dictionary)


def is_inline_image(o: Any) -> bool:
    pk = _pk()
    return pk is not None and isinstance(o, pk.ContentStreamInlineImage)


def inline_image_type() -> type | None:
    """pikepdf's inline-image instruction type, or None when pikepdf is not loaded
    (then no instruction is one)."""
    pk = _pk()
    return None if pk is None else pk.ContentStreamInlineImage


def instructions(owner: Any) -> list:
    """The content of a page or stream as (operands, operator) instructions: as
    drawn for a page we wrote, else parsed by pikepdf."""
    recorded = getattr(owner, "instructions", None)
    if recorded is not None:
        return recorded
    if isinstance(owner, _ours.Stream):
        raise ValueError("a stream of a written page without its instructions")
    import pikepdf

    return pikepdf.parse_content_stream(owner)
