"""Tests of the case-sheet workbook: read_workbook, Workbook.calibrated, write_workbook,
write_template, and the bundled cases/lipset.xlsx."""

from __future__ import annotations

import hashlib
import importlib.util
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import qca
from qca import CalibrationError, DataError, QCAWarning
from qca.workbook import ANALYSIS_KEYS, CALIBRATION_COLUMNS, write_template, write_workbook

ROOT = Path(__file__).resolve().parent.parent
LIPSET = ROOT / "cases" / "lipset.xlsx"
RAW = [["case", "GDP", "A", "Y"], ["x", 300, 0.2, 1], ["y", 900, 0.9, 0], ["z", 600, 0.6, 1]]
CODEBOOK = [["set", "source", "thresholds"], ["RICH", "GDP", "e=350, c=550, i=800"]]


def _book(make_xlsx, **sheets):
    return make_xlsx({"cases": RAW, **sheets})


# ---------------------------------------------------------------- lipset.xlsx
def test_lipset_calibration_reproduces_lf(lipset_workbook):
    memberships = lipset_workbook.calibrated()
    lf = qca.read_cases(LIPSET, "LF")
    assert list(memberships.columns) == ["DEV", "URB", "LIT", "IND", "STB", "SURV"]
    assert list(memberships.index) == list(lf.index)
    # LF holds two decimals (R QCA's data set Lipset, fuzzy version); the anchors of
    # the calibration sheet give every membership within 0.01 of it (measured: 0.0082).
    np.testing.assert_allclose(memberships.to_numpy(), lf.to_numpy(), rtol=0, atol=0.01)


def test_lipset_sheets_match_the_csv_copies():
    data = ROOT / "cases" / "data"
    pd.testing.assert_frame_equal(qca.read_cases(LIPSET), qca.read_cases(data / "LR.csv"))
    for name in ("LF", "LC", "LM"):
        pd.testing.assert_frame_equal(
            qca.read_cases(LIPSET, name), qca.read_cases(data / f"{name}.csv")
        )


def test_lipset_codebook_analysis_labels_readme(lipset_workbook):
    book = lipset_workbook
    assert list(book.calibration.columns) == list(CALIBRATION_COLUMNS)
    stb = book.calibration.set_index("set").loc["STB"]
    assert stb["thresholds"] == "i=5, c=9.5, e=15" and stb["kind"] == "fuzzy"
    assert book.analysis == {
        "outcome": "SURV",
        "conditions": ["DEV", "URB", "LIT", "IND", "STB"],
        "incl_cut": 0.8,
        "dir_exp": "DEV, URB, LIT, IND, STB",
    }
    assert book.labels["SURV"] == "Survival of democracy"
    assert "Lipset" in book.readme and "QCA 3.25.1" in book.readme


