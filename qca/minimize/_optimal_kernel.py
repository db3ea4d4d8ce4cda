"""The compiled search behind :func:`qca.minimize._optimal_covers.optimal_covers`.

Imported only when numba is installed (the ``fast`` extra). Classes and column sets are
multi-word 64-bit masks; the depth-first search keeps one level per class chosen (at
most ``k`` levels) in preallocated arrays. Compiled functions are cached on disk.

>>> import numpy as np
>>> cls = np.array([[0b011], [0b110], [0b101], [0b100]], dtype=np.uint64)
>>> out = np.zeros((21, 2), dtype=np.int64)
>>> y = np.array([0.5, 0.5, 0.5]) * (1 - 1e-9)
>>> keys = np.arange(4)
>>> count_covers(cls, 3, y, np.array([1, 1, 1, 2]), 2, 1000, 10, out, 300, keys)[:3]
(5, 4, 0)
>>> np.sort(out[:4], axis=1).tolist()  # in the order of the keys
[[0, 1], [0, 2], [0, 3], [1, 2]]
"""

from __future__ import annotations

import numba
import numpy as np

from qca.minimize._bit_kernel import ONE as _ONE
from qca.minimize._bit_kernel import ZERO as _ZERO
from qca.minimize._bit_kernel import low_bit as _low_bit
from qca.minimize._bit_kernel import popcount as _popcount
from qca.minimize._cover_buffer import canonical as _canonical
from qca.minimize._cover_buffer import room as _room

try:  # an internal of numba (0.68): one instruction; the table twin where it is gone
    from numba.cpython.unsafe.numbers import trailing_zeros
except ImportError:  # pragma: no cover - depends on the numba release
    trailing_zeros = _low_bit  # type: ignore[assignment]

__all__ = ["count_covers", "expand_covers", "first_holders"]

#: Tolerance of the floating-point dual bounds (keeps a branch whenever in doubt).
_EPS = 1e-7
#: Largest count (or count factor) kept in int64; past it the search reports an overflow.
_BIG = float(2**62)
#: Candidates from which a node runs Lagrangian steps, and most steps per node.
LAGRANGE_FROM = 300
LAGRANGE_STEPS = 40
#: Work between two checks of the search's pace, and how far beyond its work bound the
#: estimated whole (work so far / part of the tree done) may be before it gives up.
CHECK_EVERY = 10_000_000
HOPELESS = 20.0


@numba.njit(cache=True, nogil=True)
def _low_index(x):  # pragma: no cover - compiled
    """Index of the lowest set bit of the word x (x != 0), in one instruction where the
    processor has one (unlike :func:`qca.minimize._bit_kernel.low_bit`'s table)."""
    return trailing_zeros(x)  # type: ignore[call-arg]


@numba.njit(cache=True, nogil=True)
def _sort_level(classes, costs, reduced, filled):  # pragma: no cover - compiled
    """Order a level's classes by reduced cost (stable), the costs into ``costs``."""
    order = np.argsort(reduced[:filled], kind="mergesort")
    moved = classes[:filled][order]
    for t in range(filled):
        classes[t] = moved[t]
        costs[t] = reduced[order[t]]


@numba.njit(cache=True, nogil=True)
def _keep(cls, lst, reduced, size, filled, left, gap, rest, n_left, count, largest):  # pragma: no cover - compiled
    """Keep the first ``filled`` candidates of ``lst`` whose reduced cost (clipped at 0)
    fits in ``gap``, in place; count each column's candidates into ``count``. Returns how
    many are kept, or -1 when the ``rest`` largest kept cannot reach the ``n_left``
    columns left."""
    words = cls.shape[1]
    m = count.shape[0]
    kept = 0
    for c2 in range(m):
        count[c2] = 0
    for s2 in range(m + 1):
        largest[s2] = 0
    for t in range(filled):
        if reduced[t] > gap + _EPS:
            continue
        j = lst[t]
        lst[kept] = j
        reduced[kept] = reduced[t]
        size[kept] = size[t]
        kept += 1
        largest[size[t]] += 1
        for w in range(words):
            x = cls[j, w] & left[w]
            while x != _ZERO:
                count[w * 64 + _low_index(x)] += 1
                x &= x - _ONE
    need = n_left
    picks = rest
    for s2 in range(m, 0, -1):  # the ``rest`` largest candidates must reach every column
        h = largest[s2]
        if h == 0:
            continue
        take = min(h, picks)
        need -= take * s2
        picks -= take
        if picks == 0:
            break
    if need > 0:
        return -1
    return kept


