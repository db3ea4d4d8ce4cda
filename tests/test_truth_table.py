"""Tests of qca.truth_table against R QCA 3.25.1 and against first principles."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qca
from qca import QCAError, QCAWarning, truth_table
from qca.exceptions import DataError, InvalidParameterError
from qca.truth_table import MAX_COMPLETE_ROWS
from tests.conftest import read_reference_csv

DATA = Path(__file__).parent / "data" / "reference"
CASES = json.loads((DATA / "tt_fit_ss_cases.json").read_text(encoding="utf-8"))["cases"]
TT_CASES = [c for c in CASES if c["function"] == "truthTable"]


def dataset(name: str) -> pd.DataFrame:
    """A reference data set as R has it: case ids ("NA" is Namibia) as the index."""
    return read_reference_csv(DATA / f"{name}.csv")


def build(case: dict) -> qca.TruthTable:
    py = case["python"]
    return truth_table(dataset(py["data"]), py["outcome"], py["conditions"], **py["options"])


def r_print_order(rows: list[dict], sort_by: list[str]) -> list[int]:
    """R's printed order: stable decreasing sort by each key, then "?" rows last."""
    rows = sorted(rows, key=lambda r: r["row"])
    for key in reversed(sort_by):
        rows = sorted(rows, key=lambda r: r[key], reverse=True)
    return [r["row"] for r in rows if r["OUT"] != "?"] + [r["row"] for r in rows if r["OUT"] == "?"]


# ---------------------------------------------------------------------------- reference cases
@pytest.mark.parametrize("case", TT_CASES, ids=[c["id"] for c in TT_CASES])
def test_reference_truth_tables(case: dict) -> None:
    # Each case is the R call in case["call"], e.g.
    # truthTable(LF, outcome = "SURV", incl.cut = c(0.8, 0.7), show.cases = TRUE)
    result = case["result"]
    if "error" in result:
        with pytest.raises(QCAError, match="no configurations"):
            build(case)
        return
    tt = build(case)
    table = tt.table
    if case["python"]["options"].get("complete"):
        assert len(table) == result["n_rows_total"]
        remainders = table[table["n"] == 0]
        assert (remainders["OUT"] == "?").all() and remainders["incl"].isna().all()
        assert len(remainders) == result["remainder_rows_OUT"]["?"]
        table = table[table["n"] > 0]
    assert tt.conditions == result["conditions"]
    assert list(tt.levels) == result["noflevels"]
    assert sorted(int(r) for r in table.index) == sorted(r["row"] for r in result["rows"])
    for row in result["rows"]:
        got = table.loc[row["row"]]
        for cond, value in row["conditions"].items():
            assert str(got[cond]) == str(value), (row["row"], cond)
        assert got["OUT"] == row["OUT"], row["row"]
        assert got["n"] == row["n"]
        assert got["incl"] == pytest.approx(row["incl"], abs=1e-9)
        assert got["PRI"] == pytest.approx(row["PRI"], abs=1e-9)
        assert sorted(got["cases"]) == sorted(row["cases"])
    below = sorted(int(r) for r in table.index[table["OUT"] == "?"])
    assert below == (result["rows_below_ncut"] or [])
    sort_by = case["python"]["options"].get("sort_by")
    expected = (
        r_print_order(result["rows"], sort_by)
        if sort_by
        else sorted(r["row"] for r in result["rows"])
    )
    assert [int(r) for r in table.index] == expected


def test_cases_listed_in_data_order() -> None:
    # truthTable(LF, outcome = "SURV", incl.cut = 0.8): row 1 holds GR, PT, ES in data order
    tt = truth_table(dataset("LF"), "SURV", incl_cut=0.8)
    assert tt.table.loc[1, "cases"] == ["GR", "PT", "ES"]
    assert tt.table.loc[32, "cases"] == ["BE", "CZ", "NL", "UK"]


def test_temporal_row_numbers_use_the_dash_level() -> None:
    # truthTable(RS, outcome = "REC"): EBA has levels 0, 1 and "-" (48 rows in all)
    tt = truth_table(dataset("RS"), "REC")
    assert tt.temporal == (False, False, False, True, False)
    assert tt.levels == (2, 2, 2, 2, 2)
    assert tt.n_rows_total == 48
    assert tt.table.loc[5, "EBA"] == "-"
    configs = tt.configurations([5, 20])
    assert configs.tolist() == [[0, 0, 0, -1, 0], [0, 1, 1, 0, 1]]
    assert tt.row_numbers(configs).tolist() == [5, 20]
    # a case with "-" has membership 0 in EBA = 0 and EBA = 1 rows, 1 in its own
    rows = tt.membership_in_rows([5, 4])
    assert rows.loc["15", 5] == 1.0 and rows.loc["15", 4] == 0.0


