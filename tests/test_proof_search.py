"""The compiled decision search "is there a cover of at most k classes?" against brute
force: a cover it returns is a cover of at most k classes, "none" is never claimed when
one exists, and a cover is found whenever one exists (the effort bound is far away).
Also the whole solver with the decision search as the only proof of the minimum.
"""

from __future__ import annotations

import importlib
import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qca.minimize._bounds import cover_duals
from qca.minimize._chart import solve_chart
from qca.minimize._proof_search import cover_within, lp_duals, worth_searching
from qca.minimize._transversal import compiled_available

pytestmark = pytest.mark.skipif(not compiled_available(), reason="numba not installed")

chart_module = importlib.import_module("qca.minimize._chart")
proof_module = importlib.import_module("qca.minimize._proof_search")


def _minimum(chart: np.ndarray) -> int | None:
    """Fewest rows covering every column (None: some column has no row)."""
    n, m = chart.shape
    if m == 0:
        return 0
    if not chart.any(axis=0).all():
        return None
    for size in range(1, n + 1):
        if any(chart[list(c)].any(axis=0).all() for c in itertools.combinations(range(n), size)):
            return size
    return None  # pragma: no cover - every column is coverable here


def _sparse(chart: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    indptr = np.concatenate([[0], np.cumsum(chart.sum(axis=1))]).astype(np.int64)
    return indptr, np.nonzero(chart)[1].astype(np.int64)


def _check(chart: np.ndarray, steps: int = 20, lp: bool = False, branching: str = "fewest") -> None:
    n, m = chart.shape
    true = _minimum(chart)
    indptr, indices = _sparse(chart)
    duals = cover_duals(chart) if lp and n and m else None
    for k in range(0, n + 2):
        got = cover_within(indptr, indices, m, k, duals, steps=steps, branching=branching)
        assert got is not None
        if got.cover is not None:
            assert not got.none
            assert len(got.cover) <= k
            assert list(got.cover) == sorted(set(got.cover))
            assert m == 0 or chart[list(got.cover)].any(axis=0).all()
        if true is None or k < true:
            assert got.cover is None and got.none  # the proof: no cover that small
        else:
            assert got.cover is not None  # a cover exists: the search finds one
        again = cover_within(indptr, indices, m, k, duals, steps=steps, branching=branching)
        assert again == got  # deterministic


def _chart(rng: np.random.Generator, n: int, m: int, density: float) -> np.ndarray:
    chart = rng.random((n, m)) < density
    if rng.random() < 0.3 and n > 2:  # repeated and dominated rows
        chart[-1] = chart[0]
        chart[-2] = chart[1] & (rng.random(m) < 0.5)
    return chart


@pytest.mark.parametrize("branching", ["fewest", "columns", "heavy"])
@pytest.mark.parametrize("seed", range(20))
def test_decision_agrees_with_brute_force(seed, branching):
    rng = np.random.default_rng(7000 + seed)
    for _ in range(40):
        n = int(rng.integers(1, 12))
        m = int(rng.integers(1, 14))
        chart = _chart(rng, n, m, rng.uniform(0.1, 0.6))
        _check(chart, steps=int(rng.integers(1, 30)), lp=bool(rng.random() < 0.5), branching=branching)


@pytest.mark.parametrize("branching", ["fewest", "heavy"])
@pytest.mark.parametrize("seed", range(12))
def test_heavy_class_branching_on_wide_charts(seed, branching):
    # many small classes over a few columns: the heavy classes (weight >= v(U) / r) are
    # fewer than any column's candidates, so the search branches on them; one subgradient
    # step keeps the bounds weak, so the search goes deep
    rng = np.random.default_rng(7500 + seed)
    for _ in range(6):
        n, m = int(rng.integers(8, 15)), int(rng.integers(8, 13))
        chart = _chart(rng, n, m, rng.uniform(0.15, 0.4))
        _check(chart, steps=1, lp=bool(rng.random() < 0.5), branching=branching)


@pytest.mark.parametrize("seed", range(6))
def test_many_columns_span_several_words(seed):
    rng = np.random.default_rng(8000 + seed)
    chart = _chart(rng, 11, int(rng.integers(65, 150)), rng.uniform(0.3, 0.6))
    _check(chart, lp=bool(seed % 2))


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 11).flatmap(
        lambda n: st.lists(st.lists(st.booleans(), min_size=8, max_size=8), min_size=n, max_size=n)
    ),
    st.integers(1, 25),
    st.sampled_from(["fewest", "heavy"]),
)
def test_decision_property(rows, steps, branching):
    _check(np.array(rows, dtype=bool), steps=steps, branching=branching)


