"""The comparison chart: several scenarios' moves, one row each, readable on its own.

Each row has a heading with the scenario's title and its verdict line
(:func:`triangle.report.prose.verdict_line`, in a box of the verdict's colour); the
triangle before and after the move with the arrow of the move between them; the
mover's gain split by payoff component as a waterfall ending in the net gain (one y
scale for every row, so that gains compare at a glance); and under them the reason
(:func:`triangle.report.prose.reason`) and, when the analysis computed thresholds
(``analyze_move(..., thresholds=("rivalry",))``), how far the scenario's parameter is
from the values where the verdict or the target's choice flips
(:func:`triangle.report.prose.threshold_sentence`). The title is
:func:`triangle.report.prose.comparison_finding`.

Gids, per scenario ``<label>`` (its title): ``"rule:<label>"`` (the line above the
row), ``"verdict:<label>"``, ``"reason:<label>"``, ``"threshold:<label>"`` (texts),
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
from triangle.plots.layout import bottom_of, chars, figure_title, inches, pad_ylim, wrap
from triangle.plots.style import INK, VERDICT_COLOURS, new_figure, styled
from triangle.plots.triangle import _move_arrow, _side_panel, _tie_legend
from triangle.report.prose import (
    comparison_finding,
    reason,
    sentence_case,
    the,
    threshold_sentence,
    verdict_line,
)
from triangle.vocabulary import Verdict

__all__ = ["comparison_figure"]

_ROW_HEADING = 0.5
_ROW_PANELS = 3.1
_ROW_CAPTION = 0.55
_ROW_TEXT = 0.75
_ROW_GAP = 0.3
_ROW = _ROW_HEADING + _ROW_PANELS + _ROW_CAPTION + _ROW_TEXT + _ROW_GAP
"""Inches of one scenario's row."""


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
        Four axes per row (before, arrow, after, waterfall); see the module's notes for
        the gids.

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
    'How far from flipping: Rivalry would have to exceed 1.80 for the move'
    """
    analyses = analyses_of(analyses)
    fig = new_figure(15.0, 1.6 + _ROW * len(analyses))
    head = figure_title(fig, title or comparison_finding(analyses), size=15)
    legend = _tie_legend(
        fig, analyses[0].mover, bottom_of(fig, head) - inches(fig, 0.06), loc="upper center"
    )
    top = bottom_of(fig, legend) - inches(fig, 0.15)
    waterfalls = []
    for a in analyses:
        top, ax = _row(fig, a, top)
        waterfalls.append(ax)
    # One scale for every scenario's waterfall, so that gains compare at a glance.
    lo = min(ax.get_ylim()[0] for ax in waterfalls)
    hi = max(ax.get_ylim()[1] for ax in waterfalls)
    for ax in waterfalls:
        ax.set_ylim(lo, hi)
    return fig


def _row(fig: Figure, analysis: Any, top: float) -> tuple[float, Any]:
    """Draw one scenario's row below ``top`` (figure fraction).

    Returns the row's bottom and the axes of its waterfall.
    """
    label = scenario_label(analysis)
    mover = analysis.mover
    rule = fig.add_artist(Line2D([0.01, 0.99], [top, top], color="#BBBBBB", linewidth=1.2))
    rule.set_gid(f"rule:{label}")
    y_head = top - inches(fig, 0.1)
    fig.text(0.012, y_head, label, ha="left", va="top", fontsize=14, fontweight="bold")
    verdict = analysis.verdict
    box = fig.text(
        0.985,
        y_head,
        verdict_line(analysis),
        ha="right",
        va="top",
        fontsize=13,
        fontweight="bold",
        color=INK if verdict == Verdict.DEPENDS else "white",
        bbox={"boxstyle": "round,pad=0.35", "fc": VERDICT_COLOURS[verdict], "ec": "none"},
    )
    box.set_gid(f"verdict:{label}")
    panel_top = top - inches(fig, _ROW_HEADING + 0.05)
    panel_h = inches(fig, _ROW_PANELS)
    y0 = panel_top - panel_h
    ax_b = fig.add_axes((0.01, y0, 0.26, panel_h))
    ax_m = fig.add_axes((0.27, y0, 0.1, panel_h))
    ax_a = fig.add_axes((0.37, y0, 0.26, panel_h))
    ax_w = fig.add_axes((0.70, y0 + inches(fig, 0.1), 0.285, panel_h - inches(fig, 0.45)))
    _side_panel(ax_b, analysis.before, "Before", mover, f"{label}:before:")
    _move_arrow(ax_m, analysis)
    _side_panel(ax_a, analysis.after, "After", mover, f"{label}:after:")
    _comparison_waterfall(ax_w, analysis)
    ax_w.set_ylabel(f"change in {mover}'s payoff", fontsize=10)
    ax_w.set_title(f"Where {the(mover)}'s gain comes from", fontsize=11.5)
    pad_ylim(ax_w, 0.2)
    y_text = y0 - inches(fig, _ROW_CAPTION)
    width = chars(fig, 10.5, 0.97) + 20
    why = reason(analysis)
    if why:
        text = fig.text(
            0.012,
            y_text,
            wrap(f"Why: {sentence_case(why)}", width),
            ha="left",
            va="top",
            fontsize=10.5,
            color=INK,
        )
        text.set_gid(f"reason:{label}")
        y_text = bottom_of(fig, text) - inches(fig, 0.06)
    sentences = [sentence_case(threshold_sentence(t)) for t in analysis.thresholds]
    if sentences:
        text = fig.text(
            0.012,
            y_text,
            wrap("How far from flipping: " + " ".join(sentences), width),
            ha="left",
            va="top",
            fontsize=10.5,
            fontweight="bold",
            color=INK,
        )
        text.set_gid(f"threshold:{label}")
    return top - inches(fig, _ROW), ax_w
