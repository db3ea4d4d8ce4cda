"""R parity leftovers of issue 15: truthTable's inf.test, sort.by with decreasing flags,
and exclude given as an expression.

The values R gives were worked by hand here from R QCA's documented rules (no R session
was available to record them):

- inf.test = "binom, alpha": for every observed row, successes = round(n * incl) and
  pval1 = binom.test(successes, n, p = incl1, alternative = "greater")$p.value, i.e.
  P(X >= successes) for X ~ Binomial(n, incl1); the row is 1 when pval1 < alpha, else C
  when pval0 (against incl0) < alpha, else 0.
- sort.by: a stable sort by each key from the last to the first, each with its own
  decreasing flag, rows coded "?" last.
- exclude as an expression: findRows(expression) -- every configuration it covers.

Data: tests/data/public_LC.csv and public_LF.csv are R QCA's LC and LF (Lipset).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import qca

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def lc() -> pd.DataFrame:
    return qca.read_cases(DATA / "public_LC.csv")


@pytest.fixture(scope="module")
def lf() -> pd.DataFrame:
    return qca.read_cases(DATA / "public_LF.csv")


def test_inf_test_binomial_values_by_hand(lc: pd.DataFrame) -> None:
    # R: truthTable(LC, "SURV", incl.cut = 0.8, inf.test = "binom, 0.05")
    tt = qca.truth_table(lc, "SURV", incl_cut=0.8, inf_test="binom, 0.05").table
    # Row 32 (BE, CZ, NL, UK): 4 of 4 survive; pval1 = 0.8^4 = 0.4096 >= 0.05, so 0.
    assert tt.loc[32, "pval1"] == pytest.approx(0.8**4)
    assert tt.loc[32, "OUT"] == "0"
    # Rows 22 and 24: 2 of 2; pval1 = 0.8^2 = 0.64.
    assert tt.loc[22, "pval1"] == pytest.approx(0.64)
    assert tt.loc[24, "pval1"] == pytest.approx(0.64)
    # Rows with no survivor: P(X >= 0) = 1.
    assert tt.loc[1, "pval1"] == 1.0
    # Without the test rows 22, 24 and 32 are 1 (inclusion 1 >= 0.8).
    plain = qca.truth_table(lc, "SURV", incl_cut=0.8).table
    assert plain.loc[[22, 24, 32], "OUT"].tolist() == ["1", "1", "1"]
    assert (tt["OUT"] == "0").all()


def test_inf_test_with_a_pair_of_cuts(lc: pd.DataFrame) -> None:
    # R: truthTable(LC, "SURV", incl.cut = c(0.8, 0.3), inf.test = "binom, 0.1")
    tt = qca.truth_table(lc, "SURV", incl_cut=(0.8, 0.3), inf_test="binom, 0.1").table
    # Row 32: pval0 = 0.3^4 = 0.0081 < 0.1 while pval1 = 0.4096: a contradiction C.
    assert tt.loc[32, "pval0"] == pytest.approx(0.3**4)
    assert tt.loc[32, "OUT"] == "C"
    # Rows 22, 24: pval0 = 0.3^2 = 0.09 < 0.1: C as well.
    assert tt.loc[22, "pval0"] == pytest.approx(0.09)
    assert tt.loc[[22, 24], "OUT"].tolist() == ["C", "C"]
    # A larger sample makes the same inclusion significant: 12 of 12 against 0.8 gives
    # 0.8^12 = 0.0687 < 0.1, so 1.
    big = pd.concat([lc.loc[["BE", "CZ", "NL", "UK"]]] * 3)
    big.index = [f"c{i}" for i in range(len(big))]
    big = pd.concat([big, lc.loc[["GR", "PT"]]])
    tt_big = qca.truth_table(big, "SURV", incl_cut=0.8, inf_test="binom, 0.1").table
    assert tt_big.loc[32, "pval1"] == pytest.approx(0.8**12)
    assert tt_big.loc[32, "OUT"] == "1"


def test_inf_test_bad_values(lc: pd.DataFrame) -> None:
    for bad in ("chisq", "binom, 2", ("binom", "x"), 5):
        with pytest.raises(qca.InvalidParameterError, match="'inf_test' parameter of truth_table"):
            qca.truth_table(lc, "SURV", inf_test=bad)


def test_sort_by_with_decreasing_flags(lf: pd.DataFrame) -> None:
    # R: truthTable(LF, "SURV", incl.cut = 0.8, sort.by = c(incl = FALSE, n = TRUE))
    tt = qca.truth_table(lf, "SURV", incl_cut=0.8, sort_by={"incl": False, "n": True})
    plain = qca.truth_table(lf, "SURV", incl_cut=0.8).table
    rows = list(plain.index)
    # By hand: stable sort by n decreasing, then by incl increasing; "?" rows last.
    rows.sort(key=lambda r: -plain.loc[r, "n"])
    rows.sort(key=lambda r: plain.loc[r, "incl"])
    assert list(tt.table.index) == rows
    assert list(tt.table.index) == [1, 2, 23, 31, 5, 6, 24, 22, 32]
    # The same through R's separate `decreasing` argument.
    again = qca.truth_table(lf, "SURV", incl_cut=0.8, sort_by="incl, n", decreasing=[False, True])
    assert list(again.table.index) == rows
    # The default stays R's: every key decreasing.
    default = qca.truth_table(lf, "SURV", incl_cut=0.8, sort_by="incl")
    assert list(default.table.index) == rows[::-1]
    with pytest.raises(qca.InvalidParameterError, match="'decreasing'"):
        qca.truth_table(lf, "SURV", sort_by="incl", decreasing="no")
    with pytest.raises(qca.InvalidParameterError, match="'sort_by'"):
        qca.truth_table(lf, "SURV", sort_by={"incl": "no"})


def test_exclude_as_an_expression(lf: pd.DataFrame) -> None:
    # R: truthTable(LF, "SURV", incl.cut = 0.8, exclude = "~DEV*URB", complete = TRUE)
    # ~DEV*URB covers DEV = 0, URB = 1: rows 9-16 of the 32 (DEV most significant).
    tt = qca.truth_table(lf, "SURV", incl_cut=0.8, exclude="~DEV*URB", complete=True)
    assert tt.options["exclude"] == list(range(9, 17))
    assert (tt.table.loc[9:16, "OUT"] == "0").all()
    numbers = qca.truth_table(lf, "SURV", incl_cut=0.8, exclude=list(range(9, 17)), complete=True)
    pd.testing.assert_frame_equal(tt.table, numbers.table)
    # Two terms: DEV*~URB*~LIT (rows 17-20) and ~STB*IND*URB*DEV*LIT (row 31).
    tt2 = qca.truth_table(lf, "SURV", incl_cut=0.8, exclude="DEV*~URB*~LIT + DEV*URB*LIT*IND*~STB")
    assert tt2.options["exclude"] == [17, 18, 19, 20, 31]
    with pytest.raises(qca.ExpressionError, match="'exclude'"):
        qca.truth_table(lf, "SURV", exclude="DEV*NOPE")
    # The excluded rows stay out of the parsimonious solution's remainders.
    sol = qca.minimize(qca.truth_table(lf, "SURV", incl_cut=0.8, exclude="~DEV*URB"), include="?")
    for model in sol.models:
        assert not set(model.simplifying_assumptions.index) & set(range(9, 17))


def test_explain_contradictions(lf: pd.DataFrame) -> None:
    # R: minimize(truthTable(LF, "SURV", incl.cut = c(0.8, 0.6)), explain = "1, C")
    # Rows 22 (1,0,1,0,1) and 32 (1,1,1,1,1) are 1, row 24 (1,0,1,1,1) is C. Worked by
    # hand: with 24 explained too, 22+24 give DEV*~URB*LIT*STB and 24+32 DEV*LIT*IND*STB;
    # both are essential, so the conservative solution is their sum.
    tt = qca.truth_table(lf, "SURV", incl_cut=(0.8, 0.6))
    assert tt.table.loc[24, "OUT"] == "C"
    plain = qca.minimize(tt)
    assert [str(m) for m in plain.models] == ["DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB"]
    explained = qca.minimize(tt, explain="1, C")
    assert [str(m) for m in explained.models] == ["DEV*~URB*LIT*STB + DEV*LIT*IND*STB"]
    assert qca.minimize(tt, explain=["1", "C"]).models[0].terms == explained.models[0].terms
    with pytest.raises(qca.InvalidParameterError, match="'explain' parameter of minimize"):
        qca.minimize(tt, explain="0")


def test_options_survive_a_rebuild(lc: pd.DataFrame, lf: pd.DataFrame) -> None:
    # TruthTable.rebuild passes the options back to truth_table (minimize and find_rows
    # rebuild tables): the test, the sort flags and the excluded rows must survive it.
    tt = qca.truth_table(lc, "SURV", incl_cut=0.8, inf_test="binom, 0.05")
    again = tt.rebuild(outcome="~SURV")
    assert "pval1" in again.table.columns and again.options["inf_test"] == ("binom", 0.05)
    tt2 = qca.truth_table(lf, "SURV", incl_cut=0.8, sort_by={"incl": False}, exclude="~DEV*URB")
    pd.testing.assert_frame_equal(tt2.rebuild().table, tt2.table)


def test_fit_inf_test_like_pof(lc: pd.DataFrame) -> None:
    # R: pof("DEV*STB + URB", "SURV", data = LC, relation = "sufficiency", inf.test = "binom")
    # (incl.cut = c(0.75, 0.5) by default). Worked by hand:
    # DEV*STB: 8 cases, all survive: pval1 = 0.75^8, pval0 = 0.5^8.
    # URB: 5 cases, inclS 0.8 -> 4 successes: pval1 = P(X >= 4 | 5, 0.75)
    #      = 5 * 0.75^4 * 0.25 + 0.75^5 = 0.6328125; pval0 = 6/32 = 0.1875.
    table = qca.fit("DEV*STB + URB", "SURV", lc, inf_test="binom")
    assert table.loc["DEV*STB", "pval1"] == pytest.approx(0.75**8)
    assert table.loc["DEV*STB", "pval0"] == pytest.approx(0.5**8)
    assert table.loc["URB", "pval1"] == pytest.approx(5 * 0.75**4 * 0.25 + 0.75**5)
    assert table.loc["URB", "pval0"] == pytest.approx(6 / 32)
    # Necessity: n = sum(SURV) = 8 cases for every row; DEV and STB hold all 8.
    nec = qca.fit(
        lc[["DEV", "STB"]], "SURV", lc, relation="necessity", inf_test="binom", incl_cut=0.9
    )
    assert nec["pval1"].tolist() == pytest.approx([0.9**8, 0.9**8])
    lf = qca.read_cases(DATA / "public_LF.csv")
    with pytest.raises(qca.InvalidParameterError, match="crisp"):
        qca.fit("DEV", "SURV", lf, inf_test="binom")
    with pytest.raises(qca.InvalidParameterError, match="'incl_cut' parameter of fit"):
        qca.fit("DEV", "SURV", lc, inf_test="binom", incl_cut=2)
