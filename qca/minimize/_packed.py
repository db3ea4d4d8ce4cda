"""Prime implicant charts stored bit-packed: one bit per (PI, column), eight columns a byte.

A chart of 67,677 PIs x 7,760 rows (planted_k16, parsimonious) takes 525 MB as booleans
and 66 MB packed. Row ``i`` of a packed chart holds column ``c`` at bit ``c % 8`` of byte
``c // 8`` (``np.packbits(..., bitorder="little")``, padding bits 0), so identical rows
are identical bytes. Column-wise work unpacks a few columns at a time.

>>> import numpy as np
>>> chart = PackedChart.from_dense(np.array([[1, 0, 1], [0, 0, 1]], dtype=bool))
>>> chart.bits.tolist(), chart.n_cols
([[5], [4]], 3)
>>> column_stats(chart.bits, chart.n_cols)[0].tolist()  # PIs covering each column
[1, 0, 2]
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["PackedChart", "column_stats", "row_classes", "select_columns", "unpack_rows"]

#: Booleans unpacked at once by the column-wise passes (about 16 MB).
_CHUNK = 1 << 24


class PackedChart(NamedTuple):
    """A chart (PIs x columns) as packed rows: ``bits`` uint8 (n_pi, ceil(n_cols / 8))."""

    bits: np.ndarray
    n_cols: int

    @classmethod
    def from_dense(cls, chart: np.ndarray) -> PackedChart:
        """Pack a boolean chart (C- or Fortran-ordered, without a dense copy of it)."""
        chart = np.asarray(chart, dtype=bool)
        n_cols = chart.shape[1]
        if chart.flags.f_contiguous and not chart.flags.c_contiguous:
            # rows of chart.T are contiguous: pack 8 of them into each byte column
            by_col = chart.T.view(np.uint8)
            packed_t = np.zeros(((n_cols + 7) // 8, by_col.shape[1]), dtype=np.uint8)
            for c in range(n_cols):
                packed_t[c // 8] |= by_col[c] << np.uint8(c % 8)
            return cls(np.ascontiguousarray(packed_t.T), n_cols)
        return cls(np.packbits(chart, axis=1, bitorder="little"), n_cols)

    def dense(self) -> np.ndarray:
        """The boolean chart."""
        return unpack_rows(self.bits, self.n_cols)


def unpack_rows(bits: np.ndarray, n_cols: int) -> np.ndarray:
    """Boolean matrix (len(bits), n_cols) of packed rows."""
    return np.unpackbits(bits, axis=1, count=n_cols, bitorder="little").view(bool)


def row_classes(bits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct packed rows (sorted by their bytes) and each row's class number."""
    bits = np.ascontiguousarray(bits)
    width = bits.shape[1]
    if width == 0:
        return np.zeros((1 if len(bits) else 0, 0), np.uint8), np.zeros(len(bits), np.intp)
    keys = bits.view(np.dtype((np.void, width))).ravel()
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return bits[first], inverse.ravel()


def _byte_steps(n_rows: int, width: int) -> range:
    step = max(1, _CHUNK // max(1, 8 * n_rows))
    return range(0, width, step)


def column_stats(bits: np.ndarray, n_cols: int) -> tuple[np.ndarray, np.ndarray]:
    """(number of rows covering each column, first such row, 0 when none)."""
    counts = np.zeros(bits.shape[1] * 8, dtype=np.int64)
    first = np.zeros(bits.shape[1] * 8, dtype=np.int64)
    if len(bits) == 0:
        return counts[:n_cols], first[:n_cols]
    steps = _byte_steps(len(bits), bits.shape[1])
    for b in steps:
        block = np.unpackbits(bits[:, b : b + steps.step], axis=1, bitorder="little")
        counts[8 * b : 8 * b + block.shape[1]] = block.sum(axis=0)
        first[8 * b : 8 * b + block.shape[1]] = block.argmax(axis=0)
    return counts[:n_cols], first[:n_cols]


def select_columns(bits: np.ndarray, n_cols: int, keep: np.ndarray) -> np.ndarray:
    """Packed rows restricted to the columns where ``keep`` (a boolean of n_cols)."""
    width = (int(keep.sum()) + 7) // 8
    out = np.empty((len(bits), width), dtype=np.uint8)
    step = max(1, _CHUNK // max(1, n_cols))
    for s in range(0, len(bits), step):
        block = unpack_rows(bits[s : s + step], n_cols)[:, keep]
        out[s : s + step] = np.packbits(block, axis=1, bitorder="little")
    return out
