"""Right at every scale: tolerances follow each player's own payoff range, small games
are checked exactly, no two equilibria are merged, notes describe the game.

The regression games are the smallest inputs of each kind that once produced a wrong
answer; the properties draw each kind at random, each player's payoffs scaled and
shifted independently.
"""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import exact_max_regret, games

from triangle.equilibria import solve
from triangle.equilibria.exact import TIE_RTOL, exact_bimatrix_equilibria
from triangle.equilibria.regret import relative_regrets, support_gaps
from triangle.errors import ScenarioError
from triangle.game import Game
from triangle.report import format_solve, solve_report
from triangle.scenario import loads_scenario

MP_A = np.array([[1.0, -1.0], [-1.0, 1.0]])


def pure_profiles(result) -> list[tuple[int, ...]]:
    return [eq.pure_profile for eq in result.equilibria]


def exact_regret(game: Game, profile) -> F:
    exact = [[F(float(p)) for p in sigma] for sigma in profile]
    return exact_max_regret(game, exact)


# -- the regression games ---------------------------------------------------------------


def test_matching_pennies_at_a_tiny_scale_has_one_equilibrium():
    game = Game.from_bimatrix(MP_A * 1e-10, -MP_A * 1e-10)
    result = solve(game)
    assert len(result.equilibria) == 1 and result.complete
    for sigma in result.equilibria[0].profile:
        assert sigma.tolist() == [0.5, 0.5]


def test_a_tiny_advantage_is_an_advantage():
    # Row gets 1e-10 from r1, 0 from r2; Column has one strategy
    game = Game.from_bimatrix([[1e-10], [0.0]], [[0.0], [0.0]])
    result = solve(game)
    assert pure_profiles(result) == [(0, 0)]
    assert not any("indifferent" in n for n in result.notes)


def test_another_players_offset_does_not_loosen_the_tolerance():
    game = Game.from_bimatrix([[1.0], [0.0]], [[-1e9], [-1e9]])
    assert pure_profiles(solve(game)) == [(0, 0)]


def test_offset_prisoners_dilemma_has_only_mutual_defection():
    A = np.array([[3.0, 0.0], [5.0, 1.0]]) + 1e9
    B = np.array([[3.0, 5.0], [0.0, 1.0]]) - 2e9
    result = solve(Game.from_bimatrix(A, B))
    assert pure_profiles(result) == [(1, 1)] and result.complete


@pytest.mark.parametrize("ruin", [-1e3, -1e9, -1e10, -1e12])
def test_a_ruinous_option_leaves_matching_pennies_alone(ruin):
    A = np.vstack([MP_A, [ruin, ruin]])
    B = np.vstack([-MP_A, [0.5, -0.5]])  # not indifferent: a nondegenerate game
    result = solve(Game.from_bimatrix(A, B))
    assert len(result.equilibria) == 1 and result.complete
    x, y = result.equilibria[0].profile
    assert x.tolist() == [0.5, 0.5, 0.0] and y.tolist() == [0.5, 0.5]
    assert not any("missed" in n for n in result.notes)


def near_tie_game(seed: int) -> Game:
    """4×4 integers in [0, 10) plus uniform noise below 1e-6, both players."""
    rng = np.random.default_rng(seed)
    A = rng.integers(0, 10, (4, 4)) + 1e-6 * rng.random((4, 4))
    B = rng.integers(0, 10, (4, 4)) + 1e-6 * rng.random((4, 4))
    return Game.from_bimatrix(A, B)


def test_near_ties_give_the_exact_equilibria_whatever_the_solver():
    # In this game nashpy's vertex enumeration returns, besides the equilibria, a profile
    # with probability 2.6e-7 on a column 4.5e-7 below the best reply: its regret is
    # 1e-13, but it is not an equilibrium. The game is nondegenerate with 5 equilibria.
    game = near_tie_game(1068)
    truth = exact_bimatrix_equilibria(*game.payoffs)
    assert truth.nondegenerate and len(truth.equilibria) == 5
    for method in ("support_enumeration", "vertex_enumeration", "lemke_howson"):
        result = solve(game, method=method)
        assert len(result.equilibria) == 5
        for eq in result.equilibria:
            assert np.all(support_gaps(game, eq.profile) <= 1e-12)
        assert result.complete and not any("degenerate" in n for n in result.notes)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000))
