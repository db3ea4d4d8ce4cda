"""Minimum covers kept in a canonical order while a compiled search meets them (private).

The searches of :mod:`qca.minimize._optimal_kernel` write each cover they meet to a
buffer with more rows than the number of covers to list (``cap``); when it is full,
:func:`canonical` keeps the ``cap`` first in the order of the classes' keys (each cover's
keys ascending, compared as tuples) and the search goes on. The covers kept at the end
are the first ``cap`` of all those met in that order, whatever order the search met
them in. Compiled with numba (the ``fast`` extra).

>>> import numpy as np
>>> out = np.array([[2, 0], [1, 3], [0, 1], [9, 9]])
>>> canonical(out, 3, 2, np.array([3, 2, 1, 0])), out[:2].tolist()
(2, [[3, 1], [2, 0]])
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["canonical", "room"]


@numba.njit(cache=True, nogil=True)
def canonical(out, written, cap, keys):  # pragma: no cover - compiled
    """Keep the ``cap`` first of the ``written`` covers in ``out`` in canonical order, in
    that order, and return how many are kept.

    A cover's classes are put in the order of their ``keys`` (distinct numbers, one a
    class); covers are then ordered by their keys compared as tuples. So the covers kept
    are the same whatever order the search met them in. Without keys (an empty array)
    the first ``cap`` covers met are kept, in the order met.
    """
    if len(keys) == 0:
        return min(cap, written)
    size = out.shape[1]
    for r in range(written):  # each cover's classes by key (insertion sort: few classes)
        for a in range(1, size):
            v = out[r, a]
            b = a - 1
            while b >= 0 and keys[out[r, b]] > keys[v]:
                out[r, b + 1] = out[r, b]
                b -= 1
            out[r, b + 1] = v
    perm = np.arange(written)
    col = np.empty(written, dtype=np.int64)
    for e in range(size - 1, -1, -1):  # stable sorts, last class first: tuple order
        for r in range(written):
            col[r] = keys[out[perm[r], e]]
        perm = perm[np.argsort(col, kind="mergesort")]
    kept = min(cap, written)
    first = out[perm[:kept]].copy()
    out[:kept] = first
    return kept


@numba.njit(cache=True, nogil=True)
def room(out, written, cap, keys):  # pragma: no cover - compiled
    """The row of ``out`` for the next cover: ``written``, after keeping the ``cap``
    first covers (:func:`canonical`) when ``out`` is full; -1 when there is no room
    (without keys, past the ``cap`` first covers met)."""
    if len(keys) == 0:
        return written if written < cap else -1
    if written == len(out):
        kept = canonical(out, written, cap, keys)
        return kept if kept < len(out) else -1
    return written
