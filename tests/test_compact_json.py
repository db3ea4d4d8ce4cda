"""Many long models in JSON: each term once, each model by how it differs from M1.

``Solution.to_dict()`` and the JSON report write the models listed as strings while they
hold at most ``COMPACT_TERMS`` (10,000) terms in all, else compactly
(``qca.minimize._compact``). The compact form must give back exactly the strings, in the
same order, for every kind of solution: checked here on random data with the threshold
forced to 0, and at the default threshold on planted_k10 conservative (7,296 models of
65 terms).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import qca
from qca.cli import cli
from qca.minimize import _compact
from qca.minimize._compact import compact_models, expand_models
from qca.minimize._factors import terms_of

DATA = Path(__file__).parent / "data" / "core_synthetic"


def _quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


def _random_data(seed: int, k: int = 5, n: int = 24) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    data = pd.DataFrame(rng.integers(0, 2, size=(n, k)), columns=[f"C{j}" for j in range(k)])
    data["Y"] = rng.integers(0, 2, size=n)
    data.index = [f"c{i}" for i in range(n)]
    return data


def _solutions(seed: int):
    data = _random_data(seed)
    table = _quiet(qca.truth_table, data, "Y")
    out = []
    for options in ({}, {"include": "?"}, {"include": "?", "max_models": 2}, {"include": "?", "sol_cons": 0.6},
                    {"include": "?", "dir_exp": "C0, C1, ~C2"}):
        try:
            out.append(_quiet(qca.minimize, table, **options))
        except qca.QCAError:  # nothing to explain, or no model under sol_cons
            continue
    return out


@pytest.mark.parametrize("seed", range(40))
def test_compact_form_gives_back_every_listed_model(monkeypatch, seed):
    monkeypatch.setattr(_compact, "COMPACT_TERMS", 0)  # every solution written compactly
    for solution in _solutions(seed):
        as_dict = solution.to_dict()
        strings = [str(m) for m in solution.models]
        if as_dict["models"] is not None:  # only when no one order of terms fits every model
            assert solution.kind == "intermediate" and "models_compact" not in as_dict
            assert as_dict["models"] == strings
            assert _compact._common_order([m.terms for m in solution.models]) is None
            continue
        compact = as_dict["models_compact"]
        assert expand_models(compact) == strings
        assert len(compact["terms"]) == len(set(compact["terms"]))
        assert compact["added"][0] == compact["removed"][0] == []
        json.dumps(as_dict)  # plain types only


@pytest.mark.parametrize("seed", range(40))
def test_compact_factors_give_back_every_alternative(monkeypatch, seed):
    monkeypatch.setattr(_compact, "COMPACT_TERMS", 0)
    for solution in _solutions(seed):
        if solution.factors is None:
            continue
        for listed, written in zip(solution.factors.parts, solution.factors.to_dict()["parts"], strict=True):
            assert written["alternatives"] is None
            assert expand_models(written["alternatives_compact"]) == list(listed)


def test_small_solutions_keep_their_strings():
    data = pd.read_csv(DATA / "random_25x10.csv")
    table = _quiet(qca.truth_table, data, "OUT")
    solution = _quiet(qca.minimize, table, include="?")  # 944 models of 2 terms
    as_dict = solution.to_dict()
    assert as_dict["models"] == [str(m) for m in solution.models] and len(as_dict["models"]) == 944
    assert "models_compact" not in as_dict and solution.compact_models() is None
    assert all("alternatives_compact" not in p for p in _quiet(qca.minimize, table, include="?", max_models=3)
               .factors.to_dict()["parts"])


def test_many_long_models_are_compact_at_the_default_threshold():
    data = pd.read_csv(DATA / "planted_k10.csv")
    table = _quiet(qca.truth_table, data, "OUT")
    solution = _quiet(qca.minimize, table)  # 7,296 models of 65 terms
    as_dict = solution.to_dict()
    strings = [str(m) for m in solution.models]
    assert as_dict["models"] is None and expand_models(as_dict["models_compact"]) == strings
    compact_text = json.dumps(as_dict["models_compact"])
    assert len(compact_text) * 10 < len(json.dumps(strings))
    assert as_dict["models_compact"]["terms"] == list(solution.prime_implicants)


def test_models_whose_term_orders_disagree_stay_strings():
    assert compact_models([("A", "B"), ("B", "A")], limit=0) is None
    crossing = [("A", "C"), ("B", "C"), ("A", "B", "D")]
    assert expand_models(compact_models(crossing, limit=0)) == [" + ".join(m) for m in crossing]
    assert compact_models([terms_of("A + (B | C)"), terms_of("D")], limit=0)["terms"] == ["A", "(B | C)", "D"]


def _book(tmp_path: Path) -> Path:
    from qca.workbook import write_workbook

    data = pd.read_csv(DATA / "random_25x10.csv")
    data.index = pd.Index([f"c{i}" for i in range(len(data))], name="case")
    return write_workbook(tmp_path / "study.xlsx", data, analysis={"outcome": "OUT", "include": "?"})


def test_json_report_writes_long_listings_once(tmp_path, monkeypatch):
    path = _book(tmp_path)
    args = ["minimize", str(path), "--max-models", "20", "--json"]
    full = json.loads(CliRunner().invoke(cli, args).output)
    monkeypatch.setattr(_compact, "COMPACT_TERMS", 0)
    result = CliRunner().invoke(cli, [*args[:-1], "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 0, result.output
    compact = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    records, listed = full["solutions"]["parsimonious"], compact["solutions"]["parsimonious"]
    options = compact["solution_options"]["parsimonious"]
    assert expand_models(options["models_compact"]) == [r["model"] for r in records]
    assert [r["name"] for r in listed] == [r["name"] for r in records]
    for i, (short, whole) in enumerate(zip(listed, records, strict=True)):
        assert short["model"] is None and short["terms"] is None
        for key in ("inclS", "PRI", "covS"):
            assert short[key] == whole[key]
        if i == 0:  # simplifying assumptions: M1's only (each model's can be long)
            assert short["simplifying_assumptions"] == whole["simplifying_assumptions"]
        else:
            assert short["simplifying_assumptions"] is None
            assert "M1 only" in short["simplifying_assumptions_not_listed"]
    fit = options["term_fit"]
    assert [t["term"] for t in fit] == options["models_compact"]["terms"]
    own = {t["term"]: t for r in records for t in r["terms"]}
    for term in fit:  # a term's inclS, PRI, covS and cases do not depend on the model
        assert {k: term[k] for k in ("inclS", "PRI", "covS", "cases")} == {
            k: own[term["term"]][k] for k in ("inclS", "PRI", "covS", "cases")
        }
    assert "models_compact" not in full["solution_options"]["parsimonious"]
