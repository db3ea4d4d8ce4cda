"""The commands over a whole analysis's variants and figures: robustness and plot."""

from __future__ import annotations

from typing import Any

import click

from qca import report as rep
from qca.cli._app import (
    _analysis_options,
    _book_argument,
    _caught,
    _command,
    _parse_incl_cut,
    _parse_numbers,
    _sheet_option,
    _sweep_options,
    analysis_of,
    given_options,
    source_of,
)
from qca.cli._output import (
    Output,
    output_options,
    plot_format,
    plot_option,
    print_options,
    save_plot,
    terminal,
    warning_lines,
)

__all__ = ["plot_command", "robustness_command"]


@_command("robustness", short_help="Robustness of the solution to calibration and cut-offs.")
@_analysis_options(include="'?' tests the parsimonious solution (default: conservative).")
@click.option(
    "--incl-cuts",
    default=None,
    metavar="X,Y,...",
    help="Alternative incl_cut values, e.g. '0.75,0.85'.",
)
@click.option(
    "--n-cuts", default=None, metavar="N,M,...", help="Alternative n_cut values, e.g. '2,3'."
)
@click.option(
    "--shifts",
    default=None,
    metavar="F,G,...",
    help="Anchor moves as fractions of the exclusion-inclusion distance (default -0.1,-0.05,0.05,0.1).",
)
@click.option("--drop-cases", is_flag=True, help="Also one run per case, leaving it out.")
@_sweep_options
@plot_option("Also draw term survival to this image (.png, .svg or .pdf).")
@output_options
def robustness_command(
    book: str,
    sheet: str | None,
    incl_cuts: str | None,
    n_cuts: str | None,
    shifts: str | None,
    drop_cases: bool,
    workers: int | None,
    scheduler: str | None,
    record: str | None,
    plot_path: str | None,
    out: Output,
    **typed: Any,
) -> None:
    """Test how robust BOOK's solution is: re-run the analysis with each calibration anchor
    moved, with other inclusion and frequency cut-offs, and (with --drop-cases) without
    each case; report term survival, the core terms, the robust core and Oana &
    Schneider's robustness fit parameters (RF_cons, RF_cov, RF_SC_minTS, RF_SC_maxTS).
    `--json` prints the result's to_dict().

    \b
    Example:
        qca robustness cases/lipset.xlsx --incl-cuts 0.75,0.85 --n-cuts 2
        qca robustness cases/lipset.xlsx --include "?" --json
        qca robustness cases/lipset.xlsx --workers 2 --record lipset_runs.jsonl
    """
    from qca.robustness import robustness

    options = given_options(**typed)
    alt_incl = _parse_numbers(incl_cuts, "--incl-cuts")
    alt_n = _parse_numbers(n_cuts, "--n-cuts", integer=True)
    moves = _parse_numbers(shifts, "--shifts")
    out.check(book)
    if plot_path is not None:
        plot_format(plot_path, "--plot")
    analysis = analysis_of(source_of(book, sheet), **options)
    extra: dict[str, Any] = {}
    if moves is not None:
        extra["shifts"] = tuple(moves)
    with _caught(analysis.notes) as messages:
        result = robustness(
            analysis,
            incl_cuts=alt_incl,
            n_cuts=alt_n,
            drop_cases=drop_cases,
            jobs=workers,
            scheduler=scheduler,
            output=record,
            progress=False if out.silent else None,
            **extra,
        )
    tables = rep.robustness_tables(result)
    payload = result.to_dict()
    payload["warnings"] = messages
    if plot_path is not None:
        save_plot(plot_path, [book], lambda: _robustness_axes(result))
    out.emit(
        book,
        "Robustness",
        tables=tables,
        payload=payload,
        text=rep.robustness_text(result, tables),
        warnings=messages,
        options={
            **result.options,
            "outcome": analysis.outcome,
            "solution": result.solution_type,
            "incl_cuts": alt_incl,
            "n_cuts": alt_n,
            "shifts": moves,
            "drop_cases": drop_cases,
        },
    )


def _robustness_axes(result: Any) -> Any:
    from qca.plot import robustness_plot

    return robustness_plot(result)


@_command("plot", short_help="XY plot of a set relation, or a truth-table chart.")
@_book_argument
@_sheet_option
@click.option(
    "--x", "x", default=None, metavar="EXPR", help="Expression on the x axis, e.g. 'DEV*~IND'."
)
@click.option(
    "--y", "y", default=None, metavar="SET", help="Set on the y axis (default: the outcome)."
)
@click.option(
    "--kind",
    type=click.Choice(["xy", "truth-table"]),
    default="xy",
    show_default=True,
    help="xy: memberships in X against Y; truth-table: the truth table as a grid.",
)
@click.option("--necessity", is_flag=True, help="Read the XY plot as a necessity relation.")
@click.option("--no-labels", is_flag=True, help="Do not label the points with case names.")
@click.option("--conditions", default=None, metavar="A,B,C", help="Conditions of the truth table.")
@click.option(
    "--incl-cut", default=None, metavar="X[,Y]", help="Inclusion cut-off of the truth table."
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The image to write: .png, .svg or .pdf.",
)
@print_options
def plot_command(
    book: str,
    sheet: str | None,
    x: str | None,
    y: str | None,
    kind: str,
    necessity: bool,
    no_labels: bool,
    conditions: str | None,
    incl_cut: str | None,
    output: str,
    quiet: bool,
    as_json: bool,
) -> None:
    """Draw an XY plot of X against Y (with inclusion and coverage in the title), or the
    truth table as a grid, and write it to a PNG, SVG or PDF file.

    \b
    Example:
        qca plot cases/lipset.xlsx --x "DEV*~IND + URB*STB" --y SURV -o lipset_xy.png
        qca plot cases/lipset.xlsx --kind truth-table -o lipset_tt.svg
    """
    from qca.plot import truth_table_plot, xy_plot

    plot_format(output)
    cut = _parse_incl_cut(incl_cut)
    if kind == "xy" and not x:
        raise click.UsageError("An XY plot needs --x EXPR.")
    analysis = analysis_of(source_of(book, sheet), outcome=y, conditions=conditions, incl_cut=cut)
    target = analysis.outcome

    def draw() -> Any:
        if kind == "xy":
            relation = "necessity" if necessity else "sufficiency"
            return xy_plot(analysis.data, x, target, relation=relation, labels=not no_labels)
        return truth_table_plot(analysis.build_truth_table())

    with _caught(analysis.notes) as messages:
        save_plot(output, [book], draw)
    if as_json:
        click.echo(
            rep.dumps({"plot": output, "kind": kind, "x": x, "y": target, "warnings": messages})
        )
    elif not quiet:
        click.echo(terminal(f"Wrote {output}" + warning_lines(messages)))
