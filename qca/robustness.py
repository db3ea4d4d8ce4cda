"""Robustness of solutions to calibration and cut-off choices.

Placeholder: being written (see the issue tracker)."""

from __future__ import annotations

__all__ = ["Robustness", "robustness"]


class Robustness:
    pass


def robustness(data_or_workbook, outcome=None, conditions=None, **options):  # type: ignore[no-untyped-def]
    raise NotImplementedError("qca.robustness is not implemented yet")
