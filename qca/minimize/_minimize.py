"""``qca.minimize``: conservative, parsimonious and intermediate solutions of a truth table."""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from qca._exclusions import warn_observed_exclusions
from qca._html import labels_of
from qca._tt_options import check_explain, explain_contradictions
from qca._validation import TOL, check_bool, check_fraction, check_keywords
from qca.exceptions import InvalidParameterError, NoSolutionError, QCAWarning, TooManyRowsError
from qca.fit import inclusion
from qca.minimize._ccubes_method import ccubes_primes, ccubes_solve
from qca.minimize._chart import MAX_MODELS, ChartPart
from qca.minimize._core import ChartSolution, covers, prime_implicants, solve_chart
from qca.minimize._cover_listing import FACTOR_COVERS
from qca.minimize._intermediate import Expectations, easy_counterfactuals, parse_dir_exp
from qca.minimize._listing import TermRows, too_many_assumptions
from qca.minimize._modelset import ModelList
from qca.minimize._order import lexicographic_order
from qca.minimize._packed import unpack_rows
from qca.minimize._pi_cons import consistent_primes
from qca.minimize._pi_pairs import PairedPrimes
from qca.minimize._primes import covers_packed
from qca.minimize._problem import Problem, build_problem, require_explained
from qca.minimize._remainders import esa_rows
from qca.minimize._solution import (
    IntermediateSolution,
    Model,
    ModelFactors,
    SharedTerms,
    Solution,
    fit_frame,
)

__all__ = ["minimize"]

#: The values of ``method`` (see :func:`minimize`); "qmc" and "eqmc" give "complete"'s answer.
METHODS = ("complete", "ccubes", "qmc", "eqmc")
_WHERE = "minimize"
#: PIs as a term array, or as (row, mask) pairs decoded on demand
Terms = np.ndarray | PairedPrimes


# ---------------------------------------------------------------------- options
def _check_bool(value: Any, name: str) -> bool:
    return check_bool(value, name, _WHERE)


def _check_include(value: Any) -> tuple[bool, bool]:
    """``include`` -> (remainders, contradictions).

    ``""`` (conservative), ``"?"``, ``"C"``, ``"?, C"`` or ``"C, ?"`` (any spacing, or a
    list such as R's ``c("?", "C")``); no empty entries, nothing else.
    """
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        parts = [v.strip() for v in value]
    elif isinstance(value, str):
        parts = [p.strip() for p in value.split(",")] if value.strip() else []
    else:
        parts = None
    if parts is None or any(p not in ("?", "C", "c") for p in parts):
        raise InvalidParameterError(
            "The 'include' parameter of minimize must be '' (conservative), '?' "
            f"(parsimonious), 'C' or '?, C'. Got {value!r} instead."
        )
    return "?" in parts, any(p in ("C", "c") for p in parts)


def check_method(value: Any, where: str = _WHERE) -> str:
    """The ``method`` of :func:`minimize` (or of an analysis), lower-cased, or a QCAError."""
    if isinstance(value, str) and value.strip().lower() in METHODS:
        return value.strip().lower()
    raise InvalidParameterError(
        f"The 'method' parameter of {where} must be one of 'complete' (every prime "
        "implicant, every minimal model), 'ccubes' (R QCA's default CCubes search, "
        "R's list of models), 'qmc' or 'eqmc' (R's complete methods, same as "
        f"'complete'); case-insensitive. Got {value!r} instead."
    )


def _truth_table_keywords() -> list[str]:
    from qca.truth_table import truth_table

    return [p for p in inspect.signature(truth_table).parameters if p != "data"]


def _truth_table(tt: Any, tt_options: dict[str, Any]) -> Any:
    from qca.truth_table import TruthTable, truth_table

    if tt_options:
        own = [p for p in inspect.signature(minimize).parameters if p not in ("tt", "tt_options")]
        accepted = dict.fromkeys([*own, *_truth_table_keywords()])  # with data, truth_table's
        check_keywords(tt_options, accepted, _WHERE)
    if isinstance(tt, TruthTable):
        if tt_options:
            raise InvalidParameterError(
                "minimize takes truth_table keywords only with a DataFrame of data; with a "
                f"TruthTable use tt.rebuild(...). Got {sorted(tt_options)} instead."
            )
        return tt
    if isinstance(tt, pd.DataFrame):
        if "outcome" not in tt_options:
            raise InvalidParameterError(
                "minimize with a DataFrame needs the truth_table keywords, at least "
                "outcome=..., e.g. minimize(data, outcome='SURV', incl_cut=0.8)."
            )
        return truth_table(tt, **tt_options)
    raise InvalidParameterError(
        "The 'tt' parameter of minimize must be a TruthTable (or a DataFrame with "
        f"truth_table keywords). Got {type(tt).__name__} instead."
    )


