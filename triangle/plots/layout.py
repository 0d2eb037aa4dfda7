"""Text that fits: wrapping, titles, and labels placed clear of each other.

Nothing here knows what a chart shows. These helpers measure figures and text and
decide where words go: :func:`fit_text` and :func:`fit` make a text fit a width in
pixels, measured with the figure's renderer (wrapped, shrunk or cut, never running off
the figure), :func:`wrap` wraps short known words by their count of characters,
:func:`figure_title`, :func:`bottom_of` and :func:`inches` stack titles and legends
from the top of a figure down, :func:`place_labels` puts labels of vertical lines on
levels where they do not overlap, :func:`place_marker_labels` finds offsets for the
labels of marked points, and :func:`mark_point` draws such a point with its label.

Examples
--------
>>> print(wrap("The move pays off for the US only when rivalry exceeds 1.80", 30))
The move pays off for the US
only when rivalry exceeds 1.80
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Text

from triangle.plots.style import INK

__all__ = [
    "axis_labels",
    "bottom_of",
    "clip",
    "figure_title",
    "fit",
    "fit_text",
    "inches",
    "keep_inside",
    "legend_columns",
    "mark_point",
    "pad_ylim",
    "place_labels",
    "place_marker_labels",
    "width_of",
    "wrap",
]


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters (at spaces only).

    Parameters
    ----------
    text : str
    width : int

    Returns
    -------
    str

    Examples
    --------
    >>> wrap("depends on equilibrium selection", 22)
    'depends on equilibrium\\nselection'
    """
    return "\n".join(textwrap.wrap(text, width=width, break_on_hyphens=False))


def _measure(probe: Text, renderer: Any, text: str) -> float:
    probe.set_text(text)
    return float(probe.get_window_extent(renderer).width)


def _wrap_to(probe: Text, renderer: Any, text: str, width: float, break_words: bool) -> str:
    """``text`` wrapped at spaces into the fewest lines whose drawn width is at most
    ``width`` pixels; words longer than a line are broken only with ``break_words``
    (else they stay whole, and too wide)."""
    out = []
    for paragraph in text.split("\n"):
        if not paragraph.strip() or _measure(probe, renderer, paragraph) <= width:
            out.append(paragraph)
            continue
        lo, hi = 1, len(paragraph)  # the most characters a line may hold
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lines = _lines(paragraph, mid, break_words)
            if max(_measure(probe, renderer, line) for line in lines) <= width:
                lo = mid
            else:
                hi = mid - 1
        out.extend(_lines(paragraph, lo, break_words))
    return "\n".join(out)


def _lines(paragraph: str, chars: int, break_words: bool) -> list[str]:
    return textwrap.wrap(paragraph, chars, break_on_hyphens=False, break_long_words=break_words)


def _fits(probe: Text, renderer: Any, text: str, width: float) -> bool:
    return all(_measure(probe, renderer, line) <= width for line in text.split("\n"))


def renderer_of(fig):
    """A renderer that measures text as ``fig`` will draw it.

    The figure's own canvas renderer when it has one (Agg, and the inline and
    widget backends of notebooks); otherwise, for a bare
    :class:`~matplotlib.figure.Figure` whose canvas cannot draw, an Agg renderer of
    the figure's size and dpi (what :meth:`~matplotlib.figure.Figure.savefig` would
    use). The figure itself is left as it is.
    """
    get = getattr(fig.canvas, "get_renderer", None)
    if get is not None:
        return get()
    from matplotlib.backends.backend_agg import RendererAgg

    width, height = fig.get_size_inches() * fig.dpi
    return RendererAgg(int(width), int(height), fig.dpi)


