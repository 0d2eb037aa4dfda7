"""The triangle diagram: the actors and their ties before and after the move.

Each actor is a node; each tie is a solid bluish-green line (amity, +) or a dashed
vermillion one (enmity, −) with its sign in a circle, or, when someone mixes, a dotted
grey line labelled with the probability that the tie is friendly; the mover's node is
filled blue and placed at the top. With three actors at a pure outcome the nodes carry
their Dittmer role and Bao score, and the caption names the configuration; with two or
more than three actors (games with stances) the diagram shows the signed ties alone,
on a polygon. Under each diagram the mover's payoff at the representative outcome and,
when the selected outcomes form several triangles, how many others there are. A name
too long for its node is written beside it, the node holding its initials.

:func:`draw_triangle` draws one side of a move (a :class:`~triangle.analysis.Side`),
a :class:`~triangle.roles.Triad` or :class:`~triangle.roles.Relations` into an axes;
:func:`triangle_figure` lays out BEFORE → AFTER with the finding of
:func:`triangle.report.prose.finding` as its title. A game without stances has no ties
to draw: both refuse it with a :class:`~triangle.errors.TriangleInputError`.

Gids: ``"<prefix>node:US"``, ``"<prefix>name:US"`` (the name, in or beside the node),
``"<prefix>tie:US–China"`` (the tie's actors in the game's order); the figure uses the
prefixes ``"before:"`` and ``"after:"``.

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
from triangle.errors import ScenarioError, TriangleInputError
from triangle.numbers import MINUS, decimals, fixed, signed
from triangle.plots._inputs import analysis_of, scenario_label
from triangle.plots.layout import bottom_of, figure_title, fit, fit_text, inches, width_of
from triangle.plots.style import (
    AMITY,
    CHANCE,
    ENMITY,
    INK,
    MOVER_FILL,
    MUTED,
    NODE_FILL,
    new_figure,
    styled,
)
from triangle.report.prose import finding
from triangle.roles import Relations, Triad

__all__ = ["draw_triangle", "triangle_figure"]

_TRIANGLE = ((0.0, 0.78), (-0.82, -0.55), (0.82, -0.55))
_XLIM, _YLIM = (-1.45, 1.45), (-1.32, 1.42)
_NAME_SIZE, _NAME_MIN = 11.0, 7.5
"""Font sizes of a name inside its node: as large as fits, down to the minimum."""


def _positions(actors: Sequence[str], mover: str | None) -> dict[str, tuple[float, float]]:
    """Mover first: at the top of a triangle or polygon (on the left with two actors),
    the others in the game's order."""
    order = list(actors)
    if mover in order:
        order.remove(mover)
        order.insert(0, mover)
    n = len(order)
    if n == 3:
        return dict(zip(order, _TRIANGLE, strict=True))
    if n == 2:
        return {order[0]: (-0.8, 0.0), order[1]: (0.8, 0.0)}
    out = {}
    for k, actor in enumerate(order):
        angle = math.pi / 2 - 2 * math.pi * k / n
        out[actor] = (0.92 * math.cos(angle), 0.92 * math.sin(angle) - 0.05)
    return out


def _radius(n: int) -> float:
    """Node radius: as in the triangle up to four actors, smaller on larger polygons."""
    return 0.27 if n <= 4 else max(0.15, 0.8 * 0.92 * math.sin(math.pi / n))


def _initials(name: str) -> str:
    """What a node shows when its name does not fit: initials, or the first letters.

    >>> _initials("Democratic People's Republic of Korea"), _initials("Azerbaijan")
    ('DPRo', 'Aze.')
    """
    words = name.split()
    if len(words) > 1:
        return "".join(w[0] for w in words)[:4]
    return name[:3] + "." if len(name) > 4 else name


def _pixels(ax: Any, length: float) -> float:
    """A length in data units of ``ax`` (equal aspect) in pixels."""
    ax.apply_aspect()
    (x0, _), (x1, _) = ax.transData.transform([(0.0, 0.0), (length, 0.0)])
    return float(abs(x1 - x0))


def _node_name(
    ax: Any, x: float, y: float, actor: str, radius: float, colour: str
) -> tuple[Any, bool]:
    """Write ``actor`` inside its node, as large as fits (wrapped at spaces, at most two
    lines). Returns the text drawn and whether it is the whole name: when it is not, the
    node holds the initials and the caller writes the name beside it."""
    fig = ax.figure
    room = 1.5 * _pixels(ax, radius)
    props = {"fontweight": "bold", "linespacing": 1.0}
    text, size = fit_text(
        fig, actor, room, fontsize=_NAME_SIZE, max_lines=2, min_size=_NAME_MIN, **props
    )
    fits = text.replace("\n", " ") == actor
    if not fits:
        text, size = fit_text(
            fig, _initials(actor), room, fontsize=_NAME_SIZE, max_lines=1, min_size=5, **props
        )
    label = ax.text(
        x, y, text, ha="center", va="center", fontsize=size, color=colour, zorder=5, **props
    )
    return label, fits


