"""Every public function refuses bad parameters with a clear QCAError.

As scikit-learn's ``test_public_functions.py``: one table of bad calls covers every
function and constructor in ``qca.__all__``. Each call must raise the right
:class:`qca.QCAError` subclass (``InvalidParameterError`` for parameters, ``DataError``
for data, ``ExpressionError`` for expressions, ``CalibrationError`` for thresholds), never a
bare TypeError/KeyError/AttributeError from deep inside, and its message must name the
parameter (and, for parameters, the function), what was expected and what was got.

Data: ``tests/data/public_*.csv`` are copies of R QCA's LF, LC, LM and LR (Lipset).
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
import pytest

import qca

matplotlib.use("Agg")

DATA = Path(__file__).resolve().parent / "data"

#: Results built by qca's functions, not by users: their constructors are not checked.
RESULTS = {
    "TruthTable",
    "Solution",
    "Model",
    "Robustness",
    "Simulation",
    # issue 15
    "NCA",
    "Cluster",
    "TheoryEvaluation",
    "CaseSelection",
    "RobustnessRanges",
    "RobustCases",
    # issue 13
    "ConfigurationTable",
    # issue 12
    "AnalysisResult",
}

#: Small raw data for robustness (anchors calibrate X and Z into A and B).
RAW = pd.DataFrame(
    {
        "X": [1, 3, 5, 7, 9, 8, 2, 6],
        "Z": [2, 8, 3, 9, 7, 1, 9, 3],
        "Y": [0.1, 0.2, 0.3, 0.9, 1.0, 0.8, 0.3, 0.7],
    },
    index=list("abcdefgh"),
)
ANCHORS = {"A": ("X", "e=2, c=5.5, i=8"), "B": ("Z", "e=2, c=5, i=8")}


def _robustness(**changes: Any) -> qca.Robustness:
    options: dict[str, Any] = {
        "incl_cut": 0.8,
        "include": "?",
        "anchors": ANCHORS,
        "shifts": (0.05,),
    }
    options.update(changes)
    return qca.robustness(RAW, "Y", ["A", "B"], **options)


@pytest.fixture(scope="module")
def d() -> SimpleNamespace:
    """The data sets, and broken copies of LF (NaN, text, out of [0, 1], no cases)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qca.QCAWarning)
        lf = qca.read_cases(DATA / "public_LF.csv")
        lc = qca.read_cases(DATA / "public_LC.csv")
        lm = qca.read_cases(DATA / "public_LM.csv")
        lr = qca.read_cases(DATA / "public_LR.csv")
        tt = qca.truth_table(lf, "SURV", incl_cut=0.8)
    nan = lf.copy()
    nan.loc["CZ", "URB"] = np.nan
    text = lf.copy()
    text["DEV"] = text["DEV"].astype(object)
    text.loc["BE", "DEV"] = "high"
    above = lf.copy()
    above.loc["BE", "DEV"] = 1.7
    below = lf.copy()
    below.loc["BE", "DEV"] = -0.2
    return SimpleNamespace(
        LF=lf,
        LC=lc,
        LM=lm,
        LR=lr,
        tt=tt,
        rob=_robustness,
        nan=nan,
        text=text,
        above=above,
        below=below,
        empty=lf.iloc[:0],
    )


def bad(
    name: str, call: Callable[[SimpleNamespace], Any], error: type[Exception], *says: str
) -> Any:
    """One bad call of the public ``name``: the error it must raise and what it must say."""
    return pytest.param(name, call, error, says, id=f"{name}-{len(CALLS)}")


CALLS: list[Any] = []


def add(*args: Any) -> None:
    CALLS.append(bad(*args))


P, D, E, C = (
    qca.InvalidParameterError,
    qca.DataError,
    qca.ExpressionError,
    qca.CalibrationError,
)

# ---------------------------------------------------------------- Analysis
add("Analysis", lambda d: qca.Analysis(None, "SURV"), P, "'data'", "Analysis", "NoneType")
add("Analysis", lambda d: qca.Analysis(d.LF, ""), P, "'outcome'", "Analysis", "''")
add("Analysis", lambda d: qca.Analysis(d.LF, "NOPE"), E, "'NOPE'", "the sets are")
add("Analysis", lambda d: qca.Analysis(d.LF, "SURV", ["DEV", "Q"]), E, "'Q'")
add("Analysis", lambda d: qca.Analysis(d.LF, "SURV", incl_cut=1.5), P, "'incl_cut'", "1.5")
add("Analysis", lambda d: qca.Analysis(d.LF, "SURV", incl_cut=(0.8,)), P, "'incl_cut'", "pair")
add("Analysis", lambda d: qca.Analysis(d.LF, "SURV", n_cut=0), P, "'n_cut'", ">= 1", "0")
add("Analysis", lambda d: qca.Analysis(d.LF, "SURV", include="x"), P, "'include'", "'x'")
add("Analysis", lambda d: qca.Analysis(d.LF, "SURV", dir_exp=3), P, "'dir_exp'", "3")
add("Analysis", lambda d: qca.Analysis(d.LF, "SURV", exclude="a"), P, "'exclude'", "'a'")
add("Analysis", lambda d: qca.Analysis(d.LF, "SURV", row_dom="yes"), P, "'row_dom'", "'yes'")
add("Analysis", lambda d: qca.Analysis(d.LF, "SURV", solutions="some"), P, "'solutions'", "'some'")
add(
    "Analysis",
    lambda d: qca.Analysis(d.LF, "SURV", solutions=["intermediate"]),
    P,
    "directional expectations",
)
add("Analysis", lambda d: qca.Analysis(d.LF, "SURV", nec_incl_cut=2), P, "'nec_incl_cut'", "2")
add("Analysis", lambda d: qca.Analysis.from_workbook(3), P, "'book'", "int")
add("Analysis", lambda d: qca.Analysis.from_workbook(DATA / "public_LF.csv", outcome="SURV", bogus=1), P, "['bogus']")
add("Analysis", lambda d: qca.Analysis(d.LF, "SURV").run(steps=["x"]), P, "'steps'", "['x']")

# ---------------------------------------------------------------- read_cases
add("read_cases", lambda d: qca.read_cases(None), P, "'path'", "read_cases", "None")
add("read_cases", lambda d: qca.read_cases(5), P, "'path'", "read_cases", "5")
add(
    "read_cases",
    lambda d: qca.read_cases(DATA / "public_nope.csv"),
    qca.ReadError,
    "not found",
    "public_nope.csv",
)
add("read_cases", lambda d: qca.read_cases(DATA), qca.ReadError, "not a file")
add(
    "read_cases",
    lambda d: qca.read_cases(DATA / "public_LF.csv", sheet="cases"),
    P,
    "'sheet'",
    "read_cases",
    "None",
    "'cases'",
)
add(
    "read_cases",
    lambda d: qca.read_cases(DATA / "public_LF.csv", sheet=3),
    P,
    "'sheet'",
    "read_cases",
    "3",
)
add(
    "read_cases",
    lambda d: qca.read_cases(DATA / "public_LF.csv", dropna="yes"),
    P,
    "'dropna'",
    "read_cases",
    "True or False",
    "'yes'",
)

