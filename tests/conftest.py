"""Shared fixtures. Keep this file small; add fixtures, do not change existing ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
DATA = Path(__file__).resolve().parent / "data"


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
