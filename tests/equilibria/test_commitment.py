"""Leader commitment: branches, selections and the leader's best commitments."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import support
from hypothesis import given, settings
from support import games

from triangle.equilibria import leader_commitment, regrets
from triangle.equilibria.regret import expected_payoffs, regret_tolerance
from triangle.errors import TriangleInputError
from triangle.game import Game
from triangle.vocabulary import SELECTIONS

# A leader L commits to a, b or c; followers F1 and F2 then choose x or y.
#   after a: the followers' game has a good equilibrium (x, x) and one in weakly dominated
#            strategies (y, y) (each follower gets 1 at (x, x), 0 elsewhere); L gets 6 at
#            (x, x) and 0 elsewhere;
#   after b: x strictly dominates y for both followers; L gets 4 whatever they do;
#   after c: a coordination game, (x, x) -> 2 each, (y, y) -> 1 each, else 0, with the mixed
#            equilibrium where each plays x with 1/3 (2q = 1 - q); L gets 8 at (x, x) and 2
#            elsewhere, so 8 P(x, x) + 2 (1 - P(x, x)) = 8/9 + 16/9 = 8/3 at the mixed one.
# Branch values (optimistic / pessimistic / plausible): a 6 / 0 / 6, b 4 / 4 / 4,
# c 8 / 2 / 2; so L commits to c if optimistic, b if pessimistic, a under plausibility.
_P = np.zeros((3, 3, 2, 2))
_P[0, 0] = [[6, 0], [0, 0]]
_P[1, 0] = _P[2, 0] = [[1, 0], [0, 0]]
_P[0, 1] = 4
_P[1, 1] = [[1, 1], [0, 0]]
_P[2, 1] = [[1, 0], [1, 0]]
_P[0, 2] = [[8, 2], [2, 2]]
_P[1, 2] = _P[2, 2] = [[2, 0], [0, 1]]
LEAD = Game.from_arrays(
    *_P, players=("L", "F1", "F2"), strategies=(("a", "b", "c"), ("x", "y"), ("x", "y"))
)

X, Y = (F(1), F(0)), (F(0), F(1))
EXPECTED = {
    # strategy: [(followers' exact profile, leader payoff)], in solver order, plausible indices
    "a": ([((X, X), F(6)), ((Y, Y), F(0))], (0,)),
    "b": ([((X, X), F(4))], (0,)),
    "c": (
        [((X, X), F(8)), ((Y, Y), F(2)), (((F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))), F(8, 3))],
        (0, 1, 2),
    ),
}


@pytest.fixture(scope="module")
def commitment():
    return leader_commitment(LEAD, "L")


def test_branches_match_the_hand_computation(commitment):
    assert commitment.leader == "L"
    assert [b.strategy for b in commitment.branches] == ["a", "b", "c"]
    assert [b.index for b in commitment.branches] == [0, 1, 2]
    for branch in commitment.branches:
        expected, plausible = EXPECTED[branch.strategy]
        found = [eq.profile for eq in branch.followers.equilibria]
        assert support.matches(found, [p for p, _ in expected])
        assert len(branch.leader_payoffs) == len(expected)
        for prof, payoff in zip(found, branch.leader_payoffs, strict=True):
            exact = next(v for p, v in expected if support.matches([prof], [p]))
            assert payoff == pytest.approx(float(exact), abs=1e-9)
        assert branch.plausible == plausible
        assert branch.followers.game.players == ("F1", "F2")


def test_profiles_embed_the_commitment(commitment):
    for branch in commitment.branches:
        for eq, prof, payoff in zip(
            branch.followers.equilibria, branch.profiles, branch.leader_payoffs, strict=True
        ):
            assert prof[0].tolist() == [float(k == branch.index) for k in range(3)]
            assert all(np.array_equal(a, b) for a, b in zip(prof[1:], eq.profile, strict=True))
            assert payoff == pytest.approx(expected_payoffs(LEAD, prof)[0])
            # the followers cannot gain in the full game either
            assert max(regrets(LEAD, prof)[1:]) <= regret_tolerance(LEAD)


def test_selections_give_different_commitments(commitment):
    values = {s: commitment.values(s) for s in SELECTIONS}
    assert values["optimistic"] == pytest.approx({"a": 6, "b": 4, "c": 8})
    assert values["pessimistic"] == pytest.approx({"a": 0, "b": 4, "c": 2})
    assert values["plausible"] == pytest.approx({"a": 6, "b": 4, "c": 2})
    assert commitment.best("optimistic") == ("c",)
    assert commitment.best("pessimistic") == ("b",)
    assert commitment.best("plausible") == ("a",)
    assert commitment.best() == ("a",)


def test_branch_helpers(commitment):
    a = commitment.branch("a")
    assert a.best() == pytest.approx(6) and a.worst() == pytest.approx(0)
    assert a.selected("plausible") == (0,) and a.selected("pessimistic") == (0, 1)
    assert a.outcome("pessimistic") == 1 and a.outcome("plausible") == 0
    c = commitment.branch(2)
    assert c.worst((0, 2)) == pytest.approx(8 / 3)
    assert c.value("optimistic") == pytest.approx(8)
    outcome = commitment.outcome("pessimistic")
    assert [s.tolist() for s in outcome] == [[0, 1, 0], [1, 0], [1, 0]]


def test_unknown_selection_and_leader():
    c = leader_commitment(support.PD, "row")
    with pytest.raises(TriangleInputError, match="valid selections: plausible, optimistic"):
        c.best("median")
    with pytest.raises(TriangleInputError, match="unknown player 'nobody'"):
        leader_commitment(LEAD, "nobody")


def test_two_player_commitment_is_classic_stackelberg():
    # the row player of Battle of the Sexes commits to its favourite, the column follows
    c = leader_commitment(support.BOS, "row")
    assert c.values() == pytest.approx({"O": 3.0, "F": 2.0})
    assert c.best() == ("O",)
    # the column player as leader gets its own favourite
    c = leader_commitment(support.BOS, "col")
    assert c.values() == pytest.approx({"O": 2.0, "F": 3.0})
    assert c.best() == ("F",)
    # commitment to cooperation in the Prisoner's Dilemma is met by defection
    c = leader_commitment(support.PD, 0)
    assert c.values() == pytest.approx({"C": 0.0, "D": 1.0})


def test_ties_between_commitments_are_all_reported():
    coord = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    assert leader_commitment(coord, "P1").best() == ("s1", "s2")


def test_fallback_when_every_follower_equilibrium_found_is_dominated():
    # Followers play Matching Pennies on H/T plus a third strategy D, weakly dominated by H
    # for both (D: -1, -1, 0 against H, T, D; H: 1, -1, 0 for F1; H: -1, 1, 0 for F2). The
    # only pure equilibrium is (D, D); with pure equilibria only, it is all there is.
    p = np.zeros((3, 1, 3, 3))
    p[1, 0] = [[1, -1, 0], [-1, 1, 0], [-1, -1, 0]]
    p[2, 0] = [[-1, 1, -1], [1, -1, -1], [0, 0, 0]]
    g = Game.from_arrays(
        *p, players=("L", "F1", "F2"), strategies=(("go",), ("H", "T", "D"), ("H", "T", "D"))
    )
    (branch,) = leader_commitment(g, "L", method="pure").branches
    assert [eq.pure_profile for eq in branch.followers.equilibria] == [(2, 2)]
    assert branch.followers.equilibria[0].weakly_dominated
    assert branch.plausible == (0,)
    assert "every follower equilibrium uses a weakly dominated strategy" in branch.notes[0]


def test_four_players_use_the_general_solver():
    rng = np.random.default_rng(7)
    payoffs = rng.integers(-3, 4, size=(4, 2, 2, 2, 2)).astype(float)
    g = Game.from_arrays(*payoffs)
    c = leader_commitment(g, "P2", method="pure")
    assert len(c.branches) == 2
    for branch in c.branches:
        assert branch.followers.game.players == ("P1", "P3", "P4")
        for prof in branch.profiles:
            assert prof[1].tolist() == [float(k == branch.index) for k in range(2)]
            assert max(np.delete(regrets(g, prof), 1)) <= regret_tolerance(g)
    c = leader_commitment(g, "P2", method="pure")
    assert c.notes == ()
    with_auto = leader_commitment(g, "P2", method="support_enumeration", timeout=5.0)
    assert "instead of 'support_enumeration'" in with_auto.notes[0]


@settings(max_examples=20)
@given(games(n_players=3, max_strategies=3, min_strategies=2, min_value=-3, max_value=3))
def test_subgame_perfect_structure_on_random_games(game):
    c = leader_commitment(game, 0)
    assert len(c.branches) == game.shape[0]
    atol = regret_tolerance(game)
    for branch in c.branches:
        assert branch.followers.equilibria, "every 2-player game has an equilibrium"
        for prof in branch.profiles:
            assert max(regrets(game, prof)[1:]) <= atol
        opt, pes, pla = (branch.value(s) for s in ("optimistic", "pessimistic", "plausible"))
        assert pes - atol <= pla <= opt + atol
    for selection in SELECTIONS:
        values = c.values(selection)
        best = c.best(selection)
        assert best
        top = max(values.values())
        assert all(values[s] >= top - atol for s in best)
        assert all(values[s] < top - atol for s in values if s not in best)
