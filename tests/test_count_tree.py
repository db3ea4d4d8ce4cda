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
from tests.test_count_dp import _cube_chart, _random_chart, _small_cube_charts

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
    rng = np.random.default_rng(17000 + seed)
    for _ in range(100):
        chart, weights = _random_chart(rng)
        if rng.random() < 0.3:  # two independent parts side by side
            other, w2 = _random_chart(rng)
            chart = np.block([
                [chart, np.zeros((len(chart), other.shape[1]), bool)],
                [np.zeros((len(other), chart.shape[1]), bool), other],
            ])
            weights = np.concatenate([weights, w2])
        _check(chart, weights, rng)


@needs_numba
@pytest.mark.parametrize("seed", range(6))
def test_tree_count_on_sub_cube_charts(seed):
    rng = np.random.default_rng(18000 + seed)
    for chart, weights in _small_cube_charts(rng, 40):
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
        counter = MinCoverCounter(chart, weights.tolist(), _Budget(10**9))
        size = counter.lower_bound()
        while counter.find(size) is None:
            size += 1
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
    for _ in range(3):
        chart, weights = _cube_chart(rng, 6)
        counter = MinCoverCounter(chart, weights.tolist(), _Budget(10**9))
        size = counter.lower_bound()
        while counter.find(size) is None:
            size += 1
        monkeypatch.setattr(_count, "ELIMINATION_WIDTH", -1)
        with_tree = MinCoverCounter(chart, weights.tolist(), _Budget(10**9)).count(size)

        def stopped(*args, **kwargs):
            raise EliminationStopped

        monkeypatch.setattr(_count, "count_wide", stopped)
        alone = MinCoverCounter(chart, weights.tolist(), _Budget(10**9)).count(size)
        monkeypatch.undo()
        assert with_tree == alone > 0
