"""The compiled search behind :func:`qca.minimize._count_search.count_within`.

Imported only when numba is installed (the ``fast`` extra). It walks the tree of the
decision search of :mod:`qca.minimize._proof_kernel` (heavy-class or column branching,
a Lagrangian bound per node, reduced-cost fixing; its branching set and a child's
classes and weights come from the helpers there) to the end, counting every cover it meets instead of stopping
at the first. Its Lagrangian steps are its own (plain: every cost recomputed each step,
no stop at a cover). Compiled functions are cached on disk (numba does not recompile a
caller when a helper it calls from another module changes: clear ``__pycache__`` then).

>>> import numpy as np
>>> cls = np.array([[0b011], [0b110], [0b101], [0b100]], dtype=np.uint64)
>>> out = np.zeros((10, 2), dtype=np.int64)
>>> y = np.array([0.5, 0.5, 0.5])
>>> count_covers(cls, 3, y, np.array([1, 1, 1, 2]), 2, 10_000, 5, out)[:3]
(0, 5, 4)
"""

from __future__ import annotations

import numba
import numpy as np

from qca.minimize._bit_kernel import ONE as _ONE
from qca.minimize._bit_kernel import ZERO as _ZERO
from qca.minimize._bit_kernel import low_bit as _low_bit
from qca.minimize._proof_kernel import (
    _branching_set,
    _column_sum,
    _keep_tally,
    _most_negative,
    child_classes,
    child_duals,
    root_node,
)

__all__ = ["count_covers"]

#: Tolerance of the floating-point bounds (keeps a branch whenever in doubt).
_EPS = 1e-7
#: Largest count (or product of class weights) kept in int64; past it the search stops.
_BIG = float(2**62)


@numba.njit(cache=True, nogil=True)
def _costs(cls, left, words, items, n_items, u, cost):  # pragma: no cover - compiled
    """Reduced cost ``1 - u(columns of the class within left)`` of each listed class."""
    for t in range(n_items):
        j = items[t]
        s = 0.0
        for w in range(words):
            x = cls[j, w] & left[w]
            while x != _ZERO:
                s += u[w * 64 + _low_bit(x)]
                x &= x - _ONE
        cost[t] = 1.0 - s


@numba.njit(cache=True, nogil=True)
def _lagrange(cls, left, words, m, items, n_items, r, u, steps, cost, pick, scratch, hits,
              best_u):  # pragma: no cover - compiled
    """Subgradient steps on the Lagrangian bound of covering ``left`` by at most ``r``
    of the listed classes: for weights ``u >= 0``, ``u(left)`` plus the ``r`` most
    negative reduced costs is at most the size of any such cover. The best ``u`` found
    replaces ``u``. Returns (False when the bound exceeds ``r``: no such cover, classes
    looked at)."""
    best = -1e30
    factor = 1.0
    stall = 0
    looks = 0
    for c in range(m):
        best_u[c] = u[c]
    for _ in range(steps):
        _costs(cls, left, words, items, n_items, u, cost)
        looks += n_items
        low, q = _most_negative(cost, n_items, r, pick, scratch)
        value = _column_sum(left, words, u) + low
        if value > best + 1e-9:
            best = value
            stall = 0
            for c in range(m):
                best_u[c] = u[c]
            if best > r + _EPS:
                return False, looks
        else:
            stall += 1
            if stall >= 3:
                factor *= 0.5
                stall = 0
        for c in range(m):
            hits[c] = 0
        for a in range(q):  # the subgradient: 1 - picked classes holding each column
            j = items[pick[a]]
            for w in range(words):
                x = cls[j, w] & left[w]
                while x != _ZERO:
                    hits[w * 64 + _low_bit(x)] += 1
                    x &= x - _ONE
        norm = 0.0
        for w in range(words):
            x = left[w]
            while x != _ZERO:
                g = 1.0 - hits[w * 64 + _low_bit(x)]
                norm += g * g
                x &= x - _ONE
        if norm == 0.0:
            break
        step = factor * (r + 1.0 - value) / norm
        for w in range(words):
            x = left[w]
            while x != _ZERO:
                c = w * 64 + _low_bit(x)
                v = u[c] + step * (1.0 - hits[c])
                u[c] = v if v > 0.0 else 0.0
                x &= x - _ONE
    for c in range(m):
        u[c] = best_u[c]
    return True, looks


@numba.njit(cache=True, nogil=True)
def _fix(cls, left, words, m, items, n_items, r, u, cost, pick, scratch, size, count, largest):  # pragma: no cover - compiled
    """Reduced-cost fixing of the listed classes with the weights ``u``, in place.

    A class of positive reduced cost that, added to ``u(left)`` and the ``r - 1`` most
    negative other costs, lifts the Lagrangian bound above ``r`` is in no cover of
    ``left`` by at most ``r`` classes. The classes kept get their cost into ``cost``,
    their columns within ``left`` into ``size``; ``count`` counts each column's
    candidates and ``largest`` the classes of each size. Returns how many are kept.
    """
    _costs(cls, left, words, items, n_items, u, cost)
    low, _ = _most_negative(cost, n_items, r - 1, pick, scratch)
    base = _column_sum(left, words, u) + low
    return _keep_tally(cls, left, words, m, items, cost, n_items, base, r, size, count, largest)