def _lower_incl_cut(tt: Any, pi_cons: float, sol_cons: float) -> Any:
    """Given data, incl_cut 1 and pi_cons or sol_cons above 0, the cut for the presence of
    the outcome becomes the smaller of the cuts above 0 (R: the smaller of the two)."""
    cuts = [c for c in (pi_cons, sol_cons) if c > 0]
    ic1, ic0 = tt.options["incl_cut"]
    if not cuts or ic1 < 1:
        return tt
    return tt.rebuild(incl_cut=min(cuts) if ic0 == ic1 else (min(cuts), ic0))


def _warn_observed(tt: Any, problem: Problem) -> None:
    """QCAWarning for rows of ``exclude`` that are observed and coded "1" or "C"."""
    if not problem.excluded:
        return
    table = tt.table.sort_index()
    full = (problem.configs >= 0).all(axis=1)
    numbers = np.zeros(len(problem.configs), dtype=np.int64)
    if full.any():
        numbers[full] = problem.space.row_numbers(problem.configs[full])
    hit = np.flatnonzero(full & problem.observed & np.isin(numbers, problem.excluded))
    warn_observed_exclusions(
        [int(numbers[i]) for i in hit],
        [str(table["OUT"].iloc[i]) for i in hit],
        [problem.cases[i] for i in hit],
        _WHERE,
    )


# ---------------------------------------------------------------------- solving
def _primes(problem: Problem, remainders: bool, include_c: bool, dc_extra: np.ndarray | None = None,
            pi_cons: float = 0.0, paired: bool = False) -> Terms:
    """The PIs in R's order; with ``paired``, large transversal sets as undecoded pairs."""
    on = problem.explained
    levels = problem.space.levels
    if pi_cons > 0:
        return consistent_primes(on, problem.literals, problem.y, pi_cons)
    off = problem.negatives(include_c)
    if remainders:
        return prime_implicants(on, off, levels, remainders=True, paired=paired)
    parts = [problem.contradictions] if include_c else []
    if dc_extra is not None and len(dc_extra):
        parts.append(np.asarray(dc_extra, dtype=np.int16))
    dc = np.concatenate(parts) if parts else np.zeros((0, len(levels)), dtype=np.int16)
    return prime_implicants(on, off, levels, dc=dc, remainders=False)


def _solve(problem: Problem, pis: Terms, *, all_sol: bool, row_dom: bool, sol_cons: float,
           pi_cons: float = 0.0, max_models: int = MAX_MODELS) -> ChartSolution:
    on = problem.explained
    # a bit per (PI, row): 1/8 of a boolean chart; in a list that solve_chart empties, so
    # that it holds the only reference and frees the chart once it has the classes
    charts = [covers_packed(pis, on)]
    seen = np.bitwise_or.reduce(charts[0].bits, axis=0)  # rows covered by some PI
    uncovered = np.flatnonzero(~unpack_rows(seen[None, :], len(on))[0])
    if len(uncovered):
        rows = [int(problem.table_rows[problem.explained_mask][i]) for i in uncovered]
        why = (
            "no term of these rows reaches pi_cons"
            if pi_cons > 0
            else "every term of these rows covers a negative or excluded row"
        )
        raise NoSolutionError(
            f"No prime implicant covers the truth-table rows {rows} of {problem.outcome!r}: {why}."
        )
    solved = solve_chart(charts.pop(), all_sol=all_sol, row_dom=row_dom and not all_sol,
                         max_models=max_models)
    if sol_cons > 0:
        solved = _filter_sol_cons(problem, pis, solved, sol_cons)
    if not solved.models:
        raise NoSolutionError(
            f"The prime implicant chart of {problem.outcome!r} has no cover. "
            + " ".join(solved.notes)
        )
    return solved


