"""Standards-of-good-practice checks, run with every analysis and shown as warnings.

Schneider & Wagemann (2010, 2012) list what readers of a QCA should be told: sets
whose memberships are skewed, cases sitting exactly at the 0.5 crossover (they belong
to no truth-table row), contradictory rows, simplifying assumptions that contradict
each other across the outcome and its negation, and remainders that are logically
impossible. :func:`good_practice_checks` returns one plain message per finding; the CLI
prints them as warnings.

>>> import pandas as pd
>>> data = pd.DataFrame({"A": [0.9, 0.8, 0.7, 0.9, 0.6, 0.2], "Y": [0.9, 0.2, 0.5, 0.8, 0.7, 0.1]},
...                     index=list("abcdef"))
>>> for message in good_practice_checks(data, "Y", ["A"]):
...     print(message)
Set 'A' is skewed: 5 of 6 cases (83%) have membership above 0.5 (more than 80% on one side of the crossover).
Set 'Y' has membership exactly 0.5 for case c: such cases belong to no truth-table row.
Contradictory configuration A: cases a, d, e have the outcome (Y > 0.5) and case b does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from qca._validation import check_memberships, check_names
from qca.exceptions import InvalidParameterError, TooManyRowsError
from qca.expr import membership, parse_expression

__all__ = ["good_practice_checks", "impossible_rows", "SKEW_LIMIT"]

_WHERE = "good_practice_checks"

#: Share of cases on one side of 0.5 above which a set counts as skewed.
SKEW_LIMIT = 0.8


def _names(cases: Iterable[Any], limit: int = 10) -> str:
    items = [str(c) for c in cases]
    text = ", ".join(items[:limit])
    return text + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _set_memberships(data: pd.DataFrame, name: str) -> pd.Series:
    if name in data.columns:
        return pd.to_numeric(data[name], errors="coerce")
    return membership(data, name)


def _is_fuzzy(values: pd.Series) -> bool:
    finite = values.dropna()
    return bool(((finite >= 0) & (finite <= 1)).all())


def _skew_messages(name: str, values: pd.Series) -> list[str]:
    n = int(values.notna().sum())
    if n == 0 or not _is_fuzzy(values):
        return []
    out = []
    for side, count in (("above", int((values > 0.5).sum())), ("below", int((values < 0.5).sum()))):
        if count / n > SKEW_LIMIT:
            out.append(
                f"Set {name!r} is skewed: {count} of {n} cases ({count / n:.0%}) have membership "
                f"{side} 0.5 (more than {SKEW_LIMIT:.0%} on one side of the crossover)."
            )
    return out


def _half_message(name: str, values: pd.Series) -> list[str]:
    half = values.index[np.isclose(values.to_numpy(dtype=float), 0.5, rtol=0, atol=1e-12)]
    if len(half) == 0:
        return []
    return [
        f"Set {name!r} has membership exactly 0.5 for {'case' if len(half) == 1 else 'cases'} "
        f"{_names(half)}: such cases belong to no truth-table row."
    ]


def _crisp_rows(data: pd.DataFrame, conditions: Sequence[str]) -> pd.DataFrame:
    """Each case's truth-table row (NaN when a fuzzy membership is exactly 0.5)."""
    rows = {}
    for name in conditions:
        values = pd.to_numeric(data[name], errors="coerce")
        if _is_fuzzy(values):
            column = pd.Series(np.where(values > 0.5, 1.0, 0.0), index=data.index)
            column[values == 0.5] = np.nan
        else:
            column = values.astype(float)
        rows[name] = column
    return pd.DataFrame(rows, index=data.index)


def _contradiction_messages(
    data: pd.DataFrame, outcome: str, conditions: Sequence[str], y: pd.Series
) -> list[str]:
    rows = _crisp_rows(data, conditions).dropna()
    multivalue = any(not _is_fuzzy(pd.to_numeric(data[c], errors="coerce")) for c in conditions)
    out = []
    for config, group in rows.groupby(list(conditions), sort=True):
        config = config if isinstance(config, tuple) else (config,)
        ys = y.loc[group.index]
        positive, negative = group.index[ys > 0.5], group.index[ys < 0.5]
        if len(positive) and len(negative):
            term = _format_config(conditions, config, multivalue)
            out.append(
                f"Contradictory configuration {term}: {'case' if len(positive) == 1 else 'cases'} "
                f"{_names(positive)} {'has' if len(positive) == 1 else 'have'} the outcome "
                f"({outcome} > 0.5) and {'case' if len(negative) == 1 else 'cases'} "
                f"{_names(negative)} {'does' if len(negative) == 1 else 'do'} not."
            )
    return out


