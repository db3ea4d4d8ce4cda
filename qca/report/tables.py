"""The tables of a report, built from an :class:`qca.AnalysisResult` (no computing here:
each value was computed once by :meth:`qca.Analysis.run`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from qca._results import AnalysisResult, SolutionResult
from qca.report._base import Table, _cut_text, _plain, _rows_of, format_number, not_listed_text
from qca.report.compact import compact_listing, compact_note, listed_models
from qca.report.compact import models_frame as compact_models_frame
from qca.report.compact import terms_frame as compact_terms_frame

__all__ = [
    "SOLUTION_KINDS",
    "analysis_tables",
    "assumption_rows_frame",
    "assumptions_frame",
    "calibration_brief",
    "model_count_notes",
    "necessity_frame",
    "solution_frame",
    "solution_heading",
    "solution_tables",
    "solution_title",
    "truth_table_frame",
]

SOLUTION_KINDS = ("conservative", "parsimonious", "intermediate")


_TITLES = {
    "conservative": "Conservative solution",
    "parsimonious": "Parsimonious solution",
    "intermediate": "Intermediate solution",
}


def calibration_brief(calibration: pd.DataFrame) -> pd.DataFrame:
    """The codebook as a methods section shows it: set, source, kind, method, anchors,
    the options that differ from the defaults, and the label.

    >>> cb = pd.DataFrame(
    ...     {
    ...         "set": ["DEV"],
    ...         "source": ["GNP"],
    ...         "kind": ["fuzzy"],
    ...         "method": ["direct"],
    ...         "thresholds": ["e=400, c=550, i=900"],
    ...         "logistic": [True],
    ...         "idm": [0.95],
    ...         "label": ["Development"],
    ...     }
    ... )
    >>> calibration_brief(cb).iloc[0].tolist()
    ['DEV', 'GNP', 'fuzzy', 'direct', 'e=400, c=550, i=900', '', 'Development']
    """
    defaults = {"logistic": True, "idm": 0.95, "below": 1.0, "above": 1.0, "ecdf": False}
    frame = calibration.reset_index(drop=True)
    options = []
    for _, row in frame.iterrows():
        changed = []
        for key, default in defaults.items():
            if key not in frame.columns:
                continue
            value = _plain(row[key])
            if value is not None and value != "" and value != default:
                changed.append(f"{key}={format_number(value).rstrip('0').rstrip('.')}")
        options.append(", ".join(changed))
    keep = [c for c in ("set", "source", "kind", "method", "thresholds") if c in frame.columns]
    out = frame[keep].copy()
    out["options"] = options
    if "label" in frame.columns:
        out["label"] = frame["label"]
    return out.astype(object).where(out.notna(), "")


def truth_table_frame(tt: Any) -> pd.DataFrame:
    """The truth table as the report shows it: one row per configuration, cases as text."""
    frame = tt.table.copy()
    frame.index.name = "row"
    return frame


def necessity_frame(necessity: pd.DataFrame) -> pd.DataFrame:
    """The necessity table with its index named ``expression``."""
    frame = necessity.copy()
    frame.index.name = "expression"
    return frame


def solution_frame(
    result: SolutionResult, labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per term of each model (inclS, PRI, covS, covU, cases), then the model row;
    with ``labels``, terms are written with labels in place of set names."""
    from qca._labels import label_expression

    def shown(text: str) -> str:
        return label_expression(text, labels) if labels else text

    records: list[dict[str, Any]] = []
    for m in result.models:
        fit = getattr(m.model, "fit", None)
        if fit is not None:
            for term, row in fit.iterrows():
                records.append(
                    {
                        "model": m.label,
                        "term": shown(str(term)),
                        "inclS": row.get("inclS"),
                        "PRI": row.get("PRI"),
                        "covS": row.get("covS"),
                        "covU": row.get("covU"),
                        "cases": row.get("cases", ""),
                    }
                )
        records.append(
            {
                "model": m.label,
                "term": shown(m.text),
                "inclS": getattr(m.model, "inclS", None),
                "PRI": getattr(m.model, "PRI", None),
                "covS": getattr(m.model, "covS", None),
                "covU": None,
                "cases": "",
            }
        )
    columns = ["model", "term", "inclS", "PRI", "covS", "covU", "cases"]
    return pd.DataFrame.from_records(records, columns=columns)


def _assumption_tables(
    solutions: Mapping[str, SolutionResult],
) -> Iterator[tuple[str, Any, str, pd.DataFrame | None]]:
    """(solution kind, model, "SA"/"EC"/"DC", rows) for every model; EC and DC only for
    intermediate solutions."""
    for kind in SOLUTION_KINDS:
        result = solutions.get(kind)
        if result is None:
            continue
        for m in listed_models(result):  # (M1 only in a compact report)
            yield kind, m, "SA", m.simplifying_assumptions
            if kind == "intermediate":
                yield kind, m, "EC", m.easy
                yield kind, m, "DC", m.difficult


