"""The compiled search behind :func:`qca.minimize._proof_search.cover_within`.

Imported only when numba is installed (the ``fast`` extra). Classes and column sets are
multi-word 64-bit masks; the depth-first search keeps one level per class chosen (at
most ``k`` levels) in preallocated arrays. Compiled functions are cached on disk.

>>> import numpy as np
>>> cls = np.array([[0b011], [0b110], [0b101]], dtype=np.uint64)
>>> ptr, col = np.array([0, 2, 4, 6]), np.array([0, 1, 1, 2, 0, 2], dtype=np.int32)
>>> y = np.array([0.5, 0.5, 0.5])
>>> out = np.zeros(3, dtype=np.int64)
>>> search_cover(cls, ptr, col, 3, y, 1, 10_000, 20, out)[:2]  # one class cannot hold 3
(0, 0)
>>> status, size, work = search_cover(cls, ptr, col, 3, y, 2, 10_000, 20, out)
>>> status, sorted(out[:size].tolist())
(1, [0, 1])
"""

from __future__ import annotations

import numba
import numpy as np

from qca.minimize._bit_kernel import ONE as _ONE
from qca.minimize._bit_kernel import ZERO as _ZERO
from qca.minimize._bit_kernel import low_bit as _low_bit
from qca.minimize._bit_kernel import popcount as _popcount

__all__ = ["search_cover"]

#: Tolerance of the floating-point bounds (keeps a branch whenever in doubt).
_EPS = 1e-7
#: The subgradient steps aim at a bound this far above the classes left (Polyak's step
#: to a target; random_30x200, no 11-cover: 1.24 billion looks aiming 1 above, 0.98
#: aiming 0.2 above, 1.03 aiming 0.4 above).
_TARGET = 0.2
#: Deflection of the subgradient steps (:func:`_bound`; random_30x200, no 11-cover: 0.98
#: billion looks undeflected, 0.86 with 1.0, 0.87 with 1.5 and 2.0; random_20x200, no
#: 13-cover: 10.5, 9.2 and 9.6 million).
_DEFLECT = 1.0
#: A child's starting weights on the columns it shares with its previous sibling: this
#: share of that sibling's final weights, the rest from the node's (random_30x200, no
#: 11-cover: 0.86 billion looks with none, 0.87 with all, 0.81-0.82 with 0.3, 0.5 and
#: 0.7; random_20x200, no 13-cover: 9.2 and 8.3 million with 0.5).
_SIBLING = 0.5
#: ``rise`` of :func:`_bound` when every cost is to be recomputed.
_FRESH = -1.0
#: Spreads tried for the heavy-class branching (:func:`_spread`), in units of the mean
#: column weight (random_20x200 parsimonious: 85 million class looks with these, 121
#: million with 0 alone, 333 million branching on columns only).
_SPREADS = np.array([0.0, 0.1, 0.25, 0.5, 1.0, 2.0])


@numba.njit(cache=True, nogil=True, inline="always")
def _cost(ptr, col, j, u):  # pragma: no cover - compiled
    """Reduced cost ``1 - u(columns of class j)``: the weights ``u`` are zero outside the
    columns left, so this is ``1 - u(columns of class j within left)``."""
    s = 0.0
    for p in range(ptr[j], ptr[j + 1]):
        s += u[col[p]]
    return 1.0 - s


@numba.njit(cache=True, nogil=True)
def _costs(ptr, col, items, n_items, u, cost):  # pragma: no cover - compiled
    """Reduced cost ``1 - u(columns of the class within left)`` of each listed class."""
    for t in range(n_items):
        cost[t] = _cost(ptr, col, items[t], u)


@numba.njit(cache=True, nogil=True)
def _most_negative(cost, n_items, r, pick, scratch):  # pragma: no cover - compiled
    """Sum of the (at most) ``r`` most negative costs; their positions into ``pick``,
    most negative first (ties: the earlier position). Returns (sum, number picked)."""
    if r <= 0:
        return 0.0, 0
    q = 0
    for t in range(n_items):
        c = cost[t]
        if c < 0.0 and (q < r or c < cost[pick[q - 1]]):
            a = q if q < r else r - 1  # the last one kept drops out when r are kept
            while a > 0 and cost[pick[a - 1]] > c:
                pick[a] = pick[a - 1]
                a -= 1
            pick[a] = t
            if q < r:
                q += 1
    total = 0.0
    for a in range(q):
        total += cost[pick[a]]
    return total, q


