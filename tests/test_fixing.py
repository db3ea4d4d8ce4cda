"""Reduced-cost fixing (qca.minimize._fixing) and the HiGHS step over the fixed pool,
against brute force on small random charts."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from qca.minimize._bounds import cover_duals
from qca.minimize._fixing import fixing_pool, restrict


def _sparse(chart: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    indptr = np.zeros(len(chart) + 1, dtype=np.int64)
    np.cumsum(chart.sum(axis=1), out=indptr[1:])
    return indptr, np.nonzero(chart)[1].astype(np.int64)


def _covers(chart: np.ndarray, size: int) -> list[tuple[int, ...]]:
    """Every set of at most ``size`` classes covering all columns (brute force)."""
    n = len(chart)
    return [
        combo
        for k in range(1, size + 1)
        for combo in itertools.combinations(range(n), k)
        if chart[list(combo)].any(axis=0).all()
    ]


@st.composite
def charts(draw):
    n = draw(st.integers(2, 9))
    m = draw(st.integers(1, 7))
    seed = draw(st.integers(0, 2**32 - 1))
    density = draw(st.sampled_from([0.25, 0.4, 0.6]))
    chart = np.random.default_rng(seed).random((n, m)) < density
    chart[np.arange(m) % n, np.arange(m)] = True  # every column coverable
    return chart


@settings(max_examples=300, deadline=None)
@given(charts(), st.integers(1, 6))
def test_pool_holds_every_cover_of_that_size(chart, size):
    indptr, indices = _sparse(chart)
    duals = cover_duals(chart)
    pool = set(fixing_pool(indptr, indices, duals, size).tolist())
    for cover in _covers(chart, size):
        assert set(cover) <= pool, (cover, sorted(pool))


@settings(max_examples=200, deadline=None)
@given(charts(), st.data())
def test_restrict_keeps_the_pool_rows(chart, data):
    indptr, indices = _sparse(chart)
    pool = np.array(
        sorted(data.draw(st.sets(st.integers(0, len(chart) - 1)))), dtype=np.int64
    )
    sub_ptr, sub_idx = restrict(indptr, indices, pool)
    assert len(sub_ptr) == len(pool) + 1
    for j, i in enumerate(pool.tolist()):
        assert sub_idx[sub_ptr[j] : sub_ptr[j + 1]].tolist() == np.flatnonzero(chart[i]).tolist()


def test_highs_over_the_pool_gives_the_brute_force_minimum(monkeypatch):
    # every step before HiGHS switched off but the LP duals: the minimum and its proof come
    # from the integer program over the classes that a smaller cover may hold
    from qca.minimize import _chart
    from qca.minimize._chart import solve_chart

    monkeypatch.setattr(_chart, "SEARCH_BEFORE_MILP", 0)
    monkeypatch.setattr(_chart, "FIND_EFFORT", 0)
    monkeypatch.setattr(_chart, "prove_minimum", lambda *args: None)  # as without numba
    component = _chart._Component
    monkeypatch.setattr(component, "greedy", lambda self: _chart._bits(self.reduced_all))
    monkeypatch.setattr(component, "fractional_bound", lambda self: 0)
    monkeypatch.setattr(component, "lagrangian", lambda self, low, best: (low, best))
    pools: list[tuple[int, int]] = []
    highs = _chart.milp_cover

    def recorded(indptr, indices, n_cols, **kwargs):
        pools.append((len(indptr) - 1, n_cols))
        return highs(indptr, indices, n_cols, **kwargs)

    monkeypatch.setattr(_chart, "milp_cover", recorded)
    rng = np.random.default_rng(1414)
    for _ in range(60):
        n, m = int(rng.integers(3, 12)), int(rng.integers(2, 8))
        chart = rng.random((n, m)) < rng.choice([0.3, 0.5])
        chart[rng.integers(0, n, size=m), np.arange(m)] = True
        minimum = min(len(c) for c in _covers(chart, n))
        sol = solve_chart(chart)
        assert sol.lower_bound == minimum
        assert sol.complete
        assert all(len(model) == minimum for model in sol.models)
        assert sorted(sol.models) == sorted(c for c in _covers(chart, minimum) if len(c) == minimum)
    assert pools  # HiGHS was reached
