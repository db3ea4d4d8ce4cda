"""One alternative analysis of a robustness test, and running many of them (private).

:func:`qca.robustness` builds the grid; each run here recalibrates one set (a
:class:`_Recipe` with one anchor moved), or changes a cut-off, or leaves a case out, then
builds the truth table and minimizes it with the options of the initial
:class:`qca.Analysis`. Runs are pure (the same spec gives the same result) and are spread
over processes or a Dask cluster by :func:`_execute` (:func:`qca.run_sweep`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from qca._long_models import model_membership
from qca.calibrate import calibrate, parse_thresholds, resolve_thresholds
from qca.exceptions import CalibrationError, InvalidParameterError, QCAError, QCAWarning
from qca.expr import membership
from qca.minimize import _compact, minimize
from qca.sweep import run_sweep
from qca.truth_table import truth_table

_CALIBRATE_KEYS = ("kind", "method", "logistic", "idm", "ecdf", "below", "above", "shift_half")


# --------------------------------------------------------------------------- recipes
@dataclass(frozen=True)
class _Recipe:
    """How one set is calibrated from a raw column."""

    set: str
    source: str
    values: tuple[float, ...]
    names: tuple[str, ...] | None
    options: tuple[tuple[str, Any], ...] = ()

    def thresholds(self, values: Sequence[float] | None = None) -> Any:
        vals = list(self.values if values is None else values)
        if self.names is None:
            return vals
        return dict(zip(self.names, vals, strict=True))

    def calibrate(self, raw: pd.DataFrame, values: Sequence[float] | None = None) -> pd.Series:
        result = calibrate(raw[self.source], self.thresholds(values), **dict(self.options))
        return pd.Series(np.asarray(result, dtype=float), index=raw.index, name=self.set)

    def anchor_names(self) -> tuple[str, ...]:
        if self.names is not None:
            return self.names
        if len(self.values) == 3 and dict(self.options).get("kind", "fuzzy") == "fuzzy":
            return ("e", "c", "i")
        if len(self.values) == 6 and dict(self.options).get("kind", "fuzzy") == "fuzzy":
            return ("e1", "c1", "i1", "i2", "c2", "e2")
        return tuple(f"t{k + 1}" for k in range(len(self.values)))

    def distances(self, raw: pd.DataFrame) -> tuple[float, ...] | None:
        """Per anchor, the length a shift of 1.0 moves it; None: not shiftable."""
        opts = dict(self.options)
        kind, method = opts.get("kind", "fuzzy"), opts.get("method", "direct")
        v = self.values
        if kind == "crisp":
            col = pd.to_numeric(raw[self.source], errors="coerce")
            span = float(col.max() - col.min())
            return (span,) * len(v) if math.isfinite(span) and span > 0 else None
        if method != "direct":
            return None
        if len(v) == 3:
            return (abs(v[2] - v[0]),) * 3
        if len(v) == 6:
            left, right = abs(v[2] - v[0]), abs(v[5] - v[3])
            return (left, left, left, right, right, right)
        return None


def _resolved(thresholds: Any, raw: pd.DataFrame | None, source: Any) -> Any:
    """Thresholds with percentile anchors (``p95``) taken on the whole raw column."""
    if raw is None or not isinstance(source, str) or source not in raw.columns:
        return thresholds
    column = pd.to_numeric(raw[source], errors="coerce")
    if column.isna().any():
        return thresholds
    return resolve_thresholds(thresholds, column.to_numpy(dtype=float))


def _recipe_from_anchor(name: str, spec: Any, raw: pd.DataFrame | None = None) -> _Recipe:
    options: dict[str, Any] = {}
    if isinstance(spec, Mapping):
        spec = dict(spec)
        source, thresholds = spec.pop("source", None), spec.pop("thresholds", None)
        options = spec
    elif isinstance(spec, (tuple, list)) and len(spec) in (2, 3):
        source, thresholds = spec[0], spec[1]
        if len(spec) == 3:
            options = dict(spec[2])
    else:
        raise InvalidParameterError(
            "The 'anchors' parameter of robustness must map each set to (source column, "
            f"thresholds), e.g. {{'DEV': ('GDP', 'e=350, c=550, i=900')}}. Got {spec!r} for {name!r}."
        )
    unknown = sorted(set(options) - set(_CALIBRATE_KEYS))
    if unknown or not isinstance(source, str):
        raise InvalidParameterError(
            f"The 'anchors' entry for {name!r} of robustness must give a source column name "
            f"and calibrate options among {', '.join(_CALIBRATE_KEYS)}. Got {spec!r} instead."
        )
    values, names = parse_thresholds(_resolved(thresholds, raw, source))
    return _Recipe(name, source, tuple(values), None if names is None else tuple(names),
                   tuple(sorted(options.items())))


def _recipe_from_codebook(row: Mapping[str, Any], raw: pd.DataFrame | None = None) -> _Recipe | None:
    def value(key: str) -> Any:
        v = row.get(key)
        return None if v is None or (isinstance(v, float) and math.isnan(v)) or v == "" else v

    name, source, thresholds = value("set"), value("source"), value("thresholds")
    if name is None or source is None or thresholds is None:
        return None
    options = {k: value(k) for k in _CALIBRATE_KEYS if value(k) is not None}
    for key in ("logistic", "ecdf"):
        if isinstance(options.get(key), str):
            options[key] = options[key].strip().lower() in ("true", "yes", "1")
    for key in ("idm", "below", "above", "shift_half"):
        if key in options:
            options[key] = float(options[key])
    values, names = parse_thresholds(_resolved(thresholds, raw, source))
    return _Recipe(str(name), str(source), tuple(values), None if names is None else tuple(names),
                   tuple(sorted(options.items())))


# --------------------------------------------------------------------------- run specs
@dataclass(frozen=True)
class _Spec:
    kind: str  # "anchor", "incl_cut", "n_cut", "drop_case"
    set: str | None = None
    anchor: str | None = None
    shift: float | None = None
    incl_cut: Any = None
    n_cut: int | None = None
    dropped: Any = None


@dataclass(frozen=True)
class _Context:
    """Everything a worker needs, sent once per process."""

    raw: pd.DataFrame
    base: pd.DataFrame
    recipes: tuple[_Recipe, ...]
    outcome: str
    conditions: tuple[str, ...]
    tt_options: tuple[tuple[str, Any], ...]
    min_options: tuple[tuple[str, Any], ...]
    distances: tuple[tuple[str, tuple[float, ...]], ...]


@dataclass(frozen=True)
class _Result:
    status: str
    thresholds: str
    models: tuple[tuple[str, ...], ...]
    solution: np.ndarray  # membership of every case in the run's first model
    outcome: np.ndarray | None  # the run's own outcome membership when it differs


def _shifted_values(ctx: _Context, spec: _Spec) -> tuple[_Recipe, list[float]]:
    recipe = next(r for r in ctx.recipes if r.set == spec.set)
    dist = dict(ctx.distances)[recipe.set]
    k = recipe.anchor_names().index(str(spec.anchor))
    values = list(recipe.values)
    values[k] = values[k] + float(spec.shift or 0.0) * dist[k]
    return recipe, values


def _analyse(ctx: _Context, data: pd.DataFrame, tt_options: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    tt = truth_table(data, ctx.outcome, list(ctx.conditions), **tt_options)
    solution = minimize(tt, **dict(ctx.min_options))
    return tuple(tuple(str(t) for t in model.terms) for model in solution.models)


def models_text(models: Sequence[Sequence[str]]) -> str:
    """Every model, its terms joined by ``" + "``, the models by ``" | "``; when they hold
    more than 10,000 terms in all (``COMPACT_TERMS``, as the compact JSON), only how many
    models and terms there are (planted_k14 conservative: 10,000 models of 802 terms
    would make a 300 MB string per run).

    >>> models_text([("A", "B"), ("A", "C")])
    'A + B | A + C'
    """
    total, limit = sum(len(m) for m in models), _compact.COMPACT_TERMS
    if total <= limit:
        return " | ".join(" + ".join(m) for m in models)
    return (
        f"{len(models):,} model{'' if len(models) == 1 else 's'} of {total:,} terms in all, not written out (over "
        f"{limit:,} terms; M1 is the solution; list fewer with max_models)"
    )


def _solution_membership(data: pd.DataFrame, models: tuple[tuple[str, ...], ...]) -> np.ndarray:
    if not models or not models[0]:
        return np.zeros(len(data))
    return model_membership(data, models[0]).to_numpy(dtype=float)  # (long ones in chunks)


def _run(ctx: _Context, spec: _Spec) -> _Result:
    """One alternative analysis (pure: the same spec always gives the same result)."""
    data = ctx.base
    tt_options = dict(ctx.tt_options)
    thresholds = ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)
        if spec.kind == "anchor":
            recipe, values = _shifted_values(ctx, spec)
            thresholds = ", ".join(
                f"{n}={v:.6g}" for n, v in zip(recipe.anchor_names(), values, strict=True)
            )
            try:
                column = recipe.calibrate(ctx.raw, values)
            except (CalibrationError, InvalidParameterError) as exc:
                return _Result(f"invalid calibration: {exc}", thresholds, (), np.zeros(0), None)
            data = data.copy()
            data[recipe.set] = column
        elif spec.kind == "incl_cut":
            tt_options["incl_cut"] = spec.incl_cut
        elif spec.kind == "n_cut":
            tt_options["n_cut"] = spec.n_cut
        fit_data = data.drop(index=[spec.dropped]) if spec.kind == "drop_case" else data
        try:
            models = _analyse(ctx, fit_data, tt_options)
            status = "ok"
        except InvalidParameterError:
            raise
        except QCAError as exc:
            models, status = (), f"no solution: {exc}"
        solution = _solution_membership(data, models)
    changed_outcome = spec.kind == "anchor" and spec.set == _outcome_set(ctx.outcome)
    outcome = membership(data, ctx.outcome).to_numpy(dtype=float) if changed_outcome else None
    return _Result(status, thresholds, models, solution, outcome)


def _run_task(ctx: _Context, spec: _Spec, rng: Any) -> _Result:
    """One run as a sweep task (robustness runs draw no random numbers)."""
    return _run(ctx, spec)


def _encode(result: _Result) -> dict[str, Any]:
    """A run's result as JSON-ready values (floats round-trip exactly)."""
    return {
        "status": result.status,
        "thresholds": result.thresholds,
        "models": [list(m) for m in result.models],
        "solution": result.solution.tolist(),
        "outcome": None if result.outcome is None else result.outcome.tolist(),
    }