def fit_text(
    fig: Figure,
    text: str,
    width: float,
    *,
    fontsize: float,
    max_lines: int | None = None,
    min_size: float | None = None,
    **props: Any,
) -> tuple[str, float]:
    """``text`` made to fit ``width`` pixels of ``fig`` when drawn: wrapped at spaces,
    the font shrunk (down to ``min_size``) while it takes more than ``max_lines`` lines
    or a word is wider than ``width``; then words are broken, and the last line is cut
    with an ellipsis if even that is not enough.

    Measures with the figure's renderer, so the result holds for the font, weight and
    size actually drawn (``props`` are :class:`~matplotlib.text.Text` properties such
    as ``fontweight``).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with a canvas (:func:`~triangle.plots.style.new_figure`).
    text : str
    width : float
        Pixels (display units of ``fig``).
    fontsize : float
        The size to start from, in points.
    max_lines : int, optional
        At most this many lines (default: as many as wrapping needs).
    min_size : float, optional
        The smallest size to shrink to (default: no shrinking).

    Returns
    -------
    (str, float)
        The text with its line breaks, and the font size.

    Examples
    --------
    >>> from triangle.plots.style import new_figure
    >>> fig = new_figure(3, 2)
    >>> fit_text(fig, "a chart title long enough to need two lines", 200, fontsize=10)
    ('a chart title long enough to\\nneed two lines', 10)
    >>> fit_text(fig, "Democratic Republic", 40, fontsize=11, max_lines=1, min_size=7)
    ('Demo…', 7.0)
    """
    renderer = renderer_of(fig)
    probe = Text(0, 0, "", fontsize=fontsize, **props)
    probe.set_figure(fig)
    sizes = [fontsize]
    if min_size is not None:
        sizes += np.arange(fontsize - 0.5, min_size - 1e-9, -0.5).tolist()
    # Shrinking comes before breaking a word: a word is broken only at the smallest size.
    for size in sizes:
        probe.set_fontsize(size)
        wrapped = _wrap_to(probe, renderer, text, width, break_words=False)
        short = max_lines is None or wrapped.count("\n") < max_lines
        if short and _fits(probe, renderer, wrapped, width):
            return wrapped, size
    wrapped = _wrap_to(probe, renderer, text, width, break_words=True)
    if max_lines is None or wrapped.count("\n") < max_lines:
        return wrapped, sizes[-1]
    lines = wrapped.split("\n")[:max_lines]
    last = lines[-1]
    while last and _measure(probe, renderer, last.rstrip() + "…") > width:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    return "\n".join(lines), sizes[-1]


def fit(artist: Text, width: float, **options: Any) -> Text:
    """Make a drawn text fit ``width`` pixels (:func:`fit_text`, with the artist's own
    text, size and font); returns the artist.

    Examples
    --------
    >>> from triangle.plots.style import new_figure
    >>> fig = new_figure(3, 2)
    >>> label = fit(fig.text(0, 0.5, "a chart label long enough to need two lines"), 150)
    >>> label.get_text()
    'a chart label long\\nenough to need two\\nlines'
    """
    text, size = fit_text(
        artist.figure,
        artist.get_text(),
        width,
        fontsize=artist.get_fontsize(),
        fontweight=artist.get_fontweight(),
        fontstyle=artist.get_fontstyle(),
        fontfamily=artist.get_fontfamily(),
        linespacing=artist.get_linespacing(),
        **options,
    )
    artist.set_text(text)
    artist.set_fontsize(size)
    return artist


def axis_labels(
    ax: Any, xlabel: str | None = None, ylabel: str | None = None, *, fontsize: float = 11
) -> None:
    """Label the axes of ``ax``, each label fitted to the side it runs along
    (:func:`fit_text`: wrapped onto at most two lines, shrunk to no less than 8 points).

    Examples
    --------
    >>> from triangle.plots.style import new_figure
    >>> fig = new_figure(3, 2)
    >>> ax = fig.add_subplot()
    >>> axis_labels(ax, "gain of the Democratic Republic of Alphaland (payoff units)")
    >>> ax.get_xlabel().count("\\n")
    1
    """
    fig = ax.figure
    box = ax.get_window_extent(renderer_of(fig))
    if xlabel is not None:
        text, size = fit_text(fig, xlabel, box.width, fontsize=fontsize, max_lines=2, min_size=8)
        ax.set_xlabel(text, fontsize=size)
    if ylabel is not None:
        text, size = fit_text(fig, ylabel, box.height, fontsize=fontsize, max_lines=2, min_size=8)
        ax.set_ylabel(text, fontsize=size)


