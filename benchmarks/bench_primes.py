"""Benchmarks of the prime implicant enumeration alone, on both of its paths.

``prime_implicants`` of each synthetic input (parsimonious: the transversal method above
16 conditions, the term-space table below) by the default path (Python, handing the
rows left to the compiled numba kernel when that pays), by the kernel alone and by
Python alone. Smoke run (light inputs)::

    pytest benchmarks/bench_primes.py --benchmark-disable

Every input (minutes; Python alone takes ~20-30 s on the two largest)::

    QCA_BENCH_FULL=1 pytest benchmarks/bench_primes.py

Table for benchmarks/README.md (median of ``--repeat`` runs in one process, after a
warm-up call that pays numba's start-up)::

    python benchmarks/bench_primes.py [--repeat 3] [--python] [NAME ...]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from qca.minimize import _primes
from qca.minimize._core import prime_implicants

sys.path.insert(0, str(Path(__file__).parent))
from bench_minimize import load  # noqa: E402

__all__ = ["INPUTS", "enumerate_primes"]

INPUTS = [
    "random_25x50",
    "random_20x100",
    "random_20x200",
    "random_30x50",
    "random_30x200",
    "random_40x100",
    "planted_k14",
    "planted_k16",
    "sparse_k16_n200",
    "sparse_k20_n200",
    "sparse_k24_n200",
]
LIGHT = {"random_25x50", "random_20x100", "random_30x50", "sparse_k16_n200", "planted_k14"}
FULL = os.environ.get("QCA_BENCH_FULL") == "1"
HAVE_NUMBA = importlib.util.find_spec("numba") is not None
PATHS = {"default": None, "compiled": True, "python": False}


def enumerate_primes(on: np.ndarray, off: np.ndarray, levels: tuple, path: str) -> np.ndarray:
    """Parsimonious PIs in R's order, by one path (``default`` is the public
    ``prime_implicants``)."""
    compiled = PATHS[path]
    if compiled is None:
        return prime_implicants(on, off, levels)
    pis = _primes._primes_transversal(on, off, levels, compiled=compiled)
    return np.take(pis, _primes.order_terms(pis), axis=0)


def _cases():
    for name in INPUTS:
        for path in PATHS:
            marks = []
            if name not in LIGHT and not FULL:
                marks.append(pytest.mark.skip("QCA_BENCH_FULL"))
            if path == "compiled" and not HAVE_NUMBA:
                marks.append(pytest.mark.skip("numba is not installed"))
            if path != "default" and name.startswith("planted"):
                continue  # the term-space table: no transversal path to compare
            yield pytest.param(name, path, id=f"{name}-{path}", marks=marks)


@pytest.mark.parametrize(("name", "path"), list(_cases()))
def test_primes(benchmark, name, path):
    on, off, levels = load(name)
    pis = benchmark.pedantic(
        enumerate_primes, args=(on, off, levels, path), rounds=1, iterations=1
    )
    assert len(pis) and (pis >= -1).all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=INPUTS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--python", action="store_true", help="also time Python alone")
    args = parser.parse_args()
    paths = ["default"] + (["compiled"] if HAVE_NUMBA else []) + (["python"] if args.python else [])
    if HAVE_NUMBA:
        enumerate_primes(*load("random_25x10"), "compiled")  # numba's start-up, paid once
    print("| input | PIs | " + " | ".join(f"{p} (s)" for p in paths) + " |")
    print("|---|---|" + "---|" * len(paths))
    for name in args.names:
        on, off, levels = load(name)
        cells = []
        n_pi = 0
        for path in paths:
            if path != "default" and name.startswith("planted"):
                cells.append("-")
                continue
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                n_pi = len(enumerate_primes(on, off, levels, path))
                times.append(time.perf_counter() - start)
            cells.append(f"{statistics.median(times):.3g}")
        print(f"| {name} | {n_pi:,} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
