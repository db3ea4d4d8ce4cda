"""The models listed when there are more than the cap, against brute force.

Every model listed must be a minimum cover, each listed once, the count unchanged, the
list the same on every run; when the cap holds them all the list is every minimum cover
in R's order. The listing may stop short (its effort bound): the covers found by
exchanging one class at a time then fill it; that path is forced here by keeping only
the first cover the exact listing found.
"""

from __future__ import annotations

import importlib
import itertools
import math
from pathlib import Path

import numpy as np
import pytest
from test_core_count import _brute, _chart

from qca.minimize._bounds import cover_duals
from qca.minimize._chart import solve_chart
from qca.minimize._count import MinCoverCounter
from qca.minimize._cover_listing import cover_alternatives, exchange_covers
from qca.minimize._modelset import spread_product
from qca.minimize._reduce import _Budget

chart_module = importlib.import_module("qca.minimize._chart")


def _masks(chart: np.ndarray) -> list[int]:
    return [sum(1 << int(c) for c in np.flatnonzero(row)) for row in chart]


def _exchange(chart: np.ndarray, start: tuple[int, ...], cap: int) -> list[tuple[int, ...]]:
    cols = (1 << chart.shape[1]) - 1
    return [tuple(r) for r in exchange_covers(_masks(chart), cols, [start], cap).tolist()]


@pytest.mark.parametrize("seed", range(6))
def test_exchange_covers_are_distinct_minimum_covers(seed):
    rng = np.random.default_rng(500 + seed)
    for _ in range(60):
        chart = _chart(rng, int(rng.integers(2, 12)), int(rng.integers(1, 9)), rng.random() * 0.6)
        expected = set(_brute(chart))
        start = min(expected)
        for cap in (1, 3, 1000):
            got = _exchange(chart, start, cap)
            assert got[0] == start and len(got) == len(set(got)) <= cap
            assert set(got) <= expected
            assert got == _exchange(chart, start, cap)  # deterministic
        # one class at a time from one cover reaches at least every cover one exchange away
        near = {c for c in expected if len(set(c) - set(start)) == 1}
        assert near <= set(_exchange(chart, start, 1000))


def test_spread_product_shows_every_alternative_first():
    for sizes in ([1], [2, 3], [3, 1, 4], [2, 2, 2, 2], [5]):
        total = math.prod(sizes)
        for keep in range(1, total + 2):
            got = list(spread_product(sizes, keep))
            assert len(got) == len(set(got)) == min(keep, total)
            assert all(0 <= i < n for combo in got for i, n in zip(combo, sizes, strict=True))
            star = 1 + sum(n - 1 for n in sizes)
            if keep >= star:  # every alternative of every part is in some combination
                for j, n in enumerate(sizes):
                    assert {c[j] for c in got} == set(range(n))
        assert sorted(spread_product(sizes, total)) == sorted(itertools.product(*map(range, sizes)))


def test_cover_alternatives_lists_distinct_class_covers_first():
    members = [np.array([5]), np.array([3, 4]), np.array([9, 10])]
    got = list(cover_alternatives([(0, 1), (0, 2)], members, 10))
    assert got[:2] == [(3, 5), (5, 9)]  # one per class-level cover first
    assert sorted(got) == sorted([(3, 5), (4, 5), (5, 9), (5, 10)])
    assert list(cover_alternatives([(0, 1), (0, 2)], members, 3)) == [(3, 5), (5, 9), (4, 5)]


def _one_cover_listing(monkeypatch):
    """The exact listing stops after one cover (as on planted_k14 conservative)."""
    original = chart_module._count_covers

    def first_only(*args, **kwargs):
        found, count, counted = original(*args, **kwargs)
        return found[:1], count, counted

    monkeypatch.setattr(chart_module, "_count_covers", first_only)


