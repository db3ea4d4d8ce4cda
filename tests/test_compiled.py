"""A compiled kernel that cannot load warns once and the minimizer stays exact."""

from __future__ import annotations

import importlib
import importlib.util
import warnings

import pandas as pd
import pytest

import qca

_compiled = importlib.import_module("qca.minimize._compiled")
HAVE_NUMBA = importlib.util.find_spec("numba") is not None


def _broken(monkeypatch: pytest.MonkeyPatch, kernels: set[str]) -> None:
    """Make the named kernels fail to import the way numba does without a cache dir."""
    real = importlib.import_module

    def fake(name: str, package: str | None = None):  # type: ignore[no-untyped-def]
        if name.rsplit(".", 1)[-1] in kernels:
            raise RuntimeError("cannot cache function: no locator available")
        return real(name, package)

    monkeypatch.setattr(_compiled.importlib, "import_module", fake)
    monkeypatch.setattr(_compiled, "_warned", set())


def test_a_kernel_that_loads_gives_its_module() -> None:
    kernel = _compiled.load_kernel("_bit_kernel")
    assert kernel is None if not HAVE_NUMBA else callable(kernel.popcount)


@pytest.mark.skipif(not HAVE_NUMBA, reason="without numba the Python path is the documented one")
def test_a_kernel_that_fails_warns_once_and_gives_none(monkeypatch: pytest.MonkeyPatch) -> None:
    _broken(monkeypatch, {"_proof_kernel"})
    with pytest.warns(RuntimeWarning, match="_proof_kernel could not be loaded.*no locator"):
        assert _compiled.load_kernel("_proof_kernel") is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _compiled.load_kernel("_proof_kernel") is None  # once per kernel


@pytest.mark.skipif(not HAVE_NUMBA, reason="without numba the Python path is the documented one")
def test_each_kernel_warns_once_and_minimize_still_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = [(1, 1, 0, 1), (1, 0, 1, 1), (0, 1, 1, 1), (0, 0, 0, 0), (1, 1, 1, 0)]
    data = pd.DataFrame(rows, columns=["A", "B", "C", "Y"], index=list("abcde"))
    tt = qca.truth_table(data, "Y", ["A", "B", "C"])
    expected = str(qca.minimize(tt))
    kernels = {"_proof_kernel", "_count_kernel", "_optimal_kernel", "_pi_pairs_kernel"}
    _broken(monkeypatch, kernels)
    monkeypatch.setattr(_compiled.importlib.util, "find_spec", lambda name: object())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for kernel in sorted(kernels):
            assert _compiled.load_kernel(kernel) is None
        got = str(qca.minimize(tt))
    assert got == expected
    assert sum(issubclass(w.category, RuntimeWarning) for w in caught) == len(kernels)
