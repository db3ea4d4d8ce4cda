"""The exact chart solver against brute force: minimum size, model count and model set.

Charts are small random boolean matrices (PIs x columns), some with repeated rows (PIs
that cover the same columns) and several independent components; brute force tries
every set of PIs of each size.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from qca.minimize._chart import solve_chart
from qca.minimize._count import subset_count


def _brute(chart: np.ndarray) -> list[tuple[int, ...]]:
    """Every minimum cover, by trying all sets of PIs of growing size."""
    n = len(chart)
    for size in range(n + 1):
        found = [
            c for c in itertools.combinations(range(n), size) if chart[list(c)].any(axis=0).all()
        ]
        if found:
            return found
    return []


def _chart(rng: np.random.Generator, n_pi: int, n_cols: int, density: float) -> np.ndarray:
    chart = rng.random((n_pi, n_cols)) < density
    if rng.random() < 0.4:  # repeated PIs: classes with several members
        chart = np.concatenate([chart, chart[rng.integers(0, n_pi, size=3)]])
    chart[rng.integers(0, len(chart), size=n_cols), np.arange(n_cols)] = True  # coverable
    return chart


@pytest.mark.parametrize("seed", range(20))
def test_count_and_models_equal_brute_force(seed):
    rng = np.random.default_rng(seed)
    for _ in range(60):
        chart = _chart(rng, int(rng.integers(1, 12)), int(rng.integers(1, 10)), rng.random() * 0.6)
        expected = _brute(chart)
        sol = solve_chart(chart)
        assert sol.complete
        assert sol.lower_bound == len(expected[0])
        assert sol.n_models == sol.n_models_lower == len(expected)
        assert sorted(sol.models) == sorted(expected)


@pytest.mark.parametrize("seed", range(4))
def test_count_by_branching_equals_brute_force(seed):
    # more than 16 columns: the count branches before inclusion-exclusion takes over
    rng = np.random.default_rng(100 + seed)
    chart = _chart(rng, 16, 24, 0.25)
    expected = _brute(chart)
    sol = solve_chart(chart)
    assert sol.complete and sol.n_models == len(expected)
    assert sorted(sol.models) == sorted(expected)


def test_listing_cap_keeps_the_exact_count():
    chart = np.eye(4, dtype=bool).repeat(3, axis=0)  # 3 interchangeable PIs per column
    sol = solve_chart(chart, max_models=5)
    assert sol.n_models == 81 and len(sol.models) == 5 and sol.complete
    assert sol.core == () and [p.count for p in sol.parts] == [3, 3, 3, 3]
    assert math.prod(p.count for p in sol.parts) == sol.n_models


def test_subset_count_equals_brute_force():
    rng = np.random.default_rng(7)
    for _ in range(200):
        m = int(rng.integers(1, 7))
        masks = rng.integers(0, 1 << m, size=int(rng.integers(1, 9)))
        weights = rng.integers(1, 4, size=len(masks))
        k = int(rng.integers(1, 4))
        pis = [mask for mask, w in zip(masks.tolist(), weights.tolist(), strict=True) for _ in range(w)]
        full = (1 << m) - 1
        brute = 0
        for combo in itertools.combinations(range(len(pis)), k):
            union = 0
            for i in combo:
                union |= pis[i]
            brute += union == full
        # equal to the number of k-sets of PIs covering every column, whatever k
        assert subset_count(masks, weights, m, k) == brute


def _random_25x10(**options):
    import warnings
    from pathlib import Path

    import pandas as pd

    import qca

    data = pd.read_csv(Path(__file__).parent / "data" / "core_synthetic" / "random_25x10.csv")
    conditions = [c for c in data.columns if c != "OUT"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = qca.truth_table(data, outcome="OUT", conditions=conditions, incl_cut=1)
        return qca.minimize(table, include="?", **options)


def test_solution_counts_every_minimal_model_beyond_the_listing_cap():
    full = _random_25x10()
    assert full.model_count == full.model_count_lower == len(full.models) == 944
    capped = _random_25x10(max_models=5)
    assert capped.complete and capped.model_count == 944 and len(capped.models) == 5
    assert {str(m) for m in capped.models} <= {str(m) for m in full.models}
    assert "944 minimal models in all (5 listed)" in str(capped)
    as_dict = capped.to_dict()
    assert as_dict["model_count"] == 944 and len(as_dict["models"]) == 5
    # the factorized form multiplies out to the count
    factors = capped.factors
    assert factors is not None
    assert math.prod(c for c in factors.counts if c is not None) == 944
    # essential terms are only those proven to be in every model
    assert set(capped.essential) == set(full.essential)


def test_max_models_must_be_a_positive_integer():
    from qca.exceptions import InvalidParameterError

    for bad in (0, -3, 2.5, True, "10"):
        with pytest.raises(InvalidParameterError, match="max_models"):
            _random_25x10(max_models=bad)


def test_sol_cons_counts_only_models_it_checked():
    # sol_cons filters the listed models: the count is exact only when all were listed
    every = _random_25x10(sol_cons=0.5)
    assert every.complete and every.model_count == len(every.models) == 944
    capped = _random_25x10(sol_cons=0.5, max_models=5)
    assert not capped.complete and capped.model_count is None
    assert capped.model_count_lower == len(capped.models) == 5


def _wide_chart(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Classes (distinct rows) and weights of a random chart of 17-20 columns, often
    made of loosely linked blocks (independent parts appear while counting)."""
    m, n = int(rng.integers(17, 21)), int(rng.integers(10, 70))
    chart = rng.random((n, m)) < rng.random() * 0.3 + 0.05
    if rng.random() < 0.5:
        block_col, block_row = rng.integers(0, 3, size=m), rng.integers(0, 3, size=n)
        chart &= (block_col[None, :] == block_row[:, None]) | (rng.random((n, m)) < 0.02)
    chart[rng.integers(0, n, size=m), np.arange(m)] = True
    classes, inverse = np.unique(chart, axis=0, return_inverse=True)
    weights = np.bincount(inverse.ravel())
    keep = classes.any(axis=1)
    return classes[keep], weights[keep]


