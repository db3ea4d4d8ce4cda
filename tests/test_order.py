"""R QCA's printed order of prime implicants and of the terms of each model.

The reference checker compares terms as sets; this test pins the order too, because
M1, M2, ... and C_iP_j labels follow the PI order. Every minimize case recorded from
R QCA 3.25.1 (tests/data/min_reference.json) is checked: the PIs in R's order, and each
model's terms in R's order, literal strings compared exactly.
"""

import warnings

import numpy as np
import pytest

import qca
from qca.exceptions import QCAWarning
from qca.minimize._order import lexicographic_order, ordered_blocks, r_order
from tests.test_minimize import REFERENCE, build_tt, minimize_options, parse_r

CASES = [c for c in REFERENCE if c["function"] == "minimize" and "error" not in c["result"]]


def _solve(case):
    _, _, args, kw = parse_r(case["call"])
    tt = build_tt(args[0] if args else kw["input"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)
        return qca.minimize(tt, **minimize_options(kw))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_terms_in_r_order(case):
    sol, res = _solve(case), case["result"]
    if res.get("intermediate"):
        for key, part in res["intermediate"].items():
            got = [list(m.terms) for m in sol.intermediate[key].models]
            assert got == list(part["solutions"].values()), key
        return
    assert list(sol.prime_implicants) == res["prime_implicants"]
    assert [list(m.terms) for m in sol.models] == list(res["solutions"].values())


def test_all_present_condition_quirk_against_plain_lexicographic_order():
    # R: minimize(truthTable(LF, "SURV", incl.cut = 0.8)) prints DEV*URB*LIT*IND*STB first,
    # although ~URB sorts before URB elsewhere (Quine: ~P*Q before P*~Q)
    lf = np.array([[1, 0, 1, 0, 1], [1, 1, 1, 1, 1]])
    assert lexicographic_order(lf).tolist() == [0, 1]
    assert r_order(lf).tolist() == [1, 0]


def test_order_is_a_permutation_and_deterministic():
    rng = np.random.default_rng(5)
    for _ in range(200):
        terms = rng.integers(-1, 3, size=(int(rng.integers(1, 12)), 5))
        terms = np.unique(terms, axis=0)
        first = r_order(terms)
        assert sorted(first.tolist()) == list(range(len(terms)))
        shuffled = rng.permutation(len(terms))
        again = shuffled[r_order(terms[shuffled])]
        assert again.tolist() == first.tolist()
        literals = (terms[first] >= 0).sum(axis=1)
        assert (np.diff(literals) >= 0).all()


def _passes(terms):
    """R's passes written out plainly (the slow definition the fast paths must equal).

    R starts from the order its search found the terms in; we start from the
    lexicographic order, so ties are broken the same way every time.
    """
    coded = np.asarray(terms, dtype=np.int64) + 1
    order = np.array(_plain_lexicographic(terms))
    for j in range(coded.shape[1] - 1, -1, -1):
        down = sorted(order, key=lambda i: -coded[i, j])  # stable, decreasing
        present = sum(1 for i in down if coded[i, j] > 0)
        prefix = present if present < len(down) else len(down) - 1
        order = np.array(sorted(down[:prefix], key=lambda i: coded[i, j]) + down[prefix:])
    return np.array(sorted(order, key=lambda i: int((coded[i] > 0).sum())))


def _plain_lexicographic(terms):
    absent = int(terms.max()) + 1
    return sorted(
        range(len(terms)),
        key=lambda i: (int((terms[i] >= 0).sum()), [absent if v < 0 else v for v in terms[i]]),
    )


@pytest.mark.parametrize("levels", [2, 3, 130])
def test_fast_orders_equal_their_plain_definitions(levels):
    # packed sort keys (several uint64 words, up to 70 conditions) and the fast path
    # without an all-present condition must give exactly the pass-by-pass order
    rng = np.random.default_rng(levels)
    for trial in range(150):
        k = int(rng.integers(1, 71 if trial % 3 == 0 else 8))
        low = 0 if trial % 4 == 0 else -1  # some sets hold every condition in every term
        terms = rng.integers(low, levels, size=(int(rng.integers(1, 30)), k))
        terms = np.unique(terms, axis=0)[rng.permutation(len(np.unique(terms, axis=0)))]
        dtype = np.int8 if levels < 127 else np.int16
        assert lexicographic_order(terms.astype(dtype)).tolist() == _plain_lexicographic(terms)
        assert r_order(terms.astype(dtype)).tolist() == _passes(terms).tolist()


@pytest.mark.parametrize("seed", range(12))
def test_ordered_masks_is_the_lexicographic_order_of_the_decoded_terms(seed):
    """PIs as (row, condition mask) sort as their decoded terms do, on any k <= 64, any
    number of levels, with "-" in the rows (never a literal there)."""
    from qca.minimize._order import ordered_masks
    from qca.minimize._primes import _mask_bits

    rng = np.random.default_rng(seed)
    for _ in range(25):
        k = int(rng.integers(1, 65))
        n_rows, top = int(rng.integers(1, 30)), int(rng.integers(0, 4))
        values = rng.integers(0, top + 1, size=(n_rows, k)).astype(np.int8)
        values[rng.random((n_rows, k)) < 0.05] = -1
        n = int(rng.integers(0, 400))
        found = np.sort(rng.integers(0, n_rows, n))
        masks = rng.integers(0, 2**63, n, dtype=np.uint64)
        masks = masks & np.uint64(2**k - 1) if k < 64 else masks
        terms = values[found].astype(np.int64)
        bits = _mask_bits(masks, k)
        ok = ~((bits == 1) & (terms < 0)).any(axis=1)  # no literal on a "-"
        found, masks, terms, bits = found[ok], masks[ok], terms[ok], bits[ok]
        terms[bits == 0] = -1
        largest = int(values.max())
        got = ordered_masks(values, found, masks, largest)
        assert got is not None
        want = ordered_blocks(lambda lo, hi, t=terms: t[lo:hi], len(terms), k, largest)
        assert np.array_equal(got, want)
        assert np.array_equal(got, lexicographic_order(terms))
