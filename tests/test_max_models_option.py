"""The listing cap ``max_models`` is set the same way everywhere: ``qca.minimize``,
``qca.Analysis``, the analysis sheet of a workbook and ``--max-models`` on the command line.

The parsimonious solution of random_25x10 has 944 minimal models (R QCA lists 69 of them
with its default search; ``method="complete"`` lists all): a cap below that lists fewer,
still counts all 944, and describes them as a core plus alternatives.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import qca
from qca.analysis import Analysis
from qca.cli import cli
from qca.exceptions import DataError, InvalidParameterError
from qca.workbook import read_workbook, write_workbook

DATA = Path(__file__).parent / "data" / "core_synthetic" / "random_25x10.csv"


def _cases() -> pd.DataFrame:
    data = pd.read_csv(DATA)
    data.index = pd.Index([f"c{i}" for i in range(len(data))], name="case")
    return data


def _book(tmp_path: Path, **analysis) -> Path:
    return write_workbook(tmp_path / "study.xlsx", _cases(), analysis={"outcome": "OUT", **analysis})


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _parsimonious(analysis: Analysis):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analysis.run(steps=("solutions",)).solutions["parsimonious"]


def test_analysis_passes_the_cap_to_minimize():
    capped = _parsimonious(Analysis(_cases(), "OUT", include="?", max_models=7))
    assert len(capped.models) == 7
    assert capped.solution.model_count == 944 and capped.solution.options["max_models"] == 7
    whole = _parsimonious(Analysis(_cases(), "OUT", include="?"))
    assert len(whole.models) == 944  # the default cap, 10,000, lists them all
    assert {m.text for m in capped.models} <= {m.text for m in whole.models}
    assert Analysis(_cases(), "OUT").options()["max_models"] == 10_000


@pytest.mark.parametrize("bad", [0, -1, 2.5, "10", None, True])
def test_analysis_refuses_a_cap_that_is_not_a_positive_integer(bad):
    with pytest.raises(InvalidParameterError, match=r"'max_models' parameter of Analysis must be an integer >= 1"):
        Analysis(_cases(), "OUT", include="?", max_models=bad)


def test_the_analysis_sheet_sets_the_cap_and_an_option_given_wins(tmp_path):
    path = _book(tmp_path, include="?", max_models=4)
    assert read_workbook(path).analysis["max_models"] == 4
    assert len(_parsimonious(Analysis.from_workbook(path)).models) == 4
    analysis = Analysis.from_workbook(path, max_models=6)
    assert analysis.origin["max_models"] == "given" and len(_parsimonious(analysis).models) == 6


@pytest.mark.parametrize("bad", ["many", "0", "-2", "2.5"])
def test_the_analysis_sheet_names_a_bad_cap(tmp_path, bad):
    path = _book(tmp_path, include="?", max_models=bad)
    with pytest.raises(DataError) as caught:
        read_workbook(path)
    message = str(caught.value)
    assert "sheet 'analysis'" in message and "(max_models): expected a whole number >= 1" in message
    assert repr(bad) in message


def test_cli_lists_at_most_the_cap_and_still_counts_every_model(tmp_path):
    path = _book(tmp_path)
    result = _run("minimize", str(path), "--include", "?", "--max-models", "3", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert [m["name"] for m in payload["solutions"]["parsimonious"]] == ["M1", "M2", "M3"]
    counted = payload["solution_options"]["parsimonious"]
    assert counted["model_count"] == 944 and counted["factors"] is not None
    text = _run("minimize", str(path), "--include", "?", "--max-models", "3")
    assert text.exit_code == 0 and "944 minimal models in all (3 listed)" in text.output


def test_cli_option_wins_over_the_sheet(tmp_path):
    path = _book(tmp_path, include="?", max_models=2)
    sheet = json.loads(_run("minimize", str(path), "--json").output)
    given = json.loads(_run("minimize", str(path), "--max-models", "4", "--json").output)
    assert len(sheet["solutions"]["parsimonious"]) == 2
    assert len(given["solutions"]["parsimonious"]) == 4


@pytest.mark.parametrize(
    ("bad", "code", "says"),
    [
        ("0", 1, "The option --max-models must be an integer >= 1. Got 0 instead."),
        ("-5", 1, "The option --max-models must be an integer >= 1. Got -5 instead."),
        ("ten", 2, "Invalid value for --max-models: expected a whole number, got 'ten'."),
        ("2.5", 2, "Invalid value for --max-models: expected a whole number, got '2.5'."),
        ("", 2, "Invalid value for --max-models: expected a whole number, got ''."),
    ],
)
@pytest.mark.parametrize("command", ["minimize", "run", "ranges"])
def test_cli_refuses_a_bad_cap_without_traceback(tmp_path, command, bad, code, says):
    path = _book(tmp_path, include="?")
    before = path.read_bytes()
    result = _run(command, str(path), "--max-models", bad, "-o", str(tmp_path / "out.json"))
    assert result.exit_code == code
    assert says in result.output and "Traceback" not in result.output
    assert path.read_bytes() == before and not (tmp_path / "out.json").exists()


def test_cli_names_a_bad_cap_in_the_sheet(tmp_path):
    path = _book(tmp_path, include="?", max_models="lots")
    result = _run("minimize", str(path))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "(max_models): expected a whole number >= 1. Got 'lots' instead." in result.output


def test_minimize_records_the_cap_in_its_options():
    table = qca.truth_table(_cases(), "OUT")
    assert qca.minimize(table, include="?", max_models=2).options["max_models"] == 2


def test_a_report_sheet_over_excels_rows_is_refused_with_the_fix(tmp_path, monkeypatch):
    from qca.report import xlsx

    path = _book(tmp_path, include="?")
    out = tmp_path / "report.xlsx"
    monkeypatch.setattr(xlsx, "EXCEL_ROWS", 200)  # 944 models: about 2,800 rows
    result = _run("minimize", str(path), "-o", str(out))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "The report sheet 'parsimonious' would need" in result.output
    assert "more than an Excel sheet holds (200); nothing was written. List fewer models with --max-models" in result.output
    assert not out.exists()
    fewer = _run("minimize", str(path), "--max-models", "20", "-o", str(out), "-q")
    assert fewer.exit_code == 0, fewer.output
    assert out.exists()


def test_ranges_takes_the_cap_and_the_option_wins_over_the_sheet(tmp_path):
    path = _book(tmp_path, include="?", max_models=2)
    before = path.read_bytes()
    args = ["ranges", str(path), "--max-runs", "1", "--json"]
    sheet = _run(*args)
    assert sheet.exit_code == 0, sheet.output
    assert json.loads(sheet.output)["solution"].count(" | ") == 1  # the sheet's 2 models
    given = _run(*args, "--max-models", "3")
    assert given.exit_code == 0, given.output
    assert json.loads(given.output)["solution"].count(" | ") == 2
    report = tmp_path / "ranges.md"
    written = _run(*args[:-1], "--max-models", "3", "-q", "-o", str(report))
    assert written.exit_code == 0, written.output
    assert "| option max_models | 3 |" in report.read_text(encoding="utf-8")  # in the provenance
    assert path.read_bytes() == before