def test_near_tie_games_list_only_exact_equilibria(seed):
    game = near_tie_game(seed)
    truth = exact_bimatrix_equilibria(*game.payoffs)
    result = solve(game, method="vertex_enumeration")
    assert len(result.equilibria) == len(truth.equilibria)
    for exact in truth.equilibria:
        x, y = exact.to_float()
        assert (
            sum(
                np.allclose(eq.profile[0], x, rtol=0, atol=1e-15)
                and np.allclose(eq.profile[1], y, rtol=0, atol=1e-15)
                for eq in result.equilibria
            )
            == 1
        )
    assert result.complete == truth.nondegenerate


# -- no two equilibria merged -------------------------------------------------------------


def test_two_equilibria_a_millionth_apart_are_both_listed():
    # coordination with a huge second payoff K = 2**23: the mixed equilibrium puts
    # 1/(K+1) ~ 1.2e-7 on the second strategies, 1.2e-7 from the pure (first, first)
    K = 2**23
    game = Game.from_bimatrix([[1, 0], [0, K]], [[1, 0], [0, K]])
    result = solve(game)
    assert len(result.equilibria) == 3 and result.complete
    mixed = result.mixed[0]
    assert mixed.profile[0][1] == pytest.approx(1 / (K + 1), rel=1e-12)


def test_two_mixed_equilibria_a_millionth_apart_are_both_listed():
    K = 2**23
    A = [[1, 0, 0], [0, K, 0], [0, 0, K + 1]]
    result = solve(Game.from_bimatrix(A, A))
    supports = {eq.support() for eq in result.mixed}
    assert ((0, 1), (0, 1)) in supports and ((0, 2), (0, 2)) in supports
    assert result.complete and len(result.equilibria) == 7


# -- notes that describe the game -----------------------------------------------------------


def test_a_game_of_indifferent_players_says_every_profile_is_an_equilibrium():
    game = Game.from_arrays(*np.zeros((3, 2, 2, 2)))
    result = solve(game, method="gnm", timeout=5.0)
    assert len(result.pure) == 8
    assert any("every profile is an equilibrium" in n for n in result.notes)
    assert not any("no equilibrium" in n for n in result.notes)


def test_a_proven_complete_list_carries_no_solver_warning_about_degeneracy():
    game = Game.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    result = solve(game)
    assert result.complete and result.notes == ()


def test_a_degenerate_game_is_called_degenerate_from_the_game():
    game = Game.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    result = solve(game)
    assert not result.complete
    assert any("degenerate (decided exactly)" in n for n in result.notes)


# -- payoffs a float cannot compare ----------------------------------------------------------

SCENARIO = """\
format: 1
title: Extreme payoffs
players: [Row, Col]
form: table
strategies: {{Row: [a, b], Col: [c]}}
payoffs:
  "a, c": [{a}, 0]
  "b, c": [{b}, 1]
"""


