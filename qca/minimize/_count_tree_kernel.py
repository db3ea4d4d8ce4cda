"""The compiled steps behind :mod:`qca.minimize._count_tree` (numba).

Imported only when numba is installed (the ``fast`` extra). A table holds states of a
set of at most 63 columns (its scope): for each state the covered columns (bit ``i`` is
the scope's ``i``-th column), the fewest classes reaching it, its waste (those classes
minus the duals of the columns they cover) and the number of ways, as a float (its
magnitude) and as residues (32 bits each) modulo a few primes below ``2**31`` (exact,
rebuilt by the Chinese remainder theorem). Compiled functions are cached on disk.

>>> import numpy as np
>>> primes = np.array([2147483647], dtype=np.uint64)
>>> a = (np.array([0, 3], np.uint64), np.array([0, 1], np.int64), np.zeros(2),
...      np.ones(2), np.ones((2, 1), np.uint32))
>>> b = (np.array([0, 6], np.uint64), np.array([0, 1], np.int64), np.zeros(2),
...      np.ones(2), np.ones((2, 1), np.uint32))
>>> starts = np.array([0, 2])
>>> got = join(*a, *b, np.zeros(3), 1.0, primes, 100, 1000, np.uint64(0), np.uint64(0),
...            starts, starts)
>>> got[0].tolist(), got[1].tolist(), got[6]
([0, 6, 3, 7], [0, 1, 1, 2], 0)
"""

from __future__ import annotations

import numba
import numpy as np

from qca.minimize._bit_kernel import ONE as _ONE
from qca.minimize._bit_kernel import ZERO as _ZERO
from qca.minimize._bit_kernel import low_bit as _low_bit

__all__ = ["fill_order", "join", "join_bucket", "relabel"]

#: Tolerance of the floating-point dual bounds (keeps a state whenever in doubt).
_EPS = 1e-7
_EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)  # no state has all 64 bits (scopes hold <= 63)


