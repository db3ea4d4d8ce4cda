"""Parsimonious prime implicants as minimal transversals, one positive row at a time.

A term made of some of a positive row p's literals keeps a negative row r out when it
holds a literal on a condition where p and r differ, so the prime implicants covering p
are the minimal sets of conditions that hit every *edge* {j : p and r differ on j}. They
are enumerated by MMCS (Murakami & Uno 2014) on bit masks.

Each prime implicant is reported once, with the first positive row it covers: a set
found for row p that also covers an earlier row q (p and q agree on all its conditions)
is skipped (the compiled kernel also cuts a branch as soon as no set inside it can avoid
covering such a row).

Two implementations give the same pairs (row, condition mask), in the same order:

- compiled with numba when it is installed (the ``fast`` extra) and at most 64
  conditions: 20-40x faster on large spaces;
- pure Python otherwise (any number of conditions).

>>> import numpy as np
>>> on = np.array([[1, 1], [0, 1]])
>>> rows, masks = row_transversals(on, np.array([[0, 0]]), compiled=False)
>>> rows.tolist(), masks.tolist()  # row 0: condition 0 or condition 1 alone
([0, 0], [1, 2])
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
import time

import numpy as np

__all__ = ["KERNEL_START_COST", "PYTHON_BUDGET", "compiled_available", "row_transversals"]

#: Set to "1" to keep the pure-Python enumeration even when numba is installed.
NO_COMPILE_ENV = "QCA_NO_NUMBA"

#: Seconds of Python enumeration after which the remaining rows go to the compiled kernel.
PYTHON_BUDGET = 0.5

#: Seconds numba's import and the load of the cached kernel take (measured 0.6-1.6 s on
#: the 2-core machines): the rows left go to the kernel as soon as Python is projected
#: (from the rows done so far) to need longer than this for them.
KERNEL_START_COST = 1.0

_clock = time.perf_counter


def compiled_available() -> bool:
    """Whether the compiled enumeration can run (numba importable, not switched off).

    >>> isinstance(compiled_available(), bool)
    True
    """
    if os.environ.get(NO_COMPILE_ENV) == "1":
        return False
    return _numba_installed()


@functools.cache
def _numba_installed() -> bool:
    """Whether numba can be imported (looked up once: the search costs ~0.1 ms a call)."""
    return importlib.util.find_spec("numba") is not None


def row_transversals(
    on: np.ndarray, off: np.ndarray, *, compiled: bool | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Each parsimonious PI once, as (first positive row it covers, condition bit mask).

    Parameters
    ----------
    on : ndarray of shape (n_on, k)
        Distinct positive rows (-1 = ``"-"``).
    off : ndarray of shape (n_off, k), n_off >= 1
        Negative rows.
    compiled : bool, optional
        True: the numba kernel for every row; False: Python for every row; None (default):
        Python first, and the kernel for the remaining rows (when numba is available and
        k <= 64) once Python has spent :data:`PYTHON_BUDGET` seconds or is projected to
        need more than :data:`KERNEL_START_COST` for them, so small problems never pay
        numba's import. Every choice gives the same result.

    Returns
    -------
    rows : ndarray of int64
        Index into ``on`` of the row each PI was found from (non-decreasing).
    masks : ndarray of uint64 (k <= 64) or of Python ints (object)
        Bit j set when the PI has a literal on condition j (p's value there).
    """
    on = np.ascontiguousarray(on, dtype=np.int64)
    off = np.ascontiguousarray(off, dtype=np.int64)
    k = on.shape[1]
    if compiled and k > 64:
        raise ValueError(f"The compiled enumeration takes at most 64 conditions, not {k}.")
    budget = 0.0 if compiled else None
    if compiled is None and k <= 64 and compiled_available():
        budget = PYTHON_BUDGET
    rows, masks, done = _row_transversals_python(on, off, budget)
    if done < len(on):
        try:
            kernel = importlib.import_module("qca.minimize._mmcs_kernel")
        except (ImportError, RuntimeError):  # numba unusable here (e.g. no cache dir)
            if compiled:
                raise
            rest_rows, rest_masks, _ = _row_transversals_python(on, off, None, done)
            return np.concatenate([rows, rest_rows]), np.concatenate([masks, rest_masks])
        more_rows, more_masks = kernel.row_transversals_compiled(on, off, done)
        rows = np.concatenate([rows, more_rows])
        masks = np.concatenate([masks, more_masks])
    return rows, masks


