"""Pin the command line's current outputs as golden files (tests/golden/<case>.json).

Run from the project root after a deliberate change of output, and list every changed
line in the commit message (``git diff tests/golden``):

    .venv/bin/python scripts/pin_golden.py            # every case
    .venv/bin/python scripts/pin_golden.py run__lipset  # cases whose name starts so
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's qca, not an installed one

from golden_cli import CASES, GOLDEN, dump, golden_path, run_case  # noqa: E402


def main(prefixes: list[str]) -> None:
    GOLDEN.mkdir(exist_ok=True)
    for case in CASES:
        if prefixes and not any(case.name.startswith(p) for p in prefixes):
            continue
        golden_path(case).write_text(dump(run_case(case)), encoding="utf-8")
        print(case.name)


if __name__ == "__main__":
    main(sys.argv[1:])
