"""Page 1's masthead (报头): the paper's name, the largest text of the page, and
what the rules for the form of newspapers (报纸出版形式) ask on page 1: the
date, the 版数 (pages of the edition), the CN number; with them the 期号 and
总期号, the 邮发代号, the publisher, the website, the weather and, with
`lunar: true`, the 农历 date (lunar_python).

The masthead stands in the page header's place and reaches into the type
area: `masthead_lines` grid lines at its top are reserved before the make-up
(layout/makeup/reserve.py).

    ┌───────────────────────────────────────────────────────────────┐
    │ 样张时报                            2025年6月12日 星期四        │
    │ (the name, large)                   农历乙巳年五月十七          │
    │                                     第123期 总第12345期 本期4版 │
    │ 样张时报社主管主办出版 www.…         CN 33-0001 邮发代号 31-1    │
    ╞═══════════════════════════════════════════════════════════════╡
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from ..fonts import FontSet
from ..model import Edition, Masthead, PageSpec
from ..style import MM, Style
from ..typeset import set_title
from .header import WEEKDAYS
from .paint import Painter

TOP_MARGIN = 8 * MM  # from the trim's top edge to the top of the name
LEADING = 1.45  # info lines, baseline to baseline, in their size
GAP_EM = 2.0  # between the name and the info block, in the info size
NAME_OVER_HEADLINES = 1.25  # the name at least this many times the largest headline size
RULE_THICK = 2.5
RULE_THIN = 0.5
RULE_GAP = 2.0  # between the thick and the thin rule


def lunar_date(date: dt.date) -> str:
    """The 农历 date of `date`: 农历乙巳年五月十七 (闰 for a leap month, 正月,
    冬月, 腊月 as the calendar names them)."""
    from lunar_python import Solar

    lunar = Solar.fromYmd(date.year, date.month, date.day).getLunar()
    return f"农历{lunar.getYearInGanZhi()}年{lunar.getMonthInChinese()}月{lunar.getDayInChinese()}"


def gregorian_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日 星期{WEEKDAYS[date.weekday()]}"


def info_lines(edition: Edition) -> list[str]:
    """The masthead's information block, one string a line, the date first."""
    mh = edition.masthead
    assert mh is not None
    lines = [gregorian_date(edition.date)]
    if mh.lunar:
        lines.append(lunar_date(edition.date))
    issue = []
    if edition.issue:
        issue.append(f"第{edition.issue}期")
    if mh.total_issue:
        issue.append(f"总第{mh.total_issue}期")
    issue.append(f"本期{len(edition.pages)}版")  # 版数
    lines.append(" ".join(issue))
    reg = [x for x in (mh.cn, f"邮发代号 {mh.postal_code}" if mh.postal_code else None) if x]
    if reg:
        lines.append(" ".join(reg))
    if mh.weather:
        lines.append(f"天气 {mh.weather}")
    return lines


def foot_lines(mh: Masthead) -> list[str]:
    """Under the name: the publisher and the website."""
    return [x for x in (mh.publisher, mh.website) if x]


def _set(text: str, fonts: FontSet, font, st: Style):
    metrics = fonts.face(*font).metrics
    return set_title(text, metrics, 10_000, style=st.typeset, align="left").lines[0]


@dataclass(frozen=True)
class _Geometry:
    top: float  # of the name, from the trim's top edge (pt)
    size: float  # the name's
    info_top: float  # top of the information block
    feet_base: float  # baseline of the publisher / website line
    bottom: float  # of the masthead's text


def _geometry(edition: Edition, st: Style, fonts: FontSet) -> _Geometry:
    """Where the masthead's parts go. The information block stands beside the
    name; when that would make the name no larger than the page's headlines
    could be (a long name), it goes under the name, which then takes the
    whole width."""
    mh = edition.masthead
    assert mh is not None
    info = st.masthead_info_size
    lines = info_lines(edition)
    widest = max(_set(t, fonts, st.header_info_font, st).natural for t in lines)
    name = _set(mh.name, fonts, st.masthead_font, st).natural or 1.0
    top = min(TOP_MARGIN, st.area_top / 3)
    feet = bool(foot_lines(mh))
    floor = min(st.masthead_size, NAME_OVER_HEADLINES * max(st.headline_sizes))
    size = min(st.masthead_size, (st.area_w - (widest + GAP_EM) * info) / name)
    block = info * (0.2 + LEADING * len(lines))
    if size >= floor:  # side by side
        feet_base = top + size + LEADING * info * 1.6
        bottom = max(feet_base if feet else top + size, top + block)
        return _Geometry(top, size, top, feet_base, bottom)
    size = min(st.masthead_size, st.area_w / name)
    info_top = top + size + 0.5 * info
    feet_base = info_top + block + LEADING * info
    bottom = feet_base if feet else info_top + block
    return _Geometry(top, size, info_top, feet_base, bottom)


def masthead_lines(edition: Edition, st: Style, fonts: FontSet) -> int:
    """Grid lines of the type area the masthead takes (its rules included)."""
    bottom = _geometry(edition, st, fonts).bottom
    bottom += 0.4 * st.pitch + RULE_THICK + RULE_GAP + RULE_THIN
    return max(1, math.ceil((bottom - st.area_top) / st.pitch))


def draw_masthead(
    paint: Painter, edition: Edition, page: PageSpec, fonts: FontSet, band: int
) -> None:
    """The masthead over the page's top, ending `band` grid lines into the type area."""
    st = paint.style
    mh = edition.masthead
    assert mh is not None
    g = _geometry(edition, st, fonts)
    x0, x1 = st.area_left, st.area_left + st.area_w
    name = _set(mh.name, fonts, st.masthead_font, st)
    paint.text(st.masthead_font, g.size, x0, g.top + 0.88 * g.size, name.glyphs, "masthead")
    info = st.masthead_info_size
    feet = foot_lines(mh)
    if feet:  # publisher and website under the name, on one line
        ln = _set("\u3000".join(feet), fonts, st.header_info_font, st)
        paint.text(st.header_info_font, info, x0, g.feet_base, ln.glyphs, "masthead-info")
    y = g.info_top + 0.88 * info + 0.2 * info
    for k, text in enumerate(info_lines(edition)):
        font = st.header_paper_font if k == 0 else st.header_info_font
        ln = _set(text, fonts, font, st)
        paint.text(font, info, x1 - ln.natural * info, y, ln.glyphs, "masthead-info")
        y += LEADING * info
    # a thick and a thin rule close the masthead off from the stories
    foot = st.area_top + band * st.pitch - RULE_THIN / 2
    paint.rule(x0, foot, x1, foot, RULE_THIN)
    thick = foot - RULE_GAP - RULE_THIN / 2 - RULE_THICK / 2
    paint.rule(x0, thick, x1, thick, RULE_THICK)
