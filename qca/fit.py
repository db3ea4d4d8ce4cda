"""Parameters of fit: inclusion (consistency), PRI, coverage and relevance of necessity.

X is each case's membership in a term (or expression), Y in the outcome; sums run over all
cases.

* Sufficiency: ``inclS = sum(min(X, Y)) / sum(X)``, ``covS = sum(min(X, Y)) / sum(Y)``,
  ``PRI = (sum(min(X, Y)) - sum(min(X, Y, 1 - Y))) / (sum(X) - sum(min(X, Y, 1 - Y)))``,
  and the unique coverage of term j within the disjunction,
  ``covU = (sum(min(Xj, Y)) - sum(min(Xj, Y, max(X_k, k != j)))) / sum(Y)``.
* Necessity: ``inclN = sum(min(X, Y)) / sum(Y)``, ``covN = sum(min(X, Y)) / sum(X)`` and
  ``RoN = sum(1 - X) / sum(1 - min(X, Y))``.

As in R QCA, values below 1e-5 are reported as 0.

>>> import pandas as pd
>>> data = pd.DataFrame({"A": [0.8, 0.6, 0.1], "B": [0.2, 0.9, 0.7], "Y": [0.9, 0.7, 0.6]})
>>> fit("A + B", "Y", data).round(3)
            inclS    PRI   covS   covU
A           1.000  1.000  0.682  0.273
B           0.833  0.700  0.682  0.273
expression  0.875  0.812  0.955    NaN
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from qca._validation import check_cases, check_choice
from qca.exceptions import DataError, InvalidParameterError, QCAWarning
from qca.expr import (
    Expression,
    format_term,
    is_multivalue,
    membership,
    parse_for_data,
)

__all__ = ["fit", "deviant_cases"]

#: R QCA reports every parameter of fit below this as 0.
ZERO_BELOW = 1e-5

_RELATIONS = {
    "sufficiency": "sufficiency",
    "suf": "sufficiency",
    "necessity": "necessity",
    "nec": "necessity",
}
SUFFICIENCY_COLUMNS = ["inclS", "PRI", "covS", "covU"]
NECESSITY_COLUMNS = ["inclN", "RoN", "covN"]


# ---------------------------------------------------------------------------- input
def _relation(value: Any, where: str) -> str:
    key = value.lower() if isinstance(value, str) else value
    check_choice(key, "relation", where, ["sufficiency", "necessity", "suf", "nec"])
    return _RELATIONS[key]


def _multivalue(data: pd.DataFrame, expr: Expression) -> bool:
    names = [n for n in expr.names if n in data.columns]
    unusual = any(lit.values not in ({0}, {1}) for term in expr.terms for lit in term)
    return unusual or is_multivalue(data, names)


def _outcome_series(outcome: Any, data: pd.DataFrame | None, where: str, n: int) -> pd.Series:
    if isinstance(outcome, pd.Series):
        values = pd.to_numeric(outcome, errors="coerce")
        if len(values) != n:
            raise InvalidParameterError(
                f"The outcome of {where} has {len(values)} values but the conditions have {n} cases."
            )
        y = values
    elif isinstance(outcome, (str, Expression)):
        if data is None:
            raise InvalidParameterError(
                f"{where} needs 'data' to find the outcome {str(outcome)!r}."
            )
        y = membership(data, outcome)
    else:
        raise InvalidParameterError(
            f"The 'outcome' parameter of {where} must be a set name such as 'SURV' or '~SURV', "
            f"or a Series of memberships. Got {outcome!r} instead."
        )
    _check_memberships(y.to_numpy(dtype=float), "the outcome", where)
    return y


def _align(y: pd.Series, index: pd.Index, where: str) -> pd.Series:
    """The outcome in the order of the conditions' cases (by position for a plain range)."""
    if y.index.equals(index):
        return y
    if y.index.is_unique and index.is_unique and set(y.index) == set(index):
        return y.reindex(index)
    if isinstance(y.index, pd.RangeIndex) or isinstance(index, pd.RangeIndex):
        return y
    others = [str(c) for c in index if c not in set(y.index)][:5]
    raise InvalidParameterError(
        f"The outcome of {where} must give memberships of the same cases as the conditions. "
        f"Got an outcome without cases {', '.join(others) or 'listed twice'}."
    )


