"""The pi_cons prime implicant search against a brute force, on both of its paths.

A PI with consistency is a term inside an explained row's literals whose inclusion
reaches the cut while no proper sub-term does (SEMANTICS.md S11). The search on uint64
literal masks (at most 64 literals), the search on tuples (any number) and the brute
force must agree; crisp memberships (inclusion by bit counts) included.
"""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from qca._validation import TOL
from qca.fit import inclusion
from qca.minimize import _pi_cons
from qca.minimize._pi_cons import consistent_primes


@st.composite
def problems(draw):
    k = draw(st.integers(1, 6))
    levels = draw(st.lists(st.sampled_from([2, 2, 3]), min_size=k, max_size=k))
    n = draw(st.integers(2, 90))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    fuzzy = draw(st.booleans())
    literals = []
    for n_values in levels:
        if fuzzy and n_values == 2:
            a = np.round(rng.random(n), 2)
            literals.append([1 - a, a])
        else:
            c = rng.integers(0, n_values, n)
            literals.append([(c == v).astype(float) for v in range(n_values)])
    y = np.round(rng.random(n), 2) if fuzzy else (rng.random(n) < rng.random()).astype(float)
    m = draw(st.integers(1, 8))
    explained = np.array(
        [[int(rng.integers(-1 if rng.random() < 0.1 else 0, v)) for v in levels] for _ in range(m)]
    )
    cut = draw(st.sampled_from([0.5, 2 / 3, 0.75, 0.8, 0.9, 1.0]))
    return explained, literals, y, cut


def _brute_force(explained, literals, y, cut):
    """Every term inside an explained row that reaches cut with no proper sub-term doing so."""
    def reaches(term):
        member = np.ones(len(y))
        for j, v in term:
            member = np.minimum(member, literals[j][v])
        incl = float(inclusion(member, y))
        return not np.isnan(incl) and incl + TOL > cut

    terms = set()
    for row in explained:
        lits = [(j, int(v)) for j, v in enumerate(row) if v >= 0]
        for size in range(1, len(lits) + 1):
            for term in itertools.combinations(lits, size):
                terms.add(term)
    found = set()
    for term in terms:
        if not reaches(term):
            continue
        subs = (s for size in range(1, len(term)) for s in itertools.combinations(term, size))
        if not any(reaches(s) for s in subs):
            found.add(term)
    return found


def _as_set(terms):
    return {tuple((j, int(v)) for j, v in enumerate(row) if v >= 0) for row in terms}


@settings(max_examples=150, deadline=None, derandomize=True)
@given(problems())
def test_search_matches_the_brute_force(problem):
    explained, literals, y, cut = problem
    got = consistent_primes(explained, literals, y, cut)
    assert _as_set(got) == _brute_force(explained, literals, y, cut)
    # the tuple search (used above 64 literals) finds the same terms
    k = len(literals)
    offsets = np.cumsum([0] + [len(levels) for levels in literals])
    rows = list(
        dict.fromkeys(
            tuple(int(offsets[j] + r[j]) for j in range(k) if r[j] >= 0) for r in explained
        )
    )
    matrix = np.vstack([lit for levels in literals for lit in levels])
    masks = _pi_cons._search_masks(rows, matrix, y, cut)
    assert sorted(masks) == sorted(_pi_cons._search_tuples(rows, matrix, y, cut, k))


def test_crisp_bit_counts_equal_float_inclusion():
    rng = np.random.default_rng(5)
    matrix = (rng.random((12, 300)) < 0.6).astype(float)
    y = (rng.random(300) < 0.5).astype(float)
    ids = np.array(sorted(itertools.combinations(range(12), 3)))
    for cut in (0.4, 0.5, 0.55, 0.6, 2 / 3):
        crisp = _pi_cons._meets_crisp(ids, matrix, y, cut)
        member = matrix[ids].min(axis=1)
        incl = np.asarray(inclusion(member, y))
        assert (crisp == (~np.isnan(incl) & (incl + TOL > cut))).all()
