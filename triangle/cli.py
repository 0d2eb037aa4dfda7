"""The ``triangle`` command line: a thin layer over the library.

Each verb parses its options, calls the library and prints. Bad input (a scenario
error, an unknown parameter, a bad option value) exits with status 2 and one line
on stderr, ``file:line: what is wrong``; any other failure exits with status 1.
Heavy libraries (nashpy, pygambit, matplotlib) are imported inside the verbs that
need them, so ``triangle --help`` starts fast.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from triangle import __version__
from triangle.errors import TriangleInputError

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2

SOLVERS = (
    "auto",
    "pure",
    "support_enumeration",
    "vertex_enumeration",
    "lemke_howson",
    "enumpoly",
    "gnm",
    "logit",
    "all",
)
NASHPY_METHODS = ("support_enumeration", "vertex_enumeration", "lemke_howson")


class BadInput(click.ClickException):
    """A user error: exit status 2, one line on stderr."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file=None) -> None:
        click.echo(f"triangle: {self.format_message()}", err=True)


def bad_input_is_exit_2(fn: Callable) -> Callable:
    """Turn the library's input errors into :class:`BadInput`."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except TriangleInputError as err:
            raise BadInput(str(err)) from None

    return wrapper


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))


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
    metavar="NAME=VALUE",
    help="Override a scenario parameter (repeatable), e.g. --param rivalry=2.",
)


def load(path: str, params: tuple[str, ...]):
    """Load a scenario and parse ``--param`` overrides (checked against it)."""
    from triangle.scenario import load_scenario, parse_overrides

    scenario = load_scenario(path)
    overrides = parse_overrides(params)
    values = scenario.parameter_values(overrides)
    return scenario, overrides, values


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="triangle")
def cli() -> None:
    """Strategic-triangle game theory for three-actor scenarios.

    Write a scenario (actors, options, payoffs) as a YAML file, then:

    \b
      triangle solve scenarios/kissinger_1971.yaml      equilibria, roles, leader commitment
      triangle analyze scenarios/reverse_kissinger_2025.yaml --threshold rivalry
      triangle compare scenarios/kissinger_1971.yaml scenarios/reverse_kissinger_2025.yaml
      triangle plot scenarios/*.yaml --kind gain-curve --parameter rivalry --out gain.png
      triangle sweep scenarios/reverse_kissinger_2025.yaml --parameter rivalry --format csv
      triangle validate scenarios/*.yaml                 check files, exit 2 on errors

    Exit status: 0 success, 2 bad input (file:line: message on stderr), 1 other failures.
    """


@cli.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@format_option
@param_option
@click.option(
    "--solver",
    type=click.Choice(SOLVERS),
    default="auto",
    show_default=True,
    help=(
        "auto: nashpy support enumeration cross-checked with vertex enumeration and Gambit "
        "(2 players), Gambit enumpoly+gnm+logit under a time limit (3+ players). pure: pure "
        "equilibria only. Or one method by name."
    ),
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=5.0,
    show_default=True,
    help=(
        "Seconds the Gambit methods may run (side by side, 3+ players). On degenerate "
        "games enumpoly rarely finishes; raise this to give it longer."
    ),
)
@click.option(
    "--show-game", is_flag=True, help="Also print the compiled payoff table (table format)."
)
@bad_input_is_exit_2
def solve(
    scenario: str, fmt: str, params: tuple[str, ...], solver: str, timeout: float, show_game: bool
) -> None:
    """Nash equilibria of a scenario, verified, with triangle roles and leader commitment.

    Prints the players and strategies, every equilibrium found (pure and mixed) with
    each player's payoff and its max regret (the largest gain from a unilateral
    deviation: every listed profile is checked), the strategic-triangle configuration
    and roles at each pure equilibrium, and, when the scenario has a move, what the
    mover gets from each commitment.

    Equilibria that use a weakly dominated strategy are marked: the rest are the
    plausible ones (everyone staying cold is usually an equilibrium, but nobody would
    choose it).

    \b
    Examples:
      triangle solve scenarios/kissinger_1971.yaml
      triangle solve scenarios/reverse_kissinger_2025.yaml --param rivalry=6
      triangle solve scenarios/kissinger_1971.yaml --format json > out.json
    """
    from triangle.equilibria import leader_commitment, solve_methods
    from triangle.equilibria import solve as solve_game
    from triangle.report import format_solve, solve_report

    sc, overrides, values = load(scenario, params)
    game = sc.compile(overrides)
    if solver not in solve_methods(game.n_players):
        raise BadInput(
            f"--solver {solver} does not apply to a {game.n_players}-player game; "
            f"choose from {', '.join(solve_methods(game.n_players))}"
        )
    result = solve_game(game, method=solver, timeout=timeout)
    commitment = None
    if sc.move is not None:
        follower_method = solver if solver in NASHPY_METHODS else "support_enumeration"
        commitment = leader_commitment(
            game, sc.move.player, method=follower_method, timeout=timeout
        )
    report = solve_report(sc, game, result, commitment, values)
    if fmt == "json":
        emit_json(report)
    else:
        click.echo(format_solve(report, show_game=show_game))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--strict",
    is_flag=True,
    help="Also fail on numbers that do not say where they come from (source:).",
)
def validate(files: tuple[str, ...], strict: bool) -> None:
    """Check scenario files: print "OK file" or the errors; exit 0 if all are valid, else 2.

    A file is valid when it loads (format, names, payoffs, expressions) and compiles
    at its parameter values. With --strict, every number must also carry a source.

    \b
    Example:
      triangle validate scenarios/*.yaml --strict
    """
    from triangle.errors import ScenarioError
    from triangle.scenario import load_scenario

    failed = False
    for path in files:
        try:
            sc = load_scenario(path)
            sc.compile()
            problems = [ScenarioError(why, path=path, line=line) for line, why in sc.unsourced()]
        except TriangleInputError as err:
            click.echo(str(err) if str(err).startswith(path) else f"{path}: {err}", err=True)
            failed = True
            continue
        if strict and problems:
            for p in problems:
                click.echo(str(p), err=True)
            failed = True
            continue
        click.echo(f"OK {path}")
    if failed:
        sys.exit(EXIT_BAD_INPUT)


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


def analyses_for(
    paths: tuple[str, ...], params: tuple[str, ...], thresholds: tuple[str, ...]
) -> list:
    """Analyse the move of each scenario (:func:`triangle.analysis.compare`); without
    ``--threshold``, each scenario's own default thresholds."""
    from triangle.analysis import compare
    from triangle.scenario import load_scenario, parse_overrides

    scenarios = [load_scenario(p) for p in paths]
    for sc in scenarios:
        missing = [n for n in thresholds if n not in sc.parameters]
        if missing:
            raise BadInput(
                f"--threshold {missing[0]}: {sc.path} has no such parameter; "
                f"parameters: {', '.join(sc.parameters) or 'none'}"
            )
    overrides = parse_overrides(params)
    return list(compare(scenarios, overrides, thresholds=thresholds or None))


@cli.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@format_option
@param_option
@threshold_option
@bad_input_is_exit_2
def analyze(scenario: str, fmt: str, params: tuple[str, ...], thresholds: tuple[str, ...]) -> None:
    """Does the scenario's move pay off for the mover, why, and where would it flip?

    The mover commits to the move's from-strategy, then to its to-strategy; each
    time the others play the equilibria of the game that leaves them. The verdict
    compares the mover's payoffs under the plausible follower equilibria (no weakly
    dominated strategy), with optimistic and pessimistic selections beside it, and
    explains it: the target's choice and what it is worth, the triangle before and
    after, and the gain by component. Thresholds are exact where payoffs are linear
    in the parameter.

    \b
    Examples:
      triangle analyze scenarios/reverse_kissinger_2025.yaml
      triangle analyze scenarios/reverse_kissinger_2025.yaml --threshold offer --threshold allies
      triangle analyze scenarios/kissinger_1971.yaml --param rivalry=0 --format json
    """
    (analysis,) = analyses_for((scenario,), params, thresholds)
    data = analysis.to_dict()
    if fmt == "json":
        emit_json(data)
    else:
        from triangle.report import format_analysis

        click.echo(format_analysis(data))


@cli.command()
@click.argument("scenarios", nargs=-1, required=True, type=click.Path(dir_okay=False))
@format_option
@param_option
@threshold_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also draw the comparison chart to this file (.png, .svg or .pdf).",
)
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@bad_input_is_exit_2
def compare(
    scenarios: tuple[str, ...],
    fmt: str,
    params: tuple[str, ...],
    thresholds: tuple[str, ...],
    out: str | None,
    force: bool,
) -> None:
    """The move analysis of several scenarios side by side (and as one chart).

    --param applies to every scenario that declares the parameter.

    \b
    Example:
      triangle compare scenarios/kissinger_1971.yaml scenarios/reverse_kissinger_2025.yaml \\
          --out comparison.png
    """
    if out is not None:
        _check_out(out, force)
    analyses = analyses_for(scenarios, params, thresholds)
    datas = [a.to_dict() for a in analyses]
    if out is not None:
        from triangle.plots import comparison_chart, save_figure

        written = save_figure(comparison_chart(analyses), out, force=force)
        click.echo(f"wrote {written}", err=True)
    if fmt == "json":
        emit_json({"scenarios": datas})
    else:
        from triangle.report import format_compare

        click.echo(format_compare(datas))


PLOT_KINDS = ("triangle", "gain-curve", "decomposition", "verdict-map", "payoffs", "comparison")


def _check_out(out: str, force: bool) -> None:
    """Refuse early (before any computation) a chart path that save_figure would refuse."""
    suffix = os.path.splitext(out)[1].lower()
    if suffix not in (".png", ".svg", ".pdf"):
        raise BadInput(f"{out}: the chart format comes from the suffix: .png, .svg or .pdf")
    if os.path.exists(out) and not force:
        raise BadInput(f"{out} exists; use --force to overwrite")
    folder = os.path.dirname(out) or "."
    if not os.path.isdir(folder):
        raise BadInput(f"{out}: folder {folder} does not exist")


@cli.command()
@click.argument("scenarios", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--kind", type=click.Choice(PLOT_KINDS), required=True, help="Which chart (see above)."
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Output file, .png, .svg or .pdf [default: <scenario>-<kind>.png].",
)
@click.option(
    "--parameter",
    default=None,
    metavar="NAME",
    help="gain-curve: the parameter on the x axis [default: the move's first threshold parameter].",
)
@click.option("--x", "px", default=None, metavar="NAME", help="verdict-map: x-axis parameter.")
@click.option("--y", "py", default=None, metavar="NAME", help="verdict-map: y-axis parameter.")
@param_option
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@bad_input_is_exit_2
def plot(
    scenarios: tuple[str, ...],
    kind: str,
    out: str | None,
    parameter: str | None,
    px: str | None,
    py: str | None,
    params: tuple[str, ...],
    force: bool,
) -> None:
    """Draw a chart of why a move does or does not pay off.

    \b
    Kinds:
      triangle       the three actors and their ties before and after the move
      gain-curve     the mover's gain as one parameter varies, threshold and scenarios marked
      decomposition  the mover's gain split into standing, ties, third party and costs
      verdict-map    the verdict over two parameters (--x, --y); other scenarios marked
      payoffs        every actor's equilibrium payoff before and after the move
      comparison     the one-page comparison that `triangle compare --out` draws

    The file is written atomically, and an existing file is never overwritten
    without --force.

    \b
    Examples:
      triangle plot scenarios/kissinger_1971.yaml scenarios/reverse_kissinger_2025.yaml \\
          --kind gain-curve --parameter rivalry --out gain.png
      triangle plot scenarios/reverse_kissinger_2025.yaml --kind verdict-map \\
          --x rivalry --y offer --out map.svg
    """
    if out is None:
        stem = (
            os.path.splitext(os.path.basename(scenarios[0]))[0]
            if len(scenarios) == 1
            else "comparison"
        )
        out = f"{stem}-{kind}.png"
    _check_out(out, force)
    from triangle import plots

    if kind == "verdict-map":
        if not px or not py:
            raise BadInput("--kind verdict-map needs --x NAME and --y NAME")
        figure = _verdict_map(scenarios, px, py, params)
    elif kind == "gain-curve":
        figure = _gain_curve(scenarios, parameter, params)
    else:
        analyses = analyses_for(scenarios, params, ())
        if kind == "triangle":
            if len(analyses) != 1:
                raise BadInput("--kind triangle draws one scenario; give one file")
            figure = plots.triangle_diagram(analyses[0])
        elif kind == "decomposition":
            figure = plots.decomposition_chart(analyses)
        elif kind == "payoffs":
            figure = plots.payoff_comparison_chart(analyses)
        else:
            figure = plots.comparison_chart(analyses)
    written = plots.save_figure(figure, out, force=force)
    click.echo(f"wrote {written}")


def _gain_curve(paths: tuple[str, ...], parameter: str | None, params: tuple[str, ...]):
    from triangle import plots
    from triangle.scenario import load_scenario

    scenarios = [load_scenario(p) for p in paths]
    if parameter is None:
        defaults = [sc.move.thresholds[0] for sc in scenarios if sc.move and sc.move.thresholds]
        if not defaults:
            raise BadInput("--kind gain-curve needs --parameter NAME")
        parameter = defaults[0]
    overrides = varied_parameter(scenarios, parameter, params, "the x axis of the chart")
    return plots.gain_curve_chart(scenarios, parameter, overrides=overrides)


def varied_parameter(scenarios, parameter: str, params: tuple[str, ...], role: str) -> dict:
    """Check that every scenario has a move and the parameter a sweep or curve varies,
    and that ``--param`` does not also fix it; return the parsed overrides."""
    from triangle.scenario import parse_overrides

    for sc in scenarios:
        if sc.move is None:
            raise BadInput(f"{sc.path}: scenario has no `move:` block")
        if parameter not in sc.parameters:
            raise BadInput(
                f"--parameter {parameter}: {sc.path} has no such parameter; "
                f"parameters: {', '.join(sc.parameters) or 'none'}"
            )
    overrides = parse_overrides(params)
    if parameter in overrides:
        raise BadInput(f"--param {parameter}: it is {role}; drop the override")
    return overrides


def _verdict_map(paths: tuple[str, ...], px: str, py: str, params: tuple[str, ...]):
    from triangle import plots
    from triangle.scenario import load_scenario, parse_overrides

    scenarios = [load_scenario(p) for p in paths]
    first = scenarios[0]
    if first.move is None:
        raise BadInput(f"{first.path}: scenario has no `move:` block")
    for name in (px, py):
        if name not in first.parameters:
            raise BadInput(
                f"{name}: {first.path} has no such parameter; "
                f"parameters: {', '.join(first.parameters)}"
            )
    if px == py:
        raise BadInput("--x and --y must be two different parameters")
    overrides = parse_overrides(params)
    points = [
        (sc.title, sc.parameter_values()[px], sc.parameter_values()[py])
        for sc in scenarios[1:]
        if px in sc.parameters and py in sc.parameters
    ]
    return plots.verdict_map_chart(first, px, py, points=points, overrides=overrides)


@cli.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.option("--parameter", required=True, metavar="NAME", help="The parameter to vary.")
@click.option(
    "--from",
    "start",
    type=float,
    default=None,
    help="First value [default: the low end of the parameter's range].",
)
@click.option(
    "--to",
    "stop",
    type=float,
    default=None,
    help="Last value [default: the high end of the parameter's range].",
)
@click.option(
    "--steps",
    type=click.IntRange(2, 100_000),
    default=101,
    show_default=True,
    help="Number of evenly spaced values.",
)
@click.option(
    "--selection",
    type=click.Choice(["plausible", "optimistic", "pessimistic"]),
    default="plausible",
    show_default=True,
    help="Which follower equilibria the gain ranges over.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table for people; csv or json for scripts.",
)
@param_option
@bad_input_is_exit_2
def sweep(
    scenario: str,
    parameter: str,
    start: float | None,
    stop: float | None,
    steps: int,
    selection: str,
    fmt: str,
    params: tuple[str, ...],
) -> None:
    """The mover's gain and the verdict of the move along one parameter.

    Evaluates the move at evenly spaced values of the parameter through the batched
    path (the same answers as `triangle analyze` at each point, without a solver
    call per point), holding the other parameters at their values (or --param).

    \b
    Examples:
      triangle sweep scenarios/reverse_kissinger_2025.yaml --parameter rivalry
      triangle sweep scenarios/kissinger_1971.yaml --parameter rivalry --from -4 --to 8 \\
          --steps 13 --format csv > gain.csv
    """
    import numpy as np

    from triangle.analysis import gain_curve
    from triangle.report import fmt as number
    from triangle.scenario import load_scenario

    sc = load_scenario(scenario)
    overrides = varied_parameter([sc], parameter, params, "the swept parameter")
    sc.parameter_values(overrides)  # check the other overrides before the sweep
    declared = sc.parameters[parameter].range
    if (start is None or stop is None) and declared is None:
        raise BadInput(f"{parameter} has no declared range: give --from and --to")
    lo = declared[0] if start is None else start
    hi = declared[1] if stop is None else stop
    if not lo < hi:
        raise BadInput(f"--from {number(lo)} must be below --to {number(hi)}")
    values = np.linspace(lo, hi, steps)
    curve = gain_curve(sc, parameter, values, selection, overrides=overrides)
    rows = list(
        zip(
            curve.values.tolist(),
            curve.gain_min.tolist(),
            curve.gain_max.tolist(),
            curve.verdicts,
            strict=True,
        )
    )
    if fmt == "json":
        emit_json(
            {
                "scenario": sc.path,
                "parameter": parameter,
                "selection": selection,
                "parameters": sc.parameter_values(overrides),
                **curve.to_dict(),
            }
        )
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([parameter, "gain_min", "gain_max", "verdict"])
        for value, g_lo, g_hi, verdict in rows:
            writer.writerow([repr(value), repr(g_lo), repr(g_hi), verdict])
    else:
        click.echo(
            f"{sc.title}: {sc.move.player}'s gain from {sc.move.from_strategy} -> "
            f"{sc.move.to_strategy} along {parameter} ({selection} selection)"
        )
        for value, g_lo, g_hi, verdict in rows:
            gain = (
                number(g_lo, 3)
                if abs(g_hi - g_lo) < 1e-12
                else f"{number(g_lo, 3)} to {number(g_hi, 3)}"
            )
            click.echo(f"  {parameter} = {number(value):>8}  gain {gain:>14}  {verdict}")
    for note in curve.notes:
        click.echo(f"note: {note}", err=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: conventional exit statuses, no tracebacks."""
    try:
        cli.main(args=argv, prog_name="triangle", standalone_mode=False)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
    except click.Abort:
        click.echo("triangle: aborted", err=True)
        sys.exit(EXIT_FAILURE)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except BrokenPipeError:
        sys.exit(EXIT_FAILURE)
    except Exception as err:  # noqa: BLE001 - the last line of defence of a CLI
        if os.environ.get("TRIANGLE_DEBUG"):
            raise
        click.echo(
            f"triangle: internal error: {type(err).__name__}: {err} "
            "(set TRIANGLE_DEBUG=1 for the traceback)",
            err=True,
        )
        sys.exit(EXIT_FAILURE)
    sys.exit(EXIT_OK)
