"""Pure-strategy Nash equilibria of N-player games, vectorised with numpy.

A pure profile is a Nash equilibrium when no player gains by a unilateral
deviation. For player ``i`` the best payoff against the others' fixed strategies
is the maximum of ``payoffs[i]`` along player ``i``'s own axis; a profile is an
equilibrium when every player's payoff there is within ``atol`` of that maximum.
One comparison per player, broadcast over the whole payoff array, checks every
profile at once: there is no Python loop over profiles (the loop over players is
over ``n`` items, typically 2 or 3).

The search is exhaustive, so :func:`pure_equilibria` returns *every* pure
equilibrium of a game.
"""

from __future__ import annotations

import numpy as np

from triangle.equilibria.result import Equilibrium, make_equilibrium
from triangle.equilibria.tolerance import DEFAULT_TOL, per_player
from triangle.errors import SolverError
from triangle.game import Game

__all__ = ["pure_equilibria", "pure_nash_mask", "pure_nash_mask_batch"]


def pure_nash_mask(payoffs: np.ndarray, atol: float) -> np.ndarray:
    """Which pure profiles are Nash equilibria, for one payoff array.

    Parameters
    ----------
    payoffs : ndarray
        Shape ``(n, s_1, ..., s_n)``: ``payoffs[i]`` is player ``i``'s payoff array.
    atol : float
        Absolute tolerance: a profile passes when no player gains *more* than
        ``atol`` by switching to another pure strategy.

    Returns
    -------
    ndarray of bool
        Shape ``(s_1, ..., s_n)``, ``True`` at the pure Nash equilibria.

    Examples
    --------
    Prisoner's Dilemma: only mutual defection is an equilibrium.

    >>> pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], dtype=float)
    >>> pure_nash_mask(pd, 1e-9)
    array([[False, False],
           [False,  True]])
    """
    payoffs = np.asarray(payoffs, dtype=float)
    n = payoffs.shape[0] if payoffs.ndim else 0
    if payoffs.ndim != n + 1 or n < 1:
        raise ValueError(
            f"payoffs of shape {payoffs.shape}: expected (n, s_1, ..., s_n) with n players"
        )
    return pure_nash_mask_batch(payoffs[np.newaxis], atol)[0]


def pure_nash_mask_batch(payoffs: np.ndarray, atol: float) -> np.ndarray:
    """Pure Nash equilibria of many games of the same shape in one vectorised call.

    Parameters
    ----------
    payoffs : ndarray
        Shape ``(batch, n, s_1, ..., s_n)``: a stack of payoff arrays.
    atol : float or array_like
        Absolute regret tolerance: a scalar, one value per game (shape ``(batch,)``)
        or one per game and player (shape ``(batch, n)``). On normalised payoffs
        (:func:`~triangle.game.normalize`) it is the relative tolerance itself.

    Returns
    -------
    ndarray of bool
        Shape ``(batch, s_1, ..., s_n)``.

    Examples
    --------
    Matching Pennies has no pure equilibrium, a coordination game has two:

    >>> mp = [[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]
    >>> coord = [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]
    >>> mask = pure_nash_mask_batch(np.array([mp, coord], dtype=float), 1e-9)
    >>> mask.sum(axis=(1, 2)).tolist()
    [0, 2]
    """
    payoffs = np.asarray(payoffs, dtype=float)
    if payoffs.ndim < 3 or payoffs.ndim != payoffs.shape[1] + 2:
        raise ValueError(
            f"payoffs of shape {payoffs.shape}: expected (batch, n, s_1, ..., s_n) with n players"
        )
    batch, n = payoffs.shape[:2]
    atol_arr = per_player(atol, batch, n)
    mask = np.ones((batch, *payoffs.shape[2:]), dtype=bool)
    for i in range(n):
        own = payoffs[:, i]
        # player i's strategy axis is axis 1 + i of `own`; one trailing singleton per
        # strategy axis, so that the tolerance broadcasts per game
        best = own.max(axis=1 + i, keepdims=True)
        mask &= best - own <= atol_arr[:, i].reshape((batch,) + (1,) * n)
    return mask


def pure_equilibria(game: Game, *, tol: float = DEFAULT_TOL) -> tuple[Equilibrium, ...]:
    """Every pure-strategy Nash equilibrium of an N-player game.

    Parameters
    ----------
    game : Game
    tol : float
        Relative regret tolerance (times each player's payoff range, see
        :mod:`triangle.equilibria.tolerance`).

    Returns
    -------
    tuple of Equilibrium
        In lexicographic order of the strategy indices, each verified by
        :func:`~triangle.equilibria.result.make_equilibrium` and tagged
        ``methods=("pure",)``. The list is complete: every pure profile is checked.

    Examples
    --------
    Battle of the Sexes has two pure equilibria:

    >>> bos = Game.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> [e.pure_profile for e in pure_equilibria(bos)]
    [(0, 0), (1, 1)]
    """
    mask = pure_nash_mask(game.normalized, tol)
    found = []
    for picks in np.argwhere(mask):  # row-major order = lexicographic order
        profile = [np.eye(m)[k] for m, k in zip(game.shape, picks, strict=True)]
        eq = make_equilibrium(game, profile, methods=("pure",), tol=tol)
        if eq is None:  # the kernel and the regret check disagree: a bug, not a user error
            raise SolverError(f"pure profile {tuple(picks.tolist())} failed the regret check")
        found.append(eq)
    return tuple(found)
