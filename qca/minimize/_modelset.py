"""Many models stored once: the prime implicants they share plus each model's own.

Thousands of minimal models of thousands of PIs differ in a few PIs each (planted_k16
conservative: 10,000 models of 3,064 PIs). :class:`ModelList` keeps the PIs common to
all of them once (``base``) and per model only the others (``extra``), and behaves as
the list of tuples of ascending PI indices it stands for: indexing, iteration,
``len``, ``in`` and ``==`` with a list give the same answers, each tuple built when
asked for.

The order is R's: fewer PIs first, then the tuples of ascending indices compared
lexicographically. With a common base B (disjoint from every extra part), two models of
equal size first differ at the smallest PI in one and not the other, which is the
smallest PI of the symmetric difference of their extra parts: sorting by
``(len(extra), extra)`` gives the same order as sorting the whole tuples.

>>> models = ModelList.from_models([(1, 2, 5), (0, 2, 5), (2, 3, 5)])
>>> models.base.tolist(), list(models)
([2, 5], [(0, 2, 5), (1, 2, 5), (2, 3, 5)])
>>> models == [(0, 2, 5), (1, 2, 5), (2, 3, 5)], (2, 3, 5) in models
(True, True)
>>> models.common(), models.used()
([2, 5], [0, 1, 2, 3, 5])
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

import numpy as np

__all__ = ["ModelList", "spread_product"]


#: Most PIs that vary between the models of a product (the longest alternative of each
#: part, summed) for which :meth:`ModelList.from_product` keys the models as tuples.
SHORT_EXTRAS = 16


class ModelList(Sequence[tuple[int, ...]]):
    """Models (tuples of ascending PI indices) as a shared base plus each model's extra PIs.

    Build it with :meth:`from_models` or :meth:`from_product`; the models come out in R's
    order (fewer PIs first, then lexicographic).

    >>> m = ModelList.from_product([4], [[(1,), (0,)], [(7, 9), (6,)]], keep=3)
    >>> list(m)
    [(1, 4, 6), (0, 4, 7, 9), (1, 4, 7, 9)]
    """

    __slots__ = ("base", "_flat", "_starts")

    def __init__(self, base: Iterable[int], extras: Sequence[Iterable[int]], *, sort: bool = True):
        self.base = np.asarray(sorted(base), dtype=np.int64)
        ordered = [tuple(sorted(e)) for e in extras]
        if sort:
            ordered.sort(key=lambda e: (len(e), e))
        sizes = [len(e) for e in ordered]
        self._starts = np.zeros(len(ordered) + 1, dtype=np.int64)
        np.cumsum(sizes, out=self._starts[1:])
        self._flat = np.fromiter(
            itertools.chain.from_iterable(ordered), dtype=np.int64, count=int(self._starts[-1])
        )

    @classmethod
    def from_models(cls, models: Iterable[Sequence[int]], *, sort: bool = True) -> ModelList:
        """The models given (each a set of PI indices), sorted into R's order (or kept in
        the order given with ``sort=False``)."""
        if isinstance(models, ModelList) and not sort:
            return models
        sets = [frozenset(int(i) for i in m) for m in models]
        base = frozenset.intersection(*sets) if sets else frozenset()
        return cls(base, [s - base for s in sets], sort=sort)

    @classmethod
    def from_flat(cls, base: np.ndarray, flat: np.ndarray, sizes: np.ndarray) -> ModelList:
        """Models kept in the order given: ``base`` plus each model's extra PIs, which are
        ``flat`` cut into pieces of ``sizes`` (each piece ascending, none in ``base``).

        >>> list(ModelList.from_flat(np.array([4]), np.array([1, 7, 9, 0]), np.array([1, 2, 1])))
        [(1, 4), (4, 7, 9), (0, 4)]
        """
        out = cls.__new__(cls)
        out.base = np.asarray(base, dtype=np.int64)
        out._flat = np.ascontiguousarray(flat, dtype=np.int64)
        out._starts = np.zeros(len(sizes) + 1, dtype=np.int64)
        np.cumsum(sizes, out=out._starts[1:])
        return out

    @classmethod
    def from_product(
        cls, base: Iterable[int], parts: Sequence[Sequence[Sequence[int]]], keep: int
    ) -> ModelList:
        """``base`` plus one alternative of each part, at most ``keep`` combinations,
        sorted into R's order.

        The parts and the base hold disjoint PIs (independent components). The
        combinations are taken in :func:`spread_product` order: the first alternative of
        every part, then each other alternative of a part with the first of the others,
        then the rest of the product; so every alternative listed shows in a model as
        soon as ``keep`` allows. The PIs in every alternative of a part join the base,
        so each model keeps only the few PIs where the alternatives differ.
        """
        base = list(base)
        reduced = []
        for part in parts:
            common, rest = _split_common(part)
            base.extend(common)
            reduced.append(rest)
        if sum(max((len(a) for a in part), default=0) for part in reduced) <= SHORT_EXTRAS:
            # few PIs vary: each model's extra PIs as a tuple (the same order as their
            # big-endian bytes, for PI indices >= 0), without NumPy calls per model
            lists = [[a.tolist() for a in part] for part in reduced]
            short = []
            for combo in spread_product([len(p) for p in reduced], keep):
                varying = sorted(itertools.chain.from_iterable(
                    part[j] for part, j in zip(lists, combo, strict=True)))
                short.append((len(varying), tuple(varying)))
            short.sort()
            sizes = np.fromiter((k[0] for k in short), dtype=np.int64, count=len(short))
            flat = np.fromiter(itertools.chain.from_iterable(k[1] for k in short), np.int64,
                               int(sizes.sum()))
            return cls.from_flat(np.asarray(sorted(base), dtype=np.int64), flat, sizes)
        empty = np.zeros(0, dtype=np.int64)
        keys = []  # each model's extra PIs, ascending, as big-endian bytes (R's order)
        for combo in spread_product([len(p) for p in reduced], keep):
            extra = np.concatenate([part[j] for part, j in zip(reduced, combo, strict=True)] or [empty])
            extra.sort()
            keys.append((len(extra), extra.astype(">i8").tobytes()))
        return cls._from_keys(base, keys)

    @classmethod
    def from_arrays(cls, base: Iterable[int], extras: Sequence[np.ndarray]) -> ModelList:
        """``base`` plus each of ``extras`` (integer arrays, none meeting ``base``), sorted
        into R's order: by size, then the ascending PIs compared as big-endian bytes
        (the same order as comparing the tuples, for models of one size).

        >>> list(ModelList.from_arrays([4], [np.array([9, 7]), np.array([1]), np.array([0, 8])]))
        [(1, 4), (0, 4, 8), (4, 7, 9)]
        """
        keys = []
        for e in extras:
            e = np.sort(np.asarray(e, dtype=np.int64))
            keys.append((len(e), e.astype(">i8").tobytes()))
        return cls._from_keys(base, keys)

    @classmethod
    def _from_keys(cls, base: Iterable[int], keys: list[tuple[int, bytes]]) -> ModelList:
        """The models ``base`` plus each extra part given as (size, its ascending PIs as
        big-endian int64 bytes), sorted into R's order (``keys`` is emptied)."""
        keys.sort()
        sizes = np.fromiter((k[0] for k in keys), dtype=np.int64, count=len(keys))
        joined = b"".join([k[1] for k in keys])
        keys.clear()
        flat = np.frombuffer(joined, dtype=">i8").astype(np.int64)
        return cls.from_flat(np.asarray(sorted(base), dtype=np.int64), flat, sizes)

    # ------------------------------------------------------------------ the sequence
    def __len__(self) -> int:
        return len(self._starts) - 1

    def extra(self, i: int) -> np.ndarray:
        """The PIs of model ``i`` that are not in the base (ascending)."""
        return self._flat[self._starts[i] : self._starts[i + 1]]

    def indices(self, i: int) -> np.ndarray:
        """The PIs of model ``i``, ascending, as an array."""
        return np.sort(np.concatenate([self.base, self.extra(i)]))

    @overload
    def __getitem__(self, i: int) -> tuple[int, ...]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, ...]]: ...

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self)
        j = int(i) + n if int(i) < 0 else int(i)
        if not 0 <= j < n:
            raise IndexError("model index out of range")
        return tuple(self.indices(j).tolist())

    def __iter__(self) -> Iterator[tuple[int, ...]]:
        for i in range(len(self)):
            yield self[i]

    def __contains__(self, model: object) -> bool:
        if not isinstance(model, Sequence):
            return False
        wanted = set(model)
        if not wanted.issuperset(self.base.tolist()):
            return False
        rest = sorted(wanted.difference(self.base.tolist()))
        return any(self.extra(i).tolist() == rest for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(a == tuple(b) for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))

    def renumbered(self, new: np.ndarray) -> ModelList:
        """The same models with PI ``i`` renamed ``new[i]`` (``new`` increasing on the PIs
        used, so each model stays ascending and the order stays R's).

        >>> ModelList.from_models([(3, 5), (3, 8)]).renumbered(np.arange(10) * 2).base.tolist()
        [6]
        """
        out = ModelList.__new__(ModelList)
        out.base = np.asarray(new, dtype=np.int64)[self.base]
        out._flat = np.asarray(new, dtype=np.int64)[self._flat]
        out._starts = self._starts
        return out

    # ------------------------------------------------------------------ summaries
    def sizes(self) -> np.ndarray:
        """Number of PIs of each model."""
        return np.diff(self._starts) + len(self.base)

    def used(self) -> list[int]:
        """Every PI in some model, ascending."""
        return np.union1d(self.base, self._flat).astype(int).tolist()

    def common(self) -> list[int]:
        """The PIs in every model, ascending (R's essential PIs)."""
        if len(self) == 0:
            return []
        counts = np.bincount(self._flat, minlength=int(self._flat.max(initial=-1)) + 1)
        shared = np.flatnonzero(counts == len(self))
        return np.union1d(self.base, shared).astype(int).tolist()


