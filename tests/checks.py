"""Assertions shared by the solver tests."""

from __future__ import annotations

import numpy as np

from triangle.equilibria.regret import max_regret, regret_tolerance


def assert_verified(result) -> None:
    """Every equilibrium of a SolveResult is a probability profile of its game with max
    regret within the result's tolerance, recomputed here."""
    game = result.game
    for eq in result.equilibria:
        for sigma, m in zip(eq.profile, game.shape, strict=True):
            assert sigma.shape == (m,)
            assert np.all(sigma >= 0)
            assert abs(sigma.sum() - 1.0) <= 1e-9
        assert max_regret(game, eq.profile) <= regret_tolerance(game, result.tol)
        assert eq.max_regret <= regret_tolerance(game, result.tol)
