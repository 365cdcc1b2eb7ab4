"""Laid-out pages → what an editor reads: overset/short per article, warnings.

Text for people (超 N 字 / 缺 N 行 ≈ M 字), JSON for tools (report.json),
JUnit XML for CI dashboards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cli_json import dumps
from .cli_json import plain as asdict  # dataclasses.asdict without deep copies

if TYPE_CHECKING:  # only for annotations: a cache hit reports without the make-up
    from .makeup import PageLayout


def page_dict(layout: PageLayout) -> dict:
    rep = layout.report
    return {
        "page": layout.page.number,
        "name": layout.page.name,
        "section": layout.page.section,
        "grid": {
            "columns": rep.grid.columns,
            "lines": rep.grid.lines,
            "chars_per_column": rep.grid.chars,
        },
        "fill_ratio": round(rep.fill_ratio, 4),
        "fill": round(rep.fill_ratio, 4),  # titles and body over the type area
        "rules_met": rep.rules_met,
        "steps": rep.steps,
        "holes": [asdict(h) for h in rep.holes],
        "jumps": [asdict(j) for j in rep.jumps],  # continued from or to this page (转版)
        "modules": [asdict(p) for p in rep.placements],
        "articles": [asdict(a) for a in rep.articles],
        "diagnostics": [asdict(d) for d in rep.diagnostics],
    }


def edition_dict(layouts: list[PageLayout], edition_name: str) -> dict:
    pages = [page_dict(lay) for lay in layouts]
    over = [a["id"] for p in pages for a in p["articles"] if a["overset_chars"]]
    errors = [d for p in pages for d in p["diagnostics"] if d["severity"] == "error"]
    holes = [p["page"] for p in pages if p["holes"]]
    return {
        "edition": edition_name,
        "ok": not over and not errors,
        "overset_articles": over,
        "pages_with_holes": holes,
        "jumps": [asdict(j) for j in jumps(layouts)],
        "pages": pages,
    }


def jumps(layouts: list[PageLayout]) -> list:
    """Every jump of the edition once, in page order of where it starts."""
    seen: dict[tuple, object] = {}
    for lay in layouts:
        for j in lay.report.jumps:
            seen.setdefault((j.article, j.from_page), j)
    return list(seen.values())


def jump_line(j) -> str:
    """A jump as `check` prints it: both pages and the characters on each side."""
    over = f", 超 {j.overset} 字 printed nowhere" if j.overset else ""
    return (
        f"jump: {j.article} 第{j.from_page}版 → 第{j.to_page}版: "
        f"{j.chars_from} + {j.chars_to} of {j.total} 字{over}"
    )


def verdict(a) -> str:
    if a.overset_chars:
        return f"超 {a.overset_chars} 字"
    if a.short_lines:
        return f"缺 {a.short_lines} 行 ≈ {a.short_chars} 字"
    return "OK"


def format_text(layouts: list[PageLayout], verbose: bool = False, edition=None) -> str:
    out = []
    for lay in layouts:
        out.append(
            f"page {lay.page.number} {lay.page.name}: fill {100 * lay.fill_ratio:.1f}% "
            f"of {lay.report.grid.columns}×{lay.report.grid.lines} grid"
        )
        width = max((len(a.id) for a in lay.articles), default=10)
        for a in lay.articles:
            module = (
                f"{a.span} cols × {a.depth} lines @ col {a.col} line {a.top}"
                if a.span
                else a.module
            )
            where = ""
            if a.kind == "continuation":
                where = next(
                    (f"  (上接第{j.from_page}版)" for j in lay.report.jumps if j.article == a.id),
                    "",
                )
            else:
                where = next(
                    (
                        f"  (下转第{j.to_page}版)"
                        for j in lay.report.jumps
                        if j.article == a.id and j.from_page == lay.page.number
                    ),
                    "",
                )
            out.append(f"  {a.id:<{width}}  {module:<32} {verdict(a)}{where}")
        for j in lay.report.jumps:
            if j.from_page == lay.page.number:
                out.append(f"  {jump_line(j)}")
        for p in lay.placements:  # furniture reserved before the make-up
            if p.kind in ("masthead", "ad"):
                where = f"{p.span} cols × {p.depth} lines @ col {p.col + 1} line {p.top + 1}"
                out.append(f"  {p.article:<{width}}  {where:<32} {p.kind}")
        if verbose:
            for step in lay.report.steps:
                out.append(f"  step: {step}")
        unmet = [name for name, met in lay.rules_met.items() if not met]
        if unmet:
            out.append(f"  rules not met: {', '.join(unmet)}")
        for d in lay.diagnostics:
            if d.severity != "info" or verbose:
                out.append(f"  {d.severity}: {d.article}: {d.message}")
        notes = {a.id: a.punctuation for a in edition.articles} if edition and verbose else {}
        for a in lay.articles:  # editor's notes: marks made full width (GB/T 15834)
            out.extend(f"  info: {a.id}: punctuation {n}" for n in notes.get(a.id, ()))
    over = sum(1 for lay in layouts for a in lay.articles if a.overset_chars)
    errs = sum(1 for lay in layouts for d in lay.diagnostics if d.severity == "error")
    holes = sum(len(lay.report.holes) for lay in layouts)
    made = jumps(layouts)
    if made:
        out.append(f"{len(made)} jump(s): " + "; ".join(jump_line(j)[6:] for j in made))
    out.append(
        "OK: everything fits"
        if not over and not errs
        else f"FAIL: {over} article(s) overset, {holes} hole(s), {errs} error(s)"
    )
    return "\n".join(out)


def format_json(layouts: list[PageLayout], edition_name: str) -> str:
    return dumps(edition_dict(layouts, edition_name))  # json.dumps(…, indent=2)'s text


def format_junit(layouts: list[PageLayout], edition_name: str) -> str:
    from xml.sax.saxutils import quoteattr

    cases = []
    fails = 0
    for lay in layouts:
        for a in lay.articles:
            name = quoteattr(f"page {lay.page.number}: {a.id}")
            if a.overset_chars:
                fails += 1
                msg = quoteattr(f"{a.id} 超 {a.overset_chars} 字")
                cases.append(f"  <testcase name={name}><failure message={msg}/></testcase>")
            else:
                cases.append(f"  <testcase name={name}/>")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name={quoteattr(edition_name)} '
        f'tests="{len(cases)}" failures="{fails}">\n' + "\n".join(cases) + "\n</testsuite>"
    )
