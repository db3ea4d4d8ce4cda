"""Reductions of a prime implicant chart that keep its minimum (and its minimum covers).

- :func:`_classes`: PIs with identical column sets grouped into classes.
- :func:`_maximal`: classes whose column set is no strict subset of another's.
- :func:`_components`: columns linked by shared classes, solved apart.
- :func:`_force`: classes that are some column's only cover are in every cover.
- :func:`_reduce`: the cyclic core for the minimum size (forcing, row and column dominance).
- :func:`_undominated_columns`: column dominance, safe for listing every cover.

Columns and classes are often handled as Python ints used as bit sets.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from qca.minimize._packed import (
    PackedChart,
    column_covers,
    nonzero_cells,
    packed_cells,
    row_classes,
    select_columns,
    sparse_bits,
    unpack_rows,
)
from qca.minimize._small_chart import (
    SMALL_COLUMNS,
    SMALL_DOMINANCE_CELLS,
    bit_positions,
    undominated_columns_small,
)

__all__ = [
    "_Budget",
    "_bits",
    "_classes",
    "_components",
    "_dominated_columns",
    "_force",
    "_maximal",
    "_reduce",
    "_undominated_columns",
    "cell_masks",
    "mask_cells",
    "mask_matrix",
    "packed_masks",
    "restricted_masks",
]

#: Booleans unpacked at once when masks become a matrix (4 MB).
_MASK_BLOCK = 1 << 22


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
    return bit_positions(mask)


def mask_matrix(masks: list[int], col_ids: list[int]) -> np.ndarray:
    """Boolean matrix (len(masks), len(col_ids)): ``out[i, j]`` when bit ``col_ids[j]`` of
    ``masks[i]`` is set (Python ints as bit sets; a block of masks unpacked at a time).

    >>> mask_matrix([0b101, 0b110], [2, 0]).tolist()
    [[True, True], [True, False]]
    """
    out = np.zeros((len(masks), len(col_ids)), dtype=bool)
    if not len(masks) or not len(col_ids):
        return out
    ids = np.asarray(col_ids, dtype=np.intp)
    n_bits = int(ids.max()) + 1
    n_bytes = (n_bits + 7) // 8
    top = (1 << n_bits) - 1
    step = max(1, _MASK_BLOCK // n_bits)
    for lo in range(0, len(masks), step):
        raw = b"".join((m & top).to_bytes(n_bytes, "little") for m in masks[lo : lo + step])
        flags = np.unpackbits(
            np.frombuffer(raw, dtype=np.uint8).reshape(-1, n_bytes), axis=1, count=n_bits,
            bitorder="little",
        )
        out[lo : lo + step] = flags.view(bool)[:, ids]
    return out


def mask_cells(masks: list[int], col_ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """(class, column) of every cell of :func:`mask_matrix`, class by class (columns
    ascending when ``col_ids`` do): its ``np.nonzero`` without the matrix, reading only
    the nonzero bytes of the masks (sparse charts of thousands of columns).

    >>> rows, cols = mask_cells([0b101, 0b110], [0, 2])
    >>> rows.tolist(), cols.tolist()
    ([0, 0, 1], [0, 1, 1])
    """
    ids = np.asarray(col_ids, dtype=np.intp)
    if not len(masks) or not len(ids):
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    n_bits = int(ids.max()) + 1
    n_bytes = (n_bits + 7) // 8
    top = (1 << n_bits) - 1
    where = np.full(n_bits, -1, dtype=np.intp)
    where[ids] = np.arange(len(ids))
    step = max(1, _MASK_BLOCK // (8 * n_bytes))
    rows_out, cols_out = [], []
    for lo in range(0, len(masks), step):
        raw = b"".join((m & top).to_bytes(n_bytes, "little") for m in masks[lo : lo + step])
        rows, bits = nonzero_cells(np.frombuffer(raw, dtype=np.uint8).reshape(-1, n_bytes))
        cols = where[bits]
        kept = cols >= 0
        rows_out.append(rows[kept] + lo)
        cols_out.append(cols[kept])
    return np.concatenate(rows_out), np.concatenate(cols_out)


def cell_masks(rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int) -> list[int]:
    """Each row of the cells ``(rows[i], cols[i])`` as a Python int (bit j: column j).

    >>> cell_masks(np.array([0, 0, 1]), np.array([0, 2, 1]), 3, 3)
    [5, 2, 0]
    """
    if n_cols == 0:
        return [0] * n_rows
    return packed_masks(packed_cells(rows, cols, n_rows, n_cols))


def packed_masks(packed: np.ndarray) -> list[int]:
    """Each row of little-endian packed bits as a Python int."""
    width = packed.shape[1]
    raw = np.ascontiguousarray(packed).tobytes()
    return [int.from_bytes(raw[i : i + width], "little") for i in range(0, len(raw), width)]


def restricted_masks(masks: list[int], col_ids: list[int]) -> list[int]:
    """Each mask over the columns ``col_ids`` only, renumbered: bit j is bit ``col_ids[j]``.

    >>> restricted_masks([0b101, 0b110], [2, 0])
    [3, 1]
    """
    out: list[int] = []
    step = max(1, _MASK_BLOCK // max(1, max(col_ids, default=0) + 1))
    for lo in range(0, len(masks), step):
        packed = np.packbits(mask_matrix(masks[lo : lo + step], col_ids), axis=1, bitorder="little")
        width = packed.shape[1]
        raw = packed.tobytes()
        out.extend(int.from_bytes(raw[i : i + width], "little") for i in range(0, len(raw), width))
    return out


def _classes(chart: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct column sets (packed rows) and each PI's class number."""
    return row_classes(PackedChart.from_dense(chart).bits)


