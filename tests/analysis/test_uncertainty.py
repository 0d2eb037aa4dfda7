"""Monte Carlo and grid sweeps: reproducible to the byte, the same answers as
analyze_move at the points they draw, and probabilities that move with the guesses."""

from __future__ import annotations

import dataclasses
import json
import math
from types import MappingProxyType

import numpy as np
import pytest
from support import REVERSE, RPS_TABLE, load

from triangle.analysis import analyze_move, sweep_move
from triangle.analysis.uncertainty import (
    BLOCK,
    GridAxis,
    Probability,
    grid_sweep,
    monte_carlo,
    probability_map,
    sampling_plan,
)
from triangle.errors import TriangleInputError
from triangle.report import to_data
from triangle.report.points import PointsWriter
from triangle.scenario import load_scenario

RPS_UNCERTAIN = RPS_TABLE.replace(
    'p: {value: 0.5, range: [-2, 2], source: "test"}',
    'p: {value: 0.5, range: [-2, 2], source: "test", '
    "distribution: {kind: triangular, min: -2, mode: 0.5, max: 2, source: t}}",
).replace(
    'r: {value: 1, range: [-2, 2], source: "test"}',
    'r: {value: 1, range: [-2, 2], source: "test", '
    "distribution: {kind: choice, values: [-1, 0, 1, 1.5], weights: [1, 2, 3, 1], source: t}}",
)


@pytest.fixture(scope="module")
def reverse():
    return load_scenario(REVERSE)


def dumps(result) -> str:
    return json.dumps(to_data(result), sort_keys=True, allow_nan=False)


def with_distribution(scenario, name, distribution):
    parameters = dict(scenario.parameters)
    parameters[name] = dataclasses.replace(parameters[name], distribution=distribution)
    return dataclasses.replace(scenario, parameters=MappingProxyType(parameters))


# -- reproducibility ---------------------------------------------------------------------------


def test_the_stream_does_not_depend_on_how_it_is_cut(reverse):
    plan = sampling_plan(reverse, {}, seed=7)
    whole = plan.uniforms(BLOCK - 5, BLOCK + 5)
    pieces = np.concatenate([plan.uniforms(BLOCK - 5 + k, BLOCK - 4 + k) for k in range(10)])
    np.testing.assert_array_equal(whole, pieces)
    again = sampling_plan(reverse, {}, seed=7).uniforms(0, 3)
    np.testing.assert_array_equal(again, plan.uniforms(0, 3))
    assert not np.array_equal(sampling_plan(reverse, {}, seed=8).uniforms(0, 3), again)


@pytest.mark.parametrize("chunk", [1, 7, 100_000])
def test_same_seed_same_bytes_whatever_the_chunk_size(reverse, chunk, tmp_path):
    reference = monte_carlo(reverse, 400, seed=3, sobol=0, chunk_size=64)
    out = tmp_path / f"points-{chunk}.csv"
    with PointsWriter(out, reference.parameters) as writer:
        result = monte_carlo(reverse, 400, seed=3, sobol=0, chunk_size=chunk, sink=writer.write)
    assert dumps(result) == dumps(reference)
    first = tmp_path / "points-ref.csv"
    if not first.exists():
        with PointsWriter(first, reference.parameters) as writer:
            monte_carlo(reverse, 400, seed=3, sobol=0, chunk_size=64, sink=writer.write)
    assert out.read_bytes() == first.read_bytes()


def test_sobol_indices_do_not_depend_on_the_chunk_size(reverse):
    a = monte_carlo(reverse, 2000, seed=5, sobol=64, chunk_size=7)
    b = monte_carlo(reverse, 2000, seed=5, sobol=64, chunk_size=100_000)
    assert a.sobol is not None and dumps(a) == dumps(b)
    # the design has N (d + 2) points: each index has a bootstrap interval
    assert all(s.total_conf >= 0 for s in a.sobol.values())


def test_a_mixed_equilibrium_scenario_is_reproducible_and_solved_in_batch(tmp_path):
    s = load(tmp_path, RPS_UNCERTAIN)
    a = monte_carlo(s, 300, seed=1, sobol=0, chunk_size=1)
    b = monte_carlo(s, 300, seed=1, sobol=0, chunk_size=1000)
    assert dumps(a) == dumps(b)
    assert a.mixed > 0 and a.fallback == 0


# -- agreement with the one-point path ---------------------------------------------------------


def _check_points(scenario, result, count):
    names = result.parameters
    sweep = sweep_move(
        scenario, [{n: float(result.sample_values[n][i]) for n in names} for i in range(count)]
    )
    for i in range(count):
        point = {n: float(result.sample_values[n][i]) for n in names}
        a = analyze_move(scenario, point)
        assert result.gains[i] == pytest.approx(a.point.gains["plausible"][0], abs=1e-9)
        assert (result.pays_off[i]) == (a.verdict == "pays off"), point
        assert sweep.verdicts()[i] == a.verdict


