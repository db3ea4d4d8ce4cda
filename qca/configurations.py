"""The configuration table (Fiss 2011): the results table of most fsQCA articles.

One column per configuration (a term of the intermediate solution), one row per
condition. A condition in the term is drawn ● (present) or ⊗ (absent): large when it is
a *core* condition (it is also in the parsimonious term the configuration rests on),
small when it is *peripheral* (in the intermediate solution only); a blank cell is a
"don't care". Configurations that share a core are grouped and numbered 1a, 1b, ...
Below the conditions: consistency (inclS), PRI, raw coverage (covS) and unique coverage
(covU) of each configuration, then the consistency, PRI and coverage of the solution.

Plain text and Markdown cannot draw glyphs in two sizes, so they use ● / • for core /
peripheral presence and ⨂ / ⊗ for core / peripheral absence, with a legend; HTML, LaTeX
and the xlsx sheet draw ● and ⊗ large or small.

Model ambiguity is explicit: an intermediate solution exists for every pair of a
conservative and a parsimonious model (C1P1, C1P2, ...) and may itself have several
models, and the core depends on the parsimonious model. :func:`configuration_tables`
gives one table per combination (``"C1P1 M1"``, ...), combinations that give the same
table merged; :func:`configuration_table` gives the first, with a note naming the others.

>>> import pandas as pd, qca
>>> data = pd.DataFrame(
...     {"A": [1, 1, 0, 0, 1], "B": [1, 0, 1, 0, 1], "C": [1, 1, 0, 0, 0], "Y": [1, 1, 0, 0, 1]},
...     index=list("vwxyz"),
... )
>>> solution = qca.minimize(qca.truth_table(data, "Y"), include="?", dir_exp="A, B, C")
>>> print(configuration_table(solution).to_text())
Configurations for Y
                    1a     1b
  A                  ●      ●
  B                  •
  C                         •
  consistency      1.000  1.000
  PRI              1.000  1.000
  raw coverage     0.667  0.667
  unique coverage  0.333  0.333
  solution consistency  1.000
  solution PRI          1.000
  solution coverage     1.000
  ● core present, • peripheral present, ⨂ core absent, ⊗ peripheral absent, blank: don't care.
  Core: in the parsimonious and the intermediate solution; peripheral: in the intermediate solution only.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from qca._text import display_width, pad_left, pad_right
from qca.exceptions import InvalidParameterError, QCAError
from qca.expr import Literal, parse_expression

__all__ = [
    "ConfigurationTable",
    "configuration_table",
    "configuration_tables",
    "FIT_ROWS",
    "SOLUTION_ROWS",
    "LEGEND",
]

#: Per-configuration rows below the conditions, and the fit column each comes from.
FIT_ROWS = {
    "consistency": "inclS",
    "PRI": "PRI",
    "raw coverage": "covS",
    "unique coverage": "covU",
}
#: Solution rows (the value sits in the first configuration's column).
SOLUTION_ROWS = {
    "solution consistency": "inclS",
    "solution PRI": "PRI",
    "solution coverage": "covS",
}
#: Glyphs of the text and Markdown renderings, by (role, present).
TEXT_GLYPHS = {
    ("core", True): "●",
    ("peripheral", True): "•",
    ("core", False): "⨂",
    ("peripheral", False): "⊗",
}
LEGEND = (
    "● core present, • peripheral present, ⨂ core absent, ⊗ peripheral absent, "
    "blank: don't care.",
    "Core: in the parsimonious and the intermediate solution; peripheral: in the "
    "intermediate solution only.",
)
_STYLED_LEGEND = (
    "Large ● / ⊗: core condition present / absent (in the parsimonious and the "
    "intermediate solution); small ● / ⊗: peripheral condition (intermediate solution "
    "only); blank: don't care."
)


@dataclass(frozen=True, eq=False)
class ConfigurationTable:
    """A configuration table (Fiss 2011) for one combination of models.

    Attributes
    ----------
    outcome : str
        The outcome explained.
    models : tuple of str
        The model combinations that give this table (``"C1P1 M1"``; the intermediate
        model, then which parsimonious model gives the core).
    frame : pandas.DataFrame
        One column per configuration (``"1"``, ``"2a"``, ``"2b"``, ...); rows: the
        conditions (labelled when labels are given), holding ●, •, ⨂, ⊗ or ``""``, then
        ``consistency``, ``PRI``, ``raw coverage``, ``unique coverage`` (floats) and
        ``solution consistency``, ``solution PRI``, ``solution coverage`` (in the first
        column; NaN elsewhere).
    roles : pandas.DataFrame
        Conditions x configurations: ``"core"``, ``"peripheral"`` or ``""``.
    terms : dict
        Configuration -> its term in the intermediate solution.
    cores : dict
        Configuration -> the parsimonious term(s) it rests on (``" + "``-joined; ``""``
        when none of the parsimonious terms is part of it).
    conditions : tuple of str
        The conditions, in data order (the names, whatever the row labels).
    notes : tuple of str
        What a reader needs to know (other model combinations, multi-value cells).
    """

    outcome: str
    models: tuple[str, ...]
    frame: pd.DataFrame
    roles: pd.DataFrame
    terms: dict[str, str]
    cores: dict[str, str]
    conditions: tuple[str, ...]
    notes: tuple[str, ...] = ()
    outcome_label: str | None = None
    show_models: bool = False
    _present: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    # -------------------------------------------------------------- helpers
    @property
    def title(self) -> str:
        """``Configurations for OUTCOME`` and, under model ambiguity, the models."""
        shown = self.outcome_label or self.outcome
        models = f" ({', '.join(self.models)})" if self.show_models else ""
        return f"Configurations for {shown}{models}"

    def _cells(self) -> list[tuple[str, list[tuple[str, bool | None, str]]]]:
        """Per condition row: (row label, [(role, present, text) per configuration])."""
        rows = []
        n = len(self.conditions)
        for i, label in enumerate(self.frame.index[:n]):
            cells = []
            for column in self.frame.columns:
                role = str(self.roles.iat[i, self.frame.columns.get_loc(column)])
                present = self._present.iat[i, self.frame.columns.get_loc(column)]
                present_flag = None if pd.isna(present) else bool(present)
                cells.append((role, present_flag, str(self.frame.at[label, column])))
            rows.append((str(label), cells))
        return rows

    def _numbers(self) -> list[tuple[str, list[float]]]:
        n = len(self.conditions)
        return [
            (str(label), [float(v) for v in self.frame.loc[label].tolist()])
            for label in self.frame.index[n:]
        ]

    # -------------------------------------------------------------- renderings
    def to_text(self, digits: int = 3) -> str:
        """Aligned plain text (wide characters counted twice), with the legend."""
        columns = [str(c) for c in self.frame.columns]
        fit_rows = [(label, values) for label, values in self._numbers() if label in FIT_ROWS]
        solution_rows = [(lab, vals) for lab, vals in self._numbers() if lab in SOLUTION_ROWS]
        number = [[_num(v, digits) for v in values] for _, values in fit_rows]
        widths = [
            max([display_width(c)] + [len(row[j]) for row in number] + [1])
            for j, c in enumerate(columns)
        ]
        labels = [label for label, _ in self._cells()] + [label for label, _ in fit_rows]
        first = max(display_width(x) for x in labels) if labels else 0
        lines = [self.title]
        header = "".join("  " + _center(c, w) for c, w in zip(columns, widths, strict=True))
        lines.append(("  " + " " * first + header).rstrip())
        for label, cells in self._cells():
            line = "  " + pad_right(label, first)
            for (_, _, glyph), w in zip(cells, widths, strict=True):
                line += "  " + _center(glyph, w)
            lines.append(line.rstrip())
        for (label, _), texts in zip(fit_rows, number, strict=True):
            line = "  " + pad_right(label, first)
            line += "".join("  " + pad_left(t, w) for t, w in zip(texts, widths, strict=True))
            lines.append(line.rstrip())
        if solution_rows:
            width = max(display_width(label) for label, _ in solution_rows)
            for label, values in solution_rows:
                lines.append(f"  {pad_right(label, width)}  {_num(values[0], digits)}")
        lines.extend("  " + line for line in LEGEND)
        lines.extend("  " + note for note in self.notes)
        return "\n".join(lines)

    def to_markdown(self, digits: int = 3) -> str:
        """A Markdown (GitHub) table with the legend and notes below it."""
        columns = [str(c) for c in self.frame.columns]
        lines = [f"**{_md(self.title)}**", ""]
        lines.append("| | " + " | ".join(_md(c) for c in columns) + " |")
        lines.append("|---|" + "|".join(":---:" for _ in columns) + "|")
        for label, cells in self._cells():
            lines.append(f"| {_md(label)} | " + " | ".join(g for _, _, g in cells) + " |")
        for label, values in self._numbers():
            if label in SOLUTION_ROWS:
                texts = [_num(values[0], digits)] + [""] * (len(columns) - 1)
            else:
                texts = [_num(v, digits) for v in values]
            lines.append(f"| {_md(label)} | " + " | ".join(texts) + " |")
        lines.append("")
        lines.extend(_md(line) + "  " for line in LEGEND)
        lines.extend(_md(note) + "  " for note in self.notes)
        return "\n".join(lines).rstrip() + "\n"

    def to_html(self, digits: int = 3) -> str:
        """An HTML table: large and small ● / ⊗, everything HTML-escaped."""
        columns = [str(c) for c in self.frame.columns]
        out = ['<table class="qca-configurations" style="border-collapse:collapse">']
        out.append(f"<caption>{html.escape(self.title)}</caption>")
        out.append("<thead><tr><th></th>" + "".join(
            f'<th style="text-align:center;padding:0 0.6em">{html.escape(c)}</th>' for c in columns
        ) + "</tr></thead><tbody>")
        for label, cells in self._cells():
            tds = "".join(_html_cell(role, present, glyph) for role, present, glyph in cells)
            out.append(f'<tr><th style="text-align:left">{html.escape(label)}</th>{tds}</tr>')
        for label, values in self._numbers():
            if label in SOLUTION_ROWS:
                tds = (
                    f'<td colspan="{len(columns)}" style="text-align:center">'
                    f"{html.escape(_num(values[0], digits))}</td>"
                )
            else:
                tds = "".join(
                    f'<td style="text-align:right;padding:0 0.6em">{html.escape(_num(v, digits))}</td>'
                    for v in values
                )
            out.append(f'<tr><th style="text-align:left">{html.escape(label)}</th>{tds}</tr>')
        out.append("</tbody></table>")
        notes = [_STYLED_LEGEND, *self.notes]
        out.append("".join(f'<p style="font-size:0.85em">{html.escape(n)}</p>' for n in notes))
        return "\n".join(out)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_latex(self, digits: int = 3) -> str:
        """A LaTeX ``tabular`` (booktabs-free): ``$\\bullet$`` and ``$\\otimes$`` in two sizes.

        Chinese labels need a CJK-aware engine (XeLaTeX with ``xeCJK``); special
        characters are escaped.
        """
        columns = [str(c) for c in self.frame.columns]
        k = len(columns)
        lines = [
            f"% {_latex(self.title)}",
            "\\begin{tabular}{l" + "c" * k + "}",
            "\\hline",
            " & " + " & ".join(_latex(c) for c in columns) + " \\\\",
            "\\hline",
        ]
        for label, cells in self._cells():
            tex = [_latex_cell(role, present, glyph) for role, present, glyph in cells]
            lines.append(_latex(label) + " & " + " & ".join(tex) + " \\\\")
        lines.append("\\hline")
        for label, values in self._numbers():
            if label in SOLUTION_ROWS:
                texts = [f"\\multicolumn{{{k}}}{{c}}{{{_num(values[0], digits)}}}"]
            else:
                texts = [_num(v, digits) for v in values]
            lines.append(_latex(label) + " & " + " & ".join(texts) + " \\\\")
        lines.append("\\hline")
        lines.append("\\end{tabular}")
        lines.append(
            "% Large $\\bullet$ / $\\otimes$: core condition present / absent; small: "
            "peripheral; blank: don't care."
        )
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: models, then per configuration its term, core and peripheral
        literals and fit, then the solution's fit.

        >>> import qca, pandas as pd
        >>> data = pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 0], "Y": [1, 1, 0]}, index=list("xyz"))
        >>> solution = qca.minimize(qca.truth_table(data, "Y"), include="?", dir_exp="A, B")
        >>> configuration_table(solution).to_dict()["configurations"][0]["core"]
        ['A']
        """
        configurations = []
        for column in self.frame.columns:
            literals = {lit.name: lit for lit in _literals(self.terms[column])}
            core = [c for c in self.conditions if self.roles.at[c, column] == "core"]
            peripheral = [c for c in self.conditions if self.roles.at[c, column] == "peripheral"]
            record: dict[str, Any] = {
                "name": str(column),
                "term": self.terms[column],
                "core_term": self.cores[column],
                "core": [literals[c].text() for c in core],
                "peripheral": [literals[c].text() for c in peripheral],
            }
            for row, measure in FIT_ROWS.items():
                record[measure] = _plain_float(self.frame.at[row, column])
            configurations.append(record)
        first = self.frame.columns[0]
        solution = {m: _plain_float(self.frame.at[row, first]) for row, m in SOLUTION_ROWS.items()}
        return {
            "outcome": self.outcome,
            "models": list(self.models),
            "conditions": list(self.conditions),
            "configurations": configurations,
            "solution": solution,
            "notes": list(self.notes),
        }

    def __repr__(self) -> str:
        return self.to_text()


