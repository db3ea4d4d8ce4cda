"""Command-line commands beyond minimization (issue 15): ``qca nca``, ``qca cluster``,
``qca theory``, ``qca cases`` and ``qca ranges``.

They register on the ``qca`` group of :mod:`qca.cli._app` and use its shared options,
its error guard, the case sheet read once (:func:`source_of`), the outcome resolved by
:class:`qca.Analysis` (:func:`analysis_of`) and its report writer: ``-o report.xlsx`` writes one sheet per table,
``--json`` prints one JSON object.
"""

from __future__ import annotations

from typing import Any

import click
import pandas as pd

from qca import report as rep
from qca.analysis import split_list
from qca.cli._app import (
    _backend_options,
    _book_argument,
    _command,
    _count_option,
    _max_models_option,
    _outcome_option,
    _parse_int,
    _sheet_option,
    analysis_of,
    source_of,
)
from qca.cli._output import Output, output_options, plot_format, plot_option, save_plot

__all__: list[str] = []


def _names(text: str | None, settings: dict[str, Any], key: str = "conditions") -> list[str]:
    value = text if text is not None else settings.get(key)
    names = split_list(value) if isinstance(value, str) else list(value or [])
    if not names:
        raise click.UsageError(f"No {key}: give --{key}, or a '{key}' row in the analysis sheet.")
    return [str(n) for n in names]


def _check(out: Output, book: str, plot_path: str | None = None) -> None:
    """Check -o and --plot before any work is done."""
    out.check(book)
    if plot_path is not None:
        plot_format(plot_path, "--plot")


_plot_option = plot_option("Also draw the plot to this image (.png, .svg or .pdf).")


# --------------------------------------------------------------------------------------
# qca nca


@_command("nca", short_help="Necessary Condition Analysis (effect sizes, bottlenecks).")
@_book_argument
@_sheet_option
@click.option(
    "--conditions", default=None, metavar="A,B", help="Conditions (default: the analysis sheet)."
)
@_outcome_option()
@_count_option(
    "--test-rep", 0, "Shuffles of the permutation test (e.g. 10000); 0: no test.", minimum=0
)
@click.option(
    "--seed", default=None, type=click.IntRange(min=0), help="Seed of the permutation test."
)
@_count_option("--steps", 10, "Rows of the bottleneck tables minus one (10: 0%, 10%, ... 100%).")
@_backend_options
@_plot_option
@output_options
def nca_command(
    book: str,
    sheet: str | None,
    conditions: str | None,
    outcome: str | None,
    test_rep: int,
    seed: int | None,
    steps: int,
    workers: int | None,
    scheduler: str | None,
    plot_path: str | None,
    out: Output,
) -> None:
    """Necessary Condition Analysis of each condition for the outcome: CE-FDH and CR-FDH
    ceilings, effect size d, ceiling accuracy, permutation p values and bottleneck
    tables (in % of the range and in actual values). --plot draws the first condition.

    \b
    Example:
        qca nca cases/digital_government.xlsx --test-rep 200 --seed 1
        qca nca cases/digital_government.xlsx --test-rep 1000 --seed 1 --workers 2
        qca nca cases/digital_government.xlsx --conditions PM,PF --plot nca_pm.png
    """
    from qca.nca import nca, nca_plot

    _check(out, book, plot_path)
    inp = source_of(book, sheet)
    settings = inp.settings
    target = analysis_of(inp, outcome=outcome).outcome.lstrip("~")
    names = _names(conditions, settings)
    result = nca(
        inp.data, names, target, steps=steps, test_rep=test_rep, seed=seed,
        workers=workers, scheduler=scheduler,
    )
    summary = result.summary.reset_index()
    summary.index = [
        f"{c} {k}" for c, k in zip(summary["condition"], summary["ceiling"], strict=True)
    ]
    summary = summary.drop(columns=["condition", "ceiling"])
    summary.index.name = "condition ceiling"
    tables = [rep.Table("nca", f"NCA: conditions necessary for {target}?", summary)]
    for kind in result.summary.index.get_level_values(1).unique():
        for unit in ("percentage", "actual"):
            frame = result.bottleneck(kind, unit=unit)
            frame.index = [f"{v:.6g}" for v in frame.index]
            frame.index.name = target + (" (%)" if unit == "percentage" else "")
            tables.append(
                rep.Table(
                    f"bottleneck {kind} {unit[:3]}",
                    f"Bottleneck table, {kind}, {unit}",
                    frame.astype(object),
                )
            )
    if plot_path:
        save_plot(plot_path, [book], lambda: nca_plot(result, names[0]))
    payload = {
        **result.to_dict(),
        "bottlenecks": {t.name: rep.frame_records(t.frame, t.frame.index.name) for t in tables[1:]},
    }
    text = "\n\n".join(f"{t.title}\n{rep.format_table(t)}" for t in tables)
    if result.seed is not None:
        text += f"\n\nPermutation test: {test_rep} shuffles, seed {result.seed}."
    options = {"outcome": target, "conditions": names, "test_rep": test_rep, "seed": result.seed}
    out.emit(book, "NCA", tables=tables, payload=payload, text=text, options=options)


