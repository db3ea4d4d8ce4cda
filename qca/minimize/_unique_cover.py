"""Whether a chart component has exactly one minimum cover, by a small bounded search.

Most charts of small truth tables have one minimal model. Proving that needs no
counter and no listing: a search that stops at the second cover it meets. It branches
on the uncovered column with the fewest allowed classes; the i-th branch takes that
column's i-th class and forbids the earlier ones, so each set of classes is met once.
Classes and columns are bit masks (Python ints), as in :mod:`qca.minimize._chart`.

Three classes over columns {0, 1, 2}: only classes 0 and 2 cover all with two.

>>> unique_cover([0b011, 0b010, 0b100], [0b001, 0b011, 0b100], 0b111, 2)
(0, 2)
>>> unique_cover([0b011, 0b110, 0b101], [0b101, 0b011, 0b110], 0b111, 2) is None  # three
True
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["UNIQUE_CLASSES", "UNIQUE_EFFORT", "fewest_candidates", "unique_cover"]

#: Search calls after which :func:`unique_cover` gives up (the general counter decides).
UNIQUE_EFFORT = 300
#: Most classes of a component searched (larger ones go straight to the counter).
UNIQUE_CLASSES = 1_024
#: Uncovered columns looked at for the one to branch on (cheaper nodes on wide charts).
_SCAN = 16


def fewest_candidates(uncovered: int, allowed: int, cands: Sequence[int], scan: int = _SCAN) -> tuple[int, int]:
    """The allowed classes of the uncovered column with the fewest (among its first
    ``scan`` columns), and how many: the branch of a cover search.

    >>> fewest_candidates(0b11, 0b111, [0b011, 0b100])
    (4, 1)
    """
    branch, fewest = 0, -1
    rest = uncovered
    for _ in range(scan):
        if not rest:
            break
        low = rest & -rest
        rest ^= low
        options = cands[low.bit_length() - 1] & allowed
        n = options.bit_count()
        if fewest < 0 or n < fewest:
            branch, fewest = options, n
            if n <= 1:
                break
    return branch, fewest


class _Stop(Exception):
    """A second cover, or the effort bound: no unique cover to report."""


def unique_cover(
    masks: Sequence[int], cands: Sequence[int], cols: int, size: int, effort: int = UNIQUE_EFFORT
) -> tuple[int, ...] | None:
    """The classes of the only cover of ``cols`` by at most ``size`` classes, ascending.

    Parameters
    ----------
    masks : sequence of int
        Each class's columns (bit c set when the class covers column c).
    cands : sequence of int
        Each column's classes (bit i set when class i covers column c).
    cols : int
        The columns to cover.
    size : int
        Most classes in a cover (the proven minimum, so every cover found has this size).
    effort : int
        Search calls before giving up.

    Returns
    -------
    tuple of int or None
        The cover when exactly one exists; None when there are none, several, the
        effort ran out, or there are more than :data:`UNIQUE_CLASSES` classes.
    """
    if len(masks) > UNIQUE_CLASSES:
        return None
    found: list[tuple[int, ...]] = []
    left = [effort]

    def search(uncovered: int, allowed: int, chosen: tuple[int, ...]) -> None:
        left[0] -= 1  # every call counts, the last level's too
        if left[0] < 0:
            raise _Stop
        if not uncovered:
            found.append(chosen)
            if len(found) > 1:
                raise _Stop
            return
        if len(chosen) == size:
            return
        branch, fewest = fewest_candidates(uncovered, allowed, cands)
        if len(chosen) == size - 1:  # the last class must hold every column left
            left[0] -= fewest // 16
            while branch:
                low = branch & -branch
                branch ^= low
                i = low.bit_length() - 1
                if not uncovered & ~masks[i]:
                    found.append((*chosen, i))
                    if len(found) > 1:
                        raise _Stop
            return
        while branch:
            low = branch & -branch
            branch ^= low
            i = low.bit_length() - 1
            search(uncovered & ~masks[i], allowed & ~low, (*chosen, i))
            allowed &= ~low  # later branches never take class i

    try:
        search(cols, (1 << len(masks)) - 1, ())
    except (_Stop, RecursionError):  # (a cover deeper than Python's recursion limit)
        return None
    return tuple(sorted(found[0])) if found else None
