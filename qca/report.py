"""Analysis reports: the report workbook (.xlsx), Markdown, CSV and JSON outputs.

A report is a list of :class:`Table` values (one per step of the analysis) plus a
provenance record (qca version, input file and its SHA-256, options, time). The writers
here never leave a half-written file: each one writes to a temporary file in the target
folder and renames it into place. Text that comes from user data is never stored as an
Excel formula: a value starting with ``=``, ``+``, ``-`` or ``@`` is written as text.

>>> import pandas as pd
>>> table = Table("truth_table", "Truth table", pd.DataFrame({"OUT": ["1"], "n": [3]}))
>>> print(markdown_report([table], title="Demo"))
# Demo
<BLANKLINE>
## Truth table
<BLANKLINE>
|   | OUT | n |
|---|---|---|
| 0 | 1 | 3 |
<BLANKLINE>
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import math
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from qca._sanitize import excel_text
from qca.exceptions import InvalidParameterError

__all__ = [
    "Analysis",
    "ModelResult",
    "Plot",
    "SolutionResult",
    "Table",
    "analysis_dict",
    "analysis_plots",
    "analysis_tables",
    "analysis_text",
    "assumption_rows_frame",
    "assumptions_frame",
    "atomic_path",
    "atomic_write",
    "calibration_brief",
    "check_output_path",
    "check_sets",
    "condition_literals",
    "display_width",
    "dumps",
    "file_sha256",
    "format_number",
    "format_table",
    "frame_records",
    "json_default",
    "markdown_report",
    "model_dict",
    "necessity_frame",
    "plot_name",
    "plots_folder",
    "provenance",
    "run_analysis",
    "safe_text",
    "solution_frame",
    "solution_models",
    "solution_text",
    "solution_title",
    "split_list",
    "truth_table_frame",
    "write_csv",
    "write_json",
    "write_markdown",
    "write_xlsx",
]

#: First characters that make Excel (and LibreOffice) read a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_HEADER_FILL = "DDE4EE"
_TITLE_FONT_SIZE = 12
_MAX_WIDTH = 60


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


# --------------------------------------------------------------------------------------
# cell values


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


# --------------------------------------------------------------------------------------
# files


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes, as 64 hex digits.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile(delete=False) as f:
    ...     _ = f.write(b"abc")
    >>> file_sha256(f.name)[:16]
    'ba7816bf8f01cfea'
    >>> os.remove(f.name)
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def check_output_path(
    output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]
) -> None:
    """Refuse an output path that is one of the input files (a report never overwrites its data).

    >>> check_output_path("report.xlsx", ["cases.xlsx"])
    >>> check_output_path("cases.xlsx", ["./cases.xlsx"])
    Traceback (most recent call last):
    ...
    qca.exceptions.InvalidParameterError: The output file 'cases.xlsx' is the input file; choose another name (qca never overwrites its input).
    """
    out = Path(output)
    for source in inputs:
        src = Path(source)
        same = out.resolve() == src.resolve()
        if not same and out.exists() and src.exists():
            with contextlib.suppress(OSError):
                same = os.path.samefile(out, src)
        if same:
            raise InvalidParameterError(
                f"The output file '{output}' is the input file; choose another name "
                "(qca never overwrites its input)."
            )


def atomic_path(path: str | os.PathLike[str]) -> contextlib.AbstractContextManager[str]:
    """A temporary path next to ``path``; on success the file there is renamed to ``path``.

    If the block raises (disk full, SIGINT, SIGTERM included), the temporary file is
    removed and ``path`` is left untouched. See :func:`qca._files.atomic_path`.

    >>> import tempfile, os
    >>> target = os.path.join(tempfile.mkdtemp(), "out.txt")
    >>> with atomic_path(target) as tmp:
    ...     _ = open(tmp, "w").write("done")
    >>> open(target).read()
    'done'
    """
    from qca._files import atomic_path as _atomic_path

    return _atomic_path(path)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; on success rename it to ``path``.

    If the block raises, the temporary file is removed and ``path`` is left untouched.

    >>> import tempfile, os
    >>> target = os.path.join(tempfile.mkdtemp(), "out.txt")
    >>> with atomic_write(target, "w") as f:
    ...     _ = f.write("done")
    >>> open(target).read()
    'done'
    """
    kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
    with atomic_path(path) as tmp, open(tmp, mode, **kwargs) as handle:
        yield handle


def provenance(
    *,
    source: str | os.PathLike[str] | None = None,
    command: str | None = None,
    options: Mapping[str, Any] | None = None,
    when: _dt.datetime | None = None,
) -> list[tuple[str, Any]]:
    """Provenance rows: qca version, input file name and SHA-256, every option, the time.

    >>> rows = provenance(command="qca run", options={"incl_cut": 0.8})
    >>> [key for key, _ in rows]
    ['qca version', 'python version', 'command', 'time (UTC)', 'option incl_cut']
    """
    import platform

    from qca import __version__

    rows: list[tuple[str, Any]] = [
        ("qca version", __version__),
        ("python version", platform.python_version()),
    ]
    if command:
        rows.append(("command", command))
    if source is not None:
        rows.append(("input file", os.path.basename(os.fspath(source))))
        rows.append(("input SHA-256", file_sha256(source)))
    when = when or _dt.datetime.now(_dt.timezone.utc)
    rows.append(("time (UTC)", when.strftime("%Y-%m-%d %H:%M:%S")))
    for key, value in (options or {}).items():
        rows.append((f"option {key}", _option_text(value)))
    return rows


