"""Truth tables: configurations of conditions, their cases and their consistency.

Every case goes to the one configuration (row) in which it has a membership above 0.5:
crisp and multi-value cases by their values, fuzzy cases by rounding each membership
away from 0.5. A case with a membership of exactly 0.5 in some condition belongs to no
row (a :class:`~qca.exceptions.QCAWarning` names it). A row's ``incl`` and ``PRI``,
as in R QCA, use the membership of *every* case in that configuration, not only the
cases of the row.

Rows are numbered as R QCA numbers them: the configuration read as a mixed-radix number,
first condition most significant, plus 1. A condition holding ``"-"`` (temporal QCA's
"don't care") gets one more level, ``"-"``, as its last.

>>> import pandas as pd
>>> data = pd.DataFrame(
...     {"A": [0.9, 0.8, 0.2, 0.7], "B": [0.1, 0.3, 0.6, 0.8], "Y": [0.8, 0.9, 0.3, 0.4]},
...     index=["a", "b", "c", "d"],
... )
>>> tt = truth_table(data, "Y", incl_cut=0.8)
>>> tt.table[["A", "B", "OUT", "n", "cases"]]
     A  B OUT  n   cases
row
2    0  1   0  1     [c]
3    1  0   1  2  [a, b]
4    1  1   0  1     [d]
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from qca._exclusions import warn_observed_exclusions
from qca._text import display_width, pad_left, pad_right, refuse_column_name
from qca._tt_conditions import Condition, read_conditions
from qca._tt_options import (
    apply_inf_test,
    check_inf_test,
    check_sort_by,
    exclude_expression_rows,
    sort_table,
)
from qca._tt_stream import MembershipGrid, build_grid
from qca._validation import TOL, check_cases, check_fraction, check_int, check_list
from qca.exceptions import (
    DataError,
    HalfMembershipWarning,
    InvalidParameterError,
    QCAError,
)
from qca.expr import literal_membership, membership, parse_expression

__all__ = ["TruthTable", "truth_table", "MAX_COMPLETE_ROWS"]

#: ``complete=True`` lists every configuration; beyond this many rows it is refused
#: (2**20 rows is 20 binary conditions).
MAX_COMPLETE_ROWS = 2**20

#: pandas copies on write (3.0 on): a shallow copy of the data is a copy, without the
#: cost of selecting every column (``data[columns]``); before, it would share the cells.
_LAZY_COPY = int(pd.__version__.split(".")[0]) >= 3

#: A 0.5-membership warning names at most this many cases.
_MAX_NAMED = 50



# ---------------------------------------------------------------------------- the result
@dataclass(frozen=True, eq=False, repr=False)
class TruthTable:
    """A truth table, as returned by :func:`truth_table`.

    Attributes
    ----------
    table : pandas.DataFrame
        Indexed by row number (``row``). One column per condition (an int, or ``"-"``),
        then ``OUT`` (``"1"``, ``"0"``, ``"C"`` or ``"?"``), ``n`` (cases with a
        membership above 0.5), ``incl``, ``PRI`` and ``cases`` (list of case ids).
    outcome : str
        The outcome as given, e.g. ``"~SURV"``.
    conditions : list of str
        The conditions, in data order.
    data : pandas.DataFrame
        The data used: the conditions and the outcome's column(s), as given.
    options : dict
        The keywords of :func:`truth_table`, normalised: ``incl_cut`` a pair
        ``(incl1, incl0)`` (a single cut gives ``(c, c)``), ``n_cut``, ``pri_cut``,
        ``exclude`` (sorted list of row numbers), ``complete``, ``sort_by`` (list or
        None), ``show_cases``.
    levels : tuple of int
        Number of values of each condition, not counting ``"-"``.
    temporal : tuple of bool
        Whether each condition holds ``"-"`` (then it has one more level for numbering).
    outcome_membership : pandas.Series
        Each case's membership in the outcome (negation applied).
    case_rows : pandas.Series
        Each case's row number; 0 for a case with a 0.5 membership (no row).
    """

    table: pd.DataFrame
    outcome: str
    conditions: list[str]
    data: pd.DataFrame
    options: dict[str, Any]
    levels: tuple[int, ...]
    temporal: tuple[bool, ...]
    outcome_membership: pd.Series
    case_rows: pd.Series
    _source: pd.DataFrame = field(repr=False)
    _grid: MembershipGrid = field(repr=False)

    # ------------------------------------------------------------------ derived values
    @property
    def radix(self) -> tuple[int, ...]:
        """Levels used for row numbering: ``levels`` plus one for a temporal ``"-"``."""
        return tuple(lv + int(t) for lv, t in zip(self.levels, self.temporal, strict=True))

    @property
    def n_rows_total(self) -> int:
        """Number of configurations in the space of row numbers (product of ``radix``)."""
        return math.prod(self.radix)

    @property
    def multivalue(self) -> bool:
        """True when some condition has more than two levels (terms print as ``A[1]``)."""
        return any(lv > 2 for lv in self.levels)

    def configurations(self, rows: Iterable[int] | None = None) -> np.ndarray:
        """The configuration of each row as an int16 array of shape (m, k).

        Values are 0 .. levels[j] - 1, or -1 for a ``"-"`` cell. ``rows`` are row
        numbers (any in the space, observed or not); the default is the table's rows,
        in table order.

        >>> import pandas as pd
        >>> data = pd.DataFrame({"A": [0, 1], "B": [2, 0], "Y": [1, 0]})
        >>> truth_table(data, "Y").configurations([1, 6])
        array([[0, 0],
               [1, 2]], dtype=int16)
        """
        numbers = self.table.index if rows is None else list(rows)
        return _configurations(numbers, self.radix, self.temporal, self.levels)

    def row_numbers(self, configurations: np.ndarray | Sequence[Sequence[int]]) -> np.ndarray:
        """Row numbers of configurations given as in :meth:`configurations` (-1 = ``"-"``)."""
        configs = np.asarray(configurations, dtype=np.int64)
        if configs.ndim == 1:
            configs = configs[None, :]
        configs = np.where(configs < 0, np.asarray(self.levels, dtype=np.int64), configs)
        return _row_numbers(configs, self.radix)

    def membership_in_rows(self, rows: Iterable[int] | None = None) -> pd.DataFrame:
        """Membership of every case in each row's configuration (cases x rows).

        >>> import pandas as pd
        >>> data = pd.DataFrame({"A": [0.9, 0.2], "Y": [1, 0]}, index=["a", "b"])
        >>> truth_table(data, "Y").membership_in_rows()
        row    1    2
        a    0.1  0.9
        b    0.8  0.2
        """
        numbers = list(self.table.index if rows is None else rows)
        configs = _configurations(numbers, self.radix, self.temporal, self.levels)
        configs = np.where(configs < 0, np.asarray(self.levels), configs)
        values = self._grid.row_memberships(configs)
        frame = pd.DataFrame(values.T, index=self.data.index, columns=pd.Index(numbers, name="row"))
        return frame

    def rebuild(self, **changes: Any) -> TruthTable:
        """A new truth table from the same data and options, with some changed.

        >>> import pandas as pd
        >>> data = pd.DataFrame({"A": [0, 1, 1], "Y": [0, 1, 0]})
        >>> tt = truth_table(data, "Y", incl_cut=0.4)
        >>> tt.rebuild(outcome="~Y").table["OUT"].tolist()
        ['1', '1']
        """
        unknown = set(changes) - {"outcome", "conditions", *self.options}
        if unknown:
            raise InvalidParameterError(
                f"TruthTable.rebuild takes the keywords of truth_table; got unknown {sorted(unknown)}."
            )
        options = dict(self.options)
        if options["incl_cut"][0] == options["incl_cut"][1]:
            options["incl_cut"] = options["incl_cut"][0]
        outcome = changes.pop("outcome", self.outcome)
        conditions = changes.pop("conditions", self.conditions)
        options.update(changes)
        return truth_table(self._source, outcome, conditions, **options)

    # ------------------------------------------------------------------ printing
    def __repr__(self) -> str:
        return _format_table(self)

    def _repr_html_(self) -> str:
        from qca._html import truth_table_html

        return truth_table_html(self)


# ---------------------------------------------------------------------------- row numbers
def _row_numbers(codes: np.ndarray, radix: Sequence[int]) -> np.ndarray:
    """1-based mixed-radix row numbers of configurations (first condition most significant)."""
    if math.prod(radix) < 2**62:
        numbers = np.zeros(codes.shape[0], dtype=np.int64)
        for j, base in enumerate(radix):
            numbers = numbers * base + codes[:, j]
        return numbers + 1
    out = []
    for config in codes.tolist():
        number = 0
        for value, base in zip(config, radix, strict=True):
            number = number * base + int(value)
        out.append(number + 1)
    return np.array(out, dtype=object)


def _configurations(
    rows: Iterable[int], radix: Sequence[int], temporal: Sequence[bool], levels: Sequence[int]
) -> np.ndarray:
    numbers = [int(r) - 1 for r in rows]
    total = math.prod(radix)
    bad = [r + 1 for r in numbers if not 0 <= r < total]
    if bad:
        raise InvalidParameterError(
            f"Row numbers must lie in 1..{total} for this truth table. Got {bad[:10]}."
        )
    configs = np.zeros((len(numbers), len(radix)), dtype=np.int16)
    remaining = list(numbers)
    for j in range(len(radix) - 1, -1, -1):
        base = radix[j]
        configs[:, j] = [r % base for r in remaining]
        remaining = [r // base for r in remaining]
    for j, is_temporal in enumerate(temporal):
        if is_temporal:
            configs[configs[:, j] == levels[j], j] = -1
    return configs


# ---------------------------------------------------------------------------- options
def _check_incl_cut(value: Any) -> tuple[float, float]:
    if isinstance(value, (list, tuple, np.ndarray)) and not isinstance(value, str):
        cuts = list(value)
        if len(cuts) == 1:
            cuts = cuts * 2
        if len(cuts) != 2:
            raise InvalidParameterError(
                "The 'incl_cut' parameter of truth_table must be a float or a pair "
                f"(incl1, incl0). Got {value!r} instead."
            )
        ic1 = check_fraction(cuts[0], "incl_cut", "truth_table")
        ic0 = check_fraction(cuts[1], "incl_cut", "truth_table")
        if ic0 > ic1:
            raise InvalidParameterError(
                "The 'incl_cut' pair of truth_table must be (incl1, incl0) with incl0 <= "
                f"incl1 (rows between them are contradictions). Got {value!r} instead."
            )
        return ic1, ic0
    cut = check_fraction(value, "incl_cut", "truth_table")
    return cut, cut


def _check_bool(value: Any, name: str) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise InvalidParameterError(
        f"The '{name}' parameter of truth_table must be True or False. Got {value!r} instead."
    )


def _check_conditions(data: pd.DataFrame, conditions: Any, outcome_names: list[str]) -> list[str]:
    if conditions is None:
        names = [str(c) for c in data.columns if str(c) not in outcome_names]
    else:
        if isinstance(conditions, str):
            conditions = [c.strip() for c in conditions.split(",") if c.strip()]
        if not isinstance(conditions, Iterable):
            raise InvalidParameterError(
                "The 'conditions' parameter of truth_table must be a list of column names or "
                f"a comma-separated string. Got {conditions!r} instead."
            )
        names = [str(c) for c in conditions]
    if not names:
        raise InvalidParameterError(
            "truth_table needs at least one condition besides the outcome. Got none."
        )
    for name in names:
        refuse_column_name(name, data.columns, "a condition of truth_table")
    missing = [c for c in names if c not in data.columns]
    if missing:
        raise InvalidParameterError(
            f"Conditions {missing} of truth_table are not columns of the data "
            f"(columns: {', '.join(map(str, data.columns))})."
        )
    doubled = sorted({c for c in names if names.count(c) > 1})
    if doubled:
        raise InvalidParameterError(f"Conditions of truth_table are listed twice: {doubled}.")
    clash = [c for c in names if c in outcome_names]
    if clash:
        raise InvalidParameterError(
            f"The outcome {clash[0]!r} of truth_table cannot also be a condition."
        )
    return names


def _outcome_membership(data: pd.DataFrame, outcome: Any) -> tuple[pd.Series, list[str]]:
    if not isinstance(outcome, str) or not outcome.strip():
        raise InvalidParameterError(
            "The 'outcome' parameter of truth_table must be a set name such as 'SURV' or "
            f"'~SURV'. Got {outcome!r} instead."
        )
    refuse_column_name(outcome.strip().lstrip("~").strip(), data.columns, "the outcome of truth_table")
    parsed = parse_expression(outcome)
    if parsed.relation is not None:
        raise InvalidParameterError(
            f"The 'outcome' parameter of truth_table must be a set name, not a relation. Got {outcome!r}."
        )
    names = parsed.names
    read: dict[str, pd.Series] = {}
    labels = set(data.columns.tolist())
    for name in names:
        if name in labels:
            column = read[name] = data[name]
            if isinstance(column.dtype, np.dtype) and column.dtype.kind in "biuf":
                bad = np.isnan(column.to_numpy(dtype=float))  # plain numbers: NaN is missing
            else:
                if not pd.api.types.is_numeric_dtype(column.dtype):
                    column = pd.to_numeric(column, errors="coerce")
                bad = column.isna().to_numpy()
            if bad.any():
                cases = ", ".join(map(str, data.index[bad][:10]))
                raise DataError(
                    f"The outcome column {name!r} must hold numbers; cases {cases} do not."
                )
    values = _one_literal(parsed, read)
    if values is None:
        y = membership(data, parsed).rename(outcome)
        values = y.to_numpy()
    else:
        y = pd.Series(values, index=data.index, name=outcome)
    if ((values < 0) | (values > 1)).any():
        raise DataError(f"Memberships in the outcome {outcome!r} must lie in [0, 1].")
    return y, names


def _one_literal(parsed: Any, read: dict[str, pd.Series]) -> np.ndarray | None:
    """The outcome's membership when it is one literal of a numeric column (``read``
    holds the data's columns of the outcome's names): what :func:`qca.expr.membership`
    gives (same operations), without checking the data's columns and names again
    (truth_table has); None for anything else."""
    if len(parsed.terms) != 1 or len(parsed.terms[0]) != 1:
        return None
    (lit,) = tuple(parsed.terms[0])
    column = read.get(lit.name)
    if column is None:
        return None
    if not pd.api.types.is_numeric_dtype(column.dtype) or pd.api.types.is_complex_dtype(column.dtype):
        return None
    part = np.minimum(np.ones(len(column)), literal_membership(column, lit))
    return np.maximum(np.zeros(len(column)), part)


# ---------------------------------------------------------------------------- truth_table
def truth_table(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | str | None = None,
    *,
    incl_cut: float | Sequence[float] = 1.0,
    n_cut: int = 1,
    pri_cut: float = 0.0,
    exclude: Iterable[int] | None = None,
    complete: bool = False,
    sort_by: Sequence[str] | str | Mapping[str, bool] | None = None,
    show_cases: bool = True,
    decreasing: bool | Sequence[bool] = True,
    inf_test: str | Sequence[Any] | None = None,
) -> TruthTable:
    """Build the truth table of an outcome over some conditions.

    Parameters
    ----------
    data : pandas.DataFrame
        Cases in rows (the index holds case ids); crisp (0/1), multi-value (0, 1, 2, ...)
        or fuzzy ([0, 1]) conditions, possibly with ``"-"`` cells (temporal QCA).
    outcome : str
        The outcome's column, possibly negated (``"~SURV"``) or a value of a
        multi-value outcome (``"SURV[2]"``).
    conditions : list of str, optional
        Default: every column except the outcome's.
    incl_cut : float or (float, float), default=1.0
        A row is ``"1"`` when its ``incl`` reaches ``incl_cut`` (and its PRI reaches
        ``pri_cut``). With a pair ``(incl1, incl0)``, rows below ``incl1`` but at or
        above ``incl0`` are contradictions ``"C"``. Comparisons use R's tolerance.
    n_cut : int, default=1
        Observed rows with fewer cases are coded ``"?"`` (they stay in the table).
    pri_cut : float, default=0.0
        A row that reaches ``incl1`` but has PRI below this is ``"0"``.
    exclude : list of int or str, optional
        Row numbers that may not serve as remainders: coded ``"0"`` (they are listed
        only when observed, or with ``complete=True``) and kept in ``options``. An
        expression (``"A*~B"``) stands for every configuration it covers, as in R.
        Meant for remainders (untenable or contradictory simplifying assumptions):
        naming an observed row coded ``"1"`` or ``"C"`` recodes it to ``"0"`` too, as R
        does, and warns (its cases are no longer explained).
    complete : bool, default=False
        List every configuration, remainders too (``n`` 0, ``OUT`` ``"?"``, ``incl`` and
        ``PRI`` NaN). Refused beyond :data:`MAX_COMPLETE_ROWS` rows.
    sort_by : list of str, str or mapping, optional
        Keys among ``"incl"``, ``"n"``, ``"PRI"``, ``"OUT"``: a stable sort by each (the
        first key most significant), rows coded ``"?"`` last; a mapping gives each key
        its decreasing flag (R's ``sort.by = c(incl = FALSE)``). Default: row order.
    show_cases : bool, default=True
        Whether the printed table shows case ids (``table["cases"]`` is always there).
    decreasing : bool or list of bool, default=True
        Sort order of the ``sort_by`` keys (one for all, or one per key), as R's.
    inf_test : str, optional
        ``"binom"`` or ``"binom, 0.05"``: R's binomial test of each row's inclusion
        against ``incl_cut`` (columns ``pval1``, ``pval0``); a row is ``"1"`` only when
        its inclusion is significantly above incl1 (see ``qca._tt_options``).

    Returns
    -------
    TruthTable

    Raises
    ------
    QCAError
        When every observed row has fewer than ``n_cut`` cases.

    Warns
    -----
    QCAWarning
        When some case has a membership of exactly 0.5 in a condition (it falls in no row).

    See Also
    --------
    qca.minimize : minimize a truth table.

    Notes
    -----
    ``incl = sum(min(X, Y)) / sum(X)`` and
    ``PRI = (sum(min(X, Y)) - sum(min(X, Y, 1 - Y))) / (sum(X) - sum(min(X, Y, 1 - Y)))``
    where X is each case's membership in the row's configuration (the minimum over the
    conditions of x or 1 - x) and Y in the outcome, summed over all cases. Only observed
    configurations are computed (never all rows, unless ``complete=True``), in blocks of
    rows, with exact integer sums when memberships lie on a grid of 0.01 or 0.001.

    References
    ----------
    Ragin, C. C. (2008). *Redesigning Social Inquiry*. University of Chicago Press.
    Dusa, A. (2019). *QCA with R*. Springer (R package ``QCA``, ``truthTable``).

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame(
    ...     {"A": [1, 1, 0, 0, 1], "B": [0, 1, 1, 0, 0], "Y": [1, 1, 0, 0, 0]},
    ...     index=["p", "q", "r", "s", "t"],
    ... )
    >>> tt = truth_table(data, "Y", incl_cut=(0.9, 0.5))
    >>> tt.table
         A  B OUT  n  incl  PRI   cases
    row
    1    0  0   0  1   0.0  0.0     [s]
    2    0  1   0  1   0.0  0.0     [r]
    3    1  0   C  2   0.5  0.5  [p, t]
    4    1  1   1  1   1.0  1.0     [q]
    """
    check_cases(data, "data", "truth_table")
    options: dict[str, Any] = {
        "incl_cut": _check_incl_cut(incl_cut),
        "n_cut": check_int(n_cut, "n_cut", "truth_table", minimum=1),
        "pri_cut": check_fraction(pri_cut, "pri_cut", "truth_table"),
        "exclude": [],
        "complete": _check_bool(complete, "complete"),
        "show_cases": _check_bool(show_cases, "show_cases"),
        "inf_test": _inf_test_option(inf_test),
    }
    options["sort_by"], options["decreasing"] = check_sort_by(sort_by, decreasing)
    y, outcome_names = _outcome_membership(data, outcome)
    names = _check_conditions(data, conditions, outcome_names)
    parsed = read_conditions(data, names)
    levels = tuple(c.levels for c in parsed)
    temporal = tuple(c.temporal for c in parsed)
    radix = tuple(lv + int(t) for lv, t in zip(levels, temporal, strict=True))
    total = math.prod(radix)
    if isinstance(exclude, str):
        exclude = exclude_expression_rows(exclude, names, radix)
    options["exclude"] = _check_exclude(exclude, total)
    if options["complete"] and total > MAX_COMPLETE_ROWS:
        raise InvalidParameterError(
            f"complete=True would list {total} configurations; truth_table lists at most "
            f"{MAX_COMPLETE_ROWS} (20 binary conditions). Use complete=False: remainders "
            "are then implied, not listed."
        )

    codes = np.column_stack([c.codes for c in parsed])
    in_row = np.all(codes >= 0, axis=1)
    _warn_half_memberships(data, names, codes)
    case_numbers = np.zeros(len(data), dtype=np.int64 if total < 2**62 else object)
    case_numbers[in_row] = _row_numbers(codes[in_row], radix)
    observed, first, where, counts = np.unique(
        case_numbers[in_row], return_index=True, return_inverse=True, return_counts=True
    )
    grid = build_grid([c.memberships for c in parsed], y.to_numpy(dtype=float))
    row_codes = codes[in_row][first]  # each observed row's configuration ("-": levels)
    if grid.scale and in_row.all() and all(c.crisp for c in parsed):
        incl, pri = grid.crisp_inclusion(where.reshape(-1), counts)  # each case in one row
    else:
        incl, pri = grid.inclusion(row_codes)

    case_ids = data.index.to_numpy()
    case_ids = case_ids if in_row.all() else case_ids[in_row]
    ids = case_ids[np.argsort(case_numbers[in_row], kind="stable")]  # grouped by row
    ends = np.cumsum(counts).tolist()
    groups = [ids[start:end] for start, end in zip([0, *ends][: len(ends)], ends, strict=True)]
    n_cases = counts.astype(np.int64)
    fields = {
        "OUT": _code_out(n_cases, np.asarray(incl), np.asarray(pri), options),
        "n": n_cases,
        "incl": incl,
        "PRI": pri,
        "cases": [list(g) for g in groups],
    }
    index = pd.Index(observed, name="row")
    # built once with its condition columns, unless a step below adds or changes rows
    direct = options["inf_test"] is None and not options["complete"]
    table = (_condition_frame(fields, index, parsed, radix, configs=row_codes) if direct
             else pd.DataFrame(fields, index))
    if options["inf_test"] is not None:
        table = apply_inf_test(table, options["incl_cut"], options["inf_test"][1])
    out_codes = np.asarray(table["OUT"].to_numpy() if not direct else fields["OUT"])
    if len(out_codes) and bool((out_codes == "?").all()):
        raise QCAError(
            "There are no configurations, using these cutoff values: every observed row has "
            f"fewer than n_cut = {options['n_cut']} cases (the largest row has "
            f"{int(table['n'].max())})."
        )
    if options["complete"]:
        table = _complete(table, total)
    excluded = [r for r in options["exclude"] if r in table.index]
    if excluded:
        seen = table.loc[[r for r in excluded if table.at[r, "n"] > 0]]
        warn_observed_exclusions(seen.index, seen["OUT"], seen["cases"], "truth_table", stacklevel=3)
        table.loc[excluded, "OUT"] = "0"
    if not direct:
        table = _condition_frame({n: c.to_numpy() for n, c in table.items()}, table.index,
                                 parsed, radix, table)
    if options["sort_by"]:
        table = sort_table(table, options["sort_by"], options["decreasing"])

    labels = data.columns.tolist()
    columns = list(dict.fromkeys(names + [n for n in outcome_names if n in set(labels)]))
    return TruthTable(
        table=table,
        outcome=outcome,
        conditions=names,
        data=data.copy(deep=False) if _LAZY_COPY and columns == labels else data[columns],
        options=options,
        levels=levels,
        temporal=temporal,
        outcome_membership=y,
        case_rows=pd.Series(case_numbers, index=data.index, name="row"),
        _source=data,
        _grid=grid,
    )


def _inf_test_option(value: Any) -> tuple[str, float] | None:
    alpha = check_inf_test(value)
    return None if alpha is None else ("binom", alpha)


def _check_exclude(exclude: Any, total: int) -> list[int]:
    if exclude is None:
        return []
    values = check_list(exclude, "exclude", "truth_table", "a row number or a list of them")
    rows = [check_int(v, "exclude", "truth_table", minimum=1) for v in values]
    outside = [r for r in rows if r > total]
    if outside:
        raise InvalidParameterError(
            f"The 'exclude' parameter of truth_table lists rows {outside}, beyond the "
            f"{total} configurations of this truth table."
        )
    return sorted(set(rows))


def _warn_half_memberships(data: pd.DataFrame, names: list[str], codes: np.ndarray) -> None:
    half = codes < 0
    if not half.any():
        return
    rows = np.flatnonzero(half.any(axis=1))
    parts = []
    for i in rows[:_MAX_NAMED]:
        where = ", ".join(n for n, h in zip(names, half[i], strict=True) if h)
        parts.append(f"{data.index[i]} ({where})")
    more = f"; and {rows.size - _MAX_NAMED} more" if rows.size > _MAX_NAMED else ""
    warnings.warn(
        f"{rows.size} case(s) with a membership of exactly 0.5 belong to no truth-table row "
        "(TruthTable.case_rows is 0 for them): " + "; ".join(parts) + more + ".",
        HalfMembershipWarning,
        stacklevel=3,
    )


def _code_out(n: np.ndarray, incl: np.ndarray, pri: np.ndarray, options: Mapping[str, Any]) -> np.ndarray:
    ic1, ic0 = options["incl_cut"]
    reach = incl + TOL > ic1
    out = np.where(reach & (pri + TOL > options["pri_cut"]), "1", "0").astype(object)
    contradiction = ~reach & (incl < ic1) & (incl + TOL > ic0)
    out[contradiction] = "C"
    out[n < options["n_cut"]] = "?"
    return out


def _complete(table: pd.DataFrame, total: int) -> pd.DataFrame:
    full = pd.DataFrame(
        {"OUT": "?", "n": 0, "incl": np.nan, "PRI": np.nan, "cases": None},
        index=pd.Index(np.arange(1, total + 1, dtype=np.int64), name="row"),
    )
    full["cases"] = [[] for _ in range(total)]
    full.loc[table.index, ["OUT", "n", "incl", "PRI"]] = table[["OUT", "n", "incl", "PRI"]]
    full.loc[table.index, "cases"] = pd.Series(table["cases"], index=table.index)
    full["n"] = full["n"].astype(np.int64)
    full["incl"] = full["incl"].astype(float)
    full["PRI"] = full["PRI"].astype(float)
    return full


def _condition_frame(
    fields: dict[str, Any],
    index: pd.Index,
    parsed: list[Condition],
    radix: Sequence[int],
    table: pd.DataFrame | None = None,
    configs: np.ndarray | None = None,
) -> pd.DataFrame:
    """The truth table: a column per condition (each row's value), then ``fields``
    (``table``, when given, holds the same columns as a frame). ``configs``, when given,
    is each row's configuration as the conditions' codes (a temporal "-" is its
    condition's ``levels``); by default it is read from the row numbers of ``index``."""
    levels = [c.levels for c in parsed]
    if configs is None:
        temporal = [c.temporal for c in parsed]
        configs = _configurations(index, radix, temporal, levels)
    columns: dict[str, Any] = {}
    for j, cond in enumerate(parsed):
        col = configs[:, j].astype(np.int64)
        if cond.temporal:
            dash = levels[j]
            columns[cond.name] = np.array(
                ["-" if v < 0 or v == dash else v for v in col.tolist()], dtype=object
            )
        else:
            columns[cond.name] = col
    if any(name in columns for name in fields):
        rest = table if table is not None else pd.DataFrame(fields, index=index)
        return pd.concat([pd.DataFrame(columns, index=index), rest], axis=1)
    # one frame built from the columns' arrays (no Series per condition, no concat)
    columns.update(fields)
    return pd.DataFrame(columns, index=index)


# ---------------------------------------------------------------------------- printing
def _format_number(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.3f}"


def _format_table(tt: TruthTable) -> str:
    table = tt.table
    show_cases = tt.options.get("show_cases", True)
    ic1, ic0 = tt.options["incl_cut"]
    cut = f"{ic1:g}" if ic1 == ic0 else f"{ic1:g}, {ic0:g}"
    lines = [
        "",
        f"  OUT: output value (outcome {tt.outcome}, incl_cut {cut}, n_cut {tt.options['n_cut']}"
        + (f", pri_cut {tt.options['pri_cut']:g}" if tt.options["pri_cut"] else "")
        + ")",
        "    n: number of cases in configuration",
        " incl: sufficiency inclusion score",
        "  PRI: proportional reduction in inconsistency",
        "",
    ]
    header = ["", *tt.conditions, "OUT", "n", "incl", "PRI"] + (["cases"] if show_cases else [])
    body = []
    for row, values in table.iterrows():
        cells = [str(row)] + [str(values[c]) for c in tt.conditions]
        cells += [
            str(values["OUT"]),
            str(values["n"]),
            _format_number(values["incl"]),
            _format_number(values["PRI"]),
        ]
        if show_cases:
            cells.append(",".join(map(str, values["cases"])))
        body.append(cells)
    widths = [max(display_width(r[i]) for r in [header, *body]) for i in range(len(header))]
    for cells in [header, *body]:
        text = [pad_right(cells[0], widths[0])]
        text += [pad_left(c, w) for c, w in zip(cells[1:-1], widths[1:-1], strict=True)]
        last = pad_right(cells[-1], widths[-1]) if show_cases else pad_left(cells[-1], widths[-1])
        lines.append(" " + "  ".join([*text, last]).rstrip())
    if len(table) == 0:
        lines.append(" (no rows)")
    return "\n".join(lines) + "\n"
