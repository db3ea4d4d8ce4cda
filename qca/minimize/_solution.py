"""The results of minimization: :class:`Model`, :class:`IntermediateSolution`, :class:`Solution`.

The parameters of fit follow R QCA (SEMANTICS.md, "Formulas"): X is a case's membership
in a term, Y in the outcome; inclS = sum(min(X, Y)) / sum(X), covS = sum(min(X, Y)) /
sum(Y), PRI = (sum(min(X, Y)) - sum(min(X, Y, 1 - Y))) / (sum(X) - sum(min(X, Y, 1 - Y))),
and the unique coverage of term j within a model is (sum(min(Xj, Y)) - sum(min(Xj, Y,
max_{k != j} Xk))) / sum(Y) (NaN for a model of one term). A model's own inclS, PRI and
covS use the fuzzy union (maximum) of its terms. Values below 1e-5 are reported as 0.

>>> import numpy as np
>>> x = np.array([[0.2, 0.9, 0.6], [0.7, 0.1, 0.6]])
>>> y = np.array([0.3, 1.0, 0.7])
>>> table, whole = fit_measures(x, y)
>>> [round(v, 3) for v in table["covU"]], round(whole["covS"], 3)
([0.4, 0.05], 0.9)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from qca._text import display_width, pad_left, pad_right
from qca._validation import TOL
from qca.fit import CaseMaxima, sufficiency_measures, unique_coverage_blocks
from qca.minimize._compact import compact_of
from qca.minimize._factors import LONG_MODEL, ModelFactors, count_lines, exchange_text
from qca.minimize._modelset import ModelList

__all__ = [
    "Model",
    "ModelFactors",
    "SharedTerms",
    "IntermediateSolution",
    "Solution",
    "fit_measures",
    "fit_frame",
    "union_fit",
]

FIT_COLUMNS = ["inclS", "PRI", "covS", "covU", "cases"]
_ZERO = 1e-5
_REPR_MODELS = 10


_BLOCK_CELLS = 1 << 21  # memberships converted to float at a time (16 MB)


def _zeroed(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    return np.where(np.abs(values) < _ZERO, 0.0, values)


def _three(m: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    values = sufficiency_measures(m, y)  # the measures live in qca/fit.py
    return _zeroed(values["inclS"]), _zeroed(values["PRI"]), _zeroed(values["covS"])


def _row_blocks(x: np.ndarray, rows: np.ndarray | None, n: int) -> Iterator[np.ndarray]:
    """Rows of ``x`` (all, or those listed) as float64, a few at a time: ``x`` may be
    stored compactly (e.g. uint8) and is never copied whole."""
    m = len(x) if rows is None else len(rows)
    step = max(1, _BLOCK_CELLS // max(1, n))
    for s in range(0, m, step):
        part = x[s : s + step] if rows is None else x[rows[s : s + step]]
        yield np.asarray(part, dtype=float)


def fit_measures(
    x: np.ndarray, y: np.ndarray, rows: Sequence[int] | np.ndarray | None = None
) -> tuple[dict[str, list[float]], dict[str, float]]:
    """inclS, PRI, covS and covU of each term (rows of ``x``, or the ``rows`` listed), and
    of their union.

    Returns a dict of lists (one value per term, ``covU`` NaN for a single term) and a
    dict with the union's ``inclS``, ``PRI`` and ``covS``. ``x`` may be stored compactly
    (e.g. uint8 for crisp memberships): it is read in blocks of rows, in one pass.
    """
    y = np.asarray(y, dtype=float)
    x = np.asarray(x).reshape(-1, len(y))
    index = None if rows is None else np.asarray(rows, dtype=np.intp)
    m = len(x) if index is None else len(index)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    union = np.zeros_like(y)

    def blocks() -> Iterator[np.ndarray]:
        for block in _row_blocks(x, index, len(y)):
            parts.append(_three(block, y))
            np.maximum(union, block.max(axis=0, initial=0.0), out=union)
            yield block

    covu = _zeroed(unique_coverage_blocks(blocks(), m, y))
    incl, pri, cov = (np.concatenate([p[i] for p in parts]) if parts else np.zeros(0)
                      for i in range(3))
    u_incl, u_pri, u_cov = _three(union[None, :], y)
    table = {
        "inclS": [float(v) for v in incl],
        "PRI": [float(v) for v in pri],
        "covS": [float(v) for v in cov],
        "covU": [float(v) for v in covu],
    }
    whole = {"inclS": float(u_incl[0]), "PRI": float(u_pri[0]), "covS": float(u_cov[0])}
    return table, whole


def union_fit(union: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """inclS, PRI and covS of a model from its union membership (no per-term table).

    >>> union_fit(np.array([1.0, 1.0, 0.0]), np.array([1.0, 0.0, 1.0]))
    {'inclS': 0.5, 'PRI': 0.5, 'covS': 0.5}
    """
    u_incl, u_pri, u_cov = _three(np.asarray(union, dtype=float)[None, :], np.asarray(y, dtype=float))
    return {"inclS": float(u_incl[0]), "PRI": float(u_pri[0]), "covS": float(u_cov[0])}


def union_membership(x: np.ndarray, rows: Sequence[int] | np.ndarray, n: int) -> np.ndarray:
    """Membership in the union (fuzzy OR) of the listed rows of ``x``, as float64 (the
    maximum is taken in ``x``'s own type, exact, and converted once)."""
    union = np.zeros(n, dtype=x.dtype)
    rows = np.asarray(rows, dtype=np.intp)
    step = max(1, (_BLOCK_CELLS * 8 // max(1, x.itemsize)) // max(1, n))
    for s in range(0, len(rows), step):
        np.maximum(union, x[rows[s : s + step]].max(axis=0), out=union)
    return union.astype(float)


def fit_frame(
    names: list[str], x: np.ndarray, y: np.ndarray, cases: list[str],
    rows: Sequence[int] | np.ndarray | None = None,
) -> tuple[pd.DataFrame, dict[str, float]]:
    """The fit table of some terms (indexed by term) and the fit of their union; the
    terms' memberships are the rows of ``x`` (or the ``rows`` listed, in that order)."""
    values, whole = fit_measures(x, y, rows)
    frame = pd.DataFrame(values, index=pd.Index(names, name="term"))
    frame["cases"] = cases
    return frame[FIT_COLUMNS], whole


def _fmt(value: float) -> str:
    return "" if value is None or np.isnan(value) else f"{value:.3f}"


def _fit_text(fit: pd.DataFrame, total: tuple[str, dict[str, float]] | None) -> list[str]:
    rows = [[str(t)] + [_fmt(fit.at[t, c]) for c in FIT_COLUMNS[:4]] + [str(fit.at[t, "cases"])]
            for t in fit.index]
    if total is not None:
        name, whole = total
        rows.append([name] + [_fmt(whole[c]) for c in ("inclS", "PRI", "covS")] + ["", ""])
    header = ["", *FIT_COLUMNS]
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(5)]
    lines = []
    for r in [header, *rows]:
        cells = [pad_right(r[0], widths[0])] + [pad_left(r[i], widths[i]) for i in range(1, 5)]
        lines.append("  ".join(cells) + "  " + r[5])
    return [line.rstrip() for line in lines]


class SharedTerms:
    """The prime implicants of the models of one solution, each stored once.

    Every model is a set of rows of this table (``models``, a :class:`ModelList` of
    ascending row positions: a base shared by all plus each model's own). The text of
    each term, its implicant, its cases and its memberships are kept once here; a
    :class:`Model` reads its own rows when asked. ``cases`` and ``members`` (one row per
    term, one column per case; uint8 for crisp data) are computed on first use.
    """

    def __init__(self, names: list[str], implicants: np.ndarray, models: ModelList, y: np.ndarray,
                 cases: Callable[[], list[str]], members: Callable[[], np.ndarray],
                 assumptions: Callable[[np.ndarray], pd.DataFrame],
                 union_of: Callable[[np.ndarray], np.ndarray | None] | None = None):
        self.names = names
        self.implicants = implicants
        self.models = models
        self.y = y
        self._cases = cases
        self._members = members
        self._assumptions = assumptions
        self._union_of = union_of

    @cached_property
    def cases(self) -> list[str]:
        return self._cases()

    @cached_property
    def members(self) -> np.ndarray:
        return self._members()

    def rows(self, model: int) -> np.ndarray:
        """Positions of model ``model``'s terms, ascending (R's order)."""
        return self.models.indices(model)

    def terms(self, model: int) -> tuple[str, ...]:
        names = self.names
        return tuple([names[r] for r in self.rows(model).tolist()])

    @cached_property
    def _term_fit(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """inclS, PRI and covS of every term (they do not depend on the model)."""
        parts = [_three(block, self.y)
                 for block in _row_blocks(self.members, None, len(self.y))]
        return tuple(  # type: ignore[return-value]
            np.concatenate([p[i] for p in parts]) if parts else np.zeros(0) for i in range(3)
        )

    def _extend(self, maxima: CaseMaxima, rows: np.ndarray) -> None:
        """Add the terms at ``rows`` to ``maxima``, a block of rows at a time."""
        start = 0
        for block in _row_blocks(self.members, rows, len(self.y)):
            maxima.add(block, rows[start : start + len(block)])
            start += len(block)

    @cached_property
    def _base_maxima(self) -> CaseMaxima:
        maxima = CaseMaxima(len(self.y))
        base = self.models.base
        self._extend(maxima, base)
        return maxima

    def fit_of_all(self, order: np.ndarray) -> pd.DataFrame:
        """The fit table of every term, in ``order``, with covU relative to all of them
        (R's ``IC$overall``): the shared base's maxima extended by every other term."""
        everything = np.arange(len(self.names))
        others = np.setdiff1d(everything, self.models.base)
        maxima = self._base_maxima.copy()
        self._extend(maxima, others)
        return self._frame(np.asarray(order), _zeroed(maxima.unique_coverage(self.y, everything))[order])

    def _frame(self, rows: np.ndarray, covu: np.ndarray) -> pd.DataFrame:
        incl, pri, cov = self._term_fit
        picked = rows.tolist()
        frame = pd.DataFrame(
            {"inclS": incl[rows], "PRI": pri[rows], "covS": cov[rows], "covU": covu,
             "cases": [self.cases[r] for r in picked]},
            index=pd.Index([self.names[r] for r in picked], name="term"),
        )
        return frame[FIT_COLUMNS]

    def fit(self, model: int) -> tuple[pd.DataFrame, dict[str, float]]:
        """The model's fit table and whole fit: the terms' own measures once for all
        models; covU from the maxima of the shared base extended by the model's terms."""
        rows = self.rows(model)
        extra = self.models.extra(model)
        maxima = self._base_maxima.copy() if len(extra) else self._base_maxima
        self._extend(maxima, extra)
        return self._frame(rows, _zeroed(maxima.unique_coverage(self.y, rows))), self.union(model)

    def union_of(self, rows: np.ndarray) -> np.ndarray:
        """Membership in the union of the terms at ``rows`` (float64)."""
        if self._union_of is not None and "members" not in self.__dict__:
            union = self._union_of(rows)  # without every term's memberships (crisp data)
            if union is not None:
                return union
        members = self.members
        return union_membership(members, rows, members.shape[1])

    @cached_property
    def _base_union(self) -> np.ndarray:
        return self.union_of(self.models.base)

    def union(self, model: int) -> dict[str, float]:
        # the union of the terms every model shares, once; then each model's own terms
        union = self._base_union
        extra = self.models.extra(model)
        if len(extra):
            union = np.maximum(union, self.union_of(extra))
        return union_fit(union, self.y)

    def assumptions(self, model: int) -> pd.DataFrame:
        return self._assumptions(self.implicants[self.rows(model)])


@dataclass(frozen=True, eq=False)
class Model:
    """One model (a sum of prime implicants) of a solution.

    Attributes
    ----------
    name : str
        ``"M1"``, ``"M2"``, ... in R's order.
    terms : tuple of str
        The terms in R's prime implicant order; ``str(model)`` joins them with ``" + "``.
    fit : pandas.DataFrame
        Indexed by term: ``inclS``, ``PRI``, ``covS``, ``covU`` (unique coverage within
        this model; NaN for a single-term model) and ``cases`` (the cases of the explained
        rows the term covers: ids joined by ``","`` within a row, ``"; "`` between rows).
    inclS, PRI, covS : float
        Fit of the whole model (the fuzzy union of its terms).
    outcome : str
        The outcome explained.
    implicants : numpy.ndarray
        One row per term: the value each condition takes in it (-1 when absent).
    simplifying_assumptions : pandas.DataFrame
        Every configuration the terms cover that is not an explained row, indexed by row
        number (in the space without a temporal ``"-"`` level), one column per condition.
        Computed on first access.

    The terms of all models of a solution are stored once (:class:`SharedTerms`); a
    model's terms and parameters of fit are read from there on access, so that a
    solution with thousands of models of thousands of terms stays small and cheap until
    they are read.
    """

    name: str
    outcome: str
    _shared: SharedTerms = field(repr=False)
    _index: int = 0

    @property
    def terms(self) -> tuple[str, ...]:
        """The terms, in R's prime implicant order."""
        return self._shared.terms(self._index)

    @property
    def implicants(self) -> np.ndarray:
        """The terms as implicants (one row each; -1 where a condition is absent)."""
        return self._shared.implicants[self._shared.rows(self._index)]

    @cached_property
    def _union_values(self) -> dict[str, float]:
        # the whole model's fit without the per-term table, unless that is already there
        if "_fit_values" in self.__dict__:
            return self._fit_values[1]
        return self._shared.union(self._index)

    @cached_property
    def _fit_values(self) -> tuple[pd.DataFrame, dict[str, float]]:
        return self._shared.fit(self._index)

    @property
    def fit(self) -> pd.DataFrame:
        """Fit of each term (computed on first access)."""
        return self._fit_values[0]

    @property
    def inclS(self) -> float:  # noqa: N802 - R's name
        """Inclusion (consistency) of the whole model."""
        return self._union_values["inclS"]

    @property
    def PRI(self) -> float:  # noqa: N802 - R's name
        """Proportional reduction in inconsistency of the whole model."""
        return self._union_values["PRI"]

    @property
    def covS(self) -> float:  # noqa: N802 - R's name
        """Coverage of the whole model."""
        return self._union_values["covS"]

    @cached_property
    def simplifying_assumptions(self) -> pd.DataFrame:
        """Configurations covered by the model that are not explained rows."""
        return self._shared.assumptions(self._index)

    @property
    def relation(self) -> str:
        """``"<->"`` when the model's coverage is 1 (necessary as well), else ``"->"``."""
        return "<->" if self.covS + TOL > 1 else "->"

    def __str__(self) -> str:
        return " + ".join(self.terms)

    def __repr__(self) -> str:
        return (
            f"Model({self.name}: {self} {self.relation} {self.outcome}; inclS={self.inclS:.3f}, "
            f"PRI={self.PRI:.3f}, covS={self.covS:.3f})"
        )

    def _repr_html_(self) -> str:
        from qca._html import model_html

        return model_html(self)

    def summary(self) -> str:
        """The model, then its fit table with a last row for the whole model."""
        head = f"{self.name}: {self} {self.relation} {self.outcome}"
        return "\n".join([head, "", *_fit_text(self.fit, (self.name, self._whole))])

    @property
    def _whole(self) -> dict[str, float]:
        return {"inclS": self.inclS, "PRI": self.PRI, "covS": self.covS}


@dataclass(frozen=True, eq=False)
class IntermediateSolution:
    """The intermediate solution of one conservative model (C_i) and one parsimonious model (P_j).

    Attributes
    ----------
    name : str
        ``"C1P1"``, ``"C1P2"``, ...
    conservative, parsimonious : Model
        The two models it lies between.
    models : list of Model
        The intermediate models: a conservative minimization of the explained rows plus
        the easy counterfactuals.
    prime_implicants, essential : tuple of str
        Of the intermediate minimization (PIs used in some model; those in every model).
    easy_counterfactuals, difficult_counterfactuals : pandas.DataFrame
        The parsimonious model's simplifying assumptions that agree with the directional
        expectations, and the others; indexed by row number.
    """

    name: str
    conservative: Model
    parsimonious: Model
    models: list[Model]
    prime_implicants: tuple[str, ...]
    essential: tuple[str, ...]
    easy_counterfactuals: pd.DataFrame
    difficult_counterfactuals: pd.DataFrame
    complete: bool = True
    lower_bound: int = 0

    def __repr__(self) -> str:
        models = ", ".join(f"'{m}'" for m in self.models)
        return (
            f"IntermediateSolution({self.name}: models=[{models}], "
            f"easy={list(self.easy_counterfactuals.index)}, "
            f"difficult={list(self.difficult_counterfactuals.index)})"
        )


@dataclass(frozen=True, eq=False)
class Solution:
    """The result of :func:`qca.minimize`.

    Attributes
    ----------
    outcome : str
        The outcome explained (e.g. ``"~SURV"``).
    conditions : tuple of str
    kind : str
        ``"conservative"``, ``"parsimonious"`` or ``"intermediate"``.
    models : list of Model
        M1, M2, ... in R's order (for an intermediate solution: the intermediate models
        of C1P1, C1P2, ..., in that order, each listed once).
    prime_implicants : tuple of str
        The PIs used in some model, in R's order (for an intermediate solution: those of
        the parsimonious solution).
    essential : tuple of str
        The PIs found in every model, as R QCA reports its essential PIs (idem).
    fit : pandas.DataFrame
        R's ``IC$overall``: one row per term used in some model of ``models``, with
        ``covU`` relative to all those terms together, and ``cases``. Computed on first
        access.
    pi_chart : pandas.DataFrame
        Boolean prime implicant chart: the PIs (rows; those left after ``row_dom``) and
        the explained rows (columns, by truth-table row number). Computed on first access.
    parsimonious_models, conservative_models : list of Model
        The parsimonious models (when remainders were used) and the conservative ones
        (when computed: ``include`` without ``"?"``, or an intermediate solution).
    intermediate : dict of str to IntermediateSolution
        ``"C1P1"``, ... when ``dir_exp`` was given; empty otherwise.
    complete : bool
        True when the minimum number of terms is proven and ``model_count`` is exact
        (the list in ``models`` may still be cut at the listing cap).
    lower_bound : int
        Proven minimum number of terms of any model.
    model_count : int or None
        How many minimal models exist (a Python int, however large); None when counting
        stopped at its effort bound (``model_count_lower`` is then a proven lower bound).
    model_count_lower : int
        Proven lower bound on the number of minimal models (equal to ``model_count``
        when that is known).
    factors : ModelFactors or None
        Every minimal model as a fixed core plus one alternative of each independent
        part; useful when there are too many models to list. Computed on first access.
    notes : tuple of str
        What was proven and what was not.
    excluded : tuple of int
        Row numbers that were not allowed as remainders (``exclude``, ``esa``).
    options : dict
        The options used.
    """

    outcome: str
    conditions: tuple[str, ...]
    kind: str
    models: list[Model]
    prime_implicants: tuple[str, ...]
    essential: tuple[str, ...]
    parsimonious_models: list[Model]
    conservative_models: list[Model]
    intermediate: dict[str, IntermediateSolution]
    complete: bool
    lower_bound: int
    notes: tuple[str, ...]
    excluded: tuple[int, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    model_count: int | None = None
    model_count_lower: int = 0
    _chart: Callable[[], pd.DataFrame] | None = field(default=None, repr=False)
    labels: dict[str, str] = field(default_factory=dict, repr=False)
    _fit: Callable[[], pd.DataFrame] | None = field(default=None, repr=False)
    _factors: Callable[[], ModelFactors | None] | None = field(default=None, repr=False)

    @cached_property
    def factors(self) -> ModelFactors | None:
        """Every minimal model as a core and parts (computed on first access)."""
        return None if self._factors is None else self._factors()

    @cached_property
    def fit(self) -> pd.DataFrame:
        """R's ``IC$overall`` (computed on first access)."""
        if self._fit is None:
            return pd.DataFrame(columns=FIT_COLUMNS)
        return self._fit()

    @cached_property
    def pi_chart(self) -> pd.DataFrame:
        """The prime implicant chart (computed on first access)."""
        if self._chart is None:
            return pd.DataFrame()
        return self._chart()

    def __repr__(self) -> str:
        shown = self.models[:_REPR_MODELS]
        first = list(shown[0].terms) if shown else []
        models = ""
        for i, m in enumerate(shown):
            text = str(m)
            if i and len(first) > LONG_MODEL:  # long models: how each differs from the first
                text = f"{shown[0].name} {exchange_text(first, m.terms)}"
            models += f"\n  {m.name}: {text} {m.relation} {self.outcome}"
        if len(self.models) > len(shown):
            models += f"\n  ... and {len(self.models) - len(shown)} more models"
        counted = self._count_lines()
        models += "".join(f"\n  {line}" for line in counted[:1])
        models += "".join(f"\n    {line}" for line in counted[1:])
        flag = "" if self.complete else " (incomplete: see .notes)"
        return f"Solution({self.kind} solution of {self.outcome}{flag}:{models}\n)"

    def _count_lines(self, name: Callable[[str], str] | None = None) -> list[str]:
        """How many minimal models exist and their factorized description, when more
        exist than are listed (else nothing); ``name`` prints each term (set labels)."""
        return count_lines(self.model_count, self.model_count_lower, len(self.models),
                           lambda: self.factors, name)

    def _repr_html_(self) -> str:
        from qca._html import solution_html

        return solution_html(self)

    def to_dict(self) -> dict[str, Any]:
        """Plain types for JSON: the models listed, their count and factorized form, and
        what was proven (parameters of fit are in :meth:`to_frame`).

        ``models`` holds ``str()`` of each model listed; when they hold more than 10,000
        terms in all (``qca.minimize._compact.COMPACT_TERMS``), ``models`` is None and
        ``models_compact`` gives them with each term written once: ``terms``, M1's
        positions ``first``, and per model the positions ``added`` to and ``removed``
        from M1's (model i is the terms at ``sorted(set(first) - set(removed[i]) |
        set(added[i]))`` joined with ``" + "``).
        """
        compact = self.compact_models()
        listed: dict[str, Any] = {"models": None, "models_compact": compact}
        if compact is None:
            listed = {"models": [str(m) for m in self.models]}
        return {
            "kind": self.kind,
            "outcome": self.outcome,
            **listed,
            "model_count": self.model_count,
            "model_count_lower": self.model_count_lower,
            "factors": self.factors.to_dict() if self.factors is not None else None,
            "prime_implicants": list(self.prime_implicants),
            "essential": list(self.essential),
            "complete": self.complete,
            "lower_bound": self.lower_bound,
            "notes": list(self.notes),
        }

    def compact_models(self) -> dict[str, Any] | None:
        """The models listed with each term written once (``terms``, ``first``, ``added``,
        ``removed``: see :meth:`to_dict`), or None when they hold at most 10,000 terms in
        all."""
        return compact_of(self.models)

    def to_frame(self) -> pd.DataFrame:
        """The term-level table: one row per (model, term) with its parameters of fit.

        Columns ``inclS``, ``PRI``, ``covS``, ``covU`` (within the model), ``cases`` and
        ``essential`` (the term is in every model); a MultiIndex (``model``, ``term``).
        """
        parts = []
        essential = set.intersection(*(set(m.terms) for m in self.models)) if self.models else set()
        for model in self.models:
            frame = model.fit.copy()
            frame["essential"] = [t in essential for t in frame.index]
            frame.index = pd.MultiIndex.from_tuples(
                [(model.name, t) for t in frame.index], names=["model", "term"]
            )
            parts.append(frame)
        if not parts:
            return pd.DataFrame(columns=[*FIT_COLUMNS, "essential"])
        return pd.concat(parts)

    def summary(self) -> str:
        """What a paper reports: the models, each with its fit table and cases per term."""
        lines = [f"{self.kind.capitalize()} solution for {self.outcome} "
                 f"({len(self.models)} model{'s' if len(self.models) != 1 else ''})"]
        if self.kind == "intermediate":
            for key, part in self.intermediate.items():
                lines += ["", f"From {key} (C: {part.conservative}; P: {part.parsimonious}):",
                          f"  easy counterfactuals: {_rows(part.easy_counterfactuals)}",
                          f"  difficult counterfactuals: {_rows(part.difficult_counterfactuals)}"]
                for model in part.models:
                    lines += ["", *model.summary().splitlines()]
        else:
            for model in self.models:
                lines += ["", *model.summary().splitlines()]
            if len(self.models) > 1:
                lines += ["", "All prime implicants used (covU relative to all of them):", "",
                          *_fit_text(self.fit, None)]
        counted = self._count_lines()
        if counted:
            lines += ["", counted[0], *(f"  {line}" for line in counted[1:])]
        if self.excluded:
            lines += ["", f"Rows excluded as remainders: {list(self.excluded)}"]
        if not self.complete:
            lines += ["", "Incomplete: " + " ".join(self.notes)]
        return "\n".join(lines)


def _rows(frame: pd.DataFrame) -> str:
    rows = [int(r) for r in frame.index]
    return ", ".join(map(str, rows)) if rows else "none"
