"""Dominated pure strategies, by pure strategies, in one round.

Rules (``atol`` is the absolute tolerance ``tol`` × the payoff range of the player
whose strategies are compared; the comparisons are made on normalised payoffs):

* strategy ``k`` of player ``i`` is **weakly dominated** when another pure strategy
  ``l`` of the same player does at least as well against *every* pure profile of the
  opponents (``u_i(l, a) >= u_i(k, a) - atol``) and strictly better against at least
  one (``u_i(l, a) > u_i(k, a) + atol``);
* it is **strictly dominated** when some ``l`` does better by more than ``atol``
  against every opponent profile.

Only domination by another *pure* strategy is checked (not by mixtures), and only
one round is applied to the original game: the dominated sets are not iterated.
Iterated elimination of weakly dominated strategies depends on the order of
elimination, so its outcome is not well defined; one round is. Payoff-equivalent
strategies (equal within ``atol`` everywhere) do not dominate each other.

An equilibrium that puts positive probability on a weakly dominated strategy is
reported but not counted as *plausible* (see
:attr:`~triangle.equilibria.result.SolveResult.plausible`): the player could switch
to the dominating strategy at no loss whatever the others do, and would gain if the
others erred.
"""

from __future__ import annotations

import numpy as np

from triangle.equilibria.tolerance import DEFAULT_TOL, per_player
from triangle.game import Game

__all__ = [
    "dominance_batch",
    "dominance_matrices",
    "dominated_batch",
    "strictly_dominated",
    "weakly_dominated",
]


def dominance_batch(
    payoffs: np.ndarray, atol: np.typing.ArrayLike
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Pairwise weak and strict dominance between each player's pure strategies, for
    every game of a batch: the one kernel of this module.

    Parameters
    ----------
    payoffs : ndarray
        Shape ``(B, n, s_1, ..., s_n)``: a batch of ``B`` games of ``n`` players.
    atol : float or ndarray
        Absolute tolerance: one for all, one per game ``(B,)`` or one per game and
        player ``(B, n)``. On normalised payoffs it is the relative tolerance.

    Returns
    -------
    list of (weak, strict)
        One pair per player ``p``, boolean arrays of shape ``(B, s_p, s_p)``:
        ``weak[b, l, k]`` is ``True`` when strategy ``l`` weakly dominates strategy
        ``k`` in game ``b``, ``strict[b, l, k]`` when it strictly dominates it.
    """
    payoffs = np.asarray(payoffs, dtype=float)
    batch, n = payoffs.shape[:2]
    atol_arr = per_player(atol, batch, n)
    out = []
    for p in range(n):
        tolerance = atol_arr[:, p].reshape(batch, 1, 1, 1)
        own = np.moveaxis(payoffs[:, p], 1 + p, 1)
        u = own.reshape(batch, own.shape[1], -1)  # (B, strategies, opponent profiles)
        diff = u[:, :, np.newaxis, :] - u[:, np.newaxis, :, :]  # [b, l, k, a] = u(l) - u(k)
        weak = np.all(diff >= -tolerance, axis=3) & np.any(diff > tolerance, axis=3)
        strict = np.all(diff > tolerance, axis=3)
        out.append((weak, strict))
    return out


def dominated_batch(
    payoffs: np.ndarray, atol: np.typing.ArrayLike
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per player of each game of a batch, which pure strategies are weakly and which
    strictly dominated by another pure strategy (one round).

    Returns ``(weak, strict)`` boolean arrays of shape ``(B, s_p)`` per player ``p``
    (see :func:`dominance_batch` for the arguments).
    """
    return [
        (weak.any(axis=1), strict.any(axis=1)) for weak, strict in dominance_batch(payoffs, atol)
    ]


def dominance_matrices(
    payoffs: np.ndarray, player: int, atol: float
) -> tuple[np.ndarray, np.ndarray]:
    """Pairwise weak and strict dominance between one player's pure strategies.

    Parameters
    ----------
    payoffs : ndarray
        Shape ``(n, s_1, ..., s_n)``.
    player : int
        Whose strategies to compare.
    atol : float
        Absolute tolerance.

    Returns
    -------
    weak, strict : ndarray of bool
        Shape ``(s_player, s_player)``; ``weak[l, k]`` is ``True`` when strategy ``l``
        weakly dominates strategy ``k``, ``strict[l, k]`` when it strictly dominates it.

    Examples
    --------
    >>> a = np.array([[[1, 1], [1, 0]], [[0, 0], [0, 0]]], dtype=float)
    >>> weak, strict = dominance_matrices(a, 0, 1e-9)
    >>> weak.tolist(), strict.tolist()
    ([[False, True], [False, False]], [[False, False], [False, False]])
    """
    weak, strict = dominance_batch(np.asarray(payoffs, dtype=float)[np.newaxis], atol)[player]
    return weak[0], strict[0]


def _dominated(game: Game, tol: float, which: int) -> tuple[tuple[int, ...], ...]:
    found = dominated_batch(game.normalized[np.newaxis], tol)
    return tuple(tuple(int(k) for k in np.flatnonzero(pair[which][0])) for pair in found)


def weakly_dominated(game: Game, *, tol: float = DEFAULT_TOL) -> tuple[tuple[int, ...], ...]:
    """Each player's pure strategies weakly dominated by another pure strategy.

    One round on the original game, not iterated (see the module notes for why and
    for the exact rule with tolerances).

    Parameters
    ----------
    game : Game
    tol : float
        Relative tolerance (times the game's payoff spread).

    Returns
    -------
    tuple of tuple of int
        ``result[i]`` are player ``i``'s weakly dominated strategy indices, ascending.

    Examples
    --------
    In this game the row player's ``B`` is never better than ``T`` and worse against
    ``R``; the column player's two strategies are payoff-equivalent, so neither is
    dominated:

    >>> g = Game.from_bimatrix([[1, 1], [1, 0]], [[0, 0], [0, 0]],
    ...                        strategies=(("T", "B"), ("L", "R")))
    >>> weakly_dominated(g)
    ((1,), ())
    """
    return _dominated(game, tol, 0)


def strictly_dominated(game: Game, *, tol: float = DEFAULT_TOL) -> tuple[tuple[int, ...], ...]:
    """Each player's pure strategies strictly dominated by another pure strategy.

    Same conventions as :func:`weakly_dominated`; the dominating strategy must be
    better by more than the absolute tolerance against every opponent profile.

    Examples
    --------
    Cooperation is strictly dominated for both players of the Prisoner's Dilemma:

    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> strictly_dominated(pd)
    ((0,), (0,))
    """
    return _dominated(game, tol, 1)
