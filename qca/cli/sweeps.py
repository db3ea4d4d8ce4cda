"""Command-line commands of the sweep engine (issue 16): ``qca simulate``.

They register on the ``qca`` group of :mod:`qca.cli._app` and use its shared options and
error guard; ``--workers``, ``--scheduler`` and ``--record`` are the options every sweep
command shares (also on ``qca robustness`` and, without ``--record``, ``qca nca``).
"""

from __future__ import annotations

from typing import Any

import click
import pandas as pd

from qca import report as rep
from qca.cli._app import _command, _count_option, _fraction_option, _parse_numbers, _sweep_options
from qca.cli._output import print_options, show

__all__: list[str] = []


def _sizes(text: str, option: str) -> list[int]:
    values = _parse_numbers(text, option, integer=True) or []
    if not values:
        raise click.BadParameter(f"give at least one number, e.g. '10,20,40'; got '{text}'.",
                                 param_hint=option)
    return [int(v) for v in values]


def _cells(sim: Any) -> pd.DataFrame:
    """share (low-high) per cases x conditions, as Marx & Dusa tabulate it."""
    table = sim.table
    text = table.apply(
        lambda r: f"{r['share']:.3f} ({r['ci_low']:.3f}-{r['ci_high']:.3f})", axis=1
    )
    grid = text.unstack("conditions")
    grid.columns = [f"{k} conditions" for k in grid.columns]
    grid.index.name = "cases"
    return grid


@_command("simulate", short_help="How often random data yield a solution (Marx & Dusa).")
@click.option(
    "--cases", required=True, metavar="N,M,...", help="Numbers of cases, e.g. '10,20,40'."
)
@click.option(
    "--conditions", required=True, metavar="K,L,...", help="Numbers of conditions, e.g. '3,4,5'."
)
@click.option(
    "--kind",
    type=click.Choice(["crisp", "fuzzy"]),
    default="crisp",
    show_default=True,
    help="crisp: memberships 0/1 with probability 1/2; fuzzy: uniform on [0, 1].",
)
@_count_option("--replications", 1000, "Random data sets per design.")
@_fraction_option("--incl-cut", 0.8, "Truth-table consistency cut-off.")
@_count_option("--n-cut", 1, "Cases a row needs to enter the minimization.")
@click.option(
    "--include", type=click.Choice(["", "?"]), default="", show_default=True,
    help="'' conservative, '?' parsimonious solution.",
)
@_fraction_option("--sol-cons", 0.8, "Consistency (inclS) a model must reach.")
@_fraction_option("--sol-cov", 0.0, "Coverage (covS) a model must reach.")
@click.option(
    "--level", default=0.95, show_default=True, type=click.FloatRange(0, 1, min_open=True, max_open=True),
    help="Confidence level of the Wilson intervals.",
)
@click.option(
    "--seed", default=None, type=click.IntRange(min=0),
    help="Root seed (default: fresh entropy, printed with the result).",
)
@_sweep_options
@print_options
def simulate_command(
    cases: str,
    conditions: str,
    kind: str,
    replications: int,
    incl_cut: float,
    n_cut: int,
    include: str,
    sol_cons: float,
    sol_cov: float,
    level: float,
    seed: int | None,
    workers: int | None,
    scheduler: str | None,
    record: str | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """Simulation study after Marx & Dusa (2011): for every number of cases and of
    conditions, the share of random data sets whose truth table and minimization give a
    model with inclS >= --sol-cons and covS >= --sol-cov, with its Wilson interval; for
    crisp data also the share with a contradictory configuration. Replications run on
    --workers local processes or a Dask --scheduler, and --record makes a long study
    resumable.

    \b
    Example:
        qca simulate --cases 10,20 --conditions 3,4 --replications 50 --seed 1
        qca simulate --cases 20 --conditions 4 --kind fuzzy --replications 50 --sol-cov 0.5 --json
        qca simulate --cases 10 --conditions 3 --replications 50 --workers 2 --record sim.jsonl
    """
    from qca.simulate import simulate

    sim = simulate(
        _sizes(cases, "--cases"),
        _sizes(conditions, "--conditions"),
        kind=kind,
        replications=replications,
        incl_cut=incl_cut,
        n_cut=n_cut,
        include=include,
        sol_cons=sol_cons,
        sol_cov=sol_cov,
        level=level,
        seed=seed,
        workers=workers,
        scheduler=scheduler,
        output=record,
        progress=False if (quiet or as_json) else None,
    )
    if as_json:
        click.echo(rep.dumps(sim.to_dict()))
        return
    lines = [
        f"Simulation: {kind} random data, {replications} data sets per design, seed {sim.seed}",
        f"A data set yields a solution when a model has inclS >= {sol_cons:g} and covS >= "
        f"{sol_cov:g} (truth table incl_cut {incl_cut:g}, n_cut {n_cut}, "
        f"{'parsimonious' if include else 'conservative'} solution).",
        "",
        f"Share of data sets with a solution ({level:.0%} Wilson interval)",
        rep.format_table(_cells(sim)),
    ]
    if kind == "crisp":
        contradictions = sim.pivot("contradictions").map(lambda v: f"{v:.3f}")
        contradictions.columns = [f"{k} conditions" for k in contradictions.columns]
        lines += ["", "Share of data sets with a contradictory configuration",
                  rep.format_table(contradictions)]
    show("\n".join(lines), quiet)