def _bitmasks(flags: np.ndarray) -> list[int]:
    """Each row of a 2-D boolean array as a Python int (bit i set where ``row[i]``)."""
    if flags.shape[1] == 0:
        return [0] * len(flags)
    packed = np.packbits(np.asarray(flags, dtype=bool), axis=1, bitorder="little")
    width = packed.shape[1]
    raw = packed.tobytes()
    return [int.from_bytes(raw[i : i + width], "little") for i in range(0, len(raw), width)]


def _row_transversals_python(
    on: np.ndarray, off: np.ndarray, budget: float | None = None, first: int = 0
) -> tuple[np.ndarray, np.ndarray, int]:
    """Rows from ``first`` on done in Python, up to ``budget`` seconds (None: all), and
    the next row to do."""
    k = on.shape[1]
    all_neg = (1 << len(off)) - 1
    rows: list[int] = []
    masks: list[int] = []
    started = _clock()
    deadline = None if budget is None else started + budget
    done = first
    small = (len(on) + len(off)) * k <= SMALL_EDGES
    on_rows, off_rows = (value_masks(on.tolist()), value_masks(off.tolist())) if small else ([], [])
    for p in range(first, len(on)):
        graph = _row_edges_small(on_rows, off_rows, p, k) if small else _row_edges(on, off, p)
        if graph is None:
            done = p + 1
            continue  # p meets a negative row: no implicant covers it
        hit, edges, apart = graph
        cutoff = deadline
        if deadline is not None and p + 1 < len(on):
            # past this, the projection after the row would hand the rest to the kernel
            # anyway: hand it over now (a first row of 80,000 PIs took the whole budget)
            cutoff = min(deadline, started + KERNEL_START_COST * (p + 1 - first) / (len(on) - p - 1))
        try:
            found = _minimal_transversals(hit, edges, apart, all_neg, (1 << p) - 1, k, cutoff)
        except _OutOfTime:
            break  # row p is left whole to the caller
        done = p + 1
        rows.extend([p] * len(found))
        masks.extend(found)
        if budget is not None:
            per_row = (_clock() - started) / (done - first)
            if per_row * (len(on) - done) > KERNEL_START_COST:
                break
    dtype = np.uint64 if k <= 64 else object
    return np.asarray(rows, dtype=np.int64), np.asarray(masks, dtype=dtype), done


#: Most cells ((positive + negative rows) x conditions) for which the rows' edges are
#: found in Python (measured faster than NumPy up to about 400).
SMALL_EDGES = 400


def _row_edges(on: np.ndarray, off: np.ndarray, p: int) -> tuple[list[int], list[int], list[int]] | None:
    """Row p's hypergraph as bit masks: (``hit[j]``, the edges holding condition j;
    the edges, smallest first (stable); ``apart[j]``, the earlier positive rows that
    differ from p on condition j), or None when p meets a negative row."""
    row = on[p]
    # sep[r, j]: a literal on condition j (p's value) keeps negative row r out
    sep = (off != row[None, :]) & (off >= 0) & (row[None, :] >= 0)
    if not sep.any(axis=1).all():
        return None
    sep = sep[np.argsort(sep.sum(axis=1), kind="stable")]  # small edges first
    return _bitmasks(sep.T), _bitmasks(sep), _bitmasks((on[:p] != row[None, :]).T)


