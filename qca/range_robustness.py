"""Range robustness (Oana & Schneider 2024; SetMethods ``rob.inclrange``, ``rob.ncutrange``,
``rob.calibrange``) and the robust-case parameters of test solutions.

:func:`robustness_ranges` moves one choice at a time -- the inclusion cut, the case
(frequency) cut, each calibration anchor of each set -- in small steps up and down from
its initial value and reports the range over which the solution stays the same (every
model, term for term). Each step is one small independent task (a pure function of the
step), run in order through :func:`qca.sweep.run_sweep` and stopped at the first step
that changes the solution.

:func:`robust_cases` compares an initial solution IS with user-chosen test solutions
TS_1..TS_m (e.g. those at the ends of the plausible ranges): with TS_min and TS_max the
per-case minimum and maximum over the test solutions, cases with membership above 0.5
fall into robust (IS*TS_min), shaky (IS*~TS_min), possible (~IS*TS_max) and extreme or
irrelevant (~IS*~TS_max) cells, each split by the outcome; then

- ``RCR_typ`` = robust typical / (robust typical + shaky typical + possible typical);
- ``RCR_dev`` = the same for deviant (Y < 0.5) cases;
- ``RCC_rank`` = 1 when no case is shaky or possible, 2 when only possible cases exist,
  3 when only shaky ones, 4 when both.

>>> import pandas as pd, qca
>>> data = pd.DataFrame(
...     {
...         "A": [0.9, 0.8, 0.3, 0.7, 0.2],
...         "B": [0.8, 0.4, 0.9, 0.6, 0.1],
...         "Y": [0.9, 0.7, 0.8, 0.3, 0.2],
...     },
...     index=list("abcde"),
... )
>>> rc = qca.robust_cases(data, "A", ["A*B", "A + B"], "Y")
>>> rc.parameters
{'RCR_typ': 0.3333333333333333, 'RCR_dev': 1.0, 'RCC_rank': 4}
"""

from __future__ import annotations

import inspect
import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from qca._validation import check_cases, check_int, check_keywords
from qca.exceptions import ExpressionError, InvalidParameterError, QCAError, QCAWarning
from qca.expr import membership, parse_for_data

__all__ = [
    "RobustnessRanges",
    "robustness_ranges",
    "RobustCases",
    "robust_cases",
    "robust_xy_plot",
]

_WHERE = "robustness_ranges"


# --------------------------------------------------------------------------- ranges
def _range_task(ctx: Any, spec: Any, rng: Any) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """One step of a range search: (status, models). Pure, so it can run anywhere."""
    from qca._robustness_runs import _run

    result = _run(ctx, spec)
    return result.status, result.models


def _solution_text(models: tuple[tuple[str, ...], ...]) -> str:
    from qca._robustness_runs import models_text

    if not models:
        return "(no solution)"
    return models_text(models)


@dataclass(frozen=True, eq=False)
class RobustnessRanges:
    """Result of :func:`qca.robustness_ranges`.

    Attributes
    ----------
    solution : str
        The initial solution (models separated by ``" | "``).
    ranges : DataFrame
        One row per parameter searched (``incl_cut``, ``n_cut``, ``"<set> <anchor>"``):
        ``initial``, ``lower`` and ``upper`` (the last values, stepping down and up, that
        still give the initial solution), ``lower_stop``/``upper_stop`` (why the search
        stopped: ``"changed"``, ``"bound"``, ``"max_runs"`` or ``"invalid calibration"``),
        ``lower_solution``/``upper_solution`` (the solution one step beyond, when it
        changed), ``step`` and ``runs``.
    """

    solution: str
    ranges: pd.DataFrame

    def __repr__(self) -> str:
        parts = [
            f"{name} [{row['lower']:.6g}, {row['upper']:.6g}]"
            for name, row in self.ranges.iterrows()
        ]
        return f"RobustnessRanges({self.solution}; " + "; ".join(parts) + ")"


