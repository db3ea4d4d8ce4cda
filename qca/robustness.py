"""Robustness of a QCA solution to calibration, cut-off and case choices.

:func:`robustness` re-runs an analysis (calibrate -> truth table -> minimize) over a
grid of plausible alternatives -- each calibration anchor moved one at a time, other
``incl_cut`` and ``n_cut`` values, optionally each case dropped in turn -- and compares
every alternative ("test") solution with the initial one, following Oana & Schneider
(2024): the robust core, the robustness parameters of fit (RF_cons, RF_cov, RF_SC) and
each case's typical/deviant status.

>>> import pandas as pd, qca
>>> raw = pd.DataFrame(
...     {"X": [1, 3, 5, 7, 9, 8, 2, 6], "Z": [2, 8, 3, 9, 7, 1, 9, 3],
...      "Y": [0.1, 0.2, 0.3, 0.9, 1.0, 0.8, 0.3, 0.7]},
...     index=list("abcdefgh"),
... )
>>> rob = qca.robustness(raw, "Y", ["A", "B"], incl_cut=0.8, include="?",
...                      anchors={"A": ("X", "e=2, c=5.5, i=8"), "B": ("Z", "e=2, c=5, i=8")})
>>> rob
Robustness(Y, parsimonious solution: IS = A; 24/24 valid runs; RF_cons=0.973, RF_cov=0.920, RF_SC_minTS=0.895, RF_SC_maxTS=0.910; survival: A 100%)
"""

from __future__ import annotations

import inspect
import math
import os
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from qca._robustness_runs import (
    _analyse,
    _Context,
    _execute,
    _json,
    _outcome_set,
    _Recipe,
    _recipe_from_anchor,
    _recipe_from_codebook,
    _Result,
    _solution_membership,
    _Spec,
    models_text,
)
from qca._validation import check_fraction, check_int, check_keywords, check_names
from qca.exceptions import (
    DataError,
    InvalidParameterError,
    QCAWarning,
)
from qca.expr import membership
from qca.fit import inclusion, set_coincidence
from qca.minimize import minimize
from qca.sweep import check_workers

__all__ = ["Robustness", "robustness", "DEFAULT_SHIFTS", "case_status"]

#: Default anchor moves, as fractions of the distance between the exclusion and
#: inclusion anchors (Oana & Schneider 2024 suggest "plausible" ranges of this size).
DEFAULT_SHIFTS = (-0.10, -0.05, 0.05, 0.10)

_TT_KEYS = ("incl_cut", "n_cut", "pri_cut")
_STATUSES = ("typical", "deviant consistency", "deviant coverage", "irrelevant", "ambiguous")
_WHERE = "robustness"


# --------------------------------------------------------------------------- measures
def _incl(x: np.ndarray, y: np.ndarray) -> float:
    return float(inclusion(x, y))


def _ratio(a: float, b: float) -> float:
    return a / b if b and not math.isnan(a) and not math.isnan(b) else math.nan


def case_status(x: Any, y: Any) -> np.ndarray:
    """Schneider & Rohlfing's case types for membership ``x`` in a solution, ``y`` in the outcome.

    typical (x > 0.5, y > 0.5), deviant consistency (x > 0.5, y < 0.5), deviant
    coverage (x < 0.5, y > 0.5), irrelevant (x < 0.5, y < 0.5); a membership of exactly
    0.5 in either set leaves the case ambiguous.

    >>> case_status([0.8, 0.8, 0.2, 0.2, 0.5], [0.9, 0.1, 0.9, 0.1, 0.9]).tolist()
    ['typical', 'deviant consistency', 'deviant coverage', 'irrelevant', 'ambiguous']
    """
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    out = np.full(xs.shape, "ambiguous", dtype=object)
    out[(xs > 0.5) & (ys > 0.5)] = "typical"
    out[(xs > 0.5) & (ys < 0.5)] = "deviant consistency"
    out[(xs < 0.5) & (ys > 0.5)] = "deviant coverage"
    out[(xs < 0.5) & (ys < 0.5)] = "irrelevant"
    return out


