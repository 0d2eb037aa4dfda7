"""The comparison chart: several scenarios' moves, one row each, readable on its own.

Each row has a heading with the scenario's title and its verdict line
(:func:`triangle.report.prose.verdict_line`, in a box of the verdict's colour); the
triangle before and after the move with the arrow of the move between them (for a
game without stances, each actor's payoff before and after instead); the mover's gain
split by payoff component as a waterfall ending in the net gain (one y scale for every
row, so that gains compare at a glance); and under them the reason
(:func:`triangle.report.prose.reason`) and, when the analysis computed thresholds
(``analyze_move(..., thresholds=("rivalry",))``), how far the scenario's parameter is
from the values where the verdict or the target's choice flips
(:func:`triangle.report.prose.threshold_sentence`), one sentence a line. The title is
:func:`triangle.report.prose.comparison_finding`. Every text is measured and fitted to
its room (:mod:`triangle.plots.layout`), and the figure is as tall as its rows' texts
need.

Gids, per scenario ``<label>`` (its title): ``"rule:<label>"`` (the line above the
row), ``"title:<label>"``, ``"verdict:<label>"``, ``"reason:<label>"``,
``"threshold:<label>"`` (texts),
ties ``"<label>:before:tie:A–B"`` / ``"<label>:after:tie:A–B"``, nodes
``"<label>:after:node:A"``..., waterfall bars ``"component:<label>:<name>"`` and
``"net:<label>"``.

Examples
--------
>>> from triangle.analysis import compare
>>> fig = comparison_figure(compare(["scenarios/kissinger_1971.yaml",
...                                  "scenarios/reverse_kissinger_2025.yaml"]))
>>> [t.get_text() for t in fig.texts if str(t.get_gid()).startswith("verdict:")]
['Pays off: gain +6.00', 'Does not pay off: gain −0.65']
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from triangle.plots._inputs import analyses_of, scenario_label
from triangle.plots.decomposition import _comparison_waterfall
from triangle.plots.layout import bottom_of, figure_title, fit, fit_text, inches, pad_ylim
from triangle.plots.payoffs import draw_payoffs
from triangle.plots.style import INK, VERDICT_COLOURS, new_figure, styled
from triangle.plots.triangle import _has_chance, _move_arrow, _side_panel, _tie_legend
from triangle.report.prose import (
    comparison_finding,
    full_stop,
    reason,
    the,
    threshold_sentence,
    verdict_line,
)
from triangle.vocabulary import Verdict

__all__ = ["comparison_figure"]

_WIDTH = 15.0
"""Inches across the figure."""
_TEXT_LEFT, _TEXT_WIDTH = 0.012, 0.976
"""Where the row texts start and how much of the figure's width they may take."""
_ROW_HEADING_GAP = 0.4
"""Inches between a row's heading and the top of its panels (room for their titles)."""
_ROW_PANELS = 3.1
_ROW_CAPTION = 0.9
"""Inches under the panels for the diagrams' captions (up to four lines)."""
_ROW_GAP = 0.3
_TEXT_SIZE = 10.5


def _texts(analysis: Any) -> tuple[str, str]:
    """The reason and the distances to the flips written under a row ("" when none)."""
    why = reason(analysis)
    why = f"Why: {full_stop(why)}" if why else ""
    sentences = [full_stop(threshold_sentence(t)) for t in analysis.thresholds]
    # one line each: a sentence may start with a parameter's name, in lower case
    flips = "How far from flipping: " + "\n".join(sentences) if sentences else ""
    return why, flips


def _height(
    fig: Figure, text: str, width: float, *, max_lines: int | None = None, **props: Any
) -> float:
    """Inches a text takes once fitted to ``width`` pixels (0 for no text)."""
    if not text:
        return 0.0
    wrapped, size = fit_text(fig, text, width, max_lines=max_lines, **props)
    props = {k: v for k, v in props.items() if k != "fontsize"}
    probe = fig.text(0, 0, wrapped, fontsize=size, va="top", **props)
    height = probe.get_window_extent().height / fig.dpi
    probe.remove()
    return height


