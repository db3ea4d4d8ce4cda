"""Plots of set relations, truth tables and robustness tests.

matplotlib is imported inside each function, so ``import qca`` stays light and works
without a display. Every plot function takes ``ax=None`` (a new figure is made) and
returns the matplotlib Axes it drew on; :func:`save_figure` writes PNG, SVG or PDF.

Case labels may be any Unicode text: when the default font lacks glyphs for a label
(Chinese case names, say), a font that has them is looked up among the installed
fonts (Noto Sans CJK, Source Han Sans, WenQuanYi, Droid Sans Fallback, ...) and used as
a fallback; if none is installed a :class:`~qca.exceptions.QCAWarning` says so.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd, qca
>>> data = pd.DataFrame({"A": [0.9, 0.7, 0.2], "Y": [1.0, 0.8, 0.1]}, index=["x", "y", "z"])
>>> ax = qca.xy_plot(data, "A", "Y")
>>> ax.get_xlabel(), ax.get_ylabel()
('A', 'Y')
"""

from __future__ import annotations

import functools
import math
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from qca._sanitize import plot_text
from qca._validation import check_axes, check_bool, check_cases, check_int
from qca.exceptions import DataError, InvalidParameterError, QCAWarning
from qca.expr import membership
from qca.fit import fit

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "xy_plot",
    "truth_table_plot",
    "robustness_plot",
    "save_figure",
    "font_for_text",
]

#: Families tried, in this order, when a label needs glyphs the default font lacks.
FALLBACK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Noto Sans CJK HK",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Noto Serif CJK SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Arial Unicode MS",
)

_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
_OUT_COLOURS = {"1": "#1b7837", "0": "#b2182b", "C": "#e08214", "?": "#9e9e9e"}


# --------------------------------------------------------------------------- fonts
@functools.lru_cache(maxsize=256)
def _charmap(path: str) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    try:
        return frozenset(FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):  # unreadable font file
        return frozenset()


@functools.lru_cache(maxsize=256)
def _glyph_indices(path: str) -> dict[int, int]:
    from matplotlib.ft2font import FT2Font

    try:
        return dict(FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):  # unreadable font file
        return {}


#: Fonts that map every code point to a placeholder (a box or a code-chart symbol):
#: they "cover" any text but draw no real glyph, so they are never a fallback.
_PLACEHOLDER_FONTS = ("last resort",)


def _draws(name: str, path: str, needed: set[int]) -> bool:
    """True when the font at ``path`` has real glyphs for every code point of ``needed``.

    A placeholder font (matplotlib ships "Last Resort High-Efficiency") claims every code
    point but maps them to a handful of shared symbols: refused by name, and by distinct
    code points sharing one glyph.
    """
    if any(word in name.lower() for word in _PLACEHOLDER_FONTS):
        return False
    indices = _glyph_indices(path)
    if not needed <= indices.keys():
        return False
    glyphs = {indices[c] for c in needed}
    return 0 not in glyphs and len(glyphs) == len(needed)


def _needs_glyph(char: str) -> bool:
    return not (char.isspace() or unicodedata.category(char).startswith("C"))


def _default_font_path() -> str:
    from matplotlib import font_manager, rcParams

    family = rcParams["font.family"]
    return str(font_manager.findfont(font_manager.FontProperties(family=family)))


