"""Cluster (panel) diagnostics of a set relation (Garcia-Castro & Ariño 2016).

When the cases are observations of units (districts, firms, countries) in clusters
(years, waves, regions), a consistency computed on the pooled observations can hide
that the relation holds in some years and not in others, or for some units and not for
others. :func:`cluster` splits the parameters of fit of each term of a solution, and of
the whole solution, into

- **pooled**: all observations together (the usual inclS and covS);
- **between**: one value per cluster (the units observed in that year);
- **within**: one value per unit (that unit across its years);

and measures how far the between- and within-values stray from the pooled one with
Garcia-Castro & Ariño's Euclidean distances ``dBP`` and ``dWP``: the distance between
the shares ``v_j / sum(v)`` of the J values and the even share ``1 / J``. A distance near
0 means the pooled value speaks for every cluster (unit).

>>> import pandas as pd, qca
>>> panel = pd.DataFrame(
...     {
...         "unit": ["a", "a", "b", "b"],
...         "year": [1, 2, 1, 2],
...         "X": [0.8, 0.9, 0.7, 0.2],
...         "Y": [0.9, 1.0, 0.3, 0.1],
...     }
... )
>>> result = qca.cluster(panel, "X", "Y", units="unit", clusters="year")
>>> result.within.loc["X", "inclS"].round(3).tolist()
[1.0, 0.444]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from qca._validation import check_cases, check_choice
from qca.exceptions import DataError, InvalidParameterError
from qca.expr import format_term, membership, parse_for_data
from qca.fit import inclusion

__all__ = ["Cluster", "cluster", "cluster_plot", "SOLUTION"]

#: Label of the row for the whole expression (every term together).
SOLUTION = "solution"
_WHERE = "cluster"


def _fit(x: np.ndarray, y: np.ndarray, relation: str) -> tuple[float, float]:
    """(consistency, coverage) of x -> y for sufficiency, of y -> x for necessity
    (the measures of :mod:`qca.fit`)."""
    incl_s, cov_s = float(inclusion(x, y)), float(inclusion(y, x))
    return (incl_s, cov_s) if relation == "sufficiency" else (cov_s, incl_s)


def distance(values: Sequence[float]) -> float:
    """Garcia-Castro & Ariño's distance of J values from their even share.

    ``sqrt(sum((v_j / sum(v) - 1 / J) ** 2))`` over the defined (non-NaN) values; 0 when
    all values are equal.

    >>> distance([0.9, 0.9, 0.9])
    0.0
    >>> round(distance([1.0, 0.5]), 4)
    0.2357
    """
    v = np.array([x for x in values if not math.isnan(x)], dtype=float)
    if len(v) == 0 or v.sum() <= 0:
        return math.nan
    return float(np.sqrt(np.sum((v / v.sum() - 1.0 / len(v)) ** 2)))


@dataclass(frozen=True, eq=False)
class Cluster:
    """Result of :func:`qca.cluster`.

    Attributes
    ----------
    summary : DataFrame
        One row per term and a row ``"solution"`` (the whole expression): pooled
        consistency and coverage (``inclS``, ``covS``; for necessity ``inclN``,
        ``covN``), ``dBP`` (between to pooled) and ``dWP`` (within to pooled) distances
        of the consistencies.
    between : DataFrame
        Indexed by (term, cluster): consistency, coverage and ``n`` (observations).
    within : DataFrame
        Indexed by (term, unit): consistency, coverage and ``n``.
    memberships : DataFrame
        Each observation's membership in every term, the solution and the outcome, with
        its unit and cluster.
    outcome, relation : str
    """

    summary: pd.DataFrame
    between: pd.DataFrame
    within: pd.DataFrame
    memberships: pd.DataFrame
    outcome: str
    relation: str

    @property
    def terms(self) -> list[str]:
        """The rows of ``summary``: the terms, then ``"solution"`` when there are several."""
        return list(self.summary.index)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: summary, between and within tables as lists of records (NaN as None)."""

        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            out = []
            for row in frame.reset_index().to_dict(orient="records"):
                out.append(
                    {
                        str(k): (None if isinstance(v, float) and math.isnan(v) else v)
                        for k, v in row.items()
                    }
                )
            return out

        return {
            "outcome": self.outcome,
            "relation": self.relation,
            "summary": records(self.summary.rename_axis("term")),
            "between": records(self.between),
            "within": records(self.within),
        }

    def __repr__(self) -> str:
        cons = self.summary.columns[0]
        row = self.summary.iloc[-1]
        return (
            f"Cluster({self.summary.index[-1]} -> {self.outcome}: pooled {cons}={row[cons]:.3f}, "
            f"dBP={row['dBP']:.3f}, dWP={row['dWP']:.3f}; "
            f"{self.between.index.get_level_values(1).nunique()} clusters, "
            f"{self.within.index.get_level_values(1).nunique()} units)"
        )


