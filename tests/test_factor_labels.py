"""Reports with set labels (``--use-labels``, R's ``use.labels``) print the factorized
description of the minimal models (the count lines) with labels too, as they print the
models: random_25x10's parsimonious solution has 944 minimal models; with three listed,
the count lines name every condition by its label and say the same counts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from qca.cli import cli
from qca.minimize._factors import ModelFactors, exchange_text, named_sum
from qca.workbook import write_workbook

DATA = Path(__file__).parent / "data" / "core_synthetic" / "random_25x10.csv"
_NAME = re.compile(r"\bC\d\d\b")


def _labels(columns) -> dict[str, str]:
    return {c: f"cond {c[1:]}" for c in columns if c != "OUT"}


def _book(tmp_path: Path) -> Path:
    data = pd.read_csv(DATA)
    data.index = pd.Index([f"c{i}" for i in range(len(data))], name="case")
    return write_workbook(tmp_path / "study.xlsx", data, analysis={"outcome": "OUT", "include": "?"},
                          labels=_labels(data.columns))


def _count_block(text: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "minimal models in all" in line)
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("    ")), len(lines))
    return lines[start:end]


def _renamed(line: str) -> str:
    return _NAME.sub(lambda m: f"cond {m.group(0)[1:]}", line)


def test_text_report_labels_the_factor_lines(tmp_path):
    path = _book(tmp_path)
    args = ["minimize", str(path), "--max-models", "3"]
    plain = _count_block(CliRunner().invoke(cli, args).output)
    labelled = _count_block(CliRunner().invoke(cli, [*args, "--use-labels"]).output)
    assert len(plain) > 5 and len(labelled) == len(plain)
    assert any(_NAME.search(line) for line in plain)
    assert not any(_NAME.search(line) for line in labelled)
    assert labelled == [_renamed(line) for line in plain]


def test_markdown_report_labels_the_factor_lines(tmp_path):
    path = _book(tmp_path)
    for command in ("minimize", "run"):
        out = tmp_path / f"{command}.md"
        args = [command, str(path), "--max-models", "3", "--use-labels", "-o", str(out), "-q"]
        if command == "run":
            args.append("--no-plots")
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        block = [line for line in text.splitlines() if line.lstrip("- ").startswith(("part ", "or ", "core"))]
        assert "944 minimal models in all (3 listed)" in text and block, command
        assert not any(_NAME.search(line) for line in block), command


def test_long_alternatives_are_told_by_labelled_differences():
    first = " + ".join(f"T{i}" for i in range(25))
    other = first.replace("T3", "(X | Y)")
    factors = ModelFactors(("A",), ((first, other),), (3,), (3,))
    lines = factors.describe(name=str.lower)
    assert lines[0] == "core (1 term): a"
    assert lines[-1] == "  or with (x | y) in place of t3"
    assert lines[-2] == "  " + first.lower()
    assert named_sum("A + (B | C*D)", str.lower) == "a + (b | c*d)"
    assert exchange_text(["A", "B"], ["A", "C"], str.lower) == "with c in place of b"