def _check_memberships(values: np.ndarray, what: str, where: str) -> None:
    if np.isnan(values).any():
        raise InvalidParameterError(f"Memberships in {what} of {where} hold missing values.")
    if (values < 0).any() or (values > 1).any():
        raise InvalidParameterError(f"Memberships in {what} of {where} must lie in [0, 1].")


def _term_memberships(
    expr: Any, outcome: Any, data: pd.DataFrame | None, relation: str, where: str
) -> tuple[pd.DataFrame, pd.Series, str, bool]:
    """(X as cases x terms, Y, relation, whether to add the expression row)."""
    if isinstance(expr, pd.DataFrame):
        if expr.shape[1] == 0:
            raise InvalidParameterError(
                f"The 'expr' parameter of {where} must have at least one column of "
                "memberships. Got a DataFrame with no columns."
            )
        check_cases(expr, "expr", where)
        if data is not None:
            check_cases(data, "data", where)
        x = expr.apply(pd.to_numeric, errors="coerce").astype(float)
        x.columns = [str(c) for c in expr.columns]
        _check_memberships(x.to_numpy(), "the conditions", where)
        y = _align(_outcome_series(outcome, data, where, len(x)), x.index, where)
        return x, y, relation, False
    if isinstance(expr, pd.Series):
        name = str(expr.name) if expr.name is not None else "X"
        return _term_memberships(expr.to_frame(name), outcome, data, relation, where)
    if not isinstance(expr, (str, Expression)):
        raise InvalidParameterError(
            f"The 'expr' parameter of {where} must be an expression string, a Series or a "
            f"DataFrame of memberships. Got {type(expr).__name__} instead."
        )
    data = check_cases(data, "data", where)
    parsed = parse_for_data(expr, [str(c) for c in data.columns])
    if parsed.relation is not None and parsed.outcome is not None:
        if outcome is not None and not (
            isinstance(outcome, str) and outcome.replace(" ", "") == str(parsed.outcome)
        ):
            raise InvalidParameterError(
                f"The expression {parsed.text!r} of {where} names its outcome after the arrow; "
                f"do not also give outcome={outcome!r}."
            )
        outcome = parsed.outcome
        relation = parsed.relation
    if outcome is None:
        raise InvalidParameterError(
            f"{where} needs an outcome: give 'outcome' or write the expression with an arrow "
            "('A*B -> Y' or 'A + B <- Y')."
        )
    columns = [str(c) for c in data.columns]
    multivalue = _multivalue(data, parsed)
    x = pd.DataFrame(index=data.index)
    for term in parsed.terms:
        label = format_term(term, columns, multivalue)
        x[label] = membership(data, Expression((term,))).to_numpy()
    missing = x.isna().any(axis=1).to_numpy()
    if missing.any():
        cases = ", ".join(map(str, x.index[missing][:10]))
        raise DataError(
            f"Memberships in {parsed.text or str(parsed)!r} are missing for cases {cases} "
            f"({where} needs a value for every case)."
        )
    y = _outcome_series(outcome, data, where, len(x))
    return x, y, relation, x.shape[1] > 1


# ---------------------------------------------------------------------------- measures
def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(
            denominator != 0, numerator / np.where(denominator != 0, denominator, 1), np.nan
        )


# ------------------------------------------------------------------ the measures (numpy)
# The one home of every parameter of fit. Terms are rows, cases the last axis; values
# are exact ratios (NaN for 0 / 0), not yet rounded to 0 below ZERO_BELOW.


