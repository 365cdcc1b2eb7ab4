"""Issue 14 item 1: characters a title or header face lacks are never lost.

Each such character is drawn in the first face of its role's fallback chain
(fonts/fonts.yaml) that has it; only a character no face has is an error that
names article, field, character and code point. Real fonts, real PDFs read
back with pdfplumber and pdffonts.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from layout.cli import main
from layout.fallback import load_fonts

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"
LEAD = "01-hengshan.md"

EXT_A = "㛛"  # U+36DB, CJK Extension A: not in LXGW WenKai (kicker/byline), in Noto CJK
EXT_B = "𪛖"  # U+2A6D6, CJK Extension B: in no Noto CJK face, in Hanazono B
EMOJI = "😀"  # U+1F600: not in Noto Sans CJK (headline), in Hanazono A
NOWHERE = "𓀀"  # U+13000, Egyptian hieroglyph: in no face of any chain


def edition_with(tmp_path: Path, **fields: str) -> Path:
    """The sample edition with front-matter fields of its lead story replaced."""
    ed = tmp_path / "ed"
    shutil.copytree(SAMPLE, ed)
    art = ed / "articles" / LEAD
    head, _, body = art.read_text(encoding="utf-8").partition("\n---\n")
    lines = [ln for ln in head.splitlines() if ln.split(":")[0] not in fields]
    lines += [f"{k}: {v}" for k, v in fields.items()]
    art.write_text("\n".join(lines) + "\n---\n" + body, encoding="utf-8")
    return ed


def chars_by_text(pdf: Path) -> dict[str, set[str]]:
    from pdfcheck import open_pdf

    out: dict[str, set[str]] = {}
    with open_pdf(pdf) as doc:
        for c in doc.pages[0].chars:
            out.setdefault(c["text"], set()).add(c["fontname"])
    return out


def test_the_faces_lack_what_the_issue_says():
    """The premise: without fallback these characters had no glyph."""
    fonts = load_fonts()
    kai = fonts.base_face(("kai", "regular"))
    hei = fonts.base_face(("hei", "bold"))
    assert not kai.metrics.covers(EXT_A)
    assert not kai.metrics.covers(EXT_B)
    assert not hei.metrics.covers(EMOJI)


def test_chain_picks_the_first_face_that_has_it():
    fonts = load_fonts()
    assert fonts.face_for(("kai", "regular"), EXT_A) == ("song", "regular")
    assert fonts.face_for(("kai", "regular"), EXT_B) == ("hana-b", "regular")
    assert fonts.face_for(("kai", "regular"), "山") == ("kai", "regular")
    assert fonts.face_for(("hei", "bold"), NOWHERE) is None
    # measuring: the merged metrics know the fallen-back glyph's advance
    assert fonts.face("kai", "regular").metrics.covers(EXT_B)


def test_title_block_characters_fall_back_and_print(tmp_path, capsys):
    ed = edition_with(
        tmp_path,
        kicker=f"东洲街道{EXT_A}山社区",
        byline=f"记者 张{EXT_B}文",
        headline=f"党建引领三方协同 架起小区治理{EMOJI}幸福桥",
    )
    out = tmp_path / "out"
    assert main(["build", str(ed), "-o", str(out)]) == 0
    pdf = next(out.glob("*.pdf"))
    seen = chars_by_text(pdf)
    # each character is on the page, in a face that has it (not the kai subset)
    assert EXT_A in seen and all("NotoSerif" in f for f in seen[EXT_A]), seen.get(EXT_A)
    assert EXT_B in seen and all("HanaMinB" in f for f in seen[EXT_B]), seen.get(EXT_B)
    assert EMOJI in seen and all("HanaMinA" in f for f in seen[EMOJI]), seen.get(EMOJI)
    # the rest of the kicker stays in the kicker's face
    assert any("WenKai" in f for f in seen["洲"])
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "HanaMinB" in fonts and "HanaMinA" in fonts
    capsys.readouterr()
    assert main(["fonts", str(ed)]) == 0
    text = capsys.readouterr().out
    assert "all characters covered" in text
    assert f"U+{ord(EXT_B):04X}" in text and "hana-b" in text  # the fallback is reported


@pytest.mark.parametrize("field", ["kicker", "byline", "headline", "subtitle"])
def test_character_in_no_face_is_an_error_naming_it(tmp_path, capsys, field):
    ed = edition_with(tmp_path, **{field: f"东洲街道{NOWHERE}社区"})
    assert main(["check", str(ed)]) == 1
    err = capsys.readouterr().out
    line = next(ln for ln in err.splitlines() if "U+13000" in ln)
    assert "01-hengshan" in line and field in line and NOWHERE in line
    assert main(["fonts", str(ed)]) == 1
    text = capsys.readouterr().out
    assert "all characters covered" not in text and "U+13000" in text and field in text


def test_page_header_character_in_no_face_is_an_error(tmp_path, capsys):
    ed = tmp_path / "ed"
    shutil.copytree(SAMPLE, ed)
    y = ed / "edition.yaml"
    y.write_text(y.read_text(encoding="utf-8").replace("富阳日报", f"富阳{NOWHERE}报"), "utf-8")
    assert main(["check", str(ed)]) == 1
    out = capsys.readouterr().out
    assert "header" in out and "paper" in out and "U+13000" in out