# ---------------------------------------------------------------- read_workbook
add("read_workbook", lambda d: qca.read_workbook(None), P, "'path'", "read_workbook", "None")
add("read_workbook", lambda d: qca.read_workbook(7), P, "'path'", "read_workbook", "7")
add(
    "read_workbook",
    lambda d: qca.read_workbook(DATA / "public_nope.xlsx"),
    qca.ReadError,
    "not found",
    "public_nope.xlsx",
)
add(
    "read_workbook",
    lambda d: qca.read_workbook(DATA / "public_LF.csv", dropna="x"),
    P,
    "'dropna'",
    "read_workbook",
    "True or False",
    "'x'",
)
add(
    "read_workbook",
    lambda d: qca.read_workbook(DATA / "public_LF.csv", sheet=2),
    P,
    "'sheet'",
    "read_workbook",
    "2",
)
add(
    "read_workbook",
    lambda d: qca.read_workbook(DATA / "public_LF.csv", sheet="cases"),
    P,
    "'sheet'",
    "read_workbook",
    "None",
    "'cases'",
)

# ---------------------------------------------------------------- Workbook
add(
    "Workbook",
    lambda d: qca.Workbook("x.xlsx", None),
    P,
    "'cases'",
    "Workbook",
    "DataFrame",
    "NoneType",
)
add(
    "Workbook",
    lambda d: qca.Workbook("x.xlsx", [1, 2]),
    P,
    "'cases'",
    "Workbook",
    "DataFrame",
    "list",
)
add("Workbook", lambda d: qca.Workbook(5, d.LF), P, "'path'", "Workbook", "file path", "int")
add(
    "Workbook",
    lambda d: qca.Workbook("x.xlsx", d.LF, calibration="DEV"),
    P,
    "'calibration'",
    "Workbook",
    "DataFrame or None",
    "str",
)
add(
    "Workbook",
    lambda d: qca.Workbook("x.xlsx", d.LF, calibration=pd.DataFrame({"set": ["X"]})),
    P,
    "'calibration'",
    "Workbook",
    "'source'",
)
add(
    "Workbook",
    lambda d: qca.Workbook("x.xlsx", d.LF, analysis=["outcome"]),
    P,
    "'analysis'",
    "Workbook",
    "dict",
    "list",
)
add(
    "Workbook",
    lambda d: qca.Workbook("x.xlsx", d.LF, labels=["DEV"]),
    P,
    "'labels'",
    "Workbook",
    "dict",
    "list",
)
add(
    "Workbook",
    lambda d: qca.Workbook("x.xlsx", d.LF, readme=5),
    P,
    "'readme'",
    "Workbook",
    "str or None",
    "int",
)
add(
    "Workbook",
    lambda d: qca.Workbook(
        "x.xlsx",
        d.LR,
        calibration=pd.DataFrame({"set": ["D"], "source": ["GDP"], "thresholds": ["1, 2, 3"]}),
    ).calibrated(),
    D,
    "set 'D'",
    "source column 'GDP'",
    "columns: DEV",
)

# ---------------------------------------------------------------- calibrate
add("calibrate", lambda d: qca.calibrate(d.LR["DEV"]), C, "thresholds", "None")
add("calibrate", lambda d: qca.calibrate(d.LR["DEV"], [350, 550]), C, "3 anchors", "[350, 550]")
add("calibrate", lambda d: qca.calibrate(d.LR["DEV"], [1, 2, 3, 4]), C, "3 anchors", "[1, 2, 3, 4]")
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [550, 350, 900]),
    C,
    "legal orders",
    "[550, 350, 900]",
)
add(
    "calibrate", lambda d: qca.calibrate(d.LR["DEV"], [1, 2, 3, 4, 6, 5]), C, "legal orders", "e2=5"
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], "a,b,c"),
    C,
    "Thresholds",
    "finite numbers",
    "'a'",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [350, float("nan"), 900]),
    C,
    "Thresholds",
    "finite",
    "nan",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [1, 2, float("inf")]),
    C,
    "Thresholds",
    "finite",
    "inf",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], {"e": 350, "c": 550, "z": 900}),
    C,
    "keys e, c, i",
    "'z'",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [], kind="crisp"),
    C,
    "'thresholds'",
    "calibrate",
    "distinct",
    "[]",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [550, 550], kind="crisp"),
    C,
    "'thresholds'",
    "calibrate",
    "distinct",
    "[550, 550]",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [], method="indirect"),
    C,
    "'thresholds'",
    "calibrate",
    "distinct",
    "[]",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [1, 2, 3], method="tfr"),
    P,
    "'thresholds'",
    "calibrate",
    "None",
    "[1, 2, 3]",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], "e=p5, c=p50, i=p101"),
    C,
    "p0..p100",
    "'p101'",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], "e=p50, c=p50, i=p95"),
    C,
    "legal orders",
    "resolved to",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [350, 550, 900], shift_half=0.5),
    P,
    "'shift_half'",
    "calibrate",
    "0.5",
)
add(
    "resolve_thresholds",
    lambda d: qca.resolve_thresholds("e=p5, c=p50, i=p95", ["a", "b"]),
    D,
    "finite numbers",
)
add(
    "resolve_thresholds",
    lambda d: qca.resolve_thresholds("e=p5, c=p50, i=p200", d.LR["DEV"]),
    C,
    "p0..p100",
)
add(
    "configuration_table",
    lambda d: qca.configuration_table("DEV*STB"),
    P,
    "'solution'",
    "configuration_table",
    "qca.Solution",
)
add(
    "configuration_table",
    lambda d: qca.configuration_table(qca.minimize(qca.truth_table(d.LF, "SURV", incl_cut=0.8))),
    qca.QCAError,
    "dir_exp",
    "parsimonious",
)
add(
    "configuration_tables",
    lambda d: qca.configuration_tables(
        qca.minimize(qca.truth_table(d.LF, "SURV", incl_cut=0.8), include="?", dir_exp="DEV"),
        labels="DEV",
    ),
    P,
    "'labels'",
    "mapping",
)
add("skewness", lambda d: qca.skewness(d.LR), D, "skewness", "'DEV'", "[0, 1]")
add("skewness", lambda d: qca.skewness(d.LF, ["DEV", "GDP"]), P, "'sets'", "'GDP'")
add("skewness", lambda d: qca.skewness([0.2, 0.7]), P, "'data'", "DataFrame")
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [350, 550, 900], kind="foo"),
    P,
    "'kind'",
    "calibrate",
    "'fuzzy'",
    "'foo'",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [350, 550, 900], method="foo"),
    P,
    "'method'",
    "calibrate",
    "'direct'",
    "'foo'",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [350, 550, 900], method=None),
    P,
    "'method'",
    "calibrate",
    "None",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [350, 550, 900], logistic="yes"),
    P,
    "'logistic'",
    "calibrate",
    "True or False",
    "'yes'",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [350, 550, 900], idm=1.5),
    P,
    "'idm'",
    "calibrate",
    "(0.5, 1)",
    "1.5",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [350, 550, 900], idm=0.3),
    P,
    "'idm'",
    "calibrate",
    "0.3",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [350, 550, 900], ecdf="a"),
    P,
    "'ecdf'",
    "calibrate",
    "'a'",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [350, 550, 900], logistic=False, below=-1),
    P,
    "'below'",
    "calibrate",
    "> 0",
    "-1",
)
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [350, 550, 900], logistic=False, above="a"),
    P,
    "'above'",
    "calibrate",
    "'a'",
)
add(
    "calibrate",
    lambda d: qca.calibrate(pd.Series(["a", "b"]), [1, 2, 3]),
    D,
    "calibrate",
    "non-numeric",
    "'a'",
)
add(
    "calibrate",
    lambda d: qca.calibrate(pd.Series([1.0, np.nan, 5.0], name="GDP"), [1, 2, 3]),
    D,
    "calibrate",
    "column 'GDP'",
    "missing",
    "1",
)
add(
    "calibrate",
    lambda d: qca.calibrate(pd.Series([1.0, np.inf, 5.0]), [1, 2, 3]),
    D,
    "calibrate",
    "infinite",
)
add(
    "calibrate",
    lambda d: qca.calibrate(pd.Series([], dtype=float), [1, 2, 3]),
    D,
    "calibrate",
    "no values",
)
add("calibrate", lambda d: qca.calibrate(None, [1, 2, 3]), D, "calibrate", "missing")
add(
    "calibrate", lambda d: qca.calibrate(d.LR, [1, 2, 3]), D, "calibrate", "one column", "DataFrame"
)
add(
    "calibrate",
    lambda d: qca.calibrate(np.ones((2, 2)), [0, 0.5, 1]),
    D,
    "'x'",
    "calibrate",
    "1-D",
    "(2, 2)",
)

