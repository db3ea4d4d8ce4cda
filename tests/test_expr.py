"""Tests of the expression parser, printer and membership."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qca.exceptions import ExpressionError
from qca.expr import (
    Literal,
    format_term,
    format_values,
    is_multivalue,
    membership,
    parse_expression,
)

DATA = pd.DataFrame(
    {"A": [0.2, 0.9, 0.6, 1.0], "B": [0.7, 0.6, 0.1, 0.0], "C": [0.5, 0.3, 0.8, 1.0]},
    index=["x", "y", "z", "NA"],
)


def test_sum_of_products_structure():
    e = parse_expression("DEV*~IND + URB*STB")
    assert [[(lit.name, lit.negated) for lit in t] for t in e.terms] == [
        [("DEV", False), ("IND", True)],
        [("URB", False), ("STB", False)],
    ]
    assert e.relation is None and e.outcome is None


def test_arrows_give_relation_and_outcome():
    suf = parse_expression("A*B -> Y")
    nec = parse_expression("LIT*STB <- SURV")
    assert (suf.relation, str(suf.outcome), str(suf)) == ("sufficiency", "Y", "A*B")
    assert (nec.relation, str(nec.outcome), str(nec)) == ("necessity", "SURV", "LIT*STB")


def test_de_morgan_expansion():
    assert parse_expression("~(A*B)").format(["A", "B"]) == "~A + ~B"
    assert parse_expression("~(A + B)").format(["A", "B"]) == "~A*~B"
    assert parse_expression("(A + B)*(C + ~A)").format(["A", "B", "C"]) == "A*C + A*~A + B*C + ~A*B"


def test_multivalue_literals_and_braces():
    e = parse_expression("DEV{2} + DEV[1,2]*IND[0]")
    assert e.terms[0][0] == Literal("DEV", frozenset({2}))
    assert e.terms[1][0].values == frozenset({1, 2})
    assert str(e) == "DEV[2] + DEV[1,2]*IND[0]"


@pytest.mark.parametrize(
    ("text", "position"),
    [("A*+B", 2), ("A*(B + C", 8), ("A + ", 3), ("A $ B", 2), ("A[x]", 1), ("A B", 2), ("", 0)],
)
def test_syntax_errors_point_at_the_position(text, position):
    with pytest.raises(ExpressionError) as info:
        parse_expression(text)
    assert info.value.position == position


def test_unknown_set_name_is_named_with_a_hint():
    with pytest.raises(ExpressionError, match=r"Unknown set name 'a' at position 0.*Did you mean 'A'"):
        membership(DATA, "a*B")


def test_fuzzy_membership_min_max_not():
    got = membership(DATA, "A*~B + C")
    want = np.maximum(np.minimum(DATA.A, 1 - DATA.B), DATA.C)
    np.testing.assert_allclose(got.to_numpy(), want.to_numpy())
    assert list(got.index) == ["x", "y", "z", "NA"]


def test_multivalue_membership_is_crisp_equality():
    data = pd.DataFrame({"DEV": [0, 1, 2, 2], "IND": [1, 0, 0, 1]})
    assert membership(data, "DEV[2] + DEV[1]*IND[0]").tolist() == [0, 1, 1, 1]
    assert membership(data, "~DEV[0,1]").tolist() == [0, 0, 1, 1]
    assert is_multivalue(data) and not is_multivalue(DATA)


def test_temporal_dont_care_has_zero_membership_in_both_literals():
    data = pd.DataFrame({"EBA": ["0", "1", "-"], "S": [1, 1, 1]})
    assert membership(data, "EBA*S").tolist() == [0, 1, 0]
    assert membership(data, "~EBA").tolist() == [1, 0, 0]


def test_relation_arrow_is_refused_by_membership():
    with pytest.raises(ExpressionError, match="without a relation arrow"):
        membership(DATA, "A -> B")


def test_printing_follows_condition_order():
    term = parse_expression("C*~A").terms[0]
    assert format_term(term, ["A", "B", "C"]) == "~A*C"
    assert format_values([0, -1, 1], ["A", "B", "C"]) == "~A*C"
    assert format_values([0, -1, 1], ["A", "B", "C"], multivalue=True) == "A[0]*C[1]"


_names = st.sampled_from(["A", "B", "C"])
_literal = st.builds(lambda n, neg: ("~" if neg else "") + n, _names, st.booleans())
_term = st.lists(_literal, min_size=1, max_size=3).map("*".join)
_expr = st.lists(_term, min_size=1, max_size=3).map(" + ".join)


@settings(max_examples=200, deadline=None)
@given(_expr)
def test_negated_group_is_the_complement(text):
    # ~(E) expanded by De Morgan must have membership 1 - membership(E) (fuzzy algebra)
    direct = membership(DATA, text).to_numpy()
    negated = membership(DATA, f"~({text})").to_numpy()
    np.testing.assert_allclose(negated, 1 - direct, atol=1e-12)