def _option_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    plain = _plain(value)
    return plain if plain is not None else ""


# --------------------------------------------------------------------------------------
# writers


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
    book = _build_workbook(tables, provenance, plots, plot_notes)
    with atomic_write(path, "wb") as handle:
        book.save(handle)


def markdown_report(
    tables: Sequence[Table],
    *,
    title: str = "QCA report",
    provenance: Sequence[tuple[str, Any]] | None = None,
    digits: int = 3,
    plots: Sequence[tuple[str, str]] | None = None,
    plot_notes: Sequence[str] = (),
) -> str:
    """The tables as one Markdown document (headings, pipe tables, notes as lists).

    ``plots`` are (caption, relative path) pairs, shown as images in a "Plots" section
    before the provenance, after ``plot_notes``.
    """
    lines = [f"# {title}", ""]
    for table in tables:
        if table.title:
            lines += [f"## {table.title}", ""]
        lines += _markdown_table(table, digits)
        lines.append("")
        if table.notes:
            lines += [f"- {_md_escape(n)}" for n in table.notes]
            lines.append("")
    if plots is not None:
        lines += ["## Plots", ""]
        if plot_notes:
            lines += [f"- {_md_escape(n)}" for n in plot_notes]
            lines.append("")
        for caption, link in plots:
            lines += [f"![{_md_alt(caption)}]({_md_link(link)})", ""]
    if provenance is not None:
        lines += ["## Provenance", "", "| item | value |", "|---|---|"]
        lines += [f"| {_md_escape(k)} | {_md_escape(format_number(v))} |" for k, v in provenance]
        lines.append("")
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_alt(text: str) -> str:
    return "".join("\\" + c if c in "[]\\" else c for c in str(text).replace("\n", " "))


