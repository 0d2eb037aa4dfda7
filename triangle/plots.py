"""Charts that show *why* a move does or does not pay off.

Every chart function takes results of :mod:`triangle.analysis` (a ``MoveAnalysis`` or
its ``to_dict()``), or a scenario plus what is needed to ask :mod:`triangle.analysis`
for them, and returns a :class:`matplotlib.figure.Figure`. Nothing here solves a game.

Figures are built on :class:`~matplotlib.figure.Figure` with an Agg canvas, never
through ``pyplot``: no global figure state is created or left behind, and the charts
work without a display. Styling is applied inside :func:`use_style` only while a chart
is drawn and saved, so the caller's ``rcParams`` are untouched.

Colours come from the Okabe–Ito palette (safe for the common forms of colour
blindness): an amity tie is a solid bluish-green line, an enmity tie a dashed
vermillion one; verdicts are bluish green (pays off), vermillion (does not pay off)
and yellow (depends on equilibrium selection). Titles state the finding, built from
the numbers of the analysis.

Key artists carry a ``gid`` so that tests and scripts can find them:
``"node:US"``, ``"tie:US–China"`` (with ``"before:"``/``"after:"`` prefixes in the
two panels of a triangle diagram), ``"threshold:<label>"``, ``"marker:<label>"``,
``"curve:<label>"``, ``"component:<scenario>:<name>"``, ``"net:<scenario>"``,
``"verdicts"`` and ``"point:<label>"``.

Examples
--------
>>> fig = triangle_diagram(example_analysis())
>>> sorted(a.get_gid() for a in fig.axes[0].lines)
['before:tie:China–USSR', 'before:tie:US–China', 'before:tie:US–USSR']
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import secrets
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, Patch

from triangle.errors import TriangleInputError

__all__ = [
    "AMITY",
    "COMPONENT_COLOURS",
    "ENMITY",
    "OKABE_ITO",
    "VERDICT_COLOURS",
    "VERDICTS",
    "Curve",
    "comparison_chart",
    "curves_from_scenarios",
    "decomposition_chart",
    "example_analysis",
    "finding",
    "gain_curve_chart",
    "payoff_comparison_chart",
    "save_figure",
    "triangle_diagram",
    "use_style",
    "verdict_map_chart",
]

# -- palette and style -------------------------------------------------------------------

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

PAYS_OFF = "pays off"
DOES_NOT_PAY_OFF = "does not pay off"
DEPENDS = "depends on equilibrium selection"
VERDICTS = (PAYS_OFF, DOES_NOT_PAY_OFF, DEPENDS)

VERDICT_COLOURS = {
    PAYS_OFF: OKABE_ITO["bluish green"],
    DOES_NOT_PAY_OFF: OKABE_ITO["vermillion"],
    DEPENDS: OKABE_ITO["yellow"],
}

AMITY = {"color": OKABE_ITO["bluish green"], "linestyle": "-"}
"""Line style of a friendly (+) tie."""
ENMITY = {"color": OKABE_ITO["vermillion"], "linestyle": (0, (4, 2.5))}
"""Line style of a hostile (−) tie."""

COMPONENT_COLOURS = {
    "standing": OKABE_ITO["blue"],
    "ties": OKABE_ITO["sky blue"],
    "third party": OKABE_ITO["reddish purple"],
    "costs": OKABE_ITO["orange"],
    "payoff": "#8C8C8C",
}
"""Colours of the payoff components of the relations form (``"payoff"`` when a game
has no components)."""

_INK = "#222222"
_MUTED = "#666666"
_NODE_FILL = "#F4F4F4"
_MOVER_FILL = OKABE_ITO["blue"]
_MINUS = "\u2212"
_ARROW = "\u2192"

STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
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


def use_style() -> contextlib.AbstractContextManager:
    """A context in which matplotlib draws with the package's style.

    The caller's ``rcParams`` are restored on exit; every chart function and
    :func:`save_figure` run inside it, so there is rarely a need to call it directly.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with use_style():
    ...     mpl.rcParams["axes.spines.top"]
    False
    """
    return mpl.rc_context(STYLE)


def _styled(function: Callable[..., Figure]) -> Callable[..., Figure]:
    """Run a chart function inside :func:`use_style` (artists read rcParams when built)."""

    def wrapper(*args: Any, **kwargs: Any) -> Figure:
        with use_style():
            return function(*args, **kwargs)

    wrapper.__name__ = function.__name__
    wrapper.__qualname__ = function.__qualname__
    wrapper.__doc__ = function.__doc__
    wrapper.__module__ = function.__module__
    wrapper.__wrapped__ = function  # type: ignore[attr-defined]
    return wrapper


def _new_figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    return fig


# -- saving -------------------------------------------------------------------------------

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
"""File suffixes :func:`save_figure` writes, and the matplotlib format of each."""

PNG_DPI = 150

_METADATA = {
    # Fixed metadata: the same figure gives the same file, byte for byte.
    "png": {"Software": "triangle"},
    "svg": {"Date": None, "Creator": "triangle"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "triangle", "Producer": None},
}


def save_figure(fig: Figure, path: str | os.PathLike, *, force: bool = False) -> Path:
    """Write ``fig`` to ``path`` atomically, in the format its suffix names.

    The figure is written to a temporary file in the target directory which then
    replaces ``path`` in one step (:func:`os.replace`), so a reader never sees a
    half-written chart and a failure leaves no file behind.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The chart.
    path : str or os.PathLike
        Where to write; the suffix (``.png``, ``.svg`` or ``.pdf``, any case) picks
        the format. PNG is written at 150 dpi.
    force : bool
        Replace an existing file. Without it an existing file is an error.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    TriangleInputError
        For another suffix, a missing parent directory, an existing file without
        ``force``, or a directory that cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "triangle.png"
    >>> save_figure(triangle_diagram(example_analysis()), out).read_bytes()[:4]
    b'\\x89PNG'
    >>> save_figure(triangle_diagram(example_analysis()), out)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    triangle.errors.TriangleInputError: ....png exists; use --force to overwrite
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        allowed = ", ".join(FORMATS)
        what = f"suffix {path.suffix!r}" if path.suffix else "no suffix"
        raise TriangleInputError(f"{path}: cannot write a chart with {what}; use one of {allowed}")
    parent = path.parent
    if not parent.is_dir():
        raise TriangleInputError(f"{path}: directory {parent} does not exist")
    if path.is_dir():
        raise TriangleInputError(f"{path} is a directory")
    if path.exists() and not force:
        raise TriangleInputError(f"{path} exists; use --force to overwrite")
    tmp = _create_temporary(parent, path.name)
    try:
        kwargs: dict[str, Any] = {"format": fmt, "metadata": _METADATA[fmt]}
        if fmt == "png":
            kwargs["dpi"] = PNG_DPI
        with use_style(), open(tmp, "wb") as handle:
            fig.savefig(handle, **kwargs)
        if force:
            os.replace(tmp, path)
        else:
            _publish_without_overwrite(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


def _create_temporary(directory: Path, name: str) -> Path:
    """An empty new file beside the target, created with the user's umask."""
    for _ in range(100):
        tmp = directory / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise TriangleInputError(
                f"{directory / name}: cannot write: {error.strerror}"
            ) from None
        os.close(fd)
        return tmp
    raise TriangleInputError(
        f"{directory / name}: cannot create a temporary file"
    )  # pragma: no cover


def _publish_without_overwrite(tmp: Path, path: Path) -> None:
    """Move ``tmp`` to ``path`` unless ``path`` appeared meanwhile (checked atomically)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise TriangleInputError(f"{path} exists; use --force to overwrite") from None
    except OSError:  # file systems without hard links
        if path.exists():
            raise TriangleInputError(f"{path} exists; use --force to overwrite") from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


# -- reading analysis results --------------------------------------------------------------


def _as_dict(analysis: Any) -> dict[str, Any]:
    """The plain data of a ``MoveAnalysis`` (or a dict already shaped like it)."""
    if isinstance(analysis, Mapping):
        data = dict(analysis)
    elif hasattr(analysis, "to_dict"):
        data = analysis.to_dict()
    else:
        raise TypeError(f"expected a MoveAnalysis or its to_dict(), got {type(analysis).__name__}")
    if not isinstance(data.get("move"), Mapping):
        raise TriangleInputError("the analysis has no move to chart")
    return data


@dataclass(frozen=True)
class _Triad:
    """One triangle as drawn: actors, tie signs, roles, scores, configuration."""

    actors: tuple[str, ...]
    ties: dict[tuple[str, str], int]
    roles: dict[str, str]
    scores: dict[str, float]
    configuration: str
    payoffs: dict[str, float] = field(default_factory=dict)
    alternatives: int = 0


def _first(value: Any) -> Any:
    """The first of several listed triads (analysis lists them when not unique)."""
    if isinstance(value, list | tuple) and value and not isinstance(value[0], int | float):
        return value[0]
    return value


def _count(value: Any) -> int:
    if isinstance(value, list | tuple) and value and not isinstance(value[0], int | float):
        return len(value)
    return 1


def _split_tie(key: str, actors: Sequence[str]) -> tuple[str, str]:
    for a in actors:
        for b in actors:
            if a != b and key in (f"{a}–{b}", f"{a}-{b}", f"{a}—{b}"):
                return a, b
    raise TriangleInputError(f"tie {key!r} does not name two of {', '.join(actors)}")


def _triad(data: Mapping[str, Any], side: str) -> _Triad | None:
    """The (first) triad of the BEFORE or AFTER side of an analysis, if it has one."""
    move = data["move"]
    info = move.get(side) or {}
    ties = _first(info.get("ties"))
    roles = _first(info.get("roles"))
    if not ties or not roles:
        return None
    actors = tuple(roles)
    signs = {}
    for key, sign in ties.items():
        a, b = _split_tie(key, actors)
        signs[(a, b)] = 1 if float(sign) > 0 else -1
    scores = _first(info.get("scores")) or {}
    config = _first(info.get("configuration")) or ""
    payoffs = _first(info.get("payoffs")) or {}
    listed = info.get("triads")
    others = len(listed) - 1 if isinstance(listed, list) and len(listed) > 1 else 0
    return _Triad(
        actors=actors,
        ties=signs,
        roles=dict(roles),
        scores={k: float(v) for k, v in scores.items()},
        configuration=str(config),
        payoffs={k: float(v) for k, v in payoffs.items()} if isinstance(payoffs, Mapping) else {},
        alternatives=max(others, _count(info.get("ties")) - 1),
    )


def _gain(data: Mapping[str, Any]) -> tuple[float, float]:
    g = data["move"]["gain"]
    return float(g["min"]), float(g["max"])


def _verdict(data: Mapping[str, Any]) -> str:
    return str(data["move"]["verdict"])


def _scenario_label(data: Mapping[str, Any]) -> str:
    return str(data.get("scenario") or data.get("path") or "scenario")


# -- wording ------------------------------------------------------------------------------


def _the(name: str, *, start: bool = False) -> str:
    """``"the US"`` for initialisms (US, USSR, EU), the bare name otherwise."""
    if len(name) >= 2 and name.isupper():
        return ("The " if start else "the ") + name
    return name


def _num(x: float, digits: int = 2) -> str:
    """A number with a real minus sign: ``−0.65``."""
    text = f"{x:.{digits}f}"
    if text.startswith("-"):
        text = _MINUS + text[1:]
    if text.lstrip(_MINUS).strip("0.") == "":
        text = text.lstrip(_MINUS)
    return text


def _signed(x: float, digits: int = 2) -> str:
    """A number with an explicit sign: ``+3.20``, ``−0.65``, ``0.00``."""
    text = _num(x, digits)
    if text.startswith(_MINUS) or text.strip("0.") == "":
        return text
    return "+" + text


def _stance(strategy: str) -> frozenset[str] | None:
    """Whom a relations-form strategy (``cold``, ``warm:A+B``) is warm toward."""
    if strategy == "cold":
        return frozenset()
    if strategy.startswith("warm:") and len(strategy) > 5:
        return frozenset(strategy[5:].split("+"))
    return None


def _and(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _move_phrase(move: Mapping[str, Any]) -> str:
    """What the move does, as the subject of a sentence: ``"Courting Russia"``."""
    before, after = _stance(str(move["from"])), _stance(str(move["to"]))
    if before is not None and after is not None:
        order = [p for p in (move.get("target"), move.get("partner")) if p]
        key = {p: n for n, p in enumerate(order)}

        def ordered(xs: Iterable[str]) -> list[str]:
            return sorted(xs, key=lambda p: (key.get(p, len(key)), p))

        gained, dropped = ordered(after - before), ordered(before - after)
        parts = []
        if gained:
            parts.append("courting " + _and([_the(p) for p in gained]))
        if dropped:
            parts.append("turning cold on " + _and([_the(p) for p in dropped]))
        if parts:
            text = " and ".join(parts)
            return text[0].upper() + text[1:]
    return f"Switching from {move['from']} to {move['to']}"


def _gain_phrase(player: str, lo: float, hi: float) -> str:
    """``"the US gains 3.20"``, ``"the US loses 0.65"``, or the range of the gain."""
    who = _the(player)
    if math.isclose(lo, hi, rel_tol=1e-9, abs_tol=1e-9):
        if lo > 0:
            return f"{who} gains {_num(lo)}"
        if lo < 0:
            return f"{who} loses {_num(-lo)}"
        return f"{who} gains nothing"
    return f"{who} gains between {_signed(lo)} and {_signed(hi)}"


def _consequence(data: Mapping[str, Any]) -> str:
    """What changes in the triangle: who becomes the pivot, or the new configuration."""
    before, after = _triad(data, "before"), _triad(data, "after")
    if after is None:
        return ""
    pivot_after = next((a for a, r in after.roles.items() if r == "pivot"), None)
    pivot_before = (
        next((a for a, r in before.roles.items() if r == "pivot"), None) if before else None
    )
    if pivot_after and pivot_after != pivot_before:
        return f"{_the(pivot_after)} becomes the pivot"
    if before is None or after.configuration != before.configuration:
        article = "an" if after.configuration[:1] in "aeiou" else "a"
        return f"the triangle becomes {article} {after.configuration}"
    return f"the triangle stays {'an' if after.configuration[:1] in 'aeiou' else 'a'} " + (
        after.configuration
    )


def finding(analysis: Any) -> str:
    """One sentence stating whether the move pays off, what it changes and the gain.

    Examples
    --------
    >>> finding(example_analysis())
    'Courting China and the USSR pays off for the US: the US becomes the pivot and gains 3.20'
    """
    data = _as_dict(analysis)
    move = data["move"]
    player = str(move["player"])
    verdict = _verdict(data)
    subject = _move_phrase(move)
    if verdict == DEPENDS:
        head = f"{subject} may or may not pay off for {_the(player)} (equilibrium selection)"
    else:
        head = f"{subject} {verdict} for {_the(player)}"
    consequence = _consequence(data)
    gain = _gain_phrase(player, *_gain(data))
    who = _the(player) + " "
    if consequence.startswith(who) and gain.startswith(who):
        # "the US becomes the pivot and gains 3.20"
        return f"{head}: {consequence} and {gain[len(who) :]}"
    return head + ": " + ", ".join(t for t in (consequence, gain) if t)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_on_hyphens=False))


def _chars(fig: Figure, fontsize: float, fraction: float = 0.94) -> int:
    """How many characters of a bold ``fontsize`` line fit across ``fraction`` of ``fig``."""
    return max(20, int(fraction * fig.get_figwidth() * 72 / (0.6 * fontsize)))


def _title(fig: Figure, text: str, *, size: float = 14, y: float | None = None) -> Any:
    """The figure title, wrapped to the figure's width, at ``y`` inches from the top."""
    top = 1 - (0.12 if y is None else y) / fig.get_figheight()
    return fig.suptitle(_wrap(text, _chars(fig, size)), y=top, va="top", fontsize=size)


def _bottom_of(fig: Figure, artist: Any) -> float:
    """The lower edge of a drawn text or legend, as a fraction of the figure height."""
    renderer = fig.canvas.get_renderer()
    box = artist.get_window_extent(renderer)
    return float(box.y0 / (fig.dpi * fig.get_figheight()))


def _inches(fig: Figure, inches: float) -> float:
    """A vertical distance in inches as a fraction of the figure height."""
    return inches / fig.get_figheight()


# -- the triangle diagram ------------------------------------------------------------------

_NODE_RADIUS = 0.27
_POSITIONS = ((0.0, 0.78), (-0.82, -0.55), (0.82, -0.55))


def _layout(actors: Sequence[str], mover: str | None) -> dict[str, tuple[float, float]]:
    """Mover at the top, the other two at the base in player order."""
    order = list(actors)
    if mover in order:
        order.remove(mover)
        order.insert(0, mover)
    return dict(zip(order, _POSITIONS, strict=True))


def _draw_triad(ax: Any, triad: _Triad, mover: str | None, prefix: str) -> None:
    """Draw one triangle into ``ax``: ties, nodes, roles and Bao scores."""
    pos = _layout(triad.actors, mover)
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.32, 1.42)
    ax.set_aspect("equal")
    ax.axis("off")
    for (a, b), sign in sorted(triad.ties.items(), key=lambda kv: kv[0]):
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
        mx, my = (xa + xb) / 2, (ya + yb) / 2
        ax.text(
            mx,
            my,
            "+" if sign > 0 else _MINUS,
            ha="center",
            va="center",
            fontsize=13,
            fontweight="bold",
            color=style["color"],
            zorder=4,
            bbox={"boxstyle": "circle,pad=0.18", "fc": "white", "ec": style["color"], "lw": 1.2},
        )
    for actor in triad.actors:
        x, y = pos[actor]
        is_mover = actor == mover
        node = Circle(
            (x, y),
            _NODE_RADIUS,
            facecolor=_MOVER_FILL if is_mover else _NODE_FILL,
            edgecolor=_INK,
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
            color="white" if is_mover else _INK,
            zorder=5,
        )
        role = triad.roles.get(actor, "")
        score = triad.scores.get(actor)
        label = role if score is None else f"{role} ({_signed(score, 0)})"
        above = y > 0
        ax.text(
            x,
            y + (_NODE_RADIUS + 0.07) * (1 if above else -1),
            label,
            ha="center",
            va="bottom" if above else "top",
            fontsize=10.5,
            color=_INK,
            zorder=5,
        )


