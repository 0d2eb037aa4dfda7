"""``triangle solve``: the Nash equilibria of a scenario, verified."""

from __future__ import annotations

import click

from triangle.cli.common import (
    bad_input_is_exit_2,
    base_root_option,
    emit_json,
    format_option,
    load,
    param_option,
    scenario_argument,
    timeout_option,
)
from triangle.equilibria.methods import METHODS


@click.command()
@scenario_argument
@format_option
@param_option
@base_root_option
@click.option(
    "--solver",
    type=click.Choice([m.name for m in METHODS]),
    default="auto",
    show_default=True,
    help=(
        "auto: exact rational enumeration up to 6 strategies a player, else support "
        "enumeration beside Lemke-Howson (2 players); every pure equilibrium, the "
        "continua they span and every equilibrium with at most two strategies a player "
        "(3 players). pure: pure equilibria only. Or one method by name: the Gambit "
        "methods (3+ players; all = every one) need the gambit extra."
    ),
)
@timeout_option
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
    from triangle import report
    from triangle.equilibria import leader_commitment
    from triangle.equilibria import solve as solve_game
    from triangle.equilibria.methods import follower_method

    sc, overrides, values = load(scenario, params)
    game = sc.compile(overrides)
    result = solve_game(game, method=solver, timeout=timeout)
    commitment = None
    if sc.move is not None:
        commitment = leader_commitment(
            game, sc.move.player, method=follower_method(solver), timeout=timeout
        )
    data = report.solve_report(sc, game, result, commitment, values)
    if fmt == "json":
        emit_json(data)
    else:
        click.echo(report.format_solve(data, show_game=show_game))