def _heading(fig: Figure, analysis: Any, top: float) -> float:
    """The row's title on the left and its verdict in a coloured box on the right;
    returns the heading's bottom (figure fraction)."""
    label = scenario_label(analysis)
    verdict = analysis.verdict
    y = top - inches(fig, 0.1)
    box = fig.text(
        0.985,
        y,
        verdict_line(analysis),
        ha="right",
        va="top",
        fontsize=13,
        fontweight="bold",
        color=INK if verdict == Verdict.DEPENDS else "white",
        bbox={"boxstyle": "round,pad=0.35", "fc": VERDICT_COLOURS[verdict], "ec": "none"},
    )
    box.set_gid(f"verdict:{label}")
    room = box.get_window_extent().x0 - _TEXT_LEFT * fig.bbox.width - 0.3 * fig.dpi
    name = fig.text(_TEXT_LEFT, y, label, ha="left", va="top", fontsize=14, fontweight="bold")
    fit(name, room, max_lines=2, min_size=11)
    name.set_gid(f"title:{label}")
    return min(bottom_of(fig, name), bottom_of(fig, box))


def _panels(fig: Figure, analysis: Any, top: float) -> Any:
    """The triangles before and after with the move's arrow between them (or, for a
    game without stances, every actor's payoff before and after), and the waterfall;
    returns the waterfall's axes."""
    label = scenario_label(analysis)
    mover = analysis.mover
    panel_h = inches(fig, _ROW_PANELS)
    y0 = top - panel_h
    if analysis.before.relations is not None:
        ax_b = fig.add_axes((0.01, y0, 0.26, panel_h))
        ax_m = fig.add_axes((0.27, y0, 0.1, panel_h))
        ax_a = fig.add_axes((0.37, y0, 0.26, panel_h))
        _side_panel(ax_b, analysis.before, "Before", mover, f"{label}:before:")
        _move_arrow(ax_m, analysis)
        _side_panel(ax_a, analysis.after, "After", mover, f"{label}:after:")
    else:  # no ties to draw: what each actor gets instead
        ax_p = fig.add_axes((0.06, y0 + inches(fig, 0.1), 0.55, panel_h - inches(fig, 0.75)))
        draw_payoffs(ax_p, analysis)
        pad_ylim(ax_p, 0.1)
        ax_p.set_title(
            "Each actor's payoff before (grey) and after (blue) the move", fontsize=11.5, pad=22
        )
        ax_p.set_ylabel("payoff")
    ax_w = fig.add_axes((0.70, y0 + inches(fig, 0.1), 0.285, panel_h - inches(fig, 0.45)))
    _comparison_waterfall(ax_w, analysis)
    ylabel, size = fit_text(
        fig,
        f"change in {mover}'s payoff",
        ax_w.get_window_extent().height,
        fontsize=10,
        max_lines=2,
    )
    ax_w.set_ylabel(ylabel, fontsize=size)
    what = "Where {}'s gain comes from" if analysis.game.components else "{}'s gain"
    heading, size = fit_text(
        fig,
        what.format(the(mover)),
        ax_w.get_window_extent().width,
        fontsize=11.5,
        max_lines=2,
        fontweight="bold",
    )
    ax_w.set_title(heading, fontsize=size)
    pad_ylim(ax_w, 0.2)
    return ax_w


def _heading_height(fig: Figure, analysis: Any) -> float:
    """Inches the row's heading takes (it is drawn on ``fig`` and removed again)."""
    before = list(fig.texts)
    bottom = _heading(fig, analysis, 1.0)
    for text in [t for t in fig.texts if t not in before]:
        text.remove()
    return (1.0 - bottom) * fig.get_figheight()


def _row_height(fig: Figure, analysis: Any, width: float) -> float:
    """Inches one row takes: heading, panels, captions, the texts under them, a gap."""
    why, flips = _texts(analysis)
    text = _height(fig, why, width, fontsize=_TEXT_SIZE)
    if flips:
        text += 0.06 + _height(fig, flips, width, fontsize=_TEXT_SIZE, fontweight="bold")
    heading = _heading_height(fig, analysis) + _ROW_HEADING_GAP
    return heading + _ROW_PANELS + _ROW_CAPTION + text + _ROW_GAP


