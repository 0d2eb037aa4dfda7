"""Options refused while the command line is parsed (exit 2, one line naming the
option), before a scenario is loaded or anything computed; and the style of every
error line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from triangle.analysis import uncertainty
from triangle.cli import cli

ROOT = Path(__file__).resolve().parents[2]
S2025 = str(ROOT / "scenarios" / "reverse_kissinger_2025.yaml")


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def no_computation(monkeypatch):
    """Make any Monte Carlo run or grid sweep fail the test: the check must come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("the run was started")

    monkeypatch.setattr(uncertainty, "monte_carlo", refuse)
    monkeypatch.setattr(uncertainty, "grid_sweep", refuse)


@pytest.mark.parametrize("seed", ["-1", "1.5", "seven", "-0x1"])
@pytest.mark.parametrize("verb", ["sweep", "plot"])
def test_a_seed_that_is_not_a_non_negative_integer_is_refused_at_parse_time(
    verb, seed, no_computation, tmp_path
):
    args = ["--samples", "100", "--seed", seed]
    if verb == "plot":
        args += ["--kind", "sensitivity", "--out", str(tmp_path / "s.png")]
    result = run(verb, S2025, *args)
    assert result.exit_code == 2, result.output
    assert "--seed" in result.stderr and "non-negative integer" in result.stderr
    assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr


def test_the_seed_help_says_what_a_seed_is():
    assert "non-negative integer" in " ".join(run("sweep", "--help").stdout.split())


def test_a_grid_of_too_many_points_in_all_is_refused_at_parse_time(no_computation):
    grid = ("--grid", "rivalry=0:1:100000", "--grid", "offer=0:1:100000")
    result = run("sweep", S2025, *grid)
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert "--grid" in message and "10,000,000,000 points" in message
    assert f"at most {uncertainty.MAX_GRID_POINTS:,} points" in message
    assert "MemoryError" not in message and message.count("\n") == 0


def test_the_library_refuses_too_large_a_grid_too():
    from triangle.errors import TriangleInputError
    from triangle.scenario import load_scenario

    axes = [uncertainty.GridAxis(name, 0, 1, 10_000) for name in ("rivalry", "offer")]
    with pytest.raises(TriangleInputError, match="at most 10,000,000 points"):
        uncertainty.grid_sweep(load_scenario(S2025), axes)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize("mode", [("--samples", "100000"), ("--grid", "rivalry=0:1:1000")])
def test_an_existing_points_file_is_refused_before_the_run(tmp_path, suffix, mode, no_computation):
    pytest.importorskip("pyarrow") if suffix == ".parquet" else None
    out = tmp_path / f"points{suffix}"
    out.write_text("keep me")
    result = run("sweep", S2025, *mode, "--out", str(out))
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == f"triangle sweep: {out} exists; use --force to overwrite"
    assert out.read_text() == "keep me"


def test_help_names_every_number_of_actors_and_every_sweep_mode():
    top = " ".join(run("--help").stdout.split())
    assert "three-actor" not in top and "two to eight actors" in top
    first = " ".join(run("sweep", "--help").stdout.split("\n\n")[1].split())
    assert "one parameter" in first and "grid" in first and "Monte Carlo" in first


# -- one style of error line ---------------------------------------------------------------


BAD = """\
format: 1
title: t
players: [A, B]
form: table
strategies: {A: [x, y], B: [x, y]}
payoffs:
  "x, x": [1, 1]
  "x, y": [0, 0]
  "y, x": [0, 0]
  "y, y": [1, oops]
"""


def test_a_problem_in_a_file_reads_the_same_in_every_verb(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    lines = set()
    for verb in ("validate", "solve", "analyze"):
        result = run(verb, str(path))
        assert result.exit_code == 2
        lines.add(result.stderr.strip())
    # file:line: what is wrong, with nothing in front, whichever verb read the file
    assert len(lines) == 1
    (line,) = lines
    assert line.startswith(f"{path}:10: ") and "oops" in line


def test_a_problem_not_in_a_file_names_the_command(tmp_path):
    result = run("sweep", S2025, "--parameter", "rivalry", "--samples", "10")
    assert result.exit_code == 2
    assert result.stderr.startswith("triangle sweep: give one of")


# -- expressions and names --------------------------------------------------------------


def test_a_control_character_in_an_expression_is_refused_escaped_and_located(tmp_path):
    path = tmp_path / "nul.yaml"
    path.write_text(BAD.replace("[1, oops]", '["1\\0", 2]'))
    result = run("validate", str(path))
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert message.startswith(f"{path}:10: ")
    assert "\x00" not in result.stderr and "\\x00" in message
    assert "control character" in message and "null bytes" not in message


def test_a_parameter_named_after_a_python_keyword_says_so(tmp_path):
    path = tmp_path / "kw.yaml"
    text = BAD.replace("form: table\n", "form: table\nparameters:\n  lambda: {value: 1}\n")
    path.write_text(text.replace("[1, oops]", "[1, 1]"))
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert "not be a Python keyword (lambda)" in result.stderr
    assert "abs, max, min" not in result.stderr
