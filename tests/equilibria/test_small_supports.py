"""The 3-player search on supports of at most two strategies a player, on degenerate
games: equilibria pinned by a best-response inequality rather than an indifference,
and the ends of segments of equilibria (games found by checking the search against
Gambit's ``enumpoly``; exact answers worked out by hand in the comments)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangle.equilibria import solve
from triangle.equilibria.boxes import pure_boxes
from triangle.equilibria.pure import pure_nash_mask
from triangle.equilibria.regret import max_regret, regret_tolerance, regrets
from triangle.equilibria.small_supports import small_support_equilibria
from triangle.game import Game


def listed(result, profile) -> bool:
    return any(
        all(
            np.allclose(a, np.array(b, dtype=float), atol=1e-9)
            for a, b in zip(eq.profile, profile, strict=True)
        )
        for eq in result.equilibria
    )


def test_an_equilibrium_pinned_by_two_best_response_inequalities():
    # P3 is indifferent between its strategies against (s3, s3) whatever it mixes;
    # P1 keeps s3 only if q <= 1/2 and P2 keeps s3 only if q >= 1/2 (q: P3's s2):
    # one isolated equilibrium, q = 1/2, that no indifference equation determines.
    u = np.array(
        [
            [[[0, 2], [1, 2], [0, 0]], [[1, 2], [2, 0], [2, 0]], [[1, 1], [0, 1], [0, 2]]],
            [[[2, 0], [2, 2], [0, 1]], [[1, 1], [0, 0], [2, 0]], [[0, 2], [0, 2], [2, 0]]],
            [[[2, 1], [2, 1], [0, 1]], [[1, 2], [1, 1], [2, 1]], [[2, 0], [0, 1], [1, 1]]],
        ],
        dtype=float,
    )
    result = solve(Game.from_arrays(*u))
    assert listed(result, ([0, 0, 1], [0, 0, 1], [F(1, 2), F(1, 2)]))


def test_two_players_mixing_one_of_them_free():
    # P1 is indifferent between s1 and s2 whatever P3 does, so P3's mix is free on
    # this support; P3's indifference fixes P1's (1/3 on s2), and P2's best response
    # bounds P3's from below: q3 = 2/3 on s3 is the end of the segment.
    u = np.array(
        [
            [[[0, 2, 1], [0, 1, 0]], [[2, 0, 2], [2, 0, 2]], [[1, 2, 1], [2, 2, 2]]],
            [[[1, 1, 0], [2, 0, 0]], [[0, 1, 1], [0, 1, 2]], [[1, 2, 1], [0, 0, 2]]],
            [[[1, 2, 2], [0, 1, 1]], [[0, 1, 1], [1, 1, 2]], [[0, 2, 0], [0, 1, 1]]],
        ],
        dtype=float,
    )
    result = solve(Game.from_arrays(*u))
    assert listed(result, ([F(2, 3), F(1, 3), 0], [1, 0], [0, F(1, 3), F(2, 3)]))


def test_the_ends_of_a_segment_are_listed_and_the_list_is_not_complete():
    # P3 gets 0 whatever happens; against (s1, s1) P1 stays if q <= 0.7 and P2 stays if
    # q >= 0.2: every q in [0.2, 0.7] is an equilibrium, the ends are extreme ones.
    u = np.zeros((3, 2, 2, 2))
    u[0, 1, 0, :] = [-0.7, 0.3]
    u[1, 0, 1, :] = [0.2, -0.8]
    result = solve(Game.from_arrays(*u))
    assert listed(result, ([1, 0], [1, 0], [0.8, 0.2]))
    assert listed(result, ([1, 0], [1, 0], [0.3, 0.7]))
    assert not result.complete
    search = small_support_equilibria(Game.from_arrays(*u).normalized)
    assert search.continua >= 1 and not search.complete


def test_an_empty_interval_gives_nothing():
    # as above but P1 needs q <= 0.2 and P2 needs q >= 0.7: no equilibrium with P3
    # mixing against (s1, s1)
    u = np.zeros((3, 2, 2, 2))
    u[0, 1, 0, :] = [-0.2, 0.8]
    u[1, 0, 1, :] = [0.7, -0.3]
    result = solve(Game.from_arrays(*u))
    for eq in result.equilibria:
        a, b, c = eq.profile
        assert not (a[0] == 1 and b[0] == 1 and 0 < c[0] < 1)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 2), min_size=24, max_size=24),
)
def test_every_gambit_equilibrium_is_listed_in_a_box_or_the_list_is_not_complete(values):
    gbt = pytest.importorskip("pygambit")
    u = np.array(values, dtype=float).reshape(3, 2, 2, 2)
    game = Game.from_arrays(*u)
    result = solve(game)
    for eq in result.equilibria:
        assert all(
            r <= regret_tolerance(game, player=i) for i, r in enumerate(regrets(game, eq.profile))
        )
    if not result.complete:
        return
    boxes = pure_boxes(pure_nash_mask(game.normalized, 1e-9))
    reference = gbt.nash.enumpoly_solve(gbt.StrategicGame.from_arrays(*u))
    for found in reference.equilibria:
        profile = [np.array([float(p) for _, p in mixed]) for mixed in found]
        if max_regret(game, profile) > 1e-6:
            continue
        supports = [set(np.flatnonzero(v > 1e-9).tolist()) for v in profile]
        in_box = any(all(s <= set(b) for s, b in zip(supports, box, strict=True)) for box in boxes)
        near = any(
            all(np.allclose(a, b, atol=1e-6) for a, b in zip(eq.profile, profile, strict=True))
            for eq in result.equilibria
        )
        assert in_box or near, profile