@numba.njit(cache=True, nogil=True)
def _keep_fixed(items, cost, n_items, base, r, aux, aux2):  # pragma: no cover - compiled
    """Reduced-cost fixing: keep the listed classes whose cost (or a lower bound on it),
    added to ``base`` (the weights' sum plus the ``r - 1`` most negative costs), leaves
    the bound at most ``r``; ``items``, ``cost`` and the companions ``aux``, ``aux2`` are
    compacted alike. Returns the number kept."""
    kept = 0
    for t in range(n_items):
        if cost[t] > 0.0 and base + cost[t] > r + _EPS:
            continue
        items[kept] = items[t]
        cost[kept] = cost[t]
        aux[kept] = aux[t]
        aux2[kept] = aux2[t]
        kept += 1
    return kept


@numba.njit(cache=True, nogil=True)
def _column_sum(left, words, u):  # pragma: no cover - compiled
    s = 0.0
    for w in range(words):
        x = left[w]
        while x != _ZERO:
            s += u[w * 64 + _low_bit(x)]
            x &= x - _ONE
    return s


@numba.njit(cache=True, nogil=True)
def _holds(row, cols, words):  # pragma: no cover - compiled
    """Whether the class ``row`` holds every column of ``cols``."""
    for w in range(words):
        if (row[w] & cols[w]) != cols[w]:
            return False
    return True


@numba.njit(cache=True, nogil=True)
def _meets(row, cols, words):  # pragma: no cover - compiled
    """Whether the class ``row`` holds some column of ``cols``."""
    for w in range(words):
        if (row[w] & cols[w]) != _ZERO:
            return True
    return False


@numba.njit(cache=True, nogil=True)
def _reach(largest, m, r):  # pragma: no cover - compiled
    """Most columns ``r`` classes can hold: the sum of the ``r`` largest sizes
    (``largest[s]``: classes of ``s`` columns)."""
    total = 0
    for s in range(m, 0, -1):
        take = min(largest[s], r)
        total += take * s
        r -= take
        if r == 0:
            break
    return total


