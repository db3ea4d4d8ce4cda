"""Directional expectations and easy / difficult counterfactuals (private).

A directional expectation says which value of a condition is expected to contribute to
the outcome: ``DEV`` (present), ``~IND`` (absent), ``DEV[1,2]`` (value 1 or 2 of a
multi-value condition), or a conjunction ``LIT*IND`` (a conjunctural expectation).

R's string form (``"DEV, ~IND, LIT*IND"``) is joined with ``+`` and minimized first, as
R QCA does (``admisc::simplify``): one-literal terms of the result are individual
expectations, the others conjunctural. An ambiguous minimal form or a tautology is an
error. The mapping form (``{"DEV": 1, "IND": 0, "URB": "-"}``) is taken as given.

For conservative model C_i and parsimonious model P_j (SEMANTICS.md S8): for every
conservative term ``comp`` and every term ``pars`` of P_j that subsumes it, ``res``
starts as ``comp``; each literal of ``comp`` on a condition that ``pars`` lacks is dropped
when an individual expectation exists for that condition and does not include the
literal's value; for each conjunctural expectation, when ``comp`` disagrees with it on one
of those conditions, all of the expectation's conditions are dropped. The easy
counterfactuals are P_j's simplifying assumptions that some ``res`` covers; the
difficult ones are the rest.

R QCA 3.25.1 resets ``res`` to ``comp`` before each conjunctural expectation, so that
once a conjunctural expectation survives simplification, the individual expectations'
drops are lost (SEMANTICS.md S9). We follow the documented rule instead; no reference
result depends on that quirk.

>>> exp = parse_dir_exp("DEV, ~URB, LIT*IND", ("DEV", "URB", "LIT", "IND"), (2, 2, 2, 2))
>>> exp.individual, exp.conjunctural
({0: frozenset({1}), 1: frozenset({0})}, [{2: frozenset({1}), 3: frozenset({1})}])
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qca.exceptions import ExpressionError, InvalidParameterError
from qca.expr import Expression, parse_expression
from qca.minimize._core import covers, prime_implicants, solve_chart

__all__ = ["Expectations", "parse_dir_exp", "easy_counterfactuals"]

_SIMPLIFY_LIMIT = 1 << 20


@dataclass(frozen=True)
class Expectations:
    """Individual expectations (condition index -> expected values) and conjunctural ones."""

    individual: dict[int, frozenset[int]] = field(default_factory=dict)
    conjunctural: list[dict[int, frozenset[int]]] = field(default_factory=list)
    text: str = ""


def _split_top_level(text: str) -> list[str]:
    """Split at commas outside brackets: ``"A[1,2], B"`` -> ``["A[1,2]", "B"]``."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return parts


def _bad(value: Any, why: str) -> InvalidParameterError:
    return InvalidParameterError(
        f"The 'dir_exp' parameter of minimize {why}. Got {value!r} instead."
    )


def _value_set(name: str, value: Any, n_levels: int, original: Any) -> frozenset[int]:
    if isinstance(value, str) and value.strip() in ("-", "dc"):
        return frozenset(range(n_levels))
    if isinstance(value, str):
        value = [v for v in re.split(r"[;,\s]+", value.strip()) if v]
    values = list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]
    out = set()
    for v in values:
        ok = isinstance(v, (int, np.integer)) and not isinstance(v, bool)
        if isinstance(v, str) and v.strip().isdigit():
            v, ok = int(v), True
        if isinstance(v, float) and v.is_integer():
            v, ok = int(v), True
        if not ok or not 0 <= int(v) < n_levels:
            raise _bad(
                original,
                f"must give each condition a value in 0..{n_levels - 1}, a list of them, or "
                f"'-' (no expectation); {name!r} has {value!r}",
            )
        out.add(int(v))
    return frozenset(out)


def _literal_values(lit: Any, n_levels: int, text: str) -> frozenset[int]:
    bad = [v for v in lit.values if not 0 <= v < n_levels]
    if bad:
        raise ExpressionError(
            f"The directional expectation {text!r} asks for value {bad[0]} of {lit.name!r}, "
            f"which has the values 0..{n_levels - 1}."
        )
    values = frozenset(lit.values)
    return frozenset(range(n_levels)) - values if lit.negated else values


def _term_values(term: Any, index: dict[str, int], levels: Sequence[int], text: str) -> dict[int, frozenset[int]]:
    out: dict[int, frozenset[int]] = {}
    for lit in term:
        if lit.name not in index:
            known = ", ".join(index)
            raise ExpressionError(
                f"The directional expectation {text!r} names {lit.name!r}, which is not a "
                f"condition of the truth table ({known})."
            )
        j = index[lit.name]
        values = _literal_values(lit, levels[j], text)
        out[j] = out[j] & values if j in out else values
    return out


