"""The vectorized chart bookkeeping against the plain per-bit loops it replaced.

``_Component`` (column renumbering, class masks, candidates, neighbours), ``mask_matrix``
and ``restricted_masks`` must give exactly what a bit-by-bit loop gives, on random charts
(dense and sparse, few and many columns), so that every search sees the same chart.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qca.minimize import _component_masks as masks_module
from qca.minimize import _reduce as reduce_module
from qca.minimize._chart import _Component
from qca.minimize._component_masks import SPARSE_COMPONENT, shared_cells
from qca.minimize._reduce import (
    _bits,
    _Budget,
    cell_masks,
    mask_cells,
    mask_matrix,
    restricted_masks,
)


def _reference(cols: int, masks: list[int], reduced: list[bool]) -> dict:
    """The per-bit loops (as the component was first written)."""
    count = {c: 0 for c in _bits(cols)}
    for mask in masks:
        for c in _bits(mask & cols):
            count[c] += 1
    ranked = sorted(count, key=lambda c: (count[c], c))
    position = {c: i for i, c in enumerate(ranked)}
    local = []
    for mask in masks:
        m = 0
        for c in _bits(mask & cols):
            m |= 1 << position[c]
        local.append(m)
    cands = [0] * len(ranked)
    cands_reduced = [0] * len(ranked)
    for i, mask in enumerate(local):
        for c in _bits(mask):
            cands[c] |= 1 << i
            if reduced[i]:
                cands_reduced[c] |= 1 << i
    neighbours = []
    for c in range(len(ranked)):
        acc = 0
        for i in _bits(cands[c]):
            acc |= local[i]
        neighbours.append(acc)
    return {
        "cols": (1 << len(ranked)) - 1,
        "masks": local,
        "cands": cands,
        "cands_reduced": cands_reduced,
        "neighbours": neighbours,
        "reduced_all": sum(1 << i for i in range(len(masks)) if reduced[i]),
    }


def _random_masks(rng: np.random.Generator, n: int, width: int, density: float) -> list[int]:
    rows = rng.random((n, width)) < density
    return [int("".join("1" if v else "0" for v in row[::-1]) or "0", 2) for row in rows]


def _check(cols: int, masks: list[int], reduced: list[bool]) -> None:
    ref = _reference(cols, masks, reduced)
    small = masks_module.SMALL_CELLS
    # built with ints alone (small charts), from a dense chart, then from the cells
    for sparse_from, small_cells in ((1 << 60, 1 << 60), (1 << 60, -1), (0, -1)):
        masks_module.SPARSE_COMPONENT, masks_module.SMALL_CELLS = sparse_from, small_cells
        try:
            comp = _Component(cols, masks, reduced, _Budget(10))
        finally:
            masks_module.SPARSE_COMPONENT, masks_module.SMALL_CELLS = SPARSE_COMPONENT, small
        for name, value in ref.items():
            assert getattr(comp, name) == value, name
        dense = comp.dense()
        want = np.array(
            [[bool(m >> c & 1) for c in range(ref["cols"].bit_length())] for m in ref["masks"]],
            dtype=bool,
        ).reshape(dense.shape)
        assert np.array_equal(dense, want)
        sparse = comp.chart()
        if sparse_from or not dense.size:
            assert sparse is None
        else:  # the CSR a dense chart gives, sorted indices and all
            from scipy.sparse import csr_matrix

            same = csr_matrix(dense)
            assert sparse.has_sorted_indices and sparse.dtype == bool
            for part in ("indptr", "indices"):
                assert np.array_equal(getattr(sparse, part), getattr(same, part)), part
                assert getattr(sparse, part).dtype == getattr(same, part).dtype, part


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 60),
    width=st.integers(1, 90),
    density=st.floats(0.0, 0.6),
    seed=st.integers(0, 2**31),
)
def test_component_equals_the_bit_loops(n, width, density, seed):
    rng = np.random.default_rng(seed)
    masks = _random_masks(rng, n, width, density)
    cols = _random_masks(rng, 1, width, 0.8)[0]  # some columns outside the component
    reduced = (rng.random(n) < 0.7).tolist()
    _check(cols, masks, reduced)


@pytest.mark.parametrize("seed", [0, 1])
def test_component_with_many_columns(seed):
    rng = np.random.default_rng(seed)
    width = 2300  # columns in many bytes, each in a few classes
    masks = [sum(1 << int(c) for c in rng.choice(width, size=3, replace=False)) for _ in range(400)]
    cols = (1 << width) - 1
    _check(cols, masks, (rng.random(400) < 0.5).tolist())


@settings(max_examples=40, deadline=None)
@given(n=st.integers(0, 40), width=st.integers(1, 200), seed=st.integers(0, 2**31))
def test_mask_matrix_and_restricted_masks(n, width, seed):
    rng = np.random.default_rng(seed)
    masks = _random_masks(rng, n, width + 5, 0.3)  # bits beyond the columns asked are ignored
    col_ids = sorted(rng.choice(width, size=int(rng.integers(1, width + 1)), replace=False).tolist())
    rng.shuffle(col_ids)
    got = mask_matrix(masks, col_ids)
    want = np.array([[bool(m >> c & 1) for c in col_ids] for m in masks], dtype=bool)
    assert np.array_equal(got, want.reshape(len(masks), len(col_ids)))
    restricted = restricted_masks(masks, col_ids)
    assert restricted == [sum(1 << j for j, c in enumerate(col_ids) if m >> c & 1) for m in masks]
    rows, cols = mask_cells(masks, col_ids)  # the cells, class by class
    want = want.reshape(len(masks), len(col_ids))
    assert np.array_equal(np.bincount(rows, minlength=len(masks)), want.sum(axis=1))
    assert np.all(np.diff(rows) >= 0)
    again = np.zeros_like(want)
    again[rows, cols] = True
    assert np.array_equal(again, got)
    assert cell_masks(rows, cols, len(masks), len(col_ids)) == restricted
    assert cell_masks(cols, rows, len(col_ids), len(masks)) == [
        sum(1 << i for i, m in enumerate(masks) if m >> c & 1) for c in col_ids
    ]
    s_rows, s_cols = mask_cells(masks, sorted(col_ids))  # ascending columns: np.nonzero's
    n_rows, n_cols = np.nonzero(mask_matrix(masks, sorted(col_ids)))
    assert np.array_equal(s_rows, n_rows) and np.array_equal(s_cols, n_cols)


@pytest.mark.parametrize("seed", [0, 1, 2])
def testshared_cells_dense_and_sparse_agree(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    n, m = 300, 700  # past SPARSE_NEIGHBOURS: the sparse product
    matrix = rng.random((n, m)) < 0.004
    rows, cols = np.nonzero(matrix)
    sparse = shared_cells(rows, cols, n, m)
    monkeypatch.setattr(masks_module, "SPARSE_PAIRS", -1)  # the per-column ORs
    assert shared_cells(rows, cols, n, m) == sparse
    packed = [sum(1 << int(c) for c in np.flatnonzero(row)) for row in matrix]
    want = [0] * m
    for c in range(m):
        for i in np.flatnonzero(matrix[:, c]).tolist():
            want[c] |= packed[i]
    assert sparse == want


def test_unique_cover_effort_counts_every_call():
    """The unique-cover shortcut spends its effort on every search call, leaves included:
    three columns of 300 classes each, no cover by two, stop after ``effort`` calls (the
    leaves alone were 90,000 calls)."""
    import sys

    from qca.minimize._unique_cover import unique_cover

    n = 300
    masks = [0b001] * n + [0b010] * n + [0b100] * n
    cands = [((1 << n) - 1) << (n * c) for c in range(3)]
    calls = [0]

    def count(frame, event, arg):  # type: ignore[no-untyped-def]
        if event == "call" and frame.f_code.co_name == "search":
            calls[0] += 1

    sys.setprofile(count)
    try:
        got = unique_cover(masks, cands, 0b111, 2, effort=100)
    finally:
        sys.setprofile(None)
    assert got is None  # no cover by two classes
    assert calls[0] <= 101


def test_unique_cover_of_thousands_of_classes_leaves_it_to_the_counter():
    """A unique cover of 3,000 classes (one per column) is past the shortcut's depth: it
    gives up (no RecursionError) and solve_chart still lists the one model."""
    from qca.minimize._core import solve_chart
    from qca.minimize._unique_cover import unique_cover

    n = 3000
    masks = [1 << c for c in range(n)]
    assert unique_cover(masks, masks, (1 << n) - 1, n) is None
    sol = solve_chart(np.eye(n, dtype=bool))
    assert [len(m) for m in sol.models] == [n] and sol.complete


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.integers(1, 140), st.integers(0, 60), st.sampled_from([0.01, 0.05, 0.3]),
       st.integers(0, 2**32 - 1))
def test_components_by_distinct_links_match_the_loop(n_cols, n, density, seed):
    # the NumPy links (many classes) give the components the per-class loop gives
    rng = np.random.default_rng(seed)
    flags = rng.random((n, n_cols)) < density
    masks = [int("".join("1" if f else "0" for f in row[::-1]) or "0", 2) for row in flags]
    loop = reduce_module._components(masks, n_cols)
    original = reduce_module.COMPONENTS_VECTOR_FROM
    try:
        reduce_module.COMPONENTS_VECTOR_FROM = 0
        vector = reduce_module._components(masks, n_cols)
    finally:
        reduce_module.COMPONENTS_VECTOR_FROM = original
    assert vector == loop
    assert sum(loop) == (1 << n_cols) - 1 and sum(bin(m).count("1") for m in loop) == n_cols


def _maximal_by_all_classes(packed):
    """Row dominance as first written: AND of the bit sets of all classes per column."""
    n = len(packed)
    keep = np.ones(n, dtype=bool)
    if n <= 1 or packed.shape[1] == 0:
        return keep
    cols = np.unpackbits(packed, axis=1, bitorder="little").view(bool)
    col_sets = [int("".join("1" if v else "0" for v in col[::-1]) or "0", 2) for col in cols.T]
    for i in range(n):
        acc = -1
        for c in np.flatnonzero(cols[i]).tolist():
            acc &= col_sets[c]
        keep[i] = acc == 1 << i
    return keep


@pytest.mark.parametrize("path", ["dense", "sparse", "ints"])
@pytest.mark.parametrize("seed", range(60))
def test_maximal_by_larger_classes_matches_all_classes(seed, path, monkeypatch):
    # only the classes with more columns can hold a class: the same classes are kept,
    # identical twins and empty classes dropped alike (dense and sparse cell paths, and
    # the classes compared as Python ints, whatever the number of classes)
    monkeypatch.setattr(reduce_module, "sparse_bits", lambda packed: path == "sparse")
    monkeypatch.setattr(reduce_module, "MAXIMAL_BY_INTS", 10**9 if path == "ints" else 0)
    rng = np.random.default_rng(seed)
    n, n_cols = int(rng.integers(1, 300)), int(rng.integers(1, 80))
    flags = rng.random((n, n_cols)) < rng.choice([0.02, 0.1, 0.4, 0.8])
    if n > 4:
        flags[rng.integers(0, n, size=n // 5)] = flags[rng.integers(0, n, size=n // 5)]
    packed = np.packbits(flags, axis=1, bitorder="little")
    np.testing.assert_array_equal(reduce_module._maximal(packed), _maximal_by_all_classes(packed))


@pytest.mark.parametrize("seed", range(20))
def test_component_sparse_rows_are_each_class_bits(seed):
    # the dominance-reduced classes in compressed rows: each class's columns ascending
    import itertools

    rng = np.random.default_rng(7000 + seed)
    n, m = int(rng.integers(1, 60)), int(rng.integers(1, 300))
    chart = rng.random((n, m)) < rng.random() * 0.3
    chart[rng.integers(0, n, size=m), np.arange(m)] = True
    masks = [int("".join("1" if b else "0" for b in row[::-1]), 2) for row in chart]
    reduced = (rng.random(n) < 0.7).tolist()
    comp = _Component((1 << m) - 1, masks, reduced, _Budget(10**6))
    classes, indptr, indices = comp.sparse()
    assert classes == _bits(comp.reduced_all)
    columns = [_bits(comp.masks[i]) for i in classes]
    assert indptr.tolist() == [0, *itertools.accumulate(len(c) for c in columns)]
    assert indices.tolist() == list(itertools.chain.from_iterable(columns))