@numba.njit(cache=True, nogil=True)
def _bound(cls, ptr, col, left, words, m, items, n_items, r, u, steps, cost, pick, scratch, hits,
           best_u, cover, ready):  # pragma: no cover - compiled
    """Lagrangian bound of covering ``left`` by at most ``r`` of the listed classes.

    For column weights ``u >= 0``, any such cover S has ``r >= |S| >= u(left) + sum over
    S of (1 - u(class within left))``, so ``u(left)`` plus the ``r`` most negative
    reduced costs is a lower bound on the classes needed; subgradient steps from ``u``
    raise it. Each step also drops the listed classes that reduced-cost fixing excludes
    at its weights (``items`` is compacted in place). ``ready``: ``cost`` already holds
    the listed classes' costs at ``u``. Returns (status, bound, classes looked at,
    classes kept): status 0 no such cover (bound above ``r``), 1 undecided (``best_u``
    holds the best weights), 2 found (the listed positions of the cover in
    ``cover[:bound]``).
    """
    best = -1e30
    factor = 1.0
    stall = 0
    for c in range(m):
        best_u[c] = u[c]
    # a class's cost is recomputed only while it may be negative: it is at least its cost
    # at the weights ``base_u`` minus its columns times ``rise``, the largest increase
    # of a weight since then (all costs are recomputed when half the classes are)
    cost0 = np.empty(n_items)
    width = np.empty(n_items)
    base_u = np.empty(m)
    direction = np.zeros(m)
    rise = _FRESH
    looks = 0
    for _ in range(steps):
        if rise == _FRESH:
            if not ready:  # ``cost`` holds the costs at ``u`` when ready (first step)
                _costs(ptr, col, items, n_items, u, cost)
                looks += n_items
            ready = False
            for t in range(n_items):
                cost0[t] = cost[t]
                j = items[t]
                b = 0
                for w in range(words):
                    b += _popcount(cls[j, w] & left[w])
                width[t] = b
            for c in range(m):
                base_u[c] = u[c]
            rise = 0.0
        else:
            redo = 0
            for t in range(n_items):
                low_t = cost0[t] - width[t] * rise
                if low_t > 1e-9:
                    cost[t] = low_t  # not negative: left out of the r most negative
                    continue
                redo += 1
                cost[t] = _cost(ptr, col, items[t], u)
            looks += redo + n_items // 4
            if 2 * redo > n_items:
                rise = _FRESH
        low, q = _most_negative(cost, n_items, r, pick, scratch)
        value = _column_sum(left, words, u) + low
        if value > best + 1e-9:
            best = value
            stall = 0
            for c in range(m):
                best_u[c] = u[c]
        else:
            stall += 1
            if stall >= 3:
                factor *= 0.5
                stall = 0
        if best > r + _EPS:
            return 0, best, looks, n_items
        # columns covered by the picked classes: a cover ends the search
        for c in range(m):
            hits[c] = 0
        for a in range(q):
            j = items[pick[a]]
            for w in range(words):
                x = cls[j, w] & left[w]
                while x != _ZERO:
                    hits[w * 64 + _low_bit(x)] += 1
                    x &= x - _ONE
        # the step's direction: the subgradient 1 - hits, deflected by the last direction
        # when they point apart (Camerini, Fratta and Maffioli 1975)
        gd = 0.0
        dd = 0.0
        missing = False
        for w in range(words):
            x = left[w]
            while x != _ZERO:
                c = w * 64 + _low_bit(x)
                gd += (1.0 - hits[c]) * direction[c]
                dd += direction[c] * direction[c]
                if hits[c] == 0:
                    missing = True
                x &= x - _ONE
        deflect = -_DEFLECT * gd / dd if gd < 0.0 else 0.0
        norm = 0.0
        for w in range(words):
            x = left[w]
            while x != _ZERO:
                c = w * 64 + _low_bit(x)
                direction[c] = 1.0 - hits[c] + deflect * direction[c]
                norm += direction[c] * direction[c]
                x &= x - _ONE
        if norm <= 0.0:  # deflected to nothing: the plain subgradient (a column is bare)
            for w in range(words):
                x = left[w]
                while x != _ZERO:
                    c = w * 64 + _low_bit(x)
                    direction[c] = 1.0 - hits[c]
                    norm += direction[c] * direction[c]
                    x &= x - _ONE
        if not missing:
            for a in range(q):
                cover[a] = pick[a]
            return 2, q, looks, n_items
        # reduced-cost fixing at these weights (``cost`` is at most each class's cost):
        # the steps after run over the classes left
        base = value if q < r else value - cost[pick[q - 1]]
        looks += n_items // 8
        n_items = _keep_fixed(items, cost, n_items, base, r, cost0, width)
        step = factor * (r + _TARGET - value) / norm
        for w in range(words):
            x = left[w]
            while x != _ZERO:
                c = w * 64 + _low_bit(x)
                v = u[c] + step * direction[c]
                u[c] = v if v > 0.0 else 0.0
                if rise != _FRESH and u[c] - base_u[c] > rise:
                    rise = u[c] - base_u[c]
                x &= x - _ONE
    for c in range(m):
        u[c] = best_u[c]
    return 1, best, looks, n_items


@numba.njit(cache=True, nogil=True)
def _spread(cost, size, n_items, u_left, n_left, r):  # pragma: no cover - compiled
    """The ``beta`` (a multiple of the mean weight ``u_left / n_left``) whose weights
    ``v = u + beta`` leave fewest classes of weight ``v(class within U) >= v(U) / r``, and
    that number. Any weights ``v >= 0`` will do: a cover of U by at most r classes
    weighs at least v(U) in total, so one of its classes weighs v(U) / r or more. Each
    class weighs ``1 - cost + beta * size`` (``size``: its columns within U)."""
    best_beta = 0.0
    fewest = n_items + 1
    for g in range(len(_SPREADS)):
        beta = _SPREADS[g] * u_left / n_left
        floor = (u_left + beta * n_left) / r - _EPS
        heavy = 0
        for t in range(n_items):
            if 1.0 - cost[t] + beta * size[t] >= floor:
                heavy += 1
        if heavy < fewest:
            fewest = heavy
            best_beta = beta
    return best_beta, fewest


@numba.njit(cache=True, nogil=True)
def _keep_tally(cls, left, words, m, items, cost, n_items, base, r, size, count,
                largest):  # pragma: no cover - compiled
    """Reduced-cost fixing of the listed classes, in place: a class of positive cost
    that, added to ``base`` (``u(left)`` plus the ``r - 1`` most negative costs), lifts
    the bound above ``r`` is in no cover of ``left`` by at most ``r`` classes. The
    classes kept keep their cost in ``cost`` and get their columns within ``left``
    into ``size``; ``count`` counts each column's candidates and ``largest`` the
    classes of each size. Returns how many are kept."""
    for c in range(m):
        count[c] = 0
    for s in range(m + 1):
        largest[s] = 0
    kept = 0
    for t in range(n_items):
        if cost[t] > 0.0 and base + cost[t] > r + _EPS:
            continue
        j = items[t]
        bits = 0
        for w in range(words):
            x = cls[j, w] & left[w]
            bits += _popcount(x)
            while x != _ZERO:
                count[w * 64 + _low_bit(x)] += 1
                x &= x - _ONE
        items[kept] = j
        cost[kept] = cost[t]
        size[kept] = bits
        largest[bits] += 1
        kept += 1
    return kept


