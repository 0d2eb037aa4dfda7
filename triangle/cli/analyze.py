"""``triangle analyze`` and ``triangle compare``: does a move pay off, and why."""

from __future__ import annotations

import click

from triangle.cli.common import (
    bad_input_is_exit_2,
    base_root_option,
    check_out,
    emit_json,
    format_option,
    glyphs_reported,
    load_all,
    param_option,
    scenario_argument,
    scenarios_argument,
    threshold_option,
    timeout_option,
)
from triangle.equilibria.methods import DEFAULT_TIMEOUT


def analyses_for(
    paths: tuple[str, ...],
    params: tuple[str, ...],
    thresholds: tuple[str, ...],
    timeout: float = DEFAULT_TIMEOUT,
):
    """The move analysis of each scenario (:func:`triangle.analysis.compare`); without
    ``--threshold``, each scenario's own default thresholds."""
    from triangle.analysis import compare
    from triangle.scenario import parse_overrides

    scenarios = load_all(paths, "--threshold", thresholds)
    return list(
        compare(scenarios, parse_overrides(params), thresholds=thresholds or None, timeout=timeout)
    )


@click.command()
@scenario_argument
@format_option
@param_option
@threshold_option
@base_root_option
@timeout_option
@bad_input_is_exit_2
def analyze(
    scenario: str,
    fmt: str,
    params: tuple[str, ...],
    thresholds: tuple[str, ...],
    timeout: float,
) -> None:
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
    from triangle import report

    (analysis,) = analyses_for((scenario,), params, thresholds, timeout)
    if fmt == "json":
        emit_json(report.to_data(analysis))
    else:
        click.echo(report.format_analysis(analysis))


@click.command()
@scenarios_argument
@format_option
@param_option
@threshold_option
@base_root_option
@timeout_option
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
    timeout: float,
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
    from triangle import report

    if out is not None:
        check_out(out, force)
    analyses = analyses_for(scenarios, params, thresholds, timeout)
    if out is not None:
        from triangle.plots import comparison_figure, save_figure

        with glyphs_reported():
            written = save_figure(comparison_figure(analyses), out, force=force)
        click.echo(f"wrote {written}", err=True)
    if fmt == "json":
        emit_json({"scenarios": [report.to_data(a) for a in analyses]})
    else:
        click.echo(report.format_compare(analyses))
