"""Preflight: findings and settings."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

MM = 72.0 / 25.4
_BOX_TOL = 0.01  # pt, box nesting
_SIZE_TOL = 0.1  # pt, trim size and bleed width
_MAX_FORM_DEPTH = 16
_MAX_TAC_AREAS = 10


@dataclass(frozen=True)
class Finding:
    severity: Literal["error", "warning", "info"]  # info: figures (images, max TAC)
    page: int | None
    check: str
    message: str
    where: str = ""


@dataclass(frozen=True)
class PreflightSettings:
    tac_error: float = 240.0
    tac_warn: float = 220.0
    min_rule_error: float = 0.25
    min_rule_warn: float = 0.5
    trim_size_pt: tuple[float, float] | None = None
    bleed_pt: float | None = None
    # None: apply PDF/X-1a:2003 or PDF/X-4 rules by what the file claims; a file that
    # claims nothing fails the PDF/X checks (and is held to the X-1a colour rules).
    pdfx_version: str | None = None
    dpi: int = 100
    check_ink: bool = True
    # "render": the ink check always renders the separations with Ghostscript (any PDF).
    # "prove": a page whose content streams put down known inks only (no images,
    # shadings, patterns or spot colours inside the BleedBox) is proven from what it
    # paints: its TAC is at most the sum over the plates of the most ink any one
    # painting puts on that plate, and it has no spot plate; only the pages that
    # cannot be proven so are rendered. For the pages newspage writes itself.
    ink: Literal["render", "prove"] = "render"
    # run qpdf's syntax check inside this process (pikepdf, the same library) instead
    # of the qpdf command: the same check without starting a process.
    qpdf_in_process: bool = False
    # None: any non-empty OutputConditionIdentifier; else it must equal this.
    output_condition_identifier: str | None = None
    # rules up to this weight (pt) should be printed in one ink
    single_ink_rule_max: float = 4.0


# ---------------------------------------------------------------------------
# Collecting findings
# ---------------------------------------------------------------------------


@dataclass
class _Raw:
    severity: str
    page: int | None
    check: str
    message: str
    where: str
    merge: bool
    count: int = 1


class _Findings:
    """Findings in order; identical (severity, page, check, message) merge into one
    finding with a count, keeping the first position."""

    def __init__(self) -> None:
        self.items: list[_Raw] = []
        self.index: dict[tuple, _Raw] = {}
        self.tac_seen: set[int] = set()  # pages whose total ink was measured on a render

    def add(self, severity, page, check, message, where="", merge=True) -> None:
        key = (severity, page, check, message)
        if merge and key in self.index:
            self.index[key].count += 1
            return
        raw = _Raw(severity, page, check, message, where, merge)
        self.items.append(raw)
        if merge:
            self.index[key] = raw

    def error(self, page, check, message, where="", merge=True) -> None:
        self.add("error", page, check, message, where, merge)

    def info(self, page, check, message, where="") -> None:
        self.add("info", page, check, message, where, merge=False)

    def warning(self, page, check, message, where="", merge=True) -> None:
        self.add("warning", page, check, message, where, merge)

    def result(self) -> list[Finding]:
        out = []
        for r in self.items:
            message = r.message
            where = r.where
            if r.count > 1:
                message = f"{message} ({r.count} times)"
                where = f"first: {where}" if where else ""
            out.append(Finding(r.severity, r.page, r.check, message, where))  # type: ignore[arg-type]
        out.sort(key=lambda f: 0 if f.page is None else f.page)
        return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def format_findings(results: dict[Path, list[Finding]], fmt: str = "text") -> str:
    """Text: one line per finding plus a summary line per file. JSON: a list with one
    object per file: {file, status, errors, warnings, findings: [{severity, page,
    check, message, where}]}."""
    if fmt == "json":
        items = []
        for path, findings in results.items():
            errors = sum(1 for f in findings if f.severity == "error")
            items.append(
                {
                    "file": str(path),
                    "status": "FAIL" if errors else "PASS",
                    "errors": errors,
                    "warnings": sum(1 for f in findings if f.severity == "warning"),
                    "findings": [asdict(f) for f in findings],
                }
            )
        return json.dumps(items, ensure_ascii=False, indent=1)
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r} (text or json)")
    lines = []
    for path, findings in results.items():
        name = str(path)
        for f in findings:
            page = f"p{f.page}" if f.page is not None else "doc"
            where = f" ({f.where})" if f.where else ""
            lines.append(f"{name} {page} {f.severity} {f.check}: {f.message}{where}")
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = sum(1 for f in findings if f.severity == "warning")
        verdict = "FAIL" if errors else "PASS"
        lines.append(
            f"{name}: {verdict} ({_plural(errors, 'error')}, {_plural(warnings, 'warning')})"
        )
    return "\n".join(lines)
