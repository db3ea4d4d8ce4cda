"""The issue-15 commands: qca nca, cluster, theory, cases, ranges (CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import qca
from qca.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DG = str(ROOT / "cases" / "digital_government.xlsx")
PANEL = str(ROOT / "cases" / "digital_government_panel.xlsx")


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_nca_command_matches_the_library(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "nca.xlsx"
    result = runner.invoke(
        cli,
        [
            "nca",
            DG,
            "--conditions",
            "PM,TI",
            "--test-rep",
            "100",
            "--seed",
            "3",
            "-o",
            str(out),
            "--plot",
            str(tmp_path / "nca.png"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Bottleneck table, cr_fdh, actual" in result.output
    assert (tmp_path / "nca.png").stat().st_size > 0
    book = openpyxl.load_workbook(out)
    assert {"nca", "bottleneck ce_fdh per", "bottleneck cr_fdh act"} <= set(book.sheetnames)
    as_json = runner.invoke(
        cli, ["nca", DG, "--conditions", "PM,TI", "--test-rep", "100", "--seed", "3", "--json"]
    )
    payload = json.loads(as_json.output)
    data = qca.read_workbook(DG).calibrated()
    expected = qca.nca(data, ["PM", "TI"], "OC", test_rep=100, seed=3)
    got = {(r["condition"], r["ceiling"]): r for r in payload["summary"]}
    for key, row in expected.summary.iterrows():
        assert got[key]["d"] == pytest.approx(row["d"])
        assert got[key]["p_value"] == pytest.approx(row["p_value"])


def test_nca_command_refuses_a_constant_condition(runner: CliRunner, tmp_path: Path) -> None:
    csv = tmp_path / "flat.csv"
    csv.write_text("case,X,Y\na,0.5,0.1\nb,0.5,0.9\nc,0.5,0.4\n", encoding="utf-8")
    result = runner.invoke(cli, ["nca", str(csv), "--conditions", "X", "--outcome", "Y"])
    assert result.exit_code == 1
    assert "condition 'X' of nca is constant" in result.output
    assert "Traceback" not in result.output


def test_cluster_command(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["cluster", PANEL, "PM*CA*PF", "--units-from-id", "-", "--clusters", "year", "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    between = {r["cluster"]: r["inclS"] for r in payload["between"]}
    assert round(between["2019"], 3) == 0.382
    bad = runner.invoke(
        cli, ["cluster", PANEL, "PM*CA*PF", "--units", "year", "--clusters", "year"]
    )
    assert bad.exit_code == 1 and "one observation per unit and cluster" in bad.output
    neither = runner.invoke(cli, ["cluster", PANEL, "PM*CA*PF", "--clusters", "year"])
    assert neither.exit_code == 2 and "--units" in neither.output


def test_theory_and_cases_commands(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["theory", DG, "PM*CA*PF", "PM*CA*PF + PM*CA*TI"])
    assert result.exit_code == 0, result.output
    assert "PM*CA*~PF*TI" in result.output and "covered least likely" in result.output
    unknown = runner.invoke(cli, ["theory", DG, "PM*LEADER", "PM*CA*PF"])
    assert unknown.exit_code == 1 and "LEADER" in unknown.output
    assert "Traceback" not in unknown.output
    out = tmp_path / "cases.xlsx"
    picked = runner.invoke(cli, ["cases", DG, "PM*CA*PF + PM*CA*TI", "-o", str(out)])
    assert picked.exit_code == 0, picked.output
    assert "Typical cases" in picked.output and "E区-2020" in picked.output
    assert "typical" in openpyxl.load_workbook(out).sheetnames


def test_ranges_command(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["ranges", DG, "--sets", "PF", "--max-runs", "2", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    rows = {r["parameter"]: r for r in payload["ranges"]}
    assert rows["incl_cut"]["initial"] == 0.8
    assert rows["incl_cut"]["lower"] == pytest.approx(0.78)
    assert set(rows) == {"incl_cut", "n_cut", "PF e", "PF c", "PF i"}


@pytest.mark.parametrize(
    "args",
    [
        ["nca", DG, "--conditions", "PM"],
        ["cluster", PANEL, "PM*CA*PF", "--units-from-id", "-", "--clusters", "year"],
    ],
)
def test_bad_outputs_are_refused_before_any_work(
    runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    image = tmp_path / "plot.png"
    result = runner.invoke(cli, [*args, "--plot", str(image), "-o", str(tmp_path / "r.foo")])
    assert result.exit_code == 2
    assert "Invalid value for --output: cannot tell the format" in result.output
    assert not image.exists()  # nothing drawn for a command that then fails
    result = runner.invoke(cli, [*args, "--plot", str(tmp_path / "plot.bmp")])
    assert result.exit_code == 2
    assert "Invalid value for --plot: an image ends in .png, .svg or .pdf" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["theory", DG, "PM", "PM*CA"], ["cases", DG, "PM*CA"]])
def test_an_output_format_needs_an_output(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, "--format", "csv"])
    assert result.exit_code == 2
    assert "--format needs --output (-o)." in result.output
