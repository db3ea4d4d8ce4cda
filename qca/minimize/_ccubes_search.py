"""R QCA's CCubes search run on the truth-table rows themselves (temporal ``"-"`` cells).

Without a temporal ``"-"``, the candidates R's Consistency Cubes search keeps are found
among the prime implicants (:func:`qca.minimize._ccubes.ccubes_selection`). A ``"-"``
cell changes what R's search sees, so with one it is run here as R runs it (rules read
from R QCA 3.25.1's C sources and checked against R's answers; our words and code):

1. **A "-" is a value of its own.** R passes a ``"-"`` cell to the search as the value
   -1. A candidate is the pattern of a positive row on a set of conditions; it is an
   implicant when no negative row shows the same *row code* (below), so a ``"-"`` in a
   negative row is not expanded: ``~EBA`` is an implicant of the RS data although every
   negative row has ``EBA = "-"``.
2. **Row codes.** Each condition gets ``n_j`` = its largest value in the rows + 1 (at
   least 2); a pattern on the conditions ``j1 < j2 < ...`` is coded
   ``v1 + n_j1 * (v2 + n_j2 * (...))`` with the ``"-"`` as -1. Two different patterns
   may then share a code (``EBA = "-", S = 1`` codes as ``EBA = 1, S = 0``): R treats
   them as the same pattern, for the negative rows and for the rows a candidate covers
   (the PI chart is "same code", not "literals a subset").
3. **Candidates with a "-".** A candidate taken from a row with ``"-"`` on one of its
   conditions keeps that condition as a field holding "-": it prints without that
   condition, counts it in its number of literals (its level, which orders the PIs),
   and its sub-term test against other candidates compares the "-" like a value.
4. Everything else is :mod:`qca.minimize._ccubes`: visiting order, sub-term test with its
   visible conditions, filing, stopping rule.

With ``pi_cons``, R does not look at the negative rows: a candidate is kept unless its
inclusion in the data is below ``pi_cons`` (a "-" field is then membership in the cases
coded "-").

>>> import numpy as np
>>> on = np.array([[1, 0], [1, 1], [1, -1]])
>>> off = np.array([[0, -1]])
>>> found = direct_search(on, off)
>>> found.fields.tolist(), found.level.tolist()
([[1, -1], [-1, 0], [-1, 1]], [1, 1, 1])
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from qca.minimize._ccubes import _Filing, visible_conditions
from qca.minimize._primes import literal_bits

__all__ = ["DASH", "DirectFound", "direct_search", "row_code_levels"]

#: A field holding a temporal "-" in :attr:`DirectFound.fields`.
DASH = -2


@dataclass(frozen=True)
class DirectFound:
    """The candidates R's search keeps, in the order it keeps them.

    ``fields`` (-1 = condition absent, :data:`DASH` = a "-" field, else the value),
    ``level`` (R's number of literals, "-" fields included) and ``chart`` (the positive
    rows each covers: same row code).
    """

    fields: np.ndarray
    level: np.ndarray
    chart: np.ndarray


def row_code_levels(on: np.ndarray, off: np.ndarray) -> np.ndarray:
    """Rule 2's ``n_j``: the largest value of each condition in the rows plus one, at least 2.

    >>> row_code_levels(np.array([[0, 2], [1, -1]]), np.zeros((0, 2), dtype=int)).tolist()
    [2, 3]
    """
    rows = np.concatenate([np.asarray(on).reshape(-1, on.shape[1]), np.asarray(off).reshape(-1, on.shape[1])])
    top = rows.max(axis=0) + 1 if len(rows) else np.ones(on.shape[1], dtype=np.int64)
    return np.maximum(top.astype(np.int64), 2)


def _altb(a: float, b: float) -> bool:
    """R's ``altb``: a below b beyond the relative machine epsilon (False when a is NaN)."""
    return bool((b - a) > max(abs(a), abs(b)) * sys.float_info.epsilon)


def direct_search(
    on: np.ndarray,
    off: np.ndarray,
    *,
    pi_cons: float = 0.0,
    consistency: Callable[[np.ndarray], float] | None = None,
) -> DirectFound:
    """R's CCubes search over the rows (rules 1-4 above).

    Parameters
    ----------
    on, off : ndarray of shape (n, k)
        Positive rows (ascending row number) and negative rows; -1 = a ``"-"`` cell.
    pi_cons : float, default=0.0
        When above 0, candidates are kept by ``consistency`` instead of the negative rows.
    consistency : callable, optional
        Inclusion in the data of a candidate's ``fields`` (needed with ``pi_cons``).

    Returns
    -------
    DirectFound
    """
    on = np.asarray(on, dtype=np.int64)
    off = np.asarray(off, dtype=np.int64).reshape(-1, on.shape[1])
    n_on, k = on.shape
    codes = row_code_levels(on, off)
    max_value = int(max(on.max(initial=0), off.max(initial=0)))
    visible = visible_conditions(k, max_value)
    # literal bits with the "-" as one more value of its condition
    bit_levels = tuple(int(v) + 1 for v in codes)
    n_words = literal_bits(np.full((1, k), -1), bit_levels).shape[1]
    filing = _Filing(n_on, n_words, 64)
    fields: list[np.ndarray] = []
    level: list[int] = []
    charts: list[np.ndarray] = []
    for size in range(1, k + 1):
        for subset in itertools.combinations(range(k), size):
            cols = list(subset)
            base = np.ones(size, dtype=np.int64)
            for c in range(1, size):
                base[c] = base[c - 1] * codes[cols[c - 1]]
            code_on = on[:, cols] @ base
            _, first = np.unique(code_on, return_index=True)
            reps = np.sort(first)  # one candidate per code, in the order of its first row
            if pi_cons > 0 and consistency is not None:
                keep = []
                for r in reps:
                    term = np.full(k, -1, dtype=np.int64)
                    term[cols] = np.where(on[r, cols] < 0, DASH, on[r, cols])
                    keep.append(not _altb(consistency(term), pi_cons))
                reps = reps[np.asarray(keep, dtype=bool)]
            elif len(off):
                reps = reps[~np.isin(code_on[reps], off[:, cols] @ base)]
            if not len(reps):
                continue
            terms = np.full((len(reps), k), -1, dtype=np.int64)
            terms[:, cols] = np.where(on[reps][:, cols] < 0, DASH, on[reps][:, cols])
            chart = code_on[None, :] == code_on[reps][:, None]
            seen = terms.copy()
            seen[:, visible:] = -1
            dash = seen == DASH
            seen[dash] = np.broadcast_to(codes, seen.shape)[dash]  # "-" = value n_j
            ids = list(range(len(fields), len(fields) + len(reps)))
            fields.extend(terms)
            level.extend([size] * len(reps))
            charts.extend(chart)
            filing.task(ids, literal_bits(seen, bit_levels), chart.sum(axis=1), chart)
        if filing.end_level():
            break
    kept = filing.kept
    if not kept:
        return DirectFound(np.zeros((0, k), dtype=np.int64), np.zeros(0, dtype=np.int64),
                           np.zeros((0, n_on), dtype=bool))
    return DirectFound(
        np.asarray([fields[i] for i in kept]),
        np.asarray([level[i] for i in kept], dtype=np.int64),
        np.asarray([charts[i] for i in kept], dtype=bool),
    )
