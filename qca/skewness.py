"""Skewness of set memberships: how many cases lie above the crossover.

A set that almost every case is in (or out of) makes every condition look necessary
(or trivially sufficient) for it; the share of cases with membership above 0.5 is the
customary check (SetMethods' ``skew.check``; Schneider & Wagemann 2012, 9.2).

>>> import pandas as pd
>>> data = pd.DataFrame({"A": [0.2, 0.7, 0.9, 0.5]}, index=list("wxyz"))
>>> skewness(data)
   n  above_half  share_above  exactly_half
A  4           2          0.5             1
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from qca._validation import check_cases, check_names
from qca.exceptions import DataError, InvalidParameterError

__all__ = ["skewness"]


def skewness(data: pd.DataFrame, sets: Sequence[str] | str | None = None) -> pd.DataFrame:
    """Per set, the number and share of cases with membership above 0.5.

    Parameters
    ----------
    data : pandas.DataFrame
        Memberships, cases in rows (fuzzy or crisp sets).
    sets : list of str or str, default=None
        The sets to check (a list or ``"A, B"``); every column when None.

    Returns
    -------
    pandas.DataFrame
        Indexed by set: ``n`` (cases), ``above_half`` (cases with membership > 0.5),
        ``share_above`` (``above_half / n``) and ``exactly_half`` (cases at 0.5, which
        belong to no truth-table row).

    Raises
    ------
    DataError
        A set holds values that are not memberships in [0, 1].

    References
    ----------
    Schneider, C. Q. & Wagemann, C. (2012). *Set-Theoretic Methods for the Social
    Sciences*, 9.2. Oana, I.-E., Schneider, C. Q. & Thomann, E. (2021). *Qualitative
    Comparative Analysis Using R*, ch. 2 (``skew.check``).

    Examples
    --------
    >>> data = pd.DataFrame({"政治势能": [0.9, 0.8, 0.6, 0.1], "Y": [1, 0, 0, 0]})
    >>> skewness(data)["share_above"].tolist()
    [0.75, 0.25]
    """
    frame = check_cases(data, "data", "skewness")
    names = (
        [str(c) for c in frame.columns] if sets is None else check_names(sets, "sets", "skewness")
    )
    missing = [n for n in names if n not in frame.columns]
    if missing:
        raise InvalidParameterError(
            f"The 'sets' parameter of skewness names {', '.join(map(repr, missing))}, not "
            f"columns of the data (columns: {', '.join(map(str, frame.columns))})."
        )
    rows: dict[str, dict[str, Any]] = {}
    for name in names:
        values = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)
        bad = np.isnan(values) | (values < 0) | (values > 1)
        if bad.any():
            cases = ", ".join(map(str, frame.index[bad][:10]))
            raise DataError(
                f"skewness needs memberships in [0, 1]; the set {name!r} holds other values "
                f"for case(s) {cases}."
            )
        above = int((values > 0.5).sum())
        rows[name] = {
            "n": len(values),
            "above_half": above,
            "share_above": above / len(values) if len(values) else np.nan,
            "exactly_half": int((values == 0.5).sum()),
        }
    return pd.DataFrame.from_dict(
        rows, orient="index", columns=["n", "above_half", "share_above", "exactly_half"]
    )
