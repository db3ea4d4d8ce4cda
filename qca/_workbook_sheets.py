"""The sheets of a case-sheet workbook beside the cases: their columns and keys, and reading
them cell by cell (calibration codebook, analysis settings, labels, README).

Every error names the file, sheet, row and column and says what was expected.
:mod:`qca.workbook` puts them together into a :class:`~qca.workbook.Workbook`.

>>> ANALYSIS_KEYS[:3]
('outcome', 'conditions', 'incl_cut')
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from qca._text import set_name_fix, set_name_problem
from qca.calibrate import _shape, parse_thresholds, resolve_thresholds
from qca.exceptions import CalibrationError, DataError
from qca.io import Sheet
from qca.minimize._minimize import METHODS

#: Columns of the calibration sheet, in the order they are written.
CALIBRATION_COLUMNS = (
    "set",
    "source",
    "kind",
    "method",
    "thresholds",
    "logistic",
    "idm",
    "below",
    "above",
    "ecdf",
    "label",
    "note",
    "shift_half",
)
#: Defaults of the optional calibration columns (those of qca.calibrate).
CALIBRATION_DEFAULTS: dict[str, Any] = {
    "kind": "fuzzy",
    "method": "direct",
    "thresholds": None,
    "logistic": True,
    "idm": 0.95,
    "below": 1.0,
    "above": 1.0,
    "ecdf": False,
    "label": None,
    "note": None,
    "shift_half": 0.0,
}
#: The options of an analysis that the analysis sheet may set, in this order
#: (``qca.analysis.OPTION_KEYS``).
OPTION_KEYS = (
    "outcome",
    "conditions",
    "incl_cut",
    "n_cut",
    "pri_cut",
    "include",
    "dir_exp",
    "exclude",
    "row_dom",
    "all_sol",
    "esa",
    "method",
    "max_models",
)
#: Keys of the analysis sheet, in the order they are written: the options, then the
#: settings kept for one outcome only.
ANALYSIS_KEYS = (*OPTION_KEYS, "negated_dir_exp", "negated_exclude")
_OUTCOME = re.compile(r"~?\s*([^\W\d]\w*)\s*(\[[0-9,\s]+\]|\{[0-9,\s]+\})?\Z")
_TRUE = {"true", "yes", "1", "y", "t"}
_FALSE = {"false", "no", "0", "n", "f"}


def _header_map(sheet: Sheet, valid: Sequence[str], required: Sequence[str]) -> dict[str, int]:
    """Column name -> position for a sheet whose first row is a header."""
    number, cells = sheet.rows[0]
    found: dict[str, int] = {}
    for j, cell in enumerate(cells):
        if cell is None:
            continue
        name = str(cell).strip().lower()
        if name not in valid:
            raise DataError(
                f"{sheet.where}, row {number}: unknown column {str(cell)!r}. "
                f"Valid columns: {', '.join(valid)}."
            )
        if name in found:
            raise DataError(f"{sheet.where}, row {number}: the column {name!r} appears twice.")
        found[name] = j
    absent = [c for c in required if c not in found]
    if absent:
        raise DataError(
            f"{sheet.where}, row {number}: the header lacks the column(s) {', '.join(absent)} "
            f"(expected {', '.join(valid)})."
        )
    return found


def read_calibration(
    sheet: Sheet | None, cases: pd.DataFrame
) -> tuple[pd.DataFrame | None, tuple[int, ...]]:
    """The codebook as a DataFrame with defaults filled in, and its Excel row numbers."""
    if sheet is None:
        return None, ()
    columns = _header_map(sheet, CALIBRATION_COLUMNS, ("set", "source"))
    records, rows = [], []
    for number, cells in sheet.rows[1:]:
        raw = {name: cells[j] for name, j in columns.items()}
        records.append(_calibration_record(raw, number, sheet, cases))
        rows.append(number)
    if not records:
        return None, ()
    _check_set_names(records, rows, sheet, cases)
    return pd.DataFrame(records, columns=list(CALIBRATION_COLUMNS)), tuple(rows)


def _calibration_record(
    raw: dict[str, Any], number: int, sheet: Sheet, cases: pd.DataFrame
) -> dict[str, Any]:
    def fail(column: str, expected: str) -> DataError:
        return DataError(
            f"{sheet.where}, row {number}, column {column!r}: expected {expected}. Got {raw.get(column)!r} instead."
        )

    record = dict(CALIBRATION_DEFAULTS)
    name = raw.get("set")
    if not isinstance(name, str) or set_name_problem(name.strip()) is not None:
        raise fail(
            "set",
            "a set name: an identifier (letters of any script, digits, _; not starting with "
            f"a digit), e.g. DEV or 政治势能; {set_name_fix(name)}",
        )
    record["set"] = name.strip()
    source = raw.get("source")
    source = None if source is None else _cell_text(source)
    if source not in cases.columns:
        raise fail("source", f"a column of the cases sheet ({', '.join(map(str, cases.columns))})")
    record["source"] = source
    for column, choices in (
        ("kind", ("fuzzy", "crisp")),
        ("method", ("direct", "indirect", "tfr")),
    ):
        if raw.get(column) is not None:
            value = str(raw[column]).strip().lower()
            if value not in choices:
                raise fail(column, " or ".join(repr(c) for c in choices))
            record[column] = value
    for column in ("logistic", "ecdf"):
        if raw.get(column) is not None:
            flag = _boolean(raw[column])
            if flag is None:
                raise fail(column, "TRUE or FALSE")
            record[column] = flag
    for column in ("idm", "below", "above"):
        if raw.get(column) is not None:
            amount = _float(raw[column])
            if amount is None or amount <= 0 or (column == "idm" and not 0.5 < amount < 1):
                raise fail(column, "a number in (0.5, 1)" if column == "idm" else "a number > 0")
            record[column] = amount
    for column in ("label", "note"):
        if raw.get(column) is not None:
            record[column] = _cell_text(raw[column])
    if raw.get("shift_half") is not None:
        amount = _float(raw["shift_half"])
        if amount is None or not -0.1 < amount < 0.1:
            raise fail("shift_half", "a small number such as 0.001 (between -0.1 and 0.1), or empty")
        record["shift_half"] = amount
    record["thresholds"] = _thresholds(raw.get("thresholds"), record, fail, cases[source])
    return record


def _thresholds(value: Any, record: dict[str, Any], fail: Any, raw: pd.Series) -> str | None:
    """Threshold text checked for form (and, for direct fuzzy sets, order).

    Percentile anchors (``p95``) are resolved on the source column for the check; when
    that column is not numeric, :meth:`Workbook.calibrated` reports it.
    """
    if value is None:
        if record["method"] == "tfr":
            return None
        raise fail("thresholds", "thresholds such as 'e=350, c=550, i=900' or '550, 850'")
    if record["method"] == "tfr":
        raise fail("thresholds", "an empty cell for method 'tfr'")
    text = _cell_text(value)
    try:
        numbers_ = pd.to_numeric(raw, errors="coerce")
        resolved = text
        if not numbers_.isna().any():
            resolved = resolve_thresholds(text, numbers_.to_numpy(dtype=float))
        elif resolve_thresholds(text, [0.0]) != text:
            return text
        anchors, names = parse_thresholds(resolved)
        if record["kind"] == "fuzzy" and record["method"] == "direct":
            _shape(anchors, text if resolved == text else f"{text} (= {resolved})")
        elif names is not None:
            raise CalibrationError("crisp and indirect thresholds are plain numbers, without names")
    except CalibrationError as exc:
        raise fail("thresholds", f"valid thresholds ({exc})") from exc
    return text


def _check_set_names(
    records: list[dict[str, Any]], rows: list[int], sheet: Sheet, cases: pd.DataFrame
) -> None:
    seen: dict[str, int] = {}
    sources = {r["source"] for r in records}
    for record, number in zip(records, rows, strict=True):
        name = record["set"]
        if name in seen:
            raise DataError(
                f"{sheet.where}, row {number}, column 'set': the set {name!r} is already defined in row {seen[name]}."
            )
        if name in cases.columns and name not in sources:
            raise DataError(
                f"{sheet.where}, row {number}, column 'set': {name!r} is also a column of the cases "
                "sheet that is not calibrated; rename one of them."
            )
        seen[name] = number


def read_labels(
    calibration: pd.DataFrame | None, sheet: Sheet | None, known: set[str]
) -> dict[str, str]:
    labels: dict[str, str] = {}
    if calibration is not None:
        for name, label in zip(calibration["set"], calibration["label"], strict=True):
            if isinstance(label, str):
                labels[name] = label
    if sheet is None:
        return labels
    columns = _header_map(sheet, ("set", "label"), ("set", "label"))
    for number, cells in sheet.rows[1:]:
        name, label = cells[columns["set"]], cells[columns["label"]]
        name = None if name is None else _cell_text(name)
        if name not in known:
            raise DataError(
                f"{sheet.where}, row {number}, column 'set': {name!r} is not a set of this workbook "
                f"(known: {', '.join(sorted(known))})."
            )
        if label is not None:
            labels.setdefault(name, _cell_text(label))
    return labels


def read_readme(sheet: Sheet | None) -> str | None:
    """The README text: one line per row (blank rows kept), without a 'README' header."""
    if sheet is None:
        return None
    lines: list[str] = []
    first = sheet.rows[0][0]
    for number, cells in sheet.rows:
        lines.extend([""] * (number - first - len(lines)))
        lines.append("\t".join(_cell_text(c) for c in cells if c is not None))
    if lines and lines[0].strip().lower() == "readme":
        lines = lines[1:]
    return "\n".join(lines)


# ---------------------------------------------------------------- analysis
def read_analysis(sheet: Sheet | None, sets: list[str]) -> dict[str, Any]:
    if sheet is None:
        return {}
    columns = _header_map(sheet, ("key", "value"), ("key", "value"))
    settings: dict[str, Any] = {}
    for number, cells in sheet.rows[1:]:
        key, value = cells[columns["key"]], cells[columns["value"]]
        key = None if key is None else _cell_text(key).lower()
        where = f"{sheet.where}, row {number}"
        if key not in ANALYSIS_KEYS:
            raise DataError(
                f"{where}, column 'key': unknown key {key!r}. Valid keys: {', '.join(ANALYSIS_KEYS)}."
            )
        if key in settings:
            raise DataError(f"{where}, column 'key': the key {key!r} appears twice.")
        if value is None:
            continue  # an empty value leaves the default
        settings[key] = _analysis_value(key, value, where, sets)
    return {k: settings[k] for k in ANALYSIS_KEYS if k in settings}


def _analysis_value(key: str, value: Any, where: str, sets: list[str]) -> Any:
    def fail(expected: str) -> DataError:
        return DataError(
            f"{where}, column 'value' ({key}): expected {expected}. Got {value!r} instead."
        )

    text = _cell_text(value)
    if key == "outcome":
        match = _OUTCOME.match(text)
        if not match or match.group(1) not in sets:
            raise fail(f"one set name, possibly negated (~SURV); sets: {', '.join(sets)}")
        return text.replace(" ", "")
    if key == "conditions":
        names = [n.strip() for n in re.split(r"[,;]", text) if n.strip()]
        unknown = [n for n in names if n not in sets]
        if not names or unknown:
            raise fail(f"set names separated by commas, from: {', '.join(sets)}")
        return names
    if key in ("incl_cut", "pri_cut"):
        numbers_ = [_float(p) for p in re.split(r"[,;]", text) if p.strip()]
        count_ok = len(numbers_) == 1 or (key == "incl_cut" and len(numbers_) == 2)
        if not count_ok or any(v is None or not 0 <= v <= 1 for v in numbers_):
            raise fail(
                "a number in [0, 1]" + (" or two, e.g. '0.8, 0.6'" if key == "incl_cut" else "")
            )
        return numbers_[0] if len(numbers_) == 1 else (numbers_[0], numbers_[1])
    if key in ("n_cut", "max_models"):
        number = _float(text)
        if number is None or not number.is_integer() or number < 1:
            raise fail("a whole number >= 1")
        return int(number)
    if key == "include":
        parts = [p.strip().upper() for p in text.split(",") if p.strip()]
        if any(p not in ("?", "C") for p in parts):
            raise fail("'?', 'C' or '?, C'")
        return ", ".join(parts)
    if key in ("dir_exp", "negated_dir_exp"):
        return text
    if key == "method":
        if text.lower() not in METHODS:
            raise fail("'complete' (every minimal model) or 'ccubes' (R QCA's list of models)")
        return text.lower()
    if key in ("exclude", "negated_exclude"):
        numbers_ = [_float(p) for p in re.split(r"[,;\s]+", text) if p.strip()]
        if any(v is None or not v.is_integer() or v < 1 for v in numbers_):
            raise fail("truth-table row numbers separated by commas, e.g. '3, 7, 12'")
        return [int(v) for v in numbers_ if v is not None]
    flag = _boolean(value)
    if flag is None:
        raise fail("TRUE or FALSE")
    return flag


# ---------------------------------------------------------------- cells
def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _boolean(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Real) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    return True if text in _TRUE else False if text in _FALSE else None


def _float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