# ---------------------------------------------------------------------- building
def configuration_tables(
    solution: Any,
    *,
    parsimonious: Any = None,
    labels: Mapping[str, str] | None = None,
) -> list[ConfigurationTable]:
    """Every configuration table a solution gives: one per combination of models.

    Parameters
    ----------
    solution : qca.Solution
        An intermediate solution (``minimize(..., include="?", dir_exp=...)``): each
        intermediate model is drawn against the parsimonious model it was derived from
        (C1P2 against P2). Any other solution (e.g. the conservative one) needs
        ``parsimonious``.
    parsimonious : qca.Solution, default=None
        The parsimonious solution whose terms are the cores of ``solution``'s terms;
        each model of ``solution`` is drawn against each parsimonious model.
    labels : mapping, default=None
        Set name -> label to show in place of the name (R's ``use.labels``); the outcome's
        label titles the table.

    Returns
    -------
    list of ConfigurationTable
        In R's order of the combinations (C1P1 M1, C1P1 M2, C1P2 M1, ...); a table that
        an earlier combination already gives is not repeated: its ``models`` lists both.

    Raises
    ------
    QCAError
        The solution has no intermediate solution and ``parsimonious`` is not given, or
        it has no model.

    References
    ----------
    Fiss, P. C. (2011). Building better causal theories: a fuzzy set approach to
    typologies in organization research. *Academy of Management Journal* 54(2), 393-420.
    Ragin, C. C. & Fiss, P. C. (2008). Net effects analysis versus configurational
    analysis. In Ragin, *Redesigning Social Inquiry*, ch. 11.

    Examples
    --------
    >>> import qca
    >>> book = qca.read_workbook("cases/digital_government.xlsx")
    >>> data, settings = book.calibrated(), book.analysis
    >>> tt = qca.truth_table(data, "OC", settings["conditions"], incl_cut=0.8)
    >>> solution = qca.minimize(tt, include="?", dir_exp="PM, CA, PF")
    >>> [t.models for t in configuration_tables(solution)]
    [('C1P1 M1',), ('C1P2 M1',)]
    """
    _check_solution(solution, "configuration_tables")
    labels = _check_labels(labels, "configuration_tables")
    combos = _combinations(solution, parsimonious)
    tables: list[ConfigurationTable] = []
    for name, model, p_model in combos:
        table = _build(solution, name, model, p_model, labels)
        for k, earlier in enumerate(tables):
            if earlier.frame.equals(table.frame) and earlier.roles.equals(table.roles):
                tables[k] = _with(earlier, models=(*earlier.models, name))
                break
        else:
            tables.append(table)
    if len(tables) > 1:
        others = "; ".join(", ".join(t.models) for t in tables)
        note = (
            f"Model ambiguity: {len(tables)} different configuration tables ({others}); "
            "each is listed."
        )
        tables = [_with(t, notes=(*t.notes, note), show_models=True) for t in tables]
    return tables


