"""The page header above the type area: page number and name, paper, date, editor."""

from __future__ import annotations

from ..errors import ContentError
from ..fonts import FontSet
from ..model import Edition, PageSpec
from ..typeset import set_title
from .paint import Painter

WEEKDAYS = "一二三四五六日"


# Baseline to baseline of header lines that stack; the page name's smallest size
# and the gap between it and the paper/date/editor line (em of the info size).
LEADING = 1.2
NAME_MIN = 12.0
GAP_EM = 2.0


def draw_header(paint: Painter, edition: Edition, page: PageSpec, fonts: FontSet) -> None:
    style = paint.style
    x0 = style.area_left
    x1 = style.area_left + style.area_w
    rule_y = style.area_top - style.pitch * 0.75
    paint.rule(x0, rule_y, x1, rule_y, style.header_rule)
    info = style.header_info_size
    d = edition.date
    date = f"{d.year}年{d.month}月{d.day}日 星期{WEEKDAYS[d.weekday()]}"
    big = style.header_paper_size
    base = rule_y - 0.35 * style.body_size - 0.12 * big
    # left: page number and page name, large; right: paper, date, editor
    left = f"第{page.number}版 {page.name}"
    m_big = fonts.face(*style.header_paper_font).metrics
    m_info = fonts.face(*style.header_info_font).metrics
    right_parts = [edition.paper, date]
    if edition.issue:
        right_parts.append(f"第{edition.issue}期")
    if page.editor:
        right_parts.append(f"责任编辑：{page.editor}")
    right = "\u3000".join(right_parts)
    # the right block, right-aligned, on as many lines as the type area needs;
    # its last line on the baseline, the others above it
    r_lines = set_title(right, m_info, style.area_w / info, style=style.typeset, align="left").lines
    for k, ln in enumerate(reversed(r_lines)):
        y = base - k * LEADING * info
        paint.text(style.header_info_font, info, x1 - ln.natural * info, y, ln.glyphs, "header")
    # the page name beside the right block's last line, smaller if it must be;
    # when even that does not fit, on its own line(s) above the right block
    solid = set_title(left, m_big, 10_000, style=style.typeset, align="left").lines[0]
    room = style.area_w - (r_lines[-1].natural + GAP_EM) * info
    size = min(big, room / solid.natural)
    least = min(big, NAME_MIN)
    if size >= least:
        paint.text(style.header_paper_font, size, x0, base, solid.glyphs, "header")
        return
    size = max(least, min(big, style.area_w / solid.natural))
    lines = set_title(left, m_big, style.area_w / size, style=style.typeset, align="left").lines
    y = base - (len(r_lines) - 1) * LEADING * info - info - 0.3 * size
    y -= (len(lines) - 1) * LEADING * size
    if y - 0.88 * size < 0:  # above the trim
        index = edition.pages.index(page) + 1
        raise ContentError(
            edition.root / "edition.yaml",
            f"the page name is too long for the page header ({len(page.name)} characters)",
            field=f"pages[{index}].name",
            hint="shorten it",
        )
    for ln in lines:
        paint.text(style.header_paper_font, size, x0, y, ln.glyphs, "header")
        y += LEADING * size
