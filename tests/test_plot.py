"""Plots (qca.plot): every plot type, Chinese case labels, files written on Agg."""

from __future__ import annotations

import struct
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.image import imread  # noqa: E402

import qca  # noqa: E402
from qca import plot as qplot  # noqa: E402

CHINESE = "北京大学"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def cjk_font():
    """The CJK-capable font the plots will use; skip when none is installed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qca.QCAWarning)
        name = qplot.font_for_text([CHINESE])
    if name is None:
        pytest.skip("no installed font has CJK glyphs (install Debian's fonts-noto-cjk)")
    return name


def _data() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "A": [0.9, 0.8, 0.7, 0.2, 0.1, 0.6],
            "B": [0.8, 0.3, 0.9, 0.7, 0.2, 0.4],
            "Y": [0.95, 0.7, 0.8, 0.3, 0.1, 0.65],
        },
        index=[CHINESE, "AU", "BE", "CZ", "EE", "FI"],
    )


def _png_size(path) -> tuple[int, int]:
    with open(path, "rb") as handle:
        head = handle.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    assert head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _check_png(ax, path) -> None:
    qplot.save_figure(ax, path)
    width, height = _png_size(path)
    fig_w, fig_h = ax.figure.get_size_inches() * ax.figure.dpi
    assert (width, height) == (round(fig_w), round(fig_h))
    pixels = imread(path)
    assert pixels.shape[:2] == (height, width)
    # non-blank: drawn pixels of several colours, not a uniform canvas
    assert len(np.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0)) > 10
    assert float(pixels[..., :3].std()) > 0.05


def _assert_cjk_text(ax, font_name) -> None:
    from matplotlib import font_manager

    texts = [t for t in [*ax.texts, *ax.get_yticklabels(), *ax.get_xticklabels()] if CHINESE in t.get_text()]
    assert texts, "the Chinese case label is drawn"
    for text in texts:
        families = text.get_fontfamily()
        assert font_name in families
    paths = [f.fname for f in font_manager.fontManager.ttflist if f.name == font_name]
    assert any({ord(c) for c in CHINESE} <= qplot._charmap(p) for p in paths)
    assert ax._qca_font == font_name


def _draw(make):
    """Call ``make`` and render, recording warnings (matplotlib warns of missing glyphs)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = make()
        ax.figure.canvas.draw()
    glyphs = [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert glyphs == []
    return ax, caught


@pytest.mark.parametrize("relation", ["sufficiency", "necessity"])
def test_xy_plot_with_chinese_label(tmp_path, cjk_font, relation):
    data = _data()
    ax, _ = _draw(lambda: qca.xy_plot(data, "A*B", "Y", relation=relation))
    _assert_cjk_text(ax, cjk_font)
    _check_png(ax, tmp_path / "xy.png")


def test_xy_plot_title_has_fit_from_qca_fit():
    data = _data()
    ax = qca.xy_plot(data, "A*B", "Y")
    table = qca.fit("A*B", "Y", data)
    row = table.iloc[0]
    assert ax.get_title() == (
        f"A*B -> Y\ninclS {row['inclS']:.3f}   PRI {row['PRI']:.3f}   covS {row['covS']:.3f}"
    )
    ax = qca.xy_plot(data, "A + B", "Y", relation="necessity")
    row = qca.fit("A + B", "Y", data, relation="necessity").loc["expression"]
    assert ax.get_title().splitlines()[1] == (
        f"inclN {row['inclN']:.3f}   RoN {row['RoN']:.3f}   covN {row['covN']:.3f}"
    )


def test_xy_plot_draws_points_diagonal_and_crossover_lines():
    data = _data()
    ax = qca.xy_plot(data, "A", "~Y", labels=False)
    offsets = ax.collections[0].get_offsets()
    np.testing.assert_allclose(offsets[:, 0], data["A"])
    np.testing.assert_allclose(offsets[:, 1], 1 - data["Y"])
    lines = [np.asarray(line.get_xydata()) for line in ax.lines]
    assert any(np.allclose(xy, [[0, 0], [1, 1]]) for xy in lines)  # the diagonal
    assert sum(np.allclose(xy[:, 1], 0.5) for xy in lines) == 1  # horizontal 0.5
    assert sum(np.allclose(xy[:, 0], 0.5) for xy in lines) == 1  # vertical 0.5
    assert len(ax.texts) == 0  # labels=False
    assert len(qca.xy_plot(data, "A", "Y").texts) == len(data)


def test_truth_table_plot_with_chinese_label(tmp_path, cjk_font):
    data = _data()
    tt = qca.truth_table(data, "Y", ["A", "B"], incl_cut=0.8)
    ax, _ = _draw(lambda: qplot.truth_table_plot(tt))
    texts = [t.get_text() for t in ax.texts]
    for number, row in tt.table.iterrows():
        assert str(number) in [t.get_text() for t in ax.get_yticklabels()]
        assert row["OUT"] in texts
    assert any(CHINESE in t for t in texts)
    _assert_cjk_text(ax, cjk_font)
    _check_png(ax, tmp_path / "tt.png")


def _fake_robustness():
    from types import SimpleNamespace

    cases = pd.DataFrame(
        {"status": ["typical", "deviant coverage", "irrelevant"], "kept": [1.0, 0.5, 0.75]},
        index=[CHINESE, "AU", "BE"],
    )
    return SimpleNamespace(
        term_survival=pd.Series({"A*B": 1.0, "C": 0.25}),
        initial_terms=("A*B",),
        runs=pd.DataFrame(index=range(4)),
        cases=cases,
    )


@pytest.mark.parametrize("what", ["terms", "cases"])
def test_robustness_plot_bars(tmp_path, cjk_font, what):
    rob = _fake_robustness()
    ax, _ = _draw(lambda: qplot.robustness_plot(rob, what=what))
    widths = [p.get_width() for p in ax.patches]
    expected = rob.term_survival if what == "terms" else rob.cases["kept"]
    assert widths == list(expected)
    if what == "cases":
        _assert_cjk_text(ax, cjk_font)
    _check_png(ax, tmp_path / f"rob_{what}.png")


@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".PNG"])
def test_save_figure_formats(tmp_path, cjk_font, suffix):
    ax = qplot.robustness_plot(_fake_robustness(), what="cases")
    path = qplot.save_figure(ax, tmp_path / f"plot{suffix}")
    head = path.read_bytes()[:8]
    assert head.startswith({".svg": b"<?xml", ".pdf": b"%PDF", ".PNG": b"\x89PNG"}[suffix])


