"""R QCA's default CCubes search (``minimize(..., method="ccubes")``): which PIs it collects.

R QCA 3.25.1 ``minimize(tt, include = "?")`` with its default arguments (``all.sol``,
``first.min``, ``max.comb``, ``pi.depth`` at their defaults) finds its prime implicants
with the Consistency Cubes search (Dusa 2018) and then lists every minimum cover of the
chart of the PIs it found. On some inputs it finds fewer PIs than exist, so it misses
minimal models; the complete search (``method="complete"``, the default) lists them all.
This module says which PIs R's search keeps, so that R's list can be reproduced. The rule,
read from R QCA 3.25.1's C sources and checked against its recorded answers (in our own
words and code):

1. **Visiting order.** Level k looks at the terms of k literals: condition sets in
   lexicographic order; within one set, the distinct value patterns of the positive rows
   in the order of the first positive row (ascending row number) showing them. A pattern
   met by no negative row is a candidate (an implicant).
2. **Redundancy test.** Every kept PI is filed under the number of positive rows it
   covers, most first. A candidate is dropped when a kept PI that covers at least as many
   positive rows is a sub-term of it. Candidates of one condition set are tested against
   the PIs kept before that set, then kept one by one (each also tested against the PIs
   of its level kept meanwhile). R compares terms as packed bit fields: one field of w
   bits per condition (w = the bits needed to write the largest condition value plus one,
   rounded up to a power of two: 2 for crisp sets), but it sizes the storage at one 32-bit
   word per 32 conditions. Only the first ``words * (32 // w)`` conditions fit; the
   sub-term test ignores the others. With up to 16 crisp conditions this is the exact
   test (every candidate kept is a PI and every PI is kept); with more, a kept PI whose
   visible literals form a sub-term of a candidate's visible literals drops the candidate
   although it is prime (a PI whose literals are all beyond the visible conditions drops
   every later candidate filed after it).
3. **Stopping rule.** After each level at which the kept PIs cover every positive row, a
   level that kept no new candidate (one passing the first test counts) adds one to a
   counter, a level that kept one resets it. The search stops when the counter passes 1
   (two such levels in a row), or after the level of all conditions.

The models are then every minimum cover of the chart of the kept PIs (R's own chart
solver; ``all_sol`` gives every irredundant cover; ``row_dom`` drops dominated PIs first,
with ``all_sol`` too). When the kept PIs leave a positive row uncovered, R stops with
"There are no solutions, given these constraints."; so does ``method="ccubes"``, with a
:class:`~qca.exceptions.NoSolutionError` naming the rows.

Scope: R's other arguments at their defaults (``min.pin`` is read by R's ``minimize`` but
not used by the 3.25.1 search; ``pi.depth = 0`` means every level). With ``pi_cons``
the candidates are the terms reaching it (R tests consistency instead of negative rows)
and the same rule applies. Rows holding a temporal ``"-"`` are searched as R does
(:mod:`qca.minimize._ccubes_search`), ``sol_cons`` gives R's consistent models
(:mod:`qca.minimize._ccubes_models`), and no negative row is R's error
(:mod:`qca.minimize._ccubes_method` puts it together). R's conservative solution comes
from QMC, so ``"ccubes"`` only changes searches with remainders.

References
----------
Dusa, A. (2018). Consistency Cubes: a fast, efficient method for exact Boolean
minimization. *The R Journal* 10(2), 357-370.

Examples
--------
>>> import numpy as np
>>> from qca.minimize._core import prime_implicants
>>> on, off = np.array([[1, 1, 0], [1, 0, 0]]), np.array([[0, 0, 0], [1, 1, 1]])
>>> pis = prime_implicants(on, off, (2, 2, 2))
>>> ccubes_selection(pis, on, (2, 2, 2), visible=3).tolist()  # 3 conditions: every PI
[0, 1, 2]
>>> visible_conditions(25, max_value=1), visible_conditions(40, max_value=1)
(16, 32)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qca.minimize._primes import covers, literal_bits

__all__ = ["ccubes_selection", "visible_conditions"]

_WORD = 32  # bits in one of R's storage words


def visible_conditions(n_conditions: int, max_value: int) -> int:
    """How many leading conditions R's CCubes sub-term test sees (rule 2 above).

    ``max_value`` is the largest value any condition takes in the truth table rows passed
    to the search (1 for crisp sets).

    >>> visible_conditions(12, 1), visible_conditions(20, 1), visible_conditions(20, 3)
    (12, 16, 8)
    """
    needed = int(max_value + 1).bit_length()  # values are stored plus one, 0 = absent
    width = 1
    while width < needed:
        width *= 2
    words = (n_conditions + _WORD - 1) // _WORD
    return min(n_conditions, words * (_WORD // width))


def _visit_order(pis: np.ndarray, first_row: np.ndarray) -> np.ndarray:
    """Rule 1: by number of literals, condition set (lexicographic), first positive row."""
    n, k = pis.shape
    present = pis >= 0
    # the j-th present condition of each term, padded with k (equal-length sets compare alike)
    positions = np.where(present, np.arange(k), k)
    positions.sort(axis=1)
    keys = [first_row, *(positions[:, j] for j in range(k - 1, -1, -1)), present.sum(axis=1)]
    return np.lexsort(keys) if n else np.zeros(0, dtype=np.int64)


def _has_subterm(block: np.ndarray, bits: np.ndarray) -> bool:
    """True when some row of ``block`` has no literal outside ``bits``."""
    if len(block) == 0:
        return False
    return bool(((block & ~bits) == 0).all(axis=1).any())


class _Filing:
    """Rules 2 and 3: the PIs kept so far, filed by positive rows covered (most first).

    Candidates arrive level by level (:meth:`task` once per condition set, in visit
    order); :meth:`end_level` then applies the stopping rule.
    """

    def __init__(self, n_on: int, n_words: int, capacity: int) -> None:
        self.filed_bits = np.zeros((max(capacity, 1), n_words), dtype=np.uint64)
        self.n_filed = 0
        self.before = np.zeros(n_on + 1, dtype=np.int64)  # [c-1]: earlier levels' PIs covering >= c
        self.now = self.before.copy()  # the same, counting this level's PIs too
        self.kept: list[int] = []
        self.covered = np.zeros(n_on, dtype=bool)
        self.found = False
        self.counter = 0

    def task(self, ids: Sequence[int], bits: np.ndarray, n_cov: np.ndarray, chart: np.ndarray) -> None:
        """One condition set's candidates (ids, their literal bits, rows covered)."""
        filed = self.filed_bits
        passing = [j for j in range(len(ids)) if not _has_subterm(filed[: self.before[n_cov[j] - 1]], bits[j])]
        self.found = self.found or bool(passing)
        for j in passing:
            c = int(n_cov[j])
            start, end = self.before[c - 1], self.now[c - 1]
            if end > start and _has_subterm(filed[start:end], bits[j]):
                continue
            at = self.now[c - 1]
            if self.n_filed + 1 > len(filed):
                grown = np.zeros((2 * len(filed), filed.shape[1]), dtype=np.uint64)
                grown[: self.n_filed] = filed[: self.n_filed]
                self.filed_bits = filed = grown
            filed[at + 1 : self.n_filed + 1] = filed[at : self.n_filed]
            filed[at] = bits[j]
            self.n_filed += 1
            self.now[:c] += 1
            self.kept.append(int(ids[j]))
            self.covered |= chart[j]

    def end_level(self) -> bool:
        """Close a level; True when the search stops (rule 3)."""
        if self.kept:
            if self.covered.all():
                self.counter = 0 if self.found else self.counter + 1
            self.before = self.now
        self.now = self.before.copy()
        self.found = False
        return self.counter > 1


