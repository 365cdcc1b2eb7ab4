"""Quality harness: generated editions of every amount of copy, built and audited.

    python3 scripts/quality.py [-o OUT] [--styles tabloid broadsheet] [--fills 50 70 85 100 115 130]
                               [--seeds 1 2] [--jobs 2] [--md FILE] [--no-check] [--no-png]
                               [--traditional] [--long-story] [--photos [SHARE]] [--latin]
                               [--front] [--ad COLUMNS LINES]

For each style × seed it writes one edition with tests/editiongen.py (the copy
options as scripts/gen_edition.py's), a page per
fill (so that the auditor's page foot is the edition's: the lowest baseline of
all its pages), then, as subprocesses from the repository root, at most --jobs
editions at a time:

- `python3 -m layout build ED -o OUT --combined` (timed, exit code kept) and
  `python3 -m layout check ED --format json`;
- ../shared/audit/audit.py on the combined PDF (`--content ED --json --no-colour`);
  spacing.py (`--json`) and headings.py (needs jieba) on each page's PDF;
- pdftoppm -r 60 of the combined PDF → OUT/<style>-s<seed>/png/page-N.png.

It writes OUT/summary.md and OUT/summary.json (and the same per edition in its
folder): one row per page with fill (the make-up's fill_ratio), holes, overset
characters, short columns, missing characters, kinsoku, ragged lines, grid
share, collisions, letter-spaced lines (> 0.25 em and > 0.10 em), heading bad
breaks, the rules not met, the edition's build time and exit code. A step that
fails or times out leaves its cells empty and its error in the row; the harness
goes on.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.editiongen import FILLS, EditionSpec, generate  # noqa: E402

sys.path.insert(0, str(REPO / "scripts"))
from gen_edition import copy_args, copy_spec, furnish, furniture_args  # noqa: E402

AUDIT_DIR = REPO.parent / "shared" / "audit"  # beside the checkout


@dataclass
class Row:
    """One page of one generated edition."""

    edition: str  # style-sSEED
    style: str
    seed: int
    page: int
    fill_target: int  # percent of a page's copy capacity
    articles: int = 0
    stories: int = 0
    briefs: int = 0
    copy_chars: int = 0
    build_exit: int | None = None  # of the edition's build (all its pages)
    build_s: float | None = None
    check_exit: int | None = None
    fill: float | None = None  # the report's fill (older reports: fill_ratio)
    holes: int | None = None
    overset_chars: int | None = None
    overset_articles: int | None = None
    lead_overset: int | None = None  # overset characters of the page's lead (priority 1)
    short_lines: int | None = None  # 缺 N 行 summed over articles
    rules_not_met: list[str] = field(default_factory=list)
    short_columns: int | None = None
    missing: int | None = None
    kinsoku: int | None = None
    ragged: int | None = None
    grid_share: float | None = None
    collisions: int | None = None
    spacing_over_025: int | None = None
    spacing_over_010: int | None = None
    heading_bad: int | None = None
    headings: int | None = None
    audit_pass: bool | None = None
    png: str | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.edition} p{self.page} {self.fill_target}%"


def _run(cmd: list[str], timeout: float, log: Path) -> tuple[int | None, str, float]:
    """Exit code (None on timeout), stdout and seconds; stderr goes to `log`."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        log.write_text(f"TIMEOUT after {timeout} s\n", encoding="utf-8")
        return None, out, time.perf_counter() - start
    log.write_text(proc.stderr, encoding="utf-8")
    return proc.returncode, proc.stdout, time.perf_counter() - start