add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], [350, 550, 900], logistic=False, below=float("inf")),
    P,
    "'below'",
    "calibrate",
    "finite",
    "inf",
)
add("calibrate", lambda d: qca.calibrate(d.LR["DEV"], {350, 550, 900}), C, "Thresholds", "sequence")
add(
    "calibrate",
    lambda d: qca.calibrate(d.LR["DEV"], "e=1, c=2, i=3", method="indirect"),
    C,
    "plain numbers",
)
add(
    "calibrate", lambda d: qca.calibrate(d.LR["DEV"], [1e9], kind="crisp"), C, "1e+09", "range of x"
)

# ---------------------------------------------------------------- membership
add("membership", lambda d: qca.membership(d.LF, "FOO"), E, "'FOO'", "Known sets: DEV")
add("membership", lambda d: qca.membership(d.LF, ""), E, "''", "empty")
add("membership", lambda d: qca.membership(d.LF, "   "), E, "empty")
add(
    "membership",
    lambda d: qca.membership(d.LF, "DEV**URB"),
    E,
    "'DEV**URB'",
    "position 4",
    "expected a set name",
)
add("membership", lambda d: qca.membership(d.LF, "(DEV+URB"), E, "missing ')'")
add("membership", lambda d: qca.membership(d.LF, "DEV & URB"), E, "unexpected character '&'")
add("membership", lambda d: qca.membership(d.LF, None), E, "must be a string", "NoneType")
add("membership", lambda d: qca.membership(d.LF, "DEV -> SURV"), E, "membership", "arrow")
add("membership", lambda d: qca.membership(d.LF, "DEV[2]"), E, "'DEV[2]'", "fuzzy set", "DEV[1]")
add(
    "membership",
    lambda d: qca.membership([1, 2], "DEV"),
    P,
    "'data'",
    "membership",
    "DataFrame",
    "list",
)
add("membership", lambda d: qca.membership(None, "DEV"), P, "'data'", "membership", "NoneType")
add("membership", lambda d: qca.membership(d.text, "DEV"), D, "'DEV'", "BE", "'high'")
add("membership", lambda d: qca.membership(d.above, "DEV"), D, "'DEV'", "outside [0, 1]", "BE")
add("membership", lambda d: qca.membership(d.below, "~DEV"), D, "'DEV'", "outside [0, 1]", "BE")
add(
    "membership",
    lambda d: qca.membership(d.LM.assign(DEV=-1), "DEV[1]"),
    D,
    "'DEV'",
    "negative",
    "AU",
)

# ---------------------------------------------------------------- parse_expression
add("parse_expression", lambda d: qca.parse_expression(""), E, "''", "empty")
add("parse_expression", lambda d: qca.parse_expression(None), E, "must be a string", "NoneType")
add("parse_expression", lambda d: qca.parse_expression(3), E, "must be a string", "int")
add("parse_expression", lambda d: qca.parse_expression(["A"]), E, "must be a string", "list")
add("parse_expression", lambda d: qca.parse_expression("A*"), E, "'A*'", "position 2")
add("parse_expression", lambda d: qca.parse_expression("~"), E, "'~'", "position 1")
add("parse_expression", lambda d: qca.parse_expression("A[]"), E, "integer values", "'[]'")
add("parse_expression", lambda d: qca.parse_expression("A[-1]"), E, "integer values", "'[-1]'")
add("parse_expression", lambda d: qca.parse_expression("A -> B -> C"), E, "'->'", "position 7")

# ---------------------------------------------------------------- fit
add(
    "fit",
    lambda d: qca.fit("DEV", "SURV", d.LF, relation="both"),
    P,
    "'relation'",
    "fit",
    "'sufficiency'",
    "'both'",
)
add("fit", lambda d: qca.fit("DEV", "SURV", d.LF, relation=None), P, "'relation'", "fit", "None")
add("fit", lambda d: qca.fit("", "SURV", d.LF), E, "''", "empty")
add("fit", lambda d: qca.fit(None, "SURV", d.LF), P, "'expr'", "fit", "NoneType")
add("fit", lambda d: qca.fit(3, "SURV", d.LF), P, "'expr'", "fit", "int")
add("fit", lambda d: qca.fit("FOO", "SURV", d.LF), E, "'FOO'", "Known sets")
add("fit", lambda d: qca.fit("DEV", "FOO", d.LF), E, "'FOO'", "Known sets")
add("fit", lambda d: qca.fit("DEV", None, d.LF), P, "fit", "'outcome'")
add("fit", lambda d: qca.fit("DEV", 5, d.LF), P, "'outcome'", "fit", "5")
add("fit", lambda d: qca.fit("DEV -> SURV", "DEV", d.LF), P, "fit", "arrow", "outcome='DEV'")
add(
    "fit",
    lambda d: qca.fit("DEV", pd.Series([0.1, 0.2]), d.LF),
    P,
    "outcome of fit",
    "2 values",
    "18 cases",
)
add("fit", lambda d: qca.fit("DEV", d.LF["SURV"] * 3, d.LF), P, "outcome of fit", "[0, 1]")
add("fit", lambda d: qca.fit("DEV", d.nan["URB"], d.LF), P, "outcome of fit", "missing")
add("fit", lambda d: qca.fit("DEV", "SURV", None), P, "'data'", "fit", "NoneType")
add("fit", lambda d: qca.fit("DEV", "SURV", [1, 2]), P, "'data'", "fit", "list")
add("fit", lambda d: qca.fit("DEV", "SURV", d.empty), D, "'data'", "fit", "no cases")
add("fit", lambda d: qca.fit("URB", "SURV", d.nan), D, "'URB'", "missing for cases CZ", "fit")
add("fit", lambda d: qca.fit("DEV", "SURV", d.text), D, "'DEV'", "BE", "'high'")
add("fit", lambda d: qca.fit("DEV", "SURV", d.above), D, "'DEV'", "outside [0, 1]", "BE")
add("fit", lambda d: qca.fit(d.LF[["DEV"]] * 2, "SURV", d.LF), P, "conditions of fit", "[0, 1]")
add("fit", lambda d: qca.fit(d.LF[[]], "SURV", d.LF), P, "'expr'", "fit", "no columns")
add(
    "fit",
    lambda d: qca.fit(d.LF[["DEV"]].iloc[:0], d.LF["SURV"].iloc[:0]),
    D,
    "'expr'",
    "fit",
    "no cases",
)
add(
    "fit",
    lambda d: qca.fit(d.LF[["DEV"]], d.LF["SURV"].rename(lambda c: c + "x")),
    P,
    "outcome of fit",
    "same cases",
    "AU",
)

