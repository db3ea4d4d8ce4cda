"""Rich display in Jupyter: HTML tables for truth tables, solutions and models.

Every text is HTML-escaped (case ids and labels are user text); Chinese and any other
script is written as is (UTF-8). Labels come from ``data.attrs["labels"]``, which
:meth:`qca.Workbook.calibrated` fills, so a notebook shows ``政治势能适时强化`` under
``政治势能``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

__all__ = ["truth_table_html", "solution_html", "model_html", "labels_of"]

_TABLE = '<table class="qca" style="border-collapse:collapse">'
_TH = '<th style="padding:0 0.5em;text-align:{align}">{text}</th>'
_TD = '<td style="padding:0 0.5em;text-align:{align}">{text}</td>'
_SMALL = '<br><span style="font-weight:normal;font-size:0.8em">{}</span>'
#: Models of a solution shown with their fit tables (the rest: ``solution.models``).
_SHOWN_MODELS = 10


def labels_of(data: Any) -> dict[str, str]:
    """Set name -> label carried by a DataFrame's ``attrs["labels"]`` (empty otherwise)."""
    attrs = getattr(data, "attrs", None)
    labels = attrs.get("labels") if isinstance(attrs, Mapping) else None
    if not isinstance(labels, Mapping):
        return {}
    return {str(k): str(v) for k, v in labels.items() if v is not None}


def _e(value: Any) -> str:
    return html.escape(str(value))