def keep_inside(ax: Any, *, margin: float = 0.08) -> None:
    """Shrink the axes ``ax`` until its labels and tick labels lie inside its figure,
    ``margin`` inches from the bottom and left edges (the top and right of the axes
    stay where they are).

    Examples
    --------
    >>> from triangle.plots.style import new_figure
    >>> fig = new_figure(4, 3)
    >>> ax = fig.add_axes((0.02, 0.02, 0.9, 0.9))
    >>> _ = ax.set_xlabel("a label"), ax.set_ylabel("another")
    >>> keep_inside(ax)
    >>> box = ax.get_tightbbox(renderer_of(fig))
    >>> bool(box.x0 >= 0 and box.y0 >= 0)
    True
    """
    fig = ax.figure
    renderer = renderer_of(fig)
    width, height = fig.get_size_inches() * fig.dpi
    room = margin * fig.dpi
    for _ in range(3):  # tick labels move with the axes: settle in a few steps
        box = ax.get_tightbbox(renderer)
        left, bottom = max(0.0, room - box.x0), max(0.0, room - box.y0)
        if left < 0.5 and bottom < 0.5:
            return
        x0, y0, x1, y1 = ax.get_position().extents
        ax.set_position(
            (
                x0 + left / width,
                y0 + bottom / height,
                x1 - x0 - left / width,
                y1 - y0 - bottom / height,
            )
        )


def width_of(fig: Figure, fraction: float) -> float:
    """``fraction`` of the figure's width, in pixels.

    >>> from triangle.plots.style import new_figure
    >>> width_of(new_figure(4, 3), 0.5)
    200.0
    """
    return float(fraction * fig.get_figwidth() * fig.dpi)


def figure_title(fig: Figure, text: str, *, size: float = 14, y: float | None = None) -> Any:
    """Set the figure's title, wrapped to fit 96% of the figure's width (measured,
    :func:`fit`), ``y`` inches from the top (0.12 by default).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    text : str
    size : float
        Font size in points.
    y : float, optional
        Inches from the top of the figure to the top of the title.

    Returns
    -------
    matplotlib.text.Text
        The title (``fig._suptitle``).

    Examples
    --------
    >>> from triangle.plots.style import new_figure
    >>> fig = new_figure(4, 3)
    >>> figure_title(fig, "A title long enough to need a second line").get_text()
    'A title long enough to need a second\\nline'
    """
    top = 1 - (0.12 if y is None else y) / fig.get_figheight()
    title = fig.suptitle(text, y=top, va="top", fontsize=size)
    return fit(title, width_of(fig, 0.96), max_lines=5)


def bottom_of(fig: Figure, artist: Any) -> float:
    """The lower edge of a drawn text or legend, as a fraction of the figure height.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with a canvas (:func:`~triangle.plots.style.new_figure`).
    artist : matplotlib.artist.Artist
        A text or legend of ``fig``.

    Returns
    -------
    float

    Examples
    --------
    >>> from triangle.plots.style import new_figure
    >>> fig = new_figure(4, 4)
    >>> text = fig.text(0.5, 0.5, "one line", va="top")
    >>> 0.45 < bottom_of(fig, text) < 0.5
    True
    """
    renderer = renderer_of(fig)
    box = artist.get_window_extent(renderer)
    return float(box.y0 / (fig.dpi * fig.get_figheight()))


def inches(fig: Figure, distance: float) -> float:
    """A vertical distance in inches as a fraction of the figure height.

    Examples
    --------
    >>> from triangle.plots.style import new_figure
    >>> float(inches(new_figure(4, 5), 0.25))
    0.05
    """
    return distance / fig.get_figheight()


