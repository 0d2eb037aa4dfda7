"""Parameter distributions and correlations: reading, located errors, quantiles."""

from __future__ import annotations

import numpy as np
import pytest
from support import load

from triangle.errors import ScenarioError
from triangle.scenario.distributions import Distribution, correlation_matrix

HEAD = """\
format: 1
title: uncertain
players: [A, B]
form: table
parameters:
  x:
    value: 1
    range: [-2, 4]
    source: test
    distribution: {DIST}
  y: {value: 0.5, range: [0, 2], source: test}
strategies: {A: [a, b], B: [c, d]}
payoffs:
  "a, c": [x, 0]
  "a, d": [0, y]
  "b, c": [y, 1]
  "b, d": [1, x]
"""


def scenario(tmp_path, dist: str, extra: str = ""):
    return load(tmp_path, HEAD.replace("{DIST}", dist) + extra)


@pytest.mark.parametrize(
    ("text", "kind", "support"),
    [
        ("{kind: uniform, source: s}", "uniform", (-2, 4)),
        ("{kind: uniform, min: 0, max: 2, source: s}", "uniform", (0, 2)),
        ("{kind: triangular, min: -1, mode: 1, max: 3, source: s}", "triangular", (-1, 3)),
        ("{kind: pert, min: -1, mode: 0, max: 3, source: s}", "pert", (-1, 3)),
        ("{kind: pert, min: 0, mode: 1, max: 3, lambda: 2, source: s}", "pert", (0, 3)),
        ("{kind: normal, mean: 1, sd: 0.5, source: s}", "normal", (-2, 4)),
        ("{kind: lognormal, median: 1, sigma: 0.4, source: s}", "lognormal", (0, 4)),
        ("{kind: choice, values: [0, 1, 3], weights: [1, 2, 1], source: s}", "choice", (0, 3)),
    ],
)
def test_every_kind_reads_and_samples_within_its_support(tmp_path, text, kind, support):
    d = scenario(tmp_path, text).parameters["x"].distribution
    assert d.kind == kind and (d.low, d.high) == support and d.source == "s"
    u = np.random.default_rng(0).random(20_000)
    x = d.ppf(u)
    assert x.min() >= support[0] and x.max() <= support[1]
    if kind != "choice":  # the sample follows scipy.stats' distribution
        assert abs(x.mean() - d.mean()) < 0.03
    else:
        assert set(np.unique(x)) == {0.0, 1.0, 3.0}
        assert abs((x == 1).mean() - 0.5) < 0.02


@pytest.mark.parametrize(
    "d",
    [
        Distribution("pert", {"min": -1.0, "mode": 0.0, "max": 3.0}),
        Distribution("pert", {"min": 0.0, "mode": 0.0, "max": 3.0}),
        Distribution("pert", {"min": 0.0, "mode": 2.9, "max": 3.0, "lambda": 8.0}),
        Distribution("normal", {"mean": 0.5, "sd": 1.0, "min": -4.0, "max": 10.0}),
        Distribution("normal", {"mean": 0.0, "sd": 0.2, "min": 0.0, "max": 1.0}),
        Distribution("lognormal", {"median": 1.0, "sigma": 0.5, "min": 0.0, "max": 6.0}),
        Distribution("lognormal", {"median": 0.1, "sigma": 1.5, "min": 0.0, "max": 3.0}),
    ],
    ids=lambda d: d.describe(),
)
def test_tabulated_quantiles_match_scipy(d):
    # in probability: the CDF at the computed quantile is u to 1e-8
    u = np.concatenate([np.linspace(0, 1, 2001), [1e-12, 1e-9, 1e-6, 1 - 1e-9, 1 - 1e-12]])
    assert np.max(np.abs(d.frozen.cdf(d.ppf(u)) - u)) <= 1e-8
    # in value, away from the far tails (where the quantile function is steep)
    u = np.linspace(1e-6, 1 - 1e-6, 2001)
    assert np.max(np.abs(d.ppf(u) - d.frozen.ppf(u))) <= 1e-9 * (d.high - d.low)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{kind: gaussian, mean: 1, sd: 1}", "unknown distribution kind 'gaussian'"),
        ("{kind: uniform, min: -3, max: 1}", r"outside the parameter's range \[-2, 4\]"),
        ("{kind: uniform, min: 2, max: 1}", "min 2 must be below max 1"),
        ("{kind: triangular, min: 0, mode: 5, max: 3}", "mode 5 is outside"),
        ("{kind: triangular, min: 0, max: 3}", "missing the required key 'mode'"),
        ("{kind: normal, mean: 1, sd: 0}", "sd must be positive"),
        ("{kind: lognormal, median: -1, sigma: 1}", "median must be positive"),
        ("{kind: uniform, min: 2, max: 3}", r"the value 1 is outside the distribution's support"),
        ("{kind: choice, values: [0, 1], weights: [1, -1]}", "weights must not be negative"),
        ("{kind: choice, values: [0, 1], weights: [0, 0]}", "the weights sum to 0"),
        ("{kind: choice, values: [0, 9]}", "value 9 is outside the parameter's range"),
        ("{kind: choice, values: [0, 2], weights: [1]}", "1 weights for 2 values"),
        ("{kind: uniform, spread: 1}", "unknown key 'spread'"),
        ("{mean: 1}", "missing the required key 'kind'"),
        ("uniform", "must be a mapping"),
    ],
)
def test_bad_distributions_are_located_errors(tmp_path, text, message):
    with pytest.raises(ScenarioError, match=r"scenario\.yaml:\d+: .*" + message):
        scenario(tmp_path, text)


