"""The analysis as text for the terminal: aligned tables, models, warnings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qca._results import AnalysisResult, ModelResult, SolutionResult
from qca.report._base import Table, _cut_text, _plain, _rows_of, format_table, not_listed_text
from qca.report.compact import compact_listing, compact_note
from qca.report.compact import models_frame as compact_models_frame
from qca.report.compact import terms_frame as compact_terms_frame
from qca.report.tables import (
    SOLUTION_KINDS,
    _truth_table_notes,
    calibration_brief,
    model_count_notes,
    necessity_frame,
    solution_frame,
    solution_title,
    truth_table_frame,
)

__all__ = ["analysis_text", "solution_text"]

def analysis_text(analysis: AnalysisResult, *, digits: int = 3, use_labels: bool = False) -> str:
    """The analysis as a methods section for the terminal: aligned tables, models, warnings;
    with ``use_labels``, the sets' labels in place of their names."""
    from qca.report import sets

    shown = sets.display_labels(analysis, use_labels)
    lines: list[str] = []
    source = f"{analysis.source}: " if analysis.source else ""
    lines.append(
        f"{source}{len(analysis.data)} cases; outcome {analysis.outcome}; "
        f"conditions {', '.join(analysis.conditions)}."
    )
    lines.append("")
    if analysis.calibration is not None and len(analysis.calibration):
        lines.append("Calibration")
        brief = sets.brief_with_anchors(analysis, calibration_brief(analysis.calibration))
        if not any(brief["options"]):
            brief = brief.drop(columns=["options"])
        lines.append(format_table(Table("c", "", brief, index_label=None), digits=digits))
        lines.append("")
    labels = analysis.extra_labels()
    if labels is not None:
        lines.append("Set labels")
        lines.append(format_table(labels, digits=digits))
        lines.append("")
    skew = sets.skewness_table(analysis, use_labels)
    if skew is not None:
        lines.append(sets.SKEWNESS_TITLE)
        lines.append(format_table(Table("s", "", skew, index_label="set"), digits=digits))
        lines.append("")
    lines.append(f"Necessity of each condition for {analysis.outcome}")
    necessity = sets.labelled_necessity(necessity_frame(analysis.necessity), shown)
    lines.append(format_table(necessity, digits=digits))
    combos = analysis.necessity_combinations
    if combos is not None:
        o = analysis.options
        lines.append(
            f"  Necessary combinations (inclN >= {_cut_text(o['nec_incl_cut'])}, "
            f"covN >= {_cut_text(o['nec_cov_cut'])}):" + (" none" if combos.empty else "")
        )
        if not combos.empty:
            combos = sets.labelled_necessity(necessity_frame(combos), shown)
            lines.append(format_table(combos, digits=digits, indent="    "))
    lines.append("")
    lines.append("Truth table")
    table = truth_table_frame(analysis.truth_table)
    table = sets.labelled_truth_table(table, analysis.conditions, shown)
    lines.append(format_table(table, digits=digits))
    lines += ["  " + n for n in _truth_table_notes(analysis)]
    for kind in SOLUTION_KINDS:
        result = analysis.solutions.get(kind)
        if result is None:
            continue
        lines.append("")
        lines += solution_text(result, analysis.outcome, digits=digits, labels=shown)
    for configurations in sets.configuration_tables_for(analysis, use_labels):
        lines += ["", configurations.to_text(digits)]
    lines.append("")
    if analysis.warnings:
        lines.append("Warnings")
        lines += [f"  - {w}" for w in analysis.warnings]
    else:
        lines.append("Warnings: none")
    return "\n".join(lines)


def _arrow(model: Any) -> str:
    """``<->`` when the model is also necessary (covS of 1, as R prints it), else ``->``."""
    from qca._validation import TOL

    cov = _plain(getattr(model, "covS", None))
    return "<->" if isinstance(cov, float) and cov + TOL >= 1.0 else "->"


