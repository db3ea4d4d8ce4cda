"""Remainder queries: rows matching an expression, CSA, SSR.

Placeholder: being written (see the issue tracker)."""

from __future__ import annotations

__all__ = ["find_rows"]


def find_rows(tt, expr="", **options):  # type: ignore[no-untyped-def]
    raise NotImplementedError("qca.find_rows is not implemented yet")
