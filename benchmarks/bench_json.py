"""Benchmarks of the JSON of solutions with many long models (issue 14).

``Solution.to_dict()`` plus ``json.dumps``, and the JSON report of ``qca minimize``
(``models_json`` and ``solution_options``: each model's own fit and simplifying
assumptions, the compact listing, each term's fit once), on conservative solutions that
list thousands of models of dozens to thousands of terms. The solution is computed once,
outside the timing.

Smoke run (planted_k10 only)::

    pytest benchmarks/bench_json.py --benchmark-disable

planted_k14 and planted_k16 too (minutes)::

    QCA_BENCH_FULL=1 pytest benchmarks/bench_json.py

Sizes and times for a note (CPU seconds, JSON bytes)::

    python benchmarks/bench_json.py [NAME ...]
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
import warnings
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

import qca
from qca._pipeline import solution_models
from qca._results import SolutionResult
from qca.report.json import models_json, solution_options

DATA = Path(__file__).parent / "data"
FULL = os.environ.get("QCA_BENCH_FULL") == "1"
INPUTS = ["planted_k10", "planted_k14", "planted_k16"]


@cache
def conservative(name: str):
    """The conservative solution of a synthetic input (truth table at incl_cut 1)."""
    path = DATA / f"{name}.csv"
    data = pd.read_csv(path if path.exists() else gzip.open(DATA / f"{name}.csv.gz"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = qca.truth_table(data, "OUT", [c for c in data.columns if c != "OUT"])
        return qca.minimize(table)


def to_json(name: str) -> str:
    return json.dumps(conservative(name).to_dict())


def report_json(name: str) -> str:
    sol = conservative(name)
    result = SolutionResult("conservative", "", solution_models("conservative", sol), solution=sol)
    return json.dumps({"solutions": models_json(result), "options": solution_options(result)})


def _params():
    for name in INPUTS:
        marks = [] if name == "planted_k10" or FULL else [pytest.mark.skip("QCA_BENCH_FULL")]
        yield pytest.param(name, id=name, marks=marks)


@pytest.mark.parametrize("name", list(_params()))
def test_to_dict(benchmark, name):
    conservative(name)
    text = benchmark(to_json, name)
    assert json.loads(text)["models"] is None  # many long models: written compactly


@pytest.mark.parametrize("name", list(_params()))
def test_report_json(benchmark, name):
    conservative(name)
    text = benchmark.pedantic(report_json, args=(name,), rounds=1, iterations=1)
    assert "models_compact" in json.loads(text)["options"]


if __name__ == "__main__":
    for name in sys.argv[1:] or INPUTS:
        conservative(name)
        for what, func in (("to_dict", to_json), ("report", report_json)):
            start = time.process_time()
            text = func(name)
            print(f"{name} {what}: {time.process_time() - start:.2f} s CPU, {len(text.encode()):,} bytes")
