"""The mover's gain as a Python user reads it: named bounds without float noise, one
number when the bounds agree, and results whose repr fits on a line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import COORDINATION, load

from triangle.analysis import Gain, analyze_move
from triangle.report.prose import gain_text

finite = st.floats(-1e6, 1e6, allow_nan=False)

# The follower fights a soft leader and yields to a tough one; the leader's payoff goes
# from 0.1 to 0.3, and 0.3 - 0.1 is 0.19999999999999998 in floating point.
NOISY = """\
format: 1
title: A gain that floating point writes badly
players: [Leader, Follower]
form: table
strategies: {Leader: [soft, tough], Follower: [fight, yield]}
payoffs:
  "soft, fight": [0.1, 1]
  "soft, yield": [1, 0]
  "tough, fight": [-1, -1]
  "tough, yield": [0.3, 0]
move: {player: Leader, from: soft, to: tough}
"""


def test_the_gain_reads_as_the_number_it_is(tmp_path):
    assert 0.3 - 0.1 != 0.2  # the noise this guards against
    a = analyze_move(load(tmp_path, NOISY))
    assert a.gain.min == 0.2 and a.gain.max == 0.2
    assert float(a.gain) == 0.2 and not a.gain.is_range
    assert repr(a.gain) == "Gain(0.2)"
    lo, hi = a.gain  # still a (min, max) pair
    assert (lo, hi) == (0.2, 0.2) and a.gain == Gain(0.2) == (0.2, 0.2)


def test_a_range_has_two_bounds_and_no_single_value(tmp_path):
    a = analyze_move(load(tmp_path, COORDINATION))
    # see support.COORDINATION: the plausible gain is [-2, 2]
    assert a.gain == Gain(-2.0, 2.0) and a.gain.is_range
    assert repr(a.gain) == "Gain(min=-2.0, max=2.0)"
    with pytest.raises(ValueError, match="use .min or .max"):
        float(a.gain)
    assert a.gains["optimistic"] == Gain(2.0, 2.0) and a.gains["pessimistic"] == Gain(-2.0, -2.0)


@given(finite, finite)
def test_repr_gives_back_the_gain(a, b):
    lo, hi = min(a, b), max(a, b)
    gain = Gain.of(lo, hi)
    assert eval(repr(gain), {"Gain": Gain}) == gain  # noqa: S307 - a repr, in a test
    # noise is dropped relative to the bounds themselves (12 significant digits)
    assert gain.min == pytest.approx(lo, rel=1e-12, abs=0)
    assert gain.max == pytest.approx(hi, rel=1e-12, abs=0)
    # one rule decides when a gain is a range: the repr and the report text agree
    assert gain.is_range == ("…" in gain_text(*gain))
    assert ("min=" in repr(gain)) == (gain.min != gain.max)


def test_results_have_a_repr_that_fits_a_line(tmp_path):
    a = analyze_move(load(tmp_path, NOISY, "noisy.yaml"))
    text = repr(a)
    assert text == (
        "MoveAnalysis(scenario='A gain that floating point writes badly', "
        "move='Leader: soft -> tough', verdict='pays off', gain=Gain(0.2))"
    )
    for side in (a.before, a.after):
        assert len(repr(side)) < 200 and "array" not in repr(side)
        assert len(repr(side.representative)) < 200
    assert repr(a.after).startswith(
        "Side(strategy='tough', payoffs={'Leader': 0.3, 'Follower': 0.0}"
    )
