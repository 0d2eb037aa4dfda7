"""Compiling many points at once gives the one-point payoffs bit for bit, and the
one-point errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import RPS_TABLE, load

from triangle.errors import ScenarioError, TriangleInputError
from triangle.scenario import loads_scenario, parse_expression
from triangle.scenario.vectorized import vector_expression

EXPRESSIONS = """\
format: 1
title: every construct of the grammar
players: [A, B]
form: table
parameters:
  x: {value: 1, range: [-3, 3], source: test}
  y: {value: 2, range: [0.5, 4], source: test}
  z: {value: 0, range: [-2, 2], source: test}
strategies: {A: [a, b], B: [c, d]}
payoffs:
  "a, c": ["x + y * z - 0.1", "-(x / y) + 0.2"]
  "a, d": ["y ^ 2 - x ^ 3", "abs(z) - max(x, z, 0.3)"]
  "b, c": ["min(x, y) * 1.5 + +z", "2 ^ -y"]
  "b, d": [0.3, "x - y + z * (x - 1)"]
"""


def random_points(scenario, count, seed):
    rng = np.random.default_rng(seed)
    points = []
    for _ in range(count):
        point = {}
        for name, p in scenario.parameters.items():
            lo, hi = p.range
            if rng.random() < 0.3:
                point[name] = float(rng.integers(int(4 * lo), int(4 * hi) + 1) / 4)
            elif rng.random() < 0.8:
                point[name] = float(rng.uniform(lo, hi))
        points.append(point)
    return points


def one_by_one(scenario, points):
    return np.stack([scenario.compile(p).payoffs for p in points])


def test_shipped_scenarios_compile_the_same_bits(shipped):
    for scenario in shipped:
        points = random_points(scenario, 200, 1)
        np.testing.assert_array_equal(scenario.compile_many(points), one_by_one(scenario, points))


def test_every_construct_compiles_the_same_bits(tmp_path):
    for text in (EXPRESSIONS, RPS_TABLE):
        scenario = load(tmp_path, text)
        points = random_points(scenario, 300, 2)
        np.testing.assert_array_equal(scenario.compile_many(points), one_by_one(scenario, points))


def test_compile_arrays_takes_one_array_per_parameter(tmp_path):
    scenario = load(tmp_path, EXPRESSIONS)
    xs = np.linspace(-3, 3, 7)
    got = scenario.compile_arrays({"x": xs})
    np.testing.assert_array_equal(got, one_by_one(scenario, [{"x": x} for x in xs]))
    assert scenario.compile_arrays({}, size=2).shape == (2, 2, 2, 2)


def test_errors_are_the_one_point_errors(tmp_path):
    scenario = load(tmp_path, EXPRESSIONS)
    with pytest.raises(TriangleInputError, match=r"x=5 is outside its range \[-3, 3\]"):
        scenario.compile_arrays({"x": np.array([0.0, 5.0])})
    with pytest.raises(TriangleInputError, match="unknown parameter 'w'"):
        scenario.compile_many([{"x": 0.0}, {"w": 1.0}])
    text = EXPRESSIONS.replace('"-(x / y) + 0.2"', '"1 / z"')
    bad = loads_scenario(text, "bad.yaml")
    with pytest.raises(ScenarioError, match=r'bad.yaml:\d+: division by zero in "1 / z"'):
        bad.compile_many([{"z": 1.0}, {"z": 0.0}])


@settings(max_examples=60)
@given(
    x=st.floats(-3, 3),
    y=st.floats(0.5, 4),
    z=st.floats(-2, 2),
    text=st.sampled_from(
        ["x * y - z", "x / y ^ 2", "max(x, y, z) - min(z, x)", "abs(x - y) * z", "-x ^ 2"]
    ),
)
def test_an_expression_gives_the_one_point_value(x, y, z, text):
    expression = parse_expression(text, ["x", "y", "z"])
    values, bad = vector_expression(expression)(
        {"x": np.array([x]), "y": np.array([y]), "z": np.array([z])}
    )
    assert not bad[0]
    assert values[0] == expression.evaluate({"x": x, "y": y, "z": z})
