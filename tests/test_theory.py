"""Theory evaluation against plain computations.

The Boolean intersections are checked by truth tables: on every crisp configuration of
the sets involved, the printed intersection must be true exactly where T and S (or their
negations) are. Memberships, fit and the eight cells of cases are checked with plain
loops over the cases (min/max of the memberships, counts of cases above/below 0.5).
"""

from __future__ import annotations

import itertools
import random

import numpy as np
import pandas as pd
import pytest

import qca
from qca.theory import CELL_LABELS, INTERSECTIONS


def crisp_truth(expr: str, row: dict[str, int]) -> bool:
    if expr == "(empty)":
        return False
    frame = pd.DataFrame([row], dtype=float)
    return bool(qca.membership(frame, expr).iloc[0] == 1.0)


THEORIES = [
    ("A*B", "A*B + ~A*C"),
    ("A + B*~C", "A*~C + B*C"),
    ("~A*~B", "A + B"),
    ("A*B*C", "A*B*C"),
    ("A*~B + C*D", "~A*D + B*C"),
]


@pytest.mark.parametrize(("theory", "solution"), THEORIES)
def test_intersections_hold_exactly_where_they_should(theory: str, solution: str) -> None:
    names = ["A", "B", "C", "D"]
    rng = random.Random(len(theory))
    data = pd.DataFrame(
        {n: [round(rng.random(), 2) for _ in range(6)] for n in [*names, "Y"]},
        index=[f"c{i}" for i in range(6)],
    )
    ev = qca.theory_evaluation(data, theory, solution, "Y")
    for values in itertools.product((0, 1), repeat=len(names)):
        row = dict(zip(names, values, strict=True))
        t, s = crisp_truth(theory, row), crisp_truth(solution, row)
        expected = {
            "T*S": t and s,
            "~T*S": (not t) and s,
            "T*~S": t and not s,
            "~T*~S": (not t) and not s,
        }
        for name in INTERSECTIONS:
            assert crisp_truth(ev.intersections[name], row) == expected[name], (name, row)


@pytest.mark.parametrize("seed", range(5))
def test_memberships_fit_and_cases_match_plain_loops(seed: int) -> None:
    rng = random.Random(seed)
    n = 12
    data = pd.DataFrame(
        {
            k: [rng.choice([0.05, 0.2, 0.4, 0.6, 0.8, 0.95]) for _ in range(n)]
            for k in ["A", "B", "C", "Y"]
        },
        index=[f"k{i}" for i in range(n)],
    )
    ev = qca.theory_evaluation(data, "A*B", "B*~C + A*C", "Y")
    for case, r in data.iterrows():
        t = min(r["A"], r["B"])
        s = max(min(r["B"], 1 - r["C"]), min(r["A"], r["C"]))
        m = ev.memberships.loc[case]
        assert m["T"] == pytest.approx(t)
        assert m["S"] == pytest.approx(s)
        assert m["T*S"] == pytest.approx(min(t, s))
        assert m["~T*S"] == pytest.approx(min(1 - t, s))
        assert m["T*~S"] == pytest.approx(min(t, 1 - s))
        assert m["~T*~S"] == pytest.approx(min(1 - t, 1 - s))
    y = data["Y"]
    for name in ["T", "S", *INTERSECTIONS]:
        x = ev.memberships[name]
        assert ev.fit.loc[name, "inclS"] == pytest.approx(np.minimum(x, y).sum() / x.sum())
        assert ev.fit.loc[name, "covS"] == pytest.approx(np.minimum(x, y).sum() / y.sum())
        pri = (np.minimum(x, y).sum() - np.minimum(np.minimum(x, y), 1 - y).sum()) / (
            x.sum() - np.minimum(np.minimum(x, y), 1 - y).sum()
        )
        assert ev.fit.loc[name, "PRI"] == pytest.approx(pri)
        # The same numbers as qca.fit gives for that membership column.
        assert ev.fit.loc[name, "inclS"] == pytest.approx(qca.fit(x.to_frame(), y).iloc[0]["inclS"])
    for name in INTERSECTIONS:
        for side in ("Y", "~Y"):
            expected = [
                str(c)
                for c in data.index
                if ev.memberships.loc[c, name] > 0.5 and (y[c] > 0.5 if side == "Y" else y[c] < 0.5)
            ]
            cell = ev.cases.loc[(name, side)]
            assert cell["cases"] == expected
            assert cell["n"] == len(expected)
            assert cell["label"] == CELL_LABELS[(name, side)]
            assert cell["share"] == pytest.approx(len(expected) / n)


def test_a_model_is_accepted_and_a_whole_solution_refused() -> None:
    data = qca.read_workbook("cases/digital_government.xlsx").calibrated()
    tt = qca.truth_table(data, "OC", ["PM", "CA", "PF", "TI"], incl_cut=0.8)
    solution = qca.minimize(tt, include="?")
    model = solution.models[0]
    ev = qca.theory_evaluation(data, "PM*CA*PF", model, "OC")
    assert ev.solution == str(model)
    with pytest.raises(qca.InvalidParameterError, match="one model"):
        qca.theory_evaluation(data, "PM*CA*PF", solution, "OC")


def test_unknown_set_in_the_theory_is_a_clear_error() -> None:
    data = qca.read_workbook("cases/digital_government.xlsx").calibrated()
    with pytest.raises(qca.ExpressionError, match=r"theory .PM\*LEADER. of theory_evaluation.*.LEADER."):
        qca.theory_evaluation(data, "PM*LEADER", "PM*CA*PF", "OC")
    with pytest.raises(qca.ExpressionError, match="'XX'"):
        qca.theory_evaluation(data, "PM", "XX", "OC")
    with pytest.raises(qca.ExpressionError):
        qca.theory_evaluation(data, "PM*", "PM", "OC")
