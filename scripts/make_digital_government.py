"""Build the ILLUSTRATIVE digital-government workbook ``cases/digital_government.xlsx``.

The data are **constructed for demonstration, not empirical**. They let a reader try a
whole fuzzy-set QCA on the argument of a study of local digital-government reform in China:
going from *introducing digital technology* to *organisational change* is no automatic
slide; reform deepens where three mechanisms act together -- political momentum reinforced
in time (政治势能适时强化, PM), active middle-rank cadres (中坚干部积极活动, CA) and an
institutionalised fit of power (制度化的权力适配, PF) -- while technology introduction
(TI) alone leaves organisation (OC) unchanged. No district named here exists; any
resemblance to a real place is accidental.

How the data are made (deterministic: same script, same values in the same order)
-------------------------------------------------------------------------------
1. ``PROFILES`` lists 23 case-periods (a district in one period, e.g. ``A区-2019`` and
   ``A区-2021`` are the same district before and after reform deepened). Each is given a
   designed profile: high or low on each of PM, CA, PF, TI, and a band for the outcome.
   The profiles are chosen so the analysis is instructive rather than trivial:
   - technology without change: ten case-periods launch many platforms but show little
     organisational change (rows ~PM*~CA*~PF*TI, PM*~CA*~PF*TI and ~PM*~CA*PF*TI);
   - imperfect consistency / a contradiction in kind: three case-periods with momentum,
     active cadres and technology but no power fit, one of which changed (``B区-2019``)
     while two did not;
   - one positive case (``C区-2022``) whose change is only moderate, so the main row is
     consistent but not perfectly so;
   - remainders: no case combines power fit with only one of PM and CA (rows
     PM*~CA*PF and ~PM*CA*PF are empty), which makes the parsimonious solution ambiguous
     (M1 ``PM*PF``, M2 ``CA*PF``) and shows why simplifying assumptions matter.
2. Raw indicators are drawn with ``random.Random(SEED)`` (``SEED = 20240607``), in the
   order of ``PROFILES`` and, within a case, in the order PM, CA, PF, TI, OC, from the
   ranges in ``HIGH`` / ``LOW`` (inclusive integer ranges) and ``OC_BANDS`` (expert score,
   one decimal):
   - ``leader_visits``: visits and written instructions on the reform by higher-level
     (municipal/provincial) leaders in the period; high 3-6, low 0-2;
   - ``pilot_level``: 0 none, 1 provincial pilot, 2 national demonstration zone;
     high 1-2, low 0;
   - ``pm_score`` = ``leader_visits + 2 * pilot_level`` (the raw score PM is calibrated from);
   - ``cadre_initiatives``: reform initiatives led by mid-level bureau or division heads;
     high 4-8, low 0-2;
   - ``authority_changes``: institutional changes that give the lead agency authority
     matching its task (approval or coordination power transferred, functions merged,
     a say in departmental assessment); high 2-4, low 0-1;
   - five 0/1 platform columns (``mini_program`` service mini-program, ``case_platform``
     case-handling platform, ``data_centre``, ``enterprise_portal``, ``big_screen``
     command-centre screen) and ``platforms``, their sum: for a high TI profile 3-5
     platforms, for a low one 0-1, the platforms picked with ``Random.sample``;
   - ``oc_score``: depth of organisational change, a 0-10 expert score; bands
     high 7.0-9.0, moderate 5.5-6.5, low 1.0-3.5.
3. The ``calibration`` sheet calibrates every set with the direct (logistic) method; the
   anchors are in its ``thresholds`` column and justified in ``note``. Crossovers sit
   between integer values, so no case has a membership of exactly 0.5.
4. The ``analysis`` sheet: outcome OC, conditions PM, CA, PF, TI, ``incl_cut`` 0.8,
   directional expectations ``PM, CA, PF`` (TI: no expectation).

Run ``python scripts/make_digital_government.py`` from the project root; it writes
``cases/data/digital_government.csv`` (the raw case sheet) and
``cases/digital_government.xlsx``.

The panel version (``cases/digital_government_panel.xlsx``)
---------------------------------------------------------
The 23 case-periods above are not a panel: most districts appear once. For the panel
reading (pooled versus between-year and within-district consistency, ``qca.cluster``)
the script also builds a separate, equally ILLUSTRATIVE workbook: ten districts (甲区 ...
癸区, no relation to the districts above) each observed in 2019, 2021 and 2023, case ids
``<district>-<year>`` (``甲区-2019``; the case sheet holds numbers only, so the district
is read from the id) and the same raw indicators, drawn in the same way
from ``PANEL_PROFILES`` with ``random.Random(PANEL_SEED)``. Its profiles are designed so
that the pooled consistency of PM*CA*PF for OC looks good while the panel tells more:
in 2019 reforms with all three mechanisms had not yet changed organisation (a weak
between-year consistency for 2019), and one district (辛区) has all three mechanisms in
every period but never changes (a weak within-district consistency). It writes
``cases/data/digital_government_panel.csv`` and the workbook.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pandas as pd

from qca.workbook import write_workbook

__all__ = [
    "SEED",
    "PROFILES",
    "PANEL_SEED",
    "PANEL_PROFILES",
    "build_cases",
    "build_panel",
    "write_csv",
    "write_workbook_file",
    "write_panel_files",
    "main",
]

SEED = 20240607

ROOT = Path(__file__).resolve().parent.parent
CSV_PATH = ROOT / "cases" / "data" / "digital_government.csv"
XLSX_PATH = ROOT / "cases" / "digital_government.xlsx"

# case id, then designed profile: PM, CA, PF, TI (1 high, 0 low) and the outcome band.
PROFILES: list[tuple[str, int, int, int, int, str]] = [
    # all three mechanisms and technology: deep change (A-D: the later period)
    ("A区-2021", 1, 1, 1, 1, "high"),
    ("B区-2021", 1, 1, 1, 1, "high"),
    ("C区-2022", 1, 1, 1, 1, "moderate"),
    ("D区-2021", 1, 1, 1, 1, "high"),
    # the three mechanisms with few new platforms: change all the same
    ("E区-2020", 1, 1, 1, 0, "high"),
    ("F区-2021", 1, 1, 1, 0, "high"),
    # momentum, cadres and technology, but no power fit: a contradiction in kind
    ("B区-2019", 1, 1, 0, 1, "moderate"),
    ("G区-2020", 1, 1, 0, 1, "low"),
    ("H区-2021", 1, 1, 0, 1, "low"),
    # momentum and technology only
    ("A区-2019", 1, 0, 0, 1, "low"),
    ("I区-2020", 1, 0, 0, 1, "low"),
    ("J区-2019", 1, 0, 0, 1, "low"),
    # technology without change
    ("C区-2019", 0, 0, 0, 1, "low"),
    ("K区-2019", 0, 0, 0, 1, "low"),
    ("L区-2020", 0, 0, 0, 1, "low"),
    ("M区-2021", 0, 0, 0, 1, "low"),
    ("N区-2020", 0, 0, 0, 1, "low"),
    # power fit and technology without momentum or cadres
    ("D区-2019", 0, 0, 1, 1, "low"),
    ("O区-2021", 0, 0, 1, 1, "low"),
    # an authority reshuffle alone
    ("P区-2020", 0, 0, 1, 0, "low"),
    # active cadres alone
    ("S区-2021", 0, 1, 0, 0, "low"),
    # nothing much happened
    ("Q区-2019", 0, 0, 0, 0, "low"),
    ("R区-2020", 0, 0, 0, 0, "low"),
]

PANEL_SEED = 20240608
PANEL_YEARS = (2019, 2021, 2023)
PANEL_CSV_PATH = ROOT / "cases" / "data" / "digital_government_panel.csv"
PANEL_XLSX_PATH = ROOT / "cases" / "digital_government_panel.xlsx"

# district, then one profile per year of PANEL_YEARS: (PM, CA, PF, TI, outcome band).
PANEL_PROFILES: list[tuple[str, list[tuple[int, int, int, int, str]]]] = [
    # reform deepens once power fits the task
    ("甲区", [(1, 1, 0, 1, "low"), (1, 1, 1, 1, "high"), (1, 1, 1, 1, "high")]),
    # all three mechanisms early, change lags in 2019
    ("乙区", [(1, 1, 1, 1, "low"), (1, 1, 1, 1, "high"), (1, 1, 1, 0, "high")]),
    # late starter
    ("丙区", [(0, 0, 0, 1, "low"), (1, 0, 0, 1, "low"), (1, 1, 1, 1, "high")]),
    # power fit without momentum or cadres: no change
    ("丁区", [(0, 0, 1, 1, "low"), (0, 0, 1, 1, "low"), (0, 0, 1, 1, "low")]),
    # early and steady reformer
    ("戊区", [(1, 1, 1, 0, "high"), (1, 1, 1, 0, "high"), (1, 1, 1, 1, "high")]),
    # technology without change throughout
    ("己区", [(0, 0, 0, 1, "low"), (0, 0, 0, 1, "low"), (0, 1, 0, 1, "low")]),
    # builds up the mechanisms one by one
    ("庚区", [(1, 0, 0, 1, "low"), (1, 1, 0, 1, "moderate"), (1, 1, 1, 1, "high")]),
    # the within-district puzzle: all three mechanisms, change never comes
    ("辛区", [(1, 1, 1, 1, "low"), (1, 1, 1, 1, "low"), (1, 1, 1, 1, "moderate")]),
    # nothing much happens
    ("壬区", [(0, 0, 0, 0, "low"), (0, 1, 0, 0, "low"), (0, 0, 0, 0, "low")]),
    # all three mechanisms in 2019, change lags, then follows
    ("癸区", [(1, 1, 1, 1, "low"), (1, 1, 1, 1, "high"), (1, 1, 1, 1, "high")]),
]

HIGH = {"leader_visits": (3, 6), "pilot_level": (1, 2), "cadre_initiatives": (4, 8),
        "authority_changes": (2, 4), "platforms": (3, 5)}
LOW = {"leader_visits": (0, 2), "pilot_level": (0, 0), "cadre_initiatives": (0, 2),
       "authority_changes": (0, 1), "platforms": (0, 1)}
OC_BANDS = {"high": (7.0, 9.0), "moderate": (5.5, 6.5), "low": (1.0, 3.5)}
PLATFORMS = ["mini_program", "case_platform", "data_centre", "enterprise_portal", "big_screen"]

COLUMNS = ["case", "year", "leader_visits", "pilot_level", "pm_score", "cadre_initiatives",
           "authority_changes", *PLATFORMS, "platforms", "oc_score"]

CALIBRATION = [
    # set, source, thresholds, label, note
    ("PM", "pm_score", "e=1, c=4.5, i=8",
     "政治势能适时强化 political momentum reinforced in time",
     "pm_score = leader visits/instructions + 2 x pilot level (national demonstration zone 2, "
     "provincial pilot 1). 8 = e.g. a national demonstration zone plus four leader visits: "
     "clearly in; 1 = a single visit and no pilot: clearly out; 4.5 separates districts with "
     "sustained attention (a pilot plus repeated visits) from occasional notice."),
    ("CA", "cadre_initiatives", "e=1, c=3.5, i=6",
     "中坚干部积极活动 active middle-rank cadres",
     "Reform initiatives led by mid-level bureau/division heads in the period. Six or more "
     "means cadres drive the reform across several bureaus; one or none means they only "
     "execute orders; the crossover 3.5 lies in the gap between the two groups coded."),
    ("PF", "authority_changes", "e=0, c=1.5, i=3",
     "制度化的权力适配 institutionalised fit of power",
     "Institutional changes giving the lead agency authority matching its task (approval or "
     "coordination power, merged functions, a say in assessment). Three changes make the fit "
     "institutional; none means the agency coordinates by goodwill only; one change is a "
     "start but more out than in (crossover 1.5)."),
    ("TI", "platforms", "e=1, c=2.5, i=4",
     "数字技术引入 technology introduction",
     "Platforms and apps launched (service mini-program, case-handling platform, data centre, "
     "enterprise portal, command big screen). Four or more is a full digital-government "
     "stack; one platform is what almost every district has; 2.5 splits 'a few' from 'many'."),
    ("OC", "oc_score", "e=2, c=5, i=8",
     "组织变革 organisational change",
     "Expert score 0-10 of the depth of organisational change (processes re-engineered, "
     "units merged, responsibilities redrawn). 8 = change that reorganised how bureaus work "
     "together; 2 = a new front end on unchanged procedures; 5 = the scale midpoint."),
]

ANALYSIS = [
    ("outcome", "OC"),
    ("conditions", "PM, CA, PF, TI"),
    ("incl_cut", 0.8),
    ("n_cut", 1),
    ("pri_cut", 0),
    ("dir_exp", "PM, CA, PF"),
]

README_LINES = [
    "ILLUSTRATIVE DATA, CONSTRUCTED FOR DEMONSTRATION. NOT EMPIRICAL DATA.",
    "说明：本工作簿的数据为演示而构造，并非实证数据。",
    "",
    "Digital-government reform in 23 local case-periods (invented districts A区 ... S区;",
    "A区-2019 and A区-2021 are the same district in two stages).",
    "Question: when does introducing digital technology (TI) lead to organisational change (OC)?",
    "Argument illustrated: change deepens where political momentum (PM), active middle-rank",
    "cadres (CA) and an institutionalised fit of power (PF) act together; technology alone",
    "leaves organisation unchanged.",
    "",
    "How the data were made: scripts/make_digital_government.py (random.Random seed 20240607).",
    "Each case-period has a designed profile (high/low on PM, CA, PF, TI and an outcome band);",
    "raw indicators are drawn from fixed ranges for high and low profiles (see the script's",
    "docstring). The profiles include technology without change (C区-2019, K区-2019 ...),",
    "a contradiction in kind (B区-2019 changed, G区-2020 and H区-2021 did not, same profile),",
    "an imperfectly consistent positive row (C区-2022), and remainders (PM*~CA*PF, ~PM*CA*PF).",
    "",
    "Sheets: cases (raw indicators), calibration (anchors and why), analysis (settings for",
    "`qca run`), README (this text).",
    "Raw indicators: leader_visits, pilot_level (0 none, 1 provincial pilot, 2 national",
    "demonstration zone), pm_score = leader_visits + 2*pilot_level, cadre_initiatives,",
    "authority_changes, platform dummies (mini_program, case_platform, data_centre,",
    "enterprise_portal, big_screen), platforms (their sum), oc_score (0-10 expert score).",
    "",
    "Try: qca run cases/digital_government.xlsx",
]


def _draw(rng: random.Random, name: str, high: int) -> int:
    low_bound, high_bound = (HIGH if high else LOW)[name]
    return rng.randint(low_bound, high_bound)


def build_cases(seed: int = SEED) -> list[dict[str, object]]:
    """Draw the raw indicators of every case-period, deterministically.

    Parameters
    ----------
    seed : int, default=SEED
        Seed of ``random.Random``.

    Returns
    -------
    list of dict
        One dict per case-period, keys ``COLUMNS``.

    Examples
    --------
    >>> rows = build_cases()
    >>> len(rows), rows[0]["case"]
    (23, 'A区-2021')
    >>> build_cases() == rows
    True
    """
    rng = random.Random(seed)
    return [_draw_row(rng, case, pm, ca, pf, ti, band) for case, pm, ca, pf, ti, band in PROFILES]


def _draw_row(
    rng: random.Random, case: str, pm: int, ca: int, pf: int, ti: int, band: str
) -> dict[str, object]:
    """Raw indicators of one case-period with the given designed profile."""
    visits = _draw(rng, "leader_visits", pm)
    pilot = _draw(rng, "pilot_level", pm)
    cadres = _draw(rng, "cadre_initiatives", ca)
    authority = _draw(rng, "authority_changes", pf)
    n_platforms = _draw(rng, "platforms", ti)
    chosen = set(rng.sample(PLATFORMS, n_platforms))
    low_oc, high_oc = OC_BANDS[band]
    oc = rng.randint(int(low_oc * 10), int(high_oc * 10)) / 10
    row: dict[str, object] = {
        "case": case,
        "year": int(case.split("-")[1]),
        "leader_visits": visits,
        "pilot_level": pilot,
        "pm_score": visits + 2 * pilot,
        "cadre_initiatives": cadres,
        "authority_changes": authority,
    }
    row.update({name: int(name in chosen) for name in PLATFORMS})
    row["platforms"] = n_platforms
    row["oc_score"] = oc
    return row


def build_panel(seed: int = PANEL_SEED) -> list[dict[str, object]]:
    """Draw the raw indicators of the panel (district x year), deterministically.

    Returns
    -------
    list of dict
        One dict per district-year, keys ``COLUMNS``; the case id is
        ``<district>-<year>``.

    Examples
    --------
    >>> rows = build_panel()
    >>> len(rows), rows[0]["case"], rows[0]["year"]
    (30, '甲区-2019', 2019)
    """
    rng = random.Random(seed)
    rows = []
    for district, periods in PANEL_PROFILES:
        for year, (pm, ca, pf, ti, band) in zip(PANEL_YEARS, periods, strict=True):
            rows.append(_draw_row(rng, f"{district}-{year}", pm, ca, pf, ti, band))
    return rows


def write_panel_files(
    rows: list[dict[str, object]],
    csv_path: Path = PANEL_CSV_PATH,
    xlsx_path: Path = PANEL_XLSX_PATH,
) -> Path:
    """Write the panel's raw CSV and its workbook (same calibration and analysis)."""
    write_csv(rows, csv_path)
    cases = pd.DataFrame(rows, columns=COLUMNS).set_index("case")
    xlsx_path.parent.mkdir(parents=True, exist_ok=True)
    return write_workbook(xlsx_path, cases, calibration=_calibration_rows(),
                          analysis=dict(ANALYSIS), readme="\n".join(PANEL_README_LINES))


