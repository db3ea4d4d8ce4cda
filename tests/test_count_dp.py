"""Counting minimum covers by elimination (qca.minimize._count_dp) against brute force.

Small random charts (classes x columns, with weights: a class stands for several PIs),
some made of sub-cubes of a hypercube like conservative charts, some split into
independent parts; every elimination order is exact, narrow or not, with or without the
linear-programming duals pruning the states.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from qca.minimize import _count
from qca.minimize._bounds import cover_duals
from qca.minimize._count import MinCoverCounter
from qca.minimize._count_dp import (
    EliminationStopped,
    count_by_elimination,
    count_one_branch,
    elimination_order,
)
from qca.minimize._reduce import _Budget


def _brute(chart: np.ndarray, weights: np.ndarray) -> tuple[int, int] | None:
    """(minimum size, weighted number of minimum covers) by trying every set of classes."""
    n = len(chart)
    for size in range(n + 1):
        total = 0
        for pick in itertools.combinations(range(n), size):
            if chart[list(pick)].any(axis=0).all():
                total += int(np.prod(weights[list(pick)]))
        if total:
            return size, total
    return None


def _random_chart(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n, m = int(rng.integers(1, 11)), int(rng.integers(1, 12))
    chart = rng.random((n, m)) < rng.random() * 0.5
    if rng.random() < 0.3:  # identical classes kept apart
        chart = np.concatenate([chart, chart[rng.integers(0, n, size=2)]])
    chart[rng.integers(0, len(chart), size=m), np.arange(m)] = True
    weights = rng.integers(1, 4, size=len(chart))
    return chart, weights


def _random_charts(rng: np.random.Generator, n: int):
    """``n`` random charts, three in ten of them two independent parts side by side."""
    for _ in range(n):
        chart, weights = _random_chart(rng)
        if rng.random() < 0.3:
            other, w2 = _random_chart(rng)
            chart = np.block([
                [chart, np.zeros((len(chart), other.shape[1]), bool)],
                [np.zeros((len(other), chart.shape[1]), bool), other],
            ])
            weights = np.concatenate([weights, w2])
        yield chart, weights


def _minimum(chart: np.ndarray, weights: np.ndarray) -> int:
    """The minimum size of a cover, found by the counter from its dual bound up."""
    counter = MinCoverCounter(chart, weights.tolist(), _Budget(10**9))
    size = counter.lower_bound()
    while counter.find(size) is None:
        size += 1
    return size


def _cube_chart(rng: np.random.Generator, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Points of a hypercube (columns) and the sub-cubes of a random point set (classes):
    edges and squares between the points, like a conservative chart."""
    points = np.flatnonzero(rng.random(1 << dim) < 0.45)
    index = {int(p): i for i, p in enumerate(points.tolist())}
    sets: list[list[int]] = [[i] for i in range(len(points))]
    for p in index:
        for a in range(dim):
            q = p ^ (1 << a)
            if q > p and q in index:
                sets.append([index[p], index[q]])
            for b in range(a + 1, dim):
                square = [p, p ^ (1 << a), p ^ (1 << b), p ^ (1 << a) ^ (1 << b)]
                if p == min(square) and all(s in index for s in square):
                    sets.append([index[s] for s in square])
    sets = [s for s in sets if len(s) > 1 or rng.random() < 0.3]
    covered = {c for s in sets for c in s}
    cols = sorted(covered)
    where = {c: j for j, c in enumerate(cols)}
    chart = np.zeros((len(sets), len(cols)), dtype=bool)
    for i, s in enumerate(sets):
        chart[i, [where[c] for c in s]] = True
    return chart, rng.integers(1, 3, size=len(sets))


def _small_cube_charts(rng: np.random.Generator, n: int):
    """``n`` sub-cube charts of 4 dimensions small enough for brute force."""
    done = 0
    while done < n:
        chart, weights = _cube_chart(rng, 4)
        if 0 < len(chart) <= 13:
            yield chart, weights
            done += 1