def _decode(value: dict[str, Any]) -> _Result:
    return _Result(
        status=value["status"],
        thresholds=value["thresholds"],
        models=tuple(tuple(m) for m in value["models"]),
        solution=np.asarray(value["solution"], dtype=float),
        outcome=None if value["outcome"] is None else np.asarray(value["outcome"], dtype=float),
    )


def _outcome_set(outcome: str) -> str:
    return outcome.strip().lstrip("~").strip()


# --------------------------------------------------------------------------- running
def _json(value: Any) -> Any:
    if isinstance(value, float | np.floating):
        return None if math.isnan(float(value)) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, Mapping):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_json(v) for v in value]
    return value


def _execute(
    ctx: _Context,
    specs: list[_Spec],
    workers: int | None,
    scheduler: Any,
    output: Any,
    progress: bool | None,
    where: str,
) -> list[_Result]:
    identity = {
        "outcome": ctx.outcome,
        "conditions": list(ctx.conditions),
        **{k: _json(v) for k, v in (*ctx.tt_options, *ctx.min_options)},
    }
    return list(
        run_sweep(
            _run_task,
            specs,
            context=ctx,
            workers=workers,
            scheduler=scheduler,
            output=output,
            identity=identity,
            encode=_encode if output is not None else None,
            decode=_decode if output is not None else None,
            progress=progress,
            label="robustness",
            unit="runs",
            where=where,
        )
    )
