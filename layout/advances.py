"""A face's advance widths as two flat arrays, read without building a dict.

A CJK face maps 30 000–60 000 code points; unpickling them as a dict took
8–13 ms per face, most of a warm build's font loading, though a page sets a
few thousand characters. Here the face file holds the code points (sorted)
and their advances as packed machine arrays; `Advances` looks a code point up
by bisection over views of those bytes. It is a read-only mapping, so the
typesetter's `advances.get(cp)` and `cp in advances` read as before.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping


def pack(advances: Mapping[int, float]) -> tuple[bytes, bytes]:
    """(code points as uint32, advances as doubles), sorted by code point."""
    codes = sorted(advances)
    return array("I", codes).tobytes(), array("d", [advances[c] for c in codes]).tobytes()


class Advances(Mapping):
    """Code point → advance (em) over the packed arrays of `pack`."""

    __slots__ = ("_codes", "_values", "_n", "_raw")

    def __init__(self, codes: bytes, values: bytes):
        self._raw = (codes, values)
        self._codes = memoryview(codes).cast("I")
        self._values = memoryview(values).cast("d")
        self._n = len(self._codes)

    def get(self, code, default=None):
        i = bisect_left(self._codes, code)
        if i < self._n and self._codes[i] == code:
            return self._values[i]
        return default

    def __getitem__(self, code) -> float:
        i = bisect_left(self._codes, code)
        if i < self._n and self._codes[i] == code:
            return self._values[i]
        raise KeyError(code)

    def __contains__(self, code) -> bool:
        i = bisect_left(self._codes, code)
        return i < self._n and self._codes[i] == code

    def __iter__(self) -> Iterator[int]:
        return iter(self._codes.tolist())

    def __len__(self) -> int:
        return self._n

    def items(self):
        return zip(self._codes.tolist(), self._values.tolist(), strict=True)

    def __reduce__(self):
        return (Advances, self._raw)


class Overlay(Mapping):
    """`extra` over `base` (a face's advances with a few from its fallback faces)."""

    __slots__ = ("_base", "_extra")

    def __init__(self, base: Mapping, extra: dict):
        self._base, self._extra = base, extra

    def get(self, code, default=None):
        v = self._extra.get(code)
        return v if v is not None else self._base.get(code, default)

    def __getitem__(self, code):
        v = self._extra.get(code)
        return v if v is not None else self._base[code]

    def __contains__(self, code) -> bool:
        return code in self._extra or code in self._base

    def __iter__(self):
        yield from self._extra
        for c in self._base:
            if c not in self._extra:
                yield c

    def __len__(self) -> int:
        return len(self._base) + sum(1 for c in self._extra if c not in self._base)
