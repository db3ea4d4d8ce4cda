"""Tests of qca.read_cases: .xlsx and .csv case sheets, and every bad input we know of."""

from __future__ import annotations

import hashlib
import struct
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qca
from qca import DataError, InvalidParameterError, QCAWarning, ReadError

LR_HEAD = [
    ["case", "DEV", "URB", "LIT", "IND", "STB", "SURV"],
    ["AU", 720, 33.4, 98, 33.4, 10, -9],
    ["BE", 1098, 60.5, 94.4, 48.9, 4, 10],
    ["CZ", 586, 69, 95.9, 37.4, 6, 7],
]


def _digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _ole_file(path: Path, streams: list[str]) -> Path:
    """A minimal valid OLE2 compound file (CFB v3) holding empty streams ``streams``.

    An encrypted .xlsx is such a container with the streams EncryptionInfo and
    EncryptedPackage; a legacy .xls has a Workbook stream.
    """
    free, end, fat_sector, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 0x1000, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    fat = struct.pack("<II", fat_sector, end) + struct.pack("<I", free) * 126

    def entry(name: str, kind: int, right: int, child: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        out = raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
        out += struct.pack("<III", nostream, right, child) + b"\0" * 36
        return out + struct.pack("<IQ", end, 0)

    # Sibling order of CFB: shorter names first.
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    entries = entry("Root Entry", 5, nostream, 1)
    for k, name in enumerate(names, start=1):
        entries += entry(name, 2, k + 1 if k < len(names) else nostream, nostream)
    entries = entries.ljust(512, b"\0")
    path.write_bytes(header + fat + entries)
    return path


# ---------------------------------------------------------------- reading
def test_csv_ids_as_text_index_named_dtypes(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("country,DEV,SURV\nNA,0.2,0\nAU,0.81,1\n001,1,1\n", encoding="utf-8")
    frame = qca.read_cases(path)
    assert frame.index.tolist() == ["NA", "AU", "001"]  # "NA" is Namibia; "001" keeps its zeros
    assert frame.index.name == "country"
    assert frame["DEV"].dtype == np.float64 and frame["SURV"].dtype == np.int64


def test_r_write_csv_with_empty_row_name_header(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text('"","DEV","SURV"\n"AU",720,-9\n"NA",1098,10\n', encoding="utf-8")
    frame = qca.read_cases(path)
    assert frame.index.name == "case" and frame.index.tolist() == ["AU", "NA"]


def test_xlsx_prefers_cases_sheet_then_first_then_named(make_xlsx):
    path = make_xlsx({"notes": [["x", "A"], ["a", 1]], "cases": LR_HEAD})
    assert qca.read_cases(path).index.tolist() == ["AU", "BE", "CZ"]
    assert qca.read_cases(path, "notes").columns.tolist() == ["A"]
    first = make_xlsx({"data": LR_HEAD, "other": [["x", "A"], ["a", 1]]}, name="first.xlsx")
    frame = qca.read_cases(first)
    assert frame.loc["BE", "URB"] == 60.5 and frame["DEV"].dtype == np.int64


def test_xlsx_and_csv_agree(make_xlsx, tmp_path):
    book = qca.read_cases(make_xlsx({"cases": LR_HEAD}))
    csv_path = tmp_path / "lr.csv"
    csv_path.write_text("\n".join(",".join(map(str, row)) for row in LR_HEAD), encoding="utf-8")
    pd.testing.assert_frame_equal(book, qca.read_cases(csv_path))


def test_unicode_ids_and_headers(make_xlsx, tmp_path):
    rows = [["城市", "PM", "OC"], ["杭州", 0.9, 1], ["贵阳", 0.3, 0], ["São Paulo", 0.6, 1]]
    frame = qca.read_cases(make_xlsx({"cases": rows}))
    assert frame.index.tolist() == ["杭州", "贵阳", "São Paulo"] and frame.index.name == "城市"
    path = tmp_path / "zh.csv"
    path.write_text("\n".join(",".join(map(str, r)) for r in rows), encoding="utf-8-sig")
    pd.testing.assert_frame_equal(qca.read_cases(path), frame)


def test_dont_care_column_is_object_with_dash_and_numbers(tmp_path):
    path = tmp_path / "rs.csv"
    path.write_text("case,P,EBA,REC\n1,1,1,1\n2,1,-,0\n3,0,0,1\n", encoding="utf-8")
    frame = qca.read_cases(path)
    assert frame["EBA"].dtype == object and frame["EBA"].tolist() == [1, "-", 0]
    assert frame["P"].dtype == np.int64


def test_numbers_stored_as_text_numeric_ids_and_booleans(make_xlsx):
    path = make_xlsx({"cases": [["id", "A", "B"], [1, "0.5", True], [2.0, " 1 ", False]]})
    frame = qca.read_cases(path)
    assert frame.index.tolist() == ["1", "2"]
    assert frame["A"].tolist() == [0.5, 1.0] and frame["B"].tolist() == [1, 0]


def test_offset_table_and_blank_rows_keep_excel_row_numbers(make_xlsx):
    rows = [[], [None, "case", "A"], [None, "a", 0.2], [], [None, "b", "oops"]]
    path = make_xlsx({"cases": rows})
    with pytest.raises(DataError, match=r"row 5, column 'A' \(case 'b'\): 'oops'"):
        qca.read_cases(path)


def test_semicolon_and_tab_csv(tmp_path):
    for sep in (";", "\t"):
        path = tmp_path / "semi.csv"
        path.write_text(f"case{sep}A{sep}B\nx{sep}0.5{sep}1\ny{sep}0.25{sep}0\n", encoding="utf-8")
        assert qca.read_cases(path).loc["y", "A"] == 0.25


def test_file_is_never_modified(make_xlsx, tmp_path):
    book = make_xlsx({"cases": LR_HEAD + [["DE", 795, None, 98, 40.4, 11, -9]]})
    text = tmp_path / "lr.csv"
    text.write_text("case,A\nx,1\ny,\n", encoding="utf-8")
    before = [_digest(book), _digest(text)]
    with pytest.raises(DataError):
        qca.read_cases(book)
    with pytest.warns(QCAWarning):
        qca.read_cases(book, dropna=True)
    with pytest.warns(QCAWarning):
        qca.read_cases(text, dropna=True)
    assert [_digest(book), _digest(text)] == before


# ---------------------------------------------------------------- bad input
def test_non_numeric_cell_names_file_sheet_row_column_value(make_xlsx):
    rows = [list(r) for r in LR_HEAD]
    rows[2][2] = "sixty"
    path = make_xlsx({"cases": rows})
    with pytest.raises(DataError) as info:
        qca.read_cases(path)
    message = str(info.value)
    for part in (str(path), "sheet 'cases'", "row 3", "column 'URB'", "case 'BE'", "'sixty'"):
        assert part in message


def test_dates_and_excel_error_values_are_non_numeric(make_xlsx):
    import datetime

    path = make_xlsx({"cases": [["case", "A", "B"], ["x", datetime.date(2020, 1, 1), "#DIV/0!"]]})
    with pytest.raises(
        DataError, match=r"row 2, column 'A'.*row 2, column 'B' \(case 'x'\): '#DIV/0!'"
    ):
        qca.read_cases(path)


def test_missing_values_name_cases_and_columns(make_xlsx):
    rows = LR_HEAD + [["DE", 795, None, 98, "", 11, -9], ["NA", 1, 2, 3, 4, 5, "NA"]]
    path = make_xlsx({"cases": rows})
    with pytest.raises(DataError) as info:
        qca.read_cases(path)
    message = str(info.value)
    assert "'DE' (row 5, column(s) URB, IND)" in message
    assert "'NA' (row 6, column(s) SURV)" in message and "dropna=True" in message


def test_dropna_drops_with_warning_naming_cases(make_xlsx):
    rows = LR_HEAD + [["DE", 795, None, 98, 40.4, 11, -9]]
    with pytest.warns(QCAWarning, match=r"dropped 1 case\(s\) with missing values: 'DE'"):
        frame = qca.read_cases(make_xlsx({"cases": rows}), dropna=True)
    assert frame.index.tolist() == ["AU", "BE", "CZ"]
    assert frame["DEV"].dtype == np.int64  # re-typed after the drop


def test_dropna_of_every_case_is_an_error(tmp_path):
    path = tmp_path / "all.csv"
    path.write_text("case,A\nx,\ny,NA\n", encoding="utf-8")
    with pytest.raises(DataError, match="every case has missing values"):
        qca.read_cases(path, dropna=True)


def test_duplicate_case_ids(make_xlsx):
    path = make_xlsx({"cases": LR_HEAD + [["AU", 1, 2, 3, 4, 5, 6]]})
    with pytest.raises(
        DataError, match=r"duplicate case id 'AU' in rows 2 and 5 \(column 'case'\)"
    ):
        qca.read_cases(path)


def test_empty_case_id(make_xlsx):
    path = make_xlsx({"cases": LR_HEAD + [[None, 1, 2, 3, 4, 5, 6]]})
    with pytest.raises(
        DataError, match=r"sheet 'cases', row 5: the case id \(column 'case'\) is empty"
    ):
        qca.read_cases(path)


def test_empty_sheet_and_header_only(make_xlsx):
    path = make_xlsx({"cases": [], "head": [["case", "A"]]})
    with pytest.raises(DataError, match="sheet 'cases' is empty"):
        qca.read_cases(path)
    with pytest.raises(DataError, match="sheet 'head' has a header but no cases"):
        qca.read_cases(path, "head")


def test_empty_csv(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(DataError, match="is empty"):
        qca.read_cases(path)


def test_bad_headers(make_xlsx):
    with pytest.raises(DataError, match="the header 'A' appears twice .columns B and C."):
        qca.read_cases(make_xlsx({"cases": [["case", "A", "A"], ["x", 1, 2]]}))
    with pytest.raises(DataError, match="column B has no header"):
        qca.read_cases(make_xlsx({"cases": [["case", None, "A"], ["x", 1, 2]]}, name="b.xlsx"))
    with pytest.raises(DataError, match="at least one set column"):
        qca.read_cases(make_xlsx({"cases": [["case"], ["x"]]}, name="c.xlsx"))


def test_missing_sheet_lists_available(make_xlsx):
    path = make_xlsx({"cases": LR_HEAD, "calibration": [["set", "source"]]})
    with pytest.raises(
        ReadError, match=r"no sheet named 'Cases'. Available sheets: 'cases', 'calibration'"
    ):
        qca.read_cases(path, "Cases")


def test_password_protected_workbook(tmp_path):
    path = _ole_file(tmp_path / "secret.xlsx", ["EncryptionInfo", "EncryptedPackage"])
    with pytest.raises(ReadError, match="password-protected"):
        qca.read_cases(path)


def test_legacy_xls_renamed(tmp_path):
    path = _ole_file(tmp_path / "old.xlsx", ["Workbook"])
    with pytest.raises(ReadError, match=r"old binary Excel file \(.xls\)"):
        qca.read_cases(path)


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"case,A\nx,1\n", "not a zip archive"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "not a zip archive"),
        (b"", "empty"),
        (b"PK\x03\x04garbage", "is damaged: it starts like an Excel workbook"),
    ],
)
def test_non_excel_files_renamed_xlsx(tmp_path, content, match):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=match):
        qca.read_cases(path)