def _check(chart: np.ndarray, weights: np.ndarray, rng: np.random.Generator) -> None:
    expected = _brute(chart, weights)
    m = chart.shape[1]
    assert expected is not None
    orders = [elimination_order(chart, 64), rng.permutation(m).tolist()]
    for duals in (np.zeros(m), cover_duals(chart)):
        for order in orders:
            assert order is not None
            budget = _Budget(10**9)
            k = expected[0]
            assert count_by_elimination(chart, weights, duals, k, budget, order) == expected
            # a looser budget of classes finds the same minimum and count
            got = count_by_elimination(chart, weights, duals, k + 2, budget, order)
            assert got == expected
            if k > 0:  # fewer classes than the minimum: no cover
                assert count_by_elimination(chart, weights, np.zeros(m), k - 1, budget, order) is None


@pytest.mark.parametrize("seed", range(12))
def test_elimination_count_equals_brute_force(seed):
    rng = np.random.default_rng(7000 + seed)
    for chart, weights in _random_charts(rng, 80):
        _check(chart, weights, rng)


@pytest.mark.parametrize("seed", range(6))
def test_elimination_count_on_sub_cube_charts(seed):
    rng = np.random.default_rng(8000 + seed)
    for chart, weights in _small_cube_charts(rng, 25):
        _check(chart, weights, rng)


def test_elimination_order_refuses_wide_charts():
    assert elimination_order(np.ones((3, 6), dtype=bool), 4) is None
    assert elimination_order(np.ones((3, 6), dtype=bool), 5) is not None


def _no_wide_count(*args, **kwargs):
    raise EliminationStopped


@pytest.mark.parametrize("seed", range(4))
def test_counter_with_and_without_elimination(seed, monkeypatch):
    # sub-cube charts of 6 dimensions: over 16 columns, counted by elimination at some
    # nodes; the same count by branching alone
    rng = np.random.default_rng(9000 + seed)
    for _ in range(6):
        chart, weights = _cube_chart(rng, 6)
        if chart.shape[1] <= 16:
            continue
        counter = MinCoverCounter(chart, weights.tolist(), _Budget(10**9))
        size = counter.lower_bound()
        while counter.find(size) is None:
            size += 1
        with_dp = counter.count(size)
        monkeypatch.setattr(_count, "ELIMINATION_WIDTH", -1)
        monkeypatch.setattr(_count, "count_wide", _no_wide_count)  # branching alone
        alone = MinCoverCounter(chart, weights.tolist(), _Budget(10**9)).count(size)
        monkeypatch.undo()
        order = elimination_order(chart, 64)
        assert order is not None
        direct = count_by_elimination(chart, weights, np.zeros(chart.shape[1]), size,
                                      _Budget(10**9), order)
        assert with_dp == alone == (direct[1] if direct else 0)
        assert with_dp > 0


@pytest.mark.parametrize("seed", range(4))
def test_one_branch_is_a_lower_bound(seed):
    rng = np.random.default_rng(9500 + seed)
    for chart, weights in _small_cube_charts(rng, 20):
        size, total = _brute(chart, weights)
        cover = next(
            list(p) for p in itertools.combinations(range(len(chart)), size)
            if chart[list(p)].any(axis=0).all()
        )
        duals = cover_duals(chart)
        # wide enough: nothing is fixed, the count is exact
        assert count_one_branch(chart, weights, duals, cover, _Budget(10**9), 64) == total
        for limit in (0, 1, 2):  # classes of ``cover`` fixed first: fewer, at least one
            got = count_one_branch(chart, weights, duals, cover, _Budget(10**9), limit)
            assert 0 < got <= total


@pytest.mark.parametrize("seed", range(4))
def test_stopped_count_reports_a_lower_bound(seed):
    rng = np.random.default_rng(9700 + seed)
    for _ in range(4):
        chart, weights = _cube_chart(rng, 6)
        counter = MinCoverCounter(chart, weights.tolist(), _Budget(10**9))
        size = counter.lower_bound()
        while counter.find(size) is None:
            size += 1
        total = counter.count(size)
        for effort in (200, 2_000, 20_000):
            small = MinCoverCounter(chart, weights.tolist(), _Budget(effort))
            try:
                assert small.count(size) == total
            except _count.CountStopped as exc:
                assert 0 <= exc.lower <= total
