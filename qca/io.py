"""Reading case sheets (.xlsx, .csv) into a DataFrame of cases.

A case sheet has one row per case. Its first column holds the case ids (read as text:
"NA" is Namibia, never a missing value) and becomes the index; the other columns hold
numbers: raw measures, fuzzy memberships, crisp or multi-value codes, and ``"-"`` for a
temporal don't care. The file is only read, never written.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "cases.csv").write_text("country,DEV,SURV\\nNA,0.2,0\\nAU,0.81,1\\n")
>>> read_cases(folder / "cases.csv")
         DEV  SURV
country
NA      0.20     0
AU      0.81     1
"""

from __future__ import annotations

import math
import numbers
import os
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from qca._bounded import (
    CellCount,
    check_file_size,
    check_name_length,
    check_zip,
    csv_records,
    sniff_delimiter,
)
from qca.exceptions import DataError, InvalidParameterError, QCAWarning, ReadError

__all__ = ["read_cases"]

#: The first bytes of an OLE2 compound file: legacy .xls, or an encrypted .xlsx.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK"
#: Text that means "no value" in a data cell (never in the case-id column).
_MISSING_TEXT = frozenset({"", "NA", "N/A", "NaN", "nan", "#N/A", "NULL", "null"})
#: A temporal don't-care cell (R QCA's "-").
DONT_CARE = "-"
_EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_MAX_LISTED = 8


@dataclass
class Sheet:
    """The non-empty rows of one sheet: ``rows`` holds (row number as Excel shows it, cells)."""

    where: str
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    first_column: int = 1
    excel: bool = True


def read_cases(
    path: str | os.PathLike[str], sheet: str | None = None, *, dropna: bool = False
) -> pd.DataFrame:
    """Read a case sheet (.xlsx or .csv) into a DataFrame indexed by case id.

    Parameters
    ----------
    path : str or path-like
        An .xlsx (or .xlsm) workbook or a UTF-8 .csv file (comma, semicolon or tab
        separated). Never modified.
    sheet : str, default=None
        The sheet to read: by default the sheet named ``cases``, else the first one.
        Not allowed for .csv files.
    dropna : bool, default=False
        Drop the cases with missing values (with a QCAWarning naming them) instead of
        raising a DataError.

    Returns
    -------
    pandas.DataFrame
        Index: case ids as text, named after the first column's header (``case`` when
        that header is empty, as R's ``write.csv`` leaves it). One column per
        other header, in sheet order: int64 when every value is a whole number, float64
        otherwise; a column holding ``"-"`` (temporal don't care) is object dtype with
        ``"-"`` strings and numbers.

    Raises
    ------
    ReadError
        The file is missing, unreadable, password-protected, not an Excel workbook, or
        the sheet does not exist (the available sheets are listed).
    DataError
        Empty sheet, empty or duplicate case ids or headers, non-numeric cells (file,
        sheet, row, column and value named), missing values (cases and columns named),
        formulas without cached values.

    See Also
    --------
    qca.read_workbook : the full case-sheet workbook (calibration, analysis settings).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "rs.csv"
    >>> _ = path.write_text("case,P,EBA\\n1,1,-\\n2,0,1\\n", encoding="utf-8")
    >>> read_cases(path)["EBA"].tolist()
    ['-', 1]
    """
    if not isinstance(dropna, bool):
        raise InvalidParameterError(
            f"The 'dropna' parameter of read_cases must be True or False. Got {dropna!r} instead."
        )
    source = _check_path(path)
    if source.suffix.lower() == ".csv":
        if sheet is not None:
            raise InvalidParameterError(
                f"The 'sheet' parameter of read_cases must be None for a .csv file. Got {sheet!r} instead."
            )
        table = read_csv_sheet(source)
    else:
        sheets = read_excel_sheets(source)
        name = choose_sheet(sheets, sheet, source)
        check_formulas(source, {name: sheets[name]})
        table = sheets[name]
    return cases_frame(table, dropna=dropna)