def test_build_script_is_deterministic(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "bcw", ROOT / "scripts" / "build_classic_workbooks.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    first = module.build_lipset(tmp_path / "a.xlsx")
    second = module.build_lipset(tmp_path / "b.xlsx")
    for sheet in ("cases", "calibration", "analysis", "README", "LF", "LC", "LM"):
        a = list(load_workbook(first)[sheet].values)
        assert a == list(load_workbook(second)[sheet].values)
        assert a == list(load_workbook(LIPSET)[sheet].values)


# ---------------------------------------------------------------- reading
def test_calibrated_passthrough_then_codebook_order(make_xlsx):
    codebook = CODEBOOK + [["POOR", "GDP", "i=350, c=550, e=800"]]
    book = qca.read_workbook(_book(make_xlsx, calibration=codebook))
    frame = book.calibrated()
    assert list(frame.columns) == ["A", "Y", "RICH", "POOR"]
    want = qca.calibrate(book.cases["GDP"], "e=350, c=550, i=800")
    np.testing.assert_array_equal(frame["RICH"].to_numpy(), want.to_numpy())
    assert frame.loc["y", "POOR"] == pytest.approx(1 - frame.loc["y", "RICH"])
    assert list(book.cases.columns) == ["GDP", "A", "Y"]  # raw data untouched


def test_calibration_defaults_and_typed_options(make_xlsx):
    codebook = [
        [
            "Set",
            "Source",
            "Kind",
            "Method",
            "Thresholds",
            "Logistic",
            "idm",
            "below",
            "above",
            "ecdf",
            "label",
            "note",
        ],
        ["RICH", "GDP", None, None, "350, 550, 800", "FALSE", 0.9, 2, "0.5", None, "富裕", None],
        ["HIGH", "GDP", "crisp", None, 500, None, None, None, None, None, None, "binary"],
        ["REL", "GDP", None, "TFR", None, None, None, None, None, None, None, None],
    ]
    book = qca.read_workbook(_book(make_xlsx, calibration=codebook))
    rich, high, rel = book.calibration.to_dict(orient="records")
    assert rel["method"] == "tfr" and pd.isna(rel["thresholds"])
    assert pd.isna(rich.pop("note"))
    assert rich == {
        "set": "RICH",
        "source": "GDP",
        "kind": "fuzzy",
        "method": "direct",
        "thresholds": "350, 550, 800",
        "logistic": False,
        "idm": 0.9,
        "below": 2.0,
        "above": 0.5,
        "ecdf": False,
        "label": "富裕",
        "shift_half": 0.0,
    }
    assert high["kind"] == "crisp" and high["thresholds"] == "500"
    frame = book.calibrated()
    assert frame["HIGH"].tolist() == [0, 1, 1]
    np.testing.assert_array_equal(
        frame["REL"].to_numpy(), qca.calibrate([300, 900, 600], method="tfr")
    )
    want = qca.calibrate([300, 900, 600], [350, 550, 800], logistic=False, below=2, above=0.5)
    np.testing.assert_allclose(frame["RICH"].to_numpy(), want)
    assert book.labels == {"RICH": "富裕"}


def test_analysis_values_are_typed(make_xlsx):
    analysis = [
        ["key", "value"],
        ["outcome", "~Y"],
        ["conditions", "A, RICH"],
        ["incl_cut", "0.8, 0.6"],
        ["n_cut", 2],
        ["pri_cut", "0.5"],
        ["include", "?,c"],
        ["dir_exp", "A, ~RICH"],
        ["exclude", "3, 7"],
        ["row_dom", "TRUE"],
        ["all_sol", False],
    ]
    book = qca.read_workbook(_book(make_xlsx, calibration=CODEBOOK, analysis=analysis))
    assert book.analysis == {
        "outcome": "~Y",
        "conditions": ["A", "RICH"],
        "incl_cut": (0.8, 0.6),
        "n_cut": 2,
        "pri_cut": 0.5,
        "include": "?, C",
        "dir_exp": "A, ~RICH",
        "exclude": [3, 7],
        "row_dom": True,
        "all_sol": False,
    }


def test_empty_analysis_values_are_left_out(make_xlsx):
    analysis = [["key", "value"], ["outcome", "Y"], ["incl_cut", None], ["conditions", ""]]
    assert qca.read_workbook(_book(make_xlsx, analysis=analysis)).analysis == {"outcome": "Y"}


def test_labels_sheet_and_readme_sheet(make_xlsx):
    labels = [["set", "label"], ["A", "政治势能"], ["RICH", "ignored: the codebook has none"]]
    readme = [["README"], ["Source: somewhere."], [], ["Second paragraph."]]
    book = qca.read_workbook(_book(make_xlsx, calibration=CODEBOOK, labels=labels, README=readme))
    assert book.labels == {"A": "政治势能", "RICH": "ignored: the codebook has none"}
    assert book.readme == "Source: somewhere.\n\nSecond paragraph."


def test_workbook_without_optional_sheets_and_csv(make_xlsx, tmp_path):
    book = qca.read_workbook(make_xlsx({"cases": [["case", "A"], ["x", 0.3]]}))
    assert (
        book.calibration is None
        and book.analysis == {}
        and book.labels == {}
        and book.readme is None
    )
    assert book.calibrated()["A"].tolist() == [0.3]
    path = tmp_path / "c.csv"
    path.write_text("case,A\nx,0.3\n", encoding="utf-8")
    assert qca.read_workbook(path).calibrated()["A"].tolist() == [0.3]


def test_cases_sheet_option_and_dropna(make_xlsx):
    path = make_xlsx({"data": [["case", "A"], ["x", 0.3], ["y", None]]})
    with pytest.raises(DataError, match="missing values"):
        qca.read_workbook(path)
    with pytest.warns(QCAWarning, match="'y'"):
        book = qca.read_workbook(path, sheet="data", dropna=True)
    assert list(book.cases.index) == ["x"]


def test_half_membership_warning_names_set_row_and_cases(make_xlsx):
    codebook = [["set", "source", "thresholds"], ["MID", "GDP", "e=300, c=600, i=900"]]
    book = qca.read_workbook(_book(make_xlsx, calibration=codebook))
    with pytest.warns(
        QCAWarning,
        match=r"sheet 'calibration', row 2 \(set 'MID'\): .*exactly 0.5 for case\(s\) 'z'",
    ):
        book.calibrated()


def test_file_is_never_modified(make_xlsx):
    path = _book(make_xlsx, calibration=CODEBOOK, analysis=[["key", "value"], ["outcome", "Y"]])
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    qca.read_workbook(path).calibrated()
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


def test_workbook_built_in_code_fills_codebook_defaults():
    cases = pd.DataFrame({"GDP": [300, 900]}, index=pd.Index(["x", "y"], name="case"))
    codebook = pd.DataFrame({"set": ["RICH"], "source": ["GDP"], "thresholds": [[350, 550, 800]]})
    frame = qca.Workbook("memory", cases, codebook).calibrated()
    want = qca.calibrate([300, 900], [350, 550, 800])
    np.testing.assert_array_equal(frame["RICH"].to_numpy(), want)


@settings(max_examples=25, deadline=None)
@given(
    ids=st.lists(
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=8)
        .map(str.strip)
        .filter(bool),
        min_size=1,
        max_size=6,
        unique=True,
    ),
    data=st.data(),
)
def test_round_trip_of_random_cases(tmp_path_factory, ids, data):
    # Any text ids (Unicode, formula-like, "NA", digits) and numbers survive write + read.
    values = data.draw(
        st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=len(ids), max_size=len(ids))
    )
    cases = pd.DataFrame({"X": values}, index=pd.Index(ids, name="case"))
    path = write_workbook(tmp_path_factory.mktemp("rt") / "rt.xlsx", cases)
    frame = qca.read_cases(path)
    assert frame.index.tolist() == ids
    # openpyxl writes 16 significant digits (Excel itself keeps 15).
    np.testing.assert_allclose(
        frame["X"].to_numpy(dtype=float), np.asarray(values), rtol=1e-15, atol=0
    )


