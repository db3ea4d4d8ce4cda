"""The case-sheet workbook: cases, calibration codebook, analysis settings.

Placeholder: being written (see the issue tracker)."""

from __future__ import annotations

__all__ = ["Workbook", "read_workbook"]


class Workbook:
    pass


def read_workbook(path):  # type: ignore[no-untyped-def]
    raise NotImplementedError("qca.read_workbook is not implemented yet")
