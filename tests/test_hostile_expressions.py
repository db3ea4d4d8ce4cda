"""Hostile expressions (issue 17): unknown names found before any expansion, nesting and
length limits instead of RecursionError, a cost check before each exponential step."""

from __future__ import annotations

import pandas as pd
import pytest
from hostile import run_limited

import qca
from qca.exceptions import ExpressionError

DATA = pd.DataFrame({"A": [0.1, 0.9, 0.6], "B": [0.7, 0.2, 0.6], "C": [0.3, 0.8, 0.5]})


def test_long_product_of_sums_over_unknown_names_fails_fast():
    # ~600 characters; multiplied out it has 3**30 products: names are checked first
    expr = "(" + ")*(".join(" + ".join(f"N{i}{j}" for j in range(3)) for i in range(30)) + ")"
    code = (
        "import pandas as pd, qca\n"
        "try:\n"
        f" qca.membership(pd.DataFrame({{'A': [0.1, 0.9]}}), {expr!r})\n"
        "except qca.ExpressionError as e: print('REFUSED', e)"
    )
    result = run_limited(code, seconds=15, memory_mb=800)
    assert result.ok and "REFUSED Unknown set name 'N00' at position 1" in result.text, result.text
    with pytest.raises(ExpressionError, match="Unknown set name 'N00'"):
        qca.fit(expr, "A", DATA)


def test_syntax_error_still_reported_before_an_unknown_name():
    with pytest.raises(ExpressionError, match="Syntax error"):
        qca.membership(DATA, "FOO*+A")


def test_product_of_sums_over_known_names_is_refused_before_expanding():
    expr = "*".join(f"(A{i} + B{i} + C{i})" for i in range(20))  # 3**20 products
    code = (
        "import pandas as pd, qca\n"
        "data = pd.DataFrame({f'{x}{i}': [0.5] for x in 'ABC' for i in range(20)})\n"
        "try:\n"
        f" qca.membership(data, {expr!r})\n"
        "except qca.ExpressionError as e: print('REFUSED', e)"
    )
    result = run_limited(code, seconds=15, memory_mb=800)
    assert result.ok and "REFUSED" in result.text, result.text
    assert "QCA_MAX_EXPRESSION_TERMS" in result.text
    assert "A + B + C" not in result.text or len(result.text) < 600


def test_negated_sum_is_refused_before_expanding():
    expr = "~(" + " + ".join(f"A*B*C*{c}" for c in ["A", "B", "C"] * 10) + ")"
    # 4 literals per term, 30 terms: 4**30 products, but after dedup far fewer; either
    # the result or a clear refusal, never a hang
    code = (
        "import pandas as pd, qca\n"
        "try:\n"
        f" print(qca.membership(pd.DataFrame({{'A': [0.1], 'B': [0.2], 'C': [0.3]}}), {expr!r}).tolist())\n"
        "except qca.ExpressionError as e: print('REFUSED', e)"
    )
    result = run_limited(code, seconds=15, memory_mb=800)
    assert result.ok, result.text


def test_deep_parentheses_are_an_expression_error_not_recursion():
    text = "(" * 150 + "A" + ")" * 150
    with pytest.raises(ExpressionError, match=r"more than 100 deep.*QCA_MAX_EXPRESSION_DEPTH"):
        qca.membership(DATA, text)
    assert qca.membership(DATA, "(" * 90 + "A" + ")" * 90).tolist() == DATA["A"].tolist()


def test_deep_parentheses_over_the_length_limit(monkeypatch):
    text = "(" * 20_000 + "A" + ")" * 20_000
    with pytest.raises(ExpressionError, match=r"40,001 characters.*QCA_MAX_EXPRESSION_CHARS"):
        qca.membership(DATA, text)
    monkeypatch.setenv("QCA_MAX_EXPRESSION_CHARS", "100000")
    with pytest.raises(ExpressionError, match="QCA_MAX_EXPRESSION_DEPTH"):
        qca.parse_expression(text)


def test_long_runs_of_negation_do_not_recurse(monkeypatch):
    monkeypatch.setenv("QCA_MAX_EXPRESSION_CHARS", "100000")
    assert qca.membership(DATA, "~" * 5000 + "A").tolist() == DATA["A"].tolist()
    assert qca.membership(DATA, "~" * 5001 + "A").round(6).tolist() == [0.9, 0.1, 0.4]


def test_error_messages_shorten_a_long_expression():
    text = "A*" * 4000 + "+"
    with pytest.raises(ExpressionError) as info:
        qca.membership(DATA, "ZZZ" * 3000)
    assert len(str(info.value)) < 400
    with pytest.raises(ExpressionError, match="at position 8000") as info:
        qca.parse_expression(text)
    message = str(info.value)
    assert len(message) < 500
    # the pointer still points at the offending character in the excerpt shown
    excerpt, pointer = message.splitlines()[1:3]
    assert excerpt[pointer.index("^")] == "+"
