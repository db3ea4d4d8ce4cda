"""Cluster (panel) diagnostics against plain loops written from Garcia-Castro & Ariño (2016).

No published table of SetMethods' cluster() output could be brought in here, so the
numbers are checked against a hand-worked example and a slow computation: plain Python
loops over the observations, accumulating sum(min(x, y)), sum(x) and sum(y) per cluster
and per unit, and the distances sqrt(sum((v_j / sum v - 1/J)^2)).
"""

from __future__ import annotations

import math
import random

import matplotlib
import pandas as pd
import pytest

import qca

matplotlib.use("Agg")


def slow_fit(rows: list[tuple[float, float]]) -> tuple[float, float]:
    both = sum(min(x, y) for x, y in rows)
    sx = sum(x for x, _ in rows)
    sy = sum(y for _, y in rows)
    return (both / sx if sx else math.nan, both / sy if sy else math.nan)


def slow_distance(values: list[float]) -> float:
    values = [v for v in values if not math.isnan(v)]
    total = sum(values)
    return math.sqrt(sum((v / total - 1 / len(values)) ** 2 for v in values))


def random_panel(seed: int) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for u in range(rng.randint(3, 6)):
        for year in rng.sample([2001, 2002, 2003, 2004], rng.randint(2, 4)):
            rows.append(
                {
                    "case": f"u{u}-{year}",
                    "unit": f"u{u}",
                    "year": year,
                    "A": round(rng.random(), 2),
                    "B": round(rng.random(), 2),
                    "Y": round(rng.random(), 2),
                }
            )
    return pd.DataFrame(rows).set_index("case")


def test_hand_worked_example() -> None:
    # Unit a: X (.8, .9), Y (.9, 1): within inclS = 1.7/1.7 = 1.
    # Unit b: X (.7, .2), Y (.3, .1): within inclS = (.3 + .1)/.9 = .444.
    # Year 1: X (.8, .7), Y (.9, .3): between inclS = (.8 + .3)/1.5 = .733.
    # Year 2: X (.9, .2), Y (1, .1): between inclS = (.9 + .1)/1.1 = .909.
    # Pooled: (.8 + .9 + .3 + .1)/2.6 = .808; covS = 2.1/2.3 = .913.
    panel = pd.DataFrame(
        {
            "unit": ["a", "a", "b", "b"],
            "year": [1, 2, 1, 2],
            "X": [0.8, 0.9, 0.7, 0.2],
            "Y": [0.9, 1.0, 0.3, 0.1],
        }
    )
    result = qca.cluster(panel, "X", "Y", units="unit", clusters="year")
    assert result.summary.loc["X", "inclS"] == pytest.approx(2.1 / 2.6)
    assert result.summary.loc["X", "covS"] == pytest.approx(2.1 / 2.3)
    assert result.between["inclS"].tolist() == pytest.approx([1.1 / 1.5, 1.0 / 1.1])
    assert result.within["inclS"].tolist() == pytest.approx([1.0, 0.4 / 0.9])
    # dBP: shares .733/1.642 = .4465 and .5535, each .0535 from 1/2: sqrt(2) * .0535.
    b1, b2 = 1.1 / 1.5, 1.0 / 1.1
    expected = math.sqrt(2) * abs(b1 / (b1 + b2) - 0.5)
    assert result.summary.loc["X", "dBP"] == pytest.approx(expected)


@pytest.mark.parametrize("seed", range(10))
def test_matches_plain_loops(seed: int) -> None:
    panel = random_panel(seed)
    expr = "A*~B + B"
    result = qca.cluster(panel, expr, "Y", units="unit", clusters="year")
    assert result.terms == ["A*~B", "B", "solution"]
    rows = panel.to_dict(orient="index")
    for term in result.terms:

        def x_of(r: dict, term: str = term) -> float:
            a_not_b = min(r["A"], 1 - r["B"])
            return {"A*~B": a_not_b, "B": r["B"], "solution": max(a_not_b, r["B"])}[term]

        pooled = slow_fit([(x_of(r), r["Y"]) for r in rows.values()])
        assert result.summary.loc[term, "inclS"] == pytest.approx(pooled[0])
        assert result.summary.loc[term, "covS"] == pytest.approx(pooled[1])
        betweens = []
        for year in sorted({r["year"] for r in rows.values()}):
            fit = slow_fit([(x_of(r), r["Y"]) for r in rows.values() if r["year"] == year])
            betweens.append(fit[0])
            got = result.between.loc[(term, str(year))]
            assert got["inclS"] == pytest.approx(fit[0], nan_ok=True)
            assert got["covS"] == pytest.approx(fit[1], nan_ok=True)
        withins = []
        for unit in dict.fromkeys(r["unit"] for r in rows.values()):
            fit = slow_fit([(x_of(r), r["Y"]) for r in rows.values() if r["unit"] == unit])
            withins.append(fit[0])
            assert result.within.loc[(term, unit), "inclS"] == pytest.approx(fit[0], nan_ok=True)
        assert result.summary.loc[term, "dBP"] == pytest.approx(slow_distance(betweens))
        assert result.summary.loc[term, "dWP"] == pytest.approx(slow_distance(withins))


