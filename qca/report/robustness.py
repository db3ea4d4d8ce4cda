"""The tables and text of a robustness test (:class:`qca.Robustness`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from qca.report._base import Table, format_table
from qca.report.tables import solution_heading

__all__ = ["robustness_tables", "robustness_text"]


def robustness_tables(result: Any) -> list[Table]:
    """Term survival, the robustness fit parameters, the cases and the runs."""
    survival = pd.DataFrame({"share of runs": result.term_survival})
    survival.index.name = "term"
    fit = pd.DataFrame({"value": result.fit})
    fit.index.name = "parameter"
    cases = result.cases.copy()
    cases.index.name = "case"
    runs = result.runs.copy()
    runs.index = range(1, len(runs) + 1)
    runs.index.name = "run"
    return [
        Table("term_survival", "Term survival", survival),
        Table("robustness_fit", "Robustness fit parameters", fit),
        Table("cases", "Cases: initial solution (IS), robust core (RC), status kept", cases),
        Table("runs", "Runs", runs),
    ]


def robustness_text(result: Any, tables: Sequence[Table]) -> str:
    """The header (which solution was tested, with its options), then the tables."""
    options = result.options
    heading = solution_heading(
        result.solution_type, str(options.get("include", "")), options.get("dir_exp"), options
    )
    heading = heading[0].lower() + heading[1:]
    lines = [
        f"Robustness of the {heading} for {result.outcome}: "
        f"IS = {' + '.join(result.initial_terms) or '(empty)'}",
        f"  {len(result.runs)} alternative runs, {result.valid_runs} valid.",
        f"  Core terms (in every model of every run): {', '.join(result.core_terms) or 'none'}.",
        "",
    ]
    for table in tables:
        lines.append(table.title)
        lines.append(format_table(table))
        lines.append("")
    return "\n".join(lines).rstrip()