def inclusion(x: Any, y: Any) -> Any:
    """``sum(min(x, y)) / sum(x)`` along the last axis (NaN when ``sum(x)`` is 0): the
    inclusion of x in y (inclS of a term, inclN with the arguments swapped).

    >>> float(inclusion(np.array([0.2, 0.8]), np.array([0.5, 0.6])))
    0.8
    """
    x = np.asarray(x, dtype=float)
    both = np.minimum(x, np.asarray(y, dtype=float)).sum(axis=-1)
    return _ratio(both, x.sum(axis=-1))


def set_coincidence(a: Any, b: Any) -> float:
    """``sum(min(a, b)) / sum(max(a, b))``: how far two sets are the same (NaN if both empty).

    >>> set_coincidence([0.2, 0.8], [0.4, 0.8])
    0.8333333333333333
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(_ratio(np.minimum(a, b).sum(), np.maximum(a, b).sum()))


def sufficiency_measures(x: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    """inclS, PRI and covS of each term (rows of ``x``, cases along the last axis)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    xy = np.minimum(x, y)
    xyn = np.minimum(xy, 1.0 - y)
    s_x, s_xy, s_xyn = x.sum(axis=-1), xy.sum(axis=-1), xyn.sum(axis=-1)
    return {
        "inclS": _ratio(s_xy, s_x),
        "PRI": _ratio(s_xy - s_xyn, s_x - s_xyn),
        "covS": _ratio(s_xy, np.full_like(s_xy, y.sum())),
    }


