"""The minimum cover of a chart as an integer program, solved exactly by HiGHS (scipy).

Minimize the number of classes chosen, ``sum(x)``, subject to every column being covered
at least once, ``A x >= 1``, with ``x`` binary. HiGHS (through :func:`scipy.optimize.milp`)
solves it by branch and cut with its own presolve; an optimal status with a dual bound
whose ceiling equals the cover's size proves the minimum. When its node limit stops it
first, the ceiling of its dual bound is still a proven lower bound.

The effort bound is a number of branch-and-bound nodes, not seconds, so that the same chart
gives the same cover and bound on any machine under any load (HiGHS's search is
deterministic); a time limit stays only as a far backstop.

The chart is given sparse, as in :mod:`qca.minimize._bounds`: ``indices[indptr[i]:indptr[i + 1]]``
are the columns of class i.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["MilpCover", "milp_cover"]

#: Branch-and-bound nodes HiGHS may explore on one component before we settle for its
#: bounds (the suite's proven charts need at most 15; random_30x200 parsimonious, which is
#: not proven, ran 838 nodes in 300 s on this machine).
NODE_LIMIT = 200
#: Seconds, a backstop only: past it the bounds would depend on the machine's speed.
TIME_LIMIT = 900.0


@dataclass(frozen=True)
class MilpCover:
    """Result of :func:`milp_cover`.

    Attributes
    ----------
    lower : int
        Proven lower bound on the size of a cover (equal to ``len(cover)`` when optimal).
    cover : tuple of int
        The best cover found (class indices, ascending); empty when none was found.
    optimal : bool
        True when the minimum is proven.
    """

    lower: int
    cover: tuple[int, ...]
    optimal: bool


def milp_cover(
    indptr: np.ndarray,
    indices: np.ndarray,
    n_cols: int,
    *,
    upper: int = 0,
    node_limit: int = NODE_LIMIT,
    time_limit: float = TIME_LIMIT,
) -> MilpCover:
    """A minimum cover of the chart, proven by HiGHS (or bounds when its node limit stops it).

    ``upper``, the size of a cover already known, lets HiGHS stop as soon as its bound
    proves the minimum (within one of the best cover, the objective being whole).

    >>> import numpy as np
    >>> res = milp_cover(np.array([0, 2, 4, 6]), np.array([0, 1, 1, 2, 0, 2]), 3)
    >>> res.lower, res.cover, res.optimal
    (2, (0, 1), True)
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csc_matrix

    indptr = np.asarray(indptr, dtype=np.int64)
    indices = np.asarray(indices, dtype=np.int64)
    n = len(indptr) - 1
    if n_cols == 0:
        return MilpCover(0, (), True)
    # column c of the constraint matrix is class c: a CSC matrix straight from the rows
    a = csc_matrix((np.ones(len(indices)), indices, indptr), shape=(n_cols, n))

    def solve(gap: float) -> Any:
        return milp(
            c=np.ones(n),
            integrality=np.ones(n),
            bounds=Bounds(0, 1),
            constraints=LinearConstraint(a, lb=np.ones(n_cols), ub=np.full(n_cols, np.inf)),
            options={
                "node_limit": int(node_limit),
                "time_limit": float(time_limit),
                "mip_rel_gap": gap,
                "presolve": True,
            },
        )

    # the objective is a whole number: HiGHS may stop once its dual bound is within one of
    # the cover's size (the ceiling of the bound then equals the size); if that proof does
    # not come out (other gap conventions), solve again to a zero gap
    # (only when HiGHS stopped on its gap: after its node or time limit a second solve
    # would take as long again)
    res = solve(0.9 / max(upper, 1)) if upper else solve(0.0)
    if upper and res.status == 0 and not _proven(res, indptr, indices, n_cols):
        res = solve(0.0)
    return _result(res, indptr, indices, n_cols)


def _proven(res: Any, indptr: np.ndarray, indices: np.ndarray, n_cols: int) -> bool:
    return _result(res, indptr, indices, n_cols).optimal


def _result(res: Any, indptr: np.ndarray, indices: np.ndarray, n_cols: int) -> MilpCover:
    cover: tuple[int, ...] = ()
    if res.x is not None:
        chosen = np.flatnonzero(res.x > 0.5)
        covered = np.zeros(n_cols, dtype=bool)
        for i in chosen:
            covered[indices[indptr[i] : indptr[i + 1]]] = True
        if covered.all():
            cover = tuple(int(i) for i in chosen)
    dual = getattr(res, "mip_dual_bound", None)
    if res.status == 0 and cover and (dual is None or math.isnan(dual)):
        lower = len(cover)  # optimal at a zero gap, no bound reported
    elif dual is not None and not math.isnan(dual):
        lower = max(math.ceil(dual - 1e-6), 0)
    else:
        lower = 0
    return MilpCover(lower, cover, bool(cover) and lower == len(cover))
