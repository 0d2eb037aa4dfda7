"""Hypothesis strategies shared by the tests: random games and mixed profiles."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

from triangle.game import Game


@st.composite
def games(
    draw: st.DrawFn,
    n_players: int | Sequence[int] = 2,
    max_strategies: int = 4,
    *,
    min_strategies: int = 1,
    integer: bool = True,
    min_value: int = -10,
    max_value: int = 10,
) -> Game:
    """Random normal-form games.

    Parameters
    ----------
    n_players : int or sequence of int
        The number of players, or the numbers to choose from.
    max_strategies, min_strategies : int
        Bounds on each player's number of strategies.
    integer : bool
        Integer payoffs in ``[min_value, max_value]`` (exact arithmetic possible,
        many ties) or floats in the same range.
    """
    n = draw(st.sampled_from(tuple(n_players) if isinstance(n_players, Sequence) else (n_players,)))
    shape = tuple(
        draw(st.integers(min_strategies, max_strategies), label=f"strategies {i}") for i in range(n)
    )
    size = n * int(np.prod(shape))
    if integer:
        values = st.integers(min_value, max_value)
    else:
        values = st.floats(min_value, max_value, allow_nan=False, allow_infinity=False)
    flat = draw(st.lists(values, min_size=size, max_size=size))
    payoffs = np.array(flat, dtype=float).reshape((n, *shape))
    return Game.from_arrays(*payoffs)


@st.composite
def rational_profiles(
    draw: st.DrawFn, game: Game, max_weight: int = 12
) -> tuple[tuple[Fraction, ...], ...]:
    """Random mixed profiles of ``game`` with rational probabilities (some may be pure)."""
    out = []
    for m in game.shape:
        weights = draw(st.lists(st.integers(0, max_weight), min_size=m, max_size=m))
        if sum(weights) == 0:
            weights[draw(st.integers(0, m - 1))] = 1
        total = sum(weights)
        out.append(tuple(Fraction(w, total) for w in weights))
    return tuple(out)


@st.composite
def mixed_profiles(draw: st.DrawFn, game: Game) -> tuple[np.ndarray, ...]:
    """Random mixed profiles of ``game``: one probability vector per player."""
    exact = draw(rational_profiles(game))
    return tuple(np.array([float(x) for x in sigma]) for sigma in exact)


@st.composite
def games_and_profiles(draw: st.DrawFn, **game_options) -> tuple[Game, tuple[np.ndarray, ...]]:
    game = draw(games(**game_options))
    return game, draw(mixed_profiles(game))
