"""``qca configurations``: the configuration table (Fiss 2011) of the intermediate solution,
printed, or written as text, Markdown, HTML, LaTeX, a styled xlsx sheet or CSV."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from qca import report as rep
from qca.cli._app import (
    _analysis_options,
    _command,
    _hinted,
    _quietly,
    _use_labels_option,
    analysis_of,
    given_options,
    source_of,
)
from qca.cli._output import print_options, show, terminal, warning_lines
from qca.exceptions import QCAError
from qca.report.sets import configuration_tables_for

__all__ = ["configurations", "FORMATS"]

#: Output file extensions and what they hold.
FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".tex": "latex",
    ".xlsx": "xlsx",
    ".csv": "csv",
}


@_command("configurations", short_help="The configuration table (Fiss 2011) of the solution.")
@_analysis_options()
@_use_labels_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the tables to this file: .txt, .md, .html, .tex (LaTeX), .xlsx or .csv.",
)
@print_options
def configurations(
    book: str,
    sheet: str | None,
    use_labels: bool,
    output: str | None,
    quiet: bool,
    as_json: bool,
    **typed: Any,
) -> None:
    """The configuration table of BOOK's intermediate solution (Fiss 2011): one column per
    configuration, one row per condition; core conditions (also in the parsimonious
    solution) large, peripheral ones small, blank for "don't care"; consistency, PRI, raw
    and unique coverage below. One table per combination of models when the solution is
    ambiguous. Needs directional expectations (--dir-exp or the analysis sheet).

    \b
    Example:
        qca configurations cases/lipset.xlsx --dir-exp "DEV, URB, LIT, IND, STB"
        qca configurations cases/digital_government.xlsx -o table.tex
    """
    kind = None
    if output is not None:
        kind = FORMATS.get(Path(output).suffix.lower())
        if kind is None:
            raise click.BadParameter(
                f"cannot tell the format of '{output}' from its extension; use "
                f"{', '.join(FORMATS)}.",
                param_hint="--output",
            )
        rep.check_output_path(output, [book])
    options = given_options(**typed, include="?")
    analysis = analysis_of(source_of(book, sheet), **options)
    if analysis.solution_type != "intermediate":
        raise QCAError(
            "A configuration table compares the intermediate solution with the parsimonious "
            'one: give directional expectations with --dir-exp (e.g. --dir-exp "A, B, ~C") '
            "or in the analysis sheet's dir_exp."
        )
    result = _hinted(_quietly(lambda: analysis.run(steps=("solutions",))))
    solution = result.solutions["intermediate"]
    if solution.error:
        raise QCAError(solution.error)
    tables = configuration_tables_for(result, use_labels)
    messages = list(result.warnings)
    if output is not None:
        write_configurations(output, str(kind), tables)
        if not quiet:
            click.echo(terminal(f"Wrote {output}"), err=True)
    if as_json:
        click.echo(rep.dumps({"configuration_tables": [t.to_dict() for t in tables],
                              "warnings": messages}))
    else:
        show("\n\n".join(t.to_text() for t in tables) + warning_lines(messages), quiet)


def write_configurations(output: str | os.PathLike[str], kind: str, tables: Sequence[Any]) -> None:
    """Write configuration tables to ``output`` atomically, as ``kind`` (see FORMATS)."""
    if kind == "csv":
        from qca.report.sets import configuration_csv_table

        rep.write_csv(configuration_csv_table(tables), output)
        return
    if kind == "xlsx":
        from openpyxl import Workbook

        from qca.configurations import fill_sheet

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "configurations"
        fill_sheet(sheet, tables)
        with rep.atomic_path(output) as tmp:
            workbook.save(tmp)
        return
    render = {
        "text": lambda t: t.to_text(),
        "markdown": lambda t: t.to_markdown(),
        "html": lambda t: t.to_html(),
        "latex": lambda t: t.to_latex(),
    }[kind]
    body = "\n\n".join(render(t) for t in tables)
    if kind == "html":
        body = (
            '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Configuration tables'
            f"</title></head><body>\n{body}\n</body></html>\n"
        )
    with rep.atomic_write(output, "w") as handle:
        handle.write(body if body.endswith("\n") else body + "\n")