def unique_coverage(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """covU of each term (rows of ``x``) within their disjunction: its coverage not shared
    with the largest of the other terms; NaN for fewer than two terms or an empty outcome.

    Where a term is not alone in holding a case's maximum membership, another term is at
    least as large there and the case adds nothing to its unique coverage. Where it is
    alone, the case adds min(X, Y) - min(X, Y, second largest). So one pass over the
    terms x cases matrix finds the maxima: O(terms x cases), not quadratic in terms. The
    pass takes the rows in blocks (:func:`unique_coverage_blocks`): ``x`` may be stored
    compactly (e.g. uint8) and is never copied whole as float.

    >>> unique_coverage(np.array([[1, 0, 1], [0, 1, 1]], dtype=np.uint8), np.ones(3)).tolist()
    [0.3333333333333333, 0.3333333333333333]
    """
    x = np.asarray(x)
    y = np.asarray(y, dtype=float)
    x = x.reshape(-1, len(y))
    step = max(1, _BLOCK_CELLS // max(1, len(y)))
    return unique_coverage_blocks((x[s : s + step] for s in range(0, len(x), step)), len(x), y)


_BLOCK_CELLS = 1 << 21  # memberships converted to float at a time (16 MB)


def unique_coverage_blocks(blocks: Any, m: int, y: np.ndarray) -> np.ndarray:
    """:func:`unique_coverage` of ``m`` terms given as consecutive blocks of rows.

    Keeps, per case, the largest membership, how many terms hold it, the first term that
    does and the largest membership below it (:class:`CaseMaxima`); the sums are those of
    one whole pass (same cases, same order), so the values do not depend on the blocks.
    """
    y = np.asarray(y, dtype=float)
    if m < 2 or y.sum() <= 0:
        for _ in blocks:
            pass
        return np.full(m, np.nan)
    maxima = CaseMaxima(len(y))
    start = 0
    for raw in blocks:
        block = np.asarray(raw, dtype=float).reshape(-1, len(y))
        maxima.add(block, np.arange(start, start + len(block)))
        start += len(block)
    return maxima.unique_coverage(y, np.arange(m))


class CaseMaxima:
    """Per case: the largest membership among the terms added, how many terms hold it,
    one term that does, and the largest membership below it.

    None of these depends on the order in which terms are added, so the maxima of terms
    shared by many disjunctions can be kept and extended by each one's other terms.

    >>> maxima = CaseMaxima(2)
    >>> maxima.add(np.array([[1.0, 0.2]]), np.array([7]))
    >>> maxima.add(np.array([[0.5, 0.2]]), np.array([9]))
    >>> maxima.unique_coverage(np.array([1.0, 1.0]), np.array([7, 9])).tolist()
    [0.25, 0.0]
    """

    def __init__(self, n: int):
        self.top = np.full(n, -np.inf)
        self.second = np.full(n, -np.inf)
        self.holders = np.zeros(n, dtype=np.int64)
        self.holder = np.zeros(n, dtype=np.int64)

    def copy(self) -> CaseMaxima:
        out = CaseMaxima(0)
        out.top, out.second = self.top.copy(), self.second.copy()
        out.holders, out.holder = self.holders.copy(), self.holder.copy()
        return out

    def add(self, block: np.ndarray, ids: np.ndarray) -> None:
        """Add the terms ``ids`` whose memberships are the rows of ``block`` (float)."""
        if len(block) == 0:
            return
        b_top = block.max(axis=0)
        is_top = block == b_top
        b_count = is_top.sum(axis=0)
        b_holder = np.asarray(ids, dtype=np.int64)[is_top.argmax(axis=0)]
        b_second = np.where(is_top, -np.inf, block).max(axis=0)
        top, second = self.top, self.second
        higher, same = b_top > top, b_top == top
        self.second = np.where(
            higher, np.maximum(top, b_second),
            np.where(same, np.maximum(second, b_second), np.maximum(second, b_top)),
        )
        self.holders = np.where(higher, b_count, np.where(same, self.holders + b_count, self.holders))
        self.holder = np.where(higher, b_holder, self.holder)
        self.top = np.maximum(top, b_top)

    def unique_coverage(self, y: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """covU of the terms ``ids`` (ascending: every term added), in that order."""
        y = np.asarray(y, dtype=float)
        m = len(ids)
        if m < 2 or y.sum() <= 0:
            return np.full(m, np.nan)
        alone = np.flatnonzero(self.holders == 1)
        own = np.minimum(self.top[alone], y[alone])
        gain = own - np.minimum(own, self.second[alone])
        where = np.searchsorted(ids, self.holder[alone])
        return np.asarray(np.bincount(where, weights=gain, minlength=m) / y.sum(), dtype=float)


def necessity_measures(x: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    """inclN, RoN and covN of each term (rows of ``x``, cases along the last axis)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    xy = np.minimum(x, y)
    s_xy = xy.sum(axis=-1)
    return {
        "inclN": _ratio(s_xy, np.full_like(s_xy, y.sum())),
        "RoN": _ratio((1.0 - x).sum(axis=-1), (1.0 - xy).sum(axis=-1)),
        "covN": _ratio(s_xy, x.sum(axis=-1)),
    }


def _sufficiency(x: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    """The sufficiency measures of each column of ``x`` (cases x terms)."""
    return sufficiency_measures(np.ascontiguousarray(x.T), y)


def _unique_coverage(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return unique_coverage(np.ascontiguousarray(x.T), y)


def _necessity(x: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    return necessity_measures(np.ascontiguousarray(x.T), y)


def _parameters(x: np.ndarray, y: np.ndarray, relation: str, unique: bool) -> dict[str, np.ndarray]:
    """Parameters of fit of each column of x (cases x terms) for outcome y."""
    if relation == "necessity":
        return _necessity(x, y)
    values = _sufficiency(x, y)
    values["covU"] = _unique_coverage(x, y) if unique else np.full(x.shape[1], np.nan)
    return values


def _zero_small(frame: pd.DataFrame) -> pd.DataFrame:
    values = np.array(frame.to_numpy(dtype=float), copy=True)
    values[values < ZERO_BELOW] = 0.0
    return pd.DataFrame(values, index=frame.index, columns=frame.columns)


def _warn_degenerate(x: pd.DataFrame, y: pd.Series, table: pd.DataFrame, where: str) -> None:
    empty = [str(c) for c in x.columns if not (x[c].to_numpy() > 0).any()]
    notes = []
    if empty:
        notes.append(f"no case has membership in {', '.join(map(repr, empty))}")
    yv = y.to_numpy(dtype=float)
    if yv.size and np.all(yv == yv[0]):
        notes.append(f"the outcome is constant ({yv[0]:g} for every case)")
    if not notes and not table.isna().to_numpy().any():
        return
    nan_cells = [f"{r} {c}" for r in table.index for c in table.columns if pd.isna(table.loc[r, c])]
    nan_cells = [cell for cell in nan_cells if not cell.endswith("covU")]
    if nan_cells:
        notes.append(f"{', '.join(nan_cells[:6])} divide by zero and are NaN")
    if notes:
        warnings.warn(
            f"Degenerate data in {where}: " + "; ".join(notes) + ".", QCAWarning, stacklevel=3
        )


# ---------------------------------------------------------------------------- public
def fit(
    expr: str | Expression | pd.Series | pd.DataFrame,
    outcome: str | pd.Series | None = None,
    data: pd.DataFrame | None = None,
    *,
    relation: str = "sufficiency",
    inf_test: str | None = None,
    incl_cut: float | tuple[float, float] = (0.75, 0.5),
) -> pd.DataFrame:
    """Parameters of fit of an expression (or of membership vectors) for an outcome.

    Parameters
    ----------
    expr : str, Series or DataFrame
        A sum of products (``"DEV*~IND + URB*STB"``, ``"DEV[2] + DEV[1]*IND[0]"``),
        possibly with a relation arrow that also gives the outcome and the relation
        (``"A*B -> Y"`` sufficiency, ``"A + B <- Y"`` necessity); or a Series, or a
        DataFrame whose columns are memberships (one row each, covU computed as if the
        columns were the terms of one disjunction, no ``expression`` row).
    outcome : str or Series, optional
        A set name, possibly negated (``"~SURV"``), or memberships. Not needed when
        ``expr`` has an arrow.
    data : pandas.DataFrame, optional
        The cases; needed when ``expr`` or ``outcome`` are names.
    relation : {"sufficiency", "necessity"}, default="sufficiency"
        Ignored when ``expr`` has an arrow.
    inf_test : str, optional
        ``"binom"`` adds R's ``pof(inf.test = "binom")`` columns ``pval1`` and ``pval0``:
        binomial tests of the inclusion against ``incl_cut`` (crisp data only).
    incl_cut : float or (float, float), default=(0.75, 0.5)
        The cuts of ``inf_test``, R's ``incl.cut``.

    Returns
    -------
    pandas.DataFrame
        One row per term, indexed by the term as R QCA prints it (literals in data
        order), plus a row ``"expression"`` for the whole expression when it has several
        terms. Sufficiency columns: ``inclS`` (consistency), ``PRI`` (proportional
        reduction in inconsistency), ``covS`` (raw coverage), ``covU`` (unique coverage
        within the expression; NaN for a single term and for the expression row).
        Necessity columns: ``inclN`` (consistency), ``RoN`` (relevance of necessity),
        ``covN`` (coverage).

    Warns
    -----
    QCAWarning
        When a term has no membership anywhere or the outcome is constant; values that
        divide by zero are then NaN.

    See Also
    --------
    deviant_cases : the cases behind inconsistency and low coverage.
    qca.super_subset : search for necessary or sufficient combinations.

    References
    ----------
    Ragin, C. C. (2006). Set relations in social research: evaluating their consistency
    and coverage. *Political Analysis* 14(3).
    Schneider, C. Q., & Wagemann, C. (2012). *Set-Theoretic Methods for the Social
    Sciences*. Cambridge University Press (RoN).
    Dusa, A. (2019). *QCA with R*. Springer (R package ``QCA``, ``pof``).

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame(
    ...     {"A": [1, 1, 0, 0], "B": [0, 1, 1, 0], "Y": [1, 1, 1, 0]}, index=list("pqrs")
    ... )
    >>> fit("A <- Y", data=data).round(3)
       inclN  RoN  covN
    A  0.667  1.0   1.0
    >>> fit("A*~B + B", "Y", data)
                inclS  PRI      covS      covU
    A*~B          1.0  1.0  0.333333  0.333333
    B             1.0  1.0  0.666667  0.666667
    expression    1.0  1.0  1.000000       NaN
    """
    where = "fit"
    relation = _relation(relation, where)
    x, y, relation, with_expression = _term_memberships(expr, outcome, data, relation, where)
    xv, yv = x.to_numpy(dtype=float), y.to_numpy(dtype=float)
    values = _parameters(xv, yv, relation, unique=True)
    columns = NECESSITY_COLUMNS if relation == "necessity" else SUFFICIENCY_COLUMNS
    table = pd.DataFrame(values, index=pd.Index(list(x.columns)))[columns]
    if with_expression:
        union = xv.max(axis=1, keepdims=True)
        whole = _parameters(union, yv, relation, unique=False)
        table.loc["expression"] = [float(whole[c][0]) for c in columns]
    table = _zero_small(table)
    _warn_degenerate(x, y, table, where)
    if inf_test is not None:
        from qca._tt_options import fit_inf_test

        table = fit_inf_test(table, xv, yv, relation, with_expression, inf_test, incl_cut)
    return table


def deviant_cases(
    expr: str | Expression | pd.Series | pd.DataFrame,
    outcome: str | pd.Series | None = None,
    data: pd.DataFrame | None = None,
    *,
    relation: str = "sufficiency",
) -> pd.DataFrame:
    """Typical and deviant cases of each term, for case-oriented interpretation.

    For sufficiency (X a term, Y the outcome): *typical* cases are in both
    (X > 0.5, Y > 0.5); cases *deviant in consistency* are in the term but not in the
    outcome (X > 0.5, Y < 0.5); cases *deviant in coverage* are in the outcome but not in
    the term (X < 0.5, Y > 0.5). For necessity the deviant types mirror: deviant in
    consistency is Y > 0.5 with X < 0.5 (the outcome without the condition), deviant in
    coverage (relevance) is X > 0.5 with Y < 0.5.

    Parameters
    ----------
    expr, outcome, data, relation
        As in :func:`fit`.

    Returns
    -------
    pandas.DataFrame
        Indexed like :func:`fit`'s table (one row per term, plus ``"expression"`` when there
        are several), with columns ``typical``, ``deviant_consistency`` and
        ``deviant_coverage``, each a list of case ids in data order.

    References
    ----------
    Schneider, C. Q., & Rohlfing, I. (2013). Combining QCA and process tracing in
    set-theoretic multi-method research. *Sociological Methods & Research* 42(4).

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame(
    ...     {"A": [0.9, 0.8, 0.2, 0.7], "Y": [0.8, 0.3, 0.9, 0.6]}, index=list("pqrs")
    ... )
    >>> deviant_cases("A", "Y", data)
      typical deviant_consistency deviant_coverage
    A  [p, s]                 [q]              [r]
    >>> deviant_cases("A", "Y", data, relation="necessity").loc["A", "deviant_consistency"]
    ['r']
    """
    where = "deviant_cases"
    relation = _relation(relation, where)
    x, y, relation, with_expression = _term_memberships(expr, outcome, data, relation, where)
    if with_expression:
        x = x.assign(expression=x.max(axis=1))
    yv = y.to_numpy(dtype=float)
    cases = x.index
    rows: dict[str, dict[str, list[Any]]] = {}
    for label in x.columns:
        xv = x[label].to_numpy(dtype=float)
        in_x, out_x = xv > 0.5, xv < 0.5
        in_y, out_y = yv > 0.5, yv < 0.5
        inconsistent = (in_y & out_x) if relation == "necessity" else (in_x & out_y)
        uncovered = (in_x & out_y) if relation == "necessity" else (in_y & out_x)
        rows[str(label)] = {
            "typical": list(cases[in_x & in_y]),
            "deviant_consistency": list(cases[inconsistent]),
            "deviant_coverage": list(cases[uncovered]),
        }
    return pd.DataFrame.from_dict(rows, orient="index")
