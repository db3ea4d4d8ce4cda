"""Reports say how many minimal models exist and describe them all when they list fewer.

A parsimonious solution of random_25x10 has 944 minimal models; with ``max_models=5``
the text report, the report tables (Markdown, Excel) and the JSON report give the
count and the factorized description; with every model listed they add nothing but
the count in JSON.
"""

from __future__ import annotations

import math

from test_core_count import _random_25x10

from qca._pipeline import solution_models
from qca._results import SolutionResult
from qca.report.json import solution_options
from qca.report.tables import model_count_notes
from qca.report.text import solution_text


def _result(**options) -> SolutionResult:
    sol = _random_25x10(**options)
    return SolutionResult("parsimonious", "?", solution_models("parsimonious", sol), solution=sol)


def test_capped_solution_reports_count_and_factors():
    result = _result(max_models=5)
    notes = model_count_notes(result)
    assert notes[0].startswith("944 minimal models in all (5 listed), each the core")
    assert notes[1] == "core: none"  # one part: the models share no term
    parts = [n for n in notes if n.startswith("part ")]
    assert len(parts) == len(result.solution.factors.parts)
    text = "\n".join(solution_text(result, "OUT"))
    assert "  944 minimal models in all (5 listed)" in text and "    part 1, " in text
    options = solution_options(result)
    assert options["model_count"] == options["model_count_lower"] == 944
    factors = options["factors"]
    assert math.prod(p["count"] for p in factors["parts"]) == 944
    assert all(p["alternatives"] for p in factors["parts"])


def test_fully_listed_solution_adds_only_the_count():
    result = _result()
    assert len(result.models) == 944
    assert model_count_notes(result) == ()
    assert "minimal models in all" not in "\n".join(solution_text(result, "OUT"))
    options = solution_options(result)
    assert options["model_count"] == 944 and options["factors"] is None


def test_html_shows_ten_models_then_the_count_and_factors():
    sol = _random_25x10(max_models=20)
    page = sol._repr_html_()
    assert page.count("<caption>") == 10 and "... and 10 more models" in page
    assert "944 minimal models in all (20 listed)" in page and "part 1, 944 alternatives" in page
    assert "minimal models in all" not in _random_25x10(max_models=944)._repr_html_()


def test_summary_ends_with_the_count_and_factors():
    text = _random_25x10(max_models=3).summary()
    assert "944 minimal models in all (3 listed), each the core and one alternative" in text
    assert "\n  part 1, 944 alternatives:" in text
    assert "minimal models in all" not in _random_25x10().summary()
