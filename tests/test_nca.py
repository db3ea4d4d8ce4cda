"""NCA (qca.nca) against plain, slow computations written from Dul's definitions.

No reference data of R's NCA package could be brought in here, so every number is
checked against (a) small examples worked by hand in the comments and (b) an
independent brute force: the ceiling zone of CE-FDH as the integral of the step
function max{y_i : x_i <= x}, peers as the cases no other case dominates, the CR-FDH
zone by a fine numerical integral of the clipped line, and bottlenecks from the cases.
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest

import qca
from qca.nca import TASK_SIZE, permutation_task, permutation_tasks
from qca.sweep import task_rng

DATA = Path(__file__).parent / "data"

matplotlib.use("Agg")


# ---------------------------------------------------------------- brute force
def slow_ce_zone(x: np.ndarray, y: np.ndarray) -> float:
    xs = sorted(set(x.tolist()))
    ymax = y.max()
    area = 0.0
    for left, right in zip(xs, xs[1:], strict=False):
        height = max(yi for xi, yi in zip(x, y, strict=False) if xi <= left)
        area += (right - left) * (ymax - height)
    return area


def slow_peers(x: np.ndarray, y: np.ndarray) -> list[int]:
    """Cases no other (different) case weakly dominates: x_j <= x_i and y_j >= y_i."""
    out = []
    for i in range(len(x)):
        dominated = any(
            x[j] <= x[i] and y[j] >= y[i] and (x[j], y[j]) != (x[i], y[i]) for j in range(len(x))
        )
        if not dominated:
            out.append(i)
    return out


def slow_cr(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """(zone, accuracy, intercept, slope) of the OLS line through the undominated cases."""
    p = slow_peers(x, y)
    slope, intercept = np.polyfit(x[p], y[p], 1)
    grid = np.linspace(x.min(), x.max(), 400001)
    line = np.clip(intercept + slope * grid, y.min(), y.max())
    zone = float(np.trapezoid(y.max() - line, grid))
    above = sum(1 for xi, yi in zip(x, y, strict=False) if yi - (intercept + slope * xi) > 1e-7)
    return zone, 100.0 * (len(x) - above) / len(x), float(intercept), float(slope)


def random_data(seed: int, n: int, discrete: bool = False) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    if discrete:
        x = rng.integers(0, 5, n).astype(float)
        y = np.minimum(rng.integers(0, 5, n), x + rng.integers(0, 2, n)).astype(float)
    else:
        x = rng.random(n)
        y = np.minimum(rng.random(n), x + 0.3 * rng.random(n))
    return pd.DataFrame({"X": x, "Y": y}, index=[f"c{i}" for i in range(n)])


# ---------------------------------------------------------------- hand-worked
def test_hand_worked_example() -> None:
    # Sorted by X: (.1,.1) (.3,.2) (.5,.4) (.7,.8) (.8,.3) (.9,.9); (.8,.3) lies under
    # the step. CE-FDH zone = .2*.1 + .4*.2 + .6*.4 + .8*.1 = .42 of the .8 x .8 scope.
    data = pd.DataFrame(
        {"X": [0.1, 0.3, 0.5, 0.7, 0.9, 0.8], "Y": [0.1, 0.2, 0.4, 0.8, 0.9, 0.3]},
        index=list("abcdef"),
    )
    result = qca.nca(data, "X", "Y")
    assert result.summary.loc[("X", "ce_fdh"), "ceiling_zone"] == pytest.approx(0.42)
    assert result.summary.loc[("X", "ce_fdh"), "d"] == pytest.approx(0.42 / 0.64)
    assert result.summary.loc[("X", "ce_fdh"), "accuracy"] == 100.0
    assert list(result.peers["X"].index) == ["a", "b", "c", "d", "e"]
    # CR-FDH: OLS through the 5 peers: x mean .5, y mean .48;
    # Sxy = .4*.38+.2*.28+0+.2*.32+.4*.42 = .44, Sxx = .4, slope 1.1, intercept -.07.
    intercept, slope = result.ceiling("X")
    assert slope == pytest.approx(1.1)
    assert intercept == pytest.approx(-0.07)
    # The line meets y = .1 at x = 17/110 and y = .9 at x = 97/110: zone = left strip
    # + triangle + right rectangle... = 0.8*0.8 - area under the clipped line.
    under = (17 / 110 - 0.1) * 0 + (97 / 110 - 17 / 110) * 0.8 / 2 + (0.9 - 97 / 110) * 0.8
    assert result.summary.loc[("X", "cr_fdh"), "ceiling_zone"] == pytest.approx(0.64 - under)
    # Above the line y = 1.1x - .07: a (.1 > .04) and d (.8 > .70); b (.2 < .26),
    # c (.4 < .48), e (.9 < .92), f (.3 < .81) are not: four of six on or below.
    assert result.summary.loc[("X", "cr_fdh"), "accuracy"] == pytest.approx(400 / 6)


def test_a_perfect_dichotomous_necessary_condition_has_d_one() -> None:
    # Crisp X necessary for Y: the step ceiling rises at X = 1, so the whole scope
    # (the cell X=0, Y=1 stretched over 0 <= X < 1) is empty: d = 1 (Dul 2016, the
    # dichotomous case: CE-FDH gives d = 1 when the upper-left cell is empty).
    data = pd.DataFrame({"X": [0, 0, 1, 1], "Y": [0, 0, 0, 1]}, index=list("abcd"))
    summary = qca.nca(data, "X", "Y").summary
    assert summary.loc[("X", "ce_fdh"), "d"] == pytest.approx(1.0)
    # One case in the upper-left cell: the ceiling is flat at Y = 1, d = 0.
    leak = pd.DataFrame({"X": [0, 0, 1, 1], "Y": [1, 0, 0, 1]}, index=list("abcd"))
    assert qca.nca(leak, "X", "Y").summary.loc[("X", "ce_fdh"), "d"] == 0.0


@pytest.mark.parametrize("seed", range(12))
def test_effect_sizes_match_brute_force(seed: int) -> None:
    data = random_data(seed, 8 + seed, discrete=seed % 2 == 0)
    x, y = data["X"].to_numpy(), data["Y"].to_numpy()
    result = qca.nca(data, "X", "Y")
    scope = (x.max() - x.min()) * (y.max() - y.min())
    ce = result.summary.loc[("X", "ce_fdh")]
    assert ce["ceiling_zone"] == pytest.approx(slow_ce_zone(x, y), abs=1e-12)
    assert ce["d"] == pytest.approx(slow_ce_zone(x, y) / scope, abs=1e-12)
    assert sorted(result.peers["X"].index) == sorted(data.index[slow_peers(x, y)])
    zone, accuracy, intercept, slope = slow_cr(x, y)
    cr = result.summary.loc[("X", "cr_fdh")]
    assert cr["slope"] == pytest.approx(slope, abs=1e-9)
    assert cr["intercept"] == pytest.approx(intercept, abs=1e-9)
    assert cr["ceiling_zone"] == pytest.approx(zone, abs=1e-6)
    assert cr["accuracy"] == pytest.approx(accuracy)


@pytest.mark.parametrize("seed", range(6))
def test_bottlenecks_match_the_cases(seed: int) -> None:
    data = random_data(100 + seed, 15, discrete=seed % 2 == 1)
    x, y = data["X"].to_numpy(), data["Y"].to_numpy()
    result = qca.nca(data, "X", "Y", steps=4)
    ce_actual = result.bottleneck("ce_fdh", unit="actual")
    ce_pct = result.bottleneck("ce_fdh")
    assert list(ce_pct.index) == [0.0, 25.0, 50.0, 75.0, 100.0]
    for k, level in enumerate(ce_actual.index):
        # The least X among the cases that reach this level of Y.
        needed = min(xi for xi, yi in zip(x, y, strict=False) if yi >= level - 1e-10)
        if needed <= x.min():  # R's NCA: not necessary when the lowest X will do
            assert ce_actual.iloc[k, 0] == ce_pct.iloc[k, 0] == "NN"
            continue
        assert ce_actual.iloc[k, 0] == pytest.approx(needed)
        assert ce_pct.iloc[k, 0] == pytest.approx(100 * (needed - x.min()) / (x.max() - x.min()))
    _zone, _acc, intercept, slope = slow_cr(x, y)
    cr = result.bottleneck("cr_fdh", unit="actual")
    for k, level in enumerate(cr.index):
        needed = (level - intercept) / slope
        value = cr.iloc[k, 0]
        if needed < x.min() + 1e-9:
            assert value == "NN"
        elif needed > x.max() + 1e-9:
            assert value == "NA"
        else:
            assert value == pytest.approx(needed, abs=1e-9)


# ---------------------------------------------------------------- permutation test
def exact_p(x: np.ndarray, y: np.ndarray, kind: str) -> float:
    observed = qca.nca(pd.DataFrame({"X": x, "Y": y}), "X", "Y").summary.loc[("X", kind), "d"]
    count = total = 0
    for order in itertools.permutations(range(len(y))):
        d = permutation_task.__globals__["effect_size"](x, y[list(order)], kind)
        count += d + 1e-12 >= observed
        total += 1
    return count / total


def test_permutation_p_value_estimates_the_exact_one() -> None:
    x = np.array([0.1, 0.2, 0.4, 0.5, 0.7, 0.9])
    y = np.array([0.1, 0.3, 0.2, 0.6, 0.5, 0.9])
    reps = 3000
    result = qca.nca(pd.DataFrame({"X": x, "Y": y}), "X", "Y", test_rep=reps, seed=7)
    for kind in ("ce_fdh", "cr_fdh"):
        exact = exact_p(x, y, kind)
        sd = math.sqrt(exact * (1 - exact) / reps)
        assert abs(result.summary.loc[("X", kind), "p_value"] - exact) <= 4 * sd + 1e-9


def test_permutation_test_is_reproducible_and_task_order_free() -> None:
    data = random_data(3, 20).assign(Z=random_data(5, 20)["X"].to_numpy())
    first = qca.nca(data, ["X", "Z"], "Y", test_rep=450, seed=11)
    again = qca.nca(data, ["X", "Z"], "Y", test_rep=450, seed=11)
    pd.testing.assert_frame_equal(first.summary, again.summary)
    assert first.seed == 11
    # Two worker processes give the very same p values.
    spread = qca.nca(data, ["X", "Z"], "Y", test_rep=450, seed=11, workers=2)
    pd.testing.assert_frame_equal(first.summary, spread.summary)
    # The tasks, run one by one in reverse order with their own generators, give the
    # same draws: task k of the sweep draws from SeedSequence(11).spawn(n)[k].
    tasks = permutation_tasks(2, 450)
    assert tasks == [(0, TASK_SIZE), (0, TASK_SIZE), (0, 450 - 2 * TASK_SIZE),
                     (1, TASK_SIZE), (1, TASK_SIZE), (1, 450 - 2 * TASK_SIZE)]
    y = data["Y"].to_numpy()
    draws = {}
    for k in reversed(range(len(tasks))):
        c, reps = tasks[k]
        x = data[["X", "Z"][c]].to_numpy()
        draws[k] = permutation_task(x, y, ["ce_fdh", "cr_fdh"], reps, task_rng(11, k))
    for c, name in enumerate(["X", "Z"]):
        pooled = np.vstack([draws[k] for k in range(len(tasks)) if tasks[k][0] == c])
        observed = first.summary.loc[name, "d"].to_numpy()
        p = (pooled + 1e-12 >= observed).mean(axis=0)
        assert p.tolist() == first.summary.loc[name, "p_value"].tolist()


def test_fresh_seed_is_recorded() -> None:
    data = random_data(4, 10)
    result = qca.nca(data, "X", "Y", test_rep=50)
    assert isinstance(result.seed, int)
    repeat = qca.nca(data, "X", "Y", test_rep=50, seed=result.seed)
    pd.testing.assert_frame_equal(result.summary, repeat.summary)


# ---------------------------------------------------------------- bad inputs, plot
def test_constant_condition_is_a_clear_error() -> None:
    data = pd.DataFrame({"X": [0.7] * 4, "Y": [0.1, 0.5, 0.7, 0.9]}, index=list("abcd"))
    with pytest.raises(
        qca.DataError, match=r"condition 'X' of nca is constant \(0.7 for all 4 cases\)"
    ):
        qca.nca(data, "X", "Y")


def test_unknown_and_text_columns_are_clear_errors() -> None:
    data = pd.DataFrame({"X": [0.1, "high", 0.7], "Y": [0.1, 0.5, 0.7]}, index=list("abc"))
    with pytest.raises(qca.DataError, match=r"'Z' of nca is not a column"):
        qca.nca(data, "Z", "Y")
    with pytest.raises(qca.DataError, match=r"cases b hold 'high'"):
        qca.nca(data, "X", "Y")
    with pytest.raises(qca.InvalidParameterError, match="'ceilings'"):
        qca.nca(data, "Y", "Y", ceilings=["ols"])


def test_plot_draws_both_ceilings() -> None:
    data = qca.read_workbook("cases/digital_government.xlsx").calibrated()
    result = qca.nca(data, ["PM", "TI"], "OC")
    ax = qca.nca_plot(result, "TI")
    assert [line.get_label().split(" ")[0] for line in ax.get_lines()] == ["CE-FDH", "CR-FDH"]
    with pytest.raises(qca.InvalidParameterError, match="'condition' parameter of nca_plot"):
        qca.nca_plot(result, "CA")


@pytest.mark.parametrize(
    ("slope", "intercept", "zone"),
    [(2 / 3, 4, 4 / 3), (0, 3, 15), (0, 5, 5), (4 / 3, 0, 8), (2 / 3, 0, 17), (0, 0, 20)],
)
def test_zone_above_a_line_matches_the_nca_package(slope: float, intercept: float, zone: float) -> None:
    # Reference values from the R package NCA's own tests (tests/testthat/test.p_ceiling.R,
    # "upper left corner"): scope x in [1, 6], y in [2, 6] (area 20). Lines that leave the
    # scope entirely or slope downward give NaN there; a CR-FDH line through the peers
    # never does, so those cases are not part of qca's contract.
    from qca.nca import _zone_above_line

    assert _zone_above_line(intercept, slope, (1.0, 6.0, 2.0, 6.0)) == pytest.approx(zone)


def test_nca_example_matches_the_nca_package() -> None:
    # R's NCA 5.0.1 on its own nca.example (Dul 2016): effect sizes, ceiling lines,
    # accuracy and the printed bottleneck tables (tests/data/nca_r.json says how recorded).
    data = pd.read_csv(DATA / "nca_example.csv", index_col=0)
    want = json.loads((DATA / "nca_r.json").read_text(encoding="utf-8"))
    result = qca.nca(data, ["Individualism", "Risk"], "Innovation")
    for ref in want["summary"]:
        got = result.summary.loc[(ref["condition"], ref["ceiling"])]
        for column in ("ceiling_zone", "d", "accuracy", "slope", "intercept"):
            if ref[column] is None:
                assert np.isnan(got[column])
            else:
                assert got[column] == pytest.approx(ref[column], rel=1e-9)
    for kind in ("ce_fdh", "cr_fdh"):
        table = result.bottleneck(kind)
        assert list(table.index) == [10.0 * k for k in range(11)]
        shown = [[v if isinstance(v, str) else f"{v:.1f}" for v in row] for row in table.to_numpy()]
        assert shown == want[f"bottleneck_{kind}"]
