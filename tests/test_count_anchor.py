"""The anchored lower bound on the number of minimum covers (qca.minimize._count_anchor)
against brute force: on thousands of small random and sub-cube charts, for every width
(from all columns anchored to none) and with and without duals, the bound is exactly the
weighted number of minimum covers holding the anchors it chose, never more than the
count, and the count itself when no anchor is needed.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from qca.minimize._bounds import cover_duals
from qca.minimize._count import MinCoverCounter
from qca.minimize._count_anchor import ANCHOR_PAIRS, _anchored, anchored_count
from qca.minimize._count_tree import count_by_tree, fill_elimination_order, tree_available
from qca.minimize._reduce import _Budget
from tests.test_count_dp import _cube_chart, _random_charts, _small_cube_charts

needs_numba = pytest.mark.skipif(not tree_available(), reason="numba not installed or switched off")


def _minimum_covers(chart: np.ndarray) -> list[tuple[int, ...]]:
    """Every cover of the fewest classes, by trying every set of classes."""
    masks = [sum(1 << j for j in np.flatnonzero(row).tolist()) for row in chart]
    full = (1 << chart.shape[1]) - 1
    for size in range(len(masks) + 1):
        found = []
        for pick in itertools.combinations(range(len(masks)), size):
            union = 0
            for i in pick:
                union |= masks[i]
            if union == full:
                found.append(pick)
        if found:
            return found
    return []


def _ways(cover: tuple[int, ...], weights: np.ndarray) -> int:
    out = 1
    for i in cover:
        out *= int(weights[i])
    return out


def _check(chart: np.ndarray, weights: np.ndarray, rng: np.random.Generator) -> None:
    covers = _minimum_covers(chart)
    assert covers
    total = sum(_ways(c, weights) for c in covers)
    cover = list(covers[int(rng.integers(len(covers)))])
    m = chart.shape[1]
    for duals in (np.zeros(m), cover_duals(chart)):
        for width in (0, 1, 2, 64):
            got, anchors = _anchored(chart, weights, duals, cover, width, ANCHOR_PAIRS)
            assert set(anchors) <= set(cover)
            held = sum(_ways(c, weights) for c in covers if set(anchors) <= set(c))
            assert got == held <= total
            if width == 64:  # every column graph here has an order this narrow
                assert anchors == [] and got == total


@needs_numba
def test_random_charts_against_brute_force() -> None:
    rng = np.random.default_rng(20261205)
    for chart, weights in _random_charts(rng, 800):
        _check(chart, weights, rng)


@needs_numba
def test_sub_cube_charts_against_brute_force() -> None:
    rng = np.random.default_rng(7)
    for chart, weights in _small_cube_charts(rng, 200):
        _check(chart, weights, rng)


@needs_numba
def test_a_larger_cube_chart_is_bounded_by_the_exact_count() -> None:
    rng = np.random.default_rng(3)
    chart, weights = _cube_chart(rng, 8)
    duals = cover_duals(chart)
    order = fill_elimination_order(chart, 40)
    assert order is not None
    k = int(np.ceil(duals.sum() - 1e-7))
    while (got := count_by_tree(chart, weights, duals, k, order)) is None:
        k += 1
    size, exact = got
    assert size == k
    cover = MinCoverCounter(chart, weights.tolist(), _Budget(10**9)).find(size)
    assert cover is not None and len(cover) == size
    full = anchored_count(chart, weights, duals, list(cover), width=64)
    assert full == exact
    tight, anchors = _anchored(chart, weights, duals, list(cover), 3, ANCHOR_PAIRS)
    assert anchors and 0 < tight <= exact


def test_no_cover_or_a_cover_too_large_gives_nothing() -> None:
    ring = np.eye(6, dtype=bool) | np.roll(np.eye(6, dtype=bool), 1, axis=1)
    ones = np.ones(6, dtype=np.int64)
    assert anchored_count(ring, ones, np.zeros(6), []) == 0
    assert anchored_count(ring, ones, np.zeros(6), [0]) == 0  # not a cover
    # four classes cover, but three do: not a minimum cover, so no bound from it
    assert anchored_count(ring, ones, np.zeros(6), [0, 1, 2, 4], width=64) == 0


@needs_numba
def test_a_count_past_its_pairs_is_tried_again_narrower() -> None:
    rng = np.random.default_rng(3)
    chart, weights = _cube_chart(rng, 8)
    duals = cover_duals(chart)
    cover = MinCoverCounter(chart, weights.tolist(), _Budget(10**9)).find(47)
    assert cover is not None
    order = fill_elimination_order(chart, 40)
    exact = count_by_tree(chart, weights, duals, len(cover), order)
    assert exact is not None and exact[0] == len(cover)
    narrower = 0
    for pairs in (10, 10**4, 3 * 10**4, 10**5, 10**6, 10**8):
        got, anchors = _anchored(chart, weights, duals, list(cover), 64, pairs)
        assert got <= exact[1]
        if got == 0:
            continue
        narrower += len(anchors) > 0
        # the covers holding the anchors, counted afresh on the columns they leave open
        rest_cols = ~chart[anchors].any(axis=0)
        rest_rows = np.ones(len(chart), dtype=bool)
        rest_rows[anchors] = False
        rest = chart[rest_rows][:, rest_cols]
        live = rest.any(axis=1)
        ways = math.prod(int(weights[a]) for a in anchors)
        k = len(cover) - len(anchors)
        w_rest = weights[rest_rows][live]
        again = count_by_tree(rest[live], w_rest, np.zeros(int(rest_cols.sum())), k,
                              fill_elimination_order(rest[live], 40))
        assert again is not None and got == ways * again[1]
    assert narrower >= 2  # budgets too small for the whole chart gave narrower rests
    assert anchored_count(chart, weights, duals, list(cover), width=64) == exact[1]


@needs_numba
def test_the_count_is_the_same_whatever_primes_its_first_pass_takes() -> None:
    chart, weights = _cube_chart(np.random.default_rng(3), 8)
    duals = cover_duals(chart)
    order = fill_elimination_order(chart, 40)
    got = {count_by_tree(chart, weights, duals, 47, order, first_primes=p) for p in (1, 2, 8, 40)}
    assert got == {(47, 299401239527424)}  # past 2 ** 31: one prime takes a second pass


@needs_numba
def test_a_stopped_count_reports_the_anchored_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    from qca.minimize import _count
    from qca.minimize._chart import solve_chart

    chart, _ = _cube_chart(np.random.default_rng(0), 9)  # 570 PIs x 204 rows
    exact = solve_chart(chart)
    assert exact.complete and exact.n_models == 19_358_155_186_231_536
    # the Python bound along one branch off (charts of planted_k16's size are past it):
    # the count in 4,000 steps finds 1 cover; the anchored bound stands in
    monkeypatch.setattr(_count, "ONE_BRANCH_EFFORT", 0)
    stopped = solve_chart(chart, effort=2000, max_models=10)
    assert not stopped.complete and stopped.n_models is None
    assert stopped.lower_bound == exact.lower_bound
    assert 10**12 < stopped.n_models_lower <= exact.n_models


@needs_numba
def test_a_sparse_chart_counts_as_its_dense_copy() -> None:
    from scipy.sparse import csr_matrix

    rng = np.random.default_rng(11)
    for chart, weights in _random_charts(rng, 200):
        duals = cover_duals(chart)
        order = list(range(chart.shape[1]))
        k = len(chart)
        dense = count_by_tree(chart, weights, duals, k, order)
        sparse = csr_matrix(chart[:, ::-1], dtype=np.float32)[:, ::-1]  # indices unsorted
        assert count_by_tree(sparse, weights, duals, k, order) == dense