def _model_inclusion(problem: Problem, pis: Terms, model: Sequence[int]) -> float:
    x = np.max([problem.term_membership(pis[i]) for i in model], axis=0)
    return float(inclusion(x, problem.y))


def _filter_sol_cons(problem: Problem, pis: Terms, solved: ChartSolution,
                     sol_cons: float) -> ChartSolution:
    """Keep the models whose inclS reaches sol_cons; if none, look among all irredundant covers."""

    def passing(models: Sequence[tuple[int, ...]]) -> list[tuple[int, ...]]:
        return [m for m in models if _model_inclusion(problem, pis, m) + TOL > sol_cons]

    kept = passing(solved.models)
    notes = list(solved.notes)
    if not kept:
        wider = solve_chart(covers_packed(pis, problem.explained), all_sol=True)
        kept = passing(wider.models)
        notes.append(
            f"no minimal model reaches sol_cons = {sol_cons}; models are the irredundant "
            "covers that do"
        )
        solved = wider
    if not kept:
        raise NoSolutionError(
            f"No model of {problem.outcome!r} reaches the solution consistency "
            f"sol_cons = {sol_cons}."
        )
    # the models kept are counted exactly only when every model was listed and checked
    every = solved.n_models is not None and len(solved.models) >= solved.n_models
    return replace(solved, models=kept, notes=notes, n_models=len(kept) if every else None,
                   n_models_lower=len(kept), complete=solved.complete and every,
                   core=(), parts=())


# ---------------------------------------------------------------------- results
def _cases(problem: Problem, terms: np.ndarray) -> list[str]:
    return problem.term_cases(terms, covers)


def _make_models(problem: Problem, pis: Terms, solved_models: Sequence[Sequence[int]],
                 explained_numbers: set[int]) -> list[Model]:
    """The models, their terms stored once (:class:`SharedTerms`): the text, cases and
    memberships of each PI used, and each model as the positions of its PIs among them."""
    listed = ModelList.from_models(solved_models, sort=False)
    used = np.asarray(listed.used(), dtype=np.int64)
    position = np.zeros(len(pis), dtype=np.int64)
    position[used] = np.arange(len(used))
    terms = pis[used]
    shared = SharedTerms(
        names=[problem.space.format(t) for t in terms],
        implicants=terms,
        models=listed.renumbered(position),
        y=problem.y,
        cases=lambda: _cases(problem, terms),
        members=lambda: _memberships(problem, terms, range(len(terms))),
        assumptions=_assumption_frame(problem, explained_numbers),
        union_of=_crisp_union(problem, terms),
    )
    return [Model(name=f"M{number}", outcome=problem.outcome, _shared=shared, _index=number - 1)
            for number in range(1, len(listed) + 1)]