def configuration_table(
    solution: Any,
    *,
    model: str | None = None,
    parsimonious: Any = None,
    labels: Mapping[str, str] | None = None,
) -> ConfigurationTable:
    """The configuration table (Fiss 2011) of a solution: one model combination.

    Parameters
    ----------
    solution : qca.Solution
        As :func:`configuration_tables` takes it.
    model : str, default=None
        Which combination, e.g. ``"C1P2 M1"`` (``"C1P2"`` for its first model); by
        default the first (C1P1 M1). When others give a different table, the table's
        ``notes`` say so; :func:`configuration_tables` lists them all.
    parsimonious : qca.Solution, default=None
        As in :func:`configuration_tables`.
    labels : mapping, default=None
        Set name -> label shown in place of the name.

    Returns
    -------
    ConfigurationTable
        ``.frame`` (a DataFrame), ``.to_text()``, ``.to_markdown()``, ``.to_html()``,
        ``.to_latex()``.

    Examples
    --------
    >>> import qca
    >>> book = qca.read_workbook("cases/digital_government.xlsx")
    >>> tt = qca.truth_table(book.calibrated(), "OC", ["PM", "CA", "PF", "TI"], incl_cut=0.8)
    >>> solution = qca.minimize(tt, include="?", dir_exp="PM, CA, PF")
    >>> table = configuration_table(solution, model="C1P2 M1")
    >>> table.frame.iloc[:4, 0].tolist()
    ['•', '●', '●', '']
    """
    tables = configuration_tables(solution, parsimonious=parsimonious, labels=labels)
    if model is None:
        return tables[0]
    if not isinstance(model, str):
        raise InvalidParameterError(
            "The 'model' parameter of configuration_table must be a model combination such "
            f"as 'C1P1 M1'. Got {model!r} instead."
        )
    wanted = model.strip()
    for table in tables:
        for name in table.models:
            if wanted in (name, name.split(" ")[0] if name.endswith(" M1") else name):
                return table
    known = ", ".join(n for t in tables for n in t.models)
    raise InvalidParameterError(
        f"The 'model' parameter of configuration_table must be one of {known}. Got {model!r} instead."
    )


