"""The decomposition chart: where the mover's gain comes from, as a waterfall.

Bars step from zero through each payoff component of the mover's gain (standing, ties,
third party, costs, in the analysis's order; a single ``payoff`` component for games
without components), each labelled with its change, to the net gain, drawn in the
colour of the analysis's verdict. When the selected equilibria disagree, the net bar
is the lower bound of the gain (the one the decomposition adds up to) and a whisker
reaches the upper one, labelled with the range.

:func:`draw_decomposition` draws one analysis's waterfall into an axes;
:func:`decomposition_figure` draws one panel per scenario (three to a row, on one y
scale), each titled with :func:`triangle.report.prose.balance`, under the title of
:func:`triangle.report.prose.decomposition_title` and a legend of the components.

Gids: ``"component:<scenario title>:<component>"`` and ``"net:<scenario title>"``.

Examples
--------
>>> from triangle.analysis import analyze_move
>>> from triangle.scenario import load_scenario
>>> a = analyze_move(load_scenario("scenarios/kissinger_1971.yaml"))
>>> fig = decomposition_figure([a])
>>> for gid in sorted(p.get_gid() for p in fig.axes[0].patches if p.get_gid()):
...     print(gid)
component:Kissinger's opening to China, 1971:costs
component:Kissinger's opening to China, 1971:standing
component:Kissinger's opening to China, 1971:third party
component:Kissinger's opening to China, 1971:ties
net:Kissinger's opening to China, 1971
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from triangle.numbers import MINUS, signed
from triangle.plots._inputs import analyses_of, analysis_of, scenario_label
from triangle.plots.layout import (
    bottom_of,
    figure_title,
    fit,
    fit_text,
    inches,
    legend_columns,
    pad_ylim,
    wrap,
)
from triangle.plots.style import INK, MUTED, VERDICT_COLOURS, component_colour, new_figure, styled
from triangle.report.prose import decomposition_title, gain_summary, gain_text, is_range
from triangle.vocabulary import Verdict

__all__ = ["draw_decomposition", "decomposition_figure"]


def _components(analysis: Any) -> dict[str, float]:
    """The payoff components of the mover's gain; none for a game without components
    (its one ``payoff`` component is the net gain itself)."""
    return analysis.decomposition if analysis.game.components else {}


def _waterfall(ax: Any, analysis: Any, label: str, width: float = 0.7) -> list[float]:
    """Draw the bars of one analysis; returns their x positions (components, then net)."""
    comps = _components(analysis)
    lo, hi = analysis.gain
    net = sum(comps.values()) if comps else lo  # the components add up to the lower bound
    xs = []
    running = 0.0
    for n, (name, value) in enumerate(comps.items()):
        x = float(n)
        bottom = running if value >= 0 else running + value
        bar = ax.bar(
            x,
            abs(value),
            bottom=bottom,
            width=width,
            color=component_colour(name, n),
            edgecolor="white",
            linewidth=0.8,
            zorder=2,
        )
        bar.patches[0].set_gid(f"component:{label}:{name}")
        ax.plot(
            [x + width / 2, x + 1 - width / 2],
            [running + value] * 2,
            color=MUTED,
            linewidth=0.8,
            zorder=1,
        )
        text = signed(value)
        zero = not text.startswith(("+", MINUS))  # a change too small to print
        up = value >= 0
        ax.annotate(
            "0" if zero else text,
            (x, bottom + abs(value) if up else bottom),
            xytext=(0, 3 if up else -3),
            textcoords="offset points",
            ha="center",
            va="bottom" if up else "top",
            fontsize=9.5,
            color=MUTED if zero else INK,
        )
        running += value
        xs.append(x)
    x = float(len(comps))
    bar = ax.bar(
        x,
        abs(net),
        bottom=min(0.0, net),
        width=width,
        color=VERDICT_COLOURS[analysis.verdict],
        edgecolor=INK,
        linewidth=1.0,
        zorder=2,
    )
    bar.patches[0].set_gid(f"net:{label}")
    if is_range(lo, hi):
        # The gain is a range: the net bar is its lower bound, the whisker reaches the upper.
        yerr = [[max(0.0, net - lo)], [max(0.0, hi - net)]]
        ax.errorbar([x], [net], yerr=yerr, color=INK, capsize=4, zorder=3)
        text = gain_text(lo, hi)
        up = True  # above the whisker, clear of the bars below
    else:
        text = signed(net)
        up = net >= 0
    ax.annotate(
        text,
        (x, max(net, hi) if up else min(net, lo)),
        xytext=(0, 3 if up else -3),
        textcoords="offset points",
        ha="center",
        va="bottom" if up else "top",
        fontsize=10,
        fontweight="bold",
        color=INK,
    )
    xs.append(x)
    return xs


def _draw(ax: Any, analysis: Any, *, tick_width: int, margin: float, zero_zorder: float) -> None:
    xs = _waterfall(ax, analysis, scenario_label(analysis))
    ax.axhline(0, color=INK, linewidth=0.9, zorder=zero_zorder)
    names = [*_components(analysis), "net gain"]
    ax.set_xticks(xs, [wrap(t, tick_width) for t in names], fontsize=9.5)
    ax.tick_params(axis="x", length=0)
    ax.set_xlim(-margin, xs[-1] + margin)


@styled
def draw_decomposition(ax: Any, analysis: Any) -> Any:
    """Draw the waterfall of one analysis's gain by payoff component into ``ax``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    analysis : MoveAnalysis
        Its ``decomposition`` (adding up to the lower bound of ``gain``), ``gain`` and
        ``verdict`` (the colour of the net bar) are drawn.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, with the component names (and "net gain") as x ticks, a zero line and
        the y label "change in <mover>'s payoff (payoff units)".

    Examples
    --------
    >>> from triangle.analysis import analyze_move
    >>> from triangle.plots.style import new_figure
    >>> from triangle.scenario import load_scenario
    >>> a = analyze_move(load_scenario("scenarios/reverse_kissinger_2025.yaml"))
    >>> ax = draw_decomposition(new_figure(5, 4).add_subplot(), a)
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['standing', 'ties', 'third\\nparty', 'costs', 'net gain']
    >>> net = [p for p in ax.patches if p.get_gid() == f"net:{a.scenario.title}"][0]
    >>> bool(round(-net.get_height(), 2) == round(a.gain[0], 2))
    True
    """
    analysis = analysis_of(analysis)
    _draw(ax, analysis, tick_width=10, margin=0.7, zero_zorder=1)
    _ylabel(ax, f"{analysis.mover}'s")
    return ax


def _ylabel(ax: Any, whose: str) -> None:
    """The y label, fitted to the axes' height as it is now."""
    label, size = fit_text(
        ax.figure,
        f"change in {whose} payoff (payoff units)",
        ax.get_window_extent().height,
        fontsize=11,
        max_lines=2,
        min_size=8,
    )
    ax.set_ylabel(label, fontsize=size)


