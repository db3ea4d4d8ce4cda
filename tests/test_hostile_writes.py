"""Writes that fail (disk full, SIGINT, SIGTERM) leave the old file or none, no temporary
file, and one clear message (issue 17); no output path removes or changes a file that was
there before, the input included."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from qca.cli import cli
from qca.exceptions import QCAError

CASES = Path(__file__).resolve().parent.parent / "cases"
LF = Path(__file__).resolve().parent / "data" / "cli" / "LF.csv"


def _table():
    from qca.report import Table

    return Table("data", "Data", pd.DataFrame({"A": [1, 2]}))


def _plots():
    import io

    from PIL import Image

    from qca.report import Plot

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG")
    return [Plot("truth_table.png", "t", buffer.getvalue())]


def _writers():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from qca import report
    from qca.plot import save_figure
    from qca.workbook import write_template, write_workbook

    def figure(path):
        _fig, ax = plt.subplots()
        try:
            save_figure(ax, path)
        finally:
            plt.close(_fig)

    return {
        "report.xlsx": lambda p: report.write_xlsx([_table()], p, plots=_plots()),
        "report.md": lambda p: report.write_markdown([_table()], p, plots=_plots()),
        "report.csv": lambda p: report.write_csv(_table(), p),
        "report.json": lambda p: report.write_json({"a": 1}, p),
        "template.xlsx": write_template,
        "book.xlsx": lambda p: write_workbook(p, pd.DataFrame({"A": [0.5]}, index=["x"])),
        "figure.png": figure,
    }


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("name", list(_writers()))
def test_disk_full_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, name):
    target = tmp_path / name
    target.write_bytes(b"the old report")
    before = snapshot(tmp_path)

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(QCAError) as info:
        _writers()[name](target)
    message = str(info.value)
    assert "No space left on device" in message and name.split(".")[0] in message
    assert "unchanged" in message or "no file was created" in message  # the plots folder
    assert "\n" not in message and "tmp" not in message.replace(str(tmp_path), "")
    assert snapshot(tmp_path) == before  # the old file, nothing else (no temp file)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize("name", list(_writers()))
def test_disk_full_on_a_new_file_leaves_nothing(tmp_path, monkeypatch, name):
    monkeypatch.setattr(
        os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full"))
    )
    with pytest.raises(QCAError, match="no file was created"):
        _writers()[name](tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", list(_writers()))
def test_each_writer_leaves_other_files_alone(tmp_path, name):
    (tmp_path / "in.xlsx").write_bytes((CASES / "lipset.xlsx").read_bytes())
    (tmp_path / "notes.txt").write_text("mine")
    before = snapshot(tmp_path)
    _writers()[name](tmp_path / name)
    after = snapshot(tmp_path)
    assert {k: v for k, v in after.items() if k in before} == before
    new = sorted(set(after) - set(before))
    assert name in new and all(n == name or n.startswith("report_plots/") for n in new)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


SCRIPT = r"""
import os, signal, sys
from qca.report import atomic_write
target = sys.argv[1]
with atomic_write(target, "w") as handle:
    handle.write("half of the new ")
    handle.flush()
    os.kill(os.getpid(), getattr(signal, sys.argv[2]))
    handle.write("report")
"""


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_signal_during_a_write_keeps_the_old_file(tmp_path, sig):
    target = tmp_path / "report.md"
    target.write_text("the old report")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(target), sig], capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert f"Interrupted ({sig}) while writing" in done.stderr
    assert target.read_text() == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


FOLDER_SCRIPT = r"""
import os, signal, sys
from qca import _files
real = _files._write_file
count = []
def slow(folder, name, *rest):
    count.append(name)
    if len(count) == 2:
        os.kill(os.getpid(), signal.SIGTERM)
    real(folder, name, *rest)
_files._write_file = slow
_files.write_owned_folder(sys.argv[1], {"a.png": b"1", "b.png": b"2", "c.png": b"3"})
"""


def test_sigterm_while_building_the_plots_folder_leaves_no_folder(tmp_path):
    folder = tmp_path / "rep_plots"
    done = subprocess.run(
        [sys.executable, "-c", FOLDER_SCRIPT, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Interrupted (SIGTERM)" in done.stderr, done.stderr
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- every output path of the CLI
RUNS = [
    ["run", "{input}", "-o", "{out}.xlsx", "-q"],
    ["run", "{input}", "-o", "{out}.md", "-q"],
    ["run", "{input}", "-o", "{out}.json", "-q"],
    ["truth-table", "{input}", "-o", "{out}.csv", "-q"],
    ["necessity", "{input}", "-o", "{out}.csv", "-q"],
    ["plot", "{input}", "--kind", "truth-table", "-o", "{out}.png"],
    ["template", "{out}.xlsx", "-q"],
]


@pytest.mark.parametrize("args", RUNS, ids=lambda a: " ".join(a[:1] + a[-2:]))
def test_cli_outputs_change_only_the_named_file(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    shutil.copy(CASES / "lipset.xlsx", tmp_path / "in.xlsx")
    (tmp_path / "out_plots").mkdir()
    shutil.copy(CASES / "lipset.xlsx", tmp_path / "out_plots" / "copy.xlsx")
    (tmp_path / "out_plots" / "truth.png").write_bytes(b"mine")
    (tmp_path / "notes.md").write_text("mine")
    before = snapshot(tmp_path)
    filled = [a.format(input="in.xlsx", out="out") for a in args]
    result = CliRunner().invoke(cli, filled)
    assert result.exit_code == 0, result.output
    after = snapshot(tmp_path)
    named = filled[filled.index("-o") + 1] if "-o" in filled else filled[1]
    assert {k: v for k, v in after.items() if k in before} == before
    assert named in after
    assert not [p for p in tmp_path.rglob(".*") if p.name != ".qca-files"]


@pytest.mark.parametrize(
    "args",
    [a for a in RUNS if "-o" in a and a[a.index("-o") + 1].endswith((".xlsx", ".csv"))],
    ids=lambda a: " ".join(a[:1] + a[-2:]),
)
def test_cli_refuses_to_write_over_its_input(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    suffix = args[args.index("-o") + 1].rsplit(".", 1)[1]
    source = tmp_path / f"in.{suffix}"
    if suffix == "xlsx":
        shutil.copy(CASES / "lipset.xlsx", source)
    else:
        shutil.copy(LF, source)
    before = snapshot(tmp_path)
    filled = [a.format(input=source.name, out="in") for a in args]
    if suffix == "csv":
        filled += ["--outcome", "SURV"]
    result = CliRunner().invoke(cli, filled)
    assert result.exit_code != 0
    assert "input" in result.output
    assert snapshot(tmp_path) == before
