"""Preflight: the public API."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from .document import _check_document
from .findings import Finding, PreflightSettings, _Findings
from .page import _check_page, _PageBoxes
from .tools import _check_ink, _check_qpdf, _check_syntax

# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def preflight(path: Path, settings: PreflightSettings = PreflightSettings()) -> list[Finding]:  # noqa: B008
    """All findings for one PDF. Never raises for a bad file: an unreadable or non-PDF
    file gives one error finding."""
    import pikepdf

    path = Path(path)
    out = _Findings()
    if not path.is_file():
        out.error(None, "read", "no such file")
        return out.result()
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        out.error(None, "read", "the file is encrypted with a password (PDF/X forbids encryption)")
        return out.result()
    except Exception as exc:
        out.error(None, "read", f"not a readable PDF: {exc}")
        return out.result()
    pages: list[_PageBoxes] = []
    try:
        with pdf:
            x1a = _check_document(pdf, settings, out)
            if len(pdf.pages) == 0:
                out.error(None, "read", "the PDF has no pages")
            for n, page in enumerate(pdf.pages, start=1):
                pages.append(_check_page(pdf, page, n, x1a, settings, out))
            if settings.qpdf_in_process:
                _check_syntax(pdf, out)
        if not settings.qpdf_in_process:
            _check_qpdf(path, out)
        if settings.check_ink and pages and _needs_render(pages, settings):
            _check_ink(path, pages, settings, out)
    except Exception as exc:  # a damaged file can break any step: report, don't crash
        out.error(None, "read", f"preflight could not finish: {type(exc).__name__}: {exc}")
    return out.result()


def _needs_render(pages: list[_PageBoxes], settings: PreflightSettings) -> bool:
    """Whether the Ghostscript render is needed: always for ink="render"; for "prove"
    only when a page's inks cannot be bounded from its content, or the bound is over
    the TAC target (the render then finds the areas)."""
    if settings.ink == "render":
        return True
    return any(p.ink_bound is None or p.ink_bound > settings.tac_warn for p in pages)


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
                    "warnings": len(findings) - errors,
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
        warnings = len(findings) - errors
        verdict = "FAIL" if errors else "PASS"
        lines.append(
            f"{name}: {verdict} ({_plural(errors, 'error')}, {_plural(warnings, 'warning')})"
        )
    return "\n".join(lines)


def run(
    paths: Iterable[str],
    fmt: str = "text",
    settings: PreflightSettings = PreflightSettings(),  # noqa: B008
) -> int:
    """Preflight the files, print the findings; 0 pass, 1 any error, 2 a missing path."""
    results: dict[Path, list[Finding]] = {}
    missing = False
    for p in paths:
        path = Path(p)
        if not path.exists():
            missing = True
            print(f"newspage preflight: {p}: no such file", file=sys.stderr)
        results[path] = preflight(path, settings)
    print(format_findings(results, fmt))
    if missing:
        return 2
    bad = any(f.severity == "error" for fs in results.values() for f in fs)
    return 1 if bad else 0