# --------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False)
class Robustness:
    """Result of :func:`qca.robustness`.

    Attributes
    ----------
    outcome : str
    conditions : tuple of str
    initial_models : tuple of tuple of str
        The terms of each model of the initial solution (IS is its first model).
    initial_terms : tuple of str
        The terms of the first model of the initial solution.
    runs : DataFrame
        One row per alternative: ``kind`` (``"anchor"``, ``"incl_cut"``, ``"n_cut"``,
        ``"drop_case"``), ``set``, ``anchor``, ``shift``, ``thresholds`` (the moved
        anchors), ``incl_cut``, ``n_cut``, ``dropped`` (case id), ``status`` (``"ok"``,
        ``"no solution: ..."``, ``"invalid calibration: ..."``), ``solution`` (the first
        model), ``models`` (every model, joined by ``" | "``; when they hold more than
        10,000 terms in all, only their number and size), ``inclS`` and ``covS``
        of the first model against the run's own outcome, and ``SC``, its set
        coincidence with the initial solution.
    term_survival : Series
        Share of valid runs in which each term appears in some model; terms of the
        initial solution first.
    core_terms : tuple of str
        Terms present in every model of the initial solution and of every valid run.
    robust_core : Series
        Each case's membership in RC = min(IS, TS_1, ..., TS_m).
    fit : Series
        RF_cons, RF_cov, RF_SC_minTS, RF_SC_maxTS.
    cases : DataFrame
        Per case: ``IS``, ``RC``, ``outcome`` memberships, ``status`` in the initial
        solution, ``kept_runs``, the number of valid runs in which the case has the
        same status, and ``kept``, their share.
    options : dict
        The options of the initial analysis.
    solution_type : str
        The solution type tested (``"conservative"``, ``"parsimonious"`` or
        ``"intermediate"``): the one the options ask for (:attr:`qca.Analysis.solution_type`).
    """

    outcome: str
    conditions: tuple[str, ...]
    initial_models: tuple[tuple[str, ...], ...]
    initial_terms: tuple[str, ...]
    runs: pd.DataFrame
    term_survival: pd.Series
    core_terms: tuple[str, ...]
    robust_core: pd.Series
    fit: pd.Series
    cases: pd.DataFrame
    options: dict[str, Any] = field(default_factory=dict)
    solution_type: str = "conservative"

    @property
    def valid_runs(self) -> int:
        """Number of runs whose calibration was valid (they enter every measure)."""
        return int((~self.runs["status"].str.startswith("invalid")).sum()) if len(self.runs) else 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (NaN as None) with keys ``outcome``, ``conditions``,
        ``solution_type``, ``options``, ``initial_solution``, ``initial_models``, ``n_runs``,
        ``valid_runs``, ``fit``, ``term_survival``, ``core_terms``, ``robust_core``,
        ``cases`` and ``runs``. When the initial models hold more than 10,000 terms in
        all, ``initial_models`` is None and ``initial_models_compact`` gives them with
        each term once (``terms``, ``first``, ``added``, ``removed``, as
        :meth:`qca.Solution.to_dict`)."""
        runs = self.runs.astype(object).where(self.runs.notna(), None)
        return _json(
            {
                "outcome": self.outcome,
                "conditions": list(self.conditions),
                "solution_type": self.solution_type,
                "options": self.options,
                "initial_solution": " + ".join(self.initial_terms),
                **_initial_models(self.initial_models),
                "n_runs": len(self.runs),
                "valid_runs": self.valid_runs,
                "fit": self.fit.to_dict(),
                "term_survival": self.term_survival.to_dict(),
                "core_terms": list(self.core_terms),
                "robust_core": {str(k): v for k, v in self.robust_core.items()},
                "cases": {
                    str(case): {k: row[k] for k in self.cases.columns}
                    for case, row in self.cases.iterrows()
                },
                "runs": runs.to_dict(orient="records"),
            }
        )

    def __repr__(self) -> str:
        fit = ", ".join(f"{k}={v:.3f}" for k, v in self.fit.items())
        terms = ", ".join(f"{t} {s:.0%}" for t, s in self.term_survival.items())
        return (
            f"Robustness({self.outcome}, {self.solution_type} solution: "
            f"IS = {' + '.join(self.initial_terms) or '(empty)'}; "
            f"{self.valid_runs}/{len(self.runs)} valid runs; {fit}; survival: {terms})"
        )


def _initial_models(models: tuple[tuple[str, ...], ...]) -> dict[str, Any]:
    """``initial_models`` as strings; when they hold more than 10,000 terms in all, None
    and ``initial_models_compact`` (each term once, as ``Solution.to_dict``)."""
    from qca.minimize._compact import compact_models

    compact = compact_models(models)
    if compact is None:
        return {"initial_models": [" + ".join(m) for m in models]}
    return {"initial_models": None, "initial_models_compact": compact}


# --------------------------------------------------------------------------- inputs
#: Options of the analysis itself (see :class:`qca.Analysis`), and minimize's own.
_ANALYSIS_KEYS = ("incl_cut", "n_cut", "pri_cut", "include", "dir_exp", "exclude", "row_dom",
                  "all_sol", "esa", "method")
#: minimize's keywords that are no option of an Analysis (pi_cons, sol_cons, explain, ...).
_MINIMIZE_ONLY = tuple(
    p for p in inspect.signature(minimize).parameters
    if p not in ("tt", "tt_options", *_ANALYSIS_KEYS)
)


def _as_robustness(exc: InvalidParameterError) -> InvalidParameterError:
    """An option robustness passes on is named as robustness's."""
    message = re.sub(
        r"(parameter|parameters) of (minimize|truth_table)\b",
        r"\1 of robustness (passed on to \2)",
        str(exc),
    ).replace("parameter of Analysis", "parameter of robustness")
    return InvalidParameterError(message)


