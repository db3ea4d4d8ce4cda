"""Issue 13 in the reports: the configuration table in every format, the skewness table,
resolved percentile anchors, difficult counterfactual rows listed, and --use-labels."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import qca
from qca.cli import cli

ROOT = Path(__file__).resolve().parent.parent
ZH_BOOK = ROOT / "cases" / "digital_government_zh.xlsx"
EN_BOOK = ROOT / "cases" / "digital_government.xlsx"


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _expected_tables(book: Path, labels: bool = False) -> list[qca.ConfigurationTable]:
    workbook = qca.read_workbook(book)
    settings = workbook.analysis
    tt = qca.truth_table(workbook.calibrated(), settings["outcome"], settings["conditions"],
                         incl_cut=settings["incl_cut"])
    solution = qca.minimize(tt, include="?", dir_exp=settings["dir_exp"])
    return qca.configuration_tables(solution, labels=workbook.labels if labels else None)


def test_run_prints_every_configuration_table():
    output = _invoke("run", ZH_BOOK, "--no-plots")
    for table in _expected_tables(ZH_BOOK):
        text = table.to_text()
        assert text in output, text
    assert output.index("Intermediate solution") < output.index("Configurations for 组织变革 (C1P1 M1)")
    labelled = _invoke("run", ZH_BOOK, "--no-plots", "--use-labels")
    for table in _expected_tables(ZH_BOOK, labels=True):
        assert table.to_text() in labelled


def test_minimize_prints_the_configuration_tables():
    output = _invoke("minimize", EN_BOOK)
    for table in _expected_tables(EN_BOOK):
        assert table.to_text() in output


def test_difficult_counterfactual_rows_are_listed_like_simplifying_assumptions():
    output = _invoke("run", EN_BOOK, "--no-plots")
    assert "easy counterfactuals: 0; difficult counterfactuals: 2 (rows 11, 12)." in output
    assert "easy counterfactuals: 0; difficult counterfactuals: 2 (rows 7, 8)." in output


def test_skewness_table_in_text_and_json():
    output = _invoke("run", ZH_BOOK, "--no-plots")
    assert "Skewness: cases with membership above 0.5" in output
    data = qca.read_workbook(ZH_BOOK).calibrated()
    above = int((data["组织变革"] > 0.5).sum())
    line = next(x for x in output.splitlines() if x.strip().startswith("组织变革") and "0." in x)
    assert f"{above}" in line.split() and f"{above / 23:.3f}" in line.split()
    report = json.loads(_invoke("run", ZH_BOOK, "--json"))
    rows = {r["set"]: r for r in report["skewness"]}
    assert rows["组织变革"]["above_half"] == above


def test_json_holds_the_configuration_tables():
    report = json.loads(_invoke("run", ZH_BOOK, "--json"))
    assert report["configuration_tables"] == json.loads(
        _invoke("configurations", ZH_BOOK, "--json")
    )["configuration_tables"]
    tables = report["configuration_tables"]
    assert [t["models"] for t in tables] == [["C1P1 M1"], ["C1P2 M1"]]
    first = tables[0]
    assert first["configurations"][0]["name"] == "1"
    assert first["configurations"][0]["term"] == "政治势能*中坚干部*权力适配"
    assert first["configurations"][0]["core"] == ["政治势能", "权力适配"]
    assert first["configurations"][0]["peripheral"] == ["中坚干部"]
    assert first["configurations"][0]["inclS"] == pytest.approx(0.9125650673650202)
    assert first["solution"]["covS"] == pytest.approx(0.6975572797684249)


def test_markdown_report_has_the_configuration_table(tmp_path):
    target = tmp_path / "报告.md"
    _invoke("run", ZH_BOOK, "-o", target, "-q", "--no-plots")
    text = target.read_text(encoding="utf-8")
    assert "Configurations for 组织变革 (C1P1 M1)" in text
    assert "| 政治势能 | ● |" in text
    assert "| 中坚干部 | • |" in text


def test_xlsx_report_has_a_styled_configurations_sheet(tmp_path):
    target = tmp_path / "report.xlsx"
    _invoke("run", ZH_BOOK, "-o", target, "-q", "--no-plots")
    book = load_workbook(target)
    titles = []
    for name in ("configurations", "configurations_2"):
        cells = [c for row in book[name].iter_rows() for c in row]
        titles += [c.value for c in cells if isinstance(c.value, str) and c.value.startswith("Configurations")]
    assert titles == ["Configurations for 组织变革 (C1P1 M1)", "Configurations for 组织变革 (C1P2 M1)"]
    sheet = book["configurations"]
    cells = [c for row in sheet.iter_rows() for c in row]
    label = next(c for c in cells if c.value == "政治势能")
    core = sheet.cell(row=label.row, column=2)
    peripheral = sheet.cell(row=label.row + 1, column=2)
    assert (core.value, core.font.sz) == ("●", 16)
    assert (peripheral.value, peripheral.font.sz) == ("●", 9)
    assert "skewness" in book.sheetnames


def test_configurations_command_writes_html_and_latex(tmp_path):
    html_file = tmp_path / "table.html"
    tex_file = tmp_path / "table.tex"
    _invoke("configurations", ZH_BOOK, "-o", html_file, "-q", "--use-labels")
    _invoke("configurations", ZH_BOOK, "-o", tex_file, "-q", "--use-labels")
    tables = _expected_tables(ZH_BOOK, labels=True)
    page = html_file.read_text(encoding="utf-8")
    assert all(t.to_html() in page for t in tables)
    tex = tex_file.read_text(encoding="utf-8")
    assert all(t.to_latex() in tex for t in tables)
    text = _invoke("configurations", ZH_BOOK)
    assert all(t.to_text() in text for t in _expected_tables(ZH_BOOK))
    xlsx_file = tmp_path / "table.xlsx"
    _invoke("configurations", ZH_BOOK, "-o", xlsx_file, "-q")
    sheet = load_workbook(xlsx_file)["configurations"]
    assert sum(1 for row in sheet.iter_rows(values_only=True) if row[0] and str(row[0]).startswith("Configurations")) == 2


def test_use_labels_shows_labels_in_place_of_names():
    output = _invoke("run", ZH_BOOK, "--no-plots", "--use-labels")
    assert "政治势能适时强化*中坚干部积极活动*制度化的权力适配 -> 组织变革" in output
    plain = _invoke("run", ZH_BOOK, "--no-plots")
    assert "政治势能适时强化*中坚干部积极活动" not in plain


def test_calibration_report_records_resolved_percentiles(make_xlsx, tmp_path):
    raw = [["case", "GDP", "Y"]] + [[c, v, y] for c, v, y in
                                     zip("abcdefg", [2, 3, 5, 8, 13, 21, 34], [0, 0, 0, 1, 1, 1, 1], strict=True)]
    codebook = [["set", "source", "thresholds", "shift_half"], ["RICH", "GDP", "e=p10, c=p50, i=p90", 0.001]]
    analysis = [["key", "value"], ["outcome", "Y"], ["conditions", "RICH"]]
    path = make_xlsx({"cases": raw, "calibration": codebook, "analysis": analysis})
    output = _invoke("run", path, "--no-plots")
    assert "e=p10, c=p50, i=p90 (= e=2.6, c=8, i=26.2)" in output
    assert "shift_half=0.001 (cases d)" in output
    report = json.loads(_invoke("run", path, "--json"))
    calibration = {r["set"]: r for r in report["calibration"]}
    assert calibration["RICH"]["resolved"].startswith("e=2.6")
    assert calibration["RICH"]["shifted"] == ["d"]


def test_configurations_command_needs_expectations(tmp_path):
    result = CliRunner().invoke(cli, ["configurations", str(ROOT / "cases" / "cebotari_vink.xlsx")])
    assert result.exit_code == 1
    assert "--dir-exp" in result.output and "Traceback" not in result.output
    bad = CliRunner().invoke(cli, ["configurations", str(ZH_BOOK), "-o", str(tmp_path / "t.pdf")])
    assert bad.exit_code == 2 and ".tex" in bad.output


def test_use_labels_in_truth_table_and_necessity():
    output = _invoke("run", ZH_BOOK, "--no-plots", "--use-labels")
    assert "政治势能适时强化  中坚干部积极活动" in output  # truth table header
    assert "~制度化的权力适配" in output  # necessity


@pytest.mark.parametrize(
    ("command", "labelled"),
    [
        ("necessity", "  ~制度化的权力适配 "),
        ("truth-table", "  政治势能适时强化  中坚干部积极活动  制度化的权力适配  数字技术引入  OUT"),
        ("minimize", "C1P1 M1: 政治势能适时强化*中坚干部积极活动*制度化的权力适配 -> 组织变革"),
    ],
)
def test_use_labels_on_the_step_commands(command, labelled, tmp_path):
    plain = _invoke(command, ZH_BOOK)
    output = _invoke(command, ZH_BOOK, "--use-labels")
    assert labelled in output and labelled not in plain
    assert "政治势能适时强化" not in plain
    # the report file shows the labels too; the JSON keeps the names
    report = tmp_path / "r.md"
    _invoke(command, ZH_BOOK, "--use-labels", "-o", report, "-q")
    assert "政治势能适时强化" in report.read_text(encoding="utf-8")
    as_json = _invoke(command, ZH_BOOK, "--use-labels", "--json")
    assert as_json == _invoke(command, ZH_BOOK, "--json")
    assert "政治势能适时强化" not in as_json


def test_configurations_command_writes_csv(tmp_path):
    import csv

    csv_file = tmp_path / "table.csv"
    _invoke("configurations", ZH_BOOK, "-o", csv_file, "-q", "--use-labels")
    with open(csv_file, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    tables = _expected_tables(ZH_BOOK, labels=True)
    assert len(tables) == 2
    assert rows[0] == ["table", "row", *[str(c) for c in tables[0].frame.columns]]
    expected = [
        [t.title, str(row), *("" if pd.isna(v) else str(v) for v in values)]
        for t in tables
        for row, values in zip(t.frame.index, t.frame.itertuples(index=False), strict=True)
    ]
    assert rows[1:] == expected
    assert ["Configurations for 组织变革 (C1P1 M1)", "政治势能适时强化", "●"] in rows
