"""Counting minimum covers by compiled bucket elimination along a min-fill order.

:mod:`qca.minimize._count_dp` counts by bucket elimination in Python, with states as
Python ints and counts as Python ints: exact for any order, fast enough up to a width of
about 14. The conservative charts of planted data (a percolated hypercube of observed
positive rows) keep, after the reductions, a column graph of width 20-25; their buckets
pair hundreds of millions of states. This module runs the same elimination compiled:

- the order adds fewest edges first (min-fill, then fewest neighbours): on these charts
  it is 3-4 narrower than fewest neighbours first;
- a table's states are 64-bit masks over its own scope (at most 63 columns, relabelled
  at each step), kept in open-addressing hash tables; a table's scope shrinks to the
  columns its states actually cover;
- the dual bound prunes as in :mod:`qca.minimize._count_dp`: a state's waste (classes
  minus the duals of the columns covered) may not exceed ``k - y(all)``; the smaller
  table of a pair is scanned by ascending waste, so a pair of wasteful states is never
  looked at;
- a bucket's tables are joined in one compiled call (:func:`join_bucket` of the kernel),
  on the columns of all of them (one pair past 63 columns stops the count);
- counts are residues modulo primes below ``2**31`` and, alongside, a float; the float
  bounds the exact count (its rounding error is bounded by the number of operations),
  which says how many primes the Chinese remainder theorem needs to give the count
  exactly (a Python int, however large); if the primes of the first pass are too few,
  the count runs again with enough.

Work is bounded by the state pairs looked at and memory by the states per table, never
by time: the same chart gets the same answer (or the same stop) on every machine.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np

from qca.minimize._compiled import load_kernel
from qca.minimize._count_dp import EliminationStopped, _column_graph
from qca.minimize._reduce import _Budget
from qca.minimize._transversal import compiled_available

__all__ = [
    "MAX_STATES", "PAIR_LIMIT", "TREE_WIDTH", "count_by_tree", "count_wide",
    "fill_elimination_order", "graph_bits", "tree_available",
]

#: Widest elimination order counted here (a table's scope must fit 63 bits).
TREE_WIDTH = 40
#: Most states of one table (about 100 bytes each with its hash slots, 8 primes).
MAX_STATES = 1_000_000
#: State pairs looked at by one counter (5-50 ns each compiled; planted_k14 needs 14 million).
PAIR_LIMIT = 300_000_000
#: Fewest columns of a sub-chart counted here: narrower ones are counted fast enough by
#: branching, and the first compiled count pays numba's import (0.3-1 s; sparse_k12_n200
#: went from 0.8 s to over 1 s with its sub-charts of 37-53 columns counted here).
TREE_MIN_COLUMNS = 128
#: Primes of the first pass (counts below about 2 ** 240 need no second one).
FIRST_PRIMES = 8
#: Tolerance of the floating-point dual bounds (keeps a state whenever in doubt).
EPS = 1e-7


def _is_prime(n: int) -> bool:
    """Miller-Rabin with bases 2, 3, 5, 7: exact below 3,215,031,751."""
    if n < 2:
        return False
    for p in (2, 3, 5, 7):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in (2, 3, 5, 7):
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


@functools.lru_cache(maxsize=8)
def _primes(count: int) -> list[int]:
    """The ``count`` largest primes below ``2 ** 31``.

    >>> _primes(2)
    [2147483647, 2147483629]
    """
    out: list[int] = []
    n = 2**31 - 1
    while len(out) < count:
        if _is_prime(n):
            out.append(n)
        n -= 2
    return out


def tree_available() -> bool:
    """Whether the compiled count can run (numba importable, not switched off).

    >>> isinstance(tree_available(), bool)
    True
    """
    return compiled_available()


def _kernel() -> Any:
    kernel = load_kernel("_count_tree_kernel")
    if kernel is None:
        raise EliminationStopped
    return kernel


def _adjacency(matrix: np.ndarray) -> np.ndarray:
    """The column graph as bit rows (columns linked when a class covers both).

    >>> _adjacency(np.array([[1, 1, 0], [0, 1, 1]], dtype=bool)).ravel().tolist()
    [2, 5, 2]
    """
    return graph_bits(_column_graph(matrix), matrix.shape[1])


def graph_bits(linked: Any, m: int) -> np.ndarray:
    """The bit rows (no loops) of a column graph given as a scipy sparse ``m x m``
    matrix, nonzero where two columns are linked."""
    coo = linked.tocoo()
    off = coo.row != coo.col
    rows, cols = coo.row[off].astype(np.int64), coo.col[off].astype(np.int64)
    bits = np.zeros((m, max((m + 63) // 64, 1)), dtype=np.uint64)
    np.bitwise_or.at(bits, (rows, cols >> 6), np.uint64(1) << (cols & 63).astype(np.uint64))
    return bits


def fill_elimination_order(matrix: np.ndarray, limit: int = TREE_WIDTH) -> list[int] | None:
    """Columns in min-fill elimination order (fewest edges added to the column graph,
    then fewest neighbours, then lowest index), or None once a column would go with more
    than ``limit`` neighbours (or the compiled kernel is unavailable).

    >>> chain = np.array([[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1]], dtype=bool)
    >>> fill_elimination_order(chain) in ([0, 1, 2, 3], None)
    True
    """
    m = matrix.shape[1]
    if m == 0 or not tree_available() or m > 20_000:
        return None
    try:
        kernel = _kernel()
    except EliminationStopped:
        return None
    order, done, _width = kernel.fill_order(_adjacency(matrix), limit)
    return [int(c) for c in order[:done]] if done == m else None


class _Table:
    """States over a scope of columns (bit ``i``: ``scope[i]`` covered)."""

    __slots__ = ("scope", "masks", "costs", "wastes", "floats", "residues")

    def __init__(self, scope, masks, costs, wastes, floats, residues) -> None:  # type: ignore[no-untyped-def]
        self.scope: np.ndarray = scope
        self.masks: np.ndarray = masks
        self.costs: np.ndarray = costs
        self.wastes: np.ndarray = wastes
        self.floats: np.ndarray = floats
        self.residues: np.ndarray = residues

    def take(self, keep: np.ndarray) -> _Table:
        return _Table(self.scope, self.masks[keep], self.costs[keep], self.wastes[keep],
                      self.floats[keep], self.residues[keep])


def _relabel(masks: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Masks with bit ``i`` moved to bit ``positions[i]`` (-1: dropped)."""
    out = np.zeros(len(masks), dtype=np.uint64)
    for i, p in enumerate(positions.tolist()):
        if p >= 0:
            out |= ((masks >> np.uint64(i)) & np.uint64(1)) << np.uint64(p)
    return out


