"""The batched all-extreme-equilibria solver agrees with the one-game path.

The reference is the exact rational enumeration of :mod:`triangle.equilibria.exact` on
the tie-snapped payoffs (what :func:`triangle.equilibria.solve` uses for games of up to
six strategies per player), on seeded families of random games: floats, small integers
with ties (degenerate), constant players, copied payoffs; and the whole one-game path
(:func:`bimatrix_solve`, nashpy + exact) and Gambit's ``enummixed`` on smaller sets.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangle.equilibria.batched import bimatrix_equilibria_batch, snap_ties_batch
from triangle.equilibria.bimatrix import bimatrix_solve
from triangle.equilibria.exact import exact_bimatrix_equilibria, snap_ties
from triangle.equilibria.result import Equilibrium
from triangle.game import Game

TOL = 1e-9


def _floats(rng, N, m, n):
    return rng.random((N, m, n)), rng.random((N, m, n))


def _ints(lo, hi):
    def make(rng, N, m, n):
        return (
            rng.integers(lo, hi + 1, (N, m, n)).astype(float),
            rng.integers(lo, hi + 1, (N, m, n)).astype(float),
        )

    return make


def _constant_column(rng, N, m, n):  # the column player is indifferent everywhere
    A = rng.integers(0, 3, (N, m, n)).astype(float)
    return A, np.repeat(rng.random((N, 1, 1)), m, 1).repeat(n, 2)


def _copied(rng, N, m, n):  # float games with one payoff copied: exact ties
    A, B = rng.random((N, m, n)), rng.random((N, m, n))
    g = np.arange(N)
    for M in (A, B):
        M[g, rng.integers(0, m, N), rng.integers(0, n, N)] = M[
            g, rng.integers(0, m, N), rng.integers(0, n, N)
        ]
    return A, B


def _tenths(rng, N, m, n):  # payoffs such as 0.1 + 0.2: ties only up to rounding
    A = rng.integers(0, 4, (N, m, n)) * 0.1 + rng.integers(0, 3, (N, m, n)) * 0.2
    B = rng.integers(0, 4, (N, m, n)) * 0.1 + rng.integers(0, 3, (N, m, n)) * 0.2
    return A, B


FAMILIES = {
    "float 2x2": (_floats, 2, 2, 300),
    "float 3x3": (_floats, 3, 3, 200),
    "float 4x4": (_floats, 4, 4, 120),
    "float 2x4": (_floats, 2, 4, 100),
    "float 4x3": (_floats, 4, 3, 80),
    "float 1x3": (_floats, 1, 3, 40),
    "float 3x1": (_floats, 3, 1, 40),
    "int 0..2 2x2": (_ints(0, 2), 2, 2, 300),
    "int 0..2 3x3": (_ints(0, 2), 3, 3, 250),
    "int 0..2 4x4": (_ints(0, 2), 4, 4, 120),
    "int 0..1 4x4": (_ints(0, 1), 4, 4, 80),
    "int -3..3 4x4": (_ints(-3, 3), 4, 4, 80),
    "int 0..2 2x5": (_ints(0, 2), 2, 5, 60),
    "int 0..2 5x5": (_ints(0, 2), 5, 5, 10),
    "constant column 3x3": (_constant_column, 3, 3, 60),
    "copied payoffs 4x4": (_copied, 4, 4, 100),
}


def family(name: str):
    maker, m, n, N = FAMILIES[name]
    rng = np.random.default_rng(sum(map(ord, name)))  # a fixed seed per family
    return maker(rng, N, m, n)


def solve_order(profiles):
    """Profiles in the order :func:`triangle.equilibria.solve` lists equilibria."""
    key = [Equilibrium(tuple(p), np.zeros(2), 0.0).sort_key() for p in profiles]
    return [profiles[j] for j in sorted(range(len(profiles)), key=key.__getitem__)]


def exact_list(A, B):
    """What the one-game path's exact enumeration lists, as floats, in solve's order."""
    result = exact_bimatrix_equilibria(snap_ties(A), snap_ties(B))
    return solve_order([e.to_float() for e in result.equilibria]), result.nondegenerate


def batched_lists(A, B):
    r = bimatrix_equilibria_batch(snap_ties_batch(A), snap_ties_batch(B), tol=TOL)
    return r, r.sorted_like_solve()


def same_list(found, expected, atol=1e-9):
    if len(found) != len(expected):
        return False
    return all(
        np.allclose(x, ex, rtol=0, atol=atol) and np.allclose(y, ey, rtol=0, atol=atol)
        for (x, y), (ex, ey) in zip(found, expected, strict=True)
    )


# -- known games -----------------------------------------------------------------------------


def one(A, B):
    r = bimatrix_equilibria_batch(np.asarray(A, float)[None], np.asarray(B, float)[None])
    return r, r.sorted_like_solve().for_game(0)


def test_battle_of_the_sexes_in_the_order_solve_lists_it():
    r, eqs = one([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    assert not r.degenerate[0] and not r.ambiguous[0]
    assert same_list(eqs, [([1, 0], [1, 0]), ([0, 1], [0, 1]), ([0.6, 0.4], [0.4, 0.6])], 1e-15)
    assert r.row_payoff.tolist() == pytest.approx([3, 2, 1.2])


def test_a_degenerate_game_gives_its_extreme_equilibria():
    # von Stengel's degenerate example: a segment of equilibria, listed by its ends
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 3], [2, 6], [3, 1]]
    r, eqs = one(A, B)
    assert r.degenerate[0] and not r.ambiguous[0]
    expected, nondegenerate = exact_list(np.array(A, float), np.array(B, float))
    assert not nondegenerate and same_list(eqs, expected)
    assert len(eqs) == 3


def test_one_sided_games_and_continua():
    r, eqs = one([[1], [1]], [[0], [5]])  # the row player is indifferent
    assert same_list(eqs, [([1, 0], [1]), ([0, 1], [1])]) and r.degenerate[0]
    r, eqs = one([[1, 0], [0, 1]], [[7, 7], [7, 7]])  # the column player is indifferent
    assert len(eqs) == 4 and r.degenerate[0]


def test_the_order_is_solves_order_not_the_support_size():
    # supports (0, 1) < (0, 1, 2) < (0, 2) as tuples: a size-3 support can come between
    r = bimatrix_equilibria_batch(np.zeros((1, 3, 3)), np.zeros((1, 3, 3)))
    keys = []
    for x, y in r.sorted_like_solve().for_game(0):
        keys.append((tuple(np.flatnonzero(x)), tuple(np.flatnonzero(y))))
    assert keys == sorted(keys)


def test_near_ties_are_flagged_ambiguous_and_exact_ties_are_not():
    base_A = np.array([[1.0, 0.0], [0.0, 1.0]])
    tie_B = np.array([[1.0, 1.0], [0.0, 1.0]])  # an exact tie: degenerate, not ambiguous
    near_B = tie_B + np.array([[0.0, 1e-10], [0.0, 0.0]])  # decided by tol only
    noise_B = tie_B + np.array([[0.0, 1e-14], [0.0, 0.0]])  # rounding noise: a tie
    A = np.stack([base_A] * 3)
    B = np.stack([tie_B, near_B, noise_B])
    r = bimatrix_equilibria_batch(snap_ties_batch(A), snap_ties_batch(B))
    assert r.degenerate.tolist() == [True, True, True]
    assert r.ambiguous.tolist() == [False, True, False]


def test_snap_ties_batch_is_snap_ties_game_by_game():
    rng = np.random.default_rng(3)
    M = rng.integers(0, 3, (50, 3, 4)) * 0.1 + rng.integers(0, 3, (50, 3, 4)) * 0.2
    M[::7] = 2.5  # constant games stay as they are
    snapped = snap_ties_batch(M)
    for g in range(M.shape[0]):
        np.testing.assert_array_equal(snapped[g], snap_ties(M[g]))


def test_chunking_does_not_change_the_result():
    A, B = family("int 0..2 3x3")
    A2, B2 = family("float 3x3")
    A, B = np.concatenate([A[:40], A2[:40]]), np.concatenate([B[:40], B2[:40]])
    whole = bimatrix_equilibria_batch(A, B)
    for chunk in (1, 7, 1000):
        part = bimatrix_equilibria_batch(A, B, chunk=chunk)
        for f in ("game", "x", "y", "degenerate", "ambiguous", "count"):
            np.testing.assert_array_equal(getattr(part, f), getattr(whole, f))


# -- agreement with the one-game path ----------------------------------------------------------


@pytest.mark.parametrize("name", list(FAMILIES))
def test_agreement_with_the_exact_enumeration(name):
    A, B = family(name)
    r, ordered = batched_lists(A, B)
    assert r.rejected.sum() == 0
    assert not r.ambiguous.any()  # none of these families has a near-tie
    disagree = []
    for g in range(A.shape[0]):
        expected, nondegenerate = exact_list(A[g], B[g])
        if not same_list(ordered.for_game(g), expected):
            disagree.append(g)
        if nondegenerate and r.degenerate[g]:
            disagree.append(g)
    assert disagree == [], f"{name}: {len(disagree)} games disagree, e.g. {disagree[:3]}"


def test_ties_that_binary_rounding_breaks_are_ties():
    """Payoffs such as 0.1 + 0.2 make mixed strategies tie in real numbers but not in
    binary floating point (by 1e-17). The exact path solves the rounded binary game
    exactly; the batched solver treats a gap within TIE_RTOL as a tie, i.e. solves the
    decimal game the user wrote: its list is the exact list of the decimal game, and
    differs from the exact list of the rounded one only in games it finds degenerate."""
    A, B = _tenths(np.random.default_rng(11), 120, 3, 3)
    r, ordered = batched_lists(A, B)
    assert not r.ambiguous.any()
    differ = 0
    for g in range(A.shape[0]):
        decimal = [[[Fraction(str(round(v, 12))) for v in r] for r in M] for M in (A[g], B[g])]
        exact = exact_bimatrix_equilibria(*decimal)
        assert same_list(ordered.for_game(g), solve_order([e.to_float() for e in exact.equilibria]))
        assert r.degenerate[g] == (not exact.nondegenerate)
        rounded, nondegenerate = exact_list(A[g], B[g])
        if not same_list(ordered.for_game(g), rounded):
            differ += 1
            assert r.degenerate[g]
    assert differ > 0  # the family does contain such games


@pytest.mark.parametrize("name", ["float 3x3", "int 0..2 3x3", "int 0..2 4x4"])
def test_agreement_with_bimatrix_solve(name):
    """The whole one-game path: nashpy and the exact enumeration, merged and verified."""
    A, B = family(name)
    A, B = A[:40], B[:40]
    _, ordered = batched_lists(A, B)
    for g in range(A.shape[0]):
        result = bimatrix_solve(Game.from_bimatrix(A[g], B[g]))
        expected = [tuple(e.profile) for e in result.equilibria]
        assert same_list(ordered.for_game(g), expected), (name, g)


@pytest.mark.slow
def test_agreement_with_gambit_enummixed():
    from triangle.equilibria.backends import gambit

    # integer games in Gambit's rational arithmetic, float games in its floating point
    for name, rational in (("int 0..2 3x3", True), ("int -3..3 4x4", True), ("float 3x3", False)):
        A, B = family(name)
        A, B = A[:30], B[:30]
        _, ordered = batched_lists(A, B)
        for g in range(A.shape[0]):
            found = gambit.enummixed(A[g], B[g], rational=rational)
            expected = sorted({(tuple(np.round(x, 12)), tuple(np.round(y, 12))) for x, y in found})
            got = sorted(
                {(tuple(np.round(x, 12)), tuple(np.round(y, 12))) for x, y in ordered.for_game(g)}
            )
            assert len(got) == len(expected), (name, g)
            for (gx, gy), (ex, ey) in zip(got, expected, strict=True):
                assert np.allclose(gx, ex, atol=1e-9) and np.allclose(gy, ey, atol=1e-9)


@settings(max_examples=60)
@given(
    shape=st.tuples(st.integers(1, 4), st.integers(1, 4)),
    seed=st.integers(0, 2**32 - 1),
    scale=st.floats(-6, 6),
    offset=st.floats(-50, 50),
)
def test_positive_affine_maps_change_nothing(shape, seed, scale, offset):
    rng = np.random.default_rng(seed)
    A = rng.integers(-2, 3, (1, *shape)).astype(float)
    B = rng.random((1, *shape))
    _, base = batched_lists(A, B)
    _, mapped = batched_lists(A * 10.0**scale + offset * 10.0**scale, B)
    assert same_list(base.for_game(0), mapped.for_game(0))
    expected, _ = exact_list(A[0], B[0])
    assert same_list(base.for_game(0), expected)


def test_agreement_on_followers_games_of_a_scenario(tmp_path):
    """Scenario-derived games: the followers' games of a table scenario whose
    parameters sit on the diagonal of rock-paper-scissors, at random points and at
    quarter values (ties), against the one-game path (solve)."""
    from support import RPS_TABLE, load

    from triangle.equilibria import solve

    scenario = load(tmp_path, RPS_TABLE)
    rng = np.random.default_rng(8)
    points = [{n: float(rng.uniform(-2, 2)) for n in "pqr"} for _ in range(60)]
    points += [{n: float(rng.integers(-8, 9) / 4) for n in "pqr"} for _ in range(60)]
    games = [scenario.compile(p).subgame("M", k) for p in points for k in (0, 1)]
    A = np.stack([g.payoffs[0] for g in games])
    B = np.stack([g.payoffs[1] for g in games])
    r, ordered = batched_lists(A, B)
    assert not r.ambiguous.any() and r.degenerate.any()
    for g, game in enumerate(games):
        expected = [tuple(e.profile) for e in solve(game).equilibria]
        assert same_list(ordered.for_game(g), expected), (g, points[g // 2])