def _labels(data: pd.DataFrame, value: Any, name: str) -> pd.Series:
    """Unit or cluster labels of every observation, as text."""
    if isinstance(value, str):
        if value not in data.columns:
            raise DataError(
                f"The '{name}' parameter of cluster names column {value!r}, which the data do "
                f"not have: expected one of {', '.join(map(str, data.columns))}."
            )
        labels = data[value]
    elif isinstance(value, (pd.Series, pd.Index, Sequence, np.ndarray)) and len(value) == len(data):
        labels = pd.Series(list(value), index=data.index)
    else:
        raise InvalidParameterError(
            f"The '{name}' parameter of cluster must be a column name or one label per "
            f"observation ({len(data)}). Got {value!r} instead."
        )
    if labels.isna().any():
        cases = ", ".join(str(c) for c in data.index[labels.isna().to_numpy()][:10])
        raise DataError(f"The {name} of observations {cases} are missing.")
    return labels.astype(str)


def _terms(expr: Any, data: pd.DataFrame) -> list[str]:
    if hasattr(expr, "terms") and not isinstance(expr, str):
        return [str(t) for t in expr.terms]
    if not isinstance(expr, str) or not expr.strip():
        raise InvalidParameterError(
            "The 'expr' parameter of cluster must be an expression such as 'PM*CA + PF' or a "
            f"qca Model. Got {expr!r} instead."
        )
    parsed = parse_for_data(expr, [str(c) for c in data.columns])
    return [format_term(term) for term in parsed.terms]


def cluster(
    data: pd.DataFrame,
    expr: Any,
    outcome: str,
    *,
    units: Any,
    clusters: Any,
    relation: str = "sufficiency",
) -> Cluster:
    """Pooled, between-cluster and within-unit consistency and coverage of a solution.

    Parameters
    ----------
    data : DataFrame
        One row per observation (a unit in a cluster, e.g. a district in a year) with
        the set memberships.
    expr : str or Model
        The solution: ``"PM*CA*PF + PM*CA*TI"``, or a :class:`qca.Model`.
    outcome : str
        Outcome set, possibly negated (``"~OC"``).
    units, clusters : str or sequence
        Column names (or one label per observation) of the units (``"district"``) and
        the clusters (``"year"``).
    relation : {"sufficiency", "necessity"}, default="sufficiency"
        For necessity the consistency is inclN (= coverage of sufficiency) and the
        distances are taken on it, as in SetMethods' ``cluster(necessity=TRUE)``.

    Returns
    -------
    Cluster

    Notes
    -----
    Each observation must be a distinct (unit, cluster) pair, and at least one unit must
    be observed more than once (else within-unit consistency is meaningless). A unit or
    cluster whose members have no membership in a term has an undefined (NaN)
    consistency; the distances are taken over the defined values.

    References
    ----------
    Garcia-Castro, R., & Ariño, M. A. (2016). A general approach to panel data
    set-theoretic research. *Journal of Advances in Management Sciences & Information
    Systems* 2, 63-76. R package ``SetMethods``, ``cluster()``.

    Examples
    --------
    Ten districts observed in 2019, 2021 and 2023 (case ids ``甲区-2019``; the district is
    the part of the id before the dash):

    >>> import qca
    >>> data = qca.read_workbook("cases/digital_government_panel.xlsx").calibrated()
    >>> districts = data.index.str.split("-").str[0]
    >>> result = qca.cluster(data, "PM*CA*PF", "OC", units=districts, clusters="year")
    >>> result.summary.round(3)
              inclS   covS    dBP    dWP
    term
    PM*CA*PF   0.79  0.833  0.196  0.081
    >>> result.between["inclS"].round(3).tolist()
    [0.382, 0.848, 0.949]
    >>> result.within["inclS"].round(3).loc["PM*CA*PF", "辛区"]
    np.float64(0.426)
    """
    data = check_cases(data, "data", _WHERE)
    relation = check_choice(relation, "relation", _WHERE, ("sufficiency", "necessity"))
    if not isinstance(outcome, str) or not outcome.strip():
        raise InvalidParameterError(
            f"The 'outcome' parameter of cluster must be a set name such as 'OC' or '~OC'. "
            f"Got {outcome!r} instead."
        )
    unit = _labels(data, units, "units")
    group = _labels(data, clusters, "clusters")
    pairs = pd.Series(list(zip(unit, group, strict=True)), index=data.index)
    repeated = pairs[pairs.duplicated(keep=False)]
    if len(repeated):
        first = repeated.iloc[0]
        cases = ", ".join(str(c) for c in repeated.index[repeated == first])
        raise DataError(
            f"Observations {cases} are the same unit {first[0]!r} in the same cluster "
            f"{first[1]!r}: cluster expects one observation per unit and cluster."
        )
    counts = unit.value_counts()
    if counts.max() < 2:
        name = units if isinstance(units, str) else "units"
        raise DataError(
            f"The unit column {name!r} has one observation per unit ({len(counts)} units, "
            f"{len(data)} observations): within-unit consistency needs units observed in at "
            "least two clusters. Check that 'units' names the unit (e.g. the district), not "
            "the case id."
        )
    terms = _terms(expr, data)
    _check_sets(data, [*terms, outcome], _WHERE)
    y = membership(data, outcome).to_numpy(dtype=float)
    columns = {term: membership(data, term).to_numpy(dtype=float) for term in terms}
    if len(terms) > 1:
        columns[SOLUTION] = np.max(np.vstack(list(columns.values())), axis=0)
    names = ("inclS", "covS") if relation == "sufficiency" else ("inclN", "covN")
    unit_order = list(dict.fromkeys(unit))
    group_order = sorted(set(group), key=_natural)
    summary_rows, between_rows, within_rows = [], [], []
    for term, x in columns.items():
        cons, cov = _fit(x, y, relation)
        between = []
        for g in group_order:
            mask = (group == g).to_numpy()
            b = _fit(x[mask], y[mask], relation)
            between.append(b[0])
            between_rows.append(
                {"term": term, "cluster": g, names[0]: b[0], names[1]: b[1], "n": int(mask.sum())}
            )
        within = []
        for u in unit_order:
            mask = (unit == u).to_numpy()
            w = _fit(x[mask], y[mask], relation)
            within.append(w[0])
            within_rows.append(
                {"term": term, "unit": u, names[0]: w[0], names[1]: w[1], "n": int(mask.sum())}
            )
        summary_rows.append(
            {names[0]: cons, names[1]: cov, "dBP": distance(between), "dWP": distance(within)}
        )
    summary = pd.DataFrame(summary_rows, index=pd.Index(list(columns), name="term"))
    between_frame = pd.DataFrame(between_rows).set_index(["term", "cluster"])
    within_frame = pd.DataFrame(within_rows).set_index(["term", "unit"])
    memberships = pd.DataFrame(columns, index=data.index)
    memberships[outcome] = y
    memberships["unit"] = unit
    memberships["cluster"] = group
    return Cluster(summary, between_frame, within_frame, memberships, outcome, relation)


