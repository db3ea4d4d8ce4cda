"""Regenerate the simulation tables of docs/sweeps.md (by hand; not a test).

    python benchmarks/simulation_table.py OUTDIR [--workers N | --scheduler ADDRESS]

Each study records its replications in OUTDIR/<name>.jsonl, so a killed run resumes.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import qca

CASES = [10, 15, 20, 30, 40]
CONDITIONS = [3, 4, 5, 6, 7]
STUDIES = {
    "crisp": {"kind": "crisp", "incl_cut": 0.8, "sol_cons": 0.8, "sol_cov": 0.5},
    "fuzzy": {"kind": "fuzzy", "incl_cut": 0.8, "sol_cons": 0.8, "sol_cov": 0.5},
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--scheduler", default=None)
    parser.add_argument("--replications", type=int, default=500)
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for name, options in STUDIES.items():
        began = time.perf_counter()
        sim = qca.simulate(
            CASES, CONDITIONS, replications=args.replications, seed=2011, workers=args.workers,
            scheduler=args.scheduler, output=args.outdir / f"{name}.jsonl", **options,
        )
        print(f"## {name}: {sim!r} ({time.perf_counter() - began:.0f} s)")
        for column in ("share", "ci_low", "ci_high", "contradictions"):
            print(f"### {column}")
            print(sim.pivot(column).round(3))


if __name__ == "__main__":
    main()