@numba.njit(cache=True, nogil=True)
def _branching_set(cls, items, kept, left, words, m, u, r, cost, size, count, largest, mode,
                   pick, scratch):  # pragma: no cover - compiled
    """The classes a node branches on, after :func:`_keep_tally`: the smaller of two
    sets that every cover of ``left`` by at most ``r`` classes meets, the candidates
    of the column with fewest (largest within ``left`` first) or the classes of weight
    at least ``v(left) / r`` (heaviest first) for the spread weights ``v = u + beta``
    of :func:`_spread` (``mode`` 0; 1: the column's only, 2: the heavy ones only).
    Returns (positions in ``items`` in branching order, ``beta`` of a heavy-class set
    else -1, work); no positions when the node is dead (the ``r`` largest classes
    cannot reach every column, or a column has no candidate)."""
    n_left = 0
    best_col = -1
    for w in range(words):
        x = left[w]
        while x != _ZERO:
            c = w * 64 + _low_bit(x)
            n_left += 1
            if best_col < 0 or count[c] < count[best_col]:
                best_col = c
            x &= x - _ONE
    if _reach(largest, m, r) < n_left or count[best_col] == 0:
        return np.empty(0, dtype=np.int32), -1.0, 0
    u_left = _column_sum(left, words, u)
    beta, n_heavy = _spread(cost, size, kept, u_left, n_left, r)
    heavy = mode == 2 or (mode == 0 and n_heavy < count[best_col])
    nb = 0
    if heavy:
        floor = (u_left + beta * n_left) / r - _EPS
        for t in range(kept):
            v = 1.0 - cost[t] + beta * size[t]
            if v >= floor:
                pick[nb] = t
                scratch[nb] = -v
                nb += 1
    else:
        cw = best_col >> 6
        cb = _ONE << np.uint64(best_col & 63)
        for t in range(kept):
            if (cls[items[t], cw] & cb) != _ZERO:
                pick[nb] = t
                scratch[nb] = -size[t] + cost[t] * 1e-3
                nb += 1
    order = np.argsort(scratch[:nb], kind="mergesort")
    return pick[order], beta if heavy else -1.0, kept


@numba.njit(cache=True, nogil=True)
def child_classes(cls, items, n_here, banned, i, left_next, words, r, dest):  # pragma: no cover - compiled
    """The classes of a child node after class ``i`` is taken (columns left
    ``left_next``, ``r`` classes left), into ``dest`` in the order of ``items[:n_here]``:
    those not banned, other than ``i``, touching a column left; for ``r == 1`` only those
    holding every column left (the last class must). Returns how many. Shared by this
    search and the counting walk of :mod:`qca.minimize._count_kernel`."""
    filled = 0
    for t in range(n_here):
        j = items[t]
        if banned[j] or j == i:
            continue
        if not _meets(cls[j], left_next, words):
            continue
        if r == 1 and not _holds(cls[j], left_next, words):
            continue
        dest[filled] = j
        filled += 1
    return filled


@numba.njit(cache=True, nogil=True)
def child_duals(cls, i, left_here, left_next, words, m, u, beta, child):  # pragma: no cover - compiled
    """The child's weights after class ``i`` is taken, into ``child``: the node's ``u``;
    after a heavy-class branch (``beta >= 0``, the spread of :func:`_spread`) ``u +
    beta`` over the weight of the class taken (no class left weighs more: a feasible
    dual). Zero on the columns the class took (outside the columns left: see
    :func:`_cost`)."""
    scale = 1.0
    if beta >= 0.0:
        v = 0.0
        for w in range(words):
            x = cls[i, w] & left_here[w]
            while x != _ZERO:
                v += u[w * 64 + _low_bit(x)] + beta
                x &= x - _ONE
        if v > 0.0:
            scale = 1.0 / v
    for c in range(m):
        child[c] = u[c] * scale
    for w in range(words):
        x = cls[i, w] & left_here[w]
        while x != _ZERO:
            child[w * 64 + _low_bit(x)] = 0.0
            x &= x - _ONE
    if beta > 0.0:
        for w in range(words):
            x = left_next[w]
            while x != _ZERO:
                child[w * 64 + _low_bit(x)] += beta * scale
                x &= x - _ONE