def _check_sets(data: pd.DataFrame, expressions: Sequence[str], where: str) -> None:
    """Refuse missing, text or out-of-range memberships in the sets the expressions name."""
    from qca._validation import check_memberships

    names: dict[str, None] = {}
    for text in expressions:
        for name in parse_for_data(text, [str(c) for c in data.columns]).names:
            if name in data.columns:
                names.setdefault(name, None)
    check_memberships(data, list(names), where)


def _natural(label: str) -> tuple[int, float, str]:
    """Numbers (years) in numeric order, then text."""
    try:
        return (0, float(label), label)
    except ValueError:
        return (1, 0.0, label)


def cluster_plot(result: Cluster, term: str | None = None, *, ax: Any = None) -> Any:
    """Between-cluster and within-unit consistencies of one term against the pooled one.

    Parameters
    ----------
    result : Cluster
        From :func:`qca.cluster`.
    term : str, optional
        A row of ``result.summary``; default the last (the solution).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
        Clusters on the left (squares), units on the right (dots), a dashed line at the
        pooled consistency.

    Examples
    --------
    >>> import qca
    >>> data = qca.read_workbook("cases/digital_government_panel.xlsx").calibrated()
    >>> districts = data.index.str.split("-").str[0]
    >>> result = qca.cluster(data, "PM*CA*PF", "OC", units=districts, clusters="year")
    >>> ax = qca.cluster_plot(result)
    >>> ax.get_title()
    'PM*CA*PF -> OC: inclS by cluster and by unit'
    """
    from qca._validation import check_axes
    from qca.plot import _finish, _new_axes

    if not isinstance(result, Cluster):
        raise InvalidParameterError(
            "The 'result' parameter of cluster_plot must be the result of qca.cluster. "
            f"Got {type(result).__name__} instead."
        )
    term = result.terms[-1] if term is None else term
    if term not in result.terms:
        raise InvalidParameterError(
            f"The 'term' parameter of cluster_plot must be one of "
            f"{', '.join(map(repr, result.terms))}. Got {term!r} instead."
        )
    check_axes(ax, "ax", "cluster_plot")
    cons = result.summary.columns[0]
    between = result.between.loc[term, cons]
    within = result.within.loc[term, cons]
    ax, created = _new_axes(ax, (max(6.0, 0.35 * (len(between) + len(within)) + 2), 4.5))
    labels = [str(c) for c in between.index] + [str(u) for u in within.index]
    xs = np.arange(len(labels))
    ax.scatter(
        xs[: len(between)],
        between.to_numpy(),
        marker="s",
        color="tab:blue",
        label="between (cluster)",
        zorder=3,
    )
    ax.scatter(
        xs[len(between) :],
        within.to_numpy(),
        marker="o",
        color="tab:orange",
        label="within (unit)",
        zorder=3,
    )
    pooled = float(result.summary.loc[term, cons])
    ax.axhline(pooled, linestyle="--", color="0.4", label=f"pooled = {pooled:.3f}")
    ax.axvline(len(between) - 0.5, color="0.8", linewidth=0.8)
    ax.set_xticks(xs)
    ax.set_xticklabels(labels, rotation=60, ha="right", fontsize=8)
    ax.set_ylim(-0.02, 1.05)
    ax.set_ylabel(cons)
    ax.set_title(f"{term} -> {result.outcome}: {cons} by cluster and by unit")
    ax.legend(loc="lower left", fontsize=8)
    return _finish(ax, created)