def _search(
    ctx: Any,
    make_spec: Any,
    initial: float,
    step: float,
    low: float,
    high: float,
    max_runs: int,
    models: Any,
    workers: int | None,
    scheduler: Any = None,
) -> dict[str, Any]:
    from qca.sweep import run_sweep

    row: dict[str, Any] = {"initial": initial, "step": step, "runs": 0}
    for side, sign in (("lower", -1), ("upper", 1)):
        values = []
        for k in range(1, max_runs + 1):
            value = initial + sign * k * step
            if value < low - 1e-12 or value > high + 1e-12:
                break
            values.append(round(value, 12))
        last, stop, beyond = initial, "max_runs" if len(values) == max_runs else "bound", ""
        results = run_sweep(
            _range_task,
            [make_spec(v) for v in values],
            context=ctx,
            workers=workers if scheduler is None else None,
            scheduler=scheduler,
            where=_WHERE,
            label=f"range {side}",
        )
        for value, (status, found) in zip(values, results, strict=False):
            row["runs"] += 1
            if status.startswith("invalid calibration"):
                stop = "invalid calibration"
                break
            if found != models:
                stop, beyond = "changed", _solution_text(found)
                break
            last = value
        row[side], row[f"{side}_stop"], row[f"{side}_solution"] = last, stop, beyond
    return row


