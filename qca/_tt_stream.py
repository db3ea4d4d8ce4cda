"""The streaming kernel of truth tables: every case's membership in every configuration,
and each configuration's incl and PRI, in blocks of bounded memory.

Configurations are arrays of level codes (one column per condition); memberships lying
on a decimal grid (crisp data, memberships rounded to 2 to 4 decimals) are summed as
integers, exactly.

One condition A (cases in A: [1, 0]), its levels ~A and A; the outcome Y is [1, 0]:

>>> import numpy as np
>>> grid = build_grid([np.array([[0.0, 1.0], [1.0, 0.0]])], np.array([1.0, 0.0]))
>>> grid.inclusion(np.array([[0], [1]]))  # incl and PRI of the rows ~A and A
(array([0., 1.]), array([0., 1.]))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

#: Memory bound (bytes) for one block of rows x cases when computing incl and PRI.
_BLOCK_BYTES = 8 * 2**20


@dataclass(frozen=True, eq=False)
class MembershipGrid:
    """Each case's membership in each level of each condition, stacked.

    ``values[offsets[j] + v]`` is the membership of every case in value ``v`` of
    condition ``j`` (a temporal ``"-"`` is value ``levels[j]``). When every membership
    lies on a grid of ``1/scale`` (crisp data, memberships rounded to 2 or 3 decimals),
    the values are stored as small integers and every sum is exact; otherwise as floats.
    """

    values: np.ndarray
    offsets: np.ndarray
    outcome: np.ndarray
    scale: int

    def row_memberships(self, configs: np.ndarray) -> np.ndarray:
        """Memberships (as floats in [0, 1]) of every case in each configuration (m, n)."""
        out = np.empty((configs.shape[0], self.values.shape[1]))
        for start, stop in self._blocks(configs.shape[0]):
            out[start:stop] = self._min_over_conditions(configs[start:stop])
        return out / self.scale if self.scale else out

    def _blocks(self, m: int) -> Iterable[tuple[int, int]]:
        per_row = max(1, self.values.shape[1] * self.values.itemsize)
        size = max(1, _BLOCK_BYTES // per_row)
        for start in range(0, m, size):
            yield start, min(m, start + size)

    def _min_over_conditions(self, configs: np.ndarray) -> np.ndarray:
        index = configs + self.offsets
        x = self.values[index[:, 0]]
        for j in range(1, index.shape[1]):
            np.minimum(x, self.values[index[:, j]], out=x)
        return x

    def crisp_inclusion(self, rows: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`inclusion` of the observed configurations when every case is fully in
        one of them (crisp conditions) and memberships lie on the grid: case i is in
        configuration ``rows[i]``, which holds ``counts`` cases. The same exact sums,
        grouped by configuration instead of taken over every case.

        >>> grid = build_grid([np.array([[0.0, 1.0], [1.0, 0.0]])], np.array([1.0, 0.0]))
        >>> grid.crisp_inclusion(np.array([1, 0]), np.array([1, 1]))
        (array([0., 1.]), array([0., 1.]))
        """
        y = self.outcome.astype(np.int64)
        sum_x = counts.astype(np.float64) * self.scale
        sum_xy = np.bincount(rows, weights=np.minimum(y, self.scale), minlength=len(counts))
        sum_xyn = np.bincount(rows, weights=np.minimum(y, self.scale - y), minlength=len(counts))
        with np.errstate(divide="ignore", invalid="ignore"):
            incl = sum_xy / sum_x
            pri = (sum_xy - sum_xyn) / (sum_x - sum_xyn)
        return incl, pri

    def inclusion(self, configs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """incl and PRI of each configuration over all cases."""
        m = configs.shape[0]
        sum_x = np.empty(m)
        sum_xy = np.empty(m)
        sum_xyn = np.empty(m)
        y = self.outcome
        y_neg = (self.scale - y) if self.scale else 1.0 - y
        acc = np.int64 if self.scale else np.float64
        for start, stop in self._blocks(m):
            x = self._min_over_conditions(configs[start:stop])
            sum_x[start:stop] = x.sum(axis=1, dtype=acc)
            np.minimum(x, y, out=x)
            sum_xy[start:stop] = x.sum(axis=1, dtype=acc)
            np.minimum(x, y_neg, out=x)
            sum_xyn[start:stop] = x.sum(axis=1, dtype=acc)
        with np.errstate(divide="ignore", invalid="ignore"):
            incl = sum_xy / sum_x
            pri = (sum_xy - sum_xyn) / (sum_x - sum_xyn)
        return incl, pri


def _grid_scale(columns: list[np.ndarray]) -> int:
    """The smallest of 1, 10, 100, 1000, 10000 on whose grid every value lies, or 0."""
    values = np.concatenate([c.ravel() for c in columns]) if columns else np.zeros(0)
    for scale in (1, 10, 100, 1000, 10000):
        scaled = values * scale
        if np.all(np.abs(scaled - np.round(scaled)) < 1e-7):
            return scale
    return 0


def build_grid(level_values: list[np.ndarray], outcome: np.ndarray) -> MembershipGrid:
    stacked = np.vstack(level_values) if level_values else np.zeros((0, outcome.size))
    sizes = [lv.shape[0] for lv in level_values]
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    scale = _grid_scale([stacked, outcome])
    if scale:
        dtype = np.uint8 if scale <= 100 else np.uint16
        return MembershipGrid(
            np.round(stacked * scale).astype(dtype),
            offsets,
            np.round(outcome * scale).astype(dtype),
            scale,
        )
    return MembershipGrid(stacked.astype(float), offsets, outcome.astype(float), 0)
