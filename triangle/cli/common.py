"""What every verb of the command line shares: exit statuses, error handling, options.

Bad input (a scenario error, an unknown parameter, a bad option value) becomes
:class:`BadInput`: exit status 2 and one line on stderr. Options are validated where
they are parsed (click parameter types), and heavy libraries are imported inside the
verbs that need them, so that ``triangle --help`` starts fast.
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import os
from collections.abc import Callable
from typing import Any

import click

from triangle.equilibria.methods import DEFAULT_TIMEOUT
from triangle.errors import ScenarioError, TriangleInputError, excerpt
from triangle.numbers import plain

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2

CHART_SUFFIXES = (".png", ".svg", ".pdf")


class BadInput(click.ClickException):
    """A user error: exit status 2, one line on stderr.

    Every error line of the command line starts with where the problem is, then says
    what is wrong. A problem in a file is located in it, ``file:line: what is wrong``,
    as compilers and linters write it: editors jump to such lines, and ``triangle
    validate``, which lists the problems of many files, gives one per line with nothing
    repeated in front. Any other problem (an option, a combination of options) is
    located by the command, ``triangle sweep: what is wrong``, as click's own usage
    errors are.
    """

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, *, located: bool = False) -> None:
        super().__init__(message)
        ctx = click.get_current_context(silent=True)
        self.located = located
        self.command = ctx.command_path if ctx is not None else "triangle"

    def show(self, file=None) -> None:
        message = self.format_message()
        click.echo(message if self.located else f"{self.command}: {message}", err=True)


def bad_input_is_exit_2(fn: Callable) -> Callable:
    """Turn the library's input errors into :class:`BadInput` (located in their file
    when they have one)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except TriangleInputError as err:
            located = isinstance(err, ScenarioError) and err.path is not None
            raise BadInput(str(err), located=located) from None

    return wrapper


