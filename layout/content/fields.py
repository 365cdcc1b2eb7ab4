"""YAML with line numbers, and the typed fields an editor writes in it.

Every value is read from the node tree, so that each mistake comes back as a
ContentError naming the file, the field (e.g. `pages[2].number`) and the line.
Shared by edition.yaml, the articles' front matter, the furniture (masthead,
ads) and the photos.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import ContentError

YEARS = (1900, 9999)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Whitespace runs and lone tabs/NBSPs become one space; a single space or a
# single ideographic space (U+3000) is the author's and is kept as written.
_WHITESPACE = re.compile(r"\s{2,}|[^\S \u3000]")


# libyaml's composer when PyYAML has it: ten times faster on a many-page
# edition's front matters, with the same nodes and marks. On an error the
# pure-Python composer runs again for its message, which names the character
# ("found character '@' that cannot start any token").
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose_yaml(text: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        if _FAST_LOADER is yaml.SafeLoader:
            raise
    return yaml.compose(text, Loader=yaml.SafeLoader)


def compose(path: Path, text: str, first_line: int) -> Node | None:
    """The YAML node tree of `text`, whose first line is line `first_line` of `path`."""
    try:
        return compose_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = _error_mark(exc, text)
        line = first_line + mark.line if mark else None
        # "while scanning a quoted scalar: found unexpected end of stream"
        what = ": ".join(t for t in (exc.context, exc.problem) if t) or "cannot be read"
        where = f" (column {mark.column + 1})" if mark else ""
        raise ContentError(path, f"YAML syntax error: {what}{where}", line=line) from None
    except yaml.YAMLError as exc:
        raise ContentError(path, f"YAML error: {exc}") from None
    except RecursionError:
        raise ContentError(path, "YAML nested too deeply") from None


def _error_mark(exc: yaml.MarkedYAMLError, text: str) -> Any:
    """Where a syntax error is: the problem, unless the parser only noticed it at
    the end of the text or inside an unclosed quote or bracket: then where that opened."""
    problem, context = exc.problem_mark, exc.context_mark
    if problem is None:
        return context
    at_end = problem.index >= len(text.rstrip())
    opened = any(w in (exc.context or "") for w in ("flow", "quoted"))
    if context is not None and (opened or at_end or "end of stream" in (exc.problem or "")):
        return context
    if context is not None and "could not find expected ':'" in (exc.problem or ""):
        return context  # a key line without its ':' (or a broken indentation)
    return problem


def line_of(node: Node, first_line: int) -> int:
    return first_line + node.start_mark.line


def _construct(node: Node) -> Any:
    """The Python value of one node, as yaml.safe_load would build it."""
    return yaml.SafeLoader("").construct_document(node)


@dataclass
class Map:
    """One YAML mapping of a file, with the line of every key."""

    path: Path
    first_line: int
    keys: dict[str, Node]  # key → key node (for its line)
    values: dict[str, Node]
    line: int | None = None  # where the mapping starts (for "missing key" errors)
    prefix: str = ""  # field name prefix: "pages[2]." or "place."

    def has(self, key: str) -> bool:
        return key in self.values

    def key_line(self, key: str) -> int | None:
        node = self.keys.get(key)
        return line_of(node, self.first_line) if node is not None else self.line

    def error(self, key: str, message: str, hint: str | None = None) -> ContentError:
        return ContentError(
            self.path, message, field=self.prefix + key, line=self.key_line(key), hint=hint
        )

    def value(self, key: str) -> Any:
        node = self.values.get(key)
        if node is None:
            return None
        try:
            return _construct(node)
        except yaml.MarkedYAMLError as exc:
            raise self.error(key, f"cannot be read: {exc.problem or exc}") from None
        # The safe constructor raises plain ValueError for e.g. a date 2025-02-30.
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
            raise self.error(key, f"cannot be read: {exc}") from None


def as_map(
    path: Path,
    node: Node | None,
    first_line: int,
    allowed: tuple[str, ...],
    what: str,
    prefix: str = "",
) -> Map:
    """Checks `node` is a mapping with only `allowed` keys, each once."""
    if node is None:
        return Map(path, first_line, {}, {}, line=first_line, prefix=prefix)
    if not isinstance(node, MappingNode):
        raise ContentError(
            path,
            f"{what} must be a mapping of keys ({', '.join(allowed)}), not {node_kind(node)}",
            field=prefix.rstrip(".") or None,
            line=line_of(node, first_line),
        )
    out = Map(path, first_line, {}, {}, line=line_of(node, first_line), prefix=prefix)
    for knode, vnode in node.value:
        key = _key_name(knode)
        line = line_of(knode, first_line)
        if key not in allowed:
            raise _unknown_key(path, key, line, allowed, what, prefix)
        if key in out.keys:
            first = line_of(out.keys[key], first_line)
            raise ContentError(
                path,
                f"'{key}' is given twice (first on line {first})",
                field=prefix + key,
                line=line,
            )
        out.keys[key] = knode
        out.values[key] = vnode
    return out


def _key_name(node: Node) -> str:
    if isinstance(node, ScalarNode):
        return str(node.value)
    return f"<{node_kind(node)}>"


def node_kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    return f"the value {node.value!r}"


def _unknown_key(
    path: Path, key: str, line: int, allowed: tuple[str, ...], what: str, prefix: str
) -> ContentError:
    import difflib  # only for a misspelt key's hint

    close = difflib.get_close_matches(key, allowed, n=1)
    return ContentError(
        path,
        f"unknown key '{key}' in {what}; allowed keys: {', '.join(allowed)}",
        field=prefix + key,
        line=line,
        hint=f"did you mean '{close[0]}'?" if close else None,
    )


# ---------------------------------------------------------------------------
# typed field readers
# ---------------------------------------------------------------------------


def clean(text: str) -> str:
    return _WHITESPACE.sub(" ", text.strip())


def text_field(m: Map, key: str, *, required: bool = False, hint: str | None = None) -> str | None:
    """A text field, stripped; empty → None (or an error when required)."""
    value = m.value(key)
    if value is None:
        if required:
            message = f"'{key}' is empty" if m.has(key) else f"missing '{key}'"
            raise m.error(key, message, hint)
        return None
    if not isinstance(value, str):
        raise m.error(
            key,
            f"must be text, not {describe(value)}",
            hint=f'put it in quotes: {key}: "{value}"' if _is_scalar(value) else None,
        )
    text = clean(value)
    if not text and required:
        raise m.error(key, f"'{key}' is empty", hint)
    return text or None


def int_field(m: Map, key: str, *, required: bool = False, most: int | None = None) -> int | None:
    """A whole number >= 1 (and <= `most`); bools and quoted numbers are refused (typos)."""
    value = m.value(key)
    if value is None:
        if required:
            raise m.error(key, f"missing '{key}'" if not m.has(key) else f"'{key}' is empty")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        hint = f"write {key}: {value.strip()} without quotes" if _is_digits(value) else None
        raise m.error(key, f"must be a whole number of 1 or more, not {describe(value)}", hint)
    if value < 1:
        raise m.error(key, f"must be 1 or more, not {value}")
    if most is not None and value > most:
        shown = str(value) if len(str(value)) <= 12 else f"a number of {len(str(value))} digits"
        raise m.error(key, f"must be at most {most}, not {shown}")
    return value


def _is_digits(value: Any) -> bool:
    return isinstance(value, str) and value.strip().isdigit()


def _is_scalar(value: Any) -> bool:
    return isinstance(value, int | float | bool | dt.date)


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{value!r}" if not isinstance(value, dt.date) else f"the date {value}"


def flag_field(m: Map, key: str, default: bool = True) -> bool:
    if not m.has(key):
        return default
    value = m.value(key)
    if not isinstance(value, bool):
        raise m.error(key, f"must be true or false, not {describe(value)}")
    return value


def date_field(m: Map, key: str) -> dt.date:
    value = m.value(key)
    hint = "an ISO date: date: 2025-06-12"
    if value is None:
        raise m.error(key, f"missing '{key}'" if not m.has(key) else f"'{key}' is empty", hint)
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise m.error(key, f"is not a valid date: {exc}", hint) from None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise m.error(key, f"must be an ISO date (YYYY-MM-DD), not {describe(value)}", hint)
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise m.error(key, f"the year {value.year} is outside {YEARS[0]}–{YEARS[1]}", hint)
    return value
