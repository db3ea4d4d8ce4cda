"""Report pieces about the sets and the configurations (issue 13): labels in place of
names when asked (R's ``use.labels``), the skewness table, the calibration as applied
(percentile anchors resolved, 0.5 memberships shifted) and the configuration tables.

Pure functions of an :class:`qca.AnalysisResult`; the renderers call them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from qca._results import AnalysisResult
from qca.report._base import Table

__all__ = [
    "SKEWNESS_TITLE",
    "calibration_frame",
    "calibration_records",
    "codebook",
    "configuration_csv_table",
    "configuration_report_tables",
    "configuration_tables_for",
    "display_labels",
    "labelled_necessity",
    "labelled_truth_table",
    "skewness_table",
]

SKEWNESS_TITLE = "Skewness: cases with membership above 0.5"


def display_labels(analysis: AnalysisResult, use_labels: bool) -> dict[str, str]:
    """Labels to show in place of names: only when asked (``--use-labels``)."""
    return dict(analysis.labels or {}) if use_labels else {}


def configuration_tables_for(analysis: AnalysisResult, use_labels: bool = False) -> list[Any]:
    """The configuration tables of the analysis' intermediate solution ([] without one)."""
    from qca._reporting import configuration_tables_of

    result = analysis.solutions.get("intermediate")
    solution = None if result is None or result.error else result.solution
    return configuration_tables_of(solution, display_labels(analysis, use_labels))


def configuration_report_tables(tables: Sequence[Any]) -> list[Table]:
    """One report table per configuration table; in the xlsx report a styled sheet."""
    from qca.configurations import LEGEND, fill_sheet

    out = []
    for t in tables:
        frame = t.frame.astype(object).where(t.frame.notna(), None)
        out.append(
            Table(
                "configurations", t.title, frame, notes=(*LEGEND, *t.notes), index_label="",
                sheet=lambda ws, t=t: fill_sheet(ws, [t]),
            )
        )
    return out


def configuration_csv_table(tables: Sequence[Any]) -> Table:
    """Configuration tables as one table for a CSV file: a column naming the table (its
    title), a column naming the row (condition or fit parameter), one column per
    configuration; the tables one below the other.

    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> one = SimpleNamespace(title="Configurations for Y", frame=pd.DataFrame(
    ...     {"1": ["●", 0.9]}, index=pd.Index(["A", "consistency"])))
    >>> configuration_csv_table([one]).rows()
    [['table', 'row', '1'], ['Configurations for Y', 'A', '●'], ['Configurations for Y', 'consistency', 0.9]]
    """
    frames = [pd.DataFrame(columns=["table", "row"])]
    for t in tables:
        frame = t.frame.rename(columns=str).rename_axis("row").reset_index()
        frames.append(frame.assign(table=t.title).astype(object))
    frame = pd.concat(frames, ignore_index=True)
    frame = frame[["table", *[c for c in frame.columns if c != "table"]]]
    frame = frame.astype(object).where(frame.notna(), None)
    return Table("configurations", "Configuration tables", frame, index_label=None)


def skewness_table(analysis: AnalysisResult, use_labels: bool = False) -> pd.DataFrame | None:
    """Cases above 0.5 per set (conditions and outcome), or None."""
    from qca._labels import label_name
    from qca._reporting import skewness_frame

    outcome = str(analysis.outcome).lstrip("~").split("[")[0].strip()
    frame = skewness_frame(analysis.data, [*analysis.conditions, outcome])
    labels = display_labels(analysis, use_labels)
    if frame is not None and labels:
        frame.index = pd.Index([label_name(str(n), labels) for n in frame.index], name="set")
    return frame


def codebook(analysis: AnalysisResult) -> pd.DataFrame | None:
    """The calibration as applied, when an anchor was a percentile or a membership was
    shifted off 0.5 (``Workbook.codebook()``); else None."""
    from qca._reporting import calibration_record

    record = calibration_record(analysis.raw, analysis.calibration)
    if record is None:
        return None
    changed = [
        str(r) != str(t) for r, t in zip(record["resolved"], record["thresholds"], strict=True)
    ]
    if not any(changed) and not (record["shift_half"] != 0).any():
        return None
    return record


def calibration_frame(analysis: AnalysisResult) -> pd.DataFrame:
    """The codebook with the anchors used (``resolved``) and the cases shifted, when any."""
    frame = analysis.calibration
    assert frame is not None
    record = codebook(analysis)
    if record is None:
        return frame
    frame = frame.copy()
    frame["resolved"] = [record.at[s, "resolved"] for s in frame["set"]]
    frame["shifted"] = [", ".join(map(str, record.at[s, "shifted"])) for s in frame["set"]]
    return frame


def calibration_records(analysis: AnalysisResult) -> list[dict[str, Any]]:
    """The codebook as JSON records, with ``resolved`` and ``shifted`` when they matter."""
    from qca.report._base import frame_records

    assert analysis.calibration is not None
    records = frame_records(analysis.calibration)
    record = codebook(analysis)
    if record is not None:
        for item in records:
            item["resolved"] = record.at[item["set"], "resolved"]
            item["shifted"] = [str(c) for c in record.at[item["set"], "shifted"]]
    return records


def brief_with_anchors(analysis: AnalysisResult, brief: pd.DataFrame) -> pd.DataFrame:
    """A calibration brief with the values percentile anchors resolved to, and the shift."""
    from qca._reporting import anchors_text

    record = codebook(analysis)
    if record is None:
        return brief
    brief = brief.copy()
    brief["thresholds"] = [
        anchors_text(t, record.at[s, "resolved"])
        for s, t in zip(brief["set"], brief["thresholds"], strict=True)
    ]
    options = []
    for s, text in zip(brief["set"], brief["options"], strict=True):
        amount = float(record.at[s, "shift_half"])
        if amount:
            cases = ", ".join(map(str, record.at[s, "shifted"])) or "none"
            text = ", ".join(p for p in (text, f"shift_half={amount:g} (cases {cases})") if p)
        options.append(text)
    brief["options"] = options
    return brief


def labelled_necessity(frame: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """A necessity table whose expressions are written with labels."""
    from qca._labels import label_expression

    if not labels:
        return frame
    out = frame.copy()
    out.index = pd.Index([label_expression(str(i), labels) for i in out.index], name=out.index.name)
    return out


def labelled_truth_table(
    frame: pd.DataFrame, conditions: Sequence[str], labels: Mapping[str, str]
) -> pd.DataFrame:
    """A truth-table frame whose condition columns are headed by labels."""
    if not labels:
        return frame
    return frame.rename(columns={c: labels.get(str(c)) or c for c in conditions})