def ccubes_selection(
    pis: np.ndarray, on: np.ndarray, levels: Sequence[int], *, visible: int
) -> np.ndarray:
    """Indices (ascending) of the PIs that R's CCubes search keeps (rules 1-3 above).

    Parameters
    ----------
    pis : ndarray of shape (m, k)
        Every prime implicant covering a positive row (-1 = condition absent). The
        candidates R visits that are not prime are always dropped by the sub-term test
        (a kept PI is a visible sub-term of them), so the PIs are all it needs.
    on : ndarray of shape (n, k)
        The positive rows, in ascending row-number order.
    levels : sequence of int
        Number of values of each condition.
    visible : int
        Conditions the sub-term test sees (:func:`visible_conditions`).

    Returns
    -------
    ndarray of int
        The kept PIs, as ascending indices into ``pis``.

    Examples
    --------
    >>> import numpy as np
    >>> pis = np.array([[-1, 1, -1], [1, -1, 0], [-1, -1, 1]])
    >>> on = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 0]])
    >>> ccubes_selection(pis, on, (2, 2, 2), visible=3).tolist()
    [0, 1, 2]
    >>> # only A is seen: B shows no literal, so it drops every later candidate
    >>> ccubes_selection(pis, on, (2, 2, 2), visible=1).tolist()
    [0]
    """
    pis = np.asarray(pis)
    n_pi, k = pis.shape if pis.ndim == 2 else (0, len(levels))
    chart = covers(pis, on) if n_pi else np.zeros((0, len(on)), dtype=bool)
    n_cov = chart.sum(axis=1).astype(np.int64)
    first_row = np.where(n_cov > 0, chart.argmax(axis=1), 0)
    seen = pis.copy()
    seen[:, visible:] = -1
    bits = literal_bits(seen, levels)
    order = [int(i) for i in _visit_order(pis, first_row) if n_cov[i] > 0]
    n_lits = (pis >= 0).sum(axis=1)
    cond_sets = [tuple(np.flatnonzero(t >= 0)) for t in pis]
    filing = _Filing(len(on), bits.shape[1], len(order))
    pos = 0
    for level in range(1, k + 1):
        while pos < len(order) and n_lits[order[pos]] == level:
            end = pos
            while end < len(order) and cond_sets[order[end]] == cond_sets[order[pos]]:
                end += 1
            ids = order[pos:end]
            filing.task(ids, bits[ids], n_cov[ids], chart[ids])
            pos = end
        if filing.end_level():
            break
    return np.asarray(sorted(filing.kept), dtype=np.int64)
