"""Shared fixtures. Keep this file small; add fixtures, do not change existing ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
DATA = Path(__file__).resolve().parent / "data"


def read_reference_csv(path: Path) -> pd.DataFrame:
    """A reference data set as R has it: case ids as text in the index ("NA" is Namibia,
    not a missing value), or 1, 2, ... when the file has no "case" column."""
    frame = pd.read_csv(path)
    if "case" in frame.columns:
        ids = pd.read_csv(path, usecols=["case"], dtype=str, keep_default_na=False)["case"]
        frame = frame.assign(case=ids.to_numpy()).set_index("case")
    else:
        frame.index = [str(i + 1) for i in range(len(frame))]
    return frame


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """Write ``{sheet name: rows}`` to an .xlsx file with openpyxl (no styling)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def make_xlsx(tmp_path: Path) -> Callable[..., Path]:
    """Factory: ``make_xlsx({"cases": [["case", "A"], ["x", 1]]}, name="book.xlsx")``."""

    def make(sheets: dict[str, list[list[Any]]], name: str = "book.xlsx") -> Path:
        return write_xlsx(tmp_path / name, sheets)

    return make


@pytest.fixture(scope="session")
def lipset_workbook():
    """``qca.read_workbook("cases/lipset.xlsx")``: LR raw data with a calibration codebook."""
    import qca

    return qca.read_workbook(CASES / "lipset.xlsx")
