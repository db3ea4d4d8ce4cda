"""Benchmarks of the exact minimization core on the synthetic truth tables.

Each input (benchmarks/data/, copied from the shared synthetic suite; its README says how
they were generated) is minimized in both modes, parsimonious (``include="?"``: every
remainder is a don't-care) and conservative (no remainders): prime implicants, PI chart,
every minimal model. R QCA 3.25.1's recorded times are in benchmarks/data/perf_r.json.

Smoke run (light inputs only)::

    pytest benchmarks/bench_minimize.py --benchmark-disable

Every input (minutes)::

    QCA_BENCH_FULL=1 pytest benchmarks/bench_minimize.py

Table for benchmarks/README.md (median of ``--repeat`` runs, peak memory by tracemalloc;
``--api`` adds the median of the public ``qca.minimize`` on the input's truth table)::

    python benchmarks/bench_minimize.py [--repeat 3] [--api] [NAME ...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from qca.minimize._core import ChartSolution, covers, prime_implicants, solve_chart

__all__ = ["INPUTS", "load", "run"]

DATA = Path(__file__).parent / "data"
INPUTS = [
    "random_10x10",
    "random_16x10",
    "random_20x20",
    "random_25x10",
    "random_25x20",
    "random_25x50",
    "random_20x100",
    "random_20x200",
    "random_30x50",
    "random_30x200",
    "random_40x100",
    "planted_k8",
    "planted_k10",
    "planted_k12",
    "planted_k14",
    "planted_k16",
    "sparse_k12_n200",
    "sparse_k16_n200",
    "sparse_k20_n200",
    "sparse_k24_n200",
]
MODES = ["parsimonious", "conservative"]
# fast enough (well under a second or two) for the smoke run
LIGHT = {
    ("random_10x10", "parsimonious"),
    ("random_10x10", "conservative"),
    ("random_16x10", "parsimonious"),
    ("random_16x10", "conservative"),
    ("random_20x20", "parsimonious"),
    ("random_20x20", "conservative"),
    ("random_25x10", "parsimonious"),
    ("random_25x10", "conservative"),
    ("random_25x20", "parsimonious"),
    ("random_25x20", "conservative"),
    ("planted_k8", "parsimonious"),
    ("planted_k8", "conservative"),
    ("planted_k10", "parsimonious"),
    ("planted_k10", "conservative"),
    ("planted_k12", "parsimonious"),
    ("sparse_k12_n200", "conservative"),
    ("random_20x100", "conservative"),
    ("random_25x50", "conservative"),
}
FULL = os.environ.get("QCA_BENCH_FULL") == "1"


def load(name: str) -> tuple[np.ndarray, np.ndarray, tuple[int, ...]]:
    """Positive rows, negative rows and levels of a synthetic input (crisp, one case a row)."""
    path = DATA / f"{name}.csv"
    opener = open
    if not path.exists():
        path = DATA / f"{name}.csv.gz"
        opener = gzip.open  # type: ignore[assignment]
    with opener(path, "rt") as handle:
        data = np.loadtxt(handle, delimiter=",", skiprows=1, dtype=np.int8, ndmin=2)
    conf, out = data[:, :-1], data[:, -1]
    return conf[out == 1], conf[out == 0], (2,) * conf.shape[1]


def run(
    on: np.ndarray, off: np.ndarray, levels: tuple[int, ...], mode: str
) -> tuple[np.ndarray, ChartSolution]:
    """Prime implicants and every minimal model, as qca.minimize computes them."""
    pis = prime_implicants(on, off, levels, remainders=(mode == "parsimonious"))
    return pis, solve_chart(covers(pis, on))


def run_api(name: str, mode: str):
    """The public path, end to end: ``qca.truth_table`` (incl_cut 1, as R ran it),
    ``qca.minimize`` and ``str()`` of the solution."""
    import warnings

    import pandas as pd

    import qca

    path = DATA / f"{name}.csv"
    data = pd.read_csv(path if path.exists() else DATA / f"{name}.csv.gz")
    conditions = [c for c in data.columns if c != "OUT"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()  # end to end: truth table, minimize, the printed result
        table = qca.truth_table(data, outcome="OUT", conditions=conditions, incl_cut=1)
        sol = qca.minimize(table, include="?" if mode == "parsimonious" else "")
        str(sol)
        return time.perf_counter() - start, sol


def _cases():
    for name in INPUTS:
        for mode in MODES:
            marks = [] if (name, mode) in LIGHT or FULL else [pytest.mark.skip("QCA_BENCH_FULL")]
            yield pytest.param(name, mode, id=f"{name}-{mode}", marks=marks)


@pytest.mark.parametrize(("name", "mode"), list(_cases()))
def test_minimize(benchmark, name, mode):
    on, off, levels = load(name)
    pis, sol = benchmark.pedantic(run, args=(on, off, levels, mode), rounds=1, iterations=1)
    assert sol.models  # every input has a cover
    chart = covers(pis, on)
    for model in sol.models[:50]:
        assert chart[list(model)].any(axis=0).all()


def _measure(name: str, mode: str, repeat: int, api: bool = False) -> dict:
    on, off, levels = load(name)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        pis, sol = run(on, off, levels, mode)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    run(on, off, levels, mode)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    api_times = [run_api(name, mode)[0] for _ in range(repeat)] if api else []
    return {
        "api_s": statistics.median(api_times) if api_times else None,
        "median_s": statistics.median(times),
        "peak_mb": peak / 2**20,
        "n_pi": len(pis),
        "n_models": len(sol.models),
        "n_models_total": sol.n_models,
        "n_models_lower": sol.n_models_lower,
        "size": len(sol.models[0]),
        "lower_bound": sol.lower_bound,
        "complete": sol.complete,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=INPUTS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--modes", default="parsimonious,conservative")
    parser.add_argument("--api", action="store_true", help="also time qca.minimize")
    args = parser.parse_args()
    r_results = json.loads((DATA / "perf_r.json").read_text())["results"]
    api_head, api_rule = (" qca.minimize (s) |", "---|") if args.api else ("", "")
    print(
        f"| input | mode | ours (s) | peak MB |{api_head} R (s) | R/ours | PIs | models | size "
        "| complete |"
    )
    print(f"|---|---|---|---|{api_rule}---|---|---|---|---|---|")
    for name in args.names:
        for mode in args.modes.split(","):
            got = _measure(name, mode, args.repeat, args.api)
            r = r_results[name][mode]
            if r["status"] == "ok":
                r_text = f"{r['minimize_s']:.3g}"
                ours = got["api_s"] if got["api_s"] is not None else got["median_s"]
                ratio = f"{r['minimize_s'] / ours:.0f}x"  # against qca.minimize when timed
            else:
                r_text = r["status"] + (
                    f" ({r['minimize_s']:.0f} s)" if r.get("minimize_s") else ""
                )
                ratio = "-"
            models = str(got["n_models"])
            if got["n_models_total"] is None:
                models += f" of >= {got['n_models_lower']}"
            elif got["n_models_total"] != got["n_models"]:
                models += f" of {got['n_models_total']}"
            size = str(got["size"])
            if got["lower_bound"] != got["size"]:
                size += f" (lb {got['lower_bound']})"
            api = f" {got['api_s']:.3g} |" if args.api else ""
            print(
                f"| {name} | {mode} | {got['median_s']:.3g} | {got['peak_mb']:.0f} |{api} {r_text} "
                f"| {ratio} | {got['n_pi']} | {models} | {size} | {got['complete']} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
