"""The case-sheet workbook: cases, calibration codebook, analysis settings, labels.

One .xlsx file holds a whole study (see README "Case sheets" and ``cases/README.md``):

- ``cases`` -- first column the case id (any text), then raw measures and/or
  calibrated sets, one row per case;
- ``calibration`` (optional) -- one row per set to calibrate: ``set``, ``source``,
  ``kind``, ``method``, ``thresholds``, ``logistic``, ``idm``, ``below``, ``above``,
  ``ecdf``, ``label``, ``note``, ``shift_half`` (only ``set`` and ``source`` are required);
  anchors may be percentiles of the source (``e=p5, c=p50, i=p95``);
- ``analysis`` (optional) -- two columns ``key`` and ``value``: ``outcome``,
  ``conditions``, ``incl_cut``, ``n_cut``, ``pri_cut``, ``include``, ``dir_exp``,
  ``exclude``, ``row_dom``, ``all_sol``, ``esa``, ``method``, ``max_models``,
  ``negated_dir_exp``, ``negated_exclude`` (the expectations and exclusions of the negated outcome);
- ``labels`` (optional) -- ``set``, ``label``: labels of sets not calibrated here;
- ``README`` (optional) -- free text: source, citation, notes.

>>> import tempfile, pathlib
>>> import pandas as pd
>>> raw = pd.DataFrame({"DEV": [720, 1098, 390]}, index=pd.Index(["AU", "BE", "GR"], name="case"))
>>> path = pathlib.Path(tempfile.mkdtemp()) / "study.xlsx"
>>> _ = write_workbook(
...     path,
...     raw,
...     calibration=[{"set": "DEVELOPED", "source": "DEV", "thresholds": "e=350, c=550, i=900"}],
... )
>>> read_workbook(path).calibrated().round(3)
      DEVELOPED
case
AU        0.807
BE        0.990
GR        0.087
"""

from __future__ import annotations

import math
import os
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from qca._files import save_workbook
from qca._text import set_name_fix, set_name_problem
from qca._workbook_sheets import (
    ANALYSIS_KEYS,
    CALIBRATION_COLUMNS,
    CALIBRATION_DEFAULTS,
    read_analysis,
    read_calibration,
    read_labels,
    read_readme,
)
from qca.calibrate import _calibrate
from qca.exceptions import (
    DataError,
    InvalidParameterError,
    QCAError,
    QCAWarning,
)
from qca.io import (
    Sheet,
    _check_path,
    cases_frame,
    check_formulas,
    choose_sheet,
    read_csv_sheet,
    read_excel_sheets,
)

