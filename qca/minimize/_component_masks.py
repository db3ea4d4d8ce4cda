"""A chart component as Python ints used as bit sets, the form its searches walk.

The component's columns are renumbered, fewest candidate classes first (ties: the lower
column), so that the lowest uncovered bit is a good branching column and the
disjoint-column bound walks the bits in order. Each class is a mask of its local
columns, each column a mask of the classes covering it (all of them, and the reduced
ones), and each column a mask of the columns sharing a class with it.

Components of at most :data:`~qca.minimize._small_chart.SMALL_CELLS` cells are built
with Python ints alone; others through a dense boolean chart; large ones (over
:data:`SPARSE_COMPONENT` cells) from the cells of their masks, never dense: planted_k16
conservative's main component is 8,292 classes x 5,595 columns, 46 million cells of
which 19,536 are set. Both ways give the same masks.

>>> built = component_masks(0b111, [0b011, 0b110, 0b100], [True, True, False])
>>> built.masks, built.cands, built.cands_reduced, built.reduced_all
([3, 6, 4], [1, 3, 6], [1, 3, 2], 3)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qca.minimize._reduce import _bits, cell_masks, mask_cells, mask_matrix, packed_masks
from qca.minimize._small_chart import SMALL_CELLS, bit_positions, column_sets

__all__ = [
    "SPARSE_COMPONENT",
    "SPARSE_NEIGHBOURS",
    "SPARSE_PAIRS",
    "ComponentMasks",
    "component_masks",
    "row_masks",
    "shared_cells",
    "shared_class",
]

#: Columns from which :func:`shared_class` takes a sparse product (when the pairs of
#: columns in a class, ``SPARSE_PAIRS``, are few) rather than a pass per column.
SPARSE_NEIGHBOURS = 512
SPARSE_PAIRS = 20_000_000
#: Cells (classes x columns) from which a component is built from the cells of its
#: masks, never as a dense chart.
SPARSE_COMPONENT = 1 << 20


@dataclass(frozen=True)
class ComponentMasks:
    """Result of :func:`component_masks`.

    Attributes
    ----------
    cols : int
        Every local column (``(1 << n_columns) - 1``).
    masks : list of int
        Each class's local columns.
    cands, cands_reduced : list of int
        Each local column's classes: all of them, and those flagged reduced.
    neighbours : list of int
        Each local column's neighbours: the columns of the classes covering it.
    reduced_all : int
        The classes flagged reduced.
    cells : tuple of ndarray or None
        (class, local column) of every cell, when built from them (else None).
    """

    cols: int
    masks: list[int]
    cands: list[int]
    cands_reduced: list[int]
    neighbours: list[int]
    reduced_all: int
    cells: tuple[np.ndarray, np.ndarray] | None


def component_masks(cols: int, masks: list[int], reduced: list[bool]) -> ComponentMasks:
    """The component of the columns ``cols`` (a bit set) and the classes ``masks`` (bit
    sets over the chart's columns), ``reduced`` flagging the classes left after dominance.
    """
    col_ids = _bits(cols)
    n, m = len(masks), len(col_ids)
    if n * m <= min(SMALL_CELLS, SPARSE_COMPONENT):  # the same masks without NumPy's costs
        return _small_component(col_ids, masks, reduced)
    flags = np.asarray(reduced, dtype=bool).reshape(-1)
    reduced_all = row_masks(flags[None, :])[0] if len(flags) else 0
    if n * m > SPARSE_COMPONENT:
        rows, at = mask_cells(masks, col_ids)
        new = np.empty(m, dtype=np.intp)
        new[np.argsort(np.bincount(at, minlength=m), kind="stable")] = np.arange(m)
        at = new[at]
        kept = flags[rows]
        return ComponentMasks(
            (1 << m) - 1, cell_masks(rows, at, n, m), cell_masks(at, rows, m, n),
            cell_masks(at[kept], rows[kept], m, n), shared_cells(rows, at, n, m),
            reduced_all, (rows, at),
        )
    matrix = mask_matrix(masks, col_ids)
    matrix = matrix[:, np.argsort(matrix.sum(axis=0), kind="stable")]
    return ComponentMasks(
        (1 << m) - 1, row_masks(matrix), row_masks(matrix.T),
        row_masks((matrix & flags[:, None]).T), shared_class(matrix), reduced_all, None,
    )


def _small_component(col_ids: list[int], masks: list[int], reduced: list[bool]) -> ComponentMasks:
    """:func:`component_masks` of a small component, from each column's classes as ints."""
    sets = column_sets(masks, col_ids)
    cands = [sets[j] for j in sorted(range(len(col_ids)), key=lambda j: sets[j].bit_count())]
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
    return ComponentMasks(
        (1 << len(col_ids)) - 1, local, cands, [c & reduced_all for c in cands], neighbours,
        reduced_all, None,
    )


def row_masks(flags: np.ndarray) -> list[int]:
    """Each row of a boolean matrix as a Python int (bit j set where ``row[j]``).

    >>> row_masks(np.array([[1, 0, 1], [0, 0, 0]], dtype=bool))
    [5, 0]
    """
    if flags.shape[1] == 0:
        return [0] * len(flags)
    return packed_masks(np.packbits(flags, axis=1, bitorder="little"))


def shared_class(matrix: np.ndarray) -> list[int]:
    """For each column, the columns covered by a class covering it (bit masks): the OR of
    the packed rows of its classes (about one byte operation per entry and column byte).

    >>> shared_class(np.array([[1, 1, 0], [0, 1, 1]], dtype=bool))
    [3, 7, 6]
    """
    n, m = matrix.shape
    if n == 0 or m == 0:
        return [0] * m
    sizes = matrix.sum(axis=1, dtype=np.int64)
    if m > SPARSE_NEIGHBOURS and int(sizes @ sizes) <= SPARSE_PAIRS:
        rows, cols = np.nonzero(matrix)
        return shared_cells(rows, cols, n, m)
    packed = np.packbits(matrix, axis=1, bitorder="little")
    by_col = np.ascontiguousarray(matrix.T)
    out = np.zeros((m, packed.shape[1]), dtype=np.uint8)
    for c in range(m):
        rows = np.flatnonzero(by_col[c])
        if len(rows):
            np.bitwise_or.reduce(packed[rows], axis=0, out=out[c])
    return packed_masks(out)


def shared_cells(rows: np.ndarray, cols: np.ndarray, n: int, m: int) -> list[int]:
    """:func:`shared_class` of the chart whose cells are ``(rows[i], cols[i])``: a sparse
    chart with many columns takes the column x column overlaps as one sparse product
    (planted_k16 conservative: 5,595 columns, 0.1 s against 1 s).

    >>> shared_cells(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 2]), 2, 3)
    [3, 7, 6]
    """
    sizes = np.bincount(rows, minlength=n).astype(np.int64)
    if m <= SPARSE_NEIGHBOURS or int(sizes @ sizes) > SPARSE_PAIRS:
        matrix = np.zeros((n, m), dtype=bool)
        matrix[rows, cols] = True
        return shared_class(matrix)
    from scipy.sparse import csr_matrix

    chart = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(n, m))
    shared = (chart.T @ chart).tocoo()
    return cell_masks(shared.row, shared.col, m, m)
