"""Search for necessary and sufficient combinations.

Placeholder: being written (see the issue tracker)."""

from __future__ import annotations

__all__ = ["super_subset"]


def super_subset(data, outcome, conditions=None, **options):  # type: ignore[no-untyped-def]
    raise NotImplementedError("qca.super_subset is not implemented yet")