@pytest.mark.parametrize("seed", range(6))
def test_counter_equals_inclusion_exclusion_on_wide_charts(seed, monkeypatch):
    # over 16 columns the counter uses its LP duals, merging, column dominance and
    # independent parts; inclusion-exclusion over the 2**m column subsets is exact
    from qca.minimize import _count
    from qca.minimize._reduce import _Budget

    if seed % 2:
        monkeypatch.setattr(_count, "LP_SIZE", 0)  # fresh duals at every sub-chart
    rng = np.random.default_rng(500 + seed)
    for _ in range(6):
        classes, weights = _wide_chart(rng)
        m = classes.shape[1]
        masks = classes.astype(np.int64) @ (np.int64(1) << np.arange(m))
        k = next(k for k in range(1, m + 1) if subset_count(masks, weights, m, k) > 0)
        expected = subset_count(masks, weights, m, k)
        counter = _count.MinCoverCounter(classes, weights.tolist(), _Budget(10**9))
        assert counter.lower_bound() <= k
        assert counter.count(k) == expected
        covers = list(counter.covers(k, 10**6))
        assert len(set(covers)) == len(covers)
        assert all(len(c) == k and classes[list(c)].any(axis=0).all() for c in covers)
        assert sum(math.prod(int(weights[i]) for i in c) for c in covers) == expected
        # the existence search: a cover at the minimum, a proof of none below it
        found = counter.find(k)
        assert found is not None and len(found) == k and classes[list(found)].any(axis=0).all()
        if k > counter.lower_bound():
            assert counter.find(k - 1) is None


def test_pair_count_equals_brute_force():
    from qca.minimize._count import _count_pairs

    rng = np.random.default_rng(11)
    for _ in range(200):
        m, n = int(rng.integers(2, 7)), int(rng.integers(2, 9))
        chart = rng.random((n, m)) < 0.5
        if chart.all(axis=1).any() or not chart.any(axis=0).all():
            continue  # the pair count assumes no single class covers everything
        weights = rng.integers(1, 4, size=n)
        brute = sum(
            int(weights[a] * weights[b])
            for a, b in itertools.combinations(range(n), 2)
            if (chart[a] | chart[b]).all()
        )
        assert _count_pairs(chart, weights) == brute


