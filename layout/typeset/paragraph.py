"""`set_paragraph`: body text into justified lines."""

from __future__ import annotations

from ..fonts import Metrics
from .fit import _fit, _fix_runt, _is_runt
from .justify import _build_lines
from .measure import _long_token_breaks, _Measure
from .prepare import _text, by_metrics, prepare
from .refit import (
    _ANYWHERE,
    _INF,
    _REFIT_LINES,
    _SPREAD,
    _coster,
    _refit,
    _refit_total,
    _soft_breaks,
)
from .types import DEFAULT_STYLE, Paragraph, TypesetStyle


def set_paragraph(
    text: str,
    metrics: Metrics,
    width: float,
    *,
    indent: float = 2.0,
    style: TypesetStyle = DEFAULT_STYLE,
    align: str = "justify",
    emph: int = 0,
) -> Paragraph:
    """Set one paragraph into lines `width` em wide (first line indented).

    align: "justify" (body), "left", "center", "right" (every line at natural
    width: headlines set with `set_title`, a sign-off line flush right). The
    first `emph` characters (spaces not counted) are marked `alt`: a run-in
    heading in another face.
    """
    at = prepare(text, metrics, style, emph)
    if not at.ch:
        return Paragraph(lines=(), missing=tuple(dict.fromkeys(at.missing)))
    ms = _Measure(at, width, indent, style, _long_token_breaks(at, width))
    problems: list[str] = []
    spans = _fit(ms, problems=problems)
    runt = style.fix_runts and len(spans) > 1 and _is_runt(at, *spans[-1])
    if runt:
        runt = not _fix_runt(ms, spans)
    spread = align == "justify" and _spread_lines(ms, spans)
    # lines the greedy fit broke against the rules (inside a word that fits
    # a line: a long address on a narrow measure, library.example.or | g)
    broken = _illegal_breaks(ms, spans) if problems else []
    # the greedy fit broke inside a word at a point the repair pass may also
    # take (a DOI glued to its closing bracket: 10.4417/s41586-022-1234- | 5）。):
    # the repair still runs, or the lines above stay as the greedy left them
    # (在线发表（DOI: at +0.96 em a gap on a 13-em measure)
    soft_only = bool(problems) and not broken and all(_WORD in p for p in problems)
    if align == "justify" and (broken or soft_only or not problems):
        short = [i for i, (s, e) in enumerate(spans) if not ms.fits(s, e, i == len(spans) - 1)]
        if short or runt or spread or broken:
            # A line beyond the limits, letter-spaced, broken inside a word
            # or a 孤字 left: reset the lines above (the whole paragraph,
            # when it is short enough) …
            bad = short[0] if short else len(spans) - 1
            if spread:
                bad = min(bad, spread[0])
            if broken:
                bad = min(bad, broken[0])
            memo: dict[tuple[int, int], float] = {}  # line costs, shared
            new = _refit(ms, spans, max(0, bad - _REFIT_LINES), memo)
            if (
                _spread_lines(ms, new)
                or any(not ms.fits(s, e, True) for s, e in new)
                or _inside_address(ms, new)
            ):
                # … and if a line is still letter-spaced (or an address is
                # broken between two letters), break the whole paragraph
                # again, 挤排 allowed (a total fit).
                new = _refit_total(ms, new, memo)
            if new != spans:
                spans = new
                runt = style.fix_runts and len(spans) > 1 and _is_runt(at, *spans[-1])
                if (broken or soft_only) and not _illegal_breaks(ms, spans):
                    problems = []  # the repair found legal breaks for every line
    found: list[str] = []
    lines = _build_lines(ms, spans, width, align, found)
    if runt:
        problems.append(f"single character on the last line: '{_text(at, *spans[-1])}'")
    problems.extend(found)
    return Paragraph(
        lines=tuple(lines),
        missing=tuple(dict.fromkeys(at.missing)),
        problems=tuple(problems),
    )


_WORD = "broken inside a word"  # fit._emergency_end's report


def _illegal_breaks(ms, spans: list[tuple[int, int]]) -> list[int]:
    """Indices of lines that start where neither the normal breaks nor the
    repair pass's soft ones allow (an emergency break of the greedy fit)."""
    soft = _soft_breaks(ms)
    return [i for i, (s, _e) in enumerate(spans) if s and not ms.brk[s] and soft[s] == _INF]


def _inside_address(ms, spans: list[tuple[int, int]]) -> bool:
    """A line starts between two letters of an address (`refit._ANYWHERE`):
    a total fit may find the address's own points with a line set closer."""
    soft = _soft_breaks(ms)
    return any(s and not ms.brk[s] and soft[s] in _ANYWHERE for s, _e in spans)


def _spread_lines(ms, spans: list[tuple[int, int]]) -> list[int]:
    """Indices of lines (not the last) whose characters stand further apart
    than `_SPREAD_OK`."""
    cost = _coster(ms, ms.style.fix_runts)
    return [i for i, (s, e) in enumerate(spans[:-1]) if cost(s, e, False) >= _SPREAD]


@by_metrics  # headlines measure the same phrases for every width (1 235 calls, 96 texts)
def natural_width(text: str, metrics: Metrics, style: TypesetStyle = DEFAULT_STYLE) -> float:
    """Width in em of `text` set on one line (line-edge blanks removed)."""
    at = prepare(text, metrics, style)
    if not at.ch:
        return 0.0
    return _Measure(at, 0.0, 0.0, style, at.brk).natural(0, len(at.ch) - 1)