@numba.njit(cache=True, nogil=True)
def _sibling_start(cls, i, left_here, left_next, words, m, u, beta, child, after, sibling_left,
                   keep):  # pragma: no cover - compiled
    """A child's starting weights into ``child``: those of :func:`child_duals`; when
    ``after`` (``child`` holds the final weights of the previous sibling, whose columns
    left were ``sibling_left``), on the columns both have left, :data:`_SIBLING` of the
    sibling's weight plus the rest of that one. Any weights ``>= 0`` give a valid bound:
    this only changes where the subgradient steps start."""
    if after:
        for c in range(m):
            keep[c] = child[c]
    child_duals(cls, i, left_here, left_next, words, m, u, beta, child)
    if after:
        for w in range(words):
            x = left_next[w] & sibling_left[w]
            while x != _ZERO:
                c = w * 64 + _low_bit(x)
                child[c] = _SIBLING * keep[c] + (1.0 - _SIBLING) * child[c]
                x &= x - _ONE


@numba.njit(cache=True, nogil=True)
def root_node(left, lst, length, duals, m, n, y):  # pragma: no cover - compiled
    """Level 0 of a search over ``n`` classes and ``m`` columns: every column left, every
    class a candidate, the weights ``y`` (shared by :func:`search_cover` and the counting
    walk of :mod:`qca.minimize._count_kernel`)."""
    for c in range(m):
        left[0, c >> 6] |= _ONE << np.uint64(c & 63)
    for j in range(n):
        lst[0, j] = j
    length[0] = n
    duals[0, :] = y