def spread_product(sizes: Sequence[int], keep: int) -> Iterator[tuple[int, ...]]:
    """At most ``keep`` distinct index tuples of the product of ``range(n)`` for ``n`` in
    ``sizes``: all zeros first; then, round by round, index ``i`` of each part in turn with
    zeros elsewhere (``i`` = 1, 2, ...), so each part's alternatives show early; then the
    rest of the product in its usual order.

    >>> list(spread_product([2, 3], 10))
    [(0, 0), (1, 0), (0, 1), (0, 2), (1, 1), (1, 2)]
    >>> list(spread_product([3, 3, 2], 4))
    [(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)]
    """
    if keep < 1 or any(n < 1 for n in sizes):
        return
    first = (0,) * len(sizes)
    yield first
    given = 1
    star = {first}
    active = [j for j, n in enumerate(sizes) if n > 1]  # parts with an index i left
    i = 1
    while active:
        for j in active:
            if given >= keep:
                return
            combo = first[:j] + (i,) + first[j + 1 :]
            star.add(combo)
            yield combo
            given += 1
        i += 1
        active = [j for j in active if sizes[j] > i]
    for combo in itertools.product(*(range(n) for n in sizes)):
        if given >= keep:
            return
        if combo in star:
            continue
        yield combo
        given += 1


def _split_common(alternatives: Sequence[Sequence[int]]) -> tuple[list[int], list[np.ndarray]]:
    """(PIs in every alternative, each alternative without them), alternatives' order kept.

    >>> shared, rest = _split_common([(1, 4, 5), (2, 4, 5)])
    >>> shared, [r.tolist() for r in rest]
    ([4, 5], [[1], [2]])
    """
    if isinstance(alternatives, ModelList):
        shared = np.asarray(alternatives.common(), dtype=np.int64)
        flat, starts = alternatives._flat, alternatives._starts
    else:
        sizes = [len(a) for a in alternatives]
        flat = np.fromiter(itertools.chain.from_iterable(alternatives), np.int64, sum(sizes))
        starts = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])
        shared = np.zeros(0, dtype=np.int64)
        if len(alternatives) > 1 and len(flat):
            # each alternative holds a PI once
            shared = np.flatnonzero(np.bincount(flat) == len(alternatives))
    if len(starts) < 2:
        return shared.tolist(), []
    keep = ~np.isin(flat, shared)
    kept = np.concatenate([[0], np.cumsum(keep, dtype=np.int64)])[starts]
    return shared.tolist(), np.split(flat[keep], kept[1:-1])
