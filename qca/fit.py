"""Parameters of fit: inclusion, PRI, coverage, RoN.

Placeholder: being written (see the issue tracker)."""

from __future__ import annotations

__all__ = ["fit"]


def fit(expr, outcome, data, *, relation="sufficiency"):  # type: ignore[no-untyped-def]
    raise NotImplementedError("qca.fit is not implemented yet")
