"""Checking solver candidates: only verified profiles become equilibria."""

import numpy as np

from triangle.equilibria.result import verify_candidates
from triangle.game import Game

MP = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])  # unique: (1/2, 1/2) each
HALF = ([0.5, 0.5], [0.5, 0.5])


def test_good_candidates_pass_and_bad_ones_are_counted():
    candidates = [
        HALF,
        ([1.0, 0.0], [1.0, 0.0]),  # regret 2
        ([0.5, 0.5, 0.0], [0.5, 0.5]),  # wrong length
        ([np.nan, 1.0], [0.5, 0.5]),  # not finite
        ([0.5, 0.5],),  # a player missing
    ]
    verified, rejected = verify_candidates(MP, candidates, methods=("test",))
    assert rejected == 4
    assert len(verified) == 1 and verified[0].methods == ("test",)
    assert np.allclose(verified[0].profile[0], [0.5, 0.5])


def test_refine_is_tried_only_on_failing_well_shaped_candidates():
    calls = []

    def refine(game, profile):
        calls.append([p.tolist() for p in profile])
        return [np.array(p) for p in HALF]

    near = ([0.51, 0.49], [0.5, 0.5])
    verified, rejected = verify_candidates(
        MP, [HALF, near, ([1.0], [1.0])], methods=("m",), refine=refine
    )
    assert rejected == 1 and len(verified) == 2
    assert calls == [[[0.51, 0.49], [0.5, 0.5]]]


def test_an_equilibrium_reads_by_name_in_python():
    from triangle.equilibria import solve
    from triangle.game import Game

    pennies = Game(
        ("Row", "Col"),
        (("heads", "tails"), ("heads", "tails")),
        np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], dtype=float),
    )
    (eq,) = solve(pennies).equilibria
    text = repr(eq)
    assert text.startswith("Equilibrium(Row: heads 0.5, tails 0.5; Col: heads 0.5, tails 0.5;")
    assert "payoffs Row 0, Col 0" in text and "max regret 0" in text
    assert "array" not in text