# ---------------------------------------------------------------- deviant_cases
add(
    "deviant_cases",
    lambda d: qca.deviant_cases("DEV", "SURV", d.LF, relation="both"),
    P,
    "'relation'",
    "deviant_cases",
    "'both'",
)
add("deviant_cases", lambda d: qca.deviant_cases("", "SURV", d.LF), E, "empty")
add("deviant_cases", lambda d: qca.deviant_cases("DEV", "FOO", d.LF), E, "'FOO'")
add(
    "deviant_cases",
    lambda d: qca.deviant_cases("DEV", "SURV", None),
    P,
    "'data'",
    "deviant_cases",
    "NoneType",
)
add(
    "deviant_cases",
    lambda d: qca.deviant_cases("DEV", "SURV", d.empty),
    D,
    "'data'",
    "deviant_cases",
    "no cases",
)
add(
    "deviant_cases",
    lambda d: qca.deviant_cases("URB", "SURV", d.nan),
    D,
    "'URB'",
    "CZ",
    "deviant_cases",
)
add("deviant_cases", lambda d: qca.deviant_cases("DEV", "SURV", d.text), D, "'DEV'", "BE")

# ---------------------------------------------------------------- super_subset
add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", incl_cut=1.5),
    P,
    "'incl_cut'",
    "super_subset",
    "[0, 1]",
    "1.5",
)
add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", incl_cut=-0.1),
    P,
    "'incl_cut'",
    "super_subset",
    "-0.1",
)
add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", cov_cut=-1),
    P,
    "'cov_cut'",
    "super_subset",
    "-1",
)
add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", ron_cut="x"),
    P,
    "'ron_cut'",
    "super_subset",
    "'x'",
)
add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", pri_cut=2),
    P,
    "'pri_cut'",
    "super_subset",
    "2",
)
add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", relation="both"),
    P,
    "'relation'",
    "super_subset",
    "'necessity'",
    "'both'",
)
add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", depth=0),
    P,
    "'depth'",
    "super_subset",
    ">= 1",
    "0",
)
add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", depth=1.5),
    P,
    "'depth'",
    "super_subset",
    "1.5",
)
add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", depth="2"),
    P,
    "'depth'",
    "super_subset",
    "'2'",
)
add("super_subset", lambda d: qca.super_subset(d.LF, "NOPE"), E, "'NOPE'", "Known sets")
add("super_subset", lambda d: qca.super_subset(d.LF, 1), P, "'outcome'", "super_subset", "1")
add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", ["FOO"]),
    P,
    "'FOO'",
    "super_subset",
    "columns: DEV",
)
add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", []),
    P,
    "super_subset",
    "at least one condition",
)
add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", 5),
    P,
    "'conditions'",
    "super_subset",
    "5",
)
add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", ["DEV", "SURV"]),
    P,
    "'SURV'",
    "super_subset",
    "condition",
)
add(
    "super_subset",
    lambda d: qca.super_subset(None, "SURV"),
    P,
    "'data'",
    "super_subset",
    "NoneType",
)
add(
    "super_subset",
    lambda d: qca.super_subset(d.empty, "SURV"),
    D,
    "'data'",
    "super_subset",
    "no cases",
)
add("super_subset", lambda d: qca.super_subset(d.nan, "SURV"), D, "'URB'", "missing", "CZ")
add("super_subset", lambda d: qca.super_subset(d.text, "SURV"), D, "'DEV'", "BE", "'high'")
add("super_subset", lambda d: qca.super_subset(d.above, "SURV"), D, "'DEV'", "outside [0, 1]", "BE")

add(
    "super_subset",
    lambda d: qca.super_subset(d.LF, "SURV", ["DEV", "DEV"]),
    P,
    "'conditions'",
    "super_subset",
    "twice",
    "['DEV']",
)
add("super_subset", lambda d: qca.super_subset(d.LF, "DEV -> SURV"), P, "'outcome'", "relation")

# ---------------------------------------------------------------- truth_table
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", incl_cut=1.5),
    P,
    "'incl_cut'",
    "truth_table",
    "[0, 1]",
    "1.5",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", incl_cut=-0.1),
    P,
    "'incl_cut'",
    "truth_table",
    "-0.1",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", incl_cut="0.8"),
    P,
    "'incl_cut'",
    "truth_table",
    "'0.8'",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", incl_cut=float("nan")),
    P,
    "'incl_cut'",
    "truth_table",
    "nan",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", incl_cut=(0.9, 0.8, 0.7)),
    P,
    "'incl_cut'",
    "truth_table",
    "pair",
    "(0.9, 0.8, 0.7)",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", incl_cut=(0.7, 0.9)),
    P,
    "'incl_cut'",
    "truth_table",
    "incl0 <= incl1",
    "(0.7, 0.9)",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", n_cut=0),
    P,
    "'n_cut'",
    "truth_table",
    ">= 1",
    "0",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", n_cut=1.5),
    P,
    "'n_cut'",
    "truth_table",
    "1.5",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", n_cut=True),
    P,
    "'n_cut'",
    "truth_table",
    "True",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", n_cut=100),
    qca.QCAError,
    "n_cut = 100",
    "largest row has 4",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", pri_cut=2),
    P,
    "'pri_cut'",
    "truth_table",
    "2",
)
add("truth_table", lambda d: qca.truth_table(d.LF, "NOPE"), E, "'NOPE'", "Known sets")
add("truth_table", lambda d: qca.truth_table(d.LF, 3), P, "'outcome'", "truth_table", "3")
add("truth_table", lambda d: qca.truth_table(d.LF, ""), P, "'outcome'", "truth_table", "''")
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "DEV -> SURV"),
    P,
    "'outcome'",
    "truth_table",
    "relation",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", ["DEV", "FOO"]),
    P,
    "'FOO'",
    "truth_table",
    "columns: DEV",
)
add("truth_table", lambda d: qca.truth_table(d.LF, "SURV", "DEV, FOO"), P, "'FOO'", "truth_table")
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", []),
    P,
    "truth_table",
    "at least one condition",
)
add(
    "truth_table", lambda d: qca.truth_table(d.LF, "SURV", 5), P, "'conditions'", "truth_table", "5"
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", ["DEV", "SURV"]),
    P,
    "'SURV'",
    "truth_table",
    "condition",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", ["DEV", "DEV"]),
    P,
    "truth_table",
    "twice",
    "'DEV'",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", sort_by=["bogus"]),
    P,
    "'sort_by'",
    "truth_table",
    "'incl'",
    "['bogus']",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", sort_by="bogus"),
    P,
    "'sort_by'",
    "truth_table",
    "'bogus'",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", sort_by=3),
    P,
    "'sort_by'",
    "truth_table",
    "3",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", exclude=[999]),
    P,
    "'exclude'",
    "truth_table",
    "[999]",
    "32 configurations",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", exclude=[0]),
    P,
    "'exclude'",
    "truth_table",
    ">= 1",
    "0",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", exclude=["a"]),
    P,
    "'exclude'",
    "truth_table",
    "'a'",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", exclude=[2.5]),
    P,
    "'exclude'",
    "truth_table",
    "2.5",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", complete="yes"),
    P,
    "'complete'",
    "truth_table",
    "True or False",
    "'yes'",
)
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF, "SURV", show_cases="no"),
    P,
    "'show_cases'",
    "truth_table",
    "'no'",
)
add(
    "truth_table",
    lambda d: qca.truth_table([[1, 2]], "SURV"),
    P,
    "'data'",
    "truth_table",
    "DataFrame",
    "list",
)
add("truth_table", lambda d: qca.truth_table(None, "SURV"), P, "'data'", "truth_table", "NoneType")
add(
    "truth_table",
    lambda d: qca.truth_table(d.empty, "SURV"),
    D,
    "'data'",
    "truth_table",
    "no cases",
)
add("truth_table", lambda d: qca.truth_table(d.nan, "SURV"), D, "'URB'", "missing", "CZ")
add("truth_table", lambda d: qca.truth_table(d.text, "SURV"), D, "'DEV'", "BE", "'high'")
add("truth_table", lambda d: qca.truth_table(d.above, "SURV"), D, "'DEV'", "outside [0, 1]", "BE")
add("truth_table", lambda d: qca.truth_table(d.below, "SURV"), D, "'DEV'", "outside [0, 1]", "BE")
add(
    "truth_table",
    lambda d: qca.truth_table(d.LF.assign(SURV=d.LF["SURV"] * 2), "SURV"),
    D,
    "'SURV'",
    "[0, 1]",
    "BE",
)
add("truth_table", lambda d: d.tt.rebuild(incl_cut=1.5), P, "'incl_cut'", "truth_table", "1.5")
add("truth_table", lambda d: d.tt.rebuild(bogus=1), P, "rebuild", "truth_table", "['bogus']")

