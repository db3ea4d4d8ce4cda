"""``minimize(..., method="ccubes")`` end to end: R QCA's PIs, PI chart and models.

R QCA 3.25.1 minimizes with remainders through its CCubes search. This module puts
together what R does there (rules in :mod:`qca.minimize._ccubes`,
:mod:`qca.minimize._ccubes_search` and :mod:`qca.minimize._ccubes_models`):

- **No negative row**: R stops ("All truth table configurations are used, all conditions
  are minimized."), so :func:`ccubes_primes` raises a NoSolutionError saying what is
  needed.
- **Which PIs**: among the prime implicants (:func:`~qca.minimize._ccubes.ccubes_selection`),
  or, when a row holds a temporal ``"-"``, R's search over the rows themselves, whose PI
  chart is R's (:func:`~qca.minimize._ccubes_search.direct_search`). Two PIs written
  alike (a ``"-"`` field prints as no literal) are one PI, and R then rebuilds the chart
  from the written terms and drops any ``sol.cons`` search (R's ``getSolution``).
- **Row dominance** (``row_dom``) drops dominated PIs before anything else, with
  ``all_sol`` too (R's CCubes does; its QMC path switches it off).
- **Models**: every minimum cover (or, with ``all_sol``, every irredundant cover) of that
  chart; with ``sol_cons``, R's consistent models
  (:func:`~qca.minimize._ccubes_models.consistent_models`).

>>> import pandas as pd, qca
>>> data = pd.DataFrame({"A": [0, 1, 1, 0], "B": [0, 0, 1, 1], "Y": [1, 1, 1, 1]})
>>> qca.minimize(qca.truth_table(data, "Y"), include="?", method="ccubes")
Traceback (most recent call last):
...
qca.exceptions.NoSolutionError: method='ccubes' reproduces R QCA, which needs a negative row ...
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from qca.exceptions import InvalidParameterError, NoSolutionError
from qca.minimize._ccubes import ccubes_selection, visible_conditions
from qca.minimize._ccubes_models import consistent_models
from qca.minimize._ccubes_search import DASH, direct_search
from qca.minimize._chart import ChartSolution, solve_chart
from qca.minimize._order import r_order
from qca.minimize._primes import covers
from qca.minimize._problem import Problem

__all__ = ["CCubesFound", "ccubes_primes", "ccubes_solve"]

_R_NO_MODEL = "R QCA stops here with 'There are no solutions, given these constraints.'"


@dataclass(frozen=True)
class CCubesFound:
    """The PIs of R's search (R's order), with what solving them needs.

    ``fields`` are the PIs as R's search holds them (:data:`DASH` for a ``"-"`` field:
    it prints as no literal), ``chart`` which explained rows each covers (R's chart),
    ``merged`` True when two PIs were written alike (R then solves the chart of the
    written terms), ``note`` what the user should know.
    """

    pis: np.ndarray
    fields: np.ndarray
    chart: np.ndarray
    merged: bool = False
    note: str | None = None


def _require_negatives(problem: Problem, off: np.ndarray) -> None:
    if len(off):
        return
    raise NoSolutionError(
        "method='ccubes' reproduces R QCA, which needs a negative row to minimize "
        f"{problem.outcome!r} with remainders: a truth-table row coded '0', a 'C' row "
        "not named in include, or an excluded row. Every row here is explained or a "
        "remainder (R QCA stops with 'All truth table configurations are used, all "
        "conditions are minimized.'). Check the truth table (incl_cut, the outcome), or "
        "use method='complete', which returns the tautology '1'."
    )


def _field_members(problem: Problem, fields: np.ndarray) -> np.ndarray:
    """Membership of each case in each PI as R's search holds it (a "-" field: the cases
    coded "-" in that condition)."""
    out = np.empty((len(fields), len(problem.y)))
    dash: dict[int, np.ndarray] = {}
    for i, term in enumerate(fields):
        m = problem.term_membership([int(v) if v >= 0 else -1 for v in term])
        for j in (int(c) for c in np.flatnonzero(term == DASH)):
            if j not in dash:
                column = problem.data[problem.space.conditions[j]]
                dash[j] = (column.astype(str).str.strip() == "-").to_numpy(dtype=float)
            m = np.minimum(m, dash[j])
        out[i] = m
    return out


def _open_rows_error(problem: Problem, n_kept: int, n_all: int | None, open_rows: np.ndarray) -> NoSolutionError:
    rows = [int(problem.table_rows[problem.explained_mask][i]) for i in open_rows]
    of = f" of the {n_all}" if n_all is not None else ""
    return NoSolutionError(
        f"method='ccubes' (R QCA's CCubes search) kept {n_kept}{of} prime implicants "
        f"of {problem.outcome!r}, and none of them covers the truth-table rows {rows} "
        f"({_R_NO_MODEL}). method='complete' (the default) uses every prime implicant."
    )


def ccubes_primes(problem: Problem, pis: np.ndarray, include_c: bool, *, pi_cons: float = 0.0,
                  sol_cons: float = 0.0) -> CCubesFound:
    """The PIs of R's CCubes search (``pis``: every prime implicant, R's order).

    Raises :class:`~qca.exceptions.NoSolutionError` when no row is negative, and when the
    kept PIs leave a row to explain uncovered (R: "There are no solutions, given these
    constraints."), unless ``sol_cons`` is set (R's consistent models need no cover).
    """
    on = problem.explained
    off = problem.negatives(include_c)
    _require_negatives(problem, off)
    if (on < 0).any() or (off < 0).any():
        return _temporal(problem, on, off, pi_cons, sol_cons)
    values = [a.max() for a in (on, off) if a.size]
    visible = visible_conditions(len(problem.space.levels), int(max(values, default=0)))
    keep = ccubes_selection(pis, on, problem.space.levels, visible=visible)
    chosen = pis[keep]
    chart = covers(chosen, on)
    if len(on) and sol_cons <= 0:
        open_rows = np.flatnonzero(~chart.any(axis=0)) if len(chosen) else np.arange(len(on))
        if len(open_rows):
            raise _open_rows_error(problem, len(keep), len(pis), open_rows)
    note = None
    if len(keep) < len(pis):
        note = (
            f"method='ccubes' reproduces R QCA's CCubes search: it kept {len(keep)} of the "
            f"{len(pis)} prime implicants, so minimal models using the others are not "
            "listed (method='complete' lists every one)."
        )
    return CCubesFound(chosen, chosen, chart, note=note)


def _temporal(problem: Problem, on: np.ndarray, off: np.ndarray, pi_cons: float,
              sol_cons: float) -> CCubesFound:
    """R's search over rows holding a temporal "-" (its own chart; written-alike PIs merged)."""

    def consistency(term: np.ndarray) -> float:
        x = _field_members(problem, term[None, :])[0]
        return float(np.minimum(x, problem.y).sum() / x.sum()) if x.sum() > 0 else float("nan")

    found = direct_search(on, off, pi_cons=pi_cons, consistency=consistency)
    order = r_order(np.where(found.fields >= 0, found.fields, -1), found.level)
    fields, chart = found.fields[order], found.chart[order]
    pis = np.where(fields >= 0, fields, -1)
    if len(on) and sol_cons <= 0:
        open_rows = np.flatnonzero(~chart.any(axis=0)) if len(pis) else np.arange(len(on))
        if len(open_rows):
            raise _open_rows_error(problem, len(pis), None, open_rows)
    note = (
        "method='ccubes' reproduces R QCA's CCubes search, which reads a temporal '-' as "
        "a value of its own (a '-' in a negative row is not expanded) and charts a prime "
        "implicant on the rows that share its code; method='complete' expands '-'."
    )
    return CCubesFound(pis, fields, chart, note=note)


def _merge_alike(problem: Problem, found: CCubesFound, row_dom: bool) -> CCubesFound:
    """R's getSolution: PIs written alike are kept once (the first), and the chart is then
    that of the written terms (row dominance applied to it again)."""
    _, first = np.unique(found.pis, axis=0, return_index=True)
    if len(first) == len(found.pis):
        return found
    keep = np.sort(first)
    merged = replace(found, pis=found.pis[keep], fields=found.fields[keep],
                     chart=covers(found.pis[keep], problem.explained), merged=True)
    return _restrict(merged, _undominated(merged.chart)) if row_dom else merged


def _undominated(chart: np.ndarray) -> np.ndarray:
    """PIs whose covered rows are no strict subset of another PI's (R's row dominance)."""
    n = len(chart)
    sizes = chart.sum(axis=1)
    inside = (chart[:, None, :] <= chart[None, :, :]).all(axis=2)  # [i, j]: rows(i) within rows(j)
    dominated = (inside & (sizes[:, None] < sizes[None, :])).any(axis=1)
    return np.flatnonzero(~dominated) if n else np.zeros(0, dtype=np.int64)


def _refuse_empty(problem: Problem, found: CCubesFound) -> None:
    """R fails when its search kept a candidate made of "-" fields only (it writes no
    literal): a row with "-" where no negative row has one."""
    empty = np.flatnonzero((found.pis < 0).all(axis=1))
    if not len(empty):
        return
    conditions = [problem.space.conditions[j] for j in np.flatnonzero((found.fields[empty] == DASH).any(axis=0))]
    raise InvalidParameterError(
        "method='ccubes' cannot reproduce R QCA here: its CCubes search keeps a term made "
        f"only of the temporal '-' of {conditions} (explained rows hold '-' there and no "
        "negative row does), which has no literal, and R QCA 3.25.1 then stops with an "
        "internal error (\"length of 'dimnames' [1] not equal to array extent\"). Use "
        "method='complete' (the default), which expands '-'."
    )


def _restrict(found: CCubesFound, keep: np.ndarray) -> CCubesFound:
    return replace(found, pis=found.pis[keep], fields=found.fields[keep], chart=found.chart[keep])


def _consistent(problem: Problem, found: CCubesFound, sol_cons: float, all_sol: bool) -> ChartSolution:
    """R's models with sol.cons (:mod:`qca.minimize._ccubes_models`); none: NoSolutionError."""
    n_pi = len(found.pis)
    max_size = min(int(found.chart.shape[1]), n_pi, 7 if all_sol else n_pi)
    models = consistent_models(_field_members(problem, found.fields), problem.y,
                               sol_cons=sol_cons, max_size=max_size)
    if not models:
        raise NoSolutionError(
            f"No model of {problem.outcome!r} reaches sol_cons = {sol_cons} with "
            "method='ccubes': R QCA's search tests every combination of up to "
            f"{max_size} of its {n_pi} prime implicants and keeps those whose union "
            "reaches inclusion sol_cons and coverage 1 (R's sol.cov); none does "
            f"({_R_NO_MODEL}). method='complete' keeps the minimal models reaching sol_cons."
        )
    common = set(models[0]).intersection(*models[1:])
    note = (
        f"sol_cons = {sol_cons} with method='ccubes': as R QCA, the models are every "
        "combination of the prime implicants (fewest first, none holding a smaller one) "
        "whose union reaches inclusion sol_cons and coverage 1; they need not cover every "
        "explained row"
    )
    return ChartSolution(models, tuple(sorted(common)), tuple(range(n_pi)), True,
                         min(len(m) for m in models), [note], len(models), len(models))


def ccubes_solve(
    problem: Problem, found: CCubesFound, *, all_sol: bool, row_dom: bool, sol_cons: float,
    max_models: int,
) -> tuple[CCubesFound, ChartSolution]:
    """R's models of the PIs ``found`` (and the PIs left after row dominance).

    In R's order: row dominance, the sol.cons models (none: no solution), a term with no
    literal (R's internal error), PIs written alike merged (the sol.cons models are then
    dropped for the minimum covers of the written terms), the chart solved.

    Raises :class:`~qca.exceptions.NoSolutionError` when no model exists.
    """
    if row_dom:
        found = _restrict(found, _undominated(found.chart))
    consistent = _consistent(problem, found, sol_cons, all_sol) if sol_cons > 0 else None
    _refuse_empty(problem, found)
    merged = _merge_alike(problem, found, row_dom)
    if consistent is not None and not merged.merged:
        return found, consistent
    solved = solve_chart(merged.chart, all_sol=all_sol, max_models=max_models)
    if not solved.models:
        raise NoSolutionError(
            f"The prime implicant chart of {problem.outcome!r} has no cover "
            f"({_R_NO_MODEL}). " + " ".join(solved.notes)
        )
    return merged, solved
