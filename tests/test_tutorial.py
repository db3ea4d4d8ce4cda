"""docs/tutorial.md cannot rot: every ```python block runs, in order, in one namespace, and
every ```console block's `$ qca ...` commands run through Click's CliRunner.

Both run in a temporary folder holding a copy of cases/, so files the tutorial writes
(e.g. a report workbook) never land in the repository. A block that needs a part of the
library that is not written yet is skipped with the reason (and so are the Python blocks
after it, which depend on its names).
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import qca
from qca.cli import cli

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "tutorial.md"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _blocks(language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(TUTORIAL.read_text(encoding="utf-8"))
            if lang == language]


PYTHON_BLOCKS = _blocks("python")


def _console_examples() -> list[tuple[str, list[str]]]:
    """(command, output lines shown under it) for every `$ ` line; `...` marks a cut."""
    examples: list[tuple[str, list[str]]] = []
    for body in _blocks("console"):
        for line in body.splitlines():
            if line.startswith("$ "):
                examples.append((line[2:], []))
            elif line.strip() not in ("", "...") and examples:
                examples[-1][1].append(line.strip())
    return examples


CONSOLE_EXAMPLES = _console_examples()
CONSOLE_COMMANDS = [command for command, _ in CONSOLE_EXAMPLES]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tutorial")
    shutil.copytree(ROOT / "cases", folder / "cases")
    return folder


_STATE: dict[str, Any] = {"namespace": {}, "stopped": None, "next": 0}


def _skip_without_bundled_books(code: str) -> None:
    for name in re.findall(r"cases/[\w.-]+\.xlsx", code):
        if not (ROOT / name).exists():
            pytest.skip(f"{name} is not in the repository yet")


def test_the_tutorial_has_code_to_run():
    assert len(PYTHON_BLOCKS) >= 10
    assert len(CONSOLE_COMMANDS) >= 5
    assert all(command.startswith("qca ") for command in CONSOLE_COMMANDS)


def _run_block(index: int) -> str:
    """Run one Python block in the shared namespace; return what it printed."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(PYTHON_BLOCKS[index], f"tutorial-python-{index + 1}", "exec"),
                 _STATE["namespace"])
    except NotImplementedError as exc:
        _STATE["stopped"] = f"block {index + 1}: library part not written yet: {exc}"
        pytest.skip(_STATE["stopped"])
    except BaseException:
        _STATE["stopped"] = f"block {index + 1} failed"
        raise
    finally:
        _STATE["next"] = index + 1
    return out.getvalue()


@pytest.mark.parametrize("index", range(len(PYTHON_BLOCKS)))
def test_python_block_runs(index: int, workdir: Path, monkeypatch: pytest.MonkeyPatch):
    if _STATE["stopped"] is not None:
        pytest.skip(f"an earlier block could not run: {_STATE['stopped']}")
    _skip_without_bundled_books(PYTHON_BLOCKS[index])
    monkeypatch.chdir(workdir)
    for earlier in range(_STATE["next"], index):  # when run alone (-k), run what it builds on
        _run_block(earlier)
    printed = _run_block(index)
    if "print(" in PYTHON_BLOCKS[index]:
        assert printed.strip(), f"block {index + 1} printed nothing"


@pytest.mark.parametrize(("command", "shown"), CONSOLE_EXAMPLES)
def test_console_command_runs(
    command: str, shown: list[str], workdir: Path, monkeypatch: pytest.MonkeyPatch
):
    _skip_without_bundled_books(command)
    monkeypatch.chdir(workdir)
    result = CliRunner().invoke(cli, shlex.split(command)[1:])
    if isinstance(result.exception, NotImplementedError) or "not available in this version" in (
        result.output
    ):
        pytest.skip(f"library part not written yet: {result.output.strip()[:200]}")
    assert result.exit_code == 0, result.output
    assert result.output.strip()
    printed = [line.strip() for line in result.output.splitlines()]
    positions = [printed.index(line) if line in printed else -1 for line in shown]
    assert -1 not in positions, [line for line in shown if line not in printed]
    assert positions == sorted(positions), "the tutorial shows the output in another order"


def _numbers() -> dict[str, Any]:
    """What the tutorial's prose quotes, recomputed from the workbook."""
    try:
        data = qca.read_workbook(ROOT / "cases" / "digital_government.xlsx").calibrated()
        sufficiency = qca.fit("PM*CA*PF + TI", "OC", data)
        necessity = qca.fit(data[["PM", "CA", "PF", "TI"]], "OC", data, relation="necessity")
    except NotImplementedError as exc:
        pytest.skip(f"library part not written yet: {exc}")
    return {"suf": sufficiency, "nec": necessity}


def test_numbers_quoted_in_the_prose():
    text = TUTORIAL.read_text(encoding="utf-8")
    numbers = _numbers()
    suf, nec = numbers["suf"], numbers["nec"]
    # "political momentum (PM, inclN about 0.93) and power fit (PF, about 0.91) pass 0.9"
    assert "inclN about 0.93" in text and round(nec.loc["PM", "inclN"], 2) == 0.93
    assert "about 0.91) pass" in text and round(nec.loc["PF", "inclN"], 2) == 0.91
    assert nec.loc["TI", "inclN"] < 0.9 and nec.loc["CA", "inclN"] < 0.9
    # "PM*CA*PF is about 0.91; TI alone about 0.34"; "covers about 0.70"
    assert round(suf.loc["PM*CA*PF", "inclS"], 2) == 0.91
    assert round(suf.loc["TI", "inclS"], 2) == 0.34
    assert round(suf.loc["PM*CA*PF", "covS"], 2) == 0.70


def test_case_claims_in_the_prose():
    # "PM*CA*~PF*TI is a contradiction in kind: B区-2019 changed, G区-2020 and H区-2021 did
    # not"; "~PM*~CA*~PF*TI holds five districts with many platforms and no change";
    # "B区-2019, high on change but low on the term, sits in the upper-left quadrant".
    try:
        data = qca.read_workbook(ROOT / "cases" / "digital_government.xlsx").calibrated()
        table = qca.truth_table(data, "OC", ["PM", "CA", "PF", "TI"], incl_cut=0.8).table
        term = qca.membership(data, "PM*CA*PF")
    except NotImplementedError as exc:
        pytest.skip(f"library part not written yet: {exc}")
    contradiction = table.loc[14]  # PM*CA*~PF*TI
    assert list(contradiction[["PM", "CA", "PF", "TI"]]) == [1, 1, 0, 1]
    assert list(contradiction["cases"]) == ["B区-2019", "G区-2020", "H区-2021"]
    assert contradiction["OUT"] == "0" and contradiction["incl"] < 0.8
    assert data.loc["B区-2019", "OC"] > 0.5
    assert data.loc[["G区-2020", "H区-2021"], "OC"].max() < 0.5
    no_change = table.loc[2]  # ~PM*~CA*~PF*TI
    assert no_change["n"] == 5 and (data.loc[list(no_change["cases"]), "OC"] < 0.5).all()
    assert term["B区-2019"] < 0.5 < data.loc["B区-2019", "OC"]
