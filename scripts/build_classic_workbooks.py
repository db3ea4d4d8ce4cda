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

from qca.io import read_cases
from qca.workbook import write_workbook

__all__ = ["ROOT", "DATA", "CASES", "build_lipset", "main"]

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
analysis: outcome SURV, conditions DEV, URB, LIT, IND, STB, inclusion cut-off 0.8.
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
    }
    others = {name: read_cases(DATA / f"{name}.csv") for name in ("LF", "LC", "LM")}
    return write_workbook(
        path, raw, calibration=calibration, analysis=analysis, readme=LIPSET_README, sheets=others
    )


def main() -> None:
    """Rebuild every classic workbook."""
    for build in (build_lipset,):
        written = build()
        print(f"wrote {written.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