def emit_json(data: Any) -> None:
    """Print one JSON document on stdout (no NaN: JSON has none)."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))


class Number(click.ParamType):
    """A finite number, within ``[lo, hi]`` when given: checked where it is parsed, so
    that ``inf``, ``nan`` and ``1e999`` are refused with the option's name.

    Examples
    --------
    >>> Number(0.1, 86400).convert("5", None, None)
    5.0
    >>> Number().convert("nan", None, None)
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: 'nan' is not a finite number
    """

    name = "number"

    def __init__(self, lo: float | None = None, hi: float | None = None) -> None:
        self.lo, self.hi = lo, hi

    def convert(self, value: Any, param: Any, ctx: Any) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{excerpt(value)} is not a number", param, ctx)
        if not math.isfinite(number):
            self.fail(f"{excerpt(value)} is not a finite number", param, ctx)
        too_low = self.lo is not None and number < self.lo
        if too_low or (self.hi is not None and number > self.hi):
            lo = "" if self.lo is None else plain(self.lo)
            hi = "" if self.hi is None else plain(self.hi)
            self.fail(f"{plain(number)} is outside [{lo}, {hi}]", param, ctx)
        return number


class Seed(click.ParamType):
    """A seed of random draws: a non-negative integer (what numpy's seed sequences
    take), checked where it is parsed.

    >>> Seed().convert("7", None, None)
    7
    >>> Seed().convert("-1", None, None)
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: -1 is not a non-negative integer
    """

    name = "seed"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        text = str(value).strip()
        if not text.isdigit() or not text.isascii():
            self.fail(f"{excerpt(value, quote=False)} is not a non-negative integer", param, ctx)
        return int(text)


class Override(click.ParamType):
    """A ``NAME=VALUE`` parameter override, its value a finite number (checked where it
    is parsed; the scenario checks the name and the range)."""

    name = "NAME=VALUE"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from triangle.scenario import parse_override

        try:
            parse_override(value)
        except TriangleInputError as err:
            self.fail(str(err), param, ctx)
        return str(value)


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people; json for scripts (one JSON document on stdout).",
)
param_option = click.option(
    "--param",
    "params",
    multiple=True,
    type=Override(),
    metavar="NAME=VALUE",
    help="Override a scenario parameter (repeatable), e.g. --param rivalry=2.",
)
threshold_option = click.option(
    "--threshold",
    "thresholds",
    multiple=True,
    metavar="NAME",
    help=(
        "Find the value of parameter NAME at which the verdict flips (repeatable). "
        "Default: the parameters the scenario's move names under thresholds:."
    ),
)


def _remember_base_root(ctx: click.Context, param: Any, value: str | None) -> None:
    ctx.meta["base_root"] = value


base_root_option = click.option(
    "--base-root",
    type=click.Path(file_okay=False, exists=True),
    default=None,
    expose_value=False,
    callback=_remember_base_root,
    metavar="DIR",
    help=(
        "Let base: name scenario files anywhere under DIR [default: only in the folder "
        "tree of the file that names them]."
    ),
)


def base_root() -> str | None:
    """The ``--base-root`` of the command being run (``None`` when not given)."""
    ctx = click.get_current_context(silent=True)
    return None if ctx is None else ctx.meta.get("base_root")


class Seconds(click.FloatRange):
    """A number of seconds in ``[0.1, 3600]``; ``nan`` (which every comparison lets
    through) is refused too."""

    name = "seconds"

    def __init__(self) -> None:
        super().__init__(min=0.1, max=3600)

    def convert(self, value: Any, param: Any, ctx: Any) -> float:
        seconds = super().convert(value, param, ctx)
        if seconds != seconds:
            self.fail(f"{value!r} is not a number of seconds.", param, ctx)
        return seconds


timeout_option = click.option(
    "--timeout",
    type=Seconds(),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help=(
        "Time budget of each solve: the mixed-equilibrium search of a game, or all the "
        "followers' games of a move together. When it is spent the answer says what was "
        "searched and what was not; raise it to search further (at most 3600)."
    ),
)
scenario_argument = click.argument("scenario", type=click.Path(dir_okay=False))
scenarios_argument = click.argument(
    "scenarios", nargs=-1, required=True, type=click.Path(dir_okay=False)
)


def load(path: str, params: tuple[str, ...]):
    """Load a scenario and parse ``--param`` overrides (checked against it).

    Returns ``(scenario, overrides, values)``: the overrides given and every
    parameter's value with them applied.
    """
    from triangle.scenario import load_scenario, parse_overrides

    scenario = load_scenario(path, base_root=base_root())
    overrides = parse_overrides(params)
    values = scenario.parameter_values(overrides)
    return scenario, overrides, values


def load_all(paths: tuple[str, ...], option: str | None = None, names: tuple[str, ...] = ()):
    """Load scenarios and check that each declares every parameter in ``names``
    (named by ``option`` in the message, e.g. ``--threshold``)."""
    from triangle.scenario import load_scenario

    scenarios = [load_scenario(p, base_root=base_root()) for p in paths]
    for sc in scenarios:
        for name in names:
            sc.check_parameter(name, f"{option} {name}" if option else None)
    return scenarios


@contextlib.contextmanager
def glyphs_reported():
    """Draw charts inside this block: the characters no installed font has are named
    in one warning line of our own at its end, in place of matplotlib's warning per
    character (which quotes a path inside matplotlib)."""
    from triangle.plots.style import FONT_FALLBACKS, missing_glyphs

    with missing_glyphs() as missing:
        yield
    if missing:
        shown = " ".join(sorted(missing)[:8]) + (" …" if len(missing) > 8 else "")
        ctx = click.get_current_context(silent=True)
        command = ctx.command_path if ctx is not None else "triangle"
        click.echo(
            f"{command}: warning: no installed font has {len(missing)} of the characters "
            f"used ({shown}); they are drawn as boxes. Install one of "
            f"{', '.join(FONT_FALLBACKS[1:4])} to draw them",
            err=True,
        )


def check_out(out: str, force: bool) -> None:
    """Refuse early (before any computation) a chart path that
    :func:`triangle.plots.save_figure` would refuse."""
    suffix = os.path.splitext(out)[1].lower()
    if suffix not in CHART_SUFFIXES:
        raise BadInput(f"{out}: the chart format comes from the suffix: .png, .svg or .pdf")
    if os.path.exists(out) and not force:
        raise BadInput(f"{out} exists; use --force to overwrite")
    folder = os.path.dirname(out) or "."
    if not os.path.isdir(folder):
        raise BadInput(f"{out}: folder {folder} does not exist")
