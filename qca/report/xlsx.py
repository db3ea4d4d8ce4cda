"""The report workbook (.xlsx): one sheet per table, a ``plots`` sheet, ``provenance``.

Headers are bold on a shaded fill, numbers stay numbers, and text from user data is
never stored as an Excel formula (a value starting with ``=``, ``+``, ``-`` or ``@`` is
written as text).
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Sequence
from typing import Any

import pandas as pd

from qca._sanitize import excel_text
from qca.exceptions import QCAError
from qca.report._base import Plot, Table, _plain, display_width, format_number, safe_text
from qca.report.files import atomic_write

__all__ = ["write_xlsx"]

_HEADER_FILL = "DDE4EE"


_TITLE_FONT_SIZE = 12


_MAX_WIDTH = 60

#: Rows an Excel sheet holds.
EXCEL_ROWS = 1_048_576


def _sheet_name(name: str, used: set[str]) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "sheet"
    candidate, k = cleaned, 2
    while candidate.lower() in used:
        suffix = f"_{k}"
        candidate = cleaned[: 31 - len(suffix)] + suffix
        k += 1
    used.add(candidate.lower())
    return candidate


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    cell = ws.cell(row=row, column=col)
    value = _plain(value)
    if isinstance(value, str):  # control characters escaped, over-long text cut with a marker
        value = excel_text(value)
    cell.value = value
    if isinstance(value, str) and not safe_text(value):
        cell.data_type = "s"  # text, never a formula
        cell.quotePrefix = True
    return cell


def _fill_sheet(ws: Any, table: Table) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    r = 1
    if table.title:
        _put(ws, r, 1, table.title).font = Font(bold=True, size=_TITLE_FONT_SIZE)
        r += 2
    rows = table.rows()
    header_row = r
    widths: dict[int, int] = {}
    for i, cells in enumerate(rows):
        for j, value in enumerate(cells, start=1):
            cell = _put(ws, r, j, value)
            if i == 0:
                cell.font = bold
                cell.fill = fill
                cell.alignment = Alignment(vertical="top", wrap_text=False)
            elif isinstance(cell.value, float):
                cell.number_format = "0.000"
            text = format_number(value) if value is not None else ""
            widths[j] = max(widths.get(j, 0), display_width(text))
        r += 1
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if table.notes:
        r += 1
        for note in table.notes:
            _put(ws, r, 1, note)
            r += 1
    from openpyxl.utils import get_column_letter

    for j, width in widths.items():
        ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 8), _MAX_WIDTH)


def _build_workbook(
    tables: Sequence[Table],
    prov: Sequence[tuple[str, Any]] | None,
    plots: Sequence[Plot] | None = None,
    plot_notes: Sequence[str] = (),
) -> Any:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    used: set[str] = set()
    for table in tables:
        ws = book.create_sheet(_sheet_name(table.name, used))
        if table.sheet is not None:
            table.sheet(ws)
        else:
            _fill_sheet(ws, table)
    if plots is not None:
        _fill_plots_sheet(book.create_sheet(_sheet_name("plots", used)), plots, plot_notes)
    if prov is not None:
        frame = pd.DataFrame({"value": [v for _, v in prov]}, index=[k for k, _ in prov])
        ws = book.create_sheet(_sheet_name("provenance", used))
        _fill_sheet(ws, Table("provenance", "Provenance", frame, index_label="item"))
    if len(book.sheetnames) > 1 and first is not None:
        book.remove(first)
    return book


def write_xlsx(
    tables: Sequence[Table],
    path: str | os.PathLike[str],
    *,
    provenance: Sequence[tuple[str, Any]] | None = None,
    plots: Sequence[Plot] | None = None,
    plot_notes: Sequence[str] = (),
) -> None:
    """Write tables to an Excel workbook, one sheet each, plus a ``provenance`` sheet.

    With ``plots`` (see :func:`analysis_plots`), a ``plots`` sheet (before
    ``provenance``) shows each image under its caption, after ``plot_notes``; when Pillow,
    which openpyxl needs for images, is missing, the sheet says so instead.

    Headers are bold on a shaded fill, the header row is frozen, column widths follow the
    content, numbers stay numbers (shown with 3 decimals), and text starting with ``=``,
    ``+``, ``-`` or ``@`` is stored as text. The file is written atomically.

    >>> import tempfile, os, openpyxl
    >>> path = os.path.join(tempfile.mkdtemp(), "r.xlsx")
    >>> write_xlsx([Table("tt", "Truth table", pd.DataFrame({"n": [2]}, index=["=1+1"]))], path)
    >>> ws = openpyxl.load_workbook(path)["tt"]
    >>> ws["A4"].value, ws["A4"].data_type, ws["B4"].value
    ('=1+1', 's', 2)
    """
    for table in tables:  # checked before anything is built or written
        needed = len(table.frame) + 3 + len(table.notes) + 1  # title, blank, header, notes
        if table.sheet is None and needed > EXCEL_ROWS:
            raise QCAError(
                f"The report sheet '{table.name}' would need {needed:,} rows, more than an "
                f"Excel sheet holds ({EXCEL_ROWS:,}); nothing was written. List fewer models "
                "with --max-models (max_models= in Python), or write the report as .json or .md."
            )
    book = _build_workbook(tables, provenance, plots, plot_notes)
    with atomic_write(path, "wb") as handle:
        book.save(handle)


def _pillow_missing() -> bool:
    try:
        import PIL.Image  # noqa: F401
    except ImportError:
        return True
    return False


_PLOT_ROW_PIXELS = 20  # an Excel row of the default height (15 points)


def _fill_plots_sheet(ws: Any, plots: Sequence[Plot], notes: Sequence[str]) -> None:
    """Title, notes, then each plot under its caption, one below the other."""
    from openpyxl.styles import Font

    _put(ws, 1, 1, "Plots").font = Font(bold=True, size=_TITLE_FONT_SIZE)
    row = 3
    notes = list(notes)
    if plots and _pillow_missing():
        notes.append("Plots not embedded: Pillow (the PIL package) is not installed.")
        plots = []
    for note in notes:
        _put(ws, row, 1, f"Warning: {note}")
        row += 1
    if notes:
        row += 1

    from openpyxl.drawing.image import Image

    for plot in plots:
        _put(ws, row, 1, plot.title).font = Font(bold=True)
        image = Image(io.BytesIO(plot.png))
        ws.add_image(image, f"A{row + 1}")
        row += 2 + math.ceil(image.height / _PLOT_ROW_PIXELS) + 1
