"""What every chart promises: typed results in, no global state touched, nothing drawn
outside the caller's axes by a draw_* function (no pyplot: test_without_pyplot.py)."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.figure import Figure

from triangle import plots
from triangle.analysis import verdict_map
from triangle.errors import TriangleInputError
from triangle.report import to_data


@pytest.fixture(scope="module")
def small_map(scenarios):
    return verdict_map(
        scenarios[1], "rivalry", np.linspace(-4, 10, 5), "offer", np.linspace(0, 8, 5)
    )


@pytest.fixture(scope="module")
def figures(analyses, rivalry_curves, small_map):
    """Each *_figure function with the typed result it draws."""
    return {
        "triangle": lambda: plots.triangle_figure(analyses[0]),
        "decomposition": lambda: plots.decomposition_figure(analyses),
        "payoffs": lambda: plots.payoffs_figure(analyses),
        "gain-curve": lambda: plots.gain_curve_figure(rivalry_curves, note="a note"),
        "verdict-map": lambda: plots.verdict_map_figure(small_map),
        "comparison": lambda: plots.comparison_figure(analyses),
    }


@pytest.fixture(scope="module")
def drawings(analyses, rivalry_curves, small_map):
    """Each draw_* function with the typed result it draws."""
    return {
        "triangle": lambda ax: plots.draw_triangle(ax, analyses[1].after, mover="US"),
        "decomposition": lambda ax: plots.draw_decomposition(ax, analyses[1]),
        "payoffs": lambda ax: plots.draw_payoffs(ax, analyses[1]),
        "gain-curve": lambda ax: plots.draw_gain_curves(ax, rivalry_curves),
        "verdict-map": lambda ax: plots.draw_verdict_map(ax, small_map),
    }


def rc_snapshot():
    return {k: str(v) for k, v in mpl.rcParams.items()}


@pytest.mark.parametrize(
    "kind", ["triangle", "decomposition", "payoffs", "gain-curve", "verdict-map", "comparison"]
)
def test_charts_leave_no_global_state(figures, kind):
    before = rc_snapshot()
    fig = figures[kind]()
    assert isinstance(fig, Figure)
    after = rc_snapshot()
    assert before.keys() == after.keys()
    changed = [k for k in before if before[k] != after[k]]
    assert changed == []


@pytest.mark.parametrize(
    "kind", ["triangle", "decomposition", "payoffs", "gain-curve", "verdict-map"]
)
def test_draw_functions_leave_no_global_state_and_draw_only_into_the_axes(drawings, kind):
    fig = plots.new_figure(8, 6)
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.7))
    before = rc_snapshot()
    assert drawings[kind](ax) is ax
    assert rc_snapshot() == before
    assert fig.axes == [ax]
    assert fig._suptitle is None and not fig.texts and not fig.legends
    assert not fig.artists and not fig.lines and not fig.patches


def test_every_chart_is_drawn_in_the_shared_style(figures):
    """Every axes with a frame hides its top and right spines (the map draws a full
    frame on purpose); the gain curve showed its top spine before."""
    fig = figures["gain-curve"]()
    ax = fig.axes[0]
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    for kind in ("decomposition", "payoffs"):
        for ax in figures[kind]().axes:
            assert not ax.spines["top"].get_visible()


def test_chart_functions_take_the_typed_result(analyses):
    """Every chart takes its typed result (test_charts_leave_no_global_state draws each);
    the charts of several scenarios also take one analysis as a list of one."""
    for chart in (plots.decomposition_figure, plots.payoffs_figure, plots.comparison_figure):
        one, listed = chart(analyses[1]), chart([analyses[1]])
        assert one._suptitle.get_text() == listed._suptitle.get_text()


@pytest.mark.parametrize(
    "chart",
    [
        plots.triangle_figure,
        plots.decomposition_figure,
        plots.payoffs_figure,
        plots.comparison_figure,
        plots.gain_curve_figure,
        plots.verdict_map_figure,
    ],
)
def test_plain_data_is_not_a_result(analyses, chart):
    data = to_data(analyses[0])
    with pytest.raises(TypeError, match="expected"):
        chart(
            data if chart is plots.triangle_figure or chart is plots.verdict_map_figure else [data]
        )


def test_empty_input_is_an_input_error():
    for chart in (
        plots.comparison_figure,
        plots.decomposition_figure,
        plots.payoffs_figure,
    ):
        with pytest.raises(TriangleInputError, match="no analyses"):
            chart([])
    with pytest.raises(TriangleInputError, match="no curves"):
        plots.gain_curve_figure([])
