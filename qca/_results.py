"""The result of one analysis: :class:`AnalysisResult` and its parts (private module;
the names are public as ``qca.AnalysisResult`` and in :mod:`qca.analysis`).

Plain values that :func:`qca.Analysis.run` fills in and every renderer of
:mod:`qca.report` reads; nothing here computes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

import pandas as pd

from qca.exceptions import TooManyRowsError

__all__ = ["AnalysisResult", "ModelResult", "SolutionResult", "Specification"]


class Specification(Protocol):
    """What a result reads of the analysis it came from; :class:`qca.Analysis` is one.

    A protocol, not the class, so that this module does not depend on
    :mod:`qca.analysis` (which depends on it).

    >>> import pandas as pd
    >>> from qca.analysis import Analysis
    >>> spec: Specification = Analysis(pd.DataFrame({"A": [1, 0], "Y": [1, 0]}), "Y")
    >>> spec.options()["outcome"]
    'Y'
    """

    @property
    def data(self) -> pd.DataFrame: ...
    @property
    def outcome(self) -> str: ...
    @property
    def conditions(self) -> Sequence[str]: ...
    @property
    def source(self) -> str | None: ...
    @property
    def raw(self) -> pd.DataFrame | None: ...
    @property
    def calibration(self) -> pd.DataFrame | None: ...
    @property
    def labels(self) -> Mapping[str, str]: ...
    @property
    def origin(self) -> Mapping[str, str]: ...
    def options(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class ModelResult:
    """One model of one solution type, as a report shows it.

    ``label`` is ``"M1"``, ``"M2"``... (``"C1P1 M1"`` for intermediate solutions with
    several conservative x parsimonious combinations); ``model`` is a :class:`qca.Model`;
    ``easy`` and ``difficult`` are the easy/difficult counterfactuals (intermediate only).
    """

    label: str
    model: Any
    easy: pd.DataFrame | None = None
    difficult: pd.DataFrame | None = None

    @property
    def text(self) -> str:
        """The model as a formula, ``"DEV*~IND + URB*STB"``."""
        return str(self.model)

    @property
    def simplifying_assumptions(self) -> pd.DataFrame | None:
        """Remainders the model's terms cover (None when not known, or when they are too
        many to list: then :attr:`assumptions_not_listed` says why)."""
        return self._assumptions[0]

    @property
    def assumptions_not_listed(self) -> TooManyRowsError | None:
        """Why the simplifying assumptions are not listed (more than the limit
        ``QCA_MAX_LISTED_ROWS``), else None; its ``count`` is their number when known."""
        return self._assumptions[1]

    @cached_property
    def _assumptions(self) -> tuple[pd.DataFrame | None, TooManyRowsError | None]:
        try:
            return getattr(self.model, "simplifying_assumptions", None), None
        except TooManyRowsError as exc:
            return None, exc


@dataclass(frozen=True)
class SolutionResult:
    """A solution type (conservative, parsimonious, intermediate): its models or error,
    and the options that produced it (``include``, ``dir_exp``, ``options``)."""

    kind: str
    include: str
    models: tuple[ModelResult, ...] = ()
    error: str | None = None
    solution: Any = None
    dir_exp: Any = None
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ambiguous(self) -> bool:
        """Whether several models explain the outcome equally well."""
        return len(self.models) > 1


@dataclass(frozen=True, eq=False)
class AnalysisResult:
    """Everything :meth:`Analysis.run` computed; what every report renders.

    Attributes
    ----------
    analysis : Analysis
        The specification run (typed as the :class:`Specification` a result reads).
    necessity, necessity_combinations : DataFrame or None
        inclN, RoN, covN of each condition literal; the necessary combinations
        (None when not computed or when the search failed, see ``errors``).
    truth_table : TruthTable or None
    solutions : dict
        Solution type -> :class:`SolutionResult`, in the order of :data:`SOLUTION_TYPES`.
    checks : tuple of str
        Good-practice findings.
    warnings : tuple of str
        Every warning of the analysis, each once: reading, resolving, each step, checks.
    errors : dict
        Step -> message for a step that failed without stopping the analysis.
    """

    analysis: Specification
    necessity: pd.DataFrame | None = None
    necessity_combinations: pd.DataFrame | None = None
    truth_table: Any = None
    solutions: dict[str, SolutionResult] = field(default_factory=dict)
    checks: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def data(self) -> pd.DataFrame:
        return self.analysis.data

    @property
    def outcome(self) -> str:
        return self.analysis.outcome

    @property
    def conditions(self) -> list[str]:
        return list(self.analysis.conditions)

    @property
    def options(self) -> dict[str, Any]:
        return self.analysis.options()

    @property
    def calibration(self) -> pd.DataFrame | None:
        return self.analysis.calibration

    @property
    def raw(self) -> pd.DataFrame | None:
        return self.analysis.raw

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.analysis.labels)

    @property
    def source(self) -> str | None:
        """The input file's name (no folder)."""
        path = self.analysis.source
        return os.path.basename(path) if path else None

    def provenance(self) -> dict[str, Any]:
        """qca version, input file, and every option with where it came from."""
        from qca._version import __version__

        return {
            "qca version": __version__,
            "input file": self.source,
            "options": self.options,
            "origin": dict(self.analysis.origin),
        }

    def extra_labels(self) -> pd.DataFrame | None:
        """Labels of sets the calibration table does not already show (None if none)."""
        shown: set[str] = set()
        cal = self.calibration
        if cal is not None and "label" in cal.columns and "set" in cal.columns:
            shown = {str(s) for s, lab in zip(cal["set"], cal["label"], strict=True) if lab}
        rest = {k: v for k, v in self.labels.items() if k not in shown and v}
        if not rest:
            return None
        return pd.DataFrame({"label": list(rest.values())}, index=pd.Index(list(rest), name="set"))

    def __repr__(self) -> str:
        parts = [
            f"{kind}: " + (r.error or " | ".join(m.text for m in r.models) or "(none)")
            for kind, r in self.solutions.items()
        ]
        return f"AnalysisResult({self.outcome}; " + "; ".join(parts) + f"; {len(self.warnings)} warning(s))"
