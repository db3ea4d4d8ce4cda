"""``minimize(..., method="ccubes")``: R QCA 3.25.1's CCubes search, R's list of models.

R's recorded answers: the synthetic suite (tests/data/core_synthetic/r_models.json, from
perf_r.json: ``minimize(truthTable(dat, outcome = "OUT", incl.cut = 1), include = "?")``
and ``minimize(tt)``), and every ``minimize`` case of the reference battery whose R call
used the default method (tests/data/min_reference.json). Property tests: the models of
``method="ccubes"`` are minimum covers, made of prime implicants, of the chart of the PIs
it keeps, and every one of them that is as short as the complete search's models is
among those (the complete search lists every minimal model).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qca
from qca.exceptions import InvalidParameterError, NoSolutionError
from qca.minimize._ccubes import ccubes_selection, visible_conditions
from qca.minimize._core import covers, prime_implicants, solve_chart
from qca.workbook import write_workbook
from tests.test_minimize import MINIMIZE_CASES, check_reference_case

DATA = Path(__file__).resolve().parent / "data" / "core_synthetic"
R = json.loads((DATA / "r_models.json").read_text())["results"]
SYNTHETIC = [(name, mode) for name, modes in sorted(R.items()) for mode in sorted(modes)]


def _table(name: str) -> qca.TruthTable:
    return qca.truth_table(pd.read_csv(DATA / f"{name}.csv"), "OUT", incl_cut=1)


def _key(terms) -> tuple[str, ...]:
    return tuple(sorted("*".join(sorted(t.split("*"))) for t in terms))


@pytest.mark.parametrize(("name", "mode"), SYNTHETIC)
def test_synthetic_models_are_r_models_in_r_order(name, mode):
    # R: minimize(truthTable(dat, outcome = "OUT", incl.cut = 1), include = "?") or minimize(tt)
    sol = qca.minimize(_table(name), include="?" if mode == "parsimonious" else "", method="ccubes")
    r = R[name][mode]
    assert [_key(m.terms) for m in sol.models] == [_key(m) for m in r["models"]]
    assert len(sol.models) == r["n_models"] == sol.model_count
    if mode == "parsimonious":
        assert len(sol.pi_chart) == r["n_pi"]  # R's nrow(sol$PIchart): every PI it kept


@pytest.mark.parametrize(
    ("name", "complete_models", "r_models", "r_pis", "all_pis"),
    [("random_25x10", 944, 69, 28, 646), ("random_25x20", 2, 1, 92, 6148),
     ("random_20x20", 1, 1, 87, 1366)],
)
def test_r_list_differs_from_the_complete_list(name, complete_models, r_models, r_pis, all_pis):
    tt = _table(name)
    full = qca.minimize(tt, include="?")
    ours = qca.minimize(tt, include="?", method="ccubes")
    assert (full.model_count, ours.model_count) == (complete_models, r_models)
    assert {_key(m.terms) for m in ours.models} <= {_key(m.terms) for m in full.models}
    assert f"it kept {r_pis} of the {all_pis} prime implicants" in ours.notes[-1]
    assert not any("method='ccubes'" in n for n in full.notes)


CCUBES_CASES = [c for c in MINIMIZE_CASES if "method =" not in c["call"]]


@pytest.mark.parametrize("case", CCUBES_CASES, ids=[c["id"] for c in CCUBES_CASES])
def test_reference_battery_with_ccubes(case):
    # R used its default method (CCubes) in each of these calls
    check_reference_case(case, method="ccubes")


def test_method_is_validated():
    tt = _table("random_10x10")
    with pytest.raises(InvalidParameterError, match="'complete'.*'ccubes'.*'qmc'.*'eqmc'.*'fast'"):
        qca.minimize(tt, include="?", method="fast")
    with pytest.raises(InvalidParameterError, match="None"):
        qca.minimize(tt, include="?", method=None)
    assert qca.minimize(tt, include="?", method=" CCubes ").options["method"] == "ccubes"
    assert qca.minimize(tt, include="?").options["method"] == "complete"


@pytest.mark.parametrize(("n", "max_value", "seen"), [(8, 1, 8), (16, 1, 16), (17, 1, 16), (25, 1, 16),
                                                      (32, 1, 16), (33, 1, 32), (40, 2, 32), (12, 3, 8),
                                                      (12, 0, 12), (40, 15, 8)])
def test_visible_conditions(n, max_value, seen):
    # R packs a condition into w bits (2 for crisp, 4 for values up to 6, 8 from 15 up) but
    # sizes the storage at one 32-bit word per 32 conditions
    assert visible_conditions(n, max_value) == seen


def test_stopping_rule_leaves_a_longer_prime_implicant():
    # one positive row 00000; negatives 11000, 10100, 10010, 10001: its PIs are ~C1 and
    # ~C2*~C3*~C4*~C5. ~C1 covers the row at level 1; levels 2 and 3 bring nothing: stop.
    on = np.zeros((1, 5), dtype=int)
    off = np.array([[1, 1, 0, 0, 0], [1, 0, 1, 0, 0], [1, 0, 0, 1, 0], [1, 0, 0, 0, 1]])
    pis = prime_implicants(on, off, (2,) * 5)
    assert pis.tolist() == [[0, -1, -1, -1, -1], [-1, 0, 0, 0, 0]]
    assert ccubes_selection(pis, on, (2,) * 5, visible=5).tolist() == [0]
    # a second positive row needing a level-4 term keeps the search going
    on2 = np.array([[0, 0, 0, 0, 0], [1, 0, 0, 0, 0]])
    pis2 = prime_implicants(on2, off, (2,) * 5)
    assert ccubes_selection(pis2, on2, (2,) * 5, visible=5).tolist() == list(range(len(pis2)))


def test_no_cover_among_kept_pis_is_an_error_naming_rows():
    # 17 crisp conditions, C17 beyond R's visible 16. Positive rows: C17 alone, C01*C17,
    # C01*C02; negative: none, C01 alone, C02 alone. Level 1 keeps C17 (2 rows), which shows
    # no visible literal, so it hides the only PI of the third row, C01*C02 (1 row).
    def row(ones, out):
        return [1 if j + 1 in ones else 0 for j in range(17)] + [out]

    data = pd.DataFrame(
        [row({17}, 1), row({1, 17}, 1), row({1, 2}, 1), row(set(), 0), row({1}, 0), row({2}, 0)],
        columns=[f"C{j + 1:02d}" for j in range(17)] + ["OUT"],
    )
    tt = qca.truth_table(data, "OUT")
    full = qca.minimize(tt, include="?")
    assert [str(m) for m in full.models] == ["C17 + C01*C02"]
    row_number = 1 + (1 << 16) + (1 << 15)  # C01 = C02 = 1
    with pytest.raises(NoSolutionError, match=rf"method='ccubes'.*kept 1 of the 2 .*rows \[{row_number}\]"):
        qca.minimize(tt, include="?", method="ccubes")


# ---------------------------------------------------------------------- properties
def _brute_primes(on: np.ndarray, off: np.ndarray, k: int) -> set[tuple[int, ...]]:
    def meets(term, rows):
        return bool(len(rows)) and bool(np.all((term < 0) | (rows == term), axis=1).any())

    implicants = [t for t in itertools.product((-1, 0, 1), repeat=k)
                  if meets(np.array(t), on) and not meets(np.array(t), off)]
    found = set(implicants)
    return {t for t in found
            if not any(t[:j] + (-1,) + t[j + 1:] in found for j in range(k) if t[j] >= 0)}


@st.composite
def _charts(draw):
    k = draw(st.integers(2, 6))
    n_rows = draw(st.integers(2, min(14, 2**k)))
    idx = draw(st.lists(st.integers(0, 2**k - 1), min_size=n_rows, max_size=n_rows, unique=True))
    out = draw(st.lists(st.booleans(), min_size=n_rows, max_size=n_rows))
    out[0], out[-1] = True, False  # a row to explain and a negative row
    configs = np.array([[(i >> (k - 1 - j)) & 1 for j in range(k)] for i in sorted(idx)])
    out_sorted = [o for _, o in sorted(zip(idx, out, strict=True))]
    on = configs[np.array(out_sorted)]
    off = configs[~np.array(out_sorted)]
    visible = draw(st.integers(0, k))
    return on, off, k, visible


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_charts())
def test_kept_pis_are_primes_and_models_minimal_covers(chart):
    on, off, k, visible = chart
    pis = prime_implicants(on, off, (2,) * k)
    assert {tuple(int(v) for v in t) for t in pis} == _brute_primes(on, off, k)
    keep = ccubes_selection(pis, on, (2,) * k, visible=visible)
    assert list(keep) == sorted(set(keep.tolist())) and set(keep.tolist()) <= set(range(len(pis)))
    kept = pis[keep]
    full = solve_chart(covers(pis, on))
    full_models = {frozenset(tuple(int(v) for v in pis[i]) for i in m) for m in full.models}
    if len(kept) == 0 or not covers(kept, on).any(axis=0).all():
        return
    sol = solve_chart(covers(kept, on))
    assert sol.complete
    size = len(sol.models[0])
    for model in sol.models:
        chart_rows = covers(kept[list(model)], on)
        assert chart_rows.any(axis=0).all()  # a cover
        for drop in range(len(model)):  # irredundant
            assert not np.delete(chart_rows, drop, axis=0).any(axis=0).all()
        assert len(model) == size
        terms = frozenset(tuple(int(v) for v in kept[i]) for i in model)
        if size == len(full.models[0]) and len(full.models) == full.n_models:
            assert terms in full_models  # as short as the minimum: one of the complete list
    assert size >= len(full.models[0])


@settings(max_examples=150, deadline=None)
@given(_charts())
def test_every_pi_kept_when_all_conditions_are_visible_and_levels_contiguous(chart):
    on, off, k, _ = chart
    pis = prime_implicants(on, off, (2,) * k)
    sizes = sorted({int(n) for n in (pis >= 0).sum(axis=1)})
    keep = ccubes_selection(pis, on, (2,) * k, visible=k)
    kept_sizes = (pis[keep] >= 0).sum(axis=1)
    # the exact sub-term test keeps every PI of every level the search reaches
    for n in sizes:
        if n <= kept_sizes.max(initial=0):
            assert (kept_sizes == n).sum() == ((pis >= 0).sum(axis=1) == n).sum()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_charts())
def test_minimize_ccubes_models_are_complete_models_or_longer(chart):
    on, off, k, _ = chart
    rows = [[*r, 1] for r in on.tolist()] + [[*r, 0] for r in off.tolist()]
    data = pd.DataFrame(rows, columns=[f"C{j + 1}" for j in range(k)] + ["Y"],
                        index=[f"c{i}" for i in range(len(rows))])
    tt = qca.truth_table(data, "Y")
    full = qca.minimize(tt, include="?")
    ours = qca.minimize(tt, include="?", method="ccubes")
    assert ours.options["method"] == "ccubes" and full.options["method"] == "complete"
    full_models = {frozenset(m.terms) for m in full.models}
    sizes = {len(m.terms) for m in ours.models}
    assert len(sizes) == 1 and min(sizes) >= len(full.models[0].terms)
    if sizes == {len(full.models[0].terms)} and len(full.models) == full.model_count:
        assert {frozenset(m.terms) for m in ours.models} <= full_models


# ---------------------------------------------------------------------- analysis and CLI
def _lipset_like() -> pd.DataFrame:
    return pd.read_csv(Path(__file__).resolve().parent / "data" / "min_LC.csv", index_col=0)


def test_analysis_passes_method_to_minimize():
    data = _lipset_like()
    analysis = qca.Analysis(data, "SURV", include="?", method=" CCubes")
    assert analysis.method == "ccubes"
    assert analysis.minimize_options()["method"] == "ccubes"
    assert analysis.options()["method"] == "ccubes"
    assert qca.Analysis(data, "SURV").method == "complete"
    with pytest.raises(InvalidParameterError, match="'method' parameter of Analysis.*'ccubes'.*'R'"):
        qca.Analysis(data, "SURV", method="R")


def test_workbook_method_row(tmp_path):
    cases = _lipset_like()
    path = write_workbook(tmp_path / "book.xlsx", cases, analysis={"outcome": "SURV", "method": "CCubes"})
    assert qca.read_workbook(path).analysis["method"] == "ccubes"
    assert qca.Analysis.from_workbook(path).method == "ccubes"
    assert qca.Analysis.from_workbook(path, method="complete").method == "complete"  # given > sheet
    bad = write_workbook(tmp_path / "bad.xlsx", cases, analysis={"outcome": "SURV", "method": "fast"})
    with pytest.raises(qca.QCAError, match=r"analysis.*row \d+.*method.*'complete'.*'ccubes'"):
        qca.read_workbook(bad)


def test_cli_method_option(tmp_path):
    from click.testing import CliRunner

    from qca.cli import cli

    book = Path(__file__).resolve().parent.parent / "cases" / "lipset.xlsx"
    runner = CliRunner()
    result = runner.invoke(cli, ["minimize", str(book), "--include", "?", "--method", "CCubes"])
    assert result.exit_code == 0, result.output
    assert "method = ccubes)" in result.output
    plain = runner.invoke(cli, ["minimize", str(book), "--include", "?"])
    assert "method" not in plain.output.splitlines()[0]
    bad = runner.invoke(cli, ["minimize", str(book), "--method", "fast"])
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    assert "--method must be one of 'complete'" in bad.output and "'fast'" in bad.output
