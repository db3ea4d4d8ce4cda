"""The configuration table (Fiss 2011) against tables built by hand.

Each expected table below was drawn by hand from R QCA 3.25.1's recorded solutions in
tests/data/min_reference.json (the parsimonious solution ``p.sol`` and the intermediate
models of each ``C1P1``), following Fiss (2011): a condition of an intermediate term is
core when it is in the parsimonious term the configuration rests on, peripheral
otherwise; configurations are grouped by that parsimonious term, numbered in its order.
The fit rows are R's numbers from the same record. The Lipset fuzzy table is also the
table of the solutions Ragin (2009) publishes for these data (parsimonious
DEV*~IND + URB*STB, intermediate DEV*URB*LIT*STB + DEV*LIT*~IND*STB).

Text glyphs: ● core present, • peripheral present, ⨂ core absent, ⊗ peripheral absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

import qca
from qca.configurations import (
    FIT_ROWS,
    SOLUTION_ROWS,
    configuration_table,
    configuration_tables,
    fill_sheet,
)
from tests.conftest import read_reference_csv

DATA = Path(__file__).resolve().parent / "data"
ROOT = DATA.parent.parent

#: Hand-built tables: R call, then {configuration: {condition: glyph}} with R's fit.
HAND_BUILT = {
    "min_LF_intermediate": {
        "data": "LF", "outcome": "SURV", "incl_cut": 0.8, "conditions": None,
        "dir_exp": "DEV, URB, LIT, IND, STB",
        # p.sol: DEV*~IND (1), URB*STB (2)
        "glyphs": {
            "1": {"DEV": "●", "URB": "", "LIT": "•", "IND": "⨂", "STB": "•"},
            "2": {"DEV": "•", "URB": "●", "LIT": "•", "IND": "", "STB": "●"},
        },
        "terms": {"1": "DEV*LIT*~IND*STB", "2": "DEV*URB*LIT*STB"},
    },
    "min_LF_intermediate_conjunctural": {
        "data": "LF", "outcome": "SURV", "incl_cut": 0.8, "conditions": None,
        "dir_exp": "DEV, STB, ~LIT*IND",
        "glyphs": {
            "1": {"DEV": "●", "URB": "", "LIT": "", "IND": "⨂", "STB": "•"},
            "2": {"DEV": "•", "URB": "●", "LIT": "", "IND": "", "STB": "●"},
        },
        "terms": {"1": "DEV*~IND*STB", "2": "DEV*URB*STB"},
    },
    "min_LF_neg_intermediate": {
        "data": "LF", "outcome": "~SURV", "incl_cut": 0.8, "conditions": None,
        "dir_exp": "~DEV, ~URB, ~LIT, ~IND, ~STB",
        # p.sol: ~DEV (1), ~STB (2)
        "glyphs": {
            "1": {"DEV": "⨂", "URB": "⊗", "LIT": "", "IND": "⊗", "STB": ""},
            "2": {"DEV": "", "URB": "", "LIT": "", "IND": "", "STB": "⨂"},
        },
        "terms": {"1": "~DEV*~URB*~IND", "2": "~STB"},
    },
    "min_LC_intermediate": {
        "data": "LC", "outcome": "SURV", "incl_cut": 1.0, "conditions": None,
        "dir_exp": "DEV, URB, LIT, IND, STB",
        "glyphs": {"1": {"DEV": "●", "URB": "", "LIT": "•", "IND": "", "STB": "●"}},
        "terms": {"1": "DEV*LIT*STB"},
    },
    "min_LM_intermediate": {
        "data": "LM", "outcome": "SURV", "incl_cut": 1.0,
        "conditions": ["DEV", "URB", "LIT", "IND"],
        "dir_exp": "DEV[1,2], URB[1], LIT[1], IND[1]",
        # p.sol: DEV[2] (1), DEV[1]*IND[0] (2)
        "glyphs": {
            "1": {"DEV": "●[2]", "URB": "", "LIT": "•[1]", "IND": "•[1]"},
            "2": {"DEV": "●[1]", "URB": "", "LIT": "•[1]", "IND": "⨂"},
        },
        "terms": {"1": "DEV[2]*LIT[1]*IND[1]", "2": "DEV[1]*LIT[1]*IND[0]"},
    },
}


@pytest.fixture(scope="module")
def reference() -> dict[str, dict]:
    cases = json.loads((DATA / "min_reference.json").read_text())["cases"]
    return {c["id"]: c for c in cases}


def _solution(spec: dict) -> qca.Solution:
    data = read_reference_csv(DATA / "reference" / f"{spec['data']}.csv")
    tt = qca.truth_table(data, spec["outcome"], spec["conditions"], incl_cut=spec["incl_cut"])
    return qca.minimize(tt, include="?", dir_exp=spec["dir_exp"])


@pytest.mark.parametrize("case", sorted(HAND_BUILT))
def test_matches_the_hand_built_table(case, reference):
    spec = HAND_BUILT[case]
    record = reference[case]["result"]["intermediate"]["C1P1"]
    # the hand-built table is drawn from this R record
    r_terms = record["solutions"]["M1"]
    assert sorted(r_terms) == sorted(spec["terms"].values())
    tables = configuration_tables(_solution(spec))
    assert len(tables) == 1 and tables[0].models == ("C1P1 M1",)
    table = tables[0]
    assert table.terms == spec["terms"]
    conditions = list(table.conditions)
    expected = pd.DataFrame(
        {col: [spec["glyphs"][col][c] for c in conditions] for col in spec["glyphs"]},
        index=conditions,
    )
    pd.testing.assert_frame_equal(
        table.frame.iloc[: len(conditions)].astype(str), expected, check_dtype=False
    )
    r_fit = record["fit"]["models"][0]
    for column, term in spec["terms"].items():
        r_term = r_fit["terms"][term]
        for row, measure in FIT_ROWS.items():
            want = r_term.get(measure, r_term["covS"])  # R leaves covU out for one term
            assert table.frame.at[row, column] == pytest.approx(want, abs=1e-9), (row, column)
    first = table.frame.columns[0]
    for row, measure in SOLUTION_ROWS.items():
        assert table.frame.at[row, first] == pytest.approx(r_fit["solution"][measure], abs=1e-9)
        assert table.frame.loc[row].iloc[1:].isna().all()


def test_roles_agree_with_glyphs():
    table = configuration_table(_solution(HAND_BUILT["min_LF_intermediate"]))
    assert table.roles["1"].tolist() == ["core", "", "peripheral", "core", "peripheral"]
    assert table.cores == {"1": "DEV*~IND", "2": "URB*STB"}


def _dg(book: str) -> tuple[qca.Solution, dict[str, str]]:
    workbook = qca.read_workbook(ROOT / "cases" / book)
    settings = workbook.analysis
    tt = qca.truth_table(
        workbook.calibrated(), settings["outcome"], settings["conditions"],
        incl_cut=settings["incl_cut"],
    )
    return qca.minimize(tt, include="?", dir_exp=settings["dir_exp"]), workbook.labels


def test_digital_government_model_ambiguity_gives_two_tables():
    # parsimonious M1 PM*PF and M2 CA*PF; the intermediate model PM*CA*PF from both:
    # the core differs, so the tables differ (drawn by hand from the printed solutions)
    solution, _ = _dg("digital_government.xlsx")
    first, second = configuration_tables(solution)
    assert first.models == ("C1P1 M1",) and second.models == ("C1P2 M1",)
    assert first.frame.iloc[:4, 0].tolist() == ["●", "•", "●", ""]
    assert second.frame.iloc[:4, 0].tolist() == ["•", "●", "●", ""]
    for table in (first, second):
        assert table.title.endswith(f"({table.models[0]})")
        assert "Model ambiguity: 2 different configuration tables" in table.notes[-1]
    assert configuration_table(solution) is not None
    assert configuration_table(solution, model="C1P2").models == ("C1P2 M1",)
    with pytest.raises(qca.InvalidParameterError, match="C1P1 M1, C1P2 M1"):
        configuration_table(solution, model="C2P1")


def test_chinese_table_is_the_english_one_with_chinese_labels():
    english, _ = _dg("digital_government.xlsx")
    chinese, labels = _dg("digital_government_zh.xlsx")
    for en, zh in zip(configuration_tables(english), configuration_tables(chinese, labels=labels), strict=True):
        assert list(zh.frame.index[:4]) == ["政治势能适时强化", "中坚干部积极活动", "制度化的权力适配", "数字技术引入"]
        # same glyphs and numbers (NaN where the solution rows leave cells empty)
        assert zh.frame.fillna(-1).to_numpy().tolist() == en.frame.fillna(-1).to_numpy().tolist()
        assert zh.title.startswith("Configurations for 组织变革")


def test_identical_tables_from_two_combinations_are_merged():
    # two parsimonious models whose cores give the same table cannot be told apart
    data = pd.DataFrame(
        {"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 0, 0, 0]}, index=list("wxyz")
    )
    solution = qca.minimize(qca.truth_table(data, "Y"), include="?", dir_exp="A, B")
    tables = configuration_tables(solution)
    assert len(tables) == 1
    assert tables[0].frame.iloc[:2, 0].tolist() == ["●", "●"]


def test_shared_core_is_grouped_and_lettered():
    data = pd.DataFrame(
        {"A": [1, 1, 0, 0, 1], "B": [1, 0, 1, 0, 1], "C": [1, 1, 0, 0, 0], "Y": [1, 1, 0, 0, 1]},
        index=list("vwxyz"),
    )
    table = configuration_table(qca.minimize(qca.truth_table(data, "Y"), include="?", dir_exp="A, B, C"))
    assert list(table.frame.columns) == ["1a", "1b"]
    assert table.cores == {"1a": "A", "1b": "A"}


def test_needs_an_intermediate_or_a_parsimonious_solution():
    data = read_reference_csv(DATA / "reference" / "LF.csv")
    tt = qca.truth_table(data, "SURV", incl_cut=0.8)
    conservative = qca.minimize(tt)
    with pytest.raises(qca.QCAError, match="dir_exp, or pass the parsimonious solution"):
        configuration_table(conservative)
    # the conservative solution against the parsimonious one
    table = configuration_table(conservative, parsimonious=qca.minimize(tt, include="?"))
    assert table.terms == {"1": "DEV*~URB*LIT*~IND*STB", "2": "DEV*URB*LIT*IND*STB"}
    assert table.frame["1"].iloc[:5].tolist() == ["●", "⊗", "•", "⨂", "•"]


def test_renderings_escape_and_keep_chinese(tmp_path):
    solution, labels = _dg("digital_government_zh.xlsx")
    labels = {**labels, "技术引入": "<技术> & 'x'"}
    table = configuration_table(solution, labels=labels)
    text = table.to_text()
    assert "政治势能适时强化    ●" in text and "⨂ core absent" in text
    markdown = table.to_markdown()
    assert "| 政治势能适时强化 | ● |" in markdown
    page = table.to_html()
    assert "&lt;技术&gt; &amp; &#x27;x&#x27;" in page and "<技术>" not in page
    assert 'font-size:1.5em" title="core condition, present">●</td>' in page
    assert 'font-size:0.8em" title="peripheral condition, present">●</td>' in page
    assert table._repr_html_() == page
    latex = table.to_latex()
    assert "政治势能适时强化 & {\\Large $\\bullet$} \\\\" in latex
    assert "<技术> \\& 'x'" in latex
    assert "\\multicolumn{1}{c}{0.913}" in latex
    # xlsx: real glyphs, large for core and small for peripheral
    book = Workbook()
    fill_sheet(book.active, configuration_tables(solution, labels=labels))
    book.save(tmp_path / "c.xlsx")
    sheet = load_workbook(tmp_path / "c.xlsx").active
    cells = {(c.row, c.column): c for row in sheet.iter_rows() for c in row}
    pm = next(c for c in cells.values() if c.value == "政治势能适时强化")
    core = cells[(pm.row, 2)]
    ca = cells[(pm.row + 1, 2)]
    assert (core.value, core.font.sz) == ("●", 16)
    assert (ca.value, ca.font.sz) == ("●", 9)


def test_bad_parameters():
    with pytest.raises(qca.InvalidParameterError, match="'solution' parameter"):
        configuration_table("DEV*STB")
    solution, _ = _dg("digital_government.xlsx")
    with pytest.raises(qca.InvalidParameterError, match="'labels' parameter"):
        configuration_table(solution, labels=["PM"])
    with pytest.raises(qca.InvalidParameterError, match="'model' parameter"):
        configuration_table(solution, model=1)

