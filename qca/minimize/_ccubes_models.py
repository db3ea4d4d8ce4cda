"""R QCA's model search with ``sol.cons`` (``minimize(..., method="ccubes", sol_cons=...)``).

With ``sol.cons > 0`` and remainders included, R QCA 3.25.1 does not solve the PI chart
of the prime implicants its CCubes search kept. It looks for *consistent* models instead
(rules read from its C sources and checked against R's answers; our words and code):

1. The PIs are those of the CCubes search (after row dominance with ``row.dom``), in R's
   PI order. Models of k PIs are tried for k = 1, 2, ... up to the number of positive
   rows or of PIs, whichever is smaller (at most 7 with ``all.sol``: R's ``sol.depth``).
2. Within one k, every combination of k PIs is tried in lexicographic order of their
   positions. A combination is skipped when it holds a model found at a smaller k.
3. A combination is a model when the union of its PIs (fuzzy OR over the cases) has
   inclusion ``inclS >= sol_cons`` and coverage ``covS >= sol.cov`` (R's default 1),
   both compared with an absolute tolerance of one machine epsilon. A model need not
   cover every positive row: ``covS`` of 1 is all R asks of coverage, so on fuzzy data
   (where a union rarely reaches every case's outcome value) R usually finds no model.

The models are listed as R lists them (by k, then lexicographically); none at all is
R's "There are no solutions, given these constraints.".

>>> import numpy as np
>>> members = np.array([[1, 1, 0, 0], [0, 0, 1, 0], [0, 1, 1, 1.0]])
>>> y = np.array([1, 1, 1, 0.0])
>>> consistent_models(members, y, sol_cons=0.7, max_size=3)
[(0, 1), (0, 2)]
"""

from __future__ import annotations

import math
import sys

import numpy as np

from qca._limits import limit, over
from qca.exceptions import InvalidParameterError

__all__ = ["consistent_models", "combinations_tested"]

_EPS = sys.float_info.epsilon


def combinations_tested(n_pis: int, max_size: int) -> int:
    """How many combinations of PIs R tests: sum of C(n, k) for k <= max_size.

    >>> combinations_tested(5, 2)
    15
    """
    return sum(math.comb(n_pis, k) for k in range(1, max_size + 1))


def _reaches(value: np.ndarray, cut: float) -> np.ndarray:
    """R's ``agteb``: value > cut, or within one machine epsilon of it."""
    return (value > cut) | (np.abs(value - cut) <= _EPS)