# ---------------------------------------------------------------- files
def _check_path(path: Any, where: str = "read_cases") -> Path:
    """Return ``path`` as a Path to an existing .xlsx/.xlsm/.csv file, or raise ReadError."""
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidParameterError(
            f"The 'path' parameter of {where} must be a file path (str or Path). Got {path!r} instead."
        )
    source = Path(path)
    if not source.exists():
        raise ReadError(f"File not found: '{source}'.")
    if not source.is_file():
        raise ReadError(f"'{source}' is not a file.")
    if source.suffix.lower() not in (*_EXCEL_SUFFIXES, ".csv"):
        hint = " Save it in Excel as .xlsx." if source.suffix.lower() in (".xls", ".ods") else ""
        raise ReadError(
            f"'{source}' is not a case sheet: expected an .xlsx or .csv file, got '{source.suffix}'.{hint}"
        )
    return source


def _head(source: Path) -> bytes:
    try:
        with source.open("rb") as handle:
            return handle.read(8)
    except OSError as exc:
        raise ReadError(f"Cannot read '{source}': {exc.strerror or exc}.") from exc


def _diagnose_not_zip(source: Path) -> ReadError:
    """Why an .xlsx file is not a zip archive: encrypted, legacy .xls, or something else."""
    head = _head(source)
    if head.startswith(_OLE_MAGIC):
        content = source.read_bytes()
        if (
            "EncryptionInfo".encode("utf-16-le") in content
            or "EncryptedPackage".encode("utf-16-le") in content
        ):
            return ReadError(
                f"'{source}' is password-protected (an encrypted Office file). Open it in Excel, "
                "remove the password (File > Info > Protect Workbook) and save it again as .xlsx."
            )
        return ReadError(
            f"'{source}' is an old binary Excel file (.xls) renamed .xlsx. Open it in Excel and "
            "save it as an Excel Workbook (.xlsx)."
        )
    if not head:
        return ReadError(f"'{source}' is empty (0 bytes), not an Excel workbook.")
    if head.startswith(_ZIP_MAGIC):
        return ReadError(
            f"'{source}' is damaged: it starts like an Excel workbook (a zip archive) but is "
            "incomplete or corrupt. Save it again from Excel, or use a backup copy."
        )
    return ReadError(
        f"'{source}' is not an Excel workbook (.xlsx): its content is not a zip archive "
        f"(starts with {head!r}). Was another kind of file renamed .xlsx?"
    )


def _load_workbook(source: Path, *, data_only: bool) -> Any:
    """Open an .xlsx workbook read-only, turning every failure into a ReadError."""
    import openpyxl

    check_file_size(source)
    if not _head(source).startswith(_ZIP_MAGIC) or not zipfile.is_zipfile(source):
        raise _diagnose_not_zip(source)
    check_zip(source)
    try:
        return openpyxl.load_workbook(source, read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ReadError(
            f"'{source}' cannot be read as an Excel workbook (.xlsx): {type(exc).__name__}: {exc}. "
            "Is it damaged, or another kind of file renamed .xlsx?"
        ) from exc


def read_excel_sheets(source: Path) -> dict[str, Sheet]:
    """Every sheet of an .xlsx file as a Sheet (cell values as last calculated).

    Pass the sheets used to :func:`check_formulas`: a formula never calculated reads as
    an empty cell.
    """
    book = _load_workbook(source, data_only=True)
    try:
        sheets = {
            name: _sheet_rows(book[name], f"'{source}', sheet '{name}'") for name in book.sheetnames
        }
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"'{source}' cannot be read as an Excel workbook (.xlsx): {exc}.") from exc
    finally:
        book.close()
    return sheets


def _sheet_rows(worksheet: Any, where: str) -> Sheet:
    if not hasattr(worksheet, "iter_rows"):  # a chart sheet
        return Sheet(where)
    worksheet.reset_dimensions()  # do not trust a stale <dimension> tag
    count = CellCount(where)  # rows x columns bounded while reading, not after
    rows = []
    for number, values in enumerate(worksheet.iter_rows(min_row=1, values_only=True), start=1):
        count.add(len(values))
        rows.append((number, [_strip(v) for v in values]))
    return _trim(Sheet(where, rows))


