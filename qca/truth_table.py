"""Truth tables.

Placeholder: being written (see the issue tracker)."""

from __future__ import annotations

__all__ = ["TruthTable", "truth_table"]


class TruthTable:
    pass


def truth_table(data, outcome, conditions=None, **options):  # type: ignore[no-untyped-def]
    raise NotImplementedError("qca.truth_table is not implemented yet")