def robustness_ranges(
    data_or_workbook: Any,
    outcome: str | None = None,
    conditions: Sequence[str] | str | None = None,
    *,
    anchors: Mapping[str, Any] | None = None,
    incl_step: float = 0.01,
    anchor_step: float = 0.01,
    max_runs: int = 20,
    sets: Sequence[str] | None = None,
    workers: int | None = 1,
    scheduler: Any = None,
    **minimize_options: Any,
) -> RobustnessRanges:
    """Ranges of the inclusion cut, the case cut and each anchor that keep the solution.

    Parameters
    ----------
    data_or_workbook : Workbook, str, Path or DataFrame
        As for :func:`qca.robustness`: a workbook (raw data, calibration and analysis
        sheets) or raw data with ``anchors``.
    outcome, conditions : optional
        Default the workbook's.
    anchors : mapping, optional
        ``{set: (source column, thresholds)}``, as for :func:`qca.robustness`.
    incl_step : float, default=0.01
        Step of the inclusion cut (searched within [0.5, 1]).
    anchor_step : float, default=0.01
        Step of each anchor, as a fraction of the distance between the set's exclusion
        and inclusion anchors.
    max_runs : int, default=20
        Steps tried in each direction at most.
    sets : list of str, optional
        Calibrated sets whose anchors are searched; default every set the codebook or
        ``anchors`` calibrate with direct anchors.
    workers : int or None, default=1
        Passed to :func:`qca.sweep.run_sweep` (None: start serially, spread out when it
        pays). Results are the same for any value.
    scheduler : str or distributed.Client, optional
        Run the steps on a Dask cluster instead (``workers`` is then unused). Same ranges.
    **minimize_options
        ``incl_cut``, ``n_cut``, ``pri_cut`` of the initial analysis and the options of
        :func:`qca.minimize` (``include``, ``dir_exp``...), used in every run.

    Returns
    -------
    RobustnessRanges

    Notes
    -----
    The inclusion cut must be a single number (not an ``(incl1, incl0)`` pair). The case
    cut is searched over integers from 1 upward. An anchor step that makes the anchors
    illegal (an anchor passes its neighbour) stops that direction ("invalid calibration").

    References
    ----------
    Oana, I.-E., & Schneider, C. Q. (2024). A robustness test protocol for applied QCA.
    *Sociological Methods & Research* 53(1), 57-88. R package ``SetMethods``.

    Examples
    --------
    >>> import qca
    >>> ranges = qca.robustness_ranges(
    ...     "cases/digital_government.xlsx",
    ...     sets=["PF"],
    ...     max_runs=4,
    ...     incl_step=0.025,
    ...     anchor_step=0.025,
    ... )
    >>> ranges.ranges[["initial", "lower", "upper", "lower_stop", "upper_stop"]]
              initial  lower  upper lower_stop upper_stop
    incl_cut      0.8    0.7  0.875   max_runs    changed
    n_cut         1.0    1.0  2.000      bound    changed
    PF e          0.0   -0.3  0.300   max_runs   max_runs
    PF c          1.5    1.2  1.800   max_runs   max_runs
    PF i          3.0    2.7  3.300   max_runs   max_runs
    >>> ranges.ranges.loc["incl_cut", "upper_solution"]
    'PM*CA*PF*~TI'
    """
    from qca._robustness_runs import _analyse, _Context, _outcome_set, _Spec
    from qca.minimize import minimize
    from qca.robustness import _TT_KEYS, _inputs

    if (
        not isinstance(incl_step, (int, float))
        or isinstance(incl_step, bool)
        or not 0 < incl_step < 0.5
    ):
        raise InvalidParameterError(
            f"The 'incl_step' parameter of robustness_ranges must be a number in (0, 0.5). Got {incl_step!r} instead."
        )
    if (
        not isinstance(anchor_step, (int, float))
        or isinstance(anchor_step, bool)
        or not 0 < anchor_step < 1
    ):
        raise InvalidParameterError(
            f"The 'anchor_step' parameter of robustness_ranges must be a number in (0, 1). Got {anchor_step!r} instead."
        )
    max_runs = check_int(max_runs, "max_runs", _WHERE, minimum=1)
    own = [p for p in inspect.signature(minimize).parameters if p not in ("tt", "tt_options")]
    check_keywords(minimize_options, [*_TT_KEYS, *own], _WHERE)
    # the one resolved analysis (options given > the workbook's sheet > defaults), as robustness
    spec, raw, recipes, extra = _inputs(
        data_or_workbook, outcome, conditions, anchors, dict(minimize_options)
    )
    base, outcome_name, names = spec.data, spec.outcome, list(spec.conditions)
    tt_options = spec.truth_table_options()
    min_options = {**spec.minimize_options(), **extra}
    incl = tt_options.get("incl_cut", 1.0)
    if isinstance(incl, (tuple, list)):
        raise InvalidParameterError(
            "robustness_ranges searches a single inclusion cut: the 'incl_cut' parameter must "
            f"be a number, not a pair. Got {incl!r} instead."
        )
    distances = {}
    for recipe in recipes:
        dist = recipe.distances(raw)
        if dist is not None and recipe.set in (*names, _outcome_set(outcome_name)):
            distances[recipe.set] = dist
    if sets is not None:
        unknown = [s for s in sets if s not in distances]
        if unknown:
            raise InvalidParameterError(
                f"The 'sets' parameter of robustness_ranges names {unknown[0]!r}, which is not "
                f"a set calibrated with direct anchors here: expected some of {', '.join(distances) or 'none'}."
            )
    ctx = _Context(
        raw=raw,
        base=base,
        recipes=tuple(recipes),
        outcome=outcome_name,
        conditions=tuple(names),
        tt_options=tuple(tt_options.items()),
        min_options=tuple(min_options.items()),
        distances=tuple(distances.items()),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)
        try:
            models = _analyse(ctx, base, tt_options)
        except InvalidParameterError:
            raise
        except QCAError as exc:
            raise QCAError(
                f"robustness_ranges: the initial analysis has no solution: {exc}"
            ) from exc
        rows: dict[str, dict[str, Any]] = {}
        rows["incl_cut"] = _search(
            ctx,
            lambda v: _Spec("incl_cut", incl_cut=float(v)),
            float(incl),
            float(incl_step),
            0.5,
            1.0,
            max_runs,
            models,
            workers,
            scheduler,
        )
        n0 = int(tt_options.get("n_cut", 1))
        rows["n_cut"] = _search(
            ctx,
            lambda v: _Spec("n_cut", n_cut=int(round(v))),
            float(n0),
            1.0,
            1.0,
            float(len(base)),
            max_runs,
            models,
            workers,
            scheduler,
        )
        for recipe in recipes:
            if recipe.set not in distances or (sets is not None and recipe.set not in sets):
                continue
            dist = distances[recipe.set]
            for k, anchor in enumerate(recipe.anchor_names()):
                value0, unit = recipe.values[k], dist[k]

                def spec(
                    v: float,
                    s: str = recipe.set,
                    a: str = anchor,
                    v0: float = value0,
                    u: float = unit,
                ) -> Any:
                    return _Spec("anchor", set=s, anchor=a, shift=(v - v0) / u)

                rows[f"{recipe.set} {anchor}"] = _search(
                    ctx,
                    spec,
                    float(value0),
                    float(anchor_step * unit),
                    -math.inf,
                    math.inf,
                    max_runs,
                    models,
                    workers,
                    scheduler,
                )
    columns = [
        "initial",
        "lower",
        "upper",
        "lower_stop",
        "upper_stop",
        "lower_solution",
        "upper_solution",
        "step",
        "runs",
    ]
    ranges = pd.DataFrame.from_dict(rows, orient="index")[columns]
    return RobustnessRanges(_solution_text(models), ranges)


