"""Small inputs handled in plain Python give exactly what the NumPy paths give."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

reduce_module = importlib.import_module("qca.minimize._reduce")
primes_module = importlib.import_module("qca.minimize._primes")
transversal_module = importlib.import_module("qca.minimize._transversal")


def _random_chart(seed: int) -> tuple[int, list[int], list[bool]]:
    """Classes as bit sets over some of 1..40 columns (empty, repeated and stray bits too)."""
    rng = np.random.default_rng(seed)
    n_cols, n_classes = int(rng.integers(1, 40)), int(rng.integers(1, 60))
    cols = int(sum(1 << int(c) for c in np.flatnonzero(rng.random(n_cols) < 0.8))) or 1
    density = rng.choice([0.05, 0.2, 0.5, 0.9])
    masks = [int(sum(1 << c for c in range(n_cols + 2) if rng.random() < density))
             for _ in range(n_classes)]
    if n_classes > 3:
        masks[-1] = masks[0]
        masks[1] = 0
    reduced = [bool(f) for f in rng.random(n_classes) < 0.7]
    return cols, masks, reduced


@pytest.mark.parametrize("seed", range(300))
def test_undominated_columns_as_ints_equal_numpy(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    cols, masks, _ = _random_chart(seed)
    monkeypatch.setattr(reduce_module, "SMALL_COLUMNS", 10**9)
    monkeypatch.setattr(reduce_module, "SMALL_DOMINANCE_CELLS", 10**9)
    ints = reduce_module._undominated_columns(masks, cols)
    monkeypatch.setattr(reduce_module, "SMALL_COLUMNS", -1)
    assert ints == reduce_module._undominated_columns(masks, cols)
    assert ints & ~cols == 0


@pytest.mark.parametrize("seed", range(60))
def test_distinct_rows_are_numpys_unique_rows(seed, monkeypatch):
    rng = np.random.default_rng(300 + seed)
    dtype = [np.int8, np.int16, np.int64][seed % 3]
    n, k = int(rng.integers(0, 300)), int(rng.integers(1, 8))
    values = rng.integers(-1, int(rng.integers(1, 4)), size=(n, k)).astype(dtype)
    want = np.unique(values, axis=0)
    monkeypatch.setattr(primes_module, "SMALL_ROWS", 10**9)  # in Python, whatever the size
    got = primes_module.distinct_rows(values)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("seed", range(200))
def test_row_edges_in_python_equal_numpy(seed):
    rng = np.random.default_rng(500 + seed)
    k = int(rng.integers(1, 12))
    n_on, n_off = int(rng.integers(1, 12)), int(rng.integers(0, 30))
    top = int(rng.integers(1, 4))
    on = np.where(rng.random((n_on, k)) < 0.1, -1, rng.integers(0, top + 1, (n_on, k)))
    off = np.where(rng.random((n_off, k)) < 0.1, -1, rng.integers(0, top + 1, (n_off, k)))
    on, off = on.astype(np.int64), off.astype(np.int64)
    for p in range(n_on):
        on_rows = transversal_module.value_masks(on.tolist())
        off_rows = transversal_module.value_masks(off.tolist())
        assert transversal_module._row_edges_small(on_rows, off_rows, p, k) == (
            transversal_module._row_edges(on, off, p)
        )
