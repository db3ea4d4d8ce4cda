"""The exact minimization core checked against the brute-force reference and sympy.

Random truth tables (crisp and multi-value, up to 8 conditions) are drawn with hypothesis
(derandomized: the same tables every run).
"""

from __future__ import annotations

import importlib
import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qca.exceptions import InvalidParameterError
from qca.minimize._core import (
    configuration_index,
    covers,
    expand,
    order_terms,
    prime_implicants,
    solve_chart,
)
from qca.minimize._reference import (
    all_configurations,
    reference_covers,
    reference_irredundant_covers,
    reference_minimal_covers,
    reference_prime_implicants,
)

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def tables(draw, max_k=8, multivalue=False, temporal=False):
    """A truth table: levels and the on / off / dc rows (the rest are remainders)."""
    if multivalue:
        k = draw(st.integers(1, 4))
        levels = tuple(draw(st.lists(st.integers(2, 4), min_size=k, max_size=k)))
    else:
        k = draw(st.integers(1, max_k))
        levels = (2,) * k
    space = all_configurations(levels)
    n = len(space)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    p_obs = draw(st.sampled_from([0.1, 0.3, 0.6, 1.0]))
    kind = rng.choice(4, size=n, p=[p_obs * 0.45, p_obs * 0.45, p_obs * 0.1, 1 - p_obs])
    rows = space.copy()
    if temporal and k >= 2:
        # one condition holds "-" in some observed rows: those rows become cubes
        j = int(rng.integers(k))
        dash = rng.random(n) < 0.2
        rows[dash, j] = -1
        rows, first = np.unique(rows, axis=0, return_index=True)
        kind = kind[first]
    on, off, dc = rows[kind == 0], rows[kind == 1], rows[kind == 2]
    return levels, on, off, dc


def _intersects(term, row):
    return all(t == -1 or r == -1 or t == r for t, r in zip(term, row, strict=True))


def _check_models(sol, chart):
    for model in sol.models:
        assert list(model) == sorted(set(model))
        assert chart[list(model)].any(axis=0).all()
    keys = [(len(m), m) for m in sol.models]
    assert keys == sorted(keys)


def _check_primes(levels, on, off, dc, remainders):
    pis = prime_implicants(on, off, levels, dc=dc, remainders=remainders)
    ref = reference_prime_implicants(on, off, levels, dc=dc, remainders=remainders)
    np.testing.assert_array_equal(pis.astype(np.int64), ref)
    return pis


def _check_chart(pis, on, off, remainders):
    chart = covers(pis, on)
    sol = solve_chart(chart, effort=100_000, max_models=2_000)
    assert sol.models  # a cover always exists here: every positive row has a PI
    _check_models(sol, chart)
    if remainders:
        # no term of a model meets a negative row
        for model in sol.models:
            for i in model:
                assert not any(_intersects(pis[i], r) for r in off)
    n_pi = len(pis)
    m = len(sol.models[0])
    if sol.lower_bound == m:  # the minimum is proven: every model has that size
        assert all(len(model) == m for model in sol.models)
    # the brute force tries every subset of each size up to the minimum, so its cost is
    # the sum over sizes (a model of 81 of 82 PIs would mean ~2^82 subsets)
    if sum(math.comb(n_pi, s) for s in range(m + 1)) * m <= 20_000:
        ref = reference_minimal_covers(chart)
        assert sol.complete
        assert sol.models == ref
        assert sol.lower_bound == m
    elif math.comb(n_pi, m - 1) <= 20_000:
        # no smaller cover exists
        for s in itertools.combinations(range(n_pi), m - 1):
            assert not chart[list(s)].any(axis=0).all()
    if not sol.complete:
        assert sol.notes and ("effort" in sol.notes[-1] or "more than" in sol.notes[-1])
    return chart, sol


@SETTINGS
@given(tables())
def test_crisp_parsimonious(table):
    levels, on, off, dc = table
    pis = _check_primes(levels, on, off, dc, True)
    _check_chart(pis, on, off, True)


@SETTINGS
@given(tables())
def test_crisp_conservative(table):
    levels, on, off, dc = table
    pis = _check_primes(levels, on, off, dc, False)
    _check_chart(pis, on, off, False)


