"""Tests of qca.super_subset against R QCA 3.25.1 and a brute-force search through qca.fit."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from qca import fit, super_subset
from qca.exceptions import InvalidParameterError

DATA = Path(__file__).parent / "data" / "reference"
CASES = json.loads((DATA / "tt_fit_ss_cases.json").read_text(encoding="utf-8"))["cases"]
SS_CASES = [c for c in CASES if c["function"] == "superSubset"]


def dataset(name: str) -> pd.DataFrame:
    """A reference data set as R has it: case ids as the index."""
    path = DATA / f"{name}.csv"
    frame = pd.read_csv(path)
    if "case" not in frame.columns:
        frame.index = [str(i + 1) for i in range(len(frame))]
        return frame
    ids = pd.read_csv(path, usecols=["case"], dtype=str, keep_default_na=False)["case"]
    return frame.assign(case=ids.to_numpy()).set_index("case")


def key(expression: str) -> frozenset:
    """A disjunction as a set of literal sets, so "A + B*C" == "B*C + A"."""
    return frozenset(
        frozenset(t.strip() for t in term.split("*")) for term in expression.split("+")
    )


@pytest.mark.parametrize("case", SS_CASES, ids=[c["id"] for c in SS_CASES])
def test_reference_super_subset(case: dict) -> None:
    # Each case is the R call in case["call"], e.g.
    # superSubset(LF, outcome = "SURV", incl.cut = 0.9, cov.cut = 0.6)
    py = case["python"]
    table = super_subset(dataset(py["data"]), py["outcome"], py["conditions"], **py["options"])
    want = case["result"]["incl.cov"]
    # same expressions, printed as R prints them, in R's order
    assert list(table.index) == case["result"]["expressions"]
    for row, values in want.items():
        for col, value in values.items():
            assert table.loc[row, col] == pytest.approx(value, abs=1e-9), (row, col)
    assert list(table.columns) == list(next(iter(want.values())))


# ---------------------------------------------------------------------------- brute force
def all_literal_sets(names: list[str], depth: int):
    for k in range(1, depth + 1):
        for subset in itertools.combinations(names, k):
            for signs in itertools.product([0, 1], repeat=k):
                yield tuple(n if s else "~" + n for n, s in zip(subset, signs, strict=True))


@pytest.mark.filterwarnings("ignore::qca.QCAWarning")  # conjunctions nobody is in
@pytest.mark.parametrize(("name", "outcome"), [("LF", "SURV"), ("LC", "~SURV"), ("NF", "W")])
def test_necessity_matches_brute_force(name: str, outcome: str) -> None:
    data = dataset(name)
    names = [c for c in data.columns if c not in outcome]
    table = super_subset(data, outcome, incl_cut=0.85, cov_cut=0.5, depth=3)
    found = {key(e) for e in table.index}
    conjunctions, disjunctions = set(), []
    for literals in all_literal_sets(names, 3):
        conj = fit("*".join(literals), outcome, data, relation="necessity").iloc[0]
        if conj["inclN"] + 1e-8 >= 0.85 and conj["covN"] + 1e-8 >= 0.5:
            conjunctions.add(key("*".join(literals)))
        elif len(literals) > 1:
            union = fit(" + ".join(literals), outcome, data, relation="necessity")
            row = union.loc["expression"]
            if row["inclN"] + 1e-8 >= 0.85 and row["covN"] + 1e-8 >= 0.5:
                disjunctions.append(literals)
    # every passing conjunction is reported (no minimality filter)
    assert {k for k in found if len(k) == 1} == conjunctions
    # a disjunction is reported unless it contains something found with fewer literals
    kept: list[frozenset] = [next(iter(c)) for c in conjunctions]
    expected = set()
    for literals in sorted(disjunctions, key=len):
        lits = frozenset(literals)
        if not any(len(prev) < len(lits) and prev <= lits for prev in kept):
            expected.add(key(" + ".join(literals)))
            kept.append(lits)
    assert {k for k in found if len(k) > 1} == expected
    for label in table.index:
        want = fit(label, outcome, data, relation="necessity")
        row = want.loc["expression"] if "+" in label else want.iloc[0]
        assert table.loc[label, "inclN"] == pytest.approx(row["inclN"], abs=1e-12)
        assert table.loc[label, "RoN"] == pytest.approx(row["RoN"], abs=1e-12)


def test_sufficiency_keeps_minimal_conjunctions_only() -> None:
    data = dataset("LF")
    table = super_subset(data, "SURV", relation="sufficiency", incl_cut=0.75)
    sets = [frozenset(e.split("*")) for e in table.index]
    for i, a in enumerate(sets):
        assert not any(b < a for j, b in enumerate(sets) if j != i)
        row = fit(table.index[i], "SURV", data).iloc[0]
        assert row["inclS"] + 1e-8 >= 0.75
        assert table.iloc[i]["PRI"] == pytest.approx(row["PRI"])
    assert list(table.columns) == ["inclS", "PRI", "covS"]


# ---------------------------------------------------------------------------- options
def test_depth_limits_the_number_of_literals() -> None:
    # superSubset(LC, outcome = "SURV") finds DEV*LIT*STB at k = 3
    table = super_subset(dataset("LC"), "SURV", depth=2)
    assert "DEV*LIT*STB" not in table.index
    assert max(len(key(e)) * max(len(t) for t in key(e)) for e in table.index) <= 2
    assert "~URB + IND" in table.index


def test_cuts_filter_crisp() -> None:
    lc = dataset("LC")
    full = super_subset(lc, "SURV")
    covered = super_subset(lc, "SURV", cov_cut=0.8)
    assert list(covered.index) == list(full.index[full["covN"] + 1e-8 >= 0.8])
    relevant = super_subset(lc, "SURV", ron_cut=0.8)
    assert list(relevant.index) == list(full.index[full["RoN"] >= 0.8])


def test_pri_cut_filters_sufficiency_fuzzy() -> None:
    lf = dataset("LF")
    table = super_subset(lf, "SURV", relation="sufficiency", incl_cut=0.8, pri_cut=0.75)
    # superSubset(LF, outcome = "SURV", relation = "sufficiency", incl.cut = 0.8): PRI of
    # DEV*~IND is 0.7208 (dropped), DEV*URB 0.7762 (kept)
    assert "DEV*~IND" not in table.index and "DEV*URB" in table.index
    assert (table["PRI"] >= 0.75).all()


def test_multivalue_printing_and_conditions_subset() -> None:
    lm = dataset("LM")
    table = super_subset(lm, "SURV", ["DEV", "STB"], incl_cut=0.9)
    assert all("[" in e for e in table.index)
    assert "STB[1]" in table.index


def test_temporal_dash_has_no_membership() -> None:
    rs = dataset("RS")
    table = super_subset(rs, "REC", ["E", "EBA"], incl_cut=0.5)
    # REC holds for cases 1-6 and 13; EBA is 1 for 1, 2, 4, 5, 0 for 3 and 13, "-" for 6:
    # a "-" has membership 0 in EBA and in ~EBA
    assert table.loc["EBA", "inclN"] == pytest.approx(4 / 7)
    assert "~EBA" not in table.index  # 2 / 7
    assert table.loc["E", "inclN"] == pytest.approx(1.0)


def test_nothing_found_gives_an_empty_table() -> None:
    data = pd.DataFrame({"A": [1, 0, 1, 0], "B": [1, 1, 0, 0], "Y": [0, 1, 1, 0]})
    table = super_subset(data, "Y", relation="sufficiency", incl_cut=1.0)
    assert "A*~B" in table.index and "~A*B" in table.index
    empty = super_subset(data.assign(Y=[0.4, 0.6, 0.5, 0.5]), "Y", incl_cut=1.0, depth=1)
    assert empty.empty and list(empty.columns) == ["inclN", "RoN", "covN"]


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"incl_cut": 2}, "'incl_cut' parameter of super_subset"),
        ({"cov_cut": -1}, "'cov_cut'"),
        ({"ron_cut": "x"}, "'ron_cut'"),
        ({"pri_cut": 1.1}, "'pri_cut'"),
        ({"depth": 0}, "'depth' parameter of super_subset must be an integer >= 1"),
        ({"relation": "sufficient"}, "'relation'"),
    ],
)
def test_bad_parameters(options: dict, match: str) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        super_subset(dataset("LC"), "SURV", **options)


def test_bad_data() -> None:
    lc = dataset("LC")
    with pytest.raises(InvalidParameterError, match="not columns"):
        super_subset(lc, "SURV", ["DEV", "XX"])
    with pytest.raises(InvalidParameterError, match="cannot also be a condition"):
        super_subset(lc, "SURV", ["DEV", "SURV"])
    with pytest.raises(InvalidParameterError, match="DataFrame"):
        super_subset(np.zeros((2, 2)), "SURV")