@numba.njit(cache=True, nogil=True)
def _scan_word(masks, here, costs, n_here, q, cb, held, left, duals, gap, lst, reduced, size):  # pragma: no cover - compiled
    """The next level's candidates on a one-word chart, as the general scan in
    :func:`count_covers` finds them (same order, same float sums), without branches that
    depend on the candidate: ``here[:n_here]`` with ascending ``costs`` are the level's
    classes and ``masks`` their columns (read in order, not through the class), ``q``
    the one taken, ``cb`` the column branched on, ``held`` the columns
    left that it covers, ``left`` the columns left after it. Returns (candidates kept,
    classes scanned, the columns they hold)."""
    lim = gap + _EPS
    filled = 0
    reach = _ZERO
    scanned = n_here
    for t in range(n_here):
        cost = costs[t]
        if cost > lim:
            scanned = t
            break
        c = masks[t]
        x = c & held
        while x != _ZERO:  # ascending columns, as the general scan adds them
            cost += duals[_low_index(x)]
            x &= x - _ONE
        bits = _popcount(c & left)
        ok = bits != 0 and cost <= lim and t != q and not (t < q and (c & cb) != _ZERO)
        lst[filled] = here[t]
        reduced[filled] = cost
        size[filled] = bits
        if ok:
            reach |= c
            filled += 1
    return filled, scanned, reach


@numba.njit(cache=True, nogil=True)
def _positions(cls, lst, size, kept, left, loc, orig, cnt):  # pragma: no cover - compiled
    """Lay the ``kept`` candidates out for :func:`_sums`: by decreasing number of columns
    left (``size``; stably), candidate ``orig[p]`` at place p; ``loc[e, p]`` its e-th
    column left (ascending) and ``cnt[e]`` the places with more than e columns left (so
    row e of ``loc`` is read up to ``cnt[e]`` only). Returns the most columns left."""
    words = cls.shape[1]
    wide = 0
    for t in range(kept):
        if size[t] > wide:
            wide = size[t]
    tally = np.zeros(wide + 1, dtype=np.int64)
    for t in range(kept):
        tally[size[t]] += 1
    first = np.empty(wide + 1, dtype=np.int64)
    acc = 0
    for sz in range(wide, -1, -1):
        first[sz] = acc
        acc += tally[sz]
    for t in range(kept):
        p = first[size[t]]
        first[size[t]] += 1
        orig[p] = t
        j = lst[t]
        e = 0
        for w in range(words):
            x = cls[j, w] & left[w]
            while x != _ZERO:
                loc[e, p] = w * 64 + _low_index(x)
                e += 1
                x &= x - _ONE
    acc = 0
    for e in range(wide - 1, -1, -1):
        acc += tally[e + 1]
        cnt[e] = acc
    return wide


@numba.njit(cache=True, nogil=True)
def _compact(loc, cnt, wide, kept, orig, gone, moved, place):  # pragma: no cover - compiled
    """Drop from the layout of :func:`_positions` the candidates t with ``gone[t]``
    (``moved[t]``: the new number of a candidate kept), the order of the others kept (a
    pass over each row of ``loc``, no class read again). Returns the most columns left;
    ``place`` is scratch."""
    n_new = 0
    for p in range(kept):
        if gone[orig[p]]:
            place[p] = -1
        else:
            place[p] = n_new
            n_new += 1
    for e in range(wide):
        row = loc[e]
        c_new = 0
        for p in range(cnt[e]):
            q = place[p]
            if q >= 0:
                row[q] = row[p]
                c_new += 1
        cnt[e] = c_new
    for p in range(kept):
        q = place[p]
        if q >= 0:
            orig[q] = moved[orig[p]]
    while wide > 0 and cnt[wide - 1] == 0:
        wide -= 1
    return wide


@numba.njit(cache=True, nogil=True)
def _sums(loc, cnt, wide, kept, orig, u, by_place, s):  # pragma: no cover - compiled
    """``s[t]``: the sum of ``u`` over candidate t's columns left, in ascending order (laid
    out by :func:`_positions`; ``by_place`` is scratch)."""
    for p in range(kept):
        by_place[p] = 0.0
    for e in range(wide):
        row = loc[e]
        for p in range(cnt[e]):
            by_place[p] += u[row[p]]
    for p in range(kept):
        s[orig[p]] = by_place[p]