def _inputs(
    data_or_workbook: Any, outcome: Any, conditions: Any, anchors: Any, options: dict[str, Any]
) -> tuple[Any, pd.DataFrame, list[_Recipe], dict[str, Any]]:
    """(the analysis, raw data, recipes, minimize's own options).

    A workbook (or its path) becomes a :class:`qca.Analysis` with the options laid over
    its analysis sheet, as everywhere; a DataFrame of raw measures and memberships with
    ``anchors`` gets its calibrated sets first; an Analysis is used as it is.
    """
    from qca.analysis import Analysis

    given = {k: v for k, v in options.items() if k in _ANALYSIS_KEYS}
    extra = {k: v for k, v in options.items() if k in _MINIMIZE_ONLY}
    analysis: Analysis | None = None
    try:
        if isinstance(data_or_workbook, Analysis):
            if outcome is not None or conditions is not None or given:
                raise InvalidParameterError(
                    "The 'data_or_workbook' parameter of robustness is an Analysis, which "
                    "carries its outcome, conditions and options: change them with "
                    f"analysis.replace(...). Got {sorted([*given, *(['outcome'] if outcome else []), *(['conditions'] if conditions else [])])} as well."
                )
            analysis = data_or_workbook
        elif isinstance(data_or_workbook, (str, Path)) or (
            hasattr(data_or_workbook, "cases") and hasattr(data_or_workbook, "calibrated")
        ):
            analysis = Analysis.from_workbook(
                data_or_workbook, outcome=outcome, conditions=conditions, **given
            )
        elif not isinstance(data_or_workbook, pd.DataFrame):
            raise InvalidParameterError(
                "The 'data_or_workbook' parameter of robustness must be a DataFrame, a Workbook, "
                f"an Analysis or the path of a case sheet. Got {type(data_or_workbook).__name__} instead."
            )
    except InvalidParameterError as exc:
        raise _as_robustness(exc) from exc
    if analysis is not None:
        raw = analysis.raw if analysis.raw is not None else analysis.data
        recipes = [
            recipe
            for record in (
                [] if analysis.calibration is None else analysis.calibration.to_dict(orient="records")
            )
            if (recipe := _recipe_from_codebook(record, raw)) is not None
        ]
    else:
        raw, recipes = data_or_workbook, []
    if anchors is not None:
        if not isinstance(anchors, Mapping):
            raise InvalidParameterError(
                "The 'anchors' parameter of robustness must be a mapping from set names to "
                f"(source column, thresholds). Got {type(anchors).__name__} instead."
            )
        moved = {str(k): _recipe_from_anchor(str(k), v, raw) for k, v in anchors.items()}
        recipes = [r for r in recipes if r.set not in moved] + list(moved.values())
    else:
        moved = {}
    for recipe in recipes:
        if recipe.source not in raw.columns:
            raise DataError(
                f"The calibration of set {recipe.set!r} reads column {recipe.source!r}, "
                f"which the case data do not have (columns: {', '.join(map(str, raw.columns))})."
            )
    base = raw.copy()
    if analysis is not None:  # calibrated once, as the workbook says (TFR sets included)
        for column in analysis.data.columns:
            base[column] = analysis.data[column]
    for recipe in recipes:
        if analysis is None or recipe.set in moved:
            base[recipe.set] = recipe.calibrate(raw)
    try:
        if analysis is None:
            if not isinstance(outcome, str) or not outcome.strip():
                raise InvalidParameterError(
                    f"The 'outcome' parameter of robustness must be a set name. Got {outcome!r} instead."
                )
            if conditions is not None:
                conditions = check_names(conditions, "conditions", _WHERE)
            else:
                sets = {r.set for r in recipes}
                sources = {r.source for r in recipes} - sets
                name = _outcome_set(outcome)
                conditions = [str(c) for c in raw.columns if c != name and c not in sources]
                conditions += [r.set for r in recipes if r.set not in conditions and r.set != name]
            _check_condition_columns(list(conditions), base)
            analysis = Analysis(base, outcome, conditions, **given)
        else:
            analysis = analysis.replace(data=base)
    except InvalidParameterError as exc:
        raise _as_robustness(exc) from exc
    return analysis, raw, recipes, extra


