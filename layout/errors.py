"""Errors that stop a run, each with the exit code the command line returns.

Bad input raises (exit 2). Problems an editor must see but that do not stop the
layout (overset, a missing glyph) are `Diagnostic`s in the report, not errors.
"""

from __future__ import annotations

from pathlib import Path


class NewspageError(Exception):
    """Base of every error newspage raises on purpose."""

    exit_code = 2


class ContentError(NewspageError):
    """Bad input in an edition: names the file, the field and, where known, the line."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        field: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.field = field
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(self.format())

    def format(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        text = f"{where}: "
        if self.field:
            text += f"field '{self.field}': "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class StyleError(NewspageError):
    """A style file that cannot be used."""


class FontError(NewspageError):
    """A font role that cannot be resolved to a usable font file."""
