"""What drives the gain: Sobol indices (or rank correlations) as a tornado of bars.

:func:`draw_sensitivity` draws, for each drawn parameter of a
:class:`~triangle.analysis.uncertainty.MonteCarlo` result (most influential first),
its total Sobol index with the bootstrap 95% interval and its first-order index
inside it; without Sobol indices, the Spearman rank correlation of the gain with the
parameter (negative to the left). :func:`sensitivity_figure` adds the headline.

Gids: ``"total:<name>"``, ``"first:<name>"`` and ``"interval:<name>"`` (the total's
95% interval, drawn over both bars), or ``"spearman:<name>"``; ``"note"`` when a
first-order index exceeds its total (which only sampling error allows).
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from triangle.plots.layout import axis_labels, bottom_of, figure_title, inches, keep_inside
from triangle.plots.style import INK, OKABE_ITO, new_figure, styled
from triangle.plots.verdict_probability import _result
from triangle.report.prose import uncertainty_finding

__all__ = ["draw_sensitivity", "sensitivity_figure"]

WHISKER_OFFSET = 0.26
"""How far from the middle of a row the total's interval is drawn: inside the light
bar (height 0.7), outside the dark one (height 0.35)."""
VISIBLE = 0.005
"""A first-order index further above its total than this is noted (half the last
digit of an index written with two decimals)."""


@styled
def draw_sensitivity(ax: Any, result, *, limit: int = 12) -> Any:
    """Draw the sensitivity of the gain to each drawn parameter into ``ax``."""
    result = _result(result)
    names = [n for n, _ in result.drivers()][:limit]
    if result.sobol:
        above = []
        for row, name in enumerate(names):
            s = result.sobol[name]
            total = ax.barh(row, s.total, color=OKABE_ITO["sky blue"], height=0.7, zorder=2)
            total.patches[0].set_gid(f"total:{name}")
            first = ax.barh(row, s.first, color=OKABE_ITO["blue"], height=0.35, zorder=3)
            first.patches[0].set_gid(f"first:{name}")
            # the total's interval, drawn over both bars: a first-order bar longer than
            # the total's (sampling noise) must not hide it
            # in the part of the light bar the dark one leaves free
            whisker = ax.errorbar(
                s.total,
                row - WHISKER_OFFSET,
                xerr=s.total_conf,
                fmt="none",
                ecolor=INK,
                capsize=2.5,
                zorder=4,
            )
            for line in whisker.lines[2]:
                line.set_gid(f"interval:{name}")
            if s.first - s.total > VISIBLE:
                above.append((name, s.first - s.total <= s.first_conf + s.total_conf))
        axis_labels(
            ax, "Sobol index of the gain (light: total, with 95% interval; dark: first order)"
        )
        ax.set_xlim(
            0,
            max(
                1e-9,
                max(
                    max(result.sobol[n].total + result.sobol[n].total_conf, result.sobol[n].first)
                    for n in names
                ),
            )
            * 1.1,
        )
        if above:
            ax.text(
                0.99,
                0.02,
                _above_note(above),
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=8,
                color=INK,
                gid="note",
            )
    else:
        for row, name in enumerate(names):
            value = result.spearman[name]
            bar = ax.barh(
                row,
                value,
                height=0.6,
                color=OKABE_ITO["bluish green" if value > 0 else "vermillion"],
            )
            bar.patches[0].set_gid(f"spearman:{name}")
        ax.axvline(0, color=INK, linewidth=1)
        ax.set_xlim(-1, 1)
        axis_labels(ax, "Spearman rank correlation with the gain")
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()
    return ax


def _above_note(above: list[tuple[str, bool]]) -> str:
    """The note for first-order indices above their totals, which only sampling error
    makes possible (a parameter's effect alone is part of its total effect)."""
    names = ", ".join(name for name, _ in above)
    if all(within for _, within in above):
        return f"first order above total ({names}): within sampling error"
    return f"first order above total ({names}): sampling error; more samples narrow it"


@styled
def sensitivity_figure(result, *, title: str | None = None) -> Figure:
    """What drives the gain in a Monte Carlo run, with the run's headline."""
    result = _result(result)
    rows = min(12, len(result.parameters))
    fig = new_figure(9.0, 2.6 + 0.32 * rows)
    top = bottom_of(fig, figure_title(fig, title or uncertainty_finding(result), size=12))
    ax = fig.add_axes((0.24, 0.16, 0.72, top - inches(fig, 0.3) - 0.16))
    draw_sensitivity(ax, result)
    keep_inside(ax)
    return fig
