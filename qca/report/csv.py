"""One table as CSV (UTF-8), formulas guarded."""

from __future__ import annotations

import os

from qca.report._base import Table, safe_text
from qca.report.files import atomic_write

__all__ = ["write_csv"]

def write_csv(table: Table, path: str | os.PathLike[str]) -> None:
    """Write one table to CSV (UTF-8, index as first column) atomically.

    Text starting with ``=``, ``+``, ``-`` or ``@`` gets a leading ``'`` so that a
    spreadsheet opening the file does not run it as a formula.
    """
    import csv

    with atomic_write(path, "w") as handle:
        writer = csv.writer(handle)
        for row in table.rows():
            writer.writerow(
                [
                    ("'" + c)
                    if isinstance(c, str) and c and not safe_text(c)
                    else ("" if c is None else c)
                    for c in row
                ]
            )