@functools.lru_cache(maxsize=1)
def _font_entries() -> list[Any]:
    """Installed fonts known to matplotlib, plus any system font its cache missed.

    matplotlib caches its font list; a font installed after the cache was built (e.g.
    fonts-noto-cjk added to a CI image) is not in it, so scan the system folders too.
    """
    from matplotlib import font_manager

    manager = font_manager.fontManager
    known = {entry.fname for entry in manager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known:
            try:
                manager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    return list(manager.ttflist)


@functools.lru_cache(maxsize=64)
def _font_for_chars(chars: frozenset[str]) -> str | None:
    needed = {ord(c) for c in chars if _needs_glyph(c)}
    if not needed or needed <= _charmap(_default_font_path()):
        return None
    entries = _font_entries()
    by_name: dict[str, list[str]] = {}
    for entry in entries:
        by_name.setdefault(entry.name, []).append(entry.fname)
    for name in FALLBACK_FAMILIES:
        for path in sorted(by_name.get(name, [])):
            if _draws(name, path, needed):
                return name
    for name in sorted(by_name):
        if any(_draws(name, path, needed) for path in sorted(by_name[name])):
            return name
    return ""


def font_for_text(texts: Iterable[str]) -> str | None:
    """Name of an installed font family that has every glyph ``texts`` need.

    Parameters
    ----------
    texts : iterable of str
        The labels to draw.

    Returns
    -------
    str or None
        None when matplotlib's default font already has every glyph; otherwise the
        first family of :data:`FALLBACK_FAMILIES` (then any installed family) whose
        font covers the missing characters. When no installed font covers them, a
        QCAWarning is emitted and None is returned.

    Examples
    --------
    >>> font_for_text(["AU", "BE"]) is None
    True
    """
    text = "".join(str(t) for t in texts)
    chars = frozenset(text)
    name = _font_for_chars(chars)
    if name == "":
        default = _charmap(_default_font_path())
        missing = list(dict.fromkeys(c for c in text if _needs_glyph(c) and ord(c) not in default))
        warnings.warn(
            "No installed font has glyphs for "
            + "".join(missing[:20])
            + ("..." if len(missing) > 20 else "")
            + " used in the plot's labels; they will show as boxes. Install a CJK font "
            "(e.g. Debian's fonts-noto-cjk: apt-get install fonts-noto-cjk) to draw them.",
            QCAWarning,
            stacklevel=3,
        )
        return None
    return name


def _finish(ax: Axes, created: bool) -> Axes:
    """Choose fonts for the labels, then (for a figure we made) fit the layout."""
    _apply_font(ax)
    if created:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "tight_layout not applied"
            figure: Any = ax.figure
            figure.tight_layout()
    return ax


def _apply_font(ax: Axes, extra: Sequence[Any] = ()) -> None:
    """Give every text of ``ax`` a fallback family when its labels need one."""
    artists = [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts, *extra]
    artists += list(ax.get_xticklabels()) + list(ax.get_yticklabels())
    name = font_for_text(a.get_text() for a in artists)
    if name is None:
        return
    import matplotlib

    params: Any = matplotlib.rcParams
    families = [*params["font.family"], name]
    if families[0] in ("sans-serif", "serif", "monospace", "cursive", "fantasy"):
        families = [*params[f"font.{families[0]}"][:1], name]
    for artist in artists:
        artist.set_fontfamily(families)
    ax._qca_font = name  # type: ignore[attr-defined]  # read by tests and the CLI


def _new_axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Axes, bool]:
    if ax is not None:
        return ax, False
    import matplotlib.pyplot as plt

    _fig, new = plt.subplots(figsize=figsize, dpi=100)
    return new, True


# --------------------------------------------------------------------------- XY plot
def _as_membership(data: pd.DataFrame, expr: Any, param: str) -> tuple[pd.Series, str]:
    """Memberships of every case of ``data`` in ``expr`` (a Series is aligned by case id)."""
    if isinstance(expr, pd.Series):
        name = str(expr.name) if expr.name is not None else param.upper()
        return _series_memberships(data, expr, param), name
    if not isinstance(expr, str) or not expr.strip():
        raise InvalidParameterError(
            f"The '{param}' parameter of xy_plot must be an expression or a set name "
            f"(e.g. 'PM*CA' or 'OC') or a membership Series. Got {expr!r} instead."
        )
    values = membership(data, expr).astype(float)
    missing = values.index[values.isna().to_numpy()]
    if len(missing):
        raise DataError(
            f"Memberships in {expr.strip()!r} are missing for cases {_case_names(missing)} "
            f"(xy_plot needs a value for every case of 'data')."
        )
    return values, expr.strip()


def _case_names(cases: Iterable[Any], limit: int = 10) -> str:
    items = [str(c) for c in cases]
    return ", ".join(items[:limit]) + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _series_memberships(data: pd.DataFrame, series: pd.Series, param: str) -> pd.Series:
    def refuse(expected: str, got: str) -> InvalidParameterError:
        return InvalidParameterError(
            f"The '{param}' parameter of xy_plot must be {expected}. Got {got} instead."
        )

    if series.index.has_duplicates or set(series.index) != set(data.index):
        absent = [c for c in data.index if c not in set(series.index)]
        extra = [c for c in series.index if c not in set(data.index)]
        got = (
            f"a Series without cases {_case_names(absent)}" if absent
            else f"a Series with other cases ({_case_names(extra)})" if extra
            else "a Series listing some cases twice"
        )
        raise refuse("a membership Series of the cases of 'data' (one value per case)", got)
    values = pd.to_numeric(series.reindex(data.index), errors="coerce").astype(float)
    bad = values.isna() | (values < 0) | (values > 1)
    if bad.any():
        raise refuse(
            "a Series of memberships in [0, 1] for every case",
            f"{', '.join(repr(v) for v in dict.fromkeys(series.reindex(data.index)[bad].tolist()))} "
            f"for cases {_case_names(values.index[bad])}",
        )
    return values