def test_necessity_swaps_consistency_and_coverage() -> None:
    panel = random_panel(3)
    suff = qca.cluster(panel, "A", "Y", units="unit", clusters="year")
    nec = qca.cluster(panel, "A", "Y", units="unit", clusters="year", relation="necessity")
    assert nec.summary.loc["A", "inclN"] == pytest.approx(suff.summary.loc["A", "covS"])
    assert nec.within["covN"].tolist() == pytest.approx(suff.within["inclS"].tolist())
    # The distances are taken on the necessity consistency (inclN = covS per unit).
    assert nec.summary.loc["A", "dWP"] == pytest.approx(slow_distance(suff.within["covS"].tolist()))


def test_a_model_and_the_panel_workbook() -> None:
    data = qca.read_workbook("cases/digital_government_panel.xlsx").calibrated()
    districts = data.index.str.split("-").str[0]
    tt = qca.truth_table(data, "OC", ["PM", "CA", "PF", "TI"], incl_cut=0.8)
    model = qca.minimize(tt).models[0]
    result = qca.cluster(data, model, "OC", units=districts, clusters="year")
    assert result.terms[: len(model.terms)] == list(model.terms)
    pooled = qca.fit(str(model), "OC", data)
    assert result.summary.iloc[-1]["inclS"] == pytest.approx(pooled.iloc[-1]["inclS"])
    # The designed story of PM*CA*PF: 2019 is the weak year, 辛区 the weak district.
    story = qca.cluster(data, "PM*CA*PF", "OC", units=districts, clusters="year")
    assert story.between.loc["PM*CA*PF", "inclS"].idxmin() == "2019"
    assert story.within.loc["PM*CA*PF", "inclS"].idxmin() == "辛区"
    assert story.summary.loc["PM*CA*PF", "inclS"] > 0.75
    ax = qca.cluster_plot(result)
    assert len(ax.get_xticklabels()) == 3 + 10
    assert ax.get_title().startswith(result.terms[-1])


def test_bad_inputs_are_clear_errors() -> None:
    panel = random_panel(1)
    with pytest.raises(qca.DataError, match=r"unit column 'case_id' has one observation per unit"):
        qca.cluster(panel.assign(case_id=panel.index), "A", "Y", units="case_id", clusters="year")
    with pytest.raises(qca.DataError, match=r"names column 'district'"):
        qca.cluster(panel, "A", "Y", units="district", clusters="year")
    doubled = pd.concat([panel.iloc[:1], panel]).set_axis(["dup", *panel.index])
    with pytest.raises(qca.DataError, match=r"Observations dup, u0-\d+ are the same unit 'u0'"):
        qca.cluster(doubled, "A", "Y", units="unit", clusters="year")
    with pytest.raises(qca.ExpressionError, match="ZZ"):
        qca.cluster(panel, "A*ZZ", "Y", units="unit", clusters="year")
    with pytest.raises(qca.InvalidParameterError, match="'units' parameter of cluster"):
        qca.cluster(panel, "A", "Y", units=["a", "b"], clusters="year")
    with pytest.raises(qca.InvalidParameterError, match="'term' parameter of cluster_plot"):
        qca.cluster_plot(qca.cluster(panel, "A", "Y", units="unit", clusters="year"), "B")


def test_panel_generator_is_deterministic_and_matches_the_files() -> None:
    import csv
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location(
        "make_dg", root / "scripts" / "make_digital_government.py"
    )
    assert spec is not None and spec.loader is not None
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    rows = make.build_panel()
    assert rows == make.build_panel()
    assert len(rows) == 30 and len({r["case"] for r in rows}) == 30
    path = root / "cases" / "data" / "digital_government_panel.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        on_disk = list(csv.DictReader(handle))
    assert [r["case"] for r in on_disk] == [r["case"] for r in rows]
    for written, drawn in zip(on_disk, rows, strict=True):
        assert {k: float(v) for k, v in written.items() if k != "case"} == {
            k: float(v) for k, v in drawn.items() if k != "case"
        }
    book = qca.read_workbook(root / "cases" / "digital_government_panel.xlsx")
    assert list(book.cases.index) == [r["case"] for r in rows]
    assert book.cases["oc_score"].tolist() == [r["oc_score"] for r in rows]


def test_missing_memberships_are_refused_by_every_issue15_method() -> None:
    data = pd.DataFrame(
        {
            "A": [0.2, float("nan"), 0.9, 0.7],
            "Y": [0.1, 0.5, 0.8, 0.6],
            "u": ["a", "a", "b", "b"],
            "t": [1, 2, 1, 2],
        },
        index=list("wxyz"),
    )
    calls = {
        "cluster": lambda: qca.cluster(data, "A", "Y", units="u", clusters="t"),
        "theory_evaluation": lambda: qca.theory_evaluation(data, "A", "A", "Y"),
        "case_selection": lambda: qca.case_selection(data, "A", "Y"),
        "robust_cases": lambda: qca.robust_cases(data, "A", ["A"], "Y"),
        "nca": lambda: qca.nca(data, "A", "Y"),
    }
    for name, call in calls.items():
        with pytest.raises(qca.DataError, match=r"'A' of " + name + r".*\bx\b"):
            call()