# ---------------------------------------------------------------- bad workbooks
@pytest.mark.parametrize(
    ("row", "match"),
    [
        (
            ["政治 势能", "GDP", "1, 2, 3"],
            r"row 2, column 'set': expected a set name: an identifier .*'政治_势能'.*Got '政治 势能'",
        ),
        (["2DEV", "GDP", "1, 2, 3"], r"row 2, column 'set'.*e\.g\. 'X2DEV'.*Got '2DEV'"),
        (["DEV X", "GDP", "1, 2, 3"], r"column 'set'.*Got 'DEV X'"),
        (
            ["RICH", "GNP", "1, 2, 3"],
            r"row 2, column 'source': expected a column of the cases sheet \(GDP, A, Y\). Got 'GNP'",
        ),
        (
            ["RICH", "GDP", "550, 350, 900"],
            r"row 2, column 'thresholds': expected valid thresholds .*none of the legal orders",
        ),
        (["RICH", "GDP", None], r"row 2, column 'thresholds': expected thresholds such as"),
        (["RICH", "GDP", "e=1, x=2, i=3"], r"column 'thresholds'.*keys e, c, i"),
    ],
)
def test_bad_calibration_rows(make_xlsx, row, match):
    path = _book(make_xlsx, calibration=[CODEBOOK[0], row])
    with pytest.raises(DataError, match=match) as info:
        qca.read_workbook(path)
    assert str(path) in str(info.value) and "sheet 'calibration'" in str(info.value)


