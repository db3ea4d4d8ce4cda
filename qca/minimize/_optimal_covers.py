"""Every minimum cover of a large chart with few classes per cover, counted and listed.

Given the proven minimum ``k``, a depth-first search picks one class per level for the
uncovered column with the fewest candidates (the i-th branch takes the column's i-th
candidate and forbids the earlier ones, so each cover is met once) and counts the covers
by their classes' weights (PIs per class). What makes it tractable on charts of tens of
thousands of classes is linear-programming duality:

- column weights ``y`` at the root (subgradient steps on the Lagrangian bound below,
  from each column weighing one over the largest class holding it) give every class a
  reduced cost ``1 - y(its columns left)``; a cover of the columns left ``U`` by ``r``
  classes has ``r >= y(U) + the sum of its classes' reduced costs``, so a class whose
  reduced cost exceeds ``r - y(U)`` is in no such cover (reduced-cost fixing) and a node
  with ``y(U) > r`` has none at all;
- at each node the duals of the columns left are raised (dual ascent: columns with
  fewest candidates first, each by the least reduced cost among its candidates), which
  keeps them feasible for the classes still allowed and tightens both tests as the
  search goes down;
- nodes with many candidates then take subgradient steps on the Lagrangian bound
  ``L(y) = y(U) + sum of min(0, reduced cost)`` (duals may then exceed 1 on a class):
  ``r >= L(y) + max(0, reduced cost of each class in the cover)`` keeps both tests
  valid and brings them close to the linear relaxation's, which dual ascent alone
  misses by far (random_40x100 parsimonious: the relaxation rules out 95% of the nodes
  with four classes left that dual ascent keeps);
- the ``r`` largest candidates must together reach every column left; a column without
  candidate ends the branch; the last class must hold every column left.

The search runs compiled (numba, the ``fast`` extra) and is bounded by the number of
classes it looks at, never by time, so a chart gets the same answer on any machine. It
also gives up early when, at its pace (work so far over the part of the tree done), the
whole search would take far more than its bound. Without numba, the caller counts
another way; past the work bound the covers found so far are kept.

Which covers are listed when there are more than the cap does not depend on the order
in which the search meets them: each class has a key (the caller gives its first prime
implicant, so that the order is R's order of the models naming each class's first PI),
and the covers listed are the first ``cap`` in the order of their classes' keys compared
as tuples (ascending within a cover), in that order. When the count is exact, they are
the first ``cap`` of all minimum covers; the search may change (bounds, branching)
without changing them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from qca.minimize._compiled import load_kernel
from qca.minimize._reduce import _maximal
from qca.minimize._transversal import compiled_available

__all__ = ["LARGE_CHART", "WORK_LIMIT", "OptimalCovers", "optimal_covers"]

#: Classes from which a chart's minimum covers are counted by this search first (smaller
#: charts: :class:`qca.minimize._count.MinCoverCounter`, whose memo and splitting suit them).
LARGE_CHART = 1000
#: Classes looked at (each node scans the classes still allowed, each Lagrangian step the
#: candidates) before the search gives up: about 20 ns each compiled (random_40x100
#: parsimonious needs 230 million, sparse_k20_n200 parsimonious 3 million).
WORK_LIMIT = 400_000_000
#: Most minimum covers by maximal classes listed to expand into all minimum covers.
TOP_CAP = 200_000
#: Largest cover size searched (one level per class).
MAX_SIZE = 40
#: Largest number of (levels x classes) kept by the search (12 bytes each).
MAX_CELLS = 5_000_000
#: Subgradient steps for the root's column weights (fewer on charts of more than
#: ``ROOT_WORK / ROOT_STEPS`` cells: each step is a pass over the chart's cells).
ROOT_STEPS = 300
ROOT_WORK = 30_000_000


@dataclass(frozen=True)
class OptimalCovers:
    """Result of :func:`optimal_covers`.

    Attributes
    ----------
    count : int or None
        Weighted number of covers of the minimum size; None when the search stopped at
        its work bound (``covers`` then holds those found before it stopped).
    covers : list of tuple of int
        Covers (class indices, ascending), at most ``cap``: the first in the order of the
        classes' keys (all of them when the count is exact), else the first ``cap`` in
        that order among those found before the search stopped.
    work : int
        Classes looked at by the search.
    """

    count: int | None
    covers: list[tuple[int, ...]]
    work: int


def root_weights(matrix: np.ndarray, k: int) -> np.ndarray:
    """Column weights ``y >= 0`` for the root of the search: subgradient steps on the
    Lagrangian bound of covering every column by ``k`` classes, from each column weighing
    one over the most columns of a class holding it
    (:mod:`qca.minimize._optimal_root`). A class may carry more than 1 (the search's
    bound allows for it).

    >>> y = root_weights(np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1]], dtype=bool), 2)
    >>> bool(1.4 < y.sum() <= 1.5 + 1e-9)
    True
    """
    n, m = matrix.shape
    rows, cols = np.nonzero(matrix)
    largest = np.zeros(m)
    np.maximum.at(largest, cols, np.bincount(rows, minlength=n)[rows].astype(np.float64))
    start = 1.0 / np.maximum(largest, 1.0)
    steps = max(1, min(ROOT_STEPS, ROOT_WORK // max(len(rows), 1)))
    root = importlib.import_module("qca.minimize._optimal_root")  # (compiled, like kernel)
    y, _ = root.root_duals(_pack(matrix), m, int(k), start, steps)
    return np.asarray(y, dtype=np.float64)


def optimal_covers(
    matrix: np.ndarray,
    weights: list[int] | np.ndarray,
    k: int,
    cap: int,
    *,
    work_limit: int = WORK_LIMIT,
    lagrange_from: int | None = None,
    keys: np.ndarray | None = None,
) -> OptimalCovers | None:
    """Count (weighted) and list the covers of ``matrix`` by ``k`` classes.

    ``k`` must be the proven minimum size of a cover. Returns None when the compiled
    search is unavailable or the chart is out of its range; a count of None when the
    search stopped at ``work_limit`` (or gave up early: at its pace, the whole search would
    take far more). ``lagrange_from``: candidates from which a node takes Lagrangian steps
    (default: the kernel's ``LAGRANGE_FROM``; tests set it low). ``keys``: distinct
    numbers, one a class, that order the covers listed (default: the class indices).

    >>> chart = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1], [0, 0, 1]], dtype=bool)
    >>> got = optimal_covers(chart, [1, 1, 1, 2], 2, 3, keys=np.array([3, 2, 1, 0]))
    >>> got is None or (got.count, got.covers) == (5, [(0, 3), (1, 2), (0, 2)])
    True
    """
    matrix = np.asarray(matrix, dtype=bool)
    n, m = matrix.shape
    if not compiled_available() or k < 1 or k > MAX_SIZE or (k + 1) * n > MAX_CELLS:
        return None
    if m == 0 or n == 0:
        return None
    kernel = load_kernel("_optimal_kernel")
    if kernel is None:
        return None
    w = np.asarray(weights, dtype=np.int64)
    order = np.arange(n, dtype=np.int64) if keys is None else np.asarray(keys, dtype=np.int64)
    lagrange = int(kernel.LAGRANGE_FROM if lagrange_from is None else lagrange_from)
    cls = _pack(matrix)
    maximal, dominator = _maximal_classes(matrix, kernel)
    if len(maximal) < n:
        y = root_weights(matrix[maximal], k)
        top = _search(kernel, cls[maximal], m, y, np.ones(len(maximal), np.int64), k, TOP_CAP,
                      work_limit, lagrange, order[maximal], canonical=False)
        if top is None:
            return None
        count, covers, done, work = top
        if not done:  # stopped: the covers found by maximal classes are covers too
            found = _search_order([[int(maximal[i]) for i in c] for c in covers], order, cap)
            return OptimalCovers(None, found, work)
        if count == len(covers):
            return _expand(
                kernel, matrix, cls, y, w, k, cap, (maximal, covers, dominator),
                (work_limit, work, lagrange), order,
            )
    got = _search(kernel, cls, m, root_weights(matrix, k), w, k, cap, work_limit,
                  lagrange, order)
    if got is None:
        return None
    count, covers, done, work = got
    return OptimalCovers(count if done else None, covers, work)


def _search_order(
    covers: list[list[int]], keys: np.ndarray, cap: int
) -> list[tuple[int, ...]]:
    """The first ``cap`` of ``covers`` in the order of their classes' ``keys`` (each
    cover's keys ascending, compared as tuples), each cover's classes ascending.

    >>> _search_order([[0, 3], [1, 2], [2, 0]], np.array([5, 1, 2, 0]), 2)
    [(0, 3), (1, 2)]
    """
    ranked = sorted(covers, key=lambda c: sorted(int(keys[i]) for i in c))
    return [tuple(sorted(c)) for c in ranked[: max(cap, 0)]]


def _maximal_classes(matrix: np.ndarray, kernel: Any) -> tuple[np.ndarray, np.ndarray]:
    """The maximal classes (first of identical ones; no other class holds all their
    columns and more) and, for each class, the first maximal one holding all its columns
    (``kernel``: :mod:`qca.minimize._optimal_kernel`).

    >>> kernel = importlib.import_module("qca.minimize._optimal_kernel")
    >>> chart = np.array([[1, 1, 0], [1, 0, 0], [0, 1, 1], [1, 1, 0]], bool)
    >>> rows, dom = _maximal_classes(chart, kernel)
    >>> rows.tolist(), dom.tolist()
    ([0, 2], [0, 0, 1, 0])
    """
    packed = np.ascontiguousarray(np.packbits(matrix, axis=1, bitorder="little"))
    keys = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")  # distinct rows by first appearance
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    first = first[order]
    inverse = rank[inverse.ravel()]
    keep = _maximal(packed[first])
    maximal = first[keep]
    # for each distinct row, the first maximal row holding it: AND of its columns' sets
    # (bit i of a column's set: maximal row i holds it)
    m = matrix.shape[1]
    sets = np.zeros((m, -(-len(maximal) // 64) * 64), dtype=bool)
    sets[:, : len(maximal)] = matrix[maximal].T
    col_sets = np.packbits(sets, axis=1, bitorder="little").view("<u8").astype(np.uint64)
    rows, cs = np.nonzero(matrix[first])
    starts = np.searchsorted(rows, np.arange(len(first) + 1)).astype(np.int64)
    dom = kernel.first_holders(np.ascontiguousarray(col_sets), starts, cs.astype(np.int64))
    return maximal, dom[inverse]


def _pack(matrix: np.ndarray) -> np.ndarray:
    """Each class's columns as 64-bit words (column c: bit c % 64 of word c // 64)."""
    n, m = matrix.shape
    words = (m + 63) // 64
    padded = np.zeros((n, words * 64), dtype=bool)
    padded[:, :m] = matrix
    cls = np.packbits(padded, axis=1, bitorder="little").view("<u8").astype(np.uint64)
    return np.ascontiguousarray(cls.reshape(n, words))


