"""Standards-of-good-practice checks (qca.checks)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import qca
from qca.checks import good_practice_checks, impossible_rows


def _data() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "A": [0.9, 0.8, 0.7, 0.9, 0.6, 0.2, 0.7, 0.8, 0.9, 0.6],
            "B": [0.2, 0.7, 0.3, 0.8, 0.1, 0.6, 0.4, 0.9, 0.3, 0.5],
            "Y": [0.9, 0.2, 0.8, 0.7, 0.9, 0.1, 0.3, 0.6, 0.8, 0.4],
        },
        index=[f"c{k}" for k in range(10)],
    )


def test_clean_data_have_no_findings():
    data = pd.DataFrame({"A": [1, 0, 1, 0], "B": [1, 1, 0, 0], "Y": [1, 0, 1, 0]})
    assert good_practice_checks(data, "Y", ["A", "B"]) == []


def test_skewed_set_is_reported_above_80_percent_only():
    data = _data()  # A: 9 of 10 above 0.5 -> skewed; B: 4 above, 5 below, one 0.5
    messages = good_practice_checks(data, "Y", ["A", "B"])
    skew = [m for m in messages if "skewed" in m]
    assert skew == [
        "Set 'A' is skewed: 9 of 10 cases (90%) have membership above 0.5 "
        "(more than 80% on one side of the crossover)."
    ]
    # exactly 80% on one side is not more than 80%
    eight = pd.DataFrame({"A": [0.9] * 8 + [0.1] * 2, "Y": [0.9, 0.1] * 5})
    assert not [m for m in good_practice_checks(eight, "Y", ["A"]) if "skewed" in m]


def test_skew_below_the_crossover_and_in_the_outcome():
    data = pd.DataFrame({"A": [0.9, 0.1, 0.8, 0.3, 0.7], "Y": [0.1, 0.2, 0.0, 0.3, 0.4]})
    messages = good_practice_checks(data, "Y", ["A"])
    assert any(m.startswith("Set 'Y' is skewed: 5 of 5 cases (100%) have membership below 0.5") for m in messages)


def test_half_memberships_name_the_cases():
    data = _data()
    data.loc["c3", "Y"] = 0.5
    messages = good_practice_checks(data, "Y", ["A", "B"])
    half = [m for m in messages if "exactly 0.5" in m]
    assert half == [
        "Set 'B' has membership exactly 0.5 for case c9: such cases belong to no truth-table row.",
        "Set 'Y' has membership exactly 0.5 for case c3: such cases belong to no truth-table row.",
    ]


def test_contradictory_configurations():
    data = _data()
    messages = good_practice_checks(data, "Y", ["A", "B"])
    contra = [m for m in messages if m.startswith("Contradictory")]
    # row A*~B holds c0, c2, c4, c6, c8 (Y: .9 .8 .9 .3 .8); A*B holds c1, c3, c7 (Y: .2 .7 .6)
    assert contra == [
        "Contradictory configuration A*~B: cases c0, c2, c4, c8 have the outcome (Y > 0.5) and case c6 does not.",
        "Contradictory configuration A*B: cases c3, c7 have the outcome (Y > 0.5) and case c1 does not.",
    ]


def test_contradictions_of_a_negated_outcome_and_multivalue_conditions():
    data = pd.DataFrame(
        {"A": [2, 2, 1, 0], "B": [1, 1, 0, 0], "Y": [1, 0, 1, 0]}, index=["x", "y", "z", "w"]
    )
    messages = good_practice_checks(data, "~Y", ["A", "B"])
    assert messages[-1] == (
        "Contradictory configuration A[2]*B[1]: case y has the outcome (~Y > 0.5) and case x does not."
    )


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"data": [1, 2]}, "'data' parameter of good_practice_checks must be a pandas DataFrame"),
        ({"outcome": ""}, "'outcome' parameter of good_practice_checks must be a set name"),
        ({"conditions": ["A", "Q"]}, "'conditions' parameter .* no column 'Q'"),
        ({"outcome": "Q"}, "'outcome' parameter .* no column 'Q'"),
        ({"conditions": []}, "'conditions' parameter .* at least one condition"),
        ({"conditions": 5}, "'conditions' parameter of good_practice_checks must be a list"),
        ({"conditions": ["A", "A"]}, "'conditions' parameter .* each condition once"),
        ({"conditions": ["A", "Y"]}, "'conditions' parameter .* not the outcome 'Y'"),
        ({"tt": "x"}, "'tt' parameter of good_practice_checks must be a TruthTable"),
        ({"tt": "~Y"}, "'tt' parameter .* truth table of the outcome 'Y'. Got .* of '~Y'"),
        ({"impossible": 5}, "'impossible' parameter of good_practice_checks"),
        ({"impossible": ["A*B", None]}, "'impossible' parameter of good_practice_checks"),
    ],
)
@pytest.mark.filterwarnings("ignore:.*exactly 0.5:qca.QCAWarning")
def test_bad_parameters(kwargs, match):
    args = {"data": _data(), "outcome": "Y", "conditions": ["A", "B"], **kwargs}
    if args.get("tt") == "~Y":
        args["tt"] = qca.truth_table(_data(), "~Y", ["A", "B"], incl_cut=0.8)
    with pytest.raises(qca.InvalidParameterError, match=match):
        good_practice_checks(args.pop("data"), args.pop("outcome"), args.pop("conditions"), **args)


def test_one_string_names_one_condition_or_a_comma_separated_list():
    data = _data()
    assert good_practice_checks(data, "Y", "A") == good_practice_checks(data, "Y", ["A"])
    assert good_practice_checks(data, "Y", "A, B") == good_practice_checks(data, "Y", ["A", "B"])


@pytest.mark.parametrize(
    ("column", "value", "match"),
    [
        ("B", float("nan"), "Set 'B' of good_practice_checks has missing values for cases c3"),
        ("B", "high", "Set 'B' of good_practice_checks must hold numbers.* c3 hold 'high'"),
        ("A", 1.7, "Set 'A' of good_practice_checks .* in \\[0, 1\\].* c3 hold 1.7"),
        ("Y", -0.2, "Set 'Y' of good_practice_checks .* c3 hold -0.2"),
    ],
)
def test_unusable_memberships_are_data_errors(column, value, match):
    data = _data()
    if isinstance(value, str):
        data[column] = data[column].astype(object)
    data.loc["c3", column] = value
    with pytest.raises(qca.DataError, match=match):
        good_practice_checks(data, "Y", ["A", "B"])


def test_no_cases_is_a_data_error():
    with pytest.raises(qca.DataError, match="'data' parameter of good_practice_checks has no cases"):
        good_practice_checks(_data().iloc[:0], "Y", ["A", "B"])


def test_multivalue_codes_and_temporal_dont_cares_are_memberships():
    data = pd.DataFrame(
        {"A": [0, 1, 2, 2, 1], "T": [1, 0, "-", 1, 0], "Y": [1, 0, 1, 1, 0]},
        index=list("abcde"),
    )
    assert good_practice_checks(data, "Y", ["A"]) == []
    good_practice_checks(data, "Y", ["A", "T"])  # no DataError: '-' is a don't care


DATA = Path(__file__).parent / "data"


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, index_col=0, keep_default_na=False)


def test_contradictory_simplifying_assumptions_from_find_rows():
    # R: findRows(obj = truthTable(LF, outcome = "SURV", incl.cut = 0.8), type = 2)
    #    -> 10 12 14 16 17 21 25 29
    data = _read("checks_LF.csv")
    tt = qca.truth_table(data, "SURV", incl_cut=0.8)
    messages = good_practice_checks(data, "SURV", tt=tt)
    csa = [m for m in messages if "contradictory simplifying assumption" in m]
    assert csa == [
        "8 contradictory simplifying assumptions (remainder rows 10, 12, 14, 16, 17, 21, 25, 29): "
        "the parsimonious solutions for SURV and its negation both rely on them. Exclude them "
        "with esa=True (enhanced standard analysis) or exclude=[10, 12, 14, 16, 17, 21, 25, 29]."
    ]


def test_impossible_remainders():
    # R: findRows(obj = truthTable(LC, "SURV"), "DEV*~IND*STB") -> 18 26 30
    data = _read("checks_LC.csv")
    tt = qca.truth_table(data, "SURV")
    assert impossible_rows(tt, "DEV*~IND*STB") == {"DEV*~IND*STB": [18, 26, 30]}
    messages = good_practice_checks(data, "SURV", impossible=["DEV*~IND*STB"])
    assert messages[-1] == (
        "3 remainder rows (18, 26, 30) match 'DEV*~IND*STB', declared logically impossible: "
        "exclude them (exclude=[18, 26, 30]) so no simplifying assumption rests on them."
    )
    with pytest.raises(qca.ExpressionError):
        impossible_rows(tt, "DEV*(")


@pytest.mark.filterwarnings("ignore::qca.QCAWarning")
def test_rows_coded_C_are_reported_with_the_truth_table():
    data = _data()
    tt = qca.truth_table(data, "Y", ["A", "B"], incl_cut=(0.9, 0.6))
    coded = [int(r) for r in tt.table.index[tt.table["OUT"] == "C"]]
    assert coded, "the data are built to have a row coded C"
    messages = good_practice_checks(data, "Y", ["A", "B"], tt=tt)
    rows = ", ".join(map(str, coded))
    assert [m for m in messages if "coded 'C'" in m] == [
        f"Truth-table {'row' if len(coded) == 1 else 'rows'} {rows} "
        f"{'is' if len(coded) == 1 else 'are'} coded 'C' (inclusion between the two incl_cut "
        "values): contradictory rows are never explained by the solution."
    ]
