"""The sparse cyclic-core reduction (large charts) makes the dense one's choices."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from qca.minimize._reduce import _Budget, _reduce, _reduce_sparse


@pytest.mark.parametrize("seed", range(60))
def test_sparse_reduction_equals_the_dense_one(seed):
    rng = np.random.default_rng(seed)
    n_rows, n_cols = int(rng.integers(2, 40)), int(rng.integers(2, 30))
    chart = rng.random((n_rows, n_cols)) < rng.uniform(0.05, 0.4)
    dense = _reduce(chart, _Budget(10_000))
    rows, cols = np.arange(n_rows), np.flatnonzero(chart.any(axis=0))
    sparse = _reduce_sparse(chart, rows, cols, _Budget(10_000))
    assert sparse[3]  # done (small products)
    assert dense[0] == sparse[0]  # forced rows, in the same order
    np.testing.assert_array_equal(dense[1], sparse[1])
    np.testing.assert_array_equal(dense[2], sparse[2])


def test_large_charts_take_the_sparse_reduction():
    # 4,500 classes (past the dense limit): pairs of columns, each pair's columns also
    # covered one by one; every single-column class is dominated, then every pair forced
    n = 3000
    chart = np.zeros((4500, n), dtype=bool)
    for i in range(1500):
        chart[i, [2 * i, 2 * i + 1]] = True
        chart[1500 + 2 * i, 2 * i] = True
        chart[1501 + 2 * i, 2 * i + 1] = True
    forced, rows, cols = _reduce(chart, _Budget(10_000))
    assert forced == list(range(1500)) and len(rows) == 0 and len(cols) == 0
    again = _reduce(csr_matrix(chart, dtype=np.int32), _Budget(10_000))  # from the cells
    assert again[0] == forced and len(again[1]) == 0 and len(again[2]) == 0


@pytest.mark.parametrize("seed", range(30))
def test_a_sparse_chart_reduces_as_its_dense_copy(seed):
    rng = np.random.default_rng(100 + seed)
    n_rows, n_cols = int(rng.integers(2, 5000)), int(rng.integers(2, 60))
    chart = rng.random((n_rows, n_cols)) < rng.uniform(0.02, 0.3)
    if seed % 3 == 0:  # past the dense limits: the sparse loop, then dense sub-charts
        chart = np.vstack([chart, rng.random((4100, n_cols)) < 0.02])
    dense = _reduce(chart, _Budget(10_000))
    sparse = _reduce(csr_matrix(chart, dtype=np.int32), _Budget(10_000))
    assert dense[0] == sparse[0]
    np.testing.assert_array_equal(dense[1], sparse[1])
    np.testing.assert_array_equal(dense[2], sparse[2])