def _num(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{float(value):.3f}"


def _head(name: str, labels: Mapping[str, str], align: str = "center") -> str:
    text = _e(name)
    if name in labels and labels[name] != name:
        text += _SMALL.format(_e(labels[name]))
    return _TH.format(align=align, text=text)


def truth_table_html(tt: Any) -> str:
    """The truth table as an HTML table (cut-offs in the caption, labels under names).

    >>> import pandas as pd, qca
    >>> data = pd.DataFrame({"政治势能": [1, 0], "Y": [1, 0]}, index=["<a>", "b"])
    >>> page = truth_table_html(qca.truth_table(data, "Y"))
    >>> "<th" in page and "政治势能" in page and "&lt;a&gt;" in page
    True
    """
    labels = labels_of(tt.data)
    options = tt.options
    ic1, ic0 = options["incl_cut"]
    cut = f"{ic1:g}" if ic1 == ic0 else f"{ic1:g}, {ic0:g}"
    outcome = str(tt.outcome)
    shown = labels.get(outcome.lstrip("~"))
    caption = f"Truth table of {outcome}" + (f" ({shown})" if shown and shown != outcome else "")
    caption += f"; incl_cut {cut}, n_cut {options['n_cut']}"
    if options.get("pri_cut"):
        caption += f", pri_cut {options['pri_cut']:g}"
    show_cases = options.get("show_cases", True)
    out = [_TABLE, f"<caption>{_e(caption)}</caption>", "<thead><tr>"]
    out.append(_TH.format(align="right", text="row"))
    out += [_head(c, labels) for c in tt.conditions]
    out += [_TH.format(align="center", text=c) for c in ("OUT", "n", "incl", "PRI")]
    if show_cases:
        out.append(_TH.format(align="left", text="cases"))
    out.append("</tr></thead><tbody>")
    for row, values in tt.table.iterrows():
        cells = [_TD.format(align="right", text=_e(row))]
        cells += [_TD.format(align="center", text=_e(values[c])) for c in tt.conditions]
        cells.append(_TD.format(align="center", text=_e(values["OUT"])))
        cells.append(_TD.format(align="right", text=_e(values["n"])))
        cells += [_TD.format(align="right", text=_num(values[c])) for c in ("incl", "PRI")]
        if show_cases:
            cells.append(_TD.format(align="left", text=_e(", ".join(map(str, values["cases"])))))
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    if len(tt.table) == 0:
        out.append("<p>(no rows)</p>")
    return "\n".join(out)


def _fit_rows(fit: pd.DataFrame, whole: tuple[str, Mapping[str, float]] | None) -> list[str]:
    rows = []
    for term in fit.index:
        cells = [_TD.format(align="left", text=_e(term))]
        cells += [_TD.format(align="right", text=_num(fit.at[term, c])) for c in ("inclS", "PRI", "covS", "covU")]
        cells.append(_TD.format(align="left", text=_e(fit.at[term, "cases"]) if "cases" in fit.columns else ""))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if whole is not None:
        name, values = whole
        cells = [_TD.format(align="left", text=f"<i>{_e(name)}</i>")]
        cells += [_TD.format(align="right", text=_num(values[c])) for c in ("inclS", "PRI", "covS")]
        cells += [_TD.format(align="right", text=""), _TD.format(align="left", text="")]
        rows.append('<tr style="border-top:1px solid #999">' + "".join(cells) + "</tr>")
    return rows


def model_html(model: Any, labels: Mapping[str, str] | None = None) -> str:
    """A model and its fit table (one row per term, then the whole model)."""
    head = f"{model.name}: {model} {model.relation} {model.outcome}"
    out = [_TABLE, f"<caption>{_e(head)}</caption>", "<thead><tr>"]
    out += [_TH.format(align=a, text=t) for a, t in (
        ("left", "term"), ("right", "inclS"), ("right", "PRI"), ("right", "covS"),
        ("right", "covU"), ("left", "cases"),
    )]
    out.append("</tr></thead><tbody>")
    out += _fit_rows(model.fit, (model.name, {"inclS": model.inclS, "PRI": model.PRI, "covS": model.covS}))
    out.append("</tbody></table>")
    out += _legend(model.terms, labels or {})
    return "\n".join(out)


def _legend(terms: Sequence[str], labels: Mapping[str, str]) -> list[str]:
    """A line naming the labels of the sets the terms use."""
    if not labels:
        return []
    from qca.expr import parse_expression

    names: dict[str, None] = {}
    for term in terms:
        for name in parse_expression(term).names:
            names.setdefault(name, None)
    shown = [f"{_e(n)}: {_e(labels[n])}" for n in names if n in labels and labels[n] != n]
    if not shown:
        return []
    return [f'<p style="font-size:0.85em">{"; ".join(shown)}</p>']


def _model_count_html(solution: Any) -> list[str]:
    """The number of minimal models and their factorized description, when more exist
    than are listed (else nothing)."""
    lines = solution._count_lines() if hasattr(solution, "_count_lines") else []
    if not lines:
        return []
    out = [f"<p>{_e(lines[0])}</p>"]
    if len(lines) > 1:
        out.append("<pre>" + _e("\n".join(lines[1:])) + "</pre>")
    return out


def solution_html(solution: Any) -> str:
    """A solution: its kind, each model's fit table, counterfactuals and notes."""
    labels = dict(getattr(solution, "labels", {}) or {})
    count = len(solution.models)
    out = [f"<p><b>{_e(solution.kind.capitalize())} solution for {_e(solution.outcome)}</b> "
           f"({count} model{'s' if count != 1 else ''})</p>"]
    if solution.kind == "intermediate":
        for key, part in solution.intermediate.items():
            easy = ", ".join(map(str, part.easy_counterfactuals.index)) or "none"
            difficult = ", ".join(map(str, part.difficult_counterfactuals.index)) or "none"
            out.append(
                f"<p>From {_e(key)} (C: {_e(part.conservative)}; P: {_e(part.parsimonious)}): "
                f"easy counterfactuals {_e(easy)}; difficult counterfactuals {_e(difficult)}</p>"
            )
            out += [model_html(m) for m in part.models]
    else:
        shown = solution.models[:_SHOWN_MODELS]
        out += [model_html(m) for m in shown]
        if len(solution.models) > len(shown):
            out.append(f"<p>... and {len(solution.models) - len(shown)} more models "
                       "(<code>.models</code> lists them)</p>")
    out += _model_count_html(solution)
    out += _legend([t for m in solution.models[:_SHOWN_MODELS] for t in m.terms], labels)
    if solution.excluded:
        out.append(f"<p>Rows excluded as remainders: {_e(list(solution.excluded))}</p>")
    if not solution.complete:
        out.append(f"<p>Incomplete: {_e(' '.join(solution.notes))}</p>")
    return "\n".join(out)
