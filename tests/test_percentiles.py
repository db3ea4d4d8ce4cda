"""Calibration as taught: percentile anchors, the shift of exact 0.5 memberships, skewness.

Percentiles are R's ``quantile(x, probs, type = 7)``: with the sorted values
x(1) <= ... <= x(n), h = (n - 1) p + 1, the percentile is x(floor h) + (h - floor h)
(x(floor h + 1) - x(floor h)) (Hyndman & Fan 1996, definition 7). The tests compute it
by that definition, independently of numpy.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import qca
from qca.cli import cli
from qca.exceptions import CalibrationError, DataError


def _type7(values: list[float], p: float) -> float:
    x = sorted(values)
    h = (len(x) - 1) * p + 1
    lo = math.floor(h)
    if lo >= len(x):
        return x[-1]
    return x[lo - 1] + (h - lo) * (x[lo] - x[lo - 1])


FIB = [2, 3, 5, 8, 13, 21, 34]


def test_type7_by_hand_for_a_small_vector():
    # R: quantile(c(2, 3, 5, 8, 13, 21, 34), c(0.05, 0.5, 0.95), type = 7)
    #    -> 2.3, 8, 30.1 (h = 1.3, 4, 6.7)
    assert [round(_type7(FIB, p), 10) for p in (0.05, 0.5, 0.95)] == [2.3, 8.0, 30.1]
    resolved = qca.resolve_thresholds("e=p5, c=p50, i=p95", FIB)
    anchors = [float(part.split("=")[1]) for part in resolved.split(", ")]
    assert anchors == pytest.approx([2.3, 8.0, 30.1], abs=1e-12)


def test_lipset_gnp_percentiles_match_type7(lipset_workbook):
    gnp = lipset_workbook.cases["DEV"].astype(float).tolist()
    for p in (0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95):
        text = qca.resolve_thresholds(f"p{p * 100:g}", gnp)
        assert float(text) == pytest.approx(_type7(gnp, p), abs=1e-9)


def test_percentile_anchors_calibrate_as_the_resolved_numbers(lipset_workbook):
    gnp = lipset_workbook.cases["DEV"]
    given = "e=p5, c=p50, i=p95"
    resolved = qca.resolve_thresholds(given, gnp)
    assert "p" not in resolved
    pd.testing.assert_series_equal(
        qca.calibrate(gnp, given, shift_half=0.001), qca.calibrate(gnp, resolved, shift_half=0.001)
    )
    # the forms: sequence, mapping, decreasing sets, and mixed with numbers
    as_list = qca.calibrate(gnp, ["p5", "p50", "p95"], shift_half=0.001)
    as_map = qca.calibrate(gnp, {"i": "p95", "c": "p50", "e": "p5"}, shift_half=0.001)
    pd.testing.assert_series_equal(as_list, as_map)
    decreasing = qca.calibrate(gnp, "i=p5, c=p50, e=p95", shift_half=0.001)
    np.testing.assert_allclose(decreasing.to_numpy(), 1 - as_list.to_numpy(), atol=1e-12)
    mixed = qca.resolve_thresholds("e=400, c=p50, i=900", gnp)
    assert mixed.startswith("e=400, c=") and mixed.endswith(", i=900")


def test_crisp_median_split_and_six_anchor_percentiles():
    x = pd.Series([1.0, 2, 3, 4, 5, 6, 7, 8], index=list("abcdefgh"))
    assert qca.calibrate(x, "p50", kind="crisp").tolist() == [0, 0, 0, 0, 1, 1, 1, 1]
    bell = qca.calibrate(x, "e1=p0, c1=p20, i1=p40, i2=p60, c2=p80, e2=p100")
    assert bell.iloc[0] == 0 and bell.iloc[-1] == 0 and bell.max() == 1


def test_median_case_warns_unless_shifted():
    with pytest.warns(qca.QCAWarning, match=r"exactly 0.5 for case\(s\) 3"):
        plain = qca.calibrate(FIB, "e=p10, c=p50, i=p90")
    assert plain[3] == 0.5
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", qca.QCAWarning)
        shifted = qca.calibrate(FIB, "e=p10, c=p50, i=p90", shift_half=0.001)
    assert shifted[3] == 0.501
    np.testing.assert_array_equal(np.delete(shifted, 3), np.delete(plain, 3))
    down = qca.calibrate(FIB, "e=p10, c=p50, i=p90", shift_half=-0.001)
    assert down[3] == 0.499


def test_ties_that_collapse_anchors_say_what_they_resolved_to():
    x = [1, 1, 1, 1, 1, 1, 1, 1, 5, 9]
    with pytest.raises(CalibrationError, match=r"legal orders.*resolved to 'e=1, c=1, i="):
        qca.calibrate(x, "e=p5, c=p50, i=p95")


def test_percentile_without_data_is_explained():
    from qca.calibrate import parse_thresholds

    with pytest.raises(
        CalibrationError, match=r"anchor 'p5' in 'e=p5, c=p50, i=p95' needs the raw"
    ):
        parse_thresholds("e=p5, c=p50, i=p95")


def _percentile_book(make_xlsx, shift=None):
    raw = [["case", "GDP", "Y"]] + [
        [c, v, y] for c, v, y in zip("abcdefg", FIB, [0, 0, 0, 1, 1, 1, 1], strict=True)
    ]
    header = ["set", "source", "thresholds", "label"] + (
        ["shift_half"] if shift is not None else []
    )
    row = ["RICH", "GDP", "e=p10, c=p50, i=p90", "富裕"] + ([shift] if shift is not None else [])
    analysis = [["key", "value"], ["outcome", "Y"], ["conditions", "RICH"]]
    return make_xlsx({"cases": raw, "calibration": [header, row], "analysis": analysis})


def test_calibration_sheet_with_percentiles_records_the_numbers(make_xlsx):
    book = qca.read_workbook(_percentile_book(make_xlsx, shift=0.001))
    codebook = book.codebook()
    assert codebook.loc["RICH", "thresholds"] == "e=p10, c=p50, i=p90"
    resolved = codebook.loc["RICH", "resolved"]
    e, c, i = (float(part.split("=")[1]) for part in resolved.split(", "))
    assert (e, c, i) == pytest.approx((_type7(FIB, 0.1), 8.0, _type7(FIB, 0.9)))
    assert codebook.loc["RICH", "shift_half"] == 0.001
    assert codebook.loc["RICH", "shifted"] == ["d"]
    assert book.calibrated().loc["d", "RICH"] == 0.501


def test_calibration_sheet_percentiles_in_wrong_order_name_the_row(make_xlsx):
    raw = [["case", "GDP"]] + [[c, v] for c, v in zip("abcdefg", FIB, strict=True)]
    codebook = [["set", "source", "thresholds"], ["RICH", "GDP", "e=p90, c=p50, i=p95"]]
    with pytest.raises(DataError, match=r"row 2, column 'thresholds'.*\(= e=26\.2"):
        qca.read_workbook(make_xlsx({"cases": raw, "calibration": codebook}))


def test_bad_shift_in_the_sheet(make_xlsx):
    with pytest.raises(DataError, match=r"column 'shift_half': expected a small number"):
        qca.read_workbook(_percentile_book(make_xlsx, shift=0.3))


def test_cli_calibrate_with_percentile_sheet(make_xlsx):
    path = _percentile_book(make_xlsx, shift=0.001)
    result = CliRunner().invoke(cli, ["calibrate", str(path)])
    assert result.exit_code == 0, result.output
    assert "e=p10, c=p50, i=p90" in result.output


def test_skewness_of_the_chinese_workbook():
    from pathlib import Path

    book = qca.read_workbook(
        Path(__file__).resolve().parent.parent / "cases" / "digital_government_zh.xlsx"
    )
    table = qca.skewness(
        book.calibrated(), ["政治势能", "中坚干部", "权力适配", "技术引入", "组织变革"]
    )
    data = book.calibrated()
    for name in table.index:
        above = int((data[name] > 0.5).sum())
        assert table.loc[name, "above_half"] == above
        assert table.loc[name, "share_above"] == above / 23
    assert table["n"].tolist() == [23] * 5
    assert table["exactly_half"].tolist() == [0] * 5
