"""Reduced-cost fixing: the classes a cover of a given size may hold, by the LP duals.

Let ``y >= 0`` weigh the columns so that no class carries more than 1 (a feasible dual
of the linear relaxation, :func:`qca.minimize._bounds.cover_duals`), ``L = y(all
columns)`` and ``rc(i) = 1 - y(columns of i) >= 0`` the reduced cost of class i. Any
cover ``S`` covers every column, so

    |S| = sum over i in S of (rc(i) + y(columns of i)) >= sum over S of rc(i) + L.

A cover of at most ``size`` classes therefore holds only classes with
``rc(i) <= size - L`` (and their reduced costs add up to at most that): the others can
be left out when looking for it. With ``size`` one below the best cover known, the
integer program over the classes kept decides the minimum of the whole chart.
"""

from __future__ import annotations

import numpy as np

__all__ = ["fixing_pool", "restrict"]

#: Slack on the float duals: a class is kept whenever in doubt.
EPS = 1e-6


def fixing_pool(
    indptr: np.ndarray, indices: np.ndarray, duals: np.ndarray, size: int
) -> np.ndarray:
    """Indices (ascending) of the classes that a cover of at most ``size`` classes may hold.

    ``duals`` must be feasible (at most 1 summed over any class's columns); a class whose
    reduced cost exceeds ``size - sum(duals)`` is in no such cover.

    >>> import numpy as np
    >>> indptr, indices = np.array([0, 2, 4, 6, 7]), np.array([0, 1, 1, 2, 0, 2, 2])
    >>> y = np.array([0.5, 0.5, 0.5])
    >>> fixing_pool(indptr, indices, y, 2).tolist()  # the class of one column costs 0.5
    [0, 1, 2, 3]
    >>> fixing_pool(indptr, indices, y, 1).tolist()  # 1 < 1.5: no cover of one class
    []
    """
    indptr = np.asarray(indptr, dtype=np.int64)
    indices = np.asarray(indices, dtype=np.int64)
    y = np.asarray(duals, dtype=np.float64)
    n = len(indptr) - 1
    row_of = np.repeat(np.arange(n), np.diff(indptr))
    load = np.bincount(row_of, weights=y[indices], minlength=n)
    slack = size - float(y.sum())
    if slack < -EPS:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(1.0 - load <= slack + EPS)


def restrict(
    indptr: np.ndarray, indices: np.ndarray, pool: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The sparse chart of the classes ``pool`` only (compressed rows, same columns).

    >>> import numpy as np
    >>> p, i = restrict(np.array([0, 2, 4, 6]), np.array([0, 1, 1, 2, 0, 2]), np.array([0, 2]))
    >>> p.tolist(), i.tolist()
    ([0, 2, 4], [0, 1, 0, 2])
    """
    indptr = np.asarray(indptr, dtype=np.int64)
    indices = np.asarray(indices, dtype=np.int64)
    pool = np.asarray(pool, dtype=np.int64)
    sizes = np.diff(indptr)[pool]
    out_ptr = np.zeros(len(pool) + 1, dtype=np.int64)
    np.cumsum(sizes, out=out_ptr[1:])
    starts = np.repeat(indptr[pool] - out_ptr[:-1], sizes)
    out_idx = indices[np.arange(int(out_ptr[-1])) + starts]
    return out_ptr, out_idx
