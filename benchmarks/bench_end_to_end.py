"""End to end, as a user runs it: ``qca.truth_table`` + ``qca.minimize`` + ``str(solution)``.

On the synthetic inputs of ``bench_minimize.py`` (incl_cut 1, as R ran them), so that the
ratio to R's recorded time compares whole calls. Small inputs are dominated by fixed
costs (pandas, validation, setting up the chart), which this benchmark is meant to show.

pytest-benchmark (light inputs, many rounds)::

    pytest benchmarks/bench_end_to_end.py

Table rows (median wall and CPU time of ``--repeat`` runs in this process, then the peak
resident memory of one run in a fresh process, as ``/usr/bin/time`` reports it)::

    python benchmarks/bench_end_to_end.py [--repeat 15] [--memory] [NAME[:MODE] ...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest

import qca

DATA = Path(__file__).parent / "data"
LIGHT = [
    ("random_10x10", "parsimonious"),
    ("random_10x10", "conservative"),
    ("random_16x10", "conservative"),
    ("random_20x20", "conservative"),
    ("planted_k8", "parsimonious"),
    ("planted_k8", "conservative"),
    ("planted_k10", "parsimonious"),
]


def read(name: str) -> pd.DataFrame:
    path = DATA / f"{name}.csv"
    return pd.read_csv(path if path.exists() else DATA / f"{name}.csv.gz")


def end_to_end(data: pd.DataFrame, mode: str) -> str:
    """The truth table, the solution and its printed form."""
    conditions = [c for c in data.columns if c != "OUT"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = qca.truth_table(data, outcome="OUT", conditions=conditions, incl_cut=1)
        sol = qca.minimize(table, include="?" if mode == "parsimonious" else "")
        return str(sol)


@pytest.mark.parametrize(("name", "mode"), LIGHT, ids=[f"{n}-{m}" for n, m in LIGHT])
def test_end_to_end(benchmark, name, mode):
    data = read(name)
    text = benchmark(end_to_end, data, mode)
    assert text.startswith(f"Solution({mode} solution of OUT")


def _times(name: str, mode: str, repeat: int) -> tuple[float, float]:
    data = read(name)
    end_to_end(data, mode)  # imports and first-call caches out of the timing
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        end_to_end(data, mode)
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu)


def _peak_mb(name: str, mode: str) -> float:
    """Peak resident memory (MB) of one end-to-end run in a fresh process."""
    code = (
        "import sys, resource; sys.path.insert(0, sys.argv[1]); import bench_end_to_end as b; "
        "b.end_to_end(b.read(sys.argv[2]), sys.argv[3]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent), name, mode],
        capture_output=True, text=True, check=True,
    )
    return int(out.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", help="NAME or NAME:MODE (default: the light ones)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--memory", action="store_true", help="also the peak RSS of one run")
    args = parser.parse_args()
    wanted = []
    for item in args.inputs:
        name, _, mode = item.partition(":")
        wanted += [(name, m) for m in ([mode] if mode else ["parsimonious", "conservative"])]
    r_times = json.loads((DATA / "perf_r.json").read_text())
    print("| input | mode | e2e wall (s) | e2e CPU (s) | peak MB | R minimize (s) | R/ours (wall) |")
    print("|---|---|---|---|---|---|---|")
    for name, mode in wanted or LIGHT:
        wall, cpu = _times(name, mode, args.repeat)
        peak = f"{_peak_mb(name, mode):.0f}" if args.memory else "-"
        r = _r_seconds(r_times, name, mode)
        ratio = f"{r / wall:.0f}x" if r else "-"
        print(f"| {name} | {mode} | {wall:.4f} | {cpu:.4f} | {peak} | {r or '-'} | {ratio} |",
              flush=True)


def _r_seconds(r_times: dict, name: str, mode: str) -> float | None:
    """R's recorded ``minimize()`` time (its truthTable not included), when R solved it."""
    entry = r_times["results"].get(name, {}).get(mode, {})
    return float(entry["minimize_s"]) if entry.get("status") == "ok" else None


if __name__ == "__main__":
    main()
