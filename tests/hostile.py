"""Running a piece of Python in a subprocess with a time and memory limit (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass


@dataclass
class Outcome:
    ok: bool  # finished in time with exit code 0
    text: str  # stdout + stderr (or why it did not finish)


def _limit_memory(megabytes: int):
    def apply() -> None:
        import resource

        size = megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    return apply


def run_limited(
    code: str, *, seconds: float = 20, memory_mb: int = 1000, env: dict | None = None
) -> Outcome:
    """Run ``code`` with ``python -c`` under RLIMIT_AS and a wall-clock timeout."""
    environment = {**os.environ, **(env or {}), "MPLBACKEND": "Agg"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=seconds,
            preexec_fn=_limit_memory(memory_mb) if os.name == "posix" else None,
            env=environment,
        )
    except subprocess.TimeoutExpired:
        return Outcome(False, f"TIMEOUT after {seconds} s")
    return Outcome(done.returncode == 0, done.stdout + done.stderr)
