"""No output path of qca removes or changes a file that was there before (issue 17).

Each test snapshots a folder (names, bytes) before a write and checks that every file that
was there is still there with the same bytes afterwards, except the one file the user named
as the output.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qca.cli import cli
from qca.exceptions import InvalidParameterError

CASES = Path(__file__).resolve().parent.parent / "cases"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path -> SHA-256 of its bytes)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def kept(before: dict[str, str], after: dict[str, str], *, except_: tuple[str, ...] = ()) -> None:
    lost = {k: v for k, v in before.items() if k not in except_ and after.get(k) != v}
    assert lost == {}, f"removed or changed: {sorted(lost)}"


def test_markdown_plots_folder_never_deletes_the_input(tmp_path, monkeypatch):
    # mkdir rep_plots; cp study.xlsx rep_plots/in.xlsx; qca run rep_plots/in.xlsx -o rep.md
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rep_plots").mkdir()
    shutil.copy(CASES / "lipset.xlsx", tmp_path / "rep_plots" / "in.xlsx")
    (tmp_path / "rep_plots" / "notes.txt").write_text("my notes")
    before = snapshot(tmp_path)
    result = CliRunner().invoke(cli, ["run", "rep_plots/in.xlsx", "-o", "rep.md", "-q"])
    assert result.exit_code == 0, result.output
    kept(before, snapshot(tmp_path))
    # the plots went into the folder beside the user's files, and the report links them
    text = (tmp_path / "rep.md").read_text(encoding="utf-8")
    assert "](rep_plots/truth_table.png)" in text
    assert (tmp_path / "rep_plots" / "truth_table.png").read_bytes().startswith(b"\x89PNG")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _plots(*names: str):
    from qca.report import Plot

    return [Plot(n, n, b"\x89PNG " + n.encode()) for n in names]


def _table():
    import pandas as pd

    from qca.report import Table

    return Table("data", "Data", pd.DataFrame({"A": [1]}))


def test_plots_folder_refuses_to_overwrite_a_file_it_did_not_write(tmp_path):
    from qca.report import write_markdown

    folder = tmp_path / "rep_plots"
    folder.mkdir()
    (folder / "truth_table.png").write_bytes(b"my own picture")
    before = snapshot(tmp_path)
    with pytest.raises(InvalidParameterError) as info:
        write_markdown([_table()], tmp_path / "rep.md", plots=_plots("truth_table.png"))
    message = str(info.value)
    assert "rep_plots" in message and "truth_table.png" in message and "--no-plots" in message
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "rep.md").exists()


def test_plots_folder_replaces_only_its_own_files(tmp_path):
    from qca.report import write_markdown

    md = tmp_path / "rep.md"
    write_markdown([_table()], md, plots=_plots("truth_table.png", "xy_conservative_M2.png"))
    folder = tmp_path / "rep_plots"
    assert (folder / "xy_conservative_M2.png").exists()
    (folder / "mine.txt").write_text("user file")  # the user drops a file in our folder
    write_markdown([_table()], md, plots=_plots("truth_table.png", "xy_conservative_M1.png"))
    names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    # our stale plot M2 is gone, the user's file is kept, the new plots are there
    assert names == ["mine.txt", "truth_table.png", "xy_conservative_M1.png"]
    assert (folder / "mine.txt").read_text() == "user file"


def test_plots_folder_ignores_a_manifest_naming_other_paths(tmp_path):
    from qca.report import write_markdown

    md = tmp_path / "rep.md"
    write_markdown([_table()], md, plots=_plots("truth_table.png"))
    folder = tmp_path / "rep_plots"
    (tmp_path / "precious.txt").write_text("keep")
    manifests = [p for p in folder.iterdir() if p.name.startswith(".")]
    assert len(manifests) == 1
    # a manifest edited to point outside the folder never makes qca delete that file
    manifests[0].write_text(manifests[0].read_text() + "../precious.txt\n/etc/hostname\n")
    write_markdown([_table()], md, plots=_plots("xy_conservative_M1.png"))
    assert (tmp_path / "precious.txt").read_text() == "keep"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "xy_conservative_M1.png"
    ]
