"""Shared test configuration: deterministic hypothesis runs, no timing deadlines, and
the shipped scenarios as a fixture.

The machine running the suite is shared and noisy, so no example has a deadline,
and hypothesis is derandomised so that every run draws the same examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from triangle.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"

settings.register_profile("triangle", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("triangle")


@pytest.fixture(scope="session")
def shipped():
    """Every shipped scenario with a move (the two cases and their counterfactuals)."""
    found = [load_scenario(p) for p in sorted(SCENARIOS.glob("*.yaml"))]
    found = [s for s in found if s.move is not None]
    assert found, "the shipped scenarios are missing"
    return found
