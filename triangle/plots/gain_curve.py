"""The gain curve: the mover's equilibrium gain as one parameter varies.

One curve per scenario (scenarios whose curves coincide share one, named together),
its line the lowest gain over the selected equilibria, and where the highest differs a
thinner line and a shaded band between them. The zero line separates "pays off"
(tinted green, above) from "does not pay off" (tinted red, below); a dashed vertical
line in the curve's colour stands at every value where the verdict flips
(:attr:`GainCurve.thresholds <triangle.analysis.GainCurve>`), labelled with the value
above the axes, and each scenario is marked on its curve at its own value of the
parameter (:attr:`GainCurve.marker <triangle.analysis.GainCurve>`), labelled with the
value and the gain (only the label when more than two are marked). The line breaks
where the gain jumps at a threshold, so that no slope is drawn that is not there.

:func:`draw_gain_curves` draws curves into an axes; :func:`gain_curve_figure` adds
the title of :func:`triangle.report.prose.curve_finding` (which reads the curves'
verdicts), an optional note and a legend, and leaves room above the axes for the
threshold labels. The curves come from :func:`triangle.analysis.gain_curves`, or from
:meth:`GainCurve.from_gains <triangle.analysis.GainCurve.from_gains>` for gains
computed elsewhere.

Gids: ``"curve:<label>"`` (the lowest gain; labels of coinciding curves joined with
"and"), ``"curve-max:<label>"``, ``"spread:<label>"``, ``"threshold:<label>"``
(x-data = the threshold) and ``"marker:<label>"`` (a scatter whose offset is the
point).

Examples
--------
>>> from triangle.analysis import GainCurve
>>> c = GainCurve.from_gains("rivalry", [0, 1, 2, 3, 4], [-2, -1, 0, 1, 2], label="1971",
...                          thresholds=(2.0,), marker=(3.0, 1.0))
>>> fig = gain_curve_figure(c)
>>> [[float(x) for x in ln.get_xdata()] for ln in fig.axes[0].lines
...  if ln.get_gid() == "threshold:1971"]
[[2.0, 2.0]]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from triangle.numbers import fixed, signed
from triangle.plots._inputs import curves_of
from triangle.plots.layout import (
    axis_labels,
    bottom_of,
    clip,
    figure_title,
    fit,
    fit_text,
    inches,
    legend_columns,
    mark_point,
    place_labels,
    place_marker_labels,
    width_of,
)
from triangle.plots.style import CURVE_COLOURS, INK, MUTED, VERDICT_COLOURS, new_figure, styled
from triangle.report.prose import curve_finding
from triangle.vocabulary import Verdict

__all__ = ["draw_gain_curves", "gain_curve_figure"]

_LEFT, _WIDTH = 0.1, 0.86
_COINCIDE = 1e-9
"""Gains closer than this share of the y span are drawn as one line (no band)."""


class _Layout:
    """What both the axes and the figure need to know about a set of curves: their
    samples in increasing order, groups of coinciding curves with a colour each, the
    marked points, the limits and the threshold labels."""

    def __init__(self, curves: Sequence[Any]) -> None:
        self.curves = list(curves)
        self.parameter = self.curves[0].parameter
        self.mover = next((c.mover for c in self.curves if c.mover), None)
        self.unit = next((c.unit for c in self.curves if c.unit), None)
        self.samples = {id(c): _ordered(c) for c in self.curves}
        self.markers = [(c.label, *c.marker) for c in self.curves if c.marker is not None]
        values = np.concatenate([self.samples[id(c)][0] for c in self.curves])
        x_lo, x_hi = float(values.min()), float(values.max())
        self.span_x = (x_hi - x_lo) or 1.0
        self.xlim = (x_lo - 0.02 * self.span_x, x_hi + 0.02 * self.span_x)
        gains = np.concatenate(
            [np.r_[c.gain_min, c.gain_max] for c in self.curves]
            + [np.array([m[2] for m in self.markers], dtype=float)]
        )
        gains = gains[np.isfinite(gains)]
        self.span_y = float(np.ptp(np.r_[gains, 0.0])) or 1.0
        self.ylim = (
            min(float(gains.min(initial=0.0)), 0.0) - 0.2 * self.span_y,
            max(float(gains.max(initial=0.0)), 0.0) + 0.28 * self.span_y,
        )
        self.groups: list[list[Any]] = []
        for c in self.curves:
            for g in self.groups:
                if self._same(g[0], c):
                    g.append(c)
                    break
            else:
                self.groups.append([c])
        self.colours = [CURVE_COLOURS[n % len(CURVE_COLOURS)] for n in range(len(self.groups))]
        self.labels = [" and ".join(c.label for c in g) for g in self.groups]
        self.colour_of = {
            c.label: colour for g, colour in zip(self.groups, self.colours, strict=True) for c in g
        }
        self.lines: list[tuple[float, str, str, str]] = []  # value, colour, gid label, text
        named = 1 < len(self.groups) <= 2
        for group, colour, label in zip(self.groups, self.colours, self.labels, strict=True):
            for t in group[0].thresholds:
                if any(
                    math.isclose(t, u, rel_tol=0, abs_tol=1e-9 * self.span_x)
                    for u, *_ in self.lines
                ):
                    continue
                text = f"threshold {fixed(t)}" + (f" ({clip(label, 28)})" if named else "")
                self.lines.append((t, colour, label, text))

    def _same(self, a: Any, b: Any) -> bool:
        (xa, la, ha), (xb, lb, hb) = self.samples[id(a)], self.samples[id(b)]
        return (
            xa.shape == xb.shape
            and np.allclose(xa, xb)
            and np.allclose(la, lb)
            and np.allclose(ha, hb)
        )

    def flat(self, curve: Any) -> bool:
        """Whether the lowest and highest gains coincide everywhere (no band to shade)."""
        _, lo, hi = self.samples[id(curve)]
        return bool(np.allclose(lo, hi, rtol=0, atol=_COINCIDE * self.span_y, equal_nan=True))

    def placements(self, fig: Figure, left: float, width: float) -> list[tuple[int, int]]:
        return place_labels(
            fig, left, width, self.xlim, [(t, text) for t, _, _, text in self.lines]
        )

    def handles(self) -> list[Any]:
        """Legend entries: the curves (when there are several) and the band."""
        whose = f"{self.mover} gain" if self.mover else "gain"
        handles: list[Any] = []
        if len(self.groups) > 1:
            handles += [
                Line2D([], [], color=colour, linewidth=2.6, label=f"{whose}: {label}")
                for colour, label in zip(self.colours, self.labels, strict=True)
            ]
        if any(not self.flat(g[0]) for g in self.groups):
            handles.append(
                Patch(
                    facecolor="#999999",
                    alpha=0.4,
                    label="range over the selected equilibria (line: lowest gain)",
                )
            )
        return handles


def _ordered(curve: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The curve's values and gains in increasing order of the values."""
    order = np.argsort(curve.values, kind="stable")
    return curve.values[order], curve.gain_min[order], curve.gain_max[order]