def _fit_row(data: pd.DataFrame, x: Any, y: Any, relation: str) -> pd.Series:
    if isinstance(x, pd.Series):
        x = pd.DataFrame({str(x.name) if x.name is not None else "X": x})
    outcome = y if isinstance(y, (str, pd.Series)) else str(y)
    table = fit(x, outcome, data, relation=relation)
    return table.loc["expression"] if "expression" in table.index else table.iloc[0]


def _fmt(value: Any) -> str:
    value = float(value)
    return "NaN" if math.isnan(value) else f"{value:.3f}"


def xy_plot(
    data: pd.DataFrame,
    x: str | pd.Series,
    y: str | pd.Series,
    *,
    ax: Axes | None = None,
    labels: bool = True,
    relation: str = "sufficiency",
    xlabel: str | None = None,
    ylabel: str | None = None,
) -> Axes:
    """XY plot of a set relation: memberships in ``x`` against memberships in ``y``.

    For sufficiency, ``x`` is a term or a whole model and ``y`` the outcome: consistent
    cases lie on or above the diagonal. For necessity, ``x`` is a condition (or a
    disjunction) and ``y`` the outcome: consistent cases lie on or below it.

    Parameters
    ----------
    data : DataFrame
        Set memberships, one row per case (the index holds the case labels).
    x, y : str or Series
        Expressions or set names (``"PM*CA*PF"``, ``"~OC"``) or membership Series.
    ax : matplotlib Axes, optional
        Where to draw; a new 6 x 6 inch figure when None.
    labels : bool, default=True
        Write each case's label next to its point.
    relation : {"sufficiency", "necessity"}, default="sufficiency"
        Which parameters of fit the title shows: inclS, PRI and covS, or inclN, RoN
        and covN (see :func:`qca.fit`).
    xlabel, ylabel : str, optional
        Axis titles (e.g. the sets' labels); default the expressions.

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    Dashed lines mark the 0.5 crossover on both axes, so the four quadrants read as
    typical cases (upper right), deviant cases in consistency (lower right, for
    sufficiency), deviant cases in coverage (upper left) and irrelevant cases.

    References
    ----------
    Ragin, C. C. (2008). *Redesigning Social Inquiry*. Chicago UP, ch. 3.
    Schneider, C. Q., & Rohlfing, I. (2013). Combining QCA and process tracing in
    set-theoretic multi-method research. *Sociological Methods & Research* 42(4).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> data = pd.DataFrame({"A": [0.9, 0.7, 0.2], "Y": [1.0, 0.8, 0.1]}, index=["a", "b", "c"])
    >>> ax = xy_plot(data, "A", "Y")
    >>> print(ax.get_title())
    A -> Y
    inclS 0.944   PRI 0.933   covS 0.895
    """
    if relation not in ("sufficiency", "necessity"):
        raise InvalidParameterError(
            "The 'relation' parameter of xy_plot must be one of 'sufficiency', "
            f"'necessity'. Got {relation!r} instead."
        )
    if not isinstance(data, pd.DataFrame):
        raise InvalidParameterError(
            "The 'data' parameter of xy_plot must be a pandas DataFrame of set "
            f"memberships. Got {type(data).__name__} instead."
        )
    check_cases(data, "data", "xy_plot")
    check_axes(ax, "ax", "xy_plot")
    labels = check_bool(labels, "labels", "xy_plot")
    xs, xname = _as_membership(data, x, "x")
    ys, yname = _as_membership(data, y, "y")
    row = _fit_row(
        data,
        xs.rename(xname) if isinstance(x, pd.Series) else x,
        ys.rename(yname) if isinstance(y, pd.Series) else y,
        relation,
    )
    if relation == "sufficiency":
        arrow, names = "->", ("inclS", "PRI", "covS")
    else:
        arrow, names = "<-", ("inclN", "RoN", "covN")
    stats = "   ".join(f"{n} {_fmt(row[n])}" for n in names)

    ax, created = _new_axes(ax, (6.0, 6.0))
    ax.plot([0, 1], [0, 1], color="0.4", linewidth=1, zorder=1)
    ax.axhline(0.5, color="0.6", linestyle="--", linewidth=0.8, zorder=1)
    ax.axvline(0.5, color="0.6", linestyle="--", linewidth=0.8, zorder=1)
    ax.scatter(xs.to_numpy(), ys.to_numpy(), s=22, color="#2166ac", zorder=3)
    notes = []
    if labels:
        for case, xv, yv in zip(data.index, xs.to_numpy(), ys.to_numpy(), strict=True):
            notes.append(
                ax.annotate(
                    plot_text(str(case)),  # drawn literally: '$...$' is not TeX
                    (xv, yv),
                    xytext=(3, 3),
                    textcoords="offset points",
                    fontsize=8,
                    zorder=4,
                    arrowprops={"arrowstyle": "-", "color": "0.6", "lw": 0.5,
                                "shrinkA": 0, "shrinkB": 2, "relpos": (0.0, 0.5)},
                )
            )
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_aspect("equal")
    ax.set_xlabel(plot_text(xlabel if xlabel is not None else xname))
    ax.set_ylabel(plot_text(ylabel if ylabel is not None else yname))
    ax.set_title(plot_text(f"{xname} {arrow} {yname}\n{stats}"), fontsize=10)
    _finish(ax, created)
    _spread_labels(ax, notes)
    return ax