@pytest.mark.parametrize(
    ("column", "value", "match"),
    [
        ("kind", "fuzz", r"column 'kind': expected 'fuzzy' or 'crisp'. Got 'fuzz'"),
        ("method", "logit", r"column 'method': expected 'direct' or 'indirect' or 'tfr'"),
        ("logistic", "maybe", r"column 'logistic': expected TRUE or FALSE. Got 'maybe'"),
        ("idm", 2, r"column 'idm': expected a number in \(0.5, 1\). Got 2"),
        ("below", -1, r"column 'below': expected a number > 0"),
    ],
)
def test_bad_calibration_options(make_xlsx, column, value, match):
    codebook = [["set", "source", "thresholds", column], ["RICH", "GDP", "350, 550, 800", value]]
    with pytest.raises(DataError, match=match):
        qca.read_workbook(_book(make_xlsx, calibration=codebook))


def test_bad_calibration_headers_and_duplicates(make_xlsx):
    with pytest.raises(
        DataError, match=r"row 1: unknown column 'threshold'. Valid columns: set, source, kind"
    ):
        qca.read_workbook(
            _book(make_xlsx, calibration=[["set", "source", "threshold"], ["R", "GDP", 1]])
        )
    with pytest.raises(DataError, match=r"lacks the column\(s\) source"):
        qca.read_workbook(_book(make_xlsx, calibration=[["set", "thresholds"], ["R", "1,2,3"]]))
    twice = CODEBOOK + [["RICH", "GDP", "1, 2, 3"]]
    with pytest.raises(
        DataError, match=r"row 3, column 'set': the set 'RICH' is already defined in row 2"
    ):
        qca.read_workbook(_book(make_xlsx, calibration=twice))
    clash = [CODEBOOK[0], ["A", "GDP", "350, 550, 800"]]
    with pytest.raises(
        DataError, match=r"'A' is also a column of the cases sheet that is not calibrated"
    ):
        qca.read_workbook(_book(make_xlsx, calibration=clash))


@pytest.mark.parametrize(
    ("key", "value", "match"),
    [
        (
            "outcom",
            "Y",
            r"row 2, column 'key': unknown key 'outcom'. Valid keys: outcome, conditions, incl_cut",
        ),
        ("outcome", "Z", r"row 2, column 'value' \(outcome\): expected one set name.*Got 'Z'"),
        ("outcome", "Y*A", r"\(outcome\): expected one set name"),
        ("outcome", 7, r"\(outcome\): expected one set name.*Got 7"),
        (
            "conditions",
            "A, B",
            r"\(conditions\): expected set names separated by commas, from: GDP, A, Y",
        ),
        ("incl_cut", 1.5, r"\(incl_cut\): expected a number in \[0, 1\] or two.*Got 1.5"),
        ("incl_cut", "high", r"\(incl_cut\)"),
        ("pri_cut", "0.5, 0.2", r"\(pri_cut\): expected a number in \[0, 1\]. Got '0.5, 0.2'"),
        ("n_cut", 0, r"\(n_cut\): expected a whole number >= 1. Got 0"),
        ("n_cut", 1.5, r"\(n_cut\)"),
        ("include", "yes", r"\(include\): expected '\?', 'C' or '\?, C'"),
        ("exclude", "3, x", r"\(exclude\): expected truth-table row numbers"),
        ("row_dom", "maybe", r"\(row_dom\): expected TRUE or FALSE"),
    ],
)
def test_bad_analysis_values(make_xlsx, key, value, match):
    path = _book(make_xlsx, analysis=[["key", "value"], [key, value]])
    with pytest.raises(DataError, match=match) as info:
        qca.read_workbook(path)
    assert str(path) in str(info.value) and "sheet 'analysis'" in str(info.value)


