"""Expected payoffs, best responses and regret: the check every reported equilibrium passes.

A mixed profile is a sequence of probability vectors, one per player. The *regret*
of player ``i`` is how much more it could get by switching to its best pure
strategy while the others keep their mixtures; the profile's *max regret* is the
largest regret of any player. A profile is a Nash equilibrium exactly when its
max regret is 0; numerically, when it is at most a tolerance.

Tolerances are *relative to each player's own payoff range*, and every check is made
on normalised payoffs (each player's mapped onto ``[0, 1]``), so that whether a
profile is an equilibrium does not change under a positive affine transform of any
player's payoffs; see :mod:`triangle.equilibria.tolerance`.
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
    "relative_regrets",
    "relative_values",
    "strategy_payoffs",
    "support_gaps",
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


def relative_values(game: Game, profile: Sequence[np.ndarray], player: int) -> np.ndarray:
    """Each pure strategy's expected payoff to ``player`` against the others' mixtures,
    on the player's normalised scale (:attr:`~triangle.game.Game.normalized`: its
    worst payoff 0, its best 1)."""
    return contract(game.normalized[player], profile, (player,))


def relative_regrets(game: Game, profile: Sequence[np.typing.ArrayLike]) -> np.ndarray:
    """Each player's regret as a fraction of its own payoff range, shape ``(n,)``.

    Computed on the normalised payoffs, so that it is the same in any units and with
    any offset of each player's payoffs; exactly 0 for a player whose payoffs are all
    equal. A profile is a Nash equilibrium up to ``tol`` when every entry is at most
    ``tol`` (:func:`is_nash`).

    Examples
    --------
    Row gets 1e-10 from ``r1`` and 0 from ``r2``; Column is indifferent. At
    ``(r2, c1)`` Row gives up its whole (tiny) range:

    >>> g = Game.from_bimatrix([[1e-10], [0.0]], [[0.0], [0.0]])
    >>> relative_regrets(g, [[0.0, 1.0], [1.0]]).tolist()
    [1.0, 0.0]
    """
    prof = as_profile(game, profile)
    out = np.empty(game.n_players)
    for i in range(game.n_players):
        values = relative_values(game, prof, i)
        out[i] = max(0.0, float(values.max() - values @ prof[i]))
    return out


def regrets(game: Game, profile: Sequence[np.typing.ArrayLike]) -> np.ndarray:
    """Each player's regret, in its payoff units: its best pure deviation payoff minus
    its current expected payoff (:func:`relative_regrets` times its payoff range)."""
    return relative_regrets(game, profile) * game.ranges


def max_regret(game: Game, profile: Sequence[np.typing.ArrayLike]) -> float:
    """The largest gain any player gets by deviating unilaterally, in payoff units.

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
    """Indices of ``player``'s pure best responses to the others' mixtures: every
    strategy within ``tol`` × the player's payoff range of the best."""
    i = game.player_index(player)
    values = relative_values(game, as_profile(game, profile), i)
    return tuple(int(k) for k in np.flatnonzero(values >= values.max() - tol))


def support_gaps(game: Game, profile: Sequence[np.typing.ArrayLike]) -> np.ndarray:
    """For each player, how far below its best reply the worst strategy it plays with
    positive probability is, as a fraction of its payoff range, shape ``(n,)``.

    A Nash equilibrium puts positive probability only on best replies (the *support
    condition*): every entry is 0. A small regret does not imply it: a probability of
    1e-7 on a strategy well below the best reply costs only 1e-7 times the gap.
    """
    prof = as_profile(game, profile)
    out = np.empty(game.n_players)
    for i in range(game.n_players):
        values = relative_values(game, prof, i)
        played = values[prof[i] > 0]
        out[i] = max(0.0, float(values.max() - played.min()))
    return out


def is_nash(game: Game, profile: Sequence[np.typing.ArrayLike], tol: float = DEFAULT_TOL) -> bool:
    """Whether ``profile`` is a Nash equilibrium up to the relative tolerance ``tol``:
    no player's regret exceeds ``tol`` times its own payoff range."""
    return bool(np.all(relative_regrets(game, profile) <= tol))
