"""Exact solution of a prime implicant chart: every minimum cover, or every irredundant one.

The chart is a boolean matrix (prime implicants x rows to explain). The solver

1. groups PIs with identical column sets into classes (a cover picks classes; each class
   stands for any of its PIs, so the models are the products of the class members);
2. splits the columns into connected components (columns linked by a shared class) and
   solves each component on its own: the models of the chart are the products of the
   components' models;
3. finds the minimum size of a cover by iterative deepening over the dominance-reduced
   classes (a class whose columns are a strict subset of another's never lowers the
   minimum), pruned by a lower bound: columns that pairwise share no class each need a
   class of their own;
4. enumerates every cover of that size over *all* classes (no reduction that could drop an
   alternative model), branching on the uncovered column with the fewest candidates,
   the i-th branch taking that column's i-th class and forbidding the earlier ones, so each
   cover is met once.

A bound on the number of search nodes stops the search: the result then says what was
proven (``lower_bound``, ``notes``) and holds the covers found so far, at least one.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qca.exceptions import InvalidParameterError
from qca.minimize import _component_masks
from qca.minimize._bounds import greedy_cover, lagrangian_bounds
from qca.minimize._component_masks import component_masks
from qca.minimize._count import CountStopped, MinCoverCounter
from qca.minimize._count_anchor import count_lower_bound
from qca.minimize._count_search import walk_count
from qca.minimize._cover_listing import FACTOR_COVERS, cover_alternatives, exchange_covers
from qca.minimize._fixing import fixing_pool, restrict
from qca.minimize._milp import milp_cover
from qca.minimize._modelset import ModelList
from qca.minimize._optimal_covers import LARGE_CHART, optimal_covers
from qca.minimize._packed import PackedChart, class_order, column_covers, row_classes, row_ints
from qca.minimize._proof_search import prove_minimum
from qca.minimize._reduce import (
    _bits,
    _Budget,
    _components,
    _force,
    _maximal,
    _reduce,
    _undominated_columns,
    mask_cells,
    mask_matrix,
    restricted_masks,
)
from qca.minimize._unique_cover import fewest_candidates, unique_cover

__all__ = ["ChartPart", "ChartSolution", "solve_chart", "MAX_MODELS", "EFFORT"]

#: Default largest number of models listed.
MAX_MODELS = 10_000
#: Default search budget (nodes, plus long bound computations) before giving up (complete=False).
EFFORT = 2_000_000
#: Search nodes the bound-and-branch may spend on a component's minimum before the
#: component is handed to the integer-programming solver (HiGHS).
SEARCH_BEFORE_MILP = 20_000
#: Search effort (about microseconds) of :meth:`_Component.dual_search` before HiGHS,
#: when the compiled decision search (:meth:`_Component.decide`) did not settle the gap
#: (without numba, random_30x200 parsimonious spends ~350,000 to show that no 10-cover
#: exists).
FIND_EFFORT = 1_000_000
#: Charts (nonzero cells) larger than this are not handed to HiGHS: on random_30x200
#: parsimonious (266,981 cells) its root node alone takes minutes and 1,579 nodes do not
#: close the gap; the suite's HiGHS proofs are on charts of at most ~32,000 cells.
MILP_ENTRIES = 100_000
#: Charts (columns x classes) larger than this skip the Lagrangian bound and the search:
#: HiGHS solves them directly.
STRAIGHT_TO_MILP = 2_000_000
#: Components with at most this many columns get the Lagrangian bound and its covers
#: however many classes they have (each step is one pass over the chart; on
#: random_30x200 parsimonious, 48,787 classes, they find a 12-cover where greedy has 13).
FEW_COLUMNS = 256


@dataclass(frozen=True)
class ChartSolution:
    """What :func:`solve_chart` found and proved.

    Attributes
    ----------
    models : list of tuple of int
        Covers as ascending PI indices, in R's order (fewer PIs first, then lexicographic).
    essential : tuple of int
        PIs that are the only cover of some column (ascending).
    used : range or tuple of int
        PIs kept in the chart, ascending: ``range(n_pi)`` when all are (no Python int per
        PI: charts reach millions of PIs), else those left after row dominance.
    complete : bool
        True when ``models`` is every model asked for; False when the list was cut at
        ``max_models`` or the effort bound stopped the search.
    lower_bound : int
        Proven minimum number of PIs in a cover (the models' size when the minimum was
        proven; 0 when no cover exists).
    notes : list of str
        What was proven, in words.
    n_models : int or None
        How many models exist in total, when counted exactly (it can exceed
        ``len(models)``).
    n_models_lower : int
        Proven lower bound on that number (equal to it when exact).
    core : tuple of int
        PIs in every model (forced ones, and components with one minimum cover).
    parts : tuple of ChartPart
        The independent choices: a model is ``core`` plus one alternative of each part.
    """

    models: Sequence[tuple[int, ...]]
    essential: tuple[int, ...]
    used: Sequence[int]
    complete: bool
    lower_bound: int
    notes: list[str] = field(default_factory=list)
    n_models: int | None = None
    n_models_lower: int = 0
    core: tuple[int, ...] = ()
    parts: tuple[ChartPart, ...] = ()


@dataclass(frozen=True)
class ChartPart:
    """One independent choice of a chart: its alternative covers (PI indices).

    ``models`` lists them (cut at ``max_models``; distinct class-level covers first);
    ``count`` is how many exist (None when counting stopped), ``count_lower`` a proven
    lower bound on it; ``covers`` the first class-level covers listed (at most
    ``FACTOR_COVERS``), each class as its interchangeable PIs.
    """

    models: Sequence[tuple[int, ...]]
    count: int | None
    count_lower: int
    covers: tuple[tuple[tuple[int, ...], ...], ...] = ()


class _Component:
    """Search over the classes of one connected component."""

    def __init__(self, cols: int, masks: list[int], reduced: list[bool], budget: _Budget):
        self.budget = budget
        built = component_masks(cols, masks, reduced)  # columns renumbered: fewest classes first
        self.cols = built.cols
        self.masks = built.masks  # class index -> local column mask
        self.cands = built.cands  # local column -> classes covering it
        self.cands_reduced = built.cands_reduced
        self.neighbours = built.neighbours  # columns sharing a class
        self.reduced_all = built.reduced_all
        self._cells = built.cells
        self.overflow = False
        self.weight = 1 + len(self.neighbours) // 256  # cost of one step of the column bound
        self._sparse: tuple[list[int], np.ndarray, np.ndarray] | None = None

    def dense(self) -> np.ndarray:
        """The classes x columns chart as a boolean matrix."""
        n_cols = self.cols.bit_length()
        if self._cells is None:
            return mask_matrix(self.masks, list(range(n_cols)))
        matrix = np.zeros((len(self.masks), n_cols), dtype=bool)
        matrix[self._cells] = True
        return matrix

    def chart(self) -> Any:
        """The chart as a scipy CSR matrix of booleans (sorted indices: the same as from
        :meth:`dense`), or None when the component was built dense."""
        if self._cells is None:
            return None
        from scipy.sparse import csr_matrix

        rows, cols = self._cells
        order = np.lexsort((cols, rows))
        indptr = np.zeros(len(self.masks) + 1, dtype=np.int32)
        np.cumsum(np.bincount(rows, minlength=len(self.masks)), out=indptr[1:])
        indices = cols[order].astype(np.int32)
        shape = (len(self.masks), self.cols.bit_length())
        return csr_matrix((np.ones(len(indices), dtype=bool), indices, indptr), shape=shape)

    def lower_bound(self, uncovered: int) -> int:
        """Columns taken lowest first, skipping any that shares a class with one taken."""
        bound = 0
        neighbours = self.neighbours
        while uncovered:
            c = (uncovered & -uncovered).bit_length() - 1
            bound += 1
            uncovered &= ~neighbours[c]
        self.budget.left -= bound * self.weight // 8  # long bounds cost effort too
        return bound

    def _pick(self, uncovered: int, allowed: int, cands: list[int]) -> int:
        """Candidates of the uncovered column with the fewest (among the first few)."""
        return fewest_candidates(uncovered, allowed, cands)[0]

    def greedy(self) -> list[int]:
        """A cover by repeatedly taking the class covering most uncovered columns (ties:
        the lowest index), redundant classes then dropped (:func:`greedy_cover`)."""
        classes, indptr, indices = self.sparse()
        cover = greedy_cover(indptr, indices, self.cols.bit_length())
        return sorted(classes[i] for i in cover)

    def sparse(self) -> tuple[list[int], np.ndarray, np.ndarray]:
        """The dominance-reduced classes and their columns in compressed rows (cached)."""
        if self._sparse is None:
            classes = _bits(self.reduced_all)
            ids = list(range(self.cols.bit_length()))
            step = max(1, (1 << 22) // max(1, len(ids)))  # a block of classes at a time
            rows, columns = [], []
            for lo in range(0, len(classes), step):
                block = [self.masks[i] for i in classes[lo : lo + step]]
                r, c = np.nonzero(mask_matrix(block, ids))  # row by row, columns ascending
                rows.append(r + lo)
                columns.append(c)
            indptr = np.zeros(len(classes) + 1, dtype=np.int64)
            if classes:
                counts = np.bincount(np.concatenate(rows), minlength=len(classes))
                np.cumsum(counts, out=indptr[1:])
            indices = np.concatenate(columns).astype(np.int64) if classes else np.zeros(0, np.int64)
            self._sparse = (classes, indptr, indices)
        return self._sparse

    def exists(
        self, uncovered: int, allowed: int, size: int, found: list[int], full: bool = False
    ) -> bool:
        """Is there a cover of ``uncovered`` with at most ``size`` classes of ``allowed``?

        Only the dominance-reduced classes are tried unless ``full`` (needed when some
        classes are forbidden: a dominated class may then be the only way).
        """
        if uncovered == 0:
            return True
        if size == 0 or self.budget.spend() or self.lower_bound(uncovered) > size:
            return False
        branch = self._pick(uncovered, allowed, self.cands if full else self.cands_reduced)
        if size == 1:  # one class must cover everything left
            self.budget.left -= branch.bit_count() // 8
            for i in _bits(branch):
                if uncovered & ~self.masks[i] == 0:
                    found.append(i)
                    return True
            return False
        for i in _bits(branch):
            found.append(i)
            if self.exists(uncovered & ~self.masks[i], allowed, size - 1, found, full):
                return True
            found.pop()
            allowed &= ~(1 << i)
            if self.budget.stopped:
                return False
        return False

    def minimum(self) -> tuple[int, int, list[int]]:
        """(proven lower bound, size of best cover found, that cover)."""
        best = self.greedy()
        low = max(self.lower_bound(self.cols), self.fractional_bound())
        n_cols = self.cols.bit_length()
        if low < len(best) and (n_cols * len(self.masks) <= STRAIGHT_TO_MILP or n_cols <= FEW_COLUMNS):
            low, best = self.lagrangian(low, best)
        if low == len(best):
            return low, low, best
        # a short bound-and-branch closes small gaps; what it leaves goes to HiGHS (large
        # charts go straight there: its presolve beats our dominance and bounds, and the
        # counter's search too, unless the chart has few columns, as random_30x200 has,
        # or is too large for HiGHS; planted_k16 conservative: 1.6 s of search saved)
        search = SEARCH_BEFORE_MILP if self.cols.bit_length() * len(self.masks) <= STRAIGHT_TO_MILP else 0
        outer, self.budget = self.budget, _Budget(search)
        try:
            while low < len(best):
                found: list[int] = []
                if self.exists(self.cols, self.reduced_all, low, found):
                    best = sorted(found)
                    break
                if self.budget.stopped:
                    break
                low += 1
        finally:
            self.budget = outer
        duals = None
        if low < len(best):
            low, best, duals, settled = self.decide(low, best)
            straight = not search and n_cols > FEW_COLUMNS and len(self.sparse()[2]) <= MILP_ENTRIES
            if low < len(best) and not settled and not straight:
                low, best, duals = self.dual_search(low, best)
        if low < len(best):
            low, best = self.milp(low, best, duals)
            if low < len(best):
                return low, len(best), best
        return len(best), len(best), best

    def milp(self, low: int, best: list[int], duals: np.ndarray | None) -> tuple[int, list[int]]:
        """(proven lower bound, best cover) from HiGHS on the classes that a cover smaller
        than ``best`` may hold (reduced-cost fixing by the LP ``duals``,
        :mod:`qca.minimize._fixing`): its minimum there, when below ``len(best)``, is the
        chart's; none below proves ``best`` minimum."""
        classes, indptr, indices = self.sparse()
        n_cols = self.cols.bit_length()
        pool = np.arange(len(classes))
        if duals is not None:
            pool = fixing_pool(indptr, indices, duals, len(best) - 1)
        sub_ptr, sub_idx = restrict(indptr, indices, pool)
        if len(pool) == 0 or len(np.unique(sub_idx)) < n_cols:
            return len(best), best  # no smaller cover: some column has no class left
        if len(sub_idx) > MILP_ENTRIES:
            return low, best
        res = milp_cover(sub_ptr, sub_idx, n_cols, upper=len(best))
        if res.cover and len(res.cover) < len(best):
            best = sorted(classes[int(pool[i])] for i in res.cover)
            if res.optimal:  # any smaller cover would hold pool classes only
                return len(best), best
        # a cover below len(best) holds pool classes only: it has at least res.lower
        return max(low, min(res.lower, len(best))), best

    def decide(self, low: int, best: list[int]) -> tuple[int, list[int], np.ndarray | None, bool]:
        """(proven lower bound, best cover, LP duals or None, whether settled) from the
        linear bound and the compiled decision search (:mod:`qca.minimize._proof_search`);
        not settled: the counter's search (:meth:`dual_search`) tries next."""
        classes, indptr, indices = self.sparse()
        got = prove_minimum(indptr, indices, self.cols.bit_length(), low, len(best))
        if got is None:
            return low, best, None, False
        if got.cover is not None:
            best = sorted(classes[i] for i in got.cover)
        return max(low, got.lower), best, got.duals, got.settled

    def dual_search(self, low: int, best: list[int]) -> tuple[int, list[int], np.ndarray]:
        """(proven lower bound, best cover, LP duals) after the LP bound and a short
        search for a cover of each size from the bound up, pruned by the LP duals (often a
        proof where the integer program would take seconds); stops at ``FIND_EFFORT``."""
        classes, indptr, indices = self.sparse()
        matrix = np.zeros((len(classes), self.cols.bit_length()), dtype=bool)
        matrix[np.repeat(np.arange(len(classes)), np.diff(indptr)), indices] = True
        counter = MinCoverCounter(matrix, [1] * len(classes), _Budget(FIND_EFFORT))
        low = max(low, counter.lower_bound())
        while low < len(best):
            try:
                found = counter.find(low)
            except CountStopped:
                break
            if found is not None:
                return low, sorted(classes[i] for i in found), counter.duals
            low += 1  # no cover of that size: the minimum is larger
        return low, best, counter.duals

    def lagrangian(self, low: int, best: list[int]) -> tuple[int, list[int]]:
        """Tighter bounds from the Lagrangian relaxation (:mod:`qca.minimize._bounds`)."""
        classes, indptr, indices = self.sparse()
        res = lagrangian_bounds(indptr, indices, self.cols.bit_length(), len(best))
        self.budget.left -= res.steps * len(indices) // 20_000  # long bounds cost effort too
        if res.cover and len(res.cover) < len(best):
            best = sorted(classes[i] for i in res.cover)
        return max(low, res.lower), best

    def fractional_bound(self) -> int:
        """Each column weighs 1 / (most columns a class covering it covers); a class then
        carries at most 1 in total, so the weights' sum bounds the number of classes."""
        sizes = [m.bit_count() for m in self.masks]
        total = 0.0
        for cands in self.cands_reduced:
            total += 1.0 / max(sizes[i] for i in _bits(cands))
        return math.ceil(total - 1e-9)

    def split(self, uncovered: int) -> list[int]:
        """Parts of ``uncovered`` that share no class (solved independently)."""
        parts = []
        neighbours = self.neighbours
        while uncovered:
            part = frontier = uncovered & -uncovered
            while frontier:
                low = frontier & -frontier
                frontier ^= low
                new = neighbours[low.bit_length() - 1] & uncovered & ~part
                part |= new
                frontier |= new
            parts.append(part)
            uncovered &= ~part
        return parts

    def irredundant(self, weights: list[int], keep: int) -> tuple[list, bool]:
        """Every irredundant cover (stops past ``keep`` PI models)."""
        found: list[tuple[int, ...]] = []
        total = [0]
        overflow = [False]

        def redundant(chosen: list[int]) -> bool:
            for i in chosen:
                others = 0
                for j in chosen:
                    if j != i:
                        others |= self.masks[j]
                if self.masks[i] & ~others == 0:
                    return True
            return False

        def visit(uncovered: int, allowed: int, chosen: list[int]) -> None:
            if self.budget.spend() or redundant(chosen):
                return
            if uncovered == 0:
                found.append(tuple(sorted(chosen)))
                total[0] += math.prod(weights[i] for i in chosen)
                if total[0] > keep:
                    overflow[0] = True
                return
            branch = self._pick(uncovered, allowed, self.cands)
            for i in _bits(branch):
                chosen.append(i)
                visit(uncovered & ~self.masks[i], allowed, chosen)
                chosen.pop()
                allowed &= ~(1 << i)
                if self.budget.stopped or overflow[0]:
                    return

        visit(self.cols, (1 << len(self.masks)) - 1, [])
        return found, overflow[0]


