"""Sum-of-products expressions: parsing, printing and set membership.

One parser serves the whole toolkit. ``*`` is AND, ``+`` is OR, ``~`` is NOT,
parentheses group, ``A[2]`` is value 2 of a multi-value condition (``A{2}`` is accepted on
input), ``A[1,2]`` is "A is 1 or 2". A relation arrow ``->`` (sufficiency) or ``<-``
(necessity) may separate an expression from its outcome. Parentheses and negated groups
are expanded into a sum of products (De Morgan), so every :class:`Expression` is a tuple
of terms and every term a tuple of literals.

Membership follows fuzzy-set algebra: AND is the minimum, OR the maximum, NOT is ``1 - x``.

>>> import pandas as pd
>>> data = pd.DataFrame({"A": [0.2, 0.9, 0.6], "B": [0.7, 0.6, 0.1]}, index=["x", "y", "z"])
>>> membership(data, "A*~B + ~A*B").tolist()
[0.7, 0.4, 0.6]
>>> str(parse_expression("~(A + B[1,2])"))
'~A[1]*~B[1,2]'

Set names are Python identifiers, Unicode included:

>>> parse_expression("政治势能*~中坚干部 + 权力适配").names
['政治势能', '中坚干部', '权力适配']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from qca._limits import limit, over, shorten
from qca._text import display_width
from qca.exceptions import DataError, ExpressionError, InvalidParameterError

__all__ = [
    "Literal",
    "Expression",
    "parse_expression",
    "parse_for_data",
    "membership",
    "literal_membership",
    "format_literal",
    "format_term",
    "format_values",
    "is_multivalue",
]

Term = tuple["Literal", ...]

#: Cells that mark a temporal "don't care" (R: ``"-"``; old data sets: ``"dc"``), as in truth_table.
_DONT_CARE = ("-", "dc")

#: A set name: a Python identifier, Unicode included (DEV, 政治势能, Größe). The pattern is
#: a superset (word characters not starting with a digit); _Parser checks str.isidentifier().
_NAME = re.compile(r"[^\W\d]\w*")
_TOKEN = re.compile(
    r"\s*(?:(?P<arrow><->|->|<-)|(?P<name>[^\W\d]\w*)"
    r"|(?P<values>[\[{][^\]}]*[\]}])|(?P<op>[*+~()])|(?P<bad>\S))"
)


@dataclass(frozen=True)
class Literal:
    """One condition restricted to some of its values, possibly negated.

    ``A`` is ``Literal("A", {1})``, ``~A`` is ``Literal("A", {1}, negated=True)`` and
    ``A[1,2]`` is ``Literal("A", {1, 2})``.

    >>> Literal("DEV", frozenset({2})).text(multivalue=True)
    'DEV[2]'
    """

    name: str
    values: frozenset[int] = frozenset({1})
    negated: bool = False
    position: int | None = field(default=None, compare=False, repr=False)

    def negate(self) -> Literal:
        """The complement of this literal."""
        return Literal(self.name, self.values, not self.negated, self.position)

    def text(self, multivalue: bool = False) -> str:
        """The literal as R QCA prints it."""
        return format_literal(self.name, self.values, negated=self.negated, multivalue=multivalue)


@dataclass(frozen=True)
class Expression:
    """A parsed expression: a disjunction of conjunctions of literals.

    ``relation`` is ``"sufficiency"`` (``X -> Y``) or ``"necessity"`` (``X <- Y``) when the
    text had an arrow; ``terms`` are then those of X and ``outcome`` is Y.

    >>> e = parse_expression("DEV*~IND + URB*STB -> SURV")
    >>> [len(t) for t in e.terms], e.relation, str(e.outcome)
    ([2, 2], 'sufficiency', 'SURV')
    """

    terms: tuple[Term, ...]
    text: str = ""
    relation: str | None = None
    outcome: Expression | None = None

    @property
    def names(self) -> list[str]:
        """Set names used, in order of first appearance."""
        seen: dict[str, None] = {}
        for term in self.terms:
            for lit in term:
                seen.setdefault(lit.name, None)
        return list(seen)

    def format(self, conditions: Sequence[str] | None = None, multivalue: bool = False) -> str:
        """Print the terms with literals in the order of ``conditions``."""
        return " + ".join(format_term(t, conditions, multivalue) for t in self.terms)

    def __str__(self) -> str:
        multivalue = any(
            len(lit.values) > 1 or max(lit.values) > 1 for t in self.terms for lit in t
        )
        return " + ".join("*".join(lit.text(multivalue) for lit in t) for t in self.terms)


# ---------------------------------------------------------------------------- parsing
class _Parser:
    def __init__(self, text: str, *, expand: bool = True) -> None:
        self.text = text
        self.tokens = self._tokenize(text)
        self.pos = 0
        self.depth = 0
        self.max_depth = limit("max_expression_depth")
        # expand=False checks the syntax only (linear time): products are not multiplied out
        self.expand = expand
        self.budget = [limit("max_expression_terms")]  # products left for this parse

    def _tokenize(self, text: str) -> list[tuple[str, str, int]]:
        tokens = []
        for match in _TOKEN.finditer(text):
            kind = match.lastgroup
            if kind is None:
                continue
            value = match.group(kind)
            start = match.start(kind)
            if kind == "bad":
                self._fail(f"unexpected character {value!r}", start)
            if kind == "name" and not value.isidentifier():
                self._fail(f"{value!r} is not a set name (names are identifiers)", start)
            tokens.append((kind, value, start))
        return tokens

    def _fail(self, what: str, position: int) -> None:
        text, at = _window(self.text, position)
        pointer = " " * display_width(text[:at]) + "^"
        raise ExpressionError(
            f"Syntax error in expression {shorten(self.text)!r} at position {position}: {what}.\n"
            f"  {text}\n  {pointer}",
            position,
        )

    def _peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _end(self) -> int:
        return len(self.text.rstrip())

    def parse(self) -> Expression:
        if not self.tokens:
            raise ExpressionError(f"The expression {self.text!r} is empty.", 0)
        try:
            return self._relation()
        except _TooLarge as exc:
            raise ExpressionError(
                over(
                    "max_expression_terms",
                    exc.size,
                    f"The expression {shorten(self.text)!r} needs {exc.size:,} products or "
                    "more to expand (a product of sums, or '~' over a sum, multiplies out)",
                    "(write it as a sum of products)",
                )
            ) from None

    def _relation(self) -> Expression:
        left = self._sum()
        token = self._peek()
        if token is None:
            return Expression(left, self.text)
        if token[0] != "arrow" or token[1] == "<->":
            self._fail(f"expected '*', '+' or an arrow, got {token[1]!r}", token[2])
        self.pos += 1
        right = self._sum()
        if self._peek() is not None:
            extra = self._peek()
            assert extra is not None
            self._fail(f"unexpected {extra[1]!r} after the outcome", extra[2])
        if token[1] == "->":
            return Expression(left, self.text, "sufficiency", Expression(right))
        return Expression(left, self.text, "necessity", Expression(right))

    def _sum(self) -> tuple[Term, ...]:
        terms = list(self._product())
        while (token := self._peek()) is not None and token[1] == "+":
            self.pos += 1
            terms.extend(self._product())
        return _unique(terms)

    def _product(self) -> tuple[Term, ...]:
        result = self._factor()
        while (token := self._peek()) is not None and token[1] == "*":
            self.pos += 1
            factor = self._factor()
            result = _and(result, factor, self.budget) if self.expand else result
        return result

    def _factor(self) -> tuple[Term, ...]:
        # a run of '~' is read in a loop, not by recursion: '~~~~A' cannot exhaust the stack
        negations = 0
        while (token := self._peek()) is not None and token[1] == "~":
            negations += 1
            self.pos += 1
        inner = self._operand()
        for _ in range(negations if self.expand else 0):
            inner = _not(inner, self.budget)
        return inner

    def _operand(self) -> tuple[Term, ...]:
        token = self._peek()
        if token is None:
            self._fail("the expression ends where a set name was expected", self._end())
        assert token is not None
        kind, value, start = token
        self.pos += 1
        if value == "(":
            self.depth += 1
            if self.depth > self.max_depth:
                raise ExpressionError(
                    over(
                        "max_expression_depth",
                        self.depth,
                        f"The expression {shorten(self.text)!r} nests parentheses more than "
                        f"{self.max_depth} deep (at position {start})",
                    ),
                    start,
                )
            inner = self._sum()
            self.depth -= 1
            closing = self._peek()
            if closing is None or closing[1] != ")":
                where = closing[2] if closing else self._end()
                self._fail("missing ')'", where)
            self.pos += 1
            return inner
        if kind != "name":
            self._fail(f"expected a set name, got {value!r}", start)
        values = frozenset({1})
        following = self._peek()
        if following is not None and following[0] == "values":
            self.pos += 1
            values = self._values(following[1], following[2])
        return ((Literal(value, values, False, start),),)

    def _values(self, text: str, start: int) -> frozenset[int]:
        inner = text[1:-1]
        parts = [p.strip() for p in inner.split(",")]
        if not all(re.fullmatch(r"\d+", p) for p in parts):
            self._fail(f"expected integer values like [1] or [1,2], got {text!r}", start)
        return frozenset(int(p) for p in parts)


def _unique(terms: Iterable[Term]) -> tuple[Term, ...]:
    seen: dict[Term, None] = {}
    for term in terms:
        seen.setdefault(term, None)
    return tuple(seen)


def _window(text: str, position: int, width: int = 60) -> tuple[str, int]:
    """At most ``2 * width`` characters of ``text`` around ``position``, and its offset there."""
    if len(text) <= 2 * width:
        return text, position
    start = max(0, position - width)
    piece = text[start : position + width]
    prefix = "..." if start > 0 else ""
    suffix = "..." if position + width < len(text) else ""
    return prefix + piece + suffix, position - start + len(prefix)


class _TooLarge(Exception):
    """An expansion step would produce more products than max_expression_terms."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _and(
    left: tuple[Term, ...], right: tuple[Term, ...], budget: list[int] | None = None
) -> tuple[Term, ...]:
    # the cost is known before the work: len(left) * len(right) products. With a budget
    # (one per parse), the products of every step count against it, so forty steps of
    # 99,000 products each are refused as surely as one step of 4 million.
    size = len(left) * len(right)
    if budget is not None:
        budget[0] -= size
        if budget[0] < 0:
            raise _TooLarge(limit("max_expression_terms") - budget[0])
    elif size > limit("max_expression_terms"):
        raise _TooLarge(size)
    products = []
    for a in left:
        for b in right:
            merged: dict[Literal, None] = dict.fromkeys(a)
            merged.update(dict.fromkeys(b))
            products.append(tuple(merged))
    return _unique(products)


