"""The analysis as one JSON-ready dict (the ``--json`` output), and the JSON writer."""

from __future__ import annotations

import os
from typing import Any

from qca._results import AnalysisResult, ModelResult, SolutionResult
from qca.report._base import _cell_list, _plain, _rows_of, dumps, frame_records
from qca.report.compact import compact_listing, fit_terms_first
from qca.report.files import atomic_write
from qca.report.sets import calibration_records, configuration_tables_for, skewness_table
from qca.report.tables import SOLUTION_KINDS, necessity_frame, solution_title, truth_table_frame

__all__ = ["analysis_dict", "model_dict", "models_json", "solution_options", "write_json"]

#: Why a model of a compact report has no simplifying assumptions listed.
_M1_ONLY = (
    "The models listed hold more than 10,000 terms in all: simplifying assumptions and "
    "counterfactuals are given for M1 only (Model.simplifying_assumptions gives any "
    "model's; list fewer models with --max-models N for each model's)."
)

def write_json(obj: Any, path: str | os.PathLike[str]) -> None:
    """Write ``obj`` as indented JSON (no NaN: missing numbers are null) atomically."""
    text = dumps(obj)
    with atomic_write(path, "w") as handle:
        handle.write(text + "\n")


def analysis_dict(analysis: AnalysisResult) -> dict[str, Any]:
    """The analysis as one JSON-ready dict (the ``--json`` output of ``qca run``)."""
    from qca._version import __version__

    tt = truth_table_frame(analysis.truth_table)
    solutions: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for kind in SOLUTION_KINDS:
        result = analysis.solutions.get(kind)
        solutions[kind] = [] if result is None else models_json(result)
        if result is not None and result.error:
            errors[kind] = result.error
    combos = analysis.necessity_combinations
    skew = skewness_table(analysis)
    return {
        "qca_version": __version__,
        "input": analysis.source,
        "outcome": analysis.outcome,
        "conditions": list(analysis.conditions),
        "options": dict(analysis.options),
        "labels": dict(analysis.labels or {}),
        "calibration": None
        if analysis.calibration is None
        else calibration_records(analysis),
        "necessity": {
            "conditions": frame_records(necessity_frame(analysis.necessity), "expression"),
            "combinations": None
            if combos is None
            else frame_records(necessity_frame(combos), "expression"),
        },
        "truth_table": frame_records(tt, "row"),
        "skewness": None if skew is None else frame_records(skew, "set"),
        "solutions": solutions,
        "solution_options": {
            kind: solution_options(result) for kind, result in analysis.solutions.items()
        },
        "configuration_tables": [t.to_dict() for t in configuration_tables_for(analysis)],
        "solution_errors": errors,
        "warnings": list(analysis.warnings),
    }


def _compact(result: SolutionResult) -> dict[str, Any] | None:
    """The solution's models with each term written once, when they are long or many
    (:meth:`qca.Solution.compact_models`), else None."""
    if result.solution is None:
        return None
    return compact_listing(result)


def models_json(result: SolutionResult) -> list[dict[str, Any]]:
    """The models of a solution as JSON records (:func:`model_dict`). When the models
    listed hold more than 10,000 terms in all, each record has ``model`` and ``terms``
    None: the models are in ``solution_options``' ``models_compact`` (each term once,
    each model by the terms added to and removed from M1) and the terms' fit in its
    ``term_fit``; a record keeps the model's own ``inclS``, ``PRI`` and ``covS``, and
    M1's alone its simplifying assumptions (and counterfactuals): the others' are None,
    with ``simplifying_assumptions_not_listed`` saying why."""
    terms = _compact(result) is None
    if not terms:
        fit_terms_first(result)
    return [
        model_dict(m, terms=terms, assumptions=terms or i == 0) for i, m in enumerate(result.models)
    ]