def test_monte_carlo_points_agree_with_analyze_move(shipped):
    for scenario in shipped:
        if not any(p.distribution for p in scenario.parameters.values()):
            continue
        result = monte_carlo(scenario, 200, seed=11, sobol=0)
        _check_points(scenario, result, 6)


def test_monte_carlo_points_of_a_table_scenario_agree_with_analyze_move(tmp_path):
    s = load(tmp_path, RPS_UNCERTAIN)
    result = monte_carlo(s, 200, seed=2, sobol=0)
    _check_points(s, result, 12)


def test_a_grid_is_the_batched_sweep_of_its_points(reverse):
    axes = (GridAxis("rivalry", -4, 10, 15), GridAxis("offer", 0, 4, 9))
    grid = grid_sweep(reverse, axes, chunk_size=11)
    points = [
        {"rivalry": float(x), "offer": float(y)} for x in axes[0].values for y in axes[1].values
    ]
    sweep = sweep_move(reverse, points)
    np.testing.assert_array_equal(grid.codes.ravel(), sweep.codes["plausible"])
    np.testing.assert_array_equal(grid.gain_min.ravel(), sweep.gains["plausible"][0])
    assert grid.codes.shape == (15, 9)
    with pytest.raises(TriangleInputError, match="outside its range"):
        grid_sweep(reverse, (GridAxis("offer", -1, 4, 3),))
    with pytest.raises(TriangleInputError, match="on the grid"):
        grid_sweep(reverse, (GridAxis("offer", 0, 4, 3),), overrides={"offer": 1.0})


# -- the probabilities and what drives them ----------------------------------------------------


def test_narrowing_a_guess_moves_the_probability_the_way_it_should(reverse):
    """The 2025 move pays off only when the price (offer + allies) is low or the rivalry
    high: narrowing the price guesses toward their modes (a price of 3, above the 2.35
    break-even) makes paying off rarer; letting the rivalry reach a split makes it
    likelier."""
    base = monte_carlo(reverse, 20_000, seed=7, sobol=0)
    p = base.probability().value
    narrow = reverse
    for name in ("offer", "allies"):
        narrow = with_distribution(narrow, name, narrow.parameters[name].distribution.narrowed(0.3))
    assert monte_carlo(narrow, 20_000, seed=7, sobol=0).probability().value < p - 0.05
    wide = reverse.parameters["rivalry"].distribution
    wide = dataclasses.replace(wide, values={**wide.values, "max": 6.0})
    wider = with_distribution(reverse, "rivalry", wide)
    assert monte_carlo(wider, 20_000, seed=7, sobol=0).probability().value > p + 0.05
    # fixing a parameter with --param takes it out of the draw
    fixed = monte_carlo(reverse, 2000, seed=7, sobol=0, overrides={"offer": 0.0})
    assert "offer" not in fixed.parameters and fixed.fixed == {"offer": 0.0}
    assert fixed.probability().value > 0.9  # no price to pay: standing alone pays


def test_the_price_drives_the_2025_gain(reverse):
    result = monte_carlo(reverse, 20_000, seed=7, sobol=256)
    top = [name for name, _ in result.drivers()[:3]]
    assert set(top) == {"offer", "allies", "rivalry"}
    assert result.spearman["offer"] < -0.4 and result.spearman["rivalry"] > 0.2
    # parameters that enter before and after alike (the axis) or only the followers'
    # choices away from the outcome have no influence on the gain
    assert abs(result.sobol["axis"].total) < 0.01
    assert result.flip.count == 0  # Russia never drops China: mechanism (a), C8


def test_wilson_intervals():
    p = Probability.of(30, 100)
    z = 1.959963984540054
    centre = (0.3 + z * z / 200) / (1 + z * z / 100)
    half = z / (1 + z * z / 100) * math.sqrt(0.3 * 0.7 / 100 + z * z / 40000)
    assert (p.low, p.high) == pytest.approx((centre - half, centre + half), abs=1e-12)
    assert Probability.of(0, 50).low == 0 and Probability.of(50, 50).high == 1


def test_probability_map_bins_the_draws(reverse):
    result = monte_carlo(reverse, 5000, seed=1, sobol=0)
    pmap = probability_map(result, "rivalry", "offer", bins=10)
    assert pmap.probability.shape == (10, 10) and pmap.counts.sum() == 5000
    finite = pmap.probability[np.isfinite(pmap.probability)]
    assert finite.min() >= 0 and finite.max() <= 1
    with pytest.raises(TriangleInputError, match="was not drawn"):
        probability_map(result, "standing_weight", "offer")


def test_no_distribution_no_sample(tmp_path):
    from support import COURT

    with pytest.raises(TriangleInputError, match="no parameter has a distribution"):
        monte_carlo(load(tmp_path, COURT), 10)
