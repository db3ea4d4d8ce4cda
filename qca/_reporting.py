"""What issue 13 adds to every report, computed from the analysis' own values.

The report renderers call these: the skewness table, the configuration tables of the
intermediate solution, the calibration anchors with the values percentile anchors
resolved to (and any shift of 0.5 memberships), and row lists of counterfactuals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from qca.configurations import ConfigurationTable, configuration_tables
from qca.exceptions import QCAError
from qca.skewness import skewness

__all__ = [
    "anchors_text",
    "calibration_record",
    "configuration_tables_of",
    "rows_text",
    "skewness_frame",
]


def skewness_frame(data: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame | None:
    """The skewness table of the sets ``names`` that hold memberships (None if none).

    >>> data = pd.DataFrame({"A": [0.2, 0.9], "Y": [1, 0], "GDP": [300, 900]})
    >>> skewness_frame(data, ["A", "Y", "GDP"]).index.tolist()
    ['A', 'Y']
    """
    usable = []
    for name in names:
        if name not in data.columns:
            continue
        values = pd.to_numeric(data[name], errors="coerce")
        if values.notna().all() and values.between(0, 1).all():
            usable.append(name)
    if not usable:
        return None
    frame = skewness(data, usable)
    frame.index.name = "set"
    return frame


def configuration_tables_of(
    solution: Any, labels: Mapping[str, str] | None = None
) -> list[ConfigurationTable]:
    """The configuration tables of an intermediate solution; [] for any other solution."""
    if solution is None or not getattr(solution, "intermediate", None):
        return []
    try:
        return configuration_tables(solution, labels=labels)
    except QCAError:
        return []


def rows_text(rows: Sequence[int]) -> str:
    """`` (rows 11, 12)`` or ``""``.

    >>> rows_text([11, 12]), rows_text([])
    (' (rows 11, 12)', '')
    """
    return f" (rows {', '.join(str(r) for r in rows)})" if len(rows) else ""


def _short(text: str) -> str:
    """Numbers in an anchor text to 6 significant digits (``26.200000000000003`` -> ``26.2``)."""
    parts = []
    for part in str(text).split(","):
        key, _, value = part.strip().rpartition("=")
        try:
            number = f"{float(value):.6g}"
        except ValueError:
            number = value
        parts.append(f"{key}={number}" if key else number)
    return ", ".join(parts)


def anchors_text(thresholds: Any, resolved: Any) -> str:
    """The anchors as written, with the values percentile anchors resolved to.

    >>> anchors_text("e=p10, c=p50, i=p90", "e=2.6, c=8, i=26.200000000000003")
    'e=p10, c=p50, i=p90 (= e=2.6, c=8, i=26.2)'
    >>> anchors_text("e=1, c=4.5, i=8", "e=1, c=4.5, i=8")
    'e=1, c=4.5, i=8'
    """
    if thresholds is None or (isinstance(thresholds, float) and pd.isna(thresholds)):
        return ""
    if resolved is None or str(resolved) == str(thresholds):
        return str(thresholds)
    return f"{thresholds} (= {_short(str(resolved))})"


def calibration_record(raw: pd.DataFrame | None, calibration: pd.DataFrame | None) -> pd.DataFrame | None:
    """The codebook as applied (``Workbook.codebook()``): resolved anchors, cases shifted.

    None without a calibration, or when the codebook cannot be applied to ``raw``.
    """
    if raw is None or calibration is None or not len(calibration):
        return None
    import warnings

    from qca.workbook import Workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the analysis already warned while calibrating
            return Workbook("analysis", raw, calibration).codebook()
    except QCAError:
        return None