def _maximal(packed: np.ndarray) -> np.ndarray:
    """Classes whose column set is not a strict subset of another class's (and that have
    no identical twin: each of two equal classes holds the other).

    A class is inside another distinct one only if that one has more columns. So with
    the classes ranked by size, class i is dominated when the AND, over i's columns, of
    the bit sets of the larger classes covering each column is not empty (columns with
    fewest classes first, stopping as soon as it is empty): the bit sets of the classes
    with more columns only, a fraction of all on charts of many small classes.

    >>> packed = np.packbits(np.array([[1, 1, 0], [1, 0, 0], [0, 1, 1], [1, 1, 0]], bool),
    ...                      axis=1, bitorder="little")
    >>> _maximal(packed).tolist()
    [False, False, True, False]
    """
    n = len(packed)
    keep = np.ones(n, dtype=bool)
    if n <= 1 or packed.shape[1] == 0:
        return keep
    packed = np.ascontiguousarray(packed)
    if n <= MAXIMAL_BY_INTS:
        return _maximal_by_ints(packed, keep)
    _, twin, copies = np.unique(
        packed.view(np.dtype((np.void, packed.shape[1]))).ravel(),
        return_inverse=True, return_counts=True,
    )
    keep &= copies[twin.ravel()] == 1
    n_bits = packed.shape[1] * 8
    # bit p of a column set: class by_size[p] (classes by decreasing size)
    if sparse_bits(packed):  # the same cells, from the nonzero bytes only
        rows, cs = nonzero_cells(packed)
        count = np.bincount(cs, minlength=n_bits)
        sizes = np.bincount(rows, minlength=n)
        by_size = np.argsort(-sizes, kind="stable")
        place = np.empty(n, dtype=np.int64)
        place[by_size] = np.arange(n)
        at = place[rows]
        col_t = np.zeros((n_bits, (n + 7) // 8), dtype=np.uint8)
        np.bitwise_or.at(col_t, (cs, at >> 3), np.left_shift(1, at & 7).astype(np.uint8))
        del place, at
    else:
        cols = np.unpackbits(packed, axis=1, bitorder="little").view(bool)
        count = cols.sum(axis=0)
        sizes = cols.sum(axis=1)
        rows, cs = np.nonzero(cols)
        by_size = np.argsort(-sizes, kind="stable")
        col_t = np.packbits(np.take(cols.T, by_size, axis=1), axis=1, bitorder="little")
        del cols
    rank = np.empty(len(count), dtype=np.int64)
    rank[np.argsort(count, kind="stable")] = np.arange(len(count))
    order = np.lexsort((rank[cs], rows))
    rows, cs = rows[order], cs[order]
    starts = np.searchsorted(rows, np.arange(n + 1))
    cs_list = cs.tolist()
    cands = [int.from_bytes(row.tobytes(), "little") for row in col_t]
    del col_t
    sorted_sizes = sizes[by_size]
    for size in np.unique(sizes).tolist():
        larger = int(np.count_nonzero(sorted_sizes > size))
        members = np.flatnonzero((sizes == size) & keep).tolist()
        if larger == 0 or not members:
            continue
        top = (1 << larger) - 1  # the classes with more columns
        within = [c & top for c in cands]
        for i in members:
            acc = top
            for c in cs_list[starts[i] : starts[i + 1]]:
                acc &= within[c]
                if not acc:
                    break
            keep[i] = not acc
    return keep


#: Charts of at most this many classes: :func:`_maximal` compares the classes as Python
#: ints (NumPy's fixed costs outweigh the pairs compared on small charts).
MAXIMAL_BY_INTS = 64


def _maximal_by_ints(packed: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """:func:`_maximal` by comparing each class with the classes of more columns."""
    width = packed.shape[1]
    raw = packed.tobytes()
    masks = [int.from_bytes(raw[i : i + width], "little") for i in range(0, len(raw), width)]
    sizes = [m.bit_count() for m in masks]
    copies = Counter(masks)
    for i, (mask, size) in enumerate(zip(masks, sizes, strict=True)):
        keep[i] = copies[mask] == 1 and not any(
            s > size and mask & other == mask for other, s in zip(masks, sizes, strict=True)
        )
    return keep


#: Classes from which :func:`_components` links columns with NumPy.
COMPONENTS_VECTOR_FROM = 2000


def _components(masks: list[int], n_cols: int) -> list[int]:
    """Column masks of the connected components (columns linked by a shared class),
    ordered by their lowest column.

    Each class links its lowest column to each of its others; many classes give the
    same links, so with many classes the distinct links are found with NumPy first.

    >>> [bin(m) for m in _components([0b0011, 0b0110, 0b10000], 5)]
    ['0b111', '0b1000', '0b10000']
    """
    parent = list(range(n_cols))

    def find(c: int) -> int:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    links: list[tuple[int, list[int]]]
    if len(masks) >= COMPONENTS_VECTOR_FROM and n_cols:
        links = _links(masks, n_cols)
    else:
        links = [(cols[0], cols[1:]) for cols in map(_bits, masks) if cols]
    for low, others in links:
        root = find(low)
        for c in others:
            other = find(c)
            if other != root:
                parent[other] = root
    groups: dict[int, int] = {}
    for c in range(n_cols):
        r = find(c)
        groups[r] = groups.get(r, 0) | (1 << c)
    return sorted(groups.values(), key=lambda m: m & -m)


def _links(masks: list[int], n_cols: int) -> list[tuple[int, list[int]]]:
    """The distinct (lowest column, [another column]) pairs of the classes ``masks``."""
    width = (n_cols + 7) // 8
    packed = np.frombuffer(b"".join(m.to_bytes(width, "little") for m in masks), np.uint8)
    packed = packed.reshape(len(masks), width)
    codes = []
    step = max(1, (1 << 20) // max(1, n_cols))  # rows unpacked at once (1 MB of booleans)
    for lo in range(0, len(packed), step):
        rows, cs = np.nonzero(np.unpackbits(packed[lo : lo + step], axis=1, bitorder="little"))
        starts = np.flatnonzero(np.diff(rows, prepend=-1))
        low = np.repeat(cs[starts], np.diff(np.append(starts, len(rows))))
        codes.append(np.unique(low * n_cols + cs))
    pairs = np.unique(np.concatenate(codes)) if codes else np.zeros(0, np.int64)
    return [(int(p // n_cols), [int(p % n_cols)]) for p in pairs.tolist()]


def _reduce(cols: Any, budget: _Budget) -> tuple[list[int], np.ndarray, np.ndarray]:
    """The cyclic core of a chart, for the minimum size only.

    Repeats until nothing changes: take classes that are a column's only cover; drop a
    class whose columns are a subset of another's (row dominance); drop a column whose
    covering classes include all of another column's (column dominance). None of these
    changes the minimum size. Returns (forced rows, kept rows, kept columns) as indices
    into ``cols``: a boolean chart, or a scipy sparse one (large charts: only the
    sub-charts small enough for the dense products are made dense).
    """
    rows = np.arange(cols.shape[0])
    if not isinstance(cols, np.ndarray):  # scipy sparse
        keep_cols = np.flatnonzero(np.diff(cols.tocsc().indptr) > 0)
    else:
        keep_cols = np.flatnonzero(cols.any(axis=0))
    forced: list[int] = []
    while len(keep_cols) and not budget.spend():
        if len(rows) > 4000 or len(keep_cols) > 8000:
            # dense products would be too large: the same reductions on sparse products
            # when the chart is sparse enough (planted_k16 conservative: 6,651 classes x
            # 5,037 columns, 17,310 cells, leave a core of 3,242 x 2,716)
            more, rows, keep_cols, done = _reduce_sparse(cols, rows, keep_cols, budget)
            forced.extend(more)
            if done or len(rows) > 4000 or len(keep_cols) > 8000:
                break
            continue  # (forcing made the chart small enough for the dense products)
        sub = _sub_chart(cols, rows, keep_cols)
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
        drop = _dominated_columns(_sub_chart(cols, rows, keep_cols))
        if drop.any():
            keep_cols = keep_cols[~drop]
            changed = True
        if not changed:
            break
    return forced, rows, keep_cols


def _sub_chart(cols: Any, rows: np.ndarray, keep_cols: np.ndarray) -> np.ndarray:
    """The rows and columns kept of a chart (boolean or scipy sparse), as a boolean one."""
    if not isinstance(cols, np.ndarray):  # scipy sparse
        return np.asarray(cols[rows][:, keep_cols].toarray(), dtype=bool)
    return np.asarray(cols[np.ix_(rows, keep_cols)])


def _reduce_sparse(
    cols: Any, rows: np.ndarray, keep_cols: np.ndarray, budget: _Budget
) -> tuple[list[int], np.ndarray, np.ndarray, bool]:
    """:func:`_reduce`'s loop on a sparse chart (the same reductions, rules and order).

    Returns (forced rows, kept rows, kept columns, whether done) as indices into
    ``cols``; not done: the overlap products would exceed :data:`SPARSE_OVERLAPS`
    entries (forcing went as far as it goes).
    """
    from scipy.sparse import csr_matrix

    chart = csr_matrix(cols, dtype=np.int32)
    forced: list[int] = []
    while len(keep_cols) and not budget.spend():
        sub = chart[rows][:, keep_cols]
        counts = np.asarray(sub.sum(axis=0)).ravel()
        single = np.flatnonzero(counts == 1)
        if len(single):
            by_col = sub.tocsc()
            by_col.sort_indices()
            take = np.unique(by_col.indices[by_col.indptr[single]]).tolist()
            forced.extend(int(rows[t]) for t in take)
            covered = np.asarray(sub[take].sum(axis=0)).ravel() > 0
            keep_cols = keep_cols[~covered]
            rows = np.delete(rows, take)
            continue
        size = np.asarray(sub.sum(axis=1)).ravel()
        overlaps = max(int((counts.astype(np.int64) ** 2).sum()), int((size.astype(np.int64) ** 2).sum()))
        if overlaps > SPARSE_OVERLAPS:
            return forced, rows, keep_cols, False
        inter = (sub @ sub.T).tocoo()
        a, b = inter.row, inter.col
        # row a within row b: strictly smaller, or identical and b the earlier one
        hit = (a != b) & (inter.data == size[a])
        hit &= (size[a] < size[b]) | ((size[a] == size[b]) & (b < a))
        dominated = np.zeros(len(rows), dtype=bool)
        dominated[a[hit]] = True
        dominated |= size == 0
        changed = bool(dominated.any())
        if changed:
            rows = rows[~dominated]
            sub = chart[rows][:, keep_cols]
        drop = _dominated_sparse(sub, np.asarray(sub.sum(axis=0)).ravel())
        if drop.any():
            keep_cols = keep_cols[~drop]
            changed = True
        if not changed:
            break
    return forced, rows, keep_cols, True


#: Largest overlap product (entries) of :func:`_reduce_sparse` (12 bytes each).
SPARSE_OVERLAPS = 4_000_000


def _dominated_columns(cols: np.ndarray, block: int = 512) -> np.ndarray:
    """Columns whose covering classes include all those of another column (of two
    columns with the same classes, the later one): covering the other covers them.

    Small charts take the column x column overlap counts ``block`` columns at a time;
    large ones as a sparse product (a column is covered by few classes), never the
    whole square matrix."""
    cols = np.asarray(cols, dtype=bool)
    size = cols.sum(axis=0)
    n = len(size)
    if cols.size > _SPARSE_FROM:
        return _dominated_sparse(cols, size)
    as_float = cols.astype(np.float32)  # BLAS; counts stay exact
    index = np.arange(n)
    drop = np.zeros(n, dtype=bool)
    for start in range(0, n, block):
        a = index[start : start + block]
        within = (as_float[:, a].T @ as_float) == size[a, None]  # a's classes within b's
        within[np.arange(len(a)), a] = False
        smaller = size[a, None] < size[None, :]
        tie = (size[a, None] == size[None, :]) & (a[:, None] < index[None, :])
        drop |= (within & (smaller | tie)).any(axis=0)
    return drop


_SPARSE_FROM = 1 << 20  # chart cells from which column dominance uses sparse products


def _dominated_sparse(cols: Any, size: np.ndarray) -> np.ndarray:
    """:func:`_dominated_columns` from the nonzero overlaps only (same answer)."""
    from scipy.sparse import csc_matrix

    chart = csc_matrix(cols, dtype=np.int32)  # (a scipy sparse chart, or a dense one)
    inter = (chart.T @ chart).tocoo()
    a, b, shared = inter.row, inter.col, inter.data
    hit = (a != b) & (shared == size[a])
    hit &= (size[a] < size[b]) | ((size[a] == size[b]) & (a < b))
    drop = np.zeros(len(size), dtype=bool)
    drop[b[hit]] = True
    empty = np.flatnonzero(size == 0)  # within every other column
    if len(empty):
        drop[size > 0] = True
        drop[empty[1:]] = True
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
    if len(col_ids) <= SMALL_COLUMNS and len(masks) * len(col_ids) <= SMALL_DOMINANCE_CELLS:
        return undominated_columns_small(masks, col_ids)  # (the same, without NumPy)
    if len(masks) * len(col_ids) > _SPARSE_FROM:  # from the cells: no dense chart
        from scipy.sparse import csc_matrix

        rows, cols = mask_cells(masks, col_ids)
        chart = csc_matrix(
            (np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(masks), len(col_ids))
        )
        drop = _dominated_sparse(chart, np.bincount(cols, minlength=len(col_ids)))
    else:
        drop = _dominated_columns(mask_matrix(masks, col_ids))
    kept = 0
    for c, gone in zip(col_ids, drop, strict=True):
        if not gone:
            kept |= 1 << c
    return kept


def _force(
    bits: np.ndarray, n_cols: int, members: list[np.ndarray]
) -> tuple[list[np.ndarray], np.ndarray, list[np.ndarray], np.ndarray]:
    """Take every class that is the only cover of some column, until none is left.

    Every cover (minimum or irredundant) holds such a class. The columns it covers leave the
    chart; a class with no column left could only be redundant and leaves too; classes
    that became identical merge (their PIs are then interchangeable). Classes are packed
    rows (:mod:`qca.minimize._packed`) over ``n_cols`` columns.
    Returns (forced classes' PIs, remaining classes as packed rows over the columns left,
    their PIs, which columns are left); a class's PIs are an ascending int array.
    """
    cols_left = np.ones(n_cols, dtype=bool)
    col_ids = np.arange(n_cols)
    forced: list[np.ndarray] = []
    while len(bits) and n_cols:
        counts, first = column_covers(bits, n_cols)
        single = np.flatnonzero(counts == 1)
        if len(single) == 0:
            break
        take = sorted(set(first[single].tolist()))
        forced.extend(members[t] for t in take)
        covered = unpack_rows(np.bitwise_or.reduce(bits[take], axis=0)[None, :], n_cols)[0]
        cols_left[col_ids[covered]] = False
        col_ids = col_ids[~covered]
        bits = select_columns(bits, n_cols, ~covered)
        n_cols = len(col_ids)
        keep = np.asarray(bits.any(axis=1), dtype=bool)
        keep[take] = False
        bits = bits[keep]
        members = [m for m, ok in zip(members, keep, strict=True) if ok]
        if len(bits) and n_cols:
            bits, inverse = row_classes(bits)
            if len(bits) < len(members):  # some classes became identical: merge their PIs
                merged: list[list[np.ndarray]] = [[] for _ in range(len(bits))]
                for i, m in enumerate(members):
                    merged[int(inverse[i])].append(m)
                members = [np.sort(np.concatenate(m)) if len(m) > 1 else m[0] for m in merged]
            else:  # the same classes, in the order of their new column sets
                members = [members[i] for i in np.argsort(inverse).tolist()]
    if not n_cols:
        bits, members = np.zeros((0, 0), dtype=np.uint8), []
    return forced, bits, members, cols_left
