"""The gain curve: threshold lines at the computed thresholds, markers at the scenarios'
values, a band only where the gains differ, and a title that places each scenario."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from support import all_artists, by_gid, title

from triangle import plots
from triangle.analysis import GainCurve, analyze_move, find_threshold, gain_curves
from triangle.errors import TriangleInputError
from triangle.numbers import fixed
from triangle.report.prose import curve_finding


@pytest.fixture(scope="module")
def rivalry_chart(rivalry_curves):
    return plots.gain_curve_figure(rivalry_curves)


def test_gain_curve_threshold_lines_sit_at_the_computed_thresholds(scenarios, rivalry_chart):
    ax = rivalry_chart.axes[0]
    for scenario in scenarios:
        threshold = find_threshold(scenario, "rivalry")
        assert threshold.points, "the shipped scenarios flip somewhere on rivalry"
        lines = [ln for ln in ax.lines if str(ln.get_gid()).startswith("threshold:")]
        xs = [ln.get_xdata()[0] for ln in lines]
        for line in lines:
            assert line.get_xdata()[0] == line.get_xdata()[1]
        for t in threshold.points:
            assert any(math.isclose(t, x, rel_tol=0, abs_tol=1e-12) for x in xs)


def test_gain_curve_markers_sit_at_the_scenario_values(scenarios, rivalry_chart):
    ax = rivalry_chart.axes[0]
    # curves of scenarios whose titles each name one year are labelled by the year
    for scenario, year in zip(scenarios, ("1971", "2025"), strict=True):
        assert year in scenario.title
        marker = by_gid(ax.collections, f"marker:{year}")
        x, y = marker.get_offsets()[0]
        assert x == pytest.approx(scenario.parameters["rivalry"].value, abs=1e-12)
        assert y == pytest.approx(analyze_move(scenario).gain[0], abs=1e-9)


def test_gain_curve_title_places_2025_below_its_threshold(scenarios, rivalry_chart):
    text = title(rivalry_chart)
    threshold = find_threshold(scenarios[1], "rivalry")
    value = scenarios[1].parameters["rivalry"].value
    assert threshold.margin is not None and threshold.margin > 0
    assert f"{fixed(threshold.margin)} below it" in text
    assert text.startswith("The move pays off for the US only when rivalry exceeds")
    assert f"2025 is at {fixed(value)}" in text


def test_gain_curve_title_is_the_curve_finding(rivalry_curves, rivalry_chart):
    markers = [(c.label, *c.marker) for c in rivalry_curves]
    assert title(rivalry_chart) == curve_finding(rivalry_curves, markers, "rivalry", "US")


def test_gain_curve_from_curves_shades_only_where_gains_differ():
    x = np.linspace(0, 4, 9)
    flat = GainCurve.from_gains(
        "p", x, x - 2, x - 2, label="a", thresholds=(2.0,), marker=(3.0, 1.0)
    )
    wide = GainCurve.from_gains("p", x, x - 2, x - 1, label="b", thresholds=(1.5,))
    fig = plots.gain_curve_figure([flat, wide])
    gids = {a.get_gid() for a in all_artists(fig)}
    assert "spread:b" in gids and "spread:a" not in gids
    assert "marker:a" in gids and "marker:b" not in gids
    assert by_gid(fig.axes[0].lines, "threshold:a").get_xdata()[0] == 2.0
    assert by_gid(fig.axes[0].lines, "threshold:b").get_xdata()[0] == 1.5


def test_identical_curves_share_one_line_but_keep_their_markers():
    x = np.linspace(-1, 1, 5)
    a = GainCurve.from_gains("rivalry", x, x, x, label="1971", thresholds=(0.0,), marker=(0.5, 0.5))
    b = GainCurve.from_gains(
        "rivalry", x, x, x, label="2025", thresholds=(0.0,), marker=(-0.5, -0.5)
    )
    fig = plots.gain_curve_figure([a, b])
    curves = [ln for ln in fig.axes[0].lines if str(ln.get_gid()).startswith("curve:")]
    assert [c.get_gid() for c in curves] == ["curve:1971 and 2025"]
    for label, value in (("1971", 0.5), ("2025", -0.5)):
        offsets = by_gid(fig.axes[0].collections, f"marker:{label}").get_offsets()
        assert tuple(offsets[0]) == (value, value)


def test_gain_curve_rejects_an_unknown_parameter(scenarios):
    with pytest.raises(TriangleInputError, match="unknown parameter 'rivalyr'"):
        plots.gain_curve_figure(gain_curves(scenarios[0], "rivalyr"))


def test_gain_curve_rejects_curves_of_different_parameters():
    x = np.linspace(0, 1, 3)
    with pytest.raises(TriangleInputError, match="different parameters"):
        plots.gain_curve_figure(
            [GainCurve.from_gains("p", x, x, label="a"), GainCurve.from_gains("q", x, x, label="b")]
        )


def test_gain_curve_note_is_written_under_the_title(rivalry_curves):
    fig = plots.gain_curve_figure(rivalry_curves[:1], title="Mine", note="Illustrative values.")
    assert title(fig) == "Mine"
    assert [t.get_text() for t in fig.texts if t is not fig._suptitle] == ["Illustrative values."]


@settings(max_examples=12)
@given(
    st.lists(st.floats(min_value=-3.9, max_value=3.9), min_size=1, max_size=4, unique=True),
    st.floats(min_value=-3.9, max_value=3.9),
)
def test_gain_curve_draws_every_threshold_and_marker_where_given(thresholds, at):
    ordered = sorted(thresholds)
    assume(all(b - a > 1e-6 for a, b in zip(ordered, ordered[1:], strict=False)))
    x = np.linspace(-4, 4, 17)
    gain = np.sin(x)
    curve = GainCurve.from_gains(
        "p", x, gain, gain, label="c", thresholds=tuple(thresholds), marker=(at, 0.25)
    )
    fig = plots.gain_curve_figure(curve)
    ax = fig.axes[0]
    lines = [ln for ln in ax.lines if ln.get_gid() == "threshold:c"]
    drawn = sorted(float(ln.get_xdata()[0]) for ln in lines)
    assert drawn == pytest.approx(sorted(thresholds), abs=1e-12)
    marker = by_gid(ax.collections, "marker:c")
    assert tuple(marker.get_offsets()[0]) == pytest.approx((at, 0.25))
