"""Prime implicants defined by inclusion in the data (``pi_cons``; private).

With ``pi_cons > 0`` R QCA ignores the negative rows and takes as prime implicants the
terms that (SEMANTICS.md S11)

- cover at least one explained row,
- have an inclusion score inclS >= ``pi_cons`` in the data (with R's tolerance), and
- have no proper sub-term that also reaches ``pi_cons``.

The search grows terms one literal at a time (fewest literals first), only from literals
of explained rows, and never extends a term that already reaches the cut, as in the
Apriori algorithm: a candidate is tested only when each of its sub-terms with one
literal fewer was tested and failed.

>>> import numpy as np
>>> lits = [[np.array([0.9, 0.1]), np.array([0.1, 0.9])], [np.array([0.8, 0.8]), np.array([0.2, 0.2])]]
>>> consistent_primes(np.array([[1, 1]]), lits, np.array([0.1, 0.9]), 0.8).tolist()
[[1, -1]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qca._validation import TOL
from qca.exceptions import QCAError
from qca.fit import _ratio, inclusion
from qca.minimize._core import order_terms

__all__ = ["consistent_primes", "MAX_CANDIDATES"]

#: Most candidate terms tested before the search gives up with an error.
MAX_CANDIDATES = 2_000_000


def _inclusion(members: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.asarray(inclusion(members, y[None, :]))


def consistent_primes(
    explained: np.ndarray,
    literals: Sequence[Sequence[np.ndarray]],
    y: np.ndarray,
    cut: float,
) -> np.ndarray:
    """Terms (shape (m, k), -1 = absent) in R's PI order that meet ``cut`` minimally.

    ``explained`` holds the configurations of the rows to explain (-1 for ``"-"``);
    ``literals[j][v]`` is each case's membership in value v of condition j.
    """
    explained = np.asarray(explained, dtype=np.int64)
    k = explained.shape[1] if explained.ndim == 2 else len(literals)
    offsets = np.cumsum([0] + [len(levels) for levels in literals])
    lit_of = [(j, v) for j in range(k) for v in range(len(literals[j]))]
    matrix = np.vstack([literals[j][v] for j, v in lit_of]) if lit_of else np.zeros((0, len(y)))
    y = np.asarray(y, dtype=float)
    rows = [
        tuple(int(offsets[j] + row[j]) for j in range(k) if row[j] >= 0)
        for row in explained
    ]
    rows = list(dict.fromkeys(rows))
    if len(lit_of) <= 64:
        found = _search_masks(rows, matrix, y, cut)
    else:
        found = _search_tuples(rows, matrix, y, cut, k)
    terms = np.full((len(found), k), -1, dtype=np.int16)
    for i, term in enumerate(found):
        for lit in term:
            j, v = lit_of[lit]
            terms[i, j] = v
    return terms[order_terms(terms)] if len(terms) else terms


def _meets(ids: np.ndarray, matrix: np.ndarray, y: np.ndarray, cut: float) -> np.ndarray:
    """Whether each term (rows of literal ids, one size) reaches ``cut``, block by block."""
    if _crisp(matrix, y):
        return _meets_crisp(ids, matrix, y, cut)
    size = ids.shape[1]
    incl = np.empty(len(ids))
    step = max(1, 2_000_000 // max(1, len(y) * size))
    for start in range(0, len(ids), step):
        part = ids[start : start + step]
        block = matrix[part[:, 0]]
        for i in range(1, size):
            np.minimum(block, matrix[part[:, i]], out=block)
        incl[start : start + step] = _inclusion(block, y)
    return ~np.isnan(incl) & (incl + TOL > cut)


def _crisp(matrix: np.ndarray, y: np.ndarray) -> bool:
    """Every membership 0 or 1 (and numpy counts bits): inclusion by bit counts."""
    if not hasattr(np, "bitwise_count"):
        return False
    return bool(np.isin(matrix, (0.0, 1.0)).all() and np.isin(y, (0.0, 1.0)).all())


def _meets_crisp(ids: np.ndarray, matrix: np.ndarray, y: np.ndarray, cut: float) -> np.ndarray:
    """:func:`_meets` on 0/1 memberships packed 64 cases a word: inclusion is
    |X and Y| / |X|, the same float division as on the float memberships."""
    packed = np.packbits(matrix.astype(bool), axis=1, bitorder="little")
    pad = (-packed.shape[1]) % 8
    words = np.pad(packed, ((0, 0), (0, pad))).view("<u8")
    y_words = np.pad(np.packbits(y.astype(bool), bitorder="little"), (0, pad)).view("<u8")
    size = ids.shape[1]
    meets = np.empty(len(ids), dtype=bool)
    step = max(1, 4_000_000 // max(1, words.shape[1] * size))
    for start in range(0, len(ids), step):
        part = ids[start : start + step]
        block = words[part[:, 0]]
        for i in range(1, size):
            np.bitwise_and(block, words[part[:, i]], out=block)
        members = np.bitwise_count(block).sum(axis=1, dtype=np.int64).astype(float)
        both = np.bitwise_count(block & y_words).sum(axis=1, dtype=np.int64).astype(float)
        incl = np.asarray(_ratio(both, members))
        meets[start : start + step] = ~np.isnan(incl) & (incl + TOL > cut)
    return meets


def _count_tested(tested: int) -> None:
    if tested > MAX_CANDIDATES:
        raise QCAError(
            f"The pi_cons search tested more than {MAX_CANDIDATES} terms without finishing; "
            "raise pi_cons or use fewer conditions."
        )


def _search_masks(
    rows: list[tuple[int, ...]], matrix: np.ndarray, y: np.ndarray, cut: float
) -> list[tuple[int, ...]]:
    """The Apriori search on uint64 literal masks (at most 64 literals), level by level.

    A candidate of size s is an open term t of size s - 1 plus a literal above t's highest
    one, taken from a row holding t (so each candidate is made once); it is tested when
    every sub-term with one literal fewer is open (tested and failed).
    """
    one = np.uint64(1)
    row_masks = np.array([sum(1 << lit for lit in row) for row in rows], dtype=np.uint64)
    open_terms = np.zeros(1, dtype=np.uint64)  # the empty term
    found: list[np.ndarray] = []
    tested = 0
    bit_values = one << np.arange(64, dtype=np.uint64)
    for size in range(1, 65):
        # literals that some row holding t adds to it, above t's highest literal
        reach = np.zeros(len(open_terms), dtype=np.uint64)
        for row_mask in row_masks:
            holds = (open_terms & ~row_mask) == 0
            reach[holds] |= row_mask
        top = _high_bit(open_terms)  # 0 for the empty term
        reach &= np.where(top == 0, ~np.uint64(0), ~(top | (top - one)))
        parent, lit = np.nonzero(_bits(reach))
        candidates = open_terms[parent] | bit_values[lit]
        # without its highest literal a candidate is its parent (open); check the others
        rest = open_terms[parent]
        for _ in range(size - 1):
            low = rest & (~rest + one)
            rest ^= low
            sub = candidates ^ low
            at = np.searchsorted(open_terms, sub)
            at[at == len(open_terms)] = 0
            keep = open_terms[at] == sub
            candidates, rest = candidates[keep], rest[keep]
        candidates = np.sort(candidates)
        if not len(candidates):
            break
        tested += len(candidates)
        _count_tested(tested)
        ids = _literal_ids(candidates, size)
        meets = _meets(ids, matrix, y, cut)
        found.append(ids[meets])
        open_terms = candidates[~meets]
        if not len(open_terms):
            break
    return [tuple(int(v) for v in term) for part in found for term in part]


def _literal_ids(masks: np.ndarray, size: int) -> np.ndarray:
    """The set bits of masks holding ``size`` bits each, ascending: int64 (n, size)."""
    ids = np.empty((len(masks), size), dtype=np.int64)
    rest = masks.copy()
    one = np.uint64(1)
    for i in range(size):
        low = rest & (~rest + one)
        rest ^= low
        ids[:, i] = np.frexp(low.astype(np.float64))[1] - 1  # exact for powers of two
    return ids


def _bits(masks: np.ndarray) -> np.ndarray:
    """uint8 array (n, 64): bit j of each uint64 mask."""
    raw = np.ascontiguousarray(masks, dtype="<u8").view(np.uint8).reshape(len(masks), 8)
    return np.unpackbits(raw, axis=1, bitorder="little")


def _high_bit(masks: np.ndarray) -> np.ndarray:
    """The highest set bit of each mask (0 for 0), as a uint64 power of two."""
    out = masks.copy()
    for shift in (1, 2, 4, 8, 16, 32):
        out |= out >> np.uint64(shift)
    return out ^ (out >> np.uint64(1))


def _search_tuples(
    rows: list[tuple[int, ...]], matrix: np.ndarray, y: np.ndarray, cut: float, k: int
) -> list[tuple[int, ...]]:
    """The same search on sorted tuples of literal ids (any number of literals)."""
    found: list[tuple[int, ...]] = []
    open_terms: dict[tuple[int, ...], list[int]] = {(): list(range(len(rows)))}
    tested = 0
    for size in range(1, k + 1):
        candidates: dict[tuple[int, ...], list[int]] = {}
        for term, holders in open_terms.items():
            last = term[-1] if term else -1
            for r in holders:
                for lit in rows[r]:
                    if lit > last:
                        candidates.setdefault(term + (lit,), []).append(r)
        candidates = {
            t: sorted(set(h))
            for t, h in candidates.items()
            if all(t[:i] + t[i + 1 :] in open_terms for i in range(size))
        }
        if not candidates:
            break
        tested += len(candidates)
        _count_tested(tested)
        ordered = sorted(candidates)
        meets = _meets(np.asarray(ordered, dtype=np.int64), matrix, y, cut)
        found.extend(t for t, ok in zip(ordered, meets, strict=True) if ok)
        open_terms = {t: candidates[t] for t, ok in zip(ordered, meets, strict=True) if not ok}
        if not open_terms:
            break
    return found
