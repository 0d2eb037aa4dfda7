"""``triangle plot``: draw a chart of why a move does or does not pay off."""

from __future__ import annotations

import os

import click

from triangle.cli.common import (
    BadInput,
    bad_input_is_exit_2,
    base_root_option,
    check_out,
    load_all,
    param_option,
    scenarios_argument,
)

PLOT_KINDS = ("triangle", "gain-curve", "decomposition", "verdict-map", "payoffs", "comparison")


def varied_overrides(scenarios, parameter: str, params: tuple[str, ...], role: str) -> dict:
    """Check that every scenario has a move and the parameter a sweep or curve varies,
    and that ``--param`` does not also fix it; return the parsed overrides."""
    from triangle.analysis.move import require_move
    from triangle.scenario import parse_overrides

    for sc in scenarios:
        require_move(sc)
        sc.check_parameter(parameter, f"--parameter {parameter}")
    overrides = parse_overrides(params)
    if parameter in overrides:
        raise BadInput(f"--param {parameter}: it is {role}; drop the override")
    return overrides


@click.command()
@scenarios_argument
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
@base_root_option
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
    check_out(out, force)
    if kind == "verdict-map" and (not px or not py):
        raise BadInput("--kind verdict-map needs --x NAME and --y NAME")
    if kind == "triangle" and len(scenarios) != 1:
        raise BadInput("--kind triangle draws one scenario; give one file")
    from triangle import analysis, plots
    from triangle.scenario import parse_overrides

    if kind == "verdict-map":
        first, *others = load_all(scenarios)
        for name in (px, py):
            first.check_parameter(name)
        vmap = analysis.verdict_map(
            first, px, None, py, None, overrides=parse_overrides(params), others=others
        )
        figure = plots.verdict_map_figure(vmap)
    elif kind == "gain-curve":
        loaded = load_all(scenarios)
        if parameter is None:
            defaults = [sc.move.thresholds[0] for sc in loaded if sc.move and sc.move.thresholds]
            if not defaults:
                raise BadInput("--kind gain-curve needs --parameter NAME")
            parameter = defaults[0]
        overrides = varied_overrides(loaded, parameter, params, "the x axis of the chart")
        figure = plots.gain_curve_figure(
            analysis.gain_curves(loaded, parameter, overrides=overrides)
        )
    else:
        from triangle.cli.analyze import analyses_for

        analyses = analyses_for(scenarios, params, ())
        figure = {
            "triangle": lambda: plots.triangle_figure(analyses[0]),
            "decomposition": lambda: plots.decomposition_figure(analyses),
            "payoffs": lambda: plots.payoffs_figure(analyses),
            "comparison": lambda: plots.comparison_figure(analyses),
        }[kind]()
    written = plots.save_figure(figure, out, force=force)
    click.echo(f"wrote {written}")
