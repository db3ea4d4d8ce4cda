"""Exact solution of a prime implicant chart: every minimum cover, or every irredundant one.

The chart is a boolean matrix (prime implicants x rows to explain). Covers are found by a
branch and bound over the uncovered column with the fewest candidates: branch i takes that
column's i-th PI and forbids the earlier ones, so every cover is met exactly once. A lower
bound (columns that pairwise share no PI each need their own PI) prunes the search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from qca.exceptions import InvalidParameterError

__all__ = ["ChartSolution", "solve_chart", "MAX_MODELS", "EFFORT"]

#: Default largest number of models listed.
MAX_MODELS = 10_000
#: Default largest number of search nodes visited before giving up (complete=False).
EFFORT = 2_000_000


@dataclass(frozen=True)
class ChartSolution:
    """What :func:`solve_chart` found and proved.

    Attributes
    ----------
    models : list of tuple of int
        Covers as ascending PI indices, in R's order (fewer PIs first, then lexicographic).
    essential : tuple of int
        PIs that are the only cover of some column (ascending).
    used : tuple of int
        PIs kept in the chart (all, or those left after row dominance), ascending.
    complete : bool
        True when ``models`` is every model asked for; False when the list was cut at
        ``max_models`` or the effort bound stopped the search.
    lower_bound : int
        Proven minimum number of PIs in a cover (equal to the models' size when complete
        and not ``all_sol``; 0 when no cover exists).
    notes : list of str
        What was proven, in words.
    """

    models: list[tuple[int, ...]]
    essential: tuple[int, ...]
    used: tuple[int, ...]
    complete: bool
    lower_bound: int
    notes: list[str] = field(default_factory=list)


def _bitmask(flags: np.ndarray) -> int:
    packed = np.packbits(np.asarray(flags, dtype=bool), bitorder="little")
    return int.from_bytes(packed.tobytes(), "little")


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _row_dominance(chart: np.ndarray) -> np.ndarray:
    """Indices of PIs whose column set is not a strict subset of another PI's."""
    n = chart.shape[0]
    c = chart.astype(np.int32)
    inter = c @ c.T
    size = c.sum(axis=1)
    subset = inter == size[:, None]  # i's columns within j's
    strict = subset & (size[:, None] < size[None, :])
    dominated = strict.any(axis=1)
    return np.flatnonzero(~dominated) if n else np.zeros(0, dtype=np.intp)


class _Search:
    """Depth-first branch and bound over a chart given as bit masks."""

    def __init__(self, pi_cols: list[int], n_cols: int, effort: int) -> None:
        self.pi_cols = pi_cols
        self.col_pis = [0] * n_cols
        for i, cols in enumerate(pi_cols):
            for c in _bits(cols):
                self.col_pis[c] |= 1 << i
        self.neighbours = [0] * n_cols
        for c in range(n_cols):
            acc = 0
            for i in _bits(self.col_pis[c]):
                acc |= pi_cols[i]
            self.neighbours[c] = acc
        self.effort = effort
        self.nodes = 0
        self.stopped = False

    def lower_bound(self, uncovered: int) -> int:
        """Columns picked so that no two share a PI: each needs a PI of its own."""
        bound = 0
        rest = uncovered
        while rest:
            c = (rest & -rest).bit_length() - 1
            bound += 1
            rest &= ~self.neighbours[c]
        return bound

    def _pick(self, uncovered: int, allowed: int) -> tuple[int, int]:
        best_c, best_n, best_m = -1, 1 << 60, 0
        for c in _bits(uncovered):
            m = self.col_pis[c] & allowed
            n = m.bit_count()
            if n < best_n:
                best_c, best_n, best_m = c, n, m
                if n <= 1:
                    break
        return best_c, best_m

    def minimum(self, all_cols: int, limit: int, keep: int) -> tuple[int, list[tuple[int, ...]]]:
        """All covers of minimum size (at most ``limit``); keeps at most ``keep`` of them."""
        best = [limit]
        found: list[tuple[int, ...]] = []
        overflow = [False]

        def visit(uncovered: int, allowed: int, chosen: list[int]) -> None:
            if self.stopped:
                return
            self.nodes += 1
            if self.nodes > self.effort:
                self.stopped = True
                return
            if uncovered == 0:
                size = len(chosen)
                if size < best[0]:
                    best[0] = size
                    found.clear()
                    overflow[0] = False
                if len(found) < keep:
                    found.append(tuple(sorted(chosen)))
                else:
                    overflow[0] = True
                return
            if len(chosen) + self.lower_bound(uncovered) > best[0]:
                return
            c, cands = self._pick(uncovered, allowed)
            for i in _bits(cands):
                chosen.append(i)
                visit(uncovered & ~self.pi_cols[i], allowed, chosen)
                chosen.pop()
                allowed &= ~(1 << i)
                if self.stopped:
                    return

        visit(all_cols, (1 << len(self.pi_cols)) - 1, [])
        self.overflow = overflow[0]
        return best[0], found

    def irredundant(self, all_cols: int, keep: int) -> list[tuple[int, ...]]:
        """Every irredundant cover (keeps at most ``keep``)."""
        found: list[tuple[int, ...]] = []
        self.overflow = False

        def redundant(chosen: list[int]) -> bool:
            for i in chosen:
                others = 0
                for j in chosen:
                    if j != i:
                        others |= self.pi_cols[j]
                if self.pi_cols[i] & ~others == 0:
                    return True
            return False

        def visit(uncovered: int, allowed: int, chosen: list[int]) -> None:
            if self.stopped:
                return
            self.nodes += 1
            if self.nodes > self.effort:
                self.stopped = True
                return
            if redundant(chosen):
                return
            if uncovered == 0:
                if len(found) < keep:
                    found.append(tuple(sorted(chosen)))
                else:
                    self.overflow = True
                return
            c, cands = self._pick(uncovered, allowed)
            for i in _bits(cands):
                chosen.append(i)
                visit(uncovered & ~self.pi_cols[i], allowed, chosen)
                chosen.pop()
                allowed &= ~(1 << i)
                if self.stopped:
                    return

        visit(all_cols, (1 << len(self.pi_cols)) - 1, [])
        return found


