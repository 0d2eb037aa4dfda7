"""``triangle sweep --grid`` and ``--samples``: output contract, the same bytes again,
points that match ``triangle analyze``, bad input, no partial files, and Dask."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from triangle.cli import cli

ROOT = Path(__file__).resolve().parents[2]
S2025 = str(ROOT / "scenarios" / "reverse_kissinger_2025.yaml")
S1971 = str(ROOT / "scenarios" / "kissinger_1971.yaml")


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_monte_carlo_json_is_one_document_and_the_same_bytes_again():
    args = ("sweep", S2025, "--samples", "7000", "--seed", "7", "--format", "json")
    first = run(*args)
    assert first.exit_code == 0, first.output
    doc = json.loads(first.stdout)
    assert doc["samples"] == 7000 and doc["seed"] == 7
    pays = doc["verdicts"]["pays off"]
    lo, hi = pays["interval"]
    assert lo <= pays["probability"] <= hi
    assert set(doc["drivers"][:3]) == {"offer", "allies", "rivalry"}
    assert doc["sobol"] is not None and doc["sobol_base"] == 64
    again = run(*args, "--chunk-size", "7", "--threads", "2")
    assert again.stdout == first.stdout


def test_monte_carlo_table_names_the_probability_and_its_drivers():
    result = run("sweep", S2025, "--samples", "2000", "--seed", "1")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "pays off with probability" in text and "95% interval" in text
    assert "what drives the gain" in text and "offer" in text


def test_points_file_rows_match_triangle_analyze(tmp_path):
    out = tmp_path / "points.csv"
    result = run("sweep", S2025, "--samples", "50", "--seed", "3", "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert len(rows) == 50 and rows[0]["point"] == "0"
    for row in rows[:4]:
        params = [
            f"--param={name}={row[name]}"
            for name in rows[0]
            if name
            not in (
                "point",
                "verdict",
                "gain_min",
                "gain_max",
                "target_state",
                "configuration_after",
            )
        ]
        doc = json.loads(run("analyze", S2025, *params, "--format", "json").stdout)
        assert doc["move"]["verdict"] == row["verdict"]
        assert doc["move"]["gain"]["min"] == pytest.approx(float(row["gain_min"]), abs=1e-9)
        assert doc["move"]["target_keeps_tie"]["state"] == row["target_state"]
    # an existing file is not overwritten without --force, and nothing else is written
    again = run("sweep", S2025, "--samples", "50", "--out", str(out))
    assert again.exit_code == 2 and "exists; use --force" in again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["points.csv"]


def test_parquet_points_are_the_csv_points(tmp_path):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    a, b = tmp_path / "a.parquet", tmp_path / "b.csv"
    for out, chunk in ((a, "7"), (b, "100")):
        result = run(
            "sweep",
            S1971,
            "--samples",
            "120",
            "--seed",
            "2",
            "--out",
            str(out),
            "--chunk-size",
            chunk,
        )
        assert result.exit_code == 0, result.output
    table = pq.read_table(a).to_pylist()
    rows = list(csv.DictReader(io.StringIO(b.read_text())))
    assert len(table) == len(rows) == 120
    assert table[5]["verdict"] == rows[5]["verdict"]
    assert table[5]["rivalry"] == float(rows[5]["rivalry"])
    c = tmp_path / "c.parquet"
    run("sweep", S1971, "--samples", "120", "--seed", "2", "--out", str(c), "--chunk-size", "100")
    assert a.read_bytes() == c.read_bytes()


def test_grids_of_one_two_and_three_parameters(tmp_path):
    result = run("sweep", S2025, "--grid", "rivalry=-4:10:15", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["points"] == 15 and len(doc["codes"]) == 15
    out = tmp_path / "grid.csv"
    result = run(
        "sweep",
        S2025,
        "--grid",
        "rivalry=-4:10:5",
        "--grid",
        "offer=0:4:3",
        "--grid",
        "allies=0:3:2",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert "grid points over rivalry, offer, allies" in result.stdout
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert len(rows) == 30 and rows[1]["allies"] == "3.0" and rows[1]["offer"] == "0.0"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--grid", "rivalry=3:1:5"], "LO must be below HI"),
        (["--grid", "rivalry"], "expected NAME=LO:HI:N"),
        (["--grid", "rivalry=0:1:1"], "N must be between 2"),
        (["--grid", "nope=0:1:3"], "has no such parameter"),
        (["--grid", "offer=-1:1:3"], "outside its range"),
        (["--grid", "offer=0:1:3", "--param", "offer=1"], "it is on the grid"),
        (["--samples", "10", "--grid", "offer=0:1:3"], "give one of"),
        (["--samples", "10", "--sobol", "100"], "power of 2"),
        (["--samples", "10", "--out", "x.txt"], ".csv or .parquet"),
        (["--parameter", "rivalry", "--out", "x.csv"], "go with --grid or --samples"),
        ([], "give one of"),
    ],
)
def test_bad_input_is_exit_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run("sweep", S2025, *args)
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert list(tmp_path.iterdir()) == []


def test_a_scenario_without_distributions_cannot_be_sampled():
    path = str(ROOT / "tests" / "support.py")  # not a scenario: exit 2 as well
    result = run("sweep", path, "--samples", "10")
    assert result.exit_code == 2
    fixed = run(
        "sweep",
        S2025,
        "--samples",
        "10",
        *[
            f"--param={n}=1"
            for n in (
                "rivalry",
                "bond_russia",
                "bond_china",
                "leverage",
                "offer",
                "russia_us_distrust",
                "allies",
                "trade_us_russia",
                "us_china_competition",
                "china_us_trade",
                "axis",
            )
        ],
    )
    assert fixed.exit_code == 2 and "no parameter not fixed by --param" in fixed.stderr


def test_interrupting_a_run_leaves_no_partial_file(tmp_path, monkeypatch):
    from triangle.analysis import uncertainty

    calls = {"n": 0}
    original = uncertainty.evaluate_chunk

    def interrupted(chunk):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return original(chunk)

    monkeypatch.setattr(uncertainty, "evaluate_chunk", interrupted)
    out = tmp_path / "points.csv"
    result = CliRunner().invoke(
        cli,
        [
            "sweep",
            S2025,
            "--samples",
            "500",
            "--chunk-size",
            "100",
            "--threads",
            "1",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code != 0 and calls["n"] == 3
    assert list(tmp_path.iterdir()) == []


def test_the_in_process_path_does_not_import_dask(tmp_path):
    code = (
        "import sys\n"
        "from triangle.cli import main\n"
        "try:\n"
        f"    main(['sweep', {S2025!r}, '--samples', '200', '--sobol', '0'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('dask' in sys.modules, 'distributed' in sys.modules)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert found.stdout.strip().splitlines()[-1] == "False False"


@pytest.mark.slow
def test_a_two_worker_dask_cluster_gives_the_same_bytes(tmp_path):
    pytest.importorskip("dask.distributed")
    args = [
        "sweep",
        S2025,
        "--samples",
        "3000",
        "--seed",
        "9",
        "--format",
        "json",
        "--chunk-size",
        "500",
    ]
    local = run(*args, "--out", str(tmp_path / "a.csv"))
    assert local.exit_code == 0, local.output
    dask = run(*args, "--workers", "2", "--out", str(tmp_path / "b.csv"))
    assert dask.exit_code == 0, dask.output
    assert dask.stdout == local.stdout
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_threads_and_worker_processes_give_the_same_bytes(tmp_path):
    args = ["sweep", S2025, "--samples", "3000", "--seed", "9", "--format", "json"]
    args += ["--chunk-size", "500"]
    one = run(*args, "--threads", "1", "--out", str(tmp_path / "a.csv"))
    assert one.exit_code == 0, one.output
    for option, name in (("--threads", "b.csv"), ("--processes", "c.csv")):
        other = run(*args, option, "2", "--out", str(tmp_path / name))
        assert other.exit_code == 0, other.output
        assert other.stdout == one.stdout
        assert (tmp_path / name).read_bytes() == (tmp_path / "a.csv").read_bytes()


def test_parallelism_options_need_a_grid_or_samples():
    result = run("sweep", S2025, "--parameter", "rivalry", "--processes", "2")
    assert result.exit_code == 2
    assert "--processes" in result.output