def _listing_component(
    masks: list[int], comp_cols: int, maximal: list[bool], budget: _Budget
) -> _Component:
    """The search over a component's classes for listing its covers, after column
    dominance (safe for every minimal or irredundant cover); built only when a listing
    needs it (hundreds of thousands of classes take seconds)."""
    kept = _undominated_columns(masks, comp_cols)
    return _Component(kept, [m & kept for m in masks], maximal, budget)


def _reduced_minimum(
    masks: list[int], comp_cols: int, budget: _Budget, reduced: list[bool]
) -> tuple[int, int, list]:
    """(proven lower bound, size of the best cover found, that cover) for one component.

    Only the classes flagged in ``reduced`` (not dominated) are needed for the minimum.
    """
    sel = [i for i in range(len(masks)) if reduced[i]]
    col_ids = _bits(comp_cols)
    # (no dense chart outlives the reductions: the searches below take bit masks)
    forced, rows, keep_cols = _reduce(_reduction_chart([masks[i] for i in sel], col_ids), budget)
    rows = np.asarray([sel[r] for r in rows], dtype=np.intp)
    low = high = len(forced)
    best = [sel[f] for f in forced]
    if len(keep_cols):
        sub_masks = restricted_masks(
            [masks[i] for i in rows.tolist()], [col_ids[j] for j in keep_cols.tolist()]
        )
        for part in _components(sub_masks, len(keep_cols)):
            idx = [i for i, m in enumerate(sub_masks) if m & part]
            comp = _Component(part, [sub_masks[i] for i in idx], [True] * len(idx), budget)
            p_low, p_high, p_best = comp.minimum()
            low += p_low
            high += p_high
            best.extend(int(rows[idx[i]]) for i in p_best)
    return low, high, sorted(best)


