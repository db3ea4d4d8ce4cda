"""Benchmark: a 1,000-run robustness sweep on Lipset's raw data (R QCA's LR).

Full run (by hand): ``pytest benchmarks/bench_robustness.py``. CI runs it as a smoke
test with ``--benchmark-disable``, on a 20-run grid.
"""

from __future__ import annotations

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


def _grid(n_shifts: int, n_cuts: int) -> dict:
    # 6 sets x 3 anchors x n_shifts moves + n_cuts incl_cut values
    shifts = [s for s in np.linspace(-0.15, 0.15, n_shifts + 1) if abs(s) > 1e-12][:n_shifts]
    return {"shifts": shifts, "incl_cuts": list(np.linspace(0.7, 0.95, n_cuts))}


@pytest.mark.parametrize("jobs", [1, 2])
def test_sweep_1000_runs(benchmark, jobs):
    raw = pd.read_csv(DATA / "robustness_LR.csv", index_col=0, keep_default_na=False)
    # 18 * 55 + 10 = 1,000 runs; the smoke run (benchmarks disabled) does 18 + 2 = 20
    grid = _grid(1, 2) if benchmark.disabled else _grid(55, 10)

    def sweep():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", qca.QCAWarning)
            return qca.robustness(raw, "SURV", CONDITIONS, anchors=ANCHORS, incl_cut=0.8,
                                  include="?", jobs=jobs, **grid)

    result = benchmark.pedantic(sweep, rounds=3, iterations=1)
    assert len(result.runs) == (20 if benchmark.disabled else 1000)
