"""Necessary Condition Analysis (NCA, Dul 2016, 2020) beside fsQCA.

NCA asks how far a condition *constrains* an outcome: in the scatter plot of a
condition X against an outcome Y, a necessary condition leaves the upper-left corner
empty. A *ceiling line* separates that empty zone from the cases; the effect size d is
the share of the scope (the rectangle spanned by the observed minima and maxima) above
the ceiling. Two ceilings are drawn:

- **CE-FDH** (ceiling envelopment, free disposal hull): the step function through the
  upper-left corner points ("peers") of the cases; no case lies above it.
- **CR-FDH** (ceiling regression): the ordinary least-squares line through those peers;
  some cases may lie above it, so its *ceiling accuracy* (share of cases on or below it)
  can fall short of 100%.

The *bottleneck table* reads the ceiling row by row: for a level of Y (in % of its range
or in actual values) the level of X that is necessary. The *approximate permutation
test* (Dul, van der Laan & Kuik 2020) shuffles Y against X many times and reports the
share of shuffles whose effect size reaches the observed one (the p value). Each block
of shuffles is a small independent task of :func:`qca.sweep.run_sweep`, seeded from
``numpy.random.SeedSequence(seed)``, so the same ``seed`` gives the same p values however
many workers run the blocks.

>>> import pandas as pd, qca
>>> data = pd.DataFrame(
...     {"X": [0.1, 0.3, 0.5, 0.7, 0.9, 0.8], "Y": [0.1, 0.2, 0.4, 0.8, 0.9, 0.3]},
...     index=list("abcdef"),
... )
>>> result = qca.nca(data, "X", "Y")
>>> round(float(result.summary.loc[("X", "ce_fdh"), "d"]), 6)  # 0.42 of the 0.8 x 0.8 scope
0.65625
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from qca._validation import check_cases, check_int, check_names
from qca.exceptions import DataError, InvalidParameterError

__all__ = ["NCA", "nca", "nca_plot", "CEILINGS"]

#: The ceiling lines :func:`nca` draws, in the order it reports them.
CEILINGS = ("ce_fdh", "cr_fdh")

#: Tolerance of the comparisons of Y values (NCA's software uses 1e-7 for "above").
_ABOVE = 1e-7
_EPS = 1e-10
#: Shuffles per seeded task of the permutation test.
TASK_SIZE = 200
_WHERE = "nca"


# --------------------------------------------------------------------------- geometry
def peers(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Indices of the CE-FDH peers: the upper-left corners of the step ceiling.

    Scanning the cases by increasing X (ties: increasing Y), a case is a peer when its Y
    is higher than the last peer's; a case at the same X as the last peer replaces it;
    a case at the very same point as a peer is kept too (it weighs in the CR-FDH
    regression, as in NCA's software).

    >>> peers(np.array([1, 2, 2, 3, 4.0]), np.array([1, 0, 3, 2, 5.0])).tolist()
    [0, 2, 4]
    """
    order = np.lexsort((y, x))
    chosen: list[int] = []
    for i in order:
        if not chosen:
            chosen.append(int(i))
            continue
        last = chosen[-1]
        same_x = abs(x[i] - x[last]) < _EPS
        same_y = abs(y[i] - y[last]) < _EPS
        if y[i] > y[last] + _EPS or (same_x and same_y):
            while chosen and abs(x[chosen[-1]] - x[i]) < _EPS and abs(y[chosen[-1]] - y[i]) >= _EPS:
                chosen.pop()
            chosen.append(int(i))
    return np.array(chosen, dtype=int)


def _ce_fdh_zone(x: np.ndarray, y: np.ndarray, peer: np.ndarray) -> float:
    """Area above the CE-FDH step function inside the empirical scope."""
    xmin = float(x.min())
    px, py = x[peer], y[peer]
    return float(np.sum((px[1:] - xmin) * (py[1:] - py[:-1])))


def _ols(px: np.ndarray, py: np.ndarray) -> tuple[float, float]:
    """Intercept and slope of the least-squares line through the peers."""
    mx, my = px.mean(), py.mean()
    slope = float(np.sum((px - mx) * (py - my)) / np.sum((px - mx) ** 2))
    return float(my - slope * mx), slope


