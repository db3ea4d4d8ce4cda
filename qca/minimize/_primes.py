"""Prime implicants of a truth table, and the term/configuration helpers around them.

See :mod:`qca.minimize._core` for the conventions (configurations, terms, R's order).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qca.exceptions import InvalidParameterError

__all__ = [
    "configuration_index",
    "covers",
    "expand",
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
    one, lower values first.

    >>> import numpy as np
    >>> t = np.array([[-1, 1], [0, -1], [1, 1], [1, -1]])
    >>> order_terms(t).tolist()
    [1, 3, 0, 2]
    """
    terms = np.asarray(terms, dtype=np.int64)
    if terms.size == 0:
        return np.zeros(len(terms), dtype=np.intp)
    big = np.where(terms < 0, np.iinfo(np.int64).max, terms)
    n_lit = (terms >= 0).sum(axis=1)
    keys = [big[:, j] for j in range(terms.shape[1] - 1, -1, -1)] + [n_lit]
    return np.lexsort(keys)


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
    terms = np.asarray(terms, dtype=np.int64)
    rows = np.asarray(rows, dtype=np.int64)
    m, n = len(terms), len(rows)
    out = np.zeros((m, n), dtype=bool)
    if m == 0 or n == 0:
        return out
    k = terms.shape[1]
    step = max(1, 4_000_000 // max(1, n * k))
    for start in range(0, m, step):
        t = terms[start : start + step, None, :]
        ok = (t == -1) | (t == rows[None, :, :])
        out[start : start + step] = ok.all(axis=2)
    return out


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
    blocks = []
    for term in terms:
        grids = [
            np.arange(n) if v < 0 else np.array([v]) for v, n in zip(term, levels, strict=True)
        ]
        mesh = np.meshgrid(*grids, indexing="ij")
        blocks.append(np.stack([g.ravel() for g in mesh], axis=1))
    if not blocks:
        return np.zeros((0, k), dtype=dtype)
    allc = np.unique(np.vstack(blocks), axis=0)
    return allc.astype(dtype)


def prime_implicants(
    on: np.ndarray,
    off: np.ndarray,
    levels: Sequence[int],
    *,
    dc: np.ndarray | None = None,
    remainders: bool = True,
) -> np.ndarray:
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

    Returns
    -------
    ndarray of shape (m, k)
        int8 (int16 when a condition has more than 127 levels); -1 = condition absent.

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
    if remainders:
        primes = _primes_avoiding(on, off, levels)
    else:
        primes = _primes_within(on, dc_rows, levels)
    primes = primes[order_terms(primes)]
    return primes.astype(dtype)


def _bitmask(flags: np.ndarray) -> int:
    """A Python int with bit i set where ``flags[i]``."""
    packed = np.packbits(np.asarray(flags, dtype=bool), bitorder="little")
    return int.from_bytes(packed.tobytes(), "little")


def _primes_avoiding(on: np.ndarray, off: np.ndarray, levels: tuple[int, ...]) -> np.ndarray:
    """Maximal terms covering a positive row and intersecting no negative row.

    Level-wise search (Consistency Cubes, Dusa 2018): a term of size s+1 is a candidate only
    if every sub-term of size s covers a positive row and still meets a negative row; the
    negative rows a term meets are an AND of per-literal bit masks.
    """
    k = len(levels)
    if len(off) == 0:
        return np.full((1, k), -1, dtype=np.int64)  # the empty term (tautology)
    lits = [(j, v) for j in range(k) for v in range(levels[j])]
    on_mask = {lv: _bitmask(on[:, lv[0]] == lv[1]) for lv in lits}
    off_mask = {lv: _bitmask((off[:, lv[0]] == lv[1]) | (off[:, lv[0]] == -1)) for lv in lits}
    primes: list[tuple[tuple[int, int], ...]] = []
    level: dict[tuple[tuple[int, int], ...], tuple[int, int]] = {}
    for lv in lits:
        if on_mask[lv] == 0:
            continue
        if off_mask[lv] == 0:
            primes.append((lv,))
        else:
            level[(lv,)] = (on_mask[lv], off_mask[lv])
    while level:
        nxt: dict[tuple[tuple[int, int], ...], tuple[int, int]] = {}
        for term, (om, fm) in level.items():
            last = term[-1][0]
            for lv in lits:
                if lv[0] <= last:
                    continue
                om2 = om & on_mask[lv]
                if om2 == 0:
                    continue
                cand = term + (lv,)
                if any(cand[:i] + cand[i + 1 :] not in level for i in range(len(term))):
                    continue
                fm2 = fm & off_mask[lv]
                if fm2 == 0:
                    primes.append(cand)
                else:
                    nxt[cand] = (om2, fm2)
        level = nxt
    out = np.full((len(primes), k), -1, dtype=np.int64)
    for i, term in enumerate(primes):
        for j, v in term:
            out[i, j] = v
    return out


def _primes_within(on: np.ndarray, dc: np.ndarray, levels: tuple[int, ...]) -> np.ndarray:
    """Maximal terms all of whose configurations are in on or dc, covering a positive row.

    Quine-McCluskey for multi-value conditions: a term with condition j absent is an
    implicant when the terms with j fixed to each of its values all are.
    """
    k = len(levels)
    cells = expand(np.vstack([on, dc]), levels, limit=50_000_000).astype(np.int64)
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
    arr = np.array(primes, dtype=np.int64).reshape(-1, k)
    if len(arr):
        arr = arr[covers(arr, on).any(axis=1)]
    return arr