def legend_columns(fig: Figure, labels: Sequence[str], fontsize: float) -> int:
    """As many legend columns as fit across the figure (labels' widths estimated).

    Examples
    --------
    >>> from triangle.plots.style import new_figure
    >>> legend_columns(new_figure(9.5, 6), ["standing", "ties", "costs"], 9.5)
    3
    """
    widest = max(len(line) for t in labels for line in t.split("\n")) * 0.6 * fontsize + 45
    fit = int(0.95 * fig.get_figwidth() * 72 // widest)
    return max(1, min(len(labels), fit))


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis.

    Examples
    --------
    >>> clip("Reverse Kissinger: courting Russia, 2025", 20)
    'Reverse Kissinger:…'
    """
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def pad_ylim(ax: Any, fraction: float) -> None:
    """Widen the y limits of ``ax`` by ``fraction`` of their span at both ends.

    Examples
    --------
    >>> from triangle.plots.style import new_figure
    >>> ax = new_figure(3, 3).add_subplot()
    >>> ax.set_ylim(0, 10)
    (0.0, 10.0)
    >>> pad_ylim(ax, 0.1); [float(y) for y in ax.get_ylim()]
    [-1.0, 11.0]
    """
    lo, hi = ax.get_ylim()
    span = hi - lo
    ax.set_ylim(lo - fraction * span, hi + fraction * span)


def place_labels(
    fig: Figure,
    left: float,
    width: float,
    xlim: tuple[float, float],
    labels: Sequence[tuple[float, str]],
    fontsize: float = 9.5,
) -> list[tuple[int, int]]:
    """Side (+1 right of its line, −1 left) and level of the label of each vertical line.

    The lines stand at data ``x`` in axes spanning ``left`` to ``left + width`` of the
    figure's width with x limits ``xlim``; the labels sit above the axes, one level per
    text line. Greedy: each label, in order of its value, takes the lowest level and
    the first side where it overlaps no label already placed and stays inside the
    figure; a label too wide for any gets a level of its own. Levels are numbered from
    0 without gaps.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    left, width : float
        The axes' left edge and width, as fractions of the figure's width.
    xlim : (float, float)
    labels : sequence of (x, text)
    fontsize : float

    Returns
    -------
    list of (int, int)
        ``(side, level)`` of each label, in the order given.

    Examples
    --------
    >>> from triangle.plots.style import new_figure
    >>> fig = new_figure(9.5, 6)
    >>> place_labels(fig, 0.1, 0.86, (0, 10), [(2.0, "threshold 2.00"), (2.2, "threshold 2.20")])
    [(1, 0), (1, 1)]
    """
    points_per_unit = width * fig.get_figwidth() * 72 / (xlim[1] - xlim[0])
    fig_left = -left * fig.get_figwidth() * 72
    fig_right = (1 - left) * fig.get_figwidth() * 72
    taken: dict[int, list[tuple[float, float]]] = {}
    out = {}
    for n in sorted(range(len(labels)), key=lambda k: labels[k][0]):
        t, text = labels[n]
        x = (t - xlim[0]) * points_per_unit
        size = 0.62 * fontsize * len(text) + 6
        for level in range(len(labels) + 1):
            choice = None
            for side in (1, -1):
                a, b = (x + 3, x + 3 + size) if side > 0 else (x - 3 - size, x - 3)
                if a < fig_left or b > fig_right:
                    continue
                if all(b < c or a > d for c, d in taken.get(level, [])):
                    choice = (side, a, b)
                    break
            if choice is not None:
                side, a, b = choice
                taken.setdefault(level, []).append((a, b))
                out[n] = (side, level)
                break
        else:  # wider than the figure allows anywhere: a level of its own, toward the middle
            level = len(labels) + 1
            while level in taken:
                level += 1
            taken[level] = [(-math.inf, math.inf)]
            out[n] = (1 if x < (fig_right + fig_left) / 2 else -1, level)
    compact = {level: k for k, level in enumerate(sorted({level for _, level in out.values()}))}
    return [(out[n][0], compact[out[n][1]]) for n in range(len(labels))]


def place_marker_labels(
    ax: Any,
    points: Sequence[tuple[float, float]],
    texts: Sequence[str],
    obstacles: Sequence[np.ndarray] = (),
    fontsize: float = 10,
) -> list[tuple[float, float]]:
    """Offsets (points) of the labels of marked points that avoid each other, the axes'
    edges, the other points and ``obstacles``.

    Greedy, in the order given: each label tries offsets above/below and right/left at
    growing distances and takes the one overlapping no placed label and covering the
    fewest obstacle samples (a box is estimated from the text's size). Call it once
    the axes' position and limits are final.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    points : sequence of (x, y)
        The marked points, in data coordinates.
    texts : sequence of str
        Their labels (possibly several lines).
    obstacles : sequence of ndarray of shape (n, 2)
        Samples of what the labels should not cover (curves), in data coordinates.
    fontsize : float

    Returns
    -------
    list of (float, float)
        The offset of each label from its point, in points.

    Examples
    --------
    >>> from triangle.plots.style import new_figure
    >>> ax = new_figure(6, 4).add_axes((0.1, 0.1, 0.8, 0.8), xlim=(0, 10), ylim=(0, 10))
    >>> place_marker_labels(ax, [(2, 2), (2.2, 2.2)], ["first", "second"])
    [(12.0, 16.0), (-12.0, 16.0)]
    """
    fig = ax.figure
    to_px = fig.dpi / 72
    box = ax.get_window_extent()
    obstacles = np.concatenate(
        [np.empty((0, 2))] + [ax.transData.transform(np.asarray(o, dtype=float)) for o in obstacles]
    )
    marks = ax.transData.transform(np.asarray(points, dtype=float).reshape(-1, 2))
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for text, (mx, my) in zip(texts, marks, strict=True):
        lines = text.split("\n")
        width = (max(len(t) for t in lines) * 0.62 * fontsize + 8) * to_px
        height = (len(lines) * 1.35 * fontsize + 6) * to_px
        prefer_right = (mx - box.x0) / max(box.width, 1.0) < 0.6
        best, best_score = (12.0, 16.0), math.inf
        best_box = (mx, my, mx, my)
        rank = 0
        for distance in (16, 40, 64, 88, 112):
            for dy in (distance, -distance):
                for dx in (12, -12) if prefer_right else (-12, 12):
                    x0 = mx + dx * to_px - (0 if dx > 0 else width)
                    y0 = my + dy * to_px - (0 if dy > 0 else height)
                    x1, y1 = x0 + width, y0 + height
                    outside = x0 < box.x0 or x1 > box.x1 or y0 < box.y0 or y1 > box.y1
                    clash = any(not (x1 < a or x0 > c or y1 < b or y0 > d) for a, b, c, d in placed)
                    covered = np.count_nonzero(
                        (obstacles[:, 0] >= x0)
                        & (obstacles[:, 0] <= x1)
                        & (obstacles[:, 1] >= y0)
                        & (obstacles[:, 1] <= y1)
                    )
                    on_marks = np.count_nonzero(
                        (marks[:, 0] >= x0 - 6)
                        & (marks[:, 0] <= x1 + 6)
                        & (marks[:, 1] >= y0 - 6)
                        & (marks[:, 1] <= y1 + 6)
                    )
                    score = 1e6 * (outside + clash) + 1e3 * on_marks + covered + 0.5 * rank
                    rank += 1
                    if score < best_score:
                        best, best_score = (float(dx), float(dy)), score
                        best_box = (x0, y0, x1, y1)
        placed.append(best_box)
        out.append(best)
    return out


def mark_point(
    ax: Any,
    xy: tuple[float, float],
    text: str,
    offset: tuple[float, float],
    *,
    colour: Any,
    gid: str,
    size: float,
    edge: float,
    text_colour: Any = None,
    line_colour: Any = None,
) -> Any:
    """A dot at ``xy`` (a one-point scatter with ``gid``) and its boxed label ``offset``
    points away, joined to it by a thin line.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    xy : (float, float)
        Data coordinates.
    text : str
    offset : (float, float)
        Points; the label is left-aligned when ``dx > 0`` and above when ``dy > 0``.
    colour : colour
        Fill of the dot (and, by default, the line and the box's edge).
    gid : str
    size, edge : float
        Marker area (points²) and width of its white edge.
    text_colour, line_colour : colour, optional

    Returns
    -------
    matplotlib.collections.PathCollection
        The dot.

    Examples
    --------
    >>> from triangle.plots.style import new_figure
    >>> ax = new_figure(4, 3).add_subplot()
    >>> dot = mark_point(ax, (1.0, 2.0), "here", (12, 16), colour="k", gid="point:here",
    ...                  size=100, edge=2)
    >>> dot.get_gid(), dot.get_offsets().tolist()
    ('point:here', [[1.0, 2.0]])
    """
    dot = ax.scatter(
        [xy[0]],
        [xy[1]],
        s=size,
        marker="o",
        color=colour,
        edgecolor="white",
        linewidth=edge,
        zorder=6,
    )
    dot.set_gid(gid)
    line = line_colour if line_colour is not None else colour
    dx, dy = offset
    ax.annotate(
        text,
        xy,
        xytext=(dx, dy),
        textcoords="offset points",
        ha="left" if dx > 0 else "right",
        va="bottom" if dy > 0 else "top",
        fontsize=10,
        fontweight="bold",
        color=text_colour if text_colour is not None else INK,
        zorder=7,
        arrowprops={"arrowstyle": "-", "color": line, "lw": 0.8},
        bbox={"fc": "white", "ec": line, "lw": 0.6, "alpha": 0.92, "pad": 2.5},
    )
    return dot