def test_unreadable_file(make_xlsx, monkeypatch):
    # As a file without read permission (tests may run as root, who reads anything).
    path = make_xlsx({"cases": LR_HEAD})
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ReadError, match=r"Cannot read '.*book.xlsx': Permission denied"):
        qca.read_cases(path)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(ReadError, match="cannot be read as an Excel workbook"):
        qca.read_cases(path)


def test_truncated_workbook(make_xlsx):
    path = make_xlsx({"cases": LR_HEAD})
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(ReadError, match="is damaged"):
        qca.read_cases(path)


def test_formulas_without_cached_values(make_xlsx):
    # openpyxl writes formulas without calculating them, as some scripts and tools do.
    path = make_xlsx({"cases": [["case", "A", "B"], ["x", 1, "=B3*2"], ["y", 0, 3]]})
    with pytest.raises(
        DataError, match=r"formulas without a calculated value in cell\(s\) C2 \(=B3\*2\)"
    ):
        qca.read_cases(path)


def test_formulas_with_calculated_values_read_as_values(make_xlsx, tmp_path):
    # As Excel saves them: the formula and its last calculated value (<v>6</v>).
    source = make_xlsx({"cases": [["case", "A", "B"], ["x", 1, "=B3*2"], ["y", 0, 3]]})
    target = tmp_path / "calculated.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>B3*2</f><v />", b"<f>B3*2</f><v>6</v>")
            new.writestr(item, data)
    assert qca.read_cases(target)["B"].tolist() == [6, 3]