def _not(terms: tuple[Term, ...], budget: list[int] | None = None) -> tuple[Term, ...]:
    # De Morgan: ~(t1 + t2) = ~t1 * ~t2, and ~(a*b) = ~a + ~b
    result: tuple[Term, ...] = ((),)
    for term in terms:
        result = _and(result, tuple((lit.negate(),) for lit in term), budget)
    return result


def parse_expression(text: str | Expression) -> Expression:
    """Parse a sum-of-products expression, optionally with a relation arrow.

    Parameters
    ----------
    text : str
        For example ``"DEV*~IND + URB*STB"``, ``"DEV[2] + DEV[1]*IND[0]"`` or
        ``"LIT*STB <- SURV"``.

    Returns
    -------
    Expression

    Raises
    ------
    ExpressionError
        On a syntax error; the message points at the position.

    Examples
    --------
    >>> parse_expression("A*(B + ~C)").format(["A", "B", "C"])
    'A*B + A*~C'
    >>> parse_expression("A*+B")
    Traceback (most recent call last):
    ...
    qca.exceptions.ExpressionError: Syntax error in expression 'A*+B' at position 2: expected a set name, got '+'.
      A*+B
        ^
    """
    if isinstance(text, Expression):
        return text
    if not isinstance(text, str):
        raise ExpressionError(f"An expression must be a string. Got {type(text).__name__} instead.")
    _check_length(text)
    return _Parser(text.replace("{", "[").replace("}", "]")).parse()