# --------------------------------------------------------------------------------------
# qca cluster


@_command("cluster", short_help="Pooled, between-cluster and within-unit consistency (panels).")
@_book_argument
@click.argument("expression", metavar="EXPR")
@_sheet_option
@_outcome_option()
@click.option(
    "--units", default=None, metavar="COLUMN", help="Column naming each observation's unit."
)
@click.option(
    "--units-from-id",
    default=None,
    metavar="SEP",
    help="Read the unit from the case id, before SEP (e.g. '-' for '甲区-2019').",
)
@click.option(
    "--clusters", required=True, metavar="COLUMN", help="Column naming the cluster (e.g. year)."
)
@click.option("--necessity", is_flag=True, help="Diagnose EXPR as a necessary condition.")
@_plot_option
@output_options
def cluster_command(
    book: str,
    expression: str,
    sheet: str | None,
    outcome: str | None,
    units: str | None,
    units_from_id: str | None,
    clusters: str,
    necessity: bool,
    plot_path: str | None,
    out: Output,
) -> None:
    """Cluster diagnostics of EXPR (a solution) for panel or clustered data: pooled,
    between-cluster and within-unit consistency and coverage of each term and of the
    solution, with Garcia-Castro & Ariño's distances dBP and dWP.

    \b
    Example:
        qca cluster cases/digital_government_panel.xlsx "PM*CA*PF" --units-from-id - --clusters year
    """
    from qca.cluster import cluster, cluster_plot

    if (units is None) == (units_from_id is None):
        raise click.UsageError(
            "Give the units with --units COLUMN or --units-from-id SEP (one of them)."
        )
    _check(out, book, plot_path)
    inp = source_of(book, sheet)
    target = analysis_of(inp, outcome=outcome).outcome
    data = inp.data.copy()
    if clusters not in data.columns and clusters in inp.raw.columns:
        data[clusters] = inp.raw[clusters]
    unit_labels: Any = units
    if units_from_id is not None:
        unit_labels = [str(c).split(units_from_id)[0] for c in data.index]
    elif units is not None and units not in data.columns and units in inp.raw.columns:
        data[units] = inp.raw[units]
    result = cluster(
        data,
        expression,
        target,
        units=unit_labels,
        clusters=clusters,
        relation="necessity" if necessity else "sufficiency",
    )
    tables = [
        rep.Table("cluster", f"Cluster diagnostics of {expression} for {target}", result.summary),
        rep.Table("cluster between", "Between clusters", result.between.reset_index(level=0)),
        rep.Table("cluster within", "Within units", result.within.reset_index(level=0)),
    ]
    if plot_path:
        save_plot(plot_path, [book], lambda: cluster_plot(result))
    options = {"expression": expression, "outcome": target, "clusters": clusters}
    out.emit(book, "Cluster diagnostics", tables=tables, payload=result.to_dict(), options=options)


# --------------------------------------------------------------------------------------
# qca theory


@_command("theory", short_help="Theory evaluation: a theory against a solution.")
@_book_argument
@click.argument("theory", metavar="THEORY")
@click.argument("solution", metavar="SOLUTION")
@_sheet_option
@_outcome_option()
@output_options
def theory_command(
    book: str, theory: str, solution: str, sheet: str | None, outcome: str | None, out: Output
) -> None:
    """Theory evaluation: the intersections T*S, ~T*S, T*~S, ~T*~S of THEORY and
    SOLUTION, their fit for the outcome, and the cases in each with and without it.

    \b
    Example:
        qca theory cases/digital_government.xlsx "PM*CA*PF" "PM*CA*PF + PM*CA*TI"
    """
    from qca.theory import theory_evaluation

    out.check(book)
    inp = source_of(book, sheet)
    target = analysis_of(inp, outcome=outcome).outcome
    ev = theory_evaluation(inp.data, theory, solution, target)
    inter = pd.DataFrame({"expression": pd.Series(ev.intersections)})
    inter.index.name = "intersection"
    cases = ev.cases.reset_index()
    cases.index = [
        f"{i} / {o}" for i, o in zip(cases["intersection"], cases["outcome"], strict=True)
    ]
    cases = cases.drop(columns=["intersection", "outcome"])
    cases.index.name = "cell"
    fit = ev.fit.copy()
    fit.index.name = "set"
    tables = [
        rep.Table("theory", f"Theory {ev.theory} and solution {ev.solution}", inter),
        rep.Table("theory fit", f"Fit for {target}", fit),
        rep.Table("theory cases", "Cases (membership > 0.5)", cases),
    ]
    options = {"theory": theory, "solution": solution, "outcome": target}
    out.emit(book, "Theory evaluation", tables=tables, payload=ev.to_dict(), options=options)


