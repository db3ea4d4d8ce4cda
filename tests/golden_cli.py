"""Golden outputs of the command line: every command on every bundled workbook.

Each case runs ``qca <command> ...`` with Click's ``CliRunner`` from the project root and
records what a user sees: the exit code, stdout, stderr, and every file written (.xlsx
as cell values per sheet, .json/.md/.csv as text, a Markdown report's plot folder as its
file names). Only truly volatile values are normalised: the time, the qca and Python
versions in provenance rows, and the temporary output folder. ``scripts/pin_golden.py``
writes ``tests/golden/<case>.json``; ``tests/test_golden.py`` replays and compares.

>>> sorted({c.name.split("__")[0] for c in CASES})[:3]
['calibrate', 'calibrate_json', 'calibrate_xlsx']
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
BOOKS = ("lipset", "cebotari_vink", "digital_government", "nieuwbeerta", "ragin_strand")
#: Books whose reports are pinned with their plots (rendering is slow; two are enough).
PLOTTED = ("lipset", "digital_government")
#: An expression to test with ``qca fit`` per book (terms from its conditions).
FIT_EXPR = {
    "lipset": "DEV*~IND + URB*STB",
    "cebotari_vink": "DEMOC*~ETHFRACT + GEOCON",
    "digital_government": "PM*CA + ~TI",
    "nieuwbeerta": "A*~I + U",
    "ragin_strand": "P*E + ~A*S",
}
TMP = "<tmp>"


@dataclass(frozen=True)
class Case:
    """One command line: ``args`` (``{out}`` stands for the output folder), ``files``
    the output names it writes there."""

    name: str
    args: tuple[str, ...]
    files: tuple[str, ...] = ()


def _cases() -> list[Case]:
    out: list[Case] = []
    for stem in BOOKS:
        book = f"cases/{stem}.xlsx"
        plots = () if stem in PLOTTED else ("--no-plots",)
        out += [
            Case(f"run__{stem}", ("run", book)),
            Case(f"run_json__{stem}", ("run", book, "--json")),
            Case(
                f"run_xlsx__{stem}", ("run", book, "-o", "{out}/r.xlsx", "-q", *plots), ("r.xlsx",)
            ),
            Case(f"run_md__{stem}", ("run", book, "-o", "{out}/r.md", "-q", *plots), ("r.md",)),
            Case(f"run_csv__{stem}", ("run", book, "-o", "{out}/r.csv", "-q"), ("r.csv",)),
            Case(f"calibrate__{stem}", ("calibrate", book)),
            Case(f"calibrate_json__{stem}", ("calibrate", book, "--json")),
            Case(f"calibrate_xlsx__{stem}", ("calibrate", book, "-o", "{out}/c.xlsx"), ("c.xlsx",)),
            Case(f"necessity__{stem}", ("necessity", book)),
            Case(
                f"necessity_json__{stem}",
                ("necessity", book, "--json", "--outcome", _negated(stem)),
            ),
            Case(f"necessity_xlsx__{stem}", ("necessity", book, "-o", "{out}/n.xlsx"), ("n.xlsx",)),
            Case(f"truth_table__{stem}", ("truth-table", book)),
            Case(
                f"truth_table_json__{stem}",
                ("truth-table", book, "--json", "--complete", "--sort-by", "incl,n"),
            ),
            Case(
                f"truth_table_xlsx__{stem}",
                ("truth-table", book, "-o", "{out}/t.xlsx"),
                ("t.xlsx",),
            ),
            Case(f"minimize__{stem}", ("minimize", book)),
            Case(f"minimize_pars_json__{stem}", ("minimize", book, "--include", "?", "--json")),
            Case(
                f"minimize_xlsx__{stem}",
                ("minimize", book, "--include", "?", "-o", "{out}/m.xlsx"),
                ("m.xlsx",),
            ),
            Case(f"fit__{stem}", ("fit", book, FIT_EXPR[stem])),
            Case(f"fit_json__{stem}", ("fit", book, FIT_EXPR[stem], "--necessity", "--json")),
            Case(
                f"fit_xlsx__{stem}",
                ("fit", book, FIT_EXPR[stem], "-o", "{out}/f.xlsx"),
                ("f.xlsx",),
            ),
            Case(
                f"robustness__{stem}",
                ("robustness", book, "--include", "?", "--incl-cuts", "0.75,0.85", "--n-cuts", "2"),
            ),
            Case(
                f"robustness_json__{stem}",
                ("robustness", book, "--incl-cuts", "0.75,0.9", "--json"),
            ),
            Case(
                f"robustness_xlsx__{stem}",
                ("robustness", book, "--include", "?", "--n-cuts", "2", "-o", "{out}/rb.xlsx"),
                ("rb.xlsx",),
            ),
        ]
    out += [
        # the two cases of issue 12, pinned before the fix
        Case(
            "robustness_dir_exp_empty__lipset",
            ("robustness", "cases/lipset.xlsx", "--include", "?", "--dir-exp", "", "--json"),
        ),
        Case("run_negated__lipset", ("run", "cases/lipset.xlsx", "--outcome", "~SURV")),
        Case(
            "minimize_negated__lipset",
            ("minimize", "cases/lipset.xlsx", "--outcome", "~SURV", "--include", "?"),
        ),
        Case("run_esa__lipset", ("run", "cases/lipset.xlsx", "--esa", "--json")),
        Case(
            "minimize_int__lipset",
            (
                "minimize",
                "cases/lipset.xlsx",
                "--include",
                "?",
                "--dir-exp",
                "DEV, URB, LIT, IND, STB",
            ),
        ),
        Case(
            "run_options__lipset",
            (
                "run",
                "cases/lipset.xlsx",
                "--incl-cut",
                "0.9,0.6",
                "--n-cut",
                "2",
                "--exclude",
                "3,7",
                "--row-dom",
                "--all-sol",
            ),
        ),
        Case("run_csv_data__lipset", ("run", "cases/data/LF.csv", "--outcome", "SURV")),
        Case(
            "plot_json__lipset",
            ("plot", "cases/lipset.xlsx", "--x", "DEV*~IND", "-o", "{out}/p.png", "--json"),
        ),
        Case(
            "plot_tt__lipset",
            ("plot", "cases/lipset.xlsx", "--kind", "truth-table", "-o", "{out}/t.svg"),
        ),
        Case("template", ("template", "{out}/tpl.xlsx"), ("tpl.xlsx",)),
        # user mistakes: one message, exit code 1 or 2
        Case("error_outcome__lipset", ("run", "cases/lipset.xlsx", "--outcome", "NOPE")),
        Case("error_incl_cut__lipset", ("truth-table", "cases/lipset.xlsx", "--incl-cut", "abc")),
        Case("error_exclude__lipset", ("minimize", "cases/lipset.xlsx", "--exclude", "x")),
        Case("error_missing_file", ("run", "cases/none.xlsx")),
        Case("error_dir_exp__lipset", ("minimize", "cases/lipset.xlsx", "--dir-exp", "NOPE")),
    ]
    return out


def _negated(stem: str) -> str:
    return {
        "lipset": "~SURV",
        "cebotari_vink": "~PROTEST",
        "digital_government": "~OC",
        "nieuwbeerta": "~W",
        "ragin_strand": "~REC",
    }[stem]


CASES = _cases()

# ----------------------------------------------------------------------------- running

_VOLATILE = ("time (UTC)", "qca version", "python version")


def _normalise_text(text: str, folder: str) -> str:
    text = text.replace(folder, TMP)
    # provenance rows in Markdown: | time (UTC) | 2026-... |
    for key in _VOLATILE:
        text = re.sub(rf"(\| {re.escape(key)} \| )[^|]*(\|)", rf"\1<{key}> \2", text)
    return text


def _cell(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _xlsx(path: Path, folder: str) -> dict[str, list[list[Any]]]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheets: dict[str, list[list[Any]]] = {}
    for ws in book.worksheets:
        rows = []
        for row in ws.iter_rows(values_only=True):
            cells = [_cell(v) for v in row]
            while cells and cells[-1] is None:
                cells.pop()
            cells = [_normalise_text(c, folder) if isinstance(c, str) else c for c in cells]
            rows.append(cells)
        while rows and not rows[-1]:
            rows.pop()
        if ws.title == "provenance":
            rows = [[r[0], f"<{r[0]}>"] if r and r[0] in _VOLATILE else r for r in rows]
        sheets[ws.title] = rows
    return sheets


def _file(path: Path, folder: str) -> Any:
    if path.suffix == ".xlsx":
        return _xlsx(path, folder)
    if path.suffix in (".json", ".md", ".csv"):
        return _normalise_text(path.read_text(encoding="utf-8"), folder).splitlines()
    return {"bytes > 0": path.stat().st_size > 0}


def run_case(case: Case) -> dict[str, Any]:
    """Run one case and return what is pinned (JSON-ready)."""
    from click.testing import CliRunner

    from qca.cli import cli

    here, argv = os.getcwd(), sys.argv
    with tempfile.TemporaryDirectory() as folder:
        args = [a.replace("{out}", folder) for a in case.args]
        os.chdir(ROOT)
        sys.argv = ["qca", *args]  # the command line a report's provenance records
        try:
            result = CliRunner().invoke(cli, args, catch_exceptions=True)
        finally:
            os.chdir(here)
            sys.argv = argv
        record: dict[str, Any] = {
            "args": list(case.args),
            "exit_code": result.exit_code,
            "stdout": _normalise_text(result.stdout, folder).splitlines(),
            "stderr": _normalise_text(result.stderr, folder).splitlines(),
        }
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            record["exception"] = type(result.exception).__name__
        files: dict[str, Any] = {}
        for name in case.files:
            path = Path(folder) / name
            files[name] = _file(path, folder) if path.exists() else None
            plots = Path(folder) / f"{Path(name).stem}_plots"
            if name.endswith(".md") and plots.is_dir():
                files[f"{plots.name}/"] = sorted(p.name for p in plots.iterdir())
        record["files"] = files
    return record


def dump(record: dict[str, Any]) -> str:
    return json.dumps(record, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def golden_path(case: Case) -> Path:
    return GOLDEN / f"{case.name}.json"
