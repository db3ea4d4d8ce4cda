"""Which minimum covers of a chart component are listed when not all can be, in what order.

A component can have far more minimum covers than the listing cap (planted_k14
conservative: 3.7e55 in one component of 1,652 classes), and the exact search that lists
them may run out of effort after one. Two rules make the covers listed show how the
models vary:

- **More covers by exchange** (:func:`exchange_covers`): from a minimum cover ``C``,
  replacing one class ``a`` by a class ``b`` outside ``C`` that holds every column only
  ``a`` covers in ``C`` gives another cover of the same size, so another minimum cover.
  The covers found are extended breadth first (covers in the order found, their classes
  ascending, the replacements ascending), each met once, until the cap or the step bound:
  a deterministic list of distinct minimum covers, the nearest ones first.
- **Distinct covers first** (:func:`cover_alternatives`): a class stands for any of its
  interchangeable prime implicants; the listing takes every class-level cover once (the
  first PI of each class) before the other PI choices, so the first models listed differ
  in their classes, not only in which of two equivalent PIs they name.

>>> masks = [0b011, 0b110, 0b101, 0b100]  # columns of each class
>>> exchange_covers(masks, 0b111, [(0, 1)], cap=10).tolist()  # class 0 out, then 1
[[0, 1], [1, 2], [0, 2], [0, 3]]
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

import numpy as np

from qca.minimize._modelset import ModelList

__all__ = ["EXCHANGE_STEPS", "FACTOR_COVERS", "cover_alternatives", "exchange_covers"]

#: Class-level covers of a part kept for its factorized description.
FACTOR_COVERS = 100
#: Most class looks of :func:`exchange_covers` (each about a tenth of a microsecond of
#: work on masks of a thousand columns).
EXCHANGE_STEPS = 20_000_000
#: Most cells (covers x classes per cover) listed by exchange: the covers are tuples.
EXCHANGE_CELLS = 250_000


def _lone_columns(masks: Sequence[int], cover: Sequence[int]) -> list[int]:
    """For each class of ``cover``, the columns no other class of it covers.

    >>> _lone_columns([0b011, 0b110, 0b100], (0, 1, 2))
    [1, 0, 0]
    """
    once = more = 0
    for i in cover:
        more |= once & masks[i]
        once = (once | masks[i]) & ~more
    return [masks[i] & once for i in cover]


def exchange_covers(
    masks: Sequence[int], cols: int, start: Sequence[Sequence[int]], cap: int,
    steps: int = EXCHANGE_STEPS,
) -> np.ndarray:
    """``start`` (minimum covers, class indices ascending) and further minimum covers,
    each reached from one before it by replacing one class, at most ``cap`` in all: one
    cover per row, in the order found.

    ``masks[i]`` is class ``i``'s columns (bit masks) and ``cols`` every column; the
    covers in ``start`` must be minimum covers (then so is every cover found). The
    search stops after about ``steps`` class looks or ``EXCHANGE_CELLS`` cells listed.

    >>> exchange_covers([0b01, 0b10, 0b11], 0b11, [(2,)], cap=5).tolist()  # (0, 1) is larger
    [[2]]
    """
    found = [np.asarray(c, dtype=np.int64) for c in start][: max(cap, 0)]
    if not found:
        return np.zeros((0, 0), dtype=np.int64)
    seen = {c.tobytes() for c in found}
    size = max(len(found[0]), 1)
    cap = min(cap, max(EXCHANGE_CELLS // size, len(found)))
    n_cols = cols.bit_length()
    # classes covering each column, ascending (built once)
    holders: list[list[int]] = [[] for _ in range(n_cols)]
    for i, mask in enumerate(masks):
        m = mask
        while m:
            low = m & -m
            holders[low.bit_length() - 1].append(i)
            m ^= low
    left = steps
    walked = 0
    while walked < len(found) and len(found) < cap and left > 0:  # breadth first
        cover = found[walked]
        walked += 1
        listed = cover.tolist()
        members = set(listed)
        for position, lone in enumerate(_lone_columns(masks, listed)):
            if not lone:
                continue  # (a redundant class: not in a minimum cover)
            column = (lone & -lone).bit_length() - 1
            left -= len(holders[column]) + len(listed) // 8
            for b in holders[column]:
                if b in members or masks[b] & lone != lone:
                    continue
                at = bisect.bisect_left(listed, b)  # b's place, the class at position out
                one = np.array([b], dtype=np.int64)
                if at <= position:
                    pieces = [cover[:at], one, cover[at:position], cover[position + 1 :]]
                else:
                    pieces = [cover[:position], cover[position + 1 : at], one, cover[at:]]
                new = np.concatenate(pieces)
                key = new.tobytes()
                if key not in seen:
                    seen.add(key)
                    found.append(new)
                    if len(found) >= cap:
                        return np.vstack(found)
            if left <= 0:
                break
    return np.vstack(found)


def cover_alternatives(
    covers: Sequence[Sequence[int]] | np.ndarray, members: Sequence[np.ndarray], keep: int
) -> ModelList:
    """The PI-level models of a component from its class-level covers (all of one size),
    at most ``keep``, kept in listing order: each cover with the first PI of each class,
    then the other PI choices (cover by cover, each class's PIs in order).

    >>> alts = cover_alternatives([(0, 1), (0, 2)], [np.array([5]), np.array([3, 4]), np.array([9])], 10)
    >>> list(alts)
    [(3, 5), (5, 9), (4, 5)]
    """
    covers = covers[: max(keep, 0)]
    if not len(covers):
        return ModelList([], [])
    firsts = np.array([int(m[0]) if len(m) else -1 for m in members], dtype=np.int64)
    if isinstance(covers, np.ndarray):
        rows = list(firsts[covers])  # first PI of each class
    else:
        rows = [firsts[np.asarray(c, dtype=np.int64)] for c in covers]
    multi = [i for i, m in enumerate(members) if len(m) > 1]
    if multi and len(rows) < keep:
        is_multi = np.zeros(len(members), dtype=bool)
        is_multi[multi] = True
        for cover in covers:
            where = np.flatnonzero(is_multi[np.asarray(cover, dtype=np.int64)])
            if not len(where):
                continue
            first = firsts[np.asarray(cover, dtype=np.int64)]
            options = [members[cover[j]].tolist() for j in where.tolist()]
            for pick in itertools.islice(itertools.product(*options), 1, None):
                row = first.copy()
                row[where] = pick
                rows.append(row)
                if len(rows) >= keep:
                    break
            if len(rows) >= keep:
                break
    size = len(rows[0])
    if any(len(r) != size for r in rows):  # (covers of one size, but stay exact anyway)
        common = set(rows[0].tolist()).intersection(*(r.tolist() for r in rows[1:]))
        return ModelList(common, [[i for i in r.tolist() if i not in common] for r in rows], sort=False)
    table = np.sort(np.vstack(rows), axis=1)
    shared = np.bincount(table.ravel(), minlength=int(table.max()) + 1) == len(table)
    varying = ~shared[table]
    return ModelList.from_flat(np.flatnonzero(shared), table[varying], varying.sum(axis=1))
