"""The shared hypothesis strategies produce what they promise."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from support import games, mixed_profiles, rational_profiles

from triangle.equilibria.regret import as_profile
from triangle.game import Game


@settings(max_examples=60)
@given(st.data(), st.sampled_from([2, 3, (2, 3)]), st.integers(1, 4), st.booleans())
def test_games_respect_their_bounds(data, n_players, max_strategies, integer):
    game = data.draw(games(n_players=n_players, max_strategies=max_strategies, integer=integer))
    assert isinstance(game, Game)
    allowed = n_players if isinstance(n_players, tuple) else (n_players,)
    assert game.n_players in allowed
    assert all(1 <= m <= max_strategies for m in game.shape)
    assert game.payoffs.shape == (game.n_players, *game.shape)
    assert np.all(np.isfinite(game.payoffs))
    assert np.all(np.abs(game.payoffs) <= 10)
    if integer:
        assert np.array_equal(game.payoffs, np.round(game.payoffs))


@settings(max_examples=60)
@given(st.data(), st.sampled_from([2, 3]))
def test_profiles_are_probability_vectors_of_the_game(data, n_players):
    game = data.draw(games(n_players=n_players, max_strategies=4))
    exact = data.draw(rational_profiles(game))
    assert [len(s) for s in exact] == list(game.shape)
    for sigma in exact:
        assert sum(sigma) == 1
        assert all(isinstance(x, Fraction) and x >= 0 for x in sigma)
    profile = data.draw(mixed_profiles(game))
    checked = as_profile(game, profile)  # raises if not a valid profile
    for sigma in checked:
        assert np.all(sigma >= 0)
        assert abs(sigma.sum() - 1.0) < 1e-12


def test_min_strategies_is_respected():
    @settings(max_examples=20)
    @given(games(n_players=3, max_strategies=3, min_strategies=2))
    def check(game):
        assert all(2 <= m <= 3 for m in game.shape)

    check()
