"""Errors and warnings raised by qca.

Every error a user can cause derives from :class:`QCAError`, so a caller (and the CLI)
can catch one class. Messages name the file, sheet, row/case and column where they can,
and say what was expected.

>>> from qca.exceptions import QCAError, InvalidParameterError
>>> issubclass(InvalidParameterError, ValueError) and issubclass(InvalidParameterError, QCAError)
True
"""

from __future__ import annotations

__all__ = [
    "QCAError",
    "InvalidParameterError",
    "DataError",
    "ReadError",
    "CalibrationError",
    "ExpressionError",
    "NoSolutionError",
    "TooManyRowsError",
    "QCAWarning",
    "HalfMembershipWarning",
]


class QCAError(Exception):
    """Base class of every error qca raises for a user mistake or an impossible analysis."""


class InvalidParameterError(QCAError, ValueError, TypeError):
    """A parameter of a public function has a value or type it cannot take."""


class DataError(QCAError, ValueError):
    """The data are not usable: non-numeric cells, missing values, duplicate case ids..."""


class ReadError(DataError):
    """A case sheet cannot be read: missing, unreadable, protected or not a workbook."""


class CalibrationError(QCAError, ValueError):
    """Calibration thresholds or options are not valid for the data."""


class ExpressionError(QCAError, ValueError):
    """A sum-of-products expression has a syntax error or names an unknown set.

    ``position`` is the 0-based character offset of the problem, when known.
    """

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


class NoSolutionError(QCAError):
    """Minimization has nothing to explain, or no cover exists under the constraints."""


class TooManyRowsError(QCAError):
    """A list of configurations (simplifying assumptions, counterfactuals) would hold more
    rows than the limit ``QCA_MAX_LISTED_ROWS`` allows.

    ``count`` is the exact number of configurations when it was cheap to count, else None;
    ``limit`` the limit it is over.
    """

    def __init__(self, message: str, count: int | None = None, limit: int | None = None) -> None:
        super().__init__(message)
        self.count = count
        self.limit = limit


class QCAWarning(UserWarning):
    """Valid but degenerate data or results: 0.5 memberships, contradictions, remainders."""


class HalfMembershipWarning(QCAWarning):
    """Some case has a membership of exactly 0.5 in a condition: it belongs to no
    truth-table row. Raised by :func:`qca.truth_table`; :meth:`qca.Analysis.run` leaves it
    out when the good-practice checks name the same sets and cases."""
