"""Parameter checks shared by the public functions.

>>> check_fraction(0.8, "incl_cut", "truth_table")
0.8
>>> check_fraction(1.5, "incl_cut", "truth_table")
Traceback (most recent call last):
...
qca.exceptions.InvalidParameterError: The 'incl_cut' parameter of truth_table must be a float in [0, 1]. Got 1.5 instead.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from qca._frames import column_dtypes
from qca.exceptions import DataError, ExpressionError, InvalidParameterError

__all__ = [
    "TOL",
    "check_fraction",
    "check_choice",
    "check_int",
    "check_cases",
    "check_columns",
    "check_bool",
    "check_list",
    "check_names",
    "check_keywords",
    "check_axes",
    "check_memberships",
    "greater_or_equal",
    "check_sets",
]

#: R QCA compares cut-offs as ``a + sqrt(eps) > b``.
TOL = math.sqrt(np.finfo(float).eps)


def greater_or_equal(a: Any, b: Any) -> Any:
    """``a >= b`` with R QCA's tolerance: ``a + sqrt(eps) > b``.

    >>> bool(greater_or_equal(0.8 - 1e-12, 0.8))
    True
    """
    return np.asarray(a) + TOL > b


def check_fraction(value: Any, name: str, where: str) -> float:
    """Return ``value`` as a float in [0, 1] or raise InvalidParameterError."""
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if ok and 0.0 <= float(value) <= 1.0:
        return float(value)
    raise InvalidParameterError(
        f"The '{name}' parameter of {where} must be a float in [0, 1]. Got {value!r} instead."
    )


def check_int(value: Any, name: str, where: str, minimum: int = 0) -> int:
    """Return ``value`` as an int >= minimum or raise InvalidParameterError."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool) and value >= minimum:
        return int(value)
    if isinstance(value, float) and value.is_integer() and value >= minimum:
        return int(value)
    raise InvalidParameterError(
        f"The '{name}' parameter of {where} must be an integer >= {minimum}. Got {value!r} instead."
    )


