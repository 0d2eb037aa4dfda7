"""Thresholds: where the verdict on a move, or the target's reply, flips along a parameter.

Hand-built scenarios come from test_analysis.py, where their arithmetic is written out.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import COURT, PENNIES, SCENARIOS, load

from triangle.analysis import analyze_move, find_threshold, sweep_move
from triangle.errors import TriangleInputError
from triangle.numbers import flip_value
from triangle.report import threshold_sentence, to_data
from triangle.scenario import load_scenario

# COURT with a kink at x = -2 outside the flip: A's tie with B is worth max(x, -2), so the
# gain is max(x, -2) - 1.5 (threshold still 1.5) but the payoffs are not affine in x.
KINKED = COURT.replace("A: {B: x}", 'A: {B: "max(x, -2)"}')
# COURT with a parameter without a declared range
UNRANGED = COURT.replace(
    'x: {value: 0.5, range: [-4, 6], source: "test: what a tie with B is worth to A"}',
    'x: {value: 0.5, source: "test: what a tie with B is worth to A"}',
)


# After the tough move the follower is indifferent between two replies (nothing is
# dominated, both are plausible); the leader gets 2.1 - c or 0.7 - c, against 0 before.
# The gain is [0.7 - c, 2.1 - c]: the move pays off for c < 0.7, does not for c >= 2.1,
# and in between the verdict depends on which equilibrium the follower plays.
SELECTION = """\
format: 1
title: The follower's choice decides
players: [Leader, Follower]
form: table
parameters:
  c: {value: 1, range: [0, 3], source: "test: what the tough move costs"}
strategies: {Leader: [soft, tough], Follower: [r1, r2]}
payoffs:
  "soft, r1": [0, 1]
  "soft, r2": [0, 0]
  "tough, r1": ["2.1 - c", 0]
  "tough, r2": ["0.7 - c", 0]
move: {player: Leader, from: soft, to: tough}
"""


def test_a_verdict_that_depends_on_selection_names_both_flips(tmp_path):
    th = find_threshold(load(tmp_path, SELECTION), "c")
    assert th.state == "depends on equilibrium selection"
    assert [(round(f.value, 9), f.below, f.above) for f in th.flips] == [
        (0.7, "pays off", "depends on equilibrium selection"),
        (2.1, "depends on equilibrium selection", "does not pay off"),
    ]
    assert threshold_sentence(th) == (
        "c would have to fall below 0.70 for the move to pay off, or exceed 2.10 for the "
        "move not to pay off; the scenario's value is 1.00, where the verdict depends on "
        "equilibrium selection"
    )


def test_flips_beyond_the_nearest_are_named_in_order(tmp_path):
    s = load(tmp_path, SELECTION)
    below = find_threshold(s, "c", {"c": 2.5})
    assert threshold_sentence(below) == (
        "c would have to fall below 2.10 for the verdict to depend on equilibrium selection, "
        "then 0.70 for the move to pay off; the scenario's value is 2.50, where the move "
        "does not pay off"
    )
    above = find_threshold(s, "c", {"c": 0.2})
    assert threshold_sentence(above) == (
        "c would have to exceed 0.70 for the verdict to depend on equilibrium selection, "
        "then 2.10 for the move not to pay off; the scenario's value is 0.20, where the "
        "move pays off"
    )


# Demanding: the defender resists (Challenger gets 1 - c) while c < 1, concedes (2) when
# c > 1, and is indifferent at c = 1 itself, where the gain is [0, 2]. The move pays off
# for every c but the one: no flip, and at the scenario's value, c = 1, it depends.
ISOLATED = """\
format: 1
title: Crisis bargaining
players: [Challenger, Defender]
form: table
parameters:
  c: {value: 1, range: [0, 5], source: "test"}
strategies: {Challenger: [accept, demand], Defender: [concede, resist]}
payoffs:
  "accept, concede": [0, 0]
  "accept, resist": [0, 0]
  "demand, concede": [2, -2]
  "demand, resist": ["1 - c", "-1 - c"]
