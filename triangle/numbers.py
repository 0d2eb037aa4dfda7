"""How numbers are written for people: every formatter of the package, in one place.

Each style serves one kind of text and is used for it everywhere, so a number reads
the same in a table, a sentence, a chart and an error message. Negative numbers use
the real minus sign U+2212 (``−0.65``) except in :func:`plain`, which writes numbers
back the way a user types them in a scenario file. JSON output never goes through
this module: it keeps full precision.

==================  ==========================================  ====================
style               used for                                    ``-0.65``, ``4``
==================  ==========================================  ====================
:func:`plain`       error messages about what a user wrote      ``-0.65``, ``4``
:func:`decimals`    tables (up to ``digits`` decimals, tiny     ``−0.65``, ``4``
                    numbers in significant digits)
:func:`brief`       explanations (2 decimals, one zero kept)    ``−0.65``, ``4.0``
:func:`fixed`       chart labels (exactly ``digits`` decimals)  ``−0.65``, ``4.00``
:func:`signed`      changes on charts (sign always shown)       ``−0.65``, ``+4.00``
:func:`flip_value`  threshold values (2 decimals, up to 4)      ``−0.65``, ``4.00``
==================  ==========================================  ====================

Very large and very small numbers: every style switches to scientific notation with
:data:`SIGNIFICANT` significant digits at ``|x| ≥ 1e6`` (:data:`LARGE`), so that no
number outgrows its column (``6e+12``, not ``6000000000000``); :func:`decimals` also
below ``|x| < 1e-3`` (:data:`SMALL`), so that nothing nonzero prints as ``0``. The
fixed-point styles (:func:`brief`, :func:`fixed`, :func:`signed`, :func:`flip_value`)
keep writing a tiny number as zero: they state gains and thresholds to a fixed number
of decimals, and a change of ``1e-13`` is rounding noise there. :func:`plain` also
switches, but keeps every digit needed to give the number back exactly
(``1e+15``, ``1.0000001e+20``), since it quotes what a user wrote.
"""

from __future__ import annotations

import math

MINUS = "\u2212"
"""The minus sign of every formatter but :func:`plain`."""

LARGE = 1e6
"""From this magnitude on, numbers are written in scientific notation."""
SMALL = 1e-3
"""Below this magnitude (and above zero), :func:`decimals` and :func:`plain` write
numbers in scientific notation."""
SIGNIFICANT = 4
"""Significant digits of a number in scientific notation (but in :func:`plain`)."""


def scientific(x: float, digits: int = SIGNIFICANT) -> str:
    """``x`` in scientific notation with up to ``digits`` significant digits, trailing
    zeros of the mantissa dropped, the real minus sign in front.

    >>> scientific(6e12), scientific(-1.23456e-7), scientific(1e308)
    ('6e+12', '\u22121.235e-07', '1e+308')
    """
    if not math.isfinite(x):
        return _minus(str(x))
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return _minus(f"{mantissa}e{exponent}")


def _outsized(x: float, small: bool = False) -> bool:
    """Whether ``x`` is written in scientific notation (see the module notes)."""
    size = abs(x)
    return size >= LARGE or (small and 0 < size < SMALL)


def _minus(text: str) -> str:
    """The leading minus sign as U+2212 (an exponent's sign stays ASCII: ``1e-10``)."""
    return MINUS + text[1:] if text.startswith("-") else text


def plain(x: float) -> str:
    """A number as a person would type it: ``3`` rather than ``3.0``, else ``repr``.

    Numbers of :data:`LARGE` magnitude or more (and below :data:`SMALL`) are written
    in scientific notation with as many digits as it takes to give them back exactly.

    >>> plain(3.0), plain(-0.65), plain(1e300), plain(1e15), plain(1234567.0), plain(1e-15)
    ('3', '-0.65', '1e+300', '1e+15', '1.234567e+06', '1e-15')
    """
    x = float(x)
    if not math.isfinite(x):
        return repr(x)
    if _outsized(x, small=True):
        for digits in range(17):
            text = f"{x:.{digits}e}"
            if float(text) == x:
                break
        mantissa, exponent = text.split("e")
        return f"{mantissa}e{exponent}"
    if x.is_integer():
        return str(int(x))
    return repr(x)


