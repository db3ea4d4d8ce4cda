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
from dataclasses import dataclass, field

import numpy as np

from qca.exceptions import InvalidParameterError
from qca.minimize._bounds import greedy_cover, lagrangian_bounds

__all__ = ["ChartSolution", "solve_chart", "MAX_MODELS", "EFFORT"]

#: Default largest number of models listed.
MAX_MODELS = 10_000
#: Default search budget (nodes, plus long bound computations) before giving up (complete=False).
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
        Proven minimum number of PIs in a cover (the models' size when the minimum was
        proven; 0 when no cover exists).
    notes : list of str
        What was proven, in words.
    n_models : int or None
        How many models exist in total, when known (it can exceed ``len(models)``).
    """

    models: list[tuple[int, ...]]
    essential: tuple[int, ...]
    used: tuple[int, ...]
    complete: bool
    lower_bound: int
    notes: list[str] = field(default_factory=list)
    n_models: int | None = None


class _Budget:
    """Counts search nodes across components; ``stopped`` once the effort is spent."""

    def __init__(self, effort: int) -> None:
        self.left = effort
        self.stopped = False

    def spend(self) -> bool:
        self.left -= 1
        if self.left < 0:
            self.stopped = True
        return self.stopped


def _bits(mask: int) -> list[int]:
    """Positions of the set bits of ``mask``, ascending (NumPy for long masks).

    >>> _bits(0b10110), len(_bits((1 << 5000) | 1))
    ([1, 2, 4], 2)
    """
    if mask.bit_length() > 256:
        raw = np.frombuffer(mask.to_bytes((mask.bit_length() + 7) // 8, "little"), np.uint8)
        return np.flatnonzero(np.unpackbits(raw, bitorder="little")).tolist()
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _classes(chart: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct column sets (packed rows) and each PI's class number."""
    if chart.flags.f_contiguous and not chart.flags.c_contiguous:
        # rows of chart.T are contiguous: pack 8 of them into each byte column
        by_col = chart.T.view(np.uint8)
        n_cols = by_col.shape[0]
        packed_t = np.zeros(((n_cols + 7) // 8, by_col.shape[1]), dtype=np.uint8)
        for c in range(n_cols):
            packed_t[c // 8] |= by_col[c] << np.uint8(c % 8)
        packed = packed_t.T
    else:
        packed = np.packbits(chart, axis=1, bitorder="little")
    packed = np.ascontiguousarray(packed)
    width = packed.shape[1]
    if width == 0:
        return np.zeros((1 if len(chart) else 0, 0), np.uint8), np.zeros(len(chart), np.intp)
    keys = packed.view(np.dtype((np.void, width))).ravel()
    uniq, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return packed[first], inverse.ravel()


def _maximal(packed: np.ndarray) -> np.ndarray:
    """Classes whose column set is not a strict subset of another class's.

    The classes containing all of class i's columns are the AND, over i's columns, of the
    bit sets of classes covering each column (columns with fewest classes first, stopping
    as soon as only i is left); i is dominated when any other class remains (classes are
    distinct, so any superset is strict).
    """
    n = len(packed)
    keep = np.ones(n, dtype=bool)
    if n <= 1 or packed.shape[1] == 0:
        return keep
    cols = np.unpackbits(packed, axis=1, bitorder="little").view(bool)
    count = cols.sum(axis=0)
    rank = np.empty(len(count), dtype=np.int64)
    rank[np.argsort(count, kind="stable")] = np.arange(len(count))
    rows, cs = np.nonzero(cols)
    order = np.lexsort((rank[cs], rows))
    rows, cs = rows[order], cs[order]
    col_t = np.packbits(np.ascontiguousarray(cols.T), axis=1, bitorder="little")
    cands = [int.from_bytes(row.tobytes(), "little") for row in col_t]
    starts = np.searchsorted(rows, np.arange(n + 1))
    cs_list = cs.tolist()
    for i in range(n):
        me = 1 << i
        acc = -1
        for c in cs_list[starts[i] : starts[i + 1]]:
            acc &= cands[c]
            if acc == me:
                break
        keep[i] = acc == me
    return keep


def _components(masks: list[int], n_cols: int) -> list[int]:
    """Column masks of the connected components (columns linked by a shared class)."""
    parent = list(range(n_cols))

    def find(c: int) -> int:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for mask in masks:
        cols = _bits(mask)
        if not cols:
            continue
        root = find(cols[0])
        for c in cols[1:]:
            other = find(c)
            if other != root:
                parent[other] = root
    groups: dict[int, int] = {}
    for c in range(n_cols):
        r = find(c)
        groups[r] = groups.get(r, 0) | (1 << c)
    return sorted(groups.values(), key=lambda m: m & -m)


class _Component:
    """Search over the classes of one connected component."""

    def __init__(self, cols: int, masks: list[int], reduced: list[bool], budget: _Budget):
        self.budget = budget
        # renumber the columns: fewest candidate classes first, so the lowest uncovered bit
        # is a good branching column and the disjoint-column bound walks bits in order
        count: dict[int, int] = {c: 0 for c in _bits(cols)}
        for mask in masks:
            for c in _bits(mask & cols):
                count[c] += 1
        ranked = sorted(count, key=lambda c: (count[c], c))
        position = {c: i for i, c in enumerate(ranked)}
        local = []
        for mask in masks:
            m = 0
            for c in _bits(mask & cols):
                m |= 1 << position[c]
            local.append(m)
        self.cols = (1 << len(ranked)) - 1
        self.masks = local  # class index -> local column mask
        self.cands = [0] * len(ranked)
        self.cands_reduced = [0] * len(ranked)
        for i, mask in enumerate(local):
            for c in _bits(mask):
                self.cands[c] |= 1 << i
                if reduced[i]:
                    self.cands_reduced[c] |= 1 << i
        self.neighbours = []
        for c in range(len(ranked)):
            acc = 0
            for i in _bits(self.cands[c]):
                acc |= local[i]
            self.neighbours.append(acc)
        self.reduced_all = sum(1 << i for i in range(len(masks)) if reduced[i])
        self.overflow = False
        self.weight = 1 + len(ranked) // 256  # cost of one step of the column bound
        self._sparse: tuple[list[int], np.ndarray, np.ndarray] | None = None

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
        best, best_n = 0, -1
        rest = uncovered
        for _ in range(16):
            if not rest:
                break
            low = rest & -rest
            rest ^= low
            m = cands[low.bit_length() - 1] & allowed
            n = m.bit_count()
            if best_n < 0 or n < best_n:
                best, best_n = m, n
                if n <= 1:
                    break
        return best

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
            columns = [_bits(self.masks[i]) for i in classes]
            indptr = np.zeros(len(classes) + 1, dtype=np.int64)
            np.cumsum([len(c) for c in columns], out=indptr[1:])
            flat = itertools.chain.from_iterable(columns)
            indices = np.fromiter(flat, np.int64, int(indptr[-1]))
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
        if low < len(best):
            low, best = self.lagrangian(low, best)
        while low < len(best):
            found: list[int] = []
            if self.exists(self.cols, self.reduced_all, low, found):
                best = sorted(found)
                break
            if self.budget.stopped:
                return low, len(best), best
            low += 1
        return len(best), len(best), best

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

    def all_min(self, uncovered: int, allowed: int, cap: int, keep: int):
        """(minimum size, every cover of that size) for ``uncovered``, or None above ``cap``.

        Independent parts are solved apart and their covers multiplied; within a part the
        minimum is found by iterative deepening, then every minimal cover is built as one
        candidate of the column with fewest candidates plus a minimal cover of the rest.
        Lists are cut at ``keep`` covers (``self.overflow`` then set).
        """
        if uncovered == 0:
            return 0, [()]
        if self.budget.spend() or self.lower_bound(uncovered) > cap:
            return None
        parts = self.split(uncovered)
        if len(parts) > 1:
            bounds = [self.lower_bound(p) for p in parts]
            total, lists = 0, []
            for j, part in enumerate(parts):
                room = cap - total - sum(bounds[j + 1 :])
                res = self.all_min(part, allowed, room, keep)
                if res is None:
                    return None
                total += res[0]
                lists.append(res[1])
            combined: list[tuple[int, ...]] = []
            for combo in itertools.product(*lists):
                combined.append(tuple(i for cover in combo for i in cover))
                if len(combined) >= keep:
                    self.overflow = True
                    break
            return total, combined
        size = self.lower_bound(uncovered)
        while size <= cap and not self.exists(uncovered, allowed, size, [], True):
            if self.budget.stopped:
                return None
            size += 1
        if size > cap:
            return None
        found: list[tuple[int, ...]] = []
        branch = self._pick(uncovered, allowed, self.cands)
        for i in _bits(branch):
            res = self.all_min(uncovered & ~self.masks[i], allowed, size - 1, keep)
            if self.budget.stopped:
                return None
            if res is not None and res[0] == size - 1:
                for cover in res[1]:
                    found.append((i, *cover))
                    if len(found) >= keep:
                        self.overflow = True
                        break
            allowed &= ~(1 << i)
            if self.overflow and len(found) >= keep:
                break
        return size, found

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


def _reduce(cols: np.ndarray, budget: _Budget) -> tuple[list[int], np.ndarray, np.ndarray]:
    """The cyclic core of a chart, for the minimum size only.

    Repeats until nothing changes: take classes that are a column's only cover; drop a
    class whose columns are a subset of another's (row dominance); drop a column whose
    covering classes include all of another column's (column dominance). None of these
    changes the minimum size. Returns (forced rows, kept rows, kept columns) as indices
    into ``cols``.
    """
    rows = np.arange(cols.shape[0])
    keep_cols = np.flatnonzero(cols.any(axis=0))
    forced: list[int] = []
    while len(keep_cols) and not budget.spend():
        sub = cols[np.ix_(rows, keep_cols)]
        changed = False
        counts = sub.sum(axis=0)
        single = np.flatnonzero(counts == 1)
        if len(single):
            take = sorted(set(np.argmax(sub[:, single], axis=0).tolist()))
            forced.extend(int(rows[t]) for t in take)
            covered = sub[take].any(axis=0)
            keep_cols = keep_cols[~covered]
            rows = np.delete(rows, take)
            continue
        if len(rows) > 4000 or len(keep_cols) > 8000:
            break  # dominance by matrix products would be too large
        as_int = sub.astype(np.float32)  # BLAS; counts stay exact
        inter = as_int @ as_int.T
        size = as_int.sum(axis=1)
        subset = inter == size[:, None]  # row i within row j
        np.fill_diagonal(subset, False)
        # identical rows: keep the first of each group
        dominated = (subset & (size[:, None] < size[None, :])).any(axis=1)
        same = subset & (size[:, None] == size[None, :])
        dominated |= np.triu(same).any(axis=0)
        dominated |= size == 0
        if dominated.any():
            rows = rows[~dominated]
            changed = True
        drop = _dominated_columns(cols[np.ix_(rows, keep_cols)])
        if drop.any():
            keep_cols = keep_cols[~drop]
            changed = True
        if not changed:
            break
    return forced, rows, keep_cols


def _dominated_columns(cols: np.ndarray) -> np.ndarray:
    """Columns whose covering classes include all those of another column (of two
    columns with the same classes, the later one): covering the other covers them."""
    as_float = cols.astype(np.float32)  # BLAS; counts stay exact
    inter = as_float.T @ as_float
    size = as_float.sum(axis=0)
    within = inter == size[:, None]  # column a's classes within column b's
    np.fill_diagonal(within, False)
    drop = (within & (size[:, None] < size[None, :])).any(axis=0)
    drop |= np.triu(within & (size[:, None] == size[None, :])).any(axis=0)
    return drop


def _undominated_columns(masks: list[int], comp_cols: int) -> int:
    """Columns left after column dominance (safe for listing every cover).

    A column whose covering classes include all those of another column is covered by
    every cover of the other one, so it can be ignored without changing the set of
    minimal or irredundant covers.
    """
    col_ids = _bits(comp_cols)
    if len(col_ids) < 3 or len(col_ids) > 8000 or len(masks) > 20000:
        return comp_cols
    position = {c: i for i, c in enumerate(col_ids)}
    cols = np.zeros((len(masks), len(col_ids)), dtype=bool)
    for i, m in enumerate(masks):
        for c in _bits(m):
            cols[i, position[c]] = True
    drop = _dominated_columns(cols)
    kept = 0
    for c, gone in zip(col_ids, drop, strict=True):
        if not gone:
            kept |= 1 << c
    return kept


def _reduced_minimum(
    masks: list[int], comp_cols: int, budget: _Budget, reduced: list[bool]
) -> tuple[int, int, list]:
    """(proven lower bound, size of the best cover found, that cover) for one component.

    Only the classes flagged in ``reduced`` (not dominated) are needed for the minimum.
    """
    sel = [i for i in range(len(masks)) if reduced[i]]
    position = {c: j for j, c in enumerate(_bits(comp_cols))}
    cols = np.zeros((len(sel), len(position)), dtype=bool)
    for r, i in enumerate(sel):
        for c in _bits(masks[i]):
            cols[r, position[c]] = True
    forced, rows, keep_cols = _reduce(cols, budget)
    rows = np.asarray([sel[r] for r in rows], dtype=np.intp)
    cols = np.zeros((len(masks), len(position)), dtype=bool)
    for i in rows:
        for c in _bits(masks[i]):
            cols[i, position[c]] = True
    low = high = len(forced)
    best = [sel[f] for f in forced]
    if len(keep_cols):
        sub = cols[np.ix_(rows, keep_cols)]
        sub_masks = [
            int.from_bytes(np.packbits(r, bitorder="little").tobytes(), "little") for r in sub
        ]
        for part in _components(sub_masks, len(keep_cols)):
            idx = [i for i, m in enumerate(sub_masks) if m & part]
            comp = _Component(part, [sub_masks[i] for i in idx], [True] * len(idx), budget)
            p_low, p_high, p_best = comp.minimum()
            low += p_low
            high += p_high
            best.extend(int(rows[idx[i]]) for i in p_best)
    return low, high, sorted(best)


def _expand(
    covers: list[tuple[int, ...]], members: list[list[int]], keep: int
) -> list[tuple[int, ...]]:
    """PI-level models from class-level covers (each class stands for any of its PIs)."""
    out: list[tuple[int, ...]] = []
    for cover in covers:
        for pick in itertools.product(*(members[i] for i in cover)):
            out.append(tuple(sorted(pick)))
            if len(out) >= keep:
                return out
    return out


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
    >>> sol.lower_bound, sol.complete
    (2, True)
    >>> solve_chart(chart, row_dom=True).used
    (0, 1, 2)
    """
    chart = np.asarray(chart, dtype=bool)
    if chart.ndim != 2:
        raise InvalidParameterError(
            "The 'chart' parameter of solve_chart must be a 2-D boolean array. "
            f"Got shape {chart.shape} instead."
        )
    if int(max_models) < 1 or int(effort) < 1:
        raise InvalidParameterError(
            "The 'max_models' and 'effort' parameters of solve_chart must be positive "
            f"integers. Got max_models={max_models}, effort={effort} instead."
        )
    keep = int(max_models)
    n_pi, n_cols = chart.shape
    notes: list[str] = []
    if all_sol:
        row_dom = False
    packed, inverse = _classes(chart)
    if row_dom:
        used = np.flatnonzero(_maximal(packed)[inverse])
    else:
        used = np.arange(n_pi)
    if row_dom and len(used) < n_pi:
        notes.append(f"row dominance removed {n_pi - len(used)} of {n_pi} prime implicants")
    used_t = tuple(int(i) for i in used)
    sub = chart[used] if len(used) < n_pi else chart
    counts = sub.sum(axis=0)
    single = np.flatnonzero(counts == 1)
    firsts = np.argmax(sub[:, single], axis=0).tolist() if len(single) else []
    essential = tuple(sorted({int(used[i]) for i in firsts}))
    if n_cols == 0:
        notes.append("nothing to cover: the empty model")
        return ChartSolution([()], essential, used_t, True, 0, notes, 1)
    uncoverable = np.flatnonzero(counts == 0)
    if len(uncoverable):
        notes.append(
            f"no cover exists: column(s) {uncoverable.tolist()} are covered by no prime implicant"
        )
        return ChartSolution([], essential, used_t, True, 0, notes, 0)

    # classes that take part in the search: non-empty (and maximal under row_dom)
    class_cols = np.unpackbits(packed, axis=1, count=n_cols, bitorder="little").view(bool)
    members_all: list[list[int]] = [[] for _ in range(len(packed))]
    for i in used_t:
        members_all[int(inverse[i])].append(i)
    live = np.array([bool(m) for m in members_all]) & class_cols.any(axis=1)
    class_cols = class_cols[live]
    members_live = [m for m, ok in zip(members_all, live, strict=True) if ok]
    forced, class_cols, members_live, cols_left = _force(class_cols, members_live)
    budget = _Budget(int(effort))
    comp_models: list[list[tuple[int, ...]]] = []
    comp_counts: list[int] = []
    if forced:
        comp_models.append(_expand([tuple(range(len(forced)))], forced, keep))
        comp_counts.append(math.prod(len(f) for f in forced))
    lower_total = len(forced)
    upper_total = len(forced)
    proven = True
    cut = False
    if not all_sol and forced:
        notes.append(f"{len(forced)} prime implicant(s) forced: the only cover of some row")
    packed_left = np.packbits(class_cols, axis=1, bitorder="little")
    maximal_left = _maximal(packed_left)
    masks_all = [int.from_bytes(row.tobytes(), "little") for row in packed_left]
    live_idx = list(range(len(masks_all)))
    for comp_cols in _components(masks_all, int(cols_left.sum())):
        cls = [c for c in live_idx if masks_all[c] & comp_cols]
        masks = [masks_all[c] for c in cls]
        members = [members_live[c] for c in cls]
        weights = [len(m) for m in members]
        comp_cols_kept = _undominated_columns(masks, comp_cols)
        comp = _Component(
            comp_cols_kept,
            [m & comp_cols_kept for m in masks],
            [bool(maximal_left[c]) for c in cls],
            budget,
        )
        if all_sol:
            found, overflow = comp.irredundant(weights, keep)
            if budget.stopped or not found:
                found = found or [tuple(comp.greedy())]
            low = min(len(f) for f in found)
            lower_total += comp.lower_bound(comp.cols) if budget.stopped else low
            upper_total += low
        else:
            low, size, best = _reduced_minimum(
                masks, comp_cols, budget, [bool(maximal_left[c]) for c in cls]
            )
            lower_total += low
            upper_total += size
            found, overflow = [], False
            if not budget.stopped:
                comp.overflow = False
                res = comp.all_min(comp.cols, (1 << len(comp.masks)) - 1, size, keep)
                if res is not None and not budget.stopped:
                    found = [tuple(sorted(f)) for f in res[1]]
                overflow = comp.overflow
            if not found:
                found = [tuple(best)]
            if low < size:
                proven = False
        cut = cut or overflow or budget.stopped
        comp_counts.append(sum(math.prod(weights[i] for i in f) for f in found))
        comp_models.append(_expand(found, members, keep))
    models = _combine(comp_models, keep)
    complete = not cut and not budget.stopped
    total = math.prod(comp_counts) if not cut else None
    if budget.stopped:
        if all_sol:
            notes.append(
                f"search stopped at the effort bound ({effort} search steps); the irredundant covers "
                f"found are listed; a cover needs at least {lower_total} prime implicants"
            )
        elif proven:
            notes.append(
                f"the minimum is {upper_total} prime implicants (proven), but the search for "
                f"every cover of that size stopped at the effort bound ({effort} search steps)"
            )
        else:
            notes.append(
                f"search stopped at the effort bound ({effort} search steps): a cover needs at least "
                f"{lower_total} prime implicants; the best cover found has {upper_total}"
            )
    elif cut:
        notes.append(
            f"more than {keep} models; the first {len(models)} found are listed"
            + ("" if all_sol else f" (all of the proven minimum size {upper_total})")
        )
    else:
        kind = "irredundant covers" if all_sol else f"covers of the minimum size {upper_total}"
        notes.append(f"all {len(models)} {kind} listed")
    lower = lower_total if (budget.stopped or all_sol) else upper_total
    if all_sol and not budget.stopped:
        lower = min((len(m) for m in models), default=0)
    return ChartSolution(models, essential, used_t, complete, lower, notes, total)


def _force(
    class_cols: np.ndarray, members: list[list[int]]
) -> tuple[list[list[int]], np.ndarray, list[list[int]], np.ndarray]:
    """Take every class that is the only cover of some column, until none is left.

    Every cover (minimum or irredundant) holds such a class. The columns it covers leave the
    chart; a class with no column left could only be redundant and leaves too; classes
    that became identical merge (their PIs are then interchangeable).
    Returns (forced classes' PIs, remaining class columns restricted to the columns left,
    their PIs, which columns are left).
    """
    n_cols = class_cols.shape[1]
    cols_left = np.ones(n_cols, dtype=bool)
    col_ids = np.arange(n_cols)
    forced: list[list[int]] = []
    while len(class_cols) and class_cols.shape[1]:
        counts = class_cols.sum(axis=0)
        single = np.flatnonzero(counts == 1)
        if len(single) == 0:
            break
        take = sorted(set(np.argmax(class_cols[:, single], axis=0).tolist()))
        forced.extend(members[t] for t in take)
        open_cols = ~class_cols[take].any(axis=0)
        cols_left[col_ids[~open_cols]] = False
        col_ids = col_ids[open_cols]
        class_cols = class_cols[:, open_cols]
        keep = np.asarray(class_cols.any(axis=1), dtype=bool)
        keep[take] = False
        class_cols = class_cols[keep]
        members = [m for m, ok in zip(members, keep, strict=True) if ok]
        if len(class_cols) and class_cols.shape[1]:
            packed, inverse = _classes(class_cols)
            merged: list[list[int]] = [[] for _ in range(len(packed))]
            for i, m in enumerate(members):
                merged[int(inverse[i])].extend(m)
            members = [sorted(m) for m in merged]
            width = class_cols.shape[1]
            class_cols = np.unpackbits(packed, axis=1, count=width, bitorder="little").view(bool)
    if not class_cols.shape[1]:
        class_cols, members = class_cols[:0], []
    return forced, class_cols, members, cols_left


def _combine(parts: list[list[tuple[int, ...]]], keep: int) -> list[tuple[int, ...]]:
    """Models of the whole chart: one model of each component, merged, in R's order.

    Components with a single model form a common base, sorted once; each model then
    adds the parts that vary (the enumeration order is that of the full product).
    """
    base = sorted(i for part in parts if len(part) == 1 for i in part[0])
    varying = [part for part in parts if len(part) != 1]
    out: list[tuple[int, ...]] = []
    for combo in itertools.product(*varying):
        extra = [i for part in combo for i in part]
        out.append(tuple(sorted(base + extra)))
        if len(out) >= keep:
            break
    return _model_order(out)


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