def _zone_above_line(
    intercept: float, slope: float, scope: tuple[float, float, float, float]
) -> float:
    """Area of the scope rectangle above the line y = intercept + slope * x.

    The line is clipped to [ymin, ymax]; the clipped line is linear between its kinks,
    so the trapezoid rule over the kinks is exact.
    """
    xmin, xmax, ymin, ymax = scope
    knots = {xmin, xmax}
    if slope != 0:
        for level in (ymin, ymax):
            at = (level - intercept) / slope
            if xmin < at < xmax:
                knots.add(at)
    xs = np.array(sorted(knots))
    heights = ymax - np.clip(intercept + slope * xs, ymin, ymax)
    return float(np.sum((xs[1:] - xs[:-1]) * (heights[1:] + heights[:-1]) / 2))


@dataclass(frozen=True)
class _Ceiling:
    zone: float
    accuracy: float
    peers: np.ndarray
    intercept: float = math.nan
    slope: float = math.nan


def _ceiling(kind: str, x: np.ndarray, y: np.ndarray, peer: np.ndarray) -> _Ceiling:
    scope = (float(x.min()), float(x.max()), float(y.min()), float(y.max()))
    if kind == "ce_fdh":
        return _Ceiling(_ce_fdh_zone(x, y, peer), 100.0, peer)
    distinct = {(float(x[i]), float(y[i])) for i in peer}
    if len(distinct) < 2:
        return _Ceiling(0.0, 100.0, peer)
    intercept, slope = _ols(x[peer].astype(float), y[peer].astype(float))
    above = int(np.sum(y - (intercept + slope * x) > _ABOVE))
    zone = _zone_above_line(intercept, slope, scope)
    return _Ceiling(zone, 100.0 * (len(x) - above) / len(x), peer, intercept, slope)


def effect_size(x: np.ndarray, y: np.ndarray, kind: str) -> float:
    """Effect size d of ``kind`` ("ce_fdh" or "cr_fdh") with the empirical scope.

    >>> effect_size(np.array([0, 1.0]), np.array([0, 1.0]), "ce_fdh")
    1.0
    """
    scope = float((x.max() - x.min()) * (y.max() - y.min()))
    return _ceiling(kind, x, y, peers(x, y)).zone / scope


# --------------------------------------------------------------------------- bottleneck
def _required_x(kind: str, ceiling: _Ceiling, x: np.ndarray, y: np.ndarray, level: float) -> Any:
    """X needed for Y = level under the ceiling; "NN" if none is needed (the ceiling asks
    for no more than the lowest observed X, as in R's NCA), "NA" if no observed X reaches it."""
    xmin, xmax = float(x.min()), float(x.max())
    if kind == "ce_fdh":
        found = [float(x[i]) for i in ceiling.peers if y[i] >= level - _EPS]
        if not found:
            return "NA"
        needed = found[0]
    elif math.isnan(ceiling.slope):
        return "NN"
    else:
        needed = (level - ceiling.intercept) / ceiling.slope
    if needed < xmin + _EPS:
        return "NN"
    if needed > xmax + _EPS:
        return "NA"
    return float(needed)


# --------------------------------------------------------------------------- permutations
def permutation_task(
    x: np.ndarray, y: np.ndarray, kinds: Sequence[str], reps: int, rng: np.random.Generator
) -> np.ndarray:
    """Effect sizes of ``reps`` shuffles of ``y`` against ``x``: one independent task.

    Returns an array of shape (reps, len(kinds)). The task reads nothing but its
    arguments, so tasks can run in any order or place and give the same numbers.
    """
    out = np.empty((reps, len(kinds)))
    scope = float((x.max() - x.min()) * (y.max() - y.min()))
    for r in range(reps):
        shuffled = y[rng.permutation(len(y))]
        peer = peers(x, shuffled)
        for k, kind in enumerate(kinds):
            out[r, k] = _ceiling(kind, x, shuffled, peer).zone / scope
    return out


def _sweep_task(context: Any, task: tuple[int, int], rng: Any) -> list[list[float]]:
    """Sweep-engine form of :func:`permutation_task`: task (condition index, shuffles)."""
    xs, y, kinds = context
    return permutation_task(xs[task[0]], y, kinds, task[1], rng).tolist()


