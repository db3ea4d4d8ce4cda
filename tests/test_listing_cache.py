"""The rows small terms cover, kept between calls (``TermRows``), give exactly the rows and
the errors of :func:`list_covered` without it: random spaces and terms, one cache shared
by many calls, limits around the number of rows.
"""

from __future__ import annotations

import numpy as np
import pytest

from qca.exceptions import TooManyRowsError
from qca.minimize import _listing
from qca.minimize._listing import TermRows, list_covered


def _outcome(levels, terms, limit, cache=None):
    try:
        return list_covered(levels, terms, limit=limit, cache=cache).tolist()
    except TooManyRowsError as exc:
        return ("too many", str(exc), exc.count)


@pytest.mark.parametrize("seed", range(30))
def test_cached_rows_are_the_rows(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(2, 7))
    levels = tuple(int(v) for v in rng.integers(2, 4, size=k))
    pool = np.array([[int(rng.integers(-1, n)) for n in levels] for _ in range(12)])
    monkeypatch.setattr(_listing, "CACHED_TERM_ROWS", int(rng.integers(1, 20)))  # some terms too big
    monkeypatch.setattr(_listing, "CACHED_ROWS", int(rng.integers(5, 60)))  # the budget fills up
    cache = TermRows()
    for _ in range(40):
        terms = pool[rng.choice(len(pool), size=int(rng.integers(1, 6)), replace=False)]
        plain = _outcome(levels, terms, 10**6)
        limit = int(rng.integers(1, len(plain) + 3))
        assert _outcome(levels, terms, limit, cache) == _outcome(levels, terms, limit)
        assert _outcome(levels, terms, 10**6, cache) == plain
    assert cache.held == sum(len(v) for v in cache.values()) <= _listing.CACHED_ROWS


def test_models_simplifying_assumptions_unchanged_by_the_cache():
    import pandas as pd

    import qca
    from qca.minimize import _minimize

    rng = np.random.default_rng(7)
    data = pd.DataFrame(rng.integers(0, 2, size=(30, 6)), columns=list("ABCDEF"))
    data["Y"] = rng.integers(0, 2, size=30)
    table = qca.truth_table(data, "Y")
    solution = qca.minimize(table, include="?")
    assert len(solution.models) > 1
    problem = _minimize.build_problem(table, exclude=None, where="test")
    explained = set(problem.explained_numbers())
    for model in solution.models:
        rows = [int(r) for r in model.simplifying_assumptions.index]
        assert rows == _minimize._assumption_rows(problem, model.implicants, explained)
