"""The move a scenario asks about, resolved to indices of a game.

A scenario's ``move: {player, from, to, target?}`` names a *mover* switching its
commitment from one pure strategy to another, and optionally the *target*: the
player whose alignment the move tries to change. :func:`resolve_move` turns it into
a :class:`MoveSpec` of indices, finding the target when the scenario does not name
it, and the *third actor* of a triangle: the one the target might be split from
(not to be confused with Dittmer's role *partner*).
"""

from __future__ import annotations

from dataclasses import dataclass

from triangle.errors import ScenarioError
from triangle.game import Game

__all__ = ["MoveSpec", "require_move", "resolve_move"]


def require_move(scenario) -> None:
    """Raise a :class:`~triangle.errors.TriangleInputError` naming the file when the
    scenario has no ``move:`` block."""
    if getattr(scenario, "move", None) is None:
        raise ScenarioError(
            "scenario has no `move:` block; add one "
            "(move: {player: ..., from: ..., to: ...}) to ask whether a move pays off",
            path=scenario.path,
        )


@dataclass(frozen=True)
class MoveSpec:
    """A scenario's move resolved to indices of a game.

    Attributes
    ----------
    mover : int
        The committing player.
    before, after : int
        The mover's ``from`` and ``to`` strategies.
    target : int or None
        Whose alignment the move tries to change (see :func:`resolve_move`).
    third : int or None
        In a triangle, the third actor: the one the target might be split from.
    target_rule : str
        How the target was found: ``"scenario"`` (stated in the file), ``"default"``
        (the rule of :func:`resolve_move`) or ``"none"``.
    """

    mover: int
    before: int
    after: int
    target: int | None = None
    third: int | None = None
    target_rule: str = "none"


def _stance(game: Game, player: int, strategy: int) -> frozenset[str] | None:
    return None if game.stances is None else game.stances[player][strategy]


def resolve_move(scenario, game: Game) -> MoveSpec:
    """Indices of the scenario's move in ``game``, with its target and the third actor.

    The target is the one stated in the scenario's ``move:`` block; otherwise, when
    the mover has exactly two opponents and the game has stances, it is the player
    the ``to`` strategy is warm toward and the ``from`` strategy is not, if there is
    exactly one such player; otherwise there is none. The third actor is the remaining player
    (only in a three-player game).

    Raises
    ------
    TriangleInputError
        When the scenario has no ``move:`` block.
    """
    require_move(scenario)
    move = scenario.move
    try:
        i = game.player_index(move.player)
        k0 = game.strategy_index(i, move.from_strategy)
        k1 = game.strategy_index(i, move.to_strategy)
    except KeyError as err:
        raise ScenarioError(f"move: {err.args[0]}", path=scenario.path) from None
    target, rule = None, "none"
    if move.target is not None:
        try:
            target = game.player_index(move.target)
        except KeyError as err:
            raise ScenarioError(f"move target: {err.args[0]}", path=scenario.path) from None
        rule = "scenario"
    elif game.n_players == 3 and game.stances is not None:
        gained = _stance(game, i, k1) - _stance(game, i, k0)
        if len(gained) == 1:
            target, rule = game.player_index(next(iter(gained))), "default"
    third = None
    if target is not None and game.n_players == 3 and target != i:
        third = next(j for j in range(3) if j not in (i, target))
    if target == i:
        raise ScenarioError("the move's target is the mover itself", path=scenario.path)
    return MoveSpec(i, k0, k1, target, third, rule)