def _beside(ax: Any, x: float, ha: str = "center") -> float:
    """Pixels a label at data ``x`` (aligned by ``ha``) may span without leaving the axes."""
    room = {"left": _XLIM[1] - x, "right": x - _XLIM[0]}.get(ha)
    if room is None:
        return 2 * _pixels(ax, min(x - _XLIM[0], _XLIM[1] - x)) - 4
    return _pixels(ax, room) - 4


def _label_place(
    x: float, y: float, radius: float, centre: tuple[float, float], n: int
) -> tuple[float, float, str, str]:
    """Where the label of a node goes: above or below it in a triangle (or a pair),
    outward from the centre on a larger polygon, clear of the ties between nodes."""
    gap = radius + 0.07
    if n <= 3:
        above = y > 0.1
        return x, y + gap * (1 if above else -1), "center", "bottom" if above else "top"
    dx, dy = x - centre[0], y - centre[1]
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    ha = "left" if ux > 0.3 else ("right" if ux < -0.3 else "center")
    va = "bottom" if uy > 0.3 else ("top" if uy < -0.3 else "center")
    return x + gap * ux, y + gap * uy, ha, va


def _draw_relations(
    ax: Any, relations: Relations, mover: str | None, prefix: str, triad: Triad | None = None
) -> None:
    """Ties and nodes of any number of actors; with a triad, roles and Bao scores too.

    The limits grow until every label lies inside the axes (names written beside their
    nodes take lines): the diagram is drawn, measured, and drawn again smaller if not.
    """
    ylim = _YLIM
    ax.set_aspect("equal")
    ax.axis("off")
    for _ in range(4):
        before = set(ax.get_children())
        _draw_once(ax, relations, mover, prefix, triad, ylim)
        drawn = [a for a in ax.get_children() if a not in before]
        box = ax.get_window_extent()
        texts = [a.get_window_extent() for a in drawn if hasattr(a, "get_text")]
        below = max(0.0, box.y0 - min(e.y0 for e in texts)) if texts else 0.0
        above = max(0.0, max(e.y1 for e in texts) - box.y1) if texts else 0.0
        if below < 1 and above < 1:
            return
        unit = _pixels(ax, 1.0)
        ylim = (ylim[0] - 1.2 * below / unit, ylim[1] + 1.2 * above / unit)
        for artist in drawn:
            artist.remove()
    _draw_once(ax, relations, mover, prefix, triad, ylim)


def _draw_once(
    ax: Any,
    relations: Relations,
    mover: str | None,
    prefix: str,
    triad: Triad | None,
    ylim: tuple[float, float],
) -> None:
    n = len(relations.actors)
    pos = _positions(relations.actors, mover)
    radius = _radius(n)
    centre = (sum(x for x, _ in pos.values()) / n, sum(y for _, y in pos.values()) / n)
    ax.set_xlim(*_XLIM)
    ax.set_ylim(*ylim)
    for a, b, p in relations.ties():
        (xa, ya), (xb, yb) = pos[a], pos[b]
        dx, dy = xb - xa, yb - ya
        length = math.hypot(dx, dy)
        ux, uy = dx / length, dy / length
        gap = radius + 0.04
        style, mark = (
            (AMITY, "+") if p == 1 else (ENMITY, MINUS) if p == 0 else (CHANCE, decimals(p, 2))
        )
        line = Line2D(
            [xa + ux * gap, xb - ux * gap],
            [ya + uy * gap, yb - uy * gap],
            linewidth=3.2 if n <= 4 or p > 0 else 1.6,
            zorder=1,
            **style,
        )
        line.set_gid(f"{prefix}tie:{a}–{b}")
        ax.add_line(line)
        if n >= 5 and p == 0:
            continue  # on a large polygon only the ties that are not hostile are marked
        # a mark at the middle, unless the middle is where a polygon's diagonals cross
        middle = (xa + dx / 2 - centre[0], ya + dy / 2 - centre[1])
        where = 0.38 if math.hypot(*middle) < 0.2 else 0.5
        ax.text(
            xa + where * dx,
            ya + where * dy,
            mark,
            ha="center",
            va="center",
            fontsize=13 if len(mark) == 1 else 8.5,
            fontweight="bold",
            color=style["color"],
            zorder=4,
            bbox={"boxstyle": "circle,pad=0.18", "fc": "white", "ec": style["color"], "lw": 1.2},
        )
    roles = triad.roles if triad is not None else {}
    scores = triad.scores if triad is not None else {}
    for actor in relations.actors:
        x, y = pos[actor]
        is_mover = actor == mover
        node = Circle(
            (x, y),
            radius,
            facecolor=MOVER_FILL if is_mover else NODE_FILL,
            edgecolor=INK,
            linewidth=2.2 if is_mover else 1.2,
            zorder=3,
        )
        node.set_gid(f"{prefix}node:{actor}")
        ax.add_patch(node)
        inside, fits = _node_name(ax, x, y, actor, radius, "white" if is_mover else INK)
        lx, ly, ha, va = _label_place(x, y, radius, centre, n)
        room = _beside(ax, lx, ha)
        lines = []
        if not fits:
            name, _ = fit_text(ax.figure, actor, room, fontsize=10, max_lines=1)
            if name != actor and ha != "center":  # too long for the side: under the node
                lx, ly, ha, va = _label_place(x, y, radius, centre, 3)
                room = _beside(ax, lx, ha)
            name, _ = fit_text(ax.figure, actor, room, fontsize=10, max_lines=2)
            lines.append(name)
        if actor in roles:
            lines.append(f"{roles[actor]} ({signed(scores[actor], 0)})")
        label = None
        if lines:
            label = ax.text(
                lx,
                ly,
                "\n".join(lines),
                ha=ha,
                va=va,
                multialignment="center",
                fontsize=10.5 if fits else 10,
                color=INK,
                zorder=5,
            )
            fit(label, room, max_lines=4)
        if fits:
            inside.set_gid(f"{prefix}name:{actor}")
        else:
            inside.set_gid(f"{prefix}initials:{actor}")
            label.set_gid(f"{prefix}name:{actor}")


