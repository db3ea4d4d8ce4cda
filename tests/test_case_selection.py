"""Case selection (Schneider & Rohlfing) against plain loops over the cases.

No published SetMethods output for data we can ship was available here, so every table
is re-derived below from the papers' definitions and scores, case by case, with its own
code (no helper of qca.case_selection is used), on random fuzzy data.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

import qca

TERMS = ["A*B", "~A*C"]
CONDITIONS = ["A", "B", "C"]


def random_data(seed: int, n: int = 16) -> pd.DataFrame:
    rng = random.Random(seed)
    grid = [0.05, 0.15, 0.3, 0.4, 0.45, 0.55, 0.6, 0.7, 0.85, 0.95]
    return pd.DataFrame(
        {k: [rng.choice(grid) for _ in range(n)] for k in [*CONDITIONS, "Y"]},
        index=[f"k{i:02d}" for i in range(n)],
    )


def plain(data: pd.DataFrame) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for case, r in data.iterrows():
        ab = min(r["A"], r["B"])
        nac = min(1 - r["A"], r["C"])
        out[case] = {
            "A*B": ab,
            "~A*C": nac,
            "solution": max(ab, nac),
            "Y": r["Y"],
            "w": min(max(r[c], 1 - r[c]) for c in CONDITIONS),
            "row": ",".join("1" if r[c] > 0.5 else "0" for c in CONDITIONS),
        }
    return out


@pytest.mark.parametrize("seed", range(8))
def test_case_types_and_scores_match_the_definitions(seed: int) -> None:
    data = random_data(seed)
    picks = qca.case_selection(data, "A*B + ~A*C", "Y", CONDITIONS)
    m = plain(data)
    for term in [*TERMS, "solution"]:
        expected = {
            c: 2 * (v["Y"] - v[term]) + (1 - v[term])
            for c, v in m.items()
            if v[term] > 0.5 and v["Y"] > 0.5 and v[term] <= v["Y"]
        }
        got = picks.typical.loc[term] if term in picks.typical.index.get_level_values(0) else None
        assert sorted(expected) == (sorted(got.index) if got is not None else [])
        if got is not None:
            for case, score in expected.items():
                assert got.loc[case, "score"] == pytest.approx(score)
                members = [t for t in TERMS if m[case][t] > 0.5]
                assert got.loc[case, "unique"] == (len(members) == 1)
            # unique cases first, then by score
            keys = [(not got.loc[c, "unique"], got.loc[c, "score"]) for c in got.index]
            assert keys == sorted(keys)
            assert got["most"].tolist() == [s == min(expected.values()) for s in got["score"]]
    for term in [*TERMS, "solution"]:
        expected = {
            c: (1 - (v[term] - v["Y"])) + (1 - v[term])
            for c, v in m.items()
            if v[term] > 0.5 and v["Y"] < 0.5
        }
        level = picks.deviant_consistency.index.get_level_values(0)
        got = picks.deviant_consistency.loc[term] if term in level else pd.DataFrame()
        assert sorted(expected) == sorted(got.index)
        for case, score in expected.items():
            assert got.loc[case, "score"] == pytest.approx(score)
        expected_iir = {c: v[term] + v["Y"] for c, v in m.items() if v[term] < 0.5 and v["Y"] < 0.5}
        got_iir = (
            picks.irrelevant.loc[term]
            if term in picks.irrelevant.index.get_level_values(0)
            else pd.DataFrame()
        )
        assert sorted(expected_iir) == sorted(got_iir.index)
        for case, score in expected_iir.items():
            assert got_iir.loc[case, "score"] == pytest.approx(score)
            assert got_iir.loc[case, "row"] == m[case]["row"]
    expected_dcv = {c: v for c, v in m.items() if v["solution"] < 0.5 and v["Y"] > 0.5}
    assert sorted(expected_dcv) == sorted(picks.deviant_coverage.index)
    for case, v in expected_dcv.items():
        row = picks.deviant_coverage.loc[case]
        assert row["w"] == pytest.approx(v["w"])
        assert row["score"] == pytest.approx(1 - v["w"])
        assert row["consistent_row"] == (v["w"] <= v["Y"])
        same_row = [u for u in expected_dcv.values() if u["row"] == v["row"]]
        assert row["most"] == (1 - v["w"] == pytest.approx(min(1 - u["w"] for u in same_row)))


@pytest.mark.parametrize("seed", range(6))
def test_matched_pairs_match_the_formulas(seed: int) -> None:
    data = random_data(100 + seed, n=20)
    picks = qca.case_selection(data, "A*B + ~A*C", "Y", CONDITIONS)
    m = plain(data)
    # typical - deviant consistency, per term
    pairs = picks.matched_pairs("typical-deviant consistency", max_pairs=None)
    for term in TERMS:
        expected = {}
        for t, vt in m.items():
            if not (vt[term] > 0.5 and vt["Y"] > 0.5 and vt[term] <= vt["Y"]):
                continue
            for d, vd in m.items():
                if vd[term] > 0.5 and vd["Y"] < 0.5:
                    expected[(t, d)] = (
                        abs(vt[term] - vd[term])
                        + (1 - (vt["Y"] - vd["Y"]))
                        + (1 - vt[term])
                        + (1 - vd[term])
                    )
        got = pairs[pairs["term"] == term] if len(pairs) else pairs
        assert len(got) == len(expected)
        for _, r in got.iterrows():
            assert r["score"] == pytest.approx(expected[(r["typical"], r["deviant_consistency"])])
        if len(got):
            assert got["score"].tolist() == sorted(got["score"].tolist())
    # deviant coverage - IIR, within a truth-table row
    pairs = picks.matched_pairs("deviant coverage-irrelevant", max_pairs=None)
    expected = {}
    for d, vd in m.items():
        if not (vd["solution"] < 0.5 and vd["Y"] > 0.5):
            continue
        for i, vi in m.items():
            if vi["solution"] < 0.5 and vi["Y"] < 0.5 and vi["row"] == vd["row"]:
                expected[(d, i)] = (
                    abs(vd["w"] - vi["w"])
                    + (1 - (vd["Y"] - vi["Y"]))
                    + (1 - vd["w"])
                    + (1 - vi["w"])
                )
    assert len(pairs) == len(expected)
    for _, r in pairs.iterrows():
        assert r["score"] == pytest.approx(expected[(r["deviant_coverage"], r["irrelevant"])])
    # typical - IIR per focal conjunct of A*B
    pairs = picks.matched_pairs("typical-irrelevant", max_pairs=None)
    for focal, other in (("A", "B"), ("B", "A")):
        got = pairs[(pairs["term"] == "A*B") & (pairs["focal"] == focal)]
        count = 0
        for t, vt in m.items():
            if not (vt["A*B"] > 0.5 and vt["Y"] > 0.5 and vt["A*B"] <= vt["Y"]):
                continue
            for i, vi in m.items():
                if not (vi["A*B"] < 0.5 and vi["Y"] < 0.5):
                    continue
                ft, fi = data.loc[t, focal], data.loc[i, focal]
                ct, ci = data.loc[t, other], data.loc[i, other]
                score = (
                    (1 - (ft - fi))
                    + (1 - (vt["Y"] - vi["Y"]))
                    + abs(ct - ci)
                    + 2 * abs(vt["Y"] - vt["A*B"])
                    + abs(vi["Y"] - vi["A*B"])
                )
                row = got[(got["typical"] == t) & (got["irrelevant"] == i)]
                assert row["score"].iloc[0] == pytest.approx(score)
                # Pair rank: the IIR case out of the focal conjunct, in the other: 1 or 2.
                if fi < 0.5 and ci >= 0.5:
                    assert row["rank"].iloc[0] == (1 if ft < ct else 2)
                if fi >= 0.5:
                    assert row["rank"].iloc[0] in (7, 8)
                count += 1
        assert len(got) == count
        keys = list(zip(got["rank"], got["score"], strict=True))
        assert keys == sorted(keys)


def test_max_pairs_keeps_the_best_of_each_group() -> None:
    data = random_data(7, n=24)
    picks = qca.case_selection(data, "A*B + ~A*C", "Y", CONDITIONS)
    every = picks.matched_pairs("typical-irrelevant", max_pairs=None)
    two = picks.matched_pairs("typical-irrelevant", max_pairs=2)
    for group, rows in every.groupby("group", sort=False):
        kept = two[two["group"] == group]
        assert (
            kept[["typical", "irrelevant"]].values.tolist()
            == rows.head(2)[["typical", "irrelevant"]].values.tolist()
        )


def test_bad_inputs() -> None:
    data = random_data(1)
    with pytest.raises(
        qca.InvalidParameterError, match="'conditions' parameter of case_selection names 'D'"
    ):
        qca.case_selection(data, "A*B", "Y", ["A", "D"])
    with pytest.raises(qca.ExpressionError, match="'Q'"):
        qca.case_selection(data, "A*Q", "Y")
    picks = qca.case_selection(data, "A*B", "Y")
    with pytest.raises(qca.InvalidParameterError, match="'kind'"):
        picks.matched_pairs("typical-typical")
    with pytest.raises(qca.InvalidParameterError, match="'max_pairs'"):
        picks.matched_pairs("typical-irrelevant", max_pairs=0)
