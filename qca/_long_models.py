"""Memberships of long models, term by term (private).

A model of the conservative solution of a big chart can hold thousands of terms
(planted_k14: 802 terms, 11,762 characters as one formula); parsed as one expression it
passes the limit ``max_expression_chars`` (:mod:`qca._limits`) and robustness runs,
range searches and XY plots stopped with that error. The membership of a sum is the
maximum of its terms' memberships, so a model is read in chunks of terms that each stay
well under the limit, and the chunks' memberships are combined by their maximum: the same
values, exactly. A model short enough is one chunk, read as before.

>>> import pandas as pd
>>> data = pd.DataFrame({"A": [0.2, 0.9], "B": [0.7, 0.1]}, index=["a", "b"])
>>> model_membership(data, ["A", "B"]).tolist()
[0.7, 0.9]
>>> model_membership(data, ["A", "B"], chunk_chars=1).tolist()  # one term per chunk
[0.7, 0.9]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd

from qca._limits import limit
from qca.expr import membership

__all__ = ["model_membership"]


def _chunks(terms: Sequence[str], chunk_chars: int) -> Iterator[str]:
    """The terms joined by ``" + "`` into sums of at most ``chunk_chars`` characters (a
    single longer term is a chunk of its own)."""
    chunk: list[str] = []
    size = 0
    for term in terms:
        if chunk and size + 3 + len(term) > chunk_chars:
            yield " + ".join(chunk)
            chunk, size = [], 0
        size += (3 if chunk else 0) + len(term)
        chunk.append(term)
    if chunk:
        yield " + ".join(chunk)


def model_membership(
    data: pd.DataFrame, terms: Sequence[str], *, chunk_chars: int | None = None
) -> pd.Series:
    """Membership of every case in the sum of ``terms`` (float, indexed like ``data``);
    read in chunks of at most ``chunk_chars`` characters (default half the expression
    limit) combined by their maximum."""
    if chunk_chars is None:
        chunk_chars = max(limit("max_expression_chars") // 2, 1)
    parts = [membership(data, text) for text in _chunks(terms, chunk_chars)]
    if len(parts) == 1:
        return parts[0].astype(float)
    values = np.maximum.reduce([p.to_numpy(dtype=float) for p in parts])
    return pd.Series(values, index=data.index, dtype=float)