@numba.njit(cache=True, nogil=True)
def _lagrange(
    cls, lst, reduced, size, kept, cols, n_cols, u, start, rest, gap, step_u, best_u, s,
    steps, left,
):  # pragma: no cover - compiled
    """Subgradient steps on the Lagrangian bound of covering the columns ``cols[:n_cols]``
    by ``rest`` of the ``kept`` candidates ``lst`` (``cls[j]``: class j's columns as
    words; ``left``: the columns left as words).

    With duals ``u >= 0`` on those columns and ``s(j)`` the duals of candidate j's
    columns, any cover by ``rest`` candidates has ``rest >= L(u) + max(0, 1 - s(j))``
    for each j in it, where ``L(u) = u(cols) + sum over candidates of min(0, 1 - s(j))``
    (so ``L(u) > rest``: no such cover). The steps move ``u`` along the subgradient
    ``1 - (candidates with s(j) > 1 holding the column)``, Polyak's step towards a
    target above ``rest``, from ``start`` (a sibling's duals); candidates that the bound of a step excludes are dropped
    (``lst``, ``size`` compacted in place). The best ``u`` found replaces ``u``, the
    reduced costs ``1 - s(j)`` (signed) go to ``reduced``. ``gap`` is ``rest`` minus a
    lower bound of ``L`` at the given ``u``. Returns (``rest`` minus the best bound,
    candidates kept, work).

    The duals of the columns covered are 0: each candidate's sum runs over its columns
    left only, in ascending order (the same float sums), all candidates a column position
    at a time (:func:`_positions`), which has no dependency chain from one candidate to
    the next.
    """
    m = u.shape[0]
    words = cls.shape[1]
    work = 0
    step_u[:] = 0.0  # the columns covered count for nothing
    for a in range(n_cols):
        c = cols[a]
        step_u[c] = start[c]
        best_u[c] = u[c]
    wide = 0
    for t in range(kept):
        if size[t] > wide:
            wide = size[t]
    loc = np.empty((wide, kept), dtype=np.int32)
    orig = np.empty(kept, dtype=np.int64)
    cnt = np.empty(wide, dtype=np.int64)
    by_place = np.empty(kept)
    gone = np.zeros(kept, dtype=np.bool_)
    moved = np.empty(kept, dtype=np.int64)
    place = np.empty(kept, dtype=np.int64)
    wide = _positions(cls, lst, size, kept, left, loc, orig, cnt)
    best_l = rest - gap
    lam = 1.0
    stale = 0
    g = np.zeros(m)
    for _ in range(steps):
        total = 0.0
        for a in range(n_cols):
            c = cols[a]
            total += step_u[c]
            g[c] = 1.0
        _sums(loc, cnt, wide, kept, orig, step_u, by_place, s)
        for t in range(kept):
            v = s[t]
            if v > 1.0:
                total += 1.0 - v
                j = lst[t]
                for w in range(words):
                    x = cls[j, w] & left[w]
                    while x != _ZERO:
                        g[w * 64 + _low_index(x)] -= 1.0
                        x &= x - _ONE
        work += kept
        if total > best_l + 1e-9:
            best_l = total
            stale = 0
            for a in range(n_cols):
                best_u[cols[a]] = step_u[cols[a]]
            if best_l > rest + _EPS:
                break
            # this bound excludes the candidates whose reduced cost exceeds its gap
            dropped = 0
            for t in range(kept):
                gone[t] = 1.0 - s[t] > rest - total + _EPS
                if gone[t]:
                    dropped += 1
                else:
                    moved[t] = t - dropped
                    if dropped:
                        lst[t - dropped] = lst[t]
                        size[t - dropped] = size[t]
            if dropped:
                wide = _compact(loc, cnt, wide, kept, orig, gone, moved, place)
            kept -= dropped
        else:
            stale += 1
            if stale >= 3:
                lam *= 0.5
                stale = 0
                if lam < 0.02:
                    break
        norm = 0.0
        for a in range(n_cols):
            c = cols[a]
            if step_u[c] <= 0.0 and g[c] < 0.0:
                g[c] = 0.0
            norm += g[c] * g[c]
        if norm == 0.0:
            break
        step = lam * (rest + 0.1 - total) / norm
        for a in range(n_cols):
            c = cols[a]
            v = step_u[c] + step * g[c]
            step_u[c] = v if v > 0.0 else 0.0
    for a in range(n_cols):
        c = cols[a]
        u[c] = best_u[c]
        step_u[c] = best_u[c]
    _sums(loc, cnt, wide, kept, orig, step_u, by_place, s)
    for t in range(kept):
        reduced[t] = 1.0 - s[t]
    work += kept
    return rest - best_l, kept, work


