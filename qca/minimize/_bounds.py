"""Bounds for a set-cover chart: a Lagrangian lower bound and the covers it suggests.

The minimum number of classes covering every column of a chart is bounded below by
any Lagrangian relaxation of the covering constraints: for column weights ``u >= 0``,

    L(u) = sum(u) + sum over classes i of min(0, 1 - sum of u over i's columns)

is at most the minimum (each class costs 1; a column's constraint is priced at u_c).
Subgradient steps on ``u`` (Held, Wolfe & Crowder 1974; Beasley 1990 for set covering)
raise L towards the linear-programming bound, and at each step the classes with a
negative reduced cost, completed and pruned, give a cover: an upper bound. The lower
bound returned is ``ceil(L)`` for the best ``L`` met, so it is proven whatever the
number of steps; more steps only make it tighter.

The chart is given sparse: ``indptr``/``indices`` list the columns of each class
(compressed rows). Sums use ``np.bincount`` (sequential, hence deterministic).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "CoverBounds",
    "class_loads",
    "cover_duals",
    "feasible_duals",
    "greedy_cover",
    "lagrangian_bounds",
]

#: Charts up to this many cells take ``matrix @ y`` in :func:`class_loads`; larger ones
#: are summed a block of rows at a time, never as a float64 copy of the whole chart.
DENSE_LOADS = 1 << 16
#: Cells of the chart read at once by :func:`class_loads` (1 MB of booleans).
_LOAD_BLOCK = 1 << 20


@dataclass(frozen=True)
class CoverBounds:
    """Result of :func:`lagrangian_bounds`.

    Attributes
    ----------
    lower : int
        Proven lower bound on the number of classes in a cover.
    cover : tuple of int
        The smallest cover found (class indices, ascending); empty when none was built.
    steps : int
        Subgradient steps taken.
    """

    lower: int
    cover: tuple[int, ...]
    steps: int


class _Chart:
    """The chart in compressed rows (classes) and compressed columns."""

    def __init__(self, indptr: np.ndarray, indices: np.ndarray, n_cols: int) -> None:
        self.indptr = np.asarray(indptr, dtype=np.int64)
        self.indices = np.asarray(indices, dtype=np.int64)
        self.n_rows = len(self.indptr) - 1
        self.n_cols = n_cols
        self.row_of = np.repeat(np.arange(self.n_rows), np.diff(self.indptr))
        by_col = np.argsort(self.indices, kind="stable")
        self.col_rows = self.row_of[by_col]  # classes of each column, ascending
        self.col_ptr = np.searchsorted(self.indices[by_col], np.arange(n_cols + 1))

    def columns(self, i: int) -> np.ndarray:
        return self.indices[self.indptr[i] : self.indptr[i + 1]]

    def classes(self, c: int) -> np.ndarray:
        return self.col_rows[self.col_ptr[c] : self.col_ptr[c + 1]]

    def row_sums(self, u: np.ndarray) -> np.ndarray:
        return np.bincount(self.row_of, weights=u[self.indices], minlength=self.n_rows)

    def coverage(self, chosen: np.ndarray) -> np.ndarray:
        """How many chosen classes cover each column (``chosen``: bool per class)."""
        return np.bincount(self.indices[chosen[self.row_of]], minlength=self.n_cols)


def _cover_from(chart: _Chart, reduced_cost: np.ndarray) -> list[int]:
    """A cover: greedily the class covering most uncovered columns (ties: the lowest
    reduced cost, then the lowest index), then pruned of redundant classes.

    The number of uncovered columns of each class is updated as columns get covered, so
    the whole greedy costs O(entries) plus a pass over the classes per pick (cheaper
    than sorting the classes by reduced cost first: random_30x200 takes 84 covers).
    """
    score = np.diff(chart.indptr)  # uncovered columns of each class
    covered = np.zeros(chart.n_cols, dtype=bool)
    count = np.zeros(chart.n_cols, dtype=np.int64)
    picked: list[int] = []
    while not covered.all():
        ties = np.flatnonzero(score == score.max())
        i = int(ties[np.argmin(reduced_cost[ties])])  # (the first of equal costs)
        cols = chart.columns(i)
        new = cols[~covered[cols]]
        covered[new] = True
        if len(new):  # each class loses a column per column it no longer opens
            np.subtract.at(score, np.concatenate([chart.classes(c) for c in new]), 1)
        count[cols] += 1
        picked.append(i)
    picked.sort(key=lambda i: (-reduced_cost[i], i))
    kept = []
    for i in picked:
        cols = chart.columns(i)
        if (count[cols] > 1).all():
            count[cols] -= 1
        else:
            kept.append(i)
    return sorted(kept)


def greedy_cover(indptr: np.ndarray, indices: np.ndarray, n_cols: int) -> list[int]:
    """The greedy cover: most uncovered columns first, ties to the lowest index; then
    redundant classes dropped, lowest index first.

    >>> greedy_cover(np.array([0, 2, 4, 6]), np.array([0, 1, 1, 2, 0, 2]), 3)
    [0, 1]
    """
    chart = _Chart(indptr, indices, n_cols)
    return _cover_from(chart, np.zeros(chart.n_rows))


def lagrangian_bounds(
    indptr: np.ndarray,
    indices: np.ndarray,
    n_cols: int,
    upper: int,
    *,
    max_steps: int = 300,
) -> CoverBounds:
    """Lower bound and a cover for the chart, by subgradient steps on column weights.

    Parameters
    ----------
    indptr, indices : ndarray
        Columns of class i are ``indices[indptr[i]:indptr[i + 1]]``.
    n_cols : int
        Number of columns; every column must be covered by some class.
    upper : int
        Size of a cover already known (guides the step length; used as the target).
    max_steps : int, default=300
        Largest number of subgradient steps.

    Returns
    -------
    CoverBounds

    Examples
    --------
    Three columns, each pair covered by one class: the LP bound is 1.5, so 2.

    >>> import numpy as np
    >>> res = lagrangian_bounds(np.array([0, 2, 4, 6]), np.array([0, 1, 1, 2, 0, 2]), 3, 3)
    >>> res.lower, len(res.cover)
    (2, 2)
    """
    chart = _Chart(indptr, indices, n_cols)
    if n_cols == 0:
        return CoverBounds(0, (), 0)
    sizes = np.diff(chart.indptr).astype(np.float64)
    # start: each column weighs 1 / (largest class covering it), a feasible dual
    largest = np.zeros(n_cols)
    np.maximum.at(largest, chart.indices, sizes[chart.row_of])
    u = 1.0 / largest
    best_low, best_cover = -math.inf, None
    target = upper
    factor, stall, step = 2.0, 0, 0
    for step in range(1, max_steps + 1):
        reduced_cost = 1.0 - chart.row_sums(u)
        chosen = reduced_cost < 0
        value = float(u.sum() + reduced_cost[chosen].sum())
        if value > best_low + 1e-9:
            best_low, stall = value, 0
        else:
            stall += 1
        if step % 5 == 1 or stall == 0:
            cover = _cover_from(chart, reduced_cost)
            if best_cover is None or len(cover) < len(best_cover):
                best_cover = cover
                target = min(target, len(cover))
        if math.ceil(best_low - 1e-6) >= target:
            break  # the best cover is proven minimum
        if stall >= 15:
            factor, stall = factor / 2, 0
            if factor < 1e-3:
                break
        gradient = 1.0 - chart.coverage(chosen)
        norm = float(gradient @ gradient)
        if norm == 0:
            break  # the chosen classes cover every column exactly once: optimal dual
        u = np.maximum(0.0, u + factor * (1.05 * target - value) / norm * gradient)
    lower = max(0, math.ceil(best_low - 1e-6))
    return CoverBounds(lower, tuple(best_cover or ()), step)


def class_loads(matrix: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``matrix @ y`` for a boolean chart (classes x columns): each class's sum of ``y``
    over its columns.

    A small chart is multiplied as it is. A large one is read a block of rows at a
    time, each class's entries summed in column order (``np.bincount``): the same sums
    on any machine and under any number of BLAS threads, and no float64 copy of the chart
    (8,292 x 5,595 classes x columns, planted_k16 conservative: 371 MB as float64).

    >>> m = np.array([[1, 1, 0], [0, 1, 1]], dtype=bool)
    >>> class_loads(m, np.array([0.5, 0.25, 1.0])).tolist()
    [0.75, 1.25]
    """
    matrix = np.asarray(matrix, dtype=bool)
    y = np.asarray(y, dtype=np.float64)
    n, m = matrix.shape
    if matrix.size <= DENSE_LOADS:
        return np.asarray(matrix @ y, dtype=np.float64)
    out = np.empty(n, dtype=np.float64)
    step = max(1, _LOAD_BLOCK // max(m, 1))
    for lo in range(0, n, step):
        rows, cols = np.nonzero(matrix[lo : lo + step])
        out[lo : lo + step] = np.bincount(rows, weights=y[cols], minlength=min(step, n - lo))
    return out


def cover_duals(matrix: np.ndarray) -> np.ndarray:
    """Column weights ``y >= 0`` with at most 1 on every class: a proof of lower bounds.

    The optimum of the linear relaxation's dual (HiGHS), scaled down so that no class
    carries more than 1 even after rounding. For any such ``y`` and any cover ``S`` of a
    column set ``U``, ``|S| >= y(U)``, and each class ``i`` of ``S`` adds
    ``1 - y(columns of i within U)`` to that bound: the counter prunes with both.

    >>> y = cover_duals(np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1]], dtype=bool))
    >>> round(float(y.sum()), 6)
    1.5
    """
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    n, m = matrix.shape
    if n == 0 or m == 0:
        return np.zeros(m)
    # the same sparse matrix as from a float copy of the chart, without that copy
    # (8,318 x 5,888 classes x columns: 392 MB as float64)
    a_ub = csr_matrix(matrix).astype(np.float64)
    res = linprog(-np.ones(m), A_ub=a_ub, b_ub=np.ones(n), bounds=(0, None), method="highs")
    if res.x is None:
        return np.zeros(m)
    return feasible_duals(a_ub, res.x)


def feasible_duals(chart: Any, y: np.ndarray) -> np.ndarray:
    """``y`` clipped to [0, 1] and scaled down so that no class of ``chart`` (scipy
    sparse, classes x columns) carries more than 1, with a margin for rounding: duals
    that prove lower bounds whatever the solver's tolerance.

    >>> from scipy.sparse import csr_matrix
    >>> feasible_duals(csr_matrix(np.array([[1.0, 1.0], [0.0, 1.0]])), np.array([0.8, 0.4])).round(6).tolist()
    [0.666667, 0.333333]
    """
    y = np.clip(np.asarray(y, dtype=np.float64), 0.0, 1.0)
    # each class's load summed in column order (sparse): the same on any machine, unlike
    # a BLAS product whose sums follow its threads, and no dense float copy
    load = float((chart @ y).max()) if chart.shape[0] else 0.0
    if load > 1.0:
        y = y / load
    return y * (1.0 - 1e-9)
