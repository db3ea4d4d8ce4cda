"""Rebuild the classic-data workbooks in ``cases/`` from the CSV copies in ``cases/data/``.

Each workbook holds the data exactly as R QCA 3.25.1 ships them (exported with R's
``write.csv``; see ``cases/README.md``) in a sheet ``cases``, the source in a ``README``
sheet, set labels in ``labels``, and an ``analysis`` sheet with the settings of the
published analysis, so that ``qca run`` on the workbook alone reproduces it:

- ``cases/cebotari_vink.xlsx`` -- Cebotari & Vink (2013), ethnic protest in Europe: the
  fuzzy memberships (CVF) in ``cases``, the raw scores (CVR) in ``raw``;
- ``cases/ragin_strand.xlsx`` -- Ragin & Strand (2008), recognition of graduate student
  unions, crisp with the temporal "don't care" ``-`` in EBA (cases numbered 1-17, as R
  prints them);
- ``cases/nieuwbeerta.xlsx`` -- Nieuwbeerta (1995) as adapted by Ragin (2005, 2008), weak
  class voting, six-value fuzzy sets.

Run ``python scripts/classic_extra.py`` from the project root. (These builders join
``scripts/build_classic_workbooks.py`` once that script exists.)
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

__all__ = [
    "build_cebotari_vink",
    "build_ragin_strand",
    "build_nieuwbeerta",
    "read_csv",
    "main",
]

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "cases" / "data"
CASES = ROOT / "cases"

R_EXPORT = ("Data: R package QCA 3.25.1 (Adrian Dusa), exported with R's write.csv; "
            "copied to cases/data/ in this repository.")

Cell = str | int | float


def _value(text: str) -> Cell:
    """A CSV cell as a number where it is one, else the text (e.g. the don't-care "-")."""
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


def read_csv(name: str, *, case_ids: bool = True) -> tuple[list[str], list[list[Cell]]]:
    """Read ``cases/data/<name>.csv``; without case ids, number the cases 1..n (as text).

    Examples
    --------
    >>> header, rows = read_csv("RS", case_ids=False)
    >>> header[:3], rows[0][:4]
    (['case', 'P', 'E'], ['1', 1, 1, 1])
    """
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    header, body = lines[0], lines[1:]
    if case_ids:
        return header, [[line[0], *map(_value, line[1:])] for line in body]
    return ["case", *header], [[str(i), *map(_value, line)] for i, line in enumerate(body, 1)]


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list[Cell]]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"


def _save(path: Path, sheets: list[tuple[str, list[str], list[list[Cell]]]]) -> None:
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        _sheet(book, title, header, rows)
    book.save(path)


def build_cebotari_vink(path: Path = CASES / "cebotari_vink.xlsx") -> None:
    """Cebotari & Vink (2013): CVF memberships in ``cases``, CVR raw scores in ``raw``."""
    header, rows = read_csv("CVF")
    raw_header, raw_rows = read_csv("CVR")
    readme = [
        "Ethnic protest of 29 ethnic minorities in Europe (fuzzy sets).",
        "Source: Cebotari, V. and Vink, M.P. (2013) 'A configurational analysis of ethnic "
        "protest in Europe', International Journal of Comparative Sociology 54(4): 298-324, "
        "doi:10.1177/0020715213508567.",
        "Replication data: Cebotari, V. and Vink, M.P. (2015), Harvard Dataverse, V2, "
        "doi:10.7910/DVN/PT2IB9.",
        R_EXPORT + " Sheet 'cases' = CVF (calibrated memberships, as published), "
        "sheet 'raw' = CVR (raw scores).",
        "Calibration anchors of the published memberships (exclusion, crossover, inclusion; "
        "R QCA man/CV.Rd): DEMOC 2, 7, 9.5; ETHFRACT 0, 0.495, 0.8; GEOCON 0, 1.25, 3; "
        "POLDIS 0, 0.75, 3; NATPRIDE 0.5, 1.5, 2.5; PROTEST 0.5, 1.5, 3. Recalibrating CVR "
        "with these anchors differs from CVF by up to 0.01 (rounding in the published file), "
        "so the analysis uses CVF as published.",
        "Published findings (article abstract): territorial concentration (GEOCON) is "
        "necessary for strong protest, national pride (NATPRIDE) for weak protest; democracy, "
        "ethnic fractionalization and political discrimination are neither necessary nor "
        "individually sufficient.",
        "Analysis sheet: outcome PROTEST, incl_cut 0.8, as in R QCA's documented "
        "re-analysis (man/minimize.Rd, 'Cebotari & Vink (2013, 2015)'). R QCA records the "
        "parsimonious solution as four models, ~NATPRIDE + DEMOC*GEOCON*POLDIS plus two of "
        "four further terms (tests/testthat/_snaps/minimize.md); with row dominance one "
        "model: ~NATPRIDE + DEMOC*ETHFRACT*GEOCON + DEMOC*GEOCON*POLDIS + "
        "ETHFRACT*GEOCON*POLDIS.",
        "Not verified here: the sufficiency formula printed in the article itself.",
    ]
    labels: list[list[Cell]] = [
        ["DEMOC", "level of democracy"],
        ["ETHFRACT", "degree of ethnic fractionalization"],
        ["GEOCON", "territorial concentration of the minority"],
        ["POLDIS", "political discrimination"],
        ["NATPRIDE", "national pride"],
        ["PROTEST", "ethnopolitical protest (outcome)"],
    ]
    analysis: list[list[Cell]] = [
        ["outcome", "PROTEST"],
        ["conditions", "DEMOC, ETHFRACT, GEOCON, POLDIS, NATPRIDE"],
        ["incl_cut", 0.8],
    ]
    _save(path, [("cases", header, rows), ("raw", raw_header, raw_rows),
                 ("analysis", ["key", "value"], analysis),
                 ("labels", ["set", "label"], labels),
                 ("README", ["README"], [[line] for line in readme])])


