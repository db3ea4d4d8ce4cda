"""The conditions of a truth table read from the data: each case's code and its
membership in each level of each condition.

A crisp or multi-value condition codes each case by its value; a fuzzy one by rounding
its membership away from 0.5 (``-1`` for exactly 0.5: the case is in no row). A ``"-"``
cell (temporal QCA's "don't care"; old data: ``"dc"``) is one more level, the last.
Plain numeric columns are read together, in one pass over a NumPy array.

>>> import pandas as pd
>>> [(c.name, c.levels, c.codes.tolist()) for c in read_conditions(
...     pd.DataFrame({"A": [0.2, 0.7], "B": [2, 0]}), ["A", "B"])]
[('A', 2, [0, 1]), ('B', 3, [2, 0])]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from qca._frames import column_dtypes
from qca.exceptions import DataError

__all__ = ["Condition", "read_conditions", "read_condition"]

#: The cells that mark a temporal "don't care" in the data (R: ``"-"``; old data: ``"dc"``).
DONT_CARE = ("-", "dc")


@dataclass(frozen=True)
class Condition:
    """One condition as read: its levels, each case's code and memberships."""

    name: str
    levels: int
    temporal: bool
    codes: np.ndarray  # each case's value: 0..levels-1, levels for "-", -1 for a 0.5 membership
    memberships: np.ndarray  # (levels + temporal, n): membership of each case in each value
    crisp: bool = False  # every case is in exactly one value (memberships 0 or 1)


def read_conditions(data: pd.DataFrame, names: list[str]) -> list[Condition]:
    """Each condition's codes and memberships; plain numeric columns read in one pass."""
    values = _numeric_block(data, names)
    if values is not None:
        fast = _plain_conditions(values, names)
        if fast is not None:
            return fast
        no_dash = np.zeros(len(data), dtype=bool)
        return [
            _condition(name, values[:, j], no_dash, partial(data.__getitem__, name))
            for j, name in enumerate(names)
        ]
    return [read_condition(data[name]) for name in names]


def _numeric_block(data: pd.DataFrame, names: list[str]) -> np.ndarray | None:
    """The columns ``names`` as floats (cases x names) when each is a plain NumPy number
    column (bool, int or float); None otherwise. Column names are unique (checked)."""
    if not names:
        return None
    labels = data.columns.tolist()
    kinds = [getattr(d, "kind", "O") if isinstance(d, np.dtype) else "O" for d in column_dtypes(data)]
    position = {label: j for j, label in enumerate(labels)}
    at = [position.get(name, -1) for name in names]
    if min(at) < 0 or any(kinds[j] not in "biuf" for j in at):
        return None
    if all(kind in "biuf" for kind in kinds):  # one conversion of the whole frame
        return data.to_numpy(dtype=float)[:, at]
    return np.column_stack([data[name].to_numpy(dtype=float) for name in names])


def _plain_conditions(values: np.ndarray, names: list[str]) -> list[Condition] | None:
    """What :func:`_condition` gives for every column of ``values`` (cases x conditions,
    no "-"), computed for all columns at once; None when some column holds a NaN or a
    value :func:`_condition` refuses (it then raises with the case named)."""
    n = values.shape[0]
    if n == 0 or np.isnan(values).any():
        return None
    x = np.ascontiguousarray(values.T)  # one row per condition
    low, high = x.min(axis=1), x.max(axis=1)
    whole = (x == np.round(x)).all(axis=1)
    if bool(((low < 0) | (~whole & (high > 1))).any()):
        return None
    codes = x.astype(np.int64)
    binary = whole & (high <= 1)
    pairs = np.empty((len(names), 2, n))  # [1 - x, x]: the memberships of the two levels
    pairs[:, 1] = np.where(binary[:, None], codes, x)  # a crisp -0.0 is the code 0
    np.subtract(1.0, pairs[:, 1], out=pairs[:, 0])
    fuzzy = np.where(x > 0.5, 1, 0).astype(np.int64)
    fuzzy[x == 0.5] = -1
    out = []
    for j, name in enumerate(names):
        if binary[j]:
            out.append(Condition(name, 2, False, codes[j], pairs[j], crisp=True))
        elif whole[j]:
            levels = int(high[j]) + 1
            memberships = np.zeros((levels, n))
            memberships[codes[j], np.arange(n)] = 1.0
            out.append(Condition(name, levels, False, codes[j], memberships, crisp=True))
        else:
            out.append(Condition(name, 2, False, fuzzy[j], pairs[j]))
    return out


def read_condition(column: pd.Series) -> Condition:
    name = str(column.name)
    if pd.api.types.is_numeric_dtype(column.dtype):
        dash = np.zeros(len(column), dtype=bool)
        numbers = column.to_numpy(dtype=float)
    else:
        dash = column.astype(str).str.strip().isin(DONT_CARE).to_numpy()
        numbers = pd.to_numeric(column.where(~dash, np.nan), errors="coerce").to_numpy(dtype=float)
    return _condition(name, numbers, dash, lambda: column)


def _condition(
    name: str, numbers: np.ndarray, dash: np.ndarray, source: Callable[[], pd.Series]
) -> Condition:
    """A condition from its cells as numbers (NaN where not a number) and its "-" cells;
    ``source`` gives the column for error messages."""
    bad = np.isnan(numbers) & ~dash
    if bad.any():
        column = source()
        cases = ", ".join(map(str, column.index[bad][:10]))
        if column[bad].isna().all():
            raise DataError(
                f"Condition {name!r} has missing values for cases {cases}: a truth table "
                "needs a membership for every case (drop or impute those cases)."
            )
        raise DataError(
            f"Condition {name!r} must hold set memberships (numbers in [0, 1]), multi-value "
            f"codes (0, 1, 2, ...) or '-' (don't care). Cases {cases} hold "
            f"{', '.join(map(repr, column[bad].astype(str).unique()[:5]))}."
        )
    x = numbers[~dash]
    integer = bool(np.all(x == np.round(x))) if x.size else True
    if integer and x.size and x.min() < 0:
        raise DataError(f"Condition {name!r} holds negative values: multi-value codes start at 0.")
    if not integer and (x.min() < 0 or x.max() > 1):
        outside = source().index[~dash][(x < 0) | (x > 1)]
        raise DataError(
            f"Condition {name!r} mixes fractions with values outside [0, 1] (cases "
            f"{', '.join(map(str, outside[:10]))}): fuzzy memberships must lie in [0, 1]."
        )
    temporal = bool(dash.any())
    n = numbers.size
    if integer:
        levels = max(2, int(x.max()) + 1 if x.size else 2)
        if temporal:
            codes = np.where(dash, levels, np.nan_to_num(numbers, nan=0.0)).astype(np.int64)
        else:  # no "-" and (checked above) no NaN
            codes = numbers.astype(np.int64)
        memberships = np.zeros((levels + int(temporal), n))
        memberships[codes, np.arange(n)] = 1.0
        return Condition(name, levels, temporal, codes, memberships, crisp=True)
    filled = np.nan_to_num(numbers, nan=0.0)
    codes = np.where(filled > 0.5, 1, 0).astype(np.int64)
    codes[filled == 0.5] = -1
    memberships = np.vstack([1.0 - filled, filled])
    if temporal:
        memberships[:, dash] = 0.0
        codes[dash] = 2
        memberships = np.vstack([memberships, dash.astype(float)])
    return Condition(name, 2, temporal, codes, memberships)