def _check_length(text: str) -> None:
    if len(text) > limit("max_expression_chars"):
        raise ExpressionError(
            over(
                "max_expression_chars",
                len(text),
                f"The expression {shorten(text)!r} is {len(text):,} characters long",
            )
        )


def _name_tokens(text: str) -> list[tuple[str, int]]:
    """(name, position) of every set name in ``text``, without parsing it."""
    return [
        (match.group("name"), match.start("name"))
        for match in _TOKEN.finditer(text)
        if match.lastgroup == "name"
    ]


def _letter_products(text: str, names: Sequence[str]) -> str | None:
    """R's letter notation rewritten with ``*``: ``"SR~V"`` -> ``"S*R*~V"``.

    A name that is not a set but whose characters are all one-letter ASCII sets (R's
    notation) is split into them, and ``*`` is inserted between two operands written side
    by side. None when the text holds a character no expression may hold.
    """
    known = set(names)
    letters = {n for n in names if len(n) == 1 and n.isascii()}  # never split 政治 into 政*治
    out: list[str] = []
    operand_before = False
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind is None:
            continue
        value = match.group(kind)
        if kind == "bad":
            return None
        if kind == "name":
            split = value not in known and all(ch in letters for ch in value)
            piece = "*".join(value) if split else value
            out.append(("*" if operand_before else "") + piece)
            operand_before = True
        elif kind == "values" or value == ")":
            out.append(value)
            operand_before = True
        elif value in ("~", "("):
            out.append(("*" if operand_before else "") + value)
            operand_before = False
        else:
            out.append(f" {value} ")
            operand_before = False
    return "".join(out)


