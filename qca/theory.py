"""Theory evaluation: a theory's expectations against an empirical solution.

Ragin (1987) and Schneider & Wagemann (2012, ch. 11.3) compare a theory T (what the
literature expects to be sufficient for the outcome) with the solution S found by QCA
through the four intersections

- ``T*S``: what theory and findings agree on;
- ``~T*S``: what the findings add to the theory;
- ``T*~S``: what the theory expects but the findings do not support;
- ``~T*~S``: what neither expects.

Each intersection is read with the outcome: its cases with membership above 0.5 in it
and in Y (or in ~Y), and its parameters of fit as a sufficient condition for Y.
SetMethods' ``theory.evaluation`` names the eight cells of cases: T*S with Y is
"covered most likely", ~T*S with Y "covered least likely", T*~S with Y "uncovered most
likely", ~T*~S with Y "uncovered least likely"; with ~Y they are "inconsistent most
likely", "inconsistent least likely", "consistent most likely" and "consistent least
likely".

>>> import pandas as pd, qca
>>> data = pd.DataFrame(
...     {"A": [0.9, 0.8, 0.2, 0.1], "B": [0.8, 0.3, 0.9, 0.2], "Y": [0.9, 0.7, 0.8, 0.1]},
...     index=list("abcd"),
... )
>>> ev = qca.theory_evaluation(data, "A", "A*B + ~A*B", "Y")
>>> ev.intersections["~T*S"]
'~A*B'
>>> ev.cases.loc[("~T*S", "Y"), "cases"]
['c']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from qca._validation import check_cases
from qca.exceptions import ExpressionError, InvalidParameterError
from qca.expr import Expression, Literal, _and, _not, format_term, membership, parse_for_data
from qca.fit import sufficiency_measures

__all__ = ["TheoryEvaluation", "theory_evaluation", "INTERSECTIONS", "CELL_LABELS"]

#: The four intersections of theory T and solution S, in the order reported.
INTERSECTIONS = ("T*S", "~T*S", "T*~S", "~T*~S")

#: SetMethods' names of the eight cells (intersection, outcome side).
CELL_LABELS = {
    ("T*S", "Y"): "covered most likely",
    ("~T*S", "Y"): "covered least likely",
    ("T*~S", "Y"): "uncovered most likely",
    ("~T*~S", "Y"): "uncovered least likely",
    ("T*S", "~Y"): "inconsistent most likely",
    ("~T*S", "~Y"): "inconsistent least likely",
    ("T*~S", "~Y"): "consistent most likely",
    ("~T*~S", "~Y"): "consistent least likely",
}
_WHERE = "theory_evaluation"


def _simplify(terms: tuple[tuple[Literal, ...], ...]) -> tuple[tuple[Literal, ...], ...]:
    """Drop self-contradictory products (A*~A) and products another one absorbs."""
    kept: list[tuple[Literal, ...]] = []
    for term in terms:
        seen: dict[tuple[str, frozenset[int]], bool] = {}
        contradictory = False
        for lit in term:
            key = (lit.name, lit.values)
            if key in seen and seen[key] != lit.negated:
                contradictory = True
            seen[key] = lit.negated
        if not contradictory:
            kept.append(tuple(dict.fromkeys(term)))
    sets = [frozenset(t) for t in kept]
    out = []
    for i, term in enumerate(kept):
        absorbed = any(
            sets[j] < sets[i] or (sets[j] == sets[i] and j < i) for j in range(len(kept)) if j != i
        )
        if not absorbed:
            out.append(term)
    return tuple(out)


def _text(terms: tuple[tuple[Literal, ...], ...], order: list[str]) -> str:
    if not terms:
        return "(empty)"
    return " + ".join(format_term(t, order) for t in terms)


def _fit_row(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """inclS, PRI, covS of x for y (the measures of :mod:`qca.fit`)."""
    values = sufficiency_measures(np.asarray(x, dtype=float)[None, :], y)
    return {k: float(v[0]) for k, v in values.items()}


@dataclass(frozen=True, eq=False)
class TheoryEvaluation:
    """Result of :func:`qca.theory_evaluation`.

    Attributes
    ----------
    theory, solution, outcome : str
    intersections : dict
        ``"T*S"``, ``"~T*S"``, ``"T*~S"``, ``"~T*~S"`` -> the intersection as a sum of
        products (contradictory and absorbed products dropped; "(empty)" when nothing is
        left).
    memberships : DataFrame
        Each case's membership in T, S, the four intersections and the outcome.
    fit : DataFrame
        Rows T, S and the four intersections: ``inclS``, ``PRI``, ``covS`` as
        sufficient conditions for the outcome.
    cases : DataFrame
        Indexed by (intersection, ``"Y"`` or ``"~Y"``): ``label`` (SetMethods' name of the
        cell), ``cases`` (ids with membership > 0.5 in the intersection and in Y, or
        below 0.5 in Y), ``n``, ``share`` (n / all cases) and ``share_of_side`` (n / the
        cases on that side of the outcome).
    """

    theory: str
    solution: str
    outcome: str
    intersections: dict[str, str]
    memberships: pd.DataFrame
    fit: pd.DataFrame
    cases: pd.DataFrame

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (NaN as None)."""

        def clean(value: Any) -> Any:
            return None if isinstance(value, float) and math.isnan(value) else value

        cells = []
        for (inter, side), row in self.cases.iterrows():
            cells.append(
                {"intersection": inter, "outcome": side, **{k: clean(v) for k, v in row.items()}}
            )
        return {
            "theory": self.theory,
            "solution": self.solution,
            "outcome": self.outcome,
            "intersections": dict(self.intersections),
            "fit": {
                str(k): {c: clean(v) for c, v in row.items()} for k, row in self.fit.iterrows()
            },
            "cases": cells,
        }

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{name} {int(self.cases.loc[(name, 'Y'), 'n'])}/{int(self.cases.loc[(name, '~Y'), 'n'])}"
            for name in INTERSECTIONS
        )
        return f"TheoryEvaluation(T = {self.theory}; S = {self.solution}; cases in Y/~Y: {counts})"