__all__ = ["Workbook", "read_workbook", "write_workbook", "write_template"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# ---------------------------------------------------------------- the Workbook
@dataclass(frozen=True, eq=False)
class Workbook:
    """A case-sheet workbook as read by :func:`read_workbook`.

    Attributes
    ----------
    path : pathlib.Path
        The file read.
    cases : pandas.DataFrame
        The ``cases`` sheet as :func:`qca.read_cases` returns it (raw values).
    calibration : pandas.DataFrame or None
        The codebook, one row per calibrated set, columns ``set, source, kind, method,
        thresholds, logistic, idm, below, above, ecdf, label, note, shift_half`` with defaults
        filled in (``thresholds`` as text); None without a ``calibration`` sheet.
    analysis : dict
        The ``analysis`` settings present, typed: ``outcome`` str, ``conditions``
        list of str, ``incl_cut`` float or (float, float), ``n_cut`` int, ``pri_cut``
        float, ``include`` str, ``dir_exp`` and ``negated_dir_exp`` str, ``exclude``
        and ``negated_exclude`` list of int, ``row_dom``, ``all_sol`` and ``esa`` bool,
        ``method`` str, ``max_models`` int.
    labels : dict
        Set name -> label (any Unicode text), from the calibration and labels sheets.
    readme : str or None
        The text of the ``README`` sheet.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"A": [0.2, 0.9]}, index=pd.Index(["x", "y"], name="case"))
    >>> Workbook("study.xlsx", raw).calibrated()
            A
    case
    x     0.2
    y     0.9
    """

    path: Path | str
    cases: pd.DataFrame
    calibration: pd.DataFrame | None = None
    analysis: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    readme: str | None = None
    calibration_rows: tuple[int, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        expected = {
            "path": ((str, os.PathLike), "a file path (str or Path)"),
            "cases": ((pd.DataFrame,), "a pandas DataFrame"),
            "calibration": ((pd.DataFrame, type(None)), "a pandas DataFrame or None"),
            "analysis": ((Mapping,), "a dict"),
            "labels": ((Mapping,), "a dict"),
            "readme": ((str, type(None)), "a str or None"),
        }
        for name, (types, what) in expected.items():
            value = getattr(self, name)
            if not isinstance(value, types):
                raise InvalidParameterError(
                    f"The '{name}' parameter of Workbook must be {what}. "
                    f"Got {type(value).__name__} instead."
                )
        if self.calibration is not None:
            lacking = [c for c in ("set", "source") if c not in self.calibration.columns]
            if lacking:
                raise InvalidParameterError(
                    "The 'calibration' parameter of Workbook must have the columns 'set' and "
                    f"'source'. Got columns {list(map(str, self.calibration.columns))} instead."
                )

    def calibrated(self) -> pd.DataFrame:
        """Set memberships: the passthrough columns, then each calibrated set.

        Every column of ``cases`` that is the source of no calibration row passes
        through unchanged (already calibrated sets), in sheet order; then each
        calibration row's set, computed with :func:`qca.calibrate` from its source
        column, in codebook order.

        Returns
        -------
        pandas.DataFrame
            Indexed by case id, one column per set; ``attrs["labels"]`` holds the
            labels (set name -> label), which notebooks show in rich displays.

        Raises
        ------
        CalibrationError, DataError
            A calibration row cannot be applied; the message names the file, sheet,
            row and set.
        """
        passthrough = _passthrough(self.cases, self.calibration)
        frame = self.cases[passthrough].copy()
        frame.attrs["labels"] = dict(self.labels)  # shown by notebooks' rich display
        if self.calibration is None:
            return frame
        rows = self.calibration_rows or tuple(range(2, len(self.calibration) + 2))
        for row, record in zip(rows, self.calibration.to_dict(orient="records"), strict=True):
            frame[record["set"]] = self._calibrate_row(record, row)[0]
        return frame

    def codebook(self) -> pd.DataFrame | None:
        """The calibration as applied: what was asked and the numbers used.

        Returns
        -------
        pandas.DataFrame or None
            Indexed by set, columns ``source``, ``thresholds`` (as written),
            ``resolved`` (percentile anchors such as ``p95`` replaced by the values
            used, R's ``quantile(type = 7)``; otherwise as written), ``shift_half``
            (the amount added to memberships of exactly 0.5) and ``shifted`` (the
            cases so shifted, a list); None without a calibration sheet.

        Examples
        --------
        >>> raw = pd.DataFrame({"GDP": [1, 2, 3, 4, 5]}, index=list("abcde"))
        >>> rule = {"set": "RICH", "source": "GDP", "thresholds": "e=p10, c=p50, i=p90"}
        >>> Workbook("study.xlsx", raw, pd.DataFrame([{**rule, "shift_half": 0.001}])).codebook()
             source           thresholds             resolved  shift_half shifted
        set
        RICH    GDP  e=p10, c=p50, i=p90  e=1.4, c=3, i=4.6       0.001     [c]
        """
        if self.calibration is None:
            return None
        rows = self.calibration_rows or tuple(range(2, len(self.calibration) + 2))
        records = []
        for row, record in zip(rows, self.calibration.to_dict(orient="records"), strict=True):
            applied = self._calibrate_row(record, row)[1]
            resolved = applied["thresholds"]
            resolved = resolved if resolved is None or isinstance(resolved, str) else str(resolved)
            records.append({"set": record["set"], "source": record["source"],
                            "thresholds": _option(record, "thresholds"), "resolved": resolved,
                            "shift_half": applied["shift_half"], "shifted": applied["shifted"]})
        return pd.DataFrame(records).set_index("set")

    def _calibrate_row(self, record: dict[str, Any], row: int) -> tuple[pd.Series, dict[str, Any]]:
        where = f"'{self.path}', sheet 'calibration', row {row} (set {record['set']!r})"
        options = {
            k: _option(record, k)
            for k in ("kind", "method", "logistic", "idm", "ecdf", "below", "above", "shift_half")
        }
        thresholds = _option(record, "thresholds")
        if record["source"] not in self.cases.columns:
            raise DataError(
                f"{where}: the source column {record['source']!r} is not a column of the cases "
                f"(columns: {', '.join(map(str, self.cases.columns))})."
            )
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result, applied = _calibrate(self.cases[record["source"]], thresholds, **options)
            except QCAError as exc:
                raise type(exc)(f"{where}: {exc}") from exc
        for item in caught:
            if issubclass(item.category, QCAWarning):
                warnings.warn(f"{where}: {item.message}", QCAWarning, stacklevel=3)
            else:
                warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)
        return pd.Series(result, index=self.cases.index, name=record["set"]), applied

    def __repr__(self) -> str:
        sets = [] if self.calibration is None else list(self.calibration["set"])
        return (
            f"Workbook('{self.path}': {len(self.cases)} cases, columns {list(self.cases.columns)}, "
            f"calibrated sets {sets}, analysis {self.analysis})"
        )


def _option(record: Mapping[str, Any], key: str) -> Any:
    """A codebook value, or its default when absent, None or NaN."""
    value = record.get(key)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return CALIBRATION_DEFAULTS.get(key)
    return value


def _passthrough(cases: pd.DataFrame, calibration: pd.DataFrame | None) -> list[str]:
    sources = set() if calibration is None else set(calibration["source"])
    return [c for c in cases.columns if c not in sources]


# ---------------------------------------------------------------- reading
def read_workbook(
    path: str | os.PathLike[str], *, sheet: str | None = None, dropna: bool = False
) -> Workbook:
    """Read a case-sheet workbook: cases, calibration codebook, analysis settings.

    Parameters
    ----------
    path : str or path-like
        An .xlsx workbook in the case-sheet format (a .csv file gives a Workbook with
        cases only). Never modified.
    sheet : str, default=None
        The sheet holding the cases: by default ``cases``, else the first sheet.
    dropna : bool, default=False
        Drop cases with missing values (with a QCAWarning) instead of raising.

    Returns
    -------
    Workbook
        ``.cases``, ``.calibration``, ``.analysis``, ``.labels``, ``.readme`` and
        ``.calibrated()``.

    Raises
    ------
    ReadError, DataError, CalibrationError
        As :func:`qca.read_cases`, plus: set names that are not identifiers,
        unknown source columns, unknown analysis keys (the valid keys are listed) and
        bad values; each message names the file, sheet, row and column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"A": [0.2, 0.9], "Y": [0, 1]}, index=pd.Index(["x", "y"], name="case"))
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "study.xlsx"
    >>> _ = write_workbook(path, raw, analysis={"outcome": "Y", "incl_cut": 0.8})
    >>> read_workbook(path).analysis
    {'outcome': 'Y', 'incl_cut': 0.8}
    """
    if not isinstance(dropna, bool):
        raise InvalidParameterError(
            f"The 'dropna' parameter of read_workbook must be True or False. Got {dropna!r} instead."
        )
    if sheet is not None and not isinstance(sheet, str):
        raise InvalidParameterError(
            f"The 'sheet' parameter of read_workbook must be a sheet name (str) or None. Got {sheet!r} instead."
        )
    source = _check_path(path, "read_workbook")
    if source.suffix.lower() == ".csv":
        if sheet is not None:
            raise InvalidParameterError(
                f"The 'sheet' parameter of read_workbook must be None for a .csv file. Got {sheet!r} instead."
            )
        table = read_csv_sheet(source)
        return Workbook(source, cases_frame(table, dropna=dropna))
    sheets = read_excel_sheets(source)
    cases_name = choose_sheet(sheets, sheet, source)
    used = {
        name: table
        for name, table in sheets.items()
        if name == cases_name or name.strip().lower() in ("calibration", "analysis", "labels")
    }
    check_formulas(source, used)
    cases = cases_frame(sheets[cases_name], dropna=dropna)
    calibration, rows = read_calibration(_optional(sheets, "calibration", cases_name), cases)
    _check_passthrough_names(cases, calibration, sheets[cases_name])
    sets = _passthrough(cases, calibration) + (
        [] if calibration is None else list(calibration["set"])
    )
    labels = read_labels(
        calibration, _optional(sheets, "labels", cases_name), set(sets) | set(cases.columns)
    )
    analysis = read_analysis(_optional(sheets, "analysis", cases_name), sets)
    readme = read_readme(_optional(sheets, "readme", cases_name))
    return Workbook(source, cases, calibration, analysis, labels, readme, rows)


def _check_passthrough_names(
    cases: pd.DataFrame, calibration: pd.DataFrame | None, sheet: Sheet
) -> None:
    """Columns used as sets must be named like sets."""
    for name in _passthrough(cases, calibration):
        problem = set_name_problem(str(name))
        if problem is not None:
            raise DataError(
                f"{sheet.where}, row {sheet.rows[0][0]}: the column {name!r} is used as a set (no "
                f"calibration row has it as source), so its header must be a set name, but "
                f"{problem}. {set_name_fix(name)} (labels sheet)"
            )


def _optional(sheets: dict[str, Sheet], name: str, cases_name: str) -> Sheet | None:
    """The sheet called ``name`` (any letter case), unless it is the cases sheet."""
    for key, sheet in sheets.items():
        if key.strip().lower() == name and key != cases_name and sheet.rows:
            return sheet
    return None


# ---------------------------------------------------------------- writing
def write_workbook(
    path: str | os.PathLike[str],
    cases: pd.DataFrame,
    *,
    calibration: pd.DataFrame | Sequence[Mapping[str, Any]] | None = None,
    analysis: Mapping[str, Any] | None = None,
    readme: str | None = None,
    labels: Mapping[str, str] | None = None,
    sheets: Mapping[str, pd.DataFrame] | None = None,
) -> Path:
    """Write a case-sheet workbook that :func:`read_workbook` reads back.

    Parameters
    ----------
    path : str or path-like
        The .xlsx file to write (replaced if it exists).
    cases : pandas.DataFrame
        One row per case, indexed by case id (the index name, or ``case``, heads the
        first column).
    calibration : DataFrame or list of dict, default=None
        Codebook rows with at least ``set`` and ``source`` (columns as
        ``CALIBRATION_COLUMNS``; only those given are written).
    analysis : mapping, default=None
        Analysis settings (keys as ``ANALYSIS_KEYS``); lists are written as
        comma-separated text, a ``dir_exp`` mapping as R's string form.
    readme : str, default=None
        Free text for the ``README`` sheet, one line per row.
    labels : mapping, default=None
        Set name -> label, written to a ``labels`` sheet.
    sheets : mapping, default=None
        Further data sheets, name -> DataFrame, written like ``cases`` (e.g. other
        versions of the data); :func:`read_workbook` ignores them, ``read_cases(path,
        name)`` reads them.

    Returns
    -------
    pathlib.Path
        The path written.

    Notes
    -----
    Header rows are bold and frozen; text starting with ``= + - @`` is written as text,
    never as a formula.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> cases = pd.DataFrame({"PM": [0.9, 0.2]}, index=pd.Index(["杭州", "贵阳"], name="城市"))
    >>> path = write_workbook(
    ...     pathlib.Path(tempfile.mkdtemp()) / "zh.xlsx", cases, labels={"PM": "政治势能"}
    ... )
    >>> read_workbook(path).labels
    {'PM': '政治势能'}
    """
    from openpyxl import Workbook as _Book

    if not isinstance(cases, pd.DataFrame):
        raise InvalidParameterError(
            f"The 'cases' parameter of write_workbook must be a DataFrame. Got {type(cases).__name__} instead."
        )
    book = _Book()
    book.remove(book.active)
    _write_frame(book, "cases", cases)
    if calibration is not None:
        _write_sheet(book, "calibration", *_calibration_rows(calibration))
    if analysis:
        _write_sheet(book, "analysis", ["key", "value"], _analysis_rows(analysis))
    if labels:
        _write_sheet(book, "labels", ["set", "label"], [[k, v] for k, v in labels.items()])
    reserved = {"cases", "calibration", "analysis", "labels", "readme"}
    for name, frame in (sheets or {}).items():
        if name.strip().lower() in reserved or not isinstance(frame, pd.DataFrame):
            raise InvalidParameterError(
                f"The 'sheets' parameter of write_workbook maps new sheet names to DataFrames; got {name!r}."
            )
        _write_frame(book, name, frame)
    if readme is not None:
        _write_sheet(
            book, "README", ["README"], [[line] for line in readme.splitlines()], widths=False
        )
    return save_workbook(book, path)  # a temporary file beside it, renamed into place


def _write_frame(book: Any, name: str, frame: pd.DataFrame) -> None:
    header = [frame.index.name or "case", *map(str, frame.columns)]
    body = [
        [case, *row] for case, row in zip(frame.index, frame.itertuples(index=False), strict=True)
    ]
    _write_sheet(book, name, header, body, freeze="B2")


def _calibration_rows(calibration: Any) -> tuple[list[str], list[list[Any]]]:
    records = (
        calibration.to_dict(orient="records")
        if isinstance(calibration, pd.DataFrame)
        else list(calibration)
    )
    given = {k for r in records for k in r}
    unknown = given - set(CALIBRATION_COLUMNS)
    if unknown:
        raise InvalidParameterError(
            f"The 'calibration' parameter of write_workbook has unknown column(s) {sorted(unknown)}; "
            f"valid: {', '.join(CALIBRATION_COLUMNS)}."
        )
    columns = [c for c in CALIBRATION_COLUMNS if c in given or c in ("set", "source")]
    return columns, [[r.get(c) for c in columns] for r in records]


def _analysis_rows(analysis: Mapping[str, Any]) -> list[list[Any]]:
    unknown = [k for k in analysis if k not in ANALYSIS_KEYS]
    if unknown:
        raise InvalidParameterError(
            f"The 'analysis' parameter of write_workbook has unknown key(s) {unknown}; valid: {', '.join(ANALYSIS_KEYS)}."
        )
    rows = []
    for key in ANALYSIS_KEYS:
        if key not in analysis:
            continue
        value = analysis[key]
        if key == "dir_exp" and isinstance(value, Mapping):
            value = _dir_exp_text(value)
        elif isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        rows.append([key, value])
    return rows


def _dir_exp_text(expectations: Mapping[str, Any]) -> str:
    """{"DEV": 1, "IND": 0, "URB": "-"} -> "DEV, ~IND" (R's string form)."""
    parts = []
    for name, value in expectations.items():
        if value == 1:
            parts.append(str(name))
        elif value == 0:
            parts.append(f"~{name}")
        elif value != "-":
            parts.append(f"{name}[{value}]")
    return ", ".join(parts)


def _write_sheet(
    book: Any,
    name: str,
    header: list[Any],
    rows: list[list[Any]],
    *,
    freeze: str = "A2",
    widths: bool = True,
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name)
    for r, values in enumerate([header, *rows], start=1):
        for c, value in enumerate(values, start=1):
            _put(sheet.cell(row=r, column=c), value)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="top")
    sheet.freeze_panes = freeze
    if not widths:
        sheet.column_dimensions["A"].width = 100
        return
    for c in range(1, len(header) + 1):
        longest = max(
            len(str(v[c - 1])) for v in [header, *rows] if len(v) >= c and v[c - 1] is not None
        )
        sheet.column_dimensions[get_column_letter(c)].width = min(60, max(8, longest + 2))


