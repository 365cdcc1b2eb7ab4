"""Editors' pins in the search: a pinned module first at its corner, and
regions that cannot hold a pinned module skipped."""

from __future__ import annotations


class Pins:
    """Where pinned modules may go."""

    def _pinned_first(self, c0: int, top: int, mods: tuple[int, ...]):
        """Orders of the modules to try: priority order, and a module pinned
        to this region's corner first (a pin may put a lesser story where the
        lead would go)."""
        yield mods
        if not self.pins:  # the usual case, on every solve: nothing to reorder
            return
        for i, m in enumerate(mods[1:], 1):
            pin = self.pins.get(m)
            if pin is None or pin.column is None or pin.column - 1 != c0:
                continue
            if pin.top and top != 0:
                continue
            yield (m, *mods[:i], *mods[i + 1 :])

    def _pin_ok(self, m: int, col: int, top: int, span: int) -> bool:
        pin = self.pins.get(m)
        if pin is None:
            return True
        if pin.span is not None and span != pin.span:
            return False
        if pin.column is not None and col != pin.column - 1:
            return False
        return not (pin.top and top != 0)

    def _pinned_inside(self, mods: tuple[int, ...], c0: int, w: int) -> bool:
        """Every pinned module of `mods` could still sit in columns c0..c0+w."""
        for i in mods:
            pin = self.pins.get(i)
            if pin is None:
                continue
            first = pin.column - 1 if pin.column is not None else None
            span = pin.span or 1
            if first is not None and not (c0 <= first and first + span <= c0 + w):
                return False
            if span > w:
                return False
        return True
