"""Weak and strict dominance by pure strategies, one round."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import support
from hypothesis import given, settings
from support import games

from triangle.equilibria.dominance import (
    dominance_matrices,
    strictly_dominated,
    weakly_dominated,
)
from triangle.equilibria.regret import regret_tolerance
from triangle.game import Game


def brute_force(game: Game, atol: float) -> tuple[list[list[int]], list[list[int]]]:
    """Weakly and strictly dominated strategies by explicit loops."""
    weak, strict = [], []
    for i, m in enumerate(game.shape):
        others = [range(s) for j, s in enumerate(game.shape) if j != i]
        weak_i, strict_i = [], []
        for k in range(m):
            w = s = False
            for other in range(m):
                if other == k:
                    continue
                never_worse = always_better = True
                sometimes_better = False
                for rest in itertools.product(*others):
                    prof_l = rest[:i] + (other,) + rest[i:]
                    prof_k = rest[:i] + (k,) + rest[i:]
                    d = game.payoffs[(i, *prof_l)] - game.payoffs[(i, *prof_k)]
                    never_worse &= d >= -atol
                    sometimes_better |= d > atol
                    always_better &= d > atol
                w |= never_worse and sometimes_better
                s |= always_better
            if w:
                weak_i.append(k)
            if s:
                strict_i.append(k)
        weak.append(weak_i)
        strict.append(strict_i)
    return weak, strict


def test_prisoners_dilemma():
    assert strictly_dominated(support.PD) == ((0,), (0,))
    assert weakly_dominated(support.PD) == ((0,), (0,))


def test_weak_but_not_strict():
    assert weakly_dominated(support.WD) == ((1,), (1,))
    assert strictly_dominated(support.WD) == ((), ())


def test_no_dominance_in_games_of_pure_conflict_or_coordination():
    for game in (support.MP, support.RPS, support.BOS, support.MM, support.COORD3):
        assert weakly_dominated(game) == ((),) * game.n_players


def test_identical_strategies_do_not_dominate_each_other():
    g = Game.from_bimatrix([[1, 2], [1, 2], [0, 2]], [[0, 0], [0, 0], [0, 0]])
    # T and M are payoff-equivalent; both weakly dominate B; the column player is indifferent
    assert weakly_dominated(g) == ((2,), ())
    weak, strict = dominance_matrices(g.payoffs, 0, 1e-9)
    assert not weak[0, 1] and not weak[1, 0]
    assert weak[0, 2] and weak[1, 2] and not strict.any()


def test_three_player_dominance_checks_every_opponent_profile():
    payoffs = np.zeros((3, 2, 2, 2))
    # player 2 (axis 2): strategy 0 beats strategy 1 by 1 except when P1=1, P3=1, where they tie
    payoffs[1, :, 0, :] = 1.0
    payoffs[1, 1, 1, 1] = 1.0
    # player 3: strategy 1 better by 2 everywhere
    payoffs[2, :, :, 1] = 2.0
    g = Game.from_arrays(*payoffs)
    assert weakly_dominated(g) == ((), (1,), (0,))
    assert strictly_dominated(g) == ((), (), (0,))


def test_differences_within_tolerance_are_ties():
    # Row's payoffs range over 1: a difference of 1e-8 is a tie at tol 1e-6, not at 1e-10
    g = Game.from_bimatrix([[2.0, 1.0], [2.0, 1.0 - 1e-8]], [[0.0, 0.0], [0.0, 0.0]])
    assert weakly_dominated(g, tol=1e-6) == ((), ())
    assert weakly_dominated(g, tol=1e-10) == ((1,), ())


def test_single_strategy_player_has_nothing_dominated():
    g = Game.from_bimatrix([[1, 0]], [[0, 1]])
    assert weakly_dominated(g) == ((), (0,))
    assert strictly_dominated(g) == ((), (0,))


@settings(max_examples=120)
@given(games(n_players=(2, 3), max_strategies=4, min_value=-2, max_value=2))
def test_matches_brute_force_on_integer_games(game):
    # few payoff values: ties, and so weak-but-not-strict dominance, are common
    weak, strict = brute_force(game, regret_tolerance(game))
    assert weakly_dominated(game) == tuple(tuple(w) for w in weak)
    assert strictly_dominated(game) == tuple(tuple(s) for s in strict)


@settings(max_examples=60)
@given(games(n_players=(2, 3), max_strategies=3, integer=False))
def test_matches_brute_force_on_float_games(game):
    weak, strict = brute_force(game, regret_tolerance(game))
    assert weakly_dominated(game) == tuple(tuple(w) for w in weak)
    assert strictly_dominated(game) == tuple(tuple(s) for s in strict)


@settings(max_examples=60)
@given(games(n_players=(2, 3), max_strategies=4, min_value=-2, max_value=2))
def test_strictly_dominated_strategies_are_weakly_dominated(game):
    weak = weakly_dominated(game)
    for i, ks in enumerate(strictly_dominated(game)):
        assert set(ks) <= set(weak[i])


@pytest.mark.parametrize("player", [0, 1])
def test_matrices_have_an_empty_diagonal(player):
    weak, strict = dominance_matrices(support.RPS.payoffs, player, 0.0)
    assert weak.shape == strict.shape == (3, 3)
    assert not weak.diagonal().any() and not strict.diagonal().any()
