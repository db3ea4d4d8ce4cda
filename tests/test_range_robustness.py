"""Range robustness and robust-case parameters against direct re-computation.

Ranges are checked by re-running the analysis with the public API (calibrate,
truth_table, minimize) at every step inside the reported range (same solution) and one
step beyond it (a different solution). RCR_typ, RCR_dev and RCC_rank are checked against
plain loops over the cases and a hand-worked example (Oana & Schneider 2024's
definitions: robust = IS*TS_min, shaky = IS*~TS_min, possible = ~IS*TS_max).
"""

from __future__ import annotations

import math
import random

import matplotlib
import numpy as np
import pandas as pd
import pytest

import qca

matplotlib.use("Agg")

RAW = pd.DataFrame(
    {
        "X": [1, 3, 5, 7, 9, 8, 2, 6, 4, 7],
        "Z": [2, 8, 3, 9, 7, 1, 9, 3, 6, 6],
        "Y": [0.1, 0.2, 0.3, 0.9, 1.0, 0.8, 0.3, 0.7, 0.4, 0.6],
    },
    index=list("abcdefghij"),
)
ANCHORS = {"A": ("X", "e=2, c=5.5, i=8"), "B": ("Z", "e=2, c=5, i=8")}


def solve(a_thresholds: str, incl_cut: float, n_cut: int = 1) -> str:
    data = pd.DataFrame(
        {
            "A": qca.calibrate(RAW["X"], a_thresholds),
            "B": qca.calibrate(RAW["Z"], "e=2, c=5, i=8"),
            "Y": RAW["Y"],
        }
    )
    try:
        tt = qca.truth_table(data, "Y", ["A", "B"], incl_cut=incl_cut, n_cut=n_cut)
        return " | ".join(str(m) for m in qca.minimize(tt, include="?").models)
    except qca.QCAError:
        return "(no solution)"


@pytest.fixture(scope="module")
def ranges() -> qca.RobustnessRanges:
    return qca.robustness_ranges(
        RAW,
        "Y",
        ["A", "B"],
        anchors=ANCHORS,
        incl_cut=0.8,
        include="?",
        sets=["A"],
        max_runs=15,
        anchor_step=0.05,
    )


def test_inclusion_cut_range_matches_reruns(ranges: qca.RobustnessRanges) -> None:
    row = ranges.ranges.loc["incl_cut"]
    initial = solve("e=2, c=5.5, i=8", 0.8)
    assert ranges.solution == initial
    k_low = round((0.8 - row["lower"]) / 0.01)
    k_up = round((row["upper"] - 0.8) / 0.01)
    for k in range(-k_low, k_up + 1):
        assert solve("e=2, c=5.5, i=8", 0.8 + k * 0.01) == initial, k
    if row["upper_stop"] == "changed":
        beyond = solve("e=2, c=5.5, i=8", row["upper"] + 0.01)
        assert beyond != initial
        assert beyond == row["upper_solution"]
    if row["lower_stop"] == "changed":
        assert solve("e=2, c=5.5, i=8", row["lower"] - 0.01) == row["lower_solution"] != initial
    # In this example raising the cut changes the solution; lowering it does not (15 steps).
    assert (row["lower_stop"], row["upper_stop"]) == ("max_runs", "changed")
    assert {row["lower_stop"], row["upper_stop"]} <= {"changed", "bound", "max_runs"}


def test_case_cut_range_matches_reruns(ranges: qca.RobustnessRanges) -> None:
    row = ranges.ranges.loc["n_cut"]
    initial = solve("e=2, c=5.5, i=8", 0.8)
    assert row["lower"] == 1 and row["lower_stop"] == "bound"
    for n in range(1, int(row["upper"]) + 1):
        assert solve("e=2, c=5.5, i=8", 0.8, n) == initial
    if row["upper_stop"] == "changed":
        assert solve("e=2, c=5.5, i=8", 0.8, int(row["upper"]) + 1) != initial


@pytest.mark.parametrize("anchor", ["e", "c", "i"])
def test_anchor_ranges_match_recalibration(ranges: qca.RobustnessRanges, anchor: str) -> None:
    row = ranges.ranges.loc[f"A {anchor}"]
    step = 0.05 * (8 - 2)
    assert row["step"] == pytest.approx(step)
    values = {"e": 2.0, "c": 5.5, "i": 8.0}
    initial = solve("e=2, c=5.5, i=8", 0.8)

    def thresholds(v: float) -> str:
        moved = dict(values, **{anchor: v})
        return f"e={moved['e']}, c={moved['c']}, i={moved['i']}"

    k_low = round((values[anchor] - row["lower"]) / step)
    k_up = round((row["upper"] - values[anchor]) / step)
    for k in range(-k_low, k_up + 1):
        assert solve(thresholds(values[anchor] + k * step), 0.8) == initial, (anchor, k)
    for side, sign in (("lower", -1), ("upper", 1)):
        if row[f"{side}_stop"] == "changed":
            assert solve(thresholds(row[side] + sign * step), 0.8) != initial
        if row[f"{side}_stop"] == "invalid calibration":
            with pytest.raises(qca.CalibrationError):
                qca.calibrate(RAW["X"], thresholds(row[side] + sign * step))


def test_anchor_searches_stop_for_each_reason(ranges: qca.RobustnessRanges) -> None:
    stops = ranges.ranges.loc[["A e", "A c", "A i"], ["lower_stop", "upper_stop"]]
    assert set(stops.to_numpy().ravel()) >= {"changed", "invalid calibration", "max_runs"}