def solution_text(
    result: SolutionResult,
    outcome: str,
    *,
    digits: int = 3,
    labels: Mapping[str, str] | None = None,
) -> list[str]:
    """Lines describing one solution type: each model, its fit per term, the rows of its
    simplifying assumptions and counterfactuals; ``labels`` in place of set names."""
    from qca._labels import label_expression, label_name

    labels = labels or {}
    outcome = label_name(outcome, labels)
    lines = [solution_title(result)]
    if result.error:
        lines.append(f"  No solution: {result.error}")
        return lines
    parts = list(dict.fromkeys(m.label.split(" ")[0] for m in result.models if " " in m.label))
    if parts:
        # intermediate solutions: one per pair of conservative (C) and parsimonious (P) models
        lines.append(
            f"  One result per pair of conservative (C) and parsimonious (P) models: "
            f"{', '.join(parts)}."
        )
        if len({m.text for m in result.models}) == 1:
            lines.append("  They all give the same model.")
    elif result.ambiguous:
        lines.append(f"  {len(result.models)} models explain the outcome equally well.")
    compact = compact_listing(result)
    if compact is not None:
        lines += _compact_lines(result, compact, outcome, digits, labels)
    for m in () if compact is not None else result.models:
        prefix = f"{m.label}: " if result.ambiguous else ""
        lines.append(f"  {prefix}{label_expression(m.text, labels)} {_arrow(m.model)} {outcome}")
        frame = solution_frame(SolutionResult(result.kind, result.include, (m,)), labels)
        frame = frame.set_index("term").drop(columns=["model"])
        frame.index = [*frame.index[:-1], "(model)"]
        lines.append(
            format_table(Table("m", "", frame, index_label="term"), digits=digits, indent="    ")
        )
        lines += _assumption_lines(result.kind, m)
    counted = model_count_notes(result, labels)
    if counted:
        lines.append(f"  {counted[0]}")
        lines += [f"    {line}" for line in counted[1:]]
    return lines


def _assumption_lines(kind: str, m: ModelResult, indent: str = "    ") -> list[str]:
    """The model's simplifying assumptions (and, for intermediate solutions, easy and
    difficult counterfactuals): counts and rows."""
    from qca._reporting import rows_text

    sa = _rows_of(m.simplifying_assumptions)
    extra = f"{indent}Simplifying assumptions: {len(sa)}"
    if sa:
        extra += f" (rows {', '.join(str(r) for r in sa)})"
    unlisted = m.assumptions_not_listed
    if unlisted is not None:
        count = "too many" if unlisted.count is None else f"{unlisted.count:,}"
        extra = f"{indent}Simplifying assumptions: {count} (not listed, see below)"
    if kind == "intermediate":
        ec, dc = _rows_of(m.easy), _rows_of(m.difficult)
        extra += f"; easy counterfactuals: {len(ec)}"
        if ec:
            extra += f" (rows {', '.join(str(r) for r in ec)})"
        extra += f"; difficult counterfactuals: {len(dc)}{rows_text(dc)}"
    lines = [extra + "."]
    if unlisted is not None:
        lines.append(f"{indent}{not_listed_text(unlisted)}.")
    return lines


def _compact_lines(
    result: SolutionResult,
    compact: Mapping[str, Any],
    outcome: str,
    digits: int,
    labels: Mapping[str, str],
) -> list[str]:
    """A solution listing more than 10,000 terms in all: M1, then each model's fit and
    how it differs from M1, each term's fit once, and M1's simplifying assumptions
    (:mod:`qca.report.compact`)."""
    from qca._labels import label_expression

    first = result.models[0]
    models = compact_models_frame(result, compact, labels)
    terms = compact_terms_frame(result, compact, labels)
    return [
        f"  {compact_note(result, compact)}",
        f"  {first.label}: {label_expression(first.text, labels)} {_arrow(first.model)} {outcome}",
        "  Models (the fit of each, and how it differs from M1):",
        format_table(Table("m", "", models, index_label=None), digits=digits, indent="    "),
        "  Terms of the models listed, each once (covU relative to all of them, as R's "
        "IC$overall; M1: in M1; models: in how many models listed):",
        format_table(Table("t", "", terms, index_label=None), digits=digits, indent="    "),
        f"  {first.label}:",
        *_assumption_lines(result.kind, first),
    ]