def _unknown_names(expr: Expression, names: Sequence[str]) -> list[str]:
    known = set(names)
    return [lit.name for term in expr.terms for lit in term if lit.name not in known]


def parse_for_data(expr: str | Expression, names: Sequence[str]) -> Expression:
    """Parse an expression over the sets `names`, also in R's letter notation.

    With sets named by one letter, R QCA lets products be written without ``*``
    (``"SR~V + CLP~V"`` for ``"S*R*~V + C*L*P*~V"``). The text is read as usual first; only
    when that fails (a syntax error or an unknown set name) is it read in letter notation: a
    name that is not a set but whose characters all are one-letter sets stands for their
    product, and operands written side by side are multiplied. If that reading fails too,
    the original error stands.

    Examples
    --------
    >>> parse_for_data("SR~V + CLP~V", ["S", "C", "L", "R", "P", "V"]).format(list("SCLRPV"))
    'S*R*~V + C*L*P*~V'
    >>> parse_for_data("DEV*~IND", ["DEV", "IND"]).format(["DEV", "IND"])
    'DEV*~IND'
    """
    if isinstance(expr, Expression):
        return expr
    if isinstance(expr, str):
        _check_length(expr)
        _unknown_before_expanding(expr, names)
    try:
        parsed: Expression | None = parse_expression(expr)
        failure: ExpressionError | None = None
    except ExpressionError as exc:
        parsed, failure = None, exc
    if parsed is not None and not _unknown_names(parsed, names):
        return parsed
    rewritten = _letter_products(expr, names) if isinstance(expr, str) else None
    if rewritten is not None:
        try:
            alternative = parse_expression(rewritten)
        except ExpressionError:
            alternative = None
        if alternative is not None and not _unknown_names(alternative, names):
            return replace(alternative, text=expr)
    if failure is not None:
        raise failure
    assert parsed is not None
    return parsed


def _unknown_before_expanding(text: str, names: Sequence[str]) -> None:
    """Raise for an unknown set name before any expansion (which may be exponential).

    Letter notation is tried first, as :func:`parse_for_data` does; a syntax error is
    still reported before an unknown name.
    """
    known = set(names)
    unknown = [(n, p) for n, p in _name_tokens(text) if n not in known]
    if not unknown:
        return
    rewritten = _letter_products(text, names)
    if rewritten is not None and all(n in known for n, _ in _name_tokens(rewritten)):
        return
    _Parser(text.replace("{", "[").replace("}", "]"), expand=False).parse()
    name, position = unknown[0]
    raise _unknown_name(name, position, text, names)


def _unknown_name(
    name: str, position: int | None, text: str, columns: Sequence[object]
) -> ExpressionError:
    hint = [c for c in columns if str(c).upper() == name.upper()]
    listed = [str(c) for c in columns]
    known = ", ".join(listed[:50]) + (f", ... ({len(listed)} sets)" if len(listed) > 50 else "")
    where = f" at position {position}" if position is not None else ""
    extra = f" Did you mean {hint[0]!r}?" if hint else ""
    return ExpressionError(
        f"Unknown set name {shorten(name)!r}{where} in expression {shorten(text)!r}."
        f"{extra} Known sets: {known}.",
        position,
    )