def test_ranges_bad_inputs() -> None:
    with pytest.raises(qca.InvalidParameterError, match="single inclusion cut"):
        qca.robustness_ranges(RAW, "Y", ["A", "B"], anchors=ANCHORS, incl_cut=(0.8, 0.6))
    with pytest.raises(
        qca.InvalidParameterError, match="'sets' parameter of robustness_ranges names 'Q'"
    ):
        qca.robustness_ranges(RAW, "Y", ["A", "B"], anchors=ANCHORS, sets=["Q"])
    with pytest.raises(qca.InvalidParameterError, match="'incl_step'"):
        qca.robustness_ranges(RAW, "Y", ["A", "B"], anchors=ANCHORS, incl_step=0)


# ---------------------------------------------------------------- robust cases
def test_robust_cases_hand_worked() -> None:
    # IS = A; TS = A*B, A + B. TS_min = A*B = (.8, .4, .3, .6, .1), TS_max = A + B =
    # (.9, .8, .9, .7, .2). IS*TS_min > .5: a (Y .9, typical), d (Y .3, deviant);
    # IS*~TS_min = min(A, 1 - A*B) > .5: b (.6, Y .7: shaky typical);
    # ~IS*TS_max = min(1 - A, A + B) > .5: c (.7, Y .8: possible typical).
    # RCR_typ = 1 / (1 + 1 + 1); RCR_dev = 1 / (1 + 0 + 0); both shaky and possible: rank 4.
    data = pd.DataFrame(
        {
            "A": [0.9, 0.8, 0.3, 0.7, 0.2],
            "B": [0.8, 0.4, 0.9, 0.6, 0.1],
            "Y": [0.9, 0.7, 0.8, 0.3, 0.2],
        },
        index=list("abcde"),
    )
    rc = qca.robust_cases(data, "A", ["A*B", "A + B"], "Y")
    assert rc.parameters["RCR_typ"] == pytest.approx(1 / 3)
    assert rc.parameters["RCR_dev"] == pytest.approx(1.0)
    assert rc.parameters["RCC_rank"] == 4
    assert rc.cases.loc[("IS*~TSmin", "Y"), "cases"] == ["b"]
    assert rc.cases.loc[("~IS*TSmax", "Y"), "cases"] == ["c"]
    assert rc.cases.loc[("IS*TSmin", "~Y"), "label"] == "robust deviant"


@pytest.mark.parametrize("seed", range(8))
def test_robust_cases_match_plain_loops(seed: int) -> None:
    rng = random.Random(seed)
    n = 14
    data = pd.DataFrame(
        {
            k: [rng.choice([0.1, 0.3, 0.45, 0.55, 0.7, 0.9]) for _ in range(n)]
            for k in ["A", "B", "C", "Y"]
        },
        index=[f"c{i}" for i in range(n)],
    )
    tests = ["A*B", "A*C + B", "A"][: 1 + seed % 3]
    rc = qca.robust_cases(data, "A*B + C", tests, "Y")
    count = {key: 0 for key in ["rt", "rd", "st", "sd", "pt", "pd"]}
    shaky = possible = 0
    for _, r in data.iterrows():
        is_ = max(min(r["A"], r["B"]), r["C"])
        ts = []
        for t in tests:
            ts.append(
                {
                    "A*B": min(r["A"], r["B"]),
                    "A*C + B": max(min(r["A"], r["C"]), r["B"]),
                    "A": r["A"],
                }[t]
            )
        lo, hi = min(ts), max(ts)
        y = r["Y"]
        if min(is_, lo) > 0.5:
            count["rt" if y > 0.5 else "rd"] += y != 0.5
        if min(is_, 1 - lo) > 0.5:
            shaky += 1
            count["st" if y > 0.5 else "sd"] += y != 0.5
        if min(1 - is_, hi) > 0.5:
            possible += 1
            count["pt" if y > 0.5 else "pd"] += y != 0.5
    typ = count["rt"] + count["st"] + count["pt"]
    dev = count["rd"] + count["sd"] + count["pd"]
    expected_typ = count["rt"] / typ if typ else math.nan
    expected_dev = count["rd"] / dev if dev else math.nan
    assert rc.parameters["RCR_typ"] == pytest.approx(expected_typ, nan_ok=True)
    assert rc.parameters["RCR_dev"] == pytest.approx(expected_dev, nan_ok=True)
    rank = 1 if not shaky and not possible else 2 if not shaky else 3 if not possible else 4
    assert rc.parameters["RCC_rank"] == rank
    assert np.all(rc.memberships["TS_min"] <= rc.memberships["TS_max"])


def test_robust_cases_bad_inputs_and_plot() -> None:
    data = qca.read_workbook("cases/digital_government.xlsx").calibrated()
    with pytest.raises(qca.InvalidParameterError, match="'tests' parameter of robust_cases"):
        qca.robust_cases(data, "PM", [], "OC")
    with pytest.raises(qca.ExpressionError, match="tests 'PM\\*XX' of robust_cases.*'XX'"):
        qca.robust_cases(data, "PM", ["PM*XX"], "OC")
    ax = qca.robust_xy_plot(qca.robust_cases(data, "PM*CA*PF", ["PM*PF", "CA*PF"], "OC"))
    assert ax.get_title().startswith("RCR_typ = ")
    with pytest.raises(qca.InvalidParameterError, match="'result' parameter of robust_xy_plot"):
        qca.robust_xy_plot("x")
