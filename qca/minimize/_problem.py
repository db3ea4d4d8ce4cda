"""A truth table read into arrays for minimization (private).

:class:`Problem` holds what every solution type needs: the configuration of each
truth-table row (``-1`` for a temporal ``"-"``), its ``OUT`` code and cases, the row
numbering of the configuration space *without* the ``"-"`` level (where simplifying
assumptions, counterfactuals, ``exclude`` and :func:`qca.find_rows` live), and the
membership of every case in every literal, for the parameters of fit.

>>> import numpy as np
>>> space = Space(("A", "B", "C"), (2, 3, 2))
>>> space.row_numbers(np.array([[0, 0, 0], [1, 2, 1]]))
array([ 1, 12])
>>> space.configurations(np.array([12])).tolist()
[[1, 2, 1]]
>>> space.covered_rows(np.array([[1, -1, 0]])).tolist()
[7, 9, 11]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from qca._frames import column_dtypes
from qca._limits import limit
from qca.exceptions import InvalidParameterError, NoSolutionError
from qca.expr import Literal, format_literal, format_values, literal_membership
from qca.minimize._listing import TermRows, list_covered

__all__ = ["Space", "Problem", "max_listed_rows", "build_problem", "require_explained"]


def max_listed_rows() -> int:
    """Most configurations a list of rows (simplifying assumptions, counterfactuals, the
    rows of :func:`qca.find_rows`) may hold: the limit ``QCA_MAX_LISTED_ROWS``."""
    return limit("max_listed_rows")


@dataclass(frozen=True)
class Space:
    """The configuration space of some conditions: row numbers <-> configurations.

    Row numbers read a configuration as a mixed-radix number, first condition most
    significant, plus 1 (R QCA's numbering). A temporal ``"-"`` is not a level here.
    """

    conditions: tuple[str, ...]
    levels: tuple[int, ...]

    @property
    def weights(self) -> np.ndarray:
        """The place value of each condition in a row number."""
        k = len(self.levels)
        w = np.ones(k, dtype=np.int64)
        for j in range(k - 2, -1, -1):
            w[j] = w[j + 1] * self.levels[j + 1]
        return w

    @property
    def size(self) -> int:
        """Number of configurations."""
        return int(np.prod(np.asarray(self.levels, dtype=object))) if self.levels else 1

    @property
    def multivalue(self) -> bool:
        """True when some condition has more than two levels (bracketed printing)."""
        return any(n > 2 for n in self.levels)

    def row_numbers(self, configs: np.ndarray) -> np.ndarray:
        """Row number of each full configuration (no ``-1``)."""
        configs = np.asarray(configs, dtype=np.int64).reshape(-1, len(self.levels))
        return configs @ self.weights + 1

    def configurations(self, rows: Iterable[int]) -> np.ndarray:
        """The configuration of each row number, shape (n, k)."""
        numbers = np.asarray(list(rows), dtype=np.int64) - 1
        out = np.zeros((numbers.size, len(self.levels)), dtype=np.int16)
        for j, w in enumerate(self.weights):
            out[:, j] = (numbers // w) % self.levels[j]
        return out

    def check_rows(self, rows: Any, name: str, where: str) -> list[int]:
        """Validate a list of row numbers of this space."""
        if rows is None:
            return []
        if isinstance(rows, (int, np.integer, str, bytes, dict)) and not isinstance(rows, bool):
            rows = [rows]  # one row number; a string is one (bad) value, not its letters
        try:
            values = [r for r in rows]
        except TypeError:
            values = [rows]
        out = []
        for r in values:
            ok = isinstance(r, (int, np.integer)) and not isinstance(r, bool)
            ok = ok or (isinstance(r, float) and r.is_integer())
            if not ok or not 1 <= int(r) <= self.size:
                raise InvalidParameterError(
                    f"The '{name}' parameter of {where} must list row numbers between 1 and "
                    f"{self.size} (the configurations of {len(self.levels)} conditions). "
                    f"Got {r!r} instead."
                )
            out.append(int(r))
        return sorted(set(out))

    def covered_rows(
        self, terms: np.ndarray, *, limit: int | None = None, cache: TermRows | None = None
    ) -> np.ndarray:
        """Sorted row numbers of every configuration some term covers (-1 = absent).

        Raises :class:`~qca.exceptions.TooManyRowsError` when that would list more than
        ``limit`` configurations (default: the limit ``QCA_MAX_LISTED_ROWS``). ``cache``
        keeps small terms' rows for the next call (:class:`TermRows`).
        """
        terms = np.asarray(terms, dtype=np.int64).reshape(-1, len(self.levels))
        return list_covered(
            self.levels, terms, limit=max_listed_rows() if limit is None else limit, cache=cache
        )

    def frame(self, rows: Iterable[int]) -> pd.DataFrame:
        """A DataFrame of configurations indexed by row number (index name ``row``)."""
        numbers = sorted(int(r) for r in rows)
        configs = self.configurations(numbers)
        frame = pd.DataFrame(configs.astype(int), columns=list(self.conditions))
        frame.index = pd.Index(numbers, name="row")
        return frame

    def format(self, term: Sequence[int]) -> str:
        """A term (one value per condition, -1 = absent) as R prints it; ``"1"`` if empty."""
        key = (term.dtype.str, term.tobytes()) if isinstance(term, np.ndarray) else None
        text = self._formatted.get(key) if key is not None else None
        if text is not None:
            return text  # the same PI printed again (models, PI list, parts share them)
        values = term.tolist() if isinstance(term, np.ndarray) else [int(v) for v in term]
        literals = self._literals
        try:
            text = "*".join([literals[j][v] for j, v in enumerate(values) if v >= 0])
        except IndexError:  # a value beyond the levels: printed all the same
            text = format_values(values, list(self.conditions), self.multivalue)
        text = text or "1"
        if key is not None:
            self._formatted[key] = text
        return text

    @cached_property
    def _formatted(self) -> dict[tuple[str, bytes], str]:
        """Terms printed so far (by their bytes)."""
        return {}

    @cached_property
    def _literals(self) -> list[list[str]]:
        """The printed literal of each value of each condition."""
        multivalue = self.multivalue
        return [
            [format_literal(name, [v], multivalue=multivalue) for v in range(n)]
            for name, n in zip(self.conditions, self.levels, strict=True)
        ]


@dataclass
class Problem:
    """A truth table decoded for minimization.

    ``configs`` has one row per truth-table row (``-1`` where the row holds ``"-"``),
    ``out`` its OUT code after exclusions, ``cases`` its case ids, ``table_rows`` its row
    number in the truth table. ``excluded`` lists row numbers (space without ``"-"``)
    that may never serve as remainders.
    """

    space: Space
    outcome: str
    configs: np.ndarray
    out: np.ndarray
    cases: list[list[str]]
    table_rows: np.ndarray
    excluded: list[int]
    excluded_cubes: np.ndarray
    data: pd.DataFrame
    y: np.ndarray
    literals: list[list[np.ndarray]] = field(default_factory=list)
    observed: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    # ------------------------------------------------------------------ row sets
    @property
    def explained_mask(self) -> np.ndarray:
        return self.out == "1"

    @property
    def explained(self) -> np.ndarray:
        """Configurations of the rows to explain (OUT "1")."""
        return self.configs[self.explained_mask]

    @property
    def contradictions(self) -> np.ndarray:
        return self.configs[self.out == "C"]

    def negatives(self, include_c: bool) -> np.ndarray:
        """Rows no prime implicant may cover: OUT "0", "C" unless included, exclusions."""
        mask = self.out == "0"
        if not include_c:
            mask |= self.out == "C"
        parts = [self.configs[mask], self.excluded_cubes]
        if self.excluded:
            parts.append(self.space.configurations(self.excluded))
        return np.concatenate([p.astype(np.int16) for p in parts]).reshape(-1, len(self.space.levels))

    def explained_numbers(self) -> set[int]:
        """Row numbers (space without "-") of the explained rows that are full configurations."""
        rows = self.explained
        full = rows[(rows >= 0).all(axis=1)] if len(rows) else rows
        return set(int(r) for r in self.space.row_numbers(full)) if len(full) else set()

    # ------------------------------------------------------------------ fit
    def term_membership(self, term: Sequence[int]) -> np.ndarray:
        """Membership of each case in a term (fuzzy AND of its literals)."""
        m = np.ones(len(self.y))
        for j, v in enumerate(term):
            if v >= 0:
                m = np.minimum(m, self.literals[j][int(v)])
        return m

    def term_cases(self, terms: np.ndarray, covers_fn: Any) -> list[str]:
        """For each term, the cases of the explained rows it covers, ``;`` between rows."""
        mask = self.explained_mask
        rows = self.configs[mask]
        row_cases = [c for c, keep in zip(self.cases, mask, strict=True) if keep]
        if len(terms) == 0:
            return []
        if len(rows) == 0:
            return ["" for _ in terms]
        hit = np.asarray(covers_fn(np.asarray(terms, dtype=np.int16), rows), dtype=bool)
        out = []
        for i in range(len(terms)):
            groups = [",".join(row_cases[r]) for r in np.flatnonzero(hit[i]) if row_cases[r]]
            out.append("; ".join(groups))
        return out


# ---------------------------------------------------------------------- building
def _cell(value: Any) -> int:
    text = str(value).strip()
    if text == "-":
        return -1
    return int(float(text))


def _cases(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [c.strip() for c in value.replace(";", ",").split(",") if c.strip()]
    return [str(c) for c in value]


def _decode_table_rows(rows: Iterable[int], levels: Sequence[int], temporal: Sequence[bool]) -> np.ndarray:
    """Configurations of truth-table row numbers (a temporal "-" is the extra last level)."""
    radix = [n + (1 if t else 0) for n, t in zip(levels, temporal, strict=True)]
    space = Space(tuple(str(i) for i in range(len(radix))), tuple(radix))
    configs = space.configurations(list(rows)).astype(np.int16)
    for j, t in enumerate(temporal):
        if t:
            configs[configs[:, j] == levels[j], j] = -1
    return configs


#: Configurations are numbered with 63-bit integers: at most 2**62 (62 binary conditions).
MAX_SPACE = 2**62


def _check_space_size(conditions: Sequence[str], levels: Sequence[int], where: str) -> None:
    """Refuse a configuration space the row numbers cannot hold (64 conditions overflowed)."""
    from qca._limits import limit, over

    if len(conditions) > limit("max_conditions"):
        raise InvalidParameterError(
            over(
                "max_conditions",
                len(conditions),
                f"{where}: the truth table has {len(conditions)} conditions",
                "(the search grows exponentially with them: build the truth table over "
                "fewer conditions, its 'conditions' parameter)",
            )
        )
    size = 1
    for lv in levels:
        size *= int(lv)
    if size > MAX_SPACE:
        raise InvalidParameterError(
            f"{where}: a truth table over {len(conditions)} conditions has {size:,} possible "
            f"configurations; {where} numbers them with 63-bit integers and handles at most "
            "2**62 (62 binary conditions). Minimize over fewer conditions (drop or combine some)."
        )


def _numeric_literals(column: pd.Series, n: int) -> list[np.ndarray] | None:
    """The memberships of ``column`` in each of its ``n`` literals, for a numeric column
    whose values are all valid (what :func:`qca.expr.literal_membership` gives, without
    its text handling: a numeric column holds no ``"-"``); None for anything else.

    >>> [m.tolist() for m in _numeric_literals(pd.Series([0.2, 1.0]), 2)]
    [[0.8, 0.0], [0.2, 1.0]]
    """
    if column.dtype.kind not in "iuf":
        return None
    return _literals_of(column.to_numpy(dtype=float), n)


def _block_literals(values: np.ndarray, levels: Sequence[int]) -> list[list[np.ndarray] | None] | None:
    """:func:`_literals_of` of every column of ``values`` (cases x conditions) at once when
    none holds a NaN (each literal a contiguous row of one array); None for a column
    that is neither memberships nor codes, None for all when a value is NaN."""
    if values.size == 0 or np.isnan(values).any():
        return None
    x = np.ascontiguousarray(values.T)  # one row per condition
    low, high = x.min(axis=1), x.max(axis=1)
    whole = (x == np.round(x)).all(axis=1)
    complement = 1.0 - x
    out: list[list[np.ndarray] | None] = []
    for j, n in enumerate(levels):
        if low[j] < 0 or (high[j] > 1 and not whole[j]):
            out.append(None)  # not memberships nor codes: let literal_membership raise
            continue
        multi = high[j] > 1
        out.append([
            (x[j] == v).astype(float) if v > 1 or multi else (x[j] if v == 1 else complement[j])
            for v in range(n)
        ])
    return out


def _literals_of(x: np.ndarray, n: int) -> list[np.ndarray] | None:
    """:func:`_numeric_literals` of a column's values as floats."""
    finite = x[~np.isnan(x)]
    if finite.size and (finite.min() < 0 or (finite.max() > 1 and not np.all(finite == np.round(finite)))):
        return None  # not memberships nor codes: let literal_membership raise
    high = finite.size > 0 and finite.max() > 1
    out = []
    for v in range(n):
        if v > 1 or high:
            out.append((x == v).astype(float))
        elif v == 1:
            out.append(x.copy())
        else:
            out.append(1.0 - x)
    return out


#: A truth table of at most this many cells is read through one object array (one
#: conversion instead of a pandas selection per column).
_SMALL_TABLE = 50_000


def _read_table(
    table: pd.DataFrame, conditions: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, list[list[str]], np.ndarray]:
    """Each row's configuration (``-1`` for ``"-"``), OUT code, cases and whether it was
    observed, from the columns of a truth table sorted by row number."""
    labels = table.columns.tolist()
    kinds = [t.kind if isinstance(t, np.dtype) else "O" for t in column_dtypes(table)]
    position = {label: j for j, label in enumerate(labels)} if len(set(labels)) == len(labels) else {}
    at = [position.get(name, -1) for name in conditions]
    if len(table) * len(labels) > _SMALL_TABLE or min(at, default=0) < 0 or "OUT" not in position:
        return _read_columns(table, conditions)
    cells = table.to_numpy()  # one (object) array of every column
    if all(kinds[j] in "iu" for j in at):  # no "-" cells
        configs = cells[:, at].astype(np.int16).reshape(-1, len(conditions))
    else:
        configs = np.array(
            [[_cell(v) for v in row] for row in cells[:, at].tolist()], dtype=np.int16
        ).reshape(-1, len(conditions))
    out = np.array([str(v).strip() for v in cells[:, position["OUT"]].tolist()], dtype=object)
    if "cases" in position:
        cases = [_cases(v) for v in cells[:, position["cases"]].tolist()]
    else:
        cases = [[] for _ in out]
    if "n" in position:
        if kinds[position["n"]] in "iu":
            observed = cells[:, position["n"]].astype(np.int64) > 0
        else:
            observed = np.asarray(pd.to_numeric(table["n"], errors="coerce").fillna(0) > 0)
    else:
        observed = np.array([bool(c) for c in cases], dtype=bool)
    return configs, out, cases, observed


def _read_columns(
    table: pd.DataFrame, conditions: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, list[list[str]], np.ndarray]:
    """:func:`_read_table`, a column at a time (large tables: no object array of all)."""
    block = table[list(conditions)]
    if block.shape[1] == len(conditions) and all(
        isinstance(t, np.dtype) and t.kind in "iu" for t in block.dtypes
    ):  # no "-" cells
        configs = block.to_numpy(dtype=np.int16)
    else:
        head = [table[c] for c in conditions]
        configs = np.array(
            [[_cell(v) for v in row] for row in zip(*head, strict=True)], dtype=np.int16
        ).reshape(-1, len(conditions))
    out = np.array([str(v).strip() for v in table["OUT"]], dtype=object)
    cases = [_cases(v) for v in table["cases"]] if "cases" in table.columns else [[] for _ in out]
    if "n" in table.columns:
        counts = table["n"]
        if isinstance(counts.dtype, np.dtype) and counts.dtype.kind in "iu":
            observed = counts.to_numpy() > 0
        else:
            observed = np.asarray(pd.to_numeric(counts, errors="coerce").fillna(0) > 0)
    else:
        observed = np.array([bool(c) for c in cases], dtype=bool)
    return configs, out, cases, observed


def build_problem(tt: Any, *, exclude: Any = (), where: str = "minimize") -> Problem:
    """Decode a TruthTable (see docs/architecture.md) into a :class:`Problem`."""
    conditions = tuple(str(c) for c in tt.conditions)
    levels = tuple(int(n) for n in tt.levels)
    temporal = tuple(bool(t) for t in getattr(tt, "temporal", (False,) * len(levels)))
    _check_space_size(conditions, levels, where)
    space = Space(conditions, levels)
    table = tt.table
    if not table.index.is_monotonic_increasing:
        table = table.sort_index()
    configs, out, cases, observed = _read_table(table, conditions)
    table_rows = np.asarray([int(r) for r in table.index], dtype=np.int64)

    excluded = space.check_rows(exclude, "exclude", where)
    tt_excluded = list(tt.options.get("exclude") or []) if hasattr(tt, "options") else []
    excluded_cubes = (
        _decode_table_rows(tt_excluded, levels, temporal)
        if tt_excluded
        else np.zeros((0, len(levels)), dtype=np.int16)
    )
    # exclusions are never explained and never remainders: code them "0"
    if excluded or tt_excluded:
        full = (configs >= 0).all(axis=1)
        numbers = np.zeros(len(configs), dtype=np.int64)
        if full.any():
            numbers[full] = space.row_numbers(configs[full])
        hit = full & np.isin(numbers, excluded)
        hit |= np.isin(table_rows, tt_excluded)
        out = out.copy()
        out[hit] = "0"

    data = tt.data
    y = np.asarray(tt.outcome_membership, dtype=float)
    literals = []
    labels = data.columns.tolist()
    position = {label: j for j, label in enumerate(labels)} if len(set(labels)) == len(labels) else {}
    at = [position.get(name, -1) for name in conditions]
    values = None  # every column read at once when all are numbers
    if all(j >= 0 for j in at) and all(t.kind in "iuf" for t in column_dtypes(data)):
        values = data.to_numpy(dtype=float)[:, at]
    block = _block_literals(values, levels) if values is not None else None
    for j, (name, n) in enumerate(zip(conditions, levels, strict=True)):
        fast = block[j] if block is not None else None
        if fast is None and values is not None:
            fast = _literals_of(values[:, j], n)
        if fast is None:
            column = data[name]
            fast = _numeric_literals(column, n)
            if fast is None:
                fast = [literal_membership(column, Literal(name, frozenset({v}))) for v in range(n)]
        literals.append(fast)
    return Problem(
        space=space,
        outcome=str(tt.outcome),
        configs=configs,
        out=out,
        cases=cases,
        table_rows=table_rows,
        excluded=excluded,
        excluded_cubes=excluded_cubes,
        data=data,
        y=y,
        literals=literals,
        observed=observed,
    )


def require_explained(problem: Problem) -> None:
    """Raise NoSolutionError when no row has OUT "1"."""
    if not problem.explained_mask.any():
        counts = pd.Series(problem.out).value_counts().to_dict()
        listed = ", ".join(f'{k!r}: {v}' for k, v in sorted(counts.items())) or "no rows"
        raise NoSolutionError(
            f"Nothing to explain: no truth-table row has OUT == '1' for the outcome "
            f"{problem.outcome!r} (rows by OUT: {listed}). Lower 'incl_cut' or 'n_cut' in "
            "truth_table, or check the outcome."
        )
