"""Simulation study (Marx & Dusa 2011): shares, intervals and backends."""

from __future__ import annotations

import itertools
import math
import statistics
import warnings

import pandas as pd
import pytest

import qca
from qca.simulate import wilson_interval
from qca.sweep import task_rng


def test_wilson_interval_ends_are_where_the_score_test_is_at_its_critical_value():
    # Wilson's interval is {p0 : |x/n - p0| <= z sqrt(p0 (1 - p0) / n)}: both ends solve
    # the equality, found here by bisection instead of the closed form.
    z = statistics.NormalDist().inv_cdf(0.975)
    for x, n in [(38, 40), (3, 17), (50, 100), (1, 1000)]:
        def score(p0, x=x, n=n):
            return abs(x / n - p0) - z * math.sqrt(p0 * (1 - p0) / n)

        def root(lo, hi):
            for _ in range(100):
                mid = (lo + hi) / 2
                if (score(lo) > 0) == (score(mid) > 0):
                    lo = mid
                else:
                    hi = mid
            return (lo + hi) / 2

        low, high = wilson_interval(x, n, 0.95)
        assert low == pytest.approx(root(1e-12, x / n), abs=1e-9)
        assert high == pytest.approx(root(x / n, 1 - 1e-12), abs=1e-9)
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == 1.0


def _exact_contradiction_probability(n: int, k: int) -> float:
    """Every crisp data set of n cases and k conditions (plus outcome) is equally likely."""
    hits = total = 0
    for cells in itertools.product((0, 1), repeat=n * (k + 1)):
        rows = [tuple(cells[i * (k + 1) : (i + 1) * (k + 1)]) for i in range(n)]
        seen: dict[tuple[int, ...], set[int]] = {}
        for row in rows:
            seen.setdefault(row[:-1], set()).add(row[-1])
        hits += any(len(v) == 2 for v in seen.values())
        total += 1
    return hits / total


def test_share_of_contradictory_data_sets_matches_its_exact_probability():
    sim = qca.simulate(4, [1, 2], replications=250, seed=11, workers=1)
    for k in (1, 2):
        exact = _exact_contradiction_probability(4, k)
        share = sim.table.loc[(4, k), "contradictions"]
        low, high = wilson_interval(round(share * 250), 250, 0.999)
        assert low <= exact <= high, (k, exact, share)


def test_counts_are_the_public_pipeline_run_on_each_task_seed():
    sim = qca.simulate([6, 9], [2, 3], replications=5, incl_cut=0.75, sol_cons=0.9,
                       sol_cov=0.3, include="?", seed=5, workers=1)
    task = 0
    for n in (6, 9):
        for k in (2, 3):
            passed = 0
            for _ in range(5):
                values = task_rng(5, task).integers(0, 2, size=(n, k + 1)).astype(float)
                task += 1
                names = [f"C{j + 1}" for j in range(k)]
                data = pd.DataFrame(values, columns=[*names, "Y"])
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", qca.QCAWarning)
                    try:
                        sol = qca.minimize(qca.truth_table(data, "Y", names, incl_cut=0.75),
                                           include="?")
                    except qca.NoSolutionError:
                        continue
                passed += any(m.inclS >= 0.9 - 1e-9 and m.covS >= 0.3 - 1e-9 for m in sol.models)
            assert sim.table.loc[(n, k), "solutions"] == passed, (n, k)
    row = sim.table.loc[(9, 3)]
    assert (row["ci_low"], row["ci_high"]) == wilson_interval(int(row["solutions"]), 5)


def test_fuzzy_data_have_no_contradiction_share_and_a_pivot_table():
    sim = qca.simulate([10, 20], [2, 3], kind="fuzzy", replications=8, seed=2, workers=1)
    assert sim.table["contradictions"].isna().all()
    grid = sim.pivot("solutions")
    assert grid.index.tolist() == [10, 20] and grid.columns.tolist() == [2, 3]
    assert grid.loc[20, 3] == sim.table.loc[(20, 3), "solutions"]
    with pytest.raises(qca.InvalidParameterError, match="'column' parameter of Simulation.pivot"):
        sim.pivot("nope")


def test_a_study_is_identical_for_any_backend_and_repeatable_from_its_seed(tmp_path):
    options = {"cases": [8, 12], "conditions": [2, 3], "replications": 12}
    serial = qca.simulate(**options, seed=21, workers=1)
    two = qca.simulate(**options, seed=21, workers=2)
    pd.testing.assert_frame_equal(serial.table, two.table)
    fresh = qca.simulate(**options, workers=1)
    again = qca.simulate(**options, seed=fresh.seed, workers=1)
    pd.testing.assert_frame_equal(fresh.table, again.table)
    out = tmp_path / "sim.jsonl"
    recorded = qca.simulate(**options, seed=21, workers=1, output=out)
    pd.testing.assert_frame_equal(recorded.table, serial.table)
    assert len(out.read_text().splitlines()) == 1 + 4 * 12
    with pytest.raises(qca.QCAError, match="sol_cons: 0.8 in the file, 0.9 now"):
        qca.simulate(**options, seed=21, sol_cons=0.9, output=out)


def test_a_study_on_a_dask_cluster_is_identical_to_serial():
    distributed = pytest.importorskip("distributed")
    options = {"cases": [8, 12], "conditions": 2, "replications": 10, "seed": 4}
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster, set_as_default=False) as client:
            on_dask = qca.simulate(**options, scheduler=client)
    pd.testing.assert_frame_equal(on_dask.table, qca.simulate(**options, workers=1).table)


def test_to_dict_is_json_ready():
    import json

    sim = qca.simulate(6, 2, replications=4, seed=1, workers=1, kind="fuzzy")
    text = json.dumps(sim.to_dict())
    assert '"contradictions": null' in text and '"seed": 1' in text
    assert "Simulation(fuzzy data, 1 designs x 4 replications" in repr(sim)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"cases": 1}, "'cases' parameter of simulate must be an integer >= 2"),
        ({"cases": [10, "x"]}, "'cases' parameter .* Got \\[10, 'x'\\] instead"),
        ({"cases": []}, "'cases' parameter of simulate must name at least one size"),
        ({"conditions": 0}, "'conditions' parameter of simulate must be an integer >= 1"),
        ({"kind": "mv"}, "'kind' parameter of simulate must be one of 'crisp', 'fuzzy'"),
        ({"replications": 0}, "'replications' parameter of simulate must be an integer >= 1"),
        ({"incl_cut": 1.5}, "'incl_cut' parameter of simulate must be a float in \\[0, 1\\]"),
        ({"include": "?,C"}, "'include' parameter of simulate must be one of '', '\\?'"),
        ({"sol_cov": -0.1}, "'sol_cov' parameter of simulate"),
        ({"level": 1.0}, "'level' parameter of simulate must be a fraction strictly between"),
        ({"workers": 0}, "'workers' parameter of simulate"),
        ({"seed": "a"}, "'seed' parameter of simulate"),
    ],
)
def test_bad_parameters_are_named(options, message):
    args = {"cases": 10, "conditions": 2, "replications": 2, **options}
    with pytest.raises(qca.InvalidParameterError, match=message):
        qca.simulate(**args)
