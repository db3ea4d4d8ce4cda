"""Tests of the ``qca`` command line (Click's CliRunner)."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from qca import __version__
from qca.cli import cli

COMMANDS = [
    "run",
    "calibrate",
    "necessity",
    "truth-table",
    "minimize",
    "fit",
    "template",
    "configurations",
    "robustness",
    "plot",
]


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
    listed = [
        line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()
    ]
    assert listed == [
        *COMMANDS[:5], "configurations", "fit", "robustness", "ranges", "nca", "cluster", "theory",
        "cases", "simulate", "plot", "template",
    ]


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
        ["--nec-incl-cut", "3"],
        ["--nec-cov-cut", "-1"],
    ],
)
def test_bad_option_values_are_usage_errors(runner, tmp_path, option):
    path = tmp_path / "cases.csv"
    path.write_text("case,A,Y\nx,1,1\n")
    result = runner.invoke(cli, ["run", str(path), *option])
    assert result.exit_code == 2
    assert "Invalid value" in result.output


# --------------------------------------------------------------------------------------
# data files

DATA = __import__("pathlib").Path(__file__).parent / "data" / "cli"
LF = str(DATA / "LF.csv")  # R QCA's LF data set (Lipset, fuzzy), exported with write.csv


def _read_xlsx(path):
    import openpyxl

    return openpyxl.load_workbook(path)


def test_bad_case_sheets_exit_1_naming_the_problem(runner, tmp_path):
    cases = {
        "missing.csv": (
            "case,A,Y\nx,1,1\ny,,0\n",
            "missing values for case(s) 'y' (row 3, column(s) A)",
        ),
        "text.csv": ("case,A,Y\nx,1,1\ny,abc,0\n", "row 3, column 'A' (case 'y'): 'abc'"),
        "dup.csv": ("case,A,Y\nx,1,1\nx,0,0\n", "duplicate case id 'x' in rows 2 and 3"),
    }
    for name, (text, message) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        result = runner.invoke(cli, ["truth-table", str(path), "--outcome", "Y"])
        assert result.exit_code == 1, name
        assert message in result.output, name
        assert name in result.output
        assert "Traceback" not in result.output


def test_unknown_outcome_exits_1(runner):
    result = runner.invoke(cli, ["truth-table", LF, "--outcome", "NOPE"])
    assert result.exit_code == 1
    assert "NOPE" in result.output


def test_missing_outcome_is_a_usage_error(runner):
    result = runner.invoke(cli, ["truth-table", LF])
    assert result.exit_code == 2
    assert "No outcome: give --outcome" in result.output


# --------------------------------------------------------------------------------------
# qca truth-table


def test_truth_table_terminal_output(runner):
    # R: truthTable(LF, outcome = "SURV", incl.cut = 0.8, show.cases = TRUE)
    result = runner.invoke(cli, ["truth-table", LF, "--outcome", "SURV", "--incl-cut", "0.8"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Truth table of SURV"
    assert lines[1].split() == [
        "row",
        "DEV",
        "URB",
        "LIT",
        "IND",
        "STB",
        "OUT",
        "n",
        "incl",
        "PRI",
        "cases",
    ]
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert list(rows) == ["1", "2", "5", "6", "22", "23", "24", "31", "32"]
    assert rows["22"][1:10] == ["1", "0", "1", "0", "1", "1", "2", "0.804", "0.719"]
    assert " ".join(rows["22"][10:]) == "FI, IE"
    assert rows["32"][6:10] == ["1", "4", "0.904", "0.886"]
    assert " ".join(rows["32"][10:]) == "BE, CZ, NL, UK"


def test_truth_table_json(runner):
    # R: truthTable(LF, outcome = "SURV", incl.cut = 0.8, show.cases = TRUE)
    result = runner.invoke(
        cli, ["truth-table", LF, "--outcome", "SURV", "--incl-cut", "0.8", "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["outcome"] == "SURV"
    assert payload["conditions"] == ["DEV", "URB", "LIT", "IND", "STB"]
    rows = {r["row"]: r for r in payload["truth_table"]}
    assert sorted(rows) == [1, 2, 5, 6, 22, 23, 24, 31, 32]
    assert rows[22]["OUT"] == "1" and rows[22]["n"] == 2
    assert rows[22]["incl"] == pytest.approx(0.804270462633452)
    assert rows[22]["PRI"] == pytest.approx(0.719387755102041)
    assert rows[22]["cases"] == ["FI", "IE"]
    assert rows[24]["OUT"] == "0" and rows[24]["cases"] == ["FR", "SE"]


def test_truth_table_contradictions_and_cut_pair(runner):
    # R: truthTable(LF, outcome = "SURV", incl.cut = c(0.8, 0.7)) -> row 24 (incl 0.709) is "C"
    result = runner.invoke(
        cli, ["truth-table", LF, "--outcome", "SURV", "--incl-cut", "0.8,0.7", "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = {r["row"]: r["OUT"] for r in json.loads(result.output)["truth_table"]}
    assert rows[24] == "C" and rows[22] == "1" and rows[23] == "0"


def test_truth_table_options(runner):
    # --n-cut 2: rows with one case get "?"; --complete lists all 32 rows; --sort-by incl
    args = ["truth-table", LF, "--outcome", "SURV", "--incl-cut", "0.8", "--json"]
    rows = json.loads(runner.invoke(cli, [*args, "--n-cut", "2"]).output)["truth_table"]
    out = {r["row"]: r["OUT"] for r in rows}
    assert out[6] == "?" and out[23] == "?" and out[31] == "?" and out[22] == "1"
    rows = json.loads(runner.invoke(cli, [*args, "--complete"]).output)["truth_table"]
    assert len(rows) == 32
    rows = json.loads(runner.invoke(cli, [*args, "--sort-by", "incl"]).output)["truth_table"]
    incl = [r["incl"] for r in rows]
    assert incl == sorted(incl, reverse=True)
    rows = json.loads(runner.invoke(cli, [*args, "--exclude", "3,7"]).output)["truth_table"]
    assert len(rows) == 9
    rows = json.loads(runner.invoke(cli, [*args, "--conditions", "DEV,URB"]).output)["truth_table"]
    assert set(rows[0]) == {"row", "DEV", "URB", "OUT", "n", "incl", "PRI", "cases"}


def test_truth_table_pri_cut(runner):
    # R: truthTable(LF, outcome = "SURV", incl.cut = 0.75, pri.cut = 0.7): row 22 PRI 0.719 stays 1
    args = ["truth-table", LF, "--outcome", "SURV", "--incl-cut", "0.7", "--json"]
    rows = {r["row"]: r["OUT"] for r in json.loads(runner.invoke(cli, args).output)["truth_table"]}
    assert rows[24] == "1"
    rows = {
        r["row"]: r["OUT"]
        for r in json.loads(runner.invoke(cli, [*args, "--pri-cut", "0.7"]).output)["truth_table"]
    }
    assert rows[24] == "0" and rows[22] == "1"


@pytest.mark.parametrize("suffix", ["xlsx", "csv", "json", "md"])
def test_truth_table_output_files(runner, tmp_path, suffix):
    out = tmp_path / f"tt.{suffix}"
    result = runner.invoke(
        cli, ["truth-table", LF, "--outcome", "SURV", "--incl-cut", "0.8", "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.exists()
    if suffix == "xlsx":
        book = _read_xlsx(out)
        assert book.sheetnames == ["truth_table", "provenance"]
        ws = book["truth_table"]
        header = [c.value for c in ws[3]]
        assert header == [
            "row",
            "DEV",
            "URB",
            "LIT",
            "IND",
            "STB",
            "OUT",
            "n",
            "incl",
            "PRI",
            "cases",
        ]
        found = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}
        r = found[22]
        assert ws.cell(r, 7).value == "1"
        assert ws.cell(r, 9).value == pytest.approx(0.804270462633452)
        assert ws.cell(r, 11).value == "FI, IE"
        assert ws.freeze_panes == "A4"
        prov = book["provenance"]
        items = {prov.cell(i, 1).value: prov.cell(i, 2).value for i in range(4, prov.max_row + 1)}
        assert items["input file"] == "LF.csv"
        assert items["input SHA-256"] == hashlib.sha256(open(LF, "rb").read()).hexdigest()
        assert items["option incl_cut"] == 0.8
    elif suffix == "csv":
        rows = list(csv.reader(open(out, encoding="utf-8")))
        assert rows[0][0] == "row" and len(rows) == 10
    elif suffix == "json":
        assert len(json.loads(out.read_text())["truth_table"]) == 9
    else:
        text = out.read_text()
        assert text.startswith("# Truth table: LF.csv")
        assert "| 22 | 1 | 0 | 1 | 0 | 1 | 1 | 2 | 0.804 | 0.719 | FI, IE |" in text
        assert "## Provenance" in text


def test_format_option_overrides_extension(runner, tmp_path):
    out = tmp_path / "tt.txt"
    args = ["truth-table", LF, "--outcome", "SURV", "-o", str(out), "--format", "json", "-q"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["outcome"] == "SURV"


def test_unknown_output_extension_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(
        cli, ["truth-table", LF, "--outcome", "SURV", "-o", str(tmp_path / "x.txt")]
    )
    assert result.exit_code == 2
    assert "cannot tell the format" in result.output


def test_format_without_output_is_a_usage_error(runner):
    result = runner.invoke(cli, ["truth-table", LF, "--outcome", "SURV", "--format", "csv"])
    assert result.exit_code == 2


def test_never_overwrites_the_input(runner, tmp_path):
    source = tmp_path / "LF.csv"
    source.write_bytes(open(LF, "rb").read())
    before = source.read_bytes()
    for fmt in ["csv", "json"]:
        result = runner.invoke(
            cli,
            ["truth-table", str(source), "--outcome", "SURV", "-o", str(source), "--format", fmt],
        )
        assert result.exit_code == 1
        assert "is the input file" in result.output
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["LF.csv"]


def test_case_names_never_become_formulas(runner, tmp_path):
    source = tmp_path / "evil.csv"
    source.write_text('case,A,Y\n"=HYPERLINK(""http://x"")",1,1\n+SUM,0,0\n-3,1,1\n@me,0,0\n')
    out = tmp_path / "tt.xlsx"
    result = runner.invoke(
        cli, ["truth-table", str(source), "--outcome", "Y", "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    ws = _read_xlsx(out)["truth_table"]
    cells = [ws.cell(r, 7) for r in range(4, ws.max_row + 1)]
    texts = sorted(str(c.value) for c in cells)
    assert texts == sorted(['=HYPERLINK("http://x"), -3', "+SUM, @me"])
    assert all(c.data_type == "s" for c in cells)


def test_quiet_prints_nothing(runner):
    result = runner.invoke(cli, ["truth-table", LF, "--outcome", "SURV", "-q"])
    assert result.exit_code == 0
    assert result.output == ""


def _invoke(runner, args):
    """Invoke the CLI; skip when a library part the command needs is still a placeholder."""
    result = runner.invoke(cli, args)
    if "not available in this version" in result.output:
        pytest.skip(f"library part not written yet: {result.output.strip()}")
    return result


# --------------------------------------------------------------------------------------
# qca fit


def test_fit_sufficiency(runner):
    # R: pof("DEV*~IND + URB*STB", "SURV", data = LF, relation = "sufficiency")
    result = runner.invoke(cli, ["fit", LF, "DEV*~IND + URB*STB", "--outcome", "SURV"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Fit of DEV*~IND + URB*STB -> SURV (sufficiency)"
    assert lines[1].split() == ["term", "inclS", "PRI", "covS", "covU"]
    assert lines[2].split() == ["DEV*~IND", "0.815", "0.721", "0.284", "0.194"]
    assert lines[3].split() == ["URB*STB", "0.874", "0.845", "0.520", "0.430"]
    assert lines[4].split() == ["expression", "0.850", "0.819", "0.714"]


def test_fit_json_and_necessity(runner):
    # R: pof("LIT + STB", "SURV", data = LF, relation = "necessity") -- the LIT and STB rows
    # equal superSubset(LF, outcome = "SURV", incl.cut = 0.9, cov.cut = 0.6)'s
    args = ["fit", LF, "LIT + STB", "--outcome", "SURV", "--necessity", "--json"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["relation"] == "necessity"
    rows = {r["term"]: r for r in payload["fit"]}
    assert rows["LIT"]["inclN"] == pytest.approx(0.990610328638498)
    assert rows["LIT"]["RoN"] == pytest.approx(0.509414225941423)
    assert rows["STB"]["covN"] == pytest.approx(0.706943192064924)


def test_fit_bad_expression_exits_1(runner):
    result = runner.invoke(cli, ["fit", LF, "DEV*(URB", "--outcome", "SURV"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    result = runner.invoke(cli, ["fit", LF, "DEV*NOPE", "--outcome", "SURV"])
    assert result.exit_code == 1
    assert "NOPE" in result.output


def test_fit_output_xlsx(runner, tmp_path):
    out = tmp_path / "fit.xlsx"
    args = ["fit", LF, "DEV*~IND + URB*STB", "--outcome", "SURV", "-o", str(out), "-q"]
    assert runner.invoke(cli, args).exit_code == 0
    ws = _read_xlsx(out)["fit"]
    assert ws["A1"].value == "Fit of DEV*~IND + URB*STB -> SURV (sufficiency)"
    assert [c.value for c in ws[3]][:5] == ["term", "inclS", "PRI", "covS", "covU"]
    assert ws["A6"].value == "expression"
    # R: pof(...)$incl.cov["expression", "inclS"]
    assert ws["B6"].value == pytest.approx(0.85034965034965)


# --------------------------------------------------------------------------------------
# qca necessity


def test_necessity(runner):
    # R: superSubset(LF, outcome = "SURV", incl.cut = 0.9, cov.cut = 0.6)
    result = _invoke(runner, ["necessity", LF, "--outcome", "SURV", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    combos = {r["expression"]: r for r in payload["combinations"]}
    assert list(combos) == ["LIT", "STB", "LIT*STB", "DEV + URB + IND"]
    assert combos["LIT*STB"]["inclN"] == pytest.approx(0.915492957746479)
    assert combos["DEV + URB + IND"]["covN"] == pytest.approx(0.716014897579143)
    single = {r["expression"]: r for r in payload["conditions"]}
    assert list(single) == [
        "DEV",
        "~DEV",
        "URB",
        "~URB",
        "LIT",
        "~LIT",
        "IND",
        "~IND",
        "STB",
        "~STB",
    ]
    assert single["LIT"]["inclN"] == pytest.approx(0.990610328638498)


def test_necessity_text_and_cuts(runner):
    result = _invoke(runner, ["necessity", LF, "--outcome", "SURV"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Necessity of each condition for SURV"
    assert "Necessary combinations (inclN >= 0.9, covN >= 0.6)" in lines
    assert any(line.split() == ["LIT*STB", "0.915", "0.800", "0.793"] for line in lines)
    result = _invoke(runner, ["necessity", LF, "--outcome", "SURV", "--incl-cut", "0.99"])
    assert "Necessary combinations (inclN >= 0.99, covN >= 0.6)" in result.output
    combos = result.output.split("Necessary combinations")[1]
    assert "LIT " in combos and "STB" not in combos


def test_necessity_negated_outcome_and_conditions(runner):
    args = ["necessity", LF, "--outcome", "~SURV", "--conditions", "DEV,STB", "--json"]
    result = _invoke(runner, args)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["outcome"] == "~SURV"
    assert [r["expression"] for r in payload["conditions"]] == ["DEV", "~DEV", "STB", "~STB"]


# --------------------------------------------------------------------------------------
# qca plot


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_plot_xy(runner, tmp_path, suffix):
    out = tmp_path / f"xy.{suffix}"
    args = ["plot", LF, "--x", "DEV*~IND + URB*STB", "--y", "SURV", "-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {out}\n"
    head = out.read_bytes()[:8]
    assert {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[suffix] in head
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_plot_truth_table_and_necessity(runner, tmp_path):
    out = tmp_path / "tt.png"
    args = [
        "plot",
        LF,
        "--kind",
        "truth-table",
        "--y",
        "SURV",
        "--incl-cut",
        "0.8",
        "-o",
        str(out),
        "-q",
    ]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:4] == b"\x89PNG"
    out = tmp_path / "nec.svg"
    args = [
        "plot",
        LF,
        "--x",
        "LIT",
        "--y",
        "SURV",
        "--necessity",
        "--no-labels",
        "-o",
        str(out),
        "--json",
    ]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["plot"] == str(out)


def test_plot_usage_errors(runner, tmp_path):
    result = runner.invoke(
        cli, ["plot", LF, "--x", "DEV", "--y", "SURV", "-o", str(tmp_path / "x.gif")]
    )
    assert result.exit_code == 2 and ".png, .svg or .pdf" in result.output
    result = runner.invoke(cli, ["plot", LF, "--y", "SURV", "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2 and "needs --x" in result.output
    result = runner.invoke(cli, ["plot", LF, "--x", "DEV", "--y", "SURV"])
    assert result.exit_code == 2 and "Missing option '-o'" in result.output
    result = runner.invoke(
        cli, ["plot", LF, "--x", "DEV*NOPE", "--y", "SURV", "-o", str(tmp_path / "x.png")]
    )
    assert result.exit_code == 1 and "NOPE" in result.output
    assert not (tmp_path / "x.png").exists()


# --------------------------------------------------------------------------------------
# qca run

LF_RUN = ["run", LF, "--outcome", "SURV", "--incl-cut", "0.8"]
LF_DIR_EXP = ["--dir-exp", "DEV, URB, LIT, IND, STB"]


def _terms(model: str) -> set[str]:
    return set(model.split(" + "))


def test_run_json_on_a_bare_csv(runner):
    # R: tt <- truthTable(LF, outcome = "SURV", incl.cut = 0.8, show.cases = TRUE)
    #    minimize(tt, details = TRUE); minimize(tt, include = "?", details = TRUE)
    #    minimize(tt, include = "?", dir.exp = "DEV, URB, LIT, IND, STB", details = TRUE)
    result = _invoke(runner, [*LF_RUN, *LF_DIR_EXP, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {"truth_table", "necessity", "solutions", "warnings"} <= set(report)
    assert report["outcome"] == "SURV" and report["input"] == "LF.csv"
    rows = {r["row"]: r for r in report["truth_table"]}
    assert rows[32]["cases"] == ["BE", "CZ", "NL", "UK"]
    assert {"OUT", "n", "incl", "PRI", "cases"} <= set(rows[32])
    assert [r["expression"] for r in report["necessity"]["combinations"]] == [
        "LIT",
        "STB",
        "LIT*STB",
        "DEV + URB + IND",
    ]
    sol = report["solutions"]
    (cons,) = sol["conservative"]
    assert _terms(cons["model"]) == {"DEV*URB*LIT*IND*STB", "DEV*~URB*LIT*~IND*STB"}
    assert cons["inclS"] == pytest.approx(0.869767441860465)
    assert cons["covS"] == pytest.approx(0.658450704225352)
    assert cons["simplifying_assumptions"] == []
    (pars,) = sol["parsimonious"]
    assert pars["model"] == "DEV*~IND + URB*STB"
    assert pars["inclS"] == pytest.approx(0.85034965034965)
    assert pars["PRI"] == pytest.approx(0.81864406779661)
    assert pars["covS"] == pytest.approx(0.713615023474178)
    terms = {t["term"]: t for t in pars["terms"]}
    assert terms["DEV*~IND"]["covU"] == pytest.approx(0.193661971830986)
    assert terms["URB*STB"]["inclS"] == pytest.approx(0.873767258382643)
    assert pars["simplifying_assumptions"] == [10, 12, 14, 16, 17, 18, 21, 25, 26, 28, 29, 30]
    (inter,) = sol["intermediate"]
    assert _terms(inter["model"]) == {"DEV*URB*LIT*STB", "DEV*LIT*~IND*STB"}
    assert inter["inclS"] == pytest.approx(0.865947611710324)
    assert inter["covS"] == pytest.approx(0.65962441314554)
    assert inter["easy_counterfactuals"] == [30]
    assert inter["difficult_counterfactuals"] == [10, 12, 14, 16, 17, 18, 21, 25, 26, 28, 29]
    assert any("12 remainder(s)" in w for w in report["warnings"])


def test_run_terminal_output_reads_like_a_methods_section(runner):
    result = _invoke(runner, [*LF_RUN, *LF_DIR_EXP])
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("LF.csv: 18 cases; outcome SURV; conditions DEV, URB, LIT, IND, STB.")
    for heading in [
        "Necessity of each condition for SURV",
        "Truth table",
        'Conservative solution (include = "")',
        'Parsimonious solution (include = "?")',
        'Intermediate solution (include = "?", dir.exp = DEV, URB, LIT, IND, STB)',
        "Warnings",
    ]:
        assert heading in text.splitlines(), heading
    assert "  DEV*~IND + URB*STB -> SURV" in text.splitlines()
    lines = text.splitlines()
    i = lines.index("  DEV*~IND + URB*STB -> SURV")
    assert lines[i + 1].split() == ["term", "inclS", "PRI", "covS", "covU", "cases"]
    assert lines[i + 2].split() == ["DEV*~IND", "0.815", "0.721", "0.284", "0.194", "FI,IE"]
    assert lines[i + 4].split() == ["(model)", "0.850", "0.819", "0.714"]
    assert lines[i + 5].startswith("    Simplifying assumptions: 12 (rows 10, 12,")
    assert (
        "easy counterfactuals: 1 (rows 30); difficult counterfactuals: 11 (rows 10, 12, 14, 16, "
        "17, 18, 21, 25, 26, 28, 29)." in text
    )
    assert "2 row(s) coded 1, 7 coded 0, 0 contradictory (C), 0 below n.cut (?); 23 of 32" in text


def test_run_ambiguous_solutions_are_numbered(runner):
    # R: minimize(truthTable(LF, outcome = "SURV", incl.cut = 0.7), include = "?") has
    # several models when row 24 is positive; whatever their number, each is labelled.
    result = _invoke(runner, ["run", LF, "--outcome", "SURV", "--incl-cut", "0.7", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    for kind in ("conservative", "parsimonious"):
        names = [m["name"] for m in report["solutions"][kind]]
        assert names == [f"M{i}" for i in range(1, len(names) + 1)]
    text = _invoke(runner, ["run", LF, "--outcome", "SURV", "--incl-cut", "0.7"]).output
    for kind in ("conservative", "parsimonious"):
        if len(report["solutions"][kind]) > 1:
            assert "models explain the outcome equally well" in text
            assert "  M2: " in text


def test_run_without_dir_exp_has_no_intermediate_solution(runner):
    result = _invoke(runner, [*LF_RUN, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["solutions"]["intermediate"] == []
    assert "Intermediate solution" not in _invoke(runner, LF_RUN).output


def test_run_options_reach_the_analysis(runner):
    args = [*LF_RUN, "--conditions", "DEV,URB,STB", "--n-cut", "2", "--pri-cut", "0.5"]
    result = _invoke(runner, [*args, "--exclude", "3,7", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["conditions"] == ["DEV", "URB", "STB"]
    assert report["options"]["n_cut"] == 2
    assert report["options"]["pri_cut"] == 0.5
    assert report["options"]["exclude"] == [3, 7]
    assert set(report["truth_table"][0]) == {
        "row",
        "DEV",
        "URB",
        "STB",
        "OUT",
        "n",
        "incl",
        "PRI",
        "cases",
    }
    result = _invoke(runner, [*LF_RUN, "--incl-cut", "0.8,0.7", "--json"])
    out = {r["row"]: r["OUT"] for r in json.loads(result.output)["truth_table"]}
    assert out[24] == "C"
    assert any("C" in w for w in json.loads(result.output)["warnings"])


def test_run_report_workbook(runner, tmp_path):
    out = tmp_path / "report.xlsx"
    result = _invoke(runner, [*LF_RUN, *LF_DIR_EXP, "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = _read_xlsx(out)
    assert book.sheetnames == [
        "calibrated",
        "skewness",
        "necessity",
        "necessity_combinations",
        "truth_table",
        "conservative",
        "parsimonious",
        "intermediate",
        "configurations",
        "assumptions",
        "assumption_rows",
        "warnings",
        "plots",
        "provenance",
    ]
    for name in book.sheetnames[:-2]:
        ws = book[name]
        assert ws["A3"].font.bold, name
        assert ws.freeze_panes == "A4", name
    ws = book["parsimonious"]
    assert [c.value for c in ws[3]] == ["model", "term", "inclS", "PRI", "covS", "covU", "cases"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert rows[0][:2] == ["M1", "DEV*~IND"]
    assert rows[0][2] == pytest.approx(0.814814814814815)
    assert rows[2][:2] == ["M1", "DEV*~IND + URB*STB"]
    assert rows[2][4] == pytest.approx(0.713615023474178)
    ws = book["truth_table"]
    found = {ws.cell(r, 1).value: [c.value for c in ws[r]] for r in range(4, ws.max_row + 1)}
    assert found[32][-1] == "BE, CZ, NL, UK"
    assert isinstance(found[32][8], float)
    ws = book["assumptions"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4, values_only=False)]
    records = {(r[0], r[2]): r for r in rows if r[0]}
    assert records[("parsimonious", "SA")][3] == 12
    assert records[("intermediate", "EC")][3:] == [1, "30"]
    ws = book["calibrated"]
    assert [c.value for c in ws[3]] == ["case", "DEV", "URB", "LIT", "IND", "STB", "SURV"]
    assert ws["B4"].value == 0.81  # AU's DEV membership in LF
    prov = book["provenance"]
    items = {prov.cell(i, 1).value: prov.cell(i, 2).value for i in range(4, prov.max_row + 1)}
    assert items["input file"] == "LF.csv"
    assert items["option dir_exp"] == "DEV, URB, LIT, IND, STB"
    assert items["command"].startswith("qca ")


def test_run_markdown_and_json_reports(runner, tmp_path):
    md = tmp_path / "report.md"
    result = _invoke(runner, [*LF_RUN, *LF_DIR_EXP, "-o", str(md), "-q"])
    assert result.exit_code == 0, result.output
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# QCA report: LF.csv\n")
    for heading in ["## Truth table", '## Parsimonious solution (include = "?")', "## Provenance"]:
        assert heading in text
    assert "| M1 | DEV*~IND | 0.815 | 0.721 | 0.284 | 0.194 | FI,IE |" in text
    js = tmp_path / "report.json"
    result = _invoke(runner, [*LF_RUN, "-o", str(js), "-q"])
    assert result.exit_code == 0
    assert (
        json.loads(js.read_text())["solutions"]["parsimonious"][0]["model"] == "DEV*~IND + URB*STB"
    )
    result = _invoke(runner, [*LF_RUN, "-o", str(tmp_path / "x.xlsx"), "--format", "md", "-q"])
    assert (tmp_path / "x.xlsx").read_text(encoding="utf-8").startswith("# QCA report")


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# the truth table, then the first model of each solution type (LF has one model each)
LF_PLOTS = [
    "truth_table.png",
    "xy_conservative_M1.png",
    "xy_parsimonious_M1.png",
    "xy_intermediate_M1.png",
]


def test_run_workbook_embeds_the_plots(runner, tmp_path):
    out = tmp_path / "report.xlsx"
    result = _invoke(runner, [*LF_RUN, *LF_DIR_EXP, "-o", str(out)])
    assert result.exit_code == 0, result.output
    # the plots change the report only, not what the terminal shows
    assert result.output == f"Wrote {out}\n" + _invoke(runner, [*LF_RUN, *LF_DIR_EXP]).output
    ws = _read_xlsx(out)["plots"]
    assert len(ws._images) == len(LF_PLOTS)
    for image in ws._images:
        assert image._data().startswith(PNG_SIGNATURE)
    captions = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value]
    assert captions[0] == "Truth table of SURV"
    assert 'Parsimonious solution (include = "?"), M1: DEV*~IND + URB*STB -> SURV' in captions
    assert not any(str(c).startswith("Warning") for c in captions)
    # each image sits under its own caption, none overlapping the next caption
    anchors = sorted(image.anchor._from.row for image in ws._images)
    caption_rows = [r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value]
    assert anchors == caption_rows  # 0-based anchor row = the row below the caption


def test_run_markdown_links_its_plots(runner, tmp_path):
    md = tmp_path / "report.md"
    args = [*LF_RUN, *LF_DIR_EXP, "-o", str(md), "-q"]
    assert _invoke(runner, args).exit_code == 0
    text = md.read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert links == [f"report_plots/{name}" for name in LF_PLOTS]
    assert text.index("## Plots") < text.index("## Provenance")
    first = {}
    for link in links:
        first[link] = (tmp_path / link).read_bytes()
        assert first[link].startswith(PNG_SIGNATURE)
    folder = tmp_path / "report_plots"
    assert sorted(p.name for p in folder.iterdir()) == sorted([".qca-files", *LF_PLOTS])
    # a second run replaces qca's own files (same names, same bytes) and removes its own
    # stale plots, but keeps a file the user put there (issue 17: never the user's files)
    manifest = folder / ".qca-files"
    manifest.write_text(manifest.read_text() + "xy_conservative_M9.png\n")
    (folder / "xy_conservative_M9.png").write_bytes(b"ours, from an earlier run")
    (folder / "mine.png").write_bytes(b"the user's")
    assert _invoke(runner, args).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted([".qca-files", "mine.png", *LF_PLOTS])
    assert (folder / "mine.png").read_bytes() == b"the user's"
    assert {link: (tmp_path / link).read_bytes() for link in links} == first
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_run_no_plots(runner, tmp_path):
    xlsx, md = tmp_path / "report.xlsx", tmp_path / "report.md"
    plain = _invoke(runner, [*LF_RUN, "--no-plots", "-o", str(xlsx)])
    assert plain.exit_code == 0, plain.output
    assert "plots" not in _read_xlsx(xlsx).sheetnames
    assert _invoke(runner, [*LF_RUN, "--no-plots", "-o", str(md), "-q"]).exit_code == 0
    assert "![" not in md.read_text(encoding="utf-8")
    assert "## Plots" not in md.read_text(encoding="utf-8")
    assert not (tmp_path / "report_plots").exists()
    assert plain.output == f"Wrote {xlsx}\n" + _invoke(runner, LF_RUN).output
    assert "--no-plots" in runner.invoke(cli, ["run", "-h"]).output


def test_run_refuses_to_overwrite_its_input(runner, tmp_path):
    source = tmp_path / "LF.csv"
    source.write_bytes(open(LF, "rb").read())
    result = _invoke(
        runner, ["run", str(source), "--outcome", "SURV", "-o", str(source), "--format", "md"]
    )
    assert result.exit_code == 1
    assert "is the input file" in result.output
    assert source.read_bytes() == open(LF, "rb").read()


LC = str(DATA / "LC.csv")  # R QCA's LC (Lipset, crisp)
LM = str(DATA / "LM.csv")  # R QCA's LM (Lipset, multi-value)


def test_run_numbers_ambiguous_models(runner):
    # R: minimize(truthTable(LC, outcome = "SURV", show.cases = TRUE), include = "?",
    #             all.sol = TRUE)
    #    M1: DEV*STB <-> SURV
    #    M2: DEV*~IND + IND*STB <-> SURV
    result = _invoke(runner, ["run", LC, "--outcome", "SURV", "--all-sol", "--json"])
    assert result.exit_code == 0, result.output
    models = json.loads(result.output)["solutions"]["parsimonious"]
    assert [(m["name"], m["model"]) for m in models] == [
        ("M1", "DEV*STB"),
        ("M2", "DEV*~IND + IND*STB"),
    ]
    text = _invoke(runner, ["run", LC, "--outcome", "SURV", "--all-sol"]).output.splitlines()
    assert "  2 models explain the outcome equally well." in text
    assert "  M1: DEV*STB <-> SURV" in text
    assert "  M2: DEV*~IND + IND*STB <-> SURV" in text
    # without --all-sol only the shortest model is left
    result = _invoke(runner, ["run", LC, "--outcome", "SURV", "--no-all-sol", "--json"])
    models = json.loads(result.output)["solutions"]["parsimonious"]
    assert [m["model"] for m in models] == ["DEV*STB"]


# --------------------------------------------------------------------------------------
# qca minimize


def test_minimize_multivalue_models(runner):
    # R: minimize(truthTable(LM, outcome = "SURV", show.cases = TRUE), include = "?")
    #    M1: DEV[2] + DEV[1]*STB[1]; M2: DEV[1]*IND[0] + IND[1]*STB[1];
    #    M3: DEV[1]*STB[1] + IND[1]*STB[1]
    result = _invoke(runner, ["minimize", LM, "--outcome", "SURV", "--include", "?"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == 'Parsimonious solution (include = "?")'
    assert lines[1] == "  3 models explain the outcome equally well."
    models = [line.strip() for line in lines if line.startswith("  M")]
    assert models == [
        "M1: DEV[2] + DEV[1]*STB[1] <-> SURV",
        "M2: DEV[1]*IND[0] + IND[1]*STB[1] <-> SURV",
        "M3: DEV[1]*STB[1] + IND[1]*STB[1] <-> SURV",
    ]


def test_minimize_conservative_by_default(runner):
    # R: minimize(truthTable(LF, outcome = "SURV", incl.cut = 0.8, show.cases = TRUE))
    result = _invoke(runner, ["minimize", LF, "--outcome", "SURV", "--incl-cut", "0.8", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    (model,) = payload["solutions"]["conservative"]
    assert _terms(model["model"]) == {"DEV*URB*LIT*IND*STB", "DEV*~URB*LIT*~IND*STB"}
    terms = {t["term"]: t for t in model["terms"]}
    assert terms["DEV*URB*LIT*IND*STB"]["covU"] == pytest.approx(0.393192488262911)


def test_minimize_intermediate_and_outputs(runner, tmp_path):
    # R: minimize(truthTable(LF, outcome = "SURV", incl.cut = 0.8), include = "?",
    #             dir.exp = "DEV, URB, LIT, IND, STB")  -> EC row 30
    out = tmp_path / "min.xlsx"
    args = ["minimize", LF, "--outcome", "SURV", "--incl-cut", "0.8", *LF_DIR_EXP, "-o", str(out)]
    result = _invoke(runner, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith('Intermediate solution (include = "?"')
    assert result.stderr == f"Wrote {out}\n"
    book = _read_xlsx(out)
    assert book.sheetnames == [
        "intermediate", "configurations", "assumptions", "assumption_rows", "provenance"
    ]
    ws = book["assumptions"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert ["intermediate", "M1", "EC", 1, "30"] in rows
    # R records EC row 30 as DEV = 1, URB = 1, LIT = 1, IND = 0, STB = 1
    ws = book["assumption_rows"]
    assert [c.value for c in ws[3]] == [
        "solution",
        "model",
        "type",
        "row",
        "DEV",
        "URB",
        "LIT",
        "IND",
        "STB",
    ]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert ["intermediate", "M1", "EC", 30, 1, 1, 1, 0, 1] in rows
    assert sum(r[2] == "DC" for r in rows) == 11


def test_minimize_exclude_and_row_dom(runner):
    # R: minimize(truthTable(LF, outcome = "SURV", incl.cut = 0.8), include = "?",
    #             exclude = c(10, 12, 14, 16, 17, 21, 25, 29)) -- the contradictory SA excluded
    base = ["minimize", LF, "--outcome", "SURV", "--incl-cut", "0.8", "--include", "?", "--json"]
    result = _invoke(runner, [*base, "--exclude", "10,12,14,16,17,21,25,29"])
    assert result.exit_code == 0, result.output
    for model in json.loads(result.output)["solutions"]["parsimonious"]:
        assert not set(model["simplifying_assumptions"]) & {10, 12, 14, 16, 17, 21, 25, 29}
    result = _invoke(runner, [*base, "--row-dom"])
    assert result.exit_code == 0, result.output


# --------------------------------------------------------------------------------------
# workbooks: template, calibrate, run with the analysis sheet

LR = str(DATA / "LR.csv")  # R QCA's LR (Lipset, raw measures)
LF_CASES = [
    "AU",
    "BE",
    "CZ",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "NL",
    "PL",
    "PT",
    "RO",
    "ES",
    "SE",
    "UK",
]


def _write_book(path, cases, **parts):
    from qca.workbook import write_workbook

    try:
        return write_workbook(path, cases, **parts)
    except NotImplementedError as exc:  # pragma: no cover - until the workbook lands
        pytest.skip(f"library part not written yet: {exc}")


@pytest.fixture
def raw_book(tmp_path):
    """LR's raw measures with a codebook of R-recorded calibrations."""
    import pandas as pd

    cases = pd.read_csv(LR, index_col=0, keep_default_na=False)
    calibration = [
        {"set": "DEVF", "source": "DEV", "thresholds": "e=350, c=550, i=900"},
        {"set": "STBF", "source": "STB", "thresholds": "i=5, c=10, e=15"},
        {"set": "DEVL", "source": "DEV", "thresholds": "e=350, c=550, i=900", "logistic": False},
        {"set": "DEVC", "source": "DEV", "kind": "crisp", "thresholds": "550, 850"},
    ]
    return _write_book(tmp_path / "raw.xlsx", cases, calibration=calibration)


