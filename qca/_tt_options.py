"""Truth-table options that follow R QCA's ``truthTable``: ``sort_by`` with a decreasing
flag per key, ``exclude`` given as an expression, and ``inf_test`` (binomial test of
each row's inclusion).

>>> binomial_greater(4, 4, 0.8)  # P(X >= 4) for X ~ Binomial(4, 0.8) = 0.8 ** 4
0.4096...
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from qca.exceptions import ExpressionError, InvalidParameterError

__all__ = [
    "SORT_KEYS",
    "check_sort_by",
    "sort_table",
    "check_inf_test",
    "apply_inf_test",
    "binomial_greater",
    "exclude_expression_rows",
    "check_explain",
    "explain_contradictions",
    "fit_inf_test",
]

SORT_KEYS = {"incl": "incl", "n": "n", "pri": "PRI", "out": "OUT"}
_SORT_MESSAGE = (
    "The 'sort_by' parameter of truth_table must name columns among 'incl', 'n', 'PRI' and "
    "'OUT' (a list, a comma-separated string, or a mapping such as {{'incl': False, 'n': "
    "True}} giving each key's decreasing flag). Got {value!r} instead."
)


def check_sort_by(value: Any, decreasing: Any = True) -> tuple[list[str] | None, list[bool] | None]:
    """(keys, decreasing flags) from ``sort_by`` and ``decreasing``, as R reads them.

    A mapping gives each key its flag (R's ``sort.by = c(incl = FALSE, n = TRUE)``);
    otherwise ``decreasing`` is one bool for all keys or one per key (missing ones are
    True, as in R).

    >>> check_sort_by("incl, n")
    (['incl', 'n'], [True, True])
    >>> check_sort_by({"incl": False, "n": True})
    (['incl', 'n'], [False, True])
    >>> check_sort_by(["n", "incl"], decreasing=[False])
    (['n', 'incl'], [False, True])
    """
    if value is None:
        return None, None
    if isinstance(value, Mapping):
        keys, flags = list(value), list(value.values())
        if not all(isinstance(f, bool) for f in flags):
            raise InvalidParameterError(_SORT_MESSAGE.format(value=value))
    elif isinstance(value, str) or isinstance(value, Iterable):
        keys = [k.strip() for k in value.split(",")] if isinstance(value, str) else list(value)
        if isinstance(decreasing, bool):
            flags = [decreasing] * len(keys)
        elif isinstance(decreasing, Sequence) and all(isinstance(f, bool) for f in decreasing):
            flags = list(decreasing)[: len(keys)] + [True] * max(0, len(keys) - len(decreasing))
        else:
            raise InvalidParameterError(
                "The 'decreasing' parameter of truth_table must be True, False or a list of "
                f"them (one per sort_by key). Got {decreasing!r} instead."
            )
    else:
        raise InvalidParameterError(_SORT_MESSAGE.format(value=value))
    out_keys, out_flags = [], []
    for key, flag in zip(keys, flags, strict=True):
        if not isinstance(key, str) or key.strip().lower() not in SORT_KEYS:
            if isinstance(key, str) and not key.strip():
                continue
            raise InvalidParameterError(_SORT_MESSAGE.format(value=value))
        out_keys.append(SORT_KEYS[key.strip().lower()])
        out_flags.append(flag)
    return (out_keys, out_flags) if out_keys else (None, None)


def sort_table(
    table: pd.DataFrame, keys: list[str], decreasing: list[bool] | None = None
) -> pd.DataFrame:
    """Stable sort by each key, the first most significant; rows coded ``"?"`` last."""
    flags = decreasing or [True] * len(keys)
    for key, flag in reversed(list(zip(keys, flags, strict=True))):
        table = table.sort_values(key, ascending=not flag, kind="stable", na_position="last")
    unknown = (table["OUT"] == "?").to_numpy()
    return pd.concat([table[~unknown], table[unknown]])


def check_inf_test(value: Any) -> float | None:
    """The significance level of ``inf_test`` (``"binom"``, ``"binom, 0.05"`` or
    ``("binom", 0.05)``), or None without a test.

    >>> check_inf_test("binom, 0.1"), check_inf_test("binom"), check_inf_test(None)
    (0.1, 0.05, None)
    """
    if value is None or value == "":
        return None
    parts: list[Any]
    if isinstance(value, str):
        parts = [p.strip() for p in value.split(",")]
    elif isinstance(value, Sequence):
        parts = list(value)
    else:
        parts = []
    alpha: Any = 0.05
    if len(parts) == 2:
        alpha = parts[1]
        try:
            alpha = float(alpha)
        except (TypeError, ValueError):
            alpha = None
    if not parts or parts[0] != "binom" or len(parts) > 2 or alpha is None or not 0 < alpha < 1:
        raise InvalidParameterError(
            "The 'inf_test' parameter of truth_table must be 'binom' or 'binom, <level>' "
            f"with a level in (0, 1), e.g. 'binom, 0.05'. Got {value!r} instead."
        )
    return float(alpha)


def binomial_greater(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p): the p value of R's ``binom.test(k, n, p,
    alternative = "greater")``, summed exactly term by term."""
    if k <= 0:
        return 1.0
    return float(sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1)))


