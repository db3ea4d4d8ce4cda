"""Benchmark: a fuzzy truth table for 10,000 cases x 20 conditions.

Memberships are uniform on [0, 1] rounded to 2 decimals (numpy seed 7), the outcome too;
``incl`` and ``PRI`` of every observed row use every case's membership in that
configuration, as R QCA defines them. The truth table never builds the 2**20 rows of the
space: only the observed ones (about 8,100 here), in blocks.

Smoke test in CI: ``pytest benchmarks --benchmark-disable``. Full run by hand:
``python -m pytest benchmarks/bench_truth_table.py`` (pytest-benchmark's table), or
``python benchmarks/bench_truth_table.py`` (median of 7 runs and the peak memory).
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
import warnings

import numpy as np
import pandas as pd
import pytest

from qca import QCAWarning, truth_table

N_CASES = 10_000
N_CONDITIONS = 20


def make_data(seed: int = 7) -> pd.DataFrame:
    """10,000 cases x 20 fuzzy conditions and a fuzzy outcome ``Y`` (2 decimals)."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(size=(N_CASES, N_CONDITIONS + 1)).round(2)
    columns = [f"C{j + 1}" for j in range(N_CONDITIONS)] + ["Y"]
    return pd.DataFrame(values, columns=columns, index=[f"case{i + 1}" for i in range(N_CASES)])


def build(data: pd.DataFrame):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)  # cases with a 0.5 membership
        return truth_table(data, "Y", incl_cut=0.8)


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return make_data()


def test_truth_table_10000_cases_20_conditions(benchmark, data: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    tt = benchmark(build, data)
    observed = tt.table
    # every case without a 0.5 membership is in exactly one observed row
    assert observed["n"].sum() == int((tt.case_rows > 0).sum())
    assert len(observed) < 2**N_CONDITIONS
    assert observed["incl"].between(0, 1).all() and observed["PRI"].between(0, 1).all()


def test_peak_memory_stays_small(data: pd.DataFrame) -> None:
    tracemalloc.start()
    try:
        build(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 256 * 2**20, f"peak {peak / 2**20:.0f} MiB"


def main(repeats: int = 7) -> None:
    data = make_data()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        tt = build(data)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    build(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{N_CASES} cases x {N_CONDITIONS} conditions: {len(tt.table)} observed rows; "
        f"median {statistics.median(times):.3f} s over {repeats} runs "
        f"(min {min(times):.3f}, max {max(times):.3f}); peak traced memory "
        f"{peak / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main()
