"""Every numerical tolerance of the solvers, and the payoff scale they are relative to.

Tolerances are *relative*: an absolute tolerance is ``tol`` times the payoff spread of
the game (largest minus smallest payoff, at least 1), so that whether a profile is
an equilibrium does not change when payoffs are multiplied by a positive number or
shifted. The probabilities of a mixed profile need no scale: they lie in ``[0, 1]``.
"""

from __future__ import annotations

import numpy as np

DEFAULT_TOL = 1e-9
"""Default relative tolerance on regret, dominance and verdicts (times the spread)."""

PURE_ATOL = 1e-9
"""A probability within this of 0 counts as 0, within this of 1 as 1 (a pure strategy)."""

TIE_RTOL = 1e-7
"""Two expected payoffs closer than this (times the spread) count as tied in the
regularity test, and a support system with condition number above ``1 / TIE_RTOL**2``
counts as singular: near-degenerate games are reported as degenerate, never the
other way round."""


def payoff_spread(payoffs: np.typing.ArrayLike, batch_dims: int = 0) -> np.ndarray | float:
    """Largest minus smallest payoff, at least 1, of a game or of each game of a batch.

    Parameters
    ----------
    payoffs : array_like or Game
        A payoff array ``(n, s_1, ..., s_n)`` (or a :class:`~triangle.game.Game`), or
        a batch of them with ``batch_dims`` leading axes.
    batch_dims : int
        Number of leading batch axes.

    Returns
    -------
    float or ndarray
        A float for a single game, else an array of the batch shape.

    Examples
    --------
    >>> payoff_spread(np.array([[[0.0, 3.0]], [[-1.0, 0.5]]]))
    4.0
    >>> payoff_spread(np.zeros((2, 2, 2))), payoff_spread(np.ones((3, 2, 1, 1)), 1).tolist()
    (1.0, [1.0, 1.0, 1.0])
    """
    array = np.asarray(getattr(payoffs, "payoffs", payoffs), dtype=float)
    flat = array.reshape(array.shape[:batch_dims] + (-1,))
    spread = np.maximum(1.0, flat.max(axis=-1) - flat.min(axis=-1))
    return float(spread) if batch_dims == 0 else spread


def regret_tolerance(game, tol: float = DEFAULT_TOL) -> float:
    """Absolute regret tolerance for ``game``: ``tol`` times its payoff spread."""
    return tol * payoff_spread(game)


def positive_image(matrix: np.ndarray) -> np.ndarray:
    """A positive affine image of a payoff matrix, with entries in ``[1, 2]``.

    Equilibria do not change under a positive affine transform of one player's
    payoffs; the best-response polytopes of vertex enumeration and Lemke–Howson need
    positive payoffs.

    >>> positive_image(np.array([[-2.0, 0.0], [2.0, 0.0]])).tolist()
    [[1.0, 1.5], [2.0, 1.5]]
    """
    matrix = np.asarray(matrix, dtype=float)
    spread = max(float(matrix.max() - matrix.min()), 1e-300)
    return (matrix - matrix.min()) / spread + 1.0
