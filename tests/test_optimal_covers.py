"""The compiled count of minimum covers against brute force: count, cover set, weights.

Charts are small random boolean matrices (classes x columns) with random weights (PIs
per class); brute force tries every set of classes of each size. Also the whole solver
with the compiled search switched on for every chart size.
"""

from __future__ import annotations

import importlib
import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qca.minimize._chart import solve_chart
from qca.minimize._optimal_covers import optimal_covers
from qca.minimize._transversal import compiled_available

pytestmark = pytest.mark.skipif(not compiled_available(), reason="numba not installed")

chart_module = importlib.import_module("qca.minimize._chart")


def _brute(chart: np.ndarray) -> list[tuple[int, ...]]:
    n = len(chart)
    for size in range(1, n + 1):
        found = [
            c for c in itertools.combinations(range(n), size) if chart[list(c)].any(axis=0).all()
        ]
        if found:
            return found
    return []


def _chart(rng: np.random.Generator, n: int, m: int, density: float) -> np.ndarray:
    chart = rng.random((n, m)) < density
    chart[rng.integers(0, n, size=m), np.arange(m)] = True  # every column coverable
    return chart


def _canonical(covers: list[tuple[int, ...]], keys: np.ndarray) -> list[tuple[int, ...]]:
    """Covers in the order of their classes' keys (ascending in a cover), as tuples."""
    return sorted(covers, key=lambda c: sorted(int(keys[i]) for i in c))


def _check(chart: np.ndarray, weights: np.ndarray, cap: int = 10_000) -> None:
    expected = _brute(chart)
    k = len(expected[0])
    keys = np.random.default_rng(len(chart) * 31 + chart.shape[1]).permutation(len(chart))
    small = 1 + len(expected) // 3  # a cap that cuts the listing short
    listed = []
    # as the kernel runs on large charts (Lagrangian steps only at nodes of many
    # candidates), and with Lagrangian steps at every node
    for lagrange_from in (None, 1):
        got = optimal_covers(chart, weights, k, cap, work_limit=10**9, lagrange_from=lagrange_from)
        assert got is not None
        assert got.count == sum(math.prod(int(weights[i]) for i in c) for c in expected)
        assert len(got.covers) == min(cap, len(expected))
        assert len(set(got.covers)) == len(got.covers)
        assert set(got.covers) <= set(expected)
        assert got.covers == _canonical(expected, np.arange(len(chart)))[:cap]
        again = optimal_covers(
            chart, weights, k, cap, work_limit=10**9, lagrange_from=lagrange_from
        )
        assert again == got  # deterministic, order included
        # the covers listed under a cap: the first in the order of the keys
        cut = optimal_covers(
            chart, weights, k, small, work_limit=10**9, lagrange_from=lagrange_from, keys=keys
        )
        assert cut is not None and cut.count == got.count
        assert cut.covers == _canonical(expected, keys)[:small]
        listed.append(cut.covers)
    assert listed[0] == listed[1]  # whatever the search's path


@pytest.mark.parametrize("seed", range(25))
def test_count_and_covers_equal_brute_force(seed):
    rng = np.random.default_rng(1000 + seed)
    for _ in range(40):
        n = int(rng.integers(1, 14))
        m = int(rng.integers(1, 12))
        chart = _chart(rng, n, m, rng.random() * 0.6)
        weights = rng.integers(1, 4, size=n)
        _check(chart, weights)


@pytest.mark.parametrize("seed", range(4))
def test_many_columns_span_several_words(seed):
    # more than 64 columns: the masks take two or three 64-bit words
    rng = np.random.default_rng(2000 + seed)
    chart = _chart(rng, 14, int(rng.integers(65, 150)), 0.3)
    _check(chart, rng.integers(1, 3, size=14))


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 12).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(st.booleans(), min_size=7, max_size=7), min_size=n, max_size=n),
            st.lists(st.integers(1, 3), min_size=n, max_size=n),
        )
    )
)
def test_count_property(data):
    rows, weights = data
    chart = np.array(rows, dtype=bool)
    chart = chart[:, chart.any(axis=0)]
    if chart.shape[1] == 0:
        return
    _check(chart, np.array(weights))


