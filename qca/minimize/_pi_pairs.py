"""Parsimonious prime implicants kept as (row, condition mask) pairs, decoded on demand.

The transversal enumeration (:mod:`qca.minimize._transversal`) finds each PI as the
positive row it was found from and the conditions it fixes there. random_40x100 has 3.4
million PIs: decoded, 136 MB of int8 terms, while the chart needs only which positive
rows each covers and the models only a few dozen terms. :class:`PairedPrimes` holds the
pairs in R's order and behaves as the (m, k) term array for what the solver asks of it
(``len``, ``shape``, indexing a PI or a list of PIs, ``np.asarray``), decoding only the
PIs asked for; :meth:`PairedPrimes.chart` builds the bit-packed chart from the pairs.

PI (row s, mask) has a literal ``rows[s, j]`` on each condition j of the mask (none
where that value is -1) and covers positive row r when r holds each of those literals:
when ``mask & apart[s, r] == 0``, ``apart[s, r]`` being the conditions where s has a
value that r lacks.

>>> import numpy as np
>>> pis = PairedPrimes(np.array([[1, 0], [0, 1]], np.int8), np.array([0, 1, 0]),
...                    np.array([1, 2, 3], dtype=np.uint64))
>>> pis[2].tolist(), pis[[0, 1]].tolist(), pis.shape
([1, 0], [[1, -1], [-1, 1]], (3, 2))
>>> pis.chart(np.array([[1, 0], [0, 1], [1, 1]])).bits.tolist()  # covers rows 0, 2 / 1, 2 / 0
[[5], [6], [1]]
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from qca.minimize._compiled import load_kernel
from qca.minimize._packed import PackedChart
from qca.minimize._transversal import compiled_available

__all__ = ["COMPILED_FROM", "PairedPrimes"]

#: (PI, row) pairs from which the chart is built by the compiled loop when numba is not
#: loaded yet (its import costs about a second; below this NumPy is as fast).
COMPILED_FROM = 50_000_000
#: PIs decoded at once when the whole array is asked for.
_BLOCK = 1 << 16


class PairedPrimes:
    """PIs as (row of ``rows``, condition mask) pairs, in the order given.

    Parameters
    ----------
    rows : ndarray (n_rows, k)
        The positive rows the PIs were found from (-1 = ``"-"``).
    found : ndarray of int
        Row of each PI.
    masks : ndarray of uint64
        Conditions of each PI (bit j: condition j), k <= 64.
    """

    __slots__ = ("rows", "found", "masks")

    def __init__(self, rows: np.ndarray, found: np.ndarray, masks: np.ndarray):
        self.rows = np.asarray(rows)
        self.found = np.asarray(found, dtype=np.intp)
        self.masks = np.asarray(masks, dtype=np.uint64)

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.found), self.rows.shape[1])

    @property
    def dtype(self) -> np.dtype[Any]:
        return self.rows.dtype

    @property
    def ndim(self) -> int:
        return 2

    def __len__(self) -> int:
        return len(self.found)

    def __getitem__(self, index: Any) -> Any:
        """Decoded terms: one (1-D) for an integer, else one per index (2-D)."""
        if isinstance(index, (int, np.integer)):
            return self._decode(np.array([index], dtype=np.intp))[0]
        picked = np.arange(len(self))[index] if isinstance(index, slice) else index
        return self._decode(np.asarray(picked, dtype=np.intp).reshape(-1))

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        out = np.empty(self.shape, dtype=self.rows.dtype)
        for lo in range(0, len(self), _BLOCK):
            out[lo : lo + _BLOCK] = self._decode(np.arange(lo, min(len(self), lo + _BLOCK)))
        return out if dtype is None else out.astype(dtype, copy=False)

    def _decode(self, picked: np.ndarray) -> np.ndarray:
        """Terms ``picked``: the row's value where the mask has a bit, -1 elsewhere."""
        values = self.rows[self.found[picked]]
        k = self.rows.shape[1]
        raw = np.ascontiguousarray(self.masks[picked], dtype="<u8").view(np.uint8)
        bits = np.unpackbits(raw.reshape(len(picked), 8), axis=1, count=k, bitorder="little")
        # (v + 1) * bit - 1, in place
        values += 1
        values *= bits.view(np.int8).astype(values.dtype, copy=False)
        values -= 1
        return values

    def chart(self, on: np.ndarray) -> PackedChart:
        """Bit-packed chart of the PIs (rows) against the positive rows ``on`` (columns)."""
        on = np.asarray(on)
        n, n_on = len(self), len(on)
        k = self.rows.shape[1]
        values = self.rows.astype(np.int64)
        differ = (values[:, None, :] != np.asarray(on, dtype=np.int64)[None, :, :]) & (
            values[:, None, :] >= 0
        )
        weights = np.uint64(1) << np.arange(k, dtype=np.uint64)
        apart = np.bitwise_or.reduce(np.where(differ, weights, np.uint64(0)), axis=2)
        apart = np.ascontiguousarray(apart.reshape(len(values), n_on), dtype=np.uint64)
        out = np.zeros((n, (n_on + 7) // 8), dtype=np.uint8)
        if n == 0 or n_on == 0:
            return PackedChart(out, n_on)
        kernel = _kernel(n * n_on)
        if kernel is not None:
            kernel.pair_chart(apart, self.found, self.masks, out)
            return PackedChart(out, n_on)
        out_t = np.zeros(((n_on + 7) // 8, n), dtype=np.uint8)
        hit = np.empty(n, dtype=np.uint64)
        flag = np.empty(n, dtype=bool)
        for r in range(n_on):
            np.take(apart[:, r], self.found, out=hit)
            np.bitwise_and(hit, self.masks, out=hit)
            np.equal(hit, 0, out=flag)
            out_t[r // 8] |= flag.view(np.uint8) << np.uint8(r % 8)
        return PackedChart(np.ascontiguousarray(out_t.T), n_on)


def _kernel(pairs: int) -> Any:
    """The compiled chart loop when numba is loaded already or the chart is large (and
    numba usable); else None."""
    if not compiled_available():
        return None
    if pairs < COMPILED_FROM and "numba" not in sys.modules:
        return None
    return load_kernel("_pi_pairs_kernel")