def test_formulas_in_other_sheets_do_not_matter(make_xlsx):
    path = make_xlsx({"cases": [["case", "A"], ["x", 1]], "notes": [["total", "=SUM(A1:A9)"]]})
    assert qca.read_cases(path)["A"].tolist() == [1]
    with pytest.raises(
        DataError, match=r"sheet 'notes': formulas without a calculated value in cell\(s\) B1"
    ):
        qca.read_cases(path, "notes")


def test_file_not_found_directory_and_extension(tmp_path):
    with pytest.raises(ReadError, match="File not found"):
        qca.read_cases(tmp_path / "nope.xlsx")
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    with pytest.raises(ReadError, match="is not a file"):
        qca.read_cases(folder)
    other = tmp_path / "cases.xls"
    other.write_bytes(b"x")
    with pytest.raises(
        ReadError, match=r"expected an .xlsx or .csv file, got '.xls'. Save it in Excel as .xlsx"
    ):
        qca.read_cases(other)


def test_csv_not_utf8_or_binary(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("case,A\nS\xe3o,1\n".encode("latin-1"))
    with pytest.raises(ReadError, match="not UTF-8"):
        qca.read_cases(path)
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"case,A\x00\x00\n")
    with pytest.raises(ReadError, match="binary"):
        qca.read_cases(binary)


def test_bad_parameters(tmp_path, make_xlsx):
    path = tmp_path / "a.csv"
    path.write_text("case,A\nx,1\n", encoding="utf-8")
    with pytest.raises(
        InvalidParameterError, match="'sheet' parameter of read_cases must be None for a .csv"
    ):
        qca.read_cases(path, "cases")
    with pytest.raises(InvalidParameterError, match="'dropna' parameter"):
        qca.read_cases(path, dropna="yes")
    with pytest.raises(InvalidParameterError, match="'path' parameter"):
        qca.read_cases(42)
    with pytest.raises(
        InvalidParameterError, match="'sheet' parameter of read_cases must be a sheet name"
    ):
        qca.read_cases(make_xlsx({"cases": LR_HEAD}), 0)
