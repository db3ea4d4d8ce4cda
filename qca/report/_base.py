"""Cells, tables and JSON values shared by every renderer (one place for formatting).

>>> format_number(0.81234), format_number(float("nan")), safe_text("=1+1")
('0.812', '', False)
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "FORMULA_PREFIXES",
    "Plot",
    "Table",
    "display_width",
    "dumps",
    "format_number",
    "format_table",
    "frame_records",
    "json_default",
    "safe_text",
]

#: First characters that make Excel (and LibreOffice) read a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Table:
    """One table of a report: a sheet in the workbook, a section in Markdown.

    Parameters
    ----------
    name : str
        Sheet name (at most 31 characters, no ``[]:*?/\\``).
    title : str
        Heading shown above the table.
    frame : pandas.DataFrame
        The table. Its index is written as the first column, headed by ``index_label``.
    notes : tuple of str
        Lines shown under the table (warnings, counts, formulas).
    index_label : str or None
        Header of the index column; None writes no index column.
    """

    name: str
    title: str
    frame: pd.DataFrame
    notes: tuple[str, ...] = ()
    index_label: str | None = ""
    #: Writes the table to an openpyxl sheet itself (styled tables); None: the default.
    sheet: Any = field(default=None, compare=False, repr=False)

    def rows(self) -> list[list[Any]]:
        """Header row then data rows, index first (cells as Python values)."""
        header: list[Any] = [str(c) for c in self.frame.columns]
        if self.index_label is not None:
            header = [self.index_label or (self.frame.index.name or "")] + header
        out: list[list[Any]] = [header]
        for key, row in zip(self.frame.index, self.frame.itertuples(index=False), strict=True):
            cells = [_plain(v) for v in row]
            if self.index_label is not None:
                cells = [_plain(key)] + cells
            out.append(cells)
        return out


@dataclass(frozen=True)
class Plot:
    """One figure of a report: its file name (``xy_parsimonious_M1.png``), a caption and
    the PNG image itself."""

    name: str
    title: str
    png: bytes


def _plain(value: Any) -> Any:
    """A cell value as a plain Python value: numbers stay numbers, lists become text."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return None if math.isnan(v) else v
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date)):
        return value.isoformat()
    if value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def safe_text(value: str) -> bool:
    """Whether ``value`` can be written to a cell as it is, without being read as a formula.

    >>> safe_text("Belgium"), safe_text("=HYPERLINK()"), safe_text("-1"), safe_text("@x")
    (True, False, False, False)
    """
    return not value.startswith(FORMULA_PREFIXES)


def format_number(value: Any, digits: int = 3) -> str:
    """A cell for the terminal or Markdown: floats with ``digits`` decimals, NaN empty.

    >>> format_number(0.81234), format_number(3), format_number(float("nan")), format_number("AU")
    ('0.812', '3', '', 'AU')
    """
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide characters count twice.

    >>> display_width("DEV"), display_width("政治势能")
    (3, 8)
    """
    if text.isascii():  # (no wide characters: long ASCII formulas are measured at once)
        return len(text)
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def format_table(table: Table | pd.DataFrame, *, digits: int = 3, indent: str = "  ") -> str:
    """An aligned plain-text table: text left-aligned, numbers right-aligned.

    >>> df = pd.DataFrame({"inclN": [0.912, 1.0], "covN": [0.5, 0.25]}, index=["DEV", "~URB"])
    >>> print(format_table(df))
                inclN   covN
      DEV       0.912  0.500
      ~URB      1.000  0.250
    """
    if isinstance(table, pd.DataFrame):
        table = Table("table", "", table)
    rows = table.rows()
    header, body = rows[0], rows[1:]
    ncol = len(header)
    numeric = [
        bool(body) and all(isinstance(r[j], (int, float)) or r[j] is None for r in body)
        for j in range(ncol)
    ]
    if table.index_label is not None:
        numeric[0] = False
    text = [[str(h) for h in header]] + [[format_number(c, digits) for c in r] for r in body]
    widths = [max(display_width(r[j]) for r in text) for j in range(ncol)]
    # a wider gap after the index column reads better
    gaps = ["    " if j == 0 and table.index_label is not None else "  " for j in range(ncol)]
    lines = []
    for r in text:
        line = indent
        for j in range(ncol):
            pad = " " * (widths[j] - display_width(r[j]))
            line += (pad + r[j]) if numeric[j] else (r[j] + pad)
            if j < ncol - 1:
                line += gaps[j]
        lines.append(line.rstrip())
    return "\n".join(lines)


def json_default(value: Any) -> Any:
    """``json.dumps(default=...)`` for numpy scalars, DataFrames, sets and NaN-free output."""
    if isinstance(value, pd.DataFrame):
        return frame_records(value)
    if isinstance(value, pd.Series):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    plain = _plain(value)
    if plain is not value:
        return plain
    return str(value)


def frame_records(frame: pd.DataFrame, index_key: str | None = None) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-ready dicts (NaN as None, lists kept as lists).

    >>> frame_records(pd.DataFrame({"n": [2], "cases": [["AU", "BE"]]}, index=[4]), "row")
    [{'row': 4, 'n': 2, 'cases': ['AU', 'BE']}]
    """
    out = []
    for key, row in frame.iterrows():
        record: dict[str, Any] = {}
        if index_key is not None:
            record[index_key] = _plain(key)
        for col, value in row.items():
            if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
                record[str(col)] = [_plain(v) for v in value]
            else:
                record[str(col)] = _plain(value)
        out.append(record)
    return out


def dumps(obj: Any) -> str:
    """``json.dumps`` with :func:`json_default`, NaN replaced by null, indent 2."""
    return json.dumps(_nan_to_none(obj), default=json_default, indent=2, ensure_ascii=False)


def _nan_to_none(obj: Any) -> Any:
    if isinstance(obj, float) and math.isnan(obj):
        return None
    if isinstance(obj, dict):
        return {k: _nan_to_none(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_nan_to_none(v) for v in obj]
    return obj


def _option_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    plain = _plain(value)
    return plain if plain is not None else ""


def _cut_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(format_number(v, 3).rstrip("0").rstrip(".") for v in value)
    return (
        format_number(value, 3).rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    )


def _rows_of(frame: pd.DataFrame | None) -> list[int]:
    if frame is None:
        return []
    return [int(r) for r in frame.index]


def not_listed_text(error: Exception) -> str:
    """Why a list of rows is missing, as one sentence without its final full stop."""
    return str(error).rstrip(".")


def _cell_list(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        return [_plain(v) for v in value]
    return _plain(value)
