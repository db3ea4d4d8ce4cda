"""The compiled MMCS kernel behind :func:`qca.minimize._transversal.row_transversals`.

Imported only when numba is installed (the ``fast`` extra). The search is the one of
:mod:`qca.minimize._transversal` written with an explicit stack over 64-bit condition
masks and multi-word masks of negative rows, so it returns the same (row, mask) pairs in
the same order as the Python version (sets covering an earlier positive row are dropped
at the leaves, by masks of the earlier rows each set separates, kept per level). Compiled
functions are cached on disk by numba.

>>> import numpy as np
>>> rows, masks = row_transversals_compiled(np.array([[1, 1], [0, 1]]), np.array([[0, 0]]))
>>> rows.tolist(), masks.tolist()
([0, 0], [1, 2])
"""

from __future__ import annotations

import numba
import numpy as np

from qca.minimize._bit_kernel import ONE as _ONE
from qca.minimize._bit_kernel import ZERO as _ZERO
from qca.minimize._bit_kernel import low_bit as _low_index

__all__ = ["row_transversals_compiled"]


@numba.njit(cache=True, nogil=True)
def _kernel(on, off, start, out_rows, out_masks, n_out):  # pragma: no cover - compiled
    """Fill out_rows/out_masks from row ``start`` on; stop at a row whose PIs do not fit.

    Returns (next row to do, number of pairs written); next row == len(on) when done.
    """
    n_on, k = on.shape
    n_off = off.shape[0]
    words = (n_off + 63) // 64
    edge = np.empty(n_off, dtype=np.uint64)
    size = np.empty(n_off, dtype=np.int64)
    hit = np.zeros((k, words), dtype=np.uint64)
    all_neg = np.zeros(words, dtype=np.uint64)
    for r in range(n_off):
        all_neg[r >> 6] |= _ONE << np.uint64(r & 63)
    # the search stack, one level per member of the growing set
    s_mask = np.zeros(k + 1, dtype=np.uint64)
    s_cand = np.zeros(k + 1, dtype=np.uint64)
    s_branch = np.zeros(k + 1, dtype=np.uint64)
    s_tried = np.zeros(k + 1, dtype=np.uint64)
    s_uncov = np.zeros((k + 1, words), dtype=np.uint64)
    s_crit = np.zeros((k + 1, k + 1, words), dtype=np.uint64)
    q_words = max(1, (n_on + 63) // 64)
    s_apart = np.zeros((k + 1, q_words), dtype=np.uint64)  # earlier rows the set separates
    full = np.zeros(q_words, dtype=np.uint64)
    apart = np.zeros((k, q_words), dtype=np.uint64)
    for p in range(start, n_on):
        mark = n_out
        # edges: for each negative row, the conditions where it and p differ
        meets = False
        for r in range(n_off):
            m = _ZERO
            for j in range(k):
                if on[p, j] >= 0 and off[r, j] >= 0 and on[p, j] != off[r, j]:
                    m |= _ONE << np.uint64(j)
            if m == _ZERO:
                meets = True
                break
            edge[r] = m
            c = 0
            while m != _ZERO:
                m &= m - _ONE
                c += 1
            size[r] = c
        if meets:
            continue  # p meets a negative row: no implicant covers it
        order = np.argsort(size, kind="mergesort")  # small edges first (stable)
        edges = edge[order]
        hit[:, :] = _ZERO
        for e in range(n_off):
            m = edges[e]
            while m != _ZERO:
                j = _low_index(m)
                m &= m - _ONE
                hit[j, e >> 6] |= _ONE << np.uint64(e & 63)
        # apart[j]: earlier positive rows differing from p on condition j; full: all of them
        q_used = (p + 63) // 64  # words holding the earlier rows
        apart[:, :q_used] = _ZERO
        full[:q_used] = _ZERO
        for q in range(p):
            full[q >> 6] |= _ONE << np.uint64(q & 63)
            for j in range(k):
                if on[q, j] != on[p, j]:
                    apart[j, q >> 6] |= _ONE << np.uint64(q & 63)
        cand0 = _ZERO
        for j in range(k):
            for w in range(words):
                if hit[j, w] != _ZERO:
                    cand0 |= _ONE << np.uint64(j)
                    break
        # enter the root
        d = 0
        s_mask[0] = _ZERO
        s_apart[0, :q_used] = _ZERO
        s_cand[0] = cand0
        for w in range(words):
            s_uncov[0, w] = all_neg[w]
        entering = True
        while d >= 0:
            if entering:
                entering = False
                w = 0
                while s_uncov[d, w] == _ZERO:
                    w += 1
                e = w * 64 + _low_index(s_uncov[d, w])
                s_branch[d] = edges[e] & s_cand[d]
                s_cand[d] &= ~s_branch[d]
            if s_branch[d] == _ZERO:
                d -= 1
                if d >= 0:
                    s_cand[d] |= s_tried[d]
                continue
            b = s_branch[d]
            v = b & (~b + _ONE)
            s_branch[d] = b ^ v
            j = _low_index(v)
            good = True
            for i in range(d):
                nonzero = False
                for w in range(words):
                    crit = s_crit[d, i, w] & ~hit[j, w]
                    s_crit[d + 1, i, w] = crit
                    if crit != _ZERO:
                        nonzero = True
                if not nonzero:
                    good = False
                    break
            if not good:
                s_cand[d] |= v
                continue
            rest = False
            for w in range(words):
                u = s_uncov[d, w] & ~hit[j, w]
                s_uncov[d + 1, w] = u
                if u != _ZERO:
                    rest = True
            if not rest:
                found = s_mask[d] | v
                separates = True  # the set covers no earlier positive row
                for w in range(q_used):
                    if (s_apart[d, w] | apart[j, w]) != full[w]:
                        separates = False
                        break
                if separates:
                    if n_out == len(out_masks):
                        return p, mark
                    out_rows[n_out] = p
                    out_masks[n_out] = found
                    n_out += 1
                s_cand[d] |= v
                continue
            for w in range(words):
                s_crit[d + 1, d, w] = s_uncov[d, w] & hit[j, w]
            s_tried[d] = v
            s_mask[d + 1] = s_mask[d] | v
            for w in range(q_used):
                s_apart[d + 1, w] = s_apart[d, w] | apart[j, w]
            s_cand[d + 1] = s_cand[d]
            d += 1
            entering = True
    return n_on, n_out


def row_transversals_compiled(
    on: np.ndarray, off: np.ndarray, start: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """(row, condition mask) of each parsimonious PI found from rows ``start`` on.

    ``on`` and ``off`` are int64 arrays with at most 64 columns and ``off`` non-empty.
    """
    on = np.ascontiguousarray(on, dtype=np.int64)
    off = np.ascontiguousarray(off, dtype=np.int64)
    capacity = 1 << 16
    rows = np.empty(capacity, dtype=np.int64)
    masks = np.empty(capacity, dtype=np.uint64)
    n = 0
    while True:
        start, n = _kernel(on, off, start, rows, masks, n)
        if start >= len(on):
            capacity = n
        else:
            capacity *= 2  # the PIs of row ``start`` did not fit: grow and redo that row
        # in place (realloc): no second copy of millions of PIs; nothing else refers to them
        rows.resize(capacity, refcheck=False)
        masks.resize(capacity, refcheck=False)
        if start >= len(on):
            return rows, masks
