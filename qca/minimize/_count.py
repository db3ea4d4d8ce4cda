"""Counting and listing every minimum cover of one chart component, exactly.

Once the minimum size ``k`` of a cover is proven, every set of ``k`` classes covering
all columns is a minimum cover. They are counted by branching on the uncovered column
with the fewest candidates: the i-th branch takes that column's i-th candidate and
forbids the earlier ones, so each cover is counted once. Along every branch no cover of
what is left is smaller than the classes left to choose (else the whole chart would
have a smaller cover); that makes these reductions of each sub-chart exact for counting:

- a column with one candidate forces it (its weight multiplies the count);
- classes with the same columns left merge (a minimum cover never holds two of them);
  their weights add up;
- a column whose candidates include all those of another column is dropped (covering
  the other covers it); dominance between *classes* is not used (it loses covers);
- a dual solution ``y`` of the linear relaxation (:func:`cover_duals`) proves that a
  cover of the columns left ``U`` needs at least ``y(U)`` classes, and that a class
  ``i`` adds at least ``1 - y(i within U)`` to it: sub-charts and classes beyond the
  classes left to choose are pruned;
- columns left that share no class are counted apart and multiplied (each part at its
  own minimum; those add up).

A reduced sub-chart is canonical (rows sorted, columns in their original order), and its
count is remembered under (classes left to choose, the chart, its weights). A class
stands for each of its PIs (``weights``), so PI-level counts are weighted sums. Counts
are Python ints, however large. Inclusion-exclusion over column subsets finishes
sub-charts of at most :data:`SUBSET_COLUMNS` columns.

Listing walks the same branches, skipping those counted zero, up to a cap.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Any

import numpy as np

from qca.minimize._bounds import class_loads
from qca.minimize._count_dp import (
    EliminationStopped,
    count_by_elimination,
    count_one_branch,
    elimination_order,
)
from qca.minimize._count_tree import PAIR_LIMIT, count_wide
from qca.minimize._reduce import _Budget, _dominated_columns

__all__ = ["CountStopped", "MinCoverCounter", "subset_count"]

#: Most remembered sub-counts (and bytes of their keys) before the memo is cleared.
MEMO_LIMIT = 500_000
MEMO_BYTES = 200_000_000
#: Columns up to which a sub-chart is counted by inclusion-exclusion over column subsets
#: (2**n work and memory) instead of branching.
SUBSET_COLUMNS = 16
#: Largest (columns**2 * classes) for which column dominance is checked at a node.
DOMINANCE_WORK = 500_000
#: Sub-charts (classes x columns) from which the duals are solved afresh.
LP_SIZE = 5_000
#: Widest elimination order (columns) for which a sub-chart is counted by elimination
#: (:mod:`qca.minimize._count_dp`) instead of branching.
ELIMINATION_WIDTH = 14
#: Effort of the lower bound counted along one branch when the count stops.
ONE_BRANCH_EFFORT = 4_000_000
#: Tolerance of the floating-point dual bounds (keeps a branch whenever in doubt).
EPS = 1e-7


def subset_count(masks: np.ndarray, weights: np.ndarray, m: int, k: int) -> int:
    """Weighted number of ``k``-sets of classes whose union is all ``m`` columns.

    Inclusion-exclusion over the columns left out: with ``g(T)`` the weight of the
    classes inside column set ``T``, the number is the sum over ``T`` of
    ``(-1) ** (m - |T|) * C(g(T), k)`` (a class stands for ``weights`` PIs, any ``k`` of
    which may be picked; sets picking two PIs of one class are not minimal covers, and
    when ``k`` is the minimum size none covers everything). ``g`` is the subset-sum
    (zeta) transform of the classes' weights, in ``m * 2**m`` steps.

    >>> subset_count(np.array([0b011, 0b110, 0b101, 0b100]), np.array([1, 1, 1, 1]), 3, 2)
    4
    """
    size = 1 << m
    total_weight = int(np.sum(weights))
    dtype = np.int32 if total_weight < 2**31 else np.int64
    g = np.bincount(np.asarray(masks, dtype=np.int64), weights=weights, minlength=size)
    g = g.astype(dtype)
    for j in range(m):  # g[T] = weight of classes inside T
        view = g.reshape(-1, 2, 1 << j)
        view[:, 1, :] += view[:, 0, :]
    parity = np.zeros(1, dtype=np.uint8)
    for _ in range(m):
        parity = np.concatenate([parity, parity ^ 1])
    odd = (parity != (m & 1)).view(bool)  # (-1) ** (m - |T|) == -1
    plus = np.bincount(g[~odd], minlength=total_weight + 1)
    minus = np.bincount(g[odd], minlength=total_weight + 1)
    signed = plus.astype(np.int64) - minus.astype(np.int64)
    values = np.flatnonzero(signed[k:]) + k
    if len(values) == 0:
        return 0
    weights_v = signed[values]
    top = math.comb(int(values[-1]), k)
    if top * int(values[-1]) < 2**62 and top * int(np.abs(weights_v).sum()) < 2**62:
        comb = np.ones(len(values), dtype=np.int64)  # C(v, k) exactly, in int64
        for j in range(k):
            comb = comb * (values - j) // (j + 1)
        return int((comb * weights_v).sum())
    return sum(int(w) * math.comb(int(v), k) for v, w in zip(values.tolist(), weights_v.tolist(), strict=True))



def _column_parts(matrix: np.ndarray) -> np.ndarray:
    """Component number of each column (columns linked by a shared class), numbered by
    their first column; grown from a column by alternate row and column steps.

    >>> _column_parts(np.array([[1, 0, 1], [0, 1, 0]], dtype=bool)).tolist()
    [0, 1, 0]
    """
    n, m = matrix.shape
    if m > 64:  # long chains: one linear-time labelling beats many growth steps
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import connected_components

        rows, cols = np.nonzero(matrix)
        graph = csr_matrix((np.ones(len(rows)), (rows, n + cols)), shape=(n + m, n + m))
        _, found = connected_components(graph, directed=False)
        _, labels = np.unique(found[n:], return_inverse=True)
        first = np.full(int(labels.max()) + 1, m)
        np.minimum.at(first, labels, np.arange(m))
        rank = np.empty_like(first)
        rank[np.argsort(first)] = np.arange(len(first))
        return rank[labels]
    labels = np.full(m, -1, dtype=np.int64)
    part = 0
    while True:
        open_cols = np.flatnonzero(labels < 0)
        if len(open_cols) == 0:
            return labels
        reach = np.zeros(m, dtype=bool)
        reach[open_cols[0]] = True
        size = 1
        while True:
            reach = matrix[matrix[:, reach].any(axis=1)].any(axis=0) | reach
            grown = int(reach.sum())
            if grown == size:
                break
            size = grown
        labels[reach] = part
        part += 1


def _count_pairs(matrix: np.ndarray, weights: np.ndarray) -> int:
    """Weighted number of pairs of classes covering every column (no class does alone).

    Each pair holds a candidate of the column with fewest: the i-th candidate pairs with
    any class holding all its missing columns, except the first i candidates.

    >>> _count_pairs(np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1]], dtype=bool), np.array([1, 1, 2]))
    5
    """
    col = int(np.argmin(matrix.sum(axis=0)))
    cands = np.flatnonzero(matrix[:, col])
    missing = (~matrix[cands]).astype(np.float32)  # columns each candidate leaves open
    lacking = (~matrix).astype(np.float32)
    fits = (lacking @ missing.T) == 0  # fits[b, i]: class b holds all that cands[i] misses
    rank = np.full(len(matrix), len(cands), dtype=np.int64)
    rank[cands] = np.arange(len(cands))
    fits &= rank[:, None] > np.arange(len(cands))[None, :]  # not an earlier candidate (nor itself)
    per = (weights.astype(np.float64)[:, None] * fits).sum(axis=0)
    if float(per.max(initial=0)) * float(weights.max(initial=1)) * len(cands) < 2**52:
        return int(round(float((per * weights[cands]).sum())))
    return sum(
        int(weights[i]) * int(weights[np.flatnonzero(fits[:, j])].sum())
        for j, i in enumerate(cands.tolist())
    )


class CountStopped(Exception):
    """The count ran out of its search budget. ``lower``: the covers counted in the
    branches finished, a proven lower bound on the count that was under way."""

    lower = 0


class _Node:
    """A reduced sub-chart: classes x columns, class weights, column duals, classes to
    choose, the count factor and class choices forced on the way (``None``: no cover)."""

    __slots__ = ("matrix", "weights", "duals", "k", "factor", "forced", "members")

    def __init__(self, matrix, weights, duals, k, members) -> None:  # type: ignore[no-untyped-def]
        self.matrix: np.ndarray = matrix
        self.weights: np.ndarray = weights
        self.duals: np.ndarray = duals
        self.k: int = k
        self.factor = 1
        self.forced: list[tuple[int, ...]] = []
        self.members: list[tuple[int, ...]] | None = members

    def key(self) -> tuple[int, int, bytes, bytes]:
        packed = np.packbits(self.matrix, axis=1)
        return (self.k, self.matrix.shape[1], packed.tobytes(), self.weights.tobytes())

    def take_rows(self, keep: np.ndarray) -> None:
        self.matrix = self.matrix[keep]
        self.weights = self.weights[keep]
        if self.members is not None:
            self.members = [m for m, ok in zip(self.members, keep.tolist(), strict=True) if ok]

    def take_cols(self, keep: np.ndarray) -> None:
        self.matrix = self.matrix[:, keep]
        self.duals = self.duals[keep]

    def child(self, alive: np.ndarray, row: int) -> _Node:
        """The sub-chart after choosing ``row``: its columns covered, rows not ``alive`` out."""
        cols = ~self.matrix[row]
        members = None
        if self.members is not None:
            members = [m for m, ok in zip(self.members, alive.tolist(), strict=True) if ok]
        return _Node(
            self.matrix[alive][:, cols], self.weights[alive], self.duals[cols], self.k - 1, members
        )

    def part(self, cols: np.ndarray, k: int) -> _Node:
        """The sub-chart of the columns ``cols`` (a component: rows touching it)."""
        rows: np.ndarray = np.asarray(self.matrix[:, cols].any(axis=1), dtype=bool)
        members = None
        if self.members is not None:
            members = [m for m, ok in zip(self.members, rows.tolist(), strict=True) if ok]
        return _Node(self.matrix[rows][:, cols], self.weights[rows], self.duals[cols], k, members)


class MinCoverCounter:
    """Counts (weighted) and lists the minimum covers of a chart component.

    Parameters
    ----------
    matrix : ndarray of bool, shape (n_classes, n_cols)
        The component's classes and columns.
    weights : list of int
        PIs per class.
    budget : _Budget
        Search steps; :class:`CountStopped` is raised when they run out.
    cover : list of int, optional
        A minimum cover, when known (for the lower bound on the count).
    sparse : scipy sparse matrix, optional
        The same chart, sparse: the linear relaxation is built from it (no pass over a
        large dense chart).

    Examples
    --------
    >>> from qca.minimize._reduce import _Budget
    >>> chart = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1], [0, 0, 1]], dtype=bool)
    >>> counter = MinCoverCounter(chart, [1, 1, 1, 2], _Budget(1000))
    >>> counter.count(2), sorted(counter.covers(2, 10))
    (5, [(0, 1), (0, 2), (0, 3), (1, 2)])
    """

    def __init__(
        self, matrix: np.ndarray, weights: list[int], budget: _Budget,
        cover: list[int] | None = None, sparse: Any = None,
    ) -> None:
        self.matrix = np.asarray(matrix, dtype=bool)
        self.cover = cover  # a minimum cover, when known (for the lower bound on the count)
        self.weights = np.asarray(weights, dtype=np.int64)
        self.budget = budget
        self.memo: dict[tuple[int, int, bytes, bytes], int] = {}
        self.memo_bytes = 0
        self.failed: set[tuple[int, int, bytes, bytes]] = set()  # sub-charts with no cover
        self.failed_bytes = 0
        self.too_wide = self.matrix.size + 1  # sub-charts this large are not counted by elimination
        self.tree_budget = _Budget(PAIR_LIMIT)  # state pairs of the compiled elimination
        self.tree_wide = self.matrix.size + 1  # sub-charts this large are not counted by it
        n_cols = self.matrix.shape[1]
        if n_cols > SUBSET_COLUMNS and len(self.matrix):
            from qca.minimize._bounds import cover_duals

            self.duals = cover_duals(self.matrix if sparse is None else sparse)
        else:
            self.duals = np.zeros(n_cols)

    def lower_bound(self) -> int:
        """The dual bound on the size of a cover of the whole component."""
        return max(math.ceil(float(self.duals.sum()) - EPS), 0)

    def _root(self, k: int, members: bool) -> _Node:
        listed = [(i,) for i in range(len(self.matrix))] if members else None
        return _Node(self.matrix, self.weights, self.duals, k, listed)

    def count(self, k: int) -> int:
        """Weighted number of covers by ``k`` classes (``k`` the proven minimum)."""
        try:
            return self._count(self._root(k, False))
        except RecursionError as exc:
            raise CountStopped from exc
        except CountStopped as exc:  # a better lower bound: the covers along one branch
            exc.lower = max(exc.lower, self._one_branch(k))
            raise

    def _one_branch(self, k: int) -> int:
        """:func:`count_one_branch` from one minimum cover (0 when out of effort)."""
        if self.matrix.size // 5 > ONE_BRANCH_EFFORT:
            return 0  # a round alone would take a quarter of the effort
        self.budget = _Budget(ONE_BRANCH_EFFORT)
        try:
            cover = self.cover if self.cover is not None else self.find(k)
            if cover is None or len(cover) != k:
                return 0
            return count_one_branch(
                self.matrix, self.weights, self.duals, list(cover), self.budget, ELIMINATION_WIDTH
            )
        except (CountStopped, EliminationStopped):
            return 0

    def covers(self, k: int, cap: int) -> Iterator[tuple[int, ...]]:
        """The minimum covers (class indices, ascending), at most ``cap`` of them."""
        try:
            for cover in itertools.islice(self._list(self._root(k, True), cap), cap):
                yield tuple(sorted(cover))
        except RecursionError as exc:
            raise CountStopped from exc

    def find(self, k: int) -> tuple[int, ...] | None:
        """One cover by ``k`` classes, or None when none exists.

        Exact when no cover has fewer than ``k`` classes (the reductions assume it): with
        ``k`` a proven lower bound, None proves the minimum exceeds ``k``.
        """
        self.failed = set()
        self.failed_bytes = 0
        try:
            return self._find(self._root(k, True))
        except RecursionError as exc:
            raise CountStopped from exc

    def _find(self, node: _Node) -> tuple[int, ...] | None:
        if not self._reduce(node) or not self._resolve(node):
            return None
        picked = tuple(m[0] for m in node.forced)
        if node.matrix.shape[1] == 0:
            return picked
        key = node.key()
        if key in self.failed:
            return None
        assert node.members is not None
        if node.k == 1:
            full = np.flatnonzero(node.matrix.all(axis=1))
            if len(full):
                return (*picked, node.members[int(full[0])][0])
        else:
            for row, child in self._branches(node):
                got = self._find(child)
                if got is not None:
                    return (*picked, node.members[row][0], *got)
        if len(self.failed) >= MEMO_LIMIT or self.failed_bytes > MEMO_BYTES:
            self.failed.clear()
            self.failed_bytes = 0
        self.failed.add(key)
        self.failed_bytes += len(key[2]) + len(key[3])
        return None

    def _spend(self, node: _Node) -> None:
        # about one unit per microsecond of work: a reduction pass costs ~50 us and more
        # on large sub-charts
        self.budget.left -= 50 + node.matrix.size // 200
        if self.budget.spend():
            raise CountStopped

    def _reduce(self, node: _Node) -> bool:
        """Apply the exact reductions until none applies; False when no cover is left."""
        while True:
            self._spend(node)
            if node.matrix.shape[1] == 0:
                return node.k == 0
            if node.k <= 0:
                return False
            keep = node.matrix.any(axis=1)
            need = float(node.duals.sum())
            if need > node.k + EPS:
                return False
            cost = 1.0 - class_loads(node.matrix, node.duals)
            keep &= cost <= node.k - need + EPS
            if not keep.all():
                node.take_rows(keep)
            counts = node.matrix.sum(axis=0)
            if (counts == 0).any():
                return False
            single = np.flatnonzero(counts == 1)
            if len(single):
                take = np.unique(np.argmax(node.matrix[:, single], axis=0))
                node.k -= len(take)
                if node.k < 0:
                    return False
                node.factor *= math.prod(int(w) for w in node.weights[take].tolist())
                if node.members is not None:
                    node.forced.extend(node.members[t] for t in take.tolist())
                covered = node.matrix[take].any(axis=0)
                rows = np.ones(len(node.matrix), dtype=bool)
                rows[take] = False
                node.take_rows(rows)
                node.take_cols(~covered)
                continue
            self._merge(node)
            n, m = node.matrix.shape
            if 1 < m and m * m * n <= DOMINANCE_WORK and (node.k > 2 or m <= 8):
                drop = _dominated_columns(node.matrix)
                if drop.any():
                    node.take_cols(~drop)
                    continue
            return True

    def _resolve(self, node: _Node) -> bool:
        """Fresh duals for a large sub-chart (the root's weaken deeper down), then the
        reductions again; False when no cover is left."""
        if node.k < 3 or node.matrix.size < LP_SIZE:
            return True
        from qca.minimize._bounds import cover_duals

        self.budget.left -= 5000 + node.matrix.size // 2  # ~ microseconds of HiGHS
        if self.budget.left < 51 + node.matrix.size // 200:  # the next pass stops: no LP
            self._spend(node)  # (planted_k16 conservative: two solves of 0.4 s saved)
        node.duals = cover_duals(node.matrix)
        return self._reduce(node)

    @staticmethod
    def _merge(node: _Node) -> None:
        """Classes with the same columns merge (weights add up); rows sorted (canonical)."""
        packed = np.packbits(node.matrix, axis=1)
        keys = np.ascontiguousarray(packed).view(np.dtype((np.void, packed.shape[1]))).ravel()
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        inverse = inverse.ravel()
        weights = np.zeros(len(first), dtype=np.int64)
        np.add.at(weights, inverse, node.weights)
        if node.members is not None:
            merged: list[list[int]] = [[] for _ in range(len(first))]
            for m, g in zip(node.members, inverse.tolist(), strict=True):
                merged[g].extend(m)
            node.members = [tuple(m) for m in merged]
        node.matrix = node.matrix[first]
        node.weights = weights

    def _count(self, node: _Node) -> int:
        if not self._reduce(node) or not self._resolve(node):
            return 0
        if node.matrix.shape[1] == 0:
            return node.factor
        key = node.key()
        got = self.memo.get(key)
        if got is None:
            try:
                got = self._count_reduced(node)
            except CountStopped as exc:
                exc.lower *= node.factor
                raise
            if len(self.memo) >= MEMO_LIMIT or self.memo_bytes > MEMO_BYTES:
                self.memo.clear()
                self.memo_bytes = 0
            self.memo[key] = got
            self.memo_bytes += len(key[2]) + len(key[3])
        return node.factor * got

    def _count_reduced(self, node: _Node) -> int:
        matrix, weights, k = node.matrix, node.weights, node.k
        n, m = matrix.shape
        if k == 1:
            return int(weights[matrix.all(axis=1)].sum())
        if k == 2:
            return _count_pairs(matrix, weights)
        if m <= SUBSET_COLUMNS:
            masks = matrix.astype(np.int64) @ (np.int64(1) << np.arange(m, dtype=np.int64))
            self.budget.left -= (1 << m) // 20
            return subset_count(masks, weights, m, k)
        parts = self._part_sizes(node)
        if parts is not None:
            return math.prod(c for _, c in parts) if parts else 0
        by_order = self._by_elimination(node)
        if by_order is not None:
            return by_order
        total = 0
        for row, child in self._branches(node):
            try:
                sub = self._count(child)
            except CountStopped as exc:  # the branches so far, and this one's part
                exc.lower = total + int(weights[row]) * exc.lower
                raise
            if sub:
                total += int(weights[row]) * sub
        return total

    def _by_elimination(self, node: _Node) -> int | None:
        """The count by :func:`count_by_elimination` when the sub-chart's columns have a
        narrow elimination order, else by the compiled :func:`count_wide` when they have
        one of moderate width (None: neither; branch instead)."""
        got = None
        order = None
        if node.matrix.size < self.too_wide and node.matrix.sum(axis=1).max() <= ELIMINATION_WIDTH + 1:
            self.budget.left -= node.matrix.size // 20
            order = elimination_order(node.matrix, ELIMINATION_WIDTH)
        if order is not None:
            allowance = max(self.budget.left // 8, 0)
            share = _Budget(allowance)
            try:
                got = count_by_elimination(node.matrix, node.weights, node.duals, node.k, share, order)
            except EliminationStopped:
                self.too_wide = node.matrix.size // 2  # branch here, and at sub-charts half as large
                return None
            finally:
                self.budget.left -= allowance - share.left
        elif node.matrix.size < self.tree_wide:
            try:
                got = count_wide(node.matrix, node.weights, node.duals, node.k, self.tree_budget)
            except EliminationStopped:
                self.tree_wide = node.matrix.size // 2
                return None
        else:
            return None
        if self.budget.spend():
            raise CountStopped
        if got is None or got[0] > node.k:
            return 0
        if got[0] < node.k:  # pragma: no cover - k is a lower bound along every branch
            return None
        return got[1]

    def _branches(self, node: _Node) -> Iterator[tuple[int, _Node]]:
        """Children: the column with fewest candidates, the i-th branch taking its i-th
        candidate and forbidding the earlier ones."""
        matrix = node.matrix
        reach = matrix.sum(axis=1).astype(np.int64) @ matrix  # columns its candidates touch
        key = matrix.sum(axis=0).astype(np.int64) * (int(reach.max()) + 1) - reach
        col = int(np.argmin(key))  # fewest candidates, then the widest reach
        alive = np.ones(len(node.matrix), dtype=bool)
        for row in np.flatnonzero(node.matrix[:, col]).tolist():
            alive[row] = False
            yield row, node.child(alive, row)

    def _part_sizes(self, node: _Node) -> list[tuple[_Node, int]] | None:
        """None when the columns are connected; else each part with its minimum size
        and its count there (an empty list: the parts' minima exceed ``k``)."""
        labels = _column_parts(node.matrix)
        if int(labels.max()) == 0:
            return None
        parts = [node.part(labels == p, 0) for p in range(int(labels.max()) + 1)]
        bounds = [max(math.ceil(float(p.duals.sum()) - EPS), 1) for p in parts]
        if sum(bounds) > node.k:
            return []
        out: list[tuple[_Node, int]] = []
        used = 0
        for j, part in enumerate(parts):
            room = node.k - used - sum(bounds[j + 1 :])
            size, found = bounds[j], 0
            while size <= room:
                trial = _Node(part.matrix, part.weights, part.duals, size, part.members)
                try:
                    found = self._count(trial)
                except CountStopped as exc:  # the other parts' minima are unknown
                    exc.lower = 0
                    raise
                if found:
                    break
                size += 1
            if not found:
                return []
            part.k = size
            out.append((part, found))
            used += size
        return out if used == node.k else []

    def _list(self, node: _Node, cap: int) -> Iterator[tuple[int, ...]]:
        start = _Node(node.matrix, node.weights, node.duals, node.k, node.members)
        if not self._reduce(start) or self._count(
            _Node(start.matrix, start.weights, start.duals, start.k, None)
        ) == 0:
            return
        forced = list(itertools.product(*start.forced))
        for tail in self._list_reduced(start, cap):
            for pick in forced:
                yield pick + tail

    def _list_reduced(self, node: _Node, cap: int) -> Iterator[tuple[int, ...]]:
        assert node.members is not None
        if node.matrix.shape[1] == 0:
            yield ()
            return
        if node.k == 1:
            for row in np.flatnonzero(node.matrix.all(axis=1)).tolist():
                for member in node.members[row]:
                    yield (member,)
            return
        parts = self._part_sizes(node)
        if parts is not None:
            # the first ``cap`` products need at most ``cap`` covers of each part
            lists = [list(itertools.islice(self._list(p, cap), cap)) for p, _ in parts]
            for combo in itertools.product(*lists):
                yield tuple(i for cover in combo for i in cover)
            return
        for row, child in self._branches(node):
            if self._count(_Node(child.matrix, child.weights, child.duals, child.k, None)) == 0:
                continue
            for member in node.members[row]:
                for tail in self._list(child, cap):
                    yield (member, *tail)