def _check_solution(solution: Any, where: str) -> None:
    for attribute in ("models", "parsimonious_models", "intermediate", "conditions"):
        if not hasattr(solution, attribute):
            raise InvalidParameterError(
                f"The 'solution' parameter of {where} must be a qca.Solution (from "
                f"qca.minimize). Got {type(solution).__name__} instead."
            )


def _check_labels(labels: Any, where: str) -> dict[str, str]:
    if labels is None:
        return {}
    if not isinstance(labels, Mapping):
        raise InvalidParameterError(
            f"The 'labels' parameter of {where} must be a mapping from set names to labels. "
            f"Got {type(labels).__name__} instead."
        )
    return {str(k): str(v) for k, v in labels.items() if v is not None and str(v).strip()}


def _combinations(solution: Any, parsimonious: Any) -> list[tuple[str, Any, Any]]:
    combos: list[tuple[str, Any, Any]] = []
    if parsimonious is not None:
        _check_solution(parsimonious, "configuration_tables")
        p_models = list(parsimonious.models)
        if not p_models or not solution.models:
            raise QCAError("configuration_tables: the solutions have no model to tabulate.")
        for j, p_model in enumerate(p_models, start=1):
            for model in solution.models:
                name = f"{model.name} P{j}" if len(p_models) > 1 else model.name
                combos.append((name, model, p_model))
        return combos
    if not solution.intermediate:
        raise QCAError(
            "A configuration table tells core from peripheral conditions by comparing the "
            "intermediate solution with the parsimonious one: minimize with include='?' and "
            "dir_exp, or pass the parsimonious solution as 'parsimonious'."
        )
    for key, inter in solution.intermediate.items():
        if not inter.models:
            continue
        for model in inter.models:
            combos.append((f"{key} {model.name}", model, inter.parsimonious))
    if not combos:
        raise QCAError("configuration_tables: the intermediate solution has no model.")
    return combos


