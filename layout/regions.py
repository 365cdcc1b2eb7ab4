"""Areas of a boolean pixel mask, found on a coarse grid of cells.

Preflight's ink check (areas over the TAC limit) and the proof diff (areas
that changed between two proofs) both ask the same question: where are the
clusters of marked pixels? Both look at cells, not pixels, so that nearby
specks form one area.
"""

from __future__ import annotations


def cells(mask, cell: int):
    """The mask on a grid of `cell` × `cell` pixel cells: a cell is marked when
    any of its pixels is (the mask is padded to whole cells)."""
    import numpy as np

    h, w = mask.shape
    hc, wc = -(-h // cell), -(-w // cell)
    padded = np.zeros((hc * cell, wc * cell), dtype=bool)
    padded[:h, :w] = mask
    return padded.reshape(hc, cell, wc, cell).any(axis=(1, 3))


def components(grid) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (row0, col0, row1, col1, inclusive) of the 8-connected
    marked areas of a 2-D boolean array, in row-major order of their first cell."""
    import numpy as np

    rows, cols = grid.shape
    seen = np.zeros_like(grid, dtype=bool)
    boxes = []
    for r, c in zip(*np.nonzero(grid), strict=True):
        if seen[r, c]:
            continue
        r0 = r1 = int(r)
        c0 = c1 = int(c)
        stack = [(r0, c0)]
        seen[r, c] = True
        while stack:
            y, x = stack.pop()
            r0, c0, r1, c1 = min(r0, y), min(c0, x), max(r1, y), max(c1, x)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < rows and 0 <= nx < cols and grid[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        boxes.append((r0, c0, r1, c1))
    return boxes