@numba.njit(cache=True, nogil=True)
def _slot(keys, mask, top):  # pragma: no cover - compiled
    """Slot of ``mask`` in the open-addressing table ``keys`` (or the empty one to use)."""
    h = (mask * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(20)
    s = np.int64(h & np.uint64(top))
    while keys[s] != _EMPTY and keys[s] != mask:
        s = (s + 1) & top
    return s


@numba.njit(cache=True, nogil=True)
def _mul(a, b, p):  # pragma: no cover - compiled
    """(a * b) mod p for residues below 2 ** 31, in 64 bits."""
    return (np.uint64(a) * np.uint64(b)) % p


@numba.njit(cache=True, nogil=True)
def join(ma, ca, wa, fa, ra, mb, cb, wb, fb, rb, ybits, slack, primes, cap, pair_cap, need,
         hard, a_starts, b_starts):  # pragma: no cover - compiled
    """States of two tables over disjoint classes taken together, on one scope.

    Both tables' masks are on the same scope; ``ybits`` are its columns' duals. States
    whose waste exceeds ``slack`` are dropped, and so are those without the bit ``need``
    (0: keep all). Per state only its fewest classes are kept, with their ways summed.
    Each table comes in groups of equal ``mask & hard`` (``*_starts``: group bounds),
    ``hard`` being columns whose dual alone exceeds ``slack``: two groups overlapping
    there are never paired. Within its groups ``b`` is sorted by waste (ascending), so a
    pair whose wastes alone exceed ``slack`` ends the scan of that group. Returns (masks,
    costs, wastes, float ways, residues, pairs looked at, status): status 0 done, 1 more
    than ``cap`` states, 2 more than ``pair_cap`` pairs.
    """
    n_primes = len(primes)
    size = 16
    while size < 2 * (len(ma) + len(mb)):
        size *= 2
    keys = np.full(size, _EMPTY, dtype=np.uint64)
    index = np.empty(size, dtype=np.int64)
    room = size // 2
    om = np.empty(room, dtype=np.uint64)
    oc = np.empty(room, dtype=np.int64)
    ow = np.empty(room)
    of = np.empty(room)
    orr = np.empty((room, n_primes), dtype=np.uint32)
    n = 0
    pairs = 0
    for ga in range(len(a_starts) - 1):
        for gb in range(len(b_starts) - 1):
            pairs += 1
            if (ma[a_starts[ga]] & mb[b_starts[gb]] & hard) != _ZERO:
                continue
            for i in range(a_starts[ga], a_starts[ga + 1]):
                for j in range(b_starts[gb], b_starts[gb + 1]):
                    waste = wa[i] + wb[j]
                    if waste > slack + _EPS:
                        break
                    pairs += 1
                    if pairs > pair_cap:
                        return om[:n], oc[:n], ow[:n], of[:n], orr[:n], pairs, 2
                    mask = ma[i] | mb[j]
                    if need != _ZERO and (mask & need) == _ZERO:
                        continue
                    both = ma[i] & mb[j]
                    while both != _ZERO:
                        waste += ybits[_low_bit(both)]
                        both &= both - _ONE
                    if waste > slack + _EPS:
                        continue
                    cost = ca[i] + cb[j]
                    s = _slot(keys, mask, size - 1)
                    if keys[s] == mask:
                        t = index[s]
                        if cost > oc[t]:
                            continue
                        if cost < oc[t]:
                            oc[t] = cost
                            ow[t] = waste
                            of[t] = fa[i] * fb[j]
                            for p in range(n_primes):
                                orr[t, p] = _mul(ra[i, p], rb[j, p], primes[p])
                        else:
                            of[t] += fa[i] * fb[j]
                            for p in range(n_primes):
                                add = np.uint64(orr[t, p]) + _mul(ra[i, p], rb[j, p], primes[p])
                                orr[t, p] = add - primes[p] if add >= primes[p] else add
                        continue
                    if n == cap:
                        return om[:n], oc[:n], ow[:n], of[:n], orr[:n], pairs, 1
                    keys[s] = mask
                    index[s] = n
                    om[n] = mask
                    oc[n] = cost
                    ow[n] = waste
                    of[n] = fa[i] * fb[j]
                    for p in range(n_primes):
                        orr[n, p] = _mul(ra[i, p], rb[j, p], primes[p])
                    n += 1
                    if n == room:  # grow: twice the slots, rehash
                        size *= 2
                        room = size // 2
                        keys = np.full(size, _EMPTY, dtype=np.uint64)
                        index = np.empty(size, dtype=np.int64)
                        for t in range(n):
                            s = _slot(keys, om[t], size - 1)
                            keys[s] = om[t]
                            index[s] = t
                        om = _grown_u(om, room)
                        oc = _grown_i(oc, room)
                        ow = _grown_f(ow, room)
                        of = _grown_f(of, room)
                        grown = np.empty((room, n_primes), dtype=np.uint32)
                        grown[:n] = orr[:n]
                        orr = grown
    return om[:n], oc[:n], ow[:n], of[:n], orr[:n], pairs, 0


@numba.njit(cache=True, nogil=True)
def _grown_u(a, room):  # pragma: no cover - compiled
    out = np.empty(room, dtype=np.uint64)
    out[: len(a)] = a
    return out


@numba.njit(cache=True, nogil=True)
def _grown_i(a, room):  # pragma: no cover - compiled
    out = np.empty(room, dtype=np.int64)
    out[: len(a)] = a
    return out


@numba.njit(cache=True, nogil=True)
def _grown_f(a, room):  # pragma: no cover - compiled
    out = np.empty(room)
    out[: len(a)] = a
    return out


@numba.njit(cache=True, nogil=True)
def _neighbours(adj, alive, v, near):  # pragma: no cover - compiled
    """Live neighbours of ``v`` written to ``near``; returns their number."""
    d = 0
    for w in range(adj.shape[1]):
        word = adj[v, w] & alive[w]
        while word != _ZERO:
            near[d] = 64 * w + _low_bit(word)
            d += 1
            word &= word - _ONE
    return d


@numba.njit(cache=True, nogil=True)
def _fill(adj, alive, v, near):  # pragma: no cover - compiled
    """Edges missing among the live neighbours of ``v`` (added when ``v`` goes)."""
    d = _neighbours(adj, alive, v, near)
    missing = 0
    for a in range(d):
        x = near[a]
        for b in range(a + 1, d):
            y = near[b]
            if (adj[x, y >> 6] >> np.uint64(y & 63)) & _ONE == _ZERO:
                missing += 1
    return missing


@numba.njit(cache=True, nogil=True)
def _link(adj, x, y):  # pragma: no cover - compiled
    adj[x, y >> 6] |= _ONE << np.uint64(y & 63)


@numba.njit(cache=True, nogil=True)
def _unlink(adj, x, y):  # pragma: no cover - compiled
    adj[x, y >> 6] &= ~(_ONE << np.uint64(y & 63))


@numba.njit(cache=True, nogil=True)
def _before(f1, d1, v1, f2, d2, v2):  # pragma: no cover - compiled
    """Whether (fill, degree, vertex) ``1`` comes before ``2`` (lexicographic)."""
    return f1 < f2 or (f1 == f2 and (d1 < d2 or (d1 == d2 and v1 < v2)))


@numba.njit(cache=True, nogil=True)
def _push(heap, n, f, d, v):  # pragma: no cover - compiled
    """Adds (fill, degree, vertex) to the binary min-heap ``heap`` (rows 0..2) of ``n``
    entries, growing it when full; returns the heap."""
    if n == heap.shape[1]:
        grown = np.empty((3, 2 * n), dtype=np.int64)
        grown[:, :n] = heap
        heap = grown
    i = n
    while i > 0:
        p = (i - 1) >> 1
        if not _before(f, d, v, heap[0, p], heap[1, p], heap[2, p]):
            break
        heap[:, i] = heap[:, p]
        i = p
    heap[0, i] = f
    heap[1, i] = d
    heap[2, i] = v
    return heap


@numba.njit(cache=True, nogil=True)
def _pop(heap, n):  # pragma: no cover - compiled
    """Removes the first entry of the heap of ``n`` entries (``n >= 1``)."""
    n -= 1
    f, d, v = heap[0, n], heap[1, n], heap[2, n]
    i = 0
    while True:
        c = 2 * i + 1
        if c >= n:
            break
        if c + 1 < n and _before(heap[0, c + 1], heap[1, c + 1], heap[2, c + 1],
                                 heap[0, c], heap[1, c], heap[2, c]):
            c += 1
        if not _before(heap[0, c], heap[1, c], heap[2, c], f, d, v):
            break
        heap[:, i] = heap[:, c]
        i = c
    heap[0, i] = f
    heap[1, i] = d
    heap[2, i] = v


@numba.njit(cache=True, nogil=True)
def fill_order(adj, limit):  # pragma: no cover - compiled
    """Greedy elimination order of a graph (``adj``: symmetric adjacency bit rows, no
    loops): fewest edges added first, then fewest neighbours, then lowest index. Stops
    before a vertex with more than ``limit`` neighbours left. Returns (order, its length,
    the widest neighbourhood met: the width when the order is complete).

    The next vertex comes from a min-heap of (fill, degree, vertex) entries, stale ones
    skipped. Eliminating ``v`` changes the fill of its neighbours (recounted) and, for a
    vertex ``u`` outside them, only through the edges added among them: each edge added
    between two neighbours of ``u`` takes one off its fill.
    """
    m, words = adj.shape
    adj = adj.copy()
    alive = np.zeros(words, dtype=np.uint64)
    for v in range(m):
        _link(alive.reshape(1, words), 0, v)
    near = np.empty(m, dtype=np.int64)
    other = np.empty(m, dtype=np.int64)
    degree = np.zeros(m, dtype=np.int64)
    fill = np.zeros(m, dtype=np.int64)
    heap = np.empty((3, 2 * m + 16), dtype=np.int64)
    n = 0
    for v in range(m):
        degree[v] = _neighbours(adj, alive, v, near)
        fill[v] = _fill(adj, alive, v, near)
        heap = _push(heap, n, fill[v], degree[v], v)
        n += 1
    gone = np.zeros(m, dtype=np.bool_)
    order = np.empty(m, dtype=np.int64)
    width = 0
    for step in range(m):
        best = heap[2, 0]
        while gone[best] or heap[0, 0] != fill[best] or heap[1, 0] != degree[best]:
            _pop(heap, n)  # stale: the vertex went, or its fill or degree changed since
            n -= 1
            best = heap[2, 0]
        if degree[best] > limit:
            return order, step, degree[best]
        _pop(heap, n)
        n -= 1
        width = max(width, degree[best])
        order[step] = best
        gone[best] = True
        _unlink(alive.reshape(1, words), 0, best)
        d = _neighbours(adj, alive, best, near)
        for a in range(d):
            x = near[a]
            _unlink(adj, x, best)
            degree[x] -= 1
            for b in range(a + 1, d):
                y = near[b]
                if (adj[x, y >> 6] >> np.uint64(y & 63)) & _ONE == _ZERO:
                    _link(adj, x, y)
                    _link(adj, y, x)
                    degree[x] += 1
                    degree[y] += 1
                    for w in range(words):  # live vertices next to both: one edge less missing
                        word = adj[x, w] & adj[y, w] & alive[w]
                        while word != _ZERO:
                            u = 64 * w + _low_bit(word)
                            fill[u] -= 1
                            heap = _push(heap, n, fill[u], degree[u], u)
                            n += 1
                            word &= word - _ONE
        for a in range(d):  # the neighbours: recounted (their neighbourhoods changed)
            x = near[a]
            fill[x] = _fill(adj, alive, x, other)
            heap = _push(heap, n, fill[x], degree[x], x)
            n += 1
    return order, m, width


@numba.njit(cache=True, nogil=True)
def relabel(masks, positions):  # pragma: no cover - compiled
    """Masks with bit ``i`` moved to bit ``positions[i]`` (every position >= 0)."""
    out = np.zeros(len(masks), dtype=np.uint64)
    for s in range(len(masks)):
        word = masks[s]
        moved = _ZERO
        while word != _ZERO:
            moved |= _ONE << np.uint64(positions[_low_bit(word)])
            word &= word - _ONE
        out[s] = moved
    return out


@numba.njit(cache=True, nogil=True)
def _grouped(masks, wastes, hard, by_waste):  # pragma: no cover - compiled
    """(order of the states by ``mask & hard``, then by waste when ``by_waste``, ties in
    place; the bounds of the groups of equal ``mask & hard`` in that order)."""
    n = len(masks)
    keys = masks & hard
    if by_waste:
        first = np.argsort(wastes, kind="mergesort")
        order = first[np.argsort(keys[first], kind="mergesort")]
    else:
        order = np.argsort(keys, kind="mergesort")
    starts = np.empty(n + 1, dtype=np.int64)
    starts[0] = 0
    g = 1
    for i in range(1, n):
        if keys[order[i]] != keys[order[i - 1]]:
            starts[g] = i
            g += 1
    if n > 0:
        starts[g] = n
        g += 1
    return order, starts[:g]


@numba.njit(cache=True, nogil=True)
def join_bucket(masks, costs, wastes, floats, residues, bounds, ybits, slack, primes, cap,
                pairs_left, need):  # pragma: no cover - compiled
    """The tables ``bounds[t]:bounds[t + 1]`` of the concatenated states (all on one
    scope, ``ybits`` its duals) joined in turn by :func:`join`, as the elimination joins
    a bucket: the larger table of a pair first, columns whose dual alone passes the slack
    left by both tables' least wastes as ``hard``, the last join keeping only states with
    the bit ``need``. Returns (masks, costs, wastes, floats, residues, pairs looked at,
    status): status 0 done, else that of the join that stopped (past ``cap`` states or
    ``pairs_left`` pairs, counted over the joins)."""
    lo, hi = bounds[0], bounds[1]
    mm, mc, mw = masks[lo:hi].copy(), costs[lo:hi].copy(), wastes[lo:hi].copy()
    mf, mr = floats[lo:hi].copy(), residues[lo:hi].copy()
    total = 0
    for t in range(1, len(bounds) - 1):
        lo, hi = bounds[t], bounds[t + 1]
        am, ac, aw, af, ar = mm, mc, mw, mf, mr
        bm, bc, bw, bf, br = masks[lo:hi], costs[lo:hi], wastes[lo:hi], floats[lo:hi], residues[lo:hi]
        if len(am) < len(bm):
            am, ac, aw, af, ar, bm, bc, bw, bf, br = bm, bc, bw, bf, br, am, ac, aw, af, ar
        least = min(min(aw.min(), 0.0) if len(aw) else 0.0, 0.0)
        least += min(min(bw.min(), 0.0) if len(bw) else 0.0, 0.0)
        over = slack + _EPS - least
        hard = _ZERO
        for i in range(len(ybits)):
            if ybits[i] > over:
                hard |= _ONE << np.uint64(i)
        a_order, a_starts = _grouped(am, aw, hard, False)
        b_order, b_starts = _grouped(bm, bw, hard, True)
        got = join(
            am[a_order], ac[a_order], aw[a_order], af[a_order], ar[a_order],
            bm[b_order], bc[b_order], bw[b_order], bf[b_order], br[b_order],
            ybits, slack, primes, cap, max(pairs_left - total, 0),
            need if t == len(bounds) - 2 else _ZERO, hard, a_starts, b_starts,
        )
        mm, mc, mw, mf, mr = got[0], got[1], got[2], got[3], got[4]
        total += got[5]
        if got[6] != 0 or total > pairs_left:
            return mm, mc, mw, mf, mr, total, max(got[6], 2)
    return mm, mc, mw, mf, mr, total, 0