def test_cap_lists_the_first_covers_and_counts_all():
    chart = np.eye(4, dtype=bool).repeat(3, axis=0)  # 3 classes per column: 81 covers
    got = optimal_covers(chart, np.ones(12, dtype=np.int64), 4, 5)
    assert got is not None and got.count == 81
    assert got.covers == [(0, 3, 6, 9), (0, 3, 6, 10), (0, 3, 6, 11), (0, 3, 7, 9), (0, 3, 7, 10)]
    # reversed keys: the last classes first
    got = optimal_covers(chart, np.ones(12, dtype=np.int64), 4, 2, keys=np.arange(12)[::-1])
    assert got is not None and got.covers == [(2, 5, 8, 11), (1, 5, 8, 11)]


@pytest.mark.parametrize("seed", range(6))
def test_listing_does_not_depend_on_the_class_order(seed):
    # 1,500 classes (maximal-class search and expansion), far more covers than the cap:
    # the classes shuffled (keys shuffled with them) give the same covers listed, in the
    # same order, though the search meets them in another order
    rng = np.random.default_rng(8000 + seed)
    chart = rng.random((1500, 30)) < 0.1
    chart = np.concatenate([chart, chart[rng.integers(0, 1500, size=300)]])
    weights = rng.integers(1, 3, size=len(chart))
    keys = rng.permutation(len(chart))
    k = solve_chart(chart).lower_bound
    first = optimal_covers(chart, weights, k, 7, keys=keys)
    perm = rng.permutation(len(chart))
    second = optimal_covers(chart[perm], weights[perm], k, 7, keys=keys[perm])
    assert first is not None and second is not None and first.count == second.count
    assert first.count > 7
    assert [tuple(sorted(perm[i] for i in c)) for c in second.covers] == first.covers
    every = optimal_covers(chart, weights, k, 10**5, keys=keys)
    assert every is not None and every.covers[:7] == first.covers
    assert every.covers == _canonical(every.covers, keys)


def test_root_weights_may_overload_a_class():
    # the root's Lagrangian weights need not be a feasible dual (a class may carry more
    # than 1); the counts above hold with them: check such charts occur among the tested
    from qca.minimize._optimal_covers import root_weights

    rng = np.random.default_rng(9)
    over = 0
    for _ in range(40):
        chart = _chart(rng, int(rng.integers(4, 14)), int(rng.integers(3, 12)), 0.4)
        k = len(_brute(chart)[0])
        y = root_weights(chart, k)
        over += int((chart.astype(float) @ y > 1 + 1e-9).any())
    assert over >= 5


def test_work_limit_gives_up():
    chart = np.eye(4, dtype=bool).repeat(3, axis=0)
    got = optimal_covers(chart, np.ones(12, dtype=np.int64), 4, 5, work_limit=40)
    assert got is not None and got.count is None
    assert all(chart[list(c)].any(axis=0).all() and len(c) == 4 for c in got.covers)


@pytest.mark.parametrize("seed", range(10))
def test_solver_with_the_search_on_every_chart(seed, monkeypatch):
    monkeypatch.setattr(chart_module, "LARGE_CHART", 0)
    rng = np.random.default_rng(3000 + seed)
    for _ in range(30):
        chart = _chart(rng, int(rng.integers(1, 12)), int(rng.integers(1, 10)), rng.random() * 0.6)
        if rng.random() < 0.4:  # repeated PIs: classes with several members
            chart = np.concatenate([chart, chart[rng.integers(0, len(chart), size=3)]])
        expected = _brute(chart)
        sol = solve_chart(chart)
        assert sol.complete
        assert sol.lower_bound == len(expected[0])
        assert sol.n_models == len(expected)
        assert sorted(sol.models) == sorted(expected)


@pytest.mark.parametrize("seed", [0, 3, 6, 7])  # seeds the branching counter finishes
def test_large_charts_agree_with_the_branching_counter(seed, monkeypatch):
    # charts of 1,500 PIs (brute force is out of reach): the compiled search and the
    # branching counter of qca.minimize._count must find the same minimum covers
    rng = np.random.default_rng(4000 + seed)
    chart = rng.random((1500, 26)) < 0.12
    chart = np.concatenate([chart, chart[rng.integers(0, 1500, size=200)]])  # repeated PIs
    monkeypatch.setattr(chart_module, "LARGE_CHART", 10**9)
    old = solve_chart(chart)
    monkeypatch.setattr(chart_module, "LARGE_CHART", 0)
    new = solve_chart(chart)
    assert old.complete and new.complete
    assert new.lower_bound == old.lower_bound
    assert new.n_models == old.n_models
    assert sorted(new.models) == sorted(old.models)


