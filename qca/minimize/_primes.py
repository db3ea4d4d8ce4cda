"""Prime implicants of a truth table, and the term/configuration helpers around them.

See :mod:`qca.minimize._core` for the conventions (configurations, terms, R's order).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Literal, overload

import numpy as np

from qca.exceptions import InvalidParameterError
from qca.minimize._order import ordered_blocks, ordered_masks, r_order
from qca.minimize._packed import PackedChart
from qca.minimize._pi_pairs import PairedPrimes
from qca.minimize._transversal import row_transversals

__all__ = [
    "configuration_index",
    "covers",
    "covers_packed",
    "expand",
    "literal_bits",
    "order_terms",
    "prime_implicants",
]

#: Largest number of configurations :func:`expand` will list by default.
EXPAND_LIMIT = 2_000_000


def _as_levels(levels: Sequence[int]) -> tuple[int, ...]:
    out = tuple(int(n) for n in levels)
    if any(n < 1 for n in out):
        raise InvalidParameterError(
            f"Every condition must have at least one level. Got levels {out} instead."
        )
    return out


def _as_rows(rows: object, k: int, name: str, levels: tuple[int, ...] | None = None) -> np.ndarray:
    arr = np.asarray(rows if rows is not None else np.zeros((0, k)), dtype=np.int64)
    if arr.size == 0:
        return np.zeros((0, k), dtype=np.int64)
    if arr.ndim != 2 or arr.shape[1] != k:
        raise InvalidParameterError(
            f"The '{name}' rows must be an integer array of shape (n, {k}). "
            f"Got shape {arr.shape} instead."
        )
    if levels is not None:
        bad = (arr < -1) | (arr >= np.asarray(levels)[None, :])
        if bad.any():
            r, j = (int(x) for x in np.argwhere(bad)[0])
            raise InvalidParameterError(
                f"Row {r} of '{name}' has value {int(arr[r, j])} for condition {j}, which has "
                f"{levels[j]} levels: expected -1 or 0..{levels[j] - 1}."
            )
    return arr


def _small_dtype(levels: tuple[int, ...]) -> type:
    return np.int8 if max(levels, default=2) <= 127 else np.int16


def order_terms(terms: np.ndarray) -> np.ndarray:
    """Indices that sort terms into R's prime implicant order.

    Fewer literals first, then condition by condition: a present literal before an absent
    one, lower values first, except where R's sort passes differ (a condition present in
    every term; see :mod:`qca.minimize._order`).

    >>> import numpy as np
    >>> t = np.array([[-1, 1], [0, -1], [1, 1], [1, -1]])
    >>> order_terms(t).tolist()
    [1, 3, 0, 2]
    """
    return r_order(terms)  # R's passes, quirk included (see qca.minimize._order)


def covers(terms: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Which terms cover which rows: ``out[i, r]`` when term i's literals are a subset of row r's.

    A -1 in a row (temporal ``"-"``) is covered only by a term without that condition.

    Parameters
    ----------
    terms : ndarray of shape (m, k)
    rows : ndarray of shape (n, k)

    Returns
    -------
    ndarray of bool, shape (m, n)

    Examples
    --------
    >>> import numpy as np
    >>> covers(np.array([[1, -1], [-1, 0]]), np.array([[1, 0], [1, -1]]))
    array([[ True,  True],
           [ True, False]])
    """
    terms = np.asarray(terms)
    rows = np.asarray(rows)
    m, n = len(terms), len(rows)
    if m == 0 or n == 0:
        return np.zeros((m, n), dtype=bool)
    t_bits, r_missing = _cover_words(terms, rows)
    if m >= n:
        # fill the transposed chart row by row, one word at a time (contiguous writes)
        out_t = np.empty((n, m), dtype=bool)
        for r, hit in enumerate(_covered_by_row(_word_columns(t_bits), r_missing)):
            np.equal(hit, 0, out=out_t[r])
        return out_t.T  # Fortran-ordered view of the transposed chart
    out = np.zeros((m, n), dtype=bool)
    for i in range(m):
        out[i] = ~(t_bits[i] & r_missing).any(axis=1)
    return out