def check_formulas(source: Path, sheets: dict[str, Sheet]) -> None:
    """Raise DataError where a cell of ``sheets`` holds a formula that was never calculated.

    Such a cell reads as empty with its calculated values (``data_only=True``) but holds
    a formula text when read without them.
    """
    from openpyxl.utils import get_column_letter

    if not _has_formulas(source):
        return
    book = _load_workbook(source, data_only=False)
    try:
        for name, sheet in sheets.items():
            values = _cell_lookup(sheet)
            worksheet = book[name]
            if not hasattr(worksheet, "iter_rows"):
                continue
            worksheet.reset_dimensions()
            found = [
                f"{get_column_letter(col)}{number} ({formula})"
                for number, row in enumerate(
                    worksheet.iter_rows(min_row=1, values_only=True), start=1
                )
                for col, formula in enumerate(row, start=1)
                if isinstance(formula, str)
                and formula.startswith("=")
                and values.get((number, col)) is None
            ]
            if found:
                listed = ", ".join(found[:_MAX_LISTED]) + (
                    " ..." if len(found) > _MAX_LISTED else ""
                )
                raise DataError(
                    f"'{source}', sheet '{name}': formulas without a calculated value in cell(s) "
                    f"{listed}. The file was saved by a program that does not calculate "
                    "formulas; open it in Excel or LibreOffice and save it again, or type the values."
                )
    finally:
        book.close()


def _has_formulas(source: Path) -> bool:
    """Whether any worksheet of the .xlsx archive holds a formula element (<f>)."""
    pattern = re.compile(rb"<(?:\w+:)?f[\s>/]")
    with zipfile.ZipFile(source) as archive:
        return any(
            pattern.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )


def _cell_lookup(sheet: Sheet) -> dict[tuple[int, int], Any]:
    """(row, column) -> value, 1-based as in Excel, of the non-empty cells of a Sheet."""
    return {
        (number, sheet.first_column + j): value
        for number, cells in sheet.rows
        for j, value in enumerate(cells)
        if value is not None
    }


def read_csv_sheet(source: Path) -> Sheet:
    """A UTF-8 .csv file (comma, semicolon or tab separated) as a Sheet."""
    check_file_size(source)
    try:
        with source.open(encoding="utf-8-sig", newline="") as handle:  # keep \r inside fields
            text = handle.read()
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"'{source}' is not UTF-8 text (byte {exc.start}): save it as 'CSV UTF-8', or use .xlsx."
        ) from exc
    except OSError as exc:
        raise ReadError(f"Cannot read '{source}': {exc.strerror or exc}.") from exc
    if "\x00" in text:
        raise ReadError(f"'{source}' is not a text .csv file (it holds binary data).")
    # records end at \n, \r or \r\n only: U+2028 or a form feed stays inside its field
    records = csv_records(text, sniff_delimiter(text), f"'{source}'")
    rows = [(number, [_strip(v) for v in values]) for number, values in records]
    return _trim(Sheet(f"'{source}'", rows, excel=False))


