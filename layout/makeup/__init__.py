"""Page make-up: articles → modules on the grid → a display list and a report.

A page is a grid of `columns` × `lines` (grid lines of one pitch). Every
module (a story, the page's brief block; later photos, ads, fillers) is a
rectangle of whole columns × whole grid lines. Modules are types with one
interface (`module.Module`: measure at a span → options; place; draw); the
search (`search`) arranges them; `check` writes the report data. The
display list (`display`) is all render reads.

    modules:  module.py (interface), story.py, briefs.py, index.py (导读)
    furniture: reserve.py (the masthead band and the ads reserved first, the
              space left cut into areas), masthead.py, ads.py, header.py
    measure:  flow.py (columns), weights.py (costs)
    arrange:  search.py, page.py
    output:   paint.py → display.py; header.py; check.py → result.py
"""

from ..lazy import lazy_exports
from .display import Box, DisplayList, FaceRef, GlyphRun, Image, Rule, Segment, Sheet
from .result import ArticleReport, Diagnostic, Grid, Hole, PageLayout, PageReport, Placement

# The make-up itself loads on first use: reading a cached page's report needs
# only the data types above. (`flow` is the module layout.makeup.flow: a lazy
# name equal to a module's would be shadowed by the module once it loads.)
__getattr__ = lazy_exports(
    __name__,
    {
        "Module": "module",
        "Option": "module",
        "Placed": "module",
        "make_page": "page",
    },
)

__all__ = [
    "ArticleReport",
    "Box",
    "Diagnostic",
    "DisplayList",
    "FaceRef",
    "GlyphRun",
    "Grid",
    "Hole",
    "Image",
    "Module",
    "Option",
    "PageLayout",
    "PageReport",
    "Placed",
    "Placement",
    "Rule",
    "Segment",
    "Sheet",
    "make_page",
]