@pytest.mark.parametrize("seed", range(10))
def test_row_generation_reaches_the_linear_optimum(seed):
    rng = np.random.default_rng(9500 + seed)
    for _ in range(10):
        n, m = int(rng.integers(1, 400)), int(rng.integers(1, 70))
        chart = rng.random((n, m)) < rng.uniform(0.02, 0.3)
        chart[rng.integers(0, n, size=m), np.arange(m)] = True  # every column coverable
        y = lp_duals(*_sparse(chart), m)
        assert (y >= 0).all() and (chart.astype(float) @ y).max() <= 1.0  # feasible
        assert abs(y.sum() - cover_duals(chart).sum()) < 1e-6  # the optimum of the full LP


def test_work_limit_leaves_it_undecided():
    # a cycle of 9 columns, each row two neighbours: covers of 5 rows exist, the bound at
    # the root (4.5) decides nothing, so the search stops at its first branch
    chart = np.eye(9, dtype=bool) | np.roll(np.eye(9, dtype=bool), 1, axis=1)
    indptr, indices = _sparse(chart)
    got = cover_within(indptr, indices, 9, 5, work_limit=0, steps=1)
    assert got is not None and got.cover is None and not got.none
    got = cover_within(indptr, indices, 9, 5, steps=1)
    assert got is not None and got.cover is not None and len(got.cover) == 5


def test_without_numba_it_is_not_run_and_the_solver_stays_exact(monkeypatch):
    monkeypatch.setenv("QCA_NO_NUMBA", "1")
    chart = np.eye(9, dtype=bool) | np.roll(np.eye(9, dtype=bool), 1, axis=1)
    indptr, indices = _sparse(chart)
    assert cover_within(indptr, indices, 9, 5) is None
    assert proof_module.prove_minimum(indptr, indices, 9, 4, 6) is None
    sol = solve_chart(chart)
    assert sol.complete and sol.lower_bound == 5 and sol.n_models == 9


def test_charts_past_the_cell_bound_are_not_searched(monkeypatch):
    chart = np.eye(9, dtype=bool) | np.roll(np.eye(9, dtype=bool), 1, axis=1)
    indptr, indices = _sparse(chart)
    monkeypatch.setattr(proof_module, "MAX_CELLS", 6 * 18 - 1)  # k + 1 = 6 levels of 18
    assert cover_within(indptr, indices, 9, 5) is None
    assert proof_module.prove_minimum(indptr, indices, 9, 4, 6) is None  # no LP either
    got = proof_module.prove_minimum(indptr, indices, 9, 4, 5)  # k = 4 at most
    assert got is not None and got.settled and got.lower == 5  # the LP bound: 4.5
    monkeypatch.setattr(proof_module, "MAX_CELLS", 6 * 18)
    assert cover_within(indptr, indices, 9, 5) is not None


def test_worth_searching_needs_a_gap_below_the_limit():
    assert worth_searching(13, np.full(4, 12.5 / 4))
    assert worth_searching(13, np.full(4, 11.8 / 4))  # random_30x200: 11 over 9.83
    assert not worth_searching(13, np.full(4, 11.7 / 4))
    assert not worth_searching(13, None)


def test_wide_gaps_get_the_wide_budget():
    assert proof_module.search_work(13, np.full(4, 12.01 / 4)) == proof_module.PROOF_WORK
    assert proof_module.search_work(13, np.full(4, 12.0 / 4)) == proof_module.WIDE_WORK
    assert proof_module.WIDE_WORK > proof_module.PROOF_WORK


@pytest.mark.parametrize("seed", range(8))
def test_solver_with_the_decision_search_as_the_only_proof(seed, monkeypatch):
    # every other proof of the minimum switched off: bounds only, then the decision search
    monkeypatch.setattr(chart_module, "FIND_EFFORT", 1)
    monkeypatch.setattr(chart_module, "SEARCH_BEFORE_MILP", 0)
    monkeypatch.setattr(chart_module._Component, "lagrangian", lambda self, low, best: (low, best))
    monkeypatch.setattr(chart_module._Component, "milp", lambda self, low, best, duals: (low, best))
    monkeypatch.setattr(proof_module, "GAP_LIMIT", math.inf)
    rng = np.random.default_rng(9000 + seed)
    for _ in range(40):
        n, m = int(rng.integers(2, 12)), int(rng.integers(17, 40))  # past the counter's
        chart = _chart(rng, n, m, rng.uniform(0.2, 0.5))  # subset columns: LP duals
        chart[rng.integers(0, n, size=m), np.arange(m)] = True  # every column coverable
        sol = solve_chart(chart)
        true = _minimum(chart)
        assert sol.lower_bound == true
        assert sol.complete
        assert all(len(model) == true for model in sol.models)
        assert all(chart[list(model)].any(axis=0).all() for model in sol.models)
        again = solve_chart(chart)  # deterministic, order included
        assert list(again.models) == list(sol.models) and again.notes == sol.notes
