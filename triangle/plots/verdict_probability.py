"""How likely each verdict is: bars with their 95% Wilson intervals.

:func:`draw_verdict_probability` draws a
:class:`~triangle.analysis.uncertainty.MonteCarlo` result's verdict probabilities as
horizontal bars in the verdict colours, each with its interval as an error bar and its
value written beside it; :func:`verdict_probability_figure` adds the run's headline
(``triangle.report.prose.uncertainty_finding``) as the title.

Gids: ``"probability:<verdict>"`` (each bar), ``"interval:<verdict>"``.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from triangle.analysis.uncertainty import MonteCarlo
from triangle.plots.layout import axis_labels, bottom_of, figure_title, inches, keep_inside, wrap
from triangle.plots.style import INK, VERDICT_ALPHA, VERDICT_COLOURS, new_figure, styled
from triangle.report.prose import percent, uncertainty_finding
from triangle.vocabulary import Verdict

__all__ = ["draw_verdict_probability", "verdict_probability_figure"]

_ORDER = (Verdict.PAYS_OFF, Verdict.DEPENDS, Verdict.DOES_NOT_PAY_OFF)


def _result(value: Any) -> MonteCarlo:
    if not isinstance(value, MonteCarlo):
        raise TypeError(
            "expected a MonteCarlo (from triangle.analysis.uncertainty.monte_carlo), "
            f"got {type(value).__name__}"
        )
    return value


@styled
def draw_verdict_probability(ax: Any, result: MonteCarlo) -> Any:
    """Draw the probability of each verdict with its 95% Wilson interval into ``ax``.

    Examples
    --------
    >>> from triangle.analysis.uncertainty import monte_carlo
    >>> from triangle.scenario import load_scenario
    >>> from triangle.plots.style import new_figure
    >>> r = monte_carlo(load_scenario("scenarios/reverse_kissinger_2025.yaml"), 500, sobol=0)
    >>> ax = draw_verdict_probability(new_figure(5, 2).add_subplot(), r)
    >>> sorted(p.get_gid() for p in ax.patches)[0]
    'probability:depends on equilibrium selection'
    """
    result = _result(result)
    for row, verdict in enumerate(_ORDER):
        p = result.verdicts[verdict]
        bar = ax.barh(
            row, p.value, color=VERDICT_COLOURS[verdict], alpha=VERDICT_ALPHA, height=0.6
        )[0]
        bar.set_gid(f"probability:{verdict}")
        err = ax.errorbar(
            p.value,
            row,
            xerr=[[p.value - p.low], [p.high - p.value]],
            color=INK,
            capsize=4,
            linewidth=1.2,
        )
        err.lines[0].set_gid(f"interval:{verdict}")
        inside = p.high > 0.6  # a long bar: the label goes inside it, at its start
        ax.text(
            0.015 if inside else p.high + 0.02,
            row,
            f"{percent(p.value)}  [{percent(p.low)}, {percent(p.high)}]",
            va="center",
            ha="left",
            fontsize=9,
            color=INK,
        )
    ax.set_yticks(range(len(_ORDER)), [wrap(v, 18) for v in _ORDER])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    axis_labels(ax, f"probability over {result.samples:,} draws (95% Wilson interval)")
    return ax


@styled
def verdict_probability_figure(result: MonteCarlo, *, title: str | None = None) -> Figure:
    """The verdict probabilities of a Monte Carlo run, with the run's headline."""
    result = _result(result)
    fig = new_figure(9.0, 4.2)
    top = bottom_of(fig, figure_title(fig, title or uncertainty_finding(result), size=12))
    ax = fig.add_axes((0.25, 0.16, 0.7, top - inches(fig, 0.3) - 0.16))
    draw_verdict_probability(ax, result)
    keep_inside(ax)
    return fig
