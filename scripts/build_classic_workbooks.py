"""Build the classic-data workbooks in ``cases/`` from the CSV copies in ``cases/data/``.

One function per workbook; each reads only files of this repository and writes with
:func:`qca.workbook.write_workbook`, so the workbooks follow the case-sheet format of
the README ("Case sheets") and ``cases/README.md``.

- :func:`build_lipset` -> ``cases/lipset.xlsx``: Lipset's conditions of the survival of
  democracy in inter-war Europe (18 countries). Sheet ``cases`` holds the raw data (R
  QCA's ``LR``), ``calibration`` the anchors that turn them into R QCA's fuzzy version
  ``LF``, ``analysis`` the classic analysis (outcome SURV, incl_cut 0.8), and ``LF``,
  ``LC`` (crisp) and ``LM`` (multi-value) the other versions shipped with R QCA.

Run ``python scripts/build_classic_workbooks.py`` from the project root (or any folder).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from qca.io import read_cases
from qca.workbook import write_workbook

__all__ = [
    "ROOT",
    "DATA",
    "CASES",
    "build_lipset",
    "build_cebotari_vink",
    "build_ragin_strand",
    "build_nieuwbeerta",
    "main",
]

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "cases" / "data"
CASES = ROOT / "cases"

R_EXPORT = (
    "Data: R package QCA 3.25.1 (Adrian Dusa), data sets LR, LF, LC and LM, exported with R's "
    "write.csv; copies in cases/data/ of this repository."
)

# Labels as in R QCA's Lipset data (value labels of the 'declared' vectors of LF).
LIPSET_LABELS = {
    "DEV": "Level of development",
    "URB": "Level of urbanization",
    "LIT": "Level of literacy: percent of the literate population",
    "IND": "Level of industrialization: percent of the industrial labor force",
    "STB": "Government stability",
    "SURV": "Survival of democracy",
}

# (set, thresholds, note). The anchors are those of Ragin's calibration of the Lipset
# data (Rihoux & Ragin 2009, ch. 5); with them calibrate() gives R QCA's LF to within
# 0.01 (LF holds two decimals; the largest difference is 0.008, tests/test_workbook.py).
LIPSET_CALIBRATION = [
    (
        "DEV",
        "e=400, c=550, i=900",
        "GNP per capita (USD, c. 1930): fully out at 400, crossover 550, fully in at 900.",
    ),
    ("URB", "e=25, c=50, i=65", "% of the population in towns of 20,000 or more."),
    ("LIT", "e=50, c=75, i=90", "% of the population that is literate."),
    ("IND", "e=20, c=30, i=40", "% of the labour force in industry."),
    ("STB", "i=5, c=9.5, e=15", "Number of cabinets: fewer is more stable (a decreasing set)."),
    (
        "SURV",
        "e=-9, c=0, i=10",
        "Survival score: negative values are breakdowns of democracy, positive survival.",
    ),
]

LIPSET_README = f"""\
Lipset (1959): conditions of the survival of democracy in inter-war Europe, 18 countries.

Sources: Lipset, S. M. (1959). Some social requisites of democracy: economic development and political legitimacy. American Political Science Review 53(1): 69-105. As used by Rihoux, B. and De Meur, G. (2009), Cronqvist, L. and Berg-Schlosser, D. (2009) and Ragin, C. C. (2009) in Rihoux, B. and Ragin, C. C. (eds.), Configurational Comparative Methods. Sage.
{R_EXPORT}

