"""Intermediate solutions: directional expectations, easy and difficult counterfactuals.

Expected values come from R QCA 3.25.1 (SEMANTICS.md S8-S10 and the reference cases in
tests/data/min_reference.json); the R call is written above each check.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import qca
from qca.exceptions import ExpressionError, QCAError, QCAWarning
from qca.minimize._intermediate import expectation_terms, parse_dir_exp
from tests.test_minimize import dataset

LF_CONDITIONS = ("DEV", "URB", "LIT", "IND", "STB")


@pytest.fixture(scope="module")
def lf_tt():
    # R: truthTable(LF, outcome = "SURV", incl.cut = 0.8)
    return qca.truth_table(dataset("LF"), "SURV", incl_cut=0.8)


def test_string_form_is_simplified_first(lf_tt):
    # R: minimize(truthTable(LF, "SURV", incl.cut = 0.8), include = "?",
    #             dir.exp = "~DEV, ~URB, ~LIT, ~STB, LIT*IND, DEV*IND")
    # dir.exp becomes ~DEV + ~URB + ~LIT + IND + ~STB (all individual); R gives
    # EC = {12, 16, 17, 18, 21, 28} and the model DEV*~URB*~IND + URB*IND*STB.
    exp = parse_dir_exp("~DEV, ~URB, ~LIT, ~STB, LIT*IND, DEV*IND", LF_CONDITIONS, (2,) * 5)
    assert exp.conjunctural == []
    assert exp.individual == {0: {0}, 1: {0}, 2: {0}, 3: {1}, 4: {0}}
    sol = qca.minimize(lf_tt, include="?", dir_exp="~DEV, ~URB, ~LIT, ~STB, LIT*IND, DEV*IND")
    part = sol.intermediate["C1P1"]
    assert list(part.easy_counterfactuals.index) == [12, 16, 17, 18, 21, 28]
    assert [set(m.terms) for m in part.models] == [{"DEV*~URB*~IND", "URB*IND*STB"}]


def test_conjunctural_expectation_documented_rule(lf_tt):
    # R: dir.exp = "~DEV, ~URB, LIT*IND" gives EC = {} because R's C_getEC resets res to
    # comp before each conjunctural expectation (SEMANTICS.md S9). By the documented rule
    # the drop of DEV from DEV*URB*LIT*IND*STB (expected ~DEV) stands: res = URB*LIT*IND*STB,
    # which covers the simplifying assumption 16.
    sol = qca.minimize(lf_tt, include="?", dir_exp="~DEV, ~URB, LIT*IND")
    assert list(sol.intermediate["C1P1"].easy_counterfactuals.index) == [16]


def test_mapping_form_equals_string_form(lf_tt):
    by_text = qca.minimize(lf_tt, include="?", dir_exp="DEV, URB, LIT, IND, STB")
    by_map = qca.minimize(lf_tt, include="?", dir_exp={c: 1 for c in LF_CONDITIONS})
    assert [m.terms for m in by_text.models] == [m.terms for m in by_map.models]
    # R: M1: DEV*URB*LIT*STB + DEV*LIT*~IND*STB -> SURV, EC = {30}
    assert set(by_map.models[0].terms) == {"DEV*URB*LIT*STB", "DEV*LIT*~IND*STB"}
    assert list(by_map.intermediate["C1P1"].easy_counterfactuals.index) == [30]


def test_mapping_dash_means_no_expectation(lf_tt):
    exp = parse_dir_exp({"DEV": 1, "URB": "-", "IND": 0}, LF_CONDITIONS, (2,) * 5)
    assert exp.individual == {0: {1}, 3: {0}}
    sol = qca.minimize(lf_tt, include="?", dir_exp={"DEV": 1, "URB": "-", "IND": [0]})
    assert sol.kind == "intermediate"


def test_old_numeric_form_not_simplified():
    exp = parse_dir_exp("1, 1, -, 0, 1", LF_CONDITIONS, (2,) * 5)
    assert exp.individual == {0: {1}, 1: {1}, 3: {0}, 4: {1}}


def test_multivalue_sets():
    # R: dir.exp = "DEV[1,2], URB[1], LIT[1], IND[1]" on LM
    exp = parse_dir_exp("DEV[1,2], URB[1], LIT[1], IND[1]", ("DEV", "URB", "LIT", "IND"), (3, 2, 2, 2))
    assert exp.individual == {0: {1, 2}, 1: {1}, 2: {1}, 3: {1}}


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("DEV, ~DEV", "cancel each other out"),
        ("DEV*~DEV", "contradict"),
        ("FOO", "not a condition"),
        ("DEV[2]", "value 2 of 'DEV'"),
    ],
)
def test_errors(lf_tt, text, match):
    with pytest.raises((QCAError, ExpressionError), match=match):
        qca.minimize(lf_tt, include="?", dir_exp=text)


def test_ambiguous_expectations_raise():
    # ~A*B + A*~B + ~B*C + B*~C is true except at 000 and 111: two minimal forms
    # (A*~B + B*~C + ~A*C and ~A*B + A*~C + ~B*C), so R stops with "Ambiguous"
    text = "~A*B, A*~B, ~B*C, B*~C"
    with pytest.raises(QCAError, match="Ambiguous"):
        parse_dir_exp(text, ("A", "B", "C"), (2, 2, 2))


def test_expectation_drops():
    comp = np.array([1, 0, 1, 0, 1])
    pars = np.array([1, -1, -1, 0, -1])
    exp = parse_dir_exp("DEV, URB, LIT, IND, STB", LF_CONDITIONS, (2,) * 5)
    # URB = 0 is against the expectation URB: dropped; LIT and STB agree: kept
    assert expectation_terms(comp, pars, exp).tolist() == [1, -1, 1, 0, 1]
    cde = parse_dir_exp("DEV, STB, ~LIT*IND", LF_CONDITIONS, (2,) * 5)
    # LIT = 1 disagrees with ~LIT*IND: LIT and IND both dropped
    assert expectation_terms(comp, pars, cde).tolist() == [1, 0, -1, -1, 1]


def test_counterfactuals_partition_assumptions(lf_tt):
    sol = qca.minimize(lf_tt, include="?", dir_exp="DEV, STB, ~LIT*IND")
    part = sol.intermediate["C1P1"]
    sa = set(sol.parsimonious_models[0].simplifying_assumptions.index)
    ec, dc = set(part.easy_counterfactuals.index), set(part.difficult_counterfactuals.index)
    assert ec | dc == sa and not ec & dc
    # R QCA 3.25.1 prints min_LF_conservative as DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB
    assert part.conservative.terms == ("DEV*URB*LIT*IND*STB", "DEV*~URB*LIT*~IND*STB")
    assert [m.terms for m in sol.models] == [m.terms for m in part.models]
    assert [m.name for m in sol.models] == ["M1"]


def test_intermediate_solution_attributes(lf_tt):
    sol = qca.minimize(lf_tt, include="?", dir_exp="DEV, URB, LIT, IND, STB")
    assert sol.kind == "intermediate"
    assert sol.prime_implicants == ("DEV*~IND", "URB*STB")  # still the parsimonious PIs
    assert [str(m) for m in sol.parsimonious_models] == ["DEV*~IND + URB*STB"]
    assert [str(m) for m in sol.models] == [str(m) for m in sol.intermediate["C1P1"].models]
    assert list(sol.fit.index) == list(sol.models[0].terms)
    text = sol.summary()
    assert "From C1P1" in text and "easy counterfactuals: 30" in text
    assert "C1P1" in repr(sol.intermediate["C1P1"])


def test_dir_exp_needs_remainders(lf_tt):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sol = qca.minimize(lf_tt, dir_exp="DEV, STB")
    assert sol.kind == "conservative" and not sol.intermediate
    assert any(issubclass(w.category, QCAWarning) for w in caught)
