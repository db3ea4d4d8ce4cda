"""The parsimonious PI enumeration by minimal transversals, on both of its paths.

The pure-Python MMCS and the compiled (numba) kernel must give the brute force's PIs and
the very same (row, mask) pairs in the same order; the suite inputs must give the PIs
(order included) that the implementation before the compiled kernel gave, pinned by hash
in tests/data/primes_suite.json.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given

from qca.minimize import _primes, _transversal
from qca.minimize._core import prime_implicants
from qca.minimize._reference import reference_prime_implicants
from qca.minimize._transversal import row_transversals
from tests.test_core import SETTINGS, tables

ROOT = Path(__file__).resolve().parent.parent
HAVE_NUMBA = importlib.util.find_spec("numba") is not None
SUITE = json.loads((ROOT / "tests" / "data" / "primes_suite.json").read_text())["inputs"]


def _needs_numba():
    pytest.importorskip("numba")


def _transversal_primes(on, off, levels, compiled):
    """PIs by the transversal method on one path, in R's order."""
    pis = _primes._primes_transversal(np.asarray(on), np.asarray(off), levels, compiled=compiled)
    return pis[_primes.order_terms(pis)].astype(np.int64)


def _check_paths(table):
    levels, on, off, _ = table
    if len(on) == 0 or len(off) == 0:
        return
    ref = reference_prime_implicants(on, off, levels, remainders=True)
    python = _transversal_primes(on, off, levels, compiled=False)
    np.testing.assert_array_equal(python, ref)
    rows = np.unique(on, axis=0)
    py_rows, py_masks = row_transversals(rows, off, compiled=False)
    # each PI once: no two pairs give the same term
    assert len(py_rows) == len(ref)
    if HAVE_NUMBA:
        np.testing.assert_array_equal(_transversal_primes(on, off, levels, compiled=True), ref)
        c_rows, c_masks = row_transversals(rows, off, compiled=True)
        np.testing.assert_array_equal(c_rows, py_rows)
        np.testing.assert_array_equal(c_masks, py_masks)


@SETTINGS
@given(tables(max_k=8, temporal=True))
def test_both_paths_give_the_brute_force_primes(table):
    _check_paths(table)


@SETTINGS
@given(tables(multivalue=True, temporal=True))
def test_both_paths_give_the_brute_force_primes_multivalue(table):
    _check_paths(table)


def test_python_fallback_is_used_without_numba(monkeypatch):
    # without numba (or switched off) the default path never imports the kernel
    monkeypatch.setenv(_transversal.NO_COMPILE_ENV, "1")
    assert not _transversal.compiled_available()
    monkeypatch.setattr(_transversal, "PYTHON_BUDGET", 0.0)
    sys.modules.pop("qca.minimize._mmcs_kernel", None)
    on = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1]])
    off = np.array([[0, 0, 0], [1, 1, 1]])
    rows, masks = row_transversals(on, off)
    assert "qca.minimize._mmcs_kernel" not in sys.modules
    assert masks.dtype == np.uint64 and rows.tolist() == sorted(rows.tolist())


def test_unusable_numba_falls_back_to_python(monkeypatch):
    # numba present but failing at import (no writable cache dir, numpy too new for it):
    # the default path finishes in Python with the same answer; compiled=True says so
    monkeypatch.setattr(_transversal, "compiled_available", lambda: True)
    monkeypatch.setattr(_transversal, "PYTHON_BUDGET", 0.0)
    real_import = _transversal.importlib.import_module

    def failing_import(name, *args):
        if name.endswith("_mmcs_kernel"):
            raise RuntimeError("cannot cache function: no locator available")
        return real_import(name, *args)

    monkeypatch.setattr(_transversal.importlib, "import_module", failing_import)
    rng = np.random.default_rng(7)
    space = np.unique(rng.integers(0, 2, size=(60, 11)), axis=0)
    on, off = space[::2], space[1::2]
    got = row_transversals(on, off)
    monkeypatch.setattr(_transversal.importlib, "import_module", real_import)
    expected = row_transversals(on, off, compiled=False)
    np.testing.assert_array_equal(got[0], expected[0])
    np.testing.assert_array_equal(got[1], expected[1])
    monkeypatch.setattr(_transversal.importlib, "import_module", failing_import)
    with pytest.raises(RuntimeError):
        row_transversals(on, off, compiled=True)


def test_compiled_kernel_starts_at_any_row():
    # the default path hands the rows left after its Python budget to the kernel
    _needs_numba()
    from qca.minimize._mmcs_kernel import row_transversals_compiled

    rng = np.random.default_rng(3)
    space = rng.integers(0, 2, size=(60, 12))
    space = np.unique(space, axis=0)
    on, off = space[::2], space[1::2]
    rows, masks = row_transversals(on, off, compiled=False)
    for start in (0, 1, 5, len(on) - 1, len(on)):
        got_rows, got_masks = row_transversals_compiled(on, off, start)
        keep = rows >= start
        np.testing.assert_array_equal(got_rows, rows[keep])
        np.testing.assert_array_equal(got_masks, masks[keep])


