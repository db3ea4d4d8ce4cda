"""The rules behind ``method="ccubes"`` checked against independent brute force.

- R's search run over the rows (:func:`direct_search`, used for temporal ``"-"``) keeps,
  on rows without ``"-"``, exactly the PIs that the selection among all prime implicants
  (:func:`ccubes_selection`, checked against R's recorded answers) keeps: two independent
  readings of R's rule agree.
- R's models with ``sol.cons`` (:func:`consistent_models`) are the inclusion-minimal PI
  combinations whose union reaches the inclusion and coverage cuts, by size then
  lexicographically: brute force over every subset.
- Derived by hand from R's rules (no recorded answer): row codes that collide.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qca
from qca.exceptions import InvalidParameterError, NoSolutionError
from qca.minimize._ccubes import ccubes_selection
from qca.minimize._ccubes_models import consistent_models
from qca.minimize._ccubes_search import DASH, direct_search, row_code_levels
from qca.minimize._core import covers, prime_implicants


@st.composite
def _rows(draw):
    k = draw(st.integers(2, 6))
    levels = tuple(draw(st.lists(st.sampled_from([2, 2, 3]), min_size=k, max_size=k)))
    space = int(np.prod(levels))
    n_rows = draw(st.integers(2, min(16, space)))
    idx = sorted(draw(st.lists(st.integers(0, space - 1), min_size=n_rows, max_size=n_rows, unique=True)))
    out = draw(st.lists(st.booleans(), min_size=n_rows, max_size=n_rows))
    out[0], out[-1] = True, False
    configs = np.array([np.unravel_index(i, levels) for i in idx], dtype=np.int64)
    mask = np.array(out)
    return configs[mask], configs[~mask], levels


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rows())
def test_direct_search_keeps_the_selected_primes(rows):
    on, off, levels = rows
    pis = prime_implicants(on, off, levels)
    keep = ccubes_selection(pis, on, levels, visible=len(levels))
    found = direct_search(on, off)
    assert sorted(map(tuple, found.fields.tolist())) == sorted(map(tuple, pis[keep].tolist()))
    assert (found.level == (found.fields >= 0).sum(axis=1)).all()
    # without "-" the chart by row codes is the chart by literals
    assert (found.chart == covers(found.fields, on)).all()


def _brute_models(members, y, cons, size):
    def good(combo):
        x = members[list(combo)].max(axis=0)
        sx, sxy, sy = x.sum(), np.minimum(x, y).sum(), y.sum()
        return sx > 0 and sy > 0 and sxy / sx >= cons - 1e-12 and sxy / sy >= 1 - 1e-12

    passing = [c for k in range(1, size + 1) for c in itertools.combinations(range(len(members)), k) if good(c)]
    minimal = [c for c in passing if not any(set(d) < set(c) for d in passing)]
    return sorted(minimal, key=lambda c: (len(c), c))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 7), st.integers(2, 9), st.sampled_from([0.5, 0.7, 0.8, 1.0]), st.integers(0, 10**6),
       st.booleans())
def test_consistent_models_are_the_minimal_passing_combinations(n_pi, n_cases, cons, seed, crisp):
    rng = np.random.default_rng(seed)
    members = rng.integers(0, 2, (n_pi, n_cases)).astype(float) if crisp else rng.random((n_pi, n_cases)).round(1)
    y = rng.integers(0, 2, n_cases).astype(float) if crisp else rng.random(n_cases).round(1)
    size = int(rng.integers(1, n_pi + 1))
    assert consistent_models(members, y, sol_cons=cons, max_size=size) == _brute_models(members, y, cons, size)


def test_consistent_models_refuse_an_exponential_search(monkeypatch):
    # each PI lifts one case: only all ten together reach coverage 1
    monkeypatch.setenv("QCA_MAX_COMBINATIONS", "50")
    members = np.eye(10)
    with pytest.raises(InvalidParameterError, match=r"more than 50 combinations of its 10 prime.*1,023\).*QCA_MAX"):
        consistent_models(members, np.ones(10), sol_cons=0.8, max_size=10)
    monkeypatch.delenv("QCA_MAX_COMBINATIONS")
    assert consistent_models(members, np.ones(10), sol_cons=0.8, max_size=10) == [tuple(range(10))]


def test_row_codes_collide_as_in_r():
    # Derived by hand from R's rule (R's minimize agrees: tests/data/ccubes_r.json,
    # temporal_collision): conditions E, S with n_E = n_S = 2; a pattern codes
    # e + 2 * s with "-" = -1. Positive rows (1, 0) and (-, 1); negative rows (0, 0),
    # (0, 1), (-, 0). Level 1: E = 1 (code 1) is kept; E = "-" (code -1) meets the
    # negative (-, 0); S = 0 and S = 1 meet negatives. Level 2: (1, 0) codes 1 and so
    # does (-, 1): one candidate, E*~S, covering both rows; no kept PI covering two rows
    # is a sub-term of it, so it is kept. Every row is covered at level 2, the last.
    on = np.array([[1, 0], [-1, 1]])
    off = np.array([[0, 0], [0, 1], [-1, 0]])
    assert row_code_levels(on, off).tolist() == [2, 2]
    found = direct_search(on, off)
    assert found.fields.tolist() == [[1, -1], [1, 0]]
    assert found.chart.tolist() == [[True, False], [True, True]]
    # without the negative (-, 0), E = "-" is kept at level 1: a term of "-" only
    found = direct_search(on, off[:2])
    assert found.fields.tolist() == [[1, -1], [DASH, -1], [1, 0]]


def test_a_term_of_dash_only_is_refused_as_r_fails():
    # R 3.25.1 stops with "length of 'dimnames' [1] not equal to array extent" here
    # (recorded: temporal_dash_only_term); the complete method expands "-"
    data = pd.DataFrame({"E": ["1", "-", "0", "0"], "S": [0, 1, 0, 1], "Y": [1, 1, 0, 0]},
                        index=[f"c{i}" for i in range(4)])
    tt = qca.truth_table(data, "Y")
    with pytest.raises(InvalidParameterError, match=r"only of the temporal '-' of \['E'\].*method='complete'"):
        qca.minimize(tt, include="?", method="ccubes")
    with pytest.raises(NoSolutionError):  # (-, 1) expands to the negative (0, 1)
        qca.minimize(tt, include="?")


def test_dash_field_consistency_uses_the_cases_coded_dash():
    found = direct_search(np.array([[0, -1], [1, 1]]), np.zeros((0, 2), dtype=np.int64), pi_cons=0.9,
                          consistency=lambda term: 1.0 if (term == DASH).any() else 0.0)
    # with pi_cons only the candidates holding a "-" field reach the cut here
    assert (found.fields == DASH).any(axis=1).all()
