"""Is there a cover of at most ``k`` classes? A decision search that proves minimums.

When the best cover known has ``k + 1`` classes and the bounds stop at ``k`` or below,
the minimum is proven by showing that no cover of ``k`` classes exists (or a smaller
cover is found). The search branches on a set of classes that every cover meets (the
i-th branch takes its i-th class and forbids the earlier ones): the candidates of the
uncovered column with the fewest, or the heavy classes when they are fewer. For column
weights ``v >= 0``, a cover of the columns left ``U`` by at most ``r`` classes weighs
``v(U)`` or more in total, so one of its classes weighs at least ``v(U) / r`` within
``U``: with the node's Lagrangian weights plus a spread, a few hundred of the 48,787
classes of random_30x200 where its columns have 1,366 candidates or more; taken heaviest
first, no class left in a branch weighs more than the one taken. Every node is bounded
by a Lagrangian relaxation:

- for column weights ``u >= 0``, a cover ``S`` of the columns left ``U`` by at most
  ``r`` classes has ``r >= |S| >= u(U) + sum over S of (1 - u(class within U))``, so
  ``u(U)`` plus the ``r`` most negative reduced costs ``1 - u(class within U)`` bounds
  the classes needed from below (Beasley 1990 for set covering; the cardinality ``r``
  is kept in the relaxation). A few subgradient steps per node, warm-started from the
  parent's weights (the root's are the linear relaxation's duals), raise it;
- a class whose reduced cost, added to the ``r - 1`` most negative others, lifts the
  bound above ``r`` is in no such cover and is dropped (reduced-cost fixing, at every
  step: the later steps run over fewer classes);
- a candidate whose columns in ``U`` lie within another candidate's is dropped from the
  node (swapping it for that one keeps a cover a cover);
- the ``r`` largest classes must reach every column left; the last class must hold
  them all; picked classes of the relaxation that cover ``U`` end the search.

The search runs compiled (numba, the ``fast`` extra) and is bounded by the number of
classes it looks at, never by time, so a chart gets the same answer on any machine.
Without numba it is not run (:func:`cover_within` returns None) and the caller proves
the minimum another way or reports the bound it has.

On random_20x200 parsimonious (96 columns, 6,748 classes, linear bound 12.3) it shows in
8.3 million class looks that no cover of 13 classes exists, where HiGHS needs
minutes; on random_30x200 (102 columns, 48,787 classes, linear bound 9.83, best cover
12) that none of 11 classes exists in 0.81 billion (HiGHS did not close that gap in 343
seconds): see
:func:`worth_searching` and :func:`search_work`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from qca.minimize._bounds import feasible_duals
from qca.minimize._compiled import load_kernel
from qca.minimize._transversal import compiled_available

__all__ = [
    "CoverDecision",
    "MinimumProof",
    "PROOF_WORK",
    "WIDE_WORK",
    "STEPS",
    "cover_within",
    "lp_duals",
    "prove_minimum",
    "search_work",
    "worth_searching",
]

#: Classes looked at (each subgradient step over a node's classes counts them all)
#: before the search stops undecided; about 10 ns each compiled (random_20x200
#: parsimonious needs 8.3 million).
PROOF_WORK = 700_000_000
#: Subgradient steps of the Lagrangian bound at each node, at most (random_30x200, no
#: 11-cover, halving the step after two stalls: 1.71, 1.33, 1.10 and 1.05 billion looks
#: with 15, 20, 30 and 45 steps; after three stalls, as now: 0.98 with 45 or 60).
STEPS = 45
#: Largest (k + 1) x (classes + columns) searched: the search keeps, per level, the
#: classes allowed and the column weights (12 bytes a cell at most).
MAX_CELLS = 5_000_000
#: Rounds of :func:`lp_duals` before its duals are taken as they are (scaled feasible).
LP_ROUNDS = 60
#: Largest gap between the target size and the linear bound for which the search is
#: tried: below one class, reduced-cost fixing bites from the root on; above it, a
#: node needs a class or two taken first (random_30x200 parsimonious, no 11-cover at a
#: gap of 1.17: 0.81 billion looks, heavy-class branching from the root).
GAP_LIMIT = 1.25
#: :data:`PROOF_WORK` for gaps of one class or more (:func:`search_work`).
WIDE_WORK = 3_000_000_000
#: Kernel codes of the branching sets (:func:`cover_within`).
_BRANCHING = {"fewest": 0, "columns": 1, "heavy": 2}


@dataclass(frozen=True)
class CoverDecision:
    """Result of :func:`cover_within`.

    Attributes
    ----------
    cover : tuple of int or None
        A cover of at most ``k`` classes (ascending class indices), when one was found.
    none : bool
        True when it is proven that no cover of at most ``k`` classes exists.
    work : int
        Classes looked at.
    """

    cover: tuple[int, ...] | None
    none: bool
    work: int


def worth_searching(k: int, duals: np.ndarray | None) -> bool:
    """Whether the search is tried for covers of ``k`` classes: the linear bound
    ``sum(duals)`` must be within :data:`GAP_LIMIT` of ``k``.

    >>> worth_searching(13, np.full(96, 12.3 / 96)), worth_searching(12, np.full(102, 0.096))
    (True, False)
    """
    return duals is not None and k - float(np.sum(duals)) < GAP_LIMIT


def search_work(k: int, duals: np.ndarray) -> int:
    """Classes the search for a cover of ``k`` classes may look at: :data:`PROOF_WORK`,
    or :data:`WIDE_WORK` when the linear bound ``sum(duals)`` is a class or more below.

    >>> search_work(13, np.full(96, 12.3 / 96)) == PROOF_WORK
    True
    >>> search_work(11, np.full(102, 9.83 / 102)) == WIDE_WORK
    True
    """
    return PROOF_WORK if k - float(np.sum(duals)) < 1.0 else WIDE_WORK


def cover_within(
    indptr: np.ndarray,
    indices: np.ndarray,
    n_cols: int,
    k: int,
    duals: np.ndarray | None = None,
    *,
    work_limit: int = PROOF_WORK,
    steps: int = STEPS,
    branching: str = "fewest",
) -> CoverDecision | None:
    """Decide whether the chart has a cover of at most ``k`` classes.

    Parameters
    ----------
    indptr, indices : ndarray
        Columns of class i are ``indices[indptr[i]:indptr[i + 1]]``.
    n_cols : int
        Number of columns.
    k : int
        Largest cover size asked for.
    duals : ndarray, optional
        Column weights to start the Lagrangian steps from (the linear relaxation's
        duals are best); by default each column weighs one over the size of the largest
        class holding it.
    work_limit : int
        Classes looked at before the search stops undecided.
    steps : int
        Subgradient steps per node.
    branching : {"fewest", "columns", "heavy"}
        The set each node branches on: the smaller of a column's candidates and the
        heavy classes (default), or always the one named (for tests).

    Returns
    -------
    CoverDecision or None
        None when the compiled search is unavailable (no numba) or the chart too large
        for it (:data:`MAX_CELLS`).

    Examples
    --------
    >>> import numpy as np
    >>> indptr, indices = np.array([0, 2, 4, 6]), np.array([0, 1, 1, 2, 0, 2])
    >>> got = cover_within(indptr, indices, 3, 1)  # None without numba
    >>> got is None or (got.cover, got.none) == (None, True)
    True
    >>> got = cover_within(indptr, indices, 3, 2)
    >>> got is None or (got.cover, got.none) == ((0, 1), False)
    True
    """
    if not compiled_available():
        return None
    kernel = load_kernel("_proof_kernel")
    if kernel is None:
        return None
    indptr = np.asarray(indptr, dtype=np.int64)
    indices = np.asarray(indices, dtype=np.int64)
    n = len(indptr) - 1
    if (max(int(k), 0) + 1) * (n + n_cols) > MAX_CELLS:
        return None
    words = max((n_cols + 63) // 64, 1)
    cls = np.zeros((n, words), dtype=np.uint64)
    rows = np.repeat(np.arange(n), np.diff(indptr))
    np.bitwise_or.at(cls, (rows, indices >> 6), np.left_shift(np.uint64(1), (indices & 63).astype(np.uint64)))
    # each class's distinct columns, ascending (the compiled sums run in column order)
    pairs = np.unique(rows * max(n_cols, 1) + indices)
    ptr = np.searchsorted(pairs, np.arange(n + 1) * max(n_cols, 1))
    col = (pairs % max(n_cols, 1)).astype(np.int32)
    if duals is None:
        largest = np.ones(n_cols)
        np.maximum.at(largest, indices, np.diff(indptr)[rows].astype(np.float64))
        duals = 1.0 / largest
    y = np.array(duals, dtype=np.float64)
    out = np.zeros(max(int(k), 0) + 1, dtype=np.int64)
    status, size, work = kernel.search_cover(
        cls, ptr, col, int(n_cols), y, int(k), int(work_limit), int(steps), out,
        _BRANCHING[branching],
    )
    if status == 1:
        return CoverDecision(tuple(sorted(int(i) for i in out[:size])), False, int(work))
    return CoverDecision(None, status == 0, int(work))


@dataclass(frozen=True)
class MinimumProof:
    """Result of :func:`prove_minimum`.

    Attributes
    ----------
    lower : int
        Proven lower bound on the size of a cover.
    cover : tuple of int or None
        A cover of ``lower`` classes (hence minimum), when one was found.
    duals : ndarray
        The duals of the linear relaxation used (feasible: at most 1 on every class).
    settled : bool
        False when the decision search was not tried (gap of a class or more) or
        stopped at its effort bound: ``lower`` then rests on the linear bound alone.
    """

    lower: int
    cover: tuple[int, ...] | None
    duals: np.ndarray
    settled: bool


def prove_minimum(
    indptr: np.ndarray, indices: np.ndarray, n_cols: int, low: int, size: int
) -> MinimumProof | None:
    """The linear bound, then the decision search for each size it may settle.

    ``low`` is a proven lower bound and ``size`` the size of a cover known. With ``L``
    the linear bound, the search is tried for ``k = max(low, ceil(L))``, ``k + 1``, ...
    below ``size`` while :func:`worth_searching`: a cover of ``k`` classes is minimum,
    none proves ``k + 1``. ``settled`` is True when every size worth it was decided
    (at least one). Returns None when the compiled search is unavailable or the chart
    too large for it (:data:`MAX_CELLS` at ``k = size - 1``).

    >>> indptr, indices = np.array([0, 2, 4, 6]), np.array([0, 1, 1, 2, 0, 2])
    >>> got = prove_minimum(indptr, indices, 3, 1, 3)  # linear bound 1.5: a 2-cover?
    >>> got is None or (got.lower, got.cover, got.settled) == (2, (0, 1), True)
    True
    """
    if not compiled_available() or size * (len(indptr) - 1 + n_cols) > MAX_CELLS:
        return None  # no search to run (every k tried is below size): no LP either
    duals = lp_duals(indptr, indices, n_cols)
    k = max(low, math.ceil(float(duals.sum()) - 1e-7))
    tried = False
    while k < size:
        if not worth_searching(k, duals):
            return MinimumProof(k, None, duals, tried)
        got = cover_within(indptr, indices, n_cols, k, duals, work_limit=search_work(k, duals))
        if got is None or (got.cover is None and not got.none):
            return MinimumProof(k, None, duals, False)
        if got.cover is not None:
            return MinimumProof(len(got.cover), got.cover, duals, True)
        k += 1
        tried = True
    return MinimumProof(size, None, duals, True)


def lp_duals(indptr: np.ndarray, indices: np.ndarray, n_cols: int) -> np.ndarray:
    """Column weights ``y >= 0`` with at most 1 on every class: the optimum of the linear
    relaxation's dual, by row generation.

    The dual (maximize ``sum(y)`` with ``y(columns of i) <= 1`` for every class ``i``)
    is solved by HiGHS over a few classes first (the largest one of each column, and the
    largest overall); the classes it then overloads are added, most overloaded first,
    until none is. On random_30x200 parsimonious six rounds of at most 714 of its 48,787
    classes reach the optimum, 9.8297, in a tenth of the time and memory of the whole
    program. The weights are scaled down so that no class carries more than 1 even
    after rounding (a valid bound after any number of rounds).

    >>> y = lp_duals(np.array([0, 2, 4, 6]), np.array([0, 1, 1, 2, 0, 2]), 3)
    >>> round(float(y.sum()), 6)
    1.5
    """
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    indptr = np.asarray(indptr, dtype=np.int64)
    indices = np.asarray(indices, dtype=np.int64)
    n = len(indptr) - 1
    if n == 0 or n_cols == 0:
        return np.zeros(n_cols)
    chart = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(n, n_cols))
    sizes = np.diff(indptr)
    order = np.lexsort((np.arange(n), -sizes))  # largest first, then by index
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    first = np.full(n_cols, n)
    np.minimum.at(first, indices, rank[np.repeat(np.arange(n), sizes)])
    if (first == n).any():
        return np.zeros(n_cols)  # a column no class holds: no cover, no bound needed
    chosen = np.zeros(n, dtype=bool)
    chosen[order[first]] = True  # every column in some row: the program is bounded
    chosen[order[: 2 * n_cols]] = True
    y = np.zeros(n_cols)
    for _ in range(LP_ROUNDS):
        rows = np.flatnonzero(chosen)
        res = linprog(
            -np.ones(n_cols), A_ub=chart[rows], b_ub=np.ones(len(rows)), bounds=(0, None),
            method="highs",
        )
        if res.x is None:
            break
        y = np.clip(np.asarray(res.x, dtype=np.float64), 0.0, 1.0)
        load = chart @ y  # each class's load summed in column order: the same anywhere
        over = np.flatnonzero((load > 1.0 + 1e-9) & ~chosen)
        if len(over) == 0:
            break
        chosen[over[np.lexsort((over, -load[over]))][: max(n_cols, len(rows) // 2)]] = True
    return feasible_duals(chart, y)
