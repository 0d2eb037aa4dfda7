"""The words and numbers the charts show: the findings of report.prose and the number
formats of triangle.numbers, as the titles use them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangle.numbers import fixed, signed
from triangle.report.prose import finding


def test_finding_of_the_reverse_kissinger(analyses):
    text = finding(analyses[1])
    pivot = [a for a, r in analyses[1].after.triad.roles.items() if r == "pivot"]
    assert text.startswith("Courting Russia does not pay off for the US")
    assert pivot == ["Russia"]
    assert "Russia becomes the pivot" in text
    assert f"the US loses {fixed(-analyses[1].gain[0])}" in text


def test_finding_when_the_mover_becomes_the_pivot(analyses):
    after = analyses[0].after.triad.roles
    assert after["US"] == "pivot"
    gain = analyses[0].gain[0]
    text = finding(analyses[0])
    assert text.startswith("Courting China and the USSR pays off for the US")
    assert text.endswith(f"the US becomes the pivot and gains {fixed(gain)}")


def test_numbers_use_a_real_minus_sign():
    assert fixed(-0.65) == "\u22120.65"
    assert signed(0.65) == "+0.65"
    assert signed(-0.0) == "0.00"
    assert signed(-1e-13) == "0.00"


@settings(max_examples=40)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_signed_numbers_read_back_to_the_rounded_value(x):
    text = signed(x)
    assert text[0] in "+\u22120"
    assert float(text.replace("\u2212", "-")) == pytest.approx(round(x, 2), abs=0.006)
