"""Hostile values given to the library (issue 17): duplicated columns, complex numbers,
pd.NA options, unbounded searches and worker counts; each one a QCAError naming the
parameter, never a traceback or an hour of work."""

from __future__ import annotations

import os
import warnings

import numpy as np
import pandas as pd
import pytest
from hostile import run_limited

import qca
from qca.exceptions import DataError, InvalidParameterError, QCAError, QCAWarning

OK = pd.DataFrame(
    {"A": [0.1, 0.9, 0.3], "B": [0.3, 0.6, 0.8], "Y": [0.2, 0.8, 0.6]}, index=list("abc")
)
DUP = pd.DataFrame(
    [[0.1, 0.2, 0.3], [0.9, 0.8, 0.7], [0.6, 0.3, 0.8]], columns=["A", "A", "Y"], index=list("abc")
)
COMPLEX = OK.assign(A=[0.1 + 1j, 0.9, 0.3])
COMPLEX_OBJECT = OK.assign(A=pd.Series([0.1, complex(0.9, 0), 0.3], dtype=object, index=OK.index))

CALLS = {
    "membership": lambda d: qca.membership(d, "A"),
    "fit": lambda d: qca.fit("A", "Y", d),
    "deviant_cases": lambda d: qca.deviant_cases("A", "Y", d),
    "truth_table": lambda d: qca.truth_table(d, "Y"),
    "super_subset": lambda d: qca.super_subset(d, "Y"),
    "xy_plot": lambda d: qca.xy_plot(d, "A", "Y"),
    "calibrate": lambda d: qca.calibrate(
        d["A"] if d["A"].ndim == 1 else None, thresholds=[0.1, 0.5, 0.9]
    ),
}


@pytest.mark.parametrize(
    "call", ["membership", "fit", "deviant_cases", "truth_table", "super_subset", "xy_plot"]
)
def test_duplicated_column_names_are_a_data_error(call):
    with pytest.raises(DataError, match="column name 'A' twice"):
        CALLS[call](DUP)


@pytest.mark.parametrize("call", list(CALLS))
@pytest.mark.parametrize("data", [COMPLEX, COMPLEX_OBJECT], ids=["complex128", "object"])
def test_complex_numbers_are_a_data_error(call, data):
    with pytest.raises(DataError, match="complex numbers in column 'A'"):
        CALLS[call](data)


def test_pd_na_as_an_option_is_an_error_not_a_traceback():
    with pytest.raises(InvalidParameterError, match="'method' parameter of calibrate"):
        qca.calibrate(OK["A"], thresholds=[0.1, 0.5, 0.9], method=pd.NA)
    for call in [
        lambda: qca.truth_table(OK, "Y", incl_cut=pd.NA),
        lambda: qca.truth_table(OK, "Y", n_cut=pd.NA),
        lambda: qca.super_subset(OK, "Y", depth=pd.NA),
        lambda: qca.minimize(qca.truth_table(OK, "Y", incl_cut=0.7), include=pd.NA),
        lambda: qca.membership(OK, pd.NA),
        lambda: qca.robustness(OK, "Y", incl_cut=[0.8], jobs=pd.NA),
    ]:
        with pytest.raises(QCAError):
            call()


def test_necessity_search_over_many_conditions_is_refused_before_it_starts():
    # 24 fuzzy conditions: the search for necessary combinations ran for hours
    code = (
        "import numpy as np, pandas as pd, qca, time\n"
        "rng = np.random.default_rng(1)\n"
        "d = pd.DataFrame(rng.random((40, 24)).round(2), columns=[f'C{i}' for i in range(24)])\n"
        "d['Y'] = rng.random(40).round(2)\n"
        "try:\n"
        "    qca.super_subset(d, 'Y', incl_cut=0.9)\n"
        "except qca.QCAError as e:\n"
        "    print('REFUSED', e)\n"
    )
    result = run_limited(code, seconds=40, memory_mb=1500)
    assert result.ok and "REFUSED" in result.text, result.text
    assert "'depth'" in result.text and "QCA_MAX_COMBINATIONS" in result.text


def test_necessity_search_cost_is_counted_per_level():
    from qca.super_subset import _combinations_per_level

    # binary: C(n, k) * 2**k; three values: C(n, k) * 3**k
    assert _combinations_per_level([2] * 24, 3) == [0, 48, 1104, 16192]
    assert _combinations_per_level([3, 3], 2) == [0, 6, 9]


def test_lower_index_agrees_with_the_scan():
    from qca.super_subset import _contains_lower, _Found, _Lower

    rng = np.random.default_rng(3)
    lower = _Lower()
    for _ in range(300):
        k = int(rng.integers(1, 5))
        conds = rng.choice(8, size=k, replace=False)
        lits = frozenset((int(c), int(rng.integers(0, 2))) for c in conds)
        lower.add(_Found(lits, k, bool(rng.integers(0, 2)), (0,), {}))
    for _ in range(500):
        k = int(rng.integers(2, 7))
        conds = rng.choice(8, size=k, replace=False)
        lits = frozenset((int(c), int(rng.integers(0, 2))) for c in conds)
        for conj in (True, False):
            assert lower.contains_lower(lits, k, conj) == _contains_lower(
                lits, k, lower.found, conj
            )


def test_minimize_over_64_conditions_is_an_error_not_an_overflow(monkeypatch):
    rng = np.random.default_rng(1)
    data = pd.DataFrame(rng.integers(0, 2, (20, 64)), columns=[f"C{i}" for i in range(64)])
    data["Y"] = rng.integers(0, 2, 20)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)
        tt = qca.truth_table(data, "Y")
    with pytest.raises(InvalidParameterError, match=r"64 conditions.*QCA_MAX_CONDITIONS"):
        qca.minimize(tt)
    monkeypatch.setenv("QCA_MAX_CONDITIONS", "100")
    with pytest.raises(InvalidParameterError, match=r"64 conditions.*2\*\*62"):
        qca.minimize(tt)


def test_worker_count_is_capped_by_the_machine():
    from qca.robustness import check_workers  # what robustness applies to 'jobs'

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with pytest.warns(QCAWarning, match="jobs=1000000"):
        assert check_workers(10**6, "robustness", name="jobs") == cpus
    assert check_workers(1, "robustness", name="jobs") == 1


@pytest.mark.parametrize("bad", ["~A", "A*B", "", "A B", "1A", "A+B", "(A)", "A->B"])
@pytest.mark.parametrize("call", ["truth_table", "super_subset", "super_subset_listed"])
def test_condition_names_that_read_as_expressions_are_refused(bad, call):
    # '~A' as a column name printed as '~A', which means "not A"
    data = pd.DataFrame(
        {bad: [0.1, 0.9, 0.8, 0.3], "C": [0.2, 0.7, 0.9, 0.1], "Y": [0.1, 0.9, 0.8, 0.2]},
        index=list("abcd"),
    )
    run = {
        "truth_table": lambda: qca.truth_table(data, "Y"),
        "super_subset": lambda: qca.super_subset(data, "Y"),
        "super_subset_listed": lambda: qca.super_subset(data, "Y", conditions=[bad, "C"]),
    }[call]
    with pytest.raises(DataError, match=r"cannot be a condition .*identifiers"):
        run()
