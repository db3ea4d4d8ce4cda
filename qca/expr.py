"""Sum-of-products expressions (placeholder: being written by the lead; API in docs/architecture.md)."""

from __future__ import annotations

__all__ = ["membership", "parse_expression"]


def parse_expression(text):  # type: ignore[no-untyped-def]
    raise NotImplementedError("qca.parse_expression is not implemented yet")


def membership(data, expr):  # type: ignore[no-untyped-def]
    raise NotImplementedError("qca.membership is not implemented yet")
