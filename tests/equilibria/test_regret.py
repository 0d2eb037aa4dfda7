"""Regret, expected payoffs, best responses and profile validation."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
import support
from hypothesis import given, settings
from hypothesis import strategies as st
from support import games, rational_profiles

from triangle.equilibria.regret import (
    as_profile,
    best_responses,
    expected_payoffs,
    is_nash,
    max_regret,
    regret_tolerance,
    regrets,
)
from triangle.game import Game


def test_exact_regrets_on_small_games():
    # Prisoner's Dilemma at mutual cooperation: each gains 5 - 3 = 2 by defecting
    assert np.allclose(regrets(support.PD, ["C", "C"]), [2, 2], atol=1e-12)
    # Matching Pennies at (H, H): the row player matched and is content, the column loses 2
    assert np.allclose(regrets(support.MP, ["H", "H"]), [0, 2], atol=1e-12)
    # Battle of the Sexes, both mixing 1/2: row O 1.5, F 1 -> 1.25; column O 1, F 1.5 -> 1.25
    half = [0.5, 0.5]
    assert np.allclose(expected_payoffs(support.BOS, [half, half]), [1.25, 1.25], atol=1e-12)
    assert np.allclose(regrets(support.BOS, [half, half]), [0.25, 0.25], atol=1e-12)
    assert max_regret(support.BOS, [half, half]) == pytest.approx(0.25, abs=1e-12)
    # Rock-Paper-Scissors against pure rock: paper gains 1
    assert np.allclose(regrets(support.RPS, ["R", "R"]), [1, 1], atol=1e-12)


def test_best_responses():
    assert best_responses(support.PD, ["C", "C"], "row") == (1,)
    assert best_responses(support.MP, [[0.5, 0.5], [0.5, 0.5]], "col") == (0, 1)
    assert best_responses(support.RPS, ["R", [1 / 3, 1 / 3, 1 / 3]], 0) == (0, 1, 2)


@pytest.mark.parametrize("known", support.ALL, ids=lambda k: k.name)
def test_every_known_equilibrium_is_nash(known):
    for exact in known.equilibria:
        assert support.exact_max_regret(known.game, exact) == 0
        profile = support.as_float(exact)
        assert is_nash(known.game, profile)
        assert max_regret(known.game, profile) <= regret_tolerance(known.game)


@pytest.mark.parametrize("known", support.ALL, ids=lambda k: k.name)
def test_other_pure_profiles_are_rejected(known):
    equilibria = set(support.pure_equilibria_of(known))
    for picks in itertools.product(*(range(m) for m in known.game.shape)):
        assert is_nash(known.game, list(picks)) == (picks in equilibria)


@pytest.mark.parametrize("known", support.ALL, ids=lambda k: k.name)
def test_perturbed_mixed_equilibria_are_rejected(known):
    for exact in known.equilibria:
        if all(max(sigma) == 1 for sigma in exact):
            continue
        profile = [s.copy() for s in support.as_float(exact)]
        # move 1% of some mixing player's weight between two strategies of its support
        i = next(i for i, s in enumerate(profile) if np.count_nonzero(s) > 1)
        a, b = np.flatnonzero(profile[i])[:2]
        profile[i][a] += 0.01
        profile[i][b] -= 0.01
        assert not is_nash(known.game, profile)


@settings(max_examples=60)
@given(st.data(), st.sampled_from([2, 3]))
def test_float_regrets_match_exact_rational_regrets(data, n_players):
    game = data.draw(games(n_players=n_players, max_strategies=3))
    exact = data.draw(rational_profiles(game))
    expected = support.exact_regrets(game, exact)
    got = regrets(game, [np.array([float(x) for x in s]) for s in exact])
    assert np.allclose(got, [float(x) for x in expected], atol=1e-9, rtol=0)


@settings(max_examples=60)
@given(
    st.data(),
    st.sampled_from([2, 3]),
    st.lists(st.floats(0.1, 50), min_size=3, max_size=3),
    st.lists(st.floats(-100, 100), min_size=3, max_size=3),
)
def test_positive_affine_transforms_keep_the_verdict(data, n_players, scales, shifts):
    game = data.draw(games(n_players=n_players, max_strategies=3))
    a = np.array(scales[:n_players]).reshape((n_players,) + (1,) * n_players)
    b = np.array(shifts[:n_players]).reshape((n_players,) + (1,) * n_players)
    moved = game.with_payoffs(a * game.payoffs + b)
    # pure profiles of an integer game have regret 0 or >= 1: the verdict must not change
    verdicts = []
    for picks in itertools.product(*(range(m) for m in game.shape)):
        verdicts.append(is_nash(game, list(picks)))
        assert is_nash(moved, list(picks)) == verdicts[-1]
    # regrets scale with each player's factor
    exact = data.draw(rational_profiles(game))
    profile = [np.array([float(x) for x in s]) for s in exact]
    assert np.allclose(
        regrets(moved, profile),
        np.array(scales[:n_players]) * regrets(game, profile),
        atol=1e-7,
        rtol=1e-9,
    )


@pytest.mark.parametrize("known", support.ALL, ids=lambda k: k.name)
def test_known_equilibria_survive_affine_transforms(known):
    n = known.game.n_players
    shape = (n,) + (1,) * n
    moved = known.game.with_payoffs(
        np.arange(1, n + 1).reshape(shape) * 7.5 * known.game.payoffs - 3.0
    )
    for exact in known.equilibria:
        assert is_nash(moved, support.as_float(exact))


def test_as_profile_accepts_names_indices_and_vectors():
    prof = as_profile(support.BOS, ["O", 1])
    assert [s.tolist() for s in prof] == [[1.0, 0.0], [0.0, 1.0]]
    prof = as_profile(support.BOS, [[0.25, 0.75], (F(1, 2), F(1, 2))])
    assert np.allclose(prof[0], [0.25, 0.75]) and np.allclose(prof[1], [0.5, 0.5])


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        (["O"], "profile has 1 entries, game has 2 players"),
        ([[1, 0, 0], "O"], "row: vector of length"),
        ([[1.5, -0.5], "O"], "is not a probability vector"),
        ([[0.5, 0.4], "O"], "is not a probability vector"),
    ],
)
def test_as_profile_rejects_invalid_profiles(profile, message):
    with pytest.raises(ValueError, match=message):
        as_profile(support.BOS, profile)


def test_as_profile_rejects_unknown_strategies():
    with pytest.raises(KeyError, match="unknown strategy 'X' of row"):
        as_profile(support.BOS, ["X", "O"])
    with pytest.raises(KeyError, match="col has no strategy number 2"):
        as_profile(support.BOS, ["O", 2])


def test_regret_tolerance_is_relative_to_each_players_range():
    assert regret_tolerance(support.BOS, 1e-6) == pytest.approx(3e-6)
    tiny = Game.from_bimatrix([[0, 0.1], [0, 0]], [[0, 0], [0, 0]])
    # no floor: Row's range is 0.1, Column is indifferent everywhere (exactly 0)
    assert regret_tolerance(tiny, 1e-6, 0) == pytest.approx(1e-7)
    assert regret_tolerance(tiny, 1e-6, 1) == 0.0


def test_expected_value_contracts_every_axis():
    from triangle.equilibria.regret import expected_value

    rng = np.random.default_rng(3)
    array = rng.normal(size=(2, 3, 4))
    profile = [rng.dirichlet(np.ones(m)) for m in array.shape]
    assert expected_value(array, profile) == pytest.approx(
        float(np.einsum("abc,a,b,c->", array, *profile))
    )