def _check_condition_columns(conditions: list[str], base: pd.DataFrame) -> None:
    """Every condition is a column of the data or a set the anchors/codebook calibrate."""
    missing = [c for c in conditions if c not in base.columns]
    if missing:
        raise InvalidParameterError(
            f"The 'conditions' parameter of robustness names {missing}, which are neither "
            "columns of the data nor sets calibrated by the anchors or the codebook "
            f"(columns and sets: {', '.join(map(str, base.columns))})."
        )
    doubled = sorted({c for c in conditions if conditions.count(c) > 1})
    if doubled:
        raise InvalidParameterError(
            f"The 'conditions' parameter of robustness must name each condition once. "
            f"Got {doubled} more than once."
        )


def _grid(
    recipes: Sequence[_Recipe],
    distances: Mapping[str, tuple[float, ...]],
    shifts: Sequence[float],
    incl_cuts: list[Any],
    n_cuts: list[Any],
    drop_cases: bool | list[Any],
    index: pd.Index,
) -> list[_Spec]:
    specs: list[_Spec] = []
    for recipe in recipes:
        if recipe.set not in distances:
            continue
        for anchor in recipe.anchor_names():
            for shift in shifts:
                specs.append(_Spec("anchor", set=recipe.set, anchor=anchor, shift=float(shift)))
    for cut in incl_cuts:
        specs.append(_Spec("incl_cut", incl_cut=_check_incl_cut(cut)))
    for n in n_cuts:
        specs.append(_Spec("n_cut", n_cut=check_int(n, "n_cuts", _WHERE, minimum=1)))
    if drop_cases is True:
        specs.extend(_Spec("drop_case", dropped=c) for c in index)
    elif isinstance(drop_cases, list):
        for case in drop_cases:
            if case not in index:
                raise InvalidParameterError(
                    f"The 'drop_cases' parameter of robustness names case {case!r}, which is not in the data."
                )
            specs.append(_Spec("drop_case", dropped=case))
    return specs