def _key(lit: Literal) -> tuple[str, frozenset[int], bool]:
    return (lit.name, lit.values, lit.negated)


def _display(lit: Literal, multivalue: bool) -> tuple[bool, str]:
    """(present, bracket): ``A``, ``A[2]`` present; ``~A``, ``A[0]`` absent."""
    values = ",".join(str(v) for v in sorted(lit.values))
    if not multivalue:
        return (lit.values == frozenset({1})) != lit.negated, ""
    if lit.negated:
        return False, f"[{values}]"
    if lit.values == frozenset({0}):
        return False, ""
    return True, f"[{values}]"


def _literals(term: str) -> list[Literal]:
    parsed = parse_expression(term)
    if len(parsed.terms) != 1:
        raise QCAError(f"configuration table: {term!r} is not a single term.")
    return list(parsed.terms[0])


def _build(
    solution: Any, name: str, model: Any, p_model: Any, labels: dict[str, str]
) -> ConfigurationTable:
    conditions = tuple(str(c) for c in solution.conditions)
    p_terms = [(t, {_key(lit) for lit in _literals(t)}) for t in p_model.terms]
    configs = []
    for term in model.terms:
        literals = _literals(term)
        keys = {_key(lit) for lit in literals}
        cores = [k for k, (_, p_keys) in enumerate(p_terms) if p_keys <= keys]
        core_keys = set().union(*(p_terms[k][1] for k in cores)) if cores else set()
        configs.append((term, literals, tuple(cores), core_keys))
    # groups in the order of the parsimonious terms they rest on, then the others
    order = sorted(
        range(len(configs)),
        key=lambda i: (configs[i][2] == (), configs[i][2], i),
    )
    groups: dict[tuple[int, ...], list[int]] = {}
    for i in order:
        core = configs[i][2] if configs[i][2] else (-1 - i,)  # no core: a group of its own
        groups.setdefault(core, []).append(i)
    columns, members = [], []
    for g, (_, indices) in enumerate(groups.items(), start=1):
        for k, i in enumerate(indices):
            columns.append(f"{g}{_letter(k)}" if len(indices) > 1 else str(g))
            members.append(i)
    multivalue = any(
        len(lit.values) > 1 or max(lit.values) > 1 for c in configs for lit in c[1]
    )
    glyphs = pd.DataFrame("", index=list(conditions), columns=columns, dtype=object)
    roles = pd.DataFrame("", index=list(conditions), columns=columns, dtype=object)
    present = pd.DataFrame(np.nan, index=list(conditions), columns=columns, dtype=object)
    for column, i in zip(columns, members, strict=True):
        _, literals, _, core_keys = configs[i]
        for lit in literals:
            if lit.name not in glyphs.index:
                raise QCAError(f"configuration table: {lit.name!r} is not a condition.")
            role = "core" if _key(lit) in core_keys else "peripheral"
            is_present, bracket = _display(lit, multivalue)
            glyph = TEXT_GLYPHS[(role, is_present)] + bracket
            glyphs.at[lit.name, column] = glyph
            roles.at[lit.name, column] = role
            present.at[lit.name, column] = is_present
    fit = model.fit
    numbers = pd.DataFrame(np.nan, index=[*FIT_ROWS, *SOLUTION_ROWS], columns=columns)
    for column, i in zip(columns, members, strict=True):
        term = configs[i][0]
        for row, measure in FIT_ROWS.items():
            value = float(fit.at[term, measure])
            if measure == "covU" and len(model.terms) == 1:
                value = float(fit.at[term, "covS"])  # the only term: all its coverage is its own
            numbers.at[row, column] = value
    whole = {"inclS": model.inclS, "PRI": model.PRI, "covS": model.covS}
    for row, measure in SOLUTION_ROWS.items():
        numbers.at[row, columns[0]] = float(whole[measure])
    shown = [labels.get(c, c) for c in conditions]
    if len(set(shown)) < len(shown):
        shown = list(conditions)  # labels that collide would merge rows
    glyphs.index = shown
    roles.index = list(conditions)
    present.index = list(conditions)
    frame = pd.concat([glyphs, numbers.astype(object)])
    notes = []
    if multivalue:
        notes.append(
            "Multi-value conditions: ● with the values the configuration requires in "
            "brackets; ⊗ (⨂) alone is value 0."
        )
    return ConfigurationTable(
        outcome=str(solution.outcome),
        models=(name,),
        frame=frame,
        roles=roles,
        terms={c: configs[i][0] for c, i in zip(columns, members, strict=True)},
        cores={
            c: " + ".join(p_terms[k][0] for k in configs[i][2])
            for c, i in zip(columns, members, strict=True)
        },
        conditions=conditions,
        notes=tuple(notes),
        outcome_label=labels.get(str(solution.outcome).lstrip("~")) if labels else None,
        _present=present,
    )