@SETTINGS
@given(tables(multivalue=True))
def test_multivalue_both_modes(table):
    levels, on, off, dc = table
    for remainders in (True, False):
        pis = _check_primes(levels, on, off, dc, remainders)
        _check_chart(pis, on, off, remainders)


@settings(
    max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(tables(max_k=6, temporal=True))
def test_temporal_rows_are_cubes(table):
    levels, on, off, dc = table
    for remainders in (True, False):
        pis = _check_primes(levels, on, off, dc, remainders)
        np.testing.assert_array_equal(covers(pis, on), reference_covers(pis, on))


@settings(
    max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(tables(max_k=5))
def test_all_sol_is_every_irredundant_cover(table):
    levels, on, off, dc = table
    pis = prime_implicants(on, off, levels, dc=dc)
    if len(pis) > 14:
        pis = pis[:14]
    chart = covers(pis, on)
    chart = chart[:, chart.any(axis=0)]
    sol = solve_chart(chart, all_sol=True)
    assert sol.complete
    assert sol.models == reference_irredundant_covers(chart)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.integers(1, 9), st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_random_charts(n_pi, n_cols, seed):
    rng = np.random.default_rng(seed)
    chart = rng.random((n_pi, n_cols)) < 0.35
    sol = solve_chart(chart)
    assert sol.models == reference_minimal_covers(chart)
    assert sol.complete
    irr = solve_chart(chart, all_sol=True)
    assert irr.models == reference_irredundant_covers(chart)
    dom = solve_chart(chart, row_dom=True)
    kept = set(dom.used)
    for i in range(n_pi):
        if i not in kept:
            assert any(
                (chart[j] >= chart[i]).all() and chart[j].sum() > chart[i].sum() for j in kept
            )
    if sol.models:
        assert dom.models and len(dom.models[0]) == len(sol.models[0])
        assert set(dom.models) <= set(sol.models)
        assert all(set(m) <= kept for m in dom.models)
    essential = {
        int(np.flatnonzero(chart[:, c])[0]) for c in range(n_cols) if chart[:, c].sum() == 1
    }
    assert set(sol.essential) == essential


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.integers(2, 6), st.integers(0, 2**32 - 1), st.booleans())
def test_sympy_sopform_is_never_smaller(k, seed, remainders):
    sympy = pytest.importorskip("sympy")
    rng = np.random.default_rng(seed)
    space = all_configurations((2,) * k)
    kind = rng.choice(4, size=len(space))
    on, off, dc = space[kind == 0], space[kind == 1], space[kind == 2]
    if len(on) == 0:
        return
    dontcares = space[kind >= 2] if remainders else dc  # remainders are don't-cares
    syms = sympy.symbols(f"x0:{k}")
    expr = sympy.SOPform(syms, [list(r) for r in on], [list(r) for r in dontcares])
    sympy_terms = set()
    for arg in sympy.Or.make_args(expr):
        term = [-1] * k
        for lit in sympy.And.make_args(arg):
            if isinstance(lit, sympy.Not):
                term[syms.index(lit.args[0])] = 0
            elif lit is not sympy.true:
                term[syms.index(lit)] = 1
        sympy_terms.add(tuple(term))
    pis = prime_implicants(
        on, off if remainders else np.zeros((0, k)), (2,) * k, dc=dc, remainders=remainders
    )
    ours = {tuple(int(v) for v in t) for t in pis}
    sol = solve_chart(covers(pis, on))
    assert sympy_terms <= ours  # sympy's terms are prime implicants too
    assert len(sol.models[0]) <= len(sympy_terms)
    if len(sol.models[0]) == len(sympy_terms):
        index = {tuple(int(v) for v in t): i for i, t in enumerate(pis)}
        assert tuple(sorted(index[t] for t in sympy_terms)) in sol.models


def test_r_order_of_terms():
    # R QCA orders ~A*... before A*... before terms without A (SEMANTICS S5)
    terms = np.array([[-1, 1, -1], [1, -1, -1], [0, -1, -1], [0, 1, 0], [-1, 0, 1]])
    assert order_terms(terms).tolist() == [2, 1, 0, 4, 3]


def test_expand_and_index():
    levels = (2, 3, 2)
    cells = expand(np.array([[1, -1, 0], [1, 2, -1]]), levels)
    assert cells.tolist() == [[1, 0, 0], [1, 1, 0], [1, 2, 0], [1, 2, 1]]
    assert configuration_index(cells, levels).tolist() == [6, 8, 10, 11]
    with pytest.raises(InvalidParameterError, match="limit"):
        expand(np.full((1, 30), -1), (2,) * 30)


def test_bad_rows_are_reported():
    with pytest.raises(InvalidParameterError, match="condition 1"):
        prime_implicants(np.array([[0, 2]]), np.zeros((0, 2)), (2, 2))
    with pytest.raises(InvalidParameterError, match="shape"):
        prime_implicants(np.array([[0, 1, 1]]), np.zeros((0, 2)), (2, 2))


def test_uncoverable_column_gives_no_model():
    chart = np.array([[True, False], [True, False]])
    sol = solve_chart(chart)
    assert sol.models == [] and sol.complete
    assert "no cover exists" in sol.notes[0]


def test_effort_bound_stops_the_search():
    rng = np.random.default_rng(5)
    chart = rng.random((60, 60)) < 0.1
    chart[np.arange(60), np.arange(60)] = True
    sol = solve_chart(chart, effort=50)
    assert not sol.complete
    assert sol.lower_bound >= 1
    assert "effort" in sol.notes[-1]


@SETTINGS
@given(tables(max_k=7, temporal=True))
def test_large_space_methods_agree(table):
    _check_large_space_methods(table)


@SETTINGS
@given(tables(multivalue=True, temporal=True))
def test_large_space_methods_agree_multivalue(table):
    _check_large_space_methods(table)


def _check_large_space_methods(table):
    """With the term-space table switched off, the transversal and merging methods must
    give the brute force's PIs."""
    primes_module = importlib.import_module("qca.minimize._primes")

    levels, on, off, dc = table
    for remainders in (True, False):
        saved = primes_module.TABLE_LIMIT
        primes_module.TABLE_LIMIT = 0.0
        try:
            pis = prime_implicants(on, off, levels, dc=dc, remainders=remainders)
        finally:
            primes_module.TABLE_LIMIT = saved
        ref = reference_prime_implicants(on, off, levels, dc=dc, remainders=remainders)
        np.testing.assert_array_equal(pis.astype(np.int64), ref)


def test_fortran_ordered_chart_gives_the_same_answer():
    # covers() returns a Fortran-ordered chart for many PIs; the solver packs it apart
    rng = np.random.default_rng(1)
    for n_cols in (1, 7, 8, 9, 20):
        chart = rng.random((50, n_cols)) < 0.3
        chart[0] = True
        c_sol = solve_chart(np.ascontiguousarray(chart))
        f_sol = solve_chart(np.asfortranarray(chart))
        assert c_sol.models == f_sol.models and c_sol.essential == f_sol.essential
    pis = np.array([[1, -1, 0], [-1, 1, -1], [0, 0, -1]] * 4)
    rows = np.array([[1, 1, 0], [0, 0, 1], [1, 0, 0]])
    np.testing.assert_array_equal(covers(pis, rows), reference_covers(pis, rows))


def test_more_than_64_binary_conditions_use_the_general_keys():
    # conditions 6..69 are constant (0) in every row, so no literal on them separates a
    # positive row from a negative one: the PIs are those of the first 6 conditions
    rng = np.random.default_rng(8)
    small = all_configurations((2,) * 6)
    kind = rng.choice(3, size=len(small))
    on, off = small[kind == 0], small[kind == 1]
    pad = np.zeros((len(small), 64), dtype=small.dtype)
    wide = np.hstack([small, pad])
    got = prime_implicants(wide[kind == 0], wide[kind == 1], (2,) * 70)
    expected = prime_implicants(on, off, (2,) * 6)
    assert got.shape[1] == 70 and (got[:, 6:] == -1).all()
    np.testing.assert_array_equal(got[:, :6], expected)