def _on_scope(table: _Table, scope: np.ndarray) -> _Table:
    """The table with its masks on ``scope`` (which holds its own scope)."""
    where = np.searchsorted(scope, table.scope)
    if len(scope) == len(table.scope):
        return table
    return _Table(scope, _relabel(table.masks, where), table.costs, table.wastes,
                  table.floats, table.residues)


def _shrunk(table: _Table, kernel: Any = None) -> _Table:
    """The table on the columns its states cover (the others it leaves alone); the bits
    are moved by ``kernel.relabel`` when given."""
    used = np.bitwise_or.reduce(table.masks) if len(table.masks) else np.uint64(0)
    keep = ((used >> np.arange(len(table.scope), dtype=np.uint64)) & np.uint64(1)).astype(bool)
    if keep.all():
        return table
    positions = np.cumsum(keep) - 1
    positions[~keep] = -1  # (no state holds these bits)
    masks = _relabel(table.masks, positions) if kernel is None else kernel.relabel(table.masks, positions)
    return _Table(table.scope[keep], masks, table.costs, table.wastes, table.floats, table.residues)


class _Run:
    """One pass of the elimination with a given set of primes."""

    def __init__(self, kernel: Any, y: np.ndarray, slack: float, primes: list[int],
                 budget: _Budget, max_states: int) -> None:
        self.kernel = kernel
        self.y = y
        self.slack = slack
        self.primes = np.asarray(primes, dtype=np.uint64)
        self.budget = budget
        self.max_states = max_states
        self.operations = 0  # float roundings, bounding the float's relative error

    def join(self, a: _Table, b: _Table, need: int) -> _Table:
        """``a`` and ``b`` on their joint scope, keeping states covering scope bit ``need``
        (-1: all)."""
        scope = np.union1d(a.scope, b.scope)
        if len(scope) > 63:
            raise EliminationStopped
        a, b = _on_scope(a, scope), _on_scope(b, scope)
        if len(a.masks) < len(b.masks):
            a, b = b, a
        ybits = self.y[scope]
        # a column whose dual alone takes any pair sharing it past the slack (even with
        # the least wastes of both tables: they may be a rounding below zero)
        least = min(float(a.wastes.min(initial=0.0)), 0.0) + min(float(b.wastes.min(initial=0.0)), 0.0)
        over = self.slack + EPS - least
        hard = np.uint64(sum(1 << i for i, v in enumerate(ybits.tolist()) if v > over))
        a, a_starts = _grouped(a, hard, False)
        b, b_starts = _grouped(b, hard, True)
        got = self.kernel.join(
            a.masks, a.costs, a.wastes, a.floats, a.residues,
            b.masks, b.costs, b.wastes, b.floats, b.residues,
            ybits, self.slack, self.primes, self.max_states, max(self.budget.left, 0),
            np.uint64(0 if need < 0 else 1 << need), hard, a_starts, b_starts,
        )
        masks, costs, wastes, floats, residues, pairs, status = got
        self.budget.left -= int(pairs)
        self.operations += 2 * int(pairs)
        if status != 0 or self.budget.left < 0:
            raise EliminationStopped
        return _Table(scope, masks, costs, wastes, floats, residues)


    def join_all(self, tables: list[_Table], col: int) -> _Table:
        """The bucket's tables (larger first) joined in turn, the last join keeping the
        states covering ``col``: in one compiled call when their scopes together fit 63
        bits (the same joins, states and pairs as one call per pair)."""
        merged = tables[0]
        if len(tables) == 1:
            return merged
        scope = np.unique(np.concatenate([t.scope for t in tables]))
        if len(scope) > 63:  # one pair passes 63 columns on the way: stops there
            for j, other in enumerate(tables[1:]):
                last = j == len(tables) - 2
                joint = np.union1d(merged.scope, other.scope)
                merged = self.join(merged, other, int(np.searchsorted(joint, col)) if last else -1)
            return merged
        masks = np.concatenate([
            t.masks if len(t.scope) == len(scope)
            else self.kernel.relabel(t.masks, np.searchsorted(scope, t.scope))
            for t in tables
        ])
        bounds = np.cumsum([0] + [len(t.masks) for t in tables]).astype(np.int64)
        got = self.kernel.join_bucket(
            masks, np.concatenate([t.costs for t in tables]),
            np.concatenate([t.wastes for t in tables]),
            np.concatenate([t.floats for t in tables]),
            np.concatenate([t.residues for t in tables]),
            bounds, self.y[scope], self.slack, self.primes, self.max_states,
            max(self.budget.left, 0), np.uint64(1 << int(np.searchsorted(scope, col))),
        )
        out_masks, costs, wastes, floats, residues, pairs, status = got
        self.budget.left -= int(pairs)
        self.operations += 2 * int(pairs)
        if status != 0 or self.budget.left < 0:
            raise EliminationStopped
        return _Table(scope, out_masks, costs, wastes, floats, residues)