def _comparison_waterfall(ax: Any, analysis: Any) -> None:
    """The waterfall as the comparison chart draws it (narrower labels and margins)."""
    _draw(ax, analysis, tick_width=9, margin=0.6, zero_zorder=2)


def _net_handles(analyses: Sequence[Any]) -> list[Patch]:
    """Legend patches of the verdicts of the net bars shown."""
    return [
        Patch(facecolor=VERDICT_COLOURS[v], edgecolor=INK, label=f"net: {v}")
        for v in Verdict
        if any(a.verdict == v for a in analyses)
    ]


@styled
def decomposition_figure(analyses: Any, *, title: str | None = None) -> Figure:
    """Per scenario, the mover's gain split by payoff component, as a waterfall.

    Parameters
    ----------
    analyses : sequence of MoveAnalysis
        One per scenario, e.g. from :func:`triangle.analysis.compare` (a single
        analysis is taken as one).
    title : str, optional
        Replaces :func:`triangle.report.prose.decomposition_title`.

    Returns
    -------
    matplotlib.figure.Figure
        One axes per scenario, sharing the y axis, each titled with the scenario and
        :func:`~triangle.report.prose.balance` of its decomposition.

    Raises
    ------
    TriangleInputError
        When no analysis is given.

    Examples
    --------
    >>> from triangle.analysis import compare
    >>> fig = decomposition_figure(compare(["scenarios/kissinger_1971.yaml",
    ...                                     "scenarios/reverse_kissinger_2025.yaml"]))
    >>> fig.axes[1].get_title().replace("\\n", " ")
    'Reverse Kissinger: courting Russia, 2025 −0.65 (costs −3.00 outweigh standing +2.00)'
    """
    analyses = analyses_of(analyses)
    per_row = min(3, len(analyses))
    rows = -(-len(analyses) // per_row)
    widest = max(len(_components(a)) + 1 for a in analyses)
    panel_width = max(3.4, 0.85 * widest + 0.9)
    fig = new_figure(max(6.5, panel_width * per_row + 1.0), 1.4 + 3.9 * rows)
    fig.subplots_adjust(left=0.75 / fig.get_figwidth() + 0.03, right=0.98, wspace=0.08)
    seen: dict[str, str] = {}
    axes: list[Any] = []
    for n, a in enumerate(analyses):
        ax = fig.add_subplot(rows, per_row, n + 1, sharey=axes[0] if axes else None)
        axes.append(ax)
        draw_decomposition(ax, a)
        for k, name in enumerate(_components(a)):
            seen.setdefault(name, component_colour(name, k))
        # one scenario: the figure's title says what drives the gain
        text = scenario_label(a)
        if len(analyses) > 1:
            text += "\n" + gain_summary(a)
        heading = ax.set_title(text, fontsize=10.5, fontweight="bold", loc="center")
        fit(heading, ax.get_window_extent().width, max_lines=5)
        if n % per_row:
            ax.set_ylabel("")
            ax.tick_params(axis="y", labelleft=False)
    pad_ylim(axes[0], 0.12)
    head = figure_title(fig, title or decomposition_title(analyses))
    handles = [Patch(color=c, label=name) for name, c in seen.items()]
    handles += _net_handles(analyses)
    legend = fig.legend(
        handles=handles,
        loc="upper center",
        ncol=legend_columns(fig, [h.get_label() for h in handles], 9.5),
        bbox_to_anchor=(0.5, bottom_of(fig, head) - inches(fig, 0.05)),
    )
    top = bottom_of(fig, legend) - inches(fig, 0.15)
    headings = max(ax.title.get_window_extent().height for ax in axes) / fig.dpi
    fig.subplots_adjust(
        top=top - inches(fig, headings + 0.15),
        bottom=0.75 / fig.get_figheight(),
        hspace=0.45 + headings / 3.9,
    )
    movers = {a.mover for a in analyses}
    whose = f"{analyses[0].mover}'s" if len(movers) == 1 else "the mover's"
    for ax in axes[::per_row]:  # the first of each row, now that the heights are final
        _ylabel(ax, whose)
    return fig
