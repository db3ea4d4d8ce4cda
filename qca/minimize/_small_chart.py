"""Small charts as Python ints only: what the NumPy layouts give, without their fixed costs.

A chart of a few classes and columns (random_10x10 parsimonious: 13 classes, 4 columns)
spends more time setting up NumPy arrays than comparing bits. Below
:data:`SMALL_CELLS` cells (classes x columns) these functions give exactly what
:class:`qca.minimize._chart._Component` and
:func:`qca.minimize._reduce._undominated_columns` compute with NumPy (tested equal).

>>> layout = component_layout(0b0111, [0b011, 0b110], [True, True])
>>> layout.cols, layout.masks, layout.cands, layout.neighbours
(7, [5, 6], [1, 2, 3], [5, 6, 7])
>>> undominated_columns_small([0b011, 0b110], [0, 1, 2])
5
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SMALL_CELLS", "SMALL_COLUMNS", "SMALL_DOMINANCE_CELLS", "ComponentLayout", "bit_positions", "component_layout",
           "undominated_columns_small"]

#: Largest chart (classes x columns) laid out as Python ints.
SMALL_CELLS = 1024
#: Most columns, and cells, for the pairwise column dominance as Python ints (measured:
#: faster than NumPy up to about 16 columns and 500 cells).
SMALL_COLUMNS = 16
SMALL_DOMINANCE_CELLS = 512


@dataclass(frozen=True)
class ComponentLayout:
    """A component's search layout: its columns renumbered (fewest covering classes
    first, ties by column), each class's columns, each column's classes (all; those
    flagged reduced), the columns sharing a class with each column, the reduced classes."""

    cols: int
    masks: list[int]
    cands: list[int]
    cands_reduced: list[int]
    neighbours: list[int]
    reduced_all: int


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


def _column_sets(masks: list[int], col_ids: list[int]) -> list[int]:
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


def component_layout(cols: int, masks: list[int], reduced: list[bool]) -> ComponentLayout:
    """The layout of the classes ``masks`` over the columns ``cols`` (bit sets)."""
    col_ids = bit_positions(cols)
    sets = _column_sets(masks, col_ids)
    order = sorted(range(len(col_ids)), key=lambda j: sets[j].bit_count())  # (stable)
    cands = [sets[j] for j in order]
    local = [0] * len(masks)
    for j, classes in enumerate(cands):
        for i in bit_positions(classes):
            local[i] |= 1 << j
    reduced_all = 0
    for i, flag in enumerate(reduced):
        if flag:
            reduced_all |= 1 << i
    neighbours = []
    for classes in cands:
        shared = 0
        for i in bit_positions(classes):
            shared |= local[i]
        neighbours.append(shared)
    return ComponentLayout(
        cols=(1 << len(col_ids)) - 1,
        masks=local,
        cands=cands,
        cands_reduced=[c & reduced_all for c in cands],
        neighbours=neighbours,
        reduced_all=reduced_all,
    )


def undominated_columns_small(masks: list[int], col_ids: list[int]) -> int:
    """The columns ``col_ids`` left after column dominance, as a bit set: a column is
    dropped when another's classes lie within its own (fewer classes, or the same
    classes and that column earlier)."""
    sets = _column_sets(masks, col_ids)
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