def test_no_cjk_font_warns(monkeypatch):
    monkeypatch.setattr(qplot, "_font_entries", lambda: [])
    qplot._font_for_chars.cache_clear()
    try:
        with pytest.warns(qca.QCAWarning, match="No installed font has glyphs"):
            assert qplot.font_for_text([CHINESE]) is None
    finally:
        qplot._font_for_chars.cache_clear()


def test_ascii_labels_need_no_fallback():
    assert qplot.font_for_text(["AU", "BE", "A*~B -> Y"]) is None


def test_plot_into_given_axes():
    fig, axes = plt.subplots(1, 2)
    ax = qca.xy_plot(_data(), "A", "Y", ax=axes[1])
    assert ax is axes[1]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: qca.xy_plot(_data(), "A", "Y", relation="both"), "'relation' parameter of xy_plot"),
        (lambda: qca.xy_plot(_data(), "", "Y"), "'x' parameter of xy_plot"),
        (lambda: qca.xy_plot(_data(), "A", None), "'y' parameter of xy_plot"),
        (lambda: qca.xy_plot(_data(), "A", "Y", ax="x"), "'ax' parameter of xy_plot"),
        (lambda: qca.xy_plot(_data(), "A", "Y", labels="no"), "'labels' parameter of xy_plot"),
        (lambda: qca.xy_plot(_data(), _data()["A"][1:], "Y"), "'x' parameter of xy_plot"),
        (lambda: qca.xy_plot(_data(), "A", _data()["Y"] + 1), "'y' parameter of xy_plot"),
        (lambda: qplot.truth_table_plot(_tt(), ax="a"), "'ax' parameter of truth_table_plot"),
        (lambda: qplot.truth_table_plot(_tt(), max_cases=0), "'max_cases' parameter"),
        (lambda: qplot.truth_table_plot(_tt(), max_cases="a"), "'max_cases' parameter"),
        (lambda: qplot.robustness_plot(_fake_robustness(), ax=1), "'ax' parameter of robustness_plot"),
        (lambda: qca.xy_plot([1, 2], "A", "Y"), "'data' parameter of xy_plot"),
        (lambda: qplot.truth_table_plot("tt"), "'tt' parameter of truth_table_plot"),
        (lambda: qplot.robustness_plot(_fake_robustness(), what="x"), "'what' parameter"),
        (lambda: qplot.robustness_plot(3), "'robustness' parameter of robustness_plot"),
        (lambda: qplot.save_figure(None, "a.gif"), "must end in .png, .svg or .pdf"),
        (lambda: qplot.save_figure(None, "a.png"), "'ax' parameter of save_figure"),
        (lambda: qplot.save_figure(None, 5), "'path' parameter of save_figure"),
        (lambda: qplot.save_figure(None, "a.png", dpi=-1), "'dpi' parameter of save_figure"),
        (lambda: qplot.save_figure(None, "a.png", dpi="a"), "'dpi' parameter of save_figure"),
    ],
)
def test_bad_parameters(call, match):
    with pytest.raises(qca.InvalidParameterError, match=match):
        call()


def _tt():
    return qca.truth_table(_data(), "Y", ["A", "B"], incl_cut=0.8)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_data().iloc[:0], "'data' parameter of xy_plot has no cases"),
        (_data().assign(A=[0.9, np.nan, 0.7, 0.2, 0.1, 0.6]), "'A' are missing for cases AU"),
    ],
)
def test_data_errors_name_xy_plot(data, message):
    with pytest.raises(qca.DataError, match=message):
        qca.xy_plot(data, "A", "Y")


def test_xy_plot_aligns_a_membership_series_by_case():
    data = _data()
    ax = qca.xy_plot(data, data["A"].iloc[::-1], "Y")
    offsets = ax.collections[0].get_offsets()
    np.testing.assert_allclose(offsets[:, 0], data["A"])  # in data order, beside each case's Y
    np.testing.assert_allclose(offsets[:, 1], data["Y"])
    assert [t.get_text() for t in ax.texts] == list(data.index)
    assert ax.get_title() == qca.xy_plot(data, "A", "Y").get_title()


def test_case_labels_of_coinciding_points_do_not_overlap():
    from matplotlib.text import Text

    data = pd.DataFrame(
        {"A": [0.3] * 5 + [0.9], "Y": [0.4] * 5 + [0.9]},
        index=["AU", "BE", "CZ", "EE", "FI", "FR"],
    )
    ax = qca.xy_plot(data, "A", "Y")
    renderer = ax.figure.canvas.get_renderer()
    boxes = [Text.get_window_extent(t, renderer) for t in ax.texts]
    frame = ax.get_window_extent(renderer)
    for k, box in enumerate(boxes):
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        for other in boxes[k + 1 :]:
            assert not box.overlaps(other)
