"""Hostile input files (issue 17): every one refused quickly with a ReadError/DataError
naming the file and the limit, or read correctly; never a hang, a memory blow-up or a
traceback. The heavy cases run in a subprocess with a time and memory limit."""

from __future__ import annotations

import zipfile

import pytest
from hostile import run_limited

from qca import read_cases, read_workbook
from qca.exceptions import DataError, ReadError


def test_csv_line_separator_and_form_feed_stay_inside_their_field(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text(
        'case,A,Y\nx\u2028y,0.2,0.1\nz,0.9,0.8\n"q\x0cr",0.3,0.4\nw\x0cv,0.5,0.6\n',
        encoding="utf-8",
    )
    data = read_cases(path)
    assert data.index.tolist() == ["x\u2028y", "z", "q\x0cr", "w\x0cv"]
    assert data["A"].tolist() == [0.2, 0.9, 0.3, 0.5]


def test_csv_quoted_newline_still_one_field(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('case,A\n"two\nlines",0.2\nb,0.4\n', encoding="utf-8")
    assert read_cases(path).index.tolist() == ["two\nlines", "b"]


def test_csv_long_header_line_is_read_quickly(tmp_path):
    # a 150 KB header line: the dialect sniffer used to be quadratic in it
    names = [f"Condition{i:05d}" for i in range(12_000)]
    path = tmp_path / "wide.csv"
    path.write_text("case;" + ";".join(names) + "\na;" + ";".join("0.5" for _ in names) + "\n")
    assert len(path.read_text().splitlines()[0]) > 150_000
    code = f"import qca; print(qca.read_cases({str(path)!r}).shape)"
    result = run_limited(code, seconds=30)
    assert result.ok, result.text
    assert "(1, 12000)" in result.text


def test_csv_header_of_open_quotes_is_sniffed_quickly(tmp_path):
    # 190 KB of '"C1,"C2,...': csv.Sniffer on the whole line took a minute (quadratic)
    path = tmp_path / "quotes.csv"
    path.write_text("case," + ",".join(f'"C{i}' for i in range(30_000)) + "\na,0.5\n")
    code = (
        f"import qca\ntry:\n print(qca.read_cases({str(path)!r}).shape)\n"
        "except qca.QCAError as e: print('REFUSED', str(e)[:300])"
    )
    result = run_limited(code, seconds=15)
    assert result.ok, result.text


def test_csv_line_over_the_limit_names_it(tmp_path, monkeypatch):
    monkeypatch.setenv("QCA_MAX_LINE_CHARS", "1000")
    path = tmp_path / "long.csv"
    path.write_text("case,A\n" + "x" * 2000 + ",0.5\n")
    with pytest.raises(ReadError, match=r"line 2 is 2,00\d characters.*QCA_MAX_LINE_CHARS"):
        read_cases(path)


def test_csv_field_over_the_csv_module_limit_is_an_error_not_a_traceback(tmp_path):
    path = tmp_path / "open_quote.csv"
    path.write_text('case,A\n"' + "x" * 200_000 + ",0.5\n")  # a quote never closed
    with pytest.raises((ReadError, DataError), match="open_quote.csv") as info:
        read_cases(path)
    assert len(str(info.value)) < 600  # the 200,000-character value is not echoed
    assert "QCA_MAX_NAME_CHARS" in str(info.value)


def test_huge_sparse_file_is_refused_before_reading(tmp_path):
    for name in ("sparse.csv", "sparse.xlsx"):
        path = tmp_path / name
        with open(path, "wb") as handle:
            handle.truncate(8 * 2**30)  # 8 GiB of holes: no disk used
        result = run_limited(
            f"import qca\ntry:\n qca.read_cases({str(path)!r})\n"
            "except qca.QCAError as e: print('REFUSED', e)",
            seconds=20,
            memory_mb=600,
        )
        assert result.ok and "REFUSED" in result.text, result.text
        assert name in result.text


def test_file_size_limit_names_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("QCA_MAX_FILE_BYTES", "100")
    path = tmp_path / "c.csv"
    path.write_text("case,A\n" + "".join(f"c{i},0.5\n" for i in range(50)))
    with pytest.raises(ReadError, match=r"'.*c.csv' is \d+ bytes.*QCA_MAX_FILE_BYTES"):
        read_cases(path)
    monkeypatch.setenv("QCA_MAX_FILE_BYTES", "1_000_000")
    assert len(read_cases(path)) == 50


def _bomb(path, member_size=600 * 2**20):
    """A valid-looking .xlsx whose sheet XML inflates to ``member_size`` bytes."""
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><sheetData>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(sheet.encode())
            block = b" " * 2**20
            for _ in range(member_size // len(block)):
                f.write(block)
            f.write(b"</sheetData></worksheet>")


CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="cases" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def test_zip_bomb_workbook_is_refused_before_parsing(tmp_path):
    path = tmp_path / "bomb.xlsx"
    _bomb(path)
    assert path.stat().st_size < 2 * 2**20
    for call in ("read_cases", "read_workbook"):
        result = run_limited(
            f"import qca\ntry:\n qca.{call}({str(path)!r})\n"
            "except qca.QCAError as e: print('REFUSED', e)",
            seconds=20,
            memory_mb=600,
        )
        assert result.ok and "REFUSED" in result.text, result.text
        assert "QCA_MAX_UNZIPPED_BYTES" in result.text and "sheet1.xml" in result.text


def test_sparse_sheet_stops_at_the_cell_limit(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "cases"
    ws.append(["case", "A", "Y"])
    for r in range(2, 400):  # one far cell per row pads every row to 16,384 columns
        ws.cell(row=r, column=1, value=f"c{r}")
        ws.cell(row=r, column=16384, value=1)
    path = tmp_path / "wide.xlsx"
    book.save(path)
    result = run_limited(
        f"import qca\ntry:\n qca.read_cases({str(path)!r})\n"
        "except qca.QCAError as e: print('REFUSED', e)",
        seconds=30,
        memory_mb=800,
        env={"QCA_MAX_CELLS": "1000000"},
    )
    assert result.ok and "REFUSED" in result.text, result.text
    assert "16,384 columns" in result.text and "QCA_MAX_CELLS" in result.text


def test_entity_expansion_in_shared_strings_is_not_expanded(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "cases"
    book.active.append(["case", "A"])
    book.active.append(["x", 0.5])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lololololololololol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    bomb = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(bomb, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                data = laughs.encode()
            dst.writestr(info, data)
    result = run_limited(
        f"import qca\ntry:\n print(qca.read_cases({str(bomb)!r}))\n"
        "except qca.QCAError as e: print('REFUSED', e)",
        seconds=20,
        memory_mb=800,
    )
    assert result.ok, result.text
    assert "REFUSED" in result.text or "x" in result.text


@pytest.mark.parametrize("reader", [read_cases, read_workbook])
def test_garbage_bytes_named_xlsx_or_csv(tmp_path, reader):
    for name, data in [
        ("a.xlsx", b"PK\x03\x04" + b"\xff" * 100),
        ("b.xlsx", b"PK\x05\x06" + b"\x00" * 18),
        ("c.csv", b"\xff\xfe\x00a"),
        ("d.csv", b"case,A\n\x00\x00"),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises((ReadError, DataError), match=name.replace(".", r"\.")):
            reader(path)


def test_csv_carriage_return_inside_a_quoted_field_is_kept(tmp_path):
    # the text was read with universal newlines, which turned '\r' in a field into '\n'
    path = tmp_path / "cr.csv"
    path.write_bytes(b'case,A\r\n"x\ry",0.5\r\nz,0.7\r\n')
    assert read_cases(path).index.tolist() == ["x\ry", "z"]
