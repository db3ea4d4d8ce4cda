"""Slow, obviously correct Boolean minimization, used by the tests to check the fast core.

Everything here is brute force straight from the definitions: every term of the space
(each condition absent or fixed to one of its values) is tested against every row, and
covers are found by trying every subset of prime implicants. Only for small problems
(a handful of conditions, a few dozen prime implicants).

>>> import numpy as np
>>> on = np.array([[1, 1], [1, 0]])
>>> off = np.array([[0, 0]])
>>> reference_prime_implicants(on, off, (2, 2))
array([[ 1, -1],
       [-1,  1]])
"""

from __future__ import annotations

import itertools

import numpy as np

from qca.minimize._order import r_order

__all__ = [
    "all_terms",
    "all_configurations",
    "reference_covers",
    "reference_prime_implicants",
    "reference_minimal_covers",
    "reference_irredundant_covers",
]


def all_terms(levels: tuple[int, ...]) -> np.ndarray:
    """Every term of the space: each condition absent (-1) or fixed to one of its values."""
    choices = [range(-1, int(n)) for n in levels]
    return np.array(list(itertools.product(*choices)), dtype=np.int64).reshape(-1, len(levels))


def all_configurations(levels: tuple[int, ...]) -> np.ndarray:
    """Every configuration of the space, first condition most significant."""
    choices = [range(int(n)) for n in levels]
    return np.array(list(itertools.product(*choices)), dtype=np.int64).reshape(-1, len(levels))


def _term_holds(term: np.ndarray, config: np.ndarray) -> bool:
    """True when the configuration (no -1 in it) lies in the term's cube."""
    return all(t == -1 or t == c for t, c in zip(term, config, strict=True))


def _cube_configs(row: np.ndarray, levels: tuple[int, ...]) -> list[tuple[int, ...]]:
    """All configurations of a row, a -1 expanding to every value of its condition."""
    choices = [range(int(n)) if v == -1 else [int(v)] for v, n in zip(row, levels, strict=True)]
    return list(itertools.product(*choices))


def reference_covers(terms: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """covers[i, r]: the literals of term i are a subset of the literals of row r."""
    out = np.zeros((len(terms), len(rows)), dtype=bool)
    for i, term in enumerate(terms):
        for r, row in enumerate(rows):
            out[i, r] = all(t == -1 or t == v for t, v in zip(term, row, strict=True))
    return out


def reference_prime_implicants(
    on: np.ndarray,
    off: np.ndarray,
    levels: tuple[int, ...],
    *,
    dc: np.ndarray | None = None,
    remainders: bool = True,
) -> np.ndarray:
    """Prime implicants by testing every term of the space (see ``_core.prime_implicants``)."""
    k = len(levels)
    on = np.asarray(on, dtype=np.int64).reshape(-1, k)
    off = np.asarray(off, dtype=np.int64).reshape(-1, k)
    dc_rows = np.zeros((0, k), dtype=np.int64) if dc is None else np.asarray(dc).reshape(-1, k)
    if remainders:
        forbidden = {c for row in off for c in _cube_configs(row, levels)}
    else:
        allowed = {c for row in np.vstack([on, dc_rows]) for c in _cube_configs(row, levels)}
        forbidden = {tuple(int(v) for v in c) for c in all_configurations(levels)} - allowed
    forbidden_arr = np.array(sorted(forbidden), dtype=np.int64).reshape(-1, k)

    def implicant(term: np.ndarray) -> bool:
        return not any(_term_holds(term, c) for c in forbidden_arr)

    terms = all_terms(levels)
    is_implicant = {tuple(int(v) for v in t): implicant(t) for t in terms}
    primes = []
    for term in terms:
        key = tuple(int(v) for v in term)
        if not is_implicant[key]:
            continue
        parents = (key[:j] + (-1,) + key[j + 1 :] for j in range(k) if key[j] != -1)
        if any(is_implicant[p] for p in parents):
            continue
        if not reference_covers(term[None, :], on).any():
            continue
        primes.append(term)
    found = np.array(primes, dtype=np.int64).reshape(-1, k)
    return found[r_order(found)]  # R's order (qca.minimize._order), the same rule as the core


def _is_cover(chart: np.ndarray, subset: tuple[int, ...]) -> bool:
    if chart.shape[1] == 0:
        return True
    if not subset:
        return False
    return bool(chart[list(subset)].any(axis=0).all())


def reference_minimal_covers(chart: np.ndarray) -> list[tuple[int, ...]]:
    """Every cover of minimum cardinality, trying subsets by increasing size."""
    chart = np.asarray(chart, dtype=bool)
    n_pi = chart.shape[0]
    for size in range(n_pi + 1):
        found = [s for s in itertools.combinations(range(n_pi), size) if _is_cover(chart, s)]
        if found:
            return found
    return []


def reference_irredundant_covers(chart: np.ndarray) -> list[tuple[int, ...]]:
    """Every irredundant cover (no term can be dropped), in R's order."""
    chart = np.asarray(chart, dtype=bool)
    n_pi = chart.shape[0]
    found = []
    for size in range(n_pi + 1):
        for s in itertools.combinations(range(n_pi), size):
            if _is_cover(chart, s) and not any(
                _is_cover(chart, s[:i] + s[i + 1 :]) for i in range(len(s))
            ):
                found.append(s)
    return found
