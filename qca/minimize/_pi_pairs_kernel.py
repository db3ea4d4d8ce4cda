"""The compiled loop behind :meth:`qca.minimize._pi_pairs.PairedPrimes.chart`.

Imported only when numba is installed (the ``fast`` extra); cached on disk by numba.

>>> import numpy as np
>>> out = np.zeros((2, 1), dtype=np.uint8)
>>> apart = np.array([[0, 2]], dtype=np.uint64)  # row 0 differs from column 1 on condition 1
>>> pair_chart(apart, np.array([0, 0]), np.array([1, 3], dtype=np.uint64), out)
>>> out.ravel().tolist()
[3, 1]
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["pair_chart"]


@numba.njit(cache=True, nogil=True)
def pair_chart(apart, found, masks, out):  # pragma: no cover - compiled
    """Set bit ``c % 8`` of ``out[i, c // 8]`` when ``masks[i] & apart[found[i], c] == 0``."""
    n_cols = apart.shape[1]
    for i in range(found.shape[0]):
        s = found[i]
        mask = masks[i]
        for c in range(n_cols):
            if (mask & apart[s, c]) == np.uint64(0):
                out[i, c >> 3] |= np.uint8(1 << (c & 7))