@numba.njit(cache=True, nogil=True)
def search_cover(cls, ptr, col, m, y, k, work_limit, steps, out, mode=0):  # pragma: no cover - compiled
    """Is there a cover of all ``m`` columns by at most ``k`` classes of ``cls``?

    ``y``: column weights to start from (the linear relaxation's duals are best).
    Returns (status, size, work): status 0 proven none, 1 found (its ``size`` classes in
    ``out``), 2 ``work_limit`` reached; the work counts classes looked at.

    Each node (columns left U, classes left r, classes allowed) gets ``steps``
    subgradient steps of the Lagrangian bound (:func:`_bound`) from its parent's
    weights; a class is dropped when even with the ``r - 1`` most negative reduced costs
    it lifts the bound above r (reduced-cost fixing, with the inherited weights before
    the steps and with the best ones after). The node branches on a set of
    classes that every cover meets: the candidates of the column with the fewest, or
    the heavy classes of :func:`_spread` when fewer (``mode`` 0; 1: columns only, 2:
    heavy classes only). The i-th branch takes the i-th class of the set and forbids
    the earlier ones; a candidate whose columns in U lie within an earlier one's is
    dropped from the node (swapping it for that one keeps any cover a cover).
    """
    n, words = cls.shape
    lst = np.empty((k + 1, n), dtype=np.int32)  # classes allowed, per level
    length = np.zeros(k + 1, dtype=np.int64)
    branch = np.empty((k + 1, n), dtype=np.int32)  # classes to branch on, per level
    n_branch = np.zeros(k + 1, dtype=np.int64)
    position = np.zeros(k + 1, dtype=np.int64)
    dropped = np.empty((k + 1, n), dtype=np.int32)  # dominated candidates, per level
    n_dropped = np.zeros(k + 1, dtype=np.int64)
    spread = np.full(k + 1, -1.0)  # beta of a heavy-class branching, else -1
    left = np.zeros((k + 2, words), dtype=np.uint64)
    duals = np.zeros((k + 1, m))
    chosen = np.zeros(k + 1, dtype=np.int64)
    banned = np.zeros(n, dtype=np.bool_)
    cost = np.zeros(n)
    pick = np.zeros(n, dtype=np.int32)
    scratch = np.zeros(n)
    hits = np.zeros(m, dtype=np.int64)
    best_u = np.zeros(m)
    cover = np.zeros(k + 1, dtype=np.int32)
    count = np.zeros(m, dtype=np.int64)
    size = np.zeros(n, dtype=np.int64)
    largest = np.zeros(m + 1, dtype=np.int64)
    part = np.zeros(words, dtype=np.uint64)
    searched = np.zeros(k + 2, dtype=np.bool_)  # a sibling's weights are in ``duals``
    sibling_left = np.zeros(words, dtype=np.uint64)
    sibling_u = np.zeros(m)
    work = 0
    if m == 0:
        return 1, 0, 0
    if k < 1:
        return 0, 0, 0
    root_node(left, lst, length, duals, m, n, y)
    level = 0
    fresh = True
    while level >= 0:
        if fresh:
            fresh = False
            searched[level + 1] = False
            r = k - level
            items = lst[level]
            n_items = length[level]
            n_branch[level] = 0
            n_dropped[level] = 0
            position[level] = 0
            # reduced-cost fixing with the inherited weights first: the subgradient
            # steps then run over the classes left (random_20x200: half the looks)
            work += n_items
            _costs(ptr, col, items, n_items, duals[level], cost)
            low, q = _most_negative(cost, n_items, r - 1, pick, scratch)
            base = _column_sum(left[level], words, duals[level]) + low
            n_items = _keep_fixed(items, cost, n_items, base, r, scratch, scratch)
            length[level] = n_items
            status, value, looks, n_items = _bound(cls, ptr, col, left[level], words, m, items,
                                                   n_items, r, duals[level], steps, cost, pick,
                                                   scratch, hits, best_u, cover, True)
            length[level] = n_items
            work += looks
            if status == 2:
                q = int(value)
                for e in range(level):
                    out[e] = chosen[e]
                for a in range(q):
                    out[level + a] = items[cover[a]]
                return 1, level + q, work
            if status == 1:
                # reduced-cost fixing with the best weights
                _costs(ptr, col, items, n_items, duals[level], cost)
                low, q = _most_negative(cost, n_items, r - 1, pick, scratch)
                base = _column_sum(left[level], words, duals[level]) + low
                kept = _keep_tally(cls, left[level], words, m, items, cost, n_items, base, r,
                                   size, count, largest)
                length[level] = kept
                n_items = kept
                chosen_t, beta, extra = _branching_set(cls, items, kept, left[level], words, m,
                                                       duals[level], r, cost, size, count,
                                                       largest, mode, pick, scratch)
                work += extra
                spread[level] = beta
                nb = len(chosen_t)
                if nb > 0:
                    # a candidate whose columns in U lie within an earlier one's is
                    # dropped from the node (swapping it for that one keeps a cover a
                    # cover): not branched on, and banned below it
                    nk = 0
                    for a in range(nb):
                        t = chosen_t[a]
                        j = items[t]
                        for w in range(words):
                            part[w] = cls[j, w] & left[level, w]
                        inside = False
                        for b in range(nk):
                            if _holds(cls[branch[level, b]], part, words):
                                inside = True
                                break
                        if inside:
                            dropped[level, n_dropped[level]] = j
                            n_dropped[level] += 1
                            banned[j] = True
                        else:
                            branch[level, nk] = j
                            nk += 1
                    work += nb * (nk + 1) // 8
                    n_branch[level] = nk
        # next branch of the node at ``level``
        p = position[level]
        if p >= n_branch[level]:
            for b in range(p):
                banned[branch[level, b]] = False
            for b in range(n_dropped[level]):
                banned[dropped[level, b]] = False
            level -= 1
            continue
        if work > work_limit:
            return 2, 0, work
        if p > 0:
            banned[branch[level, p - 1]] = True
        i = branch[level, p]
        position[level] = p + 1
        chosen[level] = i
        nxt = level + 1
        r = k - nxt
        for w in range(words):
            sibling_left[w] = left[nxt, w]
        empty = True
        for w in range(words):
            left[nxt, w] = left[level, w] & ~cls[i, w]
            if left[nxt, w] != _ZERO:
                empty = False
        if empty:
            for e in range(nxt):
                out[e] = chosen[e]
            return 1, nxt, work
        if r == 0:
            continue
        filled = child_classes(cls, lst[level], length[level], banned, i, left[nxt], words, r,
                               lst[nxt])
        if r == 1:  # the first class that holds every column left ends the search
            if filled > 0:
                for e in range(nxt):
                    out[e] = chosen[e]
                out[nxt] = lst[nxt, 0]
                return 1, nxt + 1, work
            work += length[level]
            continue
        work += length[level]
        length[nxt] = filled
        _sibling_start(cls, i, left[level], left[nxt], words, m, duals[level], spread[level],
                       duals[nxt], searched[nxt], sibling_left, sibling_u)
        searched[nxt] = True
        level = nxt
        fresh = True
    return 0, 0, work