def _configuration_caption(triad: _Triad, mover: str | None) -> str:
    text = triad.configuration
    if mover in triad.payoffs:
        text += f"\n{mover} payoff {_num(triad.payoffs[mover])}"
    if triad.alternatives:
        text += f"\n(+{triad.alternatives} other outcome{'s' if triad.alternatives > 1 else ''})"
    return text


def _panel(ax: Any, data: Mapping[str, Any], side: str, heading: str, prefix: str) -> None:
    """One side of the move: its triangle, or the mover's payoff when there is none."""
    triad = _triad(data, side)
    mover = data["move"].get("player")
    ax.set_title(heading, fontsize=11.5, pad=2)
    if triad is None:
        ax.axis("off")
        payoff = _payoffs(data, side).get(str(mover))
        text = "no triangle to draw\n(no stances, or a mixed outcome)"
        if payoff is not None:
            text += f"\n\n{mover} payoff {_num(payoff)}"
        ax.text(0.5, 0.5, text, ha="center", va="center", color=_MUTED, transform=ax.transAxes)
        return
    _draw_triad(ax, triad, mover, prefix)
    ax.text(
        0.5,
        0.0,
        _configuration_caption(triad, mover),
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontsize=11,
        fontstyle="italic",
        color=_INK,
    )