# ---------------------------------------------------------------- find_rows
add(
    "find_rows",
    lambda d: qca.find_rows(d.tt, type=5),
    P,
    "'type'",
    "find_rows",
    "0, 1, 2 or 3",
    "5",
)
add("find_rows", lambda d: qca.find_rows(d.tt, type="1"), P, "'type'", "find_rows", "'1'")
add("find_rows", lambda d: qca.find_rows(d.tt, type=1.5), P, "'type'", "find_rows", "1.5")
add("find_rows", lambda d: qca.find_rows(None), P, "'tt'", "find_rows", "TruthTable", "NoneType")
add("find_rows", lambda d: qca.find_rows(d.LF), P, "'tt'", "find_rows", "DataFrame")
add("find_rows", lambda d: qca.find_rows(d.tt, "FOO"), E, "'FOO'", "DEV, URB")
add(
    "find_rows", lambda d: qca.find_rows(d.tt, "SURV"), E, "'SURV'", "Conditions of the truth table"
)
add("find_rows", lambda d: qca.find_rows(d.tt, "DEV*"), E, "'DEV*'", "position 4")
add("find_rows", lambda d: qca.find_rows(d.tt, 5), P, "'expr'", "find_rows", "string", "5")
add(
    "find_rows",
    lambda d: qca.find_rows(d.tt, "DEV", observed="x"),
    P,
    "'observed'",
    "find_rows",
    "'x'",
)
add(
    "find_rows",
    lambda d: qca.find_rows(d.tt, type=2, incl_cut=1.5),
    P,
    "'incl_cut'",
    "find_rows",
    "1.5",
)
add("find_rows", lambda d: qca.find_rows(d.tt, type=2, n_cut=0), P, "'n_cut'", "find_rows", "0")
add(
    "find_rows",
    lambda d: qca.find_rows(d.tt, type=2, pri_cut=-1),
    P,
    "'pri_cut'",
    "find_rows",
    "-1",
)

# ---------------------------------------------------------------- minimize
add("minimize", lambda d: qca.minimize(d.tt, include="x"), P, "'include'", "minimize", "'?'", "'x'")
add("minimize", lambda d: qca.minimize(d.tt, include=1), P, "'include'", "minimize", "1")
add(
    "minimize",
    lambda d: qca.minimize(d.tt, method="foo"),
    P,
    "'method'",
    "minimize",
    "'ccubes'",
    "'foo'",
)
add(
    "minimize",
    lambda d: qca.minimize(d.tt, include="?", exclude=[999]),
    P,
    "'exclude'",
    "minimize",
    "between 1 and 32",
    "999",
)
add(
    "minimize",
    lambda d: qca.minimize(d.tt, include="?", exclude=[0]),
    P,
    "'exclude'",
    "minimize",
    "0",
)
add(
    "minimize",
    lambda d: qca.minimize(d.tt, include="?", exclude=["a"]),
    P,
    "'exclude'",
    "minimize",
    "'a'",
)
add(
    "minimize",
    lambda d: qca.minimize(d.tt, include="?", exclude=[2.5]),
    P,
    "'exclude'",
    "minimize",
    "2.5",
)
add(
    "minimize",
    lambda d: qca.minimize(d.tt, include="?", dir_exp="FOO"),
    E,
    "'FOO'",
    "not a condition",
    "DEV, URB",
)
add(
    "minimize",
    lambda d: qca.minimize(d.tt, include="?", dir_exp="SURV"),
    E,
    "'SURV'",
    "not a condition",
)
add(
    "minimize",
    lambda d: qca.minimize(d.tt, include="?", dir_exp={"FOO": 1}),
    P,
    "'dir_exp'",
    "minimize",
    "'FOO'",
)
add(
    "minimize",
    lambda d: qca.minimize(d.tt, include="?", dir_exp={"DEV": 7}),
    P,
    "'dir_exp'",
    "minimize",
    "0..1",
    "7",
)
add(
    "minimize",
    lambda d: qca.minimize(d.tt, include="?", dir_exp=5),
    P,
    "'dir_exp'",
    "minimize",
    "mapping",
    "5",
)
add(
    "minimize",
    lambda d: qca.minimize(d.tt, include="?", exclude=99),
    P,
    "'exclude'",
    "minimize",
    "between 1 and 32",
    "99",
)
add("minimize", lambda d: qca.minimize(d.tt, include="?", exclude="12"), P, "'exclude'", "'12'")
add(
    "minimize",
    lambda d: qca.minimize(d.tt, include="?", dir_exp="DEV,,"),
    P,
    "'dir_exp'",
    "minimize",
    "empty expectation",
    "'DEV,,'",
)
add(
    "minimize",
    lambda d: qca.minimize(d.tt, include=None),
    P,
    "'include'",
    "minimize",
    "'?, C'",
    "None",
)
add("minimize", lambda d: qca.minimize(d.tt, include="?,"), P, "'include'", "minimize", "'?,'")
add(
    "minimize",
    lambda d: qca.minimize(d.LF, outcome="SURV", incl_cut=0.8, bogus=1),
    P,
    "['bogus']",
    "minimize",
    "include, exclude",
    "incl_cut",
    "bogus=1",
)
add("minimize", lambda d: qca.minimize(d.tt, bogus=1), P, "['bogus']", "minimize")
add("minimize", lambda d: qca.minimize(d.tt, row_dom="x"), P, "'row_dom'", "minimize", "'x'")
add("minimize", lambda d: qca.minimize(d.tt, all_sol="x"), P, "'all_sol'", "minimize", "'x'")
add("minimize", lambda d: qca.minimize(d.tt, esa="x"), P, "'esa'", "minimize", "'x'")
add(
    "minimize",
    lambda d: qca.minimize(d.tt, pi_cons=1.5),
    P,
    "'pi_cons'",
    "minimize",
    "[0, 1]",
    "1.5",
)
add("minimize", lambda d: qca.minimize(d.tt, sol_cons=-1), P, "'sol_cons'", "minimize", "-1")
add("minimize", lambda d: qca.minimize(d.tt, pi_cons="a"), P, "'pi_cons'", "minimize", "'a'")
add("minimize", lambda d: qca.minimize(None), P, "'tt'", "minimize", "TruthTable", "NoneType")
add("minimize", lambda d: qca.minimize([1, 2]), P, "'tt'", "minimize", "list")
add("minimize", lambda d: qca.minimize(d.LF), P, "minimize", "outcome=")
add("minimize", lambda d: qca.minimize(d.LF, outcome="SURV", incl_cut=1.5), P, "'incl_cut'", "1.5")
add("minimize", lambda d: qca.minimize(d.nan, outcome="SURV", incl_cut=0.8), D, "'URB'", "CZ")
add("minimize", lambda d: qca.minimize(d.text, outcome="SURV", incl_cut=0.8), D, "'DEV'", "'high'")
add("minimize", lambda d: qca.minimize(d.empty, outcome="SURV"), D, "'data'", "no cases")
add(
    "minimize",
    lambda d: qca.minimize(qca.truth_table(d.LF, "SURV")),
    qca.NoSolutionError,
    "Nothing to explain",
    "'SURV'",
)

