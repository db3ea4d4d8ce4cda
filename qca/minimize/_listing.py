"""The configurations some terms cover: their number, and their list within a limit (private).

A model's simplifying assumptions are the configurations its terms cover that are not
explained rows. Over two dozen conditions one short term covers millions of them, so the
list is refused past the limit ``QCA_MAX_LISTED_ROWS`` (:mod:`qca._limits`), while their
number is still counted exactly when that is cheap (a split on one condition at a time,
with a bounded number of steps).

>>> import numpy as np
>>> terms = np.array([[1, -1, -1], [-1, 0, -1]])  # A + ~B over three binary conditions
>>> count_covered((2, 2, 2), terms)
6
>>> list_covered((2, 2, 2), terms, limit=10).tolist()
[1, 2, 5, 6, 7, 8]
>>> list_covered((2, 2, 2), terms, limit=5)
Traceback (most recent call last):
...
qca.exceptions.TooManyRowsError: The terms cover 6 configurations, over the limit of 5 configurations (raise it with the environment variable QCA_MAX_LISTED_ROWS, e.g. QCA_MAX_LISTED_ROWS=12).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qca._limits import limit, over
from qca.exceptions import TooManyRowsError
from qca.minimize._primes import covers

__all__ = ["TermRows", "count_covered", "list_covered", "too_many_assumptions"]

#: Most splits :func:`count_covered` makes before it gives up (returns None).
COUNT_STEPS = 20_000
#: A :class:`TermRows` keeps the rows of terms covering at most this many configurations,
#: and at most ``CACHED_ROWS`` rows in all (8 MB).
CACHED_TERM_ROWS = 4_096
CACHED_ROWS = 1 << 20


class TermRows(dict[bytes, np.ndarray]):
    """The rows each term covers, kept for the next call of :func:`list_covered` (the
    models of one solution share most of their terms: planted_k14 conservative lists
    10,000 models of 802 terms among 992). Only small terms are kept, within a budget.

    >>> rows = TermRows()
    >>> list_covered((2, 2), np.array([[1, -1]]), limit=9, cache=rows).tolist(), len(rows)
    ([3, 4], 1)
    """

    held = 0


def _cached_rows(
    levels: Sequence[int], terms: np.ndarray, weights: np.ndarray, limit: int, cache: TermRows
) -> np.ndarray | None:
    """The rows ``terms`` cover, read from ``cache`` (small terms computed once), or None
    when a term is too large to keep or the rows are more than ``limit``."""
    parts, total = [], 0
    for term in terms:
        key = term.tobytes()
        rows = cache.get(key)
        if rows is None:
            if int(np.prod(np.asarray(levels, dtype=object)[term < 0])) > CACHED_TERM_ROWS:
                return None
            rows = _term_rows(term, levels, weights)
            if cache.held + len(rows) <= CACHED_ROWS:
                cache[key] = rows
                cache.held += len(rows)
        total += len(rows)
        if total > limit:
            return None
        parts.append(rows)
    return np.unique(np.concatenate(parts))


def _weights(levels: Sequence[int]) -> np.ndarray:
    w = np.ones(len(levels), dtype=np.int64)
    for j in range(len(levels) - 2, -1, -1):
        w[j] = w[j + 1] * levels[j + 1]
    return w


def count_covered(
    levels: Sequence[int], terms: np.ndarray, *, steps: int = COUNT_STEPS
) -> int | None:
    """How many configurations of the space ``levels`` some term covers (-1 = absent
    condition), or None when counting them exactly would take more than ``steps`` splits."""
    terms = np.asarray(terms, dtype=np.int64).reshape(-1, len(levels))
    sizes = np.asarray(levels, dtype=object)
    left = [steps]

    def count(part: np.ndarray, dims: np.ndarray) -> int | None:
        left[0] -= 1
        if left[0] < 0:
            return None
        if not len(part):
            return 0
        fixed = part >= 0
        if len(part) == 1 or (~fixed).all(axis=1).any():
            return int(np.prod(sizes[dims][~fixed[int((~fixed).sum(axis=1).argmax())]]))
        j = int(fixed.sum(axis=0).argmax())  # split on the condition most terms fix
        keep = np.delete(np.arange(len(dims)), j)
        total = 0
        for value in range(int(sizes[dims[j]])):
            got = count(part[(part[:, j] == value) | (part[:, j] < 0)][:, keep], dims[keep])
            if got is None:
                return None
            total += got
        return total

    return count(terms, np.arange(len(levels)))


def _term_rows(term: np.ndarray, levels: Sequence[int], weights: np.ndarray) -> np.ndarray:
    numbers = np.array([int(np.where(term >= 0, term, 0) @ weights) + 1], dtype=np.int64)
    for j in np.flatnonzero(term < 0):
        steps = np.arange(levels[int(j)], dtype=np.int64) * weights[j]
        numbers = np.add.outer(numbers, steps).ravel()
    return numbers


def list_covered(
    levels: Sequence[int], terms: np.ndarray, *, limit: int, cache: TermRows | None = None
) -> np.ndarray:
    """Sorted row numbers of every configuration some term covers.

    Raises :class:`~qca.exceptions.TooManyRowsError` (with the exact ``count`` when it is
    cheap) when they are more than ``limit``; memory stays within a few times ``limit``.
    A ``cache`` keeps the rows of small terms for the next call.
    """
    terms = np.asarray(terms, dtype=np.int64).reshape(-1, len(levels))
    if not len(terms):
        return np.zeros(0, dtype=np.int64)
    weights = _weights(levels)
    if cache is not None:
        found = _cached_rows(levels, terms, weights, limit, cache)
        if found is not None:
            return found
    sizes = [int(np.prod(np.asarray(levels, dtype=object)[t < 0])) for t in terms]
    if sum(sizes) <= limit:
        return np.unique(np.concatenate([_term_rows(t, levels, weights) for t in terms]))
    count = count_covered(levels, terms)
    if count is not None and count <= limit or count is None and max(sizes) <= limit:
        # the terms overlap: add them one at a time, never holding more than the limit
        rows = np.zeros(0, dtype=np.int64)
        for term in terms:
            rows = np.union1d(rows, _term_rows(term, levels, weights))
            if len(rows) > limit:
                break
        else:
            return rows
    what = f"{count:,}" if count is not None else f"more than {limit:,}"
    raise TooManyRowsError(
        over(
            "max_listed_rows",
            count or limit + 1,
            f"The terms cover {what} configurations",
            value=limit,
        ),
        count=count,
        limit=limit,
    )


def too_many_assumptions(
    error: TooManyRowsError, terms: np.ndarray, explained: np.ndarray
) -> TooManyRowsError:
    """The error for a model whose terms cover too many configurations to list its
    simplifying assumptions (``explained``: configurations of its explained rows); its
    ``count`` is the number of simplifying assumptions when that was cheap to count."""
    value = limit("max_listed_rows") if error.limit is None else error.limit
    if error.count is None:
        what = (
            "The model's simplifying assumptions are not listed: its terms cover more "
            "configurations"
        )
        return TooManyRowsError(over("max_listed_rows", value + 1, what, value=value), limit=value)
    seen = int(covers(terms, explained).any(axis=0).sum()) if len(explained) and len(terms) else 0
    count = error.count - seen
    what = (
        f"The model's simplifying assumptions are not listed: its terms cover "
        f"{error.count:,} configurations ({count:,} simplifying assumptions and {seen:,} "
        "explained rows)"
    )
    return TooManyRowsError(
        over("max_listed_rows", error.count, what, value=value), count=count, limit=value
    )
