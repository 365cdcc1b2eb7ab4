"""Effective resolution of a photo at its printed size: the editor's warning and error.

Below `WARN_PPI` a photo prints soft (warning); below `ERROR_PPI` it prints visibly
blocky and the page is not ready for print (error, exit 1). The message names the
article and the image file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

WARN_PPI = 200.0
ERROR_PPI = 120.0


@dataclass(frozen=True)
class ResolutionIssue:
    severity: Literal["warning", "error"]
    article: str
    message: str


def check_resolution(
    article: str, image_name: str, ppi: float, w_pt: float, h_pt: float
) -> ResolutionIssue | None:
    """None when `ppi` is enough; else a warning (< 200) or an error (< 120)."""
    if ppi >= WARN_PPI:
        return None
    size = f"{w_pt / 72 * 25.4:.0f} × {h_pt / 72 * 25.4:.0f} mm"
    if ppi < ERROR_PPI:
        return ResolutionIssue(
            "error",
            article,
            f"photo {image_name} has {ppi:.0f} ppi at {size}, below {ERROR_PPI:.0f} ppi: "
            "it would print blocky; use a larger image or set it smaller",
        )
    return ResolutionIssue(
        "warning",
        article,
        f"photo {image_name} has {ppi:.0f} ppi at {size}, below {WARN_PPI:.0f} ppi: "
        "it will print soft",
    )
