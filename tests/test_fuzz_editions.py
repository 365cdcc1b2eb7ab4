"""Hypothesis fuzz over random editions, through the command line (issue 14).

On every run, for every random edition (stories and briefs, all text fields,
characters from common hanzi to Extension A/B, emoji, Latin, punctuation,
zero-width and combining marks; now and then a file replaced by garbage):

- no traceback: `main` returns, nothing escapes it;
- the exit code is 0, 1 or 2 as the README says: 2 is one error line; 0 means
  the report is clean, 1 that it names something (overset, missing glyph);
- every character of the content is on the page (read back with pdfplumber),
  or is counted in the reported overset, or is reported missing from the fonts;
  and every character on the page is drawn with a face that has its glyph.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pdfcheck import article_chars, page_chars

from layout.cli import main

# end-to-end: `pytest -m "not slow"` leaves these out of the quick loop
pytestmark = pytest.mark.slow

HANZI = "区文化馆昨日召开年度工作会议总结上半年群众活动开展情况部署下半年重点任务社区街道居民"
PUNCT = "，。、；：？！“”‘’（）《》——……·「」"
LATIN = "abcXYZ0123456789 .,-/%@"
RARE = "㛛㐀㑇䶵𪛖𠀀😀體們龘"  # Extension A, Extension B, emoji, 繁體
ODD = "\u200b\u0301é\u3000\u00a0"  # zero-width space, combining acute, ideographic space

POOLS = (HANZI, HANZI, HANZI, PUNCT, LATIN, RARE, ODD)


@st.composite
def texts(draw, min_size: int, max_size: int, pools_from=POOLS) -> str:
    pools = draw(st.lists(st.sampled_from(pools_from), min_size=1, max_size=3))
    alphabet = "".join(pools)
    text = draw(st.text(alphabet=alphabet, min_size=min_size, max_size=max_size)).strip()
    return text or HANZI[: max(min_size, 1)]


@st.composite
def articles(draw, index: int, titles=POOLS) -> tuple[str, str]:
    kind = draw(st.sampled_from(["story", "story", "brief"]))
    front = {"kind": kind, "priority": draw(st.integers(1, 9))}
    front["headline"] = draw(texts(1, 24, titles))
    if kind == "story":
        for key in ("kicker", "subtitle", "byline"):
            if draw(st.booleans()):
                front[key] = draw(texts(1, 16, titles))
    elif draw(st.booleans()):
        front["place"] = draw(texts(1, 4, titles))
    paras = draw(st.lists(texts(5, 400), min_size=1, max_size=4))
    head = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in front.items())
    return f"{index:02d}-a.md", f"---\n{head}---\n" + "\n\n".join(paras) + "\n"


@st.composite
def editions(draw, titles=POOLS) -> dict[str, str | bytes]:
    page = {"number": draw(st.integers(1, 24)), "section": "要闻"}
    if draw(st.booleans()):
        page["name"] = draw(texts(1, 8, titles))
    if draw(st.booleans()):
        page["briefs_title"] = draw(texts(1, 6, titles))
    head = "paper: 测试日报\ndate: 2025-06-12\npages:\n  - " + "\n    ".join(
        f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in page.items()
    )
    files: dict[str, str | bytes] = {"edition.yaml": head + "\n"}
    n = draw(st.integers(1, 5))
    for i in range(1, n + 1):
        name, text = draw(articles(i, titles))
        files[f"articles/{name}"] = text
    if draw(st.integers(0, 9)) == 0:  # now and then, garbage in one file
        victim = draw(st.sampled_from(sorted(files)))
        files[victim] = draw(st.binary(max_size=200) | st.text(max_size=200))
    return files


def _faces_by_pdf_name(edition: Path) -> dict[str, object]:
    from layout.pipeline import load

    _, _, fonts = load(edition)
    out = {}
    for ref in fonts.roles:
        with contextlib.suppress(Exception):  # a role whose file is not installed
            face = fonts.face(*ref)
            out[_postscript_name(face)] = face
    return out


def _postscript_name(face) -> str:
    """The name a PDF font gets from the embedded file (reportlab: its PostScript name)."""
    from fontTools.ttLib import TTFont

    index = face.pdf_index if str(face.pdf_file).lower().endswith((".ttc", ".otc")) else -1
    font = TTFont(str(face.pdf_file), fontNumber=index, lazy=True)
    try:
        return str(font["name"].getDebugName(6))
    finally:
        font.close()


_FACES: dict[str, object] = {}
_CODE = re.compile(r"U\+([0-9A-F]{4,6})")


def _check_build(root: Path, out: Path, code: int, stdout: str) -> None:
    from layout.content import load_edition

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    diags = [d for p in report["pages"] for d in p["diagnostics"]]
    reported_missing = {
        code for d in diags if "missing" in d["message"] for code in _CODE.findall(d["message"])
    }
    overset = sum(a["overset_chars"] for p in report["pages"] for a in p["articles"])
    errors = [d for d in diags if d["severity"] == "error"]
    assert (code == 0) == (report["ok"] and not errors), (code, report["ok"], errors)

    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 1, pdfs
    chars = page_chars(pdfs[0])
    if not _FACES:
        _FACES.update(_faces_by_pdf_name(root))
    for c in chars:
        if c["text"] in ("", "\x00"):  # a glyph with no Unicode: a reported missing one
            assert reported_missing, f"a glyph without a character in {c['fontname']}"
            continue
        face = _FACES.get(c["fontname"].split("+")[-1])
        assert face is not None, f"unknown font {c['fontname']}"
        hexcode = f"{ord(c['text'][0]):04X}"
        covered = face.metrics.covers(c["text"][0])
        assert covered or hexcode in reported_missing, (
            f"{c['text']!r} U+{hexcode} drawn with {face.family}, which lacks it, unreported"
        )

    arts = load_edition(root, warn=lambda _m: None).articles
    missing = article_chars(arts) - Counter(c["text"] for c in chars)
    unexplained = {ch: n for ch, n in missing.items() if f"{ord(ch):04X}" not in reported_missing}
    assert sum(unexplained.values()) <= overset, (
        f"characters not on the page, not overset ({overset}), not reported: {unexplained}"
    )


# 10 random editions a run (each a build read back, ~0.3 s): every run draws
# others, so the runs together cover what one long run would
FUZZ = settings(
    max_examples=10,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # shrinking a page build takes minutes
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(editions())
def test_random_editions(files):
    _build_and_check(files)


def _build_and_check(files: dict[str, str | bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ed"
        for name, data in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        out = Path(tmp) / "out"
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(["build", str(root), "-o", str(out), "--no-preflight"])
        err = stderr.getvalue()
        assert code in (0, 1, 2), code
        assert "Traceback" not in err, err
        if code == 2:
            lines = [ln for ln in err.splitlines() if not ln.startswith("newspage: warning:")]
            assert len(lines) == 1 and lines[0].startswith("newspage: error: "), err
            return
        _check_build(root, out, code, stdout.getvalue())
