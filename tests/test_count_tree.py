"""The compiled elimination count (qca.minimize._count_tree) against brute force and
against the Python elimination (qca.minimize._count_dp).

Thousands of small random charts (weights: a class stands for several PIs; with and
without the linear-programming duals; any order), sub-cube charts of hypercubes like the
conservative charts of planted data (wider than the Python elimination takes), counts
past one prime (the Chinese remainder theorem and the second pass), budgets, and the
counter that hands wide sub-charts to it.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest

from qca.minimize import _count, _count_tree
from qca.minimize._bounds import cover_duals
from qca.minimize._count import MinCoverCounter
from qca.minimize._count_dp import EliminationStopped, count_by_elimination, elimination_order
from qca.minimize._count_tree import (
    _crt,
    _primes,
    count_by_tree,
    count_wide,
    fill_elimination_order,
    tree_available,
)
from qca.minimize._reduce import _Budget
from tests.test_count_dp import _cube_chart, _minimum, _random_charts, _small_cube_charts

DATA = Path(__file__).parent / "data"
needs_numba = pytest.mark.skipif(not tree_available(), reason="numba not installed or switched off")


def _brute(chart: np.ndarray, weights: np.ndarray) -> tuple[int, int] | None:
    """(minimum size, weighted number of minimum covers) by trying every set of classes
    (classes as Python int bit sets)."""
    masks = [sum(1 << j for j in np.flatnonzero(row).tolist()) for row in chart]
    full = (1 << chart.shape[1]) - 1
    w = [int(v) for v in weights.tolist()]
    for size in range(len(masks) + 1):
        total = 0
        for pick in itertools.combinations(range(len(masks)), size):
            union = 0
            for i in pick:
                union |= masks[i]
            if union == full:
                ways = 1
                for i in pick:
                    ways *= w[i]
                total += ways
        if total:
            return size, total
    return None


def _check(chart: np.ndarray, weights: np.ndarray, rng: np.random.Generator) -> None:
    expected = _brute(chart, weights)
    assert expected is not None
    m = chart.shape[1]
    orders = [fill_elimination_order(chart, 64), rng.permutation(m).tolist()]
    for duals in (np.zeros(m), cover_duals(chart)):
        for order in orders:
            assert order is not None and sorted(order) == list(range(m))
            k = expected[0]
            assert count_by_tree(chart, weights, duals, k, order) == expected
            # room for more classes: the same minimum and count
            assert count_by_tree(chart, weights, duals, k + 2, order) == expected
            if k > 0:  # fewer classes than the minimum: no cover
                assert count_by_tree(chart, weights, np.zeros(m), k - 1, order) is None


@needs_numba
@pytest.mark.parametrize("seed", range(12))
def test_tree_count_equals_brute_force(seed):
    # random charts (some of two independent parts), then sub-cube charts
    rng = np.random.default_rng(17000 + seed)
    for chart, weights in itertools.chain(_random_charts(rng, 100), _small_cube_charts(rng, 20)):
        _check(chart, weights, rng)


@needs_numba
@pytest.mark.parametrize("seed", range(3))
def test_tree_count_equals_python_elimination_on_wider_charts(seed):
    # sub-cube charts of 6 dimensions: wider than brute force reaches; the Python
    # elimination along its own order and the compiled one along min-fill agree
    rng = np.random.default_rng(19000 + seed)
    for _ in range(3):
        chart, weights = _cube_chart(rng, 6)
        duals = cover_duals(chart)
        size = _minimum(chart, weights)
        order = elimination_order(chart, 64)
        fill = fill_elimination_order(chart, 64)
        assert order is not None and fill is not None
        python = count_by_elimination(chart, weights, duals, size, _Budget(10**10), order)
        compiled = count_by_tree(chart, weights, duals, size, fill)
        assert python == compiled
        assert compiled is not None and compiled[0] == size
        # the same twice (deterministic), and along the other order too
        assert count_by_tree(chart, weights, duals, size, fill) == compiled
        assert count_by_tree(chart, weights, duals, size, order) == compiled


@needs_numba
def test_counts_past_the_first_primes(monkeypatch):
    # 40 disjoint columns, each with three classes of weight 7: 21 ** 40 covers (176
    # bits); with one prime in the first pass the float asks for a second one
    chart = np.repeat(np.eye(40, dtype=bool), 3, axis=0)
    weights = np.full(len(chart), 7, dtype=np.int64)
    order = list(range(40))
    expected = (40, 21**40)
    assert count_by_tree(chart, weights, np.ones(40), 40, order) == expected
    monkeypatch.setattr(_count_tree, "FIRST_PRIMES", 1)
    assert count_by_tree(chart, weights, np.ones(40), 40, order) == expected
    assert count_by_tree(chart, weights, np.zeros(40), 40, order[::-1]) == expected


def test_chinese_remainders():
    primes = _primes(3)
    assert all(p < 2**31 for p in primes) and len(set(primes)) == 3
    for value in (0, 1, 12345678901234567890, math.prod(primes) - 1):
        assert _crt([value % p for p in primes], primes) == value


@needs_numba
def test_budget_and_state_cap_stop_the_count():
    rng = np.random.default_rng(5)
    chart, weights = _cube_chart(rng, 7)
    order = fill_elimination_order(chart, 64)
    assert order is not None
    duals = np.zeros(chart.shape[1])
    with pytest.raises(EliminationStopped):
        count_by_tree(chart, weights, duals, len(chart), order, _Budget(10))
    with pytest.raises(EliminationStopped):
        count_by_tree(chart, weights, duals, len(chart), order, max_states=2)
    with pytest.raises(EliminationStopped):  # no order narrow enough
        count_wide(chart, weights, duals, len(chart), _Budget(0))


@needs_numba
def test_wide_count_refuses_wide_charts(monkeypatch):
    chart = np.ones((3, 6), dtype=bool)
    ones = np.ones(3, dtype=np.int64)
    with pytest.raises(EliminationStopped):  # narrow charts: left to branching
        count_wide(chart, ones, np.zeros(6), 1, _Budget(10**6))
    monkeypatch.setattr(_count_tree, "TREE_MIN_COLUMNS", 1)
    assert count_wide(chart, ones, np.zeros(6), 1, _Budget(10**6)) == (1, 3)
    monkeypatch.setattr(_count_tree, "TREE_WIDTH", 4)
    with pytest.raises(EliminationStopped):
        count_wide(chart, ones, np.zeros(6), 1, _Budget(10**6))


@needs_numba
def test_fill_order_refuses_wide_charts():
    assert fill_elimination_order(np.ones((3, 6), dtype=bool), 4) is None
    assert fill_elimination_order(np.ones((3, 6), dtype=bool), 5) is not None
    chain = np.array([[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1]], dtype=bool)
    assert fill_elimination_order(chain, 1) == [0, 1, 2, 3]


def _min_fill_reference(edges: set[tuple[int, int]], m: int, limit: int) -> tuple[list[int], int]:
    """Min-fill order in plain Python, recounting every vertex's fill at every step:
    (fewest edges added, fewest neighbours, lowest index) first; stops before a vertex
    with more than ``limit`` neighbours. Returns (order, widest neighbourhood met, or the
    neighbours of the vertex it stopped at)."""
    near = {v: set() for v in range(m)}
    for a, b in edges:
        near[a].add(b)
        near[b].add(a)
    order: list[int] = []
    width = 0
    while len(order) < m:
        def key(v: int) -> tuple[int, int, int]:
            ns = sorted(near[v])
            fill = sum(1 for i, x in enumerate(ns) for y in ns[i + 1 :] if y not in near[x])
            return fill, len(ns), v

        best = min(near, key=key)
        if len(near[best]) > limit:
            return order, len(near[best])
        width = max(width, len(near[best]))
        for x in near[best]:
            near[x].discard(best)
            near[x] |= near[best] - {x}
        del near[best]
        order.append(best)
    return order, width


@needs_numba
@pytest.mark.parametrize("seed", range(4))
def test_fill_order_matches_a_plain_recount(seed):
    # the kernel updates fills incrementally (a min-heap, edges added among neighbours);
    # the reference recounts every fill at every step: same order, same stop, same width
    from scipy.sparse import coo_matrix

    from qca.minimize._count_tree import _kernel, graph_bits

    kernel = _kernel()
    rng = np.random.default_rng(seed)
    for _ in range(150):
        m = int(rng.integers(1, 70))
        upper = np.triu(rng.random((m, m)) < rng.random() * 0.3, 1)
        rows, cols = np.nonzero(upper)
        edges = set(zip(rows.tolist(), cols.tolist(), strict=True))
        limit = int(rng.integers(0, 12))
        linked = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(m, m))
        order, done, reached = kernel.fill_order(graph_bits(linked + linked.T, m), limit)
        want, width = _min_fill_reference(edges, m, limit)
        assert (order[:done].tolist(), int(reached)) == (want, width)


@needs_numba
def test_a_bucket_past_63_columns_stops_the_count():
    # a star: 70 classes hold the centre and one leaf each; the centre eliminated first
    # joins all 70 classes, on 71 columns: more than a 64-bit state holds
    star = np.zeros((70, 71), dtype=bool)
    star[:, 0] = True
    star[np.arange(70), np.arange(1, 71)] = True
    ones = np.ones(70, np.int64)
    with pytest.raises(EliminationStopped):
        count_by_tree(star, ones, np.zeros(71), 70, list(range(71)))
    # leaves first: each leaf's class alone, then the centre: one cover of 70 classes
    assert count_by_tree(star, ones, np.zeros(71), 70, [*range(1, 71), 0]) == (70, 1)


def test_without_numba_the_wide_count_stops(monkeypatch):
    monkeypatch.setenv("QCA_NO_NUMBA", "1")
    ring = np.array([[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1], [1, 0, 0, 1]], dtype=bool)
    with pytest.raises(EliminationStopped):
        count_wide(ring, np.ones(4, np.int64), np.zeros(4), 2, _Budget(10**6))


@pytest.mark.parametrize("seed", range(3))
def test_counter_hands_wide_sub_charts_over(seed, monkeypatch):
    # sub-cube charts of 6 dimensions with the Python elimination switched off: wide
    # sub-charts go to the compiled count (when numba is here); the count is that of
    # branching alone either way
    rng = np.random.default_rng(19500 + seed)
    counted = []

    def spy(*args, **kwargs):
        got = count_wide(*args, **kwargs)
        counted.append(got)
        return got

    def stopped(*args, **kwargs):
        raise EliminationStopped

    for _ in range(3):
        chart, weights = _cube_chart(rng, 6)
        size = _minimum(chart, weights)
        monkeypatch.setattr(_count, "ELIMINATION_WIDTH", -1)
        monkeypatch.setattr(_count_tree, "TREE_MIN_COLUMNS", 1)
        monkeypatch.setattr(_count, "count_wide", spy)
        with_tree = MinCoverCounter(chart, weights.tolist(), _Budget(10**9)).count(size)
        monkeypatch.setattr(_count, "count_wide", stopped)
        alone = MinCoverCounter(chart, weights.tolist(), _Budget(10**9)).count(size)
        monkeypatch.undo()
        assert with_tree == alone > 0
    assert counted or not tree_available()  # the compiled count did take part


@needs_numba
def test_planted_k14_main_part():
    # the main part of planted_k14 conservative after the counter's reductions (752
    # classes x 630 columns, 300 to choose; min-fill width 21-23): its count was
    # confirmed by the pure-Python elimination along another order (383 s)
    data = np.load(DATA / "planted_k14_main_part.npz")
    chart = np.unpackbits(data["packed"], axis=1, count=int(data["columns"])).astype(bool)
    weights = data["weights"].astype(np.int64)
    duals = cover_duals(chart)
    assert math.ceil(float(duals.sum()) - 1e-7) == 300
    order = fill_elimination_order(chart)
    assert order is not None
    expected = (300, 1789869418582881067100064032422737591151953444864)
    assert count_by_tree(chart, weights, duals, 300, order) == expected
    # the same through the counter, which hands the chart to the compiled count
    assert MinCoverCounter(chart, weights.tolist(), _Budget(10**7)).count(300) == expected[1]