def test_a_distribution_needs_a_range(tmp_path):
    text = HEAD.replace("    range: [-2, 4]\n", "").replace("{DIST}", "{kind: uniform}")
    with pytest.raises(ScenarioError, match=r":9: parameter 'x' has a distribution but no range"):
        load(tmp_path, text)


CORRELATED = HEAD.replace(
    "  y: {value: 0.5, range: [0, 2], source: test}",
    "  y: {value: 0.5, range: [0, 2], source: test, distribution: {kind: uniform}}",
)


def test_correlations_read_and_check(tmp_path):
    text = CORRELATED.replace("{DIST}", "{kind: uniform, source: s}")
    s = load(tmp_path, text + "correlations:\n  - {between: [x, y], rank: 0.6, source: t}\n")
    (c,) = s.correlations
    assert (c.first, c.second, c.rank, c.source) == ("x", "y", 0.6, "t")
    # the distribution of y and the correlation without sources are reported
    s = load(tmp_path, text + "correlations:\n  - {between: [x, y], rank: 0.6}\n")
    found = [why for _, why in s.unsourced()]
    assert "the distribution of parameter 'y' has no source" in found
    assert "the correlation of x and y has no source" in found
    for bad, message in [
        ("{between: [x, z], rank: 0.5}", "unknown parameter 'z'"),
        ("{between: [x, x], rank: 0.5}", "two different parameters"),
        ("{between: [x, y], rank: 1}", "rank must be between -1 and 1"),
    ]:
        with pytest.raises(ScenarioError, match=message):
            load(tmp_path, text + f"correlations:\n  - {bad}\n")
    with pytest.raises(ScenarioError, match="parameter 'y' has no distribution"):
        load(
            tmp_path,
            HEAD.replace("{DIST}", "{kind: uniform}")
            + "correlations:\n  - {between: [x, y], rank: 0.5}\n",
        )


def test_inconsistent_correlations_are_refused():
    from triangle.scenario.distributions import Correlation

    names = ["a", "b", "c"]
    ok = [Correlation("a", "b", 0.5), Correlation("b", "c", 0.5)]
    assert correlation_matrix(names, ok).shape == (3, 3)
    bad = [Correlation("a", "b", 0.9), Correlation("b", "c", 0.9), Correlation("a", "c", -0.9)]
    with pytest.raises(ValueError, match="not consistent"):
        correlation_matrix(names, bad)


def test_a_variant_that_changes_a_value_drops_its_distribution(tmp_path):
    base = scenario(tmp_path, "{kind: triangular, min: -1, mode: 1, max: 3, source: s}")
    assert base.parameters["x"].distribution is not None
    variant = tmp_path / "variant.yaml"
    variant.write_text(
        "format: 1\nbase: scenario.yaml\ntitle: v\nparameters:\n  x: {value: 3.5, source: other}\n",
        encoding="utf-8",
    )
    from triangle.scenario import load_scenario

    assert load_scenario(variant).parameters["x"].distribution is None
    variant.write_text(
        "format: 1\nbase: scenario.yaml\ntitle: v\n"
        "parameters:\n  x:\n    value: 3.5\n    source: other\n"
        "    distribution: {kind: uniform, min: 3, max: 4, source: s2}\n",
        encoding="utf-8",
    )
    assert load_scenario(variant).parameters["x"].distribution.high == 4
