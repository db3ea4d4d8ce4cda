"""Case selection for process tracing after QCA (Schneider & Rohlfing 2013, 2016).

Set-theoretic multi-method research picks cases for within-case study from where they
sit relative to a sufficient solution S (and each of its terms X) and the outcome Y:

- **typical**: X > 0.5, Y > 0.5 and X <= Y (consistent members of term and outcome);
- **deviant consistency**: X > 0.5, Y < 0.5 (in the term, not in the outcome);
- **deviant coverage**: S < 0.5, Y > 0.5 (the outcome without any term);
- **individually irrelevant** (IIR): X < 0.5, Y < 0.5 (neither).

Within each type cases are ranked as Schneider & Rohlfing (2016) and SetMethods' ``smmr``
rank them (lower ``score`` is better):

- typical: ``2 * (Y - X) + (1 - X)`` -- close to the diagonal and deep in the term;
  cases covered by this term alone (``unique``) come first;
- deviant consistency: ``(1 - (X - Y)) + (1 - X)`` -- deep in the term, far out of Y;
- deviant coverage: ``1 - w`` with w the case's membership in its truth-table row
  (the minimum over conditions of max(c, 1 - c)); rows are kept apart and cases whose
  row membership is at most Y (``consistent_row``) come first;
- IIR: ``X + Y`` -- clearly out of both (SetMethods lists them by truth-table row without
  a score; this ranking is ours, stated here).

Matched pairs for comparative process tracing (:meth:`CaseSelection.matched_pairs`):

- ``"typical-deviant consistency"`` per term: ``|x_t - x_d| + (1 - (y_t - y_d)) +
  (1 - x_t) + (1 - x_d)``: both deep in the term, far apart on Y;
- ``"deviant coverage-irrelevant"`` within a truth-table row: ``|w_d - w_i| +
  (1 - (y_d - y_i)) + (1 - w_d) + (1 - w_i)``;
- ``"typical-irrelevant"`` per focal conjunct F of a term (the other conjuncts, their
  minimum C): ``(1 - (f_t - f_i)) + (1 - (y_t - y_i)) + |c_t - c_i| + 2|y_t - x_t| +
  |y_i - x_i|``, pairs first sorted by Schneider & Rohlfing's eight pair ranks (an IIR
  case that is out of F but in C is the best counterpart).

>>> import pandas as pd, qca
>>> data = pd.DataFrame(
...     {
...         "A": [0.9, 0.8, 0.7, 0.2, 0.1],
...         "B": [0.8, 0.9, 0.6, 0.9, 0.2],
...         "Y": [0.95, 0.3, 0.8, 0.7, 0.1],
...     },
...     index=list("abcde"),
... )
>>> picks = qca.case_selection(data, "A*B", "Y")
>>> picks.typical.index.tolist()
[('A*B', 'a'), ('A*B', 'c'), ('solution', 'a'), ('solution', 'c')]
>>> picks.deviant_consistency.loc["A*B"].index.tolist()
['b']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from qca._validation import check_cases, check_choice, check_names
from qca.exceptions import ExpressionError, InvalidParameterError
from qca.expr import format_term, membership, parse_for_data

__all__ = ["CaseSelection", "case_selection", "PAIR_KINDS"]

PAIR_KINDS = ("typical-deviant consistency", "deviant coverage-irrelevant", "typical-irrelevant")
SOLUTION = "solution"
_WHERE = "case_selection"


def _solution_terms(solution: Any, data: pd.DataFrame) -> list[str]:
    if hasattr(solution, "models") and not isinstance(solution, str):
        raise InvalidParameterError(
            "The 'solution' parameter of case_selection must be one model (e.g. "
            "solution.models[0]) or an expression, not a whole Solution."
        )
    if hasattr(solution, "terms") and not isinstance(solution, str):
        return [str(t) for t in solution.terms]
    if not isinstance(solution, str) or not solution.strip():
        raise InvalidParameterError(
            "The 'solution' parameter of case_selection must be an expression such as "
            f"'PM*CA + PF' or a qca Model. Got {solution!r} instead."
        )
    names = [str(c) for c in data.columns]
    try:
        parsed = parse_for_data(solution, names)
    except ExpressionError as exc:
        raise ExpressionError(
            f"The solution {solution!r} of case_selection: {exc}", getattr(exc, "position", None)
        ) from exc
    unknown = [n for n in parsed.names if n not in names]
    if unknown:
        raise ExpressionError(
            f"The solution {solution!r} of case_selection names the set {unknown[0]!r}, which "
            f"the data do not have: expected set names among {', '.join(names)}."
        )
    return [format_term(t) for t in parsed.terms]


@dataclass(frozen=True, eq=False)
class CaseSelection:
    """Result of :func:`qca.case_selection`.

    Attributes
    ----------
    typical : DataFrame
        Indexed by (term, case) -- the terms and ``"solution"`` --, ranked within each:
        ``X``, ``Y``, ``score``, ``unique`` (member of exactly one term), ``most`` (the
        best score of the term).
    deviant_consistency : DataFrame
        Indexed by (term, case) -- the terms and ``"solution"`` --: ``X``, ``Y``,
        ``score``, ``most``.
    deviant_coverage : DataFrame
        Indexed by case: ``S``, ``Y``, ``row`` (the truth-table row, e.g. ``"1,0,1"``),
        ``w`` (membership in that row), ``score``, ``consistent_row`` (w <= Y), ``most``
        (best score of its row).
    irrelevant : DataFrame
        Indexed by (term, case) -- the terms and ``"solution"`` --: ``X``, ``Y``,
        ``row``, ``score`` (X + Y).
    memberships : DataFrame
        Each case's membership in every term, the solution and the outcome.
    conditions : list of str
        The conditions that define truth-table rows.
    """

    typical: pd.DataFrame
    deviant_consistency: pd.DataFrame
    deviant_coverage: pd.DataFrame
    irrelevant: pd.DataFrame
    memberships: pd.DataFrame
    conditions: list[str]
    outcome: str
    _data: pd.DataFrame

    @property
    def terms(self) -> list[str]:
        """The terms of the solution, in order."""
        return [c for c in self.memberships.columns if c not in (SOLUTION, self.outcome)]

    def matched_pairs(self, kind: str, *, max_pairs: int | None = 5) -> pd.DataFrame:
        """Ranked pairs of cases for comparative process tracing.

        Parameters
        ----------
        kind : {"typical-deviant consistency", "deviant coverage-irrelevant", "typical-irrelevant"}
        max_pairs : int or None, default=5
            Pairs kept per group (term, truth-table row, or term and focal conjunct);
            None keeps all.

        Returns
        -------
        DataFrame
            One row per pair, best first within each group; ``score`` (lower is better),
            ``best`` (the group's lowest score) and, for typical-irrelevant, ``rank``
            (Schneider & Rohlfing's pair rank 1-8) and ``focal``.
        """
        check_choice(kind, "kind", "CaseSelection.matched_pairs", PAIR_KINDS)
        if max_pairs is not None and (not isinstance(max_pairs, int) or max_pairs < 1):
            raise InvalidParameterError(
                "The 'max_pairs' parameter of CaseSelection.matched_pairs must be a positive "
                f"integer or None. Got {max_pairs!r} instead."
            )
        if kind == "typical-deviant consistency":
            frame = self._typical_deviant()
        elif kind == "deviant coverage-irrelevant":
            frame = self._coverage_irrelevant()
        else:
            frame = self._typical_irrelevant()
        if frame.empty or max_pairs is None:
            return frame
        return frame.groupby("group", sort=False).head(max_pairs).reset_index(drop=True)

    def _typical_deviant(self) -> pd.DataFrame:
        rows = []
        y = self.memberships[self.outcome]
        for term in self.terms:
            x = self.memberships[term]
            typical = [c for c in x.index if x[c] > 0.5 and y[c] > 0.5 and x[c] <= y[c]]
            deviant = [c for c in x.index if x[c] > 0.5 and y[c] < 0.5]
            group = []
            for t in typical:
                for d in deviant:
                    score = abs(x[t] - x[d]) + (1 - (y[t] - y[d])) + (1 - x[t]) + (1 - x[d])
                    group.append(
                        {
                            "group": term,
                            "term": term,
                            "typical": t,
                            "deviant_consistency": d,
                            "score": float(score),
                        }
                    )
            rows += _rank(group, ["score"])
        return pd.DataFrame(rows)

    def _coverage_irrelevant(self) -> pd.DataFrame:
        cov = self.deviant_coverage
        irr = (
            self.irrelevant.loc[SOLUTION]
            if SOLUTION in self.irrelevant.index.get_level_values(0)
            else None
        )
        rows: list[dict[str, Any]] = []
        if irr is None or cov.empty:
            return pd.DataFrame(rows)
        w, y = _row_membership(self._data, self.conditions), self.memberships[self.outcome]
        for row in dict.fromkeys(cov["row"]):
            group = []
            for d in cov.index[cov["row"] == row]:
                for i in irr.index[irr["row"] == row]:
                    score = abs(w[d] - w[i]) + (1 - (y[d] - y[i])) + (1 - w[d]) + (1 - w[i])
                    group.append(
                        {
                            "group": row,
                            "row": row,
                            "deviant_coverage": d,
                            "irrelevant": i,
                            "score": float(score),
                            "consistent_row": bool(cov.loc[d, "consistent_row"]),
                        }
                    )
            rows += _rank(group, ["consistent_row_first", "score"])
        return pd.DataFrame(rows)

    def _typical_irrelevant(self) -> pd.DataFrame:
        rows = []
        y = self.memberships[self.outcome]
        for term in self.terms:
            literals = term.split("*")
            x = self.memberships[term]
            typical = [c for c in x.index if x[c] > 0.5 and y[c] > 0.5 and x[c] <= y[c]]
            irrelevant = [c for c in x.index if x[c] < 0.5 and y[c] < 0.5]
            for focal in literals:
                f = membership(self._data, focal)
                others = [lit for lit in literals if lit != focal]
                c = (
                    membership(self._data, "*".join(others))
                    if others
                    else pd.Series(0.0, index=x.index)
                )
                group = []
                for t in typical:
                    for i in irrelevant:
                        score = (
                            (1 - (f[t] - f[i]))
                            + (1 - (y[t] - y[i]))
                            + abs(c[t] - c[i])
                            + 2 * abs(y[t] - x[t])
                            + abs(y[i] - x[i])
                        )
                        group.append(
                            {
                                "group": f"{term} | {focal}",
                                "term": term,
                                "focal": focal,
                                "typical": t,
                                "irrelevant": i,
                                "score": float(score),
                                "rank": _pair_rank(f[t], c[t], f[i], c[i]),
                            }
                        )
                rows += _rank(group, ["rank", "score"])
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready tables (lists of records)."""

        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [
                {
                    str(k): (None if isinstance(v, float) and math.isnan(v) else v)
                    for k, v in r.items()
                }
                for r in frame.reset_index().to_dict(orient="records")
            ]

        return {
            "outcome": self.outcome,
            "typical": records(self.typical),
            "deviant_consistency": records(self.deviant_consistency),
            "deviant_coverage": records(self.deviant_coverage),
            "irrelevant": records(self.irrelevant),
        }

    def __repr__(self) -> str:
        return (
            f"CaseSelection({' + '.join(self.terms)} -> {self.outcome}: "
            f"{len(self.typical)} typical, {len(self.deviant_consistency)} deviant consistency, "
            f"{len(self.deviant_coverage)} deviant coverage, {len(self.irrelevant)} IIR rows)"
        )


def _pair_rank(ft: float, ct: float, fi: float, ci: float) -> int:
    """Schneider & Rohlfing's rank of a typical-IIR pair for a focal conjunct (1 best).

    The IIR case out of the focal conjunct but in the complement (ranks 1-2) isolates the
    focal conjunct best; then IIR cases out of both (3-6); last IIR cases in the focal
    conjunct but out of the complement (7-8). Within each, a typical case whose focal
    conjunct is its weakest member (f < c) comes first.
    """
    weak = ft < ct
    if fi < 0.5 and ci >= 0.5:
        return 1 if weak else 2
    if fi < 0.5 and ci < 0.5:
        if weak:
            return 3 if ci > fi else 4
        return 5 if fi < ci else 6
    return 7 if weak else 8


def _rank(group: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
    if not group:
        return []
    for item in group:
        item["consistent_row_first"] = not item.get("consistent_row", True)
    group.sort(key=lambda item: tuple(item[k] for k in keys))
    best = min(item["score"] for item in group)
    for item in group:
        item.pop("consistent_row_first")
        item["best"] = abs(item["score"] - best) < 1e-12
    return group


def _row_membership(data: pd.DataFrame, conditions: list[str]) -> pd.Series:
    values = data[conditions].astype(float)
    return values.where(values > 0.5, 1 - values).min(axis=1)


def _row_label(data: pd.DataFrame, conditions: list[str]) -> pd.Series:
    crisp = (data[conditions].astype(float) > 0.5).astype(int)
    return crisp.astype(str).agg(",".join, axis=1)


def case_selection(
    data: pd.DataFrame,
    solution: Any,
    outcome: str,
    conditions: Any = None,
) -> CaseSelection:
    """Typical, deviant and irrelevant cases of a solution, ranked for process tracing.

    Parameters
    ----------
    data : DataFrame
        Set memberships, one row per case.
    solution : str or Model
        A sufficient solution (``"PM*CA*PF + PM*CA*TI"``) or one :class:`qca.Model`.
    outcome : str
        Outcome set, possibly negated.
    conditions : list of str, optional
        The conditions of the truth table (they define the truth-table rows used for
        deviant coverage and IIR cases); default the sets the solution names.

    Returns
    -------
    CaseSelection

    References
    ----------
    Schneider, C. Q., & Rohlfing, I. (2013). Combining QCA and process tracing in
    set-theoretic multi-method research. *Sociological Methods & Research* 42(4),
    559-597. Schneider, C. Q., & Rohlfing, I. (2016). Case studies nested in fuzzy-set
    QCA on sufficiency. *Sociological Methods & Research* 45(3), 526-568. R package
    ``SetMethods`` (``smmr``).

    Examples
    --------
    >>> import qca
    >>> data = qca.read_workbook("cases/digital_government.xlsx").calibrated()
    >>> picks = qca.case_selection(data, "PM*CA*PF + PM*CA*TI", "OC", ["PM", "CA", "PF", "TI"])
    >>> picks.typical.loc["PM*CA*PF"].head(2)[["score", "unique", "most"]].round(3)
              score  unique   most
    case
    E区-2020  0.369    True   True
    F区-2021  0.375    True  False
    >>> picks.deviant_consistency.loc["PM*CA*TI"].index.tolist()
    ['G区-2020', 'H区-2021']
    >>> pairs = picks.matched_pairs("typical-irrelevant", max_pairs=1)
    >>> pairs.loc[pairs["focal"] == "PF", ["typical", "irrelevant", "rank"]].values.tolist()
    [['E区-2020', 'H区-2021', 2]]
    """
    data = check_cases(data, "data", _WHERE)
    if not isinstance(outcome, str) or not outcome.strip():
        raise InvalidParameterError(
            "The 'outcome' parameter of case_selection must be a set name such as 'OC' or "
            f"'~OC'. Got {outcome!r} instead."
        )
    terms = _solution_terms(solution, data)
    if conditions is None:
        seen: dict[str, None] = {}
        for term in terms:
            for lit in term.split("*"):
                seen.setdefault(lit.lstrip("~").split("[")[0], None)
        names = list(seen)
    else:
        names = check_names(conditions, "conditions", _WHERE)
    missing = [n for n in names if n not in data.columns]
    if missing:
        raise InvalidParameterError(
            f"The 'conditions' parameter of case_selection names {missing[0]!r}, which the "
            f"data do not have: expected set names among {', '.join(map(str, data.columns))}."
        )
    from qca.cluster import _check_sets

    _check_sets(data, [*terms, *names, outcome], _WHERE)
    y = membership(data, outcome).astype(float)
    columns = {t: membership(data, t).astype(float) for t in terms}
    s = pd.concat(list(columns.values()), axis=1).max(axis=1)
    memberships = pd.DataFrame(columns, index=data.index)
    memberships[SOLUTION] = s
    memberships[outcome] = y
    w = _row_membership(data, names)
    rows = _row_label(data, names)
    in_terms = (memberships[terms] > 0.5).sum(axis=1)

    typical, devcons, irrelevant = [], [], []
    for term in [*terms, SOLUTION]:
        x = memberships[term]
        group = []
        for case in data.index:
            if x[case] > 0.5 and y[case] > 0.5 and x[case] <= y[case]:
                group.append(
                    {
                        "term": term,
                        "case": case,
                        "X": x[case],
                        "Y": y[case],
                        "score": 2 * (y[case] - x[case]) + (1 - x[case]),
                        "unique": bool(in_terms[case] == 1),
                    }
                )
        if group:
            best = min(g["score"] for g in group)
            for g in group:
                g["most"] = abs(g["score"] - best) < 1e-12
            group.sort(key=lambda g: (not g["unique"], g["score"]))
        typical += group
        group = [
            {
                "term": term,
                "case": case,
                "X": x[case],
                "Y": y[case],
                "score": (1 - (x[case] - y[case])) + (1 - x[case]),
            }
            for case in data.index
            if x[case] > 0.5 and y[case] < 0.5
        ]
        if group:
            best = min(g["score"] for g in group)
            for g in group:
                g["most"] = abs(g["score"] - best) < 1e-12
            group.sort(key=lambda g: g["score"])
        devcons += group
        group = [
            {
                "term": term,
                "case": case,
                "X": x[case],
                "Y": y[case],
                "row": rows[case],
                "score": x[case] + y[case],
            }
            for case in data.index
            if x[case] < 0.5 and y[case] < 0.5
        ]
        group.sort(key=lambda g: (g["row"], g["score"]))
        irrelevant += group

    coverage = [
        {
            "case": case,
            "S": s[case],
            "Y": y[case],
            "row": rows[case],
            "w": w[case],
            "score": 1 - w[case],
            "consistent_row": bool(w[case] <= y[case]),
        }
        for case in data.index
        if s[case] < 0.5 and y[case] > 0.5
    ]
    best_of_row: dict[str, float] = {}
    for g in coverage:
        best_of_row[g["row"]] = min(best_of_row.get(g["row"], math.inf), g["score"])
    for g in coverage:
        g["most"] = abs(g["score"] - best_of_row[g["row"]]) < 1e-12
    coverage.sort(key=lambda g: (g["row"], not g["consistent_row"], g["score"]))

    def frame(items: list[dict[str, Any]], index: list[str], cols: list[str]) -> pd.DataFrame:
        if not items:
            empty = pd.DataFrame(columns=[*index, *cols])
            return empty.set_index(index)
        return pd.DataFrame(items)[[*index, *cols]].set_index(index)

    return CaseSelection(
        typical=frame(typical, ["term", "case"], ["X", "Y", "score", "unique", "most"]),
        deviant_consistency=frame(devcons, ["term", "case"], ["X", "Y", "score", "most"]),
        deviant_coverage=frame(
            coverage, ["case"], ["S", "Y", "row", "w", "score", "consistent_row", "most"]
        ),
        irrelevant=frame(irrelevant, ["term", "case"], ["X", "Y", "row", "score"]),
        memberships=memberships,
        conditions=names,
        outcome=outcome,
        _data=data,
    )
