"""What the text says agrees with itself: tie sentences for every state, the why line
with the rows it explains, what each selection and the breakdown stand for, one
measure of what drives the gain, and one style of numbers in the sweep summary."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from triangle.analysis import Wedge, analyze_move
from triangle.analysis import uncertainty as unc
from triangle.cli import cli
from triangle.numbers import MINUS
from triangle.report import format_analysis
from triangle.report.prose import _driver_phrase, reason, wedge_sentence
from triangle.scenario import load_scenario
from triangle.vocabulary import TieState, WedgeStatus

ROOT = Path(__file__).resolve().parents[2]
S2025 = str(ROOT / "scenarios" / "reverse_kissinger_2025.yaml")

UCI = """\
format: 1
title: US courts India against China
players: [US, China, India]
form: relations
parameters:
  border: {value: 2, range: [0, 6], source: s, distribution: {kind: triangular, min: 0.5, mode: 2, max: 5, source: g}}
  tech: {value: 1, range: [0, 4], source: s, distribution: {kind: normal, mean: 1, sd: 0.5, source: g}}
  autonomy: {value: 0.8, range: [0, 3], source: s, distribution: {kind: lognormal, median: 0.8, sigma: 0.5, source: g}}
  rivalry_uc: {value: 2.5, range: [0, 5], source: s, distribution: {kind: choice, values: [1.5, 2.5, 3.5], weights: [1, 2, 1], source: g}}
correlations:
  - between: [border, tech]
    rank: 0.4
    source: g
ties:
  US: {India: "tech", China: "-rivalry_uc"}
  India: {US: "tech - autonomy", China: "-border"}
  China: {India: "-border", US: "-rivalry_uc"}
third_party:
  China: -1
costs:
  US: {India: 0.5}
move:
  player: US
  from: cold
  to: "warm:India"
  thresholds: [autonomy, border]
"""  # noqa: E501


@pytest.fixture(scope="module")
def uci(tmp_path_factory):
    path = tmp_path_factory.mktemp("uci") / "uci.yaml"
    path.write_text(UCI)
    return analyze_move(load_scenario(str(path)))


@pytest.mark.parametrize("before, after", list(itertools.product(TieState, repeat=2)))
def test_the_wedge_sentence_is_grammatical_for_every_tie_state(before, after):
    for status in WedgeStatus:
        text = wedge_sentence(Wedge("India", "China", before, after, status))
        assert not re.search(r"\bis (varies|varying)\b", text), text
        assert " varies" not in text, text
        if TieState.VARIES in (before, after):
            assert "friendly in some selected outcomes and hostile in others" in text


def test_the_why_line_agrees_with_the_ties_in_the_rows(uci):
    before = uci.before.relations.ties()
    china_india = [f for a, b, f in before if {a, b} == {"China", "India"}]
    assert china_india == [0]  # hostile in the before row
    why = reason(uci)
    assert "keeps its tie with China" not in why
    assert why.startswith("India's tie with China turns friendly: being warm to China")


def test_each_selection_says_which_outcomes_it_compares(uci):
    text = format_analysis(uci)
    table = text[text.index("Under other equilibrium selections") :]
    assert "not the top of the range" in table.split("optimistic", 1)[1].split("\n")[0]
    assert "not the bottom of the range" in table.split("pessimistic", 1)[1].split("\n")[0]
    # the breakdown says which gain it decomposes: the low end of a range, as the rows
    assert "Gain of US by component, at its low end" in text
    assert re.search(r"\n  low end +0\.5\n", text)
    assert "rows: the US's best plausible outcome before the move and its worst after" in text


def _result(sobol, spearman):
    def drivers():
        key = {n: s.total for n, s in sobol.items()} if sobol else {}
        key = key or {n: abs(r) for n, r in spearman.items()}
        return sorted(key.items(), key=lambda kv: -kv[1])

    return SimpleNamespace(sobol=sobol, spearman=spearman, drivers=drivers)


def test_drivers_leave_out_parameters_without_effect():
    sobol = {
        "tech": unc.Sobol(0.8, 0.02, 0.85, 0.02),
        "autonomy": unc.Sobol(0.1, 0.02, 0.12, 0.02),
        "border": unc.Sobol(0.0, 0.01, 0.002, 0.01),
    }
    text = _driver_phrase(_result(sobol, {"tech": 0.9, "autonomy": 0.3, "border": 0.4}))
    assert "tech (total Sobol index 0.85) and autonomy (total Sobol index 0.12)" in text
    assert "border" not in text and "no other parameter matters" in text
    text = _driver_phrase(_result({}, {"tech": 0.9, "border": -0.01}))
    assert "tech (rank correlation 0.90)" in text and "border" not in text
    text = _driver_phrase(_result({}, {"tech": 0.01, "border": -0.01}))
    assert "no drawn parameter moves the gain noticeably" in text


@pytest.mark.parametrize("kind", ["verdict-probability", "gain-distribution", "sensitivity"])
def test_every_chart_that_names_drivers_asks_for_sobol_indices_as_sweep_does(
    kind, monkeypatch, tmp_path
):
    asked = {}

    def capture(*args, **kwargs):
        asked.update(kwargs)
        raise RuntimeError("stop here")

    monkeypatch.setattr(unc, "monte_carlo", capture)
    result = CliRunner().invoke(
        cli, ["plot", S2025, "--kind", kind, "--out", str(tmp_path / "c.png")]
    )
    assert result.exit_code == 1 and asked["sobol"] == "auto"


def test_the_sweep_summary_writes_every_share_as_a_percentage_and_every_index_alike():
    result = CliRunner().invoke(cli, ["sweep", S2025, "--samples", "4000", "--seed", "3"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    verdicts = text.split("verdict (probability, 95% Wilson interval)\n")[1].split("\n\n")[0]
    for line in verdicts.splitlines():
        cell = line[36:]
        numbers = re.findall(r"[\d.]+%?", cell.split("]")[0])
        assert numbers and all(n.endswith("%") for n in numbers), line
    drivers = text.split("what drives the gain\n")[1].split("\n  Sobol:")[0]
    for line in drivers.splitlines()[2:]:
        assert not re.search(r"(?<![\w.])-\d", line), line  # the real minus sign only
        for index in re.findall(rf"{MINUS}?\d+\.\d+(?= |$| ±)", line.split("  ")[-1]):
            assert len(index.split(".")[1]) == 3, line
    configurations = text.split("triangle after the move\n")[1]
    assert all(line.strip().endswith("%") for line in configurations.splitlines() if line)