@styled
def comparison_figure(analyses: Any, *, title: str | None = None) -> Figure:
    """The one chart that compares scenarios: triangles, gain decomposition, verdict.

    Parameters
    ----------
    analyses : sequence of MoveAnalysis
        One per scenario, e.g. from :func:`triangle.analysis.compare` (a single
        analysis is taken as one).
    title : str, optional
        Replaces :func:`triangle.report.prose.comparison_finding` (each move's verdict
        and gain).

    Returns
    -------
    matplotlib.figure.Figure
        Per row, the axes of the triangles before and after and of the arrow (for a
        game without stances, one axes of every actor's payoff), then the waterfall;
        see the module's notes for the gids. The figure is as tall as its texts need.

    Raises
    ------
    TriangleInputError
        When no analysis is given.

    Examples
    --------
    >>> from triangle.analysis import analyze_move
    >>> from triangle.scenario import load_scenario
    >>> a = analyze_move(load_scenario("scenarios/reverse_kissinger_2025.yaml"),
    ...                  thresholds=("rivalry",))
    >>> fig = comparison_figure([a])
    >>> text = [t for t in fig.texts if t.get_gid() == f"threshold:{a.scenario.title}"][0]
    >>> text.get_text().replace("\\n", " ")[:69]
    'How far from flipping: rivalry would have to exceed 1.80 for the move'
    """
    analyses = analyses_of(analyses)
    text = title or comparison_finding(analyses)
    probe = new_figure(_WIDTH, 10.0)
    width = _TEXT_WIDTH * probe.bbox.width
    head = _height(
        probe, text, 0.96 * probe.bbox.width, fontsize=15, fontweight="bold", max_lines=5
    )
    rows = [_row_height(probe, a, width) for a in analyses]
    fig = new_figure(_WIDTH, 0.12 + head + 0.75 + sum(rows))
    head = figure_title(fig, text, size=15)
    top = bottom_of(fig, head) - inches(fig, 0.06)
    if any(a.before.relations is not None for a in analyses):
        movers = set(a.mover for a in analyses)
        legend = _tie_legend(
            fig,
            movers.pop() if len(movers) == 1 else None,
            top,
            loc="upper center",
            chance=_has_chance(analyses),
        )
        top = bottom_of(fig, legend)
    top -= inches(fig, 0.15)
    waterfalls = []
    for a, row in zip(analyses, rows, strict=True):
        waterfalls.append(_row(fig, a, top))
        top -= inches(fig, row)
    # One scale for every scenario's waterfall, so that gains compare at a glance.
    lo = min(ax.get_ylim()[0] for ax in waterfalls)
    hi = max(ax.get_ylim()[1] for ax in waterfalls)
    for ax in waterfalls:
        ax.set_ylim(lo, hi)
    return fig


def _row(fig: Figure, analysis: Any, top: float) -> Any:
    """Draw one scenario's row below ``top`` (figure fraction); returns its waterfall."""
    label = scenario_label(analysis)
    rule = fig.add_artist(Line2D([0.01, 0.99], [top, top], color="#BBBBBB", linewidth=1.2))
    rule.set_gid(f"rule:{label}")
    bottom = _heading(fig, analysis, top)
    ax_w = _panels(fig, analysis, bottom - inches(fig, _ROW_HEADING_GAP))
    y_text = ax_w.get_position().y0 - inches(fig, 0.1) - inches(fig, _ROW_CAPTION)
    width = _TEXT_WIDTH * fig.bbox.width
    why, flips = _texts(analysis)
    for gid, text, weight in (
        (f"reason:{label}", why, "normal"),
        (f"threshold:{label}", flips, "bold"),
    ):
        if not text:
            continue
        written = fig.text(
            _TEXT_LEFT,
            y_text,
            text,
            ha="left",
            va="top",
            fontsize=_TEXT_SIZE,
            fontweight=weight,
            color=INK,
        )
        fit(written, width)
        written.set_gid(gid)
        y_text = bottom_of(fig, written) - inches(fig, 0.06)
    return ax_w
