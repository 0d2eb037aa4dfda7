"""The triangle diagram: the three actors and their ties before and after the move.

Each actor is a node labelled with its Dittmer role and Bao score; each tie is a solid
bluish-green line (amity, +) or a dashed vermillion one (enmity, −) with its sign in a
circle; the mover's node is filled blue and placed at the top. Under each triangle
its configuration, the mover's payoff at the representative outcome and, when the
selected outcomes form several triangles, how many others there are.

:func:`draw_triangle` draws one triangle (a :class:`~triangle.roles.Triad`, or one
side of a move, a :class:`~triangle.analysis.Side`) into an axes;
:func:`triangle_figure` lays out BEFORE → AFTER with the finding of
:func:`triangle.report.prose.finding` as its title.

Gids: ``"<prefix>node:US"``, ``"<prefix>tie:US–China"`` (the tie's actors in the
triad's order); the figure uses the prefixes ``"before:"`` and ``"after:"``.

Examples
--------
>>> from triangle.analysis import analyze_move
>>> from triangle.scenario import load_scenario
>>> fig = triangle_figure(analyze_move(load_scenario("scenarios/kissinger_1971.yaml")))
>>> sorted(a.get_gid() for a in fig.axes[0].lines)
['before:tie:China–USSR', 'before:tie:US–China', 'before:tie:US–USSR']
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch

from triangle.analysis import Side
from triangle.numbers import MINUS, fixed, signed
from triangle.plots._inputs import analysis_of, scenario_label
from triangle.plots.layout import figure_title
from triangle.plots.style import (
    AMITY,
    ENMITY,
    INK,
    MOVER_FILL,
    MUTED,
    NODE_FILL,
    new_figure,
    styled,
)
from triangle.report.prose import finding
from triangle.roles import Triad

__all__ = ["draw_triangle", "triangle_figure"]

_NODE_RADIUS = 0.27
_POSITIONS = ((0.0, 0.78), (-0.82, -0.55), (0.82, -0.55))


def _positions(actors: Sequence[str], mover: str | None) -> dict[str, tuple[float, float]]:
    """Mover at the top, the other two at the base in the triad's order."""
    order = list(actors)
    if mover in order:
        order.remove(mover)
        order.insert(0, mover)
    return dict(zip(order, _POSITIONS, strict=True))


def _draw_triad(ax: Any, triad: Triad, mover: str | None, prefix: str) -> None:
    """Ties, nodes, roles and Bao scores of one triangle."""
    pos = _positions(triad.actors, mover)
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.32, 1.42)
    ax.set_aspect("equal")
    ax.axis("off")
    for a, b, sign in sorted(triad.ties()):
        (xa, ya), (xb, yb) = pos[a], pos[b]
        dx, dy = xb - xa, yb - ya
        length = math.hypot(dx, dy)
        ux, uy = dx / length, dy / length
        gap = _NODE_RADIUS + 0.04
        style = AMITY if sign > 0 else ENMITY
        line = Line2D(
            [xa + ux * gap, xb - ux * gap],
            [ya + uy * gap, yb - uy * gap],
            linewidth=3.2,
            zorder=1,
            **style,
        )
        line.set_gid(f"{prefix}tie:{a}–{b}")
        ax.add_line(line)
        ax.text(
            (xa + xb) / 2,
            (ya + yb) / 2,
            "+" if sign > 0 else MINUS,
            ha="center",
            va="center",
            fontsize=13,
            fontweight="bold",
            color=style["color"],
            zorder=4,
            bbox={"boxstyle": "circle,pad=0.18", "fc": "white", "ec": style["color"], "lw": 1.2},
        )
    roles, scores = triad.roles, triad.scores
    for actor in triad.actors:
        x, y = pos[actor]
        is_mover = actor == mover
        node = Circle(
            (x, y),
            _NODE_RADIUS,
            facecolor=MOVER_FILL if is_mover else NODE_FILL,
            edgecolor=INK,
            linewidth=2.2 if is_mover else 1.2,
            zorder=3,
        )
        node.set_gid(f"{prefix}node:{actor}")
        ax.add_patch(node)
        size = 11 if len(actor) <= 5 else max(7.5, 11 - 0.6 * (len(actor) - 5))
        ax.text(
            x,
            y,
            actor,
            ha="center",
            va="center",
            fontsize=size,
            fontweight="bold",
            color="white" if is_mover else INK,
            zorder=5,
        )
        above = y > 0
        ax.text(
            x,
            y + (_NODE_RADIUS + 0.07) * (1 if above else -1),
            f"{roles[actor]} ({signed(scores[actor], 0)})",
            ha="center",
            va="bottom" if above else "top",
            fontsize=10.5,
            color=INK,
            zorder=5,
        )


def _caption(ax: Any, text: str) -> None:
    ax.text(
        0.5,
        0.0,
        text,
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontsize=11,
        fontstyle="italic",
        color=INK,
    )


