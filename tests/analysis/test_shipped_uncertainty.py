"""The probabilities scenarios/README.md reports for the shipped scenarios, recomputed.

The README gives the figures of `triangle sweep SCENARIO --samples 1000000 --seed 7`;
here 20,000 draws (another sample of the same distributions) must land within a few
standard errors of them, the drivers must be the ones named, and the mechanisms must
hold in every draw. tests/analysis/test_uncertainty.py checks that the probabilities
move with the distributions.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from triangle.analysis.uncertainty import monte_carlo
from triangle.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
FILES = {"2025": "reverse_kissinger_2025.yaml", "1971": "kissinger_1971.yaml"}


def readme_rows() -> dict[str, list[str]]:
    text = (ROOT / "scenarios" / "README.md").read_text(encoding="utf-8")
    section = text.split("## How sure is the verdict?", 1)[1]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] in FILES:
            rows[cells[0]] = cells
    return rows


def percent(cell: str) -> float:
    return float(re.search(r"([\d.]+)%", cell).group(1)) / 100


@pytest.fixture(scope="module")
def runs():
    return {
        year: monte_carlo(load_scenario(ROOT / "scenarios" / name), 20_000, seed=1, sobol=1024)
        for year, name in FILES.items()
    }


@pytest.mark.parametrize("year", list(FILES))
def test_the_readme_probabilities_are_what_the_model_gives(runs, year):
    row = readme_rows()[year]
    reported = percent(row[1])
    found = runs[year].probability()
    # 20,000 draws: a standard error of at most 0.0036
    assert found.value == pytest.approx(reported, abs=0.012)
    low, high = (percent(x) for x in re.findall(r"[\d.]+%", row[2]))
    assert low <= reported <= high


@pytest.mark.parametrize("year", list(FILES))
def test_the_readme_drivers_are_the_largest_sobol_indices(runs, year):
    row = readme_rows()[year]
    named = re.findall(r"([a-z_]+) \d", row[4])
    top = [name for name, _ in runs[year].drivers()[: len(named)]]
    assert set(top) == set(named)


def test_the_target_never_flips_in_either_era(runs):
    assert runs["2025"].flip.count == 0 and runs["2025"].target_states == {"keeps": 1.0}
    assert runs["1971"].flip.count == 0
    assert runs["1971"].target_states == {"third actor cold": 1.0}
