"""Which remainders may serve as simplifying assumptions: CSA, SSR and ESA (private).

The one home of the enhanced standard analysis (Schneider & Wagemann 2013):
:func:`qca.find_rows` (types 2, 3, 0) and :func:`qca.minimize` (``esa=True``) both call
it, so neither imports the other.

- contradictory simplifying assumptions (CSA): remainders that every parsimonious model
  of the outcome uses and some parsimonious model of the negated outcome uses too
  (R QCA's ``findRows(type = 2)``);
- simultaneous subset relations (SSR): observed rows coded ``"1"`` for both the outcome
  and its negation (``findRows(type = 3)``);
- :func:`esa_rows`: both, from one negated truth table.

Row numbers are those of the configuration space without a temporal ``"-"`` level.

>>> import pandas as pd
>>> import qca
>>> data = pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 0], "Y": [1, 1, 0]})
>>> esa_rows(qca.truth_table(data, "Y"))
[]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from qca.exceptions import NoSolutionError
from qca.minimize._core import covers, prime_implicants, solve_chart
from qca.minimize._problem import build_problem

__all__ = [
    "negated_outcome",
    "negated_table",
    "contradictory_assumptions",
    "simultaneous_subset_rows",
    "esa_rows",
]


def negated_outcome(outcome: str) -> str:
    """``"SURV"`` -> ``"~SURV"`` and back.

    >>> negated_outcome("SURV"), negated_outcome(" ~ SURV")
    ('~SURV', 'SURV')
    """
    text = outcome.strip()
    return text[1:].strip() if text.startswith("~") else "~" + text


def negated_table(tt: Any, *, incl_cut: Any = None, n_cut: Any = None, pri_cut: Any = None) -> Any:
    """The truth table of the negated outcome, from the same data and options.

    An ``incl_cut`` pair ``(incl1, incl0)`` becomes the single cut ``incl0`` (R reverses
    the pair); the cut-offs given here replace those of ``tt``.
    """
    changes: dict[str, Any] = {"outcome": negated_outcome(str(tt.outcome))}
    _ic1, ic0 = tt.options["incl_cut"]
    changes["incl_cut"] = ic0 if incl_cut is None else incl_cut
    if n_cut is not None:
        changes["n_cut"] = n_cut
    if pri_cut is not None:
        changes["pri_cut"] = pri_cut
    return tt.rebuild(**changes)


def _parsimonious_cover(tt: Any, where: str) -> tuple[Any, np.ndarray, set[int]]:
    """The space, the terms of every minimal parsimonious model (``include="?"``) as
    ``qca.minimize(tt, include="?")`` finds them (none when there is no solution), and the
    explained rows."""
    problem = build_problem(tt, where=where)
    on = problem.explained
    none = np.zeros((0, len(problem.space.levels)), dtype=np.int64)
    if not len(on):
        return problem.space, none, set()
    pis = prime_implicants(on, problem.negatives(False), problem.space.levels, remainders=True)
    chart = covers(pis, on)
    if not chart.any(axis=0).all():
        return problem.space, none, set()  # some row no prime implicant covers: no solution
    solved = solve_chart(chart, all_sol=False, row_dom=False)
    used = sorted({int(i) for model in solved.models for i in model})
    return problem.space, np.asarray(pis, dtype=np.int64)[used], problem.explained_numbers()


def _common_terms(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The non-empty intersections of each term of ``first`` with each of ``second``: the
    configurations both cover, without listing them."""
    k = first.shape[1]
    step = max(1, 4_000_000 // max(1, len(second) * k))  # a few MB of pairs at a time
    parts = [np.zeros((0, k), dtype=np.int64)]
    for start in range(0, len(first), step):
        a, b = first[start : start + step, None, :], second[None, :, :]
        clash = ((a >= 0) & (b >= 0) & (a != b)).any(axis=2)
        parts.append(np.where(a >= 0, a, b)[~clash].reshape(-1, k))
    return np.unique(np.concatenate(parts), axis=0)


def _one_rows(tt: Any, where: str) -> set[int]:
    problem = build_problem(tt, where=where)
    configs = problem.configs[problem.out == "1"]
    return set(problem.space.covered_rows(configs).tolist()) if len(configs) else set()


def contradictory_assumptions(tt: Any, negated: Any = None, *, where: str = "find_rows") -> list[int]:
    """CSA: simplifying assumptions of the parsimonious models of both ``tt``'s outcome
    and its negation (``negated``: that table, default :func:`negated_table`)."""
    negated = negated_table(tt) if negated is None else negated
    try:
        space, terms, explained = _parsimonious_cover(tt, where)
        _, negated_terms, negated_explained = _parsimonious_cover(negated, where)
    except NoSolutionError:
        return []
    # the configurations both cover, as terms: listed only if they are few enough
    common = _common_terms(terms, negated_terms)
    rows = space.covered_rows(common).tolist() if len(common) else []
    return [r for r in rows if r not in explained and r not in negated_explained]


def simultaneous_subset_rows(tt: Any, negated: Any = None, *, where: str = "find_rows") -> list[int]:
    """SSR: rows coded ``"1"`` both in ``tt`` and in the negated outcome's table."""
    negated = negated_table(tt) if negated is None else negated
    return sorted(_one_rows(tt, where) & _one_rows(negated, where))


def esa_rows(tt: Any, *, where: str = "minimize") -> list[int]:
    """Rows the enhanced standard analysis excludes: CSA and SSR, one negated table."""
    negated = negated_table(tt)
    rows = set(contradictory_assumptions(tt, negated, where=where))
    rows |= set(simultaneous_subset_rows(tt, negated, where=where))
    return sorted(rows)
