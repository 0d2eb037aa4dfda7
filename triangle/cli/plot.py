"""``triangle plot``: draw a chart of why a move does or does not pay off."""

from __future__ import annotations

import os

import click

from triangle.cli.common import (
    BadInput,
    Seed,
    bad_input_is_exit_2,
    base_root_option,
    check_out,
    glyphs_reported,
    load_all,
    param_option,
    scenarios_argument,
)

PLOT_KINDS = (
    "triangle",
    "gain-curve",
    "decomposition",
    "verdict-map",
    "payoffs",
    "comparison",
    "verdict-probability",
    "gain-distribution",
    "sensitivity",
    "probability-map",
)
UNCERTAIN_KINDS = ("verdict-probability", "gain-distribution", "sensitivity", "probability-map")


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
@click.option(
    "--samples",
    type=click.IntRange(100, 10**8),
    default=100_000,
    show_default=True,
    help="Monte Carlo charts: draws of the parameters that have a distribution.",
)
@click.option(
    "--seed",
    type=Seed(),
    metavar="SEED",
    default=0,
    show_default=True,
    help="Monte Carlo charts: seed of the draws, a non-negative integer.",
)
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
    samples: int = 100_000,
    seed: int = 0,
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
      verdict-probability  how likely each verdict is over --samples draws (Monte Carlo)
      gain-distribution    the distribution of the gain, with the break-even line
      sensitivity          what drives the gain (Sobol indices, or rank correlations)
      probability-map      the verdict map (--x, --y) with the sampled probability of
                           "pays off" as contours

    The file is written atomically, and an existing file is never overwritten
    without --force.

    \b
    Examples:
      triangle plot scenarios/kissinger_1971.yaml scenarios/reverse_kissinger_2025.yaml \\
          --kind gain-curve --parameter rivalry --out gain.png
      triangle plot scenarios/reverse_kissinger_2025.yaml --kind verdict-map \\
          --x rivalry --y offer --out map.svg
      triangle plot scenarios/reverse_kissinger_2025.yaml --kind probability-map \\
          --x rivalry --y offer --samples 200000 --seed 7 --out uncertain.png
    """
    if out is None:
        stem = (
            os.path.splitext(os.path.basename(scenarios[0]))[0]
            if len(scenarios) == 1
            else "comparison"
        )
        out = f"{stem}-{kind}.png"
    check_out(out, force)
    with glyphs_reported():
        written = _draw(scenarios, kind, out, parameter, px, py, params, force, samples, seed)
    click.echo(f"wrote {written}")


def _draw(scenarios, kind, out, parameter, px, py, params, force, samples, seed):
    """Draw and save the chart of :func:`plot`; the path written."""
    if kind in ("verdict-map", "probability-map") and (not px or not py):
        raise BadInput(f"--kind {kind} needs --x NAME and --y NAME")
    if kind in UNCERTAIN_KINDS and len(scenarios) != 1:
        raise BadInput(f"--kind {kind} draws one scenario; give one file")
    if kind == "triangle" and len(scenarios) != 1:
        raise BadInput("--kind triangle draws one scenario; give one file")
    from triangle import analysis, plots
    from triangle.scenario import parse_overrides

    if kind in UNCERTAIN_KINDS:
        from triangle.analysis import uncertainty

        (sc,) = load_all(scenarios)
        overrides = parse_overrides(params)
        result = uncertainty.monte_carlo(
            sc,
            samples,
            seed=seed,
            overrides=overrides,
            # every chart that names the drivers names them by the same measure as
            # `triangle sweep --samples`: Sobol indices when the run affords them
            sobol=0 if kind == "probability-map" else "auto",
            mapper=uncertainty.thread_mapper(min(4, os.cpu_count() or 1)),
        )
        if kind == "probability-map":
            for name in (px, py):
                sc.check_parameter(name)
            pmap = uncertainty.probability_map(result, px, py)
            vmap = analysis.verdict_map(sc, px, None, py, None, overrides=overrides)
            figure = plots.probability_map_figure(vmap, pmap)
        else:
            figure = {
                "verdict-probability": plots.verdict_probability_figure,
                "gain-distribution": plots.gain_distribution_figure,
                "sensitivity": plots.sensitivity_figure,
            }[kind](result)
    elif kind == "verdict-map":
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
    return plots.save_figure(figure, out, force=force)
