"""The command line, through click's CliRunner: success paths, JSON contract, and every
class of bad input giving a located one-line message and exit status 2."""

import json
import os
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

ROOT = Path(__file__).resolve().parents[2]
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


@pytest.mark.parametrize(
    "verb", [[], ["solve"], ["validate"], ["analyze"], ["compare"], ["plot"], ["sweep"]]
)
def test_every_verb_has_help_with_an_example(verb):
    result = run(*verb, "--help")
    assert result.exit_code == 0
    assert "triangle " in result.stdout and ("Example" in result.stdout or not verb)


HEAVY = ("nashpy", "pygambit", "scipy", "pandas", "matplotlib")


def imported_by(args: list[str]) -> tuple[str, list[str]]:
    """Run ``triangle ARGS`` in a fresh interpreter: its stdout and the heavy libraries
    it imported."""
    code = (
        "import sys\n"
        "from triangle.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.strip().splitlines()
    heavy = lines[-1].removeprefix("HEAVY:")
    return "\n".join(lines[:-1]), [m for m in heavy.split(",") if m]


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["--help"], "Usage: triangle"),
        (["solve", "--help"], "Usage: triangle solve"),
        (["validate", S1971], "OK"),
    ],
)
def test_help_and_validate_import_no_heavy_library(args, shown):
    stdout, heavy = imported_by(args)
    assert shown in stdout
    assert heavy == []


@pytest.mark.parametrize("path", sorted(str(p) for p in (ROOT / "scenarios").glob("*.yaml")))
def test_default_solve_of_shipped_scenarios_needs_neither_gambit_nor_nashpy(path):
    # the default solvers of the shipped games (exact 2-player enumeration, the own
    # 3-player searches) are the project's own: pygambit's import alone costs seconds
    stdout, heavy = imported_by(["solve", path])
    assert "Nash equilibria" in stdout
    assert not {"pygambit", "nashpy", "pandas"} & set(heavy)


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


# -- analyze, compare, plot, sweep -----------------------------------------------------------


def test_analyze_json_has_the_move_contract():
    result = run("analyze", S2025, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    move = doc["move"]
    assert (move["player"], move["from"], move["to"]) == ("US", "cold", "warm:Russia")
    assert move["verdict"] == "does not pay off"
    assert move["gain"]["min"] == pytest.approx(-0.65)
    assert move["before"]["configuration"] == "stable marriage"
    assert move["after"]["roles"] == {"US": "wing", "China": "wing", "Russia": "pivot"}
    # the move's default threshold: where the verdict flips, then where the target's does
    kinds = [(t["parameter"], t["kind"]) for t in doc["thresholds"]]
    assert kinds == [("rivalry", "verdict"), ("rivalry", "target")]
    assert doc["thresholds"][0]["flips"][0]["value"] == pytest.approx(1.8)


def test_analyze_text_and_param_override_changes_the_verdict():
    base = run("analyze", S2025)
    assert base.exit_code == 0 and "Verdict: DOES NOT PAY OFF" in base.stdout
    assert "rivalry would have to exceed 1.80" in base.stdout
    split = run("analyze", S2025, "--param", "rivalry=6", "--threshold", "offer")
    assert "Verdict: PAYS OFF" in split.stdout and "offer would have to" in split.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--threshold", "rivalr"], "--threshold rivalr"),
        (["--param", "rivalry=99"], "outside its range"),
        (["--param", "nope=1"], "no scenario declares it"),
    ],
)
def test_analyze_bad_input(args, message):
    result = run("analyze", S2025, *args)
    assert result.exit_code == 2 and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_analyze_without_a_move_is_bad_input(tmp_path):
    path = write(tmp_path, PD)
    result = run("analyze", path)
    assert result.exit_code == 2 and "has no `move:` block" in result.stderr