#: Offsets (points) tried in turn for a case label, so that labels do not overlap.
_LABEL_OFFSETS = [(3, 3)] + [(3, 3 + sign * 9 * k) for k in range(1, 7) for sign in (-1, 1)]


def _overlap(box: Any, others: Sequence[Any]) -> float:
    total = 0.0
    for other in others:
        w = min(box.x1, other.x1) - max(box.x0, other.x0)
        h = min(box.y1, other.y1) - max(box.y0, other.y0)
        if w > 0 and h > 0:
            total += w * h
    return total


def _spread_labels(ax: Axes, notes: Sequence[Any]) -> None:
    """Move case labels that would overlap an earlier one to a free nearby spot.

    Greedy, top to bottom: each label takes the first offset (right of the point, then
    below/above it, then left of it) whose box stays inside the axes and overlaps no
    label already placed; when none is free, the offset with the least overlap.
    """
    if len(notes) < 2:
        return
    try:
        renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    except AttributeError:  # a backend without a renderer before drawing
        return
    from matplotlib.text import Text

    def extent(note: Any) -> Any:  # the text alone, not its leader line
        note.update_positions(renderer)
        return Text.get_window_extent(note, renderer)

    frame = ax.get_window_extent(renderer)
    placed: list[Any] = []
    order = sorted(notes, key=lambda a: (-a.xy[1], a.xy[0], a.get_text()))
    for note in order:
        width = extent(note).width * 72.0 / ax.figure.dpi
        candidates = _LABEL_OFFSETS + [(-3 - width, dy) for _dx, dy in _LABEL_OFFSETS]
        best, best_cost = candidates[0], math.inf
        for offset in candidates:
            note.xyann = offset
            box = extent(note)
            inside = (
                box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1
            )
            cost = _overlap(box, placed) + (0.0 if inside else 1e6)
            if cost < best_cost:
                best, best_cost = offset, cost
            if cost == 0.0:
                break
        note.xyann = best
        note.arrowprops["relpos"] = (0.0, 0.5) if best[0] > 0 else (1.0, 0.5)
        placed.append(extent(note))


