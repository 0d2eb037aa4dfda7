"""The verdict map with the sampled probability that the move pays off as contours.

:func:`draw_probability_map` draws a :class:`~triangle.analysis.VerdictMap` (the
verdict over a plane of two parameters, the others at their values) and, over it, the
contours of a :class:`~triangle.analysis.uncertainty.ProbabilityMap`: the share of
Monte Carlo draws that pay off in each bin of the same two parameters, all the other
guesses drawn from their distributions too. Where the colours say what happens at the
point values, the contours say how likely paying off is once the rest is uncertain.

Gids: those of :func:`~triangle.plots.draw_verdict_map`, plus ``"probability"`` (the
contour set) and ``"draws"`` (the extent of the draws). :func:`probability_map_figure`
explains the colours, the hatches and both kinds of line in legends beside the map;
contour labels that would cover a marked point's label are left out.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from triangle.analysis.uncertainty import ProbabilityMap
from triangle.plots._inputs import verdict_map_of
from triangle.plots.layout import (
    bottom_of,
    figure_title,
    inches,
    keep_inside,
    renderer_of,
    wrap,
)
from triangle.plots.style import INK, new_figure, styled
from triangle.plots.verdict_map import draw_verdict_map, map_legends
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
        labels = ax.clabel(contours, fmt=lambda v: f"P = {percent(v)}", fontsize=8)
        _clear_point_labels(ax, labels)
    box = ax.plot(
        [pmap.xs[0], pmap.xs[-1], pmap.xs[-1], pmap.xs[0], pmap.xs[0]],
        [pmap.ys[0], pmap.ys[0], pmap.ys[-1], pmap.ys[-1], pmap.ys[0]],
        color=INK,
        linestyle=":",
        linewidth=1,
    )[0]
    box.set_gid("draws")
    return ax


def _clear_point_labels(ax: Any, labels) -> None:
    """Remove the contour labels that would cover a marked point's label box (the
    contour itself stays, and keeps its other labels)."""
    points = [t for t in ax.texts if t.get_bbox_patch() is not None and t not in labels]
    if not points:
        return
    renderer = renderer_of(ax.figure)
    pad = 4 * ax.figure.dpi / 72  # the box's padding and edge, in pixels
    boxes = [text.get_window_extent(renderer).expanded(1, 1).padded(pad) for text in points]
    for label in list(labels):
        extent = label.get_window_extent(renderer)
        if any(extent.overlaps(box) for box in boxes):
            label.remove()


def _draws_legend(fig: Figure, top: float, left: float) -> Any:
    """The legend of what the probability map adds to the verdict map."""
    handles = [
        Line2D([], [], color=INK, linewidth=1.3, label=wrap("P = share of draws that pay off", 24)),
        Line2D([], [], color=INK, linestyle=":", lw=1, label=wrap("extent of the draws", 24)),
    ]
    return fig.legend(
        handles=handles,
        title="contours",
        loc="upper left",
        bbox_to_anchor=(left, top),
        alignment="left",
        title_fontsize=10.5,
    )


@styled
def probability_map_figure(vmap, pmap: ProbabilityMap, *, title: str | None = None) -> Figure:
    """The verdict map with the probability contours, and a title that says what the
    contours are."""
    fig = new_figure(10.5, 7.0)
    text = title or (
        f"Where the move pays off over {vmap.px} and {vmap.py} (colours: the other "
        f"parameters at their values); contours: share of {pmap.samples:,} draws of all "
        "the uncertain parameters that pay off"
    )
    top = bottom_of(fig, figure_title(fig, text, size=12)) - inches(fig, 0.25)
    ax = fig.add_axes((0.085, 0.1, 0.58, top - 0.1))
    draw_probability_map(ax, vmap, pmap)
    keep_inside(ax)
    # the colours and hatches, then the lines this chart adds
    bottom = map_legends(fig, verdict_map_of(vmap), top)
    _draws_legend(fig, bottom - inches(fig, 0.2), 0.69)
    return fig