def _arrow_panel(ax: Any, move: Mapping[str, Any]) -> None:
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
            color=_INK,
        )
    )
    ax.text(
        0.5,
        0.6,
        f"{move['player']} moves",
        ha="center",
        va="bottom",
        fontsize=10.5,
        fontweight="bold",
    )
    ax.text(
        0.5,
        0.44,
        f"from {move['from']}\nto {move['to']}",
        ha="center",
        va="top",
        fontsize=9.5,
        color=_INK,
        linespacing=1.4,
    )


def _tie_legend(fig: Figure, mover: str | None, y: float, loc: str = "lower center") -> Any:
    handles = [
        Line2D([], [], linewidth=3, label="amity (+): both warm", **AMITY),
        Line2D([], [], linewidth=3, label="enmity (−)", **ENMITY),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=11,
            markerfacecolor=_MOVER_FILL,
            markeredgecolor=_INK,
            label=f"mover ({mover})" if mover else "mover",
        ),
    ]
    return fig.legend(
        handles=handles, loc=loc, ncol=3, bbox_to_anchor=(0.5, y), handlelength=3, columnspacing=2.2
    )


@_styled
def triangle_diagram(analysis: Any, *, title: str | None = None) -> Figure:
    """The triangle before and after the move, side by side.

    Each actor is a node labelled with its Dittmer role and Bao score; each tie is a
    solid bluish-green line (amity, +) or a dashed vermillion one (enmity, −); the
    configuration and the mover's payoff are named under each panel; the mover's node
    is filled. When an analysis lists several triads for one side, the first (the
    representative outcome) is drawn and the others are counted.

    Parameters
    ----------
    analysis : MoveAnalysis or dict
        A result of :func:`triangle.analysis.analyze_move`, or its ``to_dict()``.
    title : str, optional
        Replaces the generated title (which states the verdict and the gain).

    Returns
    -------
    matplotlib.figure.Figure
        Axes 0 and 2 hold the BEFORE and AFTER triangles; ties carry gids
        ``"before:tie:A–B"`` / ``"after:tie:A–B"``, nodes ``"before:node:A"``...

    Examples
    --------
    >>> fig = triangle_diagram(example_analysis())
    >>> [ax.get_title() for ax in fig.axes if ax.get_title()]
    ['Before', 'After']
    """
    data = _as_dict(analysis)
    move = data["move"]
    mover = move.get("player")
    fig = _new_figure(10.5, 5.6)
    grid = fig.add_gridspec(
        1, 3, width_ratios=[1, 0.42, 1], left=0.02, right=0.98, top=0.8, bottom=0.2, wspace=0.02
    )
    ax_before = fig.add_subplot(grid[0, 0])
    ax_arrow = fig.add_subplot(grid[0, 1])
    ax_after = fig.add_subplot(grid[0, 2])
    _panel(ax_before, data, "before", "Before", "before:")
    _arrow_panel(ax_arrow, move)
    _panel(ax_after, data, "after", "After", "after:")
    _title(fig, title or finding(data))
    fig.text(
        0.5, 0.865, _scenario_label(data), ha="center", va="center", fontsize=10.5, color=_MUTED
    )
    _tie_legend(fig, mover, 0.0)
    return fig


# -- decomposition -------------------------------------------------------------------------


def _components(data: Mapping[str, Any]) -> dict[str, float]:
    comp = data["move"].get("decomposition") or {}
    return {str(k): float(v) for k, v in comp.items()}


def _component_colour(name: str, index: int) -> str:
    if name in COMPONENT_COLOURS:
        return COMPONENT_COLOURS[name]
    spare = [OKABE_ITO[k] for k in ("yellow", "black", "bluish green", "vermillion")]
    return spare[index % len(spare)]


def _waterfall(
    ax: Any,
    data: Mapping[str, Any],
    x0: float,
    *,
    label_prefix: str,
    show_values: bool = True,
    width: float = 0.7,
) -> list[float]:
    """Draw one scenario's waterfall starting at x0; returns the x positions used."""
    comps = _components(data)
    lo, hi = _gain(data)
    net = sum(comps.values())
    xs = []
    running = 0.0
    spread = max([abs(v) for v in comps.values()] + [abs(net), 1e-9])
    for n, (name, value) in enumerate(comps.items()):
        x = x0 + n
        bottom = running if value >= 0 else running + value
        bar = ax.bar(
            x,
            abs(value),
            bottom=bottom,
            width=width,
            color=_component_colour(name, n),
            edgecolor="white",
            linewidth=0.8,
            zorder=2,
        )
        bar.patches[0].set_gid(f"component:{label_prefix}:{name}")
        ax.plot(
            [x + width / 2, x + 1 - width / 2],
            [running + value] * 2,
            color=_MUTED,
            linewidth=0.8,
            zorder=1,
        )
        if show_values:
            zero = abs(value) <= 1e-9 * spread
            up = value >= 0
            ax.annotate(
                "0" if zero else _signed(value),
                (x, bottom + abs(value) if up else bottom),
                xytext=(0, 3 if up else -3),
                textcoords="offset points",
                ha="center",
                va="bottom" if up else "top",
                fontsize=9.5,
                color=_MUTED if zero else _INK,
            )
        running += value
        xs.append(x)
    x = x0 + len(comps)
    colour = VERDICT_COLOURS.get(_verdict(data), _INK)
    bar = ax.bar(
        x,
        abs(net),
        bottom=min(0.0, net),
        width=width,
        color=colour,
        edgecolor=_INK,
        linewidth=1.0,
        zorder=2,
    )
    bar.patches[0].set_gid(f"net:{label_prefix}")
    if not math.isclose(lo, hi, rel_tol=1e-9, abs_tol=1e-9):
        # The net bar is the lower bound of the gain; the whisker reaches the upper one.
        yerr = [[max(0.0, net - lo)], [max(0.0, hi - net)]]
        ax.errorbar([x], [net], yerr=yerr, color=_INK, capsize=4, zorder=3)
        text = f"{_signed(lo)} … {_signed(hi)}"
        up = True  # above the whisker, clear of the bars below
    else:
        text = _signed(net)
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
        color=_INK,
    )
    xs.append(x)
    return xs


