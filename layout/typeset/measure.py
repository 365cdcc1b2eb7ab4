"""`_Measure`: one paragraph being broken — widths, push-in and push-out room
of a candidate line."""

from __future__ import annotations

from dataclasses import dataclass

from .. import cjk
from .prepare import _Atoms
from .types import CLS_PUNCT, EPS, TypesetStyle


@dataclass
class _Measure:
    """One paragraph being broken: its atoms, the measure and the break table."""

    at: _Atoms
    width: float
    indent: float
    style: TypesetStyle
    brk: list[bool]

    def line_width(self, s: int) -> float:
        return self.width - (self.indent if s == 0 else 0.0)

    def trims_start(self, s: int) -> bool:
        # clreq 3.1.6.3: an opening bracket at line start may lose its blank
        # half — but a paragraph's first line keeps it after the indent (the
        # indent then reads as two full ems before the mark's ink).
        return self.style.trim_line_start_open and not (s == 0 and self.indent > 0)

    def natural(self, s: int, e: int) -> float:
        """Width of atoms s..e set as one line, line-edge blanks removed."""
        at = self.at
        w = at.cum[e + 1] - at.cum[s] - at.glue[s] - at.rblank[e]
        if self.trims_start(s):
            w -= at.lblank[s]
        return w

    def hang(self, s: int, e: int, nat: float) -> float:
        """How much of the last mark hangs past the measure (行末悬挂), or 0.

        Only when the style allows it, only when the line does not fit
        otherwise, and only a single pause/stop mark (clreq 3.8.4: not after
        other punctuation)."""
        if not self.style.hanging or e <= s:
            return 0.0
        at = self.at
        if at.ch[e] not in cjk.PAUSE_STOP or at.cls[e - 1] == CLS_PUNCT:
            return 0.0
        w = self.line_width(s)
        part = at.adv[e] - at.rblank[e]
        if nat > w + EPS and nat - part <= w + EPS:
            return part
        return 0.0

    def set_width(self, s: int, e: int) -> float:
        """Natural width minus a hanging mark: what must fit the measure."""
        nat = self.natural(s, e)
        return nat - self.hang(s, e, nat)

    def shrink(self, s: int, e: int) -> float:
        """Push-in room inside a line: blanks of marks not at its edges, gaps."""
        if e <= s:
            return 0.0
        at = self.at
        # The edges' blanks are already gone (line start/end compression),
        # except an opening mark's after a first-line indent, which push-in may
        # still take (clreq 3.1.6.3 allows it there too).
        room = at.shr[e + 1] - at.shr[s + 1] + at.rblank[s] - at.rblank[e]
        if not self.trims_start(s):
            room += at.lblank[s]
        return max(room, 0.0)

    def edge_give(self, s: int, e: int, room: float) -> float:
        """What a line `room` em short takes back first at its edges
        (`edges`, summed)."""
        end, start = self.edges(s, e, room)
        return end + start

    def edges(self, s: int, e: int, room: float) -> tuple[float, float]:
        """The blank halves a line `room` em short takes back at its end and
        its start: a full-width mark's at its end (，。”） …) lost to
        line-end compression, then an opening mark's at its start (“（ …),
        each whole and only where the line is at least that much short.

        全角式 is the default (every mark one em); a mark at a line edge is
        set half-width only "so the line ends flush" (typesetting.md,
        clreq 3.1.6.3), a push-in means. A line that must be spread gives it
        back before its characters are letter-spaced: the extra space goes
        first to punctuation that can be compressed (typesetting.md,
        Justification; clreq 3.8.2). Whole, so that the mark keeps to the
        grid: a mark at the end of a line is one em again even where its
        neighbour on the next line had taken part of its blank (。“, 。2019),
        an opening mark at its start only if nothing had (its ink would
        stand off the grid). (A mark hangs only from a line too long, never
        from a short one.)"""
        if room <= EPS or e <= s:
            return 0.0, 0.0
        at = self.at
        end = at.endgive[e]
        if end <= EPS or end > room + EPS:
            end = 0.0
        start = at.lblank[s] if self.trims_start(s) and at.lshift[s] <= EPS else 0.0
        if start <= EPS or end + start > room + EPS:
            start = 0.0
        return end, start

    def stretch(self, s: int, e: int) -> float:
        """Push-out room inside a line within the style's limits (the blank
        halves of its edge marks aside, `edge_give`)."""
        if e <= s:
            return 0.0
        room = self.at.stp[e + 1] - self.at.stp[s + 1]
        if self.at.intok[s] or (e + 1 < len(self.at.ch) and self.at.intok[e + 1]):
            room += len(self.letter_slots(s, e)) * self.style.max_letter_stretch
        return room

    def letter_slots(self, s: int, e: int) -> list[int]:
        """Gaps between the letters of a token broken at this line's start or
        end (a fragment of a long URL): letter-spacing, the last resort of
        justification, may go there and nowhere else inside a word."""
        intok = self.at.intok
        out: list[int] = []
        k = s + 1  # first atom not taken from the front
        if intok[s]:
            while k <= e and intok[k]:
                out.append(k)
                k += 1
        if e + 1 < len(intok) and intok[e + 1]:
            j = e
            while j >= k and intok[j]:
                out.append(j)
                j -= 1
        return out

    def fits(self, s: int, e: int, last: bool) -> bool:
        """Atoms s..e can be set on one line without breaking the limits."""
        room = self.line_width(s) - self.set_width(s, e)
        if room < -EPS:
            return -room <= self.shrink(s, e) + EPS
        return last or room - self.edge_give(s, e, room) <= self.stretch(s, e) + EPS


def _long_token_breaks(at: _Atoms, width: float) -> list[bool]:
    """The break table with the emergency points of tokens wider than a line.

    An e-mail address breaks after @ or - (ask-digital@ | library.example.org),
    at a dot only when a piece between those would not fit a line (issue 15.5)."""
    brk = at.brk
    for t0, t1, _url in at.tokens:
        if at.cum[t1 + 1] - at.cum[t0] - at.glue[t0] > width + EPS:
            if brk is at.brk:
                brk = list(brk)
            points = [i for i in range(t0 + 1, t1 + 1) if at.emerg[i]]
            if "@" in at.ch[t0 : t1 + 1]:
                strong = [i for i in points if at.ch[i - 1] != "."]
                edges = [t0, *strong, t1 + 1]
                pieces = zip(edges, edges[1:], strict=False)
                if all(at.cum[b] - at.cum[a] <= width + EPS for a, b in pieces):
                    points = strong
            for i in points:
                brk[i] = True
    return brk
