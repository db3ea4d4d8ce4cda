"""The analysis commands: run, template, calibrate, necessity, truth-table, minimize, fit.

Each command parses its options, builds the :class:`qca.Analysis` (:func:`analysis_of`),
runs the steps it shows and hands the result to :mod:`qca.report`; no analysis decision
is taken here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from qca import report as rep
from qca.analysis import split_list
from qca.cli._app import (
    EXAMPLE_BOOK,  # noqa: F401  (help texts name it)
    _analysis_options,
    _book_argument,
    _caught,
    _command,
    _fraction_option,
    _hinted,
    _quietly,
    _set_options,
    _sheet_option,
    _solution_options,
    _table_options,
    _use_labels_option,
    analysis_of,
    given_options,
    source_of,
)
from qca.cli._output import Output, Progress, output_options, print_options, terminal
from qca.exceptions import QCAError
from qca.report.sets import (
    configuration_report_tables,
    configuration_tables_for,
    display_labels,
    labelled_necessity,
    labelled_truth_table,
)

__all__ = [
    "calibrate_command",
    "fit_command",
    "minimize_command",
    "necessity_command",
    "run",
    "template",
    "truth_table_command",
]


# --------------------------------------------------------------------------------------
# qca run


@_command("run", short_help="The whole analysis a case sheet describes.")
@_analysis_options(
    include="Remainders for the parsimonious and intermediate solutions: '?' (default) or '?, C'."
)
@_fraction_option("--nec-incl-cut", 0.9, "inclN cut-off of the search for necessary combinations.")
@_fraction_option("--nec-cov-cut", 0.6, "covN cut-off of the search for necessary combinations.")
@click.option(
    "--no-plots",
    is_flag=True,
    help="Leave the plots out of the .xlsx/.md report (XY plot of each model, truth table).",
)
@_use_labels_option
@output_options
def run(
    book: str,
    sheet: str | None,
    nec_incl_cut: float,
    nec_cov_cut: float,
    no_plots: bool,
    use_labels: bool,
    out: Output,
    **typed: Any,
) -> None:
    """Run the whole analysis that BOOK's sheets describe.

    Calibrates the raw measures as the `calibration` sheet says, tests the necessity of
    each condition (and searches necessary combinations), builds the truth table, and
    derives the conservative, parsimonious and (with directional expectations) intermediate
    solutions with their parameters of fit, simplifying assumptions and easy
    counterfactuals. Options override the `analysis` sheet, so a bare case sheet or a CSV
    file with --outcome is enough. With -o, also writes a report: a workbook (.xlsx, one
    sheet per step, a `plots` sheet and provenance) or Markdown (.md, its images in the
    folder <report name>_plots next to it); or the --json object (.json). The plots are
    the truth table and an XY plot of each model against the outcome; --no-plots leaves
    them out.

    \b
    Example:
        qca run cases/lipset.xlsx
        qca run cases/lipset.xlsx --incl-cut 0.9 --dir-exp "DEV, URB, LIT, IND, STB"
        qca run cases/lipset.xlsx -o lipset_report.xlsx
    """
    options = given_options(**typed)
    out.check(book)
    progress = Progress(out.silent)
    try:
        progress(f"reading {book}")
        source = source_of(book, sheet)
        analysis = analysis_of(
            source,
            **options,
            solutions="all",
            nec_incl_cut=nec_incl_cut,
            nec_cov_cut=nec_cov_cut,
        )
        result = _quietly(lambda: analysis.run(progress=progress))
    finally:
        progress.done()
    result = _hinted(result)
    out.emit(
        book,
        "QCA report",
        tables=lambda: rep.analysis_tables(result, use_labels=use_labels),  # (not for --json)
        payload=rep.analysis_dict(result),
        options=result.options,
        text=lambda: rep.analysis_text(result, use_labels=use_labels),
        plots=None if no_plots else lambda: rep.analysis_plots(result),
    )


# --------------------------------------------------------------------------------------
# qca template


@_command("template", short_help="Write an empty, documented case-sheet workbook.")
@click.argument("output", metavar="OUT.xlsx", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace OUT.xlsx if it exists.")
@print_options
def template(output: str, force: bool, quiet: bool, as_json: bool) -> None:
    """Write an empty case-sheet workbook to fill in: sheets cases, calibration, analysis,
    README and labels, each documented.

    \b
    Example:
        qca template mystudy.xlsx
    """
    from qca.workbook import write_template

    if Path(output).suffix.lower() != ".xlsx":
        raise click.BadParameter(
            f"the template is an .xlsx workbook, got '{output}'.", param_hint="OUT.xlsx"
        )
    if os.path.exists(output) and not force:
        raise QCAError(f"'{output}' already exists; choose another name or add --force.")
    with rep.atomic_path(output) as tmp:
        write_template(tmp)
    if as_json:
        click.echo(rep.dumps({"template": output}))
    elif not quiet:
        click.echo(
            terminal(f"Wrote {output}: fill in the cases sheet, then run: qca run {output}")
        )


# --------------------------------------------------------------------------------------
# step commands


@_command("calibrate", short_help="Calibrate raw measures into set memberships.")
@_book_argument
@_sheet_option
@output_options
def calibrate_command(book: str, sheet: str | None, out: Output) -> None:
    """Calibrate BOOK's raw measures as its `calibration` sheet says, and show the
    memberships of every case (sets already calibrated in the case sheet are kept).

    \b
    Example:
        qca calibrate cases/lipset.xlsx
        qca calibrate cases/lipset.xlsx -o lipset_sets.csv
    """
    out.check(book)
    source = source_of(book, sheet)
    messages = list(source.notes)
    data = source.data.copy()
    data.index.name = "case"
    tables = [rep.Table("calibrated", "Calibrated set memberships", data)]
    text = ""
    if source.calibration is not None:
        tables.append(
            rep.Table(
                "calibration", "Calibration (anchors used)", source.calibration, index_label=None
            )
        )
        brief = rep.calibration_brief(source.calibration)
        if not any(brief["options"]):
            brief = brief.drop(columns=["options"])
        text = "Calibration\n" + rep.format_table(brief.set_index("set")) + "\n\n"
    text += "Calibrated set memberships\n" + rep.format_table(tables[0])
    payload = {
        "calibration": None
        if source.calibration is None
        else rep.frame_records(source.calibration),
        "data": rep.frame_records(data, "case"),
        "warnings": messages,
    }
    out.emit(
        book,
        "Calibration",
        tables=tables,
        payload=payload,
        text=text,
        warnings=messages,
        options={"sheet": sheet},
    )


@_command("necessity", short_help="Necessity of each condition and necessary combinations.")
@_book_argument
@_sheet_option
@_set_options
@_fraction_option("--incl-cut", 0.9, "inclN cut-off of the search.")
@_fraction_option("--cov-cut", 0.6, "covN cut-off of the search.")
@_fraction_option("--ron-cut", 0.0, "RoN cut-off of the search.")
@click.option(
    "--depth",
    default=None,
    type=click.IntRange(min=1),
    help="Largest number of conditions combined.",
)
@_use_labels_option
@output_options
def necessity_command(
    book: str,
    sheet: str | None,
    outcome: str | None,
    conditions: str | None,
    incl_cut: float,
    cov_cut: float,
    ron_cut: float,
    depth: int | None,
    use_labels: bool,
    out: Output,
) -> None:
    """Test the necessity of each condition and its negation for the outcome (inclN, RoN,
    covN), then search necessary combinations (R QCA's superSubset: conjunctions and
    disjunctions passing the cut-offs).

    \b
    Example:
        qca necessity cases/lipset.xlsx
        qca necessity cases/lipset.xlsx --outcome "~SURV" --incl-cut 0.8 --cov-cut 0.5
    """
    out.check(book)
    analysis = analysis_of(
        source_of(book, sheet),
        outcome=outcome,
        conditions=conditions,
        nec_incl_cut=incl_cut,
        nec_cov_cut=cov_cut,
        nec_ron_cut=ron_cut,
        nec_depth=depth,
    )
    result = _quietly(lambda: analysis.run(steps=("necessity",)))
    if "necessity_combinations" in result.errors:
        raise QCAError(result.errors["necessity_combinations"])
    target = analysis.outcome
    single = rep.necessity_frame(result.necessity)
    combos = rep.necessity_frame(result.necessity_combinations)
    messages = list(_hinted(result).warnings)
    cuts = f"inclN >= {incl_cut:g}, covN >= {cov_cut:g}" + (
        f", RoN >= {ron_cut:g}" if ron_cut else ""
    )
    shown = display_labels(result, use_labels)
    single_shown, combos_shown = labelled_necessity(single, shown), labelled_necessity(combos, shown)
    tables = [
        rep.Table("necessity", f"Necessity of each condition for {target}", single_shown),
        rep.Table("necessity_combinations", f"Necessary combinations ({cuts})", combos_shown),
    ]
    text = (
        f"{tables[0].title}\n{rep.format_table(single_shown)}\n\n{tables[1].title}"
        + (": none" if combos.empty else "\n" + rep.format_table(combos_shown))
    )
    payload = {
        "outcome": target,
        "conditions": rep.frame_records(single, "expression"),
        "combinations": rep.frame_records(combos, "expression"),
        "warnings": messages,
    }
    out.emit(
        book,
        "Necessity",
        tables=tables,
        payload=payload,
        text=text,
        warnings=messages,
        options={
            "outcome": target,
            "conditions": list(analysis.conditions),
            "incl_cut": incl_cut,
            "cov_cut": cov_cut,
            "ron_cut": ron_cut,
            "depth": depth,
        },
    )


@_command("truth-table", short_help="Build the truth table.")
@_analysis_options(minimize=False)
@click.option("--complete", is_flag=True, help="List the remainders (rows without cases) too.")
@click.option(
    "--sort-by", default=None, metavar="KEYS", help="Sort by these columns, e.g. 'incl,n'."
)
@_use_labels_option
@output_options
def truth_table_command(
    book: str,
    sheet: str | None,
    complete: bool,
    sort_by: str | None,
    use_labels: bool,
    out: Output,
    **typed: Any,
) -> None:
    """Build the truth table of BOOK: one row per configuration with its output code (OUT),
    number of cases (n), inclusion (incl), PRI and case names.

    \b
    Example:
        qca truth-table cases/lipset.xlsx --incl-cut 0.8
        qca truth-table cases/lipset.xlsx --sort-by incl,n -o lipset_tt.csv
    """
    options = given_options(**typed)
    out.check(book)
    analysis = analysis_of(source_of(book, sheet), **options)
    with _caught(analysis.notes) as messages:
        tt = analysis.build_truth_table(complete=complete, sort_by=split_list(sort_by) or None)
    frame = rep.truth_table_frame(tt)
    shown = dict(analysis.labels) if use_labels else {}
    table = rep.Table(
        "truth_table",
        f"Truth table of {tt.outcome}",
        labelled_truth_table(frame, tt.conditions, shown),
    )
    payload = {
        "outcome": tt.outcome,
        "conditions": list(tt.conditions),
        "truth_table": rep.frame_records(frame, "row"),
        "warnings": messages,
    }
    out.emit(
        book,
        "Truth table",
        tables=[table],
        payload=payload,
        warnings=messages,
        options={**_table_options(analysis), "complete": complete, "sort_by": sort_by},
    )


@_command("minimize", short_help="Minimize the truth table: models with their fit.")
@_analysis_options(
    include="'' conservative, '?' parsimonious, '?, C' also contradictions "
    "(default: the analysis sheet, else '')."
)
@_use_labels_option
@output_options
def minimize_command(
    book: str, sheet: str | None, use_labels: bool, out: Output, **typed: Any
) -> None:
    """Minimize BOOK's truth table and show every minimal model (M1, M2, ... when several
    fit equally), the fit of each term and model, the cases each term covers, and the
    simplifying assumptions (with --dir-exp: the intermediate solution and its easy and
    difficult counterfactuals).

    \b
    Example:
        qca minimize cases/lipset.xlsx --incl-cut 0.8 --include "?"
        qca minimize cases/lipset.xlsx --include "?" --dir-exp "DEV, URB, LIT, IND, STB"
    """
    options = given_options(**typed)
    out.check(book)
    analysis = analysis_of(source_of(book, sheet), **options)
    result = _hinted(_quietly(lambda: analysis.run(steps=("solutions",))))
    kind = analysis.solution_type
    solution = result.solutions[kind]
    if solution.error:
        raise QCAError(solution.error)
    messages = list(result.warnings)
    shown = display_labels(result, use_labels)
    payload = {
        "outcome": analysis.outcome,
        "conditions": list(analysis.conditions),
        "solutions": {kind: rep.models_json(solution)},
        "solution_options": {kind: rep.solution_options(solution)},
        "warnings": messages,
    }
    configurations = configuration_tables_for(result)
    payload["configuration_tables"] = [t.to_dict() for t in configurations]  # names, not labels
    if use_labels:
        configurations = configuration_tables_for(result, use_labels)

    def tables() -> list[rep.Table]:  # (not for --json)
        return [
            *rep.solution_tables(solution, shown),
            *configuration_report_tables(configurations),
            rep.Table(
                "assumptions",
                "Simplifying assumptions and counterfactuals",
                rep.assumptions_frame({kind: solution}),
                index_label=None,
            ),
            rep.Table(
                "assumption_rows",
                "Configurations of the simplifying assumptions and counterfactuals",
                rep.assumption_rows_frame({kind: solution}),
                index_label=None,
            ),
        ]

    def text() -> str:
        lines = "\n".join(rep.solution_text(solution, analysis.outcome, labels=shown))
        return lines + "".join("\n\n" + t.to_text() for t in configurations)

    out.emit(
        book,
        "Minimization",
        tables=tables,
        payload=payload,
        text=text,
        warnings=messages,
        options={**_solution_options(analysis), "solution": kind, "include": solution.include},
    )


@_command("fit", short_help="Parameters of fit of an expression.")
@_book_argument
@click.argument("expression", metavar="EXPR")
@_sheet_option
@click.option(
    "--outcome", default=None, metavar="SET", help="Outcome set (default: the analysis sheet)."
)
@click.option("--necessity", is_flag=True, help="Test EXPR as necessary (inclN, RoN, covN).")
@output_options
def fit_command(
    book: str, expression: str, sheet: str | None, outcome: str | None, necessity: bool, out: Output
) -> None:
    """Parameters of fit of EXPR (a sum of products such as 'DEV*~IND + URB*STB') for the
    outcome: inclS, PRI, covS and covU of each term and of the whole expression, or with
    --necessity inclN, RoN and covN. EXPR may name its outcome with an arrow:
    'DEV*~IND + URB*STB -> SURV' (sufficiency), 'LIT + STB <- SURV' (necessity).

    \b
    Example:
        qca fit cases/lipset.xlsx "DEV*~IND + URB*STB"
        qca fit cases/lipset.xlsx "LIT + STB" --outcome SURV --necessity
        qca fit cases/lipset.xlsx "LIT*STB <- SURV"
    """
    from qca.expr import parse_expression
    from qca.fit import fit

    out.check(book)
    parsed = parse_expression(expression)
    source = source_of(book, sheet)
    relation = "necessity" if necessity else "sufficiency"
    if parsed.relation is not None and parsed.outcome is not None:
        # 'A*B -> Y' / 'A + B <- Y': the expression gives the outcome and the relation
        if necessity and parsed.relation != "necessity":
            raise click.UsageError(f"--necessity contradicts the arrow of '{expression}'.")
        relation, target, given = parsed.relation, str(parsed.outcome), outcome
        title = f"Fit of {expression} ({relation})"
    else:
        target = given = analysis_of(source, outcome=outcome).outcome
        arrow = "<-" if relation == "necessity" else "->"
        title = f"Fit of {expression} {arrow} {target} ({relation})"
    with _caught(source.notes) as messages:
        frame = fit(expression, given, source.data, relation=relation)
    frame = frame.copy()
    frame.index.name = "term"
    table = rep.Table("fit", title, frame)
    payload = {
        "expression": expression,
        "outcome": target,
        "relation": relation,
        "fit": rep.frame_records(frame, "term"),
        "warnings": messages,
    }
    out.emit(
        book,
        "Fit",
        tables=[table],
        payload=payload,
        warnings=messages,
        options={"expression": expression, "outcome": target, "relation": relation},
    )