def _caption(ax: Any, text: str) -> None:
    """The text under a diagram, fitted to the axes' width."""
    caption = ax.annotate(
        text,
        (0.5, 0.0),
        xycoords="axes fraction",
        xytext=(0, -5),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=11,
        fontstyle="italic",
        color=INK,
    )
    fit(caption, ax.get_window_extent().width, max_lines=4)


def _ties_caption(relations: Relations) -> str:
    """What a diagram without a triangle shows: how many ties are friendly.

    >>> _ties_caption(Relations(("A", "B", "C", "D"), (1, 0, 0, 0, 0, 1)))
    '2 of 6 ties friendly'
    >>> _ties_caption(Relations(("A", "B", "C"), (0.25, 0, 0)))
    'mixed outcome: a dotted tie is friendly by chance'
    """
    if not relations.is_pure:
        return "mixed outcome: a dotted tie is friendly by chance"
    friendly, total = len(relations.friendly_pairs()), len(relations.friendly)
    if total == 1:
        return "a friendly tie" if friendly else "a hostile tie"
    return f"{friendly} of {total} ties friendly"


@styled
def draw_triangle(
    ax: Any,
    side_or_triad: Side | Triad | Relations,
    *,
    mover: str | None = None,
    prefix: str = "",
) -> Any:
    """Draw one strategic triangle (or the ties of any number of actors) into ``ax``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw; its limits are set and its axis turned off. Give it its final
        position first: names are fitted to the size of their nodes as drawn.
    side_or_triad : Side, Triad or Relations
        One side of a move (``analysis.before`` or ``analysis.after``: the ties of its
        representative outcome, captioned with the configuration of a triangle or the
        number of friendly ties, the mover's payoff and the number of other selected
        triangles), a bare :class:`~triangle.roles.Triad` (captioned with its
        configuration) or bare :class:`~triangle.roles.Relations`.
    mover : str, optional
        The actor drawn at the top with a filled node.
    prefix : str
        Put before every gid (``"after:"`` gives ``"after:tie:US–China"``).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.

    Raises
    ------
    TriangleInputError
        For a side of a game without stances: it has no ties to draw.

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
        triad = side_or_triad
        _draw_relations(ax, _relations_of_triad(triad), mover, prefix, triad)
        _caption(ax, triad.configuration)
        return ax
    if isinstance(side_or_triad, Relations):
        _draw_relations(ax, side_or_triad, mover, prefix)
        _caption(ax, _ties_caption(side_or_triad))
        return ax
    if not isinstance(side_or_triad, Side):
        kind = type(side_or_triad).__name__
        raise TypeError(f"expected a Side (analysis.before/after), Triad or Relations, got {kind}")
    side = side_or_triad
    relations = side.relations
    if relations is None:
        raise TriangleInputError(_NO_TIES)
    triad = side.triad
    _draw_relations(ax, relations, mover, prefix, triad)
    text = triad.configuration if triad is not None else _ties_caption(relations)
    payoff = side.payoffs.get(mover) if mover is not None else None
    if payoff is not None:
        text += f"\n{mover} payoff {fixed(payoff)}"
    others = len(side.triads) - 1
    if others > 0:
        text += f"\n(+{others} other outcome{'s' if others > 1 else ''})"
    _caption(ax, text)
    return ax


_NO_TIES = (
    "the game has no stances, so there are no ties to draw (give `stances:` in a table, "
    "or use form: relations); the payoffs chart shows every actor's payoff instead"
)


def _relations_of_triad(triad: Triad) -> Relations:
    n = len(triad.actors)
    return Relations(
        triad.actors,
        tuple(
            1.0 if triad.sign(triad.actors[i], triad.actors[j]) > 0 else 0.0
            for i in range(n)
            for j in range(i + 1, n)
        ),
    )


def _side_panel(ax: Any, side: Side, heading: str, mover: str, prefix: str) -> None:
    """One side of the move under a heading (``"Before"``, ``"After"``)."""
    ax.set_title(heading, fontsize=11.5, pad=6)
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
    room = ax.get_window_extent().width
    who = ax.text(
        0.5,
        0.6,
        f"{analysis.mover} moves",
        ha="center",
        va="bottom",
        fontsize=10.5,
        fontweight="bold",
    )
    fit(who, room, max_lines=3, min_size=8)
    what = ax.text(
        0.5,
        0.44,
        f"from {analysis.before.strategy}\nto {analysis.after.strategy}",
        ha="center",
        va="top",
        fontsize=9.5,
        color=INK,
        linespacing=1.4,
    )
    fit(what, room, max_lines=6, min_size=7.5)


def _tie_legend(
    fig: Figure, mover: str | None, y: float, loc: str = "lower center", chance: bool = False
) -> Any:
    """The figure legend of the tie styles and the mover's node (and of ties friendly
    by chance when a diagram has them)."""
    name = f"mover ({mover})" if mover else "mover"
    name, _ = fit_text(fig, name, width_of(fig, 0.3), fontsize=9.5, max_lines=2)
    handles = [
        Line2D([], [], linewidth=3, label="amity (+): both warm", **AMITY),
        Line2D([], [], linewidth=3, label="enmity (−)", **ENMITY),
    ]
    if chance:
        handles.append(Line2D([], [], linewidth=3, label="friendly by chance (mixed)", **CHANCE))
    handles.append(
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=11,
            markerfacecolor=MOVER_FILL,
            markeredgecolor=INK,
            label=name,
        )
    )
    return fig.legend(
        handles=handles,
        loc=loc,
        ncol=len(handles),
        bbox_to_anchor=(0.5, y),
        handlelength=3,
        columnspacing=2.2,
    )


def _has_chance(analyses: Sequence[Any]) -> bool:
    """Whether some side drawn has a tie that is friendly only by chance."""
    sides = [s for a in analyses for s in (a.before, a.after)]
    return any(s.relations is not None and not s.relations.is_pure for s in sides)


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
    TriangleInputError
        For a game without stances: it has no ties to draw.

    Examples
    --------
    >>> from triangle.analysis import analyze_move
    >>> from triangle.scenario import load_scenario
    >>> fig = triangle_figure(analyze_move(load_scenario("scenarios/kissinger_1971.yaml")))
    >>> [ax.get_title() for ax in fig.axes if ax.get_title()]
    ['Before', 'After']
    """
    analysis = analysis_of(analysis)
    if analysis.before.relations is None:
        raise ScenarioError(_NO_TIES, path=analysis.scenario.path)
    mover = analysis.mover
    fig = new_figure(10.5, 5.6)
    head = figure_title(fig, title or finding(analysis))
    label = fig.text(
        0.5,
        bottom_of(fig, head) - inches(fig, 0.06),
        scenario_label(analysis),
        ha="center",
        va="top",
        fontsize=10.5,
        color=MUTED,
    )
    fit(label, width_of(fig, 0.96), max_lines=2)
    legend = _tie_legend(fig, mover, 0.01, chance=_has_chance([analysis]))
    legend_top = legend.get_window_extent().y1 / fig.bbox.height
    grid = fig.add_gridspec(
        1,
        3,
        width_ratios=[1, 0.42, 1],
        left=0.02,
        right=0.98,
        top=bottom_of(fig, label) - inches(fig, 0.35),
        bottom=legend_top + inches(fig, 0.85),
        wspace=0.02,
    )
    ax_before = fig.add_subplot(grid[0, 0])
    ax_arrow = fig.add_subplot(grid[0, 1])
    ax_after = fig.add_subplot(grid[0, 2])
    _side_panel(ax_before, analysis.before, "Before", mover, "before:")
    _move_arrow(ax_arrow, analysis)
    _side_panel(ax_after, analysis.after, "After", mover, "after:")
    return fig
