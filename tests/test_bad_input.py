"""Catalogue of bad inputs (issue 14): each one reproduced through the command
line, each must end in one clear line naming the file (and field and line
where there is one), exit 2, no traceback, nothing quoted from files outside
the edition, and no temp files or stale pages left behind.

The disk-full and read-only cases mount a small tmpfs as root; elsewhere a
file size limit and a folder without write permission stand in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from layout.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"

EDITION = """\
paper: 测试日报
date: 2025-06-12
pages:
  - number: 3
    section: 街镇
    name: 街镇新闻
"""

STORY = """\
---
headline: 文化馆部署下半年工作
---
区文化馆昨日召开年度工作会议，总结上半年群众文化活动开展情况，部署下半年重点任务。
"""

# A page of one short story is laid out with a hole (exit 1, written as a
# proof): these tests are about input and output files, so they write the
# print file whatever the fill, under the old fixed name.
LAID_OUT = ("--force", "--name", "page-{page:02d}.pdf")

SECRET = "AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def edition(tmp_path: Path, head: str = EDITION, articles: dict[str, str] | None = None) -> Path:
    root = tmp_path / "ed"
    (root / "articles").mkdir(parents=True)
    (root / "edition.yaml").write_text(head, encoding="utf-8")
    for name, text in (articles if articles is not None else {"01-a.md": STORY}).items():
        path = root / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, *argv: str, names: tuple[str, ...] = ()) -> str:
    """The command exits 2 with one error line that contains every one of `names`."""
    code, out, err = run(capsys, *argv)
    lines = [ln for ln in err.splitlines() if ln.startswith("newspage: error:")]
    assert code == 2, (code, out, err)
    assert len(lines) == 1 and "Traceback" not in err, err
    for name in names:
        assert name in lines[0], (name, lines[0])
    return lines[0]


def temp_files(folder: Path) -> list[str]:
    """Hidden files other than the list of pages the last build wrote."""
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != ".newspage-files"
    )


# ---------------------------------------------------------------------------
# item 5: output errors
# ---------------------------------------------------------------------------


def test_output_is_an_existing_file(tmp_path, capsys):
    ed = edition(tmp_path)
    target = tmp_path / "afile"
    target.write_text("keep me", encoding="utf-8")
    line = refused(capsys, "build", str(ed), "-o", str(target), names=(str(target),))
    assert "folder" in line
    assert target.read_text(encoding="utf-8") == "keep me"


def test_output_below_a_file(tmp_path, capsys):
    ed = edition(tmp_path)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    refused(capsys, "build", str(ed), "-o", str(tmp_path / "afile" / "sub"), names=("afile",))


def test_page_number_too_large(tmp_path, capsys):
    head = EDITION.replace("number: 3", "number: " + "1" + "0" * 300)
    ed = edition(tmp_path, head)
    refused(capsys, "build", str(ed), "-o", str(tmp_path / "o"), names=("pages[1].number", ":4:"))


@pytest.mark.parametrize("value", ["99999999999999999999", "-5", "soon", "1e9"])
def test_source_date_epoch_out_of_range(tmp_path, capsys, monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    ed = edition(tmp_path)
    refused(capsys, "build", str(ed), "-o", str(tmp_path / "o"), names=("SOURCE_DATE_EPOCH",))


def test_source_date_epoch_in_range_sets_the_date(tmp_path, capsys, monkeypatch):
    import pikepdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    out = tmp_path / "o"
    assert main(["build", str(edition(tmp_path)), "-o", str(out), "--no-preflight", *LAID_OUT]) in (
        0,
        1,
    )
    with pikepdf.open(out / "page-03.pdf") as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20231114")


def test_leftovers_of_killed_builds_are_removed(tmp_path, capsys):
    out = tmp_path / "o"
    out.mkdir()
    dead = _dead_pid()
    stale = [out / f".page-03.pdf.{dead}.raw", out / f".page-07.pdf.{dead}.tmp"]
    stale.append(out / f".edition.pdf.{dead}.raw")
    for p in stale:
        p.write_bytes(b"%PDF-1.4 half")
    alive = out / f".page-03.pdf.{os.getppid()}.raw"  # a live build's file stays
    alive.write_bytes(b"%PDF-1.4 in progress")
    assert main(["build", str(edition(tmp_path)), "-o", str(out), "--no-preflight", *LAID_OUT]) in (
        0,
        1,
    )
    assert temp_files(out) == [alive.name]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_pages_removed_from_the_edition_lose_their_pdfs(tmp_path, capsys):
    two = EDITION + "  - number: 4\n    section: 要闻\n"
    story2 = STORY.replace("---\nheadline", "---\nsection: 要闻\nheadline")
    ed = edition(
        tmp_path,
        two,
        {"01-a.md": STORY.replace("---\nh", "---\nsection: 街镇\nh"), "02-b.md": story2},
    )
    out = tmp_path / "o"
    assert main(["build", str(ed), "-o", str(out), "--no-preflight", *LAID_OUT]) in (0, 1)
    first = sorted(p.name for p in out.glob("*.pdf"))
    assert len(first) == 2
    keep = out / "notes.pdf"  # not ours: never touched
    keep.write_bytes(b"%PDF-1.4 someone else's")
    other = tmp_path / "other"  # another edition (the next day) into the same folder
    shutil.copytree(ed, other)
    (other / "edition.yaml").write_text(two.replace("2025-06-12", "2025-06-13"), "utf-8")
    assert main(["build", str(other), "-o", str(out), "--no-preflight"]) in (0, 1)
    theirs = {p.name for p in out.glob("*.pdf")} - set(first) - {keep.name}
    assert len(theirs) == 2, theirs
    (ed / "edition.yaml").write_text(EDITION, encoding="utf-8")
    (ed / "articles" / "02-b.md").unlink()
    assert main(["build", str(ed), "-o", str(out), "--no-preflight", *LAID_OUT]) in (0, 1)
    now = {p.name for p in out.glob("*.pdf")}
    assert keep.name in now and theirs <= now, now
    mine = now - theirs - {keep.name}
    assert len(mine) == 1 and mine < set(first), now


# -- a small tmpfs for disk-full and read-only ------------------------------
# As root a real tmpfs is mounted (ENOSPC, EROFS). Otherwise the same code paths
# are driven by a file size limit (EFBIG) and a folder without write permission.


@pytest.fixture
def mount(tmp_path):
    mounted: list[Path] = []

    def _mount(size_kb: int, *, readonly: bool = False) -> Path | None:
        where = tmp_path / f"mnt{len(mounted)}"
        where.mkdir()
        opts = f"size={size_kb}k" + (",ro" if readonly else "")
        try:
            r = subprocess.run(
                ["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)], capture_output=True
            )
        except OSError:
            return None
        if r.returncode != 0:
            return None
        mounted.append(where)
        return where

    yield _mount
    for where in mounted:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _build_in_subprocess(
    ed: Path, out: Path, file_limit: int | None = None
) -> subprocess.CompletedProcess:
    """A real process: a native abort (exit 134) must show as such."""

    def limit() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    return subprocess.run(
        [sys.executable, "-m", "layout", "build", str(ed), "-o", str(out), "--no-preflight"]
        + ["--name", "page-{page:02d}.pdf"],  # the old page's name: it must survive
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=limit if file_limit else None,
    )


@pytest.mark.parametrize("size_kb", [60, 200])
def test_disk_full_keeps_the_old_pdf_and_no_temp_files(tmp_path, mount, size_kb):
    """60 kB: little of the PDF fits; 200 kB: most of it (the page is about 300 kB,
    written once: layout.pdfout finishes PDF/X in memory)."""
    where = mount(size_kb)
    out = (where or tmp_path) / "o"
    out.mkdir()
    old = b"%PDF-1.4 the old page\n"
    (out / "page-03.pdf").write_bytes(old)
    r = _build_in_subprocess(SAMPLE, out, None if where else 60 * 1024)
    assert r.returncode == 2, (r.returncode, r.stderr[-2000:])
    assert "Traceback" not in r.stderr and "terminate" not in r.stderr
    assert ("No space left on device" if where else "File too large") in r.stderr
    assert (out / "page-03.pdf").read_bytes() == old
    assert temp_files(out) == []


def test_read_only_file_system(tmp_path, mount):
    where = mount(100, readonly=True)
    if where is None:  # not root: a folder we may not write stands in
        where = tmp_path / "ro"
        where.mkdir(mode=0o555)
    r = _build_in_subprocess(SAMPLE, where / "o")
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr[-2000:]
    reason = "Read-only file system" if os.geteuid() == 0 else "Permission denied"
    assert reason in r.stderr and str(where) in r.stderr


# ---------------------------------------------------------------------------
# item 6: style and extends stay inside the edition; nothing quoted from outside
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["/etc/passwd", "../../x.yaml", "../outside.yaml"])
def test_style_outside_the_edition_is_refused(tmp_path, capsys, style):
    (tmp_path / "outside.yaml").write_text(f"{SECRET}\nextends: tabloid\n", encoding="utf-8")
    ed = edition(tmp_path, EDITION + f"style: {style}\n")
    line = refused(capsys, "check", str(ed), names=("edition.yaml", "style", ":7:"))
    assert "root:" not in line and "AWS_SECRET" not in line


def test_extends_outside_the_edition_is_refused(tmp_path, capsys):
    (tmp_path / "outside.yaml").write_text(f"{SECRET}\n  bad: [\n", encoding="utf-8")
    ed = edition(tmp_path, EDITION + "style: ours.yaml\n")
    (ed / "ours.yaml").write_text("extends: ../outside.yaml\n", encoding="utf-8")
    line = refused(capsys, "check", str(ed), names=("ours.yaml", "extends", ":1:"))
    assert "AWS_SECRET" not in line and "wJalr" not in line


def test_style_symlink_out_of_the_edition_is_refused(tmp_path, capsys):
    (tmp_path / "outside.yaml").write_text(f"{SECRET}\n", encoding="utf-8")
    ed = edition(tmp_path, EDITION + "style: ours.yaml\n")
    (ed / "ours.yaml").symlink_to(tmp_path / "outside.yaml")
    line = refused(capsys, "check", str(ed), names=("style",))
    assert "AWS_SECRET" not in line


def test_style_yaml_error_quotes_no_line(tmp_path, capsys):
    ed = edition(tmp_path, EDITION + "style: ours.yaml\n")
    (ed / "ours.yaml").write_text(f"extends: tabloid\n{SECRET}\ngrid: [\n", encoding="utf-8")
    line = refused(capsys, "check", str(ed), names=("ours.yaml",))
    assert "wJalr" not in line


def test_style_inside_the_edition_still_works(tmp_path, capsys):
    ed = edition(tmp_path, EDITION + "style: styles/narrow.yaml\n")
    (ed / "styles").mkdir()
    (ed / "styles" / "narrow.yaml").write_text(
        "extends: tabloid\ngrid:\n  columns: 5\n  chars_per_column: 14\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "check", str(ed))
    assert code in (0, 1) and "error" not in err, err


# ---------------------------------------------------------------------------
# item 7: symlinks out of the edition
# ---------------------------------------------------------------------------


def test_article_symlinked_out_of_the_edition(tmp_path, capsys):
    outside = tmp_path / "private.md"
    outside.write_text(STORY.replace("文化馆部署", "机密"), encoding="utf-8")
    ed = edition(tmp_path)
    (ed / "articles" / "02-link.md").symlink_to(outside)
    line = refused(capsys, "check", str(ed), names=("02-link.md", "outside the edition"))
    assert "机密" not in line


def test_articles_folder_symlinked_out_of_the_edition(tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "01-a.md").write_text(STORY, encoding="utf-8")
    ed = edition(tmp_path)
    shutil.rmtree(ed / "articles")
    (ed / "articles").symlink_to(elsewhere)
    refused(capsys, "check", str(ed), names=("articles", "outside the edition"))


def test_edition_yaml_symlinked_out_of_the_edition(tmp_path, capsys):
    (tmp_path / "other.yaml").write_text(EDITION, encoding="utf-8")
    ed = edition(tmp_path)
    (ed / "edition.yaml").unlink()
    (ed / "edition.yaml").symlink_to(tmp_path / "other.yaml")
    refused(capsys, "check", str(ed), names=("edition.yaml", "outside the edition"))


def test_symlink_inside_the_edition_is_fine(tmp_path, capsys):
    ed = edition(tmp_path)
    (ed / "drafts").mkdir()
    (ed / "drafts" / "b.md").write_text(STORY.replace("文化馆", "图书馆"), encoding="utf-8")
    (ed / "articles" / "02-b.md").symlink_to(ed / "drafts" / "b.md")
    code, out, err = run(capsys, "check", str(ed))
    assert code in (0, 1) and "02-b" in out and "error:" not in err, (out, err)


# ---------------------------------------------------------------------------
# item 8: no article dropped silently
# ---------------------------------------------------------------------------


def test_case_variants_and_markdown_are_read(tmp_path, capsys):
    arts = {"01-a.MD": STORY, "02-b.markdown": STORY.replace("文化馆", "图书馆")}
    arts["03-c.Md"] = STORY.replace("文化馆", "博物馆")
    code, out, err = run(capsys, "check", str(edition(tmp_path, articles=arts)))
    assert code in (0, 1) and "error:" not in err, err
    for art in ("01-a", "02-b", "03-c"):
        assert art in out


def test_skipped_files_are_named(tmp_path, capsys):
    arts = {"01-a.md": STORY, "old/02-b.md": STORY, "notes.txt": "x", "03-c.docx": "x"}
    code, out, err = run(capsys, "check", str(edition(tmp_path, articles=arts)))
    assert code in (0, 1) and "error:" not in err, err
    warned = [ln for ln in err.splitlines() if ln.startswith("newspage: warning:")]
    for name in ("old/02-b.md", "notes.txt", "03-c.docx"):
        assert sum(name in ln for ln in warned) == 1, (name, err)


def test_dangling_symlink_is_an_error(tmp_path, capsys):
    ed = edition(tmp_path)
    (ed / "articles" / "02-gone.md").symlink_to(tmp_path / "nothing.md")
    refused(capsys, "check", str(ed), names=("02-gone.md",))


def test_same_id_twice_is_an_error(tmp_path, capsys):
    arts = {"01-a.md": STORY, "01-a.markdown": STORY}
    refused(capsys, "check", str(edition(tmp_path, articles=arts)), names=("01-a.markdown",))


def test_look_alike_ids_are_an_error(tmp_path, capsys):
    nfc = unicodedata.normalize("NFC", "01-café")
    nfd = unicodedata.normalize("NFD", "01-café")
    assert nfc != nfd
    arts = {f"{nfc}.md": STORY, f"{nfd}.md": STORY.replace("文化馆", "图书馆")}
    line = refused(capsys, "check", str(edition(tmp_path, articles=arts)))
    assert "look" in line or "same" in line


# ---------------------------------------------------------------------------
# item 9: smaller ones
# ---------------------------------------------------------------------------


def test_style_error_names_field_and_line(tmp_path, capsys):
    ed = edition(tmp_path, EDITION + "style: ours.yaml\n")
    (ed / "ours.yaml").write_text("extends: tabloid\ngrid:\n  columns: many\n", encoding="utf-8")
    line = refused(capsys, "check", str(ed), names=("ours.yaml:3", "grid.columns", "many"))
    assert "invalid literal" not in line


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('headline: "没有结束的引号\npriority: 1\nkicker: 引题\nbyline: 记者\n', 2),
        ("headline: [一, 二\npriority: 1\nkicker: 引题\nbyline: 记者\n", 2),
        ("priority: 1\nheadline: 标题\n  kicker: 引题\nbyline: 记者\n", 4),
    ],
)
def test_yaml_syntax_error_points_at_the_bad_line(tmp_path, capsys, text, line):
    arts = {"01-a.md": f"---\n{text}---\n正文。\n"}
    refused(capsys, "check", str(edition(tmp_path, articles=arts)), names=(f"01-a.md:{line}:",))


def test_edition_yaml_syntax_error_points_at_the_bad_line(tmp_path, capsys):
    head = 'paper: "测试日报\n' + EDITION.split("\n", 1)[1] + "\n" * 10
    refused(capsys, "check", str(edition(tmp_path, head)), names=("edition.yaml:1:",))


@pytest.mark.parametrize("date", ["0001-01-01", "1899-12-31", "10000-01-01"])
def test_date_out_of_range(tmp_path, capsys, date):
    ed = edition(tmp_path, EDITION.replace("2025-06-12", date))
    refused(capsys, "check", str(ed), names=("edition.yaml:2:", "date"))


def test_preflight_of_a_file_named_like_an_option(tmp_path, capsys, built, monkeypatch):
    pdf = next(built.glob("*.pdf"))
    shutil.copy(pdf, tmp_path / "-x.pdf")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "preflight", "--", "-x.pdf")
    assert code == 0 and "-x.pdf: PASS" in out, (out, err)


def test_preflight_of_a_missing_file(tmp_path, capsys):
    refused(capsys, "preflight", str(tmp_path / "nothing.pdf"), names=("nothing.pdf",))


# ---------------------------------------------------------------------------
# item 2: titles that need two lines (brief-block title, page header)
# ---------------------------------------------------------------------------

BRIEF = """\
---
kind: brief
place: 银湖
headline: 街道举办消夏晚会
---
街道文化站昨晚在广场举办消夏文艺晚会，居民自编自演节目十余个。
"""

ONE_COLUMN = "extends: tabloid\ngrid:\n  columns: 1\n"


def _page_text(out: Path) -> tuple[str, list[dict]]:
    from pdfcheck import page_chars

    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 1, pdfs
    chars = page_chars(pdfs[0])
    return "".join(c["text"] for c in chars), chars


@pytest.mark.parametrize("title", ["新闻集束", "本版新闻集束之街镇动态汇编"])  # 4 and 13 characters
@pytest.mark.parametrize("columns", [1, 6])
def test_brief_title_is_printed_whole(tmp_path, capsys, title, columns):
    head = EDITION + f"    briefs_title: {title}\n"
    if columns == 1:
        head += "style: narrow.yaml\n"
    ed = edition(tmp_path, head, {f"0{i}-brief.md": BRIEF for i in range(1, 4)})
    (ed / "narrow.yaml").write_text(ONE_COLUMN, encoding="utf-8")
    out = tmp_path / "o"
    code, stdout, err = run(capsys, "build", str(ed), "-o", str(out), "--no-preflight")
    assert code in (0, 1), err
    text, chars = _page_text(out)
    from pdfcheck import collisions

    from layout.style import load_style

    st = load_style("tabloid")
    below_header = st.bleed + st.slug + st.area_top - 1
    size = st.brief_title_size
    bar = [c for c in chars if c["top"] > below_header and abs(c["size"] - size) < 0.5]
    assert "".join(c["text"] for c in sorted(bar, key=lambda c: (c["top"], c["x0"]))) == title
    assert not collisions(chars)


@pytest.mark.parametrize("length", [20, 72])
def test_long_page_name_neither_overprints_nor_vanishes(tmp_path, capsys, length):
    name = ("街镇新闻综合版" * 11)[:length]
    head = EDITION.replace("name: 街镇新闻", f"name: {name}") + "    editor: 李敏\n"
    ed = edition(tmp_path, head)
    out = tmp_path / "o"
    code, stdout, err = run(capsys, "build", str(ed), "-o", str(out), "--no-preflight")
    if code == 2:  # refused: the error says why, naming the field
        assert "pages[1].name" in err and "Traceback" not in err, err
        return
    assert code in (0, 1), err
    from pdfcheck import collisions

    text, chars = _page_text(out)
    assert name in text.replace(" ", "")
    assert "2025年6月12日" in text and "李敏" in text
    assert not collisions(chars)


def test_page_name_that_cannot_fit_is_refused_from_a_worker(tmp_path, capsys):
    """Two pages are laid out in worker processes: the error still arrives whole."""
    head = EDITION.replace("name: 街镇新闻", "name: " + "街镇新闻综合版" * 60)
    head += "  - number: 4\n    section: 要闻\n"
    arts = {"01-a.md": STORY.replace("---\nh", "---\nsection: 街镇\nh")}
    arts["02-b.md"] = STORY.replace("---\nh", "---\nsection: 要闻\nh")
    ed = edition(tmp_path, head, arts)
    refused(capsys, "build", str(ed), "-o", str(tmp_path / "o"), names=("pages[1].name",))
