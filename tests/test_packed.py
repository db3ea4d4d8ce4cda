"""Bit-packed charts (qca.minimize._packed) against their boolean counterparts."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from qca.minimize._core import covers, solve_chart
from qca.minimize._packed import (
    PackedChart,
    column_covers,
    nonzero_cells,
    row_classes,
    select_columns,
    unpack_rows,
)
from qca.minimize._primes import covers_packed


@pytest.mark.parametrize("seed", range(20))
def test_covers_packed_is_covers_packed_by_eight(seed):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 7))
    levels = rng.integers(2, 4, size=k)
    n_terms, n_rows = int(rng.integers(0, 60)), int(rng.integers(0, 30))
    terms = np.where(rng.random((n_terms, k)) < 0.4, -1, rng.integers(0, levels, (n_terms, k)))
    rows = np.where(rng.random((n_rows, k)) < 0.1, -1, rng.integers(0, levels, (n_rows, k)))
    packed = covers_packed(terms, rows)
    assert packed.n_cols == n_rows
    assert packed.bits.shape == (n_terms, (n_rows + 7) // 8)
    np.testing.assert_array_equal(packed.dense(), covers(terms, rows))


@pytest.mark.parametrize("unpacked", [0, 10**9])
@pytest.mark.parametrize("chunk", [None, 64])
@pytest.mark.parametrize("seed", range(40))
def test_column_helpers_match_the_dense_chart(seed, chunk, unpacked, monkeypatch):
    packed_module = importlib.import_module("qca.minimize._packed")
    if chunk is not None:  # blocks of a few rows (the counts then combine across blocks)
        monkeypatch.setattr(packed_module, "_CHUNK", chunk)
    # the halving tree (0), or every chart unpacked
    monkeypatch.setattr(packed_module, "SMALL_UNPACKED", unpacked)
    rng = np.random.default_rng(100 + seed)
    n_rows = int(rng.integers(0, 40)) if seed % 2 else int(rng.integers(100, 700))
    chart = rng.random((n_rows, int(rng.integers(0, 30)))) < rng.uniform(0.001, 0.3)
    bits = PackedChart.from_dense(chart).bits
    counts, first = column_covers(bits, chart.shape[1])
    np.testing.assert_array_equal(counts, np.minimum(chart.sum(axis=0), 2))
    for c in range(chart.shape[1]):
        rows = np.flatnonzero(chart[:, c])
        assert first[c] == (rows[0] if len(rows) == 1 else -1)
    keep = rng.random(chart.shape[1]) < 0.5
    kept = select_columns(bits, chart.shape[1], keep)
    np.testing.assert_array_equal(kept, np.packbits(chart[:, keep], axis=1, bitorder="little"))
    np.testing.assert_array_equal(unpack_rows(kept, int(keep.sum())), chart[:, keep])


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("kind", ["minimum", "row_dom", "all_sol"])
def test_solve_chart_packed_gives_the_dense_answer(seed, kind):
    rng = np.random.default_rng(200 + seed)
    n_pi, n_cols = int(rng.integers(1, 25)), int(rng.integers(0, 20))
    chart = rng.random((n_pi, n_cols)) < rng.uniform(0.1, 0.5)
    chart[rng.integers(0, n_pi)] |= rng.random(n_cols) < 0.2  # some rows repeat columns
    if seed % 3 == 0 and n_pi > 2:
        chart[1] = chart[0]  # identical PIs (one class)
    options = {"row_dom": kind == "row_dom", "all_sol": kind == "all_sol"}
    dense = solve_chart(chart, **options)
    used = chart[list(dense.used)]
    only = used.sum(axis=0) == 1  # columns with a single cover among the PIs kept
    assert dense.essential == tuple(sorted({dense.used[i] for i in used[:, only].argmax(axis=0)}))
    for packed_chart in (PackedChart.from_dense(chart), PackedChart.from_dense(chart.T.copy().T)):
        packed = solve_chart(packed_chart, **options)
        assert list(packed.models) == list(dense.models)
        assert (packed.essential, packed.used, packed.core) == (dense.essential, dense.used, dense.core)
        assert (packed.complete, packed.lower_bound, packed.n_models) == (
            dense.complete, dense.lower_bound, dense.n_models)
        assert packed.notes == dense.notes


@pytest.mark.parametrize("seed", range(30))
def test_row_classes_sort_rows_as_bytes(seed):
    # rows of at most 8 bytes go through one big-endian integer each: same classes,
    # in the same (byte) order, as np.unique over the rows as bytes
    rng = np.random.default_rng(300 + seed)
    width = int(rng.integers(1, 14))
    kinds = rng.integers(0, 256, (int(rng.integers(1, 12)), width), dtype=np.uint8)
    bits = kinds[rng.integers(0, len(kinds), int(rng.integers(1, 200)))]
    keys = np.ascontiguousarray(bits).view(np.dtype((np.void, width))).ravel()
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    packed, classes = row_classes(bits)
    np.testing.assert_array_equal(packed, bits[first])
    np.testing.assert_array_equal(classes, inverse.ravel())


@pytest.mark.parametrize("seed", range(30))
def test_wide_row_classes_sort_rows_as_bytes(seed, monkeypatch):
    # rows of more than 8 bytes are sorted as big-endian words, last word first: the
    # same classes, in the same (byte) order, as np.unique over the rows as bytes, also
    # when rows share long prefixes and when the comparisons go a few rows at a time
    from qca.minimize import _packed

    rng = np.random.default_rng(900 + seed)
    width = int(rng.integers(9, 60))
    kinds = rng.integers(0, 256, (int(rng.integers(1, 30)), width), dtype=np.uint8)
    kinds[:, : int(rng.integers(0, width))] = 0  # a shared prefix of zeros
    kinds[rng.random(kinds.shape) < 0.7] = 0  # sparse rows, as in charts
    bits = kinds[rng.integers(0, len(kinds), int(rng.integers(1, 300)))]
    keys = np.ascontiguousarray(bits).view(np.dtype((np.void, width))).ravel()
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    if seed % 2:
        monkeypatch.setattr(_packed, "_CHUNK", 8 * 8 * int(rng.integers(1, 5)))
    packed, classes = row_classes(bits)
    np.testing.assert_array_equal(packed, bits[first])
    np.testing.assert_array_equal(classes, inverse.ravel())


@pytest.mark.parametrize("seed", range(30))
def test_distinct_words_is_unique_with_first_and_inverse(seed):
    # hashing then sorting the distinct keys: np.unique's first indices and numbers
    from qca.minimize._packed import _distinct_words

    rng = np.random.default_rng(900 + seed)
    kinds = rng.integers(0, 2**64, int(rng.integers(1, 20)), dtype=np.uint64)
    kinds[0] = 2**64 - 1  # (keys above the int64 range sort as unsigned)
    keys = kinds[rng.integers(0, len(kinds), int(rng.integers(0, 300)))]
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    got_first, got_inverse = _distinct_words(keys)
    np.testing.assert_array_equal(got_first, first)
    np.testing.assert_array_equal(got_inverse, inverse.ravel())


@pytest.mark.parametrize("n_classes", [1, 7, 65_536, 65_537, 2**32 + 5])
def test_class_order_is_the_stable_argsort(n_classes):
    from qca.minimize._packed import class_order

    rng = np.random.default_rng(n_classes % 1000)
    classes = rng.integers(0, n_classes, 5_000).astype(np.intp)
    classes[:50] = n_classes - 1  # (the largest number fits the narrow type)
    np.testing.assert_array_equal(
        class_order(classes, n_classes), np.argsort(classes, kind="stable")
    )


@pytest.mark.parametrize("seed", range(30))
def test_sparse_and_dense_passes_agree(seed, monkeypatch):
    from qca.minimize import _packed
    from qca.minimize._reduce import _maximal

    rng = np.random.default_rng(seed)
    n, n_cols = int(rng.integers(2, 50)), int(rng.integers(1, 70))
    chart = rng.random((n, n_cols)) < rng.uniform(0.0, 0.3)
    bits = PackedChart.from_dense(chart).bits
    keep = rng.random(n_cols) < 0.6
    got = {}
    for name, every in (("sparse", 0), ("dense", 10**9)):
        monkeypatch.setattr(_packed, "SPARSE_BYTES", every)
        got[name] = (select_columns(bits, n_cols, keep), _maximal(row_classes(bits)[0]))
    np.testing.assert_array_equal(got["sparse"][0], got["dense"][0])
    np.testing.assert_array_equal(got["sparse"][0], PackedChart.from_dense(chart[:, keep]).bits)
    np.testing.assert_array_equal(got["sparse"][1], got["dense"][1])
    rows, cols = nonzero_cells(bits)
    want_rows, want_cols = np.nonzero(chart)
    np.testing.assert_array_equal(rows, want_rows)
    np.testing.assert_array_equal(cols, want_cols)


@pytest.mark.parametrize("width", [0, 1, 5, 8, 9, 20])
def test_row_ints_read_each_row_as_a_little_endian_int(width):
    from qca.minimize._packed import row_ints

    rng = np.random.default_rng(width)
    bits = rng.integers(0, 256, (37, width), dtype=np.uint8)
    bits[0] = 255  # (the top bit of a full word)
    assert row_ints(bits) == [int.from_bytes(row.tobytes(), "little") for row in bits]
    assert row_ints(bits[::2]) == [int.from_bytes(row.tobytes(), "little") for row in bits[::2]]
