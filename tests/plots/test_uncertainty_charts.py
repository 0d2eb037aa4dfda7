"""The Monte Carlo charts: typed results in, the artists they promise, no global state."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pytest
from support import REVERSE, all_artists, gids, small_figure

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


def _sobol_with(result, name, first, total, conf=0.02):
    import dataclasses

    from triangle.analysis.uncertainty import Sobol

    sobol = {
        n: Sobol(min(s.first, s.total), s.first_conf, s.total, s.total_conf)
        for n, s in result.sobol.items()
    }
    sobol[name] = Sobol(first, conf, total, conf)
    return dataclasses.replace(result, sobol=sobol)


def _with_gid(fig, gid):
    return [a for a in all_artists(fig) if a.get_gid() == gid]


def test_the_interval_is_the_totals_and_stays_visible_over_a_longer_first_order_bar(result):
    fig = plots.sensitivity_figure(_sobol_with(result, "offer", 0.62, 0.55, conf=0.05))
    total, first = (_with_gid(fig, f"{kind}:offer")[0] for kind in ("total", "first"))
    whisker = _with_gid(fig, "interval:offer")
    assert whisker
    for line in whisker:
        assert line.get_zorder() > max(total.get_zorder(), first.get_zorder())
        segments = line.get_segments()
        y = segments[0][0][1]
        # inside the light (total) bar, outside the dark (first-order) one
        assert total.get_y() <= y <= total.get_y() + total.get_height()
        assert not first.get_y() <= y <= first.get_y() + first.get_height()
        x = [p[0] for seg in segments for p in seg]
        assert min(x) == pytest.approx(0.50) and max(x) == pytest.approx(0.60)
    (note,) = _with_gid(fig, "note")
    assert note.get_text() == "first order above total (offer): within sampling error"


def test_no_note_when_every_first_order_index_is_within_its_total(result):
    fig = plots.sensitivity_figure(_sobol_with(result, "offer", 0.5, 0.55))
    assert not _with_gid(fig, "note")


def test_the_probability_map_explains_its_colours_hatches_and_lines(maps):
    from support import texts_outside

    fig = plots.probability_map_figure(*maps)
    titles = [legend.get_title().get_text() for legend in fig.legends]
    assert titles[0].startswith("verdict for") and titles[-1] == "contours"
    assert "triangle after the move" in titles
    lines = [t.get_text().replace("\n", " ") for t in fig.legends[-1].get_texts()]
    assert lines == ["P = share of draws that pay off", "extent of the draws"]
    assert texts_outside(fig) == []


def test_contour_labels_that_would_cover_a_point_label_are_left_out():
    from triangle.plots.layout import mark_point
    from triangle.plots.probability_map import _clear_point_labels

    fig = small_figure()
    ax = fig.axes[0]
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    mark_point(ax, (5, 5), "a scenario", (10, 10), colour="k", gid="point:a", size=50, edge=1)
    over = ax.text(5.6, 5.6, "P = 50%", fontsize=8)
    away = ax.text(0.5, 0.5, "P = 90%", fontsize=8)
    _clear_point_labels(ax, [over, away])
    assert over not in ax.texts and away in ax.texts