def _check_incl_cut(cut: Any) -> Any:
    """One value of ``incl_cuts``: a fraction, or a pair (incl1, incl0)."""
    if isinstance(cut, (tuple, list)) and len(cut) == 2:
        return tuple(check_fraction(c, "incl_cuts", _WHERE) for c in cut)
    return check_fraction(cut, "incl_cuts", _WHERE)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )


def _values(value: Any, name: str, what: str) -> list[Any]:
    """None, one number, or an iterable of values (a string is never read letter by letter)."""
    if value is None:
        return []
    if _is_number(value):
        return [value]
    if not isinstance(value, (str, bytes, Mapping)):
        try:
            return list(value)
        except TypeError:
            pass
    raise InvalidParameterError(
        f"The '{name}' parameter of robustness must be {what}. Got {value!r} instead."
    )


def _check_drop_cases(drop_cases: Any) -> bool | list[Any]:
    if isinstance(drop_cases, (bool, np.bool_)):
        return bool(drop_cases)
    if not isinstance(drop_cases, (str, bytes, Mapping)):
        try:
            return list(drop_cases)
        except TypeError:
            pass
    raise InvalidParameterError(
        "The 'drop_cases' parameter of robustness must be True (leave out each case in "
        "turn), False, or a list of case ids such as ['BE', 'FR']. "
        f"Got {drop_cases!r} instead."
    )


def _check_shifts(shifts: Any) -> tuple[float, ...]:
    """Anchor moves: fractions of the exclusion-inclusion distance, 0 < |shift| < 1."""
    items = _values(shifts, "shifts", "a non-empty sequence of fractions")
    ok = bool(items) and all(_is_number(v) and 0 < abs(float(v)) < 1 for v in items)
    if not ok:
        raise InvalidParameterError(
            "The 'shifts' parameter of robustness must be a non-empty sequence of anchor "
            "moves as fractions of the exclusion-inclusion distance, each non-zero and "
            f"between -1 and 1, such as (-0.1, -0.05, 0.05, 0.1). Got {shifts!r} instead."
        )
    return tuple(float(v) for v in items)


