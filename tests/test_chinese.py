"""The digital-government study in Chinese (cases/digital_government_zh.xlsx), through the
library and every CLI command and report format.

The Chinese workbook holds the same raw values and anchors as the English one, so every
result must be the English one with the set names translated.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import qca
from qca.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EN_BOOK = ROOT / "cases" / "digital_government.xlsx"
ZH_BOOK = ROOT / "cases" / "digital_government_zh.xlsx"
NAMES = {"PM": "政治势能", "CA": "中坚干部", "PF": "权力适配", "TI": "技术引入", "OC": "组织变革"}


def _translate(text: str) -> str:
    for english, chinese in NAMES.items():
        text = text.replace(english, chinese)
    return text


def _load_script(name: str) -> Any:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "scripts"))


@pytest.fixture(scope="module")
def books() -> tuple[qca.Workbook, qca.Workbook]:
    return qca.read_workbook(EN_BOOK), qca.read_workbook(ZH_BOOK)


def test_script_rebuilds_the_cases_sheet_on_disk():
    make = _load_script("make_digital_government_zh")
    frame = make.build_frame()
    book = load_workbook(ZH_BOOK, read_only=True)
    try:
        rows = [list(r) for r in book["cases"].iter_rows(values_only=True)]
    finally:
        book.close()
    assert rows[0] == [frame.index.name, *frame.columns]
    assert [r[0] for r in rows[1:]] == list(frame.index)
    assert [r[1:] for r in rows[1:]] == frame.to_numpy().tolist()
    for name in rows[0]:
        assert name.isidentifier()


def test_same_raw_values_and_anchors_as_the_english_workbook(books):
    english, chinese = books
    assert chinese.cases.to_numpy().tolist() == english.cases.to_numpy().tolist()
    assert list(chinese.cases.index) == list(english.cases.index)
    assert list(chinese.calibration["set"]) == [NAMES[s] for s in english.calibration["set"]]
    assert list(chinese.calibration["thresholds"]) == list(english.calibration["thresholds"])
    assert chinese.analysis["outcome"] == "组织变革"
    assert chinese.analysis["conditions"] == ["政治势能", "中坚干部", "权力适配", "技术引入"]
    assert chinese.labels["政治势能"] == "政治势能适时强化"
    assert chinese.labels["权力适配"] == "制度化的权力适配"


def test_solutions_are_the_english_ones_translated(books):
    english, chinese = books
    results = []
    for book in books:
        data = book.calibrated()
        settings = book.analysis
        tt = qca.truth_table(
            data, settings["outcome"], settings["conditions"], incl_cut=settings["incl_cut"]
        )
        solutions = [
            qca.minimize(tt),
            qca.minimize(tt, include="?"),
            qca.minimize(tt, include="?", dir_exp=settings["dir_exp"]),
        ]
        results.append((tt, solutions))
    (tt_en, sol_en), (tt_zh, sol_zh) = results
    assert tt_zh.table.drop(columns=tt_zh.conditions).equals(
        tt_en.table.drop(columns=tt_en.conditions)
    )
    for en, zh in zip(sol_en, sol_zh, strict=True):
        assert [str(m) for m in zh.models] == [_translate(str(m)) for m in en.models]
        for m_en, m_zh in zip(en.models, zh.models, strict=True):
            assert m_zh.fit.equals(m_en.fit.rename(index=_translate))
    assert [str(m) for m in sol_zh[1].models] == ["政治势能*权力适配", "中坚干部*权力适配"]


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["run"], "M1: 政治势能*权力适配 -> 组织变革"),
        (["calibrate"], "政治势能    政治势能得分"),
        (["necessity"], "Necessity of each condition for 组织变革"),
        (["truth-table", "--sort-by", "incl,n"], "row    政治势能  中坚干部  权力适配  技术引入  OUT"),
        (["minimize"], "C1P2 M1: 政治势能*中坚干部*权力适配 -> 组织变革"),
        (["fit", "政治势能*权力适配 + 中坚干部*~技术引入"], "中坚干部*~技术引入"),
        (["robustness", "--incl-cuts", "0.75,0.85"], "IS = 政治势能*中坚干部*权力适配"),
    ],
)
def test_every_command_prints_chinese_names(command, expected):
    assert expected in _invoke(command[0], str(ZH_BOOK), *command[1:])


def test_csv_case_sheet_with_chinese_outcome_option(tmp_path, books):
    path = tmp_path / "数字政府.csv"
    books[1].calibrated()[list(NAMES.values())].to_csv(path, encoding="utf-8")
    output = _invoke("run", str(path), "--outcome", "组织变革", "--incl-cut", "0.8",
                     "--dir-exp", "政治势能, 中坚干部, 权力适配", "--no-plots")
    assert "conditions 政治势能, 中坚干部, 权力适配, 技术引入" in output
    assert "C1P1 M1: 政治势能*中坚干部*权力适配 -> 组织变革" in output


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json", "md"])
def test_every_report_format_keeps_chinese_names(tmp_path, fmt):
    target = tmp_path / f"报告.{fmt}"
    _invoke("run", str(ZH_BOOK), "-o", str(target), "-q", "--no-plots")
    if fmt == "xlsx":
        book = load_workbook(target, read_only=True)
        try:
            cells = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                     for c in row if isinstance(c, str)]
        finally:
            book.close()
        assert "政治势能*权力适配" in cells and "组织变革" in cells
    elif fmt == "json":
        report = json.loads(target.read_text(encoding="utf-8"))
        assert report["outcome"] == "组织变革"
        assert report["conditions"] == ["政治势能", "中坚干部", "权力适配", "技术引入"]
    elif fmt == "csv":
        # a CSV holds one table: the run's first (the codebook); the truth table's too
        rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
        assert [row[0] for row in rows[1:]] == list(NAMES.values())
        table = tmp_path / "真值表.csv"
        _invoke("truth-table", str(ZH_BOOK), "-o", str(table), "-q")
        header = next(csv.reader(table.read_text(encoding="utf-8").splitlines()))
        assert header[1:5] == ["政治势能", "中坚干部", "权力适配", "技术引入"]
    else:
        text = target.read_text(encoding="utf-8")
        assert "政治势能*中坚干部*权力适配" in text
        assert "| 政治势能 |" in text


def test_json_output_of_minimize(books):
    report = json.loads(_invoke("minimize", str(ZH_BOOK), "--json"))
    models = [m["model"] for m in report["solutions"]["intermediate"]]
    assert models == ["政治势能*中坚干部*权力适配"] * 2


def test_plot_command_with_chinese_expression(tmp_path):
    target = tmp_path / "xy.png"
    output = _invoke("plot", str(ZH_BOOK), "--x", "政治势能*中坚干部*权力适配",
                     "--y", "组织变革", "-o", str(target))
    assert "Wrote" in output and target.stat().st_size > 0
