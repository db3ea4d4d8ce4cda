"""``exclude`` is for remainders: naming an observed row coded "1" warns (R is silent)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import qca
from tests.conftest import read_reference_csv

DATA = Path(__file__).resolve().parent / "data"


def test_exclude_naming_an_observed_row_warns_in_truth_table_and_minimize():
    data = read_reference_csv(DATA / "reference" / "LF.csv")
    tt = qca.truth_table(data, "SURV", incl_cut=0.8)
    with pytest.warns(qca.QCAWarning, match=r"minimize names observed row 22 \(OUT '1'; cases FI, IE\): exclude recodes it"):
        solution = qca.minimize(tt, include="?", exclude=[22, 10])
    assert all("~IND" not in str(m) for m in solution.models)  # FI, IE no longer explained
    with pytest.warns(qca.QCAWarning, match=r"truth_table names observed row 22 \(OUT '1'"):
        recoded = qca.truth_table(data, "SURV", incl_cut=0.8, exclude=[22])
    assert recoded.table.at[22, "OUT"] == "0"
    with warnings.catch_warnings():
        warnings.simplefilter("error", qca.QCAWarning)
        qca.minimize(tt, include="?", exclude=[10, 12])  # remainders: no warning
        qca.minimize(recoded, include="?")  # already recoded: said once, in truth_table
        qca.truth_table(data, "SURV", incl_cut=0.8, exclude=[1])  # observed, coded 0 anyway