def _broken(
    values: np.ndarray, gains: np.ndarray, thresholds: Sequence[float], span: float
) -> tuple[np.ndarray, np.ndarray]:
    """Insert gaps where the gain jumps across a threshold, so no false slope is drawn."""
    xs, ys = [values[0]], [gains[0]]
    for k in range(1, values.size):
        jump = abs(gains[k] - gains[k - 1]) > 0.02 * span
        crosses = any(values[k - 1] <= t <= values[k] for t in thresholds)
        if jump and crosses:
            xs.append(np.nan)
            ys.append(np.nan)
        xs.append(values[k])
        ys.append(gains[k])
    return np.asarray(xs), np.asarray(ys)


def _zero_line(ax: Any, ylim: tuple[float, float]) -> None:
    """The tinted halves of the plane and the zero line between them, with their words."""
    pays, not_pays = VERDICT_COLOURS[Verdict.PAYS_OFF], VERDICT_COLOURS[Verdict.DOES_NOT_PAY_OFF]
    ax.axhspan(0, ylim[1], color=pays, alpha=0.07, zorder=0, linewidth=0)
    ax.axhspan(ylim[0], 0, color=not_pays, alpha=0.07, zorder=0, linewidth=0)
    ax.axhline(0, color=INK, linewidth=1.0, zorder=1)
    for text, va, colour in (
        ("pays off ▲", "bottom", pays),
        ("does not pay off ▼", "top", not_pays),
    ):
        ax.text(
            0.99,
            0.0,
            text,
            transform=ax.get_yaxis_transform(),
            ha="right",
            va=va,
            fontsize=9.5,
            color=colour,
            fontweight="bold",
        )