def test_a_hopeless_search_gives_up_at_its_pace():
    # 12 separate blocks of 5 columns, each covered by the 10 pairs of its columns: the
    # minimum is 3 pairs a block, 15 ways each, so 15**12 minimum covers to walk one by
    # one; the search gives up at its first pace check, long before its work bound
    rows = []
    for block in range(12):
        for a, b in itertools.combinations(range(5), 2):
            row = np.zeros(60, dtype=bool)
            row[[5 * block + a, 5 * block + b]] = True
            rows.append(row)
    chart = np.array(rows)
    got = optimal_covers(chart, np.ones(len(chart), dtype=np.int64), 36, 5, work_limit=10**9)
    assert got is not None and got.count is None
    assert got.work < 10**8
    assert all(chart[list(c)].any(axis=0).all() and len(c) == 36 for c in got.covers)


@pytest.mark.parametrize("seed", range(12))
def test_one_word_scan_is_the_general_scan(seed):
    # charts of at most 64 columns scan each level's candidates with a one-word loop; the
    # same chart given as two words (the second empty) takes the general loop: same
    # covers in the same order, same count, same work
    from qca.minimize._optimal_covers import _pack, root_weights

    kernel = importlib.import_module("qca.minimize._optimal_kernel")
    rng = np.random.default_rng(5000 + seed)
    n, m = int(rng.integers(40, 400)), int(rng.integers(8, 64))
    chart = _chart(rng, n, m, 0.05 + rng.random() * 0.2)
    k = len(solve_chart(chart).models[0])
    one = _pack(chart)
    two = np.ascontiguousarray(np.concatenate([one, np.zeros_like(one)], axis=1))
    y = root_weights(chart, k)
    weights = rng.integers(1, 4, size=n)
    keys = rng.permutation(n)
    for lagrange_from in (kernel.LAGRANGE_FROM, 1):
        got = []
        for cls in (one, two):
            out = np.zeros((101, k), dtype=np.int64)
            got.append((*kernel.count_covers(cls, m, y, weights, k, 10**9, 50, out, lagrange_from, keys), out))
        assert got[0][:4] == got[1][:4]
        np.testing.assert_array_equal(got[0][4], got[1][4])


@pytest.mark.parametrize("seed", range(15))
def test_maximal_classes_and_first_maximal_holder(seed):
    # maximal classes (first of identical ones) and, per class, the first maximal class
    # holding all its columns, against a direct search (charts of up to three words)
    from qca.minimize._optimal_covers import _maximal_classes

    kernel = importlib.import_module("qca.minimize._optimal_kernel")
    rng = np.random.default_rng(6000 + seed)
    n, m = int(rng.integers(1, 300)), int(rng.integers(1, 150))
    chart = _chart(rng, n, m, rng.random() * 0.3)
    chart = np.concatenate([chart, chart[rng.integers(0, n, size=n // 3)]])
    maximal, dom = _maximal_classes(chart, kernel)
    rows = [tuple(np.flatnonzero(r)) for r in chart]
    expected = [
        i for i in range(len(chart))
        if rows[i] not in rows[:i]
        and not any(set(rows[i]) < set(rows[j]) for j in range(len(chart)))
    ]
    assert maximal.tolist() == expected
    for i in range(len(chart)):
        holders = [a for a, j in enumerate(expected) if set(rows[i]) <= set(rows[j])]
        assert dom[i] == holders[0]


def test_lowest_bit_index_is_the_table_one():
    # the kernel's one-instruction lowest-bit index (a numba internal, replaced by the
    # table where a numba release lacks it) agrees with the table on every bit position
    # and on words with many bits set
    from qca.minimize._bit_kernel import low_bit

    kernel = importlib.import_module("qca.minimize._optimal_kernel")
    rng = np.random.default_rng(7)
    words = [np.uint64(1) << np.uint64(i) for i in range(64)]
    words += [np.uint64(w) | np.uint64(1) << np.uint64(63) for w in rng.integers(1, 2**62, 200)]
    assert [int(kernel._low_index(w)) for w in words] == [int(low_bit(w)) for w in words]