def apply_inf_test(
    table: pd.DataFrame, incl_cut: tuple[float, float], alpha: float
) -> pd.DataFrame:
    """Recode the observed rows as R's ``truthTable(inf.test = "binom")`` does.

    For each row not coded ``"?"``: successes = round(n * incl); ``pval1`` is the
    binomial p value against ``incl1`` (alternative "greater"), ``pval0`` against
    ``incl0`` when the cut is a pair. The row is ``"1"`` when pval1 < alpha, else
    ``"C"`` when pval0 < alpha (pair only), else ``"0"``.
    """
    ic1, ic0 = incl_cut
    table = table.copy()
    observed = (table["OUT"] != "?").to_numpy() & (table["n"] > 0).to_numpy()
    table["pval1"] = float("nan")
    if ic0 != ic1:
        table["pval0"] = float("nan")
    for row in table.index[observed]:
        n = int(table.at[row, "n"])
        success = int(round(n * float(table.at[row, "incl"])))
        pval1 = binomial_greater(success, n, ic1)
        table.at[row, "pval1"] = pval1
        out = "1" if pval1 < alpha else "0"
        if ic0 != ic1:
            pval0 = binomial_greater(success, n, ic0)
            table.at[row, "pval0"] = pval0
            if out == "0" and pval0 < alpha:
                out = "C"
        table.at[row, "OUT"] = out
    return table


def exclude_expression_rows(expr: str, names: Sequence[str], levels: Sequence[int]) -> list[int]:
    """Row numbers of the configurations an expression covers (R's ``exclude`` given as
    an expression, read with ``findRows``): each term fixes some conditions, the others
    run over all their values.

    >>> exclude_expression_rows("A*~B", ["A", "B", "C"], [2, 2, 2])
    [5, 6]
    """
    from qca.expr import parse_for_data

    try:
        parsed = parse_for_data(expr, list(names))
    except ExpressionError as exc:
        raise ExpressionError(f"The 'exclude' expression of truth_table: {exc}") from exc
    unknown = [n for n in parsed.names if n not in names]
    if unknown:
        raise ExpressionError(
            f"The 'exclude' expression {expr!r} of truth_table names {unknown[0]!r}, which is "
            f"not a condition: expected conditions among {', '.join(names)}."
        )
    position = {name: i for i, name in enumerate(names)}
    rows: set[int] = set()
    for term in parsed.terms:
        allowed = [list(range(lv)) for lv in levels]
        for lit in term:
            i = position[lit.name]
            values = set(lit.values)
            if lit.negated:
                values = set(range(levels[i])) - values
            allowed[i] = [v for v in allowed[i] if v in values]
        for config in itertools.product(*allowed):
            number = 0
            for value, lv in zip(config, levels, strict=True):
                number = number * lv + value
            rows.add(number + 1)
    return sorted(rows)


def check_explain(value: Any) -> bool:
    """Whether ``explain`` (R's ``minimize(explain = )``) asks to explain contradictions.

    ``"1"`` (the default) or ``"1, C"`` (also ``["1", "C"]``); R explains nothing but
    these.

    >>> check_explain("1"), check_explain("1, C")
    (False, True)
    """
    parts = [p.strip() for p in value.split(",")] if isinstance(value, str) else value
    if (
        not isinstance(parts, (list, tuple))
        or not parts
        or any(p not in ("1", "C", "c") for p in parts)
        or "1" not in parts
    ):
        raise InvalidParameterError(
            "The 'explain' parameter of minimize must be '1' or '1, C' (explain the "
            f"contradictions too). Got {value!r} instead."
        )
    return any(p in ("C", "c") for p in parts)


def explain_contradictions(tt: Any) -> Any:
    """A copy of the truth table whose rows coded ``"C"`` are rows to explain (``"1"``)."""
    import dataclasses

    table = tt.table.copy()
    table["OUT"] = table["OUT"].replace({"C": "1"})
    return dataclasses.replace(tt, table=table)


def fit_inf_test(
    table: pd.DataFrame,
    x: Any,
    y: Any,
    relation: str,
    with_expression: bool,
    value: Any,
    incl_cut: Any,
) -> pd.DataFrame:
    """Columns ``pval1`` and ``pval0`` of R's ``pof(inf.test = "binom")``.

    For each row, the number of cases n is sum(Y) for necessity and the sum of the
    row's memberships for sufficiency; successes = round(n * incl); pval1 and pval0 are
    the binomial p values (alternative "greater") against incl1 and incl0 (R's
    default ``incl.cut = c(0.75, 0.5)``). The data must be crisp (0/1), as R requires.
    """
    import numpy as np

    check_inf_test(value)
    cuts = incl_cut if isinstance(incl_cut, (tuple, list)) else (incl_cut, incl_cut)
    if len(cuts) != 2 or not all(
        isinstance(c, (int, float)) and not isinstance(c, bool) and 0 <= c <= 1 for c in cuts
    ):
        raise InvalidParameterError(
            "The 'incl_cut' parameter of fit must be a number in [0, 1] or a pair "
            f"(incl1, incl0) of them. Got {incl_cut!r} instead."
        )
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if not (np.isin(xs, (0.0, 1.0)).all() and np.isin(ys, (0.0, 1.0)).all()):
        raise InvalidParameterError(
            "The 'inf_test' parameter of fit needs crisp (0/1) memberships, as R's pof "
            "does: the binomial test counts cases."
        )
    incl = table.columns[0]
    if relation == "necessity":
        counts = [float(ys.sum())] * len(table)
    else:
        counts = list(xs.sum(axis=0))
        if with_expression:
            counts.append(float(xs.max(axis=1).sum()))
    table = table.copy()
    p1, p0 = [], []
    for n, rate in zip(counts, table[incl], strict=True):
        k = int(round(n * float(rate))) if not np.isnan(rate) else 0
        p1.append(binomial_greater(k, int(n), float(cuts[0])))
        p0.append(binomial_greater(k, int(n), float(cuts[1])))
    table["pval1"], table["pval0"] = p1, p0
    return table
