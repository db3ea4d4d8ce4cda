"""Time qca against the Python peers setqca and pyqca on the synthetic inputs, in one run.

The peers are installed from PyPI into a separate virtual environment (pyqca's import
name is also ``qca``: it must never be installed beside this package). Each peer run is a
fresh process with a timeout; our core runs in this process on the same inputs right
after, so the printed ratios come from one run on one machine.

Usage::

    python scripts/compare_peers.py [--venv DIR] [--timeout 120] [--names N1,N2] [--modes ...]

The peers' calls follow perf_peers.json's protocol (benchmarks/data/perf_peers.json):

- setqca: ``build_truth_table(df, outcome="OUT", conditions=C, inclusion_cutoff=1.0)``, then
  ``tt.minimize(include_remainders=...)`` (timed).
- pyqca: ``qca.CSQCA(data=df, outcome="OUT", conditions=C).fit(consistency_cutoff=1.0,
  include_remainders_in_parsimonious=...)`` (timed; the whole call).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_minimize import DATA, INPUTS, load, run  # noqa: E402

__all__ = ["main"]

PEER_CODE = r"""
import json, sys, time
import pandas as pd
pkg, path, mode = sys.argv[1:4]
df = pd.read_csv(path)
conds = [c for c in df.columns if c != "OUT"]
pars = mode == "parsimonious"
if pkg == "setqca":
    from setqca.truth_table import build_truth_table
    tt = build_truth_table(df, outcome="OUT", conditions=conds, inclusion_cutoff=1.0)
    start = time.perf_counter()
    tt.minimize(include_remainders=pars)
    elapsed = time.perf_counter() - start
else:
    import qca
    start = time.perf_counter()
    qca.CSQCA(data=df, outcome="OUT", conditions=conds).fit(
        consistency_cutoff=1.0, include_remainders_in_parsimonious=pars)
    elapsed = time.perf_counter() - start
print("RESULT: " + json.dumps({"seconds": elapsed}))
"""


def ensure_venv(directory: Path) -> Path:
    """A virtual environment with setqca and pyqca from PyPI; returns its python."""
    python = directory / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    if not python.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(directory)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "setqca", "pyqca", "pandas"],
            check=True,
        )
    return python


def run_peer(python: Path, pkg: str, name: str, mode: str, timeout: float) -> str | float:
    path = DATA / f"{name}.csv"
    if not path.exists():
        path = DATA / f"{name}.csv.gz"
    try:
        done = subprocess.run(
            [str(python), "-c", PEER_CODE, pkg, str(path), mode],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd="/",
        )
    except subprocess.TimeoutExpired:
        return "timeout"
    for line in done.stdout.splitlines():
        if line.startswith("RESULT: "):
            return float(json.loads(line[8:])["seconds"])
    tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
    return "error: " + tail[:60]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=Path("/tmp/qca-peers-venv"))
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--names", default=",".join(INPUTS))
    parser.add_argument("--modes", default="parsimonious,conservative")
    parser.add_argument("--peers", default="setqca,pyqca")
    args = parser.parse_args()
    python = ensure_venv(args.venv)
    peers = args.peers.split(",")
    print("| input | mode | ours (s) | " + " | ".join(f"{p} (s) | {p}/ours" for p in peers) + " |")
    print("|---|---|---|" + "---|---|" * len(peers))
    for name in args.names.split(","):
        for mode in args.modes.split(","):
            cells = []
            for pkg in peers:
                cells.append(run_peer(python, pkg, name, mode, args.timeout))
            on, off, levels = load(name)
            start = time.perf_counter()
            run(on, off, levels, mode)
            ours = time.perf_counter() - start
            row = f"| {name} | {mode} | {ours:.3g} |"
            for cell in cells:
                if isinstance(cell, float):
                    row += f" {cell:.3g} | {cell / ours:.2g}x |"
                else:
                    row += f" {cell} | - |"
            print(row, flush=True)


if __name__ == "__main__":
    main()
