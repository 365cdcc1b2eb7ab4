"""Small editions with page furniture (masthead, ads, 导读) for the front-page tests.

Articles are taken from content/front (two short stories a page), so a page
lays out in well under a second; the pages are not full (a hole), which these
tests do not judge: they build with --force.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pdfcheck import open_pdf

from tests.editiongen import MASTHEAD

ROOT = Path(__file__).resolve().parent.parent
FRONT = ROOT / "content" / "front"
SHORT = {
    "要闻": ["04-ditie-xinxian.md", "05-wenhua-yichan.md"],
    "综合": ["11-shequ-shitang.md", "13-yeshi-jingji.md"],
}


def small_edition(
    tmp: Path, *, date: str = "2025-06-12", masthead: str = MASTHEAD, ads: str = "", index=True
) -> Path:
    """An edition of pages 1 (要闻) and 2 (综合) with two short stories each."""
    ed = tmp / "ed"
    (ed / "articles").mkdir(parents=True)
    for names in SHORT.values():
        for name in names:
            shutil.copy(FRONT / "articles" / name, ed / "articles" / name)
    (ed / "edition.yaml").write_text(
        f"paper: 江南时报\ndate: {date}\nissue: 163\n{masthead}{ads}pages:\n"
        f"  - number: 1\n    section: 要闻\n    index: {str(index).lower()}\n"
        "  - number: 2\n    section: 综合\n    name: 综合新闻\n",
        encoding="utf-8",
    )
    return ed


AD_FONT = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")  # setup.sh


def cmyk_pdf(path: Path, w: float = 400, h: float = 150, *, rgb: bool = False) -> Path:
    """A one-page ad made with reportlab: a K tint panel and 银行广告 in black, CMYK,
    its font (LXGW WenKai) embedded; or with `rgb` an RGB panel and text in a
    font it does not embed (Helvetica). Invariant: the same bytes every time."""
    from reportlab.lib.colors import CMYKColor
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    if rgb:
        c = Canvas(str(path), pagesize=(w, h), invariant=True)
        c.setFillColorRGB(0.9, 0.1, 0.1)
        c.rect(5, 5, w - 10, h - 10, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica", 24)
        c.drawString(20, h / 2, "BANK")
        c.save()
        return path
    if "AdFont" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("AdFont", str(AD_FONT)))
    c = Canvas(str(path), pagesize=(w, h), initialFontName="AdFont", invariant=True)
    c.setFillColor(CMYKColor(0, 0, 0, 0.3))
    c.rect(5, 5, w - 10, h - 10, stroke=0, fill=1)
    c.setFillColor(CMYKColor(0, 0, 0, 1))
    c.setFont("AdFont", 36)
    c.drawString(20, h / 2, "银行广告")
    c.save()
    return path


def page_text(pdf: Path) -> str:
    """The page's characters, no white space (the typesetter's CJK/Latin gaps are
    positions, read back as spaces or not)."""
    with open_pdf(pdf) as doc:
        return re.sub(r"\s+", "", "".join(ch["text"] for ch in doc.pages[0].chars))


def chars(pdf: Path) -> list[dict]:
    with open_pdf(pdf) as doc:
        page = doc.pages[0]
        return list(page.chars)


def trim_offset(pdf: Path) -> tuple[float, float]:
    """(x, y from the top) of the TrimBox's top-left corner in the MediaBox."""
    import pikepdf

    with pikepdf.open(pdf) as doc:
        page = doc.pages[0]
        x0, y0, x1, y1 = (float(v) for v in page.obj["/TrimBox"])
        mh = float(page.mediabox[3])
    return x0, mh - y1
