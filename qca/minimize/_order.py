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

import numpy as np

__all__ = ["r_order", "lexicographic_order"]


def lexicographic_order(terms: np.ndarray) -> np.ndarray:
    """Fewer literals first, then condition by condition: present before absent, lower first.

    The condition digits are packed into as few uint64 sort keys as they fit in, so a
    sort of millions of terms over 40 conditions takes a few keys, not one per condition.

    >>> lexicographic_order(np.array([[-1, 1], [0, -1], [1, 1]])).tolist()
    [1, 0, 2]
    """
    terms = np.asarray(terms)
    if terms.size == 0:
        return np.arange(len(terms), dtype=np.intp)
    absent = int(terms.max()) + 1
    width = max(1, absent.bit_length())  # bits per digit (0..absent)
    per_word = 64 // width
    k = terms.shape[1]
    words = []
    for start in range(0, k, per_word):
        word = np.zeros(len(terms), dtype=np.uint64)
        for j in range(start, min(k, start + per_word)):
            digit = np.where(terms[:, j] < 0, absent, terms[:, j]).astype(np.uint64)
            word = (word << np.uint64(width)) | digit
        words.append(word)
    n_literals = np.count_nonzero(terms >= 0, axis=1)
    return np.lexsort(words[::-1] + [n_literals])


def r_order(terms: np.ndarray) -> np.ndarray:
    """Indices that put ``terms`` (-1 = absent) in R QCA's prime implicant order.

    Ties that R would break by the order in which its algorithms found the terms are
    broken here by :func:`lexicographic_order`, so the result is deterministic.
    """
    terms = np.asarray(terms)
    m = len(terms)
    order = lexicographic_order(terms)
    if m < 2 or not (terms >= 0).all(axis=0).any():
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
    n_literals = (terms[order] >= 0).sum(axis=1)
    return order[np.argsort(n_literals, kind="stable")]
