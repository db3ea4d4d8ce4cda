"""Models stored as a shared base plus differences (ModelList), and fit read in blocks.

The compact forms must give exactly what the plain forms give: the same models in the
same order, the same common and used PIs, the same covU (bit for bit) whatever the
block size.
"""

from __future__ import annotations

import importlib
import itertools
import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import qca
from qca.fit import unique_coverage, unique_coverage_blocks
from qca.minimize._modelset import ModelList, spread_product

modelset_module = importlib.import_module("qca.minimize._modelset")

models_strategy = st.lists(
    st.frozensets(st.integers(0, 12), min_size=0, max_size=6), min_size=1, max_size=12
)


def _r_order(models):
    return sorted((tuple(sorted(m)) for m in models), key=lambda m: (len(m), m))


@settings(max_examples=300, deadline=None)
@given(models_strategy)
def test_model_list_is_the_sorted_list_of_tuples(models):
    listed = ModelList.from_models(models)
    expected = _r_order(models)
    assert listed == expected and list(listed) == expected and len(listed) == len(expected)
    assert [listed[i] for i in range(-len(expected), 0)] == expected
    assert listed[1:3] == expected[1:3]
    assert listed.used() == sorted(set().union(*models))
    assert listed.common() == sorted(frozenset.intersection(*models))
    assert listed.sizes().tolist() == [len(m) for m in expected]
    for m in expected:
        assert m in listed
    assert (99,) not in listed
    kept = ModelList.from_models(list(reversed(expected)), sort=False)
    assert list(kept) == list(reversed(expected))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.frozensets(st.integers(0, 5), min_size=1, max_size=3), min_size=1,
                      max_size=4, unique=True), min_size=0, max_size=4),
    st.integers(1, 30),
)
def test_product_matches_full_tuples(raw_parts, keep):
    # independent components: shift each part's PIs into its own range
    parts = [[tuple(sorted(10 * (p + 1) + i for i in alt)) for alt in part]
             for p, part in enumerate(raw_parts)]
    base = [0, 3, 7]
    # the combinations in spread order (the first model, then each other alternative
    # of one part at a time, then the rest of the product), then R's order
    expected = [
        tuple(sorted(base + [i for part, j in zip(parts, combo, strict=True) for i in part[j]]))
        for combo in spread_product([len(p) for p in parts], keep)
    ]
    full = [tuple(sorted(base + [i for alt in c for i in alt])) for c in itertools.product(*parts)]
    short = modelset_module.SHORT_EXTRAS
    try:
        for extras in (short, 0):  # models keyed as tuples, then as big-endian bytes
            modelset_module.SHORT_EXTRAS = extras
            assert ModelList.from_product(base, parts, keep) == _r_order(expected)
            if keep >= math.prod(len(p) for p in parts):  # all of them: the whole product
                assert ModelList.from_product(base, parts, keep) == _r_order(full)
    finally:
        modelset_module.SHORT_EXTRAS = short


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 9), st.integers(1, 25), st.integers(1, 5))
def test_unique_coverage_by_blocks_is_bit_identical(seed, m, n, step):
    rng = np.random.default_rng(seed)
    x = rng.choice([0.0, 0.2, 0.4, 0.6, 1.0], size=(m, n))
    y = rng.choice([0.0, 0.3, 0.7, 1.0], size=n)
    whole = unique_coverage(x, y)
    blocks = unique_coverage_blocks((x[s : s + step] for s in range(0, m, step)), m, y)
    np.testing.assert_array_equal(whole, blocks)
    crisp = (x > 0.5).astype(np.uint8)
    np.testing.assert_array_equal(unique_coverage(crisp, y), unique_coverage(crisp.astype(float), y))


def test_many_models_share_their_terms():
    # two independent choices of 3 and 4 alternatives: 12 models that share most terms
    rng = np.random.default_rng(5)
    data = pd.DataFrame(rng.integers(0, 2, size=(60, 7)), columns=list("ABCDEFG"))
    data["Y"] = (data.A & data.B) | (data.C ^ data.D) | (data.E & ~data.F & 1)
    sol = qca.minimize(qca.truth_table(data, "Y"), include="?")
    shared = {id(m._shared) for m in sol.models}
    assert len(shared) == 1
    for m in sol.models:
        assert isinstance(m.terms, tuple) and str(m) == " + ".join(m.terms)
        assert len(m.implicants) == len(m.terms)
        assert list(m.fit.index) == list(m.terms)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 14), st.integers(1, 20), st.integers(1, 6))