def test_compare_table_json_and_chart(tmp_path):
    out = tmp_path / "comparison.png"
    result = run("compare", S1971, S2025, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "[1] pays off" in result.stdout and "[2] does not pay off" in result.stdout
    again = run("compare", S1971, S2025, "--out", str(out))
    assert again.exit_code == 2 and "exists; use --force" in again.stderr
    doc = json.loads(run("compare", S1971, S2025, "--format", "json").stdout)
    assert [s["move"]["verdict"] for s in doc["scenarios"]] == ["pays off", "does not pay off"]


@pytest.mark.parametrize(
    "kind, extra, suffix",
    [
        ("triangle", [], ".svg"),
        ("gain-curve", ["--parameter", "rivalry"], ".png"),
        ("decomposition", [], ".pdf"),
        ("payoffs", [], ".png"),
        ("comparison", [], ".png"),
    ],
)
def test_plot_kinds_write_files(tmp_path, kind, extra, suffix):
    files = [S2025] if kind == "triangle" else [S1971, S2025]
    out = tmp_path / f"chart{suffix}"
    result = run("plot", *files, "--kind", kind, "--out", str(out), *extra)
    assert result.exit_code == 0, result.output
    head = out.read_bytes()[:5]
    assert head in (b"\x89PNG\r", b"<?xml", b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary files left


def test_plot_verdict_map_and_default_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("plot", S2025, "--kind", "verdict-map", "--x", "rivalry", "--y", "offer")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "reverse_kissinger_2025-verdict-map.png").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--kind", "verdict-map", "--x", "rivalry"], "needs --x NAME and --y NAME"),
        (["--kind", "gain-curve", "--parameter", "nope"], "has no such parameter"),
        (["--kind", "triangle", "--out", "x.gif"], ".png, .svg or .pdf"),
        (["--kind", "triangle", "--out", "no/such/dir/x.png"], "does not exist"),
    ],
)
def test_plot_bad_input(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run("plot", S2025, *args)
    assert result.exit_code == 2 and message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_sweep_csv_matches_analyze_at_each_point():
    result = run(
        "sweep",
        S2025,
        "--parameter",
        "rivalry",
        "--from",
        "0",
        "--to",
        "3",
        "--steps",
        "4",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "rivalry,gain_min,gain_max,verdict"
    for line in lines[1:]:
        value, g_lo, g_hi, verdict = line.split(",")
        doc = json.loads(
            run("analyze", S2025, "--param", f"rivalry={value}", "--format", "json").stdout
        )
        assert doc["move"]["verdict"] == verdict
        assert doc["move"]["gain"]["min"] == pytest.approx(float(g_lo))
        assert doc["move"]["gain"]["max"] == pytest.approx(float(g_hi))


@pytest.mark.parametrize(
    "args, message",
    [
        (["--parameter", "nope"], "has no such parameter"),
        (["--parameter", "rivalry", "--from", "3", "--to", "1"], "must be below"),
        (["--parameter", "rivalry", "--param", "rivalry=1"], "it is the swept parameter"),
        (["--parameter", "rivalry", "--from", "-9"], "outside its range"),
    ],
)
def test_sweep_bad_input(args, message):
    result = run("sweep", S2025, *args)
    assert result.exit_code == 2 and message in result.stderr, result.output


# -- option values, checked where they are parsed ------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["solve", S2025, "--timeout", "inf"], "inf is not in the range 0.1<=x<=3600"),
        (["solve", S2025, "--timeout", "1e9"], "is not in the range 0.1<=x<=3600"),
        (["analyze", S2025, "--timeout", "nan"], "'nan' is not a number of seconds"),
        (["sweep", S2025, "--parameter", "rivalry", "--from", "nan"], "'nan' is not a finite"),
        (["sweep", S2025, "--parameter", "rivalry", "--to", "1e999"], "'1e999' is not a finite"),
        (["sweep", S2025, "--parameter", "rivalry", "--from", "1e308"], "--from 1e+308 must be"),
        (
            ["sweep", S2025, "--parameter", "rivalry", "--from", "-1e308", "--to", "1e308"],
            "too far apart",
        ),
        (["analyze", S2025, "--param", "rivalry=nan"], "VALUE must be a finite number"),
        (["solve", S2025, "--param", "rivalry=" + "9" * 5000], "VALUE must be a finite number"),
        (["solve", S2025, "--frmat", "json"], "No such option"),
    ],
)
def test_bad_option_values_are_one_short_line_and_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 300
    assert "Traceback" not in result.output and "internal error" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", S2025, "--threshold", "t" * 300_000],
        ["sweep", S2025, "--parameter", "p" * 300_000],
        ["solve", S2025, "--param", "q" * 300_000 + "=1"],
        ["plot", S2025, "--kind", "k" * 300_000],
        ["solve", S2025, "--solver", "s" * 300_000],
    ],
)
def test_huge_option_values_are_quoted_in_excerpts(args):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 600, result.stderr[:300]


@pytest.mark.parametrize(
    "args",
    [
        ["sweep", S2025, "--parameter", "rivalry", "--steps", "5000"],
        ["solve", S2025, "--solver", "pure", "--format", "json"],
        ["validate", S1971, S2025],
    ],
)
def test_a_closed_pipe_ends_quietly_with_status_0(args):
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first line: every write fails
    try:
        done = subprocess.run(
            [sys.executable, "-m", "triangle", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (0, b"")


def test_the_triangle_chart_of_a_game_without_stances_is_bad_input(tmp_path):
    path = write(
        tmp_path, PD.replace("strategies:", "move: {player: Row, from: C, to: D}\nstrategies:")
    )
    result = run("plot", path, "--kind", "triangle", "--out", str(tmp_path / "t.png"))
    assert result.exit_code == 2 and "no stances, so there are no ties to draw" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "t.png").exists()


def test_base_root_lets_a_variant_name_a_scenario_outside_its_folder(tmp_path):
    write(tmp_path, PD, "pd.yaml")
    (tmp_path / "variants").mkdir()
    variant = write(tmp_path, "format: 1\nbase: ../pd.yaml\ntitle: V\n", "variants/v.yaml")
    refused = run("validate", variant)
    assert refused.exit_code == 2 and "lies outside the folder of this file" in refused.stderr
    allowed = run("validate", variant, "--base-root", str(tmp_path))
    assert allowed.exit_code == 0 and allowed.stdout.strip() == f"OK {variant}"
    solved = run("solve", variant, "--base-root", str(tmp_path), "--format", "json")
    assert solved.exit_code == 0 and json.loads(solved.stdout)["scenario"]["title"] == "V"
