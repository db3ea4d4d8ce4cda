"""Models over many conditions whose simplifying assumptions are too many to list: the
solution is still shown, and only the list is refused, naming QCA_MAX_LISTED_ROWS.

The limit is lowered to a few dozen configurations so that 10 conditions trip it."""

from __future__ import annotations

import itertools
import json

import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import qca
from qca.cli import cli
from qca.minimize._listing import count_covered, list_covered

LIMIT = 40
CONDITIONS = [f"C{j}" for j in range(1, 11)]


@pytest.fixture
def cases() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    values = rng.integers(0, 2, size=(8, len(CONDITIONS)))
    data = pd.DataFrame(values, columns=CONDITIONS, index=[f"r{i}" for i in range(8)])
    data["Y"] = [1, 1, 1, 1, 0, 0, 0, 0]
    return data


@pytest.fixture
def csv_file(tmp_path, cases) -> str:
    path = tmp_path / "many.csv"
    cases.rename_axis("case").to_csv(path)
    return str(path)


def _listed_counts(cases: pd.DataFrame) -> list[int]:
    """Each parsimonious model's number of simplifying assumptions, listed in full."""
    sol = qca.minimize(qca.truth_table(cases, "Y"), include="?")
    return [len(m.simplifying_assumptions) for m in sol.models]


def test_library_refuses_the_list_naming_the_limit_with_the_exact_count(cases, monkeypatch):
    full = _listed_counts(cases)  # under the default limit: the lists themselves
    assert max(full) > LIMIT
    monkeypatch.setenv("QCA_MAX_LISTED_ROWS", str(LIMIT))
    tt = qca.truth_table(cases, "Y")
    explained = int((tt.table["OUT"] == "1").sum())
    sol = qca.minimize(tt, include="?")
    assert [str(m) for m in sol.models]  # the solution is found
    for model, want in zip(sol.models, full, strict=True):
        if want + explained <= LIMIT:  # the model's terms cover few enough to list
            assert len(model.simplifying_assumptions) == want
            continue
        with pytest.raises(qca.TooManyRowsError, match="QCA_MAX_LISTED_ROWS") as caught:
            _ = model.simplifying_assumptions
        assert caught.value.count == want
        assert f"{want:,} simplifying assumptions and {explained} explained rows" in str(
            caught.value
        )


def test_counting_and_listing_match_brute_force():
    rng = np.random.default_rng(3)
    for _ in range(200):
        levels = [int(v) for v in rng.integers(2, 4, size=int(rng.integers(1, 6)))]
        terms = np.array(
            [[int(rng.integers(-1, n)) for n in levels] for _ in range(int(rng.integers(0, 5)))],
            dtype=np.int64,
        ).reshape(-1, len(levels))
        want = []
        for number, config in enumerate(itertools.product(*[range(n) for n in levels]), 1):
            if any(all(v < 0 or v == c for v, c in zip(t, config, strict=True)) for t in terms):
                want.append(number)
        assert count_covered(levels, terms) == len(want)
        for limit in {0, 1, max(len(want) - 1, 0), len(want), 1000}:
            if len(want) <= limit:
                assert list_covered(levels, terms, limit=limit).tolist() == want
            else:
                with pytest.raises(qca.TooManyRowsError) as caught:
                    list_covered(levels, terms, limit=limit)
                assert caught.value.count in (len(want), None)


def test_overlapping_terms_are_listed_when_their_union_fits():
    # two terms of 8 configurations each, the same 8: 16 counted term by term, 8 in all
    terms = np.array([[0, -1, -1, -1], [0, -1, -1, -1]])
    assert list_covered((2, 2, 2, 2), terms, limit=10).tolist() == list(range(1, 9))


def test_a_bad_limit_value_is_an_error_naming_the_variable(cases, monkeypatch):
    monkeypatch.setenv("QCA_MAX_LISTED_ROWS", "many")
    sol = qca.minimize(qca.truth_table(cases, "Y"), include="?")
    with pytest.raises(qca.InvalidParameterError, match="QCA_MAX_LISTED_ROWS"):
        _ = sol.models[0].simplifying_assumptions


def test_cli_minimize_prints_the_models_and_says_the_list_is_too_long(csv_file, monkeypatch):
    monkeypatch.setenv("QCA_MAX_LISTED_ROWS", str(LIMIT))
    result = CliRunner().invoke(cli, ["minimize", csv_file, "--outcome", "Y", "--include", "?"])
    assert result.exit_code == 0, result.output
    assert "Parsimonious solution" in result.output and "-> Y" in result.output
    assert "(not listed, see below)" in result.output
    assert f"over the limit of {LIMIT} configurations" in result.output
    assert "QCA_MAX_LISTED_ROWS" in result.output


def test_cli_run_json_reports_the_count_instead_of_the_rows(csv_file, cases, monkeypatch):
    full = _listed_counts(cases)
    monkeypatch.setenv("QCA_MAX_LISTED_ROWS", str(LIMIT))
    result = CliRunner().invoke(cli, ["run", csv_file, "--outcome", "Y", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    models = report["solutions"]["parsimonious"]
    assert [m["simplifying_assumptions_count"] for m in models] == full
    assert all(m["simplifying_assumptions"] is None for m in models)
    assert all("QCA_MAX_LISTED_ROWS" in m["simplifying_assumptions_not_listed"] for m in models)
    assert report["solutions"]["conservative"][0]["simplifying_assumptions"] == []
    assert any("than can be listed" in w for w in report["warnings"])


@pytest.mark.parametrize("suffix", [".xlsx", ".md"])
def test_cli_run_reports_say_the_list_is_too_long(csv_file, tmp_path, monkeypatch, suffix):
    monkeypatch.setenv("QCA_MAX_LISTED_ROWS", str(LIMIT))
    out = tmp_path / f"report{suffix}"
    args = ["run", csv_file, "--outcome", "Y", "-o", str(out), "--no-plots"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(out, read_only=True)
        text = "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    else:
        text = out.read_text(encoding="utf-8")
    assert "not listed: The model's simplifying assumptions are not listed" in text
    assert "QCA_MAX_LISTED_ROWS" in text


def test_the_intermediate_solution_names_the_limit(csv_file, monkeypatch):
    monkeypatch.setenv("QCA_MAX_LISTED_ROWS", str(LIMIT))
    args = ["run", csv_file, "--outcome", "Y", "--dir-exp", "C1", "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["solutions"]["parsimonious"]  # the other solutions are shown
    assert "QCA_MAX_LISTED_ROWS" in json.dumps(report)


def _assumptions_of_every_model(tt) -> set[int]:
    try:
        sol = qca.minimize(tt, include="?")
    except qca.NoSolutionError:
        return set()
    return {int(r) for m in sol.models for r in m.simplifying_assumptions.index}


def test_contradictory_assumptions_match_the_listed_ones():
    # CSA are now found from the terms both covers share; the same rows as listing each
    from qca.minimize._remainders import negated_table

    rng = np.random.default_rng(11)
    checked = 0
    for _ in range(40):
        data = pd.DataFrame(rng.integers(0, 2, size=(9, 5)), columns=list("ABCDE"))
        data["Y"] = rng.integers(0, 2, size=9)
        if data["Y"].nunique() < 2:
            continue
        tt = qca.truth_table(data, "Y")
        want = _assumptions_of_every_model(tt) & _assumptions_of_every_model(negated_table(tt))
        assert sorted(qca.find_rows(tt, type=2)) == sorted(want)
        checked += bool(want)
    assert checked  # some tables do have contradictory simplifying assumptions
