"""Column weights for the root of the optimal-covers search, compiled (private).

:func:`root_duals` takes subgradient steps (the search's own
:func:`qca.minimize._optimal_kernel._lagrange`) on the Lagrangian bound of covering
every column by ``k`` classes: the root of
:func:`qca.minimize._optimal_kernel.count_covers` then starts near the linear
relaxation's bound without solving it (HiGHS, and importing ``scipy.optimize``, took
longer than the steps on random_40x100 parsimonious).

>>> import numpy as np
>>> cls = np.array([[0b011], [0b110], [0b101]], dtype=np.uint64)
>>> y, bound = root_duals(cls, 3, 2, np.full(3, 0.5), 50)
>>> round(bound, 6)
1.5
"""

from __future__ import annotations

import numba
import numpy as np

from qca.minimize._bit_kernel import ONE as _ONE
from qca.minimize._bit_kernel import ZERO as _ZERO
from qca.minimize._bit_kernel import popcount as _popcount
from qca.minimize._optimal_kernel import _lagrange, _low_index

__all__ = ["root_duals"]


@numba.njit(cache=True, nogil=True)
def root_duals(cls, m, k, start, steps):  # pragma: no cover - compiled
    """Column weights for the root of the search: ``steps`` subgradient steps on the
    Lagrangian bound of covering the ``m`` columns by ``k``
    classes, from the weights ``start``; returns the best weights met (a Lagrangian
    dual: a class may carry more than 1) and their bound ``L``."""
    n, words = cls.shape
    lst = np.arange(n).astype(np.int32)
    reduced = np.empty(n)
    size = np.empty(n, dtype=np.int64)
    total = 0.0
    for c in range(m):
        total += start[c]
    for j in range(n):
        s = 0.0
        bits = 0
        for w in range(words):
            x = cls[j, w]
            bits += _popcount(x)
            while x != _ZERO:
                s += start[w * 64 + _low_index(x)]
                x &= x - _ONE
        reduced[j] = 1.0 - s
        size[j] = bits
        if s > 1.0:
            total += 1.0 - s
    u = start.copy()
    cols = np.arange(m)
    left = np.zeros(words, dtype=np.uint64)
    for c in range(m):
        left[c >> 6] |= _ONE << np.uint64(c & 63)
    gap, _, _ = _lagrange(
        cls, lst, reduced, size, n, cols, m, u, start, k, k - total, np.zeros(m + 1),
        np.zeros(m), np.empty(n), steps, left,
    )
    return u, k - gap
