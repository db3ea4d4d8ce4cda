"""Reports of big solutions: each term once, each model by how it differs from M1.

planted_k14 conservative lists 10,000 minimal models of 802 terms: a fit table per model
made a text report of about 8 million lines and an Excel sheet past Excel's 1,048,576
rows. When the models a solution lists hold more than
:data:`~qca.minimize._compact.COMPACT_TERMS` (10,000) terms in all -- the threshold of
the compact JSON (``models_compact``) -- the text, Markdown and Excel reports write

- the **models**: one row per model listed, its number of terms, its own ``inclS``,
  ``PRI`` and ``covS``, and how it differs from M1 (``with A in place of B``);
- the **terms**: one row per distinct term of the listed models, whether M1 has it, in
  how many listed models it is, its ``inclS``, ``PRI``, ``covS``, ``cases`` and ``covU``
  relative to all of them (R's ``IC$overall``; a term's covU *within* a model is left
  out, as in the compact JSON: :attr:`qca.Model.fit` gives it);
- the simplifying assumptions (and counterfactuals) of **M1 only**: on big spaces each
  model's list is long (random_20x200 parsimonious: about 490,000 rows per model) and
  the models share most of them; :attr:`qca.Model.simplifying_assumptions` gives any
  model's.

Smaller solutions are written in full, as before.

>>> compact = {"terms": ["A", "B", "C", "D"], "first": [0, 1, 3],
...            "added": [[], [2], []], "removed": [[], [1], [0]]}
>>> term_model_counts(compact)
[2, 2, 1, 3]
>>> [differs_from_first(compact, i) for i in range(3)]
['', 'with C in place of B', 'without A']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from qca._results import ModelResult, SolutionResult
from qca.minimize import _compact
from qca.minimize._compact import compact_of
from qca.minimize._factors import exchange_text

__all__ = [
    "compact_listing",
    "compact_note",
    "differs_from_first",
    "fit_terms_first",
    "listed_models",
    "models_frame",
    "term_model_counts",
    "terms_frame",
]


def compact_listing(result: SolutionResult) -> dict[str, Any] | None:
    """The solution's models with each term written once (:func:`qca.minimize._compact.compact_of`)
    when they hold more than 10,000 terms in all, else None (the report is then written
    in full)."""
    if result.error or result.solution is None or not result.models:
        return None
    return compact_of([m.model for m in result.models])


def listed_models(result: SolutionResult, compact: bool | None = None) -> tuple[ModelResult, ...]:
    """The models whose simplifying assumptions and counterfactuals a report lists: every
    model, or M1 alone when the solution is written compactly."""
    if compact is None:
        compact = compact_listing(result) is not None
    return result.models[:1] if compact else result.models


def term_model_counts(compact: Mapping[str, Any]) -> list[int]:
    """In how many listed models each term of ``compact["terms"]`` is."""
    counts = np.zeros(len(compact["terms"]), dtype=np.int64)
    counts[np.asarray(compact["first"], dtype=np.int64)] += len(compact["added"])
    for added, removed in zip(compact["added"], compact["removed"], strict=True):
        counts[np.asarray(added, dtype=np.int64)] += 1
        counts[np.asarray(removed, dtype=np.int64)] -= 1
    return counts.tolist()


def differs_from_first(
    compact: Mapping[str, Any], i: int, name: Callable[[str], str] | None = None
) -> str:
    """How listed model ``i`` (0 for M1) differs from M1: ``with A + B in place of C``,
    ``with A added``, ``without C``, ``the same``; "" for M1 itself."""
    if i == 0:
        return ""
    terms = compact["terms"]
    removed = [terms[j] for j in compact["removed"][i]]
    added = [terms[j] for j in compact["added"][i]]
    return exchange_text(removed, added, name)


def models_frame(
    result: SolutionResult, compact: Mapping[str, Any], labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per listed model: ``model`` (its name), ``terms`` (how many), ``inclS``,
    ``PRI``, ``covS`` of the whole model, and ``differs from M1``."""
    name = _namer(labels)
    first = len(compact["first"])
    fit_terms_first(result)
    records = []
    for i, m in enumerate(result.models):
        size = first + len(compact["added"][i]) - len(compact["removed"][i])
        records.append(
            {
                "model": m.label,
                "terms": size,
                "inclS": getattr(m.model, "inclS", None),
                "PRI": getattr(m.model, "PRI", None),
                "covS": getattr(m.model, "covS", None),
                "differs from M1": differs_from_first(compact, i, name),
            }
        )
    columns = ["model", "terms", "inclS", "PRI", "covS", "differs from M1"]
    return pd.DataFrame.from_records(records, columns=columns)


def terms_frame(
    result: SolutionResult, compact: Mapping[str, Any], labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per distinct term of the listed models, in R's order: ``term``, ``M1``
    ("yes" when M1 has it), ``models`` (in how many listed models it is), ``inclS``,
    ``PRI``, ``covS``, ``covU`` (relative to all the terms, R's ``IC$overall``) and
    ``cases``."""
    name = _namer(labels)
    terms = list(compact["terms"])
    fit = result.solution.fit.loc[terms]
    in_first = np.zeros(len(terms), dtype=bool)
    in_first[np.asarray(compact["first"], dtype=np.int64)] = True
    frame = pd.DataFrame(
        {
            "term": [name(t) if name else t for t in terms],
            "M1": ["yes" if f else "no" for f in in_first.tolist()],
            "models": term_model_counts(compact),
            **{col: fit[col].to_numpy() for col in ("inclS", "PRI", "covS", "covU")},
            "cases": fit["cases"].to_numpy() if "cases" in fit.columns else "",
        }
    )
    return frame


def fit_terms_first(result: SolutionResult) -> None:
    """Compute the terms' fit (and with it every term's memberships) before the models':
    each model's union is then the maximum of its terms' rows, not a fresh test of which
    configurations its terms cover (planted_k12 conservative: 10,000 models in 0.7 s
    instead of 3.4 s; the same values)."""
    if result.solution is not None:
        result.solution.fit  # noqa: B018  (computed once, cached)


def compact_note(result: SolutionResult, compact: Mapping[str, Any]) -> str:
    """Why the solution is written compactly and where the rest is."""
    listed = len(result.models)
    total = len(compact["first"]) * listed + sum(
        len(a) - len(r) for a, r in zip(compact["added"], compact["removed"], strict=True)
    )
    return (
        f"Models listed: {listed:,}, holding {total:,} terms in all (more than "
        f"{_compact.COMPACT_TERMS:,}), so each term is shown once and each model by how it differs "
        "from M1; simplifying assumptions and counterfactuals are given for M1 only. "
        "List fewer models (--max-models N, max_models= in Python) for a fit table per model."
    )


def _namer(labels: Mapping[str, str] | None) -> Callable[[str], str] | None:
    if not labels:
        return None
    from qca._labels import label_expression

    return lambda term: label_expression(term, labels)