def _strip(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value if value else None
    return value


def _trim(sheet: Sheet) -> Sheet:
    """Drop empty rows and empty leading/trailing columns; pad rows to one width."""
    rows = [(n, cells) for n, cells in sheet.rows if any(v is not None for v in cells)]
    if not rows:
        return Sheet(sheet.where, [], excel=sheet.excel)
    used = sorted({j for _, cells in rows for j, v in enumerate(cells) if v is not None})
    first, last = used[0], used[-1]
    width = last + 1
    padded = [(n, (cells + [None] * (width - len(cells)))[first:width]) for n, cells in rows]
    return Sheet(sheet.where, padded, first_column=sheet.first_column + first, excel=sheet.excel)


def choose_sheet(sheets: dict[str, Sheet], sheet: str | None, source: Path) -> str:
    """The name of the sheet to read: ``sheet``, else ``cases``, else the first."""
    if sheet is not None and not isinstance(sheet, str):
        raise InvalidParameterError(
            f"The 'sheet' parameter of read_cases must be a sheet name (str) or None. Got {sheet!r} instead."
        )
    names = list(sheets)
    if not names:
        raise ReadError(f"'{source}' holds no worksheet: is it damaged?")
    if sheet is None:
        return "cases" if "cases" in sheets else names[0]
    if sheet in sheets:
        return sheet
    listed = ", ".join(f"'{n}'" for n in names)
    raise ReadError(f"'{source}' has no sheet named '{sheet}'. Available sheets: {listed}.")


# ---------------------------------------------------------------- cells to frame
def cases_frame(sheet: Sheet, *, dropna: bool = False) -> pd.DataFrame:
    """The cases of a Sheet as a DataFrame (header row first), validated."""
    if not sheet.rows:
        raise DataError(
            f"{sheet.where} is empty: expected a header row (case id, then set names) and one row per case."
        )
    header_row, header = sheet.rows[0]
    names = _header(header, header_row, sheet)
    body = sheet.rows[1:]
    if not body:
        raise DataError(
            f"{sheet.where} has a header but no cases (no rows below row {header_row})."
        )
    ids = _case_ids(body, names[0], sheet)
    values, missing = _cells(body, ids, names[1:], sheet)
    keep = list(range(len(ids)))
    if missing:
        dropped = _handle_missing(missing, sheet, dropna)
        keep = [k for k in keep if ids[k] not in dropped]
    kept_ids = [ids[k] for k in keep]
    columns = {
        name: _column([column[k] for k in keep], kept_ids, name) for name, column in values.items()
    }
    return pd.DataFrame(columns, index=pd.Index(kept_ids, name=names[0]))


def _header(cells: list[Any], row: int, sheet: Sheet) -> list[str]:
    names = []
    for j, value in enumerate(cells):
        if value is None and j == 0:
            names.append("case")  # R's write.csv leaves the row-name header empty
            continue
        if value is None:
            raise DataError(
                f"{sheet.where}, row {row}: column {_column_label(sheet, j)} has no header; every column needs a name."
            )
        names.append(_text(value))
        check_name_length(names[-1], f"{sheet.where}, row {row}: the header of column {j + 1}")
    if len(names) < 2:
        raise DataError(
            f"{sheet.where}, row {row}: expected a case-id column and at least one set column; found only {names!r}."
        )
    seen: dict[str, int] = {}
    for j, name in enumerate(names):
        if name in seen:
            raise DataError(
                f"{sheet.where}, row {row}: the header {name!r} appears twice (columns "
                f"{_column_label(sheet, seen[name])} and {_column_label(sheet, j)}); headers must be unique."
            )
        seen[name] = j
    return names


def _case_ids(body: list[tuple[int, list[Any]]], header: str, sheet: Sheet) -> list[str]:
    ids: list[str] = []
    first_row: dict[str, int] = {}
    for number, cells in body:
        value = cells[0]
        if value is None:
            raise DataError(
                f"{sheet.where}, row {number}: the case id (column {header!r}) is empty."
            )
        case = _text(value)
        check_name_length(case, f"{sheet.where}, row {number}: the case id")
        if case in first_row:
            raise DataError(
                f"{sheet.where}: duplicate case id {case!r} in rows {first_row[case]} and {number} "
                f"(column {header!r}); case ids must be unique."
            )
        first_row[case] = number
        ids.append(case)
    return ids


def _text(value: Any) -> str:
    """A cell as text: whole floats without '.0' (an id typed as 1 is '1')."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def _cells(
    body: list[tuple[int, list[Any]]], ids: list[str], names: list[str], sheet: Sheet
) -> tuple[dict[str, list[Any]], list[tuple[str, str, int]]]:
    """Parse every data cell; return the values by column and the missing cells (case, column, row)."""
    columns: dict[str, list[Any]] = {}
    missing: list[tuple[str, str, int]] = []
    bad: list[str] = []
    for j, name in enumerate(names, start=1):
        values: list[Any] = []
        for (number, cells), case in zip(body, ids, strict=True):
            value = _number(cells[j])
            if value is _MISSING:
                missing.append((case, name, number))
            elif value is _BAD:
                bad.append(f"row {number}, column {name!r} (case {case!r}): {cells[j]!r}")
            values.append(value)
        columns[name] = values
    if bad:
        listed = "; ".join(bad[:_MAX_LISTED]) + (
            f"; and {len(bad) - _MAX_LISTED} more" if len(bad) > _MAX_LISTED else ""
        )
        raise DataError(
            f"{sheet.where}: non-numeric values where numbers are expected (or '-' for a temporal "
            f"don't care): {listed}."
        )
    return columns, missing


_MISSING = object()
_BAD = object()


def _number(value: Any) -> Any:
    """A data cell as int/float, '-', or the _MISSING/_BAD markers."""
    if type(value) is int:  # the common cases first: this runs once per cell
        return value
    if type(value) is float and math.isfinite(value) and not value.is_integer():
        return value
    if value is None:
        return _MISSING
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return _MISSING
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if isinstance(value, (datetime, date, time, timedelta)):
        return _BAD
    text = str(value).strip()
    if text == DONT_CARE:
        return DONT_CARE
    if text in _MISSING_TEXT:
        return _MISSING
    try:
        number = float(text)
    except ValueError:
        return _BAD
    if not math.isfinite(number):
        return _BAD
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _column(values: list[Any], ids: list[str], name: str) -> pd.Series:
    """int64 if every value is whole, float64 otherwise, object with '-' cells."""
    present = [v for v in values if v is not _MISSING and v is not _BAD]
    if any(v == DONT_CARE for v in present):
        cells = [np.nan if v is _MISSING or v is _BAD else v for v in values]
        return pd.Series(cells, index=ids, name=name, dtype=object)
    if len(present) == len(values) and all(isinstance(v, int) for v in values):
        return pd.Series(values, index=ids, name=name, dtype="int64")
    cells = [np.nan if v is _MISSING or v is _BAD else float(v) for v in values]
    return pd.Series(cells, index=ids, name=name, dtype="float64")


def _handle_missing(missing: list[tuple[str, str, int]], sheet: Sheet, dropna: bool) -> set[str]:
    """Raise DataError naming the cases with missing values, or (dropna) warn and return them."""
    by_case: dict[str, list[str]] = {}
    rows: dict[str, int] = {}
    for case, column, number in sorted(missing, key=lambda item: item[2]):
        by_case.setdefault(case, []).append(column)
        rows[case] = number
    described = [
        f"{case!r} (row {rows[case]}, column(s) {', '.join(cols)})"
        for case, cols in by_case.items()
    ]
    listed = "; ".join(described[:_MAX_LISTED]) + (
        f"; and {len(described) - _MAX_LISTED} more" if len(described) > _MAX_LISTED else ""
    )
    if not dropna:
        raise DataError(
            f"{sheet.where}: missing values for case(s) {listed}. Fill them in, or pass dropna=True "
            "to drop these cases."
        )
    if len(by_case) == len({r for r, _ in sheet.rows[1:]}):
        raise DataError(
            f"{sheet.where}: every case has missing values ({listed}); nothing is left."
        )
    warnings.warn(
        f"{sheet.where}: dropped {len(by_case)} case(s) with missing values: {listed}.",
        QCAWarning,
        stacklevel=4,
    )
    return set(by_case)


def _column_label(sheet: Sheet, j: int) -> str:
    """Column j (0-based within the table) as an Excel letter for workbooks, a number for CSV."""
    from openpyxl.utils import get_column_letter

    position = sheet.first_column + j
    return get_column_letter(position) if sheet.excel else str(position)
