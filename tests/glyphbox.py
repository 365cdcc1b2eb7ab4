"""Where a set glyph's ink begins and ends, in em: a full-width mark's blank
half (read from the font's ink box) is not part of the line's visible edge."""

from __future__ import annotations

from layout import cjk


def ink_start(ch: str, x: float, metrics) -> float:
    """Where a glyph's visible box begins (an opening mark's blank left half
    excluded)."""
    adv = metrics.advances.get(ord(ch), 1.0)
    box = metrics.ink.get(ord(ch))
    if ch in cjk.OPENING and abs(adv - 1) < 0.02 and box and box[0] >= 0.45:
        return x + 0.5
    if ch in cjk.INTERPUNCT:
        return x + (adv - 0.5) / 2
    return x


def ink_end(ch: str, x: float, metrics) -> float:
    """Where a glyph's visible box ends (a mark's blank right half excluded)."""
    adv = metrics.advances.get(ord(ch), 1.0)
    box = metrics.ink.get(ord(ch))
    if ch in cjk.COMPRESSIBLE and abs(adv - 1) < 0.02 and box and box[2] <= 0.55:
        return x + 0.5
    if ch in cjk.INTERPUNCT:
        return x + (adv + 0.5) / 2
    return x + adv
