"""The page header above the type area: page number and name, paper, date, editor."""

from __future__ import annotations

from ..fonts import FontSet
from ..model import Edition, PageSpec
from ..typeset import set_title
from .paint import Painter

WEEKDAYS = "一二三四五六日"


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
    para = set_title(left, m_big, 60, style=style.typeset, align="left")
    paint.text(style.header_paper_font, big, x0, base, para.lines[0].glyphs, "header")
    right_parts = [edition.paper, date]
    if edition.issue:
        right_parts.append(f"第{edition.issue}期")
    if page.editor:
        right_parts.append(f"责任编辑：{page.editor}")
    right = "\u3000".join(right_parts)
    para = set_title(right, m_info, 200, style=style.typeset, align="left")
    ln = para.lines[0]
    paint.text(style.header_info_font, info, x1 - ln.natural * info, base, ln.glyphs, "header")