@pytest.mark.parametrize(
    "a, b, line, message",
    [
        ("1.0e+308", "-1.0e+308", 7, "differ by more than the largest float"),
        ("1.0e+9", '"1e9 + 0.001"', 8, "subtract the common offset"),
        ("1.0e-310", "0", 7, "below the smallest normal float"),
    ],
)
def test_payoffs_beyond_float_resolution_are_refused_at_their_line(a, b, line, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scenario = loads_scenario(SCENARIO.format(a=a, b=b), path="x.yaml")
        with pytest.raises(ScenarioError) as error:
            scenario.compile()
    # located at Row's largest payoff
    assert str(error.value).startswith(f"x.yaml:{line}: Row's payoffs")
    assert message in str(error.value)


def test_the_table_prints_tiny_payoffs_as_they_are():
    scenario = loads_scenario(SCENARIO.format(a="1.0e-10", b="0"), path="x.yaml")
    game = scenario.compile()
    text = format_solve(solve_report(scenario, game, solve(game)), show_game=True)
    assert "Row 1e-10" in text and "  1e-10  " in text


# -- the properties ---------------------------------------------------------------------------


def transformed(game: Game, scales, offsets) -> Game:
    payoffs = np.stack([a * u + b for a, b, u in zip(scales, offsets, game.payoffs, strict=True)])
    return Game(game.players, game.strategies, payoffs)


def assert_same_answer(a, b, atol: float) -> None:
    assert len(a.equilibria) == len(b.equilibria)
    for x, y in zip(a.equilibria, b.equilibria, strict=True):
        assert x.support() == y.support()
        for s, t in zip(x.profile, y.profile, strict=True):
            assert np.allclose(s, t, rtol=0, atol=atol)
        assert x.weakly_dominated == y.weakly_dominated
    assert a.complete == b.complete
    # the note on payoffs closer than the tolerance speaks of the numbers as given: a
    # shift can round such a difference away (0 and 7e-59 plus 0.5 are both 0.5)
    assert unit_free(a.notes) == unit_free(b.notes)


def unit_free(notes) -> tuple[str, ...]:
    return tuple(n for n in notes if "count as equal" not in n)


log_scale = st.floats(-12, 12).map(lambda e: 10.0**e)
shift = st.floats(-1e5, 1e5)


def generic_game(seed: int, m: int, n: int) -> Game:
    """Continuous random payoffs: nondegenerate with probability 1, so that rounding
    the scaled payoffs cannot change the game's structure."""
    rng = np.random.default_rng(seed)
    return Game.from_bimatrix(rng.normal(size=(m, n)), rng.normal(size=(m, n)))


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 6),
    st.integers(1, 6),
    st.tuples(log_scale, log_scale),
    st.tuples(shift, shift),
)
def test_two_player_answers_do_not_depend_on_each_players_units(seed, m, n, scales, shifts):
    # shifts are in units of each player's (transformed) range: a float has no room for
    # an offset that swallows the differences (scenario files refuse such payoffs)
    game = generic_game(seed, m, n)
    offsets = [s * a * r for s, a, r in zip(shifts, scales, game.ranges, strict=True)]
    assert_same_answer(solve(game), solve(transformed(game, scales, offsets)), 1e-9)


@settings(max_examples=60, deadline=None)
@given(
    games(2, max_strategies=4, min_strategies=2, integer=True, min_value=-2, max_value=2),
    st.tuples(st.integers(-40, 40), st.integers(-40, 40)),
    st.tuples(st.integers(-1000, 1000), st.integers(-1000, 1000)),
)
def test_degenerate_games_are_exactly_invariant_under_binary_scales(game, powers, shifts):
    # integer payoffs with ties; a power of two and a multiple of it change no tie
    scales = [2.0**k for k in powers]
    offsets = [s * a for s, a in zip(shifts, scales, strict=True)]
    assert_same_answer(solve(game), solve(transformed(game, scales, offsets)), 0.0)


@settings(max_examples=60, deadline=None)
@given(
    games(3, max_strategies=3, min_strategies=2, integer=False),
    st.tuples(log_scale, log_scale, log_scale),
    st.tuples(shift, shift, shift),
)
def test_three_player_pure_answers_do_not_depend_on_units(game, scales, shifts):
    offsets = [s * a * max(r, 1.0) for s, a, r in zip(shifts, scales, game.ranges, strict=True)]
    a, b = solve(game, method="pure"), solve(transformed(game, scales, offsets), method="pure")
    assert_same_answer(a, b, 0.0)


@settings(max_examples=8, deadline=None)
@given(
    games(3, max_strategies=2, min_strategies=2, integer=False),
    st.tuples(log_scale, log_scale, log_scale),
)
def test_three_player_mixed_answers_do_not_depend_on_units(game, scales):
    a = solve(game, method="simpdiv", timeout=20.0)
    b = solve(transformed(game, scales, (0.0, 0.0, 0.0)), method="simpdiv", timeout=20.0)
    assert_same_answer(a, b, 1e-9)


@settings(max_examples=80, deadline=None)
@given(
    games(2, max_strategies=4, min_strategies=1, integer=False, min_value=-1, max_value=1),
    log_scale,
)
def test_every_equilibrium_reported_passes_the_regret_and_support_checks(game, scale):
    game = transformed(game, (scale, 1.0 / scale), (0.0, 0.0))
    result = solve(game)
    for eq in result.equilibria:
        assert np.all(relative_regrets(game, eq.profile) <= result.tol)
        assert np.all(support_gaps(game, eq.profile) <= result.tol)
        if result.exact:  # small games: exact, up to ties within TIE_RTOL of a range
            assert exact_regret(game, eq.profile) <= TIE_RTOL * game.ranges.max()