def _reduction_chart(masks: list[int], col_ids: list[int]) -> Any:
    """The chart :func:`_reduce` takes: boolean, or from the cells as a scipy CSR matrix
    when large (planted_k16 conservative: 6,651 x 5,037 classes x columns, 17,310 cells)."""
    if len(masks) * len(col_ids) <= _component_masks.SPARSE_COMPONENT:
        return mask_matrix(masks, col_ids)
    from scipy.sparse import csr_matrix

    rows, cols = mask_cells(masks, col_ids)
    ones = np.ones(len(rows), dtype=np.int32)
    return csr_matrix((ones, (rows, cols)), shape=(len(masks), len(col_ids)))


def solve_chart(
    chart: np.ndarray | PackedChart,
    *,
    all_sol: bool = False,
    row_dom: bool = False,
    max_models: int = MAX_MODELS,
    effort: int = EFFORT,
) -> ChartSolution:
    """Solve a prime implicant chart exactly.

    Parameters
    ----------
    chart : ndarray of bool, shape (n_pi, n_cols), or PackedChart
        ``chart[i, c]`` when PI i covers column (explained row) c; PIs in R's order. A
        :class:`~qca.minimize._packed.PackedChart` (eight columns a byte) saves memory.
    all_sol : bool, default=False
        False: every cover of minimum cardinality. True: every irredundant cover
        (Petrick's method); ``row_dom`` is then ignored.
    row_dom : bool, default=False
        Drop PIs whose set of covered columns is a strict subset of another PI's first.
    max_models : int, default=10_000
        Largest number of models listed.
    effort : int, default=2_000_000
        Search budget: nodes of the bound-and-branch; counting the minimum covers gets
        ``2 * effort`` and listing them ``effort`` steps of about a microsecond each.
        When a budget runs out the search stops with what it found (``complete=False``).

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
    >>> sol.lower_bound, sol.complete
    (2, True)
    >>> solve_chart(chart, row_dom=True).used
    (0, 1, 2)
    """
    if not isinstance(chart, PackedChart):
        chart = np.asarray(chart, dtype=bool)
        if chart.ndim != 2:
            raise InvalidParameterError(
                "The 'chart' parameter of solve_chart must be a 2-D boolean array. "
                f"Got shape {chart.shape} instead."
            )
        chart = PackedChart.from_dense(chart)
    if int(max_models) < 1 or int(effort) < 1:
        raise InvalidParameterError(
            "The 'max_models' and 'effort' parameters of solve_chart must be positive "
            f"integers. Got max_models={max_models}, effort={effort} instead."
        )
    keep = int(max_models)
    wanted = max(keep, FACTOR_COVERS)  # class-level covers listed (some for the factors)
    n_pi, n_cols = len(chart.bits), chart.n_cols
    notes: list[str] = []
    if all_sol:
        row_dom = False
    packed, inverse = row_classes(chart.bits)
    del chart  # the classes are all that is needed from here on
    # each class's PIs (ascending; views of one array), by a stable sort of their classes
    if row_dom:
        used = np.flatnonzero(_maximal(packed)[inverse])
        sizes = np.bincount(inverse[used], minlength=len(packed))
        flat = used[class_order(inverse[used], len(packed))]
    else:  # every PI (no index array of millions of PIs besides the sorted one)
        used = None
        sizes = np.bincount(inverse, minlength=len(packed))
        flat = class_order(inverse, len(packed))
    del inverse
    if used is not None and len(used) < n_pi:
        notes.append(f"row dominance removed {n_pi - len(used)} of {n_pi} prime implicants")
    used_t: Sequence[int] = (
        tuple(used.tolist()) if used is not None and len(used) < n_pi else range(n_pi)
    )
    del used
    if n_pi <= np.iinfo(np.int32).max:  # (half the memory of millions of PI numbers)
        flat = flat.astype(np.int32)
    ends = np.cumsum(sizes).tolist()
    members_all = [flat[end - size : end] for size, end in zip(sizes.tolist(), ends, strict=True)]
    del flat, ends
    has_members = sizes > 0
    with_members = np.flatnonzero(has_members)
    # PIs covering each column: the members of the classes covering it
    counts, first = column_covers(packed[with_members], n_cols)
    cover = with_members[first] if len(with_members) else first
    single = np.flatnonzero(counts == 1)
    single = single[sizes[cover[single]] == 1]
    essential = tuple(sorted({int(members_all[int(cover[c])][0]) for c in single}))
    if n_cols == 0:
        notes.append("nothing to cover: the empty model")
        return ChartSolution([()], essential, used_t, True, 0, notes, 1, 1)
    uncoverable = np.flatnonzero(counts == 0)
    if len(uncoverable):
        notes.append(
            f"no cover exists: column(s) {uncoverable.tolist()} are covered by no prime implicant"
        )
        return ChartSolution([], essential, used_t, True, 0, notes, 0)

    # classes that take part in the search: non-empty (and maximal under row_dom)
    live = has_members & packed.any(axis=1)
    members_live = [m for m, ok in zip(members_all, live, strict=True) if ok]
    forced, packed_left, members_live, cols_left = _force(packed[live], n_cols, members_live)
    del packed
    budget = _Budget(int(effort))
    core: list[int] = []
    parts: list[ChartPart] = []
    for f in forced:
        if len(f) == 1:
            core.append(int(f[0]))
        else:  # interchangeable PIs: each is a model of its own part
            parts.append(ChartPart([(p,) for p in f.tolist()], len(f), len(f), ((tuple(f.tolist()),),)))
    lower_total = upper_total = len(forced)
    proven = True
    cut = False
    if not all_sol and forced:
        notes.append(f"{len(forced)} prime implicant(s) forced: the only cover of some row")
    maximal_left = _maximal(packed_left)
    masks_all = row_ints(packed_left)
    live_idx = range(len(masks_all))
    for comp_cols in _components(masks_all, int(cols_left.sum())):
        cls = [c for c in live_idx if masks_all[c] & comp_cols]
        masks = [masks_all[c] for c in cls]
        members = [members_live[c] for c in cls]
        weights = [len(m) for m in members]
        maximal = [bool(maximal_left[c]) for c in cls]
        count: int | None
        counted = 0  # covers counted before the count stopped (a lower bound)
        if all_sol:
            comp = _listing_component(masks, comp_cols, maximal, budget)
            found, overflow = comp.irredundant(weights, keep)
            if budget.stopped or not found:
                found = found or [tuple(comp.greedy())]
            low = min(len(f) for f in found)
            lower_total += comp.lower_bound(comp.cols) if budget.stopped else low
            upper_total += low
            cut = cut or overflow or budget.stopped
            count = None if cut else sum(math.prod(weights[i] for i in f) for f in found)
        else:
            low, size, best = _reduced_minimum(masks, comp_cols, budget, maximal)
            lower_total += low
            upper_total += size
            found, count = [], None
            if low == size:
                comp = _listing_component(masks, comp_cols, maximal, budget)
                firsts = np.array([int(m[0]) for m in members], dtype=np.int64)  # (R's order)
                found, count, counted = _count_covers(comp, weights, size, wanted, int(effort), best, firsts)
            else:
                proven = False
            if not found:
                found = [tuple(best)]
        found = [tuple(sorted(f)) for f in found]
        listed = max(_weighted(found, weights), counted)
        if not all_sol and low == size and len(found) < wanted and (count is None or count > listed):
            # the listing stopped short: more minimum covers by exchanging classes
            more = exchange_covers(comp.masks, comp.cols, found, wanted)
            listed = max(_weighted(more, weights), counted)
            pi_models = cover_alternatives(more, members, keep)
            found = [tuple(f) for f in more[:FACTOR_COVERS].tolist()]
        else:
            pi_models = cover_alternatives(found, members, keep)
        if count == 1:
            core.extend(pi_models[0])
        else:
            covers = tuple(tuple(tuple(members[c].tolist()) for c in f) for f in found[:FACTOR_COVERS])
            parts.append(ChartPart(pi_models, count, count if count is not None else listed, covers))
    models = _combine([[tuple(sorted(core))], *(p.models for p in parts)], keep)
    exact = all(p.count is not None for p in parts)
    total = math.prod(p.count for p in parts if p.count is not None) if exact else None
    total_lower = math.prod(p.count_lower for p in parts)
    if all_sol:
        complete = not cut and not budget.stopped
    else:
        complete = proven and exact
    if all_sol:
        if budget.stopped:
            notes.append(
                f"search stopped at the effort bound ({effort} search steps); the irredundant covers "
                f"found are listed; a cover needs at least {lower_total} prime implicants"
            )
        elif cut:
            notes.append(f"more than {keep} models; the first {len(models)} found are listed")
        else:
            notes.append(f"all {len(models)} irredundant covers listed")
    elif not proven:
        notes.append(
            f"the exact solver stopped at its effort bound: a cover needs at least {lower_total} "
            f"prime implicants; the best cover found has {upper_total}"
        )
    elif not exact:
        notes.append(
            f"the minimum is {upper_total} prime implicants (proven), but counting every cover "
            f"of that size stopped at its effort bound: at least {total_lower} exist; "
            f"{len(models)} are listed"
        )
    elif total is not None and total > len(models):
        notes.append(
            f"{total} covers of the minimum size {upper_total} (counted exactly); the first "
            f"{len(models)} found are listed"
        )
    else:
        notes.append(f"all {len(models)} covers of the minimum size {upper_total} listed")
    lower = lower_total if (not proven or all_sol) else upper_total
    if all_sol and not budget.stopped:
        lower = min((len(m) for m in models), default=0)
    return ChartSolution(
        models, essential, used_t, complete, lower, notes, total,
        total if total is not None else total_lower, tuple(sorted(core)), tuple(parts),
    )