@numba.njit(cache=True, nogil=True)
def count_covers(cls, m, y, weights, k, work_limit, steps, out):  # pragma: no cover - compiled
    """Weighted number of covers of all ``m`` columns by ``k`` classes of ``cls``.

    ``k`` must be the minimum size of a cover; ``y``: column weights to start from (the
    linear relaxation's duals are best). The first covers found are written to ``out``
    (one row each, class indices in the order taken). Returns (status, count, covers
    written, work): status 0 done, 1 ``work_limit`` reached, 2 count beyond int64,
    3 a cover of fewer than ``k`` classes met (``k`` is not the minimum). When the
    status is not 0, ``count`` is the weighted number of the covers met so far: each is
    met once, so it is a lower bound on the whole. The work counts classes looked at.

    Each node (columns left U, classes left r, classes allowed) takes ``steps``
    subgradient steps of the Lagrangian bound from its parent's weights (pruned when
    the bound exceeds r); reduced-cost fixing before and after drops the classes in no
    cover of U by r classes. It branches on a set of classes every such cover meets:
    the candidates of the column with fewest, or the heavy classes (weight at least
    ``v(U) / r``) when fewer. The i-th branch takes the set's i-th class and forbids the
    earlier ones, so each cover is counted in exactly one branch. No swap (dominance)
    rule: it would lose covers.
    """
    n, words = cls.shape
    lst = np.empty((k + 1, n), dtype=np.int32)  # classes allowed, per level
    length = np.zeros(k + 1, dtype=np.int64)
    branch = np.empty((k + 1, n), dtype=np.int32)  # classes to branch on, per level
    n_branch = np.zeros(k + 1, dtype=np.int64)
    position = np.zeros(k + 1, dtype=np.int64)
    spread = np.full(k + 1, -1.0)  # beta of a heavy-class branching, else -1
    left = np.zeros((k + 2, words), dtype=np.uint64)
    duals = np.zeros((k + 1, m))
    factor = np.ones(k + 2, dtype=np.int64)  # product of the weights of the classes taken
    chosen = np.zeros(k + 1, dtype=np.int64)
    banned = np.zeros(n, dtype=np.bool_)
    cost = np.zeros(n)
    pick = np.zeros(n, dtype=np.int32)
    scratch = np.zeros(n)
    hits = np.zeros(m, dtype=np.int64)
    best_u = np.zeros(m)
    count = np.zeros(m, dtype=np.int64)
    size = np.zeros(n, dtype=np.int64)
    largest = np.zeros(m + 1, dtype=np.int64)
    cap = out.shape[0]
    total = 0
    total_f = 0.0
    written = 0
    work = 0
    if m == 0 or k < 1:
        return 0, 0, 0, 0
    root_node(left, lst, length, duals, m, n, y)
    level = 0
    fresh = True
    while level >= 0:
        if fresh:
            fresh = False
            r = k - level
            items = lst[level]
            n_branch[level] = 0
            position[level] = 0
            work += length[level]
            n_items = _fix(cls, left[level], words, m, items, length[level], r, duals[level],
                           cost, pick, scratch, size, count, largest)
            alive, looks = _lagrange(cls, left[level], words, m, items, n_items, r,
                                     duals[level], steps, cost, pick, scratch, hits, best_u)
            work += looks
            if alive:
                kept = _fix(cls, left[level], words, m, items, n_items, r, duals[level],
                            cost, pick, scratch, size, count, largest)
                length[level] = kept
                order, beta, extra = _branching_set(cls, items, kept, left[level], words, m,
                                                    duals[level], r, cost, size, count,
                                                    largest, 0, pick, scratch)
                work += extra
                spread[level] = beta
                for a in range(len(order)):
                    branch[level, a] = items[order[a]]
                n_branch[level] = len(order)
        # next branch of the node at ``level``
        p = position[level]
        if p >= n_branch[level]:
            for b in range(p):
                banned[branch[level, b]] = False
            level -= 1
            continue
        if work > work_limit:
            return 1, total, written, work
        if p > 0:
            banned[branch[level, p - 1]] = True
        i = branch[level, p]
        position[level] = p + 1
        chosen[level] = i
        nxt = level + 1
        r = k - nxt
        if float(factor[level]) * float(weights[i]) > _BIG:
            return 2, total, written, work
        factor[nxt] = factor[level] * weights[i]
        empty = True
        for w in range(words):
            left[nxt, w] = left[level, w] & ~cls[i, w]
            if left[nxt, w] != _ZERO:
                empty = False
        if empty:
            if r > 0:
                return 3, total, written, work
            total_f += float(factor[nxt])
            if total_f > _BIG:  # (``total`` stays exact: the covers before this one)
                return 2, total, written, work
            total += factor[nxt]
            if written < cap:
                for e in range(nxt):
                    out[written, e] = chosen[e]
                written += 1
            continue
        if r == 0:
            continue
        filled = child_classes(cls, lst[level], length[level], banned, i, left[nxt], words, r,
                               lst[nxt])
        if r == 1:  # each class that holds every column left ends a cover
            for a in range(filled):
                j = lst[nxt, a]
                total_f += float(factor[nxt]) * float(weights[j])
                if total_f > _BIG:
                    return 2, total, written, work
                total += factor[nxt] * weights[j]
                if written < cap:
                    for e in range(nxt):
                        out[written, e] = chosen[e]
                    out[written, nxt] = j
                    written += 1
            work += length[level]
            continue
        work += length[level]
        length[nxt] = filled
        child_duals(cls, i, left[level], left[nxt], words, m, duals[level], spread[level],
                    duals[nxt])
        level = nxt
        fresh = True
    return 0, total, written, work
