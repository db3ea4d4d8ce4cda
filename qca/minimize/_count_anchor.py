"""A proven lower bound on the number of minimum covers where counting them stops.

Given one minimum cover ``C`` of ``k`` classes and a part ``F`` of it (the anchors),
the minimum covers holding ``F`` are exactly ``F`` plus a cover of the columns ``F``
leaves open by ``k - |F|`` other classes: none has fewer (with ``F`` it would be a
smaller cover), and a class with no open column is in none (dropping it would leave a
smaller cover). Their weighted number, ``F``'s weights times the count of that rest, is
a lower bound on the count of all minimum covers.

Conservative charts of planted data keep, after every reduction, a column graph too wide
to count (planted_k16: a component of 8,292 classes x 5,595 columns, min-fill width over
220). Anchoring classes of ``C`` removes their columns from that graph: the anchors
chosen cover the columns with most neighbours among those a min-fill elimination
order (:func:`qca.minimize._count_tree.fill_elimination_order`) cannot take within the
width limit, a share of them a round, until the rest has an order of width at most
:data:`ANCHOR_WIDTH`; the rest is then counted exactly by the compiled elimination
(:func:`qca.minimize._count_tree.count_by_tree`), with the duals of the whole chart
(still feasible on the rest) pruning its states. planted_k16: 598 anchors of 2,337
classes, a rest of 6,700 classes x 3,510 columns and at least 2.18e156 minimum covers
(1.61e161 for the whole chart).

Why that component is not counted exactly (measured): its linear relaxation leaves a
gap of 121/54 (every minimum cover spends exactly that much reduced cost and double
cover), more than any class's reduced cost or column's dual (at most 1), so they rule
out no class and fix no column; its min-fill width passes 300 on the columns and 400
on the classes, and still passes 300 on the 5,890 classes of zero reduced cost alone;
and removing the columns of most neighbours, an eighth of the stuck ones a round, takes
1,218 columns (held by 4,385 classes) before a width of 40 remains.

Every bound is of work (state pairs), never of time: the same chart gets the same bound.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from qca.minimize._count_dp import EliminationStopped
from qca.minimize._count_tree import (
    FIRST_PRIMES,
    _kernel,
    count_by_tree,
    graph_bits,
    tree_available,
)
from qca.minimize._reduce import _Budget

__all__ = ["ANCHOR_COLUMNS", "ANCHOR_PAIRS", "ANCHOR_WIDTH", "anchored_count", "count_lower_bound"]

#: Fewest columns of a component whose count stopped for which the bound is sought:
#: narrower charts are dense (random_20x200 parsimonious: 96 columns, each class
#: linked to nearly every other), where anchors leave a rest of a handful of covers.
ANCHOR_COLUMNS = 128
#: Widest min-fill elimination order of the columns left counted (lower: more anchors).
ANCHOR_WIDTH = 24
#: State pairs the count of the rest may look at.
ANCHOR_PAIRS = 100_000_000
#: Each round anchors a cover class at one in ``ANCHOR_SHARE`` of the columns the
#: elimination order cannot take.
ANCHOR_SHARE = 8
#: Width taken off when the count of the rest stops (a table past its states).
NARROWER = 4
#: Most columns of a chart anchored (the column graph's bit rows take ``columns ** 2 / 8``
#: bytes and the min-fill order ``columns ** 2`` steps a round).
MAX_COLUMNS = 20_000


def _links(sub):  # type: ignore[no-untyped-def]
    """Columns x columns (scipy CSR) of a sparse chart, nonzero where a class holds both."""
    return (sub.T @ sub).tocsr()


def _primes_for(k: int) -> int:
    """Primes (of about 31 bits) for a first pass of the count of a rest of ``k`` classes
    to need no second: planted charts hold 0.25-0.31 bits of count per cover class
    (planted_k16's rest: 530 bits for 1,718 classes); too few only costs that second pass.

    >>> _primes_for(10), _primes_for(1718)
    (8, 24)
    """
    return max(FIRST_PRIMES, math.ceil(0.4 * k / 30.9) + 1)


def anchored_count(
    matrix: Any,
    weights: np.ndarray | list[int],
    duals: np.ndarray,
    cover: list[int],
    *,
    width: int = ANCHOR_WIDTH,
    pairs: int = ANCHOR_PAIRS,
) -> int:
    """Weighted number of the minimum covers holding the anchors chosen from ``cover``: a
    proven lower bound on the weighted number of all minimum covers (0 when the count of
    the rest stops, or without numba).

    ``matrix``: the chart, boolean (classes x columns) or scipy sparse.
    ``cover`` must be a minimum cover (class indices); ``duals`` ``y >= 0`` with at most
    1 on every class (:func:`qca.minimize._bounds.cover_duals`; zeros prune nothing).
    ``width``: widest elimination order of the rest; ``pairs``: the state pairs its
    counts may look at. A count gets half the pairs left; when it stops (past them, or
    a table past its states), more anchors make the rest narrower by :data:`NARROWER`
    and it is counted again.

    >>> ring = np.eye(6, dtype=bool) | np.roll(np.eye(6, dtype=bool), 1, axis=1)
    >>> got = anchored_count(ring, np.ones(6, np.int64), np.zeros(6), [0, 2, 4], width=1)
    >>> got in (1, 0)  # anchored: the one cover through class 0 (0 without numba)
    True
    """
    return _anchored(matrix, weights, duals, cover, width, pairs)[0]


def _anchored(
    matrix: Any, weights: np.ndarray | list[int], duals: np.ndarray, cover: list[int],
    width: int, pairs: int,
) -> tuple[int, list[int]]:
    """(:func:`anchored_count`, the anchors: class indices)."""
    from scipy.sparse import csr_matrix, issparse

    if not issparse(matrix):
        matrix = np.asarray(matrix, dtype=bool)
    if not tree_available() or len(cover) == 0 or matrix.shape[1] > MAX_COLUMNS:
        return 0, []
    try:
        kernel = _kernel()
    except EliminationStopped:
        return 0, []
    w = np.asarray(weights, dtype=np.int64)
    y = np.asarray(duals, dtype=np.float64)
    chart = csr_matrix(matrix, dtype=np.float32)
    rows = np.ones(matrix.shape[0], dtype=bool)
    cols = np.ones(matrix.shape[1], dtype=bool)
    left = np.zeros(matrix.shape[0], dtype=bool)
    left[np.asarray(cover, dtype=np.int64)] = True
    factor = 1
    spare = int(pairs)  # state pairs left
    while True:
        row_ids, col_ids = np.flatnonzero(rows), np.flatnonzero(cols)
        sub = chart[row_ids][:, col_ids]
        live = np.diff(sub.indptr) > 0  # a class with no open column is in no such cover
        row_ids, sub = row_ids[live], sub[live]
        k = int(left[row_ids].sum())
        m = len(col_ids)
        anchors = np.flatnonzero(~rows).tolist()
        if m == 0:
            return (factor if k == 0 else 0), anchors
        if k == 0:
            return 0, anchors  # ``cover`` is no cover
        linked = _links(sub)
        order, done, reached = kernel.fill_order(graph_bits(linked, m), width)
        if done == m:
            share = _Budget(spare // 2)  # half of what is left: room for narrower tries
            try:
                got = count_by_tree(
                    sub, w[row_ids], y[col_ids], k,
                    [int(c) for c in order], share, first_primes=_primes_for(k),
                )
            except EliminationStopped:  # past its pairs or states: narrower
                spare -= spare // 2 - max(share.left, 0)
                if spare < 2 or int(reached) <= NARROWER:
                    return 0, anchors
                width = int(reached) - NARROWER
                continue
            # fewer than k classes on the rest: ``cover`` was not a minimum cover
            return (factor * got[1] if got is not None and got[0] == k else 0), anchors
        stuck = np.ones(m, dtype=bool)
        stuck[order[:done]] = False
        degree = np.diff(linked.indptr)
        degree[~stuck] = -1
        taken = np.zeros(m, dtype=bool)
        picks = max(1, int(stuck.sum()) // ANCHOR_SHARE)
        by_col = sub.tocsc()
        by_col.sort_indices()
        for hub in np.argsort(-degree, kind="stable")[:picks].tolist():
            if taken[hub]:
                continue  # covered by an anchor of this round
            holders = by_col.indices[by_col.indptr[hub] : by_col.indptr[hub + 1]]
            mine = holders[left[row_ids[holders]]]
            if len(mine) == 0:
                return 0, anchors  # ``cover`` is no cover
            sizes = np.diff(sub.indptr)[mine]
            pick = int(mine[int(np.argmax(sizes))])  # the widest of ``cover``'s classes there
            held = sub.indices[sub.indptr[pick] : sub.indptr[pick + 1]]
            factor *= int(w[row_ids[pick]])
            rows[row_ids[pick]] = False
            left[row_ids[pick]] = False
            taken[held] = True
            cols[col_ids[held]] = False


def count_lower_bound(
    matrix: Any, weights: list[int], cover: list[int], duals: np.ndarray | None = None
) -> int:
    """:func:`anchored_count` for a component whose count stopped, when it is wide enough
    for anchoring to pay (:data:`ANCHOR_COLUMNS` columns); else 0. ``matrix`` is boolean
    or scipy sparse; ``duals`` default to
    :func:`qca.minimize._bounds.cover_duals` of ``matrix``.

    >>> count_lower_bound(np.eye(3, dtype=bool), [1, 1, 1], [0, 1, 2])
    0
    """
    if matrix.shape[1] < ANCHOR_COLUMNS or not tree_available():
        return 0
    if duals is None:
        from qca.minimize._bounds import cover_duals

        duals = cover_duals(matrix)
    return anchored_count(matrix, np.asarray(weights, dtype=np.int64), duals, cover)
