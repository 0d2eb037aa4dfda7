"""The payoff chart: every actor's equilibrium payoff before and after the move.

One panel per scenario; for each actor a grey bar (before) beside a blue bar (after),
each labelled with its value, and above the pair the change, green when the actor
gains, vermillion when it loses, grey when the change rounds to zero. The mover is
named first, in bold. The payoffs are those of the representative selected outcome of
each side (:attr:`triangle.analysis.Side.payoffs`).

:func:`draw_payoffs` draws one analysis into an axes; :func:`payoffs_figure` draws
one panel per scenario under the title of :func:`triangle.report.prose.payoffs_title`
(who gains most in each scenario) and a legend.

Gids: ``"before:<scenario title>:<actor>"`` and ``"after:<scenario title>:<actor>"``.

Examples
--------
>>> from triangle.analysis import analyze_move
>>> from triangle.scenario import load_scenario
>>> a = analyze_move(load_scenario("scenarios/reverse_kissinger_2025.yaml"))
>>> fig = payoffs_figure([a])
>>> [float(p.get_height()) for p in fig.axes[0].patches
...  if p.get_gid() == f"after:{a.scenario.title}:Russia"]
[6.25]
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from triangle.numbers import MINUS, fixed, signed
from triangle.plots._inputs import analyses_of, analysis_of, scenario_label
from triangle.plots.layout import bottom_of, figure_title, fit, fit_text, inches, pad_ylim
from triangle.plots.style import (
    AFTER_COLOUR,
    BEFORE_COLOUR,
    INK,
    MUTED,
    VERDICT_COLOURS,
    new_figure,
    styled,
)
from triangle.report.prose import payoffs_title
from triangle.vocabulary import Verdict

__all__ = ["draw_payoffs", "payoffs_figure"]

_WIDTH = 0.38


def _actors(analysis: Any) -> list[str]:
    """Every actor with a payoff, the mover first."""
    mover = analysis.mover
    actors = list(dict.fromkeys([*analysis.before.payoffs, *analysis.after.payoffs]))
    if mover in actors:
        actors.remove(mover)
        actors.insert(0, mover)
    return actors


def _changes(analysis: Any) -> dict[str, float]:
    """Each actor's payoff after minus before (NaN when one side lacks it)."""
    before, after = analysis.before.payoffs, analysis.after.payoffs
    return {a: after.get(a, math.nan) - before.get(a, math.nan) for a in _actors(analysis)}


def _change_colour(text: str) -> str:
    """Green for a gain, vermillion for a loss, grey for a change that prints as zero."""
    if text.startswith("+"):
        return VERDICT_COLOURS[Verdict.PAYS_OFF]
    if text.startswith(MINUS):
        return VERDICT_COLOURS[Verdict.DOES_NOT_PAY_OFF]
    return MUTED


@styled
def draw_payoffs(ax: Any, analysis: Any) -> Any:
    """Draw each actor's payoff before and after the move into ``ax``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    analysis : MoveAnalysis
        Its ``before.payoffs`` and ``after.payoffs`` are drawn.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, titled with the scenario (padded above the changes written over each
        pair of bars), the actors as x ticks (the mover first, in bold).

    Examples
    --------
    >>> from triangle.analysis import analyze_move
    >>> from triangle.plots.style import new_figure
    >>> from triangle.scenario import load_scenario
    >>> a = analyze_move(load_scenario("scenarios/kissinger_1971.yaml"))
    >>> ax = draw_payoffs(new_figure(5, 4).add_subplot(), a)
    >>> [t.get_text() for t in ax.texts if t.get_text().startswith("change")]
    ['change +6.00', 'change +1.00', 'change +1.00']
    """
    analysis = analysis_of(analysis)
    label = scenario_label(analysis)
    mover = analysis.mover
    actors = _actors(analysis)
    x = np.arange(len(actors), dtype=float)
    # what the labels of each actor's pair of bars may span, in pixels
    group = 0.95 * ax.get_window_extent().width / max(len(actors), 1)
    for offset, values, colour, side in (
        (-_WIDTH / 2, analysis.before.payoffs, BEFORE_COLOUR, "before"),
        (_WIDTH / 2, analysis.after.payoffs, AFTER_COLOUR, "after"),
    ):
        heights = [values.get(a, np.nan) for a in actors]
        bars = ax.bar(x + offset, heights, width=_WIDTH, color=colour, edgecolor="white", zorder=2)
        for a, bar, h in zip(actors, bars.patches, heights, strict=True):
            bar.set_gid(f"{side}:{label}:{a}")
            if np.isfinite(h):
                value = ax.annotate(
                    fixed(h),
                    (bar.get_x() + _WIDTH / 2, h),
                    xytext=(0, 3 if h >= 0 else -3),
                    textcoords="offset points",
                    ha="center",
                    va="bottom" if h >= 0 else "top",
                    fontsize=9,
                )
                fit(value, group / 2, max_lines=1, min_size=5)
    changes = _changes(analysis)
    for xi, a in zip(x, actors, strict=True):
        change = changes[a]
        if np.isfinite(change):
            text = signed(change)
            written = ax.text(
                xi,
                1.0,
                f"change {text}",
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="bottom",
                fontsize=9.5,
                fontweight="bold",
                color=_change_colour(text),
            )
            fit(written, group, max_lines=2, min_size=6)
    ax.axhline(0, color=INK, linewidth=0.8)
    names = [
        fit_text(ax.figure, a, group, fontsize=10, max_lines=3, fontweight="bold")[0]
        + ("\n(mover)" if a == mover else "")
        for a in actors
    ]
    ax.set_xticks(x, names)
    for tick, a in zip(ax.get_xticklabels(), actors, strict=True):
        if a == mover:
            tick.set_fontweight("bold")
    ax.tick_params(axis="x", length=0)
    heading = ax.set_title(label, fontsize=11.5, pad=22)
    fit(heading, ax.get_window_extent().width, max_lines=3)
    return ax


