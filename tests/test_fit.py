"""Tests of qca.fit and qca.deviant_cases against R QCA 3.25.1 and hand computations."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qca
from qca import QCAWarning, deviant_cases, fit
from qca.exceptions import ExpressionError, InvalidParameterError

DATA = Path(__file__).parent / "data" / "reference"
CASES = json.loads((DATA / "tt_fit_ss_cases.json").read_text(encoding="utf-8"))["cases"]
POF_CASES = [c for c in CASES if c["function"] == "pof"]


def dataset(name: str) -> pd.DataFrame:
    """A reference data set as R has it: case ids as the index."""
    path = DATA / f"{name}.csv"
    frame = pd.read_csv(path)
    ids = pd.read_csv(path, usecols=["case"], dtype=str, keep_default_na=False)["case"]
    return frame.assign(case=ids.to_numpy()).set_index("case")


def literal_set(term: str) -> frozenset:
    return frozenset(term.replace(" ", "").split("*"))


# ---------------------------------------------------------------------------- reference cases
@pytest.mark.parametrize("case", POF_CASES, ids=[c["id"] for c in POF_CASES])
def test_reference_fit(case: dict) -> None:
    # Each case is the R call in case["call"], e.g.
    # pof("DEV*~IND + URB*STB", "SURV", data = LF, relation = "sufficiency")
    py = case["python"]
    data = dataset(py["data"])
    if "->" in py["expr"] or "<-" in py["expr"]:
        table = fit(py["expr"], data=data)  # the arrow gives outcome and relation
    else:
        table = fit(py["expr"], py["outcome"], data, relation=py["relation"])
    want = case["result"]["incl.cov"]
    got_rows = {literal_set(r) if r != "expression" else r: r for r in table.index}
    assert len(table) == len(want)
    for row, values in want.items():
        label = got_rows["expression" if row == "expression" else literal_set(row)]
        for col, value in values.items():
            if value is None:
                assert np.isnan(table.loc[label, col])
            else:
                assert table.loc[label, col] == pytest.approx(value, abs=1e-9), (row, col)
        if row == "expression" and "covU" in table.columns:
            assert np.isnan(table.loc[label, "covU"])


def test_terms_print_as_r_does() -> None:
    # pof("DEV[2] + DEV[1]*IND[0] -> SURV", data = LM): mv data print every literal bracketed
    table = fit("IND[0]*DEV[1] + DEV[2] -> SURV", data=dataset("LM"))
    assert list(table.index) == ["DEV[1]*IND[0]", "DEV[2]", "expression"]
    table = fit("STB*~DEV", "SURV", dataset("LF"))
    assert list(table.index) == ["~DEV*STB"]
    assert np.isnan(table.loc["~DEV*STB", "covU"])  # a single term has no covU


# ---------------------------------------------------------------------------- hand computations
def small_fuzzy() -> pd.DataFrame:
    return pd.DataFrame(
        {"A": [0.8, 0.6, 0.1], "B": [0.2, 0.9, 0.7], "Y": [0.9, 0.7, 0.6]},
        index=["p", "q", "r"],
    )


def test_sufficiency_by_hand() -> None:
    table = fit("A + B", "Y", small_fuzzy())
    # B: sum min(B,Y) = .2+.7+.6 = 1.5; sum B = 1.8; sum min(B,Y,1-Y) = .1+.3+.4 = .8
    assert table.loc["B", "inclS"] == pytest.approx(1.5 / 1.8)
    assert table.loc["B", "PRI"] == pytest.approx((1.5 - 0.8) / (1.8 - 0.8))
    assert table.loc["B", "covS"] == pytest.approx(1.5 / 2.2)
    # covU of A: sum min(A,Y) = 1.5 minus sum min(A,Y,B) = .2+.6+.1 = .9
    assert table.loc["A", "covU"] == pytest.approx((1.5 - 0.9) / 2.2)
    # the expression is the fuzzy union: max(A, B) = .8, .9, .7
    assert table.loc["expression", "inclS"] == pytest.approx(2.1 / 2.4)
    assert list(table.columns) == ["inclS", "PRI", "covS", "covU"]


def test_necessity_by_hand_and_negated_outcome() -> None:
    data = small_fuzzy()
    table = fit("A", "~Y", data, relation="necessity")
    y = 1 - data["Y"]  # .1, .3, .4
    xy = np.minimum(data["A"], y)  # .1, .3, .1
    assert table.loc["A", "inclN"] == pytest.approx(xy.sum() / y.sum())
    assert table.loc["A", "covN"] == pytest.approx(xy.sum() / data["A"].sum())
    assert table.loc["A", "RoN"] == pytest.approx((1 - data["A"]).sum() / (1 - xy).sum())
    assert list(table.columns) == ["inclN", "RoN", "covN"]
    same = fit("A <- ~Y", data=data)
    pd.testing.assert_frame_equal(table, same)
    assert fit("A", "~Y", data, relation="nec").equals(table)


def test_crisp_counts() -> None:
    # pof("DEV*STB", "SURV", data = LC): 8 cases in DEV*STB, 8 of them survived; 8 survivors
    lc = dataset("LC")
    x = (lc["DEV"] == 1) & (lc["STB"] == 1)
    y = lc["SURV"] == 1
    table = fit("DEV*STB", "SURV", lc)
    assert table.loc["DEV*STB", "inclS"] == pytest.approx((x & y).sum() / x.sum())
    assert table.loc["DEV*STB", "covS"] == pytest.approx((x & y).sum() / y.sum())


def test_outcome_as_series_and_expr_as_series() -> None:
    data = small_fuzzy()
    by_name = fit("A", "Y", data)
    by_series = fit(data["A"], data["Y"])
    pd.testing.assert_frame_equal(by_name, by_series)


def test_dataframe_of_memberships() -> None:
    # like pof(CVF[, 1:5], CVF$PROTEST): one row per column, covU as if they were one
    # disjunction, no expression row
    cvf = dataset("CVF")
    table = fit(cvf.iloc[:, :5], cvf["PROTEST"])
    assert list(table.index) == list(cvf.columns[:5])
    expected = fit(" + ".join(cvf.columns[:5]), "PROTEST", cvf).drop(index="expression")
    pd.testing.assert_frame_equal(table, expected)
    negated = fit((1 - cvf.iloc[:, :5]).rename(columns=lambda c: "~" + c), 1 - cvf["PROTEST"])
    assert list(negated.index)[0] == "~DEMOC"
    by_name = fit("~DEMOC", "~PROTEST", cvf)
    assert negated.loc["~DEMOC", "inclS"] == pytest.approx(by_name.loc["~DEMOC", "inclS"])


def test_small_values_are_reported_as_zero() -> None:
    data = pd.DataFrame({"A": [1.0, 0.0], "B": [0.0, 1.0], "Y": [1.0, 0.0]})
    table = fit("A + B", "Y", data)
    assert table.loc["B", "inclS"] == 0.0 and table.loc["B", "covU"] == 0.0


# ---------------------------------------------------------------------------- degenerate data
def test_term_without_members_gives_nan_and_a_warning() -> None:
    data = pd.DataFrame({"A": [0.0, 0.0, 0.0], "B": [0.3, 0.8, 0.9], "Y": [0.2, 0.9, 0.7]})
    with pytest.warns(QCAWarning, match="no case has membership in 'A'"):
        table = fit("A + B", "Y", data)
    assert np.isnan(table.loc["A", "inclS"]) and np.isnan(table.loc["A", "PRI"])
    assert table.loc["A", "covS"] == 0.0
    assert table.loc["B", "inclS"] == pytest.approx((0.2 + 0.8 + 0.7) / 2.0)


def test_constant_outcome_gives_defined_values_and_a_warning() -> None:
    data = pd.DataFrame({"A": [0.2, 0.8, 0.6], "Y": [0, 0, 0]})
    with pytest.warns(QCAWarning, match="outcome is constant"):
        table = fit("A", "Y", data)
    assert table.loc["A", "inclS"] == 0.0 and table.loc["A", "PRI"] == 0.0
    assert np.isnan(table.loc["A", "covS"])
    with pytest.warns(QCAWarning, match="outcome is constant"):
        nec = fit("A", "Y", data, relation="necessity")
    assert np.isnan(nec.loc["A", "inclN"])
    full = pd.DataFrame({"A": [1, 1], "Y": [1, 1]})
    with pytest.warns(QCAWarning, match="RoN"):
        nec = fit("A", "Y", full, relation="necessity")
    assert nec.loc["A", "inclN"] == 1.0 and np.isnan(nec.loc["A", "RoN"])


def test_no_warning_on_clean_data() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit("DEV*~IND + URB*STB", "SURV", dataset("LF"))


# ---------------------------------------------------------------------------- deviant cases
def test_deviant_cases_sufficiency_fuzzy() -> None:
    lf = dataset("LF")
    table = deviant_cases("DEV*~IND + URB*STB", "SURV", lf)
    assert list(table.index) == ["DEV*~IND", "URB*STB", "expression"]
    x = qca.membership(lf, "URB*STB")
    y = lf["SURV"]
    assert table.loc["URB*STB", "deviant_consistency"] == list(lf.index[(x > 0.5) & (y < 0.5)])
    assert table.loc["URB*STB", "deviant_coverage"] == list(lf.index[(x < 0.5) & (y > 0.5)])
    assert table.loc["URB*STB", "typical"] == list(lf.index[(x > 0.5) & (y > 0.5)])
    union = qca.membership(lf, "DEV*~IND + URB*STB")
    assert table.loc["expression", "deviant_coverage"] == list(lf.index[(union < 0.5) & (y > 0.5)])


def test_deviant_cases_necessity_mirror_crisp() -> None:
    lc = dataset("LC")
    table = deviant_cases("LIT <- SURV", data=lc)
    lit, surv = lc["LIT"], lc["SURV"]
    assert table.loc["LIT", "deviant_consistency"] == list(lc.index[(lit == 0) & (surv == 1)])
    assert table.loc["LIT", "deviant_coverage"] == list(lc.index[(lit == 1) & (surv == 0)])
    # LIT is necessary for SURV in LC: no case survives without literacy
    assert table.loc["LIT", "deviant_consistency"] == []


# ---------------------------------------------------------------------------- bad input
def test_bad_input() -> None:
    data = small_fuzzy()
    with pytest.raises(InvalidParameterError, match="'relation' parameter of fit"):
        fit("A", "Y", data, relation="both")
    with pytest.raises(InvalidParameterError, match="needs an outcome"):
        fit("A", data=data)
    with pytest.raises(InvalidParameterError, match="do not also give"):
        fit("A -> Y", "B", data)
    with pytest.raises(ExpressionError, match="Unknown set name 'C'"):
        fit("C", "Y", data)
    with pytest.raises(InvalidParameterError, match="'expr' parameter of fit"):
        fit(3, "Y", data)
    with pytest.raises(InvalidParameterError, match="has 2 values"):
        fit(data["A"], pd.Series([0.1, 0.2]))
    with pytest.raises(InvalidParameterError, match="must lie in"):
        fit(data["A"] * 2, data["Y"])
    with pytest.raises(InvalidParameterError, match="'relation' parameter of deviant_cases"):
        deviant_cases("A", "Y", data, relation="x")


def test_missing_memberships_are_an_error_naming_the_cases() -> None:
    data = small_fuzzy()
    data.loc["q", "A"] = np.nan
    with pytest.raises(qca.DataError, match="missing for cases q"):
        fit("A*B", "Y", data)
    with pytest.raises(InvalidParameterError, match="missing values"):
        fit("B", "A", data)
