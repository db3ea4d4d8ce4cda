"""Command-line sweeps: qca simulate, and --workers/--scheduler/--record on robustness and nca."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import qca
from qca.cli import cli

ROOT = Path(__file__).resolve().parents[1]
LIPSET = str(ROOT / "cases" / "lipset.xlsx")
DIGITAL = str(ROOT / "cases" / "digital_government.xlsx")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_simulate_prints_the_shares_of_the_library(runner):
    args = ["simulate", "--cases", "8,12", "--conditions", "2,3", "--replications", "20",
            "--seed", "3", "--workers", "1"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    sim = qca.simulate([8, 12], [2, 3], replications=20, seed=3, workers=1)
    lines = result.output.splitlines()
    assert lines[0] == "Simulation: crisp random data, 20 data sets per design, seed 3"
    header = lines.index("Share of data sets with a solution (95% Wilson interval)")
    assert lines[header + 1].split() == ["cases", "2", "conditions", "3", "conditions"]
    for row, n in zip(lines[header + 2 : header + 4], (8, 12), strict=True):
        cells = [f"{sim.table.loc[(n, k), c]:.3f}" for k in (2, 3) for c in ("share", "ci_low", "ci_high")]
        assert row.split() == [str(n), f"{cells[0]}", f"({cells[1]}-{cells[2]})",
                               f"{cells[3]}", f"({cells[4]}-{cells[5]})"]
    assert "Share of data sets with a contradictory configuration" in result.output


def test_simulate_json_is_the_result_dict_and_record_resumes(runner, tmp_path):
    record = tmp_path / "sim.jsonl"
    args = ["simulate", "--cases", "10", "--conditions", "2", "--replications", "15",
            "--kind", "fuzzy", "--sol-cov", "0.5", "--seed", "9", "--json", "--record", str(record)]
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    data = json.loads(first.output)
    expected = qca.simulate(10, 2, replications=15, kind="fuzzy", sol_cov=0.5, seed=9, workers=1)
    assert data == json.loads(json.dumps(expected.to_dict()))
    lines = record.read_text().splitlines()
    assert len(lines) == 16
    (tmp_path / "sim.jsonl.partial").write_text("\n".join(lines[:6]) + "\n")  # as if killed
    record.unlink()
    again = runner.invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert json.loads(again.output) == data
    assert record.read_text().splitlines() == lines
    other = runner.invoke(cli, [*args[:-5], "--seed", "10", "--json", "--record", str(record)])
    assert other.exit_code == 1
    assert "seed: 9 in the file, 10 now" in other.output
    assert "Traceback" not in other.output


def test_simulate_help_and_bad_values(runner):
    result = runner.invoke(cli, ["simulate", "-h"])
    assert result.exit_code == 0
    assert "qca simulate --cases 10,20 --conditions 3,4 --replications 50" in result.output
    bad = runner.invoke(cli, ["simulate", "--cases", "1", "--conditions", "2"])
    assert bad.exit_code == 1
    assert "'cases' parameter of simulate must be an integer >= 2" in bad.output
    bad = runner.invoke(cli, ["simulate", "--cases", "x", "--conditions", "2"])
    assert bad.exit_code == 2


def test_robustness_workers_and_record_give_the_same_result(runner, tmp_path):
    base = ["robustness", LIPSET, "--include", "?", "--shifts", "-0.1,0.1", "--json"]
    serial = runner.invoke(cli, [*base, "--workers", "1"])
    assert serial.exit_code == 0, serial.output
    record = tmp_path / "runs.jsonl"
    two = runner.invoke(cli, [*base, "--workers", "2", "--record", str(record)])
    assert two.exit_code == 0, two.output
    assert json.loads(two.output) == json.loads(serial.output)
    again = runner.invoke(cli, [*base, "--jobs", "1", "--record", str(record)])  # read back
    assert json.loads(again.output) == json.loads(serial.output)
    assert len(record.read_text().splitlines()) == 1 + json.loads(serial.output)["n_runs"]


def test_an_unreachable_scheduler_is_one_clean_message(runner):
    pytest.importorskip("distributed")
    result = runner.invoke(cli, ["robustness", LIPSET, "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(cli, ["robustness", LIPSET, "--scheduler", "nonsense"])
    assert result.exit_code == 1
    assert "'scheduler' parameter of robustness must be the address" in result.output


def test_nca_workers_give_the_same_p_values(runner):
    base = ["nca", DIGITAL, "--conditions", "PF", "--test-rep", "400", "--seed", "1", "--json"]
    one = runner.invoke(cli, [*base, "--workers", "1"])
    two = runner.invoke(cli, [*base, "--workers", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, one.output + two.output
    assert json.loads(one.output) == json.loads(two.output)
