"""``triangle sweep``: the verdict of a move along one parameter."""

from __future__ import annotations

import math
import sys

import click

from triangle.cli.common import (
    BadInput,
    Number,
    bad_input_is_exit_2,
    base_root,
    base_root_option,
    emit_json,
    param_option,
    scenario_argument,
    timeout_option,
)
from triangle.cli.plot import varied_overrides
from triangle.vocabulary import SELECTIONS


@click.command()
@scenario_argument
@click.option("--parameter", required=True, metavar="NAME", help="The parameter to vary.")
@click.option(
    "--from",
    "start",
    type=Number(),
    default=None,
    help="First value [default: the low end of the parameter's range].",
)
@click.option(
    "--to",
    "stop",
    type=Number(),
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
    type=click.Choice(SELECTIONS),
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
@base_root_option
@timeout_option
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
    timeout: float,
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

    from triangle import report
    from triangle.analysis import gain_curve
    from triangle.numbers import plain
    from triangle.scenario import load_scenario

    sc = load_scenario(scenario, base_root=base_root())
    overrides = varied_overrides([sc], parameter, params, "the swept parameter")
    sc.parameter_values(overrides)  # check the other overrides before the sweep
    declared = sc.parameters[parameter].range
    if (start is None or stop is None) and declared is None:
        raise BadInput(f"{parameter} has no declared range: give --from and --to")
    lo = declared[0] if start is None else start
    hi = declared[1] if stop is None else stop
    if not lo < hi:
        raise BadInput(f"--from {plain(lo)} must be below --to {plain(hi)}")
    if not math.isfinite(hi - lo):
        raise BadInput(f"--from {plain(lo)} and --to {plain(hi)} are too far apart to sweep")
    curve = gain_curve(
        sc, parameter, np.linspace(lo, hi, steps), selection, overrides=overrides, timeout=timeout
    )
    if fmt == "json":
        emit_json(
            {
                "scenario": sc.path,
                "parameter": parameter,
                "selection": selection,
                "parameters": sc.parameter_values(overrides),
                **report.to_data(curve),
            }
        )
    elif fmt == "csv":
        report.write_sweep_csv(curve, sys.stdout)
    else:
        click.echo(report.format_sweep(sc, curve))
    for note in curve.notes:
        click.echo(f"note: {note}", err=True)
