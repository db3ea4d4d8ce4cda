"""Standards-of-good-practice checks (qca.checks)."""

from __future__ import annotations

import pandas as pd
import pytest

import qca
from qca.checks import good_practice_checks


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
        ({"conditions": ["A", "Q"]}, "no column 'Q'"),
    ],
)
def test_bad_parameters(kwargs, match):
    args = {"data": _data(), "outcome": "Y", "conditions": ["A", "B"], **kwargs}
    with pytest.raises(qca.InvalidParameterError, match=match):
        good_practice_checks(args.pop("data"), args.pop("outcome"), args.pop("conditions"))