PANEL_README_LINES = [
    "ILLUSTRATIVE DATA, CONSTRUCTED FOR DEMONSTRATION. NOT EMPIRICAL DATA.",
    "说明：本工作簿的数据为演示而构造，并非实证数据。",
    "",
    "Panel version of the digital-government example: ten invented districts (甲区 ... 癸区)",
    "each observed in 2019, 2021 and 2023 (case ids district-year, column year). Same indicators,",
    "calibration and analysis as digital_government.xlsx; made by",
    "scripts/make_digital_government.py (random.Random seed 20240608).",
    "Designed for the panel reading with qca.cluster: in 2019 reforms with all three",
    "mechanisms had not yet changed organisation, and 辛区 has them in every period but",
    "never changes.",
    "",
    "Try: qca.cluster(data, 'PM*CA*PF', 'OC', units=data.index.str.split('-').str[0],",
    "                 clusters='year')",
]


def write_csv(rows: list[dict[str, object]], path: Path = CSV_PATH) -> None:
    """Write the raw case sheet as UTF-8 CSV (first column the case id)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_workbook_file(rows: list[dict[str, object]], path: Path = XLSX_PATH) -> Path:
    """Write the workbook (sheets ``cases``, ``calibration``, ``analysis``, ``README``)."""
    cases = pd.DataFrame(rows, columns=COLUMNS).set_index("case")
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_workbook(path, cases, calibration=_calibration_rows(), analysis=dict(ANALYSIS),
                          readme="\n".join(README_LINES))


def _calibration_rows() -> list[dict[str, object]]:
    return [
        {"set": name, "source": source, "kind": "fuzzy", "method": "direct",
         "thresholds": thresholds, "logistic": True, "idm": 0.95, "below": 1, "above": 1,
         "ecdf": False, "label": label, "note": note}
        for name, source, thresholds, label, note in CALIBRATION
    ]


def main() -> None:
    """Rebuild the CSV and the workbook."""
    rows = build_cases()
    write_csv(rows)
    write_workbook_file(rows)
    print(f"wrote {CSV_PATH.relative_to(ROOT)} and {XLSX_PATH.relative_to(ROOT)}")
    write_panel_files(build_panel())
    print(f"wrote {PANEL_CSV_PATH.relative_to(ROOT)} and {PANEL_XLSX_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
