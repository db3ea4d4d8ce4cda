"""The command line's outputs match the pinned golden files (tests/golden/).

A deliberate change of output is re-pinned with ``scripts/pin_golden.py`` and every
changed line is named in the commit message. Numbers may differ only by rounding noise
(relative 1e-12), for a measure summed in another order; text must be identical.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest
from golden_cli import CASES, golden_path, run_case

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _same_line(a: str, b: str) -> bool:
    if a == b:
        return True
    if _NUMBER.split(a) != _NUMBER.split(b):
        return False
    xs, ys = _NUMBER.findall(a), _NUMBER.findall(b)
    return len(xs) == len(ys) and all(
        x == y or math.isclose(float(x), float(y), rel_tol=1e-12, abs_tol=1e-15)
        for x, y in zip(xs, ys, strict=True)
    )


def _differences(want: Any, got: Any, where: str = "") -> list[str]:
    if isinstance(want, dict) and isinstance(got, dict):
        out = []
        for key in dict.fromkeys([*want, *got]):
            if key not in got or key not in want:
                out.append(f"{where}/{key}: {'missing' if key not in got else 'unexpected'}")
            else:
                out += _differences(want[key], got[key], f"{where}/{key}")
        return out
    if isinstance(want, list) and isinstance(got, list):
        out = [
            f"{where}[{i}]: {w!r} != {g!r}"
            for i, (w, g) in enumerate(zip(want, got, strict=False))
            if _differences(w, g)
        ]
        if len(want) != len(got):
            out.append(f"{where}: {len(want)} items pinned, {len(got)} now")
        return out
    if isinstance(want, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        return (
            []
            if math.isclose(want, got, rel_tol=1e-12, abs_tol=1e-15)
            else [f"{where}: {want} != {got}"]
        )
    if isinstance(want, str) and isinstance(got, str):
        return [] if _same_line(want, got) else [f"{where}: {want!r} != {got!r}"]
    return [] if want == got and type(want) is type(got) else [f"{where}: {want!r} != {got!r}"]


def test_same_line_allows_only_rounding_noise() -> None:
    assert _same_line("inclS 0.8123456789012345", "inclS 0.8123456789012346")
    assert not _same_line("inclS 0.812", "inclS 0.813")
    assert not _same_line("inclS 0.812", "covS 0.812")
    assert _differences({"a": [1.0, "x"]}, {"a": [1.0, "y"]}) == ["/a[1]: 'x' != 'y'"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli_output_matches_golden(case: Any) -> None:
    path = golden_path(case)
    want = json.loads(path.read_text(encoding="utf-8"))
    got = json.loads(json.dumps(run_case(case), ensure_ascii=False))
    differences = _differences(want, got)
    assert not differences, f"{case.name} differs from {path.name}:\n" + "\n".join(differences[:40])
