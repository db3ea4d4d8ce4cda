"""Search for necessary (superset) and sufficient (subset) combinations of conditions.

For k = 1, 2, ... up to ``depth``, every k-subset of the conditions and every combination of
their values (``~A`` / ``A``, or ``A[0]``, ``A[1]``, ``A[2]`` for multi-value conditions) is
tested, as R QCA's ``superSubset`` does:

* necessity: each conjunction whose inclusion (``inclN``) and coverage (``covN``) reach the
  cut-offs is kept, all of them (``LIT``, ``STB`` and ``LIT*STB`` may all appear); a literal
  set whose conjunction fails is tried as a disjunction, kept when it passes and contains no
  expression already kept at a lower k;
* sufficiency: conjunctions only, kept when they pass and contain no conjunction kept at a
  lower k.

After k = 3 the search stops at the first k that adds nothing (once anything was found).

>>> import pandas as pd
>>> data = pd.DataFrame(
...     {"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "C": [1, 1, 1, 0], "Y": [1, 1, 1, 0]},
...     index=list("pqrs"),
... )
>>> super_subset(data, "Y")
       inclN  RoN  covN
C        1.0  1.0   1.0
A + B    1.0  1.0   1.0
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from qca._limits import limit, over
from qca._text import set_name_fix, set_name_problem
from qca._tt_conditions import read_condition as _read_condition
from qca._validation import TOL, check_cases, check_fraction, check_int
from qca.exceptions import DataError, InvalidParameterError
from qca.expr import format_literal, membership, parse_expression
from qca.fit import ZERO_BELOW, _necessity, _relation, _sufficiency

__all__ = ["super_subset"]

#: The search never goes beyond this many combinations of one size (a guard for huge
#: multi-value data; R would not finish either).
MAX_COMBINATIONS = 5_000_000

#: The stopping rule (stop at the first k that adds nothing) applies after this k.
_ALWAYS_SEARCH_UP_TO = 3


@dataclass(frozen=True)
class _Found:
    literals: frozenset[tuple[int, int]]  # (condition index, value)
    k: int
    disjunction: bool
    order: tuple[int, ...]  # position in the search, for R's order
    values: dict[str, float]


def _literal_memberships(
    data: pd.DataFrame, names: list[str]
) -> tuple[list[int], list[np.ndarray]]:
    levels, grids = [], []
    for name in names:
        cond = _read_condition(data[name])
        levels.append(cond.levels)
        grid = cond.memberships[: cond.levels].copy()
        if cond.temporal:  # a "-" cell has membership 0 in every literal of its condition
            grid[:, cond.codes == cond.levels] = 0.0
        grids.append(grid)
    return levels, grids


def _label(found: _Found, names: list[str], multivalue: bool) -> str:
    literals = sorted(found.literals)
    parts = [format_literal(names[j], [v], multivalue=multivalue) for j, v in literals]
    return (" + " if found.disjunction else "*").join(parts)


def _passes(
    values: dict[str, np.ndarray], incl: str, cov: str, incl_cut: float, cov_cut: float
) -> np.ndarray:
    ok = values[incl] + TOL >= incl_cut
    if cov_cut > 0:
        ok &= values[cov] + TOL >= cov_cut
    return np.asarray(ok & ~np.isnan(values[incl]))


def _contains_lower(
    literals: frozenset, k: int, found: list[_Found], conjunctions_only: bool
) -> bool:
    return any(
        f.k < k and f.literals <= literals and (not conjunctions_only or not f.disjunction)
        for f in found
    )


class _Lower:
    """The literal sets found so far, to ask whether one found with fewer literals lies
    inside a candidate. Looking up the candidate's 2**k - 2 proper subsets is much cheaper
    than scanning tens of thousands of expressions found (the scan made the search
    quadratic); the scan is kept for when it is the cheaper of the two.
    """

    def __init__(self) -> None:
        self.found: list[_Found] = []
        self.every: set[frozenset] = set()
        self.conjunctions: set[frozenset] = set()

    def add(self, item: _Found) -> None:
        self.found.append(item)
        self.every.add(item.literals)
        if not item.disjunction:
            self.conjunctions.add(item.literals)

    def contains_lower(self, literals: frozenset, k: int, conjunctions_only: bool) -> bool:
        if 2**k > len(self.found):
            return _contains_lower(literals, k, self.found, conjunctions_only)
        index = self.conjunctions if conjunctions_only else self.every
        members = sorted(literals)
        return any(
            frozenset(sub) in index
            for r in range(1, k)
            for sub in itertools.combinations(members, r)
        )


def _search(
    levels: list[int],
    grids: list[np.ndarray],
    y: np.ndarray,
    relation: str,
    incl_cut: float,
    cov_cut: float,
    depth: int,
) -> list[_Found]:
    necessity = relation == "necessity"
    incl_col, cov_col = ("inclN", "covN") if necessity else ("inclS", "covS")
    measure = _necessity if necessity else _sufficiency
    lower = _Lower()
    found = lower.found
    position = 0
    per_level = _combinations_per_level(levels, depth)
    budget = limit("max_combinations")
    for k in range(1, depth + 1):
        # the cost of a level is known before it starts: refuse rather than run for hours
        if position + per_level[k] > budget:
            raise InvalidParameterError(
                over(
                    "max_combinations",
                    position + per_level[k],
                    f"super_subset over {len(levels)} conditions would test "
                    f"{position + per_level[k]:,} combinations up to {k} conditions combined",
                    f"(set 'depth' to {max(k - 1, 1)} or less, or use fewer conditions; "
                    "on the command line: qca necessity --depth)",
                )
            )
        added = 0
        for subset in itertools.combinations(range(len(levels)), k):
            combos = np.array(list(itertools.product(*(range(levels[j]) for j in subset))))
            if combos.size > MAX_COMBINATIONS:
                raise InvalidParameterError(
                    f"super_subset would test {combos.shape[0]} combinations of "
                    f"{[j for j in subset]}; lower 'depth'."
                )
            stacked = np.stack([grids[j][combos[:, i]] for i, j in enumerate(subset)], axis=1)
            conj = stacked.min(axis=1)  # (combos, n)
            values = measure(conj.T, y)
            passed = _passes(values, incl_col, cov_col, incl_cut, cov_cut)
            disj_values = None
            if necessity and k > 1 and not passed.all():
                disj_values = measure(stacked.max(axis=1).T, y)
                disj_passed = _passes(disj_values, incl_col, cov_col, incl_cut, cov_cut)
            for c, combo in enumerate(combos):
                position += 1
                literals = frozenset(zip(subset, (int(v) for v in combo), strict=True))
                if passed[c]:
                    if not necessity and lower.contains_lower(literals, k, True):
                        continue
                    row = {key: float(v[c]) for key, v in values.items()}
                    lower.add(_Found(literals, k, False, (0, k, position), row))
                    added += 1
                elif disj_values is not None and disj_passed[c]:
                    if lower.contains_lower(literals, k, False):
                        continue
                    row = {key: float(v[c]) for key, v in disj_values.items()}
                    lower.add(_Found(literals, k, True, (1, k, position), row))
                    added += 1
        if k >= _ALWAYS_SEARCH_UP_TO + 1 and added == 0 and found:
            break
    return found


def _combinations_per_level(levels: list[int], depth: int) -> list[int]:
    """Entry k: the combinations tested with k conditions combined, the sum over every
    k-subset of conditions of the product of their numbers of values (0 for k = 0).

    >>> _combinations_per_level([2, 2, 2], 3)
    [0, 6, 12, 8]
    """
    # elementary symmetric polynomials of the levels, by dynamic programming
    counts = [1] + [0] * depth
    for lv in levels:
        for k in range(depth, 0, -1):
            counts[k] += counts[k - 1] * lv
    return [0, *counts[1:]]


def super_subset(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | str | None = None,
    *,
    relation: str = "necessity",
    incl_cut: float = 1.0,
    cov_cut: float = 0.0,
    ron_cut: float = 0.0,
    pri_cut: float = 0.0,
    depth: int | None = None,
) -> pd.DataFrame:
    """Find the conjunctions and disjunctions that are necessary (or sufficient) for an outcome.

    Parameters
    ----------
    data : pandas.DataFrame
        Cases in rows: crisp, multi-value or fuzzy conditions and the outcome.
    outcome : str
        The outcome's column, possibly negated (``"~SURV"``).
    conditions : list of str, optional
        Default: every column except the outcome's.
    relation : {"necessity", "sufficiency"}, default="necessity"
    incl_cut : float, default=1.0
        Minimum inclusion (``inclN`` or ``inclS``), compared with R's tolerance.
    cov_cut : float, default=0.0
        Minimum coverage (``covN`` or ``covS``), compared with R's tolerance.
    ron_cut : float, default=0.0
        Necessity only: minimum relevance of necessity, applied to the results (no
        tolerance).
    pri_cut : float, default=0.0
        Sufficiency only: minimum PRI, applied to the results (no tolerance).
    depth : int, optional
        Largest number of literals in an expression. Default: the number of conditions.

    Returns
    -------
    pandas.DataFrame
        Indexed by expression as R QCA prints it (``"LIT*STB"``, ``"DEV + URB + IND"``,
        ``"DEV[2] + URB[1] + IND[0]"`` for multi-value data). Columns ``inclN``, ``RoN``,
        ``covN`` (necessity) or ``inclS``, ``PRI``, ``covS`` (sufficiency), as in
        :func:`qca.fit`. Rows in R's order: conjunctions, then disjunctions, each by
        number of literals, then by conditions (data order), then by values.

    See Also
    --------
    qca.fit : parameters of fit of a given expression.

    Notes
    -----
    For necessity every passing conjunction is listed, with no minimality filter (as R
    QCA's ``superSubset``); disjunctions are tested only when their conjunction fails, and
    kept when they contain no expression found with fewer literals. For sufficiency only
    conjunctions with no passing sub-conjunction are kept.

    References
    ----------
    Dusa, A. (2019). *QCA with R*. Springer (R package ``QCA``, ``superSubset``).
    Schneider, C. Q., & Wagemann, C. (2012). *Set-Theoretic Methods for the Social
    Sciences*. Cambridge University Press.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame(
    ...     {"A": [1, 1, 0, 0, 1], "B": [0, 1, 1, 0, 0], "Y": [1, 1, 0, 0, 0]},
    ...     index=list("pqrst"),
    ... )
    >>> super_subset(data, "Y", relation="sufficiency", incl_cut=0.6)
          inclS       PRI  covS
    A  0.666667  0.666667   1.0
    >>> super_subset(data, "Y", relation="sufficiency", incl_cut=0.9)
         inclS  PRI  covS
    A*B    1.0  1.0   0.5
    """
    where = "super_subset"
    check_cases(data, "data", where)
    relation = _relation(relation, where)
    incl_cut = check_fraction(incl_cut, "incl_cut", where)
    cov_cut = check_fraction(cov_cut, "cov_cut", where)
    ron_cut = check_fraction(ron_cut, "ron_cut", where)
    pri_cut = check_fraction(pri_cut, "pri_cut", where)
    names, y = _outcome_and_conditions(data, outcome, conditions, where)
    depth = len(names) if depth is None else min(check_int(depth, "depth", where, 1), len(names))
    levels, grids = _literal_memberships(data, names)
    found = _search(levels, grids, y, relation, incl_cut, cov_cut, depth)
    found.sort(key=lambda f: f.order)
    columns = ["inclN", "RoN", "covN"] if relation == "necessity" else ["inclS", "PRI", "covS"]
    multivalue = any(lv > 2 for lv in levels)
    labels = [_label(f, names, multivalue) for f in found]
    values = np.array([[f.values[c] for c in columns] for f in found], dtype=float).reshape(
        len(found), len(columns)
    )
    values[values < ZERO_BELOW] = 0.0
    table = pd.DataFrame(values, index=pd.Index(labels), columns=columns)
    if relation == "necessity" and ron_cut > 0:
        table = table[table["RoN"] >= ron_cut]
    if relation == "sufficiency" and pri_cut > 0:
        table = table[table["PRI"] >= pri_cut]
    return table


def _outcome_and_conditions(
    data: pd.DataFrame, outcome: Any, conditions: Any, where: str
) -> tuple[list[str], np.ndarray]:
    if not isinstance(outcome, str) or not outcome.strip():
        raise InvalidParameterError(
            f"The 'outcome' parameter of {where} must be a set name such as 'SURV' or '~SURV'. "
            f"Got {outcome!r} instead."
        )
    parsed = parse_expression(outcome)
    if parsed.relation is not None:
        raise InvalidParameterError(
            f"The 'outcome' parameter of {where} must be a set name, not a relation. Got {outcome!r}."
        )
    y = membership(data, parsed).to_numpy(dtype=float)
    if np.isnan(y).any() or (y < 0).any() or (y > 1).any():
        raise InvalidParameterError(
            f"Memberships in the outcome {outcome!r} of {where} must be numbers in [0, 1]."
        )
    if conditions is None:
        names = [str(c) for c in data.columns if str(c) not in parsed.names]
    else:
        if isinstance(conditions, str):
            conditions = [c.strip() for c in conditions.split(",") if c.strip()]
        if not isinstance(conditions, Iterable):
            raise InvalidParameterError(
                f"The 'conditions' parameter of {where} must be a list of column names or a "
                f"comma-separated string. Got {conditions!r} instead."
            )
        names = [str(c) for c in conditions]
    for name in names:
        # a column named '~A' or 'A*B' would print as an expression meaning something else
        problem = set_name_problem(name)
        if problem is not None and name in data.columns:
            raise DataError(
                f"The column {name!r} cannot be a condition of {where}: {problem}, and set "
                f"names are identifiers. {set_name_fix(name)}"
            )
    missing = [c for c in names if c not in data.columns]
    if missing:
        raise InvalidParameterError(
            f"Conditions {missing} of {where} are not columns of the data "
            f"(columns: {', '.join(map(str, data.columns))})."
        )
    if not names:
        raise InvalidParameterError(f"{where} needs at least one condition besides the outcome.")
    doubled = sorted({c for c in names if names.count(c) > 1})
    if doubled:
        raise InvalidParameterError(
            f"The 'conditions' parameter of {where} lists conditions twice: {doubled}."
        )
    clash = [c for c in names if c in parsed.names]
    if clash:
        raise InvalidParameterError(
            f"The outcome {clash[0]!r} of {where} cannot also be a condition."
        )
    return names, y