# --------------------------------------------------------------------------- public
def robustness(
    data_or_workbook: Any,
    outcome: str | None = None,
    conditions: Sequence[str] | str | None = None,
    *,
    anchors: Mapping[str, Any] | None = None,
    incl_cuts: Iterable[Any] | None = None,
    n_cuts: Iterable[int] | None = None,
    drop_cases: bool | Iterable[Any] = False,
    shifts: Sequence[float] = DEFAULT_SHIFTS,
    jobs: int | None = None,
    scheduler: Any = None,
    output: str | os.PathLike[str] | None = None,
    progress: bool | None = None,
    **minimize_options: Any,
) -> Robustness:
    """Re-run an analysis over a grid of alternatives and measure how robust it is.

    The initial solution (IS) comes from calibrating the raw data with the codebook,
    building the truth table and minimizing it with the options given. Each
    alternative (test solution, TS) changes one thing:

    - one calibration anchor of one set moved by each of ``shifts`` times the distance
      between that set's exclusion and inclusion anchors (default -10%, -5%, +5%,
      +10%); for crisp sets, times the range of the raw column;
    - ``incl_cut`` set to each value of ``incl_cuts``;
    - ``n_cut`` set to each value of ``n_cuts``;
    - with ``drop_cases``, one case left out of the truth table (its membership in the
      resulting solution is still computed).

    Parameters
    ----------
    data_or_workbook : Workbook, str, Path or DataFrame
        A workbook (or its path) with raw data and a calibration sheet; its analysis
        sheet gives the defaults of ``outcome``, ``conditions`` and the options. Or a
        DataFrame of raw measures and/or set memberships, with ``anchors``.
    outcome : str, optional
        The outcome set (``"SURV"`` or ``"~SURV"``); default the workbook's.
    conditions : list of str, optional
        Condition sets; default the workbook's, else every other column that is not
        the raw source of a calibrated set.
    anchors : mapping, optional
        ``{set: (source column, thresholds)}`` or ``{set: {"source": ..., "thresholds":
        ..., **calibrate options}}``: how each set is calibrated (overrides the
        workbook's codebook for those sets). Thresholds as :func:`qca.calibrate` takes
        them (``"e=350, c=550, i=900"``).
    incl_cuts : float or iterable, optional
        Alternative ``incl_cut`` values (floats or ``(incl1, incl0)`` pairs), or one float.
    n_cuts : int or iterable of int, optional
        Alternative ``n_cut`` values, or one int.
    drop_cases : bool or list, default=False
        True: one run per case, leaving it out; or the case ids to leave out one by one.
    shifts : sequence of float, default=(-0.1, -0.05, 0.05, 0.1)
        Anchor moves as fractions of the exclusion-inclusion distance, each non-zero and
        between -1 and 1.
    jobs : int, optional
        Local processes to spread the runs over (-1: every available CPU; more than the
        machine has are capped with a warning). Default: serial, moving to every CPU
        once the measured time per run says it pays. The result is identical for any
        value (runs go through :func:`qca.run_sweep`).
    scheduler : str or distributed.Client, optional
        Run on a Dask cluster instead (``"tcp://host:8786"``; ``pip install
        "qca-toolkit[dask]"``). Same result.
    output : path, optional
        Record every finished run in this JSON-lines file; a run killed half-way and
        started again with the same file resumes from the finished runs (a file of
        other options is refused).
    progress : bool, optional
        Report progress on stderr (True or False); default (None) only when stderr is a
        terminal.
    **minimize_options
        ``incl_cut``, ``n_cut``, ``pri_cut`` for the truth table of the initial
        solution, and everything else for :func:`qca.minimize` (``include``,
        ``dir_exp``, ``exclude``, ``row_dom``...), used in every run.

    Returns
    -------
    Robustness
        See :class:`Robustness`.

    Notes
    -----
    *Which solution.* IS and every TS are the solution type the options ask for, as in
    SetMethods, whose robustness functions take whatever solutions the user minimized:
    without ``include``/``dir_exp`` that is the conservative solution, as
    :func:`qca.minimize` gives by default (``include="?"`` gives the parsimonious one,
    used in Oana & Schneider's examples; ``dir_exp`` the intermediate one). When a
    solution has several models, its first model (M1) is the one compared (as
    SetMethods' ``pimdata`` does by default); every model's terms count for term
    survival and core terms.

    *Measures* (Oana & Schneider 2024), with memberships of each case in IS and in
    TS_1..TS_m (fuzzy unions of their terms, each on its own calibration), and the
    outcome Y of the initial calibration:

    - robust core RC = min(IS, TS_1, ..., TS_m); TS_min, TS_max the per-case minimum
      and maximum over *all* alternatives (SetMethods uses only the first and last);
    - RF_cons = inclS(IS) / inclS(RC); RF_cov = covS(RC) / covS(IS);
    - RF_SC_minTS = sum(min(IS, TS_min)) / sum(max(IS, TS_min)), RF_SC_maxTS likewise.

    A run whose moved anchors are illegal (an anchor passed its neighbour) is kept in
    ``runs`` with status ``"invalid calibration"`` and enters no measure. A run
    with nothing to explain has an empty solution (membership 0 everywhere).
    Case status after Schneider & Rohlfing (2013) compares each run's solution with
    that run's own outcome membership.

    References
    ----------
    Oana, I.-E., & Schneider, C. Q. (2024). A robustness test protocol for applied QCA:
    theory and R software application. *Sociological Methods & Research* 53(1), 57-88.
    Schneider, C. Q., & Rohlfing, I. (2013). Combining QCA and process tracing in
    set-theoretic multi-method research. *Sociological Methods & Research* 42(4).

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame(
    ...     {"X": [1, 3, 5, 7, 9, 8, 2, 6], "Z": [2, 8, 3, 9, 7, 1, 9, 3],
    ...      "Y": [0.1, 0.2, 0.3, 0.9, 1.0, 0.8, 0.3, 0.7]},
    ...     index=list("abcdefgh"),
    ... )
    >>> rob = robustness(raw, "Y", ["A", "B"], incl_cut=0.8, include="?", incl_cuts=[0.9],
    ...                  anchors={"A": ("X", "e=2, c=5.5, i=8"), "B": ("Z", "e=2, c=5, i=8")})
    >>> rob.runs[["kind", "set", "anchor", "shift", "incl_cut", "solution"]].tail(3)
            kind  set anchor  shift  incl_cut solution
    22    anchor    B      i   0.05       NaN        A
    23    anchor    B      i   0.10       NaN        A
    24  incl_cut  NaN    NaN    NaN       0.9      A*B
    >>> rob.term_survival.to_dict()
    {'A': 0.96, 'A*B': 0.04}
    >>> rob.fit.round(3).to_dict()
    {'RF_cons': 0.939, 'RF_cov': 0.546, 'RF_SC_minTS': 0.513, 'RF_SC_maxTS': 0.91}
    >>> rob.cases.loc[["c", "h"], ["IS", "RC", "status", "kept"]].round(3)
          IS     RC      status  kept
    c  0.396  0.123  irrelevant  0.96
    h  0.643  0.123     typical  0.92
    """
    if scheduler is not None and jobs is not None:
        raise InvalidParameterError(
            "robustness: give 'jobs' (local processes) or 'scheduler' (a Dask cluster), "
            f"not both. Got jobs={jobs!r}, scheduler={scheduler!r}."
        )
    jobs = check_workers(jobs, _WHERE, name="jobs")
    shifts = _check_shifts(shifts)
    alternative_cuts = _values(
        incl_cuts, "incl_cuts", "a fraction or a list of fractions or (incl1, incl0) pairs"
    )
    alternative_ns = _values(n_cuts, "n_cuts", "an integer >= 1 or a list of them")
    drop = _check_drop_cases(drop_cases)
    if progress is not None and not isinstance(progress, (bool, np.bool_)):
        raise InvalidParameterError(
            "The 'progress' parameter of robustness must be True or False (or None: only "
            f"when stderr is a terminal). Got {progress!r} instead."
        )
    own = [p for p in inspect.signature(minimize).parameters if p not in ("tt", "tt_options")]
    check_keywords(minimize_options, [*_TT_KEYS, *own], _WHERE)
    analysis, raw, recipes, extra = _inputs(
        data_or_workbook, outcome, conditions, anchors, dict(minimize_options)
    )
    outcome, conditions = analysis.outcome, list(analysis.conditions)
    tt_options = analysis.truth_table_options()
    kind = analysis.solution_type
    min_options = {**analysis.minimize_options(kind), **extra}
    distances = {}
    for recipe in recipes:
        dist = recipe.distances(raw)
        if dist is not None and recipe.set in (*conditions, _outcome_set(outcome)):
            distances[recipe.set] = dist
    ctx = _Context(
        raw=raw,
        base=analysis.data,
        recipes=tuple(recipes),
        outcome=outcome,
        conditions=tuple(conditions),
        tt_options=tuple(tt_options.items()),
        min_options=tuple(min_options.items()),
        distances=tuple(distances.items()),
    )
    specs = _grid(recipes, distances, shifts, alternative_cuts, alternative_ns, drop, raw.index)
    if not specs:
        raise InvalidParameterError(
            "robustness has nothing to vary: give calibration anchors (a workbook with a "
            "calibration sheet, or anchors=), incl_cuts=, n_cuts= or drop_cases=True."
        )
    for note in analysis.set_aside:  # raised where they would have been used
        warnings.warn(note, QCAWarning, stacklevel=2)
    try:
        initial_models = _analyse(ctx, analysis.data, tt_options)
    except InvalidParameterError as exc:  # an option robustness passes on: name robustness
        raise _as_robustness(exc) from exc
    results = _execute(ctx, specs, jobs, scheduler, output, progress, _WHERE)
    options = {**tt_options, **min_options}
    options["exclude"] = list(analysis.exclude)
    return _summarise(ctx, initial_models, specs, results, options, kind)


