"""The Lagrangian bounds of a cover chart against brute force.

The lower bound must never exceed the true minimum (it is reported as proven), the
cover it returns must cover every column, and on charts the exact search cannot finish
the bounds reported by solve_chart must still bracket the minimum.
"""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from qca.minimize._bounds import lagrangian_bounds
from qca.minimize._core import solve_chart


def _minimum(chart: np.ndarray) -> int:
    masks = [int("".join("1" if v else "0" for v in row[::-1]) or "0", 2) for row in chart]
    full = (1 << chart.shape[1]) - 1
    for size in range(1, len(chart) + 1):
        for combo in itertools.combinations(masks, size):
            acc = 0
            for m in combo:
                acc |= m
            if acc == full:
                return size
    raise AssertionError("no cover")


def _sparse(chart: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    rows, cols = np.nonzero(chart)
    return np.searchsorted(rows, np.arange(len(chart) + 1)), cols


def _random_chart(seed: int, n_pi: int, n_cols: int, density: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    chart = rng.random((n_pi, n_cols)) < density
    chart[rng.integers(0, n_pi, n_cols), np.arange(n_cols)] = True  # every column coverable
    return chart


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    st.integers(2, 14), st.integers(1, 24), st.floats(0.05, 0.6), st.integers(0, 2**32 - 1)
)
def test_lower_bound_never_exceeds_the_minimum(n_pi, n_cols, density, seed):
    chart = _random_chart(seed, n_pi, n_cols, density)
    indptr, indices = _sparse(chart)
    res = lagrangian_bounds(indptr, indices, n_cols, n_pi)
    minimum = _minimum(chart)
    assert res.lower <= minimum
    assert res.cover and chart[list(res.cover)].any(axis=0).all()
    assert len(res.cover) >= minimum
    # irredundant: no class of the cover can be dropped
    for i in res.cover:
        rest = [j for j in res.cover if j != i]
        assert not rest or not chart[rest].any(axis=0).all()


def test_bound_beats_disjoint_columns_on_a_cycle():
    # columns 0..8 in a cycle, each class covers two neighbours: LP bound 4.5, so 5
    n = 9
    chart = np.zeros((n, n), dtype=bool)
    chart[np.arange(n), np.arange(n)] = True
    chart[np.arange(n), (np.arange(n) + 1) % n] = True
    res = lagrangian_bounds(*_sparse(chart), n, n)
    assert res.lower == 5 == _minimum(chart)
    assert len(res.cover) == 5


def test_tiny_effort_bound_still_proves_the_minimum():
    # a tiny effort bound stops the bound-and-branch before its proof: the integer
    # program (HiGHS) proves the minimum; only the count may stay a lower bound
    counted = 0
    for seed in range(6):
        chart = _random_chart(seed, 24, 48, 0.12)
        sol = solve_chart(chart, effort=30)
        minimum = _minimum(chart)
        assert sol.lower_bound == minimum == len(sol.models[0])
        for model in sol.models:
            assert len(model) == minimum
            assert chart[list(model)].any(axis=0).all()
        assert sol.n_models_lower >= len(set(sol.models)) >= 1
        assert sol.complete == (sol.n_models is not None)
        counted += sol.n_models is None
    assert counted  # the effort bound did stop some count


def test_packed_model_order_equals_tuple_order():
    rng = np.random.default_rng(3)
    from qca.minimize._chart import _model_order

    for _ in range(200):
        n_pi = int(rng.integers(1, 40))
        models = {
            tuple(sorted(rng.choice(n_pi, size=int(rng.integers(0, n_pi + 1)), replace=False)))
            for _ in range(int(rng.integers(1, 30)))
        }
        models_list = [tuple(int(i) for i in m) for m in models]
        rng.shuffle(models_list)
        expected = sorted(models_list, key=lambda m: (len(m), m))
        assert _model_order(list(models_list), packed_from=0) == expected


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(0, 400),
    m=st.integers(1, 900),
    density=st.floats(0.0, 1.0),
    seed=st.integers(0, 2**31),
)
def test_class_loads_equal_the_product_and_sum_in_column_order(n, m, density, seed):
    """class_loads is matrix @ y; on large charts each class's sum runs left to right
    over its columns (the same bits whatever the block size), never a float64 copy."""
    from qca.minimize import _bounds
    from qca.minimize._bounds import DENSE_LOADS, class_loads

    rng = np.random.default_rng(seed)
    matrix = rng.random((n, m)) < density
    y = rng.random(m) * rng.random(m)
    got = class_loads(matrix, y)
    assert got.dtype == np.float64 and got.shape == (n,)
    np.testing.assert_allclose(got, matrix.astype(np.float64) @ y, rtol=1e-12, atol=1e-12)
    if matrix.size > DENSE_LOADS:
        for i in rng.integers(0, n, size=min(n, 5)).tolist():
            total = 0.0
            for c in np.flatnonzero(matrix[i]).tolist():
                total += float(y[c])
            assert got[i] == total
        block = _bounds._LOAD_BLOCK
        try:
            _bounds._LOAD_BLOCK = int(rng.integers(1, 5 * m))
            assert np.array_equal(class_loads(matrix, y), got)
        finally:
            _bounds._LOAD_BLOCK = block


def _greedy_by_rank(chart, reduced_cost):
    """The greedy of ``_cover_from`` as first written: classes ranked by (reduced cost,
    index) once, the rank folded into a score."""
    m = chart.n_rows
    rank = np.empty(m, dtype=np.int64)
    rank[np.lexsort((np.arange(m), reduced_cost))] = np.arange(m)
    scale = m + 1
    score = np.diff(chart.indptr) * scale - rank
    covered = np.zeros(chart.n_cols, dtype=bool)
    picked = []
    while not covered.all():
        i = int(np.argmax(score))
        cols = chart.columns(i)
        new = cols[~covered[cols]]
        covered[new] = True
        if len(new):
            np.subtract.at(score, np.concatenate([chart.classes(c) for c in new]), scale)
        picked.append(i)
    return picked


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.integers(1, 30), st.integers(1, 60), st.integers(0, 2**32 - 1))
def test_greedy_picks_as_the_ranked_scores_did(n_cols, n_rows, seed):
    # ties of uncovered columns go to the lowest reduced cost, then the lowest index, as
    # with the scores that folded a sorted rank in (costs drawn with many ties)
    from qca.minimize import _bounds

    rng = np.random.default_rng(seed)
    chart = rng.random((n_rows, n_cols)) < rng.choice([0.1, 0.3, 0.6])
    chart[rng.integers(0, n_rows, size=n_cols), np.arange(n_cols)] = True
    rows, cols = np.nonzero(chart)
    indptr = np.searchsorted(rows, np.arange(n_rows + 1))
    sparse = _bounds._Chart(indptr, cols, n_cols)
    costs = rng.integers(-2, 3, size=n_rows) / 4.0
    got = _bounds._cover_from(sparse, costs)
    want = _greedy_by_rank(sparse, costs)
    # the pruning after the greedy is unchanged: same picks give the same cover
    count = np.zeros(n_cols, dtype=np.int64)
    for i in want:
        count[sparse.columns(i)] += 1
    want.sort(key=lambda i: (-costs[i], i))
    kept = []
    for i in want:
        c = sparse.columns(i)
        if (count[c] > 1).all():
            count[c] -= 1
        else:
            kept.append(i)
    assert got == sorted(kept)