@_styled
def decomposition_chart(analyses: Sequence[Any], *, title: str | None = None) -> Figure:
    """Per scenario, the mover's gain split by payoff component, as a waterfall.

    Bars step from zero through each component of the gain (standing, ties, third
    party, costs, in the analysis's order) to the net gain, drawn in its verdict's
    colour; when the selected equilibria disagree the net bar carries the range.

    Parameters
    ----------
    analyses : sequence of MoveAnalysis or dict
        One per scenario, e.g. from :func:`triangle.analysis.compare`.
    title : str, optional
        Replaces the generated title.

    Examples
    --------
    >>> fig = decomposition_chart([example_analysis()])
    >>> sorted(p.get_gid() for p in fig.axes[0].patches if p.get_gid())[:2]
    ['component:Example, 1971:costs', 'component:Example, 1971:standing']
    """
    datas = [_as_dict(a) for a in analyses]
    if not datas:
        raise TriangleInputError("nothing to chart: no analyses given")
    # one panel per scenario, at most three to a row, all on one y scale
    per_row = min(3, len(datas))
    rows = -(-len(datas) // per_row)
    widest = max(len(_components(d)) + 1 for d in datas)
    panel_width = max(3.4, 0.85 * widest + 0.9)
    fig = _new_figure(max(6.5, panel_width * per_row + 1.0), 1.4 + 3.9 * rows)
    mover = datas[0]["move"]["player"]
    seen: dict[str, str] = {}
    axes = []
    for n, d in enumerate(datas):
        label = _scenario_label(d)
        ax = fig.add_subplot(rows, per_row, n + 1, sharey=axes[0] if axes else None)
        axes.append(ax)
        comps = _components(d)
        xs = _waterfall(ax, d, 0.0, label_prefix=label)
        for k, name in enumerate(comps):
            seen.setdefault(name, _component_colour(name, k))
        ax.axhline(0, color=_INK, linewidth=0.9, zorder=1)
        ax.set_xticks(xs, [_wrap(t, 10) for t in [*comps, "net gain"]], fontsize=9.5)
        ax.tick_params(axis="x", length=0)
        ax.set_xlim(-0.7, xs[-1] + 0.7)
        ax.set_title(
            _wrap(label, 34) + "\n" + _wrap(_balance(comps), 40),
            fontsize=10.5,
            fontweight="bold",
            loc="center",
        )
        if n % per_row == 0:
            ax.set_ylabel(f"change in {mover}'s payoff (payoff units)")
        else:
            ax.tick_params(axis="y", labelleft=False)
    _pad_ylim(axes[0], 0.12)
    if title is None:
        if len(datas) == 1:  # with several, each panel's title says what drives it
            parts = [f"{_scenario_label(d)}: {_balance(_components(d))}" for d in datas]
            title = f"Where {_the(mover)}'s gain from the move comes from — " + "; ".join(parts)
        else:
            pays = sum(_verdict(d) == "pays off" for d in datas)
            title = (
                f"Where {_the(mover)}'s gain from the move comes from: it pays off in {pays} "
                f"of {len(datas)} scenarios"
            )
    head = _title(fig, title)
    handles = [Patch(color=c, label=n) for n, c in seen.items()]
    handles += [
        Patch(facecolor=VERDICT_COLOURS[v], edgecolor=_INK, label=f"net: {v}")
        for v in VERDICTS
        if any(_verdict(d) == v for d in datas)
    ]
    legend = fig.legend(
        handles=handles,
        loc="upper center",
        ncol=_legend_columns(fig, [h.get_label() for h in handles], 9.5),
        bbox_to_anchor=(0.5, _bottom_of(fig, head) - _inches(fig, 0.05)),
    )
    top = _bottom_of(fig, legend) - _inches(fig, 0.15)
    fig.subplots_adjust(
        left=0.75 / fig.get_figwidth() + 0.03,
        right=0.98,
        top=top,
        bottom=0.75 / fig.get_figheight(),
        hspace=0.75,
        wspace=0.08,
    )
    # room under the top of each panel for its two-line title
    fig.subplots_adjust(top=top - _inches(fig, 0.8))
    return fig


def _balance(parts: Mapping[str, float]) -> str:
    """The net gain and what drives it: ``"−0.65 (costs −3.00 outweigh standing +2.00)"``."""
    net = sum(parts.values())
    gains = sorted(((v, k) for k, v in parts.items() if v > 0), reverse=True)
    losses = sorted((v, k) for k, v in parts.items() if v < 0)
    if net > 0 and gains:
        lead, other = gains[0], losses[0] if losses else None
    elif net < 0 and losses:
        lead, other = losses[0], gains[0] if gains else None
    else:
        return _signed(net)
    top = f"{lead[1]} {_signed(lead[0])}"
    if other is None:
        return f"{_signed(net)} (mostly {top})"
    verb = "outweigh" if lead[1].endswith("s") else "outweighs"
    return f"{_signed(net)} ({top} {verb} {other[1]} {_signed(other[0])})"


def _pad_ylim(ax: Any, fraction: float) -> None:
    lo, hi = ax.get_ylim()
    span = hi - lo
    ax.set_ylim(lo - fraction * span, hi + fraction * span)


# -- payoff comparison ---------------------------------------------------------------------

_BEFORE_COLOUR = "#BBBBBB"
_AFTER_COLOUR = OKABE_ITO["blue"]


@_styled
def payoff_comparison_chart(analyses: Sequence[Any], *, title: str | None = None) -> Figure:
    """Each actor's equilibrium payoff before and after the move, grouped per scenario.

    One panel per scenario; for each actor a grey bar (before) beside a blue bar
    (after), each labelled with its value, and the change written above the pair.
    The mover is named first and in bold.

    Parameters
    ----------
    analyses : sequence of MoveAnalysis or dict
        One per scenario; the payoffs are those of the representative selected
        outcome of each side.
    title : str, optional
        Replaces the generated title (which names who gains most in each scenario).

    Returns
    -------
    matplotlib.figure.Figure
        Bars carry gids ``"before:<scenario>:<actor>"`` and ``"after:<scenario>:<actor>"``.

    Examples
    --------
    >>> fig = payoff_comparison_chart([example_analysis()])
    >>> [float(p.get_height()) for p in fig.axes[0].patches
    ...  if p.get_gid() == "after:Example, 1971:US"]
    [2.2]
    """
    datas = [_as_dict(a) for a in analyses]
    if not datas:
        raise TriangleInputError("nothing to chart: no analyses given")
    fig = _new_figure(max(7.0, 4.6 * len(datas)), 6.0)
    axes = fig.subplots(1, len(datas), sharey=True, squeeze=False)[0]
    fig.subplots_adjust(left=0.09, right=0.98, top=0.72, bottom=0.12, wspace=0.08)
    winners = []
    for ax, d in zip(axes, datas, strict=True):
        label = _scenario_label(d)
        mover = str(d["move"]["player"])
        before = _payoffs(d, "before")
        after = _payoffs(d, "after")
        actors = list(dict.fromkeys([*before, *after]))
        if mover in actors:
            actors.remove(mover)
            actors.insert(0, mover)
        x = np.arange(len(actors), dtype=float)
        w = 0.38
        for offset, values, colour, side in (
            (-w / 2, before, _BEFORE_COLOUR, "before"),
            (w / 2, after, _AFTER_COLOUR, "after"),
        ):
            heights = [values.get(a, np.nan) for a in actors]
            bars = ax.bar(x + offset, heights, width=w, color=colour, edgecolor="white", zorder=2)
            for a, bar, h in zip(actors, bars.patches, heights, strict=True):
                bar.set_gid(f"{side}:{label}:{a}")
                if np.isfinite(h):
                    ax.annotate(
                        _num(h),
                        (bar.get_x() + w / 2, h),
                        xytext=(0, 3 if h >= 0 else -3),
                        textcoords="offset points",
                        ha="center",
                        va="bottom" if h >= 0 else "top",
                        fontsize=9,
                    )
        changes = {a: after.get(a, np.nan) - before.get(a, np.nan) for a in actors}
        for xi, a in zip(x, actors, strict=True):
            change = changes[a]
            if np.isfinite(change):
                ax.text(
                    xi,
                    1.0,
                    f"change {_signed(change)}",
                    transform=ax.get_xaxis_transform(),
                    ha="center",
                    va="bottom",
                    fontsize=9.5,
                    fontweight="bold",
                    color=VERDICT_COLOURS[PAYS_OFF if change > 0 else DOES_NOT_PAY_OFF]
                    if abs(change) > 1e-9
                    else _MUTED,
                )
        ax.axhline(0, color=_INK, linewidth=0.8)
        ax.set_xticks(x, [f"{a}\n(mover)" if a == mover else a for a in actors])
        for tick, a in zip(ax.get_xticklabels(), actors, strict=True):
            if a == mover:
                tick.set_fontweight("bold")
        ax.tick_params(axis="x", length=0)
        ax.set_title(_wrap(label, 45), fontsize=11.5, pad=22)
        finite = {a: c for a, c in changes.items() if np.isfinite(c)}
        if finite:
            best = max(finite, key=lambda a: (finite[a], -actors.index(a)))
            winners.append((label, best, finite[best], mover, finite.get(mover)))
    axes[0].set_ylabel("equilibrium payoff (payoff units)")
    for ax in axes:
        _pad_ylim(ax, 0.06)
    if title is None:
        parts = []
        for label, best, change, mover, own in winners:
            text = f"{label}: {_the(best)} {_signed(change)}"
            if best != mover and own is not None:
                text += f", {_the(mover)} {_signed(own)}"
            parts.append(text)
        title = "Who gains most from the move — " + "; ".join(parts)
    head = _title(fig, title)
    legend = fig.legend(
        handles=[
            Patch(color=_BEFORE_COLOUR, label="before the move"),
            Patch(color=_AFTER_COLOUR, label="after the move"),
        ],
        loc="upper center",
        ncol=2,
        bbox_to_anchor=(0.5, _bottom_of(fig, head) - _inches(fig, 0.05)),
    )
    lines = max(ax.get_title().count("\n") + 1 for ax in axes)
    top = _bottom_of(fig, legend) - _inches(fig, 0.45 + 0.22 * lines)
    fig.subplots_adjust(top=top)
    return fig


def _payoffs(data: Mapping[str, Any], side: str) -> dict[str, float]:
    info = data["move"].get(side) or {}
    payoffs = _first(info.get("payoffs")) or {}
    return {str(k): float(v) for k, v in payoffs.items()}


# -- gain curve ----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Curve:
    """The mover's gain along one parameter, for one scenario.

    Attributes
    ----------
    label : str
        Legend label (the scenario's title, or a year).
    values : ndarray
        Parameter values, increasing.
    gain_min, gain_max : ndarray
        The lowest and highest gain over the selected equilibria at each value.
    thresholds : tuple of float
        Parameter values where the verdict flips.
    marker : (float, float) or None
        The scenario's own parameter value and the mover's gain there.
    """

    label: str
    values: np.ndarray
    gain_min: np.ndarray
    gain_max: np.ndarray
    thresholds: tuple[float, ...] = ()
    marker: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        values = np.asarray(self.values, dtype=float)
        lo = np.asarray(self.gain_min, dtype=float)
        hi = np.asarray(self.gain_max, dtype=float)
        if (
            values.ndim != 1
            or values.size < 2
            or lo.shape != values.shape
            or (hi.shape != values.shape)
        ):
            raise ValueError("values, gain_min and gain_max must be 1-D, of one length ≥ 2")
        order = np.argsort(values, kind="stable")
        object.__setattr__(self, "values", values[order])
        object.__setattr__(self, "gain_min", lo[order])
        object.__setattr__(self, "gain_max", hi[order])
        object.__setattr__(self, "thresholds", tuple(sorted(float(t) for t in self.thresholds)))
        if self.marker is not None:
            object.__setattr__(self, "marker", (float(self.marker[0]), float(self.marker[1])))


CURVE_COLOURS = (
    OKABE_ITO["blue"],
    OKABE_ITO["reddish purple"],
    OKABE_ITO["black"],
    OKABE_ITO["sky blue"],
    OKABE_ITO["orange"],
    "#8C8C8C",
)
"""Curve colours of the gain chart, in order (threshold lines take their curve's colour)."""


def curves_from_scenarios(
    scenarios: Any,
    parameter: str,
    *,
    values: Sequence[float] | None = None,
    points: int = 241,
    selection: str = "plausible",
    labels: Sequence[str] | None = None,
    overrides: Mapping[str, float] | None = None,
) -> list[Curve]:
    """Ask :mod:`triangle.analysis` for each scenario's gain along ``parameter``.

    Parameters
    ----------
    scenarios : Scenario or sequence of Scenario
        Each must have a ``move:`` and the parameter.
    parameter : str
        The parameter to vary.
    values : sequence of float, optional
        Where to evaluate; by default ``points`` evenly spaced values over each
        scenario's declared range of the parameter (or the range
        :func:`triangle.analysis.find_threshold` searches), plus the thresholds and
        the scenario's own value.
    selection : str
        The equilibrium selection (``"plausible"``, ``"optimistic"``, ``"pessimistic"``).
    labels : sequence of str, optional
        Labels of the curves; by default the year each title names (``"1971"``) when
        every title names one, distinct year, else the file names without suffix.
    overrides : mapping, optional
        Values of the other parameters (each scenario takes those it declares).

    Returns
    -------
    list of Curve
        One per scenario, with its thresholds and its own value marked.
    """
    from triangle import analysis

    scenarios = [scenarios] if hasattr(scenarios, "compile") else list(scenarios)
    if labels is not None and len(labels) != len(scenarios):
        raise TriangleInputError(f"{len(labels)} labels for {len(scenarios)} scenarios")
    names = list(labels) if labels is not None else _short_labels(scenarios)
    curves = []
    for n, scenario in enumerate(scenarios):
        own = {k: v for k, v in (overrides or {}).items() if k in scenario.parameters}
        threshold = analysis.find_threshold(scenario, parameter, own, selection=selection)
        flips = _flip_points(threshold)
        current = float(scenario.parameter_values(own)[parameter])
        if values is None:
            lo, hi = _search_range(scenario, parameter, threshold)
            grid = np.linspace(lo, hi, points)
        else:
            grid = np.asarray(values, dtype=float)
            lo, hi = float(grid.min()), float(grid.max())
        # Sample just either side of each flip rather than on it: at the flip itself the
        # game is degenerate (payoff ties) and its extra equilibria would draw a spike.
        eps = 1e-7 * (hi - lo)
        near = [u for t in flips for u in (t - eps, t + eps) if lo <= u <= hi]
        grid = np.unique(np.concatenate([grid, [current], near]))
        gain_min, gain_max, _ = analysis.gain_curve(
            scenario, parameter, grid, selection=selection, overrides=own
        )
        gain_min = np.asarray(gain_min, dtype=float)
        gain_max = np.asarray(gain_max, dtype=float)
        at = int(np.flatnonzero(np.isclose(grid, current, rtol=0, atol=0))[0])
        label = names[n]
        curves.append(
            Curve(
                label,
                grid,
                gain_min,
                gain_max,
                thresholds=tuple(flips),
                marker=(current, float(gain_min[at])),
            )
        )
    return curves


def _flip_points(threshold: Any) -> list[float]:
    """The flip values of a ``Threshold`` (or of its ``to_dict()``)."""
    if hasattr(threshold, "points"):
        return sorted(float(t) for t in threshold.points)
    flips = dict(threshold).get("flips") or []
    return sorted(float(f["value"] if isinstance(f, Mapping) else f) for f in flips)


def _search_range(scenario: Any, parameter: str, threshold: Any) -> tuple[float, float]:
    """The interval the threshold search covered: the declared range or its default."""
    if hasattr(threshold, "lo") and hasattr(threshold, "hi"):
        return float(threshold.lo), float(threshold.hi)
    data = dict(threshold)
    if data.get("range") is not None:
        lo, hi = data["range"]
        return float(lo), float(hi)
    declared = scenario.parameters[parameter].range
    if declared is None:
        raise TriangleInputError(
            f"{scenario.path}: parameter {parameter!r} has no range; give values to chart"
        )
    return float(declared[0]), float(declared[1])


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


@_styled
def _mark_point(
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
) -> None:
    """A dot at ``xy`` (with ``gid``) and its boxed label ``offset`` points away."""
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
        color=text_colour if text_colour is not None else _INK,
        zorder=7,
        arrowprops={"arrowstyle": "-", "color": line, "lw": 0.8},
        bbox={"fc": "white", "ec": line, "lw": 0.6, "alpha": 0.92, "pad": 2.5},
    )


