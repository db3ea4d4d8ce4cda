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

__all__ = ["r_order", "lexicographic_order", "ordered_blocks", "ordered_masks"]


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


def _digit_groups(k: int, base: int) -> list[tuple[int, int]]:
    """Conditions per uint64 sort key: the first key holds the number of literals (0..k)
    and as many conditions as fit beside it, the others as many as fit in 64 bits."""
    groups: list[tuple[int, int]] = []
    start, room = 0, (2**64 - 1) // (k + 1)
    while start < k:
        stop, scale = start, 1
        while stop < k and scale * base <= room:
            scale *= base
            stop += 1
        groups.append((start, stop))
        start, room = stop, 2**64 - 1
    return groups


def ordered_blocks(block: Callable[[int, int], np.ndarray], n: int, k: int, top: int) -> np.ndarray:
    """:func:`lexicographic_order` of n terms of k conditions given a block at a time:
    ``block(lo, hi)`` returns terms lo..hi-1; ``top`` is the largest value in any term
    (-1 when none has a literal). Terms too many to hold twice are never all in memory.
    """
    if n == 0 or k == 0:
        return np.arange(n, dtype=np.intp)
    absent = top + 1
    base = absent + 1
    groups = _digit_groups(k, base)
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
    return _words_order(words)


#: Largest lookup table (entries) :func:`ordered_masks` builds; larger inputs return None.
MASK_TABLE_LIMIT = 1 << 22

_BYTE_BITS = np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1, bitorder="little")


def ordered_masks(
    values: np.ndarray, found: np.ndarray, masks: np.ndarray, top: int
) -> np.ndarray | None:
    """:func:`lexicographic_order` of terms given as (row, condition mask), never decoded.

    Term i holds ``values[found[i], j]`` on each condition j whose bit is set in
    ``masks[i]`` (uint64, k <= 64) and no literal elsewhere; ``top`` is the largest value
    of a literal. Each sort key is a sum over the set bits of per-row constants, read
    from a table per byte of the masks (a few lookups a term instead of k digits). None
    when that table would exceed :data:`MASK_TABLE_LIMIT` entries.

    >>> values = np.array([[1, 0], [0, 1]])
    >>> ordered_masks(values, np.array([0, 0, 1]), np.array([1, 3, 2], dtype=np.uint64), 1).tolist()
    [0, 2, 1]
    """
    n = len(found)
    n_rows, k = values.shape
    if n == 0 or k == 0:
        return np.arange(n, dtype=np.intp)
    n_bytes = (k + 7) // 8
    if n_rows * n_bytes * 256 > MASK_TABLE_LIMIT or k > 64:
        return None
    absent = top + 1
    base = absent + 1
    groups = _digit_groups(k, base)
    raw = np.ascontiguousarray(masks, dtype="<u8").view(np.uint8).reshape(n, 8)
    found = np.asarray(found, dtype=np.intp)
    codes = np.asarray(values, dtype=np.int64) + 1  # 0 (a "-": never a literal) .. top + 1
    bits = _BYTE_BITS.T.astype(np.uint64)
    lead = base ** (groups[0][1] - groups[0][0])
    # bit j set adds (value - absent) * weight_j to a word that is absent * sum(weights)
    # with no literal (the digits of absent conditions); mod 2**64 every sum is exact; the
    # first word also counts the literals, a byte of the mask at a time
    tables: list[list[tuple[int, np.ndarray]]] = []
    starts = []
    for gi, (start, stop) in enumerate(groups):
        weight = {j: base ** (stop - 1 - j) for j in range(start, stop)}
        starts.append((absent * sum(weight.values())) % 2**64)
        per_group = []
        # (the first word reads every byte: each set bit is a literal to count)
        for b in range(start // 8, (stop - 1) // 8 + 1) if gi else range(n_bytes):
            per_bit = np.zeros((n_rows, 8), dtype=np.uint64)
            for t in range(8):
                if 8 * b + t in weight:
                    adds = [((v - 1 - absent) * weight[8 * b + t]) % 2**64 for v in range(top + 2)]
                    per_bit[:, t] = np.array(adds, dtype=np.uint64)[codes[:, 8 * b + t]]
                if gi == 0 and 8 * b + t < k:
                    per_bit[:, t] += np.uint64(lead)  # one more literal
            per_group.append((b, per_bit @ bits))  # (n_rows, 256): sums per byte value
        tables.append(per_group)
    words = [np.full(n, first, dtype=np.uint64) for first in starts]
    step = 1 << 18
    for lo in range(0, n, step):
        rows = found[lo : lo + step]
        for word, per_group in zip(words, tables, strict=True):
            part = word[lo : lo + step]
            for b, table in per_group:
                part += table[rows, raw[lo : lo + step, b]]
    return _words_order(words)


def _words_order(words: list[np.ndarray]) -> np.ndarray:
    """Stable order by the first key, ties broken by the next keys."""
    n = len(words[0])
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