# --------------------------------------------------------------------------- truth table
def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def truth_table_plot(tt: Any, *, ax: Axes | None = None, max_cases: int = 40) -> Axes:
    """Draw a truth table as a grid: one line per row, its configuration, OUT and cases.

    Condition cells are shaded by value (dark: present), the OUT cell is coloured
    (green "1", red "0", orange "C", grey "?"), then come the number of cases, the
    inclusion score and the case labels.

    Parameters
    ----------
    tt : TruthTable
        As returned by :func:`qca.truth_table` (remainders are drawn when it was built
        with ``complete=True``).
    ax : matplotlib Axes, optional
        Where to draw; a new figure sized to the table when None.
    max_cases : int, default=40
        Longest case list, in characters, written in a row (longer lists end in "...").

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd, qca
    >>> data = pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 0], "Y": [1, 1, 0]}, index=["a", "b", "c"])
    >>> ax = truth_table_plot(qca.truth_table(data, "Y"))
    >>> ax.get_title()
    'Truth table of Y (3 rows)'
    """
    table = getattr(tt, "table", None)
    if not isinstance(table, pd.DataFrame):
        raise InvalidParameterError(
            "The 'tt' parameter of truth_table_plot must be a TruthTable (see "
            f"qca.truth_table). Got {type(tt).__name__} instead."
        )
    check_axes(ax, "ax", "truth_table_plot")
    max_cases = check_int(max_cases, "max_cases", "truth_table_plot", minimum=1)
    conditions = list(tt.conditions)
    columns = [*conditions, "OUT", "n", "incl", "cases"]
    widths = [1.0] * len(conditions) + [1.0, 1.0, 1.4, max(4.0, 0.16 * max_cases)]
    edges = np.concatenate([[0.0], np.cumsum(widths)])
    nrows = len(table)
    ax, created = _new_axes(ax, (min(20.0, 1.0 + 0.55 * edges[-1]), min(40.0, 1.3 + 0.32 * max(nrows, 1))))
    from matplotlib.patches import Rectangle

    levels = dict(zip(conditions, getattr(tt, "levels", (2,) * len(conditions)), strict=False))
    for i, (_number, row) in enumerate(table.iterrows()):
        top = nrows - i - 1
        for j, name in enumerate(columns):
            left, width = edges[j], widths[j]
            colour, text, text_colour = "white", "", "black"
            if name in conditions:
                value = row[name]
                text = str(value)
                if isinstance(value, (int, float, np.integer, np.floating)):
                    top_level = max(int(levels.get(name, 2)) - 1, 1)
                    shade = 0.92 - 0.72 * float(value) / top_level
                    colour = str(round(shade, 3))
                    text_colour = "white" if shade < 0.5 else "black"
            elif name == "OUT":
                text = str(row["OUT"])
                colour = _OUT_COLOURS.get(text, "white")
                text_colour = "white"
            elif name == "n":
                text = str(int(row["n"]))
            elif name == "incl":
                text = "" if pd.isna(row["incl"]) else f"{float(row['incl']):.3f}"
            else:
                cases = row.get("cases", [])
                text = _shorten(", ".join(str(c) for c in cases), max_cases)
            ax.add_patch(
                Rectangle((left, top), width, 1, facecolor=colour, edgecolor="0.8", linewidth=0.5)
            )
            ha = "left" if name == "cases" else "center"
            x = left + 0.1 if name == "cases" else left + width / 2
            ax.text(
                x, top + 0.5, plot_text(text), ha=ha, va="center", fontsize=8, color=text_colour
            )
    ax.set_xlim(0, edges[-1])
    ax.set_ylim(0, max(nrows, 1))
    ax.set_xticks((edges[:-1] + edges[1:]) / 2)
    ax.set_xticklabels(columns, fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(nrows) + 0.5)
    ax.set_yticklabels([str(r) for r in table.index[::-1]], fontsize=8)
    ax.set_ylabel("row")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(f"Truth table of {tt.outcome} ({nrows} rows)", fontsize=10, pad=18)
    return _finish(ax, created)