@numba.njit(cache=True, nogil=True)
def count_covers(cls, m, y, weights, k, work_limit, cap, out, lagrange_from, keys):  # pragma: no cover - compiled
    """Weighted number of sets of ``k`` classes covering all ``m`` columns.

    ``k`` must be the proven minimum (no cover is smaller). ``y`` weighs the columns: a
    dual of the linear relaxation (no class carries more than 1) or any Lagrangian
    multipliers ``>= 0``. The ``cap`` first covers in the order of ``keys`` are written to
    ``out`` (see :func:`qca.minimize._cover_buffer.canonical`; ``out`` has more rows than ``cap``: the spare ones
    hold covers between two compactions). The work is the number of classes looked at.
    Returns (count, covers written, status, work): status 0 done, 1 ``work_limit``
    reached, 2 count beyond int64.
    """
    n, words = cls.shape
    lst = np.empty((k + 1, n), dtype=np.int32)  # classes still allowed, per level
    length = np.zeros(k + 1, dtype=np.int64)
    left = np.zeros((k + 1, words), dtype=np.uint64)  # columns not yet covered
    slack = np.zeros(k + 1)  # classes left to choose minus the dual bound of the columns left
    duals = np.zeros((k + 1, m))
    factor = np.ones(k + 1, dtype=np.int64)
    column = np.zeros(k + 1, dtype=np.int64)
    position = np.zeros(k + 1, dtype=np.int64)
    chosen = np.zeros(k + 1, dtype=np.int64)
    reduced = np.zeros(n)  # reduced cost of each candidate of the level being built
    redl = np.zeros((k + 1, n))  # reduced cost of each class of each level, ascending
    size = np.zeros(n, dtype=np.int64)
    count = np.zeros(m + 1, dtype=np.int64)
    start = np.zeros(m + 1, dtype=np.int64)
    fill = np.zeros(m, dtype=np.int64)
    order = np.zeros(m, dtype=np.int64)
    sg_u = np.zeros(m + 1)
    sg_best = np.zeros(m)
    sg_s = np.zeros(n)
    sg_start = np.zeros(m)
    sib = np.zeros((k + 1, m))  # duals of the last node of each level after its steps
    sib_left = np.zeros((k + 1, words), dtype=np.uint64)  # and its columns left
    largest = np.zeros(m + 1, dtype=np.int64)
    reach = np.zeros(words, dtype=np.uint64)  # the columns a level's candidates hold
    # one-word charts: each level's classes' columns, in the level's order
    lmask = np.zeros((k + 1, n if words == 1 else 0), dtype=np.uint64)
    # a node's (candidate, column left) pairs, and its candidates by column (dual ascent)
    entries = 0
    for j in range(n):
        for w in range(words):
            entries += _popcount(cls[j, w])
    pair_col = np.empty(entries, dtype=np.int32)
    pair_cand = np.empty(entries, dtype=np.int32)
    bucket = np.empty(entries, dtype=np.int32)
    total = 0
    total_f = 0.0
    written = 0
    work = n
    for c in range(m):
        left[0, c >> 6] |= _ONE << np.uint64(c & 63)
    duals[0, :] = y
    # the root level: every class whose reduced cost fits in the slack. ``y`` may be a
    # Lagrangian dual (a class may carry more than 1): the bound is then
    # ``y(columns) + the classes' negative reduced costs`` and costs stay signed
    below = 0.0
    filled = 0
    for j in range(n):
        s = 0.0
        for w in range(words):
            x = cls[j, w]
            while x != _ZERO:
                s += y[w * 64 + _low_index(x)]
                x &= x - _ONE
        reduced[j] = 1.0 - s
        if s > 1.0:
            below += 1.0 - s
    slack[0] = k - y.sum() - below
    if slack[0] < -_EPS:
        return 0, 0, 0, 0
    for j in range(n):
        if reduced[j] <= slack[0] + _EPS:
            lst[0, filled] = j
            reduced[filled] = reduced[j]
            filled += 1
    length[0] = filled
    _sort_level(lst[0], redl[0], reduced, filled)
    if words == 1:
        for t in range(filled):
            lmask[0, t] = cls[lst[0, t], 0]
    count[:] = 0
    for t in range(filled):
        j = lst[0, t]
        for w in range(words):
            x = cls[j, w]
            while x != _ZERO:
                count[w * 64 + _low_index(x)] += 1
                x &= x - _ONE
    best = 0
    for c in range(m):
        if count[c] < count[best]:
            best = c
    if m == 0 or count[best] == 0:
        return 0, 0, 0, 0
    column[0] = best
    # progress: branches of each level's column, and those taken (the part of the tree
    # done, if the branches were alike, estimates the work of the whole search)
    branches = np.zeros(k + 1, dtype=np.int64)
    taken = np.zeros(k + 1, dtype=np.int64)
    branches[0] = count[best]
    check = CHECK_EVERY
    level = 0
    while level >= 0:
        c = column[level]
        cw = c >> 6
        cb = _ONE << np.uint64(c & 63)
        here = lst[level]
        n_here = length[level]
        q = position[level]
        while q < n_here and (cls[here[q], cw] & cb) == _ZERO:
            q += 1
        # classes come by increasing reduced cost: past the slack, none fits
        if q >= n_here or redl[level, q] > slack[level] + _EPS:
            level -= 1
            continue
        position[level] = q + 1
        taken[level] += 1
        i = here[q]
        chosen[level] = i
        if work > work_limit:
            return total, _canonical(out, written, cap, keys), 1, work
        if work > check:
            check += CHECK_EVERY
            done = 0.0
            share = 1.0
            for l2 in range(level + 1):
                done += share * (taken[l2] - 1) / branches[l2]
                share /= branches[l2]
            if done * HOPELESS * work_limit < work:
                return total, _canonical(out, written, cap, keys), 1, work  # far beyond the bound at this pace
        rest = k - level - 1
        nxt = level + 1
        empty = True
        used = 0.0
        for w in range(words):
            x = cls[i, w] & left[level, w]
            while x != _ZERO:
                used += duals[level, w * 64 + _low_index(x)]
                x &= x - _ONE
            left[nxt, w] = left[level, w] & ~cls[i, w]
            if left[nxt, w] != _ZERO:
                empty = False
        gap = slack[level] - max(0.0, 1.0 - used)
        mult = factor[level] * weights[i]
        if float(factor[level]) * float(weights[i]) > _BIG:
            return total, written, 2, work
        if empty:
            if rest == 0:
                total += mult
                total_f += float(mult)
                if total_f > _BIG:
                    return total, written, 2, work
                at = _room(out, written, cap, keys)
                if at >= 0:
                    for e in range(nxt):
                        out[at, e] = chosen[e]
                    written = at + 1
            continue
        if rest == 0 or gap < -_EPS:
            continue
        # candidates of the next level: allowed (not an earlier candidate of the
        # column branched on), touching the columns left, reduced cost within the gap
        filled = 0
        for w in range(words):
            reach[w] = _ZERO
        # a class's reduced cost only grows as columns get covered: the classes past the
        # first one whose cost here exceeds the gap are out of the next level too
        scanned = n_here
        if words == 1 and rest > 1:
            filled, scanned, reach[0] = _scan_word(
                lmask[level], here, redl[level], n_here, q, cb, cls[i, 0] & left[level, 0], left[nxt, 0],
                duals[level], gap, lst[nxt], reduced, size,
            )
            n_here = 0  # (the general scan below is skipped)
        for t in range(n_here):
            if redl[level, t] > gap + _EPS:
                scanned = t
                break
            if t == q:
                continue
            j = here[t]
            if t < q and (cls[j, cw] & cb) != _ZERO:
                continue
            if rest == 1:  # the last class must hold every column left
                holds = True
                for w in range(words):
                    if (cls[j, w] & left[nxt, w]) != left[nxt, w]:
                        holds = False
                        break
                if holds:
                    total += mult * weights[j]
                    total_f += float(mult) * float(weights[j])
                    if total_f > _BIG:
                        return total, written, 2, work
                    at = _room(out, written, cap, keys)
                    if at >= 0:
                        for e in range(nxt):
                            out[at, e] = chosen[e]
                        out[at, nxt] = j
                        written = at + 1
                continue
            # its reduced cost here grows by the duals of the columns ``i`` covers
            cost = redl[level, t]
            bits = 0
            for w in range(words):
                bits += _popcount(cls[j, w] & left[nxt, w])
                x = cls[j, w] & cls[i, w] & left[level, w]
                while x != _ZERO:
                    cost += duals[level, w * 64 + _low_index(x)]
                    x &= x - _ONE
            if bits == 0 or cost > gap + _EPS:
                continue
            lst[nxt, filled] = j
            reduced[filled] = cost
            size[filled] = bits
            filled += 1
            for w in range(words):
                reach[w] |= cls[j, w]
        work += scanned
        if rest == 1:
            continue
        # a column left that no candidate holds ends the branch (before the dual ascent)
        dead = False
        for w in range(words):
            if (left[nxt, w] & ~reach[w]) != _ZERO:
                dead = True
                break
        if dead:
            continue
        # dual ascent: columns with fewest candidates first, each raised by the least
        # reduced cost of its candidates (the duals stay feasible, the bound grows)
        for c2 in range(m):
            duals[nxt, c2] = duals[level, c2]
            count[c2] = 0
        n_pairs = 0  # (candidate, column left) pairs, candidates in order
        for t in range(filled):
            j = lst[nxt, t]
            for w in range(words):
                x = cls[j, w] & left[nxt, w]
                while x != _ZERO:
                    c2 = w * 64 + _low_index(x)
                    pair_col[n_pairs] = c2
                    pair_cand[n_pairs] = t
                    n_pairs += 1
                    count[c2] += 1
                    x &= x - _ONE
        start[0] = 0
        for c2 in range(m):
            start[c2 + 1] = start[c2] + count[c2]
            fill[c2] = start[c2]
        for p in range(n_pairs):  # each column's candidates, in order
            c2 = pair_col[p]
            bucket[fill[c2]] = pair_cand[p]
            fill[c2] += 1
        n_left = 0
        for w in range(words):
            x = left[nxt, w]
            while x != _ZERO:
                order[n_left] = w * 64 + _low_index(x)
                n_left += 1
                x &= x - _ONE
        for a in range(1, n_left):  # insertion sort by candidates, then column
            v = order[a]
            b = a - 1
            while b >= 0 and count[order[b]] > count[v]:
                order[b + 1] = order[b]
                b -= 1
            order[b + 1] = v
        dead = False
        for a in range(n_left):
            c2 = order[a]
            if start[c2] == start[c2 + 1]:
                dead = True  # a column no candidate covers
                break
            low = 1e30
            for e in range(start[c2], start[c2 + 1]):
                if reduced[bucket[e]] < low:
                    low = reduced[bucket[e]]
            if low <= 0.0:
                continue
            low *= 1.0 - 1e-12
            duals[nxt, c2] += low
            gap -= low
            for e in range(start[c2], start[c2 + 1]):
                reduced[bucket[e]] -= low
        if dead or gap < -_EPS:
            continue
        kept = _keep(cls, lst[nxt], reduced, size, filled, left[nxt], gap, rest, n_left, count,
                     largest)
        if kept < 0:
            continue
        if kept >= lagrange_from and rest >= 2:
            # a Lagrangian step raises the bound towards the linear relaxation's
            # the steps start from the previous sibling's duals where it had them
            for a in range(n_left):
                c2 = order[a]
                inside = (sib_left[nxt, c2 >> 6] >> np.uint64(c2 & 63)) & _ONE
                sg_start[c2] = sib[nxt, c2] if inside != _ZERO else duals[nxt, c2]
            gap, kept, spent = _lagrange(
                cls, lst[nxt], reduced, size, kept, order, n_left, duals[nxt], sg_start,
                rest, gap, sg_u, sg_best, sg_s, LAGRANGE_STEPS, left[nxt],
            )
            sib[nxt, :] = duals[nxt, :]
            sib_left[nxt, :] = left[nxt, :]
            work += spent
            if gap < -_EPS:
                continue
            kept = _keep(cls, lst[nxt], reduced, size, kept, left[nxt], gap, rest, n_left,
                         count, largest)
            if kept < 0:
                continue
        best = order[0]
        for a in range(n_left):
            c2 = order[a]
            if count[c2] < count[best] or (count[c2] == count[best] and c2 < best):
                best = c2
        if count[best] == 0:
            continue
        _sort_level(lst[nxt], redl[nxt], reduced, kept)
        if words == 1:
            for t in range(kept):
                lmask[nxt, t] = cls[lst[nxt, t], 0]
        length[nxt] = kept
        column[nxt] = best
        branches[nxt] = count[best]
        taken[nxt] = 0
        position[nxt] = 0
        slack[nxt] = gap
        factor[nxt] = mult
        if nxt < k:
            sib_left[nxt + 1, :] = _ZERO  # its children have no sibling yet
        level = nxt
    return total, _canonical(out, written, cap, keys), 0, work


