"""Remainder queries: rows matching an expression, contradictory simplifying assumptions, SSR.

R QCA's ``findRows``. Row numbers are those of the configuration space without a
temporal ``"-"`` level (as simplifying assumptions are numbered).

- type 1: the rows (configurations) matching an expression; remainders only, unless
  ``observed=True``.
- type 2: contradictory simplifying assumptions (CSA): the simplifying assumptions of
  all parsimonious models for the outcome that are also simplifying assumptions of
  some parsimonious model for the negated outcome.
- type 3: simultaneous subset relations (SSR): observed rows coded ``"1"`` both for
  the outcome and for its negation.
- type 0: all of these.

For types 2 and 3 the negated outcome's truth table is rebuilt from the same data and
options (an ``incl_cut`` pair ``(incl1, incl0)`` becomes the single cut ``incl0``, as
R reverses the pair); the ``incl_cut``, ``n_cut`` and ``pri_cut`` given to
:func:`find_rows` replace that table's cut-offs only.

>>> import pandas as pd
>>> import qca
>>> data = pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 0], "Y": [1, 1, 0]})
>>> tt = qca.truth_table(data, "Y")
>>> find_rows(tt, "A"), find_rows(tt, "A", observed=True)
([], [3, 4])
>>> find_rows(tt, "~B")
[]
>>> find_rows(tt, "B")
[2]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from qca._limits import over
from qca._validation import check_fraction, check_int
from qca.exceptions import ExpressionError, InvalidParameterError
from qca.expr import parse_expression
from qca.minimize._problem import build_problem, max_listed_rows
from qca.minimize._remainders import (
    contradictory_assumptions,
    negated_table,
    simultaneous_subset_rows,
)

__all__ = ["find_rows"]

_WHERE = "find_rows"


def _check_type(value: Any) -> int:
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool) and 0 <= value <= 3:
        return int(value)
    if isinstance(value, float) and value.is_integer() and 0 <= value <= 3:
        return int(value)
    raise InvalidParameterError(
        f"The 'type' parameter of find_rows must be 0, 1, 2 or 3. Got {value!r} instead."
    )


def _expression_rows(problem: Any, expr: str, observed: bool) -> list[int]:
    """Type 1: rows of the space matching ``expr``."""
    space = problem.space
    parsed = parse_expression(expr)
    if parsed.relation is not None:
        raise ExpressionError(f"find_rows takes an expression without an arrow. Got {expr!r}.")
    index = {name: j for j, name in enumerate(space.conditions)}
    rows: set[int] = set()
    for term in parsed.terms:
        allowed = [set(range(n)) for n in space.levels]
        for lit in term:
            if lit.name not in index:
                raise ExpressionError(
                    f"Unknown condition {lit.name!r} in expression {expr!r}. Conditions of the "
                    f"truth table: {', '.join(space.conditions)}.",
                    lit.position,
                )
            j = index[lit.name]
            values = set(lit.values)
            outside = sorted(v for v in values if v >= space.levels[j])
            if outside:
                raise ExpressionError(
                    f"The expression {expr!r} asks for value {outside[0]} of {lit.name!r}, which "
                    f"has the values 0..{space.levels[j] - 1}."
                )
            if lit.negated:
                values = set(range(space.levels[j])) - values
            allowed[j] &= values
        if any(not a for a in allowed):
            continue
        rows.update(_product_rows(space, allowed))
    if not observed:
        rows -= _observed_rows(problem)
    return sorted(rows)


def _product_rows(space: Any, allowed: list[set[int]]) -> list[int]:
    size = int(np.prod([len(a) for a in allowed], dtype=object))
    if size > max_listed_rows():
        raise InvalidParameterError(
            over(
                "max_listed_rows",
                size,
                f"The expression given to find_rows matches {size:,} configurations",
                "(use a more specific expression)",
            )
        )
    numbers = np.array([1], dtype=np.int64)
    for j, w in enumerate(space.weights):
        numbers = np.add.outer(numbers, np.array(sorted(allowed[j]), dtype=np.int64) * w).ravel()
    return numbers.tolist()


def _observed_rows(problem: Any) -> set[int]:
    """Configurations of the observed rows (n > 0); a "-" row stands for all it covers."""
    observed = problem.observed
    configs = problem.configs[observed]
    return set(problem.space.covered_rows(configs).tolist()) if len(configs) else set()


def find_rows(
    tt: Any,
    expr: str = "",
    *,
    type: int = 1,  # noqa: A002 - R's name
    observed: bool = False,
    incl_cut: float | tuple[float, float] | None = None,
    n_cut: int | None = None,
    pri_cut: float | None = None,
) -> list[int]:
    """Find truth-table rows: matching an expression, CSA, SSR (R QCA's ``findRows``).

    Parameters
    ----------
    tt : TruthTable
        The truth table (:func:`qca.truth_table`).
    expr : str, default=""
        For ``type=1``: a sum of products over the conditions, e.g. ``"DEV*~IND*STB"``.
    type : {1, 2, 3, 0}, default=1
        1 rows matching ``expr``; 2 contradictory simplifying assumptions; 3 simultaneous
        subset relations; 0 all of them (type 1 only when ``expr`` is given).
    observed : bool, default=False
        For ``type=1``: also list observed rows (otherwise only remainders).
    incl_cut, n_cut, pri_cut : optional
        Cut-offs of the negated outcome's truth table (types 2, 3, 0); by default those
        of ``tt`` (an ``incl_cut`` pair reversed as R does, i.e. its ``incl0``).

    Returns
    -------
    list of int
        Sorted row numbers (space without a temporal ``"-"`` level).

    Raises
    ------
    InvalidParameterError
        For ``type=1`` without an expression, or bad parameters.

    See Also
    --------
    qca.minimize : ``exclude=`` and ``esa=True`` use these rows.

    References
    ----------
    Schneider, C. Q., & Wagemann, C. (2013). Doing justice to logical remainders in QCA.
    Dusa, A. (2019). *QCA with R*. Springer.

    Examples
    --------
    >>> import pandas as pd
    >>> import qca
    >>> data = pd.DataFrame(
    ...     {"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("abcd")
    ... )
    >>> tt = qca.truth_table(data, "Y", conditions=["A", "B"])
    >>> qca.find_rows(tt, "A", observed=True)
    [3, 4]
    >>> qca.find_rows(tt, type=3)
    []
    """
    from qca.truth_table import TruthTable

    if not isinstance(tt, TruthTable):
        raise InvalidParameterError(
            f"The 'tt' parameter of find_rows must be a TruthTable. Got {_type_name(tt)} instead."
        )
    kind = _check_type(type)
    if not isinstance(observed, (bool, np.bool_)):
        raise InvalidParameterError(
            f"The 'observed' parameter of find_rows must be True or False. Got {observed!r} instead."
        )
    if not isinstance(expr, str):
        raise InvalidParameterError(
            f"The 'expr' parameter of find_rows must be a string. Got {expr!r} instead."
        )
    if incl_cut is not None and not isinstance(incl_cut, (list, tuple)):
        check_fraction(incl_cut, "incl_cut", _WHERE)
    if pri_cut is not None:
        check_fraction(pri_cut, "pri_cut", _WHERE)
    if n_cut is not None:
        check_int(n_cut, "n_cut", _WHERE, minimum=1)
    has_expr = bool(expr.strip())
    if kind == 1 and not has_expr:
        raise InvalidParameterError(
            "find_rows with type=1 needs an expression, e.g. find_rows(tt, 'DEV*~IND'); "
            "use type=2 (CSA), 3 (SSR) or 0 (all) without one."
        )
    rows: set[int] = set()
    if kind in (0, 1) and has_expr:
        problem = build_problem(tt, where=_WHERE)
        rows |= set(_expression_rows(problem, expr, bool(observed)))
    if kind in (0, 2, 3):
        negated = negated_table(tt, incl_cut=incl_cut, n_cut=n_cut, pri_cut=pri_cut)
        if kind in (0, 2):
            rows |= set(contradictory_assumptions(tt, negated, where=_WHERE))
        if kind in (0, 3):
            rows |= set(simultaneous_subset_rows(tt, negated, where=_WHERE))
    return sorted(int(r) for r in rows)


def _type_name(value: Any) -> str:
    """The type name of a value, for messages."""
    return type(value).__name__