def build_ragin_strand(path: Path = CASES / "ragin_strand.xlsx") -> None:
    """Ragin & Strand (2008): crisp data with the temporal don't-care ``-`` in EBA."""
    header, rows = read_csv("RS", case_ids=False)
    readme = [
        "Recognition of graduate student unions at 17 US universities (crisp sets, temporal).",
        "Source: Caren, N. and Panofsky, A. (2005) 'TQCA: A technique for adding temporality "
        "to qualitative comparative analysis', Sociological Methods & Research 34(2): 147-172, "
        "doi:10.1177/0049124105277197; reanalysed by Ragin, C.C. and Strand, S.I. (2008) "
        "'Using qualitative comparative analysis to study causal order: comment on Caren and "
        "Panofsky (2005)', Sociological Methods & Research 36(4): 431-441, "
        "doi:10.1177/0049124107313903.",
        R_EXPORT + " The data have no case names; cases are numbered 1-17 in file order, "
        "as R prints them.",
        "Conditions: P public university, E support of elite allies, A national union "
        "affiliation, S strike or strike threat; EBA (E happened before A) is not a condition "
        "of its own but records causal order: 1, 0, or '-' (don't care) where E or A is absent.",
        "Analysis sheet: outcome REC, conditions P, E, A, EBA, S, incl_cut 1 (crisp), the "
        "analysis of Ragin & Strand (2008) as R QCA documents it (man/minimize.Rd, 'temporal "
        "QCA (Ragin & Strand 2008)'). R QCA 3.25.1 records the conservative solution "
        "P*E*S + P*E*A*EBA + E*A*~EBA*S (tests/testthat/_snaps/minimize.md).",
        "Not verified here: the page of the article that prints this formula.",
    ]
    labels: list[list[Cell]] = [
        ["P", "public university"],
        ["E", "support of elite allies"],
        ["A", "national union affiliation"],
        ["EBA", "E happened before A (temporal order; '-' don't care)"],
        ["S", "strike or strike threat"],
        ["REC", "union recognition (outcome)"],
    ]
    analysis: list[list[Cell]] = [
        ["outcome", "REC"],
        ["conditions", "P, E, A, EBA, S"],
        ["incl_cut", 1],
    ]
    _save(path, [("cases", header, rows), ("analysis", ["key", "value"], analysis),
                 ("labels", ["set", "label"], labels),
                 ("README", ["README"], [[line] for line in readme])])


def build_nieuwbeerta(path: Path = CASES / "nieuwbeerta.xlsx") -> None:
    """Nieuwbeerta (1995) as adapted by Ragin: weak class voting in 12 countries."""
    header, rows = read_csv("NF")
    readme = [
        "Weak class voting in 12 post-war democracies (fuzzy sets on a six-value scale).",
        "Source: Nieuwbeerta, P. (1995) The Democratic Class Struggle in Twenty Countries "
        "1945-1990. Amsterdam: Thesis Publishers; fuzzy-set adaptation by Ragin, C.C. (2005) "
        "'From fuzzy sets to crisp truth tables', COMPASSS Working Paper WP 2004-28, and "
        "Ragin, C.C. (2008) Redesigning Social Inquiry: Fuzzy Sets and Beyond. Chicago: "
        "University of Chicago Press (R QCA man/NF.Rd).",
        R_EXPORT,
        "Sets: A affluent, I substantial income inequality, M high share of workers in "
        "manufacturing, U strong unions; outcome W weak class voting.",
        "Analysis sheet: outcome W, conditions A, I, M, U, incl_cut 0.8.",
        "Not verified here: the solution printed by Ragin (2005, 2008); this workbook ships "
        "the published data and settings, not a checked published formula.",
    ]
    labels: list[list[Cell]] = [
        ["A", "affluent countries"],
        ["I", "substantial income inequality"],
        ["M", "high percentage of workers in manufacturing"],
        ["U", "strong unions"],
        ["W", "weak class voting (outcome)"],
    ]
    analysis: list[list[Cell]] = [
        ["outcome", "W"],
        ["conditions", "A, I, M, U"],
        ["incl_cut", 0.8],
    ]
    _save(path, [("cases", header, rows), ("analysis", ["key", "value"], analysis),
                 ("labels", ["set", "label"], labels),
                 ("README", ["README"], [[line] for line in readme])])


def main() -> None:
    """Rebuild the three workbooks."""
    build_cebotari_vink()
    build_ragin_strand()
    build_nieuwbeerta()
    print("wrote cases/cebotari_vink.xlsx, cases/ragin_strand.xlsx, cases/nieuwbeerta.xlsx")


if __name__ == "__main__":
    main()