def decimals(x: float, digits: int = 4) -> str:
    """Up to ``digits`` decimals, no trailing zeros, no ``−0``; a nonzero number too
    small for that many decimals keeps ``digits`` significant digits instead, so that
    nothing nonzero prints as ``0``.

    Beyond :data:`LARGE` and below :data:`SMALL` in magnitude it writes
    :func:`scientific` notation.

    >>> decimals(-0.65), decimals(3.0), decimals(-1e-9), decimals(0.0), decimals(6e12)
    ('\u22120.65', '3', '\u22121e-09', '0', '6e+12')
    """
    x = float(x)
    if x == 0:
        return "0"
    if _outsized(x, small=True) or abs(x) < 0.5 * 10**-digits:
        return scientific(x, min(digits, SIGNIFICANT))
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return _minus(text)


def brief(x: float, signed: bool = False) -> str:
    """Two decimals with one trailing zero dropped, for explanations.

    >>> brief(4), brief(0.65), brief(-3), brief(0.001), brief(1.5, signed=True)
    ('4.0', '0.65', '\u22123.0', '0.0', '+1.5')
    """
    if _outsized(x):
        return ("+" if signed and x > 0 else "") + scientific(x)
    text = f"{abs(x):.2f}"
    if text.endswith("0"):
        text = text[:-1]
    if text in ("0.0", "0.00"):
        return "0.0"
    sign = MINUS if x < 0 else ("+" if signed else "")
    return sign + text


def fixed(x: float, digits: int = 2) -> str:
    """Exactly ``digits`` decimals, no ``−0.00``.

    >>> fixed(-0.65), fixed(4), fixed(-1e-13)
    ('\u22120.65', '4.00', '0.00')
    """
    if _outsized(x):
        return scientific(x)
    text = f"{x:.{digits}f}"
    if text.startswith("-"):
        text = MINUS + text[1:]
    if text.lstrip(MINUS).strip("0.") == "":
        text = text.lstrip(MINUS)
    return text


def signed(x: float, digits: int = 2) -> str:
    """:func:`fixed` with an explicit sign on non-zero numbers.

    >>> signed(3.2), signed(-0.65), signed(-0.0)
    ('+3.20', '\u22120.65', '0.00')
    """
    text = fixed(x, digits)
    if text.startswith(MINUS) or text.strip("0.") == "":
        return text
    return "+" + text


def flip_value(x: float) -> str:
    """Two decimals, or up to four when two would round the value (``1.325``).

    >>> flip_value(1.8), flip_value(1.325), flip_value(-0.12345)
    ('1.80', '1.325', '\u22120.1235')
    """
    if _outsized(x):
        return scientific(x)
    for digits in (2, 3):
        if abs(round(x, digits) - x) <= 1e-9 * max(1.0, abs(x)):
            break
    else:
        digits = 4
    return _minus(f"{x:.{digits}f}")


def tidy(x: float, scale: float | None = None) -> float:
    """``x`` without floating-point noise, for results and JSON: rounded to a
    quantum of 1e-12 × ``scale`` (``2.0999999999999996`` reads ``2.1``), so the
    rounding follows the units of the quantity, whatever they are.

    ``scale`` is what ``x`` is measured against: a player's payoff range for its
    payoffs and gains, a parameter's range for a value of it; without it, ``x``
    itself (12 significant digits). Values below half a quantum are 0; negative
    zero becomes 0; non-finite values pass through.

    Examples
    --------
    >>> tidy(2.0999999999999996), tidy(-5.551115123125783e-17, 1.0)
    (2.1, 0.0)
    >>> tidy(4.000000000000001e-13, 4e-12), tidy(4.000000000000001e-13, 1.0)
    (4e-13, 0.0)
    """
    x = float(x)
    if not math.isfinite(x) or x == 0.0:
        return x + 0.0
    scale = abs(float(scale)) if scale is not None else abs(x)
    if not math.isfinite(scale) or scale == 0.0:
        scale = abs(x)
    quantum = math.floor(math.log10(scale)) - 12  # the exponent of the quantum
    if abs(x) < 0.5 * 10.0**quantum:
        return 0.0
    digits = math.floor(math.log10(abs(x))) - quantum + 1  # significant digits kept
    return float(f"{x:.{min(17, max(1, digits)) - 1}e}") + 0.0
