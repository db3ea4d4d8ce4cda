"""The one pipeline: an :class:`qca.Analysis` -> its :class:`qca.AnalysisResult` (private).

Each step runs once, in order: necessity (each condition literal, then the search for
necessary combinations), the truth table, the ESA exclusions (once, for every solution
type), each solution type wanted, the good-practice checks. Every QCAWarning raised on
the way is kept once, in the order raised, in ``AnalysisResult.warnings``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import pandas as pd

from qca._results import AnalysisResult, ModelResult, SolutionResult, Specification
from qca._validation import check_sets
from qca.exceptions import (
    ExpressionError,
    HalfMembershipWarning,
    InvalidParameterError,
    QCAError,
    QCAWarning,
)

__all__ = ["run_analysis", "condition_literals", "necessity_table", "solution_models"]


class Plan(Specification, Protocol):
    """What the pipeline reads of an analysis to run it; :class:`qca.Analysis` is one (a
    protocol, so that this module does not depend on :mod:`qca.analysis`, its caller)."""

    @property
    def exclude(self) -> Sequence[int]: ...
    @property
    def esa(self) -> bool: ...
    @property
    def solutions(self) -> str | Sequence[str]: ...
    @property
    def nec_incl_cut(self) -> float: ...
    @property
    def nec_cov_cut(self) -> float: ...
    @property
    def nec_ron_cut(self) -> float: ...
    @property
    def nec_depth(self) -> int | None: ...
    @property
    def notes(self) -> tuple[str, ...]: ...
    @property
    def set_aside(self) -> tuple[str, ...]: ...
    def build_truth_table(self, **display: Any) -> Any: ...
    def minimize_options(self, kind: str | None = None) -> dict[str, Any]: ...


def condition_literals(data: pd.DataFrame, conditions: Sequence[str]) -> list[str]:
    """Each condition's literals for a necessity table: ``A``, ``~A`` for binary or fuzzy
    sets; when a condition is multi-value, every literal is bracketed, as R prints them:
    ``A[0]``, ``A[1]`` for a binary set and each observed value of a multi-value one.

    >>> condition_literals(pd.DataFrame({"A": [0.2, 0.9], "C": [1, "-"]}), ["A", "C"])
    ['A', '~A', 'C', '~C']
    >>> condition_literals(pd.DataFrame({"A": [0, 1], "B": [0, 2]}), ["A", "B"])
    ['A[0]', 'A[1]', 'B[0]', 'B[2]']
    """
    check_sets(data, conditions)
    values = {name: pd.to_numeric(data[name], errors="coerce").dropna() for name in conditions}
    multivalue = {name: bool(len(v) and (v > 1).any()) for name, v in values.items()}
    if not any(multivalue.values()):
        return [literal for name in conditions for literal in (name, f"~{name}")]
    out: list[str] = []
    for name in conditions:
        levels = sorted(int(v) for v in values[name].unique()) if multivalue[name] else [0, 1]
        out += [f"{name}[{v}]" for v in levels]
    return out


def necessity_table(data: pd.DataFrame, outcome: str, conditions: Sequence[str]) -> pd.DataFrame:
    """inclN, RoN, covN of each condition and its negation (:func:`qca.fit`)."""
    from qca.fit import fit

    frame = fit(" + ".join(condition_literals(data, conditions)), outcome, data, relation="necessity")
    frame = frame.loc[[i for i in frame.index if i != "expression"]].copy()
    frame.index.name = "expression"
    return frame


def solution_models(kind: str, solution: Any) -> tuple[ModelResult, ...]:
    """The models of a :class:`qca.Solution` under the names :func:`qca.minimize` gave
    them (``M1``, ``M2``...; intermediate solutions: ``C1P1 M1``... when there are several
    conservative x parsimonious pairs), with their easy and difficult counterfactuals."""
    if kind != "intermediate":
        return tuple(ModelResult(m.name, m) for m in solution.models)
    parts = getattr(solution, "intermediate", None) or {}
    out: list[ModelResult] = []
    for key, part in parts.items():
        for model in part.models:
            label = model.name if len(parts) == 1 else f"{key} {model.name}"
            out.append(
                ModelResult(
                    label,
                    model,
                    easy=getattr(part, "easy_counterfactuals", None),
                    difficult=getattr(part, "difficult_counterfactuals", None),
                )
            )
    if not parts:
        out = [ModelResult(m.name, m) for m in solution.models]
    return tuple(out)


def _esa(tt: Any) -> tuple[list[int], list[int]]:
    """The rows the enhanced standard analysis excludes (CSA and SSR, from one negated
    table) and the CSA among them, which the good-practice checks report too."""
    from qca.minimize._remainders import (
        contradictory_assumptions,
        negated_table,
        simultaneous_subset_rows,
    )

    negated = negated_table(tt)
    csa = contradictory_assumptions(tt, negated, where="minimize")
    return sorted({*csa, *simultaneous_subset_rows(tt, negated, where="minimize")}), csa


def _solutions(
    analysis: Plan, tt: Any, excluded: list[int], say: Callable[[str], None]
) -> tuple[dict[str, SolutionResult], list[str]]:
    from qca.minimize import minimize

    messages: list[str] = []
    solutions: dict[str, SolutionResult] = {}
    for kind in analysis.solutions:
        say(f"{kind} solution")
        options = analysis.minimize_options(kind)
        produced = {**options, "exclude": [*analysis.exclude], "esa_excluded": excluded}
        try:
            sol = minimize(
                tt,
                include=options["include"],
                dir_exp=options["dir_exp"],
                row_dom=options["row_dom"],
                all_sol=options["all_sol"],
                method=options["method"],
                max_models=options["max_models"],
                exclude=excluded or None,
            )
        except (InvalidParameterError, ExpressionError):
            raise  # a mistake in --include/--dir-exp is an error, not "No solution"
        except QCAError as exc:
            solutions[kind] = SolutionResult(
                kind, options["include"], error=str(exc), dir_exp=options["dir_exp"], options=produced
            )
            continue
        solutions[kind] = SolutionResult(
            kind,
            options["include"],
            solution_models(kind, sol),
            solution=sol,
            dir_exp=options["dir_exp"],
            options=produced,
        )
        if getattr(sol, "complete", True) is False:
            note = "; ".join(str(n) for n in getattr(sol, "notes", ()) or ())
            messages.append(f"The {kind} model list is incomplete. {note}".strip())
    return solutions, messages


def _assumption_note(solutions: dict[str, SolutionResult]) -> list[str]:
    pars = solutions.get("parsimonious")
    if pars is None or not pars.models:
        return []
    used = sorted(
        {
            int(r)
            for m in pars.models
            if m.simplifying_assumptions is not None
            for r in m.simplifying_assumptions.index
        }
    )
    unlisted = [m.assumptions_not_listed for m in pars.models if m.assumptions_not_listed]
    if unlisted:
        return [
            "The parsimonious solution uses more remainders as simplifying assumptions "
            f"than can be listed. {unlisted[0]}"
        ]
    if not used:
        return []
    return [
        f"The parsimonious solution uses {len(used)} remainder(s) as simplifying "
        f"assumptions (rows {', '.join(str(r) for r in used)})."
    ]


def run_analysis(analysis: Plan, steps: set[str], say: Callable[[str], None]) -> AnalysisResult:
    """Run the steps of ``analysis`` (see :meth:`qca.Analysis.run`)."""
    data, outcome, conditions = analysis.data, analysis.outcome, list(analysis.conditions)
    messages: list[str] = []
    errors: dict[str, str] = {}
    necessity = combos = tt = None
    solutions: dict[str, SolutionResult] = {}
    checks: list[str] = []
    csa: list[int] | None = None  # known when ESA ran: the checks report it, not recompute it
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        if "necessity" in steps:
            from qca.super_subset import super_subset

            say("necessity")
            necessity = necessity_table(data, outcome, conditions)
            try:
                combos = super_subset(
                    data,
                    outcome,
                    conditions,
                    relation="necessity",
                    incl_cut=analysis.nec_incl_cut,
                    cov_cut=analysis.nec_cov_cut,
                    ron_cut=analysis.nec_ron_cut,
                    depth=analysis.nec_depth,
                )
                combos.index.name = "expression"
            except QCAError as exc:
                errors["necessity_combinations"] = str(exc)
                messages.append(f"Necessity search: {exc}")
        if steps & {"truth_table", "solutions", "checks"}:
            say("truth table")
            tt = analysis.build_truth_table()
        if "solutions" in steps:
            for note in analysis.set_aside:  # raised where they would have been used
                warnings.warn(note, QCAWarning, stacklevel=2)
            excluded: list[int] = []
            if analysis.esa:  # once for every solution type
                excluded, csa = _esa(tt)
            solutions, notes = _solutions(analysis, tt, excluded, say)
            messages += notes
            errors.update({f"{k} solution": r.error for k, r in solutions.items() if r.error})
        if "checks" in steps:
            from qca.checks import good_practice_checks

            checks = list(good_practice_checks(data, outcome, conditions, tt=tt, csa=csa))
    # the checks name each set with memberships of 0.5 and its cases: the truth table's
    # warning about the same cases is then left out (one report of one fact)
    skip = HalfMembershipWarning if "checks" in steps else ()
    library = [
        str(w.message)
        for w in caught
        if issubclass(w.category, QCAWarning) and not (skip and issubclass(w.category, skip))
    ]
    for text in dict.fromkeys([*library, *messages]):  # for Python callers; the CLI shows them
        warnings.warn(text, QCAWarning, stacklevel=3)
    found = [*analysis.notes, *library, *messages, *checks]
    if "checks" in steps:
        found += _assumption_note(solutions)
    return AnalysisResult(
        analysis=analysis,
        necessity=necessity,
        necessity_combinations=combos,
        truth_table=tt,
        solutions=solutions,
        checks=tuple(checks),
        warnings=tuple(dict.fromkeys(found)),
        errors=errors,
    )
