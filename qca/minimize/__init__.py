"""Boolean minimization of truth tables: conservative, parsimonious and intermediate solutions.

:func:`minimize` turns a :class:`~qca.TruthTable` into a :class:`Solution`: its prime
implicants, every minimal model (M1, M2, ... in R QCA's order) with the parameters of fit
of each term and of the whole model, the simplifying assumptions of each model, and, with
directional expectations, the intermediate solutions with their easy and difficult
counterfactuals. The exact prime-implicant and chart algorithms live in the private
``_core`` module (NumPy only, no pandas).

>>> import pandas as pd
>>> import qca
>>> data = pd.DataFrame(
...     {"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 1, 0]}, index=["a", "b", "c", "d"]
... )
>>> print(qca.minimize(qca.truth_table(data, "Y")).models[0])
A + B
"""

from __future__ import annotations

from qca.minimize._minimize import minimize
from qca.minimize._solution import IntermediateSolution, Model, ModelFactors, Solution

__all__ = ["minimize", "Solution", "Model", "ModelFactors", "IntermediateSolution"]
