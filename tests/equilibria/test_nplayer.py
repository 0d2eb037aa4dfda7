"""Equilibria of games with three or more players with pygambit, time-limited."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest
import support
from hypothesis import given, settings
from hypothesis import strategies as st
from support import games

from triangle.equilibria.methods import DEFAULT_GAMBIT_METHODS as DEFAULT_METHODS
from triangle.equilibria.methods import GAMBIT_METHODS
from triangle.equilibria.nplayer import nplayer_solve
from triangle.equilibria.pure import pure_equilibria
from triangle.equilibria.regret import max_regret, regret_tolerance
from triangle.equilibria.regularity import is_regular, polish
from triangle.errors import TriangleInputError
from triangle.game import Game

ATOL = 1e-7


def same_profile(a, b, atol: float = ATOL) -> bool:
    return all(
        np.allclose(np.asarray(x, float), np.asarray(y, float), atol=atol, rtol=0)
        for x, y in zip(a, b, strict=True)
    )


def contains(found, expected, atol: float = ATOL) -> bool:
    return all(any(same_profile(f, e, atol) for f in found) for e in expected)


def same_set(found, expected, atol: float = ATOL) -> bool:
    return (
        len(found) == len(expected)
        and contains(found, expected, atol)
        and contains(expected, found, atol)
    )


def profiles(result):
    return [e.profile for e in result.equilibria]


def assert_verified(result) -> None:
    """Verified profiles (tests/support.py), each credited to a Gambit method."""
    support.assert_verified(result)
    for eq in result.equilibria:
        assert eq.methods and all(m.startswith("gambit.") for m in eq.methods)


def random_game(shape, seed):
    rng = np.random.default_rng(seed)
    return Game.from_arrays(*rng.random((len(shape), *shape)))


# -- known games --------------------------------------------------------------------------------


def test_mckelvey_mclennan_enumpoly_finds_eight_and_the_notes_say_one_is_missing():
    # pygambit 17's enumpoly misses one of the nine equilibria (derived by hand in
    # tests/support.py; 16.x found all nine): the even count gives it away
    result = nplayer_solve(support.MM, methods=("enumpoly",))
    assert_verified(result)
    assert contains(support.MCKELVEY_MCLENNAN.equilibria, profiles(result))
    assert not result.complete
    count = len(result.equilibria)
    if count == 8:
        assert any(
            "gambit found 8 equilibria, all regular: an even number" in n for n in result.notes
        )
    # exact values of a totally mixed one: (2/5, 1/2, 1/3)
    target = ((F(2, 5), F(3, 5)), (F(1, 2), F(1, 2)), (F(1, 3), F(2, 3)))
    assert contains(profiles(result), [target], atol=1e-9)


def test_coordination_3_default_methods():
    result = nplayer_solve(support.COORD3)
    assert_verified(result)
    assert same_set(profiles(result), support.COORDINATION_3.equilibria)
    assert result.methods == tuple(f"gambit.{m}" for m in DEFAULT_METHODS)
    # the totally mixed equilibrium is found by every default method
    mixed = [e for e in result.equilibria if e.kind == "mixed"]
    assert len(mixed) == 1
    assert set(mixed[0].methods) == {"gambit.enumpoly", "gambit.gnm", "gambit.logit"}


@pytest.mark.parametrize("method", GAMBIT_METHODS)
def test_every_method_returns_verified_equilibria(method):
    result = nplayer_solve(support.COORD3, methods=(method,), timeout=20.0)
    assert_verified(result)
    assert result.equilibria, result.notes
    assert contains(support.COORDINATION_3.equilibria, profiles(result))


def test_non_equilibrium_output_is_dropped(monkeypatch):
    # a method's profile that is not an equilibrium (regret 4.5, beyond repair) is dropped,
    # with a note; the good one beside it is kept
    from triangle.equilibria.backends import gambit

    def run(method, payoffs):
        return [[0.5, 0.5, 1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0, 1.0, 0.0]], []

    monkeypatch.setattr(gambit, "_run", run)
    result = nplayer_solve(support.MM, methods=("logit",))
    assert_verified(result)
    assert [eq.pure_profile for eq in result.equilibria] == [(0, 0, 0)]
    assert any("failed the regret check" in n for n in result.notes)


# -- time limit ---------------------------------------------------------------------------------


def test_time_limit_stops_a_method_that_does_not_end():
    # enumpoly does not finish on a random 8x8x8 game (checked for ten minutes)
    game = random_game((8, 8, 8), seed=1)
    result = nplayer_solve(game, methods=("enumpoly", "enumpure"), timeout=1.0)
    assert "gambit enumpoly stopped after 1 s" in result.notes
    assert_verified(result)
    assert all(e.methods == ("gambit.enumpure",) for e in result.equilibria)


def test_tiny_time_limit_on_bigger_game():
    game = random_game((4, 4, 4), seed=0)
    result = nplayer_solve(game, methods=("enumpoly",), timeout=0.01)
    assert result.notes[0] == "gambit enumpoly stopped after 0.01 s"
    assert result.equilibria == ()
    assert not result.complete


# -- determinism, regularity, polishing -------------------------------------------------------


def test_deterministic_across_runs():
    game = random_game((3, 3, 3), seed=0)
    first = nplayer_solve(game, methods=("enumpoly", "simpdiv", "enumpure"))
    second = nplayer_solve(game, methods=("enumpoly", "simpdiv", "enumpure"))
    assert len(first.equilibria) == len(second.equilibria) >= 1
    for a, b in zip(first.equilibria, second.equilibria, strict=True):
        assert all(np.array_equal(x, y) for x, y in zip(a.profile, b.profile, strict=True))
        assert a.methods == b.methods
    assert first.notes == second.notes


def test_degenerate_game_noted():
    # Player 3 is indifferent everywhere: no equilibrium is regular.
    payoffs = np.array(support.MM.payoffs)
    payoffs[2] = 0.0
    game = Game.from_arrays(*payoffs)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # enumpoly does not end on this game: the time limit is part of the test
        result = nplayer_solve(game, methods=("enumpoly", "enumpure"), timeout=2.0)
    assert caught == []
    assert_verified(result)
    assert result.equilibria
    assert any("not regular" in n and "degenerate" in n for n in result.notes)


def test_is_regular_on_known_equilibria():
    for profile in support.MCKELVEY_MCLENNAN.equilibria:
        prof = [np.array([float(p) for p in s]) for s in profile]
        assert is_regular(support.MM, prof)
    # (A, A, A) in pure coordination is strict; so is the mixed one regular
    for profile in support.COORDINATION_3.equilibria:
        prof = [np.array([float(p) for p in s]) for s in profile]
        assert is_regular(support.COORD3, prof)


def test_polish_recovers_exact_mixed_equilibrium():
    exact = ((F(1, 2), F(1, 2)), (F(2, 5), F(3, 5)), (F(1, 4), F(3, 4)))
    shifts = (1e-4, -2e-4, 3e-5)
    rough = [
        np.array([float(p) for p in s]) + d * np.array([1.0, -1.0])
        for s, d in zip(exact, shifts, strict=True)
    ]
    assert max_regret(support.MM, rough) > regret_tolerance(support.MM)
    refined = polish(support.MM, rough)
    assert refined is not None
    assert same_profile(refined, exact, atol=1e-12)
    assert max_regret(support.MM, refined) <= regret_tolerance(support.MM)


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("methods", [("lemke_howson",), ("enumpoly", "nope"), ()])
def test_bad_methods(methods):
    with pytest.raises(TriangleInputError, match="valid methods: enumpoly, gnm, logit"):
        nplayer_solve(support.MM, methods=methods)


@pytest.mark.parametrize("timeout", [0.0, -1.0, float("nan")])
def test_bad_timeout(timeout):
    with pytest.raises(TriangleInputError, match="timeout"):
        nplayer_solve(support.MM, timeout=timeout)


# -- properties -------------------------------------------------------------------------------


def assert_pure_agree(result) -> None:
    """Gambit's pure enumeration equals the package's own exact pure equilibria.

    Gambit compares payoff entries exactly, so the package's pure equilibria of the
    game Gambit is given are kept when their regret is exactly 0 in rational
    arithmetic; profiles that are equilibria only within the tolerance (near-ties) are
    left out.
    """
    gambit_pure = [e.profile for e in result.equilibria if "gambit.enumpure" in e.methods]
    # Gambit is given each player's payoffs mapped onto [0, 1] (Game.normalized)
    solved = Game.from_arrays(*result.game.normalized)
    exact = [
        e.profile
        for e in pure_equilibria(solved)
        if support.exact_max_regret(solved, support.pure(solved, *e.pure_profile)) == 0
    ]
    assert same_set(gambit_pure, exact)


@settings(max_examples=10, deadline=None)
@given(
    st.sampled_from([(2, 2, 2), (2, 2, 3), (3, 2, 2), (2, 2, 2, 2)]),
    st.integers(0, 2**32 - 1),
)
def test_generic_random_games(shape, seed):
    game = random_game(shape, seed)
    result = nplayer_solve(game, methods=("enumpoly", "simpdiv", "enumpure"), timeout=10.0)
    assert_verified(result)
    assert result.equilibria
    assert not result.complete
    assert_pure_agree(result)


@settings(max_examples=15, deadline=None)
@given(games(3, max_strategies=2, min_strategies=2, integer=False))
def test_random_games_verified(game):
    # many of these games have ties (zeros are drawn often): no enumpoly, which may
    # not end on degenerate games
    result = nplayer_solve(game, methods=("simpdiv", "enumpure"), timeout=5.0)
    assert_verified(result)
    assert result.equilibria
    assert_pure_agree(result)
