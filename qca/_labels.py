"""Labels in place of set names, for reports that ask for them (R's ``use.labels``).

>>> label_expression("PM*~CA + PF", {"PM": "momentum", "CA": "cadres"})
'momentum*~cadres + PF'
"""

from __future__ import annotations

from collections.abc import Mapping

from qca.exceptions import ExpressionError
from qca.expr import parse_expression

__all__ = ["label_expression", "label_name"]


def label_name(name: str, labels: Mapping[str, str]) -> str:
    """A set name (possibly ``~``-negated) with its label, when it has one.

    >>> label_name("~OC", {"OC": "组织变革"})
    '~组织变革'
    """
    bare = name.lstrip("~")
    if bare in labels and labels[bare]:
        return name[: len(name) - len(bare)] + str(labels[bare])
    return name


def label_expression(text: str, labels: Mapping[str, str]) -> str:
    """An expression printed with labels in place of set names (literal order kept).

    Text that is not an expression (a row label such as ``(model)``) comes back as is.

    >>> label_expression("政治势能*权力适配", {"政治势能": "政治势能适时强化"})
    '政治势能适时强化*权力适配'
    """
    if not labels:
        return text
    try:
        parsed = parse_expression(text)
    except ExpressionError:  # not an expression: leave it
        return text
    if parsed.relation is not None:
        return text
    terms = []
    for term in parsed.terms:
        parts = []
        for lit in term:
            printed = lit.text(multivalue=len(lit.values) > 1 or max(lit.values) > 1)
            parts.append(printed.replace(lit.name, str(labels.get(lit.name) or lit.name), 1))
        terms.append("*".join(parts))
    return " + ".join(terms)