move: {player: Challenger, from: accept, to: demand}
"""


def test_a_verdict_at_an_isolated_point_is_not_said_of_the_whole_range(tmp_path):
    th = find_threshold(load(tmp_path, ISOLATED), "c")
    assert th.flips == () and th.state == "depends on equilibrium selection"
    assert th.steady == "pays off"
    assert threshold_sentence(th) == (
        "the move pays off for every c in [0.00, 5.00] but the scenario's value, 1.00, "
        "where the verdict depends on equilibrium selection"
    )
    assert to_data(th)["steady"] == "pays off"
    assert threshold_sentence(th, now=True) == (
        "the move pays off for every c in [0.00, 5.00] but the value now, 1.00, "
        "where the verdict depends on equilibrium selection"
    )


def test_sentences_about_the_value_now(tmp_path):
    """``now=True`` names the value a reader has set, in each form of the sentence."""
    s = load(tmp_path, SELECTION)
    assert threshold_sentence(find_threshold(s, "c"), now=True) == (
        "c would have to fall below 0.70 for the move to pay off, or exceed 2.10 for the "
        "move not to pay off (now 1.00, where the verdict depends on equilibrium selection)"
    )
    court = load(tmp_path, COURT, "court.yaml")
    assert threshold_sentence(find_threshold(court, "x", {"x": 3}), now=True) == (
        "x would have to fall below 1.50 for the move not to pay off (now 3.00)"
    )
    assert threshold_sentence(find_threshold(court, "cost"), now=True) == (
        "cost would have to fall below 2.50 for the move to pay off (now 3.50)"
    )
    # gain = 8 - cost with x = 6: no flip in the range
    assert threshold_sentence(find_threshold(court, "cost", {"x": 6}), now=True) == (
        "the move pays off for every cost in [0.00, 8.00] (now 3.50)"
    )


def test_exact_threshold_at_one_and_a_half(tmp_path):
    s = load(tmp_path, COURT)
    th = find_threshold(s, "x")
    # gain = x - 1.5 (test_analysis.COURT): one flip, exactly at 1.5
    assert th.method == "exact (piecewise linear)"
    assert len(th.flips) == 1
    (flip,) = th.flips
    assert abs(flip.value - 1.5) <= 1e-9
    assert (flip.below, flip.above) == ("does not pay off", "pays off")
    assert flip.verified
    assert th.state == "does not pay off" and th.value == 0.5
    assert abs(th.margin - 1.0) <= 1e-9
    assert threshold_sentence(th) == (
        "x would have to exceed 1.50 for the move to pay off; the scenario's value is 0.50"
    )
    assert (th.lo, th.hi, th.range_source) == (-4.0, 6.0, "declared")
    # the full analysis agrees on both sides, just off the flip
    assert analyze_move(s, {"x": 1.5 + 1e-6}).verdict == "pays off"
    assert analyze_move(s, {"x": 1.5 - 1e-6}).verdict == "does not pay off"


def test_threshold_moves_with_another_parameter(tmp_path):
    s = load(tmp_path, COURT)
    # gain = x - cost + 2: with cost = 5 the flip is at x = 3
    th = find_threshold(s, "x", {"cost": 5})
    assert [round(f.value, 9) for f in th.flips] == [3.0]
    # along cost, the flip is at cost = x + 2 = 2.5, pays off below it
    th = find_threshold(s, "cost")
    (flip,) = th.flips
    assert abs(flip.value - 2.5) <= 1e-9
    assert (flip.below, flip.above) == ("pays off", "does not pay off")
    assert threshold_sentence(th).startswith(
        "cost would have to fall below 2.50 for the move to pay off"
    )


def test_bisection_when_payoffs_are_not_affine(tmp_path):
    s = load(tmp_path, KINKED)
    th = find_threshold(s, "x")
    assert th.method == "bisection"
    (flip,) = th.flips
    # bisection to 1e-9 x range width (10); the verdict needs gain > 1e-9 x spread
    assert abs(flip.value - 1.5) <= 1e-7
    assert (flip.below, flip.above) == ("does not pay off", "pays off") and flip.verified
    assert analyze_move(s, {"x": flip.value + 1e-6}).verdict == "pays off"
    assert analyze_move(s, {"x": flip.value - 1e-6}).verdict == "does not pay off"


def test_target_threshold(tmp_path):
    s = load(tmp_path, COURT)
    # B's value of keeping C after the move: standing +2 plus its tie value y -> flips at -2
    th = find_threshold(s, "y", kind="target")
    (flip,) = th.flips
    assert abs(flip.value + 2) <= 1e-9
    assert (flip.below, flip.above) == ("drops", "keeps")
    assert th.state == "keeps"
    assert threshold_sentence(th) == (
        "y would have to fall below −2.00 for B to prefer no tie with C; "
        "the scenario's value is 2.00, where B prefers a tie with C"
    )


def test_no_flip_in_range(tmp_path):
    s = load(tmp_path, COURT)
    # gain = x - cost + 2 with x = 0.5: cost in [0, 8] flips at 2.5, but with x = 6 the
    # gain is 8 - cost > 0 over the whole range
    th = find_threshold(s, "cost", {"x": 6})
    assert th.flips == () and th.margin is None
    assert threshold_sentence(th) == (
        "the move pays off for every cost in [0.00, 8.00]; the scenario's value is 3.50"
    )


def test_given_interval_and_default_range(tmp_path):
    s = load(tmp_path, COURT)
    th = find_threshold(s, "x", lo=2, hi=6)
    assert th.flips == () and th.range_source == "given"
    with pytest.raises(TriangleInputError, match="outside its declared range"):
        find_threshold(s, "x", lo=-10)
    with pytest.raises(TriangleInputError, match="need lo < hi"):
        find_threshold(s, "x", lo=3, hi=2)
    u = load(tmp_path, UNRANGED, "unranged.yaml")
    th = find_threshold(u, "x")
    # value 0.5: value ± 10·max(1, 0.5) = [-9.5, 10.5]
    assert (th.lo, th.hi, th.range_source) == (-9.5, 10.5, "default")
    assert any("no declared range" in n for n in th.notes)
    assert [round(f.value, 9) for f in th.flips] == [1.5]


def test_unknown_parameter_and_kind(tmp_path):
    s = load(tmp_path, COURT)
    with pytest.raises(
        TriangleInputError, match="unknown parameter 'z'.*known parameters: x, y, cost"
    ):
        find_threshold(s, "z")
    with pytest.raises(TriangleInputError, match="valid kinds: verdict, target"):
        find_threshold(s, "x", kind="roles")


def test_target_kind_needs_a_triangle(tmp_path):
    s = load(tmp_path, PENNIES)
    with pytest.raises(TriangleInputError, match="kind='target' needs"):
        find_threshold(s, "s", kind="target")


def test_mixed_equilibria_force_bisection(tmp_path):
    s = load(tmp_path, PENNIES)
    # gain = s/2 at the mixed equilibrium (test_analysis.PENNIES): payoffs are affine in s,
    # but every point needs the followers' mixed equilibrium, so the exact method does
    # not apply
    th = find_threshold(s, "s")
    assert th.method == "bisection"
    assert any("mixed equilibria" in n for n in th.notes)
    (flip,) = th.flips
    assert abs(flip.value) <= 1e-7
    assert (flip.below, flip.above) == ("does not pay off", "pays off") and flip.verified


def test_deterministic(tmp_path):
    s = load(tmp_path, COURT)
    assert to_data(find_threshold(s, "x")) == to_data(find_threshold(s, "x"))


def test_reverse_kissinger_rivalry_flip_is_above_the_scenario_value():
    path = Path(SCENARIOS) / "reverse_kissinger_2025.yaml"
    if not path.exists():
        pytest.skip("shipped scenario not present")
    s = load_scenario(path)
    th = find_threshold(s, "rivalry")
    assert th.state == "does not pay off"
    up = [f for f in th.flips if f.value > th.value]
    assert up, threshold_sentence(th)
    assert up[0].above == "pays off" and up[0].verified
    assert th.margin > 0 and math.isclose(th.margin, up[0].value - th.value)
    assert threshold_sentence(th).startswith("rivalry would have to exceed")


@pytest.fixture(scope="module")
def shipped():
    """Every shipped scenario with a move (the two cases and their counterfactuals)."""
    found = [load_scenario(p) for p in sorted(Path(SCENARIOS).glob("*.yaml"))]
    found = [s for s in found if s.move is not None]
    if not found:
        pytest.skip("shipped scenarios not present")
    return found


@settings(max_examples=12)
@given(data=st.data())
def test_flips_match_a_fine_grid(shipped, data):
    scenario = data.draw(st.sampled_from(shipped), label="scenario")
    parameter = data.draw(st.sampled_from(sorted(scenario.parameters)), label="parameter")
    kind = data.draw(st.sampled_from(["verdict", "target"]), label="kind")
    th = find_threshold(scenario, parameter, kind=kind)
    assert all(f.verified for f in th.flips) and th.notes == ()
    sentence = threshold_sentence(th)
    assert all(flip_value(f.value) in sentence for f in th.flips), sentence
    assert "None" not in sentence
    assert list(th.points) == sorted(th.points)
    # the state on each side of every flip, read off an independent grid
    grid = np.linspace(th.lo, th.hi, 401)
    result = sweep_move(scenario, [{parameter: float(x)} for x in grid])
    states = result.verdicts() if kind == "verdict" else list(result.target_states)
    edges = [th.lo, *th.points, th.hi]
    for k, x in enumerate(grid):
        if any(abs(x - p) <= 1e-9 * (th.hi - th.lo) for p in th.points):
            continue  # on a flip the game is degenerate; either side's state may hold
        j = int(np.searchsorted(edges, x, side="right")) - 1
        j = min(max(j, 0), len(edges) - 2)
        expected = (
            th.flips[j - 1].above if j > 0 else (th.flips[0].below if th.flips else states[k])
        )
        assert states[k] == expected, (parameter, x)
    if not th.flips:
        assert len(set(states)) == 1


@settings(max_examples=8)
@given(data=st.data())
def test_unverified_flips_are_the_verified_ones(shipped, data):
    """``verify=False`` skips the full solvers only: the same flips, states and sentence
    at random points of a shipped scenario, each flip marked unverified."""
    scenario = data.draw(st.sampled_from(shipped), label="scenario")
    parameter = data.draw(st.sampled_from(sorted(scenario.parameters)), label="parameter")
    selection = data.draw(st.sampled_from(["plausible", "optimistic", "pessimistic"]))
    others = {}
    for name, p in scenario.parameters.items():
        if name != parameter and data.draw(st.booleans(), label=f"move {name}"):
            lo, hi = p.range
            others[name] = data.draw(st.floats(lo, hi), label=name)
    full = find_threshold(scenario, parameter, others, selection=selection)
    quick = find_threshold(scenario, parameter, others, selection=selection, verify=False)
    assert [(f.value, f.below, f.above) for f in quick.flips] == [
        (f.value, f.below, f.above) for f in full.flips
    ]
    assert (quick.state, quick.steady, quick.margin) == (full.state, full.steady, full.margin)
    assert threshold_sentence(quick) == threshold_sentence(full)
    assert not any(f.verified for f in quick.flips)
    if quick.flips:
        assert "not checked with the full solvers" in " ".join(quick.notes)


def test_unverified_flip_at_one_and_a_half(tmp_path):
    th = find_threshold(load(tmp_path, COURT), "x", verify=False)
    (flip,) = th.flips
    assert abs(flip.value - 1.5) <= 1e-9 and not flip.verified
    assert (flip.below, flip.above) == ("does not pay off", "pays off")
    assert th.state == "does not pay off" and abs(th.margin - 1.0) <= 1e-9
