"""Reading input files with bounded work: sizes and shapes checked before parsing.

The limits (see :mod:`qca._limits` and ``docs/limits.md``) are checked before the work
they bound: the file size before reading, the unzipped size of an .xlsx workbook's parts
(from its zip directory) before any XML is parsed, the length of each CSV line before
it is split, and rows x columns while rows are read, so a sparse sheet whose one far cell
pads every row to 16,384 columns stops after a bounded number of cells.

CSV records are split on ``\\n``, ``\\r`` and ``\\r\\n`` only, as the CSV format says:
a form feed or a Unicode line separator (U+2028) inside a field stays in that field.

>>> [fields for _, fields in csv_records("a,b\\nx\\u2028y,1\\n", ",", "'t.csv'")]
[['a', 'b'], ['x\\u2028y', '1']]
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from qca._limits import limit, over
from qca.exceptions import ReadError

__all__ = [
    "CellCount",
    "check_name_length",
    "check_file_size",
    "check_zip",
    "csv_records",
    "sniff_delimiter",
]

#: How much of the first line the delimiter sniffer sees (csv.Sniffer is quadratic).
SNIFF_CHARS = 4096


def check_file_size(source: Path) -> None:
    """Refuse a file larger than the ``max_file_bytes`` limit, before reading it."""
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ReadError(f"Cannot read '{source}': {exc.strerror or exc}.") from exc
    if size > limit("max_file_bytes"):
        raise ReadError(
            over(
                "max_file_bytes",
                size,
                f"'{source}' is {size:,} bytes",
                "(case sheets are small: is this the right file?)",
            )
        )


def check_zip(source: Path) -> None:
    """Refuse an .xlsx archive whose parts would unzip to more than ``max_unzipped_bytes``.

    The sizes come from the zip directory; Python's zip reader never inflates a part beyond
    its recorded size, so the recorded total bounds the work.
    """
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # diagnosed by the caller
    total = sum(max(info.file_size, 0) for info in infos)
    if total > limit("max_unzipped_bytes"):
        biggest = max(infos, key=lambda info: info.file_size)
        raise ReadError(
            over(
                "max_unzipped_bytes",
                total,
                f"'{source}' unzips to {total:,} bytes (the part '{biggest.filename}' alone to "
                f"{biggest.file_size:,}), from {source.stat().st_size:,} bytes on disk",
                "(a compressed workbook this large is damaged or built to exhaust memory)",
            )
        )


class CellCount:
    """Rows x columns of one sheet, checked row by row against ``max_cells``."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.rows = 0
        self.width = 0
        self.cap = limit("max_cells")

    def add(self, width: int) -> None:
        self.rows += 1
        self.width = max(self.width, width)
        if self.rows * self.width > self.cap:
            raise ReadError(
                over(
                    "max_cells",
                    self.rows * self.width,
                    f"{self.where} reaches {self.rows:,} rows x {self.width:,} columns by row "
                    f"{self.rows:,}",
                    "(if the sheet is small, a stray cell far to the right or far down "
                    "stretches it: delete the empty rows and columns after the data)",
                )
            )


def _lines(text: str, where: str) -> Iterator[str]:
    """Physical lines (``\\n``, ``\\r``, ``\\r\\n`` only), each checked against max_line_chars."""
    cap = limit("max_line_chars")
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > cap:
            raise ReadError(
                over(
                    "max_line_chars",
                    len(line),
                    f"{where}, line {number:,} is {len(line):,} characters long",
                )
            )
        yield line


def csv_records(text: str, delimiter: str, where: str) -> Iterator[tuple[int, list[str]]]:
    """(line number where the record ends, fields) for each CSV record of ``text``."""
    cap = limit("max_line_chars")
    old = csv.field_size_limit()
    csv.field_size_limit(cap)
    try:
        reader = csv.reader(_lines(text, where), delimiter=delimiter)
        count = CellCount(where)
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise ReadError(
                    f"{where}, line {reader.line_num:,}: not valid CSV ({exc})."
                    + (
                        f" A quoted field may be left open; fields are limited to {cap:,} "
                        "characters (QCA_MAX_LINE_CHARS)."
                        if "field limit" in str(exc)
                        else ""
                    )
                ) from exc
            count.add(len(fields))
            yield reader.line_num, fields
    finally:
        csv.field_size_limit(old)


def sniff_delimiter(text: str) -> str:
    """The delimiter (``,``, ``;`` or tab) of a CSV text, from the start of its first line."""
    end = len(text)
    for mark in ("\n", "\r"):
        found = text.find(mark, 0, SNIFF_CHARS)
        if found >= 0:
            end = min(end, found)
    sample = text[: min(end, SNIFF_CHARS)]
    try:
        return csv.Sniffer().sniff(sample or ",", delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def check_name_length(text: str, what: str) -> None:
    """Refuse a case id or header longer than ``max_name_chars`` (shown shortened)."""
    from qca._limits import shorten
    from qca.exceptions import DataError

    if len(text) > limit("max_name_chars"):
        raise DataError(
            over(
                "max_name_chars",
                len(text),
                f"{what} {shorten(text, 60)!r} is {len(text):,} characters long",
                "(a quote left open in a CSV file makes the rest of the file one value)",
            )
        )
