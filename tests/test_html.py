"""Jupyter's rich display: real HTML tables for TruthTable, Solution, Model and the
configuration table, labels shown, Chinese written as is, user text escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import qca

ZH_BOOK = Path(__file__).resolve().parent.parent / "cases" / "digital_government_zh.xlsx"


class _Cells(HTMLParser):
    """Collect the text of every th/td cell, row by row; check tags are balanced."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.open: list[str] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("br",):
            return
        self.open.append(tag)
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, (self.open, tag)
        self.open.pop()
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def _parse(page: str) -> list[list[str]]:
    parser = _Cells()
    parser.feed(page)
    assert parser.open == []
    return parser.rows


@pytest.fixture(scope="module")
def study():
    book = qca.read_workbook(ZH_BOOK)
    tt = qca.truth_table(
        book.calibrated(), "组织变革", ["政治势能", "中坚干部", "权力适配", "技术引入"], incl_cut=0.8
    )
    return tt, qca.minimize(tt, include="?", dir_exp="政治势能, 中坚干部, 权力适配")


def test_truth_table_html_is_a_table_with_labels(study):
    tt, _ = study
    rows = _parse(tt._repr_html_())
    assert rows[0][:5] == ["row", "政治势能政治势能适时强化", "中坚干部中坚干部积极活动",
                           "权力适配制度化的权力适配", "技术引入数字技术引入"]
    assert rows[0][5:] == ["OUT", "n", "incl", "PRI", "cases"]
    by_row = {r[0]: r for r in rows[1:]}
    assert set(by_row) == {str(i) for i in tt.table.index}
    assert by_row["16"][5:9] == ["1", "4", "0.891", "0.841"]
    assert by_row["16"][9] == "A区-2021, B区-2021, C区-2022, D区-2021"


def test_truth_table_html_escapes_case_ids_and_names():
    data = pd.DataFrame({"A": [1, 0], "Y": [1, 0]}, index=["<script>alert(1)</script>", "b&c"])
    data.attrs["labels"] = {"A": "<b>bold</b>"}
    page = qca.truth_table(data, "Y")._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "b&amp;c" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    _parse(page)


def test_solution_and_model_html(study):
    _, solution = study
    page = solution._repr_html_()
    rows = _parse(page)
    assert ["term", "inclS", "PRI", "covS", "covU", "cases"] in rows
    terms = [r[0] for r in rows if r and r[0].startswith("政治势能")]
    assert terms == ["政治势能*中坚干部*权力适配"] * 2  # C1P1 and C1P2
    assert "difficult counterfactuals 11, 12" in page
    assert "政治势能: 政治势能适时强化" in page
    model_rows = _parse(solution.models[0]._repr_html_())
    assert model_rows[1][:4] == ["政治势能*中坚干部*权力适配", "0.913", "0.886", "0.698"]
    assert model_rows[-1][0] == "M1"


def test_configuration_table_html(study):
    _, solution = study
    book = qca.read_workbook(ZH_BOOK)
    table = qca.configuration_table(solution, labels=book.labels)
    rows = _parse(table._repr_html_())
    assert rows[0] == ["", "1"]
    assert rows[1] == ["政治势能适时强化", "●"]
    assert rows[4] == ["数字技术引入", ""]
    assert rows[5] == ["consistency", "0.913"]