def _grouped(table: _Table, hard: np.uint64, by_waste: bool) -> tuple[_Table, np.ndarray]:
    """The table sorted by its states' ``hard`` columns (then by waste), and the bounds
    of its groups of equal ``hard`` columns."""
    keys = table.masks & hard
    if by_waste:
        order = np.lexsort((table.wastes, keys))
    else:
        order = np.argsort(keys, kind="stable")
    table = table.take(order)
    keys = keys[order]
    if len(keys) == 0:
        return table, np.zeros(1, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1], [True])))
    return table, starts.astype(np.int64)


def _class_table(cols: np.ndarray, weight: int, y: np.ndarray, slack: float,
                 residues: np.ndarray) -> _Table:
    """The class's two states (left out, taken), the second only when its waste fits the
    slack; ``residues``: rows 1 and the weight's residues."""
    waste = 1.0 - float(y[cols].sum())
    keep = 2 if waste <= slack + EPS else 1
    full = (1 << len(cols)) - 1
    return _Table(
        cols.astype(np.int64),
        np.array([0, full][:keep], dtype=np.uint64),
        np.array([0, 1][:keep], dtype=np.int64),
        np.array([0.0, waste][:keep]),
        np.array([1.0, float(weight)][:keep]),
        residues[:keep],
    )