def check_choice(value: Any, name: str, where: str, choices: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``choices``, else raise InvalidParameterError."""
    options = list(choices)
    try:
        found = value in options
    except (TypeError, ValueError):  # pd.NA, arrays: no truth value
        found = False
    if found:
        return value
    listed = ", ".join(repr(c) for c in options)
    raise InvalidParameterError(
        f"The '{name}' parameter of {where} must be one of {listed}. Got {value!r} instead."
    )


def check_cases(data: Any, name: str, where: str) -> pd.DataFrame:
    """Return ``data`` if it is a DataFrame with at least one case, else raise.

    >>> check_cases(pd.DataFrame({"A": []}), "data", "fit")
    Traceback (most recent call last):
    ...
    qca.exceptions.DataError: The 'data' parameter of fit has no cases (0 rows): expected at least one case.
    """
    if not isinstance(data, pd.DataFrame):
        raise InvalidParameterError(
            f"The '{name}' parameter of {where} must be a pandas DataFrame. "
            f"Got {type(data).__name__} instead."
        )
    if len(data) == 0:
        raise DataError(
            f"The '{name}' parameter of {where} has no cases (0 rows): expected at least one case."
        )
    check_columns(data, name, where)
    return data


def check_columns(data: pd.DataFrame, name: str, where: str) -> None:
    """Refuse a DataFrame with a column name used twice, or with complex numbers.

    >>> check_columns(pd.DataFrame([[1, 2]], columns=["A", "A"]), "data", "fit")
    Traceback (most recent call last):
    ...
    qca.exceptions.DataError: The 'data' parameter of fit has the column name 'A' twice (columns 1 and 2); each set needs its own name.
    >>> check_columns(pd.DataFrame({"A": [0.5 + 1j]}, index=["x"]), "data", "fit")
    Traceback (most recent call last):
    ...
    qca.exceptions.DataError: The 'data' parameter of fit holds complex numbers in column 'A' (cases x): memberships and raw measures are real numbers.
    """
    columns = list(data.columns)
    seen: dict[Any, int] = {}
    for j, column in enumerate(columns, start=1):
        if column in seen:
            raise DataError(
                f"The '{name}' parameter of {where} has the column name {column!r} twice "
                f"(columns {seen[column]} and {j}); each set needs its own name."
            )
        seen[column] = j
    for j, (column, dtype) in enumerate(zip(columns, column_dtypes(data), strict=True)):
        if getattr(dtype, "kind", "O") != "O" and not pd.api.types.is_complex_dtype(dtype):
            continue  # only these can hold complex numbers (no column taken out)
        values = data.iloc[:, j]
        if pd.api.types.is_complex_dtype(values.dtype):
            where_complex = np.iscomplex(values.to_numpy())
        elif values.dtype == object:
            where_complex = np.array(
                [isinstance(v, (complex, np.complexfloating)) for v in values], dtype=bool
            )
        else:
            continue
        if where_complex.any():
            raise DataError(
                f"The '{name}' parameter of {where} holds complex numbers in column "
                f"{column!r} (cases {_case_list(data.index[where_complex])}): memberships "
                "and raw measures are real numbers."
            )


def check_list(value: Any, name: str, where: str, expected: str) -> list[Any]:
    """``value`` as a list: one scalar, or the items of a list, tuple, array or set.

    >>> check_list(3, "exclude", "truth_table", "row numbers"), check_list((1, 2), "x", "f", "")
    ([3], [1, 2])
    """
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes, Mapping)):
        return list(value)
    raise InvalidParameterError(
        f"The '{name}' parameter of {where} must be {expected}. Got {value!r} instead."
    )


def check_bool(value: Any, name: str, where: str) -> bool:
    """Return ``value`` as a bool if it is True or False (not a string, not a number).

    >>> check_bool("yes", "drop_cases", "robustness")
    Traceback (most recent call last):
    ...
    qca.exceptions.InvalidParameterError: The 'drop_cases' parameter of robustness must be True or False. Got 'yes' instead.
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise InvalidParameterError(
        f"The '{name}' parameter of {where} must be True or False. Got {value!r} instead."
    )


def check_names(value: Any, name: str, where: str) -> list[str]:
    """Set names as a list: a list of names, or one string (``"DEV"`` or ``"DEV, URB"``).

    A single string is one name, or several separated by commas (as ``truth_table``
    reads ``conditions``); it is never read letter by letter.

    >>> check_names("DEV, URB", "conditions", "good_practice_checks")
    ['DEV', 'URB']
    >>> check_names(5, "conditions", "good_practice_checks")
    Traceback (most recent call last):
    ...
    qca.exceptions.InvalidParameterError: The 'conditions' parameter of good_practice_checks must be a list of set names or a comma-separated string such as 'DEV, URB'. Got 5 instead.
    """
    if isinstance(value, str):
        names = [part.strip() for part in value.split(",")]
    elif isinstance(value, Iterable) and not isinstance(value, (bytes, Mapping)):
        names = list(value)
    else:
        names = None
    if names is None or not all(isinstance(n, str) and n.strip() for n in names):
        raise InvalidParameterError(
            f"The '{name}' parameter of {where} must be a list of set names or a "
            f"comma-separated string such as 'DEV, URB'. Got {value!r} instead."
        )
    return [n.strip() for n in names]


def check_keywords(given: Mapping[str, Any], accepted: Iterable[str], where: str) -> None:
    """Refuse keyword arguments that ``where`` does not take, listing the accepted ones.

    >>> check_keywords({"bogus": 1}, ["include", "exclude"], "minimize")
    Traceback (most recent call last):
    ...
    qca.exceptions.InvalidParameterError: The keyword arguments ['bogus'] are not parameters of minimize: expected any of include, exclude. Got bogus=1 instead.
    """
    names = list(accepted)
    unknown = sorted(k for k in given if k not in names)
    if unknown:
        got = ", ".join(f"{k}={given[k]!r}" for k in unknown)
        raise InvalidParameterError(
            f"The keyword arguments {unknown} are not parameters of {where}: expected any of "
            f"{', '.join(names)}. Got {got} instead."
        )


def check_axes(ax: Any, name: str, where: str) -> Any:
    """Return ``ax`` if it is None or a matplotlib Axes, else raise InvalidParameterError."""
    if ax is None:
        return None
    from matplotlib.axes import Axes

    if isinstance(ax, Axes):
        return ax
    raise InvalidParameterError(
        f"The '{name}' parameter of {where} must be a matplotlib Axes or None. Got {ax!r} instead."
    )


def check_memberships(data: pd.DataFrame, columns: Iterable[str], where: str) -> None:
    """Refuse set columns that hold missing values, text, or fractions outside [0, 1].

    A column may hold fuzzy memberships in [0, 1], multi-value codes 0, 1, 2, ... or
    ``"-"`` (a temporal don't care), as :func:`qca.truth_table` reads them. Errors name
    the column and the cases.

    >>> data = pd.DataFrame({"A": [0.2, 1.7, 0.9]}, index=["a", "b", "c"])
    >>> check_memberships(data, ["A"], "good_practice_checks")
    Traceback (most recent call last):
    ...
    qca.exceptions.DataError: Set 'A' of good_practice_checks must hold memberships in [0, 1] (or multi-value codes 0, 1, 2, ...). Cases b hold 1.7, outside [0, 1].
    """
    if len(data) == 0:
        raise DataError(
            f"The 'data' parameter of {where} has no cases (0 rows): expected at least one case."
        )
    for column in columns:
        values = data[column]
        if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(
            values.dtype
        ):
            dash = pd.Series(False, index=data.index)
            numbers = values.astype(float)
        else:
            dash = values.astype(str).str.strip().isin(("-", "dc")) & values.notna()
            numbers = pd.to_numeric(values.where(~dash), errors="coerce").astype(float)
        missing = values.isna()
        if missing.any():
            raise DataError(
                f"Set {column!r} of {where} has missing values for cases "
                f"{_case_list(data.index[missing])}: expected a membership for every case."
            )
        text = numbers.isna() & ~dash
        if text.any():
            shown = ", ".join(repr(str(v)) for v in values[text].unique()[:5])
            raise DataError(
                f"Set {column!r} of {where} must hold numbers (memberships in [0, 1] or "
                f"multi-value codes). Cases {_case_list(data.index[text])} hold {shown}."
            )
        finite = numbers[~dash]
        integer = bool((finite == finite.round()).all())
        bad = (finite < 0) if integer else (finite < 0) | (finite > 1)
        if bad.any():
            shown = ", ".join(f"{v:g}" for v in finite[bad].unique()[:5])
            raise DataError(
                f"Set {column!r} of {where} must hold memberships in [0, 1] (or multi-value "
                f"codes 0, 1, 2, ...). Cases {_case_list(finite.index[bad])} hold {shown}, "
                "outside [0, 1]."
            )


def _case_list(cases: Iterable[Any], limit: int = 10) -> str:
    items = [str(c) for c in cases]
    text = ", ".join(items[:limit])
    return text + (f" and {len(items) - limit} more" if len(items) > limit else "")


def check_sets(data: pd.DataFrame, names: Sequence[str]) -> None:
    """Raise ExpressionError naming the sets that are not columns of ``data`` (and those that are).

    >>> check_sets(pd.DataFrame({"A": [1]}), ["A", "~B"])
    Traceback (most recent call last):
    ...
    qca.exceptions.ExpressionError: Unknown set 'B': the sets are A.
    """
    missing = [n for n in (str(x).strip().lstrip("~").strip() for x in names) if n not in data.columns]
    if missing:
        listed = ", ".join(repr(m) for m in missing)
        raise ExpressionError(
            f"Unknown set{'s' if len(missing) > 1 else ''} {listed}: the sets are "
            f"{', '.join(str(c) for c in data.columns)}."
        )
