"""The figures of a report: the truth table and an XY plot of each model."""

from __future__ import annotations

import functools
from typing import Any

from qca._long_models import model_membership
from qca._results import AnalysisResult
from qca.report._base import Plot
from qca.report.tables import SOLUTION_KINDS, solution_title

__all__ = ["MAX_PLOTTED_MODELS", "analysis_plots", "plot_name"]

#: Most models of one solution type drawn as XY plots (the first ones, in report order).
MAX_PLOTTED_MODELS = 5
#: A model whose formula is longer than this is drawn and captioned by its name and
#: size (``M1 (802 terms)``), its membership read term by term (:mod:`qca._long_models`).
LONG_FORMULA = 1_000


def plot_name(kind: str, label: str) -> str:
    """The file name of the XY plot of one model: only letters, digits and ``_``.

    >>> plot_name("intermediate", "C1P1 M1")
    'xy_intermediate_C1P1_M1.png'
    """
    safe = "_".join(
        p for p in "".join(c if c.isalnum() and c.isascii() else " " for c in label).split()
    )
    return f"xy_{kind}_{safe}.png"


def _png(draw: Any) -> bytes:
    """Draw a figure (``draw()`` returns its Axes), render it to PNG bytes and close it."""
    import io

    import matplotlib.pyplot as plt

    ax = draw()
    try:
        buffer = io.BytesIO()
        # no "Software" entry: the same analysis gives the same bytes across versions
        ax.figure.savefig(buffer, format="png", dpi=ax.figure.dpi, metadata={"Software": None})
        return buffer.getvalue()
    finally:
        plt.close(ax.figure)


def _named_membership(data: Any, terms: list[str], name: str) -> Any:
    """Membership in the sum of ``terms`` (read term by term), named ``name``."""
    return model_membership(data, terms).rename(name)


def analysis_plots(analysis: AnalysisResult) -> tuple[list[Plot], list[str]]:
    """The figures of a run's report: the truth table, then an XY plot of each model (at
    most :data:`MAX_PLOTTED_MODELS` per solution type) against the outcome.

    Returns the plots and notes (plots left out, font warnings). matplotlib draws with
    its current backend; the command line selects Agg. A figure that cannot be drawn is
    left out with a note rather than stopping the report.
    """
    import warnings

    from qca.exceptions import QCAError, QCAWarning
    from qca.plot import truth_table_plot, xy_plot

    jobs: list[tuple[str, str, Any]] = [
        (
            "truth_table.png",
            f"Truth table of {analysis.outcome}",
            lambda: truth_table_plot(analysis.truth_table),
        )
    ]
    notes: list[str] = []
    for kind in SOLUTION_KINDS:
        result = analysis.solutions.get(kind)
        if result is None or result.error or not result.models:
            continue
        for m in result.models[:MAX_PLOTTED_MODELS]:
            title = f"{solution_title(result)}, {m.label}: {m.text} -> {analysis.outcome}"
            x: Any = m.text
            if len(m.text) > LONG_FORMULA:  # named by its size, read term by term
                terms = list(m.model.terms)
                title = f"{solution_title(result)}, {m.label} ({len(terms):,} terms) -> {analysis.outcome}"
                x = functools.partial(
                    _named_membership, analysis.data, terms, f"{m.label} ({len(terms):,} terms)"
                )
            jobs.append(
                (
                    plot_name(kind, m.label),
                    title,
                    lambda x=x: xy_plot(analysis.data, x() if callable(x) else x, analysis.outcome),
                )
            )
        if len(result.models) > MAX_PLOTTED_MODELS:
            notes.append(
                f"{kind.capitalize()} solution: XY plots of the first {MAX_PLOTTED_MODELS} "
                f"of {len(result.models)} models only."
            )
    plots: list[Plot] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        for name, title, draw in jobs:
            try:
                plots.append(Plot(name, title, _png(draw)))
            except QCAError as exc:
                notes.append(f"{title}: not drawn ({exc}).")
    notes += [str(w.message) for w in caught if issubclass(w.category, QCAWarning)]
    return plots, list(dict.fromkeys(notes))
