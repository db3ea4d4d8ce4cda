"""Every minimum cover counted by the decision search's tree, walked to the end.

The decision search of :mod:`qca.minimize._proof_search` proves that no cover of
``k - 1`` classes exists by a tree whose nodes are bounded by a Lagrangian relaxation
and which branches on a set of classes that every cover meets (the candidates of the
column with fewest, or the heavy classes). Walked to the end with target ``k`` (the
proven minimum) it meets every cover of ``k`` classes exactly once: the i-th branch
takes the i-th class of its set and forbids the earlier ones, and the bounds only drop
nodes and classes that are in no such cover. The swap rule of the decision search (a
candidate whose columns left lie within an earlier one's is dropped) is left out: it
keeps some cover, not every one.

This counter meets each cover one at a time, so it finishes where the covers are few
(up to some hundred thousand) and the tree around them is narrow: it counts random_40x100
parsimonious's 16,666 minimum models, sparse_k24_n200's 22,506, sparse_k20_n200's 4,761
and random_25x50's 2,761, the counts of :mod:`qca.minimize._optimal_covers`. Where it
stops at its work bound, the weighted number of covers met so far is a proven lower
bound on the count (the caller's effort bound sets the work: 100 million class looks by
default after the all-covers search stopped, :func:`qca.minimize._chart._count_covers`).
On random_20x200 parsimonious (22,277 classes, 96 columns, minimum 14, linear bound
12.3) 916,232 PI-level minimum models in 100 million class looks (557,752 in 50
million, about half a second), where the all-covers search stops at 6,964; on
random_30x200 (190,479 classes, minimum 12) 751,120 (12,127 in 50 million) where 52
were known. Their whole counts are far beyond
either: walked with the bound of :mod:`qca.minimize._proof_kernel`, random_20x200's tree
was after 7.5 billion looks (2.9 million models met) still in the first branch of each
of its first two levels (of 261 and 213 branches).

Every bound is of work (classes looked at), never of time: the same chart gets the
same answer on any machine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qca.minimize._compiled import load_kernel
from qca.minimize._transversal import compiled_available

__all__ = ["COUNT_WORK", "LOOKS_PER_STEP", "CoverCount", "count_within", "walk_count"]

#: Classes looked at before the count stops (about 10 ns each compiled).
COUNT_WORK = 50_000_000
#: Class looks per step of a caller's effort bound (steps of about a microsecond; the
#: default effort of 2 million steps gives :data:`COUNT_WORK`).
LOOKS_PER_STEP = 25
#: Subgradient steps of the Lagrangian bound at each node.
STEPS = 30
#: Largest (k + 1) x (classes + columns) searched (the search keeps, per level, the
#: classes allowed and the column weights).
MAX_CELLS = 5_000_000


@dataclass(frozen=True)
class CoverCount:
    """Result of :func:`count_within`.

    Attributes
    ----------
    count : int
        Weighted number of covers of ``k`` classes met: all of them when ``exact``,
        else a proven lower bound on their number.
    exact : bool
        True when the search finished.
    covers : list of tuple of int
        The first covers met (class indices, ascending), at most ``cap``.
    work : int
        Classes looked at.
    """

    count: int
    exact: bool
    covers: list[tuple[int, ...]]
    work: int


def count_within(
    matrix: np.ndarray,
    weights: list[int] | np.ndarray,
    k: int,
    duals: np.ndarray | None = None,
    *,
    work_limit: int = COUNT_WORK,
    cap: int = 0,
    steps: int = STEPS,
) -> CoverCount | None:
    """Count (weighted by ``weights``, PIs per class) the covers of ``matrix`` by ``k``
    classes, ``k`` the proven minimum size of a cover.

    ``duals``: column weights ``y >= 0`` with at most 1 on every class to start the
    Lagrangian steps from (default: the linear relaxation's,
    :func:`qca.minimize._proof_search.lp_duals`). Returns None when the compiled search
    is unavailable (no numba), the chart is too large for it (:data:`MAX_CELLS`), or a
    cover of fewer than ``k`` classes exists (``k`` is not the minimum).

    >>> chart = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1], [0, 0, 1]], dtype=bool)
    >>> got = count_within(chart, [1, 1, 1, 2], 2, cap=10)
    >>> got is None or (got.count, got.exact, sorted(got.covers)) == (
    ...     5, True, [(0, 1), (0, 2), (0, 3), (1, 2)])
    True
    """
    matrix = np.asarray(matrix, dtype=bool)
    n, m = matrix.shape
    if not compiled_available() or k < 1 or n == 0 or m == 0 or (k + 1) * (n + m) > MAX_CELLS:
        return None
    kernel = load_kernel("_count_kernel")
    if kernel is None:
        return None
    if duals is None:
        from qca.minimize._proof_search import lp_duals

        rows, cols = np.nonzero(matrix)
        indptr = np.concatenate([[0], np.cumsum(matrix.sum(axis=1))])
        duals = lp_duals(indptr, cols, m)
    words = (m + 63) // 64
    padded = np.zeros((n, words * 64), dtype=bool)
    padded[:, :m] = matrix
    cls = np.packbits(padded, axis=1, bitorder="little").view("<u8").astype(np.uint64)
    out = np.zeros((max(int(cap), 0), k), dtype=np.int64)
    status, total, written, work = kernel.count_covers(
        np.ascontiguousarray(cls.reshape(n, words)), m, np.asarray(duals, dtype=np.float64),
        np.asarray(weights, dtype=np.int64), int(k), max(int(work_limit), 0), int(steps), out,
    )
    if status == 3:
        return None
    covers = [tuple(sorted(row)) for row in out[:written].tolist()]
    return CoverCount(int(total), status == 0, covers, int(work))


def walk_count(
    matrix: np.ndarray, weights: list[int], size: int, keep: int, found: list[tuple[int, ...]],
    effort: int,
) -> tuple[list[tuple[int, ...]], int | None, int]:
    """For a chart whose count stopped: (covers, exact count or None, proven lower bound
    on the count) by :func:`count_within`, bounded by :data:`LOOKS_PER_STEP` class looks
    per step of ``effort``; its first ``keep`` covers replace ``found`` when they are more.

    >>> chart = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1]], dtype=bool)
    >>> walk_count(chart, [1, 1, 1], 2, 1, [(0, 1)], 1000)[1:] in [(3, 3), (None, 0)]
    True
    """
    walked = count_within(matrix, weights, size, cap=keep, work_limit=LOOKS_PER_STEP * int(effort))
    if walked is None:
        return found, None, 0
    covers = walked.covers if len(walked.covers) > len(found) else found
    return covers, (walked.count if walked.exact else None), walked.count