def assumptions_frame(solutions: Mapping[str, SolutionResult]) -> pd.DataFrame:
    """Simplifying assumptions and easy/difficult counterfactuals per model: counts and rows."""
    records = []
    for kind, m, label, frame in _assumption_tables(solutions):
        rows = _rows_of(frame)
        count: int | None = len(rows)
        text = ", ".join(str(r) for r in rows)
        unlisted = m.assumptions_not_listed if label == "SA" else None
        if unlisted is not None:
            count, text = unlisted.count, f"not listed: {not_listed_text(unlisted)}"
        records.append(
            {"solution": kind, "model": m.label, "type": label, "count": count, "rows": text}
        )
    return pd.DataFrame.from_records(
        records, columns=["solution", "model", "type", "count", "rows"]
    )


def assumption_rows_frame(solutions: Mapping[str, SolutionResult]) -> pd.DataFrame:
    """One row per simplifying assumption / easy / difficult counterfactual of each model,
    with its configuration (the value of each condition), as a paper's appendix lists them."""
    frames = []
    for kind, m, label, frame in _assumption_tables(solutions):
        if frame is None or frame.empty:
            continue
        part = frame.reset_index()
        part.columns = ["row", *[str(c) for c in frame.columns]]
        part.insert(0, "type", label)
        part.insert(0, "model", m.label)
        part.insert(0, "solution", kind)
        frames.append(part)
    if not frames:
        return pd.DataFrame(columns=["solution", "model", "type", "row"])
    return pd.concat(frames, ignore_index=True)


def analysis_tables(analysis: AnalysisResult, *, use_labels: bool = False) -> list[Table]:
    """The report's tables, one per step (sheets of the report workbook); with
    ``use_labels``, the sets' labels in place of their names (R's ``use.labels``)."""
    from qca.report import sets

    shown = sets.display_labels(analysis, use_labels)
    tables: list[Table] = []
    if analysis.calibration is not None and len(analysis.calibration):
        tables.append(
            Table(
                "calibration",
                "Calibration (anchors used)",
                sets.calibration_frame(analysis),
                index_label=None,
            )
        )
    data = analysis.data.copy()
    data.index.name = "case"
    notes: tuple[str, ...] = ()
    if analysis.calibration is not None and len(analysis.calibration):
        brief = sets.brief_with_anchors(analysis, calibration_brief(analysis.calibration))
        notes = tuple(
            f"{r['set']}: {r.get('kind', '')} {r.get('method', '')} calibration of "
            f"{r.get('source', r['set'])}, anchors {r.get('thresholds', '')}"
            + (f" ({r['options']})" if r.get("options") else "")
            for _, r in brief.iterrows()
        )
    tables.append(Table("calibrated", "Calibrated set memberships", data, notes=notes))
    labels = analysis.extra_labels()
    if labels is not None:
        tables.append(Table("labels", "Set labels", labels))
    skew = sets.skewness_table(analysis, use_labels)
    if skew is not None:
        tables.append(Table("skewness", sets.SKEWNESS_TITLE, skew, index_label="set"))
    if analysis.raw is not None and analysis.calibration is not None:
        raw = analysis.raw.copy()
        raw.index.name = "case"
        tables.append(Table("raw_data", "Raw data (the cases sheet)", raw))
    tables.append(
        Table(
            "necessity",
            f"Necessity of each condition for {analysis.outcome}",
            sets.labelled_necessity(necessity_frame(analysis.necessity), shown),
        )
    )
    combos = analysis.necessity_combinations
    if combos is not None:
        o = analysis.options
        tables.append(
            Table(
                "necessity_combinations",
                f"Necessary combinations (superSubset, inclN >= {_cut_text(o['nec_incl_cut'])}, "
                f"covN >= {_cut_text(o['nec_cov_cut'])})",
                sets.labelled_necessity(necessity_frame(combos), shown),
            )
        )
    tables.append(
        Table(
            "truth_table",
            "Truth table",
            sets.labelled_truth_table(
                truth_table_frame(analysis.truth_table), analysis.conditions, shown
            ),
            notes=tuple(_truth_table_notes(analysis)),
        )
    )
    for kind in SOLUTION_KINDS:
        result = analysis.solutions.get(kind)
        if result is not None:
            tables += solution_tables(result, shown)
    tables += sets.configuration_report_tables(sets.configuration_tables_for(analysis, use_labels))
    tables.append(
        Table(
            "assumptions",
            "Simplifying assumptions (SA), easy (EC) and difficult (DC) counterfactuals",
            assumptions_frame(analysis.solutions),
            index_label=None,
        )
    )
    tables.append(
        Table(
            "assumption_rows",
            "Configurations of the simplifying assumptions and counterfactuals",
            assumption_rows_frame(analysis.solutions),
            index_label=None,
        )
    )
    tables.append(
        Table(
            "warnings",
            "Warnings",
            pd.DataFrame({"warning": analysis.warnings or ["none"]}),
            index_label=None,
        )
    )
    return tables


