"""``triangle sweep``: the verdict of a move along one parameter, over a grid of one to
three parameters, or over draws of the uncertain ones (Monte Carlo)."""

from __future__ import annotations

import math
import os
import sys

import click

from triangle.cli.common import (
    BadInput,
    Number,
    Seed,
    bad_input_is_exit_2,
    base_root,
    base_root_option,
    emit_json,
    param_option,
    scenario_argument,
    timeout_option,
)
from triangle.cli.plot import varied_overrides
from triangle.cli.uncertain import GridType, SobolType, check_grid_size
from triangle.vocabulary import SELECTIONS


@click.command()
@scenario_argument
@click.option(
    "--parameter",
    default=None,
    metavar="NAME",
    help="The parameter to vary (one axis; the same as --grid NAME=FROM:TO:STEPS, "
    "printed as a table of gains).",
)
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
@click.option(
    "--grid",
    "grids",
    multiple=True,
    type=GridType(),
    callback=check_grid_size,
    help="A grid axis, repeatable up to three: N evenly spaced values of NAME from LO to "
    "HI, e.g. --grid rivalry=-4:10:801 --grid offer=0:4:401; at most 10,000,000 points "
    "in all.",
)
@click.option(
    "--samples",
    type=click.IntRange(1, 10**9),
    default=None,
    help="Monte Carlo: draw every parameter that has a distribution (the others keep "
    "their values or --param) this many times.",
)
@click.option(
    "--seed",
    type=Seed(),
    metavar="SEED",
    default=0,
    show_default=True,
    help="Seed of the draws, a non-negative integer.",
)
@click.option(
    "--sobol",
    type=SobolType(),
    default="auto",
    show_default=True,
    help="Sobol indices: SALib's base sample N (a power of 2; N x (parameters + 2) "
    "more points), 0 for none, auto for the largest N within an eighth of --samples.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write one row per point to FILE.csv or FILE.parquet (written atomically).",
)
@click.option("--force", is_flag=True, help="Overwrite the --out file if it exists.")
@click.option(
    "--chunk-size",
    type=click.IntRange(1, 10**7),
    default=8192,
    show_default=True,
    help="Points evaluated at once (memory); the results do not depend on it.",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 256),
    default=None,
    help="Threads of this process that evaluate chunks side by side [default: the "
    "number of CPUs, at most 4].",
)
@click.option(
    "--processes",
    type=click.IntRange(1, 256),
    default=None,
    help="Worker processes of this machine that evaluate chunks side by side, in place "
    "of --threads (no Dask needed; each costs about a second to start, so it pays from "
    "about 10^5 points on an idle machine).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 1024),
    default=None,
    help="Start a local Dask cluster of N worker processes (needs triangle[dask]).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Send the chunks to a running Dask scheduler, e.g. tcp://10.0.0.5:8786.",
)
@base_root_option
@timeout_option
@bad_input_is_exit_2
def sweep(
    scenario: str,
    parameter: str | None,
    start: float | None,
    stop: float | None,
    steps: int,
    selection: str,
    fmt: str,
    params: tuple[str, ...],
    timeout: float,
    grids: tuple = (),
    samples: int | None = None,
    seed: int = 0,
    sobol="auto",
    out: str | None = None,
    force: bool = False,
    chunk_size: int = 8192,
    threads: int | None = None,
    processes: int | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> None:
    """The mover's gain and verdict along one parameter, over a grid, or by Monte Carlo.

    With --parameter it evaluates the move at evenly spaced values of the parameter
    through the batched path (the same answers as `triangle analyze` at each point,
    without a solver call per point), holding the other parameters at their values
    (or --param).

    With --grid (one to three parameters) or --samples (Monte Carlo over the
    parameters' distributions) it prints a summary instead: the share of grid points
    with each verdict, or the probability of each verdict with its 95% Wilson
    interval, the distribution of the gain, how often the target flips and what
    drives the gain (Spearman, and Sobol indices via SALib). --out writes every
    point. The same --seed gives the same bytes whatever --chunk-size, --workers or
    --scheduler. Runs are chunked (memory stays bounded), show a progress bar on a
    terminal, and Ctrl-C leaves no partial --out file.

    \b
    Examples:
      triangle sweep scenarios/reverse_kissinger_2025.yaml --parameter rivalry
      triangle sweep scenarios/kissinger_1971.yaml --parameter rivalry --from -4 --to 8 \\
          --steps 13 --format csv > gain.csv
      triangle sweep scenarios/reverse_kissinger_2025.yaml --samples 1000000 --seed 7
      triangle sweep scenarios/reverse_kissinger_2025.yaml --grid rivalry=-4:10:801 \\
          --grid offer=0:4:401 --out map.parquet
      triangle sweep scenarios/reverse_kissinger_2025.yaml --samples 10000000 \\
          --scheduler tcp://10.0.0.5:8786 --out points.parquet
    """
    modes = sum([parameter is not None, bool(grids), samples is not None])
    if modes != 1:
        raise BadInput("give one of --parameter NAME, --grid NAME=LO:HI:N or --samples N")
    if parameter is None:
        from triangle.analysis.move import require_move
        from triangle.cli.uncertain import run
        from triangle.scenario import load_scenario, parse_overrides

        sc = load_scenario(scenario, base_root=base_root())
        require_move(sc)
        overrides = parse_overrides(params)
        sc.parameter_values(overrides)
        for axis in grids:
            sc.check_parameter(axis.name, f"--grid {axis.name}")
        run(
            sc,
            grids=grids,
            samples=samples,
            seed=seed,
            sobol=sobol,
            selection=selection,
            fmt=fmt,
            overrides=overrides,
            out=out,
            force=force,
            chunk_size=chunk_size,
            workers=workers,
            scheduler=scheduler,
            threads=threads or min(4, os.cpu_count() or 1),
            processes=processes or 1,
            timeout=timeout,
        )
        return
    if any(v is not None for v in (out, workers, scheduler, processes, threads)):
        raise BadInput(
            "--out, --threads, --processes, --workers and --scheduler go with --grid or --samples"
        )
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
