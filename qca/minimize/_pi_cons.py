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
from qca.fit import inclusion
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
        if tested > MAX_CANDIDATES:
            raise QCAError(
                f"The pi_cons search tested more than {MAX_CANDIDATES} terms without finishing; "
                "raise pi_cons or use fewer conditions."
            )
        ordered = sorted(candidates)
        ids = np.asarray(ordered, dtype=np.int64)
        incl = np.empty(len(ordered))
        step = max(1, 2_000_000 // max(1, len(y) * size))
        for start in range(0, len(ordered), step):
            block = matrix[ids[start : start + step]].min(axis=1)
            incl[start : start + step] = _inclusion(block, y)
        meets = ~np.isnan(incl) & (incl + TOL > cut)
        found.extend(t for t, ok in zip(ordered, meets, strict=True) if ok)
        open_terms = {t: candidates[t] for t, ok in zip(ordered, meets, strict=True) if not ok}
        if not open_terms:
            break
    terms = np.full((len(found), k), -1, dtype=np.int16)
    for i, term in enumerate(found):
        for lit in term:
            j, v = lit_of[lit]
            terms[i, j] = v
    return terms[order_terms(terms)] if len(terms) else terms
