"""qca.Analysis: one resolved specification behind the CLI, the reports and robustness."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import qca
from qca.cli import cli
from qca.workbook import write_workbook

ROOT = Path(__file__).resolve().parent.parent
LIPSET = str(ROOT / "cases" / "lipset.xlsx")
EXPECT = "DEV, URB, LIT, IND, STB"


@pytest.fixture
def book(tmp_path):
    cases = pd.DataFrame(
        {
            "A": [1, 1, 0, 0, 1, 0],
            "B": [1, 0, 1, 0, 1, 1],
            "C": [0, 1, 1, 0, 0, 1],
            "Y": [1, 1, 0, 0, 1, 0],
        },
        index=pd.Index(list("abcdef"), name="case"),
    )
    path = tmp_path / "study.xlsx"
    write_workbook(
        path, cases, analysis={"outcome": "Y", "incl_cut": 0.8, "dir_exp": "A, B", "exclude": [3]}
    )
    return path


def test_analysis_is_public():
    assert "Analysis" in qca.__all__ and "AnalysisResult" in qca.__all__
    assert qca.Analysis.__doc__ and "Examples" in qca.Analysis.__doc__


def test_one_precedence_rule(book):
    a = qca.Analysis.from_workbook(book)
    assert (a.incl_cut, a.dir_exp, a.exclude, a.n_cut) == (0.8, "A, B", (3,), 1)
    assert a.origin["incl_cut"] == "sheet" and a.origin["n_cut"] == "default"
    b = qca.Analysis.from_workbook(book, incl_cut=0.9, n_cut=2)
    assert (b.incl_cut, b.n_cut) == (0.9, 2) and b.origin["incl_cut"] == "given"
    # an explicit empty value means empty, not "use the sheet"
    c = qca.Analysis.from_workbook(book, dir_exp="", exclude=[])
    assert c.dir_exp is None and c.exclude == () and c.solution_type == "conservative"
    assert c.origin["dir_exp"] == "given"


def test_solution_type_follows_the_options(book):
    assert qca.Analysis.from_workbook(book).solution_type == "intermediate"
    assert qca.Analysis.from_workbook(book, dir_exp="", include="?").solution_type == "parsimonious"
    a = qca.Analysis.from_workbook(book, solutions="all")
    assert a.solutions == ("conservative", "parsimonious", "intermediate")
    assert a.include_for("intermediate") == "?" and a.include_for("conservative") == ""


def test_validated_once_with_one_error_path(book):
    with pytest.raises(qca.InvalidParameterError, match="'incl_cut' parameter of Analysis"):
        qca.Analysis.from_workbook(book, incl_cut=1.5)
    with pytest.raises(qca.InvalidParameterError, match="'include' parameter of Analysis"):
        qca.Analysis.from_workbook(book, include="x")
    with pytest.raises(qca.ExpressionError, match="Unknown set 'Z'"):
        qca.Analysis.from_workbook(book, outcome="Z")
    with pytest.raises(qca.InvalidParameterError, match=r"unknown option\(s\) \['bogus'\]"):
        qca.Analysis.from_workbook(book, bogus=1)
    with pytest.raises(qca.InvalidParameterError, match="needs directional expectations"):
        qca.Analysis.from_workbook(book, dir_exp="", solutions=["intermediate"])


def test_run_gives_one_result(book):
    result = qca.Analysis.from_workbook(book, solutions="all").run()
    assert list(result.solutions) == ["conservative", "parsimonious", "intermediate"]
    assert result.truth_table.options["exclude"] == [3]
    assert list(result.necessity.columns) == ["inclN", "RoN", "covN"]
    sol = result.solutions["intermediate"]
    assert sol.include == "?" and sol.dir_exp == "A, B"
    # the same as calling the library by hand
    tt = qca.truth_table(result.data, "Y", ["A", "B", "C"], incl_cut=0.8, exclude=[3])
    by_hand = qca.minimize(tt, include="?", dir_exp="A, B")
    assert [m.text for m in sol.models] == [str(m) for m in by_hand.models]
    assert result.provenance()["options"]["dir_exp"] == "A, B"


def test_esa_is_computed_once_for_every_solution_type_and_the_checks(monkeypatch):
    from qca.minimize import _remainders

    calls = []  # the parsimonious models of the outcome and of its negation: CSA
    original = _remainders._parsimonious_cover
    monkeypatch.setattr(
        _remainders,
        "_parsimonious_cover",
        lambda tt, where: calls.append(str(tt.outcome)) or original(tt, where),
    )
    a = qca.Analysis.from_workbook(LIPSET, esa=True, solutions="all")
    result = a.run(steps=("solutions", "checks"))
    assert calls == ["SURV", "~SURV"]
    csa = qca.find_rows(a.build_truth_table(), type=2)
    reported = [c for c in result.checks if "contradictory simplifying assumption" in c]
    assert csa and len(reported) == 1 and f"exclude={csa}" in reported[0]
    assert result.checks == a.replace(esa=False).run(steps=("solutions", "checks")).checks
    tt = a.build_truth_table()
    for kind, sol in result.solutions.items():
        expected = qca.minimize(tt, esa=True, **{k: v for k, v in a.minimize_options(kind).items() if k != "esa"})
        assert [m.text for m in sol.models] == [str(m) for m in expected.models], kind
    from qca.report import solution_title

    title = solution_title(result.solutions["parsimonious"])
    assert title.startswith('Parsimonious solution (include = "?", esa: rows ')


# ----------------------------------------------------------------- negated outcome


def test_expectations_for_y_are_not_used_for_not_y(book):
    a = qca.Analysis.from_workbook(book, outcome="~Y", solutions="all")
    assert a.dir_exp is None and a.exclude == ()
    with pytest.warns(qca.QCAWarning, match=r"dir_exp 'A, B' and exclude \[3\] were written for Y, not for ~Y") as caught:
        result = a.run()
    assert "intermediate" not in result.solutions
    message = next(str(w.message) for w in caught if "written for Y" in str(w.message))
    assert "--dir-exp" in message and "'negated_dir_exp'" in message
    assert message in result.warnings


def test_the_sheet_holds_settings_for_both(tmp_path):
    cases = pd.DataFrame(
        {"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]},
        index=pd.Index(list("abcd"), name="case"),
    )
    path = tmp_path / "both.xlsx"
    write_workbook(path, cases, analysis={"outcome": "Y", "dir_exp": "A, B"})
    import openpyxl

    wb = openpyxl.load_workbook(path)
    wb["analysis"].append(["negated_dir_exp", "~A, ~B"])
    wb["analysis"].append(["exclude", "2"])
    wb["analysis"].append(["negated_exclude", "3"])
    wb.save(path)
    a = qca.Analysis.from_workbook(path, outcome="~Y")
    assert a.dir_exp == "~A, ~B" and a.exclude == (3,) and a.set_aside == ()
    assert a.origin["dir_exp"] == "sheet" and a.origin["exclude"] == "sheet"
    b = qca.Analysis.from_workbook(path)
    assert b.dir_exp == "A, B" and b.exclude == (2,)
    # an outcome that is neither the sheet's nor its negation uses neither
    c = qca.Analysis.from_workbook(path, outcome="B", conditions="A")
    assert c.dir_exp is None and c.exclude == () and "written for Y, not for B" in c.set_aside[0]


def test_json_names_each_solution_type_and_its_options():
    result = CliRunner().invoke(cli, ["run", LIPSET, "--esa", "--json"])
    options = json.loads(result.stdout)["solution_options"]
    assert list(options) == ["conservative", "parsimonious", "intermediate"]
    pars = options["parsimonious"]
    assert pars["type"] == "parsimonious" and pars["include"] == "?" and pars["esa"] is True
    assert pars["heading"].startswith('Parsimonious solution (include = "?", esa: rows ')
    assert options["intermediate"]["dir_exp"] == EXPECT


def test_cli_negated_outcome_says_so():
    # issue 12: qca run cases/lipset.xlsx --outcome "~SURV" applied SURV's expectations
    result = CliRunner().invoke(cli, ["run", LIPSET, "--outcome", "~SURV"])
    assert result.exit_code == 0, result.output
    assert "Intermediate solution" not in result.stdout
    warning = next(line for line in result.stdout.splitlines() if "written for SURV" in line)
    assert f"dir_exp '{EXPECT}'" in warning and "not for ~SURV: not used" in warning
    assert "--dir-exp" in warning
    assert result.stderr == ""


def test_cli_explicit_empty_dir_exp_tests_the_parsimonious_solution():
    # issue 12: the CLI dropped --dir-exp "" and robustness re-read the sheet's dir_exp
    args = ["robustness", LIPSET, "--include", "?", "--dir-exp", "", "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["solution_type"] == "parsimonious"
    assert data["options"]["dir_exp"] is None and data["options"]["include"] == "?"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qca.QCAWarning)
        python = qca.robustness(qca.read_workbook(LIPSET), include="?", dir_exp="")
        tt = qca.Analysis.from_workbook(LIPSET).build_truth_table()
    parsimonious = [str(m) for m in qca.minimize(tt, include="?").models]
    assert data["initial_models"] == parsimonious == [" + ".join(m) for m in python.initial_models]
    assert python.solution_type == "parsimonious"
    text = CliRunner().invoke(cli, args[:-1]).stdout
    assert text.startswith('Robustness of the parsimonious solution (include = "?") for SURV: IS = ')


def test_robustness_takes_an_analysis(book):
    a = qca.Analysis.from_workbook(book, include="?", dir_exp="")
    rob = qca.robustness(a, incl_cuts=[0.9])
    assert rob.solution_type == "parsimonious" and rob.options["include"] == "?"
    with pytest.raises(qca.InvalidParameterError, match="carries its outcome"):
        qca.robustness(a, include="?", incl_cuts=[0.9])