def solution_options(result: SolutionResult) -> dict[str, Any]:
    """Which solution this is and the options that produced it: ``type``, ``heading``
    (as the text and the report show it), ``include``, ``dir_exp``, ``row_dom``,
    ``all_sol``, ``esa`` and ``esa_excluded`` (the rows ESA excluded); then
    ``model_count`` (how many minimal models exist; None when counting stopped),
    ``model_count_lower`` (a proven lower bound on it) and, when there are more than
    the models listed, ``factors``: all of them as a core and each independent part's
    alternatives (else None). When the models listed hold more than 10,000 terms in
    all, also ``models_compact`` (:meth:`qca.Solution.to_dict`: ``terms``, ``first``,
    ``added``, ``removed``) and ``term_fit``: ``inclS``, ``PRI``, ``covS``, ``covU``
    (relative to all the terms, R's ``IC$overall``) and ``cases`` of each term, in the
    order of ``models_compact``'s ``terms``."""
    options = dict(result.options)
    solution = result.solution
    count = getattr(solution, "model_count", None)
    lower = getattr(solution, "model_count_lower", None)
    listed = len(getattr(solution, "models", ()))
    more = (count if count is not None else lower or 0) > listed
    factors = getattr(solution, "factors", None) if more else None  # (computed on first access)
    out = {
        "type": result.kind,
        "heading": solution_title(result),
        "include": result.include,
        "dir_exp": result.dir_exp,
        **{k: options.get(k) for k in ("row_dom", "all_sol", "esa", "esa_excluded")},
        "model_count": count,
        "model_count_lower": lower,
        "factors": factors.to_dict() if factors is not None else None,
    }
    compact = _compact(result)
    if compact is not None:
        fit = solution.fit
        out["models_compact"] = compact
        out["term_fit"] = frame_records(fit.loc[compact["terms"]], "term")
    return out


def model_dict(m: ModelResult, *, terms: bool = True, assumptions: bool = True) -> dict[str, Any]:
    """A model as JSON: ``name``, ``model`` (the formula), ``inclS``, ``PRI``, ``covS``,
    ``terms`` (fit and cases per term), ``simplifying_assumptions`` and, for intermediate
    solutions, ``easy_counterfactuals`` and ``difficult_counterfactuals`` (row numbers).
    With ``terms`` False, ``model`` and ``terms`` are None (the model is written once
    elsewhere, :func:`models_json`); with ``assumptions`` False, the rows are None and
    ``simplifying_assumptions_count`` None, ``simplifying_assumptions_not_listed`` says
    why (a compact report gives M1's only)."""
    record: dict[str, Any] = {
        "name": m.label,
        "model": m.text if terms else None,
        "inclS": _plain(getattr(m.model, "inclS", None)),
        "PRI": _plain(getattr(m.model, "PRI", None)),
        "covS": _plain(getattr(m.model, "covS", None)),
        "terms": [] if terms else None,
    }
    fit = getattr(m.model, "fit", None) if terms else None
    if fit is not None:
        for term, row in fit.iterrows():
            item = {"term": str(term)}
            for col in ("inclS", "PRI", "covS", "covU", "cases"):
                if col in fit.columns:
                    item[col] = _cell_list(row[col])
            record["terms"].append(item)
    if not assumptions:
        record["simplifying_assumptions"] = None
        record["simplifying_assumptions_count"] = None
        record["simplifying_assumptions_not_listed"] = _M1_ONLY
        if m.easy is not None or m.difficult is not None:
            record["easy_counterfactuals"] = record["difficult_counterfactuals"] = None
        return record
    record["simplifying_assumptions"] = _rows_of(m.simplifying_assumptions)
    unlisted = m.assumptions_not_listed
    if unlisted is not None:
        record["simplifying_assumptions"] = None
        record["simplifying_assumptions_count"] = unlisted.count
        record["simplifying_assumptions_not_listed"] = str(unlisted)
    if m.easy is not None or m.difficult is not None:
        record["easy_counterfactuals"] = _rows_of(m.easy)
        record["difficult_counterfactuals"] = _rows_of(m.difficult)
    return record
