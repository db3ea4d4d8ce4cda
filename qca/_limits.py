"""Limits on the work one input may cause, each one documented and raisable.

A small file must never make qca hang or exhaust memory: a workbook whose XML inflates
to gigabytes, a CSV line of megabytes, an expression whose expansion is exponential, a
necessity search over two dozen conditions. Each such input is measured *before* the
work starts and refused with a :class:`~qca.exceptions.QCAError` that names the limit,
the environment variable that raises it and, where there is one, the option that bounds
the work. ``docs/limits.md`` lists them all.

>>> limit("max_cells")
2000000
>>> import os
>>> os.environ["QCA_MAX_CELLS"] = "5_000_000"
>>> limit("max_cells")
5000000
>>> del os.environ["QCA_MAX_CELLS"]
>>> print(over("max_cells", 3_000_000, "'big.csv' has 3,000,000 cells"))
'big.csv' has 3,000,000 cells, over the limit of 2,000,000 cells (raise it with the environment variable QCA_MAX_CELLS, e.g. QCA_MAX_CELLS=6000000).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from qca.exceptions import InvalidParameterError

__all__ = ["LIMITS", "Limit", "limit", "over", "shorten"]


@dataclass(frozen=True)
class Limit:
    """One limit: its name, default, environment variable and unit."""

    name: str
    default: int
    unit: str
    what: str

    @property
    def env(self) -> str:
        return "QCA_" + self.name.upper()


LIMITS: dict[str, Limit] = {
    item.name: item
    for item in [
        Limit("max_file_bytes", 100 * 2**20, "bytes", "size of an input file on disk"),
        Limit(
            "max_unzipped_bytes",
            200 * 2**20,
            "bytes",
            "size of an .xlsx workbook's parts once unzipped (checked before parsing)",
        ),
        Limit("max_cells", 2_000_000, "cells", "rows x columns of one sheet or CSV file"),
        Limit("max_line_chars", 1_000_000, "characters", "length of one CSV line (record)"),
        Limit("max_name_chars", 1_000, "characters", "length of a case id or a column header"),
        Limit("max_expression_chars", 10_000, "characters", "length of an expression"),
        Limit("max_expression_depth", 100, "levels", "nesting of parentheses in an expression"),
        Limit(
            "max_expression_terms",
            10_000,
            "terms",
            "products an expression expands to (checked before each expansion step)",
        ),
        Limit(
            "max_combinations",
            1_000_000,
            "combinations",
            "combinations of conditions a necessity/sufficiency search (super_subset) tests, "
            "or of prime implicants the sol_cons search of minimize(method='ccubes') visits",
        ),
        Limit(
            "max_listed_rows",
            2**21,
            "configurations",
            "configurations one list of rows may hold: the simplifying assumptions of a "
            "model, the counterfactuals of an intermediate solution, the rows find_rows returns",
        ),
        Limit(
            "max_conditions",
            50,
            "conditions",
            "conditions of a truth table that is minimized (its space has 2**k rows or more; "
            "60 binary conditions over 60 cases took two minutes)",
        ),
    ]
}


def limit(name: str) -> int:
    """The current value of a limit: its environment variable if set, else its default."""
    spec = LIMITS[name]
    raw = os.environ.get(spec.env)
    if raw is None or not raw.strip():
        return spec.default
    try:
        value = int(raw.strip().replace("_", "").replace(",", ""))
    except ValueError:
        value = 0
    if value < 1:
        raise InvalidParameterError(
            f"The environment variable {spec.env} must be a whole number >= 1 "
            f"({spec.what}). Got {shorten(raw)!r} instead."
        )
    return value


def over(name: str, got: int | float, what: str, fix: str = "", *, value: int | None = None) -> str:
    """A message saying ``what`` exceeds a limit (``value``, default its current value),
    how to avoid it and how to raise it."""
    spec = LIMITS[name]
    value = limit(name) if value is None else value
    suggest = int(max(value, min(got, 2**62)) * 2)
    fix = f" {fix}" if fix else ""
    return (
        f"{what}, over the limit of {value:,} {spec.unit}{fix} (raise it with the "
        f"environment variable {spec.env}, e.g. {spec.env}={suggest})."
    )


def shorten(text: object, width: int = 80) -> str:
    """``text`` cut to ``width`` characters for a message, saying how long it was.

    >>> shorten("x" * 100_000)[-30:]
    'xxxx... (100,000 characters)'
    >>> shorten("short")
    'short'
    """
    text = str(text)
    if len(text) <= width:
        return text
    return f"{text[: max(width - 20, 10)]}... ({len(text):,} characters)"