@pytest.fixture
def lf_book(tmp_path):
    """LF's memberships with an analysis sheet, and a second sheet holding LC."""
    import pandas as pd

    cases = pd.read_csv(LF, index_col=0, keep_default_na=False)
    crisp = pd.read_csv(LC, index_col=0, keep_default_na=False)
    analysis = {
        "outcome": "SURV",
        "conditions": ["DEV", "URB", "LIT", "IND", "STB"],
        "incl_cut": 0.8,
        "dir_exp": "DEV, URB, LIT, IND, STB",
    }
    return _write_book(tmp_path / "lf.xlsx", cases, analysis=analysis, sheets={"crisp": crisp})


def test_template_writes_a_workbook_to_fill_in(runner, tmp_path):
    out = tmp_path / "study.xlsx"
    result = _invoke(runner, ["template", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {out}: fill in the cases sheet, then run: qca run {out}\n"
    assert _read_xlsx(out).sheetnames == ["cases", "calibration", "analysis", "labels", "README"]
    assert [p.name for p in tmp_path.iterdir()] == ["study.xlsx"]
    # never replaces a file unless told to
    before = out.read_bytes()
    result = runner.invoke(cli, ["template", str(out)])
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert out.read_bytes() == before
    result = runner.invoke(cli, ["template", str(out), "--force", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == {"template": str(out)}
    result = runner.invoke(cli, ["template", str(tmp_path / "study.csv")])
    assert result.exit_code == 2
    # a template without cases is a clear data error
    result = runner.invoke(cli, ["run", str(out)])
    assert result.exit_code == 1
    assert "no cases" in result.output


def test_calibrate_applies_the_codebook(runner, raw_book):
    result = _invoke(runner, ["calibrate", str(raw_book), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    rows = {r["case"]: r for r in payload["data"]}
    assert list(rows) == LF_CASES
    # R: calibrate(LR$DEV, thresholds = "e=350, c=550, i=900")
    dev = [
        0.806926,
        0.990148,
        0.575141,
        0.230193,
        0.583342,
        0.974486,
        0.887065,
        0.086626,
        0.135287,
        0.719548,
        0.380876,
        0.979225,
        0.05,
        0.032733,
        0.038267,
        0.063319,
        0.948787,
        0.983784,
    ]
    assert [rows[c]["DEVF"] for c in LF_CASES] == pytest.approx(dev, abs=1e-6)
    # R: calibrate(LR$STB, thresholds = "i=5, c=10, e=15")
    assert rows["BE"]["STBF"] == pytest.approx(0.971621, abs=1e-6)
    assert rows["AU"]["STBF"] == pytest.approx(0.5, abs=1e-6)
    # R: calibrate(LR$DEV, thresholds = "e=350, c=550, i=900", logistic = FALSE)
    assert rows["AU"]["DEVL"] == pytest.approx(0.742857, abs=1e-6)
    # R: calibrate(LR$DEV, type = "crisp", thresholds = c(550, 850))
    assert [rows[c]["DEVC"] for c in LF_CASES] == [
        1,
        2,
        1,
        0,
        1,
        2,
        1,
        0,
        0,
        1,
        0,
        2,
        0,
        0,
        0,
        0,
        2,
        2,
    ]
    assert [r["set"] for r in payload["calibration"]] == ["DEVF", "STBF", "DEVL", "DEVC"]


def test_calibrate_terminal_and_files(runner, raw_book, tmp_path):
    result = _invoke(runner, ["calibrate", str(raw_book)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Calibration"
    assert lines[1].split()[:5] == ["set", "source", "kind", "method", "thresholds"]
    assert "logistic=False" in result.output
    assert "Calibrated set memberships" in lines
    out = tmp_path / "sets.csv"
    assert runner.invoke(cli, ["calibrate", str(raw_book), "-o", str(out), "-q"]).exit_code == 0
    rows = list(csv.reader(open(out, encoding="utf-8")))
    assert rows[0][0] == "case" and "DEVF" in rows[0] and len(rows) == 19
    out = tmp_path / "sets.xlsx"
    assert runner.invoke(cli, ["calibrate", str(raw_book), "-o", str(out), "-q"]).exit_code == 0
    assert _read_xlsx(out).sheetnames == ["calibrated", "calibration", "provenance"]


def test_run_uses_the_analysis_sheet(runner, lf_book):
    # the sheet says outcome SURV, incl_cut 0.8 and dir_exp: R's LF results (see above)
    result = _invoke(runner, ["run", str(lf_book), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["options"]["incl_cut"] == 0.8
    assert report["solutions"]["parsimonious"][0]["model"] == "DEV*~IND + URB*STB"
    (inter,) = report["solutions"]["intermediate"]
    assert _terms(inter["model"]) == {"DEV*URB*LIT*STB", "DEV*LIT*~IND*STB"}
    # options override the sheet
    result = _invoke(runner, ["run", str(lf_book), "--incl-cut", "0.7", "--json"])
    report = json.loads(result.output)
    assert report["options"]["incl_cut"] == 0.7
    assert {r["row"]: r["OUT"] for r in report["truth_table"]}[24] == "1"
    result = _invoke(runner, ["run", str(lf_book), "--outcome", "~SURV", "--json"])
    assert json.loads(result.output)["outcome"] == "~SURV"


def test_run_on_another_sheet(runner, lf_book):
    # --sheet crisp holds LC. R: minimize(truthTable(LC, outcome = "SURV"), include = "?")
    #   M1: DEV*STB <-> SURV
    result = _invoke(runner, ["run", str(lf_book), "--sheet", "crisp", "--json"])
    assert result.exit_code == 0, result.output
    assert [m["model"] for m in json.loads(result.output)["solutions"]["parsimonious"]] == [
        "DEV*STB"
    ]
    result = runner.invoke(cli, ["run", str(lf_book), "--sheet", "nope"])
    assert result.exit_code == 1
    assert "nope" in result.output


def test_run_report_never_holds_formulas(runner, tmp_path):
    import pandas as pd

    cases = pd.read_csv(LF, index_col=0, keep_default_na=False)
    evil = ["=1+1", "+SUM(A1)", "-2", "@A1", *cases.index[4:]]
    cases.index = pd.Index(evil, name="case")
    labels = {"DEV": '=HYPERLINK("http://x")', "SURV": "@survival"}
    book = _write_book(
        tmp_path / "evil.xlsx", cases, labels=labels, analysis={"outcome": "SURV", "incl_cut": 0.8}
    )
    out = tmp_path / "report.xlsx"
    result = _invoke(runner, ["run", str(book), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    import zipfile

    with zipfile.ZipFile(out) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and all("<f>" not in zf.read(n).decode() for n in sheets)
    report = _read_xlsx(out)
    ws = report["calibrated"]
    assert [ws.cell(r, 1).value for r in range(4, 8)] == evil[:4]
    assert all(ws.cell(r, 1).data_type == "s" for r in range(4, 8))
    ws = report["labels"]
    found = {ws.cell(r, 1).value: ws.cell(r, 2) for r in range(4, ws.max_row + 1)}
    assert found["DEV"].value == labels["DEV"] and found["DEV"].data_type == "s"
    assert found["SURV"].value == "@survival"
    ws = report["truth_table"]
    cases_cells = [ws.cell(r, 11) for r in range(4, ws.max_row + 1) if ws.cell(r, 7).value]
    assert any(c.value.startswith("=1+1") for c in cases_cells)
    assert all(c.data_type == "s" for c in cases_cells)
    # the Markdown report escapes nothing it does not have to, and keeps the names
    md = tmp_path / "report.md"
    assert _invoke(runner, ["run", str(book), "-o", str(md), "-q"]).exit_code == 0
    assert "| =1+1 |" in md.read_text(encoding="utf-8")


def test_bundled_lipset_workbook_prints_its_solutions(runner):
    # the README's Quick start: qca run cases/lipset.xlsx
    book = Path(__file__).resolve().parent.parent / "cases" / "lipset.xlsx"
    if not book.exists():
        pytest.skip("cases/lipset.xlsx not bundled yet")
    result = _invoke(runner, ["run", str(book)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("lipset.xlsx: 18 cases; outcome SURV;")
    for heading in ("Calibration", "Truth table", 'Conservative solution (include = "")'):
        assert heading in lines
    assert any(line.startswith("Parsimonious solution") for line in lines)
    assert sum(line.endswith("-> SURV") or line.endswith("<-> SURV") for line in lines) >= 2


# --------------------------------------------------------------------------------------
# qca robustness

LIPSET = Path(__file__).resolve().parent.parent / "cases" / "lipset.xlsx"


@pytest.fixture
def lipset():
    if not LIPSET.exists():
        pytest.skip("cases/lipset.xlsx not bundled yet")
    return str(LIPSET)


def test_robustness_json_is_the_result_dict(runner, lipset):
    args = ["robustness", lipset, "--include", "?", "--shifts", "0.1", "--incl-cuts", "0.85"]
    result = _invoke(runner, [*args, "--n-cuts", "2", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    for key in ("robust_core", "fit", "term_survival", "core_terms", "runs", "cases", "warnings"):
        assert key in payload, key
    # one run per anchor of each of the 6 calibrated sets, plus one incl_cut and one n_cut
    assert payload["n_runs"] == 6 * 3 + 2
    kinds = [run["kind"] for run in payload["runs"]]
    assert kinds.count("incl_cut") == 1 and kinds.count("n_cut") == 1
    assert set(payload["robust_core"]) == set(LF_CASES)
    assert set(payload["fit"]) == {"RF_cons", "RF_cov", "RF_SC_minTS", "RF_SC_maxTS"}


def test_robustness_text_files_and_plot(runner, lipset, tmp_path):
    out, image = tmp_path / "rob.xlsx", tmp_path / "rob.png"
    args = ["robustness", lipset, "--include", "?", "--shifts", "0.1", "--drop-cases"]
    result = _invoke(runner, [*args, "-o", str(out), "--plot", str(image)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # lipset.xlsx holds directional expectations: the intermediate solution is tested
    assert lines[0].startswith(
        'Robustness of the intermediate solution (include = "?", dir.exp = DEV, URB, LIT, IND, '
        'STB) for SURV: IS = '
    )
    assert "Term survival" in lines and "Robustness fit parameters" in lines
    assert image.read_bytes()[:4] == b"\x89PNG"
    book = _read_xlsx(out)
    assert book.sheetnames == ["term_survival", "robustness_fit", "cases", "runs", "provenance"]
    ws = book["runs"]
    kinds = [ws.cell(r, 2).value for r in range(4, ws.max_row + 1)]
    assert kinds.count("drop_case") == 18
    result = runner.invoke(cli, [*args, "--plot", str(tmp_path / "x.bmp")])
    assert result.exit_code == 2
    assert "Invalid value for --plot: an image ends in .png" in result.output


def test_robustness_bad_values(runner, lipset):
    assert runner.invoke(cli, ["robustness", lipset, "--incl-cuts", "x"]).exit_code == 2
    assert runner.invoke(cli, ["robustness", lipset, "--n-cuts", "1.5"]).exit_code == 2
    assert runner.invoke(cli, ["robustness", lipset, "--shifts", "a,b"]).exit_code == 2
    result = _invoke(runner, ["robustness", lipset, "--incl-cuts", "1.5"])
    assert result.exit_code == 1
    assert "1.5" in result.output and result.output.startswith("Error: ")


def test_run_exclude_as_r_does(runner):
    # R: minimize(truthTable(LF, outcome = "SURV", incl.cut = 0.8, exclude = c(18, 21, 26, 30)),
    #             include = "?")  ->  M1: URB*IND*STB + DEV*~URB*LIT*~IND*STB, SA rows 12, 16, 28
    result = _invoke(runner, [*LF_RUN, "--exclude", "18,21,26,30", "--json"])
    assert result.exit_code == 0, result.output
    (model,) = json.loads(result.output)["solutions"]["parsimonious"]
    assert _terms(model["model"]) == {"URB*IND*STB", "DEV*~URB*LIT*~IND*STB"}
    assert model["simplifying_assumptions"] == [12, 16, 28]


def test_run_esa_avoids_contradictory_assumptions(runner):
    # R: findRows(truthTable(LF, outcome = "SURV", incl.cut = 0.8), type = 2)
    #    -> 10, 12, 14, 16, 17, 21, 25, 29: with --esa no model may rest on them
    result = _invoke(runner, [*LF_RUN, "--esa", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["options"]["esa"] is True
    for model in report["solutions"]["parsimonious"]:
        assert not set(model["simplifying_assumptions"]) & {10, 12, 14, 16, 17, 21, 25, 29}


# --------------------------------------------------------------------------------------
# docs/cli.md

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "cli.md"


def _doc_commands() -> list[str]:
    import re

    text = DOC.read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if "<!-- cli:start -->" in readme:
        text += readme.split("<!-- cli:start -->")[1].split("<!-- cli:end -->")[0]
    blocks = re.findall(r"```console\n(.*?)```", text, flags=re.S)
    return [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ ")]


def test_docs_describe_every_command():
    text = DOC.read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"### `qca {name}" in text, name


@pytest.mark.parametrize("command", _doc_commands())
def test_docs_commands_run(runner, tmp_path, monkeypatch, command):
    import shlex

    (tmp_path / "cases").symlink_to(ROOT / "cases")
    monkeypatch.chdir(tmp_path)
    args = shlex.split(command)
    assert args[0] == "qca"
    result = _invoke(runner, args[1:])
    assert result.exit_code == 0, result.output


def _help_examples() -> list[str]:
    found = []
    for _name, command in sorted(cli.commands.items()):
        help_text = command.help or ""
        example = help_text[help_text.index("Example:") :]
        found += [
            line.strip() for line in example.splitlines()[1:] if line.strip().startswith("qca ")
        ]
    return found


@pytest.mark.parametrize("command", _help_examples())
def test_help_examples_run(runner, tmp_path, monkeypatch, command):
    import shlex

    (tmp_path / "cases").symlink_to(ROOT / "cases")
    monkeypatch.chdir(tmp_path)
    result = _invoke(runner, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output


# --------------------------------------------------------------------------------------
# bad workbooks through the command line: exit 1, one message naming the place, no traceback


def _xlsx(path, sheets):
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


CASES = [
    ["case", "GDP", "A", "Y"],
    ["x", 300, 0.2, 0.1],
    ["y", 900, 0.9, 0.8],
    ["z", 600, 0.7, 0.6],
]


@pytest.mark.parametrize(
    ("sheets", "message"),
    [
        (
            {"cases": [["case", "A", "Y"], ["x", 1, "=B3*2"], ["y", 0, 3]]},
            "formulas without a calculated value",
        ),
        ({"cases": [["case", "A", "Y"]]}, "no cases"),
        ({"cases": [["case", "A", "Y"], ["x", "high", 1]]}, "row 2, column 'A' (case 'x'): 'high'"),
        ({"cases": [["case", "A", "Y"], ["x", 1, 1], ["x", 0, 0]]}, "duplicate case id 'x'"),
        (
            {
                "cases": CASES,
                "calibration": [["set", "source", "thresholds"], ["RICH", "GNP", "1,2,3"]],
            },
            "sheet 'calibration', row 2, column 'source'",
        ),
        (
            {
                "cases": CASES,
                "calibration": [["set", "source", "thresholds"], ["RICH", "GDP", "9, 5, 1, 2"]],
            },
            "sheet 'calibration', row 2, column 'thresholds'",
        ),
        ({"cases": CASES, "analysis": [["key", "value"], ["outcom", "Y"]]}, "unknown key 'outcom'"),
        (
            {"cases": CASES, "analysis": [["key", "value"], ["incl_cut", 1.5]]},
            "(incl_cut): expected a number in [0, 1]",
        ),
    ],
)
def test_bad_workbooks_exit_1(runner, tmp_path, sheets, message):
    path = _xlsx(tmp_path / "bad.xlsx", sheets)
    result = runner.invoke(cli, ["run", str(path), "--outcome", "Y"])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "bad.xlsx" in result.output
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
    result = runner.invoke(cli, ["run", str(path), "--outcome", "Y", "--debug"])
    assert result.exit_code == 1 and result.exception is not None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fake.xlsx", b"case,A\nx,1\n", "not"),  # "not a zip archive" / "not an Excel workbook"
        ("empty.xlsx", b"", "empty"),
        ("old.xls", b"x", "Save it in Excel as .xlsx"),
        ("notes.txt", b"x", "expected an .xlsx or .csv file, got '.txt'"),
    ],
)
def test_files_that_are_not_case_sheets_exit_1(runner, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(cli, ["truth-table", str(path), "--outcome", "Y"])
    assert result.exit_code == 1, result.output
    assert message in result.output and name in result.output


def test_missing_sheet_and_sheet_on_csv(runner, tmp_path):
    path = _xlsx(tmp_path / "book.xlsx", {"cases": CASES})
    result = runner.invoke(cli, ["calibrate", str(path), "--sheet", "Cases2"])
    assert result.exit_code == 1
    assert "Cases2" in result.output and "'cases'" in result.output
    result = runner.invoke(cli, ["calibrate", LF, "--sheet", "x"])
    assert result.exit_code == 1
    assert "--sheet applies to .xlsx files" in result.output


def test_dropna(runner, tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text("case,A,Y\nx,1,1\ny,,0\nz,0,0\n")
    assert runner.invoke(cli, ["calibrate", str(path)]).exit_code == 1
    result = runner.invoke(cli, ["calibrate", str(path), "--dropna", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert [r["case"] for r in payload["data"]] == ["x", "z"]
    assert any("y" in w for w in payload["warnings"])


def test_progress_goes_to_a_terminal_only_for_slow_steps(monkeypatch):
    import io
    import time

    from qca.cli import _Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = _Progress(quiet=False, delay=0.05)
    progress("truth table")
    time.sleep(0.5)  # a slow step: reported
    progress("minimization")
    progress.done()  # a quick step: not reported
    time.sleep(0.2)
    assert terminal.getvalue() == "qca: truth table...\n"
    quiet = _Progress(quiet=True, delay=0.0)
    quiet("hidden")
    time.sleep(0.1)
    assert terminal.getvalue() == "qca: truth table...\n"
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not _Progress(quiet=False).on


def test_run_without_a_positive_row_reports_no_solution(runner):
    # R's default incl.cut = 1: no LF row is fully consistent, so nothing is coded 1
    result = _invoke(runner, ["run", LF, "--outcome", "SURV", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["solutions"]["conservative"] == [] and report["solutions"]["parsimonious"] == []
    assert "Nothing to explain" in report["solution_errors"]["parsimonious"]
    text = _invoke(runner, ["run", LF, "--outcome", "SURV"]).output
    assert "  No solution: Nothing to explain" in text


def test_run_with_every_row_below_n_cut_exits_1(runner):
    result = runner.invoke(cli, ["run", LF, "--outcome", "SURV", "--n-cut", "5"])
    assert result.exit_code == 1
    assert "no configurations" in result.output and "n_cut = 5" in result.output


def test_robustness_on_a_csv_varies_cut_offs(runner):
    args = ["robustness", LF, "--outcome", "SURV", "--incl-cut", "0.8", "--include", "?"]
    result = _invoke(runner, [*args, "--incl-cuts", "0.75,0.85", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["initial_solution"] == "DEV*~IND + URB*STB"
    assert [run["incl_cut"] for run in payload["runs"]] == [0.75, 0.85]


@pytest.mark.parametrize("include", ["?, C", "C"])
def test_run_include_contradictions(runner, include):
    # R: minimize(truthTable(LF, outcome = "SURV", incl.cut = c(0.8, 0.7)), include = "?, C")
    #    M1: DEV*STB -> SURV, SA rows 18, 20, 24, 26, 28, 30 (24 is the C row)
    # (the parsimonious solution always may use remainders: "C" alone means "?, C")
    args = ["run", LF, "--outcome", "SURV", "--incl-cut", "0.8,0.7", "--include", include]
    result = _invoke(runner, [*args, "--json"])
    assert result.exit_code == 0, result.output
    (model,) = json.loads(result.output)["solutions"]["parsimonious"]
    assert model["model"] == "DEV*STB"
    assert model["simplifying_assumptions"] == [18, 20, 24, 26, 28, 30]
    assert 'Parsimonious solution (include = "?, C")' in _invoke(runner, args).output


def test_warnings_are_reported_once_and_plainly(runner, tmp_path):
    path = tmp_path / "half.csv"
    path.write_text("case,A,Y\nx,0.5,1\ny,0.2,0\nz,0.9,0.9\nw,0.8,0.7\n")
    result = _invoke(runner, ["run", str(path), "--outcome", "Y", "--incl-cut", "0.8", "--json"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    half = [w for w in json.loads(result.stdout)["warnings"] if "exactly 0.5" in w]
    assert len(half) == 1 and "'A'" in half[0] and "x" in half[0]
    # a warning no command reports itself comes as one line on stderr, not a Python warning
    gaps = tmp_path / "gaps.csv"
    gaps.write_text("case,A,Y\nx,1,1\ny,,0\nz,0,0\n")
    # a warning of reading the sheet is listed with the command's own warnings, once
    result = runner.invoke(cli, ["fit", str(gaps), "A", "--outcome", "Y", "--dropna"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    listed = result.stdout.split("\nWarnings\n")[1].splitlines()
    assert len(listed) == 1 and listed[0].startswith("  - ") and "'y'" in listed[0]
    result = runner.invoke(cli, ["fit", str(gaps), "A", "--outcome", "Y", "--dropna", "-q"])
    assert result.stderr == "" and result.stdout == ""


def test_intermediate_results_are_named_by_c_p_pair(runner):
    # LC with all.sol has two parsimonious models (M1: DEV*STB, M2: DEV*~IND + IND*STB, as R
    # records), so the intermediate solution has one result per pair: C1P1 and C1P2
    args = ["run", LC, "--outcome", "SURV", "--all-sol", "--dir-exp", "DEV, URB, LIT, IND, STB"]
    result = _invoke(runner, [*args, "--json"])
    assert result.exit_code == 0, result.output
    names = [m["name"] for m in json.loads(result.output)["solutions"]["intermediate"]]
    assert names[0].startswith("C1P1 M") and any(n.startswith("C1P2 M") for n in names)
    text = _invoke(runner, args).output.splitlines()
    i = text.index(
        'Intermediate solution (include = "?", dir.exp = DEV, URB, LIT, IND, STB, all_sol)'
    )
    assert text[i + 1].startswith("  One result per pair of conservative (C) and parsimonious")
    assert any(line.startswith("  C1P2 M1: ") for line in text[i:])


def test_necessity_of_multivalue_conditions_lists_each_value(runner):
    import pandas as pd

    result = _invoke(runner, ["necessity", LM, "--outcome", "SURV", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["expression"]: r for r in json.loads(result.output)["conditions"]}
    assert list(rows)[:5] == ["DEV[0]", "DEV[1]", "DEV[2]", "URB[0]", "URB[1]"]
    # crisp data: inclN of DEV[2] is the share of surviving democracies with DEV = 2
    data = pd.read_csv(LM, index_col=0)
    survived = data[data["SURV"] == 1]
    assert rows["DEV[2]"]["inclN"] == pytest.approx((survived["DEV"] == 2).mean())
    assert rows["URB[0]"]["inclN"] == pytest.approx((survived["URB"] == 0).mean())


@pytest.mark.parametrize("command", ["run", "necessity", "truth-table", "minimize"])
def test_unknown_condition_exits_1_naming_it(runner, command):
    result = runner.invoke(cli, [command, LF, "--outcome", "SURV", "--conditions", "DEV,NOPE"])
    assert result.exit_code == 1
    assert "'NOPE'" in result.output and "DEV, URB, LIT, IND, STB, SURV" in result.output
    assert "Traceback" not in result.output


def test_library_advice_is_given_as_options(runner):
    result = _invoke(runner, ["robustness", LF, "--outcome", "SURV"])
    assert result.exit_code == 1
    assert "--incl-cuts" in result.output and "incl_cuts=" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--incl-cut", "1.5"], "The option --incl-cut must be a float in [0, 1]. Got 1.5"),
        (["--n-cut", "0"], "--n-cut must be an integer >= 1"),
        (["--incl-cut", "0.8", "--exclude", "999"], "999"),
        (["--conditions", "SURV,DEV"], "cannot also be a condition"),
    ],
)
def test_bad_analysis_options_exit_1(runner, args, message):
    result = runner.invoke(cli, ["run", LF, "--outcome", "SURV", *args])
    assert result.exit_code == 1
    assert message in result.output and result.output.startswith("Error: ")


def test_bad_dir_exp_is_an_error_not_a_missing_solution(runner):
    # issue 17: a mistake in --dir-exp was reported as "No solution" with exit 0
    args = ["run", LF, "--outcome", "SURV", "--incl-cut", "0.8", "--dir-exp", "NOPE", "--json"]
    result = _invoke(runner, args)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: ") and "'NOPE'" in result.output
    assert "not a condition" in result.output


def test_fit_with_an_arrow_names_outcome_and_relation(runner):
    # R: pof("DEV*URB*LIT*STB + DEV*LIT*~IND*STB -> SURV", data = LF)
    result = runner.invoke(cli, ["fit", LF, "DEV*URB*LIT*STB + DEV*LIT*~IND*STB -> SURV", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["outcome"] == "SURV" and payload["relation"] == "sufficiency"
    rows = {r["term"]: r for r in payload["fit"]}
    assert rows["DEV*LIT*~IND*STB"]["covU"] == pytest.approx(0.19131455399061)
    assert rows["expression"]["inclS"] == pytest.approx(0.865947611710324)
    # R: pof("LIT*STB <- SURV", data = LF)
    result = runner.invoke(cli, ["fit", LF, "LIT*STB <- SURV"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Fit of LIT*STB <- SURV (necessity)"
    assert result.output.splitlines()[2].split() == ["LIT*STB", "0.915", "0.800", "0.793"]
    result = runner.invoke(cli, ["fit", LF, "LIT*STB -> SURV", "--necessity"])
    assert result.exit_code == 2 and "contradicts the arrow" in result.output
    result = runner.invoke(cli, ["fit", LF, "LIT*STB -> SURV", "--outcome", "DEV"])
    assert result.exit_code == 1 and "DEV" in result.output
