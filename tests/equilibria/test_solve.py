"""The solve() facade: known games, completeness, dominance flags, method names."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import support
from hypothesis import given, settings
from support import games

import triangle.equilibria as eqm
from triangle.equilibria import (
    BIMATRIX_METHODS,
    leader_commitment,
    pure_equilibria,
    regret_tolerance,
    solve,
    solve_methods,
    weakly_dominated,
)
from triangle.errors import TriangleInputError
from triangle.game import Game


def check_verified(result):
    """Every reported equilibrium is a probability profile with regret within tolerance."""
    game = result.game
    for eq in result.equilibria:
        for sigma, m in zip(eq.profile, game.shape, strict=True):
            assert sigma.shape == (m,)
            assert np.all(sigma >= 0) and abs(sigma.sum() - 1) < 1e-9
        assert eqm.max_regret(game, eq.profile) <= regret_tolerance(game, result.tol)
        assert eq.max_regret <= regret_tolerance(game, result.tol)
    keys = [eq.sort_key() for eq in result.equilibria]
    assert keys == sorted(keys)


@pytest.mark.parametrize("known", support.TWO_PLAYER, ids=lambda k: k.name)
@pytest.mark.parametrize("method", ["auto", *BIMATRIX_METHODS])
def test_two_player_known_games(known, method):
    result = solve(known.game, method=method)
    check_verified(result)
    found = [eq.profile for eq in result.equilibria]
    # every method is cross-checked with a complete enumeration, so the sets are complete
    assert support.matches(found, known.equilibria)
    if known.nondegenerate:
        assert result.complete
    assert result.methods[0] == "pure"
    if method != "auto":
        label = method if method in ("lemke_howson", "exact") else f"nashpy.{method}"
        assert label in result.methods


def test_mckelvey_mclennan_nine_equilibria_by_default():
    # every support of a 2x2x2 game has at most two strategies a player: the project's
    # own support search is complete there, with no Gambit
    result = solve(support.MM, timeout=30.0)
    check_verified(result)
    assert support.matches(
        [eq.profile for eq in result.equilibria], support.MCKELVEY_MCLENNAN.equilibria
    )
    assert len(result.pure) == 4 and len(result.mixed) == 5
    assert result.complete


def test_mckelvey_mclennan_with_gambit_enumpoly_is_not_called_complete():
    # pygambit 17's enumpoly finds eight of the nine: an even count, which the notes read
    result = solve(support.MM, method="enumpoly", timeout=30.0)
    check_verified(result)
    known = support.MCKELVEY_MCLENNAN.equilibria
    assert all(any(support.matches([eq.profile], [k]) for k in known) for eq in result.equilibria)
    assert not result.complete
    assert any("not proven" in note for note in result.notes)


def test_three_player_coordination_with_default_methods():
    result = solve(support.COORD3, timeout=10.0)
    check_verified(result)
    assert support.matches(
        [eq.profile for eq in result.equilibria], support.COORDINATION_3.equilibria
    )
    # a 2x2x2 game: every support was searched, and where one player is indifferent
    # against the others' pure strategies (against a miscoordinated pair) the others'
    # best responses leave no mixture: no continuum, so the three are all there are
    assert result.complete


@pytest.mark.parametrize("method", ["logit", "gnm"])
def test_the_note_on_the_count_counts_the_equilibria_listed(method):
    # one Gambit method finds one equilibrium of the coordination game, the pure kernel
    # two more: the note speaks of every equilibrium listed, not of Gambit's alone
    result = solve(support.COORD3, method=method)
    assert len(result.equilibria) >= 2
    counts = [n for n in result.notes if "regular" in n or "no equilibrium found" in n]
    assert len(counts) == 1
    assert counts[0].startswith(f"{len(result.equilibria)} equilibria found")


def test_weakly_dominated_flags_and_plausible_equilibria():
    result = solve(support.WD)
    flags = {eq.pure_profile: eq.weakly_dominated for eq in result.equilibria}
    assert flags == {(0, 0): False, (1, 1): True}
    assert [eq.pure_profile for eq in result.plausible] == [(0, 0)]
    # the Prisoner's Dilemma equilibrium uses no dominated strategy
    assert not solve(support.PD).equilibria[0].weakly_dominated


def test_flags_are_set_on_mixed_equilibria_too():
    # Battle of the Sexes plus a row strategy W weakly dominated by O (3, 0 vs 3, -1):
    # (W, O) is an equilibrium (row gets 3 either way) and is flagged
    g = Game.from_bimatrix([[3, 0], [0, 2], [3, -1]], [[2, 0], [0, 3], [2, 0]])
    result = solve(g)
    check_verified(result)
    assert weakly_dominated(g) == ((2,), ())
    for eq in result.equilibria:
        assert eq.weakly_dominated == (eq.profile[0][2] > 1e-9)
    assert any(eq.weakly_dominated for eq in result.equilibria)
    assert any(eq.kind == "mixed" and not eq.weakly_dominated for eq in result.equilibria)


def test_pure_method_is_not_complete_and_says_so():
    result = solve(support.BOS, method="pure")
    assert [eq.pure_profile for eq in result.equilibria] == [(0, 0), (1, 1)]
    assert not result.complete
    assert result.methods == ("pure",)
    assert "mixed equilibria were not searched" in result.notes[0]
    assert not solve(support.COORD3, method="pure").complete


def test_single_strategy_players():
    # a 2-player game where the row player has no choice: the column best-responds
    g = Game.from_bimatrix([[1, 2, 3]], [[0, 5, 5]])
    result = solve(g)
    assert [eq.pure_profile for eq in result.equilibria] == [(0, 1), (0, 2)]
    assert not result.complete and "extreme points" in result.notes[0]
    unique = solve(Game.from_bimatrix([[1, 2, 3]], [[0, 5, 4]]))
    assert unique.complete and [e.pure_profile for e in unique.equilibria] == [(0, 1)]
    # a dummy third player added to Battle of the Sexes: solved as the 2-player game
    payoffs = np.stack([support.BOS.payoffs[0], support.BOS.payoffs[1], np.zeros((2, 2))])[
        :, :, :, None
    ]
    g3 = Game.from_arrays(*payoffs)
    assert g3.shape == (2, 2, 1)
    result = solve(g3)
    check_verified(result)
    expected = [tuple(p) + ((1,),) for p in support.BATTLE_OF_THE_SEXES.equilibria]
    assert support.matches([eq.profile for eq in result.equilibria], expected)
    assert result.complete
    assert "P3 has a single strategy" in result.notes[0]
    # every player without a choice
    trivial = Game.from_arrays([[[1.0]]], [[[2.0]]], [[[3.0]]])
    result = solve(trivial)
    assert [eq.pure_profile for eq in result.equilibria] == [(0, 0, 0)]
    assert solve(trivial, method="pure").complete


def test_bad_method_names():
    with pytest.raises(TriangleInputError, match="valid methods: auto, pure, exact, support_enum"):
        solve(support.BOS, method="simplex")
    with pytest.raises(TriangleInputError, match="pygambit methods apply to games of 3"):
        solve(support.BOS, method="gnm")
    with pytest.raises(TriangleInputError, match="nashpy methods apply to 2-player games"):
        solve(support.MM, method="support_enumeration")
    assert set(solve_methods(3)) >= {"auto", "pure", "all", "enumpoly", "gnm", "logit"}


def test_same_input_same_output():
    a, b = solve(support.RPS), solve(support.RPS)
    assert a.methods == b.methods and a.notes == b.notes and a.complete == b.complete
    assert len(a.equilibria) == len(b.equilibria)
    for x, y in zip(a.equilibria, b.equilibria, strict=True):
        assert all(np.array_equal(p, q) for p, q in zip(x.profile, y.profile, strict=True))


def test_lazy_exports():
    assert callable(eqm.bimatrix_solve) and callable(eqm.nplayer_solve)
    assert {"bimatrix_solve", "nplayer_solve", "solve", "leader_commitment"} <= set(dir(eqm))
    with pytest.raises(AttributeError):
        eqm.no_such_solver  # noqa: B018


def test_importing_the_solvers_does_not_import_nashpy_or_pygambit():
    code = (
        "import sys, triangle.equilibria as e; "
        "print(sorted(m for m in ('nashpy', 'pygambit', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@settings(max_examples=40)
@given(games(n_players=2, max_strategies=4, min_value=-3, max_value=3))
def test_random_two_player_games(game):
    result = solve(game)
    check_verified(result)
    pure = {eq.pure_profile for eq in result.pure}
    assert pure == {eq.pure_profile for eq in pure_equilibria(game)}
    dominated = weakly_dominated(game)
    for eq in result.equilibria:
        uses = any(eq.profile[i][k] > 1e-9 for i, ks in enumerate(dominated) for k in ks)
        assert eq.weakly_dominated == uses
    assert result.equilibria, "every finite game has an equilibrium"


@pytest.mark.parametrize("timeout", [0.0, -1.0, float("nan")])
def test_a_timeout_that_is_not_a_positive_number_of_seconds_is_refused(timeout):
    with pytest.raises(TriangleInputError, match="timeout must be a positive number"):
        solve(support.BOS, timeout=timeout)
    with pytest.raises(TriangleInputError, match="timeout must be a positive number"):
        leader_commitment(support.BOS, 0, timeout=timeout)


def test_an_infinite_timeout_is_no_limit():
    assert len(solve(support.BOS, timeout=float("inf")).equilibria) == 3


def test_payoffs_the_tolerance_cannot_tell_apart_are_named():
    # 1 and 0 next to 1.23e38: within 1e-9 of the player's range, so ties to every
    # check; the note says which payoffs and what to do
    game = Game.from_bimatrix([[1, 0], [0, 1.23e38]], [[1, 0], [0, 2]])
    notes = solve(game).notes
    named = "P1's payoffs at (s1, s2) and (s1, s1)"
    assert any(named in n and "count as equal" in n for n in notes)
    # ordinary games, and float noise such as 0.1 + 0.2 against 0.3, get no such note
    assert not any("count as equal" in n for n in solve(support.BOS).notes)
    noisy = Game.from_bimatrix([[0.1 + 0.2, 0], [0, 0.3]], [[1, 0], [0, 1]])
    assert not any("count as equal" in n for n in solve(noisy).notes)