# --------------------------------------------------------------------------------------
# qca cases


@_command("cases", short_help="Typical, deviant and irrelevant cases for process tracing.")
@_book_argument
@click.argument("solution", metavar="SOLUTION")
@_sheet_option
@_outcome_option()
@click.option(
    "--conditions",
    default=None,
    metavar="A,B",
    help="Conditions of the truth table (default: the analysis sheet).",
)
@_count_option("--max-pairs", 3, "Matched pairs shown per term, focal conjunct or truth-table row.")
@output_options
def cases_command(
    book: str,
    solution: str,
    sheet: str | None,
    outcome: str | None,
    conditions: str | None,
    max_pairs: int,
    out: Output,
) -> None:
    """Case selection after Schneider & Rohlfing: typical, deviant consistency, deviant
    coverage and individually irrelevant cases of each term of SOLUTION, ranked, and
    the best matched pairs for comparative process tracing.

    \b
    Example:
        qca cases cases/digital_government.xlsx "PM*CA*PF + PM*CA*TI"
    """
    from qca.case_selection import PAIR_KINDS, case_selection

    out.check(book)
    inp = source_of(book, sheet)
    settings = inp.settings
    target = analysis_of(inp, outcome=outcome).outcome
    names = _names(conditions, settings) if (conditions or settings.get("conditions")) else None
    picks = case_selection(inp.data, solution, target, names)

    def flat(frame: pd.DataFrame, label: str) -> pd.DataFrame:
        frame = frame.reset_index()
        frame.index = range(1, len(frame) + 1)
        frame.index.name = label
        return frame

    tables = [
        rep.Table("typical", "Typical cases (ranked within each term)", flat(picks.typical, "#")),
        rep.Table(
            "deviant consistency",
            "Deviant cases in consistency",
            flat(picks.deviant_consistency, "#"),
        ),
        rep.Table(
            "deviant coverage", "Deviant cases in coverage", flat(picks.deviant_coverage, "#")
        ),
        rep.Table("irrelevant", "Individually irrelevant cases", flat(picks.irrelevant, "#")),
    ]
    for kind in PAIR_KINDS:
        pairs = picks.matched_pairs(kind, max_pairs=max_pairs)
        if len(pairs):
            tables.append(
                rep.Table(
                    f"pairs {kind[:20]}",
                    f"Matched pairs: {kind}",
                    flat(pairs.drop(columns=["group"]), "#"),
                )
            )
    options = {"solution": solution, "outcome": target}
    out.emit(book, "Case selection", tables=tables, payload=picks.to_dict(), options=options)


# --------------------------------------------------------------------------------------
# qca ranges


@_command("ranges", short_help="Ranges of incl_cut, n_cut and anchors that keep the solution.")
@_book_argument
@click.option(
    "--sets",
    default=None,
    metavar="A,B",
    help="Calibrated sets whose anchors are searched (default: all).",
)
@click.option("--include", default=None, help="'?' searches for the parsimonious solution.")
@_max_models_option
@_count_option("--max-runs", 20, "Steps tried in each direction.")
@click.option("--incl-step", default=0.01, show_default=True, type=float, help="Step of incl_cut.")
@click.option(
    "--anchor-step",
    default=0.01,
    show_default=True,
    type=float,
    help="Step of each anchor, as a fraction of its exclusion-inclusion distance.",
)
@output_options
def ranges_command(
    book: str,
    sets: str | None,
    include: str | None,
    max_models: str | None,
    max_runs: int,
    incl_step: float,
    anchor_step: float,
    out: Output,
) -> None:
    """Range robustness (Oana & Schneider 2024): for incl_cut, n_cut and each
    calibration anchor, the range over which the solution stays the same.

    \b
    Example:
        qca ranges cases/digital_government.xlsx --sets PF --max-runs 5
    """
    from qca.range_robustness import robustness_ranges

    cap = _parse_int(max_models, "--max-models")
    out.check(book)
    inp = source_of(book, None)
    chosen = split_list(sets) if sets else None
    analysis = analysis_of(inp, include=include, max_models=cap)
    result = robustness_ranges(
        analysis,
        sets=chosen,
        max_runs=max_runs,
        incl_step=incl_step,
        anchor_step=anchor_step,
    )
    frame = result.ranges.copy()
    frame.index.name = "parameter"
    tables = [rep.Table("ranges", f"Ranges that keep {result.solution}", frame)]
    payload = {"solution": result.solution, "ranges": rep.frame_records(frame, "parameter")}
    options = {
        "max_runs": max_runs,
        "incl_step": incl_step,
        "anchor_step": anchor_step,
        "max_models": analysis.max_models,
    }
    out.emit(book, "Robustness ranges", tables=tables, payload=payload, options=options)
