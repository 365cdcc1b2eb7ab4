"""Style files: built-in styles, `extends`, and a page on another paper size."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import stable

from layout.errors import StyleError
from layout.style import load_style

ROOT = Path(__file__).resolve().parent.parent


def test_broadsheet_extends_tabloid():
    tab, broad = load_style("tabloid"), load_style("broadsheet")
    assert (broad.columns, broad.chars) == (8, 13)
    assert broad.body_font == tab.body_font and broad.pitch == tab.pitch
    # the type area is whole columns of whole characters and fits the trim
    width = broad.columns * broad.chars * broad.body_size + (broad.columns - 1) * broad.gutter
    assert width <= broad.trim_w - 2 * broad.area_left + 1e-6
    assert broad.area_top + broad.lines * broad.pitch <= broad.trim_h


def test_style_file_beside_the_edition_extends_a_builtin(tmp_path):
    (tmp_path / "narrow.yaml").write_text(
        "extends: tabloid\ngrid:\n  columns: 5\n  chars_per_column: 14\n", encoding="utf-8"
    )
    st = load_style("narrow.yaml", tmp_path)
    assert (st.columns, st.chars, st.name) == (5, 14, "narrow")


def test_extends_loop_is_an_error(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n", encoding="utf-8")
    with pytest.raises(StyleError, match="loops"):
        load_style("a.yaml", tmp_path)


def test_sample_on_a_broadsheet(tmp_path):
    root = tmp_path / "broad"
    shutil.copytree(ROOT / "content" / "sample", root)
    ed = root / "edition.yaml"
    ed.write_text(ed.read_text(encoding="utf-8").replace("tabloid", "broadsheet"), "utf-8")
    # made up once for the code, fonts and files (stable.made_up)
    edition, style, fonts, (layout,) = stable.made_up(stable.settle(root))
    assert style.columns == 8
    assert not layout.overset
    assert {a.id for a in layout.articles} == {a.id for a in edition.articles}
    for p in layout.placements:
        assert p.col + p.span <= 8 and p.top + p.depth <= style.lines