# ---------------------------------------------------------------- robustness
add("robustness", lambda d: _robustness(jobs=0), P, "'jobs'", "robustness", ">= 1", "0")
add("robustness", lambda d: _robustness(jobs=-2), P, "'jobs'", "robustness", "-2")
add("robustness", lambda d: _robustness(jobs="2"), P, "'jobs'", "robustness", "'2'")
add("robustness", lambda d: _robustness(jobs=1.5), P, "'jobs'", "robustness", "1.5")
add("robustness", lambda d: _robustness(incl_cut=1.5), P, "'incl_cut'", "robustness", "1.5")
add(
    "robustness",
    lambda d: _robustness(dir_exp="A,,"),
    P,
    "'dir_exp'",
    "robustness (passed on to minimize)",
    "'A,,'",
)
add(
    "robustness",
    lambda d: _robustness(anchors={"A": ("NOPE", "e=2, c=5, i=8")}),
    D,
    "'A'",
    "'NOPE'",
    "columns: X",
)
add("robustness", lambda d: _robustness(anchors={"A": ("X", "a,b,c")}), C, "Thresholds", "'a'")
add(
    "robustness",
    lambda d: _robustness(anchors=[1, 2]),
    P,
    "'anchors'",
    "robustness",
    "mapping",
    "list",
)
add("robustness", lambda d: _robustness(anchors={"A": 5}), P, "'anchors'", "robustness", "5")
add("robustness", lambda d: _robustness(shifts="a"), P, "'shifts'", "robustness", "'a'")
add("robustness", lambda d: _robustness(drop_cases=["zz"]), P, "'drop_cases'", "robustness", "'zz'")
add("robustness", lambda d: _robustness(include="foo"), P, "'include'", "'foo'")
add("robustness", lambda d: _robustness(method="foo"), P, "'method'", "'foo'")
add("robustness", lambda d: _robustness(bogus=1), P, "['bogus']", "robustness", "include")
add("robustness", lambda d: _robustness(incl_cuts=[1.5]), P, "'incl_cuts'", "robustness", "1.5")
add(
    "robustness",
    lambda d: _robustness(incl_cuts="abc"),
    P,
    "'incl_cuts'",
    "robustness",
    "fraction",
    "'abc'",
)
add("robustness", lambda d: _robustness(n_cuts=[0]), P, "'n_cuts'", "robustness", ">= 1", "0")
add("robustness", lambda d: _robustness(n_cuts="3"), P, "'n_cuts'", "robustness", "'3'")
add(
    "robustness",
    lambda d: _robustness(drop_cases="yes"),
    P,
    "'drop_cases'",
    "robustness",
    "True",
    "list of case ids",
    "'yes'",
)
add(
    "robustness",
    lambda d: _robustness(progress="x"),
    P,
    "'progress'",
    "robustness",
    "True or False",
    "'x'",
)
add(
    "robustness",
    lambda d: _robustness(shifts=(5,)),
    P,
    "'shifts'",
    "robustness",
    "between -1 and 1",
    "(5,)",
)
add(
    "robustness",
    lambda d: qca.robustness(None, "Y"),
    P,
    "'data_or_workbook'",
    "robustness",
    "NoneType",
)
add("robustness", lambda d: qca.robustness([1], "Y"), P, "'data_or_workbook'", "robustness", "list")
add("robustness", lambda d: qca.robustness(RAW, None), P, "'outcome'", "robustness", "None")
add(
    "robustness",
    lambda d: qca.robustness(RAW, "NOPE", ["A", "B"], anchors=ANCHORS, incl_cut=0.8, include="?"),
    E,
    "'NOPE'",
)
add(
    "robustness",
    lambda d: qca.robustness(RAW, "Y", ["A", "Q"], anchors=ANCHORS, incl_cut=0.8, include="?"),
    P,
    "'conditions'",
    "robustness",
    "'Q'",
    "columns and sets: X, Z, Y, A, B",
)
add(
    "robustness",
    lambda d: qca.robustness(RAW, "Y", 5, anchors=ANCHORS, incl_cut=0.8, include="?"),
    P,
    "'conditions'",
    "robustness",
    "5",
)
add(
    "robustness",
    lambda d: qca.robustness(
        RAW.iloc[:0], "Y", ["A", "B"], anchors=ANCHORS, incl_cut=0.8, include="?"
    ),
    D,
    "'X'",
    "no values",
)
add(
    "robustness",
    lambda d: qca.robustness(
        RAW.assign(X=[1, np.nan, 5, 7, 9, 8, 2, 6]),
        "Y",
        ["A", "B"],
        anchors=ANCHORS,
        incl_cut=0.8,
        include="?",
    ),
    D,
    "'X'",
    "missing",
    "'b'",
)

# ---------------------------------------------------------------- run_sweep
add("run_sweep", lambda d: qca.run_sweep(max, range(3), workers=0), P, "'workers'", "run_sweep", ">= 1", "0")
add("run_sweep", lambda d: qca.run_sweep(max, range(3), workers="2"), P, "'workers'", "'2'")
add("run_sweep", lambda d: qca.run_sweep(max, range(3), seed=-1), P, "'seed'", "run_sweep", ">= 0", "-1")
add("run_sweep", lambda d: qca.run_sweep(max, range(3), scheduler=1), P, "'scheduler'", "tcp://", "1")
add("run_sweep", lambda d: qca.run_sweep(max, "abc"), P, "'tasks'", "run_sweep", "sequence", "str")
add("run_sweep", lambda d: qca.run_sweep(None, range(3)), P, "'function'", "callable", "None")
add("run_sweep", lambda d: qca.run_sweep(max, range(3), chunk_size=0), P, "'chunk_size'", ">= 1", "0")