def test_analysis_duplicate_key_and_header(make_xlsx):
    with pytest.raises(DataError, match="the key 'outcome' appears twice"):
        qca.read_workbook(
            _book(make_xlsx, analysis=[["key", "value"], ["outcome", "Y"], ["outcome", "A"]])
        )
    with pytest.raises(DataError, match="unknown column 'setting'"):
        qca.read_workbook(_book(make_xlsx, analysis=[["setting", "value"], ["outcome", "Y"]]))


def test_uncalculated_formula_in_the_codebook(make_xlsx):
    codebook = [
        ["set", "source", "thresholds", "idm"],
        ["RICH", "GDP", "350, 550, 800", "=0.9+0.05"],
    ]
    with pytest.raises(
        DataError, match=r"sheet 'calibration': formulas without a calculated value in cell\(s\) D2"
    ):
        qca.read_workbook(_book(make_xlsx, calibration=codebook))


def test_labels_for_unknown_sets(make_xlsx):
    with pytest.raises(
        DataError, match=r"sheet 'labels', row 2, column 'set': 'B' is not a set of this workbook"
    ):
        qca.read_workbook(_book(make_xlsx, labels=[["set", "label"], ["B", "b"]]))


def test_passthrough_column_must_be_a_set_name(make_xlsx):
    path = make_xlsx({"cases": [["case", "GDP per head", "Y"], ["x", 1, 0]]})
    with pytest.raises(
        DataError,
        match=r"the column 'GDP per head' is used as a set .* holds a space\. Rename it .*"
        r"'GDP_per_head'",
    ):
        qca.read_workbook(path)
    codebook = [["set", "source", "thresholds"], ["RICH", "GDP per head", "0, 1, 2"]]
    path = make_xlsx(
        {"cases": [["case", "GDP per head", "Y"], ["x", 1.5, 0]], "calibration": codebook},
        name="b.xlsx",
    )
    assert list(qca.read_workbook(path).calibrated().columns) == ["Y", "RICH"]


def test_calibration_errors_at_apply_time_name_the_row(make_xlsx):
    codebook = [["set", "source", "kind", "thresholds"], ["HIGH", "GDP", "crisp", 5000]]
    book = qca.read_workbook(_book(make_xlsx, calibration=codebook))
    with pytest.raises(
        CalibrationError,
        match=r"sheet 'calibration', row 2 \(set 'HIGH'\): Crisp threshold\(s\) 5000",
    ):
        book.calibrated()


# ---------------------------------------------------------------- writing
def test_unicode_round_trip(tmp_path):
    cases = pd.DataFrame(
        {"pm_score": [8, 3, 6], "PF": [0.9, 0.2, 0.55], "OC": [1, 0, 1]},
        index=pd.Index(["杭州市-2021", "贵阳市", "NA"], name="城市"),
    )
    calibration = [
        {
            "set": "PM",
            "source": "pm_score",
            "thresholds": "e=2, c=5, i=9",
            "label": "政治势能适时强化",
            "note": "专家打分",
        },
    ]
    labels = {"PF": "制度化的权力适配", "OC": "组织变革"}
    analysis = {
        "outcome": "OC",
        "conditions": ["PM", "PF"],
        "incl_cut": (0.8, 0.7),
        "n_cut": 1,
        "dir_exp": {"PM": 1, "PF": "-"},
    }
    readme = "数字政府转型：演示数据。\n\n第二段。"
    path = write_workbook(
        tmp_path / "数字政府.xlsx",
        cases,
        calibration=calibration,
        analysis=analysis,
        readme=readme,
        labels=labels,
    )
    book = qca.read_workbook(path)
    pd.testing.assert_frame_equal(book.cases, cases)
    assert book.labels == {"PM": "政治势能适时强化", "PF": "制度化的权力适配", "OC": "组织变革"}
    assert book.readme == readme
    assert book.analysis == {
        "outcome": "OC",
        "conditions": ["PM", "PF"],
        "incl_cut": (0.8, 0.7),
        "n_cut": 1,
        "dir_exp": "PM",
    }
    assert book.calibration.loc[0, "note"] == "专家打分"
    assert list(book.calibrated().columns) == ["PF", "OC", "PM"]


