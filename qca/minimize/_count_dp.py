"""Counting minimum covers by dynamic programming along an elimination order of the columns.

Branching alone cannot count the minimum covers of a large connected chart whose
covers number in the billions (planted charts: every class a sub-cube of the positive
rows, linked into one percolated hypercube). Their *column graph* (columns linked when a
class covers both) is sparse and, once the linear-programming bound has pruned the
classes that no minimum cover uses, narrow: a greedy elimination order (fewest
neighbours first) keeps every column's later neighbours few. Bucket elimination then
counts exactly:

- each class is a table over its columns: not taken (covers nothing, cost 0, one way)
  or taken (covers all its columns, cost 1, ``weight`` ways), placed in the bucket of
  its first column in the order;
- a column's bucket multiplies its tables (the columns covered are the union, costs
  add, ways multiply), keeps the states where that column is covered, drops it, and
  passes the table on to the bucket of its next column;
- each state keeps only its fewest classes and the number of ways to reach them (what
  happens later does not depend on how a state was reached, so a costlier way into the
  same state never ends in a minimum cover): the (min, +) semiring with counts;
- a state that already spends more than the linear relaxation allows is dropped: with
  duals ``y`` (at most 1 on a class), a state of cost ``c`` that has covered columns
  ``C`` ends in a cover of at least ``c + y(all) - y(C)`` classes; beyond ``k``, it
  cannot be a minimum cover.

The states are bit sets of the columns (Python ints); the table of a bucket is exact
for any order, and its size is bounded by 2 ** (the order's width), usually far less
after the pruning. Work is paid from the counter's effort budget.
"""

from __future__ import annotations

import heapq

import numpy as np

from qca.minimize._reduce import _bits, _Budget

__all__ = [
    "EliminationStopped", "WIDTH_LIMIT", "count_by_elimination", "count_one_branch",
    "elimination_order",
]

#: Widest elimination order tried (the later neighbours of a column when it goes).
WIDTH_LIMIT = 40
#: Tolerance of the floating-point dual bound (keeps a state whenever in doubt).
EPS = 1e-7

class EliminationStopped(Exception):
    """The count by elimination ran out of its effort budget."""


#: A table: covered columns (bit set) -> (cost, ways, waste), waste = cost - y(covered).
_Table = dict[int, tuple[int, int, float]]


def _column_graph(matrix: np.ndarray):  # type: ignore[no-untyped-def]
    """Columns x columns (scipy CSR), nonzero where a class covers both (the diagonal
    too). SciPy is imported here: most charts never need it."""
    from scipy.sparse import csr_matrix

    rows, cols = np.nonzero(matrix)
    links = csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=matrix.shape)
    return (links.T @ links).tocsr()


def elimination_order(matrix: np.ndarray, limit: int = WIDTH_LIMIT) -> list[int] | None:
    """Columns in greedy elimination order (fewest neighbours left first, then lowest
    index), or None once a column would go with more than ``limit`` neighbours.

    >>> chain = np.array([[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1]], dtype=bool)
    >>> elimination_order(chain)
    [0, 1, 2, 3]
    """
    order, stuck = _eliminate(matrix, limit)
    return order if stuck < 0 else None


def _eliminate(matrix: np.ndarray, limit: int) -> tuple[list[int], int]:
    """The greedy elimination order up to the first column with more than ``limit``
    neighbours left, and their number (-1: every column went)."""
    m = matrix.shape[1]
    adjacent = _column_graph(matrix)
    indptr, indices = adjacent.indptr.tolist(), adjacent.indices.tolist()
    neighbours = [set(indices[indptr[c] : indptr[c + 1]]) for c in range(m)]
    for c in range(m):
        neighbours[c].discard(c)
    heap = [(len(neighbours[c]), c) for c in range(m)]
    heapq.heapify(heap)
    gone = [False] * m
    order: list[int] = []
    while heap:
        degree, col = heapq.heappop(heap)
        if gone[col] or degree != len(neighbours[col]):
            continue  # stale entry
        if degree > limit:
            return order, degree
        gone[col] = True
        order.append(col)
        near = neighbours[col]
        for c in near:
            links = neighbours[c]
            links.discard(col)
            links |= near
            links.discard(c)
            heapq.heappush(heap, (len(links), c))
        neighbours[col] = set()
    return order, -1


def _dual_sum(mask: int, duals: list[float]) -> float:
    total = 0.0
    while mask:
        low = mask & -mask
        total += duals[low.bit_length() - 1]
        mask ^= low
    return total


def _product(a: _Table, b: _Table, duals: list[float], slack: float, budget: _Budget) -> _Table:
    """States of two tables over disjoint classes taken together (pruned by ``slack``)."""
    budget.left -= 2 * len(a) * len(b)  # about 2 microseconds a pair
    if budget.spend():
        raise EliminationStopped
    out: _Table = {}
    for mask_a, (cost_a, ways_a, waste_a) in a.items():
        for mask_b, (cost_b, ways_b, waste_b) in b.items():
            both = mask_a & mask_b
            waste = waste_a + waste_b + (_dual_sum(both, duals) if both else 0.0)
            if waste > slack + EPS:
                continue
            mask = mask_a | mask_b
            cost = cost_a + cost_b
            old = out.get(mask)
            if old is None or cost < old[0]:
                out[mask] = (cost, ways_a * ways_b, waste)
            elif cost == old[0]:
                out[mask] = (cost, old[1] + ways_a * ways_b, old[2])
    return out