def _search(
    kernel: Any, cls: np.ndarray, m: int, y: np.ndarray, weights: np.ndarray, k: int,
    cap: int, work_limit: int, lagrange_from: int, keys: np.ndarray, *, canonical: bool = True,
) -> tuple[int, list[tuple[int, ...]], bool, int] | None:
    """(count, first ``cap`` covers in the order of ``keys``, finished, work) of the
    compiled search from the column weights ``y``; None when the count is beyond int64.
    Not ``canonical``: the first ``cap`` covers met, in the order met (all of them are
    needed, or none)."""
    cap = max(int(cap), 1)
    out = np.zeros((2 * cap + 1 if canonical else cap, k), dtype=np.int64)
    total, written, status, work = kernel.count_covers(
        np.ascontiguousarray(cls), m, y, weights, int(k), max(int(work_limit), 0), cap, out,
        lagrange_from, keys if canonical else np.zeros(0, dtype=np.int64),
    )
    if status == 2:
        return None
    out = np.sort(out[:written], axis=1)
    return int(total), [tuple(row) for row in out.tolist()], status == 0, int(work)


def _expand(
    kernel: Any, matrix: np.ndarray, cls: np.ndarray, y: np.ndarray, weights: np.ndarray,
    k: int, cap: int, top: tuple[np.ndarray, list[tuple[int, ...]], np.ndarray],
    effort: tuple[int, int, int], keys: np.ndarray,
) -> OptimalCovers | None:
    """Every minimum cover from those by maximal classes.

    Map each class to the first maximal class holding its columns: a minimum cover maps
    to ``k`` distinct maximal classes (else fewer would cover), a minimum cover by
    maximal classes ``T``. So the minimum covers are, over the ``T``, the covers by ``k``
    classes of the sub-chart of the classes mapped into ``T`` (each maps exactly onto
    ``T``), and the counts add up. The weights ``y`` of the maximal classes hold for the
    classes they dominate (a class carries at most what its maximal class carries): the
    sub-charts are searched from them. A column that only one class of ``T`` holds must
    be held by the class that replaces it: the others are left out first.
    """
    maximal, tops, dominator = top
    work_limit, work, lagrange_from = effort
    by_top = np.argsort(dominator, kind="stable")
    bounds = np.searchsorted(dominator[by_top], np.arange(len(maximal) + 1))
    cap = max(int(cap), 1)
    out = np.zeros((2 * cap + 1, k), dtype=np.int64)
    total, written, status, spent = kernel.expand_covers(
        cls, matrix.shape[1], y, weights, int(k), np.asarray(tops, dtype=np.int64).reshape(-1, k),
        maximal.astype(np.int64), by_top.astype(np.int64), bounds.astype(np.int64),
        max(int(work_limit) - work, 0), cap, out, lagrange_from, keys,
    )
    if status == 2:
        return None
    found = [tuple(row) for row in np.sort(out[:written], axis=1).tolist()]
    return OptimalCovers(int(total) if status == 0 else None, found, work + int(spent))
