"""Pure Nash equilibria: known games, Gambit agreement, the batched kernel."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import support
from hypothesis import given, settings
from hypothesis import strategies as st
from support import games

from triangle.equilibria.pure import pure_equilibria, pure_nash_mask, pure_nash_mask_batch
from triangle.equilibria.regret import regret_tolerance
from triangle.game import Game


def brute_force_pure(payoffs: np.ndarray, atol: float) -> set[tuple[int, ...]]:
    """Pure equilibria by explicit loops over profiles and deviations."""
    n = payoffs.shape[0]
    shape = payoffs.shape[1:]
    found = set()
    for prof in itertools.product(*(range(m) for m in shape)):
        stable = True
        for i in range(n):
            for dev in range(shape[i]):
                other = prof[:i] + (dev,) + prof[i + 1 :]
                if payoffs[(i, *other)] > payoffs[(i, *prof)] + atol:
                    stable = False
        if stable:
            found.add(prof)
    return found


def gambit_pure(game: Game) -> set[tuple[int, ...]]:
    import pygambit as gbt

    g = gbt.StrategicGame.from_arrays(*[a.astype(int) for a in game.payoffs])
    found = set()
    for eq in gbt.nash.enumpure_solve(g).equilibria:
        # pygambit 17: a profile yields one mixed strategy per player
        found.add(tuple([float(p) for _, p in mixed].index(1.0) for mixed in eq))
    return found


@pytest.mark.parametrize("known", support.ALL, ids=lambda k: k.name)
def test_known_games(known):
    found = pure_equilibria(known.game)
    assert tuple(e.pure_profile for e in found) == support.pure_equilibria_of(known)
    for eq in found:
        assert eq.methods == ("pure",)
        assert eq.max_regret <= regret_tolerance(known.game)
        assert np.allclose(eq.payoffs, known.game.payoffs[(slice(None), *eq.pure_profile)])


def test_prisoners_dilemma_mask():
    mask = pure_nash_mask(support.PD.payoffs, 1e-9)
    assert mask.tolist() == [[False, False], [False, True]]


def test_tolerance_decides_near_ties():
    # the row player gains 1e-7 by switching from T to B against L
    g = Game.from_bimatrix([[1.0, 0.0], [1.0 + 1e-7, 0.0]], [[1.0, 0.0], [1.0, 0.0]])
    assert [e.pure_profile for e in pure_equilibria(g, tol=1e-6)] == [(0, 0), (1, 0)]
    assert [e.pure_profile for e in pure_equilibria(g, tol=1e-9)] == [(1, 0)]


def test_single_strategy_players():
    g = Game.from_arrays(*np.array([[[[2.0, 1.0]]], [[[0.0, 0.0]]], [[[1.0, 3.0]]]]))
    assert g.shape == (1, 1, 2)
    assert [e.pure_profile for e in pure_equilibria(g)] == [(0, 0, 1)]
    one = Game.from_arrays([[5.0]], [[-1.0]])
    assert [e.pure_profile for e in pure_equilibria(one)] == [(0, 0)]


def test_games_without_pure_equilibria():
    assert pure_equilibria(support.MP) == ()
    assert pure_equilibria(support.RPS) == ()


def test_order_is_lexicographic():
    found = pure_equilibria(support.COORD3)
    assert [e.pure_profile for e in found] == [(0, 0, 0), (1, 1, 1)]
    identity = Game.from_bimatrix(np.eye(4), np.eye(4))
    assert [e.pure_profile for e in pure_equilibria(identity)] == [(k, k) for k in range(4)]


@pytest.mark.parametrize(
    "bad", [np.zeros((2, 2)), np.zeros((3, 2, 2)), np.zeros(()), np.zeros((2, 2, 2, 2))]
)
def test_mask_rejects_bad_shapes(bad):
    with pytest.raises(ValueError, match="expected"):
        pure_nash_mask(bad, 1e-9)


def test_batch_rejects_bad_shapes_and_tolerances():
    with pytest.raises(ValueError, match="expected"):
        pure_nash_mask_batch(np.zeros((4, 2, 2)), 1e-9)
    with pytest.raises(ValueError, match="atol"):
        pure_nash_mask_batch(np.zeros((4, 2, 2, 2)), np.zeros(3))


@pytest.mark.slow
@settings(max_examples=150)
@given(games(n_players=(2, 3), max_strategies=4, min_value=-3, max_value=3))
def test_agrees_exactly_with_gambit_enumpure(game):
    ours = {e.pure_profile for e in pure_equilibria(game)}
    assert ours == gambit_pure(game)
    assert ours == brute_force_pure(game.payoffs, 0.0)


@settings(max_examples=100)
@given(games(n_players=(2, 3), max_strategies=4, integer=False))
def test_agrees_with_brute_force_on_float_games(game):
    atol = regret_tolerance(game)
    mask = pure_nash_mask(game.payoffs, atol)
    assert set(map(tuple, np.argwhere(mask).tolist())) == brute_force_pure(game.payoffs, atol)


@settings(max_examples=60)
@given(
    st.sampled_from([(2, 2), (3, 1), (2, 3, 2), (3, 3, 3), (2, 2, 2, 2)]),
    st.integers(1, 30),
    st.integers(0, 2**32 - 1),
    st.booleans(),
)
def test_batch_agrees_with_one_game_kernel(shape, batch, seed, per_game_tol):
    rng = np.random.default_rng(seed)
    # few distinct values, so that ties (and so tolerance effects) are common
    payoffs = rng.integers(-2, 3, size=(batch, len(shape), *shape)).astype(float)
    payoffs += rng.choice([0.0, 1e-8], size=payoffs.shape)
    atol = rng.choice([0.0, 1e-7], size=batch) if per_game_tol else 1e-7
    mask = pure_nash_mask_batch(payoffs, atol)
    assert mask.shape == (batch, *shape)
    for k in range(batch):
        one = pure_nash_mask(payoffs[k], float(np.broadcast_to(atol, (batch,))[k]))
        assert np.array_equal(mask[k], one)
