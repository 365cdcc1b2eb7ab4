"""The command line as CI and editors use it: exit codes and what is printed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import stable
from pdfcheck import PAGE3
from stable import settle

from layout.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"

LONG_PARAGRAPH = (
    "区文化馆昨日召开年度工作会议，总结上半年群众文化活动开展情况，部署下半年重点任务。"
    "会议指出，要坚持以人民为中心，丰富基层文化供给，让群众在家门口享受优质文化服务。"
)


def write_edition(root: Path, body_paragraphs: int) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "edition.yaml").write_text(
        "paper: 测试日报\ndate: 2025-06-12\nstyle: tabloid\n"
        "pages:\n  - number: 1\n    section: 要闻\n    name: 要闻\n",
        encoding="utf-8",
    )
    body = "\n\n".join(LONG_PARAGRAPH for _ in range(body_paragraphs))
    (root / "articles" / "01-lead.md").write_text(
        f"---\nsection: 要闻\npriority: 1\nheadline: 文化馆部署下半年工作\n---\n{body}\n",
        encoding="utf-8",
    )
    (root / "articles" / "02-second.md").write_text(
        f"---\nsection: 要闻\npriority: 2\nheadline: 第二条新闻\n---\n{LONG_PARAGRAPH}\n",
        encoding="utf-8",
    )
    return root


def test_check_sample_passes(capsys):
    assert main(["check", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "01-hengshan" in out and "OK: everything fits" in out


def test_check_json_lists_modules(capsys):
    assert main(["check", str(SAMPLE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    page = data["pages"][0]
    assert data["ok"] is True
    assert {m["article"] for m in page["modules"]} >= {"01-hengshan", "04-yinhu"}
    assert 0.9 <= page["fill_ratio"] <= 1.0


def test_check_fails_on_overset_and_names_the_article(tmp_path, capsys):
    """Through the command as junit (exit 1), and check's text report of the same
    edition's lay-out (kept for the code, fonts and files: stable.lay_out; the
    text format's wiring is test_check_sample_passes's)."""
    from layout.report import format_text

    edition = settle(write_edition(tmp_path / "long", body_paragraphs=150))  # ~12,000 chars
    assert main(["check", str(edition), "--format", "junit"]) == 1
    out = capsys.readouterr().out
    assert "<failure" in out and "01-lead" in out
    run = stable.lay_out(edition)
    out = format_text(run.pages, verbose=False, edition=run.edition)
    line = next(ln for ln in out.splitlines() if "01-lead" in ln)
    assert "超" in line and "字" in line
    assert "FAIL" in out


def test_short_page_reports_lines_to_add(tmp_path, capsys):
    edition = write_edition(tmp_path / "short", body_paragraphs=2)
    # a page with a hole is not ready for print: exit 1, the hole reported
    assert main(["check", str(edition), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    short = {a["id"]: a["short_lines"] for a in data["pages"][0]["articles"]}
    holes = data["pages"][0]["holes"]
    assert sum(short.values()) + sum(h["span"] * h["depth"] for h in holes) > 20


def test_bad_input_exit_2_and_nothing_written(tmp_path, capsys):
    edition = tmp_path / "bad"
    shutil.copytree(SAMPLE, edition)
    art = edition / "articles" / "01-hengshan.md"
    art.write_text(art.read_text(encoding="utf-8").replace("priority: 1", "priority: -1"), "utf-8")
    out_dir = tmp_path / "out"
    assert main(["build", str(edition), "-o", str(out_dir)]) == 2
    err = capsys.readouterr().err
    assert "01-hengshan.md" in err and "priority" in err and "Traceback" not in err
    assert not out_dir.exists() or not any(out_dir.iterdir())


def test_missing_edition_exit_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["check", str(tmp_path / "empty")]) == 2
    assert "edition.yaml" in capsys.readouterr().err


@pytest.mark.slow
def test_build_combined_two_pages(tmp_path):
    edition = tmp_path / "two"
    shutil.copytree(SAMPLE, edition)
    yaml_text = (edition / "edition.yaml").read_text(encoding="utf-8")
    yaml_text += "  - number: 4\n    section: 要闻\n    name: 要闻\n"
    (edition / "edition.yaml").write_text(yaml_text, encoding="utf-8")
    (edition / "articles" / "30-other.md").write_text(
        f"---\nsection: 要闻\npriority: 1\nheadline: 另一版头条\n---\n{LONG_PARAGRAPH * 20}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    # page 4's one story leaves a hole: written, but exit 1 (not ready for print)
    args = ["-o", str(out), "--combined", "--no-preflight"]
    assert main(["build", str(settle(edition)), *args]) == 1
    import pikepdf

    assert (out / PAGE3).is_file() and next(out.glob("*-04*.pdf")).is_file()
    with pikepdf.open(out / "edition.pdf") as pdf:
        assert len(pdf.pages) == 2
        assert all("/TrimBox" in p.obj for p in pdf.pages)