def gain_curve_chart(
    curves: Any,
    parameter: str,
    *,
    markers: Sequence[tuple[str, float, float]] | None = None,
    values: Sequence[float] | None = None,
    selection: str = "plausible",
    overrides: Mapping[str, float] | None = None,
    labels: Sequence[str] | None = None,
    unit: str | None = None,
    mover: str | None = None,
    title: str | None = None,
    note: str | None = None,
) -> Figure:
    """The mover's equilibrium gain as one parameter varies.

    One curve per scenario (scenarios whose curves coincide share one), the band
    between the lowest and highest gain over the selected equilibria shaded where
    they differ, the zero line between "pays off" (tinted green) and "does not pay
    off" (tinted red), a vertical line at every verdict threshold with its value,
    and each scenario placed on its curve at its own parameter value.

    Parameters
    ----------
    curves : Curve, sequence of Curve, Scenario or sequence of Scenario
        Precomputed curves, or scenarios to compute them for with
        :func:`curves_from_scenarios` (using ``values``, ``selection``, ``overrides``
        and ``labels``).
    parameter : str
        The parameter on the x axis.
    markers : sequence of (label, value, gain), optional
        Points to mark; by default each curve's own ``marker``.
    unit, mover : str, optional
        The parameter's unit and whose gain it is, for labels (taken from the
        scenarios when they are given).
    title, note : str, optional
        Replace the generated title; add a line of text under it.

    Returns
    -------
    matplotlib.figure.Figure
        Threshold lines have gid ``"threshold:<label>"`` (x-data = the threshold),
        markers ``"marker:<label>"`` (a scatter whose offset is the point), curves
        ``"curve:<label>"``.

    Examples
    --------
    >>> import numpy as np
    >>> c = Curve("1971", np.linspace(0, 4, 5), np.linspace(-2, 2, 5), np.linspace(-2, 2, 5),
    ...           thresholds=(2.0,), marker=(3.0, 1.0))
    >>> fig = gain_curve_chart(c, "rivalry")
    >>> [[float(x) for x in ln.get_xdata()] for ln in fig.axes[0].lines
    ...  if ln.get_gid() == "threshold:1971"]
    [[2.0, 2.0]]
    """
    if isinstance(curves, Curve):
        curves = [curves]
    elif hasattr(curves, "compile") or (
        isinstance(curves, Sequence) and curves and all(hasattr(c, "compile") for c in curves)
    ):
        scenarios = [curves] if hasattr(curves, "compile") else list(curves)
        first = scenarios[0]
        if parameter not in first.parameters:
            known = ", ".join(first.parameters) or "none"
            raise TriangleInputError(
                f"{first.path}: unknown parameter {parameter!r} (parameters: {known})"
            )
        unit = unit or first.parameters[parameter].unit
        mover = mover or (first.move.player if first.move is not None else None)
        curves = curves_from_scenarios(
            scenarios,
            parameter,
            values=values,
            selection=selection,
            overrides=overrides,
            labels=labels,
        )
    curves = list(curves)
    if not curves or not all(isinstance(c, Curve) for c in curves):
        raise TriangleInputError("nothing to chart: give Curve objects or scenarios")
    if markers is None:
        markers = [(c.label, *c.marker) for c in curves if c.marker is not None]
    x_lo = min(float(c.values[0]) for c in curves)
    x_hi = max(float(c.values[-1]) for c in curves)
    span_x = (x_hi - x_lo) or 1.0
    xlim = (x_lo - 0.02 * span_x, x_hi + 0.02 * span_x)
    gains = np.concatenate(
        [np.r_[c.gain_min, c.gain_max] for c in curves]
        + [np.array([m[2] for m in markers], dtype=float)]
    )
    span_y = float(np.ptp(np.r_[gains, 0.0])) or 1.0
    y_lo = min(float(gains.min()), 0.0) - 0.2 * span_y
    y_hi = max(float(gains.max()), 0.0) + 0.28 * span_y

    groups: list[list[Curve]] = []
    for c in curves:
        for g in groups:
            if _same_curve(g[0], c):
                g.append(c)
                break
        else:
            groups.append([c])
    colours = [CURVE_COLOURS[n % len(CURVE_COLOURS)] for n in range(len(groups))]
    group_labels = [" and ".join(c.label for c in g) for g in groups]
    lines: list[tuple[float, str, str, str]] = []  # value, colour, gid label, text
    for group, colour, label in zip(groups, colours, group_labels, strict=True):
        for t in group[0].thresholds:
            if any(math.isclose(t, u, rel_tol=0, abs_tol=1e-9 * span_x) for u, *_ in lines):
                continue
            named = 1 < len(groups) <= 2
            text = f"threshold {_num(t)}" + (f" ({_clip(label, 28)})" if named else "")
            lines.append((t, colour, label, text))

    fig = _new_figure(9.5, 6.0)
    left, width = 0.1, 0.86
    top = _bottom_of(fig, _title(fig, title or _curve_finding(curves, markers, parameter, mover)))
    if note:
        text = fig.text(
            0.5,
            top - _inches(fig, 0.08),
            _wrap(note, _chars(fig, 10.5, 0.9)),
            ha="center",
            va="top",
            fontsize=10.5,
            color=_MUTED,
            fontstyle="italic",
        )
        top = _bottom_of(fig, text)
    whose = f"{mover} gain" if mover else "gain"
    handles = (
        [
            Line2D([], [], color=colour, linewidth=2.6, label=f"{whose}: {label}")
            for colour, label in zip(colours, group_labels, strict=True)
        ]
        if len(groups) > 1
        else []
    )
    if any(not _flat(g[0], span_y) for g in groups):
        handles.append(
            Patch(
                facecolor="#999999",
                alpha=0.4,
                label="range over the selected equilibria (line: lowest gain)",
            )
        )
    if handles:
        legend = fig.legend(
            handles=handles,
            loc="upper center",
            ncol=_legend_columns(fig, [h.get_label() for h in handles], 9.5),
            bbox_to_anchor=(0.5, top - _inches(fig, 0.02)),
            fontsize=9.5,
        )
        top = _bottom_of(fig, legend)
    placed = _place_labels(fig, left, width, xlim, [(t, text) for t, _, _, text in lines])
    levels = 1 + max((level for _, level in placed), default=-1)
    top -= _inches(fig, 0.15 + 0.2 * levels)
    ax = fig.add_axes((left, 0.11, width, top - 0.11))
    ax.set_xlim(*xlim)
    ax.set_ylim(y_lo, y_hi)
    ax.axhspan(0, y_hi, color=VERDICT_COLOURS[PAYS_OFF], alpha=0.07, zorder=0, linewidth=0)
    ax.axhspan(y_lo, 0, color=VERDICT_COLOURS[DOES_NOT_PAY_OFF], alpha=0.07, zorder=0, linewidth=0)
    ax.axhline(0, color=_INK, linewidth=1.0, zorder=1)
    ax.text(
        0.99,
        0.0,
        "pays off ▲",
        transform=ax.get_yaxis_transform(),
        ha="right",
        va="bottom",
        fontsize=9.5,
        color=VERDICT_COLOURS[PAYS_OFF],
        fontweight="bold",
    )
    ax.text(
        0.99,
        0.0,
        "does not pay off ▼",
        transform=ax.get_yaxis_transform(),
        ha="right",
        va="top",
        fontsize=9.5,
        color=VERDICT_COLOURS[DOES_NOT_PAY_OFF],
        fontweight="bold",
    )

    colour_of: dict[str, str] = {}
    for group, colour, label in zip(groups, colours, group_labels, strict=True):
        curve = group[0]
        for c in group:
            colour_of[c.label] = colour
        xs, ys = _broken(curve.values, curve.gain_min, curve.thresholds, span_y)
        (line,) = ax.plot(xs, ys, color=colour, linewidth=2.6, zorder=3)
        line.set_gid(f"curve:{label}")
        if not _flat(curve, span_y):
            xs, ys = _broken(curve.values, curve.gain_max, curve.thresholds, span_y)
            (upper,) = ax.plot(xs, ys, color=colour, linewidth=1.0, zorder=3)
            upper.set_gid(f"curve-max:{label}")
            band = ax.fill_between(
                curve.values,
                curve.gain_min,
                curve.gain_max,
                color=colour,
                alpha=0.25,
                linewidth=0,
                zorder=2,
            )
            band.set_gid(f"spread:{label}")
    for (t, colour, label, text), (side, level) in zip(lines, placed, strict=True):
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
    brief = len(markers) > 2
    texts = [
        label if brief else f"{label}\n{parameter} = {_num(value)}, gain {_signed(gain)}"
        for label, value, gain in markers
    ]
    offsets = _place_marker_labels(fig, ax, markers, texts, curves)
    for n, ((label, value, gain), text, (dx, dy)) in enumerate(
        zip(markers, texts, offsets, strict=True)
    ):
        colour = colour_of.get(label, CURVE_COLOURS[n % len(CURVE_COLOURS)])
        _mark_point(
            ax,
            (value, gain),
            text,
            (dx, dy),
            colour=colour,
            gid=f"marker:{label}",
            size=110,
            edge=1.8,
            text_colour=colour,
        )
    ax.set_xlabel(parameter + (f" ({unit})" if unit else ""))
    ax.set_ylabel(
        f"{mover + chr(39) + 's' if mover else 'mover' + chr(39) + 's'} "
        "equilibrium gain from the move"
    )
    return fig


