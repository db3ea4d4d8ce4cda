"""Every minimal model at once, and long models told by how they differ (private).

When the minimal models are too many to list, :class:`ModelFactors` describes them all:
a fixed core plus one alternative of each independent part. An alternative is a sum of
terms; a group ``(T1 | T2)`` in it stands for interchangeable prime implicants (they
explain the same rows), any one of which may be taken, so the alternative stands for as
many models as the product of its groups' sizes.

Models of hundreds of terms that differ in a few cannot be compared by eye:
:func:`exchange_text` says how one differs from another (``with A + B in place of C``).

>>> f = ModelFactors(("A",), (("B + (C | D)", "E + F"),), (3,), (3,))
>>> print(f)
A + (B + (C | D) | E + F)
>>> f.describe()
['core (1 term): A', 'part 1, 3 alternatives: B + (C | D) | E + F']
>>> ModelFactors(("A",), (("B + (C | D)", "E + F"),), (30,), (30,)).describe(limit=1)
['core (1 term): A', 'part 1, 30 alternatives: B + (C | D) | ... 28 more']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from qca.minimize._compact import compact_models

__all__ = ["LONG_MODEL", "ModelFactors", "count_lines", "exchange_text", "named_sum", "stands_for"]

#: A function giving the printed form of a term (e.g. with labels in place of set names).
Namer = Callable[[str], str]

#: Models (and alternatives) of more terms than this are shown by how they differ from
#: the first one.
LONG_MODEL = 20
#: Alternatives of a part shown in the one-line formula (``str``).
FORMULA_ALTERNATIVES = 3
#: Alternatives of a part shown by :meth:`ModelFactors.describe`.
DESCRIBED_ALTERNATIVES = 10
#: Longest line of a part's alternatives before they are shown one per line.
ONE_LINE = 120


def terms_of(text: str) -> list[str]:
    """The terms (or groups of interchangeable terms) of a sum.

    >>> terms_of("A*B + (C | ~D) + E")
    ['A*B', '(C | ~D)', 'E']
    """
    return text.split(" + ") if text else []


def stands_for(text: str) -> int:
    """How many models an alternative stands for: the product of its groups' sizes.

    >>> stands_for("A + (B | C | D) + (E | F)"), stands_for("A*B")
    (6, 1)
    """
    out = 1
    for term in terms_of(text):
        if term.startswith("("):
            out *= term.count(" | ") + 1
    return out


def named_sum(text: str, name: Namer | None = None) -> str:
    """A sum of terms and groups ``(A | B)`` with each term printed by ``name``.

    >>> named_sum("A*B + (C | ~D)", lambda t: t.lower())
    'a*b + (c | ~d)'
    """
    if name is None:
        return text
    out = []
    for term in terms_of(text):
        if term.startswith("(") and term.endswith(")"):
            out.append("(" + " | ".join(name(t) for t in term[1:-1].split(" | ")) + ")")
        else:
            out.append(name(term))
    return " + ".join(out)


def exchange_text(first: Sequence[str], other: Sequence[str], name: Namer | None = None) -> str:
    """How the sum of terms ``other`` differs from ``first``: the terms it has in place of
    those it lacks (each in its own order), each printed by ``name`` (a term or group of
    :func:`named_sum`) when given.

    >>> exchange_text(["A", "B", "C"], ["A", "C", "D", "E"])
    'with D + E in place of B'
    >>> exchange_text(["A", "B"], ["A", "B"])
    'the same'
    """
    have, had = set(first), set(other)
    added = [named_sum(t, name) for t in other if t not in have]
    dropped = [named_sum(t, name) for t in first if t not in had]
    if not added and not dropped:
        return "the same"
    if not dropped:
        return f"with {' + '.join(added)} added"
    if not added:
        return f"without {' + '.join(dropped)}"
    return f"with {' + '.join(added)} in place of {' + '.join(dropped)}"


def _number(n: int) -> str:
    """An exact count with thousands separators, and its order of magnitude when long.

    >>> _number(944), _number(227019435406037136311764905216551775398254648954191284797440)
    ('944', '227,019,435,406,037,136,311,764,905,216,551,775,398,254,648,954,191,284,797,440 (about 2.27e59)')
    """
    digits = str(n)
    if len(digits) <= 12:
        return f"{n:,}"
    rounded = str(round(n, 3 - len(digits)))  # (exact integer rounding to 3 digits)
    scale = len(digits) - 1 + (len(rounded) - len(digits))
    return f"{n:,} (about {rounded[0]}.{rounded[1:3]}e{scale})"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class ModelFactors:
    """Every minimal model at once: a fixed core plus one alternative of each part.

    The parts are independent (they explain disjoint sets of rows with disjoint sets of
    prime implicants), so the models are all the combinations and their number is the
    product of the parts' counts.

    Attributes
    ----------
    core : tuple of str
        Terms in every model.
    parts : tuple of tuple of str
        Per part, its alternatives as listed (each a sum of terms, e.g. ``"A*B + ~C"``;
        a group ``"(B | C)"`` in it: interchangeable terms, any one of which is taken).
        Distinct covers first; at most a hundred per part.
    counts : tuple of int or None
        Per part, how many alternatives exist, each group choice counted (None when
        counting stopped).
    counts_lower : tuple of int
        Per part, a proven lower bound on that number.

    >>> f = ModelFactors(("A",), (("B", "C"),), (2,), (2,))
    >>> print(f)
    A + (B | C)
    """

    core: tuple[str, ...]
    parts: tuple[tuple[str, ...], ...]
    counts: tuple[int | None, ...]
    counts_lower: tuple[int, ...]

    def _more(self, j: int, shown: int) -> str:
        """`` | ... N more`` when part ``j`` has more alternatives than its first ``shown``."""
        alternatives, count = self.parts[j], self.counts[j]
        known = count if count is not None else self.counts_lower[j]
        more = known - sum(stands_for(a) for a in alternatives[:shown])
        if more <= 0:
            return ""
        return f" | ... {more:,}{'' if count is not None else '+'} more"

    def __str__(self) -> str:
        shown = []
        for j, alternatives in enumerate(self.parts):
            listed = " | ".join(alternatives[:FORMULA_ALTERNATIVES])
            shown.append(f"({listed}{self._more(j, FORMULA_ALTERNATIVES)})")
        return " + ".join([*self.core, *shown])

    def describe(self, limit: int = DESCRIBED_ALTERNATIVES, name: Namer | None = None) -> list[str]:
        """Lines for a reader: the core, then each part with its count and its first
        ``limit`` alternatives (on one line when short, else one per line); long
        alternatives after the first are told by how they differ from it
        (:func:`exchange_text`). ``name`` prints each term (e.g. with set labels).

        >>> ModelFactors((), (("A", "B"), ("C*D",)), (2, None), (2, 1)).describe()
        ['core: none', 'part 1, 2 alternatives: A | B', 'part 2, at least 1 alternative: C*D | ... perhaps more']
        """
        core = f"core ({_plural(len(self.core), 'term')}): {' + '.join(named_sum(t, name) for t in self.core)}"
        lines = [core if self.core else "core: none"]
        for j, alternatives in enumerate(self.parts):
            count = self.counts[j]
            known = _number(count) if count is not None else f"at least {_number(self.counts_lower[j])}"
            many = count != 1 if count is not None else self.counts_lower[j] != 1
            head = f"part {j + 1}, {known} alternative{'s' if many else ''}"
            shown = alternatives[:limit]
            more = self._more(j, len(shown))
            if count is None and not more:
                more = " | ... perhaps more"  # (counting stopped)
            first = terms_of(shown[0]) if shown else []
            printed = [named_sum(a, name) for a in shown]
            one_line = f"{head}: {' | '.join(printed)}{more}"
            if len(first) <= LONG_MODEL and len(one_line) <= ONE_LINE:
                lines.append(one_line)
                continue
            long = len(first) > LONG_MODEL
            lines.append(f"{head}{f', the first of {len(first):,} terms' if long else ''}:")
            lines += [f"  {printed[0]}" if shown else "  (none listed)"]
            for alternative, text in zip(shown[1:], printed[1:], strict=True):
                lines.append(f"  or {exchange_text(first, terms_of(alternative), name) if long else text}")
            if more:
                lines.append(f"  or ...{more[len(' | ...'):]}")
        return lines

    def to_dict(self) -> dict[str, Any]:
        """Plain types for JSON: the core, then per part its count and listed alternatives.

        A part whose alternatives hold more than 10,000 terms and groups in all has
        ``alternatives`` None and ``alternatives_compact``: its terms and groups written
        once, as :meth:`qca.Solution.to_dict` writes many long models
        (:func:`qca.minimize._compact.expand_models` gives the strings back).

        >>> ModelFactors(("A",), (("B", "C"),), (2,), (2,)).to_dict()["parts"]
        [{'count': 2, 'count_lower': 2, 'alternatives': ['B', 'C']}]
        """
        parts = []
        for alternatives, count, low in zip(self.parts, self.counts, self.counts_lower, strict=True):
            part: dict[str, Any] = {"count": count, "count_lower": low}
            compact = compact_models([terms_of(a) for a in alternatives])
            if compact is None:
                part["alternatives"] = list(alternatives)
            else:
                part.update(alternatives=None, alternatives_compact=compact)
            parts.append(part)
        return {"core": list(self.core), "parts": parts}


def count_lines(
    count: int | None,
    lower: int,
    listed: int,
    factors: ModelFactors | None | Callable[[], ModelFactors | None],
    name: Namer | None = None,
) -> list[str]:
    """When more minimal models exist than the ``listed``: a line with their number
    (``count``, or at least ``lower`` when counting stopped), then the factorized
    description (:meth:`ModelFactors.describe`, terms printed by ``name``); else no line.
    ``factors`` may be a function giving them, called only then.

    >>> count_lines(3, 3, 1, ModelFactors((), (("A", "B", "C"),), (3,), (3,)))
    ['3 minimal models in all (1 listed), each the core and one alternative of each part:', 'core: none', 'part 1, 3 alternatives: A | B | C']
    >>> count_lines(3, 3, 3, None)
    []
    """
    total = count if count is not None else lower
    if not total or total <= listed:
        return []
    head = f"{'' if count is not None else 'at least '}{_number(total)} minimal models in all ({listed:,} listed)"
    if callable(factors):
        factors = factors()
    if factors is None:
        return [head]
    return [f"{head}, each the core and one alternative of each part:", *factors.describe(name=name)]
