"""The look every chart shares: palette, line styles, ``rcParams``, blank figures.

Colours come from the Okabe–Ito palette (safe for the common forms of colour
blindness). An amity tie is a solid bluish-green line, an enmity tie a dashed
vermillion one; the verdicts are bluish green (pays off), vermillion (does not pay
off) and yellow (depends on equilibrium selection), keyed by
:class:`~triangle.vocabulary.Verdict`; the payoff components of the relations form
each have a colour of their own.

Charts are drawn on :class:`~matplotlib.figure.Figure` objects with an Agg canvas
(:func:`new_figure`), never through ``pyplot``, and only inside :func:`use_style`, a
context that restores the caller's ``rcParams`` on exit (:func:`styled` wraps a
function in it).

Examples
--------
>>> import matplotlib as mpl
>>> with use_style():
...     mpl.rcParams["axes.spines.top"]
False
>>> VERDICT_COLOURS["pays off"] == OKABE_ITO["bluish green"]
True
"""

from __future__ import annotations

import contextlib
import functools
import re
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from triangle.vocabulary import Verdict

__all__ = [
    "AFTER_COLOUR",
    "AMITY",
    "BEFORE_COLOUR",
    "CHANCE",
    "COMPONENT_COLOURS",
    "CURVE_COLOURS",
    "ENMITY",
    "INK",
    "MOVER_FILL",
    "MUTED",
    "NODE_FILL",
    "OKABE_ITO",
    "STYLE",
    "VERDICT_ALPHA",
    "VERDICT_COLOURS",
    "component_colour",
    "new_figure",
    "styled",
    "use_style",
]

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
"""Okabe & Ito (2008), "Color Universal Design": eight colours distinguishable by most
readers with colour-vision deficiencies."""

VERDICT_COLOURS: dict[Verdict, str] = {
    Verdict.PAYS_OFF: OKABE_ITO["bluish green"],
    Verdict.DOES_NOT_PAY_OFF: OKABE_ITO["vermillion"],
    Verdict.DEPENDS: OKABE_ITO["yellow"],
}
"""The colour of each verdict (a :class:`~triangle.vocabulary.Verdict` is its string, so
``VERDICT_COLOURS["pays off"]`` works too)."""

VERDICT_ALPHA = 0.8
"""Opacity of the verdict cells of the verdict map (and of their legend patches)."""

AMITY = {"color": OKABE_ITO["bluish green"], "linestyle": "-"}
"""Line style of a friendly (+) tie."""
ENMITY = {"color": OKABE_ITO["vermillion"], "linestyle": (0, (4, 2.5))}
"""Line style of a hostile (−) tie."""
CHANCE = {"color": "#888888", "linestyle": (0, (1, 1.8))}
"""Line style of a tie that is friendly only by chance (someone mixes): labelled with
the probability that it is friendly."""

COMPONENT_COLOURS = {
    "standing": OKABE_ITO["blue"],
    "ties": OKABE_ITO["sky blue"],
    "third party": OKABE_ITO["reddish purple"],
    "costs": OKABE_ITO["orange"],
    "payoff": "#8C8C8C",
}
"""Colours of the payoff components of the relations form (``"payoff"`` when a game
has no components)."""

_SPARE_COMPONENT_COLOURS = tuple(
    OKABE_ITO[k] for k in ("yellow", "black", "bluish green", "vermillion")
)

CURVE_COLOURS = (
    OKABE_ITO["blue"],
    OKABE_ITO["reddish purple"],
    OKABE_ITO["black"],
    OKABE_ITO["sky blue"],
    OKABE_ITO["orange"],
    "#8C8C8C",
)
"""Curve colours of the gain chart, in order (threshold lines take their curve's colour)."""

BEFORE_COLOUR = "#BBBBBB"
"""Bars of the payoffs before the move."""
AFTER_COLOUR = OKABE_ITO["blue"]
"""Bars of the payoffs after the move."""

INK = "#222222"
"""Text and rules."""
MUTED = "#666666"
"""Secondary text (subtitles, notes, zero changes)."""
NODE_FILL = "#F4F4F4"
"""Nodes of the triangle diagram."""
MOVER_FILL = OKABE_ITO["blue"]
"""The mover's node."""

FONT_FALLBACKS = (
    "DejaVu Sans",
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Arial Unicode MS",
    "Noto Sans",
)
"""The fonts charts draw with, in order: DejaVu Sans (matplotlib's own, always there),
then fonts with the glyphs it lacks (Chinese, Japanese, Korean), where installed:
matplotlib takes each character from the first font of the list that has it."""