def test_temporal_dc_code_is_a_dont_care_too() -> None:
    rs = dataset("RS")
    rs["EBA"] = rs["EBA"].replace("-", "dc")
    tt = truth_table(rs, "REC")
    assert tt.table.loc[5, "EBA"] == "-"
    assert tt.table.loc[5, "cases"] == ["15", "16", "17"]


def test_complete_lists_every_row_and_refuses_huge_spaces() -> None:
    lc = dataset("LC")
    tt = truth_table(lc, "SURV", complete=True)
    assert list(tt.table.index) == list(range(1, 33))
    assert tt.table.loc[3, "cases"] == [] and tt.table.loc[3, "n"] == 0
    big = pd.DataFrame(np.zeros((2, 22), dtype=int), columns=[f"C{i}" for i in range(22)])
    big["Y"] = [0, 1]
    assert 2**22 > MAX_COMPLETE_ROWS
    with pytest.raises(InvalidParameterError, match="complete=True would list 4194304"):
        truth_table(big, "Y", complete=True)
    # without complete, a large space is fine: only observed rows are built
    tt = truth_table(big, "Y")
    assert list(tt.table.index) == [1] and tt.table.loc[1, "n"] == 2


def test_many_conditions_beyond_int64_row_numbers() -> None:
    data = pd.DataFrame(np.eye(3, 70, dtype=int), columns=[f"C{i}" for i in range(70)])
    data["Y"] = [1, 0, 1]
    tt = truth_table(data, "Y")
    assert sorted(tt.table.index) == [2**67 + 1, 2**68 + 1, 2**69 + 1]


# ---------------------------------------------------------------------------- options
def small_crisp() -> pd.DataFrame:
    return pd.DataFrame(
        {"A": [1, 1, 1, 0, 0, 1], "B": [0, 0, 0, 1, 1, 1], "Y": [1, 1, 0, 0, 0, 1]},
        index=["p", "q", "r", "s", "t", "u"],
    )


def test_incl_cut_pair_gives_contradictions_crisp() -> None:
    # row A=1,B=0 has incl 2/3: below 0.9, at or above 0.6 -> "C"
    tt = truth_table(small_crisp(), "Y", incl_cut=(0.9, 0.6))
    assert tt.table["OUT"].to_dict() == {2: "0", 3: "C", 4: "1"}
    assert tt.table.loc[3, "incl"] == pytest.approx(2 / 3)
    assert tt.options["incl_cut"] == (0.9, 0.6)
    # a single cut never gives "C"
    single = truth_table(small_crisp(), "Y", incl_cut=0.6)
    assert single.table["OUT"].to_dict() == {2: "0", 3: "1", 4: "1"}
    assert single.options["incl_cut"] == (0.6, 0.6)


def test_incl_cut_uses_the_tolerance() -> None:
    # incl 2/3 reaches a cut of 0.6666666667 within sqrt(eps)
    tt = truth_table(small_crisp(), "Y", incl_cut=0.6666666667)
    assert tt.table.loc[3, "OUT"] == "1"


def test_pri_cut_fuzzy() -> None:
    # truthTable(LF, outcome = "SURV", incl.cut = 0.75, pri.cut = 0.7): row 24 (incl 0.709)
    # fails incl; with incl.cut 0.7 it reaches incl but has PRI 0.634 < 0.7 -> "0", never "C"
    lf = dataset("LF")
    tt = truth_table(lf, "SURV", incl_cut=(0.7, 0.6), pri_cut=0.7)
    assert tt.table.loc[24, "OUT"] == "0"
    assert tt.table.loc[22, "OUT"] == "1"  # PRI 0.719
    assert truth_table(lf, "SURV", incl_cut=(0.7, 0.6)).table.loc[24, "OUT"] == "1"


def test_n_cut_mv_rows_become_question_marks() -> None:
    lm = dataset("LM")
    tt = truth_table(lm, "SURV", n_cut=3)
    assert set(tt.table.loc[tt.table["n"] < 3, "OUT"]) == {"?"}
    assert set(tt.table.loc[tt.table["n"] >= 3, "OUT"]) <= {"0", "1"}
    assert tt.levels == (3, 2, 2, 2, 2)
    with pytest.raises(QCAError, match="no configurations"):
        truth_table(lm, "SURV", n_cut=4)


