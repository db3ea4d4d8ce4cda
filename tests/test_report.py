"""Tests of qca.report: the report workbook, Markdown, CSV and JSON writers."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os

import numpy as np
import openpyxl
import pandas as pd
import pytest

from qca import __version__
from qca.analysis import split_list
from qca.exceptions import InvalidParameterError
from qca.report import (
    Table,
    atomic_write,
    check_output_path,
    file_sha256,
    format_number,
    format_table,
    markdown_report,
    provenance,
    safe_text,
    write_csv,
    write_json,
    write_markdown,
    write_xlsx,
)

DANGEROUS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-3+4", "@SUM(A1:A2)"]


@pytest.fixture
def table() -> Table:
    frame = pd.DataFrame(
        {
            "label": ["Austria", "=1+1", "plain"],
            "incl": [0.8125, np.nan, 1.0],
            "n": [np.int64(3), np.int64(0), np.int64(12)],
            "cases": [["AU", "BE"], [], ["-X"]],
        },
        index=pd.Index(["AU", "+BE", "@CZ"], name="case"),
    )
    return Table("data", "Calibrated data", frame, notes=("=note", "second note"))


def test_safe_text_flags_every_formula_prefix():
    for text in DANGEROUS:
        assert not safe_text(text)
    assert safe_text("Belgium") and safe_text("") and safe_text("1=1")


def test_format_number():
    assert format_number(0.81249) == "0.812"
    assert format_number(np.float64(1)) == "1.000"
    assert format_number(np.int64(7)) == "7"
    assert format_number(None) == ""
    assert format_number(["AU", "BE"]) == "AU, BE"


def test_format_table_aligns_columns():
    frame = pd.DataFrame({"inclN": [0.9, 1.0], "name": ["a", "bbb"]}, index=["DEV", "~URBAN"])
    lines = format_table(frame).splitlines()
    assert lines[0].split() == ["inclN", "name"]
    assert lines[1].split() == ["DEV", "0.900", "a"]
    assert lines[2].split() == ["~URBAN", "1.000", "bbb"]
    # numbers are right-aligned: the decimal points line up
    assert lines[1].index("0.900") == lines[2].index("1.000")


def test_write_xlsx_cells_styles_and_provenance(tmp_path, table):
    path = tmp_path / "report.xlsx"
    prov = provenance(command="qca run x", options={"incl_cut": 0.8, "conditions": ["A", "B"]})
    write_xlsx([table], path, provenance=prov)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["data", "provenance"]
    ws = book["data"]
    assert ws["A1"].value == "Calibrated data"
    assert ws["A1"].font.bold
    # header row 3, frozen below it
    assert [c.value for c in ws[3]] == ["case", "label", "incl", "n", "cases"]
    assert all(c.font.bold for c in ws[3])
    assert ws["A3"].fill.fgColor.rgb.endswith("DDE4EE")
    assert ws.freeze_panes == "A4"
    # numbers stay numbers, NaN is an empty cell, lists become text
    assert ws["C4"].value == 0.8125 and ws["C4"].data_type == "n"
    assert ws["D4"].value == 3 and isinstance(ws["D4"].value, int)
    assert ws["C5"].value is None
    assert ws["E4"].value == "AU, BE"
    # widths follow the content
    assert ws.column_dimensions["B"].width >= len("Austria") + 2
    # notes under the table
    assert ws["A8"].value == "=note" and ws["A8"].data_type == "s"
    assert ws["A9"].value == "second note"
    pv = book["provenance"]
    items = {pv.cell(r, 1).value: pv.cell(r, 2).value for r in range(4, pv.max_row + 1)}
    assert items["qca version"] == __version__
    assert items["option incl_cut"] == 0.8
    assert items["option conditions"] == "A, B"
    assert items["command"] == "qca run x"
    assert "time (UTC)" in items


def test_write_xlsx_never_writes_formulas(tmp_path, table):
    path = tmp_path / "report.xlsx"
    write_xlsx([table], path)
    ws = openpyxl.load_workbook(path)["data"]
    texts = {ws["A5"].value, ws["A6"].value, ws["B5"].value, ws["E6"].value}
    assert texts == {"+BE", "@CZ", "=1+1", "-X"}
    for ref in ("A5", "A6", "B5", "E6"):
        assert ws[ref].data_type == "s", ref
        assert ws[ref].quotePrefix, ref
    # and the file holds no formula element at all
    import zipfile

    with zipfile.ZipFile(path) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_provenance_records_input_file_and_hash(tmp_path):
    source = tmp_path / "cases.csv"
    source.write_bytes(b"case,A\nx,1\n")
    when = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    rows = dict(provenance(source=source, when=when, options={"outcome": "Y", "dir_exp": None}))
    assert rows["input file"] == "cases.csv"
    assert rows["input SHA-256"] == hashlib.sha256(b"case,A\nx,1\n").hexdigest()
    assert rows["time (UTC)"] == "2026-01-02 03:04:05"
    assert rows["option outcome"] == "Y"
    assert rows["option dir_exp"] == ""
    assert file_sha256(source) == rows["input SHA-256"]


def test_sheet_names_are_cleaned_and_unique(tmp_path):
    frame = pd.DataFrame({"a": [1]})
    tables = [Table("a/b:c", "", frame), Table("A/B:C", "", frame), Table("x" * 40, "", frame)]
    path = tmp_path / "r.xlsx"
    write_xlsx(tables, path)
    names = openpyxl.load_workbook(path).sheetnames
    assert names == ["a_b_c", "A_B_C_2", "x" * 31]


def test_atomic_write_leaves_target_untouched_on_failure(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target, "w") as handle:
        handle.write("half")
        raise RuntimeError("crash")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_atomic_write_missing_folder(tmp_path):
    with pytest.raises(InvalidParameterError, match="does not exist"):
        with atomic_write(tmp_path / "nope" / "x.txt", "w"):
            pass


def test_check_output_path_refuses_the_input(tmp_path):
    source = tmp_path / "cases.xlsx"
    source.write_bytes(b"x")
    check_output_path(tmp_path / "report.xlsx", [source])
    with pytest.raises(InvalidParameterError, match="is the input file"):
        check_output_path(source, [source])
    with pytest.raises(InvalidParameterError, match="is the input file"):
        check_output_path(tmp_path / "sub" / ".." / "cases.xlsx", [source])
    link = tmp_path / "link.xlsx"
    os.symlink(source, link)
    with pytest.raises(InvalidParameterError, match="is the input file"):
        check_output_path(link, [source])


def test_markdown_report(tmp_path, table):
    text = markdown_report([table], title="Report", provenance=[("qca version", "0.1")])
    lines = text.splitlines()
    assert lines[0] == "# Report"
    assert "## Calibrated data" in lines
    assert "| case | label | incl | n | cases |" in lines
    assert "| AU | Austria | 0.812 | 3 | AU, BE |" in lines
    assert "- =note" in lines
    assert "| qca version | 0.1 |" in lines
    path = tmp_path / "r.md"
    write_markdown([table], path, title="Report")
    assert path.read_text(encoding="utf-8").startswith("# Report\n")


def test_markdown_escapes_pipes():
    frame = pd.DataFrame({"a": ["x|y"]})
    assert "| 0 | x\\|y |" in markdown_report([Table("t", "T", frame)])


def test_write_csv_guards_formulas(tmp_path, table):
    path = tmp_path / "t.csv"
    write_csv(table, path)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["case", "label", "incl", "n", "cases"]
    assert rows[1] == ["AU", "Austria", "0.8125", "3", "AU, BE"]
    assert rows[2][:3] == ["'+BE", "'=1+1", ""]
    assert rows[3][4] == "'-X"


def test_write_json_has_no_nan(tmp_path):
    path = tmp_path / "x.json"
    write_json({"a": float("nan"), "b": [np.float64(0.5), np.int64(2)], "c": ("x",)}, path)
    assert json.loads(path.read_text()) == {"a": None, "b": [0.5, 2], "c": ["x"]}


def test_split_list():
    assert split_list(" A , B,C ") == ["A", "B", "C"]
    assert split_list("") == []
    assert split_list(float("nan")) == []


def test_format_table_counts_wide_characters_twice():
    frame = pd.DataFrame({"label": ["政治势能", "ab"], "n": [1, 22]}, index=["PM", "CA"])
    lines = format_table(frame).splitlines()
    # the n column ends at the same terminal column on every line
    from qca.report import display_width

    assert len({display_width(line) for line in lines}) == 1
    assert lines[1].endswith(" 1") and lines[2].endswith("22")


# --------------------------------------------------------------------------------------
# plots of a report


@pytest.fixture(scope="module")
def small_plots():
    import matplotlib

    matplotlib.use("Agg")
    from qca.plot import font_for_text
    from qca.report import Plot
    from qca.report.plots import _png

    data = pd.DataFrame(
        {"A": [0.9, 0.7, 0.2], "Y": [1.0, 0.8, 0.1]}, index=["北京", "上海", "=1+1"]
    )
    from qca.plot import xy_plot

    png = _png(lambda: xy_plot(data, "A", "Y"))
    return [Plot("xy_conservative_M1.png", "=A -> Y", png)], font_for_text(["北京"])


def test_write_xlsx_plots_sheet(tmp_path, table, small_plots):
    plots, _font = small_plots
    path = tmp_path / "r.xlsx"
    write_xlsx([table], path, provenance=provenance(), plots=plots, plot_notes=["a note"])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["data", "plots", "provenance"]
    ws = book["plots"]
    assert len(ws._images) == 1
    assert ws._images[0]._data() == plots[0].png
    assert ws["A3"].value == "Warning: a note"
    assert ws["A5"].value == "=A -> Y" and ws["A5"].data_type == "s"  # a caption, never a formula


def test_write_xlsx_without_pillow_says_so(tmp_path, table, small_plots, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "PIL.Image", None)  # import PIL.Image now fails
    path = tmp_path / "r.xlsx"
    write_xlsx([table], path, plots=small_plots[0])
    ws = openpyxl.load_workbook(path)["plots"]
    assert ws._images == []
    assert "Pillow" in ws["A3"].value and ws["A3"].value.startswith("Warning: ")


def test_write_markdown_plots_folder(tmp_path, table, small_plots):
    plots, _font = small_plots
    path = tmp_path / "my report.md"
    write_markdown([table], path, plots=plots)
    text = path.read_text(encoding="utf-8")
    assert "![=A -> Y](my%20report_plots/xy_conservative_M1.png)" in text
    assert (tmp_path / "my report_plots" / "xy_conservative_M1.png").read_bytes() == plots[0].png
    # a file where the folder goes: refused, the report left unwritten
    (tmp_path / "other_plots").write_text("mine")
    with pytest.raises(InvalidParameterError, match="other_plots"):
        write_markdown([table], tmp_path / "other.md", plots=plots)
    assert not (tmp_path / "other.md").exists()
    assert (tmp_path / "other_plots").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "my report.md",
        "my report_plots",
        "other_plots",
    ]


def test_plots_of_chinese_case_labels(small_plots):
    from qca.report import plot_name

    plots, font = small_plots
    if font is None:
        pytest.skip("no CJK font installed")
    assert font  # a CJK family was found, so the labels draw as glyphs, not boxes
    assert plots[0].png.startswith(b"\x89PNG\r\n\x1a\n")
    assert plot_name("intermediate", "C1P2 M3") == "xy_intermediate_C1P2_M3.png"
