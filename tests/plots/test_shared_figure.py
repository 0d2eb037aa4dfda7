"""Two charts drawn into two axes of one figure: each draws into its own axes only."""

from __future__ import annotations

import numpy as np
from support import gids

from triangle import plots
from triangle.analysis import verdict_map


def test_a_triangle_and_a_decomposition_share_a_figure(analyses):
    a = analyses[1]
    label = a.scenario.title
    with plots.use_style():
        fig = plots.new_figure(10, 4)
        left, right = fig.subplots(1, 2)
    plots.draw_triangle(left, a.after, mover=a.mover, prefix="after:")
    plots.draw_decomposition(right, a)
    ties = {f"after:tie:{x}–{y}" for x, y, _ in a.after.triad.ties()}
    nodes = {f"after:{kind}:{p}" for p in a.game.players for kind in ("node", "name")}
    bars = {f"component:{label}:{name}" for name in a.decomposition} | {f"net:{label}"}
    assert gids(left) == ties | nodes
    assert gids(right) == bars
    assert fig.axes == [left, right]
    assert not fig.texts and not fig.legends


def test_gain_curves_and_a_verdict_map_share_a_figure(scenarios, rivalry_curves):
    vmap = verdict_map(
        scenarios[1],
        "rivalry",
        np.linspace(-4, 10, 6),
        "offer",
        np.linspace(0, 8, 5),
        points=[("1971", 3.0, 1.0)],
    )
    fig = plots.new_figure(14, 5)
    top = fig.add_axes((0.05, 0.1, 0.42, 0.7))
    bottom = fig.add_axes((0.55, 0.1, 0.42, 0.7))
    plots.draw_gain_curves(top, rivalry_curves)
    plots.draw_verdict_map(bottom, vmap)
    curve = gids(top)
    mapped = gids(bottom)
    assert {
        "curve:1971",
        "curve:2025",
        "marker:1971",
        "marker:2025",
        "threshold:1971",
        "threshold:2025",
    } <= curve
    assert {"verdicts", f"point:{scenarios[1].title}", "point:1971"} <= mapped
    assert not any(g.startswith(("point:", "verdicts", "configuration")) for g in curve)
    assert not any(g.startswith(("curve", "marker:", "threshold:")) for g in mapped)
    assert fig._suptitle is None and not fig.legends