def test_negated_outcome_swaps_inclusion_crisp() -> None:
    tt = truth_table(small_crisp(), "~Y", incl_cut=0.3)
    assert tt.table.loc[3, "incl"] == pytest.approx(1 / 3)
    assert tt.table.loc[2, "incl"] == 1.0
    assert tt.outcome == "~Y"
    assert tt.outcome_membership.tolist() == [0, 0, 1, 1, 1, 0]


def test_exclude_codes_rows_zero_and_is_kept() -> None:
    # row 4 is observed and consistent: excluding it recodes it, with a warning (issue 13)
    with pytest.warns(QCAWarning, match=r"observed row 4 \(OUT '1'; cases u\)"):
        tt = truth_table(small_crisp(), "Y", incl_cut=0.6, exclude=[4, 1])
    assert tt.table.loc[4, "OUT"] == "0"
    assert 1 not in tt.table.index  # a remainder is listed only with complete=True
    assert tt.options["exclude"] == [1, 4]
    with pytest.warns(QCAWarning, match=r"observed row 4"):
        full = tt.rebuild(complete=True)
    assert full.table.loc[1, "OUT"] == "0" and full.table.loc[4, "OUT"] == "0"
    assert full.options["exclude"] == [1, 4]
    with pytest.raises(InvalidParameterError, match="exclude"):
        truth_table(small_crisp(), "Y", exclude=[5])


def test_sort_by_is_stable_decreasing_with_question_marks_last() -> None:
    data = small_crisp()
    tt = truth_table(data, "Y", incl_cut=0.6, sort_by=["incl", "n"])
    assert list(tt.table.index) == [4, 3, 2]
    tt = truth_table(data, "Y", incl_cut=0.6, n_cut=2, sort_by="n")
    assert list(tt.table.index) == [3, 2, 4]  # row 4 (n 1) is "?"
    tt = truth_table(data, "Y", incl_cut=(0.9, 0.6), sort_by="OUT")
    assert list(tt.table["OUT"]) == ["C", "1", "0"]


def test_subset_of_conditions_as_string() -> None:
    lc = dataset("LC")
    tt = truth_table(lc, "SURV", "DEV, STB")
    assert tt.conditions == ["DEV", "STB"]
    assert list(tt.data.columns) == ["DEV", "STB", "SURV"]
    assert tt.table["n"].sum() == len(lc)


def test_half_memberships_warn_and_fall_in_no_row() -> None:
    data = pd.DataFrame(
        {"A": [0.5, 0.8, 0.2], "B": [0.9, 0.5, 0.3], "Y": [0.6, 0.7, 0.1]},
        index=["x", "y", "z"],
    )
    with pytest.warns(QCAWarning, match=r"x \(A\); y \(B\)"):
        tt = truth_table(data, "Y", incl_cut=0.5)
    assert tt.table["n"].sum() == 1 and list(tt.table.index) == [1]
    assert tt.case_rows.to_dict() == {"x": 0, "y": 0, "z": 1}
    # incl still counts every case's membership in the configuration ~A*~B
    x = np.minimum(1 - data["A"], 1 - data["B"])
    incl = np.minimum(x, data["Y"]).sum() / x.sum()
    assert tt.table.loc[1, "incl"] == pytest.approx(incl)


def test_rebuild_changes_options_only() -> None:
    lf = dataset("LF")
    tt = truth_table(lf, "SURV", incl_cut=0.8)
    other = tt.rebuild(outcome="~SURV")
    direct = truth_table(lf, "~SURV", incl_cut=0.8)
    pd.testing.assert_frame_equal(other.table, direct.table)
    assert tt.rebuild(incl_cut=(0.8, 0.7)).table.loc[24, "OUT"] == "C"
    with pytest.raises(InvalidParameterError, match="unknown"):
        tt.rebuild(incl=0.5)


def test_repr_looks_like_r_with_case_names() -> None:
    text = repr(truth_table(dataset("LF"), "SURV", incl_cut=0.8))
    assert "OUT: output value" in text and "incl" in text
    assert "BE,CZ,NL,UK" in text
    line = next(ln for ln in text.splitlines() if ln.lstrip().startswith("32 "))
    assert line.split()[:9] == ["32", "1", "1", "1", "1", "1", "1", "4", "0.904"]
    hidden = repr(truth_table(dataset("LF"), "SURV", incl_cut=0.8, show_cases=False))
    assert "BE,CZ" not in hidden


# ---------------------------------------------------------------------------- fast path vs slow
def slow_row_fit(data: pd.DataFrame, conditions: list[str], outcome: str, config) -> tuple:
    """incl and PRI of one configuration through qca.membership (an independent path)."""
    term = "*".join(c if v == 1 else "~" + c for c, v in zip(conditions, config, strict=True))
    x = qca.membership(data, term).to_numpy()
    y = qca.membership(data, outcome).to_numpy()
    xy = np.minimum(x, y)
    xyn = np.minimum(xy, 1 - y)
    return xy.sum() / x.sum(), (xy.sum() - xyn.sum()) / (x.sum() - xyn.sum())