# --------------------------------------------------------------------------- test solutions
CELLS = {
    ("IS*TSmin", "Y"): "robust typical",
    ("IS*TSmin", "~Y"): "robust deviant",
    ("IS*~TSmin", "Y"): "shaky typical",
    ("IS*~TSmin", "~Y"): "shaky deviant",
    ("~IS*TSmax", "Y"): "possible typical",
    ("~IS*TSmax", "~Y"): "possible deviant",
    ("~IS*~TSmax", "Y"): "extreme deviant coverage",
    ("~IS*~TSmax", "~Y"): "irrelevant",
}


@dataclass(frozen=True, eq=False)
class RobustCases:
    """Result of :func:`qca.robust_cases`.

    Attributes
    ----------
    parameters : dict
        ``RCR_typ``, ``RCR_dev`` (NaN when their denominators are 0) and ``RCC_rank``.
    memberships : DataFrame
        Per case: ``IS``, ``TS_min``, ``TS_max``, the four intersections and the outcome.
    cases : DataFrame
        Indexed by (intersection, ``"Y"``/``"~Y"``): ``label``, ``cases``, ``n``.
    """

    parameters: dict[str, Any]
    memberships: pd.DataFrame
    cases: pd.DataFrame
    outcome: str

    def __repr__(self) -> str:
        p = self.parameters
        return (
            f"RobustCases(RCR_typ={p['RCR_typ']:.3f}, RCR_dev={p['RCR_dev']:.3f}, "
            f"RCC_rank={p['RCC_rank']})"
        )


def _solution_membership(data: pd.DataFrame, solution: Any, name: str) -> pd.Series:
    if hasattr(solution, "models") and not isinstance(solution, str):
        solution = solution.models[0] if solution.models else ""
    if hasattr(solution, "terms") and not isinstance(solution, str):
        solution = " + ".join(solution.terms)
    if not isinstance(solution, str) or not solution.strip():
        raise InvalidParameterError(
            f"The '{name}' parameter of robust_cases must hold expressions or models. "
            f"Got {solution!r} instead."
        )
    columns = [str(c) for c in data.columns]
    from qca.cluster import _check_sets

    try:
        parsed = parse_for_data(solution, columns)
    except ExpressionError as exc:
        raise ExpressionError(
            f"The {name} {solution!r} of robust_cases: {exc}", getattr(exc, "position", None)
        ) from exc
    unknown = [n for n in parsed.names if n not in columns]
    if unknown:
        raise ExpressionError(
            f"The {name} {solution!r} of robust_cases names the set {unknown[0]!r}, which the "
            f"data do not have: expected set names among {', '.join(columns)}."
        )
    _check_sets(data, [parsed.format(columns)], "robust_cases")
    return membership(data, parsed).astype(float)


def robust_cases(
    data: pd.DataFrame, initial: Any, tests: Sequence[Any], outcome: str
) -> RobustCases:
    """Robust, shaky and possible cases of an initial solution against test solutions.

    Parameters
    ----------
    data : DataFrame
        Set memberships (of the initial calibration).
    initial : str or Model
        The initial solution IS.
    tests : list of str or Model
        The test solutions TS_1..TS_m.
    outcome : str
        Outcome set, possibly negated.

    Returns
    -------
    RobustCases

    Examples
    --------
    >>> import qca
    >>> data = qca.read_workbook("cases/digital_government.xlsx").calibrated()
    >>> rc = qca.robust_cases(data, "PM*CA*PF", ["PM*CA*PF*TI", "PM*PF"], "OC")
    >>> rc.parameters
    {'RCR_typ': 0.6666666666666666, 'RCR_dev': nan, 'RCC_rank': 3}
    >>> rc.cases.loc[("IS*~TSmin", "Y"), "cases"]
    ['E区-2020', 'F区-2021']
    """
    data = check_cases(data, "data", "robust_cases")
    if isinstance(tests, (str, bytes)) or not isinstance(tests, Sequence) or not tests:
        raise InvalidParameterError(
            "The 'tests' parameter of robust_cases must be a non-empty list of test solutions "
            f"(expressions or models). Got {tests!r} instead."
        )
    if not isinstance(outcome, str) or not outcome.strip():
        raise InvalidParameterError(
            f"The 'outcome' parameter of robust_cases must be a set name. Got {outcome!r} instead."
        )
    s1 = _solution_membership(data, initial, "initial")
    ts = np.vstack([_solution_membership(data, t, "tests").to_numpy() for t in tests])
    smin = pd.Series(ts.min(axis=0), index=data.index)
    smax = pd.Series(ts.max(axis=0), index=data.index)
    y = membership(data, outcome).astype(float)
    frame = pd.DataFrame(
        {
            "IS": s1,
            "TS_min": smin,
            "TS_max": smax,
            "IS*TSmin": np.minimum(s1, smin),
            "IS*~TSmin": np.minimum(s1, 1 - smin),
            "~IS*TSmax": np.minimum(1 - s1, smax),
            "~IS*~TSmax": np.minimum(1 - s1, 1 - smax),
        }
    )
    frame[outcome] = y
    rows, count = [], {}
    for (inter, side), label in CELLS.items():
        inside = (frame[inter] > 0.5) & ((y > 0.5) if side == "Y" else (y < 0.5))
        cases = [str(c) for c in data.index[inside.to_numpy()]]
        count[(inter, side)] = len(cases)
        rows.append(
            {
                "intersection": inter,
                "outcome": side,
                "label": label,
                "cases": cases,
                "n": len(cases),
            }
        )

    def ratio(side: str) -> float:
        robust = count[("IS*TSmin", side)]
        total = robust + count[("IS*~TSmin", side)] + count[("~IS*TSmax", side)]
        return robust / total if total else math.nan

    shaky = int((frame["IS*~TSmin"] > 0.5).sum())
    possible = int((frame["~IS*TSmax"] > 0.5).sum())
    rank = 1 if not shaky and not possible else 2 if not shaky else 3 if not possible else 4
    parameters = {"RCR_typ": ratio("Y"), "RCR_dev": ratio("~Y"), "RCC_rank": rank}
    cases = pd.DataFrame(rows).set_index(["intersection", "outcome"])
    return RobustCases(parameters, frame, cases, outcome)