def covers_packed(terms: np.ndarray | PairedPrimes, rows: np.ndarray) -> PackedChart:
    """:func:`covers` bit-packed (:mod:`qca.minimize._packed`), never holding it dense
    (terms as :class:`~qca.minimize._pi_pairs.PairedPrimes`: never decoded).

    >>> import numpy as np
    >>> covers_packed(np.array([[1, -1], [-1, 0]]), np.array([[1, 0], [1, -1]])).bits.tolist()
    [[3], [1]]
    """
    if isinstance(terms, PairedPrimes):
        return terms.chart(rows)
    terms = np.asarray(terms)
    rows = np.asarray(rows)
    m, n = len(terms), len(rows)
    if m == 0 or n == 0 or m < n:
        return PackedChart.from_dense(covers(terms, rows))
    t_bits, r_missing = _cover_words(terms, rows)
    words = _word_columns(t_bits)
    del t_bits  # held as its columns from here on (millions of terms: one copy at a time)
    packed_t = np.zeros(((n + 7) // 8, m), dtype=np.uint8)
    flag = np.empty(m, dtype=bool)
    shifted = np.empty(m, dtype=np.uint8)
    for r, hit in enumerate(_covered_by_row(words, r_missing)):
        np.equal(hit, 0, out=flag)
        np.left_shift(flag.view(np.uint8), r % 8, out=shifted)
        np.bitwise_or(packed_t[r // 8], shifted, out=packed_t[r // 8])
    return PackedChart(np.ascontiguousarray(packed_t.T), n)


def _cover_words(terms: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(literal bits of the terms, missing literal bits of the rows): see :func:`literal_bits`."""
    top = np.maximum(terms.max(axis=0), rows.max(axis=0)) + 1
    levels = tuple(int(max(1, v)) for v in top)
    return literal_bits(terms, levels), ~literal_bits(rows, levels)


def _word_columns(t_bits: np.ndarray) -> list[np.ndarray]:
    """Each word of the terms' literal bits as a contiguous array."""
    return [np.ascontiguousarray(t_bits[:, w]) for w in range(t_bits.shape[1])]


def _covered_by_row(words: list[np.ndarray], r_missing: np.ndarray) -> Iterator[np.ndarray]:
    """For each row, a uint64 per term (``words``: :func:`_word_columns`), 0 exactly when
    the term covers the row (the same buffer, overwritten at each step)."""
    m = len(words[0])
    tmp, part = np.empty(m, dtype=np.uint64), np.empty(m, dtype=np.uint64)
    for missing in r_missing:
        np.bitwise_and(words[0], missing[0], out=tmp)
        for w in range(1, len(words)):
            np.bitwise_and(words[w], missing[w], out=part)
            np.bitwise_or(tmp, part, out=tmp)
        yield tmp


def literal_bits(terms: np.ndarray, levels: Sequence[int]) -> np.ndarray:
    """One bit per literal (condition j = value v), packed in uint64 words, shape (n, words).

    A term sets the bits of its literals; a row sets one bit per fixed condition (none for
    a -1). Term t covers row r when ``t & ~r == 0`` in every word. The bits come in value
    planes: plane v holds "condition j = v" at bit j, padded to whole bytes, so each plane
    is one ``np.packbits`` of ``terms == v``.

    >>> import numpy as np
    >>> literal_bits(np.array([[1, -1], [0, 1]]), (2, 2))[:, 0].tolist()  # bits 8; 0 and 9
    [256, 513]
    """
    terms = np.asarray(terms)
    if terms.ndim != 2:
        terms = terms.reshape(len(terms), -1)
    n, k = terms.shape
    planes = max(levels, default=1)
    plane_bytes = max(1, (k + 7) // 8)
    words = max(1, (planes * plane_bytes + 7) // 8)
    raw = np.zeros((n, words * 8), dtype=np.uint8)
    step = max(1, 2**22 // max(1, k))  # rows a block: no boolean copy of millions of terms
    for lo in range(0, n, step):
        part = terms[lo : lo + step]
        for v in range(planes if k else 0):
            start = v * plane_bytes
            raw[lo : lo + step, start : start + plane_bytes] = np.packbits(
                part == v, axis=1, bitorder="little"
            )
    return raw.view("<u8").astype(np.uint64, copy=False)


def configuration_index(configs: np.ndarray, levels: Sequence[int]) -> np.ndarray:
    """Mixed-radix index of each configuration (first condition most significant), 0-based.

    R's truth-table row number is this index plus 1 (in a space without ``"-"`` levels).

    >>> import numpy as np
    >>> configuration_index(np.array([[0, 0], [1, 0], [1, 2]]), (2, 3)).tolist()
    [0, 3, 5]
    """
    levels = _as_levels(levels)
    configs = np.asarray(configs, dtype=np.int64).reshape(-1, len(levels))
    if np.prod([float(n) for n in levels]) >= 2.0**62:
        raise InvalidParameterError(
            f"The space of {len(levels)} conditions is too large to number its configurations."
        )
    idx = np.zeros(len(configs), dtype=np.int64)
    for j, n in enumerate(levels):
        idx = idx * n + configs[:, j]
    return idx


def expand(terms: np.ndarray, levels: Sequence[int], *, limit: int = EXPAND_LIMIT) -> np.ndarray:
    """All configurations covered by at least one term, unique, sorted by their index.

    A -1 in a term (or a row) expands to every value of that condition.

    Parameters
    ----------
    terms : ndarray of shape (m, k)
        Terms or configurations (cubes).
    levels : sequence of int
        Number of values of each condition.
    limit : int, default=2_000_000
        Largest number of configurations to list; above it an error is raised.

    Returns
    -------
    ndarray of shape (n, k)

    Raises
    ------
    InvalidParameterError
        When the terms cover more than ``limit`` configurations.

    Examples
    --------
    >>> import numpy as np
    >>> expand(np.array([[1, -1, 0]]), (2, 3, 2))
    array([[1, 0, 0],
           [1, 1, 0],
           [1, 2, 0]], dtype=int8)
    """
    levels = _as_levels(levels)
    k = len(levels)
    terms = _as_rows(terms, k, "terms", levels)
    lv = np.asarray(levels, dtype=np.float64)
    sizes = np.where(terms < 0, lv[None, :], 1.0).prod(axis=1) if len(terms) else np.zeros(0)
    total = float(sizes.sum())
    if total > limit:
        raise InvalidParameterError(
            f"The terms cover about {total:.3g} configurations, more than the limit of {limit}; "
            "expand() lists configurations only for small spaces."
        )
    dtype = _small_dtype(levels)
    cur = terms
    for j, n in enumerate(levels):
        free = cur[:, j] < 0
        if not free.any():
            continue
        grown = np.repeat(cur[free], n, axis=0)
        grown[:, j] = np.tile(np.arange(n), int(free.sum()))
        cur = np.vstack([cur[~free], grown])
    if len(cur) == 0:
        return np.zeros((0, k), dtype=dtype)
    return np.unique(cur, axis=0).astype(dtype)


@overload
def prime_implicants(
    on: np.ndarray, off: np.ndarray, levels: Sequence[int], *, dc: np.ndarray | None = None,
    remainders: bool = True, paired: Literal[False] = False,
) -> np.ndarray: ...


@overload
def prime_implicants(
    on: np.ndarray, off: np.ndarray, levels: Sequence[int], *, dc: np.ndarray | None = None,
    remainders: bool = True, paired: bool,
) -> np.ndarray | PairedPrimes: ...


def prime_implicants(
    on: np.ndarray,
    off: np.ndarray,
    levels: Sequence[int],
    *,
    dc: np.ndarray | None = None,
    remainders: bool = True,
    paired: bool = False,
) -> np.ndarray | PairedPrimes:
    """Prime implicants that cover at least one positive row, in R's order.

    Parameters
    ----------
    on : ndarray of shape (n_on, k)
        Positive rows (the rows to explain), values 0..levels[j]-1 or -1 (``"-"``).
    off : ndarray of shape (n_off, k)
        Negative rows. Used when ``remainders`` is True.
    levels : sequence of int
        Number of values of each condition (a ``"-"`` is not a value).
    dc : ndarray of shape (n_dc, k), optional
        Don't-care rows (included ``"?"``/``"C"`` rows). Used when ``remainders`` is False.
    remainders : bool, default=True
        True (parsimonious): every configuration not in ``off`` is a don't-care; a PI is a
        maximal term that intersects no row of ``off``. False (conservative): a PI is a
        maximal term all of whose configurations are in ``on`` or ``dc``.
    paired : bool, default=False
        True: PIs found as transversals come as :class:`~qca.minimize._pi_pairs.PairedPrimes`
        (never decoded all at once; the chart and the models need few of them).

    Returns
    -------
    ndarray of shape (m, k), or PairedPrimes
        int8 (int16 when a condition has more than 127 levels); -1 = condition absent.

    Notes
    -----
    Three exact methods, chosen by the size of the space:

    - up to about 3^11 terms (3^16 with over 400 rows), unless the rows are very few: a
      table over every term of the space marks the terms that
      meet a forbidden configuration and those that cover a positive row, each filled by one
      vectorised pass per condition; a prime is an implicant none of whose parents is one.
    - larger (or few rows), parsimonious: for each positive row p, the PIs covering p are exactly the
      minimal sets of p's literals that separate p from every negative row, i.e. the minimal
      transversals of the hypergraph {conditions where p and r differ : r negative},
      enumerated by the MMCS algorithm (Murakami & Uno 2014) on bit masks.
    - larger (or few rows), conservative: Quine-McCluskey merging from the configurations of on and dc.

    Examples
    --------
    >>> import numpy as np
    >>> on = np.array([[1, 1], [0, 1]])
    >>> prime_implicants(on, np.array([[0, 0]]), (2, 2))
    array([[ 1, -1],
           [-1,  1]], dtype=int8)
    >>> prime_implicants(on, np.array([[0, 0]]), (2, 2), remainders=False)
    array([[-1,  1]], dtype=int8)
    """
    levels = _as_levels(levels)
    k = len(levels)
    on = _as_rows(on, k, "on", levels)
    off = _as_rows(off, k, "off", levels)
    dc_rows = _as_rows(dc, k, "dc", levels)
    dtype = _small_dtype(levels)
    if len(on) == 0:
        return np.zeros((0, k), dtype=dtype)
    space = float(math.prod([n + 1.0 for n in levels]))  # (exact below 2**53, far past the cuts)
    n_rows = len(on) + len(off) + len(dc_rows)
    table = space <= min(TABLE_LIMIT, 3.0**11) or (space <= TABLE_LIMIT and n_rows > 400)
    if table and not _few_rows(on, dc_rows, remainders, space):
        primes = _primes_table(on, off, dc_rows, levels, remainders)
    elif remainders:  # already in R's order
        found = _primes_transversal(on, off, levels, paired=paired)
        return found if isinstance(found, PairedPrimes) else found.astype(dtype, copy=False)
    else:
        primes = _primes_within(on, dc_rows, levels)
    primes = np.take(primes, order_terms(primes), axis=0)  # 3x faster than primes[order]
    return primes.astype(dtype, copy=False)


def _few_rows(on: np.ndarray, dc: np.ndarray, remainders: bool, space: float) -> bool:
    """Whether the rows are so few that the row-based methods beat a table of the space.

    The table costs about 20 ns per term of the space; the transversals about 0.15 ms per
    positive row, Quine-McCluskey about 0.05 ms per row it starts from (measured on
    random_10x10: 4 positive rows in a space of 3^10 terms, 0.5 ms against 1.25 ms).
    """
    if remainders:
        return len(on) * 7_500 < space
    start = np.vstack([on, dc])
    return not (start < 0).any() and len(start) * 2_500 < space


#: Fewest PIs kept as undecoded (row, mask) pairs when asked to (``paired``): below it the
#: decoded terms are small (under 6.4 MB) and decoding them once beats decoding PIs one
#: at a time as the models and their names ask for them.
PAIRED_FROM = 100_000
#: Largest number of terms in the space for the table method (3^16, 43 MB per table).
TABLE_LIMIT = 3.0**16 + 1


def _cube_index(rows: np.ndarray, levels: tuple[int, ...]) -> np.ndarray:
    """Index of each row in the term space (digit levels[j] = condition absent)."""
    idx = np.zeros(len(rows), dtype=np.int64)
    for j, n in enumerate(levels):
        digit = np.where(rows[:, j] < 0, n, rows[:, j])
        idx = idx * (n + 1) + digit
    return idx


def _minterm_positions(levels: tuple[int, ...]) -> np.ndarray:
    """Term-space indices of every configuration (no condition absent)."""
    idx = np.zeros(1, dtype=np.int64)
    for n in levels:
        idx = (idx[:, None] * (n + 1) + np.arange(n)[None, :]).ravel()
    return idx


def _close_up(table: np.ndarray, levels: tuple[int, ...]) -> None:
    """In place: a term is marked when it or any term with one more literal is marked.

    After the pass over every condition, a term is marked when any of its sub-cubes is.
    """
    size = table.size
    after = size
    for n in levels:
        after //= n + 1
        view = table.reshape(size // (after * (n + 1)), n + 1, after)
        acc = view[:, n, :]
        for v in range(n):
            acc |= view[:, v, :]


def _primes_table(
    on: np.ndarray, off: np.ndarray, dc: np.ndarray, levels: tuple[int, ...], remainders: bool
) -> np.ndarray:
    """Prime implicants from tables over the whole term space (small spaces only)."""
    size = int(np.prod([n + 1 for n in levels]))
    bad = np.zeros(size, dtype=bool)
    if remainders:
        neg = off
        if len(neg) and (neg < 0).any():
            neg = expand(neg, levels, limit=size)
        bad[_cube_index(neg, levels)] = True
    else:
        bad[_minterm_positions(levels)] = True
        allowed = np.vstack([on, dc])
        if (allowed < 0).any():
            allowed = expand(allowed, levels, limit=size)
        bad[_cube_index(allowed, levels)] = False
    _close_up(bad, levels)  # bad: the term meets a forbidden configuration
    good = np.zeros(size, dtype=bool)
    good[_cube_index(on, levels)] = True
    _close_up(good, levels)  # good: the term covers a positive row
    good &= ~bad
    # a term is not prime when dropping one of its literals leaves an implicant
    implicant = ~bad
    del bad
    after = size
    for n in levels:
        after //= n + 1
        imp = implicant.reshape(size // (after * (n + 1)), n + 1, after)
        view = good.reshape(imp.shape)
        parent = imp[:, n, :]
        for v in range(n):
            view[:, v, :] &= ~parent
    found = np.flatnonzero(good)
    return _terms_of(found, levels)


def _primes_transversal(
    on: np.ndarray, off: np.ndarray, levels: tuple[int, ...], compiled: bool | None = None,
    paired: bool = False,
) -> np.ndarray | PairedPrimes:
    """Parsimonious PIs as minimal transversals, one positive row at a time, in R's order.

    Each PI comes once, as the set of conditions it fixes and the first positive row it
    covers (whose values it takes there); see :mod:`qca.minimize._transversal`. With
    ``paired``, as those pairs (never decoded) where they are ordered without decoding and
    number at least :data:`PAIRED_FROM`.
    """
    k = len(levels)
    if len(off) == 0:
        return np.full((1, k), -1, dtype=np.int64)  # the empty term (tautology)
    rows: np.ndarray = distinct_rows(on).astype(_small_dtype(levels))
    found, masks = row_transversals(rows, off, compiled=compiled)

    def decode(picked: np.ndarray) -> np.ndarray:
        values = rows[found[picked]]  # each PI takes its row's values where it has a literal
        # and -1 elsewhere: (v + 1) * bit - 1, in place
        values += 1
        values *= _mask_bits(masks[picked], k).view(np.int8).astype(values.dtype, copy=False)
        values -= 1
        return values

    # R's quirk needs every term at once when a condition is in every PI; else the PIs are
    # ordered from their masks (or decoded a block at a time to order them), then decoded
    # in that order (never two copies)
    if len(masks) < 2 or masks.dtype == object or int(np.bitwise_and.reduce(masks)) != 0:
        pis = decode(np.arange(len(found)))
        return np.take(pis, order_terms(pis), axis=0)
    top = int(rows.max()) if len(rows) else -1  # the largest value a literal can take
    order = ordered_masks(rows, found, masks, top)
    if order is None:  # too many rows for the tables
        order = ordered_blocks(lambda lo, hi: decode(np.arange(lo, hi)), len(found), k, top)
    if paired and len(found) >= PAIRED_FROM:
        return PairedPrimes(rows, found[order], masks[order])
    out = np.empty((len(found), k), dtype=rows.dtype)
    step = max(1, 2**20 // max(1, k))
    for lo in range(0, len(order), step):
        out[lo : lo + step] = decode(order[lo : lo + step])
    return out


#: Arrays of at most this many rows are deduplicated by :func:`distinct_rows` in Python.
SMALL_ROWS = 256


def distinct_rows(values: np.ndarray) -> np.ndarray:
    """``np.unique(values, axis=0)``: the distinct rows of a 2-D integer array in
    lexicographic order (as Python tuples for a few rows: NumPy's fixed costs are larger).

    >>> distinct_rows(np.array([[1, -1], [0, 2], [1, -1]])).tolist()
    [[0, 2], [1, -1]]
    """
    if len(values) > SMALL_ROWS:
        return np.unique(values, axis=0)
    rows = sorted(set(map(tuple, values.tolist())))
    return np.array(rows, dtype=values.dtype).reshape(len(rows), values.shape[1])


def _mask_bits(masks: np.ndarray, k: int) -> np.ndarray:
    """uint8 array (n, k): bit j of each mask (uint64, or Python ints for k > 64)."""
    if masks.dtype != object:
        raw = np.ascontiguousarray(masks, dtype="<u8").view(np.uint8).reshape(len(masks), 8)
    else:
        nbytes = max(1, (k + 7) // 8)
        joined = b"".join(int(m).to_bytes(nbytes, "little") for m in masks)
        raw = np.frombuffer(joined, dtype=np.uint8).reshape(len(masks), nbytes)
    return np.unpackbits(raw, axis=1, count=k, bitorder="little")


def _primes_within(on: np.ndarray, dc: np.ndarray, levels: tuple[int, ...]) -> np.ndarray:
    """Maximal terms all of whose configurations are in on or dc, covering a positive row.

    Quine-McCluskey for multi-value conditions: a term with condition j absent is an
    implicant when the terms with j fixed to each of its values all are.
    """
    start = np.vstack([on, dc]).astype(np.int64)
    if (start >= 0).all():  # configurations already: expand's unique rows in index order
        cells = np.unique(start, axis=0)
    else:
        cells = expand(start, levels, limit=50_000_000).astype(np.int64)
    if math.prod(n + 1 for n in levels) < 2**62:  # each term one int64 (as in the table)
        arr = _merge_codes(cells, levels)
    else:
        arr = _merge_tuples(cells, levels)
    if len(arr) and (len(dc) or (on < 0).any()):  # (else each lies within the rows of on)
        arr = arr[covers(arr, on).any(axis=1)]
    return arr


def _merge_codes(cells: np.ndarray, levels: tuple[int, ...]) -> np.ndarray:
    """:func:`_primes_within`'s merging on term-space indices (:func:`_cube_index`), one
    vectorised pass per condition and level; the primes in index order."""
    weights = [math.prod(n + 1 for n in levels[j + 1 :]) for j in range(len(levels))]
    current = np.unique(_cube_index(cells, levels))
    primes = []
    while len(current):
        parents = []
        for n, w in zip(levels, weights, strict=True):
            digit = (current // w) % (n + 1)
            here = digit < n  # condition present: its parent has it absent
            parent = current[here] + (n - digit[here]) * w
            ids, counts = np.unique(parent, return_counts=True)
            parents.append((here, parent, ids[counts == n]))
        bigger = np.unique(np.concatenate([p[2] for p in parents]))
        prime = np.ones(len(current), dtype=bool)
        for here, parent, _ in parents:
            if len(bigger):
                at = np.minimum(np.searchsorted(bigger, parent), len(bigger) - 1)
                prime[np.flatnonzero(here)[bigger[at] == parent]] = False
        primes.append(current[prime])
        current = bigger
    found = np.concatenate(primes) if primes else np.zeros(0, dtype=np.int64)
    return _terms_of(found, levels)


def _terms_of(index: np.ndarray, levels: tuple[int, ...]) -> np.ndarray:
    """Terms from their indices in the space of terms: digit j in base ``levels[j] + 1``,
    the last condition least significant, the top digit standing for ``"-"`` (-1).

    >>> _terms_of(np.array([0, 5, 8]), (2, 2)).tolist()
    [[0, 0], [1, -1], [-1, -1]]
    """
    out = np.empty((len(index), len(levels)), dtype=np.int64)
    rest = index
    for j in range(len(levels) - 1, -1, -1):
        n = levels[j]
        digit = rest % (n + 1)
        rest = rest // (n + 1)
        out[:, j] = np.where(digit == n, -1, digit)
    return out


def _merge_tuples(cells: np.ndarray, levels: tuple[int, ...]) -> np.ndarray:
    """:func:`_primes_within`'s merging on tuples (spaces beyond int64 indices)."""
    k = len(levels)
    current = {tuple(int(v) for v in row) for row in cells}
    implicants: list[set[tuple[int, ...]]] = [current]
    while current:
        counts: dict[tuple[tuple[int, ...], int], int] = {}
        for term in current:
            for j in range(k):
                if term[j] >= 0:
                    key = (term[:j] + (-1,) + term[j + 1 :], j)
                    counts[key] = counts.get(key, 0) + 1
        current = {p for (p, j), c in counts.items() if c == levels[j]}
        implicants.append(current)
    primes = []
    for size_terms, bigger in zip(implicants, implicants[1:] + [set()], strict=True):
        for term in size_terms:
            parents = (term[:j] + (-1,) + term[j + 1 :] for j in range(k) if term[j] >= 0)
            if not any(p in bigger for p in parents):
                primes.append(term)
    return np.array(primes, dtype=np.int64).reshape(-1, k)
