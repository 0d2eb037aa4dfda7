"""The verdict map: where in the plane of two parameters the move pays off.

Each grid cell is coloured by the verdict there (bluish green: pays off; vermillion:
does not pay off; yellow: depends on equilibrium selection), read from the map's
verdict codes, and hatched by the configuration of the triangle after the move, with
the borders between configurations drawn. The scenario's own point and any others
(e.g. another scenario's values) are marked and labelled.

:func:`draw_verdict_map` draws a :class:`~triangle.analysis.VerdictMap` into an axes;
:func:`verdict_map_figure` adds the title of :func:`triangle.report.prose.map_finding`
(the share of the plane where the move pays off, and the verdict at each point), a
legend of the verdicts, one of the configurations and the map's notes.

Gids: ``"verdicts"`` (a ``QuadMesh`` whose array holds the verdict codes of
:data:`triangle.vocabulary.VERDICT_CODES` and whose colour map turns them into
:data:`~triangle.plots.VERDICT_COLOURS`), ``"configuration:<name>"``,
``"configuration-borders"`` and ``"point:<label>"``.

Examples
--------
>>> from triangle.analysis import verdict_map
>>> from triangle.scenario import load_scenario
>>> vmap = verdict_map(load_scenario("scenarios/reverse_kissinger_2025.yaml"),
...                    "rivalry", None, "offer", None, resolution=9)
>>> fig = verdict_map_figure(vmap)
>>> [c.get_gid() for c in fig.axes[0].collections if c.get_gid().startswith("point:")]
['point:Reverse Kissinger: courting Russia, 2025']
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from triangle.plots._inputs import verdict_map_of
from triangle.plots.layout import (
    axis_labels,
    bottom_of,
    figure_title,
    fit,
    fit_text,
    inches,
    mark_point,
    place_marker_labels,
    width_of,
    wrap,
)
from triangle.plots.style import (
    INK,
    MUTED,
    OKABE_ITO,
    VERDICT_ALPHA,
    VERDICT_COLOURS,
    new_figure,
    styled,
)
from triangle.report.prose import map_finding, the
from triangle.vocabulary import Verdict

__all__ = ["draw_verdict_map", "verdict_map_figure"]

_HATCHES = {
    "unit-veto": "",
    "stable marriage": "//",
    "romantic triangle": "..",
    "ménage à trois": "xx",
    "several": "\\\\",
    "mixed": "++",
}
_SPARE_HATCHES = ("--", "||", "oo", "**")
_ORDER = sorted(Verdict, key=lambda v: v.code)
"""The verdicts from the worst for the mover to the best: the order of their codes."""


def _edges(centres: np.ndarray) -> np.ndarray:
    """Cell edges around grid centres (midpoints, the ends extended by half a step)."""
    if centres.size == 1:
        return np.array([centres[0] - 0.5, centres[0] + 0.5])
    mid = (centres[1:] + centres[:-1]) / 2
    return np.concatenate(
        [[centres[0] - (mid[0] - centres[0])], mid, [centres[-1] + (centres[-1] - mid[-1])]]
    )


def _configurations(vmap: Any) -> list[tuple[str, str]]:
    """The configurations on the map, each with its hatch, in a fixed order."""
    names = [c for c in dict.fromkeys(np.asarray(vmap.configurations, dtype=object).ravel()) if c]
    ordered = [c for c in _HATCHES if c in names] + sorted(c for c in names if c not in _HATCHES)
    spare = iter(_SPARE_HATCHES)
    return [(name, _HATCHES[name] if name in _HATCHES else next(spare, "")) for name in ordered]


def _region_borders(ax: Any, xe: np.ndarray, ye: np.ndarray, labels: np.ndarray) -> None:
    """Draw cell edges between cells of different configurations."""
    segments = []
    rows, cols = labels.shape
    for j in range(rows):
        for i in range(cols - 1):
            if labels[j, i] != labels[j, i + 1]:
                segments.append([(xe[i + 1], ye[j]), (xe[i + 1], ye[j + 1])])
    for j in range(rows - 1):
        for i in range(cols):
            if labels[j, i] != labels[j + 1, i]:
                segments.append([(xe[i], ye[j + 1]), (xe[i + 1], ye[j + 1])])
    if segments:
        lines = LineCollection(segments, colors=INK, linewidths=1.1, zorder=3)
        lines.set_gid("configuration-borders")
        ax.add_collection(lines)


def _axis_label(name: str, unit: str | None) -> str:
    return name + (f" ({unit})" if unit else "")


@styled
def draw_verdict_map(ax: Any, vmap: Any) -> Any:
    """Draw the verdict of every cell of a map, its configurations and its points into ``ax``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    vmap : VerdictMap
        From :func:`triangle.analysis.verdict_map`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, framed on all four sides, with limits at the grid's edges and the
        parameters (with their units) as axis labels.

    Raises
    ------
    ValueError
        When the codes do not have the shape of the grid.

    Examples
    --------
    >>> import numpy as np
    >>> from triangle.analysis import verdict_map
    >>> from triangle.plots.style import new_figure
    >>> from triangle.scenario import load_scenario
    >>> vmap = verdict_map(load_scenario("scenarios/reverse_kissinger_2025.yaml"),
    ...                    "rivalry", np.linspace(-4, 10, 5), "offer", np.linspace(0, 8, 5))
    >>> ax = draw_verdict_map(new_figure(6, 5).add_subplot(), vmap)
    >>> mesh = [c for c in ax.collections if c.get_gid() == "verdicts"][0]
    >>> np.array_equal(np.asarray(mesh.get_array()).reshape(5, 5), vmap.codes)
    True
    """
    vmap = verdict_map_of(vmap)
    xs = np.asarray(vmap.xs, dtype=float)
    ys = np.asarray(vmap.ys, dtype=float)
    codes = np.asarray(vmap.codes, dtype=int)
    if codes.shape != (ys.size, xs.size):
        raise ValueError(f"codes have shape {codes.shape}, expected {(ys.size, xs.size)}")
    cmap = ListedColormap([VERDICT_COLOURS[v] for v in _ORDER])
    norm = BoundaryNorm([v.code - 0.5 for v in _ORDER] + [_ORDER[-1].code + 0.5], len(_ORDER))
    xe, ye = _edges(xs), _edges(ys)
    mesh = ax.pcolormesh(
        xe,
        ye,
        codes,
        cmap=cmap,
        norm=norm,
        alpha=VERDICT_ALPHA,
        shading="flat",
        zorder=1,
        linewidth=0,
        antialiased=False,
    )
    mesh.set_gid("verdicts")
    configurations = np.asarray(vmap.configurations, dtype=object)
    found = _configurations(vmap)
    for name, hatch in found:
        mask = configurations == name
        hatched = ax.pcolor(
            xe,
            ye,
            np.ma.masked_where(~mask, np.ones(mask.shape)),
            hatch=hatch,
            facecolor="none",
            edgecolor=(0.15, 0.15, 0.15, 0.5),
            linewidth=0,
            zorder=2,
        )
        hatched.set_gid(f"configuration:{name}")
    if len(found) > 1:
        _region_borders(ax, xe, ye, configurations)
    ax.set_xlim(xe[0], xe[-1])
    ax.set_ylim(ye[0], ye[-1])
    points = [(p.x, p.y) for p in vmap.points]
    room = 0.4 * ax.get_window_extent().width
    texts = [
        fit_text(ax.figure, p.label, room, fontsize=10, fontweight="bold", max_lines=3)[0]
        for p in vmap.points
    ]
    offsets = place_marker_labels(ax, points, texts)
    for point, text, offset in zip(vmap.points, texts, offsets, strict=True):
        mark_point(
            ax,
            (point.x, point.y),
            text,
            offset,
            colour=OKABE_ITO["black"],
            gid=f"point:{point.label}",
            size=120,
            edge=2.0,
            line_colour=INK,
        )
    ax.set_xlim(xe[0], xe[-1])
    ax.set_ylim(ye[0], ye[-1])
    ax.spines[["top", "right"]].set_visible(True)
    axis_labels(
        ax,
        _axis_label(vmap.px, vmap.units.get(vmap.px)),
        _axis_label(vmap.py, vmap.units.get(vmap.py)),
    )
    return ax


def map_legends(fig: Figure, vmap: Any, top: float, left: float = 0.69) -> float:
    """The legends of a verdict map at ``left`` from ``top`` down (figure fractions):
    the verdicts present, then the configurations present. Returns the bottom of the
    last one."""
    codes = np.asarray(vmap.codes, dtype=int)
    present = [v for v in _ORDER if (codes == v.code).any()]
    verdict_handles = [
        Patch(facecolor=VERDICT_COLOURS[v], alpha=VERDICT_ALPHA, label=wrap(v, 22)) for v in present
    ]
    heading = "verdict" + (f" for {the(vmap.mover)}" if vmap.mover else "")
    heading, size = fit_text(fig, heading, width_of(fig, 0.29), fontsize=10.5, max_lines=3)
    last = fig.legend(
        handles=verdict_handles,
        title=heading,
        loc="upper left",
        bbox_to_anchor=(left, top),
        alignment="left",
        title_fontsize=size,
    )
    config_handles = [
        Patch(facecolor="white", edgecolor="#444444", hatch=hatch * 2, label=name)
        for name, hatch in _configurations(vmap)
    ]
    if config_handles:
        last = fig.legend(
            handles=config_handles,
            title="triangle after the move",
            loc="upper left",
            bbox_to_anchor=(left, bottom_of(fig, last) - inches(fig, 0.2)),
            alignment="left",
            title_fontsize=10.5,
            handleheight=1.6,
            handlelength=2.4,
        )
    return bottom_of(fig, last)


@styled
def verdict_map_figure(vmap: Any, *, title: str | None = None) -> Figure:
    """Where in the plane of two parameters the move pays off, with its legends.

    Parameters
    ----------
    vmap : VerdictMap
        From :func:`triangle.analysis.verdict_map` (with the points to mark).
    title : str, optional
        Replaces :func:`triangle.report.prose.map_finding`.

    Returns
    -------
    matplotlib.figure.Figure
        One axes (see :func:`draw_verdict_map`), a legend of the verdicts present
        ("verdict for <mover>"), one of the configurations after the move and the
        map's notes.

    Examples
    --------
    >>> import numpy as np
    >>> from triangle.analysis import verdict_map
    >>> from triangle.scenario import load_scenario
    >>> vmap = verdict_map(load_scenario("scenarios/reverse_kissinger_2025.yaml"),
    ...                    "rivalry", np.linspace(-4, 10, 5), "offer", np.linspace(0, 8, 5))
    >>> [legend.get_title().get_text() for legend in verdict_map_figure(vmap).legends]
    ['verdict for the US', 'triangle after the move']
    """
    vmap = verdict_map_of(vmap)
    fig = new_figure(10.5, 7.0)
    top = bottom_of(fig, figure_title(fig, title or map_finding(vmap))) - inches(fig, 0.25)
    ax = fig.add_axes((0.085, 0.1, 0.58, top - 0.1))
    draw_verdict_map(ax, vmap)
    map_legends(fig, vmap, top)
    if vmap.notes:
        notes = fig.text(
            0.69,
            0.1,
            "; ".join(vmap.notes),
            ha="left",
            va="bottom",
            fontsize=8.5,
            color=MUTED,
        )
        fit(notes, width_of(fig, 0.29), max_lines=12)
    return fig