# ---------------------------------------------------------------------------- printing
def format_literal(
    name: str, values: Iterable[int], *, negated: bool = False, multivalue: bool = False
) -> str:
    """Print one literal as R QCA does.

    >>> format_literal("A", [0]), format_literal("A", [1], negated=True)
    ('~A', '~A')
    >>> format_literal("A", [1, 2], multivalue=True)
    'A[1,2]'
    """
    vals = sorted(set(values))
    if not multivalue and vals in ([0], [1]):
        positive = (vals == [1]) != negated
        return name if positive else "~" + name
    text = f"{name}[{','.join(str(v) for v in vals)}]"
    return "~" + text if negated else text


def format_term(
    term: Iterable[Literal], conditions: Sequence[str] | None = None, multivalue: bool = False
) -> str:
    """Print a conjunction with literals in the order of ``conditions``.

    >>> format_term(parse_expression("STB*~DEV").terms[0], ["DEV", "STB"])
    '~DEV*STB'
    """
    literals = list(term)
    if conditions is not None:
        order = {name: i for i, name in enumerate(conditions)}
        literals.sort(key=lambda lit: order.get(lit.name, len(order)))
    return "*".join(lit.text(multivalue) for lit in literals)


def format_values(
    values: Sequence[int], conditions: Sequence[str], multivalue: bool = False
) -> str:
    """Print a term given as one value per condition (-1 = the condition is absent).

    This is how the minimizer's integer terms become strings.

    >>> format_values([1, -1, 0], ["DEV", "URB", "IND"])
    'DEV*~IND'
    >>> format_values([2, -1, 0], ["DEV", "URB", "IND"], multivalue=True)
    'DEV[2]*IND[0]'
    """
    parts = [
        format_literal(name, [int(v)], multivalue=multivalue)
        for name, v in zip(conditions, values, strict=True)
        if v >= 0
    ]
    return "*".join(parts)


# ---------------------------------------------------------------------------- membership
def is_multivalue(data: pd.DataFrame, conditions: Sequence[str] | None = None) -> bool:
    """True when some condition holds a value above 1 (multi-value crisp data).

    >>> is_multivalue(pd.DataFrame({"A": [0, 2], "B": [0.3, 1]}))
    True
    """
    columns = list(conditions) if conditions is not None else list(data.columns)
    for name in columns:
        numbers = pd.to_numeric(data[name], errors="coerce")
        if numbers.max(skipna=True) > 1:
            return True
    return False


def literal_membership(column: pd.Series, literal: Literal) -> np.ndarray:
    """Membership of each case in one literal.

    A column with values above 1 (or a literal asking for one) is multi-value crisp:
    ``A[v]`` is 1 where the value is v. Otherwise the column is a fuzzy or crisp set:
    ``A`` / ``A[1]`` is x and ``A[0]`` is 1 - x. A ``"-"`` cell (temporal don't care; old
    data sets such as RagStr write ``"dc"``, as the truth table accepts) has membership 0 in
    every literal of its condition.

    >>> literal_membership(pd.Series([0, 1, 2]), Literal("A", frozenset({1, 2}))).tolist()
    [0.0, 1.0, 1.0]
    """
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_complex_dtype(column.dtype):
        # numbers hold no "-" cells; a NumPy column's missing values are already NaN
        plain = isinstance(column.dtype, np.dtype)
        x = column.to_numpy(dtype=float) if plain else column.to_numpy(dtype=float, na_value=np.nan)
        dash = np.zeros(len(x), dtype=bool)
    else:
        dash = column.astype(str).str.strip().isin(_DONT_CARE).to_numpy()
        x = pd.to_numeric(column.where(~dash, np.nan), errors="coerce").to_numpy(dtype=float)
    finite = x[~np.isnan(x)]
    _check_column(column, x, dash, literal)
    crisp_mv = max(literal.values) > 1 or (finite.size > 0 and finite.max() > 1)
    if crisp_mv:
        m = np.isin(x, sorted(literal.values)).astype(float)
    elif literal.values == frozenset({1}):
        m = x.copy()
    elif literal.values == frozenset({0}):
        m = 1.0 - x
    else:
        m = np.ones_like(x)
    if literal.negated:
        m = 1.0 - m
    m[dash] = 0.0
    return m