def test_default_path_hands_over_to_the_kernel(monkeypatch):
    _needs_numba()
    monkeypatch.delenv(_transversal.NO_COMPILE_ENV, raising=False)
    monkeypatch.setattr(_transversal, "PYTHON_BUDGET", 0.0)
    rng = np.random.default_rng(4)
    space = np.unique(rng.integers(0, 3, size=(80, 10)), axis=0)
    on, off = space[::3], space[1::3]
    expected = row_transversals(on, off, compiled=False)
    got = row_transversals(on, off)
    np.testing.assert_array_equal(got[0], expected[0])
    np.testing.assert_array_equal(got[1], expected[1])


def test_hand_over_in_the_middle_of_a_row(monkeypatch):
    # a fake clock that ticks once per reading: the Python search stops after about
    # `budget` nodes, wherever that is (often inside a row, which the kernel then redoes),
    # or after the row where the rows left are projected to take more than start_cost
    _needs_numba()
    monkeypatch.delenv(_transversal.NO_COMPILE_ENV, raising=False)
    rng = np.random.default_rng(6)
    space = np.unique(rng.integers(0, 2, size=(90, 14)), axis=0)
    on, off = space[::2], space[1::2]
    expected = row_transversals(on, off, compiled=False)
    ticks = iter(range(10**9))
    monkeypatch.setattr(_transversal, "_clock", lambda: float(next(ticks)))
    for budget, start_cost in [(b, 1e18) for b in (1, 7, 40, 300, 2_000, 10**8)] + [
        (10**8, c) for c in (0.0, 500.0, 20_000.0)
    ]:
        monkeypatch.setattr(_transversal, "PYTHON_BUDGET", float(budget))
        monkeypatch.setattr(_transversal, "KERNEL_START_COST", start_cost)
        got = row_transversals(on, off)
        np.testing.assert_array_equal(got[0], expected[0])
        np.testing.assert_array_equal(got[1], expected[1])


def test_more_than_64_conditions_stay_in_python():
    with pytest.raises(ValueError, match="at most 64"):
        row_transversals(np.zeros((1, 65), dtype=int), np.ones((1, 65), dtype=int), compiled=True)
    on = np.zeros((2, 70), dtype=int)
    on[1, 0] = 1
    off = np.ones((1, 70), dtype=int)
    rows, masks = row_transversals(on, off)
    assert masks.dtype == object and len(rows) == 70  # each condition alone separates row 0


def _load(name):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_minimize import load
    finally:
        sys.path.pop(0)
    return load(name)


def _digest(pis):
    return hashlib.sha256(np.ascontiguousarray(pis).tobytes()).hexdigest()


# the suite inputs that take under a second or so on either path (the largest ones,
# random_30x200 and random_40x100, were checked by hand: see the commit message)
COMPILED_INPUTS = [
    "random_25x50",
    "random_20x100",
    "random_20x200",
    "random_30x50",
    "sparse_k20_n200",
    "sparse_k24_n200",
]
PYTHON_INPUTS = ["random_25x20", "random_25x50", "random_20x100", "sparse_k16_n200"]


def _check_suite(name, compiled):
    on, off, levels = _load(name)
    want = SUITE[f"{name}-parsimonious"]
    raw = _primes._primes_transversal(on, off, levels, compiled=compiled)
    pis = raw[_primes.order_terms(raw)].astype(want["dtype"])
    assert pis.shape == (want["n_pi"], want["k"])
    assert _digest(pis) == want["sha256"]
    if not compiled:  # the public call (default path) too
        assert _digest(prime_implicants(on, off, levels)) == want["sha256"]


@pytest.mark.parametrize("name", COMPILED_INPUTS)
def test_suite_primes_compiled(name):
    _needs_numba()
    _check_suite(name, compiled=True)


@pytest.mark.parametrize("name", PYTHON_INPUTS)
def test_suite_primes_python(name):
    _check_suite(name, compiled=False)


@pytest.mark.parametrize("name", ["planted_k12", "sparse_k12_n200", "random_40x100"])
def test_suite_primes_conservative_and_table(name):
    on, off, levels = _load(name)
    for mode in ("parsimonious", "conservative") if name != "random_40x100" else ("conservative",):
        want = SUITE[f"{name}-{mode}"]
        pis = prime_implicants(on, off, levels, remainders=mode == "parsimonious")
        assert _digest(pis) == want["sha256"]
