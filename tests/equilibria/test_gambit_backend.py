"""The Gambit backend: the installed pygambit is the one the code is written for, and
a missing or different one is a clear error, never a traceback."""

from __future__ import annotations

import sys
import types
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from support import MM

from triangle.cli import cli
from triangle.equilibria import solve
from triangle.equilibria.backends import gambit
from triangle.errors import MissingDependencyError
from triangle.game import Game


@pytest.fixture
def fresh_check():
    gambit.check_api.cache_clear()
    yield
    gambit.check_api.cache_clear()


def test_installed_pygambit_has_the_api_the_code_is_written_for(fresh_check):
    # fails loudly (naming what is missing) if the test environment's pygambit is not
    # the 17.x the backend is written for
    version = gambit.check_api()
    assert version.split(".")[0] == "17"


def test_gambit_game_gives_payoffs_exactly(fresh_check):
    payoffs = np.array([[[-5.65, 0.1], [1 / 3, 2.0]], [[0.0, 1.0], [np.pi, -1.0]]])
    first, second = gambit.gambit_game(payoffs).to_arrays(dtype=Fraction)
    # short decimals and small fractions as meant; anything else as its binary value
    assert first.tolist() == [[Fraction(-113, 20), Fraction(1, 10)], [Fraction(1, 3), 2]]
    assert second[1, 0] == Fraction(np.pi)


def test_missing_pygambit_names_the_extra(monkeypatch, fresh_check):
    monkeypatch.setitem(sys.modules, "pygambit", None)  # import pygambit -> ImportError
    with pytest.raises(MissingDependencyError, match=r"pip install 'triangle\[gambit\]'"):
        gambit.check_api()


def test_a_pygambit_with_another_api_is_named(monkeypatch, fresh_check):
    old = types.ModuleType("pygambit")
    old.__version__ = "16.3.0"
    old.Game = types.SimpleNamespace(from_arrays=lambda *a: None)
    old.nash = types.SimpleNamespace()
    monkeypatch.setitem(sys.modules, "pygambit", old)
    with pytest.raises(MissingDependencyError) as info:
        gambit.check_api()
    message = str(info.value)
    assert "pygambit 16.3.0 lacks" in message
    assert "StrategicGame.from_arrays" in message and "nash.enumpoly_solve" in message
    assert gambit.PYGAMBIT_REQUIREMENT in message


def test_cli_asks_for_the_extra_when_a_gambit_method_is_chosen(monkeypatch, fresh_check):
    monkeypatch.setitem(sys.modules, "pygambit", None)
    path = str(Path(__file__).parents[2] / "scenarios" / "reverse_kissinger_2025.yaml")
    result = CliRunner().invoke(cli, ["solve", path, "--solver", "gnm"])
    assert result.exit_code == 2
    assert "pip install 'triangle[gambit]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_default_solvers_work_without_pygambit(monkeypatch, fresh_check):
    monkeypatch.setitem(sys.modules, "pygambit", None)
    assert len(solve(MM).equilibria) == 9  # every equilibrium, by the own 3-player search
    rng = np.random.default_rng(7)
    game = Game.from_bimatrix(rng.integers(-5, 6, (7, 7)), rng.integers(-5, 6, (7, 7)))
    result = solve(game, timeout=60)
    assert result.equilibria
    assert any("enummixed cross-check skipped" in n and "pygambit" in n for n in result.notes)
