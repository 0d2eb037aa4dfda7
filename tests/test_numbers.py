"""The number styles of :mod:`triangle.numbers`: one policy for very large and very
small numbers, so that no number outgrows a column or a sentence."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triangle.numbers import MINUS, brief, decimals, fixed, flip_value, plain, scientific, signed

FINITE = st.floats(allow_nan=False, allow_infinity=False)
STYLES = {
    "decimals": decimals,
    "decimals3": lambda x: decimals(x, 3),
    "brief": brief,
    "brief_signed": lambda x: brief(x, signed=True),
    "fixed": fixed,
    "signed": signed,
    "flip_value": flip_value,
}


@pytest.mark.parametrize("style", list(STYLES))
@given(x=FINITE)
def test_no_formatted_number_is_longer_than_twelve_characters(style, x):
    text = STYLES[style](x)
    assert len(text) <= 12, text
    assert "-" not in text.split("e")[0], text  # the real minus sign, never a hyphen


@given(x=FINITE)
def test_plain_gives_every_number_back_exactly(x):
    assert float(plain(x)) == x or (x == 0 and float(plain(x)) == 0)


@pytest.mark.parametrize(
    "x, text",
    [
        (1e308, "1e+308"),
        (6e12, "6e+12"),
        (-1234567.0, MINUS + "1.235e+06"),
        (999_999.0, "999999"),
        (1e-15, "1e-15"),
        (3.841e-06, "3.841e-06"),
        (0.0012, "0.0012"),
    ],
)
def test_decimals_switches_to_scientific_notation_at_the_policy_bounds(x, text):
    assert decimals(x) == text


def test_fixed_point_styles_switch_for_large_numbers_only():
    assert fixed(6e12) == "6e+12" and signed(6e12) == "+6e+12" and brief(-2e9) == MINUS + "2e+09"
    assert flip_value(1e7) == "1e+07"
    # a tiny change is rounding noise in a fixed number of decimals
    assert fixed(-1e-13) == "0.00" and brief(1e-9) == "0.0"


def test_plain_writes_large_and_small_numbers_in_scientific_notation():
    assert plain(1e15) == "1e+15" and plain(1e-15) == "1e-15" and plain(3.0) == "3"
    assert plain(1234567.0) == "1.234567e+06" and plain(-0.65) == "-0.65"


def test_scientific_of_infinity_says_so():
    assert scientific(math.inf) == "inf" and scientific(-math.inf) == MINUS + "inf"
