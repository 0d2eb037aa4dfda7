"""Regular (isolated) equilibria, and Newton refinement on a support.

An equilibrium is *regular* (Harsanyi 1973) when every player's pure best responses
are exactly the strategies it plays (quasi-strictness) and the Jacobian of its
*support system* — "each player is indifferent among its support strategies, and its
probabilities sum to 1", in the probabilities on the supports — is nonsingular.
A regular equilibrium is isolated: no other equilibrium lies near it, and a game
all of whose equilibria are regular has an odd number of them (Wilson 1971). For
two players a nonsingular support system forces equal support sizes, so the test
is the usual nondegeneracy test of bimatrix games (von Stengel 2002).

:func:`polish` solves the same system by Newton's method to refine an approximate
equilibrium returned by a floating-point solver.

References
----------
J. C. Harsanyi, "Oddness of the number of equilibrium points", *International
Journal of Game Theory* 2, 1973. R. Wilson, "Computing equilibria of N-person
games", *SIAM Journal on Applied Mathematics* 21, 1971. B. von Stengel, "Computing
equilibria for two-person games", *Handbook of Game Theory* 3, ch. 45, 2002.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from triangle.equilibria.regret import contract
from triangle.equilibria.result import support
from triangle.equilibria.tolerance import PURE_ATOL, TIE_RTOL
from triangle.game import Game

__all__ = ["is_regular", "polish", "support_system"]


def support_system(
    payoffs: np.ndarray, profile: Sequence[np.ndarray], supports: Sequence[tuple[int, ...]]
) -> tuple[np.ndarray, np.ndarray]:
    """Residual and Jacobian of "each player is indifferent among its support strategies
    and its probabilities sum to 1", in the probabilities on the supports."""
    n = len(profile)
    offsets = np.cumsum([0, *(len(s) for s in supports)])
    size = int(offsets[-1])
    residual = np.zeros(size)
    jac = np.zeros((size, size))
    for i in range(n):
        first, rest = supports[i][0], supports[i][1:]
        values = contract(payoffs[i], profile, (i,))
        block_rows = slice(offsets[i], offsets[i] + len(rest))
        residual[block_rows] = values[list(rest)] - values[first]
        residual[offsets[i + 1] - 1] = profile[i].sum() - 1.0
        jac[offsets[i + 1] - 1, offsets[i] : offsets[i + 1]] = 1.0
        for j in range(n):
            if j == i:
                continue
            pair = contract(payoffs[i], profile, (i, j))  # axes (i, j) in player order
            if j < i:
                pair = pair.T
            block = pair[np.ix_(list(rest), list(supports[j]))] - pair[first, list(supports[j])]
            jac[block_rows, offsets[j] : offsets[j + 1]] = block
    return residual, jac


def is_regular(game: Game, profile: Sequence[np.ndarray]) -> bool:
    """Whether an equilibrium is quasi-strict with a nonsingular support system.

    True when every player's pure best responses are exactly the strategies it
    plays, and the Jacobian of the system "each player is indifferent among its
    support strategies, and its probabilities sum to 1", in the probabilities on the
    supports, is nonsingular. Such an equilibrium is regular in Harsanyi's sense and
    isolated. Near-ties (within :data:`TIE_RTOL` of the player's payoff range) fail
    the test.

    Examples
    --------
    >>> mp = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> is_regular(mp, [np.array([0.5, 0.5]), np.array([0.5, 0.5])])
    True
    >>> flat = Game.from_arrays(np.zeros((2, 2)), np.zeros((2, 2)))
    >>> is_regular(flat, [np.array([1.0, 0.0]), np.array([1.0, 0.0])])
    False
    """
    payoffs = game.normalized
    prof = [np.asarray(s, dtype=float) for s in profile]
    supports = support(prof)
    for i in range(game.n_players):
        values = contract(payoffs[i], prof, (i,))
        best = tuple(int(k) for k in np.flatnonzero(values >= values.max() - TIE_RTOL))
        if best != supports[i]:
            return False
    _, jac = support_system(payoffs, prof, supports)
    return bool(np.linalg.cond(jac) <= 1.0 / TIE_RTOL**2)


def polish(
    game: Game, profile: Sequence[np.ndarray], support_atol: float = 1e-6, steps: int = 20
) -> list[np.ndarray] | None:
    """Refine an approximate equilibrium by Newton's method on its support system.

    Probabilities above ``support_atol`` define the supports; the others are set to
    0 and Newton's method solves the indifference system on the supports. Returns
    the refined profile, or ``None`` if Newton's method did not converge to a
    probability profile. The caller still verifies the result's regret.

    Examples
    --------
    >>> mp = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [s.tolist() for s in polish(mp, [np.array([0.5001, 0.4999]), np.array([0.5, 0.5])])]
    [[0.5, 0.5], [0.5, 0.5]]
    """
    payoffs = game.normalized
    prof = [np.asarray(s, dtype=float).copy() for s in profile]
    supports = support(prof, support_atol)
    if any(not s for s in supports):
        return None
    for sigma, sup in zip(prof, supports, strict=True):
        mask = np.ones(sigma.shape, dtype=bool)
        mask[list(sup)] = False
        sigma[mask] = 0.0
    offsets = np.cumsum([0, *(len(s) for s in supports)])
    for _ in range(steps):
        residual, jac = support_system(payoffs, prof, supports)
        if np.abs(residual).max() <= 1e-14:
            break
        try:
            step = np.linalg.solve(jac, residual)
        except np.linalg.LinAlgError:
            return None
        for i, sup in enumerate(supports):
            prof[i][list(sup)] -= step[offsets[i] : offsets[i + 1]]
        if not all(np.all(np.isfinite(s)) for s in prof):
            return None
    if any(np.any(s < -PURE_ATOL) for s in prof):
        return None
    return [np.clip(s, 0.0, None) / np.clip(s, 0.0, None).sum() for s in prof]
