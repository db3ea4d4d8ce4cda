"""R QCA's order of prime implicants.

R QCA 3.25.1 orders the implicants it finds with a sequence of stable sorts, one per
condition from the last to the first, and finally by the number of literals. Each pass
puts the terms holding a literal of that condition first (lower values first) and the
terms without it after. One detail makes the result differ from a plain lexicographic
key: when *every* term holds a literal of the condition, the pass leaves the term with
the highest value last (the values are first sorted in decreasing order and then only
all but the last term are re-sorted in increasing order). This is what puts
``DEV*URB*LIT*IND*STB`` before ``DEV*~URB*LIT*~IND*STB`` in R's conservative solution
for the Lipset fuzzy data, while ``~P*Q`` comes before ``P*~Q`` in Quine's example.

The behaviour was established from R's printed results (see SEMANTICS.md S5 and the
reference cases); the code is ours.

>>> import numpy as np
>>> terms = np.array([[1, 0, 1, 0, 1], [1, 1, 1, 1, 1]])  # DEV*~URB*LIT*~IND*STB, DEV*URB*...
>>> r_order(terms).tolist()
[1, 0]
>>> quine = np.array([[1, -1, 0], [0, 1, -1], [-1, 0, 1], [0, -1, 1], [1, 0, -1], [-1, 1, 0]])
>>> r_order(quine).tolist()  # ~P*Q, ~P*R, P*~Q, P*~R, ~Q*R, Q*~R
[1, 3, 4, 0, 2, 5]
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["r_order", "lexicographic_order", "ordered_blocks"]


def lexicographic_order(terms: np.ndarray) -> np.ndarray:
    """Fewer literals first, then condition by condition: present before absent, lower first.

    Each term becomes a number in base ``absent + 1`` (the number of literals its leading
    digit, then one digit per condition, absent = the largest), split into as few uint64
    sort keys as it fits in: a sort of millions of terms over 40 conditions takes one or
    two keys, built block by block with a matrix product.

    >>> lexicographic_order(np.array([[-1, 1], [0, -1], [1, 1]])).tolist()
    [1, 0, 2]
    """
    terms = np.asarray(terms)
    if terms.size == 0:
        return np.arange(len(terms), dtype=np.intp)
    n, k = terms.shape
    return ordered_blocks(lambda lo, hi: terms[lo:hi], n, k, int(terms.max()))


def ordered_blocks(block: Callable[[int, int], np.ndarray], n: int, k: int, top: int) -> np.ndarray:
    """:func:`lexicographic_order` of n terms of k conditions given a block at a time:
    ``block(lo, hi)`` returns terms lo..hi-1; ``top`` is the largest value in any term
    (-1 when none has a literal). Terms too many to hold twice are never all in memory.
    """
    if n == 0 or k == 0:
        return np.arange(n, dtype=np.intp)
    absent = top + 1
    base = absent + 1
    # digit groups: the first holds the number of literals (0..k) and as many conditions
    # as fit beside it, the others as many conditions as fit in 64 bits
    groups: list[tuple[int, int]] = []
    start, room = 0, (2**64 - 1) // (k + 1)
    while start < k:
        stop, scale = start, 1
        while stop < k and scale * base <= room:
            scale *= base
            stop += 1
        groups.append((start, stop))
        start, room = stop, 2**64 - 1
    weights = [
        np.array([base ** (stop - 1 - j) for j in range(start, stop)], dtype=np.uint64)
        for start, stop in groups
    ]
    lead = np.uint64(base ** (groups[0][1] - groups[0][0]))
    words = [np.empty(n, dtype=np.uint64) for _ in groups]
    step = max(1, 2**20 // max(1, k))
    for lo in range(0, n, step):
        part = block(lo, min(n, lo + step))
        digits = np.minimum(part.astype(np.uint64), np.uint64(absent))  # -1 wraps: absent
        present = part >= 0
        for word, (start, stop), weight in zip(words, groups, weights, strict=True):
            word[lo : lo + step] = digits[:, start:stop] @ weight
        n_literals = np.count_nonzero(present, axis=1).astype(np.uint64)
        words[0][lo : lo + step] += n_literals * lead
    order = np.argsort(words[0], kind="stable")
    if len(words) == 1 or n < 2:
        return order
    # terms equal on the first key: sort each such run by the other keys (stable)
    first = words[0][order]
    tie = first[1:] == first[:-1]
    if not tie.any():
        return order
    member = np.zeros(n, dtype=bool)
    member[1:] = tie
    member[:-1] |= tie
    at = np.flatnonzero(member)
    run = np.cumsum(~np.concatenate(([False], tie)))[at]  # run id of each tied position
    idx = order[at]
    order[at] = idx[np.lexsort([word[idx] for word in words[:0:-1]] + [run])]
    return order


def r_order(terms: np.ndarray, sizes: np.ndarray | None = None) -> np.ndarray:
    """Indices that put ``terms`` (-1 = absent) in R QCA's prime implicant order.

    Ties that R would break by the order in which its algorithms found the terms are
    broken here by :func:`lexicographic_order`, so the result is deterministic. ``sizes``
    replaces the number of literals in the last pass (R's CCubes counts a temporal "-"
    field as a literal there).
    """
    terms = np.asarray(terms)
    m = len(terms)
    order = lexicographic_order(terms)
    if sizes is None and (m < 2 or not (terms.min(axis=0) >= 0).any()):
        # every pass but R's quirk is a stable sort by that condition, so without a
        # condition present in every term the passes give the lexicographic order
        return order
    terms = terms.astype(np.int64)
    coded = terms + 1  # 0 = absent, value v -> v + 1
    for j in range(terms.shape[1] - 1, -1, -1):
        column = coded[order, j]
        down = np.argsort(-column, kind="stable")
        order, column = order[down], column[down]
        present = int(np.count_nonzero(column))
        prefix = present if present < m else m - 1
        if prefix > 1:
            up = np.argsort(column[:prefix], kind="stable")
            order[:prefix] = order[:prefix][up]
    last = (terms >= 0).sum(axis=1) if sizes is None else np.asarray(sizes)
    return order[np.argsort(last[order], kind="stable")]
