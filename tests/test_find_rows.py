"""qca.find_rows against R QCA 3.25.1's findRows, and its options.

Reference cases: tests/data/min_reference.json (the R call is in each case's ``call``).
"""

from __future__ import annotations

import pandas as pd
import pytest

import qca
from qca.exceptions import ExpressionError, InvalidParameterError
from tests.test_minimize import REFERENCE, build_tt, dataset, parse_r

FIND_ROWS_CASES = [c for c in REFERENCE if c["function"] == "findRows"]


@pytest.mark.parametrize("case", FIND_ROWS_CASES, ids=[c["id"] for c in FIND_ROWS_CASES])
def test_reference_find_rows(case):
    # R: the case's call, e.g. findRows(obj = truthTable(LF, outcome = "SURV", incl.cut = 0.8), type = 2)
    _, _, args, kw = parse_r(case["call"])
    tt = build_tt(kw["obj"])
    options = {}
    for r_name, py in (("type", "type"), ("observed", "observed"), ("incl.cut", "incl_cut"),
                       ("pri.cut", "pri_cut")):
        if r_name in kw:
            options[py] = kw[r_name]
    rows = qca.find_rows(tt, args[0] if args else "", **options)
    assert rows == sorted(case["result"]["rows"])


@pytest.fixture(scope="module")
def lf_tt():
    # R: truthTable(LF, outcome = "SURV", incl.cut = 0.8)
    return qca.truth_table(dataset("LF"), "SURV", incl_cut=0.8)


def test_type2_is_intersection_of_assumptions(lf_tt):
    pos = qca.minimize(lf_tt, include="?")
    neg = qca.minimize(lf_tt.rebuild(outcome="~SURV"), include="?")
    want = set(pos.models[0].simplifying_assumptions.index) & set(
        neg.models[0].simplifying_assumptions.index
    )
    assert qca.find_rows(lf_tt, type=2) == sorted(want)


def test_type0_is_union(lf_tt):
    both = qca.find_rows(lf_tt, "DEV*URB", type=0)
    assert both == sorted(set(qca.find_rows(lf_tt, "DEV*URB")) | set(qca.find_rows(lf_tt, type=2))
                          | set(qca.find_rows(lf_tt, type=3)))
    # without an expression type 0 is types 2 and 3
    assert qca.find_rows(lf_tt, type=0) == qca.find_rows(lf_tt, type=2)


def test_type3_finds_rows_one_for_both():
    # Row A (2): inclusion 0.5 in Y and in ~Y, so "1" for both at incl_cut 0.5
    data = pd.DataFrame({"A": [1, 1, 0, 0], "Y": [0.5, 0.5, 0.0, 0.1]}, index=list("abcd"))
    tt = qca.truth_table(data, "Y", incl_cut=0.5)
    assert qca.find_rows(tt, type=3) == [2]


def test_expression_rows_multivalue():
    # R: findRows(obj = truthTable(LM, "SURV", conditions = "DEV, URB, LIT, IND"), "DEV[2]*IND[0]")
    tt = qca.truth_table(dataset("LM"), "SURV", ["DEV", "URB", "LIT", "IND"])
    rows = qca.find_rows(tt, "DEV[2]*IND[0]", observed=True)
    # DEV = 2 (weight 8), IND = 0: 17 + 0/2/4/6
    assert rows == [17, 19, 21, 23]
    assert qca.find_rows(tt, "~DEV[0,1]*IND[0]", observed=True) == rows


def test_observed_rows_removed(lf_tt):
    everything = qca.find_rows(lf_tt, "DEV*STB", observed=True)
    remainders = qca.find_rows(lf_tt, "DEV*STB")
    observed = set(int(r) for r in lf_tt.table.index)
    assert remainders == [r for r in everything if r not in observed]


@pytest.mark.parametrize(
    ("args", "options", "error", "match"),
    [
        ((), {}, InvalidParameterError, "needs an expression"),
        (("DEV",), {"type": 4}, InvalidParameterError, "'type' parameter of find_rows"),
        (("DEV",), {"observed": "yes"}, InvalidParameterError, "'observed' parameter"),
        (("FOO",), {}, ExpressionError, "Unknown condition 'FOO'"),
        (("DEV[3]",), {}, ExpressionError, "value 3 of 'DEV'"),
        ((), {"type": 2, "incl_cut": 2.0}, InvalidParameterError, "'incl_cut' parameter of find_rows"),
        ((), {"type": 2, "n_cut": 0}, InvalidParameterError, "'n_cut' parameter of find_rows"),
    ],
)
def test_bad_parameters(lf_tt, args, options, error, match):
    with pytest.raises(error, match=match):
        qca.find_rows(lf_tt, *args, **options)


def test_tt_must_be_a_truth_table():
    with pytest.raises(InvalidParameterError, match="TruthTable"):
        qca.find_rows(dataset("LF"), "DEV")


def test_temporal_rows_in_space_without_dash():
    # RS: EBA holds "-"; row numbers of find_rows live in the 32-row space
    tt = qca.truth_table(dataset("RS"), "REC")
    rows = qca.find_rows(tt, "P*E*S", observed=True)
    assert rows == [26, 28, 30, 32]
    # 26 and 28 are covered by the observed cube P*E*~A*-*S, 30 and 32 are observed
    assert qca.find_rows(tt, "P*E*S") == []


@pytest.mark.parametrize("expr", ["DEV[1]*~URB", "DEV[0] + LIT*IND", "~(DEV[2] + URB)*IND", "URB*LIT[0]"])
def test_expression_rows_against_membership(expr):
    """Type 1 with observed=True: every configuration whose membership in expr is 1."""
    from itertools import product

    tt = qca.truth_table(dataset("LM"), "SURV", ["DEV", "URB", "LIT", "IND"])
    space = pd.DataFrame(list(product(range(3), range(2), range(2), range(2))),
                         columns=["DEV", "URB", "LIT", "IND"])
    # one column has a value above 1, so membership reads the data as multi-value crisp
    inside = qca.membership(space, expr).to_numpy() == 1
    assert qca.find_rows(tt, expr, observed=True) == [i + 1 for i in range(len(space)) if inside[i]]
