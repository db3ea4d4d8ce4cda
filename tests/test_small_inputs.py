"""The fast paths for small inputs give what the general paths give.

- the truth table reads plain numeric conditions all at once (``_plain_conditions``):
  the same codes, levels and memberships as one condition at a time;
- minimize reads a small truth table through one object array (``_read_table``): the
  same configurations, OUT codes, cases and observed rows as column by column;
- a chart component with one minimum cover skips the counter (``unique_cover``): the
  same cover as brute force, and the same solution as the counter gives;
- and whole runs (crisp, fuzzy, multi-value, "-" cells, remainders, exclusions) are the
  same with the fast paths switched off, and the same when run twice.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qca
from qca import _tt_conditions
from qca.minimize import _chart, _problem
from qca.minimize._chart import solve_chart
from qca.minimize._unique_cover import unique_cover


# ---------------------------------------------------------------------- random data
def _data(seed: int) -> tuple[pd.DataFrame, list[str]]:
    """Cases of a random kind: crisp, fuzzy, multi-value, "-" cells, bool, float-coded."""
    rng = np.random.default_rng(seed)
    kind = ["crisp", "fuzzy", "mv", "temporal", "mixed", "bool", "floatcrisp", "half"][seed % 8]
    n, k = int(rng.integers(2, 30)), int(rng.integers(1, 6))
    cols: dict[str, object] = {}
    for j in range(k):
        if kind == "fuzzy" or (kind == "mixed" and j % 2):
            v = np.round(rng.random(n), int(rng.integers(1, 3)))
        elif kind == "half":
            v = rng.choice([0.0, 0.25, 0.5, 0.75, 1.0], n)
        elif kind in ("mv", "mixed") and j % 2 == 0:
            v = rng.integers(0, 4, n)
        else:
            v = rng.integers(0, 2, n)
        if kind == "bool" and j == 0:
            v = v.astype(bool)
        if kind == "floatcrisp":
            v = np.where(v == 0, -0.0, v).astype(float)  # -0.0 reads as code 0
        cols[f"C{j}"] = v
    if kind == "temporal":
        t = rng.integers(0, 2, n).astype(object)
        t[rng.random(n) < 0.3] = "-"
        cols["T"] = t
    cols["OUT"] = rng.random(n).round(2) if kind in ("fuzzy", "mixed") else rng.integers(0, 2, n)
    data = pd.DataFrame(cols, index=[f"c{i}" for i in range(n)])
    return data, [c for c in data.columns if c != "OUT"]


def _same_condition(a: _tt_conditions.Condition, b: _tt_conditions.Condition) -> None:
    assert (a.name, a.levels, a.temporal, a.crisp) == (b.name, b.levels, b.temporal, b.crisp)
    assert a.codes.dtype == b.codes.dtype and np.array_equal(a.codes, b.codes)
    assert a.memberships.shape == b.memberships.shape
    assert np.array_equal(a.memberships, b.memberships)
    assert np.array_equal(np.signbit(a.memberships), np.signbit(b.memberships))


# ---------------------------------------------------------------------- truth table
@pytest.mark.parametrize("seed", range(120))
def test_conditions_read_at_once_equal_one_at_a_time(seed):
    data, names = _data(seed)
    names = [n for n in names if n != "T"]
    values = data[names].to_numpy(dtype=float)
    fast = _tt_conditions._plain_conditions(values, names)
    no_dash = np.zeros(len(data), dtype=bool)
    one = [_tt_conditions._condition(n, values[:, j], no_dash, lambda n=n: data[n])
           for j, n in enumerate(names)]
    assert fast is not None
    for a, b in zip(fast, one, strict=True):
        _same_condition(a, b)


@pytest.mark.parametrize("bad", [np.nan, -1.0, 1.5])
def test_conditions_refused_values_go_to_the_general_path(bad):
    data = pd.DataFrame({"A": [0.2, bad, 0.9], "B": [0.1, 0.4, 1.0], "Y": [1, 0, 1]})
    assert _tt_conditions._plain_conditions(data[["A", "B"]].to_numpy(dtype=float), ["A", "B"]) is None
    with pytest.raises(qca.DataError, match="'A'"):
        qca.truth_table(data, "Y")


# ---------------------------------------------------------------------- problem
def _tables(seed: int) -> list[qca.TruthTable]:
    data, names = _data(seed)
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for options in ({"incl_cut": 1}, {"incl_cut": (0.8, 0.6)}, {"complete": True},
                        {"exclude": [1]}, {"n_cut": 2}):
            try:
                out.append(qca.truth_table(data, "OUT", names, **options))
            except qca.QCAError:
                pass
    return out


@pytest.mark.parametrize("seed", range(80))
def test_small_table_read_at_once_equals_column_by_column(seed):
    for tt in _tables(seed):
        table = tt.table.sort_index()
        fast = _problem._read_table(table, tuple(tt.conditions))
        slow = _problem._read_columns(table, tuple(tt.conditions))
        assert np.array_equal(fast[0], slow[0]) and fast[0].dtype == slow[0].dtype
        assert fast[1].tolist() == slow[1].tolist()
        assert fast[2] == slow[2]
        assert np.array_equal(fast[3], slow[3])


# ---------------------------------------------------------------------- unique cover
def _brute_minimum_covers(masks: list[int], cols: int) -> list[tuple[int, ...]]:
    for size in range(len(masks) + 1):
        found = [c for c in itertools.combinations(range(len(masks)), size)
                 if np.bitwise_or.reduce([masks[i] for i in c] or [0]) == cols]
        if found:
            return found
    return []


@settings(max_examples=400, deadline=None)
@given(st.integers(1, 8), st.integers(1, 10), st.integers(0, 2**32 - 1))
def test_unique_cover_is_the_only_minimum_cover(n_cols, n_classes, seed):
    rng = np.random.default_rng(seed)
    chart = rng.random((n_classes, n_cols)) < rng.choice([0.2, 0.4, 0.7])
    masks = [int(sum(1 << c for c in np.flatnonzero(row))) for row in chart]
    cols = (1 << n_cols) - 1
    cands = [sum(1 << i for i, m in enumerate(masks) if m >> c & 1) for c in range(n_cols)]
    covers = _brute_minimum_covers(masks, cols)
    if not covers:
        return
    size = len(covers[0])
    got = unique_cover(masks, cands, cols, size)
    assert got == (covers[0] if len(covers) == 1 else None)
    assert unique_cover(masks, cands, cols, size, effort=0) in (None, got)  # gives up


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 9), st.integers(1, 14), st.integers(0, 2**32 - 1),
       st.sampled_from([False, True]), st.sampled_from([1, 3, 10_000]))
def test_solve_chart_same_without_the_unique_cover_path(n_cols, n_pi, seed, row_dom, keep):
    rng = np.random.default_rng(seed)
    chart = rng.random((n_pi, n_cols)) < rng.choice([0.2, 0.4, 0.7])
    fast = solve_chart(chart, row_dom=row_dom, max_models=keep)
    original = _chart.unique_cover
    try:
        _chart.unique_cover = lambda *args, **kw: None
        slow = solve_chart(chart, row_dom=row_dom, max_models=keep)
    finally:
        _chart.unique_cover = original
    assert list(fast.models) == list(slow.models)
    assert (fast.essential, tuple(fast.used), fast.complete, fast.lower_bound) == (
        slow.essential, tuple(slow.used), slow.complete, slow.lower_bound)
    assert (fast.notes, fast.n_models, fast.n_models_lower, fast.core) == (
        slow.notes, slow.n_models, slow.n_models_lower, slow.core)
    assert [(p.models, p.count, p.count_lower) for p in fast.parts] == [
        (p.models, p.count, p.count_lower) for p in slow.parts]


# ---------------------------------------------------------------------- whole runs
def _run(tt: qca.TruthTable, include: str) -> tuple:
    try:
        sol = qca.minimize(tt, include=include)
    except qca.QCAError as exc:
        return (type(exc).__name__, str(exc))
    return (str(sol), sol.fit.to_csv(), [str(m) for m in sol.models], sol.model_count,
            sol.complete, sol.prime_implicants, str(sol.factors),
            [m.fit.to_csv() for m in sol.models])


@pytest.mark.parametrize("seed", range(60))
def test_runs_equal_with_the_fast_paths_off(seed, monkeypatch):
    tables = _tables(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fast = [[_run(tt, inc) for inc in ("", "?")] for tt in tables]
        again = [[_run(tt, inc) for inc in ("", "?")] for tt in tables]
        monkeypatch.setattr(_problem, "_SMALL_TABLE", -1)
        monkeypatch.setattr(_chart, "unique_cover", lambda *args, **kw: None)
        monkeypatch.setattr(_tt_conditions, "_plain_conditions", lambda values, names: None)
        slow = [[_run(tt, inc) for inc in ("", "?")] for tt in _tables(seed)]
    assert fast == again  # deterministic
    assert fast == slow


def test_no_case_in_any_row_gives_an_empty_table():
    data = pd.DataFrame({"A": [0.5, 0.5], "Y": [1, 0]}, index=["a", "b"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tt = qca.truth_table(data, "Y")
    assert tt.table.empty and list(tt.table.columns) == ["A", "OUT", "n", "incl", "PRI", "cases"]
    assert tt.case_rows.tolist() == [0, 0]


def test_the_truth_tables_data_is_a_copy():
    data = pd.DataFrame({"A": [0, 1, 1], "Y": [0, 1, 1]})
    tt = qca.truth_table(data, "Y")
    data.loc[0, "A"] = 1  # the user's frame changes after the truth table was built
    assert tt.data["A"].tolist() == [0, 1, 1]
    tt.data.loc[1, "A"] = 0  # and the truth table's never reaches back
    assert data["A"].tolist() == [1, 1, 1]
