"""The command line, through click's CliRunner: success paths, JSON contract, and every
class of bad input giving a located one-line message and exit status 2."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from triangle.cli import cli
from triangle.equilibria import max_regret
from triangle.game import Game

ROOT = Path(__file__).resolve().parent.parent
S1971 = str(ROOT / "scenarios" / "kissinger_1971.yaml")
S2025 = str(ROOT / "scenarios" / "reverse_kissinger_2025.yaml")

PD = """\
format: 1
title: Prisoner's dilemma
players: [Row, Column]
form: table
parameters:
  temptation: {value: 5, range: [3, 10], source: "textbook"}
strategies: {Row: [C, D], Column: [C, D]}
payoffs:
  - {profile: [C, C], payoffs: [3, 3], source: textbook}
  - {profile: [C, D], payoffs: [0, temptation]}
  - {profile: [D, C], payoffs: [temptation, 0]}
  - {profile: [D, D], payoffs: [1, 1], source: textbook}
"""


def run(*args):
    # mix_stderr was removed in click 8.2; both streams are captured separately there
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def write(tmp_path, text, name="s.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return str(path)


# -- solve ---------------------------------------------------------------------------------


def test_solve_json_contract_and_every_equilibrium_verifies_independently():
    result = run("solve", S2025, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["players"] == ["US", "China", "Russia"]
    assert all(len(s) == 4 for s in doc["strategies"].values())
    assert len(doc["game"]) == 64
    # rebuild the game from the JSON table alone and check every reported equilibrium
    players, strategies = doc["players"], doc["strategies"]
    payoffs = np.zeros((3, 4, 4, 4))
    for row in doc["game"]:
        index = tuple(strategies[p].index(row["profile"][p]) for p in players)
        for i, p in enumerate(players):
            payoffs[(i, *index)] = row["payoffs"][p]
    game = Game(tuple(players), tuple(tuple(strategies[p]) for p in players), payoffs)
    assert doc["equilibria"], "no equilibrium reported"
    for eq in doc["equilibria"]:
        assert eq["kind"] in ("pure", "mixed")
        profile = [np.array([eq["profile"][p].get(s, 0.0) for s in strategies[p]]) for p in players]
        assert max_regret(game, profile) <= 1e-8
        assert eq["max_regret"] <= 1e-8
        expected = [float(np.einsum("abc,a,b,c->", payoffs[i], *profile)) for i in range(3)]
        assert [eq["payoffs"][p] for p in players] == pytest.approx(expected)
    assert doc["commitment"]["leader"] == "US"


def test_solve_table_output_names_roles_and_commitment():
    result = run("solve", S1971)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Nash equilibria" in out and "Leader commitment: US moves first" in out
    assert "romantic triangle" in out and "US pivot (3)" in out


def test_param_override_changes_the_compiled_game():
    base = json.loads(run("solve", S2025, "--format", "json", "--solver", "pure").stdout)
    changed = json.loads(
        run("solve", S2025, "--format", "json", "--solver", "pure", "--param", "rivalry=6").stdout
    )
    assert changed["parameters"]["rivalry"] == 6 and base["parameters"]["rivalry"] == 0.5
    assert changed["game"] != base["game"]


def test_two_player_table_scenario_is_complete(tmp_path):
    doc = json.loads(run("solve", write(tmp_path, PD), "--format", "json").stdout)
    assert doc["solver"]["complete"] is True
    assert [e["profile"] for e in doc["equilibria"]] == [{"Row": {"D": 1.0}, "Column": {"D": 1.0}}]
    assert "commitment" not in doc


@pytest.mark.parametrize("solver", ["support_enumeration", "vertex_enumeration", "lemke_howson"])
def test_nashpy_solvers_are_selectable(tmp_path, solver):
    result = run("solve", write(tmp_path, PD), "--solver", solver, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["equilibria"][0]["payoffs"] == {"Row": 1.0, "Column": 1.0}


# -- validate ------------------------------------------------------------------------------


def test_validate_ok_and_strict(tmp_path):
    result = run("validate", S1971, S2025, "--strict")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"OK {S1971}", f"OK {S2025}"]
    unsourced = write(tmp_path, PD.replace('source: "textbook"', 'unit: "years"'))
    assert run("validate", unsourced).exit_code == 0
    strict = run("validate", unsourced, "--strict")
    assert strict.exit_code == 2
    assert f"{unsourced}:6:" in strict.stderr


def test_validate_reports_each_bad_file_and_exits_2(tmp_path):
    good = write(tmp_path, PD, "good.yaml")
    bad = write(tmp_path, PD.replace("[0, temptation]", "[0]"), "bad.yaml")
    result = run("validate", good, bad)
    assert result.exit_code == 2
    assert f"OK {good}" in result.stdout
    assert result.stderr.strip() == (f"{bad}:10: payoff for (C, D) has 1 value, expected 2")


# -- bad input: located one-line message, exit 2, no traceback -------------------------------

BAD_FILES = {
    "yaml syntax": ("format: 1\ntitle: a: b\n", 2),
    "empty file": ("", 1),
    "unknown key": (PD.replace("strategies:", "strategy:"), 7),
    "missing profile": (
        PD.replace("  - {profile: [D, D], payoffs: [1, 1], source: textbook}\n", ""),
        8,
    ),
    "wrong number of values": (PD.replace("[0, temptation]", "[0, 1, 2]"), 10),
    "duplicate strategy": (PD.replace("Row: [C, D]", "Row: [C, C]"), 7),
    "unknown parameter": (PD.replace("[0, temptation]", "[0, tempation]"), 10),
    "nan": (PD.replace("[1, 1]", "[.nan, 1]"), 12),
    "inf": (PD.replace("[1, 1]", "[1, .inf]"), 12),
    "not a number": (PD.replace("[1, 1]", "[one, 1]"), 12),
    "boolean": (PD.replace("[1, 1]", "[true, 1]"), 12),
    "wrong number of players": (PD.replace("[Row, Column]", "[Row]"), 3),
    "eval attempt": (PD.replace("[0, temptation]", "[0, \"__import__('os')\"]"), 10),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_scenarios_give_located_message_and_exit_2(tmp_path, case):
    text, line = BAD_FILES[case]
    path = write(tmp_path, text)
    for verb in (["solve", path], ["validate", path]):
        result = run(*verb)
        assert result.exit_code == 2, (case, result.output)
        message = result.stderr.strip()
        assert message.count("\n") == 0, message
        assert f"{path}:{line}:" in message, message
        assert "Traceback" not in result.output


def test_too_large_file(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("# " + "x" * (1 << 20) + "\n")
    result = run("solve", str(path))
    assert result.exit_code == 2 and "1 MiB" in result.stderr


def test_missing_file():
    result = run("solve", "no/such/file.yaml")
    assert result.exit_code == 2 and "no/such/file.yaml" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--param", "rivalry"], "expected NAME=VALUE"),
        (["--param", "rivalr=1"], "unknown parameter 'rivalr'"),
        (["--param", "rivalry=99"], "outside its range"),
        (["--param", "rivalry=abc"], "must be a number"),
        (["--solver", "enumpoly", "--format", "json"], None),  # valid for 3 players
    ],
)
def test_bad_param_values(args, message):
    result = run("solve", S2025, *args)
    if message is None:
        assert result.exit_code == 0
        return
    assert result.exit_code == 2, result.output
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_solver_that_does_not_fit_the_game(tmp_path):
    result = run("solve", write(tmp_path, PD), "--solver", "gnm")
    assert result.exit_code == 2 and "does not apply to a 2-player game" in result.stderr


def test_unknown_option_is_a_usage_error():
    result = run("solve", S1971, "--frmat", "json")
    assert result.exit_code == 2


# -- help and start-up ---------------------------------------------------------------------


@pytest.mark.parametrize("verb", [[], ["solve"], ["validate"]])
def test_every_verb_has_help_with_an_example(verb):
    result = run(*verb, "--help")
    assert result.exit_code == 0
    assert "triangle " in result.stdout and ("Example" in result.stdout or not verb)


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys\n"
        "from triangle.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('nashpy', 'pygambit', 'matplotlib') if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Usage: triangle" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "HEAVY:"


def test_internal_errors_exit_1_without_traceback(monkeypatch, capsys):
    import triangle.cli as cli_module

    def boom(*args, **kwargs):
        raise RuntimeError("solver exploded")

    monkeypatch.setattr("triangle.report.solve_report", boom)
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main(["solve", S1971, "--solver", "pure"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: solver exploded" in err and "Traceback" not in err