def _class_columns(matrix: Any) -> list[np.ndarray]:
    """Each class's columns, ascending, from a boolean array or a scipy CSR matrix (a
    large sparse chart needs no dense copy).

    >>> [c.tolist() for c in _class_columns(np.array([[0, 1, 1], [1, 0, 0]], dtype=bool))]
    [[1, 2], [0]]
    """
    if hasattr(matrix, "indptr"):
        csr = matrix.tocsr(copy=True)
        csr.eliminate_zeros()
        csr.sort_indices()
        return np.split(csr.indices.astype(np.int64), csr.indptr[1:-1])
    return [np.flatnonzero(row) for row in matrix]


def _eliminate(run: _Run, matrix: np.ndarray, weights: np.ndarray, k: int,
               order: list[int]) -> tuple[int, float, list[int]] | None:
    """(fewest classes, float ways, residues of the ways) of one pass; None: no cover."""
    m = matrix.shape[1]
    y = run.y
    rank = np.empty(m, dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(m)
    buckets: list[list[_Table]] = [[] for _ in range(m)]
    primes = [int(p) for p in run.primes.tolist()]
    rows = np.ones((len(weights), 2, len(primes)), dtype=np.uint32)  # 1, then the weight
    rows[:, 1, :] = np.asarray(weights, dtype=np.int64)[:, None] % np.asarray(primes, dtype=np.int64)
    for i, cols in enumerate(_class_columns(matrix)):
        if len(cols) == 0:
            continue  # never in a minimum cover
        table = _class_table(cols, int(weights[i]), y, run.slack, rows[i])
        buckets[int(cols[np.argmin(rank[cols])])].append(table)
    cost, waste, ways, residues = 0, 0.0, 1.0, [1] * len(primes)
    for col in order:
        tables = sorted(buckets[col], key=lambda t: len(t.masks), reverse=True)
        buckets[col] = []
        if not tables:
            return None  # no class covers this column
        merged = run.join_all(tables, col)
        bit = int(np.searchsorted(merged.scope, col))
        covered = ((merged.masks >> np.uint64(bit)) & np.uint64(1)).astype(bool)
        kept = merged.take(covered) if not covered.all() else merged
        if len(kept.masks) == 0:
            return None
        kept.masks = kept.masks & ~np.uint64(1 << bit)
        kept = _shrunk(kept, run.kernel)
        if len(kept.scope) == 0:  # one state: nothing left to cover in its columns
            cost += int(kept.costs[0])
            waste += float(kept.wastes[0])
            ways *= float(kept.floats[0])
            residues = [r * int(v) % p for r, v, p in
                        zip(residues, kept.residues[0].tolist(), primes, strict=True)]
            run.operations += 1
            continue
        nxt = int(kept.scope[np.argmin(rank[kept.scope])])
        buckets[nxt].append(kept)
    if waste > run.slack + EPS:
        return None  # the parts' fewest classes together exceed k
    return cost, ways, residues


def _crt(residues: list[int], primes: list[int]) -> int:
    """The number in ``[0, prod(primes))`` with these residues."""
    total, modulus = 0, 1
    for r, p in zip(residues, primes, strict=True):
        step = (r - total) * pow(modulus, -1, p) % p
        total += modulus * step
        modulus *= p
    return total


def count_by_tree(
    matrix: np.ndarray,
    weights: np.ndarray,
    duals: np.ndarray,
    k: int,
    order: list[int],
    budget: _Budget | None = None,
    max_states: int = MAX_STATES,
    first_primes: int = FIRST_PRIMES,
) -> tuple[int, int] | None:
    """(fewest classes covering every column, weighted number of such covers), among
    covers of at most ``k`` classes; None when there is none.

    The contract of :func:`qca.minimize._count_dp.count_by_elimination`, compiled:
    ``duals`` (at most 1 on every class) prune the states; ``order`` is an elimination
    order of the columns (any order is exact); ``matrix`` may be a scipy CSR matrix.
    ``budget`` counts the state pairs looked at (default :data:`PAIR_LIMIT`). Raises
    :class:`EliminationStopped` when it runs out, past ``max_states`` states in one
    table, or without numba. ``first_primes``: primes of the first pass (a caller
    expecting a count past ``2 ** 240`` saves the second pass).

    >>> chart = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1], [0, 0, 1]], dtype=bool)
    >>> try:
    ...     got = count_by_tree(chart, np.array([1, 1, 1, 2]), np.zeros(3), 2, [0, 1, 2])
    ... except EliminationStopped:  # numba not installed
    ...     got = (2, 5)
    >>> got
    (2, 5)
    """
    if not tree_available():
        raise EliminationStopped
    kernel = _kernel()
    y = np.asarray(duals, dtype=np.float64)
    slack = k - float(y.sum())
    if slack < -EPS:
        return None
    weights = np.asarray(weights, dtype=np.int64)
    budget = budget if budget is not None else _Budget(PAIR_LIMIT)
    n_primes = max(int(first_primes), 1)
    while True:
        primes = list(_primes(n_primes))
        run = _Run(kernel, y, slack, primes, budget, max_states)
        got = _eliminate(run, matrix, weights, k, order)
        if got is None:
            return None
        cost, ways, residues = got
        error = run.operations * 2.0**-52
        if error > 1e-3 or not math.isfinite(ways):
            raise EliminationStopped  # the float no longer bounds the count
        bound = ways * (1 + 2 * error) + 1  # the exact count is at most this
        modulus = math.prod(primes)
        if bound < modulus // 2:  # float against int: exact, even past float's range
            return cost, _crt(residues, primes)
        n_primes = math.ceil((math.log2(bound) + 2) / 30.9) + 1


def count_wide(
    matrix: np.ndarray, weights: np.ndarray, duals: np.ndarray, k: int, budget: _Budget
) -> tuple[int, int] | None:
    """:func:`count_by_tree` along a min-fill order of width at most :data:`TREE_WIDTH`,
    paid from ``budget`` (state pairs); None when there is no cover of at most ``k``
    classes. Raises :class:`EliminationStopped` when the chart has fewer than
    :data:`TREE_MIN_COLUMNS` columns or is too wide, the budget runs out or numba is not
    installed (the caller then counts another way).

    >>> from qca.minimize._reduce import _Budget
    >>> ring = np.eye(200, dtype=bool) | np.roll(np.eye(200, dtype=bool), 1, axis=1)
    >>> try:
    ...     got = count_wide(ring, np.ones(200, np.int64), np.zeros(200), 100, _Budget(10**6))
    ... except EliminationStopped:  # numba not installed
    ...     got = (100, 2)
    >>> got
    (100, 2)
    """
    if matrix.shape[1] < TREE_MIN_COLUMNS or not tree_available() or budget.left <= 0:
        raise EliminationStopped
    order = fill_elimination_order(matrix, TREE_WIDTH)
    budget.left -= matrix.size // 10  # the order's work, about
    if order is None:
        raise EliminationStopped
    return count_by_tree(matrix, weights, duals, k, order, budget)
