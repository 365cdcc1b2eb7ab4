"""One black channel with a newsprint tone curve.

Newsprint soaks up ink: a 40 % dot prints as about 66 % (a dot gain of 26 % at 40 %,
the figure ISO 12647-3 gives for coldset newsprint). The press also cannot hold the
lightest and the darkest dots, so the file's dots stay within 10–90 %.

The curve maps the picture's tone T (0 = white, 1 = black, from Pillow's luminance) to
the dot d written in the file so that the PRINTED tone is linear in T over the range
the press can print:

    printed(d) = 1 − (1 − d)^n         dot gain model, n fixed by printed(0.40) = 0.66
    d(T)       = printed⁻¹(printed(0.1) + T · (printed(0.9) − printed(0.1)))

so d(0) = 0.10, d(1) = 0.90, and mid-tones are lightened to make up for the gain.
The PDF's DeviceGray value is 1 − d (DeviceGray 1 is white).
"""

from __future__ import annotations

import math
from functools import cache

DOT_AT = 0.40  # the reference dot
GAIN_AT = 0.26  # its dot gain on newsprint
DOT_MIN = 0.10  # the lightest dot the file holds
DOT_MAX = 0.90  # the darkest
EXPONENT = math.log(1.0 - (DOT_AT + GAIN_AT)) / math.log(1.0 - DOT_AT)  # ≈ 2.11


def printed(dot: float) -> float:
    """The tone a `dot` (0–1) prints as on newsprint (the gain model)."""
    return 1.0 - (1.0 - dot) ** EXPONENT


def dot_for(tone: float) -> float:
    """The file's dot (DOT_MIN–DOT_MAX) for a picture tone (0 white – 1 black)."""
    lo, hi = printed(DOT_MIN), printed(DOT_MAX)
    want = lo + min(1.0, max(0.0, tone)) * (hi - lo)
    return 1.0 - (1.0 - want) ** (1.0 / EXPONENT)


@cache
def gray_lut() -> tuple[int, ...]:
    """Pillow `point` table: luminance 0–255 in → DeviceGray 0–255 out (255 = no ink)."""
    return tuple(round(255 * (1.0 - dot_for(1.0 - v / 255))) for v in range(256))
