"""Every verb returns within its time budget on every valid table within the documented
limits, and says what the budget left unsearched.

Nothing here is timed (machines are shared): each case is one that ran without end
before the budget existed (a 12×12 two-player table, an 8×8×8 table with a move, a
27×27×27 table under ``--solver pure``), and the tests assert the honest account of
the search that a cut-short answer must carry.
"""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from click.testing import CliRunner

from triangle.cli import cli
from triangle.equilibria import max_regret, solve
from triangle.game import Game


def table_scenario(path, shape, seed, move=False) -> str:
    """A random integer table scenario of the given shape, written to ``path``."""
    rng = np.random.default_rng(seed)
    players = ["A", "B", "C"][: len(shape)]
    names = [[f"{p.lower()}{k}" for k in range(m)] for p, m in zip(players, shape, strict=True)]
    lines = [
        "format: 1",
        f"title: random {'x'.join(map(str, shape))}",
        f"players: [{', '.join(players)}]",
        "form: table",
        "strategies:",
        *(f"  {p}: [{', '.join(n)}]" for p, n in zip(players, names, strict=True)),
        "payoffs:",
    ]
    for profile in itertools.product(*names):
        values = ", ".join(str(int(v)) for v in rng.integers(-9, 10, len(shape)))
        lines.append(f'  "{", ".join(profile)}": [{values}]')
    if move:
        lines += [
            "move:",
            f"  player: {players[0]}",
            f"  from: {names[0][0]}",
            f"  to: {names[0][1]}",
        ]
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def run(*args):
    return CliRunner().invoke(cli, [*args])


def test_a_12x12_table_stops_at_the_budget_and_says_how_far_it_searched(tmp_path):
    path = table_scenario(tmp_path / "big.yaml", (12, 12), seed=1)
    result = run("solve", path, "--timeout", "1", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    notes = " ".join(data["solver"]["notes"])
    assert "support enumeration stopped by the time budget" in notes
    assert "to 12 were not (or only in part)" in notes
    # a search the budget stopped has not "missed" what another method found
    assert "support enumeration missed" not in notes
    assert data["solver"]["complete"] is False
    assert data["equilibria"], "Lemke-Howson runs first and finds equilibria"
    for eq in data["equilibria"]:
        assert eq["max_regret"] <= 1e-9 * 18


def test_the_library_budget_also_bounds_two_player_games():
    rng = np.random.default_rng(3)
    game = Game.from_bimatrix(rng.normal(size=(12, 12)), rng.normal(size=(12, 12)))
    result = solve(game, timeout=0.5)
    assert not result.complete
    assert any("time budget" in note for note in result.notes)
    assert all(max_regret(game, eq.profile) <= 1e-9 for eq in result.equilibria)


def test_an_8x8x8_table_with_a_move_answers_within_the_budget(tmp_path):
    path = table_scenario(tmp_path / "cube.yaml", (8, 8, 8), seed=2, move=True)
    result = run("solve", path, "--timeout", "1", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    notes = " ".join(data["solver"]["notes"])
    assert "stopped at the time budget" in notes and "support profiles searched" in notes
    branches = data["commitment"]["branches"]
    assert len(branches) == 8
    cut = [b for b in branches if any("time budget" in n for n in b["notes"])]
    assert cut, "eight 8x8 followers' games cannot all be searched exhaustively in 1 s"
    analysed = run("analyze", path, "--timeout", "1")
    assert analysed.exit_code == 0, analysed.output


def test_a_27x27x27_table_with_a_move_under_solver_pure(tmp_path):
    path = table_scenario(tmp_path / "huge.yaml", (27, 27, 27), seed=4, move=True)
    result = run("solve", path, "--solver", "pure", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert any("mixed equilibria were not searched" in n for n in data["solver"]["notes"])
    for branch in data["commitment"]["branches"]:
        # the followers' games are solved with the method asked for: pure only
        assert all(eq["kind"] == "pure" for eq in branch["followers"])


@pytest.mark.parametrize("value", ["0", "-1", "inf", "nan", "1e9"])
def test_a_timeout_outside_its_range_is_bad_input(value):
    result = run("solve", "scenarios/kissinger_1971.yaml", "--timeout", value)
    assert result.exit_code == 2
    assert "--timeout" in result.stderr