@pytest.mark.parametrize("short", [False, True])
@pytest.mark.parametrize("seed", range(8))
def test_capped_listing_against_brute_force(seed, short, monkeypatch):
    if short:
        _one_cover_listing(monkeypatch)
    rng = np.random.default_rng(900 + seed)
    for _ in range(40):
        chart = _chart(rng, int(rng.integers(2, 12)), int(rng.integers(1, 10)), rng.random() * 0.6)
        expected = _brute(chart)
        for cap in (1, 2, 5, 10_000):
            sol = solve_chart(chart, max_models=cap)
            listed = list(sol.models)
            assert sol.complete and sol.n_models == len(expected)  # the count is unchanged
            assert len(listed) == len(set(listed)) == min(cap, len(expected)) or short
            assert set(listed) <= set(expected)
            assert listed == sorted(listed, key=lambda m: (len(m), m))  # R's order
            assert listed == list(solve_chart(chart, max_models=cap).models)
            if cap >= len(expected) and not short:
                assert listed == sorted(expected, key=lambda m: (len(m), m))


def test_short_listing_is_filled_by_exchange(monkeypatch):
    # classes A={0,1} (two PIs), B={2,3}, C={1,2,3}, D={0,1,2}: minimum covers AB, AC,
    # DB, DC (A counts twice), each one exchange from the next
    chart = np.array(
        [[1, 1, 0, 0], [0, 0, 1, 1], [0, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0]], dtype=bool
    )
    expected = _brute(chart)
    _one_cover_listing(monkeypatch)
    sol = solve_chart(chart, max_models=100)
    assert sol.n_models == len(expected) == 6
    assert list(sol.models) == expected  # all of them, in R's order
    # a ring of 8 columns, each class covering two neighbours: its 2 minimum covers share
    # no class, so one exchange does not lead from one to the other
    ring = np.zeros((8, 8), dtype=bool)
    for i in range(8):
        ring[i, [i, (i + 1) % 8]] = True
    sol = solve_chart(ring, max_models=100)
    assert sol.n_models == 2 and len(sol.models) == 1 and set(sol.models) < set(_brute(ring))


def test_exchange_on_the_main_part_of_planted_k14():
    # 752 classes x 630 columns; the linear bound proves no cover has fewer than 300
    # classes, so every 300-class cover found is a minimum cover
    data = np.load(Path(__file__).parent / "data" / "planted_k14_main_part.npz")
    chart = np.unpackbits(data["packed"], axis=1, count=int(data["columns"])).astype(bool)
    assert math.ceil(float(cover_duals(chart).sum()) - 1e-7) == 300
    start = MinCoverCounter(chart, data["weights"].tolist(), _Budget(10**7)).find(300)
    assert start is not None and len(start) == 300
    got = exchange_covers(_masks(chart), (1 << chart.shape[1]) - 1, [tuple(sorted(start))], 800)
    assert got.shape == (800, 300)
    assert len({row.tobytes() for row in got}) == 800  # distinct
    assert (np.diff(got, axis=1) > 0).all()  # classes ascending, each once
    assert all(chart[row].any(axis=0).all() for row in got)  # each covers every column
    again = exchange_covers(_masks(chart), (1 << chart.shape[1]) - 1, [tuple(sorted(start))], 800)
    assert (got == again).all()  # deterministic


@pytest.mark.parametrize("seed", range(4))
def test_capped_listing_of_independent_parts(seed, monkeypatch):
    # two or three independent blocks (and repeated PIs): the models are the products
    # of the blocks' covers; capped listings are distinct minimum covers in R's order
    rng = np.random.default_rng(1300 + seed)
    for trial in range(15):
        blocks = [_chart(rng, int(rng.integers(2, 6)), int(rng.integers(1, 5)), 0.5)
                  for _ in range(int(rng.integers(2, 4)))]
        chart = np.zeros((sum(len(b) for b in blocks), sum(b.shape[1] for b in blocks)), bool)
        r = c = 0
        for b in blocks:
            chart[r : r + len(b), c : c + b.shape[1]] = b
            r, c = r + len(b), c + b.shape[1]
        expected = _brute(chart)
        if trial % 2:
            _one_cover_listing(monkeypatch)
        for cap in (1, 3, 7, 10_000):
            sol = solve_chart(chart, max_models=cap)
            listed = list(sol.models)
            assert sol.n_models == len(expected) and set(listed) <= set(expected)
            assert len(listed) == len(set(listed)) and len(listed) <= cap
            assert listed == sorted(listed, key=lambda m: (len(m), m))
            if not trial % 2:
                assert len(listed) == min(cap, len(expected))
                if cap >= len(expected):
                    assert listed == expected
        monkeypatch.undo()
