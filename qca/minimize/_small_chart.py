"""Small charts as Python ints only: what the NumPy layouts give, without their fixed costs.

A chart of a few classes and columns (random_10x10 parsimonious: 13 classes, 4 columns)
spends more time setting up NumPy arrays than comparing bits. Below :data:`SMALL_CELLS`
cells (classes x columns) :func:`qca.minimize._component_masks.component_masks` builds a
component from :func:`column_sets`, and below :data:`SMALL_COLUMNS` columns
:func:`qca.minimize._reduce._undominated_columns` drops dominated columns with
:func:`undominated_columns_small`: exactly what the NumPy paths give (tested equal).

>>> column_sets([0b011, 0b110], [0, 1, 2])
[1, 3, 2]
>>> undominated_columns_small([0b011, 0b110], [0, 1, 2])
5
"""

from __future__ import annotations

__all__ = ["SMALL_CELLS", "SMALL_COLUMNS", "SMALL_DOMINANCE_CELLS", "bit_positions", "column_sets",
           "undominated_columns_small"]

#: Largest chart (classes x columns) laid out as Python ints.
SMALL_CELLS = 1024
#: Most columns, and cells, for the pairwise column dominance as Python ints (measured:
#: faster than NumPy up to about 16 columns and 500 cells).
SMALL_COLUMNS = 16
SMALL_DOMINANCE_CELLS = 512


def bit_positions(mask: int) -> list[int]:
    """Positions of the set bits of ``mask``, ascending.

    >>> bit_positions(0b10110)
    [1, 2, 4]
    """
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def column_sets(masks: list[int], col_ids: list[int]) -> list[int]:
    """For each column of ``col_ids``, the classes (bit i: ``masks[i]``) covering it."""
    where = {c: j for j, c in enumerate(col_ids)}
    within = 0
    for c in col_ids:
        within |= 1 << c
    sets = [0] * len(col_ids)
    for i, mask in enumerate(masks):
        mask &= within
        bit = 1 << i
        while mask:
            low = mask & -mask
            sets[where[low.bit_length() - 1]] |= bit
            mask ^= low
    return sets


def undominated_columns_small(masks: list[int], col_ids: list[int]) -> int:
    """The columns ``col_ids`` left after column dominance, as a bit set: a column is
    dropped when another's classes lie within its own (fewer classes, or the same
    classes and that column earlier)."""
    sets = column_sets(masks, col_ids)
    sizes = [s.bit_count() for s in sets]
    drop = [False] * len(sets)
    for a, (small, size) in enumerate(zip(sets, sizes, strict=True)):
        for b, (large, other) in enumerate(zip(sets, sizes, strict=True)):
            if a != b and small & large == small and (size < other or (size == other and a < b)):
                drop[b] = True
    kept = 0
    for c, gone in zip(col_ids, drop, strict=True):
        if not gone:
            kept |= 1 << c
    return kept
