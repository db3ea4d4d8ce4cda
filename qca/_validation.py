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
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from qca.exceptions import DataError, InvalidParameterError

__all__ = [
    "TOL",
    "check_fraction",
    "check_choice",
    "check_int",
    "check_cases",
    "greater_or_equal",
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
    if value in options:
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
    return data
