"""``triangle sweep --grid`` and ``--samples``: grids of one to three parameters and Monte
Carlo runs, in chunks, in process or on a Dask cluster, with a progress bar.

The verb itself is :mod:`triangle.cli.sweep`; this module holds what its grid and
Monte Carlo modes share: the ``--grid NAME=LO:HI:N`` parameter type, the progress bar
(stderr, only on a terminal and only once a run lasts more than a moment), the choice
of executor (in process unless ``--workers`` or ``--scheduler``), and the points file.
"""

from __future__ import annotations

import contextlib
import math
import re
import sys

import click

from triangle.cli.common import BadInput, emit_json

_GRID = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([^:]+):([^:]+):([^:]+)\s*\Z")


class GridType(click.ParamType):
    """``NAME=LO:HI:N``: ``N`` evenly spaced values of a parameter from ``LO`` to ``HI``."""

    name = "NAME=LO:HI:N"

    def convert(self, value, param, ctx):
        from triangle.analysis.uncertainty import GridAxis

        if isinstance(value, GridAxis):
            return value
        match = _GRID.match(str(value))
        if not match:
            self.fail(f"{value!r}: expected NAME=LO:HI:N, e.g. rivalry=-4:10:801", param, ctx)
        name, lo, hi, count = match.groups()
        try:
            low, high = float(lo), float(hi)
        except ValueError:
            self.fail(f"{value!r}: LO and HI must be numbers", param, ctx)
        if not (math.isfinite(low) and math.isfinite(high)) or not low < high:
            self.fail(f"{value!r}: LO must be below HI (finite numbers)", param, ctx)
        try:
            steps = int(count)
        except ValueError:
            self.fail(f"{value!r}: N must be a whole number", param, ctx)
        if not 2 <= steps <= 10_000_000:
            self.fail(f"{value!r}: N must be between 2 and 10,000,000", param, ctx)
        return GridAxis(name, low, high, steps)


def check_grid_size(ctx, param, axes):
    """The ``--grid`` callback: one to three axes of at most
    :data:`~triangle.analysis.uncertainty.MAX_GRID_POINTS` points in all, refused while
    the command line is parsed (each axis alone is bounded by :class:`GridType`)."""
    if not axes:
        return axes
    from triangle.analysis.uncertainty import MAX_GRID_POINTS, grid_size_message

    if len(axes) > 3:
        raise click.BadParameter("at most three parameters", ctx, param)
    shape = [a.count for a in axes]
    if math.prod(shape) > MAX_GRID_POINTS:
        raise click.BadParameter(grid_size_message(shape).removeprefix("--grid: "), ctx, param)
    return axes


class SobolType(click.ParamType):
    """``auto``, ``0`` (off) or a power of two (SALib's base sample size)."""

    name = "auto|0|N"

    def convert(self, value, param, ctx):
        if value in ("auto", None) or isinstance(value, int):
            return value
        try:
            n = int(value)
        except ValueError:
            self.fail(f"{value!r}: expected auto, 0 or a power of 2", param, ctx)
        if n != 0 and (n < 2 or n & (n - 1)):
            self.fail(f"{value!r}: the Sobol base sample must be a power of 2", param, ctx)
        return n


@contextlib.contextmanager
def progress_bar(total: int, what: str):
    """A tqdm bar on stderr when it is a terminal (shown after half a second), else
    nothing; yields the update callback."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(
        total=total,
        desc=what,
        unit="pt",
        unit_scale=True,
        delay=0.5,
        file=sys.stderr,
        leave=False,
        dynamic_ncols=True,
    ) as bar:
        yield bar.update


@contextlib.contextmanager
def executor(workers: int | None, scheduler: str | None, threads: int = 1, processes: int = 1):
    """The mapper of the run: ``processes`` worker processes of this machine, or in
    process with ``threads`` threads (no Dask import either way), unless ``--workers``
    or ``--scheduler``."""
    if workers is None and not scheduler:
        from triangle.analysis.uncertainty import process_mapper, thread_mapper

        yield process_mapper(processes) if processes > 1 else thread_mapper(threads)
        return
    from triangle.analysis.distributed import dask_mapper

    with dask_mapper(scheduler=scheduler, workers=workers) as mapper:
        yield mapper


def run(
    sc,
    *,
    grids,
    samples: int | None,
    seed: int,
    sobol,
    selection: str,
    fmt: str,
    overrides: dict,
    out: str | None,
    force: bool,
    chunk_size: int,
    workers: int | None,
    scheduler: str | None,
    threads: int = 1,
    processes: int = 1,
    timeout: float | None,
) -> None:
    """The grid or Monte Carlo mode of ``triangle sweep``."""
    from triangle import report
    from triangle.analysis import uncertainty
    from triangle.report.points import PointsWriter, check_points_path

    if out is not None:
        check_points_path(out, force)
    if samples is not None:
        plan = uncertainty.sampling_plan(sc, overrides, seed)
        names = plan.names
        total = samples
    else:
        names = tuple(a.name for a in grids)
        total = math.prod(a.count for a in grids)
    writer = PointsWriter(out, names, force=force) if out is not None else None
    stdout_csv = fmt == "csv"
    if stdout_csv and total > 1_000_000 and out is None:
        raise BadInput(
            "--format csv prints one row per point: use --out FILE.csv for runs this big"
        )
    csv_rows = None
    if stdout_csv:
        from triangle.report.points import csv_stream

        csv_rows = csv_stream(sys.stdout, names)

    def sink(result) -> None:
        if writer is not None:
            writer.write(result)
        if csv_rows is not None:
            csv_rows(result)

    need_rows = writer is not None or csv_rows is not None
    try:
        with (
            executor(workers, scheduler, threads, processes) as mapper,
            progress_bar(total, "sampling" if samples is not None else "grid") as tick,
        ):
            if samples is not None:
                result = uncertainty.monte_carlo(
                    sc,
                    samples,
                    seed=seed,
                    overrides=overrides,
                    selection=selection,
                    sobol=sobol,
                    chunk_size=chunk_size,
                    timeout=timeout,
                    mapper=mapper,
                    progress=tick,
                    sink=sink if need_rows else None,
                )
            else:
                result = uncertainty.grid_sweep(
                    sc,
                    grids,
                    overrides=overrides,
                    selection=selection,
                    chunk_size=chunk_size,
                    timeout=timeout,
                    mapper=mapper,
                    progress=tick,
                    sink=sink if need_rows else None,
                )
        if writer is not None:
            writer.close()
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    data = report.to_data(result)
    if fmt == "json":
        emit_json(data)
    elif fmt == "table":
        text = (report.format_monte_carlo if samples is not None else report.format_grid)(data)
        click.echo(text)
    if writer is not None:
        click.echo(f"wrote {writer.path}", err=True)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
