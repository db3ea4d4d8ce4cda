"""PIs kept as (row, mask) pairs: the same terms, order and chart as the decoded array.

:class:`qca.minimize._pi_pairs.PairedPrimes` stands in for the decoded PI array of the
transversal enumeration; decoding it, indexing it and building its chart (compiled loop
and NumPy loop) must give exactly what the decoded array gives.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from hypothesis import given

from qca.minimize import _pi_pairs, _primes
from qca.minimize._pi_pairs import PairedPrimes
from tests.test_core import SETTINGS, tables

HAVE_NUMBA = importlib.util.find_spec("numba") is not None


def _random_pairs(seed: int) -> tuple[PairedPrimes, np.ndarray]:
    """Pairs over random rows holding "-" (-1) and multi-value conditions, and rows to cover."""
    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 12))
    rows = rng.integers(-1, 3, size=(int(rng.integers(1, 6)), k)).astype(np.int8)
    n = int(rng.integers(0, 60))
    found = np.sort(rng.integers(0, len(rows), size=n))
    masks = rng.integers(0, 2**k, size=n).astype(np.uint64)
    on = rng.integers(-1, 3, size=(int(rng.integers(1, 20)), k))
    on[: len(rows)] = rows[: len(on)]  # some columns are the PIs' own rows
    return PairedPrimes(rows, found, masks), on


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("compiled", [False, True])
def test_chart_and_terms_match_the_decoded_array(seed, compiled, monkeypatch):
    if compiled and not HAVE_NUMBA:
        pytest.skip("numba not installed")
    monkeypatch.setattr(_pi_pairs, "COMPILED_FROM", 0 if compiled else 2**62)
    if not compiled:
        monkeypatch.setenv("QCA_NO_NUMBA", "1")
    pis, on = _random_pairs(seed)
    terms = np.asarray(pis)
    for i in range(len(pis)):  # each term: the row's value on the mask's conditions
        row, mask = pis.rows[pis.found[i]], int(pis.masks[i])
        want = [int(v) if mask >> j & 1 else -1 for j, v in enumerate(row)]
        assert terms[i].tolist() == want == pis[i].tolist()
    assert terms.shape == pis.shape and terms.dtype == pis.dtype
    picked = [len(pis) - 1, 0] if len(pis) else []
    np.testing.assert_array_equal(pis[picked], terms[picked])
    np.testing.assert_array_equal(pis[1:5], terms[1:5])
    got = pis.chart(on)
    want = _primes.covers_packed(terms, on)
    assert got.n_cols == want.n_cols == len(on)
    np.testing.assert_array_equal(got.bits, want.bits)


@SETTINGS
@given(tables(max_k=9))
def test_paired_primes_are_the_primes(table):
    levels, on, off, _ = table
    if len(on) == 0 or len(off) == 0:
        return
    decoded = _primes._primes_transversal(on, off, levels)
    paired = _primes._primes_transversal(on, off, levels, paired=True)
    np.testing.assert_array_equal(np.asarray(paired), decoded)
    np.testing.assert_array_equal(
        _primes.covers_packed(paired, on).bits, _primes.covers_packed(decoded, on).bits
    )