def _weighted(covers: Sequence[Sequence[int]] | np.ndarray, weights: list[int]) -> int:
    """How many PI-level models the class-level covers stand for (the product of their
    classes' weights, summed)."""
    w = np.asarray(weights, dtype=np.int64)
    total = 0
    for cover in covers:
        picked = w[np.asarray(cover, dtype=np.int64)]
        total += math.prod(picked[picked > 1].tolist())
    return total


def _count_covers(
    comp: _Component, weights: list[int], size: int, keep: int, effort: int, best: list[int],
    keys: np.ndarray | None = None,
) -> tuple[list[tuple[int, ...]], int | None, int]:
    """(first ``keep`` minimum covers of a component, their exact weighted count or None,
    when it stopped a proven lower bound on it: the covers counted before it stopped, or
    those holding a few classes of ``best`` (:mod:`qca.minimize._count_anchor`)).

    Counting gets ``2 * effort`` steps and listing ``effort`` (a step is about a microsecond of work); the covers listed
    before the listing's budget ran out are kept (their number is a lower bound on the
    count). Components of at least ``LARGE_CHART`` classes go first to the compiled search
    of :mod:`qca.minimize._optimal_covers` (when numba is installed), with its own bound;
    it lists the first ``keep`` covers in the order of the classes' ``keys`` (their first
    PIs: R's order), whatever order it meets them in.
    """
    unique = unique_cover(comp.masks, comp.cands, comp.cols, size)
    if unique is not None:  # one minimum cover (small charts mostly): nothing to list
        return [unique], math.prod(weights[i] for i in unique), 0
    matrix = comp.dense()
    if len(matrix) >= LARGE_CHART:  # many classes: the compiled search with LP bounds
        fast = optimal_covers(matrix, weights, size, keep, keys=keys)
        if fast is not None:  # (when it stopped, the covers it found; at least one)
            if fast.count is not None:
                return fast.covers, fast.count, 0
            walked = walk_count(matrix, weights, size, keep, fast.covers, effort)
            if walked[1] is not None:
                return walked
            sparse = comp.chart()  # (built once needed: less memory held at once)
            chart = matrix if sparse is None else sparse
            return walked[0], None, max(walked[2], count_lower_bound(chart, weights, best))
    sparse = comp.chart()  # (large charts: LPs and bounds from it, not from ``matrix``)
    counter = MinCoverCounter(matrix, weights, _Budget(effort * 2), list(best), sparse=sparse)
    count: int | None
    try:
        count, counted = counter.count(size), 0
    except CountStopped as exc:
        count, counted = None, exc.lower
    if count is None:  # (bounded out of the except block: its traceback holds sub-charts)
        walked = walk_count(matrix, weights, size, keep, [], effort)
        if walked[1] is not None:
            return walked
        duals = counter.duals
        chart = matrix if sparse is None else sparse
        counted = max(counted, walked[2])
        if not counter.memo:
            # no sub-chart counted: the listing, which counts the same chart first on half
            # the budget, would stop too; the counter and dense chart go before the bound
            del counter, matrix
            return walked[0], None, max(counted, count_lower_bound(chart, weights, best, duals))
        counted = max(counted, count_lower_bound(chart, weights, best, duals))
    counter.budget = _Budget(effort)
    found: list[tuple[int, ...]] = []
    try:
        for cover in counter.covers(size, keep):
            found.append(cover)
    except CountStopped:
        pass
    return found, count, counted


