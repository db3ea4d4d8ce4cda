"""The exact Boolean minimization core: prime implicants and prime implicant charts.

NumPy only, no pandas. The public ``qca.minimize`` wrapper builds on these functions.

Conventions
-----------
- A *configuration* (truth-table row) is a row of an integer array of shape (n, k):
  the value of each condition, 0..levels[j]-1, or -1 for a temporal ``"-"`` (that
  condition is free: the row is a cube over all its values).
- A *term* (implicant) is a row of an integer array of shape (m, k): -1 when the
  condition is absent, else the one value the term requires.
- Terms come back in R QCA's prime implicant order: fewer literals first, then condition
  by condition a present literal before an absent one and lower values first
  (:func:`order_terms`).

Functions
---------
- :func:`prime_implicants` (on, off, levels, dc=, remainders=): exact PIs in R's order.
- :func:`covers` (terms, rows): the PI chart, ``out[i, r]`` when term i covers row r.
- :func:`solve_chart` (chart, all_sol=, row_dom=, max_models=, effort=): every minimum (or
  irredundant) cover, with what was proven (:class:`ChartSolution`).
- :func:`expand` (terms, levels, limit=): every configuration the terms cover, for small
  spaces (raises InvalidParameterError above ``limit``); used for simplifying assumptions.
- :func:`configuration_index` (configs, levels): mixed-radix row index (R's row number - 1).
- :func:`order_terms` (terms): the permutation into R's PI order.
- :func:`literal_bits` (terms, levels): one bit per literal, packed in uint64 words.

Examples
--------
>>> import numpy as np
>>> on = np.array([[1, 1, 0], [1, 0, 0]])
>>> off = np.array([[0, 0, 0], [1, 1, 1]])
>>> pis = prime_implicants(on, off, (2, 2, 2))
>>> pis
array([[ 1,  0, -1],
       [ 1, -1,  0],
       [-1,  1,  0]], dtype=int8)
>>> sol = solve_chart(covers(pis, on))
>>> sol.models, sol.complete, sol.lower_bound
([(1,)], True, 1)
"""

from __future__ import annotations

from qca.minimize._chart import ChartSolution, solve_chart
from qca.minimize._primes import (
    configuration_index,
    covers,
    expand,
    literal_bits,
    order_terms,
    prime_implicants,
)

__all__ = [
    "ChartSolution",
    "configuration_index",
    "covers",
    "expand",
    "literal_bits",
    "order_terms",
    "prime_implicants",
    "solve_chart",
]
