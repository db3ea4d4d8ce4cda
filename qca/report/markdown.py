"""The Markdown report: headings, pipe tables, notes as lists, plots linked from a folder.

>>> import pandas as pd
>>> table = Table("truth_table", "Truth table", pd.DataFrame({"OUT": ["1"], "n": [3]}))
>>> print(markdown_report([table], title="Demo"))
# Demo
<BLANKLINE>
## Truth table
<BLANKLINE>
|   | OUT | n |
|---|---|---|
| 0 | 1 | 3 |
<BLANKLINE>
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from qca.report._base import Plot, Table, format_number
from qca.report.files import _write_plot_folder, atomic_write, plots_folder

__all__ = ["markdown_report", "write_markdown"]

def markdown_report(
    tables: Sequence[Table],
    *,
    title: str = "QCA report",
    provenance: Sequence[tuple[str, Any]] | None = None,
    digits: int = 3,
    plots: Sequence[tuple[str, str]] | None = None,
    plot_notes: Sequence[str] = (),
) -> str:
    """The tables as one Markdown document (headings, pipe tables, notes as lists).

    ``plots`` are (caption, relative path) pairs, shown as images in a "Plots" section
    before the provenance, after ``plot_notes``.
    """
    lines = [f"# {title}", ""]
    for table in tables:
        if table.title:
            lines += [f"## {table.title}", ""]
        lines += _markdown_table(table, digits)
        lines.append("")
        if table.notes:
            lines += [f"- {_md_escape(n)}" for n in table.notes]
            lines.append("")
    if plots is not None:
        lines += ["## Plots", ""]
        if plot_notes:
            lines += [f"- {_md_escape(n)}" for n in plot_notes]
            lines.append("")
        for caption, link in plots:
            lines += [f"![{_md_alt(caption)}]({_md_link(link)})", ""]
    if provenance is not None:
        lines += ["## Provenance", "", "| item | value |", "|---|---|"]
        lines += [f"| {_md_escape(k)} | {_md_escape(format_number(v))} |" for k, v in provenance]
        lines.append("")
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_alt(text: str) -> str:
    return "".join("\\" + c if c in "[]\\" else c for c in str(text).replace("\n", " "))


def _md_link(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


def _markdown_table(table: Table, digits: int) -> list[str]:
    rows = table.rows()
    header, body = rows[0], rows[1:]
    out = ["| " + " | ".join(_md_escape(h) if h else " " for h in header) + " |"]
    out.append("|" + "|".join("---" for _ in header) + "|")
    for r in body:
        out.append("| " + " | ".join(_md_escape(format_number(c, digits)) for c in r) + " |")
    return out


def write_markdown(
    tables: Sequence[Table],
    path: str | os.PathLike[str],
    *,
    title: str = "QCA report",
    provenance: Sequence[tuple[str, Any]] | None = None,
    plots: Sequence[Plot] | None = None,
    plot_notes: Sequence[str] = (),
) -> None:
    """Write :func:`markdown_report` to ``path`` atomically.

    With ``plots`` (see :func:`analysis_plots`), the PNG files go to the folder
    ``<stem>_plots`` next to ``path`` and the report links them by relative paths. A new
    folder is written under a temporary name and renamed into place; in a folder that is
    already there, qca replaces or removes only the files it wrote there before (listed in
    its ``.qca-files``) and refuses to overwrite any other file.
    """
    links = None
    if plots is not None:
        folder = plots_folder(path)
        _write_plot_folder(folder, plots)
        links = [(p.title, f"{folder.name}/{p.name}") for p in plots]
    text = markdown_report(
        tables, title=title, provenance=provenance, plots=links, plot_notes=plot_notes
    )
    with atomic_write(path, "w") as handle:
        handle.write(text)