def _put(cell: Any, value: Any) -> None:
    """Write one value: numbers as numbers, NaN as empty, text never as a formula."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalar
    if isinstance(value, (bool, int, float)):
        cell.value = value
        return
    text = str(value)
    if _CONTROL.search(text):
        raise InvalidParameterError(
            f"write_workbook cannot store the text {text!r} (sheet '{cell.parent.title}', cell "
            f"{cell.coordinate}): Excel does not allow control characters; remove them."
        )
    cell.value = text
    cell.data_type = "s"
    if text[:1] in ("=", "+", "-", "@") and text != "-":
        cell.quotePrefix = True


# ---------------------------------------------------------------- template
_TEMPLATE_README = """\
How to fill in this case sheet (qca case-sheet format; see the qca README, "Case sheets").

Sheet cases: one row per case. Column A holds the case id (any text, Chinese included; "NA" is a valid id). Every other column is a raw measure or an already-calibrated set (numbers; "-" for a temporal don't care). Column headers are set names: identifiers such as DEV, PM_2 or 政治势能 (letters of any script, digits, _; not starting with a digit). No empty cells: a missing value is an error unless you drop the case.
Sheet calibration (optional): one row per set to calibrate from a raw column.
  set: the name of the calibrated set (an identifier), e.g. DEV or 政治势能.
  source: the column of the cases sheet it is calibrated from (may have the same name as set).
  kind: fuzzy (default) or crisp.
  method: direct (default), indirect or tfr.
  thresholds: anchors, e.g. "e=350, c=550, i=900" (exclusion, crossover, inclusion; i=5, c=10, e=15 is a decreasing set), "e1=..., c1=..., i1=..., i2=..., c2=..., e2=..." (bell shape), or plain numbers "550, 850" (crisp: values 0, 1, 2). Empty for tfr.
  logistic: TRUE (default) or FALSE (linear / power form).
  idm: inclusion degree at the i anchor, default 0.95.
  below: exponent of the power form below the crossover, default 1.
  above: exponent of the power form above the crossover, default 1.
  ecdf: TRUE to use the empirical CDF between the anchors, default FALSE.
  label: a readable name shown in reports (any text, e.g. 政治势能).
  note: why these anchors (theory, source).
  shift_half: add this amount (e.g. 0.001) to memberships of exactly 0.5 so those cases fall in a truth-table row; empty or 0 shifts nothing. The cases shifted are recorded in the report's codebook.
Any anchor may be a percentile of the source column: "e=p5, c=p50, i=p95" (R's quantile type 7); reports record the values used.
Columns of the cases sheet that are the source of no calibration row are used as they are (already calibrated).
Sheet analysis (optional): columns key and value. An empty value keeps the default.
  outcome: the outcome set, e.g. SURV or ~SURV.
  conditions: the condition sets separated by commas, e.g. DEV, URB, LIT.
  incl_cut: consistency cut-off for a row to be coded 1, e.g. 0.8 (or two numbers "0.8, 0.6": below the second the row is 0, between the two a contradiction).
  n_cut: minimum number of cases in a row (default 1).
  pri_cut: minimum PRI for a row coded 1 (default 0).
  include: ? for the parsimonious solution (remainders used), empty for the conservative one, "?, C" to use contradictions too.
  dir_exp: directional expectations for the intermediate solution, e.g. DEV, URB, ~STB.
  exclude: truth-table rows that may not be used as remainders, e.g. 3, 7.
  row_dom: TRUE to drop dominated prime implicants before solving (default FALSE).
  all_sol: TRUE to list all irredundant models, not only the shortest (default FALSE).
  esa: TRUE for the enhanced standard analysis: no contradictory simplifying assumptions (default FALSE).
  method: complete (default) lists every minimal model; ccubes gives R QCA's list (its default CCubes search, which can miss minimal models).
  max_models: the most minimal models listed per solution, a whole number >= 1 (default 10000); how many exist is still counted, and all of them are described as a core plus alternatives.
  negated_dir_exp: directional expectations for the negated outcome (~SURV when outcome is SURV); dir_exp is never used for it.
  negated_exclude: rows excluded for the negated outcome; exclude is never used for it.
Sheet labels (optional): columns set and label, for sets not calibrated here.
Sheet README: this text; replace it with the source and citation of your data."""


def write_template(path: str | os.PathLike[str]) -> Path:
    """Write an empty, documented case-sheet workbook to fill in.

    The workbook has the sheets ``cases`` (header only), ``calibration`` (every
    column), ``analysis`` (every key, empty values), ``labels`` and a ``README``
    explaining every column and key.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from openpyxl import load_workbook
    >>> path = write_template(pathlib.Path(tempfile.mkdtemp()) / "template.xlsx")
    >>> load_workbook(path).sheetnames
    ['cases', 'calibration', 'analysis', 'labels', 'README']
    """
    from openpyxl import Workbook as _Book

    book = _Book()
    book.remove(book.active)
    _write_sheet(book, "cases", ["case", "CONDITION_A", "CONDITION_B", "OUTCOME"], [], freeze="B2")
    _write_sheet(book, "calibration", list(CALIBRATION_COLUMNS), [])
    _write_sheet(book, "analysis", ["key", "value"], [[key, None] for key in ANALYSIS_KEYS])
    _write_sheet(book, "labels", ["set", "label"], [])
    _write_sheet(
        book, "README", ["README"], [[line] for line in _TEMPLATE_README.splitlines()], widths=False
    )
    return save_workbook(book, path)  # a temporary file beside it, renamed into place