@styled
def draw_triangle(
    ax: Any, side_or_triad: Side | Triad, *, mover: str | None = None, prefix: str = ""
) -> Any:
    """Draw one strategic triangle into ``ax``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw; its limits are set and its axis turned off.
    side_or_triad : Side or Triad
        One side of a move (``analysis.before`` or ``analysis.after``: the triangle of
        its representative outcome, captioned with its configuration, the mover's
        payoff and the number of other selected triangles), or a bare
        :class:`~triangle.roles.Triad` (captioned with its configuration). A side
        without a triangle (no stances, or a mixed outcome) is said so in words.
    mover : str, optional
        The actor drawn at the top with a filled node.
    prefix : str
        Put before every gid (``"after:"`` gives ``"after:tie:US–China"``).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.

    Examples
    --------
    >>> from triangle.analysis import analyze_move
    >>> from triangle.plots.style import new_figure
    >>> from triangle.scenario import load_scenario
    >>> a = analyze_move(load_scenario("scenarios/reverse_kissinger_2025.yaml"))
    >>> ax = new_figure(4, 4).add_subplot()
    >>> _ = draw_triangle(ax, a.after, mover=a.mover, prefix="after:")
    >>> sorted(line.get_gid() for line in ax.lines)
    ['after:tie:China–Russia', 'after:tie:US–China', 'after:tie:US–Russia']
    """
    if isinstance(side_or_triad, Triad):
        _draw_triad(ax, side_or_triad, mover, prefix)
        _caption(ax, side_or_triad.configuration)
        return ax
    if not isinstance(side_or_triad, Side):
        kind = type(side_or_triad).__name__
        raise TypeError(f"expected a Side (analysis.before/after) or a Triad, got {kind}")
    side = side_or_triad
    payoff = side.payoffs.get(mover) if mover is not None else None
    triad = side.triad
    if triad is None:
        ax.axis("off")
        text = "no triangle to draw\n(no stances, or a mixed outcome)"
        if payoff is not None:
            text += f"\n\n{mover} payoff {fixed(payoff)}"
        ax.text(0.5, 0.5, text, ha="center", va="center", color=MUTED, transform=ax.transAxes)
        return ax
    _draw_triad(ax, triad, mover, prefix)
    text = triad.configuration
    if payoff is not None:
        text += f"\n{mover} payoff {fixed(payoff)}"
    others = len(side.triads) - 1
    if others > 0:
        text += f"\n(+{others} other outcome{'s' if others > 1 else ''})"
    _caption(ax, text)
    return ax


def _side_panel(ax: Any, side: Side, heading: str, mover: str, prefix: str) -> None:
    """One side of the move under a heading (``"Before"``, ``"After"``)."""
    ax.set_title(heading, fontsize=11.5, pad=2)
    draw_triangle(ax, side, mover=mover, prefix=prefix)


def _move_arrow(ax: Any, analysis: Any) -> None:
    """The arrow between the two panels: who moves, from which strategy to which."""
    ax.axis("off")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.add_patch(
        FancyArrowPatch(
            (0.08, 0.52),
            (0.92, 0.52),
            arrowstyle="-|>,head_length=8,head_width=5",
            mutation_scale=1.6,
            linewidth=2.2,
            color=INK,
        )
    )
    ax.text(
        0.5,
        0.6,
        f"{analysis.mover} moves",
        ha="center",
        va="bottom",
        fontsize=10.5,
        fontweight="bold",
    )
    ax.text(
        0.5,
        0.44,
        f"from {analysis.before.strategy}\nto {analysis.after.strategy}",
        ha="center",
        va="top",
        fontsize=9.5,
        color=INK,
        linespacing=1.4,
    )


def _tie_legend(fig: Figure, mover: str | None, y: float, loc: str = "lower center") -> Any:
    """The figure legend of the tie styles and the mover's node."""
    handles = [
        Line2D([], [], linewidth=3, label="amity (+): both warm", **AMITY),
        Line2D([], [], linewidth=3, label="enmity (−)", **ENMITY),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=11,
            markerfacecolor=MOVER_FILL,
            markeredgecolor=INK,
            label=f"mover ({mover})" if mover else "mover",
        ),
    ]
    return fig.legend(
        handles=handles, loc=loc, ncol=3, bbox_to_anchor=(0.5, y), handlelength=3, columnspacing=2.2
    )


@styled
def triangle_figure(analysis: Any, *, title: str | None = None) -> Figure:
    """The triangle before and after the move, side by side.

    Parameters
    ----------
    analysis : MoveAnalysis
        A result of :func:`triangle.analysis.analyze_move`.
    title : str, optional
        Replaces the finding (:func:`triangle.report.prose.finding`: the verdict, what
        changes and the gain).

    Returns
    -------
    matplotlib.figure.Figure
        Axes 0 and 2 hold the BEFORE and AFTER triangles (axes 1 the arrow); ties
        carry gids ``"before:tie:A–B"`` / ``"after:tie:A–B"``, nodes
        ``"before:node:A"``...; the scenario's title is written under the title.

    Raises
    ------
    TypeError
        For anything but a MoveAnalysis.

    Examples
    --------
    >>> from triangle.analysis import analyze_move
    >>> from triangle.scenario import load_scenario
    >>> fig = triangle_figure(analyze_move(load_scenario("scenarios/kissinger_1971.yaml")))
    >>> [ax.get_title() for ax in fig.axes if ax.get_title()]
    ['Before', 'After']
    """
    analysis = analysis_of(analysis)
    mover = analysis.mover
    fig = new_figure(10.5, 5.6)
    grid = fig.add_gridspec(
        1, 3, width_ratios=[1, 0.42, 1], left=0.02, right=0.98, top=0.8, bottom=0.2, wspace=0.02
    )
    ax_before = fig.add_subplot(grid[0, 0])
    ax_arrow = fig.add_subplot(grid[0, 1])
    ax_after = fig.add_subplot(grid[0, 2])
    _side_panel(ax_before, analysis.before, "Before", mover, "before:")
    _move_arrow(ax_arrow, analysis)
    _side_panel(ax_after, analysis.after, "After", mover, "after:")
    figure_title(fig, title or finding(analysis))
    fig.text(
        0.5, 0.865, scenario_label(analysis), ha="center", va="center", fontsize=10.5, color=MUTED
    )
    _tie_legend(fig, mover, 0.0)
    return fig