def _tail(log: Path) -> str:
    lines = [ln for ln in log.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines[-1][:200] if lines else ""


def _read_report_page(row: Row, page: dict, overset_ids: set[str]) -> None:
    # `fill` (over the type area, issue 10) where the report has it, else fill_ratio
    row.fill = page.get("fill", page.get("fill_ratio"))
    arts = page.get("articles", [])
    row.overset_chars = sum(a.get("overset_chars", 0) or 0 for a in arts)
    row.overset_articles = sum(a.get("id") in overset_ids for a in arts)
    lead = [a for a in arts if str(a.get("id", "")).endswith("-01-story")]  # editiongen's ids
    row.lead_overset = lead[0].get("overset_chars", 0) if lead else None
    row.short_lines = sum(a.get("short_lines", 0) or 0 for a in arts)
    row.holes = len(page.get("holes", []) or [])
    row.rules_not_met = sorted(k for k, v in page.get("rules_met", {}).items() if not v)


def _read_audit_page(row: Row, page: dict) -> None:
    checks = page.get("checks", {})

    def fig(check: str, key: str) -> object:
        return checks.get(check, {}).get("figures", {}).get(key)

    row.audit_pass = page.get("pass")
    row.short_columns = fig("fill", "short_columns")
    row.missing = fig("text", "missing")
    row.kinsoku = fig("lines", "kinsoku")
    row.ragged = fig("justification", "ragged")
    row.grid_share = fig("grid", "grid_share")
    row.collisions = fig("collisions", "collisions")


def _audit(rows: list[Row], audit_dir: Path, build: Path, ed: Path, work: Path, t: float) -> None:
    """audit.py on the combined PDF (the foot is the edition's); spacing and headings per page."""
    pdf = build / "edition.pdf"
    cmd = [sys.executable, str(audit_dir / "audit.py"), str(pdf), "--content", str(ed)]
    code, out, _ = _run([*cmd, "--json", "--no-colour"], t, work / "audit.log")
    try:
        pages = json.loads(out)["pages"]
        (work / "audit.json").write_text(out, encoding="utf-8")
        for row, page in zip(rows, pages, strict=False):
            _read_audit_page(row, page)
    except (json.JSONDecodeError, KeyError):
        for row in rows:
            row.errors.append(f"audit exit {code}: {_tail(work / 'audit.log')}")
    for row in rows:
        one = build / f"page-{row.page:02d}.pdf"
        if not one.is_file():
            row.errors.append(f"no {one.name}")
            continue
        log = work / f"spacing-{row.page}.log"
        code, out, _ = _run(
            [sys.executable, str(audit_dir / "spacing.py"), str(one), "--json"], t, log
        )
        try:
            pages = json.loads(out)
            row.spacing_over_025 = sum(p.get("over_0.25em", 0) for p in pages)
            row.spacing_over_010 = sum(p.get("over_0.10em", 0) for p in pages)
        except (json.JSONDecodeError, AttributeError, TypeError):
            row.errors.append(f"spacing exit {code}: {_tail(log)}")
        log = work / f"headings-{row.page}.log"
        code, out, _ = _run([sys.executable, str(audit_dir / "headings.py"), str(one)], t, log)
        (work / f"headings-{row.page}.txt").write_text(out, encoding="utf-8")
        m = re.search(r"bad=(\d+) headings=(\d+)", out)
        if m:
            row.heading_bad, row.headings = int(m.group(1)), int(m.group(2))
        else:
            row.errors.append(f"headings exit {code}: {_tail(log)}")


def run_edition(
    style: str, seed: int, fills: list[int], out: Path, audit_dir: Path, args: argparse.Namespace
) -> list[Row]:
    """One generated edition, a page per fill: built, checked, audited, rendered."""
    name = f"{style}-s{seed}"
    work = out / name
    work.mkdir(parents=True, exist_ok=True)
    ed = work / "edition"
    spec = EditionSpec(
        seed=seed, fills=tuple(f / 100 for f in fills), style=style, **copy_spec(args)
    )
    made = generate(spec, ed)
    if args.front or args.ad:  # the first page a front page and/or with an ad at its foot
        furnish(ed / "edition.yaml", made.pages[0].number, args.front, args.ad)
    rows = []
    for page, fill in zip(made.summary()["pages"], fills, strict=True):
        row = Row(name, style, seed, page["number"], fill)
        row.articles, row.stories, row.briefs = page["articles"], page["stories"], page["briefs"]
        row.copy_chars = page["copy_chars"]
        rows.append(row)
    build = work / "build"
    # every page as a print file under its old name, overset or not (issue 14: a
    # page that is not final is otherwise written as NAME.proof.pdf)
    cmd = [sys.executable, "-m", "layout", "build", str(ed), "-o", str(build), "--combined"]
    cmd += ["--force", "--name", "page-{page:02d}.pdf"]
    code, _, secs = _run(cmd, args.timeout, work / "build.log")
    for row in rows:
        row.build_exit, row.build_s = code, round(secs, 2)
        if code not in (0, 1):
            row.errors.append(f"build exit {code}: {_tail(work / 'build.log')}")
    report = None
    if not args.no_check:
        cmd = [sys.executable, "-m", "layout", "check", str(ed), "--format", "json"]
        code, text, _ = _run(cmd, args.timeout, work / "check.log")
        (work / "check.json").write_text(text, encoding="utf-8")
        for row in rows:
            row.check_exit = code
        try:
            report = json.loads(text)
        except json.JSONDecodeError:
            pass
    try:
        report = json.loads((build / "report.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        if report is None:
            for row in rows:
                row.errors.append("no report: neither build/report.json nor check json")
    if report:
        overset = set(report.get("overset_articles", []))
        by_number = {p.get("page"): p for p in report.get("pages", [])}
        for row in rows:
            if row.page in by_number:
                _read_report_page(row, by_number[row.page], overset)
    if not (build / "edition.pdf").is_file():
        for row in rows:
            row.errors.append("no combined PDF")
        return rows
    _audit(rows, audit_dir, build, ed, work, args.timeout)
    if not args.no_png:
        png = work / "png"
        png.mkdir(exist_ok=True)
        cmd = ["pdftoppm", "-r", "60", "-png", str(build / "edition.pdf"), str(png / "page")]
        code, _, _ = _run(cmd, 300, work / "png.log")
        files = sorted(png.glob("*.png"))
        for row, f in zip(rows, files, strict=False):
            row.png = str(f)
        if code != 0:
            rows[0].errors.append(f"pdftoppm exit {code}")
    return rows


def _cell(v: object) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.3f}".rstrip("0").rstrip(".") if v < 10 else f"{v:.1f}"
    if isinstance(v, list):
        return ", ".join(map(str, v)) or "–"
    return str(v)


COLUMNS = (
    ("edition", "edition"),
    ("page", "page"),
    ("copy %", "fill_target"),
    ("arts (st+br)", None),
    ("fill", "fill"),
    ("holes", "holes"),
    ("overset 字", "overset_chars"),
    ("缺 lines", "short_lines"),
    ("short cols", "short_columns"),
    ("missing", "missing"),
    ("kinsoku", "kinsoku"),
    ("ragged", "ragged"),
    ("grid", "grid_share"),
    ("collisions", "collisions"),
    ("sp>0.25", "spacing_over_025"),
    ("sp>0.10", "spacing_over_010"),
    ("head bad", "heading_bad"),
    ("build s", "build_s"),
    ("exit", "build_exit"),
    ("rules not met", "rules_not_met"),
)


def markdown(rows: list[Row]) -> str:
    head = "| " + " | ".join(c for c, _ in COLUMNS) + " |"
    sep = "|" + "|".join("---" for _ in COLUMNS) + "|"
    lines = [head, sep]
    for r in rows:
        cells = []
        for _, key in COLUMNS:
            cells.append(
                f"{r.articles} ({r.stories}+{r.briefs})" if key is None else _cell(getattr(r, key))
            )
        lines.append("| " + " | ".join(cells) + " |")
    errors = [f"- {r.name}: {'; '.join(r.errors)}" for r in rows if r.errors]
    if errors:
        lines += ["", "Errors:", "", *errors]
    return "\n".join(lines) + "\n"


def _mean(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 3) if values else None


def by_fill(rows: list[Row]) -> str:
    """Per style and fill: how many pages show each fault."""
    heads = (
        "style", "copy %", "pages", "mean fill", "min fill", "overset pages", "lead cut",
        "mean overset 字", "short-col pages", "sp>0.25 lines", "head bad", "bumping",
        "lead not top/widest", "shapes out of range", "mean build s/page",
    )  # fmt: skip
    lines = ["| " + " | ".join(heads) + " |", "|" + "|".join("---" for _ in heads) + "|"]
    keys = sorted({(r.style, r.fill_target) for r in rows if r.page})
    for style, fill in keys:
        rs = [r for r in rows if (r.style, r.fill_target) == (style, fill)]
        fills = [r.fill for r in rs if r.fill is not None]
        per_page = [r.build_s / max(1, len({x.page for x in rows if x.edition == r.edition}))
                    for r in rs if r.build_s is not None]  # fmt: skip
        cells = [
            style,
            fill,
            len(rs),
            _mean(fills),
            min(fills) if fills else None,
            sum(bool(r.overset_chars) for r in rs),
            sum(bool(r.lead_overset) for r in rs),
            _mean([r.overset_chars for r in rs]),
            sum(bool(r.short_columns) for r in rs),
            sum(r.spacing_over_025 or 0 for r in rs),
            sum(r.heading_bad or 0 for r in rs),
            sum("no_bumping_heads" in r.rules_not_met for r in rs),
            sum("lead_on_top_widest" in r.rules_not_met for r in rs),
            sum("shapes_in_range" in r.rules_not_met for r in rs),
            _mean(per_page),
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def refresh(out: Path) -> list[Row]:
    """The rows of a finished run (OUT/summary.json), report figures re-read from its builds."""
    top = out / "summary.json"
    if top.is_file():
        rows = [Row(**r) for r in json.loads(top.read_text(encoding="utf-8"))["rows"]]
    else:  # a run still going or stopped: the editions it finished
        rows = [
            Row(**r)
            for f in sorted(out.glob("*/summary.json"))
            for r in json.loads(f.read_text(encoding="utf-8"))
        ]
    for edition in {r.edition for r in rows}:
        try:
            report = json.loads((out / edition / "build" / "report.json").read_text("utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        overset = set(report.get("overset_articles", []))
        pages = {p.get("page"): p for p in report.get("pages", [])}
        for r in rows:
            if r.edition == edition and r.page in pages:
                _read_report_page(r, pages[r.page], overset)
    return rows


def write_tables(rows: list[Row], out: Path, seconds: float, md: Path | None) -> str:
    table = "## By style and fill\n\n" + by_fill(rows) + "\n## Every page\n\n" + markdown(rows)
    (out / "summary.md").write_text(table, encoding="utf-8")
    (out / "summary.json").write_text(
        json.dumps(
            {"seconds": round(seconds, 1), "rows": [asdict(r) for r in rows]},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    if md:
        md.write_text(table, encoding="utf-8")
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "-o", "--out", type=Path, default=Path(tempfile.gettempdir()) / "newspage-quality"
    )
    ap.add_argument("--styles", nargs="+", default=["tabloid", "broadsheet"])
    ap.add_argument("--fills", type=int, nargs="+", default=[round(f * 100) for f in FILLS])
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=900, help="seconds per subprocess")
    ap.add_argument("--md", type=Path, help="also write the markdown table here")
    ap.add_argument("--no-check", action="store_true", help="skip `check --format json`")
    ap.add_argument("--no-png", action="store_true")
    copy_args(ap)
    furniture_args(ap)
    ap.add_argument(
        "--tables-only", action="store_true", help="rewrite the tables of the run in --out"
    )
    args = ap.parse_args(argv)
    if args.tables_only:
        top = args.out / "summary.json"
        seconds = json.loads(top.read_text("utf-8")).get("seconds", 0) if top.is_file() else 0
        print(write_tables(refresh(args.out), args.out, seconds, args.md))
        return 0
    audit_dir = AUDIT_DIR
    if not (audit_dir / "audit.py").is_file():
        print(f"no auditor: {audit_dir / 'audit.py'} is missing", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    editions = [(style, seed) for style in args.styles for seed in args.seeds]
    start = time.perf_counter()

    def one(edition: tuple[str, int]) -> list[Row]:
        style, seed = edition
        try:
            rows = run_edition(style, seed, args.fills, args.out, audit_dir, args)
        except Exception as exc:  # the harness records, never stops
            rows = [Row(f"{style}-s{seed}", style, seed, 0, 0, errors=[repr(exc)])]
        for row in rows:
            print(
                f"{row.name}: exit {row.build_exit} {row.build_s} s fill {row.fill} "
                f"overset {row.overset_chars} short_cols {row.short_columns}",
                flush=True,
            )
        (args.out / rows[0].edition).mkdir(parents=True, exist_ok=True)
        (args.out / rows[0].edition / "summary.json").write_text(
            json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1), encoding="utf-8"
        )
        (args.out / rows[0].edition / "summary.md").write_text(markdown(rows), encoding="utf-8")
        return rows

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        rows = [r for rs in pool.map(one, editions) for r in rs]
    took = time.perf_counter() - start
    print(write_tables(rows, args.out, took, args.md))
    print(f"{len(editions)} editions, {len(rows)} pages in {took:.0f} s; {args.out / 'summary.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