def _place_labels(
    fig: Figure,
    left: float,
    width: float,
    xlim: tuple[float, float],
    labels: Sequence[tuple[float, str]],
) -> list[tuple[int, int]]:
    """Side (+1 right of its line, −1 left) and level of each threshold label.

    Greedy: each label, in order of its value, takes the lowest level and the first
    side where it overlaps no label already placed and stays inside the figure.
    """
    points_per_unit = width * fig.get_figwidth() * 72 / (xlim[1] - xlim[0])
    fig_left = -left * fig.get_figwidth() * 72
    fig_right = (1 - left) * fig.get_figwidth() * 72
    taken: dict[int, list[tuple[float, float]]] = {}
    out = {}
    for n in sorted(range(len(labels)), key=lambda k: labels[k][0]):
        t, text = labels[n]
        x = (t - xlim[0]) * points_per_unit
        size = 0.62 * 9.5 * len(text) + 6
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


def _place_marker_labels(
    fig: Figure,
    ax: Any,
    markers: Sequence[tuple[str, float, float]],
    texts: Sequence[str],
    curves: Sequence[Curve] = (),
) -> list[tuple[float, float]]:
    """Offsets (points) of marker labels that avoid each other, the axes edge and curves.

    Greedy, in marker order: each label tries offsets above/below and right/left at
    growing distances and takes the one overlapping no placed label and covering the
    fewest curve samples (a box is estimated from the text's size).
    """
    to_px = fig.dpi / 72
    box = ax.get_window_extent()
    obstacles = np.concatenate(
        [np.empty((0, 2))]
        + [
            ax.transData.transform(np.column_stack([c.values, g]))
            for c in curves
            for g in (c.gain_min, c.gain_max)
        ]
    )
    marks = ax.transData.transform(np.array([[v, g] for _, v, g in markers], dtype=float))
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for text, (mx, my) in zip(texts, marks, strict=True):
        lines = text.split("\n")
        width = (max(len(t) for t in lines) * 0.62 * 10 + 8) * to_px
        height = (len(lines) * 1.35 * 10 + 6) * to_px
        prefer_right = (mx - box.x0) / max(box.width, 1.0) < 0.6
        best, best_score = (12.0, 16.0), math.inf
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