Sheets:
cases: raw data (R QCA's LR). DEV: GNP per capita (USD); URB: % of the population in towns of 20,000 or more; LIT: % literate; IND: % of the labour force in industry; STB: number of cabinets (government stability); SURV: survival of democracy (negative: breakdown, positive: survival).
calibration: the anchors that turn the raw data into R QCA's fuzzy sets LF (calibrated sets keep the names of their raw columns). qca's calibrate() reproduces LF to within 0.01 (LF is rounded to two decimals).
analysis: outcome SURV, conditions DEV, URB, LIT, IND, STB, inclusion cut-off 0.8, directional expectations DEV, URB, LIT, IND, STB (all present, as in Ragin 2009) for the intermediate solution.
LF: R QCA's fuzzy-set version. LC: crisp version (DEV 1 if >= 550, URB >= 50%, LIT >= 75%, IND >= 30%, STB 1 if fewer than 10 cabinets, SURV 1 if positive). LM: multi-value version (DEV 0/1/2 at 550 and 850; the others as LC).

Built by scripts/build_classic_workbooks.py (build_lipset); do not edit by hand."""


def build_lipset(path: Path = CASES / "lipset.xlsx") -> Path:
    """Write ``cases/lipset.xlsx`` from ``cases/data/{LR,LF,LC,LM}.csv``.

    Examples
    --------
    >>> import tempfile, qca
    >>> book = qca.read_workbook(build_lipset(Path(tempfile.mkdtemp()) / "lipset.xlsx"))
    >>> book.analysis["outcome"], round(float(book.calibrated().loc["AU", "DEV"]), 2)
    ('SURV', 0.81)
    """
    raw = read_cases(DATA / "LR.csv")
    calibration = [
        {
            "set": name,
            "source": name,
            "kind": "fuzzy",
            "method": "direct",
            "thresholds": thresholds,
            "label": LIPSET_LABELS[name],
            "note": note,
        }
        for name, thresholds, note in LIPSET_CALIBRATION
    ]
    analysis = {
        "outcome": "SURV",
        "conditions": ["DEV", "URB", "LIT", "IND", "STB"],
        "incl_cut": 0.8,
        # Ragin (2009): every condition is expected to contribute when present
        "dir_exp": "DEV, URB, LIT, IND, STB",
    }
    others = {name: read_cases(DATA / f"{name}.csv") for name in ("LF", "LC", "LM")}
    return write_workbook(
        path, raw, calibration=calibration, analysis=analysis, readme=LIPSET_README, sheets=others
    )


# --- Cebotari & Vink, Ragin & Strand, Nieuwbeerta (case studies, issue 6) ----------------

R_EXPORT_ONE = (
    "Data: R package QCA 3.25.1 (Adrian Dusa), exported with R's write.csv; copied to "
    "cases/data/ of this repository."
)

CEBOTARI_VINK_README = f"""\
Ethnic protest of 29 ethnic minorities in Europe (fuzzy sets).
Source: Cebotari, V. and Vink, M.P. (2013) 'A configurational analysis of ethnic protest in Europe', International Journal of Comparative Sociology 54(4): 298-324, doi:10.1177/0020715213508567.
Replication data: Cebotari, V. and Vink, M.P. (2015), Harvard Dataverse, V2, doi:10.7910/DVN/PT2IB9.
{R_EXPORT_ONE} Sheet 'cases' = CVF (calibrated memberships, as published); sheet 'raw' = CVR (raw scores).
Calibration anchors of the published memberships (exclusion, crossover, inclusion; R QCA man/CV.Rd): DEMOC 2, 7, 9.5; ETHFRACT 0, 0.495, 0.8; GEOCON 0, 1.25, 3; POLDIS 0, 0.75, 3; NATPRIDE 0.5, 1.5, 2.5; PROTEST 0.5, 1.5, 3. Recalibrating CVR with these anchors differs from CVF by up to 0.01 (rounding in the published file), so the analysis uses CVF as published.
Published findings (article abstract): territorial concentration (GEOCON) is necessary for strong protest, national pride (NATPRIDE) for weak protest; democracy, ethnic fractionalization and political discrimination are neither necessary nor individually sufficient.
Analysis sheet: outcome PROTEST, incl_cut 0.8, as in R QCA's documented re-analysis (man/minimize.Rd, 'Cebotari & Vink (2013, 2015)'). R QCA records the parsimonious solution as four models, ~NATPRIDE + DEMOC*GEOCON*POLDIS plus two of four further terms (tests/testthat/_snaps/minimize.md); with row dominance one model: ~NATPRIDE + DEMOC*ETHFRACT*GEOCON + DEMOC*GEOCON*POLDIS + ETHFRACT*GEOCON*POLDIS.
Not verified here: the sufficiency formula printed in the article itself.
Built by scripts/build_classic_workbooks.py (build_cebotari_vink); do not edit by hand."""

RAGIN_STRAND_README = f"""\
Recognition of graduate student unions at 17 US universities (crisp sets, temporal).
Source: Caren, N. and Panofsky, A. (2005) 'TQCA: A technique for adding temporality to qualitative comparative analysis', Sociological Methods & Research 34(2): 147-172, doi:10.1177/0049124105277197; reanalysed by Ragin, C.C. and Strand, S.I. (2008) 'Using qualitative comparative analysis to study causal order: comment on Caren and Panofsky (2005)', Sociological Methods & Research 36(4): 431-441, doi:10.1177/0049124107313903.
{R_EXPORT_ONE} The data have no case names; cases are numbered 1-17 in file order, as R prints them.
Conditions: P public university, E support of elite allies, A national union affiliation, S strike or strike threat; EBA (E happened before A) records causal order: 1, 0, or '-' (don't care) where E or A is absent.
Analysis sheet: outcome REC, conditions P, E, A, EBA, S, incl_cut 1 (crisp), the analysis of Ragin & Strand (2008) as R QCA documents it (man/minimize.Rd, 'temporal QCA (Ragin & Strand 2008)'). R QCA 3.25.1 records the conservative solution P*E*S + P*E*A*EBA + E*A*~EBA*S (tests/testthat/_snaps/minimize.md).
Not verified here: the page of the article that prints this formula.
Built by scripts/build_classic_workbooks.py (build_ragin_strand); do not edit by hand."""

NIEUWBEERTA_README = f"""\
Weak class voting in 12 post-war democracies (fuzzy sets on a six-value scale).
Source: Nieuwbeerta, P. (1995) The Democratic Class Struggle in Twenty Countries 1945-1990. Amsterdam: Thesis Publishers; fuzzy-set adaptation by Ragin, C.C. (2005) 'From fuzzy sets to crisp truth tables', COMPASSS Working Paper WP 2004-28, and Ragin, C.C. (2008) Redesigning Social Inquiry: Fuzzy Sets and Beyond. Chicago: University of Chicago Press (R QCA man/NF.Rd).
{R_EXPORT_ONE}
Sets: A affluent, I substantial income inequality, M high share of workers in manufacturing, U strong unions; outcome W weak class voting.
Analysis sheet: outcome W, conditions A, I, M, U, incl_cut 0.8.
Not verified here: the solution printed by Ragin (2005, 2008); this workbook ships the published data and settings, not a checked published formula.
Built by scripts/build_classic_workbooks.py (build_nieuwbeerta); do not edit by hand."""


def _numbered_cases(name: str) -> pd.DataFrame:
    """A CSV without case names, cases numbered 1..n as text; numeric cells as numbers."""
    frame = pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)
    frame = frame.apply(lambda column: column.map(lambda v: int(v) if v.isdigit() else v))
    frame.index = pd.Index([str(i) for i in range(1, len(frame) + 1)], name="case")
    return frame


def build_cebotari_vink(path: Path = CASES / "cebotari_vink.xlsx") -> Path:
    """Write ``cases/cebotari_vink.xlsx``: CVF in ``cases``, CVR in ``raw``.

    Examples
    --------
    >>> import tempfile, qca
    >>> book = qca.read_workbook(build_cebotari_vink(Path(tempfile.mkdtemp()) / "cv.xlsx"))
    >>> book.analysis["outcome"], book.cases.shape
    ('PROTEST', (29, 6))
    """
    labels = {
        "DEMOC": "level of democracy",
        "ETHFRACT": "degree of ethnic fractionalization",
        "GEOCON": "territorial concentration of the minority",
        "POLDIS": "political discrimination",
        "NATPRIDE": "national pride",
        "PROTEST": "ethnopolitical protest (outcome)",
    }
    analysis = {
        "outcome": "PROTEST",
        "conditions": ["DEMOC", "ETHFRACT", "GEOCON", "POLDIS", "NATPRIDE"],
        "incl_cut": 0.8,
    }
    return write_workbook(
        path,
        read_cases(DATA / "CVF.csv"),
        analysis=analysis,
        readme=CEBOTARI_VINK_README,
        labels=labels,
        sheets={"raw": read_cases(DATA / "CVR.csv")},
    )


def build_ragin_strand(path: Path = CASES / "ragin_strand.xlsx") -> Path:
    """Write ``cases/ragin_strand.xlsx``: crisp data with the don't-care ``-`` in EBA.

    Examples
    --------
    >>> import tempfile, qca
    >>> book = qca.read_workbook(build_ragin_strand(Path(tempfile.mkdtemp()) / "rs.xlsx"))
    >>> book.analysis["conditions"], sorted(set(book.cases["EBA"].astype(str)))
    (['P', 'E', 'A', 'EBA', 'S'], ['-', '0', '1'])
    """
    labels = {
        "P": "public university",
        "E": "support of elite allies",
        "A": "national union affiliation",
        "EBA": "E happened before A (temporal order; '-' don't care)",
        "S": "strike or strike threat",
        "REC": "union recognition (outcome)",
    }
    analysis = {"outcome": "REC", "conditions": ["P", "E", "A", "EBA", "S"], "incl_cut": 1.0}
    return write_workbook(
        path, _numbered_cases("RS"), analysis=analysis, readme=RAGIN_STRAND_README, labels=labels
    )


def build_nieuwbeerta(path: Path = CASES / "nieuwbeerta.xlsx") -> Path:
    """Write ``cases/nieuwbeerta.xlsx``: weak class voting, six-value fuzzy sets.

    Examples
    --------
    >>> import tempfile, qca
    >>> book = qca.read_workbook(build_nieuwbeerta(Path(tempfile.mkdtemp()) / "nf.xlsx"))
    >>> book.analysis["outcome"], list(book.cases.index[:3])
    ('W', ['AU', 'BE', 'DK'])
    """
    labels = {
        "A": "affluent countries",
        "I": "substantial income inequality",
        "M": "high percentage of workers in manufacturing",
        "U": "strong unions",
        "W": "weak class voting (outcome)",
    }
    analysis = {"outcome": "W", "conditions": ["A", "I", "M", "U"], "incl_cut": 0.8}
    return write_workbook(
        path,
        read_cases(DATA / "NF.csv"),
        analysis=analysis,
        readme=NIEUWBEERTA_README,
        labels=labels,
    )


def main() -> None:
    """Rebuild every classic workbook."""
    for build in (build_lipset, build_cebotari_vink, build_ragin_strand, build_nieuwbeerta):
        written = build()
        print(f"wrote {written.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
