"""Reports: pure renderers of an :class:`qca.AnalysisResult` (text, Markdown, .xlsx, JSON, CSV).

Nothing here computes an analysis: :meth:`qca.Analysis.run` computes each value once,
and these modules only lay the values out.

- :mod:`qca.report._base` -- cells, :class:`Table`, :class:`Plot`, number formatting, JSON values;
- :mod:`qca.report.tables` -- the report's tables (one per step), built from the result;
- :mod:`qca.report.text` -- the terminal text; :mod:`qca.report.json` -- the ``--json`` dict;
- :mod:`qca.report.xlsx`, :mod:`qca.report.markdown`, :mod:`qca.report.csv` -- the writers;
- :mod:`qca.report.plots` -- the figures; :mod:`qca.report.files` -- atomic writes, provenance.

A new section of a report is a function ``result -> Table`` in ``tables.py`` (added to
:func:`analysis_tables`) plus, when the terminal shows it, a few lines in ``text.py``;
every writer then carries it (see docs/architecture.md).

>>> import pandas as pd
>>> table = Table("truth_table", "Truth table", pd.DataFrame({"OUT": ["1"], "n": [3]}))
>>> print(format_table(table))
        OUT  n
  0     1    3
"""

from qca.report._base import (
    FORMULA_PREFIXES,
    Plot,
    Table,
    display_width,
    dumps,
    format_number,
    format_table,
    frame_records,
    json_default,
    safe_text,
)
from qca.report.csv import write_csv
from qca.report.files import (
    atomic_path,
    atomic_write,
    check_output_path,
    file_sha256,
    plots_folder,
    provenance,
)
from qca.report.json import analysis_dict, model_dict, models_json, solution_options, write_json
from qca.report.markdown import markdown_report, write_markdown
from qca.report.plots import MAX_PLOTTED_MODELS, analysis_plots, plot_name
from qca.report.robustness import robustness_tables, robustness_text
from qca.report.tables import (
    SOLUTION_KINDS,
    analysis_tables,
    assumption_rows_frame,
    assumptions_frame,
    calibration_brief,
    model_count_notes,
    necessity_frame,
    solution_frame,
    solution_heading,
    solution_tables,
    solution_title,
    truth_table_frame,
)
from qca.report.text import analysis_text, solution_text
from qca.report.xlsx import write_xlsx

__all__ = [
    "FORMULA_PREFIXES",
    "MAX_PLOTTED_MODELS",
    "Plot",
    "SOLUTION_KINDS",
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
    "display_width",
    "dumps",
    "file_sha256",
    "format_number",
    "format_table",
    "frame_records",
    "json_default",
    "markdown_report",
    "model_count_notes",
    "model_dict",
    "models_json",
    "necessity_frame",
    "plot_name",
    "plots_folder",
    "provenance",
    "robustness_tables",
    "robustness_text",
    "safe_text",
    "solution_frame",
    "solution_options",
    "solution_heading",
    "solution_tables",
    "solution_text",
    "solution_title",
    "truth_table_frame",
    "write_csv",
    "write_json",
    "write_markdown",
    "write_xlsx",
]
