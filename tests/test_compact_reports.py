"""Reports of big solutions: each term once, each model by how it differs from M1.

When the models a solution lists hold more than ``COMPACT_TERMS`` (10,000) terms in all,
the text, Markdown and Excel reports give one row per model (its fit and how it differs
from M1), one row per distinct term, and M1's simplifying assumptions only
(``qca.report.compact``). Checked here against the models themselves on random data with
the threshold forced to 0, and at the default threshold on planted_k10 conservative
(7,296 models of 65 terms). Smaller solutions keep their full reports (the goldens of
tests/test_golden.py pin them byte for byte).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from test_compact_json import _quiet, _random_data

import qca
from qca._results import ModelResult, SolutionResult
from qca.cli import cli
from qca.minimize import _compact
from qca.minimize._factors import exchange_text
from qca.report import compact as report_compact
from qca.report import solution_tables, solution_text

DATA = Path(__file__).parent / "data" / "core_synthetic"


def _results(seed: int) -> list[SolutionResult]:
    table = _quiet(qca.truth_table, _random_data(seed), "Y")
    out = []
    for options in ({}, {"include": "?"}, {"include": "?", "max_models": 3}):
        try:
            solution = _quiet(qca.minimize, table, **options)
        except qca.QCAError:  # nothing to explain
            continue
        models = tuple(ModelResult(f"M{i + 1}", m) for i, m in enumerate(solution.models))
        out.append(SolutionResult(solution.kind, options.get("include", ""), models, solution=solution))
    return out


@pytest.mark.parametrize("seed", range(30))
def test_compact_tables_describe_every_listed_model(monkeypatch, seed):
    monkeypatch.setattr(_compact, "COMPACT_TERMS", 0)  # every solution written compactly
    for result in _results(seed):
        compact = report_compact.compact_listing(result)
        assert compact is not None
        models_table, terms_table = solution_tables(result)
        assert (models_table.name, terms_table.name) == (result.kind, f"{result.kind}_terms")
        frame = models_table.frame
        models = [m.model for m in result.models]
        first = list(models[0].terms)
        assert frame["model"].tolist() == [m.label for m in result.models]
        assert frame["terms"].tolist() == [len(m.terms) for m in models]
        for col in ("inclS", "PRI", "covS"):
            assert np.allclose(frame[col].to_numpy(float), [getattr(m, col) for m in models])
        assert frame["differs from M1"].tolist() == [
            "" if i == 0 else exchange_text(first, m.terms) for i, m in enumerate(models)
        ]
        terms = terms_table.frame
        # every distinct term once, in R's order, with its fit and how many models hold it
        distinct = [p for p in result.solution.prime_implicants if any(p in m.terms for m in models)]
        assert terms["term"].tolist() == distinct
        assert terms["M1"].tolist() == ["yes" if t in first else "no" for t in distinct]
        assert terms["models"].tolist() == [sum(t in m.terms for m in models) for t in distinct]
        fit = result.solution.fit.loc[distinct]
        for col in ("inclS", "PRI", "covS", "covU"):
            assert np.allclose(terms[col].to_numpy(float), fit[col].to_numpy(float), equal_nan=True)
        assert terms["cases"].tolist() == fit["cases"].tolist()
        own = terms.set_index("term")
        for m in models:  # a term's inclS, PRI, covS and cases do not depend on the model
            for col in ("inclS", "PRI", "covS"):
                assert np.allclose(m.fit[col].to_numpy(float), own.loc[list(m.terms), col].to_numpy(float))


@pytest.mark.parametrize("seed", range(10))
def test_compact_text_lists_m1_and_each_model_once(monkeypatch, seed):
    monkeypatch.setattr(_compact, "COMPACT_TERMS", 0)
    for result in _results(seed):
        lines = solution_text(result, "Y")
        text = "\n".join(lines)
        first = result.models[0]
        assert f"  M1: {first.text} " in text
        assert "each term is shown once and each model by how it differs from M1" in text
        assert text.count("Simplifying assumptions:") == 1  # M1's only
        for m in result.models[1:]:
            assert f"\n    {m.label} " in text
            assert f"{m.label}: {m.text}" not in text or m.text == first.text


def test_small_solutions_keep_a_fit_table_per_model():
    table = _quiet(qca.truth_table, pd.read_csv(DATA / "random_25x10.csv"), "OUT")
    solution = _quiet(qca.minimize, table, include="?", max_models=5)
    models = tuple(ModelResult(f"M{i + 1}", m) for i, m in enumerate(solution.models))
    result = SolutionResult("parsimonious", "?", models, solution=solution)
    assert report_compact.compact_listing(result) is None
    (only,) = solution_tables(result)
    assert len(only.frame) == sum(len(m.terms) + 1 for m in solution.models)
    assert "\n".join(solution_text(result, "OUT")).count("Simplifying assumptions:") == 5


def _planted_k10(tmp_path: Path) -> Path:
    data = pd.read_csv(DATA / "planted_k10.csv")
    data.insert(0, "case", [f"c{i + 1}" for i in range(len(data))])
    path = tmp_path / "planted_k10.csv"
    data.to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def planted_reports(tmp_path_factory):
    """planted_k10 conservative (7,296 models of 65 terms) through `qca minimize`: text,
    .md, .xlsx and .json."""
    tmp_path = tmp_path_factory.mktemp("planted")
    book = _planted_k10(tmp_path)
    before = book.read_bytes()
    out = {}
    for name in ("report.md", "report.xlsx", "report.json"):
        result = CliRunner().invoke(cli, ["minimize", str(book), "--outcome", "OUT", "-q", "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        out[name] = tmp_path / name
    text = CliRunner().invoke(cli, ["minimize", str(book), "--outcome", "OUT"])
    assert text.exit_code == 0, text.output
    assert book.read_bytes() == before
    return text.output, out


def test_planted_k10_text_is_compact(planted_reports):
    text, _ = planted_reports
    lines = text.splitlines()
    # before: a fit table per model, 7,296 x (65 terms + header + model + SA) lines
    assert len(lines) < 7_296 + 200
    assert "Models listed: 7,296, holding 474,240 terms in all (more than 10,000)" in text
    assert lines.count("    model  terms  inclS    PRI   covS  differs from M1") == 1
    assert sum(line.startswith("    M") for line in lines) == 7_296
    assert text.count("Simplifying assumptions:") == 1


def test_planted_k10_workbook_has_a_row_per_model_and_per_term(planted_reports):
    _, out = planted_reports
    book = openpyxl.load_workbook(out["report.xlsx"], read_only=True)
    assert "conservative" in book.sheetnames and "conservative_terms" in book.sheetnames
    models = list(book["conservative"].iter_rows(values_only=True))
    header = models[2]
    assert header == ("model", "terms", "inclS", "PRI", "covS", "differs from M1")
    assert [r[0] for r in models[3 : 3 + 7_296]] == [f"M{i + 1}" for i in range(7_296)]
    terms = list(book["conservative_terms"].iter_rows(values_only=True))
    assert terms[2] == ("term", "M1", "models", "inclS", "PRI", "covS", "covU", "cases")
    named = [r[0] for r in terms[3:] if r[0]]
    assert len(named) == len(set(named)) and sum(r[1] == "yes" for r in terms[3:]) == 65
    rows = list(book["assumptions"].iter_rows(values_only=True))
    assert [r[1] for r in rows[3:] if r[1]] == ["M1"]


def test_planted_k10_markdown_and_json_agree(planted_reports):
    _, out = planted_reports
    md = out["report.md"].read_text(encoding="utf-8")
    assert md.count("| M") >= 7_296 and "the terms of the models listed, each once" in md
    payload = json.loads(out["report.json"].read_text(encoding="utf-8"))
    records = payload["solutions"]["conservative"]
    assert records[0]["simplifying_assumptions"] == []
    assert all(r["simplifying_assumptions"] is None for r in records[1:])
    assert all("M1 only" in r["simplifying_assumptions_not_listed"] for r in records[1:])
    expanded = _compact.expand_models(payload["solution_options"]["conservative"]["models_compact"])
    assert len(expanded) == 7_296 and len(set(expanded)) == 7_296


def test_robustness_and_ranges_do_not_write_out_many_long_models(monkeypatch):
    """Robustness runs and range searches keep every model to compare, but past 10,000
    terms in all they write how many there are, not each (forced here with threshold 0)."""
    from qca._robustness_runs import models_text

    models = (("A", "B"), ("A", "C"))
    assert models_text(models) == "A + B | A + C"
    monkeypatch.setattr(_compact, "COMPACT_TERMS", 3)
    assert models_text(models) == (
        "2 models of 4 terms in all, not written out (over 3 terms; M1 is the solution; "
        "list fewer with max_models)"
    )
    monkeypatch.setattr(_compact, "COMPACT_TERMS", 0)
    rob = _quiet(qca.robustness, "cases/lipset.xlsx", include="?", incl_cuts=[0.75], n_cuts=[2])
    summary = re.compile(r"^[\d,]+ models? of [\d,]+ terms in all, not written out \(over 0 terms")
    written = [text for text in rob.runs["models"] if text is not None]
    assert written and all(summary.match(text) for text in written)
    as_dict = rob.to_dict()
    assert as_dict["initial_models"] is None
    assert _compact.expand_models(as_dict["initial_models_compact"]) == [
        " + ".join(m) for m in rob.initial_models
    ]
    ranges = _quiet(qca.robustness_ranges, "cases/lipset.xlsx", include="?", max_runs=1, sets=[])
    assert summary.match(ranges.solution)