# ---------------------------------------------------------------- simulate
add("simulate", lambda d: qca.simulate(1, 2), P, "'cases'", "simulate", ">= 2", "1")
add("simulate", lambda d: qca.simulate(10, "3"), P, "'conditions'", "simulate", "'3'")
add("simulate", lambda d: qca.simulate(10, 2, kind="mv"), P, "'kind'", "simulate", "'mv'")
add("simulate", lambda d: qca.simulate(10, 2, replications=0), P, "'replications'", ">= 1", "0")
add("simulate", lambda d: qca.simulate(10, 2, sol_cons=2), P, "'sol_cons'", "simulate", "2")
add("simulate", lambda d: qca.simulate(10, 2, workers=-3), P, "'workers'", "simulate", "-3")

# ---------------------------------------------------------------- plots
add("xy_plot", lambda d: qca.xy_plot(d.LF, "FOO", "SURV"), E, "'FOO'")
add("xy_plot", lambda d: qca.xy_plot(d.LF, "", "SURV"), P, "'x'", "xy_plot", "''")
add("xy_plot", lambda d: qca.xy_plot(d.LF, 3, "SURV"), P, "'x'", "xy_plot", "3")
add(
    "xy_plot",
    lambda d: qca.xy_plot(d.LF, "DEV", "SURV", relation="both"),
    P,
    "'relation'",
    "xy_plot",
    "'both'",
)
add("xy_plot", lambda d: qca.xy_plot(None, "DEV", "SURV"), P, "'data'", "xy_plot", "NoneType")
add("xy_plot", lambda d: qca.xy_plot(d.nan, "URB", "SURV"), D, "'URB'", "CZ", "xy_plot")
add("xy_plot", lambda d: qca.xy_plot(d.text, "DEV", "SURV"), D, "'DEV'", "BE")
add("xy_plot", lambda d: qca.xy_plot(d.above, "DEV", "SURV"), D, "'DEV'", "outside [0, 1]")
add("xy_plot", lambda d: qca.xy_plot(d.LF, d.LF["DEV"] * 2, "SURV"), P, "'x'", "xy_plot", "[0, 1]")
add(
    "xy_plot",
    lambda d: qca.xy_plot(d.LF, "DEV", d.nan["URB"]),
    P,
    "'y'",
    "xy_plot",
    "[0, 1]",
    "nan",
    "CZ",
)
add(
    "xy_plot",
    lambda d: qca.xy_plot(d.LF, d.LF["DEV"].iloc[1:], "SURV"),
    P,
    "'x'",
    "xy_plot",
    "without cases AU",
)
add(
    "xy_plot",
    lambda d: qca.xy_plot(d.LF, "DEV", "SURV", ax="x"),
    P,
    "'ax'",
    "xy_plot",
    "matplotlib Axes",
    "'x'",
)
add(
    "xy_plot",
    lambda d: qca.xy_plot(d.LF, "DEV", "SURV", labels="x"),
    P,
    "'labels'",
    "xy_plot",
    "True or False",
    "'x'",
)
add("xy_plot", lambda d: qca.xy_plot(d.empty, "DEV", "SURV"), D, "'data'", "xy_plot", "no cases")
add(
    "truth_table_plot",
    lambda d: qca.truth_table_plot(d.tt, ax="a"),
    P,
    "'ax'",
    "truth_table_plot",
    "matplotlib Axes",
    "'a'",
)
add(
    "truth_table_plot",
    lambda d: qca.truth_table_plot(d.tt, max_cases="a"),
    P,
    "'max_cases'",
    "truth_table_plot",
    "integer >= 1",
    "'a'",
)
add(
    "truth_table_plot",
    lambda d: qca.truth_table_plot(d.tt, max_cases=-1),
    P,
    "'max_cases'",
    "truth_table_plot",
    "-1",
)
add(
    "robustness_plot",
    lambda d: qca.robustness_plot(d.rob(), ax="a"),
    P,
    "'ax'",
    "robustness_plot",
    "matplotlib Axes",
    "'a'",
)
add(
    "truth_table_plot",
    lambda d: qca.truth_table_plot(None),
    P,
    "'tt'",
    "truth_table_plot",
    "NoneType",
)
add(
    "truth_table_plot",
    lambda d: qca.truth_table_plot(d.LF),
    P,
    "'tt'",
    "truth_table_plot",
    "DataFrame",
)
add(
    "robustness_plot",
    lambda d: qca.robustness_plot(None),
    P,
    "'robustness'",
    "robustness_plot",
    "NoneType",
)
add(
    "robustness_plot",
    lambda d: qca.robustness_plot(d.LF),
    P,
    "'robustness'",
    "robustness_plot",
    "DataFrame",
)
add(
    "robustness_plot",
    lambda d: qca.robustness_plot(d.rob(), what="foo"),
    P,
    "'what'",
    "robustness_plot",
    "'terms'",
    "'foo'",
)

# ---------------------------------------------------------------- good_practice_checks
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(d.LF, "NOPE"),
    P,
    "'outcome'",
    "good_practice_checks",
    "'NOPE'",
    "columns: DEV",
)
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(d.LF, 5),
    P,
    "'outcome'",
    "good_practice_checks",
    "5",
)
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(d.LF, "SURV", ["FOO"]),
    P,
    "good_practice_checks",
    "'FOO'",
)
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(None, "SURV"),
    P,
    "'data'",
    "good_practice_checks",
    "NoneType",
)
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(d.LF, "SURV", "DEV, FOO"),
    P,
    "'conditions'",
    "good_practice_checks",
    "no column 'FOO'",
)
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(d.LF, "SURV", 5),
    P,
    "'conditions'",
    "good_practice_checks",
    "list of set names",
    "5",
)
add("good_practice_checks", lambda d: qca.good_practice_checks(d.nan, "SURV"), D, "'URB'", "CZ")
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(d.text, "SURV"),
    D,
    "'DEV'",
    "good_practice_checks",
    "BE",
    "'high'",
)
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(d.above, "SURV"),
    D,
    "'DEV'",
    "BE",
    "1.7",
    "outside [0, 1]",
)
add("good_practice_checks", lambda d: qca.good_practice_checks(d.below, "SURV"), D, "'DEV'", "-0.2")
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(d.empty, "SURV"),
    D,
    "'data'",
    "good_practice_checks",
    "no cases",
)
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(d.LF, "SURV", tt="x"),
    P,
    "'tt'",
    "good_practice_checks",
    "TruthTable",
    "str",
)
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(d.LF, "~SURV", tt=d.tt),
    P,
    "'tt'",
    "good_practice_checks",
    "'~SURV'",
    "'SURV'",
)
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(d.LF, "SURV", impossible=5),
    P,
    "'impossible'",
    "good_practice_checks",
    "5",
)
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(d.LF, "SURV", impossible="FOO"),
    E,
    "'FOO'",
)
add(
    "good_practice_checks",
    lambda d: qca.good_practice_checks(d.LF, "SURV", impossible="DEV*"),
    E,
    "'DEV*'",
)

