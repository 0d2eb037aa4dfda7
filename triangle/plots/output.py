"""Writing a chart to a file: atomically, in the format its suffix names, byte for byte
the same for the same figure.

:func:`save_figure` renders into a temporary file beside the target and then moves it
into place in one step (:func:`triangle.atomic.write_atomically`), so a reader never
sees a half-written chart and a failure leaves no file behind. Metadata that would
change from run to run (dates, library versions) is fixed, so the same figure gives the
same bytes. An existing file is replaced only when asked (``force=True``, the command
line's ``--force``).

Examples
--------
>>> import tempfile, pathlib
>>> from triangle.plots.style import new_figure
>>> fig = new_figure(2, 1.5)
>>> _ = fig.add_subplot().plot([0, 1], [1, 0])
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> a = save_figure(fig, folder / "a.svg").read_bytes()
>>> a == save_figure(fig, folder / "b.svg").read_bytes()
True
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from triangle.atomic import write_atomically
from triangle.errors import TriangleInputError
from triangle.plots.style import use_style

__all__ = ["FORMATS", "PNG_DPI", "save_figure"]

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
"""File suffixes :func:`save_figure` writes, and the matplotlib format of each."""

PNG_DPI = 150
"""Resolution of PNG files."""

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
    >>> from triangle.analysis import analyze_move
    >>> from triangle.plots import triangle_figure
    >>> from triangle.scenario import load_scenario
    >>> fig = triangle_figure(analyze_move(load_scenario("scenarios/kissinger_1971.yaml")))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "triangle.png"
    >>> save_figure(fig, out).read_bytes()[:4]
    b'\\x89PNG'
    >>> save_figure(fig, out)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    triangle.errors.TriangleInputError: ....png exists; use --force to overwrite
    >>> from triangle.errors import TriangleInputError
    >>> try:
    ...     save_figure(fig, out.with_suffix(".jpg"))
    ... except TriangleInputError as error:
    ...     print(str(error).split(": ", 1)[1])
    cannot write a chart with suffix '.jpg'; use one of .png, .svg, .pdf
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        allowed = ", ".join(FORMATS)
        what = f"suffix {path.suffix!r}" if path.suffix else "no suffix"
        raise TriangleInputError(f"{path}: cannot write a chart with {what}; use one of {allowed}")

    def render(handle) -> None:
        kwargs: dict[str, Any] = {"format": fmt, "metadata": _METADATA[fmt]}
        if fmt == "png":
            kwargs["dpi"] = PNG_DPI
        with use_style():
            fig.savefig(handle, **kwargs)

    return write_atomically(path, render, force=force)
