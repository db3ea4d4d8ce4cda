"""Case ids and labels that are hostile to where they are shown (issue 17): control
characters and TeX-like text in the xlsx report and in plots, case lists longer than an
Excel cell, terminal escape sequences."""

from __future__ import annotations

import matplotlib
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import qca
from qca._sanitize import EXCEL_CELL_CHARS, excel_text, plot_text, terminal_text
from qca.cli import cli

matplotlib.use("Agg")

EVIL_IDS = ["\x1b[31mred\x1b[0m", "a\x07bell", "$\\nosuchcmd$", "$x^$", "c\x01d", "e\u2028f"]


@pytest.fixture
def evil_csv(tmp_path):
    path = tmp_path / "evil.csv"
    rows = ["case,A,B,Y"] + [
        f'"{case}",{a},{b},{y}'
        for case, a, b, y in zip(
            EVIL_IDS,
            [0.9, 0.8, 0.1, 0.2, 0.7, 0.6],
            [0.2, 0.9, 0.3, 0.7, 0.6, 0.1],
            [0.8, 0.9, 0.2, 0.1, 0.9, 0.7],
            strict=True,
        )
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_run_report_with_control_characters_and_tex_in_case_ids(evil_csv, tmp_path):
    for name in ("evil.xlsx", "evil.md"):
        out = tmp_path / name
        result = CliRunner().invoke(
            cli, ["run", str(evil_csv), "--outcome", "Y", "--incl-cut", "0.8", "-o", str(out), "-q"]
        )
        assert result.exit_code == 0, result.output
        assert out.exists()
    book = openpyxl.load_workbook(tmp_path / "evil.xlsx")
    texts = [
        c.value for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str)
    ]
    joined = "\n".join(texts)
    assert "\\x1b[31mred\\x1b[0m" in joined and "a\\x07bell" in joined  # escaped, kept
    assert "\x1b" not in joined and "\x07" not in joined


def test_xy_plot_draws_tex_like_case_ids_literally(evil_csv):
    data = qca.read_cases(evil_csv)
    ax = qca.xy_plot(data, "A", "Y")
    ax.figure.canvas.draw()  # raised ParseFatalException for '$\\nosuchcmd$'
    shown = [t.get_text() for t in ax.texts]
    assert plot_text("$\\nosuchcmd$") in shown
    import matplotlib.pyplot as plt

    plt.close(ax.figure)


def test_truth_table_plot_draws_tex_like_case_ids(evil_csv):
    data = qca.read_cases(evil_csv)
    ax = qca.truth_table_plot(qca.truth_table(data, "Y", incl_cut=0.8))
    ax.figure.canvas.draw()
    import matplotlib.pyplot as plt

    plt.close(ax.figure)


def test_case_list_longer_than_an_excel_cell_is_cut_with_a_marker(tmp_path):
    from qca.report import Table, write_xlsx

    ids = [f"case{i:06d}" for i in range(4000)]  # 4000 * 12 characters > 32,767
    text = ", ".join(ids)
    assert len(text) > EXCEL_CELL_CHARS
    path = tmp_path / "r.xlsx"
    write_xlsx([Table("tt", "Truth table", pd.DataFrame({"cases": [text]}))], path)
    cells = [
        c.value
        for row in openpyxl.load_workbook(path)["tt"].iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("case0")
    ]
    assert len(cells) == 1
    cell = cells[0]
    assert len(cell) <= EXCEL_CELL_CHARS
    assert "[cut: " in cell and "Excel cells hold 32,767]" in cell
    kept = cell.split(" ... [cut: ")[0].split(", ")
    assert kept == ids[: len(kept)]  # whole ids only, in order
    left_out = int(cell.split("[cut: ")[1].split(" more items")[0].replace(",", ""))
    assert len(kept) + left_out == len(ids)


def test_sanitisers_keep_ordinary_text_unchanged():
    for text in ["DEV*~IND + URB*STB", "政治势能", "Größe, 北京", "tab\tand\nnewline"]:
        assert terminal_text(text) == text
        assert plot_text(text) == text
        assert excel_text(text) == text


def test_terminal_output_escapes_control_characters(evil_csv):
    result = CliRunner().invoke(cli, ["truth-table", str(evil_csv), "--outcome", "Y"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\u2028" not in result.output
    assert "\\x1b[31mred" in result.output


LIPSET = str(__import__("pathlib").Path(__file__).resolve().parent.parent / "cases" / "lipset.xlsx")


@pytest.mark.parametrize(
    "option", ["--outcome", "--include", "--dir-exp", "--conditions", "--incl-cut"]
)
def test_cli_does_not_echo_a_100000_character_argument(option):
    result = CliRunner().invoke(cli, ["run", LIPSET, option, "X" * 100_000])
    assert result.exit_code in (1, 2)
    assert "Error" in result.output and "(100,0" in result.output  # its length, shown
    assert len(result.output) < 1_000


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--include", "Q", "must be '' (conservative)"),
        ("--include", "?, bogus", "must be '' (conservative)"),
        ("--dir-exp", "FOO", "'FOO'"),
        ("--dir-exp", "DEV=7", "Syntax error"),
        ("--dir-exp", "DEV[9]", "value 9 of 'DEV'"),
    ],
)
def test_invalid_include_or_dir_exp_is_an_error_not_no_solution(option, value, said):
    result = CliRunner().invoke(cli, ["run", LIPSET, option, value])
    assert result.exit_code == 1, result.output
    assert said in result.output and "No solution" not in result.output


def test_signal_during_a_cli_write_is_one_line_and_exit_130(tmp_path, monkeypatch):
    from qca import report
    from qca._files import WriteInterrupted

    def interrupted(*args, **kwargs):
        raise WriteInterrupted(
            f"Interrupted (SIGTERM) while writing '{tmp_path / 'r.md'}': nothing was written (no file was created)."
        )

    monkeypatch.setattr(report, "write_markdown", interrupted)
    result = CliRunner().invoke(cli, ["run", LIPSET, "-o", str(tmp_path / "r.md"), "-q"])
    assert result.exit_code == 130
    assert result.output.strip().startswith("Error: Interrupted (SIGTERM) while writing")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_ctrl_c_outside_a_write_is_one_line_and_exit_130(monkeypatch):
    from qca.cli import commands

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "source_of", interrupted)
    result = CliRunner().invoke(cli, ["run", LIPSET])
    assert result.exit_code == 130
    assert result.output == "Error: Interrupted (SIGINT).\n"


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["run", LIPSET], "r\x1b[2Jx.csv"),
        (["configurations", LIPSET, "--dir-exp", "DEV, URB, LIT, IND, STB"], "c\x1b[2Jx.txt"),
    ],
)
def test_the_name_of_a_written_file_is_shown_escaped(tmp_path, command, name):
    result = CliRunner().invoke(cli, [*command, "-o", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).exists()
    assert "\x1b" not in result.stderr and "Wrote " in result.stderr
    assert "\\x1b[2Jx" in result.stderr
