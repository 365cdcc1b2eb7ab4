"""Page 1's masthead: every field printed, the name the largest text of the page,
the 农历 date right; inside pages keep their header with the 版次."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from front_helpers import chars, page_text, small_edition
from stable import settle

from layout.cli import main
from layout.content import load_edition
from layout.errors import ContentError
from layout.makeup.masthead import gregorian_date, lunar_date

# Dates whose 农历 lunar_python's own tests assert (6tail/lunar-python, test/):
# SolarTest.test and LunarTest.test: 2019-05-01 is 二〇一九年三月廿七 (己亥);
# SolarTest.test1 and LunarTest.test7: 2020-05-24 is 二〇二〇年闰四月初二 (庚子, a leap month);
# LunarTest.test8: lunar 2020-12-10 is 2021-01-22, 二〇二〇年腊月初十 (庚子, across the new year).
LIBRARY_DATES = [
    (dt.date(2019, 5, 1), "农历己亥年三月廿七"),
    (dt.date(2020, 5, 24), "农历庚子年闰四月初二"),
    (dt.date(2021, 1, 22), "农历庚子年腊月初十"),
]


@pytest.mark.parametrize(("date", "expected"), LIBRARY_DATES)
def test_lunar_date_as_the_calendar_library_tests_it(date, expected):
    assert lunar_date(date) == expected


def _build(ed: Path, out: Path) -> list[Path]:
    main(["build", str(settle(ed)), "-o", str(out), "--force"])
    pdfs = sorted(out.glob("*.pdf"))
    assert [p.name[-6:] for p in pdfs] == ["01.pdf", "02.pdf"], pdfs
    return pdfs


@pytest.fixture(scope="module")
def leap_month_edition(tmp_path_factory) -> tuple[Path, list[Path]]:
    """The small edition on 2020-05-24 (a 闰四月 date), built."""
    tmp = tmp_path_factory.mktemp("masthead")
    ed = small_edition(tmp, date="2020-05-24")
    return ed, _build(ed, tmp / "out")


@pytest.mark.slow  # a two-page build
def test_every_masthead_field_is_printed(leap_month_edition):
    ed, (p1, _) = leap_month_edition
    edition = load_edition(ed)
    mh = edition.masthead
    text = page_text(p1)
    expected = [
        mh.name,
        gregorian_date(edition.date).replace(" ", ""),  # 2020年5月24日星期日
        "农历庚子年闰四月初二",  # LunarTest.test7
        f"第{edition.issue}期",
        f"总第{mh.total_issue}期",
        f"本期{len(edition.pages)}版",  # 版数
        mh.cn.replace(" ", ""),
        f"邮发代号{mh.postal_code}",
        mh.publisher,
        mh.website,
        "天气" + mh.weather.replace(" ", ""),
    ]
    for field in expected:
        assert field in text, field
    assert "星期日" in text  # 2020-05-24 was a Sunday


@pytest.mark.slow  # a two-page build
def test_the_name_is_the_largest_text_on_page_one(leap_month_edition):
    ed, (p1, _) = leap_month_edition
    name = load_edition(ed).masthead.name
    cs = chars(p1)
    top = max(c["size"] for c in cs)
    largest = "".join(c["text"] for c in cs if c["size"] > top - 0.01)
    assert largest == name
    faces = {c["fontname"] for c in cs if c["size"] > top - 0.01}
    assert all("Bold" in f or "Black" in f or "Heavy" in f for f in faces), faces  # a strong face
    others = max(c["size"] for c in cs if c["text"] not in name)
    assert top > 1.5 * others  # a masthead, not one more headline


@pytest.mark.slow  # a two-page build
def test_page_one_has_no_page_header_inside_pages_keep_theirs(leap_month_edition):
    _, (p1, p2) = leap_month_edition
    assert "第1版" not in page_text(p1)
    text2 = page_text(p2)
    assert "第2版综合新闻" in text2  # 版次 in the inside page's header
    assert "农历" not in text2


def test_without_lunar_no_lunar_date(tmp_path):
    ed = small_edition(tmp_path, masthead="masthead:\n  name: 江南时报\n")
    edition = load_edition(ed)
    assert edition.masthead.lunar is False
    assert edition.masthead.cn is None


@pytest.mark.parametrize(
    ("yaml", "field", "words"),
    [
        ("masthead:\n  name: 江南时报\n  cn: 33-01\n", "masthead.cn", "not a CN number"),
        ("masthead:\n  name: 江南时报\n  lunar: yes please\n", "masthead.lunar", "true or false"),
        ("masthead:\n  name: 江南时报\n  totl_issue: 5\n", "masthead.totl_issue", "unknown key"),
        ("masthead:\n  total_issue: 第5期\n", "masthead.total_issue", "whole number"),
        ("masthead:\n", "masthead", "empty"),
    ],
)
def test_bad_masthead_fields_name_file_field_and_line(tmp_path, yaml, field, words):
    ed = small_edition(tmp_path, masthead=yaml)
    with pytest.raises(ContentError) as err:
        load_edition(ed)
    msg = str(err.value)
    assert "edition.yaml" in msg and field in msg and words in msg
    assert err.value.line is not None and err.value.line >= 4


def test_a_long_name_stays_largest_with_the_information_under_it(tmp_path):
    """A name too long to stand beside the information block at a masthead's
    size takes the whole width and the block goes under it."""
    from layout.makeup import make_page
    from layout.pipeline import load

    name = "江南都市生活导报晚间新闻版"
    ed = small_edition(tmp_path, masthead=f"masthead:\n  name: {name}\n  lunar: true\n")
    edition, style, fonts = load(ed)
    lay = make_page(edition, edition.pages[0], fonts, style)
    (run,) = [r for r in lay.display.runs if r.role == "masthead"]
    assert run.text() == name
    assert run.size >= 1.25 * max(style.headline_sizes)
    assert run.size > max(r.size for r in lay.display.runs if r is not run)
    info = [r for r in lay.display.runs if r.role == "masthead-info"]
    assert info and all(r.baseline - r.size > run.baseline for r in info)  # under the name
    stories = [r for r in lay.display.runs if r.role not in ("masthead", "masthead-info")]
    assert min(r.baseline - r.size for r in stories) > max(r.baseline for r in info)