def _summarise(
    ctx: _Context,
    initial_models: tuple[tuple[str, ...], ...],
    specs: list[_Spec],
    results: list[_Result],
    options: dict[str, Any],
    solution_type: str,
) -> Robustness:
    index = ctx.base.index
    y = membership(ctx.base, ctx.outcome).to_numpy(dtype=float)
    is_ = _solution_membership(ctx.base, initial_models)
    valid = [r for r in results if not r.status.startswith("invalid")]
    if not valid:
        warnings.warn(
            "Every robustness run had an invalid calibration; the robust core is the initial solution.",
            QCAWarning,
            stacklevel=3,
        )
    ts = np.array([r.solution for r in valid]) if valid else np.empty((0, len(index)))
    rc = np.minimum(is_, ts.min(axis=0)) if valid else is_.copy()

    fit = pd.Series(
        {
            "RF_cons": _ratio(_incl(is_, y), _incl(rc, y)),
            "RF_cov": _ratio(_incl(y, rc), _incl(y, is_)),
            "RF_SC_minTS": set_coincidence(is_, ts.min(axis=0)) if valid else math.nan,
            "RF_SC_maxTS": set_coincidence(is_, ts.max(axis=0)) if valid else math.nan,
        },
        name="robustness",
    )

    terms_in_run = [{t for m in r.models for t in m} for r in valid]
    initial_terms = initial_models[0] if initial_models else ()
    all_terms = list(dict.fromkeys([*initial_terms, *(t for m in initial_models for t in m)]))
    counts: dict[str, int] = {}
    for terms in terms_in_run:
        for t in terms:
            counts[t] = counts.get(t, 0) + 1
    others = sorted((t for t in counts if t not in all_terms), key=lambda t: (-counts[t], t))
    n_valid = len(valid)
    survival = pd.Series(
        {t: counts.get(t, 0) / n_valid if n_valid else math.nan for t in [*all_terms, *others]},
        name="survival",
        dtype=float,
    )
    every_model = [m for m in initial_models] + [m for r in valid for m in r.models]
    core = set(every_model[0]) if every_model else set()
    for m in every_model[1:]:
        core &= set(m)
    if any(not r.models for r in valid):
        core = set()
    core_terms = tuple(t for t in all_terms if t in core)

    status = case_status(is_, y)
    kept = np.zeros(len(index))
    for r in valid:
        y_run = y if r.outcome is None else r.outcome
        kept += case_status(r.solution, y_run) == status
    cases = pd.DataFrame(
        {
            "IS": is_,
            "RC": rc,
            "outcome": y,
            "status": status,
            "kept_runs": kept.astype(int),
            "kept": kept / n_valid if n_valid else np.nan,
        },
        index=index,
    )

    rows = []
    for spec, r in zip(specs, results, strict=True):
        invalid = r.status.startswith("invalid")
        y_run = y if r.outcome is None else r.outcome
        rows.append(
            {
                "kind": spec.kind,
                "set": spec.set,
                "anchor": spec.anchor,
                "shift": spec.shift,
                "thresholds": r.thresholds or None,
                "incl_cut": spec.incl_cut,
                "n_cut": spec.n_cut,
                "dropped": spec.dropped,
                "status": r.status,
                "solution": None if invalid else " + ".join(r.models[0]) if r.models else "",
                "models": None if invalid else models_text(r.models),
                "inclS": math.nan if invalid else _incl(r.solution, y_run),
                "covS": math.nan if invalid else _incl(y_run, r.solution),
                "SC": math.nan if invalid else set_coincidence(is_, r.solution),
            }
        )
    runs = pd.DataFrame(rows, columns=list(rows[0]))
    return Robustness(
        outcome=ctx.outcome,
        conditions=ctx.conditions,
        initial_models=initial_models,
        initial_terms=tuple(initial_terms),
        runs=runs,
        term_survival=survival,
        core_terms=core_terms,
        robust_core=pd.Series(rc, index=index, name="RC"),
        fit=fit,
        cases=cases,
        options=options,
        solution_type=solution_type,
    )