def solution_tables(result: SolutionResult, labels: Mapping[str, str] | None = None) -> list[Table]:
    """The report's tables of one solution type: one row per term of each model
    (:func:`solution_frame`, sheet named after the type); or, when the models listed
    hold more than 10,000 terms in all, one row per model (its fit and how it differs
    from M1) and a second table, ``<type>_terms``, with one row per distinct term
    (:mod:`qca.report.compact`). The model-count notes go under the first."""
    notes = (result.error,) if result.error else model_count_notes(result, labels)
    compact = compact_listing(result)
    if compact is None:
        frame = solution_frame(result, labels)
        return [Table(result.kind, solution_title(result), frame, notes=notes, index_label=None)]
    title = solution_title(result)
    return [
        Table(
            result.kind,
            f"{title}: the models",
            compact_models_frame(result, compact, labels),
            notes=(compact_note(result, compact), *notes),
            index_label=None,
        ),
        Table(
            f"{result.kind}_terms",
            f"{title}: the terms of the models listed, each once (covU relative to all "
            "of them, as R's IC$overall)",
            compact_terms_frame(result, compact, labels),
            index_label=None,
        ),
    ]


def model_count_notes(
    result: SolutionResult, labels: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """When a solution has more minimal models than it lists: their number and their
    factorized description (the core, then each independent part's alternatives, with
    ``labels`` in place of set names); else nothing.

    >>> model_count_notes(SolutionResult("parsimonious", "?"))
    ()
    """
    from qca._labels import label_expression

    solution = result.solution
    if result.error or not hasattr(solution, "_count_lines"):
        return ()
    name = (lambda term: label_expression(term, labels)) if labels else None
    return tuple(line.strip() for line in solution._count_lines(name))


def solution_title(result: SolutionResult) -> str:
    """Heading of a solution type with the options that produced it:
    ``Parsimonious solution (include = "?")``, ``... (include = "?", esa, row_dom)``."""
    return solution_heading(result.kind, result.include, result.dir_exp, result.options)


def solution_heading(
    kind: str, include: str, dir_exp: Any = None, options: Mapping[str, Any] | None = None
) -> str:
    """``Intermediate solution (include = "?", dir.exp = DEV, URB)``: the solution type,
    ``include``, the expectations, then the minimize options that differ from the
    defaults (``row_dom``, ``all_sol``, ``method = ccubes``, ``esa`` with the rows it
    excluded).

    >>> solution_heading("parsimonious", "?", None, {"esa": True, "esa_excluded": [3, 7]})
    'Parsimonious solution (include = "?", esa: rows 3, 7 excluded)'
    """
    options = options or {}
    title = f'{_TITLES[kind]} (include = "{include}"'
    if kind == "intermediate" and dir_exp is not None:
        title += f", dir.exp = {_dir_exp_text(dir_exp)}"
    for flag in ("row_dom", "all_sol"):
        if options.get(flag):
            title += f", {flag}"
    if options.get("method") not in (None, "complete", "qmc", "eqmc"):
        title += f", method = {options['method']}"
    if options.get("esa"):
        rows = list(options.get("esa_excluded") or [])
        shown = f": rows {', '.join(str(r) for r in rows)} excluded" if rows else ": no rows to exclude"
        title += f", esa{shown}"
    return title + ")"


def _dir_exp_text(dir_exp: Any) -> str:
    if isinstance(dir_exp, Mapping):
        return ", ".join(f"{k}={v}" for k, v in dir_exp.items())
    return str(dir_exp)


def _truth_table_notes(analysis: AnalysisResult) -> list[str]:
    tt = analysis.truth_table
    out = tt.table["OUT"].astype(str)
    counts = {code: int((out == code).sum()) for code in ("1", "0", "C", "?")}
    levels = getattr(tt, "levels", None) or tuple(2 for _ in analysis.conditions)
    space = int(np.prod([int(v) for v in levels]))
    observed = int((tt.table["n"] > 0).sum()) if "n" in tt.table.columns else len(tt.table)
    o = analysis.options
    if any(getattr(tt, "temporal", ()) or ()):
        # a row with a "-" (don't care) stands for several configurations
        remainders = (
            f"{observed} observed row(s), some with '-' (don't care), in a space of {space}."
        )
    else:
        remainders = f"{max(space - observed, 0)} of {space} configurations are remainders."
    return [
        f"Cut-offs: incl.cut = {_cut_text(o['incl_cut'])}, n.cut = {o['n_cut']}, "
        f"pri.cut = {_cut_text(o['pri_cut'])}.",
        f"{counts['1']} row(s) coded 1, {counts['0']} coded 0, {counts['C']} contradictory (C), "
        f"{counts['?']} below n.cut (?); " + remainders,
    ]
