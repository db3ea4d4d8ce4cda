"""The numbers docs/tutorial.md quotes in sections 11-13 (panel, NCA, theory, cases),
recomputed from the bundled workbooks, so the prose cannot drift from the library."""

from __future__ import annotations

from pathlib import Path

import pytest

import qca

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data():
    return qca.read_workbook(ROOT / "cases" / "digital_government.xlsx").calibrated()


def test_panel_numbers() -> None:
    panel = qca.read_workbook(ROOT / "cases" / "digital_government_panel.xlsx").calibrated()
    districts = panel.index.str.split("-").str[0]
    result = qca.cluster(panel, "PM*CA*PF", "OC", units=districts, clusters="year")
    assert "inclS about\n0.79" in TEXT or "inclS about 0.79" in TEXT
    assert round(result.summary.loc["PM*CA*PF", "inclS"], 2) == 0.79
    between = result.between.loc["PM*CA*PF", "inclS"]
    assert "only about 0.38, against about 0.85 in\n  2021 and 0.95 in 2023" in TEXT
    assert [round(v, 2) for v in between] == [0.38, 0.85, 0.95]
    within = result.within.loc["PM*CA*PF", "inclS"]
    assert "辛区 (about 0.43)" in TEXT and round(within["辛区"], 2) == 0.43
    assert within.idxmin() == "辛区"
    with pytest.raises(qca.DataError, match="one observation per unit"):
        qca.cluster(panel, "PM*CA*PF", "OC", units=list(panel.index), clusters="year")


def test_nca_numbers(data) -> None:
    result = qca.nca(data, ["PM", "CA", "PF", "TI"], "OC", test_rep=1000, seed=2024)
    d = result.summary["d"]
    p = result.summary["p_value"]
    assert "(CE-FDH d about 0.61 and 0.43)" in TEXT
    assert round(d[("PM", "ce_fdh")], 2) == 0.61 and round(d[("PF", "ce_fdh")], 2) == 0.43
    assert p[("PM", "ce_fdh")] < 0.01 and p[("PF", "ce_fdh")] < 0.01
    assert "(about 0.56)" in TEXT and round(d[("CA", "ce_fdh")], 2) == 0.56
    assert "(about 0.05, p about 0.4)" in TEXT
    assert round(d[("TI", "ce_fdh")], 2) == 0.05 and round(p[("TI", "ce_fdh")], 1) == 0.4
    necessity = qca.fit(data[["CA"]], "OC", data, relation="necessity")
    assert "inclN (about 0.79)" in TEXT and round(necessity.loc["CA", "inclN"], 2) == 0.79
    table = result.bottleneck("ce_fdh")
    row = table.loc[80.0]
    assert "about 96% and 95% of theirs, active cadres at about 65%; technology at 4%" in TEXT
    assert round(row["PM"]) == 96 and round(row["PF"]) == 95
    assert round(row["CA"]) == 65 and round(row["TI"]) == 4


def test_theory_numbers(data) -> None:
    ev = qca.theory_evaluation(data, "PM*CA*PF", "PM*CA*PF + PM*CA*TI", "OC")
    assert ev.intersections["~T*S"] == "PM*CA*~PF*TI"
    assert ev.cases.loc[("~T*S", "Y"), "cases"] == ["B区-2019"]
    assert ev.cases.loc[("~T*S", "~Y"), "n"] == 2
