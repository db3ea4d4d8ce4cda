"""Boolean minimization of truth tables.

Placeholder: being written (see the issue tracker)."""

from __future__ import annotations

__all__ = ["Model", "Solution", "minimize"]


class Model:
    pass


class Solution:
    pass


def minimize(tt, **options):  # type: ignore[no-untyped-def]
    raise NotImplementedError("qca.minimize is not implemented yet")