def _simplify(expr: Expression, index: dict[str, int], levels: Sequence[int], text: str) -> list[dict[int, frozenset[int]]]:
    """Minimize the expression over the conditions it names; terms with one value per literal."""
    terms = [_term_values(t, index, levels, text) for t in expr.terms]
    used = sorted({j for t in terms for j in t})
    sub_levels = tuple(levels[j] for j in used)
    size = int(np.prod(np.asarray(sub_levels, dtype=object))) if used else 1
    if size > _SIMPLIFY_LIMIT:
        raise InvalidParameterError(
            f"The 'dir_exp' parameter of minimize names too many conditions to simplify ({text!r})."
        )
    grids = np.meshgrid(*[np.arange(n) for n in sub_levels], indexing="ij")
    space = np.stack([g.ravel() for g in grids], axis=1).astype(np.int16)
    true = np.zeros(len(space), dtype=bool)
    for t in terms:
        hit = np.ones(len(space), dtype=bool)
        for j, values in t.items():
            hit &= np.isin(space[:, used.index(j)], sorted(values))
        true |= hit
    if not true.any():
        raise InvalidParameterError(
            f"The directional expectations {text!r} contradict themselves: no configuration "
            "satisfies them."
        )
    if true.all():
        raise InvalidParameterError(
            f"The directional expectations {text!r} cancel each other out (together they "
            "are always true)."
        )
    on, off = space[true], space[~true]
    pis = prime_implicants(on, off, sub_levels, remainders=True)
    solved = solve_chart(covers(pis, on))
    if len(solved.models) != 1:
        raise InvalidParameterError(
            f"Ambiguous directional expectations {text!r}: they simplify to "
            f"{len(solved.models)} different minimal forms."
        )
    out = []
    for i in solved.models[0]:
        term = pis[i]
        out.append({used[c]: frozenset({int(term[c])}) for c in range(len(used)) if term[c] >= 0})
    return out


def parse_dir_exp(value: Any, conditions: Sequence[str], levels: Sequence[int]) -> Expectations:
    """Read ``dir_exp`` (a mapping, R's string form, or a list of such strings)."""
    index = {name: j for j, name in enumerate(conditions)}
    if isinstance(value, Mapping):
        individual: dict[int, frozenset[int]] = {}
        for name, v in value.items():
            if name not in index:
                raise _bad(value, f"names {name!r}, which is not a condition ({', '.join(conditions)})")
            values = _value_set(str(name), v, levels[index[name]], value)
            if len(values) < levels[index[name]]:
                individual[index[name]] = values
        return Expectations(individual, [], repr(dict(value)))
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        pieces = [p for v in value for p in _split_top_level(v)]
    elif isinstance(value, str):
        pieces = _split_top_level(value) if value.strip() else []
    elif isinstance(value, (list, tuple)):
        pieces = [str(v) for v in value]
    else:
        raise _bad(value, "must be a mapping such as {'DEV': 1, 'IND': 0} or a string such as 'DEV, ~IND'")
    if not pieces:
        raise _bad(value, "is empty")
    if not all(pieces):
        raise _bad(
            value,
            "must not hold an empty expectation (two commas in a row, or a comma at an end): "
            "expected expectations such as 'DEV, ~IND'",
        )
    text = ", ".join(pieces)
    if len(pieces) == len(conditions) and all(re.fullmatch(r"\d+(?:\s*;\s*\d+)*|-", p) for p in pieces):
        # R's old numeric form: one entry per condition, not simplified; "1;2" is a set of
        # values of a multi-value condition (R: dir.exp = "1, 1;2, 2, 1")
        return parse_dir_exp(dict(zip(conditions, pieces, strict=True)), conditions, levels)
    expr = parse_expression(" + ".join(f"({p})" for p in pieces))
    if expr.relation is not None:
        raise _bad(value, "must not contain a relation arrow")
    terms = _simplify(expr, index, levels, text)
    individual = {}
    conjunctural = []
    for t in terms:
        if len(t) == 1:
            (j, values), = t.items()
            individual[j] = individual.get(j, frozenset()) | values
        else:
            conjunctural.append(t)
    individual = {j: v for j, v in individual.items() if len(v) < levels[j]}
    return Expectations(individual, conjunctural, text)


def _subsumes(general: np.ndarray, specific: np.ndarray) -> bool:
    """True when the literals of ``general`` are a subset of those of ``specific``."""
    return bool(np.all((general < 0) | (general == specific)))


def expectation_terms(comp: np.ndarray, pars: np.ndarray, exp: Expectations) -> np.ndarray:
    """``res`` for one conservative term and one parsimonious term that subsumes it."""
    res = comp.copy()
    lacking = (comp >= 0) & (pars < 0)
    for pos in np.flatnonzero(lacking).tolist():
        expected = exp.individual.get(pos)
        if expected is not None and int(comp[pos]) not in expected:
            res[pos] = -1
    for cde in exp.conjunctural:
        disagree = any(lacking[c] and int(comp[c]) not in values for c, values in cde.items())
        if disagree:
            for c in cde:
                res[c] = -1
    return res


def easy_counterfactuals(
    conservative: np.ndarray, parsimonious: np.ndarray, assumptions: np.ndarray, exp: Expectations
) -> np.ndarray:
    """Boolean mask over ``assumptions`` (configurations of P_j's SA): the easy counterfactuals."""
    assumptions = np.asarray(assumptions)
    easy = np.zeros(len(assumptions), dtype=bool)
    if len(assumptions) == 0:
        return easy
    found = []
    for comp in np.asarray(conservative):
        for pars in np.asarray(parsimonious):
            if _subsumes(pars, comp):
                found.append(expectation_terms(comp, pars, exp))
    if found:
        hit = covers(np.asarray(found, dtype=np.int16), assumptions)
        easy = np.asarray(hit.any(axis=0), dtype=bool)
    return easy