def _winner(analysis: Any) -> tuple[str, str, float, str, float | None] | None:
    """``(scenario, actor who gains most, its change, mover, mover's change)``, the
    first-named actor among equals."""
    changes = {a: c for a, c in _changes(analysis).items() if math.isfinite(c)}
    if not changes:
        return None
    order = list(changes)
    best = max(changes, key=lambda a: (changes[a], -order.index(a)))
    mover = analysis.mover
    return scenario_label(analysis), best, changes[best], mover, changes.get(mover)


@styled
def payoffs_figure(analyses: Any, *, title: str | None = None) -> Figure:
    """Each actor's equilibrium payoff before and after the move, one panel per scenario.

    Parameters
    ----------
    analyses : sequence of MoveAnalysis
        One per scenario (a single analysis is taken as one).
    title : str, optional
        Replaces :func:`triangle.report.prose.payoffs_title` (who gains most in each
        scenario, and the mover's change when it is someone else).

    Returns
    -------
    matplotlib.figure.Figure
        One axes per scenario, sharing the y axis; bars carry gids
        ``"before:<scenario>:<actor>"`` and ``"after:<scenario>:<actor>"``.

    Raises
    ------
    TriangleInputError
        When no analysis is given.

    Examples
    --------
    >>> from triangle.analysis import analyze_move
    >>> from triangle.scenario import load_scenario
    >>> fig = payoffs_figure([analyze_move(load_scenario("scenarios/kissinger_1971.yaml"))])
    >>> fig._suptitle.get_text().replace("\\n", " ")
    'Who gains most from the move: the US +6.00'
    >>> fig.axes[0].get_title()  # the scenario, once
    "Kissinger's opening to China, 1971"
    """
    analyses = analyses_of(analyses)
    fig = new_figure(max(7.0, 4.6 * len(analyses)), 6.0)
    axes = fig.subplots(1, len(analyses), sharey=True, squeeze=False)[0]
    fig.subplots_adjust(left=0.09, right=0.98, top=0.72, bottom=0.12, wspace=0.08)
    for ax, a in zip(axes, analyses, strict=True):
        draw_payoffs(ax, a)
    axes[0].set_ylabel("equilibrium payoff (payoff units)")
    for ax in axes:
        pad_ylim(ax, 0.06)
    if title is None:
        title = payoffs_title([w for w in map(_winner, analyses) if w is not None])
    head = figure_title(fig, title)
    legend = fig.legend(
        handles=[
            Patch(color=BEFORE_COLOUR, label="before the move"),
            Patch(color=AFTER_COLOUR, label="after the move"),
        ],
        loc="upper center",
        ncol=2,
        bbox_to_anchor=(0.5, bottom_of(fig, head) - inches(fig, 0.05)),
    )
    lines = max(ax.get_title().count("\n") + 1 for ax in axes)
    top = bottom_of(fig, legend) - inches(fig, 0.45 + 0.22 * lines)
    ticks = max(t.get_text().count("\n") + 1 for ax in axes for t in ax.get_xticklabels())
    fig.subplots_adjust(top=top, bottom=inches(fig, 0.25 + 0.18 * ticks))
    return fig