def _installed_fonts() -> list[str]:
    """The fonts of :data:`FONT_FALLBACKS` that are installed, in order (a missing
    family in ``font.family`` makes matplotlib log a complaint at every chart)."""
    from matplotlib import font_manager

    names = {entry.name for entry in font_manager.fontManager.ttflist}
    return [name for name in FONT_FALLBACKS if name in names] or ["DejaVu Sans"]


_GLYPH = re.compile(r"Glyph (\d+) .*missing from font")


@contextlib.contextmanager
def missing_glyphs():
    """Collect the characters no installed font could draw, instead of matplotlib's
    warning per character (with its source path); other warnings pass through.

    Yields the set of such characters, filled when the block ends.

    Examples
    --------
    >>> with missing_glyphs() as missing:
    ...     fig = new_figure(2, 1)
    ...     _ = fig.text(0.1, 0.5, "\U0001d11e")  # a musical symbol few fonts have
    ...     fig.canvas.draw()
    >>> sorted(missing) in ([], ["\U0001d11e"])
    True
    """
    found: set[str] = set()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield found
    finally:
        # once the recording has stopped, so that what passes through is not recorded again
        for warning in caught:
            match = _GLYPH.search(str(warning.message))
            if match:
                found.add(chr(int(match.group(1))))
            else:
                warnings.warn_explicit(
                    warning.message, warning.category, warning.filename, warning.lineno
                )


STYLE: dict[str, Any] = {
    "font.family": _installed_fonts(),
    "font.size": 10.5,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "axes.edgecolor": "#444444",
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.unicode_minus": True,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 9.5,
    "legend.frameon": False,
    "figure.facecolor": "white",
    "figure.titlesize": 14,
    "figure.titleweight": "bold",
    "savefig.facecolor": "white",
    "svg.hashsalt": "triangle",
    "svg.fonttype": "path",
    "hatch.linewidth": 0.8,
    "lines.solid_capstyle": "round",
}
"""The ``rcParams`` every chart is drawn with."""


def component_colour(name: str, index: int) -> str:
    """The colour of a payoff component: its own (:data:`COMPONENT_COLOURS`), else a
    spare Okabe–Ito colour chosen by its position ``index`` in the decomposition.

    Examples
    --------
    >>> component_colour("costs", 3) == OKABE_ITO["orange"]
    True
    >>> component_colour("bribes", 0) == OKABE_ITO["yellow"]
    True
    """
    if name in COMPONENT_COLOURS:
        return COMPONENT_COLOURS[name]
    return _SPARE_COMPONENT_COLOURS[index % len(_SPARE_COMPONENT_COLOURS)]


def use_style() -> contextlib.AbstractContextManager:
    """A context in which matplotlib draws with the package's style (:data:`STYLE`).

    The caller's ``rcParams`` are restored on exit. Every chart function and
    :func:`~triangle.plots.save_figure` run inside it; use it to draw several charts
    into axes of your own with the same look.

    Returns
    -------
    contextlib.AbstractContextManager

    Examples
    --------
    >>> import matplotlib as mpl
    >>> before = mpl.rcParams["font.size"]
    >>> with use_style():
    ...     mpl.rcParams["font.size"]
    10.5
    >>> mpl.rcParams["font.size"] == before
    True
    """
    return mpl.rc_context(STYLE)


F = TypeVar("F", bound=Callable[..., Any])


def styled(function: F) -> F:
    """Decorate a drawing function so that it runs inside :func:`use_style`.

    Artists read ``rcParams`` when they are created, so a chart drawn inside the
    context keeps the package's look wherever it is later shown or saved.

    Parameters
    ----------
    function : callable

    Returns
    -------
    callable
        ``function``, run inside :func:`use_style`.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> @styled
    ... def font_size():
    ...     return mpl.rcParams["font.size"]
    >>> font_size()
    10.5
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with use_style():
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def new_figure(width: float, height: float) -> Figure:
    """A blank figure of ``width`` × ``height`` inches on an Agg canvas (no ``pyplot``).

    Parameters
    ----------
    width, height : float
        Inches.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = new_figure(4, 3)
    >>> fig.get_size_inches().tolist(), type(fig.canvas).__name__
    ([4.0, 3.0], 'FigureCanvasAgg')
    """
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    return fig