# --------------------------------------------------------------------------- robustness
def robustness_plot(robustness: Any, *, ax: Axes | None = None, what: str = "terms") -> Axes:
    """Bar chart of a robustness test: how often each term (or case status) survives.

    Parameters
    ----------
    robustness : Robustness
        As returned by :func:`qca.robustness`.
    ax : matplotlib Axes, optional
        Where to draw; a new figure sized to the number of bars when None.
    what : {"terms", "cases"}, default="terms"
        ``"terms"``: the share of runs in which each term appears (terms of the initial
        solution in dark blue). ``"cases"``: the share of runs in which each case keeps
        the status (typical, deviant...) it has in the initial solution.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from types import SimpleNamespace
    >>> import pandas as pd
    >>> rob = SimpleNamespace(
    ...     term_survival=pd.Series({"A*B": 1.0, "C": 0.25}),
    ...     initial_terms=("A*B",),
    ...     runs=pd.DataFrame(index=range(4)),
    ... )
    >>> ax = robustness_plot(rob)
    >>> ax.get_title()
    'Term survival across 4 runs'
    """
    if what not in ("terms", "cases"):
        raise InvalidParameterError(
            f"The 'what' parameter of robustness_plot must be one of 'terms', 'cases'. Got {what!r} instead."
        )
    if not hasattr(robustness, "term_survival"):
        raise InvalidParameterError(
            "The 'robustness' parameter of robustness_plot must be a Robustness (see "
            f"qca.robustness). Got {type(robustness).__name__} instead."
        )
    check_axes(ax, "ax", "robustness_plot")
    nruns = len(robustness.runs)
    if what == "terms":
        shares = pd.Series(robustness.term_survival, dtype=float)
        initial = set(getattr(robustness, "initial_terms", ()))
        names = [str(t) for t in shares.index]
        colours = ["#2166ac" if t in initial else "#92c5de" for t in shares.index]
        title = f"Term survival across {nruns} runs"
        xlabel = "share of runs in which the term appears"
    else:
        cases = robustness.cases
        shares = cases["kept"].astype(float)
        names = [f"{c} ({s})" for c, s in zip(cases.index, cases["status"], strict=True)]
        colours = ["#2166ac" if s == "typical" else "#d6604d" for s in cases["status"]]
        title = f"Case status kept across {nruns} runs"
        xlabel = "share of runs in which the case keeps its status"
    n = len(shares)
    ax, created = _new_axes(ax, (7.0, min(40.0, 1.6 + 0.35 * max(n, 1))))
    positions = np.arange(n)[::-1]
    ax.barh(positions, shares.to_numpy(), color=colours, height=0.7)
    for pos, value in zip(positions, shares.to_numpy(), strict=True):
        ax.text(min(value, 1.0) + 0.01, pos, f"{value:.0%}", va="center", fontsize=8)
    ax.set_yticks(positions)
    ax.set_yticklabels([plot_text(n) for n in names], fontsize=8)
    ax.set_xlim(0, 1.12)
    ax.axvline(1.0, color="0.6", linestyle="--", linewidth=0.8)
    ax.set_xlabel(plot_text(xlabel))
    ax.set_title(plot_text(title), fontsize=10)
    return _finish(ax, created)


# --------------------------------------------------------------------------- saving
def save_figure(ax: Axes, path: str | Path, *, dpi: float | None = None) -> Path:
    """Write the figure holding ``ax`` to ``path``: PNG, SVG or PDF by the suffix.

    Parameters
    ----------
    ax : matplotlib Axes
        Any Axes of the figure to save (as returned by the plot functions).
    path : str or Path
        Ends in ``.png``, ``.svg`` or ``.pdf`` (any case).
    dpi : float, optional
        Resolution of a PNG; default the figure's (100), so a 6 x 6 inch plot is
        600 x 600 pixels.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> save_figure(None, "plot.gif")
    Traceback (most recent call last):
    ...
    qca.exceptions.InvalidParameterError: The 'path' parameter of save_figure must end in .png, .svg or .pdf. Got 'plot.gif' instead.
    """
    if not isinstance(path, (str, Path)):
        raise InvalidParameterError(
            "The 'path' parameter of save_figure must be a file path (str or Path) ending in "
            f".png, .svg or .pdf. Got {path!r} instead."
        )
    positive = isinstance(dpi, (int, float, np.integer, np.floating)) and not isinstance(
        dpi, (bool, np.bool_)
    )
    if dpi is not None and not (positive and math.isfinite(dpi) and dpi > 0):
        raise InvalidParameterError(
            f"The 'dpi' parameter of save_figure must be a positive number or None. Got {dpi!r} "
            "instead."
        )
    target = Path(path)
    fmt = _FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise InvalidParameterError(
            "The 'path' parameter of save_figure must end in .png, .svg or .pdf. "
            f"Got {str(path)!r} instead."
        )
    figure = getattr(ax, "figure", None)
    if figure is None:
        raise InvalidParameterError(
            "The 'ax' parameter of save_figure must be a matplotlib Axes. "
            f"Got {type(ax).__name__} instead."
        )
    import matplotlib

    from qca._files import atomic_path

    with (
        matplotlib.rc_context({"pdf.fonttype": 42, "svg.fonttype": "path"}),
        atomic_path(target) as tmp,  # a temporary file beside it, renamed into place
    ):
        figure.savefig(tmp, format=fmt, dpi=dpi if dpi is not None else figure.dpi)
    return target
