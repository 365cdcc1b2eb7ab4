"""The press hand-over settings of a style (`print:`) and what they decide.

    print:
      marks: registration     # registration (all four plates) | k (black plate only) | none
      overprint: true         # black text and rules overprint (coldset practice)
      output_profile: plant.icc            # the plant's ICC profile, embedded
      output_condition: WAN-IFRA 26v5      # its characterization, when a profile is given
      file_name: "{paper}-{date}-{page:02d}.pdf"

A page with overset or a hole is not ready for print: `status()` says why,
and the pipeline writes it as a proof (or, forced, as a print PDF marked not
final in its slug and XMP).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from .errors import NewspageError

MARKS = ("registration", "k", "none")
DEFAULT_FILE_NAME = "{paper}-{date}-{page:02d}.pdf"
_FIELDS = {"paper", "date", "page", "issue", "section", "name", "edition"}


@dataclass(frozen=True)
class PrintSettings:
    marks: str = "registration"
    overprint: bool = True
    output_profile: str | None = None
    output_condition: str | None = None
    file_name: str = DEFAULT_FILE_NAME


def print_settings(raw) -> PrintSettings:
    """The `print:` section of a style, checked (errors name the field)."""
    if raw is None:
        return PrintSettings()
    if not isinstance(raw, dict):
        raise ValueError("print: must be a mapping (marks, overprint, output_profile, file_name)")
    unknown = set(raw) - {"marks", "overprint", "output_profile", "output_condition", "file_name"}
    if unknown:
        raise ValueError(f"print.{sorted(unknown)[0]}: unknown setting")
    marks = str(raw.get("marks", "registration")).lower()
    if raw.get("marks") is False:
        marks = "none"
    if marks not in MARKS:
        raise ValueError(f"print.marks: '{marks}' is not one of {', '.join(MARKS)}")
    overprint = raw.get("overprint", True)
    if not isinstance(overprint, bool):
        raise ValueError("print.overprint: must be true or false")
    profile = raw.get("output_profile")
    condition = raw.get("output_condition")
    pattern = str(raw.get("file_name", DEFAULT_FILE_NAME))
    check_pattern(pattern, "print.file_name")
    return PrintSettings(
        marks,
        overprint,
        str(profile) if profile else None,
        str(condition) if condition else None,
        pattern,
    )


def check_pattern(pattern: str, where: str) -> None:
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None}
    except ValueError as exc:
        raise ValueError(f"{where}: '{pattern}' is not a valid pattern: {exc}") from None
    bad = {n.split(".")[0].split("[")[0] for n in names} - _FIELDS
    if bad or not names:
        raise ValueError(
            f"{where}: '{pattern}' may use only {{{'}, {'.join(sorted(_FIELDS))}}}"
            + (f", not {{{sorted(bad)[0]}}}" if bad else "")
        )
    if "page" not in names:
        raise ValueError(f"{where}: '{pattern}' must contain {{page}} so pages do not collide")


_UNSAFE = re.compile(r'[\x00-\x1f/\\:*?"<>|]+')


def file_name(pattern: str, edition, page, *, edition_name: str = "") -> str:
    """The page's output file name from `pattern` (paper, date, page, …)."""
    values = {
        "paper": edition.paper,
        "date": edition.date.isoformat(),
        "page": page.number,
        "issue": edition.issue or "",
        "section": page.section,
        "name": page.name,
        "edition": edition_name,
    }
    try:
        name = pattern.format(**values)
    except (KeyError, ValueError, IndexError) as exc:
        raise NewspageError(f"file name pattern '{pattern}': {exc}") from None
    name = _UNSAFE.sub("_", name).strip(" .") or f"page-{page.number:02d}"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    return name


def proof_name(name: str) -> str:
    """`x.pdf` → `x.proof.pdf`: a proof never takes the print file's name."""
    return name[:-4] + ".proof.pdf"


def status(layout) -> str:
    """Why a laid-out page is not ready for print ("" when it is)."""
    why = []
    over = [(a.id, a.overset_chars) for a in layout.articles if a.overset_chars]
    if over:
        why.append("overset " + ", ".join(f"{aid} {n} 字" for aid, n in over))
    if layout.rules_met.get("full") is False:
        why.append("hole: the page is not full")
    return "; ".join(why)
