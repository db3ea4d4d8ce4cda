"""Bit primitives on 64-bit words shared by the compiled kernels (numba).

Imported only by :mod:`qca.minimize._mmcs_kernel` and :mod:`qca.minimize._optimal_kernel`,
so only when numba is installed. These are fixed arithmetic: numba's on-disk cache of a
caller is not invalidated when a function it calls from another module changes, so keep
them unchanged (or clear ``__pycache__`` after changing them).

>>> import numpy as np
>>> low_bit(np.uint64(0b10100)), popcount(np.uint64(0b10110))
(2, 3)
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["ONE", "ZERO", "low_bit", "popcount"]

ONE = np.uint64(1)
ZERO = np.uint64(0)
_DE_BRUIJN = np.uint64(0x03F79D71B4CB0A89)
_SHIFT = np.uint64(58)
#: position of the set bit of a power of two x: _BIT_INDEX[(x * _DE_BRUIJN) >> 58]
_BIT_INDEX = np.zeros(64, dtype=np.int64)
for _i in range(64):
    _BIT_INDEX[(((1 << _i) * int(_DE_BRUIJN)) & (2**64 - 1)) >> 58] = _i


@numba.njit(cache=True, nogil=True)
def low_bit(x):  # pragma: no cover - compiled
    """Index of the lowest set bit of x (x != 0)."""
    return _BIT_INDEX[((x & (~x + ONE)) * _DE_BRUIJN) >> _SHIFT]


@numba.njit(cache=True, nogil=True)
def popcount(x):  # pragma: no cover - compiled
    """Number of set bits of the 64-bit word x."""
    x = x - ((x >> np.uint64(1)) & np.uint64(0x5555555555555555))
    x = (x & np.uint64(0x3333333333333333)) + ((x >> np.uint64(2)) & np.uint64(0x3333333333333333))
    x = (x + (x >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return int((x * np.uint64(0x0101010101010101)) >> np.uint64(56))
