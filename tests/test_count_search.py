"""The counting walk of the decision search's tree (qca.minimize._count_search) against
brute force: on thousands of small random and sub-cube charts, with weights, with the
linear relaxation's duals and with none, and with few and many subgradient steps, the
count is exactly the weighted number of minimum covers and the covers listed are
distinct minimum covers; stopped at a work bound, the count is a lower bound, never
above the truth; a target below the minimum is refused.
"""

from __future__ import annotations

import numpy as np
import pytest

from qca.minimize._bounds import cover_duals
from qca.minimize._count_search import count_within
from qca.minimize._transversal import compiled_available
from tests.test_count_anchor import _minimum_covers, _ways
from tests.test_count_dp import _random_charts, _small_cube_charts

pytestmark = pytest.mark.skipif(not compiled_available(), reason="numba not installed or switched off")


def _dense_chart(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Many classes of several columns each over few columns: the heavy classes are
    then often fewer than a column's candidates (the other branching set)."""
    n, m = int(rng.integers(8, 15)), int(rng.integers(4, 11))
    chart = rng.random((n, m)) < rng.uniform(0.3, 0.7)
    chart[rng.integers(n, size=m), np.arange(m)] = True  # every column has a candidate
    return chart, rng.integers(1, 4, size=n)


def _check(chart: np.ndarray, weights: np.ndarray, rng: np.random.Generator) -> None:
    covers = _minimum_covers(chart)
    k = len(covers[0])
    total = sum(_ways(c, weights) for c in covers)
    m = chart.shape[1]
    for duals in (cover_duals(chart), np.zeros(m), None):
        for steps in (1, 30):
            got = count_within(chart, weights, k, duals, cap=len(covers) + 3, steps=steps)
            assert got is not None
            assert got.exact
            assert got.count == total
            assert len(got.covers) == len(covers)
            assert set(got.covers) == set(covers)
    # stopped early: the covers met so far, never more than all of them
    for limit in (0, int(rng.integers(1, 200))):
        got = count_within(chart, weights, k, work_limit=limit, cap=2)
        assert got is not None
        assert got.count <= total
        assert set(got.covers) <= set(covers)
        if not got.exact:
            assert got.work > limit
    if k > 1:  # a cover of k is smaller than k + 1: refused, not miscounted
        assert count_within(chart, weights, k + 1) is None


def test_random_charts_against_brute_force() -> None:
    rng = np.random.default_rng(8)
    for chart, weights in _random_charts(rng, 500):
        if len(chart) <= 16:
            _check(chart, weights, rng)


def test_dense_charts_against_brute_force() -> None:
    rng = np.random.default_rng(80)
    for _ in range(500):
        chart, weights = _dense_chart(rng)
        _check(chart, weights, rng)


def test_cube_charts_against_brute_force() -> None:
    rng = np.random.default_rng(81)
    for chart, weights in _small_cube_charts(rng, 200):
        _check(chart, weights, rng)


def test_out_of_range() -> None:
    chart = np.eye(3, dtype=bool)
    assert count_within(chart, [1, 1, 1], 0) is None
    assert count_within(np.zeros((0, 3), dtype=bool), [], 1) is None
    got = count_within(chart, [2, 1, 3], 3, cap=5)
    assert got is not None and (got.count, got.exact, got.covers) == (6, True, [(0, 1, 2)])


def test_count_beyond_int64_stops_with_a_lower_bound() -> None:
    chart = np.array([[1, 1, 0, 0], [0, 0, 1, 1], [1, 0, 1, 0], [0, 1, 0, 1], [1, 1, 1, 0]], bool)
    covers = _minimum_covers(chart)
    for big in (2**31, 2**40, 2**61):
        weights = np.array([big, big, 3, 5, 7], dtype=np.int64)
        total = sum(_ways(c, weights) for c in covers)
        got = count_within(chart, weights, len(covers[0]))
        assert got is not None
        assert got.exact == (total < 2**62)
        assert 0 <= got.count <= total
        if got.exact:
            assert got.count == total


def test_medium_charts_against_the_memoized_counter() -> None:
    """Charts past brute force (30-120 classes, 12-24 columns): the same count as
    :class:`qca.minimize._count.MinCoverCounter`, an independent exact counter."""
    from qca.minimize._count import MinCoverCounter
    from qca.minimize._reduce import _Budget

    rng = np.random.default_rng(88)
    for _ in range(40):
        n, m = int(rng.integers(30, 121)), int(rng.integers(12, 25))
        chart = rng.random((n, m)) < rng.uniform(0.05, 0.3)
        chart[rng.integers(n, size=m), np.arange(m)] = True
        weights = rng.integers(1, 5, size=n)
        counter = MinCoverCounter(chart, weights.tolist(), _Budget(10**9))
        k = counter.lower_bound()
        while counter.find(k) is None:
            k += 1
        expected = MinCoverCounter(chart, weights.tolist(), _Budget(10**9)).count(k)
        got = count_within(chart, weights, k, work_limit=10**9)
        assert got is not None and got.exact
        assert got.count == expected