def _with(table: ConfigurationTable, **changes: Any) -> ConfigurationTable:
    from dataclasses import replace

    return replace(table, **changes)


def _letter(k: int) -> str:
    """a, b, ..., z, aa, ab, ..."""
    text = ""
    k += 1
    while k:
        k, rest = divmod(k - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


# ---------------------------------------------------------------------- cells
def _plain_float(value: Any) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number


def _num(value: float, digits: int) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def _center(text: str, width: int) -> str:
    room = width - display_width(text)
    left = room // 2
    return " " * left + text + " " * (room - left)


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _html_cell(role: str, present: bool | None, glyph: str) -> str:
    if present is None:
        return "<td></td>"
    size = "1.5em" if role == "core" else "0.8em"
    base = "●" if present else "⊗"
    extra = glyph[1:]  # a multi-value bracket, if any
    return (
        f'<td style="text-align:center;font-size:{size}" title="{role} condition, '
        f'{"present" if present else "absent"}">{base}{html.escape(extra)}</td>'
    )


_LATEX_SPECIAL = {
    "\\": "\\textbackslash{}",
    "&": "\\&",
    "%": "\\%",
    "$": "\\$",
    "#": "\\#",
    "_": "\\_",
    "{": "\\{",
    "}": "\\}",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
}


def _latex(text: str) -> str:
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def _latex_cell(role: str, present: bool | None, glyph: str) -> str:
    if present is None:
        return ""
    size = "\\Large" if role == "core" else "\\scriptsize"
    symbol = "$\\bullet$" if present else "$\\otimes$"
    extra = _latex(glyph[1:])
    return f"{{{size} {symbol}}}{extra}"


def fill_sheet(ws: Any, tables: Sequence[ConfigurationTable], digits: int = 3) -> None:
    """Write configuration tables to an openpyxl worksheet: real ● ⊗ glyphs, styled.

    Core glyphs are large (16 pt), peripheral ones small (9 pt); the header row is
    filled; numbers keep full precision with a 0.000 format; solution figures span the
    configuration columns.
    """
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    line = Side(style="thin", color="808080")
    fill = PatternFill("solid", fgColor="DDE4EE")
    row = 1
    widest = 12
    for table in tables:
        columns = [str(c) for c in table.frame.columns]
        ws.cell(row=row, column=1, value=table.title).font = Font(bold=True, size=12)
        row += 2  # as the other sheets of a report: title, a blank row, the header
        header = ws.cell(row=row, column=1, value="")
        header.fill = fill
        header.font = Font(bold=True)
        if len(tables) == 1:
            ws.freeze_panes = ws.cell(row=row + 1, column=1)
        for j, c in enumerate(columns, start=2):
            cell = ws.cell(row=row, column=j, value=c)
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.alignment = Alignment(horizontal="center")
            cell.border = Border(bottom=line)
        ws.cell(row=row, column=1).border = Border(bottom=line)
        row += 1
        for label, cells in table._cells():
            ws.cell(row=row, column=1, value=label)
            widest = max(widest, display_width(label) + 2)
            for j, (role, present, glyph) in enumerate(cells, start=2):
                if present is None:
                    continue
                text = ("●" if present else "⊗") + glyph[1:]
                cell = ws.cell(row=row, column=j, value=text)
                cell.font = Font(size=16 if role == "core" else 9)
                cell.alignment = Alignment(horizontal="center", vertical="center")
            row += 1
        for label, values in table._numbers():
            first = ws.cell(row=row, column=1, value=label)
            if label == next(iter(FIT_ROWS)):
                for j in range(1, len(columns) + 2):
                    ws.cell(row=row, column=j).border = Border(top=line)
            if label in SOLUTION_ROWS:
                cell = ws.cell(row=row, column=2, value=values[0])
                cell.number_format = "0." + "0" * digits
                cell.alignment = Alignment(horizontal="center")
                if len(columns) > 1:
                    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(columns) + 1)
            else:
                for j, v in enumerate(values, start=2):
                    if not math.isnan(v):
                        ws.cell(row=row, column=j, value=v).number_format = "0." + "0" * digits
            first.font = Font(italic=label in SOLUTION_ROWS)
            row += 1
        for note in (_STYLED_LEGEND, *table.notes):
            ws.cell(row=row, column=1, value=note).font = Font(size=9, italic=True)
            row += 1
        row += 1
    ws.column_dimensions["A"].width = min(widest, 40)
    most = max((len(t.frame.columns) for t in tables), default=0)
    for j in range(2, most + 2):
        ws.column_dimensions[get_column_letter(j)].width = 7