class _Search:
    """Rule 2's combinations, depth first in lexicographic order, skipping whole branches
    that cannot hold a model: a branch holding a model found at a smaller k (every
    combination below it is skipped by R too), and, with coverage 1 asked, a branch
    that leaves a case below its outcome value with no PI further on reaching it
    (such a combination misses the coverage by more than R's tolerance)."""

    def __init__(self, members: np.ndarray, y: np.ndarray, sol_cons: float, sol_cov: float) -> None:
        self.members, self.y, self.sol_cons, self.sol_cov = members, y, sol_cons, sol_cov
        self.sum_y = float(y.sum())
        n = len(members)
        self.hits = [0] * n  # per PI: the cases it lifts to their outcome value (bits)
        self.needed = 0
        if sol_cov >= 1:
            slack = 1e-9 * max(1.0, self.sum_y)  # far above R's tolerance: the test stays sound
            reach = members >= (y - slack)[None, :]
            need = y > slack
            self.needed = sum(1 << int(i) for i in np.flatnonzero(need))
            for p in range(n):
                self.hits[p] = sum(1 << int(i) for i in np.flatnonzero(reach[p] & need))
        self.ahead = [0] * (n + 1)  # cases some PI at position >= j lifts
        for p in range(n - 1, -1, -1):
            self.ahead[p] = self.ahead[p + 1] | self.hits[p]
        self.found: list[tuple[int, ...]] = []  # the models of the smaller k
        self.nodes = 0

    def level(self, k: int, budget: int) -> list[tuple[int, ...]]:
        """The models of k PIs, lexicographic."""
        leaves: list[tuple[int, ...]] = []
        n, ahead, hits = len(self.members), self.ahead, self.hits
        # which earlier models hold each PI (bits over the models); a path holds a model
        # when no PI outside the path (skipped ones, later ones) is in that model
        within = [0] * n
        for index, model in enumerate(self.found):
            for p in model:
                within[p] |= 1 << index
        later = [0] * (n + 1)
        for p in range(n - 1, -1, -1):
            later[p] = later[p + 1] | within[p]
        every = (1 << len(self.found)) - 1

        def visit(start: int, chosen: list[int], skipped: int, open_cases: int) -> None:
            self.nodes += 1
            if self.nodes > budget:
                raise _Stop
            if chosen and every & ~(skipped | later[start]):
                return  # the path holds a model of a smaller k
            if len(chosen) == k:
                if not open_cases:
                    leaves.append(tuple(chosen))
                return
            if open_cases & ~ahead[start]:
                return
            for j in range(start, n - (k - len(chosen)) + 1):
                chosen.append(j)
                visit(j + 1, chosen, skipped, open_cases & ~hits[j])
                chosen.pop()
                skipped |= within[j]

        visit(0, [], 0, self.needed)
        kept = self._passing(leaves)
        self.found.extend(kept)
        return kept

    def _passing(self, leaves: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
        """The combinations whose union reaches both cuts (vectorized in blocks)."""
        if not leaves:
            return []
        k = len(leaves[0])
        combos = np.asarray(leaves, dtype=np.intp).reshape(-1, k)
        ok = np.zeros(len(combos), dtype=bool)
        step = max(1, (1 << 21) // max(1, k * len(self.y)))
        for lo in range(0, len(combos), step):
            union = self.members[combos[lo : lo + step]].max(axis=1)
            sum_x = union.sum(axis=1)
            sum_xy = np.minimum(union, self.y).sum(axis=1)
            good = sum_x > 0
            good &= _reaches(sum_xy / np.where(good, sum_x, 1.0), self.sol_cons)
            good &= _reaches(sum_xy / self.sum_y, self.sol_cov)
            ok[lo : lo + step] = good
        return [leaves[i] for i in np.flatnonzero(ok)]


class _Stop(Exception):
    """The search passed its budget."""


def consistent_models(
    members: np.ndarray, y: np.ndarray, *, sol_cons: float, max_size: int, sol_cov: float = 1.0
) -> list[tuple[int, ...]]:
    """Every model of rules 2-3: PI combinations (ascending positions), R's order.

    Parameters
    ----------
    members : ndarray of shape (n_pis, n_cases)
        Membership of each case in each PI, PIs in R's order.
    y : ndarray of shape (n_cases,)
        Membership in the outcome.
    sol_cons, sol_cov : float
        The inclusion and coverage a model's union must reach.
    max_size : int
        Largest number of PIs in a model (rule 1).

    Raises
    ------
    InvalidParameterError
        When the search visits more combinations (whole ones and partial ones) than the
        limit ``QCA_MAX_COMBINATIONS``.
    """
    members = np.asarray(members, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(members)
    max_size = min(max_size, n)
    if n == 0 or float(y.sum()) <= 0:
        return []
    # coverage only grows with more PIs: when the union of them all misses sol_cov, every
    # combination does (the usual case on fuzzy data)
    best = np.minimum(members.max(axis=0), y).sum() / float(y.sum())
    if not _reaches(np.asarray(best), sol_cov):
        return []
    search = _Search(members, y, sol_cons, sol_cov)
    budget = limit("max_combinations")
    found: list[tuple[int, ...]] = []
    try:
        for k in range(1, max_size + 1):
            found.extend(search.level(k, budget))
    except _Stop:
        raise InvalidParameterError(
            over(
                "max_combinations",
                search.nodes,
                f"minimize(method='ccubes', sol_cons=...) tested more than {budget:,} "
                f"combinations of its {n} prime implicants (R QCA tests every combination "
                f"of up to {max_size}: {combinations_tested(n, max_size):,})",
                "(use method='complete', whose sol_cons filters the minimal models)",
            )
        ) from None
    return found