def value_masks(rows: list[list[int]]) -> list[dict[int, int]]:
    """Each row as, for each value it holds, the bit set of the conditions holding it.

    >>> value_masks([[1, 0, 1], [-1, 0, 0]])
    [{1: 5, 0: 2}, {-1: 1, 0: 6}]
    """
    out = []
    for row in rows:
        masks: dict[int, int] = {}
        for j, v in enumerate(row):
            masks[v] = masks.get(v, 0) | (1 << j)
        out.append(masks)
    return out


def _row_edges_small(on: list[dict[int, int]], off: list[dict[int, int]], p: int, k: int
                     ) -> tuple[list[int], list[int], list[int]] | None:
    """:func:`_row_edges` from the rows' :func:`value_masks` (few negative rows: no
    NumPy calls)."""
    row = on[p]
    full = (1 << k) - 1
    fixed = full & ~row.get(-1, 0)  # p's conditions that are not "-"
    edges = []
    for neg in off:
        same = 0
        for v, mask in row.items():
            same |= mask & neg.get(v, 0)
        edge = fixed & ~neg.get(-1, 0) & ~same
        if not edge:
            return None
        edges.append(edge)
    edges.sort(key=int.bit_count)  # (stable)
    hit = [0] * k
    for e, edge in enumerate(edges):
        while edge:
            low = edge & -edge
            hit[low.bit_length() - 1] |= 1 << e
            edge ^= low
    apart = [0] * k
    for q in range(p):
        same = 0
        for v, mask in row.items():
            same |= mask & on[q].get(v, 0)
        differ = full & ~same
        while differ:
            low = differ & -differ
            apart[low.bit_length() - 1] |= 1 << q
            differ ^= low
    return hit, edges, apart


class _OutOfTime(Exception):
    """The Python search passed its deadline (the row goes to the compiled kernel)."""


def _minimal_transversals(
    hit: list[int],
    edges: list[int],
    apart: list[int],
    all_neg: int,
    earlier: int,
    k: int,
    deadline: float | None = None,
) -> list[int]:
    """Every minimal set of conditions (bit mask) whose hit masks together cover all_neg,
    and whose apart masks together cover ``earlier`` (it covers no earlier row).

    MMCS (Murakami & Uno 2014): grow a set by each candidate condition of the first
    uncovered edge, keeping every member critical (the only member hitting some edge), and
    return a condition to the candidates once its branch is done, so each minimal set is
    found exactly once. Edges are sorted small first, so the first uncovered edge is a
    small branch. Sets covering an earlier row are dropped where they are found (cutting
    branches early, as the compiled kernel does, costs Python more than it saves). Past
    ``deadline`` (a ``time.perf_counter`` value) the search raises ``_OutOfTime``.
    """
    out: list[int] = []
    append = out.append

    def visit(cand: int, uncov: int, mask: int, crit: list[int], reach: int) -> None:
        # reach: the earlier rows that differ from p on some condition of mask
        if deadline is not None and _clock() > deadline:
            raise _OutOfTime
        low = uncov & -uncov
        branch = edges[low.bit_length() - 1] & cand
        cand &= ~branch
        while branch:
            lowv = branch & -branch
            branch ^= lowv
            j = lowv.bit_length() - 1
            hv = hit[j]
            rest = uncov & ~hv
            keep = ~hv
            if rest:
                new_crit = [c & keep for c in crit]
                if all(new_crit):
                    new_crit.append(uncov & hv)
                    visit(cand, rest, mask | lowv, new_crit, reach | apart[j])
            elif (reach | apart[j]) == earlier:  # a full set: it must avoid earlier rows
                for c in crit:  # every member stays critical (no list built at a leaf)
                    if not c & keep:
                        break
                else:
                    append(mask | lowv)
            cand |= lowv

    if all_neg:
        visit(sum(1 << j for j in range(k) if hit[j]), all_neg, 0, [], 0)
    else:
        append(0)
    return out
