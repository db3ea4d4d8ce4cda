"""column_dtypes gives what frame.dtypes gives, on every kind of column."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from qca._frames import column_dtypes


def _frames() -> list[pd.DataFrame]:
    mixed = pd.DataFrame({
        "a": [1, 2], "b": ["x", "y"], "c": pd.Categorical(["u", "v"]), "d": [1.5, None],
        "e": [[1], [2]], "f": pd.array([1, None], dtype="Int64"), "g": [1 + 1j, 2],
        "h": [True, False], "i": pd.to_datetime(["2020-01-01", "2021-01-01"]),
    })
    mixed["a2"] = mixed["a"]  # a column added later (a block of its own)
    mixed.insert(0, "z", np.array([0.1, 0.2], dtype=np.float32))
    repeated = pd.DataFrame([[1, "p", 2.0]], columns=["A", "A", "B"])
    return [mixed, mixed[["h", "a", "b"]], repeated, pd.DataFrame(), pd.DataFrame({"x": []})]


@pytest.mark.parametrize("number", range(5))
def test_column_dtypes_equal_frame_dtypes(number: int) -> None:
    frame = _frames()[number]
    assert column_dtypes(frame) == frame.dtypes.tolist()


def test_column_dtypes_without_a_block_manager() -> None:
    frame = _frames()[0]
    bare = SimpleNamespace(dtypes=frame.dtypes, shape=frame.shape)  # (no _mgr)
    assert column_dtypes(bare) == frame.dtypes.tolist()  # type: ignore[arg-type]
