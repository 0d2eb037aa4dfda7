"""The verdict map with the sampled probability that the move pays off as contours.

:func:`draw_probability_map` draws a :class:`~triangle.analysis.VerdictMap` (the
verdict over a plane of two parameters, the others at their values) and, over it, the
contours of a :class:`~triangle.analysis.uncertainty.ProbabilityMap`: the share of
Monte Carlo draws that pay off in each bin of the same two parameters, all the other
guesses drawn from their distributions too. Where the colours say what happens at the
point values, the contours say how likely paying off is once the rest is uncertain.

Gids: those of :func:`~triangle.plots.draw_verdict_map`, plus ``"probability"`` (the
contour set) and ``"draws"`` (the extent of the draws).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from triangle.analysis.uncertainty import ProbabilityMap
from triangle.plots.layout import bottom_of, figure_title, inches, keep_inside
from triangle.plots.style import INK, new_figure, styled
from triangle.plots.verdict_map import draw_verdict_map
from triangle.report.prose import percent

__all__ = ["draw_probability_map", "probability_map_figure"]

LEVELS = (0.1, 0.25, 0.5, 0.75, 0.9)


@styled
def draw_probability_map(ax: Any, vmap, pmap: ProbabilityMap) -> Any:
    """Draw the verdict map and the sampled probability contours into ``ax``."""
    if not isinstance(pmap, ProbabilityMap):
        raise TypeError(f"expected a ProbabilityMap, got {type(pmap).__name__}")
    if (pmap.px, pmap.py) != (vmap.px, vmap.py):
        raise ValueError("the verdict map and the probability map have different axes")
    draw_verdict_map(ax, vmap)
    z = np.ma.masked_invalid(pmap.probability)
    levels = [lv for lv in LEVELS if z.min() < lv < z.max()] if z.count() else []
    if levels:
        contours = ax.contour(pmap.xs, pmap.ys, z, levels=levels, colors=INK, linewidths=1.3)
        contours.set_gid("probability")
        ax.clabel(contours, fmt=lambda v: f"P = {percent(v)}", fontsize=8)
    box = ax.plot(
        [pmap.xs[0], pmap.xs[-1], pmap.xs[-1], pmap.xs[0], pmap.xs[0]],
        [pmap.ys[0], pmap.ys[0], pmap.ys[-1], pmap.ys[-1], pmap.ys[0]],
        color=INK,
        linestyle=":",
        linewidth=1,
    )[0]
    box.set_gid("draws")
    return ax


@styled
def probability_map_figure(vmap, pmap: ProbabilityMap, *, title: str | None = None) -> Figure:
    """The verdict map with the probability contours, and a title that says what the
    contours are."""
    fig = new_figure(9.0, 7.0)
    text = title or (
        f"Where the move pays off over {vmap.px} and {vmap.py} (colours: the other "
        f"parameters at their values); contours: share of {pmap.samples:,} draws of all "
        "the uncertain parameters that pay off"
    )
    top = bottom_of(fig, figure_title(fig, text, size=12))
    ax = fig.add_axes((0.1, 0.1, 0.86, top - inches(fig, 0.3) - 0.1))
    draw_probability_map(ax, vmap, pmap)
    keep_inside(ax)
    return fig