def solve_chart(
    chart: np.ndarray,
    *,
    all_sol: bool = False,
    row_dom: bool = False,
    max_models: int = MAX_MODELS,
    effort: int = EFFORT,
) -> ChartSolution:
    """Solve a prime implicant chart exactly.

    Parameters
    ----------
    chart : ndarray of bool, shape (n_pi, n_cols)
        ``chart[i, c]`` when PI i covers column (explained row) c; PIs in R's order.
    all_sol : bool, default=False
        False: every cover of minimum cardinality. True: every irredundant cover
        (Petrick's method); ``row_dom`` is then ignored.
    row_dom : bool, default=False
        Drop PIs whose set of covered columns is a strict subset of another PI's first.
    max_models : int, default=10_000
        Largest number of models listed.
    effort : int, default=2_000_000
        Largest number of search nodes; when reached the search stops with what it found.

    Returns
    -------
    ChartSolution

    Examples
    --------
    >>> import numpy as np
    >>> chart = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1], [0, 0, 1]], dtype=bool)
    >>> sol = solve_chart(chart)
    >>> sol.models
    [(0, 1), (0, 2), (0, 3), (1, 2)]
    >>> solve_chart(chart, row_dom=True).used
    (0, 1, 2)
    """
    chart = np.asarray(chart, dtype=bool)
    if chart.ndim != 2:
        raise InvalidParameterError(
            f"The 'chart' parameter of solve_chart must be a 2-D boolean array. "
            f"Got shape {chart.shape} instead."
        )
    if int(max_models) < 1 or int(effort) < 1:
        raise InvalidParameterError(
            "The 'max_models' and 'effort' parameters of solve_chart must be positive integers."
        )
    n_pi, n_cols = chart.shape
    notes: list[str] = []
    if all_sol:
        row_dom = False
    used = _row_dominance(chart) if row_dom else np.arange(n_pi)
    if row_dom and len(used) < n_pi:
        notes.append(f"row dominance removed {n_pi - len(used)} of {n_pi} prime implicants")
    counts = chart[used].sum(axis=0)
    essential = tuple(
        sorted({int(used[np.flatnonzero(chart[used, c])[0]]) for c in np.flatnonzero(counts == 1)})
    )
    if n_cols == 0:
        return ChartSolution(
            [()],
            essential,
            tuple(int(i) for i in used),
            True,
            0,
            notes + ["nothing to cover: the empty model"],
        )
    sub = chart[used]
    uncoverable = np.flatnonzero(~sub.any(axis=0))
    if len(uncoverable):
        notes.append(
            f"no cover exists: column(s) {uncoverable.tolist()} are covered by no prime implicant"
        )
        return ChartSolution([], essential, tuple(int(i) for i in used), True, 0, notes)
    pi_cols = [_bitmask(row) for row in sub]
    search = _Search(pi_cols, n_cols, int(effort))
    all_cols = (1 << n_cols) - 1
    root_bound = search.lower_bound(all_cols)
    if all_sol:
        raw = search.irredundant(all_cols, int(max_models))
        lower = min((len(m) for m in raw), default=root_bound) if not search.stopped else root_bound
    else:
        lower, raw = search.minimum(all_cols, len(pi_cols), int(max_models))
        if search.stopped:
            lower = root_bound
    models = sorted((tuple(int(used[i]) for i in m) for m in raw), key=lambda m: (len(m), m))
    complete = not search.stopped and not search.overflow
    if search.stopped:
        notes.append(
            f"search stopped after {search.nodes} nodes (effort bound); "
            f"a cover needs at least {lower} prime implicants"
        )
    elif search.overflow:
        notes.append(
            f"more than {max_models} models; only the first {len(models)} found are listed"
        )
    else:
        kind = "irredundant covers" if all_sol else f"covers of the minimum size {lower}"
        notes.append(f"all {len(models)} {kind} listed")
    return ChartSolution(models, essential, tuple(int(i) for i in used), complete, lower, notes)