def permutation_tasks(n_conditions: int, reps: int) -> list[tuple[int, int]]:
    """The tasks of a test: (condition index, shuffles), ``TASK_SIZE`` shuffles at most each.

    Task *k* of the list draws with ``SeedSequence(seed).spawn(n)[k]`` (see
    :func:`qca.sweep.run_sweep`), so the p values depend on the seed alone.
    """
    return [
        (c, min(TASK_SIZE, reps - start))
        for c in range(n_conditions)
        for start in range(0, reps, TASK_SIZE)
    ]


# --------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False)
class NCA:
    """Result of :func:`qca.nca`.

    Attributes
    ----------
    summary : DataFrame
        Indexed by (condition, ceiling): ``d`` (effect size), ``ceiling_zone``,
        ``scope``, ``accuracy`` (% of cases on or below the ceiling), ``peers``
        (distinct peers), ``intercept`` and ``slope`` (CR-FDH), ``p_value`` (NaN
        without a permutation test) and ``reps``.
    scope : DataFrame
        Per condition: ``n``, ``xmin``, ``xmax``, ``ymin``, ``ymax``, ``scope``.
    peers : dict
        Condition -> DataFrame of its peers (``x``, ``y``), indexed by case.
    data : DataFrame
        The conditions and the outcome, as analysed.
    outcome : str
    steps : int
    seed : int or None
        Entropy of the permutation test's SeedSequence (give it back as ``seed`` to
        repeat the test exactly).
    """

    summary: pd.DataFrame
    scope: pd.DataFrame
    peers: dict[str, pd.DataFrame]
    data: pd.DataFrame
    outcome: str
    steps: int
    seed: int | None
    _ceilings: dict[tuple[str, str], _Ceiling] = field(repr=False)

    @property
    def conditions(self) -> list[str]:
        """The conditions, in the order given."""
        return list(self.scope.index)

    def ceiling(self, condition: str, kind: str = "cr_fdh") -> tuple[float, float]:
        """(intercept, slope) of the CR-FDH line of ``condition`` (NaN when undefined)."""
        found = self._ceilings[(condition, kind)]
        return found.intercept, found.slope

    def bottleneck(self, kind: str = "ce_fdh", *, unit: str = "percentage") -> pd.DataFrame:
        """Bottleneck table of ceiling ``kind``.

        Parameters
        ----------
        kind : {"ce_fdh", "cr_fdh"}, default="ce_fdh"
        unit : {"percentage", "actual"}, default="percentage"
            "percentage": Y and X levels in % of their observed range (0 = minimum,
            100 = maximum); "actual": the values themselves.

        Returns
        -------
        DataFrame
            One row per Y level (``steps`` + 1 rows, from the minimum to the maximum of
            Y), one column per condition: the level of the condition that is necessary.
            "NN" means not necessary (any observed level will do), "NA" that no observed
            level of the condition is high enough.
        """
        if kind not in CEILINGS:
            raise InvalidParameterError(
                f"The 'kind' parameter of NCA.bottleneck must be one of {', '.join(map(repr, CEILINGS))}. "
                f"Got {kind!r} instead."
            )
        if unit not in ("percentage", "actual"):
            raise InvalidParameterError(
                "The 'unit' parameter of NCA.bottleneck must be 'percentage' or 'actual'. "
                f"Got {unit!r} instead."
            )
        y = self.data[self.outcome].to_numpy(dtype=float)
        ymin, ymax = float(y.min()), float(y.max())
        shares = [100.0 * k / self.steps for k in range(self.steps + 1)]
        levels = [ymin + s / 100.0 * (ymax - ymin) for s in shares]
        columns: dict[str, list[Any]] = {}
        for condition in self.conditions:
            x = self.data[condition].to_numpy(dtype=float)
            xmin, xmax = float(x.min()), float(x.max())
            values = []
            for level in levels:
                needed = _required_x(kind, self._ceilings[(condition, kind)], x, y, level)
                if isinstance(needed, float) and unit == "percentage":
                    needed = 100.0 * (needed - xmin) / (xmax - xmin)
                values.append(needed)
            columns[condition] = values
        index = pd.Index(shares if unit == "percentage" else levels, name=self.outcome)
        return pd.DataFrame(columns, index=index)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (NaN as None)."""
        rows = []
        for (condition, kind), row in self.summary.iterrows():
            item = {"condition": condition, "ceiling": kind}
            item.update(
                {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
            )
            rows.append(item)
        return {"outcome": self.outcome, "seed": self.seed, "summary": rows}

    def __repr__(self) -> str:
        parts = []
        for condition in self.conditions:
            ds = ", ".join(
                f"{k} d={self.summary.loc[(condition, k), 'd']:.3f}"
                for k in self.summary.loc[condition].index
            )
            parts.append(f"{condition}: {ds}")
        return f"NCA({self.outcome}; " + "; ".join(parts) + ")"


# --------------------------------------------------------------------------- public
def _numeric(data: pd.DataFrame, name: str, role: str) -> np.ndarray:
    if name not in data.columns:
        raise DataError(
            f"The {role} {name!r} of nca is not a column of the data: expected one of "
            f"{', '.join(map(str, data.columns))}."
        )
    column = data[name]
    values = pd.to_numeric(column, errors="coerce")
    bad = values.isna()
    if bad.any():
        cases = ", ".join(str(c) for c in data.index[bad][:10])
        raise DataError(
            f"Column {name!r} of nca must hold numbers for every case; cases {cases} hold "
            f"{', '.join(repr(str(v)) for v in column[bad].unique()[:5])}."
        )
    array = values.to_numpy(dtype=float)
    if array.max() - array.min() <= 0:
        raise DataError(
            f"The {role} {name!r} of nca is constant ({array[0]:g} for all {len(array)} cases): "
            "NCA needs a range of values to draw a ceiling (its scope would be empty)."
        )
    return array


def _check_seed(seed: Any) -> int | None:
    if seed is None:
        return None
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool) and seed >= 0:
        return int(seed)
    raise InvalidParameterError(
        f"The 'seed' parameter of nca must be a non-negative integer or None. Got {seed!r} instead."
    )


def nca(
    data: pd.DataFrame,
    conditions: str | Sequence[str],
    outcome: str,
    *,
    ceilings: Sequence[str] = CEILINGS,
    steps: int = 10,
    test_rep: int = 0,
    seed: int | None = None,
    workers: int | None = 1,
    scheduler: Any = None,
) -> NCA:
    """Necessary Condition Analysis of each condition for the outcome.

    Parameters
    ----------
    data : DataFrame
        One row per case; the conditions and the outcome are numeric columns (set
        memberships or raw scores).
    conditions : str or list of str
        Column names (``"PM, CA"`` or ``["PM", "CA"]``).
    outcome : str
        Column name of the outcome.
    ceilings : sequence of {"ce_fdh", "cr_fdh"}, default=("ce_fdh", "cr_fdh")
    steps : int, default=10
        The bottleneck tables have ``steps`` + 1 rows (0%, 10%, ... 100% of Y's range).
    test_rep : int, default=0
        Shuffles of the approximate permutation test (e.g. 10000); 0 skips the test.
    seed : int, optional
        Entropy of the test's ``numpy.random.SeedSequence``. The same seed gives the
        same p values; None draws fresh entropy and records it in ``NCA.seed``.
    workers : int or None, default=1
        Processes for the permutation test, as :func:`qca.sweep.run_sweep` takes them
        (None: start serially and spread out when it pays). Never changes the result.
    scheduler : str or distributed.Client, optional
        Run the permutation test on a Dask cluster instead (``"tcp://host:8786"``;
        ``pip install "qca-toolkit[dask]"``); ``workers`` is then unused. Same p values.

    Returns
    -------
    NCA
        ``summary`` (effect sizes, accuracy, p values), ``bottleneck(...)``, ``peers``.

    Notes
    -----
    The scope is empirical: the rectangle from the lowest to the highest observed
    X and Y. The CE-FDH ceiling zone is the area above the step function through the
    peers; the CR-FDH line is the least-squares line through the peers (duplicates of a
    peer counted each time), clipped to the scope. Accuracy counts cases more than 1e-7
    above the line as above it. The p value is the share of shuffles whose effect size
    is at least the observed one.

    References
    ----------
    Dul, J. (2016). Necessary Condition Analysis (NCA). *Organizational Research Methods*
    19(1), 10-52. Dul, J. (2020). *Conducting Necessary Condition Analysis*. Sage.
    Dul, J., van der Laan, E., & Kuik, R. (2020). A statistical significance test for
    NCA. *Organizational Research Methods* 23(2), 385-395. R package ``NCA``.

    Examples
    --------
    >>> import qca
    >>> data = qca.read_workbook("cases/digital_government.xlsx").calibrated()
    >>> result = qca.nca(data, ["PM", "CA", "PF"], "OC", test_rep=200, seed=1)
    >>> result.summary[["d", "accuracy", "p_value"]].round(3).loc["PF"]
                 d  accuracy  p_value
    ceiling
    ce_fdh   0.428   100.000      0.0
    cr_fdh   0.367    95.652      0.0
    >>> table = result.bottleneck("cr_fdh", unit="actual").iloc[[0, 5, 10]]
    >>> table.map(lambda v: v if isinstance(v, str) else round(v, 3))
                 PM     CA     PF
    OC
    0.019342     NN     NN     NN
    0.499024   0.41  0.294  0.375
    0.978705  0.934  0.643  0.912
    """
    data = check_cases(data, "data", _WHERE)
    names = check_names(conditions, "conditions", _WHERE)
    if not isinstance(outcome, str) or not outcome.strip():
        raise InvalidParameterError(
            f"The 'outcome' parameter of nca must be a column name. Got {outcome!r} instead."
        )
    kinds = list(ceilings) if not isinstance(ceilings, str) else [ceilings]
    for kind in kinds:
        if kind not in CEILINGS:
            raise InvalidParameterError(
                f"The 'ceilings' parameter of nca must list ceilings among "
                f"{', '.join(map(repr, CEILINGS))}. Got {kind!r} instead."
            )
    if not kinds:
        raise InvalidParameterError(
            "The 'ceilings' parameter of nca must name at least one ceiling."
        )
    kinds = [k for k in CEILINGS if k in kinds]
    steps = check_int(steps, "steps", _WHERE, minimum=1)
    test_rep = check_int(test_rep, "test_rep", _WHERE, minimum=0)
    entropy = _check_seed(seed)
    if test_rep and entropy is None:
        entropy = int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    if len(data) < 2:
        raise DataError(f"nca needs at least 2 cases; the data have {len(data)}.")
    y = _numeric(data, outcome, "outcome")
    rows, scope_rows, peer_frames, found = [], [], {}, {}
    xs: list[np.ndarray] = []
    for condition in names:
        x = _numeric(data, condition, "condition")
        peer = peers(x, y)
        scope = float((x.max() - x.min()) * (y.max() - y.min()))
        scope_rows.append(
            {
                "n": len(x),
                "xmin": x.min(),
                "xmax": x.max(),
                "ymin": y.min(),
                "ymax": y.max(),
                "scope": scope,
            }
        )
        peer_frames[condition] = pd.DataFrame({"x": x[peer], "y": y[peer]}, index=data.index[peer])
        d_values = []
        for kind in kinds:
            ceiling = _ceiling(kind, x, y, peer)
            found[(condition, kind)] = ceiling
            d_values.append(ceiling.zone / scope)
        xs.append(x)
        for k, kind in enumerate(kinds):
            ceiling = found[(condition, kind)]
            rows.append(
                {
                    "condition": condition,
                    "ceiling": kind,
                    "d": d_values[k],
                    "ceiling_zone": ceiling.zone,
                    "scope": scope,
                    "accuracy": ceiling.accuracy,
                    "peers": len({(float(x[i]), float(y[i])) for i in ceiling.peers}),
                    "intercept": ceiling.intercept,
                    "slope": ceiling.slope,
                    "p_value": math.nan,
                    "reps": test_rep,
                }
            )
    summary = pd.DataFrame(rows).set_index(["condition", "ceiling"])
    if test_rep and entropy is not None:
        from qca.sweep import run_sweep

        tasks = permutation_tasks(len(names), test_rep)
        draws = list(
            run_sweep(
                _sweep_task,
                tasks,
                context=(xs, y, kinds),
                seed=entropy,
                workers=workers if scheduler is None else None,
                scheduler=scheduler,
                where=_WHERE,
                label="NCA permutation test",
            )
        )
        for c_index, condition in enumerate(names):
            mine = np.vstack(
                [np.asarray(d) for d, t in zip(draws, tasks, strict=True) if t[0] == c_index]
            )
            for k, kind in enumerate(kinds):
                observed = summary.loc[(condition, kind), "d"]
                summary.loc[(condition, kind), "p_value"] = float(
                    np.mean(mine[:, k] + 1e-12 >= observed)
                )
    scope_frame = pd.DataFrame(scope_rows, index=pd.Index(names, name="condition"))
    analysed = pd.DataFrame(
        {n: pd.to_numeric(data[n]).astype(float) for n in [*names, outcome]}, index=data.index
    )
    return NCA(
        summary,
        scope_frame,
        peer_frames,
        analysed,
        outcome,
        steps,
        entropy if test_rep else None,
        found,
    )


def nca_plot(result: NCA, condition: str, *, ax: Any = None, labels: bool = True) -> Any:
    """Scatter plot of a condition against the outcome with the NCA ceilings.

    Parameters
    ----------
    result : NCA
        From :func:`qca.nca`.
    condition : str
        One of ``result.conditions``.
    ax : matplotlib Axes, optional
        Where to draw; a new 6 x 6 inch figure when None.
    labels : bool, default=True
        Write each peer's case label next to it.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import qca
    >>> data = qca.read_workbook("cases/digital_government.xlsx").calibrated()
    >>> ax = qca.nca_plot(qca.nca(data, "PM", "OC"), "PM")
    >>> [line.get_label() for line in ax.get_lines()]
    ['CE-FDH (d = 0.609)', 'CR-FDH (d = 0.410)']
    """
    from qca._validation import check_axes
    from qca.plot import _finish, _new_axes

    if not isinstance(result, NCA):
        raise InvalidParameterError(
            f"The 'result' parameter of nca_plot must be the result of qca.nca. Got {type(result).__name__} instead."
        )
    if condition not in result.conditions:
        raise InvalidParameterError(
            f"The 'condition' parameter of nca_plot must be one of {', '.join(map(repr, result.conditions))}. "
            f"Got {condition!r} instead."
        )
    check_axes(ax, "ax", "nca_plot")
    ax, created = _new_axes(ax, (6, 6))
    x = result.data[condition].to_numpy(dtype=float)
    y = result.data[result.outcome].to_numpy(dtype=float)
    xmin, xmax, ymin, ymax = x.min(), x.max(), y.min(), y.max()
    ax.scatter(x, y, s=18, color="0.35", zorder=3)
    ax.add_patch(
        __import__("matplotlib.patches", fromlist=["Rectangle"]).Rectangle(
            (xmin, ymin), xmax - xmin, ymax - ymin, fill=False, linestyle=":", edgecolor="0.6"
        )
    )
    kinds = list(result.summary.loc[condition].index)
    if "ce_fdh" in kinds:
        ceiling = result._ceilings[(condition, "ce_fdh")]
        px, py = x[ceiling.peers], y[ceiling.peers]
        steps_x, steps_y = [float(px[0])], [float(ymin)]
        for i in range(len(px)):
            steps_x += [float(px[i]), float(px[i + 1]) if i + 1 < len(px) else float(xmax)]
            steps_y += [float(py[i]), float(py[i])]
        d = result.summary.loc[(condition, "ce_fdh"), "d"]
        ax.plot(steps_x, steps_y, color="tab:red", label=f"CE-FDH (d = {d:.3f})")
    if "cr_fdh" in kinds:
        intercept, slope = result.ceiling(condition, "cr_fdh")
        d = result.summary.loc[(condition, "cr_fdh"), "d"]
        if not math.isnan(slope):
            xs = np.linspace(xmin, xmax, 200)
            ys = intercept + slope * xs
            keep = (ys >= ymin - 1e-9) & (ys <= ymax + 1e-9)
            ax.plot(
                xs[keep], ys[keep], color="tab:blue", linestyle="--", label=f"CR-FDH (d = {d:.3f})"
            )
    if labels:
        for case, row in result.peers[condition].iterrows():
            ax.annotate(
                str(case),
                (row["x"], row["y"]),
                textcoords="offset points",
                xytext=(4, 4),
                fontsize=8,
            )
    ax.set_xlabel(condition)
    ax.set_ylabel(result.outcome)
    ax.set_title(f"NCA: {condition} necessary for {result.outcome}?")
    ax.legend(loc="lower right", fontsize=8)
    return _finish(ax, created)
