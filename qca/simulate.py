"""Simulation study: how often do random data yield a QCA "solution"?

Marx & Dusa (2011) ran csQCA on millions of random data sets to ask how likely a design
-- so many cases, so many conditions -- is to produce contradiction-free truth tables
and consistent solutions from noise alone. :func:`simulate` repeats that study for any
design: for every (cases, conditions) pair it draws ``replications`` random data sets
(crisp: every membership 0 or 1 with probability 1/2; fuzzy: uniform on [0, 1]), builds
the truth table, minimizes it, and counts the data sets whose solution passes the
consistency and coverage thresholds, with a Wilson confidence interval. The replications
run on the sweep engine (:mod:`qca.sweep`): seeded per task, identical on every backend,
resumable from an output file.

>>> import qca
>>> sim = qca.simulate(cases=[8, 16], conditions=3, replications=40, seed=1, workers=1)
>>> sim.table[["solutions", "share", "ci_low", "ci_high"]].round(3)
                    solutions  share  ci_low  ci_high
cases conditions
8     3                    34  0.850   0.709    0.929
16    3                    39  0.975   0.871    0.996
"""

from __future__ import annotations

import math
import statistics
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from qca._validation import TOL, check_choice, check_fraction, check_int
from qca.exceptions import InvalidParameterError, NoSolutionError, QCAWarning
from qca.minimize import minimize
from qca.sweep import run_sweep
from qca.truth_table import truth_table

__all__ = ["simulate", "Simulation", "wilson_interval"]

_WHERE = "simulate"
_INCLUDES = ("", "?")


