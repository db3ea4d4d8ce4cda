"""Reading case sheets (.xlsx, .csv).

Placeholder: being written (see the issue tracker)."""

from __future__ import annotations

__all__ = ["read_cases"]


def read_cases(path, sheet=None, *, dropna=False):  # type: ignore[no-untyped-def]
    raise NotImplementedError("qca.read_cases is not implemented yet")