def _combine(parts: list[Sequence[tuple[int, ...]]], keep: int) -> ModelList:
    """Models of the whole chart: one model of each component, merged, in R's order.

    Components with a single model form a common base stored once; each model then
    adds the parts that vary (the enumeration order is that of the full product).
    """
    base = [i for part in parts if len(part) == 1 for i in part[0]]
    varying = [part for part in parts if len(part) != 1]
    return ModelList.from_product(base, varying, keep)


def _model_order(
    models: list[tuple[int, ...]], packed_from: int = 200_000
) -> list[tuple[int, ...]]:
    """Models sorted by size, then as tuples of ascending PI indices (R's order).

    For equal sizes, the tuple order is decided by the smallest PI in one model and not
    the other; with many long models it is faster to compare, as bytes, each model's
    complemented PI indicator packed most significant first (same order).

    >>> _model_order([(1, 2), (0,), (0, 3), (0, 2)], packed_from=0)
    [(0,), (0, 2), (0, 3), (1, 2)]
    """
    total = sum(len(m) for m in models)
    if len(models) < 2 or total < packed_from or total == 0:
        return sorted(models, key=lambda m: (len(m), m))
    n_pi = max(max(m) for m in models if m) + 1
    absent = np.ones((len(models), n_pi), dtype=bool)
    rows = np.repeat(np.arange(len(models)), [len(m) for m in models])
    absent[rows, np.fromiter(itertools.chain.from_iterable(models), np.int64, total)] = False
    keys = np.packbits(absent, axis=1)
    order = sorted(range(len(models)), key=lambda r: (len(models[r]), keys[r].tobytes()))
    return [models[r] for r in order]