def test_column_dominance_by_blocks_matches_the_square_matrix(seed, rows, n_cols, block):
    from qca.minimize._reduce import _dominated_columns

    cols = np.random.default_rng(seed).random((rows, n_cols)) < 0.4
    as_float = cols.astype(np.float32)
    size = as_float.sum(axis=0)
    within = (as_float.T @ as_float) == size[:, None]
    np.fill_diagonal(within, False)
    expected = (within & (size[:, None] < size[None, :])).any(axis=0)
    expected |= np.triu(within & (size[:, None] == size[None, :])).any(axis=0)
    np.testing.assert_array_equal(_dominated_columns(cols, block), expected)


def test_crisp_memberships_match_the_fuzzy_and():
    import importlib

    from qca.minimize._problem import build_problem

    solve = importlib.import_module("qca.minimize._minimize")
    rng = np.random.default_rng(3)
    for _ in range(40):
        data = pd.DataFrame({"A": rng.integers(0, 3, 30), "B": rng.integers(0, 2, 30),
                             "C": rng.integers(0, 2, 30), "Y": rng.integers(0, 2, 30)})
        problem = build_problem(qca.truth_table(data, "Y", incl_cut=0.6))
        levels = problem.space.levels
        terms = np.array([[rng.integers(-1, n) for n in levels] for _ in range(25)], dtype=np.int8)
        fast = solve._memberships(problem, terms, range(len(terms)))
        slow = np.array([problem.term_membership(t) for t in terms])
        assert solve._crisp_values(problem) is not None
        assert fast.dtype == np.uint8
        np.testing.assert_array_equal(fast, slow)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 14), st.integers(1, 20), st.floats(0.0, 0.6))
def test_column_dominance_sparse_matches_dense(seed, rows, n_cols, density):
    from qca.minimize._reduce import _dominated_columns, _dominated_sparse

    cols = np.random.default_rng(seed).random((rows, n_cols)) < density
    np.testing.assert_array_equal(_dominated_sparse(cols, cols.sum(axis=0)), _dominated_columns(cols))


def test_model_fit_from_shared_base_equals_the_whole_union():
    from qca.minimize._solution import union_fit, union_membership

    rng = np.random.default_rng(11)
    for _ in range(10):
        data = pd.DataFrame(rng.integers(0, 2, size=(80, 7)), columns=list("ABCDEFG"))
        data["Y"] = rng.integers(0, 2, 80)
        tt = qca.truth_table(data, "Y", incl_cut=0.7)
        try:
            sol = qca.minimize(tt, include="?")
        except qca.exceptions.QCAError:
            continue
        shared = sol.models[0]._shared
        for i, model in enumerate(sol.models):
            whole = union_fit(union_membership(shared.members, shared.rows(i), len(shared.y)),
                              shared.y)
            assert (model.inclS, model.PRI, model.covS) == (whole["inclS"], whole["PRI"],
                                                            whole["covS"])
            assert (model.inclS, model.PRI, model.covS) == tuple(
                model._fit_values[1][k] for k in ("inclS", "PRI", "covS"))


def test_fit_tables_from_shared_terms_equal_the_direct_computation():
    from qca.minimize._order import lexicographic_order
    from qca.minimize._solution import fit_frame

    rng = np.random.default_rng(17)
    checked = 0
    for trial in range(16):
        values = rng.integers(0, 2, size=(60, 6)).astype(float)
        if trial % 2:  # fuzzy memberships
            values = np.clip(values * 0.6 + rng.choice([0.1, 0.3], size=values.shape), 0, 1)
        data = pd.DataFrame(values, columns=list("ABCDEF"))
        data["Y"] = rng.integers(0, 2, 60)
        try:
            sol = qca.minimize(qca.truth_table(data, "Y", incl_cut=0.7), include="?")
        except qca.exceptions.QCAError:
            continue
        shared = sol.models[0]._shared
        rank = lexicographic_order(shared.implicants)
        whole, _ = fit_frame([shared.names[i] for i in rank], shared.members, shared.y,
                             [shared.cases[i] for i in rank], rank)
        pd.testing.assert_frame_equal(sol.fit, whole, check_exact=True)
        for i, model in enumerate(sol.models):
            rows = shared.rows(i)
            own, total = fit_frame([shared.names[r] for r in rows], shared.members, shared.y,
                                   [shared.cases[r] for r in rows], rows)
            pd.testing.assert_frame_equal(model.fit, own, check_exact=True)
            assert (model.inclS, model.PRI, model.covS) == tuple(
                total[k] for k in ("inclS", "PRI", "covS"))
        checked += 1
    assert checked >= 4
