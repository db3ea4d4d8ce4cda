"""Tests of the ``qca`` command line (Click's CliRunner)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from qca import __version__
from qca.cli import cli

COMMANDS = ["run", "calibrate", "necessity", "truth-table", "minimize", "fit", "template"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"qca, version {__version__}\n"


def test_group_help_lists_commands(runner):
    result = runner.invoke(cli, ["-h"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.output


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_of_every_command_ends_with_an_example(runner, name, flag):
    result = runner.invoke(cli, [name, flag])
    assert result.exit_code == 0, result.output
    assert f"Usage: qca {name}" in result.output
    body = result.output.split("Options:")[0]
    example = body[body.index("Example:") :]
    # the example block is kept verbatim (\b) and names a bundled case sheet or a new file
    assert f"qca {name} " in example
    assert "cases/" in example or name == "template"


def test_unknown_command_is_a_usage_error(runner):
    result = runner.invoke(cli, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_python_dash_m_qca_runs_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "qca", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"qca, version {__version__}"


@pytest.mark.parametrize("name", ["run", "calibrate", "necessity", "truth-table", "minimize"])
def test_missing_input_file_exits_1_with_its_name(runner, tmp_path, name):
    missing = tmp_path / "nope.xlsx"
    result = runner.invoke(cli, [name, str(missing)])
    assert result.exit_code == 1
    assert f"Error: Cannot read '{missing}': the file does not exist." in result.output
    assert "Traceback" not in result.output


def test_unsupported_extension_exits_1(runner, tmp_path):
    path = tmp_path / "cases.txt"
    path.write_text("x")
    result = runner.invoke(cli, ["run", str(path)])
    assert result.exit_code == 1
    assert "expected an .xlsx or .csv file, got '.txt'" in result.output


def test_debug_shows_the_exception(runner, tmp_path):
    missing = str(tmp_path / "nope.csv")
    result = runner.invoke(cli, ["run", missing, "--debug"])
    assert result.exit_code == 1
    assert type(result.exception).__name__ == "ReadError"
    result = runner.invoke(cli, ["--debug", "run", missing])
    assert type(result.exception).__name__ == "ReadError"


@pytest.mark.parametrize(
    "option",
    [
        ["--incl-cut", "abc"],
        ["--incl-cut", "0.9,0.8,0.7"],
        ["--n-cut", "1.5"],
        ["--pri-cut", "x"],
        ["--exclude", "3,x"],
        ["--format", "pdf"],
    ],
)
def test_bad_option_values_are_usage_errors(runner, tmp_path, option):
    path = tmp_path / "cases.csv"
    path.write_text("case,A,Y\nx,1,1\n")
    result = runner.invoke(cli, ["run", str(path), *option])
    assert result.exit_code == 2
    assert "Invalid value" in result.output