@pytest.mark.parametrize("decimals", [2, 3, None])
def test_vectorised_inclusion_matches_a_per_row_loop(decimals: int | None) -> None:
    rng = np.random.default_rng(11)
    values = rng.uniform(size=(60, 6))
    if decimals is not None:
        values = values.round(decimals)
    values[values == 0.5] = 0.51
    names = [f"C{j}" for j in range(5)]
    data = pd.DataFrame(values, columns=[*names, "Y"])
    tt = truth_table(data, "~Y", incl_cut=0.7)
    for row in tt.table.index:
        config = tt.configurations([row])[0]
        incl, pri = slow_row_fit(data, names, "~Y", config)
        assert tt.table.loc[row, "incl"] == pytest.approx(incl, abs=1e-12)
        assert tt.table.loc[row, "PRI"] == pytest.approx(pri, abs=1e-12)
    assert tt.table["n"].sum() == len(data)


def test_membership_in_rows_matches_membership() -> None:
    lf = dataset("LF")
    tt = truth_table(lf, "SURV", incl_cut=0.8)
    got = tt.membership_in_rows([22])[22]
    want = qca.membership(lf, "DEV*~URB*LIT*~IND*STB")
    np.testing.assert_allclose(got.to_numpy(), want.to_numpy())


def test_mv_configurations_round_trip() -> None:
    tt = truth_table(dataset("HarKem"), "PB", ["C", "F", "T", "R", "V"])
    assert tt.levels == (3, 3, 3, 3, 2)  # mv levels are read from the data: max + 1
    assert tt.multivalue
    configs = tt.configurations()
    assert tt.row_numbers(configs).tolist() == list(tt.table.index)
    # "NA" (Namibia) is a case id, not a missing value
    assert any("NA" in cases for cases in tt.table["cases"])


# ---------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"incl_cut": 1.5}, "'incl_cut' parameter of truth_table must be a float in"),
        ({"incl_cut": (0.7, 0.8)}, "incl0 <= incl1"),
        ({"incl_cut": (0.9, 0.8, 0.7)}, "pair"),
        ({"n_cut": 0}, "'n_cut' parameter of truth_table must be an integer >= 1"),
        ({"pri_cut": -0.1}, "'pri_cut'"),
        ({"sort_by": ["cases"]}, "'sort_by'"),
        ({"complete": "yes"}, "'complete'"),
    ],
)
def test_bad_parameters(options: dict, match: str) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        truth_table(small_crisp(), "Y", **options)


def test_bad_data() -> None:
    data = small_crisp()
    with pytest.raises(InvalidParameterError, match="not columns"):
        truth_table(data, "Y", ["A", "Z"])
    with pytest.raises(InvalidParameterError, match="cannot also be a condition"):
        truth_table(data, "Y", ["A", "Y"])
    with pytest.raises(qca.ExpressionError, match="Unknown set name"):
        truth_table(data, "Z")
    bad = data.assign(A=["1", "x", "0", "1", "0", "1"])
    with pytest.raises(DataError, match="Cases 1"):
        truth_table(bad.set_axis(list("012345")), "Y")
    with pytest.raises(DataError, match="outside"):
        truth_table(data.assign(A=[0.2, 1.5, 0, 1, 0, 1]), "Y")
    with pytest.raises(InvalidParameterError, match="DataFrame"):
        truth_table(data.to_numpy(), "Y")


def test_no_warning_on_clean_data() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        truth_table(dataset("LF"), "SURV", incl_cut=0.8)


def test_boolean_columns_are_crisp_sets() -> None:
    data = small_crisp()
    as_bool = data.assign(A=data["A"].astype(bool), B=data["B"].astype(bool))
    pd.testing.assert_frame_equal(
        truth_table(as_bool, "Y", incl_cut=0.6).table, truth_table(data, "Y", incl_cut=0.6).table
    )


def test_missing_values_are_an_error_naming_the_cases() -> None:
    data = small_crisp().astype(float)
    data.loc["q", "B"] = np.nan
    with pytest.raises(DataError, match="'B' has missing values for cases q"):
        truth_table(data, "Y")
    data = small_crisp().astype(float)
    data.loc["r", "Y"] = np.nan
    with pytest.raises(DataError, match="outcome column 'Y' must hold numbers; cases r"):
        truth_table(data, "Y")
