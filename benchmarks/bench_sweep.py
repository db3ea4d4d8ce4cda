"""Benchmark: the sweep engine on its three backends, and its memory.

- a 2,000-run robustness grid on Lipset's raw data (R QCA's LR);
- the NCA permutation test with 10,000 permutations (``qca.nca``, blocks of 200 per task);
- 10,000 one-permutation tasks (the inclusion of X in a permuted outcome);
- 10,000 empty tasks: the engine's own cost per task on each backend;

each run serially, on 2 local processes and on a local Dask cluster of 2 worker
processes, in one benchmark group so that pytest-benchmark prints the ratios in one run;
and the peak memory of the main process (tracemalloc) while 1,000 and 10,000 tasks
stream through an output file.

Full run (by hand): ``pytest benchmarks/bench_sweep.py``. CI runs it as a smoke test
with ``--benchmark-disable``: a 20-run grid and 200 permutations or tasks (the memory test keeps
its sizes; it takes a few seconds).
"""

from __future__ import annotations

import sys
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qca

DATA = Path(__file__).parent / "data"
ANCHORS = {
    "DEV": ("DEV", "e=350, c=550, i=900"),
    "URB": ("URB", "e=25, c=50, i=65"),
    "LIT": ("LIT", "e=50, c=75, i=90"),
    "IND": ("IND", "e=20, c=30, i=40"),
    "STB": ("STB", "e=10, c=5.5, i=2"),
    "SURV": ("SURV", "e=-5, c=0, i=5"),
}
CONDITIONS = ["DEV", "URB", "LIT", "IND", "STB"]
BACKENDS = ["serial", "2 processes", "dask 2 workers"]


def empty(context, task, rng):
    """A task that does nothing: what is left is the engine's own cost per task."""
    return task


def permuted_inclusion(context, task, rng):
    """One permutation: inclusion of X in a random permutation of Y."""
    x, y = context
    return float(np.minimum(x, rng.permutation(y)).sum() / x.sum())


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")
    import cloudpickle

    # the workers cannot import this file: send permuted_inclusion by value
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(cluster, set_as_default=False)
    yield client
    client.close()
    cluster.close()


def _backend(name: str, request: pytest.FixtureRequest) -> dict:
    if name == "serial":
        return {"workers": 1}
    if name == "2 processes":
        return {"workers": 2}
    return {"scheduler": request.getfixturevalue("dask_client")}


def _grid(n_shifts: int, n_cuts: int) -> dict:
    # 6 sets x 3 anchors x n_shifts moves + n_cuts incl_cut values
    shifts = [s for s in np.linspace(-0.15, 0.15, n_shifts + 1) if abs(s) > 1e-12][:n_shifts]
    return {"shifts": shifts, "incl_cuts": list(np.linspace(0.7, 0.95, n_cuts))}


@pytest.mark.benchmark(group="robustness grid of 2,000 runs")
@pytest.mark.parametrize("backend", BACKENDS)
def test_robustness_grid(benchmark, backend, request):
    raw = pd.read_csv(DATA / "robustness_LR.csv", index_col=0, keep_default_na=False)
    # 18 * 110 + 20 = 2,000 runs; the smoke run (benchmarks disabled) does 18 + 2 = 20
    grid = _grid(1, 2) if benchmark.disabled else _grid(110, 20)
    options = _backend(backend, request)
    if "workers" in options:
        options = {"jobs": options["workers"]}

    def sweep():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", qca.QCAWarning)
            return qca.robustness(raw, "SURV", CONDITIONS, anchors=ANCHORS, incl_cut=0.8,
                                  include="?", **options, **grid)

    result = benchmark.pedantic(sweep, rounds=1 if benchmark.disabled else 3, iterations=1)
    assert len(result.runs) == (20 if benchmark.disabled else 2000)


def _permutation_context(n_cases: int = 60):
    rng = np.random.default_rng(20111)
    x = rng.random(n_cases)
    y = np.clip(x + rng.normal(0, 0.2, n_cases), 0, 1)
    return x, y


@pytest.mark.benchmark(group="NCA permutation test, 10,000 permutations")
@pytest.mark.parametrize("backend", BACKENDS)
def test_nca_permutation_test(benchmark, backend, request):
    data = qca.read_workbook(Path(__file__).parents[1] / "cases" / "digital_government.xlsx")
    data = data.calibrated()
    reps = 200 if benchmark.disabled else 10_000
    options = _backend(backend, request)

    def test(**options):
        return qca.nca(data, ["PF"], "OC", test_rep=reps, seed=1, **options).summary

    summary = benchmark.pedantic(
        lambda: test(**options), rounds=1 if benchmark.disabled else 3, iterations=1
    )
    pd.testing.assert_frame_equal(summary, test(workers=1))  # same p values everywhere


@pytest.mark.benchmark(group="10,000 one-permutation tasks (inclusion)")
@pytest.mark.parametrize("backend", BACKENDS)
def test_permutation_tasks(benchmark, backend, request):
    n = 200 if benchmark.disabled else 10_000
    context = _permutation_context()
    observed = float(np.minimum(*context).sum() / context[0].sum())

    def test(**options):
        above = 0
        for value in qca.run_sweep(permuted_inclusion, range(n), context=context, seed=7,
                                   **options):
            above += value >= observed
        return (above + 1) / (n + 1)

    options = _backend(backend, request)
    p_value = benchmark.pedantic(
        lambda: test(**options), rounds=1 if benchmark.disabled else 3, iterations=1
    )
    assert p_value == test(workers=1)  # the same permutations on every backend


@pytest.mark.benchmark(group="10,000 empty tasks (the engine's own cost)")
@pytest.mark.parametrize("backend", BACKENDS)
def test_empty_tasks(benchmark, backend, request):
    n = 200 if benchmark.disabled else 10_000
    options = _backend(backend, request)
    total = benchmark.pedantic(
        lambda: sum(qca.run_sweep(empty, range(n), seed=1, **options)),
        rounds=1 if benchmark.disabled else 3, iterations=1,
    )
    assert total == n * (n - 1) // 2


@pytest.mark.parametrize("n_tasks", [1_000, 10_000])
@pytest.mark.parametrize("backend", ["serial", "2 processes"])
def test_peak_memory(n_tasks, backend, tmp_path, request, benchmark):
    """Peak Python memory of the main process while the results stream to a file."""
    context = _permutation_context()
    options = _backend(backend, request)

    def run():
        tracemalloc.start()
        total = 0.0
        for value in qca.run_sweep(permuted_inclusion, range(n_tasks), context=context,
                                   seed=7, output=tmp_path / f"{n_tasks}.jsonl", **options):
            total += value
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        (tmp_path / f"{n_tasks}.jsonl").unlink()
        return peak

    peak = benchmark.pedantic(run, rounds=1, iterations=1)
    benchmark.extra_info["peak_bytes"] = peak
    print(f"\npeak memory, {n_tasks} tasks, {backend}: {peak / 1024:.0f} KiB")
    # flat: far below what holding every result (10,000 floats + records) would take
    assert peak < 2_000_000