def _md_link(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


def _markdown_table(table: Table, digits: int) -> list[str]:
    rows = table.rows()
    header, body = rows[0], rows[1:]
    out = ["| " + " | ".join(_md_escape(h) if h else " " for h in header) + " |"]
    out.append("|" + "|".join("---" for _ in header) + "|")
    for r in body:
        out.append("| " + " | ".join(_md_escape(format_number(c, digits)) for c in r) + " |")
    return out


def write_markdown(
    tables: Sequence[Table],
    path: str | os.PathLike[str],
    *,
    title: str = "QCA report",
    provenance: Sequence[tuple[str, Any]] | None = None,
    plots: Sequence[Plot] | None = None,
    plot_notes: Sequence[str] = (),
) -> None:
    """Write :func:`markdown_report` to ``path`` atomically.

    With ``plots`` (see :func:`analysis_plots`), the PNG files go to the folder
    ``<stem>_plots`` next to ``path`` and the report links them by relative paths. A new
    folder is written under a temporary name and renamed into place; in a folder that is
    already there, qca replaces or removes only the files it wrote there before (listed in
    its ``.qca-files``) and refuses to overwrite any other file.
    """
    links = None
    if plots is not None:
        folder = plots_folder(path)
        _write_plot_folder(folder, plots)
        links = [(p.title, f"{folder.name}/{p.name}") for p in plots]
    text = markdown_report(
        tables, title=title, provenance=provenance, plots=links, plot_notes=plot_notes
    )
    with atomic_write(path, "w") as handle:
        handle.write(text)


def plots_folder(path: str | os.PathLike[str]) -> Path:
    """The folder of a Markdown report's images: ``<stem>_plots`` next to the report.

    >>> plots_folder("out/report.md").as_posix()
    'out/report_plots'
    """
    target = Path(path)
    return target.with_name(f"{target.stem}_plots")


def _write_plot_folder(folder: Path, plots: Sequence[Plot]) -> None:
    """Write the PNG files into ``folder``; only files qca wrote there are ever replaced
    or removed (see :func:`qca._files.write_owned_folder`)."""
    from qca._files import write_owned_folder

    write_owned_folder(folder, {plot.name: plot.png for plot in plots})


def write_csv(table: Table, path: str | os.PathLike[str]) -> None:
    """Write one table to CSV (UTF-8, index as first column) atomically.

    Text starting with ``=``, ``+``, ``-`` or ``@`` gets a leading ``'`` so that a
    spreadsheet opening the file does not run it as a formula.
    """
    import csv

    with atomic_write(path, "w") as handle:
        writer = csv.writer(handle)
        for row in table.rows():
            writer.writerow(
                [
                    ("'" + c)
                    if isinstance(c, str) and c and not safe_text(c)
                    else ("" if c is None else c)
                    for c in row
                ]
            )


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


def write_json(obj: Any, path: str | os.PathLike[str]) -> None:
    """Write ``obj`` as indented JSON (no NaN: missing numbers are null) atomically."""
    text = dumps(obj)
    with atomic_write(path, "w") as handle:
        handle.write(text + "\n")


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


# --------------------------------------------------------------------------------------
# the whole analysis

SOLUTION_KINDS = ("conservative", "parsimonious", "intermediate")


@dataclass(frozen=True)
class ModelResult:
    """One model of one solution type, as a report shows it.

    ``label`` is ``"M1"``, ``"M2"``... (``"C1P1 M1"`` for intermediate solutions with
    several conservative x parsimonious combinations); ``model`` is a :class:`qca.Model`;
    ``easy`` and ``difficult`` are the easy/difficult counterfactuals (intermediate only).
    """

    label: str
    model: Any
    easy: pd.DataFrame | None = None
    difficult: pd.DataFrame | None = None

    @property
    def text(self) -> str:
        """The model as a formula, ``"DEV*~IND + URB*STB"``."""
        return str(self.model)

    @property
    def simplifying_assumptions(self) -> pd.DataFrame | None:
        """Remainders the model's terms cover (None when not known)."""
        return getattr(self.model, "simplifying_assumptions", None)


@dataclass(frozen=True)
class SolutionResult:
    """A solution type (conservative, parsimonious, intermediate) with its models or error."""

    kind: str
    include: str
    models: tuple[ModelResult, ...] = ()
    error: str | None = None
    solution: Any = None
    dir_exp: Any = None

    @property
    def ambiguous(self) -> bool:
        """Whether several models explain the outcome equally well."""
        return len(self.models) > 1


@dataclass(frozen=True)
class Analysis:
    """Everything ``qca run`` computes: the values a report and a methods section show.

    Build it with :func:`run_analysis`; render it with :func:`analysis_tables`,
    :func:`analysis_text` and :func:`analysis_dict`.
    """

    data: pd.DataFrame
    outcome: str
    conditions: list[str]
    options: dict[str, Any]
    truth_table: Any
    necessity: pd.DataFrame
    necessity_combinations: pd.DataFrame | None
    solutions: dict[str, SolutionResult]
    warnings: list[str]
    calibration: pd.DataFrame | None = None
    source: str | None = None
    raw: pd.DataFrame | None = None
    labels: dict[str, str] | None = None

    def extra_labels(self) -> pd.DataFrame | None:
        """Labels of sets the calibration table does not already show (None if none)."""
        shown: set[str] = set()
        cal = self.calibration
        if cal is not None and "label" in cal.columns and "set" in cal.columns:
            shown = {str(s) for s, lab in zip(cal["set"], cal["label"], strict=True) if lab}
        rest = {k: v for k, v in (self.labels or {}).items() if k not in shown and v}
        if not rest:
            return None
        return pd.DataFrame({"label": list(rest.values())}, index=pd.Index(list(rest), name="set"))


def calibration_brief(calibration: pd.DataFrame) -> pd.DataFrame:
    """The codebook as a methods section shows it: set, source, kind, method, anchors,
    the options that differ from the defaults, and the label.

    >>> cb = pd.DataFrame(
    ...     {
    ...         "set": ["DEV"],
    ...         "source": ["GNP"],
    ...         "kind": ["fuzzy"],
    ...         "method": ["direct"],
    ...         "thresholds": ["e=400, c=550, i=900"],
    ...         "logistic": [True],
    ...         "idm": [0.95],
    ...         "label": ["Development"],
    ...     }
    ... )
    >>> calibration_brief(cb).iloc[0].tolist()
    ['DEV', 'GNP', 'fuzzy', 'direct', 'e=400, c=550, i=900', '', 'Development']
    """
    defaults = {"logistic": True, "idm": 0.95, "below": 1.0, "above": 1.0, "ecdf": False}
    frame = calibration.reset_index(drop=True)
    options = []
    for _, row in frame.iterrows():
        changed = []
        for key, default in defaults.items():
            if key not in frame.columns:
                continue
            value = _plain(row[key])
            if value is not None and value != "" and value != default:
                changed.append(f"{key}={format_number(value).rstrip('0').rstrip('.')}")
        options.append(", ".join(changed))
    keep = [c for c in ("set", "source", "kind", "method", "thresholds") if c in frame.columns]
    out = frame[keep].copy()
    out["options"] = options
    if "label" in frame.columns:
        out["label"] = frame["label"]
    return out.astype(object).where(out.notna(), "")


def split_list(text: Any) -> list[str]:
    """Split a comma-separated setting (``"DEV, URB"``) into names; lists pass through.

    >>> split_list("DEV, URB ,LIT"), split_list(["A", "B"]), split_list(None)
    (['DEV', 'URB', 'LIT'], ['A', 'B'], [])
    """
    if text is None:
        return []
    if isinstance(text, str):
        return [part.strip() for part in text.split(",") if part.strip()]
    if isinstance(text, float) and math.isnan(text):
        return []
    return [str(part).strip() for part in text]


def _outcome_name(outcome: str) -> str:
    return outcome.strip().lstrip("~").strip()


def solution_models(kind: str, solution: Any) -> tuple[ModelResult, ...]:
    """The models of a :class:`qca.Solution`, labelled ``M1``, ``M2``... (intermediate
    solutions: ``C1P1 M1``... when there are several conservative x parsimonious pairs),
    with their easy and difficult counterfactuals."""
    if kind != "intermediate":
        return tuple(ModelResult(f"M{i}", m) for i, m in enumerate(solution.models, start=1))
    parts = getattr(solution, "intermediate", None) or {}
    out: list[ModelResult] = []
    for key, part in parts.items():
        for i, model in enumerate(part.models, start=1):
            label = f"M{i}" if len(parts) == 1 else f"{key} M{i}"
            out.append(
                ModelResult(
                    label,
                    model,
                    easy=getattr(part, "easy_counterfactuals", None),
                    difficult=getattr(part, "difficult_counterfactuals", None),
                )
            )
    if not parts:
        out = [ModelResult(f"M{i}", m) for i, m in enumerate(solution.models, start=1)]
    return tuple(out)


def check_sets(data: pd.DataFrame, names: Sequence[str]) -> None:
    """Raise DataError naming the sets that are not columns of ``data`` (and those that are).

    >>> check_sets(pd.DataFrame({"A": [1]}), ["A", "~B"])
    Traceback (most recent call last):
    ...
    qca.exceptions.DataError: Unknown set 'B': the sets are A.
    """
    from qca.exceptions import DataError

    missing = [
        n for n in (str(x).strip().lstrip("~").strip() for x in names) if n not in data.columns
    ]
    if missing:
        listed = ", ".join(repr(m) for m in missing)
        raise DataError(
            f"Unknown set{'s' if len(missing) > 1 else ''} {listed}: the sets are "
            f"{', '.join(str(c) for c in data.columns)}."
        )


def condition_literals(data: pd.DataFrame, conditions: Sequence[str]) -> list[str]:
    """Each condition's literals for a necessity table: ``A``, ``~A`` for binary or fuzzy
    sets; when a condition is multi-value, every literal is bracketed, as R prints them:
    ``A[0]``, ``A[1]`` for a binary set and each observed value of a multi-value one.

    >>> condition_literals(pd.DataFrame({"A": [0.2, 0.9], "C": [1, "-"]}), ["A", "C"])
    ['A', '~A', 'C', '~C']
    >>> condition_literals(pd.DataFrame({"A": [0, 1], "B": [0, 2]}), ["A", "B"])
    ['A[0]', 'A[1]', 'B[0]', 'B[2]']
    """
    check_sets(data, conditions)
    values = {name: pd.to_numeric(data[name], errors="coerce").dropna() for name in conditions}
    multivalue = {name: bool(len(v) and (v > 1).any()) for name, v in values.items()}
    if not any(multivalue.values()):
        return [literal for name in conditions for literal in (name, f"~{name}")]
    out: list[str] = []
    for name in conditions:
        levels = sorted(int(v) for v in values[name].unique()) if multivalue[name] else [0, 1]
        out += [f"{name}[{v}]" for v in levels]
    return out


def _run_checks(data: pd.DataFrame, outcome: str, conditions: Sequence[str], tt: Any) -> list[str]:
    """Good-practice checks (:func:`qca.checks.good_practice_checks`) as warning messages."""
    from qca.checks import good_practice_checks

    return list(good_practice_checks(data, outcome, conditions, tt=tt))


def run_analysis(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | None = None,
    *,
    incl_cut: float | tuple[float, float] = 1.0,
    n_cut: int = 1,
    pri_cut: float = 0.0,
    include: str = "?",
    dir_exp: Any = None,
    exclude: Sequence[int] | None = None,
    row_dom: bool = False,
    all_sol: bool = False,
    esa: bool = False,
    nec_incl_cut: float = 0.9,
    nec_cov_cut: float = 0.6,
    calibration: pd.DataFrame | None = None,
    raw: pd.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
    source: str | None = None,
    progress: Any = None,
) -> Analysis:
    """Run the standard analysis on set memberships: necessity, truth table, three solutions.

    Parameters
    ----------
    data : pandas.DataFrame
        Calibrated memberships, cases as rows (e.g. ``Workbook.calibrated()``).
    outcome : str
        The outcome set, possibly negated (``"~SURV"``).
    conditions : list of str, optional
        The conditions; default every column except the outcome.
    incl_cut, n_cut, pri_cut, exclude
        Passed to :func:`qca.truth_table`.
    include : str, default="?"
        ``include`` of the parsimonious and intermediate solutions (the conservative
        solution always uses ``""``).
    dir_exp : str or mapping, optional
        Directional expectations; when given, the intermediate solution is computed.
    row_dom, all_sol, esa
        Passed to :func:`qca.minimize`.
    nec_incl_cut, nec_cov_cut : float
        Cut-offs of the necessity search (:func:`qca.super_subset`) for combinations.
    calibration : pandas.DataFrame, optional
        The calibration codebook used, kept for the report.
    raw : pandas.DataFrame, optional
        The raw cases before calibration, kept for the report.
    labels : mapping, optional
        Set name -> label (any text), shown in the report.
    source : str, optional
        The input file name, kept for the report.
    progress : callable, optional
        Called with a short message before each step.

    Returns
    -------
    Analysis
    """
    import warnings

    from qca.exceptions import ExpressionError, QCAError, QCAWarning
    from qca.fit import fit
    from qca.minimize import minimize
    from qca.super_subset import super_subset
    from qca.truth_table import truth_table

    say = progress or (lambda message: None)
    name = _outcome_name(outcome)
    if conditions is None or len(conditions) == 0:
        conditions = [c for c in data.columns if c != name]
    conditions = list(conditions)
    check_sets(data, [*conditions, name])
    messages: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        say("necessity")
        expr = " + ".join(condition_literals(data, conditions))
        necessity = fit(expr, outcome, data, relation="necessity")
        necessity = necessity.loc[[i for i in necessity.index if i != "expression"]]
        combos: pd.DataFrame | None
        try:
            combos = super_subset(
                data,
                outcome,
                conditions,
                relation="necessity",
                incl_cut=nec_incl_cut,
                cov_cut=nec_cov_cut,
            )
        except QCAError as exc:
            combos = None
            messages.append(f"Necessity search: {exc}")
        say("truth table")
        tt = truth_table(
            data,
            outcome,
            conditions,
            incl_cut=incl_cut,
            n_cut=n_cut,
            pri_cut=pri_cut,
            exclude=list(exclude) if exclude else None,
            show_cases=True,
        )
        solutions: dict[str, SolutionResult] = {}
        # the parsimonious and intermediate solutions always may use remainders ("?")
        with_remainders = (
            include if "?" in (include or "") else ", ".join(["?", include or ""]).rstrip(", ")
        )
        plan = [("conservative", "", None), ("parsimonious", with_remainders, None)]
        if dir_exp:
            plan.append(("intermediate", with_remainders, dir_exp))
        for kind, inc, dx in plan:
            say(f"{kind} solution")
            try:
                sol = minimize(
                    tt, include=inc, dir_exp=dx, row_dom=row_dom, all_sol=all_sol, esa=esa
                )
            except (InvalidParameterError, ExpressionError):
                raise  # a mistake in --include/--dir-exp is an error, not "No solution"
            except QCAError as exc:
                solutions[kind] = SolutionResult(kind, inc, error=str(exc), dir_exp=dx)
                continue
            solutions[kind] = SolutionResult(
                kind, inc, solution_models(kind, sol), solution=sol, dir_exp=dx
            )
            if getattr(sol, "complete", True) is False:
                note = "; ".join(str(n) for n in getattr(sol, "notes", ()) or ())
                messages.append(f"The {kind} model list is incomplete. {note}".strip())
        checks = _run_checks(data, outcome, conditions, tt)
    library = [str(w.message) for w in caught if issubclass(w.category, QCAWarning)]
    if any("exactly 0.5" in c for c in checks):  # the checks name the set and the cases
        library = [m for m in library if "exactly 0.5" not in m]
    messages = library + messages + checks
    pars = solutions.get("parsimonious")
    if pars is not None and pars.models:
        used = sorted(
            {
                int(r)
                for m in pars.models
                if m.simplifying_assumptions is not None
                for r in m.simplifying_assumptions.index
            }
        )
        if used:
            messages.append(
                f"The parsimonious solution uses {len(used)} remainder(s) as simplifying "
                f"assumptions (rows {', '.join(str(r) for r in used)})."
            )
    unique = list(dict.fromkeys(messages))
    options = {
        "outcome": outcome,
        "conditions": conditions,
        "incl_cut": incl_cut,
        "n_cut": n_cut,
        "pri_cut": pri_cut,
        "include": include,
        "dir_exp": dir_exp,
        "exclude": list(exclude) if exclude else [],
        "row_dom": row_dom,
        "all_sol": all_sol,
        "esa": esa,
        "nec_incl_cut": nec_incl_cut,
        "nec_cov_cut": nec_cov_cut,
    }
    return Analysis(
        data=data,
        outcome=outcome,
        conditions=conditions,
        options=options,
        truth_table=tt,
        necessity=necessity,
        necessity_combinations=combos,
        solutions=solutions,
        warnings=unique,
        calibration=calibration,
        source=source,
        raw=raw,
        labels=dict(labels or {}),
    )


# --------------------------------------------------------------------------------------
# rendering an Analysis

_TITLES = {
    "conservative": "Conservative solution",
    "parsimonious": "Parsimonious solution",
    "intermediate": "Intermediate solution",
}


def _rows_of(frame: pd.DataFrame | None) -> list[int]:
    if frame is None:
        return []
    return [int(r) for r in frame.index]


def _cell_list(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        return [_plain(v) for v in value]
    return _plain(value)


def truth_table_frame(tt: Any) -> pd.DataFrame:
    """The truth table as the report shows it: one row per configuration, cases as text."""
    frame = tt.table.copy()
    frame.index.name = "row"
    return frame


def necessity_frame(necessity: pd.DataFrame) -> pd.DataFrame:
    """The necessity table with its index named ``expression``."""
    frame = necessity.copy()
    frame.index.name = "expression"
    return frame


def solution_frame(result: SolutionResult) -> pd.DataFrame:
    """One row per term of each model (inclS, PRI, covS, covU, cases), then the model row."""
    records: list[dict[str, Any]] = []
    for m in result.models:
        fit = getattr(m.model, "fit", None)
        if fit is not None:
            for term, row in fit.iterrows():
                records.append(
                    {
                        "model": m.label,
                        "term": str(term),
                        "inclS": row.get("inclS"),
                        "PRI": row.get("PRI"),
                        "covS": row.get("covS"),
                        "covU": row.get("covU"),
                        "cases": row.get("cases", ""),
                    }
                )
        records.append(
            {
                "model": m.label,
                "term": m.text,
                "inclS": getattr(m.model, "inclS", None),
                "PRI": getattr(m.model, "PRI", None),
                "covS": getattr(m.model, "covS", None),
                "covU": None,
                "cases": "",
            }
        )
    columns = ["model", "term", "inclS", "PRI", "covS", "covU", "cases"]
    return pd.DataFrame.from_records(records, columns=columns)


def _assumption_tables(
    solutions: Mapping[str, SolutionResult],
) -> Iterator[tuple[str, Any, str, pd.DataFrame | None]]:
    """(solution kind, model, "SA"/"EC"/"DC", rows) for every model; EC and DC only for
    intermediate solutions."""
    for kind in SOLUTION_KINDS:
        result = solutions.get(kind)
        if result is None:
            continue
        for m in result.models:
            yield kind, m, "SA", m.simplifying_assumptions
            if kind == "intermediate":
                yield kind, m, "EC", m.easy
                yield kind, m, "DC", m.difficult


def assumptions_frame(solutions: Mapping[str, SolutionResult]) -> pd.DataFrame:
    """Simplifying assumptions and easy/difficult counterfactuals per model: counts and rows."""
    records = []
    for kind, m, label, frame in _assumption_tables(solutions):
        rows = _rows_of(frame)
        records.append(
            {
                "solution": kind,
                "model": m.label,
                "type": label,
                "count": len(rows),
                "rows": ", ".join(str(r) for r in rows),
            }
        )
    return pd.DataFrame.from_records(
        records, columns=["solution", "model", "type", "count", "rows"]
    )


def assumption_rows_frame(solutions: Mapping[str, SolutionResult]) -> pd.DataFrame:
    """One row per simplifying assumption / easy / difficult counterfactual of each model,
    with its configuration (the value of each condition), as a paper's appendix lists them."""
    frames = []
    for kind, m, label, frame in _assumption_tables(solutions):
        if frame is None or frame.empty:
            continue
        part = frame.reset_index()
        part.columns = ["row", *[str(c) for c in frame.columns]]
        part.insert(0, "type", label)
        part.insert(0, "model", m.label)
        part.insert(0, "solution", kind)
        frames.append(part)
    if not frames:
        return pd.DataFrame(columns=["solution", "model", "type", "row"])
    return pd.concat(frames, ignore_index=True)


def _cut_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(format_number(v, 3).rstrip("0").rstrip(".") for v in value)
    return (
        format_number(value, 3).rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    )


def analysis_tables(analysis: Analysis) -> list[Table]:
    """The report's tables, one per step (sheets of the report workbook)."""
    tables: list[Table] = []
    if analysis.calibration is not None and len(analysis.calibration):
        tables.append(
            Table(
                "calibration", "Calibration (anchors used)", analysis.calibration, index_label=None
            )
        )
    data = analysis.data.copy()
    data.index.name = "case"
    notes: tuple[str, ...] = ()
    if analysis.calibration is not None and len(analysis.calibration):
        brief = calibration_brief(analysis.calibration)
        notes = tuple(
            f"{r['set']}: {r.get('kind', '')} {r.get('method', '')} calibration of "
            f"{r.get('source', r['set'])}, anchors {r.get('thresholds', '')}"
            + (f" ({r['options']})" if r.get("options") else "")
            for _, r in brief.iterrows()
        )
    tables.append(Table("calibrated", "Calibrated set memberships", data, notes=notes))
    labels = analysis.extra_labels()
    if labels is not None:
        tables.append(Table("labels", "Set labels", labels))
    if analysis.raw is not None and analysis.calibration is not None:
        raw = analysis.raw.copy()
        raw.index.name = "case"
        tables.append(Table("raw_data", "Raw data (the cases sheet)", raw))
    tables.append(
        Table(
            "necessity",
            f"Necessity of each condition for {analysis.outcome}",
            necessity_frame(analysis.necessity),
        )
    )
    combos = analysis.necessity_combinations
    if combos is not None:
        o = analysis.options
        tables.append(
            Table(
                "necessity_combinations",
                f"Necessary combinations (superSubset, inclN >= {_cut_text(o['nec_incl_cut'])}, "
                f"covN >= {_cut_text(o['nec_cov_cut'])})",
                necessity_frame(combos),
            )
        )
    tables.append(
        Table(
            "truth_table",
            "Truth table",
            truth_table_frame(analysis.truth_table),
            notes=tuple(_truth_table_notes(analysis)),
        )
    )
    for kind in SOLUTION_KINDS:
        result = analysis.solutions.get(kind)
        if result is None:
            continue
        notes = (result.error,) if result.error else ()
        tables.append(
            Table(
                kind, solution_title(result), solution_frame(result), notes=notes, index_label=None
            )
        )
    tables.append(
        Table(
            "assumptions",
            "Simplifying assumptions (SA), easy (EC) and difficult (DC) counterfactuals",
            assumptions_frame(analysis.solutions),
            index_label=None,
        )
    )
    tables.append(
        Table(
            "assumption_rows",
            "Configurations of the simplifying assumptions and counterfactuals",
            assumption_rows_frame(analysis.solutions),
            index_label=None,
        )
    )
    tables.append(
        Table(
            "warnings",
            "Warnings",
            pd.DataFrame({"warning": analysis.warnings or ["none"]}),
            index_label=None,
        )
    )
    return tables


def solution_title(result: SolutionResult) -> str:
    """Heading of a solution type: ``Parsimonious solution (include = "?")``."""
    title = f'{_TITLES[result.kind]} (include = "{result.include}"'
    if result.kind == "intermediate" and result.dir_exp is not None:
        title += f", dir.exp = {_dir_exp_text(result.dir_exp)}"
    return title + ")"


def _dir_exp_text(dir_exp: Any) -> str:
    if isinstance(dir_exp, Mapping):
        return ", ".join(f"{k}={v}" for k, v in dir_exp.items())
    return str(dir_exp)


def _truth_table_notes(analysis: Analysis) -> list[str]:
    tt = analysis.truth_table
    out = tt.table["OUT"].astype(str)
    counts = {code: int((out == code).sum()) for code in ("1", "0", "C", "?")}
    levels = getattr(tt, "levels", None) or tuple(2 for _ in analysis.conditions)
    space = int(np.prod([int(v) for v in levels]))
    observed = int((tt.table["n"] > 0).sum()) if "n" in tt.table.columns else len(tt.table)
    o = analysis.options
    if any(getattr(tt, "temporal", ()) or ()):
        # a row with a "-" (don't care) stands for several configurations
        remainders = (
            f"{observed} observed row(s), some with '-' (don't care), in a space of {space}."
        )
    else:
        remainders = f"{max(space - observed, 0)} of {space} configurations are remainders."
    return [
        f"Cut-offs: incl.cut = {_cut_text(o['incl_cut'])}, n.cut = {o['n_cut']}, "
        f"pri.cut = {_cut_text(o['pri_cut'])}.",
        f"{counts['1']} row(s) coded 1, {counts['0']} coded 0, {counts['C']} contradictory (C), "
        f"{counts['?']} below n.cut (?); " + remainders,
    ]


def analysis_dict(analysis: Analysis) -> dict[str, Any]:
    """The analysis as one JSON-ready dict (the ``--json`` output of ``qca run``)."""
    from qca import __version__

    tt = truth_table_frame(analysis.truth_table)
    solutions: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for kind in SOLUTION_KINDS:
        result = analysis.solutions.get(kind)
        solutions[kind] = [] if result is None else [model_dict(m) for m in result.models]
        if result is not None and result.error:
            errors[kind] = result.error
    combos = analysis.necessity_combinations
    return {
        "qca_version": __version__,
        "input": analysis.source,
        "outcome": analysis.outcome,
        "conditions": list(analysis.conditions),
        "options": dict(analysis.options),
        "labels": dict(analysis.labels or {}),
        "calibration": None
        if analysis.calibration is None
        else frame_records(analysis.calibration),
        "necessity": {
            "conditions": frame_records(necessity_frame(analysis.necessity), "expression"),
            "combinations": None
            if combos is None
            else frame_records(necessity_frame(combos), "expression"),
        },
        "truth_table": frame_records(tt, "row"),
        "solutions": solutions,
        "solution_errors": errors,
        "warnings": list(analysis.warnings),
    }


def model_dict(m: ModelResult) -> dict[str, Any]:
    """A model as JSON: ``name``, ``model`` (the formula), ``inclS``, ``PRI``, ``covS``,
    ``terms`` (fit and cases per term), ``simplifying_assumptions`` and, for intermediate
    solutions, ``easy_counterfactuals`` and ``difficult_counterfactuals`` (row numbers)."""
    record: dict[str, Any] = {
        "name": m.label,
        "model": m.text,
        "inclS": _plain(getattr(m.model, "inclS", None)),
        "PRI": _plain(getattr(m.model, "PRI", None)),
        "covS": _plain(getattr(m.model, "covS", None)),
        "terms": [],
    }
    fit = getattr(m.model, "fit", None)
    if fit is not None:
        for term, row in fit.iterrows():
            item = {"term": str(term)}
            for col in ("inclS", "PRI", "covS", "covU", "cases"):
                if col in fit.columns:
                    item[col] = _cell_list(row[col])
            record["terms"].append(item)
    record["simplifying_assumptions"] = _rows_of(m.simplifying_assumptions)
    if m.easy is not None or m.difficult is not None:
        record["easy_counterfactuals"] = _rows_of(m.easy)
        record["difficult_counterfactuals"] = _rows_of(m.difficult)
    return record


def analysis_text(analysis: Analysis, *, digits: int = 3) -> str:
    """The analysis as a methods section for the terminal: aligned tables, models, warnings."""
    lines: list[str] = []
    source = f"{analysis.source}: " if analysis.source else ""
    lines.append(
        f"{source}{len(analysis.data)} cases; outcome {analysis.outcome}; "
        f"conditions {', '.join(analysis.conditions)}."
    )
    lines.append("")
    if analysis.calibration is not None and len(analysis.calibration):
        lines.append("Calibration")
        brief = calibration_brief(analysis.calibration)
        if not any(brief["options"]):
            brief = brief.drop(columns=["options"])
        lines.append(format_table(Table("c", "", brief, index_label=None), digits=digits))
        lines.append("")
    labels = analysis.extra_labels()
    if labels is not None:
        lines.append("Set labels")
        lines.append(format_table(labels, digits=digits))
        lines.append("")
    lines.append(f"Necessity of each condition for {analysis.outcome}")
    lines.append(format_table(necessity_frame(analysis.necessity), digits=digits))
    combos = analysis.necessity_combinations
    if combos is not None:
        o = analysis.options
        lines.append(
            f"  Necessary combinations (inclN >= {_cut_text(o['nec_incl_cut'])}, "
            f"covN >= {_cut_text(o['nec_cov_cut'])}):" + (" none" if combos.empty else "")
        )
        if not combos.empty:
            lines.append(format_table(necessity_frame(combos), digits=digits, indent="    "))
    lines.append("")
    lines.append("Truth table")
    lines.append(format_table(truth_table_frame(analysis.truth_table), digits=digits))
    lines += ["  " + n for n in _truth_table_notes(analysis)]
    for kind in SOLUTION_KINDS:
        result = analysis.solutions.get(kind)
        if result is None:
            continue
        lines.append("")
        lines += solution_text(result, analysis.outcome, digits=digits)
    lines.append("")
    if analysis.warnings:
        lines.append("Warnings")
        lines += [f"  - {w}" for w in analysis.warnings]
    else:
        lines.append("Warnings: none")
    return "\n".join(lines)


def _arrow(model: Any) -> str:
    """``<->`` when the model is also necessary (covS of 1, as R prints it), else ``->``."""
    from qca._validation import TOL

    cov = _plain(getattr(model, "covS", None))
    return "<->" if isinstance(cov, float) and cov + TOL >= 1.0 else "->"


def solution_text(result: SolutionResult, outcome: str, *, digits: int = 3) -> list[str]:
    """Lines describing one solution type: each model, its fit per term, SA/EC counts."""
    lines = [solution_title(result)]
    if result.error:
        lines.append(f"  No solution: {result.error}")
        return lines
    parts = list(dict.fromkeys(m.label.split(" ")[0] for m in result.models if " " in m.label))
    if parts:
        # intermediate solutions: one per pair of conservative (C) and parsimonious (P) models
        lines.append(
            f"  One result per pair of conservative (C) and parsimonious (P) models: "
            f"{', '.join(parts)}."
        )
        if len({m.text for m in result.models}) == 1:
            lines.append("  They all give the same model.")
    elif result.ambiguous:
        lines.append(f"  {len(result.models)} models explain the outcome equally well.")
    for m in result.models:
        prefix = f"{m.label}: " if result.ambiguous else ""
        lines.append(f"  {prefix}{m.text} {_arrow(m.model)} {outcome}")
        frame = solution_frame(SolutionResult(result.kind, result.include, (m,)))
        frame = frame.set_index("term").drop(columns=["model"])
        frame.index = [*frame.index[:-1], "(model)"]
        lines.append(
            format_table(Table("m", "", frame, index_label="term"), digits=digits, indent="    ")
        )
        sa = _rows_of(m.simplifying_assumptions)
        extra = f"    Simplifying assumptions: {len(sa)}"
        if sa:
            extra += f" (rows {', '.join(str(r) for r in sa)})"
        if result.kind == "intermediate":
            ec, dc = _rows_of(m.easy), _rows_of(m.difficult)
            extra += f"; easy counterfactuals: {len(ec)}"
            if ec:
                extra += f" (rows {', '.join(str(r) for r in ec)})"
            extra += f"; difficult counterfactuals: {len(dc)}"
        lines.append(extra + ".")
    return lines


# --------------------------------------------------------------------------------------
# plots of a report

#: Most models of one solution type drawn as XY plots (the first ones, in report order).
MAX_PLOTTED_MODELS = 5


@dataclass(frozen=True)
class Plot:
    """One figure of a report: its file name (``xy_parsimonious_M1.png``), a caption and
    the PNG image itself."""

    name: str
    title: str
    png: bytes


def plot_name(kind: str, label: str) -> str:
    """The file name of the XY plot of one model: only letters, digits and ``_``.

    >>> plot_name("intermediate", "C1P1 M1")
    'xy_intermediate_C1P1_M1.png'
    """
    safe = "_".join(
        p for p in "".join(c if c.isalnum() and c.isascii() else " " for c in label).split()
    )
    return f"xy_{kind}_{safe}.png"


def _png(draw: Any) -> bytes:
    """Draw a figure (``draw()`` returns its Axes), render it to PNG bytes and close it."""
    import io

    import matplotlib.pyplot as plt

    ax = draw()
    try:
        buffer = io.BytesIO()
        # no "Software" entry: the same analysis gives the same bytes across versions
        ax.figure.savefig(buffer, format="png", dpi=ax.figure.dpi, metadata={"Software": None})
        return buffer.getvalue()
    finally:
        plt.close(ax.figure)


def analysis_plots(analysis: Analysis) -> tuple[list[Plot], list[str]]:
    """The figures of a run's report: the truth table, then an XY plot of each model (at
    most :data:`MAX_PLOTTED_MODELS` per solution type) against the outcome.

    Returns the plots and notes (plots left out, font warnings). matplotlib draws with
    its current backend; the command line selects Agg. A figure that cannot be drawn is
    left out with a note rather than stopping the report.
    """
    import warnings

    from qca.exceptions import QCAError, QCAWarning
    from qca.plot import truth_table_plot, xy_plot

    jobs: list[tuple[str, str, Any]] = [
        (
            "truth_table.png",
            f"Truth table of {analysis.outcome}",
            lambda: truth_table_plot(analysis.truth_table),
        )
    ]
    notes: list[str] = []
    for kind in SOLUTION_KINDS:
        result = analysis.solutions.get(kind)
        if result is None or result.error or not result.models:
            continue
        for m in result.models[:MAX_PLOTTED_MODELS]:
            title = f"{solution_title(result)}, {m.label}: {m.text} -> {analysis.outcome}"
            jobs.append(
                (
                    plot_name(kind, m.label),
                    title,
                    lambda text=m.text: xy_plot(analysis.data, text, analysis.outcome),
                )
            )
        if len(result.models) > MAX_PLOTTED_MODELS:
            notes.append(
                f"{kind.capitalize()} solution: XY plots of the first {MAX_PLOTTED_MODELS} "
                f"of {len(result.models)} models only."
            )
    plots: list[Plot] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        for name, title, draw in jobs:
            try:
                plots.append(Plot(name, title, _png(draw)))
            except QCAError as exc:
                notes.append(f"{title}: not drawn ({exc}).")
    notes += [str(w.message) for w in caught if issubclass(w.category, QCAWarning)]
    return plots, list(dict.fromkeys(notes))


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
    import io

    from openpyxl.drawing.image import Image

    for plot in plots:
        _put(ws, row, 1, plot.title).font = Font(bold=True)
        image = Image(io.BytesIO(plot.png))
        ws.add_image(image, f"A{row + 1}")
        row += 2 + math.ceil(image.height / _PLOT_ROW_PIXELS) + 1
