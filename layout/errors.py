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

    def __reduce__(self):  # crosses from a worker process intact
        kwargs = {"field": self.field, "line": self.line, "hint": self.hint}
        return (_content_error, (str(self.path), self.message, kwargs))

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


def _content_error(path: str, message: str, kwargs: dict) -> ContentError:
    return ContentError(path, message, **kwargs)


class StyleError(NewspageError):
    """A style file that cannot be used."""


class FontError(NewspageError):
    """A font role that cannot be resolved to a usable font file."""
