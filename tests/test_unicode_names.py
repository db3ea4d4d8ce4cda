"""Set names are Python identifiers, Unicode included (API.md, Notation): 政治势能, Größe.

Names in any script go through expressions, case sheets (xlsx and csv), calibration and
analysis sheets and the printed tables; a column that is not an identifier gets an error
naming it and the fix.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import qca
from qca._text import display_width, pad_left, pad_right, suggest_name
from qca.exceptions import DataError, ExpressionError
from qca.expr import parse_expression, parse_for_data

ZH = ["政治势能", "中坚干部", "权力适配"]


def _zh_data() -> pd.DataFrame:
    # three conditions, an outcome 组织变革 = 政治势能*权力适配 + 中坚干部*权力适配 (crisp)
    rows = []
    for a in (0, 1):
        for b in (0, 1):
            for c in (0, 1):
                rows.append([a, b, c, int((a or b) and c)])
    frame = pd.DataFrame(rows, columns=[*ZH, "组织变革"])
    frame.index = [f"{i}区" for i in range(len(frame))]
    return frame


def test_expression_with_chinese_names_parses_and_prints_in_data_order():
    expr = parse_expression("政治势能*~中坚干部 + 权力适配")
    assert expr.names == ZH
    assert expr.format(["中坚干部", "政治势能", "权力适配"]) == "~中坚干部*政治势能 + 权力适配"
    assert str(parse_expression("~(Größe + 权力适配[1,2])")) == "~Größe[1]*~权力适配[1,2]"


def test_non_identifier_word_is_refused_with_its_position():
    with pytest.raises(ExpressionError, match=r"at position 4: 'A²' is not a set name"):
        parse_expression("B + A²")


def test_error_pointer_accounts_for_wide_characters():
    with pytest.raises(ExpressionError) as info:
        parse_expression("政治势能*+权力适配")
    lines = str(info.value).splitlines()
    assert lines[-2] == "  政治势能*+权力适配"
    # the caret sits under '+', 8 display columns for the four characters, then '*'
    assert lines[-1] == "  " + " " * 9 + "^"


def test_letter_notation_still_works_for_ascii_one_letter_sets():
    parsed = parse_for_data("SR~V + CLP~V", list("SCLRPV"))
    assert parsed.format(list("SCLRPV")) == "S*R*~V + C*L*P*~V"
    # a Chinese name is never split into letters
    assert parse_for_data("政治势能*权力适配", ZH).format(ZH) == "政治势能*权力适配"


def test_membership_fit_truth_table_and_minimize_with_chinese_names():
    data = _zh_data()
    assert qca.membership(data, "政治势能*~中坚干部").tolist() == [0, 0, 0, 0, 1, 1, 0, 0]
    fit = qca.fit("政治势能*权力适配", "组织变革", data)
    assert fit.index.tolist() == ["政治势能*权力适配"]
    assert fit.loc["政治势能*权力适配", "inclS"] == 1.0
    tt = qca.truth_table(data, "组织变革")
    assert tt.conditions == ZH
    solution = qca.minimize(tt)
    assert [str(m) for m in solution.models] == ["政治势能*权力适配 + 中坚干部*权力适配"]
    assert str(qca.minimize(tt, include="?", dir_exp="政治势能, 中坚干部, 权力适配").models[0]) == (
        "政治势能*权力适配 + 中坚干部*权力适配"
    )
    assert qca.minimize(qca.truth_table(data, "~组织变革")).models[0].terms == (
        "~权力适配",
        "~政治势能*~中坚干部",
    )


def test_german_name_with_umlaut_and_eszett():
    data = pd.DataFrame({"Größe": [1, 0, 1, 0], "Ärger": [1, 1, 0, 0], "Y": [1, 1, 1, 0]})
    data.index = list("abcd")
    solution = qca.minimize(qca.truth_table(data, "Y"))
    assert str(solution.models[0]) == "Größe + Ärger"


@pytest.mark.parametrize(
    ("column", "problem", "fix"),
    [
        ("GDP per head", "holds a space", "GDP_per_head"),
        ("2020", "starts with a digit", "X2020"),
        ("A*B", "holds the character '\\*'", "A_B"),
        ("政治 势能", "holds a space", "政治_势能"),
    ],
)
def test_non_identifier_condition_column_names_the_column_and_the_fix(column, problem, fix):
    data = pd.DataFrame({column: [0, 1, 1], "Y": [0, 1, 1]}, index=["a", "b", "c"])
    with pytest.raises(DataError, match=rf"column '{re.escape(column)}'.*{problem}.*e\.g\. '{fix}'") as info:
        qca.truth_table(data, "Y")
    assert "label" in str(info.value)


def test_non_identifier_outcome_column_names_the_column():
    data = pd.DataFrame({"A": [0, 1, 1], "Y 2": [0, 1, 1]}, index=["a", "b", "c"])
    with pytest.raises(DataError, match=r"column 'Y 2' cannot be the outcome.*e\.g\. 'Y_2'"):
        qca.truth_table(data, "Y 2", ["A"])


def test_csv_with_chinese_headers(tmp_path):
    path = tmp_path / "研究.csv"
    _zh_data().rename_axis("案例").to_csv(path, encoding="utf-8")
    cases = qca.read_cases(path)
    assert cases.columns.tolist() == [*ZH, "组织变革"]
    assert cases.index.name == "案例"
    book = qca.read_workbook(path)
    assert qca.minimize(qca.truth_table(book.calibrated(), "组织变革")).models[0].terms == (
        "政治势能*权力适配",
        "中坚干部*权力适配",
    )


def test_xlsx_with_chinese_calibration_and_analysis_sheets(make_xlsx):
    raw = [["案例", "得分", "评分"]] + [[f"{i}区", i, 10 - i] for i in range(1, 9)]
    calibration = [
        ["set", "source", "thresholds", "label"],
        ["政治势能", "得分", "e=1, c=4.5, i=8", "政治势能适时强化"],
        ["组织变革", "评分", "e=2, c=5.5, i=9", "组织变革"],
    ]
    analysis = [["key", "value"], ["outcome", "~组织变革"], ["conditions", "政治势能"]]
    path = make_xlsx({"cases": raw, "calibration": calibration, "analysis": analysis})
    book = qca.read_workbook(path)
    assert book.analysis == {"outcome": "~组织变革", "conditions": ["政治势能"]}
    assert book.labels == {"政治势能": "政治势能适时强化", "组织变革": "组织变革"}
    assert list(book.calibrated().columns) == ["政治势能", "组织变革"]


def test_xlsx_passthrough_header_that_is_not_a_name(make_xlsx):
    path = make_xlsx({"cases": [["案例", "政治 势能", "Y"], ["x", 1, 0]]})
    with pytest.raises(DataError, match=r"column '政治 势能' is used as a set.*'政治_势能'"):
        qca.read_workbook(path)


def _token_ends(line: str) -> list[tuple[str, int]]:
    """Each space-separated token of ``line`` with the display column it ends at."""
    return [(m.group(), display_width(line[: m.end()])) for m in re.finditer(r"\S+", line)]


def test_printed_truth_table_aligns_by_display_width():
    lines = repr(qca.truth_table(_zh_data(), "组织变革")).splitlines()
    header = _token_ends(next(line for line in lines if "政治势能" in line))
    row = _token_ends(next(line for line in lines if line.startswith(" 8 ")))
    # condition, OUT, n, incl and PRI columns are right-aligned: the header and the row
    # end at the same display column
    assert [t for t, _ in header[:7]] == [*ZH, "OUT", "n", "incl", "PRI"]
    assert [t for t, _ in row[1:8]] == ["1", "1", "1", "1", "1", "1.000", "1.000"]
    assert [end for _, end in header[:7]] == [end for _, end in row[1:8]]


def test_pad_helpers_and_suggested_names():
    assert display_width("政治势能") == 8
    assert pad_right("政治", 6) == "政治  "
    assert pad_left("政治", 6) == "  政治"
    assert suggest_name("组织 变革") == "组织_变革"
    assert suggest_name("") == "X"


def test_letter_notation_never_splits_a_chinese_word():
    data = pd.DataFrame({"政": [1, 0, 1], "治": [1, 1, 0], "Y": [1, 0, 0]}, index=list("abc"))
    with pytest.raises(ExpressionError, match="Unknown set name '政治'"):
        qca.membership(data, "政治")
    assert qca.membership(data, "政*治").tolist() == [1, 0, 0]