# ---------------------------------------------------------------- nca (issue 15)
add("nca", lambda d: qca.nca(d.LF, "DEV", "NOPE"), D, "'NOPE'", "nca", "not a column")
add("nca", lambda d: qca.nca(d.LF, 5, "SURV"), P, "'conditions'", "nca", "5")
add("nca", lambda d: qca.nca(d.LF, "DEV", "SURV", test_rep=-1), P, "'test_rep'", "nca", "-1")
add("nca", lambda d: qca.nca(d.LF, "DEV", "SURV", seed="x"), P, "'seed'", "nca", "'x'")
add("nca", lambda d: qca.nca(d.text, "DEV", "SURV"), D, "'DEV'", "BE", "'high'")
add("nca", lambda d: qca.nca(d.LF.assign(C=0.5), "C", "SURV"), D, "'C'", "constant")
add("nca_plot", lambda d: qca.nca_plot("x", "DEV"), P, "'result'", "nca_plot", "str")
add(
    "nca_plot",
    lambda d: qca.nca_plot(qca.nca(d.LF, "DEV", "SURV"), "URB"),
    P,
    "'condition'",
    "nca_plot",
    "'URB'",
)

# ---------------------------------------------------------------- cluster (issue 15)
add(
    "cluster",
    lambda d: qca.cluster(d.LF, "DEV", "SURV", units=list(d.LF.index), clusters=[1] * 18),
    D,
    "one observation per unit",
)
add(
    "cluster",
    lambda d: qca.cluster(d.LF, "DEV", "SURV", units="NOPE", clusters="DEV"),
    D,
    "'units'",
    "cluster",
    "'NOPE'",
)
add(
    "cluster",
    lambda d: qca.cluster(d.LF, "DEV", "SURV", units=[1, 2], clusters="DEV"),
    P,
    "'units'",
    "cluster",
    "[1, 2]",
)
add(
    "cluster",
    lambda d: qca.cluster(d.LF, "DEV", 5, units="DEV", clusters="URB"),
    P,
    "'outcome'",
    "cluster",
    "5",
)
add(
    "cluster",
    lambda d: qca.cluster(d.LF, "DEV", "SURV", units="DEV", clusters="URB", relation="x"),
    P,
    "'relation'",
    "cluster",
    "'x'",
)
add("cluster_plot", lambda d: qca.cluster_plot(None), P, "'result'", "cluster_plot", "NoneType")

# ---------------------------------------------------------------- theory_evaluation (issue 15)
add(
    "theory_evaluation",
    lambda d: qca.theory_evaluation(d.LF, "DEV*NOPE", "DEV", "SURV"),
    E,
    "'NOPE'",
    "theory",
)
add(
    "theory_evaluation",
    lambda d: qca.theory_evaluation(d.LF, 5, "DEV", "SURV"),
    P,
    "'theory'",
    "theory_evaluation",
    "5",
)
add(
    "theory_evaluation",
    lambda d: qca.theory_evaluation(d.LF, "DEV", "DEV", None),
    P,
    "'outcome'",
    "theory_evaluation",
    "None",
)

# ---------------------------------------------------------------- case_selection (issue 15)
add(
    "case_selection",
    lambda d: qca.case_selection(d.LF, "DEV*NOPE", "SURV"),
    E,
    "'NOPE'",
    "case_selection",
)
add(
    "case_selection",
    lambda d: qca.case_selection(d.LF, "DEV", "SURV", ["DEV", "NOPE"]),
    P,
    "'conditions'",
    "case_selection",
    "'NOPE'",
)
add(
    "case_selection",
    lambda d: qca.case_selection(d.LF, 3, "SURV"),
    P,
    "'solution'",
    "case_selection",
    "3",
)

# ---------------------------------------------------------------- range robustness (issue 15)
add(
    "robustness_ranges",
    lambda d: qca.robustness_ranges(RAW, "Y", ["A", "B"], anchors=ANCHORS, max_runs=0),
    P,
    "'max_runs'",
    "robustness_ranges",
    "0",
)
add(
    "robustness_ranges",
    lambda d: qca.robustness_ranges(RAW, "Y", ["A", "B"], anchors=ANCHORS, anchor_step=2),
    P,
    "'anchor_step'",
    "robustness_ranges",
    "2",
)
add(
    "robust_cases",
    lambda d: qca.robust_cases(d.LF, "DEV", "URB", "SURV"),
    P,
    "'tests'",
    "robust_cases",
    "'URB'",
)
add(
    "robust_cases",
    lambda d: qca.robust_cases(d.LF, "DEV*NOPE", ["URB"], "SURV"),
    E,
    "'NOPE'",
    "robust_cases",
)
add("robust_xy_plot", lambda d: qca.robust_xy_plot(None), P, "'result'", "robust_xy_plot")


@pytest.mark.parametrize(("name", "call", "error", "says"), CALLS)
def test_bad_parameters_raise_a_clear_qca_error(
    d: SimpleNamespace,
    name: str,
    call: Callable[[SimpleNamespace], Any],
    error: type[Exception],
    says: tuple[str, ...],
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qca.QCAWarning)
        try:
            call(d)
        except NotImplementedError as exc:  # a placeholder module another engineer replaces
            pytest.skip(f"{name}: {exc}")
        except qca.QCAError as exc:
            caught = exc
        else:
            pytest.fail(f"{name} accepted a bad parameter without raising a QCAError")
    assert isinstance(caught, error), f"{name}: {type(caught).__name__}: {caught}"
    message = str(caught)
    for fragment in says:
        assert fragment in message, f"{name}: {fragment!r} not in {message!r}"


def _public_callables() -> list[str]:
    names = []
    for name in qca.__all__:
        value = getattr(qca, name)
        if inspect.isclass(value) and issubclass(value, (Exception, Warning)):
            continue
        if callable(value) and name not in RESULTS:
            names.append(name)
    return names


def test_every_public_function_is_fed_bad_parameters() -> None:
    covered = {param.values[0] for param in CALLS}
    assert set(_public_callables()) - covered == set()
    assert covered - set(_public_callables()) == set()


def test_result_classes_are_the_only_callables_left_out() -> None:
    callables = {
        n
        for n in qca.__all__
        if callable(getattr(qca, n))
        and not (
            inspect.isclass(getattr(qca, n)) and issubclass(getattr(qca, n), (Exception, Warning))
        )
    }
    assert callables - set(_public_callables()) == RESULTS


def test_fit_aligns_an_outcome_given_in_another_case_order(d: SimpleNamespace) -> None:
    # Not an error, but never a silent wrong result: the outcome is matched by case id.
    reordered = qca.fit(d.LF[["DEV"]], d.LF["SURV"].iloc[::-1])
    pd.testing.assert_frame_equal(reordered, qca.fit(d.LF[["DEV"]], d.LF["SURV"]))


def test_membership_keeps_missing_values_missing(d: SimpleNamespace) -> None:
    # As R's compute: NA in, NA out (fit and truth_table refuse them, see above).
    values = qca.membership(d.nan, "URB*DEV")
    assert np.isnan(values["CZ"])
    assert values.drop("CZ").notna().all()
