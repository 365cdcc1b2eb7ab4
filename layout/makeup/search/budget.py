"""What the make-up of one page may spend on its search."""

from __future__ import annotations

import time


class Budget:
    """What the make-up of one page may spend before its search narrows.

    Counted in regions explored (deterministic: the same page comes out the
    same on a busy machine), and optionally in seconds of wall-clock time.
    Once spent, every search narrows to its first choices and the page
    reports that the best arrangement found so far was taken.
    """

    def __init__(self, regions: int | None, seconds: float | None = None):
        self.regions = regions if regions is not None else 10**12
        self.seconds = seconds
        self.deadline = time.perf_counter() + (seconds if seconds is not None else 1e9)
        self.used = 0
        self.spent = False

    def fresh(self) -> Budget:
        """A budget of the same size, unspent (for a search made again)."""
        return Budget(self.regions, self.seconds)

    def charge(self, other: Budget) -> None:
        """Count the regions a search on a budget of its own explored
        against this one (spent once over)."""
        self.used += other.used
        self.spent = self.spent or self.used > self.regions

    def tick(self) -> bool:
        """One region explored; True once the budget is spent."""
        self.used += 1
        if self.used > self.regions:
            self.spent = True
        elif self.seconds is not None and self.used % 256 == 0:
            self.spent = time.perf_counter() > self.deadline
        return self.spent
