"""Plots with Chinese set names and labels: a real CJK font, or a warning, never boxes in
silence.

matplotlib ships "Last Resort High-Efficiency", a font that claims every code point but
draws only placeholder symbols. It used to be picked as the fallback for Chinese labels
on machines without a CJK font, so the plots showed boxes and the promised warning never
came. The first test rebuilds that machine by hiding every real CJK font; the second needs
one (``.ci/run`` installs fonts-noto-cjk when it runs as root).
"""

from __future__ import annotations

import warnings

import matplotlib
import pandas as pd
import pytest

import qca
import qca.plot as qplot

matplotlib.use("Agg")

LABELS = ["政治势能", "组织变革"]


def _data() -> pd.DataFrame:
    return pd.DataFrame(
        {"政治势能": [0.9, 0.8, 0.2, 0.1], "组织变革": [0.95, 0.7, 0.3, 0.1]},
        index=["A区-2021", "B区-2021", "C区-2019", "D区-2019"],
    )


def _real_cjk(entry) -> bool:
    needed = {ord(c) for c in "".join(LABELS)}
    return qplot._draws(entry.name, entry.fname, needed)


@pytest.fixture
def fresh_font_cache():
    qplot._font_for_chars.cache_clear()
    yield
    qplot._font_for_chars.cache_clear()


def test_without_a_cjk_font_the_plot_warns_naming_the_characters(monkeypatch, fresh_font_cache):
    real = qplot._font_entries()
    fontless = [e for e in real if not _real_cjk(e)]
    assert any("Last Resort" in e.name for e in fontless), "matplotlib's placeholder font is kept"
    monkeypatch.setattr(qplot, "_font_entries", lambda: fontless)
    with pytest.warns(qca.QCAWarning) as caught:
        ax = qca.xy_plot(_data(), "政治势能", "组织变革")
    messages = [str(w.message) for w in caught if issubclass(w.category, qca.QCAWarning)]
    assert any(
        "No installed font has glyphs for 政治势能组织变革区" in m and "fonts-noto-cjk" in m
        for m in messages
    ), messages
    families = [f for t in [ax.xaxis.label, ax.yaxis.label] for f in t.get_fontfamily()]
    assert not any("Last Resort" in f for f in families)


def test_the_placeholder_font_is_never_chosen(fresh_font_cache):
    entries = [e for e in qplot._font_entries() if "Last Resort" in e.name]
    if not entries:
        pytest.skip("this matplotlib ships no Last Resort font")
    needed = {ord(c) for c in "".join(LABELS)}
    assert needed <= qplot._charmap(entries[0].fname)  # it claims the characters...
    assert not qplot._draws(entries[0].name, entries[0].fname, needed)  # ...but has no glyphs


def test_with_a_cjk_font_the_labels_use_it(fresh_font_cache):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qca.QCAWarning)
        name = qplot.font_for_text(LABELS)
    if name is None:
        pytest.skip("no installed font has CJK glyphs (install Debian's fonts-noto-cjk)")
    assert "Last Resort" not in name
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = qca.xy_plot(_data(), "政治势能", "组织变革")
        ax.figure.canvas.draw()
    problems = [str(w.message) for w in caught if "Glyph" in str(w.message) or "font" in str(w.message)]
    assert problems == []
    assert name in ax.xaxis.label.get_fontfamily()
    assert ax._qca_font == name
    matching = [e for e in qplot._font_entries() if e.name == name]
    assert any(_real_cjk(e) for e in matching)