def robust_xy_plot(result: RobustCases, *, ax: Any = None, labels: bool = True) -> Any:
    """Robustness XY plot: each case's membership in IS against TS_min.

    Cases above 0.5 on both axes are robust, those in IS but not in TS_min shaky;
    filled markers are cases in the outcome (Y > 0.5), open ones cases out of it.

    Examples
    --------
    >>> import qca
    >>> data = qca.read_workbook("cases/digital_government.xlsx").calibrated()
    >>> ax = qca.robust_xy_plot(qca.robust_cases(data, "PM*CA*PF", ["PM*PF"], "OC"))
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('IS (initial solution)', 'TS_min (minimum of the test solutions)')
    """
    from qca._validation import check_axes
    from qca.plot import _finish, _new_axes

    if not isinstance(result, RobustCases):
        raise InvalidParameterError(
            "The 'result' parameter of robust_xy_plot must be the result of qca.robust_cases. "
            f"Got {type(result).__name__} instead."
        )
    check_axes(ax, "ax", "robust_xy_plot")
    ax, created = _new_axes(ax, (6, 6))
    m = result.memberships
    y = m[result.outcome]
    inside = y > 0.5
    ax.scatter(
        m.loc[inside, "IS"],
        m.loc[inside, "TS_min"],
        color="tab:blue",
        label=f"{result.outcome} > 0.5",
        zorder=3,
    )
    ax.scatter(
        m.loc[~inside, "IS"],
        m.loc[~inside, "TS_min"],
        facecolors="none",
        edgecolors="tab:red",
        label=f"{result.outcome} < 0.5",
        zorder=3,
    )
    ax.axhline(0.5, linestyle="--", color="0.6")
    ax.axvline(0.5, linestyle="--", color="0.6")
    ax.plot([0, 1], [0, 1], color="0.85", linewidth=0.8)
    for text, (xx, yy) in {
        "robust": (0.97, 0.97),
        "shaky": (0.97, 0.03),
        "possible": (0.03, 0.97),
        "outside": (0.03, 0.03),
    }.items():
        ax.text(
            xx,
            yy,
            text,
            ha="right" if xx > 0.5 else "left",
            va="top" if yy > 0.5 else "bottom",
            fontsize=8,
            color="0.4",
        )
    if labels:
        for case, row in m.iterrows():
            ax.annotate(
                str(case),
                (row["IS"], row["TS_min"]),
                textcoords="offset points",
                xytext=(3, 3),
                fontsize=7,
            )
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("IS (initial solution)")
    ax.set_ylabel("TS_min (minimum of the test solutions)")
    p = result.parameters
    ax.set_title(
        f"RCR_typ = {p['RCR_typ']:.3f}, RCR_dev = {p['RCR_dev']:.3f}, RCC_rank = {p['RCC_rank']}"
    )
    ax.legend(loc="center left", fontsize=8)
    return _finish(ax, created)