def _expression(value: Any, name: str, data: pd.DataFrame) -> Expression:
    if hasattr(value, "models") and not isinstance(value, str):
        raise InvalidParameterError(
            f"The '{name}' parameter of theory_evaluation must be one model "
            "(e.g. solution.models[0]) or an expression, not a whole Solution."
        )
    if hasattr(value, "terms") and not isinstance(value, str):
        value = " + ".join(value.terms)
    if not isinstance(value, str) or not value.strip():
        raise InvalidParameterError(
            f"The '{name}' parameter of theory_evaluation must be an expression such as "
            f"'PM*CA + PF'. Got {value!r} instead."
        )
    names = [str(c) for c in data.columns]
    try:
        parsed = parse_for_data(value, names)
    except ExpressionError as exc:
        raise ExpressionError(
            f"The {name} {value!r} of theory_evaluation: {exc}", getattr(exc, "position", None)
        ) from exc
    unknown = [n for n in parsed.names if n not in names]
    if unknown:
        raise ExpressionError(
            f"The {name} {value!r} of theory_evaluation names the set {unknown[0]!r}, which "
            f"the data do not have: expected set names among {', '.join(names)}."
        )
    return parsed


def theory_evaluation(
    data: pd.DataFrame, theory: Any, solution: Any, outcome: str
) -> TheoryEvaluation:
    """Compare a theory with a solution through their four intersections.

    Parameters
    ----------
    data : DataFrame
        Set memberships, one row per case.
    theory : str
        What theory expects to be sufficient for the outcome, e.g. ``"PM*CA + PF"``.
    solution : str or Model
        The empirical solution: an expression or one :class:`qca.Model`.
    outcome : str
        Outcome set, possibly negated (``"~OC"``).

    Returns
    -------
    TheoryEvaluation
        ``intersections``, ``memberships``, ``fit`` and ``cases``.

    References
    ----------
    Ragin, C. C. (1987). *The Comparative Method*, ch. 7. Schneider, C. Q., & Wagemann,
    C. (2012). *Set-Theoretic Methods for the Social Sciences*, ch. 11.3. R package
    ``SetMethods``, ``theory.evaluation()``.

    Examples
    --------
    >>> import qca
    >>> data = qca.read_workbook("cases/digital_government.xlsx").calibrated()
    >>> ev = qca.theory_evaluation(data, "PM*CA*PF", "PM*CA*PF + PM*CA*TI", "OC")
    >>> ev.intersections
    {'T*S': 'PM*CA*PF', '~T*S': 'PM*CA*~PF*TI', 'T*~S': '(empty)', '~T*~S': '~PM + ~CA + ~PF*~TI'}
    >>> ev.cases.loc[("~T*S", "Y"), "cases"], ev.cases.loc[("~T*S", "~Y"), "label"]
    (['B区-2019'], 'inconsistent least likely')
    >>> ev.fit.loc["T*S"].round(3).tolist()
    [0.913, 0.886, 0.698]
    """
    data = check_cases(data, "data", _WHERE)
    if not isinstance(outcome, str) or not outcome.strip():
        raise InvalidParameterError(
            "The 'outcome' parameter of theory_evaluation must be a set name such as 'OC' "
            f"or '~OC'. Got {outcome!r} instead."
        )
    t = _expression(theory, "theory", data)
    s = _expression(solution, "solution", data)
    order = [str(c) for c in data.columns]
    from qca.cluster import _check_sets

    _check_sets(data, [t.format(order), s.format(order), outcome], _WHERE)
    not_t, not_s = _not(t.terms), _not(s.terms)
    products = {
        "T*S": _and(t.terms, s.terms),
        "~T*S": _and(not_t, s.terms),
        "T*~S": _and(t.terms, not_s),
        "~T*~S": _and(not_t, not_s),
    }
    intersections = {k: _text(_simplify(v), order) for k, v in products.items()}
    tm = membership(data, t).to_numpy(dtype=float)
    sm = membership(data, s).to_numpy(dtype=float)
    y = membership(data, outcome).to_numpy(dtype=float)
    columns = {
        "T": tm,
        "S": sm,
        "T*S": np.minimum(tm, sm),
        "~T*S": np.minimum(1 - tm, sm),
        "T*~S": np.minimum(tm, 1 - sm),
        "~T*~S": np.minimum(1 - tm, 1 - sm),
    }
    memberships = pd.DataFrame(columns, index=data.index)
    memberships[outcome] = y
    fit = pd.DataFrame({k: _fit_row(v, y) for k, v in columns.items()}).T
    rows = []
    for side in ("Y", "~Y"):
        side_mask = y > 0.5 if side == "Y" else y < 0.5
        for name in INTERSECTIONS:
            inside = (columns[name] > 0.5) & side_mask
            rows.append(
                {
                    "intersection": name,
                    "outcome": side,
                    "label": CELL_LABELS[(name, side)],
                    "cases": [str(c) for c in data.index[inside]],
                    "n": int(inside.sum()),
                    "share": float(inside.sum()) / len(y),
                    "share_of_side": float(inside.sum()) / side_mask.sum()
                    if side_mask.any()
                    else math.nan,
                }
            )
    cases = pd.DataFrame(rows).set_index(["intersection", "outcome"])
    return TheoryEvaluation(
        theory=t.format(order),
        solution=s.format(order),
        outcome=outcome,
        intersections=intersections,
        memberships=memberships,
        fit=fit,
        cases=cases,
    )