def _format_config(conditions: Sequence[str], values: Sequence[Any], multivalue: bool) -> str:
    """A configuration as R prints a term: ``A*~B``, or ``A[1]*B[0]`` when multi-value."""
    pairs = zip(conditions, (int(v) for v in values), strict=True)
    if multivalue:
        return "*".join(f"{name}[{v}]" for name, v in pairs)
    return "*".join(name if v == 1 else f"~{name}" for name, v in pairs)


def impossible_rows(tt: Any, impossible: str | Iterable[str]) -> dict[str, list[int]]:
    """Remainder rows of ``tt`` matching each expression declared logically impossible.

    Parameters
    ----------
    tt : TruthTable
    impossible : str or iterable of str
        Expressions describing configurations that cannot exist (``"PREG*MALE"``).

    Returns
    -------
    dict
        Expression -> sorted remainder row numbers (R's ``findRows(type = 1)``): pass
        them to ``exclude=`` of :func:`qca.minimize` so they serve as no simplifying
        assumption.
    """
    from qca.find_rows import find_rows

    if isinstance(impossible, str):
        expressions: list[Any] = [impossible]
    elif isinstance(impossible, Iterable) and not isinstance(impossible, (bytes, dict)):
        expressions = list(impossible)
    else:
        expressions = [impossible]  # refused below, with the expected form
    out = {}
    for expr in expressions:
        if not isinstance(expr, str) or not expr.strip():
            raise InvalidParameterError(
                "The 'impossible' parameter of good_practice_checks must be expressions such "
                f"as 'PREG*MALE'. Got {expr!r} instead."
            )
        parse_expression(expr)  # a syntax error names the position
        out[expr.strip()] = sorted(int(r) for r in find_rows(tt, expr, type=1))
    return out


def _csa_messages(tt: Any, csa: Iterable[int] | None) -> list[str]:
    if csa is None:
        from qca.find_rows import find_rows

        try:
            csa = find_rows(tt, type=2)
        except TooManyRowsError as exc:
            return [
                "Contradictory simplifying assumptions were not checked (the parsimonious "
                f"models of {tt.outcome} and of its negation cover too many configurations in "
                f"common to list them): {exc}"
            ]
    rows = sorted(int(r) for r in csa)
    if not rows:
        return []
    return [
        f"{_plural(len(rows), 'contradictory simplifying assumption')} (remainder "
        f"{'row' if len(rows) == 1 else 'rows'} {_names(rows, 20)}): the parsimonious "
        f"solutions for {tt.outcome} and its negation both rely on them. Exclude them with "
        f"esa=True (enhanced standard analysis) or exclude={rows}."
    ]


def _out_c_messages(tt: Any) -> list[str]:
    table = tt.table
    rows = [int(r) for r in table.index[table["OUT"] == "C"]]
    if not rows:
        return []
    return [
        f"Truth-table {'row' if len(rows) == 1 else 'rows'} {_names(rows, 20)} "
        f"{'is' if len(rows) == 1 else 'are'} coded 'C' (inclusion between the two incl_cut "
        "values): contradictory rows are never explained by the solution."
    ]


def _check_truth_table(tt: Any, outcome: str) -> None:
    from qca.truth_table import TruthTable

    if not isinstance(tt, TruthTable):
        raise InvalidParameterError(
            "The 'tt' parameter of good_practice_checks must be a TruthTable (see "
            f"qca.truth_table) or None. Got {type(tt).__name__} instead."
        )
    if str(tt.outcome).replace(" ", "") != outcome.replace(" ", ""):
        raise InvalidParameterError(
            "The 'tt' parameter of good_practice_checks must be a truth table of the outcome "
            f"{outcome!r}. Got a truth table of {tt.outcome!r} instead."
        )


