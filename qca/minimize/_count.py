"""Counting and listing every minimum cover of one chart component, exactly.

Once the minimum size ``k`` of a cover is proven, every set of ``k`` classes covering
all columns is a minimum cover, and none holds a redundant class. They are counted by
branching on the uncovered column with the fewest candidates: the i-th branch takes
that column's i-th candidate and forbids the earlier ones, so each cover is counted
once, under the first of its classes that covers the column. Along every branch no
cover of the columns left is smaller than the classes left to choose (else the whole
chart would have a smaller cover), so a branch counts exactly the minimum covers of
what it has left, and the bound of :meth:`_Component.lower_bound` prunes it.

Two things keep the count from enumerating: columns left that share no class are
counted apart and multiplied (their minimum sizes add up), and the count of
(columns left, classes left to choose, allowed classes that touch those columns) is
remembered. A class stands for each of its PIs (``weights``), so PI-level counts are
weighted sums. Counts are Python ints, however large.

Listing walks the same branches, skipping those counted zero, up to a cap.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Any

import numpy as np

__all__ = ["CountStopped", "MinCoverCounter"]

#: Most remembered sub-counts (each a few big ints) before the memo is cleared.
MEMO_LIMIT = 2_000_000
#: Columns up to which a count is done by inclusion-exclusion over column subsets
#: (2**n work and memory) instead of branching.
SUBSET_COLUMNS = 16
#: The same at the top of a component (one large count instead of a search).
SUBSET_COLUMNS_TOP = 23


def subset_count(masks: np.ndarray, weights: np.ndarray, m: int, k: int) -> int:
    """Weighted number of ``k``-sets of classes whose union is all ``m`` columns.

    Inclusion-exclusion over the columns left out: with ``g(T)`` the weight of the
    classes inside column set ``T``, the number is the sum over ``T`` of
    ``(-1) ** (m - |T|) * C(g(T), k)`` (a class stands for ``weights`` PIs, any ``k`` of
    which may be picked; sets picking two PIs of one class are not minimal covers, and
    when ``k`` is the minimum size none covers everything). ``g`` is the subset-sum
    (zeta) transform of the classes' weights, in ``m * 2**m`` steps.

    >>> subset_count(np.array([0b011, 0b110, 0b101, 0b100]), np.array([1, 1, 1, 1]), 3, 2)
    4
    """
    size = 1 << m
    total_weight = int(np.sum(weights))
    dtype = np.int32 if total_weight < 2**31 else np.int64
    g = np.bincount(np.asarray(masks, dtype=np.int64), weights=weights, minlength=size)
    g = g.astype(dtype)
    for j in range(m):  # g[T] = weight of classes inside T
        view = g.reshape(-1, 2, 1 << j)
        view[:, 1, :] += view[:, 0, :]
    parity = np.zeros(1, dtype=np.uint8)
    for _ in range(m):
        parity = np.concatenate([parity, parity ^ 1])
    odd = (parity != (m & 1)).view(bool)  # (-1) ** (m - |T|) == -1
    plus = np.bincount(g[~odd], minlength=total_weight + 1)
    minus = np.bincount(g[odd], minlength=total_weight + 1)
    signed = plus.astype(np.int64) - minus.astype(np.int64)
    values = np.flatnonzero(signed[k:]) + k
    if len(values) == 0:
        return 0
    weights_v = signed[values]
    top = math.comb(int(values[-1]), k)
    if top * int(values[-1]) < 2**62 and top * int(np.abs(weights_v).sum()) < 2**62:
        comb = np.ones(len(values), dtype=np.int64)  # C(v, k) exactly, in int64
        for j in range(k):
            comb = comb * (values - j) // (j + 1)
        return int((comb * weights_v).sum())
    return sum(int(w) * math.comb(int(v), k) for v, w in zip(values.tolist(), weights_v.tolist(), strict=True))


class CountStopped(Exception):
    """The count ran out of its search budget."""


class MinCoverCounter:
    """Counts (weighted) and lists the minimum covers of a :class:`_Component`.

    Parameters
    ----------
    comp : _Component
        Its ``masks``, ``cands``, ``lower_bound``, ``split``, ``_pick`` and ``budget``.
    weights : list of int
        PIs per class.
    """

    def __init__(self, comp: Any, weights: list[int]) -> None:
        self.comp = comp
        self.weights = weights
        self.memo: dict[tuple[int, int, int], int] = {}
        n_cols = comp.cols.bit_length()
        self.matrix = np.zeros((len(comp.masks), n_cols), dtype=bool)
        for i, mask in enumerate(comp.masks):
            raw = np.frombuffer(mask.to_bytes((n_cols + 7) // 8, "little"), np.uint8)
            self.matrix[i] = np.unpackbits(raw, count=n_cols, bitorder="little").view(bool)
        self.weight_array = np.asarray(weights, dtype=np.int64)

    def _touching(self, uncovered: int) -> int:
        cands = self.comp.cands
        acc = 0
        rest = uncovered
        while rest:
            low = rest & -rest
            rest ^= low
            acc |= cands[low.bit_length() - 1]
        return acc

    def count(self, uncovered: int, allowed: int, k: int) -> int:
        """Weighted number of covers of ``uncovered`` by ``k`` classes of ``allowed``,
        given that none has fewer than ``k``."""
        if uncovered == 0:
            return 1 if k == 0 else 0
        comp = self.comp
        # every call counts, pruned ones too; long column sets cost more (bit walks)
        comp.budget.left -= uncovered.bit_count() // 16
        if comp.budget.spend():
            raise CountStopped
        if k == 0 or comp.lower_bound(uncovered) > k:
            return 0
        allowed &= self._touching(uncovered)
        key = (uncovered, k, allowed)
        got = self.memo.get(key)
        if got is not None:
            return got
        if uncovered.bit_count() <= SUBSET_COLUMNS:
            total = self.by_subsets(uncovered, allowed, k)
            self.memo[key] = total
            return total
        parts = comp.split(uncovered)
        if len(parts) > 1:
            total = 1
            sizes = self.part_sizes(parts, allowed, k)
            if sizes is None:
                total = 0
            else:
                for part, size in zip(parts, sizes, strict=True):
                    total *= self.count(part, allowed, size)
        else:
            total = 0
            branch = comp._pick(uncovered, allowed, comp.cands)
            masks, weights = comp.masks, self.weights
            rest = branch
            while rest:
                low = rest & -rest
                rest ^= low
                i = low.bit_length() - 1
                allowed &= ~low
                sub = self.count(uncovered & ~masks[i], allowed, k - 1)
                if sub:
                    total += weights[i] * sub
        if len(self.memo) >= MEMO_LIMIT:
            self.memo.clear()
        self.memo[key] = total
        return total

    def by_subsets(self, uncovered: int, allowed: int, k: int) -> int:
        """:func:`subset_count` on the classes of ``allowed`` restricted to ``uncovered``."""
        from qca.minimize._reduce import _bits

        comp = self.comp
        rows = np.asarray(_bits(allowed), dtype=np.intp)
        cols = np.asarray(_bits(uncovered), dtype=np.intp)
        if len(rows) < k:
            return 0
        sub = self.matrix[np.ix_(rows, cols)]
        masks = sub.astype(np.int64) @ (np.int64(1) << np.arange(len(cols), dtype=np.int64))
        comp.budget.left -= 50 + len(rows) // 20 + (1 << len(cols)) // 20  # ~ microseconds
        return subset_count(masks, self.weight_array[rows], len(cols), k)

    def part_sizes(self, parts: list[int], allowed: int, k: int) -> list[int] | None:
        """The minimum size of each independent part, when they add up to ``k``."""
        bounds = [self.comp.lower_bound(p) for p in parts]
        if sum(bounds) > k:
            return None
        sizes: list[int] = []
        for j, part in enumerate(parts):
            room = k - sum(sizes) - sum(bounds[j + 1 :])
            size = bounds[j]
            while size <= room and self.count(part, allowed, size) == 0:
                size += 1
            if size > room:
                return None
            sizes.append(size)
        return sizes if sum(sizes) == k else None

    def covers(self, uncovered: int, allowed: int, k: int, cap: int) -> list[tuple[int, ...]]:
        """The first ``cap`` class-level covers counted by :meth:`count`."""
        return list(itertools.islice(self._covers(uncovered, allowed, k, cap), cap))

    def _covers(
        self, uncovered: int, allowed: int, k: int, cap: int
    ) -> Iterator[tuple[int, ...]]:
        if uncovered == 0:
            if k == 0:
                yield ()
            return
        comp = self.comp
        if k == 0 or comp.lower_bound(uncovered) > k:
            return
        allowed &= self._touching(uncovered)
        if k <= 2:
            yield from self._last_two(uncovered, allowed, k)
            return
        if self.count(uncovered, allowed, k) == 0:
            return
        parts = comp.split(uncovered)
        if len(parts) > 1:
            sizes = self.part_sizes(parts, allowed, k)
            if sizes is None:
                return
            # the first ``cap`` products need at most ``cap`` covers of each part
            lists = [self.covers(p, allowed, s, cap) for p, s in zip(parts, sizes, strict=True)]
            for combo in itertools.product(*lists):
                yield tuple(i for cover in combo for i in cover)
            return
        rest = comp._pick(uncovered, allowed, comp.cands)
        while rest:
            low = rest & -rest
            rest ^= low
            i = low.bit_length() - 1
            allowed &= ~low
            for cover in self._covers(uncovered & ~comp.masks[i], allowed, k - 1, cap):
                yield (i, *cover)

    def _last_two(self, uncovered: int, allowed: int, k: int) -> Iterator[tuple[int, ...]]:
        """Covers of one or two classes, found with one vectorised test per branch."""
        from qca.minimize._reduce import _bits

        comp = self.comp
        rows = np.asarray(_bits(allowed), dtype=np.intp)
        cols = np.asarray(_bits(uncovered), dtype=np.intp)
        sub = self.matrix[np.ix_(rows, cols)]
        comp.budget.left -= 20 + sub.size // 50  # ~ microseconds
        if comp.budget.left < 0:
            comp.budget.stopped = True
            raise CountStopped
        if k == 1:
            for r in rows[sub.all(axis=1)].tolist():
                yield (r,)
            return
        # branch on the column with fewest candidates; the partner covers the rest
        col = int(np.argmin(sub.sum(axis=0)))
        taken = np.zeros(len(rows), dtype=bool)
        for a in np.flatnonzero(sub[:, col]).tolist():
            taken[a] = True
            rest = ~sub[a]
            ok = sub[:, rest].all(axis=1) & ~taken
            for b in np.flatnonzero(ok).tolist():
                yield (int(rows[a]), int(rows[b]))