def test_read_write_read_is_stable(lipset_workbook, tmp_path):
    book = lipset_workbook
    analysis = {
        **book.analysis,
        "incl_cut": (0.8, 0.6),
        "exclude": [3, 7],
        "row_dom": True,
        "include": "?",
    }
    path = write_workbook(
        tmp_path / "again.xlsx",
        book.cases,
        calibration=book.calibration,
        analysis=analysis,
        readme=book.readme,
        labels=book.labels,
    )
    again = qca.read_workbook(path)
    pd.testing.assert_frame_equal(again.cases, book.cases)
    pd.testing.assert_frame_equal(again.calibration, book.calibration)
    pd.testing.assert_frame_equal(again.calibrated(), book.calibrated())
    assert (
        again.analysis == analysis and again.labels == book.labels and again.readme == book.readme
    )


def test_write_formula_like_text_as_text_with_styling(tmp_path):
    cases = pd.DataFrame(
        {"A": [0.1, 0.9], "EBA": ["-", 1]},
        index=pd.Index(["=cmd|' /C calc'!A0", "@SUM(1)"], name="case"),
    )
    path = write_workbook(tmp_path / "w.xlsx", cases, readme="+danger\n-also")
    sheet = load_workbook(path)["cases"]
    assert sheet["A2"].value == "=cmd|' /C calc'!A0" and sheet["A2"].data_type == "s"
    assert sheet["A2"].quotePrefix and sheet["A3"].quotePrefix
    assert sheet["C2"].value == "-" and sheet["C2"].data_type == "s"
    assert sheet["A1"].font.bold and sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["A"].width >= len("=cmd|' /C calc'!A0")
    frame = qca.read_cases(path)
    assert list(frame.index) == ["=cmd|' /C calc'!A0", "@SUM(1)"] and frame["EBA"].tolist() == [
        "-",
        1,
    ]
    assert qca.read_workbook(path).readme == "+danger\n-also"


def test_write_rejects_control_characters(tmp_path):
    cases = pd.DataFrame({"A": [0.1]}, index=pd.Index(["bad\x08id"], name="case"))
    with pytest.raises(
        qca.InvalidParameterError, match=r"cell A2\): Excel does not allow control characters"
    ):
        write_workbook(tmp_path / "c.xlsx", cases)


def test_write_rejects_unknown_columns_and_keys(tmp_path):
    cases = pd.DataFrame({"A": [0.1]}, index=["x"])
    with pytest.raises(qca.InvalidParameterError, match="unknown column"):
        write_workbook(
            tmp_path / "a.xlsx", cases, calibration=[{"set": "B", "source": "A", "threshold": 1}]
        )
    with pytest.raises(qca.InvalidParameterError, match="unknown key"):
        write_workbook(tmp_path / "a.xlsx", cases, analysis={"incl": 0.8})
    with pytest.raises(qca.InvalidParameterError, match="must be a DataFrame"):
        write_workbook(tmp_path / "a.xlsx", [[1]])


def test_template_documents_every_column_and_key(tmp_path):
    path = write_template(tmp_path / "template.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["cases", "calibration", "analysis", "labels", "README"]
    assert [c.value for c in book["calibration"][1]] == list(CALIBRATION_COLUMNS)
    readme = "\n".join(str(r[0]) for r in book["README"].values if r[0])
    for name in (*CALIBRATION_COLUMNS, *ANALYSIS_KEYS):
        assert f"{name}:" in readme or f"{name}: " in readme or f"; {name}:" in readme, name
    with pytest.raises(DataError, match="has a header but no cases"):
        qca.read_workbook(path)
    # Filled in, it reads.
    sheet = book["cases"]
    sheet.append(["x", 0.2, 0.7, 1])
    book.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert qca.read_workbook(path).calibrated().shape == (1, 3)
