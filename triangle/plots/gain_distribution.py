"""The distribution of the mover's gain over a Monte Carlo run, with the break-even line.

:func:`draw_gain_distribution` draws the histogram of a
:class:`~triangle.analysis.uncertainty.MonteCarlo` result's gain (its
``gain_histogram``), the parts above zero in the "pays off" colour and below in the
"does not pay off" one, a vertical line at zero (break-even) and the median and 5%/95%
quantiles; :func:`gain_distribution_figure` adds the headline as the title.

Gids: ``"gain:pays"``, ``"gain:loses"``, ``"break-even"``, ``"quantile:<q>"``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from triangle.plots.layout import axis_labels, bottom_of, figure_title, inches, keep_inside
from triangle.plots.style import INK, MUTED, VERDICT_ALPHA, VERDICT_COLOURS, new_figure, styled
from triangle.plots.verdict_probability import _result
from triangle.report.prose import the, uncertainty_finding
from triangle.vocabulary import Verdict

__all__ = ["draw_gain_distribution", "gain_distribution_figure"]


@styled
def draw_gain_distribution(ax: Any, result) -> Any:
    """Draw the histogram of the gain with the break-even line into ``ax``."""
    result = _result(result)
    counts, edges = result.gain_histogram
    share = counts / max(1, result.samples)
    centres = (edges[1:] + edges[:-1]) / 2
    for name, mask, verdict in (
        ("gain:pays", centres > 0, Verdict.PAYS_OFF),
        ("gain:loses", centres <= 0, Verdict.DOES_NOT_PAY_OFF),
    ):
        bars = ax.bar(
            centres[mask],
            share[mask],
            width=np.diff(edges)[mask],
            color=VERDICT_COLOURS[verdict],
            alpha=VERDICT_ALPHA,
            linewidth=0,
        )
        for patch in bars.patches:
            patch.set_gid(name)
    line = ax.axvline(0.0, color=INK, linewidth=1.6)
    line.set_gid("break-even")
    ax.text(0.0, 1.0, " break-even", transform=ax.get_xaxis_transform(), va="top", fontsize=9)
    for q, value in result.gain_quantiles.items():
        if q in (0.05, 0.5, 0.95):
            mark = ax.axvline(value, color=MUTED, linestyle=":" if q != 0.5 else "--")
            mark.set_gid(f"quantile:{q:g}")
            ax.text(
                value,
                0.92,
                f" {q * 100:g}%",
                transform=ax.get_xaxis_transform(),
                fontsize=8,
                color=MUTED,
            )
    axis_labels(ax, f"gain of {the(result.mover)} (payoff units)", "share of draws")
    return ax


@styled
def gain_distribution_figure(result, *, title: str | None = None) -> Figure:
    """The gain distribution of a Monte Carlo run, with the run's headline."""
    result = _result(result)
    fig = new_figure(9.0, 5.0)
    top = bottom_of(fig, figure_title(fig, title or uncertainty_finding(result), size=12))
    ax = fig.add_axes((0.1, 0.12, 0.86, top - inches(fig, 0.3) - 0.12))
    draw_gain_distribution(ax, result)
    keep_inside(ax)
    return fig