def good_practice_checks(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | None = None,
    *,
    tt: Any = None,
    impossible: str | Iterable[str] | None = None,
    csa: Iterable[int] | None = None,
) -> list[str]:
    """Check an analysis against the standards of good practice; return the findings.

    Parameters
    ----------
    data : DataFrame
        Calibrated set memberships, one row per case.
    outcome : str
        The outcome set, possibly negated (``"~SURV"``).
    conditions : list of str or str, optional
        The condition sets (a list, or one string: ``"DEV"`` or ``"DEV, URB"``); default
        every other column.
    tt : TruthTable, optional
        The truth table analysed: adds the rows coded ``"C"`` and the contradictory
        simplifying assumptions (R's ``findRows(type = 2)``) to the findings.
    impossible : str or list of str, optional
        Expressions for configurations that cannot exist; the remainders they match are
        reported (with ``tt``, else a truth table built with the default options).
    csa : list of int, optional
        The contradictory simplifying assumptions of ``tt`` when already known (as
        ``qca.find_rows(tt, type=2)`` gives them; :meth:`qca.Analysis.run` passes those of
        its enhanced standard analysis); found otherwise.

    Returns
    -------
    list of str
        One message per finding, in this order: skewed sets (more than 80% of the cases
        on one side of 0.5), memberships of exactly 0.5, contradictory configurations
        (cases in one row on both sides of the outcome's crossover), rows coded
        ``"C"``, contradictory simplifying assumptions, logically impossible remainders.
        Empty when nothing was found.

    References
    ----------
    Schneider, C. Q., & Wagemann, C. (2010). Standards of good practice in qualitative
    comparative analysis (QCA) and fuzzy-sets. *Comparative Sociology* 9(3), 397-418.
    Schneider, C. Q., & Wagemann, C. (2012). *Set-Theoretic Methods for the Social
    Sciences*. Cambridge UP, ch. 8 (ESA) and 11.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"A": [1, 0, 1, 0], "B": [1, 1, 0, 0], "Y": [1, 0, 1, 0]})
    >>> good_practice_checks(data, "Y", ["A", "B"])
    []
    """
    if not isinstance(data, pd.DataFrame):
        raise InvalidParameterError(
            "The 'data' parameter of good_practice_checks must be a pandas DataFrame. "
            f"Got {type(data).__name__} instead."
        )
    if not isinstance(outcome, str) or not outcome.strip():
        raise InvalidParameterError(
            f"The 'outcome' parameter of good_practice_checks must be a set name. Got {outcome!r} instead."
        )
    outcome = outcome.strip()
    outcome_name = outcome.lstrip("~").strip()
    if conditions is None:
        conditions = [str(c) for c in data.columns if c != outcome_name]
    conditions = check_names(conditions, "conditions", _WHERE)
    if not conditions:
        raise InvalidParameterError(
            "The 'conditions' parameter of good_practice_checks must name at least one "
            "condition besides the outcome. Got none."
        )
    columns = ", ".join(map(str, data.columns))
    for name, given in (("outcome", [outcome_name]), ("conditions", conditions)):
        missing = [c for c in given if c not in data.columns]
        if missing:
            raise InvalidParameterError(
                f"The '{name}' parameter of good_practice_checks names "
                f"{', '.join(map(repr, missing))}, but the data have no column "
                f"{', '.join(map(repr, missing))} (columns: {columns})."
            )
    doubled = sorted({c for c in conditions if conditions.count(c) > 1})
    if doubled or outcome_name in conditions:
        raise InvalidParameterError(
            "The 'conditions' parameter of good_practice_checks must name each condition "
            f"once, and not the outcome {outcome_name!r}. Got {conditions} instead."
        )
    sets = [*conditions, outcome_name]
    check_memberships(data, dict.fromkeys(sets), _WHERE)
    if tt is not None:
        _check_truth_table(tt, outcome)
    messages: list[str] = []
    memberships = {name: _set_memberships(data, name) for name in sets}
    for name in sets:
        messages += _skew_messages(name, memberships[name])
    for name in sets:
        if _is_fuzzy(memberships[name]):
            messages += _half_message(name, memberships[name])
    y = membership(data, outcome)
    messages += _contradiction_messages(data, outcome, conditions, y)
    if tt is not None:
        messages += _out_c_messages(tt)
        messages += _csa_messages(tt, csa)
    if impossible is not None:
        if tt is None:
            from qca.truth_table import truth_table

            tt = truth_table(data, outcome, conditions)
        for expr, rows in impossible_rows(tt, impossible).items():
            if rows:
                messages.append(
                    f"{_plural(len(rows), 'remainder row')} ({_names(rows, 20)}) "
                    f"{'matches' if len(rows) == 1 else 'match'} {expr!r}, declared logically "
                    f"impossible: exclude {'it' if len(rows) == 1 else 'them'} "
                    f"(exclude={rows}) so no simplifying assumption rests on "
                    f"{'it' if len(rows) == 1 else 'them'}."
                )
    return messages
