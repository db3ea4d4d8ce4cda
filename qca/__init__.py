"""qca: fuzzy-set Qualitative Comparative Analysis in Python.

Calibrate raw measures into set memberships, test necessity, build truth tables,
minimize them exactly (conservative, parsimonious and intermediate solutions), read the
parameters of fit, check robustness and write reports. :class:`qca.Analysis` holds a
whole analysis (from keyword arguments or a workbook's analysis sheet) and runs it once;
the command line, the reports and :func:`qca.robustness` all work from it.

>>> import qca
>>> qca.membership(
...     __import__("pandas").DataFrame({"A": [0.2, 0.9], "B": [0.7, 0.6]}), "A*~B"
... ).tolist()
[0.2, 0.4]
"""

from qca._results import AnalysisResult
from qca._version import __version__
from qca.analysis import Analysis
from qca.calibrate import calibrate, resolve_thresholds
from qca.case_selection import CaseSelection, case_selection
from qca.checks import good_practice_checks
from qca.cluster import Cluster, cluster, cluster_plot
from qca.configurations import ConfigurationTable, configuration_table, configuration_tables
from qca.exceptions import (
    CalibrationError,
    DataError,
    ExpressionError,
    HalfMembershipWarning,
    InvalidParameterError,
    NoSolutionError,
    QCAError,
    QCAWarning,
    ReadError,
    TooManyRowsError,
)
from qca.expr import membership, parse_expression
from qca.find_rows import find_rows
from qca.fit import deviant_cases, fit
from qca.io import read_cases
from qca.minimize import Model, Solution, minimize
from qca.nca import NCA, nca, nca_plot
from qca.plot import robustness_plot, truth_table_plot, xy_plot
from qca.range_robustness import (
    RobustCases,
    RobustnessRanges,
    robust_cases,
    robust_xy_plot,
    robustness_ranges,
)
from qca.robustness import Robustness, robustness
from qca.simulate import Simulation, simulate
from qca.skewness import skewness
from qca.super_subset import super_subset
from qca.sweep import run_sweep
from qca.theory import TheoryEvaluation, theory_evaluation
from qca.truth_table import TruthTable, truth_table
from qca.workbook import Workbook, read_workbook

__all__ = [
    "__version__",
    "read_cases",
    "read_workbook",
    "Workbook",
    "Analysis",
    "AnalysisResult",
    "calibrate",
    "resolve_thresholds",
    "skewness",
    "membership",
    "parse_expression",
    "fit",
    "deviant_cases",
    "super_subset",
    "find_rows",
    "truth_table",
    "TruthTable",
    "minimize",
    "Solution",
    "Model",
    "configuration_table",
    "configuration_tables",
    "ConfigurationTable",
    "robustness",
    "Robustness",
    "run_sweep",
    "simulate",
    "Simulation",
    "xy_plot",
    "truth_table_plot",
    "robustness_plot",
    "good_practice_checks",
    "nca",
    "cluster",
    "Cluster",
    "cluster_plot",
    "theory_evaluation",
    "TheoryEvaluation",
    "case_selection",
    "CaseSelection",
    "robustness_ranges",
    "RobustnessRanges",
    "robust_cases",
    "RobustCases",
    "robust_xy_plot",
    "NCA",
    "nca_plot",
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
