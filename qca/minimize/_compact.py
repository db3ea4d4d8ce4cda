"""Many long models in JSON: each term written once, each model by how it differs from M1
(private).

planted_k14 conservative lists 10,000 minimal models of 802 terms; written as full
strings they take 472 MB of JSON, though each differs from M1 in about nine terms. When
the models listed hold more than :data:`COMPACT_TERMS` terms in all,
:func:`compact_models` gives them as

- ``terms``: every term of a listed model, once, in an order that agrees with the order
  of the terms within every model (R's prime implicant order);
- ``first``: the positions (in ``terms``) of M1's terms, ascending;
- ``added`` and ``removed``: per listed model (M1, M2, ...; both empty for M1), the
  positions of its terms that M1 lacks and of M1's terms it lacks.

Model ``i`` is the terms at the positions ``sorted(set(first) - set(removed[i]) |
set(added[i]))`` joined with ``" + "``: exactly its ``str()`` (:func:`expand_models`).
Nothing is lost: this form and the strings give the same models in the same order, with
the same term order within each. It is how ``str()`` already prints long models
(``M2: M1 with B in place of C``).

>>> compact = {"terms": ["A", "B", "C", "D"], "first": [0, 1, 3],
...            "added": [[], [2]], "removed": [[], [1]]}
>>> expand_models(compact)
['A + B + D', 'A + C + D']
>>> compact_models([("A", "B", "D"), ("A", "C", "D")], limit=4) == compact
True
>>> compact_models([("A", "B"), ("A", "C")], limit=4) is None  # small: strings are kept
True
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["COMPACT_TERMS", "compact_of", "compact_models", "compact_listing", "expand_models"]

#: Listed models holding more terms than this in all are written compactly in JSON.
COMPACT_TERMS = 10_000


def expand_models(compact: dict[str, Any]) -> list[str]:
    """The models of a compact listing as strings (``str()`` of each), in order."""
    terms, first = compact["terms"], set(compact["first"])
    return [
        " + ".join(terms[i] for i in sorted((first - set(removed)) | set(added)))
        for added, removed in zip(compact["added"], compact["removed"], strict=True)
    ]


def compact_of(models: Sequence[Any]) -> dict[str, Any] | None:
    """The compact listing of :class:`qca.Model` objects (None when short: see
    :func:`compact_models`). Models that share one term table (those of one
    minimization) are read from it, never turned into strings."""
    shared = getattr(models[0], "_shared", None) if len(models) else None
    if shared is not None and all(getattr(m, "_shared", None) is shared for m in models):
        stored = shared.models  # a base plus each model's own rows
        return compact_listing(shared.names, stored.base, [stored.extra(m._index) for m in models])
    return compact_models([tuple(m.terms) for m in models])


def compact_models(
    models: Sequence[Sequence[str]], *, limit: int | None = None
) -> dict[str, Any] | None:
    """The compact listing of models given as tuples of terms (each in its own order), or
    None when they hold at most ``limit`` (default :data:`COMPACT_TERMS`) terms in all (the strings are then short enough)
    or when no single order of the terms agrees with every model's (never the case for
    the models of one minimization, whose terms all follow R's PI order)."""
    if sum(len(m) for m in models) <= (COMPACT_TERMS if limit is None else limit):
        return None
    order = _common_order(models)
    if order is None:
        return None
    position = {term: i for i, term in enumerate(order)}
    rows = [np.asarray(sorted(position[t] for t in m), dtype=np.int64) for m in models]
    return _listing(order, rows[0], rows)


def compact_listing(
    names: Sequence[str], base: np.ndarray, extras: Sequence[np.ndarray], *, limit: int | None = None
) -> dict[str, Any] | None:
    """:func:`compact_models` for models stored as rows of one term table ``names`` (in
    R's order): each model is the rows ``base`` plus its own ascending rows ``extras``.
    No model is turned into strings; the work is in the extras only.

    >>> compact_listing(["A", "B", "C", "D"], np.array([3]), [np.array([0, 1]), np.array([0, 2])], limit=4)
    {'terms': ['A', 'B', 'C', 'D'], 'first': [0, 1, 3], 'added': [[], [2]], 'removed': [[], [1]]}
    """
    base = np.asarray(base, dtype=np.int64)
    extras = [np.asarray(e, dtype=np.int64) for e in extras]
    flat = np.concatenate(extras) if extras else np.zeros(0, np.int64)
    if len(base) * len(extras) + len(flat) <= (COMPACT_TERMS if limit is None else limit):
        return None
    used = np.union1d(base, flat)
    position = np.full(len(names), -1, dtype=np.int64)
    position[used] = np.arange(len(used))
    terms = [names[r] for r in used.tolist()]
    # the base is in every model: the differences from M1 are those of the extras
    listing = _listing(terms, position[extras[0]], [position[e] for e in extras])
    listing["first"] = position[np.union1d(base, extras[0])].tolist()
    return listing


def _listing(terms: list[str], first: np.ndarray, rows: list[np.ndarray]) -> dict[str, Any]:
    """``terms``, M1's positions and each model's ascending positions (or the part of
    them not shared by all) -> the compact listing."""
    in_first = np.zeros(len(terms), dtype=bool)
    in_first[first] = True
    mark = np.zeros(len(terms), dtype=bool)
    added, removed = [], []
    for r in rows:
        added.append(r[~in_first[r]].tolist())
        mark[r] = True
        removed.append(first[~mark[first]].tolist())
        mark[r] = False
    return {"terms": list(terms), "first": first.tolist(), "added": added, "removed": removed}


def _common_order(models: Sequence[Sequence[str]]) -> list[str] | None:
    """One order of every term that agrees with the order within each model (each term
    as early as its first appearance allows), or None when the models disagree.

    >>> _common_order([("A", "C"), ("B", "C"), ("A", "B")])
    ['A', 'B', 'C']
    >>> _common_order([("A", "B"), ("B", "A")]) is None
    True
    """
    first: dict[str, int] = {}
    after: dict[str, set[str]] = {}
    waiting: dict[str, int] = {}  # terms that must come before, not placed yet
    for model in models:
        for term in model:
            if term not in first:
                first[term] = len(first)
                after[term] = set()
                waiting[term] = 0
        for a, b in zip(model, model[1:], strict=False):
            if b not in after[a]:
                after[a].add(b)
                waiting[b] += 1
    ready = [(first[t], t) for t, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, term = heapq.heappop(ready)
        order.append(term)
        for b in after[term]:
            waiting[b] -= 1
            if waiting[b] == 0:
                heapq.heappush(ready, (first[b], b))
    return order if len(order) == len(first) else None