@styled
def draw_gain_curves(ax: Any, curves: Any) -> Any:
    """Draw gain curves, their thresholds and their marked points into ``ax``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw; leave room above it for the threshold labels (one line each,
        stacked when they would overlap).
    curves : GainCurve or sequence of GainCurve
        Of one parameter, e.g. from :func:`triangle.analysis.gain_curves`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, with limits and axis labels set.

    Raises
    ------
    TriangleInputError
        For no curves, or curves of different parameters.

    Examples
    --------
    >>> from triangle.analysis import gain_curves
    >>> from triangle.plots.style import new_figure
    >>> from triangle.scenario import load_scenario
    >>> curves = gain_curves(load_scenario("scenarios/reverse_kissinger_2025.yaml"), "rivalry")
    >>> ax = new_figure(8, 5).add_axes((0.1, 0.1, 0.85, 0.75))
    >>> _ = draw_gain_curves(ax, curves)
    >>> [round(float(x), 2) for x in ax.collections[-1].get_offsets()[0]]  # marker: (value, gain)
    [0.5, -0.65]
    >>> ax.get_xlabel()
    'rivalry (payoff units)'
    """
    layout = _Layout(curves_of(curves))
    fig = ax.figure
    ax.set_xlim(*layout.xlim)
    ax.set_ylim(*layout.ylim)
    _zero_line(ax, layout.ylim)
    for group, colour, label in zip(layout.groups, layout.colours, layout.labels, strict=True):
        curve = group[0]
        values, lo, hi = layout.samples[id(curve)]
        xs, ys = _broken(values, lo, curve.thresholds, layout.span_y)
        (line,) = ax.plot(xs, ys, color=colour, linewidth=2.6, zorder=3)
        line.set_gid(f"curve:{label}")
        if not layout.flat(curve):
            xs, ys = _broken(values, hi, curve.thresholds, layout.span_y)
            (upper,) = ax.plot(xs, ys, color=colour, linewidth=1.0, zorder=3)
            upper.set_gid(f"curve-max:{label}")
            band = ax.fill_between(values, lo, hi, color=colour, alpha=0.25, linewidth=0, zorder=2)
            band.set_gid(f"spread:{label}")
    position = ax.get_position()
    placed = layout.placements(fig, position.x0, position.width)
    for (t, colour, label, text), (side, level) in zip(layout.lines, placed, strict=True):
        (tl,) = ax.plot(
            [t, t],
            [0, 1],
            transform=ax.get_xaxis_transform(),
            color=colour,
            linestyle=(0, (3, 2)),
            linewidth=1.4,
            zorder=2,
        )
        tl.set_gid(f"threshold:{label}")
        ax.annotate(
            text,
            (t, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(3 * side, 3 + 14 * level),
            textcoords="offset points",
            ha="left" if side > 0 else "right",
            va="bottom",
            fontsize=9.5,
            color=colour,
            fontweight="bold",
            annotation_clip=False,
        )
    markers = layout.markers
    brief = len(markers) > 2
    room = 0.4 * ax.get_window_extent().width
    texts = [
        fit_text(fig, label, room, fontsize=10, fontweight="bold", max_lines=2)[0]
        + ("" if brief else f"\n{layout.parameter} = {fixed(value)}, gain {signed(gain)}")
        for label, value, gain in markers
    ]
    obstacles = [
        np.column_stack([values, gains])
        for values, lo, hi in layout.samples.values()
        for gains in (lo, hi)
    ]
    offsets = place_marker_labels(ax, [(v, g) for _, v, g in markers], texts, obstacles)
    for (label, value, gain), text, offset in zip(markers, texts, offsets, strict=True):
        colour = layout.colour_of[label]
        mark_point(
            ax,
            (value, gain),
            text,
            offset,
            colour=colour,
            gid=f"marker:{label}",
            size=110,
            edge=1.8,
            text_colour=colour,
        )
    whose = f"{layout.mover}'s" if layout.mover else "mover's"
    axis_labels(
        ax,
        layout.parameter + (f" ({layout.unit})" if layout.unit else ""),
        f"{whose} equilibrium gain from the move",
    )
    return ax


@styled
def gain_curve_figure(curves: Any, *, title: str | None = None, note: str | None = None) -> Figure:
    """The mover's equilibrium gain as one parameter varies, for one or more scenarios.

    Parameters
    ----------
    curves : GainCurve or sequence of GainCurve
        Of one parameter, e.g. from :func:`triangle.analysis.gain_curves` (which sets
        each curve's label, thresholds and marker).
    title : str, optional
        Replaces :func:`triangle.report.prose.curve_finding` (where the move pays off
        along the parameter and where each marked scenario stands).
    note : str, optional
        A line of text under the title.

    Returns
    -------
    matplotlib.figure.Figure
        One axes; see the module's notes for the gids.

    Raises
    ------
    TriangleInputError
        For no curves, or curves of different parameters.

    Examples
    --------
    >>> from triangle.analysis import gain_curves
    >>> from triangle.scenario import load_scenario
    >>> curves = gain_curves([load_scenario("scenarios/kissinger_1971.yaml"),
    ...                       load_scenario("scenarios/reverse_kissinger_2025.yaml")], "rivalry")
    >>> fig = gain_curve_figure(curves)
    >>> fig._suptitle.get_text().replace("\\n", " ")[:66]
    'The move pays off for the US only when rivalry exceeds a threshold'
    """
    layout = _Layout(curves_of(curves))
    fig = new_figure(9.5, 6.0)
    text = title or curve_finding(layout.curves, layout.markers, layout.parameter, layout.mover)
    top = bottom_of(fig, figure_title(fig, text))
    if note:
        written = fig.text(
            0.5,
            top - inches(fig, 0.08),
            note,
            ha="center",
            va="top",
            fontsize=10.5,
            color=MUTED,
            fontstyle="italic",
        )
        top = bottom_of(fig, fit(written, width_of(fig, 0.9), max_lines=4))
    handles = layout.handles()
    for handle in handles:
        text = fit_text(fig, handle.get_label(), width_of(fig, 0.45), fontsize=9.5, max_lines=2)
        handle.set_label(text[0])
    if handles:
        legend = fig.legend(
            handles=handles,
            loc="upper center",
            ncol=legend_columns(fig, [h.get_label() for h in handles], 9.5),
            bbox_to_anchor=(0.5, top - inches(fig, 0.02)),
            fontsize=9.5,
        )
        top = bottom_of(fig, legend)
    levels = 1 + max((level for _, level in layout.placements(fig, _LEFT, _WIDTH)), default=-1)
    top -= inches(fig, 0.15 + 0.2 * levels)
    ax = fig.add_axes((_LEFT, 0.11, _WIDTH, top - 0.11))
    draw_gain_curves(ax, layout.curves)
    return fig
