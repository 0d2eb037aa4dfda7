"""The Monte Carlo charts: typed results in, the artists they promise, no global state."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pytest
from support import REVERSE, gids, small_figure

from triangle import plots
from triangle.analysis import verdict_map
from triangle.analysis.uncertainty import monte_carlo, probability_map
from triangle.scenario import load_scenario


@pytest.fixture(scope="module")
def result():
    return monte_carlo(load_scenario(REVERSE), 3000, seed=4, sobol=64)


@pytest.fixture(scope="module")
def maps(result):
    scenario = load_scenario(REVERSE)
    vmap = verdict_map(scenario, "rivalry", np.linspace(-4, 10, 8), "offer", np.linspace(0, 8, 8))
    return vmap, probability_map(result, "rivalry", "offer", bins=8)


def test_each_chart_draws_what_it_promises(result, maps):
    rc = dict(mpl.rcParams)
    fig = plots.verdict_probability_figure(result)
    assert {"probability:pays off", "interval:pays off"} <= gids(fig)
    fig = plots.gain_distribution_figure(result)
    assert {"gain:pays", "gain:loses", "break-even", "quantile:0.5"} <= gids(fig)
    fig = plots.sensitivity_figure(result)
    assert {"total:offer", "first:offer"} <= gids(fig)
    fig = plots.probability_map_figure(*maps)
    assert {"verdicts", "draws"} <= gids(fig)
    assert dict(mpl.rcParams) == rc


def test_draw_functions_draw_into_the_callers_axes(result, maps):
    for draw, args in (
        (plots.draw_verdict_probability, (result,)),
        (plots.draw_gain_distribution, (result,)),
        (plots.draw_sensitivity, (result,)),
        (plots.draw_probability_map, maps),
    ):
        fig = small_figure()
        ax = fig.axes[0]
        assert draw(ax, *args) is ax
        assert len(fig.axes) == 1


def test_charts_take_typed_results(result):
    with pytest.raises(TypeError, match="expected a MonteCarlo"):
        plots.verdict_probability_figure({"verdicts": {}})
    without = monte_carlo(load_scenario(REVERSE), 500, seed=4, sobol=0)
    fig = plots.sensitivity_figure(without)  # rank correlations instead of Sobol
    assert "spearman:offer" in gids(fig)
