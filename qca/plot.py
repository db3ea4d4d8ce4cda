"""Plots (matplotlib, imported lazily).

Placeholder: being written (see the issue tracker)."""

from __future__ import annotations

__all__ = ["xy_plot"]


def xy_plot(data, x, y, *, ax=None, labels=True):  # type: ignore[no-untyped-def]
    raise NotImplementedError("qca.xy_plot is not implemented yet")
