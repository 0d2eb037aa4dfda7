"""Every numerical tolerance of the solvers, and the scale each is relative to.

A tolerance is *relative to the payoff range of the player concerned*: player ``i``'s
absolute tolerance is ``tol × (max − min of i's payoffs)``, and exactly 0 for a player
whose payoffs are all equal (indifferent everywhere). There is no absolute floor, so
whether a profile is an equilibrium, whether a strategy is a best reply or dominated,
and whether two payoffs tie do not change when one player's payoffs are multiplied by
a positive number and shifted, whatever the other players' units. The checks
themselves compare *normalised* payoffs (:attr:`triangle.game.Game.normalized`,
each player's mapped onto ``[0, 1]``) with ``tol`` directly.

Probabilities need no scale: they lie in ``[0, 1]``.
"""

from __future__ import annotations

import numpy as np

from triangle.game import payoff_ranges

__all__ = [
    "DEFAULT_TOL",
    "PURE_ATOL",
    "TIE_RTOL",
    "payoff_spread",
    "per_player",
    "player_tolerances",
    "positive_image",
    "regret_tolerance",
]

DEFAULT_TOL = 1e-9
"""Default relative tolerance on regret, best replies, dominance and verdicts (times
the payoff range of the player concerned)."""

PURE_ATOL = 1e-9
"""A probability within this of 0 counts as 0, within this of 1 as 1 (a pure strategy)."""

TIE_RTOL = 1e-7
"""Two expected payoffs closer than this (relative to the player's range) count as
tied in the regularity test, and a support system with condition number above
``1 / TIE_RTOL**2`` counts as singular: near-degenerate games are reported as
degenerate, never the other way round."""


def player_tolerances(
    payoffs: np.typing.ArrayLike, tol: float = DEFAULT_TOL, batch_dims: int = 0
) -> np.ndarray:
    """Each player's absolute tolerance: ``tol`` times its own payoff range.

    Parameters
    ----------
    payoffs : array_like or Game
        ``(n, s_1, ..., s_n)``, or with ``batch_dims`` leading batch axes.
    tol : float
        Relative tolerance.

    Returns
    -------
    ndarray
        Shape ``(*batch, n)``, in each player's payoff units; 0 for a player whose
        payoffs are all equal.

    Examples
    --------
    >>> player_tolerances(np.array([[[0.0, 4e-12]], [[5.0, 5.0]]]), 0.25).tolist()
    [1e-12, 0.0]
    """
    return tol * payoff_ranges(getattr(payoffs, "payoffs", payoffs), batch_dims)


def per_player(atol: np.typing.ArrayLike, batch: int, n: int) -> np.ndarray:
    """A tolerance given as a scalar, one per game ``(batch,)`` or one per game and
    player ``(batch, n)``, as an array of shape ``(batch, n)``.

    >>> per_player(0.5, 2, 3).shape, per_player([1.0, 2.0], 2, 3)[1].tolist()
    ((2, 3), [2.0, 2.0, 2.0])
    """
    array = np.asarray(atol, dtype=float)
    if array.ndim == 0:
        return np.full((batch, n), float(array))
    if array.shape == (batch,):
        return np.repeat(array[:, np.newaxis], n, axis=1)
    if array.shape == (batch, n):
        return array
    raise ValueError(f"atol must be a scalar, ({batch},) or ({batch}, {n}); got {array.shape}")


def regret_tolerance(game, tol: float = DEFAULT_TOL, player: int | None = None) -> float:
    """Absolute tolerance of one player of ``game`` (``tol`` × its payoff range), or the
    largest of them when ``player`` is ``None`` (a bound for a quantity of unknown
    player, such as a max regret over all players)."""
    tolerances = player_tolerances(game, tol)
    return float(tolerances.max() if player is None else tolerances[player])


def payoff_spread(payoffs: np.typing.ArrayLike, batch_dims: int = 0) -> np.ndarray | float:
    """The largest payoff range of any player (at least the smallest positive float),
    of a game or of each game of a batch: the scale of a quantity that mixes players,
    such as a plotted gain.

    >>> payoff_spread(np.array([[[0.0, 3.0]], [[-1.0, 0.5]]]))
    3.0
    """
    ranges = payoff_ranges(getattr(payoffs, "payoffs", payoffs), batch_dims)
    spread = np.maximum(ranges.max(axis=-1), np.finfo(float).tiny)
    return float(spread) if batch_dims == 0 else spread


def positive_image(matrix: np.ndarray) -> np.ndarray:
    """A positive affine image of a payoff matrix, with entries in ``[1, 2]``.

    Equilibria do not change under a positive affine transform of one player's
    payoffs; the best-response polytopes of vertex enumeration and Lemke–Howson need
    positive payoffs.

    >>> positive_image(np.array([[-2.0, 0.0], [2.0, 0.0]])).tolist()
    [[1.0, 1.5], [2.0, 1.5]]
    """
    matrix = np.asarray(matrix, dtype=float)
    low = matrix.min()
    spread = float(matrix.max() - low)
    if spread <= 0:
        return np.ones_like(matrix)
    return (matrix - low) / spread + 1.0


def hidden_differences(game, tol: float = DEFAULT_TOL) -> list[str]:
    """Notes on payoffs a player tells apart that the tolerance counts as equal.

    Every check compares a player's payoffs to within ``tol`` times its payoff range,
    so two payoffs closer than that are ties. When they differ by more than
    floating-point noise (a relative 1e-12 of their own size), the difference was meant
    and is lost: typically one payoff far larger than the rest (``1`` and ``0`` next to
    ``1.2e38``). Then the answer may differ from what the numbers say, and the note says
    which payoffs to rescale.

    Parameters
    ----------
    game : Game
    tol : float
        Relative tolerance (of each player's range).

    Returns
    -------
    list of str
        One note per player concerned (none for ordinary games).

    Examples
    --------
    >>> from triangle.game import Game
    >>> g = Game.from_bimatrix([[1, 0], [0, 1.23e38]], [[1, 0], [0, 1]])
    >>> hidden_differences(g)
    ["P1's payoffs at (s1, s2) and (s1, s1) differ by less than 1e-09 of its payoff \
range, so they count as equal: rescale its largest payoffs to see the difference"]
    """
    notes = []
    for player, values, span in zip(game.players, game.payoffs, game.ranges, strict=True):
        unique = np.unique(values)
        if unique.size < 2:
            continue
        gaps = np.diff(unique)
        size = np.maximum(np.abs(unique[:-1]), np.abs(unique[1:]))
        lost = (gaps <= tol * span) & (gaps > 1e-12 * size)
        if lost.any():
            k = int(np.flatnonzero(lost)[0])
            where = [
                np.unravel_index(int(np.flatnonzero(values == v)[0]), values.shape)
                for v in unique[k : k + 2]
            ]
            named = [
                "(" + ", ".join(game.strategies[j][int(x)] for j, x in enumerate(w)) + ")"
                for w in where
            ]
            notes.append(
                f"{player}'s payoffs at {named[0]} and {named[1]} differ by less than "
                f"{tol:.0e} of its payoff range, so they count as equal: rescale its "
                "largest payoffs to see the difference"
            )
    return notes
