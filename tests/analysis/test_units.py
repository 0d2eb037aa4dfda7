"""The analysis of a move does not depend on the units of any player's payoffs: scale
one player's payoffs by 10^-12 … 10^12 and shift them, and the verdict, the target's
state and the thresholds stay, while the mover's gain and its components scale with
the mover's payoffs — in the results and in the JSON (no rounding to a fixed number
of decimals)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangle.analysis import analyze_move
from triangle.report import to_data
from triangle.scenario import loads_scenario

CRISIS = """
format: 1
title: Crisis bargaining
players: [Challenger, Defender]
form: table
parameters:
  stake: {{value: 0.2, range: [0, 5], source: test}}
  audience: {{value: 0.2, range: [0, 5], source: test}}
  war_cost: {{value: 3, range: [0, 10], source: test}}
strategies:
  Challenger: [firm, back_down]
  Defender: [resist, concede]
payoffs:
  "firm, resist": ["{a} * (0 - war_cost) + {b}", "{c} * (0 - war_cost) + {d}"]
  "firm, concede": ["{a} * stake + {b}", "{c} * (0 - stake) + {d}"]
  "back_down, resist": ["{a} * (0 - audience) + {b}", "{c} * 1 + {d}"]
  "back_down, concede": ["{b}", "{d}"]
move: {{player: Challenger, from: back_down, to: firm, thresholds: [stake, audience]}}
"""


def crisis(a=1.0, b=0.0, c=1.0, d=0.0):
    return loads_scenario(CRISIS.format(a=repr(a), b=repr(b), c=repr(c), d=repr(d)))


@settings(max_examples=25, deadline=None)
@given(
    ea=st.integers(-12, 12),
    ec=st.integers(-12, 12),
    shift_a=st.floats(-1000, 1000),
    shift_c=st.floats(-1000, 1000),
)
def test_scaling_and_shifting_each_player_keeps_the_analysis(ea, ec, shift_a, shift_c):
    a, c = 10.0**ea, 10.0**ec
    base = analyze_move(crisis())
    scaled = analyze_move(crisis(a, shift_a * a, c, shift_c * c))
    assert scaled.verdict == base.verdict
    assert scaled.verdicts == base.verdicts
    for s in base.gains:
        assert math.isclose(scaled.gains[s].min, a * base.gains[s].min, rel_tol=1e-6)
        assert math.isclose(scaled.gains[s].max, a * base.gains[s].max, rel_tol=1e-6)
    data, data0 = to_data(scaled)["move"], to_data(base)["move"]
    assert math.isclose(data["gain"]["min"], a * data0["gain"]["min"], rel_tol=1e-6)
    for name, part in data0["decomposition"].items():
        assert math.isclose(data["decomposition"][name], a * part, rel_tol=1e-6, abs_tol=0)


@pytest.mark.parametrize("a", [1e-12, 1e12])
def test_thresholds_do_not_depend_on_the_units_of_the_payoffs(a):
    base = analyze_move(crisis(), thresholds=["stake", "audience"])
    scaled = analyze_move(crisis(a), thresholds=["stake", "audience"])
    for t0, t in zip(base.thresholds, scaled.thresholds, strict=True):
        assert [f.value for f in t.flips] == pytest.approx(
            [f.value for f in t0.flips], rel=1e-9, abs=0
        )
        if t0.margin is None:
            assert t.margin is None
        else:
            assert t.margin == pytest.approx(t0.margin, rel=1e-9, abs=0)


def test_a_gain_of_a_trillionth_is_not_rounded_to_zero():
    result = analyze_move(crisis(1e-12))
    assert result.gain.min == pytest.approx(0.4e-12, rel=1e-9, abs=0)
    assert to_data(result)["move"]["gain"]["min"] == pytest.approx(0.4e-12, rel=1e-9, abs=0)
    assert result.verdict == "pays off"


def test_thresholds_of_a_parameter_on_a_small_scale():
    # the stake is a quadrillionth of the other payoffs' units: the flip is found where
    # it is (3 in units of 1e-15), in the right direction, not rounded away
    text = CRISIS.format(a="1", b="0", c="1", d="0").replace(
        "stake: {value: 0.2, range: [0, 5], source: test}",
        "stake: {value: 2.0e-16, range: [0, 5.0e-15], source: test}",
    )
    text = text.replace('"a * stake', '"stake').replace("* stake +", "* stake * 1.0e+15 +")
    text = text.replace("* (0 - stake) +", "* (0 - stake * 1.0e+15) +")
    small = analyze_move(loads_scenario(text), thresholds=["stake"])
    base = analyze_move(crisis(), thresholds=["stake"])
    (t,), (t0,) = small.thresholds, base.thresholds
    assert t0.flips  # the base game has a flip in the stake
    assert [f.value for f in t.flips] == pytest.approx(
        [f.value * 1e-15 for f in t0.flips], rel=1e-9, abs=0
    )
    assert [(f.below, f.above) for f in t.flips] == [(f.below, f.above) for f in t0.flips]
