"""The row-based PI methods, chosen for few rows in a small space, give the table's PIs."""

from __future__ import annotations

import numpy as np
import pytest

from qca.minimize._primes import _few_rows, _primes_table, order_terms, prime_implicants


def _case(seed: int, remainders: bool):
    """A space of 9-11 conditions (some with 3 levels) with 1-4 positive rows."""
    rng = np.random.default_rng(seed)
    k = int(rng.integers(9, 12))
    levels = tuple(int(v) for v in rng.choice([2, 2, 2, 3], size=k))
    cells = np.unique(np.column_stack([rng.integers(0, n, 40) for n in levels]), axis=0)
    rng.shuffle(cells)
    n_on = int(rng.integers(1, 5))
    on, rest = cells[:n_on].copy(), cells[n_on:]
    cut = int(rng.integers(0, len(rest) + 1))
    off, dc = rest[:cut], rest[cut:]
    if remainders and seed % 4 == 0:
        on[0, 0] = -1  # a temporal "-" in a positive row
    if remainders:
        dc = np.zeros((0, k), dtype=np.int64)
    return on, off, dc, levels


@pytest.mark.parametrize("seed", range(60))
@pytest.mark.parametrize("remainders", [True, False])
def test_few_rows_give_the_table_primes(seed, remainders):
    on, off, dc, levels = _case(seed, remainders)
    got = prime_implicants(on, off, levels, dc=dc, remainders=remainders)
    table = _primes_table(on, off, dc, levels, remainders)
    np.testing.assert_array_equal(got.astype(np.int64), table[order_terms(table)])


def test_the_cases_above_take_the_row_methods():
    for remainders, least in ((True, 40), (False, 20)):
        chosen = 0
        for seed in range(60):
            on, _, dc, levels = _case(seed, remainders)
            space = float(np.prod([n + 1.0 for n in levels]))
            chosen += _few_rows(on, dc, remainders, space)
        assert chosen >= least


def test_few_rows_choice_on_small_and_large_row_counts():
    ten = np.zeros((4, 10), dtype=np.int64)
    assert _few_rows(ten, np.zeros((0, 10)), True, 3.0**10)  # random_10x10: 4 rows
    eight = np.zeros((32, 8), dtype=np.int64)
    assert not _few_rows(eight, np.zeros((0, 8)), True, 3.0**8)  # planted_k8: 32 rows
    assert not _few_rows(ten - 1, np.zeros((0, 10)), False, 3.0**10)  # "-" rows: table


@pytest.mark.parametrize("seed", range(40))
def test_merging_on_indices_equals_merging_on_tuples(seed):
    from qca.minimize._primes import _merge_codes, _merge_tuples

    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 8))
    levels = tuple(int(v) for v in rng.integers(1, 4, size=k))
    cells = np.unique(np.column_stack([rng.integers(0, n, 60) for n in levels]), axis=0)
    got, want = _merge_codes(cells, levels), _merge_tuples(cells, levels)
    assert sorted(map(tuple, got.tolist())) == sorted(map(tuple, want.tolist()))
    assert len(got) == len(set(map(tuple, got.tolist())))  # each prime once