@numba.njit(cache=True, nogil=True)
def first_holders(col_sets, starts, cols):  # pragma: no cover - compiled
    """For each row r (its columns ``cols[starts[r]:starts[r + 1]]``), the first of the
    rows whose column sets are ``col_sets`` (bit i of ``col_sets[c]``: row i holds
    column c) holding all of them: the lowest bit of the AND of its columns' sets."""
    n = len(starts) - 1
    words = col_sets.shape[1]
    out = np.zeros(n, dtype=np.int64)
    acc = np.empty(words, dtype=np.uint64)
    for r in range(n):
        for w in range(words):
            acc[w] = ~_ZERO
        for p in range(starts[r], starts[r + 1]):
            c = cols[p]
            for w in range(words):
                acc[w] &= col_sets[c, w]
        for w in range(words):
            if acc[w] != _ZERO:
                out[r] = w * 64 + _low_index(acc[w])
                break
    return out


@numba.njit(cache=True, nogil=True)
def expand_covers(
    cls, m, y, weights, k, tops, maximal, by_top, bounds, work_limit, cap, out, lagrange_from,
    keys,
):  # pragma: no cover - compiled
    """Every minimum cover from the minimum covers ``tops`` by maximal classes.

    Class ``by_top[bounds[t]:bounds[t + 1]]`` are those mapped onto maximal class
    ``maximal[t]`` (each class onto the first maximal class holding its columns). For
    each cover ``T`` of ``tops``, the classes mapped into ``T`` that hold the columns
    only their maximal class holds in ``T`` are searched for covers by ``k`` classes.
    Returns (count, covers written to ``out``, status, work) as :func:`count_covers`,
    the covers kept in the order of ``keys`` likewise.
    """
    n, words = cls.shape
    total = 0
    total_f = 0.0
    written = 0
    work = 0
    rows = np.empty(n, dtype=np.int64)
    alone = np.zeros((k, words), dtype=np.uint64)
    part = np.empty_like(out)  # one sub-chart's covers
    for a in range(tops.shape[0]):
        for e in range(k):
            for w in range(words):
                x = cls[maximal[tops[a, e]], w]
                for f in range(k):
                    if f != e:
                        x &= ~cls[maximal[tops[a, f]], w]
                alone[e, w] = x
        n_rows = 0
        for e in range(k):
            t = tops[a, e]
            for p in range(bounds[t], bounds[t + 1]):
                j = by_top[p]
                holds = True
                for w in range(words):
                    if (cls[j, w] & alone[e, w]) != alone[e, w]:
                        holds = False
                        break
                if holds:
                    rows[n_rows] = j
                    n_rows += 1
        sub_rows = np.sort(rows[:n_rows])
        got, wrote, status, spent = count_covers(
            cls[sub_rows], m, y, weights[sub_rows], k, work_limit - work, cap, part,
            lagrange_from, keys[sub_rows],
        )
        for r in range(wrote):
            at = _room(out, written, cap, keys)
            if at >= 0:
                for e in range(k):
                    out[at, e] = sub_rows[part[r, e]]
                written = at + 1
        work += spent
        if status != 0:
            return total, _canonical(out, written, cap, keys), status, work
        total += got
        total_f += float(got)
        if total_f > _BIG:
            return total, written, 2, work
    return total, _canonical(out, written, cap, keys), 0, work
