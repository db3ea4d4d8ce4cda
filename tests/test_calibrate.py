"""Tests of qca.calibrate: every form against R QCA 3.25.1, options, and bad input."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qca
from qca import CalibrationError, DataError, InvalidParameterError, QCAError, QCAWarning
from qca.calibrate import parse_thresholds

DATA = Path(__file__).parent / "data"
REFERENCE = json.loads((DATA / "calibrate_reference.json").read_text(encoding="utf-8"))["cases"]
# LR$DEV and LR$STB (R QCA data set Lipset, raw), in the row order of R.
DEV = [720, 1098, 586, 468, 590, 983, 795, 390, 424, 662, 517, 1008, 350, 320, 331, 367, 897, 1038]
STB = [10, 4, 6, 6, 9, 5, 11, 10, 13, 5, 9, 2, 21, 19, 7, 12, 6, 4]


def _call(case):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)
        return qca.calibrate(
            np.asarray(case["x"], dtype=float), case["thresholds"], **case["options"]
        )


@pytest.mark.parametrize("case", REFERENCE, ids=[c["id"] for c in REFERENCE])
def test_matches_r(case):
    # The R call of each case is in its "call" field, e.g.
    # calibrate(LR$DEV, thresholds = "e=350, c=550, i=900").
    if "error" in case:
        with pytest.raises(CalibrationError, match="outside the range of x"):
            _call(case)
        return
    got = _call(case)
    assert isinstance(got, np.ndarray)
    np.testing.assert_allclose(got, case["expected"], rtol=0, atol=1e-6)


def test_reference_covers_every_form():
    calls = " ".join(c["call"] for c in REFERENCE)
    for form in (
        "logistic = FALSE",
        "below = ",
        "ecdf = TRUE",
        "i1=",
        "e1=",
        "crisp",
        "indirect",
        "TFR",
        "i=5, c=10, e=15",
        "idm",
    ):
        assert form in calls


def test_series_in_series_out():
    x = pd.Series(DEV[:3], index=["AU", "BE", "CZ"], name="DEV")
    got = qca.calibrate(x, "e=350, c=550, i=900")
    assert isinstance(got, pd.Series)
    assert list(got.index) == ["AU", "BE", "CZ"] and got.name == "DEV"
    # R: round(calibrate(LR$DEV, thresholds = "e=350, c=550, i=900")[1:3], 6)
    np.testing.assert_allclose(got.to_numpy(), [0.806926, 0.990148, 0.575141], atol=1e-6)


def test_list_in_array_out():
    got = qca.calibrate([350.0, 900.0], [350, 550, 900])
    assert isinstance(got, np.ndarray) and got.shape == (2,)


@pytest.mark.parametrize(
    "form",
    [
        "e=350, c=550, i=900",
        "350, 550, 900",
        [350, 550, 900],
        (350, 550, 900),
        np.array([350, 550, 900]),
        {"e": 350, "c": 550, "i": 900},
        {"i": 900, "e": 350, "c": 550},
        "c=550, i=900, e=350",
        "E=350, C=550, I=900",
        {"E": 350, "c": 550, "I": 900},
    ],
)
def test_threshold_forms_agree(form):
    want = qca.calibrate(DEV, [350, 550, 900])
    np.testing.assert_array_equal(qca.calibrate(DEV, form), want)


def test_named_thresholds_reorder_by_name_so_descending_is_decreasing():
    assert parse_thresholds("i=5, c=10, e=15") == ([15.0, 10.0, 5.0], ["e", "c", "i"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)
        named = qca.calibrate(STB, "i=5, c=10, e=15")
        plain = qca.calibrate(STB, [15, 10, 5])
    np.testing.assert_array_equal(named, plain)
    # R: calibrate(LR$STB, thresholds = "i=5, c=10, e=15"): BE (4 cabinets) 0.971621, PL (21) 0.001535
    assert named[STB.index(4)] == pytest.approx(0.971621287, abs=1e-8)
    assert named[STB.index(21)] == pytest.approx(0.001534882, abs=1e-8)


def test_inverse_bell_named_keys_any_order_is_one_minus_bell():
    x = np.linspace(150.5, 199.5, 50)
    bell = qca.calibrate(x, "e1=155, c1=165, i1=175, i2=180, c2=185, e2=195", below=2, above=0.5)
    inverse = qca.calibrate(
        x, {"e2": 180, "c2": 185, "i2": 195, "i1": 155, "c1": 165, "e1": 175}, below=2, above=0.5
    )
    np.testing.assert_allclose(inverse, 1.0 - bell, atol=1e-12)
    assert inverse[0] == 1.0 and inverse[-1] == 1.0 and bell[x.tolist().index(177.5)] == 1.0


def test_trapezoid_plateau_is_one():
    got = qca.calibrate([172, 175, 179], "e1=155, c1=165, i1=172, i2=179, c2=187, e2=195")
    assert got.tolist() == [1.0, 1.0, 1.0]


def test_bell_ignores_logistic_flag():
    x = [400, 700, 1000]
    th = "e1=350, c1=500, i1=650, i2=800, c2=950, e2=1100"
    np.testing.assert_array_equal(qca.calibrate(x, th), qca.calibrate(x, th, logistic=False))


def test_single_threshold_number_and_string_for_crisp():
    a = qca.calibrate(DEV, 550, kind="crisp")
    b = qca.calibrate(DEV, "550", kind="crisp")
    assert a.dtype.kind == "i" and a.tolist() == b.tolist()
    assert set(a.tolist()) == {0, 1}


def test_crisp_value_equal_to_threshold_goes_up_and_multivalue():
    got = qca.calibrate([1, 2, 3, 4, 5], [2, 4], kind="crisp")
    assert got.tolist() == [0, 1, 1, 2, 2]
    unsorted = qca.calibrate([1, 2, 3, 4, 5], [4, 2], kind="crisp")
    assert unsorted.tolist() == got.tolist()


def test_crisp_threshold_outside_range_names_it():
    with pytest.raises(CalibrationError, match=r"2000 lie outside the range of x \[320, 1098\]"):
        qca.calibrate(DEV, 2000, kind="crisp")
    with pytest.raises(CalibrationError, match="100 lie outside"):
        qca.calibrate(DEV, [100, 550], kind="crisp")


@pytest.mark.parametrize(
    ("thresholds", "shown"),
    [
        ([550, 350, 900], "e=550, c=350, i=900"),
        ("e=350, c=900, i=550", "e=350, c=900, i=550"),
        ([350, 550, 550], "e=350, c=550, i=550"),
        ("e1=350, c1=500, i1=650, i2=600, c2=950, e2=1100", "i2=600"),
        ([1, 2, 3, 4, 6, 5], "e1=1, c1=2, i1=3, i2=4, c2=6, e2=5"),
    ],
)
def test_illegal_orders_name_thresholds_and_legal_orders(thresholds, shown):
    with pytest.raises(CalibrationError) as info:
        qca.calibrate(DEV, thresholds)
    message = str(info.value)
    assert shown in message
    assert "e < c < i (increasing)" in message and "i < c < e (decreasing)" in message
    assert "e1 < c1 < i1 <= i2 < c2 < e2" in message and "i1 < c1 < e1 <= e2 < c2 < i2" in message


@pytest.mark.parametrize(
    ("thresholds", "match"),
    [
        ([350, 900], "needs 3 anchors .* Got 2"),
        ("e=350, c=550", "keys e, c, i or e1"),
        ("e=350, 550, i=900", "mix named and unnamed"),
        ("e=350, c=abc, i=900", "finite numbers. Got 'abc'"),
        ("", "No thresholds"),
        (None, "needs thresholds"),
        ({"x": 1}, "keys e, c, i"),
        ("e=1, e=2, c=3", "name an anchor twice"),
        (object(), "Thresholds must be"),
    ],
)
def test_bad_thresholds(thresholds, match):
    with pytest.raises(CalibrationError, match=match):
        qca.calibrate(DEV, thresholds)


def test_named_thresholds_refused_for_crisp_and_indirect():
    with pytest.raises(CalibrationError, match="plain numbers"):
        qca.calibrate(DEV, "e=350, c=550, i=900", kind="crisp")
    with pytest.raises(CalibrationError, match="plain numbers"):
        qca.calibrate(DEV, {"e": 350, "c": 550, "i": 900}, method="indirect")


def test_non_numeric_x_names_case_and_value():
    x = pd.Series([720, "n/a", 586], index=["AU", "BE", "CZ"], name="DEV")
    with pytest.raises(
        DataError, match=r"column 'DEV' has non-numeric values for case\(s\) 'BE' \('n/a'\)"
    ):
        qca.calibrate(x, "e=350, c=550, i=900")


def test_missing_x_names_cases():
    x = pd.Series([720, np.nan, None], index=["AU", "BE", "CZ"], name="DEV", dtype=object)
    with pytest.raises(
        DataError, match=r"column 'DEV' has missing values for case\(s\) 'BE', 'CZ'"
    ):
        qca.calibrate(x, "e=350, c=550, i=900")
    with pytest.raises(DataError, match=r"x has missing values at position\(s\) 1"):
        qca.calibrate([1.0, np.nan], [0, 1, 2])


def test_unnamed_series_names_its_labels():
    with pytest.raises(
        DataError, match=r"the Series has non-numeric values for case\(s\) 'b' \('x'\)"
    ):
        qca.calibrate(pd.Series([1, "x"], index=["a", "b"]), [0, 1, 2])


def test_infinite_empty_and_frame_x_are_errors():
    with pytest.raises(DataError, match="infinite"):
        qca.calibrate([1.0, np.inf], [0, 1, 2])
    with pytest.raises(DataError, match="no values"):
        qca.calibrate([], [0, 1, 2])
    with pytest.raises(DataError, match="not a DataFrame"):
        qca.calibrate(pd.DataFrame({"A": [1, 2]}), [0, 1, 2])


def test_warns_on_exact_half_naming_cases():
    x = pd.Series([10, 4, 10], index=["AU", "BE", "GR"], name="STB")
    with pytest.warns(QCAWarning, match=r"exactly 0.5 for case\(s\) 'AU', 'GR'"):
        got = qca.calibrate(x, "i=5, c=10, e=15")
    assert got["AU"] == 0.5


def test_no_warning_without_half():
    with warnings.catch_warnings():
        warnings.simplefilter("error", QCAWarning)
        qca.calibrate(DEV, "e=350, c=551, i=900")


@pytest.mark.parametrize(
    ("options", "match"),
    [
        (
            {"kind": "fuzz"},
            "'kind' parameter of calibrate must be one of 'fuzzy', 'crisp'. Got 'fuzz'",
        ),
        ({"method": "logit"}, "'method' parameter of calibrate must be one of"),
        ({"idm": 1.2}, r"'idm' parameter of calibrate must be a float in \(0.5, 1\). Got 1.2"),
        ({"idm": 0.5}, "'idm'"),
        ({"below": 0}, "'below' parameter of calibrate must be a number > 0. Got 0"),
        ({"above": "2"}, "'above'"),
        ({"logistic": "yes"}, "'logistic' parameter of calibrate must be True or False"),
        ({"ecdf": 1}, "'ecdf'"),
        ({"kind": "crisp", "method": "indirect"}, "must be 'direct' for kind='crisp'"),
    ],
)
def test_bad_options(options, match):
    with pytest.raises(InvalidParameterError, match=match):
        qca.calibrate(DEV, [350, 550, 900], **options)


def test_tfr_takes_no_thresholds_and_method_is_case_insensitive():
    with pytest.raises(InvalidParameterError, match="must be None for method='tfr'"):
        qca.calibrate([1, 2, 3], [1, 2], method="tfr")
    np.testing.assert_array_equal(
        qca.calibrate([1, 2, 3, 4], method="TFR"), qca.calibrate([1, 2, 3, 4], method="tfr")
    )
    with pytest.raises(CalibrationError, match="above 1"):
        qca.calibrate([0.5, 1.0], method="tfr")


def test_indirect_refuses_negative_values_and_handles_zero():
    with pytest.raises(CalibrationError, match="must not be negative"):
        qca.calibrate([-1, 5, 10], [2, 6], method="indirect")
    got = qca.calibrate([0, 1, 3, 5, 8, 12, 20, 30], [2, 6, 15], method="indirect")
    assert ((got >= 0) & (got <= 1)).all()


def test_ecdf_ignores_values_outside_the_anchors():
    x = np.array([100.0, 150, 160, 170, 180, 190, 250])
    with pytest.warns(QCAWarning, match=r"case\(s\) 3"):
        got = qca.calibrate(x, [150, 170, 190], logistic=False, ecdf=True)
    assert got[0] == 0.0 and got[-1] == 1.0 and got[3] == 0.5
    assert got.tolist() == sorted(got.tolist())


def test_errors_are_qca_errors():
    for bad in ([550, 350, 900], "e=1"):
        with pytest.raises(QCAError):
            qca.calibrate(DEV, bad)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=1, max_size=30),
    st.floats(1, 100),
    st.floats(1, 100),
    st.booleans(),
)
def test_memberships_are_monotone_and_in_unit_interval(xs, gap1, gap2, logistic):
    x = np.sort(np.asarray(xs))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)
        up = qca.calibrate(x, [0.0, gap1, gap1 + gap2], logistic=logistic)
        down = qca.calibrate(x, [gap1 + gap2, gap1, 0.0], logistic=logistic)
    assert ((up >= 0) & (up <= 1)).all() and ((down >= 0) & (down <= 1)).all()
    assert (np.diff(up) >= -1e-12).all() and (np.diff(down) <= 1e-12).all()
