"""The verdict map: each cell in the colour of the verdict the analysis gives there, and
the scenario's point and further points marked and placed in the title."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_rgba
from support import by_gid, title

from triangle import plots
from triangle.analysis import VERDICT_CODES, analyze_move, verdict_map


def test_verdict_map_colours_cells_with_the_verdict_of_the_analysis(scenarios):
    scenario = scenarios[1]
    xs = np.linspace(-4, 10, 5)
    ys = np.linspace(0, 8, 5)
    fig = plots.verdict_map_figure(verdict_map(scenario, "rivalry", xs, "offer", ys))
    mesh = by_gid(fig.axes[0].collections, "verdicts")
    codes = np.asarray(mesh.get_array()).reshape(len(ys), len(xs))
    seen = set()
    for i, j in ((0, 0), (4, 0), (0, 4), (4, 4), (2, 1)):
        x, y = xs[i], ys[j]
        verdict = analyze_move(scenario, {"rivalry": x, "offer": y}).verdict
        seen.add(verdict)
        code = codes[j, i]
        assert code == VERDICT_CODES[verdict]
        colour = mesh.get_cmap()(mesh.norm(code))
        assert colour[:3] == pytest.approx(to_rgba(plots.VERDICT_COLOURS[verdict])[:3])
    assert len(seen) >= 2, "the checked cells should show more than one verdict"


def test_verdict_map_marks_the_scenario_point_and_further_points(scenarios):
    scenario = scenarios[1]
    vmap = verdict_map(
        scenario, "rivalry", None, "offer", None, resolution=5, points=[("a split", 6.0, 1.5)]
    )
    fig = plots.verdict_map_figure(vmap)
    own = by_gid(fig.axes[0].collections, f"point:{scenario.title}")
    values = scenario.parameter_values()
    assert tuple(own.get_offsets()[0]) == (values["rivalry"], values["offer"])
    other = by_gid(fig.axes[0].collections, "point:a split")
    assert tuple(other.get_offsets()[0]) == (6.0, 1.5)
    text = title(fig)
    own_verdict = analyze_move(scenario).verdict
    assert f"{scenario.title} lies where it {own_verdict}" in text
    other_verdict = analyze_move(scenario, {"rivalry": 6.0, "offer": 1.5}).verdict
    would = {"pays off": "would pay off", "does not pay off": "would not pay off"}
    assert f"with the values of a split it {would[other_verdict]}" in text


def test_verdict_map_hatches_configurations_and_names_the_axes(scenarios):
    xs, ys = np.linspace(-4, 10, 8), np.linspace(0, 8, 6)
    vmap = verdict_map(scenarios[1], "rivalry", xs, "offer", ys)
    fig = plots.verdict_map_figure(vmap)
    ax = fig.axes[0]
    names = {c for c in vmap.configurations.ravel() if c}
    assert {g.get_gid() for g in ax.collections if g.get_gid().startswith("configuration:")} == {
        f"configuration:{n}" for n in names
    }
    assert ax.get_xlabel() == "rivalry (payoff units)"
    assert ax.get_ylabel() == "offer (payoff units)"
    verdicts = [t.get_text() for t in fig.legends[0].get_texts()]
    present = [v for v in ("does not pay off", "depends on equilibrium\nselection", "pays off")]
    assert verdicts == [
        v for v in present if (vmap.codes == VERDICT_CODES[v.replace("\n", " ")]).any()
    ]
