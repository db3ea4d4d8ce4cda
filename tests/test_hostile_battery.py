"""Run the generated hostile-input battery (tests/battery/hostile_cases.py) in a
subprocess under a memory limit and a time limit (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hostile import _limit_memory

BATTERY = Path(__file__).parent / "battery" / "hostile_cases.py"


def test_hostile_battery_under_time_and_memory_limits():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:benchmark",
            "-o",
            "addopts=",
            "--rootdir",
            str(BATTERY.parent),
            str(BATTERY),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_memory(2000) if os.name == "posix" else None,
        env={**os.environ, "MPLBACKEND": "Agg"},
        cwd=BATTERY.parent.parent.parent,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert " passed" in done.stdout