@pytest.mark.parametrize("find_effort", [0, 10**9])
def test_minimum_by_lp_search_or_highs_equals_inclusion_exclusion(find_effort, monkeypatch):
    # the bound-and-branch switched off: the minimum comes from the LP-pruned existence
    # search (find_effort large) or from HiGHS (find_effort 0), the count from the counter
    from qca.minimize import _chart

    monkeypatch.setattr(_chart, "SEARCH_BEFORE_MILP", 0)
    monkeypatch.setattr(_chart, "FIND_EFFORT", find_effort)
    # the compiled decision search off, as without numba (tests/test_proof_search.py)
    monkeypatch.setattr(_chart, "prove_minimum", lambda *args: None)
    # a poor first cover (every class) and no Lagrangian or fractional bound: the gap is
    # left to the LP search and HiGHS
    component = _chart._Component
    monkeypatch.setattr(component, "greedy", lambda self: _chart._bits(self.reduced_all))
    monkeypatch.setattr(component, "fractional_bound", lambda self: 0)
    monkeypatch.setattr(component, "lagrangian", lambda self, low, best: (low, best))
    calls = {"search": 0, "highs": 0}
    search, highs = component.dual_search, _chart.milp_cover

    def counted_search(self, low, best):
        calls["search"] += 1
        return search(self, low, best)

    def counted_highs(*args, **kwargs):
        calls["highs"] += 1
        return highs(*args, **kwargs)

    monkeypatch.setattr(component, "dual_search", counted_search)
    monkeypatch.setattr(_chart, "milp_cover", counted_highs)
    rng = np.random.default_rng(900 + int(find_effort > 0))
    for _ in range(8):
        classes, weights = _wide_chart(rng)
        chart = np.repeat(classes, weights, axis=0)  # PIs: each class as many times as its weight
        m = chart.shape[1]
        masks = classes.astype(np.int64) @ (np.int64(1) << np.arange(m))
        k = next(k for k in range(1, m + 1) if subset_count(masks, weights, m, k) > 0)
        sol = solve_chart(chart)
        assert sol.complete and sol.lower_bound == k
        assert sol.n_models == subset_count(masks, weights, m, k)
        assert all(len(model) == k and chart[list(model)].any(axis=0).all() for model in sol.models)
    assert calls["search"] >= 4
    if find_effort:
        assert calls["highs"] == 0  # the search closed every gap
    else:
        assert calls["highs"] >= 4


def test_highs_is_not_run_twice_after_its_time_limit(monkeypatch):
    # a stop at the time limit (status 1) keeps its bounds; only a stop at the gap that
    # did not prove the minimum is solved again at a zero gap
    import types

    import scipy.optimize

    from qca.minimize._milp import milp_cover

    calls = []

    def stopped(**kwargs):
        calls.append(kwargs["options"]["mip_rel_gap"])
        return types.SimpleNamespace(status=1, x=np.array([1.0, 1.0, 1.0]), mip_dual_bound=1.2)

    monkeypatch.setattr(scipy.optimize, "milp", stopped)
    indptr, indices = np.array([0, 2, 4, 6]), np.array([0, 1, 1, 2, 0, 2])
    res = milp_cover(indptr, indices, 3, upper=3)
    assert len(calls) == 1 and not res.optimal and res.lower == 2 and res.cover == (0, 1, 2)


def test_highs_effort_is_bounded_by_nodes_not_seconds(monkeypatch):
    # the same chart must give the same cover and bound under any load: the effort bound
    # passed to HiGHS is a node count, the time limit only a far backstop
    import types

    import scipy.optimize

    from qca.minimize import _milp

    seen = []

    def record(**kwargs):
        seen.append(kwargs["options"])
        return types.SimpleNamespace(status=1, x=np.array([1.0, 1.0, 1.0]), mip_dual_bound=1.2)

    monkeypatch.setattr(scipy.optimize, "milp", record)
    indptr, indices = np.array([0, 2, 4, 6]), np.array([0, 1, 1, 2, 0, 2])
    res = _milp.milp_cover(indptr, indices, 3, upper=3, node_limit=7)
    assert seen[0]["node_limit"] == 7 and seen[0]["time_limit"] == _milp.TIME_LIMIT
    assert _milp.milp_cover(indptr, indices, 3, upper=3) == res
    assert seen[1]["node_limit"] == _milp.NODE_LIMIT


def test_highs_node_limit_gives_a_proven_bound_on_a_real_chart():
    # a cycle of 9 columns, each class covering two neighbours: the minimum is 5 and the
    # LP bound 4.5; whatever HiGHS does within one node, its bound and cover stay valid
    from qca.minimize._milp import milp_cover

    n = 9
    indptr = np.arange(0, 2 * n + 1, 2)
    indices = np.array([c for i in range(n) for c in (i, (i + 1) % n)])
    for limit in (0, 1, 200):
        res = milp_cover(indptr, indices, n, node_limit=limit)
        assert res.lower <= 5
        if res.cover:
            covered = {c for i in res.cover for c in indices[indptr[i] : indptr[i + 1]]}
            assert covered == set(range(n)) and len(res.cover) >= 5
        assert res.optimal == (res.lower == len(res.cover) == 5)
    assert milp_cover(indptr, indices, n).optimal