def count_by_elimination(
    matrix: np.ndarray,
    weights: np.ndarray,
    duals: np.ndarray,
    k: int,
    budget: _Budget,
    order: list[int],
) -> tuple[int, int] | None:
    """(fewest classes covering every column, weighted number of such covers), among
    covers of at most ``k`` classes; None when there is none.

    ``duals`` (at most 1 on every class) prune the states; ``order`` is an elimination
    order of the columns (any order is exact; a narrow one is fast). Raises
    :class:`EliminationStopped` when ``budget`` runs out.

    >>> from qca.minimize._reduce import _Budget
    >>> chart = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1], [0, 0, 1]], dtype=bool)
    >>> count_by_elimination(chart, np.array([1, 1, 1, 2]), np.zeros(3), 2, _Budget(10**6),
    ...                      [0, 1, 2])
    (2, 5)
    """
    n, m = matrix.shape
    y = [float(v) for v in duals.tolist()]
    slack = k - float(sum(y))
    if slack < -EPS:
        return None
    rank = np.empty(m, dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(m)
    buckets: list[list[_Table]] = [[] for _ in range(m)]
    for i in range(n):
        cols = np.flatnonzero(matrix[i])
        if len(cols) == 0:
            continue  # never in a minimum cover
        packed = np.packbits(matrix[i], bitorder="little")
        mask = int.from_bytes(packed.tobytes(), "little")
        waste = 1.0 - sum(y[c] for c in cols.tolist())
        table: _Table = {0: (0, 1, 0.0)}
        if waste <= slack + EPS:
            table[mask] = (1, int(weights[i]), waste)
        buckets[int(cols[np.argmin(rank[cols])])].append(table)
    done: list[_Table] = []
    for col in order:
        tables = sorted(buckets[col], key=len, reverse=True)
        buckets[col] = []
        if not tables:
            return None  # no class covers this column
        merged = tables[0]
        for other in tables[1:]:
            merged = _product(merged, other, y, slack, budget)
        bit = 1 << col
        kept: _Table = {mask ^ bit: state for mask, state in merged.items() if mask & bit}
        if not kept:
            return None
        scope = 0
        for mask in kept:
            scope |= mask
        if scope == 0:
            done.append(kept)
            continue
        later = _bits(scope)
        nxt = min(later, key=lambda c: int(rank[c]))
        buckets[nxt].append(kept)
    result: _Table = {0: (0, 1, 0.0)}
    for table in done:
        result = _product(result, table, y, slack, budget)
    if 0 not in result:
        return None
    cost, ways, _ = result[0]
    return cost, ways


def count_one_branch(
    matrix: np.ndarray,
    weights: np.ndarray,
    duals: np.ndarray,
    cover: list[int],
    budget: _Budget,
    limit: int = WIDTH_LIMIT,
) -> int:
    """A proven lower bound on the weighted number of minimum covers, given one of them
    (``cover``, class indices): the exact number of those sharing a few of its classes.

    While the columns left have no elimination order of width at most ``limit``, the
    column with most neighbours is covered by its class in ``cover`` (the widest when
    several); the covers of the rest by as many classes as ``cover`` has left are then
    counted by :func:`count_by_elimination`. Raises :class:`EliminationStopped` when
    ``budget`` runs out.

    >>> from qca.minimize._reduce import _Budget
    >>> ring = np.array([[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1], [1, 0, 0, 1]], dtype=bool)
    >>> ones = np.ones(4, dtype=np.int64)
    >>> count_one_branch(ring, ones, np.zeros(4), [0, 2], _Budget(10**6), 0)
    1
    >>> count_one_branch(ring, ones, np.zeros(4), [0, 2], _Budget(10**6), 4)
    2
    """
    y = np.asarray(duals, dtype=np.float64)
    rows = np.ones(len(matrix), dtype=bool)
    cols = np.ones(matrix.shape[1], dtype=bool)
    left = np.zeros(len(matrix), dtype=bool)
    left[np.asarray(cover, dtype=np.int64)] = True
    factor = 1
    while True:
        budget.left -= int(rows.sum()) * int(cols.sum()) // 20 + 100  # ~ microseconds a round
        if budget.spend():
            raise EliminationStopped
        row_ids, col_ids = np.flatnonzero(rows), np.flatnonzero(cols)
        sub = matrix[row_ids][:, col_ids]
        k = int(left[row_ids].sum())
        if sub.shape[1] == 0:
            return factor if k == 0 else 0
        order, stuck = _eliminate(sub, limit)
        if stuck < 0:
            got = count_by_elimination(sub, weights[row_ids], y[col_ids], k, budget, order)
            return factor * got[1] if got is not None and got[0] == k else 0
        degree = _column_graph(sub).getnnz(axis=1)
        degree[order] = 0  # columns that go early anyway
        # the columns with most neighbours among those left, one in 16 of them a round
        picks = max(1, (sub.shape[1] - len(order)) // 16)
        for hub in np.argsort(-degree, kind="stable")[:picks].tolist():
            if not cols[col_ids[hub]]:
                continue  # covered by a class taken in this round
            mine = np.flatnonzero(sub[:, hub] & left[row_ids])
            if len(mine) == 0:
                return 0  # ``cover`` is no cover
            pick = int(mine[np.argmax(sub[mine].sum(axis=1))])
            factor *= int(weights[row_ids[pick]])
            rows[row_ids[pick]] = False
            left[row_ids[pick]] = False
            cols[col_ids[sub[pick]]] = False
