"""Scenarios survive pickling (worker processes, multiprocessing, joblib): the copy
compiles to the same payoffs, vectorised too, and reports the same unsourced numbers."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from triangle.scenario import load_scenario

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_a_pickled_scenario_compiles_to_the_same_payoffs(path):
    scenario = load_scenario(path)
    copy = pickle.loads(pickle.dumps(scenario))
    assert copy.parameters.keys() == scenario.parameters.keys()
    with pytest.raises(TypeError):
        copy.parameters["new"] = None  # still read-only
    name, parameter = next(iter(scenario.parameters.items()))
    lo, hi = parameter.range if parameter.range else (parameter.value - 1, parameter.value + 1)
    for value in np.linspace(lo, hi, 5):
        np.testing.assert_array_equal(
            copy.compile({name: value}).payoffs, scenario.compile({name: value}).payoffs
        )
    arrays = {name: np.linspace(lo, hi, 7)}
    np.testing.assert_array_equal(
        copy.compile_arrays(arrays, size=7), scenario.compile_arrays(arrays, size=7)
    )
    assert copy.unsourced() == scenario.unsourced()