def _memberships(problem: Problem, pis: np.ndarray, used: Sequence[int]) -> np.ndarray:
    """Membership of every case in each used PI (rows), one byte each when all are 0 or 1.

    Crisp data (every membership 0 or 1) is stored as uint8, an eighth of float64: the
    matrix is shared by all models (thousands of models of thousands of terms). A case
    is then in a term when its configuration is covered by it, which is found for all
    terms at once over the distinct configurations of the cases.
    """
    n = len(problem.y)
    terms = np.asarray(pis)[list(used)]
    values = _crisp_values(problem)
    if values is not None:
        if n > 512:  # many cases share configurations: cover each distinct one once
            distinct, inverse = np.unique(values, axis=0, return_inverse=True)
        else:
            distinct, inverse = values, np.arange(n)
        out = np.empty((len(terms), n), dtype=np.uint8)
        step = max(1, (1 << 22) // max(1, len(distinct)))
        for s in range(0, len(terms), step):
            out[s : s + step] = covers(terms[s : s + step], distinct)[:, inverse.reshape(-1)]
        return out
    crisp = all(np.isin(lit, (0.0, 1.0)).all() for row in problem.literals for lit in row)
    out = np.empty((len(terms), n), dtype=np.uint8 if crisp else np.float64)
    for r, term in enumerate(terms):
        out[r] = problem.term_membership(term)
    return out


def _crisp_union(problem: Problem, terms: np.ndarray) -> Any:
    """The union membership of some terms (rows of ``terms``) straight from which cases'
    configurations they cover, with no membership row per term; None when the data are
    not crisp (the caller then takes the maximum of the terms' memberships)."""
    known: dict[str, Any] = {}

    def union_of(rows: np.ndarray) -> np.ndarray | None:
        if "values" not in known:
            values = known["values"] = _crisp_values(problem)
            if values is not None and len(values) > 512:  # cover each configuration once
                distinct, inverse = np.unique(values, axis=0, return_inverse=True)
                known["distinct"], known["inverse"] = distinct, inverse.reshape(-1)
            elif values is not None:
                known["distinct"], known["inverse"] = values, np.arange(len(values))
        if known["values"] is None:
            return None
        distinct = known["distinct"]
        hit = np.zeros(len(distinct), dtype=bool)
        picked = terms[np.asarray(rows, dtype=np.intp)]
        step = max(1, (1 << 22) // max(1, len(distinct)))
        for s in range(0, len(picked), step):
            hit |= covers(picked[s : s + step], distinct).any(axis=0)
        return hit[known["inverse"]].astype(float)

    return union_of


def _crisp_values(problem: Problem) -> np.ndarray | None:
    """Each case's value of each condition when every membership is 0 or 1 and each case
    is in exactly one level of each condition (else None)."""
    n = len(problem.y)
    if problem.literals and all(len(levels) == 2 for levels in problem.literals):
        return _binary_values(problem.literals, n)
    values = np.empty((n, len(problem.literals)), dtype=np.int16)
    for j, levels in enumerate(problem.literals):
        stack = np.asarray(levels, dtype=float).reshape(len(levels), n)
        ones = stack == 1.0
        if not ((ones | (stack == 0.0)).all() and (ones.sum(axis=0) == 1).all()):
            return None
        values[:, j] = stack.argmax(axis=0)
    return values


def _binary_values(literals: list[list[np.ndarray]], n: int) -> np.ndarray | None:
    """:func:`_crisp_values` when every condition has two levels, checked all at once."""
    stack = np.asarray(literals, dtype=float).reshape(len(literals), 2, n)
    ones = stack == 1.0
    if not ((ones | (stack == 0.0)).all() and (ones.sum(axis=1) == 1).all()):
        return None
    return np.ascontiguousarray(ones[:, 1, :].T, dtype=np.int16)  # argmax of [x0, x1]


def _assumption_frame(problem: Problem, explained: set[int]) -> Any:
    cache = TermRows()  # the models of a solution share most of their terms

    def compute(terms: np.ndarray) -> pd.DataFrame:
        return problem.space.frame(_assumption_rows(problem, terms, explained, cache))

    return compute


def _assumption_rows(
    problem: Problem, terms: np.ndarray, explained: set[int], cache: TermRows | None = None
) -> list[int]:
    try:
        rows = problem.space.covered_rows(terms, cache=cache)
    except TooManyRowsError as exc:
        configs = problem.space.configurations(np.array(sorted(explained), dtype=np.int64))
        raise too_many_assumptions(exc, terms, configs) from None
    return [r for r in rows.tolist() if r not in explained]


def _factors(
    problem: Problem, pis: Terms, core: Sequence[int], parts: Sequence[ChartPart]
) -> ModelFactors | None:
    """The core and independent parts of every minimal model (of a
    :class:`ChartSolution`), as term strings."""
    if not parts and not core:
        return None

    names: dict[int, str] = {}  # each PI formatted once (parts share most of their PIs)

    def name(i: int) -> str:
        if i not in names:
            names[i] = problem.space.format(pis[i])
        return names[i]

    def text(model: Sequence[int]) -> str:
        return " + ".join(name(i) for i in sorted(model))

    def grouped(cover: Sequence[Sequence[int]]) -> str:
        """A class-level cover: each class with several PIs as ``(T1 | T2)``."""
        return " + ".join(
            name(c[0]) if len(c) == 1 else "(" + " | ".join(name(i) for i in c) + ")"
            for c in sorted(cover, key=min)
        )

    def alternatives(part: ChartPart) -> tuple[str, ...]:
        if len(part.covers) == 1 and len(part.covers[0]) == 1:  # one class: its PIs
            return tuple(name(i) for i in part.covers[0][0])
        if part.covers:
            return tuple(grouped(c) for c in part.covers)
        return tuple(text(m) for m in part.models[:FACTOR_COVERS])

    return ModelFactors(
        core=tuple(name(i) for i in core),
        parts=tuple(alternatives(part) for part in parts),
        counts=tuple(part.count for part in parts),
        counts_lower=tuple(part.count_lower for part in parts),
    )


def _essential(solved: ChartSolution) -> list[int]:
    """PIs in every model: the core, and those common to all alternatives of a part
    when the part's alternatives are all listed (else only what is proven: the core)."""
    if solved.n_models is not None and solved.n_models <= len(solved.models):
        return _common(solved.models)
    common = set(solved.core)
    for part in solved.parts:
        if part.count is not None and part.count <= len(part.models):
            common.update(_common(part.models))
    return sorted(common)


def _used(models: Sequence[Sequence[int]]) -> list[int]:
    if isinstance(models, ModelList):
        return models.used()
    return sorted({i for m in models for i in m})


def _common(models: Sequence[Sequence[int]]) -> list[int]:
    """PIs in every model: R's essential PIs (those printed outside parentheses)."""
    if isinstance(models, ModelList):
        return models.common()
    if not models:
        return []
    common = set(models[0])
    for model in models[1:]:
        if not common:
            break
        common.intersection_update(model)
    return sorted(common)


def _overall_fit(problem: Problem, models: Sequence[Model]) -> pd.DataFrame:
    """R's IC$overall: every term of some model, covU relative to all of them."""
    shared = {id(m._shared): m._shared for m in models}
    if len(shared) == 1:
        store = next(iter(shared.values()))
        if len(models) == len(store.models):  # every model of one table: all its terms
            return store.fit_of_all(lexicographic_order(store.implicants))
    seen: dict[str, np.ndarray] = {}
    for model in models:
        texts = model.terms
        if seen.keys() >= set(texts):
            continue  # every term already met (set operations, not a loop per term)
        for name, term in zip(texts, model.implicants, strict=True):
            seen.setdefault(name, term)
    if not seen:
        return pd.DataFrame(columns=["inclS", "PRI", "covS", "covU", "cases"])
    names = list(seen)
    terms = np.array([seen[n] for n in names])
    index = lexicographic_order(terms)
    order, terms = [names[i] for i in index], terms[index]
    members = _memberships(problem, terms, range(len(terms)))
    fit, _ = fit_frame(order, members, problem.y, _cases(problem, terms))
    return fit


def _chart_frame(problem: Problem, pis: Terms, used: Sequence[int],
                 full: np.ndarray | None = None) -> pd.DataFrame:
    """The PI chart of the PIs ``used``: ``full`` (one row per PI) when given, else covers."""
    rows = problem.table_rows[problem.explained_mask]
    if full is not None:
        chart = full[list(used)].reshape(len(used), len(rows))
    else:
        chart = covers(pis[list(used)], problem.explained) if len(used) else np.zeros((0, len(rows)), bool)
    return pd.DataFrame(
        chart,
        index=pd.Index([problem.space.format(pis[i]) for i in used], name="term"),
        columns=pd.Index([int(r) for r in rows], name="row"),
    )


# ---------------------------------------------------------------------- intermediate
def _intermediate(problem: Problem, exp: Expectations, cons_pis: np.ndarray, cons: ChartSolution,
                  pars_models: list[Model], cons_models: list[Model], *, include_c: bool,
                  all_sol: bool, row_dom: bool, explained: set[int]) -> dict[str, IntermediateSolution]:
    out: dict[str, IntermediateSolution] = {}
    for i, c_model in enumerate(cons_models, start=1):
        c_terms = cons_pis[list(cons.models[i - 1])]
        for j, p_model in enumerate(pars_models, start=1):
            try:
                sa_rows = _assumption_rows(problem, p_model.implicants, explained)
            except TooManyRowsError as exc:
                raise TooManyRowsError(
                    f"The intermediate solution C{i}P{j} needs the simplifying assumptions of "
                    f"the parsimonious model P{j} to find its easy counterfactuals. {exc}",
                    count=exc.count,
                    limit=exc.limit,
                ) from None
            sa_configs = problem.space.configurations(sa_rows)
            easy = easy_counterfactuals(c_terms, p_model.implicants, sa_configs, exp)
            ec_rows = [r for r, e in zip(sa_rows, easy, strict=True) if e]
            dc_rows = [r for r, e in zip(sa_rows, easy, strict=True) if not e]
            pis = _primes(problem, False, include_c, dc_extra=sa_configs[easy])
            solved = _solve(problem, pis, all_sol=all_sol, row_dom=row_dom, sol_cons=0.0)
            models = _make_models(problem, pis, solved.models, explained)
            used = _used(solved.models)
            key = f"C{i}P{j}"
            out[key] = IntermediateSolution(
                name=key,
                conservative=c_model,
                parsimonious=p_model,
                models=models,
                prime_implicants=tuple(problem.space.format(pis[u]) for u in used),
                essential=tuple(problem.space.format(pis[e]) for e in _common(solved.models)),
                easy_counterfactuals=problem.space.frame(ec_rows),
                difficult_counterfactuals=problem.space.frame(dc_rows),
                complete=solved.complete,
                lower_bound=solved.lower_bound,
            )
    return out


# ---------------------------------------------------------------------- the public function
def minimize(
    tt: Any,
    *,
    include: str = "",
    exclude: Sequence[int] | None = None,
    dir_exp: Any = None,
    row_dom: bool = False,
    all_sol: bool = False,
    pi_cons: float = 0.0,
    sol_cons: float = 0.0,
    method: str = "complete",
    esa: bool = False,
    explain: str = "1",
    max_models: int = MAX_MODELS,
    **tt_options: Any,
) -> Solution:
    """Minimize a truth table: conservative, parsimonious or intermediate solution.

    Parameters
    ----------
    tt : TruthTable or pandas.DataFrame
        The truth table (:func:`qca.truth_table`), or data together with the keywords of
        :func:`qca.truth_table` (``outcome=``, ``conditions=``, ``incl_cut=``, ...).
    include : str, default=""
        ``""`` (conservative solution: no remainders), ``"?"`` (parsimonious: remainders
        may be used) or ``"?, C"`` (contradictions may be used as well). Rows coded
        ``"C"`` are negative unless included, and are never rows to explain.
    exclude : int or list of int, optional
        Row numbers that may not be used as remainders (e.g. untenable or contradictory
        simplifying assumptions); they are treated as negative rows. An observed row
        coded ``"1"`` or ``"C"`` named here is recoded ``"0"`` too (as R does), with a
        QCAWarning: its cases are no longer explained. With a temporal
        ``"-"`` condition, numbers are in the space without the ``"-"`` level (as
        simplifying assumptions and :func:`qca.find_rows` give them). Rows excluded in
        :func:`qca.truth_table` stay excluded.
    dir_exp : mapping or str, optional
        Directional expectations for the intermediate solution (needs ``"?"`` in
        ``include``): ``{"DEV": 1, "IND": 0, "URB": "-"}`` or R's string form
        ``"DEV, ~IND, LIT*IND, DEV[1,2]"``, which is joined with ``+`` and minimized
        first (an ambiguous or tautological result is an error).
    row_dom : bool, default=False
        Drop prime implicants whose explained rows are a strict subset of another's.
    all_sol : bool, default=False
        Every irredundant cover instead of the minimal ones (``row_dom`` is then off).
    pi_cons : float, default=0.0
        When above 0, prime implicants are the minimal terms of explained rows whose
        inclusion in the data reaches ``pi_cons`` (negative rows are ignored).
    sol_cons : float, default=0.0
        Keep only models whose inclusion reaches ``sol_cons``. Given data (with
        ``outcome=``), ``incl_cut`` 1 and ``pi_cons`` or ``sol_cons`` above 0, the table is
        built at the smaller of the cuts above 0; a TruthTable keeps its ``incl_cut``,
        as in R.
        With ``method="ccubes"`` and remainders, R's search instead: every combination
        of prime implicants (fewest first, none holding a smaller one) whose union
        reaches inclusion ``sol_cons`` and coverage 1, covering every row or not.
    method : {"complete", "ccubes", "qmc", "eqmc"}, default="complete"
        ``"complete"``: every prime implicant and every minimal model (R's ``"QMC"`` and
        ``"eQMC"`` name the same answer). ``"ccubes"``: R QCA's default CCubes search
        with its stopping rule (``qca.minimize._ccubes_method``), so the models are R's
        list even where R misses minimal models (R with more than 16 crisp conditions
        keeps fewer prime implicants), a temporal ``"-"`` is read as R reads it, and
        ``sol_cons`` gives R's consistent models; with no negative row it raises
        NoSolutionError as R stops. Only searches with remainders differ (R finds the
        conservative PIs with QMC). Case-insensitive.
    esa : bool, default=False
        Enhanced Standard Analysis: also exclude the contradictory simplifying
        assumptions and simultaneous subset relations (:func:`qca.find_rows` types 2, 3).
    explain : {"1", "1, C"}, default="1"
        R's ``explain``: with ``"1, C"`` the rows coded ``"C"`` are explained as well.

    max_models : int, default=10_000
        Most minimal models listed in ``models``; ``model_count`` is the exact number
        however many there are, and ``factors`` describes them all.

    Returns
    -------
    Solution
        ``models`` (M1, M2, ... each with ``terms``, ``fit`` and
        ``simplifying_assumptions``), ``prime_implicants``, ``essential``, ``fit``,
        ``intermediate`` (``"C1P1"``, ... with easy and difficult counterfactuals),
        ``complete``, ``lower_bound``, ``notes``; ``summary()`` and ``to_frame()``.

    Raises
    ------
    NoSolutionError
        When no row has ``OUT == "1"`` (nothing to explain), or no model exists under
        ``pi_cons`` / ``sol_cons``.

    See Also
    --------
    qca.truth_table, qca.find_rows, qca.fit

    Notes
    -----
    Prime implicants, models, their order (fewer literals / terms first, then R's
    literal order) and the parameters of fit follow R QCA 3.25.1 (Dusa 2019); ``covU``
    is relative to the other terms of the same model. Simplifying assumptions of a model
    are every configuration its terms cover minus the explained rows. Intermediate
    solutions follow Ragin & Sonnett's easy counterfactuals as R QCA computes them,
    except R's reset of the individual expectations when a conjunctural expectation is
    present (R's ``C_getEC``), which we do not reproduce.

    References
    ----------
    Ragin, C. C. (2008). *Redesigning Social Inquiry*. University of Chicago Press.
    Dusa, A. (2018). Consistency Cubes. *The R Journal* 10(2).
    Dusa, A. (2019). *QCA with R*. Springer.

    Examples
    --------
    >>> import pandas as pd
    >>> import qca
    >>> data = pd.DataFrame(
    ...     {"A": [1, 1, 0, 0, 1], "B": [1, 0, 1, 0, 1], "Y": [1, 1, 0, 0, 1]},
    ...     index=["a", "b", "c", "d", "e"],
    ... )
    >>> sol = qca.minimize(qca.truth_table(data, "Y"), include="?")
    >>> str(sol.models[0]), sol.models[0].fit.loc["A", "cases"]
    ('A', 'b; a,e')
    """
    remainders, include_c = _check_include(include)
    method = check_method(method)
    row_dom = _check_bool(row_dom, "row_dom")
    all_sol = _check_bool(all_sol, "all_sol")
    esa = _check_bool(esa, "esa")
    if isinstance(max_models, bool) or not isinstance(max_models, (int, np.integer)) or max_models < 1:
        raise InvalidParameterError(
            "The 'max_models' parameter of minimize must be a positive integer. "
            f"Got {max_models!r} instead."
        )
    pi_cons = check_fraction(pi_cons, "pi_cons", _WHERE)
    sol_cons = check_fraction(sol_cons, "sol_cons", _WHERE)
    if tt_options:  # raw data: R lowers incl_cut for pi_cons and sol_cons; a table keeps it
        tt = _lower_incl_cut(_truth_table(tt, tt_options), pi_cons, sol_cons)
    else:
        tt = _truth_table(tt, tt_options)
    if check_explain(explain):  # R's explain = "1, C": contradictions are rows to explain
        tt = explain_contradictions(tt)

    problem = build_problem(tt, exclude=exclude, where=_WHERE)
    _warn_observed(tt, problem)
    if esa:  # the rows are checked above; one more problem with the ESA rows added
        extra = esa_rows(tt, where=_WHERE)
        problem = build_problem(tt, exclude=sorted(set(problem.excluded) | set(extra)), where=_WHERE)
    require_explained(problem)
    explained = problem.explained_numbers()

    exp = None
    if dir_exp is not None and not (isinstance(dir_exp, str) and not dir_exp.strip()):
        exp = parse_dir_exp(dir_exp, problem.space.conditions, problem.space.levels)
        if not remainders:
            warnings.warn(
                "dir_exp is used only with include='?' (intermediate solutions need "
                "remainders); the conservative solution is returned.",
                QCAWarning,
                stacklevel=2,
            )
            exp = None

    pis = _primes(problem, remainders, include_c, pi_cons=pi_cons, paired=method != "ccubes")
    ccubes_note, chart = None, None
    if method == "ccubes" and remainders:  # R searches with CCubes only when remainders are in
        found, solved = ccubes_solve(
            problem, ccubes_primes(problem, np.asarray(pis), include_c, pi_cons=pi_cons, sol_cons=sol_cons),
            all_sol=all_sol, row_dom=row_dom, sol_cons=sol_cons, max_models=max_models,
        )
        pis, chart, ccubes_note = found.pis, found.chart, found.note
    else:
        solved = _solve(problem, pis, all_sol=all_sol, row_dom=row_dom, sol_cons=sol_cons,
                        pi_cons=pi_cons, max_models=max_models)
    models = _make_models(problem, pis, solved.models, explained)
    used = _used(solved.models)
    chart_rows = solved.used
    kind = "parsimonious" if remainders or pi_cons > 0 else "conservative"
    options = {
        "include": include, "exclude": list(problem.excluded), "dir_exp": dir_exp,
        "row_dom": row_dom, "all_sol": all_sol, "pi_cons": pi_cons, "sol_cons": sol_cons,
        "method": method, "esa": esa, "incl_cut": tt.options.get("incl_cut"),
        "max_models": int(max_models),
    }
    parsimonious = models if kind == "parsimonious" else []
    conservative = models if kind == "conservative" else []
    intermediate: dict[str, IntermediateSolution] = {}
    shown = models
    complete, lower_bound, notes = solved.complete, solved.lower_bound, list(solved.notes)
    notes += [ccubes_note] if ccubes_note else []
    count, count_lower = solved.n_models, solved.n_models_lower
    core, parts = solved.core, solved.parts  # (for the factors, computed on first access)
    if exp is not None:
        cons_pis = np.asarray(_primes(problem, False, include_c))  # (never paired)
        cons = _solve(problem, cons_pis, all_sol=all_sol, row_dom=row_dom, sol_cons=0.0)
        conservative = _make_models(problem, cons_pis, cons.models, explained)
        intermediate = _intermediate(
            problem, exp, cons_pis, cons, models, conservative, include_c=include_c,
            all_sol=all_sol, row_dom=row_dom, explained=explained,
        )
        shown = _distinct(m for part in intermediate.values() for m in part.models)
        kind = "intermediate"
        complete = complete and cons.complete and all(p.complete for p in intermediate.values())
        count_lower = len(shown)
        count = count_lower if complete and len(models) == solved.n_models else None
    return Solution(
        outcome=problem.outcome,
        conditions=problem.space.conditions,
        kind=kind,
        models=shown,
        prime_implicants=tuple(problem.space.format(pis[u]) for u in used),
        essential=tuple(problem.space.format(pis[e]) for e in _essential(solved)),
        _fit=lambda: _overall_fit(problem, shown),
        _chart=lambda: _chart_frame(problem, pis, chart_rows, chart),
        parsimonious_models=parsimonious,
        conservative_models=conservative,
        intermediate=intermediate,
        complete=complete,
        lower_bound=lower_bound,
        notes=tuple(notes),
        excluded=tuple(problem.excluded),
        options=options,
        model_count=count,
        model_count_lower=count_lower,
        _factors=(lambda: _factors(problem, pis, core, parts)) if exp is None else None,
        labels=labels_of(tt.data),
    )


def _distinct(models: Any) -> list[Model]:
    """Each model once (by its set of terms), renamed M1, M2, ... in order of appearance."""
    seen: set[frozenset[str]] = set()
    out: list[Model] = []
    for model in models:
        key = frozenset(model.terms)
        if key in seen:
            continue
        seen.add(key)
        out.append(replace(model, name=f"M{len(out) + 1}"))
    return out
