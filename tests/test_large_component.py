"""Large sparse components (planted_k16 conservative: 8,292 classes x 5,595 columns, 19,536
cells set) are built from their cells and never scanned dense for their LP or anchored
bound; a count that cannot pay for its LP stops before solving it; a listing is not
tried after a count that counted nothing. Each must leave every answer as it was.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from qca.minimize import _bounds, _count
from qca.minimize import _component_masks as masks_module
from qca.minimize import _reduce as reduce_module
from qca.minimize._chart import solve_chart
from qca.minimize._count import LP_SIZE, CountStopped, MinCoverCounter
from qca.minimize._count_anchor import anchored_count, count_lower_bound
from qca.minimize._count_tree import tree_available
from qca.minimize._reduce import _Budget
from tests.test_count_dp import _cube_chart

needs_numba = pytest.mark.skipif(not tree_available(), reason="numba not installed or switched off")


def _covers(chart: np.ndarray, model: tuple[int, ...]) -> bool:
    return bool(chart[list(model)].any(axis=0).all())


@pytest.mark.parametrize(("seed", "dim", "effort"), [(0, 8, 2000), (1, 8, 50_000), (2, 9, 2000), (3, 7, 10**6)])
def test_solutions_from_the_cells_equal_the_dense_ones(seed, dim, effort, monkeypatch):
    chart, _ = _cube_chart(np.random.default_rng(seed), dim)
    monkeypatch.setattr(masks_module, "SPARSE_COMPONENT", 1 << 60)
    dense = solve_chart(chart, effort=effort, max_models=50)
    monkeypatch.setattr(masks_module, "SPARSE_COMPONENT", 0)
    monkeypatch.setattr(reduce_module, "_SPARSE_FROM", 0)  # column dominance from cells
    cells = solve_chart(chart, effort=effort, max_models=50)
    assert cells == dense
    # whatever the count did, the listed models are distinct covers of the proven size
    assert len(set(cells.models)) == len(cells.models)
    assert all(len(m) == cells.lower_bound and _covers(chart, m) for m in cells.models)


@needs_numba
def test_the_anchored_bound_of_a_sparse_chart_is_the_dense_one():
    rng = np.random.default_rng(7)
    for dim in (9, 9):  # over ANCHOR_COLUMNS columns
        chart, weights = _cube_chart(rng, dim)
        counter = MinCoverCounter(chart, weights.tolist(), _Budget(10**9))
        k = counter.lower_bound()
        cover = counter.find(k)
        while cover is None:
            k += 1
            cover = counter.find(k)
        dense = count_lower_bound(chart, weights.tolist(), list(cover), counter.duals)
        sparse = count_lower_bound(csr_matrix(chart), weights.tolist(), list(cover), counter.duals)
        assert sparse == dense > 0
        narrow = anchored_count(chart, weights, counter.duals, list(cover), width=3)
        assert anchored_count(csr_matrix(chart), weights, counter.duals, list(cover), width=3) == narrow
        assert 0 < narrow < dense  # anchors taken: a smaller bound, the same either way


def test_the_counter_takes_its_duals_from_the_sparse_chart():
    chart, weights = _cube_chart(np.random.default_rng(3), 8)
    dense = MinCoverCounter(chart, weights.tolist(), _Budget(10))
    sparse = MinCoverCounter(chart, weights.tolist(), _Budget(10), sparse=csr_matrix(chart))
    assert np.array_equal(sparse.duals, dense.duals)  # bit for bit: the same LP


def test_a_count_that_cannot_pay_for_its_lp_stops_before_solving_it(monkeypatch):
    chart, weights = _cube_chart(np.random.default_rng(5), 8)
    assert chart.size >= LP_SIZE
    calls = []

    def recorded(matrix):  # type: ignore[no-untyped-def]
        calls.append(matrix.shape)
        return original(matrix)

    original = _bounds.cover_duals
    counter = MinCoverCounter(chart, weights.tolist(), _Budget(10))
    monkeypatch.setattr(_bounds, "cover_duals", recorded)
    node = counter._root(5, False)
    size = node.matrix.size
    charge, next_pass = 5000 + size // 2, 51 + size // 200
    # one unit short of the LP and the reduction pass after it: stopped, no LP solved,
    # and the budget left where the LP and that pass would have left it
    counter.budget = _Budget(charge + next_pass - 1)
    with pytest.raises(CountStopped):
        counter._resolve(node)
    assert calls == [] and counter.budget.stopped and counter.budget.left == -1
    # exactly enough: the LP is solved and the reduction pass runs
    counter.budget = _Budget(charge + next_pass)
    node = counter._root(5, False)
    counter._resolve(node)
    assert len(calls) == 1 and not counter.budget.stopped


def test_no_listing_after_a_count_that_counted_nothing(monkeypatch):
    chart, _ = _cube_chart(np.random.default_rng(0), 9)  # 570 PIs x 204 rows
    listed = []
    original = MinCoverCounter.covers

    def covers(self, k, cap):  # type: ignore[no-untyped-def]
        listed.append(k)
        return original(self, k, cap)

    monkeypatch.setattr(_count.MinCoverCounter, "covers", covers)
    monkeypatch.setattr(_count, "ONE_BRANCH_EFFORT", 0)
    stopped = solve_chart(chart, effort=2000, max_models=10)  # stops at the root's LP
    assert listed == [] and not stopped.complete
    assert len(set(stopped.models)) == len(stopped.models) == 10
    assert all(_covers(chart, m) and len(m) == stopped.lower_bound for m in stopped.models)
    wide = solve_chart(chart, effort=400_000, max_models=10)  # counts sub-charts: lists
    assert listed and wide.lower_bound == stopped.lower_bound
    assert all(_covers(chart, m) for m in itertools.islice(wide.models, 10))
