"""How a region may be split: left widths, which modules go left, which
module heads a region (all of them, or in a hurry the first choices)."""

from __future__ import annotations

from itertools import combinations


class Splits:
    """The splits of a region the search tries."""

    def _splits(self, m: int, w: int, rest: tuple[int, ...]) -> list[tuple]:
        """The splits of a region w wide with m on top at the left: (left width,
        right width, left modules, right modules, and the lower bounds of their
        costs), memoised (the same for every depth of region and every headline
        over tried)."""
        key = (m, w, rest, self.hurried)
        hit = self._split_memo.get(key)
        if hit is None:
            hit = []
            for left_w in self._widths(w):
                right_w = w - left_w
                for left_extra in self._partitions(rest, m == self.lead):
                    others = tuple(i for i in rest if i not in left_extra)
                    if not others:
                        continue
                    left = (m, *left_extra)
                    lower_l, lower_r = self._lower(left, left_w), self._lower(others, right_w)
                    hit.append((left_w, right_w, left, others, lower_l, lower_r))
            self._split_memo[key] = hit
        return hit

    def _widths(self, w: int):
        """Widths of the left region of a split (all of them, or in a hurry the
        halves and thirds)."""
        if not self.hurried or w <= 3:
            yield from range(1, w)
            return
        yield from sorted({w // 3, w // 2, w - w // 3} - {0, w})

    def _heads(self, mods: tuple[int, ...]):
        """Orders of a region's modules: which one sits on top (the rest by priority).

        Besides the most important, a module without a headline (the brief
        box) may head a region: that is how bumping heads are avoided.
        """
        yield mods
        if self.hurried:
            return
        for i, m in enumerate(mods[1:], 1):
            if not self.has_head[m] or i == 1:
                yield (m, *mods[:i], *mods[i + 1 :])

    def _partitions(self, rest: tuple[int, ...], lead: bool = False):
        """Which of `rest` go below m in the left region (priority order kept;
        `lead`: m is the lead, whose headline the right region stands beside)."""
        if self.hurried:  # a few prefixes: one, two, half the modules
            yield from (rest[:k] for k in sorted({0, 1, 2, len(rest) // 2}) if k < len(rest))
            return
        if len(rest) <= self.partition_all:
            for k in range(len(rest)):
                yield from combinations(rest, k)
            return
        # priority-ordered prefixes and suffixes; beside the lead, on a page of
        # few enough modules that suffixes are tried and not being cut, each
        # also with the modules without a headline (the brief block) on the
        # other side: one may head the right region, clear of the lead's
        # headline (撞题). (On larger pages the extra splits spent the budget
        # before any page was found; a cut page's several searches took twice
        # as long.)
        headless = (
            {i for i in rest if not self.has_head[i]}
            if lead and self.thorough and self.suffixes and not self.cut
            else set()
        )
        seen = set()
        for k in range(len(rest)):
            for part in (rest[:k], rest[-k:] if k and self.suffixes else None):
                if part is None:
                    continue
                for left in (part, tuple(i for i in rest if (i in part) != (i in headless))):
                    if left not in seen and len(left) < len(rest):
                        seen.add(left)
                        yield left
