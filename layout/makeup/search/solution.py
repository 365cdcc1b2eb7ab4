"""An arrangement the search found: its cost and its placements."""

from __future__ import annotations

from dataclasses import dataclass

from ..module import Placed


@dataclass(frozen=True)
class Solution:
    cost: float
    placed: tuple[Placed, ...]
    weight: float  # Σ importance of the modules (for shifting costs)