def _cases(index: pd.Index, where: np.ndarray) -> str:
    return ", ".join(map(str, index[where][:10]))


def _check_column(column: pd.Series, x: np.ndarray, dash: np.ndarray, literal: Literal) -> None:
    """Raise DataError unless the column holds memberships, codes 0, 1, 2, ... or '-'.

    Missing values are allowed: their membership is NaN, as in R's ``compute``.
    """
    name = str(column.name if column.name is not None else literal.name)
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "biuf":
        bad = np.zeros(len(x), dtype=bool)  # x is the column itself: NaN only where missing
    else:
        bad = np.isnan(x) & ~dash & column.notna().to_numpy()
    if bad.any():
        held = ", ".join(map(repr, column[bad].astype(str).unique()[:5]))
        raise DataError(
            f"The set {name!r} must hold memberships (numbers in [0, 1]), multi-value codes "
            f"(0, 1, 2, ...) or '-'. Cases {_cases(column.index, bad)} hold {held}."
        )
    fraction = ~np.isnan(x) & (x != np.round(x))
    if fraction.any():
        outside = (x < 0) | (x > 1)
        if outside.any():
            raise DataError(
                f"The set {name!r} mixes fractions with values outside [0, 1] (cases "
                f"{_cases(column.index, outside)}): fuzzy memberships must lie in [0, 1]."
            )
        if max(literal.values) > 1:
            raise ExpressionError(
                f"The literal {literal.text(True)!r} asks for value {max(literal.values)} of "
                f"{name!r}, a fuzzy set (memberships in [0, 1]): only {literal.name}[0] and "
                f"{literal.name}[1] exist.",
                literal.position,
            )
    negative = x < 0
    if negative.any():
        raise DataError(
            f"The set {name!r} holds negative values (cases {_cases(column.index, negative)}): "
            "expected memberships in [0, 1] or multi-value codes 0, 1, 2, ..."
        )


def _check_names(data: pd.DataFrame, expr: Expression) -> None:
    for term in expr.terms:
        for lit in term:
            if lit.name in data.columns:
                continue
            raise _unknown_name(lit.name, lit.position, expr.text or str(expr), list(data.columns))


def membership(data: pd.DataFrame, expr: str | Expression) -> pd.Series:
    """Membership of each case in an expression (fuzzy min / max / 1 - x).

    Parameters
    ----------
    data : pandas.DataFrame
        Cases in rows, sets in columns (fuzzy, crisp or multi-value).
    expr : str or Expression
        A sum of products such as ``"DEV*~IND + URB*STB"`` or ``"DEV[2] + IND[0]"``.

    Returns
    -------
    pandas.Series
        Indexed like ``data``, named by the expression.

    Examples
    --------
    >>> data = pd.DataFrame({"DEV": [0, 1, 2], "IND": [1, 0, 0]}, index=["a", "b", "c"])
    >>> membership(data, "DEV[2] + DEV[1]*~IND").to_dict()
    {'a': 0.0, 'b': 1.0, 'c': 1.0}
    """
    if not isinstance(data, pd.DataFrame):
        raise InvalidParameterError(
            "The 'data' parameter of membership must be a pandas DataFrame. "
            f"Got {type(data).__name__} instead."
        )
    from qca._validation import check_columns

    check_columns(data, "data", "membership")
    parsed = parse_for_data(expr, [str(c) for c in data.columns])
    if parsed.relation is not None:
        raise ExpressionError(
            f"membership takes an expression without a relation arrow. Got {parsed.text!r}."
        )
    _check_names(data, parsed)
    total = np.zeros(len(data))
    known: dict[Literal, np.ndarray] = {}  # each literal computed once, however many terms
    for term in parsed.terms:
        part = np.ones(len(data))
        for lit in term:
            if lit not in known:
                known[lit] = literal_membership(data[lit.name], lit)
            part = np.minimum(part, known[lit])
        total = np.maximum(total, part)
    name = parsed.text or str(parsed)
    return pd.Series(total, index=data.index, name=name)
