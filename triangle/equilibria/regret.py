"""Expected payoffs, best responses and regret: the check every reported equilibrium passes.

A mixed profile is a sequence of probability vectors, one per player. The *regret*
of player ``i`` is how much more it could get by switching to its best pure
strategy while the others keep their mixtures; the profile's *max regret* is the
largest regret of any player. A profile is a Nash equilibrium exactly when its
max regret is 0; numerically, when it is at most a tolerance.

Tolerances are *relative to the payoff spread* of the game (its largest minus
smallest payoff, at least 1), so that the verdict does not change under a positive
affine transform of the payoffs; see :mod:`triangle.equilibria.tolerance`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from triangle.equilibria.tolerance import DEFAULT_TOL, payoff_spread, regret_tolerance
from triangle.game import Game

__all__ = [
    "DEFAULT_TOL",
    "as_profile",
    "best_responses",
    "contract",
    "expected_payoffs",
    "expected_value",
    "is_nash",
    "max_regret",
    "payoff_spread",
    "regret_tolerance",
    "regrets",
    "strategy_payoffs",
]


def as_profile(game: Game, profile: Sequence[np.typing.ArrayLike]) -> tuple[np.ndarray, ...]:
    """Validate a mixed profile against a game and return it as float arrays.

    Accepts, per player, a probability vector or a pure strategy (name or index).
    """
    if len(profile) != game.n_players:
        raise ValueError(f"profile has {len(profile)} entries, game has {game.n_players} players")
    out = []
    for i, sigma in enumerate(profile):
        if isinstance(sigma, str | int | np.integer):
            vec = np.zeros(game.shape[i])
            vec[game.strategy_index(i, sigma)] = 1.0
        else:
            vec = np.asarray(sigma, dtype=float)
            if vec.shape != (game.shape[i],):
                raise ValueError(
                    f"{game.players[i]}: vector of length {vec.shape}, expected {game.shape[i]}"
                )
            if np.any(vec < -1e-12) or not np.isclose(vec.sum(), 1.0, atol=1e-9):
                raise ValueError(f"{game.players[i]}: {vec} is not a probability vector")
        out.append(vec)
    return tuple(out)


def contract(
    array: np.ndarray, profile: Sequence[np.ndarray], keep: Sequence[int] = ()
) -> np.ndarray:
    """Contract an N-d array (one axis per player) with every player's mixture except
    those in ``keep``, whose axes remain in player order.

    Examples
    --------
    >>> a = np.arange(8.0).reshape(2, 2, 2)
    >>> half = np.array([0.5, 0.5])
    >>> float(contract(a, [half, half, half])), contract(a, [half, half, half], (2,)).tolist()
    (3.5, [3.0, 4.0])
    """
    out = array
    # contract from the last axis down so axis numbers stay valid
    for j in reversed(range(len(profile))):
        if j not in keep:
            out = np.tensordot(out, profile[j], axes=([j], [0]))
    return out


def expected_value(array: np.ndarray, profile: Sequence[np.ndarray]) -> float:
    """Expected value of an N-d array (one axis per player) under a mixed profile
    (probability vectors, already validated), e.g. one player's payoffs or one
    payoff component."""
    return float(contract(array, profile))


def strategy_payoffs(game: Game, profile: Sequence[np.typing.ArrayLike], player: int) -> np.ndarray:
    """Expected payoff of each pure strategy of ``player`` against the others' mixtures."""
    prof = as_profile(game, profile)
    return contract(game.payoffs[player], prof, (player,))


def expected_payoffs(game: Game, profile: Sequence[np.typing.ArrayLike]) -> np.ndarray:
    """Expected payoff of every player under a mixed profile."""
    prof = as_profile(game, profile)
    return np.array([expected_value(game.payoffs[i], prof) for i in range(game.n_players)])


def regrets(game: Game, profile: Sequence[np.typing.ArrayLike]) -> np.ndarray:
    """Each player's regret: best pure deviation payoff minus current expected payoff."""
    prof = as_profile(game, profile)
    out = np.empty(game.n_players)
    for i in range(game.n_players):
        values = contract(game.payoffs[i], prof, (i,))
        out[i] = max(0.0, float(values.max() - values @ prof[i]))
    return out


def max_regret(game: Game, profile: Sequence[np.typing.ArrayLike]) -> float:
    """The largest gain any player gets by deviating unilaterally.

    Examples
    --------
    >>> mp = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> max_regret(mp, [[0.5, 0.5], [0.5, 0.5]])
    0.0
    >>> max_regret(mp, [[1, 0], [1, 0]])
    2.0
    """
    return float(regrets(game, profile).max())


def best_responses(
    game: Game, profile: Sequence[np.typing.ArrayLike], player: str | int, tol: float = DEFAULT_TOL
) -> tuple[int, ...]:
    """Indices of ``player``'s pure best responses to the others' mixtures."""
    i = game.player_index(player)
    values = strategy_payoffs(game, profile, i)
    cutoff = values.max() - regret_tolerance(game, tol)
    return tuple(int(k) for k in np.flatnonzero(values >= cutoff))


def is_nash(game: Game, profile: Sequence[np.typing.ArrayLike], tol: float = DEFAULT_TOL) -> bool:
    """Whether ``profile`` is a Nash equilibrium up to the relative tolerance ``tol``."""
    return max_regret(game, profile) <= regret_tolerance(game, tol)