def _legend_columns(fig: Figure, labels: Sequence[str], fontsize: float) -> int:
    """As many legend columns as fit across the figure (labels' widths estimated)."""
    widest = max(len(t) for t in labels) * 0.6 * fontsize + 45
    fit = int(0.95 * fig.get_figwidth() * 72 // widest)
    return max(1, min(len(labels), fit))


def _clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _flat(curve: Curve, span: float) -> bool:
    """Whether the lowest and highest gains agree everywhere (no band to shade)."""
    return bool(np.allclose(curve.gain_min, curve.gain_max, rtol=0, atol=1e-9 * span))


def _short_labels(scenarios: Sequence[Any]) -> list[str]:
    """Distinct short names for curves: the year each title names (``"1971"``), else
    the file names without suffix, else the titles."""
    titles = [str(s.title) for s in scenarios]
    years = [sorted(set(re.findall(r"\b(1[5-9]\d\d|20\d\d)\b", t))) for t in titles]
    if all(len(y) == 1 for y in years) and len({y[0] for y in years}) == len(titles):
        return [y[0] for y in years]
    stems = [Path(str(s.path)).stem for s in scenarios]
    if all(stems) and len(set(stems)) == len(stems):
        return stems
    return titles


def _same_curve(a: Curve, b: Curve) -> bool:
    return (
        a.values.shape == b.values.shape
        and np.allclose(a.values, b.values)
        and np.allclose(a.gain_min, b.gain_min)
        and np.allclose(a.gain_max, b.gain_max)
    )


def _pay_boundary(curve: Curve) -> tuple[float, str] | None:
    """Where the move starts (or stops) paying off along a curve, if it does so once.

    Returns the threshold (the listed flip nearest the switch, else the midpoint of
    the samples around it) and ``"exceeds"`` or ``"falls below"``; ``None`` when the
    move pays off everywhere, nowhere, or over more than one interval.
    """
    span = float(np.ptp(np.r_[curve.gain_min, curve.gain_max])) or 1.0
    pays = curve.gain_min > 1e-9 * span
    switches = np.flatnonzero(pays[1:] != pays[:-1])
    if switches.size != 1:
        return None
    k = int(switches[0])
    lo, hi = curve.values[k], curve.values[k + 1]
    inside = [t for t in curve.thresholds if lo <= t <= hi]
    t = inside[-1 if pays[k + 1] else 0] if inside else (lo + hi) / 2
    return float(t), "exceeds" if pays[k + 1] else "falls below"


def _curve_finding(
    curves: Sequence[Curve],
    markers: Sequence[tuple[str, float, float]],
    parameter: str,
    mover: str | None,
) -> str:
    """State where the move pays off and where each marked scenario stands."""
    who = _the(mover) if mover else "the mover"
    whose = f"for {who} " if mover else ""

    def outcome(gain: float) -> str:
        if gain > 0:
            return f"{who} gains {_num(gain)}"
        if gain < 0:
            return f"{who} loses {_num(-gain)}"
        return f"{who} breaks even"

    bounds = {c.label: _pay_boundary(c) for c in curves}
    directions = {b[1] for b in bounds.values() if b is not None}
    if all(b is not None for b in bounds.values()) and len(directions) == 1:
        direction = directions.pop()
        values = sorted({round(b[0], 9) for b in bounds.values() if b is not None})
        if len(values) == 1:
            where = _num(values[0])
        elif len(bounds) > 2:
            where = f"a threshold between {_num(values[0])} and {_num(values[-1])}"
        else:
            where = (
                "a threshold ("
                + ", ".join(
                    f"{_num(b[0])} for {label}" for label, b in bounds.items() if b is not None
                )
                + ")"
            )
        head = f"The move pays off {whose}only when {parameter} {direction} {where}"
        if len(markers) > 2:
            return head + _summary(markers)
        parts = []
        for label, value, gain in markers:
            bound = bounds.get(label) or (next(iter(bounds.values())) if len(bounds) == 1 else None)
            text = f"{label} is at {_num(value)}"
            if bound is not None:
                gap = value - bound[0]
                text += f", {_num(abs(gap))} {'above' if gap > 0 else 'below'} it"
            parts.append(f"{text}, and {outcome(gain)}")
        return head + (": " + "; ".join(parts) if parts else "")
    thresholds = sorted({round(t, 9) for c in curves for t in c.thresholds})
    if 0 < len(thresholds) <= 4:
        head = f"The verdict {whose}flips at {parameter} = " + ", ".join(
            _num(t) for t in thresholds
        )
    elif thresholds:
        head = f"The verdict {whose}flips at {len(thresholds)} values of {parameter}"
    else:
        head = f"The verdict {whose}does not change over this range of {parameter}"
    if len(markers) > 2:
        return head + _summary(markers)
    placed = "; ".join(
        f"at {_num(value)} ({label}) {outcome(gain)}" for label, value, gain in markers
    )
    return head + (f": {placed}" if placed else "")


def _summary(markers: Sequence[tuple[str, float, float]]) -> str:
    paying = sum(1 for *_, gain in markers if gain > 0)
    return f": the move pays off in {paying} of the {len(markers)} scenarios marked"


# -- verdict map ---------------------------------------------------------------------------

_HATCHES = {
    "unit-veto": "",
    "stable marriage": "//",
    "romantic triangle": "..",
    "ménage à trois": "xx",
    "several": "\\\\",
    "mixed": "++",
}
_VERDICT_ALPHA = 0.8


def _grid(scenario: Any, name: str, resolution: int) -> np.ndarray:
    """Evenly spaced values over a parameter's declared range (or value ± 10·max(1, |value|))."""
    parameter = scenario.parameters[name]
    if parameter.range is not None:
        lo, hi = parameter.range
    else:
        half = 10 * max(1.0, abs(parameter.value))
        lo, hi = parameter.value - half, parameter.value + half
    return np.linspace(float(lo), float(hi), resolution)


@_styled
def verdict_map_chart(
    scenario: Any,
    px: str,
    py: str,
    *,
    xs: Sequence[float] | None = None,
    ys: Sequence[float] | None = None,
    resolution: int = 81,
    points: Sequence[tuple[str, float, float]] | None = None,
    overrides: Mapping[str, float] | None = None,
    selection: str = "plausible",
    result: Any = None,
    title: str | None = None,
) -> Figure:
    """Where in the plane of two parameters the move pays off.

    Each grid cell is coloured by the verdict there (bluish green: pays off;
    vermillion: does not pay off; yellow: depends on equilibrium selection) and
    hatched by the configuration of the triangle after the move, with the borders
    between configurations drawn; the scenario's own point (and any ``points``) is
    marked.

    Parameters
    ----------
    scenario : Scenario
        A scenario with a ``move:`` block.
    px, py : str
        The parameters on the x and y axes.
    xs, ys : sequence of float, optional
        Grid values; by default ``resolution`` values over each declared range.
    points : sequence of (label, x, y), optional
        Further points to mark (e.g. other scenarios); the scenario's own values are
        always marked, labelled with its title.
    overrides : mapping, optional
        Values of the other parameters.
    selection : str
        Equilibrium selection rule.
    result : VerdictMap, optional
        A result of :func:`triangle.analysis.verdict_map` to draw instead of computing one.
    title : str, optional
        Replaces the generated title.

    Returns
    -------
    matplotlib.figure.Figure
        The verdict grid is a ``QuadMesh`` with gid ``"verdicts"`` whose array holds
        the verdict codes (:data:`triangle.analysis.VERDICT_CODES`) and whose colour
        map turns them into :data:`VERDICT_COLOURS`; points have gid ``"point:<label>"``.
    """
    for name in (px, py):
        if name not in scenario.parameters:
            known = ", ".join(scenario.parameters) or "none"
            raise TriangleInputError(
                f"{scenario.path}: unknown parameter {name!r} (parameters: {known})"
            )
    if result is None:
        from triangle.sweep import verdict_map

        xs = _grid(scenario, px, resolution) if xs is None else np.asarray(xs, dtype=float)
        ys = _grid(scenario, py, resolution) if ys is None else np.asarray(ys, dtype=float)
        result = verdict_map(scenario, px, xs, py, ys, selection=selection, overrides=overrides)
    values = scenario.parameter_values(overrides)
    own = (str(scenario.title), float(values[px]), float(values[py]))
    points = list(points or [])
    if not any(label == own[0] for label, *_ in points):
        points.insert(0, own)
    mover = scenario.move.player if scenario.move is not None else None
    units = {n: scenario.parameters[n].unit for n in (px, py)}
    verdicts = _verdicts_at(scenario, px, py, points, overrides, selection)
    return _verdict_map_figure(result, points, verdicts, title=title, mover=mover, units=units)


def _verdicts_at(
    scenario: Any,
    px: str,
    py: str,
    points: Sequence[tuple[str, float, float]],
    overrides: Mapping[str, float] | None,
    selection: str,
) -> list[str | None]:
    """The verdict of the scenario's move at each point (``None`` outside its ranges)."""
    from triangle.sweep import sweep_move

    out: list[str | None] = []
    for _, x, y in points:
        try:
            found = sweep_move(scenario, [{px: x, py: y}], overrides=overrides)
        except TriangleInputError:
            out.append(None)
            continue
        out.append(found.verdicts(selection)[0])
    return out


def _verdict_map_figure(
    result: Any,
    points: Sequence[tuple[str, float, float]],
    verdicts: Sequence[str | None],
    *,
    title: str | None,
    mover: str | None,
    units: Mapping[str, str | None],
) -> Figure:
    from triangle.sweep import VERDICT_CODES

    xs = np.asarray(result.xs, dtype=float)
    ys = np.asarray(result.ys, dtype=float)
    codes = np.asarray(result.codes, dtype=int)
    if codes.shape != (ys.size, xs.size):
        raise ValueError(f"codes have shape {codes.shape}, expected {(ys.size, xs.size)}")
    order = sorted(VERDICT_CODES.items(), key=lambda kv: kv[1])
    cmap = ListedColormap([VERDICT_COLOURS[name] for name, _ in order])
    norm = BoundaryNorm([code - 0.5 for _, code in order] + [order[-1][1] + 0.5], len(order))
    fig = _new_figure(10.5, 7.0)
    mover_text = f" for {_the(mover)}" if mover else ""
    present = [name for name, code in order if (codes == code).any()]
    if title is None:
        title = _map_finding(result, codes, points, verdicts, mover_text)
    top = _bottom_of(fig, _title(fig, title)) - _inches(fig, 0.25)
    ax = fig.add_axes((0.085, 0.1, 0.58, top - 0.1))
    xe, ye = _edges(xs), _edges(ys)
    mesh = ax.pcolormesh(
        xe,
        ye,
        codes,
        cmap=cmap,
        norm=norm,
        alpha=_VERDICT_ALPHA,
        shading="flat",
        zorder=1,
        linewidth=0,
        antialiased=False,
    )
    mesh.set_gid("verdicts")
    config_handles = []
    configurations = np.asarray(result.configurations, dtype=object)
    names = [c for c in dict.fromkeys(configurations.ravel().tolist()) if c]
    ordered = [c for c in _HATCHES if c in names] + sorted(c for c in names if c not in _HATCHES)
    spare = iter(["--", "||", "oo", "**"])
    for name in ordered:
        hatch = _HATCHES.get(name) if name in _HATCHES else next(spare, "")
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
        config_handles.append(
            Patch(facecolor="white", edgecolor="#444444", hatch=hatch * 2, label=name)
        )
    if len(ordered) > 1:
        _region_borders(ax, xe, ye, configurations)
    ax.set_xlim(xe[0], xe[-1])
    ax.set_ylim(ye[0], ye[-1])
    texts = [_wrap(label, 28) for label, *_ in points]
    offsets = _place_marker_labels(fig, ax, points, texts)
    for (label, x, y), text, offset in zip(points, texts, offsets, strict=True):
        _mark_point(
            ax,
            (x, y),
            text,
            offset,
            colour=OKABE_ITO["black"],
            gid=f"point:{label}",
            size=120,
            edge=2.0,
            line_colour=_INK,
        )
    ax.set_xlim(xe[0], xe[-1])
    ax.set_ylim(ye[0], ye[-1])
    ax.spines[["top", "right"]].set_visible(True)
    ax.set_xlabel(result.px + (f" ({units.get(result.px)})" if units.get(result.px) else ""))
    ax.set_ylabel(result.py + (f" ({units.get(result.py)})" if units.get(result.py) else ""))
    verdict_handles = [
        Patch(facecolor=VERDICT_COLOURS[v], alpha=_VERDICT_ALPHA, label=_wrap(v, 22))
        for v in present
    ]
    first = fig.legend(
        handles=verdict_handles,
        title=f"verdict{mover_text}",
        loc="upper left",
        bbox_to_anchor=(0.69, top),
        alignment="left",
        title_fontsize=10.5,
    )
    if config_handles:
        fig.legend(
            handles=config_handles,
            title="triangle after the move",
            loc="upper left",
            bbox_to_anchor=(0.69, _bottom_of(fig, first) - _inches(fig, 0.2)),
            alignment="left",
            title_fontsize=10.5,
            handleheight=1.6,
            handlelength=2.4,
        )
    notes = list(getattr(result, "notes", ()) or ())
    if notes:
        fig.text(
            0.69,
            0.1,
            _wrap("; ".join(notes), 45),
            ha="left",
            va="bottom",
            fontsize=8.5,
            color=_MUTED,
        )
    return fig


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
        from matplotlib.collections import LineCollection

        lines = LineCollection(segments, colors=_INK, linewidths=1.1, zorder=3)
        lines.set_gid("configuration-borders")
        ax.add_collection(lines)


def _map_finding(
    result: Any,
    codes: np.ndarray,
    points: Sequence[tuple[str, float, float]],
    verdicts: Sequence[str | None],
    mover_text: str,
) -> str:
    """The share of the plane where the move pays off, and the verdict at each point
    (the scenario's own first, then the others' values in this scenario's game)."""
    from triangle.sweep import VERDICT_CODES

    share = (codes == VERDICT_CODES[PAYS_OFF]).mean()
    head = (
        f"The move pays off{mover_text} in {round(100 * share)}% of this {result.px}–"
        f"{result.py} plane"
    )
    would = {
        PAYS_OFF: "would pay off",
        DOES_NOT_PAY_OFF: "would not pay off",
        DEPENDS: "would depend on equilibrium selection",
    }
    placed = []
    for n, ((label, *_), verdict) in enumerate(zip(points, verdicts, strict=True)):
        if verdict is None:
            continue
        if n == 0:
            placed.append(f"{label} lies where it {verdict}")
        else:
            placed.append(f"with the values of {label} it {would.get(verdict, verdict)}")
    return head + (": " + "; ".join(placed) if placed else "")


def _edges(centres: np.ndarray) -> np.ndarray:
    """Cell edges around grid centres (midpoints, the ends extended by half a step)."""
    if centres.size == 1:
        return np.array([centres[0] - 0.5, centres[0] + 0.5])
    mid = (centres[1:] + centres[:-1]) / 2
    return np.concatenate(
        [[centres[0] - (mid[0] - centres[0])], mid, [centres[-1] + (centres[-1] - mid[-1])]]
    )


# -- the comparison chart -------------------------------------------------------------------

_ROW_HEADING = 0.5
_ROW_PANELS = 3.1
_ROW_CAPTION = 0.55
_ROW_TEXT = 0.75
_ROW_GAP = 0.3
_ROW = _ROW_HEADING + _ROW_PANELS + _ROW_CAPTION + _ROW_TEXT + _ROW_GAP


@_styled
def comparison_chart(analyses: Sequence[Any], *, title: str | None = None) -> Figure:
    """The one chart that compares scenarios: triangles, gain decomposition, verdict.

    One row per scenario, each readable on its own: a heading with the scenario and
    its verdict (in the verdict's colour) and the mover's gain; the triangle before
    and after the move; the gain split by payoff component as a waterfall ending in
    the net gain; and under them the reason the analysis gives, and — when the
    analysis computed thresholds (``analyze_move(..., thresholds=("rivalry",))``) —
    how far the scenario's parameter is from the value where the verdict flips.

    Parameters
    ----------
    analyses : sequence of MoveAnalysis or dict
        One per scenario, e.g. from :func:`triangle.analysis.compare`.
    title : str, optional
        Replaces the generated title (which states each verdict and gain).

    Returns
    -------
    matplotlib.figure.Figure
        Per scenario ``<label>``, the verdict text has gid ``"verdict:<label>"``, the
        threshold text ``"threshold:<label>"``, ties ``"<label>:after:tie:A–B"``,
        waterfall bars ``"component:<label>:<name>"`` and ``"net:<label>"``.

    Examples
    --------
    >>> fig = comparison_chart([example_analysis()])
    >>> [t.get_text() for t in fig.texts if t.get_gid() == "verdict:Example, 1971"]
    ['Pays off: gain +3.20']
    """
    datas = [_as_dict(a) for a in analyses]
    if not datas:
        raise TriangleInputError("nothing to chart: no analyses given")
    fig = _new_figure(15.0, 1.6 + _ROW * len(datas))
    head = _title(fig, title or _comparison_finding(datas), size=15)
    mover = datas[0]["move"].get("player")
    legend = _tie_legend(fig, mover, _bottom_of(fig, head) - _inches(fig, 0.06), loc="upper center")
    top = _bottom_of(fig, legend) - _inches(fig, 0.15)
    waterfalls = []
    for d in datas:
        top, ax = _comparison_row(fig, d, top)
        waterfalls.append(ax)
    # One scale for every scenario's waterfall, so that gains compare at a glance.
    lo = min(ax.get_ylim()[0] for ax in waterfalls)
    hi = max(ax.get_ylim()[1] for ax in waterfalls)
    for ax in waterfalls:
        ax.set_ylim(lo, hi)
    return fig


def _comparison_row(fig: Figure, data: Mapping[str, Any], top: float) -> tuple[float, Any]:
    """Draw one scenario's row below ``top`` (figure fraction).

    Returns the row's bottom and the axes of its waterfall.
    """
    label = _scenario_label(data)
    move = data["move"]
    mover = move.get("player")
    rule = fig.add_artist(Line2D([0.01, 0.99], [top, top], color="#BBBBBB", linewidth=1.2))
    rule.set_gid(f"rule:{label}")
    y_head = top - _inches(fig, 0.1)
    fig.text(0.012, y_head, label, ha="left", va="top", fontsize=14, fontweight="bold")
    verdict = _verdict(data)
    v = fig.text(
        0.985,
        y_head,
        _verdict_line(data),
        ha="right",
        va="top",
        fontsize=13,
        fontweight="bold",
        color=_INK if verdict == DEPENDS else "white",
        bbox={"boxstyle": "round,pad=0.35", "fc": VERDICT_COLOURS.get(verdict, _INK), "ec": "none"},
    )
    v.set_gid(f"verdict:{label}")
    panel_top = top - _inches(fig, _ROW_HEADING + 0.05)
    panel_h = _inches(fig, _ROW_PANELS)
    y0 = panel_top - panel_h
    ax_b = fig.add_axes((0.01, y0, 0.26, panel_h))
    ax_m = fig.add_axes((0.27, y0, 0.1, panel_h))
    ax_a = fig.add_axes((0.37, y0, 0.26, panel_h))
    ax_w = fig.add_axes((0.70, y0 + _inches(fig, 0.1), 0.285, panel_h - _inches(fig, 0.45)))
    _panel(ax_b, data, "before", "Before", f"{label}:before:")
    _arrow_panel(ax_m, move)
    _panel(ax_a, data, "after", "After", f"{label}:after:")
    comps = _components(data)
    xs = _waterfall(ax_w, data, 0.0, label_prefix=label)
    ax_w.axhline(0, color=_INK, linewidth=0.9)
    ax_w.set_xticks(xs, [_wrap(t, 9) for t in [*comps, "net gain"]], fontsize=9.5)
    ax_w.tick_params(axis="x", length=0)
    ax_w.set_xlim(-0.6, xs[-1] + 0.6)
    ax_w.set_ylabel(f"change in {mover}'s payoff", fontsize=10)
    ax_w.set_title(f"Where {_the(str(mover))}'s gain comes from", fontsize=11.5)
    _pad_ylim(ax_w, 0.2)
    y_text = y0 - _inches(fig, _ROW_CAPTION)
    reason = move.get("reason")
    width = _chars(fig, 10.5, 0.97) + 20
    if reason:
        text = fig.text(
            0.012,
            y_text,
            _wrap(f"Why: {_sentence(str(reason))}", width),
            ha="left",
            va="top",
            fontsize=10.5,
            color=_INK,
        )
        text.set_gid(f"reason:{label}")
        y_text = _bottom_of(fig, text) - _inches(fig, 0.06)
    sentences = _threshold_sentences(data)
    if sentences:
        text = fig.text(
            0.012,
            y_text,
            _wrap("How far from flipping: " + " ".join(_sentence(s) for s in sentences), width),
            ha="left",
            va="top",
            fontsize=10.5,
            fontweight="bold",
            color=_INK,
        )
        text.set_gid(f"threshold:{label}")
    return top - _inches(fig, _ROW), ax_w


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _verdict_line(data: Mapping[str, Any]) -> str:
    verdict = _verdict(data)
    lo, hi = _gain(data)
    return f"{verdict[0].upper()}{verdict[1:]}: gain {_gain_text(lo, hi)}"


def _gain_text(lo: float, hi: float) -> str:
    if math.isclose(lo, hi, rel_tol=1e-9, abs_tol=1e-9):
        return _signed(lo)
    return f"{_signed(lo)} … {_signed(hi)}"


def _threshold_sentences(data: Mapping[str, Any]) -> list[str]:
    out = []
    for t in data.get("thresholds") or []:
        text = t.get("sentence") or t.get("explanation")
        if text:
            out.append(str(text))
    return out


def _comparison_finding(datas: Sequence[Mapping[str, Any]]) -> str:
    parts = []
    for n, d in enumerate(datas):
        lo, hi = _gain(d)
        verdict = _verdict(d)
        player = _the(str(d["move"]["player"]))
        what = {PAYS_OFF: "pays off", DOES_NOT_PAY_OFF: "does not pay off"}.get(
            verdict, "may or may not pay off"
        )
        phrase = _move_phrase(d["move"])
        if n:
            phrase = phrase[0].lower() + phrase[1:]
        parts.append(f"{phrase} {what} for {player} ({_scenario_label(d)}: {_gain_text(lo, hi)})")
    return "; ".join(parts)


# -- example data ---------------------------------------------------------------------------


def example_analysis() -> dict[str, Any]:
    """A small hand-written analysis, shaped like ``MoveAnalysis.to_dict()``, for examples.

    The numbers are illustrative, not the output of a shipped scenario.
    """
    return {
        "scenario": "Example, 1971",
        "path": "<example>",
        "parameters": {"rivalry": 3.0},
        "move": {
            "player": "US",
            "from": "cold",
            "to": "warm:China+USSR",
            "target": "China",
            "partner": "USSR",
            "verdict": PAYS_OFF,
            "reason": "the US becomes the pivot; US gain +3.20 (standing +4.0, costs −0.8)",
            "gain": {"min": 3.2, "max": 3.2},
            "selection": "plausible",
            "before": {
                "configuration": "unit-veto",
                "roles": {"US": "foe", "China": "foe", "USSR": "foe"},
                "scores": {"US": -1, "China": -1, "USSR": -1},
                "ties": {"US–China": -1, "US–USSR": -1, "China–USSR": -1},
                "payoffs": {"US": -1.0, "China": -1.0, "USSR": -1.0},
            },
            "after": {
                "configuration": "romantic triangle",
                "roles": {"US": "pivot", "China": "wing", "USSR": "wing"},
                "scores": {"US": 3, "China": -1, "USSR": -1},
                "ties": {"US–China": 1, "US–USSR": 1, "China–USSR": -1},
                "payoffs": {"US": 2.2, "China": 0.5, "USSR": 0.1},
            },
            "decomposition": {"standing": 4.0, "costs": -0.8},
        },
        "thresholds": [],
    }
