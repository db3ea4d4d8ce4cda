"""Long models (thousands of terms) are read term by term: robustness runs, range searches
and XY plots no longer stop at the expression length limit (``qca._long_models``)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import qca
from qca._long_models import model_membership
from qca.report import plots


def _quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


@pytest.mark.parametrize("seed", range(40))
def test_chunks_give_the_membership_of_the_whole_sum(seed):
    rng = np.random.default_rng(seed)
    names = [f"S{j}" for j in range(5)]
    data = pd.DataFrame(rng.random((30, 5)).round(2), columns=names, index=[f"c{i}" for i in range(30)])
    terms = []
    for _ in range(int(rng.integers(1, 12))):
        chosen = rng.choice(5, size=int(rng.integers(1, 4)), replace=False)
        terms.append("*".join(("~" if rng.random() < 0.4 else "") + names[j] for j in sorted(chosen)))
    whole = qca.membership(data, " + ".join(terms))
    for chunk_chars in (1, 7, 20, 10_000):
        got = model_membership(data, terms, chunk_chars=chunk_chars)
        assert got.index.equals(data.index)
        assert np.array_equal(got.to_numpy(float), whole.to_numpy(float))


def _crisp(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    data = pd.DataFrame(rng.integers(0, 2, size=(40, 4)), columns=[f"C{j}" for j in range(4)])
    data["Y"] = rng.integers(0, 2, size=40)
    data.index = [f"c{i}" for i in range(40)]
    return data


def test_robustness_reads_a_model_over_the_expression_limit(monkeypatch):
    data = _crisp()
    options = {"incl_cuts": [0.6, 0.8], "n_cuts": [2]}
    full = _quiet(qca.robustness, data, "Y", incl_cut=0.7, **options)
    longest = max(len(t) for m in full.initial_models for t in m)
    assert len(" + ".join(full.initial_models[0])) > 16 >= longest  # the model passes the limit
    monkeypatch.setenv("QCA_MAX_EXPRESSION_CHARS", "16")  # each term stays under it
    with pytest.raises(qca.QCAError, match="over the limit of 16 characters"):
        qca.membership(data, " + ".join(full.initial_models[0]))
    limited = _quiet(qca.robustness, data, "Y", incl_cut=0.7, **options)
    assert limited.fit.equals(full.fit) and limited.cases.equals(full.cases)
    assert limited.runs.equals(full.runs)
    ranges = _quiet(qca.robustness_ranges, data, "Y", incl_cut=0.7, max_runs=2)
    monkeypatch.delenv("QCA_MAX_EXPRESSION_CHARS")
    assert ranges.ranges.equals(_quiet(qca.robustness_ranges, data, "Y", incl_cut=0.7, max_runs=2).ranges)


def test_plots_of_long_models_are_named_by_their_size(monkeypatch):
    result = _quiet(qca.Analysis(_crisp(), "Y", incl_cut=0.7).run)
    monkeypatch.setattr(plots, "LONG_FORMULA", 0)  # every model counts as long
    monkeypatch.setenv("QCA_MAX_EXPRESSION_CHARS", "16")
    figures, notes = plots.analysis_plots(result)
    assert not [n for n in notes if "not drawn" in n]
    captions = [p.title for p in figures if p.name.startswith("xy_")]
    assert captions and all(" terms) -> Y" in c for c in captions)
    sizes = {len(r.models[0].model.terms) for r in result.solutions.values() if r.models}
    assert any(f", M1 ({n} terms) -> Y" in c for n in sizes for c in captions)