def wilson_interval(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a binomial share ``successes / n``.

    >>> [round(v, 4) for v in wilson_interval(38, 40)]
    [0.835, 0.9862]
    >>> wilson_interval(0, 0)
    (nan, nan)
    """
    if n <= 0:
        return (math.nan, math.nan)
    z = statistics.NormalDist().inv_cdf(0.5 + level / 2)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    # at 0 or n successes one end is exactly 0 or 1; the closed form leaves rounding noise
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return (low, high)


@dataclass(frozen=True)
class _Design:
    cases: tuple[int, ...]
    conditions: tuple[int, ...]
    kind: str
    replications: int
    incl_cut: float
    n_cut: int
    include: str
    sol_cons: float
    sol_cov: float

    @property
    def pairs(self) -> list[tuple[int, int]]:
        return [(n, k) for n in self.cases for k in self.conditions]


def _random_data(rng: np.random.Generator, kind: str, cases: int, k: int) -> np.ndarray:
    if kind == "crisp":
        return rng.integers(0, 2, size=(cases, k + 1)).astype(float)
    return rng.random((cases, k + 1))


def _contradiction(values: np.ndarray) -> bool:
    """Some configuration of the (crisp) conditions holds cases with and without the outcome."""
    codes = values[:, :-1] @ (2.0 ** np.arange(values.shape[1] - 1))
    outcome = values[:, -1]
    with_outcome = set(codes[outcome == 1].tolist())
    return any(c in with_outcome for c in codes[outcome == 0].tolist())


def _replication(design: _Design, task: int, rng: np.random.Generator) -> list[int]:
    """One random data set: [a solution passes the thresholds, a contradiction exists]."""
    cases, k = design.pairs[task // design.replications]
    values = _random_data(rng, design.kind, cases, k)
    names = [f"C{j + 1}" for j in range(k)]
    data = pd.DataFrame(values, columns=[*names, "Y"])
    contradiction = int(_contradiction(values)) if design.kind == "crisp" else -1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)
        try:
            tt = truth_table(data, "Y", names, incl_cut=design.incl_cut, n_cut=design.n_cut)
            solution = minimize(tt, include=design.include)
        except NoSolutionError:
            return [0, contradiction]
    passed = any(
        m.inclS + TOL > design.sol_cons and m.covS + TOL > design.sol_cov for m in solution.models
    )
    return [int(passed), contradiction]


@dataclass(frozen=True, eq=False)
class Simulation:
    """Result of :func:`qca.simulate`.

    Attributes
    ----------
    table : DataFrame
        One row per design, indexed by ``cases`` and ``conditions``: ``kind``,
        ``replications``, ``solutions`` (random data sets whose solution passed the
        thresholds), ``share`` (their share), ``ci_low`` and ``ci_high`` (Wilson
        interval at ``level``), and for crisp data ``contradictions``, the share of data
        sets with a contradictory configuration (NaN for fuzzy data).
    options : dict
        The thresholds and options of the study.
    seed : int
        The root seed: ``simulate(..., seed=seed)`` repeats the study exactly.
    level : float
        Confidence level of the intervals.
    """

    table: pd.DataFrame
    options: dict[str, Any] = field(default_factory=dict)
    seed: int = 0
    level: float = 0.95

    def pivot(self, column: str = "share") -> pd.DataFrame:
        """``column`` as a cases x conditions grid, as Marx & Dusa tabulate it.

        >>> import qca
        >>> sim = qca.simulate([10, 20], [2, 3], replications=20, seed=3, workers=1)
        >>> sim.pivot().columns.tolist()
        [2, 3]
        """
        if column not in self.table.columns:
            raise InvalidParameterError(
                f"The 'column' parameter of Simulation.pivot must be one of "
                f"{', '.join(map(repr, self.table.columns))}. Got {column!r} instead."
            )
        return self.table[column].unstack("conditions")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``options``, ``seed``, ``level`` and ``designs`` (one per row)."""
        rows = []
        for (cases, k), row in self.table.iterrows():
            record: dict[str, Any] = {"cases": int(cases), "conditions": int(k)}
            for key, value in row.items():
                if isinstance(value, (float, np.floating)):
                    record[str(key)] = None if math.isnan(value) else float(value)
                elif isinstance(value, (int, np.integer)):
                    record[str(key)] = int(value)
                else:
                    record[str(key)] = value
            rows.append(record)
        return {"options": dict(self.options), "seed": self.seed, "level": self.level, "designs": rows}

    def __repr__(self) -> str:
        o = self.options
        return (
            f"Simulation({o.get('kind')} data, {len(self.table)} designs x "
            f"{o.get('replications')} replications; solution passes inclS >= {o.get('sol_cons')}, "
            f"covS >= {o.get('sol_cov')}; seed {self.seed})"
        )


def _sizes(value: Any, name: str, minimum: int) -> tuple[int, ...]:
    items: Iterable[Any]
    if isinstance(value, (str, bytes)) or value is None:
        items = [value]
    elif isinstance(value, Iterable):
        items = list(value)
    else:
        items = [value]
    sizes = []
    for item in items:
        try:
            sizes.append(check_int(item, name, _WHERE, minimum=minimum))
        except InvalidParameterError:
            raise InvalidParameterError(
                f"The '{name}' parameter of simulate must be an integer >= {minimum} or a "
                f"list of them. Got {value!r} instead."
            ) from None
    if not sizes:
        raise InvalidParameterError(
            f"The '{name}' parameter of simulate must name at least one size. Got {value!r} instead."
        )
    return tuple(sizes)


def simulate(
    cases: int | Sequence[int],
    conditions: int | Sequence[int],
    *,
    kind: str = "crisp",
    replications: int = 1000,
    incl_cut: float = 0.8,
    n_cut: int = 1,
    include: str = "",
    sol_cons: float = 0.8,
    sol_cov: float = 0.0,
    level: float = 0.95,
    seed: int | None = None,
    workers: int | None = None,
    scheduler: Any = None,
    output: Any = None,
    progress: bool | None = None,
) -> Simulation:
    """Share of random data sets that yield a solution passing the thresholds, per design.

    For each number of cases and each number of conditions, ``replications`` data sets
    are drawn at random (the outcome as random as the conditions); each goes through
    :func:`qca.truth_table` (``incl_cut``, ``n_cut``) and :func:`qca.minimize`
    (``include``). A data set *yields a solution* when some model of its solution has
    consistency ``inclS >= sol_cons`` and coverage ``covS >= sol_cov``.

    Parameters
    ----------
    cases : int or list of int
        Numbers of cases (each >= 2).
    conditions : int or list of int
        Numbers of conditions (each >= 1).
    kind : {"crisp", "fuzzy"}, default="crisp"
        Crisp: memberships 0 or 1, each with probability 1/2. Fuzzy: uniform on [0, 1].
    replications : int, default=1000
        Random data sets per design.
    incl_cut : float, default=0.8
        Truth-table consistency cut-off for a row to be positive.
    n_cut : int, default=1
        Cases a row needs to enter the minimization.
    include : {"", "?"}, default=""
        Conservative (``""``) or parsimonious (``"?"``) solution.
    sol_cons, sol_cov : float, default=0.8, 0.0
        Consistency and coverage a model must reach.
    level : float, default=0.95
        Confidence level of the Wilson intervals.
    seed : int, optional
        Root seed (default: fresh entropy, kept in the result's ``seed``).
    workers, scheduler, output, progress
        As :func:`qca.run_sweep`: local processes, a Dask scheduler, a JSON-lines file
        that records every replication (and resumes a killed run), a progress bar.

    Returns
    -------
    Simulation
        ``table`` (one row per design), ``pivot()``, ``seed``.

    Notes
    -----
    Replication *r* of design *d* is task ``d * replications + r`` of one sweep, with
    its own seed, so a study is identical for any backend or number of workers. Only
    counts are kept: memory does not grow with ``replications``.

    References
    ----------
    Marx, A., & Dusa, A. (2011). Crisp-set qualitative comparative analysis (csQCA),
    contradictions and consistency benchmarks for model specification. *Methodological
    Innovations Online* 6(2), 103-148. doi:10.4256/mio.2010.0037

    Examples
    --------
    >>> sim = simulate(12, [2, 4], kind="fuzzy", replications=30, seed=7, workers=1)
    >>> sim.pivot()
    conditions         2    4
    cases
    12          0.533333  0.8
    """
    case_sizes = _sizes(cases, "cases", 2)
    condition_sizes = _sizes(conditions, "conditions", 1)
    kind = check_choice(kind, "kind", _WHERE, ("crisp", "fuzzy"))
    replications = check_int(replications, "replications", _WHERE, minimum=1)
    design = _Design(
        cases=case_sizes,
        conditions=condition_sizes,
        kind=kind,
        replications=replications,
        incl_cut=check_fraction(incl_cut, "incl_cut", _WHERE),
        n_cut=check_int(n_cut, "n_cut", _WHERE, minimum=1),
        include=check_choice(include, "include", _WHERE, _INCLUDES),
        sol_cons=check_fraction(sol_cons, "sol_cons", _WHERE),
        sol_cov=check_fraction(sol_cov, "sol_cov", _WHERE),
    )
    level = check_fraction(level, "level", _WHERE)
    if not 0 < level < 1:
        raise InvalidParameterError(
            f"The 'level' parameter of simulate must be a fraction strictly between 0 and 1. Got {level!r} instead."
        )
    if seed is None:
        seed = int(np.random.SeedSequence().entropy) % 2**63  # type: ignore[arg-type]
    options = {
        "kind": kind,
        "replications": replications,
        "incl_cut": design.incl_cut,
        "n_cut": design.n_cut,
        "include": design.include,
        "sol_cons": design.sol_cons,
        "sol_cov": design.sol_cov,
    }
    pairs = design.pairs
    results = run_sweep(
        _replication,
        range(len(pairs) * replications),
        context=design,
        seed=seed,
        workers=workers,
        scheduler=scheduler,
        output=output,
        identity={**options, "cases": list(case_sizes), "conditions": list(condition_sizes)},
        progress=progress,
        label="simulate",
        unit="data sets",
        where=_WHERE,
    )
    solutions = np.zeros(len(pairs), dtype=int)
    contradictions = np.zeros(len(pairs), dtype=int)
    for task, (passed, contradiction) in enumerate(results):
        d = task // replications
        solutions[d] += passed
        contradictions[d] += max(contradiction, 0)
    rows = []
    for d, (n, k) in enumerate(pairs):
        low, high = wilson_interval(int(solutions[d]), replications, level)
        rows.append(
            {
                "cases": n,
                "conditions": k,
                "kind": kind,
                "replications": replications,
                "solutions": int(solutions[d]),
                "share": solutions[d] / replications,
                "ci_low": low,
                "ci_high": high,
                "contradictions": contradictions[d] / replications if kind == "crisp" else math.nan,
            }
        )
    table = pd.DataFrame(rows).set_index(["cases", "conditions"])
    return Simulation(table=table, options=options, seed=int(seed), level=level)
